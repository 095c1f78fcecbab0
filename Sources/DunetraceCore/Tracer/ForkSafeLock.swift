// A lock that a forking thread holds across the fork. dunetrace forks the host process for the
// target's fork, while other threads of the target may be inside dunetrace's code: a lock one
// of them held at that moment would stay taken in the child, for ever, with what it guards
// half changed (a forked child hung so in `DescriptorTracker.entry`). Every such lock registers
// here; `holdAll` takes them all before the fork and `releaseAll` lets them go after it, in the
// child as fresh locks.
import Glibc

final class ForkSafeLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Taken in ascending rank: a lock held while another is taken has the lower rank.
    let rank: Int

    init(rank: Int = ForkSafeLock.leaf) {
        self.rank = rank
        pthread_mutex_init(mutex, nil)
        ForkSafeLockRegistry.shared.add(ObjectIdentifier(self), rank: rank, mutex: mutex)
    }

    deinit {
        ForkSafeLockRegistry.shared.remove(ObjectIdentifier(self))
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Locks no other lock of this kind is taken under.
    static let leaf = 1

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }

    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Before the host fork: every registered lock taken, by rank.
    static func holdAll() { ForkSafeLockRegistry.shared.holdAll() }

    /// After it, in parent and child alike; in the child the locks start afresh, free.
    static func releaseAll(inChild: Bool) { ForkSafeLockRegistry.shared.releaseAll(inChild: inChild) }
}

/// The live locks' mutexes (no references: a lock whose deinit waits for the registry stays
/// valid until it gets it); the registry's own mutex stays held from holdAll to releaseAll, so
/// no lock comes or goes between them.
private final class ForkSafeLockRegistry: @unchecked Sendable {
    static let shared = ForkSafeLockRegistry()
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var locks: [ObjectIdentifier: (rank: Int, mutex: UnsafeMutablePointer<pthread_mutex_t>)] = [:]
    private var held: [UnsafeMutablePointer<pthread_mutex_t>] = []

    init() { pthread_mutex_init(mutex, nil) }

    func add(_ id: ObjectIdentifier, rank: Int, mutex lock: UnsafeMutablePointer<pthread_mutex_t>) {
        pthread_mutex_lock(mutex)
        locks[id] = (rank, lock)
        pthread_mutex_unlock(mutex)
    }

    func remove(_ id: ObjectIdentifier) {
        pthread_mutex_lock(mutex)
        locks[id] = nil
        pthread_mutex_unlock(mutex)
    }

    func holdAll() {
        pthread_mutex_lock(mutex)
        held = locks.values.sorted { $0.rank < $1.rank }.map(\.mutex)
        for lock in held { pthread_mutex_lock(lock) }
    }

    func releaseAll(inChild: Bool) {
        for lock in held.reversed() {
            if inChild { pthread_mutex_init(lock, nil) } else { pthread_mutex_unlock(lock) }
        }
        held = []
        if inChild { pthread_mutex_init(mutex, nil) } else { pthread_mutex_unlock(mutex) }
    }
}
