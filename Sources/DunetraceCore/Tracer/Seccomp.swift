// seccomp for the target, never for dunetrace: a filter the target installs (prctl or
// seccomp(2)) is kept with its thread and run here, over the same seccomp_data the kernel
// would give it, before each of the target's system calls. Installing it on the host would
// restrict the tracer itself, whose threads run the target's calls.
import CKVM
import Glibc

/// One classic-BPF seccomp program.
struct SeccompFilter: Sendable {
    struct Instruction: Sendable { var code: UInt16; var jt: UInt8; var jf: UInt8; var k: UInt32 }
    let program: [Instruction]

    static let RET_KILL_PROCESS: UInt32 = 0x8000_0000
    static let RET_KILL_THREAD: UInt32 = 0
    static let RET_TRAP: UInt32 = 0x0003_0000
    static let RET_ERRNO: UInt32 = 0x0005_0000
    static let RET_USER_NOTIF: UInt32 = 0x7fc0_0000
    static let RET_TRACE: UInt32 = 0x7ff0_0000
    static let RET_LOG: UInt32 = 0x7ffc_0000
    static let RET_ALLOW: UInt32 = 0x7fff_0000
    static let AUDIT_ARCH_X86_64: UInt32 = 0xc000_003e

    /// Reads and checks a struct sock_fprog from target memory; nil if it is not a valid program.
    init?(fprog: UInt64, memory: any TargetMemory) {
        guard let header = memory.read(fprog, count: 16) else { return nil }
        let len = Int(header.withUnsafeBytes { $0.loadUnaligned(as: UInt16.self) })
        let filterAddress = header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self) }
        guard len > 0, len <= 4096, let raw = memory.read(filterAddress, count: len * 8) else { return nil }
        var prog: [Instruction] = []
        for i in 0..<len {
            raw.withUnsafeBytes { b in
                prog.append(Instruction(code: b.loadUnaligned(fromByteOffset: i * 8, as: UInt16.self),
                                        jt: b[i * 8 + 2], jf: b[i * 8 + 3],
                                        k: b.loadUnaligned(fromByteOffset: i * 8 + 4, as: UInt32.self)))
            }
        }
        // As the kernel's checker: jumps stay inside, the program ends in a return.
        for (pc, ins) in prog.enumerated() {
            if ins.code & 0x07 == 0x05 {  // BPF_JMP
                let far = ins.code & 0xf0 == 0x00 ? Int(ins.k) : Int(max(ins.jt, ins.jf))
                if pc + 1 + far >= len { return nil }
            }
            if ins.code & 0x07 == 0x00 && ins.code & 0xe0 == 0x20 && (ins.k >= 64 || ins.k & 3 != 0) { return nil }
        }
        guard prog.last!.code & 0x07 == 0x06 else { return nil }
        program = prog
    }

    /// Runs the program over seccomp_data (nr, arch, instruction pointer, six arguments).
    func run(nr: Int, ip: UInt64, args: SyscallArgs) -> UInt32 {
        var data = [UInt32](repeating: 0, count: 16)
        data[0] = UInt32(truncatingIfNeeded: nr)
        data[1] = SeccompFilter.AUDIT_ARCH_X86_64
        data[2] = UInt32(truncatingIfNeeded: ip)
        data[3] = UInt32(truncatingIfNeeded: ip >> 32)
        for i in 0..<6 {
            data[4 + 2 * i] = UInt32(truncatingIfNeeded: args[i])
            data[5 + 2 * i] = UInt32(truncatingIfNeeded: args[i] >> 32)
        }
        var a: UInt32 = 0, x: UInt32 = 0
        var mem = [UInt32](repeating: 0, count: 16)
        var pc = 0
        while pc < program.count {
            let ins = program[pc]
            pc += 1
            let src = ins.code & 0x08 != 0 ? x : ins.k
            switch ins.code & 0x07 {
            case 0x00:  // LD
                switch ins.code & 0xe0 {
                case 0x20: a = data[Int(ins.k / 4)]  // BPF_ABS (checked aligned and in range)
                case 0x00: a = ins.k                 // BPF_IMM
                case 0x60: a = mem[Int(ins.k & 15)]  // BPF_MEM
                case 0x80: a = 64                    // BPF_LEN
                default: return SeccompFilter.RET_KILL_THREAD
                }
            case 0x01:  // LDX
                switch ins.code & 0xe0 {
                case 0x00: x = ins.k
                case 0x60: x = mem[Int(ins.k & 15)]
                case 0x80: x = 64
                default: return SeccompFilter.RET_KILL_THREAD
                }
            case 0x02: mem[Int(ins.k & 15)] = a
            case 0x03: mem[Int(ins.k & 15)] = x
            case 0x04:  // ALU
                switch ins.code & 0xf0 {
                case 0x00: a &+= src
                case 0x10: a &-= src
                case 0x20: a &*= src
                case 0x30: a = src == 0 ? 0 : a / src
                case 0x40: a |= src
                case 0x50: a &= src
                case 0x60: a = src >= 32 ? 0 : a << src
                case 0x70: a = src >= 32 ? 0 : a >> src
                case 0x80: a = 0 &- a
                case 0x90: a = src == 0 ? 0 : a % src
                case 0xa0: a ^= src
                default: return SeccompFilter.RET_KILL_THREAD
                }
            case 0x05:  // JMP
                let taken: Bool
                switch ins.code & 0xf0 {
                case 0x00: pc += Int(ins.k); continue
                case 0x10: taken = a == src
                case 0x20: taken = a > src
                case 0x30: taken = a >= src
                case 0x40: taken = a & src != 0
                default: return SeccompFilter.RET_KILL_THREAD
                }
                pc += Int(taken ? ins.jt : ins.jf)
            case 0x06: return ins.code & 0x18 == 0x10 ? a : ins.k  // RET A or RET K
            default:  // MISC: TAX, TXA
                if ins.code & 0xf8 == 0x00 { x = a } else { a = x }
            }
        }
        return SeccompFilter.RET_KILL_THREAD
    }

    /// The kernel's precedence when several filters answer: the most restrictive action wins.
    static func precedence(_ action: UInt32) -> Int {
        switch action & 0xffff_0000 {
        case RET_KILL_PROCESS: 0
        case RET_KILL_THREAD: 1
        case RET_TRAP: 2
        case RET_ERRNO: 3
        case RET_USER_NOTIF: 4
        case RET_TRACE: 5
        case RET_LOG: 6
        default: 7
        }
    }
}

/// What a seccomp verdict means for the call.
enum SeccompVerdict {
    case allow
    case fail(Int64)         // the call returns this instead of running
    case trap(UInt32)        // SIGSYS with SYS_SECCOMP, si_errno = the data
    /// The process, or only this thread, dies of this signal: SIGKILL in strict mode (the
    /// thread), SIGSYS for a filter (RET_KILL_THREAD: the thread, RET_KILL_PROCESS: all).
    case kill(Int32, threadOnly: Bool)
}

/// SECCOMP_MODE_STRICT allows these and nothing else.
private let strictModeCalls: Set<Int> = Set(["read", "write", "exit", "rt_sigreturn"].compactMap { SyscallTable.number($0) })

extension Tracer {
    /// seccomp(2) and prctl(PR_SET_SECCOMP): strict mode or a filter, for this thread only
    /// (TSYNC: for all of them), kept here.
    func installSeccomp(mode: UInt64, flags: UInt64, program: UInt64) -> Int64 {
        switch mode {
        case 0:  // SECCOMP_SET_MODE_STRICT
            guard flags == 0, program == 0 else { return -Int64(EINVAL) }
            task.seccompStrict = true
            return 0
        case 1:  // SECCOMP_SET_MODE_FILTER
            // TSYNC, LOG, SPEC_ALLOW and TSYNC_ESRCH; a listener (NEW_LISTENER) is not offered.
            guard flags & ~UInt64(1 | 2 | 4 | 16) == 0 else { return -Int64(EINVAL) }
            // The kernel's order: the sock_fprog, its length, then the right to filter.
            guard let fprog = memory.read(program, count: 16) else { return -Int64(EFAULT) }
            let length = fprog.withUnsafeBytes { $0.loadUnaligned(as: UInt16.self) }
            guard length > 0, length <= 4096 else { return -Int64(EINVAL) }  // BPF_MAXINSNS
            guard mayInstallSeccompFilter() else { return -Int64(EACCES) }
            guard let filter = SeccompFilter(fprog: program, memory: memory) else {
                let instructions = fprog.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self) }
                return -Int64(memory.read(instructions, count: Int(length) * 8) == nil ? EFAULT : EINVAL)
            }
            if flags & 1 != 0 { for t in tasks { t.seccomp.append(filter) } } else { task.seccomp.append(filter) }
            return 0
        case 2:  // SECCOMP_GET_ACTION_AVAIL
            guard flags == 0 else { return -Int64(EINVAL) }
            guard let raw = memory.read(program, count: 4) else { return -Int64(EFAULT) }
            let action = raw.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
            let known: [UInt32] = [SeccompFilter.RET_KILL_PROCESS, SeccompFilter.RET_KILL_THREAD, SeccompFilter.RET_TRAP,
                                   SeccompFilter.RET_ERRNO, SeccompFilter.RET_TRACE, SeccompFilter.RET_LOG, SeccompFilter.RET_ALLOW]
            return known.contains(action) ? 0 : -Int64(EOPNOTSUPP)
        case 3:  // SECCOMP_GET_NOTIF_SIZES: struct seccomp_notif, _resp and seccomp_data
            guard flags == 0 else { return -Int64(EINVAL) }
            let sizes: (UInt16, UInt16, UInt16) = (80, 24, 64)
            guard space.isAccessible(program, 6, prot: PROT_WRITE) else { return -Int64(EFAULT) }
            return TargetAccess.store(sizes, at: program) ? 0 : -Int64(EFAULT)
        default:
            return -Int64(EINVAL)
        }
    }

    /// A filter needs no_new_privs or CAP_SYS_ADMIN (seccomp(2)); both are the host thread's,
    /// where the target's prctl and capset calls run.
    private func mayInstallSeccompFilter() -> Bool {
        let PR_GET_NO_NEW_PRIVS: UInt64 = 39, SYS_prctl: Int64 = 157, CAP_SYS_ADMIN = 21
        return dt_host_syscall(SYS_prctl, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0, 0) == 1 || hostHasCapability(CAP_SYS_ADMIN)
    }

    /// Whether the host thread, where the target's capset runs, has capability `cap` effective.
    func hostHasCapability(_ cap: Int) -> Bool {
        var header: (UInt32, Int32) = (0x2008_0522, 0)  // _LINUX_CAPABILITY_VERSION_3, this thread
        var data = [UInt32](repeating: 0, count: 6)     // effective, permitted, inheritable x 2
        let SYS_capget: Int64 = 125
        let r = data.withUnsafeMutableBytes { d in
            withUnsafeMutablePointer(to: &header) { h in dt_host_syscall(SYS_capget, UInt64(UInt(bitPattern: h)), UInt64(UInt(bitPattern: d.baseAddress)), 0, 0, 0, 0) }
        }
        return r == 0 && data[cap / 32 * 3] & (1 << UInt32(cap % 32)) != 0
    }

    /// The verdict of this thread's filters (or strict mode) on a call about to run.
    func seccompVerdict(_ nr: Int, _ args: SyscallArgs, ip: UInt64) -> SeccompVerdict {
        let t = task
        if t.seccompStrict { return strictModeCalls.contains(nr) ? .allow : .kill(SIGKILL, threadOnly: true) }
        guard !t.seccomp.isEmpty else { return .allow }
        var verdict = SeccompFilter.RET_ALLOW
        for f in t.seccomp.reversed() {
            let r = f.run(nr: nr, ip: ip, args: args)
            if SeccompFilter.precedence(r) < SeccompFilter.precedence(verdict) { verdict = r }
        }
        let data = verdict & 0xffff
        switch verdict & 0xffff_0000 {
        case SeccompFilter.RET_ALLOW, SeccompFilter.RET_LOG: return .allow
        case SeccompFilter.RET_ERRNO: return .fail(-Int64(min(data, 4095)))
        case SeccompFilter.RET_TRAP: return .trap(data)
        case SeccompFilter.RET_TRACE, SeccompFilter.RET_USER_NOTIF: return .fail(-Int64(ENOSYS))  // no tracer
        case SeccompFilter.RET_KILL_THREAD: return .kill(SIGSYS, threadOnly: true)
        default: return .kill(SIGSYS, threadOnly: false)
        }
    }
}
