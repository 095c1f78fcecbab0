// The attributes of AF_SMC sock_diag responses (struct smc_diag_msg) as strace 6.1 prints them:
// connection cursors, link group, shutdown, DMB and fallback infos.

extension SockDiagMessages {
    static let smcMessageAttributes = AttributeSet(NetlinkTables.smcDiagAttributes, [
        1: .custom(smcConnection),
        2: .custom(smcLinkGroup),
        3: .flags(NetlinkTables.shutdownFlags, size: 1),
        4: .structure(AttributeStruct(size: 40, [
            .init(name: "linkid", offset: 0, size: 4), .init(name: "peer_gid", offset: 8, size: 8, hex: true),
            .init(name: "my_gid", offset: 16, size: 8, hex: true), .init(name: "token", offset: 24, size: 8, hex: true),
            .init(name: "peer_token", offset: 32, size: 8, hex: true),
        ])),
        5: .custom(smcFallback),
    ])

    /// struct smc_diag_conninfo.
    @Sendable static func smcConnection(_ a: NetlinkAttributes, _ address: UInt64, _ length: Int) -> String? {
        let size = 76
        guard length >= size else { return nil }
        guard let b = a.printer.read(address, size) else { return StraceText.pointer(address) }
        let cursor = { (name: String, at: Int) in
            name + "={reserved=\(b.u16(at)), wrap=\(b.u16(at + 2)), count=\(b.u32(at + 4))}"
        }
        let flags = { (name: String, at: Int) -> String in
            let digits = String(b.u8(at), radix: 16)
            return name + "=0x" + (digits.count == 1 ? "0" : "") + digits
        }
        let fields = ["token=\(b.u32(0))", "sndbuf_size=\(b.u32(4))", "rmbe_size=\(b.u32(8))", "peer_rmbe_size=\(b.u32(12))",
                      cursor("rx_prod", 16), cursor("rx_cons", 24), cursor("tx_prod", 32), cursor("tx_cons", 40),
                      flags("rx_prod_flags", 48), flags("rx_conn_state_flags", 49), flags("tx_prod_flags", 50),
                      flags("tx_conn_state_flags", 51), cursor("tx_prep", 52), cursor("tx_sent", 60), cursor("tx_fin", 68)]
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// struct smc_diag_lgrinfo: its one link, then the role.
    @Sendable static func smcLinkGroup(_ a: NetlinkAttributes, _ address: UInt64, _ length: Int) -> String? {
        let size = 147
        guard length >= size else { return nil }
        guard let b = a.printer.read(address, size) else { return StraceText.pointer(address) }
        // PRINT_FIELD_CSTRING: at most all but the last byte, up to a NUL; `...` when the field
        // has none.
        let text = { (at: Int, count: Int) -> String in
            let field = b.bytes[at..<at + count]
            return StraceText.quote(field.dropLast().prefix { $0 != 0 }) + (field.contains(0) ? "" : "...")
        }
        return "{lnk=[{link_id=\(b.u8(0)), ibname=" + text(1, 64) + ", ibport=\(b.u8(65)), gid=" + text(66, 40)
            + ", peer_gid=" + text(106, 40) + "}], role=" + a.printer.value(NetlinkTables.smcLinkGroupRoles, UInt64(b.u8(146))) + "}"
    }

    /// struct smc_diag_fallback: decline codes (not UAPI's) in strace's verbose style.
    @Sendable static func smcFallback(_ a: NetlinkAttributes, _ address: UInt64, _ length: Int) -> String? {
        guard length >= 8 else { return nil }
        guard let b = a.printer.read(address, 8) else { return StraceText.pointer(address) }
        let style: ConstStyle = a.printer.style == .raw ? .raw : .verbose
        return "{reason=" + NetlinkTables.smcDeclineCodes.formatValue(UInt64(b.u32(0)), style: style)
            + ", peer_diagnosis=" + NetlinkTables.smcDeclineCodes.formatValue(UInt64(b.u32(4)), style: style) + "}"
    }
}
