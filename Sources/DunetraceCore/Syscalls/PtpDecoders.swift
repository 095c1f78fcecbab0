// PTP hardware clock ioctls (type '=') as strace 6.1's ptp.c prints them. What strace prints at
// entry (a request's input fields) is read after the call here: the kernel writes those
// fields back unchanged, and an injected call leaves them as they were.
import Glibc

extension ArgumentDecoder {
    func ptpRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        // -e verbose= leaves the structures unread: the argument in hex, as for any request.
        guard dereferenced else { return DecodedCall(head + [StraceText.hex(value)]) }
        let text: String
        switch request {
        case 0x8050_3d01, 0x8050_3d0a: text = readAfter(value, size: 80) { clockCaps($0) }          // PTP_CLOCK_GETCAPS(2)
        case 0x4010_3d02, 0x4010_3d0b:                                                               // PTP_EXTTS_REQUEST(2)
            text = readBefore(value, size: 16) { s in
                "{index=\(s.u32(0)), flags=" + StraceXlatTables.ptpExternalTimestampFlags.formatFlags(UInt64(s.u32(4)), style: style)
                    + (request == 0x4010_3d0b ? reserved(s, at: 8, count: 2) : "") + "}"
            }
        case 0x4038_3d03, 0x4038_3d0c: text = readBefore(value, size: 56) { periodicOutput($0, version2: request == 0x4038_3d0c) }
        case 0x4004_3d04, 0x4004_3d0d: text = StraceText.hex(value)                                  // PTP_ENABLE_PPS(2)
        case 0x4340_3d05, 0x4340_3d0e: text = systemOffset(value)                                    // PTP_SYS_OFFSET(2)
        case 0xc060_3d06, 0xc060_3d0f, 0x4060_3d07, 0x4060_3d10: text = pinDescription(value, request)
        case 0xc040_3d08, 0xc040_3d11:                                                               // PTP_SYS_OFFSET_PRECISE(2)
            text = readAfter(value, size: 64) { s in
                "{device=" + clockTime(s, at: 0, date: true) + ", sys_realtime=" + clockTime(s, at: 16, date: true)
                    + ", sys_monoraw=" + clockTime(s, at: 32, date: false) + reserved(s, at: 48, count: 4) + "}"
            }
        case 0xc4c0_3d09, 0xc4c0_3d12: text = extendedSystemOffset(value)                            // PTP_SYS_OFFSET_EXTENDED(2)
        default: text = StraceText.hex(value)
        }
        return DecodedCall(head + [text])
    }

    private func readAfter(_ address: UInt64, size: Int, _ text: (StructBytes) -> String) -> String {
        guard succeeded, let s = readStruct(address, size: size) else { return StraceText.pointer(address) }
        return text(s)
    }

    private func readBefore(_ address: UInt64, size: Int, _ text: (StructBytes) -> String) -> String {
        guard let s = readStruct(address, size: size) else { return StraceText.pointer(address) }
        return text(s)
    }

    /// `, rsv=[0x1, 0, ...]`: the reserved words, when one is not zero.
    private func reserved(_ s: StructBytes, at offset: Int, count: Int) -> String {
        guard (0..<count).contains(where: { s.u32(offset + 4 * $0) != 0 }) else { return "" }
        return ", rsv=" + limitedArray(count) { StraceText.hex(UInt64(s.u32(offset + 4 * $0))) }
    }

    private func clockCaps(_ s: StructBytes) -> String {
        let names = ["max_adj", "n_alarm", "n_ext_ts", "n_per_out", "pps", "n_pins", "cross_timestamping", "adjust_phase"]
        return "{" + names.enumerated().map { "\($0.element)=\(s.i32(4 * $0.offset))" }.joined(separator: ", ")
            + reserved(s, at: 32, count: 12) + "}"
    }

    /// struct ptp_clock_time; `date`: a wall-clock time, with its date in a comment.
    private func clockTime(_ s: StructBytes, at o: Int, date: Bool) -> String {
        let sec = s.i64(o), nsec = s.u32(o + 8), reserved = s.u32(o + 12)
        var text = "{sec=\(sec), nsec=\(nsec)" + (reserved != 0 ? ", reserved=" + StraceText.hex(UInt64(reserved)) : "") + "}"
        if date, style != .raw, let when = Self.nanosecondDate(sec, nsec) { text += " /* " + when + " */" }
        return text
    }

    /// strace's sprinttime_nsec: none for 0, for nanoseconds past a second, or a time
    /// localtime cannot break down.
    private static func nanosecondDate(_ sec: Int64, _ nsec: UInt32) -> String? {
        if (sec == 0 && nsec == 0) || nsec > 999_999_999 { return nil }
        var t = time_t(sec)
        var parts = tm()
        guard localtime_r(&t, &parts) != nil else { return nil }
        return localDate(sec, nanoseconds: UInt64(nsec))
    }

    private func periodicOutput(_ s: StructBytes, version2: Bool) -> String {
        let flags = s.u32(36)
        var text = flags & 4 != 0 ? "{phase=" + clockTime(s, at: 0, date: false) : "{start=" + clockTime(s, at: 0, date: true)
        text += ", period=" + clockTime(s, at: 16, date: false) + ", index=\(s.u32(32)), flags="
            + StraceXlatTables.ptpPeriodicOutputFlags.formatFlags(UInt64(flags), style: style)
        if flags & 2 != 0 { text += ", on=" + clockTime(s, at: 40, date: false) } else if version2 { text += reserved(s, at: 40, count: 4) }
        return text + "}"
    }

    /// struct ptp_sys_offset: n_samples asked, then (after a success) 2n + 1 times.
    private func systemOffset(_ value: UInt64) -> String {
        guard let s = readStruct(value, size: 832) else { return StraceText.pointer(value) }
        var text = "{n_samples=\(s.u32(0))" + reserved(s, at: 4, count: 3)
        if succeeded {
            let n = Int(min(s.u32(0), 25))
            text += ", ts=" + limitedArray(2 * n + 1) { clockTime(s, at: 16 + 16 * $0, date: true) }
        }
        return text + "}"
    }

    /// struct ptp_sys_offset_extended: n_samples asked, then (after a success) n triples.
    private func extendedSystemOffset(_ value: UInt64) -> String {
        guard let s = readStruct(value, size: 1216) else { return StraceText.pointer(value) }
        var text = "{n_samples=\(s.u32(0))" + reserved(s, at: 4, count: 3)
        if succeeded {
            let n = Int(min(s.u32(0), 25))
            text += ", ts=" + limitedArray(n) { k in
                let at = 16 + 48 * k
                return "[" + clockTime(s, at: at, date: true) + ", " + clockTime(s, at: at + 16, date: true) + ", "
                    + clockTime(s, at: at + 32, date: true) + "]"
            }
        }
        return text + "}"
    }

    /// struct ptp_pin_desc: GETFUNC prints the index asked (and PIN_GETFUNC2 its reserved
    /// words), then after a success the pin's name, function and channel; SETFUNC all it gives.
    private func pinDescription(_ value: UInt64, _ request: UInt32) -> String {
        guard let s = readStruct(value, size: 96) else { return StraceText.pointer(value) }
        let getting = request >> 30 == 3
        var text = "{index=\(s.u32(64))"
        if request == 0xc060_3d0f { text += reserved(s, at: 76, count: 5) }
        if getting {
            guard succeeded else { return text + "}" }
            text += ", name=" + fixedString(Array(s.bytes[0..<64]))
        }
        text += ", func=" + StraceXlatTables.ptpPinFunctions.formatValue(UInt64(s.u32(68)), style: style) + ", chan=\(s.u32(72))"
        if request == 0x4060_3d10 { text += reserved(s, at: 76, count: 5) }
        return text + "}"
    }
}
