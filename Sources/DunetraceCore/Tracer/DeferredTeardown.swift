// A forked child hands its VM's teardown to a holder process as it ends (teardown.c), so that
// its parent's wait4 does not wait for KVM's grace periods. Once the child is gone the holder is
// an orphan, reparented to the nearest reaper: safe only where that reaper is not a traced
// process, whose wait4 would see a pid it never made.
import CKVM
import Glibc

enum DeferredTeardown {
    /// False where dunetrace itself reaps orphans (pid 1, a child subreaper), off PVM (a nested
    /// AMD-V check, scripts/hwvirt-check, stopped finishing once the child closed its
    /// descriptors before starting the holder: not yet understood), and from the moment a
    /// traced process makes itself a subreaper: its descendants, forked after, inherit this
    /// through fork. Decided once at start (after the VM, whose KVM probe is cached).
    nonisolated(unsafe) static var allowed = true

    static func prepare() {
        var subreaper: Int32 = 0
        let SYS_prctl: Int64 = 157, PR_GET_CHILD_SUBREAPER: UInt64 = 37
        let asked = withUnsafeMutablePointer(to: &subreaper) {
            dt_host_syscall(SYS_prctl, PR_GET_CHILD_SUBREAPER, UInt64(UInt(bitPattern: $0)), 0, 0, 0, 0)
        }
        var info = dt_kvm_info()
        var err = [CChar](repeating: 0, count: 256)
        let onPVM = dt_kvm_probe(&info, &err, err.count) == 0 && info.is_pvm != 0
        if getpid() == 1 || (asked == 0 && subreaper != 0) || !onPVM { allowed = false }
    }

    /// prctl(PR_SET_CHILD_SUBREAPER, nonzero) succeeded in the target.
    static func targetBecameSubreaper() { allowed = false }
}

extension Tracer {
    /// The holder for this ending child's VM (its SysV segments let go first, as the exit
    /// would; its descriptors close in the exit itself, the holder keeps none), where its
    /// reaper is sure to be outside the traced tree: not in a pid namespace the target made (its init is traced), not for a signal that
    /// dumps core (the dump reads the memory), not where the target counts its processes
    /// against a low RLIMIT_NPROC (the holder lives a few milliseconds past the child).
    func deferTeardown(_ end: TargetExit) {
        guard DeferredTeardown.allowed, task.tracerTid == nil else { return }
        if case .killed(let sig) = end, coreDumpingSignals.contains(sig) { return }
        if getuid() != 0 && targetLimits.soft(6 /* RLIMIT_NPROC */) < 1 << 16 { return }
        // SysV segments detached now, as the exit would: the shared memory outliving the child
        // in the holder would keep them attached (shm_nattch) a little longer.
        for addr in space.sharedMemory.keys { _ = dt_host_syscall(Int64(SyscallNumber.shmdt), addr, 0, 0, 0, 0, 0) }
        _ = dt_defer_teardown(dt_vm_fd(vm))
    }
}
