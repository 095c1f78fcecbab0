// -Y / --decode-pids=comm and --decode-pids=pidns in the live text, and what the trace keeps
// of them (PidDecoding.swift): a pid argument is looked up as the call begins (strace prints
// arguments on entering: the child a wait4 reaps still has its /proc entry), a result or a
// structure's pid as it ends. The facts a line used are recorded before its record when they
// differ from what the trace last said for that task, so replay prints the same; a recording
// without live text looks up the same pids without formatting the call, except for the few
// calls whose structures carry pids.
import CKVM
import Glibc
import Synchronization

extension Tracer {
    /// Whether the live text prints pid facts.
    var livePidDecoding: Bool { live != nil && (options.layout.pidComm || options.pidNamespaceTranslation) }

    /// Whether the trace keeps pid facts: names when the run asks for them (-Y), translations
    /// when the task lives in a pid namespace of its own. Looking up every pid a call names
    /// costs a /proc read per call (getppid's loop: +29% with the trace written): a recording
    /// made without -Y replays -Y with plain pids.
    var recordsPidFacts: Bool {
        recorder != nil && (options.layout.pidComm || options.pidNamespaceTranslation || task.tracerTid != nil)
    }

    /// At entry: what the call's pid arguments name now.
    func pidFactsAtEntry(_ nr: Int, _ args: SyscallArgs) {
        if !task.entryPidFacts.isEmpty { task.entryPidFacts = [:] }
        guard recordsPidFacts || livePidDecoding else { return }
        for key in SyscallFormatter.argumentPids(nr, args) { task.entryPidFacts[key] = lookUpPid(key) }
    }

    /// What `key` names now, seen from this task: its pid in dunetrace's namespace (when the
    /// task lives in another one) and, for a task or thread group, its command.
    func lookUpPid(_ key: PidKey) -> PidFact {
        var outer: Int32?
        if task.tracerTid != nil { outer = PidNamespaces.inTracerNamespace(key.pid, key.kind) }
        let comm = key.kind == .task && key.pid > 0 && options.layout.pidComm ? PidComms.comm(of: outer ?? key.pid) : nil
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
/// nil when there is no such process. The last file opened stays open (in dunetrace's own
/// descriptor range) and is read again with pread while the same pid is asked for: a program
/// that calls getppid in a loop costs one host read per call, not three. A descriptor of a
/// process that is gone reads ESRCH, so a reused pid is opened afresh.
enum PidComms {
    /// Taken by compare-and-swap, never waited for: a thread that finds it taken (or a fork
    /// child whose parent's other thread held it) reads without the cache.
    private static let busy = Atomic<Bool>(false)
    nonisolated(unsafe) private static var cached: (pid: Int32, fd: Int32) = (0, -1)
    /// The last name read and its bytes: the same bytes again make no new String.
    nonisolated(unsafe) private static var lastName: (bytes: [UInt8], name: String) = ([], "")

    static func comm(of pid: Int32) -> String? {
        guard pid > 0 else { return nil }
        var buf = [UInt8](repeating: 0, count: 64)
        var n = -1
        if busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            defer { busy.store(false, ordering: .releasing) }
            if cached.pid == pid && cached.fd >= 0 { n = pread(cached.fd, &buf, buf.count, 0) }
            if n <= 0 {
                if cached.fd >= 0 { close(cached.fd) }
                cached = (0, -1)
                let fd = HostProc.open("/proc/\(pid)/comm", O_RDONLY | O_CLOEXEC)
                if fd >= 0 {
                    n = pread(fd, &buf, buf.count, 0)
                    if n > 0 { cached = (pid, dt_fd_move_high(fd)) } else { close(fd) }
                }
            }
            guard n > 0 else { return nil }
            let bytes = name(buf[0..<n])
            if bytes.elementsEqual(lastName.bytes) { return lastName.name }
            lastName = (Array(bytes), String(decoding: bytes, as: UTF8.self))
            return lastName.name
        } else {
            let fd = HostProc.open("/proc/\(pid)/comm", O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            n = read(fd, &buf, buf.count)
            close(fd)
        }
        guard n > 0 else { return nil }
        return String(decoding: name(buf[0..<n]), as: UTF8.self)
    }

    /// The first line, without its newline; strace keeps 15 bytes and the NUL (PROC_COMM_LEN).
    private static func name(_ read: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = read
        if let newline = bytes.firstIndex(of: 0x0a) { bytes = bytes[..<newline] }
        return bytes.prefix(15)
    }
}
