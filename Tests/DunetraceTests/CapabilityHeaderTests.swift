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
        let c = try StraceComparison(try Fixtures.path("caps_header", static: isStatic), Self.options)
        // What this checks was decoded by strace.
        #expect(c.strace.contains("capset({version=0xbadc0ded /* _LINUX_CAPABILITY_VERSION_??? */, pid=0}, {effective=0, permitted=0, inheritable=0}) = -1 EINVAL")
                && c.strace.contains("capset({version=0xbadc0ded /* _LINUX_CAPABILITY_VERSION_??? */, pid=0}, 0xADDR) = -1 EINVAL")
                && c.strace.contains("capget({version=_LINUX_CAPABILITY_VERSION_1, pid=0}, {effective="))
        #expect(c.live == c.strace, "live:\n\(c.live)\nstrace:\n\(c.strace)")
        #expect(c.replay == c.strace, "replay:\n\(c.replay)\nstrace:\n\(c.strace)")
    }
}
