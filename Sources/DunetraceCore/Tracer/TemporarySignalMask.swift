// ppoll, pselect6, epoll_pwait and epoll_pwait2 take a signal mask that the kernel makes the
// thread's for the duration of the call: a signal it unblocks interrupts the wait, whether it
// was pending before the call or arrives during it, and its handler runs with that mask, the
// frame restoring the old one (sigsuspend's rule). The target's mask is dunetrace's to keep
// (a signal the target blocks waits in dunetrace's queue, unseen by the host kernel), so the
// mask is swapped here, not on the host: the host call gets a copy of the host thread's
// current mask, which makes the kernel's own swap a no-op while keeping its checks (size,
// EFAULT) in the kernel's order.
import CKVM
import Glibc

final class TemporarySignalMask {
    /// The mask the target asked for, SIGKILL and SIGSTOP taken out as the kernel does.
    let mask: UInt64
    /// What the host call gets in place of the target's arguments.
    private(set) var hostArgs: SyscallArgs
    private let nr: Int
    // Host memory the substituted pointers point at: [0] the host mask, [1..2] pselect6's
    // {sigset pointer, size}, [3..4] a zero timeout.
    private let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: 5)

    private static let ppoll = Sys.ppoll
    private static let pselect6 = Sys.pselect6
    private static let epollPwait = Sys.epoll_pwait
    private static let epollPwait2 = Sys.epoll_pwait2

    /// nil when `nr` takes no mask, none was given, or the kernel will refuse it (wrong size,
    /// unreadable): then the call goes to the kernel as it is and fails there.
    init?(_ nr: Int, _ a: SyscallArgs, space: AddressSpace) {
        let maskPointer: UInt64, size: UInt64
        switch nr {
        case TemporarySignalMask.ppoll: (maskPointer, size) = (a.a3, a.a4)
        case TemporarySignalMask.epollPwait, TemporarySignalMask.epollPwait2: (maskPointer, size) = (a.a4, a.a5)
        case TemporarySignalMask.pselect6:
            guard a.a5 != 0, space.isAccessible(a.a5, 16) else { return nil }
            guard let pair = TargetAccess.load(a.a5, as: (UInt64, UInt64).self) else { return nil }
            (maskPointer, size) = pair
        default: return nil
        }
        guard maskPointer != 0, size == 8, space.isAccessible(maskPointer, 8) else { return nil }
        let unblockable: UInt64 = (1 << UInt64(SIGKILL - 1)) | (1 << UInt64(SIGSTOP - 1))
        guard let requested = TargetAccess.load(maskPointer, as: UInt64.self) else { return nil }
        mask = requested & ~unblockable
        self.nr = nr
        hostArgs = a
        scratch.initialize(repeating: 0, count: 5)
        let maskAddress = UInt64(UInt(bitPattern: scratch))
        if nr == TemporarySignalMask.pselect6 {
            scratch[1] = maskAddress
            scratch[2] = 8
            hostArgs.a5 = UInt64(UInt(bitPattern: scratch + 1))
        } else if nr == TemporarySignalMask.ppoll {
            hostArgs.a3 = maskAddress
        } else {
            hostArgs.a4 = maskAddress
        }
    }

    deinit { scratch.deallocate() }

    /// `args` (the guard's checked arguments) with the mask argument replaced by this one's.
    func substitute(in args: SyscallArgs) -> SyscallArgs {
        var a = args
        switch nr {
        case TemporarySignalMask.pselect6: a.a5 = hostArgs.a5
        case TemporarySignalMask.ppoll: a.a3 = hostArgs.a3
        default: a.a4 = hostArgs.a4
        }
        hostArgsWithGuard = a
        return a
    }
    private var hostArgsWithGuard: SyscallArgs?

    /// The host thread's mask, which the host call keeps.
    func setHostMask(_ hostMask: UInt64) { scratch[0] = hostMask }

    /// The same call with a zero timeout: one pass over what it waits for, as the kernel makes
    /// before it sees a pending signal (ready descriptors are returned, the signal stays).
    var pollOnceArgs: SyscallArgs {
        var a = hostArgsWithGuard ?? hostArgs
        let zero = UInt64(UInt(bitPattern: scratch + 3))
        switch nr {
        case TemporarySignalMask.ppoll: a.a2 = zero
        case TemporarySignalMask.pselect6: a.a4 = zero
        case TemporarySignalMask.epollPwait: a.a3 = 0
        default: a.a3 = zero
        }
        return a
    }
}
