// NETLINK_SOCK_DIAG bodies as strace 6.1 prints them: each address family's request (sent with
// NLM_F_REQUEST) and response, and the responses' attributes.
import Glibc

struct SockDiagMessages {
    let printer: NetlinkPrinter

    func payload(_ h: StructBytes, _ address: UInt64, _ length: Int) -> String? {
        let type = h.u16(4)
        if type == NetlinkPrinter.doneType { return nil }
        guard let f = printer.read(address, 1) else { return StraceText.pointer(address) }
        let family = f.u8(0)
        let request = h.u16(6) & 1 != 0
        if length > 1, let bodies = Self.bodies[family] {
            // TCPDIAG_GETSOCK and DCCPDIAG_GETSOCK ask with the older inet_diag_req.
            let body = request ? ((type == 18 || type == 19) && bodies.compat != nil ? bodies.compat! : bodies.request) : bodies.response
            return printer.familyBody(body, family, address, length)
        }
        var text = "{family=" + printer.familyName(family)
        if length > 1 { text += ", data=" + printer.hex(address &+ 1, length - 1) }
        return text + "}"
    }

    struct Bodies: Sendable {
        let request: FamilyBody
        let response: FamilyBody
        var compat: FamilyBody? = nil
    }

    static let bodies: [UInt8: Bodies] = [
        UInt8(AF_UNIX): Bodies(request: unixRequest, response: unixMessage),
        UInt8(AF_INET): Bodies(request: inetRequest, response: inetMessage, compat: inetRequestCompat),
        UInt8(AF_INET6): Bodies(request: inetRequest, response: inetMessage, compat: inetRequestCompat),
        UInt8(AF_NETLINK): Bodies(request: netlinkRequest, response: netlinkMessage),
        UInt8(AF_PACKET): Bodies(request: packetRequest, response: packetMessage),
        43: Bodies(request: smcRequest, response: smcMessage),   // AF_SMC
    ]

    // MARK: AF_UNIX

    static let unixRequest: FamilyBody = {
        var b = FamilyBody(size: 24, familyField: "sdiag_family", fields: { p, s in
            ["sdiag_protocol=\(s.u8(1))", "udiag_states=" + p.flags(NetlinkTables.tcpStateFlags, UInt64(s.u32(4))),
             "udiag_ino=\(s.u32(8))", "udiag_show=" + p.flags(NetlinkTables.unixDiagShow, UInt64(s.u32(12))),
             "udiag_cookie=" + p.cookie(s, 16)]
        }, attributes: nil)
        b.ignoresRest = true
        return b
    }()

    static let unixMessage = FamilyBody(size: 16, familyField: "udiag_family", fields: { p, s in
        ["udiag_type=" + p.value(FlagTables.socketType, UInt64(s.u8(1))),
         "udiag_state=" + p.value(NetlinkTables.tcpStates, UInt64(s.u8(2))),
         "udiag_ino=\(s.u32(4))", "udiag_cookie=" + p.cookie(s, 8)]
    }, attributes: AttributeSet(NetlinkTables.unixDiagAttributes, [
        0: .string, 1: .unixVfs, 2: .unsigned(4), 3: .u32Array,
        4: .structure(AttributeStruct(uniform: 4, ["udiag_rqueue", "udiag_wqueue"])),
        5: .memInfo, 6: .unsigned(1), 7: .uid,
    ]))

    // MARK: AF_NETLINK

    static let netlinkRequest: FamilyBody = {
        var b = FamilyBody(size: 20, familyField: "sdiag_family", fields: { p, s in
            let proto = s.u8(1) == 255 ? p.style.spell(raw: "0xff", "NDIAG_PROTO_ALL") : p.value(FlagTables.netlinkProtocol, UInt64(s.u8(1)))
            return ["sdiag_protocol=" + proto, "ndiag_ino=\(s.u32(4))",
                    "ndiag_show=" + p.flags(NetlinkTables.netlinkDiagShow, UInt64(s.u32(8))), "ndiag_cookie=" + p.cookie(s, 12)]
        }, attributes: nil)
        b.ignoresRest = true
        return b
    }()

    static let netlinkMessage = FamilyBody(size: 28, familyField: "ndiag_family", fields: { p, s in
        ["ndiag_type=" + p.value(FlagTables.socketType, UInt64(s.u8(1))),
         "ndiag_protocol=" + p.value(FlagTables.netlinkProtocol, UInt64(s.u8(2))),
         "ndiag_state=" + p.value(NetlinkTables.netlinkStates, UInt64(s.u8(3))),
         "ndiag_portid=\(s.u32(4))", "ndiag_dst_portid=\(s.u32(8))", "ndiag_dst_group=\(s.u32(12))",
         "ndiag_ino=\(s.u32(16))", "ndiag_cookie=" + p.cookie(s, 20)]
    }, attributes: AttributeSet(NetlinkTables.netlinkDiagAttributes, [
        0: .memInfo, 1: .hexLongArray,
        2: .structure(ring), 3: .structure(ring), 4: .flags(NetlinkTables.netlinkSocketFlags, size: 4),
    ]))

    static let ring = AttributeStruct(uniform: 4, ["ndr_block_size", "ndr_block_nr", "ndr_frame_size", "ndr_frame_nr"])

    // MARK: AF_PACKET

    static let packetRequest: FamilyBody = {
        var b = FamilyBody(size: 20, familyField: "sdiag_family", fields: { p, s in
            ["sdiag_protocol=" + StraceText.hex(UInt64(s.u8(1))), "pdiag_ino=\(s.u32(4))",
             "pdiag_show=" + p.flags(NetlinkTables.packetDiagShow, UInt64(s.u32(8))), "pdiag_cookie=" + p.cookie(s, 12)]
        }, attributes: nil)
        b.ignoresRest = true
        return b
    }()

    static let packetMessage = FamilyBody(size: 16, familyField: "pdiag_family", fields: { p, s in
        ["pdiag_type=" + p.value(FlagTables.socketType, UInt64(s.u8(1))),
         "pdiag_num=" + p.value(NetlinkTables.ethernetProtocols, UInt64(s.u16(2))),
         "pdiag_ino=\(s.u32(4))", "pdiag_cookie=" + p.cookie(s, 8)]
    }, attributes: AttributeSet(NetlinkTables.packetDiagAttributes, [
        0: .structure(AttributeStruct(size: 24, [
            .init(name: "pdi_index", offset: 0, size: 4, format: .ifindex),
            .init(name: "pdi_version", offset: 4, size: 4, format: .named(NetlinkTables.packetVersions)),
            .init(name: "pdi_reserve", offset: 8, size: 4), .init(name: "pdi_copy_thresh", offset: 12, size: 4),
            .init(name: "pdi_tstamp", offset: 16, size: 4),
            .init(name: "pdi_flags", offset: 20, size: 4, format: .flags(NetlinkTables.packetDiagInfoFlags)),
        ])),
        1: .custom(packetMulticastList),
        2: .structure(packetRing), 3: .structure(packetRing),
        4: .unsigned(4), 5: .uid, 6: .memInfo, 7: .custom(socketFilter),
    ]))

    static let packetRing = AttributeStruct(uniform: 4, ["pdr_block_size", "pdr_block_nr", "pdr_frame_size", "pdr_frame_nr",
                                                        "pdr_retire_tmo", "pdr_sizeof_priv", "pdr_features"])

    /// struct packet_diag_mclist each: its address as long as pdmc_alen says.
    @Sendable static func packetMulticastList(_ a: NetlinkAttributes, _ address: UInt64, _ length: Int) -> String? {
        let size = 44
        return a.elements(address, length / size, size) { b, _ in
            let count = min(Int(b.u16(10)), 32)
            return "{pdmc_index=" + a.printer.ifindex(b.u32(0)) + ", pdmc_count=\(b.u32(4)), pdmc_type=\(b.u16(8)), "
                + "pdmc_alen=\(b.u16(10)), pdmc_addr=" + StraceText.quote(b.bytes[12..<12 + count], hexEscapes: true) + "}"
        }
    }

    /// PACKET_DIAG_FILTER: classic BPF instructions with -v, else where they are.
    @Sendable static func socketFilter(_ a: NetlinkAttributes, _ address: UInt64, _ length: Int) -> String? {
        let count = length / ClassicBPF.size
        guard count > 0, count <= Int(UInt16.max) else { return nil }
        return a.printer.decoder.bpfProgram(address, count: count, .socket)
    }

    // MARK: AF_INET, AF_INET6

    /// struct inet_diag_sockid at `offset` of `s`, its addresses of `family`.
    static func socketId(_ p: NetlinkPrinter, _ s: StructBytes, _ offset: Int, family: UInt8) -> String {
        // PRINT_FIELD_NET_PORT: `htons(80)`, -X raw the bytes, -X verbose both.
        let port = { (o: Int, name: String) -> String in
            let raw = StraceText.quote(s.bytes[offset + o..<offset + o + 2], hexEscapes: true)
            let named = "htons(\(UInt16(s.u16(offset + o)).byteSwapped))"
            return name + "=" + (p.style == .abbrev ? named : p.style == .raw ? raw : raw + " /* " + named + " */")
        }
        let address = { (o: Int, name: String) -> String in
            let bytes = Array(s.bytes[offset + o..<offset + o + 16])
            return NetlinkAttributes.inetAddress(Int32(family), bytes, name: name, style: p.style)
                ?? name + "=" + StraceText.quote(bytes, hexEscapes: true)
        }
        return "{" + port(0, "idiag_sport") + ", " + port(2, "idiag_dport") + ", " + address(4, "idiag_src")
            + ", " + address(20, "idiag_dst") + ", idiag_if=" + p.ifindex(s.u32(offset + 36))
            + ", idiag_cookie=" + p.cookie(s, offset + 40) + "}"
    }

    static let inetRequest = FamilyBody(size: 56, familyField: "sdiag_family", fields: { p, s in
        ["sdiag_protocol=" + p.value(FlagTables.ipProtocol, UInt64(s.u8(1))),
         "idiag_ext=" + p.flags(NetlinkTables.inetDiagExtendedFlags, UInt64(s.u8(2))),
         "idiag_states=" + p.flags(NetlinkTables.tcpStateFlags, UInt64(s.u32(4))),
         "id=" + socketId(p, s, 8, family: s.u8(0))]
    }, attributes: inetRequestAttributes)

    static let inetRequestCompat = FamilyBody(size: 60, familyField: "idiag_family", fields: { p, s in
        ["idiag_src_len=\(s.u8(1))", "idiag_dst_len=\(s.u8(2))",
         "idiag_ext=" + p.flags(NetlinkTables.inetDiagExtendedFlags, UInt64(s.u8(3))),
         "id=" + socketId(p, s, 4, family: s.u8(0)),
         "idiag_states=" + p.flags(NetlinkTables.tcpStateFlags, UInt64(s.u32(52))), "idiag_dbs=\(s.u32(56))"]
    }, attributes: inetRequestAttributes)

    static let inetMessage = FamilyBody(size: 72, familyField: "idiag_family", fields: { p, s in
        ["idiag_state=" + p.value(NetlinkTables.tcpStates, UInt64(s.u8(1))),
         "idiag_timer=\(s.u8(2))", "idiag_retrans=\(s.u8(3))", "id=" + socketId(p, s, 4, family: s.u8(0)),
         "idiag_expires=\(s.u32(52))", "idiag_rqueue=\(s.u32(56))", "idiag_wqueue=\(s.u32(60))",
         "idiag_uid=\(s.u32(64))", "idiag_inode=\(s.u32(68))"]
    }, attributes: inetMessageAttributes)

    // MARK: AF_SMC

    static let smcRequest: FamilyBody = {
        var b = FamilyBody(size: 52, familyField: "diag_family", fields: { p, s in
            ["diag_ext=" + p.flags(NetlinkTables.smcDiagExtendedFlags, UInt64(s.u8(3))),
             "id=" + socketId(p, s, 4, family: UInt8(AF_INET))]
        }, attributes: nil)
        b.ignoresRest = true
        return b
    }()

    static let smcMessage = FamilyBody(size: 64, familyField: "diag_family", fields: { p, s in
        ["diag_state=" + p.value(NetlinkTables.smcStates, UInt64(s.u8(1))),
         "diag_fallback=" + p.value(NetlinkTables.smcDiagModes, UInt64(s.u8(2))),
         "diag_shutdown=\(s.u8(3))", "id=" + socketId(p, s, 4, family: UInt8(AF_INET)),
         "diag_uid=\(s.u32(52))", "diag_inode=\(s.u64(56))"]
    }, attributes: smcMessageAttributes)
}
