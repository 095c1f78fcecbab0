// strace's -e filters for the live text: trace=SET (names, /regex, ?name, %file, %network,
// %process, %memory, %signal, %desc, %ipc, %creds, %clock, %stat..., all, none, !negation, and
// dunetrace's %pf for page faults),
// status=SET (successful, failed, unfinished), read=FDS and write=FDS (hex dumps).
import Glibc

public struct TraceFilter: Sendable {
    private var traced: [Bool]
    private var showSuccessful = true
    private var showFailed = true
    private var showUnfinished = true

    /// -e signal=SET: the signals whose `--- SIGxxx ---` lines show; nil for all.
    public private(set) var signals: Set<Int32>?

    /// Whether the live text shows a delivered signal's line.
    public func showsSignal(_ sig: Int32) -> Bool { signals?.contains(sig) ?? true }

    /// strace's signal set: names with or without SIG in any case, numbers, all, none, ! to negate.
    public static func signalSet(_ text: Substring) throws(DunetraceError) -> Set<Int32> {
        var value = text
        var negate = false
        if value.hasPrefix("!") { negate = true; value = value.dropFirst() }
        var set = Set<Int32>()
        for item in value.split(separator: ",").map(String.init) {
            if item == "all" { set.formUnion((1...64).map { Int32($0) }); continue }
            if item == "none" { continue }
            if let n = Int32(item), n >= 1, n <= 64 { set.insert(n); continue }
            let upper = item.uppercased()
            let name = upper.hasPrefix("SIG") ? upper : "SIG" + upper
            guard let sig = FlagTables.signalNumber(name) else {
                throw .usage("invalid signal '\(item)'")  // strace's words
            }
            set.insert(sig)
        }
        return negate ? Set((1...64).map { Int32($0) }).subtracting(set) : set
    }

    /// Whether `--- #PF ---` lines show: -e trace= without %pf (or all) leaves them out.
    public private(set) var pageFaults = true

    /// -e read=FDS, -e write=FDS: the descriptors whose data is dumped after the line (IODump.swift).
    public private(set) var readDumps: Set<Int32> = []
    public private(set) var writeDumps: Set<Int32> = []

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
        if ["read", "reads", "r", "write", "writes", "w"].contains(qualifier) {
            let fds = try TraceFilter.descriptorSet(expr, qualifier: qualifier)
            if qualifier.hasPrefix("r") { readDumps = fds } else { writeDumps = fds }
            return
        }
        // -e quiet= is the run's (-q); here it only has to be valid, as replay reads it back.
        if ["quiet", "silent", "silence", "q"].contains(qualifier) { return }
        let whole = String(expr)
        var negate = false
        if expr.hasPrefix("!") { negate = true; expr = expr.dropFirst() }
        let items = expr.split(separator: ",").map(String.init)
        switch qualifier {
        case "trace", "t":
            let (inverted, items) = try TraceFilter.syscallItems(Substring(whole))
            var set = [Bool](repeating: false, count: 1024)
            // Page faults are in the set when it says so (%pf) or takes everything: an explicit
            // set of calls prints those calls alone, as strace's -e trace= does.
            var faults = false
            for item in items {
                if item == "%pf" || item == "all" { faults = true }
                if item == "%pf" { continue }
                for nr in try TraceFilter.syscalls(named: item) where nr < set.count { set[nr] = true }
            }
            traced = inverted ? set.map { !$0 } : set
            pageFaults = inverted ? !faults : faults
        case "status":
            var ok = false, failed = false, unfinished = false
            for item in items {
                switch item {
                case "successful": ok = true
                case "failed": failed = true
                case "unfinished": unfinished = true
                case "all": (ok, failed, unfinished) = (true, true, true)
                // No call here is detached from or loses its result: nothing to show or hide.
                case "none", "detached", "unavailable": break
                default: throw .usage("-e status: unknown status '\(item)'")
                }
            }
            (showSuccessful, showFailed, showUnfinished) = negate ? (!ok, !failed, !unfinished) : (ok, failed, unfinished)
        default:
            throw .usage("-e: unsupported qualifier '\(qualifier)' (trace=, status=, signal=, inject= and fault= are supported)")
        }
    }

    /// strace's qualify_syscall_tokens: each leading `!` inverts; `all` and `none` stand alone
    /// (as the items ["all"] and none); otherwise at least one comma-separated item, or
    /// "invalid system call '...'" naming the whole set.
    static func syscallItems(_ whole: Substring) throws(DunetraceError) -> (inverted: Bool, items: [String]) {
        var spec = whole
        var inverted = false
        while spec.hasPrefix("!") { inverted.toggle(); spec = spec.dropFirst() }
        if spec == "all" { return (inverted, ["all"]) }
        if spec == "none" { return (inverted, []) }
        let items = spec.split(separator: ",").map(String.init)
        if items.isEmpty { throw .usage("invalid system call '\(whole)'") }
        return (inverted, items)
    }

    /// One item of a syscall set: a name, a number, `/regex`, `%class` (or the class's bare
    /// name, as strace 6.1 accepts), `%%stat`; `?` before any of them: nothing if none match.
    static func syscalls(named item: String) throws(DunetraceError) -> [Int] {
        switch item {
        case "all": return Array(0..<1024)  // a legacy class name; `none` is no item (only a whole set)
        default: break
        }
        let optional = item.hasPrefix("?")
        var name = String(item.drop { $0 == "?" })
        // NAME@64, @32, @x32: one personality's calls (strace's qualify_syscall_separate_personality).
        if let at = name.lastIndex(of: "@") {
            let designator = String(name[name.index(after: at)...])
            guard ["64", "32", "x32"].contains(designator) else {
                throw .usage("incorrect personality designator '\(designator)' in qualification '\(name)'")
            }
            name = String(name[..<at])
            if designator != "64" {
                // Another personality: valid as strace knows it, and nothing in this one.
                _ = try syscalls(named: (optional ? "?" : "") + name)
                return []
            }
        }
        var found: [Int] = []
        if name.hasPrefix("/") {
            var re = regex_t()
            let rc = regcomp(&re, String(name.dropFirst()), REG_EXTENDED | REG_NOSUB)
            guard rc == 0 else {
                throw .usage("regcomp: \(name.dropFirst()): \(TraceFilter.regexError(&re, rc))")
            }
            defer { regfree(&re) }
            found = SyscallTable.entries.filter { regexec(&re, $0.name, 0, nil, 0) == 0 }.map(\.number)
            // Only other personalities' calls matched: nothing here, no error (strace's rule).
            if found.isEmpty && OtherPersonalityNames.names.contains(where: { regexec(&re, $0, 0, nil, 0) == 0 }) { return [] }
        } else if let nr = SyscallTable.number(name) {
            found = [nr]
        } else if name.first.map({ $0 >= "0" && $0 <= "9" }) == true, let nr = Int(name) {
            // A number strace 6.1 knows in one of its x86 personalities (x86_64, i386, x32);
            // one this personality lacks selects nothing here.
            guard validSyscallNumbers.contains(where: { $0.contains(nr) }) else {
                if optional { return [] }
                throw .usage("invalid system call '\(item)'")
            }
            return SyscallTable.entry(nr) != nil ? [nr] : []
        } else if let wanted = syscallClass(name) {
            found = SyscallTable.entries.filter { $0.classes.contains(wanted) }.map(\.number)
        } else if OtherPersonalityNames.names.contains(name) {
            return []  // i386's mmap2, x32's...: a call this personality does not have
        } else if !optional {
            throw .usage("invalid system call '\(item)'")
        }
        if found.isEmpty && !optional { throw .usage("invalid system call '\(item)'") }
        return found
    }

    /// The numbers strace 6.1 accepts in a set on x86_64: its x86_64, i386 and x32 tables.
    private static let validSyscallNumbers: [ClosedRange<Int>] = [0...386, 393...414, 416...450, 512...547]

    /// regerror's text for `code`, as strace's regerror_msg_and_die prints it.
    private static func regexError(_ re: inout regex_t, _ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        _ = regerror(code, &re, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `%file`, `file`, `%net`, `%%stat`, `%%statfs`.
    private static func syscallClass(_ text: String) -> SyscallClass? {
        switch text {
        case "%%stat": return .statLike
        case "%%statfs": return .statfsLike
        case "%net", "net": return .network
        case "%statLike", "statLike", "%statfsLike", "statfsLike": return nil
        default: return SyscallClass(rawValue: text.hasPrefix("%") ? String(text.dropFirst()) : text)
        }
    }

    /// strace's descriptor set for read= and write= (qualify_tokens): each leading ! negates
    /// the rest; then all or none alone, or numbers separated by commas. An invalid number is
    /// named alone; a list without any number, whole.
    static func descriptorSet(_ text: Substring, qualifier: String) throws(DunetraceError) -> Set<Int32> {
        var value = text
        var negate = false
        while value.hasPrefix("!") { negate.toggle(); value = value.dropFirst() }
        var set = Set<Int32>()
        let all = value == "all"
        if !all && value != "none" {
            for item in value.split(separator: ",") {
                guard let fd = Int32(item), fd >= 0 else { throw .usage("invalid descriptor '\(item)'") }
                set.insert(fd)
            }
            if set.isEmpty { throw .usage("invalid descriptor '\(text)'") }
        }
        // "All": every descriptor a target can have (its RLIMIT_NOFILE stays below 65536).
        let every = Set((0..<65536).map { Int32($0) })
        let chosen = all ? every : set
        return negate ? every.subtracting(chosen) : chosen
    }

    /// Whether the live text may show this call (with some result). A number strace 6.1 has
    /// no name for (`syscall_0x1c3`) shows whatever the set: no set can name it, and strace
    /// gives such a call its default flags (get_scno's stub entry).
    public func traces(_ nr: Int) -> Bool {
        (nr >= 0 && nr < traced.count && traced[nr]) || SyscallTable.entry(nr) == nil
    }

    /// Whether every result shows (no status=, -z or -Z): only then strace prints a call as it
    /// begins; otherwise the line waits for the result.
    public var showsEveryStatus: Bool { showSuccessful && showFailed && showUnfinished }

    /// Whether the live text shows this call with this result (nil: it did not return).
    public func shows(_ nr: Int, result: Int64?) -> Bool {
        guard traces(nr) else { return false }
        guard let r = result else { return showUnfinished }
        return r < 0 && r > -4096 ? showFailed : showSuccessful
    }
}
