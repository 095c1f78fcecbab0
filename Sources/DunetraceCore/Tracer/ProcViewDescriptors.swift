// The descriptors dunetrace hands the target for its own /proc files (status, maps, pagemap...:
// ProcSelf.swift, ProcPagemap.swift) read the target's view from a memfd; natively they are
// procfs files, and everything but their contents must say so. Each view keeps dunetrace's own
// descriptor on the real procfs file, opened with the target's flags (the kernel decides
// whether that open is allowed), and the target's descriptor is the memfd reopened with the
// same flags, so reads, positions and close-on-exec are the kernel's. What would show the memfd
// is answered from the real file: fstat, fstatat/statx with AT_EMPTY_PATH, fstatfs, F_GETFL and
// F_SETFL, seals, lseek (seq files refuse SEEK_END), write and friends (EBADF, EINVAL, ESPIPE as
// the file decides), mmap (ENODEV), some ioctls, readlink and stat of /proc/self/fd/N, a
// reopen of /proc/self/fd/N and /proc/self/fdinfo/N. A call on any other descriptor costs one
// lookup in a table that is empty unless the target opened such a file.
import CKVM
import Glibc

/// One view: the real file and the memfd's identity (a number reused for another file is told
/// apart by it). Duplicates of the target's descriptor share it; the last one closes the file.
final class ProcViewFile: @unchecked Sendable {
    let real: Int32
    let dev: UInt64, ino: UInt64
    /// pagemap: dunetrace's writable descriptor on the memfd, where entries are refreshed.
    let writer: Int32
    init(real: Int32, dev: UInt64, ino: UInt64, writer: Int32) {
        (self.real, self.dev, self.ino, self.writer) = (real, dev, ino, writer)
    }
    deinit {
        close(real)
        if writer >= 0 { close(writer) }
    }
}

/// The views of this process by the target's descriptor (a forked child has its own copy,
/// with its own inherited descriptors). Used under the tracer lock.
private final class ProcViewTable: @unchecked Sendable {
    var byFd: [Int32: ProcViewFile] = [:]
    /// "/proc/self/fd/REAL" for a real file's number, where the target's /proc/self/fd/N leads
    /// natively; kept for good (a host call may still read it after the view is gone).
    var links: [Int32: UnsafeMutablePointer<CChar>] = [:]
    func link(_ real: Int32) -> UnsafeMutablePointer<CChar>? {
        if let p = links[real] { return p }
        let p = strdup("/proc/self/fd/\(real)")
        links[real] = p
        return p
    }
}
private let procViews = ProcViewTable()

/// O_PATH (glibc keeps it private to Swift).
let procOPath: UInt64 = 0o10000000

private enum ViewCall {
    static let fstat = Sys.fstat
    static let newfstatat = Sys.newfstatat
    static let statx = Sys.statx
    static let fstatfs = Sys.fstatfs
    static let fcntl = Sys.fcntl
    static let lseek = Sys.lseek
    static let ioctl = Sys.ioctl
    static let dup = Sys.dup
    static let dup2 = Sys.dup2
    static let dup3 = Sys.dup3
    /// Calls that would write the memfd: the real file answers (none of these files can be
    /// written, so the kernel never reads the buffers).
    static let writing: Set<Int> = Set(["write", "pwrite64", "writev", "pwritev", "pwritev2", "ftruncate", "fallocate"].compactMap { SyscallTable.number($0) })
}

let procViewCallNames = ["fstat", "newfstatat", "statx", "fstatfs", "fcntl", "lseek", "ioctl",
                         "write", "pwrite64", "writev", "pwritev", "pwritev2", "ftruncate", "fallocate"]

extension Tracer {
    /// The view behind the target's descriptor `fd`, if it is one.
    /// The view whose memfd is (dev, ino): reached again through /proc/self/fd/N.
    func procViewOf(dev: UInt64, ino: UInt64) -> ProcViewFile? {
        guard !procViews.byFd.isEmpty else { return nil }
        return procViews.byFd.values.first { $0.dev == dev && $0.ino == ino }
    }

    /// Whether the target has views open at all.
    var hasProcViews: Bool { !procViews.byFd.isEmpty }

    func procView(_ fd: UInt64) -> ProcViewFile? {
        guard !procViews.byFd.isEmpty else { return nil }
        let n = Int32(truncatingIfNeeded: fd)  // an unsigned int to the kernel
        guard n >= 0, Int64(n) < guardRules.reservedFdBase, let view = procViews.byFd[n] else { return nil }
        var st = stat()
        guard fstat(n, &st) == 0, UInt64(st.st_dev) == view.dev, UInt64(st.st_ino) == view.ino else {
            procViews.byFd[n] = nil  // closed, and the number used again
            return nil
        }
        return view
    }

    /// A new descriptor for the target on a view holding `content` (or `size` zero bytes),
    /// `real` the real file (dunetrace's descriptor, taken over), opened with `flags`.
    func makeProcView(named name: String, content: [UInt8], size: Int = 0, real: Int32, flags: UInt64, keepWriter: Bool = false) -> Int64 {
        let raw = name.withCString { dt_host_syscall(Int64(SyscallNumber.memfdCreate), UInt64(UInt(bitPattern: $0)), 1 /* MFD_CLOEXEC */, 0, 0, 0, 0) }
        guard raw >= 0 else { close(real); return raw }
        let rw = dt_fd_move_high(Int32(raw))
        var off = 0
        while off < content.count {
            let n = content.withUnsafeBytes { Glibc.write(rw, $0.baseAddress! + off, content.count - off) }
            if n <= 0 { break }
            off += n
        }
        if size > 0 { _ = ftruncate(rw, off_t(size)) }
        // The memfd opened again as the target opened the file: its access mode and status flags.
        let kept = Int32(O_ACCMODE | O_APPEND | O_NONBLOCK | O_CLOEXEC | 0o1000000 /* O_NOATIME */ | O_SYNC | O_DSYNC)
        let reopenFlags = UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: flags) & kept | 0o100000 /* O_LARGEFILE */))
        var fd = "/proc/self/fd/\(rw)".withCString {
            dt_host_syscall(Int64(SyscallNumber.openat), UInt64(bitPattern: Int64(AT_FDCWD)), UInt64(UInt(bitPattern: $0)), reopenFlags, 0, 0, 0)
        }
        if fd < 0 { fd = Int64(fcntl(rw, flags & UInt64(O_CLOEXEC) != 0 ? F_DUPFD_CLOEXEC : F_DUPFD, 0)) }  // no /proc where the target is
        var st = stat()
        guard fd >= 0, fstat(Int32(fd), &st) == 0 else {
            close(rw); close(real)
            return fd < 0 ? -Int64(EMFILE) : fd
        }
        procViews.byFd[Int32(fd)] = ProcViewFile(real: real, dev: UInt64(st.st_dev), ino: UInt64(st.st_ino), writer: keepWriter ? rw : -1)
        if !keepWriter { close(rw) }
        return fd
    }

    /// dunetrace's descriptor on the file at `path` (the target's text, which names this
    /// process) opened with the target's flags, or the kernel's error for that open.
    func openRealProcFile(_ path: [UInt8], flags: UInt64) -> Int64 {
        let r = (path + [0]).withUnsafeBufferPointer {
            dt_host_syscall(Int64(SyscallNumber.openat), UInt64(bitPattern: Int64(AT_FDCWD)), UInt64(UInt(bitPattern: $0.baseAddress!)),
                            flags | UInt64(O_CLOEXEC | O_NOCTTY), 0, 0, 0)
        }
        return r < 0 ? r : Int64(dt_fd_move_high(Int32(r)))
    }

    /// The writable memfd of the pagemap view behind `fd`, if it is one.
    func pagemapWriter(_ fd: UInt64) -> Int32? {
        guard let v = procView(fd), v.writer >= 0 else { return nil }
        return v.writer
    }

    /// A call on a view, answered as the real file would; nil for every other call.
    func procViewCall(_ nr: Int, _ a: SyscallArgs) -> Emulation {
        if nr == ViewCall.fcntl, let r = kernelKillFcntl(nr, a) { return .result(r) }
        guard !procViews.byFd.isEmpty else { return .passthrough }
        switch nr {
        case ViewCall.fstat:
            guard let v = procView(a.a0) else { return .passthrough }
            return .result(hostInto(a.a1, size: MemoryLayout<stat>.size) { dt_host_syscall(Int64(nr), UInt64(v.real), $0, 0, 0, 0, 0) })
        case ViewCall.fstatfs:
            guard let v = procView(a.a0) else { return .passthrough }
            return .result(hostInto(a.a1, size: 120 /* struct statfs */) { dt_host_syscall(Int64(nr), UInt64(v.real), $0, 0, 0, 0, 0) })
        case ViewCall.newfstatat, ViewCall.statx:
            let flags = (nr == ViewCall.statx ? a.a2 : a.a3) & 0xffff_ffff
            let buffer = nr == ViewCall.statx ? a.a4 : a.a2
            let size = nr == ViewCall.statx ? 256 : MemoryLayout<stat>.size
            func call(_ dirfd: Int32, _ path: String, _ buf: UInt64) -> Int64 {
                path.withCString {
                    nr == ViewCall.statx
                        ? dt_host_syscall(Int64(nr), UInt64(bitPattern: Int64(dirfd)), UInt64(UInt(bitPattern: $0)), flags, a.a3, buf, 0)
                        : dt_host_syscall(Int64(nr), UInt64(bitPattern: Int64(dirfd)), UInt64(UInt(bitPattern: $0)), buf, flags, 0, 0)
                }
            }
            if flags & 0x1000 /* AT_EMPTY_PATH */ != 0, let v = procView(a.a0) {
                // The descriptor itself: an empty path (or none, for statx).
                let first: UInt8? = a.a1 == 0 ? 0 : memory.read(a.a1, count: 1)?.first
                if first == 0 { return .result(hostInto(buffer, size: size) { call(v.real, "", $0) }) }
            }
            return .passthrough  // a path: /proc/self/fd/N is followed in the guard (followProcLinks)
        case ViewCall.fcntl:
            guard let v = procView(a.a0) else { return .passthrough }
            let cmd = Int32(truncatingIfNeeded: a.a1)
            switch cmd {
            case F_GETFL, 1033, 1034:  // F_ADD_SEALS, F_GET_SEALS: procfs has none
                return .result(dt_host_syscall(Int64(nr), UInt64(v.real), a.a1, a.a2, 0, 0, 0))
            case F_SETFL:
                let r = dt_host_syscall(Int64(nr), UInt64(v.real), a.a1, a.a2, 0, 0, 0)
                if r == 0 { _ = dt_host_syscall(Int64(nr), a.a0 & 0xffff_ffff, a.a1, a.a2, 0, 0, 0) }
                return .result(r)
            default:
                return .passthrough
            }
        case ViewCall.lseek:
            guard let v = procView(a.a0) else { return .passthrough }
            // The real file decides (seq files take SEEK_SET and SEEK_CUR only), at the
            // position the target's reads reached; the memfd follows.
            let fd = Int32(truncatingIfNeeded: a.a0)
            var offset = Int64(bitPattern: a.a1), whence = a.a2 & 0xffff_ffff
            if whence == UInt64(SEEK_CUR) {
                let (sum, overflow) = Int64(lseek(fd, 0, SEEK_CUR)).addingReportingOverflow(offset)
                if overflow { return .result(-Int64(EINVAL)) }
                (offset, whence) = (sum, UInt64(SEEK_SET))
            }
            let r = dt_host_syscall(Int64(nr), UInt64(v.real), UInt64(bitPattern: offset), whence, 0, 0, 0)
            if r >= 0 { _ = dt_host_syscall(Int64(nr), UInt64(fd), UInt64(bitPattern: r), UInt64(SEEK_SET), 0, 0, 0) }
            return .result(r)
        case ViewCall.ioctl:
            guard let v = procView(a.a0) else { return .passthrough }
            let request = a.a1 & 0xffff_ffff
            switch request {
            case 0x541b:  // FIONREAD: the file's size (0) less the position, an int
                let position = Int64(lseek(Int32(truncatingIfNeeded: a.a0), 0, SEEK_CUR))
                let value = Int32(truncatingIfNeeded: 0 &- position)
                guard space.isAccessible(a.a2, 4, prot: PROT_WRITE), TargetAccess.store(value, at: a.a2) else { return .result(-Int64(EFAULT)) }
                return .result(0)
            case 2, 0x8008_6601, 0x801c_581f, 0x5460:  // FIGETBSZ, FS_IOC_GETFLAGS, FS_IOC_FSGETXATTR, FIOQSIZE
                let size = request == 2 ? 4 : request == 0x5460 ? 8 : request == 0x801c_581f ? 28 : 4
                return .result(hostInto(a.a2, size: size) { dt_host_syscall(Int64(nr), UInt64(v.real), request, $0, 0, 0, 0) })
            default:
                return .passthrough
            }
        default:
            guard ViewCall.writing.contains(nr), let v = procView(a.a0) else { return .passthrough }
            // None of these files can be written: the kernel refuses before it reads a buffer.
            return .result(dt_host_syscall(Int64(nr), UInt64(v.real), a.a1, a.a2, a.a3, a.a4, a.a5))
        }
    }

    /// A host call writing up to `size` bytes into a local buffer, copied to the target's
    /// `address` when it succeeds (EFAULT if that is not the target's writable memory).
    private func hostInto(_ address: UInt64, size: Int, _ call: (UInt64) -> Int64) -> Int64 {
        var buffer = [UInt8](repeating: 0, count: max(size, 256))
        let r = buffer.withUnsafeMutableBytes { call(UInt64(UInt(bitPattern: $0.baseAddress!))) }
        guard r >= 0 else { return r }
        guard space.isAccessible(address, size, prot: PROT_WRITE),
              buffer.withUnsafeBytes({ TargetAccess.write(address, from: $0.baseAddress!, count: size) }) else { return -Int64(EFAULT) }
        return r
    }

    /// "/proc/self/fd/REAL" when (dirfd, path) spells /proc/self/fd/N (or /proc/PID/...,
    /// /proc/thread-self/...) for a view N: what that link leads to natively.
    func viewLinkPath(dirfd: UInt64, path: UInt64) -> String? {
        guard !procViews.byFd.isEmpty, path != 0, let p = memory.readCString(path, max: 64), p.complete else { return nil }
        let text = String(decoding: p.bytes, as: UTF8.self)
        guard text.hasPrefix("/proc/"), let entry = procSelfEntry(text) else { return nil }
        let parts = entry.split(separator: "/")
        guard parts.count == 2, parts[0] == "fd", let n = UInt64(parts[1]), let v = procView(n) else { return nil }
        return "/proc/self/fd/\(v.real)"
    }

    /// readlink of /proc/self/fd/N for a view: the real file's name.
    func readlinkView(path: UInt64, buf: UInt64, size: UInt64) -> Emulation {
        guard let real = viewLinkPath(dirfd: UInt64(bitPattern: Int64(AT_FDCWD)), path: path), let name = HostProc.readlink(real) else { return .passthrough }
        let bytes = Array(name.utf8)
        guard Int32(truncatingIfNeeded: size) > 0 else { return .result(-Int64(EINVAL)) }  // int bufsiz
        let n = min(bytes.count, Int(Int32(truncatingIfNeeded: size)))
        guard space.isAccessible(buf, n, prot: PROT_WRITE),
              bytes.withUnsafeBytes({ TargetAccess.write(buf, from: $0.baseAddress!, count: n) }) else { return .result(-Int64(EFAULT)) }
        return .result(Int64(n))
    }

    /// mmap of a view: the real file's refusal (ENODEV: procfs files have no mmap; EACCES,
    /// EPERM for exec on a noexec mount), checked with the same arguments; nil to go on.
    func mmapViewRefusal(fd: Int32, length: UInt64, prot: Int32, flags: Int32, offset: UInt64) -> Int64? {
        guard let v = procView(UInt64(UInt32(bitPattern: fd))) else { return nil }
        let probeFlags = flags & ~(MAP_FIXED | MAP_FIXED_NOREPLACE | MAP_POPULATE | MAP_32BIT)
        let r = dt_host_syscall(9, 0, length, UInt64(UInt32(bitPattern: prot)), UInt64(UInt32(bitPattern: probeFlags)), UInt64(v.real), offset)
        if r >= 0 { Glibc.munmap(UnsafeMutableRawPointer(bitPattern: UInt(r)), Int(length)); return nil }
        return r
    }

    /// After dup, dup2, dup3 or F_DUPFD of a view: the new number is the same view.
    func noteViewDuplicate(_ nr: Int, _ a: SyscallArgs, result: Int64) {
        guard !procViews.byFd.isEmpty, result >= 0, result < guardRules.reservedFdBase else { return }
        guard nr == ViewCall.dup || nr == ViewCall.dup2 || nr == ViewCall.dup3 || isDupfd(nr, a), let v = procView(a.a0) else { return }
        procViews.byFd[Int32(result)] = v
    }

    /// The target's descriptor `fd` just opened the memfd of a view again (/proc/self/fd/N):
    /// natively that opens the procfs file anew. nil when it is no view's memfd.
    func reopenedView(_ fd: Int32, dev: UInt64, ino: UInt64, flags: UInt64) -> Int64? {
        guard !procViews.byFd.isEmpty, let v = procViews.byFd.values.first(where: { $0.dev == dev && $0.ino == ino }) else { return nil }
        close(fd)
        let real = "/proc/self/fd/\(v.real)".withCString {
            dt_host_syscall(Int64(SyscallNumber.openat), UInt64(bitPattern: Int64(AT_FDCWD)), UInt64(UInt(bitPattern: $0)), flags | UInt64(O_NOCTTY), 0, 0, 0)
        }
        return real < 0 ? real : checkOpened(real, flags: flags)
    }

    /// /proc/self/fdinfo/N of a view: the real file's lines, with the target's position and
    /// close-on-exec flag. nil when N is no view.
    func viewFdinfo(_ n: Int64) -> [UInt8]? {
        guard n >= 0, let v = procView(UInt64(n)), let text = readWholeFile("/proc/self/fdinfo/\(v.real)") else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let fd = Int32(truncatingIfNeeded: n)
        let position = lseek(fd, 0, SEEK_CUR)
        let flags = fcntl(v.real, F_GETFL) | (fcntl(fd, F_GETFD) & FD_CLOEXEC != 0 ? O_CLOEXEC : 0)
        for i in lines.indices {
            if lines[i].hasPrefix("pos:") { lines[i] = "pos:\t\(position)" }
            if lines[i].hasPrefix("flags:") { lines[i] = "flags:\t0" + String(flags, radix: 8) }
        }
        return Array(lines.joined(separator: "\n").utf8)
    }
}

/// The target's executable's path as a C string the host call can read (kept while it is the same).
private final class ExecutableCString: @unchecked Sendable {
    var text = ""
    var pointer: UnsafeMutablePointer<CChar>?
}
private let executableCString = ExecutableCString()

extension Tracer {
    private static let statCall = Sys.stat, newfstatatCall = SyscallTable.number("newfstatat")!
    private static let statxCall = Sys.statx

    /// stat, newfstatat and statx that follow /proc/self/exe (any spelling the kernel resolves
    /// to this process's exe link) reach the target's executable, not dunetrace's; those that
    /// follow /proc/self/fd/N of a view reach its real procfs file: the host copy of the path in
    /// `checked` is replaced. Only a path whose last component is "exe", or one in /proc while
    /// a view is open, costs anything.
    func followProcLinks(_ nr: Int, _ args: SyscallArgs, _ checked: inout SyscallArgs) {
        let call: (path: Int, flags: Int?)
        switch nr {
        case Tracer.statCall: call = (0, nil)
        case Tracer.newfstatatCall: call = (1, 3)
        case Tracer.statxCall: call = (1, 2)
        default: return
        }
        if let f = call.flags, args[f] & 0x100 != 0 { return }  // AT_SYMLINK_NOFOLLOW
        let host = checked[call.path]
        guard host != args[call.path], !ModelGuard.isStandIn(host),
              let path = UnsafePointer<CChar>(bitPattern: UInt(host)) else { return }
        if !procViews.byFd.isEmpty, strncmp(path, "/proc/", 6) == 0, let entry = procSelfEntry(String(cString: path)) {
            let parts = entry.split(separator: "/")
            if parts.count == 2, parts[0] == "fd", let n = UInt64(parts[1]), let v = procView(n), let link = procViews.link(v.real) {
                checked[call.path] = UInt64(UInt(bitPattern: link))
                return
            }
        }
        let length = strlen(path)
        guard length >= 3, strcmp(path + length - 3, "exe") == 0 else { return }
        let dirfd = call.path == 0 ? AT_FDCWD : Int32(truncatingIfNeeded: checked[0])
        let entry = openat(dirfd, path, 0o10000000 | O_NOFOLLOW | O_CLOEXEC)  // O_PATH: the link itself
        guard entry >= 0 else { return }
        defer { close(entry) }
        var fs = [UInt64](repeating: 0, count: 15)
        guard fs.withUnsafeMutableBytes({ dt_host_syscall(138, UInt64(entry), UInt64(UInt(bitPattern: $0.baseAddress!)), 0, 0, 0, 0) }) == 0,
              fs[0] == 0x9fa0, let shown = HostProc.readlink("/proc/self/fd/\(entry)") else { return }
        let resolved = "/proc" + HostProc.pathInsideMount(of: entry, shown)
        let parts = resolved.split(separator: "/")
        guard parts.count >= 3, parts.last == "exe", let named = Int32(parts[1]),
              named == pid || named == getpid() || tasks.contains(where: { $0.tid == named }) else { return }
        if executableCString.text != executablePath || executableCString.pointer == nil {
            free(executableCString.pointer)
            executableCString.pointer = strdup(executablePath)
            executableCString.text = executablePath
        }
        guard let p = executableCString.pointer else { return }
        checked[call.path] = UInt64(UInt(bitPattern: p))
    }
}
