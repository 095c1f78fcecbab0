// Whether KVM honours 2 MiB guest pages (PDEs with PS). Long mode always has them, but a
// shadow-paging KVM such as PVM may differ, so dunetrace tries one before relying on them:
// a ring-3 read through a 2 MiB page that maps a known word. The answer is the host's, so it
// is asked once per process (forked children inherit it).
#define _GNU_SOURCE
#include "ckvm_internal.h"

#include <string.h>
#include <sys/mman.h>

#define PROBE_MAGIC 0x6c61726765706167ULL  // "largepag"

static int large_pages_work = -1;  // -1: not probed yet

static int probe(dt_vm *vm) {
    uint8_t *raw = mmap(NULL, 2 * DT_LARGE_PAGE, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED) return 0;
    uint64_t page = ((uint64_t)(uintptr_t)raw + DT_LARGE_PAGE - 1) & ~(DT_LARGE_PAGE - 1);
    // A word past the first 4 KiB: its address needs the 2 MiB page's offset bits.
    uint64_t *word = (uint64_t *)(uintptr_t)(page + 0x1ff008);
    *word = PROBE_MAGIC;
    int works = 0;
    vm->large_pages = 1;
    if (dt_vm_add_memory(vm, page, DT_LARGE_PAGE) == 0 && dt_vm_map(vm, page, DT_LARGE_PAGE, DT_PROT_READ) == 0 &&
        dt_vm_page_size(vm, page) == (int)DT_LARGE_PAGE) {
        dt_regs start = {.rip = vm->tramp_probe_read, .rax = (uint64_t)(uintptr_t)word, .rflags = 0x202};
        dt_vcpu *c = dt_vcpu_create(vm, start.rip, 0);
        if (c && dt_vcpu_resume(c, &start, 0) == 0) {
            dt_exit e;
            // A host signal may stop the read before it ran: it is harmless to start again.
            for (int tries = 0; tries < 3; tries++) {
                dt_vcpu_run(c, &e);
                if (e.kind != DT_EXIT_INTERRUPTED || dt_vcpu_resume(c, &start, 0) < 0) break;
            }
            works = e.kind == DT_EXIT_SYSCALL && e.regs.rax == PROBE_MAGIC;
            if (e.kind == DT_EXIT_ERROR) {
                dt_vcpu_destroy(c);
            } else {
                // Kept for the first thread; its TLB must not remember the probe's page.
                c->flush_next = 1;
                memset(&c->stats, 0, sizeof c->stats);
                dt_vcpu_release(c);
            }
        } else if (c) {
            dt_vcpu_destroy(c);
        }
    }
    dt_vm_release_memory(vm, page, DT_LARGE_PAGE);
    munmap(raw, 2 * DT_LARGE_PAGE);
    vm->map_stats = (dt_map_stats){0};
    vm->err[0] = 0;
    return works;
}

int dt_vm_enable_large_pages(dt_vm *vm) {
    if (large_pages_work < 0) large_pages_work = probe(vm);
    vm->large_pages = large_pages_work;
    return vm->large_pages;
}
