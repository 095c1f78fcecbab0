// nanosleep and relative clock_nanosleep run on the host, where any signal for the target
// interrupts them, also one the target blocks or ignores. The kernel would not have stopped
// the sleep, so it goes on, but for what is left of it, as the kernel's own restart does:
// the whole length again would never end under a periodic timer's blocked signal.
import CKVM
import Glibc

struct RelativeSleep {
    private var deadline: timespec
    private let clock: Int32
    private let remainingAddress: UInt64

    private static let nanosleep = SyscallTable.number("nanosleep")!
    private static let clockNanosleep = SyscallTable.number("clock_nanosleep")!
    private static let TIMER_ABSTIME: UInt64 = 1

    /// nil for any other call, an absolute sleep, or a request the call itself will refuse.
    init?(_ nr: Int, _ a: SyscallArgs, space: AddressSpace) {
        let request: UInt64, clockId: Int32
        if nr == RelativeSleep.nanosleep {
            (request, clockId, remainingAddress) = (a.a0, CLOCK_MONOTONIC, a.a1)
        } else if nr == RelativeSleep.clockNanosleep && a.a1 & RelativeSleep.TIMER_ABSTIME == 0 {
            (request, clockId, remainingAddress) = (a.a2, Int32(truncatingIfNeeded: a.a0), a.a3)
        } else {
            return nil
        }
        // A relative sleep on the wall clock does not move with it: measured on the monotonic one.
        clock = clockId == CLOCK_REALTIME ? CLOCK_MONOTONIC : clockId
        guard space.isAccessible(request, 16) else { return nil }
        let p = UnsafeRawPointer(bitPattern: UInt(request))!
        let sec = p.loadUnaligned(as: Int64.self), nsec = p.loadUnaligned(fromByteOffset: 8, as: Int64.self)
        guard sec >= 0, nsec >= 0, nsec < 1_000_000_000 else { return nil }
        var now = timespec()
        guard clock_gettime(clock, &now) == 0 else { return nil }
        let nanoseconds = Int64(now.tv_nsec) + nsec
        deadline = timespec(tv_sec: now.tv_sec + Int(sec) + Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
    }

    /// Sleeps until the deadline (the call's result: 0, or -EINTR again).
    mutating func resume() -> Int64 {
        withUnsafeMutablePointer(to: &deadline) { p in
            dt_host_syscall(Int64(RelativeSleep.clockNanosleep), UInt64(UInt32(bitPattern: clock)), RelativeSleep.TIMER_ABSTIME,
                            UInt64(UInt(bitPattern: p)), 0, 0, 0)
        }
    }

    /// Interrupted for the target after all: what is left goes to its rem, as the kernel writes it.
    func storeRemaining(space: AddressSpace) {
        guard remainingAddress != 0, space.isAccessible(remainingAddress, 16, prot: PROT_WRITE) else { return }
        var now = timespec()
        clock_gettime(clock, &now)
        var left = (Int64(deadline.tv_sec) - Int64(now.tv_sec)) * 1_000_000_000 + Int64(deadline.tv_nsec) - Int64(now.tv_nsec)
        left = max(left, 0)
        let p = UnsafeMutableRawPointer(bitPattern: UInt(remainingAddress))!
        p.storeBytes(of: left / 1_000_000_000, as: Int64.self)
        p.storeBytes(of: left % 1_000_000_000, toByteOffset: 8, as: Int64.self)
    }
}
