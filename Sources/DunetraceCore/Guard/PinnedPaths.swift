// A path is resolved once, to a descriptor (O_PATH), and that descriptor is what the call
// then uses: the object checked is the object used. Checking the text first and letting the
// kernel walk it again later loses to a second thread that swaps a symlink or a directory of
// the path in between (a directory that is, for an instant, a symlink to /proc/self/fd). The
// decision is the kernel's own resolution: the opened entry named by /proc (a /proc entry of
// dunetrace's descriptors or threads is refused as natively, where it does not exist), and,
// when the walk crossed a /proc magic link (/proc/self/fd/N, /proc/self/exe, found with
// openat2's RESOLVE_NO_MAGICLINKS), the object reached: one of dunetrace's own files or KVM
// descriptors does not exist for the target, dunetrace's executable is the target's.
//
// Calls that follow their last component and have a descriptor form are pinned (stat,
// newfstatat, statx, access, faccessat(2), chdir, chmod, fchmodat(2), chown, fchownat,
// utimes, futimesat, utimensat, statfs, linkat with AT_SYMLINK_FOLLOW, name_to_handle_at),
// and so are those that look at the entry itself (lstat, readlink, readlinkat, lchown, the
// AT_SYMLINK_NOFOLLOW forms): the descriptor goes in as dirfd with an empty path
// (AT_EMPTY_PATH), as /proc's thread-self/fd/E from dunetrace's own /proc, or the call runs
// here on it (stat, readlink, access...). Other calls with paths are checked the same way
// but not pinned (OwnDescriptorPaths.swift).
import CKVM
import Glibc

/// How a pinned path reaches the call.
enum PinForm {
    /// *at call taking AT_EMPTY_PATH in argument `flags`: dirfd := E, path := "".
    case emptyPath(flags: Int)
    /// readlinkat: dirfd := E, path := "" (an empty path names the descriptor).
    case emptyPathAlways
    /// *at call without AT_EMPTY_PATH: dirfd := dunetrace's /proc, path := "thread-self/fd/E".
    case procRelative
    /// No descriptor form in the call: run here as call `number` on E (see `runPinned`).
    case here
    /// No dirfd and no way to run it here: path := "/proc/thread-self/fd/E", the magic link the
    /// kernel follows to E's object itself (used only when that path leads to E's object).
    case procAbsolute
}

/// Whether the call follows its path's last component.
enum PinFollow {
    case always, never
    /// Follows unless argument `index` has `bit` (AT_SYMLINK_NOFOLLOW...).
    case unless(Int, UInt64)
    /// Follows only when argument `index` has `bit` (AT_SYMLINK_FOLLOW).
    case when(Int, UInt64)
}

struct PinRule {
    let path: Int
    let dirfd: Int?
    let follow: PinFollow
    let form: PinForm
}

private let AT_SYMLINK_NOFOLLOW_: UInt64 = 0x100
private let AT_SYMLINK_FOLLOW_: UInt64 = 0x400
private let AT_EMPTY_PATH_: UInt64 = 0x1000
private let IN_DONT_FOLLOW_: UInt64 = 0x0200_0000

/// The pinned calls, by name (data: which argument is the path, which the dirfd).
let pinRules: [Int: PinRule] = {
    let table: [(String, PinRule)] = [
        ("stat", PinRule(path: 0, dirfd: nil, follow: .always, form: .here)),
        ("lstat", PinRule(path: 0, dirfd: nil, follow: .never, form: .here)),
        ("readlink", PinRule(path: 0, dirfd: nil, follow: .never, form: .here)),
        ("access", PinRule(path: 0, dirfd: nil, follow: .always, form: .here)),
        ("chdir", PinRule(path: 0, dirfd: nil, follow: .always, form: .here)),
        ("chmod", PinRule(path: 0, dirfd: nil, follow: .always, form: .here)),
        ("chown", PinRule(path: 0, dirfd: nil, follow: .always, form: .here)),
        ("lchown", PinRule(path: 0, dirfd: nil, follow: .never, form: .here)),
        ("statfs", PinRule(path: 0, dirfd: nil, follow: .always, form: .here)),
        ("utimes", PinRule(path: 0, dirfd: nil, follow: .always, form: .here)),
        ("newfstatat", PinRule(path: 1, dirfd: 0, follow: .unless(3, AT_SYMLINK_NOFOLLOW_), form: .emptyPath(flags: 3))),
        ("statx", PinRule(path: 1, dirfd: 0, follow: .unless(2, AT_SYMLINK_NOFOLLOW_), form: .emptyPath(flags: 2))),
        ("readlinkat", PinRule(path: 1, dirfd: 0, follow: .never, form: .emptyPathAlways)),
        ("faccessat", PinRule(path: 1, dirfd: 0, follow: .always, form: .procRelative)),
        ("faccessat2", PinRule(path: 1, dirfd: 0, follow: .unless(3, AT_SYMLINK_NOFOLLOW_), form: .emptyPath(flags: 3))),
        ("fchmodat", PinRule(path: 1, dirfd: 0, follow: .always, form: .procRelative)),
        ("fchmodat2", PinRule(path: 1, dirfd: 0, follow: .unless(3, AT_SYMLINK_NOFOLLOW_), form: .emptyPath(flags: 3))),
        ("fchownat", PinRule(path: 1, dirfd: 0, follow: .unless(4, AT_SYMLINK_NOFOLLOW_), form: .emptyPath(flags: 4))),
        ("futimesat", PinRule(path: 1, dirfd: 0, follow: .always, form: .procRelative)),
        ("utimensat", PinRule(path: 1, dirfd: 0, follow: .unless(3, AT_SYMLINK_NOFOLLOW_), form: .emptyPath(flags: 3))),
        ("name_to_handle_at", PinRule(path: 1, dirfd: 0, follow: .when(4, AT_SYMLINK_FOLLOW_), form: .emptyPath(flags: 4))),
        ("linkat", PinRule(path: 1, dirfd: 0, follow: .when(4, AT_SYMLINK_FOLLOW_), form: .procRelative)),
        // Calls without a descriptor form, which the kernel must not walk again: a directory of
        // the path swapped for a symlink to /proc/self/fd in between let them reach dunetrace's
        // own descriptors (an inotify watch on its trace file, the trace cut by truncate).
        ("truncate", PinRule(path: 0, dirfd: nil, follow: .always, form: .procAbsolute)),
        ("utime", PinRule(path: 0, dirfd: nil, follow: .always, form: .procAbsolute)),
        ("getxattr", PinRule(path: 0, dirfd: nil, follow: .always, form: .procAbsolute)),
        ("setxattr", PinRule(path: 0, dirfd: nil, follow: .always, form: .procAbsolute)),
        ("listxattr", PinRule(path: 0, dirfd: nil, follow: .always, form: .procAbsolute)),
        ("removexattr", PinRule(path: 0, dirfd: nil, follow: .always, form: .procAbsolute)),
        ("chroot", PinRule(path: 0, dirfd: nil, follow: .always, form: .procAbsolute)),
        ("inotify_add_watch", PinRule(path: 1, dirfd: nil, follow: .unless(2, IN_DONT_FOLLOW_), form: .procAbsolute)),
    ]
    var rules: [Int: PinRule] = [:]
    for (name, rule) in table { if let nr = SyscallTable.number(name) { rules[nr] = rule } }
    return rules
}()

/// What pinning decided.
enum PinOutcome {
    case none
    /// The call's answer, without (or after, for `here`) the kernel's call.
    case answered(Int64)
}

/// The resolution of a path: a descriptor, or the errno the call gets.
enum Resolution {
    case descriptor(Int32)
    /// The kernel's own failure to resolve it.
    case error(Int64)
    /// Refused here: it reaches dunetrace (the errno natively, where nothing is there).
    case refused(Int64)
    /// A /proc exe link of the target's own process, looked at itself (readlink).
    case exeLink(Int32)
}

/// dunetrace's own executable (dev, ino), and its regular files' (trace, live text), cached
/// while its descriptor range is the same.
private final class OwnObjects: @unchecked Sendable {
    let lock = ForkSafeLock()
    var generation: UInt64 = .max
    var files: Set<[UInt64]> = []
    lazy var executable: [UInt64]? = {
        var st = stat()
        return HostProc.statPath("/proc/self/exe", &st) == 0 ? [UInt64(st.st_dev), UInt64(st.st_ino)] : nil
    }()
}

private let ownObjects = OwnObjects()

extension Tracer {
    /// The regular files behind dunetrace's own descriptors (trace, live text): (dev, ino).
    func ownFileKeys() -> Set<[UInt64]> {
        ownObjects.lock.lock()
        defer { ownObjects.lock.unlock() }
        let generation = dt_fd_generation()
        if generation != ownObjects.generation {
            var files: Set<[UInt64]> = []
            for fd in SyscallGuard.ownDescriptors() {
                var st = stat()
                guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
                // Not the real /proc files and memfds behind the target's views: they are the target's.
                if UInt64(st.st_dev) == Tracer.procDevice { continue }
                if HostProc.readlink("/proc/self/fd/\(fd)")?.hasPrefix("/memfd:") ?? false { continue }
                files.insert([UInt64(st.st_dev), UInt64(st.st_ino)])
            }
            ownObjects.files = files
            ownObjects.generation = generation
        }
        return ownObjects.files
    }

    var ownExecutableKey: [UInt64]? {
        ownObjects.lock.lock()
        defer { ownObjects.lock.unlock() }
        return ownObjects.executable
    }

    /// Pins the path of a call in `pinRules` (see the top of this file); `copies` holds the
    /// host strings and descriptors for the call's time. `pinned`: the argument pinned.
    func pinPaths(_ nr: Int, _ args: SyscallArgs, _ checked: inout SyscallArgs, _ copies: GuardCopies, pinned: inout Int?) -> PinOutcome {
        guard let rule = pinRules[nr] else { return .none }
        let host = checked[rule.path]
        // Only a host copy of a non-empty path (an empty one with AT_EMPTY_PATH names the dirfd).
        guard args[rule.path] != 0, host != args[rule.path], !ModelGuard.isStandIn(host),
              let cPath = UnsafePointer<CChar>(bitPattern: UInt(host)), cPath.pointee != 0 else { return .none }
        let follow: Bool
        switch rule.follow {
        case .always: follow = true
        case .never: follow = false
        case .unless(let i, let bit): follow = args[i] & bit == 0
        case .when(let i, let bit): follow = args[i] & bit != 0
        }
        // The forms that name the descriptor's own object keep a no-follow call's meaning;
        // /proc's thread-self/fd/E would follow E again.
        if !follow, case .procRelative = rule.form { return .none }
        if !follow, case .procAbsolute = rule.form { return .none }
        let dirfd = rule.dirfd.map { Int32(truncatingIfNeeded: checked[$0]) } ?? AT_FDCWD
        // The kernel refuses bad flags before it looks at the path.
        let before = checksBeforeLookup(nr, args)
        if let invalid = before, invalid != 0 { return .answered(invalid) }
        pinned = rule.path
        let e: Int32
        switch resolvePath(dirfd: dirfd, path: cPath, follow: follow) {
        case .refused(let errno): return .answered(errno)
        case .error(let errno):
            // The kernel's own failure: the call's own checks come first where it has them
            // (EINVAL for its flags); a call whose checks are more than flags runs as it is.
            guard before != nil else { pinned = nil; return .none }
            return .answered(errno)
        case .exeLink(let fd):
            // readlink of the target's exe link: its executable's name.
            if nr == Sys.readlink || nr == Sys.readlinkat {
                close(fd)
                let (buf, size) = nr == Sys.readlink ? (args.a1, args.a2) : (args.a2, args.a3)
                if case .result(let r) = writeLinkText(Array(executablePath.utf8), buf: buf, size: size) { return .answered(r) }
                return .answered(-Int64(EINVAL))
            }
            // Any other look at the link itself: the link, which names nothing of dunetrace.
            e = fd
        case .descriptor(let fd):
            e = fd
        }
        copies.hold(e)
        // readlink of what is no link: EINVAL (readlinkat of an empty path would say ENOENT).
        if nr == Sys.readlink || nr == Sys.readlinkat {
            var st = stat()
            if fstat(e, &st) == 0, st.st_mode & S_IFMT != S_IFLNK { return .answered(-Int64(EINVAL)) }
        }
        // readlink of a view's /proc/self/fd/N: the real file's name.
        if !follow, nr == Sys.readlink || nr == Sys.readlinkat, let name = viewLinkName(e) {
            let (buf, size) = nr == Sys.readlink ? (args.a1, args.a2) : (args.a2, args.a3)
            if case .result(let r) = writeLinkText(Array(name.utf8), buf: buf, size: size) { return .answered(r) }
        }
        let fd = UInt64(UInt32(bitPattern: e))
        switch rule.form {
        case .emptyPath(let flags):
            checked[rule.dirfd!] = fd
            checked[rule.path] = copies.hostString("")
            checked[flags] |= AT_EMPTY_PATH_
        case .emptyPathAlways:
            checked[rule.dirfd!] = fd
            checked[rule.path] = copies.hostString("")
        case .procRelative:
            checked[rule.dirfd!] = UInt64(UInt32(bitPattern: HostProc.directoryFD))
            checked[rule.path] = copies.hostString("thread-self/fd/\(e)")
        case .here:
            return .answered(runPinned(nr, e, checked))
        case .procAbsolute:
            // Only where /proc (as the current root shows it) is the procfs that holds E: a
            // target that chrooted elsewhere gets the call as it was, checked before it.
            let through = "/proc/thread-self/fd/\(e)"
            var named = stat(), held = stat()
            guard stat(through, &named) == 0, fstat(e, &held) == 0, named.st_dev == held.st_dev, named.st_ino == held.st_ino else {
                pinned = nil
                return .none
            }
            // truncate's own rule: one of dunetrace's files is not the target's to cut (OwnFiles.swift).
            if nr == Sys.truncate, held.st_mode & S_IFMT == S_IFREG, ownFileKeys().contains([UInt64(held.st_dev), UInt64(held.st_ino)]) {
                return .answered(-Int64(EACCES))
            }
            // A file a traced process runs (its executable through /proc/self/exe too): busy,
            // where the caller may write it (the host kernel does not know it runs).
            if nr == Sys.truncate, held.st_mode & S_IFMT == S_IFREG,
               runningImages?.isRunning(device: UInt64(held.st_dev), inode: UInt64(held.st_ino)) ?? false,
               access(through, W_OK) == 0 {
                return .answered(-Int64(ETXTBSY))
            }
            checked[rule.path] = copies.hostString(through)
        }
        return .none
    }

    /// What the kernel answers before it looks the path up: EINVAL for a bad flag or size, 0
    /// when the arguments pass; nil for a call whose checks are more than that (it runs unpinned).
    private func checksBeforeLookup(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        let bad = -Int64(EINVAL)
        let noFollow: UInt64 = AT_SYMLINK_NOFOLLOW_, empty: UInt64 = AT_EMPTY_PATH_, noAutomount: UInt64 = 0x800
        func int(_ v: UInt64) -> Int32 { Int32(truncatingIfNeeded: v) }
        switch nr {
        case Sys.stat, Sys.lstat, Sys.chdir, Sys.statfs, Sys.chmod, Sys.chown, Sys.lchown: return 0
        case Sys.readlink: return int(a.a2) <= 0 ? bad : 0
        case Sys.readlinkat: return int(a.a3) <= 0 ? bad : 0
        case Sys.access: return a.a1 & ~7 & 0xffff_ffff != 0 ? bad : 0
        default: break
        }
        switch SyscallTable.name(nr) {
        case "newfstatat": return a.a3 & 0xffff_ffff & ~(noFollow | noAutomount | empty) != 0 ? bad : 0
        case "statx":
            let flags = a.a2 & 0xffff_ffff
            if flags & ~(noFollow | noAutomount | empty | 0x6000) != 0 || flags & 0x6000 == 0x6000 || a.a3 & 0x8000_0000 != 0 { return bad }
            return 0
        case "faccessat": return a.a2 & ~7 & 0xffff_ffff != 0 ? bad : 0
        case "faccessat2":
            return a.a2 & ~7 & 0xffff_ffff != 0 || a.a3 & 0xffff_ffff & ~(0x200 | noFollow | empty) != 0 ? bad : 0
        case "fchmodat": return 0
        case "fchmodat2": return a.a3 & 0xffff_ffff & ~(noFollow | empty) != 0 ? bad : 0
        case "fchownat": return a.a4 & 0xffff_ffff & ~(noFollow | empty) != 0 ? bad : 0
        case "truncate": return Int64(bitPattern: a.a1) < 0 ? bad : 0
        case "listxattr", "chroot": return 0
        case "utime":
            // The times are read before the path is walked: a bad pointer is EFAULT first.
            guard a.a1 != 0 else { return 0 }
            return space.contains(a.a1, 16) && TargetAccess.load(a.a1, as: UInt64.self) != nil && TargetAccess.load(a.a1 &+ 8, as: UInt64.self) != nil ? 0 : -Int64(EFAULT)
        // The name is read before the path (ERANGE: empty or past XATTR_NAME_MAX); setxattr
        // checks its flags first and its size after the name.
        case "getxattr", "removexattr": return xattrNameError(a.a1) ?? 0
        case "setxattr":
            if a.a4 & 0xffff_ffff & ~3 != 0 { return bad }
            if let e = xattrNameError(a.a1) { return e }
            return a.a3 > 65536 ? -Int64(E2BIG) : 0
        case "inotify_add_watch":
            // A mask with no bit of the call's, or MASK_ADD with MASK_CREATE: EINVAL; then the
            // descriptor (EBADF, EINVAL for one that is not inotify's), then the path. Only an
            // inotify descriptor is answered here; the rest runs as it is (and fails before
            // any path is walked).
            let mask = a.a2 & 0xffff_ffff
            if mask & 0xf700_efff == 0 || mask & 0x3000_0000 == 0x3000_0000 { return bad }
            let fd = Int32(truncatingIfNeeded: a.a0)
            guard fd >= 0, Int64(fd) < guardRules.reservedFdBase, fcntl(fd, F_GETFL) >= 0,
                  HostProc.readlink("/proc/self/fd/\(fd)") == "anon_inode:inotify" else { return nil }
            return 0
        default: return nil
        }
    }

    /// ERANGE for an xattr name the kernel refuses before it looks at the path (empty, or 256
    /// bytes and more); EFAULT where it cannot be read; nil when it is good.
    private func xattrNameError(_ address: UInt64) -> Int64? {
        guard let name = memory.readCString(address, max: 256) else { return -Int64(EFAULT) }
        return name.bytes.isEmpty || !name.complete || name.bytes.count > 255 ? -Int64(ERANGE) : nil
    }

    /// A pinned call without a descriptor form, run on E with the checked (host) arguments.
    private func runPinned(_ nr: Int, _ e: Int32, _ a: SyscallArgs) -> Int64 {
        let fd = UInt64(UInt32(bitPattern: e))
        let empty: StaticString = ""
        let emptyPath = UInt64(UInt(bitPattern: empty.utf8Start))
        let procDir = UInt64(UInt32(bitPattern: HostProc.directoryFD))
        func viaProc(_ body: (UInt64) -> Int64) -> Int64 { "thread-self/fd/\(e)".withCString { body(UInt64(UInt(bitPattern: $0))) } }
        switch nr {
        case Sys.stat: return dt_host_syscall(262, fd, emptyPath, a.a1, AT_EMPTY_PATH_, 0, 0)
        case Sys.lstat: return dt_host_syscall(262, fd, emptyPath, a.a1, AT_EMPTY_PATH_ | AT_SYMLINK_NOFOLLOW_, 0, 0)
        case Sys.readlink: return dt_host_syscall(267, fd, emptyPath, a.a1, a.a2, 0, 0)
        case Sys.access: return dt_host_syscall(439, fd, emptyPath, a.a1, AT_EMPTY_PATH_, 0, 0)
        case Sys.chdir: return dt_host_syscall(81, fd, 0, 0, 0, 0, 0)
        case Sys.chmod: return viaProc { dt_host_syscall(268, procDir, $0, a.a1, 0, 0, 0) }
        case Sys.chown: return dt_host_syscall(260, fd, emptyPath, a.a1, a.a2, AT_EMPTY_PATH_, 0)
        case Sys.lchown: return dt_host_syscall(260, fd, emptyPath, a.a1, a.a2, AT_EMPTY_PATH_ | AT_SYMLINK_NOFOLLOW_, 0)
        case Sys.statfs: return dt_host_syscall(138, fd, a.a1, 0, 0, 0, 0)
        case Sys.utimes: return viaProc { dt_host_syscall(261, procDir, $0, a.a1, 0, 0, 0) }
        default: return -Int64(ENOSYS)
        }
    }

    /// The link text `bytes` written as readlink does (truncated to `size`, an int).
    private func writeLinkText(_ bytes: [UInt8], buf: UInt64, size: UInt64) -> Emulation {
        guard Int32(truncatingIfNeeded: size) > 0 else { return .result(-Int64(EINVAL)) }
        let n = min(bytes.count, Int(Int32(truncatingIfNeeded: size)))
        guard n == 0 || space.isAccessible(buf, n, prot: PROT_WRITE) else { return .result(-Int64(EFAULT)) }
        guard n == 0 || bytes.withUnsafeBytes({ TargetAccess.write(buf, from: $0.baseAddress!, count: n) }) else { return .result(-Int64(EFAULT)) }
        return .result(Int64(n))
    }

    /// The name of a view's real file when the entry E is /proc/self/fd/N of a view N.
    private func viewLinkName(_ e: Int32) -> String? {
        guard hasProcViews, isProcEntry(e), let name = procEntryName(e) else { return nil }
        let parts = name.split(separator: "/")
        guard parts.count >= 4, parts[parts.count - 2] == "fd", let n = UInt64(parts[parts.count - 1]),
              let owner = Int32(parts[1]), owner == pid || tasks.contains(where: { $0.tid == owner }),
              let v = procView(n) else { return nil }
        return HostProc.readlink("/proc/self/fd/\(v.real)")
    }

    func isProcEntry(_ fd: Int32) -> Bool {
        var buffer = [UInt64](repeating: 0, count: 15)  // struct statfs: f_type first
        let r = buffer.withUnsafeMutableBytes { dt_host_syscall(138, UInt64(UInt32(bitPattern: fd)), UInt64(UInt(bitPattern: $0.baseAddress!)), 0, 0, 0, 0) }
        return r == 0 && buffer[0] == 0x9fa0
    }

    /// "/proc/PID/..." for a descriptor on a procfs, wherever that procfs is mounted.
    func procEntryName(_ fd: Int32) -> String? {
        guard let shown = HostProc.readlink("/proc/self/fd/\(fd)") else { return nil }
        return "/proc" + HostProc.pathInsideMount(of: fd, shown)
    }

    /// (dirfd, path) resolved as the call would (its last component followed or not) to an
    /// O_PATH descriptor of dunetrace's, or the errno the target gets.
    func resolvePath(dirfd: Int32, path: UnsafePointer<CChar>, follow: Bool) -> Resolution {
        let O_PATH_: UInt64 = 0o10000000
        let flags = O_PATH_ | UInt64(O_CLOEXEC) | (follow ? 0 : UInt64(O_NOFOLLOW))
        var crossedMagic = false
        var r = Tracer.openat2(dt_host_syscall, dirfd: dirfd, path: UInt64(UInt(bitPattern: path)), flags: flags, resolve: Tracer.resolveNoMagicLinks)
        if r == -Int64(ELOOP) || r == -Int64(EXDEV) {
            // A magic link on the way (or a loop, which the walk finds again): walked here,
            // each magic link judged by its name (PathWalk.swift).
            crossedMagic = true
            switch walkOpening(dirfd: dirfd, path: path, flags: flags, mode: 0, call: dt_host_syscall, judge: procNameReachesTracer) {
            case .opened(let fd): r = Int64(fd)
            case .failed(let e): r = e
            case .reachesTracer: return .refused(-Int64(ENOENT))
            }
        }
        guard r >= 0 else { return .error(r) }
        let e = Int32(truncatingIfNeeded: r)
        if isProcEntry(e) {
            guard let name = procEntryName(e) else { return .descriptor(e) }
            if procNameReachesTracer(name) { close(e); return .refused(-Int64(ENOENT)) }
            if !follow && isOwnExeLink(name) { return .exeLink(e) }
            return .descriptor(e)
        }
        guard crossedMagic else { return .descriptor(e) }
        // The object a magic link led to.
        var st = stat()
        guard fstat(e, &st) == 0 else { return .descriptor(e) }
        let key = [UInt64(st.st_dev), UInt64(st.st_ino)]
        if st.st_mode & S_IFMT == S_IFREG && ownFileKeys().contains(key) { close(e); return .refused(-Int64(ENOENT)) }
        if st.st_mode & S_IFMT == 0, let name = HostProc.readlink("/proc/self/fd/\(e)"), name.hasPrefix("anon_inode:kvm") {
            close(e)
            return .refused(-Int64(ENOENT))
        }
        if key == ownExecutableKey {
            var target = stat()
            if stat(executablePath, &target) == 0, [UInt64(target.st_dev), UInt64(target.st_ino)] != key {
                close(e)
                let exe = open(executablePath, Int32(truncatingIfNeeded: flags))
                return exe >= 0 ? .descriptor(exe) : .error(-Int64(errno))
            }
        }
        // A view's memfd: its real /proc file.
        if let v = procViewOf(dev: key[0], ino: key[1]) {
            close(e)
            let real = HostProc.open("/proc/self/fd/\(v.real)", Int32(truncatingIfNeeded: flags))
            return real >= 0 ? .descriptor(real) : .error(-Int64(errno))
        }
        return .descriptor(e)
    }

    /// /proc/PID[/task/TID]/(fd/N|exe|cwd|root|map_files/X|ns/X): a link the kernel follows
    /// by what it holds, not by its text.
    func isMagicLink(_ name: String) -> Bool {
        var parts = name.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "proc", Int32(parts[1]) != nil else { return false }
        parts.removeFirst(2)
        if parts.count >= 3 && parts[0] == "task" && Int32(parts[1]) != nil { parts.removeFirst(2) }
        if parts.count == 1 { return ["exe", "cwd", "root"].contains(parts[0]) }
        return parts.count == 2 && ["fd", "map_files", "ns"].contains(parts[0])
    }

    /// /proc/PID[/task/TID]/exe of the target's own process.
    private func isOwnExeLink(_ name: String) -> Bool {
        let parts = name.split(separator: "/")
        guard parts.count >= 3, parts.last == "exe", let named = Int32(parts[1]) else { return false }
        if parts.count == 5 && parts[2] != "task" { return false }
        guard parts.count == 3 || parts.count == 5 else { return false }
        return named == pid || named == getpid() || tasks.contains(where: { $0.tid == named })
    }
}
