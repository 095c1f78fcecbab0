// What the kernel knows of each process and a traced one lacks, because dunetrace loads a new
// image without a host execve: which file it runs (writing to a running executable is
// ETXTBSY) and whether it has exec'd since its fork (setpgid on such a child is EACCES). One
// table in memory shared by every process of a dunetrace run (made before the first fork),
// outside the target's memory.
import CKVM
import Glibc

final class RunningImages: @unchecked Sendable {
    private struct Entry {
        var execed: Int32
        var device: UInt64
        var inode: UInt64
    }

    private static let capacity = 4096
    private let entries: UnsafeMutablePointer<Entry>
    /// Each entry's process (0: free), side by side: a search reads 4 pages, not all 24 of the
    /// entries (each a page fault in a new process: fork does not copy shared memory's
    /// page-table entries).
    private let pids: UnsafeMutablePointer<Int32>

    init?() {
        let entryBytes = RunningImages.capacity * MemoryLayout<Entry>.stride
        let bytes = entryBytes + RunningImages.capacity * MemoryLayout<Int32>.stride
        guard let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED else {
            return nil
        }
        entries = p.bindMemory(to: Entry.self, capacity: RunningImages.capacity)
        pids = (p + entryBytes).bindMemory(to: Int32.self, capacity: RunningImages.capacity)
    }

    private func pidSlot(_ i: Int) -> UnsafeMutablePointer<Int32> { pids + i }

    /// Process `pid` runs `path` from now on (`execed`: it got there by execve).
    func set(pid: Int32, path: String, execed: Bool) {
        var st = stat()
        guard stat(path, &st) == 0 else { clear(pid: pid); return }
        var free = -1
        for i in 0..<RunningImages.capacity {
            let owner = atomicLoad(pidSlot(i))
            if owner == pid { free = i; break }
            if owner == 0 && free < 0 { free = i }
        }
        // Full: the oldest entries may belong to processes long gone; take one that is.
        if free < 0 { free = (0..<RunningImages.capacity).first { !alive(atomicLoad(pidSlot($0))) } ?? -1 }
        guard free >= 0 else { return }
        atomicStore(pidSlot(free), 0)
        entries[free].execed = execed ? 1 : 0
        entries[free].device = UInt64(st.st_dev)
        entries[free].inode = UInt64(st.st_ino)
        atomicStore(pidSlot(free), pid)
    }

    /// Process `pid` ended: it runs nothing any more, but until its parent reaps it, it is
    /// still a child that has exec'd (setpgid on the zombie is EACCES), so that mark stays.
    func retire(pid: Int32) {
        for i in 0..<RunningImages.capacity where atomicLoad(pidSlot(i)) == pid {
            if entries[i].execed == 0 { atomicStore(pidSlot(i), 0); continue }
            entries[i].device = 0
            entries[i].inode = 0
        }
    }

    func clear(pid: Int32) {
        for i in 0..<RunningImages.capacity where atomicLoad(pidSlot(i)) == pid { atomicStore(pidSlot(i), 0) }
    }

    /// True if `pid` (known to dunetrace) has exec'd since its fork.
    func hasExeced(_ pid: Int32) -> Bool {
        for i in 0..<RunningImages.capacity where atomicLoad(pidSlot(i)) == pid { return entries[i].execed != 0 }
        return false
    }

    /// True if a live traced process runs the file (device, inode).
    func isRunning(device: UInt64, inode: UInt64) -> Bool {
        for i in 0..<RunningImages.capacity {
            let pid = atomicLoad(pidSlot(i))
            if pid != 0 && entries[i].device == device && entries[i].inode == inode && alive(pid) { return true }
        }
        return false
    }

    /// A process killed outright never cleared its entry.
    private func alive(_ pid: Int32) -> Bool { pid != 0 && (kill(pid, 0) == 0 || errno == EPERM) }

    private func atomicLoad(_ p: UnsafeMutablePointer<Int32>) -> Int32 { dt_load_acquire32(p) }
    private func atomicStore(_ p: UnsafeMutablePointer<Int32>, _ v: Int32) { dt_store_release32(p, v) }
}

extension Tracer {
    /// Opening (or truncating) for writing a file a traced process runs: ETXTBSY, as the kernel
    /// refuses for a running executable, after the checks it makes first (the file exists, is
    /// regular, the caller may write it). nil: the host call decides.
    func busyExecutable(dirfd: UInt64, path pathAddress: UInt64, flags: UInt64) -> Emulation? {
        let accessMode = Int32(truncatingIfNeeded: flags) & O_ACCMODE
        guard accessMode == O_WRONLY || accessMode == O_RDWR || flags & UInt64(O_TRUNC) != 0 else { return nil }
        guard flags & UInt64(O_DIRECTORY) == 0, flags & UInt64(O_CREAT | O_EXCL) != UInt64(O_CREAT | O_EXCL),
              let images = runningImages else { return nil }
        let dir = Int32(truncatingIfNeeded: dirfd)
        guard dir == AT_FDCWD || (dir >= 0 && !guardRules.isReservedFd(dirfd)) else { return nil }
        guard let p = memory.readCString(pathAddress, max: 4096), p.complete, !p.bytes.isEmpty else { return nil }
        let path = String(decoding: p.bytes, as: UTF8.self)
        var st = stat()
        let noFollow = flags & UInt64(O_NOFOLLOW) != 0 ? AT_SYMLINK_NOFOLLOW : 0
        guard fstatat(dir, path, &st, noFollow) == 0, st.st_mode & S_IFMT == S_IFREG,
              images.isRunning(device: UInt64(st.st_dev), inode: UInt64(st.st_ino)),
              faccessat(dir, path, W_OK, AT_EACCESS) == 0 else { return nil }
        return .result(-Int64(ETXTBSY))
    }

    /// setpgid on a child of this process that has exec'd since the fork: EACCES, in the
    /// kernel's place among its checks (the child, in the caller's session).
    func setpgidAfterExec(_ a: SyscallArgs) -> Emulation {
        let target = Int32(truncatingIfNeeded: a.a0)
        guard target > 0, target != pid, let images = runningImages, images.hasExeced(target),
              parentOf(target) == pid, getsid(target) == getsid(0) else { return .passthrough }
        return .result(-Int64(EACCES))
    }

    private func parentOf(_ process: Int32) -> Int32? {
        guard let text = readWholeFile("/proc/\(process)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        // After the command's ")": state, then the parent's pid.
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }
}
