// ioctl request families decoded after the first round (IoctlTests): each family's fixture makes
// its requests on a closed descriptor with NULL, unreadable, zeroed and filled arguments, and
// its lines are host strace 6.1's for the same program and options.
import Foundation
import Testing
@testable import DunetraceCore

@Suite("ioctl families: strace's text for seccomp user notifications and FS_IOC_FIEMAP",
       .enabled(if: TestPaths.hasKVM && FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs /dev/kvm and strace"))
struct IoctlFamilyTests {
    /// An injected success shows what a request leaves (`=> {...}`; the extents with -v).
    static let optionSets: [[String]] = [[], ["-v"], ["-X", "raw"], ["-X", "verbose"], ["-y"],
                                         ["-e", "inject=ioctl:retval=42"], ["-v", "-e", "inject=ioctl:retval=42"]]

    /// The ioctl lines, columns and the program's own addresses (they move with ASLR) masked.
    static func ioctlLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("ioctl(-1") }.map {
            $0.replacingOccurrences(of: #" +="#, with: " =", options: .regularExpression)
                .replacingOccurrences(of: #"0x[0-9a-f]{9,}"#, with: "ADDR", options: .regularExpression)
        }
    }

    @Test("each request fails as natively (EBADF)", arguments: [false, true])
    func nativeResults(isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path("ioctl_more_families", static: isStatic), [])
    }

    @Test("SECCOMP_IOCTL_NOTIF_*, FS_IOC_FIEMAP and their structures as host strace prints them", arguments: optionSets)
    func likeStrace(options: [String]) throws {
        let program = try Fixtures.path("ioctl_more_families")
        let log = Fixtures.directory + "/ioctl-family-\(getpid())-\(options.joined()).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        _ = try runCommand("/usr/bin/strace", ["-e", "trace=ioctl"] + options + ["-o", log, program])
        let expected = Self.ioctlLines(try String(contentsOfFile: log, encoding: .utf8))
        #expect(expected.count == 21, "strace \(options): \(expected)")
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf", "-e", "trace=ioctl"] + options + [program])
        #expect(traced.status == 0, "\(options): \(traced.stderr)")
        let got = Self.ioctlLines(traced.stderr)
        #expect(got.count == expected.count, "\(options): \(got.count) lines, strace \(expected.count)")
        for (line, want) in zip(got, expected) where line != want { #expect(line == want, "\(options)") }
    }
}
