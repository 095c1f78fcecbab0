// A vfork child (vfork, CLONE_VM|CLONE_VFORK: posix_spawn) shares its parent's memory natively:
// what it writes (posix_spawn's error code, a variable) the parent sees when it resumes. The
// child here is a host fork with a copy, so it tracks what it writes (userfaultfd write-protect
// in async mode: the kernel notes each written page, by the target or by a system call) and,
// when it execs or exits, sends those pages to the parent, which copies them in before going
// on. Needs Linux 6.7 (PAGEMAP_SCAN); elsewhere nothing is tracked and nothing sent.
#define _GNU_SOURCE
#include "ckvm_internal.h"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

struct uffd_api { uint64_t api, features, ioctls; };
struct uffd_register { uint64_t start, len, mode, ioctls; };
struct page_region { uint64_t start, end, categories; };
struct pm_scan_arg {
    uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
    uint64_t category_inverted, category_mask, category_anyof_mask, return_mask;
};

#define UFFD_API_VERSION 0xAA
#define UFFD_FEATURE_WP_ASYNC (1ULL << 15)
#define UFFDIO_API_CMD _IOWR(0xAA, 0x3F, struct uffd_api)
#define UFFDIO_REGISTER_CMD _IOWR(0xAA, 0x00, struct uffd_register)
#define UFFDIO_REGISTER_MODE_WP (1ULL << 1)
#define PAGEMAP_SCAN_CMD _IOWR('f', 16, struct pm_scan_arg)
#define PM_SCAN_WP_MATCHING (1ULL << 0)
#define PM_SCAN_CHECK_WPASYNC (1ULL << 1)
#define PAGE_IS_WRITTEN (1ULL << 1)
#define PAGE_IS_PFNZERO (1ULL << 5)

static int uffd = -1, pagemap = -1;

int dt_vfork_track_start(const uint64_t *ranges, size_t count) {
    // Both among dunetrace's own numbers: the child runs the target with them open, and it
    // must find its lowest free descriptor where it would natively (3 after a plain vfork).
    uffd = dt_fd_move_high((int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK));
    if (uffd < 0) return -1;
    // Not UFFD_FEATURE_WP_UNPOPULATED: it would build page tables for every page of a huge
    // sparse mapping. A page first populated after the fork has no write-protect bit, so it
    // counts as written anyway (the zero page of a mere read is left out when sending).
    struct uffd_api api = {.api = UFFD_API_VERSION, .features = UFFD_FEATURE_WP_ASYNC};
    pagemap = dt_fd_move_high(open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC));
    if (ioctl(uffd, UFFDIO_API_CMD, &api) != 0 || pagemap < 0) goto fail;
    for (size_t i = 0; i < count; i++) {
        struct uffd_register reg = {.start = ranges[2 * i], .len = ranges[2 * i + 1] - ranges[2 * i], .mode = UFFDIO_REGISTER_MODE_WP};
        if (ioctl(uffd, UFFDIO_REGISTER_CMD, &reg) != 0) goto fail;
        // Write-protect every present page: a write from now on marks it written.
        struct pm_scan_arg scan = {.size = sizeof scan, .flags = PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC,
                                   .start = ranges[2 * i], .end = ranges[2 * i + 1]};
        if (ioctl(pagemap, PAGEMAP_SCAN_CMD, &scan) < 0) goto fail;
    }
    return 0;
fail:
    dt_vfork_track_stop();
    return -1;
}

void dt_vfork_track_stop(void) {
    if (uffd >= 0) close(uffd);
    if (pagemap >= 0) close(pagemap);
    uffd = pagemap = -1;
}

static int write_all(int fd, const void *p, size_t n) {
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

int dt_vfork_track_send(int fd, const uint64_t *ranges, size_t count) {
    if (pagemap < 0) return 0;
    struct page_region vec[64];
    for (size_t i = 0; i < count; i++) {
        uint64_t at = ranges[2 * i], end = ranges[2 * i + 1];
        while (at < end) {
            struct pm_scan_arg scan = {.size = sizeof scan, .start = at, .end = end, .vec = (uint64_t)(uintptr_t)vec,
                                       .vec_len = 64, .category_inverted = PAGE_IS_PFNZERO,
                                       .category_mask = PAGE_IS_WRITTEN | PAGE_IS_PFNZERO, .return_mask = PAGE_IS_WRITTEN};
            long n = ioctl(pagemap, PAGEMAP_SCAN_CMD, &scan);
            if (n < 0) return -1;
            for (long k = 0; k < n; k++) {
                uint64_t header[2] = {vec[k].start, vec[k].end - vec[k].start};
                if (write_all(fd, header, sizeof header) != 0 ||
                    write_all(fd, (const void *)(uintptr_t)vec[k].start, header[1]) != 0) return -1;
            }
            if (scan.walk_end <= at) break;
            at = scan.walk_end;
        }
    }
    return 0;
}
