// The dunetrace command line: `dunetrace [OPTIONS] [--] PROG [ARGS...]` (the default
// subcommand, `trace`), and the reporter's subcommands.
import ArgumentParser
import CKVM
import DunetraceCore
import Glibc

@main
struct Dunetrace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dunetrace",
        abstract: "Trace the system calls of a program run under Dune (KVM process virtualization).",
        usage: "dunetrace [OPTIONS] [--] PROG [ARGS...]\n  dunetrace <subcommand> ...",
        discussion: "Runs PROG inside a KVM virtual machine that holds only PROG; every system call exits to dunetrace, which prints it in strace's format and runs it with native semantics. `dunetrace trace --help` lists the options of a run.",
        version: "0.1.0",
        subcommands: [TraceCommand.self, ReplayCommand.self, StatCommand.self, DiffCommand.self, CompareCommand.self],
        defaultSubcommand: TraceCommand.self)
}

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run PROG under Dune and print its system calls (the default: `dunetrace PROG` is `dunetrace trace PROG`).")

    @Option(name: .customShort("o"), help: ArgumentHelp("Write the live text to FILE instead of stderr.", valueName: "FILE"))
    var outputFile: String?

    @Flag(name: .long, help: "Print no live text and format nothing (the trace then keeps raw values, not the bytes of strings and buffers).")
    var silent = false

    @Option(name: .customShort("w"), help: ArgumentHelp("Record the trace to FILE (default trace.gz; a gzip file of chunks); -w none records nothing.", valueName: "FILE"))
    var traceFile: String?

    @Option(name: .customLong("ring"), help: ArgumentHelp("Flight recorder: keep only the newest SIZE bytes (K, M, G) of compressed events in memory, written at exit, on a crash and on SIGUSR1.", valueName: "SIZE"))
    var ring: String?

    @Option(name: .customShort("s"), help: ArgumentHelp("Show at most N bytes of each string (default 32).", valueName: "N"))
    var stringLimit: Int = 32

    @Flag(name: .customShort("q"), help: "Fewer notes: -q hides attach/detach notes, -qq also the exit line.")
    var quiet: Int

    @Flag(name: .customShort("f"), help: "Accepted for strace habits: children and threads are always followed.")
    var follow = false

    @Option(name: .customShort("e"), help: ArgumentHelp("A filter in strace's syntax: trace=NAME,...|%file|%network|%process|%memory|%signal|%desc|%ipc|%creds|%clock (! negates), or status=successful|failed|unfinished. Repeatable.", valueName: "EXPR"))
    var expressions: [String] = []

    @Flag(name: .customShort("t"), help: "Prefix each line with the time of day; -tt adds microseconds, -ttt prints seconds since the epoch.")
    var timeOfDay: Int

    @Flag(name: .customShort("T"), help: "Show the time spent in each system call, <seconds>.")
    var showDuration = false

    @Flag(name: .customShort("c"), help: "Count the time, calls and errors of each system call and print strace -c's table when the program ends, instead of a line per event.")
    var summary = false

    @Flag(name: .customShort("y"), help: "Print the paths of file descriptors: read(3</etc/passwd>, ...), openat(...) = 3</etc/passwd>.")
    var showPaths = false

    @Flag(name: .customShort("k"), help: "After each system call, page fault and fault signal, print its stack: one ' > file(symbol+0xoff) [0xfileoffset]' line a frame.")
    var stackTrace = false

    @Flag(name: .customLong("no-pf"), help: "Record no page faults: map the target's memory eagerly (2 MiB pages where possible).")
    var noPageFaults = false

    @Option(name: .customLong("pf-rearm"), help: ArgumentHelp("Every MS milliseconds make all pages not present again, to record the working set over time.", valueName: "MS"))
    var pfRearm: Int?

    @Flag(name: .long, help: "At the end, print VM exits by reason, exits per syscall, time in the guest and in dunetrace, vCPUs and memslots, and the kind of KVM.")
    var stats = false

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The program to run, and its arguments.", valueName: "PROG [ARGS...]"))
    var command: [String] = []

    func validate() throws {
        // PROG's arguments are passed through untouched, so --help must be caught by hand.
        if command.first == "--help" || command.first == "-h" { throw CleanExit.helpRequest(self) }
        if command.first == "--" { return }
        guard !command.isEmpty else { throw ValidationError("missing PROG: what program should run under dunetrace?") }
        guard stringLimit >= 0 else { throw ValidationError("-s wants a number >= 0") }
    }

    func run() throws {
        var argv = command
        if argv.first == "--" { argv.removeFirst() }
        guard let program = argv.first else { throw ValidationError("missing PROG after --") }
        var options = TraceOptions()
        options.stringLimit = stringLimit
        options.quiet = quiet
        options.stats = stats
        options.recordPageFaults = !noPageFaults
        if let pfRearm, pfRearm <= 0 { fail("--pf-rearm wants milliseconds > 0", status: 1) }
        options.pfRearmMilliseconds = pfRearm
        options.traceFile = traceFile == "none" ? nil : traceFile ?? "trace.gz"
        options.traceFileIsDefault = traceFile == nil
        options.expressions = expressions
        if let ring {
            guard let bytes = parseSize(ring), bytes > 0 else { fail("--ring: '\(ring)' is not a size (like 4096, 64K, 16M)", status: 1) }
            options.ringSize = bytes
        }
        options.timestamps = min(timeOfDay, 3)
        options.showDuration = showDuration
        options.summary = summary
        options.showPaths = showPaths
        options.stackTrace = stackTrace
        var filter = TraceFilter()
        for e in expressions {
            do throws(DunetraceError) { try filter.apply(e) } catch { fail(error.description, status: 1) }
        }
        options.filter = filter
        do {
            if silent || outputFile == "/dev/null" {
                options.outputFD = nil
            } else if let path = outputFile {
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard fd >= 0 else { throw DunetraceError.io(path: path, reason: String(cString: strerror(errno))) }
                options.outputFD = dt_fd_move_high(fd)
            }
            let tracer = try Tracer(options: options)
            let end = try tracer.run(program: program, arguments: Array(argv.dropFirst()))
            Glibc.exit(end.status)
        } catch let error as DunetraceError {
            fail(error.description, status: error.exitStatus)
        }
    }
}

/// "4096", "64K", "16M", "1G" in bytes.
func parseSize(_ text: String) -> Int? {
    let units: [Character: Int] = ["K": 1 << 10, "k": 1 << 10, "M": 1 << 20, "m": 1 << 20, "G": 1 << 30, "g": 1 << 30]
    if let last = text.last, let unit = units[last] {
        return Int(text.dropLast()).flatMap { $0.multipliedReportingOverflow(by: unit).overflow ? nil : $0 * unit }
    }
    return Int(text)
}

/// One line on stderr, then the exit status: never a trap or a core dump for bad input.
func fail(_ message: String, status: Int32) -> Never {
    let line = "dunetrace: \(message)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    Glibc.exit(status)
}
