// fork, vfork, clone (without CLONE_VM threads) and execve. A forked target is a forked
// dunetrace: the host fork copies the target's memory at the same addresses, and the child
// builds its own VM over that copy (KVM refuses a VM across fork), then goes on tracing into
// the same output. execve replaces the image inside the same process and VM.
import CKVM
import Foundation
import Glibc
import Synchronization

// clone flags, for fork and vfork here and for threads in Threads.swift.
let CLONE_VM: UInt64 = 0x100
let CLONE_VFORK: UInt64 = 0x4000
let CLONE_THREAD: UInt64 = 0x10000
let CLONE_SETTLS: UInt64 = 0x80000
let CLONE_PARENT_SETTID: UInt64 = 0x10_0000
let CLONE_CHILD_CLEARTID: UInt64 = 0x20_0000
let CLONE_CHILD_SETTID: UInt64 = 0x100_0000
/// The flags a process clone may carry and dunetrace honours (the rest would need namespaces
/// or a shared table dunetrace does not emulate yet).
private let supportedCloneFlags: UInt64 = 0xff | CLONE_VM | CLONE_VFORK | 0x800 /* CLONE_SIGHAND */ |
    CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | CLONE_PIDFD

extension Tracer {
    func clone(_ a: SyscallArgs, regs: inout dt_regs) -> Emulation {
        var extras = CloneExtras()
        if a.a0 & CLONE_PIDFD != 0 {
            // clone's pidfd goes where the parent's tid would: both at once are refused.
            guard a.a0 & CLONE_PARENT_SETTID == 0 else { return .result(-Int64(EINVAL)) }
            extras.pidfdAddress = a.a2
        }
        return clone(a, extras: extras, regs: &regs)
    }

    private func clone(_ a: SyscallArgs, extras: CloneExtras, regs: inout dt_regs) -> Emulation {
        let flags = a.a0
        if flags & CLONE_PIDFD != 0 && flags & CLONE_DETACHED != 0 { return .result(-Int64(EINVAL)) }
        if flags & CLONE_THREAD != 0 || (flags & CLONE_VM != 0 && flags & CLONE_VFORK == 0) {
            // A thread (CLONE_VM without CLONE_THREAD is a process sharing memory: not yet).
            return flags & CLONE_THREAD != 0 ? spawnThread(a, extras: extras, regs: regs) : .result(-Int64(ENOSYS))
        }
        guard flags & ~supportedCloneFlags == 0 else { return .result(-Int64(ENOSYS)) }
        // CLONE_VM|CLONE_VFORK (posix_spawn, vfork-style spawns) runs as a vfork with a copy of
        // memory: the child only execs or exits, and the parent waits for that, as natively.
        return fork(vfork: flags & CLONE_VFORK != 0, flags: flags, args: a, extras: extras, regs: &regs)
    }

    /// clone3: the same, from struct clone_args (the child's stack pointer is stack + size).
    func clone3(_ a: SyscallArgs, regs: inout dt_regs) -> Emulation {
        guard a.a1 >= 64, a.a1 <= 4096 else { return .result(-Int64(EINVAL)) }
        guard let raw = memory.read(a.a0, count: min(Int(a.a1), 88)) else { return .result(-Int64(EFAULT)) }
        func field(_ i: Int) -> UInt64 { i * 8 + 8 <= raw.count ? raw.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self) } : 0 }
        let flags = field(0), exitSignal = field(4), stack = field(5), stackSize = field(6)
        guard exitSignal < 65 else { return .result(-Int64(EINVAL)) }
        // A cgroup to start in is not emulated: refused, glibc then falls back to clone.
        guard flags & 0x2_0000_0000 == 0 else { return .result(-Int64(ENOSYS)) }
        var extras = CloneExtras()
        if flags & CLONE_PIDFD != 0 { extras.pidfdAddress = field(1) }
        if let e = extras.choosePid(array: field(8), count: field(9), memory: memory) { return .result(-Int64(e)) }
        let top = stack != 0 ? stack &+ stackSize : 0
        return clone(SyscallArgs(flags | exitSignal, top, field(3), field(2), field(7), 0), extras: extras, regs: &regs)
    }

    /// The child's pid in the parent; in the child (whose VM is new by then) rax = 0 and no
    /// line, as strace shows the call once, in the parent.
    func fork(vfork: Bool, flags: UInt64 = 17 /* SIGCHLD */, args a: SyscallArgs, extras fixedExtras: CloneExtras = CloneExtras(),
              regs: inout dt_regs) -> Emulation {
        guard let oldCPU = vcpu else { return .result(-Int64(EAGAIN)) }
        var extras = fixedExtras
        if let e = extras.reservePidfd(space: space) { return .result(-Int64(e)) }
        // The child cannot use the parent's vCPU, so its state is read here first.
        let fsBase = dt_vcpu_fs_base(oldCPU), gsBase = dt_vcpu_gs_base(oldCPU)
        // ...and its FPU/SSE/AVX state, which a fork copies (MXCSR, x87 control word, vectors).
        var xsave = [UInt8](repeating: 0, count: 4096)
        let hasXsave = xsave.withUnsafeMutableBytes { dt_vcpu_get_xsave(oldCPU, $0.baseAddress) } == 0
        var done: [Int32] = [-1, -1]
        if vfork {
            guard dt_pipe_cloexec(&done) == 0 else {
                let e = errno
                extras.releasePidfd()
                return .result(-Int64(e))
            }
            done = done.map { dt_fd_move_high($0) }
        }
        // No other thread may hold the tracer lock across the fork (the child would inherit
        // it locked) or be halfway through changing what the child copies.
        lock.lock()
        if supersededByExec {
            // Another thread's execve ends this one: no child.
            lock.unlock()
            if vfork { close(done[0]); close(done[1]) }
            extras.releasePidfd()
            return .result(-Int64(EINTR))
        }
        if let e = extras.prepareChosenPid() {
            lock.unlock()
            if vfork { close(done[0]); close(done[1]) }
            extras.releasePidfd()
            return .result(-Int64(e))
        }
        live?.flush()  // or the child would write the parent's buffered lines again
        recorder?.beforeFork()
        // No handler may run in the child before its pending signals are reset: another
        // thread may hold their lock at the fork.
        blockAllHostSignals()
        let child = Glibc.fork()
        if child != 0 {
            dt_signals_set_host_mask(task.hostMask)
            recorder?.afterForkInParent()
            lock.unlock()
        }
        if child == 0 { space.reserveUninherited() }
        if child == 0, let chosen = extras.chosenPid, getpid() != chosen { Glibc._exit(0) }  // not the pid asked for
        if child > 0, let chosen = extras.chosenPid, child != chosen {
            // Another process took the pid first: as natively, it is in use.
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0 && errno == EINTR {}
            if vfork { close(done[0]); close(done[1]) }
            extras.releasePidfd()
            return .result(-Int64(EEXIST))
        }
        if child < 0 {
            let e = errno
            if vfork { close(done[0]); close(done[1]) }
            extras.releasePidfd()
            return .result(-Int64(e))
        }
        if child == 0 {
            extras.releasePidfd()  // the parent's, not the child's
            becomeChild(oldCPU: oldCPU, fsBase: fsBase, gsBase: gsBase, flags: flags, args: a, regs: &regs)
            if hasXsave, let cpu = vcpu { _ = xsave.withUnsafeBytes { dt_vcpu_set_xsave(cpu, $0.baseAddress) } }
            if vfork { close(done[0]); vforkDoneFD = done[1] }
            regs.rax = 0
            return .done
        }
        prefixPid = true
        // Known before the parent's next call can ask (setpgid): it runs the parent's image, not exec'd.
        runningImages?.set(pid: child, path: executablePath, execed: false)
        if flags & CLONE_PARENT_SETTID != 0 { storeTid(child, at: a.a2) }
        extras.storePidfd(for: child, thread: false)
        if vfork {
            // The parent sleeps until the child execs or exits: both close the pipe's write end.
            close(done[1])
            var byte: UInt8 = 0
            while Glibc.read(done[0], &byte, 1) < 0 && errno == EINTR && !otherThreadsEnding.load(ordering: .relaxed) {}
            close(done[0])
        }
        return .result(Int64(child))
    }

    private func becomeChild(oldCPU: OpaquePointer, fsBase: UInt64, gsBase: UInt64, flags: UInt64,
                             args a: SyscallArgs, regs: inout dt_regs) {
        // Only the forking thread exists in the child, as natively.
        lock = NSCondition()
        tasks = [task]
        mainTask = task
        mainParked = false
        isForkedChild = true
        prefixPid = true
        dt_signals_after_fork()
        forgetTimersAfterFork()
        dt_signals_set_host_mask(task.hostMask)
        let parent = pid
        pid = getpid()
        tid = pid
        recorder?.afterFork()
        recorder?.processStarted(pid: pid, ppid: parent, time: nowNanoseconds(), executable: executablePath, argv: procView.argv)
        var err = [CChar](repeating: 0, count: 256)
        guard let newVM = dt_vm_create(&err, err.count) else {
            processFailure("cannot create the child's VM: \(String(cString: err))")
        }
        let oldVM = vm
        space.forgetUninherited()
        space.rebind(to: newVM)
        let rsp = flags & CLONE_VM != 0 && a.a1 != 0 ? a.a1 : regs.rsp
        guard let cpu = dt_vcpu_create(newVM, regs.rip, rsp) else {
            processFailure("cannot create the child's vCPU: \(String(cString: dt_vm_error(newVM)))")
        }
        dt_vcpu_set_fs_base(cpu, flags & CLONE_SETTLS != 0 ? a.a4 : fsBase)
        dt_vcpu_set_gs_base(cpu, gsBase)
        dt_vcpu_destroy(oldCPU)
        dt_vm_destroy(oldVM)
        vm = newVM
        vcpu = cpu
        regs.rsp = rsp
        if flags & CLONE_CHILD_SETTID != 0 { storeTid(pid, at: a.a3) }
    }

    /// The process cannot go on (no VM): one line, the trace closed, exit 1.
    func processFailure(_ message: String) -> Never {
        live?.flush()
        recorder?.close()
        writeLine(2, "dunetrace: [pid \(getpid())] \(message)")
        Glibc._exit(1)
    }

    // MARK: execve

    func execve(_ nr: Int, _ a: SyscallArgs, path: UInt64, argv: UInt64, envp: UInt64,
                regs: inout dt_regs) -> Emulation {
        guard let pathBytes = memory.readCString(path, max: 4096), pathBytes.complete else {
            return .result(-Int64(path == 0 ? EFAULT : ENAMETOOLONG))
        }
        guard let args = readStringArray(argv), let env = readStringArray(envp) else { return .result(-Int64(EFAULT)) }
        let requested = String(decoding: pathBytes.bytes, as: UTF8.self)
        if requested.isEmpty { return .result(-Int64(ENOENT)) }
        // /proc/self/exe is the target's executable, not dunetrace.
        let file = procSelfEntry(requested) == "exe" ? executablePath : requested
        let prepared: ProgramLoader.Prepared
        do {
            prepared = try ProgramLoader.prepare(path: file, argv: args)
        } catch {
            return .result(-Int64(execErrno(error)))
        }
        // The point of no return. The line is printed now, while its strings (and -k: the
        // code its stack names) still exist.
        record(nr, a, 0, nowNanoseconds(), stack: options.filter.traces(nr) ? stackLines(regs) : nil)
        endOtherThreads()
        space.releaseAll()
        do {
            space = try AddressSpace(vm: vm)
            if !options.recordPageFaults { space.mapEagerly() }
            let loaded = try ProgramLoader(space: space).load(prepared, envp: env)
            executablePath = realPath(loaded.executablePath)
            runningImages?.set(pid: pid, path: executablePath, execed: true)
            procView = ProcSelfView(argv: loaded.argv, envp: env, auxv: loaded.auxv)
            recorder?.processStarted(pid: pid, ppid: getppid(), time: nowNanoseconds(), executable: prepared.path, argv: loaded.argv)
            regs = dt_regs()
            regs.rip = loaded.entry
            regs.rsp = loaded.stackPointer
            regs.rflags = 0x202
        } catch {
            note("dunetrace: execve failed after the old image was gone: \(error)", level: 0)
            return .killed(SIGSEGV, SignalInfo(signo: SIGSEGV, code: 0x80, address: 0))
        }
        signals.resetForExec()
        deleteTimersForExec()
        closeOnExecDescriptors()
        if vforkDoneFD >= 0 { close(vforkDoneFD); vforkDoneFD = -1 }
        let name = (requested as NSString).lastPathComponent  // comm: the name exec was given
        _ = dt_set_process_name(name)
        if task !== mainTask {
            handExecToLeader(regs)
            return .execHandedOver
        }
        execingTask = nil
        if let cpu = vcpu {
            dt_vcpu_set_fs_base(cpu, 0)
            dt_vcpu_set_gs_base(cpu, 0)
            _ = dt_vcpu_reset_xstate(cpu)
        }
        task.altstack = (0, 2, 0)
        task.clearChildTid = 0
        task.robustList = 0
        return .done
    }

    /// A NULL-terminated array of string pointers in target memory (NULL itself is empty).
    private func readStringArray(_ p: UInt64) -> [String]? {
        if p == 0 { return [] }
        var out: [String] = []
        var at = p
        while out.count < 1 << 16 {
            guard let word = memory.read(at, count: 8) else { return nil }
            let ptr = word.withUnsafeBytes { $0.load(as: UInt64.self) }
            if ptr == 0 { return out }
            guard let s = memory.readCString(ptr, max: 1 << 17), s.complete else { return nil }
            out.append(String(decoding: s.bytes, as: UTF8.self))
            at += 8
        }
        return nil
    }

    private func execErrno(_ error: DunetraceError) -> Int32 {
        switch error {
        case .notFound: ENOENT
        case .permissionDenied: EACCES
        case .notExecutable(_, let reason): reason == "is a directory" || reason == "not a regular file" ? EACCES : ENOEXEC
        default: EIO
        }
    }

    /// The target's close-on-exec descriptors close at exec, as the kernel's exec would do.
    private func closeOnExecDescriptors() {
        guard let dir = opendir("/proc/self/fd") else { return }
        defer { closedir(dir) }
        let own = dirfd(dir)
        var toClose: [Int32] = []
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard let fd = Int32(name), fd != own, Int64(fd) < guardRules.reservedFdBase else { continue }
            if fcntl(fd, F_GETFD) & FD_CLOEXEC != 0 { toClose.append(fd) }
        }
        for fd in toClose { close(fd) }
    }
}
