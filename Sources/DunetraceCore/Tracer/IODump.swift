// strace's -e read=FDS and -e write=FDS: after the line of a call that read from (wrote to)
// one of FDS, the data as hex and text, 16 bytes a line (` | 00000  68 69 0a ...  hi. |`);
// a call with several buffers first names each (` * 3 bytes in buffer 0`).
enum IODump {
    /// The lines after the call's line, as strace's dumpio: what a call wrote to one of the
    /// write descriptors whatever its result (what cannot be read is left out), what a call
    /// read from one of the read descriptors only when it succeeded.
    static func lines(_ nr: Int, _ args: SyscallArgs, result: Int64, filter: TraceFilter, pid: Int32, memory: any TargetMemory) -> [String] {
        guard let name = SyscallTable.entry(nr)?.name else { return [] }
        let fd = Int32(truncatingIfNeeded: args.a0)
        guard fd >= 0 else { return [] }
        let failed = result < 0 && result >= -4095
        if filter.writeDumps.contains(fd) {
            switch name {
            case "write", "pwrite64", "sendto", "mq_timedsend":
                return dump(args.a1, length: args.a2, pid: pid, memory: memory)
            case "writev", "pwritev", "pwritev2", "vmsplice":
                return vector(args.a1, count: args.a2, limit: .max, pid: pid, memory: memory)
            case "sendmsg":
                return message(args.a1, limit: .max, pid: pid, memory: memory)
            case "sendmmsg" where !failed:
                return messages(args.a1, count: UInt64(result), pid: pid, memory: memory)
            default: break
            }
        }
        guard !failed, filter.readDumps.contains(fd) else { return [] }
        switch name {
        case "read", "pread64", "recvfrom", "mq_timedreceive":
            return dump(args.a1, length: UInt64(bitPattern: result), pid: pid, memory: memory)
        case "readv", "preadv", "preadv2":
            return vector(args.a1, count: args.a2, limit: UInt64(bitPattern: result), pid: pid, memory: memory)
        case "recvmsg":
            return message(args.a1, limit: UInt64(bitPattern: result), pid: pid, memory: memory)
        case "recvmmsg":
            return messages(args.a1, count: UInt64(bitPattern: result), pid: pid, memory: memory)
        default:
            return []
        }
    }

    /// strace's dumpiov_in_mmsghdr: each of the `count` messages the call handled, its
    /// buffers up to its msg_len (` = 2 buffers in vector 0`).
    static func messages(_ address: UInt64, count: UInt64, pid: Int32, memory: any TargetMemory) -> [String] {
        var out: [String] = []
        for i in 0..<min(count, 1024) {
            guard let raw = memory.read(address &+ i &* 64, count: 64) else { break }
            let iovlen = word(raw, 24)
            out.append(" = \(iovlen) buffers in vector \(i)")
            out += vector(word(raw, 16), count: iovlen, limit: UInt64(UInt32(truncatingIfNeeded: word(raw, 56))), pid: pid, memory: memory)
        }
        return out
    }

    /// strace's dumpstr: the bytes at `address`, fetched 64 KiB at a time as strace does; when a
    /// later piece cannot be read, the lines so far and ` | <Cannot fetch N bytes from pid P @A>`
    /// (nothing at all when the first cannot). At most 16 MiB are dumped.
    static func dump(_ address: UInt64, length: UInt64, pid: Int32, memory: any TargetMemory) -> [String] {
        guard length > 0, length &+ 16 > length, address &+ length >= address else { return [] }
        let piece = min((length + 15) & ~15, 1 << 16)
        var bytes: [UInt8] = []
        var offset: UInt64 = 0
        var unread: (count: UInt64, at: UInt64)?
        while offset < length && offset < 1 << 24 {
            let n = min(length - offset, piece)
            guard let chunk = memory.read(address + offset, count: Int(n)) else {
                unread = (n, address + offset)
                break
            }
            bytes += chunk
            offset += n
        }
        guard !bytes.isEmpty else { return [] }
        var out = dump(bytes, length: length)
        if let unread {
            out.append(" | <Cannot fetch \(unread.count) byte\(unread.count == 1 ? "" : "s") from pid \(pid) @0x\(String(unread.at, radix: 16))>")
        }
        return out
    }

    /// `length`: the length asked for, which sets the offset field's width (past 1 MiB, the
    /// digits of its last offset).
    static func dump(_ bytes: [UInt8], length: UInt64? = nil) -> [String] {
        var out: [String] = []
        var offset = 0
        let asked = length ?? UInt64(bytes.count)
        let width = asked > 1 << 20 ? 1 + (63 - (asked - 1).leadingZeroBitCount) / 4 : 5
        while offset < bytes.count {
            let row = bytes[offset..<min(offset + 16, bytes.count)]
            var hex = "", text = ""
            for i in 0..<16 {
                if i < row.count {
                    let b = row[row.startIndex + i]
                    hex += (b < 16 ? "0" : "") + String(b, radix: 16) + " "
                    text += b >= 0x20 && b < 0x7f ? String(UnicodeScalar(b)) : "."
                } else {
                    hex += "   "
                    text += " "
                }
                if i == 7 { hex += " " }
            }
            let off = String(offset, radix: 16)
            out.append(" | " + String(repeating: "0", count: max(0, width - off.count)) + off + "  " + hex + " " + text + " |")
            offset += 16
        }
        return out
    }

    /// strace's dumpiov_upto: each iovec's buffer, at most `limit` bytes in all.
    static func vector(_ address: UInt64, count: UInt64, limit: UInt64, pid: Int32, memory: any TargetMemory) -> [String] {
        guard count > 0, count <= 1024, let raw = memory.read(address, count: Int(count) * 16) else { return [] }
        var out: [String] = []
        var left = limit
        for i in 0..<Int(count) {
            let base = word(raw, i * 16), length = min(word(raw, i * 16 + 8), left)
            if length == 0 { break }
            left -= length
            out.append(" * \(length) bytes in buffer \(i)")
            out += dump(base, length: length, pid: pid, memory: memory)
        }
        return out
    }

    /// The iovecs of a struct msghdr (msg_iov at 16, msg_iovlen at 24).
    static func message(_ address: UInt64, limit: UInt64, pid: Int32, memory: any TargetMemory) -> [String] {
        guard let raw = memory.read(address, count: 32) else { return [] }
        return vector(word(raw, 16), count: word(raw, 24), limit: limit, pid: pid, memory: memory)
    }

    private static func word(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
    }
}
