// ATA disk ioctls (type 0x03) as strace 6.1's hdio.c and its generated HDIO table print them:
// the geometry after the call, HDIO_DRIVE_CMD's header and ` => ` what the drive answered,
// unsigned longs behind the getters' pointers, the setters' argument as a number.

extension ArgumentDecoder {
    func hdioRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch request {
        case 0x301:  // HDIO_GETGEO
            return ioctlOutput(head) { a in
                readStruct(a, size: 16).map { "{heads=\($0.bytes[0]), sectors=\($0.bytes[1]), cylinders=\($0.u16(2)), start=\($0.u64(8))}" }
            }
        case 0x31f: return DecodedCall(head + [driveCommand(value)])                      // HDIO_DRIVE_CMD
        case 0x31c, 0x328:                                                                 // HDIO_DRIVE_RESET, HDIO_SCAN_HWIF
            return ioctlInput(head) { a in readStruct(a, size: 12).map { hexArray($0, at: 0, count: 3, size: 4) } }
        case 0x30d: return ioctlOutput(head) { buffer($0, length: 512) }                   // HDIO_GET_IDENTITY
        case 0x307: return ioctlOutput(head) { buffer($0, length: 142) }                   // HDIO_OBSOLETE_IDENTITY
        case 0x31a:                                                                        // HDIO_GET_BUSSTATE
            return ioctlOutput(head) { a in readStruct(a, size: 8).map { "[" + FlagTables.hdioBusStates.formatValue($0.u64(0), style: style) + "]" } }
        case 0x30c:                                                                        // HDIO_GET_NICE
            return ioctlOutput(head) { a in readStruct(a, size: 8).map { "[" + FlagTables.hdioNice.formatFlags($0.u64(0), style: style) + "]" } }
        case 0x309, 0x30f, 0x310, 0x30b, 0x308, 0x304, 0x30a, 0x302, 0x30e:               // the other getters
            return ioctlOutput(head) { scalarText($0, .ulong) }
        case 0x32d: return DecodedCall(head + [FlagTables.hdioBusStates.formatValue(value, style: style)])  // HDIO_SET_BUSSTATE
        case 0x329: return DecodedCall(head + [FlagTables.hdioNice.formatFlags(value, style: style)])        // HDIO_SET_NICE
        case 0x324, 0x32c, 0x32f, 0x326, 0x323, 0x321, 0x325, 0x327, 0x322, 0x32b, 0x32a:                  // the other setters
            return DecodedCall(head + [String(value)])
        default: return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    /// HDIO_DRIVE_CMD: the command header as given, then (after a success, or EIO: the drive
    /// answered) the status the kernel wrote over it, and the sectors read.
    private func driveCommand(_ address: UInt64) -> String {
        guard dereferenced, address != 0, let c = readStruct(address, size: 4) else { return StraceText.pointer(address) }
        var text = "{command=" + StraceXlatTables.ataCommands.formatValue(UInt64(c.bytes[0]), style: style)
            + ", sector_number=\(c.bytes[1]), feature=\(c.bytes[2]), sector_count=\(c.bytes[3])}"
        guard succeeded || event.result == -5 else { return text }
        text += " => {status=" + StraceText.hex(UInt64(c.bytes[0])) + ", error=\(c.bytes[1]), nsector=\(c.bytes[2])"
        if c.bytes[3] != 0 { text += ", buf=" + hexBuffer(address &+ 4, length: Int(c.bytes[3]) * 512) }
        return text + "}"
    }

    /// printstr_ex(..., QUOTE_FORCE_HEX): every byte as \xNN, cut at the -s limit.
    private func hexBuffer(_ address: UInt64, length: Int) -> String {
        let shown = min(length, stringLimit)
        guard let bytes = memory.read(address, count: shown) else { return StraceText.pointer(address) }
        return StraceText.quote(bytes, inHex: .all) + (length > shown ? "..." : "")
    }
}

extension FlagTables {
    static let hdioBusStates = NameTable(unknown: "BUSSTATE_???", [(0, "BUSSTATE_OFF"), (1, "BUSSTATE_ON"), (2, "BUSSTATE_TRISTATE")])
    /// strace prints these names as their macro is written: `1 << IDE_NICE_DSC_OVERLAP`.
    static let hdioNice = NameTable(unknown: "IDE_NICE_???", [
        (1, "1 << IDE_NICE_DSC_OVERLAP"), (2, "1 << IDE_NICE_ATAPI_OVERLAP"), (8, "1 << IDE_NICE_1"), (4, "1 << IDE_NICE_0"),
        (16, "1 << IDE_NICE_2"),
    ])
}
