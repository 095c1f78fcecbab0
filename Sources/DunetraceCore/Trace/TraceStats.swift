// `dunetrace stat` and `dunetrace -c`: the strace -c table (% time, seconds, usecs/call, calls,
// errors, syscall; sorted by time, as strace sorts it) and a page-fault summary (by mapping and
// by kind, pages touched).
import Foundation

public struct TraceStatistics: Sendable {
    struct Calls: Sendable {
        var calls = 0, errors = 0
        var nanoseconds: UInt64 = 0, shortest: UInt64 = .max, longest: UInt64 = 0
    }
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

    /// -O: nanoseconds taken off each call's time, as strace does before it adds it up.
    public var overhead: UInt64 = 0

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
            let ns = e.exitTime > e.entryTime ? e.exitTime - e.entryTime : 0
            let counted = ns > overhead ? ns - overhead : 0
            addSyscalls(number: e.number, calls: 1, errors: v < 0 && v >= -4095 ? 1 : 0,
                        nanoseconds: counted, shortest: counted, longest: counted)
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
    /// `shortest` and `longest`: the least and most time one of them took.
    public mutating func addSyscalls(number: Int, calls n: Int, errors: Int, nanoseconds: UInt64,
                                     shortest: UInt64 = .max, longest: UInt64 = 0) {
        var c = calls[number] ?? Calls()
        c.calls += n
        c.errors += errors
        c.nanoseconds &+= nanoseconds
        c.shortest = min(c.shortest, shortest)
        c.longest = max(c.longest, longest)
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

    /// The table `strace -c` prints, line for line in its format (count.c's
    /// call_summary_pers): the layout's columns, its rows in the layout's order.
    public func syscallTable(_ layout: SummaryLayout = SummaryLayout()) -> String {
        typealias Column = SummaryLayout.Column
        let counted = calls.filter { $0.value.calls > 0 }
        let totalNs = counted.values.reduce(UInt64(0)) { $0 &+ $1.nanoseconds }
        let totalCalls = counted.values.reduce(0) { $0 + $1.calls }
        let totalErrors = counted.values.reduce(0) { $0 + $1.errors }
        let totalSeconds = Double(totalNs) / 1e9
        func avg(_ c: Calls) -> UInt64 { c.calls == 0 ? 0 : c.nanoseconds / UInt64(c.calls) }
        let shortest = counted.values.map(\.shortest).min() ?? 0
        let shortestMax = counted.values.map(\.shortest).max() ?? 0
        let longest = counted.values.map(\.longest).max() ?? 0
        let avgMax = counted.values.map(avg).max() ?? 0
        let names = Dictionary(uniqueKeysWithValues: counted.keys.map { ($0, SyscallFormatter.displayName($0)) })
        let rows = counted.sorted { a, b in
            let (x, y) = (a.value, b.value)
            switch layout.sortBy {
            case .totalTime?, .timePercent?: if x.nanoseconds != y.nanoseconds { return x.nanoseconds > y.nanoseconds }
            case .minTime?: if x.shortest != y.shortest { return x.shortest > y.shortest }
            case .maxTime?: if x.longest != y.longest { return x.longest > y.longest }
            case .avgTime?: if avg(x) != avg(y) { return avg(x) > avg(y) }
            case .calls?: if x.calls != y.calls { return x.calls > y.calls }
            case .errors?: if x.errors != y.errors { return x.errors > y.errors }
            case .name?: if names[a.key]! != names[b.key]! { return names[a.key]! < names[b.key]! }
            case nil: break
            }
            return a.key < b.key
        }
        func seconds(_ ns: UInt64) -> String { String(format: "%.6f", Double(ns) / 1e9) }
        let header: [Column: String] = [.timePercent: "% time", .totalTime: "seconds", .minTime: "shortest", .maxTime: "longest",
                                        .avgTime: "usecs/call", .calls: "calls", .errors: "errors", .name: "syscall"]
        let widths: [Column: Int] = [
            .timePercent: 6, .totalTime: max(11, String(format: "%.6f", totalSeconds).count),
            .minTime: max(8, "\(shortestMax / 1_000_000_000).000000".count),
            .maxTime: max(7, "\(longest / 1_000_000_000).000000".count),
            .avgTime: max(11, String(avgMax / 1000).count), .calls: max(9, String(totalCalls).count),
            .errors: max(9, String(totalErrors).count), .name: max(16, (names.values.map(\.count).max() ?? 0) + 1),
        ]
        let columns = layout.columns
        func line(_ cells: (Column) -> String) -> String {
            columns.enumerated().map { i, c in
                let text = cells(c), width = widths[c]!
                if c == .name { return i == columns.count - 1 ? text : text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
                return text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
            }.joined(separator: " ")
        }
        let divider = columns.map { String(repeating: "-", count: widths[$0]!) }.joined(separator: " ")
        var lines = [line { header[$0]! }, divider]
        for (nr, c) in rows {
            let percent = c.nanoseconds == 0 || totalNs == 0 ? 0 : 100 * Double(c.nanoseconds) / Double(totalNs)
            lines.append(line { column in
                switch column {
                case .timePercent: String(format: "%.2f", percent)
                case .totalTime: seconds(c.nanoseconds)
                case .minTime: seconds(c.shortest)
                case .maxTime: seconds(c.longest)
                case .avgTime: String(avg(c) / 1000)
                case .calls: String(c.calls)
                case .errors: c.errors == 0 ? "" : String(c.errors)
                case .name: names[nr]!
                }
            })
        }
        lines.append(divider)
        lines.append(line { column in
            switch column {
            case .timePercent: "100.00"
            case .totalTime: seconds(totalNs)
            case .minTime: seconds(counted.isEmpty ? 0 : shortest)
            case .maxTime: seconds(longest)
            case .avgTime: String(totalCalls == 0 ? 0 : UInt64(totalSeconds / Double(totalCalls) * 1e6))
            case .calls: String(totalCalls)
            case .errors: totalErrors == 0 ? "" : String(totalErrors)
            case .name: "total"
            }
        })
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
