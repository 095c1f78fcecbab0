// What another process of the trace reads of this one, where the kernel reads it from the
// task: /proc/PID/status's signal lines (the leader's blocked and pending signals, the
// process's pending, ignored and caught ones) and prlimit64(PID)'s limits. Every process of a
// run is a dunetrace process on the host, whose own mask, dispositions and limits are
// dunetrace's, not its target's: each process publishes its target's in one table in memory
// shared by every process of the run (made before the first fork, outside the target's
// memory), one entry per process, written by its owner (limits also by whoever sets them).
import CKVM
import Glibc

final class ProcessFacts: @unchecked Sendable {
    static let capacity = 4096
    /// One entry: 8 bytes unused (its owner's pid is in `pids`), blocked, thread pending,
    /// process pending, ignored, caught, which limits are kept, 16 (soft, hard) pairs, then
    /// the address ranges the target owns (a count, then up to `rangeCount` pairs).
    static let stride = 512
    static let rangesOffset = 320, rangeCount = 11
    static let blockedOffset = 8, threadPendingOffset = 16, processPendingOffset = 24
    static let ignoredOffset = 32, caughtOffset = 40, keptLimitsOffset = 48, limitsOffset = 64
    static let limitCount = 16

    private let base: UnsafeMutableRawPointer
    /// Each entry's owner (0 free, -1 reserved for a fork on its way), side by side: a search
    /// reads 16 KiB, not a line of each of 512 pages (each a page fault in a new process:
    /// shared memory's page-table entries are not copied by fork).
    private let pids: UnsafeMutablePointer<Int32>

    init?() {
        let bytes = ProcessFacts.capacity * ProcessFacts.stride + ProcessFacts.capacity * MemoryLayout<Int32>.stride
        guard let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED else {
            return nil
        }
        base = p
        pids = (p + ProcessFacts.capacity * ProcessFacts.stride).bindMemory(to: Int32.self, capacity: ProcessFacts.capacity)
    }

    func entry(_ i: Int) -> UnsafeMutableRawPointer { base + i * ProcessFacts.stride }

    private func pidSlot(_ i: Int) -> UnsafeMutablePointer<Int32> { pids + i }

    /// A free entry, taken (pid -1) with a copy of entry `from` (pending signals cleared), or
    /// zeroed; nil when the table is full of live processes.
    func reserve(copying from: Int?) -> Int? {
        for _ in 0..<2 {
            for i in 0..<ProcessFacts.capacity {
                let p = pidSlot(i)
                let owner = dt_load_acquire32(p)
                // A process killed without its dunetrace clearing its entry (SIGKILL) left it behind.
                guard owner == 0 || (owner > 0 && kill(owner, 0) < 0 && errno == ESRCH) else { continue }
                guard dt_cas32(p, owner, -1) != 0 else { continue }
                let e = entry(i)
                if let from { (e + 8).copyMemory(from: entry(from) + 8, byteCount: ProcessFacts.stride - 8) } else { (e + 8).initializeMemory(as: UInt8.self, repeating: 0, count: ProcessFacts.stride - 8) }
                e.storeBytes(of: 0, toByteOffset: ProcessFacts.threadPendingOffset, as: UInt64.self)
                e.storeBytes(of: 0, toByteOffset: ProcessFacts.processPendingOffset, as: UInt64.self)
                return i
            }
        }
        return nil
    }

    /// Entry `i` is process `pid`'s from now on (any older entry for that pid is dropped).
    func assign(_ i: Int, pid: Int32) {
        for k in 0..<ProcessFacts.capacity where k != i && dt_load_acquire32(pidSlot(k)) == pid { dt_store_release32(pidSlot(k), 0) }
        dt_store_release32(pidSlot(i), pid)
    }

    func release(_ i: Int) { dt_store_release32(pidSlot(i), 0) }

    /// The entry of process `pid`, if it publishes one.
    func find(_ pid: Int32) -> Int? {
        guard pid > 0 else { return nil }
        return (0..<ProcessFacts.capacity).first { dt_load_acquire32(pidSlot($0)) == pid }
    }

    func load(_ i: Int, _ offset: Int) -> UInt64 {
        dt_load_relaxed64((entry(i) + offset).assumingMemoryBound(to: UInt64.self))
    }

    func store(_ i: Int, _ offset: Int, _ value: UInt64) {
        dt_store_relaxed64((entry(i) + offset).assumingMemoryBound(to: UInt64.self), value)
    }

    /// Publishes `ranges` at `at` (an entry's rangesOffset): the count reads UInt64.max while
    /// they change, and when there are more than fit (a reader then knows none).
    static func writeRanges(_ ranges: [(start: UInt64, end: UInt64)], into at: UnsafeMutableRawPointer) {
        let words = at.assumingMemoryBound(to: UInt64.self)
        dt_store_relaxed64(words, UInt64.max)
        guard ranges.count <= rangeCount else { return }
        for (k, r) in ranges.enumerated() {
            dt_store_relaxed64(words + 1 + 2 * k, r.start)
            dt_store_relaxed64(words + 2 + 2 * k, r.end)
        }
        dt_store_release64(words, UInt64(ranges.count))
    }

    /// The ranges entry `i` publishes; nil when they are changing or too many to publish.
    func ranges(_ i: Int) -> [(start: UInt64, end: UInt64)]? {
        let words = (entry(i) + ProcessFacts.rangesOffset).assumingMemoryBound(to: UInt64.self)
        for _ in 0..<1000 {
            let count = dt_load_acquire64(words)
            if count == UInt64.max { sched_yield(); continue }
            guard count <= UInt64(ProcessFacts.rangeCount) else { return nil }
            let found = (0..<Int(count)).map { k in (start: dt_load_relaxed64(words + 1 + 2 * k), end: dt_load_relaxed64(words + 2 + 2 * k)) }
            if dt_load_acquire64(words) == count { return found }
        }
        return nil
    }

    func pointer(_ i: Int, _ offset: Int) -> UnsafeMutablePointer<UInt64> {
        (entry(i) + offset).assumingMemoryBound(to: UInt64.self)
    }
}

/// The limits dunetrace keeps for the target, in this process's entry of ProcessFacts once it
/// has one (so that another process of the trace can read and set them), or here before.
struct KeptLimits {
    private var local: [Int32: (UInt64, UInt64)] = [:]
    private(set) var shared: UnsafeMutableRawPointer?

    subscript(r: Int32) -> (UInt64, UInt64)? {
        get {
            guard let shared else { return local[r] }
            guard r >= 0, r < Int32(ProcessFacts.limitCount) else { return nil }
            let kept = dt_load_relaxed64((shared + ProcessFacts.keptLimitsOffset).assumingMemoryBound(to: UInt64.self))
            guard kept & (1 << UInt64(r)) != 0 else { return nil }
            let pair = (shared + ProcessFacts.limitsOffset + Int(r) * 16).assumingMemoryBound(to: UInt64.self)
            return (dt_load_relaxed64(pair), dt_load_relaxed64(pair + 1))
        }
        set {
            guard let shared else { local[r] = newValue; return }
            guard r >= 0, r < Int32(ProcessFacts.limitCount) else { return }
            KeptLimits.write(newValue, r, into: shared)
        }
    }

    /// Writes `value` for limit `r` in a ProcessFacts entry (this process's or another's).
    static func write(_ value: (UInt64, UInt64)?, _ r: Int32, into entry: UnsafeMutableRawPointer) {
        let keptPointer = (entry + ProcessFacts.keptLimitsOffset).assumingMemoryBound(to: UInt64.self)
        let bit: UInt64 = 1 << UInt64(r)
        if let value {
            let pair = (entry + ProcessFacts.limitsOffset + Int(r) * 16).assumingMemoryBound(to: UInt64.self)
            dt_store_relaxed64(pair, value.0)
            dt_store_relaxed64(pair + 1, value.1)
            dt_store_relaxed64(keptPointer, dt_load_relaxed64(keptPointer) | bit)
        } else {
            dt_store_relaxed64(keptPointer, dt_load_relaxed64(keptPointer) & ~bit)
        }
    }

    /// From now on the limits live in `entry` (a fork child's: already a copy of its parent's).
    mutating func move(to entry: UnsafeMutableRawPointer, copying: Bool) {
        if copying {
            for r in 0..<Int32(ProcessFacts.limitCount) { KeptLimits.write(self[r], r, into: entry) }
        }
        shared = entry
        local = [:]
    }
}

extension Tracer {
    /// The first process of the run: its entry, with the limits and signal state it has now.
    func publishFirstProcess() {
        guard let facts = processFacts, let e = facts.reserve(copying: nil) else { return }
        factsEntry = e
        targetLimits.values.move(to: facts.entry(e), copying: true)
        space.publishedRanges = facts.entry(e) + ProcessFacts.rangesOffset
        publishDispositions()
        if let main = mainTask { publishLeader(main, facts, e) }
        dt_signals_publish_pending(dt_signals_process_set(), facts.pointer(e, ProcessFacts.processPendingOffset))
        facts.assign(e, pid: pid)
    }

    /// The leader's blocked and pending signals are the ones /proc/PID/status shows.
    private func publishLeader(_ t: TaskState, _ facts: ProcessFacts, _ e: Int) {
        t.published = (facts.pointer(e, ProcessFacts.blockedOffset), facts.pointer(e, ProcessFacts.threadPendingOffset))
        dt_store_relaxed64(facts.pointer(e, ProcessFacts.blockedOffset), t.mask)
        if let set = t.pendingSet { dt_signals_publish_pending(set, facts.pointer(e, ProcessFacts.threadPendingOffset)) }
    }

    /// Before a fork (tracer lock held): the child's entry, a copy of this process's with the
    /// forking thread's mask and nothing pending; the parent names it once the pid is known.
    func reserveChildFacts() -> Int? {
        guard let facts = processFacts, let e = facts.reserve(copying: factsEntry) else { return nil }
        facts.store(e, ProcessFacts.blockedOffset, task.mask)
        return e
    }

    /// After the fork: the parent's view of the child's entry (`child` its pid, or the fork failed).
    func childFactsAfterFork(_ e: Int?, child: Int32) {
        guard let facts = processFacts, let e else { return }
        if child > 0 { facts.assign(e, pid: child) } else { facts.release(e) }
    }

    /// In the fork child (the forking thread, now the leader): the entry its parent reserved.
    func adoptChildFacts(_ e: Int?) {
        for t in tasks where t !== task { t.published = nil }
        guard let facts = processFacts, let e else {
            factsEntry = nil
            task.published = nil
            space.publishedRanges = nil
            return
        }
        // Named by the parent (the pid it knows: in a new pid namespace getpid() is another).
        factsEntry = e
        targetLimits.values.move(to: facts.entry(e), copying: false)
        space.publishedRanges = facts.entry(e) + ProcessFacts.rangesOffset
        publishDispositions()
        publishLeader(task, facts, e)
        dt_signals_publish_pending(dt_signals_process_set(), facts.pointer(e, ProcessFacts.processPendingOffset))
    }

    /// The process ends: its entry goes.
    func releaseFacts() {
        guard let facts = processFacts, let e = factsEntry else { return }
        factsEntry = nil
        space.publishedRanges = nil
        facts.release(e)
    }

    /// A new address space (exec): its ranges are the ones published.
    func publishSpace() {
        guard let facts = processFacts, let e = factsEntry else { return }
        space.publishedRanges = facts.entry(e) + ProcessFacts.rangesOffset
    }

    /// process_vm_readv/writev on another process of the trace (same user: the kernel's own
    /// access check decides): its memory is its target's only where its published ranges say
    /// so. Each remote iovec inside them goes to the kernel as it is; the first that runs out
    /// of them is cut at their end, or made an address no process has when it starts outside,
    /// and ends the vector, as the kernel stops at the first fault. nil: the kernel's call
    /// with `hostArgs`; otherwise the result (EPERM when that process publishes nothing).
    func otherProcessMemory(_ other: Int32, _ a: SyscallArgs, _ hostArgs: inout SyscallArgs, _ copies: inout GuardCopies?) -> Int64? {
        guard let facts = processFacts, let e = facts.find(other), let owned = facts.ranges(e) else { return -Int64(EPERM) }
        let count = Int(a.a4)
        guard count > 0, a.a3 != 0 else { return nil }
        let made = copies ?? GuardCopies()
        guard let copy = made.copyIn(a.a3, count: count * 16) else { return nil }  // the kernel's EFAULT
        var kept = count
        for k in 0..<count {
            let base = copy.loadUnaligned(fromByteOffset: k * 16, as: UInt64.self)
            let len = copy.loadUnaligned(fromByteOffset: k * 16 + 8, as: UInt64.self)
            guard len > 0 else { continue }
            let (end, overflow) = base.addingReportingOverflow(len)
            if !overflow, owned.contains(where: { base >= $0.start && end <= $0.end }) { continue }
            if let r = owned.first(where: { base >= $0.start && base < $0.end }) {
                copy.storeBytes(of: r.end - base, toByteOffset: k * 16 + 8, as: UInt64.self)
            } else {
                copy.storeBytes(of: ModelGuard.unreachable, toByteOffset: k * 16, as: UInt64.self)
            }
            kept = k + 1
            break
        }
        hostArgs.a3 = UInt64(UInt(bitPattern: copy))
        hostArgs.a4 = UInt64(kept)
        copies = made
        return nil
    }

    /// The ignored and caught signals, as the kernel's SigIgn and SigCgt count them.
    func publishDispositions() {
        guard let facts = processFacts, let e = factsEntry else { return }
        var caught: UInt64 = 0, ignored: UInt64 = 0
        for sig in 1...64 {
            let handler = signals.actions[sig].0
            if handler == SignalState.SIG_IGN { ignored |= 1 << UInt64(sig - 1) } else if handler != 0 { caught |= 1 << UInt64(sig - 1) }
        }
        facts.store(e, ProcessFacts.ignoredOffset, ignored)
        facts.store(e, ProcessFacts.caughtOffset, caught)
    }
}
