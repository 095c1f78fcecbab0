// strace prints `[pid N] ` while more than one task is traced (its nprocs > 1). Every process
// of a run is a process of its own here, so the count lives in memory they all share.
import CKVM
import Glibc

final class LiveTaskCount: @unchecked Sendable {
    private let counter: UnsafeMutablePointer<Int32>

    init?() {
        guard let p = mmap(nil, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED else {
            return nil
        }
        counter = p.bindMemory(to: Int32.self, capacity: 1)
        counter.pointee = 1
    }

    var value: Int32 { dt_load_acquire32(counter) }

    /// `n` tasks began (a clone about to run) or, negative, ended (their last line printed).
    func add(_ n: Int32) { _ = dt_fetch_add32(counter, n) }
}
