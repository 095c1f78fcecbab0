// A path that crosses a /proc magic link (/proc/self/fd/N, /proc/self/cwd, ...) is walked here a
// component at a time, as the kernel walks it: each magic link judged by its name (one of
// dunetrace's descriptors or threads does not exist for the target) and then followed by the
// kernel, other symlinks read and followed as text, and the last component opened relative to
// the directory the walk reached, with magic links refused. The object opened is the object
// judged: walking a path a second time to judge what a first walk opened lost to a thread that
// swapped a directory of the path for a symlink to /proc/self/fd between the two walks.
import CKVM
import Glibc

/// Where walking a path ended.
enum PathWalk {
    case opened(Int32)
    /// The kernel's own error on the way (-errno).
    case failed(Int64)
    /// A magic link on the way names dunetrace.
    case reachesTracer
}

/// The call that opens the last component (openat2): dt_target_syscall for the target's own
/// opens, which a signal interrupts as natively; dt_host_syscall for dunetrace's O_PATH looks.
typealias OpenCall = (Int64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) -> Int64

extension Tracer {
    static let resolveNoMagicLinks: UInt64 = 2
    private static let openat2Number: Int64 = 437

    /// Opens (dirfd, path) with openat2's `flags` and `mode` (an open_how), walking it here.
    /// `judge`: whether a /proc name reaches dunetrace (procNameReachesTracer, under the lock).
    func walkOpening(dirfd: Int32, path: UnsafePointer<CChar>, flags: UInt64, mode: UInt64,
                     call: OpenCall, judge: (String) -> Bool) -> PathWalk {
        let O_PATH_: Int32 = 0o10000000
        let bytes = Array(UnsafeBufferPointer(start: path, count: strlen(path))).map { UInt8(bitPattern: $0) }
        let slash = UInt8(ascii: "/")
        var cur = bytes.first == slash ? open("/", O_PATH_ | O_DIRECTORY | O_CLOEXEC) : openat(dirfd, ".", O_PATH_ | O_CLOEXEC)
        guard cur >= 0 else { return .failed(-Int64(errno)) }
        defer { close(cur) }
        // Components still to walk, the next last.
        func components(_ b: [UInt8]) -> [[UInt8]] { b.split(separator: slash).map(Array.init).reversed() }
        var rest = components(bytes)
        if rest.isEmpty { rest = [[UInt8(ascii: ".")]] }
        var trailingSlash = bytes.count > 1 && bytes.last == slash
        // O_CREAT|O_EXCL does not follow a last symlink, nor does O_NOFOLLOW (without a trailing slash).
        let followsLast = flags & UInt64(O_NOFOLLOW) == 0 && flags & UInt64(O_CREAT | O_EXCL) != UInt64(O_CREAT | O_EXCL)
        var budget = 40  // the kernel's limit on symlinks followed in one walk
        var retries = 3  // a last component that turns into a symlink while it is opened
        while let c = rest.popLast() {
            let isLast = rest.isEmpty
            let name = c + [0]
            let next = name.withUnsafeBufferPointer { openat(cur, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_PATH_ | O_NOFOLLOW | O_CLOEXEC) }
            let lookError = -Int64(errno)
            var isSymlink = false
            if next >= 0 {
                var st = stat()
                isSymlink = fstat(next, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK
            }
            if isLast && (!isSymlink || !(followsLast || trailingSlash)) {
                if next >= 0 { close(next) }
                // Not a symlink to follow: the kernel opens it, refusing magic links.
                let r = openLast(cur, c, trailingSlash: trailingSlash, flags: flags, mode: mode, resolve: Tracer.resolveNoMagicLinks, call: call)
                if r == -Int64(ELOOP) && retries > 0 {
                    retries -= 1
                    rest.append(c)
                    continue
                }
                return r >= 0 ? .opened(Int32(truncatingIfNeeded: r)) : .failed(r)
            }
            guard next >= 0 else { return .failed(lookError) }
            guard isSymlink else {
                close(cur)
                cur = next
                continue
            }
            budget -= 1
            if budget < 0 { close(next); return .failed(-Int64(ELOOP)) }
            if isProcEntry(next), let link = procEntryName(next) {
                if judge(link) { close(next); return .reachesTracer }
                if isMagicLink(link) {
                    close(next)
                    if isLast {
                        // The kernel follows it from the /proc directory this walk holds.
                        let r = openLast(cur, c, trailingSlash: trailingSlash, flags: flags, mode: mode, resolve: 0, call: call)
                        return r >= 0 ? .opened(Int32(truncatingIfNeeded: r)) : .failed(r)
                    }
                    let followed = name.withUnsafeBufferPointer { openat(cur, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_PATH_ | O_CLOEXEC) }
                    guard followed >= 0 else { return .failed(-Int64(errno)) }
                    close(cur)
                    cur = followed
                    continue
                }
            }
            var text = [CChar](repeating: 0, count: 4097)
            let n = readlinkat(next, "", &text, 4096)
            close(next)
            guard n > 0 else { return .failed(-Int64(ENOENT)) }
            let link = text[0..<n].map { UInt8(bitPattern: $0) }
            if link.first == slash {
                let root = open("/", O_PATH_ | O_DIRECTORY | O_CLOEXEC)
                guard root >= 0 else { return .failed(-Int64(errno)) }
                close(cur)
                cur = root
            }
            if isLast && link.count > 1 && link.last == slash { trailingSlash = true }
            let more = components(link)
            rest += more.isEmpty ? [[UInt8(ascii: ".")]] : more
        }
        return .failed(-Int64(ENOENT))
    }

    /// openat2(dir, name, {flags, mode, resolve}).
    private func openLast(_ dir: Int32, _ component: [UInt8], trailingSlash: Bool, flags: UInt64, mode: UInt64, resolve: UInt64, call: OpenCall) -> Int64 {
        let name = component + (trailingSlash ? [UInt8(ascii: "/")] : []) + [0]
        return name.withUnsafeBufferPointer { n in
            Tracer.openat2(call, dirfd: dir, path: UInt64(UInt(bitPattern: n.baseAddress!)), flags: flags, mode: mode, resolve: resolve)
        }
    }

    /// openat2(dirfd, path, {flags, mode, resolve}) by `call`: the one place that builds an open_how.
    static func openat2(_ call: OpenCall, dirfd: Int32, path: UInt64, flags: UInt64, mode: UInt64 = 0, resolve: UInt64) -> Int64 {
        var how: (UInt64, UInt64, UInt64) = (flags, mode, resolve)
        return withUnsafeMutablePointer(to: &how) {
            call(openat2Number, UInt64(UInt32(bitPattern: dirfd)), path, UInt64(UInt(bitPattern: $0)), 24, 0, 0)
        }
    }

    /// True when a walk of (dirfd, path) meets a magic link that names dunetrace (a descriptor
    /// of its range, one of its threads). Called with the lock held.
    func walkReachesTracer(dirfd: Int32, path: UnsafePointer<CChar>, follow: Bool) -> Bool {
        let flags = UInt64(0o10000000 | O_CLOEXEC) | (follow ? 0 : UInt64(O_NOFOLLOW))
        switch walkOpening(dirfd: dirfd, path: path, flags: flags, mode: 0, call: dt_host_syscall, judge: procNameReachesTracer) {
        case .opened(let fd): close(fd); return false
        case .failed: return false
        case .reachesTracer: return true
        }
    }
}
