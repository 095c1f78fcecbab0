// -y's descriptor paths (fixtures/src/descriptor_paths.c): a deleted file's `<path>(deleted)`
// by strace's own test (a file named "x (deleted)" that is still there keeps its name), bytes
// that are not UTF-8, descriptors inside a structure (landlock's parent_fd), kcmp's descriptor
// numbers of the process its pid names, pidfd_getfd's (named by its result); live and a --silent recording's replay against host
// strace 6.1's text.
@testable import DunetraceCore
import Foundation
import Testing

@Suite("descriptor paths with -y, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct DescriptorPathTests {
    static let options = ["-y", "-e", "signal=none",
                          "-e", "trace=fchmod,fsync,landlock_add_rule,kcmp,pidfd_getfd,lookup_dcookie,fanotify_init"]

    /// The fixture's directory (mkdtemp's name), its pid and kcmp's order of two files (by
    /// their kernel addresses) differ from run to run.
    static func mask(_ text: String) -> String {
        text.replacing(/\/tmp\/dt-dpath-[A-Za-z0-9]{6}/, with: "/tmp/dt-dpath-DIR")
            .replacing(/(kcmp\(.*\) += )[0-2]\n/) { m in m.output.1 + "N\n" }
            .replacing(/kcmp\(\d+, (\d+|-1)/) { m in "kcmp(PID, " + (m.output.1 == "-1" ? "-1" : "PID") }
            .replacing(/\) +=/, with: ") =")
    }

    @Test("live and replay print what strace prints", arguments: [false, true])
    func descriptorPaths(isStatic: Bool) throws {
        let program = try Fixtures.path("descriptor_paths", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/dpath-strace-\(id).log", trace = Fixtures.directory + "/dpath-\(id).trace.gz"
        defer { for f in [theirs, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + Self.options + [program])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + Self.options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(s.status == 0 && live.status == 0 && recorded.status == 0, "\(live.stderr) \(recorded.stderr)")
        let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
        // What this checks is in strace's text.
        #expect(expected.contains("/sample>(deleted), 051)") && expected.contains("/sample (deleted)>, 0600)")
                && expected.contains("\\177\\200\\377>) = 0") && expected.contains("parent_fd=6</tmp/dt-dpath-DIR>")
                && expected.contains("KCMP_FILE, 3</tmp/dt-dpath-DIR/sample>(deleted), 5) =")
                && expected.contains("pidfd_getfd(7<anon_inode:[pidfd]>, 5</tmp/dt-dpath-DIR/") && expected.contains(", 999, 0) = -1 EBADF"))
        #expect(Self.mask(live.stderr) == expected, "live:\n\(live.stderr)\nstrace:\n\(expected)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay"] + Self.options + [trace])
        #expect(Self.mask(replay.stdout) == expected, "replay:\n\(replay.stdout)\nstrace:\n\(expected)")
    }
}

@Suite("paths as bytes")
struct RawPathTests {
    @Test("every byte string survives the String the table and the trace keep")
    func roundTrip() {
        let samples: [[UInt8]] = [
            Array("/etc/passwd".utf8), Array("/tmp/é€😀".utf8), [0x2f, 0x80, 0xff, 0x41], [0xc3], [0xe2, 0x82],
            [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80],
            // A valid sequence of one of the scalars that stand for raw bytes (U+10FE80).
            [0x2f, 0xf4, 0x8f, 0xba, 0x80, 0x2f],
        ]
        for bytes in samples {
            #expect(RawPath.bytes(RawPath.string(bytes)) == bytes, "\(bytes)")
        }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...12, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            #expect(RawPath.bytes(RawPath.string(bytes)) == bytes, "\(bytes)")
        }
        #expect(RawPath.string(Array("/usr/lib".utf8)) == "/usr/lib")
    }

    @Test("a deleted file's name reads back from its trace form")
    func recordedForm() {
        for name in [DescriptorName(path: "/tmp/a", deleted: true), DescriptorName(path: "/tmp/a (deleted)"),
                     DescriptorName(path: "/dev/null", detail: "char 1:3")] {
            #expect(DescriptorName(recordedPath: name.recordedPath, detail: name.detail) == name)
        }
        let names = CallDescriptorNames(table: [3: DescriptorName(path: "/tmp/a", deleted: true)], show: .path)
        #expect(names.decorated(3, afterCall: false) == "</tmp/a>(deleted)")
    }
}
