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
    /// Which arguments count is strace's (pathtrace.c): a file, descriptor or network call's
    /// first argument, but for the calls named in `PathTrace.arguments`.
    public func matches(_ nr: Int, _ args: SyscallArgs, memory: any TargetMemory, descriptorPath: (Int32) -> String?) -> Bool {
        guard let entry = SyscallTable.entry(nr) else { return false }
        let classes = entry.classes
        let isFile = classes.contains(.file), isDescriptor = classes.contains(.desc) || classes.contains(.network)
        guard isFile || isDescriptor else { return false }
        func path(_ i: Int) -> Bool {
            guard let s = memory.readCString(args[i], max: 4096), s.complete else { return false }
            return paths.contains(String(decoding: s.bytes, as: UTF8.self))
        }
        func descriptor(_ i: Int) -> Bool { open(Int32(truncatingIfNeeded: args[i])) }
        func open(_ fd: Int32) -> Bool {
            guard fd >= 0, let p = descriptorPath(fd) else { return false }
            return paths.contains(p)
        }
        switch PathTrace.arguments[entry.name] {
        case .descriptors(let list)?: return list.contains(where: descriptor)
        case .paths(let list)?: return list.contains(where: path)
        case .both(let fds, let names)?: return fds.contains(where: descriptor) || names.contains(where: path)
        // The sets and the array as the call was given them (replay: their entry capture).
        case .fdSets?: return fdSetsMatch(args, memory: MemoryAtEntry(base: memory), open)
        case .pollfds?: return pollfdsMatch(args, memory: MemoryAtEntry(base: memory), open)
        case .fsconfig?:
            switch UInt32(truncatingIfNeeded: args.a1) {  // the kernel's unsigned int cmd
            case 3, 4: return descriptor(4) || path(3)  // FSCONFIG_SET_PATH(_EMPTY)
            case 5: return descriptor(4)                // FSCONFIG_SET_FD
            default: return false
            }
        case .none?: return false
        case nil: return isFile ? path(0) : descriptor(0)
        }
    }

    /// select/pselect6: every descriptor set in the three sets below nfds (the kernel's int).
    private func fdSetsMatch(_ args: SyscallArgs, memory: any TargetMemory, _ open: (Int32) -> Bool) -> Bool {
        let nfds = Int32(truncatingIfNeeded: args.a0)
        guard nfds > 0 else { return false }
        let count = Int(min(nfds, 1024 * 1024))
        let size = ((count + 7) / 8 + 7) & ~7
        for i in 1...3 where args[i] != 0 {
            guard let bytes = memory.read(args[i], count: size) else { continue }
            // The decoder's walk of a set (its zero bytes skipped).
            if ArgumentDecoder.setBits(bytes, below: count).contains(where: { open(Int32($0)) }) { return true }
        }
        return false
    }

    /// poll/ppoll: each pollfd's descriptor, up to the first that cannot be read.
    private func pollfdsMatch(_ args: SyscallArgs, memory: any TargetMemory, _ open: (Int32) -> Bool) -> Bool {
        let nfds = min(UInt64(UInt32(truncatingIfNeeded: args.a1)), 1024 * 1024)
        let (end, overflow) = args.a0.addingReportingOverflow(8 &* nfds)
        guard nfds > 0, !overflow else { return false }
        var at = args.a0
        while at < end {
            guard let entry = memory.read(at, count: 8) else { break }
            let fd = Int32(bitPattern: UInt32(entry[0]) | UInt32(entry[1]) << 8 | UInt32(entry[2]) << 16 | UInt32(entry[3]) << 24)
            if open(fd) { return true }
            at &+= 8
        }
        return false
    }

    /// Which arguments of a call name a file, where that is not the first (strace's special cases).
    enum Arguments {
        case descriptors([Int]), paths([Int]), both([Int], [Int]), fdSets, pollfds, fsconfig, none
    }

    static let arguments: [String: Arguments] = {
        var table: [String: Arguments] = [:]
        for name in ["dup2", "dup3", "kexec_file_load", "sendfile", "tee"] { table[name] = .descriptors([0, 1]) }
        for name in ["execveat", "faccessat", "faccessat2", "fchmodat", "fchownat", "fspick", "newfstatat", "futimesat",
                     "inotify_add_watch", "mkdirat", "mknodat", "mount_setattr", "name_to_handle_at", "open_tree",
                     "openat", "openat2", "readlinkat", "statx", "unlinkat", "utimensat"] {
            table[name] = .both([0], [1])
        }
        for name in ["link", "mount", "pivot_root"] { table[name] = .paths([0, 1]) }
        for name in ["quotactl", "symlink"] { table[name] = .paths([1]) }
        for name in ["linkat", "move_mount", "renameat2", "renameat"] { table[name] = .both([0, 2], [1, 3]) }
        table["mmap"] = .descriptors([4])
        table["symlinkat"] = .both([1], [2])
        for name in ["copy_file_range", "splice"] { table[name] = .descriptors([0, 2]) }
        table["epoll_ctl"] = .descriptors([2])
        table["fanotify_mark"] = .both([3], [4])
        for name in ["select", "pselect6"] { table[name] = .fdSets }
        for name in ["poll", "ppoll"] { table[name] = .pollfds }
        table["fsconfig"] = .fsconfig
        // File, descriptor or network calls with no descriptor or path argument to test.
        for name in ["accept4", "accept", "bpf", "epoll_create", "epoll_create1", "eventfd2", "eventfd", "fanotify_init",
                     "fsmount", "fsopen", "inotify_init", "inotify_init1", "io_uring_enter", "io_uring_register",
                     "io_uring_setup", "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self",
                     "memfd_create", "memfd_secret", "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive",
                     "mq_timedsend", "perf_event_open", "pidfd_open", "pipe", "pipe2", "signalfd4", "signalfd",
                     "socket", "socketpair", "timerfd_create", "timerfd_gettime", "timerfd_settime", "userfaultfd"] {
            table[name] = Arguments.none
        }
        return table
    }()
}
