// Records back to text: the live text's lines (replay prints exactly what the run printed)
// and one JSON object per record. What replay shows is ReplayView's.
import Glibc

/// Turns records into the live text's lines, or JSON.
public struct TraceRenderer: Sendable {
    public var formatter: SyscallFormatter
    /// The pid prefix, times, -a column and -T of each line, as the live text's (LineLayout.swift).
    public var layout = LineLayout()
    /// -t (1), -tt (2), -ttt (3): each line starts with its time, as the live text's.
    public var timestamps: Int {
        get { layout.timestampLevel }
        set { layout.timestampLevel = newValue }
    }
    /// -T: a returned call ends with ` <seconds>` spent in it.
    public var showDuration: Bool {
        get { layout.showsDuration }
        set { layout.showsDuration = newValue }
    }
    /// -y, -yy, --decode-fds: which names of descriptors lines show.
    public var decodeFDs = DecodeFDs()
    /// The processes' descriptor tables, rebuilt from the records `render` has seen.
    private var descriptors = RecordedDescriptors()

    public init(stringLimit: Int = 32) { formatter = SyscallFormatter(stringLimit: stringLimit) }

    /// For a recorded run: its -s (unless `stringLimit`), its -a column and pid prefixes.
    public init(header: TraceHeader, stringLimit: Int? = nil) {
        formatter = SyscallFormatter(stringLimit: stringLimit ?? header.stringLimit)
        if let value = header.properties[LineLayout.headerKey] {
            layout.apply(headerValue: value)
        } else {
            layout = .unrecorded
        }
    }

    /// The line of `r` as the live text printed it (nil for none), reading the records in the
    /// trace's order: descriptor records name the descriptors of later lines.
    public mutating func render(_ r: TraceRecord) -> String? {
        line(r, names: descriptorNames(r))
    }

    /// Feeds `r` to the descriptor tables; the names a syscall record's line shows (without
    /// -y none, but the decoder still reads sockets' protocols from them).
    public mutating func descriptorNames(_ r: TraceRecord) -> (any DescriptorNames)? {
        callDescriptors(r)
    }

    /// Feeds `r` to the descriptor tables; a syscall record's descriptors as it found and left them.
    public mutating func callDescriptors(_ r: TraceRecord) -> CallDescriptorNames? {
        descriptors.names(for: r, show: decodeFDs)
    }

    /// The names a waiting call of process `pid` began with (its entry's line).
    public func entryDescriptors(pid: Int32) -> CallDescriptorNames {
        descriptors.namesAtEntry(pid: pid, show: decodeFDs)
    }

    /// The line without its `[pid N] ` prefix; nil for records the live text does not show
    /// (process starts).
    public func text(_ r: TraceRecord, names: (any DescriptorNames)? = nil) -> String? {
        switch r.body {
        case .syscall(let e, let captures):
            return formatter.format(e, memory: ReplayMemory(captures), names: names)
        case .pageFault(let f):
            return f.line
        case .signal(let info, _):
            let s = Self.signalInfo(info)
            var text = s.text(clockComments: formatter.settings.constStyle != .raw)
            if let decoding = formatter.pidDecoding {
                text = SyscallFormatter.decoratingStructurePids(text, decoding, inHex: formatter.settings.stringsInHex)
            }
            return "--- \(signalName(s.signo)) \(text) ---"
        case .exited(let status):
            return "+++ exited with \(status & 0xff) +++"
        case .killed(let sig, let core):
            return "+++ killed by \(signalName(sig)) \(core ? "(core dumped) " : "")+++"
        case .note(let text):
            return text
        case .processStarted, .descriptor, .module, .stack, .comm, .pids, .entered:
            return nil
        }
    }

    /// The line as the live text printed it; `previous`, `comm` and `marks` as the live run's
    /// lead (-r's last line time, -Y's command name, -n and -i).
    public func line(_ r: TraceRecord, names: (any DescriptorNames)? = nil, previous: UInt64? = nil,
                     comm: String? = nil, marks: String = "") -> String? {
        let lead = layout.lead(tid: r.tid, prefixed: r.prefixed, time: r.time, previous: previous, comm: r.prefixed ? comm : nil) + marks
        guard case .syscall(let e, let captures) = r.body else { return text(r, names: names).map { lead + $0 } }
        let (call, result) = formatter.formatParts(e, memory: ReplayMemory(captures), names: names)
        var line = layout.aligned(lead + call, result: result) + SyscallEvent.markText(e.marks)
        if e.result != nil { line += layout.duration(e.exitTime &- e.entryTime) }
        return line
    }

    /// A waiting call's line after its entry was printed (OpenCallLine.swift): with
    /// `resumedLead`, its `<... NAME resumed>` line; without, what goes on after the entry's
    /// `head`. nil when the call's text does not begin as its entry's did.
    public func continuation(_ r: TraceRecord, names: (any DescriptorNames)? = nil, head: String, arguments: String,
                             resumedLead: String?, after frames: String) -> String? {
        guard case .syscall(let e, let captures) = r.body else { return nil }
        let (call, result) = formatter.formatParts(e, memory: ReplayMemory(captures), names: names)
        let after = SyscallEvent.markText(e.marks) + (e.result != nil ? layout.duration(e.exitTime &- e.entryTime) : "") + frames
        let name = SyscallFormatter.displayName(e.number)
        if let resumedLead {
            return OpenCallLine.resumed(lead: resumedLead, call: call, result: result, name: name, arguments: arguments,
                                        layout: layout, after: after)
        }
        return OpenCallLine.continuation(head: head, call: call, result: result, name: name, arguments: arguments,
                                         layout: layout, after: after)
    }

    /// -t: `12:34:56 `, -tt: `12:34:56.123456 `, -ttt: `1795613047.123456 ` (local time).
    public static func timePrefix(_ ns: UInt64, style: Int) -> String {
        let sec = ns / 1_000_000_000, usec = ns % 1_000_000_000 / 1000
        if style >= 3 { return "\(sec).\(zeroPadded(usec, 6)) " }
        var t = time_t(Int64(clamping: sec))
        var tm = tm()
        localtime_r(&t, &tm)
        let hms = zeroPadded(UInt64(tm.tm_hour), 2) + ":" + zeroPadded(UInt64(tm.tm_min), 2) + ":" + zeroPadded(UInt64(tm.tm_sec), 2)
        return style == 2 ? hms + "." + zeroPadded(usec, 6) + " " : hms + " "
    }

    static func zeroPadded(_ v: UInt64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    static func signalInfo(_ info: [UInt8]) -> SignalInfo {
        var s = SignalInfo()
        for (i, b) in info.prefix(128).enumerated() { s.bytes[i] = b }
        return s
    }

    /// One JSON object, on one line.
    public func json(_ r: TraceRecord) -> String {
        var o = JSONObject()
        switch r.body {
        case .syscall(let e, let captures):
            let memory = ReplayMemory(captures)
            let (call, result) = formatter.formatParts(e, memory: memory)
            o.string("type", "syscall")
            o.common(r)
            o.string("name", SyscallFormatter.displayName(e.number))
            o.number("nr", Int64(e.number))
            o.raw("args", "[" + formatter.formatArgs(e, memory: memory).map { JSONObject.quote($0) }.joined(separator: ",") + "]")
            o.raw("raw_args", "[" + (0..<6).map { "\"0x" + String(e.args[$0], radix: 16) + "\"" }.joined(separator: ",") + "]")
            if let v = e.result {
                o.number("result", v)
                if v < 0 && v >= -4095 { o.string("error", Errno.name(Int(-v)) ?? String(-v)) }
            } else {
                o.raw("result", "null")
            }
            o.string("result_text", result)
            o.number("duration_ns", Int64(bitPattern: e.exitTime &- e.entryTime))
            o.string("text", call + " = " + result)
        case .pageFault(let f):
            o.string("type", "pagefault")
            o.common(r)
            o.string("addr", "0x" + String(f.address, radix: 16))
            o.string("ip", "0x" + String(f.ip, radix: 16))
            o.number("err", Int64(bitPattern: f.errorCode))
            o.string("err_text", PageFaultEvent.decodeErrorCode(f.errorCode))
            o.string("kind", f.kind.name)
            if f.kind.isApproximate {
                o.raw("approximate", "true")
                o.number("since_ns", Int64(bitPattern: f.since))
            }
            o.string("map", f.mapping)
            o.string("text", f.line)
        case .signal(let info, _):
            let s = Self.signalInfo(info)
            o.string("type", "signal")
            o.common(r)
            o.string("signal", signalName(s.signo))
            o.string("info", s.description)
            o.string("text", text(r) ?? "")
        case .exited(let status):
            o.string("type", "exit")
            o.common(r)
            o.number("status", Int64(status & 0xff))
            o.string("text", text(r) ?? "")
        case .killed(let sig, _):
            o.string("type", "killed")
            o.common(r)
            o.string("signal", signalName(sig))
            o.string("text", text(r) ?? "")
        case .processStarted(let ppid, let exe, let argv):
            o.string("type", "process")
            o.common(r)
            o.number("ppid", Int64(ppid))
            o.string("executable", exe)
            o.raw("argv", "[" + argv.map { JSONObject.quote($0) }.joined(separator: ",") + "]")
        case .note(let text):
            o.string("type", "note")
            o.common(r)
            o.string("text", text)
        case .descriptor(let fd, let afterCall, let name):
            o.string("type", "descriptor")
            o.common(r)
            o.number("fd", Int64(fd))
            o.raw("after_call", afterCall ? "true" : "false")
            if let name {
                o.string("path", name.path)
                if !name.detail.isEmpty { o.string("detail", name.detail) }
            } else {
                o.raw("path", "null")
            }
        case .module(let id, let m):
            o.string("type", "module")
            o.common(r)
            o.number("id", Int64(id))
            o.string("path", m.path)
            o.string("build_id", m.buildID.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined())
        case .stack(let id, let frames):
            o.string("type", "stack")
            o.common(r)
            o.number("id", Int64(id))
            if let frames {
                o.raw("frames", "[" + frames.map { "{\"module\":\($0.module),\"offset\":\"0x" + String($0.offset, radix: 16) + "\"}" }.joined(separator: ",") + "]")
            }
        case .comm(let name):
            o.string("type", "comm")
            o.common(r)
            o.string("comm", name)
        case .pids(let list):
            o.string("type", "pids")
            o.common(r)
            o.raw("pids", "[" + list.map { p in
                var e = "{\"pid\":\(p.key.pid),\"kind\":\"\(p.key.kind == .task ? "task" : p.key.kind == .processGroup ? "pgrp" : "session")\""
                    + ",\"at_entry\":\(p.key.atEntry)"
                if let outer = p.fact.outer { e += ",\"outer\":\(outer)" }
                if let comm = p.fact.comm { e += ",\"comm\":" + JSONObject.quote(comm) }
                return e + "}"
            }.joined(separator: ",") + "]")
        case .entered(let e, _):
            // A waiting call's entry: which call, when; its arguments are its syscall record's.
            o.string("type", "entry")
            o.common(r)
            o.string("name", SyscallFormatter.displayName(e.number))
            o.number("nr", Int64(e.number))
        }
        return o.finish()
    }

    public static func json(_ h: TraceHeader) -> String {
        var o = JSONObject()
        o.string("type", "header")
        o.number("format_version", Int64(h.formatVersion))
        o.string("host", h.host)
        o.string("kernel", h.kernel)
        o.string("cpu", h.cpu)
        o.raw("command", "[" + h.commandLine.map { JSONObject.quote($0) }.joined(separator: ",") + "]")
        o.number("start_time", Int64(bitPattern: h.startTime))
        o.number("string_limit", Int64(h.stringLimit))
        o.raw("properties", "{" + h.properties.sorted(by: { $0.key < $1.key })
            .map { JSONObject.quote($0.key) + ":" + JSONObject.quote($0.value) }.joined(separator: ",") + "}")
        return o.finish()
    }
}

struct JSONObject {
    private var parts: [String] = []

    mutating func raw(_ key: String, _ value: String) { parts.append(Self.quote(key) + ":" + value) }
    mutating func string(_ key: String, _ value: String) { raw(key, Self.quote(value)) }
    mutating func number(_ key: String, _ value: Int64) { raw(key, String(value)) }
    mutating func common(_ r: TraceRecord) {
        number("pid", Int64(r.pid))
        number("tid", Int64(r.tid))
        number("time", Int64(bitPattern: r.time))
        raw("prefixed", r.prefixed ? "true" : "false")
    }
    func finish() -> String { "{" + parts.joined(separator: ",") + "}" }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7f {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
