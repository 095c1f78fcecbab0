// Real-time clock ioctls (type 'p') as strace 6.1's rtc.c prints them: struct rtc_time (its
// last three fields only with -v), the wake alarm, the PLL, the voltage-low flags, and
// RTC_PARAM_GET/SET's parameter (GET: what was asked, then ` => ` the answer).

extension ArgumentDecoder {
    func rtcRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch request {
        case 0x8024_7008, 0x8024_7009: return ioctlOutput(head) { a in readStruct(a, size: 36).map { rtcTime($0, at: 0) } }  // ALM_READ, RD_TIME
        case 0x4024_7007, 0x4024_700a: return ioctlInput(head) { a in readStruct(a, size: 36).map { rtcTime($0, at: 0) } }   // ALM_SET, SET_TIME
        case 0x4008_700c, 0x4008_700e: return DecodedCall(head + [String(value)])                                           // IRQP_SET, EPOCH_SET
        case 0x8008_700b, 0x8008_700d: return ioctlOutput(head) { scalarText($0, .ulong) }                                  // IRQP_READ, EPOCH_READ
        case 0x8028_7010: return ioctlOutput(head) { rtcWakeAlarm($0) }                                                     // WKALM_RD
        case 0x4028_700f: return ioctlInput(head) { rtcWakeAlarm($0) }                                                      // WKALM_SET
        case 0x8020_7011: return ioctlOutput(head) { rtcPll($0) }                                                           // PLL_GET
        case 0x4020_7012: return ioctlInput(head) { rtcPll($0) }                                                            // PLL_SET
        case 0x8004_7013:                                                                                                   // VL_READ
            return ioctlOutput(head) { a in readStruct(a, size: 4).map { "[" + FlagTables.rtcVoltageLow.formatFlags(UInt64($0.u32(0)), style: style) + "]" } }
        case 0x4018_7013: return DecodedCall(head + [rtcParameter(value, getting: true)])                                   // PARAM_GET
        case 0x4018_7014: return DecodedCall(head + [rtcParameter(value, getting: false)])                                  // PARAM_SET
        case 0x7001, 0x7002, 0x7003, 0x7004, 0x7005, 0x7006, 0x700f, 0x7010, 0x7014: return DecodedCall(head)             // no argument
        default: return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    private func rtcTime(_ s: StructBytes, at o: Int) -> String {
        var text = "{tm_sec=\(s.i32(o)), tm_min=\(s.i32(o + 4)), tm_hour=\(s.i32(o + 8)), tm_mday=\(s.i32(o + 12)), "
            + "tm_mon=\(s.i32(o + 16)), tm_year=\(s.i32(o + 20))"
        text += abbreviated ? ", ..." : ", tm_wday=\(s.i32(o + 24)), tm_yday=\(s.i32(o + 28)), tm_isdst=\(s.i32(o + 32))"
        return text + "}"
    }

    private func rtcWakeAlarm(_ address: UInt64) -> String? {
        readStruct(address, size: 40).map { "{enabled=\($0.bytes[0]), pending=\($0.bytes[1]), time=" + rtcTime($0, at: 4) + "}" }
    }

    private func rtcPll(_ address: UInt64) -> String? {
        readStruct(address, size: 32).map { s in
            "{pll_ctrl=\(s.i32(0)), pll_value=\(s.i32(4)), pll_max=\(s.i32(8)), pll_min=\(s.i32(12)), "
                + "pll_posmult=\(s.i32(16)), pll_negmult=\(s.i32(20)), pll_clock=\(Int64(bitPattern: s.u64(24)))}"
        }
    }

    /// struct rtc_param: the kernel writes back the whole structure with the same parameter and
    /// index, so what GET was asked reads the same after the call.
    private func rtcParameter(_ address: UInt64, getting: Bool) -> String {
        guard dereferenced, address != 0, let s = readStruct(address, size: 24) else { return StraceText.pointer(address) }
        let parameter = s.u64(0), pad = s.u32(20)
        func valueField() -> String {
            switch parameter {
            case 0: return "uvalue=" + rtcFeatures(s.u64(8))
            case 1: return "svalue=\(s.i64(8))"
            case 2: return "uvalue=" + FlagTables.rtcBackupSwitchModes.formatValue(s.u64(8), style: style)
            default: return "uvalue=" + StraceText.hex(s.u64(8))
            }
        }
        let padText = pad != 0 ? ", __pad=" + StraceText.hex(UInt64(pad)) : ""
        var fields = ["param=" + FlagTables.rtcParameters.formatValue(parameter, style: style)]
        if !getting { fields.append(valueField()) }
        fields.append("index=\(s.u32(16))")
        let asked = "{" + fields.joined(separator: ", ") + padText + "}"
        guard getting else { return asked }
        return asked + " => " + (succeeded ? "{" + valueField() + padText + "}" : StraceText.pointer(address))
    }

    /// RTC_PARAM_FEATURES: bits by their index, `1<<RTC_FEATURE_ALARM|...`.
    private func rtcFeatures(_ bits: UInt64) -> String {
        if style == .raw || bits == 0 { return StraceText.hex(bits) }
        var names: [String] = []
        var rest = bits
        for (bit, name) in FlagTables.rtcFeatureBits.enumerated() where bits & (1 << UInt64(bit)) != 0 {
            names.append("1<<" + name)
            rest &= ~(1 << UInt64(bit))
        }
        if names.isEmpty { return StraceText.hex(bits) + " /* 1<<RTC_FEATURE_??? */" }
        if rest != 0 { names.append(StraceText.hex(rest)) }
        let text = names.joined(separator: "|")
        return style == .verbose ? StraceText.hex(bits) + " /* " + text + " */" : text
    }
}

extension FlagTables {
    static let rtcFeatureBits = [
        "RTC_FEATURE_ALARM", "RTC_FEATURE_ALARM_RES_MINUTE", "RTC_FEATURE_NEED_WEEK_DAY", "RTC_FEATURE_ALARM_RES_2S",
        "RTC_FEATURE_UPDATE_INTERRUPT", "RTC_FEATURE_CORRECTION", "RTC_FEATURE_BACKUP_SWITCH_MODE", "RTC_FEATURE_ALARM_WAKEUP_ONLY",
    ]
    static let rtcParameters = NameTable(unknown: "RTC_PARAM_???", [
        (0, "RTC_PARAM_FEATURES"), (1, "RTC_PARAM_CORRECTION"), (2, "RTC_PARAM_BACKUP_SWITCH_MODE"),
    ])
    static let rtcBackupSwitchModes = NameTable(unknown: "RTC_BSM_???", [
        (0, "RTC_BSM_DISABLED"), (1, "RTC_BSM_DIRECT"), (2, "RTC_BSM_LEVEL"), (3, "RTC_BSM_STANDBY"),
    ])
    static let rtcVoltageLow = NameTable(unknown: "RTC_VL_???", [
        (1, "RTC_VL_DATA_INVALID"), (2, "RTC_VL_BACKUP_LOW"), (4, "RTC_VL_BACKUP_EMPTY"), (8, "RTC_VL_ACCURACY_LOW"),
        (0x10, "RTC_VL_BACKUP_SWITCH"),
    ])
}
