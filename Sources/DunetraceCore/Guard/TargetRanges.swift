// Calls that take an address range and act on whatever is mapped there (mlock, munlock,
// mlock2, msync, mincore) or ask about the mapping at an address (get_mempolicy with
// MPOL_F_ADDR). Run on the host they would lock, sync or reveal dunetrace's own memory: a
// scan with mincore found the tracer's mappings. The kernel's answer for a range the target
// has not mapped is given here, after the checks the kernel makes first.
import CKVM
import Glibc

extension Tracer {
    private static let mlockCall = Sys.mlock
    private static let munlockCall = Sys.munlock
    private static let mlock2Call = Sys.mlock2
    private static let msyncCall = Sys.msync
    private static let mincoreCall = Sys.mincore
    private static let getMempolicyCall = Sys.get_mempolicy

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

// Range calls that also read a structure or a string the guard checks first (mbind's node
// mask, PR_SET_VMA_ANON_NAME's name): decided on the checked arguments. Run on a range that is
// not all the target's, the host kernel would bind or name dunetrace's own mappings (and split
// them). The kernel's checks of everything but the range are asked of it on a page of
// dunetrace's kept for that; then the range: mbind fails with EFAULT on a hole before it
// changes anything, PR_SET_VMA names what is mapped and fails with ENOMEM.
private let probePage: UInt64 = {
    let p = Glibc.mmap(nil, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
    return p == MAP_FAILED || p == nil ? 0 : UInt64(UInt(bitPattern: p!))
}()

extension Tracer {
    private static let mbindCall = Sys.mbind
    private static let prctlCall = Sys.prctl

    /// The answer for a range call whose range is not all the target's; nil: it runs as checked.
    func rangeAfterGuard(_ nr: Int, _ a: SyscallArgs, _ checked: SyscallArgs) -> Int64? {
        let page: UInt64 = 4096
        switch nr {
        case Tracer.mbindCall:
            let start = a.a0
            let length = AddressSpace.pageUp(a.a1)
            let (end, wrapped) = start.addingReportingOverflow(length)
            // Misaligned, wrapping or empty: the kernel's answer touches no mapping.
            if start & (page - 1) != 0 || wrapped || end == start { return nil }
            if space.isAccessible(start, Int(clamping: length), prot: 0) { return nil }
            guard probePage != 0 else { return -Int64(EFAULT) }
            let r = dt_host_syscall(Int64(nr), probePage, page, checked.a2, checked.a3, checked.a4, checked.a5)
            return r < 0 ? r : -Int64(EFAULT)
        case Tracer.prctlCall:
            let PR_SET_VMA: UInt64 = 0x5356_4d41, PR_SET_VMA_ANON_NAME: UInt64 = 0
            guard a.a0 & 0xffff_ffff == PR_SET_VMA, a.a1 == PR_SET_VMA_ANON_NAME else { return nil }
            let start = a.a2, length = AddressSpace.pageUp(a.a3)
            let (end, wrapped) = start.addingReportingOverflow(length)
            if start & (page - 1) != 0 || (a.a3 != 0 && length == 0) || wrapped || end == start { return nil }
            if space.isAccessible(start, Int(clamping: length), prot: 0) { return nil }
            // The name's checks (and whether the kernel names mappings at all), on an empty range.
            let first = dt_host_syscall(Int64(nr), checked.a0, checked.a1, start, 0, checked.a4, 0)
            guard first == 0 else { return first }
            for m in space.maps where m.start < end && m.end > start {
                let s = max(m.start, start), e = min(m.end, end)
                let r = dt_host_syscall(Int64(nr), checked.a0, checked.a1, s, e - s, checked.a4, 0)
                if r < 0 { return r }
            }
            return -Int64(ENOMEM)
        default:
            return nil
        }
    }
}
