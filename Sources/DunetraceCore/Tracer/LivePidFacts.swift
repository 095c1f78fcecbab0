// -Y / --decode-pids=comm and --decode-pids=pidns in the live text, and what the trace keeps
// of them (PidDecoding.swift): a pid argument is looked up as the call begins (strace prints
// arguments on entering: the child a wait4 reaps still has its /proc entry), a result or a
// structure's pid as it ends. The facts a line used are recorded before its record when they
// differ from what the trace last said for that task, so replay prints the same; a recording
// without live text looks up the same pids without formatting the call, except for the few
// calls whose structures carry pids.
import Glibc

extension Tracer {
    /// Whether the live text prints pid facts.
    var livePidDecoding: Bool { live != nil && (options.layout.pidComm || options.pidNamespaceTranslation) }

    /// At entry: what the call's pid arguments name now.
    func pidFactsAtEntry(_ nr: Int, _ args: SyscallArgs) {
        if !task.entryPidFacts.isEmpty { task.entryPidFacts = [:] }
        guard recorder != nil || livePidDecoding, SyscallFormatter.mayNamePids(nr) else { return }
        for key in SyscallFormatter.argumentPids(nr, args) { task.entryPidFacts[key] = lookUpPid(key) }
    }

    /// What `key` names now, seen from this task: its pid in dunetrace's namespace (when the
    /// task lives in another one) and, for a task or thread group, its command.
    func lookUpPid(_ key: PidKey) -> PidFact {
        var outer: Int32?
        if task.tracerTid != nil { outer = PidNamespaces.inTracerNamespace(key.pid, key.kind) }
        let comm = key.kind == .task && key.pid > 0 ? PidComms.comm(of: outer ?? key.pid) : nil
        return PidFact(outer: outer, comm: comm)
    }

    /// A collector for one line: arguments from the entry's snapshot, the rest looked up now.
    func pidCollector() -> PidFactCollector {
        let atEntry = task.entryPidFacts
        return PidFactCollector { [unowned self] key in
            if key.atEntry, let known = atEntry[key] { return known }
            return self.lookUpPid(key)
        }
    }

    /// The formatter for a line that prints (or records) pid facts through `collector`.
    func collectingFormatter(_ collector: PidFactCollector) -> SyscallFormatter {
        var f = formatter
        f.pidDecoding = PidDecoding(comm: live != nil && options.layout.pidComm,
                                    translation: live != nil && options.pidNamespaceTranslation) { collector.find($0) }
        return f
    }

    /// Records the facts a line used that the trace does not hold yet for this task.
    func recordPidFacts(_ collector: PidFactCollector, time: UInt64) {
        guard let recorder, !collector.facts.isEmpty else { return }
        // A flight recorder may drop the record that said it first: each line says all.
        let ring = options.ringSize != nil
        // Replay keeps facts per task: a fork child or a new thread starts with none.
        if task.recordedPidFactsTid != shownTid {
            task.recordedPidFacts = [:]
            task.recordedPidFactsTid = shownTid
        }
        var changed: [RecordedPid] = []
        for (key, fact) in collector.facts where ring || task.recordedPidFacts[key] != fact {
            task.recordedPidFacts[key] = fact
            changed.append(RecordedPid(key, fact))
        }
        guard !changed.isEmpty else { return }
        recorder.record(TraceRecord(pid: shownPid, tid: shownTid, time: time, prefixed: false, body: .pids(changed)))
    }
}

/// /proc/PID/comm as strace's load_pid_comm reads it: the first line, without its newline;
/// nil when there is no such process.
enum PidComms {
    static func comm(of pid: Int32) -> String? {
        let fd = HostProc.open("/proc/\(pid)/comm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 64)
        let n = read(fd, &buf, buf.count)
        guard n > 0 else { return nil }
        var bytes = buf[0..<n]
        if let newline = bytes.firstIndex(of: 0x0a) { bytes = bytes[..<newline] }
        // strace keeps 15 bytes and the NUL (PROC_COMM_LEN).
        return String(decoding: bytes.prefix(15), as: UTF8.self)
    }
}
