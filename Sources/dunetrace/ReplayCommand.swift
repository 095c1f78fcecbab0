// `dunetrace replay TRACE`: the recorded run printed as its live text was, filtered like
// strace (-e, -p), or as one JSON object per event (--json).
import ArgumentParser
import DunetraceCore
import Glibc

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Print a recorded trace as the live text of its run printed it.",
        discussion: "Exits 0, or 1 when the trace stops early (cut short or damaged): then every event of its whole chunks is printed and one line on stderr says where it stopped.")

    @Option(name: .customShort("e"), help: ArgumentHelp("A filter in strace's syntax: trace=NAME,...|%file|%network|%process|%memory|%signal|%desc (! negates), status=successful|failed|unfinished, signal=SET. Repeatable. Default: the -e of the recorded run; -e trace=all shows everything.", valueName: "EXPR"))
    var expressions: [String] = []

    @Option(name: .customShort("p"), help: ArgumentHelp("Only the events of this process (or thread).", valueName: "PID"))
    var pid: Int32?

    @Flag(name: .customLong("pf"), inversion: .prefixedNo, help: "Show page faults (default) or not.")
    var pageFaults = true

    @Flag(name: .long, help: "One JSON object per event (the header first) instead of text: --format json.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("text (default), json (one object per event), or perfetto (Chrome trace-event JSON for ui.perfetto.dev and chrome://tracing).", valueName: "FORMAT"))
    var format: String?

    @Option(name: .customShort("s"), help: ArgumentHelp("Show at most N bytes of each string (default: the -s of the recording; bytes it did not show were not recorded).", valueName: "N"))
    var stringLimit: Int?

    @Flag(name: .customShort("t"), help: "Prefix each line with the time of day; -tt adds microseconds, -ttt prints seconds since the epoch.")
    var timeOfDay: Int

    @Flag(name: .customShort("T"), help: "Show the time spent in each system call, <seconds>.")
    var showDuration = false

    @Flag(name: .customShort("q"), help: "-qq hides the exit lines, as it does live.")
    var quiet: Int

    @Option(name: .customShort("o"), help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var outputFile: String?

    @Argument(help: ArgumentHelp("The trace file (dunetrace -w).", valueName: "TRACE"))
    var trace: String

    func validate() throws {
        if let s = stringLimit, s < 0 { throw ValidationError("-s wants a number >= 0") }
        if let f = format, !["text", "json", "perfetto"].contains(f) {
            throw ValidationError("--format wants text, json or perfetto, not '\(f)'")
        }
        if json, let f = format, f != "json" { throw ValidationError("--json and --format \(f) contradict") }
    }

    func run() throws {
        let reader: TraceReader
        do throws(DunetraceError) { reader = try TraceReader(path: trace) } catch { fail(error.description, status: 1) }
        var filter = ReplayFilter()
        // Without -e, the run's own -e (the header's "expressions", one a line), so replay shows
        // what the live text showed.
        let recorded = reader.header.properties[TraceHeader.expressionsKey].map {
            $0.split(separator: "\n").map(String.init)
        } ?? []
        do throws(DunetraceError) {
            for e in expressions.isEmpty ? recorded : expressions { try filter.apply(e) }
        } catch {
            fail(error.description, status: 1)
        }
        filter.pid = pid
        filter.pageFaults = pageFaults
        var renderer = TraceRenderer(header: reader.header, stringLimit: stringLimit)
        renderer.timestamps = min(timeOfDay, 3)
        renderer.showDuration = showDuration
        let out = OutputSink(path: outputFile)
        let json = json || format == "json"
        var perfetto = format == "perfetto" ? PerfettoExport(stringLimit: stringLimit ?? reader.header.stringLimit) : nil
        if json { out.line(TraceRenderer.json(reader.header)) }
        if perfetto != nil { out.write(perfetto!.begin(reader.header)) }
        // A run without -f printed only the task it started (the first one recorded).
        let followsAll = reader.header.properties[LineLayout.followKey] != "0"
        var startedTid: Int32?
        while let r = reader.next() {
            if startedTid == nil { startedTid = r.tid }
            guard followsAll || r.tid == startedTid else { continue }
            guard filter.includes(r) else { continue }
            if quiet >= 2 {
                switch r.body {
                case .exited, .killed: continue
                default: break
                }
            }
            if perfetto != nil {
                out.write(perfetto!.events(r))
            } else if json {
                out.line(renderer.json(r))
            } else if let line = renderer.line(r) {
                out.line(line)
            }
        }
        if let p = perfetto { out.line(p.end()) }
        out.flush()
        if let damage = reader.damage { fail("\(trace): \(damage)", status: 1) }
        if reader.droppedChunks > 0 {
            let note = "dunetrace: \(trace): a flight-recorder trace: \(reader.droppedChunks) earlier chunk\(reader.droppedChunks == 1 ? " was" : "s were") dropped\n"
            _ = note.withCString { write(2, $0, strlen($0)) }
        }
    }
}

/// Buffered lines to standard output or a file; a closed pipe ends dunetrace quietly.
final class OutputSink {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(path: String?) {
        if let path, path != "-" {
            let f = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if f < 0 { fail("\(path): \(String(cString: strerror(errno)))", status: 1) }
            fd = f
        } else {
            fd = 1
        }
        buffer.reserveCapacity(1 << 16 + 4096)
    }

    func line(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        buffer.append(0x0a)
        if buffer.count >= 1 << 16 { flush() }
    }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        var off = 0
        while off < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                if errno == EPIPE { Glibc.exit(0) }
                fail("write error: \(String(cString: strerror(errno)))", status: 1)
            }
            off += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
