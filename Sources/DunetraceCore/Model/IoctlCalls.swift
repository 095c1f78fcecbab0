// The ioctl family of the model (see ModelTypes.swift for the vocabulary): one variant per
// request common programs use, with the argument as the driver reads it. A request not named
// here is refused with ENOTTY on an open descriptor (EBADF on a closed one, as the kernel's
// descriptor lookup comes first: GuardCall.swift). No _IOC type is trusted by its encoding alone (`flatIoctlTypes`
// is empty): every family checked has requests whose encoding lies about the argument
// ('T' and 0x12 use the legacy encoding for pointers, 'f' has FS_IOC_FIEMAP's trailing array
// and fs-verity's u64 pointers, 'X' has XFS's pointer-carrying structures, '$' has perf's
// variable QUERY_BPF), and 0xAE (KVM), 'd', 'V', 0x94, 'U' carry pointers. evdev's requests that
// carry a length or an axis in their number are SizedIoctl patterns, each naming its request.
import Glibc

extension SyscallModel {
    // MARK: terminals

    /// struct termios as the kernel has it (not the C library's 60-byte one): 19 control characters.
    static let ioctlTermios = StructLayout("termios", size: 36, termiosFlagFields(flagBytes: 4))
    /// struct termios2 (TCGETS2...): termios, then the input and output speeds.
    static let ioctlTermios2 = StructLayout("termios2", size: 44, termiosFlagFields(flagBytes: 4) + [
        Field("c_ispeed", 36, .int(.uint)), Field("c_ospeed", 40, .int(.uint)),
    ])
    /// struct termio (TCGETA...): 16-bit flags, 8 control characters.
    static let ioctlTermio = StructLayout("termio", size: 18, termiosFlagFields(flagBytes: 2))
    static let ioctlWinsize = StructLayout("winsize", size: 8, [
        Field("ws_row", 0, .int(.u16)), Field("ws_col", 2, .int(.u16)),
        Field("ws_xpixel", 4, .int(.u16)), Field("ws_ypixel", 6, .int(.u16)),
    ])

    private static func termiosFlagFields(flagBytes: Int) -> [Field] {
        let t = flagBytes == 4 ? CInt.uint : CInt.u16
        return [
            Field("c_iflag", 0, .int(t, .flags(FlagTables.termiosInput))),
            Field("c_oflag", flagBytes, .int(t, .flags(FlagTables.termiosOutput))),
            Field("c_cflag", 2 * flagBytes, .int(t, .hex)),
            Field("c_lflag", 3 * flagBytes, .int(t, .flags(FlagTables.termiosLocal))),
            Field("c_line", 4 * flagBytes, .int(.u8)),
        ]
    }

    // MARK: sockets and network interfaces

    /// struct ifreq: a 16-byte name, then a 24-byte union; flat for the requests named here
    /// (SIOCETHTOOL, SIOCWANDEV, SIOCSHWTSTAMP and the private ones put a pointer in the union
    /// and are not described).
    static let ioctlIfreq = StructLayout("ifreq", size: 40, [Field("ifr_ifindex", 16, .int(.int))])
    /// struct ifconf: the kernel writes up to ifc_len bytes of ifreqs at ifc_buf (NULL: it only
    /// sets ifc_len to the size needed), then writes ifc_len back.
    static let ioctlIfconf = StructLayout("ifconf", size: 16, [
        Field("ifc_len", 0, .int(.int)),
        Field("ifc_buf", 8, .output(.bytes(.field("ifc_len")), optional: true)),
    ])
    static let ioctlArpreq = StructLayout("arpreq", size: 68, [Field("arp_flags", 32, .int(.int, .hex))])

    // MARK: block devices, loop devices, file systems

    static let ioctlBlkpgPartition = StructLayout("blkpg_partition", size: 152, [
        Field("start", 0, .int(.s64)), Field("length", 8, .int(.s64)), Field("pno", 16, .int(.int)),
    ])
    /// struct blkpg_ioctl_arg: `data` points to a blkpg_partition, read whole whatever datalen says.
    static let ioctlBlkpgArg = StructLayout("blkpg_ioctl_arg", size: 24, [
        Field("op", 0, .int(.int)), Field("flags", 4, .int(.int)), Field("datalen", 8, .int(.int)),
        Field("data", 16, .input(.structure(ioctlBlkpgPartition))),
    ])
    /// struct blk_user_trace_setup: the device's name (written back), masks, sizes, the pid.
    static let ioctlBlkUserTraceSetup = StructLayout("blk_user_trace_setup", size: 72, [
        Field("act_mask", 32, .int(.u16)), Field("buf_size", 36, .int(.u32)), Field("buf_nr", 40, .int(.u32)),
        Field("start_lba", 48, .int(.u64)), Field("end_lba", 56, .int(.u64)), Field("pid", 64, .int(.u32)),
    ])
    static let ioctlLoopInfo = StructLayout("loop_info", size: 168, [
        Field("lo_number", 0, .int(.int)), Field("lo_device", 8, .int(.ulong, .hex)),
        Field("lo_inode", 16, .int(.ulong)), Field("lo_rdevice", 24, .int(.ulong, .hex)),
        Field("lo_offset", 32, .int(.int)), Field("lo_encrypt_type", 36, .int(.int)),
        Field("lo_encrypt_key_size", 40, .int(.int)), Field("lo_flags", 44, .int(.int, .hex)),
    ])
    private static let loopInfo64Fields: [Field] = [
        Field("lo_device", 0, .int(.u64, .hex)), Field("lo_inode", 8, .int(.u64)),
        Field("lo_rdevice", 16, .int(.u64, .hex)), Field("lo_offset", 24, .int(.u64)),
        Field("lo_sizelimit", 32, .int(.u64)), Field("lo_number", 40, .int(.u32)),
        Field("lo_encrypt_type", 44, .int(.u32)), Field("lo_encrypt_key_size", 48, .int(.u32)),
        Field("lo_flags", 52, .int(.u32, .hex)),
    ]
    static let ioctlLoopInfo64 = StructLayout("loop_info64", size: 232, loopInfo64Fields)
    /// struct loop_config: the backing file's descriptor (u32), then a loop_info64 at 8.
    static let ioctlLoopConfig = StructLayout("loop_config", size: 304, [
        Field("fd", 0, .fd), Field("block_size", 4, .int(.u32)),
    ] + loopInfo64Fields.map { Field("info." + $0.name, $0.offset + 8, $0.type) })
    static let ioctlFsxattr = StructLayout("fsxattr", size: 28, [
        Field("fsx_xflags", 0, .int(.u32, .hex)), Field("fsx_extsize", 4, .int(.u32)),
        Field("fsx_nextents", 8, .int(.u32)), Field("fsx_projid", 12, .int(.u32)),
        Field("fsx_cowextsize", 16, .int(.u32)),
    ])
    /// struct file_clone_range: src_fd is an __s64 the kernel cuts to a descriptor.
    static let ioctlFileCloneRange = StructLayout("file_clone_range", size: 32, [
        Field("src_fd", 0, .fd), Field("src_offset", 8, .int(.u64)),
        Field("src_length", 16, .int(.u64)), Field("dest_offset", 24, .int(.u64)),
    ])
    static let ioctlFstrimRange = StructLayout("fstrim_range", size: 24, [
        Field("start", 0, .int(.u64)), Field("len", 8, .int(.u64)), Field("minlen", 16, .int(.u64)),
    ])

    // MARK: KVM (flat structures only)

    static let ioctlKvmRegs = StructLayout("kvm_regs", size: 144, [])
    static let ioctlKvmSregs = StructLayout("kvm_sregs", size: 312, [])
    static let ioctlKvmFpu = StructLayout("kvm_fpu", size: 416, [])

    // MARK: the requests

    private static func noArgument(_ value: UInt64, _ name: String) -> Variant {
        Variant(value, name, [2: Parameter("arg", .unused)])
    }
    private static func integer(_ value: UInt64, _ name: String, _ type: CInt = .int, _ format: IntFormat = .decimal) -> Variant {
        Variant(value, name, [2: Parameter("arg", .int(type, format))])
    }
    private static func descriptor(_ value: UInt64, _ name: String, _ role: DescriptorRole = .any) -> Variant {
        Variant(value, name, [2: Parameter("arg", .descriptor(role))])
    }
    private static func reads(_ value: UInt64, _ name: String, _ pointee: Pointee) -> Variant {
        Variant(value, name, [2: Parameter("arg", .input(pointee))])
    }
    private static func writes(_ value: UInt64, _ name: String, _ pointee: Pointee) -> Variant {
        Variant(value, name, [2: Parameter("arg", .output(pointee))])
    }
    private static func updates(_ value: UInt64, _ name: String, _ pointee: Pointee) -> Variant {
        Variant(value, name, [2: Parameter("arg", .both(pointee))])
    }
    private static func scalar(_ type: CInt, _ format: IntFormat = .decimal) -> Pointee { .scalar(type, format) }

    static let terminalRequests: [Variant] = [
        writes(0x5401, "TCGETS", .structure(ioctlTermios)),
        reads(0x5402, "TCSETS", .structure(ioctlTermios)),
        reads(0x5403, "TCSETSW", .structure(ioctlTermios)),
        reads(0x5404, "TCSETSF", .structure(ioctlTermios)),
        writes(0x5405, "TCGETA", .structure(ioctlTermio)),
        reads(0x5406, "TCSETA", .structure(ioctlTermio)),
        reads(0x5407, "TCSETAW", .structure(ioctlTermio)),
        reads(0x5408, "TCSETAF", .structure(ioctlTermio)),
        integer(0x5409, "TCSBRK"),
        integer(0x540a, "TCXONC", .ulong, .enumeration(FlagTables.tcxonc)),   // the tty layer switches on the unsigned long
        integer(0x540b, "TCFLSH", .ulong, .enumeration(FlagTables.tcflush)),
        noArgument(0x540c, "TIOCEXCL"),
        noArgument(0x540d, "TIOCNXCL"),
        integer(0x540e, "TIOCSCTTY"),
        writes(0x540f, "TIOCGPGRP", scalar(.pid_t)),
        reads(0x5410, "TIOCSPGRP", scalar(.pid_t)),
        writes(0x5411, "TIOCOUTQ", scalar(.int)),
        reads(0x5412, "TIOCSTI", .bytes(.fixed(1))),
        writes(0x5413, "TIOCGWINSZ", .structure(ioctlWinsize)),
        reads(0x5414, "TIOCSWINSZ", .structure(ioctlWinsize)),
        writes(0x5415, "TIOCMGET", scalar(.int, .hex)),
        reads(0x5416, "TIOCMBIS", scalar(.int, .hex)),
        reads(0x5417, "TIOCMBIC", scalar(.int, .hex)),
        reads(0x5418, "TIOCMSET", scalar(.int, .hex)),
        writes(0x5419, "TIOCGSOFTCAR", scalar(.int)),
        reads(0x541a, "TIOCSSOFTCAR", scalar(.int)),
        writes(0x541b, "FIONREAD", scalar(.int)),
        noArgument(0x541d, "TIOCCONS"),
        reads(0x5420, "TIOCPKT", scalar(.int)),
        reads(0x5421, "FIONBIO", scalar(.int)),
        noArgument(0x5422, "TIOCNOTTY"),
        reads(0x5423, "TIOCSETD", scalar(.int)),
        writes(0x5424, "TIOCGETD", scalar(.int)),
        integer(0x5425, "TCSBRKP"),
        noArgument(0x5427, "TIOCSBRK"),
        noArgument(0x5428, "TIOCCBRK"),
        writes(0x5429, "TIOCGSID", scalar(.pid_t)),
        writes(0x802c_542a, "TCGETS2", .structure(ioctlTermios2)),
        reads(0x402c_542b, "TCSETS2", .structure(ioctlTermios2)),
        reads(0x402c_542c, "TCSETSW2", .structure(ioctlTermios2)),
        reads(0x402c_542d, "TCSETSF2", .structure(ioctlTermios2)),
        writes(0x8004_5430, "TIOCGPTN", scalar(.uint)),
        reads(0x4004_5431, "TIOCSPTLCK", scalar(.int)),
        writes(0x8004_5432, "TIOCGDEV", scalar(.uint, .hex)),
        // _IOW in name only: the signal is the argument itself.
        integer(0x4004_5436, "TIOCSIG", .int, .signal),
        noArgument(0x5437, "TIOCVHANGUP"),
        writes(0x8004_5438, "TIOCGPKT", scalar(.int)),
        writes(0x8004_5439, "TIOCGPTLCK", scalar(.int)),
        writes(0x8004_5440, "TIOCGEXCL", scalar(.int)),
        // Open flags; the result is a new descriptor (the peer of a pty master).
        integer(0x5441, "TIOCGPTPEER", .int, .flags(FlagTables.openBits)),
        noArgument(0x5450, "FIONCLEX"),
        noArgument(0x5451, "FIOCLEX"),
        reads(0x5452, "FIOASYNC", scalar(.int)),
        writes(0x5456, "TIOCGLCKTRMIOS", .structure(ioctlTermios)),
        reads(0x5457, "TIOCSLCKTRMIOS", .structure(ioctlTermios)),
        writes(0x5459, "TIOCSERGETLSR", scalar(.uint)),
        integer(0x545c, "TIOCMIWAIT", .int, .hex),
        writes(0x5460, "FIOQSIZE", scalar(.loff_t)),
    ]

    static let socketRequests: [Variant] = [
        reads(0x8901, "FIOSETOWN", scalar(.int)),
        reads(0x8902, "SIOCSPGRP", scalar(.int)),
        writes(0x8903, "FIOGETOWN", scalar(.int)),
        writes(0x8904, "SIOCGPGRP", scalar(.int)),
        writes(0x8905, "SIOCATMARK", scalar(.int)),
        writes(0x8906, "SIOCGSTAMP_OLD", .structure(timeval)),
        writes(0x8907, "SIOCGSTAMPNS_OLD", .structure(timespec)),
        writes(0x8010_8906, "SIOCGSTAMP_NEW", .structure(timeval)),
        writes(0x8010_8907, "SIOCGSTAMPNS_NEW", .structure(timespec)),
        writes(0x894b, "SIOCOUTQNSD", scalar(.int)),
        updates(0x8912, "SIOCGIFCONF", .structure(ioctlIfconf)),
        writes(0x8938, "SIOCGIFCOUNT", scalar(.int)),
        writes(0x8925, "SIOCGIFENCAP", scalar(.int)),
        reads(0x8926, "SIOCSIFENCAP", scalar(.int)),
        reads(0x8953, "SIOCDARP", .structure(ioctlArpreq)),
        updates(0x8954, "SIOCGARP", .structure(ioctlArpreq)),
        reads(0x8955, "SIOCSARP", .structure(ioctlArpreq)),
    ] + [
        // Requests that read the ifreq (its name or index) and write it back.
        (0x8910, "SIOCGIFNAME"), (0x8913, "SIOCGIFFLAGS"), (0x8915, "SIOCGIFADDR"),
        (0x8917, "SIOCGIFDSTADDR"), (0x8919, "SIOCGIFBRDADDR"), (0x891b, "SIOCGIFNETMASK"),
        (0x891d, "SIOCGIFMETRIC"), (0x8921, "SIOCGIFMTU"), (0x8927, "SIOCGIFHWADDR"),
        (0x8929, "SIOCGIFSLAVE"), (0x8933, "SIOCGIFINDEX"), (0x8935, "SIOCGIFPFLAGS"),
        (0x8942, "SIOCGIFTXQLEN"), (0x8947, "SIOCGMIIPHY"), (0x8948, "SIOCGMIIREG"),
        (0x8970, "SIOCGIFMAP"),
    ].map { updates($0.0, $0.1, .structure(ioctlIfreq)) } + [
        // Requests that only read it.
        (0x8914, "SIOCSIFFLAGS"), (0x8916, "SIOCSIFADDR"), (0x8918, "SIOCSIFDSTADDR"),
        (0x891a, "SIOCSIFBRDADDR"), (0x891c, "SIOCSIFNETMASK"), (0x891e, "SIOCSIFMETRIC"),
        (0x8922, "SIOCSIFMTU"), (0x8923, "SIOCSIFNAME"), (0x8924, "SIOCSIFHWADDR"),
        (0x8930, "SIOCSIFSLAVE"), (0x8931, "SIOCADDMULTI"), (0x8932, "SIOCDELMULTI"),
        (0x8934, "SIOCSIFPFLAGS"), (0x8936, "SIOCDIFADDR"), (0x8937, "SIOCSIFHWBROADCAST"),
        (0x8943, "SIOCSIFTXQLEN"), (0x8949, "SIOCSMIIREG"), (0x8971, "SIOCSIFMAP"),
        (0x89a2, "SIOCBRADDIF"), (0x89a3, "SIOCBRDELIF"),
    ].map { reads($0.0, $0.1, .structure(ioctlIfreq)) } + [
        // A bridge's name: the kernel copies IFNAMSIZ - 1 bytes and ends them itself.
        reads(0x89a0, "SIOCBRADDBR", .string(limit: 16)),
        reads(0x89a1, "SIOCBRDELBR", .string(limit: 16)),
    ]

    static let blockRequests: [Variant] = [
        reads(0x125d, "BLKROSET", scalar(.int)),
        writes(0x125e, "BLKROGET", scalar(.int)),
        noArgument(0x125f, "BLKRRPART"),
        writes(0x1260, "BLKGETSIZE", scalar(.ulong)),
        noArgument(0x1261, "BLKFLSBUF"),
        integer(0x1262, "BLKRASET", .ulong),
        writes(0x1263, "BLKRAGET", scalar(.long)),
        integer(0x1264, "BLKFRASET", .ulong),
        writes(0x1265, "BLKFRAGET", scalar(.long)),
        writes(0x1267, "BLKSECTGET", scalar(.u16)),
        writes(0x1268, "BLKSSZGET", scalar(.int)),
        reads(0x1269, "BLKPG", .structure(ioctlBlkpgArg)),
        reads(0x1277, "BLKDISCARD", .array(of: scalar(.u64), count: .fixed(2))),
        writes(0x1278, "BLKIOMIN", scalar(.uint)),
        writes(0x1279, "BLKIOOPT", scalar(.uint)),
        writes(0x127a, "BLKALIGNOFF", scalar(.int)),
        writes(0x127b, "BLKPBSZGET", scalar(.uint)),
        writes(0x127c, "BLKDISCARDZEROES", scalar(.uint)),
        reads(0x127d, "BLKSECDISCARD", .array(of: scalar(.u64), count: .fixed(2))),
        writes(0x127e, "BLKROTATIONAL", scalar(.u16)),
        reads(0x127f, "BLKZEROOUT", .array(of: scalar(.u64), count: .fixed(2))),
        // Encoded as size_t, but the kernel reads and writes an int.
        writes(0x8008_1270, "BLKBSZGET", scalar(.int)),
        reads(0x4008_1271, "BLKBSZSET", scalar(.int)),
        writes(0x8008_1272, "BLKGETSIZE64", scalar(.u64)),
        writes(0x8008_1280, "BLKGETDISKSEQ", scalar(.u64)),
        updates(0xc048_1273, "BLKTRACESETUP", .structure(ioctlBlkUserTraceSetup)),
        noArgument(0x1274, "BLKTRACESTART"),
        noArgument(0x1275, "BLKTRACESTOP"),
        noArgument(0x1276, "BLKTRACETEARDOWN"),
    ]

    static let loopRequests: [Variant] = [
        descriptor(0x4c00, "LOOP_SET_FD"),
        noArgument(0x4c01, "LOOP_CLR_FD"),
        reads(0x4c02, "LOOP_SET_STATUS", .structure(ioctlLoopInfo)),
        writes(0x4c03, "LOOP_GET_STATUS", .structure(ioctlLoopInfo)),
        reads(0x4c04, "LOOP_SET_STATUS64", .structure(ioctlLoopInfo64)),
        writes(0x4c05, "LOOP_GET_STATUS64", .structure(ioctlLoopInfo64)),
        descriptor(0x4c06, "LOOP_CHANGE_FD"),
        noArgument(0x4c07, "LOOP_SET_CAPACITY"),
        integer(0x4c08, "LOOP_SET_DIRECT_IO", .ulong),
        integer(0x4c09, "LOOP_SET_BLOCK_SIZE", .ulong),
        reads(0x4c0a, "LOOP_CONFIGURE", .structure(ioctlLoopConfig)),
        integer(0x4c80, "LOOP_CTL_ADD", .long),
        integer(0x4c81, "LOOP_CTL_REMOVE", .long),
        noArgument(0x4c82, "LOOP_CTL_GET_FREE"),
    ]

    /// File system requests. FIDEDUPERANGE (a header, then dest_count records each holding a
    /// descriptor) and FS_IOC_FIEMAP (a header, then fm_extent_count extents written) have
    /// trailing arrays counted by a field, which the vocabulary cannot place after a
    /// structure: they are not described.
    static let fileSystemRequests: [Variant] = [
        updates(0x1, "FIBMAP", scalar(.int)),   // reads the block number, writes the result
        writes(0x2, "FIGETBSZ", scalar(.int)),
        writes(0x8008_6601, "FS_IOC_GETFLAGS", scalar(.int, .hex)),   // an int, whatever the encoding says
        reads(0x4008_6602, "FS_IOC_SETFLAGS", scalar(.int, .hex)),
        writes(0x8004_6601, "FS_IOC32_GETFLAGS", scalar(.int, .hex)),
        reads(0x4004_6602, "FS_IOC32_SETFLAGS", scalar(.int, .hex)),
        writes(0x8008_7601, "FS_IOC_GETVERSION", scalar(.int)),
        reads(0x4008_7602, "FS_IOC_SETVERSION", scalar(.int)),
        writes(0x801c_581f, "FS_IOC_FSGETXATTR", .structure(ioctlFsxattr)),
        reads(0x401c_5820, "FS_IOC_FSSETXATTR", .structure(ioctlFsxattr)),
        noArgument(0xc004_5877, "FIFREEZE"),
        noArgument(0xc004_5878, "FITHAW"),
        updates(0xc018_5879, "FITRIM", .structure(ioctlFstrimRange)),
        descriptor(0x4004_9409, "FICLONE"),
        reads(0x4020_940d, "FICLONERANGE", .structure(ioctlFileCloneRange)),
        writes(0x8100_9431, "FS_IOC_GETFSLABEL", .bytes(.fixed(256))),
        reads(0x4100_9432, "FS_IOC_SETFSLABEL", .bytes(.fixed(256))),
    ]

    /// /dev/random's: the entropy count (RNDADDENTROPY's trailing buffer is not described).
    static let randomRequests: [Variant] = [
        writes(0x8004_5200, "RNDGETENTCNT", scalar(.int)),
        reads(0x4004_5201, "RNDADDTOENTCNT", scalar(.int)),
        noArgument(0x5204, "RNDZAPENTCNT"),
        noArgument(0x5206, "RNDCLEARPOOL"),
        noArgument(0x5207, "RNDRESEEDCRNG"),
    ]

    /// perf_event_open descriptors. QUERY_BPF (a trailing array of ids_len u32) and
    /// MODIFY_ATTRIBUTES (a perf_event_attr of its own size) are not described.
    static let perfRequests: [Variant] = [
        integer(0x2400, "PERF_EVENT_IOC_ENABLE", .uint, .hex),
        integer(0x2401, "PERF_EVENT_IOC_DISABLE", .uint, .hex),
        integer(0x2402, "PERF_EVENT_IOC_REFRESH"),
        integer(0x2403, "PERF_EVENT_IOC_RESET", .uint, .hex),
        reads(0x4008_2404, "PERF_EVENT_IOC_PERIOD", scalar(.u64)),
        descriptor(0x2405, "PERF_EVENT_IOC_SET_OUTPUT", .optional),
        // strndup_user(arg, PAGE_SIZE)
        reads(0x4008_2406, "PERF_EVENT_IOC_SET_FILTER", .string(limit: 4096)),
        writes(0x8008_2407, "PERF_EVENT_IOC_ID", scalar(.u64)),
        descriptor(0x4004_2408, "PERF_EVENT_IOC_SET_BPF"),
        integer(0x4004_2409, "PERF_EVENT_IOC_PAUSE_OUTPUT", .ulong),   // tested as a whole unsigned long
    ]

    /// KVM requests whose structures hold no pointers. KVM_SET_USER_MEMORY_REGION(2) (its
    /// userspace_addr maps target memory into a guest) and the rest are refused.
    static let kvmRequests: [Variant] = [
        integer(0xae00, "KVM_GET_API_VERSION", .ulong),   // a non-zero argument is EINVAL
        integer(0xae01, "KVM_CREATE_VM", .ulong),         // the machine type; returns a descriptor
        integer(0xae03, "KVM_CHECK_EXTENSION", .long),
        integer(0xae04, "KVM_GET_VCPU_MMAP_SIZE", .ulong),
        integer(0xae41, "KVM_CREATE_VCPU", .ulong),       // the vCPU id; returns a descriptor
        integer(0xae47, "KVM_SET_TSS_ADDR", .ulong, .hex), // a guest physical address
        reads(0x4008_ae48, "KVM_SET_IDENTITY_MAP_ADDR", scalar(.u64, .hex)),
        noArgument(0xae60, "KVM_CREATE_IRQCHIP"),
        integer(0xae80, "KVM_RUN", .ulong),
        writes(0x8090_ae81, "KVM_GET_REGS", .structure(ioctlKvmRegs)),
        reads(0x4090_ae82, "KVM_SET_REGS", .structure(ioctlKvmRegs)),
        writes(0x8138_ae83, "KVM_GET_SREGS", .structure(ioctlKvmSregs)),
        reads(0x4138_ae84, "KVM_SET_SREGS", .structure(ioctlKvmSregs)),
        writes(0x81a0_ae8c, "KVM_GET_FPU", .structure(ioctlKvmFpu)),
        reads(0x41a0_ae8d, "KVM_SET_FPU", .structure(ioctlKvmFpu)),
    ]

    /// Namespace descriptors (nsfs): a new descriptor, the type, the owner's uid.
    static let namespaceRequests: [Variant] = [
        noArgument(0xb701, "NS_GET_USERNS"),
        noArgument(0xb702, "NS_GET_PARENT"),
        noArgument(0xb703, "NS_GET_NSTYPE"),
        writes(0xb704, "NS_GET_OWNER_UID", scalar(.uid_t)),   // _IO in name only: put_user of a uid_t
    ]

    /// Network block devices: numbers and a socket's descriptor.
    static let nbdRequests: [Variant] = [
        descriptor(0xab00, "NBD_SET_SOCK"),
        integer(0xab01, "NBD_SET_BLKSIZE", .ulong),
        integer(0xab02, "NBD_SET_SIZE", .ulong),
        noArgument(0xab03, "NBD_DO_IT"),
        noArgument(0xab04, "NBD_CLEAR_SOCK"),
        noArgument(0xab05, "NBD_CLEAR_QUE"),
        noArgument(0xab06, "NBD_PRINT_DEBUG"),
        integer(0xab07, "NBD_SET_SIZE_BLOCKS", .ulong),
        noArgument(0xab08, "NBD_DISCONNECT"),
        integer(0xab09, "NBD_SET_TIMEOUT", .ulong),
        integer(0xab0a, "NBD_SET_FLAGS", .ulong, .hex),
    ]

    /// Watchdog devices: ints behind the pointer (KEEPALIVE's is ignored).
    static let watchdogRequests: [Variant] = [
        writes(0x8004_5701, "WDIOC_GETSTATUS", scalar(.int)),
        writes(0x8004_5702, "WDIOC_GETBOOTSTATUS", scalar(.int)),
        writes(0x8004_5703, "WDIOC_GETTEMP", scalar(.int)),
        reads(0x8004_5704, "WDIOC_SETOPTIONS", scalar(.int)),   // _IOR in name only: the driver reads it
        noArgument(0x8004_5705, "WDIOC_KEEPALIVE"),
        updates(0xc004_5706, "WDIOC_SETTIMEOUT", scalar(.int)),
        writes(0x8004_5707, "WDIOC_GETTIMEOUT", scalar(.int)),
        updates(0xc004_5708, "WDIOC_SETPRETIMEOUT", scalar(.int)),
        writes(0x8004_5709, "WDIOC_GETPRETIMEOUT", scalar(.int)),
        writes(0x8004_570a, "WDIOC_GETTIMELEFT", scalar(.int)),
    ]

    /// inotify descriptors: the next watch descriptor, as the argument itself.
    static let inotifyRequests: [Variant] = [
        integer(0x4004_4900, "INOTIFY_IOC_SETNEXTWD"),
    ]

    /// timerfd: the expiration count to set, a u64 strace shows by its address only.
    static let timerfdRequests: [Variant] = [
        reads(0x4008_5400, "TFD_IOC_SET_TICKS", .structure(StructLayout("u64", size: 8, []))),
    ]

    /// Infrared remotes (lirc): a u32 behind every pointer, read or written as the encoding says.
    static let lircRequests: [Variant] = [
        (0x8004_6900, "LIRC_GET_FEATURES"), (0x8004_6901, "LIRC_GET_SEND_MODE"), (0x8004_6902, "LIRC_GET_REC_MODE"),
        (0x8004_6907, "LIRC_GET_REC_RESOLUTION"), (0x8004_6908, "LIRC_GET_MIN_TIMEOUT"), (0x8004_6909, "LIRC_GET_MAX_TIMEOUT"),
        (0x8004_690f, "LIRC_GET_LENGTH"), (0x8004_6924, "LIRC_GET_REC_TIMEOUT"),
    ].map { writes($0.0, $0.1, scalar(.u32)) } + [
        (0x4004_6911, "LIRC_SET_SEND_MODE"), (0x4004_6912, "LIRC_SET_REC_MODE"), (0x4004_6913, "LIRC_SET_SEND_CARRIER"),
        (0x4004_6914, "LIRC_SET_REC_CARRIER"), (0x4004_6915, "LIRC_SET_SEND_DUTY_CYCLE"),
        (0x4004_6917, "LIRC_SET_TRANSMITTER_MASK"), (0x4004_6918, "LIRC_SET_REC_TIMEOUT"),
        (0x4004_6919, "LIRC_SET_REC_TIMEOUT_REPORTS"), (0x4004_691d, "LIRC_SET_MEASURE_CARRIER_MODE"),
        (0x4004_691f, "LIRC_SET_REC_CARRIER_RANGE"), (0x4004_6923, "LIRC_SET_WIDEBAND_RECEIVER"),
    ].map { reads($0.0, $0.1, scalar(.u32)) }

    /// struct counter_watch: six bytes, no pointers.
    static let ioctlCounterWatch = StructLayout("counter_watch", size: 6, [])
    static let counterRequests: [Variant] = [
        reads(0x4006_3e00, "COUNTER_ADD_WATCH_IOCTL", .structure(ioctlCounterWatch)),
        noArgument(0x3e01, "COUNTER_ENABLE_EVENTS_IOCTL"),
        noArgument(0x3e02, "COUNTER_DISABLE_EVENTS_IOCTL"),
    ]

    /// Real-time clocks: flat structures (struct rtc_param's pointer member is unused by the kernel).
    static let ioctlRtcTime = StructLayout("rtc_time", size: 36, [])
    static let ioctlRtcWakeAlarm = StructLayout("rtc_wkalrm", size: 40, [])
    static let ioctlRtcPll = StructLayout("rtc_pll_info", size: 32, [])
    static let ioctlRtcParameter = StructLayout("rtc_param", size: 24, [])
    static let rtcRequests: [Variant] = [
        (0x7001, "RTC_AIE_ON"), (0x7002, "RTC_AIE_OFF"), (0x7003, "RTC_UIE_ON"), (0x7004, "RTC_UIE_OFF"), (0x7005, "RTC_PIE_ON"),
        (0x7006, "RTC_PIE_OFF"), (0x700f, "RTC_WIE_ON"), (0x7010, "RTC_WIE_OFF"), (0x7014, "RTC_VL_CLR"),
    ].map { noArgument($0.0, $0.1) } + [
        reads(0x4024_7007, "RTC_ALM_SET", .structure(ioctlRtcTime)),
        writes(0x8024_7008, "RTC_ALM_READ", .structure(ioctlRtcTime)),
        writes(0x8024_7009, "RTC_RD_TIME", .structure(ioctlRtcTime)),
        reads(0x4024_700a, "RTC_SET_TIME", .structure(ioctlRtcTime)),
        writes(0x8008_700b, "RTC_IRQP_READ", scalar(.ulong)),
        integer(0x4008_700c, "RTC_IRQP_SET", .ulong),
        writes(0x8008_700d, "RTC_EPOCH_READ", scalar(.ulong)),
        integer(0x4008_700e, "RTC_EPOCH_SET", .ulong),
        reads(0x4028_700f, "RTC_WKALM_SET", .structure(ioctlRtcWakeAlarm)),
        writes(0x8028_7010, "RTC_WKALM_RD", .structure(ioctlRtcWakeAlarm)),
        writes(0x8020_7011, "RTC_PLL_GET", .structure(ioctlRtcPll)),
        reads(0x4020_7012, "RTC_PLL_SET", .structure(ioctlRtcPll)),
        writes(0x8004_7013, "RTC_VL_READ", scalar(.uint)),
        updates(0x4018_7013, "RTC_PARAM_GET", .structure(ioctlRtcParameter)),
        reads(0x4018_7014, "RTC_PARAM_SET", .structure(ioctlRtcParameter)),
    ]

    /// ATA disks (hdreg.h): flat answers and numbers. HDIO_DRIVE_CMD (a header whose fourth byte
    /// counts the 512-byte sectors that follow it) is not described.
    static let ioctlHdGeometry = StructLayout("hd_geometry", size: 16, [])
    static let hdioRequests: [Variant] = [
        writes(0x301, "HDIO_GETGEO", .structure(ioctlHdGeometry)),
        reads(0x31c, "HDIO_DRIVE_RESET", .array(of: scalar(.uint, .hex), count: .fixed(3))),
        reads(0x328, "HDIO_SCAN_HWIF", .array(of: scalar(.uint, .hex), count: .fixed(3))),
        writes(0x30d, "HDIO_GET_IDENTITY", .bytes(.fixed(512))),
        writes(0x307, "HDIO_OBSOLETE_IDENTITY", .bytes(.fixed(142))),
    ] + [
        (0x309, "HDIO_GET_32BIT"), (0x30f, "HDIO_GET_ACOUSTIC"), (0x310, "HDIO_GET_ADDRESS"), (0x31a, "HDIO_GET_BUSSTATE"),
        (0x30b, "HDIO_GET_DMA"), (0x308, "HDIO_GET_KEEPSETTINGS"), (0x304, "HDIO_GET_MULTCOUNT"), (0x30c, "HDIO_GET_NICE"),
        (0x30a, "HDIO_GET_NOWERR"), (0x302, "HDIO_GET_UNMASKINTR"), (0x30e, "HDIO_GET_WCACHE"),
    ].map { writes($0.0, $0.1, scalar(.ulong)) } + [
        (0x324, "HDIO_SET_32BIT"), (0x32c, "HDIO_SET_ACOUSTIC"), (0x32f, "HDIO_SET_ADDRESS"), (0x32d, "HDIO_SET_BUSSTATE"),
        (0x326, "HDIO_SET_DMA"), (0x323, "HDIO_SET_KEEPSETTINGS"), (0x321, "HDIO_SET_MULTCOUNT"), (0x329, "HDIO_SET_NICE"),
        (0x325, "HDIO_SET_NOWERR"), (0x327, "HDIO_SET_PIO_MODE"), (0x322, "HDIO_SET_UNMASKINTR"), (0x32b, "HDIO_SET_WCACHE"),
        (0x32a, "HDIO_UNREGISTER_HWIF"),
    ].map { integer($0.0, $0.1, .ulong) }

    /// OTPSELECT: the OTP area, an int.
    static let deviceMiscRequests: [Variant] = [
        reads(0x8004_4d0d, "OTPSELECT", scalar(.uint)),   // _IOR in name only: the driver reads it
    ]

    // MARK: input events (evdev), PTP clocks

    /// struct input_keymap_entry: flags, len, index, keycode, 32 scancode bytes.
    static let ioctlInputKeymapEntry = StructLayout("input_keymap_entry", size: 40, [])
    /// struct ff_effect: its periodic effect's custom_data pointer is never read by the kernel
    /// for an upload (drivers take only the built-in waveforms), so it is a number here.
    static let ioctlForceFeedbackEffect = StructLayout("ff_effect", size: 48, [])
    /// struct input_mask: the kernel reads or writes codes_size bytes at codes_ptr.
    static let ioctlInputMaskWritten = StructLayout("input_mask", size: 16, [
        Field("type", 0, .int(.u32)), Field("codes_size", 4, .int(.u32)),
        Field("codes_ptr", 8, .output(.bytes(.field("codes_size")), optional: true)),
    ])
    static let ioctlInputMaskRead = StructLayout("input_mask", size: 16, [
        Field("type", 0, .int(.u32)), Field("codes_size", 4, .int(.u32)),
        Field("codes_ptr", 8, .input(.bytes(.field("codes_size")), optional: true)),
    ])
    static let evdevRequests: [Variant] = [
        writes(0x8004_4501, "EVIOCGVERSION", scalar(.int, .hex)),
        writes(0x8008_4502, "EVIOCGID", .array(of: scalar(.u16), count: .fixed(4))),
        writes(0x8008_4503, "EVIOCGREP", .array(of: scalar(.uint), count: .fixed(2))),
        reads(0x4008_4503, "EVIOCSREP", .array(of: scalar(.uint), count: .fixed(2))),
        updates(0x8008_4504, "EVIOCGKEYCODE", .array(of: scalar(.uint), count: .fixed(2))),   // reads the scancode
        reads(0x4008_4504, "EVIOCSKEYCODE", .array(of: scalar(.uint), count: .fixed(2))),
        updates(0x8028_4504, "EVIOCGKEYCODE_V2", .structure(ioctlInputKeymapEntry)),
        reads(0x4028_4504, "EVIOCSKEYCODE_V2", .structure(ioctlInputKeymapEntry)),
        updates(0x4030_4580, "EVIOCSFF", .structure(ioctlForceFeedbackEffect)),   // writes back the effect's id
        integer(0x4004_4581, "EVIOCRMFF"),                // _IOW in name only: the id is the argument
        writes(0x8004_4584, "EVIOCGEFFECTS", scalar(.int)),
        integer(0x4004_4590, "EVIOCGRAB", .ulong),        // _IOW in name only: the argument itself
        integer(0x4004_4591, "EVIOCREVOKE", .ulong),
        reads(0x8010_4592, "EVIOCGMASK", .structure(ioctlInputMaskWritten)),
        reads(0x4010_4593, "EVIOCSMASK", .structure(ioctlInputMaskRead)),
        reads(0x4004_45a0, "EVIOCSCLOCKID", scalar(.int)),
    ]
    /// evdev's requests that carry a length (EVIOCGNAME(len), EVIOCGBIT(ev, len)...) or an axis
    /// (EVIOCGABS(abs)) in their number: the driver copies at most the length.
    static let evdevSizedRequests: [SizedIoctl] = [
        (0x8000_4506, "EVIOCGNAME"), (0x8000_4507, "EVIOCGPHYS"), (0x8000_4508, "EVIOCGUNIQ"),
        (0x8000_4509, "EVIOCGPROP"), (0x8000_4518, "EVIOCGKEY"), (0x8000_4519, "EVIOCGLED"),
        (0x8000_451a, "EVIOCGSND"), (0x8000_451b, "EVIOCGSW"),
    ].map { SizedIoctl($0.0, mask: 0xc000_ffff, $0.1, .output) } + [
        SizedIoctl(0x8000_450a, mask: 0xc000_ffff, "EVIOCGMTSLOTS", .both),       // reads the code, writes the values
        SizedIoctl(0x8000_4520, mask: 0xc000_ffe0, "EVIOCGBIT", .output),
        SizedIoctl(0x8000_4540, mask: 0xc000_ffc0, "EVIOCGABS", .output, limit: 24),   // struct input_absinfo
        SizedIoctl(0x4000_45c0, mask: 0xc000_ffc0, "EVIOCSABS", .input, limit: 24),
    ]

    /// PTP hardware clocks (/dev/ptpN): flat structures.
    static let ptpRequests: [Variant] = [
        (0x8050_3d01, "PTP_CLOCK_GETCAPS"), (0x8050_3d0a, "PTP_CLOCK_GETCAPS2"),
    ].map { writes($0.0, $0.1, .structure(StructLayout("ptp_clock_caps", size: 80, []))) } + [
        (0x4010_3d02, "PTP_EXTTS_REQUEST"), (0x4010_3d0b, "PTP_EXTTS_REQUEST2"),
    ].map { reads($0.0, $0.1, .structure(StructLayout("ptp_extts_request", size: 16, []))) } + [
        (0x4038_3d03, "PTP_PEROUT_REQUEST"), (0x4038_3d0c, "PTP_PEROUT_REQUEST2"),
    ].map { reads($0.0, $0.1, .structure(StructLayout("ptp_perout_request", size: 56, []))) } + [
        integer(0x4004_3d04, "PTP_ENABLE_PPS", .ulong, .hex),   // _IOW in name only: the argument itself
        integer(0x4004_3d0d, "PTP_ENABLE_PPS2", .ulong, .hex),
    ] + [
        (0x4340_3d05, "PTP_SYS_OFFSET"), (0x4340_3d0e, "PTP_SYS_OFFSET2"),   // reads n_samples, writes the samples
    ].map { updates($0.0, $0.1, .structure(StructLayout("ptp_sys_offset", size: 832, []))) } + [
        (0xc060_3d06, "PTP_PIN_GETFUNC"), (0xc060_3d0f, "PTP_PIN_GETFUNC2"),
    ].map { updates($0.0, $0.1, .structure(StructLayout("ptp_pin_desc", size: 96, []))) } + [
        (0x4060_3d07, "PTP_PIN_SETFUNC"), (0x4060_3d10, "PTP_PIN_SETFUNC2"),
    ].map { reads($0.0, $0.1, .structure(StructLayout("ptp_pin_desc", size: 96, []))) } + [
        (0xc040_3d08, "PTP_SYS_OFFSET_PRECISE"), (0xc040_3d11, "PTP_SYS_OFFSET_PRECISE2"),
    ].map { updates($0.0, $0.1, .structure(StructLayout("ptp_sys_offset_precise", size: 64, []))) } + [
        (0xc4c0_3d09, "PTP_SYS_OFFSET_EXTENDED"), (0xc4c0_3d12, "PTP_SYS_OFFSET_EXTENDED2"),
    ].map { updates($0.0, $0.1, .structure(StructLayout("ptp_sys_offset_extended", size: 1216, []))) }

    // MARK: Video4Linux2 ('V')

    /// The V4L2 structures that hold no pointer the kernel follows. struct v4l2_format's
    /// overlay window has clips and bitmap pointers, which kernels since 2023 ("v4l2-core: drop
    /// v4l2_window clipping and bitmap support") set to NULL unread; older kernels copied the
    /// clips in and back out, which this flat description does not check. framebuffer's base
    /// is a physical address.
    /// Left out (refused): QUERYBUF, QBUF, DQBUF and PREPARE_BUF (a multi-planar buffer's
    /// planes array, a USERPTR buffer's memory) and the extended controls (their array, and
    /// each compound control's own pointer), whose pointers depend on fields the model cannot select on.
    static let videoRequests: [Variant] = [
        writes(0x8068_5600, "VIDIOC_QUERYCAP", .structure(StructLayout("v4l2_capability", size: 104, []))),
        updates(0xc040_5602, "VIDIOC_ENUM_FMT", .structure(StructLayout("v4l2_fmtdesc", size: 64, []))),
        updates(0xc0d0_5604, "VIDIOC_G_FMT", .structure(videoFormat)),
        updates(0xc0d0_5605, "VIDIOC_S_FMT", .structure(videoFormat)),
        updates(0xc0d0_5640, "VIDIOC_TRY_FMT", .structure(videoFormat)),
        updates(0xc014_5608, "VIDIOC_REQBUFS", .structure(StructLayout("v4l2_requestbuffers", size: 20, []))),
        writes(0x8030_560a, "VIDIOC_G_FBUF", .structure(videoFramebuffer)),
        reads(0x4030_560b, "VIDIOC_S_FBUF", .structure(videoFramebuffer)),
        reads(0x4004_5612, "VIDIOC_STREAMON", scalar(.int)),
        reads(0x4004_5613, "VIDIOC_STREAMOFF", scalar(.int)),
        updates(0xc0cc_5615, "VIDIOC_G_PARM", .structure(videoStreamParameters)),
        updates(0xc0cc_5616, "VIDIOC_S_PARM", .structure(videoStreamParameters)),
        writes(0x8008_5617, "VIDIOC_G_STD", scalar(.u64, .hex)),
        reads(0x4008_5618, "VIDIOC_S_STD", scalar(.u64, .hex)),
        updates(0xc048_5619, "VIDIOC_ENUMSTD", .structure(StructLayout("v4l2_standard", size: 72, []))),
        updates(0xc050_561a, "VIDIOC_ENUMINPUT", .structure(StructLayout("v4l2_input", size: 80, []))),
        updates(0xc008_561b, "VIDIOC_G_CTRL", .structure(videoControl)),
        updates(0xc008_561c, "VIDIOC_S_CTRL", .structure(videoControl)),
        updates(0xc054_561d, "VIDIOC_G_TUNER", .structure(videoTuner)),
        reads(0x4054_561e, "VIDIOC_S_TUNER", .structure(videoTuner)),
        updates(0xc044_5624, "VIDIOC_QUERYCTRL", .structure(StructLayout("v4l2_queryctrl", size: 68, []))),
        updates(0xc0e8_5667, "VIDIOC_QUERY_EXT_CTRL", .structure(StructLayout("v4l2_query_ext_ctrl", size: 232, []))),
        writes(0x8004_5626, "VIDIOC_G_INPUT", scalar(.uint)),
        updates(0xc004_5627, "VIDIOC_S_INPUT", scalar(.uint)),
        updates(0xc02c_563a, "VIDIOC_CROPCAP", .structure(StructLayout("v4l2_cropcap", size: 44, []))),
        updates(0xc014_563b, "VIDIOC_G_CROP", .structure(videoCrop)),
        reads(0x4014_563c, "VIDIOC_S_CROP", .structure(videoCrop)),
        updates(0xc02c_564a, "VIDIOC_ENUM_FRAMESIZES", .structure(StructLayout("v4l2_frmsizeenum", size: 44, []))),
        updates(0xc034_564b, "VIDIOC_ENUM_FRAMEINTERVALS", .structure(StructLayout("v4l2_frmivalenum", size: 52, []))),
        updates(0xc100_565c, "VIDIOC_CREATE_BUFS", .structure(StructLayout("v4l2_create_buffers", size: 256, []))),
    ]
    static let videoFormat = StructLayout("v4l2_format", size: 208, [])
    static let videoFramebuffer = StructLayout("v4l2_framebuffer", size: 48, [])
    static let videoStreamParameters = StructLayout("v4l2_streamparm", size: 204, [])
    static let videoControl = StructLayout("v4l2_control", size: 8, [])
    static let videoTuner = StructLayout("v4l2_tuner", size: 84, [])
    static let videoCrop = StructLayout("v4l2_crop", size: 20, [])

    // MARK: GPIO character devices (linux/gpio.h)

    /// Flat structures; a line request's new descriptor comes back in the structure (its `fd`).
    static let ioctlGpioChipInfo = StructLayout("gpiochip_info", size: 68, [Field("lines", 64, .int(.u32))])
    static let ioctlGpioLineInfo = StructLayout("gpioline_info", size: 72, [Field("flags", 4, .int(.u32, .hex))])
    static let ioctlGpioHandleRequest = StructLayout("gpiohandle_request", size: 364, [
        Field("flags", 256, .int(.u32, .hex)), Field("lines", 356, .int(.u32)), Field("fd", 360, .int(.int)),
    ])
    static let ioctlGpioEventRequest = StructLayout("gpioevent_request", size: 48, [Field("fd", 44, .int(.int))])
    static let ioctlGpioHandleData = StructLayout("gpiohandle_data", size: 64, [])
    static let ioctlGpioHandleConfig = StructLayout("gpiohandle_config", size: 84, [Field("flags", 0, .int(.u32, .hex))])
    static let ioctlGpioV2LineInfo = StructLayout("gpio_v2_line_info", size: 256, [
        Field("offset", 64, .int(.u32)), Field("num_attrs", 68, .int(.u32)), Field("flags", 72, .int(.u64, .hex)),
    ])
    static let ioctlGpioV2LineConfig = StructLayout("gpio_v2_line_config", size: 272, [
        Field("flags", 0, .int(.u64, .hex)), Field("num_attrs", 8, .int(.u32)),
    ])
    static let ioctlGpioV2LineRequest = StructLayout("gpio_v2_line_request", size: 592, [
        Field("num_lines", 560, .int(.u32)), Field("event_buffer_size", 564, .int(.u32)), Field("fd", 588, .int(.int)),
    ])
    static let ioctlGpioV2LineValues = StructLayout("gpio_v2_line_values", size: 16, [Field("mask", 8, .int(.u64, .hex))])

    static let gpioRequests: [Variant] = [
        writes(0x8044_b401, "GPIO_GET_CHIPINFO_IOCTL", .structure(ioctlGpioChipInfo)),
        updates(0xc048_b402, "GPIO_GET_LINEINFO_IOCTL", .structure(ioctlGpioLineInfo)),
        updates(0xc048_b40b, "GPIO_GET_LINEINFO_WATCH_IOCTL", .structure(ioctlGpioLineInfo)),
        reads(0xc004_b40c, "GPIO_GET_LINEINFO_UNWATCH_IOCTL", scalar(.u32)),
        updates(0xc16c_b403, "GPIO_GET_LINEHANDLE_IOCTL", .structure(ioctlGpioHandleRequest)),
        updates(0xc030_b404, "GPIO_GET_LINEEVENT_IOCTL", .structure(ioctlGpioEventRequest)),
        writes(0xc040_b408, "GPIOHANDLE_GET_LINE_VALUES_IOCTL", .structure(ioctlGpioHandleData)),
        reads(0xc040_b409, "GPIOHANDLE_SET_LINE_VALUES_IOCTL", .structure(ioctlGpioHandleData)),
        reads(0xc054_b40a, "GPIOHANDLE_SET_CONFIG_IOCTL", .structure(ioctlGpioHandleConfig)),
        updates(0xc100_b405, "GPIO_V2_GET_LINEINFO_IOCTL", .structure(ioctlGpioV2LineInfo)),
        updates(0xc100_b406, "GPIO_V2_GET_LINEINFO_WATCH_IOCTL", .structure(ioctlGpioV2LineInfo)),
        updates(0xc250_b407, "GPIO_V2_GET_LINE_IOCTL", .structure(ioctlGpioV2LineRequest)),
        reads(0xc110_b40d, "GPIO_V2_LINE_SET_CONFIG_IOCTL", .structure(ioctlGpioV2LineConfig)),
        updates(0xc010_b40e, "GPIO_V2_LINE_GET_VALUES_IOCTL", .structure(ioctlGpioV2LineValues)),
        reads(0xc010_b40f, "GPIO_V2_LINE_SET_VALUES_IOCTL", .structure(ioctlGpioV2LineValues)),
    ]

    // MARK: consoles and keyboards (linux/kd.h)

    static let ioctlKbentry = StructLayout("kbentry", size: 4, [
        Field("kb_table", 0, .int(.u8)), Field("kb_index", 1, .int(.u8)), Field("kb_value", 2, .int(.u16, .hex)),
    ])
    /// struct kbsentry: the function key, then its string (KDSKBSENT: up to its NUL).
    static let ioctlKbsentry = StructLayout("kbsentry", size: 513, [Field("kb_func", 0, .int(.u8))])
    static let ioctlKbkeycode = StructLayout("kbkeycode", size: 8, [Field("scancode", 0, .int(.uint, .hex)), Field("keycode", 4, .int(.uint, .hex))])
    static let ioctlKbdRepeat = StructLayout("kbd_repeat", size: 8, [Field("delay", 0, .int(.int)), Field("period", 4, .int(.int))])
    static let ioctlUnimapinit = StructLayout("unimapinit", size: 6, [Field("advised_hashlevel", 4, .int(.u16))])
    static let ioctlUnipair = StructLayout("unipair", size: 4, [Field("unicode", 0, .int(.u16, .hex)), Field("fontpos", 2, .int(.u16, .hex))])
    /// struct unimapdesc: GIO_UNIMAP writes up to entry_ct pairs (also when it returns ENOMEM:
    /// too few), then the count it has.
    static func ioctlUnimapdesc(_ direction: Direction) -> StructLayout {
        StructLayout("unimapdesc", size: 16, [
            Field("entry_ct", 0, .int(.u16)),
            Field("entries", 8, .pointer(PointerType(direction, .array(of: .structure(ioctlUnipair), count: .field("entry_ct")),
                                                     optional: true, written: .always))),
        ])
    }
    /// struct consolefontdesc: 32 bytes of glyph a character, at most 512 characters.
    static func ioctlConsolefontdesc(_ direction: Direction) -> StructLayout {
        StructLayout("consolefontdesc", size: 16, [
            Field("charcount", 0, .int(.u16)), Field("charheight", 2, .int(.u16)),
            Field("chardata", 8, .pointer(PointerType(direction, .bytes(.times(.min(.field("charcount"), .fixed(512)), 32)), optional: true))),
        ])
    }
    /// struct console_font_op: the operation decides what `data` is (GET: written, SET: read,
    /// SET_DEFAULT: a name of up to 32 bytes), so it is described as the most any of them takes:
    /// the name's 32 bytes, or 512 characters of 32 lines of up to 32 pixels.
    static let ioctlConsoleFontOp = StructLayout("console_font_op", size: 32, [
        Field("op", 0, .int(.u32)), Field("flags", 4, .int(.u32, .hex)), Field("width", 8, .int(.u32)),
        Field("height", 12, .int(.u32)), Field("charcount", 16, .int(.u32)),
        Field("data", 24, .pointer(PointerType(.both, .bytes(.sum(.fixed(32), .times(.min(.field("charcount"), .fixed(512)), 128))),
                                                optional: true))),
    ])

    static let kdRequests: [Variant] = [
        integer(0x4b2f, "KIOCSOUND", .ulong),
        integer(0x4b30, "KDMKTONE", .ulong),
        writes(0x4b31, "KDGETLED", scalar(.u8)),
        integer(0x4b32, "KDSETLED", .ulong),
        writes(0x4b33, "KDGKBTYPE", scalar(.u8)),
        integer(0x4b34, "KDADDIO", .ulong, .hex),
        integer(0x4b35, "KDDELIO", .ulong, .hex),
        noArgument(0x4b36, "KDENABIO"),
        noArgument(0x4b37, "KDDISABIO"),
        integer(0x4b3a, "KDSETMODE", .ulong),
        writes(0x4b3b, "KDGETMODE", scalar(.uint)),
        noArgument(0x4b3c, "KDMAPDISP"),
        noArgument(0x4b3d, "KDUNMAPDISP"),
        writes(0x4b40, "GIO_SCRNMAP", .bytes(.fixed(256))),
        reads(0x4b41, "PIO_SCRNMAP", .bytes(.fixed(256))),
        writes(0x4b44, "KDGKBMODE", scalar(.int)),
        integer(0x4b45, "KDSKBMODE", .ulong),
        updates(0x4b46, "KDGKBENT", .structure(ioctlKbentry)),
        reads(0x4b47, "KDSKBENT", .structure(ioctlKbentry)),
        updates(0x4b48, "KDGKBSENT", .structure(ioctlKbsentry)),
        reads(0x4b49, "KDSKBSENT", .structure(ioctlKbsentry)),
        // struct kbdiacrs: a count, then 256 (diacr, base, result) bytes; SET reads the count's.
        writes(0x4b4a, "KDGKBDIACR", .bytes(.fixed(4 + 256 * 3))),
        reads(0x4b4b, "KDSKBDIACR", .bytes(.sum(.fixed(4), .times(.min(.pointee(2), .fixed(256)), 3)))),
        updates(0x4b4c, "KDGETKEYCODE", .structure(ioctlKbkeycode)),
        reads(0x4b4d, "KDSETKEYCODE", .structure(ioctlKbkeycode)),
        integer(0x4b4e, "KDSIGACCEPT", .ulong, .signal),
        updates(0x4b52, "KDKBDREP", .structure(ioctlKbdRepeat)),
        writes(0x4b60, "GIO_FONT", .bytes(.fixed(8192))),
        reads(0x4b61, "PIO_FONT", .bytes(.fixed(8192))),
        writes(0x4b62, "KDGKBMETA", scalar(.uint)),
        integer(0x4b63, "KDSKBMETA", .ulong),
        writes(0x4b64, "KDGKBLED", scalar(.u8)),
        integer(0x4b65, "KDSKBLED", .ulong),
        // The count it has is written back also with ENOMEM (too little room).
        Variant(0x4b66, "GIO_UNIMAP", [2: Parameter("arg", .both(.structure(ioctlUnimapdesc(.output)), written: .always))]),
        reads(0x4b67, "PIO_UNIMAP", .structure(ioctlUnimapdesc(.input))),
        reads(0x4b68, "PIO_UNIMAPCLR", .structure(ioctlUnimapinit)),
        writes(0x4b69, "GIO_UNISCRNMAP", .bytes(.fixed(512))),
        reads(0x4b6a, "PIO_UNISCRNMAP", .bytes(.fixed(512))),
        updates(0x4b6b, "GIO_FONTX", .structure(ioctlConsolefontdesc(.output))),
        reads(0x4b6c, "PIO_FONTX", .structure(ioctlConsolefontdesc(.input))),
        noArgument(0x4b6d, "PIO_FONTRESET"),
        writes(0x4b70, "GIO_CMAP", .bytes(.fixed(48))),
        reads(0x4b71, "PIO_CMAP", .bytes(.fixed(48))),
        updates(0x4b72, "KDFONTOP", .structure(ioctlConsoleFontOp)),
        // struct kbdiacrsuc: a count, then 256 (diacr, base, result) u32 triples.
        writes(0x4bfa, "KDGKBDIACRUC", .bytes(.fixed(4 + 256 * 12))),
        reads(0x4bfb, "KDSKBDIACRUC", .bytes(.sum(.fixed(4), .times(.min(.pointee(2), .fixed(256)), 12)))),
    ]

    static let ioctlRequests: [Variant] =
        terminalRequests + socketRequests + blockRequests + loopRequests + fileSystemRequests + randomRequests
        + perfRequests + kvmRequests + namespaceRequests + nbdRequests + watchdogRequests + inotifyRequests + timerfdRequests
        + lircRequests + counterRequests + rtcRequests + hdioRequests + deviceMiscRequests + evdevRequests + ptpRequests + videoRequests + gpioRequests + kdRequests

    static let ioctlCalls: [SyscallDescription] = [
        SyscallDescription(16, "ioctl", [
            Parameter("fd", .fd), Parameter("cmd", .int(.uint, .enumeration(FlagTables.ioctlRequest))),
            Parameter("arg", .int(.ulong, .hex)),
        ], classes: [.desc], multiplexer: Multiplexer(selector: 1, mask: 0xffff_ffff, unknown: ENOTTY,
                                                          sizedIoctls: evdevSizedRequests, ioctlRequests)),
    ]
}
