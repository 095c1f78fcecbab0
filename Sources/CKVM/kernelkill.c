// SIGKILL the kernel would send by itself, with no call of the target's that dunetrace sees
// (F_SETSIG 9 on a descriptor's I/O events or dnotify, mq_notify or a POSIX timer signalling
// 9, PR_SET_PDEATHSIG 9, a child made with exit signal 9), would end dunetrace's process with
// its last events unwritten and no `+++ killed by SIGKILL +++`. So the host is asked for
// SIGURG instead, and SIGURG arriving from that source is taken as the kill: recorded, then
// the real SIGKILL (the kill request's path, signals.c). Each source is told apart by what the
// kernel puts in the siginfo: the descriptor (POLL_* codes), dunetrace's secret value
// (SI_MESGQ, SI_TIMER), the child's pid (CLD_* codes), the parent that died (SI_USER).
#define _GNU_SOURCE
#include "ckvm_internal.h"
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MARKED_FDS 65536
#define EXIT_SIGNAL_CHILDREN 256

static volatile uint64_t marked_fds[MARKED_FDS / 64];
static volatile int target_uses_sigurg_setsig;  // the target asked F_SETSIG(SIGURG) itself
static volatile int exit_signal_children[EXIT_SIGNAL_CHILDREN];
static volatile int death_signal_parent;         // PR_SET_PDEATHSIG 9: the parent it was set under

void dt_kernel_kill_mark_fd(int fd, int kill) {
    if (fd < 0 || fd >= MARKED_FDS) return;
    uint64_t bit = 1ULL << (fd % 64);
    if (kill) __atomic_fetch_or(&marked_fds[fd / 64], bit, __ATOMIC_SEQ_CST);
    else __atomic_fetch_and(&marked_fds[fd / 64], ~bit, __ATOMIC_SEQ_CST);
}

void dt_kernel_kill_target_sigurg(void) { __atomic_store_n(&target_uses_sigurg_setsig, 1, __ATOMIC_SEQ_CST); }

static int fd_marked(int fd) {
    return fd >= 0 && fd < MARKED_FDS && (__atomic_load_n(&marked_fds[fd / 64], __ATOMIC_SEQ_CST) >> (fd % 64)) & 1;
}

// What F_GETSIG shows the target: 9 where dunetrace put SIGURG for it.
int dt_kernel_kill_fd_is_kill(int fd) {
    return fd_marked(fd) || !__atomic_load_n(&target_uses_sigurg_setsig, __ATOMIC_SEQ_CST);
}

// A slot for a child's pid, taken before the fork (-1: none free, the child gets the real
// SIGKILL as its exit signal); set once the pid is known (a failed fork frees it).
int dt_kernel_kill_reserve_child(void) {
    for (int i = 0; i < EXIT_SIGNAL_CHILDREN; i++) {
        int zero = 0;
        if (__atomic_compare_exchange_n(&exit_signal_children[i], &zero, -1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) return i;
    }
    return -1;
}

void dt_kernel_kill_set_child(int slot, int pid) {
    if (slot >= 0 && slot < EXIT_SIGNAL_CHILDREN) __atomic_store_n(&exit_signal_children[slot], pid > 0 ? pid : 0, __ATOMIC_SEQ_CST);
}

static int exit_signal_child(int pid) {
    if (pid <= 0) return 0;
    for (int i = 0; i < EXIT_SIGNAL_CHILDREN; i++)
        if (__atomic_load_n(&exit_signal_children[i], __ATOMIC_SEQ_CST) == pid) return 1;
    return 0;
}

void dt_kernel_kill_death_signal(int parent) { __atomic_store_n(&death_signal_parent, parent, __ATOMIC_SEQ_CST); }
int dt_kernel_kill_death_signal_set(void) { return __atomic_load_n(&death_signal_parent, __ATOMIC_SEQ_CST) != 0; }

// The fork child: no children yet, and no death signal (the kernel clears it in a child).
void dt_kernel_kill_after_fork(void) {
    for (int i = 0; i < EXIT_SIGNAL_CHILDREN; i++) exit_signal_children[i] = 0;
    death_signal_parent = 0;
}

int dt_kernel_kill_is_from(const siginfo_t *info) {
    uint64_t nonce = dt_kill_request_value();
    switch (info->si_code) {
    case SI_MESGQ:
    case SI_TIMER:
        return nonce != 0 && (uint64_t)(uintptr_t)info->si_value.sival_ptr == nonce;
    case SI_USER: {
        int parent = __atomic_load_n(&death_signal_parent, __ATOMIC_SEQ_CST);
        // Sent as the parent left: this process has another parent by then.
        return parent > 0 && info->si_pid == parent && (int)syscall(SYS_getppid) != parent;
    }
    case 1: case 2: case 3: case 4: case 5: case 6:
        // POLL_IN..POLL_HUP (a descriptor's signal) and CLD_EXITED..CLD_CONTINUED share numbers.
        if (exit_signal_child(info->si_pid) && info->si_code <= 3) return 1;
        return syscall(SYS_fcntl, info->si_fd, F_GETSIG) == SIGURG && dt_kernel_kill_fd_is_kill(info->si_fd);
    default:
        return 0;
    }
}
