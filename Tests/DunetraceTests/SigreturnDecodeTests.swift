// rt_sigreturn's mask, read from the frame at the stack pointer (fixtures/src/sigreturn_mask.c):
// dunetrace's live text and a --silent recording's replay against host strace's.
import DunetraceCore
import Foundation
import Testing

@Suite("rt_sigreturn's mask, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct SigreturnDecodeTests {
    static let options = ["-e", "trace=rt_sigreturn", "-e", "signal=SIGUSR1"]

    @Test("live and replay print what strace prints", arguments: [false, true])
    func mask(isStatic: Bool) throws {
        let program = try Fixtures.path("sigreturn_mask", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/sigreturn-strace-\(id).log", trace = Fixtures.directory + "/sigreturn-\(id).trace.gz"
        defer { for f in [theirs, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + Self.options + [program])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + Self.options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(s.status == 0 && live.status == 0 && recorded.status == 0, "\(live.stderr) \(recorded.stderr)")
        let mask = { (text: String) in text.replacing(/si_pid=\d+/, with: "si_pid=P") }
        let expected = mask(try String(contentsOfFile: theirs, encoding: .utf8))
        #expect(expected.contains("rt_sigreturn({mask=[]})") && expected.contains("rt_sigreturn({mask=[USR2]})")
                && expected.contains("rt_sigreturn({mask=~[KILL USR1 STOP RTMIN RT_1 RT_5]})"), "\(expected)")
        #expect(mask(live.stderr) == expected, "live:\n\(live.stderr)\nstrace:\n\(expected)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay"] + Self.options + [trace])
        #expect(mask(replay.stdout) == expected, "replay:\n\(replay.stdout)\nstrace:\n\(expected)")
    }
}
