// The options of a run, `dunetrace [OPTIONS] [--] PROG [ARGS...]`: strace 6.1's names, short
// and long, for what dunetrace does, and dunetrace's own. This table is the one list: the
// parser, `dunetrace -h` and the completion scripts are made from it.

enum RunOptionID: Sendable {
    // Options dunetrace has.
    case expression, env, attach, followForks, seccompBPF, trace, status, successfulOnly, failedOnly, inject, fault, signal
    case readDump, writeDump
    case abbrev, verbose, raw, noAbbrev, hexStrings, stringsInHex, constPrintStyle
    case output, quiet, stringLimit, absoluteTimestamps, timeOfDay, syscallTimes, decodeFDs, stackTraces
    case summaryOnly, summaryWallClock, traceFile, ring, silent, captureSize, noPageFaults, pageFaultMode, pfRearm, stats
    case columns, relativeTimestamps, syscallNumber, instructionPointer, outputSeparately, appendOutput
    case summarySortBy, summaryColumns, summaryOverhead
    case summaryWithLines, interruptible, daemonize, tracePath, pidComm, decodePids, pidnsTranslation
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
                  "a filter in strace's syntax, repeatable: trace=[!]SET (system call names, /REGEX, ?NAME, %file, %network, %process, %memory, %signal, %desc, %ipc, %creds, %clock, %stat, %%stat, %statfs, %%statfs, %pure, %pf for page-fault lines, all, none), status=[!]SET (successful, failed, unfinished, detached, unavailable), signal=, inject=, fault=, read=FDS and write=FDS (hex dumps of the data), quiet=SET"),
        RunOption("E", "env", .required, .env, .startup, "-E VAR=VAL, -E VAR, --env=VAR[=VAL]",
                  "put VAR=VAL in the environment of PROG, or remove VAR from it"),
        RunOption("p", "attach", .required, .attach, .startup, "-p PID, --attach=PID",
                  "refused: dunetrace starts the programs it traces and cannot attach to a running process, which cannot be moved into a virtual machine"),
        RunOption("f", "follow-forks", .none, .followForks, .tracing, "-f, --follow-forks",
                  "print the lines of children and threads too (they are always traced and recorded); -ff with -o FILE: each process's lines in FILE.PID"),
        RunOption(nil, "output-separately", .none, .outputSeparately, .tracing, "--output-separately",
                  "with -o FILE: the lines in FILE.PID (strace 6.1: with -f it changes nothing; -ff is the file per process)"),
        RunOption("I", "interruptible", .required, .interruptible, .tracing, "-I INTERRUPTIBLE, --interruptible=INTERRUPTIBLE",
                  "accepted (1-4, anywhere, waiting, never, never_tstp): signals to dunetrace are the target's"),
        RunOption("D", "daemonize", .optional, .daemonize, .startup, "-D, --daemonize[=grandchild|pgroup|session]",
                  "accepted: dunetrace runs the program in its own process, not as its parent"),
        RunOption(nil, "seccomp-bpf", .none, .seccompBPF, .tracing, "--seccomp-bpf",
                  "accepted: every system call exits to dunetrace without seccomp, and -e chooses what is printed"),
        RunOption(nil, "trace", .required, .trace, .filtering, "--trace=SET", "-e trace=SET"),
        RunOption(nil, "status", .required, .status, .filtering, "--status=SET", "-e status=SET"),
        RunOption(nil, "signal", .required, .signal, .filtering, "--signal=SET", "-e signal=SET: only these signals' --- SIGxxx --- lines (names, numbers, all, none, !)"),
        RunOption(nil, "inject", .required, .inject, .filtering,
                  "--inject=SET[:error=E|:retval=N][:signal=SIG][:delay_enter=T][:delay_exit=T][:poke_enter=@argN=HEX][:poke_exit=@argN=HEX][:syscall=NAME][:when=EXPR]",
                  "-e inject=...: the calls of SET fail with errno E (or return N) without running, raise SIG when done, wait T (us, or with s, ms, ns) before or after, or get bytes written where argument N points, on the invocations when= names (first[..last][+[step]]); their lines end with (INJECTED), (INJECTED: args), (DELAYED)"),
        RunOption(nil, "fault", .required, .fault, .filtering, "--fault=SET[:error=E][:when=EXPR]", "-e fault=...: -e inject= with error=ENOSYS by default"),
        // -e read=FDS and -e write=FDS under strace's long names; not listed until README and the
        // man page list them (the lists must agree).
        RunOption(nil, "read", .required, .readDump, .filtering, "--read=FDS, --write=FDS",
                  "-e read=FDS, -e write=FDS: the data each call read from, or wrote to, those descriptors, in hex"),
        RunOption(nil, "write", .required, .writeDump, .filtering, "", ""),
        RunOption("P", "trace-path", .required, .tracePath, .filtering, "-P PATH, --trace-path=PATH",
                  "print only the system calls that name PATH or use a descriptor open on it; repeatable"),
        RunOption("z", "successful-only", .none, .successfulOnly, .filtering, "-z, --successful-only",
                  "print only system calls that returned without an error code"),
        RunOption("Z", "failed-only", .none, .failedOnly, .filtering, "-Z, --failed-only",
                  "print only system calls that returned with an error code"),
        RunOption("o", "output", .required, .output, .output, "-o FILE, --output=FILE",
                  "write the live text to FILE instead of stderr (-o /dev/null is --silent)"),
        RunOption("A", "output-append-mode", .none, .appendOutput, .output, "-A, --output-append-mode",
                  "append to -o FILE instead of truncating it"),
        RunOption("a", "columns", .required, .columns, .output, "-a COLUMN, --columns=COLUMN",
                  "align the return values of system calls at COLUMN (default 40)"),
        RunOption("q", "quiet", .optional, .quiet, .output, "-q, -qq, --quiet[=SET], --silence=SET",
                  "fewer notes: -qq (or --quiet=exit) also hides the \"+++ exited with N +++\" lines; SET (also -e quiet=SET): attach, personality, path-resolution, exit, thread-execve, superseded, all"),
        RunOption(nil, "silence", .required, .quiet, .output, "", ""),  // strace's other spelling of --quiet=SET
        RunOption("s", "string-limit", .required, .stringLimit, .output, "-s STRSIZE, --string-limit=STRSIZE",
                  "show at most STRSIZE bytes of each string (default 32)"),
        RunOption(nil, "abbrev", .required, .abbrev, .filtering, "--abbrev=SET",
                  "-e abbrev=SET: abbreviate the structures and arrays of the calls in SET (default all)"),
        RunOption(nil, "verbose", .required, .verbose, .filtering, "--verbose=SET",
                  "-e verbose=SET: decode the structures of the calls in SET (default all); the others print their addresses"),
        RunOption(nil, "raw", .required, .raw, .filtering, "--raw=SET",
                  "-e raw=SET: print the arguments and results of the calls in SET undecoded, in hex"),
        RunOption("v", "no-abbrev", .none, .noAbbrev, .output, "-v, --no-abbrev",
                  "print structures, arrays and environments whole (-e abbrev=none)"),
        RunOption("x", nil, .none, .hexStrings, .output, "-x, -xx",
                  "print strings with a non-ASCII byte in hex (--strings-in-hex=non-ascii); -xx all strings"),
        RunOption(nil, "strings-in-hex", .optional, .stringsInHex, .output, "--strings-in-hex[=all|non-ascii|non-ascii-chars|none]",
                  "which strings print in hex (default all); non-ascii-chars writes only the non-printable bytes as \\xNN"),
        RunOption("X", "const-print-style", .required, .constPrintStyle, .output, "-X FORMAT, --const-print-style=FORMAT",
                  "named constants and flags as names (abbrev, the default), numbers (raw), or numbers with the names in a comment (verbose)"),
        RunOption("t", nil, .none, .timeOfDay, .output, "-t, -tt, -ttt",
                  "start each line with the time of day, with microseconds, or as seconds since the epoch with microseconds"),
        RunOption(nil, "absolute-timestamps", .optional, .absoluteTimestamps, .output,
                  "--absolute-timestamps[=[format:]FORMAT[,[precision:]PRECISION]], --timestamps[=...]",
                  "FORMAT: time (-t), unix (-ttt) or none; PRECISION: s, ms, us or ns"),
        RunOption(nil, "timestamps", .optional, .absoluteTimestamps, .output, "", ""),
        RunOption("r", "relative-timestamps", .optional, .relativeTimestamps, .output, "-r, --relative-timestamps[=PRECISION]",
                  "start each line with the time since the previous one began (PRECISION: s, ms, us or ns, default us)"),
        RunOption("T", "syscall-times", .optional, .syscallTimes, .output, "-T, --syscall-times[=PRECISION]",
                  "end each system call line with the time spent in it, <seconds> (PRECISION: s, ms, us or ns, default us)"),
        RunOption("n", "syscall-number", .none, .syscallNumber, .output, "-n, --syscall-number",
                  "print the system call's number before each line: [  2] "),
        RunOption("i", "instruction-pointer", .none, .instructionPointer, .output, "-i, --instruction-pointer",
                  "print the instruction pointer after the system call before each line"),
        RunOption("y", "decode-fds", .optional, .decodeFDs, .output, "-y, -yy, --decode-fds[=SET]",
                  "print the paths of file descriptors: read(3</etc/passwd>, ...); -yy (SET all) also sockets' protocol and addresses, devices' numbers, pidfds' pids; SET: path, socket, dev, pidfd, all, none"),
        RunOption("Y", nil, .none, .pidComm, .output, "-Y", "--decode-pids=comm"),
        RunOption(nil, "decode-pids", .required, .decodePids, .output, "--decode-pids=comm|pidns",
                  "comm: pid prefixes name the task's command, [pid  1234<ls>]; pidns: a pid of a namespace the program made is followed by its pid in dunetrace's, 1 /* 4321 in strace's PID NS */"),
        RunOption(nil, "pidns-translation", .none, .pidnsTranslation, .output, "--pidns-translation", "--decode-pids=pidns"),
        RunOption("k", "stack-traces", .none, .stackTraces, .output, "-k, --stack-traces",
                  "after each system call, page fault and fault signal, print the stack of the target"),
        RunOption("c", "summary-only", .none, .summaryOnly, .statistics, "-c, --summary-only",
                  "count the time, calls and errors of each system call and print strace -c's table at the end, instead of a line per event"),
        RunOption("C", "summary", .none, .summaryWithLines, .statistics, "-C, --summary",
                  "the lines, and -c's table at the end"),
        RunOption(nil, "summary-wall-clock", .none, .summaryWallClock, .statistics, "--summary-wall-clock",
                  "-c counts the wall-clock time in each call, not the CPU time spent on it (strace's -w; dunetrace's -w records)"),
        RunOption("O", "summary-syscall-overhead", .required, .summaryOverhead, .statistics, "-O OVERHEAD, --summary-syscall-overhead=OVERHEAD",
                  "-c takes OVERHEAD (seconds, or with s, ms, us, ns) off the time of each call"),
        RunOption("S", "summary-sort-by", .required, .summarySortBy, .statistics, "-S SORTBY, --summary-sort-by=SORTBY",
                  "sort -c's table by time, min-time, max-time, avg-time, calls, errors, name or nothing (default time)"),
        RunOption("U", "summary-columns", .required, .summaryColumns, .statistics, "-U COLUMNS, --summary-columns=COLUMNS",
                  "-c's columns, comma-separated: time-percent, total-time, min-time, max-time, avg-time, calls, errors, name"),
        RunOption("w", "trace-file", .required, .traceFile, .dunetrace, "-w FILE, --trace-file=FILE",
                  "record the run to FILE (default trace.gz); -w none records nothing"),
        RunOption(nil, "ring", .required, .ring, .dunetrace, "--ring=SIZE",
                  "flight recorder: keep only the newest SIZE bytes (K, M, G) of the trace, written at exit, on a crash and on SIGUSR1"),
        RunOption(nil, "silent", .none, .silent, .dunetrace, "--silent",
                  "no live text, and no formatting cost (the trace keeps what every view prints)"),
        RunOption(nil, "capture-size", .required, .captureSize, .dunetrace, "--capture-size=N",
                  "record up to N bytes of each string and buffer (default: -s, at least 32), so replay -s N shows them"),
        RunOption(nil, "no-pf", .none, .noPageFaults, .dunetrace, "--no-pf",
                  "record no page faults: map the target's memory eagerly (2 MiB pages where possible); --pf=none"),
        RunOption(nil, "pf", .required, .pageFaultMode, .dunetrace, "--pf=MODE",
                  "how first touches of pages are recorded: exact (default: each one exits, with its ip and error code), ws (memory mapped ahead; the pages touched, read or written, learnt at the next exit from the page tables' accessed and dirty bits, without the ip: approximate) or none (--no-pf)"),
        RunOption(nil, "pf-rearm", .required, .pfRearm, .dunetrace, "--pf-rearm=MS",
                  "every MS milliseconds make all pages not present again: the working set over time"),
        RunOption(nil, "stats", .none, .stats, .dunetrace, "--stats",
                  "at the end, VM exits by reason, exits per system call, time in the guest and in dunetrace"),
        RunOption("h", "help", .none, .help, .miscellaneous, "-h, --help", "print this help"),
        RunOption("V", "version", .none, .version, .miscellaneous, "-V, --version", "print the version"),
        RunOption(nil, "generate-completion-script", .required, .completionScript, .miscellaneous,
                  "--generate-completion-script=SHELL", "print the completion script for SHELL (bash or zsh)"),
        // strace 6.1's options that dunetrace does not have.
        .unsupported("b", "detach-on", .required), .unsupported("d", "debug"),
        .unsupported("u", "user", .required), .unsupported(nil, "tips", .optional),
        .unsupported(nil, "kvm", .required),
    ]

    static var getoptTable: [GetoptOption<RunOptionID>] { all.map(\.getopt) }
    /// The options -h lists (an alias with no synopsis of its own is named in its twin's).
    static var listed: [RunOption] { all.filter { $0.getopt.id != .unsupported && !$0.synopsis.isEmpty } }
}

/// `dunetrace -h`: as `strace -h`, the usage, then the options of a run by section, then the
/// reporter's subcommands.
func runHelp(subcommands: [(usage: String, abstract: String)], width: Int = 80) -> String {
    var out = """
        Usage: dunetrace [-ACcDffhiknqqrTtttVyzZ] [-a COLUMN] [-e EXPR]... [-E VAR=VAL]...
                         [-I N] [-o FILE] [-s STRSIZE] [-w FILE] [--ring=SIZE] [--silent]
                         [--pf=MODE] [--pf-rearm=MS] [--stats] [--] PROG [ARGS]
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
