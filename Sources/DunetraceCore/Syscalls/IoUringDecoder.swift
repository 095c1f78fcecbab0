// io_uring_setup and io_uring_enter as strace 6.1 prints them (src/io_uring.c): the parameters
// the caller set at entry, what the kernel filled in after a successful setup.

extension ArgumentDecoder {
    func ioUringSetup() -> DecodedCall {
        let address = arg(1)
        let entries = String(UInt32(truncatingIfNeeded: arg(0)))
        guard dereferenced, let p = readStruct(address, size: 120) else {
            return DecodedCall([entries, StraceText.pointer(address)], returns: .fd)
        }
        let flags = p.u32(8)
        var text = "{flags=\(FlagTables.ioUringSetupFlags.formatFlags(UInt64(flags), style: style))"
            + ", sq_thread_cpu=\(StraceText.hex(UInt64(p.u32(12)))), sq_thread_idle=\(p.u32(16))"
        if flags & 0x20 != 0 { text += ", wq_fd=" + descriptor(UInt64(p.u32(24))) }  // IORING_SETUP_ATTACH_WQ
        if (0..<3).contains(where: { p.u32(28 + $0 * 4) != 0 }) { text += ", resv=" + hexArray(p, at: 28, count: 3, size: 4) }
        // After the call, the kernel's answer (strace reads it again).
        if succeeded, let q = readStruct(address, size: 120) {
            text += ", sq_entries=\(q.u32(0)), cq_entries=\(q.u32(4))"
                + ", features=\(FlagTables.ioUringFeatures.formatFlags(UInt64(q.u32(20)), style: style))"
                + ", sq_off=" + Self.ringOffsets(q, at: 40, names: ["head", "tail", "ring_mask", "ring_entries", "flags", "dropped", "array"])
                + ", cq_off=" + Self.ringOffsets(q, at: 80, names: ["head", "tail", "ring_mask", "ring_entries", "overflow", "cqes", "flags"])
        }
        return DecodedCall([entries, text + "}"], returns: .fd)
    }

    /// struct io_sqring_offsets / io_cqring_offsets: seven u32, then resv1 (u32) and resv2
    /// (u64) shown only when set.
    private static func ringOffsets(_ s: StructBytes, at offset: Int, names: [String]) -> String {
        var fields = names.enumerated().map { "\($0.element)=\(s.u32(offset + $0.offset * 4))" }
        if s.u32(offset + 28) != 0 { fields.append("resv1=" + StraceText.hex(UInt64(s.u32(offset + 28)))) }
        if s.u64(offset + 32) != 0 { fields.append("resv2=" + StraceText.hex(s.u64(offset + 32))) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    func ioUringEnter() -> DecodedCall {
        let flags = UInt64(UInt32(truncatingIfNeeded: arg(3)))
        let set = arg(4), size = register(5)
        let sigset = set == 0 ? "NULL" : (dereferenced ? self.sigset(set, size: size) : nil) ?? StraceText.pointer(set)
        return DecodedCall([descriptor(arg(0)), String(UInt32(truncatingIfNeeded: arg(1))), String(UInt32(truncatingIfNeeded: arg(2))),
                            FlagTables.ioUringEnterFlags.formatFlags(flags, style: style), sigset, String(size)])
    }
}

extension ArgumentDecoder {
    /// strace's print_array: `NULL`, `[]`, elements read one by one and cut after -s of them
    /// (`...`); an unreadable first element prints the address, a later one `... /* 0x... */`.
    func straceArray(_ address: UInt64, count: UInt64, size: Int, indices: ((Int) -> String)? = nil,
                     truncated: Bool = false, _ element: (StructBytes) -> String) -> String {
        straceArrayReachingEnd(address, count: count, size: size, indices: indices, truncated: truncated, element).text
    }

    /// straceArray, and whether it went to the array's end (print_array_ex's result).
    func straceArrayReachingEnd(_ address: UInt64, count: UInt64, size: Int, indices: ((Int) -> String)? = nil,
                                truncated: Bool = false, _ element: (StructBytes) -> String) -> (text: String, complete: Bool) {
        if address == 0 { return ("NULL", false) }
        if count == 0 { return ("[]", false) }
        let (total, overflow) = count.multipliedReportingOverflow(by: UInt64(size))
        if overflow || address &+ total <= address { return (StraceText.pointer(address), false) }
        let shown = abbreviated ? min(count, UInt64(stringLimit)) : count
        var items: [String] = []
        var cut = false
        var i: UInt64 = 0
        while i < count {
            let at = address &+ i &* UInt64(size)
            guard let e = readStruct(at, size: size) else {
                if i == 0 { return (StraceText.pointer(address), false) }
                items.append("... /* \(StraceText.pointer(at)) */")
                cut = true
                break
            }
            if i >= shown {
                items.append("...")
                cut = true
                i = count
                break
            }
            items.append((indices.map { "[\($0(Int(i)))]=" } ?? "") + element(e))
            i += 1
        }
        if truncated && !cut { items.append("...") }
        return ("[" + items.joined(separator: ", ") + "]", i >= count)
    }

    /// `{iov_base=0x..., iov_len=N}` elements: io_uring's registered buffers print addresses.
    private func addressIovecs(_ address: UInt64, count: UInt64) -> String {
        straceArray(address, count: count, size: 16) { "{iov_base=\(StraceText.pointer($0.u64(0))), iov_len=\($0.u64(8))}" }
    }

    /// A files-update descriptor: IORING_REGISTER_FILES_SKIP and other values below -1 by name.
    private func updateDescriptor(_ fd: Int32) -> String {
        guard fd < -1 else { return descriptor(UInt64(UInt32(bitPattern: fd))) }
        guard let name = FlagTables.ioUringFilesUpdateFds.name(of: UInt64(UInt32(bitPattern: fd))) else { return String(fd) }
        return style.spell(raw: String(fd), name)
    }

    private func fdArray(_ address: UInt64, count: UInt64, update: Bool = false) -> String {
        straceArray(address, count: count, size: 4) { update ? updateDescriptor($0.i32(0)) : descriptor(UInt64($0.u32(0))) }
    }

    private static func nonzeroHex(_ name: String, _ v: UInt64) -> String { v == 0 ? "" : ", \(name)=\(StraceText.hex(v))" }

    func ioUringRegister() -> DecodedCall {
        let opcode = UInt32(truncatingIfNeeded: arg(1))
        let address = arg(2)
        let nargs = UInt64(UInt32(truncatingIfNeeded: arg(3)))
        var args = [descriptor(arg(0)), FlagTables.ioUringRegisterOpcode.formatValue(UInt64(opcode), style: style)]
        let value: String
        switch opcode {
        case 0: value = addressIovecs(address, count: nargs)  // BUFFERS
        case 2, 4, 7: value = fdArray(address, count: nargs)  // FILES, EVENTFD, EVENTFD_ASYNC
        case 6:  // FILES_UPDATE
            value = readStruct(address, size: 16).map {
                "{offset=\($0.u32(0))" + Self.nonzeroHex("resv", UInt64($0.u32(4)))
                    + ", fds=" + fdArray($0.u64(8), count: nargs, update: true) + "}"
            } ?? StraceText.pointer(address)
        case 8: value = ioUringProbe(address, count: nargs)
        case 11: value = straceArray(address, count: nargs, size: 16) { restriction($0) }  // RESTRICTIONS
        case 13, 15: value = rsrcRegister(address, size: nargs, opcode: opcode)  // FILES2, BUFFERS2
        case 14, 16: value = rsrcUpdate(address, size: nargs, opcode: opcode)  // FILES_UPDATE2, BUFFERS_UPDATE
        case 17:  // IOWQ_AFF
            // Printed at entry, whatever the call returns.
            value = !dereferenced || address == 0 ? StraceText.pointer(address)
                : nargs == 0 ? "[]" : cpuSet(address, size: nargs) ?? StraceText.pointer(address)
        case 19:  // IOWQ_MAX_WORKERS: [IO_WQ_BOUND]=N, in and out
            let index = { (i: Int) in FlagTables.ioUringIowqAcct.name(of: UInt64(i)).map { style.spell(raw: String(i), $0) }
                ?? (style == .raw ? String(i) : "\(i) /* IO_WQ_??? */") }
            let before = straceArrayReachingEnd(address, count: nargs, size: 4, indices: index) { String($0.u32(0)) }
            // The whole array shown at entry: ` => ` what the kernel left (the address on error).
            if before.complete, event.result != nil {
                value = before.text + " => " + (succeeded
                    ? straceArray(address, count: nargs, size: 4, indices: index) { String($0.u32(0)) } : StraceText.pointer(address))
            } else {
                value = before.text
            }
        case 20:  // RING_FDS
            value = straceArray(address, count: nargs, size: 16) {
                let offset = $0.u32(0)
                return "{offset=\(offset == .max ? "-1" : String(offset))" + Self.nonzeroHex("resv", UInt64($0.u32(4)))
                    + ", data=" + descriptor($0.u64(8)) + "}"
            }
        case 21:  // UNREGISTER_RING_FDS
            value = straceArray(address, count: nargs, size: 16) {
                "{offset=\($0.u32(0))" + Self.nonzeroHex("resv", UInt64($0.u32(4))) + Self.nonzeroHex("data", $0.u64(8)) + "}"
            }
        case 22, 23: value = bufferRing(address)  // PBUF_RING, UNREGISTER_PBUF_RING
        default: value = StraceText.pointer(address)
        }
        args += [value, String(nargs)]
        return DecodedCall(args)
    }

    /// struct io_uring_buf_reg.
    private func bufferRing(_ address: UInt64) -> String {
        guard let b = readStruct(address, size: 40) else { return StraceText.pointer(address) }
        var text = "{ring_addr=\(StraceText.pointer(b.u64(0))), ring_entries=\(b.u32(8)), bgid=\(b.u16(12))"
        text += Self.nonzeroHex("pad", UInt64(b.u16(14)))
        let reservedSet = (0..<3).contains { b.u64(16 + $0 * 8) != 0 }
        if reservedSet { text += ", resv=" + hexArray(b, at: 16, count: 3, size: 8) }
        return text + "}"
    }

    private func restriction(_ r: StructBytes) -> String {
        let opcode = r.u16(0)
        var text = "{opcode=" + FlagTables.ioUringRestrictionOpcode.formatValue(UInt64(opcode), style: style)
        let v = UInt64(r.bytes[2])
        switch opcode {
        case 0: text += ", register_op=" + FlagTables.ioUringRegisterOpcode.formatValue(v, style: style)
        case 1: text += ", sqe_op=" + FlagTables.ioUringOps.formatValue(v, style: style)
        case 2, 3: text += ", sqe_flags=" + FlagTables.ioUringSqeFlags.formatFlags(v, style: style)
        default: text += " /* op: \(StraceText.hex(v)) */"
        }
        text += Self.nonzeroHex("resv", UInt64(r.bytes[3]))
        if (0..<3).contains(where: { r.u32(4 + $0 * 4) != 0 }) { text += ", resv2=" + hexArray(r, at: 4, count: 3, size: 4) }
        return text + "}"
    }

    /// IORING_REGISTER_PROBE as strace's print_io_uring_probe: the caller's structure as given
    /// when not all zero (the kernel refuses it then), and after a success ` => ` what the
    /// kernel filled in; the address when nothing was shown.
    private func ioUringProbe(_ address: UInt64, count: UInt64) -> String {
        guard count <= 256, dereferenced else { return StraceText.pointer(address) }
        let size = 16 + Int(count) * 8
        var atEntry = self
        atEntry.memory = MemoryAtEntry(base: memory)
        guard let given = atEntry.readStruct(address, size: size) else { return StraceText.pointer(address) }
        let givenText = given.bytes.allSatisfy({ $0 == 0 }) ? nil : probeText(given, count: count, exiting: false)
        guard succeeded else { return givenText ?? StraceText.pointer(address) }
        let now = readStruct(address, size: size).map { probeText($0, count: count, exiting: true) } ?? StraceText.pointer(address)
        return givenText.map { $0 + " => " + now } ?? now
    }

    private func probeText(_ p: StructBytes, count: UInt64, exiting: Bool) -> String {
        let opsLength = UInt64(p.bytes[1])
        var text = "{last_op=" + Self.unsignedValue(FlagTables.ioUringOps, UInt64(p.bytes[0]), style: style) + ", ops_len=\(opsLength)"
        text += Self.nonzeroHex("resv", UInt64(p.u16(2)))
        if (0..<3).contains(where: { p.u32(4 + $0 * 4) != 0 }) { text += ", resv2=" + hexArray(p, at: 4, count: 3, size: 4) }
        let n = exiting ? min(opsLength, count) : count
        var ops: [String] = []
        for i in 0..<Int(n) {
            if abbreviated && i >= stringLimit { ops.append("..."); break }
            let o = 16 + i * 8
            var op = "{op=" + Self.unsignedValue(FlagTables.ioUringOps, UInt64(p.bytes[o]), style: style)
            op += Self.nonzeroHex("resv", UInt64(p.bytes[o + 1]))
            op += ", flags=" + FlagTables.ioUringOpFlags.formatFlags(UInt64(p.u16(o + 2)), style: style)
            op += Self.nonzeroHex("resv2", UInt64(p.u32(o + 4)))
            ops.append(op + "}")
        }
        if exiting && count < opsLength && !(ops.last == "...") { ops.append("...") }
        return text + ", ops=[" + ops.joined(separator: ", ") + "]}"
    }

    /// PRINT_FIELD_XVAL_U: a name, or the number in decimal with the unknown comment.
    private static func unsignedValue(_ table: NameTable, _ v: UInt64, style: ConstStyle) -> String {
        guard let name = table.name(of: v) else { return style == .raw ? String(v) : "\(v) /* \(table.unknown) */" }
        return style.spell(raw: String(v), name)
    }

    private func rsrcData(_ data: UInt64, count: UInt64, opcode: UInt32) -> String {
        switch opcode {
        case 13: return ", data=" + fdArray(data, count: count)
        case 14: return ", data=" + fdArray(data, count: count, update: true)
        default: return ", data=" + addressIovecs(data, count: count)
        }
    }

    private func rsrcTags(_ tags: UInt64, count: UInt64) -> String {
        ", tags=" + straceArray(tags, count: count, size: 8) { StraceText.hex($0.u64(0)) }
    }

    /// struct io_uring_rsrc_register (32 bytes; a larger size's nonzero tail is shown).
    private func rsrcRegister(_ address: UInt64, size: UInt64, opcode: UInt32) -> String {
        guard size >= 32, let r = readStruct(address, size: 32) else { return StraceText.pointer(address) }
        let nr = UInt64(r.u32(0))
        var text = "{nr=\(nr), flags=" + FlagTables.ioUringRsrcRegisterFlags.formatFlags(UInt64(r.u32(4)), style: style)
        text += Self.nonzeroHex("resv2", r.u64(8)) + rsrcData(r.u64(16), count: nr, opcode: opcode) + rsrcTags(r.u64(24), count: nr)
        return text + nonzeroTail(address, from: 32, size: size) + "}"
    }

    /// struct io_uring_rsrc_update2.
    private func rsrcUpdate(_ address: UInt64, size: UInt64, opcode: UInt32) -> String {
        guard size >= 32, let r = readStruct(address, size: 32) else { return StraceText.pointer(address) }
        let nr = UInt64(r.u32(24))
        var text = "{offset=\(r.u32(0))" + Self.nonzeroHex("resv", UInt64(r.u32(4)))
        text += rsrcData(r.u64(8), count: nr, opcode: opcode) + rsrcTags(r.u64(16), count: nr) + ", nr=\(nr)"
        text += Self.nonzeroHex("resv2", UInt64(r.u32(28)))
        return text + nonzeroTail(address, from: 32, size: size) + "}"
    }

    /// strace's print_nonzero_bytes: the bytes past the structure, in hex, when any is set.
    private func nonzeroTail(_ address: UInt64, from start: UInt64, size: UInt64) -> String {
        let end = min(size, 4096)
        guard end > start else { return "" }
        guard let bytes = memory.read(address &+ start, count: Int(end - start)) else { return ", ???" }
        guard bytes.contains(where: { $0 != 0 }) else { return "" }
        let shown = bytes.prefix(stringLimit)
        return ", /* bytes \(start)..\(end - 1) */ " + StraceText.quote(shown, inHex: .all) + (shown.count < bytes.count ? "..." : "")
    }
}
