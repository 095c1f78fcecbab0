// Host signals that belong to the target. dunetrace and the target are one host process, so
// a signal sent to it (SIGINT from the terminal, SIGALRM from alarm(), SIGCHLD, kill(1)...) is
// meant for the target: the handler queues it with its siginfo and kicks a vCPU that can take
// it out of KVM_RUN (or a host syscall out with EINTR); the tracer then delivers it as the
// target's own disposition says. dunetrace never blocks signals itself: the target's mask is
// virtual, and published here so that routing can honour it.
#define _GNU_SOURCE
#include "ckvm_internal.h"
#include <pthread.h>
#include <signal.h>
#include <ucontext.h>
#include <string.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

#define DT_NSIG 65
#define DT_MAX_TARGET_THREADS 1024

static __thread struct kvm_run *volatile current_run;

// The target's threads and their (virtual) blocked masks, for routing a process signal to a
// thread that can take it, as the kernel's complete_signal does.
static struct {
    volatile int tid;
    volatile uint64_t mask;
} targets[DT_MAX_TARGET_THREADS];
static __thread int my_slot = -1;

static volatile int kicks_outstanding;

extern const char dt_target_syscall_insn[], dt_target_syscall_eintr[];
int64_t dt_target_syscall_core(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                               uint64_t a4, uint64_t a5, volatile int *kick);

// Set by every kick of this thread; dt_target_syscall returns EINTR while it is set.
static __thread volatile int kick_pending;

void dt_kick_pending_clear(void) { kick_pending = 0; }

int64_t dt_target_syscall(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
                          uint64_t a3, uint64_t a4, uint64_t a5) {
    return dt_target_syscall_core(nr, a0, a1, a2, a3, a4, a5, &kick_pending);
}

// Out of KVM_RUN (now or at the next entry), and out of a target's host call that is about
// to start: `uc` is the interrupted context (see targetsyscall.S).
static void kick_self(void *ucv) {
    struct kvm_run *run = current_run;
    if (run) run->immediate_exit = 1;
    kick_pending = 1;
    ucontext_t *uc = ucv;
    if (!uc) return;
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (pc >= (uintptr_t)&dt_target_syscall_core && pc <= (uintptr_t)dt_target_syscall_insn)
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)dt_target_syscall_eintr;
}

// A process signal goes to the thread that caught it if it does not block it, otherwise to
// the first target thread that does not; with none, it waits for one to unblock it.
static void route(int sig, void *uc) {
    uint64_t bit = 1ULL << (sig - 1);
    if (my_slot >= 0 && !(targets[my_slot].mask & bit)) {
        kick_self(uc);
        return;
    }
    for (int i = 0; i < DT_MAX_TARGET_THREADS; i++) {
        int tid = targets[i].tid;
        if (tid > 0 && !(targets[i].mask & bit)) {
            dt_kick_thread(tid);
            return;
        }
    }
}

// POSIX timers that signal one thread (SIGEV_THREAD_ID): their SI_TIMER signals are that
// thread's own, as rt_tgsigqueueinfo's are; nothing in the siginfo says so. Timer id + 1.
#define DT_MAX_THREAD_TIMERS 1024
static volatile int thread_timers[DT_MAX_THREAD_TIMERS];

static int signals_one_thread(int timerid) {
    for (int i = 0; i < DT_MAX_THREAD_TIMERS; i++)
        if (thread_timers[i] == timerid + 1) return 1;
    return 0;
}

int dt_signals_thread_timer(int timerid, int add) {
    for (int i = 0; i < DT_MAX_THREAD_TIMERS; i++) {
        if (add && thread_timers[i] == 0) {
            __atomic_store_n(&thread_timers[i], timerid + 1, __ATOMIC_SEQ_CST);
            return 0;
        }
        if (!add && thread_timers[i] == timerid + 1) {
            __atomic_store_n(&thread_timers[i], 0, __ATOMIC_SEQ_CST);
            return 0;
        }
    }
    return -1;
}

void dt_signals_forget_timers(void) { memset((void *)thread_timers, 0, sizeof thread_timers); }

// Another process of the trace asks this one to end as SIGKILL would, after recording its
// end (the target killed it; a real SIGKILL would lose its unwritten events): SIGURG queued
// with a value only dunetrace's processes know, drawn at start and shared through fork.
static uint64_t kill_nonce;
static volatile int kill_requested;

uint64_t dt_kill_request_value(void) { return kill_nonce; }
int dt_kill_requested(void) { return __atomic_load_n(&kill_requested, __ATOMIC_SEQ_CST); }

static void on_kill_request(void *uc) {
    __atomic_store_n(&kill_requested, 1, __ATOMIC_SEQ_CST);
    if (my_slot >= 0) kick_self(uc);
    for (int i = 0; i < DT_MAX_TARGET_THREADS; i++) {
        int tid = targets[i].tid;
        if (tid > 0 && (my_slot < 0 || i != my_slot)) dt_kick_thread(tid);
    }
}

static void on_signal(int sig, siginfo_t *info, void *uc) {
    if (sig == SIGURG && info->si_code == SI_QUEUE && kill_nonce != 0 &&
        (uint64_t)(uintptr_t)info->si_value.sival_ptr == kill_nonce) {
        on_kill_request(uc);
        return;
    }
    // The SIGURG that stands for a SIGKILL the kernel sends by itself (kernelkill.c).
    if (sig == SIGURG && dt_kernel_kill_is_from(info)) {
        on_kill_request(uc);
        return;
    }
    // dunetrace's own kick (see dt_kick_thread): out of KVM_RUN, and nothing for the target.
    if (sig == SIGURG && info->si_code == SI_TKILL && info->si_pid == getpid() &&
        __atomic_load_n(&kicks_outstanding, __ATOMIC_SEQ_CST) > 0) {
        __atomic_sub_fetch(&kicks_outstanding, 1, __ATOMIC_SEQ_CST);
        kick_self(uc);
        return;
    }
    // A fault of dunetrace itself (not one sent by someone) is a bug: crash as usual.
    if ((sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) &&
        info->si_code > 0) {
        signal(sig, SIG_DFL);
        return;
    }
    if (sig <= 0 || sig >= DT_NSIG) return;
    // A standard signal already queued here coalesces with it: this thread holds it off on the
    // host until the tracer takes the queued one (dt_signal_next). A timer firing faster than
    // this handler runs (a 1 us SIGALRM) would otherwise keep the thread in this handler for
    // good, and keep every higher signal (SIGTERM from outside) from being taken at all.
    if (sig < 32 && uc && dt_signal_is_queued(sig)) {
        uint64_t bit = 1ULL << (sig - 1);
        *(uint64_t *)&((ucontext_t *)uc)->uc_sigmask |= bit;
        dt_signals_throttled_add(bit);
    }
    // tgkill, tkill and a SIGEV_THREAD_ID timer name a thread: the kernel ran this handler on it.
    if (my_slot >= 0 && (info->si_code == SI_TKILL || (info->si_code == SI_TIMER && signals_one_thread(info->si_timerid)))) {
        dt_sigqueue_add(1, sig, info);
        kick_self(uc);
        return;
    }
    dt_sigqueue_add(0, sig, info);
    route(sig, uc);
}

static void *no_work(void *arg) { return arg; }

// The kernel's struct sigaction on x86-64.
struct kernel_sigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

static struct kernel_sigaction installed;

// The host's disposition follows the target's for the signals whose disposition the kernel
// reads outside delivery. SIGCHLD (do_notify_parent): ignored, the child is reaped at once and
// nothing is sent; SA_NOCLDWAIT reaps it at once and still sends; SA_NOCLDSTOP sends nothing
// for a stop or a continue. SIGTTOU and SIGTTIN (the tty's job control): ignored, a background
// process's tty call goes on (a read gets EIO) instead of being sent the signal and restarted.
// Otherwise dunetrace's handler as for every signal.
int dt_signals_host_disposition(int sig, int ignore, uint64_t flags) {
    if (!installed.handler) return 0;
    struct kernel_sigaction k = installed;
    if (ignore) k.handler = (void *)SIG_IGN;
    else if (sig == SIGCHLD) k.flags |= flags & (SA_NOCLDWAIT | SA_NOCLDSTOP);
    return (int)syscall(SYS_rt_sigaction, sig, &k, NULL, 8);
}

// Every signal but SIGKILL and SIGSTOP is caught, with every signal blocked while the handler
// runs (it takes sigqueue.c's lock). That includes 32 and 33, which glibc keeps for itself
// (thread cancellation and SIGEV_THREAD timers; set*id in threaded programs) and will not
// let sigaction or sigfillset touch: the target's glibc uses them, dunetrace never does (it
// cancels no thread, and the target's set*id calls run as raw syscalls). They are installed
// with the kernel's call, after glibc's first-thread setup, which would put its own back.
int dt_signals_install(void) {
    if (kill_nonce == 0 && syscall(SYS_getrandom, &kill_nonce, sizeof kill_nonce, 0) != sizeof kill_nonce) kill_nonce = 0;
    pthread_t t;
    if (pthread_create(&t, NULL, no_work, NULL) == 0) pthread_join(t, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO;  // no SA_RESTART: a blocked host syscall must come back with EINTR
    if (sigaction(SIGUSR1, &sa, NULL) < 0) return -1;
    struct kernel_sigaction k;  // glibc's restorer comes with it
    if (syscall(SYS_rt_sigaction, SIGUSR1, NULL, &k, 8) < 0) return -1;
    k.mask = ~0ULL;
    installed = k;
    for (int sig = 1; sig < DT_NSIG; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        if (syscall(SYS_rt_sigaction, sig, &k, NULL, 8) < 0) return -1;
    }
    return dt_signals_set_host_mask(0);
}

// Signals that some signalfd of the target reads (see SignalFD.swift).
static volatile uint64_t mirrored;

uint64_t dt_signals_mirrored(void) { return __atomic_load_n(&mirrored, __ATOMIC_RELAXED); }

uint64_t dt_signals_mirror_add(uint64_t mask) { return __atomic_fetch_or(&mirrored, mask, __ATOMIC_SEQ_CST); }

static void to_sigset(uint64_t mask, sigset_t *set) {
    sigemptyset(set);
    for (int sig = 1; sig < DT_NSIG; sig++)
        if (mask & (1ULL << (sig - 1))) sigaddset(set, sig);
}

// The kernel's call: glibc's would leave 32 and 33 out.
int dt_signals_set_host_mask(uint64_t mask) {
    return syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, NULL, 8) == 0 ? 0 : -1;
}

uint64_t dt_signals_host_pending(void) {
    sigset_t set;
    uint64_t m = 0;
    if (sigpending(&set) < 0) return 0;
    for (int sig = 1; sig < DT_NSIG; sig++)
        if (sigismember(&set, sig) == 1) m |= 1ULL << (sig - 1);
    return m;
}

int dt_signals_host_take(uint64_t mask, void *info128, int64_t wait_ns) {
    sigset_t set;
    to_sigset(mask, &set);
    struct timespec wait = {(time_t)(wait_ns / 1000000000), (long)(wait_ns % 1000000000)};
    memset(info128, 0, 128);
    int sig = sigtimedwait(&set, (siginfo_t *)info128, &wait);
    return sig > 0 ? sig : 0;
}

int dt_signals_requeue(int tid, int sig, const void *info128) {
    siginfo_t info;
    memcpy(&info, info128, sizeof info);
    long r = tid > 0 ? syscall(SYS_rt_tgsigqueueinfo, getpid(), tid, sig, &info)
                     : syscall(SYS_rt_sigqueueinfo, getpid(), sig, &info);
    return r == 0 ? 0 : -1;
}

int dt_signals_register_thread(uint64_t mask) {
    int tid = (int)syscall(SYS_gettid);
    if (my_slot >= 0) {
        targets[my_slot].mask = mask;
        __atomic_store_n(&targets[my_slot].tid, tid, __ATOMIC_SEQ_CST);
        return my_slot;
    }
    for (int i = 0; i < DT_MAX_TARGET_THREADS; i++) {
        // Claimed with -1 first, which routing skips, so the mask is right once it is seen.
        int none = 0;
        if (__atomic_compare_exchange_n(&targets[i].tid, &none, -1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
            targets[i].mask = mask;
            __atomic_store_n(&targets[i].tid, tid, __ATOMIC_SEQ_CST);
            my_slot = i;
            return i;
        }
    }
    return -1;  // more threads than slots: this one takes process signals only when it exits
}

void dt_signals_unregister_thread(void) {
    if (my_slot < 0) return;
    __atomic_store_n(&targets[my_slot].tid, 0, __ATOMIC_SEQ_CST);
    my_slot = -1;
}

void dt_signals_publish_mask(int slot, uint64_t mask) {
    if (slot >= 0 && slot < DT_MAX_TARGET_THREADS) targets[slot].mask = mask;
}

void dt_signals_after_fork(void) {
    // The child is the calling thread alone, with nothing pending (fork(2)).
    int keep = my_slot;
    for (int i = 0; i < DT_MAX_TARGET_THREADS; i++)
        if (i != keep) targets[i].tid = 0;
    if (keep >= 0) targets[keep].tid = (int)syscall(SYS_gettid);
    dt_sigqueue_after_fork();
    dt_kernel_kill_after_fork();
}

void dt_signals_set_current_vcpu(dt_vcpu *c) { current_run = c ? c->run : NULL; }

int dt_kick_thread(int tid) {
    __atomic_add_fetch(&kicks_outstanding, 1, __ATOMIC_SEQ_CST);
    if (syscall(SYS_tgkill, getpid(), tid, SIGURG) == 0) return 0;
    __atomic_sub_fetch(&kicks_outstanding, 1, __ATOMIC_SEQ_CST);
    return -1;
}

void dt_signals_forget_vcpu(dt_vcpu *c) {
    if (c && current_run == c->run) current_run = NULL;
}

// The kernel's calls: glibc's hide 32 and 33, which a parent may well leave ignored.
uint64_t dt_signals_inherited(uint64_t *ignored) {
    uint64_t mask = 0, ign = 0;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &mask, 8);
    for (int sig = 1; sig < DT_NSIG; sig++) {
        struct kernel_sigaction k;
        if (syscall(SYS_rt_sigaction, sig, NULL, &k, 8) == 0 && k.handler == (void *)SIG_IGN)
            ign |= 1ULL << (sig - 1);
    }
    *ignored = ign;
    return mask;
}
