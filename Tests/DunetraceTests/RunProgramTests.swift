// Integration: fixtures and real system programs give native stdout and exit status under
// dunetrace, and the live text shows their system calls in strace's format.
import Foundation
import Testing
@testable import DunetraceCore

@Suite("Programs run under dunetrace as natively", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct RunProgramTests {
    @Test("fixtures, static and dynamic", arguments: [
        ("passwd", [String]()), ("exitcode", ["7", "two words", ""]), ("memory", []), ("protect", []), ("signals", []), ("stress", []), ("procself", ["a", "b"]), ("cpuid_pin", []), ("seccomp", []), ("robust", []), ("restart", []), ("tlbshoot", []),
        ("exec_threads", []), ("exec_threads", ["leader"]), ("thread_signals", []), ("signalfd", []), ("shm", []), ("rtsignals", []), ("timers", []), ("cancel", []), ("pidfd", []), ("sigframe_xstate", []), ("mapping_race", []), ("layout", []), ("partial_writeback", []), ("raw_bytes_exec", []), ("owner_death_stops", []), ("socket_timeout_eintr", []), ("mremap_dontunmap", []), ("setpgid_execed", []), ("stack_limit_raise", []), ("stop_eintr", []), ("mdwe", []), ("mlockall", []), ("hidden_threads", []), ("guard_regions", []), ("brk_mappings", []), ("fpe_codes", []), ("top_of_user_space", []), ("ignore_discards_pending", []), ("memfd_secret_enosys", []), ("threads_full_table", []), ("growsdown_fixed", []), ("exec_busy", ["/tmp"]), ("instruction_faults", []), ("waiting_calls", []),
    ], [false, true])
    func fixture(_ spec: (String, [String]), isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path(spec.0, static: isStatic), spec.1)
    }

    /// strace's order for a call a stop ends with EINTR: its line, then the stop and the
    /// SIGCONT (a restarted call shows its restart code first, then the stop, then the call again).
    @Test("epoll_wait ended by SIGTSTP shows its EINTR before the stop, as strace")
    func stopEndsCallLineFirst() throws {
        let program = try Fixtures.path("stop_eintr")
        let out = Fixtures.directory + "/stop-eintr-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", out, program])
        #expect(run.status == 0 && run.stdout.contains("epoll_wait after SIGTSTP: -1 EINTR"), "\(run.stdout) \(run.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        let stop = try #require(lines.firstIndex { $0.hasPrefix("--- SIGTSTP") })
        #expect(lines[stop - 1].hasPrefix("epoll_wait(") && lines[stop - 1].contains("= -1 EINTR"), "\(lines[stop - 1])")
        #expect(lines[stop + 1] == "--- stopped by SIGTSTP ---" && lines[stop + 2].hasPrefix("--- SIGCONT"))
    }

    // A race found here once hung 1 run in 60 to 100: SIGSETXID taken by dunetrace's handler just
    // before the other thread's read started left that read blocking for ever (fixed in
    // targetsyscall.S). Its own test, so a regression is named.
    @Test("setgid while another thread blocks in read (SIGSETXID)", arguments: [false, true])
    func setxidWithBlockedThread(isStatic: Bool) throws {
        let program = try Fixtures.path("setxid", static: isStatic)
        #expect(try runCommand(program, []).stdout == "setgid with another thread running: 0\n")
        try expectNativeBehaviour(program, [])
    }

    @Test("system programs", arguments: [
        ["/bin/echo", "hello", "world"],
        ["/bin/ls", "-la", "/usr"],
        ["/bin/cat", "/etc/passwd"],
        ["/usr/bin/sha256sum", "/etc/passwd"],
        ["/usr/bin/python3", "-c", "print(1)"],
        ["/bin/ls", "/nonexistent-path"],
        ["/bin/sh", "-c", "ls /usr/bin | sort | head -50 | wc -l"],
        ["/bin/sh", "-c", "echo start; sh -c 'kill -SEGV $$'; echo child status $?; exit 3"],
        ["/bin/bash", "-c", "trap 'echo trapped' EXIT; echo hi"],
        ["/bin/bash", "-c", "yes | head -1; echo ${PIPESTATUS[@]}"],
        ["/bin/bash", "-c", "/usr/bin/python3 -c 'for i in range(100000): print(i)' 2>/dev/null | head -1; echo ${PIPESTATUS[@]}"],
        ["/usr/bin/python3", "-c", "import subprocess; print(subprocess.run(['/bin/echo', 'x'], capture_output=True).stdout)"],
        ["/usr/bin/python3", "-c", "import threading, subprocess\nout = []\ndef w(i): out.append(subprocess.run(['/bin/echo', str(i)], capture_output=True).stdout)\nts = [threading.Thread(target=w, args=(i,)) for i in range(6)]\n[t.start() for t in ts]\n[t.join() for t in ts]\nprint(sorted(out))"],
        ["/bin/sh", "-c", "d=$(mktemp -d) && cd $d && printf 'int f(void);\\nint main(void){return f();}\\n' > a.c && printf 'int f(void){return 0;}\\n' > b.c && printf 'p: a.o b.o\\n\\tcc -o p a.o b.o\\n%%.o: %%.c\\n\\tcc -c $< -o $@\\n' > Makefile && make -s -j2 && ./p && echo built; rm -rf $d"],
    ])
    func systemProgram(_ command: [String]) throws {
        try expectNativeBehaviour(command[0], Array(command.dropFirst()))
    }

    @Test("a program found through PATH: python3 -c 'print(1)'")
    func pathLookup() throws {
        let native = try runCommand("/usr/bin/env", ["python3", "-c", "print(1)"])
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "python3", "-c", "print(1)"])
        #expect(traced.stdout == "1\n")
        #expect(traced.stdout == native.stdout)
        #expect(traced.status == native.status)
    }

    @Test("-f: children's lines carry [pid N] and the fork shows once, in the parent")
    func followsChildren() throws {
        let r = try runCommand(TestPaths.dunetrace, ["-f", "/bin/sh", "-c", "/bin/echo a; /bin/true"])
        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n")
        // dash spawns with vfork; the call shows once, in the parent, with the child's pid.
        let forks = lines.filter { $0.contains("vfork(") || $0.contains("clone(") }
        #expect(forks.count == 2)
        #expect(forks.allSatisfy { !$0.hasSuffix("= 0") })
        #expect(lines.contains { $0.hasPrefix("[pid ") && $0.contains("execve(\"/bin/echo\"") })
        #expect(lines.filter { $0.contains("+++ exited with 0 +++") }.count == 3)
    }

    @Test("the classic passwd program: live text shows openat and read as strace does", arguments: [false, true])
    func passwdLiveText(isStatic: Bool) throws {
        let log = Fixtures.directory + "/passwd-\(isStatic).log"
        let r = try runCommand(TestPaths.dunetrace, ["-o", log, try Fixtures.path("passwd", static: isStatic)])
        #expect(r.status == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3\n"))
        #expect(text.contains("read(3, \"root:x:0:0:"))
        #expect(text.contains("\"..., 1023) = 1023\n"))
        #expect(text.hasSuffix("+++ exited with 0 +++\n"))
    }

    @Test("errors print with their errno name and message")
    func errnoText() throws {
        let r = try runCommand(TestPaths.dunetrace, ["/bin/ls", "/nonexistent-path"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("= -1 ENOENT (No such file or directory)"))
    }

    @Test("-s limits the strings shown")
    func stringLimit() throws {
        let r = try runCommand(TestPaths.dunetrace, ["-s", "4", try Fixtures.path("passwd")])
        #expect(r.stderr.contains(LineLayout().aligned("read(3, \"root\"..., 1023)", result: "1023")))
    }

    @Test("--silent prints no live text; -qq hides the exit line")
    func quietness() throws {
        let silent = try runCommand(TestPaths.dunetrace, ["--silent", "/bin/echo", "x"])
        #expect(silent.stderr.isEmpty)
        #expect(silent.stdout == "x\n")
        let qq = try runCommand(TestPaths.dunetrace, ["-qq", "/bin/echo", "x"])
        #expect(!qq.stderr.contains("+++ exited"))
        #expect(qq.stderr.contains(LineLayout().aligned("write(1, \"x\\n\", 2)", result: "2")))
    }

    @Test("the target's first open returns 3, as natively")
    func firstDescriptorIsThree() throws {
        let r = try runCommand(TestPaths.dunetrace, [try Fixtures.path("passwd", static: true)])
        let opens = r.stderr.split(separator: "\n").filter { $0.hasPrefix("openat(") }
        #expect(opens.first?.hasSuffix("= 3") == true)
    }

    @Test("glibc sees the same ISA level and platform inside as outside (its string functions and hwcaps directories follow them)")
    func glibcISALevel() throws {
        let loader = "/lib64/ld-linux-x86-64.so.2"
        guard FileManager.default.isExecutableFile(atPath: loader) else { Issue.record("no \(loader)"); return }
        func facts(_ text: String) -> [String] {
            text.split(separator: "\n").map(String.init).filter {
                $0.hasPrefix("x86.cpu_features.isa_1=") || $0.hasPrefix("dl_platform=") || $0.hasPrefix("dl_hwcaps_subdirs_active=")
            }
        }
        let native = try runCommand(loader, ["--list-diagnostics"])
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", loader, "--list-diagnostics"])
        #expect(facts(native.stdout).count == 3, "glibc's diagnostics name its ISA level")
        #expect(facts(traced.stdout) == facts(native.stdout))
    }

    @Test("CPUID's identity and XCR0 inside equal outside, features a subset; the vDSO clock agrees with the host's", arguments: [false, true])
    func cpuAndClock(isStatic: Bool) throws {
        func nowNs() -> Int64 {
            var ts = timespec()
            clock_gettime(CLOCK_REALTIME, &ts)
            return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
        }
        let program = try Fixtures.path("cpu", static: isStatic)
        let start = nowNs()
        let native = try runCommand(program, [String(start)])
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", program, String(start)])
        let end = nowNs()
        #expect(traced.status == 0)
        // The identity (vendor, family/model/stepping) and XCR0 are the host's, and AVX-512
        // computes the same. Feature bits are those the hypervisor lets a guest use: never one
        // the host lacks, but a host may keep some of its own (PVM on a Sapphire Rapids host
        // hides PCID, PKU, AMX and CET from guests while XCR0 still enables AMX).
        func lines(_ text: String) -> [String: [String]] {
            Dictionary(text.split(separator: "\n").map { line in
                let words = line.split(separator: " ").map(String.init)
                return (words[0], Array(words.dropFirst()))
            }, uniquingKeysWith: { a, _ in a })
        }
        let inside = lines(traced.stdout), outside = lines(native.stdout)
        for key in ["leaf0", "xcr0", "avx512", "vdso", "clock"] { #expect(inside[key] == outside[key], "\(key)") }
        #expect(inside["leaf1"]?.first == outside["leaf1"]?.first, "leaf 1 eax (family, model, stepping)")
        for leaf in ["leaf1", "leaf7"] {
            let pairs = zip(inside[leaf] ?? [], outside[leaf] ?? []).filter { !$0.0.hasPrefix("eax=") }
            #expect(pairs.count == (leaf == "leaf1" ? 2 : 3), "\(leaf) printed")
            for (a, b) in pairs {
                let t = UInt32(a.split(separator: "=").last ?? "", radix: 16) ?? 0, n = UInt32(b.split(separator: "=").last ?? "", radix: 16) ?? 0
                #expect(t & ~n == 0, "\(leaf) \(a) claims features the host lacks (\(b))")
            }
        }
        #expect(traced.stdout.contains("vdso yes"))
        #expect(traced.stdout.contains("clock after start: yes"))
        let clock = Int64(traced.stderr.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "") ?? 0
        #expect(clock >= start && clock <= end + 1_000_000, "target clock \(clock) outside [\(start), \(end)]")
    }

    @Test("signals show as strace shows them, with their siginfo")
    func signalLines() throws {
        let log = Fixtures.directory + "/signals.log"
        let r = try runCommand(TestPaths.dunetrace, ["-o", log, try Fixtures.path("signals")])
        #expect(r.status == 128 + SIGABRT)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10} ---\n"))
        #expect(text.contains("--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---\n"))
        #expect(text.hasSuffix("+++ killed by SIGABRT +++\n"))
    }

    @Test("each queued real-time signal shows once, with its sigval, as strace shows it")
    func queuedSignalLines() throws {
        let log = Fixtures.directory + "/rtsignals.log"
        let r = try runCommand(TestPaths.dunetrace, ["-o", log, try Fixtures.path("rtsignals")])
        #expect(r.status == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        for value in 1...3 {
            #expect(text.contains(", si_uid=0, si_int=\(value), si_ptr=0x\(value)} ---\n"))
        }
        #expect(text.contains("--- SIGRT_2 {si_signo=SIGRT_2, si_code=SI_QUEUE, si_pid="))
        #expect(text.components(separatedBy: "--- SIGUSR1 {").count == 2)
    }

    @Test("a timer's signal shows its timer id, overrun and sigval, as strace shows it")
    func timerSignalLines() throws {
        let log = Fixtures.directory + "/timers.log"
        let r = try runCommand(TestPaths.dunetrace, ["-f", "-o", log, try Fixtures.path("timers")])
        #expect(r.status == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("--- SIGRT_2 {si_signo=SIGRT_2, si_code=SI_TIMER, si_timerid=0x"))
        #expect(text.contains(", si_overrun=0, si_int=7, si_ptr=0x7} ---\n"))
    }

    @Test("execve from a thread: the other threads vanish and the leader runs the new image")
    func execFromThread() throws {
        let log = Fixtures.directory + "/exec_threads.log"
        let r = try runCommand(TestPaths.dunetrace, ["-f", "-o", log, try Fixtures.path("exec_threads")])
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("echo after exec\n"))
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        // -f -o: each line starts with its task's id, as strace's.
        let pidOf = { (line: Substring) in line.split(separator: " ").first.map(String.init) ?? "" }
        guard let exec = lines.firstIndex(where: { $0.contains("execve(") && $0.contains("\"after\"") }),
              let superseded = lines.firstIndex(where: { $0.contains("+++ superseded by execve in pid ") }) else {
            Issue.record("no execve from a thread, or no superseded line")
            return
        }
        let leader = pidOf(lines[superseded])
        #expect(pidOf(lines[exec]) != leader)
        #expect(lines[superseded].hasSuffix("in pid \(pidOf(lines[exec])) +++"))
        // The three busy threads end, exited with 0, between the execve and the takeover.
        #expect(lines[exec..<superseded].filter { $0.hasSuffix("+++ exited with 0 +++") }.count == 3)
        // Afterwards only the leader runs. As strace: the threads' lines came before the exec
        // was reported, so the execve line is unfinished, and the leader resumes it.
        #expect(lines[superseded...].allSatisfy { pidOf($0) == leader })
        #expect(lines[exec].hasSuffix(" <unfinished ...>"))
        #expect(superseded + 1 < lines.count && lines[superseded + 1].contains("<... execve resumed>)")
                && lines[superseded + 1].hasSuffix("= 0"))
    }

    @Test("A thread's execve and the leader's exit(2) print as strace's, live and in replay",
          .enabled(if: HostStrace.available, "needs strace"),
          arguments: [[String](), ["exit"]], [[String](), ["-qqq"]])
    func threadExecLines(mode: [String], quiet: [String]) throws {
        let program = try Fixtures.path("thread_exec_lines")
        let base = Fixtures.directory + "/thread-exec-lines-" + UUID().uuidString
        let (theirs, ours, trace, replayed) = (base + "-strace.txt", base + "-live.txt", base + ".trace.gz", base + "-replay.txt")
        defer { for f in [theirs, ours, trace, replayed] { try? FileManager.default.removeItem(atPath: f) } }
        let options = ["-f", "-e", "trace=execveat,exit"] + quiet
        let s = try runCommand(HostStrace.path, ["-o", theirs] + options + [program] + mode)
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", trace, "-o", ours] + options + [program] + mode)
        #expect(s.status == 0 && live.status == 0, "\(live.stderr)")
        let r = try runCommand(TestPaths.dunetrace, ["replay", "-o", replayed] + options + [trace])
        #expect(r.status == 0, "\(r.stderr)")
        // Pids as P1, P2... in the order lines first name them.
        func renumbered(_ path: String) throws -> [String] {
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
            var order: [String] = []
            for l in lines { if let p = l.split(separator: " ").first.map(String.init), Int(p) != nil, !order.contains(p) { order.append(p) } }
            return lines.map { line in
                var l = line
                for (i, p) in order.enumerated() { l = l.replacing(try! Regex("\\b\(p)\\b"), with: "P\(i + 1)") }
                return l
            }
        }
        let expected = try renumbered(theirs)
        #expect(expected.contains { $0.contains(mode.isEmpty ? "<pid changed to P2 ...>" : "exit(42)") })
        #expect(try renumbered(ours) == expected)
        #expect(try renumbered(replayed) == expected)
        // To stderr: `[pid N]` only while more than one task is alive, as strace's: the
        // thread's execve line has one, the lines after the exec (one task) none.
        guard mode.isEmpty else { return }
        let s2 = try runCommand(HostStrace.path, options + [program])
        let live2 = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + options + [program])
        func prefixes(_ text: String) -> [Bool] {
            text.split(separator: "\n").filter { !$0.contains("strace: Process") }.map { $0.hasPrefix("[pid ") }
        }
        #expect(prefixes(s2.stderr).first == true)
        #expect(prefixes(live2.stderr) == prefixes(s2.stderr), "\(live2.stderr) vs \(s2.stderr)")
    }

    @Test("--stats: exits by reason, one exit per syscall, vCPUs of finished threads reused")
    func stats() throws {
        let r = try runCommand(TestPaths.dunetrace, ["--silent", "--stats", try Fixtures.path("stress")])
        #expect(r.status == 0)
        #expect(r.stdout.contains("descriptor leak: 0"))
        let vcpus = r.stderr.split(separator: "\n").first { $0.contains("vCPUs created:") }
        let count = vcpus.flatMap { $0.split(separator: ":")[1].split(separator: ",").first }.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        #expect(count != nil && count! >= 1 && count! <= 41, "200 threads in waves of 40 need at most 41 vCPUs: \(vcpus ?? "none")")
        #expect(r.stderr.contains("VM exits:"))
        #expect(r.stderr.contains("KVM: "))
        let single = try runCommand(TestPaths.dunetrace, ["--silent", "--stats", try Fixtures.path("getppid_loop", static: true), "2000"])
        #expect(single.stderr.contains("exits per syscall: 1.00"))
        // coreutils close stdout and stderr at exit; the report must still reach stderr.
        let closer = try runCommand(TestPaths.dunetrace, ["--silent", "--stats", "-w", "none", "/usr/bin/sha256sum", "/etc/hostname"])
        #expect(closer.status == 0)
        #expect(closer.stderr.contains("VM exits:"), "\(closer.stderr)")
    }

    @Test("strace's habits: -e trace=, -e status=, -t/-tt/-ttt, -T")
    func straceOptions() throws {
        let passwd = try Fixtures.path("passwd")
        let only = try runCommand(TestPaths.dunetrace, ["--no-pf", "-e", "trace=openat,close", passwd])
        let calls = only.stderr.split(separator: "\n").filter { !$0.hasPrefix("+++") }
        #expect(!calls.isEmpty && calls.allSatisfy { $0.hasPrefix("openat(") || $0.hasPrefix("close(") })
        let failed = try runCommand(TestPaths.dunetrace, ["--no-pf", "-e", "trace=%file", "-e", "status=failed", "/bin/ls", "/nonexistent-path"])
        // ls writes its own complaint to the same stderr; the calls are the lines with "(".
        let lines = failed.stderr.split(separator: "\n").filter { !$0.hasPrefix("+++") && !$0.hasPrefix("ls:") && $0.contains("(") }
        #expect(!lines.isEmpty && lines.allSatisfy { $0.contains(" = -1 E") })
        let timed = try runCommand(TestPaths.dunetrace, ["--no-pf", "-ttt", "-T", "-e", "trace=write", "/bin/echo", "hi"])
        let write = timed.stderr.split(separator: "\n").first { $0.contains("write(1, \"hi\\n\", 3)") }
        #expect(write.map { $0.range(of: #"^\d+\.\d{6} write\(.* <\d+\.\d{6}>$"#, options: .regularExpression) != nil } == true, "\(timed.stderr)")
        let bad = try runCommand(TestPaths.dunetrace, ["-e", "trace=nosuchcall", "/bin/true"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "dunetrace: invalid system call 'nosuchcall'\n")
    }

    @Test("a seccomp filter restricts the target, not dunetrace: EPERM, SIGSYS trap, kill")
    func seccompLines() throws {
        let r = try runCommand(TestPaths.dunetrace, ["--no-pf", try Fixtures.path("seccomp")])
        #expect(r.status == 128 + SIGSYS)
        #expect(r.stderr.contains(LineLayout().aligned("getpid()", result: "-1 EPERM (Operation not permitted)")))
        // As host strace prints it: the filter's SECCOMP_RET_DATA (7) is si_errno.
        #expect(r.stderr.contains("--- SIGSYS {si_signo=SIGSYS, si_code=SYS_SECCOMP, si_errno=E2BIG, si_call_addr=0x"))
        #expect(r.stderr.contains("si_syscall=__NR_getppid, si_arch=AUDIT_ARCH_X86_64} ---"))
        #expect(r.stderr.hasSuffix("uname(0x" + (r.stderr.components(separatedBy: "uname(0x").last ?? "")))
        #expect(r.stderr.hasSuffix("+++ killed by SIGSYS +++\n"))
    }

    @Test("a static-PIE executable")
    func staticPIE() throws {
        let out = Fixtures.directory + "/exitcode.static-pie"
        let cc = try runCommand("/usr/bin/cc", ["-O1", "-static-pie", "-o", out, TestPaths.root + "/fixtures/src/exitcode.c"])
        try #require(cc.status == 0, "cc -static-pie failed: \(cc.stderr)")
        try expectNativeBehaviour(out, ["9", "static pie"])
    }

    @Test("a #! script runs through its interpreter")
    func shebang() throws {
        let script = Fixtures.directory + "/hello.py"
        try "#!/usr/bin/python3\nimport sys\nprint('args', sys.argv[1:])\nsys.exit(5)\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        try expectNativeBehaviour(script, ["a", "b"])
    }
}
