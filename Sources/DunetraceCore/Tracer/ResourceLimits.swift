// The target's resource limits are the target's alone (DESIGN.md, "Isolation"): RLIMIT_FSIZE,
// RLIMIT_AS, RLIMIT_DATA and RLIMIT_NOFILE set by the target (or inherited by it) would otherwise govern
// dunetrace's own trace writes, allocations and descriptors in the same host process. They are
// kept here, shown to the target by getrlimit/prlimit64, and enforced on the target's own
// calls as the kernel enforces them: EFBIG and SIGXFSZ past the file size limit, ENOMEM past
// the address-space limit, EMFILE for a descriptor at or above the descriptor limit. The host
// process runs with the hard limits as its soft ones.
import CKVM
import Glibc

/// The limits dunetrace keeps for the target (soft, hard), RLIM_INFINITY as UInt64.max.
struct TargetLimits {
    static let virtualized: [Int32] = [Int32(RLIMIT_FSIZE.rawValue), Int32(RLIMIT_AS.rawValue), Int32(RLIMIT_DATA.rawValue),
                                       Int32(RLIMIT_NOFILE.rawValue), cpu]
    static let cpu = Int32(RLIMIT_CPU.rawValue)
    /// Kept where other processes of the trace read and set them (ProcessFacts.swift).
    var values = KeptLimits()

    /// Takes the limits the target inherits, and gives the host process their hard values.
    static func inherit() -> TargetLimits {
        var t = TargetLimits()
        for r in virtualized {
            if r == Int32(RLIMIT_NOFILE.rawValue) {
                // Read before dunetrace raised the soft limit for its own descriptors (fds.c).
                var cur: UInt64 = 0, max: UInt64 = 0
                // Where dunetrace could not put its range above the inherited limit (no
                // CAP_SYS_RESOURCE to raise the hard one), the target's limit ends where the
                // range begins: it gets what a program with that limit gets natively, and
                // none of its numbers is one of dunetrace's.
                let base = UInt64(dt_fd_reserved_base())
                if dt_fd_inherited_nofile(&cur, &max) == 0 { t.values[r] = (Swift.min(cur, base), Swift.min(max, base)) }
                continue
            }
            var l = rlimit()
            guard getrlimit(__rlimit_resource_t(UInt32(r)), &l) == 0 else { continue }
            t.values[r] = (UInt64(l.rlim_cur), UInt64(l.rlim_max))
            // RLIMIT_CPU: the host's soft limit brings SIGXCPU when the target's would (below).
            if r == cpu { continue }
            var raised = rlimit(rlim_cur: l.rlim_max, rlim_max: l.rlim_max)
            setrlimit(__rlimit_resource_t(UInt32(r)), &raised)
        }
        return t
    }

    func soft(_ r: Int32) -> UInt64 { values[r]?.0 ?? UInt64.max }
}

extension Tracer {
    private static let setrlimitCall = Sys.setrlimit
    private static let getrlimitCall = Sys.getrlimit
    private static let prlimit64Call = Sys.prlimit64

    /// getrlimit, setrlimit and prlimit64 of this process for a limit dunetrace keeps: the
    /// result; nil for any other call or limit (the kernel's own).
    func limitCall(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        let resource: Int32, newAddress: UInt64, oldAddress: UInt64
        switch nr {
        case Tracer.getrlimitCall: (resource, newAddress, oldAddress) = (Int32(truncatingIfNeeded: a.a0), 0, a.a1)
        case Tracer.setrlimitCall: (resource, newAddress, oldAddress) = (Int32(truncatingIfNeeded: a.a0), a.a1, 0)
        case Tracer.prlimit64Call:
            let who = Int32(truncatingIfNeeded: a.a0)
            guard who == 0 || who == pid || tasks.contains(where: { $0.tid == who }) else { return otherProcessLimit(who, a) }
            (resource, newAddress, oldAddress) = (Int32(truncatingIfNeeded: a.a1), a.a2, a.a3)
        default: return nil
        }
        guard TargetLimits.virtualized.contains(resource), let current = targetLimits.values[resource] else { return nil }
        // The kernel's order: read the new value, check it, then write the old one.
        // getrlimit and setrlimit always copy: NULL is EFAULT there, "none" only for prlimit64.
        let always = nr != Tracer.prlimit64Call
        var new: (UInt64, UInt64)?
        if newAddress != 0 || (always && nr == Tracer.setrlimitCall) {
            guard space.isAccessible(newAddress, 16),
                  let v = TargetAccess.load(newAddress, as: (UInt64, UInt64).self) else { return -Int64(EFAULT) }
            if v.0 > v.1 { return -Int64(EINVAL) }
            if v.1 > current.1 && !hostHasCapability(24) { return -Int64(EPERM) }  // CAP_SYS_RESOURCE
            // As on a system whose fs.nr_open ends where dunetrace's range begins.
            if resource == Int32(RLIMIT_NOFILE.rawValue) && v.1 > Swift.min(nrOpen, UInt64(guardRules.reservedFdBase)) { return -Int64(EPERM) }
            new = v
        }
        if oldAddress != 0 || (always && nr == Tracer.getrlimitCall) {
            guard space.isAccessible(oldAddress, 16, prot: PROT_WRITE), TargetAccess.store(current, at: oldAddress) else { return -Int64(EFAULT) }
        }
        if let new {
            targetLimits.values[resource] = new
            if resource == TargetLimits.cpu { applyCPULimitToHost() }
        }
        return 0
    }

    /// prlimit64 on another process of the trace, for a limit dunetrace keeps: that process's
    /// limits as it keeps them (its entry in ProcessFacts), read and set in the kernel's order
    /// (the new value read, the process found and its permission checked by the host kernel,
    /// the value checked, the old one written after the change). nil: the kernel's call.
    private func otherProcessLimit(_ who: Int32, _ a: SyscallArgs) -> Int64? {
        let resource = Int32(truncatingIfNeeded: a.a1)
        guard TargetLimits.virtualized.contains(resource), let facts = processFacts, let e = facts.find(who), isTracedProcess(who) else { return nil }
        var limits = KeptLimits()
        limits.move(to: facts.entry(e), copying: false)
        guard let current = limits[resource] else { return nil }
        var new: (UInt64, UInt64)?
        if a.a2 != 0 {
            guard space.isAccessible(a.a2, 16), let v = TargetAccess.load(a.a2, as: (UInt64, UInt64).self) else { return -Int64(EFAULT) }
            new = v
        }
        // Whether the caller may read or set that process's limits at all (ESRCH, EPERM).
        let allowed = dt_host_syscall(Int64(Tracer.prlimit64Call), UInt64(UInt32(bitPattern: who)), UInt64(UInt32(bitPattern: resource)), 0, 0, 0, 0)
        if allowed < 0 { return allowed }
        if let v = new {
            if v.0 > v.1 { return -Int64(EINVAL) }
            if resource == Int32(RLIMIT_NOFILE.rawValue) && v.1 > Swift.min(nrOpen, UInt64(guardRules.reservedFdBase)) { return -Int64(EPERM) }
            if v.1 > current.1 && !hostHasCapability(24) { return -Int64(EPERM) }  // CAP_SYS_RESOURCE
            limits[resource] = v
            if resource == TargetLimits.cpu {
                // That process's SIGXCPU comes from its host soft limit (applyCPULimitToHost).
                var host = (UInt64(0), UInt64(0))
                _ = withUnsafeMutablePointer(to: &host) {
                    dt_host_syscall(Int64(Tracer.prlimit64Call), UInt64(UInt32(bitPattern: who)), UInt64(resource), 0, UInt64(UInt(bitPattern: $0)), 0, 0)
                }
                var lowered = (min(min(v.0, v.1), host.1), host.1)
                _ = withUnsafeMutablePointer(to: &lowered) {
                    dt_host_syscall(Int64(Tracer.prlimit64Call), UInt64(UInt32(bitPattern: who)), UInt64(resource), UInt64(UInt(bitPattern: $0)), 0, 0, 0)
                }
            }
        }
        if a.a3 != 0 {
            guard space.isAccessible(a.a3, 16, prot: PROT_WRITE), TargetAccess.store(current, at: a.a3) else { return -Int64(EFAULT) }
        }
        return 0
    }

    /// The host's RLIMIT_CPU soft limit at the target's soft limit (its hard one when that is
    /// lower): the kernel's SIGXCPU then comes when the target's would. The host's hard limit
    /// never drops: the target's SIGKILL at its hard limit is dunetrace's to deliver, after it
    /// recorded the end (cpuLimitEnd), or the kernel's SIGKILL would cut the trace.
    func applyCPULimitToHost() {
        guard let (soft, hard) = targetLimits.values[TargetLimits.cpu] else { return }
        var host = rlimit()
        guard getrlimit(__rlimit_resource_t(UInt32(TargetLimits.cpu)), &host) == 0 else { return }
        host.rlim_cur = rlim_t(min(min(soft, hard), UInt64(host.rlim_max)))
        setrlimit(__rlimit_resource_t(UInt32(TargetLimits.cpu)), &host)
    }

    /// At a signal check: past its RLIMIT_CPU hard limit the target dies of SIGKILL, as the
    /// kernel's check_process_timers would kill it (the host's hard limit is higher). The
    /// kernel samples CPU time ahead of the exact clock: its SIGXCPU decides (below); this is
    /// for a target that blocks SIGXCPU.
    func cpuLimitEnd() -> TargetExit? {
        guard let (_, hard) = targetLimits.values[TargetLimits.cpu], hard != UInt64.max else { return nil }
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        guard UInt64(now.tv_sec) >= hard else { return nil }
        noteKilled(SIGKILL)
        return .killed(signal: SIGKILL)
    }

    /// The kernel's SIGXCPU (the host's soft limit is the target's): below the target's hard
    /// limit, the soft one moves a second up and the target gets the signal; at the hard
    /// limit, the kernel would have sent SIGKILL instead.
    func cpuLimitSignal() -> TargetExit? {
        guard let (soft, hard) = targetLimits.values[TargetLimits.cpu] else { return nil }
        if soft >= hard {
            noteKilled(SIGKILL)
            return .killed(signal: SIGKILL)
        }
        targetLimits.values[TargetLimits.cpu] = (soft + 1, hard)
        applyCPULimitToHost()
        return nil
    }

    private var nrOpen: UInt64 { UInt64(readWholeFile("/proc/sys/fs/nr_open")?.split(separator: "\n").first.flatMap { UInt64($0) } ?? 1 << 20) }

    /// RLIMIT_AS for memory the target is about to add: ENOMEM past it.
    func addressSpaceAllows(_ more: UInt64) -> Bool {
        let limit = targetLimits.soft(Int32(RLIMIT_AS.rawValue))
        guard limit != UInt64.max else { return true }
        // The stack is reserved whole here; the kernel counts what it grew to (as VmSize shows).
        let mapped = space.maps.reduce(UInt64(0)) { sum, m in
            let size = m.end - m.start
            return sum &+ (m.name == "[stack]" ? min(size, max(stackResident(m.start, m.end), 132 * 1024)) : size)
        }
        return mapped &+ more <= limit
    }

    /// RLIMIT_DATA for private writable memory the target is about to add (may_expand_vm's
    /// data pages: not shared, not a stack): ENOMEM past it.
    func dataAllows(_ more: UInt64) -> Bool {
        guard let (soft, hard) = targetLimits.values[Int32(RLIMIT_DATA.rawValue)], soft != UInt64.max else { return true }
        let data = space.maps.reduce(UInt64(0)) { sum, m in
            m.prot & PROT_WRITE != 0 && !m.shared && !m.growsDown && m.name != "[stack]" ? sum &+ (m.end - m.start) : sum
        }
        let pages = (data &+ more) >> 12
        if pages <= soft >> 12 { return true }
        return soft == 0 && pages <= hard >> 12  // the kernel's allowance for a zero soft limit
    }

    /// RLIMIT_NOFILE on a new descriptor the kernel gave the target: at or past the limit it is
    /// closed again and the call fails with EMFILE, as the kernel would have refused it.
    func descriptorAllowed(_ fd: Int64) -> Int64 {
        let limit = targetLimits.soft(Int32(RLIMIT_NOFILE.rawValue))
        guard fd >= 0, limit != UInt64.max, UInt64(fd) >= limit, fd < guardRules.reservedFdBase else { return fd }
        close(Int32(fd))
        return -Int64(EMFILE)
    }

    private static let dup2Call = Sys.dup2
    private static let dup3Call = Sys.dup3
    private static let fcntlCall = Sys.fcntl
    private static let pollCall = Sys.poll
    private static let pipe2Call = Sys.pipe2
    private static let socketpairCall = Sys.socketpair
    private static let ppollCall = Sys.ppoll
    /// The calls that make two descriptors, and which argument points to them.
    private static let pairCalls: [Int: Int] = [
        SyscallTable.number("pipe")!: 0, SyscallTable.number("pipe2")!: 0, SyscallTable.number("socketpair")!: 3,
    ]

    /// dup2 and dup3 return the descriptor the caller named (checked before the call, and
    /// dup2 of a descriptor to itself returns it whatever the limit): nothing to close after.
    func namesItsDescriptor(_ nr: Int) -> Bool { nr == Tracer.dup2Call || nr == Tracer.dup3Call }

    /// Before pipe, pipe2 and socketpair: EMFILE when the two lowest free descriptors are not
    /// both below RLIMIT_NOFILE (the kernel takes both before it makes anything, and writes
    /// nothing to the target's array), after the flag checks that come first.
    func descriptorPairFirst(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        guard Tracer.pairCalls[nr] != nil else { return nil }
        let limit = targetLimits.soft(Int32(RLIMIT_NOFILE.rawValue))
        guard limit < 1 << 20 else { return nil }
        let flags = Int32(truncatingIfNeeded: a.a1)  // pipe2's flags, socketpair's type
        if nr == Tracer.pipe2Call && flags & ~(O_CLOEXEC | O_NONBLOCK | 0o40000 /* O_DIRECT */ | 0x80 /* O_NOTIFICATION_PIPE */) != 0 { return nil }
        if nr == Tracer.socketpairCall && flags & ~0xf & ~(O_CLOEXEC | O_NONBLOCK) != 0 { return nil }
        let first = open("/", 0o10000000 /* O_PATH */ | O_CLOEXEC)
        let second = open("/", 0o10000000 /* O_PATH */ | O_CLOEXEC)
        defer { if first >= 0 { close(first) }; if second >= 0 { close(second) } }
        guard first >= 0, second >= 0 else { return nil }
        return UInt64(max(first, second)) >= limit ? -Int64(EMFILE) : nil
    }

    /// RLIMIT_NOFILE on the two descriptors pipe, pipe2 and socketpair made: when either is at
    /// or past the limit both are closed and the call fails with EMFILE, as the kernel's
    /// get_unused_fd_flags would have refused the second (or first) before making anything.
    func descriptorPairAllowed(_ nr: Int, _ a: SyscallArgs, _ r: Int64) -> Int64 {
        guard r == 0, let argument = Tracer.pairCalls[nr] else { return r }
        let limit = targetLimits.soft(Int32(RLIMIT_NOFILE.rawValue))
        guard limit != UInt64.max, let fds = TargetAccess.load(a[argument], as: (Int32, Int32).self) else { return r }
        let over = [fds.0, fds.1].contains { $0 >= 0 && UInt64($0) >= limit && Int64($0) < guardRules.reservedFdBase }
        guard over else { return r }
        close(fds.0)
        close(fds.1)
        return -Int64(EMFILE)
    }

    /// RLIMIT_NOFILE before a call that names the new descriptor's number: dup2/dup3 past the
    /// limit are EBADF, fcntl's F_DUPFD and F_DUPFD_CLOEXEC EINVAL, as the kernel checks them.
    func descriptorLimitFirst(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        let limit = targetLimits.soft(Int32(RLIMIT_NOFILE.rawValue))
        guard limit != UInt64.max else { return nil }
        switch nr {
        case Tracer.dup2Call, Tracer.dup3Call:
            // dup2 to itself only checks the old descriptor; dup3 checks its flags and refuses
            // the same descriptor (EINVAL) before the limit (ksys_dup3).
            if a.a0 & 0xffff_ffff == a.a1 & 0xffff_ffff { return nil }
            if nr == Tracer.dup3Call && Int32(truncatingIfNeeded: a.a2) & ~O_CLOEXEC != 0 { return nil }
            let newfd = Int64(Int32(truncatingIfNeeded: a.a1))
            return newfd >= 0 && UInt64(newfd) >= limit && newfd < guardRules.reservedFdBase ? -Int64(EBADF) : nil
        case Tracer.pollCall, Tracer.ppollCall:
            // do_sys_poll: more entries (an unsigned int) than RLIMIT_NOFILE is EINVAL; ppoll
            // reads its timeout and sets its mask first (their EFAULT and EINVAL come before).
            if nr == Tracer.ppollCall && ((a.a3 != 0 && a.a4 != 8) || (a.a2 != 0 && !space.isAccessible(a.a2, 16))) { return nil }
            return UInt64(UInt32(truncatingIfNeeded: a.a1)) > limit ? -Int64(EINVAL) : nil
        case Tracer.fcntlCall:
            let cmd = Int32(truncatingIfNeeded: a.a1)
            guard cmd == F_DUPFD || cmd == 1030 /* F_DUPFD_CLOEXEC */ else { return nil }
            let from = Int64(Int32(truncatingIfNeeded: a.a2))
            return from >= 0 && UInt64(from) >= limit ? -Int64(EINVAL) : nil
        default:
            return nil
        }
    }

    private static let selectCalls: Set<Int> = Set(["select", "pselect6"].compactMap { SyscallTable.number($0) })

    /// select and pselect6 look at no descriptor past the table's size (the kernel clamps n to
    /// max_fds): the target's table, not dunetrace's, whose reserved descriptors make it far
    /// larger (a set bit there is EBADF under dunetrace, ignored natively).
    func clampSelectDescriptors(_ nr: Int, _ hostArgs: inout SyscallArgs) {
        guard Tracer.selectCalls.contains(nr) else { return }
        let n = Int32(truncatingIfNeeded: hostArgs.a0)
        guard n > 64 else { return }  // no table is smaller
        let size = targetFDSize
        if Int(n) > size { hostArgs.a0 = UInt64(size) }
    }

    private static let writeCalls: Set<Int> = Set(["write", "pwrite64", "writev", "pwritev", "pwritev2", "ftruncate", "fallocate", "truncate"].compactMap { SyscallTable.number($0) })

    /// RLIMIT_FSIZE before a write to a regular file: nil to go on (a write's count cut to
    /// what fits), or EFBIG with SIGXFSZ for the target when nothing fits. A size change
    /// (truncate, ftruncate, fallocate without FALLOC_FL_KEEP_SIZE) is refused only when it
    /// grows the file past the limit, after the checks the kernel makes first (a negative
    /// length, a descriptor not open for writing, a path not writable: the host call decides).
    func fileSizeLimit(_ nr: Int, _ a: SyscallArgs, _ hostArgs: inout SyscallArgs) -> Int64? {
        let limit = targetLimits.soft(Int32(RLIMIT_FSIZE.rawValue))
        guard limit != UInt64.max, Tracer.writeCalls.contains(nr) else { return nil }
        let name = SyscallTable.name(nr)
        let fd = Int32(truncatingIfNeeded: a.a0)
        var st = stat()
        if name == "truncate" {
            guard let p = memory.readCString(a.a0, max: 4096), p.complete, !p.bytes.isEmpty else { return nil }
            let path = String(decoding: p.bytes, as: UTF8.self)
            guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, access(path, W_OK) == 0 else { return nil }
        } else {
            guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        }
        let start: UInt64
        switch name {
        case "truncate", "ftruncate":
            guard Int64(bitPattern: a.a1) >= 0 else { return nil }
            start = a.a1
        case "fallocate":
            // vfs_fallocate's own checks (EINVAL, EOPNOTSUPP) first; a kept size never grows.
            let offset = Int64(bitPattern: a.a2), length = Int64(bitPattern: a.a3)
            guard offset >= 0, length > 0, a.a1 & 0x1 == 0, a.a1 & ~UInt64(0x7f) == 0 else { return nil }
            let (end, overflow) = offset.addingReportingOverflow(length)
            guard !overflow else { return nil }
            start = UInt64(end)
        case "pwrite64", "pwritev", "pwritev2": start = a.a3  // the offset
        default:
            let flags = fcntl(fd, F_GETFL)
            start = flags >= 0 && flags & O_APPEND != 0 ? UInt64(st.st_size) : UInt64(bitPattern: Int64(lseek(fd, 0, SEEK_CUR)))
        }
        let resizes = name == "truncate" || name == "ftruncate" || name == "fallocate"
        if resizes {
            if name != "truncate" {
                let flags = fcntl(fd, F_GETFL)
                guard flags >= 0, flags & O_ACCMODE == O_WRONLY || flags & O_ACCMODE == O_RDWR else { return nil }
            }
            guard start > limit, start > UInt64(max(0, Int64(st.st_size))) else { return nil }
        } else if Int64(bitPattern: start) < Int64(bitPattern: limit) {
            // generic_write_check_limits compares as loff_t: a limit past 2^63 (not infinity)
            // is negative there, so every write exceeds it.
            if name == "write" || name == "pwrite64" { hostArgs.a2 = min(a.a2, UInt64(bitPattern: Int64(bitPattern: limit) &- Int64(bitPattern: start))) }
            return nil
        }
        var info = SignalInfo(signo: SIGXFSZ, code: 0)  // SI_USER, from the process itself
        info.setField(Int32.self, 16, pid)
        info.setField(UInt32.self, 20, getuid())
        _ = info.bytes.withUnsafeBytes { dt_signals_requeue(tid, SIGXFSZ, $0.baseAddress) }
        return -Int64(EFBIG)
    }

    /// fcntl's F_DUPFD and F_DUPFD_CLOEXEC return a new descriptor.
    func isDupfd(_ nr: Int, _ a: SyscallArgs) -> Bool {
        let cmd = Int32(truncatingIfNeeded: a.a1)
        return nr == Tracer.fcntlCall && (cmd == F_DUPFD || cmd == 1030)
    }
}
