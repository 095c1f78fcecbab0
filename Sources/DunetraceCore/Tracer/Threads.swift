// Threads of the target: clone with CLONE_VM|CLONE_THREAD starts a host thread with a vCPU of
// its own in the same VM (the same memory: the host threads share it as the target's do).
// exit(2) ends one thread, waking its CLONE_CHILD_CLEARTID futex as pthread_join expects;
// vCPUs of finished threads are freed and reused.
import CKVM
import Foundation
import Glibc

private let FUTEX_WAKE: UInt64 = 1

extension Tracer {
    /// Starts the thread and returns its tid once it exists, as clone returns in the parent.
    func spawnThread(_ a: SyscallArgs, extras fixedExtras: CloneExtras, regs: dt_regs) -> Emulation {
        let flags = a.a0
        guard let parentCPU = vcpu else { return .result(-Int64(EAGAIN)) }
        var extras = fixedExtras
        lock.lock()
        let reserveError = extras.reservePidfd(space: space)
        lock.unlock()
        if let e = reserveError { return .result(-Int64(e)) }
        let chosenTid = extras.chosenPid
        let child = TaskState(tid: 0)
        lock.lock()
        child.mask = task.mask
        child.hostMask = task.hostMask  // a new host thread starts with its creator's mask
        child.seccomp = task.seccomp
        child.seccompStrict = task.seccompStrict
        child.tscMode = task.tscMode
        child.cpuidFaults = task.cpuidFaults
        child.trap = task.trap
        let fsBase = flags & CLONE_SETTLS != 0 ? a.a4 : dt_vcpu_fs_base(parentCPU)
        let gsBase = dt_vcpu_gs_base(parentCPU)
        lock.unlock()
        var startRegs = regs
        startRegs.rax = 0
        if a.a1 != 0 { startRegs.rsp = a.a1 }
        let childRegs = startRegs
        let started = DispatchSemaphore(value: 0)
        let body = { [self] in
            child.makeCurrent()
            child.tid = Int32(truncatingIfNeeded: dt_host_syscall(Int64(SyscallNumber.gettid), 0, 0, 0, 0, 0, 0))
            child.tracerTid = PidNamespaces.tracerTidIfElsewhere()
            lock.lock()
            child.startTakingSignals()
            syncHostMask()
            if let chosen = chosenTid, child.tid != chosen {
                // Another task took the tid first: as natively, it is in use.
                child.tid = -Int32(EEXIST)
                child.stopTakingSignals()
                lock.unlock()
                started.signal()
                return
            }
            if execingTask != nil {
                // Another thread is exec'ing: the process is about to have one thread.
                child.tid = -Int32(EAGAIN)
                child.stopTakingSignals()
                lock.unlock()
                started.signal()
                return
            }
            guard let cpu = dt_vcpu_create(vm, childRegs.rip, childRegs.rsp) else {
                writeLine(2, ProgramName.prefix + "no vCPU for a new thread: \(String(cString: dt_vm_error(vm)))")
                child.tid = -Int32(EAGAIN)
                child.stopTakingSignals()
                lock.unlock()
                started.signal()
                return
            }
            child.vcpu = cpu
            applyTSCMode(child)
            tasks.append(child)
            dt_vcpu_set_fs_base(cpu, fsBase)
            dt_vcpu_set_gs_base(cpu, gsBase)
            if flags & CLONE_PARENT_SETTID != 0 { storeTid(child.tid, at: a.a2) }
            if flags & CLONE_CHILD_SETTID != 0 { storeTid(child.tid, at: a.a3) }
            if flags & CLONE_CHILD_CLEARTID != 0 { child.clearChildTid = a.a3 }
            prefixPid = true
            lock.unlock()
            started.signal()
            var first = childRegs
            dt_vcpu_resume(cpu, &first, 0)
            threadMain()
        }
        if let e = extras.prepareChosenPid() {
            extras.releasePidfd()
            return .result(-Int64(e))
        }
        liveTasks?.add(1)
        let made = HostThread.start(stackSize: 1 << 20, body)
        if made != 0 {
            // The kernel's answer to the target's clone, as natively.
            liveTasks?.add(-1)
            extras.releasePidfd()
            return .result(-Int64(made))
        }
        started.wait()
        if child.tid < 0 {
            liveTasks?.add(-1)
            extras.releasePidfd()
        } else {
            extras.storePidfd(for: child.tid, thread: true)
        }
        return .result(Int64(child.tid))
    }

    private func threadMain() {
        let end: TargetExit?
        do {
            end = try runTask()
        } catch {
            waitIfProcessEnding()
            writeLine(2, ProgramName.prefix + "[pid \(tid)] \(error)")
            Glibc._exit(1)
        }
        guard let end else { return }  // only this thread ended
        lock.lock()
        if mainParked {
            // The leader already left with exit(2): the process's end is this thread's.
            processEnd = end
            lock.broadcast()
            lock.unlock()
            return
        }
        lock.unlock()
        // exit_group or a fatal signal in a thread ends every thread, the leader included.
        processEnding.store(true, ordering: .sequentiallyConsistent)
        releaseRobustFutexesOfAllThreads()
        if isForkedChild { endForkedChild(end) }
        printStats()
        live?.flush()
        recorder?.close()
        Glibc._exit(end.status)
    }

    /// CLONE_PARENT_SETTID / CLONE_CHILD_SETTID: the new task's id into target memory.
    func storeTid(_ tid: Int32, at address: UInt64) {
        guard address != 0, space.isAccessible(address, 4, prot: PROT_WRITE) else { return }
        TargetAccess.store(tid, at: address)
    }

    /// The calling thread ends (lock held): its clear_child_tid is zeroed and woken, its vCPU
    /// freed. Returns true if other threads go on, false if it was the last one.
    func endThread() -> Bool {
        let t = task
        t.stopTakingSignals()
        dt_signals_discard_thread()
        releaseRobustFutexes(t)
        if t.clearChildTid != 0 && space.isAccessible(t.clearChildTid, 4, prot: PROT_WRITE) {
            TargetAccess.store(Int32(0), at: t.clearChildTid)
            _ = dt_host_syscall(Int64(SyscallNumber.futex), t.clearChildTid, FUTEX_WAKE, 1, 0, 0, 0)
        }
        tasks.removeAll { $0 === t }
        if t !== mainTask, let cpu = t.vcpu {
            dt_vcpu_release(cpu)
            t.vcpu = nil
        }
        return !tasks.isEmpty
    }

    /// At the process's end (exit_group, a fatal signal): every thread's robust futexes, as
    /// each thread's exit releases them natively (a process-shared robust mutex held by a child
    /// that exits is EOWNERDEAD for the parent, not held for ever).
    func releaseRobustFutexesOfAllThreads() {
        lock.lock()
        for t in tasks { releaseRobustFutexes(t) }
        lock.unlock()
    }

    /// As the kernel at thread exit: every robust futex still held by the thread is marked
    /// FUTEX_OWNER_DIED and one waiter woken, so a robust mutex's next owner sees EOWNERDEAD.
    private func releaseRobustFutexes(_ t: TaskState) {
        guard t.robustList != 0, let head = memory.read(t.robustList, count: 24) else { return }
        func word(_ b: [UInt8], _ i: Int) -> UInt64 { b.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self) } }
        let offset = Int64(bitPattern: word(head, 1))
        var entries: [UInt64] = []
        var entry = word(head, 0)
        while entry != t.robustList && entry != 0 && entries.count < 2048 {  // the kernel's limit
            entries.append(entry & ~1)
            guard let next = memory.read(entry & ~1, count: 8) else { break }
            entry = word(next, 0)
        }
        let pending = word(head, 2)
        if pending != 0 { entries.append(pending & ~1) }
        for e in entries {
            let futex = UInt64(bitPattern: Int64(bitPattern: e) &+ offset)
            guard space.isAccessible(futex, 4, prot: PROT_WRITE) else { continue }
            guard let value = TargetAccess.load(futex, as: UInt32.self), value & 0x3fff_ffff == UInt32(bitPattern: t.tid) else { continue }
            TargetAccess.store((value & 0x8000_0000) | 0x4000_0000, at: futex)  // keep FUTEX_WAITERS, set OWNER_DIED
            if value & 0x8000_0000 != 0 { _ = dt_host_syscall(Int64(SyscallNumber.futex), futex, FUTEX_WAKE, 1, 0, 0, 0) }
        }
    }
}

extension Tracer {
    /// Another thread is ending the process and has begun to let go of its descriptors (the
    /// vCPUs' among them): this thread's KVM_RUN failing is that end, not an error of its own.
    /// It waits here for the process's exit, which ends it, instead of reporting the failure
    /// and exiting with 1 first (the status the parent would then see).
    func waitIfProcessEnding() {
        guard processEnding.load(ordering: .sequentiallyConsistent) else { return }
        while true { pause() }
    }
}

