// The new mount API (fixtures/src/mount_api_calls.c) as host strace prints it: fsconfig's key,
// value and aux by command, move_mount/fsmount/mount_setattr flags by name, struct mount_attr,
// -P's rules for fsconfig; and replay of a --silent recording prints what the live run did.
// Masked: addresses of mappings (they differ between runs) and the -a padding they change.
import DunetraceCore
import Foundation
import Testing

@Suite("mount API decoding, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct MountApiDecodeTests {
    static let calls = ["-e", "trace=fsopen,fsconfig,fsmount,fspick,move_mount,mount_setattr,open_tree", "-e", "signal=none"]

    static func mask(_ text: String) -> String {
        text.replacing(/0x[0-9a-f]{9,}/, with: "0xADDR").replacing(/\) +=/, with: ") =")
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        zip(a.split(separator: "\n"), b.split(separator: "\n")).first { $0 != $1 }.map { "dunetrace \($0.0) / strace \($0.1)" } ?? "line count"
    }

    @Test("live text equals host strace's", arguments: [
        (true, ["-y", "-s300"]), (false, ["-y", "-s300"]), (false, ["-X", "verbose", "-y"]), (true, ["-X", "raw"]),
        (false, ["-y", "-P", "/dev/full"]),
    ])
    func liveText(isStatic: Bool, options: [String]) throws {
        let program = try Fixtures.path("mount_api_calls", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/mountapi-strace-\(id).log", ours = Fixtures.directory + "/mountapi-dt-\(id).log"
        defer { for f in [theirs, ours] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + Self.calls + options + [program])
        let d = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", ours] + Self.calls + options + [program])
        #expect(s.status == 0 && d.status == 0, "\(d.stderr)")
        #expect(s.stdout == d.stdout)
        let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
        // The calls this checks reached the kernel and strace printed them.
        #expect(expected.contains("mount_setattr(") && expected.contains("fsconfig("))
        let got = Self.mask(try String(contentsOfFile: ours, encoding: .utf8))
        #expect(got == expected, "first difference: \(Self.firstDifference(got, expected))")
    }

    @Test("a --silent recording replays as the live run printed", arguments: [["-y"], ["-y", "-P", "/dev/full"], ["-X", "verbose"]])
    func replayEqualsLive(options: [String]) throws {
        let program = try Fixtures.path("mount_api_calls")
        let id = UUID().uuidString
        let trace = Fixtures.directory + "/mountapi-\(id).gz"
        let live = Fixtures.directory + "/mountapi-live-\(id).log", replayed = Fixtures.directory + "/mountapi-replay-\(id).log"
        defer { for f in [trace, live, replayed] { try? FileManager.default.removeItem(atPath: f) } }
        let r = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(r.status == 0, "\(r.stderr)")
        let p = try runCommand(TestPaths.dunetrace, ["replay", "-o", replayed] + Self.calls + options + [trace])
        #expect(p.status == 0, "\(p.stderr)")
        let l = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", live] + Self.calls + options + [program])
        #expect(l.status == 0, "\(l.stderr)")
        let liveText = Self.mask(try String(contentsOfFile: live, encoding: .utf8))
        let replayText = Self.mask(try String(contentsOfFile: replayed, encoding: .utf8))
        // What only the captures can show: a structure's bytes past its first version.
        if !options.contains("-P") { #expect(liveText.contains("/* bytes 32..39 */")) }
        #expect(replayText == liveText, "first difference: \(Self.firstDifference(replayText, liveText))")
    }
}
