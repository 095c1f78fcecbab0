// An open with O_TRUNC cuts the file inside the open, before dunetrace can judge what was
// opened (OpenedFileCheck.swift). Checking the path first loses to a second thread that swaps
// a directory of it for a symlink to /proc/self/fd between the check and the call: the open then
// truncated dunetrace's trace file. So the call runs without O_TRUNC (creat as open with
// O_CREAT|O_WRONLY), and the file it opened, once judged the target's, is cut here: the same
// object, with the kernel's own checks (write permission for an O_RDONLY|O_TRUNC open, found
// by reopening it for writing).
import CKVM
import Glibc

extension Tracer {
    private static let openCall = SyscallTable.number("open")!
    private static let openatCall = SyscallTable.number("openat")!
    private static let openat2Call = SyscallTable.number("openat2")!
    private static let creatCall = SyscallTable.number("creat")!

    /// Takes O_TRUNC out of an open's host arguments (creat becomes open, `hostNr`): true when
    /// the opened file is to be cut after the call (`truncateOpened`).
    func deferTruncation(_ nr: Int, _ args: SyscallArgs, _ hostArgs: inout SyscallArgs, _ hostNr: inout Int) -> Bool {
        let trunc = UInt64(O_TRUNC), path = UInt64(0o10000000)  // O_PATH ignores (openat2: refuses) O_TRUNC
        switch nr {
        case Tracer.openCall, Tracer.openatCall:
            let i = nr == Tracer.openCall ? 1 : 2
            guard hostArgs[i] & trunc != 0, hostArgs[i] & path == 0 else { return false }
            hostArgs[i] &= ~trunc
            return true
        case Tracer.creatCall:
            hostNr = Tracer.openCall
            hostArgs.a2 = hostArgs.a1
            hostArgs.a1 = UInt64(O_CREAT | O_WRONLY)
            return true
        case Tracer.openat2Call:
            // Only the guard's own copy of struct open_how (a target's could change after).
            // (Not the guard's unreachable address: an open_how it could not read.)
            guard hostArgs.a2 != args.a2, !ModelGuard.isStandIn(hostArgs.a2), hostArgs.a3 >= 8, let how = UnsafeMutablePointer<UInt64>(bitPattern: UInt(hostArgs.a2)),
                  how.pointee & trunc != 0, how.pointee & path == 0 else { return false }
            how.pointee &= ~trunc
            return true
        default:
            return false
        }
    }

    /// The truncation the open left out, on the descriptor `fd` it made (a regular file only,
    /// as the kernel's open): the descriptor, or the errno the open fails with (it is closed).
    func truncateOpened(_ fd: Int64, flags: UInt64) -> Int64 {
        let n = Int32(truncatingIfNeeded: fd)
        var st = stat()
        guard fstat(n, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return fd }
        // An empty file opened for writing is cut too: the kernel's O_TRUNC sets its mtime and
        // ctime (`: > stamp` is how scripts and makefiles touch a file). Opened for reading, an
        // empty one is left (a file O_CREAT just made may be read-only to a second open).
        if st.st_size == 0 && flags & UInt64(O_ACCMODE) == UInt64(O_RDONLY) { return fd }
        // A file a traced process runs is busy for the truncation (the host kernel does not
        // know it runs: dunetrace maps it).
        if runningImages?.isRunning(device: UInt64(st.st_dev), inode: UInt64(st.st_ino)) ?? false {
            close(n)
            return -Int64(ETXTBSY)
        }
        var r: Int32
        if flags & UInt64(O_ACCMODE) == UInt64(O_RDONLY) {
            // Opened for reading: truncate as the kernel's O_TRUNC would, with its write permission check.
            let w = HostProc.open("/proc/thread-self/fd/\(n)", O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            guard w >= 0 else {
                let e = errno
                close(n)
                return -Int64(e)
            }
            r = ftruncate(w, 0)
            if r != 0 { r = -errno }
            close(w)
        } else {
            r = ftruncate(n, 0)
            if r != 0 { r = -errno }
        }
        guard r == 0 else {
            close(n)
            return Int64(r)
        }
        return fd
    }
}
