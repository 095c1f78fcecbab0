// How strace 6.1 lays out a line around what the decoder printed: the pid prefix, the
// timestamps, -n and -i, the ` = ` at column -a, -T. The live text and replay both use it, so
// replay prints what the run printed.
import Glibc

public struct LineLayout: Sendable {
    /// `[pid  1234] ` (strace on a terminal, while several tasks live) or `1234  ` (-f -o FILE);
    /// `[pid 1234] ` in traces recorded before the layout was kept (`unpadded`).
    public enum PidStyle: Sendable { case bracketed, plain, unpadded }
    /// --absolute-timestamps=format: none, time (-t), unix (-ttt).
    public enum TimeFormat: String, Sendable { case none, time, unix }

    /// -a N: the column of ` = ` (strace's default 40).
    public var columns = 40
    /// -t (1), -tt (2), -ttt (3), 0 for none: the time format and precision they stand for.
    public var timestampLevel: Int {
        get { timeFormat == .unix ? 3 : timeFormat == .none ? 0 : timeDigits > 0 ? 2 : 1 }
        set {
            timeFormat = newValue >= 3 ? .unix : newValue > 0 ? .time : .none
            timeDigits = newValue >= 2 ? 6 : 0
        }
    }
    /// -T: a returned call ends with ` <seconds>` spent in it (microseconds).
    public var showsDuration: Bool {
        get { durationDigits != nil }
        set { durationDigits = newValue ? 6 : nil }
    }
    public var pidStyle = PidStyle.bracketed
    public var timeFormat = TimeFormat.none
    /// Digits after the seconds: 0 (s), 3 (ms), 6 (us), 9 (ns).
    public var timeDigits = 0
    /// -r[=PRECISION]: the time since the previous line, with these digits; nil without -r.
    public var relativeDigits: Int?
    /// -T[=PRECISION]: ` <seconds>` with these digits; nil without -T.
    public var durationDigits: Int?
    /// -n: `[   2] `; -i: `[00007f...] `.
    public var syscallNumbers = false
    public var instructionPointer = false
    /// -Y, --decode-pids=comm: the pid prefix names the task's command, `[pid  1234<ls>] `.
    public var pidComm = false

    public init() {}

    /// "s", "ms", "us", "ns" (strace's PRECISION) as digits.
    public static func digits(_ precision: Substring) -> Int? {
        ["s": 0, "ms": 3, "us": 6, "ns": 9][String(precision)]
    }

    /// The prefix before anything else: the pid (when `prefixed`), then the times. `previous`
    /// is the time the last line started (-r), nil for the first line.
    public func lead(tid: Int32, prefixed: Bool, time: UInt64, previous: UInt64?, comm: String? = nil) -> String {
        var out = prefixed ? pidPrefix(tid, comm: comm) : ""
        out += timePrefix(time)
        if let digits = relativeDigits {
            let delta = previous.map { time >= $0 ? time - $0 : 0 } ?? 0
            out += timeFormat == .none ? "" : "(+"
            out += Self.padded(String(delta / 1_000_000_000), 6)
            if digits > 0 { out += "." + Self.fraction(delta % 1_000_000_000, digits) }
            out += timeFormat == .none ? " " : ") "
        }
        return out
    }

    /// `[   2] ` for -n, `[00007f0123456789] ` for -i (`ip` nil: strace's `[????????????????] `).
    public func marks(syscall nr: Int?, ip: UInt64?) -> String {
        var out = ""
        if syscallNumbers { out += "[" + Self.padded(nr.map { String(UInt32(truncatingIfNeeded: $0)) } ?? "?", 4) + "] " }
        if instructionPointer {
            if let ip {
                let hex = String(ip, radix: 16)
                out += "[" + String(repeating: "0", count: max(0, 16 - hex.count)) + hex + "] "
            } else {
                out += "[????????????????] "
            }
        }
        return out
    }

    /// strace's printleader: `[pid %5u] `, `%-5u `, and with a command `[pid %5u<comm>] `, `%u<comm> `.
    public func pidPrefix(_ tid: Int32, comm given: String? = nil) -> String {
        // An empty command prints nothing (strace's print_comm_str); others quoted as -y's paths.
        let comm = given?.isEmpty == false ? given : nil
        let named = comm.map { StraceText.descriptorPath($0) } ?? ""
        switch pidStyle {
        case .bracketed: return "[pid " + Self.padded(String(tid), 5) + named + "] "
        case .unpadded: return "[pid \(tid)" + named + "] "
        case .plain:
            let s = String(tid)
            return comm != nil ? s + named + " " : s + String(repeating: " ", count: max(0, 5 - s.count)) + " "
        }
    }

    /// strace's tabto(): spaces up to the column, then `= ` and the result (` = ` past it).
    public func aligned(_ head: String, result: String) -> String {
        let width = head.utf8.count
        guard width < columns else { return head + " = " + result }
        return head + String(repeating: " ", count: columns - width) + "= " + result
    }

    /// ` <0.000123>` for -T.
    public func duration(_ ns: UInt64) -> String {
        guard let digits = durationDigits else { return "" }
        var out = " <" + String(ns / 1_000_000_000)
        if digits > 0 { out += "." + Self.fraction(ns % 1_000_000_000, digits) }
        return out + ">"
    }

    /// -t `12:34:56 `, -tt `12:34:56.123456 `, -ttt `1795613047.123456 `, and the other precisions.
    public func timePrefix(_ ns: UInt64) -> String {
        guard timeFormat != .none else { return "" }
        let sec = ns / 1_000_000_000
        var out: String
        if timeFormat == .unix {
            out = String(sec)
        } else {
            var t = time_t(Int64(clamping: sec))
            var tm = tm()
            localtime_r(&t, &tm)
            out = Self.zeros(tm.tm_hour, 2) + ":" + Self.zeros(tm.tm_min, 2) + ":" + Self.zeros(tm.tm_sec, 2)
        }
        if timeDigits > 0 { out += "." + Self.fraction(ns % 1_000_000_000, timeDigits) }
        return out + " "
    }

    /// The first `digits` digits of a nanosecond fraction.
    static func fraction(_ ns: UInt64, _ digits: Int) -> String {
        var v = ns
        for _ in digits..<9 { v /= 10 }
        let s = String(v)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }

    static func zeros(_ v: Int32, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func padded(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }
}

extension LineLayout {
    /// The trace header's property that keeps the layout, so replay prints the run's lines.
    public static let headerKey = "layout"
    /// "0" when the run had no -f: it printed only the task it started.
    public static let followKey = "follow-forks"

    /// `columns=40,pid=plain`: what replay needs that the -e expressions do not say.
    public var headerValue: String {
        "columns=\(columns),pid=\(pidStyle == .plain ? "plain" : "bracketed")"
    }

    /// How a trace recorded before the layout was kept printed its lines: no column, `[pid N] `.
    public static let unrecorded: LineLayout = {
        var layout = LineLayout()
        layout.columns = 0
        layout.pidStyle = .unpadded
        return layout
    }()

    /// The run's column and pid style from its header.
    public mutating func apply(headerValue: String) {
        for item in headerValue.split(separator: ",") {
            let kv = item.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "columns": if let n = Int(kv[1]), n >= 0 { columns = n }
            case "pid": pidStyle = kv[1] == "plain" ? .plain : .bracketed
            default: break
            }
        }
    }
}

extension SyscallNumber {
    static let execveCall = Sys.execve
    static let prctlCall = Sys.prctl
}
