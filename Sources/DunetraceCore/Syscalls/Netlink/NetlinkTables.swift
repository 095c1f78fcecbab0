// Netlink's names, as strace 6.1 prints them: message types per protocol, the header's flags
// by kind of request, attribute types and the flag words of rtnetlink's bodies. Values are the
// kernel's uapi headers'; the order of flag tables is strace's print order.

enum NetlinkTables {
    /// The header's flags every message may carry.
    static let flags = NameTable(unknown: "NLM_F_???", [
        (0x1, "NLM_F_REQUEST"), (0x2, "NLM_F_MULTI"), (0x4, "NLM_F_ACK"), (0x8, "NLM_F_ECHO"),
        (0x10, "NLM_F_DUMP_INTR"), (0x20, "NLM_F_DUMP_FILTERED"),
    ])
    /// The bits above 0xff mean one thing for requests that get...
    static let getFlags = NameTable(unknown: "NLM_F_???", [
        (0x300, "NLM_F_DUMP"), (0x100, "NLM_F_ROOT"), (0x200, "NLM_F_MATCH"), (0x400, "NLM_F_ATOMIC"),
    ])
    /// ...those that create...
    static let newFlags = NameTable(unknown: "NLM_F_???", [
        (0x100, "NLM_F_REPLACE"), (0x200, "NLM_F_EXCL"), (0x400, "NLM_F_CREATE"), (0x800, "NLM_F_APPEND"),
    ])
    /// ...those that delete...
    static let deleteFlags = NameTable(unknown: "NLM_F_???", [(0x100, "NLM_F_NONREC"), (0x200, "NLM_F_BULK")])
    /// ...and acknowledgements (NLMSG_ERROR).
    static let ackFlags = NameTable(unknown: "NLM_F_???", [(0x100, "NLM_F_CAPPED"), (0x200, "NLM_F_ACK_TLVS")])
    /// Generic netlink's one fixed family; the others' ids are given out at run time.
    static let genericFamilies = NameTable(unknown: "GENERIC_FAMILY_???", [(0x10, "nlctrl")])

    static let netlinkTypes = NameTable(unknown: "NLMSG_???", [
        (1, "NLMSG_NOOP"), (2, "NLMSG_ERROR"), (3, "NLMSG_DONE"), (4, "NLMSG_OVERRUN"),
    ])
    static let routeTypes = NameTable(unknown: "RTM_???", [
        (16, "RTM_NEWLINK"), (17, "RTM_DELLINK"), (18, "RTM_GETLINK"), (19, "RTM_SETLINK"),
        (20, "RTM_NEWADDR"), (21, "RTM_DELADDR"), (22, "RTM_GETADDR"), (24, "RTM_NEWROUTE"),
        (25, "RTM_DELROUTE"), (26, "RTM_GETROUTE"), (28, "RTM_NEWNEIGH"), (29, "RTM_DELNEIGH"),
        (30, "RTM_GETNEIGH"), (32, "RTM_NEWRULE"), (33, "RTM_DELRULE"), (34, "RTM_GETRULE"),
        (36, "RTM_NEWQDISC"), (37, "RTM_DELQDISC"), (38, "RTM_GETQDISC"), (40, "RTM_NEWTCLASS"),
        (41, "RTM_DELTCLASS"), (42, "RTM_GETTCLASS"), (44, "RTM_NEWTFILTER"), (45, "RTM_DELTFILTER"),
        (46, "RTM_GETTFILTER"), (48, "RTM_NEWACTION"), (49, "RTM_DELACTION"), (50, "RTM_GETACTION"),
        (52, "RTM_NEWPREFIX"), (58, "RTM_GETMULTICAST"), (62, "RTM_GETANYCAST"), (64, "RTM_NEWNEIGHTBL"),
        (66, "RTM_GETNEIGHTBL"), (67, "RTM_SETNEIGHTBL"), (68, "RTM_NEWNDUSEROPT"), (72, "RTM_NEWADDRLABEL"),
        (73, "RTM_DELADDRLABEL"), (74, "RTM_GETADDRLABEL"), (78, "RTM_GETDCB"), (79, "RTM_SETDCB"),
        (80, "RTM_NEWNETCONF"), (81, "RTM_DELNETCONF"), (82, "RTM_GETNETCONF"), (84, "RTM_NEWMDB"),
        (85, "RTM_DELMDB"), (86, "RTM_GETMDB"), (88, "RTM_NEWNSID"), (89, "RTM_DELNSID"), (90, "RTM_GETNSID"),
        (92, "RTM_NEWSTATS"), (94, "RTM_GETSTATS"), (96, "RTM_NEWCACHEREPORT"), (100, "RTM_NEWCHAIN"),
        (101, "RTM_DELCHAIN"), (102, "RTM_GETCHAIN"), (104, "RTM_NEWNEXTHOP"), (105, "RTM_DELNEXTHOP"),
        (106, "RTM_GETNEXTHOP"), (108, "RTM_NEWLINKPROP"), (109, "RTM_DELLINKPROP"), (110, "RTM_GETLINKPROP"),
        (112, "RTM_NEWVLAN"), (113, "RTM_DELVLAN"), (114, "RTM_GETVLAN"), (116, "RTM_NEWNEXTHOPBUCKET"),
        (117, "RTM_DELNEXTHOPBUCKET"), (118, "RTM_GETNEXTHOPBUCKET"),
    ])
    static let auditTypes = NameTable(unknown: "AUDIT_???", [
        (1000, "AUDIT_GET"), (1001, "AUDIT_SET"), (1002, "AUDIT_LIST"), (1003, "AUDIT_ADD"),
        (1004, "AUDIT_DEL"), (1005, "AUDIT_USER"), (1006, "AUDIT_LOGIN"), (1007, "AUDIT_WATCH_INS"),
        (1008, "AUDIT_WATCH_REM"), (1009, "AUDIT_WATCH_LIST"), (1010, "AUDIT_SIGNAL_INFO"),
        (1011, "AUDIT_ADD_RULE"), (1012, "AUDIT_DEL_RULE"), (1013, "AUDIT_LIST_RULES"), (1014, "AUDIT_TRIM"),
        (1015, "AUDIT_MAKE_EQUIV"), (1016, "AUDIT_TTY_GET"), (1017, "AUDIT_TTY_SET"),
        (1018, "AUDIT_SET_FEATURE"), (1019, "AUDIT_GET_FEATURE"), (1100, "AUDIT_FIRST_USER_MSG"),
        (1107, "AUDIT_USER_AVC"), (1124, "AUDIT_USER_TTY"), (1199, "AUDIT_LAST_USER_MSG"),
        (1200, "AUDIT_DAEMON_START"), (1201, "AUDIT_DAEMON_END"), (1202, "AUDIT_DAEMON_ABORT"),
        (1203, "AUDIT_DAEMON_CONFIG"), (1300, "AUDIT_SYSCALL"), (1301, "AUDIT_FS_WATCH"), (1302, "AUDIT_PATH"),
        (1303, "AUDIT_IPC"), (1304, "AUDIT_SOCKETCALL"), (1305, "AUDIT_CONFIG_CHANGE"),
        (1306, "AUDIT_SOCKADDR"), (1307, "AUDIT_CWD"), (1309, "AUDIT_EXECVE"), (1311, "AUDIT_IPC_SET_PERM"),
        (1312, "AUDIT_MQ_OPEN"), (1313, "AUDIT_MQ_SENDRECV"), (1314, "AUDIT_MQ_NOTIFY"),
        (1315, "AUDIT_MQ_GETSETATTR"), (1316, "AUDIT_KERNEL_OTHER"), (1317, "AUDIT_FD_PAIR"),
        (1318, "AUDIT_OBJ_PID"), (1319, "AUDIT_TTY"), (1320, "AUDIT_EOE"), (1321, "AUDIT_BPRM_FCAPS"),
        (1322, "AUDIT_CAPSET"), (1323, "AUDIT_MMAP"), (1324, "AUDIT_NETFILTER_PKT"),
        (1325, "AUDIT_NETFILTER_CFG"), (1326, "AUDIT_SECCOMP"), (1327, "AUDIT_PROCTITLE"),
        (1328, "AUDIT_FEATURE_CHANGE"), (1329, "AUDIT_REPLACE"), (1330, "AUDIT_KERN_MODULE"),
        (1331, "AUDIT_FANOTIFY"), (1332, "AUDIT_TIME_INJOFFSET"), (1333, "AUDIT_TIME_ADJNTPVAL"),
        (1334, "AUDIT_BPF"), (1335, "AUDIT_EVENT_LISTENER"), (1336, "AUDIT_URINGOP"), (1337, "AUDIT_OPENAT2"),
        (1338, "AUDIT_DM_CTRL"), (1339, "AUDIT_DM_EVENT"), (1400, "AUDIT_AVC"), (1401, "AUDIT_SELINUX_ERR"),
        (1402, "AUDIT_AVC_PATH"), (1403, "AUDIT_MAC_POLICY_LOAD"), (1404, "AUDIT_MAC_STATUS"),
        (1405, "AUDIT_MAC_CONFIG_CHANGE"), (1406, "AUDIT_MAC_UNLBL_ALLOW"), (1407, "AUDIT_MAC_CIPSOV4_ADD"),
        (1408, "AUDIT_MAC_CIPSOV4_DEL"), (1409, "AUDIT_MAC_MAP_ADD"), (1410, "AUDIT_MAC_MAP_DEL"),
        (1411, "AUDIT_MAC_IPSEC_ADDSA"), (1412, "AUDIT_MAC_IPSEC_DELSA"), (1413, "AUDIT_MAC_IPSEC_ADDSPD"),
        (1414, "AUDIT_MAC_IPSEC_DELSPD"), (1415, "AUDIT_MAC_IPSEC_EVENT"), (1416, "AUDIT_MAC_UNLBL_STCADD"),
        (1417, "AUDIT_MAC_UNLBL_STCDEL"), (1418, "AUDIT_MAC_CALIPSO_ADD"), (1419, "AUDIT_MAC_CALIPSO_DEL"),
        (1700, "AUDIT_ANOM_PROMISCUOUS"), (1701, "AUDIT_ANOM_ABEND"), (1702, "AUDIT_ANOM_LINK"),
        (1703, "AUDIT_ANOM_CREAT"), (1799, "AUDIT_LAST_KERN_ANOM_MSG"), (1800, "AUDIT_INTEGRITY_DATA"),
        (1801, "AUDIT_INTEGRITY_METADATA"), (1802, "AUDIT_INTEGRITY_STATUS"), (1803, "AUDIT_INTEGRITY_HASH"),
        (1804, "AUDIT_INTEGRITY_PCR"), (1805, "AUDIT_INTEGRITY_RULE"), (1806, "AUDIT_INTEGRITY_EVM_XATTR"),
        (1807, "AUDIT_INTEGRITY_POLICY_RULE"), (2000, "AUDIT_KERNEL"), (2100, "AUDIT_FIRST_USER_MSG2"),
        (2999, "AUDIT_LAST_USER_MSG2"),
    ])
    static let cryptoTypes = NameTable(unknown: "CRYPTO_MSG_???", [
        (16, "CRYPTO_MSG_NEWALG"), (17, "CRYPTO_MSG_DELALG"), (18, "CRYPTO_MSG_UPDATEALG"),
        (19, "CRYPTO_MSG_GETALG"), (20, "CRYPTO_MSG_DELRNG"),
    ])
    static let netfilterControlTypes = NameTable(unknown: "NFNL_MSG_???", [
        (16, "NFNL_MSG_BATCH_BEGIN"), (17, "NFNL_MSG_BATCH_END"),
    ])
    static let netfilterSubsystems = NameTable(zero: "NFNL_SUBSYS_NONE", unknown: "NFNL_SUBSYS_???", [
        (0, "NFNL_SUBSYS_NONE"), (1, "NFNL_SUBSYS_CTNETLINK"), (2, "NFNL_SUBSYS_CTNETLINK_EXP"),
        (3, "NFNL_SUBSYS_QUEUE"), (4, "NFNL_SUBSYS_ULOG"), (5, "NFNL_SUBSYS_OSF"), (6, "NFNL_SUBSYS_IPSET"),
        (7, "NFNL_SUBSYS_ACCT"), (8, "NFNL_SUBSYS_CTNETLINK_TIMEOUT"), (9, "NFNL_SUBSYS_CTHELPER"),
        (10, "NFNL_SUBSYS_NFTABLES"), (11, "NFNL_SUBSYS_NFT_COMPAT"), (12, "NFNL_SUBSYS_HOOK"),
    ])
    static let selinuxTypes = NameTable(unknown: "SELNL_MSG_???", [
        (16, "SELNL_MSG_SETENFORCE"), (17, "SELNL_MSG_POLICYLOAD"),
    ])
    static let sockDiagTypes = NameTable(unknown: "SOCK_DIAG_???", [
        (18, "TCPDIAG_GETSOCK"), (19, "DCCPDIAG_GETSOCK"), (20, "SOCK_DIAG_BY_FAMILY"), (21, "SOCK_DESTROY"),
    ])
    static let xfrmTypes = NameTable(unknown: "XFRM_MSG_???", [
        (16, "XFRM_MSG_NEWSA"), (17, "XFRM_MSG_DELSA"), (18, "XFRM_MSG_GETSA"), (19, "XFRM_MSG_NEWPOLICY"),
        (20, "XFRM_MSG_DELPOLICY"), (21, "XFRM_MSG_GETPOLICY"), (22, "XFRM_MSG_ALLOCSPI"),
        (23, "XFRM_MSG_ACQUIRE"), (24, "XFRM_MSG_EXPIRE"), (25, "XFRM_MSG_UPDPOLICY"), (26, "XFRM_MSG_UPDSA"),
        (27, "XFRM_MSG_POLEXPIRE"), (28, "XFRM_MSG_FLUSHSA"), (29, "XFRM_MSG_FLUSHPOLICY"),
        (30, "XFRM_MSG_NEWAE"), (31, "XFRM_MSG_GETAE"), (32, "XFRM_MSG_REPORT"), (33, "XFRM_MSG_MIGRATE"),
        (34, "XFRM_MSG_NEWSADINFO"), (35, "XFRM_MSG_GETSADINFO"), (36, "XFRM_MSG_NEWSPDINFO"),
        (37, "XFRM_MSG_GETSPDINFO"), (38, "XFRM_MSG_MAPPING"), (39, "XFRM_MSG_SETDEFAULT"),
        (40, "XFRM_MSG_GETDEFAULT"),
    ])
    static let ctnetlinkTypes = NameTable(zero: "IPCTNL_MSG_CT_NEW", unknown: "IPCTNL_MSG_CT_???", [
        (0, "IPCTNL_MSG_CT_NEW"), (1, "IPCTNL_MSG_CT_GET"), (2, "IPCTNL_MSG_CT_DELETE"),
        (3, "IPCTNL_MSG_CT_GET_CTRZERO"), (4, "IPCTNL_MSG_CT_GET_STATS_CPU"), (5, "IPCTNL_MSG_CT_GET_STATS"),
        (6, "IPCTNL_MSG_CT_GET_DYING"), (7, "IPCTNL_MSG_CT_GET_UNCONFIRMED"),
    ])
    static let ctnetlinkExpTypes = NameTable(zero: "IPCTNL_MSG_EXP_NEW", unknown: "IPCTNL_MSG_EXP_???", [
        (0, "IPCTNL_MSG_EXP_NEW"), (1, "IPCTNL_MSG_EXP_GET"), (2, "IPCTNL_MSG_EXP_DELETE"),
        (3, "IPCTNL_MSG_EXP_GET_STATS_CPU"),
    ])
    static let queueTypes = NameTable(zero: "NFQNL_MSG_PACKET", unknown: "NFQNL_MSG_???", [
        (0, "NFQNL_MSG_PACKET"), (1, "NFQNL_MSG_VERDICT"), (2, "NFQNL_MSG_CONFIG"),
        (3, "NFQNL_MSG_VERDICT_BATCH"),
    ])
    static let ulogTypes = NameTable(zero: "NFULNL_MSG_PACKET", unknown: "NFULNL_MSG_???", [
        (0, "NFULNL_MSG_PACKET"), (1, "NFULNL_MSG_CONFIG"),
    ])
    static let osfTypes = NameTable(zero: "OSF_MSG_ADD", unknown: "OSF_MSG_???", [
        (0, "OSF_MSG_ADD"), (1, "OSF_MSG_REMOVE"),
    ])
    static let ipsetTypes = NameTable(zero: "IPSET_CMD_NONE", unknown: "IPSET_CMD_???", [
        (0, "IPSET_CMD_NONE"), (1, "IPSET_CMD_PROTOCOL"), (2, "IPSET_CMD_CREATE"), (3, "IPSET_CMD_DESTROY"),
        (4, "IPSET_CMD_FLUSH"), (5, "IPSET_CMD_RENAME"), (6, "IPSET_CMD_SWAP"), (7, "IPSET_CMD_LIST"),
        (8, "IPSET_CMD_SAVE"), (9, "IPSET_CMD_ADD"), (10, "IPSET_CMD_DEL"), (11, "IPSET_CMD_TEST"),
        (12, "IPSET_CMD_HEADER"), (13, "IPSET_CMD_TYPE"), (16, "IPSET_CMD_RESTORE"), (17, "IPSET_CMD_HELP"),
        (18, "IPSET_CMD_VERSION"), (19, "IPSET_CMD_QUIT"), (20, "IPSET_CMD_COMMIT"),
    ])
    static let acctTypes = NameTable(zero: "NFNL_MSG_ACCT_NEW", unknown: "NFNL_MSG_ACCT_???", [
        (0, "NFNL_MSG_ACCT_NEW"), (1, "NFNL_MSG_ACCT_GET"), (2, "NFNL_MSG_ACCT_GET_CTRZERO"),
        (3, "NFNL_MSG_ACCT_DEL"), (4, "NFNL_MSG_ACCT_OVERQUOTA"),
    ])
    static let cttimeoutTypes = NameTable(zero: "IPCTNL_MSG_TIMEOUT_NEW", unknown: "IPCTNL_MSG_TIMEOUT_???", [
        (0, "IPCTNL_MSG_TIMEOUT_NEW"), (1, "IPCTNL_MSG_TIMEOUT_GET"), (2, "IPCTNL_MSG_TIMEOUT_DELETE"),
        (3, "IPCTNL_MSG_TIMEOUT_DEFAULT_SET"), (4, "IPCTNL_MSG_TIMEOUT_DEFAULT_GET"),
    ])
    static let cthelperTypes = NameTable(zero: "NFNL_MSG_CTHELPER_NEW", unknown: "NFNL_MSG_CTHELPER_???", [
        (0, "NFNL_MSG_CTHELPER_NEW"), (1, "NFNL_MSG_CTHELPER_GET"), (2, "NFNL_MSG_CTHELPER_DEL"),
    ])
    static let nftablesTypes = NameTable(zero: "NFT_MSG_NEWTABLE", unknown: "NFT_MSG_???", [
        (0, "NFT_MSG_NEWTABLE"), (1, "NFT_MSG_GETTABLE"), (2, "NFT_MSG_DELTABLE"), (3, "NFT_MSG_NEWCHAIN"),
        (4, "NFT_MSG_GETCHAIN"), (5, "NFT_MSG_DELCHAIN"), (6, "NFT_MSG_NEWRULE"), (7, "NFT_MSG_GETRULE"),
        (8, "NFT_MSG_DELRULE"), (9, "NFT_MSG_NEWSET"), (10, "NFT_MSG_GETSET"), (11, "NFT_MSG_DELSET"),
        (12, "NFT_MSG_NEWSETELEM"), (13, "NFT_MSG_GETSETELEM"), (14, "NFT_MSG_DELSETELEM"),
        (15, "NFT_MSG_NEWGEN"), (16, "NFT_MSG_GETGEN"), (17, "NFT_MSG_TRACE"), (18, "NFT_MSG_NEWOBJ"),
        (19, "NFT_MSG_GETOBJ"), (20, "NFT_MSG_DELOBJ"), (21, "NFT_MSG_GETOBJ_RESET"),
        (22, "NFT_MSG_NEWFLOWTABLE"), (23, "NFT_MSG_GETFLOWTABLE"), (24, "NFT_MSG_DELFLOWTABLE"),
    ])
    static let nftCompatTypes = NameTable(zero: "NFNL_MSG_COMPAT_GET", unknown: "NFNL_MSG_COMPAT_???", [
        (0, "NFNL_MSG_COMPAT_GET"),
    ])
    static let hookTypes = NameTable(zero: "NFNL_MSG_HOOK_GET", unknown: "NFT_MSG_HOOK_???", [
        (0, "NFNL_MSG_HOOK_GET"),
    ])
    static let linkAttributes = NameTable(zero: "IFLA_UNSPEC", unknown: "IFLA_???", [
        (0, "IFLA_UNSPEC"), (1, "IFLA_ADDRESS"), (2, "IFLA_BROADCAST"), (3, "IFLA_IFNAME"), (4, "IFLA_MTU"),
        (5, "IFLA_LINK"), (6, "IFLA_QDISC"), (7, "IFLA_STATS"), (8, "IFLA_COST"), (9, "IFLA_PRIORITY"),
        (10, "IFLA_MASTER"), (11, "IFLA_WIRELESS"), (12, "IFLA_PROTINFO"), (13, "IFLA_TXQLEN"),
        (14, "IFLA_MAP"), (15, "IFLA_WEIGHT"), (16, "IFLA_OPERSTATE"), (17, "IFLA_LINKMODE"),
        (18, "IFLA_LINKINFO"), (19, "IFLA_NET_NS_PID"), (20, "IFLA_IFALIAS"), (21, "IFLA_NUM_VF"),
        (22, "IFLA_VFINFO_LIST"), (23, "IFLA_STATS64"), (24, "IFLA_VF_PORTS"), (25, "IFLA_PORT_SELF"),
        (26, "IFLA_AF_SPEC"), (27, "IFLA_GROUP"), (28, "IFLA_NET_NS_FD"), (29, "IFLA_EXT_MASK"),
        (30, "IFLA_PROMISCUITY"), (31, "IFLA_NUM_TX_QUEUES"), (32, "IFLA_NUM_RX_QUEUES"), (33, "IFLA_CARRIER"),
        (34, "IFLA_PHYS_PORT_ID"), (35, "IFLA_CARRIER_CHANGES"), (36, "IFLA_PHYS_SWITCH_ID"),
        (37, "IFLA_LINK_NETNSID"), (38, "IFLA_PHYS_PORT_NAME"), (39, "IFLA_PROTO_DOWN"),
        (40, "IFLA_GSO_MAX_SEGS"), (41, "IFLA_GSO_MAX_SIZE"), (42, "IFLA_PAD"), (43, "IFLA_XDP"),
        (44, "IFLA_EVENT"), (45, "IFLA_NEW_NETNSID"), (46, "IFLA_IF_NETNSID"), (47, "IFLA_CARRIER_UP_COUNT"),
        (48, "IFLA_CARRIER_DOWN_COUNT"), (49, "IFLA_NEW_IFINDEX"), (50, "IFLA_MIN_MTU"), (51, "IFLA_MAX_MTU"),
        (52, "IFLA_PROP_LIST"), (53, "IFLA_ALT_IFNAME"), (54, "IFLA_PERM_ADDRESS"),
        (55, "IFLA_PROTO_DOWN_REASON"), (56, "IFLA_PARENT_DEV_NAME"), (57, "IFLA_PARENT_DEV_BUS_NAME"),
        (58, "IFLA_GRO_MAX_SIZE"), (59, "IFLA_TSO_MAX_SIZE"), (60, "IFLA_TSO_MAX_SEGS"), (61, "IFLA_ALLMULTI"),
    ])
    static let addressAttributes = NameTable(zero: "IFA_UNSPEC", unknown: "IFA_???", [
        (0, "IFA_UNSPEC"), (1, "IFA_ADDRESS"), (2, "IFA_LOCAL"), (3, "IFA_LABEL"), (4, "IFA_BROADCAST"),
        (5, "IFA_ANYCAST"), (6, "IFA_CACHEINFO"), (7, "IFA_MULTICAST"), (8, "IFA_FLAGS"),
        (9, "IFA_RT_PRIORITY"), (10, "IFA_TARGET_NETNSID"), (11, "IFA_PROTO"),
    ])
    static let addressFlags = NameTable(unknown: "IFA_F_???", [
        (1, "IFA_F_SECONDARY"), (2, "IFA_F_NODAD"), (4, "IFA_F_OPTIMISTIC"), (8, "IFA_F_DADFAILED"),
        (16, "IFA_F_HOMEADDRESS"), (32, "IFA_F_DEPRECATED"), (64, "IFA_F_TENTATIVE"), (128, "IFA_F_PERMANENT"),
        (256, "IFA_F_MANAGETEMPADDR"), (512, "IFA_F_NOPREFIXROUTE"), (1024, "IFA_F_MCAUTOJOIN"),
        (2048, "IFA_F_STABLE_PRIVACY"),
    ])
    static let routingScopes = NameTable(zero: "RT_SCOPE_UNIVERSE", unknown: "", [
        (0, "RT_SCOPE_UNIVERSE"), (200, "RT_SCOPE_SITE"), (253, "RT_SCOPE_LINK"), (254, "RT_SCOPE_HOST"),
        (255, "RT_SCOPE_NOWHERE"),
    ])
    static let arpHardwareTypes = NameTable(zero: "ARPHRD_NETROM", unknown: "ARPHRD_???", [
        (0, "ARPHRD_NETROM"), (1, "ARPHRD_ETHER"), (2, "ARPHRD_EETHER"), (3, "ARPHRD_AX25"),
        (4, "ARPHRD_PRONET"), (5, "ARPHRD_CHAOS"), (6, "ARPHRD_IEEE802"), (7, "ARPHRD_ARCNET"),
        (8, "ARPHRD_APPLETLK"), (15, "ARPHRD_DLCI"), (19, "ARPHRD_ATM"), (23, "ARPHRD_METRICOM"),
        (24, "ARPHRD_IEEE1394"), (27, "ARPHRD_EUI64"), (32, "ARPHRD_INFINIBAND"), (256, "ARPHRD_SLIP"),
        (257, "ARPHRD_CSLIP"), (258, "ARPHRD_SLIP6"), (259, "ARPHRD_CSLIP6"), (260, "ARPHRD_RSRVD"),
        (264, "ARPHRD_ADAPT"), (270, "ARPHRD_ROSE"), (271, "ARPHRD_X25"), (272, "ARPHRD_HWX25"),
        (280, "ARPHRD_CAN"), (290, "ARPHRD_MCTP"), (512, "ARPHRD_PPP"), (513, "ARPHRD_CISCO"),
        (516, "ARPHRD_LAPB"), (517, "ARPHRD_DDCMP"), (518, "ARPHRD_RAWHDLC"), (519, "ARPHRD_RAWIP"),
        (768, "ARPHRD_TUNNEL"), (769, "ARPHRD_TUNNEL6"), (770, "ARPHRD_FRAD"), (771, "ARPHRD_SKIP"),
        (772, "ARPHRD_LOOPBACK"), (773, "ARPHRD_LOCALTLK"), (774, "ARPHRD_FDDI"), (775, "ARPHRD_BIF"),
        (776, "ARPHRD_SIT"), (777, "ARPHRD_IPDDP"), (778, "ARPHRD_IPGRE"), (779, "ARPHRD_PIMREG"),
        (780, "ARPHRD_HIPPI"), (781, "ARPHRD_ASH"), (782, "ARPHRD_ECONET"), (783, "ARPHRD_IRDA"),
        (784, "ARPHRD_FCPP"), (785, "ARPHRD_FCAL"), (786, "ARPHRD_FCPL"), (787, "ARPHRD_FCFABRIC"),
        (800, "ARPHRD_IEEE802_TR"), (801, "ARPHRD_IEEE80211"), (802, "ARPHRD_IEEE80211_PRISM"),
        (803, "ARPHRD_IEEE80211_RADIOTAP"), (804, "ARPHRD_IEEE802154"), (805, "ARPHRD_IEEE802154_MONITOR"),
        (820, "ARPHRD_PHONET"), (821, "ARPHRD_PHONET_PIPE"), (822, "ARPHRD_CAIF"), (823, "ARPHRD_IP6GRE"),
        (824, "ARPHRD_NETLINK"), (825, "ARPHRD_6LOWPAN"), (826, "ARPHRD_VSOCKMON"), (65534, "ARPHRD_NONE"),
        (65535, "ARPHRD_VOID"),
    ])
    static let interfaceFlags = NameTable(unknown: "IFF_???", [
        (1, "IFF_UP"), (2, "IFF_BROADCAST"), (4, "IFF_DEBUG"), (8, "IFF_LOOPBACK"), (16, "IFF_POINTOPOINT"),
        (32, "IFF_NOTRAILERS"), (64, "IFF_RUNNING"), (128, "IFF_NOARP"), (256, "IFF_PROMISC"),
        (512, "IFF_ALLMULTI"), (1024, "IFF_MASTER"), (2048, "IFF_SLAVE"), (4096, "IFF_MULTICAST"),
        (8192, "IFF_PORTSEL"), (16384, "IFF_AUTOMEDIA"), (32768, "IFF_DYNAMIC"), (65536, "IFF_LOWER_UP"),
        (131072, "IFF_DORMANT"), (262144, "IFF_ECHO"),
    ])
    static let errorAttributes = NameTable(zero: "NLMSGERR_ATTR_UNUSED", unknown: "NLMSGERR_ATTR_???", [
        (0, "NLMSGERR_ATTR_UNUSED"), (1, "NLMSGERR_ATTR_MSG"), (2, "NLMSGERR_ATTR_OFFS"),
        (3, "NLMSGERR_ATTR_COOKIE"), (4, "NLMSGERR_ATTR_POLICY"), (5, "NLMSGERR_ATTR_MISS_TYPE"),
        (6, "NLMSGERR_ATTR_MISS_NEST"),
    ])
    static let linkExtFilterFlags = NameTable(unknown: "RTEXT_FILTER_???", [
        (1, "RTEXT_FILTER_VF"), (2, "RTEXT_FILTER_BRVLAN"), (4, "RTEXT_FILTER_BRVLAN_COMPRESSED"),
        (8, "RTEXT_FILTER_SKIP_STATS"), (16, "RTEXT_FILTER_MRP"), (32, "RTEXT_FILTER_CFM_CONFIG"),
        (64, "RTEXT_FILTER_CFM_STATUS"),
    ])
    static let routeAttributes = NameTable(zero: "RTA_UNSPEC", unknown: "RTA_???", [
        (0, "RTA_UNSPEC"), (1, "RTA_DST"), (2, "RTA_SRC"), (3, "RTA_IIF"), (4, "RTA_OIF"), (5, "RTA_GATEWAY"),
        (6, "RTA_PRIORITY"), (7, "RTA_PREFSRC"), (8, "RTA_METRICS"), (9, "RTA_MULTIPATH"),
        (10, "RTA_PROTOINFO"), (11, "RTA_FLOW"), (12, "RTA_CACHEINFO"), (13, "RTA_SESSION"),
        (14, "RTA_MP_ALGO"), (15, "RTA_TABLE"), (16, "RTA_MARK"), (17, "RTA_MFC_STATS"), (18, "RTA_VIA"),
        (19, "RTA_NEWDST"), (20, "RTA_PREF"), (21, "RTA_ENCAP_TYPE"), (22, "RTA_ENCAP"), (23, "RTA_EXPIRES"),
        (24, "RTA_PAD"), (25, "RTA_UID"), (26, "RTA_TTL_PROPAGATE"), (27, "RTA_IP_PROTO"), (28, "RTA_SPORT"),
        (29, "RTA_DPORT"), (30, "RTA_NH_ID"),
    ])
    static let typesOfService = NameTable(unknown: "IPTOS_TOS_???", [
        (16, "IPTOS_LOWDELAY"), (8, "IPTOS_THROUGHPUT"), (4, "IPTOS_RELIABILITY"), (2, "IPTOS_MINCOST"),
    ])
    static let routingTables = NameTable(zero: "RT_TABLE_UNSPEC", unknown: "", [
        (0, "RT_TABLE_UNSPEC"), (252, "RT_TABLE_COMPAT"), (253, "RT_TABLE_DEFAULT"), (254, "RT_TABLE_MAIN"),
        (255, "RT_TABLE_LOCAL"),
    ])
    static let routingProtocols = NameTable(zero: "RTPROT_UNSPEC", unknown: "RTPROT_???", [
        (0, "RTPROT_UNSPEC"), (1, "RTPROT_REDIRECT"), (2, "RTPROT_KERNEL"), (3, "RTPROT_BOOT"),
        (4, "RTPROT_STATIC"), (8, "RTPROT_GATED"), (9, "RTPROT_RA"), (10, "RTPROT_MRT"), (11, "RTPROT_ZEBRA"),
        (12, "RTPROT_BIRD"), (13, "RTPROT_DNROUTED"), (14, "RTPROT_XORP"), (15, "RTPROT_NTK"),
        (16, "RTPROT_DHCP"), (17, "RTPROT_MROUTED"), (18, "RTPROT_KEEPALIVED"), (42, "RTPROT_BABEL"),
        (99, "RTPROT_OPENR"), (186, "RTPROT_BGP"), (187, "RTPROT_ISIS"), (188, "RTPROT_OSPF"),
        (189, "RTPROT_RIP"), (192, "RTPROT_EIGRP"),
    ])
    static let routingTypes = NameTable(zero: "RTN_UNSPEC", unknown: "RTN_???", [
        (0, "RTN_UNSPEC"), (1, "RTN_UNICAST"), (2, "RTN_LOCAL"), (3, "RTN_BROADCAST"), (4, "RTN_ANYCAST"),
        (5, "RTN_MULTICAST"), (6, "RTN_BLACKHOLE"), (7, "RTN_UNREACHABLE"), (8, "RTN_PROHIBIT"),
        (9, "RTN_THROW"), (10, "RTN_NAT"), (11, "RTN_XRESOLVE"),
    ])
    static let routingFlags = NameTable(unknown: "RTM_F_???", [
        (256, "RTM_F_NOTIFY"), (512, "RTM_F_CLONED"), (1024, "RTM_F_EQUALIZE"), (2048, "RTM_F_PREFIX"),
        (4096, "RTM_F_LOOKUP_TABLE"), (8192, "RTM_F_FIB_MATCH"), (16384, "RTM_F_OFFLOAD"),
        (32768, "RTM_F_TRAP"), (536870912, "RTM_F_OFFLOAD_FAILED"),
    ])
    static let neighborAttributes = NameTable(zero: "NDA_UNSPEC", unknown: "NDA_???", [
        (0, "NDA_UNSPEC"), (1, "NDA_DST"), (2, "NDA_LLADDR"), (3, "NDA_CACHEINFO"), (4, "NDA_PROBES"),
        (5, "NDA_VLAN"), (6, "NDA_PORT"), (7, "NDA_VNI"), (8, "NDA_IFINDEX"), (9, "NDA_MASTER"),
        (10, "NDA_LINK_NETNSID"), (11, "NDA_SRC_VNI"), (12, "NDA_PROTOCOL"), (13, "NDA_NH_ID"),
        (14, "NDA_FDB_EXT_ATTRS"), (15, "NDA_FLAGS_EXT"), (16, "NDA_NDM_STATE_MASK"),
        (17, "NDA_NDM_FLAGS_MASK"),
    ])
    static let neighborStates = NameTable(zero: "NUD_NONE", unknown: "NUD_???", [
        (0, "NUD_NONE"), (1, "NUD_INCOMPLETE"), (2, "NUD_REACHABLE"), (4, "NUD_STALE"), (8, "NUD_DELAY"),
        (16, "NUD_PROBE"), (32, "NUD_FAILED"), (64, "NUD_NOARP"), (128, "NUD_PERMANENT"),
    ])
    static let neighborFlags = NameTable(unknown: "NTF_???", [
        (1, "NTF_USE"), (2, "NTF_SELF"), (4, "NTF_MASTER"), (8, "NTF_PROXY"), (16, "NTF_EXT_LEARNED"),
        (32, "NTF_OFFLOADED"), (64, "NTF_STICKY"), (128, "NTF_ROUTER"),
    ])
    static let ruleAttributes = NameTable(zero: "FRA_UNSPEC", unknown: "FRA_???", [
        (0, "FRA_UNSPEC"), (1, "FRA_DST"), (2, "FRA_SRC"), (3, "FRA_IIFNAME"), (4, "FRA_GOTO"),
        (5, "FRA_UNUSED2"), (6, "FRA_PRIORITY"), (7, "FRA_UNUSED3"), (8, "FRA_UNUSED4"), (9, "FRA_UNUSED5"),
        (10, "FRA_FWMARK"), (11, "FRA_FLOW"), (12, "FRA_TUN_ID"), (13, "FRA_SUPPRESS_IFGROUP"),
        (14, "FRA_SUPPRESS_PREFIXLEN"), (15, "FRA_TABLE"), (16, "FRA_FWMASK"), (17, "FRA_OIFNAME"),
        (18, "FRA_PAD"), (19, "FRA_L3MDEV"), (20, "FRA_UID_RANGE"), (21, "FRA_PROTOCOL"), (22, "FRA_IP_PROTO"),
        (23, "FRA_SPORT_RANGE"), (24, "FRA_DPORT_RANGE"),
    ])
    static let ruleActions = NameTable(zero: "FR_ACT_UNSPEC", unknown: "FR_ACT_???", [
        (0, "FR_ACT_UNSPEC"), (1, "FR_ACT_TO_TBL"), (2, "FR_ACT_GOTO"), (3, "FR_ACT_NOP"), (4, "FR_ACT_RES3"),
        (5, "FR_ACT_RES4"), (6, "FR_ACT_BLACKHOLE"), (7, "FR_ACT_UNREACHABLE"), (8, "FR_ACT_PROHIBIT"),
    ])
    static let ruleFlags = NameTable(unknown: "FIB_RULE_???", [
        (1, "FIB_RULE_PERMANENT"), (2, "FIB_RULE_INVERT"), (4, "FIB_RULE_UNRESOLVED"),
        (8, "FIB_RULE_IIF_DETACHED"), (16, "FIB_RULE_OIF_DETACHED"), (65536, "FIB_RULE_FIND_SADDR"),
    ])
    static let tcAttributes = NameTable(zero: "TCA_UNSPEC", unknown: "TCA_???", [
        (0, "TCA_UNSPEC"), (1, "TCA_KIND"), (2, "TCA_OPTIONS"), (3, "TCA_STATS"), (4, "TCA_XSTATS"),
        (5, "TCA_RATE"), (6, "TCA_FCNT"), (7, "TCA_STATS2"), (8, "TCA_STAB"), (9, "TCA_PAD"),
        (10, "TCA_DUMP_INVISIBLE"), (11, "TCA_CHAIN"), (12, "TCA_HW_OFFLOAD"), (13, "TCA_INGRESS_BLOCK"),
        (14, "TCA_EGRESS_BLOCK"), (15, "TCA_DUMP_FLAGS"),
    ])
    static let tcActionAttributes = NameTable(zero: "TCA_ACT_UNSPEC", unknown: "TCA_ACT_???", [
        (0, "TCA_ACT_UNSPEC"), (1, "TCA_ACT_KIND"), (2, "TCA_ACT_OPTIONS"), (3, "TCA_ACT_INDEX"),
        (4, "TCA_ACT_STATS"), (5, "TCA_ACT_PAD"), (6, "TCA_ACT_COOKIE"), (7, "TCA_ACT_FLAGS"),
        (8, "TCA_ACT_HW_STATS"), (9, "TCA_ACT_USED_HW_STATS"), (10, "TCA_ACT_IN_HW_COUNT"),
    ])
    static let addressLabelAttributes = NameTable(unknown: "IFAL_???", [
        (1, "IFAL_ADDRESS"), (2, "IFAL_LABEL"),
    ])
    static let dcbAttributes = NameTable(zero: "DCB_ATTR_UNDEFINED", unknown: "DCB_ATTR_???", [
        (0, "DCB_ATTR_UNDEFINED"), (1, "DCB_ATTR_IFNAME"), (2, "DCB_ATTR_STATE"), (3, "DCB_ATTR_PFC_STATE"),
        (4, "DCB_ATTR_PFC_CFG"), (5, "DCB_ATTR_NUM_TC"), (6, "DCB_ATTR_PG_CFG"), (7, "DCB_ATTR_SET_ALL"),
        (8, "DCB_ATTR_PERM_HWADDR"), (9, "DCB_ATTR_CAP"), (10, "DCB_ATTR_NUMTCS"), (11, "DCB_ATTR_BCN"),
        (12, "DCB_ATTR_APP"), (13, "DCB_ATTR_IEEE"), (14, "DCB_ATTR_DCBX"), (15, "DCB_ATTR_FEATCFG"),
        (16, "DCB_ATTR_CEE"),
    ])
    static let dcbCommands = NameTable(zero: "DCB_CMD_UNDEFINED", unknown: "DCB_CMD_???", [
        (0, "DCB_CMD_UNDEFINED"), (1, "DCB_CMD_GSTATE"), (2, "DCB_CMD_SSTATE"), (3, "DCB_CMD_PGTX_GCFG"),
        (4, "DCB_CMD_PGTX_SCFG"), (5, "DCB_CMD_PGRX_GCFG"), (6, "DCB_CMD_PGRX_SCFG"), (7, "DCB_CMD_PFC_GCFG"),
        (8, "DCB_CMD_PFC_SCFG"), (9, "DCB_CMD_SET_ALL"), (10, "DCB_CMD_GPERM_HWADDR"), (11, "DCB_CMD_GCAP"),
        (12, "DCB_CMD_GNUMTCS"), (13, "DCB_CMD_SNUMTCS"), (14, "DCB_CMD_PFC_GSTATE"),
        (15, "DCB_CMD_PFC_SSTATE"), (16, "DCB_CMD_BCN_GCFG"), (17, "DCB_CMD_BCN_SCFG"), (18, "DCB_CMD_GAPP"),
        (19, "DCB_CMD_SAPP"), (20, "DCB_CMD_IEEE_SET"), (21, "DCB_CMD_IEEE_GET"), (22, "DCB_CMD_GDCBX"),
        (23, "DCB_CMD_SDCBX"), (24, "DCB_CMD_GFEATCFG"), (25, "DCB_CMD_SFEATCFG"), (26, "DCB_CMD_CEE_GET"),
        (27, "DCB_CMD_IEEE_DEL"),
    ])
    static let netconfAttributes = NameTable(zero: "NETCONFA_UNSPEC", unknown: "NETCONFA_???", [
        (0, "NETCONFA_UNSPEC"), (1, "NETCONFA_IFINDEX"), (2, "NETCONFA_FORWARDING"), (3, "NETCONFA_RP_FILTER"),
        (4, "NETCONFA_MC_FORWARDING"), (5, "NETCONFA_PROXY_NEIGH"),
        (6, "NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN"), (7, "NETCONFA_INPUT"), (8, "NETCONFA_BC_FORWARDING"),
    ])
    static let mdbAttributes = NameTable(zero: "MDBA_UNSPEC", unknown: "MDBA_???", [
        (0, "MDBA_UNSPEC"), (1, "MDBA_MDB"), (2, "MDBA_ROUTER"),
    ])
    static let nsidAttributes = NameTable(zero: "NETNSA_NONE", unknown: "NETNSA_???", [
        (18446744073709551615, "NETNSA_NSID_NOT_ASSIGNED"), (0, "NETNSA_NONE"), (1, "NETNSA_NSID"),
        (2, "NETNSA_PID"), (3, "NETNSA_FD"), (4, "NETNSA_TARGET_NSID"), (5, "NETNSA_CURRENT_NSID"),
    ])
    static let statsAttributes = NameTable(zero: "IFLA_STATS_UNSPEC", unknown: "IFLA_STATS_???", [
        (0, "IFLA_STATS_UNSPEC"), (1, "IFLA_STATS_LINK_64"), (2, "IFLA_STATS_LINK_XSTATS"),
        (3, "IFLA_STATS_LINK_XSTATS_SLAVE"), (4, "IFLA_STATS_LINK_OFFLOAD_XSTATS"), (5, "IFLA_STATS_AF_SPEC"),
    ])
    static let statsAttributeFlags = NameTable(unknown: "1<<IFLA_STATS_???", [
        (1, "1<<IFLA_STATS_UNSPEC"), (2, "1<<IFLA_STATS_LINK_64"), (4, "1<<IFLA_STATS_LINK_XSTATS"),
        (8, "1<<IFLA_STATS_LINK_XSTATS_SLAVE"), (16, "1<<IFLA_STATS_LINK_OFFLOAD_XSTATS"),
        (32, "1<<IFLA_STATS_AF_SPEC"),
    ])
    static let nexthopAttributes = NameTable(zero: "NHA_UNSPEC", unknown: "NHA_???", [
        (0, "NHA_UNSPEC"), (1, "NHA_ID"), (2, "NHA_GROUP"), (3, "NHA_GROUP_TYPE"), (4, "NHA_BLACKHOLE"),
        (5, "NHA_OIF"), (6, "NHA_GATEWAY"), (7, "NHA_ENCAP_TYPE"), (8, "NHA_ENCAP"), (9, "NHA_GROUPS"),
        (10, "NHA_MASTER"), (11, "NHA_FDB"), (12, "NHA_RES_GROUP"), (13, "NHA_RES_BUCKET"),
    ])
    static let nexthopFlags = NameTable(unknown: "RTNH_F_???", [
        (1, "RTNH_F_DEAD"), (2, "RTNH_F_PERVASIVE"), (4, "RTNH_F_ONLINK"), (8, "RTNH_F_OFFLOAD"),
        (16, "RTNH_F_LINKDOWN"), (32, "RTNH_F_UNRESOLVED"), (64, "RTNH_F_TRAP"),
    ])
    static let neighborTableAttributes = NameTable(zero: "NDTA_UNSPEC", unknown: "NDTA_???", [
        (0, "NDTA_UNSPEC"), (1, "NDTA_NAME"), (2, "NDTA_THRESH1"), (3, "NDTA_THRESH2"), (4, "NDTA_THRESH3"),
        (5, "NDTA_CONFIG"), (6, "NDTA_PARMS"), (7, "NDTA_STATS"), (8, "NDTA_GC_INTERVAL"), (9, "NDTA_PAD"),
    ])
    static let rtnlFamilies = NameTable(unknown: "RTNL_FAMILY_???", [
        (128, "RTNL_FAMILY_IPMR"), (129, "RTNL_FAMILY_IP6MR"),
    ])
    static let ipmrCacheReportAttributes = NameTable(zero: "IPMRA_CREPORT_UNSPEC", unknown: "IPMRA_CREPORT_???", [
        (0, "IPMRA_CREPORT_UNSPEC"), (1, "IPMRA_CREPORT_MSGTYPE"), (2, "IPMRA_CREPORT_VIF_ID"),
        (3, "IPMRA_CREPORT_SRC_ADDR"), (4, "IPMRA_CREPORT_DST_ADDR"), (5, "IPMRA_CREPORT_PKT"),
        (6, "IPMRA_CREPORT_TABLE"),
    ])
    static let ip6mrCacheReportAttributes = NameTable(zero: "IP6MRA_CREPORT_UNSPEC", unknown: "IP6MRA_CREPORT_???", [
        (0, "IP6MRA_CREPORT_UNSPEC"), (1, "IP6MRA_CREPORT_MSGTYPE"), (2, "IP6MRA_CREPORT_MIF_ID"),
        (3, "IP6MRA_CREPORT_SRC_ADDR"), (4, "IP6MRA_CREPORT_DST_ADDR"), (5, "IP6MRA_CREPORT_PKT"),
    ])
    static let tcpStates = NameTable(unknown: "TCP_???", [
        (1, "TCP_ESTABLISHED"), (2, "TCP_SYN_SENT"), (3, "TCP_SYN_RECV"), (4, "TCP_FIN_WAIT1"),
        (5, "TCP_FIN_WAIT2"), (6, "TCP_TIME_WAIT"), (7, "TCP_CLOSE"), (8, "TCP_CLOSE_WAIT"),
        (9, "TCP_LAST_ACK"), (10, "TCP_LISTEN"), (11, "TCP_CLOSING"), (12, "TCP_NEW_SYN_RECV"),
    ])
    static let tcpStateFlags = NameTable(unknown: "1<<TCP_???", [
        (2, "1<<TCP_ESTABLISHED"), (4, "1<<TCP_SYN_SENT"), (8, "1<<TCP_SYN_RECV"), (16, "1<<TCP_FIN_WAIT1"),
        (32, "1<<TCP_FIN_WAIT2"), (64, "1<<TCP_TIME_WAIT"), (128, "1<<TCP_CLOSE"), (256, "1<<TCP_CLOSE_WAIT"),
        (512, "1<<TCP_LAST_ACK"), (1024, "1<<TCP_LISTEN"), (2048, "1<<TCP_CLOSING"),
        (4096, "1<<TCP_NEW_SYN_RECV"),
    ])
    static let unixDiagShow = NameTable(unknown: "UDIAG_SHOW_???", [
        (1, "UDIAG_SHOW_NAME"), (2, "UDIAG_SHOW_VFS"), (4, "UDIAG_SHOW_PEER"), (8, "UDIAG_SHOW_ICONS"),
        (16, "UDIAG_SHOW_RQLEN"), (32, "UDIAG_SHOW_MEMINFO"), (64, "UDIAG_SHOW_UID"),
    ])
    static let unixDiagAttributes = NameTable(zero: "UNIX_DIAG_NAME", unknown: "UNIX_DIAG_???", [
        (0, "UNIX_DIAG_NAME"), (1, "UNIX_DIAG_VFS"), (2, "UNIX_DIAG_PEER"), (3, "UNIX_DIAG_ICONS"),
        (4, "UNIX_DIAG_RQLEN"), (5, "UNIX_DIAG_MEMINFO"), (6, "UNIX_DIAG_SHUTDOWN"), (7, "UNIX_DIAG_UID"),
    ])
    static let netlinkDiagShow = NameTable(unknown: "NDIAG_SHOW_???", [
        (1, "NDIAG_SHOW_MEMINFO"), (2, "NDIAG_SHOW_GROUPS"), (4, "NDIAG_SHOW_RING_CFG"),
        (8, "NDIAG_SHOW_FLAGS"),
    ])
    static let netlinkDiagAttributes = NameTable(zero: "NETLINK_DIAG_MEMINFO", unknown: "NETLINK_DIAG_???", [
        (0, "NETLINK_DIAG_MEMINFO"), (1, "NETLINK_DIAG_GROUPS"), (2, "NETLINK_DIAG_RX_RING"),
        (3, "NETLINK_DIAG_TX_RING"), (4, "NETLINK_DIAG_FLAGS"),
    ])
    static let netlinkStates = NameTable(zero: "NETLINK_UNCONNECTED", unknown: "NETLINK_???", [
        (0, "NETLINK_UNCONNECTED"), (1, "NETLINK_CONNECTED"), (7, "TCP_CLOSE"),
    ])
    static let netlinkSocketFlags = NameTable(unknown: "NDIAG_FLAG_???", [
        (1, "NDIAG_FLAG_CB_RUNNING"), (2, "NDIAG_FLAG_PKTINFO"), (4, "NDIAG_FLAG_BROADCAST_ERROR"),
        (8, "NDIAG_FLAG_NO_ENOBUFS"), (16, "NDIAG_FLAG_LISTEN_ALL_NSID"), (32, "NDIAG_FLAG_CAP_ACK"),
    ])
    static let packetDiagShow = NameTable(unknown: "PACKET_SHOW_???", [
        (1, "PACKET_SHOW_INFO"), (2, "PACKET_SHOW_MCLIST"), (4, "PACKET_SHOW_RING_CFG"),
        (8, "PACKET_SHOW_FANOUT"), (16, "PACKET_SHOW_MEMINFO"), (32, "PACKET_SHOW_FILTER"),
    ])
    static let packetDiagAttributes = NameTable(zero: "PACKET_DIAG_INFO", unknown: "PACKET_DIAG_???", [
        (0, "PACKET_DIAG_INFO"), (1, "PACKET_DIAG_MCLIST"), (2, "PACKET_DIAG_RX_RING"),
        (3, "PACKET_DIAG_TX_RING"), (4, "PACKET_DIAG_FANOUT"), (5, "PACKET_DIAG_UID"),
        (6, "PACKET_DIAG_MEMINFO"), (7, "PACKET_DIAG_FILTER"),
    ])
    static let ethernetProtocols = NameTable(unknown: "ETH_P_???", [
        (1, "ETH_P_802_3"), (2, "ETH_P_AX25"), (3, "ETH_P_ALL"), (4, "ETH_P_802_2"), (5, "ETH_P_SNAP"),
        (6, "ETH_P_DDCMP"), (7, "ETH_P_WAN_PPP"), (8, "ETH_P_PPP_MP"), (9, "ETH_P_LOCALTALK"),
        (12, "ETH_P_CAN"), (13, "ETH_P_CANFD"), (14, "ETH_P_CANXL"), (16, "ETH_P_PPPTALK"),
        (17, "ETH_P_TR_802_2"), (21, "ETH_P_MOBITEX"), (22, "ETH_P_CONTROL"), (23, "ETH_P_IRDA"),
        (24, "ETH_P_ECONET"), (25, "ETH_P_HDLC"), (26, "ETH_P_ARCNET"), (27, "ETH_P_DSA"),
        (28, "ETH_P_TRAILER"), (96, "ETH_P_LOOP"), (245, "ETH_P_PHONET"), (246, "ETH_P_IEEE802154"),
        (247, "ETH_P_CAIF"), (248, "ETH_P_XDSA"), (249, "ETH_P_MAP"), (250, "ETH_P_MCTP"), (512, "ETH_P_PUP"),
        (513, "ETH_P_PUPAT"), (1536, "ETH_P_802_3_MIN"), (2048, "ETH_P_IP"), (2053, "ETH_P_X25"),
        (2054, "ETH_P_ARP"), (2303, "ETH_P_BPQ"), (2560, "ETH_P_IEEEPUP"), (2561, "ETH_P_IEEEPUPAT"),
        (8939, "ETH_P_ERSPAN2"), (8944, "ETH_P_TSN"), (17157, "ETH_P_BATMAN"), (24576, "ETH_P_DEC"),
        (24577, "ETH_P_DNA_DL"), (24578, "ETH_P_DNA_RC"), (24579, "ETH_P_DNA_RT"), (24580, "ETH_P_LAT"),
        (24581, "ETH_P_DIAG"), (24582, "ETH_P_CUST"), (24583, "ETH_P_SCA"), (25944, "ETH_P_TEB"),
        (32821, "ETH_P_RARP"), (32923, "ETH_P_ATALK"), (33011, "ETH_P_AARP"), (33024, "ETH_P_8021Q"),
        (33079, "ETH_P_IPX"), (34525, "ETH_P_IPV6"), (34824, "ETH_P_PAUSE"), (34825, "ETH_P_SLOW"),
        (34878, "ETH_P_WCCP"), (34887, "ETH_P_MPLS_UC"), (34888, "ETH_P_MPLS_MC"), (34892, "ETH_P_ATMMPOA"),
        (34915, "ETH_P_PPP_DISC"), (34916, "ETH_P_PPP_SES"), (34924, "ETH_P_LINK_CTL"),
        (34948, "ETH_P_ATMFATE"), (34958, "ETH_P_PAE"), (34969, "ETH_P_REALTEK"), (34978, "ETH_P_AOE"),
        (34984, "ETH_P_8021AD"), (34997, "ETH_P_802_EX1"), (35006, "ETH_P_ERSPAN"), (35015, "ETH_P_PREAUTH"),
        (35018, "ETH_P_TIPC"), (35020, "ETH_P_LLDP"), (35043, "ETH_P_MRP"), (35045, "ETH_P_MACSEC"),
        (35047, "ETH_P_8021AH"), (35061, "ETH_P_MVRP"), (35063, "ETH_P_1588"), (35064, "ETH_P_NCSI"),
        (35067, "ETH_P_PRP"), (35074, "ETH_P_CFM"), (35078, "ETH_P_FCOE"), (35085, "ETH_P_TDLS"),
        (35092, "ETH_P_FIP"), (35093, "ETH_P_IBOE"), (35095, "ETH_P_80221"), (35119, "ETH_P_HSR"),
        (35151, "ETH_P_NSH"), (36864, "ETH_P_LOOPBACK"), (37120, "ETH_P_QINQ1"), (37376, "ETH_P_QINQ2"),
        (37632, "ETH_P_QINQ3"), (56026, "ETH_P_EDSA"), (56027, "ETH_P_DSA_8021Q"), (57345, "ETH_P_DSA_A5PSW"),
        (60734, "ETH_P_IFE"), (64507, "ETH_P_AF_IUCV"),
    ])
    static let inetDiagExtendedFlags = NameTable(unknown: "1<<INET_DIAG_???-1", [
        (1, "1<<(INET_DIAG_MEMINFO-1)"), (2, "1<<(INET_DIAG_INFO-1)"), (4, "1<<(INET_DIAG_VEGASINFO-1)"),
        (8, "1<<(INET_DIAG_CONG-1)"), (16, "1<<(INET_DIAG_TOS-1)"), (32, "1<<(INET_DIAG_TCLASS-1)"),
        (64, "1<<(INET_DIAG_SKMEMINFO-1)"), (128, "1<<(INET_DIAG_SHUTDOWN-1)"),
        (256, "1<<(INET_DIAG_DCTCPINFO-1)"), (512, "1<<(INET_DIAG_PROTOCOL-1)"),
        (1024, "1<<(INET_DIAG_SKV6ONLY-1)"), (2048, "1<<(INET_DIAG_LOCALS-1)"),
        (4096, "1<<(INET_DIAG_PEERS-1)"), (8192, "1<<(INET_DIAG_PAD-1)"), (16384, "1<<(INET_DIAG_MARK-1)"),
        (32768, "1<<(INET_DIAG_BBRINFO-1)"), (65536, "1<<(INET_DIAG_CLASS_ID-1)"),
        (131072, "1<<(INET_DIAG_MD5SIG-1)"), (262144, "1<<(INET_DIAG_ULP_INFO-1)"),
        (524288, "1<<(INET_DIAG_SK_BPF_STORAGES-1)"), (1048576, "1<<(INET_DIAG_CGROUP_ID-1)"),
        (2097152, "1<<(INET_DIAG_SOCKOPT-1)"),
    ])
    static let inetDiagAttributes = NameTable(zero: "INET_DIAG_NONE", unknown: "INET_DIAG_???", [
        (0, "INET_DIAG_NONE"), (1, "INET_DIAG_MEMINFO"), (2, "INET_DIAG_INFO"), (3, "INET_DIAG_VEGASINFO"),
        (4, "INET_DIAG_CONG"), (5, "INET_DIAG_TOS"), (6, "INET_DIAG_TCLASS"), (7, "INET_DIAG_SKMEMINFO"),
        (8, "INET_DIAG_SHUTDOWN"), (9, "INET_DIAG_DCTCPINFO"), (10, "INET_DIAG_PROTOCOL"),
        (11, "INET_DIAG_SKV6ONLY"), (12, "INET_DIAG_LOCALS"), (13, "INET_DIAG_PEERS"), (14, "INET_DIAG_PAD"),
        (15, "INET_DIAG_MARK"), (16, "INET_DIAG_BBRINFO"), (17, "INET_DIAG_CLASS_ID"),
        (18, "INET_DIAG_MD5SIG"), (19, "INET_DIAG_ULP_INFO"), (20, "INET_DIAG_SK_BPF_STORAGES"),
        (21, "INET_DIAG_CGROUP_ID"), (22, "INET_DIAG_SOCKOPT"),
    ])
    static let inetDiagRequestAttributes = NameTable(zero: "INET_DIAG_REQ_NONE", unknown: "INET_DIAG_REQ_???", [
        (0, "INET_DIAG_REQ_NONE"), (1, "INET_DIAG_REQ_BYTECODE"), (2, "INET_DIAG_REQ_SK_BPF_STORAGES"),
        (3, "INET_DIAG_REQ_PROTOCOL"),
    ])
    static let smcStates = NameTable(unknown: "SMC_???", [
        (1, "SMC_ACTIVE"), (2, "SMC_INIT"), (7, "SMC_CLOSED"), (10, "SMC_LISTEN"), (20, "SMC_PEERCLOSEWAIT1"),
        (21, "SMC_PEERCLOSEWAIT2"), (24, "SMC_APPFINCLOSEWAIT"), (22, "SMC_APPCLOSEWAIT1"),
        (23, "SMC_APPCLOSEWAIT2"), (25, "SMC_PEERFINCLOSEWAIT"), (26, "SMC_PEERABORTWAIT"),
        (27, "SMC_PROCESSABORT"),
    ])
    static let smcDiagModes = NameTable(zero: "SMC_DIAG_MODE_SMCR", unknown: "SMC_DIAG_MODE_???", [
        (0, "SMC_DIAG_MODE_SMCR"), (1, "SMC_DIAG_MODE_FALLBACK_TCP"), (2, "SMC_DIAG_MODE_SMCD"),
    ])
    static let smcDiagExtendedFlags = NameTable(unknown: "1<<SMC_DIAG_???-1", [
        (1, "1<<(SMC_DIAG_CONNINFO-1)"), (2, "1<<(SMC_DIAG_LGRINFO-1)"),
    ])
    static let smcDiagAttributes = NameTable(zero: "SMC_DIAG_NONE", unknown: "SMC_DIAG_???", [
        (0, "SMC_DIAG_NONE"), (1, "SMC_DIAG_CONNINFO"), (2, "SMC_DIAG_LGRINFO"), (3, "SMC_DIAG_SHUTDOWN"),
        (4, "SMC_DIAG_DMBINFO"), (5, "SMC_DIAG_FALLBACK"),
    ])
    static let packetVersions = NameTable(zero: "TPACKET_V1", unknown: "TPACKET_???", [
        (0, "TPACKET_V1"), (1, "TPACKET_V2"), (2, "TPACKET_V3"),
    ])
    static let packetDiagInfoFlags = NameTable(unknown: "PDI_???", [
        (1, "PDI_RUNNING"), (2, "PDI_AUXDATA"), (4, "PDI_ORIGDEV"), (8, "PDI_VNETHDR"), (16, "PDI_LOSS"),
    ])
    static let memInfoIndices = NameTable(zero: "SK_MEMINFO_RMEM_ALLOC", unknown: "SK_MEMINFO_???", [
        (0, "SK_MEMINFO_RMEM_ALLOC"), (1, "SK_MEMINFO_RCVBUF"), (2, "SK_MEMINFO_WMEM_ALLOC"),
        (3, "SK_MEMINFO_SNDBUF"), (4, "SK_MEMINFO_FWD_ALLOC"), (5, "SK_MEMINFO_WMEM_QUEUED"),
        (6, "SK_MEMINFO_OPTMEM"), (7, "SK_MEMINFO_BACKLOG"), (8, "SK_MEMINFO_DROPS"),
    ])
    static let ipmrMessageTypes = NameTable(unknown: "IGMPMSG_???", [
        (1, "IGMPMSG_NOCACHE"), (2, "IGMPMSG_WRONGVIF"), (3, "IGMPMSG_WHOLEPKT"), (4, "IGMPMSG_WRVIFWHOLE"),
    ])
    static let ip6mrMessageTypes = NameTable(unknown: "MRT6MSG_???", [
        (1, "MRT6MSG_NOCACHE"), (2, "MRT6MSG_WRONGMIF"), (3, "MRT6MSG_WHOLEPKT"),
    ])
    static let lwtunnelEncapTypes = NameTable(zero: "LWTUNNEL_ENCAP_NONE", unknown: "LWTUNNEL_ENCAP_???", [
        (0, "LWTUNNEL_ENCAP_NONE"), (1, "LWTUNNEL_ENCAP_MPLS"), (2, "LWTUNNEL_ENCAP_IP"),
        (3, "LWTUNNEL_ENCAP_ILA"), (4, "LWTUNNEL_ENCAP_IP6"), (5, "LWTUNNEL_ENCAP_SEG6"),
        (6, "LWTUNNEL_ENCAP_BPF"), (7, "LWTUNNEL_ENCAP_SEG6_LOCAL"), (8, "LWTUNNEL_ENCAP_RPL"),
    ])
    static let routeMetricsAttributes = NameTable(zero: "RTAX_UNSPEC", unknown: "RTAX_???", [
        (0, "RTAX_UNSPEC"), (1, "RTAX_LOCK"), (2, "RTAX_MTU"), (3, "RTAX_WINDOW"), (4, "RTAX_RTT"),
        (5, "RTAX_RTTVAR"), (6, "RTAX_SSTHRESH"), (7, "RTAX_CWND"), (8, "RTAX_ADVMSS"), (9, "RTAX_REORDERING"),
        (10, "RTAX_HOPLIMIT"), (11, "RTAX_INITCWND"), (12, "RTAX_FEATURES"), (13, "RTAX_RTO_MIN"),
        (14, "RTAX_INITRWND"), (15, "RTAX_QUICKACK"), (16, "RTAX_CC_ALGO"), (17, "RTAX_FASTOPEN_NO_COOKIE"),
    ])
    static let linkPortAttributes = NameTable(zero: "IFLA_PORT_UNSPEC", unknown: "IFLA_PORT_???", [
        (0, "IFLA_PORT_UNSPEC"), (1, "IFLA_PORT_VF"), (2, "IFLA_PORT_PROFILE"), (3, "IFLA_PORT_VSI_TYPE"),
        (4, "IFLA_PORT_INSTANCE_UUID"), (5, "IFLA_PORT_HOST_UUID"), (6, "IFLA_PORT_REQUEST"),
        (7, "IFLA_PORT_RESPONSE"),
    ])
    static let linkVfPortAttributes = NameTable(zero: "IFLA_VF_PORT_UNSPEC", unknown: "IFLA_VF_PORT_???", [
        (0, "IFLA_VF_PORT_UNSPEC"), (1, "IFLA_VF_PORT"),
    ])
    static let linkXdpAttributes = NameTable(zero: "IFLA_XDP_UNSPEC", unknown: "IFLA_XDP_???", [
        (0, "IFLA_XDP_UNSPEC"), (1, "IFLA_XDP_FD"), (2, "IFLA_XDP_ATTACHED"), (3, "IFLA_XDP_FLAGS"),
        (4, "IFLA_XDP_PROG_ID"), (5, "IFLA_XDP_DRV_PROG_ID"), (6, "IFLA_XDP_SKB_PROG_ID"),
        (7, "IFLA_XDP_HW_PROG_ID"), (8, "IFLA_XDP_EXPECTED_FD"),
    ])
    static let xdpFlags = NameTable(unknown: "XDP_FLAGS_???", [
        (14, "XDP_FLAGS_MODES"), (1, "XDP_FLAGS_UPDATE_IF_NOEXIST"), (2, "XDP_FLAGS_SKB_MODE"),
        (4, "XDP_FLAGS_DRV_MODE"), (8, "XDP_FLAGS_HW_MODE"), (16, "XDP_FLAGS_REPLACE"),
    ])
    static let xdpAttachedModes = NameTable(zero: "XDP_ATTACHED_NONE", unknown: "XDP_ATTACHED_???", [
        (0, "XDP_ATTACHED_NONE"), (1, "XDP_ATTACHED_DRV"), (2, "XDP_ATTACHED_SKB"), (3, "XDP_ATTACHED_HW"),
        (4, "XDP_ATTACHED_MULTI"),
    ])
    static let protoDownReasonAttributes = NameTable(zero: "IFLA_PROTO_DOWN_REASON_UNSPEC", unknown: "IFLA_PROTO_DOWN_REASON_???", [
        (0, "IFLA_PROTO_DOWN_REASON_UNSPEC"), (1, "IFLA_PROTO_DOWN_REASON_MASK"),
        (2, "IFLA_PROTO_DOWN_REASON_VALUE"),
    ])
    static let tcActionFlags = NameTable(unknown: "TCA_ACT_FLAGS_???", [
        (1, "TCA_ACT_FLAGS_NO_PERCPU_STATS"), (2, "TCA_ACT_FLAGS_SKIP_HW"), (4, "TCA_ACT_FLAGS_SKIP_SW"),
    ])
    static let shutdownFlags = NameTable(unknown: "???_SHUTDOWN", [
        (1, "RCV_SHUTDOWN"), (2, "SEND_SHUTDOWN"),
    ])
    static let neighborTableParameterAttributes = NameTable(zero: "NDTPA_UNSPEC", unknown: "NDTPA_???", [
        (0, "NDTPA_UNSPEC"), (1, "NDTPA_IFINDEX"), (2, "NDTPA_REFCNT"), (3, "NDTPA_REACHABLE_TIME"),
        (4, "NDTPA_BASE_REACHABLE_TIME"), (5, "NDTPA_RETRANS_TIME"), (6, "NDTPA_GC_STALETIME"),
        (7, "NDTPA_DELAY_PROBE_TIME"), (8, "NDTPA_QUEUE_LEN"), (9, "NDTPA_APP_PROBES"),
        (10, "NDTPA_UCAST_PROBES"), (11, "NDTPA_MCAST_PROBES"), (12, "NDTPA_ANYCAST_DELAY"),
        (13, "NDTPA_PROXY_DELAY"), (14, "NDTPA_PROXY_QLEN"), (15, "NDTPA_LOCKTIME"),
        (16, "NDTPA_QUEUE_LENBYTES"), (17, "NDTPA_MCAST_REPROBES"), (18, "NDTPA_PAD"),
        (19, "NDTPA_INTERVAL_PROBE_TIME_MS"),
    ])
    static let tcStatsAttributes = NameTable(zero: "TCA_STATS_UNSPEC", unknown: "TCA_STATS_???", [
        (0, "TCA_STATS_UNSPEC"), (1, "TCA_STATS_BASIC"), (2, "TCA_STATS_RATE_EST"), (3, "TCA_STATS_QUEUE"),
        (4, "TCA_STATS_APP"), (5, "TCA_STATS_RATE_EST64"), (6, "TCA_STATS_PAD"), (7, "TCA_STATS_BASIC_HW"),
        (8, "TCA_STATS_PKT64"),
    ])
    static let linkEvents = NameTable(zero: "IFLA_EVENT_NONE", unknown: "IFLA_EVENT_???", [
        (0, "IFLA_EVENT_NONE"), (1, "IFLA_EVENT_REBOOT"), (2, "IFLA_EVENT_FEATURES"),
        (3, "IFLA_EVENT_BONDING_FAILOVER"), (4, "IFLA_EVENT_NOTIFY_PEERS"), (5, "IFLA_EVENT_IGMP_RESEND"),
        (6, "IFLA_EVENT_BONDING_OPTIONS"),
    ])
    static let inet6InterfaceFlags = NameTable(unknown: "IF_???", [
        (16, "IF_RS_SENT"), (32, "IF_RA_RCVD"), (64, "IF_RA_MANAGED"), (128, "IF_RA_OTHERCONF"),
        (2147483648, "IF_READY"),
    ])
    static let inet6DevconfIndices = NameTable(zero: "DEVCONF_FORWARDING", unknown: "DEVCONF_???", [
        (0, "DEVCONF_FORWARDING"), (1, "DEVCONF_HOPLIMIT"), (2, "DEVCONF_MTU6"), (3, "DEVCONF_ACCEPT_RA"),
        (4, "DEVCONF_ACCEPT_REDIRECTS"), (5, "DEVCONF_AUTOCONF"), (6, "DEVCONF_DAD_TRANSMITS"),
        (7, "DEVCONF_RTR_SOLICITS"), (8, "DEVCONF_RTR_SOLICIT_INTERVAL"), (9, "DEVCONF_RTR_SOLICIT_DELAY"),
        (10, "DEVCONF_USE_TEMPADDR"), (11, "DEVCONF_TEMP_VALID_LFT"), (12, "DEVCONF_TEMP_PREFERED_LFT"),
        (13, "DEVCONF_REGEN_MAX_RETRY"), (14, "DEVCONF_MAX_DESYNC_FACTOR"), (15, "DEVCONF_MAX_ADDRESSES"),
        (16, "DEVCONF_FORCE_MLD_VERSION"), (17, "DEVCONF_ACCEPT_RA_DEFRTR"), (18, "DEVCONF_ACCEPT_RA_PINFO"),
        (19, "DEVCONF_ACCEPT_RA_RTR_PREF"), (20, "DEVCONF_RTR_PROBE_INTERVAL"),
        (21, "DEVCONF_ACCEPT_RA_RT_INFO_MAX_PLEN"), (22, "DEVCONF_PROXY_NDP"), (23, "DEVCONF_OPTIMISTIC_DAD"),
        (24, "DEVCONF_ACCEPT_SOURCE_ROUTE"), (25, "DEVCONF_MC_FORWARDING"), (26, "DEVCONF_DISABLE_IPV6"),
        (27, "DEVCONF_ACCEPT_DAD"), (28, "DEVCONF_FORCE_TLLAO"), (29, "DEVCONF_NDISC_NOTIFY"),
        (30, "DEVCONF_MLDV1_UNSOLICITED_REPORT_INTERVAL"), (31, "DEVCONF_MLDV2_UNSOLICITED_REPORT_INTERVAL"),
        (32, "DEVCONF_SUPPRESS_FRAG_NDISC"), (33, "DEVCONF_ACCEPT_RA_FROM_LOCAL"),
        (34, "DEVCONF_USE_OPTIMISTIC"), (35, "DEVCONF_ACCEPT_RA_MTU"), (36, "DEVCONF_STABLE_SECRET"),
        (37, "DEVCONF_USE_OIF_ADDRS_ONLY"), (38, "DEVCONF_ACCEPT_RA_MIN_HOP_LIMIT"),
        (39, "DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN"), (40, "DEVCONF_DROP_UNICAST_IN_L2_MULTICAST"),
        (41, "DEVCONF_DROP_UNSOLICITED_NA"), (42, "DEVCONF_KEEP_ADDR_ON_DOWN"),
        (43, "DEVCONF_RTR_SOLICIT_MAX_INTERVAL"), (44, "DEVCONF_SEG6_ENABLED"),
        (45, "DEVCONF_SEG6_REQUIRE_HMAC"), (46, "DEVCONF_ENHANCED_DAD"), (47, "DEVCONF_ADDR_GEN_MODE"),
        (48, "DEVCONF_DISABLE_POLICY"), (49, "DEVCONF_ACCEPT_RA_RT_INFO_MIN_PLEN"),
        (50, "DEVCONF_NDISC_TCLASS"), (51, "DEVCONF_RPL_SEG_ENABLED"), (52, "DEVCONF_RA_DEFRTR_METRIC"),
        (53, "DEVCONF_IOAM6_ENABLED"), (54, "DEVCONF_IOAM6_ID"), (55, "DEVCONF_IOAM6_ID_WIDE"),
        (56, "DEVCONF_NDISC_EVICT_NOCARRIER"), (57, "DEVCONF_ACCEPT_UNTRACKED_NA"),
    ])
    static let ipStatsIndices = NameTable(zero: "IPSTATS_MIB_NUM", unknown: "IPSTATS_MIB_???", [
        (0, "IPSTATS_MIB_NUM"), (1, "IPSTATS_MIB_INPKTS"), (2, "IPSTATS_MIB_INOCTETS"),
        (3, "IPSTATS_MIB_INDELIVERS"), (4, "IPSTATS_MIB_OUTFORWDATAGRAMS"), (5, "IPSTATS_MIB_OUTPKTS"),
        (6, "IPSTATS_MIB_OUTOCTETS"), (7, "IPSTATS_MIB_INHDRERRORS"), (8, "IPSTATS_MIB_INTOOBIGERRORS"),
        (9, "IPSTATS_MIB_INNOROUTES"), (10, "IPSTATS_MIB_INADDRERRORS"), (11, "IPSTATS_MIB_INUNKNOWNPROTOS"),
        (12, "IPSTATS_MIB_INTRUNCATEDPKTS"), (13, "IPSTATS_MIB_INDISCARDS"), (14, "IPSTATS_MIB_OUTDISCARDS"),
        (15, "IPSTATS_MIB_OUTNOROUTES"), (16, "IPSTATS_MIB_REASMTIMEOUT"), (17, "IPSTATS_MIB_REASMREQDS"),
        (18, "IPSTATS_MIB_REASMOKS"), (19, "IPSTATS_MIB_REASMFAILS"), (20, "IPSTATS_MIB_FRAGOKS"),
        (21, "IPSTATS_MIB_FRAGFAILS"), (22, "IPSTATS_MIB_FRAGCREATES"), (23, "IPSTATS_MIB_INMCASTPKTS"),
        (24, "IPSTATS_MIB_OUTMCASTPKTS"), (25, "IPSTATS_MIB_INBCASTPKTS"), (26, "IPSTATS_MIB_OUTBCASTPKTS"),
        (27, "IPSTATS_MIB_INMCASTOCTETS"), (28, "IPSTATS_MIB_OUTMCASTOCTETS"),
        (29, "IPSTATS_MIB_INBCASTOCTETS"), (30, "IPSTATS_MIB_OUTBCASTOCTETS"), (31, "IPSTATS_MIB_CSUMERRORS"),
        (32, "IPSTATS_MIB_NOECTPKTS"), (33, "IPSTATS_MIB_ECT1PKTS"), (34, "IPSTATS_MIB_ECT0PKTS"),
        (35, "IPSTATS_MIB_CEPKTS"), (36, "IPSTATS_MIB_REASM_OVERLAPS"),
    ])
    static let icmp6StatsIndices = NameTable(zero: "ICMP6_MIB_NUM", unknown: "ICMP6_MIB_???", [
        (0, "ICMP6_MIB_NUM"), (1, "ICMP6_MIB_INMSGS"), (2, "ICMP6_MIB_INERRORS"), (3, "ICMP6_MIB_OUTMSGS"),
        (4, "ICMP6_MIB_OUTERRORS"), (5, "ICMP6_MIB_CSUMERRORS"),
    ])
    static let addressGenerationModes = NameTable(zero: "IN6_ADDR_GEN_MODE_EUI64", unknown: "IN6_ADDR_GEN_MODE_???", [
        (0, "IN6_ADDR_GEN_MODE_EUI64"), (1, "IN6_ADDR_GEN_MODE_NONE"), (2, "IN6_ADDR_GEN_MODE_STABLE_PRIVACY"),
        (3, "IN6_ADDR_GEN_MODE_RANDOM"),
    ])
    static let inet6LinkAttributes = NameTable(zero: "IFLA_INET6_UNSPEC", unknown: "IFLA_INET6_???", [
        (0, "IFLA_INET6_UNSPEC"), (1, "IFLA_INET6_FLAGS"), (2, "IFLA_INET6_CONF"), (3, "IFLA_INET6_STATS"),
        (4, "IFLA_INET6_MCAST"), (5, "IFLA_INET6_CACHEINFO"), (6, "IFLA_INET6_ICMP6STATS"),
        (7, "IFLA_INET6_TOKEN"), (8, "IFLA_INET6_ADDR_GEN_MODE"), (9, "IFLA_INET6_RA_MTU"),
    ])
    static let bridgePortAttributes = NameTable(zero: "IFLA_BRPORT_UNSPEC", unknown: "IFLA_BRPORT_???", [
        (0, "IFLA_BRPORT_UNSPEC"), (1, "IFLA_BRPORT_STATE"), (2, "IFLA_BRPORT_PRIORITY"),
        (3, "IFLA_BRPORT_COST"), (4, "IFLA_BRPORT_MODE"), (5, "IFLA_BRPORT_GUARD"), (6, "IFLA_BRPORT_PROTECT"),
        (7, "IFLA_BRPORT_FAST_LEAVE"), (8, "IFLA_BRPORT_LEARNING"), (9, "IFLA_BRPORT_UNICAST_FLOOD"),
        (10, "IFLA_BRPORT_PROXYARP"), (11, "IFLA_BRPORT_LEARNING_SYNC"), (12, "IFLA_BRPORT_PROXYARP_WIFI"),
        (13, "IFLA_BRPORT_ROOT_ID"), (14, "IFLA_BRPORT_BRIDGE_ID"), (15, "IFLA_BRPORT_DESIGNATED_PORT"),
        (16, "IFLA_BRPORT_DESIGNATED_COST"), (17, "IFLA_BRPORT_ID"), (18, "IFLA_BRPORT_NO"),
        (19, "IFLA_BRPORT_TOPOLOGY_CHANGE_ACK"), (20, "IFLA_BRPORT_CONFIG_PENDING"),
        (21, "IFLA_BRPORT_MESSAGE_AGE_TIMER"), (22, "IFLA_BRPORT_FORWARD_DELAY_TIMER"),
        (23, "IFLA_BRPORT_HOLD_TIMER"), (24, "IFLA_BRPORT_FLUSH"), (25, "IFLA_BRPORT_MULTICAST_ROUTER"),
        (26, "IFLA_BRPORT_PAD"), (27, "IFLA_BRPORT_MCAST_FLOOD"), (28, "IFLA_BRPORT_MCAST_TO_UCAST"),
        (29, "IFLA_BRPORT_VLAN_TUNNEL"), (30, "IFLA_BRPORT_BCAST_FLOOD"), (31, "IFLA_BRPORT_GROUP_FWD_MASK"),
        (32, "IFLA_BRPORT_NEIGH_SUPPRESS"), (33, "IFLA_BRPORT_ISOLATED"), (34, "IFLA_BRPORT_BACKUP_PORT"),
        (35, "IFLA_BRPORT_MRP_RING_OPEN"), (36, "IFLA_BRPORT_MRP_IN_OPEN"),
        (37, "IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT"), (38, "IFLA_BRPORT_MCAST_EHT_HOSTS_CNT"),
        (39, "IFLA_BRPORT_LOCKED"),
    ])
    static let tcActionHardwareStats = NameTable(unknown: "TCA_ACT_HW_STATS_???", [
        (1, "TCA_ACT_HW_STATS_IMMEDIATE"), (2, "TCA_ACT_HW_STATS_DELAYED"),
    ])
    static let tcStabAttributes = NameTable(unknown: "TCA_STAB_???", [
        (0, "TCA_STAB_UNSPEC"), (1, "TCA_STAB_BASE"), (2, "TCA_STAB_DATA"),
    ])
    static let linkInfoAttributes = NameTable(unknown: "IFLA_INFO_???", [
        (0, "IFLA_INFO_UNSPEC"), (1, "IFLA_INFO_KIND"), (2, "IFLA_INFO_DATA"), (3, "IFLA_INFO_XSTATS"),
        (4, "IFLA_INFO_SLAVE_KIND"), (5, "IFLA_INFO_SLAVE_DATA"),
    ])
    static let fdbExtendedAttributes = NameTable(unknown: "NFEA_???", [
        (0, "NFEA_UNSPEC"), (1, "NFEA_ACTIVITY_NOTIFY"), (2, "NFEA_DONT_REFRESH"),
    ])
    static let fdbNotifyFlags = NameTable(unknown: "FDB_NOTIFY_???", [(1, "FDB_NOTIFY_BIT"), (2, "FDB_NOTIFY_INACTIVE_BIT")])
    static let neighborExtendedFlags = NameTable(unknown: "NTF_EXT_???", [(1, "NTF_EXT_MANAGED")])
}
