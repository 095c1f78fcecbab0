// Turns a completed system call into strace's line:
//   openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
// without the pid prefix, the alignment padding and the newline.

/// What a pid names (strace's PT_TID/PT_TGID, PT_PGID, PT_SID): a task, a process group, a session.
public enum PidKind: Sendable { case task, processGroup, session }

public struct SyscallFormatter: Sendable {
    /// strace's printing options (-s, -X, -x, -v, -e abbrev/verbose/raw=).
    public var settings: FormatterSettings

    /// strace -s: bytes of a string or buffer shown before `...`.
    public var stringLimit: Int {
        get { settings.stringLimit }
        set { settings.stringLimit = newValue }
    }

    /// -Y and --decode-pids=pidns: what follows each pid (PidDecoding.swift).
    public var pidDecoding: PidDecoding?

    public init(stringLimit: Int = 32) {
        settings = FormatterSettings()
        settings.stringLimit = max(0, stringLimit)
    }

    public init(_ settings: FormatterSettings) {
        self.settings = settings
        self.settings.stringLimit = max(0, settings.stringLimit)
    }

    /// `name(args) = result`. With `names` (strace -y) descriptors show their paths.
    public func format(_ e: SyscallEvent, memory: any TargetMemory, names: (any DescriptorNames)? = nil) -> String {
        let (call, result) = formatParts(e, memory: memory, names: names)
        return call + " = " + result
    }

    /// The two halves of the line, for a caller that aligns the `=` (strace -a) or prints
    /// `<unfinished ...>`: `openat(AT_FDCWD, "/x", O_RDONLY)` and `-1 ENOENT (No such file...)`.
    public func formatParts(_ e: SyscallEvent, memory: any TargetMemory,
                            names: (any DescriptorNames)? = nil) -> (call: String, result: String) {
        if settings.raw.contains(e.number) { return rawParts(e) }
        var decoded = decode(e, memory: memory, names: names)
        if let pidDecoding { Self.decoratePids(&decoded.args, e, pidDecoding, inHex: settings.stringsInHex) }
        let call = Self.displayName(e.number) + "(" + (Self.unfinishedArguments(e, decoded.args) ?? decoded.args.joined(separator: ", ")) + ")"
        var result = Self.formatReturn(nr: e.number, result: e.result, kind: decoded.returns, comment: decoded.comment,
                                       names: names, inHex: settings.stringsInHex, value: e.marks & SyscallEvent.Marks.value != 0)
        if let pidDecoding, let (pid, kind) = Self.resultPid(e) {
            result += pidDecoding.suffix(PidKey(pid: pid, kind: kind, atEntry: false), inHex: settings.stringsInHex)
        }
        return (call, result)
    }

    /// A call its task never came back from (killed in it, or gone with another thread's
    /// execve): strace had printed at entry the arguments before the first one the kernel
    /// writes, and its print_event_exit adds ` <unfinished ...>` when the decoder had more to
    /// print at exit: `read(0,  <unfinished ...>) = ?`, `poll([...], 1, -1 <unfinished ...>) = ?`.
    /// nil: the whole line, as for a call that writes nothing (`pause() = ?`).
    static func unfinishedArguments(_ e: SyscallEvent, _ args: [String]) -> String? {
        guard e.result == nil, e.marks & SyscallEvent.Marks.neverBegan == 0, let d = SyscallModel.description(e.number), let all = d.arguments(for: e.args) else { return nil }
        let shown = all.filter { if case .unused = $0.type { false } else { true } }
        guard shown.count == args.count else { return nil }
        var writes = false, firstOutput: Int?
        for (i, p) in shown.enumerated() {
            guard case .pointer(let t) = p.type, t.direction != .input else { continue }
            writes = true
            if t.direction == .output && firstOutput == nil { firstOutput = i }
        }
        guard writes else { return nil }
        let atEntry = firstOutput.map { args[..<$0].map { $0 + ", " }.joined() } ?? args.joined(separator: ", ")
        return atEntry + " <unfinished ...>"
    }

    /// The pid a successful call returned, and what it names (strace's RVAL_TGID, RVAL_PGID...).
    static func resultPid(_ e: SyscallEvent) -> (Int32, PidKind)? {
        guard let r = e.result, r > 0, r <= Int64(Int32.max) else { return nil }
        let returnsPid = Self.returnsPid.contains(e.number)
            || (SyscallTable.entry(e.number)?.name == "fcntl" && UInt32(truncatingIfNeeded: e.args[1]) == 9)  // F_GETOWN
        return returnsPid ? (Int32(r), Self.returnedPidKind(e.number)) : nil
    }

    /// The calls whose result is a pid of the caller's namespace.
    /// (strace 6.1 prints set_tid_address's with printargs: a number, never translated.)
    static let returnsPid: Set<Int> = Set(["getpid", "getppid", "gettid", "getpgrp", "getpgid", "getsid",
                                           "fork", "vfork", "clone", "clone3", "wait4"].compactMap { SyscallTable.number($0) })

    static func returnedPidKind(_ nr: Int) -> PidKind {
        switch SyscallTable.entry(nr)?.name {
        case "getpgrp", "getpgid": return .processGroup
        case "getsid": return .session
        default: return .task
        }
    }

    static func pidComment(_ outer: Int32) -> String { " /* \(outer) in strace's PID NS */" }

    /// Each argument the model types pid_t, printed as its number, followed by what -Y and
    /// --decode-pids=pidns print for it (found as the call began).
    /// A negative pid of kill is a process group: `-7 /* 1660 in strace's PID NS */`.
    private static func decoratePids(_ args: inout [String], _ e: SyscallEvent, _ decoding: PidDecoding, inHex: StringsInHex) {
        let name = SyscallTable.entry(e.number)?.name ?? ""
        for (i, kind) in pidArguments(name, e.args, e.number) {
            let value = Int32(truncatingIfNeeded: e.args[i])
            guard i < args.count, args[i] == String(value) else { continue }
            if groupWhenNegative(name) && value < -1 && value != Int32.min {
                args[i] += decoding.suffix(PidKey(pid: -value, kind: .processGroup, atEntry: true), inHex: inHex)
            } else {
                args[i] += decoding.suffix(PidKey(pid: value, kind: kind, atEntry: true), inHex: inHex)
            }
        }
        // Pids inside structures: siginfo's si_pid, netlink's nlmsg_pid, credentials, owners.
        for i in args.indices { args[i] = decoratingStructurePids(args[i], decoding, inHex: inHex) }
    }

    /// Calls whose negative pid argument below -1 names a process group (printpid_tgid_pgid).
    static func groupWhenNegative(_ name: String) -> Bool { name == "kill" || name == "fcntl" || name == "wait4" }

    /// The arguments of call `name` that are pids, and what each names.
    static func pidArguments(_ name: String, _ a: SyscallArgs, _ nr: Int) -> [(Int, PidKind)] {
        if let (index, kind) = selectedPid(name, a) { return kind.map { [(index, $0)] } ?? [] }
        guard let parameters = SyscallModel.description(nr)?.arguments(for: a) else { return [] }
        var found: [(Int, PidKind)] = []
        for (i, p) in parameters.enumerated() where i < 6 {
            guard case .integer(let t, _) = p.type, t.name == "pid_t" else { continue }
            found.append((i, p.name.hasSuffix("pgid") ? .processGroup : .task))
        }
        return found
    }

    /// `si_pid=2` as `si_pid=2<comm>` (-Y) and `si_pid=2 /* 4321 in strace's PID NS */`
    /// (--decode-pids=pidns), also nlmsg_pid=, nl_pid=, pid=, in an argument or a signal's line.
    public static func decoratingStructurePids(_ text: String, _ decoding: PidDecoding, inHex: StringsInHex = .none) -> String {
        guard text.contains("pid=") else { return text }
        return text.replacing(/\b(si_pid|nlmsg_pid|nl_pid|pid)=(\d+)/) { m in
            // f_owner_ex names a process group by F_OWNER_PGRP.
            let kind: PidKind = text[..<m.range.lowerBound].hasSuffix("F_OWNER_PGRP, ") ? .processGroup : .task
            guard let v = Int32(m.output.2) else { return String(m.output.0) }
            return String(m.output.0) + decoding.suffix(PidKey(pid: v, kind: kind, atEntry: false), inHex: inHex)
        }
    }

    /// Calls whose pid argument is a task, a group or a session as another argument says:
    /// (its index, its kind or nil for no pid); nil for the other calls.
    private static func selectedPid(_ name: String, _ a: SyscallArgs) -> (Int, PidKind?)? {
        switch name {
        case "getpriority", "setpriority":  // PRIO_PROCESS, PRIO_PGRP, PRIO_USER
            return (1, [0: PidKind.task, 1: .processGroup][Int32(truncatingIfNeeded: a[0])])
        case "ioprio_get", "ioprio_set":  // IOPRIO_WHO_PROCESS, _PGRP, _USER
            return (1, [1: PidKind.task, 2: .processGroup][Int32(truncatingIfNeeded: a[0])])
        case "get_robust_list": return (0, .task)
        case "waitid":  // P_PID, P_PGID
            return (1, [1: PidKind.task, 2: .processGroup][UInt32(truncatingIfNeeded: a[0])])
        case "fcntl": return (2, UInt32(truncatingIfNeeded: a[1]) == 8 ? .task : nil)  // F_SETOWN
        case "prctl" where UInt32(truncatingIfNeeded: a[0]) == 62:  // PR_SCHED_CORE: PIDTYPE_PID, _TGID, _PGID, _SID
            return (2, [0: PidKind.task, 1: .task, 2: .processGroup, 3: .session][UInt32(truncatingIfNeeded: a[3])])
        case "prctl" where UInt32(truncatingIfNeeded: a[0]) == 0x5961_6d61:  // PR_SET_PTRACER: a thread group
            return (1, .task)
        default: return nil
        }
    }

    /// -e raw=: every argument the call takes and the result as hex, the registers as they were.
    private func rawParts(_ e: SyscallEvent) -> (call: String, result: String) {
        let count = SyscallTable.entry(e.number)?.args.count ?? 6
        let call = Self.displayName(e.number) + "(" + (0..<count).map { StraceText.hex(e.args[$0]) }.joined(separator: ", ") + ")"
        return (call, Self.formatReturn(nr: e.number, result: e.result, kind: .hex, comment: nil))
    }

    /// The arguments, each as strace prints it.
    public func formatArgs(_ e: SyscallEvent, memory: any TargetMemory) -> [String] {
        decode(e, memory: memory, names: nil).args
    }

    /// The result as strace prints it, knowing only the call and its raw result:
    /// `3`, `0x7f3a2c001000`, `?`, `-1 ENOENT (No such file or directory)`,
    /// `? ERESTARTSYS (To be restarted if SA_RESTART is set)`.
    public static func formatReturn(nr: Int, result: Int64?) -> String {
        formatReturn(nr: nr, result: result, kind: nil, comment: nil)
    }

    /// The name strace shows: the table's, or `syscall_0x1c3` for an unknown number.
    public static func displayName(_ nr: Int) -> String {
        if let entry = SyscallTable.entry(nr) { return entry.name }
        return "syscall_" + StraceText.hex(UInt64(bitPattern: Int64(nr)))
    }

    static func formatReturn(nr: Int, result: Int64?, kind: ReturnKind?, comment: String?,
                             names: (any DescriptorNames)? = nil, inHex: StringsInHex = .none, value: Bool = false) -> String {
        guard let r = result else { return "?" }
        // modify_ldt's int result is zero-extended, errors included: the value, then the error.
        if nr == 154 && r >= 0xffff_f000 && r <= 0xffff_ffff {
            let e = Int(-Int32(truncatingIfNeeded: r))
            return "\(r) \(Errno.name(e) ?? String(e)) (\(Errno.message(e)))"
        }
        // An injected retval= is the value the target got, never an error (strace's u_error 0).
        if r < 0 && r >= -4095 && !value {
            let e = Int(-r)
            let name = Errno.name(e) ?? String(e)
            if Errno.isRestart(e) { return "? \(name) (\(Errno.message(e)))" }
            return "-1 \(name) (\(Errno.message(e)))"
        }
        var text: String
        // A call strace 6.1 has no name for shows its result in hex too.
        switch kind ?? (SyscallTable.entry(nr) == nil ? .hex : SyscallTable.returnKind(nr)) {
        case .decimal: text = String(r)
        case .unsignedDecimal: text = String(UInt64(bitPattern: r))
        case .fd:
            text = String(r)
            if let names, let decorated = inHex == .none ? names.decorated(Int32(truncatingIfNeeded: r), afterCall: true)
                : names.path(of: Int32(truncatingIfNeeded: r), afterCall: true).map({ StraceText.descriptorPath($0, inHex: inHex) }) {
                text += decorated
            }
        case .hex: text = StraceText.hex(UInt64(bitPattern: r))
        case .octal: text = StraceText.octal(UInt64(bitPattern: r))
        }
        if let comment { text += " (\(comment))" }
        return text
    }

    private func decode(_ e: SyscallEvent, memory: any TargetMemory, names: (any DescriptorNames)?) -> DecodedCall {
        // A call strace 6.1 has no name for prints its six registers as they are.
        guard let entry = SyscallTable.entry(e.number) else {
            return DecodedCall((0..<6).map { StraceText.hex(e.args[$0]) })
        }
        var e = e
        let uncut = e.args
        e.args = SyscallModel.asTheKernelReadsThem(e.number, e.args)
        var decoder = ArgumentDecoder(event: e, memory: memory, stringLimit: max(0, stringLimit), names: names)
        decoder.registers = uncut
        decoder.style = settings.constStyle
        decoder.stringsInHex = settings.stringsInHex
        decoder.abbreviated = settings.abbreviated.contains(e.number)
        decoder.dereferenced = settings.dereferenced.contains(e.number)
        decoder.pidDecoding = pidDecoding
        return decoder.decodeSpecial(entry.name) ?? decoder.decodeByModel(entry.args)
    }
}
