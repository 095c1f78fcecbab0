// Pids as dunetrace's own pid namespace numbers them. A target that makes a pid namespace
// (unshare(CLONE_NEWPID), clone(CLONE_NEWPID)) has children that number themselves from 1; the
// lines name every task as strace does, by its pid in the tracer's namespace, and with
// --decode-pids=pidns (--pidns-translation) a pid the target passes or gets back is followed by
// `/* N in strace's PID NS */` where the two differ. Each process's NSpid (NSpgid, NSsid) line in
// dunetrace's /proc lists its ids from that /proc's namespace down, the tracer's among them.
import CKVM
import Glibc
import Synchronization

enum PidNamespaces {
    /// The tracer's pid namespace (its inode), taken before the target can change any, and its
    /// depth below the namespace of dunetrace's /proc (NSpid lists pids from that one down).
    nonisolated(unsafe) private static var tracerNamespace: UInt64 = 0
    nonisolated(unsafe) private static var tracerLevel = 0

    static func prepare() {
        guard tracerNamespace == 0 else { return }
        tracerNamespace = namespaceInode("/proc/thread-self/ns/pid") ?? 0
        tracerLevel = max(0, (ids("/proc/thread-self/status", "NSpid:")?.count ?? 1) - 1)
    }

    /// Set once the target may have changed the namespace its children go to (unshare or
    /// setns of a pid namespace, before the call runs, whatever its result); a forked
    /// dunetrace inherits it. Until then a child made without CLONE_NEWPID by a process in the
    /// tracer's namespace is in it too, and forks skip the /proc lookups (~0.1 ms a fork).
    nonisolated(unsafe) static var childrenMayBeElsewhere = false

    /// The calling host thread's tid in the tracer's namespace when it is in another one.
    static func tracerTidIfElsewhere() -> Int32? {
        guard tracerNamespace != 0, let own = namespaceInode("/proc/thread-self/ns/pid"), own != tracerNamespace,
              let ids = ids("/proc/thread-self/status", "NSpid:"), ids.count > tracerLevel else { return nil }
        return ids[tracerLevel]
    }

    /// `pid` as the calling process's namespace numbers it, in the tracer's; nil where both
    /// namespaces are one, or no task has that pid (a group or session: no member).
    static func inTracerNamespace(_ pid: Int32, _ kind: PidKind) -> Int32? {
        guard pid > 0, tracerNamespace != 0, let own = namespaceInode("/proc/thread-self/ns/pid"), own != tracerNamespace,
              let ownIDs = ids("/proc/thread-self/status", "NSpid:") else { return nil }
        let level = ownIDs.count - 1
        guard level > tracerLevel else { return nil }
        // A child reaped by wait4 is gone from /proc when its line is printed: what was found
        // before stays known, as strace's cache keeps it.
        let key = Known(namespace: own, kind: kind, pid: pid)
        // The task found last time, if it is still that one (its own status says so): one
        // file read instead of a walk of every process's status (strace's pidns cache).
        if kind == .task, let cached = knownLock.withLock({ known[key] }),
           match("/proc/\(cached)", "NSpid:", pid, level: level, namespace: own) == cached {
            return cached
        }
        if let found = search(pid, kind, level: level, namespace: own) {
            knownLock.withLock { known[key] = found }
            return found
        }
        return knownLock.withLock { known[key] }
    }

    private struct Known: Hashable {
        let namespace: UInt64, kind: PidKind, pid: Int32
    }
    nonisolated(unsafe) private static var known: [Known: Int32] = [:]
    private static let knownLock = ForkSafeLock()

    private static func search(_ pid: Int32, _ kind: PidKind, level: Int, namespace own: UInt64) -> Int32? {
        let field = kind == .task ? "NSpid:" : kind == .processGroup ? "NSpgid:" : "NSsid:"
        let processes = HostProc.entryNames("/proc").filter { $0.first?.isNumber == true }
        for p in processes {
            if let found = match("/proc/\(p)", field, pid, level: level, namespace: own) { return found }
        }
        guard kind == .task else { return nil }
        // A thread's tid: the tasks of each process.
        for p in processes {
            for t in HostProc.entryNames("/proc/\(p)/task") where t != p && t.first?.isNumber == true {
                if let found = match("/proc/\(p)/task/\(t)", field, pid, level: level, namespace: own) { return found }
            }
        }
        return nil
    }

    /// The task at `path` if its `field` is `pid` at `level`, in the caller's namespace: the
    /// same id in the tracer's.
    private static func match(_ path: String, _ field: String, _ pid: Int32, level: Int, namespace: UInt64) -> Int32? {
        guard let ids = ids(path + "/status", field), ids.count > level, ids[level] == pid else { return nil }
        // A task of this very namespace (not of a sibling at the same depth), or of one below it
        // (not below a sibling: its namespace's ancestor at this depth must be this one).
        if ids.count == level + 1 {
            if namespaceInode(path + "/ns/pid") != namespace { return nil }
        } else if ancestorInode(path + "/ns/pid", up: ids.count - 1 - level) != namespace {
            return nil
        }
        return ids[tracerLevel] == pid ? nil : ids[tracerLevel]
    }

    /// The inode of the pid namespace `up` levels above the one at `path` (NS_GET_PARENT, which
    /// fails past the caller's own namespace: another tree's task gives nil).
    private static func ancestorInode(_ path: String, up: Int) -> UInt64? {
        var fd = HostProc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        for _ in 0..<up {
            let parent = dt_host_syscall(16, UInt64(fd), 0xb702, 0, 0, 0, 0)  // ioctl(fd, NS_GET_PARENT)
            close(fd)
            guard parent >= 0 else { return nil }
            fd = Int32(truncatingIfNeeded: parent)
        }
        defer { close(fd) }
        var st = stat()
        return fstat(fd, &st) == 0 ? UInt64(st.st_ino) : nil
    }

    private static func namespaceInode(_ path: String) -> UInt64? {
        var st = stat()
        guard HostProc.statPath(path, &st) == 0 else { return nil }
        return UInt64(st.st_ino)
    }

    /// A line of /proc/.../status listing one id per namespace (NSpid, NSpgid, NSsid), from the
    /// namespace of dunetrace's /proc down.
    private static func ids(_ path: String, _ field: String) -> [Int32]? {
        let fd = HostProc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = read(fd, &buf, buf.count)
        guard n > 0 else { return nil }
        let text = String(decoding: buf[0..<n], as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field) }) else { return nil }
        let ids = line.dropFirst(field.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Int32($0) }
        return ids.isEmpty ? nil : ids
    }
}
