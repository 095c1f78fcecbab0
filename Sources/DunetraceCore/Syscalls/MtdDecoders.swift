// Memory technology device ioctls (type 'M', mtd.c) as strace 6.1 prints them. Only OTPSELECT
// is in the model; the guard refuses the others before the kernel (ENOTTY on an open
// descriptor), so their structures print as the program gave them, or (an injected success)
// as it left them.

extension ArgumentDecoder {
    func mtdRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch request {
        case 0x8004_4d0d:  // OTPSELECT: the OTP area, as given
            return ioctlInput(head) { a in readStruct(a, size: 4).map { "[" + FlagTables.mtdOtpModes.formatValue(UInt64($0.u32(0)), style: style) + "]" } }
        case 0x4008_4d02, 0x4008_4d05, 0x4008_4d06, 0x8008_4d17:  // MEMERASE, MEMLOCK, MEMUNLOCK, MEMISLOCKED
            return ioctlInput(head) { a in readStruct(a, size: 8).map { "{start=" + hex32($0, 0) + ", length=" + hex32($0, 4) + "}" } }
        case 0x4010_4d14:  // MEMERASE64
            return ioctlInput(head) { a in readStruct(a, size: 16).map { "{start=" + StraceText.hex($0.u64(0)) + ", length=" + StraceText.hex($0.u64(8)) + "}" } }
        case 0xc010_4d03, 0xc010_4d04:  // MEMWRITEOOB, MEMREADOOB
            return ioctlInput(head) { a in
                readStruct(a, size: 16).map { "{start=" + hex32($0, 0) + ", length=" + hex32($0, 4) + ", ptr=" + StraceText.pointer($0.u64(8)) + "}" }
            }
        case 0xc018_4d15, 0xc018_4d16:  // MEMWRITEOOB64, MEMREADOOB64
            return ioctlInput(head) { a in
                readStruct(a, size: 24).map { "{start=" + StraceText.hex($0.u64(0)) + ", length=" + hex32($0, 12) + ", usr_ptr=" + StraceText.pointer($0.u64(16)) + "}" }
            }
        case 0xc030_4d18:  // MEMWRITE
            return ioctlInput(head) { a in
                readStruct(a, size: 48).map { s in
                    "{start=" + StraceText.hex(s.u64(0)) + ", len=" + StraceText.hex(s.u64(8)) + ", ooblen=" + StraceText.hex(s.u64(16))
                        + ", usr_data=" + StraceText.pointer(s.u64(24)) + ", usr_oob=" + StraceText.pointer(s.u64(32))
                        + ", mode=" + FlagTables.mtdOperationModes.formatValue(UInt64(s.u8(40)), style: style) + "}"
                }
            }
        case 0x400c_4d0f: return ioctlOutput(head) { otpInfo($0) }  // OTPGETREGIONINFO
        case 0x800c_4d10: return ioctlInput(head) { otpInfo($0) }   // OTPLOCK
        case 0x4d13: return DecodedCall(head + [FlagTables.mtdFileModes.formatValue(value, style: style)])  // MTDFILEMODE
        case 0x4008_4d0b, 0x4008_4d0c: return ioctlInput(head) { scalarText($0, .u64) }  // MEMGETBADBLOCK, MEMSETBADBLOCK
        case 0x4004_4d0e: return ioctlOutput(head) { scalarText($0, .uint) }            // OTPGETREGIONCOUNT
        case 0x8004_4d07: return ioctlOutput(head) { scalarText($0, .int) }             // MEMGETREGIONCOUNT
        case 0x8020_4d01:  // MEMGETINFO
            return ioctlOutput(head) { a in
                readStruct(a, size: 32).map { s in
                    "{type=" + FlagTables.mtdTypes.formatValue(UInt64(s.u8(0)), style: style) + ", flags="
                        + FlagTables.mtdFlags.formatFlags(UInt64(s.u32(4)), style: style) + ", size=" + hex32(s, 8) + ", erasesize=" + hex32(s, 12)
                        + ", writesize=" + hex32(s, 16) + ", oobsize=" + hex32(s, 20) + ", padding=" + StraceText.hex(s.u64(24)) + "}"
                }
            }
        case 0x80c8_4d0a:  // MEMGETOOBSEL: struct nand_oobinfo
            return ioctlOutput(head) { a in
                readStruct(a, size: 200).map { s in
                    let free = localArray(8) { hexArray(s, at: 8 + 8 * $0, count: 2, size: 4) }
                    return "{useecc=" + FlagTables.mtdNandEcc.formatValue(UInt64(s.u32(0)), style: style) + ", eccbytes=" + hex32(s, 4)
                        + ", oobfree=" + free + ", eccpos=" + localArray(32) { hex32(s, 72 + 4 * $0) } + "}"
                }
            }
        case 0x8148_4d11:  // ECCGETLAYOUT: struct nand_ecclayout_user
            return ioctlOutput(head) { a in
                readStruct(a, size: 328).map { s in
                    "{eccbytes=" + hex32(s, 0) + ", eccpos=" + localArray(64) { hex32(s, 4 + 4 * $0) } + ", oobavail=" + hex32(s, 260)
                        + ", oobfree=" + localArray(8) { "{offset=" + hex32(s, 264 + 8 * $0) + ", length=" + hex32(s, 268 + 8 * $0) + "}" } + "}"
                }
            }
        case 0x8010_4d12:  // ECCGETSTATS
            return ioctlOutput(head) { a in
                readStruct(a, size: 16).map { "{corrected=" + hex32($0, 0) + ", failed=" + hex32($0, 4) + ", badblocks=" + hex32($0, 8) + ", bbtblocks=" + hex32($0, 12) + "}" }
            }
        case 0xc010_4d08:  // MEMGETREGIONINFO: the index asked, and after a success what the driver wrote
            guard dereferenced, value != 0, let given = readStruct(value, size: 16) else { return DecodedCall(head + [StraceText.pointer(value)]) }
            var text = "{regionindex=" + hex32(given, 12)
            if succeeded, let r = readStruct(value, size: 16) {
                text += ", offset=" + hex32(r, 0) + ", erasesize=" + hex32(r, 4) + ", numblocks=" + hex32(r, 8)
            }
            return DecodedCall(head + [text + "}"])
        default: return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    private func hex32(_ s: StructBytes, _ offset: Int) -> String { StraceText.hex(UInt64(s.u32(offset))) }

    /// struct otp_info.
    private func otpInfo(_ address: UInt64) -> String? {
        readStruct(address, size: 12).map { "{start=" + hex32($0, 0) + ", length=" + hex32($0, 4) + ", locked=\($0.u32(8))}" }
    }
}

extension FlagTables {
    static let mtdFileModes = NameTable(unknown: "MTD_FILE_MODE_???", [
        (0, "MTD_FILE_MODE_NORMAL"), (1, "MTD_FILE_MODE_OTP_FACTORY"), (2, "MTD_FILE_MODE_OTP_USER"), (3, "MTD_FILE_MODE_RAW"),
    ])
    static let mtdTypes = NameTable(unknown: "MTD_???", [
        (0, "MTD_ABSENT"), (1, "MTD_RAM"), (2, "MTD_ROM"), (3, "MTD_NORFLASH"), (4, "MTD_NANDFLASH"), (6, "MTD_DATAFLASH"),
        (7, "MTD_UBIVOLUME"), (8, "MTD_MLCNANDFLASH"),
    ])
    static let mtdFlags = NameTable(unknown: "MTD_???", [
        (0x400, "MTD_WRITEABLE"), (0x800, "MTD_BIT_WRITEABLE"), (0x1000, "MTD_NO_ERASE"), (0x2000, "MTD_POWERUP_LOCK"),
        (0x4000, "MTD_SLC_ON_MLC_EMULATION"),
    ])
    static let mtdNandEcc = NameTable(unknown: "MTD_NANDECC_???", [
        (0, "MTD_NANDECC_OFF"), (1, "MTD_NANDECC_PLACE"), (2, "MTD_NANDECC_AUTOPLACE"), (3, "MTD_NANDECC_PLACEONLY"),
        (4, "MTD_NANDECC_AUTOPL_USR"),
    ])
    static let mtdOperationModes = NameTable(unknown: "MTD_OPS_???", [(0, "MTD_OPS_PLACE_OOB"), (1, "MTD_OPS_AUTO_OOB"), (2, "MTD_OPS_RAW")])
}
