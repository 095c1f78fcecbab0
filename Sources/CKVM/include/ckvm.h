// The KVM core of dunetrace: one VM per traced process, one vCPU per thread, guest-virtual =
// host-virtual for the target, guest-physical addresses allocated densely below the CPU's
// physical-address width. Everything here is mechanical; policy lives in Swift.
#ifndef CKVM_H
#define CKVM_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// Protection bits, as mmap's PROT_*.
enum { DT_PROT_READ = 1, DT_PROT_WRITE = 2, DT_PROT_EXEC = 4 };

// Why dt_vcpu_run returned.
enum dt_exit_kind {
    DT_EXIT_SYSCALL = 1,   // the target executed `syscall`
    DT_EXIT_EXCEPTION = 2, // the target raised a CPU exception (vector, error code, cr2)
    DT_EXIT_INTERRUPTED = 3, // KVM_RUN returned EINTR (a host signal kicked the vCPU)
    DT_EXIT_ERROR = 4,     // KVM failed or an unexpected exit: message in dt_vm_error
    DT_EXIT_HOST_FAULT = 5, // the host kernel could not give the guest a page (SIGBUS there):
                           // cr2 is its host address (page), or 0 if KVM did not say
};

// The target's general registers (the layout of struct kvm_regs).
typedef struct dt_regs {
    uint64_t rax, rbx, rcx, rdx, rsi, rdi, rsp, rbp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rip, rflags;
} dt_regs;

// One exit, handed to Swift as a plain struct.
typedef struct dt_exit {
    int32_t kind;          // enum dt_exit_kind
    int32_t vector;        // exception vector (DT_EXIT_EXCEPTION)
    int32_t at_user;       // DT_EXIT_INTERRUPTED: 1 if regs are the target's ring-3 state, 0 if
                           // the vCPU stopped inside a trampoline (run again to finish it)
    int32_t reserved;
    uint64_t error_code;   // exception error code, 0 when the vector pushes none
    uint64_t cr2;          // faulting address for #PF
    dt_regs regs;          // ring-3 state at the event: for a syscall rip is the return address
} dt_exit;

typedef struct dt_vm dt_vm;
typedef struct dt_vcpu dt_vcpu;

// What the host KVM offers; filled by dt_kvm_probe.
typedef struct dt_kvm_info {
    int32_t api_version;
    int32_t max_memslots;
    int32_t has_sync_regs;
    int32_t has_xcrs;
    int32_t is_pvm;        // kvm_pvm module loaded: guest ring 0 is emulated
} dt_kvm_info;

// Opens /dev/kvm and checks what dunetrace needs. Returns 0, or -1 with a one-line reason in err.
int dt_kvm_probe(dt_kvm_info *info, char *err, size_t errlen);

// Creates a VM with its system area (GDT, IDT, trampolines) and an empty guest page table.
dt_vm *dt_vm_create(char *err, size_t errlen);
void dt_vm_destroy(dt_vm *vm);
// Closes the KVM VM itself (every vCPU must be destroyed first) but keeps memslot records,
// guest page tables and the system area; dt_vm_reopen makes a new KVM VM over them. While
// closed, no KVM worker thread (kvm-nx-lpage-recovery) belongs to the process.
void dt_vm_close(dt_vm *vm);
int dt_vm_reopen(dt_vm *vm);
const char *dt_vm_error(dt_vm *vm);
// The KVM VM's descriptor (-1 while closed).
int dt_vm_fd(const dt_vm *vm);

// Makes host memory [addr, addr+len) guest memory: memslots over what no slot covers yet,
// in whole 2 MiB chunks, at guest-physical addresses of their own. Page aligned. What does
// not fit in the guest-physical space at once gets its slot chunk by chunk when mapped.
int dt_vm_add_memory(dt_vm *vm, uint64_t addr, uint64_t len);
// The target can no longer reach [addr, addr+len): its PTEs are cleared; memslots stay.
int dt_vm_remove_memory(dt_vm *vm, uint64_t addr, uint64_t len);
// As dt_vm_remove_memory, and the memslots lying wholly inside [addr, addr+len) go.
int dt_vm_release_memory(dt_vm *vm, uint64_t addr, uint64_t len);
// Guest memory that is dunetrace's (or the host's vDSO): never released with the target's.
int dt_vm_add_system_memory(dt_vm *vm, uint64_t addr, uint64_t len);
// The host address of guest-physical gpa, 0 when no slot holds it.
uint64_t dt_vm_gpa_to_hva(dt_vm *vm, uint64_t gpa);
// Sets the guest PTEs of [addr, addr+len) as user pages with prot (0 = not present). Returns
// 0, or -1 (reason in dt_vm_error) when a page table or guest-physical space ran out.
int dt_vm_map(dt_vm *vm, uint64_t addr, uint64_t len, int prot);
// Takes away from the present PTEs of [addr, addr+len) what prot does not allow (write,
// execute); pages not present stay so. Returns 1 if any PTE lost a permission.
int dt_vm_restrict(dt_vm *vm, uint64_t addr, uint64_t len, int prot);
// Reads the guest PTE of one page: prot bits, or -1 when not present.
int dt_vm_page_prot(dt_vm *vm, uint64_t addr);
// Lets dt_vm_map use 2 MiB pages wherever an aligned 2 MiB of the range is guest memory.
// Probed once per process (a ring-3 read through a 2 MiB page on a vCPU that is then kept for
// the first dt_vcpu_create): returns 1 if in use, 0 if KVM refused them (4 KiB pages only).
int dt_vm_enable_large_pages(dt_vm *vm);
// Guest mappings made for the target: 2 MiB pages, 4 KiB pages, 2 MiB pages split into 512.
typedef struct dt_map_stats {
    uint64_t large, small, splits;
} dt_map_stats;
void dt_vm_get_map_stats(dt_vm *vm, dt_map_stats *out);
// Number of memslots in use (for leak checks and --stats).
int dt_vm_memslot_count(dt_vm *vm);
// Guest-physical space: the width allowed (the vCPU's MAXPHYADDR, or DUNETRACE_PHYS_BITS when
// a test sets a smaller one), the memslots and bytes they hold, the highest address + 1.
typedef struct dt_phys_stats {
    uint32_t phys_bits, slots;
    uint64_t bytes, top;
} dt_phys_stats;
void dt_vm_get_phys_stats(dt_vm *vm, dt_phys_stats *out);

// A vCPU in 64-bit mode, ring 3 at rip/rsp.
dt_vcpu *dt_vcpu_create(dt_vm *vm, uint64_t rip, uint64_t rsp);
void dt_vcpu_destroy(dt_vcpu *vcpu);
/// Enters KVM_RUN and leaves at once (immediate_exit), running nothing: KVM makes its
/// per-VM worker thread on a VM's first KVM_RUN, which a process whose children go to another
/// pid namespace can no longer do. 0, or -1 with errno.
int dt_vcpu_prime(dt_vcpu *vcpu);
// A finished thread's vCPU goes back to the VM for the next dt_vcpu_create.
void dt_vcpu_release(dt_vcpu *vcpu);
// vCPUs ever created in this VM (KVM ids are never freed; released vCPUs are reused).
int dt_vm_vcpu_count(dt_vm *vm);
// Runs the vCPU until the next event.
void dt_vcpu_run(dt_vcpu *vcpu, dt_exit *out);
// Returns to ring 3 with regs (after a syscall: rip = return address, rax = result).
// flush_tlb: reload CR3 in the guest first (after PTEs were downgraded).
int dt_vcpu_resume(dt_vcpu *vcpu, const dt_regs *regs, int flush_tlb);
int dt_vcpu_set_fs_base(dt_vcpu *vcpu, uint64_t base);
uint64_t dt_vcpu_fs_base(dt_vcpu *vcpu);
int dt_vcpu_set_gs_base(dt_vcpu *vcpu, uint64_t base);
uint64_t dt_vcpu_gs_base(dt_vcpu *vcpu);
// Counters for --stats.
typedef struct dt_vcpu_stats {
    uint64_t exits_syscall, exits_exception, exits_flush, exits_other, exits_intr;
    uint64_t ns_in_guest;  // time inside KVM_RUN
} dt_vcpu_stats;
void dt_vcpu_get_stats(dt_vcpu *vcpu, dt_vcpu_stats *out);
// The sum over all vCPUs of the VM.
void dt_vm_get_stats(dt_vm *vm, dt_vcpu_stats *out);

// --pf=ws: user pages are mapped without accessed/dirty bits, and what the guest touched is
// learnt from them at the next exit, each page once for a read and once for a write.
enum { DT_TOUCH_READ, DT_TOUCH_WRITE, DT_TOUCH_WRITE_AFTER_READ };
typedef struct dt_touch {
    uint64_t page;
    int kind;
} dt_touch;
void dt_vm_track_touches(dt_vm *vm, int on);
// Pages touched since the last call, in a buffer of the calling thread's, valid until its next
// call. *walked: a table's accessed bit was cleared (on VT-x/AMD-V the TLB must be flushed
// before the next run, or a cached walk could skip setting it again).
size_t dt_vm_collect_touches(dt_vm *vm, const dt_touch **touches, int *walked);
// Pages the target did not touch itself (the vDSO): never reported.
void dt_vm_mark_touched(dt_vm *vm, uint64_t addr, uint64_t len);

// --stats of process creation (phasestats.c): time per phase, summed over all processes.
enum {
    DT_PHASE_HOST_FORK,     // the parent: host fork until the child's pid is back
    DT_PHASE_CHILD_VM,      // the child: KVM_CREATE_VM and its system area
    DT_PHASE_CHILD_MEMORY,  // the child: memslots and page tables of the inherited memory
    DT_PHASE_CHILD_VCPU,    // the child: vCPU, its registers and FPU state
    DT_PHASE_EXEC_PREPARE,  // execve: path, file, strings, ELF headers
    DT_PHASE_EXEC_RELEASE,  // execve: the old image's memory and memslots go
    DT_PHASE_EXEC_LOAD,     // execve: the new image, interpreter and stack mapped
    DT_PHASE_COUNT
};
typedef struct dt_phase_stats {
    uint64_t ns[DT_PHASE_COUNT], count[DT_PHASE_COUNT];
    uint64_t child_exits, child_ns_in_guest;  // VM exits and KVM_RUN time of forked children
} dt_phase_stats;
int dt_phase_stats_enable(void);  // before the first fork; nothing is counted without it
uint64_t dt_phase_now(void);      // 0 while disabled
void dt_phase_add(int phase, uint64_t since);
void dt_phase_add_exits(const dt_vcpu_stats *stats);
void dt_phase_get(dt_phase_stats *out);

// Host signals meant for the target (see signals.c), pending as the kernel keeps them
// (sigqueue.c): masks are of (1 << (sig-1)); the calling thread's own set and the process's.
int dt_signals_install(void);
uint64_t dt_signals_pending(void);
uint64_t dt_signals_thread_pending(void);
// The signals pending for the whole process (kill, not tgkill), for /proc/self/status ShdPnd.
uint64_t dt_signals_process_pending(void);
// Dequeues what the kernel would deliver next to a thread blocking `blocked`: its own
// signals first, synchronous ones first, then the lowest number, one RT instance at a time
// (oldest first). Copies the 128-byte siginfo; returns the signal, 0 for none.
int dt_signal_next(uint64_t blocked, void *info128);
// Stops the whole process with stop signal sig (the host's default action decides, orphaned
// process groups included) unless a SIGCONT is already queued; 1 when it stopped.
int dt_signals_stop_process(int sig);
// One instance of sig from the thread's own set, or from the process's; queue adds one back.
int dt_signal_take_thread(int sig, void *info128);
int dt_signal_take_process(int sig, void *info128);
void dt_signal_queue_thread(int sig, const void *info128);
void dt_signal_queue_process(int sig, const void *info128);
// The calling thread's own set, and queueing into one from another thread: a signal sent
// to a thread, as rt_tgsigqueueinfo does (the limit applies as for a sent signal).
void *dt_signals_thread_set(void);
// The process-wide pending set; a set's mask of pending signals; and where a set's mask is
// stored after every change, for other processes of the trace (NULL: nowhere).
void *dt_signals_process_set(void);
uint64_t dt_signals_set_mask(const void *set);
void dt_signals_publish_pending(void *set, uint64_t *where);
void dt_signal_queue_to(void *thread_set, int sig, const void *info128);
// Whether sending sig with si_code `code` to this process would find no room (the kernel's
// EAGAIN past RLIMIT_SIGPENDING); how many instances are pending in all.
int dt_signals_would_refuse(int sig, int code);
int dt_signals_queued(void);
// The calling thread's own pending signals go, as at a thread's exit.
void dt_signals_discard_thread(void);
// signalfd (SignalFD.swift): the signals whose blocking is mirrored on the host (add returns
// the set before); the calling thread's real mask; what the kernel holds pending for it, and
// taking one of those, waiting up to wait_ns (0: none came); sending one back to the kernel, to thread tid or (tid 0) to
// the process, with its siginfo.
uint64_t dt_signals_mirrored(void);
uint64_t dt_signals_mirror_add(uint64_t mask);
int dt_signals_set_host_mask(uint64_t mask);
uint64_t dt_signals_host_pending(void);
int dt_signals_host_take(uint64_t mask, void *info128, int64_t wait_ns);
int dt_signals_requeue(int tid, int sig, const void *info128);
// A POSIX timer of the target that signals one thread (SIGEV_THREAD_ID): add (1) or remove
// (0) it (-1: no room, at most 1024); forget all (exec, fork).
int dt_signals_thread_timer(int timerid, int add);
// timer_settime or timer_delete: the timer's expiries pending in a thread's set (NULL: the
// process's) are never delivered, as the kernel drops them.
void dt_signals_timer_rearmed(void *thread_set, int timerid);
void dt_signals_discard(void *thread_set, int sig);
void dt_signals_forget_timers(void);
// The calling thread runs a target thread whose blocked mask is `mask` (returns its slot, or
// -1), so process signals are routed to a thread that takes them; publish on every change.
int dt_signals_register_thread(uint64_t mask);
void dt_signals_unregister_thread(void);
void dt_signals_publish_mask(int slot, uint64_t mask);
// In a forked child: only the calling thread is left, and nothing is pending.
void dt_signals_after_fork(void);
// The vCPU a signal should kick out of KVM_RUN on this thread.
void dt_signals_set_current_vcpu(dt_vcpu *vcpu);
void dt_signals_forget_vcpu(dt_vcpu *vcpu);
// Makes thread tid leave KVM_RUN soon (a SIGURG the handler recognizes as dunetrace's own).
int dt_kick_thread(int tid);
// The value of a kill request (SIGURG, SI_QUEUE) that makes another process of the trace end as
// SIGKILL would after recording its end; whether this process got one.
uint64_t dt_kill_request_value(void);
int dt_kill_requested(void);
// SIGKILL the kernel sends by itself, asked of the host as SIGURG (kernelkill.c).
void dt_kernel_kill_mark_fd(int fd, int kill);
void dt_kernel_kill_target_sigurg(void);
int dt_kernel_kill_fd_is_kill(int fd);
int dt_kernel_kill_reserve_child(void);
void dt_kernel_kill_set_child(int slot, int pid);
void dt_kernel_kill_death_signal(int parent);
int dt_kernel_kill_death_signal_set(void);
void dt_kernel_kill_after_fork(void);
// What dunetrace was started with, for the target to inherit as across execve: the blocked
// mask (returned) and the ignored signals (in *ignored). Call before dt_signals_install.
uint64_t dt_signals_inherited(uint64_t *ignored);
// The host's disposition of SIGCHLD, SIGTTOU or SIGTTIN as the target's: ignored, or caught
// (SIGCHLD with the target's SA_NOCLDWAIT and SA_NOCLDSTOP), where the kernel reads it outside
// delivery (a child's end or stop, a background process's tty call). After dt_signals_install.
int dt_signals_host_disposition(int sig, int ignore, uint64_t flags);

// The target's FPU/SSE/AVX/AMX state in the standard XSAVE layout (dt_xsave_size() bytes:
// KVM_CAP_XSAVE2's size, at least 4096), for signal frames and for a new vCPU of the process;
// dt_xstate_size is the size a signal frame reserves for it, dt_signal_xfeatures the
// components it holds.
int dt_vcpu_get_xsave(dt_vcpu *vcpu, void *buf);
int dt_vcpu_set_xsave(dt_vcpu *vcpu, const void *buf);
uint32_t dt_xsave_size(void);
void dt_set_xsave_size(uint32_t size);
uint32_t dt_xstate_size(void);
uint64_t dt_signal_xfeatures(void);
// ARCH_GET_XCOMP_GUEST_PERM's answer before dunetrace asked for the guest's AMX permission
// (0 where the kernel has no such request).
uint64_t dt_guest_xcomp_perm_before(void);
// The state execve leaves: x87/SSE defaults (FCW 0x37f, MXCSR 0x1f80), every register zero.
int dt_vcpu_reset_xstate(dt_vcpu *vcpu);

// Executes a system call on the host with raw arguments; returns the raw result (-errno).
int64_t dt_host_syscall(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
                        uint64_t a3, uint64_t a4, uint64_t a5);
// The same for a target's call that may block: a signal for the target that comes just
// before the call starts makes it return -EINTR instead of blocking (targetsyscall.S).
int64_t dt_target_syscall(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
                          uint64_t a3, uint64_t a4, uint64_t a5);
// Forgets earlier kicks of this thread: call before looking for pending signals and then
// making a dt_target_syscall.
void dt_kick_pending_clear(void);

// dunetrace's descriptors are moved to [base, base+64) so the target's numbering is native.
int dt_fd_reserved_base(void);
int dt_vcpu_set_tsc_fault(dt_vcpu *c, int on);
int dt_vcpu_set_cpuid_fault(dt_vcpu *c, int on);
int dt_fd_reserved_count(void);
int dt_fd_reserved_in_use(int *out, int max);
int dt_fd_release_placeholder(void);
// The RLIMIT_NOFILE the target inherited (before dunetrace raised the soft limit); 0 if known.
int dt_fd_inherited_nofile(uint64_t *cur, uint64_t *max);
// Moves fd into the reserved range (close-on-exec); returns the new descriptor.
int dt_fd_move_high(int fd);
// Counts every new descriptor of dunetrace's range (caches of what the range holds).
uint64_t dt_fd_generation(void);
// A close-on-exec copy of fd in the reserved range (the original stays open).
int dt_fd_dup_high(int fd);

// getauxval() of dunetrace itself (AT_HWCAP, AT_HWCAP2, AT_MINSIGSTKSZ...).
uint64_t dt_host_auxval(uint64_t type);
// pipe2(O_CLOEXEC), and prctl(PR_SET_NAME): what `ps` shows.
int dt_pipe_cloexec(int fds[2]);
int dt_set_process_name(const char *name);
// fork() whose clone carries extra flags and this exit signal (clone3 when use_clone3, for its
// flags and cgroup): the pid, 0 in the child, -1 with errno (ENOSYS: not possible here).
int dt_host_fork(uint64_t flags, uint64_t exit_signal, uint64_t cgroup, int use_clone3);
// A vfork child's writes to the memory it shares natively with its parent (see vforkshare.c):
// ranges are [start, end) pairs of the target's writable private mappings. start: 0, or -1 when
// the kernel cannot track; send: the written pages to fd as (address, length, bytes) records.
int dt_vfork_track_start(const uint64_t *ranges, size_t count);
int dt_vfork_track_send(int fd, const uint64_t *ranges, size_t count);
void dt_vfork_track_stop(void);
// A forked child's last step before it ends: every descriptor but keep_fd (the VM) closed, then
// a holder process sharing its memory keeps keep_fd and takes the VM's teardown off the exit
// path (teardown.c). 0, or -1: not started.
int dt_defer_teardown(int keep_fd);
// *p += v atomically, also between processes sharing the memory (-c's counters across fork).
void dt_atomic_add_u64(uint64_t *p, uint64_t v);
// *p = min(*p, v) and max, atomically (-c's shortest and longest call, shared by processes).
void dt_atomic_min_u64(uint64_t *p, uint64_t v);
void dt_atomic_max_u64(uint64_t *p, uint64_t v);

// The host's XCR0 and the supervisor-only addresses of the system area (for isolation tests).
uint64_t dt_host_xcr0(void);
uint64_t dt_vm_system_area(dt_vm *vm);

#ifdef __cplusplus
}
#endif
// For tables in memory shared between dunetrace's processes.
static inline int32_t dt_load_acquire32(const int32_t *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline void dt_store_release32(int32_t *p, int32_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static inline int32_t dt_fetch_add32(int32_t *p, int32_t v) { return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
static inline int dt_cas32(int32_t *p, int32_t expected, int32_t v) {
    return __atomic_compare_exchange_n(p, &expected, v, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
static inline uint64_t dt_load_relaxed64(const uint64_t *p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline void dt_store_relaxed64(uint64_t *p, uint64_t v) { __atomic_store_n(p, v, __ATOMIC_RELAXED); }
static inline uint64_t dt_load_acquire64(const uint64_t *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline void dt_store_release64(uint64_t *p, uint64_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }

#endif
