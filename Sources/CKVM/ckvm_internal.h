// Private state of the KVM core.
#ifndef CKVM_INTERNAL_H
#define CKVM_INTERNAL_H
#include "include/ckvm.h"
#include <linux/kvm.h>

// Segment selectors as Linux uses them, so signal frames and CS/SS read as natively.
#define DT_SEL_KERNEL_CS 0x10
#define DT_SEL_KERNEL_DS 0x18
#define DT_SEL_USER32_CS 0x23
#define DT_SEL_USER_DS 0x2b
#define DT_SEL_USER_CS 0x33
#define DT_SEL_TSS 0x40

// The system area is mapped at this upper-half guest-virtual address (its guest-physical
// address comes from the allocator, as all guest memory's). Kernel code in the upper half is the plain x86 layout,
// and PVM requires it: supervisor code must run inside PVM's upper-half address range.
#define DT_SYS_GVA 0xfffffe0000000000ULL
#define DT_MAX_VCPUS 1024
#define DT_VCPU_BLOCK (3 * 4096)      // GDT + TSS page, two pages of ring-0 stack
#define DT_SYSTEM_SIZE (2 * 4096 + DT_MAX_VCPUS * DT_VCPU_BLOCK)
#define DT_LARGE_PAGE (1ULL << 21)

// A memslot: host [hva, hva+len) is guest-physical [gpa, gpa+len), both 2 MiB aligned, so a
// 2 MiB guest page maps a 2 MiB-aligned host range (KVM needs the same alignment to back it
// with a huge page).
struct dt_slot {
    uint64_t hva, gpa, len;
    int used, system;
};

struct dt_gpa_run {
    uint64_t start, len;
};

#define DT_GPA_NONE UINT64_MAX
#define DT_CHUNK (2ULL << 20)

struct dt_vm {
    int kvm_fd, vm_fd;
    int vcpu_mmap_size;
    dt_kvm_info info;
    struct dt_slot *slots;
    int nslots, max_slots, slots_used;
    int *by_hva;                       // ids of the slots in use, by host address
    int n_by_hva;
    int phys_bits;                     // guest-physical addresses stay below 2^phys_bits
    uint64_t gpa_top, gpa_limit;       // the allocator hands out [.., gpa_top) so far
    struct dt_gpa_run *gpa_free;       // freed runs below gpa_top, sorted, joined
    int n_gpa_free, gpa_free_cap;
    uint8_t *pt_arena;
    uint64_t pt_gpa;                   // guest-physical address of pt_arena (CR3: the PML4)
    uint64_t pt_next;
    uint64_t pt_slotted;               // the first pt_slotted bytes of the arena are memslots
    uint64_t *pml4;
    int large_pages;                   // user memory may be mapped with 2 MiB pages
    int track_touches;                 // --pf=ws: user PTEs start without accessed/dirty bits
    dt_map_stats map_stats;
    uint8_t *system;
    uint64_t tramp_syscall, tramp_flush, tramp_iret, tramp_to_ring0, tramp_probe_read;
    uint8_t vcpu_used[DT_MAX_VCPUS];   // KVM ids ever created: KVM never frees a vCPU
    dt_vcpu *free_vcpus;               // vCPUs of finished threads, ready for new ones
    dt_vcpu *vcpus[DT_MAX_VCPUS];      // every live vCPU, for --stats
    dt_vcpu_stats retired;             // what destroyed vCPUs counted, for --stats
    char err[256];
};

struct dt_vcpu {
    dt_vm *vm;
    int fd, index;
    struct kvm_run *run;
    struct kvm_sregs sregs;        // cached: we are the only writer
    uint8_t *stack_top;
    int in_ring3;                  // where the vCPU stopped: 1 if at CPL 3 (PVM's syscall stub)
    int syscall_cpl;               // CPL at the syscall stub: -1 until first seen
    int flush_next;                // the next resume reloads CR3 (the vCPU ran a probe)
    int sregs_synced;              // kvm_run holds the sregs of the last KVM_RUN (sync regs)
    int tsc_fault;                 // PR_TSC_SIGSEGV: rdtsc in ring 3 faults (dt_vcpu_set_tsc_fault)
    int cpuid_fault;               // ARCH_SET_CPUID(0): CPUID in ring 3 faults
    dt_vcpu_stats stats;
    dt_vcpu *next_free;
};

void dt_set_error(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
// The size of the present leaf mapping addr (4096 or DT_LARGE_PAGE), 0 when none.
int dt_vm_page_size(dt_vm *vm, uint64_t addr);
// guestphys.c: the vCPU's MAXPHYADDR and the dense allocator of guest-physical runs.
int dt_guest_phys_bits(int kvm_fd);
void dt_gpa_init(dt_vm *vm, int bits, int max_runs);
uint64_t dt_gpa_alloc(dt_vm *vm, uint64_t len);
void dt_gpa_release(dt_vm *vm, uint64_t start, uint64_t len);
// CR3: the guest-physical address of the PML4.
uint64_t dt_vm_cr3(dt_vm *vm);
// Guest-virtual address of a host pointer into the system area.
static inline uint64_t dt_sys_gva(dt_vm *vm, const void *p) {
    return DT_SYS_GVA + (uint64_t)((const uint8_t *)p - vm->system);
}
// sigqueue.c, for the signal handler in signals.c (called with every signal blocked).
#include <signal.h>
void dt_sigqueue_add(int to_thread, int sig, const siginfo_t *info);
void dt_sigqueue_after_fork(void);
// kernelkill.c: whether this SIGURG stands for a SIGKILL the kernel sent by itself.
int dt_kernel_kill_is_from(const siginfo_t *info);

#endif

// sigqueue.c: whether a signal is queued for the target (this thread's or the process's), and
// standard signals this thread holds off on the host until dt_signal_next takes one.
int dt_signal_is_queued(int sig);
void dt_signals_throttled_add(uint64_t bits);
