// `dunetrace stat` and `dunetrace -c`: the strace -c table (% time, seconds, usecs/call, calls,
// errors, syscall; sorted by time, as strace sorts it) and a page-fault summary (by mapping and
// by kind, pages touched).
import Foundation

public struct TraceStatistics: Sendable {
    struct Calls: Sendable { var calls = 0; var errors = 0; var nanoseconds: UInt64 = 0 }
    struct Faults: Sendable {
        var count = 0
        var kinds = [Int](repeating: 0, count: PageFaultKind.allCases.count)
        var pages = Set<PageKey>()
    }
    struct PageKey: Hashable, Sendable { var pid: Int32; var page: UInt64 }

    private var calls: [Int: Calls] = [:]
    private var faults: [String: Faults] = [:]
    private var allPages = Set<PageKey>()
    /// --pf-rearm: the pages touched in each interval (the working set over time), the
    /// current one last; a `--- #PF rearm {...} ---` line closes an interval.
    private var intervals: [Set<PageKey>] = [[]]
    private var rearmed = false
    public private(set) var records = 0
    public private(set) var signals = 0
    public private(set) var processes = Set<Int32>()
    public private(set) var first: UInt64 = .max
    public private(set) var last: UInt64 = 0

    public init() {}

    public mutating func add(_ r: TraceRecord) {
        records += 1
        processes.insert(r.pid)
        first = min(first, r.time)
        last = max(last, r.lineTime)
        switch r.body {
        case .syscall(let e, _):
            // As strace -c: a call that never returned (exit_group, a fatal one) is not counted.
            guard let v = e.result else { break }
            addSyscalls(number: e.number, calls: 1, errors: v < 0 && v >= -4095 ? 1 : 0,
                        nanoseconds: e.exitTime > e.entryTime ? e.exitTime - e.entryTime : 0)
        case .pageFault(let f):
            var x = faults[f.mapping] ?? Faults()
            x.count += 1
            x.kinds[Int(f.kind.rawValue)] += 1
            let key = PageKey(pid: f.pid, page: f.address >> 12)
            x.pages.insert(key)
            allPages.insert(key)
            intervals[intervals.count - 1].insert(key)
            faults[f.mapping] = x
        case .note(let text) where text.hasPrefix("--- #PF rearm {"):
            rearmed = true
            intervals.append([])
        case .signal:
            signals += 1
        default:
            break
        }
    }

    /// Counts `calls` returned calls of system call `number`, `errors` of them failed, that
    /// took `nanoseconds` in all (the live -c summary adds its counters here).
    public mutating func addSyscalls(number: Int, calls n: Int, errors: Int, nanoseconds: UInt64) {
        var c = calls[number] ?? Calls()
        c.calls += n
        c.errors += errors
        c.nanoseconds &+= nanoseconds
        calls[number] = c
    }

    public var syscallCount: Int { calls.values.reduce(0) { $0 + $1.calls } }
    public var pageFaultCount: Int { faults.values.reduce(0) { $0 + $1.count } }

    private var sortedCalls: [(key: Int, value: Calls)] {
        calls.sorted { a, b in
            a.value.nanoseconds != b.value.nanoseconds ? a.value.nanoseconds > b.value.nanoseconds : a.key < b.key
        }
    }

    /// One row of the `strace -c` table, for a report that lays it out itself.
    public struct SyscallRow: Sendable, Equatable {
        public var name: String
        public var calls: Int
        public var errors: Int
        public var nanoseconds: UInt64
    }

    /// The rows of the `strace -c` table in its order (most time first).
    public var syscallRows: [SyscallRow] {
        sortedCalls.map { SyscallRow(name: SyscallFormatter.displayName($0.key), calls: $0.value.calls,
                                     errors: $0.value.errors, nanoseconds: $0.value.nanoseconds) }
    }

    /// One mapping's page faults: by kind (`PageFaultKind` order) and distinct pages.
    public struct FaultRow: Sendable, Equatable {
        public var mapping: String
        public var faults: Int
        public var pages: Int
        public var kinds: [Int]
    }

    /// Page faults per mapping, most first; `pages` of a row counts (pid, page) pairs.
    public var faultRows: [FaultRow] {
        faults.sorted { a, b in a.value.count != b.value.count ? a.value.count > b.value.count : a.key < b.key }
            .map { FaultRow(mapping: $0.key, faults: $0.value.count, pages: $0.value.pages.count, kinds: $0.value.kinds) }
    }

    /// Distinct (pid, page) pairs touched in all.
    public var pagesTouched: Int { allPages.count }

    /// The table `strace -c` prints, line for line in its format.
    public func syscallTable() -> String {
        let rows = sortedCalls
        let totalNs = rows.reduce(UInt64(0)) { $0 &+ $1.value.nanoseconds }
        let totalCalls = rows.reduce(0) { $0 + $1.value.calls }
        let totalErrors = rows.reduce(0) { $0 + $1.value.errors }
        let totalSeconds = Double(totalNs) / 1e9
        func avgMicros(_ ns: UInt64, _ n: Int) -> UInt64 { n == 0 ? 0 : UInt64(Double(ns) / Double(n) / 1000) }
        let maxAvg = rows.map { avgMicros($0.value.nanoseconds, $0.value.calls) }.max() ?? 0
        let nameMax = rows.map { SyscallFormatter.displayName($0.key).count }.max() ?? 0
        let w = (pct: 6,
                 sec: max(11, String(format: "%.6f", totalSeconds).count),
                 avg: max(11, String(maxAvg).count),
                 calls: max(9, String(totalCalls).count),
                 errors: max(9, String(totalErrors).count),
                 name: max(16, nameMax + 1))
        func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : String(repeating: " ", count: width - s.count) + s }
        func row(_ p: String, _ s: String, _ a: String, _ c: String, _ e: String, _ n: String) -> String {
            [pad(p, w.pct), pad(s, w.sec), pad(a, w.avg), pad(c, w.calls), pad(e, w.errors), n].joined(separator: " ")
        }
        let divider = [w.pct, w.sec, w.avg, w.calls, w.errors, w.name].map { String(repeating: "-", count: $0) }
            .joined(separator: " ")
        var lines = [row("% time", "seconds", "usecs/call", "calls", "errors", "syscall"), divider]
        for (nr, c) in rows {
            let seconds = Double(c.nanoseconds) / 1e9
            let percent = seconds == 0 ? 0 : 100 * seconds / totalSeconds
            lines.append(row(String(format: "%.2f", percent), String(format: "%.6f", seconds),
                             String(avgMicros(c.nanoseconds, c.calls)), String(c.calls),
                             c.errors == 0 ? "" : String(c.errors), SyscallFormatter.displayName(nr)))
        }
        lines.append(divider)
        lines.append(row("100.00", String(format: "%.6f", totalSeconds), String(avgMicros(totalNs, totalCalls)),
                         String(totalCalls), totalErrors == 0 ? "" : String(totalErrors), "total"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Page faults by mapping and by kind, and the pages touched.
    public func pageFaultSummary() -> String {
        let total = pageFaultCount
        guard total > 0 else { return "page faults: none recorded\n" }
        var kindTotals = [Int](repeating: 0, count: PageFaultKind.allCases.count)
        for f in faults.values { for i in kindTotals.indices { kindTotals[i] += f.kinds[i] } }
        let kinds = PageFaultKind.allCases.map { "\($0.name) \(kindTotals[Int($0.rawValue)])" }.joined(separator: ", ")
        var lines = ["page faults: \(total) (\(kinds)); pages touched: \(allPages.count) (\(allPages.count * 4) KiB)", ""]
        let headers = ["faults", "pages"] + PageFaultKind.allCases.map(\.name)
        let rows = faults.sorted { a, b in a.value.count != b.value.count ? a.value.count > b.value.count : a.key < b.key }
        var widths = headers.map { max($0.count, String(total).count) }
        widths[1] = max(widths[1], String(allPages.count).count)
        func line(_ cells: [String], _ name: String) -> String {
            zip(cells, widths).map { c, w in String(repeating: " ", count: max(0, w - c.count)) + c }.joined(separator: " ")
                + " " + name
        }
        lines.append(line(headers, "mapping"))
        for (name, f) in rows {
            lines.append(line([String(f.count), String(f.pages.count)] + f.kinds.map { String($0) },
                              name.isEmpty ? "[anonymous]" : name))
        }
        lines.append(line([String(total), String(allPages.count)] + kindTotals.map { String($0) }, "total"))
        if rearmed {
            // The last interval was cut short by the end of the run.
            lines.append("")
            lines.append("working set per --pf-rearm interval (pages touched): " +
                         intervals.enumerated().map { "\($0.offset + 1): \($0.element.count)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
