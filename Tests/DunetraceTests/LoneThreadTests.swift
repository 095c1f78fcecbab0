// Calls the kernel allows only a single-threaded process (unshare(CLONE_NEWUSER), setns into a
// user namespace): a single-threaded target gets them as natively, although dunetrace's own
// helper threads (trace compressor, KVM's worker) run beside it; a threaded one is refused.
import Foundation
import Testing

@Suite(.enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct LoneThreadTests {
    @Test("unshare(CLONE_NEWUSER) and setns, native vs traced (default, --no-pf, with a trace file)",
          arguments: [[], ["busy"], ["threaded"]], [false, true])
    func userNamespace(args: [String], isStatic: Bool) throws {
        let program = try Fixtures.path("userns", static: isStatic)
        let native = try runCommand(program, args)
        // Meaningful only where the kernel lets this user make a user namespace.
        #expect(native.stdout.contains("holder: unshare(CLONE_NEWUSER) = 0"))
        let trace = Fixtures.directory + "/userns-\(args.first ?? "plain")-\(isStatic).gz"
        for options in [["-w", "none"], ["-w", "none", "--no-pf"], ["-w", trace]] {
            let traced = try runCommand(TestPaths.dunetrace, ["--silent"] + options + [program] + args)
            #expect(!traced.timedOut)
            #expect(traced.stdout == native.stdout, "\(options) \(args): \(traced.stderr)")
            #expect(traced.status == native.status, "\(options) \(args): \(traced.stderr)")
        }
        #expect(try runCommand("/bin/gzip", ["-t", trace]).status == 0)
    }

    /// Not as natively (there both calls succeed): dunetrace cannot make its VM again once its
    /// children go to another pid namespace, so the second call is the kernel's EINVAL for a
    /// threaded process, and the run goes on (it once ended with KVM_RUN failed: errno 22).
    @Test("unshare(CLONE_NEWPID) then unshare(CLONE_NEWUSER): EINVAL, and the run goes on", arguments: [[String](), ["--no-pf"]])
    func pidThenUserNamespace(options: [String]) throws {
        let program = try Fixtures.path("pidns_then_userns")
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none"] + options + [program], timeout: 60)
        #expect(traced.status == 0, "\(traced.stderr)")
        #expect(traced.stdout == "unshare(CLONE_NEWPID): 0\nunshare(CLONE_NEWUSER): EINVAL\nchild: getpid 1\nchild status 3\n", "\(traced.stdout) \(traced.stderr)")
    }

    @Test("unshare(CLONE_NEWUSER|CLONE_NEWPID): pid 1 and its child, no threads, ENOMEM after pid 1 (default, --no-pf, a trace file)",
          arguments: [false, true])
    func pidNamespace(isStatic: Bool) throws {
        let program = try Fixtures.path("pidns", static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.stdout.contains("first: getpid 1 getppid 0"))
        let trace = Fixtures.directory + "/pidns-\(isStatic).gz"
        for options in [["-w", "none"], ["-w", "none", "--no-pf"], ["-f", "-w", trace]] {
            let traced = try runCommand(TestPaths.dunetrace, ["--silent"] + options + [program], timeout: 60)
            #expect(!traced.timedOut)
            #expect(traced.stdout == native.stdout, "\(options): \(traced.stderr)")
            #expect(traced.status == native.status, "\(options): \(traced.stderr)")
        }
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        // pid 1 of the new namespace, named by its pid in dunetrace's (as strace names it).
        #expect(replay.stdout.contains(/\[pid +\d{2,}\] getpid\(\) += 1\n/), "\(replay.stdout)")
    }
}
