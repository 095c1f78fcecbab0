// The process's descriptor table as -y/-yy print it, kept by the live run and recorded in the
// trace when it changes (DESIGN.md, "Recording is complete"). The target's descriptors are
// dunetrace's own (its calls run on the host), so /proc/self/fd/N names them. A descriptor is
// looked up when a call uses it and it is not known to be current: after the calls that change
// descriptors (those returning one, close, pipe, exec, rename, unlink, socket calls...) the
// affected entries are no longer current. So a trace holds one record per change, not per call.
import Foundation
import Glibc

final class DescriptorTracker: @unchecked Sendable {
    /// What the live text and the trace know; the same table replay rebuilds.
    private(set) var table: [Int32: DescriptorName] = [:]
    /// Entries checked since they could last have changed.
    private var current = Set<Int32>()
    private var lock = NSLock()
    let guardRules: SyscallGuard
    /// The process whose writer has recorded the table (a fork child records it afresh).
    private var owner: Int32 = 0

    /// Per call number: the call neither names, returns nor changes a descriptor (getppid,
    /// mmap, futex...), so entry and exit have nothing to do (asked at every call; an instance
    /// table, read without the lazy-global check a static one costs).
    private let quiet: [Bool]
    /// Per call number, what entry and exit ask of it (the static tables' answers, read without
    /// their lazy-global checks and set lookups at every call).
    private let facts: [CallFacts]

    private struct CallFacts {
        enum Change { case none, any, cwd, socket }
        var arguments: [(Int, isDirectory: Bool)]
        var multiplexed: Bool
        var returnsDescriptor: Bool
        var change: Change

        init(_ nr: Int) {
            arguments = Calls.descriptorArguments(nr)
            multiplexed = SyscallModel.description(nr)?.multiplexer != nil
            returnsDescriptor = Calls.returnsDescriptor(nr)
            change = Calls.changeAny.contains(nr) ? .any : Calls.changeCwd.contains(nr) ? .cwd
                : Calls.changeSocket.contains(nr) ? .socket : .none
        }
    }

    init(guardRules: SyscallGuard) {
        self.guardRules = guardRules
        quiet = Calls.quiet
        facts = (0..<512).map(CallFacts.init)
    }

    private func factsOf(_ nr: Int) -> CallFacts { nr >= 0 && nr < facts.count ? facts[nr] : CallFacts(nr) }

    private func isQuiet(_ nr: Int) -> Bool { nr >= 0 && nr < quiet.count && quiet[nr] }

    /// Held across a fork by the forking thread, so the child's copy is whole and unlocked:
    /// another thread holding it at the fork would leave it locked for ever in the child.
    func holdForFork() { lock.lock() }
    func releaseAfterFork(inChild: Bool) {
        if inChild { lock = NSLock() } else { lock.unlock() }  // the child's thread is another
    }

    /// Whether `entry` would change nothing and name nothing for call `nr` of process `pid`
    /// when no names are shown: asked first, without the lock (`owner` changes only at a forked
    /// child's first call, made by its one thread).
    func passesBy(_ nr: Int, pid: Int32) -> Bool { isQuiet(nr) && owner == pid }

    /// The table now.
    var snapshot: [Int32: DescriptorName] {
        lock.lock()
        defer { lock.unlock() }
        return table
    }

    /// What -yy shows of `fd` now (a socket's `NETLINK:[ROUTE:123]`), "" for nothing known.
    func detail(of fd: Int32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return table[fd]?.detail ?? ""
    }

    /// At a call's entry: its descriptor arguments made current. Returns the changes (to record
    /// before the call) and the names the call prints with.
    /// `show` nil: no names are needed (no live text shows them), so the table is not shared
    /// (sharing it would copy it at the call's first change).
    func entry(_ nr: Int, _ args: SyscallArgs, pid: Int32, show: DecodeFDs?, memory: (any TargetMemory)? = nil) -> (changes: [(Int32, DescriptorName?)], names: CallDescriptorNames?) {
        lock.lock()
        defer { lock.unlock() }
        if owner == pid && isQuiet(nr) { return ([], show.map { CallDescriptorNames(table: table, show: $0) }) }
        var changes: [(Int32, DescriptorName?)] = []
        // A forked child's trace records are its own writer's: it starts with the whole table it
        // inherited, so replay needs nothing from the parent's records (nor their order).
        if owner != pid {
            owner = pid
            changes = table.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        let callFacts = factsOf(nr)
        var named = callFacts.arguments
        // A descriptor a multiplexed call's variant takes (LOOP_SET_FD's argument, NBD_SET_SOCK's).
        if callFacts.multiplexed, let description = SyscallModel.description(nr),
           let parameters = description.arguments(for: args) {
            for (i, p) in parameters.enumerated() where i < 6 && !named.contains(where: { $0.0 == i }) {
                if case .descriptor = p.type { named.append((i, false)) }
            }
        }
        var fds = named.map { (Int32(truncatingIfNeeded: args[$0.0]), $0.isDirectory) }
        if let memory { fds += Self.descriptorsInStructures(nr, args, memory).map { ($0, false) } }
        for (fd, isDirectory) in fds {
            guard fd >= 0 || (isDirectory && fd == AT_FDCWD), !current.contains(fd) else { continue }
            if let change = refresh(fd) { changes.append((fd, change)) }
        }
        return (changes, show.map { CallDescriptorNames(table: table, show: $0) })
    }

    /// At a call's entry, after `entry`: descriptors it names inside its memory (a netlink
    /// attribute's IFLA_NET_NS_FD) made current too. Returns their changes and the names the
    /// call prints with.
    func entry(also fds: [Int32], show: DecodeFDs?) -> (changes: [(Int32, DescriptorName?)], names: CallDescriptorNames?) {
        lock.lock()
        defer { lock.unlock() }
        var changes: [(Int32, DescriptorName?)] = []
        for fd in fds where fd >= 0 && !current.contains(fd) {
            if let change = refresh(fd) { changes.append((fd, change)) }
        }
        return (changes, show.map { CallDescriptorNames(table: table, show: $0) })
    }

    /// After the call: the descriptors it changed, applied to the table (and returned, to record).
    func exit(_ nr: Int, _ args: SyscallArgs, result: Int64?, memory: any TargetMemory) -> [Int32: DescriptorName?] {
        guard let result, !isQuiet(nr) else { return [:] }
        lock.lock()
        defer { lock.unlock() }
        var touched: [Int32] = []
        var changes: [Int32: DescriptorName?] = [:]
        let ok = result >= 0
        let callFacts = factsOf(nr)
        if ok && (callFacts.returnsDescriptor || (nr == Calls.fcntl && [0, 1030].contains(Int32(truncatingIfNeeded: args.a1)))
                  || (nr == 321 && BpfDescriptors.returnsDescriptor(args))) {
            touched.append(Int32(truncatingIfNeeded: result))
        }
        switch nr {
        case Calls.close:
            // The descriptor is gone whatever close says, but for EBADF (it was not open):
            // nothing to look up.
            let fd = Int32(truncatingIfNeeded: args.a0)
            if result != -Int64(EBADF), table[fd] != nil {
                table[fd] = nil
                changes[fd] = .some(nil)
            }
            current.insert(fd)
        case Calls.fchdir where ok:
            // The working directory is now what the descriptor names, when that is known.
            let fd = Int32(truncatingIfNeeded: args.a0)
            if current.contains(fd), let name = table[fd] {
                let cwd = DescriptorName(path: name.path)
                if table[AT_FDCWD] != cwd {
                    table[AT_FDCWD] = cwd
                    changes[AT_FDCWD] = .some(cwd)
                }
                current.insert(AT_FDCWD)
            } else {
                current.remove(AT_FDCWD)
            }
        case Calls.pipe, Calls.pipe2, Calls.socketpair:
            let at = nr == Calls.socketpair ? args.a3 : args.a0
            if ok, let b = memory.read(at, count: 8) {
                touched.append(Int32(bitPattern: UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24))
                touched.append(Int32(bitPattern: UInt32(b[4]) | UInt32(b[5]) << 8 | UInt32(b[6]) << 16 | UInt32(b[7]) << 24))
            }
        case Calls.clone, Calls.clone3 where result > 0:
            // CLONE_PIDFD: the parent's new pidfd, where parent_tid (clone) or clone_args.pidfd points.
            var flags = args.a0, at = args.a2
            if nr == Calls.clone3 {
                guard let b = memory.read(args.a0, count: 16) else { break }
                flags = b[0..<8].reversed().reduce(0) { $0 << 8 | UInt64($1) }
                at = b[8..<16].reversed().reduce(0) { $0 << 8 | UInt64($1) }
            }
            if flags & 0x1000 != 0, let b = memory.read(at, count: 4) {
                touched.append(Int32(bitPattern: UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24))
            }
        case Calls.execve, Calls.execveat where ok:
            // Exec only closes the close-on-exec descriptors: the names of the rest still hold.
            for fd in table.keys where fd >= 0 && fcntl(fd, F_GETFD) == -1 {
                table[fd] = nil
                changes[fd] = .some(nil)
                current.remove(fd)
            }
        case Calls.recvmsg where ok:
            // The descriptors SCM_RIGHTS brought: named as the call left them (-y).
            current.removeAll(keepingCapacity: true)
            touched += ReceivedDescriptors.inMessage(args.a1, memory: memory)
        case _ where callFacts.change == .any:
            // New descriptors in memory, closed ranges, names that moved or went: look again.
            current.removeAll(keepingCapacity: true)
        case _ where callFacts.change == .cwd:
            current.remove(AT_FDCWD)
        case _ where callFacts.change == .socket:
            current.remove(Int32(truncatingIfNeeded: args.a0))
        default:
            break
        }
        let derived = touched.count == 1 && ok ? derivedName(nr, args, memory: memory) : nil
        for fd in touched {
            current.remove(fd)
            if let derived {
                current.insert(fd)
                if table[fd] != derived {
                    table[fd] = derived
                    changes[fd] = .some(derived)
                }
            } else if let change = refresh(fd) {
                changes[fd] = .some(change)
            }
        }
        return changes
    }

    /// The name of the descriptor a call returned, when the table already says what a lookup
    /// would (a lookup is a readlink of /proc, the recording's largest cost in find or tar):
    /// a dup names what its source names; openat(dir, NAME, O_NOFOLLOW) of one component
    /// names dir's path, `/`, NAME (no symlink to follow, nothing to resolve).
    private func derivedName(_ nr: Int, _ args: SyscallArgs, memory: any TargetMemory) -> DescriptorName? {
        switch nr {
        case Calls.dup, Calls.dup2, Calls.dup3, Calls.fcntl:
            // fcntl: F_DUPFD and F_DUPFD_CLOEXEC only (the others return no descriptor).
            guard nr != Calls.fcntl || [0, 1030].contains(Int32(truncatingIfNeeded: args.a1)) else { return nil }
            let source = Int32(truncatingIfNeeded: args.a0)
            guard source >= 0, current.contains(source) else { return nil }
            return table[source]
        case Calls.openat:
            let flags = Int32(truncatingIfNeeded: args.a2)
            guard flags & O_NOFOLLOW != 0 else { return nil }
            let dirfd = Int32(truncatingIfNeeded: args.a0)
            guard dirfd >= 0 || dirfd == AT_FDCWD, current.contains(dirfd), let dir = table[dirfd],
                  dir.path.hasPrefix("/"), !dir.deleted,
                  let (bytes, complete) = memory.readCString(args.a1, max: 256), complete else { return nil }
            let name = bytes
            guard !name.isEmpty, !name.contains(0x2f), name != [0x2e], name != [0x2e, 0x2e] else { return nil }
            let path = (dir.path == "/" ? "/" : dir.path + "/") + RawPath.string(name)
            // Devices and /proc have more to them than their path (-yy's detail, magic links).
            guard !path.hasPrefix("/dev/"), !path.hasPrefix("/proc/"), path.utf8.count < 4096 else { return nil }
            return DescriptorName(path: path)
        default:
            return nil
        }
    }

    /// Looks `fd` up; the new name when it differs from the table's (`.some(nil)`: closed).
    private func refresh(_ fd: Int32) -> DescriptorName?? {
        let now = DescriptorTracker.lookup(fd, guardRules: guardRules)
        current.insert(fd)
        guard now != table[fd] else { return nil }
        table[fd] = now
        return .some(now)
    }

    /// What the descriptor is now; nil for none, and for dunetrace's own descriptors (the
    /// target cannot reach them: natively the number would be free).
    static func lookup(_ fd: Int32, guardRules: SyscallGuard) -> DescriptorName? {
        guard fd == AT_FDCWD || (fd >= 0 && !guardRules.isReservedFd(UInt64(UInt32(bitPattern: fd)))) else { return nil }
        let link = fd == AT_FDCWD ? "/proc/self/cwd" : "/proc/self/fd/\(fd)"
        guard var bytes = HostProc.readlinkBytes(link) else { return nil }
        guard fd >= 0 else { return DescriptorName(path: RawPath.string(bytes)) }
        let deleted = isDeleted(&bytes, link: link)
        let path = RawPath.string(bytes)
        return DescriptorName(path: path, detail: HostDescriptorDetail.detail(fd, path: path), deleted: deleted)
    }

    /// strace's test of whether the kernel appended " (deleted)" to `bytes`, the link of a
    /// descriptor (get_proc_pid_fd_path): the link ends with it, is longer than the suffix and its
    /// NUL, and the path with the suffix is missing or another file than the descriptor's. Then
    /// the suffix is cut off. (A file named "x (deleted)" that is still there keeps its name.)
    private static func isDeleted(_ bytes: inout [UInt8], link: String) -> Bool {
        let suffix = Array(" (deleted)".utf8)
        guard bytes.count > suffix.count + 1, bytes.suffix(suffix.count).elementsEqual(suffix) else { return false }
        var onLink = stat(), onPath = stat()
        guard HostProc.statPath(link, &onLink) == 0 else { return false }
        let rc = (bytes + [0]).withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &onPath) }
        }
        guard rc != 0 || onLink.st_ino != onPath.st_ino || onLink.st_dev != onPath.st_dev else { return false }
        bytes.removeLast(suffix.count)
        return true
    }

    /// Descriptors a call names inside what it reads: the model's structure fields, and
    /// sockaddr_xdp's sxdp_shared_umem_fd
    /// (connect/bind of AF_XDP with XDP_SHARED_UMEM), which strace -y prints with its path.
    private static func descriptorsInStructures(_ nr: Int, _ args: SyscallArgs, _ memory: any TargetMemory) -> [Int32] {
        var found = modelStructureDescriptors(nr, args, memory)
        guard nr == Calls.connect || nr == Calls.bind, UInt32(truncatingIfNeeded: args.a2) >= 16,
              let bytes = memory.read(args.a1, count: 16), bytes[0] == 44, bytes[1] == 0, bytes[2] & 1 != 0 else { return found }
        found.append(Int32(bitPattern: UInt32(bytes[12]) | UInt32(bytes[13]) << 8 | UInt32(bytes[14]) << 16 | UInt32(bytes[15]) << 24))
        return found
    }

    /// The descriptor fields of the structures the model says the call reads (landlock's
    /// parent_fd, bpf's map_fd...): strace -y prints them with their paths, so they are
    /// looked up as the call's arguments are. Only calls whose description has such a field.
    private static func modelStructureDescriptors(_ nr: Int, _ args: SyscallArgs, _ memory: any TargetMemory) -> [Int32] {
        guard nr >= 0, nr < structureDescriptorCalls.count, structureDescriptorCalls[nr],
              let parameters = SyscallModel.description(nr)?.arguments(for: args) else { return [] }
        var fds: [Int32] = []
        for (i, p) in parameters.enumerated() where i < 6 && args[i] != 0 {
            guard case .pointer(let pointer) = p.type, pointer.direction != .output,
                  case .structure(let layout) = pointer.pointee else { continue }
            let fields = layout.fields.filter { Self.isOwnDescriptor($0.type) }
            guard let end = fields.map({ $0.offset + 4 }).max(), let bytes = memory.read(args[i], count: end) else { continue }
            for f in fields {
                let b = bytes[f.offset..<f.offset + 4].map(UInt32.init)
                fds.append(Int32(bitPattern: b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24))
            }
        }
        return fds
    }

    private static func isOwnDescriptor(_ type: ValueType) -> Bool {
        if case .descriptor(let role) = type, role != .directory, role != .duplicatedByResult { if case .ofProcess = role { return false }; return true }
        return false
    }

    /// By number: whether some description of the call (a variant's included) reads a structure
    /// with a descriptor field.
    private static let structureDescriptorCalls: [Bool] = (0..<512).map { nr in
        guard let d = SyscallModel.description(nr) else { return false }
        let all = d.arguments + (d.multiplexer.map { $0.variants.values.flatMap { $0.arguments.values } } ?? [])
        return all.contains { p in
            guard case .pointer(let pointer) = p.type, pointer.direction != .output,
                  case .structure(let layout) = pointer.pointee else { return false }
            return layout.fields.contains { isOwnDescriptor($0.type) }
        }
    }

    private enum Calls {
        static let connect = Sys.connect
        static let bind = Sys.bind
        static let close = Sys.close
        static let fcntl = Sys.fcntl
        static let fchdir = Sys.fchdir
        static let pipe = Sys.pipe
        static let pipe2 = Sys.pipe2
        static let socketpair = Sys.socketpair
        static let recvmsg = Sys.recvmsg
        static let openat = Sys.openat
        static let dup = Sys.dup
        static let dup2 = Sys.dup2
        static let dup3 = Sys.dup3
        static let execve = Sys.execve
        static let clone = Sys.clone
        static let clone3 = Sys.clone3
        static let execveat = Sys.execveat
        static let changeAny: Set<Int> = Set(["close_range", "recvmsg", "recvmmsg", "rename",
                                              "renameat", "renameat2", "unlink", "unlinkat", "rmdir", "unshare",
                                              "mount", "umount2", "pivot_root", "chroot"].compactMap(SyscallTable.number))
        /// The descriptor arguments of call `nr` (index, whether a directory's): the table's
        /// and those of the model's plain description, by number (asked at every call's entry).
        private static let fixedDescriptorArguments: [[(Int, isDirectory: Bool)]] = (0..<512).map { descriptorArgumentsOf($0) }
        static func descriptorArguments(_ nr: Int) -> [(Int, isDirectory: Bool)] {
            nr >= 0 && nr < fixedDescriptorArguments.count ? fixedDescriptorArguments[nr] : descriptorArgumentsOf(nr)
        }
        private static func descriptorArgumentsOf(_ nr: Int) -> [(Int, isDirectory: Bool)] {
            var named: [(Int, isDirectory: Bool)] = SyscallTable.signature(nr).enumerated()
                .filter { $0.element == .fd || $0.element == .dirfd }.map { ($0.offset, $0.element == .dirfd) }
            if let description = SyscallModel.description(nr), description.multiplexer == nil {
                for (i, p) in description.arguments.enumerated() where i < 6 && !named.contains(where: { $0.0 == i }) {
                    if case .descriptor = p.type { named.append((i, false)) }
                }
            }
            return named
        }
        /// Whether call `nr` returns a descriptor, by number (asked at every call's exit).
        private static let descriptorResults: [Bool] = (0..<512).map {
            SyscallTable.returnKind($0) == .fd || SyscallModel.description($0)?.result == .descriptor
        }
        static func returnsDescriptor(_ nr: Int) -> Bool {
            nr >= 0 && nr < descriptorResults.count ? descriptorResults[nr]
                : SyscallTable.returnKind(nr) == .fd || SyscallModel.description(nr)?.result == .descriptor
        }
        /// The calls entry and exit pass by: no descriptor argument (plain or by the model, nor
        /// a multiplexed variant's, nor one inside a structure), none returned, none changed.
        static var quiet: [Bool] {
            let special: Set<Int> = [connect, bind, close, fcntl, fchdir, pipe, pipe2, socketpair, recvmsg, openat, dup, dup2, dup3,
                                     execve, execveat, clone, clone3, 321 /* bpf */, 46 /* sendmsg */, NetlinkCalls.sendto]
            return (0..<512).map { nr in
                !special.contains(nr) && !changeAny.contains(nr) && !changeCwd.contains(nr) && !changeSocket.contains(nr)
                    && SyscallTable.entry(nr) != nil && fixedDescriptorArguments[nr].isEmpty && !descriptorResults[nr]
                    && SyscallModel.description(nr)?.multiplexer == nil
            }
        }
        static let changeCwd: Set<Int> = Set(["chdir"].compactMap(SyscallTable.number))
        static let changeSocket: Set<Int> = Set(["bind", "connect", "listen", "accept", "accept4", "sendto", "sendmsg",
                                                 "sendmmsg", "shutdown"].compactMap(SyscallTable.number))
    }
}
