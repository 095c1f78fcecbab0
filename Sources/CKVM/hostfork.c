// A host fork with the target's clone flags and exit signal (CLONE_PARENT, CLONE_FS, namespaces,
// a signal other than SIGCHLD, clone3's cgroup), so that the kernel itself decides what it
// allows and the parent's signal and wait4 (__WCLONE) behave as natively. glibc's fork()
// does the locking a multithreaded process needs around the clone, but its clone flags are
// fixed; so for the length of fork() this thread runs under syscall user dispatch: each of
// fork's system calls becomes a SIGSYS, run here as it was, except the clone, which gets the
// target's flags.
#define _GNU_SOURCE
#include "ckvm_internal.h"
#include <elf.h>
#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_OFF 0
#define PR_SYS_DISPATCH_ON 1
#endif
#define DISPATCH_ALLOW 0
#define DISPATCH_BLOCK 1
#define DT_SA_RESTORER 0x04000000UL

// The only code whose system calls are not dispatched: a plain syscall and the signal return.
long dt_dispatch_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
void dt_dispatch_restorer(void);
extern char dt_dispatch_start[], dt_dispatch_end[];
__asm__(
    ".text\n"
    ".globl dt_dispatch_syscall, dt_dispatch_restorer, dt_dispatch_start, dt_dispatch_end\n"
    "dt_dispatch_start:\n"
    "dt_dispatch_syscall:\n"
    "  movq %rdi, %rax\n  movq %rsi, %rdi\n  movq %rdx, %rsi\n  movq %rcx, %rdx\n"
    "  movq %r8, %r10\n  movq %r9, %r8\n  movq 8(%rsp), %r9\n  syscall\n  ret\n"
    "dt_dispatch_restorer:\n"
    "  movq $15, %rax\n  syscall\n"
    "dt_dispatch_end:\n");

struct kernel_sigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

struct clone3_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

static __thread volatile char selector;
static __thread struct { uint64_t flags, exit_signal, cgroup; int use_clone3, cloned, active; } wanted;
static struct kernel_sigaction previous;  // dunetrace's own SIGSYS action, restored after

static void on_dispatch(int sig, siginfo_t *info, void *context) {
    if (info->si_code != 2 /* SYS_USER_DISPATCH */ || !wanted.active) {
        // A SIGSYS sent to the target meanwhile: to the handler it was meant for.
        char was = selector;
        selector = DISPATCH_ALLOW;  // its system calls run as usual
        if ((previous.flags & SA_SIGINFO) && previous.handler != SIG_DFL && previous.handler != SIG_IGN)
            ((void (*)(int, siginfo_t *, void *))previous.handler)(sig, info, context);
        selector = was;
        return;
    }
    greg_t *g = ((ucontext_t *)context)->uc_mcontext.gregs;
    long nr = g[REG_RAX], r;
    if (nr == SYS_clone && !wanted.cloned) {
        wanted.cloned = 1;
        // glibc's own flags (CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID for its tid) stay.
        uint64_t flags = ((uint64_t)g[REG_RDI] & ~0xffULL) | wanted.flags;
        if (wanted.use_clone3) {
            struct clone3_args args = {.flags = flags, .child_tid = (uint64_t)g[REG_R10],
                                       .exit_signal = wanted.exit_signal, .cgroup = wanted.cgroup};
            r = dt_dispatch_syscall(SYS_clone3, (long)&args, sizeof args, 0, 0, 0, 0);
        } else {
            r = dt_dispatch_syscall(SYS_clone, (long)(flags | wanted.exit_signal), 0, g[REG_RDX], g[REG_R10], g[REG_R8], 0);
        }
        // The rest of fork() runs undisturbed, in the parent and in the child.
        dt_dispatch_syscall(SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0, 0);
    } else {
        r = dt_dispatch_syscall(nr, g[REG_RDI], g[REG_RSI], g[REG_RDX], g[REG_R10], g[REG_R8], g[REG_R9]);
    }
    g[REG_RAX] = r;
}

// fork copies the page-table entries of a mapping only where it has anonymous pages (an
// anon_vma); the child takes a fault for every page of dunetrace's code and read-only data it
// runs or reads again, 16 pages at a time: ~0.5 ms a forked child. One private copy of the
// first page of each read-only segment of dunetrace's own objects (the same bytes, written
// back) gives its mapping an anon_vma, so later forks copy the entries the parent has. The
// whole segment is made writable for that moment, so that it stays one mapping.
static int copy_segment_page(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    if (info->dlpi_addr == (ElfW(Addr))getauxval(AT_SYSINFO_EHDR)) return 0;  // the vDSO: the kernel's
    uintptr_t page = (uintptr_t)data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W) || ph->p_memsz == 0) continue;
        uintptr_t at = (uintptr_t)(info->dlpi_addr + ph->p_vaddr) & ~(page - 1);
        uintptr_t end = ((uintptr_t)(info->dlpi_addr + ph->p_vaddr + ph->p_memsz) + page - 1) & ~(page - 1);
        int prot = ((ph->p_flags & PF_R) ? PROT_READ : 0) | ((ph->p_flags & PF_X) ? PROT_EXEC : 0);
        if (!(prot & PROT_READ) || mprotect((void *)at, end - at, prot | PROT_WRITE) != 0) continue;
        volatile uint8_t *byte = (volatile uint8_t *)at;
        *byte = *byte;
        mprotect((void *)at, end - at, prot);
    }
    return 0;
}

static void copy_segment_pages(void) {
    dl_iterate_phdr(copy_segment_page, (void *)sysconf(_SC_PAGESIZE));
}

int dt_host_fork(uint64_t flags, uint64_t exit_signal, uint64_t cgroup, int use_clone3) {
    // Once, whichever thread forks first: two threads at it together would each put a segment
    // back to read-only while the other writes its byte (a forked child inherits the copies
    // and the once's state).
    static pthread_once_t segments_copied = PTHREAD_ONCE_INIT;
    pthread_once(&segments_copied, copy_segment_pages);
    if (flags == 0 && exit_signal == SIGCHLD && !use_clone3) return fork();
    struct kernel_sigaction action = {.handler = (void *)on_dispatch,
                                      .flags = SA_SIGINFO | DT_SA_RESTORER,
                                      .restorer = (void *)dt_dispatch_restorer,
                                      .mask = ~0ULL};
    struct kernel_sigaction old;
    if (syscall(SYS_rt_sigaction, SIGSYS, NULL, &previous, 8) != 0) return -1;
    if (syscall(SYS_rt_sigaction, SIGSYS, &action, &old, 8) != 0) return -1;
    uint64_t mask, unblocked;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, NULL, &mask, 8);
    unblocked = mask & ~(1ULL << (SIGSYS - 1));  // a blocked SIGSYS would kill
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &unblocked, NULL, 8);
    wanted.flags = flags;
    wanted.exit_signal = exit_signal;
    wanted.cgroup = cgroup;
    wanted.use_clone3 = use_clone3;
    wanted.cloned = 0;
    wanted.active = 1;
    selector = DISPATCH_BLOCK;
    pid_t pid;
    int saved;
    if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, (unsigned long)dt_dispatch_start,
              (unsigned long)(dt_dispatch_end - dt_dispatch_start), &selector) != 0) {
        saved = ENOSYS;  // no syscall user dispatch (before Linux 5.11): cannot honour the flags
        pid = -1;
    } else {
        pid = fork();
        saved = errno;
        selector = DISPATCH_ALLOW;
        if (!wanted.cloned) prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0);
    }
    wanted.active = 0;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, NULL, 8);
    syscall(SYS_rt_sigaction, SIGSYS, &old, NULL, 8);
    errno = saved;
    return pid;
}
