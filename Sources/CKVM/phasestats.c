// --stats of process creation: time per phase of fork and exec, summed over every process of
// the run (each child is a forked dunetrace), in one shared anonymous page made before the
// first fork. The page is dunetrace's own memory: never in a guest page table.
#define _GNU_SOURCE
#include "ckvm_internal.h"
#include <sys/mman.h>
#include <time.h>

static dt_phase_stats *shared;

int dt_phase_stats_enable(void) {
    if (shared) return 0;
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return -1;
    shared = p;
    return 0;
}

uint64_t dt_phase_now(void) {
    if (!shared) return 0;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void dt_phase_add(int phase, uint64_t since) {
    if (!shared || phase < 0 || phase >= DT_PHASE_COUNT) return;
    __atomic_add_fetch(&shared->ns[phase], dt_phase_now() - since, __ATOMIC_RELAXED);
    __atomic_add_fetch(&shared->count[phase], 1, __ATOMIC_RELAXED);
}

void dt_phase_add_exits(const dt_vcpu_stats *s) {
    if (!shared) return;
    __atomic_add_fetch(&shared->child_exits, s->exits_syscall + s->exits_exception + s->exits_flush + s->exits_other + s->exits_intr, __ATOMIC_RELAXED);
    __atomic_add_fetch(&shared->child_ns_in_guest, s->ns_in_guest, __ATOMIC_RELAXED);
}

void dt_phase_get(dt_phase_stats *out) {
    if (shared) *out = *shared;
}
