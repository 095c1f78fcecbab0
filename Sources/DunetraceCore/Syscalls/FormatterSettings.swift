// What strace's printing options ask of the decoder (-s, -X, -x, -v, -e verbose/abbrev/raw=):
// one value the live run and replay both hand to SyscallFormatter.

public struct FormatterSettings: Sendable, Equatable {
    /// -s: bytes of a string or buffer shown before `...`.
    public var stringLimit = 32
    /// -X raw|abbrev|verbose (--const-print-style).
    public var constStyle = ConstStyle.abbrev
    /// -x, -xx, --strings-in-hex=.
    public var stringsInHex = StringsInHex.none
    /// -e abbrev=SET (-v is abbrev=none): calls whose structures print abbreviated.
    public var abbreviated = SyscallSet(all: true)
    /// -e verbose=SET: calls whose structures are decoded at all (others print their addresses).
    public var dereferenced = SyscallSet(all: true)
    /// -e raw=SET: calls whose arguments print as hex numbers, undecoded.
    public var raw = SyscallSet(all: false)

    public init() {}

    /// Applies `-e abbrev=SET`, `-e verbose=SET`, `-e raw=SET` (and their short qualifiers a=,
    /// v=, x=); false for any other qualifier, which is not the decoder's.
    public mutating func apply(expression: String) throws(DunetraceError) -> Bool {
        guard let eq = expression.firstIndex(of: "=") else { return false }
        let qualifier = expression[..<eq], value = expression[expression.index(after: eq)...]
        switch qualifier {
        case "abbrev", "a": abbreviated = try SyscallSet(value, qualifier: "abbrev")
        case "verbose", "v": dereferenced = try SyscallSet(value, qualifier: "verbose")
        case "raw", "x": raw = try SyscallSet(value, qualifier: "raw")
        default: return false
        }
        return true
    }
}

/// strace -x levels: which strings print as `\x` escapes.
public enum StringsInHex: String, Sendable, CaseIterable {
    case none
    /// -x, --strings-in-hex=non-ascii: a string with any non-ASCII byte prints all in hex.
    case nonASCII = "non-ascii"
    /// --strings-in-hex=non-ascii-chars: only the non-printable bytes in hex.
    case nonASCIIChars = "non-ascii-chars"
    /// -xx, --strings-in-hex=all: every byte in hex.
    case all
}

/// A set of system calls by number, as -e qualifiers name them.
public struct SyscallSet: Sendable, Equatable {
    private var members: [Bool]

    public init(all: Bool) { members = [Bool](repeating: all, count: 1024) }

    /// `[!]name,%class,all,none...`, as -e trace= reads it (strace's qualify_syscall_tokens:
    /// each leading `!` inverts, at least one name).
    public init(_ text: Substring, qualifier: String) throws(DunetraceError) {
        let (inverted, items) = try TraceFilter.syscallItems(text)
        var set = [Bool](repeating: false, count: 1024)
        for item in items {
            for nr in try TraceFilter.syscalls(named: item) where nr >= 0 && nr < set.count { set[nr] = true }
        }
        members = inverted ? set.map { !$0 } : set
    }

    public func contains(_ nr: Int) -> Bool { nr >= 0 && nr < members.count ? members[nr] : members[members.count - 1] }
}
