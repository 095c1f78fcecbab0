// Parsing strace's text (and dunetrace's live text, which has the same shape): `strace -f -o`
// logs (`1234  openat(...) = 3`), stderr logs (`[pid  1234] ...`), timestamps (-t/-tt/-ttt),
// durations (-T), and `<unfinished ...>` / `<... NAME resumed>` pairs joined back into one call.
// Any input is accepted: what is not a call, a signal or an exit is kept as `.other`.

/// One event of a strace-style log.
public struct StraceEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `name(args) = result`: the arguments split at top-level commas, the result text
        /// (`3`, `-1 ENOENT (No such file or directory)`, `?`).
        case syscall(name: String, args: [String], result: String)
        /// `--- SIGCHLD {si_signo=...} ---`: the signal name and its siginfo text.
        case signal(name: String, info: String)
        /// `--- #PF {...} ---` (dunetrace only).
        case pageFault(String)
        case exited(status: Int)
        case killed(signal: String)
        case other(String)
    }

    /// The task from the line's prefix; nil when the line has none.
    public var pid: Int32?
    public var kind: Kind
    /// The line without prefix, timestamp and duration (an unfinished call joined with its end).
    public var text: String

    public init(pid: Int32?, kind: Kind, text: String) { (self.pid, self.kind, self.text) = (pid, kind, text) }
}

public enum StraceLog {
    /// Every event of a log, in the order the calls began.
    public static func parse(_ text: String) -> [StraceEvent] {
        var out: [StraceEvent] = []
        var pending: [Int32: Int] = [:]       // task -> index in `out` of its unfinished call
        var pendingText: [Int32: String] = [:]
        let rawLines = text.split(separator: "\n", omittingEmptySubsequences: true)
        var index = 0
        while index < rawLines.count {
            var line = Substring(rawLines[index])
            index += 1
            if line.last == "\r" { line = line.dropLast() }
            // strace -f on stderr: "strace: Process N attached" lands inside the line of the
            // clone that made N, whose rest follows on the next line.
            if let note = line.firstRange(of: "strace: Process ") {
                let before = line[..<note.lowerBound]
                if before.isEmpty { continue }
                line = before
                if index < rawLines.count, let next = rawLines[index].first, next == "," || next == ")" {
                    line = Substring(String(before) + rawLines[index])
                    index += 1
                }
            }
            let (pid, body) = stripPrefix(line)
            let task = pid ?? -1
            if body.hasSuffix("<unfinished ...>") {
                var start = body.dropLast("<unfinished ...>".count)
                if start.last == " " { start = start.dropLast() }
                pendingText[task] = String(start)
                pending[task] = out.count
                out.append(StraceEvent(pid: pid, kind: .other(String(start)), text: String(start)))
                continue
            }
            if body.hasPrefix("<... "), let close = body.dropFirst(5).firstRange(of: " resumed>") {
                let rest = body[close.upperBound...]
                let joined = (pendingText[task] ?? String(body.dropFirst(5)[..<close.lowerBound]) + "(")
                    + String(rest.hasPrefix(" ") && (pendingText[task]?.hasSuffix("(") ?? false) ? rest.dropFirst() : rest)
                let event = classify(pid: pid, Substring(joined))
                if let i = pending[task] { out[i] = event } else { out.append(event) }
                pending[task] = nil
                pendingText[task] = nil
                continue
            }
            out.append(classify(pid: pid, body))
        }
        // Calls that never resumed (the task was killed): shown without a result.
        for (_, i) in pending {
            if case .other(let start) = out[i].kind, let call = splitCall(Substring(start + ") = ?")) {
                out[i].kind = .syscall(name: call.name, args: call.args, result: "?")
                out[i].text = start + ") = ?"
            }
        }
        return out
    }

    /// The task of a line's prefix (`[pid N] `, or `N ` as `strace -f -o` writes it) and the
    /// rest, without a timestamp.
    static func stripPrefix(_ line: Substring) -> (Int32?, Substring) {
        var s = line
        var pid: Int32?
        if s.hasPrefix("[pid ") {
            let after = s.dropFirst(5).drop { $0 == " " }
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, after.dropFirst(digits.count).hasPrefix("]") {
                pid = Int32(digits)
                s = after.dropFirst(digits.count + 1).drop { $0 == " " }
            }
        } else {
            let digits = s.prefix { $0.isASCII && $0.isNumber }
            let rest = s.dropFirst(digits.count)
            // `1234  openat(` but not `1700000000.123456 openat(` (a -ttt timestamp).
            if !digits.isEmpty, digits.count <= 10, rest.first == " " {
                pid = Int32(digits)
                s = rest.drop { $0 == " " }
            }
        }
        // -t/-tt: 12:34:56[.123456]; -ttt: 1700000000.123456
        if let space = s.firstIndex(of: " ") {
            let stamp = s[..<space]
            let isClock = stamp.count >= 8 && stamp.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ":" || $0 == ".") }
                && (stamp.contains(":") || stamp.contains("."))
            if isClock { s = s[s.index(after: space)...] }
        }
        return (pid, s)
    }

    static func classify(pid: Int32?, _ body: Substring) -> StraceEvent {
        var text = body
        // -T: ` <0.000012>`
        if text.hasSuffix(">"), let lt = text.lastIndex(of: "<"), lt > text.startIndex,
           text[text.index(before: lt)] == " ",
           text[text.index(after: lt)..<text.index(before: text.endIndex)].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
           text.index(after: lt) < text.index(before: text.endIndex) {
            text = text[..<text.index(before: lt)]
        }
        let s = String(text)
        if s.hasPrefix("--- ") && s.hasSuffix(" ---") && s.count >= 8 {
            let inner = s.dropFirst(4).dropLast(4)
            if inner.hasPrefix("#PF") { return StraceEvent(pid: pid, kind: .pageFault(String(inner)), text: s) }
            let name = inner.prefix { $0 != " " }
            if name.hasPrefix("SIG") {
                return StraceEvent(pid: pid, kind: .signal(name: String(name), info: String(inner.dropFirst(name.count).drop { $0 == " " })), text: s)
            }
            return StraceEvent(pid: pid, kind: .other(s), text: s)
        }
        if s.hasPrefix("+++ exited with "), s.hasSuffix(" +++"), let n = Int(s.dropFirst(16).dropLast(4)) {
            return StraceEvent(pid: pid, kind: .exited(status: n), text: s)
        }
        if s.hasPrefix("+++ killed by "), s.hasSuffix(" +++") {
            let sig = s.dropFirst(14).dropLast(4).prefix { $0 != " " }
            return StraceEvent(pid: pid, kind: .killed(signal: String(sig)), text: "+++ killed by \(sig) +++")
        }
        if let call = splitCall(text) {
            return StraceEvent(pid: pid, kind: .syscall(name: call.name, args: call.args, result: call.result),
                               text: call.name + "(" + call.args.joined(separator: ", ") + ") = " + call.result)
        }
        return StraceEvent(pid: pid, kind: .other(s), text: s)
    }

    /// `name(a, b, c)   = result` split into its parts; nil when it is not shaped like that.
    public static func splitCall(_ text: Substring) -> (name: String, args: [String], result: String)? {
        let name = text.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        guard !name.isEmpty, name.first.map({ !$0.isNumber }) ?? false else { return nil }
        let chars = Array(text.utf8)
        var i = name.utf8.count
        guard i < chars.count, chars[i] == UInt8(ascii: "(") else { return nil }
        i += 1
        var args: [String] = []
        var depth = 0
        var start = i
        var inString = false
        var closed = false
        while i < chars.count {
            let c = chars[i]
            if inString {
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if c == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: ")") where depth == 0:
                let arg = String(decoding: chars[start..<i], as: UTF8.self).traceTrimmed()
                if !arg.isEmpty || !args.isEmpty { args.append(arg) }
                closed = true
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            case UInt8(ascii: ",") where depth == 0:
                args.append(String(decoding: chars[start..<i], as: UTF8.self).traceTrimmed())
                start = i + 1
            default: break
            }
            if closed { break }
            i += 1
        }
        guard closed else { return nil }
        var rest = chars[(i + 1)...].drop { $0 == UInt8(ascii: " ") }
        guard rest.first == UInt8(ascii: "=") else { return nil }
        rest = rest.dropFirst()
        let result = String(decoding: rest, as: UTF8.self).traceTrimmed()
        guard !result.isEmpty else { return nil }
        return (String(name), args, result)
    }
}
