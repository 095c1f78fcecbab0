// get_robust_list and rseq, with the kernel's argument checks. The robust list is the
// target's (set_robust_list is emulated); rseq is not offered (its critical sections would need
// the host scheduler to abort them), so a registration the kernel would take is ENOSYS, as on a
// kernel without it, while bad arguments get the kernel's own errors.
import Glibc

extension Tracer {
    /// get_robust_list(pid, head_ptr, len_ptr) in the kernel's order: the task (ESRCH), the
    /// right to look (EPERM), then the length and the head written out (EFAULT).
    func getRobustList(_ a: SyscallArgs) -> Int64 {
        let pid = Int32(truncatingIfNeeded: a.a0)
        let head: UInt64
        if pid == 0 {
            head = task.robustList
        } else if let t = tasks.first(where: { $0.tid == pid }) {
            head = t.robustList
        } else {
            // A negative pid names no task (kill's -1 and process groups are not tasks).
            // dunetrace's own threads are no tasks of the target's.
            guard pid > 0, !isOwnHostThread(pid), kill(pid, 0) == 0 || errno == EPERM else { return -Int64(ESRCH) }
            // Another process's list is not shown (a traced one's host list is dunetrace's).
            return -Int64(EPERM)
        }
        guard space.isAccessible(a.a2, 8, prot: PROT_WRITE), TargetAccess.store(UInt64(24), at: a.a2) else { return -Int64(EFAULT) }
        guard space.isAccessible(a.a1, 8, prot: PROT_WRITE), TargetAccess.store(head, at: a.a1) else { return -Int64(EFAULT) }
        return 0
    }

    /// rseq(rseq, rseq_len, flags, sig): the kernel's checks, then ENOSYS for a registration.
    func rseqCall(_ a: SyscallArgs) -> Int64 {
        let flags = UInt32(truncatingIfNeeded: a.a2), length = UInt32(truncatingIfNeeded: a.a1)
        let RSEQ_FLAG_UNREGISTER: UInt32 = 1, ORIG_RSEQ_SIZE: UInt32 = 32
        if flags & RSEQ_FLAG_UNREGISTER != 0 {
            // Nothing is registered: unregistering is EINVAL whatever the rest says.
            return -Int64(EINVAL)
        }
        if flags != 0 { return -Int64(EINVAL) }
        let address = a.a0
        if length < ORIG_RSEQ_SIZE
            || (length == ORIG_RSEQ_SIZE && address % UInt64(ORIG_RSEQ_SIZE) != 0)
            || (length != ORIG_RSEQ_SIZE && (address % 32 != 0 || length < 32)) {
            return -Int64(EINVAL)
        }
        let (end, overflow) = address.addingReportingOverflow(UInt64(length))
        if overflow || end > 0x7fff_ffff_f000 { return -Int64(EFAULT) }  // access_ok
        return -Int64(ENOSYS)
    }
}
