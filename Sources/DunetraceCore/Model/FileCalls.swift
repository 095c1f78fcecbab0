// The file family of the model: calls that take a path (see ModelTypes.swift for the vocabulary).

import Glibc

extension SyscallModel {
    /// A path the caller may leave NULL (utimensat/futimesat on dfd, fanotify_mark, acct...).
    static let nullablePathArgument = ValueType.pointer(PointerType(.input, .string(limit: 4096), optional: true))
    /// An extended attribute name: the kernel copies at most XATTR_NAME_MAX + 1 bytes (ERANGE beyond).
    static let xattrName = ValueType.input(.string(limit: 256))
    /// An xattr value or name list of `size` (argument `i`) bytes: the kernel clamps a get or
    /// list size to 64 KiB (XATTR_SIZE_MAX, XATTR_LIST_MAX) and refuses a larger set (E2BIG).
    static func xattrValueLength(_ i: Int) -> Count { .min(.argument(i), .fixed(65536)) }

    /// struct stat of x86-64 (the kernel's `struct stat`, filled by cp_new_stat).
    static let statStruct = StructLayout("stat", size: 144, [
        Field("st_dev", 0, .int(.ulong, .hex)), Field("st_ino", 8, .int(.ulong)),
        Field("st_nlink", 16, .int(.ulong)), Field("st_mode", 24, .int(.uint, .octal)),
        Field("st_uid", 28, .int(.uid_t)), Field("st_gid", 32, .int(.gid_t)),
        Field("st_rdev", 40, .int(.ulong, .hex)), Field("st_size", 48, .int(.long)),
        Field("st_blksize", 56, .int(.long)), Field("st_blocks", 64, .int(.long)),
        Field("st_atime", 72, .int(.ulong)), Field("st_atime_nsec", 80, .int(.ulong)),
        Field("st_mtime", 88, .int(.ulong)), Field("st_mtime_nsec", 96, .int(.ulong)),
        Field("st_ctime", 104, .int(.ulong)), Field("st_ctime_nsec", 112, .int(.ulong)),
    ])

    static let statfsStruct = StructLayout("statfs", size: 120, [
        Field("f_type", 0, .int(.long, .enumeration(FlagTables.filesystemMagic))), Field("f_bsize", 8, .int(.long)),
        Field("f_blocks", 16, .int(.u64)), Field("f_bfree", 24, .int(.u64)), Field("f_bavail", 32, .int(.u64)),
        Field("f_files", 40, .int(.u64)), Field("f_ffree", 48, .int(.u64)),
        Field("f_fsid", 56, .int(.u64, .hex)), Field("f_namelen", 64, .int(.long)),
        Field("f_frsize", 72, .int(.long)), Field("f_flags", 80, .int(.long, .flags(FlagTables.statfsFlags))),
    ])

    static let ustatStruct = StructLayout("ustat", size: 32, [
        Field("f_tfree", 0, .int(.int)), Field("f_tinode", 8, .int(.ulong)),
    ])

    static let utimbufStruct = StructLayout("utimbuf", size: 16, [
        Field("actime", 0, .int(.time_t)), Field("modtime", 8, .int(.time_t)),
    ])

    /// struct statx (256 bytes; the fields strace prints, the rest is spare).
    static let statxStruct = StructLayout("statx", size: 256, [
        Field("stx_mask", 0, .int(.u32, .flags(FlagTables.statxMask))), Field("stx_blksize", 4, .int(.u32)),
        Field("stx_attributes", 8, .int(.u64, .flags(FlagTables.statxAttributes))), Field("stx_nlink", 16, .int(.u32)),
        Field("stx_uid", 20, .int(.u32)), Field("stx_gid", 24, .int(.u32)), Field("stx_mode", 28, .int(.u16, .octal)),
        Field("stx_ino", 32, .int(.u64)), Field("stx_size", 40, .int(.u64)), Field("stx_blocks", 48, .int(.u64)),
        Field("stx_attributes_mask", 56, .int(.u64, .flags(FlagTables.statxAttributes))),
        Field("stx_atime.tv_sec", 64, .int(.s64)), Field("stx_atime.tv_nsec", 72, .int(.u32)),
        Field("stx_btime.tv_sec", 80, .int(.s64)), Field("stx_btime.tv_nsec", 88, .int(.u32)),
        Field("stx_ctime.tv_sec", 96, .int(.s64)), Field("stx_ctime.tv_nsec", 104, .int(.u32)),
        Field("stx_mtime.tv_sec", 112, .int(.s64)), Field("stx_mtime.tv_nsec", 120, .int(.u32)),
        Field("stx_rdev_major", 128, .int(.u32)), Field("stx_rdev_minor", 132, .int(.u32)),
        Field("stx_dev_major", 136, .int(.u32)), Field("stx_dev_minor", 140, .int(.u32)),
        Field("stx_mnt_id", 144, .int(.u64)),
        Field("stx_dio_mem_align", 152, .int(.u32)), Field("stx_dio_offset_align", 156, .int(.u32)),
    ])

    /// struct file_handle's fixed header; the kernel also reads or writes f_handle[handle_bytes]
    /// right after it, which Count cannot add to the header (see the family's report).
    static let fileHandleStruct = StructLayout("file_handle", size: 8, [
        Field("handle_bytes", 0, .int(.u32)), Field("handle_type", 4, .int(.int)),
    ])

    /// struct landlock_path_beneath_attr (packed): parent_fd is a descriptor of the caller.
    static let landlockPathBeneathStruct = StructLayout("landlock_path_beneath_attr", size: 12, [
        Field("allowed_access", 0, .int(.u64, .flags(FlagTables.landlockAccessFs))), Field("parent_fd", 8, .fd),
    ])
    static let landlockNetPortStruct = StructLayout("landlock_net_port_attr", size: 16, [
        Field("allowed_access", 0, .int(.u64, .hex)), Field("port", 8, .int(.u64)),
    ])

    // quotactl's structures (include/uapi/linux/quota.h, dqblk_xfs.h).
    static let ifDqblkStruct = StructLayout("if_dqblk", size: 72, [
        Field("dqb_bhardlimit", 0, .int(.u64)), Field("dqb_bsoftlimit", 8, .int(.u64)),
        Field("dqb_curspace", 16, .int(.u64)), Field("dqb_ihardlimit", 24, .int(.u64)),
        Field("dqb_isoftlimit", 32, .int(.u64)), Field("dqb_curinodes", 40, .int(.u64)),
        Field("dqb_btime", 48, .int(.u64)), Field("dqb_itime", 56, .int(.u64)), Field("dqb_valid", 64, .int(.u32, .hex)),
    ])
    static let ifNextdqblkStruct = StructLayout("if_nextdqblk", size: 72, ifDqblkStruct.fields + [
        Field("dqb_id", 68, .int(.u32)),
    ])
    static let ifDqinfoStruct = StructLayout("if_dqinfo", size: 24, [
        Field("dqi_bgrace", 0, .int(.u64)), Field("dqi_igrace", 8, .int(.u64)),
        Field("dqi_flags", 16, .int(.u32, .hex)), Field("dqi_valid", 20, .int(.u32, .hex)),
    ])

    /// XFS quota structures (dqblk_xfs.h); __s8 fields as bytes.
    static let fsDiskQuotaStruct = StructLayout("fs_disk_quota", size: 112, [
        Field("d_version", 0, .int(.u8)), Field("d_flags", 1, .int(.u8, .hex)), Field("d_fieldmask", 2, .int(.u16, .hex)),
        Field("d_id", 4, .int(.u32)), Field("d_blk_hardlimit", 8, .int(.u64)), Field("d_blk_softlimit", 16, .int(.u64)),
        Field("d_ino_hardlimit", 24, .int(.u64)), Field("d_ino_softlimit", 32, .int(.u64)), Field("d_bcount", 40, .int(.u64)),
        Field("d_icount", 48, .int(.u64)), Field("d_itimer", 56, .int(.s32)), Field("d_btimer", 60, .int(.s32)),
        Field("d_iwarns", 64, .int(.u16)), Field("d_bwarns", 66, .int(.u16)), Field("d_rtb_hardlimit", 72, .int(.u64)),
        Field("d_rtb_softlimit", 80, .int(.u64)), Field("d_rtbcount", 88, .int(.u64)), Field("d_rtbtimer", 96, .int(.s32)),
        Field("d_rtbwarns", 100, .int(.u16)),
    ])
    /// struct fs_quota_stat: fs_qfilestat is {u64 qfs_ino, u64 qfs_nblks, u32 qfs_nextents} (24 bytes).
    static let fsQuotaStatStruct = StructLayout("fs_quota_stat", size: 80, [
        Field("qs_version", 0, .int(.u8)), Field("qs_flags", 2, .int(.u16, .hex)),
        Field("qs_uquota.qfs_ino", 8, .int(.u64)), Field("qs_uquota.qfs_nblks", 16, .int(.u64)), Field("qs_uquota.qfs_nextents", 24, .int(.u32)),
        Field("qs_gquota.qfs_ino", 32, .int(.u64)), Field("qs_gquota.qfs_nblks", 40, .int(.u64)), Field("qs_gquota.qfs_nextents", 48, .int(.u32)),
        Field("qs_incoredqs", 56, .int(.u32)), Field("qs_btimelimit", 60, .int(.s32)), Field("qs_itimelimit", 64, .int(.s32)),
        Field("qs_rtbtimelimit", 68, .int(.s32)), Field("qs_bwarnlimit", 72, .int(.u16)), Field("qs_iwarnlimit", 74, .int(.u16)),
    ])
    /// struct fs_quota_statv: the kernel reads qs_version, then fills it.
    static let fsQuotaStatvStruct = StructLayout("fs_quota_statv", size: 160, [
        Field("qs_version", 0, .int(.u8)), Field("qs_flags", 2, .int(.u16, .hex)), Field("qs_incoredqs", 4, .int(.u32)),
        Field("qs_uquota.qfs_ino", 8, .int(.u64)), Field("qs_uquota.qfs_nblks", 16, .int(.u64)), Field("qs_uquota.qfs_nextents", 24, .int(.u32)),
        Field("qs_gquota.qfs_ino", 32, .int(.u64)), Field("qs_gquota.qfs_nblks", 40, .int(.u64)), Field("qs_gquota.qfs_nextents", 48, .int(.u32)),
        Field("qs_pquota.qfs_ino", 56, .int(.u64)), Field("qs_pquota.qfs_nblks", 64, .int(.u64)), Field("qs_pquota.qfs_nextents", 72, .int(.u32)),
        Field("qs_btimelimit", 80, .int(.s32)), Field("qs_itimelimit", 84, .int(.s32)), Field("qs_rtbtimelimit", 88, .int(.s32)),
        Field("qs_bwarnlimit", 92, .int(.u16)), Field("qs_iwarnlimit", 94, .int(.u16)),
    ])

    /// quotactl/quotactl_fd commands: `cmd >> 8` picks the command (the low byte is the quota
    /// type), so the selector is masked with 0xffffff00 and the keys are `subcmd << 8`.
    /// Q_QUOTAON names a quota file by path (quotactl only: quotactl_fd refuses it, EINVAL).
    static func quotactlVariants(id idIndex: Int, addr addrIndex: Int, quotaOnTakesPath: Bool) -> [Variant] {
        func v(_ subcmd: UInt64, _ name: String, _ addr: ValueType, id: ValueType = .int(.u32)) -> Variant {
            Variant(subcmd << 8, name, [idIndex: Parameter("id", id), addrIndex: Parameter("addr", addr)])
        }
        let u32In = ValueType.input(.scalar(.u32, .hex))
        return [
            v(0x800001, "Q_SYNC", .unused, id: .unused),
            v(0x800002, "Q_QUOTAON", quotaOnTakesPath ? .path : .unused, id: .int(.int)),
            v(0x800003, "Q_QUOTAOFF", .unused, id: .unused),
            v(0x800004, "Q_GETFMT", .output(.scalar(.u32, .decimal)), id: .unused),
            v(0x800005, "Q_GETINFO", .output(.structure(ifDqinfoStruct)), id: .unused),
            v(0x800006, "Q_SETINFO", .input(.structure(ifDqinfoStruct)), id: .unused),
            v(0x800007, "Q_GETQUOTA", .output(.structure(ifDqblkStruct))),
            v(0x800008, "Q_SETQUOTA", .input(.structure(ifDqblkStruct))),
            v(0x800009, "Q_GETNEXTQUOTA", .output(.structure(ifNextdqblkStruct))),
            // XFS-style commands, XQM_CMD(n) = ('X' << 8) + n.
            v(0x5801, "Q_XQUOTAON", u32In, id: .unused),
            v(0x5802, "Q_XQUOTAOFF", u32In, id: .unused),
            v(0x5803, "Q_XGETQUOTA", .output(.structure(fsDiskQuotaStruct))),
            v(0x5804, "Q_XSETQLIM", .input(.structure(fsDiskQuotaStruct))),
            v(0x5805, "Q_XGETQSTAT", .output(.structure(fsQuotaStatStruct)), id: .unused),
            v(0x5806, "Q_XQUOTARM", u32In, id: .unused),
            v(0x5807, "Q_XQUOTASYNC", .unused, id: .unused),
            v(0x5808, "Q_XGETQSTATV", .both(.structure(fsQuotaStatvStruct)), id: .unused),
            v(0x5809, "Q_XGETNEXTQUOTA", .output(.structure(fsDiskQuotaStruct))),
        ]
    }

    /// fsconfig commands: which of key, value and aux each reads (fs/fsopen.c).
    static let fsconfigVariants: [Variant] = {
        let key = Parameter("key", .input(.string(limit: 256)))
        let noKey = Parameter("key", .address), noValue = Parameter("value", .address)
        let zeroAux = Parameter("aux", .int(.int))
        return [
            Variant(0, "FSCONFIG_SET_FLAG", [2: key, 3: noValue, 4: zeroAux]),
            Variant(1, "FSCONFIG_SET_STRING", [2: key, 3: Parameter("value", .input(.string(limit: 256))), 4: zeroAux]),
            Variant(2, "FSCONFIG_SET_BINARY", [2: key, 3: Parameter("value", .input(.bytes(.argument(4)))), 4: Parameter("aux", .int(.int))]),
            Variant(3, "FSCONFIG_SET_PATH", [2: key, 3: Parameter("value", .path), 4: Parameter("aux", .dirfd)]),
            Variant(4, "FSCONFIG_SET_PATH_EMPTY", [2: key, 3: Parameter("value", .path), 4: Parameter("aux", .dirfd)]),
            Variant(5, "FSCONFIG_SET_FD", [2: key, 3: noValue, 4: Parameter("aux", .fd)]),
            Variant(6, "FSCONFIG_CMD_CREATE", [2: noKey, 3: noValue, 4: zeroAux]),
            Variant(7, "FSCONFIG_CMD_RECONFIGURE", [2: noKey, 3: noValue, 4: zeroAux]),
            Variant(8, "FSCONFIG_CMD_CREATE_EXCL", [2: noKey, 3: noValue, 4: zeroAux]),
        ]
    }()

    /// struct mount_attr (its first version; mount_setattr and open_tree_attr read usize bytes):
    /// userns_fd is a descriptor of the caller.
    static let mountAttrStruct = StructLayout("mount_attr", size: 32, [
        Field("attr_set", 0, .int(.u64, .flags(FlagTables.mountAttrAttr))),
        Field("attr_clr", 8, .int(.u64, .flags(FlagTables.mountAttrAttr))),
        Field("propagation", 16, .int(.u64, .enumeration(FlagTables.mountAttrPropagation))),
        Field("userns_fd", 24, .descriptor(.optional)),
    ])

    static let fileCalls: [SyscallDescription] = [
        SyscallDescription(2, "open", [
            Parameter("filename", .path), Parameter("flags", .int(.int, .flags(FlagTables.open))),
            Parameter("mode", .int(.umode_t, .octal)),
        ], result: .descriptor, classes: [.desc, .file]),
        SyscallDescription(4, "stat", [
            Parameter("filename", .path), Parameter("statbuf", .output(.structure(statStruct))),
        ], classes: [.file, .stat, .statLike]),
        SyscallDescription(6, "lstat", [
            Parameter("filename", .path), Parameter("statbuf", .output(.structure(statStruct))),
        ], classes: [.file, .lstat, .statLike]),
        SyscallDescription(21, "access", [
            Parameter("filename", .path), Parameter("mode", .int(.int, .flags(FlagTables.accessMode))),
        ], classes: [.file]),
        SyscallDescription(76, "truncate", [Parameter("path", .path), Parameter("length", .int(.long))], classes: [.file]),
        // The kernel writes the path and its NUL (the result's length) into buf, ERANGE when size is short.
        SyscallDescription(79, "getcwd", [
            Parameter("buf", .output(.bytes(.argument(1)))), Parameter("size", .int(.ulong)),
        ], classes: [.file]),
        SyscallDescription(80, "chdir", [Parameter("filename", .path)], classes: [.file]),
        SyscallDescription(82, "rename", [Parameter("oldname", .path), Parameter("newname", .path)], classes: [.file]),
        SyscallDescription(83, "mkdir", [Parameter("pathname", .path), Parameter("mode", .int(.umode_t, .octal))], classes: [.file]),
        SyscallDescription(84, "rmdir", [Parameter("pathname", .path)], classes: [.file]),
        SyscallDescription(85, "creat", [Parameter("pathname", .path), Parameter("mode", .int(.umode_t, .octal))],
                           result: .descriptor, classes: [.desc, .file]),
        SyscallDescription(86, "link", [Parameter("oldname", .path), Parameter("newname", .path)], classes: [.file]),
        SyscallDescription(87, "unlink", [Parameter("pathname", .path)], classes: [.file]),
        // symlink's target is a string the kernel copies like a path (getname: PATH_MAX).
        SyscallDescription(88, "symlink", [Parameter("oldname", .path), Parameter("newname", .path)], classes: [.file]),
        SyscallDescription(89, "readlink", [
            Parameter("path", .path), Parameter("buf", .output(.bytes(.argument(2)))), Parameter("bufsiz", .int(.int)),
        ], classes: [.file]),
        SyscallDescription(90, "chmod", [Parameter("filename", .path), Parameter("mode", .int(.umode_t, .octal))], classes: [.file]),
        SyscallDescription(92, "chown", [
            Parameter("filename", .path), Parameter("user", .int(.uid_t)), Parameter("group", .int(.gid_t)),
        ], classes: [.file]),
        SyscallDescription(94, "lchown", [
            Parameter("filename", .path), Parameter("user", .int(.uid_t)), Parameter("group", .int(.gid_t)),
        ], classes: [.file]),
        SyscallDescription(132, "utime", [
            Parameter("filename", .path), Parameter("times", .input(.structure(utimbufStruct), optional: true)),
        ], classes: [.file]),
        SyscallDescription(133, "mknod", [
            Parameter("filename", .path), Parameter("mode", .int(.umode_t, .octal)), Parameter("dev", .int(.uint, .hex)),
        ], classes: [.file]),
        SyscallDescription(134, "uselib", [Parameter("library", .path)], classes: [.file]),
        SyscallDescription(136, "ustat", [
            Parameter("dev", .int(.uint, .hex)), Parameter("ubuf", .output(.structure(ustatStruct))),
        ], classes: [.statfsLike]),
        SyscallDescription(137, "statfs", [
            Parameter("pathname", .path), Parameter("buf", .output(.structure(statfsStruct))),
        ], classes: [.file, .statfs, .statfsLike]),
        SyscallDescription(155, "pivot_root", [Parameter("new_root", .path), Parameter("put_old", .path)], classes: [.file]),
        SyscallDescription(161, "chroot", [Parameter("filename", .path)], classes: [.file]),
        SyscallDescription(162, "sync", []),
        // NULL turns process accounting off.
        SyscallDescription(163, "acct", [Parameter("name", nullablePathArgument)], classes: [.file]),
        // dev_name and type are copied with strndup_user(PATH_MAX), NULL allowed. data: the kernel
        // copies up to a page but stops at the end of readable memory (copy_mount_options); the
        // model asks for the whole page, which is stricter than the kernel.
        SyscallDescription(165, "mount", [
            Parameter("dev_name", nullablePathArgument), Parameter("dir_name", .path),
            Parameter("type", .input(.string(limit: 4096), optional: true)), Parameter("flags", .int(.ulong, .hex)),
            Parameter("data", .input(.bytes(.fixed(4096)), optional: true)),
        ], classes: [.file]),
        SyscallDescription(166, "umount2", [Parameter("name", .path), Parameter("flags", .int(.int, .flags(FlagTables.umountFlags)))], classes: [.file]),
        SyscallDescription(167, "swapon", [Parameter("specialfile", .path), Parameter("swap_flags", .int(.int, .flags(FlagTables.swapFlags)))], classes: [.file]),
        SyscallDescription(168, "swapoff", [Parameter("specialfile", .path)], classes: [.file]),
        // special may be NULL (Q_SYNC of every filesystem; ENODEV otherwise).
        SyscallDescription(179, "quotactl", [
            Parameter("cmd", .int(.uint, .hex)), Parameter("special", nullablePathArgument),
            Parameter("id", .int(.u32)), Parameter("addr", .int(.ulong, .hex)),
        ], classes: [.file], multiplexer: Multiplexer(selector: 0, mask: 0xffff_ff00, unknown: EINVAL,
            quotactlVariants(id: 2, addr: 3, quotaOnTakesPath: true))),
        SyscallDescription(188, "setxattr", [
            Parameter("pathname", .path), Parameter("name", xattrName),
            Parameter("value", .input(.bytes(xattrValueLength(3)), optional: true)), Parameter("size", .int(.size_t)),
            Parameter("flags", .int(.int, .flags(FlagTables.xattrFlags))),
        ], classes: [.file]),
        SyscallDescription(189, "lsetxattr", [
            Parameter("pathname", .path), Parameter("name", xattrName),
            Parameter("value", .input(.bytes(xattrValueLength(3)), optional: true)), Parameter("size", .int(.size_t)),
            Parameter("flags", .int(.int, .flags(FlagTables.xattrFlags))),
        ], classes: [.file]),
        // size 0 asks for the value's size: value may then be NULL.
        SyscallDescription(191, "getxattr", [
            Parameter("pathname", .path), Parameter("name", xattrName),
            Parameter("value", .output(.bytes(xattrValueLength(3)), optional: true)), Parameter("size", .int(.size_t)),
        ], classes: [.file]),
        SyscallDescription(192, "lgetxattr", [
            Parameter("pathname", .path), Parameter("name", xattrName),
            Parameter("value", .output(.bytes(xattrValueLength(3)), optional: true)), Parameter("size", .int(.size_t)),
        ], classes: [.file]),
        SyscallDescription(194, "listxattr", [
            Parameter("pathname", .path), Parameter("list", .output(.bytes(xattrValueLength(2)), optional: true)),
            Parameter("size", .int(.size_t)),
        ], classes: [.file]),
        SyscallDescription(195, "llistxattr", [
            Parameter("pathname", .path), Parameter("list", .output(.bytes(xattrValueLength(2)), optional: true)),
            Parameter("size", .int(.size_t)),
        ], classes: [.file]),
        SyscallDescription(197, "removexattr", [Parameter("pathname", .path), Parameter("name", xattrName)], classes: [.file]),
        SyscallDescription(198, "lremovexattr", [Parameter("pathname", .path), Parameter("name", xattrName)], classes: [.file]),
        SyscallDescription(235, "utimes", [
            Parameter("filename", .path),
            Parameter("utimes", .input(.array(of: .structure(timeval), count: .fixed(2)), optional: true)),
        ], classes: [.file]),
        SyscallDescription(257, "openat", [
            Parameter("dfd", .dirfd), Parameter("filename", .path),
            Parameter("flags", .int(.int, .flags(FlagTables.open))), Parameter("mode", .int(.umode_t, .octal)),
        ], result: .descriptor, classes: [.desc, .file]),
        SyscallDescription(258, "mkdirat", [
            Parameter("dfd", .dirfd), Parameter("pathname", .path), Parameter("mode", .int(.umode_t, .octal)),
        ], classes: [.desc, .file]),
        SyscallDescription(259, "mknodat", [
            Parameter("dfd", .dirfd), Parameter("filename", .path), Parameter("mode", .int(.umode_t, .octal)),
            Parameter("dev", .int(.uint, .hex)),
        ], classes: [.desc, .file]),
        SyscallDescription(260, "fchownat", [
            Parameter("dfd", .dirfd), Parameter("filename", .path), Parameter("user", .int(.uid_t)),
            Parameter("group", .int(.gid_t)), Parameter("flag", .int(.int, .flags(FlagTables.at))),
        ], classes: [.desc, .file]),
        // A NULL filename with a real dfd sets the times of dfd itself (do_utimes).
        SyscallDescription(261, "futimesat", [
            Parameter("dfd", .dirfd), Parameter("filename", nullablePathArgument),
            Parameter("utimes", .input(.array(of: .structure(timeval), count: .fixed(2)), optional: true)),
        ], classes: [.desc, .file]),
        // filename may be NULL with AT_EMPTY_PATH (Linux 6.11).
        SyscallDescription(262, "newfstatat", [
            Parameter("dfd", .dirfd), Parameter("filename", nullablePathArgument),
            Parameter("statbuf", .output(.structure(statStruct))), Parameter("flag", .int(.int, .flags(FlagTables.at))),
        ], classes: [.desc, .file, .fstat, .statLike]),
        SyscallDescription(263, "unlinkat", [
            Parameter("dfd", .dirfd), Parameter("pathname", .path), Parameter("flag", .int(.int, .flags(FlagTables.at))),
        ], classes: [.desc, .file]),
        SyscallDescription(264, "renameat", [
            Parameter("olddfd", .dirfd), Parameter("oldname", .path), Parameter("newdfd", .dirfd), Parameter("newname", .path),
        ], classes: [.desc, .file]),
        SyscallDescription(265, "linkat", [
            Parameter("olddfd", .dirfd), Parameter("oldname", .path), Parameter("newdfd", .dirfd), Parameter("newname", .path),
            Parameter("flags", .int(.int, .flags(FlagTables.at))),
        ], classes: [.desc, .file]),
        SyscallDescription(266, "symlinkat", [
            Parameter("oldname", .path), Parameter("newdfd", .dirfd), Parameter("newname", .path),
        ], classes: [.desc, .file]),
        SyscallDescription(267, "readlinkat", [
            Parameter("dfd", .dirfd), Parameter("pathname", .path),
            Parameter("buf", .output(.bytes(.argument(3)))), Parameter("bufsiz", .int(.int)),
        ], classes: [.desc, .file]),
        SyscallDescription(268, "fchmodat", [
            Parameter("dfd", .dirfd), Parameter("filename", .path), Parameter("mode", .int(.umode_t, .octal)),
        ], classes: [.desc, .file]),
        SyscallDescription(269, "faccessat", [
            Parameter("dfd", .dirfd), Parameter("filename", .path), Parameter("mode", .int(.int, .flags(FlagTables.accessMode))),
        ], classes: [.desc, .file]),
        SyscallDescription(280, "utimensat", [
            Parameter("dfd", .dirfd), Parameter("filename", nullablePathArgument),
            Parameter("utimes", .input(.array(of: .structure(timespec), count: .fixed(2)), optional: true)),
            Parameter("flags", .int(.int, .flags(FlagTables.at))),
        ], classes: [.desc, .file]),
        // The kernel writes the handle header also on EOVERFLOW (handle_bytes too small): always.
        // mnt_id is an int, or a u64 with AT_HANDLE_MNT_ID_UNIQUE (0x1): flag bit 0 picks.
        SyscallDescription(303, "name_to_handle_at", [
            Parameter("dfd", .dirfd), Parameter("name", .path),
            Parameter("handle", .both(.structure(fileHandleStruct), written: .always)),
            Parameter("mnt_id", .output(.scalar(.int, .decimal))), Parameter("flag", .int(.int, .flags(FlagTables.at))),
        ], classes: [.desc, .file], multiplexer: Multiplexer(selector: 4, mask: 0x1, unknown: EINVAL, [
            Variant(0, "mnt_id"),
            Variant(1, "AT_HANDLE_MNT_ID_UNIQUE", [3: Parameter("mnt_id", .output(.scalar(.u64, .decimal)))]),
        ])),
        // AT_FDCWD names the current directory's mount.
        SyscallDescription(304, "open_by_handle_at", [
            Parameter("mountdirfd", .dirfd), Parameter("handle", .input(.structure(fileHandleStruct))),
            Parameter("flags", .int(.int, .flags(FlagTables.open))),
        ], result: .descriptor, classes: [.desc]),
        SyscallDescription(316, "renameat2", [
            Parameter("olddfd", .dirfd), Parameter("oldname", .path), Parameter("newdfd", .dirfd), Parameter("newname", .path),
            Parameter("flags", .int(.uint, .flags(FlagTables.renameFlags))),
        ], classes: [.desc, .file]),
        // filename may be NULL with AT_EMPTY_PATH (Linux 6.11).
        SyscallDescription(332, "statx", [
            Parameter("dfd", .dirfd), Parameter("filename", nullablePathArgument),
            Parameter("flags", .int(.uint, .flags(FlagTables.statxAt))), Parameter("mask", .int(.uint, .flags(FlagTables.statxMask))),
            Parameter("buffer", .output(.structure(statxStruct))),
        ], classes: [.desc, .file, .fstat, .statLike]),
        SyscallDescription(428, "open_tree", [
            Parameter("dfd", .dirfd), Parameter("filename", .path), Parameter("flags", .int(.uint, .flags(FlagTables.openTreeFlags))),
        ], result: .descriptor, classes: [.desc, .file]),
        SyscallDescription(429, "move_mount", [
            Parameter("from_dfd", .dirfd), Parameter("from_pathname", .path),
            Parameter("to_dfd", .dirfd), Parameter("to_pathname", .path), Parameter("flags", .int(.uint, .flags(FlagTables.moveMountFlags))),
        ], classes: [.desc, .file]),
        // The filesystem name is copied with strndup_user(PAGE_SIZE).
        SyscallDescription(430, "fsopen", [
            Parameter("fs_name", .input(.string(limit: 4096))), Parameter("flags", .int(.uint, .flags(FlagTables.fsopenFlags))),
        ], result: .descriptor, classes: [.desc]),
        // An unknown command is EOPNOTSUPP (fs/fsopen.c); key and value strings are at most 256 bytes.
        SyscallDescription(431, "fsconfig", [
            Parameter("fd", .fd), Parameter("cmd", .int(.uint, .enumeration(FlagTables.fsconfigCommands))), Parameter("key", .address),
            Parameter("value", .address), Parameter("aux", .int(.int)),
        ], classes: [.desc, .file], multiplexer: Multiplexer(selector: 1, mask: 0xffff_ffff, unknown: EOPNOTSUPP, fsconfigVariants)),
        SyscallDescription(432, "fsmount", [
            Parameter("fs_fd", .fd), Parameter("flags", .int(.uint, .flags(FlagTables.fsmountFlags))),
            Parameter("attr_flags", .int(.uint, .flags(FlagTables.fsmountAttrFlags))),
        ], result: .descriptor, classes: [.desc]),
        SyscallDescription(433, "fspick", [
            Parameter("dfd", .dirfd), Parameter("path", .path), Parameter("flags", .int(.uint, .flags(FlagTables.fspickFlags))),
        ], result: .descriptor, classes: [.desc, .file]),
        // struct open_how is extensible: the kernel reads usize bytes (copy_struct_from_user:
        // EINVAL below 24, E2BIG above a page or for non-zero bytes it does not know).
        SyscallDescription(437, "openat2", [
            Parameter("dfd", .dirfd), Parameter("filename", .path),
            Parameter("how", .input(.bytes(.argument(3)))), Parameter("usize", .int(.size_t)),
        ], result: .descriptor, classes: [.desc, .file]),
        SyscallDescription(439, "faccessat2", [
            Parameter("dfd", .dirfd), Parameter("filename", .path),
            Parameter("mode", .int(.int, .flags(FlagTables.accessMode))), Parameter("flags", .int(.int, .flags(FlagTables.faccessat))),
        ], classes: [.desc, .file]),
        // struct mount_attr is extensible like open_how (usize bytes, at least 32); its userns_fd
        // (u64 at 24) is a descriptor the kernel uses with MOUNT_ATTR_IDMAP.
        SyscallDescription(442, "mount_setattr", [
            Parameter("dfd", .dirfd), Parameter("path", .path), Parameter("flags", .int(.uint, .flags(FlagTables.mountSetattrFlags))),
            Parameter("uattr", .input(.bytes(.argument(4)))), Parameter("usize", .int(.size_t)),
        ], classes: [.desc, .file]),
        SyscallDescription(443, "quotactl_fd", [
            Parameter("fd", .fd), Parameter("cmd", .int(.uint, .hex)),
            Parameter("id", .int(.u32)), Parameter("addr", .int(.ulong, .hex)),
        // A command the kernel lacks is its EINVAL (or ENOSYS without quota support) after
        // the descriptor's lookup, addr untouched: it reaches the kernel.
        ], classes: [.desc], multiplexer: Multiplexer(selector: 1, mask: 0xffff_ff00, unknown: EINVAL, unknownReachesKernel: true,
            quotactlVariants(id: 2, addr: 3, quotaOnTakesPath: false))),
        // attr is extensible (size bytes); NULL with size 0 and LANDLOCK_CREATE_RULESET_VERSION.
        SyscallDescription(444, "landlock_create_ruleset", [
            Parameter("attr", .input(.bytes(.argument(1)), optional: true)), Parameter("size", .int(.size_t)),
            Parameter("flags", .int(.u32, .flags(FlagTables.landlockCreateRulesetFlags))),
        ], result: .descriptor, classes: [.desc]),
        SyscallDescription(445, "landlock_add_rule", [
            Parameter("ruleset_fd", .fd), Parameter("rule_type", .int(.int, .enumeration(FlagTables.landlockRuleType))),
            Parameter("rule_attr", .address), Parameter("flags", .int(.u32, .hex)),
        ], classes: [.desc], multiplexer: Multiplexer(selector: 1, mask: 0xffff_ffff, unknown: EINVAL, unknownReachesKernel: true, [
            Variant(1, "LANDLOCK_RULE_PATH_BENEATH", [2: Parameter("rule_attr", .input(.structure(landlockPathBeneathStruct)))]),
            Variant(2, "LANDLOCK_RULE_NET_PORT", [2: Parameter("rule_attr", .input(.structure(landlockNetPortStruct)))]),
        ])),
        SyscallDescription(446, "landlock_restrict_self", [
            Parameter("ruleset_fd", .fd), Parameter("flags", .int(.u32, .hex)),
        ], classes: [.desc]),
    ]
}
