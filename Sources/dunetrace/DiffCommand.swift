// `dunetrace diff A B`: two runs compared, each a dunetrace trace or an strace -f log.
import ArgumentParser
import Dispatch
import DunetraceCore
import Glibc

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two traces (dunetrace traces or strace -f logs), ignoring what differs between any two runs.",
        discussion: "Aligns the events of each task by longest common subsequence (whole events, then syscall names), ignoring addresses, pids, tids, times, inode numbers, random bytes and strace's initial execve. Prints a unified-diff-like report and a similarity score. Exits 0 when equivalent, 1 when different, 2 on error.")

    @Option(name: .long, help: ArgumentHelp("Events of context around each difference (default 3).", valueName: "N"))
    var context: Int = 3

    @Option(name: .customShort("s"), help: ArgumentHelp("String limit used to print dunetrace traces (default: each trace's own).", valueName: "N"))
    var stringLimit: Int?

    @Argument(help: ArgumentHelp("The first trace or log.", valueName: "A"))
    var a: String

    @Argument(help: ArgumentHelp("The second trace or log.", valueName: "B"))
    var b: String

    func validate() throws {
        guard context >= 0 else { throw ValidationError("--context wants a number >= 0") }
    }

    func run() throws {
        let code = diffAndReport(a, b, context: context, stringLimit: stringLimit)
        Glibc.exit(code)
    }
}

/// Loads both sides, prints the report; 0 equivalent, 1 different, 2 error.
func diffAndReport(_ a: String, _ b: String, context: Int, stringLimit: Int?, extra: [String] = []) -> Int32 {
    let left: DiffInput, right: DiffInput
    do throws(DunetraceError) {
        (left, right) = try loadBoth(a, b, stringLimit: stringLimit)
    } catch {
        fail(error.description, status: 2)
    }
    for side in [left, right] {
        if let d = side.damage {
            let line = "\(ProgramName.prefix)warning: \(side.name): \(d)\n"
            _ = line.withCString { write(2, $0, strlen($0)) }
        }
    }
    let out = OutputSink(path: nil)
    let report = DiffReport.compare(left, right, context: context) { out.line($0) }
    for line in extra { out.line(line) }
    out.flush()
    return report.equivalent && extra.isEmpty ? 0 : 1
}

/// Both sides parsed at once, each on a thread of its own (a 2,000,000-line log takes seconds to
/// parse); the first side's error is the one reported, as when they were read in turn. The two
/// threads meet once, to share their pids (DiffPidExchange), so each must really run: a host
/// thread is started for the second side, not a work item a busy pool might run after the first.
private func loadBoth(_ a: String, _ b: String, stringLimit: Int?) throws(DunetraceError) -> (DiffInput, DiffInput) {
    // Each side writes its own property only.
    final class Results: @unchecked Sendable {
        var first: Result<DiffInput, DunetraceError>?
        var second: Result<DiffInput, DunetraceError>?
    }
    let results = Results()
    let pids = DiffPidExchange()
    func load(_ i: Int, _ exchange: DiffPidExchange?) -> Result<DiffInput, DunetraceError> {
        Result { () throws(DunetraceError) -> DiffInput in
            try DiffInput.load(path: i == 0 ? a : b, stringLimit: stringLimit, pidExchange: exchange, side: i)
        }
    }
    let secondDone = DispatchSemaphore(value: 0)
    let started = HostThread.start(stackSize: 16 << 20) {
        results.second = load(1, pids)
        secondDone.signal()
    }
    if started == 0 {
        results.first = load(0, pids)
        secondDone.wait()
    } else {
        // No second thread: one after the other, each side's own pids.
        results.first = load(0, nil)
        results.second = load(1, nil)
    }
    return (try results.first!.get(), try results.second!.get())
}
