// A VM's teardown waits for SRCU grace periods: the memory notifier's release when the last
// user of the memory goes (exit_mmap), and the VM's own destruction when its last descriptor
// closes. That is milliseconds, more on a busy host, and in a forked child's exit it sits
// between the target's exit and its parent's wait4 (every fork+exec of a shell pays it). A
// holder process that shares the memory (CLONE_VM) and keeps only the VM's descriptor takes
// that work: the child's own exit then only drops references, and the holder, killed by its
// parent-death signal as the child dies, tears the VM down off the parent's path. The holder
// must hold no descriptor of the target's (no pipe end, no file with a lock on it, nothing
// another process could notice): it starts on the child's descriptor table and leaves it for
// a table of its own holding the VM alone, before the child goes on to exit. The child's
// descriptors then close in its exit, as natively. (Closing them one by one first cost ~0.3 ms
// a process: close_range walks every slot up to dunetrace's own descriptors, near
// RLIMIT_NOFILE.)
#define _GNU_SOURCE
#include "ckvm_internal.h"
#include <fcntl.h>
#include <linux/close_range.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

// The holder runs on the child's memory and thread pointer: raw system calls only (no errno,
// no thread-local state, no locks).
static long raw3(long nr, long a0, long a1, long a2) {
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(nr), "D"(a0), "S"(a1), "d"(a2) : "rcx", "r11", "memory");
    return r;
}

static struct { pid_t parent; int ready; } holder_args;
static char holder_stack[16384] __attribute__((aligned(64)));

static int holder_main(void *unused) {
    (void)unused;
    // A table of its own with descriptor 0 (the VM's) alone: close_range copies only the
    // descriptors below its first argument when the range covers all of the rest.
    long unshared = raw3(SYS_close_range, 1, ~0U, CLOSE_RANGE_UNSHARE);
    __atomic_store_n(&holder_args.ready, unshared == 0 ? 1 : -1, __ATOMIC_RELEASE);
    raw3(SYS_futex, (long)&holder_args.ready, FUTEX_WAKE, 1);
    if (unshared != 0) raw3(SYS_exit, 0, 0, 0);  // the child's exit tears the VM down
    // Out of the target's session too, when it runs before the child made it a group of its
    // own (a group leader cannot start a session; the group is what kill(-pgid) looks at).
    raw3(SYS_setsid, 0, 0, 0);
    raw3(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL, 0);
    if (raw3(SYS_getppid, 0, 0, 0) != holder_args.parent) raw3(SYS_exit, 0, 0, 0);  // already gone
    for (;;) raw3(SYS_pause, 0, 0, 0);
    return 0;
}

int dt_defer_teardown(int keep_fd) {
    if (keep_fd < 0) return -1;
    // The VM's descriptor at 0, the one the holder keeps. The target's descriptor 0 closes a
    // moment before the others, all in this exit.
    if (keep_fd != 0 && dup3(keep_fd, 0, O_CLOEXEC) != 0) return -1;
    holder_args.parent = getpid();
    holder_args.ready = 0;
    // Every signal blocked in the holder from its first instruction: dunetrace's handlers
    // would run on the child's thread state.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    // Exit signal 0: the child, about to end, is not told; once reparented the holder is an
    // ordinary orphan for init to reap.
    int pid = clone(holder_main, holder_stack + sizeof holder_stack, CLONE_VM | CLONE_FILES, NULL);
    if (pid > 0) {
        // Not on until the holder has its own table: ending first would leave it the target's.
        while (__atomic_load_n(&holder_args.ready, __ATOMIC_ACQUIRE) == 0)
            syscall(SYS_futex, &holder_args.ready, FUTEX_WAIT, 0, NULL, NULL, 0);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (pid <= 0 || holder_args.ready != 1) return -1;
    // The holder starts in the target's process group: out of it before the child ends, so
    // that the parent's kill(-pgid, 0) right after its wait4 finds no one (EPERM when the
    // holder's setsid came first: it is out already).
    setpgid(pid, pid);
    return 0;
}
