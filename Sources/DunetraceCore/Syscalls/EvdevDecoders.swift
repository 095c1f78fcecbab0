// Input event device ioctls (type 'E') as strace 6.1's evdev.c and evdev_mpers.c print them:
// _IOR requests after the call (the address when it failed), _IOW ones as the call found
// them, others (no direction, both) with their argument in hex.

extension ArgumentDecoder {
    func evdevRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch IoctlNumbers.direction(request) {
        case 2: return DecodedCall(head + [evdevRead(request, value)])
        case 1: return DecodedCall(head + [evdevWrite(request, value)])
        default: return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    /// strace's umove_or_printaddr after the call: NULL, the address on an error, with -e
    /// verbose= or when unreadable, else `text` of the bytes.
    private func readOutput(_ address: UInt64, size: Int, _ text: (StructBytes) -> String) -> String {
        guard succeeded, dereferenced, let s = readStruct(address, size: size) else { return StraceText.pointer(address) }
        return text(s)
    }

    /// The same, as the call found the memory (an _IOW request).
    private func readInput(_ address: UInt64, size: Int, _ text: (StructBytes) -> String) -> String {
        guard dereferenced, let s = readStruct(address, size: size) else { return StraceText.pointer(address) }
        return text(s)
    }

    private func evdevRead(_ request: UInt32, _ value: UInt64) -> String {
        switch request {
        case 0x8004_4501: return readOutput(value, size: 4) { "[" + StraceText.hex(UInt64($0.u32(0))) + "]" }  // EVIOCGVERSION
        case 0x8004_4584: return readOutput(value, size: 4) { "[\($0.u32(0))]" }                               // EVIOCGEFFECTS
        case 0x8008_4502:                                                                                        // EVIOCGID
            return readOutput(value, size: 8) { "{bustype=\($0.u16(0)), vendor=\($0.u16(2)), product=\($0.u16(4)), version=\($0.u16(6))}" }
        case 0x8008_4503: return readOutput(value, size: 8) { "[\($0.u32(0)), \($0.u32(4))]" }                 // EVIOCGREP
        case 0x8008_4504: return readOutput(value, size: 8) { keycodePair($0) }                                 // EVIOCGKEYCODE
        case 0x8028_4504: return readOutput(value, size: 40) { keymapEntry($0) }                                // EVIOCGKEYCODE_V2
        default: break
        }
        let nr = IoctlNumbers.number(request), size = Int(IoctlNumbers.size(request))
        switch nr {
        case 0x0a: return multitouchSlots(value, size: size)
        case 0x06, 0x07, 0x08:  // EVIOCGNAME, EVIOCGPHYS, EVIOCGUNIQ: the bytes the call returned
            guard let n = success else { return StraceText.pointer(value) }
            // strace reads one byte past the -s limit (to tell a cut string): unreadable, the address.
            let length = UInt64(clamping: n), probe = Int(min(length, UInt64(stringLimit) + 1))
            if value != 0, probe > 0, memory.read(value, count: probe) == nil { return StraceText.pointer(value) }
            return buffer(value, length: length)
        case 0x09: return bitset(value, StraceXlatTables.evdevProperties, max: 0x1f)
        case 0x1a: return bitset(value, StraceXlatTables.evdevSounds, max: 0x07)
        case 0x1b: return bitset(value, StraceXlatTables.evdevSwitches, max: 0x10)
        case 0x18: return bitset(value, StraceXlatTables.evdevKeys, max: 0x2ff)
        case 0x19: return bitset(value, StraceXlatTables.evdevLeds, max: 0x0f)
        default: break
        }
        if nr & ~0x3f == 0x40 { return absoluteAxis(value, size: size) }
        if nr & ~0x1f == 0x20 {
            switch nr & 0x1f {
            case 0: return bitset(value, StraceXlatTables.evdevTypes, max: 0x1f)
            case 1: return bitset(value, StraceXlatTables.evdevKeys, max: 0x2ff)
            case 2: return bitset(value, StraceXlatTables.evdevRelativeAxes, max: 0x0f)
            case 3: return bitset(value, StraceXlatTables.evdevAxes, max: 0x3f)
            case 4: return bitset(value, StraceXlatTables.evdevMisc, max: 0x07)
            case 5: return bitset(value, StraceXlatTables.evdevSwitches, max: 0x10)
            case 0x11: return bitset(value, StraceXlatTables.evdevLeds, max: 0x0f)
            case 0x12: return bitset(value, StraceXlatTables.evdevSounds, max: 0x07)
            case 0x14: return bitset(value, StraceXlatTables.evdevAutorepeat, max: 0x01)
            case 0x15: return bitset(value, StraceXlatTables.evdevForceFeedbackTypes, max: 0x7f)
            case 0x16: return readOutput(value, size: 4) { "[\($0.i32(0))]" }   // EV_PWR
            case 0x17: return bitset(value, StraceXlatTables.evdevForceFeedbackStatus, max: 0x01)
            default: return StraceText.pointer(value)
            }
        }
        return StraceText.pointer(value)
    }

    private func evdevWrite(_ request: UInt32, _ value: UInt64) -> String {
        switch request {
        case 0x4008_4503: return readInput(value, size: 8) { "[\($0.u32(0)), \($0.u32(4))]" }   // EVIOCSREP
        case 0x4008_4504: return readInput(value, size: 8) { keycodePair($0) }                   // EVIOCSKEYCODE
        case 0x4028_4504: return readInput(value, size: 40) { keymapEntry($0) }                  // EVIOCSKEYCODE_V2
        case 0x4004_4581: return String(Int32(truncatingIfNeeded: value))                        // EVIOCRMFF
        case 0x4004_4590, 0x4004_4591: return String(value)                                      // EVIOCGRAB, EVIOCREVOKE
        case 0x4004_45a0: return readInput(value, size: 4) { "[\($0.u32(0))]" }                  // EVIOCSCLOCKID
        case 0x4030_4580: return readInput(value, size: 48) { forceFeedbackEffect($0) }          // EVIOCSFF
        default: break
        }
        if IoctlNumbers.number(request) & ~0x3f == 0xc0 { return absoluteAxis(value, size: Int(IoctlNumbers.size(request)), input: true) }
        return StraceText.pointer(value)
    }

    private func keycodePair(_ s: StructBytes) -> String {
        "[\(s.u32(0)), " + StraceXlatTables.evdevKeys.formatValue(UInt64(s.u32(4)), style: style) + "]"
    }

    private func keymapEntry(_ s: StructBytes) -> String {
        var text = "{flags=\(s.u8(0)), len=\(s.u8(1)), "
        if abbreviated { return text + "...}" }
        text += "index=\(s.u16(2)), keycode=" + StraceXlatTables.evdevKeys.formatValue(UInt64(s.u32(4)), style: style)
        return text + ", scancode=" + hexArray(s, at: 8, count: 32, size: 1) + "}"
    }

    /// struct input_absinfo: a request smaller than its first five fields prints the address;
    /// the resolution only when the size holds it, `...` when the size is not the structure's.
    private func absoluteAxis(_ value: UInt64, size: Int, input: Bool = false) -> String {
        guard size >= 20 else { return StraceText.pointer(value) }
        let read = min(size, 24)
        let print = { (s: StructBytes) -> String in
            var text = "{value=\(s.u32(0)), minimum=\(s.u32(4)), "
            if self.abbreviated { return text + "...}" }
            text += "maximum=\(s.u32(8)), fuzz=\(s.u32(12)), flat=\(s.u32(16))"
            if size > 20 {
                if size >= 24 { text += ", resolution=\(s.u32(20))" }
                if size != 24 { text += ", ..." }
            }
            return text + "}"
        }
        return input ? readInput(value, size: read, print) : readOutput(value, size: read, print)
    }

    /// EVIOCGMTSLOTS(len): the code asked, then len / 4 - 1 values.
    private func multitouchSlots(_ value: UInt64, size: Int) -> String {
        let count = size / 4
        guard count > 0 else { return StraceText.pointer(value) }
        return readOutput(value, size: 4) { s in
            var items: [String] = []
            for k in 0..<(count - 1) {
                if abbreviated && k >= stringLimit { items.append("..."); break }
                let at = value &+ 4 &+ UInt64(k) &* 4
                guard let e = readStruct(at, size: 4) else {
                    if k == 0 { items = []; return "{code=" + mtCode(s) + ", values=" + StraceText.pointer(at) + "}" }
                    items.append("... /* " + StraceText.pointer(at) + " */")
                    break
                }
                items.append(String(e.i32(0)))
            }
            return "{code=" + mtCode(s) + ", values=[" + items.joined(separator: ", ") + "]}"
        }
    }

    private func mtCode(_ s: StructBytes) -> String {
        StraceXlatTables.evdevMultitouchSlots.formatValue(UInt64(s.u32(0)), style: style)
    }

    /// A bitmap the call filled: the set bits' names (`[EV_ABS EV_MSC ...]`, four at most
    /// unless -v), with -X raw the longs, with -X verbose both. It covers the bytes the call
    /// returned, at most `max` bits, read in whole longs.
    private func bitset(_ value: UInt64, _ names: NameTable, max: Int) -> String {
        guard let r = success else { return StraceText.pointer(value) }
        let bits = UInt64(bitPattern: r) > UInt64(max / 8) ? max : Int(r) * 8
        let size = ((bits + 7) / 8 + 7) / 8 * 8
        guard size > 0 else { return StraceText.pointer(value) }
        guard dereferenced, let s = readStruct(value, size: size) else { return StraceText.pointer(value) }
        var text = ""
        if style != .raw {
            var shown: [String] = []
            for bit in 0..<bits where s.bytes[bit / 8] & (1 << UInt8(bit % 8)) != 0 {
                if abbreviated && shown.count >= 4 { shown.append("..."); break }
                shown.append(names.formatValue(UInt64(bit), style: style))
            }
            text = "[" + shown.joined(separator: " ") + "]"
        }
        if style == .abbrev { return text }
        let words = limitedArray(size / 8) { StraceText.hex(s.u64(8 * $0)) }
        return style == .raw ? words : text + " /* " + words + " */"
    }

    /// struct ff_effect (EVIOCSFF): the type's own union member after -v's trigger and replay.
    private func forceFeedbackEffect(_ s: StructBytes) -> String {
        let type = s.u16(0)
        var text = "{type=" + StraceXlatTables.evdevForceFeedbackTypes.formatValue(UInt64(type), style: style)
            + ", id=\(Int16(bitPattern: s.u16(2))), direction=\(s.u16(4)), "
        if abbreviated { return text + "...}" }
        text += "trigger={button=\(s.u16(6)), interval=\(s.u16(8))}, replay={length=\(s.u16(10)), delay=\(s.u16(12))}"
        func signed(_ o: Int) -> Int16 { Int16(bitPattern: s.u16(o)) }
        func envelope(_ o: Int) -> String {
            "envelope={attack_length=\(s.u16(o)), attack_level=\(s.u16(o + 2)), fade_length=\(s.u16(o + 4)), "
                + "fade_level=" + StraceText.hex(UInt64(s.u16(o + 6))) + "}"
        }
        switch type {
        case 0x52: text += ", constant={level=\(signed(16)), " + envelope(18) + "}"                                    // FF_CONSTANT
        case 0x57: text += ", ramp={start_level=\(signed(16)), end_level=\(signed(18)), " + envelope(20) + "}"         // FF_RAMP
        case 0x51:                                                                                                      // FF_PERIODIC
            text += ", periodic={waveform=\(s.u16(16)), period=\(s.u16(18)), magnitude=\(signed(20)), offset=\(signed(22)), "
                + "phase=\(s.u16(24)), " + envelope(26) + ", custom_len=\(s.u32(36)), custom_data=" + StraceText.pointer(s.u64(40)) + "}"
        case 0x50: text += ", rumble={strong_magnitude=\(s.u16(16)), weak_magnitude=\(s.u16(18))}"                     // FF_RUMBLE
        default: break
        }
        return text + "}"
    }

    /// `[a, b, ...]` of `count` elements, cut at the -s limit unless -v (strace's print_array).
    func limitedArray(_ count: Int, _ element: (Int) -> String) -> String {
        var items: [String] = []
        for k in 0..<count {
            if abbreviated && k >= stringLimit { items.append("..."); break }
            items.append(element(k))
        }
        return "[" + items.joined(separator: ", ") + "]"
    }
}
