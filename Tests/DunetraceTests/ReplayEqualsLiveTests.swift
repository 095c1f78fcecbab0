// A `--silent` recording replays, with any display options O, what a live run with O printed
// (DESIGN.md, "Recording is complete"): descriptor names (-y, -yy), stacks (-k), times, filters.
// Two runs differ in what the kernel chose (addresses, pids, inodes, ports, random bytes, times,
// how threads interleave): those are masked, nothing else.
import Foundation
import Testing
@testable import DunetraceCore

enum ReplayCorpus {
    /// python3 with a loopback TCP connection, a socketpair, /dev/null, a pidfd and a thread.
    static let python = """
        import socket, os, threading
        s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
        c = socket.socket(); c.connect(s.getsockname())
        a, _ = s.accept(); a.send(b"x"); c.recv(1)
        u1, u2 = socket.socketpair(); u1.send(b"y"); u2.recv(1)
        f = os.open("/dev/null", os.O_RDONLY); os.read(f, 1); os.close(f)
        p = os.pidfd_open(os.getpid()); os.close(p)
        t = threading.Thread(target=lambda: os.stat("/etc/passwd")); t.start(); t.join()
        """

    static var pythonPath: String? {
        for p in ["/root/.pyenv/versions/3.11.7/bin/python3", "/usr/bin/python3"] where FileManager.default.isExecutableFile(atPath: p) {
            return p
        }
        return nil
    }

    /// The programs: fixtures, ls -la, python3, a fork and exec chain.
    static func programs() throws -> [(name: String, command: [String])] {
        var out: [(String, [String])] = [
            ("passwd", [try Fixtures.path("passwd", static: false)]),
            ("signals-static", [try Fixtures.path("signals", static: true)]),
            ("memory-static", [try Fixtures.path("memory", static: true)]),
            ("ls", ["/bin/ls", "-la", "/usr"]),
            ("forkexec", ["/bin/sh", "-c", "/bin/sh -c '/bin/echo hi; /bin/cat /etc/hostname'; /bin/true"]),
        ]
        if let python = pythonPath { out.append(("python", [python, "-c", ReplayCorpus.python])) }
        return out
    }

    /// `--silent` recordings of a program: one plain and one with -k and -Y (unwinding and the
    /// names of pids cost, so a run asks for them); and its exit status.
    static func record(_ name: String, _ command: [String]) throws -> (traces: [Bool: String], status: Int32) {
        var traces: [Bool: String] = [:]
        var status: Int32 = 0
        for stacks in [false, true] {
            let trace = "\(Fixtures.directory)/rel-\(name)-\(stacks).gz"
            let r = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace] + (stacks ? ["-k", "-Y"] : []) + command,
                                   timeout: 300, environment: ["PYTHONHASHSEED": "0"])
            #expect(!r.stderr.contains("dunetrace:"), "\(name): \(r.stderr)")
            status = r.status
            traces[stacks] = trace
        }
        return (traces, status)
    }

    /// Runs the program live with `options` and replays its recording with them; records an
    /// issue for each task whose lines differ. Returns the replayed text.
    @discardableResult
    static func compare(_ name: String, _ command: [String], traces: [Bool: String], status: Int32, options: [String]) throws -> String {
        let dir = Fixtures.directory
        let asked = options.contains("-k") || options.contains("-Y") || options.contains("--decode-pids=comm")
        let trace = traces[asked]!
        // To a file as the live text went to one: -f's pid prefixes depend on it.
        let replayFile = "\(dir)/rel-\(name)-replay.txt"
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "-o", replayFile] + options + [trace], timeout: 300)
        #expect(replay.status == 0, "\(name) \(options): \(replay.stderr)")
        let replayText = (try? String(contentsOfFile: replayFile, encoding: .utf8)) ?? ""
        // -C's table: its seconds are each run's own.
        func lines(_ text: String) -> String { text.components(separatedBy: "% time ").first ?? text }
        // A threaded program's two runs may differ in what its threads did when (under load);
        // a second live run must then match: a capture that misses something never does.
        var differences: [String] = []
        for _ in 0..<2 {
            let liveFile = "\(dir)/rel-\(name)-live.txt"
            let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", liveFile] + options + command,
                                      timeout: 300, environment: ["PYTHONHASHSEED": "0"])
            #expect(live.status == status, "\(name) \(options): \(live.stderr)")
            let liveText = try String(contentsOfFile: liveFile, encoding: .utf8)
            // Each run's pids masked in both texts: a short pid of one run (a fresh machine's are
            // three digits) may be a size or a count in the other, and must be masked there too.
            let pids = processIDs(liveText).union(processIDs(replayText))
            let a = normalized(lines(liveText), pids: pids), b = normalized(lines(replayText), pids: pids)
            differences = []
            if a.count != b.count {
                differences.append("\(name) \(options): \(a.count) tasks live, \(b.count) replayed: \(a.map(\.count)) \(b.map(\.count))")
            }
            for (i, (x, y)) in zip(a, b).enumerated() where x != y {
                let first = zip(x, y).first { $0 != $1 }
                differences.append("\(name) \(options) task \(i): \(x.count) lines live, \(y.count) replayed; first difference:\n live:   \(first?.0 ?? "-")\n replay: \(first?.1 ?? "-")")
            }
            if differences.isEmpty { break }
        }
        for d in differences { Issue.record(Comment(rawValue: d)) }
        return replayText
    }

    /// What differs between two runs of the same program, masked; lines grouped by task (the
    /// order of their first line) so threads' interleaving does not matter. futex calls depend
    /// on thread timing and are left out.
    static func normalized(_ text: String, pids given: Set<String>? = nil) -> [[String]] {
        var tasks: [String: Int] = [:]
        var out: [[String]] = []
        var task = ""
        var skipping = false
        var signals: [Int: [String]] = [:]
        var open: [String: String] = [:]
        let pids = given ?? processIDs(text)
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) where !raw.isEmpty {
            var line = String(raw)
            // -k frames belong to the line before them.
            if line.hasPrefix(" > ") {
                if skipping { continue }
            } else {
                task = ""
                if line.hasPrefix("[pid "), let close = line.firstIndex(of: "]") {
                    task = String(line[..<close])
                    line = String(line[line.index(after: close)...].dropFirst())
                } else if let m = line.prefixMatch(of: /(\d+(?:<[^>]*>)?) +(?=[a-z_][a-z_0-9]*\(|\+\+\+|---|\[|<\.\.\. |\d+\.\d+ )/) {
                    // -f -o FILE: strace's `PID ` prefix, on every line (-Y: `PID<comm> `).
                    task = "[pid " + m.output.1
                    line = String(line[m.range.upperBound...])
                }
                skipping = line.contains("futex(") || line.hasPrefix("<... futex resumed>")
                if skipping { continue }
                // A call another task's line cut (` <unfinished ...>`, `<... NAME resumed>`) is
                // joined back: where another line came is each run's timing.
                if line.hasSuffix(" <unfinished ...>") {
                    open[task] = String(line.dropLast(" <unfinished ...>".count))
                    continue
                }
                if let start = line.range(of: "<... "), line[..<start.lowerBound].allSatisfy({ "0123456789:.+() ".contains($0) }),
                   let end = line.range(of: " resumed>"), let head = open.removeValue(forKey: task) {
                    line = head + line[end.upperBound...]
                }
            }
            // Pids are masked as every number of 4+ digits is (N), whatever their width: pids
            // wrap, so one run's may have 3 digits and the other's 5.
            line = masked(line.replacing(/\b\d+\b/) { pids.contains(String($0.output)) ? "N" : String($0.output) })
            // The -a column's padding follows the widths of what was masked.
            line = line.replacing(/\ {2,}=\ /, with: " = ")
            let index = tasks[task] ?? {
                tasks[task] = out.count
                out.append([])
                return out.count - 1
            }()
            // When SIGCHLD arrives against a wait is the race of each run: its lines are kept, not their place.
            // (and of the handler's return).
            if line.hasPrefix("--- SIGCHLD ") || line.hasPrefix("T --- SIGCHLD ") || line.hasPrefix("rt_sigreturn(") { signals[index, default: []].append(line) } else { out[index].append(line) }
        }
        for (index, lines) in signals { out[index] += lines.sorted() }
        // Which task prints first depends on timing; the tasks' own sequences do not.
        return out.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The pids and tids of a run (they wrap around, so their width says nothing).
    static func processIDs(_ text: String) -> Set<String> {
        var out = Set<String>()
        for m in text.matches(of: /\[pid +(\d+)(?:<[^>]*>)?\]/) { out.insert(String(m.output.1)) }
        for m in text.matches(of: /(?m)^(\d+)(?:<[^>]*>)? +(?:[a-z_][a-z_0-9]*\(|\+\+\+|---|\[|\d+\.\d+ )/) { out.insert(String(m.output.1)) }
        for m in text.matches(of: /(?:set_tid_address|getpid|gettid|getppid|vfork|fork|clone3?|wait4)\(.*\) +=\ (\d+)/) {  // after the -a column's padding
            out.insert(String(m.output.1))
        }
        return out
    }

    /// A line with what two runs choose differently masked.
    static func masked(_ text: String) -> String {
        var line = text
        line = line.replacing(/getrandom\("[^"]*"(\.\.\.)?/, with: "getrandom(R")
        line = line.replacing(#/\d\d:\d\d:\d\d(\.\d+)? /#, with: "T ")
        // -ttt and -r (the time since the previous line), in any precision.
        line = line.replacing(#/^ *\d+\.\d+ /#, with: "T ")
        line = line.replacing(#/ <\d+\.\d+>$/#, with: " <D>")
        // -i: where a call was made; its offset in the page stays, the mapping moves (ASLR).
        line = line.replacing(#/\[[0-9a-f]{13}([0-9a-f]{3})\] /#) { "[IP" + $0.output.1 + "] " }
        line = line.replacing(#/ <\d+\.\d{6}>$/#, with: " <D>")
        // A child's CPU times: each run's own (whatever masked them before).
        line = line.replacing(/si_utime=\w+( \/\* [0-9.]+ s \*\/)?/, with: "si_utime=U").replacing(/si_stime=\w+( \/\* [0-9.]+ s \*\/)?/, with: "si_stime=S")
        line = line.replacing(/procs=\d+/, with: "procs=P")
        // The sender of a signal: a pid of each run, of any width (a fresh machine's are short),
        // and not always printed elsewhere (-e trace=%file hides the clone that made it).
        line = line.replacing(/si_pid=\d+/, with: "si_pid=N")
        // A pidfd's pid (pidfd_open's argument, -yy's `pid:N`), of any width too.
        line = line.replacing(/pidfd_open\(\d+/, with: "pidfd_open(N").replacing(/<pid:\d+>/, with: "<pid:N>")
        // -v: the times of the test runner's pipes.
        line = line.replacing(#/\/\* \d+-\d+-\d+T[0-9:.+]+ \*\//#, with: "/* DATE */")
        // The test runner's stdin (tests run in parallel, and its descriptors come and go).
        line = line.replacing(/S_IFCHR\|\d+/, with: "S_IFCHR|M")
        line = line.replacing(/0x[0-9a-f]+/, with: "0xA")
        line = line.replacing(/\d{4,}/, with: "N")
        return line
    }
}

@Suite("replay with options O prints what a live run with O printed", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct ReplayEqualsLiveTests {
    static let optionSets: [[String]] = [[], ["-y"], ["-yy"], ["-k"], ["-tt", "-T"], ["-e", "trace=%file"], ["-f"]]

    @Test("live text with O == replay O of a --silent recording, for every program of the corpus")
    func corpus() throws {
        for (name, command) in try ReplayCorpus.programs() {
            let (traces, status) = try ReplayCorpus.record(name, command)
            // Where a signal finds the program depends on timing: its stack differs between runs.
            for options in ReplayEqualsLiveTests.optionSets where !(options == ["-k"] && name.hasPrefix("signals")) {
                let replayText = try ReplayCorpus.compare(name, command, traces: traces, status: status, options: options)
                if options == ["-yy"] && name == "python" {
                    #expect(replayText.contains("<TCP:[127.0.0.1:"))
                    #expect(replayText.contains("<UNIX-STREAM:["))
                    #expect(replayText.contains("</dev/null<char 1:3>>"))
                    #expect(replayText.contains("<pid:"))
                }
            }
        }
    }

    @Test("-x, -v and -xx too: the strings and structures a --silent recording kept print as live, in hex and in full",
          arguments: ["passwd", "ls", "python"])
    func hexAndVerbose(name: String) throws {
        guard let command = try ReplayCorpus.programs().first(where: { $0.name == name })?.command else { return }
        let (traces, status) = try ReplayCorpus.record("xv-" + name, command)
        for options in [["-x"], ["-v"], ["-xx", "-v"]] {
            try ReplayCorpus.compare("xv-" + name, command, traces: traces, status: status, options: options)
        }
    }

    @Test("replay -f of a recording made without -f prefixes `[pid N] ` where a live -f run to stderr did: while more than one task lived")
    func pidPrefixesOfARecordingWithoutF() throws {
        let trace = "\(Fixtures.directory)/rel-prefix-nof.gz"
        let command = ["/bin/sh", "-c", "/bin/true; /bin/true"]
        #expect(try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace] + command).status == 0)
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "-f", trace])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-f"] + command)
        #expect(replay.status == 0 && live.status == 0)
        // Which process prints first is timing's; each line, pid prefix included, is not.
        func lines(_ text: String) -> [String] {
            let pids = ReplayCorpus.processIDs(text)
            return text.split(separator: "\n").map { line in
                var l = String(line)
                for pid in pids { l = l.replacing(pid, with: "P") }
                return ReplayCorpus.masked(l)
            }.sorted()
        }
        let replayed = lines(replay.stdout)
        #expect(replayed.filter { $0.hasPrefix("[pid ") }.count >= 4, "\(replay.stdout)")
        #expect(replayed == lines(live.stderr))
    }

    @Test("-yy prints what host strace -yy prints for sockets, devices and pidfds")
    func yyAsStrace() throws {
        guard let python = ReplayCorpus.pythonPath else { return }
        let dir = Fixtures.directory
        let script = ["-c", ReplayCorpus.python]
        _ = try runCommand(HostStrace.path, ["-yy", "-e", "trace=%network,read,close,pidfd_open", "-o", "\(dir)/yy-strace.txt", python] + script,
                           timeout: 120, environment: ["PYTHONHASHSEED": "0"])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-yy", "-e", "trace=%network,read,close,pidfd_open",
                                                        "-o", "\(dir)/yy-live.txt", python] + script,
                                  timeout: 300, environment: ["PYTHONHASHSEED": "0"])
        #expect(live.status == 0)
        // strace pads the result to column 40; dunetrace's alignment is another option's.
        func lines(_ path: String) throws -> [String] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
                ReplayCorpus.masked(String($0).replacing(#/^\[pid \d+\] /#, with: "").replacing(#/\)\s+= /#, with: ") = "))
            }.filter { $0.contains("TCP:") || $0.contains("UNIX") || $0.contains("<char") || $0.contains("<pid:") }
            // Value-result lengths ([128 => 16]) are the decoder's matter, not the descriptors'.
            .filter { !$0.contains("getsockname(") && !$0.contains("getpeername(") }
        }
        // strace without -f follows no thread: no [pid N] prefixes, one sequence.
        let expected = try lines("\(dir)/yy-strace.txt"), got = try lines("\(dir)/yy-live.txt")
        #expect(expected.count >= 15)
        #expect(got == expected)
    }

    @Test("-k replay without the files: each frame is its module and offset")
    func stacksWithoutFiles() throws {
        let dir = Fixtures.directory
        let copy = "\(dir)/rel-passwd-copy"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: try Fixtures.path("passwd", static: true), toPath: copy)
        let trace = "\(dir)/rel-gone.gz"
        #expect(try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-k", "-w", trace, copy]).status == 0)
        let before = try runCommand(TestPaths.dunetrace, ["replay", "-k", trace]).stdout
        try FileManager.default.removeItem(atPath: copy)
        let after = try runCommand(TestPaths.dunetrace, ["replay", "-k", trace]).stdout
        let frames = before.split(separator: "\n").filter { $0.hasPrefix(" > " + copy + "(") }
        #expect(frames.contains { !$0.hasPrefix(" > " + copy + "() ") }, "symbolized while the file exists")
        // Without the file, the same frames with the symbols left out.
        let expected = before.split(separator: "\n").map { line -> String in
            guard line.hasPrefix(" > " + copy + "("), let close = line.firstIndex(of: ")") else { return String(line) }
            return " > " + copy + "(" + line[close...]
        }
        #expect(after.split(separator: "\n").map(String.init) == expected)
    }

    @Test("a flight-recorder trace (--ring) names its descriptors and symbolizes its stacks though the chunks that opened them are gone")
    func ring() throws {
        let trace = "\(Fixtures.directory)/rel-ring.gz"
        let script = "exec 7</etc/hostname; for i in 1 2 3 4 5 6 7 8 9 10 11 12; do /bin/true; done; read x <&7; /bin/cat <&7"
        #expect(try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "--ring", "2K", "-k", "-w", trace, "/bin/sh", "-c", script]).status == 0)
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "-f", "-y", "-k", trace])
        #expect(replay.stderr.contains("earlier chunks were dropped"), "\(replay.stderr)")
        let calls = replay.stdout.split(separator: "\n").filter { $0.contains("read(") || $0.contains("close(") || $0.contains("pread64(") }
        #expect(!calls.isEmpty)
        for line in calls where !line.contains("= -1 EBADF") {
            #expect(line.contains(#/\((\d+|AT_FDCWD)</#), "a descriptor without its name: \(line)")
        }
        let frames = replay.stdout.split(separator: "\n").filter { $0.hasPrefix(" > /") }
        #expect(frames.contains { $0.contains("libc.so.6(") && !$0.contains("libc.so.6()") }, "stacks symbolized")
    }

    @Test("replay -c: strace -c's table of the run, its calls and errors as the live -c counted them")
    func summary() throws {
        let dir = Fixtures.directory
        let trace = "\(dir)/rel-c.gz"
        let command = ["/bin/ls", "-la", "/usr", "/nonexistent"]
        _ = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace] + command)
        _ = try runCommand(TestPaths.dunetrace, ["--no-pf", "-c", "-w", "none", "-o", "\(dir)/rel-c.txt"] + command)
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "-c", trace])
        #expect(replay.status == 0)
        // calls, errors and name of each row; the times are each run's own.
        func rows(_ text: String) -> Set<String> {
            Set(text.split(separator: "\n").dropFirst(2).filter { !$0.hasPrefix("---") }.map {
                $0.split(separator: " ").dropFirst(3).joined(separator: " ")
            })
        }
        let live = try String(contentsOfFile: "\(dir)/rel-c.txt", encoding: .utf8)
        #expect(rows(replay.stdout).count > 10)
        #expect(rows(replay.stdout) == rows(live), "replay:\n\(replay.stdout)\nlive:\n\(live)")
    }

    @Test("--capture-size keeps longer strings; replay -s beyond the capture says so on stderr")
    func captureSize() throws {
        let dir = Fixtures.directory
        let short = "\(dir)/rel-cs32.gz", long = "\(dir)/rel-cs200.gz"
        #expect(try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", short, "/bin/cat", "/etc/services"]).status == 0)
        #expect(try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "--capture-size", "200", "-w", long, "/bin/cat", "/etc/services"]).status == 0)
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-s", "200", "-e", "trace=read,write",
                                                        "-o", "\(dir)/rel-cs.txt", "/bin/cat", "/etc/services"])
        #expect(live.status == 0)
        let replayLong = try runCommand(TestPaths.dunetrace, ["replay", "-s", "200", "-e", "trace=read,write", long])
        #expect(replayLong.stderr.isEmpty)
        #expect(ReplayCorpus.normalized(replayLong.stdout) == ReplayCorpus.normalized(try String(contentsOfFile: "\(dir)/rel-cs.txt", encoding: .utf8)))
        let replayShort = try runCommand(TestPaths.dunetrace, ["replay", "-s", "200", "-e", "trace=read,write", short])
        #expect(replayShort.stderr.contains("recorded up to 32 bytes"))
        #expect(!replayShort.stdout.contains("read(3, 0x"), "a string cut at the capture, not an address")
    }

    @Test("sample-v2-kinds.gz: format version 2's records (descriptors, modules, stacks) read back and replay")
    func sampleV2() throws {
        let path = TraceFixtures.path("sample-v2-kinds.gz")
        let records = ReplayEqualsLiveTests.version2Records()
        if ProcessInfo.processInfo.environment["DUNETRACE_WRITE_SAMPLES"] == "1" {
            try TraceTestFiles.record(records, to: path).close()
        }
        let (h, read, damage) = try TraceReader.readAll(path: path)
        #expect(h.formatVersion == 2)
        #expect(damage == nil)
        #expect(read == TraceTestFiles.normalized(records))
        var options = TraceOptions()
        options.decodeFDs = .all
        options.stackTrace = true
        var view = try ReplayView(options: options, header: h, givenStringLimit: false)
        let lines = read.compactMap { view.text($0) }
        #expect(lines[0] == "openat(AT_FDCWD</home>, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3</etc/passwd>\n > /gone/libc.so.6() [0x1139]\n > unexpected_backtracing_error [0x7fff0000]")
        #expect(lines[1] == "read(3</etc/passwd>, 0x1000, 10) = -1 EFAULT (Bad address)\n > /gone/libc.so.6() [0x1139]\n > unexpected_backtracing_error [0x7fff0000]")
        #expect(lines[2] == "close(5<TCP:[127.0.0.1:80->127.0.0.1:5555]>) = 0")
        #expect(lines[3] == "close(5) = -1 EBADF (Bad file descriptor)")
    }

    static func version2Records() -> [TraceRecord] {
        let t0: UInt64 = 1_700_000_000_000_000_000
        var out: [TraceRecord] = []
        func add(_ body: TraceRecord.Body, _ dt: UInt64) { out.append(TraceRecord(pid: 100, tid: 100, time: t0 + dt, prefixed: false, body: body)) }
        add(.processStarted(ppid: 1, executable: "/bin/test", argv: ["test"]), 0)
        add(.descriptor(fd: -100, afterCall: false, name: DescriptorName(path: "/home")), 10)
        add(.module(id: 0, StackModule(path: "/gone/libc.so.6", buildID: [0xde, 0xad], isFile: true)), 20)
        add(.stack(id: 0, frames: [StackFrame(module: 0, offset: 0x1139, symbolAddress: 0x2139),
                                   StackFrame(module: -1, offset: 0x7fff_0000, symbolAddress: 0)]), 30)
        add(.descriptor(fd: 3, afterCall: true, name: DescriptorName(path: "/etc/passwd")), 40)
        let open = SyscallEvent(number: 257, args: SyscallArgs(UInt64(bitPattern: -100), 0x7ffd_0000_1000, 0o2000000),
                                result: 3, pid: 100, tid: 100, entryTime: t0 + 40, exitTime: t0 + 50)
        var path = MemoryCapture(address: 0x7ffd_0000_1000, bytes: Array("/etc/passwd\0".utf8))
        path.readableCount = 4096  // the decoder reads a path to the end of its page
        add(.syscall(open, captures: [path]), 40)
        add(.stack(id: 0, frames: nil), 60)
        add(.syscall(SyscallEvent(number: 0, args: SyscallArgs(3, 0x1000, 10), result: -14, pid: 100, tid: 100,
                                  entryTime: t0 + 70, exitTime: t0 + 80), captures: []), 70)
        add(.descriptor(fd: 5, afterCall: false, name: DescriptorName(path: "socket:[123]", detail: "TCP:[127.0.0.1:80->127.0.0.1:5555]")), 90)
        add(.descriptor(fd: 5, afterCall: true, name: nil), 100)
        add(.syscall(SyscallEvent(number: 3, args: SyscallArgs(5), result: 0, pid: 100, tid: 100, entryTime: t0 + 100, exitTime: t0 + 110), captures: []), 100)
        add(.syscall(SyscallEvent(number: 3, args: SyscallArgs(5), result: -9, pid: 100, tid: 100, entryTime: t0 + 120, exitTime: t0 + 130), captures: []), 120)
        return out
    }
}
