// Netlink's nested attribute names (rtnetlink's link, nexthop, statistics and MDB sets, sock_diag's
// ULP, BPF storage...), as strace 6.1's xlat tables spell them; values are the kernel's uapi headers'.

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
    static let linkXstatsTypes = NameTable(zero: "LINK_XSTATS_TYPE_UNSPEC", unknown: "LINK_XSTATS_TYPE_???", [
        (0, "LINK_XSTATS_TYPE_UNSPEC"), (1, "LINK_XSTATS_TYPE_BRIDGE"), (2, "LINK_XSTATS_TYPE_BOND"),
    ])
    static let bridgeXstatsAttributes = NameTable(zero: "BRIDGE_XSTATS_UNSPEC", unknown: "BRIDGE_XSTATS_???", [
        (0, "BRIDGE_XSTATS_UNSPEC"), (1, "BRIDGE_XSTATS_VLAN"), (2, "BRIDGE_XSTATS_MCAST"),
        (3, "BRIDGE_XSTATS_PAD"), (4, "BRIDGE_XSTATS_STP"),
    ])
    static let bridgeMcastDirections = NameTable(zero: "BR_MCAST_DIR_RX", unknown: "BR_MCAST_DIR_???", [
        (0, "BR_MCAST_DIR_RX"), (1, "BR_MCAST_DIR_TX"),
    ])
    static let bondXstatsAttributes = NameTable(zero: "BOND_XSTATS_UNSPEC", unknown: "BOND_XSTATS_???", [
        (0, "BOND_XSTATS_UNSPEC"), (1, "BOND_XSTATS_3AD"),
    ])
    static let bond3adStatsAttributes = NameTable(zero: "BOND_3AD_STAT_LACPDU_RX", unknown: "BOND_XSTATS_???", [
        (0, "BOND_3AD_STAT_LACPDU_RX"), (1, "BOND_3AD_STAT_LACPDU_TX"), (2, "BOND_3AD_STAT_LACPDU_UNKNOWN_RX"),
        (3, "BOND_3AD_STAT_LACPDU_ILLEGAL_RX"), (4, "BOND_3AD_STAT_MARKER_RX"), (5, "BOND_3AD_STAT_MARKER_TX"),
        (6, "BOND_3AD_STAT_MARKER_RESP_RX"), (7, "BOND_3AD_STAT_MARKER_RESP_TX"),
        (8, "BOND_3AD_STAT_MARKER_UNKNOWN_RX"), (9, "BOND_3AD_STAT_PAD"),
    ])
    static let offloadXstatsAttributes = NameTable(zero: "IFLA_OFFLOAD_XSTATS_UNSPEC", unknown: "IFLA_OFFLOAD_XSTATS_???", [
        (0, "IFLA_OFFLOAD_XSTATS_UNSPEC"), (1, "IFLA_OFFLOAD_XSTATS_CPU_HIT"),
    ])
    static let mplsStatsAttributes = NameTable(zero: "MPLS_STATS_UNSPEC", unknown: "MPLS_STATS_???", [
        (0, "MPLS_STATS_UNSPEC"), (1, "MPLS_STATS_LINK"),
    ])
    static let bridgeVlanFlags = NameTable(unknown: "BRIDGE_VLAN_INFO_???", [
        (1, "BRIDGE_VLAN_INFO_MASTER"), (2, "BRIDGE_VLAN_INFO_PVID"), (4, "BRIDGE_VLAN_INFO_UNTAGGED"),
        (8, "BRIDGE_VLAN_INFO_RANGE_BEGIN"), (16, "BRIDGE_VLAN_INFO_RANGE_END"), (32, "BRIDGE_VLAN_INFO_BRENTRY"),
        (64, "BRIDGE_VLAN_INFO_ONLY_OPTS"),
    ])
    static let bridgeAfSpecAttributes = NameTable(zero: "IFLA_BRIDGE_FLAGS", unknown: "IFLA_BRIDGE_???", [
        (0, "IFLA_BRIDGE_FLAGS"), (1, "IFLA_BRIDGE_MODE"), (2, "IFLA_BRIDGE_VLAN_INFO"),
        (3, "IFLA_BRIDGE_VLAN_TUNNEL_INFO"), (4, "IFLA_BRIDGE_MRP"), (5, "IFLA_BRIDGE_CFM"), (6, "IFLA_BRIDGE_MST"),
    ])
    static let bridgeFlags = NameTable(unknown: "BRIDGE_FLAGS_???", [
        (1, "BRIDGE_FLAGS_MASTER"), (2, "BRIDGE_FLAGS_SELF"),
    ])
    static let bridgeModes = NameTable(zero: "BRIDGE_MODE_VEB", unknown: "BRIDGE_MODE_???", [
        (0, "BRIDGE_MODE_VEB"), (1, "BRIDGE_MODE_VEPA"), (0xffff, "BRIDGE_MODE_UNDEF"),
    ])
    static let bridgeVlanTunnelAttributes = NameTable(zero: "IFLA_BRIDGE_VLAN_TUNNEL_UNSPEC", unknown: "IFLA_BRIDGE_VLAN_TUNNEL_???", [
        (0, "IFLA_BRIDGE_VLAN_TUNNEL_UNSPEC"), (1, "IFLA_BRIDGE_VLAN_TUNNEL_ID"),
        (2, "IFLA_BRIDGE_VLAN_TUNNEL_VID"), (3, "IFLA_BRIDGE_VLAN_TUNNEL_FLAGS"),
    ])
    static let inetAfSpecAttributes = NameTable(zero: "IFLA_INET_UNSPEC", unknown: "IFLA_INET_???", [
        (0, "IFLA_INET_UNSPEC"), (1, "IFLA_INET_CONF"),
    ])
    static let inetDevconfIndices = NameTable(unknown: "IPV4_DEVCONF_???", [
        (0, "IPV4_DEVCONF_FORWARDING-1"), (1, "IPV4_DEVCONF_MC_FORWARDING-1"), (2, "IPV4_DEVCONF_PROXY_ARP-1"),
        (3, "IPV4_DEVCONF_ACCEPT_REDIRECTS-1"), (4, "IPV4_DEVCONF_SECURE_REDIRECTS-1"),
        (5, "IPV4_DEVCONF_SEND_REDIRECTS-1"), (6, "IPV4_DEVCONF_SHARED_MEDIA-1"), (7, "IPV4_DEVCONF_RP_FILTER-1"),
        (8, "IPV4_DEVCONF_ACCEPT_SOURCE_ROUTE-1"), (9, "IPV4_DEVCONF_BOOTP_RELAY-1"),
        (10, "IPV4_DEVCONF_LOG_MARTIANS-1"), (11, "IPV4_DEVCONF_TAG-1"), (12, "IPV4_DEVCONF_ARPFILTER-1"),
        (13, "IPV4_DEVCONF_MEDIUM_ID-1"), (14, "IPV4_DEVCONF_NOXFRM-1"), (15, "IPV4_DEVCONF_NOPOLICY-1"),
        (16, "IPV4_DEVCONF_FORCE_IGMP_VERSION-1"), (17, "IPV4_DEVCONF_ARP_ANNOUNCE-1"),
        (18, "IPV4_DEVCONF_ARP_IGNORE-1"), (19, "IPV4_DEVCONF_PROMOTE_SECONDARIES-1"),
        (20, "IPV4_DEVCONF_ARP_ACCEPT-1"), (21, "IPV4_DEVCONF_ARP_NOTIFY-1"), (22, "IPV4_DEVCONF_ACCEPT_LOCAL-1"),
        (23, "IPV4_DEVCONF_SRC_VMARK-1"), (24, "IPV4_DEVCONF_PROXY_ARP_PVLAN-1"),
        (25, "IPV4_DEVCONF_ROUTE_LOCALNET-1"), (26, "IPV4_DEVCONF_IGMPV2_UNSOLICITED_REPORT_INTERVAL-1"),
        (27, "IPV4_DEVCONF_IGMPV3_UNSOLICITED_REPORT_INTERVAL-1"),
        (28, "IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN-1"), (29, "IPV4_DEVCONF_DROP_UNICAST_IN_L2_MULTICAST-1"),
        (30, "IPV4_DEVCONF_DROP_GRATUITOUS_ARP-1"), (31, "IPV4_DEVCONF_BC_FORWARDING-1"),
        (32, "IPV4_DEVCONF_ARP_EVICT_NOCARRIER-1"),
    ])
    static let mctpAfSpecAttributes = NameTable(zero: "IFLA_MCTP_UNSPEC", unknown: "IFLA_MCTP_???", [
        (0, "IFLA_MCTP_UNSPEC"), (1, "IFLA_MCTP_NET"),
    ])
    static let bridgeInfoDataAttributes = NameTable(zero: "IFLA_BR_UNSPEC", unknown: "IFLA_BR_???", [
        (0, "IFLA_BR_UNSPEC"), (1, "IFLA_BR_FORWARD_DELAY"), (2, "IFLA_BR_HELLO_TIME"), (3, "IFLA_BR_MAX_AGE"),
        (4, "IFLA_BR_AGEING_TIME"), (5, "IFLA_BR_STP_STATE"), (6, "IFLA_BR_PRIORITY"),
        (7, "IFLA_BR_VLAN_FILTERING"), (8, "IFLA_BR_VLAN_PROTOCOL"), (9, "IFLA_BR_GROUP_FWD_MASK"),
        (10, "IFLA_BR_ROOT_ID"), (11, "IFLA_BR_BRIDGE_ID"), (12, "IFLA_BR_ROOT_PORT"),
        (13, "IFLA_BR_ROOT_PATH_COST"), (14, "IFLA_BR_TOPOLOGY_CHANGE"), (15, "IFLA_BR_TOPOLOGY_CHANGE_DETECTED"),
        (16, "IFLA_BR_HELLO_TIMER"), (17, "IFLA_BR_TCN_TIMER"), (18, "IFLA_BR_TOPOLOGY_CHANGE_TIMER"),
        (19, "IFLA_BR_GC_TIMER"), (20, "IFLA_BR_GROUP_ADDR"), (21, "IFLA_BR_FDB_FLUSH"),
        (22, "IFLA_BR_MCAST_ROUTER"), (23, "IFLA_BR_MCAST_SNOOPING"), (24, "IFLA_BR_MCAST_QUERY_USE_IFADDR"),
        (25, "IFLA_BR_MCAST_QUERIER"), (26, "IFLA_BR_MCAST_HASH_ELASTICITY"), (27, "IFLA_BR_MCAST_HASH_MAX"),
        (28, "IFLA_BR_MCAST_LAST_MEMBER_CNT"), (29, "IFLA_BR_MCAST_STARTUP_QUERY_CNT"),
        (30, "IFLA_BR_MCAST_LAST_MEMBER_INTVL"), (31, "IFLA_BR_MCAST_MEMBERSHIP_INTVL"),
        (32, "IFLA_BR_MCAST_QUERIER_INTVL"), (33, "IFLA_BR_MCAST_QUERY_INTVL"),
        (34, "IFLA_BR_MCAST_QUERY_RESPONSE_INTVL"), (35, "IFLA_BR_MCAST_STARTUP_QUERY_INTVL"),
        (36, "IFLA_BR_NF_CALL_IPTABLES"), (37, "IFLA_BR_NF_CALL_IP6TABLES"), (38, "IFLA_BR_NF_CALL_ARPTABLES"),
        (39, "IFLA_BR_VLAN_DEFAULT_PVID"), (40, "IFLA_BR_PAD"), (41, "IFLA_BR_VLAN_STATS_ENABLED"),
        (42, "IFLA_BR_MCAST_STATS_ENABLED"), (43, "IFLA_BR_MCAST_IGMP_VERSION"), (44, "IFLA_BR_MCAST_MLD_VERSION"),
        (45, "IFLA_BR_VLAN_STATS_PER_PORT"), (46, "IFLA_BR_MULTI_BOOLOPT"), (47, "IFLA_BR_MCAST_QUERIER_STATE"),
    ])
    static let tunInfoDataAttributes = NameTable(zero: "IFLA_TUN_UNSPEC", unknown: "IFLA_TUN_???", [
        (0, "IFLA_TUN_UNSPEC"), (1, "IFLA_TUN_OWNER"), (2, "IFLA_TUN_GROUP"), (3, "IFLA_TUN_TYPE"),
        (4, "IFLA_TUN_PI"), (5, "IFLA_TUN_VNET_HDR"), (6, "IFLA_TUN_PERSIST"), (7, "IFLA_TUN_MULTI_QUEUE"),
        (8, "IFLA_TUN_NUM_QUEUES"), (9, "IFLA_TUN_NUM_DISABLED_QUEUES"),
    ])
    static let bridgeQuerierAttributes = NameTable(zero: "BRIDGE_QUERIER_UNSPEC", unknown: "BRIDGE_QUERIER_???", [
        (0, "BRIDGE_QUERIER_UNSPEC"), (1, "BRIDGE_QUERIER_IP_ADDRESS"), (2, "BRIDGE_QUERIER_IP_PORT"),
        (3, "BRIDGE_QUERIER_IP_OTHER_TIMER"), (4, "BRIDGE_QUERIER_PAD"), (5, "BRIDGE_QUERIER_IPV6_ADDRESS"),
        (6, "BRIDGE_QUERIER_IPV6_PORT"), (7, "BRIDGE_QUERIER_IPV6_OTHER_TIMER"),
    ])
    static let tunDeviceTypes = NameTable(unknown: "IFF_???", [
        (1, "IFF_TUN"), (2, "IFF_TAP"),
    ])
    static let bridgeBoolOptions = NameTable(unknown: "1<<BR_BOOLOPT_???", [
        (1, "1<<BR_BOOLOPT_NO_LL_LEARN"), (2, "1<<BR_BOOLOPT_MCAST_VLAN_SNOOPING"), (4, "1<<BR_BOOLOPT_MST_ENABLE"),
    ])
    static let mdbFlags = NameTable(unknown: "MDB_FLAGS_???", [
        (0x1, "MDB_FLAGS_OFFLOAD"), (0x2, "MDB_FLAGS_FAST_LEAVE"), (0x4, "MDB_FLAGS_STAR_EXCL"), (0x8, "MDB_FLAGS_BLOCKED"),
    ])
    static let mdbStates = NameTable(zero: "MDB_TEMPORARY", unknown: "MDB_???", [
        (0, "MDB_TEMPORARY"), (1, "MDB_PERMANENT"),
    ])
    static let multicastRouterTypes = NameTable(zero: "MDB_RTR_TYPE_DISABLED", unknown: "MDB_RTR_TYPE_???", [
        (0, "MDB_RTR_TYPE_DISABLED"), (1, "MDB_RTR_TYPE_TEMP_QUERY"), (2, "MDB_RTR_TYPE_PERM"),
        (3, "MDB_RTR_TYPE_TEMP"),
    ])
    static let mdbaMdbAttributes = NameTable(zero: "MDBA_MDB_UNSPEC", unknown: "MDBA_MDB_???", [
        (0, "MDBA_MDB_UNSPEC"), (1, "MDBA_MDB_ENTRY"),
    ])
    static let mdbaEntryExtraAttributes = NameTable(zero: "MDBA_MDB_EATTR_UNSPEC", unknown: "MDBA_MDB_EATTR_???", [
        (0, "MDBA_MDB_EATTR_UNSPEC"), (1, "MDBA_MDB_EATTR_TIMER"), (2, "MDBA_MDB_EATTR_SRC_LIST"),
        (3, "MDBA_MDB_EATTR_GROUP_MODE"), (4, "MDBA_MDB_EATTR_SOURCE"), (5, "MDBA_MDB_EATTR_RTPROT"),
    ])
    static let mdbaEntryAttributes = NameTable(zero: "MDBA_MDB_ENTRY_UNSPEC", unknown: "MDBA_MDB_ENTRY_???", [
        (0, "MDBA_MDB_ENTRY_UNSPEC"), (1, "MDBA_MDB_ENTRY_INFO"),
    ])
    static let mdbaRouterAttributes = NameTable(zero: "MDBA_ROUTER_UNSPEC", unknown: "MDBA_ROUTER_???", [
        (0, "MDBA_ROUTER_UNSPEC"), (1, "MDBA_ROUTER_PORT"),
    ])
    static let mdbaRouterPortAttributes = NameTable(zero: "MDBA_ROUTER_PATTR_UNSPEC", unknown: "MDBA_ROUTER_PATTR_???", [
        (0, "MDBA_ROUTER_PATTR_UNSPEC"), (1, "MDBA_ROUTER_PATTR_TIMER"), (2, "MDBA_ROUTER_PATTR_TYPE"),
        (3, "MDBA_ROUTER_PATTR_INET_TIMER"), (4, "MDBA_ROUTER_PATTR_INET6_TIMER"),
    ])
    static let ulpInfoAttributes = NameTable(zero: "INET_ULP_INFO_UNSPEC", unknown: "INET_ULP_INFO_???", [
        (0, "INET_ULP_INFO_UNSPEC"), (1, "INET_ULP_INFO_NAME"), (2, "INET_ULP_INFO_TLS"),
        (3, "INET_ULP_INFO_MPTCP"),
    ])
    static let tlsInfoAttributes = NameTable(zero: "TLS_INFO_UNSPEC", unknown: "TLS_INFO_???", [
        (0, "TLS_INFO_UNSPEC"), (1, "TLS_INFO_VERSION"), (2, "TLS_INFO_CIPHER"), (3, "TLS_INFO_TXCONF"),
        (4, "TLS_INFO_RXCONF"), (5, "TLS_INFO_ZC_RO_TX"), (6, "TLS_INFO_RX_NO_PAD"),
    ])
    static let mptcpSubflowAttributes = NameTable(zero: "MPTCP_SUBFLOW_ATTR_UNSPEC", unknown: "MPTCP_SUBFLOW_ATTR_???", [
        (0, "MPTCP_SUBFLOW_ATTR_UNSPEC"), (1, "MPTCP_SUBFLOW_ATTR_TOKEN_REM"), (2, "MPTCP_SUBFLOW_ATTR_TOKEN_LOC"),
        (3, "MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ"), (4, "MPTCP_SUBFLOW_ATTR_MAP_SEQ"),
        (5, "MPTCP_SUBFLOW_ATTR_MAP_SFSEQ"), (6, "MPTCP_SUBFLOW_ATTR_SSN_OFFSET"),
        (7, "MPTCP_SUBFLOW_ATTR_MAP_DATALEN"), (8, "MPTCP_SUBFLOW_ATTR_FLAGS"), (9, "MPTCP_SUBFLOW_ATTR_ID_REM"),
        (10, "MPTCP_SUBFLOW_ATTR_ID_LOC"), (11, "MPTCP_SUBFLOW_ATTR_PAD"),
    ])
    static let tlsVersions = NameTable(unknown: "TLS_???_VERSION", [
        (0x303, "TLS_1_2_VERSION"), (0x304, "TLS_1_3_VERSION"),
    ])
    static let tlsCiphers = NameTable(unknown: "TLS_CIPHER_???", [
        (51, "TLS_CIPHER_AES_GCM_128"), (52, "TLS_CIPHER_AES_GCM_256"), (53, "TLS_CIPHER_AES_CCM_128"),
        (54, "TLS_CIPHER_CHACHA20_POLY1305"), (55, "TLS_CIPHER_SM4_GCM"), (56, "TLS_CIPHER_SM4_CCM"),
        (57, "TLS_CIPHER_ARIA_GCM_128"), (58, "TLS_CIPHER_ARIA_GCM_256"),
    ])
    static let tlsConfigs = NameTable(unknown: "TLS_CONF_???", [
        (1, "TLS_CONF_BASE"), (2, "TLS_CONF_SW"), (3, "TLS_CONF_HW"), (4, "TLS_CONF_HW_RECORD"),
    ])
    static let mptcpSubflowFlags = NameTable(unknown: "MPTCP_SUBFLOW_FLAG_???", [
        (1, "MPTCP_SUBFLOW_FLAG_MCAP_REM"), (2, "MPTCP_SUBFLOW_FLAG_MCAP_LOC"), (4, "MPTCP_SUBFLOW_FLAG_JOIN_REM"),
        (8, "MPTCP_SUBFLOW_FLAG_JOIN_LOC"), (16, "MPTCP_SUBFLOW_FLAG_BKUP_REM"),
        (32, "MPTCP_SUBFLOW_FLAG_BKUP_LOC"), (64, "MPTCP_SUBFLOW_FLAG_FULLY_ESTABLISHED"),
        (128, "MPTCP_SUBFLOW_FLAG_CONNECTED"), (0x100, "MPTCP_SUBFLOW_FLAG_MAPVALID"),
    ])
    static let bpfStoragesAttributes = NameTable(zero: "SK_DIAG_BPF_STORAGE_REP_NONE", unknown: "SK_DIAG_BPF_STORAGE_???", [
        (0, "SK_DIAG_BPF_STORAGE_REP_NONE"), (1, "SK_DIAG_BPF_STORAGE"),
    ])
    static let bpfStorageAttributes = NameTable(zero: "SK_DIAG_BPF_STORAGE_NONE", unknown: "SK_DIAG_BPF_STORAGE_???", [
        (0, "SK_DIAG_BPF_STORAGE_NONE"), (1, "SK_DIAG_BPF_STORAGE_PAD"), (2, "SK_DIAG_BPF_STORAGE_MAP_ID"),
        (3, "SK_DIAG_BPF_STORAGE_MAP_VALUE"),
    ])
    static let inetDiagBytecodes = NameTable(zero: "INET_DIAG_BC_NOP", unknown: "INET_DIAG_BC_???", [
        (0, "INET_DIAG_BC_NOP"), (1, "INET_DIAG_BC_JMP"), (2, "INET_DIAG_BC_S_GE"), (3, "INET_DIAG_BC_S_LE"),
        (4, "INET_DIAG_BC_D_GE"), (5, "INET_DIAG_BC_D_LE"), (6, "INET_DIAG_BC_AUTO"), (7, "INET_DIAG_BC_S_COND"),
        (8, "INET_DIAG_BC_D_COND"), (9, "INET_DIAG_BC_DEV_COND"), (10, "INET_DIAG_BC_MARK_COND"),
        (11, "INET_DIAG_BC_S_EQ"), (12, "INET_DIAG_BC_D_EQ"), (13, "INET_DIAG_BC_CGROUP_COND"),
    ])
    static let smcDeclineCodes = NameTable(unknown: "SMC_CLC_DECL_???", [
        (0x1010000, "SMC_CLC_DECL_MEM"), (0x2010000, "SMC_CLC_DECL_TIMEOUT_CL"),
        (0x2020000, "SMC_CLC_DECL_TIMEOUT_AL"), (0x3000000, "SMC_CLC_DECL_CNFERR"),
        (0x3010000, "SMC_CLC_DECL_PEERNOSMC"), (0x3020000, "SMC_CLC_DECL_IPSEC"),
        (0x3030000, "SMC_CLC_DECL_NOSMCDEV"), (0x3040000, "SMC_CLC_DECL_MODEUNSUPP"),
        (0x3050000, "SMC_CLC_DECL_RMBE_EC"), (0x3060000, "SMC_CLC_DECL_OPTUNSUPP"),
        (0x4000000, "SMC_CLC_DECL_SYNCERR"), (0x5000000, "SMC_CLC_DECL_PEERDECL"),
        (0x99990000, "SMC_CLC_DECL_INTERR"), (0x99990001, "SMC_CLC_DECL_ERR_RTOK"),
        (0x99990002, "SMC_CLC_DECL_ERR_RDYLNK"), (0x99990003, "SMC_CLC_DECL_ERR_REGRMB"),
    ])
    static let smcLinkGroupRoles = NameTable(zero: "SMC_CLNT", unknown: "SMC_???", [
        (0, "SMC_CLNT"), (1, "SMC_SERV"),
    ])
}
