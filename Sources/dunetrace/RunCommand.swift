// `dunetrace [OPTIONS] [--] PROG [ARGS...]`: the options read as strace reads its own (getopt_long,
// options end at PROG), their mistakes reported in strace's words, then PROG run under Dune.
import ArgumentParser
import CKVM
import DunetraceCore
import Glibc

/// What the options of a run asked for.
struct RunSettings {
    var options = TraceOptions()
    var outputFile: String?
    var silent = false
    var traceFile: String?
    var followForks = 0
    var timeOfDay = 0
    var absoluteTimestamps: (format: LineLayout.TimeFormat, digits: Int)?
    var outputSeparately = false
    var summaryWithLines = false
    var tracePaths: [String] = []
    var decodeFDs = 0
    var summaryWallClock = false
    var attach: String?
    var environment: [String]?
    var program: [String] = []
}

/// How a run's command line ends before PROG starts.
enum RunParseOutcome {
    case run(RunSettings)
    /// -h, -V, --generate-completion-script: text for stdout, exit 0.
    case print(String)
    /// A mistake: the message (without "dunetrace: ") and whether strace adds "Try 'strace -h'".
    case usage(String, hint: Bool)
}

enum RunCommand {
    static var hint: String { "Try '\(ProgramName.invoked) -h' for more information." }

    static func main(_ arguments: [String]) -> Never {
        switch parse(arguments) {
        case .print(let text):
            _ = text.withCString { write(1, $0, strlen($0)) }
            Glibc.exit(0)
        case .usage(let message, let hint):
            fail(hint ? message + "\n" + Self.hint : message, status: 1)
        case .run(let settings):
            run(settings)
        }
    }

    static func parse(_ arguments: [String]) -> RunParseOutcome {
        let given: [GivenOption<RunOptionID>], operands: Int
        do throws(GetoptError) {
            (given, operands) = try getoptLong(arguments, options: RunOption.getoptTable)
        } catch {
            return .usage(error.message, hint: true)
        }
        var s = RunSettings()
        if let outcome = settle(given, &s) { return outcome }
        s.program = Array(arguments[operands...])
        if s.program.isEmpty { return .usage("must have PROG [ARGS]", hint: true) }
        return .run(s)
    }

    /// The options read into the settings, then checked for what they add up to (as strace
    /// does); `replay` settles its display options here too, so they mean what they mean live.
    static func settle(_ given: [GivenOption<RunOptionID>], _ s: inout RunSettings) -> RunParseOutcome? {
        for option in given {
            if let outcome = apply(option, to: &s) { return outcome }
        }
        if let pid = s.attach {
            // strace's own check of the list first (process_opt_p_list): each PID a positive
            // decimal number, separated by commas, spaces, tabs or newlines.
            var tokens = pid.split(omittingEmptySubsequences: false, whereSeparator: { ",\n\t ".contains($0) })
            if tokens.count > 1 && tokens.last?.isEmpty == true { tokens.removeLast() }  // "1," ends the list
            for token in tokens {
                guard let n = Int(token), n > 0, n <= Int(Int32.max) else {
                    return .usage("Invalid process id: '\(token)'", hint: false)
                }
            }
            return .usage("-p \(pid): dunetrace starts the programs it traces and cannot attach to a running process: a process cannot be moved into a virtual machine", hint: false)
        }
        if s.timeOfDay > 0 && s.absoluteTimestamps != nil {
            return .usage("-t and --absolute-timestamps cannot be provided simultaneously", hint: false)
        }
        if s.summaryWallClock && !s.options.summary {
            return .usage("--summary-wall-clock must be given with -c/--summary-only", hint: true)
        }
        // As strace 6.1 does it: -ff with -o FILE writes FILE.PID per process (without -o it is
        // -f); --output-separately alone names the one process's file FILE.PID, with -f it adds
        // nothing, with -ff it is refused.
        if s.followForks > 1 && s.outputSeparately {
            return .usage("-ff and --output-separately cannot be provided simultaneously", hint: false)
        }
        if s.followForks > 1 || (s.outputSeparately && s.followForks == 0), let file = s.outputFile, file != "/dev/null", !s.silent {
            // Absolute now: a child's file is opened after the target may have changed directory.
            s.options.separateOutput = file.hasPrefix("/") ? file : currentDirectory() + "/" + file
        }
        s.options.followForks = s.followForks > 0 ? 1 : 0
        if s.options.followForks > 0 && s.outputFile != nil && s.options.separateOutput == nil {
            s.options.layout.pidStyle = .plain
        }
        if s.summaryWithLines { s.options.summary = true; s.options.summaryWithLines = true }
        if let (format, digits) = s.absoluteTimestamps {
            s.options.layout.timeFormat = format
            s.options.layout.timeDigits = digits
        } else if s.timeOfDay > 0 {
            s.options.timestamps = min(s.timeOfDay, 3)
        }
        s.options.environment = s.environment
        if !s.tracePaths.isEmpty { s.options.pathTrace = PathTrace(s.tracePaths) }
        return nil
    }

    /// One option into the settings; an outcome when it ends the parse (help, or a mistake).
    private static func apply(_ given: GivenOption<RunOptionID>, to s: inout RunSettings) -> RunParseOutcome? {
        let value = given.value ?? ""
        func invalid() -> RunParseOutcome { .usage("invalid \(given.spelling) argument: '\(value)'", hint: true) }
        func expression(_ given: String) -> RunParseOutcome? {
            // strace takes decode-fd= as decode-fds=.
            let e = given.hasPrefix("decode-fd=") ? "decode-fds=" + given.dropFirst(10) : given
            if e.hasPrefix("decode-fds=") {
                guard let set = DecodeFDs.parse(String(e.dropFirst(11))) else { return .usage("invalid decode-fds '\(e.dropFirst(11))'", hint: false) }
                s.options.decodeFDs = set
                s.options.showPaths = !set.isEmpty
                return nil
            }
            do throws(DunetraceError) {
                // abbrev=, verbose=, raw= are the printing's (FormatterSettings), not the trace's
                // filter: replay takes them as options, its recorded -e are filters only.
                if try s.options.formatting.apply(expression: e) { return nil }
                try s.options.filter.apply(e)
            } catch { return .usage(error.description, hint: false) }
            s.options.expressions.append(e)
            return nil
        }
        switch given.id {
        case .expression:
            // -e quiet=SET is --quiet=SET (kept in the expressions too, for replay's -qq).
            if let eq = value.firstIndex(of: "="), ["quiet", "silent", "silence", "q"].contains(value[..<eq]) {
                if let outcome = quiet(String(value[value.index(after: eq)...]), into: &s) { return outcome }
            }
            return expression(value)
        case .trace: return expression("trace=" + value)
        case .status: return expression("status=" + value)
        case .inject: return expression("inject=" + value)
        case .signal: return expression("signal=" + value)
        case .fault: return expression("fault=" + value)
        case .readDump: return expression("read=" + value)
        case .writeDump: return expression("write=" + value)
        case .abbrev: return expression("abbrev=" + value)
        case .verbose: return expression("verbose=" + value)
        case .raw: return expression("raw=" + value)
        case .noAbbrev: return expression("abbrev=none")
        case .hexStrings: s.options.formatting.stringsInHex = s.options.formatting.stringsInHex == .none ? .nonASCII : .all
        case .stringsInHex:
            guard let style = StringsInHex(rawValue: given.value ?? "all") else { return invalid() }
            s.options.formatting.stringsInHex = style
        case .constPrintStyle:
            guard let style = ConstStyle(rawValue: value) else { return invalid() }
            s.options.formatting.constStyle = style
        case .successfulOnly: return expression("status=successful")
        case .failedOnly: return expression("status=failed")
        case .env:
            var env = s.environment ?? currentEnvironment()
            let name = value.prefix { $0 != "=" }
            env.removeAll { $0.prefix { $0 != "=" } == name }
            if value.contains("=") { env.append(value) }
            s.environment = env
        case .attach: s.attach = value
        // As strace 6.1: -ff is two -f; --follow-forks given twice is still one.
        case .followForks: s.followForks = given.spelling.hasPrefix("--") ? max(s.followForks, 1) : s.followForks + 1
        case .outputSeparately: s.outputSeparately = true
        case .appendOutput: s.options.appendOutput = true
        case .columns:
            guard let n = Int32(value), n >= 0 else { return invalid() }
            s.options.layout.columns = Int(n)
        case .relativeTimestamps:
            guard let digits = given.value.map({ LineLayout.digits(Substring($0)) }) ?? 6 else { return invalid() }
            s.options.layout.relativeDigits = digits
        case .syscallNumber: s.options.layout.syscallNumbers = true
        case .instructionPointer: s.options.layout.instructionPointer = true
        case .summaryWithLines: s.summaryWithLines = true
        case .interruptible:
            guard ["1", "2", "3", "4", "anywhere", "always", "waiting", "never", "never_tstp"].contains(value) else { return invalid() }
        case .daemonize:
            guard [nil, "grandchild", "pgroup", "pgrp", "session"].contains(given.value) else { return invalid() }
        case .seccompBPF: break
        case .output: s.outputFile = value
        case .quiet:
            guard let v = given.value else { s.options.quiet += 1; return nil }
            return quiet(v, into: &s)
        case .tracePath: s.tracePaths.append(value)
        case .pidComm: s.options.layout.pidComm = true
        case .pidnsTranslation: s.options.pidNamespaceTranslation = true
        case .decodePids:
            for item in value.split(separator: ",") {
                switch item {
                case "comm", "all": s.options.layout.pidComm = true
                case "pidns": s.options.pidNamespaceTranslation = true
                case "none": break
                default: return .usage("invalid decode-pids '\(item)'", hint: false)
                }
            }
        case .stringLimit:
            guard let n = Int32(value), n >= 0 else { return invalid() }
            s.options.stringLimit = Int(n)
        case .timeOfDay: s.timeOfDay += 1
        case .absoluteTimestamps:
            // Each use changes what it names: --absolute-timestamps=format:unix then =precision:ms.
            guard let t = absoluteTimestamps(given.value, after: s.absoluteTimestamps) else { return invalid() }
            s.absoluteTimestamps = t
        case .syscallTimes:
            let precision = given.value.map { $0.hasPrefix("precision:") ? String($0.dropFirst(10)) : $0 } ?? "us"
            guard let digits = LineLayout.digits(Substring(precision)) else { return invalid() }
            s.options.layout.durationDigits = digits
        case .decodeFDs:
            // -y: paths, -yy: everything; --decode-fds=SET: that set.
            if given.value == nil {
                s.decodeFDs += 1
                s.options.decodeFDs = s.decodeFDs >= 2 ? .all : s.options.decodeFDs.union(.path)
            } else {
                guard let set = DecodeFDs.parse(value) else { return .usage("invalid decode-fds '\(value)'", hint: false) }
                s.options.decodeFDs = set
            }
            s.options.showPaths = !s.options.decodeFDs.isEmpty
        case .stackTraces: s.options.stackTrace = true
        case .summaryOnly: s.options.summary = true
        case .summaryWallClock:
            s.summaryWallClock = true
            s.options.summaryLayout.wallClock = true
        case .summarySortBy:
            guard let key = SummaryLayout.sortKey(value) else { return .usage("invalid sortby: '\(value)'", hint: true) }
            s.options.summaryLayout.sortBy = key
        case .summaryColumns:
            switch SummaryLayout.columns(value) {
            case .success(let columns): s.options.summaryLayout.columns = columns
            case .failure(.unknown(let name)): return .usage("unknown column name: '\(name)'", hint: true)
            case .failure(.repeated(let name)): return .usage("call summary column has been provided more than once: '\(name)'", hint: true)
            }
        case .summaryOverhead:
            guard let ns = SummaryLayout.overhead(value) else { return invalid() }
            s.options.summaryLayout.overhead = ns
        case .traceFile: s.traceFile = value
        case .ring:
            guard let bytes = parseSize(value), bytes > 0 else { return invalid() }
            s.options.ringSize = bytes
        case .silent: s.silent = true
        case .captureSize:
            guard let n = Int32(value), n >= 0 else { return invalid() }
            s.options.captureSize = Int(n)
        case .noPageFaults: s.options.recordPageFaults = false
        case .pageFaultMode:
            switch value {
            case "exact": (s.options.recordPageFaults, s.options.approximatePageFaults) = (true, false)
            case "ws": (s.options.recordPageFaults, s.options.approximatePageFaults) = (false, true)
            case "none": (s.options.recordPageFaults, s.options.approximatePageFaults) = (false, false)
            default: return .usage("invalid --pf mode '\(value)' (exact, ws or none)", hint: false)
            }
        case .pfRearm:
            guard let ms = Int(value), ms > 0 else { return invalid() }
            s.options.pfRearmMilliseconds = ms
        case .stats: s.options.stats = true
        case .help: return .print(Dunetrace.help())
        case .version: return .print("dunetrace -- version \(Dunetrace.configuration.version)\n")
        case .completionScript:
            guard let shell = CompletionShell(rawValue: value), let script = completionScript(for: shell) else {
                return .usage("invalid \(given.spelling) argument: '\(value)' (bash or zsh)", hint: true)
            }
            return .print(script)
        case .unsupported:
            return .usage("option '\(given.spelling)' is not supported by dunetrace", hint: true)
        }
        return nil
    }

    /// --quiet=SET / -e quiet=SET as -q levels (what dunetrace never prints needs no level).
    private static func quiet(_ value: String, into s: inout RunSettings) -> RunParseOutcome? {
        var level = 0, threadExecve = false
        var items = Substring(value)
        let negate = items.hasPrefix("!")
        if negate { items = items.dropFirst() }
        for item in items.split(separator: ",") {
            switch item {
            case "none": break
            case "attach", "personality", "path-resolution": level = max(level, 1)
            case "thread-execve", "superseded": threadExecve = true
            case "exit", "exits": level = max(level, 2)
            case "all": level = max(level, 3); threadExecve = true
            default: return .usage("invalid quiet '\(item)'", hint: false)
            }
        }
        // !SET: everything but SET is quiet.
        s.options.quiet = negate ? (level >= 2 ? 1 : 2) : level
        s.options.quietThreadExecve = negate ? !threadExecve : threadExecve
        return nil
    }

    /// --absolute-timestamps[=[format:]FORMAT[,[precision:]PRECISION]] on top of what earlier
    /// uses set (format time, precision s at first); nil for what strace rejects.
    static func absoluteTimestamps(_ value: String?, after previous: (format: LineLayout.TimeFormat, digits: Int)?)
        -> (format: LineLayout.TimeFormat, digits: Int)? {
        var t = previous ?? (LineLayout.TimeFormat.time, 0)
        for item in value?.split(separator: ",", omittingEmptySubsequences: false) ?? [] {
            guard !item.contains(":") || item.hasPrefix("format:") || item.hasPrefix("precision:") else { return nil }
            let word = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).last ?? ""
            if !item.hasPrefix("precision:"), let format = LineLayout.TimeFormat(rawValue: String(word)) {
                t.format = format
            } else if !item.hasPrefix("format:"), let digits = LineLayout.digits(word) {
                t.digits = digits
            } else {
                return nil
            }
        }
        return t
    }

    static func run(_ s: RunSettings) -> Never {
        var options = s.options
        options.traceFile = s.traceFile == "none" ? nil : s.traceFile ?? "trace.gz"
        options.traceFileIsDefault = s.traceFile == nil
        var argv = s.program
        let program = argv.removeFirst()
        do {
            if s.silent || s.outputFile == "/dev/null" {
                options.outputFD = nil
            } else if var path = s.outputFile {
                if options.separateOutput != nil { path += "." + String(getpid()) }  // -ff: FILE.PID, this process's
                let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (options.appendOutput ? O_APPEND : O_TRUNC), 0o644)
                guard fd >= 0 else { throw DunetraceError.io(path: path, reason: String(cString: strerror(errno))) }
                options.outputFD = dt_fd_move_high(fd)
                options.outputName = path
            }
            let tracer = try Tracer(options: options)
            let end = try tracer.run(program: program, arguments: argv)
            reapNamespace()
            if case .killed(let sig) = end { dieOf(sig) }
            Glibc.exit(end.status)
        } catch let error as DunetraceError {
            fail(error.description, status: error.exitStatus)
        } catch {
            fail("\(error)", status: 1)
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
    let line = ProgramName.prefix + message + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    Glibc.exit(status)
}

/// The working directory dunetrace started in.
private func currentDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    return getcwd(&buffer, buffer.count) != nil ? String(cString: buffer) : "."
}

/// dunetrace is the init of a pid namespace (`unshare -pf dunetrace PROG`): when it ends, the
/// kernel kills every process left in it, so traced processes the program left behind would
/// die unfinished (and their lines with them). As strace, which is that init and waits for its
/// tracees, it waits for them: orphans of the namespace are its children now.
private func reapNamespace() {
    guard getpid() == 1 else { return }
    // The program's descriptors close as at its exit (a child may wait for the end of a pipe
    // it held); dunetrace's own sit above them, and 0-2 may carry its text.
    let base = dt_fd_reserved_base()
    if base > 3 { _ = dt_host_syscall(436 /* close_range */, 3, UInt64(base - 1), 0, 0, 0, 0) }
    while true {
        if waitpid(-1, nil, __WALL) > 0 { continue }
        if errno == EINTR { continue }
        return
    }
}

/// The program was killed by `sig`: dunetrace ends the same way, as strace does, so whoever
/// waits for it (a shell, a test harness, make) sees the signal; no core of its own (the
/// program's was written already). 128+sig if the signal does not end it.
private func dieOf(_ sig: Int32) -> Never {
    var none = rlimit(rlim_cur: 0, rlim_max: 0)
    setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &none)
    dieOfSignal(sig)
}
