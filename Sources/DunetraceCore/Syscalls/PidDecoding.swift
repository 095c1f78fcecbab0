// strace's printpid (pidns.c): -Y / --decode-pids=comm prints a pid as `1234<comm>` (the
// command of the task with that pid in strace's namespace, from its /proc/PID/comm, for a task
// or thread group only), --decode-pids=pidns follows it with `/* 4321 in strace's PID NS */`
// when the two namespaces number it differently. What each pid names is looked up as strace
// would: an argument as the call began (a child waited for is gone when the call ends), a
// result or a field the kernel wrote as it ended. Live runs look in /proc (Tracer/LivePidFacts);
// replay reads what the run recorded (TraceRecord.Body.pids).

/// One pid a line names, as a call found it: `atEntry` for its arguments, else its result and
/// the structures it printed at exit.
public struct PidKey: Hashable, Sendable {
    public var pid: Int32
    public var kind: PidKind
    public var atEntry: Bool

    public init(pid: Int32, kind: PidKind, atEntry: Bool) {
        (self.pid, self.kind, self.atEntry) = (pid, kind, atEntry)
    }
}

/// What -Y and --decode-pids=pidns print after a pid: its number in strace's (dunetrace's)
/// namespace where that differs (`outer`), and the command of the task it names there (`comm`,
/// nil where there is none: no such task, or a group or session).
public struct PidFact: Equatable, Sendable {
    public var outer: Int32?
    public var comm: String?

    public init(outer: Int32? = nil, comm: String? = nil) {
        (self.outer, self.comm) = (outer, comm)
    }
}

/// The printing options of printpid and where the facts come from.
public struct PidDecoding: Sendable {
    /// -Y, --decode-pids=comm.
    public var comm: Bool
    /// --decode-pids=pidns, --pidns-translation.
    public var translation: Bool
    public var lookup: @Sendable (PidKey) -> PidFact?

    public init(comm: Bool, translation: Bool, lookup: @escaping @Sendable (PidKey) -> PidFact?) {
        (self.comm, self.translation, self.lookup) = (comm, translation, lookup)
    }

    /// What follows the pid: `<comm>` then ` /* N in strace's PID NS */`, as printpid_translation.
    public func suffix(_ key: PidKey, inHex: StringsInHex = .none) -> String {
        // Looked up even when neither prints: a recording keeps what any replay may print.
        guard key.pid > 0, let fact = lookup(key) else { return "" }
        var text = ""
        if comm, key.kind == .task, let name = fact.comm, !name.isEmpty {
            text += StraceText.descriptorPath(name, inHex: inHex)
        }
        if translation, let outer = fact.outer { text += SyscallFormatter.pidComment(outer) }
        return text
    }
}

/// Collects the pids a line names and what was found for each, for the trace (the same
/// lookups, so replay prints what the live line printed).
public final class PidFactCollector: @unchecked Sendable {
    public private(set) var facts: [(PidKey, PidFact)] = []
    private let lookup: @Sendable (PidKey) -> PidFact?

    public init(_ lookup: @escaping @Sendable (PidKey) -> PidFact?) { self.lookup = lookup }

    public func find(_ key: PidKey) -> PidFact? {
        if let known = facts.first(where: { $0.0 == key }) { return known.1 }
        let fact = lookup(key) ?? PidFact()
        facts.append((key, fact))
        return fact
    }
}

extension SyscallFormatter {
    /// The pids call `nr` names in its arguments, found as it begins, without formatting it.
    public static func argumentPids(_ nr: Int, _ args: SyscallArgs) -> [PidKey] {
        guard nr >= 0 && nr < pidArgumentCalls.count && pidArgumentCalls[nr] else { return [] }
        var keys: [PidKey] = []
        let name = SyscallTable.entry(nr)?.name ?? ""
        for (i, kind) in pidArguments(name, args, nr) {
            let value = Int32(truncatingIfNeeded: args[i])
            if groupWhenNegative(name) && value < -1 && value != Int32.min {
                keys.append(PidKey(pid: -value, kind: .processGroup, atEntry: true))
            } else if value > 0 {
                keys.append(PidKey(pid: value, kind: kind, atEntry: true))
            }
        }
        return keys
    }

    /// The pids call `e` names in its arguments and result, without formatting it: what a
    /// recording without live text keeps for -Y and --decode-pids=pidns. The structures that
    /// carry pids need the decoder (mayNameStructurePids).
    public static func scalarPids(_ e: SyscallEvent) -> [PidKey] {
        var keys = argumentPids(e.number, e.args)
        if let (pid, kind) = resultPid(e) { keys.append(PidKey(pid: pid, kind: kind, atEntry: false)) }
        return keys
    }

    /// Whether call `nr` can have a pid argument or result (a table made once: most calls have none).
    public static func mayNamePids(_ nr: Int) -> Bool {
        nr >= 0 && nr < pidCalls.count && pidCalls[nr]
    }

    /// The calls with a pid argument (getppid has only a pid result).
    private static let pidArgumentCalls: [Bool] = pidCalls.indices.map { nr in
        pidCalls[nr] && !(returnsPid.contains(nr) && (SyscallModel.description(nr)?.arguments(for: SyscallArgs())?.isEmpty ?? false))
    }

    private static let pidCalls: [Bool] = {
        var table = [Bool](repeating: false, count: 512)
        let selected: Set<String> = ["getpriority", "setpriority", "ioprio_get", "ioprio_set", "get_robust_list", "fcntl", "prctl", "waitid"]
        for nr in 0..<table.count {
            guard let name = SyscallTable.entry(nr)?.name else { continue }
            if selected.contains(name) || returnsPid.contains(nr) { table[nr] = true; continue }
            let parameters = SyscallModel.description(nr)?.arguments(for: SyscallArgs()) ?? []
            table[nr] = parameters.contains { if case .integer(let t, _) = $0.type { return t.name == "pid_t" } else { return false } }
        }
        return table
    }()

    /// Whether the line of `e` may name pids inside structures (siginfo's si_pid, a lock's
    /// l_pid, credentials, netlink's nlmsg_pid...): a recording formats those calls to find
    /// them. `netlink`: its descriptor is a netlink socket.
    public static func mayNameStructurePids(_ e: SyscallEvent, netlink: Bool) -> Bool {
        guard e.number >= 0 && e.number < structurePidCalls.count, let which = structurePidCalls[e.number] else { return false }
        switch which {
        case .always: return true
        case .lockOrOwner: return [5, 6, 7, 15, 16, 36, 37, 38].contains(UInt32(truncatingIfNeeded: e.args[1]))  // F_GETLK... F_OFD_*
        case .seccompNotification: return UInt32(truncatingIfNeeded: e.args[1]) == 0xc050_2100  // SECCOMP_IOCTL_NOTIF_RECV
        case .netlink: return netlink
        }
    }

    private enum StructurePids { case always, lockOrOwner, seccompNotification, netlink }

    private static let structurePidCalls: [StructurePids?] = {
        var table = [StructurePids?](repeating: nil, count: 512)
        for name in ["waitid", "rt_sigtimedwait", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_send_signal", "capget", "capset",
                     "getsockopt", "recvmsg", "sendmsg", "recvmmsg", "sendmmsg", "shmctl", "msgctl",
                     "connect", "bind", "getsockname", "getpeername"] {  // a netlink address's nl_pid
            if let nr = SyscallTable.number(name), nr < table.count { table[nr] = .always }
        }
        for nr in NetlinkCalls.carriers where nr >= 0 && nr < table.count && table[nr] == nil { table[nr] = .netlink }
        if let nr = SyscallTable.number("fcntl") { table[nr] = .lockOrOwner }
        if let nr = SyscallTable.number("ioctl") { table[nr] = .seccompNotification }
        return table
    }()
}
