// The reporter's subcommands through the dunetrace binary: replay, stat, diff, compare, their
// output and exit statuses; and, once the tracer records (-w), live text == replay text.
import Foundation
import Testing
@testable import DunetraceCore

enum TraceCLI {
    static let sample = TraceFixtures.path("sample-v1.gz")

    /// Whether `dunetrace trace` records traces (-w) yet.
    static let canRecord: Bool = {
        guard TestPaths.hasKVM, let r = try? runCommand(TestPaths.dunetrace, ["-h"], timeout: 30) else { return false }
        return r.stdout.contains("-w ")
    }()

    static let hasStrace = FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")
}

@Suite("Trace subcommands")
struct TraceCommandTests {
    @Test("replay prints the run's live text, each task's lines in the live order")
    func replay() throws {
        let r = try runCommand(TestPaths.dunetrace, ["replay", TraceCLI.sample])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let live = try String(contentsOfFile: TraceFixtures.path("sample-v1.live.txt"), encoding: .utf8)
        // The sample's live text predates the seconds comments of si_utime and si_stime.
        let lines = r.stdout.split(separator: "\n").map { TraceSampleTests.withoutClockSeconds(String($0)) }
        #expect(TraceSampleTests.byTask(lines) == TraceSampleTests.byTask(live.split(separator: "\n").map(String.init)))
    }

    @Test("replay filters: -e trace=, status=, -p, --no-pf; -T and -ttt")
    func filters() throws {
        let files = try runCommand(TestPaths.dunetrace, ["replay", "-e", "trace=%file", "--no-pf", TraceCLI.sample])
        #expect(files.status == 0)
        let fileLines = files.stdout.split(separator: "\n")
        #expect(!fileLines.isEmpty)
        for l in fileLines {
            let e = StraceLog.parse(String(l))[0]
            if case .syscall(let name, _, _) = e.kind {
                #expect(SyscallTable.classes(SyscallTable.number(name) ?? -1).contains(.file), "\(l)")
            }
        }
        #expect(!files.stdout.contains("#PF"))
        let failed = try runCommand(TestPaths.dunetrace, ["replay", "-e", "status=failed", "--no-pf", TraceCLI.sample])
        #expect(failed.stdout.split(separator: "\n").allSatisfy { $0.contains(" = -1 ") || $0.contains(" = ? ") || $0.contains("---") || $0.contains("+++") })
        // One process only.
        let (_, records, _) = try TraceReader.readAll(path: TraceCLI.sample)
        // The child that ran cat: all its lines are prefixed.
        let child = try #require(records.last { r in
            if case .processStarted(_, let exe, _) = r.body { return exe.hasSuffix("/cat") }
            return false
        }?.pid)
        let one = try runCommand(TestPaths.dunetrace, ["replay", "-p", String(child), TraceCLI.sample])
        #expect(one.status == 0)
        #expect(one.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("[pid \(child)]") })
        let timed = try runCommand(TestPaths.dunetrace, ["replay", "-ttt", "-T", "-e", "trace=close", "--no-pf", TraceCLI.sample])
        let first = try #require(timed.stdout.split(separator: "\n").first { $0.contains("close(") })
        #expect(first.range(of: #"^(\[pid \d+\] )?\d{10}\.\d{6} close\(\d+\) = \d+ <\d+\.\d{6}>$"#, options: .regularExpression) != nil, "\(first)")
        let bad = try runCommand(TestPaths.dunetrace, ["replay", "-e", "trace=nosuchcall", TraceCLI.sample])
        #expect(bad.status != 0)
        #expect(bad.stderr.split(separator: "\n").count == 1)
    }

    @Test("replay applies the recorded run's -e unless given its own")
    func recordedExpressions() throws {
        let path = TraceTestFiles.path("filtered.gz")
        var header = TraceTestFiles.header
        header.properties[TraceHeader.expressionsKey] = "trace=getuid,exit_group\nstatus=successful"
        let rec = try TraceRecorder(path: path, header: header)
        for nr in [102, 110, 102, 231] {
            rec.syscall(SyscallEvent(number: nr, args: SyscallArgs(), result: nr == 231 ? nil : 0), captures: [], prefixed: false)
        }
        rec.close()
        let r = try runCommand(TestPaths.dunetrace, ["replay", path])
        #expect(r.stdout == "getuid() = 0\ngetuid() = 0\n")
        let all = try runCommand(TestPaths.dunetrace, ["replay", "-e", "trace=all", path])
        #expect(all.stdout.split(separator: "\n").count == 4)
    }

    @Test("replay --json: one JSON object per event, the header first")
    func json() throws {
        let r = try runCommand(TestPaths.dunetrace, ["replay", "--json", TraceCLI.sample])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count > 100)
        var types = Set<String>()
        for (i, l) in lines.enumerated() {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any], "line \(i): \(l)")
            let type = try #require(o["type"] as? String)
            if i == 0 { #expect(type == "header") }
            types.insert(type)
            if type == "syscall" {
                #expect(o["name"] is String && o["args"] is [Any] && o["text"] is String && o["pid"] is Int)
            }
        }
        #expect(types.isSuperset(of: ["header", "process", "syscall", "pagefault", "signal", "exit", "killed"]))
    }

    @Test("replay of a trace cut short: the whole chunks, then one line saying where, exit 0 (1 when nothing is readable)")
    func truncated() throws {
        let all = TraceTestFiles.bytes(TraceCLI.sample)
        let cut = TraceTestFiles.path("cut.gz")
        TraceTestFiles.write(cut, Array(all.prefix(all.count * 2 / 3)))
        let r = try runCommand(TestPaths.dunetrace, ["replay", cut])
        #expect(r.status == 0)
        #expect(!r.stdout.isEmpty)
        let err = r.stderr.split(separator: "\n")
        #expect(err.count == 1)
        #expect(err.first?.contains("cut short at byte") == true)
        #expect(err.first?.contains("(chunk ") == true)
        // Cut inside the header chunk: nothing to replay.
        let headless = TraceTestFiles.path("cut-header.gz")
        TraceTestFiles.write(headless, Array(all.prefix(20)))
        let h = try runCommand(TestPaths.dunetrace, ["replay", headless])
        #expect(h.status == 1 && h.stdout.isEmpty, "\(h.stderr)")
        for junk in ["/etc/passwd", TraceFixtures.path("fuzz/gzip-of-text.gz"), TraceFixtures.path("fuzz/random-bytes.gz"), "/nonexistent"] {
            let j = try runCommand(TestPaths.dunetrace, ["replay", junk])
            #expect(j.status == 1, "\(junk)")
            #expect(j.stderr.split(separator: "\n").count == 1, "\(junk): \(j.stderr)")
            #expect(j.stderr.hasPrefix("dunetrace: \(junk)"))
        }
    }

    @Test("stat: strace -c's table, then page faults")
    func stat() throws {
        let r = try runCommand(TestPaths.dunetrace, ["stat", TraceCLI.sample])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "% time     seconds  usecs/call     calls    errors syscall")
        #expect(lines.contains { $0.hasPrefix("100.00 ") && $0.hasSuffix(" total") })
        #expect(lines.contains { $0.hasPrefix("page faults: ") })
        #expect(lines.contains { $0.hasPrefix("trace: ") })
        // strace's -S, -U and -O, as in a run's -c.
        let chosen = try runCommand(TestPaths.dunetrace, ["stat", "-S", "calls", "-U", "name,calls", "-O", "1s", TraceCLI.sample])
        #expect(chosen.status == 0, "\(chosen.stderr)")
        let rows = chosen.stdout.split(separator: "\n").prefix { !$0.hasPrefix("page faults") }
        #expect(rows.first?.split(separator: " ") == ["syscall", "calls"], "\(chosen.stdout)")
        let counts = rows.dropFirst(2).prefix { !$0.hasPrefix("---") }.compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }
        #expect(counts.count > 1 && counts == counts.sorted(by: >), "\(chosen.stdout)")
        let lessened = try runCommand(TestPaths.dunetrace, ["stat", "-O", "1s", TraceCLI.sample])
        #expect(lessened.stdout.split(separator: "\n").first { $0.hasSuffix(" total") }?.hasPrefix("100.00    0.000000") == true)
        #expect(!r.stdout.contains("100.00    0.000000"))
        let bad = try runCommand(TestPaths.dunetrace, ["stat", "-S", "bogus", TraceCLI.sample])
        #expect(bad.status == 1 && bad.stderr == "dunetrace: invalid sortby: 'bogus'\n")
    }

    @Test("diff: 0 equivalent, 1 different, 2 error")
    func diff() throws {
        let same = try runCommand(TestPaths.dunetrace, ["diff", TraceCLI.sample, TraceCLI.sample])
        #expect(same.status == 0, "\(same.stdout)")
        #expect(same.stdout.hasSuffix("equivalent\n"))
        let other = try runCommand(TestPaths.dunetrace, ["diff", TraceCLI.sample, TraceFixtures.path("sample-v1-kinds.gz")])
        #expect(other.status == 1)
        #expect(other.stdout.contains("\n@@ "))
        #expect(other.stdout.hasSuffix("different\n"))
        let logs = try runCommand(TestPaths.dunetrace, ["diff", TraceFixtures.path("strace-f.log"), TraceFixtures.path("strace-f.log")])
        #expect(logs.status == 0)
        let missing = try runCommand(TestPaths.dunetrace, ["diff", TraceCLI.sample, "/nonexistent"])
        #expect(missing.status == 2)
        #expect(missing.stderr.split(separator: "\n").count == 1)
        let junk = try runCommand(TestPaths.dunetrace, ["diff", TraceCLI.sample, TraceFixtures.path("fuzz/gzip-of-text.gz")])
        #expect(junk.status == 2)
    }
}

@Suite("Recording a run", .enabled(if: TraceCLI.canRecord, "needs /dev/kvm and dunetrace -w"))
struct TraceRecordingTests {
    @Test("live text == replay text, gzip -t passes", arguments: [
        ["passwd"], ["signals"], ["exitcode", "3"], ["memory"], ["stress"],
    ])
    func fixture(_ spec: [String]) throws {
        try check([try Fixtures.path(spec[0])] + spec.dropFirst())
    }

    @Test("live text == replay text for system programs", arguments: [
        ["/bin/ls", "-la", "/usr"], ["/bin/cat", "/etc/passwd"], ["/bin/sh", "-c", "ls / | sort | head -3; cat /etc/hostname"],
    ])
    func program(_ command: [String]) throws {
        try check(command)
    }

    func check(_ command: [String]) throws {
        let name = (command[0] as NSString).lastPathComponent
        let live = TraceTestFiles.path("\(name).live"), trace = TraceTestFiles.path("\(name).gz")
        let r = try runCommand(TestPaths.dunetrace, ["-o", live, "-w", trace] + command)
        #expect(!r.timedOut)
        #expect(try runCommand("/bin/gzip", ["-t", trace]).status == 0)
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0, "\(replay.stderr)")
        let liveLines = try String(contentsOfFile: live, encoding: .utf8).split(separator: "\n").map(String.init)
        let replayLines = replay.stdout.split(separator: "\n").map(String.init)
        #expect(TraceSampleTests.byTask(replayLines) == TraceSampleTests.byTask(liveLines))
    }

    @Test("two runs of one program diff as equivalent; two programs do not")
    func twoRuns() throws {
        let a = TraceTestFiles.path("run-a.gz"), b = TraceTestFiles.path("run-b.gz"), c = TraceTestFiles.path("run-c.gz")
        _ = try runCommand(TestPaths.dunetrace, ["--silent", "-w", a, "/bin/ls", "/"])
        _ = try runCommand(TestPaths.dunetrace, ["--silent", "-w", b, "/bin/ls", "/"])
        _ = try runCommand(TestPaths.dunetrace, ["--silent", "-w", c, "/bin/cat", "/etc/hostname"])
        let same = try runCommand(TestPaths.dunetrace, ["diff", a, b])
        #expect(same.status == 0, "\(same.stdout)")
        let different = try runCommand(TestPaths.dunetrace, ["diff", a, c])
        #expect(different.status == 1)
    }

    @Test("compare finds programs equivalent to host strace", .enabled(if: TraceCLI.hasStrace), arguments: [
        ["/bin/ls", "/"], ["/bin/cat", "/etc/passwd"], ["/usr/bin/sort", "/etc/passwd"], ["/usr/bin/stat", "/etc/passwd"], ["/usr/bin/env"],
    ])
    func compare(_ command: [String]) throws {
        let r = try runCommand(TestPaths.dunetrace, ["compare", "--"] + command)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasSuffix("equivalent\n"))
    }

    @Test("compare on the passwd fixture", .enabled(if: TraceCLI.hasStrace))
    func compareFixture() throws {
        let r = try runCommand(TestPaths.dunetrace, ["compare", "--", try Fixtures.path("passwd")])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }
}
