// signalfd: a real host signalfd, so its descriptor number, flags, reads (sizes, EAGAIN,
// blocking), poll, epoll and select are the kernel's own. For that the signals it reads must
// be pending in the kernel: a signal in some signalfd's mask that a target thread blocks is
// blocked on that thread's host thread too (its real mask mirrors the target's for those
// signals), so the kernel keeps it pending where the signalfd reads it. Every other signal is
// caught by dunetrace's handler as before. SIGURG (dunetrace's kick) and, with --ring, SIGUSR1
// (dunetrace's own) are never mirrored.
import CKVM
import Glibc

private let SFD_CLOEXEC: UInt64 = 0o2000000
private let SFD_NONBLOCK: UInt64 = 0o4000

extension Tracer {
    /// signalfd(fd, mask, sizemask) and signalfd4(fd, mask, sizemask, flags).
    func signalfd(_ nr: Int, _ a: SyscallArgs, flags: UInt64) -> Int64 {
        guard a.a2 == 8, flags & ~(SFD_CLOEXEC | SFD_NONBLOCK) == 0 else { return -Int64(EINVAL) }
        guard let bytes = memory.read(a.a1, count: 8) else { return -Int64(EFAULT) }
        if Int32(truncatingIfNeeded: a.a0) != -1 && guardRules.isReservedFd(a.a0) { return -Int64(EBADF) }
        let r = dt_host_syscall(Int64(SyscallNumber.signalfd4), a.a0, a.a1, 8, flags, 0, 0)
        guard r >= 0 else { return r }
        var mirror = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        mirror &= ~(bit(SIGKILL) | bit(SIGSTOP) | bit(SIGURG))
        if options.ringSize != nil { mirror &= ~bit(SIGUSR1) }
        let before = dt_signals_mirror_add(mirror)
        if mirror & ~before != 0 {
            syncHostMask()
            // The other threads mirror the new signals at their next exit: kick them to it.
            for t in tasks where t !== task { _ = dt_kick_thread(t.tid) }
        }
        return r
    }

    /// Makes the calling thread's real mask block exactly the mirrored signals its target
    /// thread blocks. Signals dunetrace had already caught for it and that it now blocks go
    /// back to the kernel, with their siginfo, where a signalfd reads them.
    func syncHostMask() {
        let t = task
        let want = t.mask & dt_signals_mirrored()
        guard want != t.hostMask else { return }
        let added = want & ~t.hostMask
        dt_signals_set_host_mask(want)
        t.hostMask = want
        guard added != 0 else { return }
        for sig in Int32(1)...64 where added & bit(sig) != 0 {
            // Every queued instance goes back, oldest first.
            for info in takeAll(sig, dt_signal_take_thread) {
                // A thread may send itself any siginfo.
                if info.bytes.withUnsafeBytes({ dt_signals_requeue(t.tid, sig, $0.baseAddress) }) != 0 {
                    info.bytes.withUnsafeBytes { dt_signal_queue_thread(sig, $0.baseAddress) }
                }
            }
            for info in takeAll(sig, dt_signal_take_process) {
                // Only the leader may send its process a siginfo it did not make; another thread
                // keeps it as its own, still read by its signalfd.
                let sent = info.bytes.withUnsafeBytes { dt_signals_requeue(0, sig, $0.baseAddress) } == 0
                    || info.bytes.withUnsafeBytes { dt_signals_requeue(t.tid, sig, $0.baseAddress) } == 0
                if !sent { info.bytes.withUnsafeBytes { dt_signal_queue_process(sig, $0.baseAddress) } }
            }
        }
    }

    /// Every pending instance of `sig` in one set, oldest first.
    private func takeAll(_ sig: Int32, _ take: (Int32, UnsafeMutableRawPointer?) -> Int32) -> [SignalInfo] {
        var out: [SignalInfo] = []
        while true {
            var info = SignalInfo()
            guard info.bytes.withUnsafeMutableBytes({ take(sig, $0.baseAddress) }) != 0 else { return out }
            out.append(info)
        }
    }

    /// A host thread that runs no target thread (now) takes no signal: the kernel then picks
    /// a target thread for the process's signals.
    func blockAllHostSignals() { dt_signals_set_host_mask(~0) }

    private func bit(_ sig: Int32) -> UInt64 { 1 << UInt64(sig - 1) }
}
