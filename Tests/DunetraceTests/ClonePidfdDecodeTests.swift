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
        let program = try Fixtures.path("clone_pidfd", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/pidfd-strace-\(id).log", trace = Fixtures.directory + "/pidfd-\(id).trace.gz"
        defer { for f in [theirs, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + Self.options + [program])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + Self.options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(s.status == 0 && live.status == 0 && recorded.status == 0, "\(live.stderr) \(recorded.stderr)")
        let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
        #expect(expected.contains("flags=CLONE_PIDFD|SIGCHLD, parent_tid=[3<anon_inode:[pidfd]>]) = PID")
                && expected.contains("=> {pidfd=[3<anon_inode:[pidfd]>]}"), "\(expected)")
        #expect(Self.mask(live.stderr) == expected, "live:\n\(live.stderr)\nstrace:\n\(expected)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay"] + Self.options + [trace])
        #expect(Self.mask(replay.stdout) == expected, "replay:\n\(replay.stdout)\nstrace:\n\(expected)")
    }
}
