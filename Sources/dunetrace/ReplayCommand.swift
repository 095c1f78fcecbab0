// `dunetrace replay [OPTIONS] TRACE`: the recorded run printed as a live run with the same display
// options printed it (the run's own option table and parsing), or as JSON or Perfetto events.
import ArgumentParser
import DunetraceCore
import Glibc

/// replay's options: the run's display options (the same table entries, parsed and settled by
/// the run's code), and replay's own.
enum ReplayOptionID: Sendable {
    case run(RunOptionID), pid, pageFaults, noPageFaults, json, format, help
}

enum ReplayOptions {
    /// Run options that only matter to a run (what to run, how to record it).
    static func isRunOnly(_ id: RunOptionID) -> Bool {
        switch id {
        case .env, .attach, .seccompBPF, .inject, .fault, .traceFile, .ring, .silent, .captureSize, .noPageFaults,
             .pfRearm, .stats, .help, .version, .completionScript:
            return true
        default:
            return false
        }
    }

    static let own: [(GetoptOption<ReplayOptionID>, String, String)] = [
        (GetoptOption(short: "p", long: nil, argument: .required, id: .pid), "-p PID", "only the events of this process (or thread)"),
        (GetoptOption(short: nil, long: "pf", argument: .none, id: .pageFaults), "--pf", "show page faults (default)"),
        (GetoptOption(short: nil, long: "no-pf", argument: .none, id: .noPageFaults), "--no-pf", "hide page faults"),
        (GetoptOption(short: nil, long: "json", argument: .none, id: .json), "--json", "one JSON object per event (the header first): --format json"),
        (GetoptOption(short: nil, long: "format", argument: .required, id: .format), "--format=FORMAT",
         "text (default), json (one object per event), or perfetto (Chrome trace-event JSON for ui.perfetto.dev)"),
        (GetoptOption(short: "h", long: "help", argument: .none, id: .help), "-h, --help", "print this help"),
    ]

    static var table: [GetoptOption<ReplayOptionID>] {
        let run: [GetoptOption<ReplayOptionID>] = RunOption.all.filter { !isRunOnly($0.getopt.id) }.map { o in
            GetoptOption<ReplayOptionID>(short: o.getopt.short, long: o.getopt.long, argument: replayArgument(o.getopt.argument), id: .run(o.getopt.id))
        }
        return run + own.map(\.0)
    }

    private static func replayArgument(_ a: GetoptOption<RunOptionID>.Argument) -> GetoptOption<ReplayOptionID>.Argument {
        switch a {
        case .none: .none
        case .required: .required
        case .optional: .optional
        }
    }

    static func help() -> String {
        var out = "Usage: dunetrace replay [OPTIONS] TRACE\n\n"
        out += wrap("Prints a recorded trace as the live text of a run with the same options printed it: the options of a run that choose what is shown and how mean the same here (default: the -s and -e of the recording). Exits 0, also when the trace stops early (cut short or damaged): then every event of its whole chunks is printed and one line on stderr says where and why it stopped; 1 when nothing of it can be read.", indent: "", width: 80)
        out += "\nOptions of a run:\n"
        for o in RunOption.listed where !isRunOnly(o.getopt.id) { out += "  " + o.synopsis + "\n" }
        out += "\nOptions of replay:\n"
        for (_, synopsis, help) in own { out += "  " + synopsis + String(repeating: " ", count: max(2, 18 - synopsis.count)) + help + "\n" }
        return out
    }
}

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Print a recorded trace as the live text of its run printed it.",
        discussion: ReplayOptions.help())

    // replay's own options, declared for the help and the completion scripts; the run's display
    // options and the trace come in `arguments`, parsed by the run's table.
    @Option(name: .customShort("p"), help: ArgumentHelp("Only the events of this process (or thread).", valueName: "PID"))
    var pid: Int32?

    @Flag(name: .customLong("pf"), inversion: .prefixedNo, help: "Show page faults (default) or not.")
    var pageFaults = true

    @Flag(name: .long, help: "One JSON object per event (the header first) instead of text: --format json.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("text (default), json (one object per event), or perfetto (Chrome trace-event JSON for ui.perfetto.dev and chrome://tracing).", valueName: "FORMAT"))
    var format: String?

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("A run's display options (-e, -s, -y, -yy, -k, -t, -T, -c, -q, -o...) and the trace file (dunetrace -w).", valueName: "TRACE"))
    var arguments: [String] = []

    func run() throws {
        // Options and the trace in any order, as getopt_long permutes them.
        var given: [GivenOption<ReplayOptionID>] = []
        var operands: [String] = []
        var rest = arguments
        while !rest.isEmpty {
            let parsed: (given: [GivenOption<ReplayOptionID>], operands: Int)
            do throws(GetoptError) { parsed = try getoptLong(rest, options: ReplayOptions.table) } catch {
                fail(error.message + "\nTry '\(ProgramName.invoked) replay -h' for more information.", status: 1)
            }
            given += parsed.given
            let afterDashes = parsed.operands > 0 && rest[parsed.operands - 1] == "--" && !parsed.given.isEmpty || rest.first == "--"
            if afterDashes { operands += rest[parsed.operands...]; break }
            guard parsed.operands < rest.count else { break }
            operands.append(rest[parsed.operands])
            rest = Array(rest[(parsed.operands + 1)...])
        }
        var settings = RunSettings()
        var pid = self.pid
        var pageFaults = self.pageFaults
        var format = json ? "json" : "text"
        if let f = self.format {
            guard ["text", "json", "perfetto"].contains(f) else { fail("--format wants text, json or perfetto, not '\(f)'", status: 1) }
            if json && f != "json" { fail("--json and --format \(f) contradict", status: 1) }
            format = f
        }
        var runOptions: [GivenOption<RunOptionID>] = []
        for g in given {
            switch g.id {
            case .run(let id): runOptions.append(GivenOption(id: id, value: g.value, spelling: g.spelling))
            case .pid:
                guard let p = Int32(g.value ?? "") else { fail("invalid -p argument: '\(g.value ?? "")'", status: 1) }
                pid = p
            case .pageFaults: pageFaults = true
            case .noPageFaults: pageFaults = false
            case .json: format = "json"
            case .format:
                guard let f = g.value, ["text", "json", "perfetto"].contains(f) else {
                    fail("--format wants text, json or perfetto, not '\(g.value ?? "")'", status: 1)
                }
                format = f
            case .help:
                print(ReplayOptions.help(), terminator: "")
                return
            }
        }
        switch RunCommand.settle(runOptions, &settings) {
        case .usage(let message, _)?: fail(message, status: 1)
        case .print(let text)?: print(text, terminator: ""); return
        case .run?, nil: break
        }
        guard operands.count == 1, let trace = operands.first else {
            fail(operands.isEmpty ? "replay: a trace file is needed (dunetrace replay [OPTIONS] TRACE)" : "replay: one trace file, not \(operands.count)", status: 1)
        }
        let reader: TraceReader
        do throws(DunetraceError) { reader = try TraceReader(path: trace) } catch { fail(error.description, status: 1) }
        var view: ReplayView
        do throws(DunetraceError) {
            view = try ReplayView(options: settings.options, header: reader.header,
                                  givenStringLimit: runOptions.contains { $0.id == .stringLimit })
        } catch {
            fail(error.description, status: 1)
        }
        view.pid = pid
        view.pageFaults = pageFaults
        if let note = view.captureNote(reader.header) { stderrLine(ProgramName.prefix + "\(trace): \(note)") }
        let out = OutputSink(path: settings.outputFile, append: view.options.appendOutput)
        // -ff: FILE.PID for each process, as the live run wrote them.
        // A file is closed when its process's leader ends (a trace may hold thousands), and
        // appended to if a line of that process comes later.
        var separate: [Int32: OutputSink] = [:]
        var written = Set<Int32>()
        func sink(_ pid: Int32) -> OutputSink {
            guard let base = view.options.separateOutput, format == "text" else { return out }
            if let s = separate[pid] { return s }
            let s = OutputSink(path: base + "." + String(pid), append: view.options.appendOutput || written.contains(pid))
            separate[pid] = s
            written.insert(pid)
            return s
        }
        var perfetto = format == "perfetto" ? PerfettoExport(stringLimit: view.options.stringLimit) : nil
        if format == "json" { out.line(TraceRenderer.json(reader.header)) }
        if perfetto != nil { out.write(perfetto!.begin(reader.header)) }
        while let r = reader.next() {
            if format == "text" {
                if let text = view.output(r) { sink(r.pid).write(text) }
                switch r.body {
                case .exited, .killed: if r.tid == r.pid, let s = separate.removeValue(forKey: r.pid) { s.close() }
                default: break
                }
            } else if view.shows(r) {
                if perfetto != nil { out.write(perfetto!.events(r)) } else { out.line(view.renderer.json(r)) }
            }
        }
        if let p = perfetto { out.line(p.end()) }
        if format == "text", let end = view.end() { out.line(end) }
        out.flush()
        for s in separate.values { s.flush() }
        // What was read is the answer (exit 0); the note says where and why it stopped. A trace
        // with nothing readable failed above, in TraceReader.
        if let damage = reader.damage { stderrLine(ProgramName.prefix + "\(trace): \(damage)") }
        if reader.droppedChunks > 0 {
            stderrLine(ProgramName.prefix + "\(trace): a flight-recorder trace: \(reader.droppedChunks) earlier chunk\(reader.droppedChunks == 1 ? " was" : "s were") dropped")
        }
    }
}

/// Buffered lines to standard output or a file; a closed pipe ends dunetrace quietly.
final class OutputSink {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(path: String?, append: Bool = false) {
        if let path, path != "-" {
            let f = open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC) | O_CLOEXEC, 0o644)
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

    func close() {
        flush()
        if fd != 1 { Glibc.close(fd) }
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

/// One line on stderr.
func stderrLine(_ text: String) {
    let line = text + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}
