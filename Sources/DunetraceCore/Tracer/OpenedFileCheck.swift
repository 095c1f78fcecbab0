// What the target opened is judged by what the kernel resolved, not by the text of the path:
// /proc/self/./mem, //proc/self/mem, a dirfd on /proc/self, a symlink, /dev/fd/../mem and
// /proc/PPID/mem from a forked child all end as the same kind of descriptor, which names its
// /proc entry when read back through /proc/self/fd. A /proc view of a dunetrace process that
// would show or reach dunetrace (mem, pagemap, map_files, maps...) is replaced by the target's
// own view or refused; dunetrace's own files (the trace, the live text) cannot be reopened
// for writing through /proc/self/fd/N; fdinfo of dunetrace's descriptors does not exist.
import CKVM
import Glibc

extension Tracer {
    static let procDevice: UInt64 = {
        var st = stat()
        return HostProc.statPath("/proc/self", &st) == 0 ? UInt64(st.st_dev) : 0
    }()

    /// Calls that open a file by path and return its descriptor.
    static let openingCalls: Set<Int> = Set(["open", "openat", "openat2", "creat", "open_by_handle_at"].compactMap { SyscallTable.number($0) })

    /// The descriptor `fd` the kernel just opened for the target: kept, replaced (same number)
    /// or refused.
    /// `path`: the (dirfd, host copy of the path) it was opened with, when there is one.
    /// `crossedMagicLink`: whether that path crossed a /proc magic link, when the open judged its
    /// magic links as it walked them (OpenWithoutMagicLinks.swift); nil: judged here, after.
    func checkOpened(_ fd: Int64, flags: UInt64, path: (Int32, UInt64)? = nil, crossedMagicLink: Bool? = nil) -> Int64 {
        guard fd >= 0 else { return fd }
        let n = Int32(truncatingIfNeeded: fd)
        var st = stat()
        guard fstat(n, &st) == 0 else { return fd }
        if crossedMagicLink != false, let r = reachedThroughMagicLink(n, st, flags: flags, path: crossedMagicLink == nil ? path : nil) { return r }
        // /proc/self/fd/N of a view opens the procfs file again, natively.
        if let r = reopenedView(n, dev: UInt64(st.st_dev), ino: UInt64(st.st_ino), flags: flags) { return r }
        // Any procfs, wherever it is mounted (the target may chroot and mount its own).
        if UInt64(st.st_dev) == Tracer.procDevice || isProcFileSystem(n) {
            return checkProcFile(n, flags: flags)
        }
        if st.st_mode & S_IFMT == S_IFREG, flags & UInt64(O_WRONLY | O_RDWR | O_TRUNC) != 0,
           isOwnFile(dev: UInt64(st.st_dev), ino: UInt64(st.st_ino)) {
            close(n)
            return -Int64(EACCES)
        }
        return fd
    }

    /// An object of dunetrace's that only a /proc magic link leads to (one of its own files or
    /// KVM descriptors through /proc/self/fd/N, its executable through /proc/self/exe): when
    /// the path reaches it without magic links, it is the file by its name; otherwise it does
    /// not exist (ENOENT), or the exe link is the target's executable. nil: keep it.
    private func reachedThroughMagicLink(_ fd: Int32, _ st: stat, flags: UInt64, path: (Int32, UInt64)?) -> Int64? {
        let type = st.st_mode & S_IFMT
        let key = [UInt64(st.st_dev), UInt64(st.st_ino)]
        let own = type == S_IFREG && ownFileKeys().contains(key)
        let kvm = type == 0 && (HostProc.readlink("/proc/self/fd/\(fd)")?.hasPrefix("anon_inode:kvm") ?? false)
        let exe = type == S_IFREG && !own && key == ownExecutableKey
        // What else dunetrace's range holds (placeholders on /dev/null, /dev/kvm, its /proc)
        // is a file the target may open by its name: only a path through a magic link of
        // dunetrace's is refused.
        let shared = type == S_IFCHR || (type == S_IFDIR && key[1] == 1 && isProcRoot(fd))
        guard own || kvm || exe || shared else { return nil }
        // Reached by name, with no magic link on the way?
        if let (dirfd, address) = path, let cPath = UnsafePointer<CChar>(bitPattern: UInt(address)) {
            let probe = Tracer.openat2(dt_host_syscall, dirfd: dirfd, path: UInt64(UInt(bitPattern: cPath)),
                                       flags: 0o10000000 | UInt64(O_CLOEXEC) | (flags & UInt64(O_NOFOLLOW)), resolve: Tracer.resolveNoMagicLinks)
            if probe >= 0 {
                var pst = stat()
                let same = fstat(Int32(probe), &pst) == 0 && UInt64(pst.st_dev) == key[0] && UInt64(pst.st_ino) == key[1]
                close(Int32(probe))
                if same { return nil }
            }
            if shared {
                guard walkReachesTracer(dirfd: dirfd, path: cPath, follow: flags & UInt64(O_NOFOLLOW) == 0) else { return nil }
                close(fd)
                return -Int64(ENOENT)
            }
        } else if shared {
            return nil
        }
        close(fd)
        if exe { return procSelfView("exe", flags: flags, real: -1) }
        return -Int64(ENOENT)
    }

    /// (dirfd, host path) of an opening call, from the arguments the host call had.
    func openedPath(_ nr: Int, _ a: SyscallArgs) -> (Int32, UInt64)? {
        switch SyscallTable.name(nr) {
        case "open", "creat": return (AT_FDCWD, a.a0)
        case "openat", "openat2": return (Int32(truncatingIfNeeded: a.a0), a.a1)
        default: return nil
        }
    }

    private func isProcRoot(_ fd: Int32) -> Bool { isProcFileSystem(fd) }

    /// fstatfs's f_type is PROC_SUPER_MAGIC.
    private func isProcFileSystem(_ fd: Int32) -> Bool {
        var buffer = [UInt64](repeating: 0, count: 15)  // struct statfs: 120 bytes, f_type first
        let r = buffer.withUnsafeMutableBytes { dt_host_syscall(138 /* fstatfs */, UInt64(fd), UInt64(UInt(bitPattern: $0.baseAddress!)), 0, 0, 0, 0) }
        return r == 0 && buffer[0] == 0x9fa0
    }

    private func checkProcFile(_ fd: Int32, flags: UInt64) -> Int64 {
        guard let shown = HostProc.readlink("/proc/self/fd/\(fd)") else { return Int64(fd) }
        // The path inside that procfs: what follows its mount point (/proc, or wherever).
        let path = "/proc" + HostProc.pathInsideMount(of: fd, shown)
        // /proc/PID/ENTRY or /proc/PID/task/TID/ENTRY
        var parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 2, parts[0] == "proc", let named = Int32(parts[1]) else { return Int64(fd) }
        parts.removeFirst(2)
        func refuse(_ errno: Int32) -> Int64 { close(fd); return -Int64(errno) }
        // dunetrace's own threads do not exist for the target.
        if isOwnHostThread(named) { return refuse(ENOENT) }
        var viewedTid = named
        if parts.count >= 2 && parts[0] == "task", let tid = Int32(parts[1]) {
            if isOwnHostThread(tid) { return refuse(ENOENT) }
            parts.removeFirst(2)
            viewedTid = tid
        }
        let entry = parts.joined(separator: "/")
        // /proc/TID of one of the target's threads is its own process too.
        let owner = tasks.contains(where: { $0.tid == named }) ? pid : named
        guard owner == pid || isTracedProcess(owner) else { return Int64(fd) }
        let first = parts.first ?? ""
        if first == "pagemap" && owner == pid && parts.count == 1 {
            if flags & procOPath != 0 { return Int64(fd) }
            return openPagemapView(flags: flags, real: dt_fd_move_high(fd))
        }
        if ["mem", "pagemap", "map_files", "syscall", "stack"].contains(first) { return refuse(EACCES) }
        if owner != pid && first == "numa_maps" { return refuse(EACCES) }
        // Another dunetrace process's own files would show dunetrace, not its target.
        if owner != pid && ["maps", "smaps", "smaps_rollup", "environ", "cmdline", "auxv", "exe"].contains(first) { return refuse(EACCES) }
        switch first {
        case "fdinfo", "fd":
            if parts.count >= 2, let n = Int64(parts[1]), n >= guardRules.reservedFdBase { return refuse(ENOENT) }
            // fdinfo of a view: the real file's, at the target's position.
            if owner == pid && first == "fdinfo" && parts.count == 2 && flags & procOPath == 0,
               let n = Int64(parts[1]), let content = viewFdinfo(n) {
                return makeProcView(named: "fdinfo", content: content, real: dt_fd_move_high(fd), flags: flags)
            }
            return Int64(fd)
        default:
            break
        }
        guard owner == pid else {
            // Another process of the trace: its target's signal lines and limits (ProcessFacts.swift).
            if ["status", "stat", "limits"].contains(entry) && viewedTid == owner && flags & procOPath == 0,
               let view = otherProcessView(entry, owner, fd: fd) {
                return makeProcView(named: entry, content: Array(view.utf8), real: dt_fd_move_high(fd), flags: flags)
            }
            return Int64(fd)
        }
        // This process: the target's own view where dunetrace has one (ProcSelf.swift).
        switch entry {
        case "maps", "smaps", "numa_maps", "cmdline", "environ", "auxv", "exe", "status", "stat", "statm", "limits", "smaps_rollup":
            if flags & procOPath != 0 { return Int64(fd) }
            return procSelfView(entry, flags: flags, real: dt_fd_move_high(fd), thread: tasks.first { $0.tid == viewedTid })
        default:
            return Int64(fd)
        }
    }

    /// The trace file or the live text's file: dunetrace's own descriptors name them.
    func isOwnFile(dev: UInt64, ino: UInt64) -> Bool {
        for fd in SyscallGuard.ownDescriptors() {
            var st = stat()
            if fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, UInt64(st.st_dev) == dev, UInt64(st.st_ino) == ino { return true }
        }
        return false
    }
}

extension Tracer {
    /// The open flags of an opening call (openat2: from its struct open_how).
    func openFlags(_ nr: Int, _ a: SyscallArgs) -> UInt64 {
        switch SyscallTable.name(nr) {
        case "open": return a.a1
        case "creat": return UInt64(O_CREAT | O_WRONLY | O_TRUNC)
        case "openat2":
            var flags: UInt64 = 0
            return TargetAccess.read(a.a2, into: &flags, count: 8) ? flags : 0
        default: return a.a2  // openat, open_by_handle_at
        }
    }
}
