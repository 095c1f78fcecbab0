// --no-pf maps the target with 2 MiB guest pages where it can; a later change over part of
// one (mprotect, munmap, mremap, a forked child's copy) splits it first, so the program sees
// exactly what it would natively.
import Foundation
import Testing

@Suite("Large pages (--no-pf)", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct LargePageTests {
    /// The counts of --stats' "guest page mappings: L x 2 MiB, S x 4 KiB, P 2 MiB split" line.
    func mappings(in stderr: String) -> (large: Int, small: Int, splits: Int)? {
        guard let line = stderr.split(separator: "\n").first(where: { $0.contains("guest page mappings: ") }) else { return nil }
        let fields = line[line.range(of: "guest page mappings: ")!.upperBound...].split(separator: ",")
        let numbers = fields.compactMap { Int($0.split(separator: " ").first ?? "") }
        guard numbers.count == 3 else { return nil }
        return (numbers[0], numbers[1], numbers[2])
    }

    @Test("4 KiB changes inside 2 MiB pages: SEGV_ACCERR/MAPERR where native, neighbours intact", arguments: [false, true])
    func changesInsideLargePages(isStatic: Bool) throws {
        let program = try Fixtures.path("largepages", static: isStatic)
        let native = try runCommand(program, [])
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "--no-pf", "--stats", program])
        #expect(native.status == 0)
        #expect(traced.status == native.status, "\(traced.stderr.suffix(500))")
        #expect(traced.stdout == native.stdout)
        #expect(traced.stdout.contains("write to it: SIGSEGV SEGV_ACCERR at base+0x100000\n"))
        guard let counts = mappings(in: traced.stderr) else {
            Issue.record("no mapping counts in --stats: \(traced.stderr.suffix(500))")
            return
        }
        // The 64 MiB mapping alone holds 31 aligned 2 MiB; the mprotect, the munmap and the
        // mremap each cut into one.
        #expect(counts.large >= 31, "\(counts)")
        #expect(counts.splits >= 3, "\(counts)")
        #expect(!traced.stderr.contains("refused"))
    }

    @Test("page faults recorded: 4 KiB pages only, one per first touch")
    func lazyMappingHasNoLargePages() throws {
        let r = try runCommand(TestPaths.dunetrace, ["--silent", "--stats", try Fixtures.path("pages")])
        #expect(r.status == 0)
        let counts = mappings(in: r.stderr)
        #expect(counts?.large == 0 && counts?.splits == 0, "\(r.stderr.suffix(500))")
        #expect((counts?.small ?? 0) > 0)
    }

    @Test("real programs under --no-pf", arguments: [
        ["/bin/sh", "-c", "ls / | wc -l"],
        ["/usr/bin/python3", "-c", "import os; b = bytearray(64 << 20); b[-1] = 1; print(sum(b), len(os.listdir('/')))"],
    ])
    func realPrograms(_ command: [String]) throws {
        let native = try runCommand(command[0], Array(command.dropFirst()))
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "--no-pf", "--"] + command)
        #expect(traced.stdout == native.stdout)
        #expect(traced.status == native.status, "\(traced.stderr.suffix(500))")
    }
}
