// The legacy vsyscall page (0xffffffffff600000) as the kernel offers it with vsyscall=xonly: its
// three entries (gettimeofday, time, getcpu) can be called, their page not read. The kernel
// emulates a call there from the fault it takes (emulate_vsyscall); so does dunetrace from the
// guest's #PF: the call runs, then the `ret` the entry would have made. Old static binaries
// call these; natively they work, in the guest the page does not exist.
import CKVM
import Glibc

extension Tracer {
    static let vsyscallPage: UInt64 = 0xffff_ffff_ff60_0000

    /// An instruction fetch from a vsyscall entry: the call done and the target back at its
    /// caller (true), or a SIGSEGV's end; nil when the fault is not a vsyscall.
    func emulateVsyscall(errorCode e: UInt64, cr2: UInt64, regs: inout dt_regs) -> TargetExit?? {
        guard cr2 & ~4095 == Tracer.vsyscallPage, e & 0x14 == 0x14, regs.rip == cr2 else { return nil }
        let entries: [UInt64: Int] = [0: 96, 0x400: 201, 0x800: 309]  // gettimeofday, time, getcpu
        guard let nr = entries[cr2 & 4095] else { return nil }  // misaligned: the fault's SIGSEGV
        guard space.isAccessible(regs.rsp, 8), let caller = TargetAccess.load(regs.rsp, as: UInt64.self) else { return nil }
        // write_ok_or_segv: a pointer outside user space is SIGSEGV at it; an unmapped one
        // fails the call, which emulate_vsyscall turns into SIGSEGV too.
        let sizes: [Int: [Int]] = [96: [16, 8], 201: [8], 309: [4, 4]]
        let pointers = [regs.rdi, regs.rsi]
        for (i, size) in sizes[nr]!.enumerated() where pointers[i] &+ UInt64(size) > AddressSpace.taskSize {
            let info = SignalInfo(signo: SIGSEGV, code: 1, address: pointers[i])  // SEGV_MAPERR
            return .some(forceSignal(SIGSEGV, info: info, regs: &regs))
        }
        var result: Int64 = 0
        func store(_ bytes: UnsafeRawBufferPointer, at address: UInt64) {
            guard address != 0, result >= 0 else { return }
            if !space.isAccessible(address, bytes.count, prot: PROT_WRITE)
                || !TargetAccess.write(address, from: bytes.baseAddress!, count: bytes.count) { result = -Int64(EFAULT) }
        }
        switch nr {
        case 96:
            var tv = timeval(), tz = timezone()
            result = Int64(dt_host_syscall(96, UInt64(UInt(bitPattern: withUnsafeMutablePointer(to: &tv) { $0 })),
                                           UInt64(UInt(bitPattern: withUnsafeMutablePointer(to: &tz) { $0 })), 0, 0, 0, 0))
            withUnsafeBytes(of: tv) { store($0, at: regs.rdi) }
            withUnsafeBytes(of: tz) { store($0, at: regs.rsi) }
        case 201:
            let now = Int64(Glibc.time(nil))
            result = now
            withUnsafeBytes(of: now) { store($0, at: regs.rdi) }
        default:
            var cpu: UInt32 = 0, node: UInt32 = 0
            result = Int64(dt_host_syscall(309, UInt64(UInt(bitPattern: withUnsafeMutablePointer(to: &cpu) { $0 })),
                                           UInt64(UInt(bitPattern: withUnsafeMutablePointer(to: &node) { $0 })), 0, 0, 0, 0))
            withUnsafeBytes(of: cpu) { store($0, at: regs.rdi) }
            withUnsafeBytes(of: node) { store($0, at: regs.rsi) }
        }
        // A pointer the call could not write: not an error but SIGSEGV (SI_KERNEL), at the entry.
        if result == -Int64(EFAULT) { return .some(forceSignal(SIGSEGV, info: SignalInfo(signo: SIGSEGV, code: 0x80, address: 0), regs: &regs)) }
        regs.rax = UInt64(bitPattern: result)
        regs.rip = caller
        regs.rsp &+= 8
        return .some(nil)
    }
}
