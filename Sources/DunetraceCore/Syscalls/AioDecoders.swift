// Linux AIO (io_submit, io_getevents, io_pgetevents, io_cancel) as strace 6.1's aio.c prints
// it: each iocb by its opcode (a buffer, an iovec array, poll events), the events written.

extension ArgumentDecoder {
    /// The call decoded, or nil for a name that is not an AIO call with a decoder here.
    func aioCall(_ name: String) -> DecodedCall? {
        switch name {
        case "io_submit":
            let nr = Int64(bitPattern: arg(1))
            let list = nr < 0 ? StraceText.pointer(arg(2)) : iocbPointers(arg(2), count: UInt64(nr))
            return DecodedCall([StraceText.pointer(arg(0)), String(nr), list])
        case "io_getevents", "io_pgetevents":
            var call = decodeByModel(SyscallTable.signature(event.number))
            guard call.args.count >= 5 else { return call }
            call.args[0] = StraceText.pointer(arg(0))
            call.args[1] = String(Int64(bitPattern: arg(1)))
            call.args[2] = String(Int64(bitPattern: arg(2)))
            // print_array with the result as the count: a failed call's is the address.
            call.args[3] = success.map { ioEvents(arg(3), count: UInt64(bitPattern: $0)) } ?? StraceText.pointer(arg(3))
            if name == "io_pgetevents", call.args.count > 5 { call.args[5] = sigsetArgpack(arg(5)) }
            return call
        case "io_cancel":
            // The iocb's header (strace reads the whole iocb); result is no longer written.
            let cb = dereferenced ? readStruct(arg(1), size: 64) : nil
            let iocb = cb.map { "{" + iocbHeader($0).joined(separator: ", ") + "}" } ?? StraceText.pointer(arg(1))
            return DecodedCall([StraceText.pointer(arg(0)), iocb, StraceText.pointer(arg(2))])
        default:
            return nil
        }
    }

    /// IOCB_CMD_* (aio_abi.h, strace's xlat/aio_cmds.in).
    static let aioCommands = NameTable(unknown: "IOCB_CMD_???", [
        (0, "IOCB_CMD_PREAD"), (1, "IOCB_CMD_PWRITE"), (2, "IOCB_CMD_FSYNC"), (3, "IOCB_CMD_FDSYNC"),
        (4, "IOCB_CMD_PREADX"), (5, "IOCB_CMD_POLL"), (6, "IOCB_CMD_NOOP"), (7, "IOCB_CMD_PREADV"), (8, "IOCB_CMD_PWRITEV"),
    ])
    /// IOCB_FLAG_* (strace's xlat/aio_iocb_flags.in).
    static let aioIocbFlags = NameTable(unknown: "IOCB_FLAG_???", [(1, "IOCB_FLAG_RESFD"), (2, "IOCB_FLAG_IOPRIO")])

    /// io_submit's array of iocb pointers, element by element as strace's print_array: an
    /// unreadable first element prints the address, a later one ends the list.
    private func iocbPointers(_ address: UInt64, count: UInt64) -> String {
        guard address != 0 else { return "NULL" }
        guard count > 0 else { return "[]" }
        guard dereferenced, !count.multipliedReportingOverflow(by: 8).overflow,
              !address.addingReportingOverflow(count &* 8).overflow else { return StraceText.pointer(address) }
        var items: [String] = []
        for i in 0..<min(count, 1 << 20) {
            let at = address &+ i &* 8
            if abbreviated && i >= UInt64(stringLimit) {
                items.append("...")
                break
            }
            guard let slot = readStruct(at, size: 8) else {
                if i == 0 { return StraceText.pointer(address) }
                items.append("... /* " + StraceText.pointer(at) + " */")
                break
            }
            let pointer = slot.u64(0)
            items.append(readStruct(pointer, size: 64).map(iocb) ?? StraceText.pointer(pointer))
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    /// One struct iocb: its header, then the fields its opcode uses (print_iocb).
    private func iocb(_ cb: StructBytes) -> String {
        var fields = iocbHeader(cb)
        let opcode = cb.u16(16), buf = cb.u64(24), nbytes = cb.u64(32)
        // iocb_is_valid: the byte count fits an ssize_t.
        let valid = Int64(bitPattern: nbytes) >= 0
        switch opcode {
        case 0, 1:  // PREAD, PWRITE
            fields.append("aio_buf=" + (opcode == 1 && valid ? buffer(buf, length: nbytes) : StraceText.hex(buf)))
            fields.append("aio_nbytes=\(nbytes)")
            fields.append("aio_offset=\(cb.i64(40))")
            fields += iocbCommonFlags(cb)
        case 7, 8:  // PREADV, PWRITEV: an iovec array; the written one's buffers as strings
            if valid {
                let list = iovecs(buf, count: nbytes, output: false, addressesOnly: opcode == 7) ?? StraceText.pointer(buf)
                fields.append("aio_buf=" + list)
            } else {
                fields.append("aio_buf=" + StraceText.hex(buf))
                fields.append("aio_nbytes=\(nbytes)")
            }
            fields.append("aio_offset=\(cb.i64(40))")
            fields += iocbCommonFlags(cb)
        case 5:  // POLL: the events in aio_buf
            fields.append("aio_buf=" + FlagTables.pollEvents.formatFlags(buf, style: style))
            fields += iocbCommonFlags(cb)
        default:
            break
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// aio_data, aio_key and aio_rw_flags when set, the opcode, the priority, the descriptor
    /// (print_iocb_header).
    private func iocbHeader(_ cb: StructBytes) -> [String] {
        var fields = ["aio_data=" + StraceText.hex(cb.u64(0))]
        if cb.u32(8) != 0 { fields.append("aio_key=\(cb.u32(8))") }
        if cb.u32(12) != 0 { fields.append("aio_rw_flags=" + FlagTables.rwfFlags.formatFlags(UInt64(cb.u32(12)), style: style)) }
        let opcode = UInt64(cb.u16(16))
        // printxval_ex with XLAT_STYLE_FMT_U: an unknown opcode in decimal.
        let name = Self.aioCommands.name(of: opcode)
        switch (name, style) {
        case (nil, .raw), (_, .raw): fields.append("aio_lio_opcode=\(opcode)")
        case (nil, _): fields.append("aio_lio_opcode=\(opcode) /* IOCB_CMD_??? */")
        case (let n?, .verbose): fields.append("aio_lio_opcode=\(opcode) /* \(n) */")
        case (let n?, _): fields.append("aio_lio_opcode=" + n)
        }
        let reqprio = Int16(bitPattern: cb.u16(18))
        if cb.u32(56) & 2 != 0 {  // IOCB_FLAG_IOPRIO: print_ioprio of the sign-extended value
            let value = UInt32(bitPattern: Int32(reqprio))
            let decoded = Self.ioprioValue(UInt32(UInt16(bitPattern: reqprio)), style: style == .verbose ? .abbrev : style)
            switch style {
            case .raw: fields.append("aio_reqprio=" + StraceText.hex(UInt64(value)))
            case .verbose: fields.append("aio_reqprio=" + StraceText.hex(UInt64(value)) + " /* \(decoded) */")
            default: fields.append("aio_reqprio=" + decoded)
            }
        } else if reqprio != 0 {
            fields.append("aio_reqprio=\(reqprio)")
        }
        fields.append("aio_fildes=" + descriptor(UInt64(cb.u32(20))))
        return fields
    }

    /// aio_flags when set, aio_resfd as a descriptor with IOCB_FLAG_RESFD (print_common_flags).
    private func iocbCommonFlags(_ cb: StructBytes) -> [String] {
        var fields: [String] = []
        let flags = cb.u32(56), resfd = cb.u32(60)
        if flags != 0 { fields.append("aio_flags=" + Self.aioIocbFlags.formatFlags(UInt64(flags), style: style)) }
        if flags & 1 != 0 {
            fields.append("aio_resfd=" + descriptor(UInt64(resfd)))
        } else if resfd != 0 {
            fields.append("aio_resfd=" + StraceText.hex(UInt64(resfd)))
        }
        return fields
    }

    /// The events io_getevents wrote: `[{data=0x1, obj=0x..., res=4096, res2=0}]`.
    private func ioEvents(_ address: UInt64, count: UInt64) -> String {
        guard address != 0 else { return "NULL" }
        guard count > 0 else { return "[]" }
        guard dereferenced, !count.multipliedReportingOverflow(by: 32).overflow,
              !address.addingReportingOverflow(count &* 32).overflow else { return StraceText.pointer(address) }
        var items: [String] = []
        for i in 0..<min(count, 1 << 20) {
            let at = address &+ i &* 32
            if abbreviated && i >= UInt64(stringLimit) {
                items.append("...")
                break
            }
            guard let e = readStruct(at, size: 32) else {
                if i == 0 { return StraceText.pointer(address) }
                items.append("... /* " + StraceText.pointer(at) + " */")
                break
            }
            items.append("{data=\(StraceText.hex(e.u64(0))), obj=\(StraceText.hex(e.u64(8))), res=\(e.i64(16)), res2=\(e.i64(24))}")
        }
        return "[" + items.joined(separator: ", ") + "]"
    }
}
