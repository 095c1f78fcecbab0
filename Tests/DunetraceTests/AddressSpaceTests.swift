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
        #expect(traced.stdout == native.stdout)
        #expect(traced.status == native.status, "\(traced.stderr.suffix(500))")
    }
}
