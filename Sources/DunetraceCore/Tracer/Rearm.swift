// --pf-rearm MS: every MS milliseconds all of the target's pages become not present again and
// every vCPU is kicked to flush its TLB, so the pages touched in each interval fault anew: the
// working set over time. Each interval ends with a line counting its first touches.
import CKVM
import Foundation
import Glibc
import Synchronization

extension Tracer {
    func startRearming() {
        guard let ms = options.pfRearmMilliseconds, ms > 0, !space.eager else { return }
        let thread = Thread { [self] in
            mainTask?.makeCurrent()  // its lines carry the process's main thread, as notes do
            blockAllHostSignals()    // the kernel gives the process's signals to target threads
            // The interval is closed by the first vCPU thread that exits after it (rearmIfDue):
            // waiting here for the tracer lock, which a thread taking fault after fault keeps
            // retaking, lost whole intervals under load.
            while true {
                usleep(UInt32(min(ms, 3_600_000)) * 1000)
                rearmsDue.add(1, ordering: .relaxed)
                lock.lock()
                let tids = tasks.map(\.tid)
                lock.unlock()
                for tid in tids { _ = dt_kick_thread(tid) }
            }
        }
        thread.stackSize = 256 << 10
        thread.start()
    }

    /// With the tracer lock held: the intervals that ended are closed, their lines written and
    /// the pages made not present again.
    func rearmIfDue() {
        let due = rearmsDue.exchange(0, ordering: .relaxed)
        guard due > 0, let ms = options.pfRearmMilliseconds else { return }
        for _ in 0..<due {
            rearmInterval += 1
            let faults = pageFaultCount - rearmLastFaults
            note("--- #PF rearm {interval=\(rearmInterval), ms=\(ms), faults=\(faults)} ---", level: 0)
            rearmLastFaults = pageFaultCount
        }
        space.rearm()
    }
}
