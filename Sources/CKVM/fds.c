// dunetrace's own descriptors live at the top of the descriptor table, so the target's
// numbering starts at 3 as natively and the tracer can refuse the target any access to them.
#define _GNU_SOURCE
#include "ckvm_internal.h"
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/resource.h>
#include <unistd.h>

// Room for a vCPU per live thread of the target (each holds a descriptor) and the rest.
#define DT_RESERVED_FDS 256

// The RLIMIT_NOFILE the target inherited: its own from now on (ResourceLimits.swift keeps it).
static struct rlimit inherited = {1024, 1024};
static int inherited_known;

// Every free number of the range holds a placeholder (/dev/null), so the kernel never hands
// one of them to the target, even one that opens files up to a limit that reaches the range;
// dunetrace's own descriptors take a placeholder's number when they move in.
static uint64_t placeholders[DT_RESERVED_FDS / 64];  // bit i: base + i holds a placeholder

static void fill_placeholders(int base) {
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null < 0) return;
    for (int i = 0; i < DT_RESERVED_FDS; i++) {
        if (fcntl(base + i, F_GETFD) >= 0) continue;  // in use already
        if (dup3(null, base + i, O_CLOEXEC) == base + i) placeholders[i / 64] |= 1ULL << (i % 64);
    }
    close(null);
}

// The range sits above the target's own limit (at least at 4096), and the host's soft limit is
// raised to reach it, its hard limit too where the kernel lets dunetrace (CAP_SYS_RESOURCE; the
// target keeps seeing its own limits): a target that uses descriptors up to its limit never
// meets one of dunetrace's numbers.
// Decided once, whatever thread asks first (a second thread filling placeholders while the
// first moved a descriptor in would put /dev/null over it).
static int reserved_base;

static void decide_reserved_base(void) {
    int base;
    {
        struct rlimit r;
        if (getrlimit(RLIMIT_NOFILE, &r) == 0) {
            inherited = r;
            inherited_known = 1;
        }
        rlim_t want = inherited.rlim_cur < 4096 - DT_RESERVED_FDS ? 4096 : inherited.rlim_cur + DT_RESERVED_FDS;
        if (want > 1 << 20) want = 1 << 20;
        if (want > inherited.rlim_max) {
            struct rlimit above = {want, want};
            if (setrlimit(RLIMIT_NOFILE, &above) != 0) want = inherited.rlim_max;
        }
        if (want > inherited.rlim_cur) {
            struct rlimit raised = {want, want > inherited.rlim_max ? want : inherited.rlim_max};
            if (setrlimit(RLIMIT_NOFILE, &raised) != 0) want = inherited.rlim_cur;
        }
        long lim = (long)want;
        base = lim > 2 * DT_RESERVED_FDS ? (int)(lim - DT_RESERVED_FDS) : (int)lim / 2;
        fill_placeholders(base);
    }
    __atomic_store_n(&reserved_base, base, __ATOMIC_SEQ_CST);
}

int dt_fd_reserved_base(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, decide_reserved_base);
    return __atomic_load_n(&reserved_base, __ATOMIC_SEQ_CST);
}

int dt_fd_inherited_nofile(uint64_t *cur, uint64_t *max) {
    dt_fd_reserved_base();
    *cur = inherited.rlim_cur == RLIM_INFINITY ? UINT64_MAX : (uint64_t)inherited.rlim_cur;
    *max = inherited.rlim_max == RLIM_INFINITY ? UINT64_MAX : (uint64_t)inherited.rlim_max;
    return inherited_known ? 0 : -1;
}

// A number of the range for a new descriptor of dunetrace's: a placeholder's, taken over by
// dup3 (which replaces it atomically), or the lowest free one.
static volatile uint64_t generation;

uint64_t dt_fd_generation(void) { return __atomic_load_n(&generation, __ATOMIC_SEQ_CST); }

static int dup_into_range(int fd) {
    int base = dt_fd_reserved_base();
    // A closed descriptor (dunetrace started with its stderr closed) spends no placeholder.
    if (fcntl(fd, F_GETFD) < 0) return -1;
    __atomic_add_fetch(&generation, 1, __ATOMIC_SEQ_CST);
    for (int i = 0; i < DT_RESERVED_FDS; i++) {
        uint64_t bit = 1ULL << (i % 64);
        if (!(__atomic_fetch_and(&placeholders[i / 64], ~bit, __ATOMIC_SEQ_CST) & bit)) continue;
        if (dup3(fd, base + i, O_CLOEXEC) == base + i) return base + i;
        __atomic_fetch_or(&placeholders[i / 64], bit, __ATOMIC_SEQ_CST);  // dup3 failed: still a placeholder
    }
    return fcntl(fd, F_DUPFD_CLOEXEC, base);
}

int dt_fd_reserved_count(void) { return DT_RESERVED_FDS; }

// The numbers of the range that hold dunetrace's own descriptors now (not placeholders), up to
// `max` of them; their count.
int dt_fd_reserved_in_use(int *out, int max) {
    int base = dt_fd_reserved_base(), n = 0;
    for (int i = 0; i < DT_RESERVED_FDS && n < max; i++) {
        if (__atomic_load_n(&placeholders[i / 64], __ATOMIC_SEQ_CST) & (1ULL << (i % 64))) continue;
        if (fcntl(base + i, F_GETFD) >= 0) out[n++] = base + i;
    }
    return n;
}

// The target filled every number below the range: one placeholder is closed, so that the
// kernel's next descriptor for dunetrace (a VM, a vCPU) takes its number, inside the range.
// 0 if one was, -1 if none is left.
int dt_fd_release_placeholder(void) {
    int base = dt_fd_reserved_base();
    for (int i = DT_RESERVED_FDS - 1; i >= 0; i--) {
        uint64_t bit = 1ULL << (i % 64);
        if (!(__atomic_fetch_and(&placeholders[i / 64], ~bit, __ATOMIC_SEQ_CST) & bit)) continue;
        close(base + i);
        return 0;
    }
    return -1;
}

int dt_fd_dup_high(int fd) {
    if (fd < 0) return fd;
    return dup_into_range(fd);
}

// A descriptor of dunetrace's never stays among the target's numbers: when the range has no
// room for it, it is closed and the caller gets -1 (EMFILE), as if it could not be opened.
int dt_fd_move_high(int fd) {
    if (fd < 0 || fd >= dt_fd_reserved_base()) return fd;
    int high = dup_into_range(fd);
    close(fd);
    if (high < 0) errno = EMFILE;
    return high;
}
