// The bodies of NETLINK_SELINUX, NETLINK_NETFILTER (struct nfgenmsg) and NETLINK_KOBJECT_UEVENT
// (libudev's header) messages, as strace 6.1 prints them.

extension NetlinkPrinter {
    /// SELNL_MSG_SETENFORCE `{val=1}`, SELNL_MSG_POLICYLOAD `{seqno=2}`; nil for other types.
    func selinuxPayload(_ type: UInt16, _ address: UInt64, _ length: Int) -> String? {
        let field: String
        switch type {
        case 16: field = "val"
        case 17: field = "seqno"
        default: return nil
        }
        guard length >= 4 else { return hex(address, length) }
        guard let s = read(address, 4) else { return StraceText.pointer(address) }
        return "{" + field + "=" + (type == 16 ? String(s.i32(0)) : String(s.u32(0))) + "}"
    }

    /// struct nfgenmsg, then untyped attributes (the batch messages' are bytes).
    func netfilterPayload(_ type: UInt16, _ address: UInt64, _ length: Int) -> String? {
        if type == NetlinkPrinter.doneType { return nil }
        guard length >= 4 else { return hex(address, length) }
        guard let s = read(address, 4) else { return StraceText.pointer(address) }
        let subsystem = type >> 8
        let raw = s.u16(2), resId = raw.byteSwapped
        let resText: String
        // The kernel once sent res_id in host order: both spellings of NFTABLES are named.
        if subsystem == 10 && resId == 10 {
            resText = style.spell(raw: StraceText.hex(UInt64(raw)), "htons(NFNL_SUBSYS_NFTABLES)")
        } else if subsystem == 10 && raw == 10 {
            resText = style.spell(raw: StraceText.hex(UInt64(raw)), "NFNL_SUBSYS_NFTABLES")
        } else {
            resText = "htons(\(resId))"
        }
        var text = "{nfgen_family=" + familyName(s.u8(0)) + ", version=" + value(Self.netfilterVersions, UInt64(s.u8(1)))
            + ", res_id=" + resText + "}"
        if length > 4 {
            let rest = address &+ 4
            if (16...17).contains(type) || type < NetlinkPrinter.minType {
                text += ", " + hex(rest, length - 4)
            } else {
                text += ", " + NetlinkAttributes(printer: self).list(rest, length - 4, AttributeSet(NameTable(unknown: "", []), [:]))
            }
        }
        return text
    }

    static let netfilterVersions = NameTable(unknown: "NFNETLINK_???", [(0, "NFNETLINK_V0")])

    /// A udev monitor message: libudev's header when it starts with "libudev", else the bytes.
    func kobjectUevent(_ address: UInt64, _ length: UInt64) -> String {
        let size = 40
        guard decoder.dereferenced, address != 0, length >= UInt64(size), let h = read(address, size),
              Array(h.bytes.prefix(8)) == Array("libudev".utf8) + [0] else {
            return string(address, Int(clamping: length))
        }
        let htonl = { (o: Int) in "htonl(" + StraceText.hex(UInt64(h.u32(o).byteSwapped)) + ")" }
        let header = "{prefix=\"libudev\", magic=" + htonl(8) + ", header_size=\(h.u32(12)), properties_off=\(h.u32(16)), "
            + "properties_len=\(h.u32(20)), filter_subsystem_hash=" + htonl(24) + ", filter_devtype_hash=" + htonl(28)
            + ", filter_tag_bloom_hi=" + htonl(32) + ", filter_tag_bloom_lo=" + htonl(36) + "}"
        guard length > UInt64(size) else { return header }
        return "[" + header + ", " + string(address &+ UInt64(size), Int(clamping: length - UInt64(size))) + "]"
    }
}
