// The trace and the live text's file may not be cut by the target through their paths:
// truncate, unlink, unlinkat, rename, renameat, renameat2 and an open with O_TRUNC naming one (as the source, or as
// a destination they would replace) fail with EACCES. Opening them for writing is refused in
// OpenedFileCheck.swift. The files are judged by what the path resolves to (device and
// inode, as the kernel would find it from the target's dirfd), never by its text. Nor may
// they be made immutable, their directories renamed, or a mount laid over them.
import CKVM
import Glibc

extension Tracer {
    private static let truncateCall = Sys.truncate
    private static let unlinkCall = Sys.unlink
    private static let unlinkatCall = Sys.unlinkat

    /// EACCES when the call would truncate, remove or replace dunetrace's trace or live file;
    /// EPERM when it would make one immutable or append-only (as without CAP_LINUX_IMMUTABLE);
    /// EBUSY when it would move a directory above one, or mount over one or its directories
    /// (as for a directory in use): the trace would be written on where its path no longer leads.
    func cutsOwnFile(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        let cwd = UInt64(bitPattern: Int64(AT_FDCWD))
        let names: [(dirfd: UInt64, path: UInt64, follow: Bool)]
        switch nr {
        case Sys.ioctl:
            // FS_IOC_SETFLAGS, FS_IOC32_SETFLAGS, FS_IOC_FSSETXATTR: a read-only descriptor will do.
            guard [0x4008_6602, 0x4004_6602, 0x401c_5820].contains(UInt32(truncatingIfNeeded: a.a1)) else { return nil }
            guard let st = descriptorFile(a.a0) else { return nil }
            return isOwnFile(dev: UInt64(st.st_dev), ino: UInt64(st.st_ino)) ? -Int64(EPERM) : nil
        case Sys.mount:
            // A remount or a change of propagation hides nothing (and the kernel refuses to make
            // a mount read-only under a file open for writing); a new mount, a bind or a move does.
            let remount: UInt64 = 0x20, propagation: UInt64 = 0x1e_0000  // MS_REMOUNT, MS_{UNBINDABLE,PRIVATE,SLAVE,SHARED}
            guard a.a3 & (remount | propagation) == 0, inStartMountNamespace() else { return nil }
            return a.a1 != 0 && coversOwnFile(dirfd: cwd, path: a.a1, follow: true) ? -Int64(EBUSY) : nil
        case Sys.move_mount:
            guard inStartMountNamespace() else { return nil }
            let flags = a.a4, emptyPath: UInt64 = 0x40, followSymlinks: UInt64 = 0x10  // MOVE_MOUNT_T_*
            if flags & emptyPath != 0, let p = memory.readCString(a.a3, max: 1), p.complete, p.bytes.isEmpty {
                guard let st = descriptorFile(a.a2) else { return nil }
                return ownFileAndDirectories().contains(FileID(st)) ? -Int64(EBUSY) : nil
            }
            return coversOwnFile(dirfd: a.a2, path: a.a3, follow: flags & followSymlinks != 0) ? -Int64(EBUSY) : nil
        case Sys.rename, Sys.renameat, Sys.renameat2:
            let pair = nr == Sys.rename ? [(cwd, a.a0), (cwd, a.a1)] : [(a.a0, a.a1), (a.a2, a.a3)]
            for (dirfd, path) in pair where movesOwnDirectory(dirfd: dirfd, path: path) { return -Int64(EBUSY) }
            names = pair.map { ($0.0, $0.1, false) }
        case Tracer.truncateCall: names = [(cwd, a.a0, true)]
        case Tracer.unlinkCall: names = [(cwd, a.a0, false)]
        case Tracer.unlinkatCall: names = [(a.a0, a.a1, false)]
        default:
            // An open with O_TRUNC cuts the file before OpenedFileCheck sees the descriptor.
            guard Tracer.openingCalls.contains(nr), openFlags(nr, a) & UInt64(O_TRUNC) != 0 else { return nil }
            let follow = openFlags(nr, a) & UInt64(O_NOFOLLOW) == 0
            switch SyscallTable.name(nr) {
            case "open", "creat": names = [(cwd, a.a0, follow)]
            case "openat", "openat2": names = [(a.a0, a.a1, follow)]
            case "open_by_handle_at": return handleNamesOwnFile(mountFD: a.a0, handle: a.a1) ? -Int64(EACCES) : nil
            default: return nil
            }
        }
        for name in names where namesOwnFile(dirfd: name.dirfd, path: name.path, follow: name.follow) {
            return -Int64(EACCES)
        }
        return nil
    }

    /// A file's identity: device and inode.
    struct FileID: Hashable {
        let dev: UInt64, ino: UInt64
        init(_ st: stat) { (dev, ino) = (UInt64(st.st_dev), UInt64(st.st_ino)) }
    }

    /// dunetrace's own files (trace, live text) and every directory above them, looked up now
    /// (asked only by rename, mount and move_mount).
    private func ownFileAndDirectories() -> Set<FileID> {
        var found = Set<FileID>()
        for fd in SyscallGuard.ownDescriptors() {
            var st = stat()
            guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG,
                  var path = HostProc.readlink("/proc/self/fd/\(fd)"), path.hasPrefix("/") else { continue }
            found.insert(FileID(st))
            while path != "/", let slash = path.lastIndex(of: "/") {
                path = slash == path.startIndex ? "/" : String(path[..<slash])
                var dir = stat()
                if stat(path, &dir) == 0 { found.insert(FileID(dir)) }
            }
        }
        return found
    }

    /// What `path` (from `dirfd`) resolves to, or nil.
    private func resolved(dirfd: UInt64, path: UInt64, follow: Bool) -> stat? {
        guard let p = memory.readCString(path, max: 4096), p.complete, !p.bytes.isEmpty else { return nil }
        let fd = Int32(truncatingIfNeeded: dirfd)
        if fd != AT_FDCWD && (fd < 0 || guardRules.isReservedFd(dirfd)) { return nil }
        var st = stat()
        let rc = (p.bytes + [0]).withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                fstatat(fd, $0, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW)
            }
        }
        return rc == 0 ? st : nil
    }

    /// Mounts made in a namespace of the target's own (unshare, setns) leave the trace's path
    /// where dunetrace started as it was.
    private func inStartMountNamespace() -> Bool {
        HostProc.startMountNamespace == 0 || HostProc.mountNamespace() == HostProc.startMountNamespace
    }

    /// A mount point that is one of dunetrace's files or a directory above one.
    private func coversOwnFile(dirfd: UInt64, path: UInt64, follow: Bool) -> Bool {
        guard let st = resolved(dirfd: dirfd, path: path, follow: follow) else { return false }
        return ownFileAndDirectories().contains(FileID(st))
    }

    /// A directory above one of dunetrace's files, renamed or exchanged.
    private func movesOwnDirectory(dirfd: UInt64, path: UInt64) -> Bool {
        guard let st = resolved(dirfd: dirfd, path: path, follow: false), st.st_mode & S_IFMT == S_IFDIR else { return false }
        return ownFileAndDirectories().contains(FileID(st))
    }

    private func namesOwnFile(dirfd: UInt64, path: UInt64, follow: Bool) -> Bool {
        guard let st = resolved(dirfd: dirfd, path: path, follow: follow), st.st_mode & S_IFMT == S_IFREG else { return false }
        return isOwnFile(dev: UInt64(st.st_dev), ino: UInt64(st.st_ino))
    }

    /// What the target's descriptor `fd` is (fstat), or nil: not open, or one of dunetrace's.
    private func descriptorFile(_ fd: UInt64) -> stat? {
        let n = Int32(truncatingIfNeeded: fd)
        var st = stat()
        guard n >= 0, !guardRules.isReservedFd(fd), fstat(n, &st) == 0 else { return nil }
        return st
    }

    /// open_by_handle_at: the file the handle names, found with an O_PATH open of it.
    private func handleNamesOwnFile(mountFD: UInt64, handle: UInt64) -> Bool {
        guard !guardRules.isReservedFd(mountFD), let size = TargetAccess.load(handle, as: UInt32.self), size <= 128 else { return false }
        var bytes = [UInt8](repeating: 0, count: 8 + Int(size))
        guard bytes.withUnsafeMutableBytes({ TargetAccess.read(handle, into: $0.baseAddress!, count: $0.count) }) else { return false }
        let fd = bytes.withUnsafeMutableBytes {
            dt_host_syscall(304 /* open_by_handle_at */, mountFD, UInt64(UInt(bitPattern: $0.baseAddress!)), 0o10000000 /* O_PATH */ | UInt64(O_CLOEXEC), 0, 0, 0)
        }
        guard fd >= 0 else { return false }
        defer { close(Int32(fd)) }
        var st = stat()
        guard fstat(Int32(fd), &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return false }
        return isOwnFile(dev: UInt64(st.st_dev), ino: UInt64(st.st_ino))
    }
}
