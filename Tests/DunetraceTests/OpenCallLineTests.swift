// A waiting call's line left open at entry and cut by another task's line (` <unfinished ...>`,
// `<... NAME resumed>`), as strace -f prints it: the rules, then the fixture waiting_calls run
// under host strace, live, and replayed from its trace (with lines and --silent).
import DunetraceCore
import Foundation
import Testing

@Suite("Open call lines: the rules")
struct OpenCallLineRuleTests {
    @Test("an entry stays open until its task's call returns; another task's line cuts it, and the call resumes on a line of its own")
    func rules() {
        var owner: Int32 = 0
        var out = OpenCallLine.enter("7 wait4(-1, ", tid: 7, owner: &owner)
        #expect(owner == 7)
        out += OpenCallLine.finish(tid: 7, rest: "[...]) = 8", resumed: "never", owner: &owner)
        #expect(out == "7 wait4(-1, [...]) = 8\n" && owner == 0)

        out = OpenCallLine.enter("7 wait4(-1, ", tid: 7, owner: &owner)
        out += OpenCallLine.line("8 exit_group(0) = ?", owner: &owner)
        out += OpenCallLine.finish(tid: 7, rest: "never", resumed: "7 <... wait4 resumed>[...]) = 8", owner: &owner)
        #expect(out == "7 wait4(-1,  <unfinished ...>\n8 exit_group(0) = ?\n7 <... wait4 resumed>[...]) = 8\n")

        // One open entry cuts another; each resumes.
        out = OpenCallLine.enter("7 read(3, ", tid: 7, owner: &owner)
        out += OpenCallLine.enter("8 read(4, ", tid: 8, owner: &owner)
        out += OpenCallLine.finish(tid: 7, rest: nil, resumed: "7 <... read resumed>\"x\", 1) = 1", owner: &owner)
        out += OpenCallLine.finish(tid: 8, rest: nil, resumed: "8 <... read resumed>\"y\", 1) = 1", owner: &owner)
        #expect(out == "7 read(3,  <unfinished ...>\n8 read(4,  <unfinished ...>\n7 <... read resumed>\"x\", 1) = 1\n8 <... read resumed>\"y\", 1) = 1\n")
        #expect(owner == 0)
    }

    @Test("an entry record survives writer -> reader between its task's calls, and is no call of its own")
    func entryRecords() throws {
        let t0: UInt64 = 1_700_000_000_000_000_000
        let wait = SyscallEvent(number: 61, args: SyscallArgs(UInt64(bitPattern: -1), 0x7ffd_0000_2000, 0, 0), result: nil,
                                pid: 10, tid: 10, entryTime: t0, exitTime: t0)
        var done = wait
        (done.result, done.exitTime) = (11, t0 + 5000)
        let exit = SyscallEvent(number: 231, args: SyscallArgs(0), result: nil, pid: 11, tid: 11, entryTime: t0 + 100, exitTime: t0 + 100)
        let records = [
            TraceRecord(pid: 10, tid: 10, time: t0, prefixed: true, body: .entered(wait, captures: [])),
            TraceRecord(pid: 11, tid: 11, time: t0 + 100, prefixed: true, body: .syscall(exit, captures: [])),
            TraceRecord(pid: 10, tid: 10, time: t0, prefixed: true,
                        body: .syscall(done, captures: [MemoryCapture(address: 0x7ffd_0000_2000, bytes: [0, 11, 0, 0])])),
        ]
        let path = TraceTestFiles.path("entered.gz")
        let rec = try TraceTestFiles.record(records, to: path)
        rec.close()
        let (_, back, damage) = try TraceReader.readAll(path: path)
        #expect(damage == nil)
        #expect(back == records)
        var stats = TraceStatistics()
        for r in back { stats.add(r) }
        #expect(stats.syscallCount == 1)  // the wait4 that returned; exit_group never did
    }

    @Test("the arguments printed at entry, what goes on after them at the -a column, and the resumed line")
    func parts() {
        #expect(OpenCallLine.entryArguments(unfinishedCall: "wait4(-1,  <unfinished ...>)", name: "wait4") == "-1, ")
        #expect(OpenCallLine.entryArguments(unfinishedCall: "rt_sigsuspend([], 8)", name: "rt_sigsuspend") == "[], 8")
        var layout = LineLayout()
        layout.columns = 40
        let rest = OpenCallLine.continuation(head: "12  read(3, ", call: "read(3, \"x\", 1)", result: "1", name: "read",
                                             arguments: "3, ", layout: layout, after: " <0.000010>")
        #expect(rest == "\"x\", 1)" + String(repeating: " ", count: 40 - 19) + "= 1 <0.000010>")
        #expect(OpenCallLine.continuation(head: "x", call: "read(4, \"x\", 1)", result: "1", name: "read", arguments: "3, ",
                                          layout: layout, after: "") == nil)
        let resumed = OpenCallLine.resumed(lead: "12  ", call: "read(3, \"x\", 1)", result: "1", name: "read", arguments: "3, ",
                                           layout: layout, after: "")
        #expect(resumed == "12  <... read resumed>\"x\", 1)" + String(repeating: " ", count: 40 - 29) + "= 1")
    }
}

@Suite("Open call lines: live, replayed, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct OpenCallLineTests {
    static let options = ["-f", "-e", "signal=none", "-e", "trace=read,wait4,exit_group,getppid"]

    /// Pids, and the values that are pids (getppid's, wait4's), as `P`.
    static func masked(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line).replacing(/^\d+ +/, with: "P ").replacing(/= \d+$/, with: "= P").replacing(/wait4\(\d+/, with: "wait4(P")
        }.joined(separator: "\n")
    }

    @Test("-f -o: a thread's line cuts the main thread's read, a child's lines its parent's wait4, as in strace's text; replay -f of the run's trace prints the same file",
          arguments: [true, false])
    func liveAndReplay(isStatic: Bool) throws {
        let program = try Fixtures.path("waiting_calls", static: isStatic)
        let dir = Fixtures.directory + "/open-calls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let native = try runCommand(program, [])
        let s = try runCommand(HostStrace.path, ["-o", dir + "/strace.log"] + Self.options + [program])
        let d = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", dir + "/t.gz", "-o", dir + "/live.log"] + Self.options + [program])
        #expect(s.status == 0 && d.status == 0 && d.stdout == native.stdout, "\(d.stderr)")
        let strace = try String(contentsOfFile: dir + "/strace.log", encoding: .utf8)
        let live = try String(contentsOfFile: dir + "/live.log", encoding: .utf8)
        #expect(strace.contains("read(3,  <unfinished ...>") && strace.contains("<... wait4 resumed>"))
        #expect(Self.masked(live) == Self.masked(strace))
        let r = try runCommand(TestPaths.dunetrace, ["replay", "-o", dir + "/replay.log"] + Self.options + [dir + "/t.gz"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: dir + "/replay.log", encoding: .utf8) == live)
    }

    @Test("a --silent recording keeps the entries: replay -f leaves the same lines open; -ff files and replay --format json")
    func silentRecording() throws {
        let program = try Fixtures.path("waiting_calls", static: false)
        let dir = Fixtures.directory + "/open-calls-silent-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try runCommand(HostStrace.path, ["-o", dir + "/strace.log"] + Self.options + [program])
        #expect(s.status == 0)
        #expect(try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", dir + "/t.gz", program]).status == 0)
        let r = try runCommand(TestPaths.dunetrace, ["replay", "-o", dir + "/replay.log"] + Self.options + [dir + "/t.gz"])
        #expect(r.status == 0, "\(r.stderr)")
        let strace = try String(contentsOfFile: dir + "/strace.log", encoding: .utf8)
        #expect(Self.masked(try String(contentsOfFile: dir + "/replay.log", encoding: .utf8)) == Self.masked(strace))
        // Every process's own file: nothing comes between a call's start and its end.
        let ff = try runCommand(TestPaths.dunetrace, ["replay", "-ff", "-o", dir + "/ff", "-e", "trace=read,wait4", dir + "/t.gz"])
        #expect(ff.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("ff.") }
        #expect(files.count == 2)
        for f in files {
            let text = try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
            #expect(!text.contains("unfinished") && !text.contains("resumed"), "\(text)")
        }
        // JSON lists the entries as records of their own, not as calls.
        let json = try runCommand(TestPaths.dunetrace, ["replay", "--format", "json", dir + "/t.gz"])
        #expect(json.stdout.contains("\"type\":\"entry\""))
        let stat = try runCommand(TestPaths.dunetrace, ["stat", dir + "/t.gz"])
        #expect(stat.status == 0 && !stat.stdout.contains("entry"))
    }
}
