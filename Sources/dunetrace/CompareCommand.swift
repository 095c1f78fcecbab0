// `dunetrace compare [--] PROG ARGS`: the same program run under host strace -f and under
// dunetrace (this binary's trace mode, recording with -w; its live text goes to a file, so
// the trace keeps the bytes the lines showed), and the two diffed.
import ArgumentParser
import DunetraceCore
import Glibc

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run PROG under host strace -f and under dunetrace, and report the differences.",
        discussion: "PROG runs twice with standard input from /dev/null and its output discarded. Exits 0 when the two runs are equivalent (as `dunetrace diff` judges, and with the same exit status), 1 when they differ, 2 on error.")

    @Option(name: .customShort("s"), help: ArgumentHelp("Show at most N bytes of each string, in both runs (default 32).", valueName: "N"))
    var stringLimit: Int = 32

    @Option(name: .long, help: ArgumentHelp("Events of context around each difference (default 3).", valueName: "N"))
    var context: Int = 3

    @Option(name: .long, help: ArgumentHelp("Keep the strace log and the trace in DIR instead of a temporary directory.", valueName: "DIR"))
    var keep: String?

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The program to run, and its arguments.", valueName: "PROG [ARGS...]"))
    var command: [String] = []

    func validate() throws {
        guard stringLimit >= 0 else { throw ValidationError("-s wants a number >= 0") }
        guard context >= 0 else { throw ValidationError("--context wants a number >= 0") }
        if command.first == "--" ? command.count < 2 : command.isEmpty {
            throw ValidationError("missing PROG: what program should run under strace and dunetrace?")
        }
    }

    func run() throws {
        var argv = command
        if argv.first == "--" { argv.removeFirst() }
        guard let strace = findInPath("strace") else { fail("strace: not found in PATH (compare needs host strace)", status: 2) }
        let dir: String
        if let keep {
            mkdir(keep, 0o755)
            dir = keep
        } else {
            var template = Array("/tmp/dunetrace-compare-XXXXXX".utf8CString)
            guard mkdtemp(&template) != nil else { fail("mkdtemp: \(String(cString: strerror(errno)))", status: 2) }
            dir = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let log = dir + "/strace.log", trace = dir + "/dunetrace.gz"
        let straceErr = dir + "/strace.stderr", dunetraceErr = dir + "/dunetrace.stderr", live = dir + "/dunetrace.txt"
        defer {
            if keep == nil {
                for f in [log, trace, straceErr, dunetraceErr, live] { unlink(f) }
                rmdir(dir)
            }
        }
        let s = spawnAndWait(strace, ["strace", "-f", "-s", String(stringLimit), "-o", log, "--"] + argv, stderrPath: straceErr)
        guard access(log, F_OK) == 0 else {
            fail("strace did not run \(argv[0]): \(firstLine(straceErr) ?? "status \(s)")", status: 2)
        }
        let d = spawnAndWait("/proc/self/exe", ["dunetrace", "-s", String(stringLimit), "-w", trace, "-o", live, "--"] + argv,
                             stderrPath: dunetraceErr)
        guard access(trace, F_OK) == 0 else {
            fail("dunetrace did not record \(argv[0]): \(firstLine(dunetraceErr) ?? "status \(d)")", status: 2)
        }
        // PROG could not be run at all (not found, not runnable): say so, as dunetrace did.
        if d == 126 || d == 127, let line = firstLine(dunetraceErr), line.hasPrefix("dunetrace: ") {
            fail(String(line.dropFirst("dunetrace: ".count)), status: 2)
        }
        var extra: [String] = []
        if s != d { extra.append("exit status: \(s) under strace, \(d) under dunetrace") }
        let code = diffAndReport(log, trace, context: context, stringLimit: stringLimit, extra: extra)
        Glibc.exit(code)
    }
}

private func findInPath(_ name: String) -> String? {
    let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
        let p = dir + "/" + name
        if access(p, X_OK) == 0 { return p }
    }
    return nil
}

private func firstLine(_ path: String) -> String? {
    guard let f = fopen(path, "r") else { return nil }
    defer { fclose(f) }
    var buf = [CChar](repeating: 0, count: 512)
    guard fgets(&buf, Int32(buf.count), f) != nil else { return nil }
    let s = String(decoding: buf.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return s.isEmpty ? nil : s
}

/// Runs `path` with `argv`, stdin and stdout on /dev/null, stderr to a file; its exit status as
/// a shell reports it (128+signal when killed).
private func spawnAndWait(_ path: String, _ argv: [String], stderrPath: String) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for p in cArgs { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, nil, &cArgs, environ)
    guard rc == 0 else { fail("\(path): \(String(cString: strerror(rc)))", status: 2) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    if status & 0x7f == 0 { return (status >> 8) & 0xff }
    return 128 + (status & 0x7f)
}
