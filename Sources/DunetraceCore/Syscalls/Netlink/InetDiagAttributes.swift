// The attributes of AF_INET/AF_INET6 sock_diag messages as strace 6.1 prints them: a response's
// (struct inet_diag_msg) congestion-control infos, addresses, MD5 keys, ULP and BPF storage
// attributes, socket options; a request's bytecode and protocol.
import Glibc

extension SockDiagMessages {
    static let inetMessageAttributes: AttributeSet = {
        let u32 = { (name: String, offset: Int) in AttributeStruct.Member(name: name, offset: offset, size: 4) }
        let tls = AttributeSet(NetlinkTables.tlsInfoAttributes, [
            1: .enumeration(NetlinkTables.tlsVersions, size: 2), 2: .enumeration(NetlinkTables.tlsCiphers, size: 2),
            3: .enumeration(NetlinkTables.tlsConfigs, size: 2), 4: .enumeration(NetlinkTables.tlsConfigs, size: 2),
        ])
        let mptcp = AttributeSet(NetlinkTables.mptcpSubflowAttributes, [
            1: .hex(4), 2: .hex(4), 3: .unsigned(4), 4: .unsigned(8), 5: .unsigned(4), 6: .unsigned(4),
            7: .unsigned(2), 8: .flags(NetlinkTables.mptcpSubflowFlags, size: 4), 9: .unsigned(1), 10: .unsigned(1),
        ])
        let bpfStorages = AttributeSet(NetlinkTables.bpfStoragesAttributes, [
            1: .nested(AttributeSet(NetlinkTables.bpfStorageAttributes, [2: .unsigned(4), 3: .anyHex])),
        ])
        return AttributeSet(NetlinkTables.inetDiagAttributes, [
            1: .structure(AttributeStruct(uniform: 4, ["idiag_rmem", "idiag_wmem", "idiag_fmem", "idiag_tmem"])),
            3: .structure(AttributeStruct(uniform: 4, ["tcpv_enabled", "tcpv_rttcnt", "tcpv_rtt", "tcpv_minrtt"])),
            4: .string, 5: .unsigned(1), 6: .unsigned(1), 7: .memInfo,
            8: .verboseFlags(NetlinkTables.shutdownFlags, size: 1),
            9: .structure(AttributeStruct(size: 16, [
                .init(name: "dctcp_enabled", offset: 0, size: 2), .init(name: "dctcp_ce_state", offset: 2, size: 2),
                u32("dctcp_alpha", 4), u32("dctcp_ab_ecn", 8), u32("dctcp_ab_tot", 12),
            ])),
            10: .enumeration(FlagTables.ipProtocol, size: 0), 11: .unsigned(1),
            12: .custom(socketAddresses), 13: .custom(socketAddresses),
            15: .unsigned(4),
            16: .structure(AttributeStruct(size: 20, [
                .init(name: "bbr_bw_lo", offset: 0, size: 4, hex: true), .init(name: "bbr_bw_hi", offset: 4, size: 4, hex: true),
                u32("bbr_min_rtt", 8), u32("bbr_pacing_gain", 12), u32("bbr_cwnd_gain", 16),
            ])),
            17: .unsigned(4), 18: .custom(md5Signatures),
            19: .nested(AttributeSet(NetlinkTables.ulpInfoAttributes, [1: .string, 2: .nested(tls), 3: .nested(mptcp)])),
            20: .nested(bpfStorages), 21: .unsigned(8), 22: .custom(socketOptions),
        ])
    }()

    static let inetRequestAttributes = AttributeSet(NetlinkTables.inetDiagRequestAttributes, [
        1: .custom(bytecode), 3: .enumeration(FlagTables.ipProtocol, size: 0),
    ])

    /// decode_nla_sockaddrs: struct sockaddr_storage each.
    @Sendable static func socketAddresses(_ a: NetlinkAttributes, _ address: UInt64, _ length: Int) -> String? {
        let size = 128
        return a.elements(address, length / size, size) { _, at in
            a.printer.decoder.sockaddr(at, length: size) ?? StraceText.pointer(at)
        }
    }

    /// struct tcp_diag_md5sig each: its address by its family, its key as long as it says.
    @Sendable static func md5Signatures(_ a: NetlinkAttributes, _ address: UInt64, _ length: Int) -> String? {
        let size = 100
        return a.elements(address, length / size, size) { b, _ in
            let family = b.u8(0)
            let keyLength = min(Int(b.u16(2)), 80)
            return "{tcpm_family=" + a.printer.familyName(family) + ", tcpm_prefixlen=\(b.u8(1)), tcpm_keylen=\(b.u16(2)), "
                + a.inetAddressField(bytes: Array(b.bytes[4..<20]), family: Int32(family), name: "tcpm_addr")
                + ", tcpm_key=" + StraceText.quote(b.bytes[20..<20 + keyLength], hexEscapes: true) + "}"
        }
    }

    /// struct inet_diag_sockopt's bit fields: without -v only those set; unused bits, then any
    /// bytes past the structure that are not zero.
    @Sendable static func socketOptions(_ a: NetlinkAttributes, _ address: UInt64, _ length: Int) -> String? {
        guard length >= 2 else { return nil }
        guard let b = a.printer.read(address, 2) else { return StraceText.pointer(address) }
        let names = ["recverr", "is_icsk", "freebind", "hdrincl", "mc_loop", "transparent", "mc_all", "nodefrag",
                     "bind_address_no_port", "recverr_rfc4884", "defer_connect"]
        let bits = UInt16(b.u8(0)) | UInt16(b.u8(1)) << 8
        let verbose = !a.printer.decoder.abbreviated
        var fields: [String] = []
        for (i, name) in names.enumerated() where verbose || bits >> i & 1 != 0 {
            fields.append("\(name)=\(bits >> i & 1)")
        }
        let unused = UInt64(bits >> 11)
        if verbose || unused != 0 { fields.append("unused=" + StraceText.hex(unused) + " /* bits 3..8 */") }
        var text = "{" + fields.joined(separator: ", ") + "}"
        // print_nonzero_bytes up to a page.
        let end = min(length, 4096)
        if end > 2 {
            if let rest = a.printer.read(address &+ 2, end - 2) {
                if rest.bytes.contains(where: { $0 != 0 }) {
                    let shown = rest.bytes.prefix(a.printer.limit)
                    text += ", /* bytes 2..\(end - 1) */ " + StraceText.quote(shown, hexEscapes: true)
                        + (shown.count < rest.bytes.count ? "..." : "")
                }
            } else {
                text += ", ???"
            }
        }
        return text
    }

    /// INET_DIAG_REQ_BYTECODE: struct inet_diag_bc_op, then its operand by its code.
    @Sendable static func bytecode(_ a: NetlinkAttributes, _ address: UInt64, _ length: Int) -> String? {
        guard length >= 4 else { return nil }
        guard let op = a.printer.read(address, 4) else { return StraceText.pointer(address) }
        var text = operation(a, op)
        guard length > 4 else { return text }
        let at = address &+ 4, rest = length - 4
        let p = a.printer
        text += ", "
        switch op.u8(0) {
        case 7, 8:   // INET_DIAG_BC_S_COND, INET_DIAG_BC_D_COND: struct inet_diag_hostcond
            guard rest >= 8 else { return text + p.hex(at, rest) }
            guard let c = p.read(at, 8) else { return text + StraceText.pointer(at) }
            text += "{family=" + p.familyName(c.u8(0)) + ", prefix_len=\(c.u8(1)), port=\(c.u32(4))"
            if rest > 8 { text += ", " + a.inetAddressField(at &+ 8, rest - 8, family: Int32(c.u8(0)), name: "addr") }
            return text + "}"
        case 9:      // INET_DIAG_BC_DEV_COND
            guard rest >= 4 else { return text + p.hex(at, rest) }
            return text + (p.read(at, 4).map { p.ifindex($0.u32(0)) } ?? StraceText.pointer(at))
        case 2, 3, 4, 5:   // INET_DIAG_BC_S_GE...D_LE: another operation
            guard rest >= 4 else { return text + p.hex(at, rest) }
            return text + (p.read(at, 4).map { operation(a, $0) } ?? StraceText.pointer(at))
        case 10:     // INET_DIAG_BC_MARK_COND
            guard rest >= 8 else { return text + p.hex(at, rest) }
            return text + (p.read(at, 8).map { "{mark=\($0.u32(0)), mask=\($0.u32(4))}" } ?? StraceText.pointer(at))
        default:
            return text + p.hex(at, rest)
        }
    }

    static func operation(_ a: NetlinkAttributes, _ op: StructBytes) -> String {
        "{code=" + a.printer.value(NetlinkTables.inetDiagBytecodes, UInt64(op.u8(0))) + ", yes=\(op.u8(1)), no=\(op.u16(2))}"
    }
}
