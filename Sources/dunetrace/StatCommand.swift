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

    @Argument(help: ArgumentHelp("The trace file (dunetrace -w).", valueName: "TRACE"))
    var trace: String

    func run() throws {
        let reader: TraceReader
        do throws(DunetraceError) { reader = try TraceReader(path: trace) } catch { fail(error.description, status: 1) }
        var stats = TraceStatistics()
        while let r = reader.next() {
            if let pid, r.pid != pid && r.tid != pid { continue }
            stats.add(r)
        }
        let out = OutputSink(path: nil)
        out.write(stats.syscallTable())
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
