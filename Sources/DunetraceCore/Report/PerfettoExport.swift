// `replay --format perfetto`: the Chrome trace-event JSON that ui.perfetto.dev and
// chrome://tracing open. One track per task (pid, tid), a complete slice ("X") per system
// call named by the call with its decoded text in args, instant events ("i") for page faults,
// signals and exits, and process and thread names as metadata ("M") events.

public struct PerfettoExport {
    private var renderer: TraceRenderer
    private var named: Set<Int32> = []
    private var executables: [Int32: String] = [:]
    private var first = true
    /// Times are from here (the recording's start), so microseconds keep their ns in a double.
    private var origin: UInt64 = 0

    public init(stringLimit: Int) { renderer = TraceRenderer(stringLimit: stringLimit) }

    /// Opens the JSON object; the events follow, then `end`.
    public mutating func begin(_ header: TraceHeader) -> String {
        origin = header.startTime
        return "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"command\":" + JSONObject.quote(header.commandLine.joined(separator: " "))
            + ",\"host\":" + JSONObject.quote(header.host) + ",\"start_time_ns\":\(header.startTime)},\"traceEvents\":["
    }

    public func end() -> String { "\n]}" }

    /// Microseconds, exactly: the ns with a decimal point three places in.
    static func micros(_ ns: UInt64) -> String {
        let frac = ns % 1000
        return String(ns / 1000) + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + String(frac)
    }

    /// A time as microseconds from the start of the recording (negative before it).
    func timestamp(_ t: UInt64) -> String { t >= origin ? Self.micros(t - origin) : "-" + Self.micros(origin - t) }

    /// The events of one record (none for a note), each with its leading separator.
    public mutating func events(_ r: TraceRecord) -> String {
        var out: [String] = []
        func event(_ ph: String, _ name: String, _ time: UInt64, _ fields: (inout JSONObject) -> Void) {
            var o = JSONObject()
            o.string("ph", ph)
            o.string("name", name)
            o.number("pid", Int64(r.pid))
            o.number("tid", Int64(r.tid))
            o.raw("ts", timestamp(time))
            fields(&o)
            out.append(o.finish())
        }
        if case .processStarted(_, let exe, let argv) = r.body {
            executables[r.pid] = exe
            let name = ([exe] + argv.dropFirst()).joined(separator: " ")
            event("M", "process_name", r.time) { $0.raw("args", "{\"name\":" + JSONObject.quote(name) + "}") }
            named.remove(r.tid)
        }
        if !named.contains(r.tid) {
            named.insert(r.tid)
            let exe = executables[r.pid].map { String($0.split(separator: "/").last ?? "") } ?? ""
            event("M", "thread_name", r.time) { $0.raw("args", "{\"name\":" + JSONObject.quote("\(exe) \(r.tid)") + "}") }
        }
        switch r.body {
        case .syscall(let e, let captures):
            let (call, result) = renderer.formatter.formatParts(e, memory: ReplayMemory(captures))
            let name = SyscallFormatter.displayName(e.number)
            let cls = ReportData.classOrder[safe: ReportData.classIndex(e.number)]?.0 ?? "other"
            event("X", name, e.entryTime) { o in
                o.raw("dur", Self.micros(e.exitTime > e.entryTime && e.result != nil ? e.exitTime - e.entryTime : 0))
                o.string("cat", "syscall," + cls)
                var a = JSONObject()
                a.string("call", call)
                a.string("result", e.result == nil ? "?" : result)
                if e.result == nil { a.raw("unfinished", "true") }
                o.raw("args", a.finish())
            }
        case .pageFault(let f):
            event("i", "#PF " + f.kind.name, r.time) { o in
                o.string("s", "t")
                o.string("cat", "pagefault")
                var a = JSONObject()
                a.string("addr", "0x" + String(f.address, radix: 16))
                a.string("ip", "0x" + String(f.ip, radix: 16))
                a.string("err", PageFaultEvent.decodeErrorCode(f.errorCode))
                a.string("map", f.mapping)
                o.raw("args", a.finish())
            }
        case .signal, .exited, .killed:
            let text = renderer.text(r) ?? ""
            event("i", text, r.time) { o in
                o.string("s", "t")
                o.string("cat", { if case .signal = r.body { return "signal" } else { return "exit" } }())
            }
        case .processStarted, .note, .descriptor, .module, .stack, .comm, .pids, .entered:
            break
        }
        var s = ""
        for e in out {
            s += first ? "\n" : ",\n"
            s += e
            first = false
        }
        return s
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
