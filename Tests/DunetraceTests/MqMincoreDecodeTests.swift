// mq_getsetattr's struct mq_attr and mincore's page vector (fixtures/src/mq_mincore.c):
// dunetrace's live text and a --silent recording's replay against host strace's.
import DunetraceCore
import Foundation
import Testing

@Suite("mq_getsetattr and mincore, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct MqMincoreDecodeTests {
    static let trace = ["-e", "signal=none", "-e", "trace=mq_getsetattr,mincore"]

    static func mask(_ text: String) -> String {
        maskUserAddresses(text).replacing(/\) +=/, with: ") =")
    }

    @Test("live and replay print what strace prints", arguments: [false, true])
    func mqAndMincore(isStatic: Bool) throws {
        let program = try Fixtures.path("mq_mincore", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/mq-strace-\(id).log", trace = Fixtures.directory + "/mq-\(id).trace.gz"
        defer { for f in [theirs, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + Self.trace + [program])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + Self.trace + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(s.status == 0 && live.status == 0 && recorded.status == 0, "\(live.stderr) \(recorded.stderr)")
        #expect(live.stdout == s.stdout)
        let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
        // What this checks was decoded by strace, not printed as addresses.
        #expect(expected.contains("{mq_flags=O_NONBLOCK, mq_maxmsg=") && expected.contains(", [1, 0]) = 0"))
        #expect(Self.mask(live.stderr) == expected, "live:\n\(live.stderr)\nstrace:\n\(expected)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay"] + Self.trace + [trace])
        #expect(Self.mask(replay.stdout) == expected, "replay:\n\(replay.stdout)\nstrace:\n\(expected)")
    }
}
