// The page-fault recorder. Guest PTEs are filled lazily: a page becomes present only when the
// target first touches it, with no more permission than that touch needs (a read maps it
// read-only even in a writable mapping, so the first write faults again: write after read; an
// instruction fetch adds execute). Every such fault exits once, is recorded with its error
// code decoded bit by bit, and the target retries the instruction. A fault the mapping does
// not allow is a real one: recorded as invalid, then delivered as SIGSEGV.
import CKVM
import Glibc
import Synchronization

extension Tracer {
    /// Handles a #PF of the target. Returns true when it was a first touch, now mapped (the
    /// target just retries); false for a real fault, which becomes a signal. Throws when the
    /// page cannot be mapped (no guest-physical space or page table left): retrying would loop.
    func handlePageFault(errorCode e: UInt64, cr2: UInt64, regs: dt_regs) throws(DunetraceError) -> Bool {
        let write = e & 2 != 0, ifetch = e & 16 != 0, present = e & 1 != 0
        var kind = PageFaultKind.invalid
        var mapping = space.mapping(at: cr2)
        if mapping == nil, growStack(to: cr2) { mapping = space.mapping(at: cr2) }
        // A guard region: no page for the guest (SEGV_MAPERR, FaultSignal), unless it went
        // with an unmap since (the host reads the page again).
        if mapping != nil, space.isGuarded(cr2) {
            var probe: UInt8 = 0
            if TargetAccess.read(cr2 & ~4095, into: &probe, count: 1) {
                space.removeGuard(cr2 & ~4095, (cr2 & ~4095) + 4096)
            } else {
                mapping = nil
            }
        }
        // With --no-pf a page is missing only after a host fault took it away: it comes back
        // the same way, unrecorded.
        if let m = mapping, e & 8 == 0, !space.eager || !present {
            // x86 cannot make a page writable or executable but unreadable: both imply read.
            let allowed = write ? m.prot & PROT_WRITE != 0
                : ifetch ? m.prot & PROT_EXEC != 0
                : m.prot & (PROT_READ | PROT_WRITE | PROT_EXEC) != 0
            let page = cr2 & ~4095
            let current = dt_vm_page_prot(vm, page)
            if allowed && !present && space.inheritedOnTouch && space.eager {
                // Mapped ahead, a forked child's inherited memory comes in as touched, unrecorded
                // (with --pf=ws the retried access sets the bits the next exit reads).
                guard space.mapInherited(m, at: cr2 & ~4095) else { throw .vm(String(cString: dt_vm_error(vm))) }
                pageFaultCount += 1
                return true
            }
            if allowed && !(present && !write && !ifetch) {
                if space.inheritedOnTouch && current < 0 { _ = space.mapInherited(m, at: cr2 & ~4095) }
                var prot = (current < 0 ? 0 : current) | PROT_READ
                if write { prot |= PROT_WRITE }
                if ifetch { prot |= PROT_EXEC }
                if dt_vm_map(vm, page, 4096, space.eager ? m.prot : prot & (m.prot | PROT_READ)) != 0 {
                    throw .vm(String(cString: dt_vm_error(vm)))
                }
                kind = ifetch ? .exec : write ? (current >= 0 ? .writeAfterRead : .firstWrite) : .firstRead
                task.lastTouchedPage = page
            }
        }
        if !space.eager && (live != nil || recorder != nil) {
            notePageFault(PageFaultEvent(pid: shownPid, tid: shownTid, time: nowNanoseconds(), address: cr2, ip: regs.rip,
                                         errorCode: e, kind: kind, mapping: mapping?.name ?? ""), regs: regs)
        }
        pageFaultCount += 1
        return kind != .invalid
    }

    /// KVM could not get a page the guest maps from the host kernel (a shared file mapping
    /// past the end of its file). The page is made not present and the target resumed: its
    /// retry faults in the guest with the exact address and access, which becomes the signal.
    /// When KVM does not name the page, the PTEs of every file mapping and guard region go
    /// first (only their pages fail so): the page the target touches again before the next
    /// such fault is it.
    /// Returns nil to resume, .some(nil) when the page cannot be found, else the signal's end.
    func hostFault(reported: UInt64, regs: inout dt_regs) -> TargetExit?? {
        var page = reported
        if page == 0 {
            if task.findingHostFault && task.lastTouchedPage != 0 {
                page = task.lastTouchedPage
            } else if !task.findingHostFault {
                for m in space.maps where m.isFile { dt_vm_map(vm, m.start, m.end - m.start, 0) }
                for r in space.guardRanges { dt_vm_map(vm, r.start, r.end - r.start, 0) }
                space.needsFlush = true
                task.findingHostFault = true
                task.lastTouchedPage = 0
                return nil
            } else {
                return .some(nil)
            }
        }
        task.findingHostFault = false
        if page == task.hostFaultPage {
            // Faulted again without a guest fault between: the address is the page's.
            task.hostFaultPage = 0
            task.trap = (14, 4, page)  // #PF, X86_PF_USER: the access itself is not known here
            return .some(forceSignal(SIGBUS, info: SignalInfo(signo: SIGBUS, code: 2, address: page), regs: &regs))
        }
        dt_vm_map(vm, page, 4096, 0)
        space.needsFlush = true
        task.hostFaultPage = page
        return nil
    }

    /// The retry after a host fault: SIGBUS (BUS_ADRERR) at the address touched, as natively,
    /// when the mapping allows the access. Nil when this fault is not that retry.
    func hostFaultSignal(errorCode e: UInt64, cr2: UInt64, regs: inout dt_regs) -> TargetExit?? {
        guard task.hostFaultPage != 0, cr2 & ~4095 == task.hostFaultPage else { return nil }
        let page = task.hostFaultPage
        task.hostFaultPage = 0
        guard let m = space.mapping(at: cr2),
              e & 2 == 0 || m.prot & PROT_WRITE != 0, e & 16 == 0 || m.prot & PROT_EXEC != 0 else { return nil }
        if space.eager { dt_vm_map(vm, page, 4096, m.prot) }
        task.trap = (14, e | 4, cr2)  // the kernel's do_sigbus: #PF, X86_PF_USER
        return .some(forceSignal(SIGBUS, info: SignalInfo(signo: SIGBUS, code: 2, address: cr2), regs: &regs))
    }

    /// After the target's own setrlimit or prlimit64 set RLIMIT_STACK: the main stack, mapped
    /// whole at exec (as large as the limit was then), keeps only what the new limit allows
    /// and what the target has touched already (at least the 132 KiB exec sets up, as
    /// VmStk counts it); the rest goes back to the reservation, kept free below it, and the
    /// stack grows down into it again on a touch (growStack: within RLIMIT_STACK), so a touch
    /// past the limit is the kernel's SIGSEGV.
    func stackLimitChanged(_ nr: Int, _ a: SyscallArgs) {
        let resource: UInt64
        switch nr {
        case Tracer.setrlimitNumber: resource = a.a0
        case Tracer.prlimit64Number:
            let who = Int32(truncatingIfNeeded: a.a0)
            guard a.a2 != 0, who == 0 || who == pid || tasks.contains(where: { $0.tid == who }) else { return }
            resource = a.a1
        default: return
        }
        guard resource & 0xffff_ffff == UInt64(RLIMIT_STACK.rawValue) else { return }
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_STACK.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max,
              let m = space.maps.last(where: { $0.name == "[stack]" }) else { return }
        let wanted = max(UInt64(limit.rlim_cur), stackResident(m.start, m.end), 132 * 1024)
        guard wanted < m.end - m.start else { return }
        let cut = m.end - AddressSpace.pageUp(wanted)
        guard cut > m.start else { return }
        space.removeMapping(m.start, cut - m.start)
        space.block(m.start, cut)
        space.markGrowsDown(cut, m.end)
    }
    private static let setrlimitNumber = Sys.setrlimit
    private static let prlimit64Number = Sys.prlimit64

    /// A touch below a MAP_GROWSDOWN mapping extends it down to the page touched, as the
    /// kernel's expand_stack: while a gap of stack_guard_gap (256 pages) stays above the mapping
    /// below, and the whole stays within RLIMIT_STACK.
    private func growStack(to address: UInt64) -> Bool {
        guard let m = space.growsDownMapping(above: address) else { return false }
        let page = address & ~4095, guardGap: UInt64 = 256 * 4096
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_STACK.rawValue), &limit)
        let below = space.endOfMapping(below: address)
        // The whole stack counts: each growth is a mapping of its own here, one VMA natively.
        var top = m.end
        while let above = space.mapping(at: top), above.growsDown, above.start == top { top = above.end }
        guard page >= below, page - below >= guardGap || below == 0,
              top - page <= UInt64(limit.rlim_cur) else { return false }
        // Outside the region dunetrace reserved (a MAP_FIXED mapping): the host's free memory
        // is taken, as the kernel expands into it; never dunetrace's own.
        guard space.contains(page, m.start - page) || space.claim(page, m.start) else { return false }
        // MAP_GROWSDOWN too: the host merges it with the mapping above, one VMA as natively
        // (one line of /proc/self/maps, the whole of it for mprotect's PROT_GROWSDOWN).
        let r = space.hostMap(page, m.start - page, prot: m.prot, flags: MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, fd: -1, offset: 0)
        guard r >= 0 else { return false }
        space.addMapping(page, m.start - page, prot: m.prot, name: m.name, growsDown: true)
        return true
    }
}

/// --pf=ws: where the last collection of touches ended, for the interval of the next ones.
/// One per process (the page tables are the process's), any thread's exit collects.
let lastTouchCollection = Atomic<UInt64>(0)  // no lock: a forked child may not inherit one taken

extension Tracer {
    /// --pf=ws, at every exit: the pages the guest touched since the last collection (any
    /// vCPU's), from the page tables' accessed/dirty bits, recorded as approximate page
    /// faults of the exiting thread, each within [last collection, now].
    func noteTouches(regs: dt_regs) {
        var found: UnsafePointer<dt_touch>?
        var walked: Int32 = 0
        let n = dt_vm_collect_touches(vm, &found, &walked)
        // Real VT-x/AMD-V may keep a walk cached past the cleared accessed bit above a table.
        if walked != 0 && !hostIsPVM { space.needsFlush = true }
        guard n > 0, let found else { return }
        let touches = UnsafeBufferPointer(start: found, count: n)
        let now = nowNanoseconds()
        let last = lastTouchCollection.exchange(now, ordering: .relaxed)
        let since = last == 0 ? now : last
        pageFaultCount += touches.count
        guard live != nil || recorder != nil else { return }
        lock.lock()
        defer { lock.unlock() }
        for t in touches {
            let kind: PageFaultKind = t.kind == Int32(DT_TOUCH_READ) ? .touchedRead
                : t.kind == Int32(DT_TOUCH_WRITE) ? .touchedWrite : .touchedWriteAfterRead
            // The error code the first touch would have had: user, read or write, not present.
            let errorCode: UInt64 = kind == .touchedRead ? 4 : kind == .touchedWrite ? 6 : 7
            notePageFault(PageFaultEvent(pid: shownPid, tid: shownTid, time: now, address: t.page, ip: 0, errorCode: errorCode,
                                         kind: kind, mapping: space.mapping(at: t.page)?.name ?? "", since: since), regs: regs)
        }
    }

}

/// Asked once: KVM is the same for the whole run.
private let hostIsPVM: Bool = {
    var info = dt_kvm_info()
    var err = [CChar](repeating: 0, count: 128)
    return dt_kvm_probe(&info, &err, err.count) == 0 && info.is_pvm != 0
}()
