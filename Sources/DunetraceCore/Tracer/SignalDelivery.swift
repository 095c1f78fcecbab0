// Delivering signals into the target as Linux would: its handler runs in ring 3 on its own
// stack (or sigaltstack) with the rt_sigframe, siginfo and ucontext the kernel builds, and
// rt_sigreturn restores the interrupted state. Default actions end, stop or ignore.
import CKVM
import Glibc
import Synchronization

private let SA_SIGINFO: UInt64 = 0x4
private let SA_ONSTACK: UInt64 = 0x0800_0000
private let SA_RESTART: UInt64 = 0x1000_0000
private let SA_NODEFER: UInt64 = 0x4000_0000
private let SA_RESETHAND: UInt64 = 0x8000_0000
private let SS_ONSTACK: UInt64 = 1
private let SS_DISABLE: UInt64 = 2
private let SS_AUTODISARM: UInt64 = 1 << 31

/// The 128-byte siginfo_t, as the kernel lays it out.
struct SignalInfo {
    var bytes = [UInt8](repeating: 0, count: 128)

    init() {}
    init(signo: Int32, code: Int32, pid: Int32 = 0, uid: UInt32 = 0, address: UInt64? = nil) {
        setField(Int32.self, 0, signo)
        setField(Int32.self, 8, code)
        if let address { setField(UInt64.self, 16, address) } else { setField(Int32.self, 16, pid); setField(UInt32.self, 20, uid) }
    }

    mutating func setField<T>(_: T.Type, _ offset: Int, _ value: T) {
        bytes.withUnsafeMutableBytes { $0.storeBytes(of: value, toByteOffset: offset, as: T.self) }
    }
    func field<T>(_: T.Type, _ offset: Int) -> T {
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    }
    var signo: Int32 { field(Int32.self, 0) }
    var code: Int32 { field(Int32.self, 8) }

    /// strace's rendering: {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1235, ...}
    var description: String { text(clockComments: true) }

    /// `clockComments`: si_utime and si_stime with their seconds (`560 /* 5.60 s */`), as
    /// strace prints a clock_t except under -X raw.
    func text(clockComments: Bool) -> String {
        let sig = signo
        // strace's printsiginfo: nothing of a siginfo without a signal; si_errno when set.
        guard sig != 0 else { return "{}" }
        let text = fields(sig, clockComments: clockComments)
        let errno = field(Int32.self, 4)
        guard errno != 0, let code = text.range(of: "si_code=") else { return text }
        // si_errno follows si_code.
        let end = text[code.upperBound...].range(of: ", ")?.lowerBound ?? text.index(before: text.endIndex)
        return String(text[..<end]) + ", si_errno=" + (Errno.name(Int(errno)) ?? String(UInt32(bitPattern: errno))) + String(text[end...])
    }

    private func fields(_ sig: Int32, clockComments: Bool) -> String {
        var s = "{si_signo=\(signalName(sig)), si_code="
        let c = code
        // strace's print_si_info: codes <= 0 come from a process (SI_FROMUSER); the others by
        // signal, where an unlisted signal shows its source and value only when they are set.
        let userCodes: [Int32: String] = [0: "SI_USER", -1: "SI_QUEUE", -2: "SI_TIMER", -3: "SI_MESGQ", -4: "SI_ASYNCIO",
                                          -5: "SI_SIGIO", -6: "SI_TKILL", -7: "SI_DETHREAD", -60: "SI_ASYNCNL", 0x80: "SI_KERNEL"]
        let isFault = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP].contains(sig)
        // strace's PRINT_FIELD_ID: (uid_t) -1 as -1.
        let uid = field(UInt32.self, 20) == UInt32.max ? "-1" : "\(field(UInt32.self, 20))"
        let source = ", si_pid=\(field(Int32.self, 16)), si_uid=\(uid)"
        let value = ", si_int=\(field(Int32.self, 24)), si_ptr=\(StraceText.pointer(field(UInt64.self, 24)))"
        // A code strace has no name for: %#x of the unsigned value.
        let unnamed = "0x" + String(UInt32(bitPattern: c), radix: 16)
        let band = ", si_band=\(field(Int64.self, 16)), si_fd=\(field(Int32.self, 24))"
        if c <= 0 {
            s += userCodes[c] ?? unnamed
            switch c {
            case 0, -6: s += source
            case -2:
                let timer = field(UInt32.self, 16)
                s += ", si_timerid=\(timer == 0 ? "0" : "0x" + String(timer, radix: 16)), si_overrun=\(field(Int32.self, 20))" + value
            case -5: s += band
            default: s += source + (field(UInt64.self, 24) != 0 ? value : "")
            }
            return s + "}"
        }
        let unlisted = !isFault && sig != SIGCHLD && sig != SIGIO && !(sig == SIGSYS && (c == 1 || c == 2))
        if unlisted {
            s += userCodes[c] ?? unnamed
            if field(Int32.self, 16) != 0 || field(UInt32.self, 20) != 0 { s += source }
            if field(UInt64.self, 24) != 0 { s += value }
            return s + "}"
        }
        switch sig {
        case SIGCHLD:
            let names: [Int32: String] = [1: "CLD_EXITED", 2: "CLD_KILLED", 3: "CLD_DUMPED", 4: "CLD_TRAPPED", 5: "CLD_STOPPED", 6: "CLD_CONTINUED"]
            let status = field(Int32.self, 24)
            let statusText = c == 1 ? "\(status)" : signalName(status)
            s += "\(names[c] ?? unnamed), si_pid=\(field(Int32.self, 16)), si_uid=\(uid), si_status=\(statusText), si_utime=\(StraceText.clockTicks(field(UInt64.self, 32), comment: clockComments)), si_stime=\(StraceText.clockTicks(field(UInt64.self, 40), comment: clockComments))"
        case SIGSYS where c == 1 || c == 2:
            let nr = Int(field(Int32.self, 24))
            let name = SyscallTable.entry(nr) != nil ? "__NR_" + SyscallTable.name(nr) : "\(nr)"
            s += (c == 1 ? "SYS_SECCOMP" : "SYS_USER_DISPATCH") + ", si_call_addr=\(StraceText.pointer(field(UInt64.self, 16))), si_syscall=\(name), si_arch=AUDIT_ARCH_X86_64"
        case SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP:
            s += "\(FaultSignal.codeName(signal: sig, code: c)), si_addr=\(StraceText.pointer(field(UInt64.self, 16)))"
        case SIGIO:
            let pollCodes: [Int32: String] = [1: "POLL_IN", 2: "POLL_OUT", 3: "POLL_MSG", 4: "POLL_ERR", 5: "POLL_PRI", 6: "POLL_HUP"]
            s += pollCodes[c].map { $0 + band } ?? (userCodes[c] ?? unnamed)
        default:
            s += userCodes[c] ?? unnamed
        }
        return s + "}"
    }
}

/// What a signal does when its disposition is SIG_DFL.
enum DefaultAction { case terminate, ignore, stop }

func defaultAction(_ sig: Int32) -> DefaultAction {
    switch sig {
    case SIGCHLD, SIGURG, SIGWINCH, SIGCONT: .ignore
    case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU: .stop
    default: .terminate
    }
}

/// Syscalls the kernel never restarts after a handler, SA_RESTART or not (signal(7)).
private let rtSigreturnNumber = Sys.rt_sigreturn

let neverRestarted: Set<Int> = Set(["pause", "rt_sigsuspend", "rt_sigtimedwait", "epoll_wait", "epoll_pwait",
    "epoll_pwait2", "poll", "ppoll", "select", "pselect6", "nanosleep", "clock_nanosleep", "io_getevents",
    "semtimedop", "msgrcv", "msgsnd"].compactMap { SyscallTable.number($0) })

/// Whether a call a handled signal interrupted runs again under SA_RESTART: only what the
/// kernel fails with ERESTARTSYS does (ERESTARTNOHAND and ERESTART_RESTARTBLOCK, a futex or
/// poll with a timeout say, become EINTR once a handler runs); calls the table does not know
/// restart unless signal(7) says they never do.
func restartsUnderSARestart(_ nr: Int, _ args: SyscallArgs?) -> Bool {
    if let args {
        if let code = RestartCodes.code(nr, args) { return code == RestartCodes.ERESTARTSYS }
        // code() says nil for a socket waiting with a timeout: it returns EINTR itself.
        if RestartCodes.returnsEINTRItself(nr, args) { return false }
    }
    return !neverRestarted.contains(nr)
}

extension Tracer {
    private func bit(_ sig: Int32) -> UInt64 { 1 << UInt64(sig - 1) }

    /// The stop signals, SIGSTOP and those whose action is still the default one.
    static let stopSignals: [Int32] = [SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU]

    /// Whether `sig` stops the target: SIGSTOP always, the others while their action is the default.
    private func stops(_ sig: Int32) -> Bool { sig == SIGSTOP || signals.actions[Int(sig)].0 == 0 }

    /// Whether a stop signal the target would stop for is pending for this thread (cheap: no lock).
    func hasPendingStopSignal() -> Bool {
        let pending = dt_signals_pending() & ~task.mask
        return pending != 0 && Tracer.stopSignals.contains { pending & bit($0) != 0 && stops($0) }
    }

    /// `sig` taken off this thread's queue, or else the process's; nil when neither holds it.
    private func takePending(_ sig: Int32) -> SignalInfo? {
        var info = SignalInfo()
        let took = info.bytes.withUnsafeMutableBytes {
            dt_signal_take_thread(sig, $0.baseAddress) != 0 || dt_signal_take_process(sig, $0.baseAddress) != 0
        }
        return took ? info : nil
    }

    /// A stop signal arrived while this thread waited in a host call (lock held): the process
    /// stops now, as natively (`cat` waiting for input stops at ^Z), and the call goes on once
    /// it is continued, as the kernel restarts it. Before, the stop waited for the call to end.
    /// `interrupted`: shows the call's first part as strace does (`= ? ERESTARTSYS`) first.
    /// Returns whether the process stopped (or would have, had a SIGCONT not come first).
    @discardableResult
    func stopDuringHostCall(interrupted: () -> Void) -> Bool {
        var shownCall = false
        for sig in Tracer.stopSignals where dt_signals_pending() & ~task.mask & bit(sig) != 0 && stops(sig) {
            guard let info = takePending(sig) else { continue }
            if !shownCall { interrupted(); shownCall = true }
            noteSignal(sig, info)
            noteStopped(by: sig)
            _ = dt_signals_stop_process(sig)
        }
        // The SIGCONT that continued it shows before the call's line, as strace's; one the
        // target handles interrupts the call and is delivered after it.
        if shownCall, dt_signals_pending() & ~task.mask & bit(SIGCONT) != 0, signals.actions[Int(SIGCONT)].0 <= SignalState.SIG_IGN,
           let info = takePending(SIGCONT) {
            noteSignal(SIGCONT, info)
        }
        return shownCall
    }

    /// Whether a SIGCONT came since `before` (the pending set when a call began): the process
    /// was stopped and continued while it waited. A SIGSTOP stops dunetrace's host process
    /// without a word to it; the SIGCONT that continues it reaches dunetrace's handler.
    func continuedSince(_ before: UInt64) -> Bool {
        before & bit(SIGCONT) == 0 && dt_signals_pending() & bit(SIGCONT) != 0
    }

    /// A signal waiting for the target that would interrupt it now: unblocked, and either
    /// handled or fatal by default. Ignored ones don't interrupt (the kernel drops them).
    func hasInterruptingSignal() -> Bool {
        // Another thread's execve ends this one: whatever it waits for, it stops waiting.
        if otherThreadsEnding.load(ordering: .relaxed) { return true }
        // Another process of the trace killed this one (SignalSending.swift): a blocked call
        // (pause, wait4, read) ends so the process records its end and dies.
        if dt_kill_requested() != 0 { return true }
        let pending = dt_signals_pending() & ~task.mask
        guard pending != 0 else { return false }
        for sig in Int32(1)...64 where pending & bit(sig) != 0 {
            let h = signals.actions[Int(sig)].0
            if h == SignalState.SIG_IGN { continue }
            if h == 0 && defaultAction(sig) != .terminate { continue }
            return true
        }
        return false
    }

    /// Delivers what is pending and deliverable, as the kernel on its way back to user mode:
    /// one frame per signal, each dequeued with the mask the frames before it left, so the
    /// handler of the last one runs first. `syscall`: the call this exit ran, with its result,
    /// so an interrupted call is restarted (SA_RESTART) or fails with EINTR. `savedMask`: what
    /// the first frame restores (sigsuspend's mask from before the call).
    func deliverSignals(_ regs: inout dt_regs, syscall: Int?, args: SyscallArgs? = nil, savedMask: UInt64? = nil) -> TargetExit? {
        var restoreMask = savedMask
        // Another process of the trace killed this one (SignalSending.swift): its end is recorded.
        if dt_kill_requested() != 0 {
            noteKilled(SIGKILL)
            return .killed(signal: SIGKILL)
        }
        if let end = cpuLimitEnd() { return end }
        while true {
            var info = SignalInfo()
            let sig = Int32(info.bytes.withUnsafeMutableBytes { dt_signal_next(task.mask, $0.baseAddress) })
            guard sig > 0 else {
                // No handler ran: a temporary mask (sigsuspend, ppoll...) goes back now.
                if let restoreMask { task.mask = restoreMask }
                return nil
            }
            noteTimerSignal(info)
            if isRepeatedParentDeath(sig, info) { continue }
            if sig == SIGXCPU && info.code == 0x80 /* SI_KERNEL */, let end = cpuLimitSignal() { return end }
            // --ring: SIGUSR1 to dunetrace writes the ring out; the target never sees it.
            if sig == SIGUSR1 && options.ringSize != nil, let recorder {
                recorder.dumpRing()
                continue
            }
            let handler = signals.actions[Int(sig)].0
            // An ignored signal that reached the target shows as strace shows it (a traced
            // process is stopped for every signal, ignored ones too), and does nothing.
            if handler == SignalState.SIG_IGN { noteSignal(sig, info); continue }
            if handler == 0 {
                switch defaultAction(sig) {
                case .ignore: noteSignal(sig, info); continue
                case .stop:
                    noteSignal(sig, info)
                    noteStopped(by: sig)
                    // The whole process stops, as the target would (not if a SIGCONT already
                    // answered it: it is delivered next, as after a stop and continue).
                    _ = dt_signals_stop_process(sig)
                    continue
                case .terminate:
                    noteSignal(sig, info)
                    noteKilled(sig)
                    return .killed(signal: sig)
                }
            }
            noteSignal(sig, info)
            // Only the first frame sits on the interrupted call; the next ones see rax = 0.
            // After rt_sigreturn, rax is the restored context's, no call's result (the kernel's
            // orig_ax = -1): a signal arriving then must not restart anything.
            if let nr = syscall, nr != rtSigreturnNumber, Int64(bitPattern: regs.rax) == -Int64(EINTR) {
                if signals.actions[Int(sig)].1 & SA_RESTART != 0 && restartsUnderSARestart(nr, args) {
                    regs.rax = UInt64(nr)  // the handler returns onto the syscall again
                    regs.rip &-= 2
                }
            }
            if let end = runHandler(sig, info: info, regs: &regs, savedMask: restoreMask ?? task.mask) { return end }
            restoreMask = nil
        }
    }

    /// Builds the rt_sigframe and points the vCPU at the handler.
    func runHandler(_ sig: Int32, info: SignalInfo, regs: inout dt_regs, savedMask: UInt64) -> TargetExit? {
        guard let cpu = vcpu else { return .killed(signal: sig) }
        let (handler, flags, restorer, actMask) = signals.actions[Int(sig)]
        let alt = task.altstack
        let altEnabled = alt.1 & SS_DISABLE == 0 && alt.2 > 0
        // The kernel's on_sig_stack: never while SS_AUTODISARM is set.
        let onAlt = altEnabled && alt.1 & SS_AUTODISARM == 0 && regs.rsp > alt.0 && regs.rsp &- alt.0 <= alt.2
        var sp = regs.rsp
        if flags & SA_ONSTACK != 0 && altEnabled && !onAlt { sp = alt.0 &+ alt.2 } else { sp &-= 128 }  // red zone
        let xsize = UInt64(dt_xstate_size()), features = dt_signal_xfeatures()
        sp = (sp &- (xsize + 4)) & ~63
        let fpAddr = sp
        let frameSize: UInt64 = 8 + 304 + 128
        sp = ((sp &- frameSize) & ~15) &- 8
        let frame = sp
        guard frame < fpAddr, space.isAccessible(frame, Int(fpAddr &+ xsize &+ 4 &- frame), prot: PROT_WRITE) else {
            // No room for the frame: the kernel's force_sigsegv. The signal is lost; SIGSEGV
            // follows at once, into its own handler if that has somewhere to run, else the end.
            if sig == SIGSEGV { signals.actions[Int(SIGSEGV)] = (0, 0, 0, 0) }
            return forceSignal(SIGSEGV, info: SignalInfo(signo: SIGSEGV, code: 0x80, address: 0), regs: &regs)  // SI_KERNEL
        }
        // Built here, then written with process_vm_writev: memory that faults when touched (a
        // file mapping past its end) is the kernel's force_sigsegv too, never a crash of dunetrace.
        var xsave = [UInt8](repeating: 0, count: Int(dt_xsave_size()))
        _ = xsave.withUnsafeMutableBytes { dt_vcpu_get_xsave(cpu, $0.baseAddress) }
        var fpArea = [UInt8](repeating: 0, count: Int(xsize) + 4)
        let frameBytes = [UInt8](unsafeUninitializedCapacity: Int(frameSize)) { buffer, count in
            let f = UnsafeMutableRawPointer(buffer.baseAddress!)
            f.initializeMemory(as: UInt8.self, repeating: 0, count: Int(frameSize))
            f.storeBytes(of: restorer, as: UInt64.self)
            let uc = f + 8
            uc.storeBytes(of: UInt64(7), as: UInt64.self)  // UC_FP_XSTATE | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS
            uc.storeBytes(of: alt.0, toByteOffset: 16, as: UInt64.self)
            // uc_stack is the thread's sigaltstack setting as it is (sas_ss_flags, not the
            // on-stack state): rt_sigreturn sets it again from here.
            uc.storeBytes(of: UInt32(truncatingIfNeeded: alt.1), toByteOffset: 24, as: UInt32.self)
            uc.storeBytes(of: alt.2, toByteOffset: 32, as: UInt64.self)
            let mc = uc + 40
            let gprs: [UInt64] = [regs.r8, regs.r9, regs.r10, regs.r11, regs.r12, regs.r13, regs.r14, regs.r15,
                                  regs.rdi, regs.rsi, regs.rbp, regs.rbx, regs.rdx, regs.rax, regs.rcx, regs.rsp,
                                  regs.rip, regs.rflags]
            for (i, v) in gprs.enumerated() { mc.storeBytes(of: v, toByteOffset: i * 8, as: UInt64.self) }
            mc.storeBytes(of: UInt16(0x33), toByteOffset: 144, as: UInt16.self)  // cs
            mc.storeBytes(of: UInt16(0x2b), toByteOffset: 150, as: UInt16.self)  // ss
            // What the thread's last fault left (the kernel's thread.trap_nr/error_code/cr2).
            mc.storeBytes(of: task.trap.error, toByteOffset: 152, as: UInt64.self)   // err
            mc.storeBytes(of: task.trap.number, toByteOffset: 160, as: UInt64.self)  // trapno
            mc.storeBytes(of: task.trap.address, toByteOffset: 176, as: UInt64.self) // cr2
            mc.storeBytes(of: savedMask, toByteOffset: 168, as: UInt64.self)        // oldmask
            mc.storeBytes(of: fpAddr, toByteOffset: 184, as: UInt64.self)           // fpstate
            uc.storeBytes(of: savedMask, toByteOffset: 296, as: UInt64.self)        // uc_sigmask
            info.bytes.withUnsafeBytes { (f + 312).copyMemory(from: $0.baseAddress!, byteCount: 128) }
            count = Int(frameSize)
        }
        fpArea.withUnsafeMutableBytes { fp in
            xsave.withUnsafeBytes { fp.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: min(Int(xsize), $0.count)) }
            // The software-reserved words tell sigreturn (and glibc) that an XSAVE area follows.
            fp.storeBytes(of: UInt32(0x4650_5853), toByteOffset: 464, as: UInt32.self)
            fp.storeBytes(of: UInt32(xsize + 4), toByteOffset: 468, as: UInt32.self)
            fp.storeBytes(of: features, toByteOffset: 472, as: UInt64.self)
            fp.storeBytes(of: UInt32(xsize), toByteOffset: 480, as: UInt32.self)
            fp.storeBytes(of: UInt32(0x4650_5845), toByteOffset: Int(xsize), as: UInt32.self)
        }
        let written = fpArea.withUnsafeBytes { TargetAccess.write(fpAddr, from: $0.baseAddress!, count: $0.count) }
            && frameBytes.withUnsafeBytes { TargetAccess.write(frame, from: $0.baseAddress!, count: $0.count) }
        guard written else {
            if sig == SIGSEGV { signals.actions[Int(SIGSEGV)] = (0, 0, 0, 0) }
            return forceSignal(SIGSEGV, info: SignalInfo(signo: SIGSEGV, code: 0x80, address: 0), regs: &regs)  // SI_KERNEL
        }

        // The handler starts with the FPU in its initial state (the kernel's
        // fpu__clear_user_states): no pending x87 exception (one a handler leaves by siglongjmp
        // would fault again at the next x87 instruction, for ever), all exceptions masked.
        _ = SignalState.initialFPU(xsave).withUnsafeBytes { dt_vcpu_set_xsave(cpu, $0.baseAddress) }

        regs.rdi = UInt64(sig)
        regs.rsi = frame + 312
        regs.rdx = frame + 8
        regs.rax = 0
        regs.rsp = frame
        regs.rip = handler
        regs.rflags &= ~UInt64(0x400 | 0x100 | 0x10000)  // DF, TF, RF
        task.mask |= actMask | (flags & SA_NODEFER != 0 ? 0 : bit(sig))
        task.mask &= ~(bit(SIGKILL) | bit(SIGSTOP))
        // SS_AUTODISARM: the handler runs with no alternate stack (the kernel's sas_ss_reset).
        if alt.1 & SS_AUTODISARM != 0 { task.altstack = (0, SS_DISABLE, 0) }
        // SA_RESETHAND resets the handler only: flags, restorer and mask stay (get_signal).
        if flags & SA_RESETHAND != 0 { signals.actions[Int(sig)].0 = 0 }
        _ = flags & SA_SIGINFO
        return nil
    }

    /// rt_sigreturn: the interrupted state comes back from the frame the handler returned on.
    func sigreturn(_ regs: inout dt_regs) -> Emulation {
        let frame = regs.rsp &- 8
        let uc = frame &+ 8
        guard space.isAccessible(uc, 304) else {
            return .killed(SIGSEGV, SignalInfo(signo: SIGSEGV, code: 0x80, address: 0))  // SI_KERNEL
        }
        var context = [UInt8](repeating: 0, count: 304)
        guard context.withUnsafeMutableBytes({ TargetAccess.read(uc, into: $0.baseAddress!, count: 304) }) else {
            return .killed(SIGSEGV, SignalInfo(signo: SIGSEGV, code: 0x80, address: 0))  // SI_KERNEL
        }
        func g(_ i: Int) -> UInt64 { context.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 40 + i * 8, as: UInt64.self) } }
        regs.r8 = g(0); regs.r9 = g(1); regs.r10 = g(2); regs.r11 = g(3)
        regs.r12 = g(4); regs.r13 = g(5); regs.r14 = g(6); regs.r15 = g(7)
        regs.rdi = g(8); regs.rsi = g(9); regs.rbp = g(10); regs.rbx = g(11)
        regs.rdx = g(12); regs.rax = g(13); regs.rcx = g(14); regs.rsp = g(15)
        regs.rip = g(16)
        let userFlags: UInt64 = 0x50DD5  // AC OF DF TF SF ZF AF PF CF RF: what user code may set
        regs.rflags = (regs.rflags & ~userFlags) | (g(17) & userFlags)
        task.mask = context.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 296, as: UInt64.self) }
            & ~(bit(SIGKILL) | bit(SIGSTOP))
        // restore_altstack: uc_stack as sigaltstack would take it at the restored stack
        // pointer, its errors ignored.
        _ = SignalState.sigaltstack(SyscallArgs(uc &+ 16), sp: regs.rsp, altstack: &task.altstack, space: space)
        let fpAddr = g(23)
        let xsize = Int(dt_xstate_size())
        if fpAddr != 0, let cpu = vcpu, space.isAccessible(fpAddr, xsize) {
            var xsave = [UInt8](repeating: 0, count: Int(dt_xsave_size()))
            _ = xsave.withUnsafeMutableBytes { dt_vcpu_get_xsave(cpu, $0.baseAddress) }
            let saved = xsave
            if !xsave.withUnsafeMutableBytes({ TargetAccess.read(fpAddr, into: $0.baseAddress!, count: min(xsize, $0.count)) }) { xsave = saved }
            // The software-reserved bytes are not CPU state.
            for i in 464..<512 { xsave[i] = 0 }
            _ = xsave.withUnsafeBytes { dt_vcpu_set_xsave(cpu, $0.baseAddress) }
        }
        return .result(Int64(bitPattern: regs.rax))
    }
}

extension Tracer {
    /// PR_SET_PDEATHSIG's signal again from a parent of the trace whose target has ended: the
    /// parent's host process also held KVM's worker thread (kvm-nx-lpage-recovery, in its
    /// thread group), so the kernel reparented this process to that thread first and sent the
    /// signal, then again to the reaper when the thread ended; natively the parent's last
    /// thread leaving sends it once. The first is the target's; the repeat is dropped.
    func isRepeatedParentDeath(_ sig: Int32, _ info: SignalInfo) -> Bool {
        guard isForkedChild, info.code == 0 /* SI_USER */ else { return false }
        let from = info.field(Int32.self, 16)
        guard from > 0 else { return false }
        var deathSignal: Int32 = 0
        let asked = withUnsafeMutablePointer(to: &deathSignal) {
            dt_host_syscall(157 /* prctl */, 2 /* PR_GET_PDEATHSIG */, UInt64(UInt(bitPattern: $0)), 0, 0, 0, 0)
        }
        // A parent whose target still runs sent it with kill.
        guard asked == 0, deathSignal == sig, processFacts?.find(from) == nil else { return false }
        if parentDeathFrom == from { return true }
        parentDeathFrom = from
        return false
    }
}

extension Tracer {
    /// sigaction made `sig` ignored: its pending instances go, the process's and every
    /// thread's, blocked or not (POSIX; the kernel's do_sigaction).
    func discardPending(_ sig: Int32) {
        dt_signals_discard(nil, sig)
        for t in tasks { if let set = t.pendingSet { dt_signals_discard(set, sig) } }
    }
}
