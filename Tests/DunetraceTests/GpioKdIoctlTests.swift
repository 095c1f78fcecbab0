// GPIO (0xB4) and console/keyboard (KD) ioctls: the fixture makes every request strace 6.1
// decodes on a closed descriptor (and a few on /dev/null) with NULL, structures running into
// an unmapped page, zeroed and filled ones; its lines are host strace 6.1's for the same
// program and options, live and replayed from a --silent recording.
import Foundation
import Testing
@testable import DunetraceCore

@Suite("ioctl: GPIO and KD requests as strace prints them, live and replayed",
       .enabled(if: TestPaths.hasKVM && FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs /dev/kvm and strace"))
struct GpioKdIoctlTests {
    /// An injected success shows what a request leaves (`=> {fd=42</dev/zero>}`, a key's value, a font).
    static let optionSets: [[String]] = [[], ["-v"], ["-X", "raw"], ["-X", "verbose"], ["-s", "1024"], ["-x"], ["-y"],
                                         ["-e", "inject=ioctl:retval=42"], ["-v", "-e", "inject=ioctl:retval=42"],
                                         ["-yy", "-e", "inject=ioctl:retval=42"]]

    /// The fixture's ioctl lines, columns and its own addresses (they move with ASLR) masked.
    static func ioctlLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("ioctl(-1") || $0.hasPrefix("ioctl(3") }.map {
            $0.replacingOccurrences(of: #" +="#, with: " =", options: .regularExpression)
                .replacingOccurrences(of: #"0x[0-9a-f]{9,}"#, with: "ADDR", options: .regularExpression)
        }
    }

    @Test("each request fails as natively (EBADF, ENOTTY on /dev/null)", arguments: [false, true])
    func nativeResults(isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path("gpio_kd_ioctls", static: isStatic), [])
    }

    @Test("GPIO_* and KD* requests and their structures as host strace prints them", arguments: optionSets)
    func likeStrace(options: [String]) throws {
        let program = try Fixtures.path("gpio_kd_ioctls")
        let log = Fixtures.directory + "/gpio-kd-\(getpid())-\(options.joined()).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        _ = try runCommand("/usr/bin/strace", ["-e", "trace=ioctl"] + options + ["-o", log, program])
        let expected = Self.ioctlLines(try String(contentsOfFile: log, encoding: .utf8))
        #expect(expected.count > 100, "strace \(options): \(expected)")
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf", "-e", "trace=ioctl"] + options + [program])
        #expect(traced.status == 0, "\(options): \(traced.stderr)")
        let got = Self.ioctlLines(traced.stderr)
        #expect(got.count == expected.count, "\(options): \(got.count) lines, strace \(expected.count)")
        for (line, want) in zip(got, expected) where line != want { #expect(line == want, "\(options)") }
    }

    /// What the driver wrote (here: poked after the call) differs from what it was given: the
    /// structures print as given ` => ` as written. A poke into NULL is no tampering: `(INJECTED)`.
    @Test("a structure changed by the call prints as given, then as written", arguments: [[], ["-v"]])
    func givenThenWritten(options: [String]) throws {
        let program = try Fixtures.path("gpio_kd_ioctls")
        let poke = ["-e", "inject=ioctl:retval=0:poke_exit=@arg3=7f000001"]
        let log = Fixtures.directory + "/gpio-kd-poke-\(getpid())-\(options.joined()).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let lines = Self.ioctlLines
        _ = try runCommand("/usr/bin/strace", ["-e", "trace=ioctl"] + options + poke + ["-o", log, program])
        let expected = lines(try String(contentsOfFile: log, encoding: .utf8))
        #expect(expected.contains { $0.contains("KDKBDREP, {delay=250, period=-33} => {delay=16777343, period=-33}") }, "\(expected)")
        #expect(expected.contains { $0.hasPrefix("ioctl(-1, KDGETLED, NULL) = 0 (INJECTED)") }, "\(expected)")
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf", "-e", "trace=ioctl"] + options + poke + [program])
        let got = lines(traced.stderr)
        #expect(got.count == expected.count, "\(options): \(got.count) lines, strace \(expected.count)")
        for (line, want) in zip(got, expected) where line != want { #expect(line == want, "\(options)") }
    }

    /// The recording takes the options that change what is kept (-s) or what the calls return
    /// (inject=); replay takes the printing ones.
    @Test("a --silent recording replays the live text",
          arguments: [[], ["-v"], ["-y"], ["-X", "verbose"], ["-s", "1024"], ["-e", "inject=ioctl:retval=42"],
                      ["-e", "inject=ioctl:retval=0:poke_exit=@arg3=7f000001"]])
    func replayEqualsLive(options: [String]) throws {
        let program = try Fixtures.path("gpio_kd_ioctls")
        let trace = Fixtures.directory + "/gpio-kd-\(getpid())-\(options.joined()).trace.gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let recordOptions = options.first == "-s" || options.first == "-e" ? options : []
        let live = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf", "-e", "trace=ioctl"] + options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace] + recordOptions + [program])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let replayOptions = options.first == "-e" ? [] : options
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "--no-pf", "-e", "trace=ioctl"] + replayOptions + [trace])
        #expect(replay.status == 0, "\(replay.stderr)")
        let a = Self.ioctlLines(live.stderr), b = Self.ioctlLines(replay.stdout)
        #expect(a.count > 100 && a == b, "\(options): live \(a.count) lines, replay \(b.count); first difference: \(zip(a, b).first { $0 != $1 }.map { "\($0) | \($1)" } ?? "-")")
    }
}
