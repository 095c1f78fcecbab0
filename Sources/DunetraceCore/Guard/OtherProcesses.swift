// Calls that reach into another process's memory or descriptors by pid. Every process of a
// trace is a dunetrace process on the host, so its memory and descriptors are dunetrace's as
// well as its target's: process_vm_readv/writev on the target's own pid may touch only the
// target's memory, and on another traced process only that process's target's memory (as it
// publishes it: ProcessFacts.swift); ptrace, and pidfd_getfd or kcmp of dunetrace's
// descriptors, are refused as the kernel refuses a process it may not touch.
import CKVM
import Glibc

extension Tracer {
    private static let processVmReadv = Sys.process_vm_readv
    private static let processVmWritev = Sys.process_vm_writev
    private static let processMadvise = Sys.process_madvise
    private static let ptraceCall = Sys.ptrace
    private static let pidfdGetfd = Sys.pidfd_getfd
    private static let kcmpCall = Sys.kcmp
    private static let ioUringSetup = Sys.io_uring_setup
    static let movePages = Sys.move_pages

    /// nil: the call goes on to the model's guard (with `hostArgs`, possibly changed here).
    func guardOtherProcesses(_ nr: Int, _ a: SyscallArgs, _ hostArgs: inout SyscallArgs, _ copies: inout GuardCopies?) -> Int64? {
        func pid(_ v: UInt64) -> Int32 { Int32(truncatingIfNeeded: v) }
        switch nr {
        case Tracer.ioUringSetup:
            // Its rings carry pointers the kernel follows later, unchecked: not offered.
            return -Int64(ENOSYS)
        case Tracer.movePages:
            // Another process of the trace would show where its dunetrace is mapped.
            let other = pid(a.a0)
            return other != 0 && other != getpid() && isTracedProcess(other) ? -Int64(EPERM) : nil
        case Tracer.processVmReadv, Tracer.processVmWritev:
            // The tid of one of the target's threads names this process too, as natively.
            if pid(a.a0) == getpid() || tasks.contains(where: { $0.tid == pid(a.a0) }) { return checkRemoteIovecs(a, &hostArgs, &copies) }
            // The kernel's EINVAL (flags, a vector count past UIO_MAXIOV) comes before its access check.
            if a.a5 != 0 || a.a2 > 1024 || a.a4 > 1024 { return -Int64(EINVAL) }
            return isTracedProcess(pid(a.a0)) ? otherProcessMemory(pid(a.a0), a, &hostArgs, &copies) : nil
        case Tracer.ptraceCall:
            return ptraceAnswer(request: a.a0, pid: pid(a.a1), addr: a.a2, data: a.a3)
        case Tracer.processMadvise:
            // On itself the kernel (6.14 on) takes every advice, DONTNEED and FREE included: only
            // the target's ranges reach it; flags, the iovec and the pidfd are the kernel's.
            guard a.a4 & 0xffff_ffff == 0, a.a2 <= 1024 else { return nil }
            let fd = pid(a.a0)
            let target = fd == Tracer.PIDFD_SELF_THREAD || fd == Tracer.PIDFD_SELF_THREAD_GROUP ? getpid() : pidOfPidfd(fd)
            guard let target else { return nil }
            if target != getpid() { return isTracedProcess(target) ? -Int64(EPERM) : nil }
            return madviseOwnRanges(a, &hostArgs, &copies)
        case Tracer.pidfdGetfd:
            guard a.a2 & 0xffff_ffff == 0 else { return nil }
            // PIDFD_SELF (kernels that take it here) is this process; a pidfd not known stays the kernel's.
            let fd = pid(a.a0)
            if (fd == Tracer.PIDFD_SELF_THREAD || fd == Tracer.PIDFD_SELF_THREAD_GROUP) && guardRules.isReservedFd(a.a1) { return -Int64(EBADF) }
            guard pidOfPidfd(fd) != nil else { return nil }
            // Another process of the trace: its target's descriptors are the kernel's to hand
            // over (its own access check); dunetrace's, at the same reserved numbers in every
            // process of the trace, are not open for its target.
            return guardRules.isReservedFd(a.a1) ? -Int64(EBADF) : nil
        case Tracer.kcmpCall:
            let KCMP_FILE: UInt64 = 0, KCMP_FILES: UInt64 = 2
            if a.a2 == KCMP_FILE && (guardRules.isReservedFd(a.a3) || guardRules.isReservedFd(a.a4)) { return -Int64(EBADF) }
            if a.a2 == KCMP_FILES { return nil }
            return nil
        default:
            return nil
        }
    }

    /// process_vm_readv/writev on itself: the remote iovecs must lie in the target's memory; the
    /// kernel gets a checked copy of them.
    private func checkRemoteIovecs(_ a: SyscallArgs, _ hostArgs: inout SyscallArgs, _ copies: inout GuardCopies?) -> Int64? {
        guard a.a4 <= 1024 else { return nil }  // the kernel's EINVAL
        let count = Int(a.a4)
        guard count > 0, a.a3 != 0 else { return nil }
        let made = copies ?? GuardCopies()
        guard let copy = made.copyIn(a.a3, count: count * 16) else { return -Int64(EFAULT) }
        for k in 0..<count {
            let base = copy.loadUnaligned(fromByteOffset: k * 16, as: UInt64.self)
            let len = copy.loadUnaligned(fromByteOffset: k * 16 + 8, as: UInt64.self)
            if len > 0 && !space.contains(base, len) { return -Int64(EFAULT) }
        }
        hostArgs.a3 = UInt64(UInt(bitPattern: copy))
        copies = made
        return nil
    }

    /// move_pages on this process: each page the target does not have is given to the kernel as
    /// an address no process has, so its status is the kernel's -EFAULT for an unmapped page
    /// (dunetrace's own pages would answer with a node, showing where dunetrace is).
    func ownPagesOnly(_ checked: inout SyscallArgs, _ copies: GuardCopies) -> Int64? {
        let who = Int32(truncatingIfNeeded: checked.a0)
        guard who == 0 || who == getpid(), checked.a1 > 0, checked.a2 != 0 else { return nil }
        guard checked.a1 <= 1 << 22 else { return -Int64(ENOMEM) }
        let count = Int(checked.a1)
        guard let pages = copies.copyIn(checked.a2, count: count * 8) else { return -Int64(EFAULT) }
        for i in 0..<count {
            let address = pages.load(fromByteOffset: i * 8, as: UInt64.self)
            if !space.contains(address & ~4095, 4096) {
                pages.storeBytes(of: ModelGuard.unreachable, toByteOffset: i * 8, as: UInt64.self)
            }
        }
        checked.a2 = UInt64(UInt(bitPattern: pages))
        return nil
    }

    /// Nothing is ever traced by a target (its tracer would be dunetrace's host thread): requests
    /// on a tracee find none (ESRCH), as the kernel's ptrace_check_attach; PTRACE_TRACEME is
    /// refused as for a process already traced; attaching finds the process, checks SEIZE's
    /// arguments, then is refused as the kernel refuses a process it may not trace.
    private func ptraceAnswer(request: UInt64, pid: Int32, addr: UInt64, data: UInt64) -> Int64 {
        let TRACEME: UInt64 = 0, ATTACH: UInt64 = 16, SEIZE: UInt64 = 0x4206
        let optionMask: UInt64 = 0xff | 1 << 20 | 1 << 21  // PTRACE_O_MASK
        if request == TRACEME { return -Int64(EPERM) }
        guard pid > 0, kill(pid, 0) == 0 || errno != ESRCH else { return -Int64(ESRCH) }
        guard request == ATTACH || request == SEIZE else { return -Int64(ESRCH) }
        if request == SEIZE && (addr != 0 || data & ~optionMask != 0) { return -Int64(EIO) }
        return -Int64(EPERM)
    }

    /// process_madvise on the target itself: the ranges before the first that is not the
    /// target's go to the kernel, as a checked copy (it returns the bytes it advised); when the
    /// first is not, the kernel's own checks (pidfd, advice, flags) are asked of it with an empty
    /// range and the advice with madvise's own check, then it is the kernel's ENOMEM for an
    /// unmapped range.
    private func madviseOwnRanges(_ a: SyscallArgs, _ hostArgs: inout SyscallArgs, _ copies: inout GuardCopies?) -> Int64? {
        let count = Int(a.a2)
        guard count > 0, a.a1 != 0 else { return nil }
        let made = copies ?? GuardCopies()
        guard let copy = made.copyIn(a.a1, count: count * 16) else { return nil }  // the kernel's EFAULT
        var inside = 0
        while inside < count {
            let base = copy.loadUnaligned(fromByteOffset: inside * 16, as: UInt64.self)
            let len = copy.loadUnaligned(fromByteOffset: inside * 16 + 8, as: UInt64.self)
            if len > 0 && !space.contains(base & ~4095, AddressSpace.pageUp(len &+ (base & 4095))) { break }
            inside += 1
        }
        if inside == 0 {
            var empty = iovec(iov_base: nil, iov_len: 0)
            let r = withUnsafeMutablePointer(to: &empty) {
                dt_host_syscall(Int64(Tracer.processMadvise), a.a0, UInt64(UInt(bitPattern: $0)), 1, a.a3, a.a4, 0)
            }
            if r < 0 { return r }
            // The advice is checked with the first range: madvise's own check, on an empty range.
            let advice = dt_host_syscall(28 /* madvise */, 0, 0, a.a3 & 0xffff_ffff, 0, 0, 0)
            return advice < 0 ? advice : -Int64(ENOMEM)
        }
        hostArgs.a1 = UInt64(UInt(bitPattern: copy))
        hostArgs.a2 = UInt64(inside)
        copies = made
        return nil
    }

    /// The pidfds that name the caller without a descriptor (kernels from 6.15 take them).
    static let PIDFD_SELF_THREAD: Int32 = -10000, PIDFD_SELF_THREAD_GROUP: Int32 = -20000

    private func pidOfPidfd(_ fd: Int32) -> Int32? {
        guard fd >= 0, let text = readWholeFile("/proc/self/fdinfo/\(fd)") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("Pid:") {
            return Int32(line.dropFirst(4).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// A process of this trace (another dunetrace process): its executable is dunetrace's.
    func isTracedProcess(_ other: Int32) -> Bool {
        guard other > 0 else { return false }
        var mine = stat(), theirs = stat()
        guard HostProc.statPath("/proc/self/exe", &mine) == 0, HostProc.statPath("/proc/\(other)/exe", &theirs) == 0 else { return false }
        return mine.st_dev == theirs.st_dev && mine.st_ino == theirs.st_ino
    }
}
