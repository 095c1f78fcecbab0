// diff's pieces: the LCS, the strace-log parser (on real strace -f output captured on the
// machine that wrote these fixtures, and fresh output when strace is installed), the
// normalization of what differs between runs, and the report.
import Foundation
import Testing
@testable import DunetraceCore

@Suite("Trace diff: LCS")
struct TraceLCSTests {
    func check(_ a: [Int], _ b: [Int], sourceLocation: SourceLocation = #_sourceLocation) {
        let pairs = LCS.pairs(a, b)
        #expect(pairs.count == LCS.length(a, b), "a=\(a.count) b=\(b.count)", sourceLocation: sourceLocation)
        var lastI = -1, lastJ = -1
        for (i, j) in pairs {
            #expect(i > lastI && j > lastJ && a[i] == b[j], sourceLocation: sourceLocation)
            (lastI, lastJ) = (i, j)
        }
    }

    @Test("small cases")
    func small() {
        check([], [])
        check([1], [])
        check([], [1])
        check([1, 2, 3], [1, 2, 3])
        check([1, 2, 3], [3, 2, 1])
        check([1, 2, 3, 4], [1, 3, 4, 5])
        #expect(LCS.pairs([1, 2, 3, 4], [1, 3, 4, 5]).map { $0.0 } == [0, 2, 3])
        check(Array(repeating: 7, count: 50), Array(repeating: 7, count: 30))
    }

    @Test("random sequences: as long as dynamic programming's, and valid")
    func random() {
        var rng = TraceRandom(1234)
        for round in 0..<300 {
            let alphabet = UInt64(2 + round % 12)
            let n = Int(rng.next() % 120), m = Int(rng.next() % 120)
            let a = (0..<n).map { _ in Int(rng.next() % alphabet) }
            var b = (0..<m).map { _ in Int(rng.next() % alphabet) }
            if round % 3 == 0 {
                // Similar sequences, as two runs of one program are.
                b = a
                for _ in 0..<Int(rng.next() % 6) where !b.isEmpty {
                    let p = Int(rng.next() % UInt64(b.count))
                    if rng.next() % 2 == 0 { b.remove(at: p) } else { b.insert(Int(rng.next() % alphabet), at: p) }
                }
            }
            check(a, b)
        }
    }

    @Test("long similar sequences take the linear-space path")
    func long() {
        var rng = TraceRandom(77)
        let a = (0..<20_000).map { _ in Int(rng.next() % 50) }
        var b = a
        for _ in 0..<40 { b.remove(at: Int(rng.next() % UInt64(b.count))) }
        for _ in 0..<40 { b.insert(99, at: Int(rng.next() % UInt64(b.count))) }
        let pairs = LCS.pairs(a, b)
        #expect(pairs.count == a.count - 40)
    }
}

@Suite("Trace diff: strace logs")
struct StraceLogTests {
    func syscalls(_ events: [StraceEvent]) -> [(Int32?, String, [String], String)] {
        events.compactMap { e in
            if case .syscall(let n, let a, let r) = e.kind { return (e.pid, n, a, r) }
            return nil
        }
    }

    @Test("strace -f -o: pids, unfinished calls joined with their ends")
    func straceF() throws {
        let text = try String(contentsOfFile: TraceFixtures.path("strace-f.log"), encoding: .utf8)
        let events = StraceLog.parse(text)
        let lines = text.split(separator: "\n")
        let unfinished = lines.filter { $0.hasSuffix("<unfinished ...>") }.count
        #expect(unfinished > 10)
        // Every line is one event, except the ends of unfinished calls.
        #expect(events.count == lines.count - unfinished)
        #expect(events.allSatisfy { if case .other = $0.kind { return false }; return true })
        #expect(events.allSatisfy { $0.pid != nil })
        let calls = syscalls(events)
        #expect(calls.first?.1 == "execve")
        #expect(calls.contains { $0.1 == "wait4" && $0.2.count == 4 && $0.2[1].hasPrefix("[{WIFEXITED(s)") })
        #expect(calls.contains { $0.1 == "set_robust_list" && $0.2 == ["0x7f5de2ecaa20", "24"] && $0.3 == "0" }
                || calls.contains { $0.1 == "set_robust_list" && $0.2.count == 2 })
        #expect(events.contains { if case .exited(0) = $0.kind { return true }; return false })
        #expect(events.contains { if case .signal("SIGCHLD", let info) = $0.kind { return info.hasPrefix("{si_signo=SIGCHLD") }; return false })
        let pids = Set(events.compactMap(\.pid))
        #expect(pids.count >= 4)
    }

    @Test("strace -f -tt -T on stderr: [pid N] prefixes, timestamps, durations, attach notes")
    func straceTT() throws {
        let text = try String(contentsOfFile: TraceFixtures.path("strace-ttT.log"), encoding: .utf8)
        let events = StraceLog.parse(text)
        #expect(events.allSatisfy { if case .other = $0.kind { return false }; return true })
        let calls = syscalls(events)
        #expect(calls.first?.1 == "execve")
        #expect(calls.allSatisfy { !$0.3.contains("<0.") })
        // The clone whose line strace's attach note cut in two.
        #expect(calls.filter { $0.1 == "clone" }.allSatisfy { $0.2.last?.hasPrefix("child_tidptr=") == true })
        #expect(calls.filter { $0.1 == "clone" }.count == 2)
        // The first lines have no prefix (one task), later ones do.
        #expect(events.first?.pid == nil)
        #expect(events.contains { $0.pid != nil })
    }

    @Test("signals, a fatal one, and strings with parentheses and commas")
    func signals() throws {
        let text = try String(contentsOfFile: TraceFixtures.path("strace-signals.log"), encoding: .utf8)
        let events = StraceLog.parse(text)
        #expect(events.contains { if case .killed("SIGABRT") = $0.kind { return true }; return false })
        #expect(events.filter { if case .signal = $0.kind { return true }; return false }.count >= 5)
        let e = StraceLog.parse(#"write(1, "a(b, \"c)\"\n", 10) = 10"#)
        #expect(e.count == 1)
        if case .syscall(let n, let a, let r) = e[0].kind {
            #expect(n == "write")
            #expect(a == ["1", #""a(b, \"c)\"\n""#, "10"])
            #expect(r == "10")
        } else {
            Issue.record("not parsed as a call: \(e[0])")
        }
        let s = StraceLog.parse("[pid 12] --- #PF {addr=0x1000, ip=0x2, err=0x4 user|read|not-present, map=\"\"} ---\n+++ killed by SIGSEGV (core dumped) +++")
        #expect(s.count == 2)
        #expect(s[0].pid == 12)
        if case .pageFault = s[0].kind {} else { Issue.record("not a #PF: \(s[0])") }
        if case .killed("SIGSEGV") = s[1].kind {} else { Issue.record("not killed: \(s[1])") }
    }

    @Test("any text parses without a trap")
    func fuzz() throws {
        var rng = TraceRandom(5)
        let seeds = try ["strace-f.log", "strace-ttT.log", "strace-signals.log"].map {
            Array(try String(contentsOfFile: TraceFixtures.path($0), encoding: .utf8).utf8)
        }
        let specials = Array("()[]{}\",\\<>=. \n".utf8)
        for i in 0..<400 {
            var b = Array(seeds[i % 3].prefix(6000))
            for _ in 0..<(1 + Int(rng.next() % 40)) {
                let p = Int(rng.next() % UInt64(b.count))
                b[p] = rng.next() % 2 == 0 ? specials[Int(rng.next() % UInt64(specials.count))] : UInt8(truncatingIfNeeded: rng.next())
            }
            let events = StraceLog.parse(String(decoding: b, as: UTF8.self))
            let input = DiffInput(events: events, name: "a", kind: "strace log")
            _ = DiffReport.compare(input, input)
        }
    }

    @Test("fresh strace -f output of this machine parses completely", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")))
    func fresh() throws {
        let log = TraceTestFiles.path("fresh-strace.log")
        let r = try runCommand("/usr/bin/strace", ["-f", "-o", log, "/bin/sh", "-c", "ls / | head -1; cat /etc/hostname"])
        try #require(r.status == 0, "strace: \(r.stderr)")
        let events = StraceLog.parse(try String(contentsOfFile: log, encoding: .utf8))
        #expect(events.allSatisfy { if case .other = $0.kind { return false }; return true })
        #expect(Set(events.compactMap(\.pid)).count >= 3)
    }
}

@Suite("Trace diff: normalization and report")
struct TraceDiffReportTests {
    func input(_ text: String) -> DiffInput {
        DiffInput(events: StraceLog.parse(text), name: "x", kind: "strace log")
    }

    @Test("addresses, pids, inode numbers, times and the initial execve do not count")
    func ignored() {
        let a = input("""
        100 execve("/bin/x", ["x"], 0x7ffc0000 /* 3 vars */) = 0
        100 brk(NULL) = 0x55d000001000
        100 getpid() = 100
        100 newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=12, st_ino=1234, ...}, AT_EMPTY_PATH) = 0
        100 clock_gettime(CLOCK_REALTIME, {tv_sec=1700000000, tv_nsec=123}) = 0
        100 getrandom("\\x12\\x34", 2, GRND_NONBLOCK) = 2
        100 kill(100, SIGUSR1) = 0
        100 +++ exited with 0 +++
        """)
        let b = input("""
        [pid 200] brk(NULL) = 0x5600abc000
        [pid 200] getpid() = 200
        [pid 200] newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=12, st_ino=99, ...}, AT_EMPTY_PATH) = 0
        [pid 200] clock_gettime(CLOCK_REALTIME, {tv_sec=1800000000, tv_nsec=999}) = 0
        [pid 200] getrandom("\\xff\\x00", 2, GRND_NONBLOCK) = 2
        [pid 200] kill(200, SIGUSR1) = 0
        [pid 200] +++ exited with 0 +++
        """)
        let r = DiffReport.compare(a, b)
        #expect(r.equivalent, "\(r.text)")
        #expect(r.similarity == 1)
        #expect(r.equal == 7)
    }

    @Test("a different argument is a change, a missing call is one side's; the score says how much")
    func differences() {
        let a = input("""
        openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3
        read(3, "root", 4) = 4
        close(3) = 0
        write(1, "x", 1) = 1
        exit_group(0) = ?
        """)
        let b = input("""
        openat(AT_FDCWD, "/etc/group", O_RDONLY) = 3
        read(3, "root", 4) = 4
        close(3) = 0
        getuid() = 0
        exit_group(0) = ?
        """)
        let r = DiffReport.compare(a, b, context: 1)
        #expect(!r.equivalent)
        #expect(r.equal == 3 && r.changed == 1 && r.onlyA == 1 && r.onlyB == 1)
        #expect(abs(r.similarity - 7.0 / 10.0) < 1e-9)
        let lines = r.text.split(separator: "\n").map(String.init)
        #expect(lines.contains("-openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3"))
        #expect(lines.contains("+openat(AT_FDCWD, \"/etc/group\", O_RDONLY) = 3"))
        #expect(lines.contains("-write(1, \"x\", 1) = 1"))
        #expect(lines.contains("+getuid() = 0"))
        #expect(lines.contains { $0.hasPrefix("@@ -1,") })
        #expect(lines.last!.hasPrefix("similarity: 70.0% (3 equal, 1 changed, 1 only in A, 1 only in B): different"))
    }

    @Test("asynchronous signals count as a set, wherever they came")
    func asynchronous() {
        let a = input("""
        wait4(-1, NULL, 0, NULL) = 5
        --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=5, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---
        rt_sigreturn({mask=[]}) = 5
        --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=6, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---
        rt_sigreturn({mask=[]}) = 0
        exit_group(0) = ?
        """)
        let b = input("""
        --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=7, si_uid=0, si_status=0, si_utime=1, si_stime=0} ---
        rt_sigreturn() = 0
        wait4(-1, NULL, 0, NULL) = 7
        exit_group(0) = ?
        """)
        #expect(DiffReport.compare(a, b).equivalent)
        let c = input("""
        wait4(-1, NULL, 0, NULL) = 7
        exit_group(0) = ?
        """)
        #expect(!DiffReport.compare(a, c).equivalent)
    }

    @Test("tasks pair up in the order they appear")
    func tasks() {
        let a = input("1 getuid() = 0\n2 getgid() = 0\n1 exit_group(0) = ?\n2 exit_group(1) = ?")
        let b = input("[pid 8] getuid() = 0\n[pid 9] getgid() = 0\n[pid 9] exit_group(0) = ?\n[pid 8] exit_group(0) = ?")
        let r = DiffReport.compare(a, b)
        #expect(!r.equivalent)
        #expect(r.changed == 1)
        #expect(r.text.contains("task 2 (A pid 2, B pid 9)"))
    }

    @Test("a dunetrace trace and an strace log of the same calls are equivalent")
    func traceVersusLog() throws {
        let path = TraceTestFiles.path("diff-kinds.gz")
        try TraceTestFiles.record(TraceTestFiles.everyKind(), to: path).close()
        let trace = try DiffInput.load(path: path)
        let renderer = TraceRenderer()
        let (_, records, _) = try TraceReader.readAll(path: path)
        // The same events as strace -f -o would write them, pids shifted.
        let log = records.compactMap { r -> String? in
            guard let t = renderer.text(r) else { return nil }
            if case .pageFault = r.body { return nil }
            return "\(r.tid + 1000)  \(t)"
        }.joined(separator: "\n")
        let logPath = TraceTestFiles.path("diff-kinds.log")
        TraceTestFiles.write(logPath, Array(log.utf8))
        let other = try DiffInput.load(path: logPath)
        #expect(other.kind == "strace log" && trace.kind == "dunetrace trace")
        let r = DiffReport.compare(other, trace)
        #expect(r.equivalent, "\(r.text)")
        #expect(throws: DunetraceError.self) { try DiffInput.load(path: "/nonexistent/x") }
        TraceTestFiles.write(TraceTestFiles.path("binary"), [0, 1, 2, 3, 0, 0, 7, 8])
        #expect(throws: DunetraceError.self) { try DiffInput.load(path: TraceTestFiles.path("binary")) }
    }
}

@Suite("Trace diff: pids of the two runs")
struct TraceDiffPidTests {
    /// One run's pid is a number the other run's lines hold too (a read of 2996 bytes in both,
    /// 2996 the second run's pid): hidden on one side only, the lines would not match.
    @Test("a number that is a pid in one run only is hidden in both")
    func pidOfOneRunOnly() throws {
        let dir = NSTemporaryDirectory() + "diff-pids-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func log(_ pid: Int) -> String {
            """
            \(pid)  openat(AT_FDCWD, "/usr/share/locale/locale.alias", O_RDONLY|O_CLOEXEC) = 3
            \(pid)  read(3, "# Locale name alias data base.\\n#"..., 4096) = 2996
            \(pid)  close(3) = 0
            \(pid)  exit_group(0) = ?
            \(pid)  +++ exited with 0 +++

            """
        }
        try log(2988).write(toFile: dir + "/a.log", atomically: true, encoding: .utf8)
        try log(2996).write(toFile: dir + "/b.log", atomically: true, encoding: .utf8)
        let same = try runCommand(TestPaths.dunetrace, ["diff", dir + "/a.log", dir + "/b.log"])
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        // Still a diff: a byte count that differs is a difference.
        try log(2988).replacingOccurrences(of: "= 2996", with: "= 2995").write(toFile: dir + "/c.log", atomically: true, encoding: .utf8)
        let different = try runCommand(TestPaths.dunetrace, ["diff", dir + "/c.log", dir + "/b.log"])
        #expect(different.status == 1, "\(different.stdout)\(different.stderr)")
    }
}
