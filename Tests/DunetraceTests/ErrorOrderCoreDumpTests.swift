// Calls on other processes and unknown commands answer in the kernel's order of checks
// (errorder), and a process killed by a core-dumping signal dumps core as natively: the core
// bit in its parent's wait status and a core file holding its memory, not dunetrace's
// (coredump). Each fixture runs natively and under dunetrace, static and dynamic, default and
// --no-pf; stdout and the exit status must be equal.
import Foundation
import Testing

@Suite("Error order and core dumps as natively", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct ErrorOrderCoreDumpTests {
    private static let modes: [[String]] = [[], ["--no-pf"]]

    @Test("ptrace, setpriority, fcntl, process_madvise, pidfd calls, timers and seccomp strict mode",
          arguments: [false, true])
    func errorOrder(isStatic: Bool) throws {
        let program = try Fixtures.path("errorder", static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.status == 0 && native.stdout.contains("seccomp strict child: signal 9"), "native run: \(native.stderr)")
        for mode in Self.modes {
            let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none"] + mode + [program])
            #expect(!traced.timedOut)
            #expect(traced.status == native.status, "\(mode): \(traced.stderr)")
            let differing = zip(native.stdout.split(separator: "\n"), traced.stdout.split(separator: "\n"))
                .filter { $0 != $1 }.map { "native \($0) / traced \($1)" }
            #expect(differing.isEmpty && native.stdout.count == traced.stdout.count,
                    "\(mode) \(isStatic ? "static" : "dynamic"): \(differing.prefix(20).joined(separator: "\n"))")
        }
    }

    /// A fresh directory for one run's cores (the label names the case: cases run in parallel).
    private func coreDirectory(_ label: String) throws -> String {
        let dir = NSTemporaryDirectory() + "dunetrace-core-\(getpid())-\(label)"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The first core file of `dir`, as the fixture finds it (the name core_pattern gives, in the cwd).
    private func coreFile(in dir: String) -> Data? {
        guard let name = (try? FileManager.default.contentsOfDirectory(atPath: dir))?.first(where: { $0.hasPrefix("core") }) else { return nil }
        return FileManager.default.contents(atPath: dir + "/" + name)
    }

    @Test("forked children killed by signals: core bit and core file with their memory, RLIMIT_CORE 0 and unlimited",
          arguments: [false, true])
    func forkedChildren(isStatic: Bool) throws {
        let program = try Fixtures.path("coredump", static: isStatic)
        let nativeDir = try coreDirectory("native-\(isStatic)")
        defer { try? FileManager.default.removeItem(atPath: nativeDir) }
        let native = try runCommand(program, [nativeDir])
        #expect(native.status == 0 && native.stdout.hasSuffix("done\n"), "native run: \(native.stderr)")
        for (k, mode) in Self.modes.enumerated() {
            let dir = try coreDirectory("traced\(k)-\(isStatic)")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            // An argument only dunetrace holds (past the 80 bytes of the core's psargs): its
            // memory must not be in the target's core.
            let own = dir + "/" + String(repeating: "p", count: 80) + "-dunetrace-own-marker.trace.gz"
            let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", own] + mode + [program, dir])
            #expect(!traced.timedOut)
            #expect(traced.stdout == native.stdout, "\(mode): \(traced.stderr)")
            #expect(traced.status == native.status, "\(mode): \(traced.stderr)")
            if let core = coreFile(in: dir + "/c1-6") {
                #expect(core.range(of: Data("dunetrace-own-marker".utf8)) == nil, "\(mode): dunetrace's memory is in the core")
            }
        }
    }

    @Test("the started target killed by SIGSEGV leaves its core file", arguments: [false, true])
    func startedTarget(isStatic: Bool) throws {
        let program = try Fixtures.path("coredump", static: isStatic)
        let nativeDir = try coreDirectory("native-started-\(isStatic)")
        defer { try? FileManager.default.removeItem(atPath: nativeDir) }
        let native = try runCommand(program, [nativeDir, "crash"])
        #expect(native.status == 128 + SIGSEGV)
        let nativeCore = coreFile(in: nativeDir)
        for (k, mode) in Self.modes.enumerated() {
            let dir = try coreDirectory("traced-started\(k)-\(isStatic)")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none"] + mode + [program, dir, "crash"])
            #expect(traced.status == native.status, "\(mode): \(traced.stderr)")
            let core = coreFile(in: dir)
            #expect((core != nil) == (nativeCore != nil), "\(mode): a core file natively: \(nativeCore != nil)")
            if let core {
                #expect(core.range(of: Data("started-target-marker".utf8)) != nil, "\(mode): the target's memory is not in its core")
                // Its command line (NT_PRPSINFO) is the target's, not dunetrace's.
                #expect(core.range(of: Data("--silent".utf8)) == nil, "\(mode): the core names dunetrace's command line")
            }
        }
    }
}

@Suite("Killed lines as strace's", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct KilledLineTests {
    @Test("+++ killed by +++ shows whatever -q says, live and replayed", arguments: ["-qq", "-qqq"])
    func killedLineUnderQuiet(quiet: String) throws {
        let dir = NSTemporaryDirectory() + "dunetrace-killed-\(getpid())\(quiet)"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let program = ["/bin/sh", "-c", "kill -KILL $$"]
        _ = try runCommand("/usr/bin/strace", [quiet, "-o", dir + "/strace.log", "-e", "trace=none"] + program)
        let traced = try runCommand(TestPaths.dunetrace, [quiet, "-o", dir + "/live.log", "-w", dir + "/t.gz", "-e", "trace=none"] + program)
        #expect(traced.status == 128 + SIGKILL, "\(traced.stderr)")
        let expected = try String(contentsOfFile: dir + "/strace.log", encoding: .utf8)
        #expect(expected.contains("+++ killed by SIGKILL +++"))
        #expect(try String(contentsOfFile: dir + "/live.log", encoding: .utf8) == expected)
        let replayed = try runCommand(TestPaths.dunetrace, ["replay", quiet, dir + "/t.gz"])
        #expect(replayed.stdout + replayed.stderr == expected)
    }

    @Test("signals and deaths of children as strace -f shows them: ignored SIGCHLD, CLD_DUMPED, (core dumped)")
    func childrenSignalsAsStrace() throws {
        let program = try Fixtures.path("coredump", static: false)
        let base = NSTemporaryDirectory() + "dunetrace-children-\(getpid())"
        try? FileManager.default.removeItem(atPath: base)
        for sub in ["strace", "traced"] { try FileManager.default.createDirectory(atPath: base + "/" + sub, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(atPath: base) }
        _ = try runCommand("/usr/bin/strace", ["-f", "-o", base + "/strace.log", "-e", "trace=none", program, base + "/strace"])
        _ = try runCommand(TestPaths.dunetrace, ["-f", "-o", base + "/live.log", "-w", "none", "-e", "trace=none", program, base + "/traced"])
        // Pids and the children's CPU times differ from run to run (and pids wrap at pid_max, so
        // the `%-5u ` leader's padding differs with them); started by a test runner, strace's
        // children get a SIGCONT from outside the program (not the program's).
        func normalized(_ path: String) throws -> [String] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.contains("--- SIGCONT {") }.map { line in
                var l = String(line.drop(while: { $0.isNumber }).drop(while: { $0 == " " }))
                for field in ["si_pid=", "si_utime=", "si_stime="] {
                    // A clock_t's seconds comment goes with its value (`12 /* 0.12 s */`).
                    while let r = l.range(of: field + "\\d+( /\\* [0-9.]+ s \\*/)?", options: .regularExpression) { l.replaceSubrange(r, with: field + "N") }
                }
                return l
            }
        }
        let expected = try normalized(base + "/strace.log")
        #expect(expected.contains { $0.contains("+++ killed by SIGABRT") }, "\(expected.prefix(8))")
        let live = try normalized(base + "/live.log")
        let differing = zip(expected, live).filter { $0 != $1 }.map { "strace \($0) / dunetrace \($1)" }
        #expect(live == expected, "\(differing.prefix(6).joined(separator: "\n")) \(expected.count) vs \(live.count) lines")
    }
}
