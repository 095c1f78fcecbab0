// The NUMA memory policy calls (fixtures/src/numa_calls.c), which strace prints by rules of
// its own: dunetrace's live text and a --silent recording's replay against host strace's, in
// each -X style. Only heap and mapping addresses are masked.
import DunetraceCore
import Foundation
import Testing

@Suite("NUMA policy calls, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct NumaDecodeTests {
    static let trace = ["-e", "signal=none", "-e", "trace=set_mempolicy,get_mempolicy,mbind,migrate_pages,move_pages"]

    static func mask(_ text: String) -> String {
        maskUserAddresses(text).replacing(/\) +=/, with: ") =")
    }

    @Test("live and replay print what strace prints", arguments: [[], ["-X", "raw"], ["-X", "verbose"]], [false, true])
    func numaCalls(style: [String], isStatic: Bool) throws {
        let program = try Fixtures.path("numa_calls", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/numa-strace-\(id).log", trace = Fixtures.directory + "/numa-\(id).trace.gz"
        defer { for f in [theirs, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + Self.trace + style + [program])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + Self.trace + style + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(s.status == 0 && live.status == 0 && recorded.status == 0, "\(live.stderr) \(recorded.stderr)")
        let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
        // What this checks was decoded by strace, not printed as addresses.
        #expect(expected.contains("move_pages(0, 0, [], [], [],") && expected.contains("mbind(0xADDR, 4096, 0xffffffff00000000"))
        #expect(Self.mask(live.stderr) == expected, "live:\n\(live.stderr)\nstrace:\n\(expected)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay"] + Self.trace + style + [trace])
        #expect(Self.mask(replay.stdout) == expected, "replay:\n\(replay.stdout)\nstrace:\n\(expected)")
    }
}
