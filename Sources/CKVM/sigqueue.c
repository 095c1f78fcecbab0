// The target's pending signals, kept as the kernel keeps them: a set shared by the process
// (kill, sigqueue, alarm, SIGCHLD...) and one per thread (tgkill, pthread_sigqueue, a
// SIGEV_THREAD_ID timer). A standard signal is pending at most once (more coalesce); every
// instance of a real-time signal queues with its own siginfo, oldest first. Instances come
// from one pool bounded like RLIMIT_SIGPENDING. The signal handler (signals.c) adds to these
// with every signal blocked; everyone else blocks signals around the lock too, so a handler
// never spins on a lock its own thread holds.
#define _GNU_SOURCE
#include "ckvm_internal.h"
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define DT_NSIG 65
#define DT_FIRST_RT 32     // the kernel's SIGRTMIN (glibc keeps 32 and 33 for itself)
#define DT_QUEUE_MAX 16384 // instances pending at once, whatever RLIMIT_SIGPENDING allows

// Signals the kernel dequeues before any other (next_signal's SYNCHRONOUS_MASK).
#define SYNCHRONOUS ((1ULL << (SIGSEGV - 1)) | (1ULL << (SIGBUS - 1)) | (1ULL << (SIGILL - 1)) | \
                     (1ULL << (SIGTRAP - 1)) | (1ULL << (SIGFPE - 1)) | (1ULL << (SIGSYS - 1)))

struct instance {
    int next;   // index + 1 of the signal's next instance; 0 at the end (or in the free list)
    int stale;  // a timer's expiry from before timer_settime or timer_delete: never delivered
    siginfo_t info;
};
static struct instance pool[DT_QUEUE_MAX];
static int pool_free;   // index + 1 of the first freed entry, 0 for none
static int pool_fresh;  // entries from here on were never used
static volatile int pool_used;
static volatile int pool_lock;

struct pending_set {
    volatile uint64_t mask;            // signals with something pending
    uint64_t lost;                     // pending with no siginfo: the pool had no room for it
    int head[DT_NSIG], tail[DT_NSIG];  // each signal's instances, oldest first (index + 1)
    volatile uint64_t *published;      // where other processes of the trace read `mask` (or NULL)
};
static struct pending_set process_pending;
static __thread struct pending_set thread_pending;

// The set's mask where another process of the trace reads it (/proc/PID/status): stored after
// every change, with the lock held, so the last store is the current mask.
static void publish(struct pending_set *set) {
    volatile uint64_t *where = set->published;
    if (where) __atomic_store_n(where, set->mask, __ATOMIC_RELAXED);
}

static void lock_pool(void) {
    while (__atomic_exchange_n(&pool_lock, 1, __ATOMIC_ACQUIRE)) __builtin_ia32_pause();
}
static void unlock_pool(void) { __atomic_store_n(&pool_lock, 0, __ATOMIC_RELEASE); }

// The kernel's call: glibc's would leave 32 and 33 unblocked, and their handler takes the lock.
static void block_all(uint64_t *old) {
    uint64_t all = ~0ULL;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &all, old, 8);
}
static void restore(const uint64_t *old) { syscall(SYS_rt_sigprocmask, SIG_SETMASK, old, NULL, 8); }

static int sigpending_limit(void) {
    struct rlimit r;
    if (getrlimit(RLIMIT_SIGPENDING, &r) < 0 || r.rlim_cur >= DT_QUEUE_MAX) return DT_QUEUE_MAX;
    return (int)r.rlim_cur;
}

// As the kernel's __send_signal_locked (caller holds the lock): a standard signal already
// pending is dropped; a timer's signal still pending counts an overrun instead (the kernel
// preallocates one per timer); otherwise a new instance queues while the limit allows, which
// kill's and the kernel's standard signals may pass. Without room the signal is pending with
// no siginfo (kill, and standard signals) or dropped (an RT signal carrying data: its sender
// got EAGAIN, see dt_signals_would_refuse). `force`: re-queued, already counted once.
static void drop_all(struct pending_set *set, int sig);

#define STOP_SIGNALS ((1ULL << (SIGSTOP - 1)) | (1ULL << (SIGTSTP - 1)) | (1ULL << (SIGTTIN - 1)) | (1ULL << (SIGTTOU - 1)))

static void add(struct pending_set *set, int sig, const siginfo_t *info, int force) {
    uint64_t bit = 1ULL << (sig - 1);
    // The kernel's prepare_signal: SIGCONT discards the pending stop signals, and a stop
    // signal a pending SIGCONT, of the process and of this thread (a SIGTSTP queued before
    // the SIGCONT that answered it must not stop the process afterwards).
    uint64_t discarded = sig == SIGCONT ? STOP_SIGNALS : (bit & STOP_SIGNALS) ? 1ULL << (SIGCONT - 1) : 0;
    for (int other = 1; discarded && other < DT_FIRST_RT; other++) {
        if (!(discarded & (1ULL << (other - 1)))) continue;
        drop_all(&process_pending, other);
        drop_all(&thread_pending, other);
        if (set != &process_pending && set != &thread_pending) drop_all(set, other);
    }
    // The kernel's send_sigqueue looks for the timer's own queued instance before anything
    // else: a standard signal's too, or its overruns would be lost with the coalesced expiry.
    if (info->si_code == SI_TIMER) {
        for (int e = set->head[sig]; e; e = pool[e - 1].next) {
            if (pool[e - 1].info.si_timerid == info->si_timerid) {
                if (pool[e - 1].stale) pool[e - 1].info = *info;  // re-armed: valid again
                else pool[e - 1].info.si_overrun += info->si_overrun + 1;
                pool[e - 1].stale = 0;
                return;
            }
        }
    }
    if (sig < DT_FIRST_RT && (set->mask & bit) && info->si_code != SI_TIMER) return;
    int exempt = force || info->si_code == SI_TIMER || (sig < DT_FIRST_RT && info->si_code >= 0);
    int room = pool_used < DT_QUEUE_MAX && (exempt || pool_used < sigpending_limit());
    if (!room) {
        if (sig < DT_FIRST_RT || info->si_code == SI_USER) {
            set->lost |= bit;
            __atomic_or_fetch(&set->mask, bit, __ATOMIC_SEQ_CST);
            publish(set);
        }
        return;
    }
    int e = pool_free;
    if (e) pool_free = pool[e - 1].next;
    else e = ++pool_fresh;
    pool_used++;
    pool[e - 1].next = 0;
    pool[e - 1].stale = 0;
    pool[e - 1].info = *info;
    if (set->tail[sig]) pool[set->tail[sig] - 1].next = e;
    else set->head[sig] = e;
    set->tail[sig] = e;
    __atomic_or_fetch(&set->mask, bit, __ATOMIC_SEQ_CST);
    publish(set);
}

static void unlink_head(struct pending_set *set, int sig) {
    int e = set->head[sig];
    set->head[sig] = pool[e - 1].next;
    if (!set->head[sig]) set->tail[sig] = 0;
    pool[e - 1].next = pool_free;
    pool_free = e;
    pool_used--;
}

// Every instance of `sig` in `set` goes (lock held).
static void drop_all(struct pending_set *set, int sig) {
    uint64_t bit = 1ULL << (sig - 1);
    if (!(set->mask & bit)) return;
    while (set->head[sig]) unlink_head(set, sig);
    set->lost &= ~bit;
    __atomic_and_fetch(&set->mask, ~bit, __ATOMIC_SEQ_CST);
    publish(set);
}

// As the kernel's collect_signal (lock held): the oldest instance; one pending without
// siginfo reads as a bare SI_USER. The signal stays pending while instances remain. A stale
// timer expiry is dropped on the way, as the kernel's dequeue_signal drops it (0 if that was all).
static int take(struct pending_set *set, int sig, siginfo_t *out) {
    uint64_t bit = 1ULL << (sig - 1);
    if (!(set->mask & bit)) return 0;
    int stale = 0;
    while (set->head[sig] && pool[set->head[sig] - 1].stale) {
        unlink_head(set, sig);
        stale = 1;
    }
    int e = set->head[sig];
    if (e) {
        *out = pool[e - 1].info;
        unlink_head(set, sig);
    } else if (stale && !(set->lost & bit)) {
        __atomic_and_fetch(&set->mask, ~bit, __ATOMIC_SEQ_CST);
        publish(set);
        return 0;
    } else {
        memset(out, 0, sizeof *out);
        out->si_signo = sig;
        out->si_code = SI_USER;
    }
    if (!set->head[sig]) {
        set->lost &= ~bit;
        __atomic_and_fetch(&set->mask, ~bit, __ATOMIC_SEQ_CST);
        publish(set);
    }
    return 1;
}

// The kernel's next_signal: synchronous signals first, then the lowest number.
static int next(const struct pending_set *set, uint64_t blocked) {
    uint64_t ready = set->mask & ~blocked;
    if (ready & SYNCHRONOUS) ready &= SYNCHRONOUS;
    return ready ? __builtin_ctzll(ready) + 1 : 0;
}

void dt_sigqueue_add(int to_thread, int sig, const siginfo_t *info) {
    lock_pool();
    add(to_thread ? &thread_pending : &process_pending, sig, info, 0);
    unlock_pool();
}

uint64_t dt_signals_pending(void) {
    return __atomic_load_n(&thread_pending.mask, __ATOMIC_RELAXED) | __atomic_load_n(&process_pending.mask, __ATOMIC_RELAXED);
}
uint64_t dt_signals_thread_pending(void) { return __atomic_load_n(&thread_pending.mask, __ATOMIC_RELAXED); }
uint64_t dt_signals_process_pending(void) { return __atomic_load_n(&process_pending.mask, __ATOMIC_RELAXED); }

int dt_signal_is_queued(int sig) {
    uint64_t bit = 1ULL << (sig - 1);
    return ((__atomic_load_n(&thread_pending.mask, __ATOMIC_RELAXED) | __atomic_load_n(&process_pending.mask, __ATOMIC_RELAXED)) & bit) != 0;
}

// The process stops for a stop signal the target took, unless a SIGCONT came after it was
// taken: natively the kernel decides both under one lock, so that SIGCONT would continue the
// stopped process at once; here it reached dunetrace before its own stop and would leave it
// stopped for ever. Checked last thing before the stop, with this thread's signals blocked.
// The stop is the target's own signal, taken by the host's default action on this thread: the
// parent's wait sees that signal (WSTOPSIG 20 for SIGTSTP, not 19), and the kernel discards
// SIGTSTP, SIGTTIN and SIGTTOU in an orphaned process group, as it does for the target.
int dt_signals_stop_process(int sig) {
    uint64_t old;
    block_all(&old);
    // Queued, or sent to dunetrace and not yet taken by its handler (blocked on every thread).
    sigset_t host;
    int continued = dt_signal_is_queued(SIGCONT) || (sigpending(&host) == 0 && sigismember(&host, SIGCONT));
    if (!continued) {
        if (sig == SIGSTOP) {
            kill(getpid(), SIGSTOP);
        } else {
            // The kernel's struct sigaction: handler, flags, restorer, mask (SIG_DFL: zeros).
            uint64_t dfl[4] = {0, 0, 0, 0}, saved[4];
            syscall(SYS_rt_sigaction, sig, dfl, saved, 8);
            syscall(SYS_tgkill, getpid(), gettid(), sig);
            // Taken here, on return from this call: the stop, or nothing when it is discarded.
            uint64_t only = ~(1ULL << (sig - 1)), all = ~0ULL;
            syscall(SYS_rt_sigprocmask, SIG_SETMASK, &only, NULL, 8);
            syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, NULL, 8);
            syscall(SYS_rt_sigaction, sig, saved, NULL, 8);
        }
    }
    restore(&old);
    return !continued;
}

// Standard signals this thread holds off on the host while one is queued (signals.c).
static __thread uint64_t throttled;

void dt_signals_throttled_add(uint64_t bits) { throttled |= bits; }

int dt_signal_next(uint64_t blocked, void *info128) {
    uint64_t old;
    block_all(&old);
    lock_pool();
    siginfo_t info;
    int sig;
    while ((sig = next(&thread_pending, blocked)) && !take(&thread_pending, sig, &info)) {}
    if (!sig)
        while ((sig = next(&process_pending, blocked)) && !take(&process_pending, sig, &info)) {}
    unlock_pool();
    restore(&old);
    // The queued one is being taken: the host may hand this thread the next again.
    uint64_t held = throttled;
    if (held) {
        throttled = 0;
        syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &held, NULL, 8);
    }
    if (sig) memcpy(info128, &info, sizeof info);
    return sig;
}

static int take_from(struct pending_set *set, int sig, void *info128) {
    if (sig <= 0 || sig >= DT_NSIG) return 0;
    uint64_t old;
    block_all(&old);
    lock_pool();
    siginfo_t info;
    int taken = take(set, sig, &info);
    unlock_pool();
    restore(&old);
    if (taken) memcpy(info128, &info, sizeof info);
    return taken;
}

int dt_signal_take_thread(int sig, void *info128) { return take_from(&thread_pending, sig, info128); }
int dt_signal_take_process(int sig, void *info128) { return take_from(&process_pending, sig, info128); }

static void queue(struct pending_set *set, int sig, const void *info128, int force) {
    if (!set || sig <= 0 || sig >= DT_NSIG) return;
    siginfo_t info;
    memcpy(&info, info128, sizeof info);
    uint64_t old;
    block_all(&old);
    lock_pool();
    add(set, sig, &info, force);
    unlock_pool();
    restore(&old);
}

void dt_signal_queue_thread(int sig, const void *info128) { queue(&thread_pending, sig, info128, 1); }
void dt_signal_queue_process(int sig, const void *info128) { queue(&process_pending, sig, info128, 1); }

void *dt_signals_thread_set(void) { return &thread_pending; }
void *dt_signals_process_set(void) { return &process_pending; }

uint64_t dt_signals_set_mask(const void *set) {
    return set ? __atomic_load_n(&((const struct pending_set *)set)->mask, __ATOMIC_RELAXED) : 0;
}

void dt_signals_publish_pending(void *set, uint64_t *where) {
    struct pending_set *s = set;
    if (!s) return;
    uint64_t old;
    block_all(&old);
    lock_pool();
    s->published = where;
    publish(s);
    unlock_pool();
    restore(&old);
}

void dt_signal_queue_to(void *thread_set, int sig, const void *info128) { queue(thread_set, sig, info128, 0); }

void dt_signals_timer_rearmed(void *thread_set, int timerid) {
    struct pending_set *set = thread_set ? thread_set : &process_pending;
    uint64_t old;
    block_all(&old);
    lock_pool();
    for (int sig = 1; sig < DT_NSIG; sig++)
        for (int e = set->head[sig]; e; e = pool[e - 1].next)
            if (pool[e - 1].info.si_code == SI_TIMER && pool[e - 1].info.si_timerid == timerid) pool[e - 1].stale = 1;
    unlock_pool();
    restore(&old);
}

// Every queued instance of `sig` in a thread's set (NULL: the process's) goes: sigaction to
// SIG_IGN, or to SIG_DFL of a signal ignored by default, discards it (POSIX; do_sigaction).
void dt_signals_discard(void *thread_set, int sig) {
    if (sig < 1 || sig >= DT_NSIG) return;
    struct pending_set *set = thread_set ? thread_set : &process_pending;
    uint64_t old;
    block_all(&old);
    lock_pool();
    drop_all(set, sig);
    unlock_pool();
    restore(&old);
}

int dt_signals_would_refuse(int sig, int code) {
    if (sig < DT_FIRST_RT || sig >= DT_NSIG || code == SI_USER) return 0;
    return __atomic_load_n(&pool_used, __ATOMIC_RELAXED) >= sigpending_limit();
}

int dt_signals_queued(void) { return __atomic_load_n(&pool_used, __ATOMIC_RELAXED); }

void dt_signals_discard_thread(void) {
    uint64_t old;
    block_all(&old);
    lock_pool();
    siginfo_t info;
    for (int sig = 1; sig < DT_NSIG; sig++)
        while (take(&thread_pending, sig, &info)) {}
    unlock_pool();
    restore(&old);
}

void dt_sigqueue_after_fork(void) {
    // The child is the calling thread alone, with nothing pending (fork(2)).
    pool_lock = 0;
    pool_free = pool_fresh = pool_used = 0;
    memset((void *)&process_pending, 0, sizeof process_pending);
    memset((void *)&thread_pending, 0, sizeof thread_pending);
}
