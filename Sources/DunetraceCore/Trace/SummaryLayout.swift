// What -c's table shows and how (strace 6.1's -S, -U, -O and -w, here --summary-wall-clock):
// its columns, the order of its rows, an overhead taken off every call's time, and whether a
// call's time is the CPU time the host spent on it (strace's system time) or wall-clock time.
// The names are strace's, every alias of them.

public struct SummaryLayout: Sendable, Equatable {
    public enum Column: Sendable, Equatable, CaseIterable {
        case timePercent, totalTime, minTime, maxTime, avgTime, calls, errors, name
    }

    public var columns: [Column] = [.timePercent, .totalTime, .avgTime, .calls, .errors, .name]
    /// nil: in system call number order (`-S nothing`).
    public var sortBy: Column? = .totalTime
    /// -O: nanoseconds taken off each call's time (not below zero).
    public var overhead: UInt64 = 0
    /// --summary-wall-clock: wall-clock time in each call, not the CPU time spent on it.
    public var wallClock = false

    public init() {}

    /// strace's column_aliases (count.c); "none"/"nothing" only sort.
    static let aliases: [(String, Column?)] = [
        ("time", .timePercent), ("time_percent", .timePercent), ("time-percent", .timePercent),
        ("time_total", .totalTime), ("time-total", .totalTime), ("total_time", .totalTime), ("total-time", .totalTime),
        ("min_time", .minTime), ("min-time", .minTime), ("shortest", .minTime), ("time_min", .minTime), ("time-min", .minTime),
        ("longest", .maxTime), ("max_time", .maxTime), ("max-time", .maxTime), ("time_max", .maxTime), ("time-max", .maxTime),
        ("avg_time", .avgTime), ("avg-time", .avgTime), ("time_avg", .avgTime), ("time-avg", .avgTime),
        ("calls", .calls), ("count", .calls), ("error", .errors), ("errors", .errors),
        ("name", .name), ("syscall", .name), ("syscall_name", .name), ("syscall-name", .name),
        ("none", nil), ("nothing", nil),
    ]

    /// -S SORTBY: the column rows are sorted by (time and % time sort alike), nil for none.
    public static func sortKey(_ text: String) -> Column?? {
        guard let found = aliases.first(where: { $0.0 == text }) else { return nil }
        // % time sorts as the total time does.
        return .some(found.1 == .timePercent ? .totalTime : found.1)
    }

    /// -U COLUMNS: the columns, in order; the name column is added last when not given.
    /// The error names the column strace's message names.
    public static func columns(_ text: String) -> Result<[Column], ColumnError> {
        var out: [Column] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            guard let found = aliases.first(where: { $0.0 == part }), let column = found.1 else {
                return .failure(.unknown(part))
            }
            if out.contains(column) { return .failure(.repeated(part)) }
            out.append(column)
        }
        if !out.contains(.name) { out.append(.name) }
        return .success(out)
    }

    public enum ColumnError: Error, Equatable { case unknown(String), repeated(String) }

    /// -O OVERHEAD: strace's parse_ts, a number of seconds or one with a unit (s, ms, us, ns),
    /// integer or floating point; nil when it is not one.
    public static func overhead(_ text: String) -> UInt64? {
        let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("ms", 1e6), ("s", 1e9), ("", 1e9)]
        let number = text.prefix { "eE.-+0123456789".contains($0) }
        let integerPart = text.prefix { "+0123456789".contains($0) }
        let isFloat = number.count > integerPart.count
        let digits = isFloat ? number : integerPart
        let suffix = String(text.dropFirst(digits.count))
        guard !digits.isEmpty, let scale = units.first(where: { $0.0 == suffix })?.1 else { return nil }
        if isFloat {
            guard let value = Double(digits), value >= 0, value.isFinite, value * scale < 1.8e19 else { return nil }
            return UInt64(value * scale)
        }
        guard let value = UInt64(digits.hasPrefix("+") ? String(digits.dropFirst()) : String(digits)),
              Double(value) * scale < 1.8e19 else { return nil }
        return value &* UInt64(scale)
    }
}
