// The target's open of a path runs as openat2 with RESOLVE_NO_MAGICLINKS, so that what it opened
// is what one walk of the kernel's found: a path without /proc magic links (almost every path)
// opens as natively. One that crosses a magic link (/proc/self/fd/N, /proc/self/cwd/...) fails
// there with ELOOP and is walked here (PathWalk.swift), each magic link judged by its name.
// Judging after a plain open, by walking the path again, lost to a thread that swapped a
// directory of the path for a symlink to /proc/self/fd between the two walks: the target then
// opened what dunetrace's descriptors hold (its /dev/kvm, its placeholders).
import CKVM
import Glibc

final class OpenWithoutMagicLinks {
    private static let openCall = SyscallTable.number("open")!
    private static let openatCall = SyscallTable.number("openat")!
    private static let openat2Call = SyscallTable.number("openat2")!

    private let dirfd: Int32
    private let path: UInt64
    /// struct open_how's flags and mode: built here for open/openat, or read from the guard's
    /// copy of openat2's (which asks for no resolve flags of its own).
    private let flags: UInt64, mode: UInt64
    /// Whether the last call's path crossed a magic link (and was walked here); nil when the
    /// call did not run here (a kernel without openat2).
    private(set) var crossedMagicLink: Bool?

    /// The open (`hostNr`, after deferTruncation) as openat2, or nil for calls it does not cover:
    /// openat2 with resolve flags of its own (those that forbid magic links do so natively) or
    /// without the guard's copy of its open_how.
    init?(_ hostNr: Int, _ hostArgs: SyscallArgs, original: SyscallArgs) {
        let flags, mode: UInt64
        switch hostNr {
        case Self.openCall: (dirfd, path, flags, mode) = (AT_FDCWD, hostArgs.a0, hostArgs.a1, hostArgs.a2)
        case Self.openatCall: (dirfd, path, flags, mode) = (Int32(truncatingIfNeeded: hostArgs.a0), hostArgs.a1, hostArgs.a2, hostArgs.a3)
        case Self.openat2Call:
            guard hostArgs.a2 != original.a2, !ModelGuard.isStandIn(hostArgs.a2), hostArgs.a3 >= 24,
                  let copy = UnsafePointer<UInt64>(bitPattern: UInt(hostArgs.a2)), copy[2] == 0 else { return nil }
            dirfd = Int32(truncatingIfNeeded: hostArgs.a0)
            path = hostArgs.a1
            (self.flags, self.mode) = (copy[0], copy[1])
            return
        default: return nil
        }
        // What open(2) hands openat2's code (fs/open.c, build_open_how): known flags, O_LARGEFILE
        // on 64-bit, O_PATH's own few, a mode only for a call that creates.
        let valid: UInt64 = 0o37777703, largeFile: UInt64 = 0o100000, oPath: UInt64 = 0o10000000
        let pathFlags: UInt64 = oPath | UInt64(O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        var f = (UInt64(UInt32(truncatingIfNeeded: flags)) & valid) | largeFile
        if f & oPath != 0 { f &= pathFlags }
        var m = UInt64(UInt16(truncatingIfNeeded: mode)) & 0o7777
        if f & UInt64(O_CREAT | 0o20000000) == 0 { m = 0 }  // O_CREAT or __O_TMPFILE
        (self.flags, self.mode) = (f, m)
    }

    /// Runs the open: the descriptor or -errno; nil on a kernel without openat2 (before 5.6),
    /// where the call runs as it was and is judged after (OpenedFileCheck.swift).
    func call(_ tracer: Tracer) -> Int64? {
        crossedMagicLink = nil
        let r = Tracer.openat2(dt_target_syscall, dirfd: dirfd, path: path, flags: flags, mode: mode, resolve: Tracer.resolveNoMagicLinks)
        if r == -Int64(ENOSYS) { return nil }
        crossedMagicLink = false
        guard r == -Int64(ELOOP), let cPath = UnsafePointer<CChar>(bitPattern: UInt(path)) else { return r }
        crossedMagicLink = true
        // Other threads run meanwhile: the names are judged under the lock, the open is not.
        let judge: (String) -> Bool = { name in
            tracer.lock.lock()
            defer { tracer.lock.unlock() }
            return tracer.procNameReachesTracer(name)
        }
        switch tracer.walkOpening(dirfd: dirfd, path: cPath, flags: flags, mode: mode, call: dt_target_syscall, judge: judge) {
        case .opened(let fd): return Int64(fd)
        case .failed(let e): return e
        case .reachesTracer: return -Int64(ENOENT)
        }
    }
}
