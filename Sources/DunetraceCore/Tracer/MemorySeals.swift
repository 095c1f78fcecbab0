// mseal (Linux 6.10) for the target: the host's mapping of the target's memory must stay
// dunetrace's to unmap and remap (at exec, at exit, for page faults), so the seal is kept
// here, with the kernel's checks, and enforced on the target's own munmap, mremap, mprotect
// and MAP_FIXED mmap: EPERM over a sealed range. map_shadow_stack: the guest has no user
// shadow stacks: the kernel's answer for a CPU without them.
import CKVM
import Glibc

extension Tracer {
    private static let msealCall = 462
    private static let mapShadowStackCall = 453

    /// The answer to mseal or map_shadow_stack, which never reach the kernel; nil otherwise.
    func memorySealCall(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        switch nr {
        case Tracer.mapShadowStackCall:
            return Tracer.shadowStackAnswer
        case Tracer.msealCall:
            let page: UInt64 = 4096
            if a.a2 != 0 || a.a0 & (page - 1) != 0 { return -Int64(EINVAL) }
            let length = AddressSpace.pageUp(a.a1)
            if a.a1 != 0 && length == 0 { return -Int64(EINVAL) }
            let (end, overflow) = a.a0.addingReportingOverflow(length)
            if overflow { return -Int64(EINVAL) }
            if end == a.a0 { return 0 }
            guard space.isAccessible(a.a0, Int(clamping: length), prot: 0) else { return -Int64(ENOMEM) }
            space.sealed.append((a.a0, end))
            return 0
        default:
            return nil
        }
    }

    /// The kernel's answer for a CPU without user shadow stacks: ENOSYS where the kernel has no
    /// map_shadow_stack, EOPNOTSUPP where it has. Asked once with flags no kernel accepts,
    /// which a kernel with shadow stacks refuses (EINVAL) before mapping anything.
    private static let shadowStackAnswer: Int64 = {
        let probe = dt_host_syscall(Int64(mapShadowStackCall), 0, 4096, 0xffff_ffff, 0, 0, 0)
        return probe == -Int64(ENOSYS) ? -Int64(ENOSYS) : -Int64(EOPNOTSUPP)
    }()

    private static let munmapCall = Sys.munmap
    private static let mprotectCall = Sys.mprotect
    private static let pkeyMprotectCall = Sys.pkey_mprotect
    private static let mremapCall = Sys.mremap
    private static let mmapCall = Sys.mmap

    /// madvise's discarding advices (FREE, DONTNEED, REMOVE, DONTFORK, WIPEONFORK,
    /// DONTNEED_LOCKED, GUARD_INSTALL) on sealed private anonymous memory that is not writable:
    /// the kernel's EPERM (can_madvise_modify; the host's own mapping is writable, so it would
    /// allow them). Asked after madvise's own checks of its arguments.
    func sealedAgainstDiscard(_ start: UInt64, _ end: UInt64, advice: UInt64) -> Bool {
        guard !space.sealed.isEmpty, [8, 4, 9, 10, 18, 24, 102].contains(advice) else { return false }
        return space.maps.contains { m in
            m.start < end && m.end > start && !m.isFile && !m.shared && m.prot & PROT_WRITE == 0
                && space.sealed.contains { $0.start < min(m.end, end) && max(m.start, start) < $0.end }
        }
    }

    /// EPERM for a call that would unmap, move or reprotect sealed memory; nil otherwise.
    func sealedRangeRefusal(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        guard !space.sealed.isEmpty else { return nil }
        let start: UInt64, length: UInt64
        switch nr {
        case Tracer.munmapCall, Tracer.mprotectCall, Tracer.pkeyMprotectCall: (start, length) = (a.a0, a.a1)
        case Tracer.mremapCall: (start, length) = (a.a0, a.a1)
        case Tracer.mmapCall:
            guard Int32(truncatingIfNeeded: a.a3) & MAP_FIXED != 0 else { return nil }
            (start, length) = (a.a0, a.a1)
        default: return nil
        }
        guard start & 4095 == 0 else { return nil }  // the kernel's EINVAL first
        let (end, overflow) = start.addingReportingOverflow(AddressSpace.pageUp(length))
        guard !overflow, end > start else { return nil }
        return space.sealed.contains { $0.start < end && start < $0.end } ? -Int64(EPERM) : nil
    }
}
