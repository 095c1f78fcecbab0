// SIGKILL the kernel sends by itself, with no call of the target's in between: F_SETSIG 9 (a
// descriptor's I/O events, dnotify, a lease break), mq_notify and timer_create signalling 9,
// PR_SET_PDEATHSIG 9, a child made with exit signal 9. Natively the process dies; here the
// real signal would kill dunetrace's process too, its last events unwritten and its end
// unrecorded. So the host is asked for SIGURG, which kernelkill.c recognizes as that kill
// (recorded, then the real SIGKILL), and the target reads back 9 where it asks.
import CKVM
import Glibc

enum KernelSentKill {
    static let F_SETSIG: Int32 = 10, F_GETSIG: Int32 = 11
    static let PR_SET_PDEATHSIG: UInt64 = 1, PR_GET_PDEATHSIG: UInt64 = 2
    static let mqNotify = Sys.mq_notify

    /// A struct sigevent (64 bytes) that signals SIGKILL (SIGEV_SIGNAL, or SIGEV_THREAD_ID for
    /// a timer), made to signal SIGURG with dunetrace's value; nil for every other one.
    static func proxied(_ event: [UInt8], threadIdAllowed: Bool) -> [UInt8]? {
        guard event.count >= 16, dt_kill_request_value() != 0 else { return nil }
        let signo = event.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: Int32.self) }
        let notify = event.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 12, as: Int32.self) }
        guard signo == SIGKILL, notify == 0 /* SIGEV_SIGNAL */ || (threadIdAllowed && notify == 4 /* SIGEV_THREAD_ID */) else { return nil }
        var copy = event
        copy.withUnsafeMutableBytes {
            $0.storeBytes(of: dt_kill_request_value(), toByteOffset: 0, as: UInt64.self)
            $0.storeBytes(of: SIGURG, toByteOffset: 8, as: Int32.self)
        }
        return copy
    }

    /// The exit signal the host's clone gets for the target's.
    static func hostExitSignal(_ exitSignal: UInt64) -> UInt64 { exitSignal == UInt64(SIGKILL) ? UInt64(SIGURG) : exitSignal }
}

extension Tracer {
    /// fcntl F_SETSIG and F_GETSIG; nil for every other command (and for dunetrace's own
    /// descriptors, which the guard refuses).
    func kernelKillFcntl(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        let cmd = Int32(truncatingIfNeeded: a.a1)
        guard cmd == KernelSentKill.F_SETSIG || cmd == KernelSentKill.F_GETSIG, !guardRules.isReservedFd(a.a0 & 0xffff_ffff) else { return nil }
        let fd = Int32(truncatingIfNeeded: a.a0)
        if cmd == KernelSentKill.F_GETSIG {
            let r = dt_host_syscall(Int64(nr), a.a0, a.a1, 0, 0, 0, 0)
            return r == Int64(SIGURG) && dt_kernel_kill_fd_is_kill(fd) != 0 ? Int64(SIGKILL) : r
        }
        let signal = Int32(truncatingIfNeeded: a.a2)  // an int to the kernel
        if signal == SIGURG { dt_kernel_kill_target_sigurg() }
        let r = dt_host_syscall(Int64(nr), a.a0, a.a1, signal == SIGKILL ? UInt64(SIGURG) : a.a2, 0, 0, 0)
        if r == 0 { dt_kernel_kill_mark_fd(fd, signal == SIGKILL ? 1 : 0) }
        return r
    }

    /// mq_notify(mqdes, sevp) asking for SIGKILL; nil for every other request.
    func kernelKillMqNotify(_ a: SyscallArgs) -> Int64? {
        guard a.a1 != 0, !guardRules.isReservedFd(a.a0 & 0xffff_ffff),
              let event = memory.read(a.a1, count: 64), let proxy = KernelSentKill.proxied(event, threadIdAllowed: false) else { return nil }
        return proxy.withUnsafeBytes {
            dt_host_syscall(Int64(KernelSentKill.mqNotify), a.a0, UInt64(UInt(bitPattern: $0.baseAddress!)), 0, 0, 0, 0)
        }
    }

    /// prctl PR_SET_PDEATHSIG and PR_GET_PDEATHSIG; nil for every other option.
    func kernelKillDeathSignal(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        let option = a.a0 & 0xffff_ffff
        if option == KernelSentKill.PR_SET_PDEATHSIG {
            guard a.a1 == UInt64(SIGKILL) else {
                let r = dt_host_syscall(Int64(nr), a.a0, a.a1, a.a2, a.a3, a.a4, a.a5)
                if r == 0 { dt_kernel_kill_death_signal(0) }
                return r
            }
            let r = dt_host_syscall(Int64(nr), a.a0, UInt64(SIGURG), a.a2, a.a3, a.a4, a.a5)
            if r == 0 { dt_kernel_kill_death_signal(getppid()) }
            return r
        }
        guard option == KernelSentKill.PR_GET_PDEATHSIG else { return nil }
        var value: Int32 = 0
        let r = withUnsafeMutablePointer(to: &value) { dt_host_syscall(Int64(nr), a.a0, UInt64(UInt(bitPattern: $0)), a.a2, a.a3, a.a4, a.a5) }
        guard r == 0 else { return r }
        if value == SIGURG && dt_kernel_kill_death_signal_set() != 0 { value = SIGKILL }
        guard space.isAccessible(a.a1, 4, prot: PROT_WRITE), TargetAccess.store(value, at: a.a1) else { return -Int64(EFAULT) }
        return 0
    }
}
