// strace's -e inject= and -e fault=: a call of the set fails with an errno, or returns a value,
// without running (dunetrace answers it itself, so no call reaches the kernel at all), on the
// invocations `when=` names. The live line ends with ` (INJECTED)`, as strace's does. It may
// also wait before or after the call (delay_enter=, delay_exit=: ` (DELAYED)`) and raise a
// signal once the call is done (signal=, as strace: si_code SI_KERNEL), and write bytes where
// an argument points, before the call or after it (poke_enter=, poke_exit=: `(INJECTED: args)`).
public struct SyscallInjection: Sendable {
    public enum Action: Sendable, Equatable {
        case error(Int32)
        case retval(Int64)
    }

    var syscalls: [Bool]
    /// error= or retval=; nil when the call runs (signal= or a delay alone).
    var action: Action?
    var signal: Int32?
    /// Microseconds to wait before the call runs, and after.
    var delayEnter: UInt64?
    var delayExit: UInt64?
    /// poke_enter=@argN=HEX,...: the bytes written at argument N (1-based) before the call, and after.
    var pokeEnter: [(argument: Int, bytes: [UInt8])] = []
    var pokeExit: [(argument: Int, bytes: [UInt8])] = []
    /// when=first[..last][+[step]]: 1-based invocations of each call.
    var first = 1, last = Int.max, step = 1

    /// Parses strace's `inject=SET:error=E|retval=N[:when=EXPR]` (`fault=` with error=ENOSYS by default).
    static func parse(_ spec: Substring, fault: Bool) throws(DunetraceError) -> SyscallInjection {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        // The set as -e trace= reads it (strace's qualify_syscall_tokens).
        let set = try SyscallSet(Substring(parts.first ?? ""), qualifier: fault ? "fault" : "inject")
        let syscalls = (0..<1024).map { set.contains($0) }
        var action: Action?
        var injection = SyscallInjection(syscalls: syscalls, action: nil)
        var sawErrorOrRetval = false, sawOther = false
        // strace names the qualifier ("invalid fault argument" for -e fault=) and the whole
        // expression, whichever part of it is wrong.
        let invalid = fault ? "invalid fault argument" : "invalid inject argument"
        var seen = Set<String>()
        for option in parts.dropFirst() {
            let kv = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { throw .usage("\(invalid) '\(spec)'") }
            // strace takes each key once (error=1:error=2, when= twice, signal= twice...).
            guard seen.insert(kv[0]).inserted else { throw .usage("\(invalid) '\(spec)'") }
            switch kv[0] {
            case "error":
                guard !sawErrorOrRetval else { throw .usage("\(invalid) '\(spec)'") }
                guard let e = errnoNumber(kv[1]) else { throw .usage("\(invalid) '\(spec)'") }
                action = .error(e)
                sawErrorOrRetval = true
            case "retval":
                // A kernel_ulong_t: any 64-bit value, the register as the target gets it.
                guard !fault, !sawErrorOrRetval, let v = integer(kv[1]) else { throw .usage("\(invalid) '\(spec)'") }
                action = .retval(Int64(bitPattern: v))
                sawErrorOrRetval = true
            case "when":
                do { try injection.parseWhen(kv[1]) } catch { throw .usage("\(invalid) '\(spec)'") }
            case "signal":
                guard !fault, let sig = try? TraceFilter.signalSet(Substring(kv[1])), sig.count == 1, !kv[1].hasPrefix("!"),
                      kv[1] != "all" else { throw .usage("\(invalid) '\(spec)'") }
                injection.signal = sig.first
                sawOther = true
            case "delay_enter", "delay_exit":
                guard !fault, let us = microseconds(kv[1]) else { throw .usage("\(invalid) '\(spec)'") }
                if kv[0] == "delay_enter" { injection.delayEnter = us } else { injection.delayExit = us }
                sawOther = true
            case "poke_enter", "poke_exit":
                guard !fault, (kv[0] == "poke_enter" ? injection.pokeEnter : injection.pokeExit).isEmpty,
                      let pokes = pokes(kv[1]) else { throw .usage("\(invalid) '\(spec)'") }
                if kv[0] == "poke_enter" { injection.pokeEnter = pokes } else { injection.pokeExit = pokes }
                sawOther = true
            case "syscall":
                // As strace: only a call that takes nothing and always succeeds may stand in,
                // so running it instead changes nothing but the result, which is injected.
                guard let nr = SyscallTable.number(kv[1]), SyscallTable.entry(nr)?.classes.contains(.pure) == true else {
                    throw .usage("\(invalid) '\(spec)'")
                }
            default:
                throw .usage("\(invalid) '\(spec)'")
            }
        }
        if fault && action == nil { action = .error(38) }  // ENOSYS
        guard action != nil || sawOther else { throw .usage("\(invalid) '\(spec)'") }
        injection.action = action
        return injection
    }

    /// strtoull's base 0: decimal, 0x hex, 0 octal.
    private static func integer(_ text: String) -> UInt64? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
        if text.count > 1 && text.hasPrefix("0") { return UInt64(text.dropFirst(), radix: 8) }
        return UInt64(text)
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
        guard let f = number(), f >= 1, f <= 65535 else { throw .usage("when=\(text)") }
        first = f
        last = f
        step = 0
        let ranged = rest.hasPrefix("..")
        if ranged {
            rest = rest.dropFirst(2)
            // 65535 is strace's INJECT_LAST_INF ("no last"): a last one is below it.
            guard let l = number(), l >= f, l < 65535 else { throw .usage("when=\(text)") }
            last = l
            step = 1
        }
        if rest.hasPrefix("+") {
            rest = rest.dropFirst()
            // N+ runs on for ever; N..M+ (M equal to N too) stops at M.
            if !ranged { last = Int.max }
            if rest.isEmpty { step = 1 } else {
                guard let s = number(), s >= 1, s <= 65535 else { throw .usage("when=\(text)") }
                step = s
            }
        }
        guard rest.isEmpty else { throw .usage("when=\(text)") }
    }

    /// Whether the `invocation`th call (1-based) of `nr` is injected.
    func applies(_ nr: Int, invocation n: Int) -> Bool {
        guard nr >= 0, nr < syscalls.count, syscalls[nr], n >= first, n <= last else { return false }
        return step == 0 ? n == first : (n - first) % step == 0
    }

    /// The result the call returns instead of running; nil when it runs.
    var result: Int64? {
        switch action {
        case .error(let e): return -Int64(e)
        case .retval(let v): return v
        case nil: return nil
        }
    }

    /// `@arg2=41424344,@arg3=00`: each argument once, an even number of hex digits (at most 4096 bytes).
    private static func pokes(_ text: String) -> [(argument: Int, bytes: [UInt8])]? {
        var out: [(argument: Int, bytes: [UInt8])] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            // strace's parse_poke_token: one digit 1-7, then `=` and 1 to 1024 bytes in hex.
            guard item.hasPrefix("@arg"), let eq = item.firstIndex(of: "="),
                  item.distance(from: item.startIndex, to: eq) == 5,
                  let n = Int(item[item.index(item.startIndex, offsetBy: 4)..<eq]), n >= 1, n <= 7,
                  !out.contains(where: { $0.argument == n }) else { return nil }
            let hex = Array(item[item.index(after: eq)...].utf8)
            guard !hex.isEmpty, hex.count % 2 == 0, hex.count <= 2048 else { return nil }
            var bytes: [UInt8] = []
            for i in stride(from: 0, to: hex.count, by: 2) {
                guard let b = UInt8(String(decoding: hex[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(b)
            }
            out.append((n, bytes))
        }
        return out.isEmpty ? nil : out
    }

    /// What strace marks after the result (SyscallEvent.markText): a result (` (INJECTED)`),
    /// pokes (` (INJECTED: args)`), both, and a delay (` (DELAYED)`).
    var marks: UInt8 {
        var m: UInt8 = 0
        if action != nil { m |= SyscallEvent.Marks.injected }
        if case .retval = action { m |= SyscallEvent.Marks.value }
        if !pokeEnter.isEmpty || !pokeExit.isEmpty { m |= SyscallEvent.Marks.poked }
        if delayEnter != nil || delayExit != nil { m |= SyscallEvent.Marks.delayed }
        return m
    }

    /// strace's delay (parse_ts): microseconds, or a number with s, ms, us or ns; a number
    /// with a fraction or an exponent (`8e5`, `1.5ms`) too.
    private static func microseconds(_ text: String) -> UInt64? {
        let floatChars = text.prefix { "eE.-+0123456789".contains($0) }
        let intChars = text.prefix { "+0123456789".contains($0) }
        let scale: [String: Double] = ["": 1, "us": 1, "s": 1_000_000, "ms": 1000, "ns": 0.001]
        if floatChars.count > intChars.count {
            // strtod's longest number in the accepted characters, the rest a unit.
            for end in stride(from: floatChars.count, to: 0, by: -1) {
                guard let v = Double(floatChars.prefix(end)), v >= 0,
                      let unit = scale[String(text.dropFirst(end))] else { continue }
                let us = v * unit
                return us.isFinite && us < 1.8e19 ? UInt64(us) : nil
            }
            return nil
        }
        let digits = intChars.hasPrefix("+") ? intChars.dropFirst() : intChars
        guard let n = UInt64(digits), let unit = scale[String(text.dropFirst(intChars.count))] else { return nil }
        if unit < 1 { return n / 1000 }
        let (v, overflow) = n.multipliedReportingOverflow(by: UInt64(unit))
        return overflow ? nil : v
    }
}
