// ioctl request families decoded after the first round (IoctlTests): each family's fixture makes
// its requests on a closed descriptor with NULL, unreadable, zeroed and filled arguments, and
// its lines are host strace 6.1's for the same program and options.
import Foundation
import Testing
@testable import DunetraceCore

@Suite("ioctl families: strace's text for seccomp user notifications, FS_IOC_FIEMAP, SCSI generic, UBI and MTD",
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

    @Test("SCSI generic, UBI, MTD and TEE requests fail as natively (EBADF)", arguments: [false, true])
    func storageNativeResults(isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path("ioctl_storage_families", static: isStatic), [])
    }

    @Test("SG_*, UBI_IOC*, MTD and TEE requests and their structures as host strace prints them", arguments: optionSets)
    func storageLikeStrace(options: [String]) throws {
        let program = try Fixtures.path("ioctl_storage_families")
        let log = Fixtures.directory + "/ioctl-storage-\(getpid())-\(options.joined()).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        _ = try runCommand("/usr/bin/strace", ["-e", "trace=ioctl"] + options + ["-o", log, program])
        let expected = Self.ioctlLines(try String(contentsOfFile: log, encoding: .utf8))
        #expect(expected.count == 108, "strace \(options): \(expected.count) lines")
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf", "-e", "trace=ioctl"] + options + [program])
        #expect(traced.status == 0, "\(options): \(traced.stderr)")
        let got = Self.ioctlLines(traced.stderr)
        #expect(got.count == expected.count, "\(options): \(got.count) lines, strace \(expected.count)")
        for (line, want) in zip(got, expected) where line != want { #expect(line == want, "\(options)") }
    }

    /// SIOCGIFCONF's ifc_len and IORING_REGISTER_PROBE's structure as given ` => ` as left
    /// (a real call each; the probe on a descriptor that is no ring, or with a success injected).
    @Test("SIOCGIFCONF and IORING_REGISTER_PROBE as given => as left, as host strace prints them",
          arguments: [[], ["-v"], ["-X", "raw"], ["-e", "inject=io_uring_register:retval=42"]] as [[String]])
    func valueResultsLikeStrace(options: [String]) throws {
        let program = try Fixtures.path("value_result_structures")
        let log = Fixtures.directory + "/value-results-\(getpid())-\(options.joined()).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let filter = ["-e", "trace=ioctl,io_uring_register"]
        _ = try runCommand("/usr/bin/strace", filter + options + ["-o", log, program])
        func lines(_ text: String) -> [String] {
            text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("ioctl(") || $0.hasPrefix("io_uring_register(") }.map {
                $0.replacingOccurrences(of: #" +="#, with: " =", options: .regularExpression)
                    .replacingOccurrences(of: #"0x[0-9a-f]{9,}"#, with: "ADDR", options: .regularExpression)
            }
        }
        let expected = lines(try String(contentsOfFile: log, encoding: .utf8))
        #expect(expected.count == 10, "strace \(options): \(expected)")
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf"] + filter + options + [program])
        #expect(traced.status == 0, "\(options): \(traced.stderr)")
        let got = lines(traced.stderr)
        #expect(got.count == expected.count, "\(options): \(got.count) lines, strace \(expected.count)")
        for (line, want) in zip(got, expected) where line != want { #expect(line == want, "\(options)") }
    }
}
