// Paths the kernel resolves to one of dunetrace's descriptors or host threads in /proc:
// /proc/self/fd/N and /proc/self/fdinfo/N for a number of dunetrace's, /proc/self/task/TID
// for one of its own threads, in every spelling (thread-self, a pid, a dirfd on /proc/self,
// a symlink, a procfs mounted elsewhere). An open of one is refused after the fact
// (OpenedFileCheck.swift); every other call taking a path (stat, readlink, access, xattrs,
// inotify, utimensat, name_to_handle_at, linkat, chdir...) is refused here, before the call,
// with the kernel's ENOENT for a descriptor that is not open. The decision is made by what the
// kernel resolves: the path is looked up without following its last component; only when that
// lands on a procfs is the entry opened (O_PATH) and named by the kernel, and that name decides.
import CKVM
import Foundation
import Glibc

/// Devices of resolved entries seen so far: true for a procfs (most paths are on a few file
/// systems that are not, and cost one statx). An NSLock, not Synchronization's Mutex: in a
/// forked child (pid 1 of a pid namespace the target made) the Mutex trapped, "unlock on a
/// thread which hasn't acquired the lock".
private final class ProcfsDevices: @unchecked Sendable {
    private let lock = ForkSafeLock()
    private var known: [UInt64: Bool] = [:]
    subscript(device: UInt64) -> Bool? {
        get { lock.lock(); defer { lock.unlock() }; return known[device] }
        set { lock.lock(); known[device] = newValue; lock.unlock() }
    }
}
private let procfsDevices = ProcfsDevices()

extension Tracer {
    /// ENOENT when a path argument of the call (host copies in `checked`) names one of
    /// dunetrace's descriptors or threads through /proc; nil otherwise.
    func pathReachesTracer(_ nr: Int, _ description: SyscallDescription, _ args: SyscallArgs, _ checked: SyscallArgs) -> Int64? {
        guard let parameters = description.arguments(for: args) else { return nil }
        var dirfd = UInt64(bitPattern: Int64(AT_FDCWD))
        for (i, p) in parameters.enumerated() where i < 6 {
            switch p.type {
            case .descriptor(.directory):
                dirfd = checked[i]
            case .pointer(let pointer):
                guard pointer.direction == .input, case .string(let limit) = pointer.pointee, limit == 4096,
                      args[i] != 0, checked[i] != args[i], !ModelGuard.isStandIn(checked[i]) else { continue }  // a host copy
                // A symlink's target is text the kernel stores, not a path it resolves now.
                if i == 0 && (nr == Sys.symlink || nr == Sys.symlinkat) { dirfd = UInt64(bitPattern: Int64(AT_FDCWD)); continue }
                if let follow = followsPath(nr, args, i), let cPath = UnsafePointer<CChar>(bitPattern: UInt(checked[i])) {
                    // Checked as the call will walk it, magic links judged by what they reach
                    // (not pinned: a call without a descriptor form).
                    switch resolvePath(dirfd: Int32(truncatingIfNeeded: dirfd), path: cPath, follow: follow) {
                    case .refused(let errno): return errno
                    case .descriptor(let fd), .exeLink(let fd): close(fd)
                    case .error: break
                    }
                }
                if resolvesToTracer(dirfd: dirfd, path: checked[i]) { return -Int64(ENOENT) }
                dirfd = UInt64(bitPattern: Int64(AT_FDCWD))
            default:
                continue
            }
        }
        return nil
    }

    /// Whether an unpinned call follows path argument `i`'s last component (nil: it does not,
    /// or it creates or removes the entry itself).
    private func followsPath(_ nr: Int, _ args: SyscallArgs, _ i: Int) -> Bool? {
        switch SyscallTable.name(nr) {
        case "getxattr", "setxattr", "listxattr", "removexattr", "truncate", "utime", "chroot", "execve", "uselib", "swapon", "acct":
            return i == 0 ? true : nil
        case "inotify_add_watch": return i == 1 && args.a2 & 0x0200_0000 == 0 ? true : nil  // IN_DONT_FOLLOW
        // Opens are judged by what they opened (OpenedFileCheck.swift).
        case "utimensat", "futimesat", "linkat", "name_to_handle_at": return nil
        default: return nil
        }
    }

    /// The kernel's resolution of (dirfd, path), its last component not followed.
    private func resolvesToTracer(dirfd: UInt64, path: UInt64) -> Bool {
        guard let cPath = UnsafePointer<CChar>(bitPattern: UInt(path)), cPath.pointee != 0 else { return false }
        let fd = Int32(truncatingIfNeeded: dirfd)
        // statx: dev_major at 136, dev_minor at 140.
        var sx = [UInt8](repeating: 0, count: 256)
        let AT_SYMLINK_NOFOLLOW: UInt64 = 0x100, AT_NO_AUTOMOUNT: UInt64 = 0x800, STATX_TYPE: UInt64 = 1
        let r = sx.withUnsafeMutableBytes {
            dt_host_syscall(332, UInt64(bitPattern: Int64(fd)), path, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT, STATX_TYPE,
                            UInt64(UInt(bitPattern: $0.baseAddress!)), 0)
        }
        guard r == 0 else { return false }
        let device = sx.withUnsafeBytes { UInt64($0.load(fromByteOffset: 136, as: UInt32.self)) << 32 | UInt64($0.load(fromByteOffset: 140, as: UInt32.self)) }
        if procfsDevices[device] == false { return false }
        // On a procfs (or a device not seen yet): the entry itself, named by the kernel.
        let entry = openat(fd, cPath, 0o10000000 | O_NOFOLLOW | O_CLOEXEC)
        guard entry >= 0 else { return false }
        defer { close(entry) }
        var buffer = [UInt64](repeating: 0, count: 15)  // struct statfs: f_type first
        let isProc = buffer.withUnsafeMutableBytes { dt_host_syscall(138, UInt64(entry), UInt64(UInt(bitPattern: $0.baseAddress!)), 0, 0, 0, 0) } == 0
            && buffer[0] == 0x9fa0
        procfsDevices[device] = isProc
        guard isProc, let shown = HostProc.readlink("/proc/self/fd/\(entry)") else { return false }
        return procNameReachesTracer("/proc" + HostProc.pathInsideMount(of: entry, shown))
    }

    /// /proc/PID[/task/TID]/(fd|fdinfo)/N with N one of dunetrace's, PID a process of this
    /// trace; or PID or TID one of dunetrace's own host threads.
    func procNameReachesTracer(_ path: String) -> Bool {
        var parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 2, parts[0] == "proc", var named = Int32(parts[1]) else { return false }
        parts.removeFirst(2)
        // A /proc of a parent pid namespace (`unshare -Urpf dunetrace`) numbers this process
        // and thread its own way: /proc/self and /proc/thread-self say how.
        // Read only for a number that is not already the program's.
        if named != pid, HostProc.readlink("/proc/self").flatMap({ Int32($0) }) == named { named = pid }
        if isOwnHostThread(named) { return true }
        if parts.count >= 2 && parts[0] == "task", var tid = Int32(parts[1]) {
            if tid != self.tid,
               HostProc.readlink("/proc/thread-self").flatMap({ $0.split(separator: "/").last.flatMap { Int32($0) } }) == tid {
                tid = self.tid
            }
            if isOwnHostThread(tid) { return true }
            parts.removeFirst(2)
        }
        let owner = tasks.contains(where: { $0.tid == named }) ? pid : named
        guard owner == pid || isTracedProcess(owner) else { return false }
        guard parts.count >= 2, parts[0] == "fd" || parts[0] == "fdinfo", let n = Int64(parts[1]) else { return false }
        return n >= guardRules.reservedFdBase
    }
}
