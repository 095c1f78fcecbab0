// execve in a process with several threads, as Linux's de_thread: every other thread ends
// without running more target code, and the new image runs with one thread, the leader, whose
// tid is the process's pid. When a thread other than the leader execs, the new image is handed
// to the leader's host thread (its host tid is the pid), so gettid, tgkill and /proc/self/task
// stay native in the new image.
import CKVM
import Foundation
import Glibc

/// What the exec'ing thread passes to the leader: the new image's first registers, and what
/// of the thread survives exec (its signal mask and seccomp filters).
struct ExecHandoff {
    var regs: dt_regs
    var mask: UInt64
    var seccomp: [SeccompFilter]
    var seccompStrict: Bool
    var tscMode: UInt32
    var fromTid: Int32
    /// The thread's execve line, held: the leader ends it with `<... execve resumed>) = 0`.
    var execLine: HeldExecLine?
    /// Signals sent to the exec'ing thread alone and still pending: they stay pending.
    var pending: [(Int32, SignalInfo)]
}

/// How the leader's host thread, idle after exit(2) or superseded by an exec, wakes up.
enum LeaderWake {
    case ended(TargetExit)
    case tookOver(dt_regs)
}

extension Tracer {
    /// True (lock held) when another thread is exec'ing and this one must vanish.
    var supersededByExec: Bool {
        guard let t = execingTask else { return false }
        return t !== task
    }

    /// The exec'ing thread (lock held), past the point of no return: kicks every other thread
    /// out of the guest or its host syscall and waits until they are gone and the leader, if
    /// it is another thread, waits to take the new image over. Kicks repeat: one can be lost
    /// while a thread is between two KVM_RUNs.
    func endOtherThreads() {
        let me = task
        guard tasks.contains(where: { $0 !== me }) || me !== mainTask else { return }
        execingTask = me
        otherThreadsEnding.store(true, ordering: .sequentiallyConsistent)
        while tasks.contains(where: { $0 !== me }) || (me !== mainTask && !mainParked) {
            for t in tasks where t !== me { _ = dt_kick_thread(t.tid) }
            _ = lock.wait(until: Date(timeIntervalSinceNow: 0.005))
        }
        otherThreadsEnding.store(false, ordering: .sequentiallyConsistent)
    }

    /// A thread told to vanish (lock held): it leaves the task list; a thread other than the
    /// leader ends as the kernel reports it, exited with 0. The leader's host thread stays,
    /// idle, for the exec'ing thread to hand the new image to.
    func vanishForExec() {
        let t = task
        t.stopTakingSignals()
        dt_signals_discard_thread()
        tasks.removeAll { $0 === t }
        if t !== mainTask {
            noteExited(0, ending: 1)
            if let cpu = t.vcpu {
                dt_vcpu_release(cpu)
                t.vcpu = nil
            }
        }
        lock.broadcast()
    }

    /// The exec'ing thread, not the leader (lock held), once the new image is loaded: the
    /// leader takes over with it; this thread's vCPU is freed and its host thread ends.
    func handExecToLeader(_ regs: dt_regs) {
        let t = task
        t.stopTakingSignals()
        var pending: [(Int32, SignalInfo)] = []
        let own = dt_signals_thread_pending()
        for sig in Int32(1)...64 where own & (1 << UInt64(sig - 1)) != 0 {
            var info = SignalInfo()
            while info.bytes.withUnsafeMutableBytes({ dt_signal_take_thread(sig, $0.baseAddress) }) != 0 { pending.append((sig, info)) }
        }
        execHandoff = ExecHandoff(regs: regs, mask: t.mask, seccomp: t.seccomp, seccompStrict: t.seccompStrict, tscMode: t.tscMode,
                                  fromTid: t.tid, execLine: heldExecLine, pending: pending)
        heldExecLine = nil
        live?.releaseExec(pidChangedTo: shownPid)
        // This thread is no task any more (the leader, counted already, runs the new image):
        // with one task left the lines lose their [pid N] prefix, as strace's.
        liveTasks?.add(-1)
        execingTask = nil
        if let cpu = t.vcpu {
            dt_vcpu_release(cpu)
            t.vcpu = nil
        }
        tasks = mainTask.map { [$0] } ?? []
        lock.broadcast()
    }

    /// The leader's host thread with no target thread to run (lock held): after exit(2) it
    /// waits, as a zombie leader does, for the last thread to end the process; or another
    /// thread's exec hands it the new image.
    func awaitAsIdleLeader() -> LeaderWake {
        blockAllHostSignals()
        task.hostMask = ~0
        mainParked = true
        lock.broadcast()
        while processEnd == nil && execHandoff == nil { lock.wait() }
        mainParked = false
        guard let h = execHandoff else {
            let end = processEnd!
            if leaderExitUnreported, case .exited(let status) = end {
                leaderExitUnreported = false
                noteExited(status, ending: 1)
            }
            return .ended(end)
        }
        execHandoff = nil
        leaderExitUnreported = false
        let t = task
        t.mask = h.mask
        t.seccomp = h.seccomp
        t.seccompStrict = h.seccompStrict
        t.tscMode = h.tscMode
        enableCPUIDForExec(t)
        applyTSCMode(t)
        t.suspendedMask = nil
        t.altstack = (0, 2, 0)
        t.clearChildTid = 0
        t.robustList = 0
        t.startTakingSignals()
        syncHostMask()
        for (sig, info) in h.pending { info.bytes.withUnsafeBytes { dt_signal_queue_thread(sig, $0.baseAddress) } }
        if !tasks.contains(where: { $0 === t }) { tasks.append(t) }
        if let cpu = t.vcpu {
            dt_vcpu_set_fs_base(cpu, 0)
            dt_vcpu_set_gs_base(cpu, 0)
            _ = dt_vcpu_reset_xstate(cpu)
        }
        let now = nowNanoseconds()
        note("+++ superseded by execve in pid \(h.fromTid) +++", level: Tracer.threadExecveLevel, time: now)
        if let held = h.execLine { showResumedExec(held, time: now) }
        return .tookOver(h.regs)
    }

    /// Runs the calling thread's vCPU until the process ends (the end), or until only this
    /// thread ended (nil). The leader's host thread lives on when its target thread is gone.
    func runTask() throws(DunetraceError) -> TargetExit? {
        while true {
            if let end = try loop() { return end }
            guard task === mainTask else { return nil }
            lock.lock()
            let wake = awaitAsIdleLeader()
            lock.unlock()
            switch wake {
            case .ended(let end): return end
            case .tookOver(let regs):
                var first = regs
                guard let cpu = vcpu, dt_vcpu_resume(cpu, &first, 1) == 0 else {
                    throw .vm(String(cString: dt_vm_error(vm)))
                }
                task.seenGeneration = space.generation
            }
        }
    }
}
