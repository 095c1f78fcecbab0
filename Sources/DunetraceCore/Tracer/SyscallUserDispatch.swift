// prctl(PR_SET_SYSCALL_USER_DISPATCH): kept by dunetrace per target thread and applied at each
// of its system calls, as kernel/entry/syscall_user_dispatch.c does. Given to the host it would
// apply to dunetrace's own calls on that thread: SIGSYS would end dunetrace and cut the trace.
import CKVM
import Glibc

/// One thread's dispatch setting: calls from outside [offset, offset + len) are dispatched
/// (SIGSYS) while the selector byte says BLOCK; no selector: always.
struct SyscallUserDispatch {
    var offset: UInt64
    var len: UInt64
    var selector: UInt64
}

extension Tracer {
    static let PR_SET_SYSCALL_USER_DISPATCH: UInt64 = 59

    /// The prctl's own checks, in the kernel's order; the setting replaces the thread's.
    func setSyscallUserDispatch(_ a: SyscallArgs) -> Int64 {
        let mode = a.a1, offset = a.a2, len = a.a3, selector = a.a4
        switch mode {
        case 0:  // PR_SYS_DISPATCH_OFF
            guard offset == 0, len == 0, selector == 0 else { return -Int64(EINVAL) }
            task.userDispatch = nil
        case 1:  // PR_SYS_DISPATCH_ON
            if offset != 0 && offset &+ len <= offset { return -Int64(EINVAL) }
            // access_ok() of one byte: the last user address is the top of the user range.
            if selector > 0x7fff_ffff_f000 { return -Int64(EFAULT) }
            task.userDispatch = SyscallUserDispatch(offset: offset, len: len, selector: selector)
        default:
            return -Int64(EINVAL)
        }
        return 0
    }

    /// Before anything else sees the call (ptrace, seccomp, the trace: the kernel shows only
    /// the signal): nil when it goes on; otherwise what became of the thread.
    func dispatchedToUser(_ nr: Int, _ regs: inout dt_regs) -> SyscallOutcome? {
        guard let d = task.userDispatch, regs.rip &- d.offset >= d.len else { return nil }
        if d.selector != 0 {
            // A selector the target cannot read kills it with SIGSEGV; never read from dunetrace.
            guard space.isAccessible(d.selector, 1, prot: PROT_READ),
                  let state = TargetAccess.load(d.selector, as: UInt8.self) else {
                noteKilled(SIGSEGV)
                return .processEnded(.killed(signal: SIGSEGV))
            }
            if state == 0 { return nil }  // SYSCALL_DISPATCH_FILTER_ALLOW
            if state != 1 {               // neither ALLOW nor BLOCK
                noteKilled(SIGSYS)
                return .processEnded(.killed(signal: SIGSYS))
            }
        }
        // rax keeps the call's number (syscall_rollback); SIGSYS says which call and from where.
        var info = SignalInfo(signo: SIGSYS, code: 2, address: regs.rip)  // SYS_USER_DISPATCH, si_call_addr
        info.setField(Int32.self, 24, Int32(truncatingIfNeeded: nr))     // si_syscall
        info.setField(UInt32.self, 28, SeccompFilter.AUDIT_ARCH_X86_64)  // si_arch
        return forceSignal(SIGSYS, info: info, regs: &regs).map { .processEnded($0) } ?? .running
    }
}
