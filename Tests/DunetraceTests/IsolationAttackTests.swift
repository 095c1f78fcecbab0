// More attacks on the wall between the target and dunetrace (issue 10), each a small C
// program that prints what it reached: range calls aimed at dunetrace's own pages, and
// dunetrace's descriptors reached by number or through /proc/self/fd paths. Each must fail as
// natively (where nothing is at that address or number), leave dunetrace's memory and
// mappings as they were, and let dunetrace finish its trace.
import DunetraceCore
import Foundation
import Glibc
import Testing

@Suite("Attacks on dunetrace's pages and descriptors", .serialized, .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct IsolationAttackTests {
    /// A page of this (tracer) process with known bytes, alone in its own mapping.
    final class Page: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<UInt8>
        init() {
            let p = mmap(nil, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
            pointer = p.assumingMemoryBound(to: UInt8.self) + 4096
            for i in 0..<4096 { pointer[i] = UInt8(0x30 + i % 10) }
        }
        var address: String { String(UInt(bitPattern: pointer), radix: 16) }
        var intact: Bool { (0..<4096).allSatisfy { pointer[$0] == UInt8(0x30 + $0 % 10) } }
        /// Lines of this process's maps and numa_maps about the page: a mapping that begins or
        /// ends at it (something split it), a name or a memory policy something gave it.
        var changes: [String] {
            let a = UInt(bitPattern: pointer)
            let names = [String(a, radix: 16), String(a + 4096, radix: 16)]
            let maps = ((try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? "").split(separator: "\n")
            let numa = ((try? String(contentsOfFile: "/proc/self/numa_maps", encoding: .utf8)) ?? "").split(separator: "\n")
            return (maps + numa).filter { line in
                line.contains("attack-named") || names.contains { line.hasPrefix($0 + " ") || line.hasPrefix($0 + "-") || line.contains("-" + $0 + " ") }
            }.map(String.init)
        }
        deinit { munmap(pointer - 4096, 3 * 4096) }
    }

    func trace(_ program: String, _ args: [String], output: String) throws -> TargetExit {
        var options = TraceOptions()
        options.outputFD = nil
        let tracer = try Tracer(options: options)
        let fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        // The program's stdout goes to `output`: it is this process's, so swapped for the run.
        let saved = dup(1)
        dup2(fd, 1)
        defer { dup2(saved, 1); close(saved) }
        return try tracer.run(program: program, arguments: args)
    }

    /// The tracer runs inside the test process and its target attacks this process's pages: in
    /// the whole parallel run the test process died of SIGSEGV once during it, so these run on
    /// their own (.ci/run: `DUNETRACE_ALONE=1 swift test --filter IsolationAttackTests`).
    static let alone = ProcessInfo.processInfo.environment["DUNETRACE_ALONE"] == "1"

    @Test("range calls on a dunetrace page (PR_SET_VMA, mbind, madvise, process_madvise, mremap...) answer as for an unmapped page and leave it as it was",
          .enabled(if: alone, "runs the tracer in this process: run alone with DUNETRACE_ALONE=1 (.ci/run does)"),
          arguments: [false, true])
    func rangeCalls(isStatic: Bool) throws {
        let program = try Fixtures.path("attack_ranges", static: isStatic)
        let page = Page()
        let output = Fixtures.directory + "/attack_ranges-\(isStatic).txt"
        #expect(try trace(program, [page.address], output: output) == .exited(0))
        let traced = try String(contentsOfFile: output, encoding: .utf8)
        // Natively an address no one has mapped.
        let native = try runCommand(program, ["7fff00000000"])
        #expect(traced == native.stdout, "\(traced)")
        #expect(page.intact)
        #expect(page.changes.isEmpty, "\(page.changes)")
    }

    @Test("mappings placed over a dunetrace page (mremap, MAP_FIXED, shmat) fail and leave it as it was",
          .enabled(if: alone, "runs the tracer in this process: run alone with DUNETRACE_ALONE=1 (.ci/run does)"),
          arguments: [false, true])
    func mappingsOnto(isStatic: Bool) throws {
        let program = try Fixtures.path("attack_ranges", static: isStatic)
        let page = Page()
        let output = Fixtures.directory + "/attack_onto-\(isStatic).txt"
        #expect(try trace(program, [page.address, "onto"], output: output) == .exited(0))
        let traced = try String(contentsOfFile: output, encoding: .utf8)
        #expect(!traced.contains("moved") && !traced.contains("mapped") && !traced.contains("attached"), "\(traced)")
        #expect(page.intact)
        #expect(page.changes.isEmpty, "\(page.changes)")
    }

    @Test("dunetrace's descriptors answer to no number and no /proc/self/fd path: stat, readlink, access, xattrs, inotify, utimensat, name_to_handle_at, linkat, chdir",
          arguments: [false, true])
    func descriptors(isStatic: Bool) throws {
        let program = try Fixtures.path("attack_fds", static: isStatic)
        let trace = Fixtures.directory + "/attack_fds-\(isStatic).gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace, program])
        let native = try runCommand(program, [])
        // Nothing answers natively; the program's own descriptor does, through the same paths.
        #expect(native.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix(": 0") || $0.hasPrefix("own: ") }, "\(native.stdout)")
        #expect(native.stdout.contains("own: stat same file: yes\nown: access: yes\nown: fdinfo: opened\n"), "\(native.stdout)")
        #expect(traced.stdout == native.stdout && traced.status == native.status, "\(traced.stdout) \(traced.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0 && replay.stdout.hasSuffix("+++ exited with 0 +++\n"), "\(replay.stderr)")
    }

    // Run by the command (not in this process, whose other threads take signals too): the
    // address is one the target does not have, as a page of dunetrace's is not.
    @Test("a signal frame aimed at memory the target does not have (alternate stack, stack pointer, restorer, rt_sigreturn's frame) is SIGSEGV as natively",
          arguments: ["altstack", "stack", "restorer", "context"])
    func signalFrames(way: String) throws {
        let program = try Fixtures.path("attack_signals", static: true)
        let native = try runCommand(program, ["7fff00000000", way])
        #expect(native.status == 128 + SIGSEGV)
        try expectNativeBehaviour(program, ["7fff00000000", way])
    }
    @Test("paths that reach dunetrace's descriptors or executable only through a symlink or a dirfd (l -> p/N, p -> /proc/self/fd; readlinkat on /proc/self/fd and /proc/self; symlinks to /proc/self/exe) answer as natively",
          arguments: [false, true])
    func symlinkedPaths(isStatic: Bool) throws {
        let program = try Fixtures.path("attack_paths", static: isStatic)
        let trace = Fixtures.directory + "/attack_paths-\(isStatic).gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let native = try runCommand(program, ["links"])
        #expect(native.status == 0 && native.stdout.contains("symlink stat found: 0\n") && !native.stdout.contains(": no"), "\(native.stdout)")
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace, program, "links"])
        #expect(traced.stdout == native.stdout && traced.status == native.status, "\(traced.stdout) \(traced.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0 && replay.stdout.hasSuffix("+++ exited with 0 +++\n"), "\(replay.stderr)")
    }

    @Test("a directory of the path swapped for a symlink to /proc/self/fd by another thread, between the guard's look and the call, reaches nothing of dunetrace")
    func swappedDirectory() throws {
        let program = try Fixtures.path("attack_paths", static: true)
        let native = try runCommand(program, ["race", "60"])
        #expect(native.stdout == "race stat/readlink reached: 0\nrace open reached: 0\n", "\(native.stdout)")
        try expectNativeBehaviour(program, ["race", "60"])
    }

    @Test("calls that take a path without a descriptor form (truncate, utime, xattrs, inotify_add_watch, chroot, statfs, mkdir/mknod/symlink under it, open_tree, O_TRUNC opens) reach none of dunetrace's descriptors through /proc/self/fd/N",
          arguments: [false, true], ["", "--no-pf"])
    func pathCalls(isStatic: Bool, flag: String) throws {
        let program = try Fixtures.path("attack_pathcalls", static: isStatic)
        let trace = Fixtures.directory + "/attack_pathcalls-\(isStatic)\(flag).gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let native = try runCommand(program, ["calls"])
        #expect(native.status == 0 && native.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix(": 0") }, "\(native.stdout)")
        let traced = try runCommand(TestPaths.dunetrace, ["--silent"] + (flag.isEmpty ? [] : [flag]) + ["-w", trace, program, "calls"])
        #expect(traced.stdout == native.stdout && traced.status == native.status, "\(traced.stdout) \(traced.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0 && replay.stdout.hasSuffix("+++ exited with 0 +++\n"), "\(replay.stderr)")
    }

    @Test("a directory of the path swapped for a symlink to /proc/self/fd while truncate, utime, setxattr, inotify_add_watch and an O_TRUNC open run: only the file of the directory is reached, the trace stays whole",
          arguments: [false, true])
    func swappedDirectoryPathCalls(isStatic: Bool) throws {
        let program = try Fixtures.path("attack_pathcalls", static: isStatic)
        let trace = Fixtures.directory + "/attack_pathcalls-race-\(isStatic).gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let native = try runCommand(program, ["race", "20"])
        #expect(native.status == 0 && native.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix(": 0") }, "\(native.stdout)")
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace, program, "race", "20"], timeout: 300)
        #expect(traced.stdout == native.stdout && traced.status == native.status, "\(traced.stdout) \(traced.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0 && replay.stdout.hasSuffix("+++ exited with 0 +++\n"), "\(replay.stderr)")
    }

    @Test("descriptor numbers around dunetrace's range (F_DUPFD from just below it, dup2/dup3 onto it, fcntl on it, close_range across it, pidfd_getfd, opening up to the limit) answer as natively, under the inherited limit, a small one and a raised one",
          arguments: [false, true], ["inherited", "small", "raised"])
    func descriptorNumbers(isStatic: Bool, mode: String) throws {
        let program = try Fixtures.path("attack_fdnumbers", static: isStatic)
        let native = try runCommand(program, [mode])
        #expect(native.status == 0 && !native.stdout.contains("foreign 1"), "\(native.stdout)")
        for flag in [[], ["--no-pf"]] {
            let traced = try runCommand(TestPaths.dunetrace, ["--silent"] + flag + [program, mode])
            #expect(traced.stdout == native.stdout && traced.status == native.status, "\(flag) \(traced.stdout) \(traced.stderr)")
        }
    }

    @Test("a 1 us signal timer (setitimer, timer_create) does not keep SIGTERM sent from outside from ending the program at once",
          arguments: ["itimer", "posix"])
    func signalStorm(way: String) throws {
        let program = try Fixtures.path("attack_alarm", static: true)
        // sh starts it, sends SIGTERM from outside once the timer runs, and says how it ended.
        let script = #"""
            "$@" > /dev/null & p=$!
            (sleep 20; kill -KILL $p) > /dev/null 2>&1 &
            sleep 1
            kill -TERM $p
            wait $p
            echo $?
            """#
        let native = try runCommand("/bin/sh", ["-c", script, "sh", program, way], timeout: 30)
        #expect(native.stdout == "143\n" && !native.timedOut, "\(native)")
        let traced = try runCommand("/bin/sh", ["-c", script, "sh", TestPaths.dunetrace, "--silent", program, way], timeout: 30)
        #expect(traced.stdout == native.stdout && !traced.timedOut, "\(traced)")
    }

    @Test("fault signals a program sends itself with a fault's si_code (rt_sigqueueinfo) reach its handlers, and the last kills it as natively, with a whole trace",
          arguments: [false, true])
    func selfSentFaultSignals(isStatic: Bool) throws {
        let program = try Fixtures.path("attack_fault_signal", static: isStatic)
        let trace = Fixtures.directory + "/attack_fault_signal-\(isStatic).gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let native = try runCommand(program, [])
        #expect(native.status == 128 + SIGSEGV && native.stdout.contains("handler 5 code 1 addr 0x1008\n"), "\(native.stdout)")
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace, program])
        #expect(traced.stdout == native.stdout && traced.status == native.status, "\(traced.stdout) \(traced.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "--no-pf", trace])
        #expect(replay.status == 0 && replay.stderr.isEmpty, "\(replay.stderr)")
        #expect(replay.stdout.hasSuffix("--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0x1008} ---\n+++ killed by SIGSEGV +++\n"), "\(replay.stdout)")
    }
}
