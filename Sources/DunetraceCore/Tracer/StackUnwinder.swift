// -k: the target's stack, unwound with libunwind's remote interface. The target's memory is
// dunetrace's own at the same addresses, so the accessors read it at the addresses the target
// sees, a page at a time and only inside the target's readable mappings, with process_vm_readv
// on dunetrace itself (a file page past the file's end fails there instead of raising SIGBUS);
// registers come from the trapped vCPU; the FDE of an address comes from the ELF file mapped
// there (find_proc_info, as libunwind-ptrace's _UPT_find_proc_info finds it). When libunwind
// gets no further than the first frame, the frame-pointer chain is walked instead. Garbage on
// the stack ends the walk.
import CKVM
import CLibunwind
import Foundation
import Glibc

final class StackUnwinder: @unchecked Sendable {  // one unwind at a time, behind its lock
    /// strace -k's limit of frames per event.
    static let maxFrames = 256
    let objects = StackObjects()
    private let addressSpace: unw_addr_space_t
    private let lock = ForkSafeLock(rank: 0)  // StackObjects is taken under it

    init?() {
        var accessors = unw_accessors_t(
            find_proc_info: { addressSpace, ip, info, needUnwindInfo, arg in
                guard let addressSpace, let arg, let info else { return -Int32(UNW_EINVAL.rawValue) }
                return UnwindSession.from(arg).findProcInfo(addressSpace, ip, info, needUnwindInfo: needUnwindInfo, arg: arg)
            },
            // libunwind frees the unwind info of a table search itself.
            put_unwind_info: { _, _, _ in },
            get_dyn_info_list_addr: { _, _, _ in -Int32(UNW_ENOINFO.rawValue) },
            access_mem: { _, address, value, write, arg in
                guard write == 0, let arg, let value, let word = UnwindSession.from(arg).word(at: address) else {
                    return -Int32(UNW_EINVAL.rawValue)
                }
                value.pointee = word
                return 0
            },
            access_reg: { _, reg, value, write, arg in
                guard write == 0, let arg, let value, let v = UnwindSession.from(arg).register(reg) else {
                    return -Int32(UNW_EBADREG.rawValue)
                }
                value.pointee = v
                return 0
            },
            access_fpreg: { _, _, _, _, _ in -Int32(UNW_EBADREG.rawValue) },
            resume: { _, _, _ in -Int32(UNW_EINVAL.rawValue) },
            get_proc_name: { _, _, _, _, _, _ in -Int32(UNW_ENOINFO.rawValue) })
        // libunwind's first use opens a pipe (to check its reads when it unwinds dunetrace
        // itself, which dunetrace never asks of it: only its local accessors use the pipe) at
        // the lowest free descriptors: the target's. They are closed again, so the target's
        // first open still returns 3.
        let limit = min(Int32(dt_fd_reserved_base()), 1024)
        let free = (0..<limit).filter { fcntl($0, F_GETFD) < 0 }
        let created = _Ux86_64_create_addr_space(&accessors, 0)
        // Nothing cached between events: the target maps and unmaps code as it runs.
        if let created { _ = _Ux86_64_set_caching_policy(created, UNW_CACHE_NONE) }
        for fd in free where fcntl(fd, F_GETFD) >= 0 { close(fd) }
        guard let space = created else { return nil }
        addressSpace = space
    }

    deinit { _Ux86_64_destroy_addr_space(addressSpace) }

    /// The return addresses of the stack at `regs`, innermost (the current ip) first, and the
    /// unwind's session (it knows the files read for them).
    func frames(_ regs: dt_regs, space: AddressSpace) -> (ips: [UInt64], session: UnwindSession) {
        let session = UnwindSession(regs: regs, space: space, objects: objects)
        lock.lock()
        defer { lock.unlock() }
        let unwound = withExtendedLifetime(session) { unwind(session) }
        if unwound.count > 1 { return (unwound, session) }
        let chained = frameChain(session)
        return (chained.count > unwound.count ? chained : unwound, session)
    }

    private func unwind(_ session: UnwindSession) -> [UInt64] {
        let arg = Unmanaged.passUnretained(session).toOpaque()
        var cursor = unw_cursor_t()
        guard _Ux86_64_init_remote(&cursor, addressSpace, arg) == 0 else { return [] }
        var ips: [UInt64] = []
        var last: (ip: UInt64, sp: UInt64)?
        while ips.count < StackUnwinder.maxFrames {
            var ip: unw_word_t = 0, sp: unw_word_t = 0
            guard _Ux86_64_get_reg(&cursor, unw_regnum_t(UNW_REG_IP.rawValue), &ip) == 0, ip != 0,
                  _Ux86_64_get_reg(&cursor, unw_regnum_t(UNW_REG_SP.rawValue), &sp) == 0 else { break }
            // A frame that repeats its caller's ip and sp would repeat forever.
            if let last, last == (ip, sp) { break }
            ips.append(ip)
            last = (ip, sp)
            if _Ux86_64_step(&cursor) <= 0 { break }
        }
        return ips
    }

    /// The rbp chain: each frame's saved rbp, then its return address, going up the stack.
    private func frameChain(_ session: UnwindSession) -> [UInt64] {
        var ips = [session.regs.rip]
        var fp = session.regs.rbp
        while ips.count < StackUnwinder.maxFrames, fp != 0, fp & 7 == 0,
              let next = session.word(at: fp), let ret = session.word(at: fp &+ 8),
              let m = session.space.mapping(at: ret), m.prot & PROT_EXEC != 0 {
            ips.append(ret)
            guard next > fp else { break }
            fp = next
        }
        return ips
    }
}

/// What one unwind needs; libunwind's accessors reach it through their `arg`.
final class UnwindSession {
    let regs: dt_regs
    let space: AddressSpace
    let objects: StackObjects
    /// Pages of target memory read so far (nil: not readable), and the last one used.
    private var pages: [UInt64: [UInt8]?] = [:]
    private var lastPage: (address: UInt64, bytes: [UInt8])?
    /// The ELF files looked up so far, by path (one stat each per unwind).
    private var files: [String: StackObject?] = [:]
    /// Tables built from .eh_frame: libunwind reads them as it reads the target.
    private var builtTables: [ElfUnwindTable] = []

    init(regs: dt_regs, space: AddressSpace, objects: StackObjects) {
        (self.regs, self.space, self.objects) = (regs, space, objects)
    }

    static func from(_ arg: UnsafeMutableRawPointer) -> UnwindSession {
        Unmanaged<UnwindSession>.fromOpaque(arg).takeUnretainedValue()
    }

    /// libunwind's register numbers (UNW_X86_64_RAX...RIP) from the trapped vCPU.
    func register(_ reg: unw_regnum_t) -> UInt64? {
        switch reg {
        case 0: regs.rax
        case 1: regs.rdx
        case 2: regs.rcx
        case 3: regs.rbx
        case 4: regs.rsi
        case 5: regs.rdi
        case 6: regs.rbp
        case 7: regs.rsp
        case 8: regs.r8
        case 9: regs.r9
        case 10: regs.r10
        case 11: regs.r11
        case 12: regs.r12
        case 13: regs.r13
        case 14: regs.r14
        case 15: regs.r15
        case 16: regs.rip
        default: nil
        }
    }

    /// The 8 bytes at `address` of the target (or of a table built here), or nil.
    func word(at address: UInt64) -> UInt64? {
        for t in builtTables {
            guard let table = t.built, let base = table.baseAddress else { continue }
            let start = UInt64(UInt(bitPattern: base)), size = UInt64(table.count * 4)
            if address >= start && address - start < size {
                guard address - start <= size - 8 else { return nil }
                return UnsafeRawPointer(bitPattern: UInt(address))!.loadUnaligned(as: UInt64.self)
            }
        }
        if address & 4095 <= 4088 {
            guard let page = page(address & ~4095) else { return nil }
            return page.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: Int(address & 4095), as: UInt64.self) }
        }
        var value: UInt64 = 0
        for i in 0..<8 {
            let a = address &+ UInt64(i)
            guard a >= address, let page = page(a & ~4095) else { return nil }
            value |= UInt64(page[Int(a & 4095)]) << (8 * UInt64(i))
        }
        return value
    }

    /// The ELF file at `path`, looked up once per unwind.
    func object(_ path: String) -> StackObject? {
        if let known = files[path] { return known }
        let object = objects.object(path)
        files[path] = object
        return object
    }

    /// A page of target memory the target itself could read.
    private func page(_ address: UInt64) -> [UInt8]? {
        if let last = lastPage, last.address == address { return last.bytes }
        if let known = pages[address] {
            if let known { lastPage = (address, known) }
            return known
        }
        var bytes: [UInt8]?
        if let m = space.mapping(at: address), m.prot & PROT_READ != 0 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = buffer.withUnsafeMutableBytes { local -> Int64 in
                var localIov = iovec(iov_base: local.baseAddress, iov_len: 4096)
                var remoteIov = iovec(iov_base: UnsafeMutableRawPointer(bitPattern: UInt(address)), iov_len: 4096)
                return withUnsafePointer(to: &localIov) { l in
                    withUnsafePointer(to: &remoteIov) { r in
                        dt_host_syscall(Int64(UnwindSession.processVMReadv), UInt64(getpid()),
                                        UInt64(UInt(bitPattern: l)), 1, UInt64(UInt(bitPattern: r)), 1, 0)
                    }
                }
            }
            if n == 4096 { bytes = buffer }
        }
        pages[address] = bytes
        if let bytes { lastPage = (address, bytes) }
        return bytes
    }

    private static let processVMReadv = Sys.process_vm_readv

    /// find_proc_info: the FDE of `ip`, from the unwind table of the ELF file mapped there.
    func findProcInfo(_ addressSpace: unw_addr_space_t, _ ip: UInt64, _ info: UnsafeMutablePointer<unw_proc_info_t>,
                      needUnwindInfo: Int32, arg: UnsafeMutableRawPointer) -> Int32 {
        let noInfo = -Int32(UNW_ENOINFO.rawValue)
        guard let m = space.mapping(at: ip), m.isFile, let object = object(m.name),
              let table = object.unwindTable, let bias = object.bias(of: ip, in: m) else { return noInfo }
        var di = unw_dyn_info_t()
        di.start_ip = bias &+ object.span.start
        di.end_ip = bias &+ object.span.end
        // libunwind asserts that the table covers ip.
        guard ip >= di.start_ip, ip < di.end_ip else { return noInfo }
        di.format = Int32(UNW_INFO_FORMAT_REMOTE_TABLE.rawValue)
        di.gp = 0
        di.u.rti.name_ptr = 0
        di.u.rti.segbase = bias &+ table.base
        if let built = table.built, let base = built.baseAddress {
            if !builtTables.contains(where: { $0 === table }) { builtTables.append(table) }
            di.u.rti.table_data = UInt64(UInt(bitPattern: base))
        } else if let address = table.address {
            di.u.rti.table_data = bias &+ address
        } else {
            return noInfo
        }
        di.u.rti.table_len = UInt64(table.count)  // in words: one 8-byte entry each
        return _Ux86_64_dwarf_search_unwind_table(addressSpace, ip, &di, info, needUnwindInfo, arg)
    }
}
