import Glibc
// What the kernel returns from a call a signal interrupts, before signal delivery turns it into
// EINTR or a restart (strace prints it: `= ? ERESTARTSYS (To be restarted if SA_RESTART is
// set)`). dunetrace runs the call on the host, where it comes back as EINTR; the call's own
// code path decides which restart code the kernel used.
enum RestartCodes {
    static let ERESTARTSYS: Int32 = 512, ERESTARTNOHAND: Int32 = 514, ERESTART_RESTARTBLOCK: Int32 = 516

    private static let bySyscall: [Int: Int32] = {
        var out: [Int: Int32] = [:]
        for name in ["read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev", "preadv2", "pwritev2",
                     "wait4", "waitid", "accept", "accept4", "connect", "recvfrom", "recvmsg", "sendto", "sendmsg",
                     "flock", "open", "openat", "openat2", "sendfile", "splice", "tee"] {
            if let nr = SyscallTable.number(name) { out[nr] = ERESTARTSYS }
        }
        for name in ["pause", "rt_sigsuspend", "select", "pselect6", "ppoll"] {
            if let nr = SyscallTable.number(name) { out[nr] = ERESTARTNOHAND }
        }
        for name in ["nanosleep"] {
            if let nr = SyscallTable.number(name) { out[nr] = ERESTART_RESTARTBLOCK }
        }
        return out
    }()

    /// The restart code of `nr` with these arguments, nil where the call returns EINTR itself
    /// (epoll_wait, rt_sigtimedwait...) or is not known here.
    static func code(_ nr: Int, _ a: SyscallArgs) -> Int32? {
        switch SyscallTable.name(nr) {
        case "clock_nanosleep":  // TIMER_ABSTIME sleeps restart as they are
            return a.a1 & 1 != 0 ? ERESTARTNOHAND : ERESTART_RESTARTBLOCK
        case "poll":  // a timeout restarts through restart_syscall
            return Int32(truncatingIfNeeded: a.a2) < 0 ? ERESTARTNOHAND : ERESTART_RESTARTBLOCK
        case "futex":
            let op = UInt32(truncatingIfNeeded: a.a1) & 0x7f  // without FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME
            guard op == 0 || op == 9 else { return nil }  // FUTEX_WAIT, FUTEX_WAIT_BITSET
            return a.a3 == 0 ? ERESTARTSYS : ERESTART_RESTARTBLOCK
        default:
            if returnsEINTRItself(nr, a) { return nil }
            return bySyscall[nr]
        }
    }

    /// The calls that wait on a socket, and the timeout they wait with: SO_RCVTIMEO (20) for
    /// those that receive or accept, SO_SNDTIMEO (21) for those that send or connect.
    private static let socketTimeoutOption: [Int: Int32] = {
        var out: [Int: Int32] = [:]
        for name in ["read", "readv", "recvfrom", "recvmsg", "accept", "accept4"] { if let nr = SyscallTable.number(name) { out[nr] = 20 } }
        for name in ["write", "writev", "sendto", "sendmsg", "connect"] { if let nr = SyscallTable.number(name) { out[nr] = 21 } }
        return out
    }()

    /// A call on a socket with a timeout set returns EINTR itself when a signal interrupts the
    /// wait (sock_intr_errno): SA_RESTART does not restart it. Asked only of an interrupted call.
    static func returnsEINTRItself(_ nr: Int, _ a: SyscallArgs) -> Bool {
        guard let option = socketTimeoutOption[nr] else { return false }
        return hasSocketTimeout(fd: Int32(truncatingIfNeeded: a.a0), option: option)
    }

    /// Calls that fail with EINTR when the process is stopped and continued while they wait,
    /// with no handler run (signal(7), "Interruption ... by stop signals"): epoll_wait and
    /// epoll_pwait(2), semop and semtimedop, and a socket waiting with a timeout. Others go on.
    static func failsAfterStop(_ nr: Int, _ a: SyscallArgs) -> Bool {
        switch nr {
        case Sys.epoll_wait, Sys.epoll_pwait, Sys.epoll_pwait2, Sys.semop, Sys.semtimedop: return true
        default: return returnsEINTRItself(nr, a)
        }
    }

    private static func hasSocketTimeout(fd: Int32, option: Int32) -> Bool {
        var tv = (Int(0), Int(0))  // struct timeval
        var length = socklen_t(MemoryLayout<(Int, Int)>.size)
        guard getsockopt(fd, SOL_SOCKET, option, &tv, &length) == 0 else { return false }
        return tv.0 != 0 || tv.1 != 0
    }

    /// Calls that never wait interruptibly: the kernel finishes them and delivers a signal after
    /// (close of a pipe never returns EINTR). One that arrived before dunetrace ran the call on
    /// the host does not stop it from running: it is delivered after, as natively.
    private static let neverInterrupted: [Bool] = {
        var out = [Bool](repeating: false, count: 512)
        for name in ["close", "dup", "dup2", "dup3", "lseek", "getpid", "getppid", "gettid", "getuid", "geteuid", "getgid",
                     "getegid", "getresuid", "getresgid", "getgroups", "getpgid", "getpgrp", "getsid", "umask", "uname",
                     "sysinfo", "times", "getrlimit", "getrusage", "getcwd", "chdir", "fchdir", "stat", "fstat",
                     "lstat", "newfstatat", "statx", "statfs", "fstatfs", "access", "faccessat", "faccessat2", "readlink",
                     "readlinkat", "unlink", "unlinkat", "mkdir", "mkdirat", "rmdir", "rename", "renameat", "renameat2",
                     "link", "linkat", "symlink", "symlinkat", "chmod", "fchmod", "fchmodat", "chown", "fchown",
                     "lchown", "fchownat", "utimensat", "utimes", "futimesat", "utime", "getdents", "getdents64",
                     "socket", "socketpair", "bind", "listen", "getsockname", "getpeername", "setsockopt", "getsockopt",
                     "shutdown", "pipe", "pipe2", "eventfd", "eventfd2", "timerfd_create", "timerfd_settime",
                     "timerfd_gettime", "signalfd", "signalfd4", "epoll_create", "epoll_create1", "epoll_ctl",
                     "inotify_init", "inotify_init1", "inotify_add_watch", "inotify_rm_watch", "memfd_create",
                     "ftruncate", "truncate", "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr",
                     "flistxattr", "setxattr", "lsetxattr", "fsetxattr", "removexattr", "lremovexattr",
                     "fremovexattr", "getpriority", "setpriority", "sched_getaffinity", "sched_setaffinity",
                     "sched_getparam", "sched_getscheduler", "sched_yield", "clock_gettime", "clock_getres",
                     "gettimeofday", "time", "pidfd_open", "fadvise64", "readahead", "name_to_handle_at", "mknod",
                     "mknodat", "chroot", "sethostname", "setdomainname", "syncfs", "fdatasync", "fsync"] {
            if let nr = SyscallTable.number(name), nr < out.count { out[nr] = true }
        }
        return out
    }()

    /// Whether `nr` with these arguments may wait until a signal interrupts it (fcntl: only
    /// F_SETLKW and F_OFD_SETLKW wait).
    static func interruptible(_ nr: Int, _ a: SyscallArgs) -> Bool {
        if nr == Sys.fcntl { return a.a1 == 7 || a.a1 == 38 }
        return !(nr >= 0 && nr < neverInterrupted.count && neverInterrupted[nr])
    }

    /// Calls that return only when a signal arrives: their EINTR is always a signal's.
    static func alwaysBySignal(_ nr: Int) -> Bool {
        let name = SyscallTable.name(nr)
        return name == "pause" || name == "rt_sigsuspend"
    }
}
