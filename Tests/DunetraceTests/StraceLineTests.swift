// strace's line-level options (-a, -f/-ff pid prefixes and files, the starting execve, -r, -t
// and every timestamp precision, -T, -n, -i, -P, -e read=/write=, trace= regexes and classes,
// -e quiet=): dunetrace's -o text against host strace's for the same fixture and options.
// Only what two runs legitimately differ in is masked: pids, addresses, times.
import DunetraceCore
import Foundation
import Testing

@Suite("strace's line layout and options, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct StraceLineTests {
    /// The calls of fixtures/src/strace_lines.c (no pids in their text), SIGCHLD not shown.
    static let calls = ["-e", "signal=none", "-e", "trace=close,chdir,write,writev,read,pipe2,openat,access"]

    /// Each tool run on the fixture with `options`, writing to its own -o file; the texts.
    static func logs(_ options: [String], isStatic: Bool = true) throws -> (strace: String, dunetrace: String) {
        let program = try Fixtures.path("strace_lines", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/lines-strace-\(id).log", ours = Fixtures.directory + "/lines-dt-\(id).log"
        let s = try runCommand(HostStrace.path, ["-o", theirs] + options + [program])
        let d = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", ours] + options + [program])
        #expect(d.status == s.status, "\(options): \(d.stderr)")
        #expect(d.stdout == s.stdout)
        return (try String(contentsOfFile: theirs, encoding: .utf8), try String(contentsOfFile: ours, encoding: .utf8))
    }

    /// Pids as `PID `, where the leader is padded as strace's `%-5u ` pads it (a wrong padding
    /// stays as it is, to differ). Pids wrap at pid_max, so two runs' pids may differ in width.
    static func maskPids(_ text: String) -> String {
        text.replacing(try! Regex(#"^(\d+)( +)"#).anchorsMatchLineEndings()) { m in
            let leader = String(m.output[0].substring ?? ""), digits = m.output[1].substring?.count ?? 0
            return leader.count == max(6, digits + 1) ? "PID " : leader
        }
    }

    /// Addresses, which differ from run to run.
    static func maskAddresses(_ text: String) -> String {
        text.replacing(/0x[0-9a-f]+/, with: "0xADDR")
    }

    /// Every digit of the times at the start of each line and of ` <...>` at the end.
    static func maskTimes(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let l = String(line).replacing(try! Regex(#"^[\d:.()+ ]+"#)) { m in
                String(m.output[0].substring ?? "").replacing(/\d/, with: "9")
            }
            return l.replacing(try! Regex(#" <[\d.]+>$"#)) { m in String(m.output[0].substring ?? "").replacing(/\d/, with: "9") }
        }.joined(separator: "\n")
    }

    @Test("-a: the results at strace's column (40 by default), static and dynamic",
          arguments: [[], ["-a", "0"], ["-a", "12"], ["--columns=60"], ["-a9"]], [true, false])
    func columns(options: [String], isStatic: Bool) throws {
        let (strace, ours) = try Self.logs(Self.calls + options, isStatic: isStatic)
        #expect(!strace.isEmpty)
        #expect(ours == strace)
    }

    @Test("without -f only the started process's lines; -f -o: every line starts with its pid")
    func followForks() throws {
        let plain = try Self.logs(Self.calls)
        #expect(!plain.strace.contains("chdir("))
        #expect(plain.dunetrace == plain.strace)
        let followed = try Self.logs(["-f"] + Self.calls)
        #expect(followed.strace.contains("chdir("))
        #expect(Self.maskPids(followed.dunetrace) == Self.maskPids(followed.strace))
    }

    @Test("-E PATH=...: the program is found in dunetrace's own PATH, and gets the changed one")
    func environmentPath() throws {
        let r = try runCommand(TestPaths.dunetrace, ["-w", "none", "-E", "PATH=/nonexistent", "-e", "trace=none", "sh", "-c", "echo $PATH"])
        #expect(r.status == 0 && r.stdout == "/nonexistent\n", "\(r.stderr)")
    }

    @Test("-ff -o with a relative name: every process's file is in dunetrace's directory, whatever directory the target moved to")
    func separateFilesAfterChdir() throws {
        let dir = Fixtures.directory + "/ff-chdir-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runCommand("/bin/sh", ["-c", "cd '\(dir)' && \(TestPaths.dunetrace) -ff -o out -w none /bin/sh -c 'cd / && /bin/true; exit 0'"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("out.") }
        #expect(files.count == 2, "\(files)")
        #expect(!FileManager.default.fileExists(atPath: "/out.\(files.first ?? "")"))
    }

    @Test("-ff -o FILE: each process's lines in FILE.PID, no prefix; --output-separately alone: FILE.PID",
          arguments: [["-ff"], ["--output-separately"]])
    func separateFiles(options: [String]) throws {
        let program = try Fixtures.path("strace_lines", static: true)
        func files(_ tool: String, _ extra: [String]) throws -> [String] {
            let base = Fixtures.directory + "/ff-\(UUID().uuidString)"
            _ = try runCommand(tool, extra + ["-o", base] + options + Self.calls + [program])
            let name = URL(fileURLWithPath: base).lastPathComponent
            let found = try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory).filter { $0.hasPrefix(name + ".") }
            #expect(!FileManager.default.fileExists(atPath: base), "no file without the pid")
            return try found.map { try String(contentsOfFile: Fixtures.directory + "/" + $0, encoding: .utf8) }.sorted()
        }
        let strace = try files(HostStrace.path, []), ours = try files(TestPaths.dunetrace, ["--no-pf", "-w", "none"])
        #expect(strace.count == (options == ["-ff"] ? 2 : 1))
        #expect(ours == strace)
    }

    @Test("-Y, --decode-pids=comm: the pid prefix names the command", arguments: [["-Y", "-f"], ["--decode-pids=comm", "-f"]])
    func pidComm(options: [String]) throws {
        let (strace, ours) = try Self.logs(options + Self.calls)
        #expect(strace.contains("<strace_lines.st> chdir("))
        let mask = { (t: String) in t.replacing(try! Regex(#"^\d+<"#).anchorsMatchLineEndings(), with: "PID<") }
        #expect(mask(ours) == mask(strace))
    }

    @Test("the execve strace prints for the program it starts, with -f too",
          arguments: [["-e", "trace=execve"], ["-f", "-e", "trace=execve,chdir"], ["-e", "trace=execve", "-a", "100"]])
    func startingExecve(options: [String]) throws {
        let (strace, ours) = try Self.logs(["-e", "signal=none"] + options)
        #expect(strace.contains("execve(\""))
        #expect(Self.maskPids(Self.maskAddresses(ours)) == Self.maskPids(Self.maskAddresses(strace)))
    }

    @Test("the starting execve of a #! script shows the argv it was started with, not the interpreter's")
    func scriptExecve() throws {
        let script = Fixtures.directory + "/lines-script.sh"
        try "#!/bin/sh\nexit 0\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let theirs = Fixtures.directory + "/script-strace.log", ours = Fixtures.directory + "/script-dt.log"
        _ = try runCommand(HostStrace.path, ["-o", theirs, "-e", "trace=execve", script, "a", "b"])
        _ = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", ours, "-e", "trace=execve", script, "a", "b"])
        let strace = try String(contentsOfFile: theirs, encoding: .utf8)
        #expect(strace.contains("\"a\", \"b\"]"))
        #expect(Self.maskAddresses(try String(contentsOfFile: ours, encoding: .utf8)) == Self.maskAddresses(strace))
    }

    @Test("-n, -i: the call's number, the instruction pointer after it",
          arguments: [["-n"], ["--syscall-number", "-a", "20"], ["-i"], ["-n", "-i", "-f"]])
    func numbersAndPointers(options: [String]) throws {
        let (strace, ours) = try Self.logs(Self.calls + options)
        // The pointer is where the code is: it differs with the load address.
        let mask = { (t: String) in Self.maskPids(t.replacing(/\[[0-9a-f]{16}\]/, with: "[IP]")) }
        #expect(mask(ours) == mask(strace))
    }

    @Test("-r, -t, -tt, -ttt, --absolute-timestamps and --timestamps at every precision, -T",
          arguments: [["-r"], ["--relative-timestamps=ms"], ["-t"], ["-tt"], ["-ttt"], ["-T"], ["--syscall-times=ns"],
                      ["--absolute-timestamps=format:unix,precision:ms"], ["--timestamps=time,ns"],
                      ["--absolute-timestamps=precision:s", "--absolute-timestamps=format:unix"], ["-t", "-r"],
                      ["-ttt", "--relative-timestamps=s", "--syscall-times=s"], ["--absolute-timestamps=none", "-T"]])
    func times(options: [String]) throws {
        let (strace, ours) = try Self.logs(Self.calls + options)
        #expect(Self.maskTimes(ours) == Self.maskTimes(strace))
    }

    @Test("-P PATH: only the calls that name it or use a descriptor on it",
          arguments: [["-P", "/dev/null"], ["--trace-path=/dev/null", "-P", "/nonexistent"], ["-P", "/dev/../dev/null"]])
    func tracePath(options: [String]) throws {
        let (strace, ours) = try Self.logs(["-e", "signal=none"] + options)
        #expect(strace.contains("access("))
        #expect(ours == strace)
    }

    @Test("-e read=FDS, -e write=FDS: strace's hex dumps",
          arguments: [["-e", "write=1"], ["-e", "read=3", "-e", "write=1,4"], ["-e", "write=all"], ["-e", "read=!0"]])
    func dumps(options: [String]) throws {
        let (strace, ours) = try Self.logs(Self.calls + options)
        #expect(strace.contains(" | 00000  "))
        #expect(ours == strace)
    }

    @Test("-e trace=: regexes, ?names, classes with and without %, status=detached",
          arguments: [["-e", "trace=/^c(lose|hdir)$"], ["-e", "trace=?nosuch,close"], ["-e", "trace=desc"], ["-e", "trace=%file"],
                      ["-e", "trace=?/^nomatch$,access"], ["-e", "trace=close", "-e", "status=failed,detached"],
                      ["-e", "trace=close,write", "-Z"], ["-e", "trace=close", "-e", "quiet=exit"]])
    func traceExpressions(options: [String]) throws {
        let (strace, ours) = try Self.logs(["-e", "signal=none"] + options)
        #expect(!strace.isEmpty)
        #expect(Self.maskAddresses(ours) == Self.maskAddresses(strace))
    }

    @Test("-f with --output-separately, and --follow-forks twice, are -f (as strace 6.1 does it); -ff with it an error",
          arguments: [["-f", "--output-separately"], ["--follow-forks", "--follow-forks"]])
    func outputSeparatelyWithFollow(options: [String]) throws {
        let followed = try Self.logs(options + Self.calls)
        #expect(followed.strace.contains("chdir("))
        #expect(Self.maskPids(followed.dunetrace) == Self.maskPids(followed.strace))
        let both = try HostStrace.run(["-ff", "--output-separately", "-o", "/dev/null", "/bin/true"])
        let ours = try runCommand(TestPaths.dunetrace, ["-ff", "--output-separately", "-o", "/dev/null", "/bin/true"])
        #expect(ours.status == both.status)
        #expect(ours.stderr == HostStrace.asDunetrace(both.stderr))
    }

    @Test("-e inject= with signal=, delay_enter=, delay_exit=, syscall=, error= and retval=, on when= calls",
          arguments: ["close:signal=SIGALRM:when=3", "close:error=EPERM:signal=SIGHUP:when=2", "close:delay_enter=1000:delay_exit=2ms",
                      "close:retval=42:syscall=getpid:when=2", "close:retval=5:delay_exit=1:when=1", "write:signal=TERM:when=2+",
                      "close,write:error=EIO:when=1..3+2", "write:poke_enter=@arg2=41424344:error=EIO:when=2",
                      "write:poke_exit=@arg2=5a5a:retval=1:when=1", "write:delay_enter=1:poke_enter=@arg2=41:when=3"])
    func inject(spec: String) throws {
        // SIGCHLD not shown; the signals injected are ones a test runner does not block.
        let (strace, ours) = try Self.logs(["-e", "trace=close,write", "-e", "signal=!CHLD", "-e", "inject=" + spec])
        #expect(strace.contains("(INJECTED") || strace.contains("(DELAYED)") || strace.contains("SI_KERNEL"), "\(strace)")
        #expect(ours == strace)
    }

    @Test("a bad value of the new options: strace's words and exit status",
          arguments: [["-a", "x"], ["-a", "-1"], ["--columns=1x"], ["--relative-timestamps=bogus"], ["-I", "9"], ["--daemonize=bogus"],
                      ["--timestamps=bogus"], ["--syscall-times=precision:xx"], ["-t", "--timestamps=unix"], ["--decode-pids=bogus"]])
    func badValues(options: [String]) throws {
        let strace = try HostStrace.run(options + ["/bin/true"])
        let ours = try runCommand(TestPaths.dunetrace, options + ["/bin/true"], timeout: 30)
        #expect(ours.status == strace.status)
        #expect(ours.stderr == HostStrace.asDunetrace(strace.stderr))
    }

    @Test("a bad -e trace= item is one line and exit 1", arguments: ["/^nomatch$", "nosuch", "/(["])
    func badTrace(item: String) throws {
        let r = try runCommand(TestPaths.dunetrace, ["-e", "trace=" + item, "/bin/true"])
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.hasPrefix("dunetrace: "), "\(r.stderr)")
    }
}

/// The layout alone, without a VM: host strace's own lines at other columns, rebuilt from
/// their halves by LineLayout.
@Suite("LineLayout rebuilds host strace's lines", .enabled(if: HostStrace.available, "needs strace"))
struct LineLayoutTests {
    /// strace's lines for /bin/true with `options`.
    static func lines(_ options: [String]) throws -> [String] {
        let log = Fixtures.directory + "/layout-\(UUID().uuidString).log"
        _ = try runCommand(HostStrace.path, ["-o", log, "-e", "trace=openat,close,read,mmap,brk"] + options + ["/bin/true"])
        return try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init).filter { $0.contains("(") }
    }

    @Test("-a N: padded to the column, then `= `; ` = ` past it", arguments: [0, 9, 20, 40, 60])
    func columns(n: Int) throws {
        // At -a 0 every line is `call = result`: the halves, split at the `) = ` that ends the call.
        let plain = try Self.lines(["-a", "0"])
        let padded = try Self.lines(["-a", String(n)])
        #expect(plain.count == padded.count && !plain.isEmpty)
        var layout = LineLayout()
        layout.columns = n
        for (p, expected) in zip(plain, padded) {
            guard let cut = p.range(of: ") = ", options: .backwards) else { Issue.record("no result: \(p)"); continue }
            let call = String(p[..<p.index(after: cut.lowerBound)]), result = String(p[cut.upperBound...])
            // Addresses differ between the two runs: compare with them masked.
            let mask = { (t: String) in t.replacing(/0x[0-9a-f]+/, with: "0xADDR") }
            #expect(mask(layout.aligned(call, result: result)) == mask(expected))
        }
    }
}
