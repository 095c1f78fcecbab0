// Calls newer than strace 6.1's table (Linux 6.5 to 6.13): described so the guard lets them
// reach the kernel with every pointer checked, as the other families; the decoder prints them
// as strace 6.1 does, by number (syscall_0x1c3).

extension SyscallModel {
    private enum RecentLayouts {
        static let cachestatRange = StructLayout("cachestat_range", size: 16, [
            Field("off", 0, .int(.u64)), Field("len", 8, .int(.u64)),
        ])
        /// struct mnt_id_req, MNT_ID_REQ_SIZE_VER1 (the kernel copies `size` bytes of it).
        static let mntIdReq = StructLayout("mnt_id_req", size: 32, [
            Field("size", 0, .int(.u32)), Field("spare", 4, .int(.u32)), Field("mnt_id", 8, .int(.u64, .hex)),
            Field("param", 16, .int(.u64, .hex)), Field("mnt_ns_id", 24, .int(.u64)),
        ])
        /// struct xattr_args: `value` holds `size` bytes.
        static func xattrArgs(_ direction: Direction) -> StructLayout {
            StructLayout("xattr_args", size: 16, [
                Field("value", 0, .pointer(PointerType(direction, .bytes(.min(.field("size"), .fixed(65536))), optional: true))),
                Field("size", 8, .int(.u32)), Field("flags", 12, .int(.u32, .hex)),
            ])
        }
    }

    static let recentCalls: [SyscallDescription] = [
        SyscallDescription(451, "cachestat", [
            Parameter("fd", .fd), Parameter("cstat_range", .input(.structure(RecentLayouts.cachestatRange))),
            Parameter("cstat", .output(.bytes(.fixed(40)))), Parameter("flags", .int(.uint, .hex)),
        ], classes: [.desc]),
        SyscallDescription(452, "fchmodat2", [
            Parameter("dfd", .dirfd), Parameter("filename", .path), Parameter("mode", .int(.umode_t, .octal)),
            Parameter("flags", .int(.uint, .hex)),
        ], classes: [.desc, .file]),
        SyscallDescription(454, "futex_wake", [
            Parameter("uaddr", .input(.scalar(.u32, .decimal))), Parameter("mask", .int(.ulong, .hex)),
            Parameter("nr", .int(.int)), Parameter("flags", .int(.uint, .hex)),
        ]),
        SyscallDescription(455, "futex_wait", [
            Parameter("uaddr", .input(.scalar(.u32, .decimal))), Parameter("val", .int(.ulong)),
            Parameter("mask", .int(.ulong, .hex)), Parameter("flags", .int(.uint, .hex)),
            Parameter("timeout", .input(.structure(timespec), optional: true)), Parameter("clockid", .int(.clockid_t)),
        ]),
        SyscallDescription(456, "futex_requeue", [
            Parameter("waiters", .input(.array(of: .structure(ProcessLayouts.futexWaitv), count: .fixed(2)))),
            Parameter("flags", .int(.uint, .hex)), Parameter("nr_wake", .int(.int)), Parameter("nr_requeue", .int(.int)),
        ]),
        SyscallDescription(457, "statmount", [
            Parameter("req", .input(.structure(RecentLayouts.mntIdReq))),
            Parameter("buf", .output(.bytes(.argument(2)))), Parameter("bufsize", .int(.size_t)),
            Parameter("flags", .int(.uint, .hex)),
        ], classes: [.file]),
        SyscallDescription(458, "listmount", [
            Parameter("req", .input(.structure(RecentLayouts.mntIdReq))),
            Parameter("mnt_ids", .output(.array(of: .scalar(.u64, .decimal), count: .argument(2)))),
            Parameter("nr_mnt_ids", .int(.size_t)), Parameter("flags", .int(.uint, .hex)),
        ], classes: [.file]),
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
        SyscallDescription(463, "setxattrat", [
            Parameter("dfd", .dirfd), Parameter("pathname", nullablePathArgument), Parameter("at_flags", .int(.uint, .hex)),
            Parameter("name", xattrName), Parameter("uargs", .input(.structure(RecentLayouts.xattrArgs(.input)))),
            Parameter("usize", .int(.size_t)),
        ], classes: [.file]),
        SyscallDescription(464, "getxattrat", [
            Parameter("dfd", .dirfd), Parameter("pathname", nullablePathArgument), Parameter("at_flags", .int(.uint, .hex)),
            Parameter("name", xattrName), Parameter("uargs", .input(.structure(RecentLayouts.xattrArgs(.output)))),
            Parameter("usize", .int(.size_t)),
        ], classes: [.file]),
        SyscallDescription(465, "listxattrat", [
            Parameter("dfd", .dirfd), Parameter("pathname", nullablePathArgument), Parameter("at_flags", .int(.uint, .hex)),
            Parameter("list", .output(.bytes(xattrValueLength(4)), optional: true)), Parameter("size", .int(.size_t)),
        ], classes: [.file]),
        SyscallDescription(466, "removexattrat", [
            Parameter("dfd", .dirfd), Parameter("pathname", nullablePathArgument), Parameter("at_flags", .int(.uint, .hex)),
            Parameter("name", xattrName),
        ], classes: [.file]),
    ]
}
