// What `dunetrace report` draws, gathered from a trace's records: the page faults of each
// mapping, the working set over time, each task's system calls, signals and process starts
// and exits, and the tables of `stat`. `json()` is the data the report's script draws from;
// past the exact limits marks are counted into grids (TileGrid) so the file stays bounded.

public struct ReportLimits: Sendable {
    /// Up to this many page faults, each is its own mark with its addr, ip and task.
    public var exactFaults = 60_000
    /// Up to this many system calls, each is its own slice with its text.
    public var exactCalls = 60_000
    /// Cells of all the fault grids together, past `exactFaults`.
    public var faultCells = 300_000
    /// Cells of all the tasks' call timelines together, past `exactCalls`.
    public var callCells = 200_000
    /// Tasks the timeline shows (the busiest).
    public var tasks = 300
    /// Signals, process starts and exits each kept as marks.
    public var marks = 20_000
    /// Intervals of the working set over time.
    public var workingSetBins = 200
    /// Characters of a call's text kept for its hover.
    public var textLength = 160
    /// Labels of a map's page axis (the starts of its runs of pages).
    public var segmentLabels = 48
    public init() {}
}

public struct ReportData {
    struct Fault { var time: UInt64; var page: UInt64; var address: UInt64; var ip: UInt64; var tid: Int32; var pid: Int32; var kind: UInt8
        /// Which image of its process (an execve starts a new address space under the same pid).
        var image: Int }
    struct Call { var tid: Int32; var entry: UInt64; var exit: UInt64; var number: Int; var failed: Bool; var text: String? }
    struct Mark { var tid: Int32; var time: UInt64; var text: String }
    struct Task { var tid: Int32; var pid: Int32; var calls = 0 }

    public let header: TraceHeader
    public let limits: ReportLimits
    private var renderer: TraceRenderer
    private var faults: [String: [Fault]] = [:]
    private var calls: [Call] = []
    private var signals: [Mark] = []
    private var starts: [Mark] = []
    private var exits: [Mark] = []
    private var tasks: [Int32: Task] = [:]
    private var executables: [Int32: String] = [:]
    private var images: [Int32: Int] = [:]
    public private(set) var stats = TraceStatistics()
    private var first: UInt64 = .max
    private var last: UInt64 = 0
    private var droppedMarks = 0

    public init(header: TraceHeader, limits: ReportLimits = ReportLimits()) {
        self.header = header
        self.limits = limits
        renderer = TraceRenderer(stringLimit: header.stringLimit)
    }

    public mutating func add(_ r: TraceRecord) {
        stats.add(r)
        first = min(first, r.time)
        last = max(last, r.lineTime)
        if tasks[r.tid] == nil { tasks[r.tid] = Task(tid: r.tid, pid: r.pid) }
        switch r.body {
        case .syscall(let e, let captures):
            tasks[r.tid]!.calls += 1
            var text: String?
            if calls.count < limits.exactCalls {
                let (call, result) = renderer.formatter.formatParts(e, memory: ReplayMemory(captures))
                text = String((call + " = " + (e.result == nil ? "?" : result)).prefix(limits.textLength))
            }
            let failed = e.result.map { $0 < 0 && $0 >= -4095 } ?? false
            calls.append(Call(tid: r.tid, entry: e.entryTime, exit: max(e.exitTime, e.entryTime), number: e.number,
                              failed: failed, text: text))
        case .pageFault(let f):
            faults[f.mapping, default: []].append(Fault(time: r.time, page: f.address >> 12, address: f.address, ip: f.ip,
                                                       tid: r.tid, pid: r.pid, kind: f.kind.rawValue, image: images[r.pid] ?? 0))
        case .signal:
            Self.mark(&signals, &droppedMarks, limits.marks, Mark(tid: r.tid, time: r.time, text: renderer.text(r) ?? ""))
        case .exited, .killed:
            Self.mark(&exits, &droppedMarks, limits.marks, Mark(tid: r.tid, time: r.time, text: renderer.text(r) ?? ""))
        case .processStarted(_, let exe, let argv):
            executables[r.pid] = exe
            images[r.pid, default: 0] += 1
            Self.mark(&starts, &droppedMarks, limits.marks, Mark(tid: r.tid, time: r.time, text: ([exe] + argv.dropFirst()).joined(separator: " ")))
        case .note, .descriptor, .module, .stack, .comm, .pids, .entered:
            break
        }
    }

    private static func mark(_ list: inout [Mark], _ dropped: inout Int, _ limit: Int, _ m: Mark) {
        if list.count < limit { list.append(m) } else { dropped += 1 }
    }

    public var faultCount: Int { faults.values.reduce(0) { $0 + $1.count } }
    public var callCount: Int { calls.count }

    /// Syscall classes in the order a call's colour is picked (its first class in this list).
    static let classOrder: [(String, Set<SyscallClass>)] = [
        ("network", [.network]), ("file", [.file, .stat, .lstat, .fstat, .statLike, .statfs, .fstatfs, .statfsLike]),
        ("memory", [.memory]), ("process", [.process]), ("signal", [.signal]), ("ipc", [.ipc]),
        ("desc", [.desc]), ("clock", [.clock]), ("creds", [.creds]),
    ]

    static func classIndex(_ nr: Int) -> Int {
        let c = SyscallTable.classes(nr)
        return classOrder.firstIndex { !$0.1.isDisjoint(with: c) } ?? classOrder.count
    }

    private static func hex(_ v: UInt64) -> String { "\"" + String(v, radix: 16) + "\"" }

    /// The report's data as one JSON object (times in ns from the first event).
    public func json() -> String {
        let t0 = first == .max ? header.startTime : first
        let span = last > t0 ? last - t0 : 0
        func rel(_ t: UInt64) -> String { String(t > t0 ? t - t0 : 0) }
        var o = JSONObject()
        o.string("command", header.commandLine.joined(separator: " "))
        o.string("host", "\(header.host) (Linux \(header.kernel), \(header.cpu))")
        o.number("start", Int64(clamping: t0))
        o.number("span", Int64(clamping: span))
        o.raw("kinds", "[" + PageFaultKind.allCases.map { JSONObject.quote($0.name) }.joined(separator: ",") + "]")
        o.raw("classes", "[" + (Self.classOrder.map(\.0) + ["other"]).map { JSONObject.quote($0) }.joined(separator: ",") + "]")

        // Page faults, per mapping, most first.
        let mappings = faults.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
        let exactFaults = faultCount <= limits.exactFaults
        var mapJSON: [String] = []
        for (name, list) in mappings {
            // Each address space's pages of the mapping from its own lowest, so processes overlay.
            struct Space: Hashable { var pid: Int32; var image: Int }
            var base: [Space: UInt64] = [:]
            for f in list {
                let k = Space(pid: f.pid, image: f.image)
                base[k] = min(base[k] ?? .max, f.page)
            }
            let offsets = list.map { $0.page - base[Space(pid: $0.pid, image: $0.image)]! }
            let rows = PageRows(pages: offsets)
            let markRows = offsets.map { rows.row(of: $0) }
            var m = JSONObject()
            m.string("name", name.isEmpty ? "[anonymous]" : name)
            m.number("faults", Int64(list.count))
            m.number("rows", Int64(rows.count))
            // Axis labels: at most `segmentLabels` of the segments, spread over the rows.
            let step = max(1, (rows.segments.count + limits.segmentLabels - 1) / max(1, limits.segmentLabels))
            let labels = stride(from: 0, to: rows.segments.count, by: step).map { rows.segments[$0] }
            m.raw("segments", "[" + labels.map { "[\($0.row),\(Self.hex($0.page))]" }.joined(separator: ",") + "]")
            var kindCounts = [Int](repeating: 0, count: PageFaultKind.allCases.count)
            for f in list { kindCounts[Int(f.kind)] += 1 }
            m.raw("kindCounts", "[" + kindCounts.map(String.init).joined(separator: ",") + "]")
            if exactFaults {
                m.raw("exact", "true")
                m.raw("t", "[" + list.map { rel($0.time) }.joined(separator: ",") + "]")
                m.raw("r", "[" + markRows.map(String.init).joined(separator: ",") + "]")
                m.raw("k", "[" + list.map { String($0.kind) }.joined(separator: ",") + "]")
                m.raw("a", "[" + list.map { Self.hex($0.address) }.joined(separator: ",") + "]")
                m.raw("ip", "[" + list.map { Self.hex($0.ip) }.joined(separator: ",") + "]")
                m.raw("task", "[" + list.map { String($0.tid) }.joined(separator: ",") + "]")
            } else {
                // The budget shared by the mappings as their faults are.
                let share = max(PageFaultKind.allCases.count * 32, limits.faultCells * list.count / max(1, faultCount))
                var grid = TileGrid(budget: share, rowCount: rows.count, kinds: PageFaultKind.allCases.count)
                grid.add(times: list.map { $0.time > t0 ? $0.time - t0 : 0 }, rows: markRows, kinds: list.map { Int($0.kind) },
                         span: span, rowCount: rows.count)
                m.raw("exact", "false")
                m.number("columns", Int64(grid.columns))
                m.number("gridRows", Int64(grid.rows))
                // column, row, kind, count, and the first mark's time, addr, ip, task.
                m.raw("cells", "[" + grid.cells.map { c in
                    let f = list[c.sample]
                    return "[\(c.column),\(c.row),\(c.kind),\(c.count),\(rel(f.time)),\(Self.hex(f.address)),\(Self.hex(f.ip)),\(f.tid)]"
                }.joined(separator: ",") + "]")
            }
            // Working set: distinct pages touched per interval.
            // Few faults over many intervals would be all spikes: about 8 a bin at least.
            let bins = max(1, min(limits.workingSetBins, max(20, faultCount / 8)))
            var counts = [Int](repeating: 0, count: bins)
            var lastBin: [TraceStatistics.PageKey: Int] = [:]
            for f in list {
                let b = Self.bin(f.time > t0 ? f.time - t0 : 0, span: span, bins: bins)
                let key = TraceStatistics.PageKey(pid: f.pid, page: f.page)
                if lastBin[key] != b { lastBin[key] = b; counts[b] += 1 }
            }
            m.raw("ws", "[" + counts.map(String.init).joined(separator: ",") + "]")
            mapJSON.append(m.finish())
        }
        o.raw("mappings", "[" + mapJSON.joined(separator: ",") + "]")

        // Tasks, the busiest first, then by tid.
        let shown = tasks.values.sorted { $0.calls != $1.calls ? $0.calls > $1.calls : $0.tid < $1.tid }.prefix(limits.tasks)
            .sorted { $0.tid < $1.tid }
        let taskIndex = Dictionary(uniqueKeysWithValues: shown.enumerated().map { ($1.tid, $0) })
        o.raw("tasks", "[" + shown.map { t in
            "{\"tid\":\(t.tid),\"pid\":\(t.pid),\"calls\":\(t.calls),\"name\":" + JSONObject.quote(executables[t.pid].map { String($0.split(separator: "/").last ?? "") } ?? "") + "}"
        }.joined(separator: ",") + "]")
        o.number("hiddenTasks", Int64(tasks.count - shown.count))
        var names: [Int: Int] = [:]
        var nameList: [String] = []
        func nameIndex(_ nr: Int) -> Int {
            if let i = names[nr] { return i }
            names[nr] = nameList.count
            nameList.append(SyscallFormatter.displayName(nr))
            return nameList.count - 1
        }
        if calls.count <= limits.exactCalls {
            o.raw("exactCalls", "true")
            // task, start, duration, class, name, failed, text
            o.raw("calls", "[" + calls.compactMap { c in
                guard let ti = taskIndex[c.tid] else { return nil }
                return "[\(ti),\(rel(c.entry)),\(c.exit - c.entry),\(Self.classIndex(c.number)),\(nameIndex(c.number)),\(c.failed ? 1 : 0),\(JSONObject.quote(c.text ?? ""))]"
            }.joined(separator: ",") + "]")
        } else {
            // Per task and column: calls, ns busy, and the class that took most of it.
            let columns = max(16, min(1024, limits.callCells / max(1, shown.count)))
            struct Bin { var calls = 0; var busy: UInt64 = 0; var byClass = [UInt64](repeating: 0, count: ReportData.classOrder.count + 1) }
            var bins: [Int: Bin] = [:]
            for c in calls {
                guard let ti = taskIndex[c.tid] else { continue }
                let col = Self.bin(c.entry > t0 ? c.entry - t0 : 0, span: span, bins: columns)
                var b = bins[ti * columns + col] ?? Bin()
                b.calls += 1
                b.busy &+= c.exit - c.entry
                b.byClass[Self.classIndex(c.number)] &+= max(1, c.exit - c.entry)
                bins[ti * columns + col] = b
            }
            o.raw("exactCalls", "false")
            o.number("callColumns", Int64(columns))
            o.raw("callCells", "[" + bins.sorted { $0.key < $1.key }.map { key, b in
                let cls = b.byClass.indices.max { b.byClass[$0] < b.byClass[$1] } ?? 0
                return "[\(key / columns),\(key % columns),\(b.calls),\(b.busy),\(cls)]"
            }.joined(separator: ",") + "]")
        }
        o.raw("names", "[" + nameList.map { JSONObject.quote($0) }.joined(separator: ",") + "]")
        func marks(_ list: [Mark]) -> String {
            "[" + list.compactMap { m in taskIndex[m.tid].map { "[\($0),\(rel(m.time)),\(JSONObject.quote(m.text))]" } }.joined(separator: ",") + "]"
        }
        o.raw("signals", marks(signals))
        o.raw("starts", marks(starts))
        o.raw("exits", marks(exits))
        o.number("droppedMarks", Int64(droppedMarks))
        return o.finish()
    }

    static func bin(_ t: UInt64, span: UInt64, bins: Int) -> Int {
        guard span > 0 else { return 0 }
        return min(bins - 1, Int(Double(min(t, span)) / Double(span) * Double(bins)))
    }
}
