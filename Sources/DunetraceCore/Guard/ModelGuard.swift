// The guard as an interpreter of the syscall model (DESIGN.md, "Isolation"): an allowlist. A
// call reaches the kernel only when the model describes it (and, for a multiplexed call, the
// variant its selector picks). Then every pointer is checked for the whole length the kernel
// will touch; one that is not the target's reaches the kernel as an address in the kernel's
// half, so the kernel's own checks come in its order and its first touch is its own EFAULT.
// Strings, and structures or arrays that carry pointers or descriptors, are copied in once,
// checked, and the kernel gets the checked copy, so another thread cannot change them between
// check and use; what the kernel writes into such a copy goes back to the target after the
// call, its pointer fields left as the target wrote them. Target memory is read and written
// here only through process_vm_readv/writev, which turn a fault into an error, never a crash.
import CKVM
import Glibc

/// What the guard says of one call.
enum GuardDecision {
    /// The negative errno the call returns without reaching the kernel.
    case refuse(Int64)
    /// The arguments the host call gets; `copies` go back to the target after it.
    case run(SyscallArgs, GuardCopies?)
}

/// Host copies of the target's strings and structures a call runs with.
final class GuardCopies {
    fileprivate struct WriteBack {
        let target: UInt64
        let copy: UnsafeMutableRawPointer
        let length: Int
        /// Byte ranges of the copy that must not go back (pointer fields: the target's values stay).
        let keep: [(offset: Int, length: Int)]
        let written: WrittenWhen
    }
    fileprivate var buffers: [UnsafeMutableRawPointer] = []
    fileprivate var writeBacks: [WriteBack] = []

    /// A host copy of `count` bytes of the target at `address`, nil if they cannot be read.
    func copyIn(_ address: UInt64, count: Int) -> UnsafeMutableRawPointer? {
        let p = allocate(count)
        return TargetAccess.read(address, into: p, count: count) ? p : nil
    }

    fileprivate func allocate(_ count: Int) -> UnsafeMutableRawPointer {
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        buffers.append(p)
        return p
    }

    /// After the call: what the kernel wrote into the copies goes to the target. Returns the
    /// call's result: EFAULT when a write-back the kernel makes element by element met a page
    /// the target cannot write (what came before it is written, as natively).
    func finish(result: Int64) -> Int64 {
        var result = result
        for w in writeBacks {
            switch w.written {
            case .always, .alwaysUntilFault: break
            case .onSuccess: if result < 0 { continue }
            case .onEINTR, .onEINTRWhenZero: if result != -Int64(EINTR) { continue }
            case .onE2BIG: if result != -Int64(E2BIG) { continue }
            }
            var start = 0
            pieces: for k in w.keep.sorted(by: { $0.offset < $1.offset }) + [(w.length, 0)] {
                var at = start
                while at < k.offset {
                    // A page at a time, so a fault leaves every page before it written.
                    let address = w.target &+ UInt64(at)
                    let n = min(k.offset - at, Int(4096 - address % 4096))
                    if !TargetAccess.write(address, from: w.copy + at, count: n) {
                        if w.written == .alwaysUntilFault {
                            result = -Int64(EFAULT)
                            break pieces
                        }
                    }
                    at += n
                }
                start = max(start, k.offset + k.length)
            }
        }
        return result
    }

    /// Takes over `other`'s buffers and write-backs (both sets live as long as this one).
    func adopt(_ other: GuardCopies) {
        buffers += other.buffers
        writeBacks += other.writeBacks
        held += other.held
        other.buffers = []
        other.writeBacks = []
        other.held = []
    }

    /// Hands the copy that starts at `address` over to the caller, who deallocates it: it
    /// outlives the call (an AIO request's iocb, whose address the kernel keeps).
    func release(_ address: UInt64) -> UnsafeMutableRawPointer? {
        guard let i = buffers.firstIndex(where: { UInt64(UInt(bitPattern: $0)) == address }) else { return nil }
        return buffers.remove(at: i)
    }

    /// A NUL-terminated host copy of `text`, kept as long as these copies.
    func hostString(_ text: String) -> UInt64 {
        let bytes = Array(text.utf8) + [0]
        let p = allocate(bytes.count)
        p.copyMemory(from: bytes, byteCount: bytes.count)
        return UInt64(UInt(bitPattern: p))
    }

    /// A descriptor of dunetrace's the call uses (a pinned path, PinnedPaths.swift): closed
    /// with these copies, after the call.
    func hold(_ fd: Int32) { held.append(fd) }
    fileprivate var held: [Int32] = []

    deinit {
        for b in buffers { b.deallocate() }
        for fd in held { close(fd) }
    }
}

/// Reads and writes of the target's memory that cannot crash dunetrace.
enum TargetAccess {
    private static func vm(_ nr: Int64, _ local: UnsafeMutablePointer<iovec>, _ remote: UnsafeMutablePointer<iovec>) -> Int {
        Int(dt_host_syscall(nr, UInt64(getpid()),  // not cached: a forked child is another process
                             UInt64(UInt(bitPattern: local)), 1, UInt64(UInt(bitPattern: remote)), 1, 0))
    }

    /// Copies `count` bytes at `address` of the target into `into`; false if any is unreadable.
    static func read(_ address: UInt64, into: UnsafeMutableRawPointer, count: Int) -> Bool {
        guard count > 0 else { return true }
        var local = iovec(iov_base: into, iov_len: count)
        var remote = iovec(iov_base: UnsafeMutableRawPointer(bitPattern: UInt(address)), iov_len: count)
        return vm(310, &local, &remote) == count  // process_vm_readv
    }

    /// One value of type T at `address`, or nil if it cannot be read.
    static func load<T: BitwiseCopyable>(_ address: UInt64, as: T.Type) -> T? {
        withUnsafeTemporaryAllocation(of: T.self, capacity: 1) { buffer in
            read(address, into: UnsafeMutableRawPointer(buffer.baseAddress!), count: MemoryLayout<T>.size) ? buffer[0] : nil
        }
    }

    /// Stores `value` at `address`; false if it cannot be written.
    @discardableResult
    static func store<T: BitwiseCopyable>(_ value: T, at address: UInt64) -> Bool {
        withUnsafeBytes(of: value) { write(address, from: $0.baseAddress!, count: $0.count) }
    }

    @discardableResult
    static func write(_ address: UInt64, from: UnsafeRawPointer, count: Int) -> Bool {
        guard count > 0 else { return true }
        var local = iovec(iov_base: UnsafeMutableRawPointer(mutating: from), iov_len: count)
        var remote = iovec(iov_base: UnsafeMutableRawPointer(bitPattern: UInt(address)), iov_len: count)
        return vm(311, &local, &remote) == count  // process_vm_writev
    }
}

/// A PROT_NONE reservation of dunetrace's, never made accessible: where a pointer that is not
/// the target's goes when the kernel's access_ok would take it natively (ModelGuard.standIn).
private let standInArea: (base: UInt64, size: UInt64)? = {
    let size: UInt64 = 1 << 36
    let p = mmap(nil, Int(size), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
    guard let p, p != MAP_FAILED else { return nil }
    return (UInt64(UInt(bitPattern: p)), size)
}()

struct ModelGuard {
    /// Where a pointer that is not the target's goes: access_ok refuses it whatever the length.
    static let unreachable: UInt64 = 0xffff_8000_0000_0000

    /// What the kernel gets for `length` bytes at `a`, memory that is not the target's: natively
    /// unmapped, so access_ok passes where the range lies in user space and the kernel's first
    /// touch faults. The kernel's checks that come before that touch (a bad descriptor, flags,
    /// counts) must still come first: so the address is one in a PROT_NONE area of dunetrace's,
    /// at the same offset in its page, and only a range past user space (or longer than the
    /// area) is the kernel-half address access_ok refuses at once.
    static func standIn(_ a: UInt64, _ length: Int) -> UInt64 {
        let (end, overflow) = a.addingReportingOverflow(UInt64(max(length, 0)))
        guard !overflow, end <= AddressSpace.taskSize, let area = standInArea,
              UInt64(max(length, 0)) <= area.size - 4096 else { return unreachable }
        return area.base + (a & 4095)
    }

    /// Whether `v` is where a pointer the target does not own was sent (not a host copy).
    static func isStandIn(_ v: UInt64) -> Bool {
        if v == unreachable { return true }
        guard let area = standInArea else { return false }
        return v >= area.base && v < area.base + area.size
    }
    /// The kernel's MAX_RW_COUNT: a data count is cut to it before access_ok (rw_verify_area,
    /// import_ubuf).
    private static let maxReadWriteCount = 0x7fff_f000
    /// What a descriptor of dunetrace's becomes: above any RLIMIT_NOFILE, never open.
    static let closedDescriptor: UInt64 = 0x7fff_ffff
    /// The longest buffer that may run off the region's end into its guard area.
    private static let partialLimit = 64 << 20
    /// The most dunetrace copies for one structure array (the kernel's own limits are lower).
    private static let copyLimit = 1 << 20
    /// The most of one string dunetrace copies (the kernel's own strings are far shorter).
    private static let stringCopyLimit = 64 << 20

    let reservedFdBase: Int64

    private func isReservedFd(_ v: UInt64) -> Bool {
        let fd = Int64(Int32(truncatingIfNeeded: v))
        return fd >= reservedFdBase && fd < reservedFdBase + SyscallGuard.reservedFdCount
    }

    /// Checks call `nr` with `args` against `description`.
    func decide(_ description: SyscallDescription, _ args: SyscallArgs, space: AddressSpace) -> GuardDecision {
        guard let parameters = description.arguments(for: args)
                ?? (description.multiplexer?.unknownReachesKernel == true ? description.arguments : nil) else {
            return .refuse(-Int64(description.multiplexer?.unknown ?? EINVAL))
        }
        var hostArgs = args
        // No pointer among the arguments (getppid, close, kill...): nothing to place or copy.
        if !parameters.contains(where: \.isPointer) {
            for (i, p) in parameters.enumerated() where i < 6 {
                if case .descriptor = p.type, isReservedFd(args[i]) { hostArgs[i] = ModelGuard.closedDescriptor }
            }
            return .run(hostArgs, nil)
        }
        let copies = GuardCopies()
        var context = Context(args: args, parameters: parameters, space: space, copies: copies)
        for (i, p) in parameters.enumerated() where i < 6 {
            switch p.type {
            case .descriptor:
                // One of dunetrace's: a number no one has open, so the kernel says EBADF in its order.
                if isReservedFd(args[i]) { hostArgs[i] = ModelGuard.closedDescriptor }
            case .pointer(let pointer):
                guard args[i] != 0 else { continue }  // NULL: the kernel decides
                switch place(args[i], pointer, &context) {
                case .address(let a): hostArgs[i] = a
                case .refuse(let e): return .refuse(e)
                }
            default: continue
            }
        }
        return .run(hostArgs, copies.buffers.isEmpty ? nil : copies)
    }

    // MARK: the interpreter

    fileprivate struct Context {
        let args: SyscallArgs
        let parameters: [Parameter]
        let space: AddressSpace
        let copies: GuardCopies
        /// The structure whose fields `.field` counts name (a host copy), innermost last.
        var structures: [(layout: StructLayout, base: UnsafeRawPointer)] = []
    }

    fileprivate enum Placement { case address(UInt64), refuse(Int64) }

    /// The address the kernel gets for a pointer to `pointer.pointee` at target address `a`.
    private func place(_ a: UInt64, _ pointer: PointerType, _ c: inout Context) -> Placement {
        let pointee = pointer.pointee
        // Page 0 and values past user space are no one's memory: as they are. (Low pages the
        // target mapped below 0x10000, where vm.mmap_min_addr allows, are in its ranges.)
        guard a >= 0x1000, a < 0x8000_0000_0000 else { return .address(a) }
        switch pointee {
        case .string(let limit):
            return copyString(a, limit: limit, &c)
        default:
            break
        }
        guard let length = span(pointee, at: a, &c) else {
            // A data buffer whose count does not fit an Int (size_t -1): the kernel cuts it to
            // MAX_RW_COUNT, or refuses it, before any touch.
            if case .bytes = pointee { return .address(ModelGuard.standIn(a, ModelGuard.maxReadWriteCount)) }
            return .address(ModelGuard.unreachable)
        }
        guard length > 0 else { return .address(a) }
        guard c.space.contains(a, UInt64(length)) else {
            // Running off the end of the main region: the kernel touches such memory from its
            // start on, and the PROT_NONE guard area after the region faults before anything of
            // dunetrace's, as the first unmapped page would natively (a partial read; msgsnd's
            // mtype read before its size is refused). Lengths natively past the top of user
            // space from a stack buffer (the kernel's access_ok) stay EFAULT: above 64 MiB.
            if !needsCopy(pointee) && a >= c.space.regionStart && a < c.space.regionEnd {
                if length <= ModelGuard.partialLimit { return .address(a) }
                if case .bytes(.sum(.fixed(let k), _)) = pointee, c.space.contains(a, UInt64(k)) { return .address(a) }
            }
            // read(fd, p, -1) checks 2 GiB less a page, not 16 EiB.
            if case .bytes = pointee { return .address(ModelGuard.standIn(a, min(length, ModelGuard.maxReadWriteCount))) }
            return .address(ModelGuard.standIn(a, length))
        }
        guard needsCopy(pointee) else { return .address(a) }
        guard length <= ModelGuard.copyLimit else { return .address(ModelGuard.standIn(a, length)) }
        // What the kernel writes into the copy must be writable where it goes back: a read-only
        // page is the kernel's EFAULT (pipe into read-only memory fails, its descriptors closed).
        // Unless the kernel writes it element by element (poll): then a readable array runs,
        // and the write-back stops at the first page it cannot write (EFAULT after the call).
        if pointer.direction != .input && !c.space.isAccessible(a, length, prot: PROT_WRITE)
            && !(pointer.written == .alwaysUntilFault && c.space.isAccessible(a, length)) { return .address(ModelGuard.standIn(a, length)) }
        let copy = c.copies.allocate(length)
        guard TargetAccess.read(a, into: copy, count: length) else { return .address(ModelGuard.standIn(a, length)) }
        var keep: [(offset: Int, length: Int)] = []
        if case .refuse(let e) = check(copy, pointee, length: length, base: 0, keep: &keep, &c) { return .refuse(e) }
        if case .onEINTRWhenZero(let n) = pointer.written, n < 6, c.args[n] != 0 {
            // Never written for these arguments (an absolute sleep): nothing goes back.
        } else if pointer.direction != .input {
            c.copies.writeBacks.append(.init(target: a, copy: copy, length: length, keep: keep, written: pointer.written))
        }
        return .address(UInt64(UInt(bitPattern: copy)))
    }

    /// A NUL-terminated string, copied: up to its NUL inside the target's memory; `limit` bytes
    /// without a NUL go as they are (the kernel's ENAMETOOLONG); memory ending first is EFAULT.
    private func copyString(_ a: UInt64, limit requested: Int, _ c: inout Context) -> Placement {
        // An unbounded string (init_module's arguments) is still bounded by the target's
        // memory; the copy is made for what is there, never for the limit itself.
        let limit = min(requested, ModelGuard.stringCopyLimit)
        if limit > 65536 {
            var bytes = [UInt8]()
            var done = 0
            while done < limit {
                let address = a &+ UInt64(done)
                let n = min(Int(4096 - address % 4096), limit - done)
                guard c.space.contains(address, UInt64(n)) else { return .address(ModelGuard.standIn(a, 1)) }
                var piece = [UInt8](repeating: 0, count: n)
                guard piece.withUnsafeMutableBytes({ TargetAccess.read(address, into: $0.baseAddress!, count: n) }) else {
                    return .address(ModelGuard.standIn(a, 1))
                }
                if let nul = piece.firstIndex(of: 0) { bytes += piece[...nul]; break }
                bytes += piece
                done += n
            }
            if bytes.last != 0 { bytes.append(1) }  // no NUL within the limit
            let copy = c.copies.allocate(bytes.count)
            bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
            return .address(UInt64(UInt(bitPattern: copy)))
        }
        let copy = c.copies.allocate(limit + 1)
        var done = 0
        while done < limit {
            let address = a &+ UInt64(done)
            // Short pieces, never across a page: most strings are short paths.
            let toPage = Int(4096 - address % 4096)
            let n = min(toPage, limit - done, done == 0 ? 256 : 4096)
            guard c.space.contains(address, UInt64(n)) else { return .address(ModelGuard.standIn(a, 1)) }
            if c.space.isSafelyReadable(address, n) {
                (copy + done).copyMemory(from: UnsafeRawPointer(bitPattern: UInt(address))!, byteCount: n)
            } else if !TargetAccess.read(address, into: copy + done, count: n) {
                return .address(ModelGuard.standIn(a, 1))
            }
            if let nul = UnsafeRawBufferPointer(start: copy + done, count: n).firstIndex(of: 0) {
                _ = nul
                return .address(UInt64(UInt(bitPattern: copy)))
            }
            done += n
        }
        copy.storeBytes(of: 1, toByteOffset: limit, as: UInt8.self)  // no NUL within the limit
        return .address(UInt64(UInt(bitPattern: copy)))
    }

    /// Bytes the kernel may touch at `a` for `pointee`; nil when they cannot be known (then
    /// the pointer is not passed).
    private func span(_ pointee: Pointee, at a: UInt64, _ c: inout Context) -> Int? {
        switch pointee {
        case .bytes(let n):
            // A fixed header before a negative length (msgsnd's mtype): the kernel reads the
            // header, then refuses the length.
            if let v = count(n, &c) { return v }
            if case .sum(.fixed(let k), _) = n { return k }
            return nil
        case .string: return 1
        case .scalar(let t, _): return t.bytes
        case .structure(let layout):
            // An extensible structure: the bytes its size says (a kernel reads at most a page).
            if let extent = layout.extent { return count(extent, &c).flatMap { $0 <= 4096 ? $0 : nil } }
            return layout.size
        case .array(let element, let n):
            guard let n = count(n, &c), let size = element.elementSize else { return nil }
            let (total, overflow) = n.multipliedReportingOverflow(by: size)
            return overflow ? nil : total
        case .nullTerminated(_, let limit):
            // The pointer array up to its NULL, inside the target's memory.
            var k = 0
            var word: UInt64 = 0
            while k < limit {
                let address = a &+ UInt64(k * 8)
                guard c.space.contains(address, 8), TargetAccess.read(address, into: &word, count: 8) else { return nil }
                k += 1
                if word == 0 { break }
            }
            return k * 8
        case .socketAddress(let n):
            guard let n = count(n, &c) else { return nil }
            return min(n, 128)  // the kernel never uses more than a sockaddr_storage
        case .controlMessages(let n): return count(n, &c)
        }
    }

    /// A count's value now (before the call). Negative or unknowable counts give nil.
    private func count(_ n: Count, _ c: inout Context) -> Int? {
        let context = c
        return n.value(CountSources(
            argument: { i in
                guard i < 6 else { return nil }
                if i < context.parameters.count, case .integer(let t, _) = context.parameters[i].type { return t.value(of: context.args[i]) }
                return Int64(bitPattern: context.args[i])
            },
            pointee: { i in
                guard i < 6 else { return nil }
                var v: UInt32 = 0
                let p = context.args[i]
                guard p != 0, context.space.contains(p, 4), TargetAccess.read(p, into: &v, count: 4) else { return 0 }
                return Int(Int32(bitPattern: v)) < 0 ? nil : Int(v)
            },
            field: { name in
                guard let (layout, base) = context.structures.last, let f = layout.fields.first(where: { $0.name == name }),
                      case .integer(let t, _) = f.type else { return nil }
                var raw: UInt64 = 0
                withUnsafeMutableBytes(of: &raw) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + f.offset, count: t.bytes)) }
                return t.value(of: raw)
            },
            result: nil))  // not known before the call: the capacity must be described
    }

    /// Whether the kernel's view of `pointee` must be a checked copy.
    private func needsCopy(_ pointee: Pointee) -> Bool {
        switch pointee {
        case .structure(let layout): return layout.extent != nil || layout.fields.contains { field in
            switch field.type {
            case .pointer, .descriptor: true
            default: false
            }
        }
        case .array(let element, _): return needsCopy(element)
        case .nullTerminated, .controlMessages: return true
        default: return false
        }
    }

    /// Checks the host copy of `pointee` (at `copy + base`) and places its nested pointers.
    private func check(_ copy: UnsafeMutableRawPointer, _ pointee: Pointee, length: Int, base: Int,
                       keep: inout [(offset: Int, length: Int)], _ c: inout Context) -> Placement {
        switch pointee {
        case .structure(let layout):
            // Attributes past what the model describes: refused unless zero (E2BIG).
            if layout.extent != nil, length > layout.size,
               UnsafeRawBufferPointer(start: copy + base + layout.size, count: length - layout.size).contains(where: { $0 != 0 }) {
                return .refuse(-Int64(E2BIG))
            }
            c.structures.append((layout, UnsafeRawPointer(copy + base)))
            defer { c.structures.removeLast() }
            for f in layout.fields {
                let at = base + f.offset
                // A field the structure's extent does not reach is not there.
                guard at + f.type.storageSize <= base + length else { continue }
                switch f.type {
                case .descriptor:
                    // poll's entries and the like: the kernel's own answer for a closed one (POLLNVAL).
                    if isReservedFd(UInt64(copy.loadUnaligned(fromByteOffset: at, as: UInt32.self))) {
                        copy.storeBytes(of: UInt32(ModelGuard.closedDescriptor), toByteOffset: at, as: UInt32.self)
                        keep.append((at, 4))
                    }
                case .pointer(let inner):
                    keep.append((at, 8))
                    if let when = f.pointerWhen, base + when.offset + 4 <= base + length,
                       copy.loadUnaligned(fromByteOffset: base + when.offset, as: Int32.self) != when.value { continue }
                    let value = copy.loadUnaligned(fromByteOffset: at, as: UInt64.self)
                    guard value != 0 else { continue }
                    switch place(value, inner, &c) {
                    case .address(let placed): copy.storeBytes(of: placed, toByteOffset: at, as: UInt64.self)
                    case .refuse(let e): return .refuse(e)
                    }
                default: continue
                }
            }
            return .address(0)
        case .array(let element, _):
            guard let size = element.elementSize, size > 0 else { return .address(0) }
            var offset = base
            while offset + size <= base + length {
                if case .refuse(let e) = check(copy, element, length: size, base: offset, keep: &keep, &c) { return .refuse(e) }
                offset += size
            }
            return .address(0)
        case .nullTerminated(let element, _):
            var offset = base
            while offset + 8 <= base + length {
                let value = copy.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                keep.append((offset, 8))
                if value != 0 {
                    switch place(value, PointerType(.input, element), &c) {
                    case .address(let placed): copy.storeBytes(of: placed, toByteOffset: offset, as: UInt64.self)
                    case .refuse(let e): return .refuse(e)
                    }
                }
                offset += 8
            }
            return .address(0)
        case .controlMessages:
            return checkControlMessages(copy + base, length: length)
        case .string(let limit):
            // An array of string pointers (elementSize 8): each one placed.
            let value = copy.loadUnaligned(fromByteOffset: base, as: UInt64.self)
            keep.append((base, 8))
            guard value != 0 else { return .address(0) }
            switch place(value, PointerType(.input, .string(limit: limit)), &c) {
            case .address(let placed): copy.storeBytes(of: placed, toByteOffset: base, as: UInt64.self)
            case .refuse(let e): return .refuse(e)
            }
            return .address(0)
        default:
            return .address(0)
        }
    }

    /// SCM_RIGHTS may pass only the target's own descriptors.
    private func checkControlMessages(_ p: UnsafeMutableRawPointer, length: Int) -> Placement {
        var offset = 0
        while offset + 16 <= length {
            let len = Int(p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let level = p.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self)
            let type = p.loadUnaligned(fromByteOffset: offset + 12, as: Int32.self)
            guard len >= 16, len <= length - offset else { break }
            if level == SOL_SOCKET && type == 1 {  // SCM_RIGHTS
                var k = offset + 16
                while k + 4 <= offset + len {
                    if isReservedFd(UInt64(p.loadUnaligned(fromByteOffset: k, as: UInt32.self))) { return .refuse(-Int64(EBADF)) }
                    k += 4
                }
            }
            offset += (len + 7) & ~7
        }
        return .address(0)
    }
}
