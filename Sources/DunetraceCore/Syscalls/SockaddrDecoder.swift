// Socket addresses as strace 6.1 prints them (src/sockaddr.c): the family, then the fields of
// that family's structure when the length reaches its minimum, else the bytes as sa_data.
import Glibc

extension ArgumentDecoder {
    /// decode_sockaddr: nil (the address is printed) under 2 bytes or when unreadable. The
    /// bytes past `length` read as zero, as strace reads them into a cleared buffer.
    func sockaddr(_ address: UInt64, length: Int) -> String? {
        guard length >= 2 else { return nil }
        let n = min(length, Self.sockaddrLimit)
        guard let bytes = memory.read(address, count: n) else { return nil }
        return sockaddrText(SockaddrBytes(bytes + [UInt8](repeating: 0, count: Self.sockaddrLimit + 1 - n)), length: n)
    }

    /// print_sockaddr over bytes already read (`length` of them meaningful).
    func sockaddrText(_ s: SockaddrBytes, length: Int) -> String {
        let family = s.u16(0)
        var text = "{sa_family=" + FlagTables.addressFamily.formatValue(UInt64(family), style: style)
        if length > 2 {
            text += ", " + (familyFields(family, s, length) ?? "sa_data=" + quoted(s.slice(2, length - 2)))
        }
        return text + "}"
    }

    /// The printer of sa_printers[family] when the length reaches its minimum.
    private func familyFields(_ family: UInt16, _ s: SockaddrBytes, _ length: Int) -> String? {
        switch family {
        case 1 where length >= 3: return unixFields(s, length)
        case 2 where length >= 16: return inetFields(s, at: 0)
        case 10 where length >= 24: return inet6Fields(s, at: 0, length: length)
        case 3 where length >= 16: return ax25Fields(s, length)
        case 4 where length >= 16: return ipxFields(s)
        case 9 where length >= 18: return "sx25_addr={x25_addr=" + terminatedString(s.slice(2, 16)) + "}"
        case 16 where length >= 12: return netlinkFields(s)
        case 17 where length >= 20: return packetFields(s, length)
        case 33 where length >= 36: return rxrpcFields(s, length)
        case 36 where length >= 20: return ieee802154Fields(s)
        case 38 where length >= 25: return algFields(s, length)
        case 39 where length >= 16: return nfcFields(s, length)
        case 40 where length >= 16: return vsockFields(s)
        case 42 where length >= 12:
            return "sq_node=" + xval(FlagTables.qrtrNodes, UInt64(s.u32(4))) + ", sq_port=" + xval(FlagTables.qrtrPorts, UInt64(s.u32(8)))
        case 44 where length >= 16: return xdpFields(s)
        case 45 where length >= 12: return mctpFields(s)
        default: return nil
        }
    }

    // MARK: families

    private func unixFields(_ s: SockaddrBytes, _ length: Int) -> String {
        let pathLength = min(length, 110) - 2
        guard s.u8(2) != 0 else { return "sun_path=@" + quoted(s.slice(3, pathLength - 1)) }
        return "sun_path=" + quoted(s.slice(2, pathLength).prefix { $0 != 0 })
    }

    /// sockaddr_in at `at` (also rxrpc's transport).
    private func inetFields(_ s: SockaddrBytes, at: Int) -> String {
        "sin_port=" + netPort(s, at + 2) + ", " + inetAddressField(s.slice(at + 4, 4), name: "sin_addr")
    }

    private func inet6Fields(_ s: SockaddrBytes, at: Int, length: Int) -> String {
        let flow = s.slice(at + 4, 4)
        let flowNumber = flow.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        var text = "sin6_port=" + netPort(s, at + 2) + ", sin6_flowinfo="
        switch style {
        case .abbrev: text += "htonl(\(flowNumber))"
        case .raw: text += StraceText.quote(flow, inHex: .all)
        case .verbose: text += StraceText.quote(flow, inHex: .all) + " /* htonl(\(flowNumber)) */"
        }
        let address = s.slice(at + 8, 16)
        text += ", " + inetAddressField(address, name: "sin6_addr")
        guard length > 24 else { return text }
        let scope = s.u32(at + 24)
        let linkLocal = (address[0] == 0xfe && address[1] & 0xc0 == 0x80) || (address[0] == 0xff && address[1] & 0x0f == 0x02)
        return text + ", sin6_scope_id=" + (linkLocal ? interfaceIndex(scope) : String(scope))
    }

    /// print_inet_addr: `inet_addr("1.2.3.4")`, `inet_pton(AF_INET6, "::1", &sin6_addr)`.
    func inetAddressField(_ address: [UInt8], name: String) -> String {
        let hex = StraceText.quote(address, inHex: .all)
        let v6 = address.count == 16
        let text = v6 ? "\"" + Self.ipv6Text(address) + "\"" : "\"" + address.map(String.init).joined(separator: ".") + "\""
        switch style {
        case .abbrev: return v6 ? "inet_pton(AF_INET6, \(text), &\(name))" : "\(name)=inet_addr(\(text))"
        case .raw: return name + "=" + hex
        case .verbose: return name + "=" + hex + (v6 ? " /* inet_pton(AF_INET6, \(text)) */" : " /* inet_addr(\(text)) */")
        }
    }

    /// PRINT_FIELD_NET_PORT: `htons(80)`, its bytes under -X raw.
    private func netPort(_ s: SockaddrBytes, _ offset: Int) -> String {
        let port = UInt16(s.u8(offset)) << 8 | UInt16(s.u8(offset + 1))
        return style.spell(raw: StraceText.quote(s.slice(offset, 2), inHex: .all), "htons(\(port))")
    }

    private func ipxFields(_ s: SockaddrBytes) -> String {
        let network = s.slice(4, 4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        var text = "sipx_port=" + netPort(s, 2) + ", sipx_network=htonl(" + StraceText.hex(UInt64(network)) + ")"
            + ", sipx_node=[" + s.slice(8, 6).map { Self.zeroPaddedHex(UInt64($0), bytes: 1) }.joined(separator: ", ") + "]"
            + ", sipx_type=" + Self.zeroPaddedHex(UInt64(s.u8(14)), bytes: 1)
        if s.u8(15) != 0 { text += ", sipx_zero=" + StraceText.hex(UInt64(s.u8(15))) }
        return text
    }

    /// full_sockaddr_ax25: the call sign and the digipeaters the length holds.
    private func ax25Fields(_ s: SockaddrBytes, _ length: Int) -> String {
        let ndigis = Int32(bitPattern: s.u32(12))
        let full = ndigis != 0 || length > 16
        var text = (full ? "fsa_ax25={" : "") + "sax25_call=" + ax25Address(s.slice(2, 7)) + ", sax25_ndigis=\(ndigis)"
        guard full else { return text }
        text += "}"
        let has = min((length - 16) / 7, 8), want = Int(min(max(ndigis, 0), 8))
        if want > 0 {
            var items = (0..<min(has, want)).map { ax25Address(s.slice(16 + 7 * $0, 7)) }
            if want > has { items.append("...") }
            text += ", fsa_digipeater=[" + items.joined(separator: ", ") + "]"
        }
        if length > has * 7 + 16 { text += ", ..." }
        return text
    }

    /// print_ax25_addr: `CALL-7` when the call sign is sane, else its bytes too (or only).
    private func ax25Address(_ call: [UInt8]) -> String {
        var shown = style
        var insane = false, spaceSeen = false, charSeen = false
        for byte in call.prefix(6) {
            if byte & 1 != 0 { insane = true }
            let c = byte >> 1
            if c == 0x20 { spaceSeen = true } else { charSeen = true }
            if !((0x30...0x39).contains(c) || (0x41...0x5a).contains(c) || c == 0x20) { insane = true }
            if c != 0x20 && spaceSeen { insane = true }
            if c < 0x20 || c > 0x7e || c == 0x2a || c == 0x2f {
                return "{ax25_call=" + StraceText.quote(call, inHex: .all) + "}"
            }
        }
        if call[6] & ~0x1e != 0 || (!charSeen && call[6] != 0) { insane = true }
        if insane { shown = .verbose }
        let raw = "{ax25_call=" + StraceText.quote(call, inHex: .all) + "}"
        guard shown != .raw else { return raw }
        var end = 6
        while end > 0, call[end - 1] >> 1 == 0x20 { end -= 1 }
        let ssid = (call[6] >> 1) & 0xf
        var name = String(decoding: call.prefix(end).map { $0 >> 1 }, as: UTF8.self) + "-" + (ssid > 9 ? "1\(ssid - 10)" : "\(ssid)")
        if name.hasPrefix("-0") { name = "*" }
        return shown == .verbose ? raw + " /* " + name + " */" : name
    }

    private func netlinkFields(_ s: SockaddrBytes) -> String {
        let pad = s.u16(2)
        return (pad != 0 ? "nl_pad=" + StraceText.hex(UInt64(pad)) + ", " : "")
            + "nl_pid=\(Int32(bitPattern: s.u32(4))), nl_groups=" + Self.zeroPaddedHex(UInt64(s.u32(8)), bytes: 4)
    }

    /// sockaddr_ll.
    private func packetFields(_ s: SockaddrBytes, _ length: Int) -> String {
        let protocolBytes = s.slice(2, 2)
        let proto = UInt16(protocolBytes[0]) << 8 | UInt16(protocolBytes[1])
        let named = "htons(" + (FlagTables.ethernetProtocols.name(of: UInt64(proto))
            ?? StraceText.hex(UInt64(proto)) + " /* ETH_P_??? */") + ")"
        var text = "sll_protocol=" + style.spell(raw: StraceText.quote(protocolBytes, inHex: .all), named)
        text += ", sll_ifindex=" + interfaceIndex(s.u32(4))
            + ", sll_hatype=" + FlagTables.hardwareTypes.formatValue(UInt64(s.u16(8)), style: style)
            + ", sll_pkttype=" + FlagTables.packetTypes.formatValue(UInt64(s.u8(10)), style: style)
        let halen = Int(s.u8(11))
        text += ", sll_halen=\(halen)"
        guard halen != 0 else { return text }
        let available = length - 12
        var items: [String] = []
        for i in 0..<halen {
            if i >= available { items.append("..."); break }
            items.append(Self.zeroPaddedHex(UInt64(s.u8(12 + i)), bytes: 1))
        }
        return text + ", sll_addr=[" + items.joined(separator: ", ") + "]"
    }

    /// sockaddr_rxrpc: the service, then the transport address (AF_INET or AF_INET6).
    private func rxrpcFields(_ s: SockaddrBytes, _ length: Int) -> String {
        let declared = Int(s.u16(6))
        var text = "srx_service=" + xval(FlagTables.rxrpcServices, UInt64(s.u16(2)), verbose: true)
            + ", transport_type=" + FlagTables.socketType.formatValue(UInt64(s.u16(4)), style: style)
            + ", transport_len=\(declared), transport={"
        let transportLength = min(declared, length - 8)
        let rest = max(0, transportLength - 2)
        let family = s.u16(8)
        let familyName = FlagTables.addressFamily.formatValue(UInt64(family), style: style)
        let restBytes = rest > 0 ? ", " + quoted(s.slice(10, rest)) : ""
        switch family {
        case 2:
            text += "sin={sin_family=" + familyName + (declared >= 16 ? ", " + inetFields(s, at: 8) : restBytes) + "}"
        case 10:
            text += "sin6={sin6_family=" + familyName
                + (declared >= 24 ? ", " + inet6Fields(s, at: 8, length: transportLength) : restBytes) + "}"
        default:
            text += "family=" + familyName + restBytes
        }
        return text + "}"
    }

    private func ieee802154Fields(_ s: SockaddrBytes) -> String {
        let type = s.u32(4)
        var text = "addr={addr_type=" + xval(FlagTables.ieee802154AddressTypes, UInt64(type), verbose: true)
            + ", pan_id=" + xval(FlagTables.ieee802154PanIds, UInt64(s.u16(8)), verbose: true)
        switch type {
        case 0: break
        case 2: text += ", short_addr=" + xval(FlagTables.ieee802154Addresses, UInt64(s.u16(10)), verbose: true)
        default: text += ", hwaddr=" + hardwareAddress(s.slice(10, 8), type: 804)
        }
        return text + "}"
    }

    /// print_hwaddr: `aa:bb:...` (as many bytes as the type has), its bytes under -X raw.
    private func hardwareAddress(_ bytes: [UInt8], type: UInt64) -> String {
        let mac = bytes.prefix(Self.hardwareAddressSizes[type] ?? 255)
            .map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":")
        return style.spell(raw: StraceText.quote(bytes, inHex: .all), mac)
    }

    /// sockaddr_alg_new: salg_type[14], the feature and mask flags, then the name to the end.
    private func algFields(_ s: SockaddrBytes, _ length: Int) -> String {
        "salg_type=" + terminatedString(s.slice(2, 14))
            + ", salg_feat=" + flagsVerbose(FlagTables.algSockaddrFlags, UInt64(s.u32(16)))
            + ", salg_mask=" + flagsVerbose(FlagTables.algSockaddrFlags, UInt64(s.u32(20)))
            + ", salg_name=" + terminatedString(s.slice(24, length - 24))
    }

    /// sockaddr_nfc, and sockaddr_nfc_llcp when the length holds it (96 bytes).
    private func nfcFields(_ s: SockaddrBytes, _ length: Int) -> String {
        var text = "dev_idx=" + interfaceIndex(s.u32(4)) + ", target_idx=" + StraceText.hex(UInt64(s.u32(8)))
            + ", nfc_protocol=" + FlagTables.nfcProtocols.formatValue(UInt64(s.u32(12)), style: style)
        guard length >= 96 else { return text + (length > 16 ? ", ..." : "") }
        let nameLength = s.u64(88)
        text += ", dsap=" + xval(FlagTables.nfcSaps, UInt64(s.u8(16)), verbose: true)
            + ", ssap=" + xval(FlagTables.nfcSaps, UInt64(s.u8(17)), verbose: true)
            + ", service_name=" + quoted(s.slice(18, Int(min(63, nameLength))))
        return text + ", service_name_len=\(nameLength)"
    }

    private func vsockFields(_ s: SockaddrBytes) -> String {
        let reserved = s.u16(2)
        var text = reserved != 0 ? "svm_reserved1=" + StraceText.hex(UInt64(reserved)) + ", " : ""
        text += "svm_cid=" + xval(FlagTables.vsockCids, UInt64(s.u32(8)))
            + ", svm_port=" + xval(FlagTables.vsockPorts, UInt64(s.u32(4)))
            + ", svm_flags=" + FlagTables.vsockFlags.formatFlags(UInt64(s.u8(12)), style: style)
        let zero = s.slice(13, 3)
        if zero.contains(where: { $0 != 0 }) { text += ", svm_zero=" + StraceText.quote(zero, inHex: .all) }
        return text
    }

    private func xdpFields(_ s: SockaddrBytes) -> String {
        let flags = s.u16(2), fd = s.u32(12)
        var text = "sxdp_flags=" + FlagTables.xdpSockaddrFlags.formatFlags(UInt64(flags), style: style)
            + ", sxdp_ifindex=" + interfaceIndex(s.u32(4)) + ", sxdp_queue_id=\(s.u32(8))"
        if flags & 1 != 0 {
            text += ", sxdp_shared_umem_fd=" + descriptor(UInt64(fd))
        } else if fd != 0 {
            text += ", sxdp_shared_umem_fd=" + StraceText.hex(UInt64(fd))
        }
        return text
    }

    private func mctpFields(_ s: SockaddrBytes) -> String {
        let pad0 = s.u16(2), pad1 = s.u8(11)
        var text = pad0 != 0 ? "__smctp_pad0=" + StraceText.hex(UInt64(pad0)) + ", " : ""
        text += "smctp_network=" + xval(FlagTables.mctpNets, UInt64(s.u32(4)))
            + ", smctp_addr={s_addr=" + xval(FlagTables.mctpAddresses, UInt64(s.u8(8))) + "}"
            + ", smctp_type=" + StraceText.hex(UInt64(s.u8(9))) + ", smctp_tag=" + StraceText.hex(UInt64(s.u8(10)))
        if pad1 != 0 { text += ", __smctp_pad1=" + StraceText.hex(UInt64(pad1)) }
        return text
    }

    // MARK: strace's printing helpers

    /// printxval: the name, or the number (with `/* unknown */` when the table has a default:
    /// an empty one is strace's NULL); `verbose` is PRINT_FIELD_XVAL_VERBOSE (the number and
    /// the name unless -X raw).
    private func xval(_ table: NameTable, _ value: UInt64, verbose: Bool = false) -> String {
        let shownStyle = verbose && style != .raw ? ConstStyle.verbose : style
        guard let name = table.name(of: value) else {
            return shownStyle == .raw || table.unknown.isEmpty ? StraceText.hex(value) : StraceText.hex(value) + " /* \(table.unknown) */"
        }
        return shownStyle.spell(raw: StraceText.hex(value), name)
    }

    /// PRINT_FIELD_FLAGS_VERBOSE: the number and the names unless -X raw.
    private func flagsVerbose(_ table: NameTable, _ value: UInt64) -> String {
        table.formatFlags(value, style: style == .raw ? .raw : .verbose)
    }

    /// print_quoted_string(bytes, n, 0): every byte, honouring -x.
    private func quoted(_ bytes: some Collection<UInt8>) -> String {
        StraceText.quote(bytes, inHex: stringsInHex)
    }

    /// QUOTE_0_TERMINATED | QUOTE_EXPECT_TRAILING_0 over a field of `bytes.count`: up to the
    /// NUL within the first count-1 bytes, `...` when the last byte is not one.
    func terminatedString(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "\"\"" }
        let head = bytes.prefix(bytes.count - 1)
        if let end = head.firstIndex(of: 0) { return quoted(head[..<end]) }
        return quoted(head) + (bytes[bytes.count - 1] != 0 ? "..." : "")
    }

    /// C's `%#0*llx` with width 2*bytes: `00000000` for zero, `0x000005` otherwise.
    static func zeroPaddedHex(_ value: UInt64, bytes: Int) -> String {
        let digits = String(value, radix: 16)
        let width = bytes * 2
        guard value != 0 else { return String(repeating: "0", count: width) }
        return "0x" + String(repeating: "0", count: max(0, width - 2 - digits.count)) + digits
    }
}

/// A socket address's bytes, zero past what was read; reads outside are zero (never a trap).
struct SockaddrBytes {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    func u8(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }
    func u16(_ i: Int) -> UInt16 { UInt16(u8(i)) | UInt16(u8(i + 1)) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
    func u64(_ i: Int) -> UInt64 { UInt64(u32(i)) | UInt64(u32(i + 4)) << 32 }
    func slice(_ start: Int, _ count: Int) -> [UInt8] { count <= 0 ? [] : (0..<count).map { u8(start &+ $0) } }
}

extension FlagTables {
    static let ethernetProtocols = NameTable(unknown: "ETH_P_???", [
        (0x0001, "ETH_P_802_3"), (0x0002, "ETH_P_AX25"), (0x0003, "ETH_P_ALL"), (0x0004, "ETH_P_802_2"),
        (0x0005, "ETH_P_SNAP"), (0x0006, "ETH_P_DDCMP"), (0x0007, "ETH_P_WAN_PPP"), (0x0008, "ETH_P_PPP_MP"),
        (0x0009, "ETH_P_LOCALTALK"), (0x000c, "ETH_P_CAN"), (0x000d, "ETH_P_CANFD"), (0x000e, "ETH_P_CANXL"),
        (0x0010, "ETH_P_PPPTALK"), (0x0011, "ETH_P_TR_802_2"), (0x0015, "ETH_P_MOBITEX"), (0x0016, "ETH_P_CONTROL"),
        (0x0017, "ETH_P_IRDA"), (0x0018, "ETH_P_ECONET"), (0x0019, "ETH_P_HDLC"), (0x001a, "ETH_P_ARCNET"),
        (0x001b, "ETH_P_DSA"), (0x001c, "ETH_P_TRAILER"), (0x0060, "ETH_P_LOOP"), (0x00f5, "ETH_P_PHONET"),
        (0x00f6, "ETH_P_IEEE802154"), (0x00f7, "ETH_P_CAIF"), (0x00f8, "ETH_P_XDSA"), (0x00f9, "ETH_P_MAP"),
        (0x00fa, "ETH_P_MCTP"), (0x0200, "ETH_P_PUP"), (0x0201, "ETH_P_PUPAT"), (0x0600, "ETH_P_802_3_MIN"),
        (0x0800, "ETH_P_IP"), (0x0805, "ETH_P_X25"), (0x0806, "ETH_P_ARP"), (0x08ff, "ETH_P_BPQ"),
        (0x0a00, "ETH_P_IEEEPUP"), (0x0a01, "ETH_P_IEEEPUPAT"), (0x22eb, "ETH_P_ERSPAN2"), (0x22f0, "ETH_P_TSN"),
        (0x4305, "ETH_P_BATMAN"), (0x6000, "ETH_P_DEC"), (0x6001, "ETH_P_DNA_DL"), (0x6002, "ETH_P_DNA_RC"),
        (0x6003, "ETH_P_DNA_RT"), (0x6004, "ETH_P_LAT"), (0x6005, "ETH_P_DIAG"), (0x6006, "ETH_P_CUST"),
        (0x6007, "ETH_P_SCA"), (0x6558, "ETH_P_TEB"), (0x8035, "ETH_P_RARP"), (0x809b, "ETH_P_ATALK"),
        (0x80f3, "ETH_P_AARP"), (0x8100, "ETH_P_8021Q"), (0x8137, "ETH_P_IPX"), (0x86dd, "ETH_P_IPV6"),
        (0x8808, "ETH_P_PAUSE"), (0x8809, "ETH_P_SLOW"), (0x883e, "ETH_P_WCCP"), (0x8847, "ETH_P_MPLS_UC"),
        (0x8848, "ETH_P_MPLS_MC"), (0x884c, "ETH_P_ATMMPOA"), (0x8863, "ETH_P_PPP_DISC"), (0x8864, "ETH_P_PPP_SES"),
        (0x886c, "ETH_P_LINK_CTL"), (0x8884, "ETH_P_ATMFATE"), (0x888e, "ETH_P_PAE"), (0x8899, "ETH_P_REALTEK"),
        (0x88a2, "ETH_P_AOE"), (0x88a8, "ETH_P_8021AD"), (0x88b5, "ETH_P_802_EX1"), (0x88be, "ETH_P_ERSPAN"),
        (0x88c7, "ETH_P_PREAUTH"), (0x88ca, "ETH_P_TIPC"), (0x88cc, "ETH_P_LLDP"), (0x88e3, "ETH_P_MRP"),
        (0x88e5, "ETH_P_MACSEC"), (0x88e7, "ETH_P_8021AH"), (0x88f5, "ETH_P_MVRP"), (0x88f7, "ETH_P_1588"),
        (0x88f8, "ETH_P_NCSI"), (0x88fb, "ETH_P_PRP"), (0x8902, "ETH_P_CFM"), (0x8906, "ETH_P_FCOE"),
        (0x890d, "ETH_P_TDLS"), (0x8914, "ETH_P_FIP"), (0x8915, "ETH_P_IBOE"), (0x8917, "ETH_P_80221"),
        (0x892f, "ETH_P_HSR"), (0x894f, "ETH_P_NSH"), (0x9000, "ETH_P_LOOPBACK"), (0x9100, "ETH_P_QINQ1"),
        (0x9200, "ETH_P_QINQ2"), (0x9300, "ETH_P_QINQ3"), (0xdada, "ETH_P_EDSA"), (0xdadb, "ETH_P_DSA_8021Q"),
        (0xe001, "ETH_P_DSA_A5PSW"), (0xed3e, "ETH_P_IFE"), (0xfbfb, "ETH_P_AF_IUCV"),
    ])
    static let packetTypes = NameTable(unknown: "PACKET_???", [
        (0, "PACKET_HOST"), (1, "PACKET_BROADCAST"), (2, "PACKET_MULTICAST"), (3, "PACKET_OTHERHOST"),
        (4, "PACKET_OUTGOING"), (5, "PACKET_LOOPBACK"), (6, "PACKET_USER"), (7, "PACKET_KERNEL"),
    ])
    static let rxrpcServices = NameTable(unknown: "???_SERVICE", [
        (1, "CM_SERVICE"), (2500, "YFS_FS_SERVICE"), (2501, "YFS_CM_SERVICE"), (2503, "YFS_VL_SERVICE"),
    ])
    static let ieee802154AddressTypes = NameTable(unknown: "IEEE802154_ADDR_???", [
        (0, "IEEE802154_ADDR_NONE"), (2, "IEEE802154_ADDR_SHORT"), (3, "IEEE802154_ADDR_LONG"),
    ])
    static let ieee802154PanIds = NameTable(unknown: "", [(0xffff, "IEEE802154_PANID_BROADCAST")])
    static let ieee802154Addresses = NameTable(unknown: "", [(0xfffe, "IEEE802154_ADDR_UNDEF"), (0xffff, "IEEE802154_ADDR_BROADCAST")])
    static let algSockaddrFlags = NameTable(unknown: "CRYPTO_ALG_???", [(0x1000, "CRYPTO_ALG_KERN_DRIVER_ONLY")])
    static let nfcSaps = NameTable(unknown: "", [(1, "LLCP_SAP_SDP"), (2, "LLCP_SAP_IP"), (3, "LLCP_SAP_OBEX"), (4, "LLCP_SAP_SNEP"), (0xff, "LLCP_SAP_MAX")])
    static let nfcProtocols = NameTable(unknown: "NFC_PROTO_???", [
        (1, "NFC_PROTO_JEWEL"), (2, "NFC_PROTO_MIFARE"), (3, "NFC_PROTO_FELICA"), (4, "NFC_PROTO_ISO14443"),
        (5, "NFC_PROTO_NFC_DEP"), (6, "NFC_PROTO_ISO14443_B"), (7, "NFC_PROTO_ISO15693"),
    ])
    static let vsockCids = NameTable(unknown: "", [
        (0, "VMADDR_CID_HYPERVISOR"), (1, "VMADDR_CID_LOCAL"), (2, "VMADDR_CID_HOST"), (0xffff_ffff, "VMADDR_CID_ANY"),
    ])
    static let vsockPorts = NameTable(unknown: "", [(0xffff_ffff, "VMADDR_PORT_ANY")])
    static let vsockFlags = NameTable(unknown: "VMADDR_FLAG_???", [(1, "VMADDR_FLAG_TO_HOST")])
    static let qrtrNodes = NameTable(unknown: "", [(0xffff_ffff, "QRTR_NODE_BCAST")])
    static let qrtrPorts = NameTable(unknown: "", [(0xffff_fffe, "QRTR_PORT_CTRL")])
    static let xdpSockaddrFlags = NameTable(unknown: "XDP_???", [
        (1, "XDP_SHARED_UMEM"), (2, "XDP_COPY"), (4, "XDP_ZEROCOPY"), (8, "XDP_USE_NEED_WAKEUP"),
    ])
    static let mctpAddresses = NameTable(unknown: "", [(0, "MCTP_ADDR_NULL"), (0xff, "MCTP_ADDR_ANY")])
    static let mctpNets = NameTable(unknown: "", [(0, "MCTP_NET_ANY")])
}
