// --pf-rearm MS: every MS milliseconds all of the target's pages become not present again and
// every vCPU is kicked to flush its TLB, so the pages touched in each interval fault anew: the
// working set over time. Each interval ends with a line counting its first touches.
import CKVM
import Foundation
import Glibc

extension Tracer {
    func startRearming() {
        guard let ms = options.pfRearmMilliseconds, ms > 0, !space.eager else { return }
        let thread = Thread { [self] in
            mainTask?.makeCurrent()  // its lines carry the process's main thread, as notes do
            blockAllHostSignals()    // the kernel gives the process's signals to target threads
            var interval = 0
            var lastFaults = 0
            while true {
                usleep(UInt32(min(ms, 3_600_000)) * 1000)
                lock.lock()
                interval += 1
                let faults = pageFaultCount - lastFaults
                note("--- #PF rearm {interval=\(interval), ms=\(ms), faults=\(faults)} ---", level: 0)
                space.rearm()
                lastFaults = pageFaultCount
                let tids = tasks.map(\.tid)
                lock.unlock()
                for tid in tids { _ = dt_kick_thread(tid) }
            }
        }
        thread.stackSize = 256 << 10
        thread.start()
    }
}
