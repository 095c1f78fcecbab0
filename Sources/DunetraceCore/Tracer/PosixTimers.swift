// The target's POSIX timers (timer_create) are the host kernel's, signalling dunetrace's
// process as they would the target's. What the host cannot know is kept here: which timers
// signal one thread (SIGEV_THREAD_ID: glibc's SIGEV_THREAD timers too), so their signals are
// that thread's own; the overrun of the last expiry delivered (the host delivers every
// expiry to dunetrace at once, the target's queue counts them as overruns); that re-arming or
// deleting one drops its pending expiries; and that exec deletes them all.
import CKVM
import Glibc

private let SIGEV_THREAD_ID: Int32 = 4

struct PosixTimers {
    /// The timers the target holds (the host's ids), and each one's overrun at its last
    /// delivered expiry, for timer_getoverrun.
    var overruns: [Int32: Int32] = [:]
}

extension Tracer {
    /// timer_create(clock, sevp, timerid).
    func timerCreate(_ nr: Int, _ a: SyscallArgs) -> Int64 {
        var toThread = false
        var proxy: [UInt8]?  // SIGKILL asked of the host as SIGURG (KernelSentKill.swift)
        if a.a1 != 0 {
            guard let ev = memory.read(a.a1, count: 64) else { return -Int64(EFAULT) }
            proxy = KernelSentKill.proxied(ev, threadIdAllowed: true)
            let notify = ev.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 12, as: Int32.self) }
            let thread = ev.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 16, as: Int32.self) }
            toThread = notify == SIGEV_THREAD_ID
            // Only the target's threads: the host would take any of dunetrace's own too.
            if toThread && !tasks.contains(where: { $0.tid == thread }) { return -Int64(EINVAL) }
        }
        func hostCreate(_ timerid: UInt64) -> Int64 {
            guard let proxy else { return dt_host_syscall(Int64(nr), a.a0, a.a1, timerid, 0, 0, 0) }
            return proxy.withUnsafeBytes { dt_host_syscall(Int64(nr), a.a0, UInt64(UInt(bitPattern: $0.baseAddress!)), timerid, 0, 0, 0) }
        }
        guard space.isAccessible(a.a2, 4, prot: PROT_WRITE) else {
            // The kernel stores the id last: every other check comes first, and the timer it
            // made (its id used up, as natively) is released with the EFAULT.
            var scratch: Int32 = 0
            let r = withUnsafeMutablePointer(to: &scratch) { hostCreate(UInt64(UInt(bitPattern: $0))) }
            guard r == 0 else { return r }
            _ = dt_host_syscall(Int64(SyscallNumber.timerDelete), UInt64(UInt32(bitPattern: scratch)), 0, 0, 0, 0, 0)
            return -Int64(EFAULT)
        }
        let r = hostCreate(a.a2)
        guard r == 0 else { return r }
        guard let id = TargetAccess.load(a.a2, as: Int32.self) else { return r }
        if toThread && dt_signals_thread_timer(id, 1) != 0 {
            _ = dt_host_syscall(Int64(SyscallNumber.timerDelete), UInt64(id), 0, 0, 0, 0, 0)
            return -Int64(EAGAIN)
        }
        posixTimers.overruns[id] = 0
        return 0
    }

    /// timer_settime(timerid, flags, new, old).
    func timerSettime(_ nr: Int, _ a: SyscallArgs) -> Int64 {
        let id = Int32(truncatingIfNeeded: a.a0)
        dropPendingExpiries(id)
        let r = dt_host_syscall(Int64(nr), a.a0, a.a1, a.a2, a.a3, 0, 0)
        if r == 0 && posixTimers.overruns[id] != nil { posixTimers.overruns[id] = 0 }  // the kernel starts the count again
        return r
    }

    /// Re-arming or deleting a timer drops its expiries still pending, as the kernel does
    /// (before re-arming: an expiry of the new arming can come right after it; after deleting:
    /// none can come then).
    private func dropPendingExpiries(_ id: Int32) {
        guard posixTimers.overruns[id] != nil else { return }
        dt_signals_timer_rearmed(nil, id)
        for t in tasks { if let set = t.pendingSet { dt_signals_timer_rearmed(set, id) } }
    }

    /// timer_delete(timerid).
    func timerDelete(_ nr: Int, _ a: SyscallArgs) -> Int64 {
        let r = dt_host_syscall(Int64(nr), a.a0, 0, 0, 0, 0, 0)
        if r == 0 {
            let id = Int32(truncatingIfNeeded: a.a0)
            dropPendingExpiries(id)
            posixTimers.overruns[id] = nil
            _ = dt_signals_thread_timer(id, 0)
        }
        return r
    }

    /// timer_getoverrun(timerid): the overrun of the expiry delivered last.
    func timerGetoverrun(_ nr: Int, _ a: SyscallArgs) -> Int64 {
        let r = dt_host_syscall(Int64(nr), a.a0, 0, 0, 0, 0, 0)
        guard r >= 0, let overrun = posixTimers.overruns[Int32(truncatingIfNeeded: a.a0)] else { return r }
        return Int64(overrun)
    }

    /// A timer's signal reached the target (delivered, or taken by sigtimedwait).
    func noteTimerSignal(_ info: SignalInfo) {
        guard info.code == -2 else { return }  // SI_TIMER
        let id = info.field(Int32.self, 16)
        if posixTimers.overruns[id] != nil { posixTimers.overruns[id] = info.field(Int32.self, 20) }
    }

    /// exec: the kernel deletes the old image's timers, and so their pending expiries.
    func deleteTimersForExec() {
        for id in posixTimers.overruns.keys {
            _ = dt_host_syscall(Int64(SyscallNumber.timerDelete), UInt64(UInt32(bitPattern: id)), 0, 0, 0, 0, 0)
            dropPendingExpiries(id)
        }
        posixTimers.overruns = [:]
        dt_signals_forget_timers()
    }

    /// fork: the child has none.
    func forgetTimersAfterFork() {
        posixTimers.overruns = [:]
        dt_signals_forget_timers()
    }
}
