// NETLINK_ROUTE bodies as strace 6.1 prints them: the fixed header of each message type
// (struct ifinfomsg, ifaddrmsg...) and its attributes.
import Glibc

struct RouteMessages {
    let printer: NetlinkPrinter

    /// The payload of a message of `h`'s type; nil for NLMSG_DONE (the caller prints it).
    func payload(_ h: StructBytes, _ address: UInt64, _ length: Int) -> String? {
        let type = h.u16(4)
        if type == NetlinkPrinter.doneType { return nil }
        guard let f = printer.read(address, 1) else { return StraceText.pointer(address) }
        let family = f.u8(0)
        switch type {
        case 16...19: return body(Self.ifinfomsg, family, address, length)
        case 20...22, 58, 62: return body(Self.ifaddrmsg, family, address, length)
        default:
            // decode_family: the family, then the rest as bytes.
            var text = "{family=" + familyName(family)
            if length > 1 { text += ", data=" + printer.hex(address &+ 1, length - 1) }
            return text + "}"
        }
    }

    func familyName(_ family: UInt8) -> String { FlagTables.addressFamily.formatValue(UInt64(family), style: printer.style) }

    /// A body that starts with a one-byte address family: the family, then the other fields
    /// when the whole structure is there (`...` when not), then its attributes.
    struct Body {
        let size: Int
        let familyField: String
        /// The fields after the family, from the structure's bytes.
        let fields: @Sendable (RouteMessages, StructBytes) -> [String]
        let attributes: AttributeSet?
    }

    func body(_ b: Body, _ family: UInt8, _ address: UInt64, _ length: Int) -> String {
        var text = "{" + b.familyField + "=" + familyName(family) + ", "
        var decoded = false
        if length >= b.size {
            if let s = printer.read(address, b.size) {
                text += b.fields(self, s).joined(separator: ", ")
                decoded = true
            } else {
                text += StraceText.pointer(address &+ 1)
            }
        } else {
            text += "..."
        }
        text += "}"
        let offset = (b.size + 3) & ~3
        if decoded, length > offset, let set = b.attributes {
            var attributes = NetlinkAttributes(printer: printer)
            attributes.context.family = family
            text += ", " + attributes.list(address &+ UInt64(offset), length - offset, set)
        }
        return text
    }

    func enumeration(_ table: NameTable, _ v: UInt64) -> String { printer.value(table, v) }
    func flags(_ table: NameTable, _ v: UInt64) -> String { table.formatFlags(v, style: printer.style) }

    // MARK: struct ifinfomsg

    static let ifinfomsg = Body(size: 16, familyField: "ifi_family", fields: { r, s in
        ["ifi_type=" + r.enumeration(NetlinkTables.arpHardwareTypes, UInt64(s.u16(2))),
         "ifi_index=" + NetlinkAttributes.ifindex(UInt32(bitPattern: s.i32(4))),
         "ifi_flags=" + r.flags(NetlinkTables.interfaceFlags, UInt64(s.u32(8))),
         "ifi_change=" + StraceText.hex(UInt64(s.u32(12)))]
    }, attributes: linkAttributes)

    static let linkStats = AttributeStruct(uniform: 4, shorter: [92], statsNames)
    static let linkStats64 = AttributeStruct(uniform: 8, shorter: [184, 192], statsNames + ["rx_otherhost_dropped"])
    static let statsNames = [
        "rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors", "rx_dropped", "tx_dropped",
        "multicast", "collisions", "rx_length_errors", "rx_over_errors", "rx_crc_errors", "rx_frame_errors",
        "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors", "tx_carrier_errors", "tx_fifo_errors",
        "tx_heartbeat_errors", "tx_window_errors", "rx_compressed", "tx_compressed", "rx_nohandler",
    ]
    static let linkMap = AttributeStruct(size: 32, [
        .init(name: "mem_start", offset: 0, size: 8, hex: true), .init(name: "mem_end", offset: 8, size: 8, hex: true),
        .init(name: "base_addr", offset: 16, size: 8, hex: true), .init(name: "irq", offset: 24, size: 2),
        .init(name: "dma", offset: 26, size: 1), .init(name: "port", offset: 27, size: 1),
    ])

    static let linkAttributes = AttributeSet(NetlinkTables.linkAttributes, [
        1: .hardwareAddress, 2: .hardwareAddress, 3: .string, 4: .unsigned(4), 5: .unsigned(4), 6: .string,
        7: .structure(linkStats), 10: .unsigned(4), 13: .unsigned(4), 14: .structure(linkMap), 15: .unsigned(4),
        16: .unsigned(1), 17: .unsigned(1), 19: .unsigned(4), 20: .string, 21: .unsigned(4),
        23: .structure(linkStats64), 27: .unsigned(4), 28: .fd,
        29: .flags(NetlinkTables.linkExtFilterFlags, size: 4),
        30: .unsigned(4), 31: .unsigned(4), 32: .unsigned(4), 33: .unsigned(1), 35: .unsigned(4),
        37: .signed(4), 38: .string, 39: .unsigned(1), 40: .unsigned(4), 41: .unsigned(4),
        45: .signed(4), 46: .signed(4), 47: .unsigned(4), 48: .unsigned(4), 49: .ifindex,
        50: .unsigned(4), 51: .unsigned(4), 53: .string, 54: .hardwareAddress, 56: .string, 57: .string,
        58: .unsigned(4), 59: .unsigned(4), 60: .unsigned(4), 61: .unsigned(4),
    ])

    // MARK: struct ifaddrmsg

    static let ifaddrmsg = Body(size: 8, familyField: "ifa_family", fields: { r, s in
        ["ifa_prefixlen=\(s.u8(1))",
         "ifa_flags=" + r.flags(NetlinkTables.addressFlags, UInt64(s.u8(2))),
         "ifa_scope=" + r.enumeration(NetlinkTables.routingScopes, UInt64(s.u8(3))),
         "ifa_index=" + NetlinkAttributes.ifindex(s.u32(4))]
    }, attributes: addressAttributes)

    static let addressCacheInfo = AttributeStruct(uniform: 4, ["ifa_prefered", "ifa_valid", "cstamp", "tstamp"])

    static let addressAttributes = AttributeSet(NetlinkTables.addressAttributes, [
        1: .inetOfFamily, 2: .inetOfFamily, 3: .string, 4: .inetOfFamily, 5: .inetOfFamily,
        6: .structure(addressCacheInfo), 7: .inetOfFamily, 8: .flags(NetlinkTables.addressFlags, size: 4),
        9: .unsigned(4), 10: .signed(4),
    ])

    // MARK: NLMSG_ERROR's extended acknowledgement

    static let errorAttributes = AttributeSet(NetlinkTables.errorAttributes, [1: .string, 2: .unsigned(4)])
}
