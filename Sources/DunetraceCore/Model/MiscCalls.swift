// The miscellaneous family of the model: kernel log, modules, reboot and kexec, I/O privilege,
// LDT and TLS descriptors, keys, I/O priority, perf, seccomp, getrandom, bpf, and the obsolete
// calls (see ModelTypes.swift for the vocabulary).
#if canImport(Glibc)
import Glibc
#endif

extension SyscallModel {
    /// Structures of the miscellaneous family, as the x86-64 kernel lays them out.
    enum MiscLayouts {
        /// struct user_desc (asm/ldt.h): an LDT or GDT TLS entry; the flags are a bit field.
        static let userDesc = StructLayout("user_desc", size: 16, [
            Field("entry_number", 0, .int(.u32)), Field("base_addr", 4, .int(.u32, .hex)),
            Field("limit", 8, .int(.u32, .hex)), Field("flags", 12, .int(.u32, .hex)),
        ])
        /// struct __sysctl_args (linux/sysctl.h). x86-64 kernels since 5.5 have no _sysctl
        /// (ENOSYS whatever it points to), so nothing behind its pointers is ever touched: they are
        /// addresses. strace still prints the structure, so it is described to be kept and shown.
        static let sysctlArgs = StructLayout("__sysctl_args", size: 80, [
            Field("name", 0, .address), Field("nlen", 8, .int(.int)), Field("oldval", 16, .address),
            Field("oldlenp", 24, .address), Field("newval", 32, .address), Field("newlen", 40, .int(.size_t)),
        ])
        /// struct kexec_segment: bufsz bytes at buf (in the caller) go to mem (physical).
        static let kexecSegment = StructLayout("kexec_segment", size: 32, [
            Field("buf", 0, .input(.bytes(.field("bufsz")), optional: true)), Field("bufsz", 8, .int(.size_t)),
            Field("mem", 16, .int(.ulong, .hex)), Field("memsz", 24, .int(.size_t)),
        ])
        static let keyctlDhParams = StructLayout("keyctl_dh_params", size: 12, [
            Field("private", 0, .int(.s32)), Field("prime", 4, .int(.s32)), Field("base", 8, .int(.s32)),
        ])
        /// struct keyctl_kdf_params: a hash name (at most CRYPTO_MAX_ALG_NAME 128) and other info.
        static let keyctlKdfParams = StructLayout("keyctl_kdf_params", size: 56, [
            Field("hashname", 0, .input(.string(limit: 128), optional: true)),
            Field("otherinfo", 8, .input(.bytes(.field("otherinfolen")), optional: true)),
            Field("otherinfolen", 16, .int(.u32)),
        ])
        static let keyctlPkeyQuery = StructLayout("keyctl_pkey_query", size: 56, [
            Field("supported_ops", 0, .int(.u32, .hex)), Field("key_size", 4, .int(.u32)),
            Field("max_data_size", 8, .int(.u16)), Field("max_sig_size", 10, .int(.u16)),
            Field("max_enc_size", 12, .int(.u16)), Field("max_dec_size", 14, .int(.u16)),
        ])
        /// struct perf_event_attr at PERF_ATTR_SIZE_VER8 (136). The kernel reads `size` first and
        /// then that many bytes (64 when 0): fixed 136 is an approximation. config1 and config2
        /// hold string pointers for the kprobe and uprobe PMUs, whose type numbers are dynamic:
        /// described as integers.
        static let perfEventAttr = StructLayout("perf_event_attr", size: 136, [
            Field("type", 0, .int(.u32)), Field("size", 4, .int(.u32)), Field("config", 8, .int(.u64, .hex)),
            Field("sample_period", 16, .int(.u64)), Field("sample_type", 24, .int(.u64, .hex)),
            Field("read_format", 32, .int(.u64, .hex)), Field("flags", 40, .int(.u64, .hex)),
            Field("wakeup_events", 48, .int(.u32)), Field("bp_type", 52, .int(.u32)),
            Field("config1", 56, .int(.u64, .hex)), Field("config2", 64, .int(.u64, .hex)),
            Field("branch_sample_type", 72, .int(.u64, .hex)), Field("sample_regs_user", 80, .int(.u64, .hex)),
            Field("sample_stack_user", 88, .int(.u32)), Field("clockid", 92, .int(.s32)),
            Field("sample_regs_intr", 96, .int(.u64, .hex)), Field("aux_watermark", 104, .int(.u32)),
            Field("sample_max_stack", 108, .int(.u16)), Field("aux_sample_size", 112, .int(.u32)),
            Field("sig_data", 120, .int(.u64, .hex)), Field("config3", 128, .int(.u64, .hex)),
        ])
        static let seccompNotifSizes = StructLayout("seccomp_notif_sizes", size: 6, [
            Field("seccomp_notif", 0, .int(.u16)), Field("seccomp_notif_resp", 2, .int(.u16)),
            Field("seccomp_data", 4, .int(.u16)),
        ])
        /// union bpf_attr for BPF_OBJ_PIN and BPF_OBJ_GET, up to path_fd (libbpf's size).
        static let bpfObjAttr = StructLayout("bpf_attr_obj", size: 20, extent: .argument(2), [
            Field("pathname", 0, .input(.string(limit: 4096))), Field("bpf_fd", 8, .int(.u32)),
            Field("file_flags", 12, .int(.u32, .hex)), Field("path_fd", 16, .int(.s32)),
        ])
        /// union bpf_attr for BPF_RAW_TRACEPOINT_OPEN, up to cookie; name NULL for BTF programs.
        static let bpfRawTracepointAttr = StructLayout("bpf_attr_raw_tracepoint", size: 24, extent: .argument(2), [
            Field("name", 0, .input(.string(limit: 4096), optional: true)), Field("prog_fd", 8, .int(.u32)),
            Field("cookie", 16, .int(.u64, .hex)),
        ])
        // union bpf_attr of the other described commands (linux/bpf.h of 6.1, x86-64): the
        // kernel reads `size` (argument 2) bytes; bytes past these layouts must be zero.
        /// BPF_MAP_CREATE, up to map_extra: no pointers, two descriptors.
        static let bpfMapCreateAttr = StructLayout("bpf_attr_map_create", size: 72, extent: .argument(2), [
            Field("map_type", 0, .int(.u32)), Field("key_size", 4, .int(.u32)), Field("value_size", 8, .int(.u32)),
            Field("max_entries", 12, .int(.u32)), Field("map_flags", 16, .int(.u32, .hex)),
            Field("inner_map_fd", 20, .descriptor(.optional)), Field("btf_fd", 48, .descriptor(.optional)),
            Field("map_extra", 64, .int(.u64)),
        ])
        /// BPF_PROG_LOAD, up to core_relo_rec_size. The log is written whatever the result (the
        /// verifier explains a refusal there). fd_array is indexed by instruction operands: its
        /// length is not in the attributes, so a program that passes one gets EFAULT.
        /// (Descriptors named by instructions, BPF_PSEUDO_MAP_FD, are not followed: dunetrace's
        /// own descriptors are no maps, so the kernel refuses them as it would any other.)
        static let bpfProgLoadAttr = StructLayout("bpf_attr_prog_load", size: 140, extent: .argument(2), [
            Field("prog_type", 0, .int(.u32)), Field("insn_cnt", 4, .int(.u32)),
            Field("insns", 8, .input(.bytes(.times(.field("insn_cnt"), 8)))),
            Field("license", 16, .input(.string(limit: 128))),
            Field("log_level", 24, .int(.u32)), Field("log_size", 28, .int(.u32)),
            Field("log_buf", 32, .output(.bytes(.field("log_size")), optional: true, written: .always)),
            Field("kern_version", 40, .int(.u32, .hex)), Field("prog_flags", 44, .int(.u32, .hex)),
            Field("prog_btf_fd", 72, .descriptor(.optional)), Field("func_info_rec_size", 76, .int(.u32)),
            Field("func_info", 80, .input(.bytes(.product(.field("func_info_cnt"), .field("func_info_rec_size"))), optional: true)),
            Field("func_info_cnt", 88, .int(.u32)), Field("line_info_rec_size", 92, .int(.u32)),
            Field("line_info", 96, .input(.bytes(.product(.field("line_info_cnt"), .field("line_info_rec_size"))), optional: true)),
            Field("line_info_cnt", 104, .int(.u32)), Field("attach_prog_fd", 112, .descriptor(.optional)),
            Field("core_relo_cnt", 116, .int(.u32)),
            Field("fd_array", 120, .input(.bytes(.unknowable), optional: true)),
            Field("core_relos", 128, .input(.bytes(.product(.field("core_relo_cnt"), .field("core_relo_rec_size"))), optional: true)),
            Field("core_relo_rec_size", 136, .int(.u32)),
        ])
        /// BPF_PROG_QUERY: prog_cnt ids (and attach flags) written back, prog_cnt updated.
        static let bpfProgQueryAttr = StructLayout("bpf_attr_query", size: 40, extent: .argument(2), [
            Field("target_fd", 0, .descriptor(.any)), Field("attach_type", 4, .int(.u32)),
            Field("query_flags", 8, .int(.u32, .hex)), Field("attach_flags", 12, .int(.u32, .hex)),
            Field("prog_ids", 16, .output(.bytes(.times(.field("prog_cnt"), 4)), optional: true, written: .always)),
            Field("prog_cnt", 24, .int(.u32)),
            Field("prog_attach_flags", 32, .output(.bytes(.times(.field("prog_cnt"), 4)), optional: true, written: .always)),
        ])
        /// BPF_BTF_LOAD: btf_size bytes of BTF in, a log out.
        static let bpfBtfLoadAttr = StructLayout("bpf_attr_btf_load", size: 28, extent: .argument(2), [
            Field("btf", 0, .input(.bytes(.field("btf_size")))),
            Field("btf_log_buf", 8, .output(.bytes(.field("btf_log_size")), optional: true, written: .always)),
            Field("btf_size", 16, .int(.u32)), Field("btf_log_size", 20, .int(.u32)), Field("btf_log_level", 24, .int(.u32)),
        ])
        /// BPF_TASK_FD_QUERY: the probe's name into buf (buf_len bytes), buf_len updated.
        static let bpfTaskFdQueryAttr = StructLayout("bpf_attr_task_fd_query", size: 48, extent: .argument(2), [
            Field("pid", 0, .int(.pid_t)), Field("fd", 4, .int(.u32)), Field("flags", 8, .int(.u32, .hex)),
            Field("buf_len", 12, .int(.u32)),
            Field("buf", 16, .output(.bytes(.field("buf_len")), optional: true)),
            Field("prog_id", 24, .int(.u32)), Field("fd_type", 28, .int(.u32)),
            Field("probe_offset", 32, .int(.u64, .hex)), Field("probe_addr", 40, .int(.u64, .hex)),
        ])
    }

    /// The kernel's `~0UL >> 1` limit of strndup_user for module parameters: none in practice.
    static let unboundedStringLimit = Int.max >> 1

    /// Calls the x86-64 kernel no longer implements (ENOSYS natively): described without
    /// arguments so that the kernel gives its own ENOSYS and the decoder can name them.
    private static let obsoleteCalls: [SyscallDescription] = [
        (174, "create_module"), (177, "get_kernel_syms"), (178, "query_module"),
        (180, "nfsservctl"), (181, "getpmsg"), (182, "putpmsg"), (183, "afs_syscall"), (184, "tuxcall"),
        (185, "security"), (212, "lookup_dcookie"), (236, "vserver"),
    ].map { number, name in
        SyscallDescription(number, name, [], classes: number == 181 || number == 182 ? [.network] : [])
    }

    static let miscCalls: [SyscallDescription] = obsoleteCalls + [
        // Gone from the kernel (ENOSYS, like the calls above), but strace prints its argument.
        SyscallDescription(156, "_sysctl", [Parameter("args", .input(.structure(MiscLayouts.sysctlArgs)))]),
        SyscallDescription(103, "syslog", [
            Parameter("type", .int()), Parameter("buf", .unused), Parameter("len", .unused),
        ], multiplexer: syslogActions),
        SyscallDescription(139, "sysfs", [
            Parameter("option", .int()), Parameter("arg1", .unused), Parameter("arg2", .unused),
        // Options 1-3 are all the kernel has; another is its EINVAL, touching nothing.
        ], multiplexer: Multiplexer(selector: 0, mask: 0xffff_ffff, unknown: EINVAL, unknownReachesKernel: true, [
            Variant(1, "GETFSIND", [1: Parameter("fsname", .path)]),
            // The kernel writes the name and its NUL (strlen + 1, under 32 for every filesystem
            // type): 32 bounds it.
            Variant(2, "GETFSTYP", [1: Parameter("fs_index", .int(.uint)), 2: Parameter("buf", .output(.bytes(.fixed(32))))]),
            Variant(3, "GETNFSTYP"),
        ])),
        SyscallDescription(154, "modify_ldt", [
            Parameter("func", .int()), Parameter("ptr", .unused), Parameter("bytecount", .int(.ulong)),
        ], multiplexer: Multiplexer(selector: 0, mask: 0xffff_ffff, unknown: ENOSYS, complete: true, [
            // Writes min(bytecount, LDT_ENTRIES * LDT_ENTRY_SIZE) bytes (zeros past the LDT).
            Variant(0, "read_ldt", [1: Parameter("ptr", .output(.bytes(.min(.argument(2), .fixed(65536)))))]),
            // bytecount must be sizeof(struct user_desc) (EINVAL otherwise, before the read).
            Variant(1, "write_ldt", [1: Parameter("ptr", .input(.structure(MiscLayouts.userDesc)))]),
            Variant(2, "read_default_ldt", [1: Parameter("ptr", .output(.bytes(.min(.argument(2), .fixed(128)))))]),
            Variant(0x11, "write_ldt", [1: Parameter("ptr", .input(.structure(MiscLayouts.userDesc)))]),
        ])),
        SyscallDescription(169, "reboot", [
            Parameter("magic1", .int(.int, .enumeration(FlagTables.rebootMagic1))),
            Parameter("magic2", .int(.int, .enumeration(FlagTables.rebootMagic2))),
            Parameter("cmd", .int(.uint, .enumeration(FlagTables.rebootCommand))), Parameter("arg", .unused),
        ], multiplexer: Multiplexer(selector: 2, mask: 0xffff_ffff, unknown: EINVAL, [
            Variant(0x0123_4567, "LINUX_REBOOT_CMD_RESTART"), Variant(0xCDEF_0123, "LINUX_REBOOT_CMD_HALT"),
            Variant(0x89AB_CDEF, "LINUX_REBOOT_CMD_CAD_ON"), Variant(0, "LINUX_REBOOT_CMD_CAD_OFF"),
            Variant(0x4321_FEDC, "LINUX_REBOOT_CMD_POWER_OFF"),
            // strncpy_from_user into a 256-byte buffer, NUL kept: 255 bytes at most.
            Variant(0xA1B2_C3D4, "LINUX_REBOOT_CMD_RESTART2", [3: Parameter("arg", .input(.string(limit: 255)))]),
            Variant(0xD000_FCE2, "LINUX_REBOOT_CMD_SW_SUSPEND"), Variant(0x4558_4543, "LINUX_REBOOT_CMD_KEXEC"),
        ])),
        SyscallDescription(172, "iopl", [Parameter("level", .int(.uint))]),
        SyscallDescription(173, "ioperm", [
            Parameter("from", .int(.ulong, .hex)), Parameter("num", .int(.ulong, .hex)), Parameter("turn_on", .int()),
        ]),
        SyscallDescription(175, "init_module", [
            Parameter("umod", .input(.bytes(.argument(1)))), Parameter("len", .int(.ulong)),
            Parameter("uargs", .input(.string(limit: unboundedStringLimit))),
        ]),
        // strncpy_from_user of MODULE_NAME_LEN - 1 bytes.
        SyscallDescription(176, "delete_module", [
            Parameter("name_user", .input(.string(limit: 55))), Parameter("flags", .int(.uint, .flags(FlagTables.deleteModuleFlags))),
        ]),
        // entry_number -1 asks the kernel to pick a free entry, which it writes back.
        SyscallDescription(205, "set_thread_area", [Parameter("u_info", .both(.structure(MiscLayouts.userDesc)))]),
        SyscallDescription(211, "get_thread_area", [Parameter("u_info", .both(.structure(MiscLayouts.userDesc)))]),
        SyscallDescription(219, "restart_syscall", []),
        // At most KEXEC_SEGMENT_MAX (16) segments (EINVAL before the read).
        SyscallDescription(246, "kexec_load", [
            Parameter("entry", .int(.ulong, .hex)), Parameter("nr_segments", .int(.ulong)),
            Parameter("segments", .input(.array(of: .structure(MiscLayouts.kexecSegment), count: .argument(1)))),
            Parameter("flags", .int(.ulong, .flags(FlagTables.kexecLoadFlags))),
        ]),
        SyscallDescription(248, "add_key", [
            Parameter("_type", .input(.string(limit: keyTypeLimit))),
            Parameter("_description", .input(.string(limit: keyDescriptionLimit), optional: true)),
            Parameter("_payload", .input(.bytes(.argument(3)), optional: true)), Parameter("plen", .int(.size_t)),
            Parameter("ringid", .int(.s32)),
        ]),
        SyscallDescription(249, "request_key", [
            Parameter("_type", .input(.string(limit: keyTypeLimit))),
            Parameter("_description", .input(.string(limit: keyDescriptionLimit))),
            Parameter("_callout_info", .input(.string(limit: 4096), optional: true)),
            Parameter("destringid", .int(.s32)),
        ]),
        SyscallDescription(250, "keyctl", [
            Parameter("option", .int(.int, .enumeration(FlagTables.keyctlCommand))), Parameter("arg2", .unused), Parameter("arg3", .unused),
            Parameter("arg4", .unused), Parameter("arg5", .unused),
        ], multiplexer: keyctlOperations),
        SyscallDescription(251, "ioprio_set", [Parameter("which", .int(.int, .enumeration(FlagTables.ioprioWho))), Parameter("who", .int()), Parameter("ioprio", .int(.int, .hex))]),
        SyscallDescription(252, "ioprio_get", [Parameter("which", .int(.int, .enumeration(FlagTables.ioprioWho))), Parameter("who", .int())]),
        // With PERF_FLAG_PID_CGROUP, pid is a cgroup directory descriptor.
        SyscallDescription(298, "perf_event_open", [
            Parameter("attr_uptr", .input(.structure(MiscLayouts.perfEventAttr))), Parameter("pid", .int(.pid_t)),
            Parameter("cpu", .int()), Parameter("group_fd", .descriptor(.optional)), Parameter("flags", .int(.ulong, .flags(FlagTables.perfEventOpenFlags))),
        ], result: .descriptor, classes: [.desc]),
        SyscallDescription(313, "finit_module", [
            Parameter("fd", .fd), Parameter("uargs", .input(.string(limit: unboundedStringLimit))),
            Parameter("flags", .int(.uint, .flags(FlagTables.finitModuleFlags))),
        ], classes: [.desc]),
        // SECCOMP_FILTER_FLAG_NEW_LISTENER makes the result a descriptor.
        SyscallDescription(317, "seccomp", [
            Parameter("op", .int(.uint, .enumeration(FlagTables.seccompOperation))), Parameter("flags", .int(.uint, .hex)),
            Parameter("uargs", .unused),
        ], multiplexer: Multiplexer(selector: 0, mask: 0xffff_ffff, unknown: EINVAL, [
            // flags and uargs must be 0 and NULL: compared, not read through.
            Variant(0, "SECCOMP_SET_MODE_STRICT", [2: Parameter("uargs", .address)]),
            Variant(1, "SECCOMP_SET_MODE_FILTER", [
                1: Parameter("flags", .int(.uint, .flags(FlagTables.seccompFilterFlags))),
                2: Parameter("uargs", .input(.structure(ProcessLayouts.sockFprog))),
            ]),
            Variant(2, "SECCOMP_GET_ACTION_AVAIL", [2: Parameter("uargs", .input(.scalar(.u32, .enumeration(FlagTables.seccompReturnAction))))]),
            Variant(3, "SECCOMP_GET_NOTIF_SIZES", [2: Parameter("uargs", .output(.structure(MiscLayouts.seccompNotifSizes)))]),
        ])),
        SyscallDescription(318, "getrandom", [
            Parameter("buf", .output(.bytes(.argument(1)))), Parameter("count", .int(.size_t)),
            Parameter("flags", .int(.uint, .flags(FlagTables.getrandomFlags))),
        ]),
        // initrd_fd is ignored with KEXEC_FILE_NO_INITRAMFS (-1 then); the command line includes its NUL.
        SyscallDescription(320, "kexec_file_load", [
            Parameter("kernel_fd", .fd), Parameter("initrd_fd", .descriptor(.optional)),
            Parameter("cmdline_len", .int(.ulong)), Parameter("cmdline_ptr", .input(.bytes(.argument(2)), optional: true)),
            Parameter("flags", .int(.ulong, .flags(FlagTables.kexecFileLoadFlags))),
        ], classes: [.desc]),
        SyscallDescription(321, "bpf", [
            Parameter("cmd", .int(.int, .enumeration(FlagTables.bpfCommand))), Parameter("uattr", .unused), Parameter("size", .int(.uint)),
        ], classes: [.desc], multiplexer: bpfCommands),
    ]

    /// A key type name: strncpy_from_user into a 32-byte buffer (EINVAL when it fills it).
    static let keyTypeLimit = 32
    /// KEY_MAX_DESC_SIZE.
    static let keyDescriptionLimit = 4096

    /// syslog actions: only the reads use the buffer; CONSOLE_LEVEL passes the level in len.
    private static let syslogActions: Multiplexer = {
        // A NULL buffer or a negative len is the kernel's EINVAL.
        let read = [1: Parameter("buf", .output(.bytes(.min(.argument(2), .result)), optional: true)), 2: Parameter("len", .int())]
        // Actions 0-10 are all the kernel has: another is its EINVAL, after its permission
        // check (EPERM under dmesg_restrict), touching nothing.
        return Multiplexer(selector: 0, mask: 0xffff_ffff, unknown: EINVAL, unknownReachesKernel: true, [
            Variant(0, "SYSLOG_ACTION_CLOSE"), Variant(1, "SYSLOG_ACTION_OPEN"),
            Variant(2, "SYSLOG_ACTION_READ", read), Variant(3, "SYSLOG_ACTION_READ_ALL", read),
            Variant(4, "SYSLOG_ACTION_READ_CLEAR", read), Variant(5, "SYSLOG_ACTION_CLEAR"),
            Variant(6, "SYSLOG_ACTION_CONSOLE_OFF"), Variant(7, "SYSLOG_ACTION_CONSOLE_ON"),
            Variant(8, "SYSLOG_ACTION_CONSOLE_LEVEL", [2: Parameter("level", .int())]),
            Variant(9, "SYSLOG_ACTION_SIZE_UNREAD"), Variant(10, "SYSLOG_ACTION_SIZE_BUFFER"),
        ])
    }()

    /// keyctl operations (security/keys/keyctl.c); unknown ones EOPNOTSUPP. Left out:
    /// KEYCTL_PKEY_ENCRYPT, _DECRYPT, _SIGN and _VERIFY, whose buffers' lengths are fields of the
    /// parameter structure another argument points to.
    private static let keyctlOperations: Multiplexer = {
        let serial = { (i: Int, name: String) in (i, Parameter(name, .int(.s32))) }
        let id = serial(1, "id")
        let readBuffer = [(2, Parameter("buffer", .output(.bytes(.min(.argument(3), .result)), optional: true))),
                          (3, Parameter("buflen", .int(.size_t)))]
        func v(_ n: UInt64, _ name: String, _ args: [(Int, Parameter)] = []) -> Variant {
            Variant(n, name, Dictionary(args, uniquingKeysWith: { a, _ in a }))
        }
        return Multiplexer(selector: 0, mask: 0xffff_ffff, unknown: EOPNOTSUPP, [
            v(0, "KEYCTL_GET_KEYRING_ID", [id, (2, Parameter("create", .int()))]),
            v(1, "KEYCTL_JOIN_SESSION_KEYRING", [(1, Parameter("name", .input(.string(limit: keyDescriptionLimit), optional: true)))]),
            v(2, "KEYCTL_UPDATE", [id, (2, Parameter("payload", .input(.bytes(.argument(3)), optional: true))),
                                   (3, Parameter("plen", .int(.size_t)))]),
            v(3, "KEYCTL_REVOKE", [id]),
            v(4, "KEYCTL_CHOWN", [id, (2, Parameter("uid", .int(.uid_t))), (3, Parameter("gid", .int(.gid_t)))]),
            v(5, "KEYCTL_SETPERM", [id, (2, Parameter("perm", .int(.u32, .hex)))]),
            v(6, "KEYCTL_DESCRIBE", [id] + readBuffer),
            v(7, "KEYCTL_CLEAR", [serial(1, "ringid")]),
            v(8, "KEYCTL_LINK", [id, serial(2, "ringid")]),
            v(9, "KEYCTL_UNLINK", [id, serial(2, "ringid")]),
            v(10, "KEYCTL_SEARCH", [
                serial(1, "ringid"), (2, Parameter("type", .input(.string(limit: keyTypeLimit)))),
                (3, Parameter("description", .input(.string(limit: keyDescriptionLimit)))), serial(4, "destringid"),
            ]),
            v(11, "KEYCTL_READ", [id] + readBuffer),
            v(12, "KEYCTL_INSTANTIATE", [id, (2, Parameter("payload", .input(.bytes(.argument(3)), optional: true))),
                                         (3, Parameter("plen", .int(.size_t))), serial(4, "ringid")]),
            v(13, "KEYCTL_NEGATE", [id, (2, Parameter("timeout", .int(.uint))), serial(3, "ringid")]),
            v(14, "KEYCTL_SET_REQKEY_KEYRING", [(1, Parameter("reqkey_defl", .int()))]),
            v(15, "KEYCTL_SET_TIMEOUT", [id, (2, Parameter("timeout", .int(.uint)))]),
            v(16, "KEYCTL_ASSUME_AUTHORITY", [id]),
            v(17, "KEYCTL_GET_SECURITY", [id] + readBuffer),
            v(18, "KEYCTL_SESSION_TO_PARENT"),
            v(19, "KEYCTL_REJECT", [id, (2, Parameter("timeout", .int(.uint))), (3, Parameter("error", .int(.uint))),
                                    serial(4, "ringid")]),
            v(20, "KEYCTL_INSTANTIATE_IOV", [
                id, (2, Parameter("payload_iov", .input(.array(of: .structure(iovecIn), count: .argument(3)), optional: true))),
                (3, Parameter("ioc", .int(.uint))), serial(4, "ringid"),
            ]),
            v(21, "KEYCTL_INVALIDATE", [id]),
            v(22, "KEYCTL_GET_PERSISTENT", [(1, Parameter("uid", .int(.uid_t))), serial(2, "destringid")]),
            v(23, "KEYCTL_DH_COMPUTE", [
                (1, Parameter("params", .input(.structure(MiscLayouts.keyctlDhParams)))),
                (2, Parameter("buffer", .output(.bytes(.min(.argument(3), .result)), optional: true))),
                (3, Parameter("buflen", .int(.size_t))),
                (4, Parameter("kdf", .input(.structure(MiscLayouts.keyctlKdfParams), optional: true))),
            ]),
            v(24, "KEYCTL_PKEY_QUERY", [
                id, (2, Parameter("reserved", .int(.ulong))),
                (3, Parameter("info", .input(.string(limit: 4096)))),
                (4, Parameter("result", .output(.structure(MiscLayouts.keyctlPkeyQuery)))),
            ]),
            v(29, "KEYCTL_RESTRICT_KEYRING", [
                id, (2, Parameter("type", .input(.string(limit: keyTypeLimit), optional: true))),
                (3, Parameter("restriction", .input(.string(limit: 4096), optional: true))),
            ]),
            v(30, "KEYCTL_MOVE", [id, serial(2, "from_ringid"), serial(3, "to_ringid"), (4, Parameter("flags", .int(.uint, .hex)))]),
            // Writes min(buflen, the capabilities' size) bytes and returns that size.
            v(31, "KEYCTL_CAPABILITIES", [(1, Parameter("buffer", .output(.bytes(.min(.argument(2), .result)), optional: true))),
                                          (2, Parameter("buflen", .int(.size_t)))]),
            v(32, "KEYCTL_WATCH_KEY", [id, (2, Parameter("watch_queue_fd", .descriptor(.optional))),
                                       (3, Parameter("watch_id", .int()))]),
        ])
    }()

    /// bpf commands whose union bpf_attr (size: argument 2) holds no pointer, or whose pointers
    /// are described. Left out (refused, EINVAL): the map element and batch commands (key and
    /// value sizes belong to the map, not to the attributes), BPF_PROG_TEST_RUN (data_out with
    /// data_size_out 0 takes whatever the program outputs), BPF_OBJ_GET_INFO_BY_FD (the info
    /// structure, and its pointers, depend on the kind of object the descriptor is),
    /// BPF_LINK_CREATE (its union depends on the program's type).
    private static let bpfCommands: Multiplexer = {
        let flat = [1: Parameter("uattr", .input(.bytes(.argument(2))))]
        // The kernel writes next_id into the attribute.
        let nextID = [1: Parameter("uattr", .both(.bytes(.argument(2))))]
        return Multiplexer(selector: 0, mask: 0xffff_ffff, unknown: EINVAL, [
            Variant(0, "BPF_MAP_CREATE", [1: Parameter("uattr", .input(.structure(MiscLayouts.bpfMapCreateAttr)))]),
            // The kernel writes log_true_size (6.4) into the attributes.
            Variant(5, "BPF_PROG_LOAD", [1: Parameter("uattr", .both(.structure(MiscLayouts.bpfProgLoadAttr), written: .always))]),
            Variant(16, "BPF_PROG_QUERY", [1: Parameter("uattr", .both(.structure(MiscLayouts.bpfProgQueryAttr), written: .always))]),
            Variant(18, "BPF_BTF_LOAD", [1: Parameter("uattr", .both(.structure(MiscLayouts.bpfBtfLoadAttr), written: .always))]),
            Variant(20, "BPF_TASK_FD_QUERY", [1: Parameter("uattr", .both(.structure(MiscLayouts.bpfTaskFdQueryAttr), written: .always))]),
            Variant(6, "BPF_OBJ_PIN", [1: Parameter("uattr", .input(.structure(MiscLayouts.bpfObjAttr)))]),
            Variant(7, "BPF_OBJ_GET", [1: Parameter("uattr", .input(.structure(MiscLayouts.bpfObjAttr)))]),
            Variant(8, "BPF_PROG_ATTACH", flat), Variant(9, "BPF_PROG_DETACH", flat),
            Variant(11, "BPF_PROG_GET_NEXT_ID", nextID), Variant(12, "BPF_MAP_GET_NEXT_ID", nextID),
            Variant(13, "BPF_PROG_GET_FD_BY_ID", flat), Variant(14, "BPF_MAP_GET_FD_BY_ID", flat),
            Variant(17, "BPF_RAW_TRACEPOINT_OPEN", [1: Parameter("uattr", .input(.structure(MiscLayouts.bpfRawTracepointAttr)))]),
            Variant(19, "BPF_BTF_GET_FD_BY_ID", flat), Variant(22, "BPF_MAP_FREEZE", flat),
            Variant(23, "BPF_BTF_GET_NEXT_ID", nextID), Variant(29, "BPF_LINK_UPDATE", flat),
            Variant(30, "BPF_LINK_GET_FD_BY_ID", flat), Variant(31, "BPF_LINK_GET_NEXT_ID", nextID),
            Variant(32, "BPF_ENABLE_STATS", flat), Variant(33, "BPF_ITER_CREATE", flat),
            Variant(34, "BPF_LINK_DETACH", flat), Variant(35, "BPF_PROG_BIND_MAP", flat),
            Variant(36, "BPF_TOKEN_CREATE", flat),
        ])
    }()
}
