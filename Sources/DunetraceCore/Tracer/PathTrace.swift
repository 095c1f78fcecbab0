// strace's -P PATH (--trace-path): only the calls that name one of the paths, or use a
// descriptor open on one (looked up at entry, as strace does, so close(3) still counts).
// The target's descriptors are dunetrace's own, so /proc/self/fd/N names them.
import Glibc

public struct PathTrace: Sendable {
    /// The paths as given, and where they resolve to (strace keeps both).
    public private(set) var paths: Set<String> = []

    public init(_ given: [String]) {
        for p in given {
            paths.insert(p)
            if let r = realpath(p, nil) {
                paths.insert(String(cString: r))
                free(r)
            }
        }
    }

    /// Calls strace's pathtrace.c never matches, descriptors among their arguments or not
    /// (their x86-64 names).
    static let neverMatching: Set<String> = [
        "accept4", "accept", "bpf", "epoll_create", "epoll_create1", "eventfd2", "eventfd", "fanotify_init", "fsmount",
        "fsopen", "inotify_init", "inotify_init1", "io_uring_enter", "io_uring_register", "io_uring_setup",
        "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self", "memfd_create", "memfd_secret",
        "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive", "mq_timedsend", "perf_event_open", "pidfd_open",
        "pipe", "pipe2", "signalfd4", "signalfd", "socket", "socketpair", "timerfd_create", "timerfd_gettime",
        "timerfd_settime", "userfaultfd",
    ]

    /// Whether call `nr` with `args` touches one of the paths.
    func matches(_ nr: Int, _ args: SyscallArgs, memory: any TargetMemory, guardRules: SyscallGuard) -> Bool {
        matches(nr, args, memory: memory) { fd in
            guard !guardRules.isReservedFd(UInt64(UInt32(bitPattern: fd))) else { return nil }
            var buf = [CChar](repeating: 0, count: 4097)
            let n = readlink("/proc/self/fd/\(fd)", &buf, buf.count - 1)
            return n > 0 ? String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
        }
    }

    /// The same, with the descriptors' paths as the call found them from `descriptorPath`
    /// (replay: the recorded table) and its strings from `memory` (replay: the captures).
    public func matches(_ nr: Int, _ args: SyscallArgs, memory: any TargetMemory, descriptorPath: (Int32) -> String?) -> Bool {
        func pathMatches(_ i: Int) -> Bool {
            guard let s = memory.readCString(args[i], max: 4096), s.complete else { return false }
            return paths.contains(String(decoding: s.bytes, as: UTF8.self))
        }
        func descriptorMatches(_ i: Int) -> Bool {
            let fd = Int32(truncatingIfNeeded: args[i])
            guard fd >= 0, let path = descriptorPath(fd) else { return false }
            return paths.contains(path)
        }
        let name = SyscallTable.name(nr)
        if Self.neverMatching.contains(name) { return false }
        // strace (pathtrace.c): fsconfig names only the path and descriptor its command reads,
        // never its fs_fd.
        if name == "fsconfig" {
            switch UInt32(truncatingIfNeeded: args[1]) {
            case 3, 4: return descriptorMatches(4) || pathMatches(3)  // FSCONFIG_SET_PATH, _PATH_EMPTY
            case 5: return descriptorMatches(4)  // FSCONFIG_SET_FD
            default: return false
            }
        }
        for (i, kind) in SyscallTable.signature(nr).enumerated() {
            switch kind {
            case .path: if pathMatches(i) { return true }
            case .fd, .dirfd: if descriptorMatches(i) { return true }
            default: continue
            }
        }
        return false
    }
}
