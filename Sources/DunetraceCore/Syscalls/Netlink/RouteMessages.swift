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
        guard let b = Self.bodies[type] else {
            // decode_family: the family, then the rest as bytes.
            var text = "{family=" + printer.familyName(family)
            if length > 1 { text += ", data=" + printer.hex(address &+ 1, length - 1) }
            return text + "}"
        }
        // RTM_GETNEIGH for AF_BRIDGE asks with an ifinfomsg.
        if type == 30, family == UInt8(AF_BRIDGE) { return printer.familyBody(Self.ifinfomsg, family, address, length) }
        return printer.familyBody(b, family, address, length)
    }


    /// The body of each message type (strace's route_decoders).
    static let bodies: [UInt16: FamilyBody] = {
        var bodies: [UInt16: FamilyBody] = [:]
        func add(_ body: FamilyBody, _ types: [UInt16]) { for t in types { bodies[t] = body } }
        add(ifinfomsg, [16, 17, 18, 19])
        add(ifaddrmsg, [20, 21, 22, 58, 62])
        add(rtmsg, [24, 25, 26])
        add(ndmsg, [28, 29, 30])
        add(fibRuleHeader, [32, 33, 34])
        add(tcmsg, [36, 37, 38, 40, 41, 42, 44, 45, 46, 100, 101, 102])
        add(tcamsg, [48, 49, 50])
        add(ndtmsg, [64, 66, 67])
        add(ifaddrlblmsg, [72, 73, 74])
        add(dcbmsg, [78, 79])
        add(netconfmsg, [80, 81, 82])
        add(brPortMessage, [84, 85, 86])
        add(nsidMessage, [88, 89, 90])
        add(statsMessage, [92, 94])
        add(cacheReport, [96])
        add(nhmsg, [104, 105, 106])
        return bodies
    }()


    // MARK: struct ifinfomsg

    static let ifinfomsg = FamilyBody(size: 16, familyField: "ifi_family", fields: { r, s in
        ["ifi_type=" + r.value(NetlinkTables.arpHardwareTypes, UInt64(s.u16(2))),
         "ifi_index=" + r.ifindex(s.u32(4)),
         "ifi_flags=" + r.flags(NetlinkTables.interfaceFlags, UInt64(s.u32(8))),
         "ifi_change=" + StraceText.hex(UInt64(s.u32(12)))]
    }, attributes: linkAttributes)

    /// IFLA_INET6_*: what IFLA_PROTINFO and IFLA_AF_SPEC hold for AF_INET6.
    static let inet6Attributes = AttributeSet(NetlinkTables.inet6LinkAttributes, [
        1: .flags(NetlinkTables.inet6InterfaceFlags, size: 4),
        2: .indexedArray(NetlinkTables.inet6DevconfIndices, size: 4, signed: true),
        3: .indexedArray(NetlinkTables.ipStatsIndices, size: 8, signed: false),
        5: .structure(AttributeStruct(uniform: 4, ["max_reasm_len", "tstamp", "reachable_time", "retrans_time"])),
        6: .indexedArray(NetlinkTables.icmp6StatsIndices, size: 8, signed: false),
        7: .inet6, 8: .enumeration(NetlinkTables.addressGenerationModes, size: 1), 9: .unsigned(4),
    ])

    /// struct ifla_bridge_id.
    static let bridgeId = AttributeStruct(size: 8, [
        .init(name: "prio", offset: 0, size: 2, format: .byteArray),
        .init(name: "addr", offset: 2, size: 6, format: .hardwareAddress),
    ])

    /// IFLA_BRPORT_*: IFLA_PROTINFO of AF_BRIDGE, and a bridge port's IFLA_INFO_SLAVE_DATA.
    static let bridgePortAttributes: AttributeSet = {
        var values: [UInt16: AttributeValue] = [:]
        for t: UInt16 in [1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 19, 20, 25, 27, 28, 29, 30, 32, 33, 35, 36, 39] { values[t] = .unsigned(1) }
        for t: UInt16 in [2, 15, 16, 17, 18] { values[t] = .unsigned(2) }
        for t: UInt16 in [3, 37, 38] { values[t] = .unsigned(4) }
        for t: UInt16 in [13, 14] { values[t] = .structure(bridgeId) }
        for t: UInt16 in [21, 22, 23] { values[t] = .clockTicks }
        values[31] = .hex(2)
        values[34] = .ifindex
        return AttributeSet(NetlinkTables.bridgePortAttributes, values)
    }()

    /// IFLA_LINKINFO: the kind of link, then its data and statistics by that kind (bridge,
    /// tun, can), and the same for the link's master (bridge port).
    static let linkInfoAttributes: AttributeSet = {
        let kind = 0, slaveKind = 1
        var bridge: [UInt16: AttributeValue] = [:]
        for t: UInt16 in [1, 2, 3, 4, 16, 17, 18, 19, 30, 31, 32, 33, 34, 35] { bridge[t] = .clockTicks }
        for t: UInt16 in [5, 13, 26, 27, 28, 29] { bridge[t] = .unsigned(4) }
        for t: UInt16 in [6, 12, 39] { bridge[t] = .unsigned(2) }
        for t: UInt16 in [7, 14, 15, 22, 23, 24, 25, 36, 37, 38, 41, 42, 43, 44, 45] { bridge[t] = .unsigned(1) }
        bridge[8] = .networkOrder16Named(NameTable(unknown: "ETHER_P_???", NetlinkTables.ethernetProtocols.entries.map { ($0.value, $0.name) }))
        bridge[9] = .hex(2)
        bridge[10] = .structure(bridgeId)
        bridge[11] = .structure(bridgeId)
        bridge[20] = .hardwareAddress
        bridge[46] = .structure(AttributeStruct(size: 8, [
            .init(name: "optval", offset: 0, size: 4, format: .flags(NetlinkTables.bridgeBoolOptions)),
            .init(name: "optmask", offset: 4, size: 4, format: .flags(NetlinkTables.bridgeBoolOptions)),
        ]))
        bridge[47] = .nested(AttributeSet(NetlinkTables.bridgeQuerierAttributes, [
            1: .inet4, 2: .ifindex, 3: .clockTicks, 5: .inet6, 6: .ifindex, 7: .clockTicks,
        ]))
        let tun = AttributeSet(NetlinkTables.tunInfoDataAttributes, [
            1: .uid, 2: .uid, 3: .enumeration(NetlinkTables.tunDeviceTypes, size: 1),
            4: .unsigned(1), 5: .unsigned(1), 6: .unsigned(1), 7: .unsigned(1), 8: .unsigned(4), 9: .unsigned(4),
        ])
        let canStats = AttributeStruct(uniform: 4, ["bus_error", "error_warning", "error_passive", "bus_off",
                                                    "arbitration_lost", "restarts"])
        return AttributeSet(NetlinkTables.linkInfoAttributes, [
            1: .kindName(slot: kind),
            2: .byKind(slot: kind, ["bridge": .nested(AttributeSet(NetlinkTables.bridgeInfoDataAttributes, bridge)), "tun": .nested(tun)]),
            3: .byKind(slot: kind, ["can": .structure(canStats)]),
            4: .kindName(slot: slaveKind),
            5: .byKind(slot: slaveKind, ["bridge": .nested(bridgePortAttributes)]),
        ])
    }()

    /// IFLA_AF_SPEC of a bridge: its own attributes.
    static let bridgeAfSpecAttributes: AttributeSet = {
        var vlanInfo = AttributeStruct(size: 4, [
            .init(name: "flags", offset: 0, size: 2, format: .flags(NetlinkTables.bridgeVlanFlags)),
            .init(name: "vid", offset: 2, size: 2),
        ])
        vlanInfo.trailingBytes = true
        return AttributeSet(NetlinkTables.bridgeAfSpecAttributes, [
            0: .flags(NetlinkTables.bridgeFlags, size: 2), 1: .enumeration(NetlinkTables.bridgeModes, size: 2),
            2: .structure(vlanInfo),
            3: .nested(AttributeSet(NetlinkTables.bridgeVlanTunnelAttributes, [
                1: .unsigned(4), 2: .unsigned(2), 3: .flags(NetlinkTables.bridgeVlanFlags, size: 2),
            ])),
        ])
    }()

    /// IFLA_AF_SPEC of other families: an attribute per address family (its type), holding
    /// that family's attributes.
    static let afSpecAttributes = AttributeSet(FlagTables.addressFamily, [
        UInt16(AF_INET): .nested(AttributeSet(NetlinkTables.inetAfSpecAttributes, [
            1: .indexedArray(NetlinkTables.inetDevconfIndices, size: 4, signed: true),
        ])),
        UInt16(AF_INET6): .nested(inet6Attributes),
        45: .nested(AttributeSet(NetlinkTables.mctpAfSpecAttributes, [1: .unsigned(4)])),   // AF_MCTP
    ])

    /// IFLA_VFINFO_LIST: IFLA_VF_INFO of each virtual function.
    static let vfInfoListAttributes = AttributeSet(NetlinkTables.vfInfoListAttributes, [1: .nested(vfInfoAttributes)])

    static let vfInfoAttributes: AttributeSet = {
        func vf(_ size: Int, _ rest: [AttributeStruct.Member]) -> AttributeValue {
            .structure(AttributeStruct(size: size, [.init(name: "vf", offset: 0, size: 4)] + rest))
        }
        let u32 = { (name: String, offset: Int) in AttributeStruct.Member(name: name, offset: offset, size: 4) }
        let setting = vf(8, [u32("setting", 4)])
        let guid = AttributeValue.structureOfSize([
            12: AttributeStruct(size: 12, [u32("vf", 0), .init(name: "guid", offset: 4, size: 8, hex: true)]),
            16: AttributeStruct(size: 16, [u32("vf", 0), .init(name: "guid", offset: 8, size: 8, hex: true)]),
        ])
        var stats: [UInt16: AttributeValue] = [:]
        for t: UInt16 in [0, 1, 2, 3, 4, 5, 7, 8] { stats[t] = .unsigned(8) }
        return AttributeSet(NetlinkTables.vfInfoAttributes, [
            1: vf(36, [.init(name: "mac", offset: 4, size: 32, format: .hardwareAddress)]),
            2: vf(12, [u32("vlan", 4), u32("qos", 8)]),
            3: vf(8, [u32("rate", 4)]),
            4: setting,
            5: vf(8, [.init(name: "link_state", offset: 4, size: 4, format: .named(NetlinkTables.vfLinkStates))]),
            6: vf(12, [u32("min_tx_rate", 4), u32("max_tx_rate", 8)]),
            7: setting,
            8: .nested(AttributeSet(NetlinkTables.vfStatsAttributes, stats)),
            9: setting, 10: guid, 11: guid,
            12: .nested(AttributeSet(NetlinkTables.vfVlanListAttributes, [
                1: vf(16, [u32("vlan", 4), u32("qos", 8),
                           .init(name: "vlan_proto", offset: 12, size: 2, format: .networkOrderNamed(NetlinkTables.ethernetProtocols))]),
            ])),
            13: .structure(AttributeStruct(size: 32, [.init(name: "broadcast", offset: 0, size: 32, format: .hardwareAddress)])),
        ])
    }()

    static let linkPortAttributes = AttributeSet(NetlinkTables.linkPortAttributes, [
        1: .unsigned(4), 2: .string,
        3: .structure(AttributeStruct(size: 8, [
            .init(name: "vsi_mgr_id", offset: 0, size: 1), .init(name: "vsi_type_id", offset: 1, size: 3, bytes: true),
            .init(name: "vsi_type_version", offset: 4, size: 1),
            .init(name: "pad", offset: 5, size: 3, bytes: true, omittedWhenZero: true),
        ])),
        6: .unsigned(1), 7: .unsigned(2),
    ])

    static let linkStats = AttributeStruct(uniform: 4, shorter: [92], statsNames)
    static let linkStats64 = AttributeStruct(uniform: 8, shorter: [184, 192], statsNames + ["rx_otherhost_dropped"])
    static let statsNames = [
        "rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors", "rx_dropped", "tx_dropped",
        "multicast", "collisions", "rx_length_errors", "rx_over_errors", "rx_crc_errors", "rx_frame_errors",
        "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors", "tx_carrier_errors", "tx_fifo_errors",
        "tx_heartbeat_errors", "tx_window_errors", "rx_compressed", "tx_compressed", "rx_nohandler",
    ]
    /// offsetofend(struct rtnl_link_ifmap, port): the padding after it is not needed.
    static let linkMap = AttributeStruct(size: 28, [
        .init(name: "mem_start", offset: 0, size: 8, hex: true), .init(name: "mem_end", offset: 8, size: 8, hex: true),
        .init(name: "base_addr", offset: 16, size: 8, hex: true), .init(name: "irq", offset: 24, size: 2),
        .init(name: "dma", offset: 26, size: 1), .init(name: "port", offset: 27, size: 1),
    ])

    static let linkAttributes = AttributeSet(NetlinkTables.linkAttributes, [
        1: .hardwareAddress, 2: .hardwareAddress, 3: .string, 4: .unsigned(4), 5: .unsigned(4), 6: .string,
        7: .structure(linkStats), 10: .unsigned(4),
        12: .byFamily([UInt8(AF_BRIDGE): bridgePortAttributes, UInt8(AF_INET6): inet6Attributes]),
        13: .unsigned(4), 14: .structure(linkMap), 15: .unsigned(4),
        16: .unsigned(1), 17: .unsigned(1),
        18: .nested(linkInfoAttributes),
        19: .unsigned(4), 20: .string, 21: .unsigned(4), 22: .nested(vfInfoListAttributes),
        23: .structure(linkStats64),
        24: .nested(AttributeSet(NetlinkTables.linkVfPortAttributes, [1: .nested(linkPortAttributes)])),
        25: .nested(linkPortAttributes), 26: .byFamily([UInt8(AF_BRIDGE): bridgeAfSpecAttributes], otherwise: afSpecAttributes),
        27: .unsigned(4), 28: .fd,
        29: .flags(NetlinkTables.linkExtFilterFlags, size: 4),
        30: .unsigned(4), 31: .unsigned(4), 32: .unsigned(4), 33: .unsigned(1), 35: .unsigned(4),
        37: .signed(4), 38: .string, 39: .unsigned(1), 40: .unsigned(4), 41: .unsigned(4),
        43: .nested(AttributeSet(NetlinkTables.linkXdpAttributes, [
            1: .fd, 2: .enumeration(NetlinkTables.xdpAttachedModes, size: 1), 3: .flags(NetlinkTables.xdpFlags, size: 4),
            4: .unsigned(4), 5: .unsigned(4), 6: .unsigned(4), 7: .unsigned(4), 8: .fd,
        ])),
        45: .signed(4), 46: .signed(4), 47: .unsigned(4), 48: .unsigned(4), 49: .ifindex,
        44: .named(NetlinkTables.linkEvents, size: 4),
        50: .unsigned(4), 51: .unsigned(4), 52: .nested(AttributeSet(NetlinkTables.linkAttributes, [53: .string])),
        53: .string, 54: .hardwareAddress,
        55: .nested(AttributeSet(NetlinkTables.protoDownReasonAttributes, [1: .hex(4), 2: .hex(4)])), 56: .string, 57: .string,
        58: .unsigned(4), 59: .unsigned(4), 60: .unsigned(4), 61: .unsigned(4),
    ])

    // MARK: struct ifaddrmsg

    static let ifaddrmsg = FamilyBody(size: 8, familyField: "ifa_family", fields: { r, s in
        ["ifa_prefixlen=\(s.u8(1))",
         "ifa_flags=" + r.flags(NetlinkTables.addressFlags, UInt64(s.u8(2))),
         "ifa_scope=" + r.value(NetlinkTables.routingScopes, UInt64(s.u8(3))),
         "ifa_index=" + r.ifindex(s.u32(4))]
    }, attributes: addressAttributes)

    static let addressCacheInfo = AttributeStruct(uniform: 4, ["ifa_prefered", "ifa_valid", "cstamp", "tstamp"])

    static let addressAttributes = AttributeSet(NetlinkTables.addressAttributes, [
        1: .inetOfFamily, 2: .inetOfFamily, 3: .string, 4: .inetOfFamily, 5: .inetOfFamily,
        6: .structure(addressCacheInfo), 7: .inetOfFamily, 8: .flags(NetlinkTables.addressFlags, size: 4),
        9: .unsigned(4), 10: .signed(4),
    ])

    // MARK: the other bodies

    static let rtmsg = FamilyBody(size: 12, familyField: "rtm_family", fields: { r, s in
        ["rtm_dst_len=\(s.u8(1))", "rtm_src_len=\(s.u8(2))",
         "rtm_tos=" + r.flags(NetlinkTables.typesOfService, UInt64(s.u8(3))),
         "rtm_table=" + r.value(NetlinkTables.routingTables, UInt64(s.u8(4))),
         "rtm_protocol=" + r.value(NetlinkTables.routingProtocols, UInt64(s.u8(5))),
         "rtm_scope=" + r.value(NetlinkTables.routingScopes, UInt64(s.u8(6))),
         "rtm_type=" + r.value(NetlinkTables.routingTypes, UInt64(s.u8(7))),
         "rtm_flags=" + r.flags(NetlinkTables.routingFlags, UInt64(s.u32(8)))]
    }, attributes: routeAttributes)

    static let routeAttributes = AttributeSet(NetlinkTables.routeAttributes, [
        1: .inetOfFamily, 2: .inetOfFamily, 3: .ifindex, 4: .ifindex, 5: .inetOfFamily, 6: .unsigned(4),
        7: .inetOfFamily, 8: .nested(AttributeSet(NetlinkTables.routeMetricsAttributes,
                                                   Dictionary(uniqueKeysWithValues: (1...16).map { (UInt16($0), $0 == 16 ? AttributeValue.string : .unsigned(4)) }))),
        9: .routeMultipath, 10: .unsigned(4), 11: .unsigned(4),
        12: .structure(AttributeStruct(size: 32, [
            .init(name: "rta_clntref", offset: 0, size: 4), .init(name: "rta_lastuse", offset: 4, size: 4),
            .init(name: "rta_expires", offset: 8, size: 4), .init(name: "rta_error", offset: 12, size: 4),
            .init(name: "rta_used", offset: 16, size: 4), .init(name: "rta_id", offset: 20, size: 4, hex: true),
            .init(name: "rta_ts", offset: 24, size: 4), .init(name: "rta_tsage", offset: 28, size: 4),
        ])),
        14: .unsigned(4), 15: .named(NetlinkTables.routingTables, size: 4),
        16: .unsigned(4), 17: .structure(AttributeStruct(uniform: 8, ["mfcs_packets", "mfcs_bytes", "mfcs_wrong_if"])),
        18: .routeVia, 19: .inetOfFamily, 20: .unsigned(1), 21: .named(NetlinkTables.lwtunnelEncapTypes, size: 2),
        23: .unsigned(8), 25: .unsigned(4), 26: .unsigned(1), 27: .unsigned(1), 28: .unsigned(2), 29: .unsigned(2),
    ])

    static let ndmsg = FamilyBody(size: 12, familyField: "ndm_family", fields: { r, s in
        ["ndm_ifindex=" + r.ifindex(s.u32(4)),
         "ndm_state=" + r.flags(NetlinkTables.neighborStates, UInt64(s.u16(8))),
         "ndm_flags=" + r.flags(NetlinkTables.neighborFlags, UInt64(s.u8(10))),
         "ndm_type=" + r.value(NetlinkTables.routingTypes, UInt64(s.u8(11)))]
    }, attributes: AttributeSet(NetlinkTables.neighborAttributes, [
        1: .inetOfFamily, 2: .hardwareAddress,
        3: .structure(AttributeStruct(uniform: 4, ["ndm_confirmed", "ndm_used", "ndm_updated", "ndm_refcnt"])),
        4: .unsigned(4), 5: .unsigned(2), 6: .bigEndian16, 7: .unsigned(4), 8: .ifindex, 9: .ifindex,
        10: .unsigned(4), 11: .unsigned(4), 12: .enumeration(FlagTables.ipProtocol, size: 0), 13: .unsigned(4),
        14: .nested(AttributeSet(NetlinkTables.fdbExtendedAttributes, [1: .flags(NetlinkTables.fdbNotifyFlags, size: 1)])),
        15: .flags(NetlinkTables.neighborExtendedFlags, size: 4), 16: .flags(NetlinkTables.neighborStates, size: 2),
        17: .flags(NetlinkTables.neighborFlags, size: 1),
    ]))

    static let fibRuleHeader = FamilyBody(size: 12, familyField: "family", fields: { r, s in
        ["dst_len=\(s.u8(1))", "src_len=\(s.u8(2))",
         "tos=" + r.flags(NetlinkTables.typesOfService, UInt64(s.u8(3))),
         "table=" + r.value(NameTable(unknown: "RT_TABLE_???", NetlinkTables.routingTables.entries.map { ($0.value, $0.name) }), UInt64(s.u8(4))),
         "action=" + r.value(NetlinkTables.ruleActions, UInt64(s.u8(7))),
         "flags=" + r.flags(NetlinkTables.ruleFlags, UInt64(s.u32(8)))]
    }, attributes: AttributeSet(NetlinkTables.ruleAttributes, [
        1: .inetOfFamily, 2: .inetOfFamily, 3: .string, 4: .unsigned(4), 6: .unsigned(4), 10: .unsigned(4),
        11: .unsigned(4), 12: .bigEndian64, 13: .unsigned(4), 14: .unsigned(4),
        15: .named(NameTable(unknown: "RT_TABLE_???", NetlinkTables.routingTables.entries.map { ($0.value, $0.name) }), size: 4),
        16: .unsigned(4), 17: .string, 19: .unsigned(1),
        20: .structure(AttributeStruct(uniform: 4, ["start", "end"])), 21: .named(NetlinkTables.routingProtocols, size: 1),
        22: .enumeration(FlagTables.ipProtocol, size: 0),
        23: .structure(AttributeStruct(uniform: 2, ["start", "end"])), 24: .structure(AttributeStruct(uniform: 2, ["start", "end"])),
    ]))

    static let tcmsg = FamilyBody(size: 20, familyField: "tcm_family", fields: { r, s in
        ["tcm_ifindex=" + r.ifindex(s.u32(4)), "tcm_handle=\(s.u32(8))", "tcm_parent=\(s.u32(12))", "tcm_info=\(s.u32(16))"]
    }, attributes: AttributeSet(NetlinkTables.tcAttributes, [
        1: .string,
        // offsetofend(struct tc_stats, backlog)
        3: .structure(AttributeStruct(size: 36, [
            .init(name: "bytes", offset: 0, size: 8), .init(name: "packets", offset: 8, size: 4),
            .init(name: "drops", offset: 12, size: 4), .init(name: "overlimits", offset: 16, size: 4),
            .init(name: "bps", offset: 20, size: 4), .init(name: "pps", offset: 24, size: 4),
            .init(name: "qlen", offset: 28, size: 4), .init(name: "backlog", offset: 32, size: 4),
        ])),
        5: .structure(AttributeStruct(size: 2, [.init(name: "interval", offset: 0, size: 1, signed: true),
                                                .init(name: "ewma_log", offset: 1, size: 1)])),
        6: .unsigned(4), 7: .nested(tcStats),
        8: .nested(AttributeSet(NetlinkTables.tcStabAttributes, [
            1: .structure(AttributeStruct(size: 24, [
                .init(name: "cell_log", offset: 0, size: 1), .init(name: "size_log", offset: 1, size: 1),
                .init(name: "cell_align", offset: 2, size: 2, signed: true), .init(name: "overhead", offset: 4, size: 4, signed: true),
                .init(name: "linklayer", offset: 8, size: 4), .init(name: "mpu", offset: 12, size: 4),
                .init(name: "mtu", offset: 16, size: 4), .init(name: "tsize", offset: 20, size: 4),
            ])),
            2: .u16Array,
        ])),
        11: .unsigned(4), 12: .unsigned(1), 13: .unsigned(4), 14: .unsigned(4),
        15: .unsigned(4),
    ]))

    /// TCA_STATS2, TCA_ACT_STATS: struct gnet_stats_* by type.
    static let tcStats: AttributeSet = {
        // offsetofend(struct gnet_stats_basic, packets)
        let basic = AttributeStruct(size: 12, [.init(name: "bytes", offset: 0, size: 8), .init(name: "packets", offset: 8, size: 4)])
        return AttributeSet(NetlinkTables.tcStatsAttributes, [
            1: .structure(basic), 2: .structure(AttributeStruct(uniform: 4, ["bps", "pps"])),
            3: .structure(AttributeStruct(uniform: 4, ["qlen", "backlog", "drops", "requeues", "overlimits"])),
            5: .structure(AttributeStruct(uniform: 8, ["bps", "pps"])), 7: .structure(basic), 8: .unsigned(8),
        ])
    }()

    static let tcamsg = FamilyBody(size: 4, familyField: "tca_family", fields: nil,
                             attributes: AttributeSet(NetlinkTables.tcActionAttributes, [
                                 1: .string, 3: .unsigned(4), 4: .nested(tcStats), 7: .flags(NetlinkTables.tcActionFlags, size: 4),
                                 8: .flags(NetlinkTables.tcActionHardwareStats, size: 4),
                                 9: .flags(NetlinkTables.tcActionHardwareStats, size: 4), 10: .unsigned(4),
                             ]))
    static let ndtmsg = FamilyBody(size: 4, familyField: "ndtm_family", fields: nil,
                             attributes: AttributeSet(NetlinkTables.neighborTableAttributes, [
        1: .string, 2: .unsigned(4), 3: .unsigned(4), 4: .unsigned(4),
        5: .structure(AttributeStruct(size: 32, [
            .init(name: "ndtc_key_len", offset: 0, size: 2), .init(name: "ndtc_entry_size", offset: 2, size: 2),
            .init(name: "ndtc_entries", offset: 4, size: 4), .init(name: "ndtc_last_flush", offset: 8, size: 4),
            .init(name: "ndtc_last_rand", offset: 12, size: 4), .init(name: "ndtc_hash_rnd", offset: 16, size: 4),
            .init(name: "ndtc_hash_mask", offset: 20, size: 4, format: .zeroPaddedHex),
            .init(name: "ndtc_hash_chain_gc", offset: 24, size: 4), .init(name: "ndtc_proxy_qlen", offset: 28, size: 4),
        ])),
        6: .nested(AttributeSet(NetlinkTables.neighborTableParameterAttributes, [
            1: .ifindex, 2: .unsigned(4), 3: .unsigned(8), 4: .unsigned(8), 5: .unsigned(8), 6: .unsigned(8),
            7: .unsigned(8), 8: .unsigned(4), 9: .unsigned(4), 10: .unsigned(4), 11: .unsigned(4), 12: .unsigned(8),
            13: .unsigned(8), 14: .unsigned(4), 15: .unsigned(8), 16: .unsigned(4), 17: .unsigned(4), 19: .unsigned(8),
        ])),
        7: .structure(AttributeStruct(uniform: 8, shorter: [80], [
            "ndts_allocs", "ndts_destroys", "ndts_hash_grows", "ndts_res_failed", "ndts_lookups", "ndts_hits",
            "ndts_rcv_probes_mcast", "ndts_rcv_probes_ucast", "ndts_periodic_gc_runs", "ndts_forced_gc_runs",
            "ndts_table_fulls",
        ])),
        8: .unsigned(8),
    ]))
    static let netconfmsg = FamilyBody(size: 1, familyField: "ncm_family", fields: nil,
                                 attributes: AttributeSet(NetlinkTables.netconfAttributes, [
        1: .ifindex, 2: .signed(4), 3: .signed(4), 4: .signed(4), 5: .signed(4), 6: .signed(4), 7: .signed(4), 8: .signed(4),
    ]))
    static let nsidMessage = FamilyBody(size: 1, familyField: "rtgen_family", fields: nil,
                                  attributes: AttributeSet(NetlinkTables.nsidAttributes, [
        1: .signed(4), 2: .unsigned(4), 3: .fd, 4: .signed(4), 5: .signed(4),
    ]))

    static let ifaddrlblmsg = FamilyBody(size: 12, familyField: "ifal_family", fields: { r, s in
        ["ifal_prefixlen=\(s.u8(2))", "ifal_flags=\(s.u8(3))", "ifal_index=" + r.ifindex(s.u32(4)), "ifal_seq=\(s.u32(8))"]
    }, attributes: AttributeSet(NetlinkTables.addressLabelAttributes, [1: .inetOfFamily, 2: .unsigned(4)]))

    static let dcbmsg = FamilyBody(size: 4, familyField: "dcb_family", fields: { r, s in
        ["cmd=" + r.value(NetlinkTables.dcbCommands, UInt64(s.u8(1)))]
    }, attributes: AttributeSet(NetlinkTables.dcbAttributes, [:]))

    static let brPortMessage = FamilyBody(size: 8, familyField: "family", fields: { r, s in
        ["ifindex=" + r.ifindex(s.u32(4))]
    }, attributes: AttributeSet(NetlinkTables.mdbAttributes, [
        1: .nested(AttributeSet(NetlinkTables.mdbaMdbAttributes, [
            1: .nested(AttributeSet(NetlinkTables.mdbaEntryAttributes, [
                1: .headed(.mdbEntry, size: 28, AttributeSet(NetlinkTables.mdbaEntryExtraAttributes, [1: .clockTicks])),
            ])),
        ])),
        2: .nested(AttributeSet(NetlinkTables.mdbaRouterAttributes, [
            1: .headed(.ifindex, size: 4, AttributeSet(NetlinkTables.mdbaRouterPortAttributes, [
                1: .clockTicks, 2: .byteNamed(NetlinkTables.multicastRouterTypes), 3: .clockTicks, 4: .clockTicks,
            ])),
        ])),
    ]))

    static let statsMessage = FamilyBody(size: 12, familyField: "family", fields: { r, s in
        var fields: [String] = []
        if s.u8(1) != 0 { fields.append("pad1=" + StraceText.hex(UInt64(s.u8(1)))) }
        if s.u16(2) != 0 { fields.append("pad2=" + StraceText.hex(UInt64(s.u16(2)))) }
        return fields + ["ifindex=" + r.ifindex(s.u32(4)),
                         "filter_mask=" + r.flags(NetlinkTables.statsAttributeFlags, UInt64(s.u32(8)))]
    }, attributes: statsAttributes)

    static let statsAttributes: AttributeSet = {
        func trailing(_ s: AttributeStruct) -> AttributeValue {
            var s = s
            s.trailingBytes = true
            return .structure(s)
        }
        let u64 = { (name: String, offset: Int) in AttributeStruct.Member(name: name, offset: offset, size: 8) }
        let directions = { (name: String, offset: Int) in
            AttributeStruct.Member(name: name, offset: offset, size: 16, format: .indexedArray(NetlinkTables.bridgeMcastDirections, element: 8))
        }
        let bridge = AttributeSet(NetlinkTables.bridgeXstatsAttributes, [
            1: trailing(AttributeStruct(size: 40, [
                u64("rx_bytes", 0), u64("rx_packets", 8), u64("tx_bytes", 16), u64("tx_packets", 24),
                .init(name: "vid", offset: 32, size: 2),
                .init(name: "flags", offset: 34, size: 2, format: .flags(NetlinkTables.bridgeVlanFlags)),
                .init(name: "pad2", offset: 36, size: 4, hex: true, omittedWhenZero: true),
            ])),
            2: trailing(AttributeStruct(size: 240, [
                directions("igmp_v1queries", 0), directions("igmp_v2queries", 16), directions("igmp_v3queries", 32),
                directions("igmp_leaves", 48), directions("igmp_v1reports", 64), directions("igmp_v2reports", 80),
                directions("igmp_v3reports", 96), u64("igmp_parse_errors", 112),
                directions("mld_v1queries", 120), directions("mld_v2queries", 136), directions("mld_leaves", 152),
                directions("mld_v1reports", 168), directions("mld_v2reports", 184), u64("mld_parse_errors", 200),
                directions("mcast_bytes", 208), directions("mcast_packets", 224),
            ])),
            4: trailing(AttributeStruct(uniform: 8, ["transition_blk", "transition_fwd", "rx_bpdu", "tx_bpdu", "rx_tcn", "tx_tcn"])),
        ])
        var bond3ad: [UInt16: AttributeValue] = [:]
        for t: UInt16 in 0...8 { bond3ad[t] = .unsigned(8) }
        let bond = AttributeSet(NetlinkTables.bondXstatsAttributes, [1: .nested(AttributeSet(NetlinkTables.bond3adStatsAttributes, bond3ad))])
        let xstats = AttributeValue.nested(AttributeSet(NetlinkTables.linkXstatsTypes, [1: .nested(bridge), 2: .nested(bond)]))
        let mpls = AttributeSet(NetlinkTables.mplsStatsAttributes, [
            1: trailing(AttributeStruct(uniform: 8, ["rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors",
                                                    "tx_errors", "rx_dropped", "tx_dropped", "rx_noroute"])),
        ])
        return AttributeSet(NetlinkTables.statsAttributes, [
            1: .structure(linkStats64), 2: xstats, 3: xstats,
            4: .nested(AttributeSet(NetlinkTables.offloadXstatsAttributes, [1: .structure(linkStats64)])),
            // Each attribute's type is an address family, whose attributes it holds.
            5: .nested(AttributeSet(FlagTables.addressFamily, [UInt16(AF_MPLS): .nested(mpls)])),
        ])
    }()

    static let nhmsg = FamilyBody(size: 8, familyField: "nh_family", fields: { r, s in
        var fields = ["nh_scope=" + r.value(NetlinkTables.routingScopes, UInt64(s.u8(1))),
                      "nh_protocol=" + r.value(NetlinkTables.routingProtocols, UInt64(s.u8(2)))]
        if s.u8(3) != 0 { fields.append("resvd=" + StraceText.hex(UInt64(s.u8(3)))) }
        return fields + ["nh_flags=" + r.flags(NetlinkTables.nexthopFlags, UInt64(s.u32(4)))]
    }, attributes: AttributeSet(NetlinkTables.nexthopAttributes, [
        1: .unsigned(4),
        2: .structArray(AttributeStruct(size: 8, [
            .init(name: "id", offset: 0, size: 4), .init(name: "weight", offset: 4, size: 1),
            .init(name: "resvd1", offset: 5, size: 1, hex: true, omittedWhenZero: true),
            .init(name: "resvd2", offset: 6, size: 2, hex: true, omittedWhenZero: true),
        ])),
        3: .enumeration(NetlinkTables.nexthopGroupTypes, size: 2),
        4: .unsigned(4), 5: .ifindex, 6: .inetOfFamily, 7: .named(NetlinkTables.lwtunnelEncapTypes, size: 2),
        9: .unsigned(4), 10: .ifindex, 11: .unsigned(4),
        12: .nested(AttributeSet(NetlinkTables.nexthopResilientGroupAttributes, [
            1: .unsigned(2), 2: .clockTicks, 3: .clockTicks, 4: .clockTicks,
        ])),
        13: .nested(AttributeSet(NetlinkTables.nexthopBucketAttributes, [1: .unsigned(2), 2: .clockTicks, 3: .unsigned(4)])),
    ]))

    /// A cache report's family is RTNL_FAMILY_IPMR/IP6MR, whose attributes it carries.
    static let cacheReport = FamilyBody(size: 1, familyField: "rtgen_family", family: { r, family in
        let names = NameTable(unknown: "RTNL_FAMILY_???", (NetlinkTables.rtnlFamilies.entries + FlagTables.addressFamily.entries).map { ($0.value, $0.name) })
        return r.value(names, UInt64(family))
    }, attributesByFamily: { family in
        switch family {
        case 128: return AttributeSet(NetlinkTables.ipmrCacheReportAttributes, [
            1: .enumeration(NetlinkTables.ipmrMessageTypes, size: 1), 2: .unsigned(4), 3: .inet4, 4: .inet4, 6: .unsigned(4),
        ])
        case 129: return AttributeSet(NetlinkTables.ip6mrCacheReportAttributes, [
            1: .enumeration(NetlinkTables.ip6mrMessageTypes, size: 1), 2: .unsigned(4), 3: .inet6, 4: .inet6,
        ])
        default: return nil
        }
    })

    // MARK: NLMSG_ERROR's extended acknowledgement

    static let errorAttributes = AttributeSet(NetlinkTables.errorAttributes, [1: .string, 2: .unsigned(4), 3: .u8Array])
}
