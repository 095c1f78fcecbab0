// The capture as an interpreter of the syscall model (DESIGN.md, "Recording is complete"):
// for a call recorded without a line (--silent, -o /dev/null, a call -e does not show), the
// bytes of every string, buffer and structure the call's description names, so `replay` can
// print them later as the live text would have. It copies; it formats nothing. Inputs and
// outputs are taken after the call (outputs only when the kernel wrote them); strings through
// their NUL, buffers up to the capture limit, structures whole (up to an unreadable page),
// nested pointers followed.
import CKVM

struct ModelCapture {
    /// Bytes kept of a buffer (the -s limit at record time, at least 32); strings shown in
    /// full (paths) are kept up to their own limit.
    let limit: Int
    /// The call's buffers are netlink messages, which the decoder reads whole (up to 64 KiB,
    /// as far as they are readable), not cut at the string limit.
    var wholeBuffers = false
    /// setsockopt and getsockopt.
    private static let socketOptionCalls: Set<Int> = [54, 55]
    /// At most this many elements of an array are followed into their pointers.
    private static let elementLimit = 64
    /// Extensible structures given as bytes (struct open_how, struct mount_attr), by call and
    /// argument: the decoder prints their fields and every non-zero byte after them up to a
    /// page (strace's print_nonzero_bytes), so they are kept up to a page, as far as readable.
    private static let extensibleStructures: [String: Int] = ["openat2": 2, "mount_setattr": 3]

    func captures(_ description: SyscallDescription, _ args: SyscallArgs, result: Int64?, memory: any TargetMemory) -> [MemoryCapture] {
        // A selector the model has no variant for prints by the call's own description (so
        // quotactl's path shows with an unknown command): that is what is kept.
        let parameters = description.arguments(for: args) ?? description.arguments
        // rt_sigreturn's frame (its record's first argument): the mask strace prints.
        if description.number == 15 {
            guard args.a0 != 0, let bytes = memory.read(args.a0 &+ 296, count: 8) else { return [] }
            return [MemoryCapture(address: args.a0 &+ 296, bytes: bytes)]
        }
        // No arguments (getpid, getppid, sched_yield...): nothing in memory to keep.
        guard !parameters.isEmpty else { return [] }
        var out: [MemoryCapture] = []
        var context = Context(args: args, parameters: parameters, result: result, memory: memory)
        // (An ioctl's result is the request's own, never a count of the bytes it wrote; recvmmsg's
        // counts messages, each with its msg_len.)
        context.resultIsCount = description.result == .decimal && description.number != 16 && description.number != 299
        let shown = SyscallTable.argumentShapes(description.number)
        for (i, p) in parameters.enumerated() where i < 6 {
            guard case .pointer(let pointer) = p.type, args[i] != 0, written(pointer, result, args) else { continue }
            // What the decoder prints as a structure (directory entries, a socket address)
            // it reads whole, not cut at the string limit.
            if i < shown.count {
                context.whole = shown.structures & (1 << i) != 0
                // A buffer the decoder prints as a path (getcwd) it reads as a string.
                context.path = shown.paths & (1 << i) != 0
            }
            context.output = pointer.direction != .input
            // An ioctl's argument is the request's structure (a key map, a font), which its
            // decoder prints whole or to -s: kept whole.
            if description.number == 16 && i == 2 { context.whole = true }
            context.extensible = Self.extensibleStructures[description.name] == i
            // A socket option's value prints as a structure chosen by level and name (the
            // largest, group_req, is 136 bytes): kept past the string limit.
            context.structureBytes = Self.socketOptionCalls.contains(description.number) && i == 3 ? 256 : 0
            capture(args[i], pointer.pointee, &context, into: &out)
            // A value-result argument: its value at entry too (EntryValuesMemory).
            if EntryValuesMemory.keptAtEntry(i, args, parameters), let size = EntryValuesMemory.entrySize(pointer.pointee, args, parameters), size > 0,
               let bytes = memory.read(EntryValuesMemory.alias(args[i]), count: size) {
                out.append(MemoryCapture(address: EntryValuesMemory.alias(args[i]), bytes: bytes))
            }
        }
        if description.name == "ioctl" { out += videoCaptures(args, memory: memory) }
        out += socketFilterCaptures(description.number, args, result: result, memory: memory)
        out += aioCaptures(description.number, args, memory: memory)
        for field in EntryValuesMemory.valueResultFields(description.number, args) {
            if let bytes = memory.read(EntryValuesMemory.alias(field), count: 4) {
                out.append(MemoryCapture(address: EntryValuesMemory.alias(field), bytes: bytes))
            }
        }
        return out
    }

    /// A socket filter's instructions, which the model's optval (optlen bytes) does not reach:
    /// setsockopt(SO_ATTACH_FILTER, SO_ATTACH_REUSEPORT_CBPF)'s sock_fprog points to them;
    /// getsockopt(SO_GET_FILTER)'s optlen counts them. Kept up to BPF_MAXINSNS and one more.
    private func socketFilterCaptures(_ number: Int, _ args: SyscallArgs, result: Int64?, memory: any TargetMemory) -> [MemoryCapture] {
        guard Self.socketOptionCalls.contains(number), args.a1 & 0xffff_ffff == 1, args.a3 != 0 else { return [] }
        let option = args.a2 & 0xffff_ffff
        var address = args.a3, count = 0
        if number == 54, option == 26 || option == 51, args.a4 & 0xffff_ffff == 16, let fprog = memory.read(args.a3, count: 16) {
            count = Int(UInt16(fprog[0]) | UInt16(fprog[1]) << 8)
            address = fprog[8..<16].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        } else if number == 55, option == 26, result == 0, let length = memory.read(args.a4, count: 4) {
            count = Int(Int32(bitPattern: length.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }))
        }
        guard count > 0, address != 0 else { return [] }
        let bytes = min(count, 4097) * 8
        guard let kept = memory.read(address, count: bytes) ?? readablePrefix(address, bytes, memory) else { return [] }
        return [MemoryCapture(address: address, bytes: kept)]
    }

    /// What strace's aio.c reads past the model (which cannot say that an iocb's aio_buf is
    /// an iovec array for IOCB_CMD_PREADV/PWRITEV only): io_submit's iovec arrays and
    /// PWRITEV's buffers; io_cancel's whole iocb, of which the kernel reads only aio_key.
    private func aioCaptures(_ number: Int, _ args: SyscallArgs, memory: any TargetMemory) -> [MemoryCapture] {
        if number == 210 {
            return memory.read(args.a1, count: 64).map { [MemoryCapture(address: args.a1, bytes: $0)] } ?? []
        }
        guard number == 209, Int64(bitPattern: args.a1) > 0 else { return [] }
        func u64(_ b: [UInt8], _ at: Int) -> UInt64 { b[at..<at + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        var out: [MemoryCapture] = []
        // As many iocbs as the decoder shows (-s), each iovec array as far as it shows it.
        for i in 0..<min(args.a1, UInt64(limit), UInt64(Self.elementLimit)) {
            guard let slot = memory.read(args.a2 &+ i &* 8, count: 8) else { break }
            guard let cb = memory.read(u64(slot, 0), count: 64) else { continue }
            let opcode = UInt16(cb[16]) | UInt16(cb[17]) << 8, base = u64(cb, 24), count = u64(cb, 32)
            guard opcode == 7 || opcode == 8, Int64(bitPattern: count) >= 0 else { continue }
            for j in 0..<min(count, UInt64(limit) + 1) {
                guard let iov = memory.read(base &+ j &* 16, count: 16) else { break }
                out.append(MemoryCapture(address: base &+ j &* 16, bytes: iov))
                let length = Int(min(u64(iov, 8), UInt64(limit)))
                if opcode == 8, length > 0, let bytes = memory.read(u64(iov, 0), count: length) {
                    out.append(MemoryCapture(address: u64(iov, 0), bytes: bytes))
                }
            }
        }
        return out
    }

    private struct Context {
        let args: SyscallArgs
        let parameters: [Parameter]
        let result: Int64?
        let memory: any TargetMemory
        var structure: (StructLayout, [UInt8])?
        /// The argument is printed as a structure: its bytes are kept whole (up to 64 KiB).
        var whole = false
        /// The argument is one the kernel writes.
        var output = false
        /// The argument is printed as a path.
        var path = false
        /// The argument is an extensible structure (extensibleStructures).
        var extensible = false
        /// Bytes kept of a buffer at least, whatever the capture limit.
        var structureBytes = 0
        /// The call returns a count (of the bytes it wrote, for read and its kind).
        var resultIsCount = false
    }

    private func written(_ pointer: PointerType, _ result: Int64?, _ args: SyscallArgs) -> Bool {
        // What the kernel reads is there after the call too; a value-result it did not write
        // still holds the value the call was given, which the decoder prints.
        guard pointer.direction == .output else { return true }
        switch pointer.written {
        case .always, .alwaysUntilFault: return true
        case .onSuccess: return (result ?? -1) >= 0
        case .onEINTR: return result == -4
        case .onEINTRWhenZero(let n): return result == -4 && n < 6 && args[n] == 0
        case .onE2BIG: return result == -7
        }
    }

    private func capture(_ address: UInt64, _ pointee: Pointee, _ c: inout Context, into out: inout [MemoryCapture]) {
        var pointee = pointee
        if c.path, case .bytes = pointee { pointee = .string(limit: 4096) }
        switch pointee {
        case .string(let stringLimit):
            guard case (var bytes, let complete)? = c.memory.readCString(address, max: min(stringLimit, 4096) + 1) else { return }
            if complete { bytes.append(0) }
            var kept = MemoryCapture(address: address, bytes: bytes)
            // The decoder reads to the end of the page: the rest reads as zeros.
            let end = (address &+ UInt64(kept.bytes.count) &+ 4095) & ~4095
            kept.readableCount = Int(min(end &- address, UInt64(stringLimit + 1)))
            out.append(kept)
        case .bytes(let n), .socketAddress(let n), .controlMessages(let n):
            guard let n = count(n, &c) else { return }
            var kept = min(n, c.whole || (wholeBuffers && pointee.isBytes) ? 1 << 16 : max(limit, c.structureBytes))
            if case .socketAddress = pointee { kept = min(n, 128) }
            // Control messages print whole, up to optmem_max (strace's decode_msg_control).
            if case .controlMessages = pointee { kept = min(n, ArgumentDecoder.optmemMax) }
            if c.extensible { kept = min(n, 4096) }
            // A call that returns how many bytes it wrote (read, getdents64, recv...) wrote no more.
            // (Not a descriptor, nor a socket address whose length is its own.)
            // (Nor a bitmap: select returns how many descriptors are ready.)
            if case .bytes(let count) = pointee, !count.isBitmap, c.resultIsCount, c.output, let r = c.result, r > 0, r < kept { kept = Int(r) }
            if kept > 0, let bytes = c.memory.read(address, count: kept) ?? (wholeBuffers || c.whole || c.extensible ? readablePrefix(address, kept, c.memory) : nil) {
                out.append(MemoryCapture(address: address, bytes: bytes))
            }
        case .scalar(let t, _):
            if let bytes = c.memory.read(address, count: t.bytes) { out.append(MemoryCapture(address: address, bytes: bytes)) }
        case .structure(let layout):
            // A structure that runs into an unreadable page: what can be read of it (a decoder
            // may print its first fields, as EVIOCGMTSLOTS's code). An extensible one: the
            // bytes its extent says (at most a page).
            let size = layout.extent.map { count($0, &c).map { min($0, 4096) } ?? 0 } ?? layout.size
            guard size > 0, let bytes = c.memory.read(address, count: size) ?? readablePrefix(address, size, c.memory) else { return }
            out.append(MemoryCapture(address: address, bytes: bytes))
            followPointers(layout, bytes, &c, into: &out)
        case .array(let element, let n):
            guard let n = count(n, &c), let size = element.elementSize, size > 0 else { return }
            // A whole argument's flat elements are kept as its bytes are (up to 64 KiB); elements
            // are followed into their pointers up to the limit. Up to the first element that
            // cannot be read (poll's array running into an unmapped page prints those, then
            // where it stopped).
            // Elements the call reads, without pointers, are kept as -v prints them too (a seccomp
            // filter's instructions, up to 64 KiB); an output array's size is the caller's
            // maximum (epoll_wait's maxevents), not what is written.
            var flat = !c.output
            switch element {
            case .structure(let layout): flat = flat && !layout.carriesPointers
            case .scalar, .bytes: break
            default: flat = false
            }
            // Elements with pointers: as many as -s shows, and the one after (strace reads it to
            // tell `...` from `... /* 0x... */`), at least the limit.
            let shown = c.whole || flat ? min(n, max(ModelCapture.elementLimit, (1 << 16) / size))
                : min(n, max(ModelCapture.elementLimit, min(limit, 1 << 20) + 1))
            guard shown > 0, var bytes = c.memory.read(address, count: shown * size) ?? readablePrefix(address, shown * size, c.memory) else { return }
            bytes.removeLast(bytes.count % size)
            guard !bytes.isEmpty else { return }
            out.append(MemoryCapture(address: address, bytes: bytes))
            if case .structure(let layout) = element {
                for k in 0..<min(bytes.count / size, ModelCapture.elementLimit) {
                    followPointers(layout, Array(bytes[k * size..<(k + 1) * size]), &c, into: &out)
                }
            }
        case .nullTerminated(let element, _):
            var k = 0
            var pointers: [UInt8] = []
            while k < ModelCapture.elementLimit, let word = c.memory.read(address &+ UInt64(k * 8), count: 8) {
                pointers += word
                let value = word.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                if value == 0 { break }
                capture(value, element, &c, into: &out)
                k += 1
            }
            if !pointers.isEmpty { out.append(MemoryCapture(address: address, bytes: pointers)) }
        }
    }

    /// The bytes from `address` up to the first unreadable page (a message the decoder reads
    /// until it meets the fault, as strace does), nil when none.
    private func readablePrefix(_ address: UInt64, _ count: Int, _ memory: any TargetMemory) -> [UInt8]? {
        var bytes: [UInt8] = []
        var at = address
        while bytes.count < count {
            let chunk = min(count - bytes.count, Int(4096 - (at & 4095)))
            guard let part = memory.read(at, count: chunk) else { break }
            bytes += part
            at &+= UInt64(chunk)
        }
        return bytes.isEmpty ? nil : bytes
    }

    private func followPointers(_ layout: StructLayout, _ bytes: [UInt8], _ c: inout Context, into out: inout [MemoryCapture]) {
        let outer = c.structure
        c.structure = (layout, bytes)
        defer { c.structure = outer }
        for f in layout.fields {
            guard case .pointer(let inner) = f.type, f.offset + 8 <= bytes.count, written(inner, c.result, c.args) else { continue }
            let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: f.offset, as: UInt64.self) }
            if value != 0 { capture(value, inner.pointee, &c, into: &out) }
        }
    }

    /// A count as it stands after the call (`.result` is known now). A huge argument is cut to
    /// 2^40, so a buffer with a sloppy count is still kept up to the capture limit.
    private func count(_ n: Count, _ c: inout Context) -> Int? {
        let context = c
        return n.value(CountSources(
            argument: { i in
                guard i < 6 else { return nil }
                let v: Int64
                if i < context.parameters.count, case .integer(let t, _) = context.parameters[i].type { v = t.value(of: context.args[i]) } else { v = Int64(bitPattern: context.args[i]) }
                return v < 0 ? nil : min(v, Int64(1) << 40)
            },
            pointee: { i in
                guard i < 6, context.args[i] != 0, let b = context.memory.read(context.args[i], count: 4) else { return nil }
                return Int(b.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
            },
            field: { name in
                guard let (layout, bytes) = context.structure, let f = layout.fields.first(where: { $0.name == name }),
                      case .integer(let t, _) = f.type, f.offset + t.bytes <= bytes.count else { return nil }
                var raw: UInt64 = 0
                withUnsafeMutableBytes(of: &raw) { r in bytes.withUnsafeBytes { r.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[f.offset..<f.offset + t.bytes])) } }
                let v = t.value(of: raw)
                return v < 0 ? nil : min(v, Int64(1) << 40)
            },
            result: c.result))
    }
}

private extension Pointee {
    var isBytes: Bool {
        if case .bytes = self { return true }
        return false
    }
}
