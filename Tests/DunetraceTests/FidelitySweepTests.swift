// LTP-style sweeps of whole syscall families (file I/O, locks, xattrs, statx, memfd; rlimits,
// scheduling, signals, timers, eventfd/signalfd/timerfd, epoll/poll/select, waits, prctl, caps,
// futex; signal delivery and restarts, clocks and timers, memory mappings): each fixture prints every result and errno; under dunetrace it must print the same,
// static and dynamic, with and without recorded page faults.
import Foundation
import Testing

@Suite("Syscall family sweeps behave as natively", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct FidelitySweepTests {
    @Test("sweep fixtures, static and dynamic, default and --no-pf", arguments: ["sweep_io", "sweep_proc", "sweep_sig", "sweep_time", "sweep_mem"], [false, true])
    func sweep(name: String, isStatic: Bool) throws {
        let program = try Fixtures.path(name, static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.status == 0 && native.stdout.hasSuffix("done\n"), "native run: \(native.stderr)")
        try expectNativeBehaviour(program, [])
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none", "--no-pf", program])
        #expect(!traced.timedOut)
        let nativeLines = native.stdout.split(separator: "\n"), tracedLines = traced.stdout.split(separator: "\n")
        let differing = zip(nativeLines, tracedLines).filter { $0 != $1 }.map { "native \($0) / traced \($1)" }
        #expect(differing.isEmpty && nativeLines.count == tracedLines.count,
                "--no-pf \(isStatic ? "static" : "dynamic"): \(differing.prefix(20).joined(separator: "\n"))")
        #expect(traced.status == native.status, "--no-pf: \(traced.stderr)")
        #expect(!traced.stderr.contains("Fatal error") && !traced.stderr.contains("internal error"), "\(traced.stderr)")
    }
}
