// -c: calls, errors and time of each system call, counted by every process and thread of the
// run into one table of counters in shared memory (MAP_SHARED, so forked children add to the
// parent's), and printed at the end as strace -c's table. The time of a call is the time spent
// running it on the host, the host system call or dunetrace's emulation of it: the CPU time
// of the thread (strace's system time), or wall-clock time with --summary-wall-clock.
import CKVM
import Glibc

final class SyscallSummary: @unchecked Sendable {  // the counters are only touched atomically
    /// Numbers counted: the ones the -e filter knows (it shows no call beyond them).
    static let numbers = 1024
    /// Per number: calls, errors, nanoseconds, the shortest and the longest call.
    private static let fields = 5
    private let counters: UnsafeMutablePointer<UInt64>
    private static var byteCount: Int { numbers * fields * MemoryLayout<UInt64>.stride }

    let layout: SummaryLayout

    init?(layout: SummaryLayout = SummaryLayout()) {
        let p = mmap(nil, SyscallSummary.byteCount, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0)
        guard let p, p != MAP_FAILED else { return nil }
        counters = p.bindMemory(to: UInt64.self, capacity: SyscallSummary.numbers * SyscallSummary.fields)
        for nr in 0..<SyscallSummary.numbers { counters[nr * SyscallSummary.fields + 3] = .max }
        self.layout = layout
    }

    deinit { munmap(counters, SyscallSummary.byteCount) }

    /// One call that returned `result` after `nanoseconds` on the host.
    /// -O's overhead is taken off first, as strace's count_syscall does.
    func add(_ nr: Int, result: Int64, nanoseconds: UInt64) {
        guard nr >= 0, nr < SyscallSummary.numbers else { return }
        let slot = counters + nr * SyscallSummary.fields
        let ns = nanoseconds > layout.overhead ? nanoseconds - layout.overhead : 0
        dt_atomic_add_u64(slot, 1)
        if result < 0 && result >= -4095 { dt_atomic_add_u64(slot + 1, 1) }
        if ns > 0 { dt_atomic_add_u64(slot + 2, ns) }
        dt_atomic_min_u64(slot + 3, ns)
        dt_atomic_max_u64(slot + 4, ns)
    }

    /// strace -c's table of what was counted so far.
    func table() -> String {
        var stats = TraceStatistics()
        for nr in 0..<SyscallSummary.numbers {
            let slot = counters + nr * SyscallSummary.fields
            guard slot[0] > 0 else { continue }
            stats.addSyscalls(number: nr, calls: Int(slot[0]), errors: Int(slot[1]), nanoseconds: slot[2],
                              shortest: slot[3], longest: slot[4])
        }
        return stats.syscallTable(layout)
    }
}
