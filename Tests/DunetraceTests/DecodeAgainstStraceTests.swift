// Calls strace 6.1 prints by rules of its own (fixtures/src/decode_calls.c): value-result
// lengths `[110 => 24]`, prctl/arch_prctl options, quotactl's QCMD, syslog's console level,
// openat2's bytes past struct open_how, flags of newer calls. dunetrace's live text, and the
// replay of a --silent recording, against host strace's for the same program; only addresses
// (which differ from run to run) are masked.
import DunetraceCore
import Foundation
import Testing

@Suite("strace's own decoding rules, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct DecodeAgainstStraceTests {
    static let options = ["-e", "signal=none", "-e",
                          "trace=accept,getsockname,getsockopt,setsockopt,prctl,arch_prctl,quotactl,syslog,openat2,pidfd_open,"
                          + "kcmp,landlock_create_ruleset,seccomp,timer_create,sendfile"]

    /// Addresses masked, and the -a padding before ` = ` that their lengths change.
    static func maskAddresses(_ text: String) -> String {
        text.replacing(/0x[0-9a-f]{5,}/, with: "0xADDR").replacing(/\) +=/, with: ") =")
    }

    @Test("live text and a --silent recording's replay print what host strace prints", arguments: [true, false])
    func decodeCalls(isStatic: Bool) throws {
        let program = try Fixtures.path("decode_calls", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/decode-strace-\(id).log", ours = Fixtures.directory + "/decode-dt-\(id).log"
        let replayed = Fixtures.directory + "/decode-replay-\(id).log", trace = Fixtures.directory + "/decode-\(id).trace.gz"
        defer { for f in [theirs, ours, replayed, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + Self.options + [program])
        let d = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", ours] + Self.options + [program])
        #expect(s.status == 0 && d.status == 0, "\(d.stderr)")
        let expected = Self.maskAddresses(try String(contentsOfFile: theirs, encoding: .utf8))
        #expect(expected.contains("[110 => ") && expected.contains("[0] => [5]"))
        #expect(Self.maskAddresses(try String(contentsOfFile: ours, encoding: .utf8)) == expected)

        let r = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(r.status == 0, "\(r.stderr)")
        let p = try runCommand(TestPaths.dunetrace, ["replay", "-o", replayed] + Self.options + [trace])
        #expect(p.status == 0, "\(p.stderr)")
        #expect(Self.maskAddresses(try String(contentsOfFile: replayed, encoding: .utf8)) == expected)
    }
}
