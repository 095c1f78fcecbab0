// The floor: the round trips dunetrace makes under KVM, with no tracer work at all. Its own
// tiny VM runs a ring-3 loop; each `syscall` lands on a one-instruction stub (`out`) that exits
// to this program, which only sets the registers back (rip = rcx, rflags = r11); each first
// touch of a page takes a #PF to a vector stub (`out`), this program writes the PTE and puts
// the vCPU back in ring 3 (sync sregs under PVM, the stub's `iretq` elsewhere, as dunetrace).
// One VM setup (VM, memslot, vCPU, registers, first exit) is timed too: the per-process floor.
//
//   floor syscalls N | pagefaults N | pagefaults-iret N | vms N
// prints one JSON object: {"mode":..., "n":N, "ns_per_op":..., "pvm":0|1} (vms: the median)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define SYS_GVA 0xfffffe0000000000ULL  // supervisor code must be in PVM's upper-half range
#define USER_CODE 0x400000ULL
#define USER_STACK 0x600000ULL
#define DATA_GVA 0x40000000ULL
// Guest-physical layout of the one memslot.
#define G_TABLES 0x0ULL          // page tables, bump-allocated (1 MiB)
#define G_IDT 0x100000ULL
#define G_STUBS 0x101000ULL
#define G_GDT 0x102000ULL        // GDT, TSS at +0x800
#define G_STACK 0x103000ULL      // ring-0 stack, two pages
#define G_UCODE 0x200000ULL
#define G_USTACK 0x201000ULL
#define G_DATA 0x400000ULL
#define SEL_KCS 0x10
#define SEL_KDS 0x18
#define SEL_UCS32 0x23
#define SEL_UDS 0x2b
#define SEL_UCS 0x33
#define SEL_TSS 0x40
#define PORT_SYSCALL 0xF0
#define P 1ULL
#define W 2ULL
#define U 4ULL
#define NX (1ULL << 63)

static int kvm, vmfd, cpufd, pvm;
static uint8_t *mem;
static size_t mem_len;
static uint64_t next_table = G_TABLES + 0x1000;
static struct kvm_run *run;

static void die(const char *what) {
    fprintf(stderr, "floor: %s: %s\n", what, strerror(errno));
    exit(1);
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t *table(uint64_t gpa) { return (uint64_t *)(mem + gpa); }

static uint64_t *pte_slot(uint64_t gva) {
    uint64_t t = G_TABLES;
    for (int level = 3; level > 0; level--) {
        uint64_t *e = &table(t)[(gva >> (12 + 9 * level)) & 511];
        if (!(*e & P)) { *e = next_table | P | W | U; next_table += 0x1000; }
        t = *e & 0x000ffffffffff000ULL;
    }
    return &table(t)[(gva >> 12) & 511];
}

static void map(uint64_t gva, uint64_t gpa, uint64_t bits) { *pte_slot(gva) = gpa | P | 0x60 | bits; }

static struct kvm_segment seg(uint16_t sel, int code, int dpl) {
    struct kvm_segment s = {.limit = 0xffffffff, .selector = sel, .present = 1, .dpl = (uint8_t)dpl, .s = 1, .g = 1};
    if (code) { s.type = 11; s.l = 1; } else { s.type = 3; s.db = 1; }
    return s;
}

// The guest: rbx = count; mode 0 syscalls, mode 1 writes to fresh pages from DATA_GVA; then
// rax = -1, syscall: done.
static const uint8_t user_code[] = {
    0x48, 0x85, 0xff,                   // test %rdi,%rdi
    0x75, 0x0b,                         // jnz pf
    // sys: syscall; dec %rbx; jnz sys; jmp done
    0x0f, 0x05, 0x48, 0xff, 0xcb, 0x75, 0xf9, 0xeb, 0x14, 0x90, 0x90,
    // pf (offset 16): mov %rsi,%rdi(base); 1: movb $1,(%rdi); add $4096,%rdi; dec %rbx; jnz 1b
    0x48, 0x89, 0xf7,
    0xc6, 0x07, 0x01, 0x48, 0x81, 0xc7, 0x00, 0x10, 0x00, 0x00, 0x48, 0xff, 0xcb, 0x75, 0xf1,
    // done (offset 34): mov $-1,%rax; syscall
    0x48, 0xc7, 0xc0, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x05,
};

static void setup_memory(uint64_t pages) {
    mem_len = G_DATA + pages * 4096;
    mem = mmap(NULL, mem_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mem == MAP_FAILED) die("mmap");
    // Stubs: syscall `out %al,$0xF0`; vector n at +0x100+4n `out %al,$n`; iret at +0x80.
    uint8_t *s = mem + G_STUBS;
    s[0] = 0xe6; s[1] = PORT_SYSCALL;
    s[0x80] = 0x48; s[0x81] = 0xcf;
    for (int v = 0; v < 32; v++) { s[0x100 + 4 * v] = 0xe6; s[0x101 + 4 * v] = (uint8_t)v; }
    uint64_t *idt = (uint64_t *)(mem + G_IDT);
    for (int v = 0; v < 32; v++) {
        uint64_t t = SYS_GVA + 0x1000 + 0x100 + 4 * (uint64_t)v;
        idt[2 * v] = (t & 0xffff) | ((uint64_t)SEL_KCS << 16) | (0x8eULL << 40) | ((t >> 16) & 0xffff) << 48;
        idt[2 * v + 1] = t >> 32;
    }
    uint64_t *gdt = (uint64_t *)(mem + G_GDT);
    gdt[SEL_KCS >> 3] = 0x00af9b000000ffffULL;
    gdt[SEL_KDS >> 3] = 0x00cf93000000ffffULL;
    gdt[SEL_UCS32 >> 3] = 0x00cffb000000ffffULL;
    gdt[SEL_UDS >> 3] = 0x00cff3000000ffffULL;
    gdt[SEL_UCS >> 3] = 0x00affb000000ffffULL;
    uint8_t *tss = mem + G_GDT + 0x800;
    uint64_t rsp0 = SYS_GVA + (G_STACK + 0x2000 - G_IDT), tss_base = SYS_GVA + (G_GDT + 0x800 - G_IDT);
    memcpy(tss + 4, &rsp0, 8);
    uint16_t iomap = 104;
    memcpy(tss + 102, &iomap, 2);
    memset(tss + 104, 0xff, 33);
    tss[104 + PORT_SYSCALL / 8] &= (uint8_t)~(1u << (PORT_SYSCALL % 8));  // PVM runs the stub in ring 3
    uint64_t limit = 104 + 32;
    gdt[SEL_TSS >> 3] = (limit & 0xffff) | ((tss_base & 0xffffff) << 16) | (0x89ULL << 40) | (((tss_base >> 24) & 0xff) << 56);
    gdt[(SEL_TSS >> 3) + 1] = tss_base >> 32;
    for (uint64_t off = 0; off < 5 * 4096; off += 4096)
        map(SYS_GVA + off, G_IDT + off, off == 0x1000 ? U : (W | NX));  // stubs user-executable (PVM)
    memcpy(mem + G_UCODE, user_code, sizeof user_code);
    map(USER_CODE, G_UCODE, U);
    map(USER_STACK, G_USTACK, U | W | NX);
    for (uint64_t i = 0; i < pages; i++) *pte_slot(DATA_GVA + i * 4096) = 0;  // tables exist, pages absent
}

static void create_vm(void) {
    vmfd = ioctl(kvm, KVM_CREATE_VM, 0);
    if (vmfd < 0) die("KVM_CREATE_VM");
    struct kvm_userspace_memory_region r = {.slot = 0, .guest_phys_addr = 0, .memory_size = mem_len,
                                            .userspace_addr = (uint64_t)(uintptr_t)mem};
    if (ioctl(vmfd, KVM_SET_USER_MEMORY_REGION, &r) < 0) die("KVM_SET_USER_MEMORY_REGION");
    cpufd = ioctl(vmfd, KVM_CREATE_VCPU, 0);
    if (cpufd < 0) die("KVM_CREATE_VCPU");
    run = mmap(NULL, (size_t)ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0), PROT_READ | PROT_WRITE, MAP_SHARED, cpufd, 0);
    if (run == MAP_FAILED) die("mmap kvm_run");
    static struct kvm_cpuid2 *cpuid;
    if (!cpuid) {
        cpuid = calloc(1, sizeof *cpuid + 256 * sizeof(struct kvm_cpuid_entry2));
        cpuid->nent = 256;
        if (ioctl(kvm, KVM_GET_SUPPORTED_CPUID, cpuid) < 0) die("KVM_GET_SUPPORTED_CPUID");
    }
    if (ioctl(cpufd, KVM_SET_CPUID2, cpuid) < 0) die("KVM_SET_CPUID2");
    struct kvm_sregs s;
    if (ioctl(cpufd, KVM_GET_SREGS, &s) < 0) die("KVM_GET_SREGS");
    s.cr0 = 0x80050033;
    s.cr4 = 0x20 | 0x200 | 0x400;
    s.cr3 = G_TABLES;
    s.efer = 0x1 | 0x100 | 0x400 | 0x800;
    s.cs = seg(SEL_UCS, 1, 3);
    s.ss = s.ds = s.es = seg(SEL_UDS, 0, 3);
    s.fs = s.gs = seg(0, 0, 3);
    s.tr = (struct kvm_segment){.base = SYS_GVA + (G_GDT + 0x800 - G_IDT), .limit = 104 + 32, .selector = SEL_TSS, .type = 11, .present = 1};
    s.ldt = (struct kvm_segment){.type = 2, .present = 1, .unusable = 1};
    s.gdt.base = SYS_GVA + (G_GDT - G_IDT);
    s.gdt.limit = 10 * 8 - 1;
    s.idt.base = SYS_GVA;
    s.idt.limit = 32 * 16 - 1;
    if (ioctl(cpufd, KVM_SET_SREGS, &s) < 0) die("KVM_SET_SREGS");
    struct {
        struct kvm_msrs h;
        struct kvm_msr_entry e[3];
    } m = {.h.nmsrs = 3};
    m.e[0].index = 0xc0000081; m.e[0].data = ((uint64_t)SEL_UCS32 << 48) | ((uint64_t)SEL_KCS << 32);
    m.e[1].index = 0xc0000082; m.e[1].data = SYS_GVA + 0x1000;
    m.e[2].index = 0xc0000084; m.e[2].data = 0x47700;
    if (ioctl(cpufd, KVM_SET_MSRS, &m) != 3) die("KVM_SET_MSRS");
}

static void start(uint64_t mode, uint64_t n) {
    struct kvm_regs r = {.rip = USER_CODE, .rsp = USER_STACK + 4096, .rflags = 0x202,
                         .rdi = mode, .rsi = DATA_GVA, .rbx = n};
    if (ioctl(cpufd, KVM_SET_REGS, &r) < 0) die("KVM_SET_REGS");
    run->kvm_valid_regs = KVM_SYNC_X86_REGS | KVM_SYNC_X86_SREGS;
}

// Runs the guest to its final syscall; returns the number of events.
static uint64_t loop(int use_iret) {
    uint64_t events = 0;
    for (;;) {
        if (ioctl(cpufd, KVM_RUN, 0) < 0) {
            if (errno == EINTR) continue;
            die("KVM_RUN");
        }
        run->kvm_dirty_regs = 0;
        if (run->exit_reason != KVM_EXIT_IO) {
            fprintf(stderr, "floor: unexpected exit %u\n", run->exit_reason);
            exit(1);
        }
        struct kvm_regs *r = &run->s.regs.regs;
        struct kvm_sregs *s = &run->s.regs.sregs;
        events++;
        if (run->io.port == PORT_SYSCALL) {
            if (r->rax == (uint64_t)-1) return events - 1;
            r->rip = r->rcx;
            r->rflags = (r->r11 & ~0x13000ULL) | 0x202;
            run->kvm_dirty_regs = KVM_SYNC_X86_REGS;
            if (s->cs.dpl != 3) {  // VT-x/AMD-V: the stub ran in ring 0
                s->cs = seg(SEL_UCS, 1, 3);
                s->ss = seg(SEL_UDS, 0, 3);
                run->kvm_dirty_regs |= KVM_SYNC_X86_SREGS;
            }
        } else if (run->io.port == 14) {
            uint64_t off = r->rsp - SYS_GVA;  // error code, rip, cs, rflags, rsp, ss
            const uint64_t *frame = (const uint64_t *)(mem + G_IDT + off);
            uint64_t page = s->cr2 & ~4095ULL;
            if (page < DATA_GVA || page >= DATA_GVA + (mem_len - G_DATA)) {
                fprintf(stderr, "floor: #PF at %#llx\n", (unsigned long long)s->cr2);
                exit(1);
            }
            map(page, G_DATA + (page - DATA_GVA), U | W | NX);
            if (use_iret) {
                r->rip = SYS_GVA + 0x1000 + 0x80;
                r->rsp += 8;
            } else {
                r->rip = frame[1];
                r->rflags = frame[3];
                r->rsp = frame[4];
                s->cs = seg(SEL_UCS, 1, 3);
                s->ss = seg(SEL_UDS, 0, 3);
                run->kvm_dirty_regs |= KVM_SYNC_X86_SREGS;
            }
            run->kvm_dirty_regs |= KVM_SYNC_X86_REGS;
        } else {
            fprintf(stderr, "floor: exit on port %#x (rip %#llx)\n", run->io.port, (unsigned long long)r->rip);
            exit(1);
        }
    }
}

static int by_value(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: floor syscalls|pagefaults|pagefaults-iret|vms N\n");
        return 2;
    }
    const char *mode = argv[1];
    uint64_t n = strtoull(argv[2], NULL, 10);
    if (n == 0) n = 1;
    kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (kvm < 0) die("/dev/kvm");
    pvm = access("/sys/module/kvm_pvm", F_OK) == 0;
    int pf = strncmp(mode, "pagefaults", 10) == 0;
    setup_memory(pf ? n : 1);
    uint64_t t0 = 0, events = 0;
    if (strcmp(mode, "vms") == 0) {
        // Per process: a VM with its memslot and vCPU, set up and run to its first exit. The
        // median of the iterations: on a busy host a few wait milliseconds for a grace period.
        uint64_t *each = calloc(n, sizeof *each);
        if (!each) die("calloc");
        for (uint64_t i = 0; i < n; i++) {
            uint64_t a = now_ns();
            create_vm();
            start(0, 1);
            loop(0);
            munmap(run, (size_t)ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0));
            close(cpufd);
            close(vmfd);
            each[i] = now_ns() - a;
        }
        qsort(each, n, sizeof *each, by_value);
        printf("{\"mode\": \"vms\", \"n\": %llu, \"ns_per_op\": %.1f, \"pvm\": %d}\n", (unsigned long long)n,
               (double)each[n / 2], pvm);
        return 0;
    } else if (strcmp(mode, "syscalls") == 0 || pf) {
        create_vm();
        start(0, 1);
        loop(0);  // warm: the first entry, page-table shadows
        start(pf, n);
        t0 = now_ns();
        events = loop(strcmp(mode, "pagefaults-iret") == 0);
    } else {
        fprintf(stderr, "floor: unknown mode %s\n", mode);
        return 2;
    }
    uint64_t t1 = now_ns();
    if (events != n) {
        fprintf(stderr, "floor: %llu events for %llu operations\n", (unsigned long long)events, (unsigned long long)n);
        return 1;
    }
    printf("{\"mode\": \"%s\", \"n\": %llu, \"ns_per_op\": %.1f, \"pvm\": %d}\n", mode, (unsigned long long)n,
           (double)(t1 - t0) / (double)n, pvm);
    return 0;
}
