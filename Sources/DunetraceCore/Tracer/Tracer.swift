// The tracer: one VM, one vCPU, the exit loop. Every syscall of the target exits here once,
// is checked, executed (on the host, or emulated where it concerns the address space, the
// CPU state or signals), recorded and printed, and the vCPU goes straight back to ring 3.
import CKVM
import Foundation
import Glibc
import Synchronization

public struct TraceOptions: Sendable {
    /// Where live text goes; nil for none (--silent): then no event is formatted at all.
    public var outputFD: Int32? = 2
    /// -o FILE's name, for the message when writing the live text there fails.
    public var outputName: String?
    public var stringLimit: Int = 32
    /// -X, -x, -v, -e abbrev/verbose/raw=: how the decoder prints (its stringLimit is -s above).
    public var formatting = FormatterSettings()
    /// --decode-pids=pidns: pids of a namespace the target made shown in the tracer's too.
    public var pidNamespaceTranslation = false
    /// -q: 1 suppresses attach/detach notes, 2 (-qq) also the exit lines, 3 (-qqq) all.
    public var quiet: Int = 0
    /// --quiet=thread-execve (or superseded): no `+++ superseded by execve in pid N +++`.
    public var quietThreadExecve = false
    public var environment: [String]? = nil
    /// --stats: VM exits by reason, exits per syscall, time in guest vs. in dunetrace.
    public var stats = false
    /// false for --no-pf: map eagerly, record no page faults.
    public var recordPageFaults = true
    /// --pf=ws: memory mapped ahead (recordPageFaults false), first touches learnt from the
    /// page tables' accessed/dirty bits at each exit, recorded as approximate.
    public var approximatePageFaults = false
    /// --pf-rearm MS: clear every page again each MS milliseconds (the working set over time).
    public var pfRearmMilliseconds: Int? = nil
    /// -e trace=..., status=...
    public var filter = TraceFilter()
    /// The -e expressions as given, kept in the trace so replay shows what the live text did.
    public var expressions: [String] = []
    /// -w FILE: the trace file (nil: none); --ring SIZE: keep only the newest SIZE bytes.
    public var traceFile: String? = nil
    public var ringSize: Int? = nil
    /// The trace file is the default one (not -w): if it cannot be written, say so and go on.
    public var traceFileIsDefault = false
    /// -t (1), -tt (2), -ttt (3): the time of each line; -T: the time spent in each call.
    public var timestamps = 0 {
        didSet { layout.timestampLevel = timestamps }
    }
    public var showDuration: Bool {
        get { layout.showsDuration }
        set { layout.showsDuration = newValue }
    }
    /// -a, -r, -t, -T, -n, -i: how each line is laid out.
    public var layout = LineLayout()
    /// -f (1): the lines of children and threads are printed too; 0: only the started task's.
    public var followForks = 0
    /// -ff -o FILE: each process writes its lines to FILE.PID.
    public var separateOutput: String?
    /// -A: -ff's files are appended to.
    public var appendOutput = false
    /// -c: no line per event; at the end, strace -c's table of calls, errors and time.
    public var summary = false
    /// -C: the table and the lines.
    public var summaryWithLines = false
    /// -S, -U, -O, --summary-wall-clock: the table's columns and order, and what a call's time is.
    public var summaryLayout = SummaryLayout()
    /// -P PATH: only the calls that touch these paths print.
    public var pathTrace: PathTrace?
    /// -y: descriptors in the live text show their paths, `read(3</etc/passwd>, ...)`.
    public var showPaths = false
    /// -yy, --decode-fds=SET: which names of descriptors are shown (empty with showPaths: paths).
    public var decodeFDs = DecodeFDs()
    /// --capture-size N: bytes of each string and buffer a recording keeps (nil: -s, at least 32).
    public var captureSize: Int? = nil
    /// -k: each system call, page fault and fault signal is followed by its stack.
    public var stackTrace = false
    public init() {}
}

public enum TargetExit: Equatable, Sendable {
    case exited(Int32)
    case killed(signal: Int32)

    /// The exit status of the program, or 128+signal (dunetrace itself dies of the signal).
    public var status: Int32 {
        switch self {
        case .exited(let s): s & 0xff
        case .killed(let sig): 128 + sig
        }
    }
}

public final class Tracer: @unchecked Sendable {
    let options: TraceOptions
    var vm: OpaquePointer
    var space: AddressSpace
    /// The calling thread's task; every target thread runs its loop on its own host thread.
    var task: TaskState { TaskState.current! }
    var tasks: [TaskState] = []
    /// AIO requests in flight, by the iocb copies the kernel was given (AioRequests.swift).
    let aioRequests = AioRequests()
    var vcpu: OpaquePointer? {
        get { task.vcpu }
        set { task.vcpu = newValue }
    }
    var tid: Int32 {
        get { task.tid }
        set { task.tid = newValue }
    }
    /// Serializes what threads share: the address space, memslots and page tables, signal
    /// actions, the output. Host syscalls run outside it, so a thread may block in one.
    var lock = NSCondition()
    /// The XCOMP guest permissions the target asked for (arch_prctl ARCH_REQ_XCOMP_GUEST_PERM):
    /// a process's, inherited by its forks.
    var guestXcompRequested: UInt64 = 0
    /// The thread that runs `run`: it cannot end before the process does.
    var mainTask: TaskState?
    var mainParked = false
    var processEnd: TargetExit?
    /// The leader left with exit(2) while other threads went on: as strace sees a zombie
    /// leader, its `+++ exited +++` comes at the process's end, with the process's status.
    var leaderExitUnreported = false
    /// The exec'ing thread's execve line, held until the exec is reported (HeldExecLine.swift).
    var heldExecLine: HeldExecLine?
    /// execve in a process with threads: the exec'ing thread, while the others vanish
    /// (ExecThreads.swift); the new image, for the leader, when another thread exec'd.
    var execingTask: TaskState?
    var execHandoff: ExecHandoff?
    /// Read without the lock by threads blocked in host syscalls: stop waiting, vanish.
    let otherThreadsEnding = Atomic<Bool>(false)
    /// Set by the thread that ends the process (exit_group, a fatal signal) as it starts to
    /// tear down: another thread whose vCPU goes with it waits for that end (Threads.swift).
    let processEnding = Atomic<Bool>(false)
    /// --pf-rearm: intervals ended that a vCPU thread has yet to close (Rearm.swift).
    let rearmsDue = Atomic<Int>(0)
    var rearmInterval = 0
    var rearmLastFaults = 0
    let guardRules = SyscallGuard()
    lazy var modelGuard = ModelGuard(reservedFdBase: guardRules.reservedFdBase)
    /// The target's RLIMIT_FSIZE, RLIMIT_AS and RLIMIT_NOFILE (ResourceLimits.swift).
    var targetLimits = TargetLimits.inherit()
    /// Calls and variants the model does not describe, named once each (GuardCall.swift).
    var undescribedNamed: Set<String> = []
    /// Invocations of each call so far, for -e inject='s when= (under the tracer lock).
    var injectionCounts = [Int](repeating: 0, count: 1024)
    let undescribedLock = ForkSafeLock()
    let formatter: SyscallFormatter
    /// The live text sink; nil with --silent and with -c (no line per event).
    let live: LiveText?
    /// -c: the counters behind the table printed at the end.
    let summary: SyscallSummary?
    /// -k: unwinds the target's stack (nil without -k).
    let unwinder: StackUnwinder?
    /// The trace file being written (-w), shared by forked children (they append to it).
    var recorder: TraceRecorder?
    /// The descriptor table -y prints and the trace records (nil when neither needs it).
    var descriptors: DescriptorTracker?
    /// -k with a trace: the modules and stacks this process's writer has recorded.
    let stackTable = StackTable()
    /// Bytes of each string and buffer the trace keeps (--capture-size; -s, at least 32).
    var captureLimit: Int { options.captureSize ?? max(options.stringLimit, 32) }
    /// What -y/-yy/--decode-fds show of descriptors in the live text.
    var shownDescriptorNames: DecodeFDs {
        options.decodeFDs.isEmpty && options.showPaths ? .path : options.decodeFDs
    }
    var memory: LiveMemory { LiveMemory(space: space) }
    var signals = SignalState() {
        didSet { publishDispositions() }
    }
    var executablePath = ""
    /// Shared by this run's processes: made here, before the target can fork.
    let runningImages = RunningImages()
    /// This run's processes' signal state and limits, as others read them (ProcessFacts.swift).
    let processFacts = ProcessFacts()
    /// This process's entry in processFacts (nil without one).
    var factsEntry: Int?
    /// The ended parent whose PR_SET_PDEATHSIG signal this process had (SignalDelivery.swift).
    var parentDeathFrom: Int32 = 0
    /// What /proc/self/cmdline, environ and auxv show.
    var procView = ProcSelfView()
    var pid = getpid()
    /// The pid the lines and the trace show: the tracer's pid namespace's (PidNamespaces.swift).
    var shownPid: Int32 { mainTask?.tracerTid ?? pid }
    var shownTid: Int32 { task.shownTid }
    /// Set in a process forked from the target: it must end as the target ends, never return.
    var isForkedChild = false
    /// prctl(PR_SET_MDWE)'s bits for the target's memory (MemoryDenyWriteExecute.swift).
    var mdwe: UInt64 = 0
    /// Once more than one task exists, lines go out at once, so processes keep their order.
    var prefixPid = false {
        didSet { if prefixPid && !oldValue { live?.unbuffer() } }
    }
    /// The task dunetrace started: without -f, the only one whose lines print.
    var startedTid: Int32 = 0
    /// Tasks alive in the whole run (strace's nprocs), for the `[pid N] ` rule.
    let liveTasks = LiveTaskCount()
    /// When this process's previous line started (-r).
    var previousLineTime: UInt64?
    /// vfork: the write end of the pipe the parent waits on until the child execs or exits.
    var vforkDoneFD: Int32 = -1
    /// A vfork child sharing memory natively: the [start, end) pairs whose writes it sends back.
    var vforkSharedRanges: [UInt64] = []
    /// The target's POSIX timers (PosixTimers.swift).
    var posixTimers = PosixTimers()

    /// Counters for --stats and tests.
    public private(set) var syscallCount = 0
    public internal(set) var pageFaultCount = 0
    let startTime = nowMonotonic()
    /// Where --stats writes: the live text's descriptor, or a copy of stderr.
    let statsFD: Int32

    public init(options: TraceOptions) throws(DunetraceError) {
        var options = options
        // The live text goes to dunetrace's own copy of the descriptor: the target may close
        // its stderr (coreutils do at exit) and must not lose the tracer its output.
        if let fd = options.outputFD, Int64(fd) < Int64(dt_fd_reserved_base()) {
            options.outputFD = dt_fd_dup_high(fd)
        }
        self.options = options
        live = options.summary && !options.summaryWithLines ? nil : options.outputFD.map {
            LiveText(fd: $0, name: options.outputName, opensCalls: options.separateOutput == nil || options.followForks == 0)
        }
        summary = options.summary ? SyscallSummary(layout: options.summaryLayout) : nil
        if options.summary && summary == nil { throw .vm("-c: no memory for the counters") }
        unwinder = options.stackTrace ? StackUnwinder() : nil
        if options.stackTrace && unwinder == nil { throw .vm("-k: libunwind could not create an address space") }
        // --stats with --silent still reports, on a private copy of stderr for the same reason.
        statsFD = options.stats ? (options.outputFD ?? dt_fd_dup_high(2)) : -1
        if options.stats { _ = dt_phase_stats_enable() }
        var err = [CChar](repeating: 0, count: 256)
        guard let vm = dt_vm_create(&err, err.count) else {
            let msg = String(cString: err)
            throw msg.hasPrefix("/dev/kvm") ? .kvmUnavailable(msg) : .vm(msg)
        }
        self.vm = vm
        // The target inherits the blocked mask and the ignored signals, as across execve; then
        // signals sent to this process are the target's: queued for it, never acted on here.
        let main = TaskState(tid: Int32(truncatingIfNeeded: dt_host_syscall(Int64(SyscallNumber.gettid), 0, 0, 0, 0, 0, 0)))
        main.makeCurrent()
        tasks = [main]
        mainTask = main
        var ignored: UInt64 = 0
        main.mask = dt_signals_inherited(&ignored)
        for sig in 1...64 where ignored & (1 << UInt64(sig - 1)) != 0 { signals.actions[sig].0 = SignalState.SIG_IGN }
        main.startTakingSignals()
        dt_signals_install()
        signals.syncHostDispositions()
        // A background process's tty call is not stopped by a SIGTTOU or SIGTTIN its thread
        // blocks: the host thread blocks them too (mirrored as signalfd's signals are).
        _ = dt_signals_mirror_add(1 << UInt64(SIGTTOU - 1) | 1 << UInt64(SIGTTIN - 1))
        space = try AddressSpace(vm: vm)
        if options.approximatePageFaults { space.mapAheadTrackingTouches() } else if !options.recordPageFaults { space.mapEagerly() }
        var formatting = options.formatting
        formatting.stringLimit = options.stringLimit
        formatter = SyscallFormatter(formatting)
    }

    deinit {
        if let vcpu { dt_vcpu_destroy(vcpu) }
        dt_vm_destroy(vm)
    }

    /// The guest-virtual address of dunetrace's own system area (for isolation tests).
    public var systemAreaAddress: UInt64 { dt_vm_system_area(vm) }

    /// Loads `program` and runs it to the end.
    public func run(program: String, arguments: [String]) throws(DunetraceError) -> TargetExit {
        HostProc.prepare()  // before the target can chroot
        PidNamespaces.prepare()
        DeferredTeardown.prepare()
        tasks[0].makeCurrent()
        publishFirstProcess()
        // Once the target has ended, no signal of this process is routed to this thread, and
        // the thread blocks none (signalfd may have made it block some).
        defer {
            task.stopTakingSignals()
            dt_signals_set_host_mask(0)
        }
        let env = options.environment ?? currentEnvironment()
        // Found in dunetrace's own PATH, as strace does: -E PATH= is the program's environment.
        let path = try ProgramLoader.resolve(program, environment: currentEnvironment())
        startedTid = tid
        let started = nowNanoseconds()
        if let file = options.traceFile {
            do {
                var header = TraceHeader.current(commandLine: [program] + arguments, stringLimit: options.stringLimit)
                header.properties[TraceHeader.expressionsKey] = options.expressions.joined(separator: "\n")
                header.properties[LineLayout.headerKey] = options.layout.headerValue
                header.properties[LineLayout.followKey] = String(options.followForks)
                header.properties[TraceHeader.captureSizeKey] = String(captureLimit)
                recorder = try TraceRecorder(path: file, ringSize: options.ringSize, header: header)
            } catch {
                guard options.traceFileIsDefault else { throw .io(path: file, reason: "cannot write the trace: \(error)") }
                writeLine(2, ProgramName.prefix + "\(file): cannot write the trace here, recording none (\(error))")
            }
        }
        // Live text needs the table for -y and for netlink sockets' protocols.
        if recorder != nil || live != nil {
            descriptors = DescriptorTracker(guardRules: guardRules)
        }
        let prepared = try ProgramLoader.prepare(path: path, argv: [program] + arguments)
        let loaded: LoadedProgram
        do {
            loaded = try ProgramLoader(space: space).load(prepared, envp: env)
        } catch {
            // A valid executable that does not fit (a p_memsz past the address space): the
            // kernel fails it after the point of no return, and the new process dies of SIGSEGV.
            recorder?.processStarted(pid: pid, ppid: getppid(), time: nowNanoseconds(), executable: path, argv: prepared.argv)
            note(ProgramName.prefix + "\(error)", level: 0)
            noteKilled(SIGSEGV)
            live?.flush()
            recorder?.close()
            return .killed(signal: SIGSEGV)
        }
        recorder?.processStarted(pid: pid, ppid: getppid(), time: nowNanoseconds(), executable: path, argv: loaded.argv)
        executablePath = realPath(loaded.executablePath)
        runningImages?.set(pid: pid, path: executablePath, execed: true)
        procView = ProcSelfView(argv: loaded.argv, envp: env, auxv: loaded.auxv, stackPointer: loaded.stackPointer)
        recordStartingExecve(loaded, argv: [program] + arguments, entry: started)
        _ = RawPath.withCString(Self.baseName(program)) { dt_set_process_name($0) }
        task.commRecorded = false
        guard let cpu = dt_vcpu_create(vm, loaded.entry, loaded.stackPointer) else {
            throw .vm(String(cString: dt_vm_error(vm)))
        }
        vcpu = cpu
        startRearming()
        // When the main thread leaves with exit(2) while others still run, the process lives
        // on until the last of them exits, as the kernel keeps a zombie leader.
        let ended: TargetExit?
        do { ended = try runTask() } catch { waitIfProcessEnding(); throw error }
        guard let end = ended else { throw .vm("the leader's thread ended before the process") }
        processEnding.store(true, ordering: .sequentiallyConsistent)
        releaseRobustFutexesOfAllThreads()
        runningImages?.retire(pid: pid)
        releaseFacts()
        if isForkedChild { endForkedChild(end) }
        if case .killed(let sig) = end { dumpCoreOfStartedTarget(dyingOf: sig) }
        printSummary()
        printStats()
        live?.flush()
        recorder?.close()
        reportTraceWriteError()
        return end
    }

    /// A trace that could not be written whole (the disk full, a quota) says so once, at the
    /// end: replay reads the chunks written before the failure.
    func reportTraceWriteError() {
        guard let error = recorder?.writeError else { return }
        writeLine(2, ProgramName.prefix + (isForkedChild ? "[pid \(shownPid)] " : "") + "\(error); the trace ends early (replay reads what was written before)")
    }

    /// The `execve("./prog", ["./prog"], 0x7ffc... /* 20 vars */) = 0` strace prints for the
    /// program it starts: its arguments as they lie on the new stack; for a #! script, whose
    /// stack holds the interpreter's argv, the argv it was started with, laid out below the
    /// stack pointer for the line (and the trace) only.
    private func recordStartingExecve(_ loaded: LoadedProgram, argv given: [String], entry: UInt64) {
        guard let execfn = loaded.auxv.first(where: { $0.0 == 31 })?.1 else { return }
        var argv = loaded.stackPointer &+ 8
        let envp = argv &+ UInt64(loaded.argv.count + 1) &* 8
        var shown: (any TargetMemory)?
        if given != loaded.argv {
            let overlay = ArgvOverlay(given, below: loaded.stackPointer &- 65536, over: memory)
            argv = overlay.arrayAddress
            shown = overlay
        }
        task.lastSyscall = SyscallNumber.execveCall
        task.lastIP = loaded.entry
        task.pathMatched = options.pathTrace.map { $0.paths.contains(loaded.executablePath) || $0.paths.contains(realPath(loaded.executablePath)) } ?? true
        record(SyscallNumber.execveCall, SyscallArgs(execfn, argv, envp, 0, 0, 0), 0, entry, memory: shown)
    }

    /// Runs the calling thread's vCPU. Returns the process's end, or nil when only this
    /// thread ended (exit(2) with other threads still running).
    func loop() throws(DunetraceError) -> TargetExit? {
        var exit = dt_exit()
        syncHostMask()  // a new thread starts with its creator's host mask: a signalfd may be newer
        while true {
            // fork replaces the vCPU (in the child), so it is read afresh each time.
            guard let cpu = vcpu else { throw .vm("no vCPU") }
            dt_vcpu_run(cpu, &exit)
            if space.tracksTouches { noteTouches(regs: exit.regs) }
            switch exit.kind {
            case Int32(DT_EXIT_SYSCALL.rawValue):
                switch handleSyscall(&exit.regs) {
                case .running: break
                case .threadExited: return nil
                case .processEnded(let end): return end
                }
            case Int32(DT_EXIT_EXCEPTION.rawValue):
                lock.lock()
                rearmIfDue()
                if supersededByExec {
                    vanishForExec()
                    lock.unlock()
                    return nil
                }
                if exit.vector == 14, let signalled = hostFaultSignal(errorCode: exit.error_code, cr2: exit.cr2, regs: &exit.regs) {
                    lock.unlock()
                    if let end = signalled { return end }
                    break
                }
                if exit.vector == 14 {
                    let mapped: Bool
                    do { mapped = try handlePageFault(errorCode: exit.error_code, cr2: exit.cr2, regs: exit.regs) } catch {
                        lock.unlock()
                        throw error
                    }
                    if mapped { lock.unlock(); break }
                    if let vsyscall = emulateVsyscall(errorCode: exit.error_code, cr2: exit.cr2, regs: &exit.regs) {
                        lock.unlock()
                        if let end = vsyscall { return end }
                        break
                    }
                }
                let end = deliverFault(vector: exit.vector, errorCode: exit.error_code, cr2: exit.cr2, regs: &exit.regs)
                lock.unlock()
                if let end { return end }
            case Int32(DT_EXIT_INTERRUPTED.rawValue):
                // A host signal for the target: deliver it where the target can take it.
                lock.lock()
                rearmIfDue()
                if supersededByExec {
                    vanishForExec()
                    lock.unlock()
                    return nil
                }
                guard exit.at_user != 0 else { lock.unlock(); continue }
                let end = deliverSignals(&exit.regs, syscall: nil)
                lock.unlock()
                if let end { return end }
            case Int32(DT_EXIT_HOST_FAULT.rawValue):
                lock.lock()
                let end = hostFault(reported: exit.cr2, regs: &exit.regs)
                lock.unlock()
                switch end {
                case .none: break
                case .some(.none): throw .vm("KVM_RUN failed: EFAULT at an address KVM did not name")
                case .some(.some(let end)): return end
                }
            default:
                throw .vm(String(cString: dt_vm_error(vm)))
            }
            syncHostMask()
            let stale = task.seenGeneration != space.generation
            if dt_vcpu_resume(vcpu, &exit.regs, space.needsFlush || stale ? 1 : 0) != 0 {
                throw .vm(String(cString: dt_vm_error(vm)))
            }
            space.needsFlush = false
            task.seenGeneration = space.generation
        }
    }

    enum SyscallOutcome { case running, threadExited, processEnded(TargetExit) }

    private func handleSyscall(_ regs: inout dt_regs) -> SyscallOutcome {
        syscallCount += 1
        // The kernel reads the number as an int: the low 32 bits of rax, signed (do_syscall_64).
        let nr = Int(Int32(truncatingIfNeeded: regs.rax))
        let args = SyscallArgs(regs.rdi, regs.rsi, regs.rdx, regs.r10, regs.r8, regs.r9)
        task.lastSyscall = nr
        task.lastIP = regs.rip
        if nr == Sys.rt_sigreturn { task.sigreturnFrame = regs.rsp }
        // Whatever reads the target's memory reads the address-space model, which other
        // threads change under the lock: the entry's reads are made under it, also for the
        // calls that then wait without it (a clone3 once read a torn model and said EFAULT).
        let locked = !emulationWaits(nr)
        lock.lock()
        if let paths = options.pathTrace, live != nil || !options.filter.injections.isEmpty {
            task.pathMatched = paths.matches(nr, args, memory: memory, guardRules: guardRules)
        }
        var entry = live == nil && recorder == nil ? 0 : nowNanoseconds()
        // Its line was shown before a stop that ended it (epoll_wait's EINTR, as strace shows it).
        var recordedBeforeStop = false
        // -y: the names of the descriptor arguments, before the call changes them.
        let names = descriptorNamesAtEntry(nr, args, entry)
        // -Y, --decode-pids=pidns: what the pid arguments name before the call (LivePidFacts.swift).
        pidFactsAtEntry(nr, args)
        // -Y: prctl(PR_SET_NAME)'s line names the task as it was when the call began.
        if nr == SyscallNumber.prctlCall && args.a0 == 15 && (recorder != nil || (live != nil && options.layout.pidComm)) {
            recordComm(entry)
            task.commAtEntry = taskComm()
        }
        // Value-result integers as given, for `[110 => 24]` (Capture/EntryValues.swift).
        var atEntry: (any TargetMemory)? = live == nil && recorder == nil ? nil : EntryValuesMemory.atEntry(nr, args, memory: memory)
        if !locked { lock.unlock() }
        defer { if locked { lock.unlock() } }
        // Another thread's execve: this one vanishes before its call runs.
        if locked && supersededByExec { return vanishDuringSyscall(nr, args, nil, entry) }
        // -k: the stack as the call is made, named now (execve replaces the image), under the
        // lock so no other thread unmaps what the unwinder reads.
        var stack: [String]?
        if unwinder != nil && options.filter.traces(nr) {
            if !locked { lock.lock() }
            stack = stackLines(regs)
            if !locked { lock.unlock() }
        }
        var result: Int64?
        if let dispatched = dispatchedToUser(nr, &regs) { return dispatched }
        switch seccompVerdict(nr, args, ip: regs.rip) {
        case .allow: break
        case .fail(let r):
            record(nr, args, r, entry, names: names, stack: stack, memory: atEntry)
            regs.rax = UInt64(bitPattern: r)
            return .running
        case .trap(let data):
            record(nr, args, -Int64(ENOSYS), entry, names: names, stack: stack)
            regs.rax = UInt64(bitPattern: -Int64(ENOSYS))
            var info = SignalInfo(signo: SIGSYS, code: 1, address: regs.rip)  // SYS_SECCOMP, si_call_addr
            info.setField(Int32.self, 4, Int32(data))                          // si_errno
            info.setField(Int32.self, 24, Int32(nr))                           // si_syscall
            info.setField(UInt32.self, 28, SeccompFilter.AUDIT_ARCH_X86_64)   // si_arch
            return forceSignal(SIGSYS, info: info, regs: &regs).map { .processEnded($0) } ?? .running
        case .kill(let signal, let threadOnly):
            record(nr, args, nil, entry, names: names, stack: stack, marks: SyscallEvent.Marks.neverBegan)
            // Strict mode and SECCOMP_RET_KILL_THREAD end only this thread while others live.
            if threadOnly && tasks.count > 1 {
                noteKilled(signal, ending: 1)
                if endThread() { return .threadExited }
            } else {
                noteKilled(signal)
            }
            return .processEnded(.killed(signal: signal))
        }
        // -e inject= / -e fault=: an error or a value is answered here and the call never runs;
        // a delay or a signal goes with the call (the signal once it is done).
        var injected: SyscallInjection?
        var injectedMarks: UInt8 = 0
        var pokedAtEntry = false
        // As strace's: only a traced call (-e trace=, -P) is tampered with.
        if !options.filter.injections.isEmpty, nr >= 0, nr < injectionCounts.count, options.filter.traces(nr),
           options.pathTrace == nil || task.pathMatched {
            if !locked { lock.lock() }
            injectionCounts[nr] += 1
            let n = injectionCounts[nr]
            if !locked { lock.unlock() }
            // A later -e inject= / -e fault= naming the call replaces the earlier ones (strace).
            if let injection = options.filter.injections.last(where: { $0.syscalls.indices.contains(nr) && $0.syscalls[nr] }),
               injection.applies(nr, invocation: n) {
                injected = injection
                injectedMarks = injection.marks
                if let us = injection.delayEnter { sleepUnlocked(us, locked: locked) }
                // A poke that could not be made is no tampering: no `INJECTED: args` (strace).
                pokedAtEntry = poke(injection.pokeEnter, args)
                if !pokedAtEntry && injection.pokeExit.isEmpty { injectedMarks &= ~SyscallEvent.Marks.poked }
                // The values the call is given are the poked ones.
                if !injection.pokeEnter.isEmpty, atEntry != nil { atEntry = EntryValuesMemory.atEntry(nr, args, memory: memory) }
                if let r = injection.result {
                    if let us = injection.delayExit { sleepUnlocked(us, locked: locked) }
                    // strace pokes at exit before it prints what the call wrote, after what it read.
                    let exitPokes = Self.splitExitPokes(nr, injection.pokeExit, args)
                    if !pokeAtExit(exitPokes, args) && !pokedAtEntry { injectedMarks &= ~SyscallEvent.Marks.poked }
                    record(nr, args, r, entry, names: names, stack: stack, marks: injectedMarks, memory: atEntry)
                    poke(exitPokes.after, args)
                    regs.rax = UInt64(bitPattern: r)
                    guard let sig = injection.signal else { return .running }
                    raiseInjected(sig)
                    if !locked { lock.lock() }
                    syncHostMask()
                    let end = dt_signals_pending() != 0 ? deliverSignals(&regs, syscall: nr, args: args, savedMask: nil) : nil
                    if !locked { lock.unlock() }
                    return end.map { .processEnded($0) } ?? .running
                }
            }
        }
        // SIGKILL to its own process would end dunetrace before it wrote the rest of the trace:
        // the call shows, the trace ends with the kill, then the process dies of it.
        if sendsSIGKILLToOwnProcess(nr, args) {
            record(nr, args, nil, entry, names: names, stack: stack)
            noteKilled(SIGKILL)
            return .processEnded(.killed(signal: SIGKILL))
        }
        // SIGKILL to other processes of the trace: each records its end and writes its trace
        // first (SignalSending.swift); a kill that took them all needs no host call.
        let victims = tracedProcessesSIGKILLed(nr, args)
        let victimsDied = !victims.isEmpty && askToDieOfSIGKILL(victims)
        if sendsSIGKILLToOwnGroup(nr, args) {
            killOwnGroupButSelf()
            record(nr, args, nil, entry, names: names, stack: stack)
            noteKilled(SIGKILL)
            return .processEnded(.killed(signal: SIGKILL))
        }
        if victimsDied && (SyscallTable.name(nr) != "kill" || Int32(truncatingIfNeeded: args.a0) > 0) {
            record(nr, args, 0, entry, names: names, stack: stack)
            regs.rax = 0
            return .running
        }
        showEntry(nr, args, entry, names: names, memory: atEntry)
        // -c: the time the call takes on the host (its emulation, or the host syscall).
        var hostTime: UInt64 = 0
        var started = summary == nil ? 0 : summaryClock()
        switch emulate(nr, args, &regs) {
        case .result(let r):
            result = r
            if summary != nil { hostTime = summaryClock() &- started }
        case .passthrough:
            // Runs in dunetrace's own process: the guard keeps it off dunetrace's memory and fds.
            var hostArgs = args
            var copies: GuardCopies?
            if let denied = guardCall(nr, args, &hostArgs, &copies) ?? descriptorLimitFirst(nr, args) ?? descriptorPairFirst(nr, args) ?? fileSizeLimit(nr, args, &hostArgs) {
                result = denied
            } else {
                var r: Int64
                // An open that truncates runs without O_TRUNC; the file is cut once it has
                // been judged (TruncateAfterOpen.swift).
                var hostNr = nr
                let truncateAfter = deferTruncation(nr, args, &hostArgs, &hostNr)
                // An open's path is judged in the one walk that opens it (OpenWithoutMagicLinks.swift).
                let pathOpen = OpenWithoutMagicLinks(hostNr, hostArgs, original: args)
                clampSelectDescriptors(nr, &hostArgs)
                if AioRequests.calls.contains(nr) { aioRequests.beforeCall(nr, args, &hostArgs) }
                let wait = TimedWait(nr, args, space: space)
                if let wait { hostArgs = wait.hostArguments(hostArgs, nr) }
                // ppoll, pselect6, epoll_pwait(2): the target's mask is swapped here, not on the host.
                let temporaryMask = TemporarySignalMask(nr, args, space: space)
                if let temporaryMask {
                    task.suspendedMask = task.mask
                    task.mask = temporaryMask.mask
                    syncHostMask()
                    temporaryMask.setHostMask(task.hostMask)
                    hostArgs = temporaryMask.substitute(in: hostArgs)
                }
                var resumed = false
                // A signalfd made since this thread last looked (a new thread's first call, say)
                // must find its signals blocked here, or this thread's handler takes them.
                if temporaryMask == nil { syncHostMask() }
                lock.unlock()  // other threads go on while this one blocks in the kernel
                if summary != nil { started = summaryClock() }
                let interruptible = RestartCodes.interruptible(nr, args)
                // epoll_wait, semop... fail with EINTR once the process is stopped and continued.
                let failsAfterStop = interruptible && RestartCodes.failsAfterStop(nr, args)
                let pendingBefore = failsAfterStop ? dt_signals_pending() : 0
                var endedByStop = false
                repeat {
                    // A signal taken after this point makes the call return EINTR at once
                    // (targetsyscall.S); one taken before it is pending now.
                    dt_kick_pending_clear()
                    if !interruptible {
                        // The signal waits for the call's end, as in the kernel.
                        r = dt_host_syscall(Int64(hostNr), hostArgs.a0, hostArgs.a1, hostArgs.a2, hostArgs.a3, hostArgs.a4, hostArgs.a5)
                        break
                    } else if hasInterruptingSignal() {
                        // The kernel looks once at what the call waits for before it sees the signal.
                        if !resumed, let once = temporaryMask?.pollOnceArgs {
                            r = dt_host_syscall(Int64(nr), once.a0, once.a1, once.a2, once.a3, once.a4, once.a5)
                            if r == 0 { r = -Int64(EINTR) }
                        } else {
                            r = -Int64(EINTR)
                        }
                    } else if resumed, let wait {
                        r = wait.resume(nr, hostArgs)
                    } else if let pathOpen, let opened = pathOpen.call(self) {
                        r = opened
                    } else {
                        r = dt_target_syscall(Int64(hostNr), hostArgs.a0, hostArgs.a1, hostArgs.a2, hostArgs.a3, hostArgs.a4, hostArgs.a5)
                    }
                    // A host signal the target ignores must not interrupt it: the kernel would
                    // have dropped it, so the call goes on as if nothing happened. (A kick may
                    // have come for a new signalfd: the mask is brought up to date first.)
                    if r == -Int64(EINTR) { syncHostMask() }
                    if r == -Int64(EINTR) && !hasInterruptingSignal() && hasPendingStopSignal() {
                        lock.lock()
                        let stopped = stopDuringHostCall {
                            // strace's view: a call that fails after a stop shows its EINTR
                            // first; one that restarts, its restart code, then the stop, then
                            // the call again (a restart_syscall one keeps one line).
                            if failsAfterStop {
                                record(nr, args, -Int64(EINTR), entry, names: names, stack: stack, memory: atEntry)
                                recordedBeforeStop = true
                                return
                            }
                            guard let code = RestartCodes.code(nr, args), code != RestartCodes.ERESTART_RESTARTBLOCK else { return }
                            record(nr, args, -Int64(code), entry, names: names, stack: stack, memory: atEntry)
                            if entry != 0 { entry = nowNanoseconds() }
                        }
                        lock.unlock()
                        if stopped && failsAfterStop { endedByStop = true }
                    }
                    if r == -Int64(EINTR) && failsAfterStop && continuedSince(pendingBefore) { endedByStop = true }
                    resumed = true
                } while r == -Int64(EINTR) && !hasInterruptingSignal() && !endedByStop
                if summary != nil { hostTime = summaryClock() &- started }
                // What the call's copies bring back and the remaining time are written into
                // target memory as the model says it is: under the lock, which other threads
                // change it under.
                lock.lock()
                if let copies { r = copies.finish(result: r) }
                if AioRequests.calls.contains(nr) { aioRequests.afterCall(nr, args, hostArgs, result: r, copies: copies) }
                if r == -Int64(EINTR) { wait?.storeRemaining(space: space) }
                // The mask comes back at once unless a signal interrupted the call: then the
                // handler's frame restores it (the kernel's restore_saved_sigmask_unless).
                if temporaryMask != nil && r != -Int64(EINTR), let saved = task.suspendedMask {
                    task.suspendedMask = nil
                    task.mask = saved
                }
                if supersededByExec { return vanishDuringSyscall(nr, args, r == -Int64(EINTR) ? nil : r, entry) }
                result = r
                if Tracer.openingCalls.contains(nr) && r >= 0 { result = checkOpened(r, flags: openFlags(nr, args), path: openedPath(nr, hostArgs), crossedMagicLink: pathOpen?.crossedMagicLink) }
                if SyscallTable.returnKind(nr) == .fd || SyscallModel.description(nr)?.result == .descriptor || isDupfd(nr, args),
                   !namesItsDescriptor(nr), let fd = result { result = descriptorAllowed(fd) }
                if truncateAfter, let fd = result, fd >= 0 { result = truncateOpened(fd, flags: openFlags(nr, args)) }
                if let r = result { result = descriptorPairAllowed(nr, args, r) }
                if let fd = result { noteViewDuplicate(nr, args, result: fd) }
                if nr == SyscallNumber.getdents64 && r > 0 { result = hideOwnDescriptors(fd: args.a0, buffer: args.a1, length: r) }
                if r == 0, let e = holeError(nr, args) { result = e }
                if r == 0 { stackLimitChanged(nr, args) }
            }
        case .done:
            return .running
        case .execHandedOver:
            return .threadExited
        case .exit(let status):
            record(nr, args, nil, entry, names: names, stack: stack)
            noteExited(status)
            return .processEnded(.exited(status))
        case .threadExit(let status):
            record(nr, args, nil, entry, names: names, stack: stack)
            if task === mainTask && tasks.count > 1 {
                leaderExitUnreported = true
            } else {
                noteExited(status, ending: 1)
            }
            return endThread() ? .threadExited : .processEnded(.exited(status))
        case .killed(let sig, let info):
            record(nr, args, 0, entry, names: names, stack: stack)
            noteSignal(sig, info)
            noteKilled(sig)
            return .processEnded(.killed(signal: sig))
        }
        if !locked {
            // A call that waited without the lock (sigsuspend, clone...) may have been cut
            // short by another thread's execve. Its record, which reads target memory, and
            // the rest are made under the lock, as for every other call.
            lock.lock()
            if supersededByExec {
                defer { lock.unlock() }
                return vanishDuringSyscall(nr, args, result == -Int64(EINTR) ? nil : result, entry)
            }
        }
        defer { if !locked { lock.unlock() } }
        // modify_ldt returns an int zero-extended into rax, errors included (the kernel's cast).
        if nr == SyscallNumber.modifyLdt, let r = result, r < 0 { result = Int64(UInt32(truncatingIfNeeded: r)) }
        if let us = injected?.delayExit { sleepUnlocked(us, locked: true) }
        let exitPokes = Self.splitExitPokes(nr, injected?.pokeExit ?? [], args)
        if !exitPokes.shown.isEmpty || !exitPokes.after.isEmpty, !pokeAtExit(exitPokes, args), !pokedAtEntry {
            injectedMarks &= ~SyscallEvent.Marks.poked
        }
        // A call a signal cut short shows the kernel's restart code, as strace sees it before
        // the signal is handled (the target itself gets EINTR or the call again).
        // Killed by another process of the trace while the call waited (SignalSending.swift):
        // as under a real SIGKILL, the call never returns (`= ?`).
        if result == -Int64(EINTR) && dt_kill_requested() != 0 {
            record(nr, args, nil, entry, names: names, stack: stack)
            noteKilled(SIGKILL)
            return .processEnded(.killed(signal: SIGKILL))
        }
        var shown = result
        if result == -Int64(EINTR), let code = RestartCodes.code(nr, args),
           dt_signals_pending() != 0 || task.suspendedMask != nil || RestartCodes.alwaysBySignal(nr) {
            shown = -Int64(code)
        }
        if !recordedBeforeStop {
            record(nr, args, shown, entry, hostTime: hostTime, names: names, stack: stack, marks: injectedMarks,
                   memory: atEntry)
        }
        poke(exitPokes.after, args)
        if let sig = injected?.signal { raiseInjected(sig) }
        regs.rax = UInt64(bitPattern: result ?? 0)
        syncHostMask()  // a signal the call unblocked and the kernel held arrives now
        if dt_signals_pending() != 0 || task.suspendedMask != nil || dt_kill_requested() != 0 {
            let saved = task.suspendedMask
            task.suspendedMask = nil
            if let end = deliverSignals(&regs, syscall: nr, args: args, savedMask: saved) { return .processEnded(end) }
            syncHostMask()
        }
        return .running
    }

    /// -e inject=...:delay_enter=/delay_exit=: this thread waits; the others go on.
    private func sleepUnlocked(_ microseconds: UInt64, locked: Bool) {
        if locked { lock.unlock() }
        var ts = timespec(tv_sec: Int(microseconds / 1_000_000), tv_nsec: Int(microseconds % 1_000_000) * 1000)
        var left = timespec()
        while nanosleep(&ts, &left) != 0 && errno == EINTR { ts = left }
        if locked { lock.lock() }
    }

    /// -e inject=...:poke_enter=/poke_exit=: the bytes where the arguments point, in the
    /// target's memory only, read-only pages too (as ptrace's pokes: through /proc/self/mem,
    /// which copies a private page on write); otherwise strace's complaint, and the call goes on.
    /// poke_exit's pokes of memory the call writes (the line prints it as the call left it,
    /// so poked), and of memory it reads (printed as given: poked after the line).
    static func splitExitPokes(_ nr: Int, _ pokes: [(argument: Int, bytes: [UInt8])], _ args: SyscallArgs)
        -> (shown: [(argument: Int, bytes: [UInt8])], after: [(argument: Int, bytes: [UInt8])]) {
        guard !pokes.isEmpty, let params = SyscallModel.description(nr)?.arguments(for: args) else { return (pokes, []) }
        var shown: [(argument: Int, bytes: [UInt8])] = [], after: [(argument: Int, bytes: [UInt8])] = []
        for p in pokes {
            if p.argument - 1 < params.count, case .pointer(let pointer) = params[p.argument - 1].type, pointer.direction == .input {
                after.append(p)
            } else {
                shown.append(p)
            }
        }
        return (shown, after)
    }

    /// Writes each poke; true if one wrote anything (strace's TCB_TAMPERED_POKED: `INJECTED: args`).
    @discardableResult
    private func poke(_ pokes: [(argument: Int, bytes: [UInt8])], _ args: SyscallArgs) -> Bool {
        var any = false
        for p in pokes {
            let address = p.argument <= 6 ? args[p.argument - 1] : 0
            let count = pokeableCount(p, args)
            var done = false
            if address != 0 && count > 0 && space.isAccessible(address, count, prot: PROT_WRITE) {
                done = p.bytes.withUnsafeBytes { TargetAccess.write(address, from: $0.baseAddress!, count: count) }
            } else if address != 0 && count > 0 {
                // Moved at once among dunetrace's own descriptors, and closed at once.
                let fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC)
                if fd >= 0 {
                    let high = dt_fd_move_high(fd)
                    done = p.bytes.withUnsafeBytes { pwrite(high, $0.baseAddress!, count, off_t(Int64(bitPattern: address))) } == count
                    close(high)
                }
            }
            if !done {
                writeLine(2, ProgramName.prefix + "poke_tcb: Failed to tamper with process \(tid): couldn't poke")
            } else {
                any = true
            }
        }
        return any
    }

    /// As strace's process_vm_writev: the bytes of a poke up to the first page the target lacks.
    private func pokeableCount(_ p: (argument: Int, bytes: [UInt8]), _ args: SyscallArgs) -> Int {
        let address = p.argument <= 6 ? args[p.argument - 1] : 0
        var count = 0
        while count < p.bytes.count {
            let step = min(p.bytes.count - count, 4096 - Int((address &+ UInt64(count)) & 4095))
            guard space.isAccessible(address &+ UInt64(count), step) else { break }
            count += step
        }
        return count
    }

    /// poke_exit's pokes shown in the line, made now; whether any of them, or of those made
    /// after the line, writes anything.
    private func pokeAtExit(_ pokes: (shown: [(argument: Int, bytes: [UInt8])], after: [(argument: Int, bytes: [UInt8])]),
                            _ args: SyscallArgs) -> Bool {
        let shown = poke(pokes.shown, args)
        return shown || pokes.after.contains { ($0.argument <= 6 ? args[$0.argument - 1] : 0) != 0 && pokeableCount($0, args) > 0 }
    }

    /// -e inject=...:signal=SIG: the signal for this thread, as the kernel sends it (SI_KERNEL),
    /// pending when the call returns.
    private func raiseInjected(_ sig: Int32) {
        var info = [UInt8](repeating: 0, count: 128)
        withUnsafeBytes(of: sig) { info.replaceSubrange(0..<4, with: $0) }
        withUnsafeBytes(of: Int32(0x80)) { info.replaceSubrange(8..<12, with: $0) }  // SI_KERNEL
        info.withUnsafeMutableBytes { p in
            _ = dt_host_syscall(Int64(SyscallTable.number("rt_tgsigqueueinfo") ?? 297), UInt64(getpid()), UInt64(UInt32(bitPattern: tid)), UInt64(sig),
                                UInt64(UInt(bitPattern: p.baseAddress)), 0, 0)
        }
    }

    /// The call shows as strace shows a call its thread did not return from (`= ?`) when
    /// it was interrupted, and the thread vanishes for another thread's execve (lock held).
    private func vanishDuringSyscall(_ nr: Int, _ args: SyscallArgs, _ result: Int64?, _ entry: UInt64) -> SyscallOutcome {
        record(nr, args, result, entry)
        vanishForExec()
        return .threadExited
    }

    /// --stats, for the process dunetrace started (its children's VMs are not counted).
    func printStats() {
        guard options.stats, !isForkedChild else { return }
        var st = dt_vcpu_stats()
        dt_vm_get_stats(vm, &st)
        var info = dt_kvm_info()
        var err = [CChar](repeating: 0, count: 128)
        _ = dt_kvm_probe(&info, &err, err.count)
        let wall = Double(nowMonotonic() - startTime) / 1e9
        let guest = Double(st.ns_in_guest) / 1e9
        let exits = st.exits_syscall + st.exits_exception + st.exits_flush + st.exits_other + st.exits_intr
        // Exceptions are page faults and signals, not syscalls: they are counted apart.
        let syscallExits = st.exits_syscall + st.exits_flush + st.exits_other
        let perSyscall = syscallCount > 0 ? Double(syscallExits) / Double(syscallCount) : 0
        var pages = dt_map_stats()
        dt_vm_get_map_stats(vm, &pages)
        let refused = space.eager && !space.largePages ? " (KVM refused 2 MiB pages: 4 KiB only)" : ""
        var phys = dt_phys_stats()
        dt_vm_get_phys_stats(vm, &phys)
        let lines = [
            "--- dunetrace --stats (pid \(pid)) ---",
            "VM exits: \(exits) (syscall \(st.exits_syscall), exception \(st.exits_exception), tlb-flush \(st.exits_flush), other \(st.exits_other), interrupted \(st.exits_intr))",
            "syscalls: \(syscallCount), exits per syscall: " + String(format: "%.2f", perSyscall) + ", page faults: \(pageFaultCount)",
            "time: " + String(format: "%.3f s in guest (KVM_RUN), %.3f s in dunetrace, %.3f s wall", guest, max(wall - guest, 0), wall),
            "vCPUs created: \(dt_vm_vcpu_count(vm)), memslots in use: \(dt_vm_memslot_count(vm))",
            "guest-physical: \(phys.bytes >> 20) MiB in \(phys.slots) memslots, up to 0x" + String(phys.top, radix: 16)
                + " (\(phys.phys_bits)-bit limit)",
            "guest page mappings: \(pages.large) x 2 MiB, \(pages.small) x 4 KiB, \(pages.splits) 2 MiB split" + refused,
            "KVM: " + (info.is_pvm != 0 ? "PVM (kvm_pvm: guest ring 0 emulated, ring 3 native)" : "hardware virtualization (VT-x/AMD-V)"),
        ]
        live?.flush()
        for l in lines + processCreationStats() { writeLine(statsFD, (prefixPid ? "[pid \(tid)] " : "") + l) }
    }

    /// -c, for the process dunetrace started: the table, once the program has ended.
    func printSummary() {
        guard let summary, !isForkedChild, let fd = options.outputFD else { return }
        live?.flush()
        writeLine(fd, String(summary.table().dropLast()))
    }

    /// -c's clock: this thread's CPU time (strace counts the system time a call took), or
    /// with --summary-wall-clock the monotonic clock.
    func summaryClock() -> UInt64 {
        if options.summaryLayout.wallClock { return nowMonotonic() }
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec)
    }

    /// A call's line and its record; -c counts it (`hostTime`: ns it took on the host); -y
    /// shows its descriptors' paths (`names`); -k its stack (`stack`, after the line).
    func record(_ nr: Int, _ args: SyscallArgs, _ result: Int64?, _ entry: UInt64, hostTime: UInt64 = 0,
                names: (any DescriptorNames)? = nil, stack: [String]? = nil, marks: UInt8 = 0,
                memory shownMemory: (any TargetMemory)? = nil) {
        let memory: any TargetMemory = shownMemory ?? self.memory
        // rt_sigreturn takes no argument: its record carries the frame (strace prints its mask).
        let args = nr == Sys.rt_sigreturn ? SyscallArgs(task.sigreturnFrame) : args
        let followed = followsTask
        if let summary, let result, followed, options.filter.shows(nr, result: result) {
            summary.add(nr, result: result, nanoseconds: hostTime)
        }
        let shown = live != nil && followed && options.filter.shows(nr, result: result)
            && (options.pathTrace == nil || task.pathMatched)
        let prefixed = linePrefixed
        guard shown || recorder != nil else {
            // Unshown and unrecorded, the call still changes the descriptor table later lines
            // read (-y, netlink sockets' protocols).
            _ = descriptors?.exit(nr, args, result: result, memory: memory)
            // An unshown prctl(PR_SET_NAME)'s old name must not name the lines after it (-Y).
            task.commAtEntry = nil
            return
        }
        let exit = nowNanoseconds()
        let event = SyscallEvent(number: nr, args: args, result: result, pid: shownPid, tid: shownTid,
                                 entryTime: entry, exitTime: exit, ip: task.lastIP, marks: marks)
        // PR_SET_NAME: the new name is recorded after this line, which shows the old one.
        let renamed = nr == SyscallNumber.prctlCall && args.a0 == 15 && result == 0
        defer {
            if renamed { task.commRecorded = false }
            task.commAtEntry = nil
        }
        recordComm(entry)
        let names = descriptorNamesAtExit(event, names)
        // -Y, --decode-pids=pidns: the pids the line names, looked up once for the line and the trace.
        let structurePids = (recordsPidFacts || livePidDecoding) && SyscallFormatter.mayNameStructurePids(event, netlink: true)
            && SyscallFormatter.mayNameStructurePids(event, netlink: modelCapture(nr, args).wholeBuffers)
        // A line printed with -Y or --decode-pids=pidns decorates whatever pid it prints.
        let pids = (shown && livePidDecoding) || (recordsPidFacts && (SyscallFormatter.mayNamePids(nr) || structurePids))
            ? pidCollector() : nil
        guard shown, let live else {
            if let pids {
                for key in SyscallFormatter.scalarPids(event) { _ = pids.find(key) }
                // Pids inside structures are found by the decoder: only for the few calls that have them.
                if structurePids {
                    _ = collectingFormatter(pids).formatParts(event, memory: memory, names: names)
                }
                recordPidFacts(pids, time: entry)
            }
            // No line, so nothing is formatted (--silent costs no formatting): the model says
            // which bytes replay will need, and they are copied (Capture/ModelCapture.swift).
            if let recorder, SyscallTable.returnsDirents(nr) {
                // Directory entries: the decoder reads the entries the call returned, in one
                // read (to count them, or print them with -v); the same bytes, without formatting.
                let length = Int(min(max(result ?? 0, 0), 1 << 20))
                let bytes = length > 0 ? memory.read(args.a1, count: length) : nil
                recorder.syscall(event, captures: bytes.map { [MemoryCapture(address: args.a1, bytes: $0)] } ?? [], prefixed: moreThanOneTask)
                return
            }
            let captures = SyscallModel.description(nr).map {
                modelCapture(nr, args).captures($0, args, result: result, memory: memory)
            } ?? []
            recorder?.syscall(event, captures: captures, prefixed: moreThanOneTask)
            return
        }
        // --capture-size beyond -s: the trace keeps more than the line shows.
        let extra = recorder != nil && captureLimit > options.stringLimit
            ? SyscallModel.description(nr).map { modelCapture(nr, args).captures($0, args, result: result, memory: memory) } ?? []
            : []
        let lineFormatter = pids.map { collectingFormatter($0) } ?? formatter
        if let pids, recorder != nil {
            for key in SyscallFormatter.scalarPids(event) { _ = pids.find(key) }
        }
        let parts = recorder?.syscall(event, memory: memory, formatter: lineFormatter, names: names, prefixed: moreThanOneTask, extra: extra,
                                      before: { if let pids { self.recordPidFacts(pids, time: entry) } })
            ?? lineFormatter.formatParts(event, memory: memory, names: names)
        // A waiting call whose entry was printed: its line goes on from there (OpenCallLine.swift).
        let open = task.openCall.flatMap { $0.nr == nr ? $0 : nil }
        task.openCall = nil
        let start = open?.lead ?? lead(entry, prefixed: prefixed) + options.layout.marks(syscall: nr, ip: task.lastIP)
        var line = options.layout.aligned(start + parts.call, result: parts.result)
        var after = SyscallEvent.markText(marks)
        if result != nil { after += options.layout.duration(exit &- entry) }
        if let result, !options.filter.readDumps.isEmpty || !options.filter.writeDumps.isEmpty {
            for dump in IODump.lines(nr, args, result: result, filter: options.filter, pid: Int32(truncatingIfNeeded: shownTid), memory: memory) { after += "\n" + dump }
        }
        // One write for the line and its frames, so other tasks' lines cannot come between.
        if let stack, !stack.isEmpty { after += "\n" + stack.joined(separator: "\n") }
        line += after
        if let open {
            let name = SyscallFormatter.displayName(nr)
            let rest = OpenCallLine.continuation(head: open.head, call: parts.call, result: parts.result, name: name,
                                                 arguments: open.arguments, layout: options.layout, after: after)
            let resumedLead = lead(exit, prefixed: prefixed) + options.layout.marks(syscall: nr, ip: task.lastIP)
            // A line that does not go on from its entry's text shows whole after it.
            let resumed = OpenCallLine.resumed(lead: resumedLead, call: parts.call, result: parts.result, name: name,
                                               arguments: open.arguments, layout: options.layout, after: after) ?? line
            live.finish(tid: shownTid, rest: rest, resumed: resumed)
            return
        }
        // execve by a thread other than the leader: how the line ends waits for the exec.
        if HeldExecLine.applies(number: nr, result: result, pid: shownPid, tid: shownTid),
           let held = HeldExecLine(line: line, name: SyscallTable.entry(nr)?.name ?? "execve",
                                   duration: options.layout.duration(exit &- entry)) {
            live.hold(held)
            heldExecLine = held
            return
        }
        live.line(line)
    }

    /// A waiting call's entry while more than one task lives (OpenCallLine.swift): printed as it
    /// begins, as strace prints it (its lead, `name(` and the arguments before the first one the
    /// kernel writes), and recorded, so replay -f leaves the same lines open.
    private func showEntry(_ nr: Int, _ args: SyscallArgs, _ entry: UInt64, names: (any DescriptorNames)?, memory shownMemory: (any TargetMemory)?) {
        guard OpenCallLine.calls.contains(nr), live != nil || recorder != nil, moreThanOneTask else { return }
        let event = SyscallEvent(number: nr, args: args, result: nil, pid: shownPid, tid: shownTid,
                                 entryTime: entry, exitTime: entry, ip: task.lastIP, marks: 0)
        let memory = shownMemory ?? self.memory
        // -Y and --decode-pids=pidns: the pids the entry names, as the line's end decorates
        // them, recorded before it (replay finds them there).
        let pids = livePidDecoding || (recordsPidFacts && SyscallFormatter.mayNamePids(nr)) ? pidCollector() : nil
        guard let live, live.opensCalls, followsTask, options.filter.showsEveryStatus, options.filter.traces(nr),
              options.pathTrace == nil, options.filter.injections.isEmpty else {
            // Not printed: the model says which bytes replay will need, without formatting.
            guard let recorder else { return }
            if let pids {
                for key in SyscallFormatter.scalarPids(event) { _ = pids.find(key) }
                recordPidFacts(pids, time: entry)
            }
            let captures = SyscallModel.description(nr).map { modelCapture(nr, args).captures($0, args, result: nil, memory: memory) } ?? []
            recorder.entered(event, captures: captures, prefixed: true)
            return
        }
        let entryFormatter = pids.map { collectingFormatter($0) } ?? formatter
        let call = recorder?.entered(event, memory: memory, formatter: entryFormatter, names: names, prefixed: true,
                                     before: { if let pids { self.recordPidFacts(pids, time: entry) } })
            ?? entryFormatter.formatParts(event, memory: memory, names: names).call
        let name = SyscallFormatter.displayName(nr)
        let arguments = OpenCallLine.entryArguments(unfinishedCall: call, name: name)
        let lead = lead(entry, prefixed: linePrefixed) + options.layout.marks(syscall: nr, ip: task.lastIP)
        let head = lead + name + "(" + arguments
        task.openCall = (nr, lead, head, arguments)
        live.enter(head, tid: shownTid)
    }

    /// The leader's `<... execve resumed>) = 0` after another thread's exec (at `time`, the
    /// time of the `+++ superseded +++` note before it).
    func showResumedExec(_ held: HeldExecLine, time: UInt64) {
        guard let live, followsTask else { return }
        let marks = options.layout.marks(syscall: task.lastSyscall < 0 ? nil : task.lastSyscall, ip: task.lastIP)
        live.line(held.resumed(lead: lead(time, prefixed: linePrefixed) + marks, layout: options.layout))
    }

    /// What a record keeps of call `nr`: netlink messages whole, as the decoder reads them.
    private func modelCapture(_ nr: Int, _ args: SyscallArgs) -> ModelCapture {
        var capture = ModelCapture(limit: captureLimit)
        if NetlinkCalls.carriers.contains(nr), let descriptors,
           NetlinkCalls.protocolNumber(detail: descriptors.detail(of: Int32(truncatingIfNeeded: args.a0))) != nil {
            capture.wholeBuffers = true
        }
        return capture
    }

    /// -Y: the task's command name, recorded before its first line and after it changes
    /// (exec, prctl(PR_SET_NAME)), so replay names the task as the live text did.
    func recordComm(_ time: UInt64) {
        guard let recorder, !task.commRecorded else { return }
        task.commRecorded = true
        if let name = taskComm() { recorder.comm(pid: shownPid, tid: shownTid, time: time, name: name) }
    }

    /// How the stop line begins (replay reads the signal's name after it).
    static let stoppedByPrefix = "--- stopped by "

    /// `--- stopped by SIGTSTP ---`: recorded always, shown as strace's print_stopped shows it,
    /// only for a signal -e signal= chooses.
    func noteStopped(by sig: Int32) {
        let now = nowNanoseconds()
        let text = Tracer.stoppedByPrefix + signalName(sig) + " ---"
        recordComm(now)
        recorder?.note(pid: shownPid, tid: shownTid, time: now, text: text, prefixed: moreThanOneTask)
        if options.filter.showsSignal(sig) { showNote(text, level: 0, time: now) }
    }

    /// A line of the live text that is no syscall (also kept in the trace, verbatim).
    func note(_ text: String, level: Int, time: UInt64? = nil) {
        let now = time ?? nowNanoseconds()
        recordComm(now)
        recorder?.note(pid: shownPid, tid: shownTid, time: now, text: text, prefixed: moreThanOneTask)
        showNote(text, level: level, time: now)
    }

    /// The live line; `time` is the one recorded, so replay -tt prints the same; -k: then the
    /// stack at `regs`.
    /// `text` is made only when the line prints: a page fault's line is not formatted under --silent.
    private func showNote(_ text: @autoclosure () -> String, level: Int, time: UInt64, regs: dt_regs? = nil, exiting: Bool = false, stack: [String]? = nil) {
        let hidden = level == Tracer.threadExecveLevel ? options.quiet >= 3 || options.quietThreadExecve : options.quiet >= level
        guard let live, followsTask, level == 0 || !hidden else { return }
        let marks = options.layout.marks(syscall: task.lastSyscall < 0 ? nil : task.lastSyscall, ip: exiting ? nil : regs?.rip ?? task.lastIP)
        var line = lead(time, prefixed: linePrefixed) + marks + text()
        if let stack = stack ?? regs.flatMap({ stackLines($0) }), !stack.isEmpty { line += "\n" + stack.joined(separator: "\n") }
        live.line(line)
    }

    /// The level of the `+++ superseded by execve +++` note: -qqq or --quiet=thread-execve hide it.
    static let threadExecveLevel = 3

    /// `--- SIGxxx {siginfo} ---`; -k: a fault's (`regs`: where it happened) with its stack.
    func noteSignal(_ sig: Int32, _ info: SignalInfo, regs: dt_regs? = nil) {
        let now = nowNanoseconds()
        let stack = regs.flatMap { stackLines($0) }  // recorded before the event it belongs to
        recordComm(now)
        // -Y, --decode-pids=pidns: si_pid as the signal arrives.
        var text = info.text(clockComments: formatter.settings.constStyle != .raw)
        if recordsPidFacts || livePidDecoding {
            let pids = pidCollector()
            if let decoding = collectingFormatter(pids).pidDecoding {
                text = SyscallFormatter.decoratingStructurePids(text, decoding, inHex: formatter.settings.stringsInHex)
            }
            recordPidFacts(pids, time: now)
        }
        recorder?.signal(pid: shownPid, tid: shownTid, time: now, info: info.bytes, ip: regs?.rip, prefixed: moreThanOneTask)
        guard options.filter.showsSignal(sig) else { return }  // -e signal=SET
        // A fault's line shows where it happened (-i), as strace's.
        showNote("--- \(signalName(sig)) \(text) ---", level: 0, time: now, regs: regs, stack: stack)
    }

    /// `+++ exited with N +++`; `ending` tasks end with it (the thread, or all of the process's).
    func noteExited(_ status: Int32, ending: Int? = nil) {
        let now = nowNanoseconds()
        recordComm(now)
        recorder?.exited(pid: shownPid, tid: shownTid, time: now, status: status, prefixed: moreThanOneTask)
        showNote("+++ exited with \(status & 0xff) +++", level: 2, time: now, exiting: true)
        liveTasks?.add(-Int32(ending ?? tasks.count))
    }

    /// `+++ killed by SIGxxx +++`
    func noteKilled(_ sig: Int32, ending: Int? = nil) {
        let now = nowNanoseconds()
        recordComm(now)
        let core = ending == nil && wouldDumpCore(sig)  // a thread killed alone never dumps
        recorder?.killed(pid: shownPid, tid: shownTid, time: now, signal: sig, coreDumped: core, prefixed: moreThanOneTask)
        // As strace: -e signal= chooses the killed lines too; no -q hides them.
        if options.filter.showsSignal(sig) {
            showNote("+++ killed by \(signalName(sig)) \(core ? "(core dumped) " : "")+++", level: 0, time: now, exiting: true)
        }
        liveTasks?.add(-Int32(ending ?? tasks.count))
    }

    /// A page fault: its line (-k: and its stack, `regs` at the fault) and its record.
    func notePageFault(_ event: PageFaultEvent, regs: dt_regs) {
        let stack = stackLines(regs)  // recorded before the event it belongs to
        recordComm(event.time)
        recorder?.pageFault(event, prefixed: moreThanOneTask)
        guard options.filter.pageFaults else { return }  // -e trace= without %pf
        showNote(event.line, level: 0, time: event.time, regs: regs, stack: stack)
    }

    /// The pid prefix and times that start a line printed now (-r: since the previous one).
    private func lead(_ time: UInt64, prefixed: Bool) -> String {
        defer { previousLineTime = time }
        let comm = options.layout.pidComm && prefixed ? task.commAtEntry ?? taskComm() : nil
        return options.layout.lead(tid: shownTid, prefixed: prefixed, time: time, previous: previousLineTime, comm: comm)
    }

    /// -Y: this task's command, as the kernel keeps it (each target thread is a host thread).
    func taskComm() -> String? {
        // The task runs on this host thread: its name without a /proc file to open and read.
        let SYS_gettid: Int64 = 186, SYS_prctl: Int64 = 157, PR_GET_NAME: UInt64 = 16
        if tid == Int32(truncatingIfNeeded: dt_host_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0)) {
            var name = [UInt8](repeating: 0, count: 17)  // TASK_COMM_LEN and a NUL
            let r = name.withUnsafeMutableBytes {
                dt_host_syscall(SYS_prctl, PR_GET_NAME, UInt64(UInt(bitPattern: $0.baseAddress)), 0, 0, 0, 0)
            }
            if r == 0 { return String(decoding: name.prefix { $0 != 0 }, as: UTF8.self) }
        }
        guard let f = fopen("/proc/self/task/\(tid)/comm", "r") else { return nil }
        defer { fclose(f) }
        var buf = [CChar](repeating: 0, count: 64)
        guard fgets(&buf, Int32(buf.count), f) != nil else { return nil }
        return String(cString: buf).trimmingCharacters(in: .newlines)
    }

    /// Whether this task's lines print: without -f, only the started task's (strace follows no other).
    var followsTask: Bool { options.followForks > 0 || tid == startedTid }

    /// strace's rule: with -f -o FILE every line names its pid (`1234  `); on a terminal
    /// (`[pid  1234] `) while more than one task is alive; never in -ff's files of their own.
    var linePrefixed: Bool {
        guard options.followForks > 0, options.separateOutput == nil else { return false }
        return options.layout.pidStyle == .plain || moreThanOneTask
    }

    /// strace's nprocs > 1, as the trace keeps it: whether a `[pid N] ` prefix goes on the line
    /// is replay's to say, by its own -f and output (a recording without -f replays with -f).
    var moreThanOneTask: Bool { (liveTasks?.value ?? 1) > 1 }

    /// A forked child ends as its target did: the same exit status, or the same signal, so the
    /// parent's wait4 sees what it would natively.
    func endForkedChild(_ end: TargetExit) -> Never {
        processEnding.store(true, ordering: .sequentiallyConsistent)
        var exits = dt_vcpu_stats()
        dt_vm_get_stats(vm, &exits)
        dt_phase_add_exits(&exits)
        endVfork()
        runningImages?.retire(pid: pid)
        releaseFacts()
        live?.flush()
        recorder?.close()
        reportTraceWriteError()
        deferTeardown(end)
        switch end {
        case .exited(let status):
            Glibc._exit(status & 0xff)
        case .killed(let sig):
            // RLIMIT_CORE is the target's own (its setrlimit runs here): a core-dumping signal
            // dumps, and the parent sees the core bit, as natively.
            keepOnlyTargetInCore(dyingOf: sig)
            dieOfSignal(sig)
        }
    }

    /// A CPU exception in ring 3 becomes the signal Linux would send: into the target's handler
    /// when it has one, otherwise (or when the signal is blocked or ignored, which the kernel
    /// overrides for a fault) the default action ends the target.
    private func deliverFault(vector: Int32, errorCode: UInt64, cr2: UInt64, regs: inout dt_regs) -> TargetExit? {
        var vector = vector, errorCode = errorCode
        if vector == 6, let insn = memory.read(regs.rip, count: 2), insn[0] == 0xcd {
            // `int n`: PVM raises #UD where the CPU raises #GP for a gate ring 3 may not use
            // (error code: the vector's IDT selector), or #BP after `int $3`, a trap.
            if insn[1] == 3 {
                vector = 3
                regs.rip &+= 2
            } else {
                (vector, errorCode) = (13, UInt64(insn[1]) << 3 | 2)
            }
        }
        // With TF clear, a #DB after an `int1` byte is that instruction's, not a single step;
        // so is one at it (some hypervisors report the #DB of an int1 at the instruction, and
        // the kernel's signal then names that address too, as natively on such a host).
        let atOrAfterInt1 = memory.read(regs.rip &- 1, count: 1) == [0xf1] || memory.read(regs.rip, count: 1) == [0xf1]
        let singleStep = vector != 1 || regs.rflags & 0x100 != 0 || !atOrAfterInt1
        var fpu: (control: UInt16, status: UInt16, mxcsr: UInt32)?
        if vector == 16 || vector == 19, let cpu = vcpu {
            // The legacy area of the vCPU's XSAVE image: FCW at 0, FSW at 2, MXCSR at 24.
            var xsave = [UInt8](repeating: 0, count: Int(dt_xsave_size()))
            if xsave.withUnsafeMutableBytes({ dt_vcpu_get_xsave(cpu, $0.baseAddress) }) == 0 {
                fpu = xsave.withUnsafeBytes {
                    ($0.loadUnaligned(fromByteOffset: 0, as: UInt16.self), $0.loadUnaligned(fromByteOffset: 2, as: UInt16.self),
                     $0.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
                }
            }
        }
        let fault = FaultSignal(vector: vector, errorCode: errorCode, cr2: cr2, rip: regs.rip, space: space, singleStep: singleStep, fpu: fpu)
        task.trap = fault.trap
        return forceSignal(fault.signal, info: fault.info, regs: &regs)
    }

    /// A synchronous signal (a fault, a seccomp trap): into the handler if there is one and it
    /// is not blocked; otherwise, as the kernel's force_sig, the default action: the end.
    func forceSignal(_ sig: Int32, info: SignalInfo, regs: inout dt_regs) -> TargetExit? {
        noteSignal(sig, info, regs: regs)
        let handler = signals.actions[Int(sig)].0
        if handler > SignalState.SIG_IGN && task.mask & (1 << UInt64(sig - 1)) == 0 {
            return runHandler(sig, info: info, regs: &regs, savedMask: task.mask)
        }
        noteKilled(sig)
        return .killed(signal: sig)
    }
}

/// Ends the process by `sig`, as the kernel ends a process a fatal signal reached. Another
/// thread of the program may be setting the host action of that very signal back to
/// dunetrace's handler (its rt_sigaction) between SIG_DFL and the delivery: then the handler
/// queues it and this thread goes on. So again, a few times, before the exit status that
/// says the same (128 + sig) is all that is left.
public func dieOfSignal(_ sig: Int32) -> Never {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, sig)
    for _ in 0..<100 {
        signal(sig, SIG_DFL)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        let tid = dt_host_syscall(186, 0, 0, 0, 0, 0, 0)  // gettid
        _ = dt_host_syscall(234, UInt64(getpid()), UInt64(tid), UInt64(sig), 0, 0, 0)  // tgkill
    }
    Glibc._exit(128 + sig)
}

/// Writes `text` and a newline; false when a write failed (errno says why; ENOSPC for none).
@discardableResult
func writeLine(_ fd: Int32, _ text: String) -> Bool {
    writeAll(fd, text + "\n")
}

/// Writes `text` whole; false when a write failed (errno says why; ENOSPC for none).
@discardableResult
func writeAll(_ fd: Int32, _ text: String) -> Bool {
    var line = text
    return line.withUTF8 { buf in
        var off = 0
        while off < buf.count {
            let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                if n == 0 { errno = ENOSPC }
                return false
            }
            off += n
        }
        return true
    }
}

func nowMonotonic() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func nowNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// This process's environment, as PROG inherits it: each variable's bytes (RawPath).
public func currentEnvironment() -> [String] {
    var out: [String] = []
    var p = environ
    while let s = p.pointee { out.append(RawPath.string(cString: s)); p += 1 }
    return out
}

func realPath(_ path: String) -> String {
    // A descriptor's link is already canonical: one readlink, not one per path component.
    if path.hasPrefix("/proc/self/fd/"), let link = HostProc.readlink(path), link.hasPrefix("/"),
       !link.hasSuffix(" (deleted)") {
        return link
    }
    guard let r = realpath(path, nil) else { return path }
    defer { free(r) }
    return String(cString: r)
}

/// The target's memory as the decoder sees it: only what the target could read itself.
struct LiveMemory: TargetMemory {
    let space: AddressSpace
    func read(_ address: UInt64, count: Int) -> [UInt8]? {
        guard count >= 0, count <= 1 << 24, space.isAccessible(address, count) else { return nil }
        guard count > 0 else { return [] }
        if space.isSafelyReadable(address, count) {
            return Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: UInt(address)), count: count))
        }
        // Through process_vm_readv: a page that faults (a file mapping past its end) is nil, not a crash.
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = bytes.withUnsafeMutableBytes { TargetAccess.read(address, into: $0.baseAddress!, count: count) }
        return ok ? bytes : nil
    }
}
