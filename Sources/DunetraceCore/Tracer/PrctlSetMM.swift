// prctl(PR_SET_MM): it rewrites the process's memory-map bounds (code, data, brk, stack,
// argv/env areas, auxv, exe file). The host process is dunetrace's, so no option is applied:
// the kernel's argument checks and the size query are answered as natively, and a request
// the kernel would carry out is refused with EPERM, as for a caller without the capability.
import Glibc

extension Tracer {
    func prctlSetMM(_ a: SyscallArgs) -> Int64 {
        let option = a.a1, address = a.a2, arg4 = a.a3, arg5 = a.a4
        let PR_SET_MM_AUXV: UInt64 = 12, PR_SET_MM_EXE_FILE: UInt64 = 13, PR_SET_MM_MAP: UInt64 = 14, PR_SET_MM_MAP_SIZE: UInt64 = 15
        if arg5 != 0 || (arg4 != 0 && ![PR_SET_MM_AUXV, PR_SET_MM_MAP, PR_SET_MM_MAP_SIZE].contains(option)) { return -Int64(EINVAL) }
        if option == PR_SET_MM_MAP_SIZE {
            let size: UInt32 = 104  // sizeof(struct prctl_mm_map)
            guard space.isAccessible(address, 4, prot: PROT_WRITE), TargetAccess.store(size, at: address) else { return -Int64(EFAULT) }
            return 0
        }
        if option == PR_SET_MM_MAP {
            guard arg4 == 104 else { return -Int64(EINVAL) }
            guard memory.read(address, count: 104) != nil else { return -Int64(EFAULT) }
            return -Int64(EPERM)
        }
        guard hostHasCapability(24) else { return -Int64(EPERM) }  // CAP_SYS_RESOURCE
        if option == PR_SET_MM_EXE_FILE || option == PR_SET_MM_AUXV { return -Int64(EPERM) }
        if address >= 0x7fff_ffff_f000 || address < 0x10000 { return -Int64(EINVAL) }
        return (1...11).contains(option) ? -Int64(EPERM) : -Int64(EINVAL)
    }
}
