// GPIO character device ioctls (type 0xB4) as strace 6.1's gpio_ioctl.c prints them: the chip
// and line information, line handle and event requests (as given, then ` => {fd=N}`), the
// values and configurations of the v1 and v2 interfaces.

extension ArgumentDecoder {
    func gpioRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        switch request {
        case 0x8044_b401: return ioctlOutput(head) { a in readStruct(a, size: 68).map { gpioChipInfo($0) } }     // GET_CHIPINFO
        case 0xc048_b402, 0xc048_b40b:                                                                       // GET_LINEINFO(_WATCH)
            return ioctlUpdate(head, size: 72, given: { "{line_offset=\($0.u32(0))}" }, written: gpioLineInfo)
        case 0xc004_b40c: return ioctlInput(head) { a in readStruct(a, size: 4).map { "{offset=\($0.u32(0))}" } }  // GET_LINEINFO_UNWATCH
        case 0xc16c_b403: return ioctlUpdate(head, size: 364, given: gpioHandleRequest, written: { gpioFd($0, at: 360) })  // GET_LINEHANDLE
        case 0xc030_b404: return ioctlUpdate(head, size: 48, given: gpioEventRequest, written: { gpioFd($0, at: 44) })     // GET_LINEEVENT
        case 0xc040_b408: return ioctlOutput(head) { a in readStruct(a, size: 64).map { gpioHandleData($0) } }   // HANDLE_GET_LINE_VALUES
        case 0xc040_b409: return ioctlInput(head) { a in readStruct(a, size: 64).map { gpioHandleData($0) } }    // HANDLE_SET_LINE_VALUES
        case 0xc054_b40a:                                                                                    // HANDLE_SET_CONFIG
            return ioctlInput(head) { a in
                readStruct(a, size: 84).map { s in
                    "{flags=" + StraceXlatTables.gpioHandleFlags.formatFlags(UInt64(s.u32(0)), style: style)
                        + ", default_values=" + localArray(64) { String(s.u8(4 + $0)) } + "}"
                }
            }
        case 0xc100_b405, 0xc100_b406:                                                                       // V2_GET_LINEINFO(_WATCH)
            return ioctlUpdate(head, size: 256, given: { "{offset=\($0.u32(64))}" }, written: gpioV2LineInfo)
        case 0xc250_b407: return ioctlUpdate(head, size: 592, given: gpioV2LineRequest, written: { gpioFd($0, at: 588) })  // V2_GET_LINE
        case 0xc110_b40d: return ioctlInput(head) { a in readStruct(a, size: 272).map { gpioV2LineConfig($0, at: 0) } }    // V2_LINE_SET_CONFIG
        case 0xc010_b40e:                                                                                    // V2_LINE_GET_VALUES
            return ioctlUpdate(head, size: 16, given: { "{mask=" + StraceText.hex($0.u64(8)) + "}" },
                               written: { "{bits=" + StraceText.hex($0.u64(0)) + "}" })
        case 0xc010_b40f:                                                                                    // V2_LINE_SET_VALUES
            return ioctlInput(head) { a in
                readStruct(a, size: 16).map { "{bits=" + StraceText.hex($0.u64(0)) + ", mask=" + StraceText.hex($0.u64(8)) + "}" }
            }
        default: return DecodedCall(head + [StraceText.hex(arg(2))])
        }
    }

    /// A structure the driver reads and writes back: what was given, then (after a success)
    /// ` => ` what it wrote. The address alone when NULL or unreadable.
    func ioctlUpdate(_ head: [String], size: Int, given: (StructBytes) -> String, written: (StructBytes) -> String) -> DecodedCall {
        let value = arg(2)
        guard dereferenced, value != 0, let s = readStructAtEntry(value, size: size) else { return DecodedCall(head + [StraceText.pointer(value)]) }
        guard succeeded else { return DecodedCall(head + [given(s)]) }
        return DecodedCall(head + [given(s) + " => " + (readStruct(value, size: size).map(written) ?? StraceText.pointer(value))])
    }

    /// strace's print_local_array: an array inside a structure, cut after -s elements unless -v.
    func localArray(_ count: Int, _ element: (Int) -> String) -> String {
        guard count > 0 else { return "[]" }
        let shown = abbreviated ? min(count, stringLimit) : count
        var items = (0..<shown).map(element)
        if shown < count { items.append("...") }
        return "[" + items.joined(separator: ", ") + "]"
    }

    private func gpioFd(_ s: StructBytes, at offset: Int) -> String {
        "{fd=" + descriptor(UInt64(s.u32(offset)), afterCall: true) + "}"
    }

    private func gpioChipInfo(_ s: StructBytes) -> String {
        "{name=" + fixedString(Array(s.bytes[0..<32])) + ", label=" + fixedString(Array(s.bytes[32..<64])) + ", lines=\(s.u32(64))}"
    }

    private func gpioLineInfo(_ s: StructBytes) -> String {
        "{flags=" + StraceXlatTables.gpioLineFlags.formatFlags(UInt64(s.u32(4)), style: style)
            + ", name=" + fixedString(Array(s.bytes[8..<40])) + ", consumer=" + fixedString(Array(s.bytes[40..<72])) + "}"
    }

    private func gpioHandleRequest(_ s: StructBytes) -> String {
        let lines = Int(min(s.u32(356), 64))
        return "{lines=\(s.u32(356)), lineoffsets=" + localArray(lines) { String(s.u32(4 * $0)) }
            + ", flags=" + StraceXlatTables.gpioHandleFlags.formatFlags(UInt64(s.u32(256)), style: style)
            + ", default_values=" + localArray(lines) { String(s.u8(260 + $0)) }
            + ", consumer_label=" + fixedString(Array(s.bytes[324..<356])) + "}"
    }

    private func gpioEventRequest(_ s: StructBytes) -> String {
        "{lineoffset=\(s.u32(0)), handleflags=" + StraceXlatTables.gpioHandleFlags.formatFlags(UInt64(s.u32(4)), style: style)
            + ", eventflags=" + StraceXlatTables.gpioEventFlags.formatFlags(UInt64(s.u32(8)), style: style)
            + ", consumer_label=" + fixedString(Array(s.bytes[12..<44])) + "}"
    }

    private func gpioHandleData(_ s: StructBytes) -> String {
        "{values=" + localArray(64) { String(s.u8($0)) } + "}"
    }

    /// struct gpio_v2_line_attribute at `o`: its value by id; an unknown id or a non-zero
    /// padding raw (`id=N, padding=0x..., data=0x...`, inside `attr={...}` in a config attribute).
    private func gpioV2Attribute(_ s: StructBytes, at o: Int, asField: Bool) -> String {
        let id = s.u32(o), padding = s.u32(o + 4), data = s.u64(o + 8)
        if padding == 0 {
            switch id {
            case 1: return "flags=" + StraceXlatTables.gpioV2LineFlags.formatFlags(data, style: style)
            case 2: return "values=" + StraceText.hex(data)
            case 3: return "debounce_period_us=\(s.u32(o + 8))"
            default: break
            }
        }
        let raw = "id=\(id)" + (padding != 0 ? ", padding=" + StraceText.hex(UInt64(padding)) : "") + ", data=" + StraceText.hex(data)
        return asField ? "attr={" + raw + "}" : raw
    }

    private func gpioHexArray(_ s: StructBytes, at o: Int, count: Int) -> String? {
        (0..<count).allSatisfy({ s.u32(o + 4 * $0) == 0 }) ? nil : localArray(count) { StraceText.hex(UInt64(s.u32(o + 4 * $0))) }
    }

    /// struct gpio_v2_line_config at `o` (272 bytes): padding before the attributes, which print
    /// only when there are some.
    private func gpioV2LineConfig(_ s: StructBytes, at o: Int) -> String {
        let count = s.u32(o + 8)
        var text = "{flags=" + StraceXlatTables.gpioV2LineFlags.formatFlags(s.u64(o), style: style) + ", num_attrs=\(count)"
        if let padding = gpioHexArray(s, at: o + 12, count: 5) { text += ", padding=" + padding }
        if count != 0 {
            text += ", attrs=" + localArray(Int(min(count, 10))) { k in
                "{" + gpioV2Attribute(s, at: o + 32 + 24 * k, asField: true) + ", mask=" + StraceText.hex(s.u64(o + 32 + 24 * k + 16)) + "}"
            }
        }
        return text + "}"
    }

    private func gpioV2LineInfo(_ s: StructBytes) -> String {
        let count = s.u32(68)
        var text = "{name=" + fixedString(Array(s.bytes[0..<32])) + ", consumer=" + fixedString(Array(s.bytes[32..<64]))
            + ", flags=" + StraceXlatTables.gpioV2LineFlags.formatFlags(s.u64(72), style: style) + ", num_attrs=\(count)"
        if count != 0 {
            text += ", attrs=" + localArray(Int(min(count, 10))) { "{" + gpioV2Attribute(s, at: 80 + 16 * $0, asField: false) + "}" }
        }
        if let padding = gpioHexArray(s, at: 240, count: 4) { text += ", padding=" + padding }
        return text + "}"
    }

    private func gpioV2LineRequest(_ s: StructBytes) -> String {
        let lines = s.u32(560), bufferSize = s.u32(564)
        var text = "{num_lines=\(lines), offsets=" + localArray(Int(min(lines, 64))) { String(s.u32(4 * $0)) }
            + ", consumer=" + fixedString(Array(s.bytes[256..<288])) + ", config=" + gpioV2LineConfig(s, at: 288)
        if bufferSize != 0 { text += ", event_buffer_size=\(bufferSize)" }
        if let padding = gpioHexArray(s, at: 568, count: 5) { text += ", padding=" + padding }
        return text + "}"
    }
}
