// Calls that wait with a relative timeout run on the host, where any signal for the target
// interrupts them, also one the target blocks or ignores. The kernel would not have stopped
// the wait, so it goes on, but only for what is left of it, as the kernel's own restart does:
// the whole timeout again would never end under a periodic timer's blocked signal. (select,
// pselect6 and ppoll write what is left into their timeout themselves.)
import CKVM
import Glibc

struct TimedWait {
    private enum Kind {
        case sleep(clock: Int32, remaining: UInt64)  // nanosleep, clock_nanosleep: rem is written
        case milliseconds(argument: Int)             // poll, epoll_wait, epoll_pwait
        case timespec(argument: Int)                 // epoll_pwait2, futex(FUTEX_WAIT)
    }
    private let kind: Kind
    private let deadline: Int64  // on `clock`
    private let clock: Int32

    private static let nanosleep = Sys.nanosleep
    private static let clockNanosleep = Sys.clock_nanosleep
    private static let poll = Sys.poll
    private static let epollWait = Sys.epoll_wait
    private static let epollPwait = Sys.epoll_pwait
    private static let epollPwait2 = Sys.epoll_pwait2
    private static let futex = Sys.futex
    private static let TIMER_ABSTIME: UInt64 = 1

    /// nil for any other call, no timeout, an absolute one, or one the call itself will refuse.
    init?(_ nr: Int, _ a: SyscallArgs, space: AddressSpace) {
        var clockId = CLOCK_MONOTONIC
        let length: Int64
        switch nr {
        case TimedWait.nanosleep, TimedWait.clockNanosleep:
            let request: UInt64
            if nr == TimedWait.nanosleep {
                (request, kind) = (a.a0, .sleep(clock: CLOCK_MONOTONIC, remaining: a.a1))
            } else {
                guard a.a1 & TimedWait.TIMER_ABSTIME == 0 else { return nil }
                // A relative sleep on the wall clock does not move with it: the monotonic one.
                let c = Int32(truncatingIfNeeded: a.a0)
                clockId = c == CLOCK_REALTIME ? CLOCK_MONOTONIC : c
                (request, kind) = (a.a2, .sleep(clock: clockId, remaining: a.a3))
            }
            guard let ns = TimedWait.readTimespec(request, space: space) else { return nil }
            length = ns
        case TimedWait.poll, TimedWait.epollWait, TimedWait.epollPwait:
            let argument = nr == TimedWait.poll ? 2 : 3
            let ms = Int32(truncatingIfNeeded: argument == 2 ? a.a2 : a.a3)
            guard ms > 0 else { return nil }
            (length, kind) = (Int64(ms) * 1_000_000, .milliseconds(argument: argument))
        case TimedWait.epollPwait2, TimedWait.futex:
            if nr == TimedWait.futex {
                let FUTEX_CMD_MASK: UInt64 = 0x7f, FUTEX_WAIT: UInt64 = 0
                guard a.a1 & FUTEX_CMD_MASK == FUTEX_WAIT else { return nil }
            }
            guard a.a3 != 0, let ns = TimedWait.readTimespec(a.a3, space: space) else { return nil }
            (length, kind) = (ns, .timespec(argument: 3))
        default:
            return nil
        }
        clock = clockId
        var now = timespec()
        guard clock_gettime(clock, &now) == 0 else { return nil }
        deadline = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) + length
    }

    private static func readTimespec(_ address: UInt64, space: AddressSpace) -> Int64? {
        guard space.isAccessible(address, 16) else { return nil }
        guard let (sec, nsec) = TargetAccess.load(address, as: (Int64, Int64).self) else { return nil }
        guard sec >= 0, sec < 1 << 32, nsec >= 0, nsec < 1_000_000_000 else { return nil }
        return sec * 1_000_000_000 + nsec
    }

    private var left: Int64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return max(deadline - Int64(now.tv_sec) * 1_000_000_000 - Int64(now.tv_nsec), 0)
    }

    /// The call again, for what is left of its timeout: its result.
    func resume(_ nr: Int, _ a: SyscallArgs) -> Int64 {
        var args = [a.a0, a.a1, a.a2, a.a3, a.a4, a.a5]
        var ts = timespec()
        func call(_ nr: Int) -> Int64 { dt_target_syscall(Int64(nr), args[0], args[1], args[2], args[3], args[4], args[5]) }
        switch kind {
        case .sleep:
            ts = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
            return withUnsafeMutablePointer(to: &ts) { p in
                args = [UInt64(UInt32(bitPattern: clock)), TimedWait.TIMER_ABSTIME, UInt64(UInt(bitPattern: p)), 0, 0, 0]
                return call(TimedWait.clockNanosleep)
            }
        case .milliseconds(let i):
            args[i] = UInt64((left + 999_999) / 1_000_000)  // rounded up, as the kernel's own
            return call(nr)
        case .timespec(let i):
            let l = left
            ts = timespec(tv_sec: Int(l / 1_000_000_000), tv_nsec: Int(l % 1_000_000_000))
            return withUnsafeMutablePointer(to: &ts) { p in
                args[i] = UInt64(UInt(bitPattern: p))
                return call(nr)
            }
        }
    }

    /// The call as the host runs it: a sleep without its rem, which the host kernel would write
    /// when a signal the target blocks interrupts it (natively rem stays as it was); what is
    /// left is written by storeRemaining when the target's call is interrupted.
    func hostArguments(_ a: SyscallArgs, _ nr: Int) -> SyscallArgs {
        guard case .sleep = kind else { return a }
        var b = a
        if nr == TimedWait.nanosleep { b.a1 = 0 } else { b.a3 = 0 }
        return b
    }

    /// Interrupted for the target after all: a sleep writes what is left to its rem.
    func storeRemaining(space: AddressSpace) {
        guard case .sleep(_, let remaining) = kind, remaining != 0,
              space.isAccessible(remaining, 16, prot: PROT_WRITE) else { return }
        let l = left
        TargetAccess.store((l / 1_000_000_000, l % 1_000_000_000), at: remaining)
    }
}
