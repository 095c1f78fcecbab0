// strace's -e inject= and -e fault=: a call of the set fails with an errno, or returns a value,
// without running (dunetrace answers it itself, so no call reaches the kernel at all), on the
// invocations `when=` names. The live line ends with ` (INJECTED)`, as strace's does.
public struct SyscallInjection: Sendable {
    public enum Action: Sendable, Equatable {
        case error(Int32)
        case retval(Int64)
    }

    var syscalls: [Bool]
    var action: Action
    /// when=first[..last][+[step]]: 1-based invocations of each call.
    var first = 1, last = Int.max, step = 1

    /// Parses strace's `inject=SET:error=E|retval=N[:when=EXPR]` (`fault=` with error=ENOSYS by default).
    static func parse(_ spec: Substring, fault: Bool) throws(DunetraceError) -> SyscallInjection {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let setText = parts.first, !setText.isEmpty else { throw .usage("invalid system call '\(spec)'") }
        var negate = false
        var set = Substring(setText)
        if set.hasPrefix("!") { negate = true; set = set.dropFirst() }
        var syscalls = [Bool](repeating: false, count: 1024)
        for item in set.split(separator: ",") {
            for nr in try TraceFilter.syscalls(named: String(item)) where nr < 1024 { syscalls[nr] = true }
        }
        if negate { syscalls = syscalls.map { !$0 } }
        var action: Action? = fault ? .error(38) : nil  // ENOSYS
        var injection = SyscallInjection(syscalls: syscalls, action: .error(38))
        var sawErrorOrRetval = false
        for option in parts.dropFirst() {
            let kv = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { throw .usage("invalid inject argument '\(option)'") }
            switch kv[0] {
            case "error":
                guard !sawErrorOrRetval else { throw .usage("invalid inject argument '\(option)': error= and retval= together") }
                guard let e = errnoNumber(kv[1]) else { throw .usage("invalid inject argument '\(option)'") }
                action = .error(e)
                sawErrorOrRetval = true
            case "retval":
                guard !fault, !sawErrorOrRetval, let v = Int64(kv[1]), v >= 0 else { throw .usage("invalid inject argument '\(option)'") }
                action = .retval(v)
                sawErrorOrRetval = true
            case "when":
                try injection.parseWhen(kv[1])
            default:
                throw .usage("-e \(fault ? "fault" : "inject"): '\(kv[0])=' is not supported by dunetrace")
            }
        }
        guard let action else { throw .usage("invalid inject argument '\(spec)': error= or retval= is needed") }
        injection.action = action
        return injection
    }

    private static func errnoNumber(_ text: String) -> Int32? {
        if let n = Int32(text), n > 0, n < 4096 { return n }
        for n in 1..<4096 where Errno.name(n) == text { return Int32(n) }
        return nil
    }

    /// first[..last][+[step]]
    private mutating func parseWhen(_ text: String) throws(DunetraceError) {
        var rest = Substring(text)
        func number() -> Int? {
            let digits = rest.prefix { $0.isNumber }
            rest = rest.dropFirst(digits.count)
            return Int(digits)
        }
        guard let f = number(), f >= 1, f <= 65535 else { throw .usage("invalid inject argument 'when=\(text)'") }
        first = f
        last = f
        step = 0
        if rest.hasPrefix("..") {
            rest = rest.dropFirst(2)
            guard let l = number(), l >= f, l <= 65535 else { throw .usage("invalid inject argument 'when=\(text)'") }
            last = l
            step = 1
        }
        if rest.hasPrefix("+") {
            rest = rest.dropFirst()
            if last == first { last = Int.max }
            if rest.isEmpty { step = 1 } else {
                guard let s = number(), s >= 1, s <= 65535 else { throw .usage("invalid inject argument 'when=\(text)'") }
                step = s
            }
        }
        guard rest.isEmpty else { throw .usage("invalid inject argument 'when=\(text)'") }
    }

    /// Whether the `invocation`th call (1-based) of `nr` is injected.
    func applies(_ nr: Int, invocation n: Int) -> Bool {
        guard nr >= 0, nr < syscalls.count, syscalls[nr], n >= first, n <= last else { return false }
        return step == 0 ? n == first : (n - first) % step == 0
    }

    /// The result the call returns.
    var result: Int64 {
        switch action {
        case .error(let e): return -Int64(e)
        case .retval(let v): return v
        }
    }
}
