// The descriptors of a program's own /proc files (status, maps, numa_maps, pagemap, fdinfo...)
// look like procfs files under dunetrace, as natively: fstat, statx, fstatfs, open flags, the
// name in /proc/self/fd, fdinfo, seals, FIONREAD, and what lseek, write, ftruncate and mmap do.
// Only the contents are the program's own view.
import Foundation
import Testing

@Suite("/proc views are procfs files to the program", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct ProcViewTests {
    @Test("proc_views, static and dynamic, default and --no-pf", arguments: [false, true], [false, true])
    func procViews(isStatic: Bool, noPageFaults: Bool) throws {
        let program = try Fixtures.path("proc_views", static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.status == 0 && native.stdout.hasSuffix("done\n"), "native run: \(native.stderr)")
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none"] + (noPageFaults ? ["--no-pf"] : []) + [program])
        #expect(!traced.timedOut)
        let nativeLines = native.stdout.split(separator: "\n"), tracedLines = traced.stdout.split(separator: "\n")
        let differing = zip(nativeLines, tracedLines).filter { $0 != $1 }.map { "native \($0) / traced \($1)" }
        #expect(differing.isEmpty && nativeLines.count == tracedLines.count,
                "\(isStatic ? "static" : "dynamic") \(noPageFaults ? "--no-pf" : "default"): \(differing.prefix(20).joined(separator: "\n"))")
        #expect(traced.status == native.status, "\(traced.stderr)")
        #expect(!traced.stderr.contains("Fatal error") && !traced.stderr.contains("internal error"), "\(traced.stderr)")
    }
}
