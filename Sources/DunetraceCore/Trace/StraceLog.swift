// Parsing strace's text (and dunetrace's live text, which has the same shape): `strace -f -o`
// logs (`1234  openat(...) = 3`), stderr logs (`[pid  1234] ...`), timestamps (-t/-tt/-ttt),
// durations (-T), and `<unfinished ...>` / `<... NAME resumed>` pairs joined back into one call.
// Any input is accepted: what is not a call, a signal or an exit is kept as `.other`. The work
// is on bytes, a line at a time, so a log of millions of lines streams through.
import Glibc

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
        var out: [(Int, StraceEvent)] = []
        var joiner = StraceLogJoiner()
        let bytes = Array(text.utf8)
        forEachLine(bytes[...], offset: 0) { line, offset in
            joiner.line(line, offset: offset) { out.append(($0.sequence, event($0))) }
        }
        joiner.finish { out.append(($0.sequence, event($0))) }
        // Each task's events come in order; across tasks, by where they began. (A stable sort.)
        return out.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
    }

    /// The event of a joined body.
    static func event(_ body: StraceLogJoiner.Body) -> StraceEvent {
        let s = String(decoding: body.bytes, as: UTF8.self)
        if body.unresolved { return StraceEvent(pid: body.pid, kind: .other(s), text: s) }
        return classify(pid: body.pid, body.bytes)
    }

    /// Calls `body` with each line (without its newline) and the offset of its first byte.
    static func forEachLine(_ bytes: ArraySlice<UInt8>, offset: Int, _ body: (ArraySlice<UInt8>, Int) -> Void) {
        let ends = bytes.withUnsafeBufferPointer { p in
            var ends: [Int] = []
            var at = 0
            while at < p.count, let nl = memchr(p.baseAddress! + at, 0x0a, p.count - at) {
                let i = p.baseAddress!.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                ends.append(i)
                at = i + 1
            }
            return ends
        }
        var start = 0
        for end in ends + [bytes.count] where start <= bytes.count {
            if start < end || end < bytes.count { body(bytes[(bytes.startIndex + start)..<(bytes.startIndex + end)], offset + start) }
            start = end + 1
        }
    }

    /// The task of a line's prefix (`[pid N] `, or `N ` as `strace -f -o` writes it) and the
    /// rest, without a timestamp.
    static func stripPrefix(_ line: ArraySlice<UInt8>) -> (Int32?, ArraySlice<UInt8>) {
        var s = line
        var pid: Int32?
        if s.starts(with: "[pid ".utf8) {
            let after = s.dropFirst(5).drop { $0 == 0x20 }
            let digits = after.prefix { isDigit($0) }
            if !digits.isEmpty, after.dropFirst(digits.count).first == UInt8(ascii: "]") {
                pid = number(digits)
                s = after.dropFirst(digits.count + 1).drop { $0 == 0x20 }
            }
        } else {
            let digits = s.prefix { isDigit($0) }
            let rest = s.dropFirst(digits.count)
            // `1234  openat(` but not `1700000000.123456 openat(` (a -ttt timestamp).
            if !digits.isEmpty, digits.count <= 10, rest.first == 0x20 {
                pid = number(digits)
                s = rest.drop { $0 == 0x20 }
            }
        }
        // -t/-tt: 12:34:56[.123456]; -ttt: 1700000000.123456
        if let space = s.firstIndex(of: 0x20) {
            let stamp = s[..<space]
            let isClock = stamp.count >= 8 && stamp.allSatisfy { isDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }
                && (stamp.contains(UInt8(ascii: ":")) || stamp.contains(UInt8(ascii: ".")))
            if isClock { s = s[(space + 1)...] }
        }
        return (pid, s)
    }

    static func classify(pid: Int32?, _ body: ArraySlice<UInt8>) -> StraceEvent {
        var parts = EventParts()
        return body.withUnsafeBufferPointer { p in
            parts.read(p)
            func string(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self) }
            let text = string(parts.text)
            switch parts.kind {
            case .syscall:
                let name = string(parts.name), args = parts.args.map(string), result = string(parts.result)
                return StraceEvent(pid: pid, kind: .syscall(name: name, args: args, result: result),
                                   text: name + "(" + args.joined(separator: ", ") + ") = " + result)
            case .signal: return StraceEvent(pid: pid, kind: .signal(name: string(parts.name), info: string(parts.result)), text: text)
            case .pageFault: return StraceEvent(pid: pid, kind: .pageFault(string(parts.result)), text: text)
            case .exited(let n): return StraceEvent(pid: pid, kind: .exited(status: n), text: text)
            case .killed:
                let sig = string(parts.name)
                return StraceEvent(pid: pid, kind: .killed(signal: sig), text: "+++ killed by \(sig) +++")
            case .other: return StraceEvent(pid: pid, kind: .other(text), text: text)
            }
        }
    }

    /// `name(a, b, c)   = result` split into its parts; nil when it is not shaped like that.
    public static func splitCall(_ text: Substring) -> (name: String, args: [String], result: String)? {
        var parts = EventParts()
        return Array(text.utf8).withUnsafeBufferPointer { p in
            guard parts.splitCall(p, 0..<p.count) else { return nil }
            func string(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self) }
            return (string(parts.name), parts.args.map(string), string(parts.result))
        }
    }

    static func hasSuffix(_ s: ArraySlice<UInt8>, _ suffix: String) -> Bool {
        s.count >= suffix.utf8.count && s.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a }

    /// Decimal digits as an Int32; nil when they do not fit.
    static func number(_ digits: ArraySlice<UInt8>) -> Int32? {
        var v: Int32 = 0
        for d in digits {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int32(d) - 0x30)
            if o1 || o2 { return nil }
            v = s
        }
        return v
    }
}

/// Turns a log's lines into event bodies: strace's attach notes cut out, unfinished calls
/// joined with their ends, and each task's events in the order its calls began. Holds only
/// what is unfinished.
struct StraceLogJoiner {
    struct Body {
        var pid: Int32?
        /// Without prefix and timestamp.
        var bytes: ArraySlice<UInt8>
        /// Where `bytes` are in the input, when they are one piece of it.
        var offset: Int?
        /// An unfinished call that another one replaced: not an event of its own.
        var unresolved = false
        /// The line where the event began: the order of the calls' beginnings.
        var sequence = 0
    }
    private struct Pending {
        var pid: Int32?
        var start: [UInt8]
        var offset: Int
        var sequence: Int
        var queued: [Body] = []
    }

    private var pending: [Int32: Pending] = [:]
    /// A line cut by an attach note, waiting for its rest.
    private var held: [UInt8]?
    /// Tasks in the order their first line came.
    private(set) var taskOrder: [Int32] = []
    private var seen: Set<Int32> = []
    private var lines = 0

    mutating func line(_ raw: ArraySlice<UInt8>, offset: Int, emit: (Body) -> Void) {
        guard !raw.isEmpty else { return }
        var line = raw
        if line.last == 0x0d { line = line.dropLast() }
        if let before = held {
            held = nil
            if let next = line.first, next == UInt8(ascii: ",") || next == UInt8(ascii: ")") {
                let joined = before + line
                process(joined[...], offset: nil, emit: emit)
                return
            }
            process(before[...], offset: nil, emit: emit)
        }
        // strace -f on stderr: "strace: Process N attached" lands inside the line of the clone
        // that made N, whose rest follows on the next line.
        if let note = Self.find("strace: Process ", in: line) {
            if note > line.startIndex { held = Array(line[..<note]) }
            return
        }
        process(line, offset: offset, emit: emit)
    }

    mutating func finish(emit: (Body) -> Void) {
        if let before = held {
            held = nil
            process(before[...], offset: nil, emit: emit)
        }
        // Calls that never resumed (the task was killed): shown without a result.
        for task in taskOrder {
            guard let p = pending.removeValue(forKey: task) else { continue }
            emit(Body(pid: p.pid, bytes: (p.start + Array(") = ?".utf8))[...], offset: nil, sequence: p.sequence))
            for q in p.queued { emit(q) }
        }
    }

    private mutating func process(_ line: ArraySlice<UInt8>, offset: Int?, emit: (Body) -> Void) {
        let (pid, body) = StraceLog.stripPrefix(line)
        let task = pid ?? -1
        if seen.insert(task).inserted { taskOrder.append(task) }
        lines += 1
        let bodyOffset = offset.map { $0 + body.startIndex - line.startIndex }
        if StraceLog.hasSuffix(body, "<unfinished ...>") {
            var start = body.dropLast("<unfinished ...>".utf8.count)
            if start.last == 0x20 { start = start.dropLast() }
            if let old = pending.removeValue(forKey: task) {
                emit(Body(pid: old.pid, bytes: old.start[...], offset: old.offset >= 0 ? old.offset : nil, unresolved: true,
                          sequence: old.sequence))
                for q in old.queued { emit(q) }
            }
            pending[task] = Pending(pid: pid, start: Array(start), offset: bodyOffset ?? -1, sequence: lines)
            return
        }
        if body.starts(with: "<... ".utf8), let close = Self.find(" resumed>", in: body.dropFirst(5)) {
            let rest = body[(close + 9)...]
            let p = pending.removeValue(forKey: task)
            var joined = p?.start ?? Array(body[(body.startIndex + 5)..<close]) + [UInt8(ascii: "(")]
            joined += rest.first == 0x20 && p?.start.last == UInt8(ascii: "(") ? rest.dropFirst() : rest
            emit(Body(pid: pid, bytes: joined[...], offset: nil, sequence: p?.sequence ?? lines))
            for q in p?.queued ?? [] { emit(q) }
            return
        }
        if pending[task] != nil {
            pending[task]!.queued.append(Body(pid: pid, bytes: Array(body)[...], offset: bodyOffset, sequence: lines))
            return
        }
        emit(Body(pid: pid, bytes: body, offset: bodyOffset, sequence: lines))
    }

    /// Where `needle` starts in `s`.
    static func find(_ needle: StaticString, in s: ArraySlice<UInt8>) -> Int? {
        s.withUnsafeBufferPointer { p -> Int? in
            let n = needle.utf8CodeUnitCount
            guard let base = p.baseAddress, n > 0 else { return nil }
            var i = 0
            while i + n <= p.count, let hit = memchr(base + i, Int32(needle.utf8Start[0]), p.count - n + 1 - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + i, needle.utf8Start, n) == 0 { return s.startIndex + i }
                i += 1
            }
            return nil
        }
    }
}

/// An event's parts, as ranges of its body's bytes (read without copying; reused from one
/// event to the next).
struct EventParts {
    enum Kind: Equatable { case syscall, signal, pageFault, exited(Int), killed, other }
    var kind = Kind.other
    /// Without a -T duration.
    var text = 0..<0
    /// The call's, the signal's or the killing signal's name.
    var name = 0..<0
    /// The call's arguments, split at top-level commas, trimmed.
    var args: [Range<Int>] = []
    /// The call's result, a signal's siginfo, a page fault's text.
    var result = 0..<0

    mutating func read(_ p: UnsafeBufferPointer<UInt8>) {
        var end = p.count
        // -T: ` <0.000012>`
        if end >= 4, p[end - 1] == UInt8(ascii: ">") {
            var lt = end - 2
            while lt > 0 && (StraceLog.isDigit(p[lt]) || p[lt] == UInt8(ascii: ".")) { lt -= 1 }
            if lt > 0, lt < end - 2, p[lt] == UInt8(ascii: "<"), p[lt - 1] == 0x20 { end = lt - 1 }
        }
        text = 0..<end
        args.removeAll(keepingCapacity: true)
        func has(_ s: StaticString, at i: Int) -> Bool {
            let n = s.utf8CodeUnitCount
            guard i >= 0, i + n <= end else { return false }
            for k in 0..<n where p[i + k] != s.utf8Start[k] { return false }
            return true
        }
        if end >= 8 && has("--- ", at: 0) && has(" ---", at: end - 4) {
            let inner = 4..<(end - 4)
            if has("#PF", at: 4) { (kind, result) = (.pageFault, inner); return }
            var n = 4
            while n < inner.upperBound && p[n] != 0x20 { n += 1 }
            if has("SIG", at: 4) && n >= 7 {
                var info = n
                while info < inner.upperBound && p[info] == 0x20 { info += 1 }
                (kind, name, result) = (.signal, 4..<n, info..<inner.upperBound)
                return
            }
            kind = .other
            return
        }
        if has("+++ exited with ", at: 0) && has(" +++", at: end - 4) && end > 20 {
            if let n = Int(String(decoding: UnsafeBufferPointer(rebasing: p[16..<(end - 4)]), as: UTF8.self)) {
                kind = .exited(n)
                return
            }
        }
        if has("+++ killed by ", at: 0) && has(" +++", at: end - 4) {
            var n = 14
            while n < end - 4 && p[n] != 0x20 { n += 1 }
            (kind, name) = (.killed, 14..<max(14, n))
            return
        }
        kind = splitCall(p, 0..<end) ? .syscall : .other
    }

    /// `name(a, b, c)   = result` in p[range]: false when it is not shaped like that.
    mutating func splitCall(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        args.removeAll(keepingCapacity: true)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end && (StraceLog.isDigit(p[i]) || StraceLog.isLetter(p[i]) || p[i] == UInt8(ascii: "_")) { i += 1 }
        guard i > range.lowerBound, !StraceLog.isDigit(p[range.lowerBound]) else { return false }
        name = range.lowerBound..<i
        guard i < end, p[i] == UInt8(ascii: "(") else { return false }
        i += 1
        var depth = 0
        var start = i
        var inString = false
        var closed = false
        while i < end {
            let c = p[i]
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
                let arg = Self.trimmed(p, start..<i)
                if !arg.isEmpty || !args.isEmpty { args.append(arg) }
                closed = true
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            case UInt8(ascii: ",") where depth == 0:
                args.append(Self.trimmed(p, start..<i))
                start = i + 1
            default: break
            }
            if closed { break }
            i += 1
        }
        guard closed else { return false }
        i += 1
        while i < end && p[i] == 0x20 { i += 1 }
        guard i < end, p[i] == UInt8(ascii: "=") else { return false }
        result = Self.trimmed(p, (i + 1)..<end)
        return !result.isEmpty
    }

    static func trimmed(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int> {
        func space(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d }
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi && space(p[lo]) { lo += 1 }
        while hi > lo && space(p[hi - 1]) { hi -= 1 }
        return lo..<hi
    }
}
