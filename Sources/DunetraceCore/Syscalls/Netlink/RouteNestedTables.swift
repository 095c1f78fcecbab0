// rtnetlink's nested attribute names (a link's VF info, nexthop groups, statistics...), as strace
// 6.1's xlat tables spell them; values are the kernel's uapi headers'.

extension NetlinkTables {
    static let vfInfoListAttributes = NameTable(zero: "IFLA_VF_INFO_UNSPEC", unknown: "IFLA_VF_INFO_???", [
        (0, "IFLA_VF_INFO_UNSPEC"), (1, "IFLA_VF_INFO"),
    ])
    static let vfInfoAttributes = NameTable(zero: "IFLA_VF_UNSPEC", unknown: "IFLA_VF_???", [
        (0, "IFLA_VF_UNSPEC"), (1, "IFLA_VF_MAC"), (2, "IFLA_VF_VLAN"), (3, "IFLA_VF_TX_RATE"),
        (4, "IFLA_VF_SPOOFCHK"), (5, "IFLA_VF_LINK_STATE"), (6, "IFLA_VF_RATE"), (7, "IFLA_VF_RSS_QUERY_EN"),
        (8, "IFLA_VF_STATS"), (9, "IFLA_VF_TRUST"), (10, "IFLA_VF_IB_NODE_GUID"), (11, "IFLA_VF_IB_PORT_GUID"),
        (12, "IFLA_VF_VLAN_LIST"), (13, "IFLA_VF_BROADCAST"),
    ])
    static let vfLinkStates = NameTable(zero: "IFLA_VF_LINK_STATE_AUTO", unknown: "IFLA_VF_LINK_STATE_???", [
        (0, "IFLA_VF_LINK_STATE_AUTO"), (1, "IFLA_VF_LINK_STATE_ENABLE"), (2, "IFLA_VF_LINK_STATE_DISABLE"),
    ])
    static let vfStatsAttributes = NameTable(zero: "IFLA_VF_STATS_RX_PACKETS", unknown: "IFLA_VF_STATS_???", [
        (0, "IFLA_VF_STATS_RX_PACKETS"), (1, "IFLA_VF_STATS_TX_PACKETS"), (2, "IFLA_VF_STATS_RX_BYTES"),
        (3, "IFLA_VF_STATS_TX_BYTES"), (4, "IFLA_VF_STATS_BROADCAST"), (5, "IFLA_VF_STATS_MULTICAST"),
        (6, "IFLA_VF_STATS_PAD"), (7, "IFLA_VF_STATS_RX_DROPPED"), (8, "IFLA_VF_STATS_TX_DROPPED"),
    ])
    static let vfVlanListAttributes = NameTable(zero: "IFLA_VF_VLAN_INFO_UNSPEC", unknown: "IFLA_VF_VLAN_INFO_???", [
        (0, "IFLA_VF_VLAN_INFO_UNSPEC"), (1, "IFLA_VF_VLAN_INFO"),
    ])
    static let nexthopGroupTypes = NameTable(zero: "NEXTHOP_GRP_TYPE_MPATH", unknown: "NEXTHOP_GRP_TYPE_???", [
        (0, "NEXTHOP_GRP_TYPE_MPATH"), (1, "NEXTHOP_GRP_TYPE_RES"),
    ])
    static let nexthopResilientGroupAttributes = NameTable(zero: "NHA_RES_GROUP_PAD", unknown: "NHA_RES_GROUP_???", [
        (0, "NHA_RES_GROUP_PAD"), (1, "NHA_RES_GROUP_BUCKETS"), (2, "NHA_RES_GROUP_IDLE_TIMER"),
        (3, "NHA_RES_GROUP_UNBALANCED_TIMER"), (4, "NHA_RES_GROUP_UNBALANCED_TIME"),
    ])
    static let nexthopBucketAttributes = NameTable(zero: "NHA_RES_BUCKET_PAD", unknown: "NHA_RES_BUCKET_???", [
        (0, "NHA_RES_BUCKET_PAD"), (1, "NHA_RES_BUCKET_INDEX"), (2, "NHA_RES_BUCKET_IDLE_TIME"),
        (3, "NHA_RES_BUCKET_NH_ID"),
    ])
}
