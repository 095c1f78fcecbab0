// What keeps the target's system calls, which dunetrace runs on the target's behalf in its own
// process, from reaching dunetrace's memory or descriptors. A pointer argument that does not lie
// in memory the target owns is replaced by an address in the kernel's half, which the kernel
// never touches for user space: the call still runs its own checks in its own order, and the
// first touch of that argument is the kernel's EFAULT, as for an unmapped address. A value below
// vm.mmap_min_addr or above user space is never anyone's memory and goes as it is. Each
// descriptor argument must not be one of dunetrace's (else EBADF, what it says of a closed one).
import CKVM

enum PointerLength: Sendable {
    case arg(Int)          // length in bytes is another argument
    case fixed(UInt64)     // a struct of known size
    case cString           // NUL-terminated: at least one page is checked, the kernel stops at the guard
    case iovec(count: Int) // an iovec array: each element's buffer is checked too
    case msghdr            // struct msghdr: name, iovec array and control buffer are checked
    case unknown           // a buffer whose size the call decides: at least one byte
    case ioctlArgument     // ioctl's third: a pointer of the request's _IOC size, or an integer
    case futexTimeout      // futex's 4th argument: a timespec for the wait operations only
    case futexSecondWord   // futex's 5th argument: uaddr2 for requeue and wake-op only
}

struct SyscallGuardRule: Sendable {
    var pointers: [(arg: Int, length: PointerLength)] = []
    var fds: [Int] = []
}

/// Rules keyed by syscall name; resolved to numbers once. Calls not listed fall back to
/// `looksLikeHostPointer`, which refuses any argument that points outside the target.
let syscallGuardRules: [String: SyscallGuardRule] = [
    "read": .init(pointers: [(1, .arg(2))], fds: [0]),
    "write": .init(pointers: [(1, .arg(2))], fds: [0]),
    "pread64": .init(pointers: [(1, .arg(2))], fds: [0]),
    "pwrite64": .init(pointers: [(1, .arg(2))], fds: [0]),
    "readv": .init(pointers: [(1, .iovec(count: 2))], fds: [0]),
    "writev": .init(pointers: [(1, .iovec(count: 2))], fds: [0]),
    "preadv": .init(pointers: [(1, .iovec(count: 2))], fds: [0]),
    "pwritev": .init(pointers: [(1, .iovec(count: 2))], fds: [0]),
    "preadv2": .init(pointers: [(1, .iovec(count: 2))], fds: [0]),
    "pwritev2": .init(pointers: [(1, .iovec(count: 2))], fds: [0]),
    "open": .init(pointers: [(0, .cString)]),
    "openat": .init(pointers: [(1, .cString)], fds: [0]),
    "openat2": .init(pointers: [(1, .cString), (2, .arg(3))], fds: [0]),
    "creat": .init(pointers: [(0, .cString)]),
    "close": .init(fds: [0]),
    "stat": .init(pointers: [(0, .cString), (1, .fixed(144))]),
    "lstat": .init(pointers: [(0, .cString), (1, .fixed(144))]),
    "fstat": .init(pointers: [(1, .fixed(144))], fds: [0]),
    "newfstatat": .init(pointers: [(1, .cString), (2, .fixed(144))], fds: [0]),
    "statx": .init(pointers: [(1, .cString), (4, .fixed(256))], fds: [0]),
    "statfs": .init(pointers: [(0, .cString), (1, .fixed(120))]),
    "fstatfs": .init(pointers: [(1, .fixed(120))], fds: [0]),
    "lseek": .init(fds: [0]),
    "ioctl": .init(pointers: [(2, .ioctlArgument)], fds: [0]),
    "access": .init(pointers: [(0, .cString)]),
    "faccessat": .init(pointers: [(1, .cString)], fds: [0]),
    "faccessat2": .init(pointers: [(1, .cString)], fds: [0]),
    "pipe": .init(pointers: [(0, .fixed(8))]),
    "pipe2": .init(pointers: [(0, .fixed(8))]),
    "dup": .init(fds: [0]),
    "dup2": .init(fds: [0, 1]),
    "dup3": .init(fds: [0, 1]),
    "fcntl": .init(fds: [0]),
    "flock": .init(fds: [0]),
    "fsync": .init(fds: [0]),
    "fdatasync": .init(fds: [0]),
    "ftruncate": .init(fds: [0]),
    "truncate": .init(pointers: [(0, .cString)]),
    "getdents": .init(pointers: [(1, .arg(2))], fds: [0]),
    "getdents64": .init(pointers: [(1, .arg(2))], fds: [0]),
    "getcwd": .init(pointers: [(0, .arg(1))]),
    "chdir": .init(pointers: [(0, .cString)]),
    "fchdir": .init(fds: [0]),
    "rename": .init(pointers: [(0, .cString), (1, .cString)]),
    "renameat": .init(pointers: [(1, .cString), (3, .cString)], fds: [0, 2]),
    "renameat2": .init(pointers: [(1, .cString), (3, .cString)], fds: [0, 2]),
    "mkdir": .init(pointers: [(0, .cString)]),
    "mkdirat": .init(pointers: [(1, .cString)], fds: [0]),
    "rmdir": .init(pointers: [(0, .cString)]),
    "unlink": .init(pointers: [(0, .cString)]),
    "unlinkat": .init(pointers: [(1, .cString)], fds: [0]),
    "link": .init(pointers: [(0, .cString), (1, .cString)]),
    "linkat": .init(pointers: [(1, .cString), (3, .cString)], fds: [0, 2]),
    "symlink": .init(pointers: [(0, .cString), (1, .cString)]),
    "symlinkat": .init(pointers: [(0, .cString), (2, .cString)], fds: [1]),
    "readlink": .init(pointers: [(0, .cString), (1, .arg(2))]),
    "readlinkat": .init(pointers: [(1, .cString), (2, .arg(3))], fds: [0]),
    "chmod": .init(pointers: [(0, .cString)]),
    "fchmod": .init(fds: [0]),
    "fchmodat": .init(pointers: [(1, .cString)], fds: [0]),
    "chown": .init(pointers: [(0, .cString)]),
    "lchown": .init(pointers: [(0, .cString)]),
    "fchown": .init(fds: [0]),
    "fchownat": .init(pointers: [(1, .cString)], fds: [0]),
    "utimensat": .init(pointers: [(1, .cString), (2, .fixed(32))], fds: [0]),
    "getxattr": .init(pointers: [(0, .cString), (1, .cString), (2, .arg(3))]),
    "lgetxattr": .init(pointers: [(0, .cString), (1, .cString), (2, .arg(3))]),
    "fgetxattr": .init(pointers: [(1, .cString), (2, .arg(3))], fds: [0]),
    "listxattr": .init(pointers: [(0, .cString), (1, .arg(2))]),
    "llistxattr": .init(pointers: [(0, .cString), (1, .arg(2))]),
    "flistxattr": .init(pointers: [(1, .arg(2))], fds: [0]),
    "uname": .init(pointers: [(0, .fixed(390))]),
    "sysinfo": .init(pointers: [(0, .fixed(112))]),
    "getrandom": .init(pointers: [(0, .arg(1))]),
    "clock_gettime": .init(pointers: [(1, .fixed(16))]),
    "clock_getres": .init(pointers: [(1, .fixed(16))]),
    "clock_nanosleep": .init(pointers: [(2, .fixed(16)), (3, .fixed(16))]),
    "nanosleep": .init(pointers: [(0, .fixed(16)), (1, .fixed(16))]),
    "gettimeofday": .init(pointers: [(0, .fixed(16)), (1, .fixed(8))]),
    "time": .init(pointers: [(0, .fixed(8))]),
    "times": .init(pointers: [(0, .fixed(32))]),
    "getrusage": .init(pointers: [(1, .fixed(144))]),
    "getrlimit": .init(pointers: [(1, .fixed(16))]),
    "setrlimit": .init(pointers: [(1, .fixed(16))]),
    "prlimit64": .init(pointers: [(2, .fixed(16)), (3, .fixed(16))]),
    "sched_getaffinity": .init(pointers: [(2, .arg(1))]),
    "sched_setaffinity": .init(pointers: [(2, .arg(1))]),
    "getcpu": .init(pointers: [(0, .fixed(4)), (1, .fixed(4))]),
    "futex": .init(pointers: [(0, .fixed(4)), (3, .futexTimeout), (4, .futexSecondWord)]),
    "poll": .init(pointers: [(0, .unknown)]),
    "ppoll": .init(pointers: [(0, .unknown), (2, .fixed(16)), (3, .fixed(8))]),
    "select": .init(pointers: [(1, .fixed(128)), (2, .fixed(128)), (3, .fixed(128)), (4, .fixed(16))]),
    "pselect6": .init(pointers: [(1, .fixed(128)), (2, .fixed(128)), (3, .fixed(128)), (4, .fixed(16)), (5, .fixed(16))]),
    "epoll_create1": .init(),
    "epoll_ctl": .init(pointers: [(3, .fixed(12))], fds: [0, 2]),
    "epoll_wait": .init(pointers: [(1, .unknown)], fds: [0]),
    "epoll_pwait": .init(pointers: [(1, .unknown), (4, .fixed(8))], fds: [0]),
    "socket": .init(),
    "socketpair": .init(pointers: [(3, .fixed(8))]),
    "connect": .init(pointers: [(1, .arg(2))], fds: [0]),
    "bind": .init(pointers: [(1, .arg(2))], fds: [0]),
    "listen": .init(fds: [0]),
    "accept": .init(pointers: [(1, .unknown), (2, .fixed(4))], fds: [0]),
    "accept4": .init(pointers: [(1, .unknown), (2, .fixed(4))], fds: [0]),
    "sendto": .init(pointers: [(1, .arg(2)), (4, .arg(5))], fds: [0]),
    "recvfrom": .init(pointers: [(1, .arg(2)), (4, .unknown), (5, .fixed(4))], fds: [0]),
    "sendmsg": .init(pointers: [(1, .msghdr)], fds: [0]),
    "recvmsg": .init(pointers: [(1, .msghdr)], fds: [0]),
    "shutdown": .init(fds: [0]),
    "getsockname": .init(pointers: [(1, .unknown), (2, .fixed(4))], fds: [0]),
    "getpeername": .init(pointers: [(1, .unknown), (2, .fixed(4))], fds: [0]),
    "setsockopt": .init(pointers: [(3, .arg(4))], fds: [0]),
    "getsockopt": .init(pointers: [(3, .unknown), (4, .fixed(4))], fds: [0]),
    "sendfile": .init(pointers: [(2, .fixed(8))], fds: [0, 1]),
    "copy_file_range": .init(pointers: [(1, .fixed(8)), (3, .fixed(8))], fds: [0, 2]),
    "splice": .init(pointers: [(1, .fixed(8)), (3, .fixed(8))], fds: [0, 2]),
    "fadvise64": .init(fds: [0]),
    "fallocate": .init(fds: [0]),
    "wait4": .init(pointers: [(1, .fixed(4)), (3, .fixed(144))]),
    "waitid": .init(pointers: [(2, .fixed(128)), (4, .fixed(144))]),
    "getgroups": .init(pointers: [(1, .unknown)]),
    "getresuid": .init(pointers: [(0, .fixed(4)), (1, .fixed(4)), (2, .fixed(4))]),
    "getresgid": .init(pointers: [(0, .fixed(4)), (1, .fixed(4)), (2, .fixed(4))]),
    "capget": .init(pointers: [(0, .fixed(8)), (1, .unknown)]),
    "eventfd2": .init(),
    "timerfd_create": .init(),
    "timerfd_settime": .init(pointers: [(2, .fixed(32)), (3, .fixed(32))], fds: [0]),
    "inotify_add_watch": .init(pointers: [(1, .cString)], fds: [0]),
    "memfd_create": .init(pointers: [(0, .cString)]),
    "mincore": .init(pointers: [(2, .unknown)]),
    "madvise": .init(),  // its range is checked where it is emulated
    "msync": .init(),
    "mlock": .init(),
    "munlock": .init(),
    "sched_yield": .init(),
    "getpriority": .init(),
    "setpriority": .init(),
    "umask": .init(),
    "sync": .init(),
    "syncfs": .init(fds: [0]),
]

extension ArgKind {
    /// The argument is an address the kernel will read or write through.
    var isPointer: Bool {
        switch self {
        case .pointer, .path, .string, .inBuffer, .outBuffer, .randomBuffer, .outPath, .inStruct, .outStruct: true
        default: false
        }
    }
    var isDescriptor: Bool { self == .fd || self == .dirfd }
}

/// Pre-resolved guard rules, indexed by syscall number. A call with a rule has its pointers
/// checked with their lengths; any other call has every argument the syscall table calls a
/// pointer checked to lie in the target. Descriptor arguments, by rule or by the table, must
/// not be dunetrace's.
struct SyscallGuard {
    private var rules: [SyscallGuardRule?]
    private var pointerArgs: [[Int]]
    private var descriptorArgs: [[Int]]
    let reservedFdBase: Int64

    init() {
        var r = [SyscallGuardRule?](repeating: nil, count: 1024)
        for (name, rule) in syscallGuardRules {
            if let nr = SyscallTable.number(name), nr < r.count { r[nr] = rule }
        }
        rules = r
        pointerArgs = (0..<1024).map { nr in SyscallTable.signature(nr).enumerated().filter { $0.element.isPointer }.map(\.offset) }
        descriptorArgs = (0..<1024).map { nr in
            Array(Set(SyscallTable.signature(nr).enumerated().filter { $0.element.isDescriptor }.map(\.offset) + (r[nr]?.fds ?? []))).sorted()
        }
        reservedFdBase = Int64(dt_fd_reserved_base())
    }

    func isReservedFd(_ v: UInt64) -> Bool {
        let fd = Int64(Int32(truncatingIfNeeded: v))
        return fd >= reservedFdBase && fd < reservedFdBase + SyscallGuard.reservedFdCount
    }

    /// How many numbers the range holds (fds.c).
    static let reservedFdCount = Int64(dt_fd_reserved_count())

    /// dunetrace's own descriptors in the range now, placeholders left out.
    static func ownDescriptors() -> [Int32] {
        var fds = [Int32](repeating: -1, count: Int(reservedFdCount))
        let n = fds.withUnsafeMutableBufferPointer { dt_fd_reserved_in_use($0.baseAddress, Int32($0.count)) }
        return Array(fds[0..<Int(n)])
    }

    /// Where a pointer that is not the target's goes instead: the start of the kernel's half,
    /// which access_ok refuses whatever the length.
    static let unreachableAddress: UInt64 = 0xffff_8000_0000_0000

    /// nil if the call may run with `args` (pointers outside the target replaced); otherwise
    /// the negative errno to return instead.
    func check(_ nr: Int, _ args: inout SyscallArgs, space: AddressSpace) -> Int64? {
        // Past the table (x32's bit included, whether or not this kernel has x32): ENOSYS here,
        // never the host kernel's reading of the number.
        guard nr >= 0, nr < rules.count else { return -38 }  // ENOSYS
        for i in descriptorArgs[nr] where isReservedFd(args[i]) { return -9 }  // EBADF
        guard let rule = rules[nr] else {
            for i in pointerArgs[nr] where couldBeHostMemory(args[i]) && !space.contains(args[i], 1) {
                args[i] = SyscallGuard.unreachableAddress
            }
            return nil
        }
        let original = args
        for (i, length) in rule.pointers {
            let p = original[i]
            if p == 0 || !couldBeHostMemory(p) { continue }  // NULL, or no one's: the kernel decides
            if case .ioctlArgument = length, ioctlArgumentIsInteger(original.a1) { continue }
            if !pointerIsTargets(p, length, original, space) { args[i] = SyscallGuard.unreachableAddress }
        }
        return nil
    }

    /// Below vm.mmap_min_addr (64 KiB) or past user space nothing is mapped, dunetrace included.
    private func couldBeHostMemory(_ v: UInt64) -> Bool { v >= 0x10000 && v < 0x8000_0000_0000 }

    /// Requests whose argument is an integer though it may look like an address (their _IOC
    /// encoding, if any, says otherwise); small integers need no entry, they are no one's memory.
    private func ioctlArgumentIsInteger(_ request: UInt64) -> Bool {
        let byValue: Set<UInt32> = [
            0x1262, 0x1264,                  // BLKRASET, BLKFRASET
            0x4C00, 0x4C06, 0x4C08, 0x4C09,  // LOOP_SET_FD, LOOP_CHANGE_FD, LOOP_SET_DIRECT_IO, LOOP_SET_BLOCK_SIZE
            0x4C80, 0x4C81,                  // LOOP_CTL_ADD, LOOP_CTL_REMOVE
            0x4004_9409,                     // FICLONE
            0x4004_5436,                     // TIOCSIG
        ]
        return byValue.contains(UInt32(truncatingIfNeeded: request))
    }

    private func pointerIsTargets(_ p: UInt64, _ length: PointerLength, _ args: SyscallArgs,
                                  _ space: AddressSpace) -> Bool {
        switch length {
        case .arg(let i): return space.contains(p, max(args[i], 1))
        case .fixed(let n): return space.contains(p, n)
        case .cString, .unknown: return space.contains(p, 1)
        case .ioctlArgument:
            let request = args.a1, direction = (request >> 30) & 3, size = (request >> 16) & 0x3fff
            return space.contains(p, direction != 0 ? max(size, 1) : 1)
        case .futexTimeout:
            // FUTEX_WAIT, LOCK_PI, WAIT_BITSET, WAIT_REQUEUE_PI, LOCK_PI2 take a timeout.
            return ![0, 6, 9, 11, 13].contains(args.a1 & 0x7f) || space.contains(p, 16)
        case .futexSecondWord:
            // FUTEX_REQUEUE, CMP_REQUEUE, WAKE_OP, WAIT_REQUEUE_PI, CMP_REQUEUE_PI use uaddr2.
            return ![3, 4, 5, 11, 12].contains(args.a1 & 0x7f) || space.contains(p, 4)
        case .iovec(let countArg):
            let count = args[countArg]
            guard count <= 1024, space.contains(p, count * 16) else { return count > 1024 }
            guard space.isAccessible(p, Int(count * 16)) else { return true }  // the kernel says EFAULT itself
            for k in 0..<Int(count) {
                let base = UnsafePointer<UInt64>(bitPattern: UInt(p) + UInt(k * 16))!.pointee
                let len = UnsafePointer<UInt64>(bitPattern: UInt(p) + UInt(k * 16 + 8))!.pointee
                if len > 0 && !space.contains(base, len) { return false }
            }
            return true
        case .msghdr:
            guard space.isAccessible(p, 56) else { return space.contains(p, 56) }
            let h = UnsafePointer<UInt64>(bitPattern: UInt(p))!
            let name = h[0], iov = h[2], iovLen = h[3], ctl = h[4], ctlLen = h[5]
            // A negative msg_namelen is the kernel's EINVAL; it never uses more than a sockaddr_storage.
            let nameLen = Int32(truncatingIfNeeded: h[1])
            if name != 0 && nameLen >= 0 && !space.contains(name, UInt64(max(min(nameLen, 128), 1))) { return false }
            if ctl != 0 && !space.contains(ctl, max(ctlLen, 1)) { return false }
            if iov != 0 {
                var a = args
                a.a5 = iovLen
                return pointerIsTargets(iov, .iovec(count: 5), a, space)
            }
            return true
        }
    }
}
