// Calls that take an address range and act on whatever is mapped there (mlock, munlock,
// mlock2, msync, mincore) or ask about the mapping at an address (get_mempolicy with
// MPOL_F_ADDR). Run on the host they would lock, sync or reveal dunetrace's own memory: a
// scan with mincore found the tracer's mappings. The kernel's answer for a range the target
// has not mapped is given here, after the checks the kernel makes first.
import Glibc

extension Tracer {
    private static let mlockCall = SyscallTable.number("mlock")!
    private static let munlockCall = SyscallTable.number("munlock")!
    private static let mlock2Call = SyscallTable.number("mlock2")!
    private static let msyncCall = SyscallTable.number("msync")!
    private static let mincoreCall = SyscallTable.number("mincore")!
    private static let getMempolicyCall = SyscallTable.number("get_mempolicy")!

    /// The errno for a range call on memory the target does not own; nil: the call runs.
    func rangeOutsideTarget(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        let page: UInt64 = 4096
        /// Every page of [start, start + length) is one the target mapped.
        func mapped(_ start: UInt64, _ length: UInt64) -> Bool { space.isAccessible(start, Int(clamping: length), prot: 0) }
        switch nr {
        case Tracer.mlockCall, Tracer.munlockCall, Tracer.mlock2Call:
            // MLOCK_ONFAULT is mlock2's only flag.
            if nr == Tracer.mlock2Call && a.a2 & ~UInt64(1) != 0 { return -Int64(EINVAL) }
            // The kernel's arithmetic, wrapping: a range past the top of memory is EINVAL.
            let start = a.a0 & ~(page - 1)
            let length = (a.a1 &+ (a.a0 & (page - 1)) &+ (page - 1)) & ~(page - 1)
            let end = start &+ length
            if end < start { return -Int64(EINVAL) }
            if end == start { return nil }
            return mapped(start, length) ? nil : -Int64(ENOMEM)
        case Tracer.msyncCall:
            let flags = Int32(truncatingIfNeeded: a.a2)
            if flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC) != 0 { return -Int64(EINVAL) }
            if a.a0 & (page - 1) != 0 { return -Int64(EINVAL) }
            if flags & MS_ASYNC != 0 && flags & MS_SYNC != 0 { return -Int64(EINVAL) }
            let length = AddressSpace.pageUp(a.a1)
            let (end, overflow) = a.a0.addingReportingOverflow(length)
            if overflow || (length == 0 && a.a1 != 0) { return -Int64(ENOMEM) }
            if end == a.a0 { return nil }
            return mapped(a.a0, length) ? nil : -Int64(ENOMEM)
        case Tracer.mincoreCall:
            if a.a0 & (page - 1) != 0 { return -Int64(EINVAL) }
            let length = AddressSpace.pageUp(a.a1)
            let userTop: UInt64 = 0x7fff_ffff_f000
            if a.a1 > userTop || a.a0 > userTop - min(userTop, a.a1) { return -Int64(ENOMEM) }  // access_ok
            if length == 0 { return nil }
            return mapped(a.a0, length) ? nil : -Int64(ENOMEM)
        case Tracer.getMempolicyCall:
            let MPOL_F_NODE: UInt64 = 1, MPOL_F_ADDR: UInt64 = 2, MPOL_F_MEMS_ALLOWED: UInt64 = 4
            let flags = a.a4
            guard flags & MPOL_F_ADDR != 0 else { return nil }
            if flags & ~(MPOL_F_NODE | MPOL_F_ADDR | MPOL_F_MEMS_ALLOWED) != 0 { return -Int64(EINVAL) }
            if flags & MPOL_F_MEMS_ALLOWED != 0 { return -Int64(EINVAL) }
            return space.mapping(at: a.a3) == nil ? -Int64(EFAULT) : nil
        default:
            return nil
        }
    }
}
