// -Y / --decode-pids=comm: pids in arguments, results, siginfo and signal lines as host strace
// -Y prints them for the same program (fixtures/src/decode_pids.c), and replay -Y /
// --pidns-translation of a --silent recording printing what the live run printed (the pids
// records of format version 5).
import Foundation
import Testing
@testable import DunetraceCore

@Suite(.enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct DecodePidsTests {
    static let calls = "trace=prctl,getppid,getpid,gettid,tgkill,kill,sched_getscheduler,prlimit64,waitid,wait4,clone"

    /// Addresses as X, numbers of 3 digits or more (pids, and limits the same in both runs) as P;
    /// the child's CPU times as T (strace adds a comment to large ones); a call printed in two
    /// halves (`<unfinished ...>` then `<... NAME resumed>`, as a tracer does when another
    /// task's line comes between, which depends on timing) joined into one line under its
    /// first half's prefix; sorted, since two tracers may print two tasks' lines in another order.
    static func masked(_ text: String) -> [String] {
        let lines = text.split(separator: "\n").map {
            String($0).replacing(/si_utime=[^,]*, si_stime=[^,}]*(\s*\/\*[^*]*\*\/)?/, with: "T")
                .replacing(/0x[0-9a-f]+/, with: "X").replacing(#/\)\s+= /#, with: ") = ")
                .replacing(/(^|[^\\\d])\d{3,}\b/) { $0.output.1 + "P" }  // not an octal escape: \0741
        }
        return joinedHalves(lines).sorted()
    }

    static func joinedHalves(_ lines: [String]) -> [String] {
        var out: [String?] = lines
        for (i, line) in lines.enumerated() where line.hasSuffix(" <unfinished ...>") {
            guard let call = line.firstMatch(of: /^\S+ ([a-z_0-9]+)\(/)?.output.1 else { continue }
            let marker = "<... \(call) resumed>"
            guard let j = (i + 1..<lines.count).first(where: { out[$0] != nil && lines[$0].contains(marker) }),
                  let at = lines[j].range(of: marker) else { continue }
            out[i] = String(line.dropLast(" <unfinished ...>".count)) + lines[j][at.upperBound...]
            out[j] = nil
        }
        return out.compactMap { $0 }
    }

    func run(_ arguments: [String]) throws -> RunResult {
        let r = try runCommand(TestPaths.dunetrace, arguments, timeout: 60)
        #expect(r.status == 0, "\(r.stderr)")
        return r
    }

    @Test("-f -Y: every pid of kill, tgkill, waitid, wait4, getpid, gettid, getppid, clone, sched_*, prlimit64 and si_pid as host strace -Y")
    func asStrace() throws {
        let program = try Fixtures.path("decode_pids")
        let dir = Fixtures.directory
        let options = ["-f", "-Y", "-e", Self.calls]
        _ = try runCommand(HostStrace.path, options + ["-o", "\(dir)/decode-pids-strace.txt", program], timeout: 60)
        _ = try run(["-w", "none", "-o", "\(dir)/decode-pids-live.txt"] + options + [program])
        let expected = Self.masked(try String(contentsOfFile: "\(dir)/decode-pids-strace.txt", encoding: .utf8))
        let got = Self.masked(try String(contentsOfFile: "\(dir)/decode-pids-live.txt", encoding: .utf8))
        // What the fixture is for: a quoted command, an argument of a child reaped by the call.
        #expect(expected.contains(#"P<decode_pids> wait4(P<kid\0741\76\33>, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = P"#))
        #expect(expected.contains(#"P<decode_pids> prctl(PR_SET_NAME, "kid<1>\33") = 0"#))
        // clone's result names the child as it is when the line is printed, and the child
        // renames itself at once: under load host strace prints the line in two halves
        // (`<unfinished ...>`, `<... clone resumed>`) with the new name. The rest must be equal.
        let isClone = { (line: String) in line.contains("clone(") || line.contains("<... clone resumed>") }
        #expect(got.contains { isClone($0) && $0.contains(") = P<") })
        let (ours, theirs) = (got.filter { !isClone($0) }, expected.filter { !isClone($0) })
        #expect(ours == theirs, "\(ours.filter { !theirs.contains($0) }) vs \(theirs.filter { !ours.contains($0) })")
    }

    @Test("-f -Y: lines after a prctl(PR_SET_NAME) the set leaves out carry the new name, as host strace's")
    func renamedUnshown() throws {
        let program = try Fixtures.path("decode_pids")
        let dir = Fixtures.directory
        let options = ["-f", "-Y", "-e", "trace=getpid,gettid"]
        _ = try runCommand(HostStrace.path, options + ["-o", "\(dir)/renamed-strace.txt", program], timeout: 60)
        _ = try run(["-w", "none", "-o", "\(dir)/renamed-live.txt"] + options + [program])
        let expected = Self.masked(try String(contentsOfFile: "\(dir)/renamed-strace.txt", encoding: .utf8))
        let got = Self.masked(try String(contentsOfFile: "\(dir)/renamed-live.txt", encoding: .utf8))
        #expect(expected.contains(#"P<kid\0741\76\33> getpid() = P<kid\0741\76\33>"#))
        #expect(got == expected, "\(got.filter { !expected.contains($0) }) vs \(expected.filter { !got.contains($0) })")
    }

    @Test("replay -Y prints the live -Y text: of the same run byte for byte, of a --silent recording but for pids")
    func replayed() throws {
        let program = try Fixtures.path("decode_pids")
        let dir = Fixtures.directory
        let options = ["-f", "-Y", "-e", Self.calls]
        _ = try run(["-w", "\(dir)/decode-pids-live.gz", "-o", "\(dir)/decode-pids-live2.txt"] + options + [program])
        _ = try run(["replay", "-o", "\(dir)/decode-pids-replay.txt"] + options + ["\(dir)/decode-pids-live.gz"])
        let live = try String(contentsOfFile: "\(dir)/decode-pids-live2.txt", encoding: .utf8)
        #expect(try String(contentsOfFile: "\(dir)/decode-pids-replay.txt", encoding: .utf8) == live)
        // Recorded with -Y but no live text: the names come from the trace all the same.
        _ = try run(["-w", "\(dir)/decode-pids-silent.gz", "--silent", "-Y", "-f", program])
        _ = try run(["replay", "-o", "\(dir)/decode-pids-silent.txt"] + options + ["\(dir)/decode-pids-silent.gz"])
        let silent = try String(contentsOfFile: "\(dir)/decode-pids-silent.txt", encoding: .utf8)
        #expect(silent.contains(#"<kid\0741\76\33>"#))
        #expect(Self.masked(silent) == Self.masked(live))
        // Without -Y replay names nothing.
        let plain = try run(["replay", "-f", "-e", Self.calls, "\(dir)/decode-pids-silent.gz"])
        #expect(!plain.stdout.contains("<kid") && !plain.stdout.contains("<decode_pids>"))
        // Recorded without -Y (names cost a /proc read per pid a call names): replay -Y has
        // only the line prefixes' names, no pid's.
        _ = try run(["-w", "\(dir)/decode-pids-noY.gz", "--silent", "-f", program])
        let noNames = try run(["replay"] + options + ["\(dir)/decode-pids-noY.gz"])
        let namedArgument = try Regex(#"(wait4|kill)\(\d+<"#)
        #expect(noNames.stdout.contains("wait4(") && !noNames.stdout.contains(namedArgument))
    }

    @Test("replay --pidns-translation of a --silent recording prints the live translations")
    func replayedTranslation() throws {
        let program = try Fixtures.path("pidns")
        let dir = Fixtures.directory
        let options = ["-f", "--pidns-translation", "-e", "trace=getpid,getppid,wait4,exit_group", "-e", "signal=none"]
        _ = try run(["-w", "none", "-o", "\(dir)/pidns-live2.txt"] + options + [program])
        _ = try run(["-w", "\(dir)/pidns-silent.gz", "--silent", program])
        _ = try run(["replay", "-o", "\(dir)/pidns-replay.txt"] + options + ["\(dir)/pidns-silent.gz"])
        // The runs' own pids differ (in the namespace the target made they are the same).
        func masked(_ path: String) throws -> [String] {
            PidNamespaceTests.masked(try String(contentsOfFile: path, encoding: .utf8)).map { $0.replacing(/\b\d{3,}\b/, with: "P") }
        }
        let live = try masked("\(dir)/pidns-live2.txt")
        let replayed = try masked("\(dir)/pidns-replay.txt")
        #expect(replayed.contains { $0.contains("in strace's PID NS") })
        #expect(replayed.sorted() == live.sorted(), "\(replayed) vs \(live)")
    }

    @Test("pids records round-trip through the codec; a chunk of version 4 may not hold one")
    func codec() throws {
        let facts = [RecordedPid(PidKey(pid: 1, kind: .task, atEntry: true), PidFact(outer: 4321, comm: "kid<1>")),
                     RecordedPid(PidKey(pid: 7, kind: .processGroup, atEntry: false), PidFact(outer: nil, comm: nil)),
                     RecordedPid(PidKey(pid: 9, kind: .session, atEntry: false), PidFact(outer: -2, comm: ""))]
        let record = TraceRecord(pid: 10, tid: 11, time: 5, prefixed: false, body: .pids(facts))
        var enc = ChunkEncoder()
        enc.encode(record)
        #expect(try ChunkDecoder.records(enc.bytes) == [record])
        // The same bytes marked as version 4: refused, not misread.
        var old = enc.bytes
        old[4] = 4
        #expect(throws: (any Error).self) { try ChunkDecoder.records(old) }
    }
}
