// add_key, request_key and keyctl (fixtures/src/keyctl_calls.c) as host strace prints them:
// KEY_SPEC_* serials, per-operation arguments, filled buffers, permission masks, structures.
// Masked: the serials the kernel hands out (returns of add_key and KEYCTL_GET_KEYRING_ID, and
// wherever they are passed again) and addresses.
import DunetraceCore
import Foundation
import Testing

@Suite("keyctl decoding, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct KeyctlDecodeTests {
    static let options = ["-e", "signal=none", "-e", "trace=add_key,request_key,keyctl"]

    /// Serials this run was given replaced by `SERIAL`, addresses by `0xADDR`, and the -a
    /// padding their lengths change.
    static func mask(_ text: String) -> String {
        var serials: [String] = []
        for line in text.split(separator: "\n")
        where line.hasPrefix("add_key(") || line.hasPrefix("keyctl(0,") || line.contains("KEYCTL_GET_KEYRING_ID") {
            if let m = line.firstMatch(of: /\) += ([0-9]+)$/) { serials.append(String(m.1)) }
        }
        var masked = text.replacing(/0x[0-9a-f]{5,}/, with: "0xADDR")
        for serial in serials {
            masked = masked.replacing(Regex<Substring>(verbatim: serial), with: "SERIAL")
        }
        return masked.replacing(/\) +=/, with: ") =")
    }

    @Test("live text equals host strace's", arguments: [(true, "abbrev"), (false, "abbrev"), (true, "verbose"), (false, "raw")])
    func keyCalls(isStatic: Bool, style: String) throws {
        let program = try Fixtures.path("keyctl_calls", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/keyctl-strace-\(id).log", ours = Fixtures.directory + "/keyctl-dt-\(id).log"
        defer { for f in [theirs, ours] { try? FileManager.default.removeItem(atPath: f) } }
        let options = Self.options + ["-X", style]
        let s = try runCommand(HostStrace.path, ["-o", theirs] + options + [program])
        let d = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", ours] + options + [program])
        #expect(s.status == 0 && d.status == 0, "\(d.stderr)")
        #expect(s.stdout == d.stdout)
        let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
        // The operations whose decoding this checks reached the kernel and were printed.
        #expect(expected.contains("KEYCTL_DESCRIBE") || expected.contains("0x6 /*") || expected.contains("keyctl(0x6,"))
        #expect(expected.contains("SERIAL"))
        let got = Self.mask(try String(contentsOfFile: ours, encoding: .utf8))
        let difference = zip(got.split(separator: "\n"), expected.split(separator: "\n")).first { $0 != $1 }
        #expect(got == expected, "first difference: \(difference.map { "dunetrace \($0.0) / strace \($0.1)" } ?? "line count")")
    }
}
