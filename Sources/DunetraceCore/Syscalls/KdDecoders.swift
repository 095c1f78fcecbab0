// Console and keyboard ioctls (type 'K', linux/kd.h) as strace 6.1's kd_ioctl.c and
// kd_mpers_ioctl.c print them: tones with their frequency in a comment, LEDs, modes, key maps
// with each key's meaning, function key strings, accent tables, screen and unicode maps, fonts.
// A structure the driver reads and writes back prints as given, then ` => ` what it wrote.

extension ArgumentDecoder {
    /// The PC speaker's timer rate (PIT_TICK_RATE): a count of N is a tone of rate / N Hz.
    private static let pitTickRate: UInt64 = 1_193_182

    func kdRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = register(2)
        switch request {
        case 0x4b2f: return DecodedCall(head + [kdSound(value)])                                  // KIOCSOUND
        case 0x4b30: return DecodedCall(head + [kdTone(UInt32(truncatingIfNeeded: value))])       // KDMKTONE
        case 0x4b31, 0x4b64:                                                                      // KDGETLED, KDGKBLED
            let table = request == 0x4b31 ? StraceXlatTables.kdLedFlags : StraceXlatTables.kdDefaultLedFlags
            return ioctlOutput(head) { a in readStruct(a, size: 1).map { "[" + table.formatFlags(UInt64($0.u8(0)), style: style) + "]" } }
        case 0x4b32, 0x4b65:                                                                      // KDSETLED, KDSKBLED
            let table = request == 0x4b32 ? StraceXlatTables.kdLedFlags : StraceXlatTables.kdDefaultLedFlags
            return DecodedCall(head + [table.formatFlags(value & 0xff, style: style)])
        case 0x4b33:                                                                              // KDGKBTYPE
            return ioctlOutput(head) { a in readStruct(a, size: 1).map { "[" + StraceXlatTables.kdKeyboardTypes.formatValue(UInt64($0.u8(0)), style: style) + "]" } }
        case 0x4b34, 0x4b35:                                                                      // KDADDIO, KDDELIO
            let port = value >= 0x3b4 && value <= 0x3df && style != .raw ? " /* GPFIRST + \(value - 0x3b4) */" : ""
            return DecodedCall(head + [StraceText.hex(value) + port])
        case 0x4b3a: return DecodedCall(head + [StraceXlatTables.kdModes.formatValue(value & 0xffff_ffff, style: style)])  // KDSETMODE
        case 0x4b3b:                                                                              // KDGETMODE
            return ioctlOutput(head) { a in readStruct(a, size: 4).map { "[" + StraceXlatTables.kdModes.formatValue(UInt64($0.u32(0)), style: style) + "]" } }
        case 0x4b40: return ioctlOutput(head) { kdHexString($0, length: 256) }                  // GIO_SCRNMAP
        case 0x4b41: return ioctlInput(head) { kdHexString($0, length: 256) }                   // PIO_SCRNMAP
        case 0x4b69: return ioctlOutput(head) { kdUnicodeScreenMap($0) }                        // GIO_UNISCRNMAP
        case 0x4b6a: return ioctlInput(head) { kdUnicodeScreenMap($0) }                         // PIO_UNISCRNMAP
        case 0x4b44:                                                                              // KDGKBMODE
            return ioctlOutput(head) { a in readStruct(a, size: 4).map { "[" + kdKeyboardMode($0.u32(0)) + "]" } }
        case 0x4b45: return DecodedCall(head + [kdKeyboardMode(UInt32(truncatingIfNeeded: value))])  // KDSKBMODE
        case 0x4b46, 0x4b47: return DecodedCall(head + [kdKeyEntry(value, getting: request == 0x4b46)])   // KDGKBENT, KDSKBENT
        case 0x4b48, 0x4b49: return DecodedCall(head + [kdKeyString(value, getting: request == 0x4b48)])  // KDGKBSENT, KDSKBSENT
        case 0x4b4a, 0x4b4b:                                                                      // KDGKBDIACR, KDSKBDIACR
            return kdAccents(head, getting: request == 0x4b4a, name: "kbdiacr", size: 3) { e in
                "{diacr=" + kdChar(e.u8(0)) + ", base=" + kdChar(e.u8(1)) + ", result=" + kdChar(e.u8(2)) + "}"
            }
        case 0x4bfa, 0x4bfb:                                                                      // KDGKBDIACRUC, KDSKBDIACRUC
            return kdAccents(head, getting: request == 0x4bfa, name: "kbdiacruc", size: 12) { e in
                "{diacr=" + StraceText.hex(UInt64(e.u32(0))) + ", base=" + StraceText.hex(UInt64(e.u32(4)))
                    + ", result=" + StraceText.hex(UInt64(e.u32(8))) + "}"
            }
        case 0x4b4c, 0x4b4d: return DecodedCall(head + [kdKeycode(value, getting: request == 0x4b4c)])   // KDGETKEYCODE, KDSETKEYCODE
        case 0x4b4e: return DecodedCall(head + [value < UInt64(Int32.max) ? signal(Int(value)) : String(value)])  // KDSIGACCEPT
        case 0x4b52: return DecodedCall(head + [kdRepeat(value)])                                 // KDKBDREP
        case 0x4b60: return ioctlOutput(head) { kdHexString($0, length: 8192) }                 // GIO_FONT
        case 0x4b61: return ioctlInput(head) { kdHexString($0, length: 8192) }                  // PIO_FONT
        case 0x4b62:                                                                              // KDGKBMETA
            return ioctlOutput(head) { a in readStruct(a, size: 4).map { "[" + StraceXlatTables.kdMetaValues.formatValue(UInt64($0.u32(0)), style: style) + "]" } }
        case 0x4b63: return DecodedCall(head + [StraceXlatTables.kdMetaValues.formatValue(value & 0xffff_ffff, style: style)])  // KDSKBMETA
        case 0x4b66, 0x4b67: return DecodedCall(head + [kdUnicodeMap(value, getting: request == 0x4b66)])  // GIO_UNIMAP, PIO_UNIMAP
        case 0x4b68:                                                                              // PIO_UNIMAPCLR
            return ioctlInput(head) { a in
                readStruct(a, size: 6).map { "{advised_hashsize=\($0.u16(0)), advised_hashstep=\($0.u16(2)), advised_hashlevel=\($0.u16(4))}" }
            }
        case 0x4b6b, 0x4b6c: return DecodedCall(head + [kdFontDescription(value, getting: request == 0x4b6b)])  // GIO_FONTX, PIO_FONTX
        case 0x4b70: return ioctlOutput(head) { kdHexString($0, length: 48) }                   // GIO_CMAP
        case 0x4b71: return ioctlInput(head) { kdHexString($0, length: 48) }                    // PIO_CMAP
        case 0x4b72: return DecodedCall(head + [kdFontOperation(value)])                          // KDFONTOP
        case 0x4b36, 0x4b37, 0x4b3c, 0x4b3d, 0x4b6d: return DecodedCall(head)                    // no argument
        default: return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    /// The structure at `address` as the call was given it (kept at entry for a structure the
    /// kernel reads and writes: EntryValuesMemory), else as it is now.
    func readStructAtEntry(_ address: UInt64, size: Int) -> StructBytes? {
        guard address & EntryValuesMemory.aliasBit == 0 else { return readStruct(address, size: size) }
        return readStruct(EntryValuesMemory.alias(address), size: size) ?? readStruct(address, size: size)
    }

    private func kdSound(_ count: UInt64) -> String {
        guard style != .raw else { return String(count) }
        let frequency = count == 0 ? 0 : UInt32(truncatingIfNeeded: Self.pitTickRate / count)
        return String(count) + (frequency != 0 ? " /* \(frequency) Hz */" : " /* off */")
    }

    private func kdTone(_ value: UInt32) -> String {
        let ticks = value >> 16, count = value & 0xffff
        let frequency = ticks != 0 && count != 0 ? UInt32(Self.pitTickRate / UInt64(count)) : 0
        let text = (ticks != 0 ? "\(ticks)<<16|" : "") + String(count)
        guard style != .raw else { return text }
        return text + (frequency != 0 ? " /* \(frequency) Hz, \(ticks) ms */" : " /* off */")
    }

    /// printxval_d: a name, or the value as a signed int with `/* K_??? */`.
    private func kdKeyboardMode(_ value: UInt32) -> String {
        let number = String(Int32(bitPattern: value))
        guard let name = StraceXlatTables.kdKeyboardModes.name(of: UInt64(value)) else {
            return style == .raw ? number : number + " /* " + StraceXlatTables.kdKeyboardModes.unknown + " */"
        }
        return style.spell(raw: number, name)
    }

    /// strace's print_char with quotes and whitespace escapes: `'a'`, `'\n'`, `'\x00'`.
    private func kdChar(_ c: UInt8) -> String {
        switch c {
        case 0x27, 0x5c: return "'\\" + String(UnicodeScalar(c)) + "'"
        case 0x20..<0x7f: return "'" + String(UnicodeScalar(c)) + "'"
        case 0x09...0x0d: return "'\\" + ["t", "n", "v", "f", "r"][Int(c - 0x09)] + "'"
        default: return "'\\x" + String(c, radix: 16).leftPadded(to: 2) + "'"
        }
    }

    /// printstr_ex(..., QUOTE_FORCE_HEX): `length` bytes, cut at -s, every byte as `\xNN`; it
    /// reads one byte more than -s (the address when that byte is unreadable).
    private func kdHexString(_ address: UInt64, length: UInt64) -> String? {
        let read = Int(min(length, UInt64(stringLimit) + 1)), shown = Int(min(length, UInt64(stringLimit)))
        guard let bytes = read == 0 ? [] : memory.read(address, count: read) else { return nil }
        return StraceText.quote(bytes.prefix(shown), hexEscapes: true) + (length > UInt64(shown) ? "..." : "")
    }

    private func kdUnicodeScreenMap(_ address: UInt64) -> String? {
        let text = straceArray(address, count: 256, size: 2) { e in
            let v = e.u16(0)
            let direct = v & ~0x1ff == 0xf000
            var text = style != .abbrev || !direct ? StraceText.hex(UInt64(v)) : ""
            if style != .raw && direct {
                let offset = "UNI_DIRECT_BASE+" + StraceText.hex(UInt64(v & 0x1ff))
                text += style == .verbose ? " /* " + offset + " */" : offset
            }
            return text
        }
        return text
    }

    /// struct kbentry: the table (a name or modifier bits) and index, then the key's value with
    /// what it means (`/* K_F1 */`, `/* K(KT_LATIN, 'a') */`); KDGKBENT's value after the call.
    private func kdKeyEntry(_ address: UInt64, getting: Bool) -> String {
        guard dereferenced, address != 0, let s = readStructAtEntry(address, size: 2) else { return StraceText.pointer(address) }
        let table = UInt64(s.u8(0))
        var text = "{kb_table=" + (StraceXlatTables.kdKeyTables.name(of: table).map { style.spell(raw: StraceText.hex(table), $0) }
            ?? StraceXlatTables.kdKeymapFlags.formatFlags(table, style: style)) + ", kb_index=\(s.u8(1))"
        if getting && !succeeded { return text + "}" }
        guard let v = readStruct(address &+ 2, size: 2) else { return text + ", kb_value=???}" }
        let key = v.u16(0)
        text += ", kb_value=" + StraceText.hex(UInt64(key))
        guard style != .raw else { return text + "}" }
        let type = Int(key >> 8), keyValue = UInt8(key & 0xff)
        if let name = Self.kdKeyNames[type]?.name(of: UInt64(key)) { return text + " /* " + name + " */}" }
        let typeName = StraceXlatTables.kdKeyTypes.name(of: UInt64(type)) ?? StraceText.hex(UInt64(type))
        let character = [0, 8, 11, 13].contains(type) ? kdChar(keyValue) : StraceText.hex(UInt64(keyValue))
        return text + " /* K(" + typeName + ", " + character + ") */}"
    }

    /// The key names of each key type strace looks values up in (kd_ioctl.c's xlat_tables).
    private static let kdKeyNames: [Int: NameTable] = [
        1: StraceXlatTables.kdFunctionKeys, 2: StraceXlatTables.kdSpecialKeys, 3: StraceXlatTables.kdPadKeys,
        4: StraceXlatTables.kdDeadKeys, 6: StraceXlatTables.kdCursorKeys, 7: StraceXlatTables.kdShiftKeys,
        9: StraceXlatTables.kdAsciiKeys, 10: StraceXlatTables.kdLockKeys, 12: StraceXlatTables.kdStickyLockKeys,
        14: StraceXlatTables.kdBrailleKeys,
    ]

    /// struct kbsentry: the function key, then its string (KDGKBSENT's after the call), cut at -s.
    private func kdKeyString(_ address: UInt64, getting: Bool) -> String {
        guard dereferenced, address != 0, let s = readStructAtEntry(address, size: 1) else { return StraceText.pointer(address) }
        var text = "{kb_func=" + StraceXlatTables.kdFunctionKeyValues.formatValue(UInt64(s.u8(0)), style: style)
        if getting && !succeeded { return text + "}" }
        text += ", kb_string="
        // umovestr: up to 512 bytes or the NUL; a fault before either is `???`.
        guard let (bytes, complete) = memory.readCString(address &+ 1, max: 512), complete || bytes.count == 512 else {
            return text + "???}"
        }
        let available = complete ? bytes.count + 1 : 512
        let size = min(stringLimit, available)
        if complete && size == available { return text + StraceText.quote(bytes, inHex: stringsInHex) + "}" }
        return text + StraceText.quote(bytes.prefix(size), inHex: stringsInHex) + "...}"
    }

    /// struct kbdiacrs / kbdiacrsuc: the count, then that many entries (at most 256: more is
    /// `...`); KDGKB* after the call.
    private func kdAccents(_ head: [String], getting: Bool, name: String, size: Int, _ element: (StructBytes) -> String) -> DecodedCall {
        let value = arg(2)
        guard dereferenced, value != 0, !getting || succeeded, let s = readStruct(value, size: 4) else {
            return DecodedCall(head + [StraceText.pointer(value)])
        }
        let count = s.u32(0)
        let entries = straceArray(value &+ 4, count: UInt64(min(count, 256)), size: size, truncated: count > 256, element)
        return DecodedCall(head + ["{kb_cnt=\(count), \(name)=" + entries + "}"])
    }

    /// struct kbkeycode: scancode and keycode as given; KDGETKEYCODE's keycode ` => ` after the call.
    private func kdKeycode(_ address: UInt64, getting: Bool) -> String {
        guard dereferenced, address != 0, let s = readStructAtEntry(address, size: 8) else { return StraceText.pointer(address) }
        var text = "{scancode=" + StraceText.hex(UInt64(s.u32(0))) + ", keycode=" + StraceText.hex(UInt64(s.u32(4)))
        if getting, succeeded, let after = readStruct(address &+ 4, size: 4) { text += " => " + StraceText.hex(UInt64(after.u32(0))) }
        return text + "}"
    }

    private func kdRepeat(_ address: UInt64) -> String {
        guard dereferenced, address != 0, let s = readStructAtEntry(address, size: 8) else { return StraceText.pointer(address) }
        let repeatText = { (r: StructBytes) in "{delay=\(r.i32(0)), period=\(r.i32(4))}" }
        guard succeeded, let after = readStruct(address, size: 8) else { return repeatText(s) }
        return repeatText(s) + " => " + repeatText(after)
    }

    /// struct unimapdesc: the count (GIO_UNIMAP's as given ` => ` after), then the unicode
    /// pairs: GIO_UNIMAP's as many as it was given room for, after the call (or on ENOMEM).
    private func kdUnicodeMap(_ address: UInt64, getting: Bool) -> String {
        guard dereferenced, address != 0, let given = readStructAtEntry(address, size: 16) else { return StraceText.pointer(address) }
        var text = "{entry_ct=\(given.u16(0))"
        var entries = given.u64(8)
        if getting {
            guard let after = readStruct(address, size: 16) else { return text + StraceText.pointer(address) + "}" }
            text += " => \(after.u16(0))"
            entries = after.u64(8)
            if !succeeded && event.result != -12 { return text + ", entries=" + StraceText.pointer(entries) + "}" }
        }
        return text + ", entries=" + straceArray(entries, count: UInt64(given.u16(0)), size: 4) { p in
            "{unicode=" + StraceText.hex(UInt64(p.u16(0))) + ", fontpos=" + StraceText.hex(UInt64(p.u16(2))) + "}"
        } + "}"
    }

    /// struct consolefontdesc: GIO_FONTX's data is an address as given, the font after the call.
    private func kdFontDescription(_ address: UInt64, getting: Bool) -> String {
        guard dereferenced, address != 0, let given = readStructAtEntry(address, size: 16) else { return StraceText.pointer(address) }
        let describe = { (d: StructBytes, data: Bool) -> String in
            "{charcount=\(d.u16(0)), charheight=\(d.u16(2)), chardata="
                + (data ? self.kdFontData(d.u64(8), length: UInt64(min(d.u16(0), 512)) * 32) : StraceText.pointer(d.u64(8))) + "}"
        }
        guard getting else { return describe(given, true) }
        guard succeeded, let after = readStruct(address, size: 16) else { return describe(given, false) }
        return describe(given, false) + " => " + describe(after, true)
    }

    private func kdFontData(_ address: UInt64, length: UInt64) -> String {
        if address == 0 { return "NULL" }
        return kdHexString(address, length: length) ?? StraceText.pointer(address)
    }

    /// struct console_font_op: fields by operation; GET's font and SET_DEFAULT's size after the call.
    private func kdFontOperation(_ address: UInt64) -> String {
        guard dereferenced, address != 0, let given = readStructAtEntry(address, size: 32) else { return StraceText.pointer(address) }
        let op = given.u32(0)
        let text = kdFontOperationFields(given, entering: true)
        guard op != 0, op != 3, succeeded, let after = readStruct(address, size: 32) else { return text }
        return text + " => " + kdFontOperationFields(after, entering: false)
    }

    private func kdFontOperationFields(_ s: StructBytes, entering: Bool) -> String {
        let op = s.u32(0), width = s.u32(8), height = s.u32(12), count = s.u32(16), data = s.u64(24)
        var fields: [String] = []
        if entering {
            fields.append("op=" + StraceXlatTables.kdFontOperations.formatValue(UInt64(op), style: style))
            if op != 2 && op != 3 { fields.append("flags=" + StraceXlatTables.kdFontFlags.formatFlags(UInt64(s.u32(4)), style: style)) }
        }
        if op == 3 { fields.append("height=\(height)") } else { fields += ["width=\(width)", "height=\(height)"] }
        if op != 2 && op != 3 { fields.append("charcount=\(count)") }
        switch op {
        case 1 where entering: fields.append("data=" + StraceText.pointer(data))
        case 0, 1:
            let length = UInt64((min(width, 32) + 7) / 8) * 32 * UInt64(min(count, 512))
            fields.append("data=" + kdFontData(data, length: length))
        case 2 where entering: fields.append("data=" + kdFontName(data))
        case 2, 3: break
        default: fields.append("data=" + StraceText.pointer(data))
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// KD_FONT_OP_SET_DEFAULT's font name: printstr_ex of a NUL-terminated string in a 32-byte
    /// field whose last byte is the NUL's (-s + 1 bytes read, so at most 31 characters shown).
    private func kdFontName(_ address: UInt64) -> String {
        if address == 0 { return "NULL" }
        let read = min(stringLimit + 1, 32)
        guard let (bytes, complete) = memory.readCString(address, max: read), complete || bytes.count == read else { return StraceText.pointer(address) }
        let size = read > stringLimit ? stringLimit : read == 32 ? 31 : read
        return StraceText.quote(bytes.prefix(size), inHex: stringsInHex) + (complete && bytes.count <= size ? "" : "...")
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
