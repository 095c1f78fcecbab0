// setsockopt/getsockopt values strace 6.1 decodes as structures (src/net.c, print_group_req.c):
// SOL_SOCKET's socket filters, SOL_PACKET's packet_mreq, tpacket_req and tpacket_stats,
// SOL_RAW's ICMP_FILTER, SOL_IP's ip_mreq and group_req, SOL_IPV6's ipv6_mreq.

extension ArgumentDecoder {
    /// What setsockopt reads, for the options decoded here; nil for the others.
    func setSocketOptionStructure(level: UInt64, option: UInt64, at address: UInt64, length: Int32) -> String? {
        switch (level, option) {
        case (1, 26), (1, 51):  // SO_ATTACH_FILTER, SO_ATTACH_REUSEPORT_CBPF: struct sock_fprog
            return length == 16 ? bpfProgram(at: address, kind: .socket) : StraceText.pointer(address)
        case (263, 5), (263, 13):  // PACKET_RX_RING, PACKET_TX_RING
            guard length == 16, let s = readStruct(address, size: 16) else { return StraceText.pointer(address) }
            return "{tp_block_size=\(s.u32(0)), tp_block_nr=\(s.u32(4)), tp_frame_size=\(s.u32(8)), tp_frame_nr=\(s.u32(12))}"
        case (263, 1), (263, 2):  // PACKET_ADD_MEMBERSHIP, PACKET_DROP_MEMBERSHIP
            guard length == 16, let s = readStruct(address, size: 16) else { return StraceText.pointer(address) }
            let alen = Int(s.u16(6))
            return "{mr_ifindex=" + interfaceIndex(s.u32(0))
                + ", mr_type=" + FlagTables.packetMreqTypes.formatValue(UInt64(s.u16(4)), style: style)
                + ", mr_alen=\(alen), mr_address=" + macAddress(Array(s.bytes[8..<(8 + min(alen, 8))])) + "}"
        case (255, 1):  // ICMP_FILTER
            return icmpFilter(address, length: length)
        case (0, 35), (0, 36):  // IP_ADD_MEMBERSHIP, IP_DROP_MEMBERSHIP: struct ip_mreq
            guard length >= 8, let s = readStruct(address, size: 8) else { return StraceText.pointer(address) }
            return "{" + inetAddressField(Array(s.bytes[0..<4]), name: "imr_multiaddr")
                + ", " + inetAddressField(Array(s.bytes[4..<8]), name: "imr_interface") + "}"
        case (0, 42), (0, 45), (41, 42), (41, 45):  // MCAST_JOIN_GROUP, MCAST_LEAVE_GROUP: struct group_req
            guard length >= 136, let s = readStruct(address, size: 136) else { return StraceText.pointer(address) }
            return "{gr_interface=" + interfaceIndex(s.u32(0)) + ", gr_group="
                + sockaddrText(SockaddrBytes(Array(s.bytes[8..<136]) + [0]), length: 128) + "}"
        case (41, 20), (41, 21), (41, 27), (41, 28):  // IPV6_{ADD,DROP}_MEMBERSHIP, IPV6_{JOIN,LEAVE}_ANYCAST
            guard length >= 20, let s = readStruct(address, size: 20) else { return StraceText.pointer(address) }
            return "{" + inetAddressField(Array(s.bytes[0..<16]), name: "ipv6mr_multiaddr")
                + ", ipv6mr_interface=" + interfaceIndex(s.u32(16)) + "}"
        default:
            return nil
        }
    }

    /// What getsockopt wrote (`length` bytes), for the options decoded here; nil for the others.
    func getSocketOptionStructure(level: UInt64, option: UInt64, at address: UInt64, length: Int32) -> String? {
        guard dereferenced else { return nil }
        switch (level, option) {
        case (1, 26):  // SO_GET_FILTER: the instructions (optlen counts them)
            return length <= 0xffff ? bpfInstructions(at: address, count: UInt64(length), kind: .socket) : StraceText.pointer(address)
        case (263, 6):  // PACKET_STATISTICS: tpacket_stats (or the longer tpacket_stats_v3), fields as far as written
            return intFields(["tp_packets", "tp_drops", "tp_freeze_q_cnt"], signed: [false, false, false],
                             at: address, length: Int(min(length, 12)))
        case (255, 1):  // ICMP_FILTER
            return icmpFilter(address, length: length)
        default:
            return nil
        }
    }

    /// struct icmp_filter: the ICMP types it filters as a set, or `~[...]` of those it lets
    /// through when more than half are set; bytes past a short length count as set.
    private func icmpFilter(_ address: UInt64, length: Int32) -> String {
        guard length > 0, let bytes = memory.read(address, count: Int(min(length, 4))) else { return StraceText.pointer(address) }
        var word: UInt32 = 0xffff_ffff
        for (i, b) in bytes.enumerated() { word = word & ~(UInt32(0xff) << (8 * i)) | UInt32(b) << (8 * i) }
        var prefix = ""
        if word.nonzeroBitCount > 16 {
            word = ~word
            prefix = "~"
        }
        let types = (0..<32).filter { word & (1 << $0) != 0 }.map { FlagTables.icmpFilterTypes.formatValue(UInt64($0), style: style) }
        return prefix + "[" + types.joined(separator: " ") + "]"
    }

    /// print_mac_addr: `aa:bb:cc`; its bytes under -X raw, both under -X verbose.
    func macAddress(_ bytes: [UInt8]) -> String {
        let mac = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":")
        return style.spell(raw: StraceText.quote(bytes, inHex: .all), mac)
    }
}

extension FlagTables {
    static let packetMreqTypes = NameTable(unknown: "PACKET_MR_???", [
        (0, "PACKET_MR_MULTICAST"), (1, "PACKET_MR_PROMISC"), (2, "PACKET_MR_ALLMULTI"), (3, "PACKET_MR_UNICAST"),
    ])
    static let icmpFilterTypes = NameTable(unknown: "ICMP_???", [
        (0, "ICMP_ECHOREPLY"), (3, "ICMP_DEST_UNREACH"), (4, "ICMP_SOURCE_QUENCH"), (5, "ICMP_REDIRECT"), (8, "ICMP_ECHO"),
        (11, "ICMP_TIME_EXCEEDED"), (12, "ICMP_PARAMETERPROB"), (13, "ICMP_TIMESTAMP"), (14, "ICMP_TIMESTAMPREPLY"),
        (15, "ICMP_INFO_REQUEST"), (16, "ICMP_INFO_REPLY"), (17, "ICMP_ADDRESS"), (18, "ICMP_ADDRESSREPLY"),
    ])
}
