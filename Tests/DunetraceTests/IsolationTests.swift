// The target must not be able to read or write dunetrace's memory, neither by touching it
// (it gets SIGSEGV, as a native program touching unmapped memory) nor through a system call
// that dunetrace runs on its behalf (it gets EFAULT). The addresses come from dunetrace
// itself: the tracer runs in this test process, so this process's memory is the tracer's.
import DunetraceCore
import Foundation
import Testing

@Suite("The target cannot reach dunetrace's memory", .serialized, .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct IsolationTests {
    /// A buffer of this (tracer) process, with a recognisable secret in it.
    final class Secret: @unchecked Sendable {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
        init() { for i in 0..<4096 { pointer[i] = UInt8(0x30 + i % 10) } }
        var address: String { String(UInt(bitPattern: pointer), radix: 16) }
        var intact: Bool { (0..<4096).allSatisfy { pointer[$0] == UInt8(0x30 + $0 % 10) } }
        deinit { pointer.deallocate() }
    }

    func trace(_ args: [String]) throws -> TargetExit {
        var options = TraceOptions()
        options.outputFD = nil
        let tracer = try Tracer(options: options)
        return try tracer.run(program: try Fixtures.path("touch_tracer"), arguments: args)
    }

    @Test("reading or writing tracer memory is SIGSEGV, and the tracer survives", arguments: ["read", "write"])
    func touch(way: String) throws {
        let secret = Secret()
        #expect(try trace([secret.address, way]) == .killed(signal: SIGSEGV))
        #expect(secret.intact)
        // dunetrace's own system area (its IDT, GDT and ring-0 stacks) is just as unreachable.
        var options = TraceOptions()
        options.outputFD = nil
        let tracer = try Tracer(options: options)
        let sys = String(tracer.systemAreaAddress, radix: 16)
        #expect(try tracer.run(program: try Fixtures.path("touch_tracer"), arguments: [sys, way]) == .killed(signal: SIGSEGV))
    }

    @Test("a system call pointed at tracer memory fails with EFAULT", arguments: ["syscall-write", "syscall-read", "vm-read", "vm-write", "move-pages"])
    func syscallPointer(way: String) throws {
        let secret = Secret()
        let report = Fixtures.directory + "/isolation-\(way).txt"
        #expect(try trace([secret.address, way, report]) == .exited(0))
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains("result -1 errno EFAULT"))
        #expect(!text.contains("0123456789"))
        #expect(secret.intact)
    }

    @Test("natively the same addresses are simply unmapped")
    func nativeReference() throws {
        let r = try runCommand(try Fixtures.path("touch_tracer"), ["7fff00000000", "read"])
        #expect(r.status == 128 + SIGSEGV)
    }

    @Test("an `out` to the syscall port outside the trampoline is SIGSEGV, as natively, never a syscall",
          arguments: [false, true])
    func ioPort(isStatic: Bool) throws {
        let program = try Fixtures.path("ioport", static: isStatic)
        #expect(try runCommand(program, []).stdout.contains("faults: 2"))
        try expectNativeBehaviour(program, [])
    }

    @Test("dunetrace's own host threads (compressor, KVM worker) and footprint are invisible: /proc/self/task, tgkill, getpriority, status, stat, statm",
          arguments: [false, true])
    func ownHostThreads(isStatic: Bool) throws {
        let program = try Fixtures.path("hostthreads", static: isStatic)
        // With a trace file the compressor thread runs too.
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent("hostthreads-\(isStatic).gz").path
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace, program])
        let native = try runCommand(program, [])
        #expect(traced.stdout == native.stdout)
        #expect(traced.stdout.contains("other threads listed: 0, reachable by tgkill: 0"), "\(traced.stdout)")
        try expectNativeBehaviour(program, [])
    }

    @Test("range calls (mincore, mlock, munlock, msync, get_mempolicy) neither find nor touch dunetrace's memory: the kernel's answer for unmapped ranges",
          arguments: [false, true])
    func rangeScan(isStatic: Bool) throws {
        let program = try Fixtures.path("rangescan", static: isStatic)
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none", program])
        #expect(traced.stdout.contains("mappings the program does not have: 0"), "\(traced.stdout)")
        try expectNativeBehaviour(program, [])
    }

    @Test("after chroot (a /proc/self dirfd kept, or a procfs of its own mounted in the jail) /proc still shows the target, and mem is refused",
          arguments: [false, true])
    func procAfterChroot(isStatic: Bool) throws {
        guard getuid() == 0 else { return }  // chroot and mount need root; CI and this machine run as root
        let program = try Fixtures.path("chrootproc", static: isStatic)
        let tracer = URL(fileURLWithPath: TestPaths.dunetrace).resolvingSymlinksInPath().path
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none", program, tracer])
        #expect(traced.stdout == """
            dirfd kept across chroot: maps read, names the tracer: no; mem Permission denied
            own procfs in the jail: maps read, names the tracer: no; mem Permission denied

            """, "\(traced.stdout)")
    }

    @Test("perf_event_open may count the target's process but not sample it: samples would show dunetrace's code and stack",
          arguments: [false, true])
    func perfSampling(isStatic: Bool) throws {
        let program = try Fixtures.path("perfsample", static: isStatic)
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none", program])
        let native = try runCommand(program, [])
        #expect(traced.stdout.hasPrefix(native.stdout.split(separator: "\n").first.map { $0 + "\n" } ?? ""), "\(traced.stdout)")
        #expect(traced.stdout.contains("sampling: Permission denied") || traced.stdout.contains("outside the program's mappings: 0"),
                "\(traced.stdout)")
    }

    /// The attack found dunetrace's code or heap by where MAP_FIXED_NOREPLACE fails, placed an
    /// image 64 KiB below it and grew brk over it: dunetrace's glibc then aborted on the 'A's
    /// written there, or its code was replaced (SIGSEGV). brk now claims the host's memory first.
    @Test("brk grown from an image placed just below dunetrace's code or heap is refused; nothing of dunetrace's is overwritten",
          arguments: [2, 3])
    func brkOverTracer(region: Int) throws {
        let program = try Fixtures.path("attack_brk_over_tracer")
        let dir = Fixtures.directory + "/attack-brk-\(region)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let trace = dir + "/trace.gz"
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace, program, String(region), dir], timeout: 120)
        #expect(traced.stdout.hasPrefix("region \(region) found=1\n"), "the attack did not find its region: \(traced.stdout)")
        #expect(!traced.stdout.contains("brk grew over R"), "\(traced.stdout) \(traced.stderr)")
        // Refused (2), or the image could not be placed below dunetrace's memory at all: the
        // target's SIGSEGV after the exec, as the kernel's when an image cannot be mapped.
        #expect(traced.status == 2 || traced.status == 128 + SIGSEGV, "\(traced.status) \(traced.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0 && replay.stderr.isEmpty, "\(replay.stderr)")
        #expect(replay.stdout.hasSuffix(traced.status == 2 ? "+++ exited with 2 +++\n" : "+++ killed by SIGSEGV +++\n"), "\(replay.stdout.suffix(300))")
    }

    /// Natively, as root, a raw tracepoint program reads its own registers and stack; under
    /// dunetrace it would read dunetrace's (found in one of the attack's runs before the wall).
    @Test("bpf programs that would run in dunetrace's own calls (raw tracepoint, tracepoint, kprobe, perf event, syscall) are EPERM; a socket filter loads",
          arguments: [false, true])
    func bpfTracingPrograms(isStatic: Bool) throws {
        let program = try Fixtures.path("attack_bpf_tracing", static: isStatic)
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none", program])
        #expect(traced.status == 0, "\(traced.stderr)")
        #expect(traced.stdout == """
            tracepoint: EPERM
            kprobe: EPERM
            perf_event: EPERM
            syscall: EPERM
            socket_filter: ok
            raw_tracepoint_open without a program: EPERM
            raw_tracepoint reading the host stack: EPERM

            """, "\(traced.stdout)")
        #expect(!traced.stdout.contains("READ"))
    }

    @Test("values that once trapped dunetrace (riovcnt -1, clone3's exit_signal -1 in the live text, unbounded module strings) give the kernel's answers, live and replayed",
          arguments: [false, true])
    func trapValues(isStatic: Bool) throws {
        let program = try Fixtures.path("trapvalues", static: isStatic)
        let trace = Fixtures.directory + "/trapvalues-\(isStatic).gz"
        let live = Fixtures.directory + "/trapvalues-\(isStatic).txt"
        defer { try? FileManager.default.removeItem(atPath: trace); try? FileManager.default.removeItem(atPath: live) }
        let traced = try runCommand(TestPaths.dunetrace, ["-f", "-v", "-X", "verbose", "-o", live, "-w", trace, program])
        let native = try runCommand(program, [])
        #expect(traced.stdout == native.stdout && traced.status == native.status, "\(traced.stdout) \(traced.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "-f", "-v", trace])
        #expect(replay.status == 0 && replay.stdout.contains("exit_signal=18446744073709551615"), "\(replay.stderr)")
        try expectNativeBehaviour(program, [])
    }

    @Test("every spelling of /proc/self/mem (dirfd, symlink, //, /./, /dev/fd/..) ends as the plain one; maps through a dirfd is the target's",
          arguments: [false, true])
    func procSpellings(isStatic: Bool) throws {
        let program = try Fixtures.path("procspell", static: isStatic)
        let tracer = URL(fileURLWithPath: TestPaths.dunetrace).resolvingSymlinksInPath().path
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none", program, tracer])
        #expect(traced.stdout.contains("ends as the plain one: yes"), "\(traced.stdout)")
        #expect(traced.stdout.contains("maps through a dirfd names the tracer: no"), "\(traced.stdout)")
        try expectNativeBehaviour(program, [tracer])
    }

    @Test("memory past the end of a file mapping, given to calls dunetrace emulates or prints, or under a signal frame: EFAULT and SIGSEGV as natively, the tracer unharmed",
          arguments: [false, true])
    func pastEndOfFile(isStatic: Bool) throws {
        let program = try Fixtures.path("pasteof", static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.stdout.contains("rt_sigaction from past the end: EFAULT"))
        // With live text, so the decoder reads those buffers too.
        let live = Fixtures.directory + "/pasteof-\(isStatic).txt"
        let traced = try runCommand(TestPaths.dunetrace, ["-o", live, "-w", "none", program])
        #expect(traced.stdout == native.stdout)
        #expect(traced.status == native.status, "\(traced.stderr)")
        #expect(try String(contentsOfFile: live, encoding: .utf8).contains("+++ exited with 0 +++"))
    }

    @Test("the target's RLIMIT_FSIZE, RLIMIT_AS and RLIMIT_NOFILE govern its own calls as natively, and neither the trace nor new threads and children",
          arguments: [false, true])
    func resourceLimits(isStatic: Bool) throws {
        let program = try Fixtures.path("rlimits", static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.stdout.contains("write past FSIZE: -1 EFBIG"))
        let trace = Fixtures.directory + "/rlimits-\(isStatic).gz"
        let traced = try runCommand(TestPaths.dunetrace, ["-o", "/dev/null", "-w", trace, program])
        #expect(traced.stdout == native.stdout)
        #expect(traced.status == native.status, "\(traced.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0 && replay.stdout.hasSuffix("+++ exited with 0 +++\n"), "\(replay.stderr)")
    }

    @Test("a program that opens files up to its limit never gets one of dunetrace's numbers", arguments: [false, true])
    func openUpToTheLimit(isStatic: Bool) throws {
        let program = try Fixtures.path("openmax", static: isStatic)
        #expect(try runCommand(program, []).stdout == "opened many, unusable 0, then EMFILE\n")
        try expectNativeBehaviour(program, [])
    }

    @Test("kill(getpid(), SIGKILL): the trace ends with the kill and replays whole")
    func selfKill() throws {
        let trace = Fixtures.directory + "/selfkill.gz"
        let r = try runCommand(TestPaths.dunetrace, ["-o", "/dev/null", "-w", trace, "/bin/sh", "-c", "echo x; kill -9 $$"])
        #expect(r.status == 128 + SIGKILL)
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0)
        #expect(replay.stdout.contains("kill(") && replay.stdout.hasSuffix("+++ killed by SIGKILL +++\n"), "\(replay.stdout.suffix(300))")
        #expect(!replay.stderr.contains("cut short"), "\(replay.stderr)")
    }

    @Test("the target cannot truncate, remove, replace, freeze, move or cover the trace through its path",
          arguments: ["truncate", "unlink", "unlinkat", "rename-away", "rename-over", "link-then-unlink", "open-trunc", "handle-trunc",
                      "immutable", "append-only", "fsxattr-immutable", "rename-dir", "exchange-dir", "mount-over-file", "mount-over-dir"])
    func traceFileByPath(op: String) throws {
        let program = try Fixtures.path("cuttrace")
        // A directory of its own: the attacks move and cover the trace's directory.
        let dir = Fixtures.directory + "/cuttrace-\(op)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let trace = dir + "/trace.gz"
        let run = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace, program, trace, op])
        #expect(run.status == 0)
        // Flags as without CAP_LINUX_IMMUTABLE; a directory in use (a mount point's EBUSY).
        let refusal = ["immutable", "append-only", "fsxattr-immutable"].contains(op) ? "Operation not permitted"
            : op.hasSuffix("-dir") || op.hasPrefix("mount") ? "Device or resource busy" : "Permission denied"
        #expect(run.stdout == "\(op): \(refusal)\n", "\(run.stdout)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.hasSuffix("+++ exited with 0 +++\n"))
        #expect(replay.stdout.components(separatedBy: "getppid()").count - 1 == 400)
    }

    @Test("RLIMIT_CPU: SIGXCPU at the soft limit, SIGKILL at the hard one as natively, and the trace ends with the kill",
          arguments: ["handled", "equal"])
    func cpuLimit(mode: String) throws {
        let program = try Fixtures.path("cpulimit")
        let trace = Fixtures.directory + "/cpulimit-\(mode).gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let run = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace, program, mode])
        let native = try runCommand(program, [mode])
        #expect(run.stdout == native.stdout && run.status == native.status && native.status == 128 + SIGKILL,
                "\(run.stdout) \(run.status) vs \(native.stdout) \(native.status)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0 && !replay.stderr.contains("cut short"), "\(replay.stderr)")
        #expect(replay.stdout.hasSuffix("+++ killed by SIGKILL +++\n"))
    }

    @Test("RLIMIT_DATA lowered by the target governs its own private writable memory, never dunetrace's allocations",
          arguments: [false, true])
    func dataLimit(isStatic: Bool) throws {
        let program = try Fixtures.path("datalimit", static: isStatic)
        let trace = Fixtures.directory + "/datalimit-\(isStatic).gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let run = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace, program])
        let native = try runCommand(program, [])
        #expect(native.stdout.contains("private writable 8 MiB: Cannot allocate memory\nprivate read-only 8 MiB: mapped\n"))
        #expect(run.stdout == native.stdout && run.status == native.status, "\(run.stdout) \(run.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0 && replay.stdout.hasSuffix("+++ exited with 0 +++\n"), "\(replay.stderr)")
    }

    @Test("PR_SET_SYSCALL_USER_DISPATCH and PR_SET_TSC stay the target's: its blocked calls are its SIGSYS, the trace is whole",
          arguments: [false, true])
    func userDispatch(isStatic: Bool) throws {
        let program = try Fixtures.path("userdispatch", static: isStatic)
        let trace = Fixtures.directory + "/userdispatch-\(isStatic).gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let run = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace, program])
        let native = try runCommand(program, [])
        #expect(native.stdout.contains("si_code 2, si_syscall 39"))
        #expect(run.stdout == native.stdout && run.status == native.status, "\(run.stdout) \(run.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0 && replay.stdout.hasSuffix("+++ exited with 0 +++\n"), "\(replay.stderr)")
        // The blocked call never shows, only its signal, as strace prints it.
        #expect(replay.stdout.contains("--- SIGSYS {si_signo=SIGSYS, si_code=SYS_USER_DISPATCH, si_call_addr=0x"))
        #expect(replay.stdout.contains(", si_syscall=__NR_getpid, si_arch=AUDIT_ARCH_X86_64} ---\n"))
        #expect(!replay.stdout.contains("getpid()"))
    }

    @Test("SIGKILL from the target to its children, or to its whole process group: every child's calls and `+++ killed by SIGKILL +++` stay in the trace",
          arguments: [(false, "children"), (true, "children"), (false, "group")])
    func killedChildrenKeepTheirTrace(isStatic: Bool, mode: String) throws {
        let program = try Fixtures.path("killtree", static: isStatic)
        let trace = Fixtures.directory + "/killtree-\(isStatic)-\(mode).gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        // -f: replay shows the children's lines, as a live -f run would.
        let run = try runCommand(TestPaths.dunetrace, ["--silent", "-f", "-w", trace, program, mode])
        let native = try runCommand(program, [mode])
        #expect(run.stdout == native.stdout && run.status == native.status, "\(run.stdout) \(run.status) vs \(native.status)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0, "\(replay.stderr)")
        let lines = replay.stdout.split(separator: "\n")
        let killedPids = Set(lines.filter { $0.hasSuffix("+++ killed by SIGKILL +++") }.map { $0.split(separator: "]").first ?? "" })
        let children = mode == "group" ? 2 : 5
        // Each child made three getppid calls before it was killed, and its end is recorded.
        let childPids = Set(lines.filter { $0.contains("getppid()") }.map { $0.split(separator: "]").first ?? "" })
        #expect(childPids.count == children, "\(childPids)")
        #expect(childPids.isSubset(of: killedPids), "\(killedPids) vs \(childPids)")
        if mode == "group" { #expect(lines.contains { $0.contains("kill(0, SIGKILL)") && $0.hasSuffix("= ?") }) }
    }

    @Test("a SIGKILL the kernel sends by itself (F_SETSIG, dnotify, mq_notify, a timer, an exit signal, PR_SET_PDEATHSIG) ends the target as natively, its calls and `+++ killed by SIGKILL +++` in the trace",
          arguments: ["setsig", "dnotify", "mq", "timer", "exitsig", "pdeath"], [false, true])
    func kernelSentSIGKILLKeepsTheTrace(mode: String, isStatic: Bool) throws {
        let program = try Fixtures.path("kernel_sigkill", static: isStatic)
        let dir = Fixtures.directory + "/kernel_sigkill-\(mode)-\(isStatic)"
        let trace = dir + ".gz"
        defer { try? FileManager.default.removeItem(atPath: dir); try? FileManager.default.removeItem(atPath: trace) }
        func fresh() throws {
            try? FileManager.default.removeItem(atPath: dir)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        try fresh()
        let native = try runCommand(program, [mode, dir], timeout: 60)
        try fresh()
        let run = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace, program, mode, dir], timeout: 60)
        let masked = { (s: String) in s.replacing(/child \d+/, with: "child") }
        #expect(masked(run.stdout) == masked(native.stdout) && run.status == native.status, "\(run.stdout) \(run.status) vs \(native.stdout) \(native.status): \(run.stderr)")
        #expect(!native.stdout.contains("survived") && native.stdout.contains(["pdeath": "child reads 9", "exitsig": "clone ok", "setsig": "getsig 9", "dnotify": "getsig 9"][mode] ?? " 0\n"))
        // pdeath: the child dies after its parent; its part of the trace comes last.
        if let child = run.stdout.firstMatch(of: /child (\d+)/).map({ String($0.1) }) {
            let deadline = Date().addingTimeInterval(10)
            while FileManager.default.fileExists(atPath: "/proc/\(child)") && Date() < deadline { usleep(20_000) }
        }
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "-f", "--no-pf", trace])
        #expect(replay.status == 0 && replay.stderr.isEmpty, "\(replay.stderr)")
        let lines = replay.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last?.hasSuffix("+++ killed by SIGKILL +++") == true, "\(replay.stdout.suffix(600))")
        // The call that set the kill off is there, before the end.
        let trigger = ["setsig": "write(4, \"x\", 1)", "dnotify": "/created\", O_WRONLY|O_CREAT", "mq": "mq_timedsend(",
                       "timer": "timer_settime(", "exitsig": "clone(", "pdeath": "prctl(PR_SET_PDEATHSIG, SIGKILL) = 0"][mode]!
        #expect(lines.contains { $0.contains(trigger) }, "\(replay.stdout.suffix(600))")
    }

    @Test("a program that fills the trace's file system leaves the trace whole: its last calls and its end are there",
          .enabled(if: getuid() == 0, "needs root to mount a small tmpfs"))
    func fullFileSystemKeepsTheTrace() throws {
        let program = try Fixtures.path("fill_disk")
        let dir = Fixtures.directory + "/fill-disk-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { _ = try? runCommand("/bin/umount", [dir]); try? FileManager.default.removeItem(atPath: dir) }
        #expect(try runCommand("/bin/mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", dir]).status == 0)
        let run = try runCommand("/bin/sh", ["-c", "cd '\(dir)' && exec '\(TestPaths.dunetrace)' --silent -w trace.gz '\(program)'"], timeout: 120)
        #expect(run.stdout == "filled: ENOSPC\ndone\n" && run.status == 4, "\(run.stdout) \(run.stderr)")
        #expect(!run.stderr.contains("ends early"), "\(run.stderr)")
        try? FileManager.default.removeItem(atPath: dir + "/filler")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "--no-pf", dir + "/trace.gz"])
        #expect(replay.status == 0 && replay.stderr.isEmpty, "\(replay.stderr)")
        #expect(replay.stdout.hasSuffix("+++ exited with 4 +++\n"))
        #expect(replay.stdout.split(separator: "\n").filter { $0.hasPrefix("getppid()") }.count == 2000)
    }

    @Test("a child's SIGKILL ends its parent wherever the parent waits: the waiting call shows `= ?`, its end is recorded, the trace is whole",
          arguments: ["pause", "wait4", "read", "nanosleep", "sigsuspend", "poll", "join"])
    func killedWhileBlocked(mode: String) throws {
        let program = try Fixtures.path("killed_while_blocked")
        let trace = Fixtures.directory + "/killed-blocked-\(mode).gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let native = try runCommand(program, [mode], timeout: 60)
        let run = try runCommand(TestPaths.dunetrace, ["--silent", "-f", "-w", trace, program, mode], timeout: 60)
        #expect(native.status == 128 + SIGKILL && run.status == native.status, "\(run.status) vs \(native.status): \(run.stderr)")
        #expect(run.stdout.replacing(/child \d+/, with: "child") == native.stdout.replacing(/child \d+/, with: "child"))
        // The child, still traced, ends the trace after the parent is gone.
        if let child = run.stdout.firstMatch(of: /child (\d+)/).map({ String($0.1) }) {
            let deadline = Date().addingTimeInterval(10)
            while FileManager.default.fileExists(atPath: "/proc/\(child)") && Date() < deadline { usleep(20_000) }
        }
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "--no-pf", trace])
        #expect(replay.status == 0 && replay.stderr.isEmpty, "\(replay.stderr)")
        let lines = replay.stdout.split(separator: "\n").map(String.init)
        guard let killed = lines.firstIndex(where: { $0.hasSuffix("+++ killed by SIGKILL +++") }) else {
            Issue.record("no `killed by SIGKILL`:\n\(replay.stdout)")
            return
        }
        let parent = lines[killed].split(separator: "]").first.map(String.init) ?? ""
        let waited = lines[..<killed].last { $0.hasPrefix(parent + "]") } ?? ""
        #expect(waited.contains(/\) += \?$/), "\(waited)")
        #expect(lines.contains { $0.hasSuffix("+++ exited with 0 +++") }, "the child's end:\n\(replay.stdout)")
    }

    @Test("started with stdin, stdout or stderr closed, the target finds them closed and no descriptor of dunetrace's among its numbers, with and without -o",
          arguments: [false, true])
    func closedStandardDescriptors(isStatic: Bool) throws {
        let program = try Fixtures.path("std_fds", static: isStatic)
        let dir = Fixtures.directory + "/std_fds-\(isStatic)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = ["in", "out", "err"].map { dir + "/" + $0 }
        for f in files { FileManager.default.createFile(atPath: f, contents: nil) }
        for closed in 0..<8 {
            // Bit i: descriptor i closed (the shell's <&-, >&-, 2>&-).
            let want = (0..<3).map { closed & (1 << $0) != 0 ? "-" : files[$0] }
            let redirections = (0..<3).map { i in
                ["<", ">", "2>"][i] + (want[i] == "-" ? "&-" : want[i])
            }.joined(separator: " ")
            for output in [[], ["-o", dir + "/live"]] {
                let traced = (["exec", TestPaths.dunetrace, "-e", "trace=chdir"] + output + [program] + want).joined(separator: " ")
                let native = try runCommand("/bin/sh", ["-c", "exec \(program) \(want.joined(separator: " ")) \(redirections)"])
                let run = try runCommand("/bin/sh", ["-c", traced + " " + redirections])
                #expect(native.status == 0, "native, closed \(closed)")
                #expect(run.status == 0, "closed \(closed) \(output): status \(run.status) (10+fd open, 20+fd closed, 30+fd another file, 40+fd extra)")
            }
        }
    }
}
