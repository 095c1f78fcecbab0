// fork/vfork/posix_spawn then exec, from parents that are not simple: a second thread, memory
// marked MADV_DONTFORK (node's V8 heap), a vfork child on a stack of its own. The child's new
// image must start as natively, with page faults recorded (default) and with --no-pf.
import Foundation
import Testing

@Suite(.enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct ForkExecTests {
    static let modes: [[String]] = [[], ["--no-pf"]]

    /// Native vs dunetrace (in `mode`): same stdout and exit status.
    private func expectNative(_ program: String, _ args: [String], mode: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let native = try runCommand(program, args)
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none"] + mode + [program] + args)
        #expect(!traced.timedOut, "dunetrace \(mode) timed out on \(program) \(args)", sourceLocation: sourceLocation)
        #expect(traced.stdout == native.stdout, "stdout differs for \(mode) \(program) \(args): \(traced.stderr)",
                sourceLocation: sourceLocation)
        #expect(traced.status == native.status, "exit status differs for \(mode) \(program) \(args): \(traced.stderr)",
                sourceLocation: sourceLocation)
    }

    @Test("spawn from a threaded parent, static and dynamic, both paging modes", arguments:
        ["posix_spawn", "clone_vfork", "dontfork", "fork"], [false, true])
    func spawn(how: String, isStatic: Bool) throws {
        let program = try Fixtures.path("spawn", static: isStatic)
        // The fixture must show the child ran, or the comparison proves nothing.
        #expect(try runCommand(program, [how]).stdout.contains("hello from the child\n"))
        for mode in Self.modes { try expectNative(program, [how], mode: mode) }
    }

    @Test("a vfork child's descriptors are its parent's, none of dunetrace's among them", arguments: [false, true])
    func vforkChildDescriptors(isStatic: Bool) throws {
        let program = try Fixtures.path("vfork_descriptors", static: isStatic)
        #expect(try runCommand(program, []).stdout.contains("the vfork child's first open: 4;"))
        for mode in Self.modes { try expectNative(program, [], mode: mode) }
    }

    @Test("a fork copies FPU/SSE state (MXCSR, x87 control word, xmm8); an exec resets it",
          arguments: [[], ["exec"]], [false, true])
    func cpuStateAcrossForkAndExec(args: [String], isStatic: Bool) throws {
        let program = try Fixtures.path("fork_state", static: isStatic)
        for mode in Self.modes { try expectNative(program, args, mode: mode) }
    }

    @Test("execve in a chroot without /proc, and with an empty tmpfs over /proc: the program runs (it was ENOENT, or a hang on FIFOs there)",
          .enabled(if: getuid() == 0, "needs root to chroot and mount"), arguments: ["chroot", "tmpfs"])
    func execWithoutProc(mode: String) throws {
        let program = try Fixtures.path("exec_without_proc", static: true)
        let dir = Fixtures.directory + "/exec-without-proc-\(mode)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for runMode in Self.modes {
            for d in [dir, dir + "-native"] {
                try? FileManager.default.removeItem(atPath: d)
                try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
            }
            defer { try? FileManager.default.removeItem(atPath: dir + "-native") }
            let native = try runCommand(program, [mode, dir + "-native"], timeout: 60)
            let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none"] + runMode + [program, mode, dir], timeout: 60)
            #expect(native.stdout.hasSuffix("child: 6\n"), "\(native.stdout)")
            #expect(!traced.timedOut && traced.stdout == native.stdout && traced.status == native.status, "\(runMode): \(traced.stdout) \(traced.stderr)")
        }
    }

    @Test("root drops to nobody, then forks (and execs): the child's VM is still made",
          .enabled(if: getuid() == 0, "needs root to setuid"), arguments: [[], ["exec"]], [false, true])
    func forkAfterSetuid(args: [String], isStatic: Bool) throws {
        let program = try Fixtures.path("setuid_fork", static: isStatic)
        #expect(try runCommand(program, args).stdout.contains("child runs as uid 65534\n"))
        for mode in Self.modes { try expectNative(program, args, mode: mode) }
    }

    @Test("a running executable is busy for writing (ETXTBSY); setpgid on an exec'd child is EACCES",
          arguments: [false, true])
    func runningExecutable(isStatic: Bool) throws {
        let program = try Fixtures.path("running_exe", static: isStatic)
        #expect(try runCommand(program, []).stdout.contains("setpgid(child after exec): Permission denied\n"))
        for mode in Self.modes { try expectNative(program, [], mode: mode) }
    }

    static let node: String? = ["/usr/bin/node", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("node runs children (child_process execSync and spawnSync)",
          .enabled(if: node != nil, "node is not installed (scripts/setup.sh installs nodejs)"),
          arguments: [
              "console.log(require('child_process').execSync('echo hi').toString())",
              "console.log(require('child_process').spawnSync('/bin/echo',['x']).stdout.toString())",
          ])
    func nodeChildProcess(script: String) throws {
        for mode in Self.modes { try expectNative(Self.node!, ["-e", script], mode: mode) }
    }
}
