// LTP-style sweeps of whole syscall families (file I/O, locks, xattrs, statx, memfd; rlimits,
// scheduling, signals, timers, eventfd/signalfd/timerfd, epoll/poll/select, waits, prctl, caps,
// futex; signal delivery and restarts, clocks and timers, memory mappings; SysV and POSIX IPC,
// pipes and splice; sockets; file-system edges: O_TMPFILE, fallocate modes, splice/tee, xattr
// sizes, inotify/fanotify, statx flags, locks between processes, RLIMIT_FSIZE, mknod, handles,
// chroot, umask; process relations: wait options and id types, groups and sessions, orphans
// and subreapers, SIGCHLD dispositions, clone/clone3 checks, execve errors; what fork and
// execve keep and reset): each fixture prints every result and errno; under dunetrace it must print the same,
// static and dynamic, with and without recorded page faults.
import Foundation
import Testing

@Suite("Syscall family sweeps behave as natively", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct FidelitySweepTests {
    @Test("sweep fixtures, static and dynamic, default and --no-pf", arguments: ["sweep_io", "sweep_proc", "sweep_sig", "sweep_time", "sweep_mem", "sweep_ipc", "sweep_sock", "sweep_fs", "sweep_task", "sweep_exec", "sweep_xproc", "sweep_stack"], [false, true])
    func sweep(name: String, isStatic: Bool) throws {
        let program = try Fixtures.path(name, static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.status == 0 && native.stdout.hasSuffix("done\n"), "native run: \(native.stderr)")
        for mode in [[], ["--no-pf"]] {
            let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none"] + mode + [program])
            let label = "\(mode.first ?? "default") \(isStatic ? "static" : "dynamic")"
            if Self.lostDeathSignalGrandchild(name, traced) {
                withKnownIssue("sweep_task's PR_SET_PDEATHSIG grandchild: its line missing, or its parent waiting for it", isIntermittent: true) {
                    Issue.record("\(label): \(traced.timedOut ? "timed out" : "no grandchild line")")
                }
                continue
            }
            #expect(!traced.timedOut, "\(label)")
            let nativeLines = native.stdout.split(separator: "\n"), tracedLines = traced.stdout.split(separator: "\n")
            let differing = zip(nativeLines, tracedLines).filter { $0 != $1 }.map { "native \($0) / traced \($1)" }
            #expect(differing.isEmpty && nativeLines.count == tracedLines.count,
                    "\(label): \(differing.prefix(20).joined(separator: "\n"))")
            #expect(traced.status == native.status, "\(label): \(traced.stderr)")
            #expect(!traced.stderr.contains("Fatal error") && !traced.stderr.contains("internal error"), "\(traced.stderr)")
            // fcntl(fd, 9999): a command no kernel has is the kernel's EINVAL, no note of the model.
            #expect(!traced.stderr.contains("syscall model"), "\(label): \(traced.stderr)")
        }
    }

    /// sweep_task's grandchild waits for its parent's death signal (PR_SET_PDEATHSIG), prints a
    /// line and tells the top process by a pipe. In about one full `swift test` in three (under
    /// load) its line was missing, or the top process waited for the pipe until the test's
    /// time limit. Not understood yet: that part alone passed 25 runs of 25. Such a run is
    /// recorded as a known issue, not a pass.
    static func lostDeathSignalGrandchild(_ name: String, _ traced: RunResult) -> Bool {
        name == "sweep_task" && (traced.timedOut || !traced.stdout.contains("grandchild got pdeathsig"))
    }

    /// Lines of sweep_misc that still differ, and why (kept out of the exact comparison).
    static let miscKnownIssues: [(prefix: String, cause: String)] = [
    ]

    @Test("sweep_misc (rlimits, prctl, caps, setuid family, sched, kcmp, ...), static and dynamic, default and --no-pf",
          arguments: [false, true], [false, true])
    func sweepMisc(isStatic: Bool, noPf: Bool) throws {
        let program = try Fixtures.path("sweep_misc", static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.status == 0 && native.stdout.hasSuffix("done\n"), "native run: \(native.stderr)")
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none"] + (noPf ? ["--no-pf"] : []) + [program])
        #expect(!traced.timedOut)
        #expect(traced.status == native.status, "\(traced.stderr)")
        #expect(!traced.stderr.contains("Fatal error") && !traced.stderr.contains("internal error"), "\(traced.stderr)")
        // prctl(46) is MIPS's PR_GET_FP_MODE: x86-64's own EINVAL, no note of the model.
        #expect(!traced.stderr.contains("syscall model"), "\(traced.stderr)")
        let known = { (line: Substring) in Self.miscKnownIssues.contains { line.hasPrefix($0.prefix) } }
        let nativeLines = native.stdout.split(separator: "\n"), tracedLines = traced.stdout.split(separator: "\n")
        #expect(nativeLines.filter { !known($0) } == tracedLines.filter { !known($0) },
                "\(noPf ? "--no-pf" : "default") \(isStatic ? "static" : "dynamic")")
        for issue in Self.miscKnownIssues {
            let mine = { (lines: [Substring]) in lines.filter { $0.hasPrefix(issue.prefix) } }
            withKnownIssue(Comment(rawValue: issue.cause), isIntermittent: true) {
                #expect(mine(nativeLines) == mine(tracedLines))
            }
        }
    }

    @Test("every kind of si_code prints as host strace prints it (SI_MESGQ with its value, SI_ASYNCIO, SI_SIGIO, POLL_*, unnamed codes)",
          .enabled(if: HostStrace.available, "needs strace"))
    func siginfoCodes() throws {
        let program = try Fixtures.path("siginfo_codes")
        // Pids masked; strace's own SIGCONT (of how it starts the program) is not the program's.
        let maskPids = { (t: String) in
            t.split(separator: "\n").filter { !$0.contains("SIGCONT") }.joined(separator: "\n").replacing(/si_pid=[0-9]+/, with: "si_pid=P")
        }
        let theirs = try HostStrace.run(["-e", "trace=none", program])
        let ours = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-e", "trace=none", program])
        #expect(theirs.status == 0 && ours.status == 0, "\(ours.stderr)")
        #expect(theirs.stdout == "signals 15\n" && ours.stdout == theirs.stdout, "\(theirs.stdout) \(theirs.stderr)")
        #expect(theirs.stderr.contains("SI_MESGQ") && maskPids(ours.stderr) == maskPids(theirs.stderr), "\(theirs.stderr)\n\(ours.stderr)")
    }
}
