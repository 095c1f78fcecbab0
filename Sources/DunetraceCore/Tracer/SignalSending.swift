// Signals the target sends to its own process or threads. The kernel would queue them with
// the sender's siginfo; here they reach dunetrace's handler, which queues them for the target
// (sigqueue.c). Two things the host cannot see are done before the call: the EAGAIN the kernel
// gives once RLIMIT_SIGPENDING instances are pending (the host's queue is always drained),
// and rt_tgsigqueueinfo's thread, which the handler could not tell from a process signal.
import CKVM
import Glibc

extension Tracer {
    /// rt_sigqueueinfo, rt_tgsigqueueinfo, tgkill and tkill.
    func sendSignal(_ kind: EmulatedCall, _ a: SyscallArgs) -> Emulation {
        let tgid: Int32?, tid: Int32?, sig: Int32, infoAddress: UInt64?
        switch kind {
        case .rtSigqueueinfo: (tgid, tid, sig, infoAddress) = (Int32(truncatingIfNeeded: a.a0), nil, Int32(truncatingIfNeeded: a.a1), a.a2)
        case .rtTgsigqueueinfo: (tgid, tid, sig, infoAddress) = (Int32(truncatingIfNeeded: a.a0), Int32(truncatingIfNeeded: a.a1), Int32(truncatingIfNeeded: a.a2), a.a3)
        case .tgkill: (tgid, tid, sig, infoAddress) = (Int32(truncatingIfNeeded: a.a0), Int32(truncatingIfNeeded: a.a1), Int32(truncatingIfNeeded: a.a2), nil)
        default: (tgid, tid, sig, infoAddress) = (nil, Int32(truncatingIfNeeded: a.a0), Int32(truncatingIfNeeded: a.a1), nil)
        }
        // Another process's signals, a bad signal or thread, a probe (sig 0): the kernel's own.
        guard sig >= 1, sig <= 64, tgid.map({ $0 == pid }) ?? true else { return .passthrough }
        let destination = tid.flatMap { t in tasks.first { $0.tid == t } }
        if tid != nil && destination == nil { return .passthrough }
        var info = SignalInfo()
        if let infoAddress {
            guard let bytes = memory.read(infoAddress, count: 128) else { return .result(-Int64(EFAULT)) }
            info.bytes = bytes
            info.setField(Int32.self, 0, sig)  // the kernel sets si_signo itself
        } else {
            info = SignalInfo(signo: sig, code: -6)  // SI_TKILL
        }
        if dt_signals_would_refuse(sig, info.code) != 0 { return .result(-Int64(EAGAIN)) }
        // rt_tgsigqueueinfo to one of its threads: queued for that thread here, unless that
        // thread's host thread blocks it for a signalfd (then the kernel holds it, as it reads).
        guard kind == .rtTgsigqueueinfo, let destination, let set = destination.pendingSet,
              destination.hostMask & (1 << UInt64(sig - 1)) == 0 else { return .passthrough }
        info.bytes.withUnsafeBytes { dt_signal_queue_to(set, sig, $0.baseAddress) }
        if destination !== task { _ = dt_kick_thread(destination.tid) }
        return .result(0)
    }

    /// kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo or pidfd_send_signal... of SIGKILL
    /// to this very process (pidfds: left to the kernel).
    func sendsSIGKILLToOwnProcess(_ nr: Int, _ a: SyscallArgs) -> Bool {
        func int(_ v: UInt64) -> Int32 { Int32(truncatingIfNeeded: v) }
        switch nr {
        case SignalSyscall.kill, SignalSyscall.rtSigqueueinfo: return int(a.a0) == pid && int(a.a1) == SIGKILL
        case SignalSyscall.tgkill, SignalSyscall.rtTgsigqueueinfo:
            return int(a.a0) == pid && int(a.a2) == SIGKILL && tasks.contains { $0.tid == int(a.a1) }
        case SignalSyscall.tkill: return int(a.a1) == SIGKILL && tasks.contains { $0.tid == int(a.a0) }
        default: return false
        }
    }
}

private enum SignalSyscall {
    static let kill = SyscallTable.number("kill")!
    static let tkill = SyscallTable.number("tkill")!
    static let tgkill = SyscallTable.number("tgkill")!
    static let rtSigqueueinfo = SyscallTable.number("rt_sigqueueinfo")!
    static let rtTgsigqueueinfo = SyscallTable.number("rt_tgsigqueueinfo")!
}
