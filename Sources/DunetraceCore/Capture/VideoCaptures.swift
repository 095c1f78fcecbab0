// The V4L2 memory the decoder prints (Syscalls/V4l2Decoders.swift) beyond what the model
// describes: the buffer and extended-control requests the guard refuses (their pointers depend
// on fields the model cannot select on), an overlay window's clips (which current kernels ignore),
// and the bytes of a string control. Kept so that a --silent recording replays the live text.

extension ModelCapture {
    /// Elements of a clip or control array kept at most (the kernel's own caps are 1024 controls
    /// and, in kernels that still read them, 2048 clips).
    private static let videoElementLimit = 1024

    func videoCaptures(_ args: SyscallArgs, memory: any TargetMemory) -> [MemoryCapture] {
        let address = args[2]
        guard address != 0, UInt8(truncatingIfNeeded: args[1] >> 8) == 0x56 else { return [] }
        switch UInt32(truncatingIfNeeded: args[1]) {
        case 0xc0d0_5604, 0xc0d0_5605, 0xc0d0_5640:  // G_FMT, S_FMT, TRY_FMT
            return clips(ofFormatIn: address, at: 0, memory)
        case 0xc100_565c:  // CREATE_BUFS: its struct v4l2_format at 16
            return clips(ofFormatIn: address, at: 16, memory)
        case 0xc058_5609, 0xc058_560f, 0xc058_5611:  // QUERYBUF, QBUF, DQBUF
            return ([address, EntryValuesMemory.alias(address)] as [UInt64]).compactMap { a in memory.read(a, count: 88).map { MemoryCapture(address: a, bytes: $0) } }
        case 0xc020_5647, 0xc020_5648, 0xc020_5649:  // G_EXT_CTRLS, S_EXT_CTRLS, TRY_EXT_CTRLS
            // The structure as given and as returned, and the controls (and strings) each names.
            var out: [MemoryCapture] = []
            for at in [EntryValuesMemory.alias(address), address] {
                guard let controls = memory.read(at, count: 32) else { continue }
                out.append(MemoryCapture(address: at, bytes: controls))
                let s = StructBytes(bytes: controls)
                guard let elements = readableElements(s.u64(24), count: Int(s.u32(4)), size: 20, memory),
                      !out.contains(elements) else { continue }
                out.append(elements)
                for k in 0..<elements.bytes.count / 20 {
                    let e = StructBytes(bytes: Array(elements.bytes[k * 20..<(k + 1) * 20]))
                    let size = Int(min(e.u32(4), UInt32(limit)))
                    if size > 0, let text = memory.read(e.u64(12), count: size) { out.append(MemoryCapture(address: e.u64(12), bytes: text)) }
                }
            }
            return out
        default:
            return []
        }
    }

    /// An overlay window's clips (struct v4l2_clip, 24 bytes each), as far as they are readable,
    /// of the struct v4l2_format at `offset` in the request's structure: as given (kept at entry,
    /// whole) and as returned.
    private func clips(ofFormatIn address: UInt64, at offset: Int, _ memory: any TargetMemory) -> [MemoryCapture] {
        let both = ([EntryValuesMemory.alias(address), address] as [UInt64]).compactMap { at -> MemoryCapture? in
            guard let request = memory.read(at, count: offset + 48) else { return nil }
            let s = StructBytes(bytes: Array(request[offset...]))
            guard s.u32(0) == 3 || s.u32(0) == 8 else { return nil }  // VIDEO_OVERLAY, VIDEO_OUTPUT_OVERLAY
            return readableElements(s.u64(32), count: Int(s.u32(40)), size: 24, memory)
        }
        return both.count == 2 && both[0] == both[1] ? [both[0]] : both
    }

    /// The elements of an array up to the first one that cannot be read.
    private func readableElements(_ start: UInt64, count: Int, size: Int, _ memory: any TargetMemory) -> MemoryCapture? {
        guard start != 0 else { return nil }
        var bytes: [UInt8] = []
        for k in 0..<min(count, Self.videoElementLimit) {
            guard let element = memory.read(start &+ UInt64(k * size), count: size) else { break }
            bytes += element
        }
        return bytes.isEmpty ? nil : MemoryCapture(address: start, bytes: bytes)
    }
}

extension EntryValuesMemory {
    /// The structure of a V4L2 request the guard refuses, whose given half the decoder prints.
    static func refusedVideoStructureSize(_ nr: Int, _ args: SyscallArgs) -> Int? {
        guard nr == 16, args[2] != 0 else { return nil }  // ioctl
        switch UInt32(truncatingIfNeeded: args[1]) {
        case 0xc058_5609, 0xc058_560f, 0xc058_5611: return 88   // QUERYBUF, QBUF, DQBUF
        case 0xc020_5647, 0xc020_5648, 0xc020_5649: return 32   // G_EXT_CTRLS, S_EXT_CTRLS, TRY_EXT_CTRLS
        default: return nil
        }
    }
}
