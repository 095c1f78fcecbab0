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

    /// A fork while other threads hold the descriptor table's or the live text's lock: each
    /// child must end (before, one run in three hung with -o FILE).
    @Test("fork while threads name descriptors: every child ends, with -o FILE and --silent", arguments: [false, true])
    func forkWhileThreads(isStatic: Bool) throws {
        let program = try Fixtures.path("fork_while_threads", static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.stdout == "children that ended: 120 of 120\n")
        let log = Fixtures.directory + "/fork-while-threads-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: log) }
        for round in 0..<3 {
            for mode in [["-o", log, "-w", "none"], ["--silent", "-w", "none"]] {
                let traced = try runCommand(TestPaths.dunetrace, mode + [program])
                #expect(!traced.timedOut, "round \(round) \(mode)")
                #expect(traced.stdout == native.stdout && traced.status == native.status, "round \(round) \(mode): \(traced.stderr)")
            }
        }
    }

    /// Random calls with hostile arguments (fixtures/src/random_calls.c), a child per batch:
    /// the batches that die of a signal are the same natively and traced, and dunetrace says
    /// nothing but its refusals. The first such run found openat2 crashing dunetrace.
    /// FUZZWIDE adds the calls that may wreck the child itself, FUZZTHREADS makes them from three
    /// threads at once: then dunetrace must survive (the first found a killed process exiting 139).
    @Test("random system calls: the same batches die, and dunetrace survives", arguments: ["", "FUZZWIDE=1 ", "FUZZTHREADS=1 "])
    func randomCalls(mode: String) throws {
        let wide = !mode.isEmpty
        let program = try Fixtures.path("random_calls")
        let dir = Fixtures.directory + "/random-calls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for seed in wide ? ["21", "22"] : ["1", "2", "3"] {
            let script = "cd '\(dir)' && exec \"$@\""
            let env = mode
            let native = try runCommand("/bin/sh", ["-c", env + script, "sh", program, seed, "8", "200"], timeout: 60)
            let traced = try runCommand("/bin/sh", ["-c", env + script, "sh", TestPaths.dunetrace, "--silent", "-w", "none", program, seed, "8", "200"], timeout: 300)
            #expect(!traced.timedOut && traced.status == 0 && traced.stdout.hasSuffix("done\n"), "seed \(seed): \(traced.status) \(traced.stderr)")
            if !wide { #expect(traced.stdout == native.stdout, "seed \(seed)") }
            let said = traced.stderr.split(separator: "\n").filter { !$0.hasSuffix("is not in dunetrace's syscall model: refused") }
            #expect(said.isEmpty, "seed \(seed): \(said)")
        }
    }

    /// SIGTSTP then SIGCONT, back to back, to a child computing in ring 3. Before, dunetrace
    /// took the SIGTSTP, and a SIGCONT arriving before its own SIGSTOP was lost: 49 of 200
    /// rounds left the child stopped. It now stops only if no SIGCONT is queued or pending on
    /// the host; what is left is the window between that check and the kill (0 to 2 rounds in
    /// 300 alone, up to 3 in 100 under a loaded test run), hence the allowance, well below the
    /// old quarter.
    @Test("SIGTSTP and SIGCONT back to back leave the child running", arguments: [[String](), ["--no-pf"]])
    func stopThenContinue(mode: [String]) throws {
        let program = try Fixtures.path("stop_cont_race")
        let native = try runCommand(program, ["100"])
        #expect(native.stdout == "rounds that left the child stopped: 0 of 100\n")
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none"] + mode + [program, "100"])
        #expect(!traced.timedOut && traced.status == 0, "\(mode): \(traced.stderr)")
        let stopped = traced.stdout.split(separator: " ").dropFirst(6).first.flatMap { Int($0) }
        #expect(stopped != nil && stopped! <= 8, "\(mode): \(traced.stdout)")
    }

    @Test("fixtures, static and dynamic, default and --no-pf", arguments: ["timerlag", "pagemap", "ltpstyle", "aio_requests", "trunc_mtime", "open_paths", "exit_with_threads", "stop_in_call", "cpu_exceptions", "signal_during_calls", "exec_stack"], [false, true])
    func fixture(name: String, isStatic: Bool) throws {
        let program = try Fixtures.path(name, static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.status == 0, "native run: \(native.stderr)")
        for mode in [[], ["--no-pf"]] {
            let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none"] + mode + [program])
            #expect(!traced.timedOut)
            if Self.stopAfterContinue(name, traced: traced.stdout, native: native.stdout) {
                withKnownIssue("stop_in_call: SIGTSTP and SIGCONT back to back before the child waits in read", isIntermittent: true) {
                    Issue.record("\(mode) \(isStatic ? "static" : "dynamic"): stopped afterwards")
                }
                continue
            }
            #expect(traced.stdout == native.stdout, "\(mode): \(traced.stderr)")
            #expect(traced.status == native.status, "\(mode): \(traced.stderr)")
        }
    }

    /// stop_in_call's last case sends SIGTSTP then SIGCONT at once, 100 ms after its child
    /// said it was about to read. Under a loaded test run the child may not be in its read yet:
    /// dunetrace can then take the SIGTSTP for delivery before the SIGCONT arrives and stop the
    /// process after it (seen once in a full run; the kernel decides both under one lock).
    /// Only that line differing is recorded as a known issue, not a pass.
    static func stopAfterContinue(_ name: String, traced: String, native: String) -> Bool {
        guard name == "stop_in_call" else { return false }
        let t = traced.split(separator: "\n"), n = native.split(separator: "\n")
        let differing = zip(t, n).filter { $0 != $1 }
        return t.count == n.count && differing.count == 1 && differing[0].0 == "SIGTSTP then SIGCONT: stopped afterwards"
    }
}
