// prctl(PR_SET_MDWE): memory-deny-write-execute for the target's mappings, kept by dunetrace.
// Passed to the host it would bind dunetrace's own process (its loader maps the next image's
// code after an exec: "mmap: Permission denied" killed the target), so the bits live here, are
// inherited by fork and exec as the kernel inherits them (not with PR_MDWE_NO_INHERIT), and the
// emulated mmap and mprotect refuse what the kernel's map_deny_write_exec refuses: EACCES.
import Glibc

enum MemoryDenyWriteExecute {
    static let PR_SET_MDWE: UInt64 = 65, PR_GET_MDWE: UInt64 = 66
    static let refuseExecGain: UInt64 = 1, noInherit: UInt64 = 2

    /// What a child (fork) or a new image (exec) keeps: nothing under PR_MDWE_NO_INHERIT.
    static func inherited(_ bits: UInt64) -> UInt64 { bits & noInherit != 0 ? 0 : bits }
}

extension Tracer {
    /// prctl_set_mdwe's checks in its order: unused arguments, unknown bits, NO_INHERIT alone
    /// (EINVAL), then a change of bits already set (EPERM).
    func setMDWE(_ a: SyscallArgs) -> Int64 {
        guard a.a2 == 0, a.a3 == 0, a.a4 == 0 else { return -Int64(EINVAL) }
        let bits = a.a1
        let known = MemoryDenyWriteExecute.refuseExecGain | MemoryDenyWriteExecute.noInherit
        guard bits & ~known == 0 else { return -Int64(EINVAL) }
        if bits & MemoryDenyWriteExecute.noInherit != 0 && bits & MemoryDenyWriteExecute.refuseExecGain == 0 { return -Int64(EINVAL) }
        if mdwe != 0 && mdwe != bits { return -Int64(EPERM) }
        mdwe = bits
        return 0
    }

    func getMDWE(_ a: SyscallArgs) -> Int64 {
        guard a.a1 == 0, a.a2 == 0, a.a3 == 0, a.a4 == 0 else { return -Int64(EINVAL) }
        return Int64(mdwe)
    }

    /// The kernel's map_deny_write_exec: under MDWE a mapping may not be writable and
    /// executable, nor become executable when it was not (mmap passes its own prot as old).
    func deniesWriteExec(newProt: Int32, oldProt: Int32) -> Bool {
        guard mdwe & MemoryDenyWriteExecute.refuseExecGain != 0, newProt & PROT_EXEC != 0 else { return false }
        return newProt & PROT_WRITE != 0 || oldProt & PROT_EXEC == 0
    }
}
