// capget's and capset's header as the call gave it, the data by the version it names
// (fixtures/src/caps_header.c): dunetrace's live text and a --silent recording's replay
// against host strace's.
import DunetraceCore
import Foundation
import Testing

@Suite("capget and capset headers, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct CapabilityHeaderTests {
    static let options = ["-e", "signal=none", "-e", "trace=capget,capset"]

    @Test("live and replay print what strace prints", arguments: [false, true])
    func headers(isStatic: Bool) throws {
        let program = try Fixtures.path("caps_header", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/caps-strace-\(id).log", trace = Fixtures.directory + "/caps-\(id).trace.gz"
        defer { for f in [theirs, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + Self.options + [program])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + Self.options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(s.status == 0 && live.status == 0 && recorded.status == 0, "\(live.stderr) \(recorded.stderr)")
        let expected = maskUserAddresses(try String(contentsOfFile: theirs, encoding: .utf8))
        // What this checks was decoded by strace.
        #expect(expected.contains("capset({version=0xbadc0ded /* _LINUX_CAPABILITY_VERSION_??? */, pid=0}, {effective=0, permitted=0, inheritable=0}) = -1 EINVAL")
                && expected.contains("capset({version=0xbadc0ded /* _LINUX_CAPABILITY_VERSION_??? */, pid=0}, 0xADDR) = -1 EINVAL")
                && expected.contains("capget({version=_LINUX_CAPABILITY_VERSION_1, pid=0}, {effective="))
        #expect(maskUserAddresses(live.stderr) == expected, "live:\n\(live.stderr)\nstrace:\n\(expected)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay"] + Self.options + [trace])
        #expect(maskUserAddresses(replay.stdout) == expected, "replay:\n\(replay.stdout)\nstrace:\n\(expected)")
    }
}
