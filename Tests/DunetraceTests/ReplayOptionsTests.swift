// Every printing option of a run (RunOptions.swift's table) prints in `replay` of a `--silent`
// recording what the live run printed: -n, -i, -r, -Y, -P and the rest that change the text
// (DESIGN.md, "Recording is complete"). The trace keeps what they need: each call's ip, each
// task's command name as it changes.
import Foundation
import Testing
@testable import DunetraceCore

@Suite("replay takes every printing option of a run", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct ReplayOptionsTests {
    /// The options of RunOptions' table that change the text, alone or as the run combines them.
    static let optionSets: [[String]] = [
        ["-n"], ["-i"], ["-r"], ["-f", "-Y"], ["-f", "-n", "-i", "-r"], ["-P", "/etc/passwd"], ["-x"], ["-xx"], ["-v"],
        ["-X", "raw"], ["-X", "verbose"], ["-s", "8"], ["-a", "20"], ["-z"], ["-Z"], ["-qq"], ["-e", "abbrev=none"],
        ["-e", "verbose=none"], ["-e", "raw=all"], ["-e", "signal=none"], ["--strings-in-hex=non-ascii"], ["-ttt"],
        ["--syscall-times=ns"], ["--relative-timestamps=ms"], ["--absolute-timestamps=format:unix,precision:ms"], ["-C"], ["-f", "--decode-pids=comm"],
    ]

    /// Programs with forks, execs, signals and files. Not python's threads: two runs of it
    /// legitimately differ in what its thread does when (an arena's mmap, the thread's start)
    /// under load, and this suite compares two runs 27 times; ReplayEqualsLiveTests keeps it.
    static func programs() throws -> [(name: String, command: [String])] {
        try ReplayCorpus.programs().filter { ["passwd", "signals-static", "forkexec"].contains($0.name) }
            .map { ("opt-" + $0.name, $0.command) }
    }

    @Test("live text with O == replay O of a --silent recording, for each printing option O")
    func printingOptions() throws {
        for (name, command) in try ReplayOptionsTests.programs() {
            let (traces, status) = try ReplayCorpus.record(name, command)
            for options in ReplayOptionsTests.optionSets {
                let text = try ReplayCorpus.compare(name, command, traces: traces, status: status, options: options)
                // -C: the lines, then the table (its times are the host's, compared by SummaryTests).
                if options == ["-C"] { #expect(text.contains("% time ") && text.contains("execve(")) }
                if options == ["-i"] { #expect(text.contains(#/^\[[0-9a-f]{16}\] execve\(/#), "\(name): \(text.prefix(200))") }
                if options == ["-f", "-Y"] && name == "opt-forkexec" { #expect(text.contains("<echo> +++ exited")) }
            }
        }
    }

    @Test("-ff: replay writes each process's file as the live run wrote it")
    func separateFiles() throws {
        let dir = Fixtures.directory
        let command = ["/bin/sh", "-c", "/bin/echo hi; /bin/cat /etc/hostname"]
        let trace = "\(dir)/ropt-ff.gz"
        for f in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where f.hasPrefix("ropt-ff-") {
            try? FileManager.default.removeItem(atPath: dir + "/" + f)
        }
        #expect(try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-f", "-w", trace] + command).status == 0)
        #expect(try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-ff", "-o", "\(dir)/ropt-ff-live"] + command).status == 0)
        #expect(try runCommand(TestPaths.dunetrace, ["replay", "-ff", "-o", "\(dir)/ropt-ff-replay", trace]).status == 0)
        // Each run's pids are its own: the files compare in the order their processes started.
        func files(_ base: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(base + ".") }
                .sorted { Int($0.split(separator: ".").last!)! < Int($1.split(separator: ".").last!)! }
                .map { try String(contentsOfFile: dir + "/" + $0, encoding: .utf8) }
        }
        let liveTexts = try files("ropt-ff-live"), replayTexts = try files("ropt-ff-replay")
        // Both runs' pids masked in both (a short pid of one run may be a number of the other).
        let pids = (liveTexts + replayTexts).reduce(into: Set<String>()) { $0.formUnion(ReplayCorpus.processIDs($1)) }
        let live = liveTexts.map { ReplayCorpus.normalized($0, pids: pids) }, replay = replayTexts.map { ReplayCorpus.normalized($0, pids: pids) }
        #expect(live.count == 3)
        #expect(live == replay)
        #expect(!replay.joined().joined().contains { $0.hasPrefix("[pid") })
    }

    @Test("-e fault= / -e inject= marks, (INJECTED) and (DELAYED), replay as the live run printed them")
    func injectionMarks() throws {
        let dir = Fixtures.directory
        let options = ["-e", "trace=access,brk", "-e", "fault=access:error=ENOENT", "-e", "inject=brk:delay_exit=1"]
        let trace = "\(dir)/ropt-marks.gz"
        #expect(try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace] + options + ["/bin/true"]).status == 0)
        #expect(try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", "\(dir)/ropt-marks-live.txt"] + options + ["/bin/true"]).status == 0)
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        let live = try String(contentsOfFile: "\(dir)/ropt-marks-live.txt", encoding: .utf8)
        func lines(_ text: String) -> [String] { text.split(separator: "\n").map { ReplayCorpus.masked(String($0)) } }
        #expect(lines(live).contains { $0.hasSuffix("ENOENT (No such file or directory) (INJECTED)") })
        #expect(lines(live).contains { $0.hasSuffix(" (DELAYED)") })
        #expect(lines(replay.stderr + replay.stdout) == lines(live))
    }

    @Test("a call's ip and a task's command name survive the trace format")
    func roundTrip() throws {
        let t0: UInt64 = 1_700_000_000_000_000_000
        var records: [TraceRecord] = []
        func add(_ tid: Int32, _ body: TraceRecord.Body, _ dt: UInt64) {
            records.append(TraceRecord(pid: 100, tid: tid, time: t0 + dt, prefixed: true, body: body))
        }
        add(100, .comm("first"), 0)
        for (i, ip) in [UInt64(0x7f00_0000_1234), 0x7f00_0000_1234, 0x4000_1000, 0x7f00_0000_1234].enumerated() {
            let dt = UInt64(i) * 100 + 10
            add(100, .syscall(SyscallEvent(number: 39, args: SyscallArgs(), result: 100, pid: 100, tid: 100,
                                           entryTime: t0 + dt, exitTime: t0 + dt + 5, ip: ip), captures: []), dt)
        }
        add(100, .syscall(SyscallEvent(number: 39, args: SyscallArgs(), result: 42, pid: 100, tid: 100, entryTime: t0 + 450,
                                       exitTime: t0 + 455, ip: 0x4000_1000, marks: SyscallEvent.Marks.injected | SyscallEvent.Marks.delayed),
                        captures: []), 450)
        add(100, .signal(info: SignalInfo(signo: 11, code: 1, address: 0).bytes.reversed().drop { $0 == 0 }.reversed(), ip: 0x4000_1ad), 460)
        add(101, .comm("worker"), 500)
        add(101, .syscall(SyscallEvent(number: 39, args: SyscallArgs(), result: 100, pid: 100, tid: 101,
                                       entryTime: t0 + 510, exitTime: t0 + 515, ip: 0x4000_2000), captures: []), 510)
        let path = TraceTestFiles.path("ip-comm.gz")
        try TraceTestFiles.record(records, to: path).close()
        let (h, read, damage) = try TraceReader.readAll(path: path)
        #expect(h.formatVersion == TraceFormat.version)
        #expect(damage == nil)
        #expect(read == records)
        var options = TraceOptions()
        options.layout.instructionPointer = true
        options.layout.pidComm = true
        options.layout.syscallNumbers = true
        var view = try ReplayView(options: options, header: h, givenStringLimit: false)
        let lines = read.compactMap { view.text($0) }
        // The ip and command name each line carries (the layout around them is LineLayout's, as live).
        var marks: [String] = []
        for line in lines {
            let comm = line.contains("<first>]") ? "first" : line.contains("<worker>]") ? "worker" : "-"
            let ip = line.firstMatch(of: /\[([0-9a-f]{16})\] getpid/).map { String($0.output.1) } ?? "-"
            marks.append(comm + " " + ip)
        }
        #expect(marks == ["first 00007f0000001234", "first 00007f0000001234", "first 0000000040001000", "first 00007f0000001234",
                          "first 0000000040001000", "first -", "worker 0000000040002000"])
        // A fault's line: where it happened.
        #expect(lines.contains { $0.contains("[00000000040001ad] --- SIGSEGV") })
        #expect(lines.contains { $0.hasSuffix("= 42 (INJECTED) (DELAYED)") })
    }
}
