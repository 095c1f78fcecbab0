// ioctl: each request decides whether its argument is an integer or a pointer (and how much the
// kernel reads), so the fixture's results are native ones under dunetrace; the text of every
// request is host strace 6.1's for the same run and options, live and replayed from a recording.
import Foundation
import Testing
@testable import DunetraceCore

@Suite("ioctl requests: native results, strace's text live and replayed, stty -a",
       .enabled(if: TestPaths.hasKVM && FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs /dev/kvm and strace"))
struct IoctlTests {
    static let optionSets: [[String]] = [[], ["-v"], ["-X", "raw"], ["-X", "verbose"], ["-y"], ["-e", "verbose=none"]]

    /// The fixture's lines between its close(-2) markers; columns, pipe inodes and the pty's
    /// number (other tests open ptys too) masked.
    static func lines(_ text: String) -> [String] {
        PrintOptionTests.fixtureLines(text).map {
            $0.replacingOccurrences(of: #"\[[0-9]{4,}\]"#, with: "[INODE]", options: .regularExpression)
                .replacingOccurrences(of: #"/dev/pts/[0-9]+"#, with: "/dev/pts/N", options: .regularExpression)
        }
    }

    @Test("integer arguments are integers, pointers are the request's size: results as native", arguments: [false, true])
    func nativeResults(isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path("ioctl_families", static: isStatic), [])
    }

    @Test("each request and its argument as host strace prints them", arguments: optionSets)
    func likeStrace(options: [String]) throws {
        let program = try Fixtures.path("ioctl_families")
        let log = Fixtures.directory + "/ioctl-\(getpid())-\(options.joined()).log"
        _ = try runCommand("/usr/bin/strace", options + ["-o", log, program])
        let expected = Self.lines(try String(contentsOfFile: log, encoding: .utf8))
        #expect(expected.count > 50, "strace \(options): \(expected)")
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf"] + options + [program])
        #expect(traced.status == 0, "\(options): \(traced.stderr)")
        let got = Self.lines(traced.stderr)
        #expect(got.count == expected.count, "\(options): \(got.count) lines, strace \(expected.count)")
        for (line, want) in zip(got, expected) where line != want { #expect(line == want, "\(options)") }
    }

    /// -y names the descriptors a request takes from the table, which calls not shown keep current.
    @Test("-e trace=ioctl -y: descriptors named as strace names them")
    func onlyIoctlWithPaths() throws {
        let program = try Fixtures.path("ioctl_families")
        func ioctlLines(_ text: String) -> [String] {
            text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("ioctl(") }.map {
                $0.replacingOccurrences(of: #" +="#, with: " =", options: .regularExpression)
                    .replacingOccurrences(of: #"0x[0-9a-f]{9,}"#, with: "ADDR", options: .regularExpression)
                    .replacingOccurrences(of: #"\[[0-9]{4,}\]"#, with: "[INODE]", options: .regularExpression)
                    .replacingOccurrences(of: #"/dev/pts/[0-9]+"#, with: "/dev/pts/N", options: .regularExpression)
                    // The program's own addresses as integers move with ASLR (their low half's sign too).
                    // (any width from 6 digits: the low half of an address is sometimes short).
                    .replacingOccurrences(of: #"(?<![0-9A-Za-z_])-?[0-9]{6,}\b"#, with: "N", options: .regularExpression)
            }
        }
        let log = Fixtures.directory + "/ioctl-\(getpid())-only.log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        _ = try runCommand("/usr/bin/strace", ["-e", "trace=ioctl", "-y", "-o", log, program])
        let expected = ioctlLines(try String(contentsOfFile: log, encoding: .utf8))
        #expect(expected.contains { $0.contains("NBD_SET_SOCK, 6<pipe:") }, "\(expected)")
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf", "-e", "trace=ioctl", "-y", program])
        let got = ioctlLines(traced.stderr)
        #expect(got.count == expected.count, "\(got.count) lines, strace \(expected.count)")
        for (line, want) in zip(got, expected) where line != want { #expect(line == want) }
    }

    @Test("a --silent recording replays the live text", arguments: [[], ["-v"], ["-y"], ["-X", "verbose"]])
    func replayEqualsLive(options: [String]) throws {
        let program = try Fixtures.path("ioctl_families")
        let trace = Fixtures.directory + "/ioctl-\(getpid())-\(options.joined()).trace.gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let live = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf"] + options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace, program])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "--no-pf"] + options + [trace])
        #expect(replay.status == 0, "\(replay.stderr)")
        let a = Self.lines(live.stderr), b = Self.lines(replay.stdout)
        #expect(a.count > 50 && a == b, "\(options): live \(a.count) lines, replay \(b.count); first difference: \(zip(a, b).first { $0 != $1 }.map { "\($0) | \($1)" } ?? "-")")
    }

    /// `stty -a` on a terminal (script(1) gives it one): its ioctl lines are strace's.
    @Test("stty -a on a terminal: TCGETS and TIOCGWINSZ as strace prints them", arguments: [[], ["-v"], ["-X", "verbose"]])
    func sttyOnTerminal(options: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        func ioctlLines(_ tracer: [String]) throws -> [String] {
            let log = Fixtures.directory + "/ioctl-stty-\(getpid())-\(tracer.count)-\(options.joined()).log"
            defer { try? FileManager.default.removeItem(atPath: log) }
            let command = (tracer + options + ["-o", log, "stty", "-a"]).joined(separator: " ")
            let run = try runCommand("/usr/bin/script", ["-qec", command, "/dev/null"])
            #expect(run.status == 0, "\(command): \(run.stdout)")
            return try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
                .filter { $0.hasPrefix("ioctl(") }.map { $0.replacingOccurrences(of: #" +="#, with: " =", options: .regularExpression) }
        }
        let expected = try ioctlLines(["/usr/bin/strace"])
        #expect(expected.contains { $0.contains("TCGETS") && $0.contains("{c_iflag=") }, "\(expected)")
        #expect(try ioctlLines([TestPaths.dunetrace, "-w", "none", "--no-pf"]) == expected)
    }
}
