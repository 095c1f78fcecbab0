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
