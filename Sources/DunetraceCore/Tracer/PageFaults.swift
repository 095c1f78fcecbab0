// The page-fault recorder. Guest PTEs are filled lazily: a page becomes present only when the
// target first touches it, with no more permission than that touch needs (a read maps it
// read-only even in a writable mapping, so the first write faults again: write after read; an
// instruction fetch adds execute). Every such fault exits once, is recorded with its error
// code decoded bit by bit, and the target retries the instruction. A fault the mapping does
// not allow is a real one: recorded as invalid, then delivered as SIGSEGV.
import CKVM
import Glibc

extension Tracer {
    /// Handles a #PF of the target. Returns true when it was a first touch, now mapped (the
    /// target just retries); false for a real fault, which becomes a signal.
    func handlePageFault(errorCode e: UInt64, cr2: UInt64, regs: dt_regs) -> Bool {
        let write = e & 2 != 0, ifetch = e & 16 != 0, present = e & 1 != 0
        var kind = PageFaultKind.invalid
        let mapping = space.mapping(at: cr2)
        if !space.eager, let m = mapping, e & 8 == 0 {
            // x86 cannot make a page writable or executable but unreadable: both imply read.
            let allowed = write ? m.prot & PROT_WRITE != 0
                : ifetch ? m.prot & PROT_EXEC != 0
                : m.prot & (PROT_READ | PROT_WRITE | PROT_EXEC) != 0
            let page = cr2 & ~4095
            let current = dt_vm_page_prot(vm, page)
            if allowed && !(present && !write && !ifetch) {
                var prot = (current < 0 ? 0 : current) | PROT_READ
                if write { prot |= PROT_WRITE }
                if ifetch { prot |= PROT_EXEC }
                dt_vm_map(vm, page, 4096, prot & (m.prot | PROT_READ))
                kind = ifetch ? .exec : write ? (current >= 0 ? .writeAfterRead : .firstWrite) : .firstRead
            }
        }
        if !space.eager && (live != nil || recorder != nil) {
            notePageFault(PageFaultEvent(pid: pid, tid: tid, time: nowNanoseconds(), address: cr2, ip: regs.rip,
                                         errorCode: e, kind: kind, mapping: mapping?.name ?? ""), regs: regs)
        }
        pageFaultCount += 1
        return kind != .invalid
    }
}
