// A vfork child shares its parent's memory natively (vfork, CLONE_VM|CLONE_VFORK: posix_spawn
// reports a failed exec through it). Here the child is a host fork with a copy: it notes the
// pages it writes and, when it execs or exits, sends them through the pipe its parent waits
// on; the parent copies them in before it resumes (vforkshare.c). Page by page: a page that
// another thread of the parent wrote meanwhile gets the child's copy of it.
import CKVM
import Glibc

extension Tracer {
    /// In the child, before the target runs: the writable mappings are watched from now on.
    func startVforkSharing() {
        let ranges = space.maps.filter { $0.prot & PROT_WRITE != 0 }.flatMap { [$0.start, $0.end] }
        let started = ranges.withUnsafeBufferPointer { dt_vfork_track_start($0.baseAddress, ranges.count / 2) }
        vforkSharedRanges = started == 0 ? ranges : []
    }

    /// The child execs or exits: what it wrote goes to the parent, which then resumes.
    func endVfork() {
        guard vforkDoneFD >= 0 else { return }
        if !vforkSharedRanges.isEmpty {
            _ = vforkSharedRanges.withUnsafeBufferPointer { dt_vfork_track_send(vforkDoneFD, $0.baseAddress, $0.count / 2) }
        }
        dt_vfork_track_stop()
        vforkSharedRanges = []
        close(vforkDoneFD)
        vforkDoneFD = -1
    }

    /// The parent: copies in the child's pages until the pipe closes (or this process is
    /// ending through another thread's exec or exit).
    func receiveVforkWrites(_ fd: Int32) {
        func readFully(_ p: UnsafeMutableRawPointer, _ n: Int) -> Bool {
            var done = 0
            while done < n {
                let r = Glibc.read(fd, p + done, n - done)
                if r > 0 { done += r; continue }
                if r < 0 && errno == EINTR && !otherThreadsEnding.load(ordering: .relaxed) { continue }
                return false
            }
            return true
        }
        var header: (UInt64, UInt64) = (0, 0)
        // A page at a time through a buffer on the stack: a 64 KiB one on the heap was 16 fresh
        // pages to fault in on every vfork.
        withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 16) { chunk in
            while withUnsafeMutableBytes(of: &header, { readFully($0.baseAddress!, 16) }) {
                var (at, left) = header
                guard left < 1 << 40 else { return }
                while left > 0 {
                    let n = Int(min(left, UInt64(chunk.count)))
                    guard readFully(chunk.baseAddress!, n) else { return }
                    // This thread waits without the lock while the parent's other threads may
                    // change or unmap their memory: each page is checked and written under it,
                    // through a write that turns a fault (a file page past its end) into nothing.
                    lock.lock()
                    if space.isAccessible(at, n, prot: PROT_WRITE) {
                        _ = TargetAccess.write(at, from: chunk.baseAddress!, count: n)
                    }
                    lock.unlock()
                    at &+= UInt64(n)
                    left -= UInt64(n)
                }
            }
        }
    }
}
