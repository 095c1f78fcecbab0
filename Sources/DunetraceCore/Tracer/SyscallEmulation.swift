// The syscalls dunetrace must not simply run on the host: they concern the address space
// (which is the target's region of dunetrace's own), the vCPU (FS base), the process's end,
// signals (which must never change dunetrace's own dispositions), or dunetrace's descriptors.
import CKVM
import Glibc

enum Emulation {
    case result(Int64)
    case passthrough
    case exit(Int32)
    case killed(Int32, SignalInfo)
    case done          // handled and already recorded (execve prints before the old image goes)
    case threadExit(Int32)  // exit(2): this thread ends; the process too if it was the last
    case execHandedOver     // execve by a thread other than the leader: the leader runs the new image
}

/// How a syscall number is handled; an array indexed by number keeps the hot path a lookup.
enum EmulatedCall: UInt8 {
    case none
    case brk, mmap, munmap, mprotect, mremap, madvise, mlockall, munlockall
    case pkeyMprotect, pkeyAlloc, pkeyFree, remapFilePages, restartSyscall
    case archPrctl, setTidAddress, setRobustList, getRobustList, rseq
    case exit, exitGroup
    case rtSigaction, rtSigprocmask, sigaltstack, rtSigreturn, rtSigsuspend, rtSigpending, rtSigtimedwait
    case readlink, readlinkat, open, openat
    case closeRange
    case fork, vfork, clone, clone3, execve, execveat
    case seccomp, prctl
    case signalfd, signalfd4
    case shmat, shmdt
    case rtSigqueueinfo, rtTgsigqueueinfo, tgkill, tkill, kill
    case timerCreate, timerSettime, timerDelete, timerGetoverrun
    case mqNotify      // asking for SIGKILL: the host signals SIGURG instead (KernelSentKill.swift)
    case unshare, setns
    case creat, truncate, openat2, setpgid
    case readView      // read/pread64: a /proc/self/pagemap view is brought up to date first
    case procView      // fstat, fcntl, lseek, write...: a /proc view answers as its real file (ProcViewDescriptors.swift)
    case quotactl      // its checks before the subcommand's (the model knows only the valid ones)
    case socketFilter  // setsockopt/getsockopt: a socket filter reaches past optlen (SocketFilterOption.swift)
    case unsupported   // would act on dunetrace itself (fork, exec, seccomp...): not yet supported
    case denied        // never allowed: it would reach dunetrace's memory or tracer state
}

let emulatedCallNames: [(String, EmulatedCall)] = [
    ("brk", .brk), ("mmap", .mmap), ("munmap", .munmap), ("mprotect", .mprotect), ("mremap", .mremap),
    ("madvise", .madvise), ("mlockall", .mlockall), ("munlockall", .munlockall), ("arch_prctl", .archPrctl), ("set_tid_address", .setTidAddress),
    ("set_robust_list", .setRobustList), ("get_robust_list", .getRobustList), ("rseq", .rseq), ("exit", .exit), ("exit_group", .exitGroup),
    ("rt_sigaction", .rtSigaction), ("rt_sigprocmask", .rtSigprocmask), ("sigaltstack", .sigaltstack),
    ("rt_sigreturn", .rtSigreturn), ("rt_sigsuspend", .rtSigsuspend), ("rt_sigpending", .rtSigpending),
    ("rt_sigtimedwait", .rtSigtimedwait), ("readlink", .readlink),
    ("readlinkat", .readlinkat), ("open", .open), ("openat", .openat), ("close_range", .closeRange),
    ("fork", .fork), ("vfork", .vfork), ("clone", .clone), ("execve", .execve), ("execveat", .execveat),
    ("clone3", .clone3), ("seccomp", .seccomp), ("prctl", .prctl),
    ("signalfd", .signalfd), ("signalfd4", .signalfd4), ("shmat", .shmat), ("shmdt", .shmdt),
    ("rt_sigqueueinfo", .rtSigqueueinfo), ("rt_tgsigqueueinfo", .rtTgsigqueueinfo), ("tgkill", .tgkill), ("tkill", .tkill), ("kill", .kill),
    ("timer_create", .timerCreate), ("timer_settime", .timerSettime), ("timer_delete", .timerDelete), ("timer_getoverrun", .timerGetoverrun),
    ("mq_notify", .mqNotify),
    ("unshare", .unshare), ("setns", .setns),
    ("read", .readView), ("pread64", .readView), ("quotactl", .quotactl), ("setsockopt", .socketFilter), ("getsockopt", .socketFilter), ("creat", .creat), ("truncate", .truncate), ("openat2", .openat2), ("setpgid", .setpgid),
    ("pkey_mprotect", .pkeyMprotect), ("pkey_alloc", .pkeyAlloc), ("pkey_free", .pkeyFree),
    ("remap_file_pages", .remapFilePages), ("io_uring_setup", .unsupported), ("userfaultfd", .unsupported),
    // Its memory is out of the kernel's direct map, so KVM cannot give it to the guest: as a kernel
    // with secretmem off (ENOSYS before any check), not a SIGBUS at the first touch.
    ("memfd_secret", .unsupported),
    ("restart_syscall", .restartSyscall),
    // ptrace, process_madvise, pidfd_getfd, process_vm_readv/writev: OtherProcesses.swift
    ("kexec_load", .denied), ("mseal", .denied),
]

let emulatedCallTable: [EmulatedCall] = {
    var t = [EmulatedCall](repeating: .none, count: 1024)
    for (name, kind) in emulatedCallNames {
        if let nr = SyscallTable.number(name), nr < t.count { t[nr] = kind }
    }
    for name in procViewCallNames {
        if let nr = SyscallTable.number(name), nr < t.count, t[nr] == .none { t[nr] = .procView }
    }
    return t
}()

private let ENOSYS64: Int64 = -Int64(ENOSYS)

/// The host's vm.mmap_min_addr (the target's, natively).
private let hostMmapMinAddr: UInt64 = {
    readWholeFile("/proc/sys/vm/mmap_min_addr")?.split(separator: "\n").first.flatMap { UInt64($0) } ?? 0x10000
}()

/// The few numbers dunetrace calls by itself, looked up once in the syscall table.
enum SyscallNumber {
    static let mprotect = Sys.mprotect
    static let mremap = Sys.mremap
    static let madvise = Sys.madvise
    static let modifyLdt = Sys.modify_ldt
    static let remapFilePages = Sys.remap_file_pages
    static let ioctl = Sys.ioctl
    static let gettid = Sys.gettid
    static let getrandom = Sys.getrandom
    static let ppoll = Sys.ppoll
    static let futex = Sys.futex
    static let getdents64 = Sys.getdents64
    static let memfdCreate = Sys.memfd_create
    static let prctl = Sys.prctl
    static let signalfd4 = Sys.signalfd4
    static let shmat = Sys.shmat
    static let shmdt = Sys.shmdt
    static let shmctl = Sys.shmctl
    static let timerDelete = Sys.timer_delete
    static let openat = Sys.openat
}

/// Emulated calls that wait (for a signal, a child, a new thread): they must not hold the
/// tracer lock, or the thread they wait for could never take it.
private let waitingCalls: Set<EmulatedCall> = [.rtSigsuspend, .rtSigtimedwait, .fork, .vfork, .clone, .clone3]

extension Tracer {
    func emulationWaits(_ nr: Int) -> Bool {
        nr >= 0 && nr < emulatedCallTable.count && waitingCalls.contains(emulatedCallTable[nr])
    }

    func emulate(_ nr: Int, _ a: SyscallArgs, _ regs: inout dt_regs) -> Emulation {
        if let r = limitCall(nr, a) { return .result(r) }
        if let r = sealedRangeRefusal(nr, a) ?? memorySealCall(nr, a) { return .result(r) }
        let kind = nr >= 0 && nr < emulatedCallTable.count ? emulatedCallTable[nr] : .none
        switch kind {
        case .none: return .passthrough
        case .brk: return .result(Int64(bitPattern: brk(a.a0)))
        case .mmap: return .result(mmap(a))
        case .munmap: return .result(munmap(a.a0, a.a1))
        case .mprotect: return .result(mprotect(a.a0, a.a1, Int32(truncatingIfNeeded: a.a2)))
        case .mlockall: return .result(mlockall(a))
        case .munlockall: return .result(munlockall())
        case .pkeyMprotect:
            return .result(mprotect(a.a0, a.a1, Int32(truncatingIfNeeded: a.a2), pkey: Int32(truncatingIfNeeded: a.a3)))
        // The guest runs without CR4.PKE (CPUID shows no OSPKE): as the kernel on such a CPU,
        // pkey_alloc checks its arguments, then fails setting the key's rights; no key is ever allocated.
        case .pkeyAlloc, .pkeyFree: return .result(-Int64(EINVAL))
        case .remapFilePages: return .result(remapFilePages(a))
        case .mremap: return .result(mremap(a))
        case .madvise: return madvise(a)
        case .archPrctl: return .result(archPrctl(a))
        case .setTidAddress:
            task.clearChildTid = a.a0
            return .result(Int64(tid))
        case .setRobustList:
            guard a.a1 == 24 else { return .result(-Int64(EINVAL)) }
            task.robustList = a.a0
            return .result(0)
        case .getRobustList: return .result(getRobustList(a))
        case .rseq: return .result(rseqCall(a))
        case .exitGroup: return .exit(Int32(truncatingIfNeeded: a.a0))
        case .exit: return .threadExit(Int32(truncatingIfNeeded: a.a0))
        case .rtSigaction:
            let r = signals.action(a, space: space)
            let sig = Int32(truncatingIfNeeded: a.a0)
            if r == 0, a.a1 != 0, SignalState.hostMirrored.contains(sig) { signals.syncHostDispositions(sig) }
            if r == 0, a.a1 != 0, signals.ignores(sig) { discardPending(sig) }
            return .result(r)
        case .rtSigprocmask: return .result(SignalState.procmask(a, mask: &task.mask, space: space))
        case .sigaltstack: return .result(SignalState.sigaltstack(a, sp: regs.rsp, altstack: &task.altstack, space: space))
        case .rtSigreturn: return sigreturn(&regs)
        case .rtSigsuspend: return .result(sigsuspend(a))
        case .rtSigpending: return .result(sigpending(a))
        case .rtSigtimedwait: return .result(sigtimedwait(a))
        case .readlink:
            let exe = readlinkSelfExe(path: a.a0, buf: a.a1, size: a.a2)
            if case .passthrough = exe { return readlinkView(path: a.a0, buf: a.a1, size: a.a2) }
            return exe
        case .readlinkat:
            guard Int32(truncatingIfNeeded: a.a0) == AT_FDCWD else { return .passthrough }
            let exe = readlinkSelfExe(path: a.a1, buf: a.a2, size: a.a3)
            if case .passthrough = exe { return readlinkView(path: a.a1, buf: a.a2, size: a.a3) }
            return exe
        case .open: return busyExecutable(dirfd: UInt64(bitPattern: Int64(AT_FDCWD)), path: a.a0, flags: a.a1) ?? openProcSelf(a.a0, flags: a.a1)
        case .openat: return busyExecutable(dirfd: a.a0, path: a.a1, flags: a.a2) ?? openProcSelf(a.a1, flags: a.a2)
        case .creat:
            return busyExecutable(dirfd: UInt64(bitPattern: Int64(AT_FDCWD)), path: a.a0, flags: UInt64(O_CREAT | O_WRONLY | O_TRUNC)) ?? .passthrough
        case .truncate:
            return busyExecutable(dirfd: UInt64(bitPattern: Int64(AT_FDCWD)), path: a.a0, flags: UInt64(O_WRONLY)) ?? .passthrough
        case .openat2:
            // struct open_how starts with the flags; a short or unreadable one is the host's to refuse.
            guard a.a3 >= 8, let how = memory.read(a.a2, count: 8) else { return .passthrough }
            return busyExecutable(dirfd: a.a0, path: a.a1, flags: how.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }) ?? .passthrough
        case .setpgid: return setpgidAfterExec(a)
        case .readView: return readPagemapView(nr, a)
        case .procView: return procViewCall(nr, a)
        case .quotactl:
            // The kernel's order: the quota type, then a NULL device (ENODEV unless Q_SYNC).
            let cmd = UInt32(truncatingIfNeeded: a.a0)
            if cmd & 0xff >= 3 { return .result(-Int64(EINVAL)) }  // MAXQUOTAS
            if a.a1 == 0 && cmd >> 8 != 0x800001 { return .result(-Int64(ENODEV)) }  // Q_SYNC syncs every device
            // A command the kernel lacks: it looks the device up first (ENOENT, ENOTBLK...) and
            // refuses the command after, never touching addr; the lookup runs on a copy of the path.
            guard SyscallModel.description(nr)?.multiplexer?.variant(for: UInt64(cmd)) == nil else { return .passthrough }
            guard let (path, complete) = memory.readCString(a.a1, max: Int(PATH_MAX)) else { return .result(-Int64(EFAULT)) }
            guard complete else { return .result(-Int64(ENAMETOOLONG)) }
            let r = (path + [0]).withUnsafeBufferPointer {
                dt_host_syscall(Int64(nr), UInt64(cmd), UInt64(UInt(bitPattern: $0.baseAddress)), a.a2 & 0xffff_ffff, 0, 0, 0)
            }
            return .result(r)
        case .socketFilter: return socketFilterOption(nr, a)
        case .closeRange:
            // Never let the target close dunetrace's descriptors.
            // The kernel's checks first (unsigned int bounds, flags), then the range is cut below dunetrace's.
            let first = a.a0 & 0xffff_ffff, requestedLast = a.a1 & 0xffff_ffff, flags = a.a2 & 0xffff_ffff
            guard flags & ~UInt64(6) == 0, first <= requestedLast else { return .result(-Int64(EINVAL)) }  // UNSHARE, CLOEXEC
            let last = min(requestedLast, UInt64(guardRules.reservedFdBase - 1))
            if first > last { return .result(0) }
            return .result(dt_host_syscall(Int64(nr), first, last, flags, 0, 0, 0))
        // fork and vfork take no arguments: what the registers hold is no stack or tid address.
        case .fork: return fork(vfork: false, args: SyscallArgs(), regs: &regs)
        case .vfork: return fork(vfork: true, flags: CLONE_VM | CLONE_VFORK, args: SyscallArgs(), regs: &regs)
        case .clone: return clone(a, regs: &regs)
        case .clone3: return clone3(a, regs: &regs)
        case .seccomp: return .result(installSeccomp(mode: a.a0 & 0xffff_ffff, flags: a.a1 & 0xffff_ffff, program: a.a2))
        case .prctl:
            let PR_GET_SECCOMP: UInt64 = 21, PR_SET_SECCOMP: UInt64 = 22, PR_SET_MM: UInt64 = 35
            let option = a.a0 & 0xffff_ffff  // an int
            if option == PR_GET_SECCOMP { return .result(task.seccompStrict ? 1 : task.seccomp.isEmpty ? 0 : 2) }
            if let r = kernelKillDeathSignal(nr, a) { return .result(r) }
            if option == PR_SET_MM { return .result(prctlSetMM(a)) }
            if option == MemoryDenyWriteExecute.PR_SET_MDWE { return .result(setMDWE(a)) }
            if option == MemoryDenyWriteExecute.PR_GET_MDWE { return .result(getMDWE(a)) }
            if option == Tracer.PR_SET_SYSCALL_USER_DISPATCH { return .result(setSyscallUserDispatch(a)) }
            if option == Tracer.PR_GET_AUXV { return .result(getAuxv(a)) }
            // PR_GET_TID_ADDRESS: the target's clear_child_tid (the host's is dunetrace's thread's).
            if option == 40 {
                guard space.isAccessible(a.a1, 8, prot: PROT_WRITE), TargetAccess.store(task.clearChildTid, at: a.a1) else {
                    return .result(-Int64(EFAULT))
                }
                return .result(0)
            }
            // A subreaper among the traced processes would reap the holders of its descendants'
            // VMs (DeferredTeardown): from now on they tear down in their own exit.
            if option == 36 {
                let r = dt_host_syscall(Int64(nr), a.a0, a.a1, a.a2, a.a3, a.a4, a.a5)
                if r == 0 && a.a1 != 0 { DeferredTeardown.targetBecameSubreaper() }
                return .result(r)
            }
            let PR_GET_TSC: UInt64 = 25, PR_SET_TSC: UInt64 = 26
            if option == PR_SET_TSC {
                guard a.a1 == 1 || a.a1 == 2 else { return .result(-Int64(EINVAL)) }
                task.tscMode = UInt32(a.a1)
                applyTSCMode(task)
                return .result(0)
            }
            if option == PR_GET_TSC {
                guard space.isAccessible(a.a1, 4, prot: PROT_WRITE), TargetAccess.store(task.tscMode, at: a.a1) else {
                    return .result(-Int64(EFAULT))
                }
                return .result(0)
            }
            guard option == PR_SET_SECCOMP else { return .passthrough }
            // Strict mode ignores the third argument (the kernel passes NULL on).
            let mode: UInt64 = a.a1 == 1 ? 0 : a.a1 == 2 ? 1 : 99
            return .result(installSeccomp(mode: mode, flags: 0, program: mode == 0 ? 0 : a.a2))
        case .execve: return execve(nr, a, path: a.a0, argv: a.a1, envp: a.a2, regs: &regs)
        case .execveat:
            return execve(nr, a, dirfd: Int32(truncatingIfNeeded: a.a0), path: a.a1, argv: a.a2, envp: a.a3,
                          flags: a.a4 & 0xffff_ffff, regs: &regs)
        case .signalfd: return .result(signalfd(nr, a, flags: 0))
        case .signalfd4: return .result(signalfd(nr, a, flags: a.a3))
        case .shmat: return .result(shmat(a))
        case .shmdt: return .result(shmdt(a.a0))
        case .rtSigqueueinfo, .rtTgsigqueueinfo, .tgkill, .tkill, .kill: return sendSignal(kind, a)
        case .timerCreate: return .result(timerCreate(nr, a))
        case .mqNotify: return kernelKillMqNotify(a).map { .result($0) } ?? .passthrough
        case .timerSettime: return .result(timerSettime(nr, a))
        case .timerDelete: return .result(timerDelete(nr, a))
        case .timerGetoverrun: return .result(timerGetoverrun(nr, a))
        case .unshare:
            if a.a0 & UInt64(CLONE_NEWPID) != 0 { PidNamespaces.childrenMayBeElsewhere = true }
            guard needsLoneThread(unshareFlags: a.a0) else { return .passthrough }
            return .result(unshare(nr, a.a0, regs))
        case .setns:
            PidNamespaces.childrenMayBeElsewhere = true
            guard needsLoneThread(setnsFD: a.a0, nstype: a.a1) else { return .passthrough }
            return .result(asLoneThread(regs) { dt_host_syscall(Int64(nr), a.a0, a.a1, 0, 0, 0, 0) })
        case .unsupported:
            // userfaultfd checks its flags first (O_CLOEXEC, O_NONBLOCK, UFFD_USER_MODE_ONLY):
            // EINVAL there as natively, then ENOSYS, as a kernel built without it.
            if nr == Sys.userfaultfd {
                // Kernel faults need CAP_SYS_PTRACE or vm.unprivileged_userfaultfd (EPERM first).
                let flags = a.a0 & 0xffff_ffff, userModeOnly: UInt64 = 1
                if flags & userModeOnly == 0 && !hostHasCapability(19)
                    && readWholeFile("/proc/sys/vm/unprivileged_userfaultfd")?.hasPrefix("1") != true { return .result(-Int64(EPERM)) }
                if flags & ~UInt64(0o2000000 | 0o4000 | userModeOnly) != 0 { return .result(-Int64(EINVAL)) }
            }
            return .result(ENOSYS64)
        case .restartSyscall:
            // dunetrace resumes an interrupted call itself, never through the program: one the
            // program makes has nothing to resume, EINTR as the kernel's do_no_restart_syscall
            // (run on the host, it always failed EINTR, and the EINTR retry spun for ever).
            return .result(-Int64(EINTR))
        case .denied:
            // kexec_load (its segments are pointers the kernel follows): EPERM as for a caller
            // without CAP_SYS_BOOT, or ENOSYS where the kernel has no kexec at all, as natively.
            if nr == Sys.kexec_load, access("/proc/sys/kernel/kexec_load_disabled", F_OK) != 0 { return .result(ENOSYS64) }
            return .result(-Int64(EPERM))
        }
    }

    // MARK: address space

    func brk(_ request: UInt64) -> UInt64 {
        let cur = space.brkCurrent
        guard request >= space.brkStart, request <= space.brkLimit else { return cur }
        // check_data_rlimit: the heap's size against the target's RLIMIT_DATA.
        let dataLimit = targetLimits.soft(Int32(RLIMIT_DATA.rawValue))
        if dataLimit != UInt64.max && request - space.brkStart > dataLimit { return cur }
        let oldEnd = AddressSpace.pageUp(cur), newEnd = AddressSpace.pageUp(request)
        if newEnd > oldEnd {
            // Another mapping above the heap stops it a page short (the kernel's check against
            // existing mappings): brk never maps over one.
            if let next = space.nextMappingGapStart(atOrAbove: oldEnd), newEnd &+ 4096 > next { return cur }
            guard addressSpaceAllows(newEnd - oldEnd) else { return cur }
            // The host's memory there must be free or the target's: the brk room of an image
            // placed just below dunetrace's own heap or code runs into them.
            guard space.claim(oldEnd, newEnd) else { return cur }
            let r = space.hostMap(oldEnd, newEnd - oldEnd, prot: PROT_READ | PROT_WRITE,
                                  flags: MAP_PRIVATE | MAP_ANONYMOUS, fd: -1, offset: 0)
            if r < 0 { return cur }
            space.addMapping(oldEnd, newEnd - oldEnd, prot: PROT_READ | PROT_WRITE, name: "[heap]")
        } else if newEnd < oldEnd {
            space.removeMapping(newEnd, oldEnd - newEnd)
        }
        space.brkCurrent = request
        return request
    }

    func mmap(_ a: SyscallArgs) -> Int64 {
        let addr = a.a0, len = a.a1
        let prot = readImpliesExec(Int32(truncatingIfNeeded: a.a2))
        var flags = Int32(truncatingIfNeeded: a.a3)
        let fd = Int32(truncatingIfNeeded: a.a4)
        let offset = a.a5
        let taskSize = AddressSpace.taskSize
        // The kernel's order: offset, descriptor, length, then the address (do_mmap).
        guard offset & 4095 == 0 else { return -Int64(EINVAL) }
        let anonymous = flags & MAP_ANONYMOUS != 0
        if !anonymous {
            if guardRules.isReservedFd(a.a4) { return -Int64(EBADF) }
            if Glibc.fcntl(fd, F_GETFD) < 0 { return -Int64(EBADF) }
        }
        guard len > 0 else { return -Int64(EINVAL) }
        var length = AddressSpace.pageUp(len)
        guard length > 0 else { return -Int64(ENOMEM) }
        // MAP_HUGETLB: whole huge pages at a huge-page-aligned address; whether the host has
        // such pages (ENOMEM natively when none are reserved) is the host's answer.
        let hugeShift = (flags >> 26) & 0x3f
        let hugeSize: UInt64 = flags & MAP_HUGETLB == 0 ? 4096 : hugeShift >= 12 && hugeShift <= 40 ? 1 << UInt64(hugeShift) : 2 << 20
        length = (length &+ hugeSize &- 1) & ~(hugeSize - 1)
        guard length > 0 else { return -Int64(ENOMEM) }
        if !anonymous && (offset >> 12) &+ (length >> 12) < offset >> 12 { return -Int64(EOVERFLOW) }
        guard space.hasRoomForMappings() else { return -Int64(ENOMEM) }
        guard length <= taskSize - AddressSpace.mmapMinAddr else { return -Int64(ENOMEM) }
        guard addressSpaceAllows(length) else { return -Int64(ENOMEM) }  // the target's RLIMIT_AS
        if flags & 0xf == MAP_PRIVATE && prot & PROT_WRITE != 0 && !dataAllows(length) { return -Int64(ENOMEM) }
        if deniesWriteExec(newProt: prot, oldProt: prot) { return -Int64(EACCES) }
        let fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE) != 0
        let target: UInt64
        if fixed {
            guard addr <= taskSize - length else { return -Int64(ENOMEM) }
            guard addr & 4095 == 0 else { return -Int64(EINVAL) }
            // security_mmap_addr: below vm.mmap_min_addr only with CAP_SYS_RAWIO.
            if addr < hostMmapMinAddr && !hostHasCapability(17) { return -Int64(EPERM) }
            // A /proc view: the real file's refusal (ENODEV...), after the address checks.
            if !anonymous, let refused = mmapViewRefusal(fd: fd, length: length, prot: prot, flags: flags, offset: offset) { return refused }
            guard space.claim(addr, addr + length) else { return -Int64(ENOMEM) }
            if flags & MAP_FIXED_NOREPLACE != 0, flags & MAP_FIXED == 0,
               space.maps.contains(where: { $0.start < addr + length && $0.end > addr }) {
                return -Int64(EEXIST)
            }
            target = addr
        } else {
            if !anonymous, let refused = mmapViewRefusal(fd: fd, length: length, prot: prot, flags: flags, offset: offset) { return refused }
            // An unusable hint is ignored, as natively; a usable one is taken page-aligned down.
            let hint = addr <= taskSize - length ? addr & ~UInt64(4095) : 0
            if flags & MAP_32BIT != 0 && hugeSize == 4096 {
                guard let at = space.allocateIn32BitWindow(length) else { return -Int64(ENOMEM) }
                target = at
            } else if hugeSize > 4096 {
                guard let at = space.allocate(length &+ hugeSize) else { return -Int64(ENOMEM) }
                target = (at + hugeSize - 1) & ~(hugeSize - 1)
            } else if hint >= AddressSpace.mmapMinAddr, hint < space.regionStart || hint >= space.regionEnd,
                      !space.maps.contains(where: { $0.start < hint + length && $0.end > hint }), space.claim(hint, hint + length) {
                // A free hint outside the region is the target's too, as any free address natively.
                target = hint
            } else {
                guard let at = space.allocate(length, hint: hint) else { return -Int64(ENOMEM) }
                target = at
            }
        }
        flags &= ~(MAP_FIXED_NOREPLACE | MAP_32BIT)
        let r = space.hostMap(target, length, prot: prot, flags: flags, fd: fd, offset: Int64(bitPattern: offset))
        if r < 0 {
            // The kernel's checks leave what was there; a failure after it unmapped the range
            // (mmap_region) leaves a hole, which becomes the target's reservation again.
            if space.hasHostHole(target, length) { space.removeMapping(target, length) }
            return r
        }
        let file = fd >= 0 && !anonymous
        space.addMapping(target, length, prot: prot, name: file ? fdPath(fd) : "", offset: file ? offset : 0,
                         shared: flags & 0xf != MAP_PRIVATE)
        if flags & MAP_GROWSDOWN != 0 { space.markGrowsDown(target, target + length) }
        return r
    }

    func munmap(_ addr: UInt64, _ len: UInt64) -> Int64 {
        let taskSize = AddressSpace.taskSize
        guard addr & 4095 == 0, addr <= taskSize, len <= taskSize - addr else { return -Int64(EINVAL) }
        let length = AddressSpace.pageUp(len)
        guard length > 0 else { return -Int64(EINVAL) }
        // As the kernel: only an unmap from the middle of one mapping needs room for one more.
        if let m = space.mapping(at: addr), m.start < addr, m.end > addr + length,
           !space.hasRoomForMappings() { return -Int64(ENOMEM) }
        unmapOwned(addr, addr + length)
        return 0
    }

    /// MADV_DONTFORK/MADV_DOFORK: what a fork copies is dunetrace's to know (see fork).
    private func madviseFork(_ a: SyscallArgs) -> Int64 {
        let r = dt_host_syscall(Int64(SyscallNumber.madvise), a.a0, a.a1, a.a2, 0, 0, 0)
        // ENOMEM: a gap in the range, but the kernel changed the mappings around it.
        if r == 0 || r == -Int64(ENOMEM) {
            let (end, overflow) = a.a0.addingReportingOverflow(AddressSpace.pageUp(a.a1))
            if !overflow { space.setDontFork(a.a0, end, a.a2 == MADV_DONTFORK) }
        }
        return r
    }

    /// Gives back what the target owns of [start, end) (the rest is not its memory).
    private func unmapOwned(_ start: UInt64, _ end: UInt64) {
        for r in space.ranges {
            let s = max(r.start, start), e = min(r.end, end)
            if s < e { space.removeMapping(s, e - s) }
        }
    }

    /// personality(READ_IMPLIES_EXEC): readable memory is executable too (the personality is
    /// the host process's, where the target's personality(2) runs).
    func readImpliesExec(_ prot: Int32) -> Int32 {
        guard prot & PROT_READ != 0, ProgramLoader.readImpliesExec else { return prot }
        return prot | PROT_EXEC
    }

    func mprotect(_ addr: UInt64, _ len: UInt64, _ requested: Int32, pkey: Int32 = -1) -> Int64 {
        let PROT_GROWSDOWN: Int32 = 0x0100_0000, PROT_GROWSUP: Int32 = 0x0200_0000, PROT_SEM: Int32 = 8
        let grows = requested & (PROT_GROWSDOWN | PROT_GROWSUP)
        guard grows != PROT_GROWSDOWN | PROT_GROWSUP else { return -Int64(EINVAL) }
        guard addr & 4095 == 0 else { return -Int64(EINVAL) }
        if len == 0 { return 0 }
        var length = AddressSpace.pageUp(len)
        guard addr &+ length > addr else { return -Int64(ENOMEM) }
        let prot = readImpliesExec(requested & ~grows)
        guard prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM) == 0 else { return -Int64(EINVAL) }
        guard pkey == -1 else { return -Int64(EINVAL) }  // a key pkey_alloc did not give
        // PROT_GROWSDOWN: down to the start of the MAP_GROWSDOWN mapping (grown parts too).
        var addr = addr
        if grows == PROT_GROWSDOWN {
            guard let m = space.mapping(at: addr), m.growsDown else { return -Int64(EINVAL) }
            var start = m.start
            while start > 0, let below = space.mapping(at: start - 1), below.growsDown, below.end == start { start = below.start }
            (addr, length) = (start, length &+ (addr - start))
        } else if grows != 0 {
            return -Int64(EINVAL)  // PROT_GROWSUP: no such mappings on x86-64
        }
        guard space.contains(addr, length), fullyMapped(addr, length),
              space.hasRoomForMappings(space.splits(addr, addr + length)) else { return -Int64(ENOMEM) }
        // PR_SET_MDWE: no mapping may become writable and executable, nor gain execute.
        if mdwe != 0 {
            let end = addr &+ length
            for m in space.maps where m.end > addr && m.start < end && deniesWriteExec(newProt: prot, oldProt: m.prot) {
                return -Int64(EACCES)
            }
        }
        // mprotect_fixup: private memory that becomes writable becomes data (RLIMIT_DATA).
        if prot & PROT_WRITE != 0 {
            let end = addr &+ length
            let becomingData = space.maps.reduce(UInt64(0)) { sum, m in
                guard m.end > addr, m.start < end, m.prot & PROT_WRITE == 0, !m.shared, !m.growsDown, m.name != "[stack]" else { return sum }
                return sum &+ (min(m.end, end) - max(m.start, addr))
            }
            if becomingData > 0 && !dataAllows(becomingData) { return -Int64(ENOMEM) }
        }
        let host = AddressSpace.hostProt(prot) | (requested & ~prot & ~grows)
        let r = dt_host_syscall(Int64(SyscallNumber.mprotect), addr, length, UInt64(UInt32(bitPattern: host)), 0, 0, 0)
        if r == 0 { space.protect(addr, length, prot: prot & ~PROT_SEM) }
        return r
    }

    /// The target's mappings are the host's at the same addresses: once the range is known to be
    /// the target's, the host kernel rebuilds it (a MAP_FIXED mapping of the vma's own file).
    func remapFilePages(_ a: SyscallArgs) -> Int64 {
        let start = a.a0 & ~4095, size = a.a1 & ~4095, pgoff = a.a3
        guard a.a2 == 0, start &+ size > start, pgoff &+ (size >> 12) >= pgoff else { return -Int64(EINVAL) }
        guard space.contains(start, size), fullyMapped(start, size) else { return -Int64(EINVAL) }
        return dt_host_syscall(Int64(SyscallNumber.remapFilePages), start, size, 0, pgoff, a.a4, 0)
    }

    /// The kernel's own checks (advice, alignment) come first: asked of it with length 0.
    /// Then the range: applied to what is mapped, ENOMEM when part of it is not.
    func madvise(_ a: SyscallArgs) -> Emulation {
        let start = a.a0
        let MADV_GUARD_INSTALL: UInt64 = 102
        if a.a2 == MADV_GUARD_INSTALL { space.guardPagesInstalled = true }
        let first = dt_host_syscall(Int64(SyscallNumber.madvise), start, 0, a.a2, 0, 0, 0)
        guard first == 0 else { return .result(first) }
        let length = AddressSpace.pageUp(a.a1)
        if a.a1 != 0 && length == 0 { return .result(-Int64(EINVAL)) }
        let (end, wrapped) = start.addingReportingOverflow(length)
        if wrapped { return .result(-Int64(EINVAL)) }
        if end == start { return .result(0) }
        if sealedAgainstDiscard(start, end, advice: a.a2) { return .result(-Int64(EPERM)) }
        let forking = a.a2 == MADV_DONTFORK || a.a2 == MADV_DOFORK
        let MADV_GUARD_REMOVE: UInt64 = 103
        if (a.a2 == MADV_GUARD_INSTALL || a.a2 == MADV_GUARD_REMOVE) && space.contains(start, length) && fullyMapped(start, length) {
            let r = dt_host_syscall(Int64(SyscallNumber.madvise), start, length, a.a2, 0, 0, 0)
            guard r == 0 else { return .result(r) }
            if a.a2 == MADV_GUARD_INSTALL {
                // Out of the guest's page table: the next touch faults to dunetrace (PageFaults.swift).
                space.addGuard(start, end)
                dt_vm_map(vm, start, length, 0)
                space.needsFlush = true
            } else {
                space.removeGuard(start, end)
            }
            return .result(0)
        }
        if space.contains(start, length) && fullyMapped(start, length) { return forking ? .result(madviseFork(a)) : .passthrough }
        for m in space.maps where m.start < end && m.end > start {
            let s = max(m.start, start), e = min(m.end, end)
            let r = dt_host_syscall(Int64(SyscallNumber.madvise), s, e - s, a.a2, 0, 0, 0)
            if r < 0 { return .result(r) }
            if forking { space.setDontFork(s, e, a.a2 == MADV_DONTFORK) }
        }
        return .result(-Int64(ENOMEM))
    }

    func mremap(_ a: SyscallArgs) -> Int64 {
        let old = a.a0, oldSize = AddressSpace.pageUp(a.a1), newSize = AddressSpace.pageUp(a.a2)
        let flags = Int32(truncatingIfNeeded: a.a3)
        let taskSize = AddressSpace.taskSize
        let MREMAP_MAYMOVE: Int32 = 1, MREMAP_FIXED: Int32 = 2, MREMAP_DONTUNMAP: Int32 = 4
        // The kernel's order (check_mremap_params), then the mapping at old.
        guard flags & ~7 == 0, old & 4095 == 0, newSize > 0 else { return -Int64(EINVAL) }
        let newAddress = flags & (MREMAP_FIXED | MREMAP_DONTUNMAP) != 0
        if newAddress {
            let dest = a.a4
            guard newSize <= taskSize, dest <= taskSize - newSize, dest & 4095 == 0,
                  flags & MREMAP_MAYMOVE != 0 else { return -Int64(EINVAL) }
            if flags & MREMAP_DONTUNMAP != 0 && oldSize != newSize { return -Int64(EINVAL) }
            if old &+ oldSize > dest && dest &+ newSize > old { return -Int64(EINVAL) }
        }
        // No mapping there (dunetrace's own pages are none of the target's): the kernel's EFAULT.
        guard let m = space.mapping(at: old) else { return -Int64(EFAULT) }
        // vma_to_resize: old length 0 duplicates a shared mapping only. (Which mappings
        // DONTUNMAP takes is the host kernel's answer, below.)
        if oldSize == 0 && !m.shared { return -Int64(EINVAL) }
        if newSize <= oldSize && !newAddress {
            // As the kernel: shrinking unmaps the tail (munmap's rules), whatever it spans.
            if newSize < oldSize {
                let tail = old &+ newSize, tailLength = oldSize - newSize
                guard tail <= taskSize, tailLength <= taskSize - tail else { return -Int64(EINVAL) }
                unmapOwned(tail, tail + tailLength)
            }
            return Int64(old)
        }
        guard oldSize <= m.end - old else { return -Int64(EFAULT) }
        guard newSize <= taskSize else { return -Int64(EINVAL) }
        // resize_is_valid's may_expand_vm: the growth counts against RLIMIT_AS, and against
        // RLIMIT_DATA for private writable memory.
        let growth = newSize > oldSize ? newSize - oldSize : 0
        if growth > 0 {
            guard addressSpaceAllows(growth) else { return -Int64(ENOMEM) }
            if m.prot & PROT_WRITE != 0 && !m.shared && !m.growsDown && m.name != "[stack]" && !dataAllows(growth) { return -Int64(ENOMEM) }
        }
        var dest: UInt64
        if newAddress && flags & MREMAP_FIXED != 0 {
            dest = a.a4
            guard space.claim(dest, dest + newSize) else { return -Int64(ENOMEM) }
        } else if newAddress {
            // DONTUNMAP without FIXED: new_address is a hint (NULL too), as mmap's.
            guard let at = space.allocate(newSize, hint: a.a4) else { return -Int64(ENOMEM) }
            dest = at
        } else if oldSize > 0, flags & MREMAP_DONTUNMAP == 0, old + newSize <= taskSize,
                  space.allocate(newSize - oldSize, hint: old + oldSize) == old + oldSize {
            dest = old  // grow in place: the pages after it are free
        } else if flags & MREMAP_MAYMOVE != 0, let at = space.allocate(newSize) {
            dest = at
        } else {
            return -Int64(ENOMEM)
        }
        if dest == old {
            Glibc.munmap(UnsafeMutableRawPointer(bitPattern: UInt(old + oldSize)), Int(newSize - oldSize))
            let r = dt_host_syscall(Int64(SyscallNumber.mremap), old, oldSize, newSize, 0, 0, 0)
            if r < 0 { space.reserve(old + oldSize, newSize - oldSize); return r }
        } else {
            // DONTUNMAP and a duplicate (old length 0) leave the old range mapped.
            let keep = flags & MREMAP_DONTUNMAP != 0 || oldSize == 0
            let r = dt_host_syscall(Int64(SyscallNumber.mremap), old, oldSize, newSize,
                                    UInt64(MREMAP_MAYMOVE | MREMAP_FIXED | (flags & MREMAP_DONTUNMAP)), dest, 0)
            if r < 0 { return r }
            if !keep { space.removeMapping(old, oldSize) }
        }
        space.addMapping(dest, newSize, prot: m.prot, name: m.name, offset: m.offset &+ (old - m.start), dontFork: m.dontFork,
                         shared: m.shared)
        return Int64(dest)
    }

    private func fullyMapped(_ addr: UInt64, _ len: UInt64) -> Bool {
        var a = addr
        let end = addr &+ len
        while a < end {
            guard let m = space.mapping(at: a) else { return false }
            a = m.end
        }
        return true
    }

    private func fdPath(_ fd: Int32) -> String {
        HostProc.readlink("/proc/self/fd/\(fd)") ?? ""
    }

    /// A filter needs no_new_privs or CAP_SYS_ADMIN, as natively (EACCES otherwise).
    // MARK: CPU state

    func archPrctl(_ a: SyscallArgs) -> Int64 {
        guard let cpu = vcpu else { return -Int64(EINVAL) }
        let ARCH_SET_GS: UInt64 = 0x1001, ARCH_SET_FS: UInt64 = 0x1002, ARCH_GET_FS: UInt64 = 0x1003, ARCH_GET_GS: UInt64 = 0x1004
        switch a.a0 {
        case ARCH_SET_FS:
            guard a.a1 < 0x8000_0000_0000 else { return -Int64(EPERM) }
            return dt_vcpu_set_fs_base(cpu, a.a1) == 0 ? 0 : -Int64(EINVAL)
        case ARCH_SET_GS:
            guard a.a1 < 0x8000_0000_0000 else { return -Int64(EPERM) }
            return dt_vcpu_set_gs_base(cpu, a.a1) == 0 ? 0 : -Int64(EINVAL)
        case ARCH_GET_FS, ARCH_GET_GS:
            guard space.isAccessible(a.a1, 8, prot: PROT_WRITE) else { return -Int64(EFAULT) }
            let v = a.a0 == ARCH_GET_FS ? dt_vcpu_fs_base(cpu) : dt_vcpu_gs_base(cpu)
            return TargetAccess.store(v, at: a.a1) ? 0 : -Int64(EFAULT)
        case 0x1011:  // ARCH_GET_CPUID: 1 while CPUID runs, 0 while it faults
            return task.cpuidFaults ? 0 : 1
        case 0x1012:  // ARCH_SET_CPUID: ENODEV where the host CPU has no CPUID faulting
            let r = dt_host_syscall(Int64(SyscallTable.number("arch_prctl")!), 0x1012, 1, 0, 0, 0, 0)
            guard r == 0 else { return r }
            if dt_vcpu_set_cpuid_fault(cpu, a.a1 == 0 ? 1 : 0) != 0 { return a.a1 == 0 ? -Int64(ENODEV) : 0 }
            task.cpuidFaults = a.a1 == 0
            return 0
        case 0x2002, 0x2003:  // ARCH_MAP_VDSO_32/64: a vDSO is already mapped
            return -Int64(EEXIST)
        case 0x1021, 0x1022, 0x1024:  // ARCH_GET_XCOMP_SUPP/PERM/GUEST_PERM: the host's features
            var features: UInt64 = 0
            let r = withUnsafeMutablePointer(to: &features) {
                dt_host_syscall(Int64(SyscallTable.number("arch_prctl")!), a.a0, UInt64(UInt(bitPattern: $0)), 0, 0, 0, 0)
            }
            guard r >= 0 else { return r }
            // The guest permission dunetrace asked for its vCPUs is not the target's: it has
            // what the process had before, and what it asked for itself.
            let before = dt_guest_xcomp_perm_before()
            if a.a0 == 0x1024 && before != 0 { features &= before | guestXcompRequested }
            guard space.isAccessible(a.a1, 8, prot: PROT_WRITE) else { return -Int64(EFAULT) }
            return TargetAccess.store(features, at: a.a1) ? 0 : -Int64(EFAULT)
        case 0x1023, 0x1025:  // ARCH_REQ_XCOMP_PERM/GUEST_PERM: a feature number, the host decides
            let r = dt_host_syscall(Int64(SyscallTable.number("arch_prctl")!), a.a0, a.a1, 0, 0, 0, 0)
            // Granted: every component up to that one (the kernel's permission is a mask).
            if r == 0 && a.a0 == 0x1025 { guestXcompRequested |= a.a1 >= 63 ? ~0 : (1 << (a.a1 + 1)) - 1 }
            return r
        default:
            return -Int64(EINVAL)
        }
    }

    // MARK: waiting for signals (the host never blocks them: the target's mask is virtual)

    /// Sleeps until a host signal arrives, at most `ns` nanoseconds (or 50 ms) at a time.
    private func napForSignal(_ ns: Int64 = 50_000_000) {
        var ts = timespec(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000))
        withUnsafeMutablePointer(to: &ts) { p in
            _ = dt_host_syscall(Int64(SyscallNumber.ppoll), 0, 0, UInt64(UInt(bitPattern: p)), 0, 8, 0)
        }
    }

    func sigsuspend(_ a: SyscallArgs) -> Int64 {
        guard a.a1 == 8 else { return -Int64(EINVAL) }
        // This call waits without the lock: what it reads and changes first is done under it.
        lock.lock()
        guard let m = memory.read(a.a0, count: 8) else { lock.unlock(); return -Int64(EFAULT) }
        task.suspendedMask = task.mask
        task.mask = m.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) } & ~((1 << 8) | (1 << 18))
        syncHostMask()  // what it unblocks and the kernel holds comes now
        lock.unlock()
        while !hasInterruptingSignal() { napForSignal() }
        return -Int64(EINTR)
    }

    func sigpending(_ a: SyscallArgs) -> Int64 {
        // Any size up to a sigset_t: the kernel copies that many bytes of it.
        guard a.a1 <= 8 else { return -Int64(EINVAL) }
        let n = Int(a.a1)
        guard space.isAccessible(a.a0, n, prot: PROT_WRITE) else { return -Int64(EFAULT) }
        let pending = (dt_signals_pending() | dt_signals_host_pending()) & task.mask
        return withUnsafeBytes(of: pending) { TargetAccess.write(a.a0, from: $0.baseAddress!, count: n) } ? 0 : -Int64(EFAULT)
    }

    func sigtimedwait(_ a: SyscallArgs) -> Int64 {
        guard a.a3 == 8 else { return -Int64(EINVAL) }
        // This call waits without the lock; its reads of target memory are made under it.
        let read = { (address: UInt64, count: Int) -> [UInt8]? in
            self.lock.lock()
            defer { self.lock.unlock() }
            return self.memory.read(address, count: count)
        }
        guard let setBytes = read(a.a0, 8) else { return -Int64(EFAULT) }
        let set = setBytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        var deadline: Int64?
        if a.a2 != 0 {
            guard let t = read(a.a2, 16) else { return -Int64(EFAULT) }
            let sec = t.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
            let nsec = t.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: Int64.self) }
            // An invalid timeout is EINVAL before any signal is taken.
            guard sec >= 0, nsec >= 0, nsec < 1_000_000_000 else { return -Int64(EINVAL) }
            let ns = sec.multipliedReportingOverflow(by: 1_000_000_000)
            deadline = ns.overflow ? Int64.max : Int64(bitPattern: nowMonotonic()).addingReportingOverflow(ns.partialValue &+ nsec).partialValue
            if deadline! < 0 { deadline = Int64.max }
        }
        let pendingBefore = dt_signals_pending()
        // While it waits, the set counts as unblocked for routing, as the kernel does.
        dt_signals_publish_mask(task.signalSlot, task.mask & ~set)
        defer { dt_signals_publish_mask(task.signalSlot, task.mask) }
        var wait: Int64 = 0
        while true {
            var info = SignalInfo()
            // Signals a signalfd could read are held by the kernel: they are taken there, and
            // waiting there wakes for them as for any signal dunetrace catches.
            var sig = Int32(info.bytes.withUnsafeMutableBytes { dt_signals_host_take(set & task.hostMask, $0.baseAddress, wait) })
            if sig == 0 { sig = Int32(info.bytes.withUnsafeMutableBytes { dt_signal_next(~set, $0.baseAddress) }) }
            if sig > 0 {
                lock.lock()  // this call waits without it
                defer { lock.unlock() }
                noteTimerSignal(info)
                if a.a1 != 0 {
                    guard space.isAccessible(a.a1, 128, prot: PROT_WRITE) else { return -Int64(EFAULT) }
                    guard info.bytes.withUnsafeBytes({ TargetAccess.write(a.a1, from: $0.baseAddress!, count: 128) }) else { return -Int64(EFAULT) }
                }
                return Int64(sig)
            }
            if hasInterruptingSignal() { return -Int64(EINTR) }
            // Stopped and continued while it waits, it fails with EINTR (signal(7)).
            if hasPendingStopSignal() {
                lock.lock()
                let stopped = stopDuringHostCall {}
                lock.unlock()
                if stopped { return -Int64(EINTR) }
            }
            if continuedSince(pendingBefore) { return -Int64(EINTR) }
            let now = Int64(bitPattern: nowMonotonic())
            if let d = deadline, now >= d { return -Int64(EAGAIN) }
            wait = deadline.map { min($0 - now, 50_000_000) } ?? 50_000_000
        }
    }

    // MARK: /proc/self

    /// A listing of /proc/self/fd (or /proc/PID/fd, /proc/self/task/N/fd) must not show
    /// dunetrace's own descriptors, nor /proc/self/task its own threads: they are dropped from
    /// the getdents64 buffer.
    func hideOwnDescriptors(fd: UInt64, buffer: UInt64, length: Int64) -> Int64 {
        guard let dir = HostProc.readlink("/proc/self/fd/\(Int32(truncatingIfNeeded: fd))") else { return length }
        guard dir.hasPrefix("/proc/"), dir.hasSuffix("/fd") || dir.hasSuffix("/fdinfo") || dir.hasSuffix("/task") else { return length }
        let tasks = dir.hasSuffix("/task")
        let base = UnsafeMutableRawPointer(bitPattern: UInt(buffer))!
        var read = 0, write = 0
        while read < Int(length) {
            let reclen = Int(base.loadUnaligned(fromByteOffset: read + 16, as: UInt16.self))
            guard reclen > 0 else { break }
            let name = String(cString: (base + read + 19).assumingMemoryBound(to: CChar.self))
            if let v = Int64(name), tasks ? isOwnHostThread(Int32(truncatingIfNeeded: v)) : v >= guardRules.reservedFdBase {
                read += reclen
                continue
            }
            if read != write { (base + write).copyMemory(from: base + read, byteCount: reclen) }
            read += reclen
            write += reclen
        }
        return Int64(write)
    }

    /// /proc/self/exe names the target's executable, not dunetrace.
    func readlinkSelfExe(path: UInt64, buf: UInt64, size: UInt64) -> Emulation {
        guard let p = memory.readCString(path, max: 64), p.complete else { return .passthrough }
        guard procSelfEntry(String(decoding: p.bytes, as: UTF8.self)) == "exe" else { return .passthrough }
        let target = Array(executablePath.utf8)
        guard Int32(truncatingIfNeeded: size) > 0 else { return .result(-Int64(EINVAL)) }  // int bufsiz
        let n = min(target.count, Int(Int32(truncatingIfNeeded: size)))
        guard space.isAccessible(buf, n, prot: PROT_WRITE) else { return .result(-Int64(EFAULT)) }
        guard target.withUnsafeBytes({ TargetAccess.write(buf, from: $0.baseAddress!, count: n) }) else { return .result(-Int64(EFAULT)) }
        return .result(Int64(n))
    }

}

private let MADV_DONTFORK: UInt64 = 10
private let MADV_DOFORK: UInt64 = 11
