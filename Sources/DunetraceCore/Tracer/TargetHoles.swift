// Calls that walk the target's mappings and fail on a hole in them. The target's unmapped
// pages inside its region are still reserved on the host (PROT_NONE), so the host kernel finds
// no hole there: where the host call succeeded over a range the target has not mapped, the
// result is the kernel's error for a hole.
import Glibc

extension Tracer {
    private static let holeErrors: [Int: Int32] = {
        var t: [Int: Int32] = [:]
        // msync, mlock, mlock2, munlock and mincore over a hole never run: the guard answers
        // them first (Guard/TargetRanges.swift), as they must not touch dunetrace's memory.
        for (name, e) in [("mbind", EFAULT)] {
            if let nr = SyscallTable.number(name) { t[nr] = e }
        }
        return t
    }()

    /// The error a successful host call `nr` becomes when its range has a hole the target sees.
    func holeError(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        guard let e = Tracer.holeErrors[nr] else { return nil }
        // The range as the kernel forms it: page-aligned start, length rounded up with the offset.
        let start = a.a0 & ~4095
        let (raw, overflow) = a.a1.addingReportingOverflow(a.a0 & 4095)
        guard !overflow, raw <= UInt64.max - 4095 else { return nil }
        let length = (raw + 4095) & ~4095
        guard length > 0, length <= Int.max else { return nil }
        return space.isAccessible(start, Int(length), prot: 0) ? nil : -Int64(e)
    }
}
