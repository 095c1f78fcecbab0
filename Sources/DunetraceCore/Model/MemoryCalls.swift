// The memory family of the model (see ModelTypes.swift for the vocabulary). Ranges of the
// target's own address space (mmap, munmap, mprotect, madvise, mlock...) are `.address`:
// dunetrace emulates those calls and its address space checks the range. Types follow the
// SYSCALL_DEFINEs of mm/ (x86-64's mmap takes six unsigned longs).
import Glibc

extension SyscallModel {
    /// A NUMA node mask the kernel reads or writes: ALIGN(maxnode - 1, 64) / 8 bytes, at most a
    /// page (a larger maxnode is EINVAL). The vocabulary has no rounding division, so this
    /// is the bound min(8 * maxnode, 4096), never shorter than what the kernel touches.
    static func nodeMask(maxnodeArgument: Int) -> Pointee {
        .bytes(.min(.times(.argument(maxnodeArgument), 8), .fixed(4096)))
    }

    /// struct iovec of another process (process_vm_readv/writev's remote side, process_madvise):
    /// its base is an address in that process, never read or written in this one.
    static let iovecRemote = StructLayout("iovec", size: 16, [
        Field("iov_base", 0, .int(.ulong, .hex)), Field("iov_len", 8, .int(.size_t)),
    ])

    private static let prot = ValueType.int(.ulong, .flags(FlagTables.prot))

    /// mmap's arguments; `fd` and `anonymous` differ between file and anonymous mappings.
    private static func mmapArguments(fd: ValueType) -> [Parameter] {
        [Parameter("addr", .address), Parameter("len", .int(.ulong)), Parameter("prot", prot),
         Parameter("flags", .int(.ulong, .flags(FlagTables.mmap))), Parameter("fd", fd),
         Parameter("off", .int(.ulong, .hex))]
    }

    static let memoryCalls: [SyscallDescription] = [
        // MAP_ANONYMOUS ignores fd (any value, not only -1); a file mapping reads it (fget of its
        // low 32 bits). The offset must be page aligned in both.
        SyscallDescription(9, "mmap", mmapArguments(fd: .descriptor(.any)), result: .hex, classes: [.desc, .memory],
                           multiplexer: Multiplexer(selector: 3, mask: 0x20, unknown: EINVAL, [
                               Variant(0, "file", [4: Parameter("fd", .descriptor(.any))]),
                               Variant(0x20, "MAP_ANONYMOUS", [4: Parameter("fd", .int(.int))]),
                           ])),
        SyscallDescription(10, "mprotect", [
            Parameter("start", .address), Parameter("len", .int(.size_t)), Parameter("prot", prot),
        ], classes: [.memory]),
        SyscallDescription(11, "munmap", [Parameter("addr", .address), Parameter("len", .int(.size_t))],
                           classes: [.memory]),
        SyscallDescription(12, "brk", [Parameter("brk", .address)], result: .hex, classes: [.memory]),
        SyscallDescription(25, "mremap", [
            Parameter("addr", .address), Parameter("old_len", .int(.ulong)), Parameter("new_len", .int(.ulong)),
            Parameter("flags", .int(.ulong, .flags(FlagTables.mremap))), Parameter("new_addr", .address),
        ], result: .hex, classes: [.memory]),
        SyscallDescription(26, "msync", [
            Parameter("start", .address), Parameter("len", .int(.size_t)),
            Parameter("flags", .int(.int, .flags(FlagTables.msync))),
        ], classes: [.memory]),
        SyscallDescription(27, "mincore", [
            Parameter("start", .address), Parameter("len", .int(.size_t)),
            // One byte per page of the range, (len + 4095) / 4096.
            Parameter("vec", .output(.bytes(.pageCount(.argument(1))))),
        ], classes: [.memory]),
        SyscallDescription(28, "madvise", [
            Parameter("start", .address), Parameter("len_in", .int(.size_t)),
            Parameter("behavior", .int(.int, .enumeration(FlagTables.madvise))),
        ], classes: [.memory]),
        SyscallDescription(149, "mlock", [Parameter("start", .address), Parameter("len", .int(.size_t))],
                           classes: [.memory]),
        SyscallDescription(150, "munlock", [Parameter("start", .address), Parameter("len", .int(.size_t))],
                           classes: [.memory]),
        SyscallDescription(151, "mlockall", [Parameter("flags", .int(.int, .flags(FlagTables.mlockallFlags)))],
                           classes: [.memory]),
        SyscallDescription(152, "munlockall", [], classes: [.memory]),
        SyscallDescription(216, "remap_file_pages", [
            Parameter("start", .address), Parameter("size", .int(.ulong)), Parameter("prot", prot),
            Parameter("pgoff", .int(.ulong)), Parameter("flags", .int(.ulong, .flags(FlagTables.mmap))),
        ], classes: [.memory]),
        SyscallDescription(237, "mbind", [
            Parameter("start", .address), Parameter("len", .int(.ulong)), Parameter("mode", .int(.ulong, .flags(FlagTables.mempolicyMode))),
            Parameter("nmask", .input(nodeMask(maxnodeArgument: 4), optional: true)),
            Parameter("maxnode", .int(.ulong)), Parameter("flags", .int(.uint, .flags(FlagTables.mempolicyMoveFlags))),
        ], classes: [.memory]),
        SyscallDescription(238, "set_mempolicy", [
            Parameter("mode", .int(.int, .flags(FlagTables.mempolicyMode))), Parameter("nmask", .input(nodeMask(maxnodeArgument: 2), optional: true)),
            Parameter("maxnode", .int(.ulong)),
        ], classes: [.memory]),
        SyscallDescription(239, "get_mempolicy", [
            Parameter("policy", .output(.scalar(.int, .decimal), optional: true)),
            Parameter("nmask", .output(nodeMask(maxnodeArgument: 2), optional: true)),
            // MPOL_F_ADDR: the policy of the mapping at addr (looked up, not read).
            Parameter("maxnode", .int(.ulong)), Parameter("addr", .address), Parameter("flags", .int(.uint, .flags(FlagTables.getMempolicyFlags))),
        ], classes: [.memory]),
        SyscallDescription(256, "migrate_pages", [
            Parameter("pid", .int(.pid_t)), Parameter("maxnode", .int(.ulong)),
            Parameter("old_nodes", .input(nodeMask(maxnodeArgument: 1), optional: true)),
            Parameter("new_nodes", .input(nodeMask(maxnodeArgument: 1), optional: true)),
        ], classes: [.memory]),
        SyscallDescription(279, "move_pages", [
            Parameter("pid", .int(.pid_t)), Parameter("nr_pages", .int(.ulong)),
            // Addresses in process pid: read as numbers, not through.
            Parameter("pages", .input(.array(of: .scalar(.ulong, .hex), count: .argument(1)))),
            // NULL: only report where the pages are.
            Parameter("nodes", .input(.array(of: .scalar(.int, .decimal), count: .argument(1)), optional: true)),
            Parameter("status", .output(.array(of: .scalar(.int, .decimal), count: .argument(1)))),
            Parameter("flags", .int(.int, .flags(FlagTables.mempolicyMoveFlags))),
        ], classes: [.memory]),
        // The remote iovecs address the other process (for a traced one, the memory of the
        // process dunetrace runs it in): described as numbers, the pid is the guard's concern.
        SyscallDescription(310, "process_vm_readv", [
            Parameter("pid", .int(.pid_t)),
            Parameter("lvec", .input(.array(of: .structure(iovecOut), count: .min(.argument(2), .fixed(uioMaxIov))))),
            Parameter("liovcnt", .int(.ulong)),
            Parameter("rvec", .input(.array(of: .structure(iovecRemote), count: .min(.argument(4), .fixed(uioMaxIov))))),
            Parameter("riovcnt", .int(.ulong)), Parameter("flags", .int(.ulong)),  // strace: %lu
        ]),
        SyscallDescription(311, "process_vm_writev", [
            Parameter("pid", .int(.pid_t)),
            Parameter("lvec", .input(.array(of: .structure(iovecIn), count: .min(.argument(2), .fixed(uioMaxIov))))),
            Parameter("liovcnt", .int(.ulong)),
            Parameter("rvec", .input(.array(of: .structure(iovecRemote), count: .min(.argument(4), .fixed(uioMaxIov))))),
            Parameter("riovcnt", .int(.ulong)), Parameter("flags", .int(.ulong)),  // strace: %lu
        ]),
        SyscallDescription(319, "memfd_create", [
            // strnlen_user(uname, MFD_NAME_MAX_LEN + 1): at most 250 bytes are read.
            Parameter("uname", .input(.string(limit: 250))),
            Parameter("flags", .int(.uint, .flags(FlagTables.memfdFlags))),
        ], result: .descriptor, classes: [.desc]),
        SyscallDescription(323, "userfaultfd", [Parameter("flags", .int(.int, .flags(FlagTables.userfaultfdFlags)))],
                           result: .descriptor, classes: [.desc]),
        SyscallDescription(324, "membarrier", [
            Parameter("cmd", .int(.int, .enumeration(FlagTables.membarrierCommand))),
            Parameter("flags", .int(.uint, .hex)), Parameter("cpu_id", .int(.int)),
        ]),
        SyscallDescription(325, "mlock2", [
            Parameter("start", .address), Parameter("len", .int(.size_t)), Parameter("flags", .int(.int, .flags(FlagTables.mlock2Flags))),
        ], classes: [.memory]),
        SyscallDescription(329, "pkey_mprotect", [
            Parameter("start", .address), Parameter("len", .int(.size_t)), Parameter("prot", prot),
            Parameter("pkey", .int(.int)),
        ], classes: [.memory]),
        SyscallDescription(330, "pkey_alloc", [
            Parameter("flags", .int(.ulong, .hex)), Parameter("init_val", .int(.ulong, .flags(FlagTables.pkeyAccess))),
        ]),
        SyscallDescription(331, "pkey_free", [Parameter("pkey", .int(.int))]),
        SyscallDescription(440, "process_madvise", [
            Parameter("pidfd", .fd),
            // Ranges of the pidfd's process (this one or another): numbers, as madvise's.
            Parameter("vec", .input(.array(of: .structure(iovecRemote), count: .min(.argument(2), .fixed(uioMaxIov))))),
            Parameter("vlen", .int(.size_t)), Parameter("behavior", .int(.int, .enumeration(FlagTables.madvise))),
            Parameter("flags", .int(.uint, .hex)),
        ], classes: [.desc]),
        SyscallDescription(447, "memfd_secret", [Parameter("flags", .int(.uint, .flags(FlagTables.memfdSecretFlags)))],
                           result: .descriptor, classes: [.desc]),
        SyscallDescription(448, "process_mrelease", [Parameter("pidfd", .fd), Parameter("flags", .int(.uint, .hex))],
                           classes: [.desc]),
        SyscallDescription(450, "set_mempolicy_home_node", [
            Parameter("start", .address), Parameter("len", .int(.ulong)), Parameter("home_node", .int(.ulong)),
            Parameter("flags", .int(.ulong, .hex)),
        ], classes: [.memory]),
    ]
}
