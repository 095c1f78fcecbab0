// Where the live text goes. To a terminal every line is written at once; to a regular file
// (-o FILE) lines gather in a buffer written out in large pieces, flushed before a fork (or
// the child would write the parent's lines again) and when the process ends. Once several
// processes write, each line goes out at once again, so their lines keep the order of time.
// A write that fails (a full disk, /dev/full) is said once on stderr, as strace says it: the
// text is lost, and whoever reads the file must know.
import Foundation
import Glibc

final class LiveText: @unchecked Sendable {
    private(set) var fd: Int32
    /// The -o file's name, for the message when writing to it fails (nil: stderr).
    private var name: String?
    private var failureReported = false
    private var buffered: Bool
    private var buffer: [UInt8] = []
    private var lock = NSLock()
    private static let limit = 64 << 10
    /// An execve line of a thread other than the leader, until the exec is reported or
    /// another line comes first (HeldExecLine.swift).
    private var heldExec: HeldExecLine?

    /// Held across a fork by the forking thread (after a flush), so no other thread's line
    /// leaves it locked in the child.
    func holdForFork() {
        flush()
        lock.lock()
    }
    func releaseAfterFork(inChild: Bool) {
        if inChild { lock = NSLock() } else { lock.unlock() }  // the child's thread is another
    }

    init(fd: Int32, name: String? = nil) {
        self.fd = fd
        self.name = name
        var st = stat()
        buffered = fstat(fd, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
        if buffered { buffer.reserveCapacity(LiveText.limit + 4096) }
    }

    func line(_ line: String) {
        lock.lock()
        var text = line
        if let held = heldExec {
            heldExec = nil
            text = held.unfinished + "\n" + text
        }
        guard buffered else {
            lock.unlock()
            if !writeLine(fd, text) { reportFailure(errno) }
            return
        }
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0a)
        let full = buffer.count >= LiveText.limit
        lock.unlock()
        if full { flush() }
    }

    /// Holds the exec'ing thread's execve line: how it ends depends on what comes before the
    /// exec is reported.
    func hold(_ exec: HeldExecLine) {
        lock.lock()
        heldExec = exec
        lock.unlock()
    }

    /// The exec is reported: a line still held ends with ` <pid changed to PID ...>`.
    func releaseExec(pidChangedTo pid: Int32) {
        lock.lock()
        let held = heldExec
        heldExec = nil
        lock.unlock()
        if let held { line(held.pidChanged(to: pid)) }
    }

    /// -ff in a new process: its lines go to `newFD`, and the parent's descriptor is closed.
    func redirect(to newFD: Int32, name newName: String) {
        lock.lock()
        buffer.removeAll(keepingCapacity: true)
        if fd != newFD { close(fd) }
        fd = newFD
        name = newName
        failureReported = false
        lock.unlock()
    }

    /// `dunetrace: FILE: No space left on device`, once per file.
    private func reportFailure(_ code: Int32) {
        lock.lock()
        let first = !failureReported
        failureReported = true
        lock.unlock()
        if first, fd != 2 { writeLine(2, ProgramName.prefix + "\(name ?? "output"): \(String(cString: strerror(code)))") }
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
        var off = 0, failure: Int32 = 0
        while off < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, buffer.count - off) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                failure = n < 0 ? errno : ENOSPC
                break
            }
            off += n
        }
        buffer.removeAll(keepingCapacity: true)
        lock.unlock()
        if failure != 0 { reportFailure(failure) }
    }
}
