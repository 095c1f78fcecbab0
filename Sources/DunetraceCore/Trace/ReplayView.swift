// `replay` with a live run's display options (DESIGN.md, "Recording is complete"): the options
// come from the run's own parsing (TraceOptions), and this is the one place that turns them into
// what replay prints, so a replay with options O prints what a live run with O printed.
// A display option added to the live text is added here too.

public struct ReplayView {
    public let options: TraceOptions
    public var renderer: TraceRenderer
    /// replay's own -p: one process (or thread).
    public var pid: Int32?
    /// replay --no-pf: page-fault lines hidden.
    public var pageFaults = true
    private let summary: SyscallSummary?
    private let followsAll: Bool
    /// -f to a file: every line starts with its pid, as strace -f -o FILE writes it.
    private let everyLinePrefixed: Bool
    private var startedTid: Int32?
    private var stacks = RecordedStacks()
    /// What the live run's lead took from the task at each line: -r's last line time (per
    /// process: a fork child starts from its parent's), -n's last call and -i's ip (per
    /// task), -Y's command name (per task).
    private var previousLine: [Int32: UInt64] = [:]
    private var lastCall: [Int32: (number: Int, ip: UInt64)] = [:]
    private var comms: [Int32: String] = [:]
    /// -Y and --decode-pids=pidns: what each task's lines found their pids to be (pids records).
    private var pidFacts: [Int32: [PidKey: PidFact]] = [:]
    private let currentPids = RecordedPidFacts()
    /// -P: the program the trace started with (its first execve matches by it, as live).
    private var startedExecutable: (pid: Int32, path: String)?
    private var firstProcessSeen = false
    /// Per process: an execve line of a thread other than the leader, held as the live text
    /// held it (HeldExecLine.swift).
    private var heldExec: [Int32: HeldExecLine] = [:]
    /// Held lines another line cut short (` <unfinished ...>`): the leader still resumes them.
    private var unfinishedExec: [Int32: HeldExecLine] = [:]
    /// The task whose line is open (0: none), and each task's entry printed (OpenCallLine.swift).
    private var openOwner: Int32 = 0
    private var openCalls: [Int32: (nr: Int, head: String, arguments: String)] = [:]
    /// Whether `text` went on from an entry's text (`continuing`).
    private var continued = false

    /// `options` as the run's parser made them; `header`: the trace's (its -s and -e are the
    /// defaults, so a replay without options prints what the live text printed).
    public init(options: TraceOptions, header: TraceHeader, givenStringLimit: Bool) throws(DunetraceError) {
        var o = options
        if o.expressions.isEmpty, let recorded = header.properties[TraceHeader.expressionsKey] {
            for e in recorded.split(separator: "\n") {
                try o.filter.apply(String(e))
                o.expressions.append(String(e))
            }
        }
        if !givenStringLimit { o.stringLimit = header.stringLimit }
        self.options = o
        // Beyond what was recorded the bytes are unknown: strings end there (captureNote says so).
        let captured = header.properties[TraceHeader.captureSizeKey].flatMap { Int($0) } ?? o.stringLimit
        // The run's -a column and pid prefixes, its printing options (-X, -x, -v...).
        renderer = TraceRenderer(header: header, stringLimit: min(o.stringLimit, max(captured, 0)))
        var formatting = o.formatting
        formatting.stringLimit = min(o.stringLimit, max(captured, 0))
        renderer.formatter = SyscallFormatter(formatting)
        if o.layout.timeFormat != .none {
            renderer.layout.timeFormat = o.layout.timeFormat
            renderer.layout.timeDigits = o.layout.timeDigits
        } else if o.timestamps > 0 {
            renderer.timestamps = o.timestamps
        }
        if o.showDuration { renderer.layout.durationDigits = o.layout.durationDigits ?? 6 }
        renderer.layout.relativeDigits = o.layout.relativeDigits
        renderer.layout.syscallNumbers = o.layout.syscallNumbers
        renderer.layout.instructionPointer = o.layout.instructionPointer
        renderer.layout.pidComm = o.layout.pidComm
        if o.layout.pidComm || o.pidNamespaceTranslation {
            let facts = currentPids
            renderer.formatter.pidDecoding = PidDecoding(comm: o.layout.pidComm, translation: o.pidNamespaceTranslation) { facts.facts[$0] }
        }
        // -f: the pid prefixes of the output replay writes to (PID to a file, [pid N] otherwise).
        if o.followForks > 0 { renderer.layout.pidStyle = o.layout.pidStyle }
        everyLinePrefixed = o.followForks > 0 && o.layout.pidStyle == .plain
        // A run without -f printed only the task it started (the first one recorded).
        followsAll = o.followForks > 0 || header.properties[LineLayout.followKey] != "0"
        renderer.decodeFDs = o.decodeFDs.isEmpty && o.showPaths ? .path : o.decodeFDs
        summary = o.summary ? SyscallSummary(layout: o.summaryLayout) : nil
    }

    /// Whether the live text showed `r` (-e, -qq, -p, --no-pf).
    public func shows(_ r: TraceRecord) -> Bool {
        if let pid, r.pid != pid && r.tid != pid { return false }
        if !followsAll, let started = startedTid, r.tid != started { return false }
        switch r.body {
        case .syscall(let e, _): return options.filter.shows(e.number, result: e.result)
        case .pageFault: return pageFaults && options.filter.pageFaults
        case .signal(let info, _): return options.filter.showsSignal(TraceRenderer.signalInfo(info).signo)
        case .note(let text) where text.hasPrefix(Tracer.stoppedByPrefix):
            // As live: strace's print_stopped shows only signals -e signal= chooses.
            let name = text.dropFirst(Tracer.stoppedByPrefix.count).prefix { $0 != " " }
            return FlagTables.signalNumber(name).map { options.filter.showsSignal($0) } ?? true
        case .note(let text) where text.hasPrefix("+++ superseded by execve"):
            return options.quiet < 3 && !options.quietThreadExecve  // as live: -qqq, --quiet=thread-execve
        case .exited: return options.quiet < 2
        case .killed(let sig, _): return options.filter.showsSignal(sig)  // as strace, whatever -q
        default: return true
        }
    }

    /// What the live run wrote for `r`, newlines included: its line, or a waiting call's entry
    /// left open and how the call's line then went on (OpenCallLine.swift). Every record must
    /// pass through here (or `text`) in order.
    public mutating func output(_ r: TraceRecord) -> String? {
        if case .entered(let e, let captures) = r.body {
            guard let (head, arguments) = entryHead(r, e, captures) else { return nil }
            openCalls[r.tid] = (e.number, head, arguments)
            // A held execve line of the process comes first, cut short (as LiveText's).
            var before = ""
            if let held = heldExec.removeValue(forKey: r.pid) {
                before = OpenCallLine.close(&openOwner) + held.unfinished + "\n"
                unfinishedExec[r.pid] = held
            }
            return before + OpenCallLine.enter(head, tid: r.tid, owner: &openOwner)
        }
        var open: (nr: Int, head: String, arguments: String)?
        if case .syscall(let e, _) = r.body, let o = openCalls.removeValue(forKey: r.tid), o.nr == e.number { open = o }
        let held = heldExec[r.pid] != nil
        guard let open else {
            guard let line = text(r) else {
                // An execve line held: strace had printed its start, which ends an open line.
                return !held && heldExec[r.pid] != nil ? OpenCallLine.close(&openOwner) : nil
            }
            return OpenCallLine.line(line, owner: &openOwner)
        }
        let owned = openOwner == r.tid && !held
        continued = false
        guard let line = text(r, continuing: (open.head, open.arguments, owned)) else { return OpenCallLine.close(&openOwner) }
        // What goes on from the entry's text; otherwise the whole line (resumed, or as it is).
        return owned && continued ? OpenCallLine.finish(tid: r.tid, rest: line, resumed: line, owner: &openOwner)
                                  : OpenCallLine.close(&openOwner) + line + "\n"
    }

    /// A waiting call's entry as the live run printed it when it was shown: the lead and `name(`
    /// with the arguments printed at entry, and those arguments.
    private mutating func entryHead(_ r: TraceRecord, _ e: SyscallEvent, _ captures: [MemoryCapture]) -> (String, String)? {
        if startedTid == nil { startedTid = r.tid }
        guard options.separateOutput == nil, r.prefixed, followsAll || r.tid == startedTid, pid == nil || r.pid == pid || r.tid == pid,
              summary == nil || options.summaryWithLines, options.pathTrace == nil, options.filter.injections.isEmpty,
              options.filter.showsEveryStatus, options.filter.traces(e.number) else { return nil }
        if renderer.formatter.pidDecoding != nil { currentPids.facts = pidFacts[r.tid] ?? [:] }
        let names = renderer.entryDescriptors(pid: r.pid)
        let call = renderer.formatter.formatParts(e, memory: ReplayMemory(captures), names: names).call
        let name = SyscallFormatter.displayName(e.number)
        let arguments = OpenCallLine.entryArguments(unfinishedCall: call, name: name)
        let prefixed = followsAll  // -f's prefixes (r.prefixed: more than one task lived)
        let comm = renderer.layout.pidComm && prefixed ? comms[r.tid] : nil
        let lead = renderer.layout.lead(tid: r.tid, prefixed: prefixed, time: r.time, previous: previousLine[r.pid], comm: comm)
        previousLine[r.pid] = r.time
        return (lead + renderer.layout.marks(syscall: e.number, ip: e.ip) + name + "(" + arguments, arguments)
    }

    /// The text the live run printed for `r` (its line and, with -k, its stack), or nil. Every
    /// record must pass through here in order: descriptor and stack records name later lines.
    /// `continuing`: `r` ends a call whose entry was printed (`head`, with `arguments`): what
    /// goes on after the entry's text (`owned`: nothing came between), or the whole
    /// `<... NAME resumed>` line.
    public mutating func text(_ r: TraceRecord, continuing: (head: String, arguments: String, owned: Bool)? = nil) -> String? {
        if startedTid == nil { startedTid = r.tid }
        let call = renderer.callDescriptors(r)
        // Always given: without -y they name nothing, but the decoder reads sockets' protocols.
        let names: (any DescriptorNames)? = call
        let stack = stacks.feed(r)
        let marks = lineMarks(r)
        if case .note(let text) = r.body, text.hasPrefix("+++ superseded by execve"),
           let held = heldExec[r.pid] ?? unfinishedExec[r.pid] {
            let whole = heldExec.removeValue(forKey: r.pid) != nil
            unfinishedExec[r.pid] = nil
            return supersededLines(r, held, whole: whole, marks: marks)
        }
        guard shows(r) else { return nil }
        if let summary {
            if case .syscall(let e, _) = r.body, let result = e.result {
                summary.add(e.number, result: result, nanoseconds: e.exitTime &- e.entryTime)
            }
            // -C: the lines too.
            guard options.summaryWithLines else { return nil }
        }
        guard pathMatches(r, call) else { return nil }
        var r = r
        if renderer.formatter.pidDecoding != nil { currentPids.facts = pidFacts[r.tid] ?? [:] }
        if everyLinePrefixed { r.prefixed = true }
        // -ff: each process's file of its own, without pids; without -f, one task's lines only.
        if options.separateOutput != nil || !followsAll { r.prefixed = false }
        let frames = options.stackTrace && stack?.isEmpty == false ? "\n" + stack!.joined(separator: "\n") : ""
        if let continuing, case .syscall(let e, _) = r.body,
           let line = renderer.continuation(r, names: names, head: continuing.head, arguments: continuing.arguments,
                                            resumedLead: continuing.owned ? nil : renderer.layout.lead(
                                                tid: r.tid, prefixed: r.prefixed, time: e.exitTime, previous: previousLine[r.pid],
                                                comm: renderer.layout.pidComm && r.prefixed ? comms[r.tid] : nil) + marks,
                                            after: frames) {
            if !continuing.owned { previousLine[r.pid] = e.exitTime }
            continued = continuing.owned
            if let held = heldExec.removeValue(forKey: r.pid) {
                unfinishedExec[r.pid] = held
                return held.unfinished + "\n" + line
            }
            return line
        }
        guard var line = renderer.line(r, names: names, previous: previousLine[r.pid],
                                           comm: renderer.layout.pidComm ? comms[r.tid] : nil, marks: marks) else { return nil }
        previousLine[r.pid] = r.time
        line += frames
        if case .syscall(let e, _) = r.body, HeldExecLine.applies(number: e.number, result: e.result, pid: r.pid, tid: r.tid),
           let held = HeldExecLine(line: line, name: SyscallTable.entry(e.number)?.name ?? "execve",
                                   duration: renderer.layout.duration(e.exitTime &- e.entryTime)) {
            heldExec[r.pid] = held
            return nil
        }
        if let held = heldExec.removeValue(forKey: r.pid) {
            line = held.unfinished + "\n" + line
            unfinishedExec[r.pid] = held
        }
        return line
    }

    /// The leader's `+++ superseded +++` note after an execve line held (`whole`: still held, so
    /// it ends with the pid change; otherwise another line ended it): then the note (unless -qqq hides it) and `<... execve resumed>) = 0`.
    private mutating func supersededLines(_ r: TraceRecord, _ held: HeldExecLine, whole: Bool, marks: String) -> String? {
        var lines = whole ? [held.pidChanged(to: r.pid)] : []
        var r = r
        if everyLinePrefixed { r.prefixed = true }
        if options.separateOutput != nil || !followsAll { r.prefixed = false }
        let comm = renderer.layout.pidComm && r.prefixed ? comms[r.tid] : nil
        if shows(r), let note = renderer.line(r, previous: previousLine[r.pid], comm: comm, marks: marks) {
            lines.append(note)
            previousLine[r.pid] = r.time
        }
        // The leader's line, unless replay's -p leaves the leader out.
        if pid == nil || r.pid == pid || r.tid == pid {
            let lead = renderer.layout.lead(tid: r.tid, prefixed: r.prefixed, time: r.time, previous: previousLine[r.pid], comm: comm) + marks
            previousLine[r.pid] = r.time
            lines.append(held.resumed(lead: lead, layout: renderer.layout))
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// Feeds the per-task state of the lead; -n and -i's marks of `r`'s line, as the live
    /// run's (an exiting task's line has no ip; a page fault's is its own).
    private mutating func lineMarks(_ r: TraceRecord) -> String {
        let layout = renderer.layout
        switch r.body {
        case .comm(let name):
            comms[r.tid] = name
            return ""
        case .pids(let list):
            for p in list { pidFacts[r.tid, default: [:]][p.key] = p.fact }
            return ""
        case .processStarted(let ppid, let executable, _):
            if previousLine[r.pid] == nil, let p = previousLine[ppid] { previousLine[r.pid] = p }
            if !firstProcessSeen { startedExecutable = (r.pid, executable) }
            firstProcessSeen = true
            return ""
        case .syscall(let e, _):
            lastCall[r.tid] = (e.number, e.ip)
            return layout.marks(syscall: e.number, ip: e.ip)
        default:
            guard layout.syscallNumbers || layout.instructionPointer else { return "" }
            let last = lastCall[r.tid]
            switch r.body {
            case .exited, .killed: return layout.marks(syscall: last?.number, ip: nil)
            case .pageFault(let f): return layout.marks(syscall: last?.number, ip: f.ip)
            case .signal(_, let ip?): return layout.marks(syscall: last?.number, ip: ip)
            default: return layout.marks(syscall: last?.number, ip: last?.ip ?? 0)
            }
        }
    }

    /// -P: a call is shown when it names one of the paths, or uses a descriptor open on one
    /// as it found it; the first execve of the trace also by the program it started.
    private mutating func pathMatches(_ r: TraceRecord, _ call: CallDescriptorNames?) -> Bool {
        guard let paths = options.pathTrace, case .syscall(let e, let captures) = r.body else { return true }
        defer { if startedExecutable?.pid == r.pid { startedExecutable = nil } }
        if let started = startedExecutable, started.pid == r.pid, e.number == SyscallNumber.execveCall {
            return paths.paths.contains(started.path) || paths.paths.contains(realPath(started.path))
        }
        return paths.matches(e.number, e.args, memory: ReplayMemory(captures)) { call?.openPath(of: $0, afterCall: false) }
    }

    /// What ends the text: -c's table.
    public func end() -> String? {
        summary.map { String($0.table().dropLast()) }
    }

    /// The capture limit was shorter than -s asks: strings may end earlier than live.
    public func captureNote(_ header: TraceHeader) -> String? {
        guard let captured = header.properties[TraceHeader.captureSizeKey].flatMap({ Int($0) }),
              captured < options.stringLimit else { return nil }
        return "strings were recorded up to \(captured) bytes: -s \(options.stringLimit) shows them up to that (record with --capture-size \(options.stringLimit) for more)"
    }
}

/// The pid facts of the task whose line is being printed (the formatter's lookup reads them).
final class RecordedPidFacts: @unchecked Sendable {
    var facts: [PidKey: PidFact] = [:]
}
