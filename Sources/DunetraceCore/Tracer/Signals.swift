// The target's signal state, kept apart from dunetrace's own dispositions (a target's
// rt_sigaction must never install a handler in the tracer), and the mapping of CPU
// exceptions to the signals Linux sends for them.
import Glibc
import CKVM

struct SignalState {
    /// `xsave` (an XSAVE image) with the user FPU state reset as the kernel resets it for a
    /// signal handler: x87 control word 0x37f, MXCSR 0x1f80 (every exception masked, nothing
    /// pending), registers zero, and every component but PKRU (bit 9) in its initial state.
    static func initialFPU(_ xsave: [UInt8]) -> [UInt8] {
        var out = xsave
        guard out.count >= 520 else { return out }
        out.withUnsafeMutableBytes { b in
            for i in 0..<416 where i < 28 || i >= 32 { b[i] = 0 }  // legacy area, MXCSR_MASK (28) kept
            b.storeBytes(of: UInt16(0x037f), toByteOffset: 0, as: UInt16.self)
            b.storeBytes(of: UInt32(0x1f80), toByteOffset: 24, as: UInt32.self)
            let features = b.loadUnaligned(fromByteOffset: 512, as: UInt64.self)
            b.storeBytes(of: features & (1 << 9), toByteOffset: 512, as: UInt64.self)  // XSTATE_BV
        }
        return out
    }

    /// struct kernel_sigaction per signal: handler, flags, restorer, mask.
    var actions = [(UInt64, UInt64, UInt64, UInt64)](repeating: (0, 0, 0, 0), count: 65)

    static let SIG_IGN: UInt64 = 1

    /// execve: handled signals return to their default action; ignored ones stay ignored, and
    /// every action loses its flags, restorer and mask (the kernel's flush_signal_handlers).
    mutating func resetForExec() {
        for i in actions.indices { actions[i] = (actions[i].0 == SignalState.SIG_IGN ? SignalState.SIG_IGN : 0, 0, 0, 0) }
    }

    /// Signals whose disposition the kernel reads outside delivery: a child's end or stop
    /// (SIGCHLD: ignored or SA_NOCLDWAIT reaps the child at once, SA_NOCLDSTOP sends nothing
    /// for a stop), a background process's tty call (SIGTTOU, SIGTTIN: ignored, the call goes
    /// on instead of being sent the signal and restarted).
    static let hostMirrored: [Int32] = [SIGCHLD, SIGTTOU, SIGTTIN]

    /// The host's disposition of `sig` (all of hostMirrored when nil) as the target's.
    func syncHostDispositions(_ sig: Int32? = nil) {
        for s in SignalState.hostMirrored where sig == nil || sig == s {
            let (handler, flags, _, _) = actions[Int(s)]
            _ = dt_signals_host_disposition(s, handler == SignalState.SIG_IGN ? 1 : 0, flags)
        }
    }

    mutating func action(_ a: SyscallArgs, space: AddressSpace) -> Int64 {
        let sig = Int(Int32(truncatingIfNeeded: a.a0))
        // The kernel's order: the size, the new action copied in, the signal, then the old one out
        // (after the change).
        guard a.a3 == 8 else { return -Int64(EINVAL) }
        var new: (UInt64, UInt64, UInt64, UInt64)?
        if a.a1 != 0 {
            guard space.isAccessible(a.a1, 32), let p = TargetAccess.load(a.a1, as: (UInt64, UInt64, UInt64, UInt64).self) else { return -Int64(EFAULT) }
            new = p
        }
        guard sig >= 1, sig <= 64, sig != Int(SIGKILL) && sig != Int(SIGSTOP) || a.a1 == 0 else { return -Int64(EINVAL) }
        var old = actions[sig]
        // do_sigaction keeps only the flags of the UAPI (SA_NOCLDSTOP, SA_NOCLDWAIT, SA_SIGINFO,
        // SA_EXPOSE_TAGBITS, SA_RESTORER, SA_ONSTACK, SA_RESTART, SA_NODEFER, SA_RESETHAND), in
        // both directions: a program detects a flag's support by reading it back.
        let uapiFlags: UInt64 = 0x1 | 0x2 | 0x4 | 0x800 | 0x0400_0000 | 0x0800_0000 | 0x1000_0000 | 0x4000_0000 | 0x8000_0000
        old.1 &= uapiFlags
        if let p = new {
            actions[sig] = (p.0, p.1 & uapiFlags, p.2, p.3 & ~((1 << (UInt64(SIGKILL) - 1)) | (1 << (UInt64(SIGSTOP) - 1))))
        }
        if a.a2 != 0 && !(space.isAccessible(a.a2, 32, prot: PROT_WRITE) && TargetAccess.store(old, at: a.a2)) { return -Int64(EFAULT) }
        return 0
    }

    /// Whether `sig`'s disposition makes the kernel drop it: SIG_IGN, or SIG_DFL of a signal
    /// ignored by default (the kernel's sig_handler_ignored).
    func ignores(_ sig: Int32) -> Bool {
        guard sig >= 1, sig <= 64 else { return false }
        let handler = actions[Int(sig)].0
        return handler == SignalState.SIG_IGN || (handler == 0 && defaultAction(sig) == .ignore)
    }

    /// rt_sigprocmask on a thread's mask.
    static func procmask(_ a: SyscallArgs, mask: inout UInt64, space: AddressSpace) -> Int64 {
        // The kernel's order: the size, the new set (copied in, then `how`), then the old one out.
        guard a.a3 == 8 else { return -Int64(EINVAL) }
        let old = mask
        if a.a1 != 0 {
            guard space.isAccessible(a.a1, 8), let set = TargetAccess.load(a.a1, as: UInt64.self) else { return -Int64(EFAULT) }
            switch a.a0 {
            case 0: mask |= set
            case 1: mask &= ~set
            case 2: mask = set
            default: return -Int64(EINVAL)
            }
            mask &= ~((1 << (UInt64(SIGKILL) - 1)) | (1 << (UInt64(SIGSTOP) - 1)))
        }
        if a.a2 != 0 && !(space.isAccessible(a.a2, 8, prot: PROT_WRITE) && TargetAccess.store(old, at: a.a2)) { return -Int64(EFAULT) }
        return 0
    }

    /// sigaltstack as the kernel's do_sigaltstack: `sp` is the caller's stack pointer, for
    /// EPERM on the stack in use and SS_ONSTACK in the old value. The old value is written
    /// only once the new one was taken.
    static func sigaltstack(_ a: SyscallArgs, sp: UInt64, altstack: inout (UInt64, UInt64, UInt64), space: AddressSpace) -> Int64 {
        let SS_AUTODISARM: UInt64 = 1 << 31, MINSIGSTKSZ: UInt64 = 2048
        let (oldSp, oldFlags, oldSize) = altstack
        // The kernel's on_sig_stack: never while SS_AUTODISARM is set.
        let onStack = oldFlags & SS_AUTODISARM == 0 && oldSize != 0 && sp > oldSp && sp &- oldSp <= oldSize
        if a.a0 != 0 {
            guard space.isAccessible(a.a0, 24) else { return -Int64(EFAULT) }
            guard let ss = TargetAccess.load(a.a0, as: (UInt64, UInt32, UInt32, UInt64).self) else { return -Int64(EFAULT) }
            let newSp = ss.0, flags = UInt64(ss.1), size = ss.3
            if onStack { return -Int64(EPERM) }
            let mode = flags & ~SS_AUTODISARM
            guard mode == 0 || mode == UInt64(SS_DISABLE) || mode == UInt64(SS_ONSTACK) else { return -Int64(EINVAL) }
            if (newSp, flags, size) == altstack {
                // Nothing changes: the kernel returns before its other checks.
            } else if mode == UInt64(SS_DISABLE) {
                altstack = (0, flags, 0)
            } else {
                if size < MINSIGSTKSZ { return -Int64(ENOMEM) }
                altstack = (newSp, flags, size)
            }
        }
        if a.a1 != 0 {
            guard space.isAccessible(a.a1, 24, prot: PROT_WRITE) else { return -Int64(EFAULT) }
            // sas_ss_flags(sp), with SS_AUTODISARM kept as it was set.
            let state: UInt64 = oldSize == 0 ? UInt64(SS_DISABLE) : onStack ? UInt64(SS_ONSTACK) : 0
            let old = (oldSp, UInt32(truncatingIfNeeded: state | (oldFlags & SS_AUTODISARM)), UInt32(0), oldSize)
            if !TargetAccess.store(old, at: a.a1) { return -Int64(EFAULT) }
        }
        return 0
    }
}

/// The signal Linux raises for a CPU exception taken in user mode.
struct FaultSignal {
    let signal: Int32
    let info: SignalInfo
    /// The sigcontext's trapno, err and cr2, as the kernel's do_trap and page fault code set
    /// them: a page fault's error code with X86_PF_USER, exceptions without one read 0.
    let trap: (number: UInt64, error: UInt64, address: UInt64)

    /// `singleStep`: a #DB from the trap flag (TRAP_TRACE), not `int1` (TRAP_BRKPT: DR6 gives
    /// the kernel's get_si_code no reason).
    /// `fpu`: the x87 control and status words and MXCSR at the fault (#MF, #XM).
    init(vector: Int32, errorCode: UInt64, cr2: UInt64, rip: UInt64, space: AddressSpace, singleStep: Bool = true,
         fpu: (control: UInt16, status: UInt16, mxcsr: UInt32)? = nil) {
        let SI_KERNEL: Int32 = 0x80
        let code: Int32, address: UInt64
        switch vector {
        case 14:
            // No mapping there: MAPERR; a mapping whose protection forbids the access: ACCERR.
            (signal, code, address) = (SIGSEGV, space.mapping(at: cr2) == nil || space.isGuarded(cr2) ? 1 : 2, cr2)
        case 0: (signal, code, address) = (SIGFPE, 1, rip)              // FPE_INTDIV
        case 6: (signal, code, address) = (SIGILL, 2, rip)              // ILL_ILLOPN
        case 3: (signal, code, address) = (SIGTRAP, SI_KERNEL, 0)       // int3
        case 1: (signal, code, address) = (SIGTRAP, singleStep ? 2 : 1, rip)  // TRAP_TRACE, TRAP_BRKPT
        case 16, 19: (signal, code, address) = (SIGFPE, FaultSignal.floatingPointCode(vector: vector, fpu: fpu), rip)
        case 17: (signal, code, address) = (SIGBUS, 1, cr2)             // BUS_ADRALN
        default: (signal, code, address) = (SIGSEGV, SI_KERNEL, 0)      // #GP, #SS, #NP
        }
        info = SignalInfo(signo: signal, code: code, address: address)
        switch vector {
        case 14:
            // X86_PF_PROT too for an address above the user range (the kernel's bad_area).
            trap = (14, errorCode | 4 | (cr2 >= 0x7fff_ffff_f000 ? 1 : 0), cr2)
        case 8, 10, 11, 12, 13, 17, 21: trap = (UInt64(vector), errorCode, 0)  // exceptions with an error code
        default: trap = (UInt64(max(vector, 0)), 0, 0)
        }
    }

    /// The kernel's fpu__exception_code: the exceptions raised and unmasked (x87: the status
    /// word less the control word's masks; SSE: MXCSR's flags less its masks), the first of
    /// invalid, divide by zero, overflow, underflow or denormal, precision. FPE_FLTINV when the
    /// state is not known (or shows none: the kernel's spurious trap).
    static func floatingPointCode(vector: Int32, fpu: (control: UInt16, status: UInt16, mxcsr: UInt32)?) -> Int32 {
        guard let fpu else { return 7 }
        let raised = vector == 16 ? UInt32(fpu.status & ~fpu.control) : ~(fpu.mxcsr >> 7) & fpu.mxcsr
        if raised & 0x001 != 0 { return 7 }   // FPE_FLTINV
        if raised & 0x004 != 0 { return 3 }   // FPE_FLTDIV
        if raised & 0x008 != 0 { return 4 }   // FPE_FLTOVF
        if raised & 0x012 != 0 { return 5 }   // FPE_FLTUND
        if raised & 0x020 != 0 { return 6 }   // FPE_FLTRES
        return 7
    }

    static let codeNames: [Int32: [Int32: String]] = [
        SIGSEGV: [1: "SEGV_MAPERR", 2: "SEGV_ACCERR", 3: "SEGV_BNDERR", 4: "SEGV_PKUERR"],
        SIGBUS: [1: "BUS_ADRALN", 2: "BUS_ADRERR", 3: "BUS_OBJERR"],
        SIGILL: [1: "ILL_ILLOPC", 2: "ILL_ILLOPN", 3: "ILL_ILLADR", 4: "ILL_ILLTRP", 5: "ILL_PRVOPC"],
        SIGFPE: [1: "FPE_INTDIV", 2: "FPE_INTOVF", 3: "FPE_FLTDIV", 4: "FPE_FLTOVF", 5: "FPE_FLTUND",
                 6: "FPE_FLTRES", 7: "FPE_FLTINV", 8: "FPE_FLTSUB"],
        SIGTRAP: [1: "TRAP_BRKPT", 2: "TRAP_TRACE"],
    ]

    static func codeName(signal: Int32, code: Int32) -> String {
        if code == 0x80 { return "SI_KERNEL" }
        return codeNames[signal]?[code] ?? "0x" + String(UInt32(bitPattern: code), radix: 16)  // strace: %#x
    }
}

/// strace's name of a signal, from the one table the decoder uses too.
func signalName(_ sig: Int32) -> String { FlagTables.signalName(Int(sig)) }
