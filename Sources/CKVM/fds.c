// dunetrace's own descriptors live at the top of the descriptor table, so the target's
// numbering starts at 3 as natively and the tracer can refuse the target any access to them.
#define _GNU_SOURCE
#include "ckvm_internal.h"
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#define DT_RESERVED_FDS 64

int dt_fd_reserved_base(void) {
    static int base;
    if (!base) {
        struct rlimit r;
        long lim = 1024;
        if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur != RLIM_INFINITY) lim = (long)r.rlim_cur;
        if (lim > 1 << 20) lim = 1 << 20;
        base = lim > 2 * DT_RESERVED_FDS ? (int)(lim - DT_RESERVED_FDS) : (int)lim / 2;
    }
    return base;
}

int dt_fd_dup_high(int fd) {
    if (fd < 0) return fd;
    return fcntl(fd, F_DUPFD_CLOEXEC, dt_fd_reserved_base());
}

int dt_fd_move_high(int fd) {
    if (fd < 0 || fd >= dt_fd_reserved_base()) return fd;
    int high = fcntl(fd, F_DUPFD_CLOEXEC, dt_fd_reserved_base());
    if (high < 0) return fd;
    close(fd);
    return high;
}
