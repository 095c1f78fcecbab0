// Guest-physical address space: how much of it the vCPU's CPU model allows, and a dense
// allocator of 2 MiB-aligned runs in it. Guest-physical addresses are independent of host
// addresses: a host address needs 47 bits, and many CPUs have 39 (Intel desktops), 40 (QEMU's
// default) or 46 physical-address bits, above which KVM refuses a memslot.
#define _GNU_SOURCE
#include "ckvm_internal.h"

#include <errno.h>
#include <cpuid.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

// Below 4 GiB KVM may place memory of its own (VT-x's TSS and identity-map pages, the APIC
// access page); guest memory starts above it.
#define GPA_BASE (4ULL << 30)

// MAXPHYADDR as KVM gives the vCPU (CPUID 0x80000008 in KVM_GET_SUPPORTED_CPUID: bits 7:0,
// or bits 23:16 when KVM sets a smaller guest width there), the host's own when KVM says nothing.
static int supported_phys_bits(int kvm_fd) {
    int n = 256, bits = 0;
    for (;;) {
        struct kvm_cpuid2 *cpuid = calloc(1, sizeof *cpuid + (size_t)n * sizeof(struct kvm_cpuid_entry2));
        if (!cpuid) break;
        cpuid->nent = (uint32_t)n;
        if (ioctl(kvm_fd, KVM_GET_SUPPORTED_CPUID, cpuid) == 0) {
            for (uint32_t i = 0; i < cpuid->nent; i++) {
                if (cpuid->entries[i].function != 0x80000008) continue;
                uint32_t eax = cpuid->entries[i].eax;
                bits = (int)(eax & 0xff);
                int guest = (int)((eax >> 16) & 0xff);
                if (guest && (!bits || guest < bits)) bits = guest;
            }
            free(cpuid);
            break;
        }
        free(cpuid);
        if (errno != E2BIG || n > 4096) break;
        n *= 2;
    }
    if (!bits) {
        unsigned a, b, c, d;
        if (__get_cpuid(0x80000000, &a, &b, &c, &d) && a >= 0x80000008) {
            __cpuid(0x80000008, a, b, c, d);
            bits = (int)(a & 0xff);
        }
    }
    return bits ? bits : 36;  // the architectural minimum for long mode
}

static int cached_bits;  // per process: the answer is the host's

int dt_guest_phys_bits(int kvm_fd) {
    if (!cached_bits) cached_bits = supported_phys_bits(kvm_fd);
    int bits = cached_bits;
    // For tests only: a narrower width than the host's, so the dense placement is exercised
    // on hosts with 48 bits.
    const char *forced = getenv("DUNETRACE_PHYS_BITS");
    if (forced && *forced) {
        char *end;
        long v = strtol(forced, &end, 10);
        if (*end == 0 && v >= 34 && v < bits) bits = (int)v;
    }
    if (bits > 52) bits = 52;
    return bits;
}

// vm->gpa_free: room for max_runs runs, zeroed, made by the caller.
void dt_gpa_init(dt_vm *vm, int bits, int max_runs) {
    vm->phys_bits = bits;
    vm->gpa_top = GPA_BASE;
    vm->gpa_limit = 1ULL << bits;
    vm->gpa_free_cap = vm->gpa_free ? max_runs : 0;
    vm->n_gpa_free = 0;
}

// First fit among the freed runs, else above everything handed out so far.
uint64_t dt_gpa_alloc(dt_vm *vm, uint64_t len) {
    for (int i = 0; i < vm->n_gpa_free; i++) {
        struct dt_gpa_run *r = &vm->gpa_free[i];
        if (r->len < len) continue;
        uint64_t at = r->start;
        r->start += len;
        r->len -= len;
        if (r->len == 0) {
            memmove(r, r + 1, (size_t)(vm->n_gpa_free - i - 1) * sizeof *r);
            vm->n_gpa_free--;
        }
        return at;
    }
    if (vm->gpa_top > vm->gpa_limit || vm->gpa_limit - vm->gpa_top < len) return DT_GPA_NONE;
    uint64_t at = vm->gpa_top;
    vm->gpa_top += len;
    return at;
}

// Back to the free runs, joined with its neighbours; a run that ends at the top lowers it,
// so the space in use stays dense.
void dt_gpa_release(dt_vm *vm, uint64_t start, uint64_t len) {
    if (len == 0) return;
    int lo = 0, hi = vm->n_gpa_free;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (vm->gpa_free[mid].start < start) lo = mid + 1; else hi = mid;
    }
    int i = lo;
    struct dt_gpa_run *runs = vm->gpa_free;
    if (i > 0 && runs[i - 1].start + runs[i - 1].len == start) {
        runs[i - 1].len += len;
        if (i < vm->n_gpa_free && runs[i - 1].start + runs[i - 1].len == runs[i].start) {
            runs[i - 1].len += runs[i].len;
            memmove(&runs[i], &runs[i + 1], (size_t)(vm->n_gpa_free - i - 1) * sizeof *runs);
            vm->n_gpa_free--;
        }
        i--;
    } else if (i < vm->n_gpa_free && start + len == runs[i].start) {
        runs[i].start = start;
        runs[i].len += len;
    } else {
        // Each free run lies between two slots (or a slot and the base), so there are never
        // more than slots + 1 of them: the capacity is max_slots + 1.
        if (vm->n_gpa_free >= vm->gpa_free_cap) return;  // lost to reuse, never double-used
        memmove(&runs[i + 1], &runs[i], (size_t)(vm->n_gpa_free - i) * sizeof *runs);
        runs[i] = (struct dt_gpa_run){.start = start, .len = len};
        vm->n_gpa_free++;
    }
    if (i == vm->n_gpa_free - 1 && runs[i].start + runs[i].len == vm->gpa_top) {
        vm->gpa_top = runs[i].start;
        vm->n_gpa_free--;
    }
}
