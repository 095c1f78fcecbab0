// `dunetrace report TRACE -o report.html`: the page-fault map, the working set, the
// per-task timeline of system calls and the tables of `stat`, in one self-contained HTML file.
import ArgumentParser
import DunetraceCore
import Glibc

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report of a recorded trace: page-fault map, working set, system-call timeline, tables.",
        discussion: "One file with its style, script and data inline: it opens from disk without network. Past 60000 faults or calls, marks are counted into cells so the file stays a few megabytes.")

    @Option(name: .customShort("o"), help: ArgumentHelp("Write the HTML to FILE (default: standard output).", valueName: "FILE"))
    var outputFile: String?

    @Option(name: .customShort("p"), help: ArgumentHelp("Only the events of this process (or thread).", valueName: "PID"))
    var pid: Int32?

    @Argument(help: ArgumentHelp("The trace file (dunetrace -w).", valueName: "TRACE"))
    var trace: String

    func run() throws {
        let reader: TraceReader
        do throws(DunetraceError) { reader = try TraceReader(path: trace) } catch { fail(error.description, status: 1) }
        var data = ReportData(header: reader.header)
        while let r = reader.next() {
            if let pid, r.pid != pid && r.tid != pid { continue }
            data.add(r)
        }
        let out = OutputSink(path: outputFile)
        out.write(ReportHTML.page(data))
        out.flush()
        if let damage = reader.damage { fail("\(trace): \(damage)", status: 1) }
    }
}
