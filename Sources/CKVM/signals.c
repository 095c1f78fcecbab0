// Host signals that belong to the target. dunetrace and the target are one host process, so
// a signal sent to it (SIGINT from the terminal, SIGALRM from alarm(), SIGCHLD, kill(1)...) is
// meant for the target: the handler queues it with its siginfo and kicks the vCPU out of
// KVM_RUN (or a host syscall out with EINTR); the tracer then delivers it as the target's own
// disposition says. dunetrace never blocks signals itself: the target's mask is virtual.
#define _GNU_SOURCE
#include "ckvm_internal.h"
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define DT_NSIG 65

static volatile sig_atomic_t pending[DT_NSIG];
static siginfo_t pending_info[DT_NSIG];
static __thread struct kvm_run *volatile current_run;

static volatile int kicks_outstanding;

static void on_signal(int sig, siginfo_t *info, void *uc) {
    (void)uc;
    // dunetrace's own kick (see dt_kick_thread): out of KVM_RUN, and nothing for the target.
    if (sig == SIGURG && info->si_code == SI_TKILL && info->si_pid == getpid() &&
        __atomic_load_n(&kicks_outstanding, __ATOMIC_SEQ_CST) > 0) {
        __atomic_sub_fetch(&kicks_outstanding, 1, __ATOMIC_SEQ_CST);
        struct kvm_run *run = current_run;
        if (run) run->immediate_exit = 1;
        return;
    }
    // A fault of dunetrace itself (not one sent by someone) is a bug: crash as usual.
    if ((sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) &&
        info->si_code > 0) {
        signal(sig, SIG_DFL);
        return;
    }
    if (sig <= 0 || sig >= DT_NSIG) return;
    if (!pending[sig]) pending_info[sig] = *info;  // standard signals coalesce, as natively
    pending[sig] = 1;
    struct kvm_run *run = current_run;
    if (run) run->immediate_exit = 1;
}

int dt_signals_install(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO;  // no SA_RESTART: a blocked host syscall must come back with EINTR
    sigfillset(&sa.sa_mask);
    for (int sig = 1; sig < DT_NSIG; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        if (sig >= 32 && sig < SIGRTMIN) continue;  // glibc's own (cancellation, setxid)
        if (sigaction(sig, &sa, NULL) < 0) return -1;
    }
    sigset_t none;
    sigemptyset(&none);
    return sigprocmask(SIG_SETMASK, &none, NULL);
}

uint64_t dt_signals_pending(void) {
    uint64_t m = 0;
    for (int sig = 1; sig < DT_NSIG; sig++)
        if (pending[sig]) m |= 1ULL << (sig - 1);
    return m;
}

int dt_signal_take(int sig, void *info128) {
    if (sig <= 0 || sig >= DT_NSIG || !pending[sig]) return 0;
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);  // the handler must not rewrite it while we copy
    memcpy(info128, &pending_info[sig], sizeof(siginfo_t));
    pending[sig] = 0;
    sigprocmask(SIG_SETMASK, &old, NULL);
    return 1;
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

uint64_t dt_signals_inherited(uint64_t *ignored) {
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    uint64_t mask = 0, ign = 0;
    for (int sig = 1; sig < DT_NSIG; sig++) {
        if (sigismember(&cur, sig) == 1) mask |= 1ULL << (sig - 1);
        struct sigaction sa;
        if (sigaction(sig, NULL, &sa) == 0 && !(sa.sa_flags & SA_SIGINFO) && sa.sa_handler == SIG_IGN)
            ign |= 1ULL << (sig - 1);
    }
    *ignored = ign;
    return mask;
}
