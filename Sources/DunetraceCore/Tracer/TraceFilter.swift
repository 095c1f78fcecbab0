// strace's -e filters for the live text: trace=SET (names, %file, %network, %process,
// %memory, %signal, %desc, %ipc, %creds, %clock, all, none, !negation) and status=SET
// (successful, failed, unfinished).
public struct TraceFilter: Sendable {
    private var traced: [Bool]
    private var showSuccessful = true
    private var showFailed = true
    private var showUnfinished = true

    /// -e signal=SET: the signals whose `--- SIGxxx ---` lines show; nil for all.
    public private(set) var signals: Set<Int32>?

    /// Whether the live text shows a delivered signal's line.
    public func showsSignal(_ sig: Int32) -> Bool { signals?.contains(sig) ?? true }

    /// strace's signal set: names with or without SIG, numbers, all, none, ! to negate.
    public static func signalSet(_ text: Substring) throws(DunetraceError) -> Set<Int32> {
        var value = text
        var negate = false
        if value.hasPrefix("!") { negate = true; value = value.dropFirst() }
        var set = Set<Int32>()
        for item in value.split(separator: ",").map(String.init) {
            if item == "all" { set.formUnion((1...64).map { Int32($0) }); continue }
            if item == "none" { continue }
            if let n = Int32(item), n >= 1, n <= 64 { set.insert(n); continue }
            let name = item.hasPrefix("SIG") ? item : "SIG" + item
            guard let sig = (Int32(1)...64).first(where: { signalName($0) == name }) else {
                throw .usage("-e signal: unknown signal '\(item)'")
            }
            set.insert(sig)
        }
        return negate ? Set((1...64).map { Int32($0) }).subtracting(set) : set
    }

    /// -e inject= and -e fault= (SyscallInjection.swift), in the order given.
    public private(set) var injections: [SyscallInjection] = []

    public init() { traced = [Bool](repeating: true, count: 1024) }

    /// Applies one -e expression; throws a one-line message for a bad one.
    public mutating func apply(_ expression: String) throws(DunetraceError) {
        var expr = Substring(expression)
        var qualifier = "trace"
        if let eq = expr.firstIndex(of: "=") {
            qualifier = String(expr[..<eq])
            expr = expr[expr.index(after: eq)...]
        }
        if ["signal", "signals", "s"].contains(qualifier) {
            signals = try TraceFilter.signalSet(expr)
            return
        }
        if qualifier == "inject" || qualifier == "fault" {
            injections.append(try SyscallInjection.parse(expr, fault: qualifier == "fault"))
            return
        }
        var negate = false
        if expr.hasPrefix("!") { negate = true; expr = expr.dropFirst() }
        let items = expr.split(separator: ",").map(String.init)
        switch qualifier {
        case "trace", "t":
            var set = [Bool](repeating: false, count: 1024)
            for item in items {
                for nr in try TraceFilter.syscalls(named: item) where nr < set.count { set[nr] = true }
            }
            traced = negate ? set.map { !$0 } : set
        case "status":
            var ok = false, failed = false, unfinished = false
            for item in items {
                switch item {
                case "successful": ok = true
                case "failed": failed = true
                case "unfinished": unfinished = true
                case "all": (ok, failed, unfinished) = (true, true, true)
                case "none": break
                default: throw .usage("-e status: unknown status '\(item)'")
                }
            }
            (showSuccessful, showFailed, showUnfinished) = negate ? (!ok, !failed, !unfinished) : (ok, failed, unfinished)
        default:
            throw .usage("-e: unsupported qualifier '\(qualifier)' (trace=, status=, signal=, inject= and fault= are supported)")
        }
    }

    static func syscalls(named item: String) throws(DunetraceError) -> [Int] {
        switch item {
        case "all": return Array(0..<1024)
        case "none": return []
        default: break
        }
        if item.hasPrefix("%") || item.hasPrefix("?%") {
            let name = String(item.drop { $0 == "?" || $0 == "%" })
            let wanted: SyscallClass? = name == "net" ? .network : SyscallClass(rawValue: name)
            guard let wanted else { throw .usage("-e trace: unknown class '%\(name)'") }
            return SyscallTable.entries.filter { $0.classes.contains(wanted) }.map(\.number)
        }
        guard let nr = SyscallTable.number(item) else { throw .usage("-e trace: unknown system call '\(item)'") }
        return [nr]
    }

    /// Whether the live text may show this call (with some result).
    public func traces(_ nr: Int) -> Bool { nr >= 0 && nr < traced.count && traced[nr] }

    /// Whether the live text shows this call with this result (nil: it did not return).
    public func shows(_ nr: Int, result: Int64?) -> Bool {
        guard nr >= 0, nr < traced.count, traced[nr] else { return false }
        guard let r = result else { return showUnfinished }
        return r < 0 && r > -4096 ? showFailed : showSuccessful
    }
}
