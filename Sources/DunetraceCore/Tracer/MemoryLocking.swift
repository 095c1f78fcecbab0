// mlockall and munlockall act on the whole host process: passed through, mlockall locked
// dunetrace's own memory too (its reservations, heap and stacks: VmLck 67 GB and a third of a
// second for the call, where natively a few MB are locked at once). They lock and unlock the
// target's mappings, with the kernel's checks. MCL_FUTURE is accepted; mappings made later
// are not locked (the target cannot tell but by VmLck).
import CKVM
import Glibc

extension Tracer {
    private static let MCL_CURRENT: UInt32 = 1, MCL_FUTURE: UInt32 = 2, MCL_ONFAULT: UInt32 = 4
    private static let CAP_IPC_LOCK = 14, RLIMIT_MEMLOCK: Int32 = 8

    func mlockall(_ a: SyscallArgs) -> Int64 {
        let flags = UInt32(truncatingIfNeeded: a.a0)
        let known = Self.MCL_CURRENT | Self.MCL_FUTURE | Self.MCL_ONFAULT
        guard flags != 0, flags & ~known == 0, flags != Self.MCL_ONFAULT else { return -Int64(EINVAL) }
        // can_do_mlock, then the lock limit for what is mapped now (the kernel's order).
        let privileged = hostHasCapability(Self.CAP_IPC_LOCK)
        // The target's limit: the one it set (kept by dunetrace), or the one it inherited.
        var inherited = rlimit()
        getrlimit(__rlimit_resource_t(UInt32(Self.RLIMIT_MEMLOCK)), &inherited)
        let limit = targetLimits.values[Self.RLIMIT_MEMLOCK]?.0 ?? UInt64(inherited.rlim_cur)
        if !privileged && limit == 0 { return -Int64(EPERM) }
        let mapped = space.maps.reduce(UInt64(0)) { $0 &+ ($1.end - $1.start) }
        if flags & Self.MCL_CURRENT != 0 && !privileged && mapped > limit { return -Int64(ENOMEM) }
        guard flags & Self.MCL_CURRENT != 0 else { return 0 }
        let onFault: UInt64 = flags & Self.MCL_ONFAULT != 0 ? 1 : 0  // MLOCK_ONFAULT
        // mlockall populates what it can and ignores the rest (PROT_NONE, holes of a file).
        for m in space.maps where m.prot != PROT_NONE {
            _ = dt_host_syscall(Int64(Sys.mlock2), m.start, m.end - m.start, onFault, 0, 0, 0)
        }
        return 0
    }

    func munlockall() -> Int64 {
        for m in space.maps { _ = dt_host_syscall(Int64(Sys.munlock), m.start, m.end - m.start, 0, 0, 0, 0) }
        return 0
    }
}
