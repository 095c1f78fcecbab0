// vCPUs: 64-bit mode, the target in ring 3, the exit loop. The host (not guest ring 0) takes
// the vCPU back to ring 3 after every event by setting registers and segments itself.
#define _GNU_SOURCE
#include "ckvm_internal.h"

#include <cpuid.h>
#include <errno.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <pthread.h>
#include <sys/uio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define MSR_IA32_TSC 0x10
#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_CSTAR 0xc0000083
#define MSR_SYSCALL_MASK 0xc0000084
#define MSR_KERNEL_GS_BASE 0xc0000102

#define PORT_SYSCALL 0xF0
#define PORT_OTHER_VECTOR 0xF1

// CPUID traps to the hypervisor when dunetrace runs in a VM: what it says here is fixed for
// the process's life, so it is asked once (an idempotent race between threads is harmless).
static uint64_t host_xcr0_cached;  // bit 63: known

uint64_t dt_host_xcr0(void) {
    uint64_t known = __atomic_load_n(&host_xcr0_cached, __ATOMIC_RELAXED);
    if (known >> 63) return known & ~(1ULL << 63);
    unsigned a, b, c, d;
    __cpuid(1, a, b, c, d);
    uint64_t xcr0 = 0;
    if (c & (1u << 27)) {  // OSXSAVE
        uint32_t lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        xcr0 = ((uint64_t)hi << 32) | lo;
    }
    __atomic_store_n(&host_xcr0_cached, xcr0 | (1ULL << 63), __ATOMIC_RELAXED);
    return xcr0;
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static struct kvm_segment seg(uint16_t sel, int code, int dpl) {
    struct kvm_segment s = {
        .base = 0, .limit = 0xffffffff, .selector = sel, .present = 1, .dpl = (uint8_t)dpl,
        .s = 1, .g = 1,
    };
    if (code) { s.type = 11; s.l = 1; }
    else { s.type = 3; s.db = 1; }
    return s;
}

// CPUID as KVM supports it, with the host's identity (vendor, family/model, brand string), so
// the target sees the machine it runs on; feature bits stay those KVM can really provide.
// Built once per dunetrace process (forks inherit it): KVM_GET_SUPPORTED_CPUID and one CPUID
// instruction per entry trap to the hypervisor when dunetrace itself runs in a VM, and cost
// ~0.5 ms there on every fork.
static pthread_mutex_t cpuid_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kvm_cpuid2 *cpuid_table;

static struct kvm_cpuid2 *build_cpuid(int kvm_fd) {
    int n = 256;
    struct kvm_cpuid2 *cpuid = NULL;
    for (;;) {
        cpuid = calloc(1, sizeof *cpuid + (size_t)n * sizeof(struct kvm_cpuid_entry2));
        if (!cpuid) return NULL;
        cpuid->nent = (uint32_t)n;
        if (ioctl(kvm_fd, KVM_GET_SUPPORTED_CPUID, cpuid) == 0) break;
        int e = errno;
        free(cpuid);
        errno = e;
        if (e != E2BIG || n > 4096) return NULL;
        n *= 2;
    }
    for (uint32_t i = 0; i < cpuid->nent; i++) {
        struct kvm_cpuid_entry2 *e = &cpuid->entries[i];
        unsigned a, b, cc, d;
        __cpuid_count(e->function, e->index, a, b, cc, d);
        switch (e->function) {
        case 0: case 0x80000002: case 0x80000003: case 0x80000004:
            e->eax = a; e->ebx = b; e->ecx = cc; e->edx = d;
            break;
        case 1:
            e->eax = a;
            e->ebx = b;
            break;
        // Instructions the CPU runs in ring 3 with no help from the hypervisor, which some KVMs
        // (PVM) leave out of what they list: LZCNT (glibc's x86-64-v3 level needs it, and picks
        // its string functions and library directories by that level) and RDTSCP. Shown where
        // the host has them.
        case 0x80000001:
            e->ecx |= cc & (1u << 5);   // LZCNT
            e->edx |= d & (1u << 27);   // RDTSCP
            break;
        }
    }
    return cpuid;
}

// XCR0 for the guest: the host's, as far as KVM lets a guest of this process hold it (leaf 0xD
// of what it supports); the same as the host's wherever the guest-permission request worked.
static uint64_t guest_xcr0(void) {
    uint64_t supported = ~0ULL;
    pthread_mutex_lock(&cpuid_lock);
    for (uint32_t i = 0; cpuid_table && i < cpuid_table->nent; i++) {
        struct kvm_cpuid_entry2 *e = &cpuid_table->entries[i];
        if (e->function == 0xd && e->index == 0) supported = ((uint64_t)e->edx << 32) | e->eax;
    }
    pthread_mutex_unlock(&cpuid_lock);
    return dt_host_xcr0() & supported;
}

static int setup_cpuid(dt_vcpu *c) {
    pthread_mutex_lock(&cpuid_lock);
    if (!cpuid_table) cpuid_table = build_cpuid(c->vm->kvm_fd);
    struct kvm_cpuid2 *cpuid = cpuid_table;
    int e = errno;
    pthread_mutex_unlock(&cpuid_lock);
    if (!cpuid) { errno = e; return -1; }
    return ioctl(c->fd, KVM_SET_CPUID2, cpuid);
}

static int set_msrs(dt_vcpu *c) {
    struct {
        struct kvm_msrs hdr;
        struct kvm_msr_entry e[6];
    } m;
    memset(&m, 0, sizeof m);
    uint32_t idx[] = {MSR_STAR, MSR_LSTAR, MSR_CSTAR, MSR_SYSCALL_MASK, MSR_KERNEL_GS_BASE, MSR_IA32_TSC};
    uint64_t val[] = {
        ((uint64_t)DT_SEL_USER32_CS << 48) | ((uint64_t)DT_SEL_KERNEL_CS << 32),
        c->vm->tramp_syscall, c->vm->tramp_syscall,
        0x47700,  // TF|DF|IF|IOPL|AC|NT cleared on syscall entry, as Linux does
        0, 0,
    };
    unsigned lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    val[5] = ((uint64_t)hi << 32) | lo;  // guest TSC = host TSC (rdtsc in ring 3 agrees)
    for (int i = 0; i < 6; i++) { m.e[i].index = idx[i]; m.e[i].data = val[i]; }
    m.hdr.nmsrs = 6;
    return ioctl(c->fd, KVM_SET_MSRS, &m) == 6 ? 0 : -1;
}

static void write_gdt_tss(dt_vm *vm, uint8_t *block, uint64_t stack_top) {
    uint64_t *gdt = (uint64_t *)block;
    memset(block, 0, 4096);
    gdt[DT_SEL_KERNEL_CS >> 3] = 0x00af9b000000ffffULL;
    gdt[DT_SEL_KERNEL_DS >> 3] = 0x00cf93000000ffffULL;
    gdt[DT_SEL_USER32_CS >> 3] = 0x00cffb000000ffffULL;
    gdt[DT_SEL_USER_DS >> 3] = 0x00cff3000000ffffULL;
    gdt[DT_SEL_USER_CS >> 3] = 0x00affb000000ffffULL;
    uint8_t *tss = block + 0x800;
    uint64_t tss_base = dt_sys_gva(vm, tss);
    memcpy(tss + 4, &stack_top, 8);          // RSP0: exceptions from ring 3 push their frame here
    // I/O bitmap for ports 0-255: only the syscall port is open to ring 3. Under PVM the
    // `syscall` instruction lands on MSR_LSTAR without leaving ring 3, so the stub's `out`
    // must be allowed there; on VT-x/AMD-V the stub runs in ring 0 and the bitmap is moot.
    uint16_t iomap = 104;
    memcpy(tss + 102, &iomap, 2);
    memset(tss + 104, 0xff, 33);
    tss[104 + PORT_SYSCALL / 8] &= (uint8_t)~(1u << (PORT_SYSCALL % 8));
    uint64_t limit = 104 + 32;
    gdt[DT_SEL_TSS >> 3] = (limit & 0xffff) | ((tss_base & 0xffffff) << 16) | (0x89ULL << 40) |
                           (((tss_base >> 24) & 0xff) << 56);
    gdt[(DT_SEL_TSS >> 3) + 1] = tss_base >> 32;
}

dt_vcpu *dt_vcpu_create(dt_vm *vm, uint64_t rip, uint64_t rsp) {
    if (vm->free_vcpus) {
        // KVM cannot destroy a vCPU, so a finished thread's one serves the next thread.
        dt_vcpu *c = vm->free_vcpus;
        vm->free_vcpus = c->next_free;
        c->next_free = NULL;
        if (c->tsc_fault) dt_vcpu_set_tsc_fault(c, 0);  // the thread that had it is gone
        if (c->cpuid_fault) dt_vcpu_set_cpuid_fault(c, 0);
        struct kvm_fpu fpu = {.fcw = 0x37f, .mxcsr = 0x1f80};
        ioctl(c->fd, KVM_SET_FPU, &fpu);
        dt_regs first = {.rip = rip, .rsp = rsp, .rflags = 0x202};
        if (dt_vcpu_resume(c, &first, 0) < 0) return NULL;
        return c;
    }
    int index = -1;
    for (int i = 0; i < DT_MAX_VCPUS; i++)
        if (!vm->vcpu_used[i]) { index = i; break; }
    if (index < 0) {
        dt_set_error(vm->err, sizeof vm->err, "too many vCPUs (%d)", DT_MAX_VCPUS);
        return NULL;
    }
    dt_vcpu *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->vm = vm;
    c->index = index;
    c->syscall_cpl = -1;
    do c->fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, index);  // a full table: as in dt_vm_create
    while (c->fd < 0 && (errno == EINTR || (errno == EMFILE && dt_fd_release_placeholder() == 0)));
    if (c->fd < 0) {
        dt_set_error(vm->err, sizeof vm->err, "KVM_CREATE_VCPU: %s", strerror(errno));
        free(c);
        return NULL;
    }
    c->fd = dt_fd_move_high(c->fd);
    vm->vcpu_used[index] = 1;
    vm->vcpus[index] = c;
    c->run = mmap(NULL, (size_t)vm->vcpu_mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, 0);
    if (c->run == MAP_FAILED) {
        dt_set_error(vm->err, sizeof vm->err, "mmap of kvm_run: %s", strerror(errno));
        c->run = NULL;
        goto fail;
    }
    uint8_t *block = vm->system + 2 * 4096 + (size_t)index * DT_VCPU_BLOCK;
    c->stack_top = block + DT_VCPU_BLOCK;
    write_gdt_tss(vm, block, dt_sys_gva(vm, c->stack_top));

    if (setup_cpuid(c) < 0) {
        dt_set_error(vm->err, sizeof vm->err, "KVM_SET_CPUID2: %s", strerror(errno));
        goto fail;
    }
    if (ioctl(c->fd, KVM_GET_SREGS, &c->sregs) < 0) {
        dt_set_error(vm->err, sizeof vm->err, "KVM_GET_SREGS: %s", strerror(errno));
        goto fail;
    }
    uint64_t xcr0 = guest_xcr0();
    struct kvm_sregs *s = &c->sregs;
    s->cr0 = 0x80050033;  // PG AM WP NE ET MP PE
    s->cr4 = 0x20 | 0x200 | 0x400 | (xcr0 ? 0x40000 : 0);  // PAE OSFXSR OSXMMEXCPT [OSXSAVE]
    s->cr3 = dt_vm_cr3(vm);
    s->efer = 0x1 | 0x100 | 0x400 | 0x800;  // SCE LME LMA NXE
    // The vCPU starts in ring 0 on the iret trampoline: ring 3 is entered, and re-entered after
    // every event, by an iretq the guest executes (PVM lets the CPL change no other way).
    s->cs = seg(DT_SEL_KERNEL_CS, 1, 0);
    s->ss = seg(DT_SEL_KERNEL_DS, 0, 0);
    s->ds = s->es = seg(DT_SEL_USER_DS, 0, 3);
    s->fs = s->gs = seg(0, 0, 3);
    s->tr = (struct kvm_segment){.base = dt_sys_gva(vm, block + 0x800), .limit = 104 + 32,
                                 .selector = DT_SEL_TSS, .type = 11, .present = 1};
    s->ldt = (struct kvm_segment){.selector = 0, .type = 2, .present = 1, .unusable = 1};
    s->gdt.base = dt_sys_gva(vm, block);
    s->gdt.limit = 10 * 8 - 1;
    s->idt.base = dt_sys_gva(vm, vm->system);
    s->idt.limit = 4095;
    if (ioctl(c->fd, KVM_SET_SREGS, s) < 0) {
        dt_set_error(vm->err, sizeof vm->err, "KVM_SET_SREGS: %s", strerror(errno));
        goto fail;
    }
    if (xcr0 && vm->info.has_xcrs) {
        struct kvm_xcrs x = {.nr_xcrs = 1};
        x.xcrs[0].xcr = 0;
        x.xcrs[0].value = xcr0;
        if (ioctl(c->fd, KVM_SET_XCRS, &x) < 0) {
            dt_set_error(vm->err, sizeof vm->err, "KVM_SET_XCRS(%#llx): %s",
                         (unsigned long long)xcr0, strerror(errno));
            goto fail;
        }
    }
    if (set_msrs(c) < 0) {
        dt_set_error(vm->err, sizeof vm->err, "KVM_SET_MSRS refused the SYSCALL MSRs");
        goto fail;
    }
    struct kvm_fpu fpu = {.fcw = 0x37f, .mxcsr = 0x1f80};
    ioctl(c->fd, KVM_SET_FPU, &fpu);
    dt_regs first = {.rip = rip, .rsp = rsp, .rflags = 0x202};
    if (dt_vcpu_resume(c, &first, 0) < 0) goto fail;
    return c;
fail:
    dt_vcpu_destroy(c);
    return NULL;
}

void dt_vcpu_release(dt_vcpu *c) {
    if (!c) return;
    dt_signals_forget_vcpu(c);
    c->next_free = c->vm->free_vcpus;
    c->vm->free_vcpus = c;
}

void dt_vcpu_destroy(dt_vcpu *c) {
    if (!c) return;
    dt_signals_forget_vcpu(c);
    if (c->run) munmap(c->run, (size_t)c->vm->vcpu_mmap_size);
    if (c->fd >= 0) close(c->fd);
    if (c->vm->vcpus[c->index] == c) {
        c->vm->vcpus[c->index] = NULL;
        dt_vcpu_stats *r = &c->vm->retired;
        r->exits_syscall += c->stats.exits_syscall;
        r->exits_exception += c->stats.exits_exception;
        r->exits_flush += c->stats.exits_flush;
        r->exits_other += c->stats.exits_other;
        r->exits_intr += c->stats.exits_intr;
        r->ns_in_guest += c->stats.ns_in_guest;
    }
    free(c);
}

static int get_regs(dt_vcpu *c, struct kvm_regs *r) {
    if (c->vm->info.has_sync_regs) {
        *r = c->run->s.regs.regs;
        return 0;
    }
    return ioctl(c->fd, KVM_GET_REGS, r);
}

static void to_dt(dt_regs *d, const struct kvm_regs *r) { memcpy(d, r, sizeof *d); }

static void fail_exit(dt_vcpu *c, dt_exit *out, const char *fmt, unsigned long long a) {
    dt_set_error(c->vm->err, sizeof c->vm->err, fmt, a);
    out->kind = DT_EXIT_ERROR;
}

static int vector_has_error_code(int v) {
    return v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21 || v == 29 || v == 30;
}

// A signal stopped the vCPU. At CPL 3 its registers are the target's; at CPL 0 it is in a
// trampoline the host sent it to (on its way back to ring 3): the target's state is the iret
// frame the host wrote, unless the trampoline was already under way.
static void interrupted(dt_vcpu *c, dt_exit *out) {
    c->stats.exits_intr++;
    out->kind = DT_EXIT_INTERRUPTED;
    struct kvm_regs kr;
    struct kvm_sregs s;
    if (ioctl(c->fd, KVM_GET_REGS, &kr) < 0 || ioctl(c->fd, KVM_GET_SREGS, &s) < 0) return;
    to_dt(&out->regs, &kr);
    if (s.cs.dpl == 3) {
        c->in_ring3 = 1;
        out->at_user = 1;
        return;
    }
    c->in_ring3 = 0;
    uint64_t *frame = (uint64_t *)(void *)(c->stack_top - 5 * 8);
    if (kr.rip == c->vm->tramp_iret && kr.rsp == dt_sys_gva(c->vm, frame)) {
        out->regs.rip = frame[0];
        out->regs.rflags = frame[2];
        out->regs.rsp = frame[3];
        out->at_user = 1;
    }
}

// One KVM_RUN; returns its result and accounts the time spent in the guest.
static int kvm_run_once(dt_vcpu *c) {
    dt_signals_set_current_vcpu(c);
    // Registers and sregs come back in kvm_run: a page fault's CR2 without a KVM_GET_SREGS
    // ioctl, whose vCPU load and put cost ~5 us under PVM (the copy costs nothing measurable).
    c->run->kvm_valid_regs = c->vm->info.has_sync_regs ? KVM_SYNC_X86_REGS | KVM_SYNC_X86_SREGS : 0;
    uint64_t t0 = now_ns();
    // Under PVM the guest's ring 3 runs on the host CPU with the host's CR4, which follows
    // the host thread's TSC mode: set only for the guest's run (dunetrace's clock reads rdtsc).
    if (c->tsc_fault) syscall(SYS_prctl, PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0);
    int r = ioctl(c->fd, KVM_RUN, 0);
    if (c->tsc_fault) {
        int e = errno;
        syscall(SYS_prctl, PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0);
        errno = e;
    }
    c->stats.ns_in_guest += now_ns() - t0;
    c->run->kvm_dirty_regs = 0;
    c->sregs_synced = c->vm->info.has_sync_regs;
    return r;
}

#define DT_KVM_EXIT_MEMORY_FAULT 39  // KVM_CAP_MEMORY_FAULT_INFO (6.8+): gpa of a failed fault

// KVM_RUN failed with EFAULT: the host kernel refused the guest a page it maps (a shared file
// mapping past the end of its file). Newer KVMs say which page; the vCPU stays where it was.
static void host_fault(dt_vcpu *c, dt_exit *out) {
    struct kvm_regs kr;
    if (ioctl(c->fd, KVM_GET_REGS, &kr) < 0) {
        fail_exit(c, out, "KVM_RUN failed: errno %llu", (unsigned long long)EFAULT);
        return;
    }
    out->kind = DT_EXIT_HOST_FAULT;
    to_dt(&out->regs, &kr);
    c->in_ring3 = 1;
    if (c->run->exit_reason == DT_KVM_EXIT_MEMORY_FAULT) {
        const uint64_t *info = (const uint64_t *)(const void *)&c->run->mmio;  // flags, gpa, size
        out->cr2 = dt_vm_gpa_to_hva(c->vm, info[1]) & ~4095ULL;  // 0 if no slot: unnamed
    }
}

static int complete_mmio(dt_vcpu *c) {
    struct kvm_run *run = c->run;
    uint32_t len = run->mmio.len;
    if (len > sizeof run->mmio.data) return -1;
    uint64_t hva = dt_vm_gpa_to_hva(c->vm, run->mmio.phys_addr);
    if (hva == 0) return -1;
    struct iovec local = {.iov_base = run->mmio.data, .iov_len = len};
    struct iovec remote = {.iov_base = (void *)(uintptr_t)hva, .iov_len = len};
    // Through the kernel, so memory that faults fails the call instead of killing dunetrace.
    ssize_t n = run->mmio.is_write ? process_vm_writev(getpid(), &local, 1, &remote, 1, 0)
                                   : process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
    c->stats.exits_other++;
    return n == (ssize_t)len ? 0 : -1;
}

int dt_vcpu_prime(dt_vcpu *c) {
    c->run->immediate_exit = 1;
    int r = kvm_run_once(c);
    int saved = errno;
    c->run->immediate_exit = 0;
    if (r < 0 && saved != EINTR) {
        errno = saved;
        return -1;
    }
    return 0;
}

void dt_vcpu_run(dt_vcpu *c, dt_exit *out) {
again:
    memset(out, 0, sizeof *out);
    int r = kvm_run_once(c);
    if (r < 0) {
        if (errno == EINTR || errno == EAGAIN) {
            c->run->immediate_exit = 0;
            interrupted(c, out);
            return;
        }
        if (errno == EFAULT) {
            host_fault(c, out);
            return;
        }
        fail_exit(c, out, "KVM_RUN failed: errno %llu", (unsigned long long)errno);
        return;
    }
    struct kvm_run *run = c->run;
    struct kvm_regs kr;
    switch (run->exit_reason) {
    case KVM_EXIT_MMIO:
        // A guest-physical address with no memslot (PTEs are cleared before a slot goes, so
        // none should be): done on the host memory behind it if a slot holds it now, as a VMM
        // does for a device, and the instruction completes on the next run.
        if (complete_mmio(c) < 0) {
            fail_exit(c, out, "guest access to %#llx with no memory behind it", (unsigned long long)run->mmio.phys_addr);
            return;
        }
        goto again;
    case KVM_EXIT_IO: {
        int port = run->io.port;
        if (get_regs(c, &kr) < 0) { fail_exit(c, out, "KVM_GET_REGS: errno %llu", (unsigned long long)errno); return; }
        // PVM exits with rip past the `out`; VT-x/AMD-V with rip at it (KVM steps over it on
        // the next KVM_RUN unless rip changed meanwhile).
        int at_stub = kr.rip == c->vm->tramp_syscall + 2 || kr.rip == c->vm->tramp_syscall;
        if (port == PORT_SYSCALL && !at_stub) {
            // The port is open to ring 3 (PVM needs it for the stub), but only the stub's own
            // `out` is a system call: anywhere else it is the #GP a native program would take.
            c->stats.exits_exception++;
            c->in_ring3 = 1;  // the `out` exited from ring 3 itself, on any kind of KVM
            out->kind = DT_EXIT_EXCEPTION;
            out->vector = 13;
            out->error_code = 0;
            to_dt(&out->regs, &kr);
            if (c->vm->info.is_pvm) {
                // `out %al,%dx` is one byte, `out %al,$imm8` two; read without faulting (exec-only pages).
                uint8_t last = 0;
                struct iovec local = {&last, 1}, remote = {(void *)(uintptr_t)(kr.rip - 1), 1};
                int one_byte = process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == 1 && last == 0xEE;
                out->regs.rip = kr.rip - (one_byte ? 1 : 2);
            }
            return;
        }
        if (port == PORT_SYSCALL) {
            c->stats.exits_syscall++;
            if (c->syscall_cpl < 0) {
                // Real VT-x/AMD-V enter the stub in ring 0; PVM leaves the CPU in ring 3.
                struct kvm_sregs s;
                if (ioctl(c->fd, KVM_GET_SREGS, &s) < 0) { fail_exit(c, out, "KVM_GET_SREGS: errno %llu", (unsigned long long)errno); return; }
                c->syscall_cpl = s.cs.dpl;
            }
            c->in_ring3 = c->syscall_cpl == 3;
            out->kind = DT_EXIT_SYSCALL;
            to_dt(&out->regs, &kr);
            out->regs.rip = kr.rcx;     // the ring-3 view: where the syscall returns to
            out->regs.rflags = kr.r11;
            return;
        }
        if (port < 32) {
            c->stats.exits_exception++;
            uint64_t top = dt_sys_gva(c->vm, c->stack_top);
            if (kr.rsp < top - 4096 || kr.rsp + 40 > top) {
                fail_exit(c, out, "exception %llu with a corrupt ring-0 stack", (unsigned long long)port);
                return;
            }
            uint64_t *frame = (uint64_t *)(uintptr_t)(c->stack_top - (top - kr.rsp));
            out->kind = DT_EXIT_EXCEPTION;
            c->in_ring3 = 0;
            out->vector = port;
            if (vector_has_error_code(port)) out->error_code = *frame++;
            if ((frame[1] & 3) != 3) {
                fail_exit(c, out, "exception %llu raised in guest ring 0", (unsigned long long)port);
                return;
            }
            to_dt(&out->regs, &kr);
            out->regs.rip = frame[0];
            out->regs.rflags = frame[2];
            out->regs.rsp = frame[3];
            if (port == 14) {
                struct kvm_sregs s;
                if (c->vm->info.has_sync_regs) out->cr2 = c->run->s.regs.sregs.cr2;
                else if (ioctl(c->fd, KVM_GET_SREGS, &s) == 0) out->cr2 = s.cr2;
            }
            return;
        }
        c->stats.exits_other++;
        fail_exit(c, out, "unexpected guest I/O exit on port %#llx", (unsigned long long)port);
        return;
    }
    case KVM_EXIT_INTR:
        c->run->immediate_exit = 0;
        interrupted(c, out);
        return;
    case KVM_EXIT_SHUTDOWN:
        c->stats.exits_other++;
        fail_exit(c, out, "guest triple fault (KVM_EXIT_SHUTDOWN)%llu", 0ULL);
        return;
    case KVM_EXIT_FAIL_ENTRY:
        c->stats.exits_other++;
        fail_exit(c, out, "KVM entry failed: hardware reason %#llx",
                  (unsigned long long)run->fail_entry.hardware_entry_failure_reason);
        return;
    case KVM_EXIT_INTERNAL_ERROR:
        c->stats.exits_other++;
        fail_exit(c, out, "KVM internal error, suberror %llu", (unsigned long long)run->internal.suberror);
        return;
    default:
        c->stats.exits_other++;
        fail_exit(c, out, "unexpected KVM exit reason %llu", (unsigned long long)run->exit_reason);
        return;
    }
}

static int set_regs(dt_vcpu *c, const struct kvm_regs *kr) {
    if (c->vm->info.has_sync_regs) {
        c->run->s.regs.regs = *kr;
        c->run->kvm_dirty_regs = KVM_SYNC_X86_REGS;
        return 0;
    }
    if (ioctl(c->fd, KVM_SET_REGS, kr) < 0) {
        dt_set_error(c->vm->err, sizeof c->vm->err, "KVM_SET_REGS: %s", strerror(errno));
        return -1;
    }
    return 0;
}

// From CPL 3 (where PVM leaves the syscall stub) into ring 0: an int3 at a known address of
// the trampoline page goes through the DPL-3 #BP gate, whose handler exits at once. The frame
// it pushed is dropped; the caller writes its own.
static int enter_ring0(dt_vcpu *c) {
    struct kvm_regs kr;
    memset(&kr, 0, sizeof kr);
    kr.rip = c->vm->tramp_to_ring0;
    kr.rflags = 0x202;
    if (set_regs(c, &kr) < 0) return -1;
    int r;
    // A signal for the target may kick this run: it stays pending and is delivered later.
    while ((r = kvm_run_once(c)) < 0 && (errno == EINTR || errno == EAGAIN)) c->run->immediate_exit = 0;
    if (r < 0 || c->run->exit_reason != KVM_EXIT_IO || c->run->io.port != 3) {
        dt_set_error(c->vm->err, sizeof c->vm->err, "could not enter guest ring 0 for a TLB flush");
        return -1;
    }
    c->stats.exits_other++;
    c->in_ring3 = 0;
    return 0;
}

int dt_vcpu_resume(dt_vcpu *c, const dt_regs *regs, int flush_tlb) {
    struct kvm_regs kr;
    memcpy(&kr, regs, sizeof kr);
    if (c->flush_next) flush_tlb = 1;
    c->flush_next = 0;
    if (c->in_ring3 && !flush_tlb) {
        // Already at CPL 3 (PVM): just set the registers, no ring-0 instruction at all.
        kr.rflags = (kr.rflags & ~0x13000ULL) | 0x202;
        return set_regs(c, &kr);
    }
    if (!c->in_ring3 && !flush_tlb && c->vm->info.is_pvm && c->sregs_synced) {
        // PVM, stopped in ring 0 (an exception's vector stub): CS and SS set to ring 3 through
        // the synced sregs take it straight back, without the emulated iretq (~2.6 us).
        // VT-x/AMD-V keep the iretq, which costs nothing there.
        struct kvm_sregs *s = &c->run->s.regs.sregs;
        s->cs = seg(DT_SEL_USER_CS, 1, 3);
        s->ss = seg(DT_SEL_USER_DS, 0, 3);
        kr.rflags = (kr.rflags & ~0x13000ULL) | 0x202;
        c->run->s.regs.regs = kr;
        c->run->kvm_dirty_regs = KVM_SYNC_X86_REGS | KVM_SYNC_X86_SREGS;
        return 0;
    }
    if (c->in_ring3 && enter_ring0(c) < 0) return -1;
    // The iret frame lives at the top of this vCPU's ring-0 stack (supervisor-only memory).
    uint64_t *frame = (uint64_t *)(void *)(c->stack_top - 5 * 8);
    frame[0] = regs->rip;
    frame[1] = DT_SEL_USER_CS;
    frame[2] = (regs->rflags & ~0x10000ULL) | 0x202;  // RF cleared; IF and bit 1 set, as in user mode
    frame[3] = regs->rsp;
    frame[4] = DT_SEL_USER_DS;
    kr.rip = flush_tlb ? c->vm->tramp_flush : c->vm->tramp_iret;
    kr.rsp = dt_sys_gva(c->vm, frame);
    kr.rflags = 0x2;
    if (flush_tlb) c->stats.exits_flush++;
    return set_regs(c, &kr);
}

static int set_msr(dt_vcpu *c, uint32_t index, uint64_t value) {
    struct {
        struct kvm_msrs hdr;
        struct kvm_msr_entry e;
    } m;
    memset(&m, 0, sizeof m);
    m.hdr.nmsrs = 1;
    m.e.index = index;
    m.e.data = value;
    return ioctl(c->fd, KVM_SET_MSRS, &m) == 1 ? 0 : -1;
}

static uint64_t get_msr(dt_vcpu *c, uint32_t index) {
    struct {
        struct kvm_msrs hdr;
        struct kvm_msr_entry e;
    } m;
    memset(&m, 0, sizeof m);
    m.hdr.nmsrs = 1;
    m.e.index = index;
    return ioctl(c->fd, KVM_GET_MSRS, &m) == 1 ? m.e.data : 0;
}

#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
int dt_vcpu_set_fs_base(dt_vcpu *c, uint64_t base) { return set_msr(c, MSR_FS_BASE, base); }
uint64_t dt_vcpu_fs_base(dt_vcpu *c) { return get_msr(c, MSR_FS_BASE); }
int dt_vcpu_set_gs_base(dt_vcpu *c, uint64_t base) { return set_msr(c, MSR_GS_BASE, base); }
uint64_t dt_vcpu_gs_base(dt_vcpu *c) { return get_msr(c, MSR_GS_BASE); }

// What KVM_GET_XSAVE2 writes and KVM_SET_XSAVE reads (KVM_CAP_XSAVE2): larger than struct
// kvm_xsave once the guest may hold AMX tile data. Set once by the first probe, before any vCPU.
static uint32_t xsave_size = sizeof(struct kvm_xsave);

void dt_set_xsave_size(uint32_t size) { __atomic_store_n(&xsave_size, size, __ATOMIC_RELAXED); }
uint32_t dt_xsave_size(void) { return __atomic_load_n(&xsave_size, __ATOMIC_RELAXED); }

int dt_vcpu_get_xsave(dt_vcpu *c, void *buf) {
    return ioctl(c->fd, dt_xsave_size() > sizeof(struct kvm_xsave) ? KVM_GET_XSAVE2 : KVM_GET_XSAVE, buf);
}

int dt_vcpu_set_xsave(dt_vcpu *c, const void *buf) {
    return ioctl(c->fd, KVM_SET_XSAVE, buf);
}

int dt_vcpu_reset_xstate(dt_vcpu *c) {
    uint8_t *area = calloc(1, dt_xsave_size());
    if (!area) return -1;
    uint16_t fcw = 0x37f;
    uint32_t mxcsr = 0x1f80;
    uint64_t xstate_bv = 3;  // x87 and SSE as given here; every other component in its init state
    memcpy(area, &fcw, sizeof fcw);
    memcpy(area + 24, &mxcsr, sizeof mxcsr);
    memcpy(area + 512, &xstate_bv, sizeof xstate_bv);
    int r = ioctl(c->fd, KVM_SET_XSAVE, area);
    free(area);
    return r;
}

// The components a signal frame holds, as the kernel's fpstate->user_xfeatures: XCR0's, less
// the dynamically enabled ones (AMX tile data) the process has no permission for (the host
// process's permission is the target's: its arch_prctl requests run there). Asked at each
// signal, as a request may come at any time.
uint64_t dt_signal_xfeatures(void) {
    uint64_t permitted = 0;
    if (syscall(SYS_arch_prctl, 0x1022 /* ARCH_GET_XCOMP_PERM */, &permitted) != 0) return dt_host_xcr0();
    return dt_host_xcr0() & permitted;
}

// The frame's XSAVE area for those components in the standard layout: the end of the last one
// (CPUID 0xD's offset and size of each, read once), as the kernel's user_size.
static uint32_t component_end[64];
static pthread_once_t component_ends_once = PTHREAD_ONCE_INIT;

static void read_component_ends(void) {
    for (int i = 2; i < 64; i++) {
        unsigned a, b, cc, d;
        __cpuid_count(0xd, i, a, b, cc, d);
        component_end[i] = a ? a + b : 0;
    }
}

uint32_t dt_xstate_size(void) {
    pthread_once(&component_ends_once, read_component_ends);
    uint64_t features = dt_signal_xfeatures();
    uint32_t size = 512 + 64;
    for (int i = 2; i < 64; i++)
        if (features >> i & 1 && component_end[i] > size) size = component_end[i];
    return size;
}

void dt_vcpu_get_stats(dt_vcpu *c, dt_vcpu_stats *out) { *out = c->stats; }

void dt_vm_get_stats(dt_vm *vm, dt_vcpu_stats *out) {
    *out = vm->retired;
    for (int i = 0; i < DT_MAX_VCPUS; i++) {
        dt_vcpu *c = vm->vcpus[i];
        if (!c) continue;
        out->exits_syscall += c->stats.exits_syscall;
        out->exits_exception += c->stats.exits_exception;
        out->exits_flush += c->stats.exits_flush;
        out->exits_other += c->stats.exits_other;
        out->exits_intr += c->stats.exits_intr;
        out->ns_in_guest += c->stats.ns_in_guest;
    }
}

int64_t dt_host_syscall(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
                        uint64_t a3, uint64_t a4, uint64_t a5) {
    int64_t ret;
    register uint64_t r10 __asm__("r10") = a3;
    register uint64_t r8 __asm__("r8") = a4;
    register uint64_t r9 __asm__("r9") = a5;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}

// PR_SET_TSC(PR_TSC_SIGSEGV): CR4.TSD makes rdtsc and rdtscp in ring 3 fault (#GP), as the
// kernel's TIF_NOTSC does for a native thread.
int dt_vcpu_set_tsc_fault(dt_vcpu *c, int on) {
    struct kvm_sregs s;
    if (ioctl(c->fd, KVM_GET_SREGS, &s) < 0) return -1;
    uint64_t cr4 = on ? (s.cr4 | 0x4) : (s.cr4 & ~0x4ULL);
    c->tsc_fault = on;
    if (cr4 == s.cr4) return 0;
    s.cr4 = cr4;
    if (ioctl(c->fd, KVM_SET_SREGS, &s) < 0) return -1;
    c->sregs.cr4 = cr4;
    if (c->vm->info.has_sync_regs) c->run->s.regs.sregs.cr4 = cr4;
    return 0;
}

// ARCH_SET_CPUID(0): CPUID in ring 3 faults (#GP), through KVM's emulation of CPUID faulting
// (MSR_MISC_FEATURES_ENABLES bit 0), as the kernel's TIF_NOCPUID does for a native thread.
int dt_vcpu_set_cpuid_fault(dt_vcpu *c, int on) {
    if (set_msr(c, 0x140, on ? 1 : 0) != 0) return -1;
    c->cpuid_fault = on;
    return 0;
}
