// FUTEX_WAKE and FUTEX_WAKE_BITSET on a private futex: the kernel keys the futex on the
// address alone and never touches the word, so natively any aligned user address wakes
// nobody and returns 0. An address outside the target's memory may be one of dunetrace's own
// futexes: the call is answered here (no target thread can wait there) instead of reaching
// the kernel, where it would wake dunetrace's threads, and instead of the guard's EFAULT.
import Glibc

extension Tracer {
    private static let futexCall = Sys.futex

    /// The result of a private futex wake on an address the target does not own; nil otherwise.
    func privateFutexWakeOutside(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        guard nr == Tracer.futexCall else { return nil }
        let op = UInt32(truncatingIfNeeded: a.a1)
        let FUTEX_PRIVATE_FLAG: UInt32 = 128, FUTEX_CLOCK_REALTIME: UInt32 = 256
        let command = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME)
        guard op & FUTEX_PRIVATE_FLAG != 0, op & FUTEX_CLOCK_REALTIME == 0 else { return nil }
        switch command {
        case 1: break                                   // FUTEX_WAKE
        case 10: if UInt32(truncatingIfNeeded: a.a5) == 0 { return nil }  // WAKE_BITSET: EINVAL first
        default: return nil
        }
        let address = a.a0
        let userTop: UInt64 = 0x7fff_ffff_f000  // TASK_SIZE: above it the kernel's EFAULT
        guard address % 4 == 0, address < userTop - 4, !space.contains(address, 4) else { return nil }
        return 0
    }
}
