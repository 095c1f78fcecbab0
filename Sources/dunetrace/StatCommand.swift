// `dunetrace stat TRACE`: strace -c's table of the recorded run, then its page faults.
import ArgumentParser
import DunetraceCore
import Glibc

struct StatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stat",
        abstract: "Summarize a recorded trace: system calls as strace -c shows them, and page faults by mapping and kind.")

    @Option(name: .customShort("p"), help: ArgumentHelp("Only the events of this process (or thread).", valueName: "PID"))
    var pid: Int32?

    @Option(name: .customShort("S"), help: ArgumentHelp("Sort the table as strace -S: time, calls, name, errors, min-time, max-time, avg-time, nothing.", valueName: "SORTBY"))
    var sortBy: String?

    @Option(name: .customShort("U"), help: ArgumentHelp("The table's columns, as strace -U.", valueName: "COLUMNS"))
    var columns: String?

    @Option(name: .customShort("O"), help: ArgumentHelp("Take this overhead off every call's time, as strace -O (4.5e2ms).", valueName: "OVERHEAD"))
    var overhead: String?

    @Argument(help: ArgumentHelp("The trace file (dunetrace -w).", valueName: "TRACE"))
    var trace: String

    /// -S, -U and -O read as the run reads them, with strace's words for a mistake.
    func layout() -> SummaryLayout {
        var layout = SummaryLayout()
        if let sortBy {
            guard let key = SummaryLayout.sortKey(sortBy) else { fail("invalid sortby: '\(sortBy)'", status: 1) }
            layout.sortBy = key
        }
        if let columns {
            switch SummaryLayout.columns(columns) {
            case .success(let chosen): layout.columns = chosen
            case .failure(.unknown(let name)): fail("unknown column name: '\(name)'", status: 1)
            case .failure(.repeated(let name)): fail("call summary column has been provided more than once: '\(name)'", status: 1)
            }
        }
        if let overhead {
            guard let ns = SummaryLayout.overhead(overhead) else { fail("invalid -O argument: '\(overhead)'", status: 1) }
            layout.overhead = ns
        }
        return layout
    }

    func run() throws {
        let layout = layout()
        let reader: TraceReader
        do throws(DunetraceError) { reader = try TraceReader(path: trace) } catch { fail(error.description, status: 1) }
        var stats = TraceStatistics()
        stats.overhead = layout.overhead
        while let r = reader.next() {
            if let pid, r.pid != pid && r.tid != pid { continue }
            stats.add(r)
        }
        let out = OutputSink(path: nil)
        out.write(stats.syscallTable(layout))
        out.write("\n")
        out.write(stats.pageFaultSummary())
        let h = reader.header
        let seconds = stats.last > stats.first ? Double(stats.last - stats.first) / 1e9 : 0
        out.line("")
        out.line("trace: \(stats.records) events, \(stats.processes.count) process\(stats.processes.count == 1 ? "" : "es"), \(stats.signals) signals, \(Int(seconds * 1000)) ms; recorded on \(h.host) (Linux \(h.kernel), \(h.cpu)): \(h.commandLine.joined(separator: " "))")
        out.flush()
        if let damage = reader.damage { fail("\(trace): \(damage)", status: 1) }
    }
}
