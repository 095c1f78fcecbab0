// The target's address space under hostile values, faults the host raises while the guest
// runs, many mappings and large reservations: what the target sees must be what it sees
// natively, and dunetrace must neither trap nor end the run.
import Foundation
import Testing

@Suite("Address space", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct AddressSpaceTests {
    @Test("mmap/munmap/mprotect/mremap/brk/madvise with hostile values: the kernel's errors", arguments: [false, true])
    func hostileValues(isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path("mem_hostile", static: isStatic), [])
    }

    @Test("mapping until vm.max_map_count: ENOMEM, then everything unmaps and mapping works again", arguments: [
        ([String](), false), (["--no-pf"], true),
    ])
    func mapCountLimit(options: [String], isStatic: Bool) throws {
        let program = try Fixtures.path("mem_mapcount", static: isStatic)
        let native = try runCommand(program, [])
        let traced = try runCommand(TestPaths.dunetrace, ["--silent"] + options + [program], timeout: 120)
        #expect(native.stdout.contains("ENOMEM after more than 10000: yes"))
        #expect(!traced.timedOut)
        #expect(traced.stdout == native.stdout)
        #expect(traced.status == native.status, "\(traced.stderr.suffix(500))")
    }

    @Test("1 GiB reservations: the target gets most of the 47-bit user space", arguments: [false, true])
    func largeReservations(isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path("mem_reserve", static: isStatic), [])
    }
}

@Suite("Faults the host raises while the target runs", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct HostFaultTests {
    @Test("file mapping past its end: SIGBUS BUS_ADRERR at the byte; execute-only code runs", arguments: [
        ([String](), false), ([], true), (["--no-pf"], false), (["--no-pf"], true),
    ])
    func hostFaults(options: [String], isStatic: Bool) throws {
        let program = try Fixtures.path("mem_hostfault", static: isStatic)
        let native = try runCommand(program, [])
        let traced = try runCommand(TestPaths.dunetrace, ["--silent"] + options + [program])
        #expect(native.stdout.contains("SIGBUS BUS_ADRERR"))
        if TestPaths.hostHasPKU {
            // Natively the execute-only lines read SEGV_PKUERR here: the guest has no keys.
            let drop = { (text: String) in text.split(separator: "\n").filter { !$0.contains("execute-only mapping") && !$0.contains("execute-only page:") } }
            #expect(drop(traced.stdout) == drop(native.stdout))
            withKnownIssue("the guest has no protection keys: execute-only pages read, natively SEGV_PKUERR on this PKU host") {
                #expect(traced.stdout == native.stdout)
            }
        } else {
            #expect(traced.stdout == native.stdout)
        }
        #expect(traced.status == native.status, "\(traced.stderr.suffix(500))")
    }
}

/// java: 8 threads, GC, a caught NullPointerException. Its thread stacks are mapped while
/// other threads run, and it makes hundreds of mappings: memory must be guest memory before
/// any vCPU can reach it, in either mode.
@Suite("Java", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct JavaTests {
    static let java = ["/usr/bin/java", "/usr/lib/jvm/default-java/bin/java"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("threads, allocation and a NullPointerException, as natively", arguments: [[String](), ["--no-pf"]])
    func threadsAndExceptions(options: [String]) throws {
        guard let java = JavaTests.java, FileManager.default.isExecutableFile(atPath: "/usr/bin/javac") else {
            print("skipped: java/javac not installed (scripts/setup.sh installs default-jdk-headless)")
            return
        }
        let classes = NSTemporaryDirectory() + "dunetrace-java-\(getpid())-\(options.count)"
        let compiled = try runCommand("/usr/bin/javac", ["-d", classes, TestPaths.root + "/fixtures/java/Threads.java"])
        try #require(compiled.status == 0, "\(compiled.stderr)")
        let native = try runCommand(java, ["-cp", classes, "Threads"])
        #expect(native.stdout.contains("caught NullPointerException"))
        for _ in 0..<3 {
            let traced = try runCommand(TestPaths.dunetrace, ["--silent"] + options + [java, "-cp", classes, "Threads"], timeout: 300)
            #expect(traced.stdout == native.stdout)
            #expect(traced.status == native.status, "\(traced.stderr.suffix(500))")
        }
    }
}
