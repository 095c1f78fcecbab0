// Video4Linux2 ioctls (type 'V') as strace 6.1's v4l2.c prints them. strace prints a request's
// structure in two halves, what the call was given (the structure as it was at entry, kept by
// EntryValuesMemory) and, after a success, what it returned, often joined by ` => `. Requests
// strace does not decode print their argument in hex; -e verbose= without ioctl prints every
// argument in hex.

extension ArgumentDecoder {
    func videoRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        guard dereferenced, let kind = Self.videoRequestKinds[request] else { return DecodedCall(head + [StraceText.hex(value)]) }
        switch kind {
        case .capability: return DecodedCall(head + [videoAfter(value, size: 104) { videoCapability($0) }])
        case .formatDescription: return DecodedCall(head + [videoFormatDescription(value)])
        case .format(let getting): return DecodedCall(head + [videoFormat(value, getting: getting)])
        case .requestBuffers: return DecodedCall(head + [videoRequestBuffers(value)])
        case .buffer(let dequeue): return DecodedCall(head + [videoBuffer(value, dequeue: dequeue)])
        case .getFramebuffer: return DecodedCall(head + [videoAfter(value, size: 48) { videoFramebuffer($0) }])
        case .setFramebuffer: return DecodedCall(head + [videoGiven(value, size: 48) { videoFramebuffer($0) }])
        case .bufferType:
            return DecodedCall(head + [videoGiven(value, size: 4) { "[" + StraceXlatTables.videoBufferTypes.formatValue(UInt64($0.u32(0)), style: style) + "]" }])
        case .streamParameters(let getting): return DecodedCall(head + [videoStreamParameters(value, getting: getting)])
        case .getStandard: return DecodedCall(head + [videoAfter(value, size: 8) { "[" + StraceText.hex($0.u64(0)) + "]" }])
        case .setStandard: return DecodedCall(head + [videoGiven(value, size: 8) { "[" + StraceText.hex($0.u64(0)) + "]" }])
        case .standard: return DecodedCall(head + [videoStandard(value)])
        case .input: return DecodedCall(head + [videoInput(value)])
        case .control(let getting): return DecodedCall(head + [videoControl(value, getting: getting)])
        case .tuner(let getting): return DecodedCall(head + [videoTuner(value, getting: getting)])
        case .queryControl: return DecodedCall(head + [videoQueryControl(value, extended: false)])
        case .queryExtendedControl: return DecodedCall(head + [videoQueryControl(value, extended: true)])
        case .getInput: return DecodedCall(head + [videoAfter(value, size: 4) { "[\($0.u32(0))]" }])
        case .setInput: return DecodedCall(head + [videoGiven(value, size: 4) { "[\($0.u32(0))]" }])
        case .cropCapability: return DecodedCall(head + [videoCropCapability(value)])
        case .crop(let getting): return DecodedCall(head + [videoCrop(value, getting: getting)])
        case .extendedControls(let getting): return DecodedCall(head + [videoExtendedControls(value, getting: getting)])
        case .frameSizes: return DecodedCall(head + [videoFrameSizes(value)])
        case .frameIntervals: return DecodedCall(head + [videoFrameIntervals(value)])
        case .createBuffers:
            let (text, created) = videoCreateBuffers(value)
            return DecodedCall(head + [text], comment: created)
        }
    }

    /// How strace decodes each request (v4l2.c's switch).
    enum VideoRequestKind {
        case capability, formatDescription, format(getting: Bool), requestBuffers, buffer(dequeue: Bool)
        case getFramebuffer, setFramebuffer, bufferType, streamParameters(getting: Bool), getStandard, setStandard
        case standard, input, control(getting: Bool), tuner(getting: Bool), queryControl, queryExtendedControl
        case getInput, setInput, cropCapability, crop(getting: Bool), extendedControls(getting: Bool)
        case frameSizes, frameIntervals, createBuffers
    }

    static let videoRequestKinds: [UInt32: VideoRequestKind] = [
        0x8068_5600: .capability, 0xc040_5602: .formatDescription,                       // QUERYCAP, ENUM_FMT
        0xc0d0_5604: .format(getting: true), 0xc0d0_5605: .format(getting: false),       // G_FMT, S_FMT
        0xc0d0_5640: .format(getting: false), 0xc014_5608: .requestBuffers,              // TRY_FMT, REQBUFS
        0xc058_5609: .buffer(dequeue: false), 0xc058_560f: .buffer(dequeue: false),      // QUERYBUF, QBUF
        0xc058_5611: .buffer(dequeue: true),                                              // DQBUF
        0x8030_560a: .getFramebuffer, 0x4030_560b: .setFramebuffer,                      // G_FBUF, S_FBUF
        0x4004_5612: .bufferType, 0x4004_5613: .bufferType,                              // STREAMON, STREAMOFF
        0xc0cc_5615: .streamParameters(getting: true), 0xc0cc_5616: .streamParameters(getting: false),  // G_PARM, S_PARM
        0x8008_5617: .getStandard, 0x4008_5618: .setStandard, 0xc048_5619: .standard,   // G_STD, S_STD, ENUMSTD
        0xc050_561a: .input,                                                              // ENUMINPUT
        0xc008_561b: .control(getting: true), 0xc008_561c: .control(getting: false),     // G_CTRL, S_CTRL
        0xc054_561d: .tuner(getting: true), 0x4054_561e: .tuner(getting: false),         // G_TUNER, S_TUNER
        0xc044_5624: .queryControl, 0xc0e8_5667: .queryExtendedControl,                  // QUERYCTRL, QUERY_EXT_CTRL
        0x8004_5626: .getInput, 0xc004_5627: .setInput,                                  // G_INPUT, S_INPUT
        0xc02c_563a: .cropCapability, 0xc014_563b: .crop(getting: true), 0x4014_563c: .crop(getting: false),  // CROPCAP, G_CROP, S_CROP
        0xc020_5648: .extendedControls(getting: false), 0xc020_5649: .extendedControls(getting: false),  // S_EXT_CTRLS, TRY_EXT_CTRLS
        0xc020_5647: .extendedControls(getting: true),                                   // G_EXT_CTRLS
        0xc02c_564a: .frameSizes, 0xc034_564b: .frameIntervals, 0xc100_565c: .createBuffers,  // ENUM_FRAMESIZES, ENUM_FRAMEINTERVALS, CREATE_BUFS
    ]

    // MARK: the two halves

    /// A structure strace reads only after the call: the address when the call failed.
    private func videoAfter(_ address: UInt64, size: Int, _ text: (StructBytes) -> String) -> String {
        guard succeeded, address != 0, let s = readStruct(address, size: size) else { return StraceText.pointer(address) }
        return text(s)
    }

    /// A structure strace reads only as the call was given.
    private func videoGiven(_ address: UInt64, size: Int, _ text: (StructBytes) -> String) -> String {
        guard address != 0, let s = givenStruct(address, size: size) else { return StraceText.pointer(address) }
        return text(s)
    }

    /// The structure as the call was given it: kept at entry when the model names it (a request
    /// the kernel reads and writes), else as it is now (the call did not change it).
    private func givenStruct(_ address: UInt64, size: Int) -> StructBytes? {
        readStruct(EntryValuesMemory.alias(address), size: size) ?? readStruct(address, size: size)
    }

    /// The structure the call returned, after a success.
    private func returnedStruct(_ address: UInt64, size: Int) -> StructBytes? {
        succeeded ? readStruct(address, size: size) : nil
    }

    // MARK: fields

    private func bufferType(_ v: UInt32) -> String { StraceXlatTables.videoBufferTypes.formatValue(UInt64(v), style: style) }
    private func xval(_ table: NameTable, _ v: UInt32) -> String { table.formatValue(UInt64(v), style: style) }
    private func flags(_ table: NameTable, _ v: UInt32) -> String { table.formatFlags(UInt64(v), style: style) }

    private func videoRect(_ s: StructBytes, _ o: Int) -> String {
        "{left=\(s.i32(o)), top=\(s.i32(o + 4)), width=\(s.u32(o + 8)), height=\(s.u32(o + 12))}"
    }

    private func fraction(_ s: StructBytes, _ o: Int) -> String { "\(s.u32(o))/\(s.u32(o + 4))" }

    private func fixedField(_ s: StructBytes, _ o: Int, _ size: Int) -> String { fixedString(Array(s.bytes[o..<o + size])) }

    /// A fourcc as strace's print_pixelformat: its four characters, and its name from `table`
    /// in a comment; -X raw prints the number.
    private func fourcc(_ v: UInt32, _ table: NameTable?) -> String {
        if style == .raw { return StraceText.hex(UInt64(v)) }
        let chars = (0..<4).map { Self.quotedChar(UInt8(truncatingIfNeeded: v >> (8 * UInt32($0)))) }
        var text = "v4l2_fourcc(" + chars.joined(separator: ", ") + ")"
        if let name = table?.name(of: UInt64(v)) { text += " /* " + name + " */" }
        return text
    }

    /// strace's print_char with quotes: `'a'`, `'\''`, `'\\'`, `'\xfa'`.
    static func quotedChar(_ c: UInt8) -> String {
        if c >= 0x20 && c < 0x7f {
            let char = String(UnicodeScalar(c))
            return c == UInt8(ascii: "'") || c == UInt8(ascii: "\\") ? "'\\" + char + "'" : "'" + char + "'"
        }
        let digits = Array("0123456789abcdef")
        return "'\\x" + String(digits[Int(c >> 4)]) + String(digits[Int(c & 15)]) + "'"
    }

    /// strace's print_kernel_version: `KERNEL_VERSION(5, 10, 0)`.
    private func kernelVersion(_ v: UInt32) -> String {
        let text = "KERNEL_VERSION(\(v >> 16), \((v >> 8) & 0xff), \(v & 0xff))"
        return style.spell(raw: StraceText.hex(UInt64(v)), text)
    }

    /// A control id as strace's print_v4l2_cid: its name, or its class and offset
    /// (`V4L2_CTRL_CLASS_USER+0x10`); `nextFlags` names V4L2_CTRL_FLAG_NEXT_* first.
    private func controlId(_ raw: UInt32, nextFlags: Bool) -> String {
        if style == .raw { return StraceText.hex(UInt64(raw)) }
        var cid = raw, prefix = ""
        if nextFlags {
            let mask = StraceXlatTables.videoControlQueryFlags.entries.reduce(UInt64(0)) { $0 | $1.value }
            let set = UInt64(cid) & mask
            if set != 0 {
                prefix = StraceXlatTables.videoControlQueryFlags.formatFlags(set, style: style) + "|"
                cid &= ~UInt32(truncatingIfNeeded: set)
            }
        }
        if let name = StraceXlatTables.videoControlIds.name(of: UInt64(cid)) { return prefix + style.spell(raw: StraceText.hex(UInt64(cid)), name) }
        let classes = StraceXlatTables.videoControlClasses.entries
        guard let owner = classes.filter({ $0.value <= UInt64(cid) }).max(by: { $0.value < $1.value }),
              UInt64(cid) - owner.value < 0x10000 else {
            return prefix + StraceText.hex(UInt64(cid)) + (style == .raw ? "" : " /* V4L2_CID_??? */")
        }
        return prefix + style.spell(raw: StraceText.hex(UInt64(cid)), owner.name + "+" + StraceText.hex(UInt64(cid) - owner.value))
    }

    /// strace's print_array: `count` elements of `size` bytes from `start`, cut at the -s
    /// limit when abbreviated; an element that cannot be read ends it with `... /* address */`.
    /// The flag is print_array's result: false when it stopped at an unreadable element.
    private func videoArray(_ start: UInt64, count: UInt64, size: Int, _ element: (StructBytes) -> String) -> (String, Bool) {
        if start == 0 { return ("NULL", false) }
        if count == 0 { return ("[]", false) }
        // strace's end <= start check: a size past the address space prints the address.
        let (bytes, overflow) = count.multipliedReportingOverflow(by: UInt64(size))
        guard !overflow, start &+ bytes > start else { return (StraceText.pointer(start), false) }
        var items: [String] = []
        for k in 0..<count {
            let at = start &+ k &* UInt64(size)
            guard let e = readStruct(at, size: size) else {
                if k == 0 { return (StraceText.pointer(at), false) }
                items.append("... /* " + StraceText.pointer(at) + " */")
                return ("[" + items.joined(separator: ", ") + "]", false)
            }
            if abbreviated && k >= UInt64(stringLimit) {
                items.append("...")
                break
            }
            items.append(element(e))
        }
        return ("[" + items.joined(separator: ", ") + "]", true)
    }

    // MARK: VIDIOC_QUERYCAP, VIDIOC_ENUM_FMT

    private func videoCapability(_ s: StructBytes) -> String {
        var text = "{driver=" + fixedField(s, 0, 16) + ", card=" + fixedField(s, 16, 32) + ", bus_info=" + fixedField(s, 48, 32)
            + ", version=" + kernelVersion(s.u32(80))
            + ", capabilities=" + flags(StraceXlatTables.videoDeviceCapabilities, s.u32(84))
        if s.u32(88) != 0 { text += ", device_caps=" + flags(StraceXlatTables.videoDeviceCapabilities, s.u32(88)) }
        return text + "}"
    }

    private func videoFormatDescription(_ address: UInt64) -> String {
        guard address != 0, let e = givenStruct(address, size: 64) else { return StraceText.pointer(address) }
        var text = "{index=\(e.u32(0)), type=" + bufferType(e.u32(4))
        if let s = returnedStruct(address, size: 64) {
            text += ", flags=" + flags(StraceXlatTables.videoFormatFlags, s.u32(8)) + ", description=" + fixedField(s, 12, 32)
                + ", pixelformat=" + fourcc(s.u32(44), StraceXlatTables.videoPixelFormats)
        }
        return text + "}"
    }

    // MARK: VIDIOC_G_FMT, VIDIOC_S_FMT, VIDIOC_TRY_FMT, VIDIOC_CREATE_BUFS

    /// The `fmt.NAME={...}` member of a struct v4l2_format whose type is at `base` (its union at
    /// base + 8), and print_v4l2_format_fmt's result: false for a type it does not know, or
    /// when the window's clips could not all be read. nil text: no member for this type.
    private func formatMember(_ s: StructBytes, _ base: Int) -> (text: String?, complete: Bool) {
        let u = base + 8
        switch s.u32(base) {
        case 1, 2:  // VIDEO_CAPTURE, VIDEO_OUTPUT
            return ("fmt.pix={width=\(s.u32(u)), height=\(s.u32(u + 4)), pixelformat=" + fourcc(s.u32(u + 8), StraceXlatTables.videoPixelFormats)
                + ", field=" + xval(StraceXlatTables.videoFields, s.u32(u + 12)) + ", bytesperline=\(s.u32(u + 16)), sizeimage=\(s.u32(u + 20))"
                + ", colorspace=" + xval(StraceXlatTables.videoColorspaces, s.u32(u + 24)) + "}", true)
        case 9, 10:  // VIDEO_CAPTURE_MPLANE, VIDEO_OUTPUT_MPLANE
            let planes = localArray(min(Int(s.u8(u + 180)), 8)) { k in "{sizeimage=\(s.u32(u + 20 + 20 * k)), bytesperline=\(s.u32(u + 24 + 20 * k))}" }
            return ("fmt.pix_mp={width=\(s.u32(u)), height=\(s.u32(u + 4)), pixelformat=" + fourcc(s.u32(u + 8), StraceXlatTables.videoPixelFormats)
                + ", field=" + xval(StraceXlatTables.videoFields, s.u32(u + 12)) + ", colorspace=" + xval(StraceXlatTables.videoColorspaces, s.u32(u + 16))
                + ", plane_fmt=" + planes + ", num_planes=\(s.u8(u + 180))}", true)
        case 8, 3:  // VIDEO_OUTPUT_OVERLAY, VIDEO_OVERLAY
            let (clips, complete) = videoArray(s.u64(u + 24), count: UInt64(s.u32(u + 32)), size: 24) { "{c=" + videoRect($0, 0) + "}" }
            var text = "fmt.win={w=" + videoRect(s, u) + ", field=" + xval(StraceXlatTables.videoFields, s.u32(u + 16))
                + ", chromakey=" + StraceText.hex(UInt64(s.u32(u + 20))) + ", clips=" + clips + ", clipcount=\(s.u32(u + 32))"
                + ", bitmap=" + StraceText.pointer(s.u64(u + 40))
            if s.u8(u + 48) != 0 { text += ", global_alpha=" + StraceText.hex(UInt64(s.u8(u + 48))) }
            return (text + "}", complete)
        case 4, 5:  // VBI_CAPTURE, VBI_OUTPUT
            return ("fmt.vbi={sampling_rate=\(s.u32(u)), offset=\(s.u32(u + 4)), samples_per_line=\(s.u32(u + 8)), sample_format="
                + fourcc(s.u32(u + 12), StraceXlatTables.videoPixelFormats) + ", start=[\(s.i32(u + 16)), \(s.i32(u + 20))]"
                + ", count=[\(s.u32(u + 24)), \(s.u32(u + 28))], flags=" + flags(StraceXlatTables.videoVbiFlags, s.u32(u + 32)) + "}", true)
        case 6, 7:  // SLICED_VBI_CAPTURE, SLICED_VBI_OUTPUT
            let lines = (0..<2).map { row in "[" + (0..<24).map { StraceText.hex(UInt64(s.u16(u + 2 + 48 * row + 2 * $0))) }.joined(separator: ", ") + "]" }
            return ("fmt.sliced={service_set=" + flags(StraceXlatTables.videoSlicedFlags, UInt32(s.u16(u)))
                + ", service_lines=[" + lines.joined(separator: ", ") + "], io_size=\(s.u32(u + 100))}", true)
        case 11, 12:  // SDR_CAPTURE, SDR_OUTPUT
            var text = "fmt.sdr={pixelformat=" + fourcc(s.u32(u), StraceXlatTables.videoSdrFormats)
            if s.u32(u + 4) != 0 { text += ", buffersize=\(s.u32(u + 4))" }
            return (text + "}", true)
        case 13, 14:  // META_CAPTURE, META_OUTPUT
            return ("fmt.meta={dataformat=" + fourcc(s.u32(u), StraceXlatTables.videoMetaFormats) + ", buffersize=\(s.u32(u + 4))}", true)
        default:
            return (nil, false)
        }
    }

    private func videoFormat(_ address: UInt64, getting: Bool) -> String {
        guard address != 0, let e = givenStruct(address, size: 208) else { return StraceText.pointer(address) }
        var text = "{type=" + bufferType(e.u32(0))
        if !getting {
            let member = formatMember(e, 0)
            if let given = member.text { text += ", " + given }
            guard member.complete else { return text + "}" }
        }
        if let s = returnedStruct(address, size: 208), let after = formatMember(s, 0).text { text += getting ? ", " + after : "} => {" + after }
        return text + "}"
    }

    /// CREATE_BUFS: the request, and after a success strace's `{index=N, count=N}` after the result.
    private func videoCreateBuffers(_ address: UInt64) -> (String, String?) {
        guard address != 0, let e = givenStruct(address, size: 256) else { return (StraceText.pointer(address), nil) }
        var format = "{type=" + bufferType(e.u32(16))
        if let member = formatMember(e, 16).text { format += ", " + member }
        let text = "{count=\(e.u32(4)), memory=" + xval(StraceXlatTables.videoMemories, e.u32(8)) + ", format=" + format + "}}"
        return (text, returnedStruct(address, size: 256).map { "{index=\($0.u32(0)), count=\($0.u32(4))}" })
    }

    // MARK: buffers

    private func videoRequestBuffers(_ address: UInt64) -> String {
        guard address != 0, let e = givenStruct(address, size: 20) else { return StraceText.pointer(address) }
        var text = "{type=" + bufferType(e.u32(4)) + ", memory=" + xval(StraceXlatTables.videoMemories, e.u32(8)) + ", count=\(e.u32(0))"
        if let s = returnedStruct(address, size: 20) { text += " => \(s.u32(0))" }
        return text + "}"
    }

    /// struct v4l2_buffer's flags: the flags, then the timestamp type and source (two fields).
    private func videoBufferFlags(_ v: UInt32) -> String {
        if style == .raw { return StraceText.hex(UInt64(v)) }
        let type = v & 0xe000, source = v & 0x70000, rest = v & ~type & ~source
        var text = rest != 0 ? flags(StraceXlatTables.videoBufferFlags, rest) + "|" : ""
        text += xval(StraceXlatTables.videoTimestampTypes, type) + "|" + xval(StraceXlatTables.videoTimestampSources, source)
        return text
    }

    private func videoBuffer(_ address: UInt64, dequeue: Bool) -> String {
        guard address != 0, let e = givenStruct(address, size: 88) else { return StraceText.pointer(address) }
        var text = "{type=" + bufferType(e.u32(4))
        if !dequeue { text += ", index=\(e.u32(0))" }
        if let s = returnedStruct(address, size: 88) {
            if dequeue { text += ", index=\(s.u32(0))" }
            let memory = s.u32(60)
            text += ", memory=" + xval(StraceXlatTables.videoMemories, memory)
            if memory == 1 { text += ", m.offset=" + StraceText.hex(UInt64(s.u32(64))) }        // V4L2_MEMORY_MMAP
            else if memory == 2 { text += ", m.userptr=" + StraceText.pointer(s.u64(64)) }      // V4L2_MEMORY_USERPTR
            text += ", length=\(s.u32(72)), bytesused=\(s.u32(8)), flags=" + videoBufferFlags(s.u32(12))
            if dequeue { text += ", timestamp={tv_sec=\(s.i64(24)), tv_usec=\(s.u64(32))}" }
            text += ", ..."
        }
        return text + "}"
    }

    private func videoFramebuffer(_ s: StructBytes) -> String {
        "{capability=" + StraceText.hex(UInt64(s.u32(0))) + ", flags=" + StraceText.hex(UInt64(s.u32(4))) + ", base=" + StraceText.pointer(s.u64(8)) + "}"
    }

    // MARK: VIDIOC_G_PARM, VIDIOC_S_PARM

    private func videoStreamParameters(_ address: UInt64, getting: Bool) -> String {
        guard address != 0, let e = givenStruct(address, size: 204) else { return StraceText.pointer(address) }
        var text = "{type=" + bufferType(e.u32(0))
        guard e.u32(0) == 1 || e.u32(0) == 2 else { return text + "}" }  // VIDEO_CAPTURE, VIDEO_OUTPUT
        /// The capture member for VIDEO_CAPTURE, else the output member.
        func parm(_ s: StructBytes) -> String {
            let capture = s.u32(0) == 1
            return (capture ? "parm.capture={capability=" : "parm.output={capability=")
                + flags(StraceXlatTables.videoStreamingCapabilities, s.u32(4))
                + (capture ? ", capturemode=" : ", outputmode=") + flags(StraceXlatTables.videoCaptureModes, s.u32(8))
                + ", timeperframe=" + fraction(s, 12) + ", extendedmode=" + StraceText.hex(UInt64(s.u32(20)))
                + (capture ? ", readbuffers=" : ", writebuffers=") + "\(s.u32(24))}"
        }
        if !getting { text += ", " + parm(e) }
        if let s = returnedStruct(address, size: 204) { text += (getting ? ", " : "} => {") + parm(s) }
        return text + "}"
    }

    // MARK: standards, inputs, tuners

    private func videoStandard(_ address: UInt64) -> String {
        guard address != 0, let e = givenStruct(address, size: 72) else { return StraceText.pointer(address) }
        var text = "{index=\(e.u32(0))"
        if let s = returnedStruct(address, size: 72) { text += ", name=" + fixedField(s, 16, 24) + ", frameperiod=" + fraction(s, 40) + ", framelines=\(s.u32(48))" }
        return text + "}"
    }

    /// struct v4l2_input: the index asked, then (after a success) the input's name and type.
    private func videoInput(_ address: UInt64) -> String {
        guard address != 0, let e = givenStruct(address, size: 80) else { return StraceText.pointer(address) }
        var text = "{index=\(e.u32(0))"
        if let s = returnedStruct(address, size: 80) { text += ", name=" + fixedField(s, 4, 32) + ", type=" + xval(StraceXlatTables.videoInputTypes, s.u32(36)) }
        return text + "}"
    }

    private func videoTuner(_ address: UInt64, getting: Bool) -> String {
        guard address != 0, let e = givenStruct(address, size: 84) else { return StraceText.pointer(address) }
        func fields(_ s: StructBytes) -> String {
            "name=" + fixedField(s, 4, 32) + ", type=" + xval(StraceXlatTables.videoTunerTypes, s.u32(36))
                + ", capability=" + flags(StraceXlatTables.videoTunerCapabilities, s.u32(40))
                + ", rangelow=\(s.u32(44)), rangehigh=\(s.u32(48)), rxsubchans=" + flags(StraceXlatTables.videoTunerSubchannels, s.u32(52))
                + ", audmode=" + xval(StraceXlatTables.videoTunerAudioModes, s.u32(56)) + ", signal=\(s.i32(60)), afc=\(s.i32(64))"
        }
        var text = "{index=\(e.u32(0))"
        if !getting { text += ", " + fields(e) }
        if let s = returnedStruct(address, size: 84) { text += (getting ? ", " : "} => {") + fields(s) }
        return text + "}"
    }

    // MARK: controls

    private func videoControl(_ address: UInt64, getting: Bool) -> String {
        guard address != 0, let e = givenStruct(address, size: 8) else { return StraceText.pointer(address) }
        var text = "{id=" + controlId(e.u32(0), nextFlags: false)
        if !getting { text += ", value=\(e.i32(4))" }
        if let s = returnedStruct(address, size: 8) { text += getting ? ", value=\(s.i32(4))" : " => \(s.i32(4))" }
        return text + "}"
    }

    /// QUERYCTRL and QUERY_EXT_CTRL: the id asked (with its NEXT flags), then the control
    /// (its id again when the driver answered with another, as NEXT_CTRL asks).
    private func videoQueryControl(_ address: UInt64, extended: Bool) -> String {
        let size = extended ? 232 : 68
        guard address != 0, let e = givenStruct(address, size: size) else { return StraceText.pointer(address) }
        var text = "{id=" + controlId(e.u32(0), nextFlags: true)
        guard let s = returnedStruct(address, size: size) else { return text + "}" }
        if s.u32(0) != e.u32(0) { text += " => " + controlId(s.u32(0), nextFlags: false) }
        text += ", type=" + xval(StraceXlatTables.videoControlTypes, s.u32(4)) + ", name=" + fixedField(s, 8, 32)
        if abbreviated { return text + ", ...}" }
        let reserved: [UInt32]
        if extended {
            let dims = localArray(min(Int(s.u32(84)), 4)) { "\(s.u32(88 + 4 * $0))" }
            text += ", minimum=\(s.i64(40)), maximum=\(s.i64(48)), step=\(s.u64(56)), default_value=\(s.i64(64))"
                + ", flags=" + flags(StraceXlatTables.videoControlFlags, s.u32(72))
                + ", elem_size=\(s.u32(76)), elems=\(s.u32(80)), nr_of_dims=\(s.u32(84)), dims=" + dims
            reserved = (0..<32).map { s.u32(104 + 4 * $0) }
        } else {
            text += ", minimum=\(s.i32(40)), maximum=\(s.i32(44)), step=\(s.i32(48)), default_value=\(s.i32(52))"
                + ", flags=" + flags(StraceXlatTables.videoControlFlags, s.u32(56))
            reserved = [s.u32(60), s.u32(64)]
        }
        if reserved.contains(where: { $0 != 0 }) {
            text += ", reserved=" + localArray(reserved.count) { StraceText.hex(UInt64(reserved[$0])) }
        }
        return text + "}"
    }

    /// struct v4l2_ext_control (20 bytes, packed): a string when it has a size.
    private func videoExtendedControl(_ e: StructBytes) -> String {
        var text = "{id=" + xval(StraceXlatTables.videoControlIds, e.u32(0)) + ", size=\(e.u32(4))"
        if e.u32(4) > 0 {
            text += ", string=" + buffer(e.u64(12), length: UInt64(e.u32(4)))
        } else {
            text += ", value=\(e.i32(12)), value64=\(e.i64(12))"
        }
        return text + "}"
    }

    /// S_EXT_CTRLS, TRY_EXT_CTRLS, G_EXT_CTRLS. strace reads the controls after the call even
    /// when it failed, and then adds error_idx.
    private func videoExtendedControls(_ address: UInt64, getting: Bool) -> String {
        guard address != 0, let e = givenStruct(address, size: 32) else { return StraceText.pointer(address) }
        func controls(_ s: StructBytes) -> (String, Bool) {
            videoArray(s.u64(24), count: UInt64(s.u32(4)), size: 20) { videoExtendedControl($0) }
        }
        var text = "{ctrl_class=" + xval(StraceXlatTables.videoControlClasses, e.u32(0)) + ", count=\(e.u32(4))"
        guard e.u32(4) != 0 else { return text + "}" }
        if !getting {
            let (given, complete) = controls(e)
            text += ", controls=" + given
            guard complete else { return text + "}" }
        }
        guard let s = readStruct(address, size: 32) else { return text + "}" }
        text += (getting ? ", " : "} => {") + "controls=" + controls(s).0
        if !succeeded { text += ", error_idx=\(s.u32(8))" }
        return text + "}"
    }

    // MARK: cropping

    private func videoCropCapability(_ address: UInt64) -> String {
        guard address != 0, let e = givenStruct(address, size: 44) else { return StraceText.pointer(address) }
        var text = "{type=" + bufferType(e.u32(0))
        if let s = returnedStruct(address, size: 44) { text += ", bounds=" + videoRect(s, 4) + ", defrect=" + videoRect(s, 20) + ", pixelaspect=" + fraction(s, 36) }
        return text + "}"
    }

    private func videoCrop(_ address: UInt64, getting: Bool) -> String {
        guard address != 0, let e = givenStruct(address, size: 20) else { return StraceText.pointer(address) }
        var text = "{type=" + bufferType(e.u32(0))
        if !getting { text += ", c=" + videoRect(e, 4) } else if let s = returnedStruct(address, size: 20) { text += ", c=" + videoRect(s, 4) }
        return text + "}"
    }

    // MARK: frame sizes and intervals

    private func videoFrameSizes(_ address: UInt64) -> String {
        guard address != 0, let e = givenStruct(address, size: 44) else { return StraceText.pointer(address) }
        var text = "{index=\(e.u32(0)), pixel_format=" + fourcc(e.u32(4), StraceXlatTables.videoPixelFormats)
        if let s = returnedStruct(address, size: 44) {
            let type = s.u32(8)
            text += ", type=" + xval(StraceXlatTables.videoFrameSizeTypes, type)
            if type == 1 { text += ", discrete={width=\(s.u32(12)), height=\(s.u32(16))}" }  // DISCRETE
            if type == 3 {                                                                       // STEPWISE
                text += ", stepwise={min_width=\(s.u32(12)), max_width=\(s.u32(16)), step_width=\(s.u32(20)), "
                    + "min_height=\(s.u32(24)), max_height=\(s.u32(28)), step_height=\(s.u32(32))}"
            }
        }
        return text + "}"
    }

    private func videoFrameIntervals(_ address: UInt64) -> String {
        guard address != 0, let e = givenStruct(address, size: 52) else { return StraceText.pointer(address) }
        var text = "{index=\(e.u32(0)), pixel_format=" + fourcc(e.u32(4), StraceXlatTables.videoPixelFormats)
            + ", width=\(e.u32(8)), height=\(e.u32(12))"
        if let s = returnedStruct(address, size: 52) {
            let type = s.u32(16)
            text += ", type=" + xval(StraceXlatTables.videoFrameIntervalTypes, type)
            if type == 1 { text += ", discrete=" + fraction(s, 20) }                                        // DISCRETE
            if type == 2 || type == 3 {                                                                     // CONTINUOUS, STEPWISE
                text += ", stepwise={min=" + fraction(s, 20) + ", max=" + fraction(s, 28) + ", step=" + fraction(s, 36) + "}"
            }
        }
        return text + "}"
    }
}
