// The descriptor family of the model: calls on open descriptors (see ModelTypes.swift).

import Glibc

extension SyscallModel {
    /// One int that holds a descriptor (pipe's fildes[2], an io_uring files table).
    static let descriptorSlotStruct = StructLayout("int", size: 4, [Field("fd", 0, .fd)])
    /// One int that holds a descriptor or -1 (a sparse io_uring files table entry).
    static let optionalDescriptorSlotStruct = StructLayout("int", size: 4, [Field("fd", 0, .descriptor(.optional))])
    /// struct iovec whose buffer the kernel reads or writes, depending on the descriptor
    /// (vmsplice) or later (io_uring registered buffers).
    static let iovecBothStruct = StructLayout("iovec", size: 16, [
        Field("iov_base", 0, .both(.bytes(.field("iov_len")), optional: true)), Field("iov_len", 8, .int(.size_t)),
    ])

    /// struct pollfd: a negative fd is ignored by the kernel; revents is written back.
    static let pollfdStruct = StructLayout("pollfd", size: 8, [
        Field("fd", 0, .descriptor(.optional)), Field("events", 4, .int(.s16, .flags(FlagTables.pollEvents))),
        Field("revents", 6, .int(.s16, .flags(FlagTables.pollEvents))),
    ])
    /// struct epoll_event, packed on x86-64 (12 bytes).
    static let epollEventStruct = StructLayout("epoll_event", size: 12, [
        Field("events", 0, .int(.u32, .flags(FlagTables.epollEvents))), Field("data", 4, .int(.u64, .hex)),
    ])
    /// The {sigset pointer, size} pair of pselect6's sixth argument (and io_pgetevents'
    /// struct __aio_sigset): the kernel reads the sigset only when its size is sizeof(sigset_t).
    static func sigsetArgpackStruct(_ name: String, pointer: String, size: String) -> StructLayout {
        StructLayout(name, size: 16, [
            Field(pointer, 0, .input(.bytes(.min(.field(size), .fixed(8))), optional: true)),
            Field(size, 8, .int(.size_t)),
        ])
    }
    /// A sigset_t argument with its size in argument `sizeArgument`: the kernel reads 8 bytes
    /// when the size is 8 and gives EINVAL otherwise without reading.
    static func sizedSigsetArgument(size sizeArgument: Int) -> ValueType {
        .input(.bytes(.min(.argument(sizeArgument), .fixed(8))), optional: true)
    }
    static let loffInOutPointer = ValueType.both(.scalar(.loff_t, .decimal), optional: true)

    static let flockStruct = StructLayout("flock", size: 32, [
        Field("l_type", 0, .int(.s16, .enumeration(FlagTables.lockType))),
        Field("l_whence", 2, .int(.s16, .enumeration(FlagTables.seekWhence))),
        Field("l_start", 8, .int(.off_t)), Field("l_len", 16, .int(.off_t)), Field("l_pid", 24, .int(.pid_t)),
    ])
    static let fOwnerExStruct = StructLayout("f_owner_ex", size: 8, [
        Field("type", 0, .int(.int)), Field("pid", 4, .int(.pid_t)),
    ])

    /// fcntl commands (fs/fcntl.c do_fcntl); any other command is EINVAL. F_DUPFD and
    /// F_DUPFD_CLOEXEC return a new descriptor.
    static let fcntlVariants: [Variant] = {
        func v(_ cmd: UInt64, _ name: String, _ arg: ValueType) -> Variant { Variant(cmd, name, [2: Parameter("arg", arg)]) }
        return [
            v(0, "F_DUPFD", .int(.int)), v(1, "F_GETFD", .unused), v(2, "F_SETFD", .int(.int, .flags(FlagTables.fdFlags))),
            v(3, "F_GETFL", .unused), v(4, "F_SETFL", .int(.int, .flags(FlagTables.open))),
            v(5, "F_GETLK", .both(.structure(flockStruct))), v(6, "F_SETLK", .input(.structure(flockStruct))),
            v(7, "F_SETLKW", .input(.structure(flockStruct))),
            v(8, "F_SETOWN", .int(.int)), v(9, "F_GETOWN", .unused),
            v(10, "F_SETSIG", .int(.int, .signal)), v(11, "F_GETSIG", .unused),
            v(15, "F_SETOWN_EX", .input(.structure(fOwnerExStruct))), v(16, "F_GETOWN_EX", .output(.structure(fOwnerExStruct))),
            // Two uid_t: the owner's real and effective uid (CONFIG_CHECKPOINT_RESTORE).
            v(17, "F_GETOWNER_UIDS", .output(.array(of: .scalar(.uid_t, .decimal), count: .fixed(2)))),
            v(36, "F_OFD_GETLK", .both(.structure(flockStruct))), v(37, "F_OFD_SETLK", .input(.structure(flockStruct))),
            v(38, "F_OFD_SETLKW", .input(.structure(flockStruct))),
            v(1024, "F_SETLEASE", .int(.int, .enumeration(FlagTables.lockType))), v(1025, "F_GETLEASE", .unused),
            v(1026, "F_NOTIFY", .int(.int, .hex)),
            // Another descriptor, compared with fd: a closed one gives 0, not EBADF.
            v(1027, "F_DUPFD_QUERY", .fd), v(1028, "F_CREATED_QUERY", .unused),
            v(1030, "F_DUPFD_CLOEXEC", .int(.int)),
            v(1031, "F_SETPIPE_SZ", .int(.uint)), v(1032, "F_GETPIPE_SZ", .unused),
            v(1033, "F_ADD_SEALS", .int(.uint, .flags(FlagTables.sealFlags))), v(1034, "F_GET_SEALS", .unused),
            v(1035, "F_GET_RW_HINT", .output(.scalar(.u64, .decimal))), v(1036, "F_SET_RW_HINT", .input(.scalar(.u64, .decimal))),
        ]
    }()

    // Linux AIO (fs/aio.c, include/uapi/linux/aio_abi.h).
    /// struct iocb: the kernel reads it and writes aio_key. aio_buf/aio_nbytes are a buffer the
    /// kernel reads (IOCB_CMD_PWRITE) or writes (IOCB_CMD_PREAD) later, hence .both; with
    /// IOCB_CMD_PREADV/PWRITEV they are an iovec array and its length instead (not expressible
    /// per opcode here). aio_resfd is a descriptor only with IOCB_FLAG_RESFD.
    static let iocbStruct = StructLayout("iocb", size: 64, [
        Field("aio_data", 0, .int(.u64, .hex)), Field("aio_key", 8, .int(.u32)),
        Field("aio_rw_flags", 12, .int(.int, .hex)), Field("aio_lio_opcode", 16, .int(.u16)),
        Field("aio_reqprio", 18, .int(.s16)), Field("aio_fildes", 20, .fd),
        Field("aio_buf", 24, .both(.bytes(.field("aio_nbytes")), optional: true)), Field("aio_nbytes", 32, .int(.u64)),
        Field("aio_offset", 40, .int(.s64)), Field("aio_reserved2", 48, .int(.u64)),
        Field("aio_flags", 56, .int(.u32, .hex)), Field("aio_resfd", 60, .int(.u32)),
    ])
    /// io_submit's array element: a pointer to an iocb.
    static let iocbPointerStruct = StructLayout("struct iocb *", size: 8, [
        Field("iocb", 0, .both(.structure(iocbStruct))),
    ])
    /// What io_cancel reads of an iocb: aio_key (the iocb's address is the lookup key).
    static let iocbKeyStruct = StructLayout("iocb", size: 12, [
        Field("aio_data", 0, .int(.u64, .hex)), Field("aio_key", 8, .int(.u32)),
    ])
    static let ioEventStruct = StructLayout("io_event", size: 32, [
        Field("data", 0, .int(.u64, .hex)), Field("obj", 8, .int(.u64, .hex)),
        Field("res", 16, .int(.s64)), Field("res2", 24, .int(.s64)),
    ])

    // io_uring (include/uapi/linux/io_uring.h).
    /// struct io_uring_params with its sq_off/cq_off members flattened. user_addr (Linux 6.5,
    /// IORING_SETUP_NO_MMAP) is memory the kernel maps for the rings; wq_fd is a descriptor only
    /// with IORING_SETUP_ATTACH_WQ.
    static let ioUringParamsStruct = StructLayout("io_uring_params", size: 120, [
        Field("sq_entries", 0, .int(.u32)), Field("cq_entries", 4, .int(.u32)), Field("flags", 8, .int(.u32, .hex)),
        Field("sq_thread_cpu", 12, .int(.u32)), Field("sq_thread_idle", 16, .int(.u32)),
        Field("features", 20, .int(.u32, .hex)), Field("wq_fd", 24, .int(.u32)),
        Field("sq_off.head", 40, .int(.u32)), Field("sq_off.tail", 44, .int(.u32)),
        Field("sq_off.ring_mask", 48, .int(.u32)), Field("sq_off.ring_entries", 52, .int(.u32)),
        Field("sq_off.flags", 56, .int(.u32)), Field("sq_off.dropped", 60, .int(.u32)),
        Field("sq_off.array", 64, .int(.u32)), Field("sq_off.user_addr", 72, .address),
        Field("cq_off.head", 80, .int(.u32)), Field("cq_off.tail", 84, .int(.u32)),
        Field("cq_off.ring_mask", 88, .int(.u32)), Field("cq_off.ring_entries", 92, .int(.u32)),
        Field("cq_off.overflow", 96, .int(.u32)), Field("cq_off.cqes", 100, .int(.u32)),
        Field("cq_off.flags", 104, .int(.u32)), Field("cq_off.user_addr", 112, .address),
    ])
    /// struct io_uring_getevents_arg (IORING_ENTER_EXT_ARG; argsz must be its size).
    static let ioUringGeteventsArgStruct = StructLayout("io_uring_getevents_arg", size: 24, [
        Field("sigmask", 0, .input(.bytes(.min(.field("sigmask_sz"), .fixed(8))), optional: true)),
        Field("sigmask_sz", 8, .int(.u32)), Field("min_wait_usec", 12, .int(.u32)),
        Field("ts", 16, .input(.structure(timespec), optional: true)),
    ])
    /// struct io_uring_files_update: fds holds nr_args (the call's argument 3) descriptors.
    static let ioUringFilesUpdateStruct = StructLayout("io_uring_files_update", size: 16, [
        Field("offset", 0, .int(.u32)),
        Field("fds", 8, .input(.array(of: .structure(optionalDescriptorSlotStruct), count: .argument(3)))),
    ])
    static func ioUringRsrcRegisterStruct(_ data: Pointee) -> StructLayout {
        StructLayout("io_uring_rsrc_register", size: 32, [
            Field("nr", 0, .int(.u32)), Field("flags", 4, .int(.u32, .hex)),
            Field("data", 16, .input(.array(of: data, count: .field("nr")), optional: true)),
            Field("tags", 24, .input(.array(of: .scalar(.u64, .hex), count: .field("nr")), optional: true)),
        ])
    }
    static func ioUringRsrcUpdate2Struct(_ data: Pointee) -> StructLayout {
        StructLayout("io_uring_rsrc_update2", size: 32, [
            Field("offset", 0, .int(.u32)),
            Field("data", 8, .input(.array(of: data, count: .field("nr")))),
            Field("tags", 16, .input(.array(of: .scalar(.u64, .hex), count: .field("nr")), optional: true)),
            Field("nr", 24, .int(.u32)),
        ])
    }
    /// struct io_uring_rsrc_update of IORING_REGISTER_RING_FDS: data is the ring's descriptor,
    /// offset (-1: any) the slot the kernel writes back.
    static let ioUringRingFdStruct = StructLayout("io_uring_rsrc_update", size: 16, [
        Field("offset", 0, .int(.u32)), Field("data", 8, .fd),
    ])
    static let ioUringRingFdSlotStruct = StructLayout("io_uring_rsrc_update", size: 16, [
        Field("offset", 0, .int(.u32)), Field("data", 8, .int(.u64)),
    ])
    /// struct io_uring_buf_reg: ring_addr is memory the kernel uses as the buffer ring.
    static let ioUringBufRegStruct = StructLayout("io_uring_buf_reg", size: 40, [
        Field("ring_addr", 0, .address), Field("ring_entries", 8, .int(.u32)),
        Field("bgid", 12, .int(.u16)), Field("flags", 14, .int(.u16, .hex)),
    ])
    /// struct io_uring_sync_cancel_reg: addr is user_data, fd is used with IORING_ASYNC_CANCEL_FD.
    static let ioUringSyncCancelRegStruct = StructLayout("io_uring_sync_cancel_reg", size: 64, [
        Field("addr", 0, .int(.u64, .hex)), Field("fd", 8, .int(.s32)), Field("flags", 12, .int(.u32, .hex)),
        Field("timeout.tv_sec", 16, .int(.s64)), Field("timeout.tv_nsec", 24, .int(.s64)), Field("opcode", 32, .int(.u8)),
    ])

    /// struct io_uring_clone_buffers: src_fd is a ring descriptor (an index in the registered
    /// rings with IORING_REGISTER_SRC_REGISTERED).
    static let ioUringCloneBuffersStruct = StructLayout("io_uring_clone_buffers", size: 32, [
        Field("src_fd", 0, .fd), Field("flags", 4, .int(.u32, .hex)), Field("src_off", 8, .int(.u32)),
        Field("dst_off", 12, .int(.u32)), Field("nr", 16, .int(.u32)),
    ])

    /// io_uring_register opcodes (io_uring/register.c); IORING_REGISTER_USE_REGISTERED_RING
    /// (bit 31) makes fd an index in the caller's registered rings. Not described yet, so refused
    /// with the kernel's EINVAL for an unknown opcode: SEND_MSG_RING (31), ZCRX_IFQ (32),
    /// MEM_REGION (34) and later ones, whose structures carry further pointers.
    static let ioUringRegisterVariants: [Variant] = {
        let nr = Parameter("nr_args", .int(.uint))
        func v(_ op: UInt64, _ name: String, _ arg: ValueType) -> Variant {
            Variant(op, name, [2: Parameter("arg", arg), 3: nr])
        }
        let fds = Pointee.structure(optionalDescriptorSlotStruct), iovecs = Pointee.structure(iovecBothStruct)
        let eventfd = ValueType.input(.structure(descriptorSlotStruct))
        let plain = [
            v(0, "IORING_REGISTER_BUFFERS", .input(.array(of: iovecs, count: .argument(3)))),
            v(1, "IORING_UNREGISTER_BUFFERS", .address),
            v(2, "IORING_REGISTER_FILES", .input(.array(of: fds, count: .argument(3)))),
            v(3, "IORING_UNREGISTER_FILES", .address),
            v(4, "IORING_REGISTER_EVENTFD", eventfd),
            v(5, "IORING_UNREGISTER_EVENTFD", .address),
            v(6, "IORING_REGISTER_FILES_UPDATE", .input(.structure(ioUringFilesUpdateStruct))),
            v(7, "IORING_REGISTER_EVENTFD_ASYNC", eventfd),
            // struct io_uring_probe: a 16-byte header and nr_args 8-byte ops, read and written
            // whole (the kernel clamps nr_args to IORING_OP_LAST: never more than this).
            v(8, "IORING_REGISTER_PROBE", .both(.bytes(.sum(.fixed(16), .times(.argument(3), 8))))),
            v(9, "IORING_REGISTER_PERSONALITY", .address),
            v(10, "IORING_UNREGISTER_PERSONALITY", .address),
            v(11, "IORING_REGISTER_RESTRICTIONS", .input(.bytes(.times(.argument(3), 16)))),
            v(12, "IORING_REGISTER_ENABLE_RINGS", .address),
            v(13, "IORING_REGISTER_FILES2", .input(.structure(ioUringRsrcRegisterStruct(fds)))),
            v(14, "IORING_REGISTER_FILES_UPDATE2", .input(.structure(ioUringRsrcUpdate2Struct(fds)))),
            v(15, "IORING_REGISTER_BUFFERS2", .input(.structure(ioUringRsrcRegisterStruct(iovecs)))),
            v(16, "IORING_REGISTER_BUFFERS_UPDATE", .input(.structure(ioUringRsrcUpdate2Struct(iovecs)))),
            v(17, "IORING_REGISTER_IOWQ_AFF", .input(.bytes(.argument(3)))),
            v(18, "IORING_UNREGISTER_IOWQ_AFF", .address),
            v(19, "IORING_REGISTER_IOWQ_MAX_WORKERS", .both(.array(of: .scalar(.u32, .decimal), count: .fixed(2)))),
            v(20, "IORING_REGISTER_RING_FDS", .both(.array(of: .structure(ioUringRingFdStruct), count: .argument(3)))),
            v(21, "IORING_UNREGISTER_RING_FDS", .input(.array(of: .structure(ioUringRingFdSlotStruct), count: .argument(3)))),
            v(22, "IORING_REGISTER_PBUF_RING", .input(.structure(ioUringBufRegStruct))),
            v(23, "IORING_UNREGISTER_PBUF_RING", .input(.structure(ioUringBufRegStruct))),
            v(24, "IORING_REGISTER_SYNC_CANCEL", .input(.structure(ioUringSyncCancelRegStruct))),
            v(25, "IORING_REGISTER_FILE_ALLOC_RANGE", .input(.bytes(.fixed(16)))),
            v(26, "IORING_REGISTER_PBUF_STATUS", .both(.bytes(.fixed(40)))),        // struct io_uring_buf_status
            v(27, "IORING_REGISTER_NAPI", .both(.bytes(.fixed(16)))),               // struct io_uring_napi
            v(28, "IORING_UNREGISTER_NAPI", .output(.bytes(.fixed(16)), optional: true)),
            v(29, "IORING_REGISTER_CLOCK", .input(.bytes(.fixed(16)))),             // struct io_uring_clock_register
            v(30, "IORING_REGISTER_CLONE_BUFFERS", .input(.structure(ioUringCloneBuffersStruct))),
            v(33, "IORING_REGISTER_RESIZE_RINGS", .both(.structure(ioUringParamsStruct))),
        ]
        let registeredRing = Parameter("fd", .int(.uint))
        return plain + plain.map { p in
            var arguments = p.arguments
            arguments[0] = registeredRing
            return Variant(p.value | 0x8000_0000, p.name + "|IORING_REGISTER_USE_REGISTERED_RING", arguments)
        }
    }()

    /// io_uring_enter: flags & (EXT_ARG 0x8 | REGISTERED_RING 0x10 | EXT_ARG_REG 0x40) decide
    /// what fd and argp are. Without EXT_ARG argp is a sigset of argsz bytes; with it a struct
    /// io_uring_getevents_arg, or with EXT_ARG_REG an offset in a registered wait region.
    static let ioUringEnterVariants: [Variant] = {
        var variants: [Variant] = []
        for bits: UInt64 in [0, 0x8, 0x10, 0x18, 0x40, 0x48, 0x50, 0x58] {
            let argp: ValueType
            if bits & 0x8 == 0 {
                argp = sizedSigsetArgument(size: 5)
            } else if bits & 0x40 == 0 {
                argp = .input(.structure(ioUringGeteventsArgStruct), optional: true)
            } else {
                argp = .int(.ulong, .hex)
            }
            var arguments = [4: Parameter("argp", argp)]
            if bits & 0x10 != 0 { arguments[0] = Parameter("fd", .int(.uint)) }
            let names = [(0x8, "IORING_ENTER_EXT_ARG"), (0x10, "IORING_ENTER_REGISTERED_RING"), (0x40, "IORING_ENTER_EXT_ARG_REG")]
                .filter { bits & UInt64($0.0) != 0 }.map(\.1)
            variants.append(Variant(bits, names.isEmpty ? "0" : names.joined(separator: "|"), arguments))
        }
        return variants
    }()

    static let descriptorCalls: [SyscallDescription] = [
        SyscallDescription(0, "read", [
            Parameter("fd", .fd), Parameter("buf", .output(.bytes(.argument(2)))), Parameter("count", .int(.size_t)),
        ], classes: [.desc]),
        SyscallDescription(1, "write", [
            Parameter("fd", .fd), Parameter("buf", .input(.bytes(.argument(2)))), Parameter("count", .int(.size_t)),
        ], classes: [.desc]),
        SyscallDescription(3, "close", [Parameter("fd", .fd)], classes: [.desc]),
        SyscallDescription(5, "fstat", [
            Parameter("fd", .fd), Parameter("statbuf", .output(.structure(statStruct))),
        ], classes: [.desc, .fstat, .statLike]),
        // revents is written back even when interrupted.
        SyscallDescription(7, "poll", [
            Parameter("ufds", .both(.array(of: .structure(pollfdStruct), count: .argument(1)), written: .alwaysUntilFault)),
            Parameter("nfds", .int(.uint)), Parameter("timeout_msecs", .int(.int)),
        ], classes: [.desc]),
        SyscallDescription(8, "lseek", [
            Parameter("fd", .fd), Parameter("offset", .int(.off_t)),
            Parameter("whence", .int(.uint, .enumeration(FlagTables.seekWhence))),
        ], classes: [.desc]),
        SyscallDescription(17, "pread64", [
            Parameter("fd", .fd), Parameter("buf", .output(.bytes(.argument(2)))), Parameter("count", .int(.size_t)),
            Parameter("pos", .int(.loff_t)),
        ], classes: [.desc]),
        SyscallDescription(18, "pwrite64", [
            Parameter("fd", .fd), Parameter("buf", .input(.bytes(.argument(2)))), Parameter("count", .int(.size_t)),
            Parameter("pos", .int(.loff_t)),
        ], classes: [.desc]),
        SyscallDescription(19, "readv", [
            Parameter("fd", .fd), Parameter("vec", .input(.array(of: .structure(iovecOut), count: .argument(2)))),
            Parameter("vlen", .int(.ulong)),
        ], classes: [.desc]),
        SyscallDescription(20, "writev", [
            Parameter("fd", .fd), Parameter("vec", .input(.array(of: .structure(iovecIn), count: .argument(2)))),
            Parameter("vlen", .int(.ulong)),
        ], classes: [.desc]),
        SyscallDescription(22, "pipe", [
            Parameter("fildes", .output(.array(of: .structure(descriptorSlotStruct), count: .fixed(2)))),
        ], classes: [.desc]),
        // fd_sets: the kernel touches ((n + 63) / 64) * 8 bytes of each (n clamped to the
        // descriptor table).
        // The timeout is written back (remaining time) whatever the result.
        SyscallDescription(23, "select", [
            Parameter("n", .int(.int)),
            Parameter("inp", .both(.bytes(.bitmapBytes(.argument(0))), optional: true)),
            Parameter("outp", .both(.bytes(.bitmapBytes(.argument(0))), optional: true)),
            Parameter("exp", .both(.bytes(.bitmapBytes(.argument(0))), optional: true)),
            Parameter("tvp", .both(.structure(timeval), optional: true, written: .always)),
        ], classes: [.desc]),
        SyscallDescription(32, "dup", [Parameter("fildes", .fd)], result: .descriptor, classes: [.desc]),
        // newfd need not be open: it is a number the target chooses for its new descriptor.
        SyscallDescription(33, "dup2", [Parameter("oldfd", .fd), Parameter("newfd", .fd)], result: .descriptor, classes: [.desc]),
        // The offset is written back whatever the result.
        SyscallDescription(40, "sendfile", [
            Parameter("out_fd", .fd), Parameter("in_fd", .fd),
            Parameter("offset", .both(.scalar(.loff_t, .decimal), optional: true, written: .always)),
            Parameter("count", .int(.size_t)),
        ], classes: [.desc, .network]),
        SyscallDescription(72, "fcntl", [
            Parameter("fd", .fd), Parameter("cmd", .int(.uint, .enumeration(FlagTables.fcntlCommand))),
            Parameter("arg", .int(.ulong, .hex)),
        ], classes: [.desc], multiplexer: Multiplexer(selector: 1, mask: 0xffff_ffff, unknown: EINVAL, fcntlVariants)),
        SyscallDescription(73, "flock", [Parameter("fd", .fd), Parameter("cmd", .int(.uint, .flags(FlagTables.flock)))], classes: [.desc]),
        SyscallDescription(74, "fsync", [Parameter("fd", .fd)], classes: [.desc]),
        SyscallDescription(75, "fdatasync", [Parameter("fd", .fd)], classes: [.desc]),
        SyscallDescription(77, "ftruncate", [Parameter("fd", .fd), Parameter("length", .int(.off_t))], classes: [.desc]),
        SyscallDescription(78, "getdents", [
            Parameter("fd", .fd), Parameter("dirent", .output(.bytes(.argument(2)))), Parameter("count", .int(.uint)),
        ], classes: [.desc]),
        SyscallDescription(81, "fchdir", [Parameter("fd", .fd)], classes: [.desc]),
        SyscallDescription(91, "fchmod", [Parameter("fd", .fd), Parameter("mode", .int(.umode_t, .octal))], classes: [.desc]),
        SyscallDescription(93, "fchown", [
            Parameter("fd", .fd), Parameter("user", .int(.uid_t)), Parameter("group", .int(.gid_t)),
        ], classes: [.desc]),
        SyscallDescription(138, "fstatfs", [
            Parameter("fd", .fd), Parameter("buf", .output(.structure(statfsStruct))),
        ], classes: [.desc, .fstatfs, .statfsLike]),
        SyscallDescription(187, "readahead", [
            Parameter("fd", .fd), Parameter("offset", .int(.loff_t)), Parameter("count", .int(.size_t)),
        ], classes: [.desc]),
        SyscallDescription(190, "fsetxattr", [
            Parameter("fd", .fd), Parameter("name", xattrName),
            Parameter("value", .input(.bytes(xattrValueLength(3)), optional: true)), Parameter("size", .int(.size_t)),
            Parameter("flags", .int(.int, .flags(FlagTables.xattrFlags))),
        ], classes: [.desc]),
        SyscallDescription(193, "fgetxattr", [
            Parameter("fd", .fd), Parameter("name", xattrName),
            Parameter("value", .output(.bytes(xattrValueLength(3)), optional: true)), Parameter("size", .int(.size_t)),
        ], classes: [.desc]),
        SyscallDescription(196, "flistxattr", [
            Parameter("fd", .fd), Parameter("list", .output(.bytes(xattrValueLength(2)), optional: true)), Parameter("size", .int(.size_t)),
        ], classes: [.desc]),
        SyscallDescription(199, "fremovexattr", [Parameter("fd", .fd), Parameter("name", xattrName)], classes: [.desc]),
        // The kernel reads *ctxp (it must be 0) and writes the new context there.
        SyscallDescription(206, "io_setup", [
            Parameter("nr_events", .int(.uint)), Parameter("ctxp", .both(.scalar(.ulong, .hex))),
        ], classes: [.memory]),
        SyscallDescription(207, "io_destroy", [Parameter("ctx", .int(.ulong, .hex))], classes: [.memory]),
        SyscallDescription(208, "io_getevents", [
            Parameter("ctx_id", .int(.ulong, .hex)), Parameter("min_nr", .int(.long)), Parameter("nr", .int(.long)),
            Parameter("events", .output(.array(of: .structure(ioEventStruct), count: .argument(2)))),
            Parameter("timeout", .input(.structure(timespec), optional: true)),
        ]),
        SyscallDescription(209, "io_submit", [
            Parameter("ctx_id", .int(.ulong, .hex)), Parameter("nr", .int(.long)),
            Parameter("iocbpp", .input(.array(of: .structure(iocbPointerStruct), count: .argument(1)))),
        ]),
        // result is no longer written (events come through the ring): an unread address.
        SyscallDescription(210, "io_cancel", [
            Parameter("ctx_id", .int(.ulong, .hex)), Parameter("iocb", .input(.structure(iocbKeyStruct))),
            Parameter("result", .address),
        ]),
        SyscallDescription(213, "epoll_create", [Parameter("size", .int(.int))], result: .descriptor, classes: [.desc]),
        // Never implemented on x86-64 (sys_ni_syscall: ENOSYS); the kernel reads nothing.
        SyscallDescription(214, "epoll_ctl_old", [
            Parameter("a0", .int(.ulong, .hex)), Parameter("a1", .int(.ulong, .hex)),
            Parameter("a2", .int(.ulong, .hex)), Parameter("a3", .int(.ulong, .hex)),
        ]),
        SyscallDescription(215, "epoll_wait_old", [
            Parameter("a0", .int(.ulong, .hex)), Parameter("a1", .int(.ulong, .hex)),
            Parameter("a2", .int(.ulong, .hex)), Parameter("a3", .int(.ulong, .hex)),
        ]),
        SyscallDescription(217, "getdents64", [
            Parameter("fd", .fd), Parameter("dirent", .output(.bytes(.argument(2)))), Parameter("count", .int(.uint)),
        ], classes: [.desc]),
        SyscallDescription(221, "fadvise64", [
            Parameter("fd", .fd), Parameter("offset", .int(.loff_t)), Parameter("len", .int(.size_t)),
            Parameter("advice", .int(.int, .enumeration(FlagTables.fadvise))),
        ], classes: [.desc]),
        // The kernel checks maxevents * 12 bytes writable and fills the first `result` events.
        SyscallDescription(232, "epoll_wait", [
            Parameter("epfd", .fd),
            Parameter("events", .output(.array(of: .structure(epollEventStruct), count: .argument(2)))),
            Parameter("maxevents", .int(.int)), Parameter("timeout", .int(.int)),
        ], classes: [.desc]),
        // The event is not read for EPOLL_CTL_DEL (NULL allowed since 2.6.9).
        SyscallDescription(233, "epoll_ctl", [
            Parameter("epfd", .fd), Parameter("op", .int(.int, .enumeration(FlagTables.epollCtl))),
            Parameter("fd", .fd), Parameter("event", .input(.structure(epollEventStruct))),
        ], classes: [.desc], multiplexer: Multiplexer(selector: 1, mask: 0xffff_ffff, unknown: EINVAL, unknownReachesKernel: true, [
            Variant(1, "EPOLL_CTL_ADD"),
            Variant(2, "EPOLL_CTL_DEL", [3: Parameter("event", .address)]),
            Variant(3, "EPOLL_CTL_MOD"),
        ])),
        SyscallDescription(253, "inotify_init", [], result: .descriptor, classes: [.desc]),
        SyscallDescription(254, "inotify_add_watch", [
            Parameter("fd", .fd), Parameter("pathname", .path), Parameter("mask", .int(.u32, .flags(FlagTables.inotifyMask))),
        ], classes: [.desc, .file]),
        SyscallDescription(255, "inotify_rm_watch", [Parameter("fd", .fd), Parameter("wd", .int(.s32))], classes: [.desc]),
        // fd_sets as select's; the timeout is written back; sig is {const sigset_t *ss; size_t ss_len}.
        SyscallDescription(270, "pselect6", [
            Parameter("n", .int(.int)),
            Parameter("inp", .both(.bytes(.bitmapBytes(.argument(0))), optional: true)),
            Parameter("outp", .both(.bytes(.bitmapBytes(.argument(0))), optional: true)),
            Parameter("exp", .both(.bytes(.bitmapBytes(.argument(0))), optional: true)),
            Parameter("tsp", .both(.structure(timespec), optional: true, written: .always)),
            Parameter("sig", .input(.structure(sigsetArgpackStruct("sigset_argpack", pointer: "ss", size: "ss_len")), optional: true)),
        ], classes: [.desc]),
        SyscallDescription(271, "ppoll", [
            Parameter("ufds", .both(.array(of: .structure(pollfdStruct), count: .argument(1)), written: .alwaysUntilFault)),
            Parameter("nfds", .int(.uint)),
            Parameter("tsp", .both(.structure(timespec), optional: true, written: .always)),
            Parameter("sigmask", sizedSigsetArgument(size: 4)), Parameter("sigsetsize", .int(.size_t)),
        ], classes: [.desc]),
        SyscallDescription(275, "splice", [
            Parameter("fd_in", .fd), Parameter("off_in", loffInOutPointer), Parameter("fd_out", .fd),
            Parameter("off_out", loffInOutPointer), Parameter("len", .int(.size_t)),
            Parameter("flags", .int(.uint, .flags(FlagTables.spliceFlags))),
        ], classes: [.desc]),
        SyscallDescription(276, "tee", [
            Parameter("fdin", .fd), Parameter("fdout", .fd), Parameter("len", .int(.size_t)),
            Parameter("flags", .int(.uint, .flags(FlagTables.spliceFlags))),
        ], classes: [.desc]),
        SyscallDescription(277, "sync_file_range", [
            Parameter("fd", .fd), Parameter("offset", .int(.loff_t)), Parameter("nbytes", .int(.loff_t)),
            Parameter("flags", .int(.uint, .flags(FlagTables.syncFileRangeFlags))),
        ], classes: [.desc]),
        // The buffers are read (fd a pipe's write end) or written (its read end).
        SyscallDescription(278, "vmsplice", [
            Parameter("fd", .fd), Parameter("uiov", .input(.array(of: .structure(iovecBothStruct), count: .argument(2)))),
            Parameter("nr_segs", .int(.ulong)), Parameter("flags", .int(.uint, .flags(FlagTables.spliceFlags))),
        ], classes: [.desc]),
        SyscallDescription(281, "epoll_pwait", [
            Parameter("epfd", .fd),
            Parameter("events", .output(.array(of: .structure(epollEventStruct), count: .argument(2)))),
            Parameter("maxevents", .int(.int)), Parameter("timeout", .int(.int)),
            Parameter("sigmask", sizedSigsetArgument(size: 5)), Parameter("sigsetsize", .int(.size_t)),
        ], classes: [.desc]),
        SyscallDescription(284, "eventfd", [Parameter("count", .int(.uint))], result: .descriptor, classes: [.desc]),
        SyscallDescription(285, "fallocate", [
            Parameter("fd", .fd), Parameter("mode", .int(.int, .flags(FlagTables.fallocateFlags))), Parameter("offset", .int(.loff_t)), Parameter("len", .int(.loff_t)),
        ], classes: [.desc]),
        SyscallDescription(290, "eventfd2", [
            Parameter("count", .int(.uint)), Parameter("flags", .int(.int, .flags(FlagTables.eventfdFlags))),
        ], result: .descriptor, classes: [.desc]),
        SyscallDescription(291, "epoll_create1", [Parameter("flags", .int(.int, .flags(FlagTables.epollCreateFlags)))],
                           result: .descriptor, classes: [.desc]),
        SyscallDescription(292, "dup3", [
            Parameter("oldfd", .fd), Parameter("newfd", .fd), Parameter("flags", .int(.int, .flags(FlagTables.openBits))),
        ], result: .descriptor, classes: [.desc]),
        SyscallDescription(293, "pipe2", [
            Parameter("fildes", .output(.array(of: .structure(descriptorSlotStruct), count: .fixed(2)))),
            Parameter("flags", .int(.int, .flags(FlagTables.openBits))),
        ], classes: [.desc]),
        SyscallDescription(294, "inotify_init1", [Parameter("flags", .int(.int, .flags(FlagTables.inotifyInitFlags)))],
                           result: .descriptor, classes: [.desc]),
        // pos_h is shifted out on 64-bit (pos_from_hilo): the offset is pos_l alone.
        SyscallDescription(295, "preadv", [
            Parameter("fd", .fd), Parameter("vec", .input(.array(of: .structure(iovecOut), count: .argument(2)))),
            Parameter("vlen", .int(.ulong)), Parameter("pos_l", .int(.loff_t)), Parameter("pos_h", .unused),
        ], classes: [.desc]),
        SyscallDescription(296, "pwritev", [
            Parameter("fd", .fd), Parameter("vec", .input(.array(of: .structure(iovecIn), count: .argument(2)))),
            Parameter("vlen", .int(.ulong)), Parameter("pos_l", .int(.loff_t)), Parameter("pos_h", .unused),
        ], classes: [.desc]),
        SyscallDescription(300, "fanotify_init", [
            Parameter("flags", .int(.uint, .flags(FlagTables.fanotifyInitFlags))), Parameter("event_f_flags", .int(.uint, .flags(FlagTables.open))),
        ], result: .descriptor, classes: [.desc]),
        // A NULL pathname marks dfd itself.
        SyscallDescription(301, "fanotify_mark", [
            Parameter("fanotify_fd", .fd), Parameter("flags", .int(.uint, .flags(FlagTables.fanotifyMarkFlags))),
            Parameter("mask", .int(.u64, .flags(FlagTables.fanotifyEventFlags))),
            Parameter("dfd", .dirfd), Parameter("pathname", nullablePathArgument),
        ], classes: [.desc, .file]),
        SyscallDescription(306, "syncfs", [Parameter("fd", .fd)], classes: [.desc]),
        SyscallDescription(326, "copy_file_range", [
            Parameter("fd_in", .fd), Parameter("off_in", loffInOutPointer), Parameter("fd_out", .fd),
            Parameter("off_out", loffInOutPointer), Parameter("len", .int(.size_t)), Parameter("flags", .int(.uint, .hex)),
        ], classes: [.desc]),
        SyscallDescription(327, "preadv2", [
            Parameter("fd", .fd), Parameter("vec", .input(.array(of: .structure(iovecOut), count: .argument(2)))),
            Parameter("vlen", .int(.ulong)), Parameter("pos_l", .int(.loff_t)), Parameter("pos_h", .unused),
            Parameter("flags", .int(.int, .flags(FlagTables.rwfFlags))),
        ], classes: [.desc]),
        SyscallDescription(328, "pwritev2", [
            Parameter("fd", .fd), Parameter("vec", .input(.array(of: .structure(iovecIn), count: .argument(2)))),
            Parameter("vlen", .int(.ulong)), Parameter("pos_l", .int(.loff_t)), Parameter("pos_h", .unused),
            Parameter("flags", .int(.int, .flags(FlagTables.rwfFlags))),
        ], classes: [.desc]),
        SyscallDescription(333, "io_pgetevents", [
            Parameter("ctx_id", .int(.ulong, .hex)), Parameter("min_nr", .int(.long)), Parameter("nr", .int(.long)),
            Parameter("events", .output(.array(of: .structure(ioEventStruct), count: .argument(2)))),
            Parameter("timeout", .input(.structure(timespec), optional: true)),
            Parameter("usig", .input(.structure(sigsetArgpackStruct("__aio_sigset", pointer: "sigmask", size: "sigsetsize")), optional: true)),
        ]),
        SyscallDescription(425, "io_uring_setup", [
            Parameter("entries", .int(.u32)), Parameter("params", .both(.structure(ioUringParamsStruct))),
        ], result: .descriptor, classes: [.desc]),
        SyscallDescription(426, "io_uring_enter", [
            Parameter("fd", .fd), Parameter("to_submit", .int(.u32)), Parameter("min_complete", .int(.u32)),
            Parameter("flags", .int(.u32, .hex)), Parameter("argp", sizedSigsetArgument(size: 5)), Parameter("argsz", .int(.size_t)),
        ], classes: [.desc, .signal], multiplexer: Multiplexer(selector: 3, mask: 0x58, unknown: EINVAL, ioUringEnterVariants)),
        SyscallDescription(427, "io_uring_register", [
            Parameter("fd", .fd), Parameter("opcode", .int(.uint, .enumeration(FlagTables.ioUringRegisterOpcode))), Parameter("arg", .address),
            Parameter("nr_args", .int(.uint)),
        ], classes: [.desc, .memory], multiplexer: Multiplexer(selector: 1, mask: 0xffff_ffff, unknown: EINVAL, ioUringRegisterVariants)),
        SyscallDescription(436, "close_range", [
            Parameter("fd", .int(.uint)), Parameter("max_fd", .int(.uint)),
            Parameter("flags", .int(.uint, .flags(FlagTables.closeRangeFlags))),
        ]),
        SyscallDescription(441, "epoll_pwait2", [
            Parameter("epfd", .fd),
            Parameter("events", .output(.array(of: .structure(epollEventStruct), count: .argument(2)))),
            Parameter("maxevents", .int(.int)), Parameter("timeout", .input(.structure(timespec), optional: true)),
            Parameter("sigmask", sizedSigsetArgument(size: 5)), Parameter("sigsetsize", .int(.size_t)),
        ], classes: [.desc]),
    ]
}
