// Signals the target sends to its own process or threads. The kernel would queue them with
// the sender's siginfo; here they reach dunetrace's handler, which queues them for the target
// (sigqueue.c). Two things the host cannot see are done before the call: the EAGAIN the kernel
// gives once RLIMIT_SIGPENDING instances are pending (the host's queue is always drained),
// and rt_tgsigqueueinfo's thread, which the handler could not tell from a process signal.
import CKVM
import Glibc

extension Tracer {
    /// rt_sigqueueinfo, rt_tgsigqueueinfo, tgkill, tkill, and kill of SIGSTOP to itself.
    func sendSignal(_ kind: EmulatedCall, _ a: SyscallArgs) -> Emulation {
        if kind == .kill {
            guard Int32(truncatingIfNeeded: a.a0) == pid, Int32(truncatingIfNeeded: a.a1) == SIGSTOP else { return .passthrough }
            queueOwnStop(SignalInfo(signo: SIGSTOP, code: 0, pid: getpid(), uid: getuid()))  // SI_USER
            return .result(0)
        }
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
            info = SignalInfo(signo: sig, code: -6, pid: getpid(), uid: getuid())  // SI_TKILL, as the kernel fills it
        }
        if dt_signals_would_refuse(sig, info.code) != 0 { return .result(-Int64(EAGAIN)) }
        if sig == SIGSTOP {
            queueOwnStop(info)
            return .result(0)
        }
        // A fault's signal with a fault's si_code (a process may claim any code when it sends
        // to itself): queued here, never raised on the host, where dunetrace's handler would
        // take it for a fault of dunetrace's own.
        if kind == .rtSigqueueinfo, info.code > 0, Self.faultSignals.contains(sig) {
            info.bytes.withUnsafeBytes { dt_signal_queue_process(sig, $0.baseAddress) }
            let bit = UInt64(1) << UInt64(sig - 1)
            if task.mask & bit != 0, let other = tasks.first(where: { $0.mask & bit == 0 }) { _ = dt_kick_thread(other.tid) }
            return .result(0)
        }
        // rt_tgsigqueueinfo to one of its threads: queued for that thread here, unless that
        // thread's host thread blocks it for a signalfd (then the kernel holds it, as it reads).
        guard kind == .rtTgsigqueueinfo, let destination, let set = destination.pendingSet,
              destination.hostMask & (1 << UInt64(sig - 1)) == 0 else { return .passthrough }
        info.bytes.withUnsafeBytes { dt_signal_queue_to(set, sig, $0.baseAddress) }
        if destination !== task { _ = dt_kick_thread(destination.tid) }
        return .result(0)
    }

    static let faultSignals: Set<Int32> = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP]

    /// SIGSTOP to its own process or thread: on the host it stopped dunetrace at once, before
    /// the trace showed it. Queued here, it is delivered as the other stop signals are
    /// (SignalDelivery.swift): `--- SIGSTOP {...} ---`, `--- stopped by SIGSTOP ---`, then the
    /// whole process stops, as strace shows it.
    private func queueOwnStop(_ info: SignalInfo) {
        info.bytes.withUnsafeBytes { dt_signal_queue_process(SIGSTOP, $0.baseAddress) }
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
    static let kill = Sys.kill
    static let tkill = Sys.tkill
    static let tgkill = Sys.tgkill
    static let rtSigqueueinfo = Sys.rt_sigqueueinfo
    static let rtTgsigqueueinfo = Sys.rt_tgsigqueueinfo
    static let pidfdOpen = Sys.pidfd_open
}

// SIGKILL from the target to another process of the trace would end that dunetrace process
// before it wrote its buffered events and its end: the whole child vanished from the trace.
// It is asked first (a kill request, see signals.c) to record `+++ killed by SIGKILL +++`,
// write its trace and die of SIGKILL itself; the real signal follows only if it did not.
extension Tracer {
    /// The other traced processes a SIGKILL from this call would kill.
    func tracedProcessesSIGKILLed(_ nr: Int, _ a: SyscallArgs) -> [Int32] {
        func int(_ v: UInt64) -> Int32 { Int32(truncatingIfNeeded: v) }
        func tgid(ofThread tid: Int32) -> Int32? {
            guard tid > 0, let text = readWholeFile("/proc/\(tid)/status") else { return nil }
            for line in text.split(separator: "\n") where line.hasPrefix("Tgid:") {
                return Int32(line.dropFirst(5).trimmingCharacters(in: .whitespaces))
            }
            return nil
        }
        var victims: [Int32]
        switch nr {
        case SignalSyscall.kill, SignalSyscall.rtSigqueueinfo:
            guard int(a.a1) == SIGKILL else { return [] }
            let p = int(a.a0)
            if p > 0 { victims = [p] }
            else if p == -1 { victims = tracedProcesses(inGroup: nil) }
            else if p == 0 { victims = tracedProcesses(inGroup: getpgrp()) }
            else if p == Int32.min { return [] }
            else { victims = tracedProcesses(inGroup: -p) }
        case SignalSyscall.tgkill, SignalSyscall.rtTgsigqueueinfo:
            guard int(a.a2) == SIGKILL, int(a.a0) > 0, tgid(ofThread: int(a.a1)) == int(a.a0) else { return [] }
            victims = [int(a.a0)]
        case SignalSyscall.tkill:
            guard int(a.a1) == SIGKILL, let owner = tgid(ofThread: int(a.a0)) else { return [] }
            victims = [owner]
        default:
            return []
        }
        return victims.filter { $0 != pid && isTracedProcess($0) }
    }

    /// kill(0, SIGKILL) or kill(-pgrp, SIGKILL) of this process's own group: it dies too.
    func sendsSIGKILLToOwnGroup(_ nr: Int, _ a: SyscallArgs) -> Bool {
        guard nr == SignalSyscall.kill, Int32(truncatingIfNeeded: a.a1) == SIGKILL else { return false }
        let p = Int32(truncatingIfNeeded: a.a0)
        return p == 0 || (p < -1 && p != Int32.min && -p == getpgrp())
    }

    /// SIGKILL to every other process of this process's group (the traced ones were asked first).
    func killOwnGroupButSelf() {
        let group = getpgrp()
        for name in HostProc.entryNames("/proc") {
            guard let p = Int32(name), p != pid, getpgid(p) == group else { continue }
            kill(p, SIGKILL)
        }
    }

    /// The processes of the trace in process group `group` (all of them for nil), this one aside.
    private func tracedProcesses(inGroup group: pid_t?) -> [Int32] {
        var found: [Int32] = []
        for name in HostProc.entryNames("/proc") {
            guard let p = Int32(name), p != pid else { continue }
            if let group, getpgid(p) != group { continue }
            if isTracedProcess(p) { found.append(p) }
        }
        return found
    }

    /// Asks each process to end as SIGKILL would, after recording its end, and waits (a
    /// second at most) for them to die. True when all of them did.
    func askToDieOfSIGKILL(_ victims: [Int32]) -> Bool {
        var pidfds: [Int32] = []
        for victim in victims {
            var info = [UInt8](repeating: 0, count: 128)
            let value = dt_kill_request_value()
            guard value != 0 else { return false }
            info.withUnsafeMutableBytes { b in
                b.storeBytes(of: SIGURG, toByteOffset: 0, as: Int32.self)          // si_signo
                b.storeBytes(of: Int32(-1), toByteOffset: 8, as: Int32.self)      // si_code: SI_QUEUE
                b.storeBytes(of: Int32(getpid()), toByteOffset: 16, as: Int32.self)  // si_pid
                b.storeBytes(of: UInt32(getuid()), toByteOffset: 20, as: UInt32.self) // si_uid
                b.storeBytes(of: value, toByteOffset: 24, as: UInt64.self)        // si_value
            }
            let fd = Int32(truncatingIfNeeded: dt_host_syscall(Int64(SignalSyscall.pidfdOpen), UInt64(victim), 0, 0, 0, 0, 0))
            guard fd >= 0 else { return false }
            let sent = info.withUnsafeBytes { dt_host_syscall(Int64(SignalSyscall.rtSigqueueinfo), UInt64(victim), UInt64(SIGURG), UInt64(UInt(bitPattern: $0.baseAddress!)), 0, 0, 0) }
            if sent != 0 { close(fd); return false }
            pidfds.append(fd)
        }
        defer { pidfds.forEach { close($0) } }
        let deadline = nowMonotonic() &+ 1_000_000_000
        for fd in pidfds {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            while true {
                let left = Int64(bitPattern: deadline &- nowMonotonic())
                if left <= 0 { return false }
                let r = poll(&p, 1, Int32(left / 1_000_000) + 1)
                if r > 0 { break }
                if r == 0 { return false }
            }
        }
        return true
    }
}
