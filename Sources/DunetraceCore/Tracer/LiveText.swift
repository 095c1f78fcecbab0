// Where the live text goes. To a terminal every line is written at once; to a regular file
// (-o FILE) lines gather in a buffer written out in large pieces, flushed before a fork (or
// the child would write the parent's lines again) and when the process ends. Once several
// processes write, each line goes out at once again, so their lines keep the order of time.
// A write that fails (a full disk, /dev/full) is said once on stderr, as strace says it: the
// text is lost, and whoever reads the file must know.
// A waiting call's entry may leave the last line open (OpenCallLine.swift): which task's is open
// lives in memory every process of the run shares, changed under a process-shared lock held
// across the write, so the file's order and that record agree.
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
    /// The open line's task (0: none) and the lock over it and the writes, shared by every
    /// process of the run; nil where it could not be mapped (lines are then printed whole).
    private let shared: UnsafeMutableRawPointer?
    private var sharedLock: UnsafeMutablePointer<pthread_mutex_t>? { shared?.assumingMemoryBound(to: pthread_mutex_t.self) }
    private var owner: UnsafeMutablePointer<Int32>? {
        shared.map { ($0 + MemoryLayout<pthread_mutex_t>.stride).assumingMemoryBound(to: Int32.self) }
    }
    /// Whether a waiting call's entry is printed as it begins: not with -ff, where every task
    /// writes a file of its own and nothing comes between.
    private(set) var opensCalls = true
    private var pendingFailure: Int32 = 0

    /// Held across a fork by the forking thread (after a flush), so no other thread's line
    /// leaves it locked in the child.
    func holdForFork() {
        flush()
        lock.lock()
    }
    func releaseAfterFork(inChild: Bool) {
        if inChild { lock = NSLock() } else { lock.unlock() }  // the child's thread is another
    }

    /// `opensCalls`: false with -ff (every process its own file).
    init(fd: Int32, name: String? = nil, opensCalls: Bool = true) {
        self.fd = fd
        self.name = name
        var st = stat()
        buffered = fstat(fd, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
        if buffered { buffer.reserveCapacity(LiveText.limit + 4096) }
        self.opensCalls = opensCalls
        shared = opensCalls ? Self.sharedState() : nil
        if shared == nil { self.opensCalls = false }
    }

    /// A page shared across fork: a robust process-shared mutex (a process killed holding it
    /// leaves it to the next) and the open line's task.
    private static func sharedState() -> UnsafeMutableRawPointer? {
        guard let p = mmap(nil, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED else { return nil }
        var attr = pthread_mutexattr_t()
        pthread_mutexattr_init(&attr)
        pthread_mutexattr_setpshared(&attr, Int32(PTHREAD_PROCESS_SHARED))
        pthread_mutexattr_setrobust(&attr, Int32(PTHREAD_MUTEX_ROBUST))
        defer { pthread_mutexattr_destroy(&attr) }
        guard pthread_mutex_init(p.assumingMemoryBound(to: pthread_mutex_t.self), &attr) == 0 else {
            munmap(p, 4096)
            return nil
        }
        return p
    }

    /// Runs `body` with the open line's owner, under the shared lock (taken inside `lock`).
    private func withOwner<R>(_ body: (inout Int32) -> R) -> R {
        guard opensCalls, let sharedLock, let owner else {
            var none: Int32 = 0
            return body(&none)
        }
        if pthread_mutex_lock(sharedLock) == EOWNERDEAD { pthread_mutex_consistent(sharedLock) }
        defer { pthread_mutex_unlock(sharedLock) }
        return body(&owner.pointee)
    }

    /// Writes `text` as it is (no newline added): to the buffer, or at once. Under `lock`;
    /// a failed write's errno is kept for `settle` to report.
    private func emit(_ text: String) {
        if buffered {
            buffer.append(contentsOf: text.utf8)
        } else if !text.isEmpty && !writeAll(fd, text) && pendingFailure == 0 {
            pendingFailure = errno
        }
    }

    /// After `emit`s: unlocks, then writes out a full buffer or reports a failed write.
    private func settle() {
        let full = buffered && buffer.count >= LiveText.limit
        let failure = pendingFailure
        pendingFailure = 0
        lock.unlock()
        if failure != 0 { reportFailure(failure) }
        if full { flush() }
    }

    /// Task `tid`'s waiting call began: its lead, name and the arguments strace prints at
    /// entry, the line left open.
    func enter(_ head: String, tid: Int32) {
        lock.lock()
        let held = takeHeld()
        withOwner { owner in
            emit(OpenCallLine.close(&owner) + held + OpenCallLine.enter(head, tid: tid, owner: &owner))
        }
        settle()
    }

    /// Task `tid`'s call returned: `rest` ends its open line, or, when another line came
    /// between, `resumed` (the whole `<... NAME resumed>` line) follows.
    func finish(tid: Int32, rest: String?, resumed: String) {
        lock.lock()
        let held = takeHeld()
        withOwner { owner in
            // A held execve line comes between: the call resumes after it.
            emit(held.isEmpty ? OpenCallLine.finish(tid: tid, rest: rest, resumed: resumed, owner: &owner)
                              : OpenCallLine.close(&owner) + held + resumed + "\n")
        }
        settle()
    }

    func line(_ line: String) {
        lock.lock()
        let text = takeHeld() + line
        withOwner { owner in
            emit(OpenCallLine.line(text, owner: &owner))
        }
        settle()
    }

    /// A held execve line another line comes after, ended ` <unfinished ...>`. Under `lock`.
    private func takeHeld() -> String {
        guard let held = heldExec else { return "" }
        heldExec = nil
        return held.unfinished + "\n"
    }

    /// Holds the exec'ing thread's execve line: how it ends depends on what comes before the
    /// exec is reported. strace printed the line's start at entry: an open line ends here.
    func hold(_ exec: HeldExecLine) {
        lock.lock()
        heldExec = exec
        withOwner { owner in
            emit(OpenCallLine.close(&owner))
        }
        settle()
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
        opensCalls = false
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
