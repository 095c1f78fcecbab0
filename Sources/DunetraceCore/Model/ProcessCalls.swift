// The process family of the model (see ModelTypes.swift for the vocabulary): process and thread
// life cycle, credentials, scheduling, resource limits, futexes, prctl, ptrace.
#if canImport(Glibc)
import Glibc
#endif

extension SyscallModel {
    /// Structures of the process family, as the x86-64 kernel lays them out.
    enum ProcessLayouts {
        static let rlimit = StructLayout("rlimit", size: 16, [
            Field("rlim_cur", 0, .int(.u64)), Field("rlim_max", 8, .int(.u64)),
        ])
        static let rusage = StructLayout("rusage", size: 144, [
            Field("ru_utime", 0, .int(.long)), Field("ru_utime_usec", 8, .int(.long)),
            Field("ru_stime", 16, .int(.long)), Field("ru_stime_usec", 24, .int(.long)),
            Field("ru_maxrss", 32, .int(.long)), Field("ru_ixrss", 40, .int(.long)),
            Field("ru_idrss", 48, .int(.long)), Field("ru_isrss", 56, .int(.long)),
            Field("ru_minflt", 64, .int(.long)), Field("ru_majflt", 72, .int(.long)),
            Field("ru_nswap", 80, .int(.long)), Field("ru_inblock", 88, .int(.long)),
            Field("ru_oublock", 96, .int(.long)), Field("ru_msgsnd", 104, .int(.long)),
            Field("ru_msgrcv", 112, .int(.long)), Field("ru_nsignals", 120, .int(.long)),
            Field("ru_nvcsw", 128, .int(.long)), Field("ru_nivcsw", 136, .int(.long)),
        ])
        /// struct new_utsname: six char[65] arrays (sysname, nodename, release, version, machine,
        /// domainname), no pointers.
        static let utsname = StructLayout("new_utsname", size: 390, [])
        static let sysinfo = StructLayout("sysinfo", size: 112, [
            Field("uptime", 0, .int(.long)), Field("loads0", 8, .int(.ulong)), Field("loads1", 16, .int(.ulong)),
            Field("loads2", 24, .int(.ulong)), Field("totalram", 32, .int(.ulong)), Field("freeram", 40, .int(.ulong)),
            Field("sharedram", 48, .int(.ulong)), Field("bufferram", 56, .int(.ulong)),
            Field("totalswap", 64, .int(.ulong)), Field("freeswap", 72, .int(.ulong)), Field("procs", 80, .int(.u16)),
            Field("totalhigh", 88, .int(.ulong)), Field("freehigh", 96, .int(.ulong)), Field("mem_unit", 104, .int(.u32)),
        ])
        static let schedParam = StructLayout("sched_param", size: 4, [Field("sched_priority", 0, .int(.int))])
        /// struct sched_attr at SCHED_ATTR_SIZE_VER1 (56). The kernel reads its `size` field first
        /// and then that many bytes (48 when 0): fixed 56 is an approximation.
        static let schedAttr = StructLayout("sched_attr", size: 56, [
            Field("size", 0, .int(.u32)), Field("sched_policy", 4, .int(.u32, .enumeration(FlagTables.schedPolicy))),
            Field("sched_flags", 8, .int(.u64, .hex)), Field("sched_nice", 16, .int(.s32)),
            Field("sched_priority", 20, .int(.u32)), Field("sched_runtime", 24, .int(.u64)),
            Field("sched_deadline", 32, .int(.u64)), Field("sched_period", 40, .int(.u64)),
            Field("sched_util_min", 48, .int(.u32)), Field("sched_util_max", 52, .int(.u32)),
        ])
        /// struct __user_cap_header_struct: the kernel reads it and, for an unknown version, writes
        /// back the one it prefers.
        static let capHeader = StructLayout("__user_cap_header_struct", size: 8, [
            Field("version", 0, .int(.u32, .hex)), Field("pid", 4, .int(.int)),
        ])
        static let capData = StructLayout("__user_cap_data_struct", size: 12, [
            Field("effective", 0, .int(.u32, .hex)), Field("permitted", 4, .int(.u32, .hex)),
            Field("inheritable", 8, .int(.u32, .hex)),
        ])
        /// struct clone_args at CLONE_ARGS_SIZE_VER2 (88); the kernel copies `size` (argument 1)
        /// bytes, so fixed 88 is an approximation for the older 64 and 80.
        static let cloneArgs = StructLayout("clone_args", size: 88, [
            Field("flags", 0, .int(.u64, .hex)),
            Field("pidfd", 8, .output(.scalar(.int, .decimal), optional: true)),
            Field("child_tid", 16, .output(.scalar(.pid_t, .decimal), optional: true)),
            Field("parent_tid", 24, .output(.scalar(.pid_t, .decimal), optional: true)),
            Field("exit_signal", 32, .int(.u64, .signal)),
            Field("stack", 40, .address), Field("stack_size", 48, .int(.u64)),
            Field("tls", 56, .address),
            Field("set_tid", 64, .input(.array(of: .scalar(.pid_t, .decimal), count: .field("set_tid_size")), optional: true)),
            Field("set_tid_size", 72, .int(.u64)),
            // A cgroup descriptor only with CLONE_INTO_CGROUP; an integer otherwise.
            Field("cgroup", 80, .int(.u64)),
        ])
        /// struct futex_waitv: uaddr is a pointer to the futex word (FUTEX2_SIZE_U32: 4 bytes),
        /// which the kernel only reads.
        static let futexWaitv = StructLayout("futex_waitv", size: 24, [
            Field("val", 0, .int(.u64, .hex)), Field("uaddr", 8, .input(.scalar(.u32, .decimal))),
            Field("flags", 16, .int(.u32, .flags(FlagTables.futexWaiterFlags))), Field("__reserved", 20, .int(.u32, .hex)),
        ])
        static let kcmpEpollSlot = StructLayout("kcmp_epoll_slot", size: 12, [
            // Descriptor numbers of pid2 (the kernel reads u32s): ints, as strace prints them.
            Field("efd", 0, .int(.int)), Field("tfd", 4, .int(.int)), Field("toff", 8, .int(.u32)),
        ])
        /// struct sock_filter: one classic BPF instruction.
        static let sockFilter = StructLayout("sock_filter", size: 8, [
            Field("code", 0, .int(.u16, .hex)), Field("jt", 2, .int(.u8)), Field("jf", 3, .int(.u8)),
            Field("k", 4, .int(.u32, .hex)),
        ])
        /// struct sock_fprog (seccomp filters): `len` instructions at `filter`.
        static let sockFprog = StructLayout("sock_fprog", size: 16, [
            Field("len", 0, .int(.u16)),
            Field("filter", 8, .input(.array(of: .structure(sockFilter), count: .field("len")))),
        ])
        /// struct user_regs_struct (PTRACE_GETREGS): 27 registers.
        static let userRegs = StructLayout("user_regs_struct", size: 216, [])
        /// struct user_fpregs_struct (PTRACE_GETFPREGS): the FXSAVE area.
        static let userFpregs = StructLayout("user_fpregs_struct", size: 512, [])
    }

    private static let pidArgument = ValueType.int(.pid_t)
    private static let uidArgument = ValueType.int(.uid_t)
    private static let gidArgument = ValueType.int(.gid_t)
    private static let unused = Parameter("unused", .unused)

    static let processCalls: [SyscallDescription] = [
        SyscallDescription(24, "sched_yield", []),
        SyscallDescription(39, "getpid", [], classes: [.pure]),
        SyscallDescription(56, "clone", [
            Parameter("flags", .int(.ulong, .hex)), Parameter("newsp", .address),
            // Written with the child's id (CLONE_PARENT_SETTID) or a pidfd (CLONE_PIDFD).
            Parameter("parent_tid", .output(.scalar(.int, .decimal), optional: true)),
            // Written in the child (CLONE_CHILD_SETTID) and cleared at its exit (CLONE_CHILD_CLEARTID).
            Parameter("child_tid", .output(.scalar(.pid_t, .decimal), optional: true)),
            Parameter("tls", .address),
        ], classes: [.process]),
        SyscallDescription(57, "fork", [], classes: [.process]),
        SyscallDescription(58, "vfork", [], classes: [.process]),
        SyscallDescription(59, "execve", [
            Parameter("filename", .path),
            Parameter("argv", .input(.nullTerminated(of: .string(limit: maxArgStringLength), limit: maxArgStrings), optional: true)),
            Parameter("envp", .input(.nullTerminated(of: .string(limit: maxArgStringLength), limit: maxArgStrings), optional: true)),
        ], result: .noReturn, classes: [.file, .process]),
        SyscallDescription(60, "exit", [Parameter("error_code", .int())], result: .noReturn, classes: [.process]),
        SyscallDescription(61, "wait4", [
            Parameter("upid", pidArgument), Parameter("stat_addr", .output(.scalar(.int, .hex), optional: true)),
            Parameter("options", .int(.int, .flags(FlagTables.waitOptions))),
            Parameter("ru", .output(.structure(ProcessLayouts.rusage), optional: true)),
        ], classes: [.process]),
        SyscallDescription(63, "uname", [Parameter("name", .output(.structure(ProcessLayouts.utsname)))]),
        SyscallDescription(95, "umask", [Parameter("mask", .int(.int, .octal))], result: .octal),
        SyscallDescription(97, "getrlimit", [
            Parameter("resource", .int(.uint, .enumeration(FlagTables.rlimitResource))),
            Parameter("rlim", .output(.structure(ProcessLayouts.rlimit))),
        ]),
        SyscallDescription(98, "getrusage", [
            Parameter("who", .int(.int, .enumeration(FlagTables.rusageWho))),
            Parameter("ru", .output(.structure(ProcessLayouts.rusage))),
        ]),
        SyscallDescription(99, "sysinfo", [Parameter("info", .output(.structure(ProcessLayouts.sysinfo)))]),
        SyscallDescription(101, "ptrace", [
            Parameter("request", .int(.long, .enumeration(FlagTables.ptraceRequest))), Parameter("pid", .int(.long)),
            Parameter("addr", .int(.ulong, .hex)), Parameter("data", .int(.ulong, .hex)),
        ], multiplexer: ptraceRequests),
        SyscallDescription(102, "getuid", [], classes: [.creds, .pure]),
        SyscallDescription(104, "getgid", [], classes: [.creds, .pure]),
        SyscallDescription(105, "setuid", [Parameter("uid", uidArgument)], classes: [.creds]),
        SyscallDescription(106, "setgid", [Parameter("gid", gidArgument)], classes: [.creds]),
        SyscallDescription(107, "geteuid", [], classes: [.creds, .pure]),
        SyscallDescription(108, "getegid", [], classes: [.creds, .pure]),
        SyscallDescription(109, "setpgid", [Parameter("pid", pidArgument), Parameter("pgid", pidArgument)]),
        SyscallDescription(110, "getppid", [], classes: [.pure]),
        SyscallDescription(111, "getpgrp", [], classes: [.pure]),
        SyscallDescription(112, "setsid", []),
        SyscallDescription(113, "setreuid", [Parameter("ruid", uidArgument), Parameter("euid", uidArgument)], classes: [.creds]),
        SyscallDescription(114, "setregid", [Parameter("rgid", gidArgument), Parameter("egid", gidArgument)], classes: [.creds]),
        // gidsetsize 0 asks for the count: nothing is written.
        SyscallDescription(115, "getgroups", [
            Parameter("gidsetsize", .int()),
            Parameter("grouplist", .output(.array(of: .scalar(.gid_t, .decimal), count: .argument(0)), optional: true)),
        ], classes: [.creds]),
        SyscallDescription(116, "setgroups", [
            Parameter("gidsetsize", .int()),
            Parameter("grouplist", .input(.array(of: .scalar(.gid_t, .decimal), count: .argument(0)), optional: true)),
        ], classes: [.creds]),
        SyscallDescription(117, "setresuid", [
            Parameter("ruid", uidArgument), Parameter("euid", uidArgument), Parameter("suid", uidArgument),
        ], classes: [.creds]),
        SyscallDescription(118, "getresuid", [
            Parameter("ruid", .output(.scalar(.uid_t, .decimal))), Parameter("euid", .output(.scalar(.uid_t, .decimal))),
            Parameter("suid", .output(.scalar(.uid_t, .decimal))),
        ], classes: [.creds]),
        SyscallDescription(119, "setresgid", [
            Parameter("rgid", gidArgument), Parameter("egid", gidArgument), Parameter("sgid", gidArgument),
        ], classes: [.creds]),
        SyscallDescription(120, "getresgid", [
            Parameter("rgid", .output(.scalar(.gid_t, .decimal))), Parameter("egid", .output(.scalar(.gid_t, .decimal))),
            Parameter("sgid", .output(.scalar(.gid_t, .decimal))),
        ], classes: [.creds]),
        SyscallDescription(121, "getpgid", [Parameter("pid", pidArgument)]),
        SyscallDescription(122, "setfsuid", [Parameter("uid", uidArgument)], classes: [.creds]),
        SyscallDescription(123, "setfsgid", [Parameter("gid", gidArgument)], classes: [.creds]),
        SyscallDescription(124, "getsid", [Parameter("pid", pidArgument)]),
        // The data array is 2 structures for versions 2 and 3 (1 for the obsolete version 1);
        // NULL data probes the version, which the kernel writes into the header.
        SyscallDescription(125, "capget", [
            Parameter("header", .both(.structure(ProcessLayouts.capHeader), written: .always)),
            Parameter("dataptr", .output(.array(of: .structure(ProcessLayouts.capData), count: .fixed(2)), optional: true)),
        ], classes: [.creds]),
        SyscallDescription(126, "capset", [
            Parameter("header", .both(.structure(ProcessLayouts.capHeader), written: .always)),
            Parameter("data", .input(.array(of: .structure(ProcessLayouts.capData), count: .fixed(2)))),
        ], classes: [.creds]),
        SyscallDescription(135, "personality", [Parameter("personality", .int(.uint, .hex))], result: .hex),
        SyscallDescription(140, "getpriority", [
            Parameter("which", .int(.int, .enumeration(FlagTables.priorityWhich))), Parameter("who", .int()),
        ]),
        SyscallDescription(141, "setpriority", [
            Parameter("which", .int(.int, .enumeration(FlagTables.priorityWhich))), Parameter("who", .int()),
            Parameter("niceval", .int()),
        ]),
        SyscallDescription(142, "sched_setparam", [
            Parameter("pid", pidArgument), Parameter("param", .input(.structure(ProcessLayouts.schedParam))),
        ]),
        SyscallDescription(143, "sched_getparam", [
            Parameter("pid", pidArgument), Parameter("param", .output(.structure(ProcessLayouts.schedParam))),
        ]),
        SyscallDescription(144, "sched_setscheduler", [
            Parameter("pid", pidArgument), Parameter("policy", .int(.int, .enumeration(FlagTables.schedPolicy))),
            Parameter("param", .input(.structure(ProcessLayouts.schedParam))),
        ]),
        SyscallDescription(145, "sched_getscheduler", [Parameter("pid", pidArgument)]),
        SyscallDescription(146, "sched_get_priority_max", [Parameter("policy", .int(.int, .enumeration(FlagTables.schedPolicy)))]),
        SyscallDescription(147, "sched_get_priority_min", [Parameter("policy", .int(.int, .enumeration(FlagTables.schedPolicy)))]),
        SyscallDescription(148, "sched_rr_get_interval", [
            Parameter("pid", pidArgument), Parameter("interval", .output(.structure(timespec))),
        ]),
        SyscallDescription(153, "vhangup", []),
        SyscallDescription(157, "prctl", [
            Parameter("option", .int(.int, .enumeration(FlagTables.prctlOption))),
            Parameter("arg2", .unused), Parameter("arg3", .unused), Parameter("arg4", .unused), Parameter("arg5", .unused),
        ], classes: [.creds], multiplexer: prctlOptions),
        SyscallDescription(158, "arch_prctl", [
            Parameter("option", .int(.int, .enumeration(FlagTables.archPrctl))), Parameter("arg2", .unused),
        ], multiplexer: archPrctlOptions),
        SyscallDescription(160, "setrlimit", [
            Parameter("resource", .int(.uint, .enumeration(FlagTables.rlimitResource))),
            Parameter("rlim", .input(.structure(ProcessLayouts.rlimit))),
        ]),
        SyscallDescription(170, "sethostname", [
            Parameter("name", .input(.bytes(.argument(1)))), Parameter("len", .int()),
        ]),
        SyscallDescription(171, "setdomainname", [
            Parameter("name", .input(.bytes(.argument(1)))), Parameter("len", .int()),
        ]),
        SyscallDescription(186, "gettid", [], classes: [.pure]),
        SyscallDescription(202, "futex", [
            Parameter("uaddr", .input(.scalar(.u32, .decimal))),
            Parameter("op", .int(.int, .enumeration(FlagTables.futexCommand))),
            Parameter("val", .int(.u32)), Parameter("utime", .unused), Parameter("uaddr2", .unused),
            Parameter("val3", .unused),
        ], multiplexer: futexOperations),
        // The kernel copies min(len, its cpumask size) bytes.
        SyscallDescription(203, "sched_setaffinity", [
            Parameter("pid", pidArgument), Parameter("len", .int(.uint)),
            Parameter("user_mask_ptr", .input(.bytes(.argument(1)))),
        ]),
        // The kernel writes min(len, its cpumask size) bytes and returns that count.
        SyscallDescription(204, "sched_getaffinity", [
            Parameter("pid", pidArgument), Parameter("len", .int(.uint)),
            Parameter("user_mask_ptr", .output(.bytes(.min(.argument(1), .result)))),
        ]),
        // The kernel keeps the address and writes it at the thread's exit; dunetrace emulates that.
        SyscallDescription(218, "set_tid_address", [Parameter("tidptr", .address)]),
        SyscallDescription(231, "exit_group", [Parameter("error_code", .int())], result: .noReturn, classes: [.process]),
        SyscallDescription(247, "waitid", [
            Parameter("which", .int(.int, .enumeration(FlagTables.idType))), Parameter("upid", pidArgument),
            Parameter("infop", .output(.structure(SignalLayouts.siginfo), optional: true)),
            Parameter("options", .int(.int, .flags(FlagTables.waitOptions))),
            Parameter("ru", .output(.structure(ProcessLayouts.rusage), optional: true)),
        ], classes: [.process], multiplexer: Multiplexer(selector: 0, mask: 0xffff_ffff, unknown: EINVAL, unknownReachesKernel: true, [
            Variant(0, "P_ALL", [1: Parameter("upid", .unused)]),
            Variant(1, "P_PID"), Variant(2, "P_PGID"),
            Variant(3, "P_PIDFD", [1: Parameter("pidfd", .fd)]),
        ])),
        SyscallDescription(272, "unshare", [Parameter("unshare_flags", .int(.ulong, .flags(FlagTables.unshareFlags)))]),
        // The kernel keeps the head's address and reads the list at the thread's exit.
        SyscallDescription(273, "set_robust_list", [Parameter("head", .address), Parameter("len", .int(.size_t))]),
        SyscallDescription(274, "get_robust_list", [
            Parameter("pid", .int()), Parameter("head_ptr", .output(.scalar(.ulong, .hex))),
            Parameter("len_ptr", .output(.scalar(.size_t, .decimal))),
        ]),
        SyscallDescription(302, "prlimit64", [
            Parameter("pid", pidArgument), Parameter("resource", .int(.uint, .enumeration(FlagTables.rlimitResource))),
            Parameter("new_rlim", .input(.structure(ProcessLayouts.rlimit), optional: true)),
            Parameter("old_rlim", .output(.structure(ProcessLayouts.rlimit), optional: true)),
        ]),
        SyscallDescription(308, "setns", [
            Parameter("fd", .fd), Parameter("flags", .int(.int, .flags(FlagTables.setnsTypes))),
        ], classes: [.desc]),
        // The third argument (struct getcpu_cache *) is ignored by the kernel.
        SyscallDescription(309, "getcpu", [
            Parameter("cpup", .output(.scalar(.uint, .decimal), optional: true)),
            Parameter("nodep", .output(.scalar(.uint, .decimal), optional: true)),
            Parameter("unused", .address),
        ]),
        SyscallDescription(312, "kcmp", [
            Parameter("pid1", pidArgument), Parameter("pid2", pidArgument), Parameter("type", .int(.uint, .enumeration(FlagTables.kcmpType))),
            Parameter("idx1", .unused), Parameter("idx2", .unused),
        ], multiplexer: Multiplexer(selector: 2, mask: 0xffff_ffff, unknown: EINVAL, unknownReachesKernel: true, [
            // Descriptor numbers in pid1's and pid2's tables: numbers, not the caller's descriptors.
            // Descriptor numbers (the kernel reads an unsigned int) of the two processes.
            // strace -y prints their paths (printfd_pid_tracee_ns of pid1 and pid2).
            Variant(0, "KCMP_FILE", [
                3: Parameter("idx1", .descriptor(.ofProcess(argument: 0))), 4: Parameter("idx2", .descriptor(.ofProcess(argument: 1))),
            ]),
            Variant(1, "KCMP_VM"), Variant(2, "KCMP_FILES"), Variant(3, "KCMP_FS"), Variant(4, "KCMP_SIGHAND"),
            Variant(5, "KCMP_IO"), Variant(6, "KCMP_SYSVSEM"),
            Variant(7, "KCMP_EPOLL_TFD", [
                3: Parameter("idx1", .descriptor(.ofProcess(argument: 0))),
                4: Parameter("idx2", .input(.structure(ProcessLayouts.kcmpEpollSlot))),
            ]),
        ])),
        SyscallDescription(314, "sched_setattr", [
            // Its size field gets sizeof(struct sched_attr) back on E2BIG.
            Parameter("pid", pidArgument), Parameter("uattr", .pointer(PointerType(.input, .structure(ProcessLayouts.schedAttr), written: .onE2BIG))),
            Parameter("flags", .int(.uint)),  // strace: %u
        ]),
        // The kernel writes min(usize, sizeof(struct sched_attr) = 56) bytes.
        SyscallDescription(315, "sched_getattr", [
            Parameter("pid", pidArgument), Parameter("uattr", .output(.bytes(.min(.argument(2), .fixed(56))))),
            Parameter("usize", .int(.uint)), Parameter("flags", .int(.uint)),  // strace: %u
        ]),
        SyscallDescription(322, "execveat", [
            Parameter("fd", .dirfd), Parameter("filename", .path),
            Parameter("argv", .input(.nullTerminated(of: .string(limit: maxArgStringLength), limit: maxArgStrings), optional: true)),
            Parameter("envp", .input(.nullTerminated(of: .string(limit: maxArgStringLength), limit: maxArgStrings), optional: true)),
            Parameter("flags", .int(.int, .flags(FlagTables.at))),
        ], result: .noReturn, classes: [.desc, .file, .process]),
        // dunetrace emulates rseq: the area is the address space's business.
        SyscallDescription(334, "rseq", [
            Parameter("rseq", .address), Parameter("rseq_len", .int(.u32)), Parameter("flags", .int(.int, .hex)),
            Parameter("sig", .int(.u32, .hex)),
        ]),
        SyscallDescription(434, "pidfd_open", [Parameter("pid", pidArgument), Parameter("flags", .int(.uint, .flags(FlagTables.pidfdFlags)))],
                           result: .descriptor, classes: [.desc]),
        SyscallDescription(435, "clone3", [
            Parameter("uargs", .input(.structure(ProcessLayouts.cloneArgs))), Parameter("size", .int(.size_t)),
        ], classes: [.process]),
        // targetfd is a descriptor of the process behind pidfd, not of the caller.
        SyscallDescription(438, "pidfd_getfd", [
            Parameter("pidfd", .fd), Parameter("fd", .descriptor(.duplicatedByResult)), Parameter("flags", .int(.uint, .hex)),
        ], result: .descriptor, classes: [.desc]),
        SyscallDescription(449, "futex_waitv", [
            Parameter("waiters", .input(.array(of: .structure(ProcessLayouts.futexWaitv), count: .argument(1)))),
            Parameter("nr_futexes", .int(.uint)), Parameter("flags", .int(.uint, .hex)),
            Parameter("timeout", .input(.structure(timespec), optional: true)),
            Parameter("clockid", .int(.clockid_t, .enumeration(FlagTables.clockId))),
        ]),
    ]

    /// MAX_ARG_STRLEN: the longest argv or envp string execve accepts (E2BIG beyond).
    static let maxArgStringLength = 131_072
    /// MAX_ARG_STRINGS: the most argv or envp pointers execve counts.
    static let maxArgStrings = 0x7fff_ffff

    /// futex operations, op & FUTEX_CMD_MASK (FUTEX_PRIVATE_FLAG 128 and FUTEX_CLOCK_REALTIME 256
    /// are flags; any other bit makes an unknown command, ENOSYS). uaddr and uaddr2 are checked
    /// even where the kernel only keys on the address (wake, requeue): a futex in dunetrace's
    /// own memory must not be reachable.
    private static let futexOperations: Multiplexer = {
        let word = ValueType.input(.scalar(.u32, .decimal))
        let updated = ValueType.both(.scalar(.u32, .decimal))
        let timeout = Parameter("timeout", .input(.structure(timespec), optional: true))
        let val2 = Parameter("val2", .int(.u32))
        return Multiplexer(selector: 1, mask: 0xffff_fe7f, unknown: ENOSYS, [
            Variant(0, "FUTEX_WAIT", [3: timeout]),
            Variant(1, "FUTEX_WAKE"),
            Variant(3, "FUTEX_REQUEUE", [3: val2, 4: Parameter("uaddr2", word)]),
            Variant(4, "FUTEX_CMP_REQUEUE", [3: val2, 4: Parameter("uaddr2", word), 5: Parameter("val3", .int(.u32))]),
            // The kernel applies the operation encoded in val3 to *uaddr2.
            Variant(5, "FUTEX_WAKE_OP", [3: val2, 4: Parameter("uaddr2", updated), 5: Parameter("val3", .int(.u32, .hex))]),
            Variant(6, "FUTEX_LOCK_PI", [0: Parameter("uaddr", updated), 2: Parameter("val", .unused), 3: timeout]),
            Variant(7, "FUTEX_UNLOCK_PI", [0: Parameter("uaddr", updated), 2: Parameter("val", .unused)]),
            Variant(8, "FUTEX_TRYLOCK_PI", [0: Parameter("uaddr", updated), 2: Parameter("val", .unused)]),
            Variant(9, "FUTEX_WAIT_BITSET", [3: timeout, 5: Parameter("val3", .int(.u32, .hex))]),
            Variant(10, "FUTEX_WAKE_BITSET", [5: Parameter("val3", .int(.u32, .hex))]),
            Variant(11, "FUTEX_WAIT_REQUEUE_PI", [3: timeout, 4: Parameter("uaddr2", updated)]),
            Variant(12, "FUTEX_CMP_REQUEUE_PI", [3: val2, 4: Parameter("uaddr2", updated), 5: Parameter("val3", .int(.u32))]),
            Variant(13, "FUTEX_LOCK_PI2", [0: Parameter("uaddr", updated), 2: Parameter("val", .unused), 3: timeout]),
        ])
    }()

    /// arch_prctl options of x86-64 (do_arch_prctl_common, do_arch_prctl_64); others EINVAL.
    private static let archPrctlOptions: Multiplexer = {
        let number = { (name: String) in Parameter(name, .int(.ulong)) }
        let written = { (name: String) in Parameter(name, .output(.scalar(.ulong, .hex))) }
        return Multiplexer(selector: 0, mask: 0xffff_ffff, unknown: EINVAL, [
            Variant(0x1001, "ARCH_SET_GS", [1: Parameter("addr", .address)]),
            Variant(0x1002, "ARCH_SET_FS", [1: Parameter("addr", .address)]),
            Variant(0x1003, "ARCH_GET_FS", [1: written("addr")]),
            Variant(0x1004, "ARCH_GET_GS", [1: written("addr")]),
            Variant(0x1011, "ARCH_GET_CPUID"),
            Variant(0x1012, "ARCH_SET_CPUID", [1: number("enable")]),
            Variant(0x1021, "ARCH_GET_XCOMP_SUPP", [1: written("features")]),
            Variant(0x1022, "ARCH_GET_XCOMP_PERM", [1: written("features")]),
            Variant(0x1023, "ARCH_REQ_XCOMP_PERM", [1: number("feature")]),
            Variant(0x1024, "ARCH_GET_XCOMP_GUEST_PERM", [1: written("features")]),
            Variant(0x1025, "ARCH_REQ_XCOMP_GUEST_PERM", [1: number("feature")]),
            Variant(0x2001, "ARCH_MAP_VDSO_X32", [1: Parameter("addr", .address)]),
            Variant(0x2002, "ARCH_MAP_VDSO_32", [1: Parameter("addr", .address)]),
            Variant(0x2003, "ARCH_MAP_VDSO_64", [1: Parameter("addr", .address)]),
            Variant(0x4001, "ARCH_GET_UNTAG_MASK", [1: written("mask")]),
            Variant(0x4002, "ARCH_ENABLE_TAGGED_ADDR", [1: number("nr_bits")]),
            Variant(0x4003, "ARCH_GET_MAX_TAG_BITS", [1: written("bits")]),
            Variant(0x4004, "ARCH_FORCE_TAGGED_SVA"),
            Variant(0x5001, "ARCH_SHSTK_ENABLE", [1: number("features")]),
            Variant(0x5002, "ARCH_SHSTK_DISABLE", [1: number("features")]),
            Variant(0x5003, "ARCH_SHSTK_LOCK", [1: number("features")]),
            Variant(0x5004, "ARCH_SHSTK_UNLOCK", [1: number("features")]),
            Variant(0x5005, "ARCH_SHSTK_STATUS", [1: written("features")]),
        ])
    }()

    /// prctl options the x86-64 kernel implements (kernel/sys.c and the LSM hooks: commoncap,
    /// Yama). Options of other architectures (unaligned access, FP emulation, endianness,
    /// SVE/SME, pointer authentication, tagged addresses, MPX, RISC-V, PowerPC) are EINVAL on
    /// x86-64 and left out, as is PR_SET_MM, whose argument 3 changes meaning with argument 2.
    private static let prctlOptions: Multiplexer = {
        let value = { (i: Int, name: String) in (i, Parameter(name, .int(.ulong))) }
        /// Arguments the kernel requires to be zero (EINVAL otherwise): read, so printed.
        let zero = { (i: Int) in (i, Parameter("arg\(i + 1)", .int(.ulong))) }
        let outInt = { (name: String) in Parameter(name, .output(.scalar(.int, .decimal))) }
        func v(_ n: UInt64, _ name: String, _ args: [(Int, Parameter)] = []) -> Variant {
            Variant(n, name, Dictionary(args, uniquingKeysWith: { a, _ in a }))
        }
        // UNALIGN, FPEMU, FPEXC, ENDIAN, FP_MODE, SVE, PAC, TAGGED_ADDR, SME: other architectures';
        // MPX: removed in 5.4.
        let absent: Set<UInt64> = [5, 6, 9, 10, 11, 12, 19, 20, 43, 44, 45, 46, 50, 51, 54, 55, 56, 60, 61, 63, 64]
        return Multiplexer(selector: 0, mask: 0xffff_ffff, unknown: EINVAL, absentOnX86: absent, [
            v(1, "PR_SET_PDEATHSIG", [(1, Parameter("signal", .int(.ulong, .signal)))]),
            v(2, "PR_GET_PDEATHSIG", [(1, outInt("signal"))]),
            v(3, "PR_GET_DUMPABLE"),
            v(4, "PR_SET_DUMPABLE", [(1, Parameter("value", .int(.ulong, .enumeration(FlagTables.dumpable))))]),
            v(7, "PR_GET_KEEPCAPS"),
            v(8, "PR_SET_KEEPCAPS", [value(1, "value")]),
            v(13, "PR_GET_TIMING"),
            v(14, "PR_SET_TIMING", [value(1, "value")]),
            // strncpy_from_user of TASK_COMM_LEN - 1 bytes: a longer name is cut, not refused.
            v(15, "PR_SET_NAME", [(1, Parameter("name", .input(.string(limit: 15))))]),
            v(16, "PR_GET_NAME", [(1, Parameter("name", .output(.bytes(.fixed(16)))))]),
            v(21, "PR_GET_SECCOMP"),
            // arg3 is read only in SECCOMP_MODE_FILTER (an ignored pointer in strict mode).
            v(22, "PR_SET_SECCOMP", [
                (1, Parameter("mode", .int(.ulong, .enumeration(FlagTables.seccompMode)))),
                (2, Parameter("filter", .input(.structure(ProcessLayouts.sockFprog), optional: true))),
            ]),
            v(23, "PR_CAPBSET_READ", [(1, Parameter("cap", .int(.ulong, .enumeration(FlagTables.capabilities))))]),
            v(24, "PR_CAPBSET_DROP", [(1, Parameter("cap", .int(.ulong, .enumeration(FlagTables.capabilities))))]),
            v(25, "PR_GET_TSC", [(1, outInt("mode"))]),
            v(26, "PR_SET_TSC", [value(1, "mode")]),
            v(27, "PR_GET_SECUREBITS"),
            v(28, "PR_SET_SECUREBITS", [(1, Parameter("bits", .int(.ulong, .hex)))]),
            v(29, "PR_SET_TIMERSLACK", [value(1, "slack")]),
            v(30, "PR_GET_TIMERSLACK"),
            v(31, "PR_TASK_PERF_EVENTS_DISABLE"),
            v(32, "PR_TASK_PERF_EVENTS_ENABLE"),
            v(33, "PR_MCE_KILL", [value(1, "option"), value(2, "policy"), zero(3), zero(4)]),
            v(34, "PR_MCE_KILL_GET", [zero(1), zero(2), zero(3), zero(4)]),
            v(36, "PR_SET_CHILD_SUBREAPER", [value(1, "value")]),
            v(37, "PR_GET_CHILD_SUBREAPER", [(1, outInt("value"))]),
            v(38, "PR_SET_NO_NEW_PRIVS", [value(1, "value"), zero(2), zero(3), zero(4)]),
            v(39, "PR_GET_NO_NEW_PRIVS", [zero(1), zero(2), zero(3), zero(4)]),
            // Writes the clear_child_tid pointer (8 bytes).
            v(40, "PR_GET_TID_ADDRESS", [(1, Parameter("addr", .output(.scalar(.ulong, .hex))))]),
            v(41, "PR_SET_THP_DISABLE", [value(1, "value"), zero(2), zero(3), zero(4)]),
            v(42, "PR_GET_THP_DISABLE", [zero(1), zero(2), zero(3), zero(4)]),
            v(47, "PR_CAP_AMBIENT", [value(1, "op"), (2, Parameter("cap", .int(.ulong, .enumeration(FlagTables.capabilities)))),
                                     zero(3), zero(4)]),
            v(52, "PR_GET_SPECULATION_CTRL", [value(1, "which"), zero(2), zero(3), zero(4)]),
            v(53, "PR_SET_SPECULATION_CTRL", [value(1, "which"), (2, Parameter("ctrl", .int(.ulong, .hex))), zero(3), zero(4)]),
            v(57, "PR_SET_IO_FLUSHER", [value(1, "value"), zero(2), zero(3), zero(4)]),
            v(58, "PR_GET_IO_FLUSHER", [zero(1), zero(2), zero(3), zero(4)]),
            // The selector byte is read at later system calls; checked to lie in target memory.
            v(59, "PR_SET_SYSCALL_USER_DISPATCH", [
                value(1, "mode"), (2, Parameter("offset", .int(.ulong, .hex))), value(3, "len"),
                (4, Parameter("selector", .input(.scalar(.u8, .decimal), optional: true))),
            ]),
            // PR_SCHED_CORE_GET writes the cookie (u64) to arg5; other commands require it 0.
            v(62, "PR_SCHED_CORE", [
                value(1, "cmd"), (2, Parameter("pid", .int(.pid_t))), value(3, "type"),
                (4, Parameter("cookie", .output(.scalar(.u64, .hex), optional: true))),
            ]),
            v(65, "PR_SET_MDWE", [(1, Parameter("bits", .int(.ulong, .hex))), zero(2), zero(3), zero(4)]),
            v(66, "PR_GET_MDWE", [zero(1), zero(2), zero(3), zero(4)]),
            v(67, "PR_SET_MEMORY_MERGE", [value(1, "value"), zero(2), zero(3), zero(4)]),
            v(68, "PR_GET_MEMORY_MERGE", [zero(1), zero(2), zero(3), zero(4)]),
            v(77, "PR_TIMER_CREATE_RESTORE_IDS", [value(1, "value"), zero(2), zero(3), zero(4)]),
            v(78, "PR_FUTEX_HASH", [value(1, "op"), value(2, "slots"), (3, Parameter("flags", .int(.ulong, .hex))), zero(4)]),
            // Writes min(len, the auxiliary vector's size) bytes and returns that size.
            v(0x4155_5856, "PR_GET_AUXV", [
                (1, Parameter("buf", .output(.bytes(.min(.argument(2), .result)), optional: true))),
                value(2, "len"), zero(3), zero(4),
            ]),
            // Yama: a pid, 0, or PR_SET_PTRACER_ANY (-1).
            v(0x5961_6d61, "PR_SET_PTRACER", [(1, Parameter("pid", .int(.long)))]),
            // PR_SET_VMA_ANON_NAME: a range (not read through) and a name of at most 80 bytes, or NULL.
            v(0x5356_4d41, "PR_SET_VMA", [
                value(1, "attr"), (2, Parameter("addr", .address)), value(3, "size"),
                (4, Parameter("name", .input(.string(limit: 80), optional: true))),
            ]),
        ])
    }()

    /// ptrace requests of x86-64 (kernel/ptrace.c ptrace_request and arch_ptrace); others EIO.
    /// Left out: PTRACE_PEEKSIGINFO (the output's length is a field of the input structure),
    /// PTRACE_SECCOMP_GET_FILTER (its length is the result), PTRACE_ARCH_PRCTL (addr is a
    /// pointer or a value by option).
    private static let ptraceRequests: Multiplexer = {
        let addr = { (name: String) in Parameter(name, .int(.ulong, .hex)) }
        let data = { (name: String) in Parameter(name, .int(.ulong, .hex)) }
        let signal = Parameter("sig", .int(.ulong, .signal))
        let noAddr = Parameter("addr", .unused), noData = Parameter("data", .unused)
        let peek = [2: Parameter("addr", .address), 3: Parameter("data", .output(.scalar(.ulong, .hex)))]
        let poke = [2: Parameter("addr", .address), 3: data("data")]
        let resume = [2: noAddr, 3: signal]
        let size = Parameter("size", .int(.ulong))
        return Multiplexer(selector: 0, unknown: EIO, [
            Variant(0, "PTRACE_TRACEME", [1: Parameter("pid", .unused), 2: noAddr, 3: noData]),
            Variant(1, "PTRACE_PEEKTEXT", peek), Variant(2, "PTRACE_PEEKDATA", peek), Variant(3, "PTRACE_PEEKUSER", peek),
            Variant(4, "PTRACE_POKETEXT", poke), Variant(5, "PTRACE_POKEDATA", poke), Variant(6, "PTRACE_POKEUSER", poke),
            Variant(7, "PTRACE_CONT", resume), Variant(8, "PTRACE_KILL", [2: noAddr, 3: noData]),
            Variant(9, "PTRACE_SINGLESTEP", resume),
            Variant(12, "PTRACE_GETREGS", [2: noAddr, 3: Parameter("regs", .output(.structure(ProcessLayouts.userRegs)))]),
            Variant(13, "PTRACE_SETREGS", [2: noAddr, 3: Parameter("regs", .input(.structure(ProcessLayouts.userRegs)))]),
            Variant(14, "PTRACE_GETFPREGS", [2: noAddr, 3: Parameter("fpregs", .output(.structure(ProcessLayouts.userFpregs)))]),
            Variant(15, "PTRACE_SETFPREGS", [2: noAddr, 3: Parameter("fpregs", .input(.structure(ProcessLayouts.userFpregs)))]),
            Variant(16, "PTRACE_ATTACH", [2: noAddr, 3: noData]),
            Variant(17, "PTRACE_DETACH", resume),
            Variant(21, "PTRACE_OLDSETOPTIONS", [2: noAddr, 3: data("options")]),
            Variant(24, "PTRACE_SYSCALL", resume),
            Variant(25, "PTRACE_GET_THREAD_AREA", [2: addr("index"), 3: Parameter("desc", .output(.structure(MiscLayouts.userDesc)))]),
            Variant(26, "PTRACE_SET_THREAD_AREA", [2: addr("index"), 3: Parameter("desc", .input(.structure(MiscLayouts.userDesc)))]),
            Variant(31, "PTRACE_SYSEMU", resume), Variant(32, "PTRACE_SYSEMU_SINGLESTEP", resume),
            Variant(33, "PTRACE_SINGLEBLOCK", resume),
            Variant(0x4200, "PTRACE_SETOPTIONS", [2: noAddr, 3: data("options")]),
            Variant(0x4201, "PTRACE_GETEVENTMSG", [2: noAddr, 3: Parameter("msg", .output(.scalar(.ulong, .decimal)))]),
            Variant(0x4202, "PTRACE_GETSIGINFO", [2: noAddr, 3: Parameter("info", .output(.structure(SignalLayouts.siginfo)))]),
            Variant(0x4203, "PTRACE_SETSIGINFO", [2: noAddr, 3: Parameter("info", .input(.structure(SignalLayouts.siginfo)))]),
            // The kernel reads the iovec, fills iov_base and writes back iov_len.
            Variant(0x4204, "PTRACE_GETREGSET", [2: addr("type"), 3: Parameter("iov", .both(.structure(iovecOut)))]),
            Variant(0x4205, "PTRACE_SETREGSET", [2: addr("type"), 3: Parameter("iov", .input(.structure(iovecIn)))]),
            Variant(0x4206, "PTRACE_SEIZE", [2: addr("addr"), 3: data("options")]),
            Variant(0x4207, "PTRACE_INTERRUPT", [2: noAddr, 3: noData]),
            Variant(0x4208, "PTRACE_LISTEN", [2: noAddr, 3: noData]),
            Variant(0x420a, "PTRACE_GETSIGMASK", [2: size, 3: Parameter("mask", .output(.bytes(.argument(2))))]),
            Variant(0x420b, "PTRACE_SETSIGMASK", [2: size, 3: Parameter("mask", .input(.bytes(.argument(2))))]),
            // struct seccomp_metadata (16 bytes): filter_off is read, flags written.
            Variant(0x420d, "PTRACE_SECCOMP_GET_METADATA", [2: size, 3: Parameter("meta", .both(.bytes(.min(.argument(2), .fixed(16)))))]),
            // Writes min(size, the record's size) bytes and returns the record's size.
            Variant(0x420e, "PTRACE_GET_SYSCALL_INFO", [2: size, 3: Parameter("info", .output(.bytes(.min(.argument(2), .result))))]),
            // struct ptrace_rseq_configuration: 24 bytes.
            Variant(0x420f, "PTRACE_GET_RSEQ_CONFIGURATION", [2: size, 3: Parameter("conf", .output(.bytes(.min(.argument(2), .fixed(24)))))]),
            // struct ptrace_sud_config (32 bytes); its selector is an address in the tracee.
            Variant(0x4210, "PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG", [2: size, 3: Parameter("config", .input(.bytes(.argument(2))))]),
            Variant(0x4211, "PTRACE_GET_SYSCALL_USER_DISPATCH_CONFIG", [2: size, 3: Parameter("config", .output(.bytes(.argument(2))))]),
            Variant(0x4212, "PTRACE_SET_SYSCALL_INFO", [2: size, 3: Parameter("info", .input(.bytes(.argument(2))))]),
        ])
    }()
}
