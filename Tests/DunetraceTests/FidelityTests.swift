// System calls with bad arguments and the kernel's behaviour programs test for: each fixture
// runs natively and under dunetrace (default and --no-pf, static and dynamic); stdout and the
// exit status must be equal. badargs calls every safe system call with bad descriptors,
// pointers, lengths and flags, and pairs of them, so the kernel's order of checks decides.
import Foundation
import Testing

@Suite("System calls behave as natively", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct FidelityTests {
    @Test("bad arguments, static and dynamic, default and --no-pf", arguments: ["badargs"], [false, true])
    func badArguments(name: String, isStatic: Bool) throws {
        let program = try Fixtures.path(name, static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.status == 0 && native.stdout.hasSuffix("done\n"), "native run: \(native.stderr)")
        for mode in [[], ["--no-pf"]] {
            let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none"] + mode + [program])
            #expect(!traced.timedOut)
            #expect(traced.status == native.status, "\(mode): \(traced.stderr)")
            let nativeLines = native.stdout.split(separator: "\n"), tracedLines = traced.stdout.split(separator: "\n")
            // Only the lines that differ, so a failure says which calls.
            let differing = zip(nativeLines, tracedLines).filter { $0 != $1 }.map { "native \($0) / traced \($1)" }
            #expect(differing.isEmpty && nativeLines.count == tracedLines.count,
                    "\(mode) \(isStatic ? "static" : "dynamic"): \(differing.prefix(20).joined(separator: "\n"))")
        }
    }

    @Test("fixtures, static and dynamic, default and --no-pf", arguments: ["timerlag", "pagemap", "ltpstyle", "aio_requests", "trunc_mtime", "open_paths", "exit_with_threads", "stop_in_call", "cpu_exceptions"], [false, true])
    func fixture(name: String, isStatic: Bool) throws {
        let program = try Fixtures.path(name, static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.status == 0, "native run: \(native.stderr)")
        for mode in [[], ["--no-pf"]] {
            let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none"] + mode + [program])
            #expect(!traced.timedOut)
            #expect(traced.stdout == native.stdout, "\(mode): \(traced.stderr)")
            #expect(traced.status == native.status, "\(mode): \(traced.stderr)")
        }
    }
}
