// The trace and the live text's file may not be cut by the target through their paths:
// truncate, unlink, unlinkat, rename, renameat, renameat2 and an open with O_TRUNC naming one (as the source, or as
// a destination they would replace) fail with EACCES. Opening them for writing is refused in
// OpenedFileCheck.swift. The files are judged by what the path resolves to (device and
// inode, as the kernel would find it from the target's dirfd), never by its text.
import CKVM
import Glibc

extension Tracer {
    private static let truncateCall = Sys.truncate
    private static let unlinkCall = Sys.unlink
    private static let unlinkatCall = Sys.unlinkat
    private static let renameCall = Sys.rename
    private static let renameatCall = Sys.renameat
    private static let renameat2Call = Sys.renameat2

    /// EACCES when the call would truncate, remove or replace dunetrace's trace or live file.
    func cutsOwnFile(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        let cwd = UInt64(bitPattern: Int64(AT_FDCWD))
        let names: [(dirfd: UInt64, path: UInt64, follow: Bool)]
        switch nr {
        case Tracer.truncateCall: names = [(cwd, a.a0, true)]
        case Tracer.unlinkCall: names = [(cwd, a.a0, false)]
        case Tracer.unlinkatCall: names = [(a.a0, a.a1, false)]
        case Tracer.renameCall: names = [(cwd, a.a0, false), (cwd, a.a1, false)]
        case Tracer.renameatCall, Tracer.renameat2Call: names = [(a.a0, a.a1, false), (a.a2, a.a3, false)]
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

    private func namesOwnFile(dirfd: UInt64, path: UInt64, follow: Bool) -> Bool {
        guard let p = memory.readCString(path, max: 4096), p.complete, !p.bytes.isEmpty else { return false }
        let fd = Int32(truncatingIfNeeded: dirfd)
        if fd != AT_FDCWD && (fd < 0 || guardRules.isReservedFd(dirfd)) { return false }
        var st = stat()
        let found = (p.bytes + [0]).withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                fstatat(fd, $0, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW)
            }
        }
        guard found == 0, st.st_mode & S_IFMT == S_IFREG else { return false }
        return isOwnFile(dev: UInt64(st.st_dev), ino: UInt64(st.st_ino))
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
