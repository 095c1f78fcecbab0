// Calls newer than strace 6.1 (Linux 6.5 to 6.15), which the host kernel has: described so
// the guard lets them run as natively (before, they were ENOSYS); strace 6.1 knows no names
// for them, so they print as `syscall_0x1c3(...)`, as it prints them.

extension SyscallModel {
    enum RecentLayouts {
        /// struct cachestat_range: the kernel reads it.
        static let cachestatRange = StructLayout("cachestat_range", size: 16, [
            Field("off", 0, .int(.u64)), Field("len", 8, .int(.u64)),
        ])
        /// struct cachestat: the kernel writes it.
        static let cachestat = StructLayout("cachestat", size: 40, [
            Field("nr_cache", 0, .int(.u64)), Field("nr_dirty", 8, .int(.u64)), Field("nr_writeback", 16, .int(.u64)),
            Field("nr_evicted", 24, .int(.u64)), Field("nr_recently_evicted", 32, .int(.u64)),
        ])
        /// struct mnt_id_req, its largest version (MNT_ID_REQ_SIZE_VER1): the kernel reads
        /// `size` bytes of it, at most these.
        static let mountIdRequest = StructLayout("mnt_id_req", size: 32, [
            Field("size", 0, .int(.u32)), Field("spare", 4, .int(.u32)), Field("mnt_id", 8, .int(.u64)),
            Field("param", 16, .int(.u64)), Field("mnt_ns_id", 24, .int(.u64)),
        ])
        /// struct xattr_args: value is a pointer of `size` bytes (read by setxattrat).
        static let xattrArgsIn = StructLayout("xattr_args", size: 16, [
            Field("value", 0, .input(.bytes(.min(.field("size"), .fixed(65536))), optional: true)),
            Field("size", 8, .int(.u32)), Field("flags", 12, .int(.u32, .hex)),
        ])
        /// struct xattr_args for getxattrat: the kernel writes value.
        static let xattrArgsOut = StructLayout("xattr_args", size: 16, [
            Field("value", 0, .output(.bytes(.min(.field("size"), .fixed(65536))), optional: true)),
            Field("size", 8, .int(.u32)), Field("flags", 12, .int(.u32, .hex)),
        ])
    }

    static let recentCalls: [SyscallDescription] = [
        SyscallDescription(451, "cachestat", [
            Parameter("fd", .fd), Parameter("cstat_range", .input(.structure(RecentLayouts.cachestatRange))),
            Parameter("cstat", .output(.structure(RecentLayouts.cachestat))), Parameter("flags", .int(.uint, .hex)),
        ], classes: [.desc]),
        SyscallDescription(452, "fchmodat2", [
            Parameter("dfd", .dirfd), Parameter("filename", .path), Parameter("mode", .int(.umode_t, .octal)),
            Parameter("flags", .int(.uint, .hex)),
        ], classes: [.desc, .file]),
        // No user shadow stacks in the guest: answered EOPNOTSUPP before the kernel (RecentCallAnswers).
        SyscallDescription(453, "map_shadow_stack", [
            Parameter("addr", .address), Parameter("size", .int(.ulong)), Parameter("flags", .int(.uint, .hex)),
        ], result: .hex, classes: [.memory]),
        // futex2: the word is read (its size is in the flags: at most 8 bytes).
        SyscallDescription(454, "futex_wake", [
            Parameter("uaddr", .input(.bytes(.fixed(4)))), Parameter("mask", .int(.ulong, .hex)),
            Parameter("nr", .int(.int)), Parameter("flags", .int(.uint, .hex)),
        ]),
        SyscallDescription(455, "futex_wait", [
            Parameter("uaddr", .input(.bytes(.fixed(4)))), Parameter("val", .int(.ulong)),
            Parameter("mask", .int(.ulong, .hex)), Parameter("flags", .int(.uint, .hex)),
            Parameter("timeout", .input(.structure(timespec), optional: true)), Parameter("clockid", .int(.clockid_t)),
        ]),
        SyscallDescription(456, "futex_requeue", [
            Parameter("waiters", .input(.array(of: .structure(ProcessLayouts.futexWaitv), count: .fixed(2)))),
            Parameter("flags", .int(.uint, .hex)), Parameter("nr_wake", .int(.int)), Parameter("nr_requeue", .int(.int)),
        ]),
        SyscallDescription(457, "statmount", [
            Parameter("req", .input(.structure(RecentLayouts.mountIdRequest))),
            Parameter("buf", .output(.bytes(.argument(2)), optional: true)), Parameter("bufsize", .int(.size_t)),
            Parameter("flags", .int(.uint, .hex)),
        ]),
        SyscallDescription(458, "listmount", [
            Parameter("req", .input(.structure(RecentLayouts.mountIdRequest))),
            Parameter("mnt_ids", .output(.bytes(.times(.argument(2), 8)), optional: true)), Parameter("nr_mnt_ids", .int(.size_t)),
            Parameter("flags", .int(.uint, .hex)),
        ]),
        SyscallDescription(459, "lsm_get_self_attr", [
            Parameter("attr", .int(.uint)), Parameter("ctx", .output(.bytes(.pointee(2)), optional: true)),
            Parameter("size", .both(.scalar(.u32, .decimal))), Parameter("flags", .int(.u32, .hex)),
        ]),
        SyscallDescription(460, "lsm_set_self_attr", [
            Parameter("attr", .int(.uint)), Parameter("ctx", .input(.bytes(.argument(2)))),
            Parameter("size", .int(.u32)), Parameter("flags", .int(.u32, .hex)),
        ]),
        SyscallDescription(461, "lsm_list_modules", [
            Parameter("ids", .output(.bytes(.pointee(1)), optional: true)),
            Parameter("size", .both(.scalar(.u32, .decimal))), Parameter("flags", .int(.u32, .hex)),
        ]),
        // Sealing is answered before the kernel (RecentCallAnswers): the host's own mapping of
        // the target's memory must stay dunetrace's to unmap.
        SyscallDescription(462, "mseal", [
            Parameter("start", .address), Parameter("len", .int(.size_t)), Parameter("flags", .int(.ulong, .hex)),
        ], classes: [.memory]),
        SyscallDescription(463, "setxattrat", [
            Parameter("dfd", .dirfd), Parameter("pathname", .pointer(PointerType(.input, .string(limit: 4096), optional: true))),
            Parameter("at_flags", .int(.uint, .hex)), Parameter("name", xattrName),
            Parameter("uargs", .input(.structure(RecentLayouts.xattrArgsIn))), Parameter("usize", .int(.size_t)),
        ], classes: [.desc, .file]),
        SyscallDescription(464, "getxattrat", [
            Parameter("dfd", .dirfd), Parameter("pathname", .pointer(PointerType(.input, .string(limit: 4096), optional: true))),
            Parameter("at_flags", .int(.uint, .hex)), Parameter("name", xattrName),
            Parameter("uargs", .input(.structure(RecentLayouts.xattrArgsOut))), Parameter("usize", .int(.size_t)),
        ], classes: [.desc, .file]),
        SyscallDescription(465, "listxattrat", [
            Parameter("dfd", .dirfd), Parameter("pathname", .pointer(PointerType(.input, .string(limit: 4096), optional: true))),
            Parameter("at_flags", .int(.uint, .hex)),
            Parameter("list", .output(.bytes(xattrValueLength(4)), optional: true)), Parameter("size", .int(.size_t)),
        ], classes: [.desc, .file]),
        SyscallDescription(466, "removexattrat", [
            Parameter("dfd", .dirfd), Parameter("pathname", .pointer(PointerType(.input, .string(limit: 4096), optional: true))),
            Parameter("at_flags", .int(.uint, .hex)), Parameter("name", xattrName),
        ], classes: [.desc, .file]),
        SyscallDescription(467, "open_tree_attr", [
            Parameter("dfd", .dirfd), Parameter("filename", .pointer(PointerType(.input, .string(limit: 4096), optional: true))),
            Parameter("flags", .int(.uint, .hex)),
            Parameter("uattr", .input(.structure(mountAttrStruct), optional: true)), Parameter("usize", .int(.size_t)),
        ], result: .descriptor, classes: [.desc, .file]),
    ]
}
