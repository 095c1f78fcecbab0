// What a forked child's VM is built from (the CPUID table made once per dunetrace process,
// memslots one per run of chunks, guest page tables whose memslots grow as they fill), and how
// it ends (its VM's teardown handed to a holder process), must leave the program's behaviour
// as it is natively.
import Foundation
import Testing

@Suite("Process creation", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct ProcessCreationTests {
    @Test("guest page tables outgrow their first memslots, in the parent and in a forked child",
          arguments: [false, true], [[], ["--no-pf"]])
    func pageTablesGrow(isStatic: Bool, options: [String]) throws {
        let program = try Fixtures.path("ptarena", static: isStatic)
        let native = try runCommand(program, [])
        let traced = try runCommand(TestPaths.dunetrace, ["--silent"] + options + [program])
        #expect(native.status == 0)
        #expect(traced.stdout == native.stdout, "\(traced.stderr.suffix(500))")
        #expect(traced.status == native.status, "\(traced.stderr.suffix(500))")
    }

    @Test("a shell forking and execing in a loop, both paging modes", arguments: [[], ["--no-pf"]])
    func shellLoop(options: [String]) throws {
        let script = "i=0; while [ $i -lt 5 ]; do /bin/true; echo $i $?; i=$((i+1)); done; /bin/false; echo $?"
        let native = try runCommand("/bin/sh", ["-c", script])
        let traced = try runCommand(TestPaths.dunetrace, ["--silent"] + options + ["/bin/sh", "-c", script])
        #expect(traced.stdout == native.stdout, "\(traced.stderr.suffix(500))")
        #expect(traced.status == native.status)
    }

    @Test("a parent and a subreaper wait for exactly the processes the program made (no VM teardown holder shows)",
          arguments: [false, true], [[], ["--no-pf"]])
    func reapedChildren(isStatic: Bool, options: [String]) throws {
        let program = try Fixtures.path("reaped_children", static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.status == 0 && native.stdout.hasSuffix("done\n"), "native run: \(native.stderr)")
        let traced = try runCommand(TestPaths.dunetrace, ["--silent"] + options + [program])
        #expect(traced.stdout == native.stdout, "\(traced.stderr.suffix(500))")
        #expect(traced.status == native.status)
    }

    @Test("an ended child's pipes, flocks and fcntl locks are free when wait4 returns (the teardown holder keeps none)",
          arguments: [false, true], [[], ["--no-pf"]])
    func endedChildReleases(isStatic: Bool, options: [String]) throws {
        let program = try Fixtures.path("exit_releases", static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.status == 0 && native.stdout.contains("hung up 40, read 0 40, flock free 40, fcntl lock free 40"),
                "native run: \(native.stdout) \(native.stderr)")
        let traced = try runCommand(TestPaths.dunetrace, ["--silent"] + options + [program])
        #expect(traced.stdout == native.stdout, "\(traced.stderr.suffix(500))")
        #expect(traced.status == native.status)
    }
}
