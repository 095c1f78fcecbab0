// clone and clone3 with CLONE_PIDFD (fixtures/src/clone_pidfd.c): the new pidfd printed as a
// descriptor, named with -y, live and in a --silent recording's replay, against host strace.
import DunetraceCore
import Foundation
import Testing

@Suite("CLONE_PIDFD's descriptor, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct ClonePidfdDecodeTests {
    static let options = ["-y", "-qq", "-e", "signal=none", "-e", "trace=clone,clone3"]

    static func mask(_ text: String) -> String {
        maskUserAddresses(text).replacing(/= \d+\n/, with: "= PID\n").replacing(/\) +=/, with: ") =")
    }

    @Test("live and replay print what strace prints", arguments: [false, true])
    func pidfd(isStatic: Bool) throws {
        let c = try StraceComparison(try Fixtures.path("clone_pidfd", static: isStatic), Self.options, mask: Self.mask)
        #expect(c.strace.contains("flags=CLONE_PIDFD|SIGCHLD, parent_tid=[3<anon_inode:[pidfd]>]) = PID")
                && c.strace.contains("=> {pidfd=[3<anon_inode:[pidfd]>]}"), "\(c.strace)")
        #expect(c.live == c.strace, "live:\n\(c.live)\nstrace:\n\(c.strace)")
        #expect(c.replay == c.strace, "replay:\n\(c.replay)\nstrace:\n\(c.strace)")
    }
}
