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
let CLONE_FS: UInt64 = 0x200
let CLONE_FILES: UInt64 = 0x400
let CLONE_SIGHAND: UInt64 = 0x800
let CLONE_VFORK: UInt64 = 0x4000
let CLONE_PARENT: UInt64 = 0x8000
let CLONE_THREAD: UInt64 = 0x10000
let CLONE_NEWNS: UInt64 = 0x20000
let CLONE_SETTLS: UInt64 = 0x80000
let CLONE_PARENT_SETTID: UInt64 = 0x10_0000
let CLONE_CHILD_CLEARTID: UInt64 = 0x20_0000
let CLONE_CHILD_SETTID: UInt64 = 0x100_0000
let CLONE_NEWUSER: UInt64 = 0x1000_0000
let CLONE_NEWPID: UInt64 = 0x2000_0000
let CLONE_NEWTIME: UInt64 = 0x80  // clone3 only: in clone the low byte is the exit signal
let CLONE_CLEAR_SIGHAND: UInt64 = 0x1_0000_0000
let CLONE_INTO_CGROUP: UInt64 = 0x2_0000_0000
/// What the host fork is given as is, for the kernel to decide (namespaces, a shared
/// cwd/umask/root, SysV semaphore undo, I/O context, another parent, a cgroup).
private let hostCloneFlags: UInt64 = CLONE_FS | CLONE_PARENT | CLONE_NEWNS | 0x40000 /* CLONE_SYSVSEM */ |
    0x0200_0000 /* CLONE_NEWCGROUP */ | 0x0400_0000 /* CLONE_NEWUTS */ | 0x0800_0000 /* CLONE_NEWIPC */ |
    CLONE_NEWUSER | CLONE_NEWPID | 0x4000_0000 /* CLONE_NEWNET */ | 0x8000_0000 /* CLONE_IO */ |
    CLONE_NEWTIME | CLONE_INTO_CGROUP
/// The flags a process clone may carry: emulated, handed to the host fork, or without effect
/// here as natively (CLONE_PTRACE untraced, CLONE_UNTRACED, CLONE_DETACHED). CLONE_FILES would
/// share dunetrace's own descriptor table with the child: not emulated.
private let supportedCloneFlags: UInt64 = CLONE_VM | CLONE_VFORK | CLONE_SIGHAND | CLONE_SETTLS |
    CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | CLONE_PIDFD | CLONE_CLEAR_SIGHAND |
    hostCloneFlags | 0x2000 /* CLONE_PTRACE */ | 0x80_0000 /* CLONE_UNTRACED */ | CLONE_DETACHED

extension Tracer {
    /// clone(2): only the low 32 bits of flags count, and their low byte is the exit signal.
    func clone(_ a: SyscallArgs, regs: inout dt_regs) -> Emulation {
        var extras = CloneExtras()
        extras.exitSignal = a.a0 & 0xff
        let flags = a.a0 & 0xffff_ff00
        // clone's pidfd goes where the parent's tid would: both at once are refused.
        if flags & CLONE_PIDFD != 0 {
            guard flags & CLONE_PARENT_SETTID == 0 else { return .result(-Int64(EINVAL)) }
            extras.pidfdAddress = a.a2
        }
        return clone(SyscallArgs(flags, a.a1, a.a2, a.a3, a.a4, a.a5), extras: extras, regs: &regs)
    }

    /// copy_process's checks of the flags alone, in its order: the errno, or nil.
    private func cloneFlagsError(_ flags: UInt64) -> Int32? {
        if flags & (CLONE_NEWNS | CLONE_FS) == CLONE_NEWNS | CLONE_FS { return EINVAL }
        if flags & (CLONE_NEWUSER | CLONE_FS) == CLONE_NEWUSER | CLONE_FS { return EINVAL }
        if flags & CLONE_THREAD != 0 && flags & CLONE_SIGHAND == 0 { return EINVAL }
        if flags & CLONE_SIGHAND != 0 && flags & CLONE_VM == 0 { return EINVAL }
        if flags & CLONE_THREAD != 0 && flags & (CLONE_NEWUSER | CLONE_NEWPID) != 0 { return EINVAL }
        if flags & CLONE_PIDFD != 0 && flags & CLONE_DETACHED != 0 { return EINVAL }
        return nil
    }

    private func clone(_ a: SyscallArgs, extras: CloneExtras, regs: inout dt_regs) -> Emulation {
        let flags = a.a0
        if let e = cloneFlagsError(flags) { return .result(-Int64(e)) }
        if flags & CLONE_THREAD != 0 { return spawnThread(a, extras: extras, regs: regs) }
        // CLONE_VM without CLONE_THREAD or CLONE_VFORK is a process running beside its parent
        // in the same memory: not emulated, refused before anything happens.
        if flags & CLONE_VM != 0 && flags & CLONE_VFORK == 0 { return .result(-Int64(ENOSYS)) }
        guard flags & ~supportedCloneFlags == 0 else { return .result(-Int64(ENOSYS)) }
        if flags & CLONE_INTO_CGROUP != 0 && guardRules.isReservedFd(extras.cgroup) { return .result(-Int64(EBADF)) }
        // CLONE_VM|CLONE_VFORK (posix_spawn, vfork-style spawns) runs as a vfork with a copy of
        // memory: the child only execs or exits, and the parent waits for that, as natively.
        return fork(vfork: flags & CLONE_VFORK != 0, flags: flags, args: a, extras: extras, regs: &regs)
    }

    /// clone3: struct clone_args, checked in the kernel's order (copy_clone_args_from_user,
    /// clone3_args_valid); the child's stack pointer is stack + stack_size.
    func clone3(_ a: SyscallArgs, regs: inout dt_regs) -> Emulation {
        // Read under the lock: other threads change the address-space model the reads consult.
        lock.lock()
        let parsed = clone3Arguments(a)
        lock.unlock()
        switch parsed {
        case .failure(let e): return .result(-Int64(e.errno))
        case .success(let (args, extras)): return clone(args, extras: extras, regs: &regs)
        }
    }

    private struct CloneError: Error { let errno: Int32 }

    private func clone3Arguments(_ a: SyscallArgs) -> Result<(SyscallArgs, CloneExtras), CloneError> {
        func fail(_ e: Int32) -> Result<(SyscallArgs, CloneExtras), CloneError> { .failure(CloneError(errno: e)) }
        let size = a.a1, known: UInt64 = 88  // struct clone_args, CLONE_ARGS_SIZE_VER2
        guard size <= 4096 else { return fail(E2BIG) }
        guard size >= 64 else { return fail(EINVAL) }
        if size > known {
            // A larger struct from a newer libc is fine while what this kernel lacks is zero.
            // check_zeroed_user: aligned word by word, so a non-zero byte before an
            // unreadable one is E2BIG, not EFAULT.
            let start = a.a0 &+ known, end = a.a0 &+ size
            var word = start & ~7
            while word < end {
                guard let bytes = memory.read(word, count: 8) else { return fail(EFAULT) }
                for (k, byte) in bytes.enumerated() where byte != 0 && word &+ UInt64(k) >= start && word &+ UInt64(k) < end {
                    return fail(E2BIG)
                }
                word &+= 8
            }
        }
        guard let raw = memory.read(a.a0, count: Int(min(size, known))) else { return fail(EFAULT) }
        func field(_ i: Int) -> UInt64 { i * 8 + 8 <= raw.count ? raw.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self) } : 0 }
        let flags = field(0), exitSignal = field(4), stack = field(5), stackSize = field(6)
        let setTid = field(8), setTidSize = field(9), cgroup = field(10)
        guard setTidSize <= 32, setTid != 0 || setTidSize == 0, setTid == 0 || setTidSize != 0 else { return fail(EINVAL) }
        guard exitSignal <= 64 else { return fail(EINVAL) }
        if flags & CLONE_INTO_CGROUP != 0 && (cgroup > UInt64(Int32.max) || size < known) { return fail(EINVAL) }
        if setTid != 0 && memory.read(setTid, count: Int(setTidSize) * 4) == nil { return fail(EFAULT) }
        // clone3_args_valid.
        guard flags & ~(0xffff_ffff | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP) == 0,
              flags & (CLONE_DETACHED | (0xff & ~CLONE_NEWTIME)) == 0,
              flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND) != CLONE_SIGHAND | CLONE_CLEAR_SIGHAND,
              flags & (CLONE_THREAD | CLONE_PARENT) == 0 || exitSignal == 0,
              stack == 0 ? stackSize == 0 : stackSize != 0 && stackSize <= 0x7fff_ffff_f000 && stack <= 0x7fff_ffff_f000 - stackSize
        else { return fail(EINVAL) }
        // kernel_clone: the pidfd and the parent's tid at one address.
        if flags & CLONE_PIDFD != 0 && flags & CLONE_PARENT_SETTID != 0 && field(1) == field(3) { return fail(EINVAL) }
        var extras = CloneExtras()
        extras.exitSignal = exitSignal
        extras.cgroup = cgroup
        if flags & CLONE_PIDFD != 0 { extras.pidfdAddress = field(1) }
        if let e = cloneFlagsError(flags) { return fail(e) }
        if let e = extras.choosePid(array: setTid, count: setTidSize, memory: memory) { return fail(e) }
        let top = stack != 0 ? stack &+ stackSize : 0
        return .success((SyscallArgs(flags, top, field(3), field(2), field(7), 0), extras))
    }

    /// The child's pid in the parent; in the child (whose VM is new by then) rax = 0 and no
    /// line, as strace shows the call once, in the parent.
    func fork(vfork: Bool, flags: UInt64 = 0, args a: SyscallArgs, extras fixedExtras: CloneExtras = CloneExtras(),
              regs: inout dt_regs) -> Emulation {
        guard let oldCPU = vcpu else { return .result(-Int64(EAGAIN)) }
        var extras = fixedExtras
        lock.lock()
        let reserveError = extras.reservePidfd(space: space)
        lock.unlock()
        if let e = reserveError { return .result(-Int64(e)) }
        // The child cannot use the parent's vCPU, so its state is read here first.
        let fsBase = dt_vcpu_fs_base(oldCPU), gsBase = dt_vcpu_gs_base(oldCPU)
        // ...and its FPU/SSE/AVX state, which a fork copies (MXCSR, x87 control word, vectors).
        var xsave = [UInt8](repeating: 0, count: Int(dt_xsave_size()))
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
        // Flushed, or the child would write the parent's buffered lines again; held with the
        // descriptor table's lock, so no other thread leaves either locked in the child.
        live?.holdForFork()
        descriptors?.holdForFork()
        ForkSafeLock.holdAll()
        recorder?.beforeFork()
        // No handler may run in the child before its pending signals are reset: another
        // thread may hold their lock at the fork.
        blockAllHostSignals()
        let hostFlags = flags & hostCloneFlags
        let childFacts = reserveChildFacts()
        liveTasks?.add(1)  // before the child can print its first line
        let forkStart = dt_phase_now()
        // Exit signal SIGKILL: SIGURG on the host (KernelSentKill.swift), with the child's pid
        // known long before it can exit (a child's VM alone takes it a millisecond).
        let killSlot = extras.exitSignal == UInt64(SIGKILL) ? dt_kernel_kill_reserve_child() : -1
        let exitSignal = killSlot >= 0 ? KernelSentKill.hostExitSignal(extras.exitSignal) : extras.exitSignal
        let child = dt_host_fork(hostFlags, exitSignal, extras.cgroup, hostFlags & (CLONE_NEWTIME | CLONE_INTO_CGROUP) != 0 ? 1 : 0)
        if killSlot >= 0 && child != 0 { dt_kernel_kill_set_child(killSlot, child) }
        if child != 0 {
            childFactsAfterFork(childFacts, child: extras.chosenPid.map { $0 == child ? child : -1 } ?? child)
            if child > 0 { dt_phase_add(Int32(DT_PHASE_HOST_FORK), forkStart) }
            dt_signals_set_host_mask(task.hostMask)
            recorder?.afterForkInParent()
            ForkSafeLock.releaseAll(inChild: false)
            descriptors?.releaseAfterFork(inChild: false)
            live?.releaseAfterFork(inChild: false)
            lock.unlock()
        }
        if child == 0 {
            ForkSafeLock.releaseAll(inChild: true)
            descriptors?.releaseAfterFork(inChild: true)
            live?.releaseAfterFork(inChild: true)
            space.reserveUninherited()
        }
        if child == 0, let chosen = extras.chosenPid, getpid() != chosen { Glibc._exit(0) }  // not the pid asked for
        if child > 0, let chosen = extras.chosenPid, child != chosen {
            // Another process took the pid first: as natively, it is in use.
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0 && errno == EINTR {}
            liveTasks?.add(-1)
            if vfork { close(done[0]); close(done[1]) }
            extras.releasePidfd()
            return .result(-Int64(EEXIST))
        }
        if child < 0 {
            let e = errno
            liveTasks?.add(-1)
            if vfork { close(done[0]); close(done[1]) }
            extras.releasePidfd()
            return .result(-Int64(e))
        }
        if child == 0 {
            extras.releasePidfd()  // the parent's, not the child's
            becomeChild(oldCPU: oldCPU, fsBase: fsBase, gsBase: gsBase, flags: flags, args: a, regs: &regs, facts: childFacts)
            if hasXsave, let cpu = vcpu { _ = xsave.withUnsafeBytes { dt_vcpu_set_xsave(cpu, $0.baseAddress) } }
            if vfork { close(done[0]); vforkDoneFD = done[1] }
            regs.rax = 0
            return .done
        }
        prefixPid = true
        // While the child surely exists: its wait4 line comes after it is gone from /proc.
        if (options.pidNamespaceTranslation || recorder != nil) && task.tracerTid != nil {
            _ = PidNamespaces.inTracerNamespace(Int32(child), .task)
        }
        // Known before the parent's next call can ask (setpgid): it runs the parent's image, not exec'd.
        runningImages?.set(pid: child, path: executablePath, execed: false)
        if flags & CLONE_PARENT_SETTID != 0 {
            lock.lock()
            storeTid(child, at: a.a2)
            lock.unlock()
        }
        extras.storePidfd(for: child, thread: false)
        if vfork {
            // The parent sleeps until the child execs or exits: both close the pipe's write end,
            // after sending what the child wrote to memory a vfork shares.
            close(done[1])
            receiveVforkWrites(done[0])
            close(done[0])
        }
        return .result(Int64(child))
    }

    private func becomeChild(oldCPU: OpaquePointer, fsBase: UInt64, gsBase: UInt64, flags: UInt64,
                             args a: SyscallArgs, regs: inout dt_regs, facts: Int?) {
        // Only the forking thread exists in the child, as natively.
        lock = NSCondition()
        tasks = [task]
        mainTask = task
        mainParked = false
        isForkedChild = true
        mdwe = MemoryDenyWriteExecute.inherited(mdwe)
        prefixPid = true
        task.userDispatch = nil
        dt_signals_after_fork()
        forgetTimersAfterFork()
        dt_signals_set_host_mask(task.hostMask)
        let parent = shownPid
        pid = getpid()
        tid = pid
        adoptChildFacts(facts)
        let inTracerNamespace = task.tracerTid == nil && flags & UInt64(CLONE_NEWPID) == 0 && !PidNamespaces.childrenMayBeElsewhere
        task.tracerTid = inTracerNamespace ? nil : PidNamespaces.tracerTidIfElsewhere()
        if let base = options.separateOutput, options.followForks > 0 { openSeparateOutput(base) }
        recorder?.afterFork()
        recorder?.processStarted(pid: shownPid, ppid: parent, time: nowNanoseconds(), executable: executablePath, argv: procView.argv)
        task.commRecorded = false
        var err = [CChar](repeating: 0, count: 256)
        var phaseStart = dt_phase_now()
        guard let newVM = dt_vm_create(&err, err.count) else {
            processFailure("cannot create the child's VM: \(String(cString: err))")
        }
        dt_phase_add(Int32(DT_PHASE_CHILD_VM), phaseStart)
        phaseStart = dt_phase_now()
        let oldVM = vm
        space.forgetUninherited()
        space.rebind(to: newVM)
        if flags & CLONE_VM != 0 { startVforkSharing() }  // only a vfork gets here with CLONE_VM
        // A new stack, with or without CLONE_VM (glibc's clone(fn, stack, SIGCHLD, arg)).
        let rsp = a.a1 != 0 ? a.a1 : regs.rsp
        dt_phase_add(Int32(DT_PHASE_CHILD_MEMORY), phaseStart)
        phaseStart = dt_phase_now()
        guard let cpu = dt_vcpu_create(newVM, regs.rip, rsp) else {
            processFailure("cannot create the child's vCPU: \(String(cString: dt_vm_error(newVM)))")
        }
        dt_vcpu_set_fs_base(cpu, flags & CLONE_SETTLS != 0 ? a.a4 : fsBase)
        dt_vcpu_set_gs_base(cpu, gsBase)
        dt_vcpu_destroy(oldCPU)
        dt_vm_destroy(oldVM)
        dt_phase_add(Int32(DT_PHASE_CHILD_VCPU), phaseStart)
        vm = newVM
        vcpu = cpu
        applyTSCMode(task)
        regs.rsp = rsp
        if flags & CLONE_CHILD_SETTID != 0 { storeTid(pid, at: a.a3) }
        if flags & CLONE_CLEAR_SIGHAND != 0 { signals.resetForExec(); signals.syncHostDispositions() }  // the same reset as exec's
    }

    /// -ff: this process's lines go to BASE.PID, the parent's file closed here.
    private func openSeparateOutput(_ base: String) {
        guard let live else { return }
        let path = base + "." + String(shownPid)
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (options.appendOutput ? O_APPEND : O_TRUNC), 0o644)
        // The target's chroot or Landlock may forbid it: its lines stay in the parent's file.
        guard fd >= 0 else {
            writeLine(2, ProgramName.prefix + "\(path): \(String(cString: strerror(errno))); this process's lines go on in its parent's output")
            return
        }
        live.redirect(to: dt_fd_move_high(fd), name: path)
    }

    /// The process cannot go on (no VM): one line, the trace closed, exit 1.
    func processFailure(_ message: String) -> Never {
        live?.flush()
        recorder?.close()
        writeLine(2, ProgramName.prefix + "[pid \(getpid())] \(message)")
        Glibc._exit(1)
    }

    // MARK: execve

    /// execve, and execveat (dirfd and flags): the checks in the kernel's order (the path;
    /// opening the file; counting argv and envp; their size against the stack limit; copying
    /// the file name, envp and argv; then the binary formats).
    func execve(_ nr: Int, _ a: SyscallArgs, dirfd: Int32 = AT_FDCWD, path: UInt64, argv: UInt64, envp: UInt64,
                flags: UInt64 = 0, regs: inout dt_regs) -> Emulation {
        let AT_EMPTY_PATH: UInt64 = 0x1000, AT_SYMLINK_NOFOLLOW: UInt64 = 0x100
        var phaseStart = dt_phase_now()
        // getname: PATH_MAX with its NUL; an empty name only with AT_EMPTY_PATH.
        guard let pathBytes = memory.readCString(path, max: 4096) else { return .result(-Int64(EFAULT)) }
        guard pathBytes.complete else { return .result(-Int64(pathBytes.bytes.count == 4096 ? ENAMETOOLONG : EFAULT)) }
        if pathBytes.bytes.isEmpty && flags & AT_EMPTY_PATH == 0 { return .result(-Int64(ENOENT)) }
        guard flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) == 0 else { return .result(-Int64(EINVAL)) }
        let requested = RawPath.string(pathBytes.bytes)
        let opened: ExecFile
        switch openExecFile(dirfd: dirfd, path: requested, noFollow: flags & AT_SYMLINK_NOFOLLOW != 0) {
        case .failure(let e): return .result(-Int64(e.code))
        case .success(let f): opened = f
        }
        defer { close(opened.fd) }
        let strings: (argv: [String], envp: [String])
        switch readExecStrings(argv: argv, envp: envp, fileName: opened.name) {
        case .failure(let e): return .result(-Int64(e.code))
        case .success(let s): strings = s
        }
        let prepared: ProgramLoader.Prepared
        do {
            prepared = try ProgramLoader.prepare(path: "/proc/self/fd/\(opened.fd)", name: opened.name,
                                                 nameInaccessible: opened.nameInaccessible, argv: strings.argv)
        } catch {
            return .result(-Int64(execErrno(error)))
        }
        let env = strings.envp
        let name = opened.comm
        dt_phase_add(Int32(DT_PHASE_EXEC_PREPARE), phaseStart)
        // The point of no return. The line is printed now, while its strings (and -k: the
        // code its stack names) still exist.
        record(nr, a, 0, nowNanoseconds(), stack: options.filter.traces(nr) ? stackLines(regs) : nil)
        endOtherThreads()
        // The new name before the vfork parent resumes: its vfork line (-Y) names the program
        // the child runs, as strace's, not a race between the two.
        _ = RawPath.withCString(name) { dt_set_process_name($0) }
        // A thread other than the leader exec'd: the leader's host thread runs the new image
        // (ExecThreads.swift), and its name is the one the program reads.
        if let leader = mainTask, leader !== task {
            let fd = HostProc.open("/proc/self/task/\(leader.tid)/comm", O_WRONLY | O_CLOEXEC)
            if fd >= 0 {
                _ = RawPath.withCString(name) { Glibc.write(fd, $0, strlen($0)) }
                Glibc.close(fd)
            }
        }
        // What the kernel's exec resets in the credentials and the mm: SECBIT_KEEP_CAPS, and
        // the dumpable flag (back to 1 unless the program cannot be read: would_dump).
        _ = dt_host_syscall(157 /* prctl */, 8 /* PR_SET_KEEPCAPS */, 0, 0, 0, 0, 0)
        let readable = faccessat(opened.fd, "", R_OK, AT_EACCESS | 0x1000 /* AT_EMPTY_PATH */) == 0
        _ = dt_host_syscall(157, 4 /* PR_SET_DUMPABLE */, readable ? 1 : 0, 0, 0, 0, 0)
        endVfork()  // what a vfork child wrote reaches its parent while the memory is still here
        phaseStart = dt_phase_now()
        let reused = space.resetForExec()
        mdwe = MemoryDenyWriteExecute.inherited(mdwe)
        if !reused { space.releaseAll() }
        do {
            if !reused {
                space = try AddressSpace(vm: vm)
                publishSpace()
            }
            if options.approximatePageFaults { space.mapAheadTrackingTouches() } else if !options.recordPageFaults { space.mapEagerly() }
            dt_phase_add(Int32(DT_PHASE_EXEC_RELEASE), phaseStart)
            phaseStart = dt_phase_now()
            let loaded = try ProgramLoader(space: space).load(prepared, envp: env)
            executablePath = realPath(loaded.executablePath)
            runningImages?.set(pid: pid, path: executablePath, execed: true)
            procView = ProcSelfView(argv: loaded.argv, envp: env, auxv: loaded.auxv, stackPointer: loaded.stackPointer)
            let executable = prepared.path == "/proc/self/fd/\(opened.fd)" ? opened.name : prepared.path  // as named, not as read
            recorder?.processStarted(pid: pid, ppid: getppid(), time: nowNanoseconds(), executable: executable, argv: loaded.argv)
            regs = dt_regs()
            regs.rip = loaded.entry
            regs.rsp = loaded.stackPointer
            regs.rflags = 0x202
            dt_phase_add(Int32(DT_PHASE_EXEC_LOAD), phaseStart)
        } catch {
            note(ProgramName.prefix + "execve failed after the old image was gone: \(error)", level: 0)
            return .killed(SIGSEGV, SignalInfo(signo: SIGSEGV, code: 0x80, address: 0))
        }
        signals.resetForExec()
        signals.syncHostDispositions()
        deleteTimersForExec()
        closeOnExecDescriptors()
        task.commRecorded = false
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
        enableCPUIDForExec(task)
        return .done
    }

    private func execErrno(_ error: DunetraceError) -> Int32 {
        switch error {
        case .notFound: ENOENT
        case .permissionDenied: EACCES
        case .notExecutable(_, let reason):
            reason == "is a directory" || reason == "not a regular file" ? EACCES
                : reason == ProgramLoader.tooManyInterpreters ? ELOOP : ENOEXEC
        default: EIO
        }
    }

    /// The target's close-on-exec descriptors close at exec, as the kernel's exec would do.
    private func closeOnExecDescriptors() {
        guard let dir = HostProc.opendir("/proc/self/fd") else { return }
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

extension Tracer {
    /// --stats: what fork and exec cost, per phase, over every process of the run.
    func processCreationStats() -> [String] {
        var p = dt_phase_stats()
        dt_phase_get(&p)
        let ns = withUnsafeBytes(of: p.ns) { Array($0.bindMemory(to: UInt64.self)) }
        let count = withUnsafeBytes(of: p.count) { Array($0.bindMemory(to: UInt64.self)) }
        func per(_ phases: [Int], _ n: UInt64) -> String {
            String(format: "%.3f", n == 0 ? 0 : Double(phases.reduce(UInt64(0)) { $0 &+ ns[$1] }) / Double(n) / 1e6)
        }
        let forks = count[Int(DT_PHASE_HOST_FORK)], execs = count[Int(DT_PHASE_EXEC_LOAD)]
        guard forks > 0 || execs > 0 else { return [] }
        return [
            "forks: \(forks), ms each: host fork \(per([Int(DT_PHASE_HOST_FORK)], forks)), child VM "
                + "\(per([Int(DT_PHASE_CHILD_VM)], forks)), its memory \(per([Int(DT_PHASE_CHILD_MEMORY)], forks)), "
                + "its vCPU \(per([Int(DT_PHASE_CHILD_VCPU)], forks))",
            "execs: \(execs), ms each: prepare \(per([Int(DT_PHASE_EXEC_PREPARE)], execs)), release the old image "
                + "\(per([Int(DT_PHASE_EXEC_RELEASE)], execs)), load \(per([Int(DT_PHASE_EXEC_LOAD)], execs))",
            "children: \(p.child_exits) VM exits, " + String(format: "%.3f s in guest (KVM_RUN)", Double(p.child_ns_in_guest) / 1e9),
        ]
    }
}
