// The tracer: one VM, one vCPU, the exit loop. Every syscall of the target exits here once,
// is checked, executed (on the host, or emulated where it concerns the address space, the
// CPU state or signals), recorded and printed, and the vCPU goes straight back to ring 3.
import CKVM
import Glibc

public struct TraceOptions: Sendable {
    /// Where live text goes; nil for none (--silent): then no event is formatted at all.
    public var outputFD: Int32? = 2
    public var stringLimit: Int = 32
    /// -q: 1 suppresses attach/detach notes, 2 (-qq) also the exit lines.
    public var quiet: Int = 0
    public var environment: [String]? = nil
    public init() {}
}

public enum TargetExit: Equatable, Sendable {
    case exited(Int32)
    case killed(signal: Int32)

    /// What dunetrace itself exits with: the target's status, or 128+signal.
    public var status: Int32 {
        switch self {
        case .exited(let s): s & 0xff
        case .killed(let sig): 128 + sig
        }
    }
}

public final class Tracer {
    let options: TraceOptions
    var vm: OpaquePointer
    var space: AddressSpace
    var vcpu: OpaquePointer?
    let guardRules = SyscallGuard()
    let formatter: SyscallFormatter
    var memory: LiveMemory { LiveMemory(space: space) }
    var signals = SignalState()
    var executablePath = ""
    var pid = getpid()
    var tid = Int32(truncatingIfNeeded: dt_host_syscall(Int64(SyscallNumber.gettid), 0, 0, 0, 0, 0, 0))
    /// Set in a process forked from the target: it must end as the target ends, never return.
    var isForkedChild = false
    /// strace's rule: once more than one task is traced, every line names its pid.
    var prefixPid = false
    /// vfork: the write end of the pipe the parent waits on until the child execs or exits.
    var vforkDoneFD: Int32 = -1
    /// Counters for --stats and tests.
    public private(set) var syscallCount = 0

    public init(options: TraceOptions) throws(DunetraceError) {
        var options = options
        // The live text goes to dunetrace's own copy of the descriptor: the target may close
        // its stderr (coreutils do at exit) and must not lose the tracer its output.
        if let fd = options.outputFD, Int64(fd) < Int64(dt_fd_reserved_base()) {
            options.outputFD = dt_fd_dup_high(fd)
        }
        self.options = options
        var err = [CChar](repeating: 0, count: 256)
        guard let vm = dt_vm_create(&err, err.count) else {
            let msg = String(cString: err)
            throw msg.hasPrefix("/dev/kvm") ? .kvmUnavailable(msg) : .vm(msg)
        }
        self.vm = vm
        signal(SIGPIPE, SIG_IGN)  // see brokenPipe: the target's disposition decides, not ours
        space = try AddressSpace(vm: vm)
        formatter = SyscallFormatter(stringLimit: options.stringLimit)
    }

    deinit {
        if let vcpu { dt_vcpu_destroy(vcpu) }
        dt_vm_destroy(vm)
    }

    /// The guest-virtual address of dunetrace's own system area (for isolation tests).
    public var systemAreaAddress: UInt64 { dt_vm_system_area(vm) }

    /// Loads `program` and runs it to the end.
    public func run(program: String, arguments: [String]) throws(DunetraceError) -> TargetExit {
        let env = options.environment ?? currentEnvironment()
        let path = try ProgramLoader.resolve(program, environment: env)
        let loaded = try ProgramLoader(space: space).load(path: path, argv: [program] + arguments, envp: env)
        executablePath = realPath(loaded.executablePath)
        guard let cpu = dt_vcpu_create(vm, loaded.entry, loaded.stackPointer) else {
            throw .vm(String(cString: dt_vm_error(vm)))
        }
        vcpu = cpu
        let end = try loop()
        if isForkedChild { endForkedChild(end) }
        return end
    }

    private func loop() throws(DunetraceError) -> TargetExit {
        var exit = dt_exit()
        while true {
            // fork replaces the vCPU (in the child), so it is read afresh each time.
            guard let cpu = vcpu else { throw .vm("no vCPU") }
            dt_vcpu_run(cpu, &exit)
            switch exit.kind {
            case Int32(DT_EXIT_SYSCALL.rawValue):
                if let end = handleSyscall(&exit.regs) { return end }
            case Int32(DT_EXIT_EXCEPTION.rawValue):
                        return deliverFault(vector: exit.vector, errorCode: exit.error_code, cr2: exit.cr2, regs: exit.regs)
            case Int32(DT_EXIT_INTERRUPTED.rawValue):
                continue
            default:
                throw .vm(String(cString: dt_vm_error(vm)))
            }
            if dt_vcpu_resume(vcpu, &exit.regs, space.needsFlush ? 1 : 0) != 0 {
                throw .vm(String(cString: dt_vm_error(vm)))
            }
            space.needsFlush = false
        }
    }

    /// Runs one syscall; returns non-nil when the target has ended.
    private func handleSyscall(_ regs: inout dt_regs) -> TargetExit? {
        syscallCount += 1
        let nr = Int(Int64(bitPattern: regs.rax))
        let args = SyscallArgs(regs.rdi, regs.rsi, regs.rdx, regs.r10, regs.r8, regs.r9)
        let entry = options.outputFD == nil ? 0 : nowNanoseconds()
        var result: Int64?
        switch emulate(nr, args, &regs) {
        case .result(let r): result = r
        case .passthrough:
            // Runs in dunetrace's own process: the guard keeps it off dunetrace's memory and fds.
            let r = guardRules.check(nr, args, space: space)
                ?? dt_host_syscall(Int64(nr), args.a0, args.a1, args.a2, args.a3, args.a4, args.a5)
            result = r
            if r == -Int64(EPIPE), let end = brokenPipe(nr, args, entry) { return end }
        case .done:
            return nil
        case .exit(let status):
            record(nr, args, nil, entry)
            note("+++ exited with \(status & 0xff) +++", level: 2)
            return .exited(status)
        case .killed(let sig, let siginfo):
            record(nr, args, 0, entry)
            note("--- \(signalName(sig)) \(siginfo) ---", level: 0)
            note("+++ killed by \(signalName(sig)) +++", level: 2)
            return .killed(signal: sig)
        }
        record(nr, args, result, entry)
        regs.rax = UInt64(bitPattern: result ?? 0)
        return nil
    }

    /// dunetrace ignores SIGPIPE itself, so a write to a broken pipe returns EPIPE to it; the
    /// target then gets what the kernel would have given it: SIGPIPE's default action (death)
    /// unless it ignores or blocks SIGPIPE, or sent with MSG_NOSIGNAL.
    private func brokenPipe(_ nr: Int, _ args: SyscallArgs, _ entry: UInt64) -> TargetExit? {
        let sendFlags: UInt64? = switch SyscallTable.name(nr) {
        case "sendto", "send": args.a3
        case "sendmsg", "sendmmsg": args.a2
        default: nil
        }
        if let f = sendFlags, f & 0x4000 != 0 { return nil }  // MSG_NOSIGNAL
        guard !signals.isIgnored(SIGPIPE), signals.mask & (1 << (UInt64(SIGPIPE) - 1)) == 0,
              signals.actions[Int(SIGPIPE)].0 == 0 else { return nil }
        record(nr, args, -Int64(EPIPE), entry)
        note("--- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=\(pid), si_uid=\(getuid())} ---", level: 0)
        note("+++ killed by SIGPIPE +++", level: 2)
        return .killed(signal: SIGPIPE)
    }

    func record(_ nr: Int, _ args: SyscallArgs, _ result: Int64?, _ entry: UInt64) {
        guard let fd = options.outputFD else { return }
        let event = SyscallEvent(number: nr, args: args, result: result, pid: pid, tid: tid,
                                 entryTime: entry, exitTime: nowNanoseconds())
        writeLine(fd, linePrefix + formatter.format(event, memory: memory))
    }

    func note(_ text: String, level: Int) {
        guard let fd = options.outputFD, options.quiet < level || level == 0 else { return }
        writeLine(fd, linePrefix + text)
    }

    private var linePrefix: String { prefixPid ? "[pid \(pid)] " : "" }

    /// A forked child ends as its target did: the same exit status, or the same signal, so the
    /// parent's wait4 sees what it would natively.
    private func endForkedChild(_ end: TargetExit) -> Never {
        switch end {
        case .exited(let status):
            Glibc._exit(status & 0xff)
        case .killed(let sig):
            var limit = rlimit(rlim_cur: 0, rlim_max: 0)
            setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit)
            signal(sig, SIG_DFL)
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, sig)
            sigprocmask(SIG_UNBLOCK, &set, nil)
            kill(getpid(), sig)
            Glibc._exit(128 + sig)
        }
    }

    /// A CPU exception in ring 3 becomes the signal Linux would send; without a handler (signal
    /// delivery into the target is not implemented yet) its default action ends the target.
    private func deliverFault(vector: Int32, errorCode: UInt64, cr2: UInt64, regs: dt_regs) -> TargetExit {
        let fault = FaultSignal(vector: vector, errorCode: errorCode, cr2: cr2, rip: regs.rip, space: space)
        note("--- \(signalName(fault.signal)) {si_signo=\(signalName(fault.signal)), si_code=\(fault.codeName), si_addr=\(fault.addressText)} ---", level: 0)
        note("+++ killed by \(signalName(fault.signal)) +++", level: 2)
        return .killed(signal: fault.signal)
    }
}

func writeLine(_ fd: Int32, _ text: String) {
    var line = text
    line.append("\n")
    line.withUTF8 { buf in
        var off = 0
        while off < buf.count {
            let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
            if n <= 0 { if errno == EINTR { continue }; return }
            off += n
        }
    }
}

func nowNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func currentEnvironment() -> [String] {
    var out: [String] = []
    var p = environ
    while let s = p.pointee { out.append(String(cString: s)); p += 1 }
    return out
}

func realPath(_ path: String) -> String {
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
        return Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: UInt(address)), count: count))
    }
}
