// Where the live text goes. To a terminal every line is written at once; to a regular file
// (-o FILE) lines gather in a buffer written out in large pieces, flushed before a fork (or
// the child would write the parent's lines again) and when the process ends. Once several
// processes write, each line goes out at once again, so their lines keep the order of time.
import Foundation
import Glibc

final class LiveText: @unchecked Sendable {
    private(set) var fd: Int32
    private var buffered: Bool
    private var buffer: [UInt8] = []
    private var lock = NSLock()
    private static let limit = 64 << 10

    /// Held across a fork by the forking thread (after a flush), so no other thread's line
    /// leaves it locked in the child.
    func holdForFork() {
        flush()
        lock.lock()
    }
    func releaseAfterFork(inChild: Bool) {
        if inChild { lock = NSLock() } else { lock.unlock() }  // the child's thread is another
    }

    init(fd: Int32) {
        self.fd = fd
        var st = stat()
        buffered = fstat(fd, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
        if buffered { buffer.reserveCapacity(LiveText.limit + 4096) }
    }

    func line(_ text: String) {
        lock.lock()
        guard buffered else {
            lock.unlock()
            return writeLine(fd, text)
        }
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0a)
        let full = buffer.count >= LiveText.limit
        lock.unlock()
        if full { flush() }
    }

    /// -ff in a new process: its lines go to `newFD`, and the parent's descriptor is closed.
    func redirect(to newFD: Int32) {
        lock.lock()
        buffer.removeAll(keepingCapacity: true)
        if fd != newFD { close(fd) }
        fd = newFD
        lock.unlock()
    }

    /// From now on every line is written at once.
    func unbuffer() {
        flush()
        lock.lock()
        buffered = false
        lock.unlock()
    }

    func flush() {
        lock.lock()
        defer { lock.unlock() }
        var off = 0
        while off < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, buffer.count - off) }
            if n <= 0 { if errno == EINTR { continue }; break }
            off += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
