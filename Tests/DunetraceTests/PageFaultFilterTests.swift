// -e trace=SET and page-fault lines: an explicit set shows the calls it names alone, as strace's
// does, unless it holds %pf (or all); the faults are recorded whatever the set.
import Foundation
import Testing

@Suite("-e trace= and page-fault lines", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct PageFaultFilterTests {
    @Test("page-fault lines: shown by default, with trace=all and with %pf; not with trace=close; always recorded",
          arguments: [([], true), (["-e", "trace=all"], true), (["-e", "trace=close"], false),
                      (["-e", "trace=close,%pf"], true), (["-e", "trace=!close"], true), (["-e", "trace=%pf"], true)])
    func faults(options: [String], shown: Bool) throws {
        let program = try Fixtures.path("exitcode")
        let live = Fixtures.directory + "/pffilter-\(options.joined()).txt"
        let trace = Fixtures.directory + "/pffilter-\(options.joined()).gz"
        defer { try? FileManager.default.removeItem(atPath: live); try? FileManager.default.removeItem(atPath: trace) }
        _ = try runCommand(TestPaths.dunetrace, ["-o", live, "-w", trace] + options + [program])
        let text = try String(contentsOfFile: live, encoding: .utf8)
        #expect(text.contains("--- #PF {") == shown, "\(text.prefix(400))")
        if options == ["-e", "trace=close"] { #expect(!text.contains("brk(")) }
        // The recording keeps the faults: replay with trace=all shows them.
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "-e", "trace=all", trace])
        #expect(replay.stdout.contains("--- #PF {"))
    }
}
