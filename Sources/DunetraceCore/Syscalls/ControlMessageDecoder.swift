// msg_control of sendmsg, recvmsg, sendmmsg and recvmmsg as strace 6.1 prints it (src/msghdr.c,
// decode_msg_control): `msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS,
// cmsg_data=[3, 4]}]`, each message's data by its level and type when it has the length its
// printer needs, a tail too short for a header as `... /* 0xADDR */`, a buffer longer than
// optmem_max as a trailing `...`.
import Glibc

extension ArgumentDecoder {
    /// sizeof(struct cmsghdr) on x86-64.
    private static let controlHeaderSize = 16

    /// strace's get_optmem_max: /proc/sys/net/core/optmem_max rounded up to 8 bytes, or
    /// 8 * (2 * IOV_MAX + 512) when it cannot be read.
    static let optmemMax: Int = {
        let fallback = 8 * (2 * 1024 + 512)
        let fd = open("/proc/sys/net/core/optmem_max", O_RDONLY)
        guard fd >= 0 else { return fallback }
        defer { close(fd) }
        var text = [UInt8](repeating: 0, count: 32)
        let n = read(fd, &text, 31)
        guard n > 0, let value = Int(String(decoding: text.prefix(n).prefix { $0 >= 48 && $0 <= 57 }, as: UTF8.self)), value > 0 else { return fallback }
        return (value + 7) & ~7
    }()

    /// The `msg_control=...` field for `length` bytes at `address`; nil when the length is 0
    /// (strace prints no field then).
    /// `received`: recvmsg's messages, whose SCM_RIGHTS descriptors are the call's new ones
    /// (named, with -y, as the call left them).
    func controlMessagesField(_ address: UInt64, length: UInt64, received: Bool = false) -> String? {
        guard length != 0 else { return nil }
        return "msg_control=" + controlMessages(address, length: length, received: received)
    }

    /// decode_msg_control's text after `msg_control=`.
    func controlMessages(_ address: UInt64, length: UInt64, received: Bool = false) -> String {
        let header = Self.controlHeaderSize
        let controlLength = Int(min(length, UInt64(Self.optmemMax)))
        guard controlLength >= header, let buffer = memory.read(address, count: controlLength) else {
            return StraceText.pointer(address)
        }
        let bytes = StructBytes(bytes: buffer)
        var items: [String] = []
        var offset = 0
        var left = controlLength
        while left >= header {
            let messageLength = bytes.u64(offset)
            let level = bytes.i32(offset + 8), type = bytes.i32(offset + 12)
            let levelText = FlagTables.socketLevel.formatValue(UInt64(UInt32(bitPattern: level)), style: style)
            var text = "{cmsg_len=\(messageLength), cmsg_level=\(levelText), cmsg_type="
            let shown = messageLength > UInt64(left) ? left : Int(messageLength)
            let dataLength = shown > header ? shown - header : 0
            text += controlMessageData(level: level, type: type, received: received, Array(buffer[(offset + header)..<(offset + header + dataLength)]))
            items.append(text + "}")
            if shown < header {
                left -= header
                break
            }
            // CMSG_ALIGN over the message's own length (a target's value: no overflow trap).
            let (sum, overflow) = messageLength.addingReportingOverflow(7)
            let aligned = overflow ? UInt64.max : sum & ~7
            if aligned >= UInt64(left) {
                left = 0
                break
            }
            offset += Int(aligned)
            left -= Int(aligned)
        }
        if left > 0 {
            items.append("... /* " + StraceText.pointer(address &+ UInt64(controlLength - left)) + " */")
        } else if UInt64(controlLength) < length {
            items.append("...")
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    /// print_cmsg_type_data: the type's name, then `, cmsg_data=` when a printer knows it and
    /// the data reach its minimum length.
    private func controlMessageData(level: Int32, type: Int32, received: Bool, _ data: [UInt8]) -> String {
        let utype = UInt64(UInt32(bitPattern: type))
        switch level {
        case 1:  // SOL_SOCKET
            let name = StraceXlatTables.controlMessageSocketTypes.formatValue(utype, style: style)
            guard let printed = socketControlData(utype, received: received, data) else { return name }
            return name + ", cmsg_data=" + printed
        case 0:  // SOL_IP
            let name = StraceXlatTables.controlMessageIpTypes.formatValue(utype, style: style)
            guard let printed = ipControlData(utype, data) else { return name }
            return name + ", cmsg_data=" + printed
        default:
            return StraceText.hex(utype)
        }
    }

    /// cmsg_socket_printers.
    private func socketControlData(_ type: UInt64, received: Bool, _ data: [UInt8]) -> String? {
        let d = StructBytes(bytes: data)
        switch type {
        case 1 where data.count >= 4:  // SCM_RIGHTS
            return localArray(count: data.count / 4) { descriptor(UInt64(d.u32($0 * 4)), afterCall: received) }
        case 2 where data.count >= 12:  // SCM_CREDENTIALS
            return "{pid=\(d.i32(0)), uid=\(Self.userID(d.u32(4))), gid=\(Self.userID(d.u32(8)))}"
        case 3 where data.count >= 1:  // SCM_SECURITY
            return StraceText.quote(data, inHex: stringsInHex)
        case 29 where data.count >= 1, 63 where data.count >= 1:  // SO_TIMESTAMP_OLD, SO_TIMESTAMP_NEW
            return data.count < 16 ? "???" : timeval(d, 0)
        case 35 where data.count >= 1, 64 where data.count >= 1:  // SO_TIMESTAMPNS_OLD, SO_TIMESTAMPNS_NEW
            return data.count < 16 ? "???" : timespec(d, 0)
        case 37 where data.count >= 1, 65 where data.count >= 1:  // SO_TIMESTAMPING_OLD, SO_TIMESTAMPING_NEW
            return data.count < 48 ? "???" : "[" + (0..<3).map { timespec(d, $0 * 16) }.joined(separator: ", ") + "]"
        default: return nil
        }
    }

    /// cmsg_ip_printers.
    private func ipControlData(_ type: UInt64, _ data: [UInt8]) -> String? {
        let d = StructBytes(bytes: data)
        switch type {
        case 8 where data.count >= 12:  // IP_PKTINFO: struct in_pktinfo
            return "{ipi_ifindex=" + NetlinkAttributes.ifindex(d.u32(0), style: style)
                + ", " + inetAddressField(Array(data[4..<8]), name: "ipi_spec_dst")
                + ", " + inetAddressField(Array(data[8..<12]), name: "ipi_addr") + "}"
        case 2 where data.count >= 4, 23 where data.count >= 4:  // IP_TTL, IP_CHECKSUM
            return localArray(count: data.count / 4) { String(d.u32($0 * 4)) }
        case 1 where data.count >= 1, 6 where data.count >= 1, 7 where data.count >= 1:  // IP_TOS, IP_RECVOPTS, IP_RETOPTS
            return localArray(count: data.count) { StraceText.hex(UInt64(data[$0])) }
        case 11 where data.count >= 32:  // IP_RECVERR: struct sock_extended_err and the offender
            let offender = sockaddrText(SockaddrBytes(Array(data[16..<32]) + [UInt8](repeating: 0, count: Self.sockaddrLimit + 1 - 16)), length: 16)
            return "{ee_errno=\(d.u32(0)), ee_origin=\(data[4]), ee_type=\(data[5]), ee_code=\(data[6]), "
                + "ee_info=\(d.u32(8)), ee_data=\(d.u32(12)), offender=\(offender)}"
        case 20 where data.count >= 16:  // IP_ORIGDSTADDR
            let n = min(data.count, Self.sockaddrLimit)
            return sockaddrText(SockaddrBytes(Array(data.prefix(n)) + [UInt8](repeating: 0, count: Self.sockaddrLimit + 1 - n)), length: n)
        case 3 where data.count >= 1:  // SCM_SECURITY
            return StraceText.quote(data, inHex: stringsInHex)
        default: return nil
        }
    }

    /// print_local_array_ex: `[a, b]`, cut after -s elements unless -v.
    private func localArray(count: Int, _ element: (Int) -> String) -> String {
        let shown = abbreviated ? min(count, stringLimit) : count
        var items = (0..<shown).map(element)
        if shown < count { items.append("...") }
        return "[" + items.joined(separator: ", ") + "]"
    }

    /// printuid: -1 as -1, any other id unsigned.
    private static func userID(_ id: UInt32) -> String { id == .max ? "-1" : String(id) }
}

/// The descriptors SCM_RIGHTS messages carry: the sender's, or as the kernel installed them
/// in the receiver.
enum ReceivedDescriptors {
    /// Those in the control messages of the struct msghdr at `address` (sendmsg's as given,
    /// recvmsg's as it filled it: msg_controllen is what it wrote), at most 253 (SCM_MAX_FD) a
    /// message.
    static func inMessage(_ address: UInt64, memory: any TargetMemory) -> [Int32] {
        guard address != 0, let m = memory.read(address, count: 56) else { return [] }
        let header = StructBytes(bytes: m)
        let control = header.u64(32), length = Int(min(header.u64(40), UInt64(ArgumentDecoder.optmemMax)))
        guard control != 0, length >= 16, let buffer = memory.read(control, count: length) else { return [] }
        let bytes = StructBytes(bytes: buffer)
        var fds: [Int32] = []
        var offset = 0
        while length - offset >= 16 {
            let messageLength = bytes.u64(offset)
            guard messageLength >= 16, messageLength <= UInt64(length - offset) else { break }
            if bytes.i32(offset + 8) == 1, bytes.i32(offset + 12) == 1 {  // SOL_SOCKET, SCM_RIGHTS
                let count = min((Int(messageLength) - 16) / 4, 253)
                fds += (0..<count).map { bytes.i32(offset + 16 + $0 * 4) }
            }
            offset += (Int(messageLength) + 7) & ~7
        }
        return fds
    }
}
