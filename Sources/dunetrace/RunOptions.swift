// The options of a run, `dunetrace [OPTIONS] [--] PROG [ARGS...]`: strace 6.1's names, short
// and long, for what dunetrace does, and dunetrace's own. This table is the one list: the
// parser, `dunetrace -h` and the completion scripts are made from it.

enum RunOptionID: Sendable {
    // Options dunetrace has.
    case expression, env, attach, followForks, seccompBPF, trace, status, successfulOnly, failedOnly, inject, fault, signal
    case output, quiet, stringLimit, absoluteTimestamps, timeOfDay, syscallTimes, decodeFDs, stackTraces
    case summaryOnly, summaryWallClock, traceFile, ring, silent, captureSize, noPageFaults, pfRearm, stats
    case help, version, completionScript
    /// strace's options that dunetrace does not have: named so the refusal says so, not "unrecognized".
    case unsupported
}

struct RunOption: Sendable {
    enum Section: String, CaseIterable, Sendable {
        case general = "General"
        case startup = "Startup"
        case tracing = "Tracing"
        case filtering = "Filtering"
        case output = "Output format"
        case statistics = "Statistics"
        case dunetrace = "Recording and the virtual machine"
        case miscellaneous = "Miscellaneous"
    }

    var getopt: GetoptOption<RunOptionID>
    /// How `dunetrace -h` names it, e.g. "-o FILE, --output=FILE"; empty for unsupported ones.
    var synopsis: String
    var help: String
    var section: Section

    init(_ short: Character?, _ long: String?, _ argument: GetoptOption<RunOptionID>.Argument = .none, _ id: RunOptionID,
         _ section: Section, _ synopsis: String, _ help: String) {
        getopt = GetoptOption(short: short, long: long, argument: argument, id: id)
        self.synopsis = synopsis
        self.help = help
        self.section = section
    }

    static func unsupported(_ short: Character?, _ long: String?, _ argument: GetoptOption<RunOptionID>.Argument = .none) -> RunOption {
        RunOption(short, long, argument, .unsupported, .miscellaneous, "", "")
    }

    /// Every option, in the order `dunetrace -h` lists them (and glibc lists ambiguous ones).
    static let all: [RunOption] = [
        RunOption("e", nil, .required, .expression, .general, "-e EXPR",
                  "a filter in strace's syntax, repeatable: trace=[!]SET (system call names, %file, %network, %process, %memory, %signal, %desc, %ipc, %creds, %clock, all, none) or status=[!]SET (successful, failed, unfinished)"),
        RunOption("E", "env", .required, .env, .startup, "-E VAR=VAL, -E VAR, --env=VAR[=VAL]",
                  "put VAR=VAL in the environment of PROG, or remove VAR from it"),
        RunOption("p", "attach", .required, .attach, .startup, "-p PID, --attach=PID",
                  "refused: dunetrace starts the programs it traces and cannot attach to a running process, which cannot be moved into a virtual machine"),
        RunOption("f", "follow-forks", .none, .followForks, .tracing, "-f, --follow-forks",
                  "accepted: children and threads are always followed"),
        RunOption(nil, "seccomp-bpf", .none, .seccompBPF, .tracing, "--seccomp-bpf",
                  "accepted: every system call exits to dunetrace without seccomp, and -e chooses what is printed"),
        RunOption(nil, "trace", .required, .trace, .filtering, "--trace=SET", "-e trace=SET"),
        RunOption(nil, "status", .required, .status, .filtering, "--status=SET", "-e status=SET"),
        RunOption(nil, "signal", .required, .signal, .filtering, "--signal=SET", "-e signal=SET: only these signals' --- SIGxxx --- lines (names, numbers, all, none, !)"),
        RunOption(nil, "inject", .required, .inject, .filtering, "--inject=SET:error=E|retval=N[:when=EXPR]",
                  "-e inject=...: the calls of SET fail with errno E (or return N) without running, on the invocations when= names (first[..last][+[step]]); their lines end with (INJECTED)"),
        RunOption(nil, "fault", .required, .fault, .filtering, "--fault=SET[:error=E][:when=EXPR]", "-e fault=...: -e inject= with error=ENOSYS by default"),
        RunOption("z", "successful-only", .none, .successfulOnly, .filtering, "-z, --successful-only",
                  "print only system calls that returned without an error code"),
        RunOption("Z", "failed-only", .none, .failedOnly, .filtering, "-Z, --failed-only",
                  "print only system calls that returned with an error code"),
        RunOption("o", "output", .required, .output, .output, "-o FILE, --output=FILE",
                  "write the live text to FILE instead of stderr (-o /dev/null is --silent)"),
        RunOption("q", "quiet", .optional, .quiet, .output, "-q, -qq, --quiet[=SET]",
                  "fewer notes: -qq (or --quiet=exit) also hides the \"+++ exited with N +++\" lines; SET: attach, personality, path-resolution, exit, all"),
        RunOption("s", "string-limit", .required, .stringLimit, .output, "-s STRSIZE, --string-limit=STRSIZE",
                  "show at most STRSIZE bytes of each string (default 32)"),
        RunOption("t", nil, .none, .timeOfDay, .output, "-t, -tt, -ttt",
                  "start each line with the time of day, with microseconds, or as seconds since the epoch with microseconds"),
        RunOption(nil, "absolute-timestamps", .optional, .absoluteTimestamps, .output, "--absolute-timestamps[=FORMAT[,PRECISION]]",
                  "the same: time (-t), time,us (-tt), unix,us (-ttt) or none"),
        RunOption("T", "syscall-times", .optional, .syscallTimes, .output, "-T, --syscall-times[=us]",
                  "end each system call line with the time spent in it, <seconds>"),
        RunOption("y", "decode-fds", .optional, .decodeFDs, .output, "-y, -yy, --decode-fds[=SET]",
                  "print the paths of file descriptors: read(3</etc/passwd>, ...); -yy (SET all) also sockets' protocol and addresses, devices' numbers, pidfds' pids; SET: path, socket, dev, pidfd, all, none"),
        RunOption("k", "stack-traces", .none, .stackTraces, .output, "-k, --stack-traces",
                  "after each system call, page fault and fault signal, print the stack of the target"),
        RunOption("c", "summary-only", .none, .summaryOnly, .statistics, "-c, --summary-only",
                  "count the time, calls and errors of each system call and print strace -c's table at the end, instead of a line per event"),
        RunOption(nil, "summary-wall-clock", .none, .summaryWallClock, .statistics, "--summary-wall-clock",
                  "accepted with -c: the times are always wall-clock time (strace's -w; dunetrace's -w records)"),
        RunOption("w", "trace-file", .required, .traceFile, .dunetrace, "-w FILE, --trace-file=FILE",
                  "record the run to FILE (default trace.gz); -w none records nothing"),
        RunOption(nil, "ring", .required, .ring, .dunetrace, "--ring=SIZE",
                  "flight recorder: keep only the newest SIZE bytes (K, M, G) of the trace, written at exit, on a crash and on SIGUSR1"),
        RunOption(nil, "silent", .none, .silent, .dunetrace, "--silent",
                  "no live text, and no formatting cost (the trace keeps what every view prints)"),
        RunOption(nil, "capture-size", .required, .captureSize, .dunetrace, "--capture-size=N",
                  "record up to N bytes of each string and buffer (default: -s, at least 32), so replay -s N shows them"),
        RunOption(nil, "no-pf", .none, .noPageFaults, .dunetrace, "--no-pf",
                  "record no page faults: map the target's memory eagerly (2 MiB pages where possible)"),
        RunOption(nil, "pf-rearm", .required, .pfRearm, .dunetrace, "--pf-rearm=MS",
                  "every MS milliseconds make all pages not present again: the working set over time"),
        RunOption(nil, "stats", .none, .stats, .dunetrace, "--stats",
                  "at the end, VM exits by reason, exits per system call, time in the guest and in dunetrace"),
        RunOption("h", "help", .none, .help, .miscellaneous, "-h, --help", "print this help"),
        RunOption("V", "version", .none, .version, .miscellaneous, "-V, --version", "print the version"),
        RunOption(nil, "generate-completion-script", .required, .completionScript, .miscellaneous,
                  "--generate-completion-script=SHELL", "print the completion script for SHELL (bash or zsh)"),
        // strace 6.1's options that dunetrace does not have.
        .unsupported("A", "output-append-mode"), .unsupported("a", "columns", .required),
        .unsupported("b", "detach-on", .required), .unsupported("C", "summary"), .unsupported("d", "debug"),
        .unsupported("D", "daemonize", .optional), .unsupported("i", "instruction-pointer"),
        .unsupported("I", "interruptible", .required), .unsupported("n", "syscall-number"),
        .unsupported("O", "summary-syscall-overhead", .required), .unsupported(nil, "output-separately"),
        .unsupported("P", "trace-path", .required), .unsupported("r", "relative-timestamps", .optional),
        .unsupported("S", "summary-sort-by", .required), .unsupported("u", "user", .required),
        .unsupported("U", "summary-columns", .required), .unsupported("v", "no-abbrev"),
        .unsupported("x", "strings-in-hex", .optional), .unsupported("X", "const-print-style", .required),
        .unsupported("Y", nil), .unsupported(nil, "decode-pids", .required), .unsupported(nil, "tips", .optional),
        .unsupported(nil, "abbrev", .required), .unsupported(nil, "verbose", .required), .unsupported(nil, "raw", .required),
        .unsupported(nil, "read", .required), .unsupported(nil, "write", .required),
        .unsupported(nil, "kvm", .required),
    ]

    static var getoptTable: [GetoptOption<RunOptionID>] { all.map(\.getopt) }
    static var listed: [RunOption] { all.filter { $0.getopt.id != .unsupported } }
}

/// `dunetrace -h`: as `strace -h`, the usage, then the options of a run by section, then the
/// reporter's subcommands.
func runHelp(subcommands: [(usage: String, abstract: String)], width: Int = 80) -> String {
    var out = """
        Usage: dunetrace [-cfhkqqTtttVyzZ] [-e EXPR]... [-E VAR=VAL]... [-o FILE] [-s STRSIZE]
                         [-w FILE] [--ring=SIZE] [--silent] [--no-pf] [--pf-rearm=MS] [--stats]
                         [--] PROG [ARGS]
           or: dunetrace SUBCOMMAND [ARGS]

        """
    out += "\n" + wrap("Runs PROG in a KVM virtual machine that holds nothing but PROG: every system call exits to dunetrace, which prints it in strace's format and runs it with native semantics. Options end at PROG or at --.", indent: "", width: width)
    for section in RunOption.Section.allCases {
        let options = RunOption.listed.filter { $0.section == section }
        guard !options.isEmpty else { continue }
        out += "\n\(section.rawValue):\n"
        for o in options { out += entry(o.synopsis, o.help, width: width) }
    }
    out += "\nSubcommands (dunetrace SUBCOMMAND -h for their options):\n"
    for s in subcommands { out += entry(s.usage, s.abstract, width: width) }
    return out
}

/// "  NAMES  help", the help at column 17 as strace prints it, on the next line when the names are long.
private func entry(_ names: String, _ help: String, width: Int) -> String {
    let column = 17, indent = String(repeating: " ", count: column)
    let head = "  " + names
    let body = wrap(help, indent: indent, width: width)
    if head.count + 2 <= column { return head + String(repeating: " ", count: column - head.count) + body.dropFirst(column) }
    return head + "\n" + body
}

/// `text` in lines of at most `width` columns, each starting with `indent`.
func wrap(_ text: String, indent: String, width: Int) -> String {
    var out = "", line = indent
    for word in text.split(separator: " ") {
        if line.count > indent.count && line.count + 1 + word.count > width {
            out += line + "\n"
            line = indent
        }
        line += (line.count > indent.count ? " " : "") + word
    }
    return out + line + "\n"
}
