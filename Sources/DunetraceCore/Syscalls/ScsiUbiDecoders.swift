// SCSI generic (type '"', scsi.c and print_sg_req_info.c) and UBI (types 'O' and 'o', ubi.c)
// ioctls as strace 6.1 prints them. The model describes none of these requests, so the guard
// refuses them before the kernel (ENOTTY on an open descriptor): what is printed is the
// memory as the program gave it, or (an injected success) as it left it.

extension ArgumentDecoder {
    // MARK: SCSI generic

    func scsiRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch request {
        case 0x2285:  // SG_IO: the interface id, `[id]` when it is neither 'S' (v3) nor 'Q' (v4)
            guard dereferenced, value != 0, let id = readStruct(value, size: 4) else { return DecodedCall(head + [StraceText.pointer(value)]) }
            let iid = id.u32(0)
            if iid == UInt32(UInt8(ascii: "S")) { return DecodedCall(head + [scsiIoV3(value)]) }
            // The sg_io_v4 structure is not decoded here: its address.
            if iid == UInt32(UInt8(ascii: "Q")) { return DecodedCall(head + [StraceText.pointer(value)]) }
            return DecodedCall(head + ["[\(iid)]"])
        case 0x2276: return ioctlOutput(head) { scsiIdentity($0) }           // SG_GET_SCSI_ID
        case 0x2286: return ioctlOutput(head) { scsiRequestInfo($0) }        // SG_GET_REQUEST_TABLE (its first entry)
        case 0x2284:                                                          // SG_SCSI_RESET
            return ioctlInput(head) { a in
                readStruct(a, size: 4).map { s in
                    let v = UInt64(s.u32(0))
                    let escalate = v & 0x100 != 0 ? FlagTables.scsiResets.formatValue(0x100, style: style) + "|" : ""
                    return "[" + escalate + FlagTables.scsiResets.formatValue(v & ~0x100, style: style) + "]"
                }
            }
        // SG_NEXT_CMD_LEN, SG_SET_COMMAND_Q, SG_SET_DEBUG, SG_SET_FORCE_LOW_DMA, SG_SET_FORCE_PACK_ID,
        // SG_SET_KEEP_ORPHAN, SG_SET_RESERVED_SIZE, SG_SET_TIMEOUT: an int given
        case 0x2283, 0x2271, 0x227e, 0x2279, 0x227b, 0x2287, 0x2275, 0x2201:
            return ioctlInput(head) { scalarText($0, .int) }
        // SG_EMULATED_HOST, SG_GET_ACCESS_COUNT, SG_GET_COMMAND_Q, SG_GET_KEEP_ORPHAN, SG_GET_LOW_DMA,
        // SG_GET_NUM_WAITING, SG_GET_PACK_ID, SG_GET_RESERVED_SIZE, SG_GET_SG_TABLESIZE,
        // SG_GET_TRANSFORM, SG_GET_VERSION_NUM: an int written
        case 0x2203, 0x2289, 0x2270, 0x2288, 0x227a, 0x227d, 0x227c, 0x2272, 0x227f, 0x2205, 0x2282:
            return ioctlOutput(head) { scalarText($0, .int) }
        case 0x2204: return DecodedCall(head + [StraceText.hex(value & 0xffff_ffff)])  // SG_SET_TRANSFORM
        case 0x2202: return DecodedCall(head)                                           // SG_GET_TIMEOUT
        default: return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    /// struct sg_io_hdr as sg_io_v3.c prints it: the request at entry (past interface_id: its
    /// address when unreadable), then at exit, whatever the call returned, the response.
    private func scsiIoV3(_ address: UInt64) -> String {
        var text = "{interface_id='S', "
        guard let s = readStruct(address &+ 4, size: 84).map({ StructBytes(bytes: [0, 0, 0, 0] + $0.bytes) }) else {
            return text + StraceText.pointer(address &+ 4) + "}"
        }
        let direction = s.i32(4)
        text += "dxfer_direction=" + scsiDirection(direction) + ", cmd_len=\(s.u8(8)), cmdp=" + forcedHexBuffer(s.u64(24), length: Int(s.u8(8)))
            + ", mx_sb_len=\(s.u8(9)), iovec_count=\(s.u16(10)), dxfer_len=\(s.u32(12)), timeout=\(s.u32(40)), flags="
            + FlagTables.scsiIoFlags.formatFlags(UInt64(s.u32(44)), style: style)
        if direction == -2 || direction == -4 { text += ", dxferp=" + scsiIoBuffer(s.u64(16), length: s.u32(12), iovecs: s.u16(10)) }
        guard event.result != nil else { return text }
        guard let r = readStruct(address, size: 88) else {
            if direction == -3 { text += ", dxferp=" + StraceText.pointer(s.u64(16)) }
            return text + ", sbp=" + StraceText.pointer(s.u64(32)) + "}"
        }
        if r.i32(0) != Int32(UInt8(ascii: "S")) { return text + " => interface_id=\(r.u32(0))}" }
        let now = r.i32(4)
        if now == -3 || now == -4 {
            var inLength = r.u32(12)
            let resid = r.i32(72)
            if resid > 0 && UInt32(resid) <= inLength { inLength -= UInt32(resid) }
            if now == -3 {
                text += ", dxferp=" + scsiIoBuffer(r.u64(16), length: inLength, iovecs: r.u16(10))
            } else if inLength != 0 {
                text += " => dxferp=" + scsiIoBuffer(r.u64(16), length: inLength, iovecs: r.u16(10))
            }
        }
        return text + ", status=" + StraceText.hex(UInt64(r.u8(64))) + ", masked_status=" + StraceText.hex(UInt64(r.u8(65)))
            + ", msg_status=" + StraceText.hex(UInt64(r.u8(66))) + ", sb_len_wr=\(r.u8(67)), sbp=" + forcedHexBuffer(r.u64(32), length: Int(r.u8(67)))
            + ", host_status=" + StraceText.hex(UInt64(r.u16(68))) + ", driver_status=" + StraceText.hex(UInt64(r.u16(70)))
            + ", resid=\(r.i32(72)), duration=\(r.u32(76)), info=" + FlagTables.scsiIoInfo.formatFlags(UInt64(r.u32(80)), style: style) + "}"
    }

    private func scsiDirection(_ direction: Int32) -> String {
        FlagTables.scsiDirections.formatValue(UInt64(UInt32(bitPattern: direction)), style: style)
    }

    /// The data buffer: iovecs (their bytes up to `length` in all) when there are any, else bytes in hex.
    private func scsiIoBuffer(_ address: UInt64, length: UInt32, iovecs count: UInt16) -> String {
        guard count != 0 else { return forcedHexBuffer(address, length: Int(length)) }
        if address == 0 { return "NULL" }
        return iovecs(address, count: UInt64(count), output: true, available: UInt64(length)) ?? StraceText.pointer(address)
    }

    /// printstr_ex(..., QUOTE_FORCE_HEX): every byte as \xNN, cut at the -s limit.
    private func forcedHexBuffer(_ address: UInt64, length: Int) -> String {
        if address == 0 { return "NULL" }
        let shown = min(length, stringLimit)
        guard let bytes = shown == 0 ? [] : memory.read(address, count: shown) else { return StraceText.pointer(address) }
        return StraceText.quote(bytes, inHex: .all) + (length > shown ? "..." : "")
    }

    /// struct sg_scsi_id (32 bytes).
    private func scsiIdentity(_ address: UInt64) -> String? {
        readStruct(address, size: 32).map { s in
            "{host_no=\(s.i32(0)), channel=\(s.i32(4)), scsi_id=" + StraceText.hex(UInt64(s.u32(8))) + ", lun=\(s.i32(12)), scsi_type="
                + StraceText.hex(UInt64(s.u32(16))) + ", h_cmd_per_lun=\(Int16(bitPattern: s.u16(20))), d_queue_depth=\(Int16(bitPattern: s.u16(22)))}"
        }
    }

    /// struct sg_req_info (24 bytes): four chars, pack_id, usr_ptr, duration.
    private func scsiRequestInfo(_ address: UInt64) -> String? {
        readStruct(address, size: 24).map { s in
            "{req_state=\(Int8(bitPattern: s.u8(0))), orphan=\(Int8(bitPattern: s.u8(1))), sg_io_owned=\(Int8(bitPattern: s.u8(2))), "
                + "problem=\(Int8(bitPattern: s.u8(3))), pack_id=\(s.i32(4)), usr_ptr=" + StraceText.pointer(s.u64(8)) + ", duration=\(s.u32(16))}"
        }
    }

    // MARK: UBI

    func ubiRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        switch request {
        case 0x4018_6f40:  // UBI_IOCATT: struct ubi_attach_req, then the device number written
            return ubiInOut(head) { a in
                readStruct(a, size: 24).map { "{ubi_num=\($0.i32(0)), mtd_num=\($0.i32(4)), vid_hdr_offset=\($0.i32(8)), max_beb_per1024=\(Int16(bitPattern: $0.u16(12)))}" }
            }
        case 0x4098_6f00:  // UBI_IOCMKVOL: struct ubi_mkvol_req, then the volume id written
            return ubiInOut(head) { a in
                readStruct(a, size: 152).map { s in
                    let nameLength = Int16(bitPattern: s.u16(18))
                    return "{vol_id=\(s.i32(0)), alignment=\(s.i32(4)), bytes=\(s.i64(8)), vol_type="
                        + FlagTables.ubiVolumeTypes.formatValue(UInt64(s.u8(16)), style: style) + ", flags="
                        + FlagTables.ubiVolumeFlags.formatFlags(UInt64(s.u8(17)), style: style) + ", name_len=\(nameLength), name="
                        + ubiName(s, at: 24, length: nameLength) + "}"
                }
            }
        case 0x5110_6f03:  // UBI_IOCRNVOL: count, then up to 32 entries
            return ioctlInput(head) { a in
                readStruct(a, size: 16 + 32 * 136).map { s in
                    let count = Int(min(max(s.i32(0), 0), 32))
                    var items: [String] = []
                    for k in 0..<count {
                        if abbreviated && k >= stringLimit { items.append("..."); break }
                        let o = 16 + 136 * k, nameLength = Int16(bitPattern: s.u16(o + 4))
                        items.append("{vol_id=\(s.i32(o)), name_len=\(nameLength), name=" + ubiName(s, at: o + 8, length: nameLength) + "}")
                    }
                    return "{count=\(s.i32(0)), ents=[" + items.joined(separator: ", ") + "]}"
                }
            }
        case 0x400c_6f02:  // UBI_IOCRSVOL
            return ioctlInput(head) { a in readStruct(a, size: 12).map { "{bytes=\($0.i64(0)), vol_id=\($0.i32(8))}" } }
        case 0x4004_4f02:  // UBI_IOCEBCH: struct ubi_leb_change_req
            return ioctlInput(head) { a in
                readStruct(a, size: 16).map { "{lnum=\($0.i32(0)), bytes=\($0.i32(4)), dtype=" + FlagTables.ubiDataTypes.formatValue(UInt64($0.u8(8)), style: style) + "}" }
            }
        case 0x4008_4f03:  // UBI_IOCEBMAP: struct ubi_map_req
            return ioctlInput(head) { a in
                readStruct(a, size: 8).map { "{lnum=\($0.i32(0)), dtype=" + FlagTables.ubiDataTypes.formatValue(UInt64($0.u8(4)), style: style) + "}" }
            }
        case 0x4010_4f06:  // UBI_IOCSETVOLPROP
            return ioctlInput(head) { a in
                readStruct(a, size: 16).map { "{property=" + FlagTables.ubiVolumeProperties.formatValue(UInt64($0.u8(0)), style: style) + ", value=" + StraceText.hex($0.u64(8)) + "}" }
            }
        case 0x4008_4f00: return ioctlInput(head) { scalarText($0, .s64) }  // UBI_IOCVOLUP
        // UBI_IOCDET, UBI_IOCEBER, UBI_IOCEBISMAP, UBI_IOCEBUNMAP, UBI_IOCRMVOL, UBI_IOCRPEB, UBI_IOCSPEB
        case 0x4004_6f41, 0x4004_4f01, 0x8004_4f05, 0x4004_4f04, 0x4004_6f01, 0x4004_6f04, 0x4004_6f05:
            return ioctlInput(head) { scalarText($0, .int) }
        case 0x4080_4f07, 0x4f08: return DecodedCall(head)  // UBI_IOCVOLCRBLK, UBI_IOCVOLRMBLK
        default: return DecodedCall(head + [StraceText.hex(arg(2))])
        }
    }

    /// A request structure as given, then after a success ` => [n]`: the int the kernel wrote
    /// over its start (UBI_IOCATT's device, UBI_IOCMKVOL's volume).
    private func ubiInOut(_ head: [String], _ text: (UInt64) -> String?) -> DecodedCall {
        let value = arg(2)
        guard dereferenced, value != 0 else { return DecodedCall(head + [StraceText.pointer(value)]) }
        // (Never seen by the kernel: the structure is as given.)
        guard let given = text(value) else { return DecodedCall(head + [StraceText.pointer(value)]) }
        guard succeeded else { return DecodedCall(head + [given]) }
        return DecodedCall(head + [given + " => " + (scalarText(value, .int) ?? StraceText.pointer(value))])
    }

    /// PRINT_FIELD_CSTRING_SZ of a volume name: 1 + name_len (0...127) bytes of the 128.
    private func ubiName(_ s: StructBytes, at offset: Int, length: Int16) -> String {
        let size = 1 + Int(min(max(length, 0), 127))
        return fixedString(Array(s.bytes[offset..<offset + size]))
    }
}

extension FlagTables {
    static let scsiResets = NameTable(unknown: "SG_SCSI_RESET_???", [
        (0, "SG_SCSI_RESET_NOTHING"), (1, "SG_SCSI_RESET_DEVICE"), (2, "SG_SCSI_RESET_BUS"), (3, "SG_SCSI_RESET_HOST"),
        (4, "SG_SCSI_RESET_TARGET"), (0x100, "SG_SCSI_RESET_NO_ESCALATE"),
    ])
    static let scsiDirections = NameTable(unknown: "SG_DXFER_???", [
        (0xffff_ffff, "SG_DXFER_NONE"), (0xffff_fffe, "SG_DXFER_TO_DEV"), (0xffff_fffd, "SG_DXFER_FROM_DEV"), (0xffff_fffc, "SG_DXFER_TO_FROM_DEV"),
    ])
    static let scsiIoFlags = NameTable(unknown: "SG_FLAG_???", [
        (1, "SG_FLAG_DIRECT_IO"), (2, "SG_FLAG_UNUSED_LUN_INHIBIT"), (4, "SG_FLAG_MMAP_IO"), (0x10000, "SG_FLAG_NO_DXFER"),
        (0x10, "SG_FLAG_Q_AT_TAIL"), (0x20, "SG_FLAG_Q_AT_HEAD"),
    ])
    static let scsiIoInfo = NameTable(unknown: "SG_INFO_???", [(1, "SG_INFO_CHECK"), (2, "SG_INFO_DIRECT_IO"), (4, "SG_INFO_MIXED_IO")])
    static let ubiVolumeTypes = NameTable(unknown: "UBI_???_VOLUME", [(3, "UBI_DYNAMIC_VOLUME"), (4, "UBI_STATIC_VOLUME")])
    static let ubiVolumeFlags = NameTable(unknown: "UBI_VOL_???", [(1, "UBI_VOL_SKIP_CRC_CHECK_FLG")])
    static let ubiVolumeProperties = NameTable(unknown: "UBI_VOL_PROP_???", [(1, "UBI_VOL_PROP_DIRECT_WRITE")])
    static let ubiDataTypes = NameTable(unknown: "UBI_???", [(1, "UBI_LONGTERM"), (2, "UBI_SHORTTERM"), (3, "UBI_UNKNOWN")])
}
