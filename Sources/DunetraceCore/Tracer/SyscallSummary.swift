// -c: calls, errors and time of each system call, counted by every process and thread of the
// run into one table of counters in shared memory (MAP_SHARED, so forked children add to the
// parent's), and printed at the end as strace -c's table. The time of a call is the time spent
// running it on the host: the host system call, or dunetrace's emulation of it.
import CKVM
import Glibc

final class SyscallSummary: @unchecked Sendable {  // the counters are only touched atomically
    /// Numbers counted: the ones the -e filter knows (it shows no call beyond them).
    static let numbers = 1024
    /// Per number: calls, errors, nanoseconds.
    private static let fields = 3
    private let counters: UnsafeMutablePointer<UInt64>
    private static var byteCount: Int { numbers * fields * MemoryLayout<UInt64>.stride }

    init?() {
        let p = mmap(nil, SyscallSummary.byteCount, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0)
        guard let p, p != MAP_FAILED else { return nil }
        counters = p.bindMemory(to: UInt64.self, capacity: SyscallSummary.numbers * SyscallSummary.fields)
    }

    deinit { munmap(counters, SyscallSummary.byteCount) }

    /// One call that returned `result` after `nanoseconds` on the host.
    func add(_ nr: Int, result: Int64, nanoseconds: UInt64) {
        guard nr >= 0, nr < SyscallSummary.numbers else { return }
        let slot = counters + nr * SyscallSummary.fields
        dt_atomic_add_u64(slot, 1)
        if result < 0 && result >= -4095 { dt_atomic_add_u64(slot + 1, 1) }
        if nanoseconds > 0 { dt_atomic_add_u64(slot + 2, nanoseconds) }
    }

    /// strace -c's table of what was counted so far.
    func table() -> String {
        var stats = TraceStatistics()
        for nr in 0..<SyscallSummary.numbers {
            let slot = counters + nr * SyscallSummary.fields
            guard slot[0] > 0 else { continue }
            stats.addSyscalls(number: nr, calls: Int(slot[0]), errors: Int(slot[1]), nanoseconds: slot[2])
        }
        return stats.syscallTable()
    }
}
