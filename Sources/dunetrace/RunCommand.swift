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
    var absoluteTimestamps: Int?
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
    static let hint = "Try 'dunetrace -h' for more information."

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
            return .usage("-p \(pid): dunetrace starts the programs it traces and cannot attach to a running process: a process cannot be moved into a virtual machine", hint: false)
        }
        if s.timeOfDay > 0 && s.absoluteTimestamps != nil {
            return .usage("-t and --absolute-timestamps cannot be provided simultaneously", hint: false)
        }
        if s.summaryWallClock && !s.options.summary {
            return .usage("--summary-wall-clock must be given with -c/--summary-only", hint: true)
        }
        if s.followForks > 1 && s.outputFile != nil {
            return .usage("-ff with -o (a file per process) is not supported by dunetrace", hint: false)
        }
        s.options.timestamps = s.absoluteTimestamps ?? min(s.timeOfDay, 3)
        s.options.environment = s.environment
        return nil
    }

    /// One option into the settings; an outcome when it ends the parse (help, or a mistake).
    private static func apply(_ given: GivenOption<RunOptionID>, to s: inout RunSettings) -> RunParseOutcome? {
        let value = given.value ?? ""
        func invalid() -> RunParseOutcome { .usage("invalid \(given.spelling) argument: '\(value)'", hint: true) }
        func expression(_ e: String) -> RunParseOutcome? {
            if e.hasPrefix("decode-fds=") {
                guard let set = DecodeFDs.parse(String(e.dropFirst(11))) else { return .usage("invalid decode-fds '\(e.dropFirst(11))'", hint: false) }
                s.options.decodeFDs = set
                s.options.showPaths = !set.isEmpty
                return nil
            }
            do throws(DunetraceError) { try s.options.filter.apply(e) } catch { return .usage(error.description, hint: false) }
            s.options.expressions.append(e)
            return nil
        }
        switch given.id {
        case .expression: return expression(value)
        case .trace: return expression("trace=" + value)
        case .status: return expression("status=" + value)
        case .inject: return expression("inject=" + value)
        case .signal: return expression("signal=" + value)
        case .fault: return expression("fault=" + value)
        case .successfulOnly: return expression("status=successful")
        case .failedOnly: return expression("status=failed")
        case .env:
            var env = s.environment ?? processEnvironment()
            let name = value.prefix { $0 != "=" }
            env.removeAll { $0.prefix { $0 != "=" } == name }
            if value.contains("=") { env.append(value) }
            s.environment = env
        case .attach: s.attach = value
        case .followForks: s.followForks += 1
        case .seccompBPF: break
        case .output: s.outputFile = value
        case .quiet:
            guard let v = given.value else { s.options.quiet += 1; return nil }
            var level = 0
            for item in v.split(separator: ",") {
                switch item {
                case "none": break
                case "attach", "personality", "path-resolution": level = max(level, 1)
                case "exit", "exits": level = max(level, 2)
                case "all": level = max(level, 3)
                case "thread-execve", "superseded": return .usage("--quiet=\(item) is not supported by dunetrace", hint: false)
                default: return .usage("invalid quiet '\(item)'", hint: false)
                }
            }
            s.options.quiet = level
        case .stringLimit:
            guard let n = Int32(value), n >= 0 else { return invalid() }
            s.options.stringLimit = Int(n)
        case .timeOfDay: s.timeOfDay += 1
        case .absoluteTimestamps:
            guard let level = absoluteTimestampLevel(given.value) else { return invalid() }
            guard level >= 0 else { return .usage("--absolute-timestamps=\(value) is not supported by dunetrace (time, time,us, unix,us, none are)", hint: false) }
            s.absoluteTimestamps = level
        case .syscallTimes:
            switch given.value {
            case nil, "us", "precision:us": s.options.showDuration = true
            case "s", "ms", "ns", "precision:s", "precision:ms", "precision:ns":
                return .usage("--syscall-times=\(value) is not supported by dunetrace (us is)", hint: false)
            default: return invalid()
            }
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
        case .summaryWallClock: s.summaryWallClock = true
        case .traceFile: s.traceFile = value
        case .ring:
            guard let bytes = parseSize(value), bytes > 0 else { return invalid() }
            s.options.ringSize = bytes
        case .silent: s.silent = true
        case .captureSize:
            guard let n = Int32(value), n >= 0 else { return invalid() }
            s.options.captureSize = Int(n)
        case .noPageFaults: s.options.recordPageFaults = false
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

    /// --absolute-timestamps[=[format:]FORMAT[,[precision:]PRECISION]] as -t levels: nil for
    /// what strace rejects, -1 for what strace has and dunetrace does not.
    static func absoluteTimestampLevel(_ value: String?) -> Int? {
        var format = "time", precision = "s"
        for item in value?.split(separator: ",", omittingEmptySubsequences: false) ?? [] {
            guard !item.contains(":") || item.hasPrefix("format:") || item.hasPrefix("precision:") else { return nil }
            let word = String(item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).last ?? "")
            switch (item.hasPrefix("format:"), item.hasPrefix("precision:"), word) {
            case (_, false, "none"), (_, false, "time"), (_, false, "unix"): format = word
            case (false, _, "s"), (false, _, "ms"), (false, _, "us"), (false, _, "ns"): precision = word
            default: return nil
            }
        }
        switch (format, precision) {
        case ("none", _): return 0
        case ("time", "s"): return 1
        case ("time", "us"): return 2
        case ("unix", "us"): return 3
        default: return -1
        }
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
            } else if let path = s.outputFile {
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard fd >= 0 else { throw DunetraceError.io(path: path, reason: String(cString: strerror(errno))) }
                options.outputFD = dt_fd_move_high(fd)
            }
            let tracer = try Tracer(options: options)
            let end = try tracer.run(program: program, arguments: argv)
            Glibc.exit(end.status)
        } catch let error as DunetraceError {
            fail(error.description, status: error.exitStatus)
        } catch {
            fail("\(error)", status: 1)
        }
    }
}

/// This process's environment, as PROG would inherit it.
private func processEnvironment() -> [String] {
    var out: [String] = []
    var p = environ
    while let s = p.pointee { out.append(String(cString: s)); p += 1 }
    return out
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
