// VM, memslots and guest page tables. A target page at host address A is guest-virtual A (so
// system calls need no translation) and guest-physical wherever the dense allocator put A's
// 2 MiB chunk (guestphys.c). Only the target's pages are user pages;
// the system area (IDT, GDT, TSS, ring-0 stacks, trampolines) is supervisor-only, and the rest
// of dunetrace is absent from the guest page table, so ring 3 cannot reach the tracer.
#define _GNU_SOURCE
#include "ckvm_internal.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PTE_P 0x1ULL
#define PTE_W 0x2ULL
#define PTE_U 0x4ULL
#define PTE_A 0x20ULL
#define PTE_D 0x40ULL
#define PTE_PS 0x80ULL  // in a page-directory entry: a 2 MiB page, no page table below
#define PTE_NX (1ULL << 63)
#define PTE_ADDR 0x000ffffffffff000ULL

#define PT_ARENA_SIZE (512ULL << 20)  // 131072 table pages: enough for ~256 GiB touched
// The arena's guest-physical addresses are reserved whole, but it becomes memslots piece by
// piece as tables are used (4 MiB, then doubling): under shadow paging KVM allocates and clears
// metadata in proportion to a slot's size, which for the whole arena was most of the memslot
// work of every fork.
#define PT_ARENA_FIRST (4ULL << 20)
#define LARGE_MASK (DT_LARGE_PAGE - 1)
#define DT_USER_TOP 0x7ffffffff000ULL  // x86-64's TASK_SIZE_MAX: user space ends a page below 2^47
#define SYSTEM_SPAN ((DT_SYSTEM_SIZE + DT_CHUNK - 1) & ~(DT_CHUNK - 1))  // the arena starts 2 MiB aligned after it

void dt_set_error(char *err, size_t errlen, const char *fmt, ...) {
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

// /dev/kvm is opened once and kept (above the target's descriptors): every later VM, in this
// process or a forked child, is created through it, so a target that drops privileges
// (setuid to a user outside group kvm) can still fork. Forks inherit it.
static pthread_mutex_t kvm_lock = PTHREAD_MUTEX_INITIALIZER;
static int kvm_fd = -1;
static dt_kvm_info kvm_info;

static int kvm_open(char *err, size_t errlen) {
    int fd = dt_fd_move_high(open("/dev/kvm", O_RDWR | O_CLOEXEC));
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT)
            dt_set_error(err, errlen, "/dev/kvm: not found (KVM is not available on this machine)");
        else if (e == EACCES || e == EPERM)
            dt_set_error(err, errlen, "/dev/kvm: permission denied (add yourself to group kvm)");
        else
            dt_set_error(err, errlen, "/dev/kvm: %s", strerror(e));
    }
    return fd;
}

// The process's guest XCOMP permission before dunetrace asked for its own (0: not known).
static uint64_t guest_xcomp_perm_before;
uint64_t dt_guest_xcomp_perm_before(void) { return __atomic_load_n(&guest_xcomp_perm_before, __ATOMIC_RELAXED); }

static int kvm_probe(dt_kvm_info *info, char *err, size_t errlen) {
    memset(info, 0, sizeof *info);
    int fd = kvm_open(err, errlen);
    if (fd < 0) return -1;
    info->api_version = ioctl(fd, KVM_GET_API_VERSION, 0);
    if (info->api_version != KVM_API_VERSION) {
        dt_set_error(err, errlen, "/dev/kvm: unsupported KVM API version %d", info->api_version);
        close(fd);
        return -1;
    }
    if (ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY) <= 0) {
        dt_set_error(err, errlen, "/dev/kvm: KVM_CAP_USER_MEMORY missing");
        close(fd);
        return -1;
    }
    info->max_memslots = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_NR_MEMSLOTS);
    if (info->max_memslots <= 0) info->max_memslots = 32;
    int sync = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_SYNC_REGS);
    info->has_sync_regs = (sync > 0 && (sync & (KVM_SYNC_X86_REGS | KVM_SYNC_X86_SREGS)) ==
                                           (KVM_SYNC_X86_REGS | KVM_SYNC_X86_SREGS));
    info->has_xcrs = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_XCRS) > 0;
    // The guest may hold every user state component the host's XCR0 enables: KVM leaves AMX
    // tile data (a dynamically enabled component) out of a guest's XCR0 unless the process
    // asked for it before its first vCPU, and the target must see XCR0 as natively. Older
    // kernels without the request (EINVAL) have no such component to ask for.
    // What the process had before is what the target's ARCH_GET_XCOMP_GUEST_PERM shows.
    uint64_t guest_perm = 0;
    if (dt_guest_xcomp_perm_before() == 0 && syscall(SYS_arch_prctl, 0x1024 /* ARCH_GET_XCOMP_GUEST_PERM */, &guest_perm) == 0)
        __atomic_store_n(&guest_xcomp_perm_before, guest_perm, __ATOMIC_RELAXED);
    syscall(SYS_arch_prctl, 0x1025 /* ARCH_REQ_XCOMP_GUEST_PERM */, 18 /* XFEATURE_XTILEDATA */);
    int xsave2 = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_XSAVE2);
    dt_set_xsave_size(xsave2 > (int)sizeof(struct kvm_xsave) ? (uint32_t)xsave2 : (uint32_t)sizeof(struct kvm_xsave));
    info->is_pvm = access("/sys/module/kvm_pvm", F_OK) == 0;
    kvm_fd = fd;
    return 0;
}

int dt_kvm_probe(dt_kvm_info *info, char *err, size_t errlen) {
    pthread_mutex_lock(&kvm_lock);
    int r = 0;
    if (kvm_fd < 0) r = kvm_probe(&kvm_info, err, errlen);
    if (r == 0) *info = kvm_info;
    pthread_mutex_unlock(&kvm_lock);
    return r;
}

// ---- memory of the VM itself -------------------------------------------------------------

// Anonymous memory starting on a 2 MiB boundary, so that its guest-physical chunks hold it
// and nothing of dunetrace's beside it.
static void *alloc_pages(size_t len) {
    uint8_t *p = mmap(NULL, len + DT_CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return NULL;
    uint8_t *aligned = (uint8_t *)(((uintptr_t)p + DT_CHUNK - 1) & ~(uintptr_t)(DT_CHUNK - 1));
    if (aligned > p) munmap(p, (size_t)(aligned - p));
    munmap(aligned + len, (size_t)(p + DT_CHUNK - aligned));
    return aligned;
}

// The slot tables are sized for KVM's limit (32764 slots: ~2 MiB in all) but use a few
// entries: fresh anonymous memory costs only the pages touched, where calloc may clear all
// of it (from a heap that earlier frees grew) on every fork.
static void *zeroed_array(size_t len) {
    if (len == 0) return NULL;
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static void free_array(void *p, size_t len) {
    if (p) munmap(p, len);
}

static int slot_set(dt_vm *vm, int id, uint64_t hva, uint64_t gpa, uint64_t len) {
    struct kvm_userspace_memory_region r = {
        .slot = (uint32_t)id, .flags = 0, .guest_phys_addr = gpa,
        .memory_size = len, .userspace_addr = hva,
    };
    int rc;
    do rc = ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &r); while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        dt_set_error(vm->err, sizeof vm->err, "KVM_SET_USER_MEMORY_REGION(%#llx -> %#llx, %#llx): %s",
                     (unsigned long long)hva, (unsigned long long)gpa, (unsigned long long)len, strerror(errno));
        return -1;
    }
    return 0;
}

// The position in by_hva of the first slot that ends above hva (n_by_hva if none).
static int first_ending_after(dt_vm *vm, uint64_t hva) {
    int lo = 0, hi = vm->n_by_hva;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        const struct dt_slot *s = &vm->slots[vm->by_hva[mid]];
        if (s->hva + s->len <= hva) lo = mid + 1; else hi = mid;
    }
    return lo;
}

// The slot holding host address hva, or NULL.
static struct dt_slot *slot_at(dt_vm *vm, uint64_t hva) {
    int i = first_ending_after(vm, hva);
    if (i == vm->n_by_hva) return NULL;
    struct dt_slot *s = &vm->slots[vm->by_hva[i]];
    return s->hva <= hva ? s : NULL;
}

#define NO_GPA_SPACE (-2)

// A memslot over host [hva, hva+len) at guest-physical addresses of its own. Returns 0, -1
// (KVM refused, or no slot left) or NO_GPA_SPACE, with the reason in vm->err.
static int slot_add_at(dt_vm *vm, uint64_t hva, uint64_t gpa, uint64_t len, int system);

static int slot_add(dt_vm *vm, uint64_t hva, uint64_t len, int system) {
    return slot_add_at(vm, hva, DT_GPA_NONE, len, system);
}

// gpa DT_GPA_NONE: placed by the allocator; otherwise already reserved by the caller.
static int slot_add_at(dt_vm *vm, uint64_t hva, uint64_t gpa, uint64_t len, int system) {
    int id = -1;
    for (int i = 0; i < vm->nslots; i++)
        if (!vm->slots[i].used) { id = i; break; }
    if (id < 0) {
        if (vm->nslots >= vm->max_slots) {
            dt_set_error(vm->err, sizeof vm->err, "out of KVM memslots (%d)", vm->max_slots);
            return -1;
        }
        id = vm->nslots++;
    }
    int placed = gpa == DT_GPA_NONE;
    if (placed) gpa = dt_gpa_alloc(vm, len);
    if (gpa == DT_GPA_NONE) {
        dt_set_error(vm->err, sizeof vm->err,
                     "guest-physical address space exhausted (%d-bit CPU): %llu MiB more did not fit",
                     vm->phys_bits, (unsigned long long)(len >> 20));
        return NO_GPA_SPACE;
    }
    if (slot_set(vm, id, hva, gpa, len) < 0) {
        if (placed) dt_gpa_release(vm, gpa, len);
        return -1;
    }
    vm->slots[id] = (struct dt_slot){.hva = hva, .gpa = gpa, .len = len, .used = 1, .system = system};
    vm->slots_used++;
    int at = first_ending_after(vm, hva);
    memmove(&vm->by_hva[at + 1], &vm->by_hva[at], (size_t)(vm->n_by_hva - at) * sizeof *vm->by_hva);
    vm->by_hva[at] = id;
    vm->n_by_hva++;
    return 0;
}

static int slot_delete(dt_vm *vm, int position) {
    int id = vm->by_hva[position];
    struct dt_slot s = vm->slots[id];
    if (slot_set(vm, id, s.hva, s.gpa, 0) < 0) return -1;
    vm->slots[id].used = 0;
    vm->slots_used--;
    memmove(&vm->by_hva[position], &vm->by_hva[position + 1], (size_t)(vm->n_by_hva - position - 1) * sizeof *vm->by_hva);
    vm->n_by_hva--;
    dt_gpa_release(vm, s.gpa, s.len);
    return 0;
}

// Target memory is covered by memslots in whole aligned chunks, and a slot stays while the
// target unmaps or protects memory inside it (its PTEs go; the guest cannot reach it): the
// number of slots grows with the chunks the target has used, not with its mappings, and a
// slot is never deleted and re-made under a running vCPU (which would touch memory with no
// slot, an MMIO exit). Slots only over memory the target used: under shadow paging KVM
// spends ~8 bytes per 4 KiB of slot.
#define SLOT_MAX_LEN (1ULL << 42)  // a slot holds at most 2^31-1 pages

// Memslots over the chunks of [addr, addr+len) that none covers yet, one per gap. When the
// guest-physical space has no run that large, target memory is left to map time, where each
// chunk gets its own as the target touches it.
static int add_range(dt_vm *vm, uint64_t addr, uint64_t len, int system) {
    if (len == 0) return 0;
    uint64_t end = addr + len;
    if (end < addr || end > UINT64_MAX - DT_CHUNK) {
        dt_set_error(vm->err, sizeof vm->err, "guest memory past the end of the address space");
        return -1;
    }
    uint64_t at = addr & ~(DT_CHUNK - 1);
    end = (end + DT_CHUNK - 1) & ~(DT_CHUNK - 1);
    // The top chunk of user space ends a page short of 2 MiB (the last page is never user
    // memory): KVM refuses a memslot past it.
    if (at < DT_USER_TOP && end > DT_USER_TOP) end = DT_USER_TOP;
    while (at < end) {
        int i = first_ending_after(vm, at);
        struct dt_slot *s = i < vm->n_by_hva ? &vm->slots[vm->by_hva[i]] : NULL;
        if (s && s->hva <= at) {
            // Memory of dunetrace in a chunk the target used too: the slot must stay.
            if (system) s->system = 1;
            at = s->hva + s->len;
            continue;
        }
        uint64_t gap_end = s && s->hva < end ? s->hva : end;
        uint64_t piece = gap_end - at < SLOT_MAX_LEN ? gap_end - at : SLOT_MAX_LEN;
        int rc = slot_add(vm, at, piece, system);
        if (rc == NO_GPA_SPACE && !system) {
            vm->err[0] = 0;
            at = gap_end;
            continue;
        }
        if (rc < 0) return -1;
        at += piece;
    }
    return 0;
}

int dt_vm_add_memory(dt_vm *vm, uint64_t addr, uint64_t len) { return add_range(vm, addr, len, 0); }

// Adds memory that belongs to dunetrace (system area, page tables, the host's vDSO) as guest
// memory that the target's memory bookkeeping never releases; adding the same again is a no-op.
int dt_vm_add_system_memory(dt_vm *vm, uint64_t addr, uint64_t len) { return add_range(vm, addr, len, 1); }

// The guest-physical address of host address hva for a PTE: target memory no slot covers yet
// (its mapping did not fit in one run) gets a slot over its chunk now.
static uint64_t gpa_for_pte(dt_vm *vm, uint64_t hva, int user) {
    struct dt_slot *s = slot_at(vm, hva);
    if (!s) {
        if (!user) {
            dt_set_error(vm->err, sizeof vm->err, "no guest memory behind %#llx", (unsigned long long)hva);
            return DT_GPA_NONE;
        }
        uint64_t chunk = hva & ~(DT_CHUNK - 1);
        if (slot_add(vm, chunk, chunk + DT_CHUNK > DT_USER_TOP && chunk < DT_USER_TOP ? DT_USER_TOP - chunk : DT_CHUNK, 0) < 0) return DT_GPA_NONE;
        s = slot_at(vm, hva);
        if (!s) return DT_GPA_NONE;
    }
    return s->gpa + (hva - s->hva);
}

int dt_vm_remove_memory(dt_vm *vm, uint64_t addr, uint64_t len) {
    return dt_vm_map(vm, addr, len, 0);
}

int dt_vm_release_memory(dt_vm *vm, uint64_t addr, uint64_t len) {
    uint64_t end = addr + len;
    if (end < addr) end = UINT64_MAX;
    // PTEs first: a vCPU still running reaches the memory through a slot until the deletion
    // flushes every vCPU's translations, and never a guest-physical address without one.
    int rc = dt_vm_map(vm, addr, len, 0);
    int i = first_ending_after(vm, addr);
    while (i < vm->n_by_hva) {
        struct dt_slot s = vm->slots[vm->by_hva[i]];
        if (s.hva >= end) break;
        if (s.system || s.hva < addr || s.hva + s.len > end) { i++; continue; }
        if (slot_delete(vm, i) < 0) return -1;
    }
    return rc;
}

// Only for exits that name a guest-physical address (KVM's memory-fault exit): may run on a
// vCPU thread while another changes the slots, so it reads the slots themselves, not by_hva.
uint64_t dt_vm_gpa_to_hva(dt_vm *vm, uint64_t gpa) {
    for (int i = 0; i < vm->nslots; i++) {
        struct dt_slot s = vm->slots[i];
        if (s.used && gpa >= s.gpa && gpa - s.gpa < s.len) return s.hva + (gpa - s.gpa);
    }
    return 0;
}

int dt_vm_memslot_count(dt_vm *vm) { return vm->slots_used; }

void dt_vm_get_phys_stats(dt_vm *vm, dt_phys_stats *out) {
    memset(out, 0, sizeof *out);
    out->phys_bits = (uint32_t)vm->phys_bits;
    out->slots = (uint32_t)vm->slots_used;
    for (int i = 0; i < vm->nslots; i++) {
        struct dt_slot s = vm->slots[i];
        if (!s.used) continue;
        out->bytes += s.len;
        if (s.gpa + s.len > out->top) out->top = s.gpa + s.len;
    }
}

int dt_vm_vcpu_count(dt_vm *vm) {
    int n = 0;
    for (int i = 0; i < DT_MAX_VCPUS; i++) n += vm->vcpu_used[i];
    return n;
}

// ---- guest page tables ----------------------------------------------------------------------
// Table entries hold guest-physical addresses; the arena is one slot, so a table's host
// address is the arena's plus its offset.

// The next piece of the arena becomes guest memory, at its reserved guest-physical addresses.
static int arena_grow(dt_vm *vm) {
    uint64_t len = vm->pt_slotted ? vm->pt_slotted : PT_ARENA_FIRST;
    if (len > PT_ARENA_SIZE - vm->pt_slotted) len = PT_ARENA_SIZE - vm->pt_slotted;
    if (len == 0) return -1;
    if (slot_add_at(vm, (uint64_t)(uintptr_t)vm->pt_arena + vm->pt_slotted, vm->pt_gpa + vm->pt_slotted, len, 1) < 0)
        return -1;
    vm->pt_slotted += len;
    return 0;
}

static uint64_t *pt_alloc(dt_vm *vm) {
    if (vm->pt_next + 4096 > PT_ARENA_SIZE) return NULL;
    if (vm->pt_next + 4096 > vm->pt_slotted && arena_grow(vm) < 0) return NULL;
    uint64_t *p = (uint64_t *)(vm->pt_arena + vm->pt_next);
    vm->pt_next += 4096;
    return p;  // fresh anonymous memory is zero
}

static uint64_t table_entry(dt_vm *vm, uint64_t *table) {
    return (vm->pt_gpa + (uint64_t)((uint8_t *)table - vm->pt_arena)) | PTE_P | PTE_W | PTE_U;
}

static uint64_t *table_at(dt_vm *vm, uint64_t entry) {
    return (uint64_t *)(void *)(vm->pt_arena + ((entry & PTE_ADDR) - vm->pt_gpa));
}

// Returns the page-directory entry for addr (the one that maps 2 MiB), creating the tables
// above it when create is set. Without create, *absent (if given) is set to the span that
// has no table at all (1 GiB or 512 GiB) when the answer is NULL.
static uint64_t *pde_lookup(dt_vm *vm, uint64_t addr, int create, uint64_t *absent) {
    uint64_t *table = vm->pml4;
    for (int level = 3; level > 1; level--) {
        unsigned idx = (addr >> (12 + 9 * level)) & 511;
        uint64_t e = table[idx];
        if (!(e & PTE_P)) {
            if (!create) {
                if (absent) *absent = 1ULL << (12 + 9 * level);
                return NULL;
            }
            uint64_t *next = pt_alloc(vm);
            if (!next) return NULL;
            e = table_entry(vm, next);
            table[idx] = e;
        }
        table = table_at(vm, e);
    }
    return &table[(addr >> 21) & 511];
}

static void arena_exhausted(dt_vm *vm) {
    if (vm->pt_next + 4096 > vm->pt_slotted && vm->pt_slotted < PT_ARENA_SIZE && vm->err[0]) return;  // arena_grow's reason
    dt_set_error(vm->err, sizeof vm->err, "guest page-table arena exhausted");
}

// Turns a 2 MiB page into a page table of 512 PTEs with the same attributes, so that part of
// it can change. The translations stay what they were: no TLB flush is needed for the split
// itself, only for the edit that follows (as for any 4 KiB PTE).
static int split_large(dt_vm *vm, uint64_t *pde) {
    uint64_t *pt = pt_alloc(vm);
    if (!pt) { arena_exhausted(vm); return -1; }
    uint64_t base = *pde & PTE_ADDR & ~LARGE_MASK;  // bit 12 of a 2 MiB entry is PAT, not address
    uint64_t attrs = *pde & ~PTE_ADDR & ~PTE_PS;
    for (uint64_t i = 0; i < 512; i++) pt[i] = (base + i * 4096) | attrs;
    *pde = table_entry(vm, pt);
    vm->map_stats.splits++;
    return 0;
}

static uint64_t leaf_bits(dt_vm *vm, int prot, int user) {
    // Set up front, the bits cost no walk to set; --pf=ws reads them as the first touches.
    uint64_t v = PTE_P | (user && vm->track_touches ? 0 : PTE_A | PTE_D);
    if (user) v |= PTE_U;
    if (prot & DT_PROT_WRITE) v |= PTE_W;
    if (!(prot & DT_PROT_EXEC)) v |= PTE_NX;
    return v;
}

// Sets (prot != 0) or clears the leaf entries of guest-virtual [addr, addr+len), which shows
// host memory from hva onwards (the same offset in its 2 MiB: the target's addresses are the
// host's, the system area is 2 MiB aligned at both). User memory gets 2 MiB pages for each
// aligned 2 MiB of the range (when large pages are on and no page table is there already):
// its chunk is one guest-physical chunk. A 2 MiB page the range only partly covers is split.
static int map_range(dt_vm *vm, uint64_t addr, uint64_t len, int prot, int user, uint64_t hva) {
    if ((addr ^ hva) & LARGE_MASK) {
        dt_set_error(vm->err, sizeof vm->err, "guest mapping %#llx of %#llx: 2 MiB offsets differ",
                     (unsigned long long)addr, (unsigned long long)hva);
        return -1;
    }
    uint64_t end = addr + len;
    while (addr < end) {
        uint64_t next = (addr | LARGE_MASK) + 1;
        if (next > end || next <= addr) next = end;
        uint64_t absent = 0;
        uint64_t *pde = pde_lookup(vm, addr, prot != 0, &absent);
        if (!pde) {
            if (prot) { arena_exhausted(vm); return -1; }
            // Nothing mapped in the whole 1 GiB or 512 GiB: skip it at once.
            uint64_t skip_to = (addr | (absent - 1)) + 1;
            next = skip_to <= addr || skip_to > end ? end : skip_to;
            hva += next - addr;
            addr = next;
            continue;
        }
        uint64_t gpa = 0;
        if (prot) {
            gpa = gpa_for_pte(vm, hva, user);
            if (gpa == DT_GPA_NONE) return -1;
        }
        int whole = (addr & LARGE_MASK) == 0 && next - addr == DT_LARGE_PAGE;
        int has_table = (*pde & PTE_P) && !(*pde & PTE_PS);
        if (whole && !has_table) {
            if (!prot) {
                *pde = 0;
                hva += DT_LARGE_PAGE;
                addr = next;
                continue;
            }
            if (user && vm->large_pages) {
                *pde = gpa | leaf_bits(vm, prot, user) | PTE_PS;
                vm->map_stats.large++;
                hva += DT_LARGE_PAGE;
                addr = next;
                continue;
            }
        }
        if (*pde & PTE_PS) {
            if (split_large(vm, pde) < 0) return -1;
        } else if (!(*pde & PTE_P)) {
            if (!prot) {
                hva += next - addr;
                addr = next;
                continue;
            }
            uint64_t *pt = pt_alloc(vm);
            if (!pt) { arena_exhausted(vm); return -1; }
            *pde = table_entry(vm, pt);
        }
        uint64_t *pt = table_at(vm, *pde);
        for (; addr < next; addr += 4096, hva += 4096, gpa += 4096) {
            pt[(addr >> 12) & 511] = prot ? gpa | leaf_bits(vm, prot, user) : 0;
            if (prot && user) vm->map_stats.small++;
        }
    }
    return 0;
}

int dt_vm_map(dt_vm *vm, uint64_t addr, uint64_t len, int prot) {
    return map_range(vm, addr, len, prot, 1, addr);
}

// A present leaf entry without what prot does not allow (write, execute).
static uint64_t restricted(uint64_t e, int prot) {
    if (!(prot & DT_PROT_WRITE)) e &= ~PTE_W;
    if (!(prot & DT_PROT_EXEC)) e |= PTE_NX;
    return e;
}

int dt_vm_restrict(dt_vm *vm, uint64_t addr, uint64_t len, int prot) {
    int downgraded = 0;
    uint64_t end = addr + len;
    while (addr < end) {
        uint64_t next = (addr | LARGE_MASK) + 1;
        if (next > end) next = end;
        uint64_t *pde = pde_lookup(vm, addr, 0, NULL);
        // Skip a whole 2 MiB stretch when its page table was never made.
        if (!pde || !(*pde & PTE_P)) { addr = next; continue; }
        if (*pde & PTE_PS) {
            uint64_t now = restricted(*pde, prot);
            if (now == *pde) { addr = next; continue; }
            if ((addr & LARGE_MASK) == 0 && next - addr == DT_LARGE_PAGE) {
                *pde = now;
                downgraded = 1;
                addr = next;
                continue;
            }
            if (split_large(vm, pde) < 0) return -1;
        }
        uint64_t *pt = table_at(vm, *pde);
        for (; addr < next; addr += 4096) {
            uint64_t *pte = &pt[(addr >> 12) & 511];
            if (!(*pte & PTE_P)) continue;
            uint64_t now = restricted(*pte, prot);
            if (now != *pte) { *pte = now; downgraded = 1; }
        }
    }
    return downgraded;
}

int dt_vm_page_prot(dt_vm *vm, uint64_t addr) {
    uint64_t *pde = pde_lookup(vm, addr, 0, NULL);
    if (!pde || !(*pde & PTE_P)) return -1;
    uint64_t e = *pde;
    if (!(e & PTE_PS)) e = table_at(vm, e)[(addr >> 12) & 511];
    if (!(e & PTE_P)) return -1;
    int prot = DT_PROT_READ;
    if (e & PTE_W) prot |= DT_PROT_WRITE;
    if (!(e & PTE_NX)) prot |= DT_PROT_EXEC;
    return prot;
}

int dt_vm_page_size(dt_vm *vm, uint64_t addr) {
    uint64_t *pde = pde_lookup(vm, addr, 0, NULL);
    if (!pde || !(*pde & PTE_P)) return 0;
    if (*pde & PTE_PS) return (int)DT_LARGE_PAGE;
    return (table_at(vm, *pde)[(addr >> 12) & 511] & PTE_P) ? 4096 : 0;
}

void dt_vm_get_map_stats(dt_vm *vm, dt_map_stats *out) { *out = vm->map_stats; }

// ---- first touches from accessed/dirty bits (--pf=ws) -------------------------------------

// Bits the MMU ignores in a leaf entry: what has been reported of the page already.
#define PTE_SEEN_READ (1ULL << 9)
#define PTE_SEEN_WRITE (1ULL << 10)

void dt_vm_track_touches(dt_vm *vm, int on) { vm->track_touches = on; }

// The walk that maps a page sets the accessed bit at every level (the CPU's, or KVM's walker
// under shadow paging), so a table whose entry above is not accessed again since the last
// collection holds nothing new. The accessed bit above is cleared before the table is read:
// a touch racing with the read sets it again and is found next time. Other vCPUs may be
// setting bits meanwhile: every change here is atomic.
// Each vCPU thread collects into its own buffer, grown as needed and kept.
static __thread dt_touch *touch_buf;
static __thread size_t touch_cap;

static int touch_room(size_t need) {
    if (need <= touch_cap) return 0;
    size_t cap = touch_cap ? touch_cap : 4096;
    while (cap < need) cap *= 2;
    dt_touch *grown = realloc(touch_buf, cap * sizeof *grown);
    if (!grown) return -1;
    touch_buf = grown;
    touch_cap = cap;
    return 0;
}

static void touch_emit(uint64_t *pte, uint64_t va, dt_touch *out, size_t *n) {
    uint64_t e = __atomic_load_n(pte, __ATOMIC_RELAXED);
    if (!(e & PTE_P) || !(e & PTE_U) || !(e & PTE_A)) return;
    if (!(e & PTE_SEEN_READ)) {
        uint64_t add = PTE_SEEN_READ | ((e & PTE_D) ? PTE_SEEN_WRITE : 0);
        uint64_t old = __atomic_fetch_or(pte, add, __ATOMIC_RELAXED);
        if (old & PTE_SEEN_READ) return;
        out[(*n)++] = (dt_touch){.page = va, .kind = (old & PTE_D) ? DT_TOUCH_WRITE : DT_TOUCH_READ};
    } else if ((e & PTE_D) && !(e & PTE_SEEN_WRITE)) {
        uint64_t old = __atomic_fetch_or(pte, PTE_SEEN_WRITE, __ATOMIC_RELAXED);
        if (old & PTE_SEEN_WRITE) return;
        out[(*n)++] = (dt_touch){.page = va, .kind = DT_TOUCH_WRITE_AFTER_READ};
    }
}

size_t dt_vm_collect_touches(dt_vm *vm, const dt_touch **result, int *walked) {
    size_t n = 0;
    *walked = 0;
    *result = touch_buf;
    for (unsigned i4 = 0; i4 < 256; i4++) {  // the lower half: the target's addresses
        uint64_t *e4 = &vm->pml4[i4];
        if ((*e4 & (PTE_P | PTE_A)) != (PTE_P | PTE_A)) continue;
        __atomic_fetch_and(e4, ~PTE_A, __ATOMIC_RELAXED);
        uint64_t *pdpt = table_at(vm, *e4);
        for (unsigned i3 = 0; i3 < 512; i3++) {
            uint64_t *e3 = &pdpt[i3];
            if ((*e3 & (PTE_P | PTE_A)) != (PTE_P | PTE_A)) continue;
            __atomic_fetch_and(e3, ~PTE_A, __ATOMIC_RELAXED);
            uint64_t *pd = table_at(vm, *e3);
            for (unsigned i2 = 0; i2 < 512; i2++) {
                uint64_t *e2 = &pd[i2];
                uint64_t va = ((uint64_t)i4 << 39) | ((uint64_t)i3 << 30) | ((uint64_t)i2 << 21);
                if (*e2 & PTE_PS) {  // a 2 MiB page: one touch for the whole of it
                    if (touch_room(n + 1) == 0) touch_emit(e2, va, touch_buf, &n);
                    else __atomic_fetch_or(e3, PTE_A, __ATOMIC_RELAXED), __atomic_fetch_or(e4, PTE_A, __ATOMIC_RELAXED);
                } else if ((*e2 & (PTE_P | PTE_A)) == (PTE_P | PTE_A)) {
                    if (touch_room(n + 512) < 0) {
                        // Out of memory: this table waits for the next call.
                        __atomic_fetch_or(e3, PTE_A, __ATOMIC_RELAXED);
                        __atomic_fetch_or(e4, PTE_A, __ATOMIC_RELAXED);
                        *walked = 1;
                        *result = touch_buf;
                        return n;
                    }
                    dt_touch *out = touch_buf;
                    __atomic_fetch_and(e2, ~PTE_A, __ATOMIC_RELAXED);
                    uint64_t *pt = table_at(vm, *e2);
                    for (unsigned i1 = 0; i1 < 512; i1++) touch_emit(&pt[i1], va | ((uint64_t)i1 << 12), out, &n);
                }
            }
        }
        *walked = 1;
    }
    *result = touch_buf;
    return n;
}

void dt_vm_mark_touched(dt_vm *vm, uint64_t addr, uint64_t len) {
    for (uint64_t a = addr & ~4095ULL; a < addr + len; a += 4096) {
        uint64_t *pde = pde_lookup(vm, a, 0, NULL);
        if (!pde || !(*pde & PTE_P)) continue;
        uint64_t *e = (*pde & PTE_PS) ? pde : &table_at(vm, *pde)[(a >> 12) & 511];
        if (*e & PTE_P) __atomic_fetch_or(e, PTE_A | PTE_D | PTE_SEEN_READ | PTE_SEEN_WRITE, __ATOMIC_RELAXED);
    }
}

// ---- system area ------------------------------------------------------------------------

extern const uint8_t dt_trampolines_start[], dt_trampolines_end[];
extern const uint8_t dt_tramp_syscall[], dt_tramp_flush[], dt_tramp_iret[], dt_tramp_to_ring0[],
    dt_tramp_probe_read[], dt_tramp_vectors[];

static void set_idt_gate(uint64_t *idt, int vec, uint64_t target, int dpl) {
    uint64_t lo = (target & 0xffff) | ((uint64_t)DT_SEL_KERNEL_CS << 16) |
                  ((uint64_t)(0x8e | (dpl << 5)) << 40) | ((target >> 16) & 0xffff) << 48;
    idt[vec * 2] = lo;
    idt[vec * 2 + 1] = target >> 32;
}

// Supervisor-only PTEs for part of the system area, at its upper-half guest address.
static int map_system(dt_vm *vm, void *p, uint64_t len, int prot) {
    return map_range(vm, dt_sys_gva(vm, p), len, prot, 0, (uint64_t)(uintptr_t)p);
}

// By default KVM drops every shadow/EPT entry of the VM when any memslot is deleted, so each
// munmap (and each exec) would make the guest fault its whole working set into KVM again.
// Where the kernel lets the quirk be turned off (6.12+), only the deleted slot's entries go.
#define DT_CAP_DISABLE_QUIRKS2 213
#define DT_QUIRK_SLOT_ZAP_ALL (1u << 7)
static void keep_other_slots_mapped(int vm_fd) {
    int quirks = ioctl(vm_fd, KVM_CHECK_EXTENSION, DT_CAP_DISABLE_QUIRKS2);
    if (quirks <= 0 || !(quirks & DT_QUIRK_SLOT_ZAP_ALL)) return;
    struct kvm_enable_cap cap = {.cap = DT_CAP_DISABLE_QUIRKS2, .args = {DT_QUIRK_SLOT_ZAP_ALL}};
    (void)ioctl(vm_fd, KVM_ENABLE_CAP, &cap);  // refused: the default stays, only slower
}

dt_vm *dt_vm_create(char *err, size_t errlen) {
    dt_kvm_info info;
    if (dt_kvm_probe(&info, err, errlen) < 0) return NULL;
    dt_vm *vm = calloc(1, sizeof *vm);
    if (!vm) { dt_set_error(err, errlen, "out of memory"); return NULL; }
    vm->info = info;
    vm->kvm_fd = kvm_fd;
    // A signal for the target may interrupt it (EINTR): the VM is asked for again.
    // EINTR: a signal for the target interrupted it; EMFILE: the target's descriptors fill
    // its whole table, and a number of dunetrace's range is made free for the VM.
    do vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
    while (vm->vm_fd < 0 && (errno == EINTR || (errno == EMFILE && dt_fd_release_placeholder() == 0)));
    if (vm->vm_fd < 0) {
        dt_set_error(err, errlen, "/dev/kvm: KVM_CREATE_VM failed: %s", strerror(errno));
        free(vm);
        return NULL;
    }
    vm->vm_fd = dt_fd_move_high(vm->vm_fd);
    keep_other_slots_mapped(vm->vm_fd);
    vm->max_slots = info.max_memslots;
    vm->slots = zeroed_array((size_t)vm->max_slots * sizeof *vm->slots);
    vm->by_hva = zeroed_array((size_t)vm->max_slots * sizeof *vm->by_hva);
    vm->gpa_free = zeroed_array((size_t)(vm->max_slots + 1) * sizeof *vm->gpa_free);
    dt_gpa_init(vm, dt_guest_phys_bits(vm->kvm_fd), vm->gpa_free ? vm->max_slots + 1 : 0);
    vm->vcpu_mmap_size = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);

    // The system area and the page-table arena in one piece of host memory and one run of
    // guest-physical addresses, so that one memslot holds the system area and the arena's
    // first part: each memslot made costs KVM a grace period, on every fork.
    uint8_t *both = alloc_pages(SYSTEM_SPAN + PT_ARENA_SIZE);
    vm->system = both;
    vm->pt_arena = both ? both + SYSTEM_SPAN : NULL;
    if (!vm->slots || !vm->by_hva || !vm->gpa_free || !both || vm->vcpu_mmap_size <= 0) {
        dt_set_error(err, errlen, "out of memory setting up the VM");
        dt_vm_destroy(vm);
        return NULL;
    }
    // The page-table arena must be guest memory (the MMU walks it) but is never mapped in
    // the guest page table itself: not even ring 0 needs to address it. Its guest-physical
    // addresses are contiguous (reserved here), its memslots made as it fills.
    uint64_t system_gpa = dt_gpa_alloc(vm, SYSTEM_SPAN + PT_ARENA_SIZE);
    vm->pt_gpa = system_gpa + SYSTEM_SPAN;
    if (system_gpa == DT_GPA_NONE) {
        dt_set_error(err, errlen, "guest-physical address space (%d-bit CPU) too small for the page-table arena", vm->phys_bits);
        dt_vm_destroy(vm);
        return NULL;
    }
    if (slot_add_at(vm, (uint64_t)(uintptr_t)vm->system, system_gpa, SYSTEM_SPAN + PT_ARENA_FIRST, 1) == 0)
        vm->pt_slotted = PT_ARENA_FIRST;
    vm->pml4 = vm->pt_slotted ? pt_alloc(vm) : NULL;
    if (!vm->pml4 ||
        map_system(vm, vm->system, DT_SYSTEM_SIZE, DT_PROT_READ | DT_PROT_WRITE) < 0) {
        dt_set_error(err, errlen, "%s", vm->err[0] ? vm->err : "cannot set up the guest page tables");
        dt_vm_destroy(vm);
        return NULL;
    }
    // Layout: page 0 IDT, page 1 trampolines (executable), then per-vCPU blocks.
    uint64_t *idt = (uint64_t *)vm->system;
    uint8_t *code = vm->system + 4096;
    size_t code_len = (size_t)(dt_trampolines_end - dt_trampolines_start);
    memcpy(code, dt_trampolines_start, code_len);
    // User-executable: under PVM the syscall stub runs in ring 3 (see the TSS I/O bitmap).
    map_range(vm, dt_sys_gva(vm, code), 4096, DT_PROT_READ | DT_PROT_EXEC, 1, (uint64_t)(uintptr_t)code);
    vm->tramp_syscall = dt_sys_gva(vm, code + (dt_tramp_syscall - dt_trampolines_start));
    vm->tramp_flush = dt_sys_gva(vm, code + (dt_tramp_flush - dt_trampolines_start));
    vm->tramp_iret = dt_sys_gva(vm, code + (dt_tramp_iret - dt_trampolines_start));
    vm->tramp_to_ring0 = dt_sys_gva(vm, code + (dt_tramp_to_ring0 - dt_trampolines_start));
    vm->tramp_probe_read = dt_sys_gva(vm, code + (dt_tramp_probe_read - dt_trampolines_start));
    uint64_t vectors = dt_sys_gva(vm, code + (dt_tramp_vectors - dt_trampolines_start));
    for (int v = 0; v < 256; v++)
        set_idt_gate(idt, v, vectors + 4 * (uint64_t)v, (v == 3 || v == 4) ? 3 : 0);  // int3, into
    return vm;
}

void dt_vm_close(dt_vm *vm) {
    while (vm->free_vcpus) {
        dt_vcpu *c = vm->free_vcpus;
        vm->free_vcpus = c->next_free;
        dt_vcpu_destroy(c);
    }
    if (vm->vm_fd >= 0) close(vm->vm_fd);
    vm->vm_fd = -1;
    memset(vm->vcpu_used, 0, sizeof vm->vcpu_used);  // the next VM numbers its vCPUs afresh
}

int dt_vm_reopen(dt_vm *vm) {
    int fd;
    do fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);  // interrupted by a signal, or a full table (dt_vm_create): again
    while (fd < 0 && (errno == EINTR || (errno == EMFILE && dt_fd_release_placeholder() == 0)));
    if (fd < 0) {
        dt_set_error(vm->err, sizeof vm->err, "/dev/kvm: KVM_CREATE_VM failed: %s", strerror(errno));
        return -1;
    }
    vm->vm_fd = dt_fd_move_high(fd);
    keep_other_slots_mapped(vm->vm_fd);
    for (int i = 0; i < vm->nslots; i++)
        if (vm->slots[i].used && slot_set(vm, i, vm->slots[i].hva, vm->slots[i].gpa, vm->slots[i].len) < 0) return -1;
    return 0;
}

int dt_vm_fd(const dt_vm *vm) { return vm ? vm->vm_fd : -1; }

void dt_vm_destroy(dt_vm *vm) {
    if (!vm) return;
    while (vm->free_vcpus) {
        dt_vcpu *c = vm->free_vcpus;
        vm->free_vcpus = c->next_free;
        dt_vcpu_destroy(c);
    }
    if (vm->vm_fd > 0) close(vm->vm_fd);
    if (vm->system) munmap(vm->system, SYSTEM_SPAN + PT_ARENA_SIZE);
    free_array(vm->slots, (size_t)vm->max_slots * sizeof *vm->slots);
    free_array(vm->by_hva, (size_t)vm->max_slots * sizeof *vm->by_hva);
    free_array(vm->gpa_free, (size_t)(vm->max_slots + 1) * sizeof *vm->gpa_free);
    free(vm);
}

const char *dt_vm_error(dt_vm *vm) { return vm->err; }
uint64_t dt_vm_system_area(dt_vm *vm) { return (uint64_t)(uintptr_t)vm->system; }
uint64_t dt_vm_cr3(dt_vm *vm) { return vm->pt_gpa; }
