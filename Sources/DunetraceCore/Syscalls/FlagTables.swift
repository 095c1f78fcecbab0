// Flag and enumeration names of x86-64 Linux, as data, in the order strace prints them
// (strace's order is not always numeric: SA_RESTORER comes before SA_SIGINFO).

public enum FlagTables {
    /// strace-style `A|B|0x...` for `value`; see `NameTable.formatFlags`.
    public static func formatFlags(_ value: UInt64, table: NameTable, zero: String? = nil) -> String {
        table.formatFlags(value, zero: zero)
    }

    /// AT_FDCWD as the kernel sees it (an int).
    public static let atFdcwd: Int32 = -100

    // MARK: files

    private static let openModeFlags: [(UInt64, String)] = [
        (0o100, "O_CREAT"), (0o200, "O_EXCL"), (0o400, "O_NOCTTY"), (0o1000, "O_TRUNC"),
        (0o2000, "O_APPEND"), (0o4000, "O_NONBLOCK"), (0o4010000, "O_SYNC"), (0o4000000, "__O_SYNC"),
        (0o10000, "O_DSYNC"), (0o40000, "O_DIRECT"), (0o100000, "O_LARGEFILE"),
        (0o400000, "O_NOFOLLOW"), (0o1000000, "O_NOATIME"), (0o2000000, "O_CLOEXEC"),
        (0o10000000, "O_PATH"), (0o20200000, "O_TMPFILE"), (0o20000000, "__O_TMPFILE"),
        (0o200000, "O_DIRECTORY"), (0o20000, "FASYNC"),
    ]

    /// open/openat flags: the access mode, then the other O_* bits.
    public static let open = NameTable(unknown: "O_???", field: 3, fieldValues: [
        (0, "O_RDONLY"), (1, "O_WRONLY"), (2, "O_RDWR"), (3, "O_ACCMODE"),
    ], openModeFlags)

    /// O_* bits without an access mode (pipe2, dup3).
    public static let openBits = NameTable(unknown: "O_???", openModeFlags)

    private static let atBits: [(UInt64, String)] = [
        (0x100, "AT_SYMLINK_NOFOLLOW"), (0x200, "AT_REMOVEDIR"), (0x400, "AT_SYMLINK_FOLLOW"),
        (0x800, "AT_NO_AUTOMOUNT"), (0x1000, "AT_EMPTY_PATH"), (0x8000, "AT_RECURSIVE"),
    ]
    public static let at = NameTable(unknown: "AT_???", atBits)

    /// statx's flags: the AT_STATX sync type, then AT_* bits.
    public static let statxAt = NameTable(unknown: "AT_???", field: 0x6000, fieldValues: [
        (0, "AT_STATX_SYNC_AS_STAT"), (0x2000, "AT_STATX_FORCE_SYNC"), (0x4000, "AT_STATX_DONT_SYNC"),
        // strace prints the field as flags (printflags): both bits are both names.
        (0x6000, "AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC"),
    ], fieldApart: true, atBits)

    /// faccessat2's flags (AT_EACCESS shares AT_REMOVEDIR's value).
    public static let faccessat = NameTable(unknown: "AT_???", [
        (0x100, "AT_SYMLINK_NOFOLLOW"), (0x200, "AT_EACCESS"), (0x1000, "AT_EMPTY_PATH"),
    ])

    public static let accessMode = NameTable(zero: "F_OK", unknown: "?_OK", [
        (4, "R_OK"), (2, "W_OK"), (1, "X_OK"),
    ])

    public static let seekWhence = NameTable(unknown: "SEEK_???", [
        (0, "SEEK_SET"), (1, "SEEK_CUR"), (2, "SEEK_END"), (3, "SEEK_DATA"), (4, "SEEK_HOLE"),
    ])

    /// st_mode's file type (S_IFMT bits).
    public static let fileType = NameTable(unknown: "S_IF???", [
        (0o100000, "S_IFREG"), (0o140000, "S_IFSOCK"), (0o10000, "S_IFIFO"), (0o120000, "S_IFLNK"),
        (0o40000, "S_IFDIR"), (0o60000, "S_IFBLK"), (0o20000, "S_IFCHR"),
    ])

    public static let fcntlCommand = NameTable(unknown: "F_???", [
        (0, "F_DUPFD"), (1, "F_GETFD"), (2, "F_SETFD"), (3, "F_GETFL"), (4, "F_SETFL"),
        (5, "F_GETLK"), (6, "F_SETLK"), (7, "F_SETLKW"), (8, "F_SETOWN"), (9, "F_GETOWN"),
        (10, "F_SETSIG"), (11, "F_GETSIG"), (15, "F_SETOWN_EX"), (16, "F_GETOWN_EX"),
        (17, "F_GETOWNER_UIDS"), (36, "F_OFD_GETLK"), (37, "F_OFD_SETLK"), (38, "F_OFD_SETLKW"),
        (1024, "F_SETLEASE"), (1025, "F_GETLEASE"), (1026, "F_NOTIFY"), (1029, "F_CANCELLK"),
        (1030, "F_DUPFD_CLOEXEC"), (1031, "F_SETPIPE_SZ"), (1032, "F_GETPIPE_SZ"),
        (1033, "F_ADD_SEALS"), (1034, "F_GET_SEALS"),
    ])

    public static let fdFlags = NameTable(unknown: "FD_???", [(1, "FD_CLOEXEC")])

    public static let lockType = NameTable(unknown: "F_???", [
        (0, "F_RDLCK"), (1, "F_WRLCK"), (2, "F_UNLCK"),
    ])

    public static let sealFlags = NameTable(unknown: "F_SEAL_???", [
        (1, "F_SEAL_SEAL"), (2, "F_SEAL_SHRINK"), (4, "F_SEAL_GROW"), (8, "F_SEAL_WRITE"),
        (0x10, "F_SEAL_FUTURE_WRITE"), (0x20, "F_SEAL_EXEC"),
    ])

    public static let flock = NameTable(unknown: "LOCK_???", [
        (1, "LOCK_SH"), (2, "LOCK_EX"), (4, "LOCK_NB"), (8, "LOCK_UN"), (32, "LOCK_MAND"), (64, "LOCK_READ"),
        (128, "LOCK_WRITE"),
    ])

    public static let xattrFlags = NameTable(unknown: "XATTR_???", [(1, "XATTR_CREATE"), (2, "XATTR_REPLACE")])

    public static let renameFlags = NameTable(unknown: "RENAME_???", [
        (1, "RENAME_NOREPLACE"), (2, "RENAME_EXCHANGE"), (4, "RENAME_WHITEOUT"),
    ])

    public static let fadvise = NameTable(unknown: "POSIX_FADV_???", [
        (0, "POSIX_FADV_NORMAL"), (1, "POSIX_FADV_RANDOM"), (2, "POSIX_FADV_SEQUENTIAL"),
        (3, "POSIX_FADV_WILLNEED"), (4, "POSIX_FADV_DONTNEED"), (5, "POSIX_FADV_NOREUSE"),
    ])

    public static let spliceFlags = NameTable(unknown: "SPLICE_F_???", [
        (1, "SPLICE_F_MOVE"), (2, "SPLICE_F_NONBLOCK"), (4, "SPLICE_F_MORE"), (8, "SPLICE_F_GIFT"),
    ])

    /// preadv2/pwritev2 flags.
    public static let rwfFlags = NameTable(unknown: "RWF_???", [
        (0x01, "RWF_HIPRI"), (0x02, "RWF_DSYNC"), (0x04, "RWF_SYNC"), (0x08, "RWF_NOWAIT"), (0x10, "RWF_APPEND"),
    ])

    public static let closeRangeFlags = NameTable(unknown: "CLOSE_RANGE_???", [
        (2, "CLOSE_RANGE_UNSHARE"), (4, "CLOSE_RANGE_CLOEXEC"),
    ])

    /// The flags strace 6.1 names (MFD_NOEXEC_SEAL and MFD_EXEC came later: numbers there).
    public static let memfdFlags = NameTable(unknown: "MFD_???", [
        (1, "MFD_CLOEXEC"), (2, "MFD_ALLOW_SEALING"), (4, "MFD_HUGETLB"),
    ])

    public static let eventfdFlags = NameTable(unknown: "EFD_???", [
        (1, "EFD_SEMAPHORE"), (0o2000000, "EFD_CLOEXEC"), (0o4000, "EFD_NONBLOCK"),
    ])

    public static let signalfdFlags = NameTable(unknown: "SFD_???", [(0o2000000, "SFD_CLOEXEC"), (0o4000, "SFD_NONBLOCK")])

    public static let umountFlags = NameTable(unknown: "MNT_???", [
        (1, "MNT_FORCE"), (2, "MNT_DETACH"), (4, "MNT_EXPIRE"), (8, "UMOUNT_NOFOLLOW"),
    ])

    public static let inotifyMask = NameTable(unknown: "IN_???", [
        (0x1, "IN_ACCESS"), (0x2, "IN_MODIFY"), (0x4, "IN_ATTRIB"), (0x8, "IN_CLOSE_WRITE"), (0x10, "IN_CLOSE_NOWRITE"),
        (0x20, "IN_OPEN"), (0x40, "IN_MOVED_FROM"), (0x80, "IN_MOVED_TO"), (0x100, "IN_CREATE"), (0x200, "IN_DELETE"),
        (0x400, "IN_DELETE_SELF"), (0x800, "IN_MOVE_SELF"), (0x2000, "IN_UNMOUNT"), (0x4000, "IN_Q_OVERFLOW"),
        (0x8000, "IN_IGNORED"), (0x1000000, "IN_ONLYDIR"), (0x2000000, "IN_DONT_FOLLOW"), (0x4000000, "IN_EXCL_UNLINK"),
        (0x10000000, "IN_MASK_CREATE"), (0x20000000, "IN_MASK_ADD"), (0x40000000, "IN_ISDIR"), (0x80000000, "IN_ONESHOT"),
    ])

    public static let epollEvents = NameTable(unknown: "EPOLL???", [
        (0x1, "EPOLLIN"), (0x2, "EPOLLPRI"), (0x4, "EPOLLOUT"), (0x8, "EPOLLERR"), (0x10, "EPOLLHUP"),
        (0x20, "EPOLLNVAL"), (0x40, "EPOLLRDNORM"), (0x80, "EPOLLRDBAND"), (0x100, "EPOLLWRNORM"),
        (0x200, "EPOLLWRBAND"), (0x400, "EPOLLMSG"), (0x2000, "EPOLLRDHUP"), (1 << 28, "EPOLLEXCLUSIVE"),
        (1 << 29, "EPOLLWAKEUP"), (1 << 30, "EPOLLONESHOT"), (1 << 31, "EPOLLET"),
    ])

    /// openat2's struct open_how resolve flags.
    public static let resolveFlags = NameTable(unknown: "RESOLVE_???", [
        (0x1, "RESOLVE_NO_XDEV"), (0x2, "RESOLVE_NO_MAGICLINKS"), (0x4, "RESOLVE_NO_SYMLINKS"),
        (0x8, "RESOLVE_BENEATH"), (0x10, "RESOLVE_IN_ROOT"), (0x20, "RESOLVE_CACHED"),
    ])

    /// struct timex's modes (the two-bit ADJ_OFFSET_* first, so they win over their parts).
    public static let adjtimexModes = NameTable(unknown: "ADJ_???", [
        (0xa001, "ADJ_OFFSET_SS_READ"), (0x8001, "ADJ_OFFSET_SINGLESHOT"), (0x1, "ADJ_OFFSET"), (0x2, "ADJ_FREQUENCY"),
        (0x4, "ADJ_MAXERROR"), (0x8, "ADJ_ESTERROR"), (0x10, "ADJ_STATUS"), (0x20, "ADJ_TIMECONST"), (0x80, "ADJ_TAI"),
        (0x100, "ADJ_SETOFFSET"), (0x1000, "ADJ_MICRO"), (0x2000, "ADJ_NANO"), (0x4000, "ADJ_TICK"),
    ])

    public static let adjtimexStatus = NameTable(unknown: "STA_???", [
        (0x1, "STA_PLL"), (0x2, "STA_PPSFREQ"), (0x4, "STA_PPSTIME"), (0x8, "STA_FLL"), (0x10, "STA_INS"),
        (0x20, "STA_DEL"), (0x40, "STA_UNSYNC"), (0x80, "STA_FREQHOLD"), (0x100, "STA_PPSSIGNAL"),
        (0x200, "STA_PPSJITTER"), (0x400, "STA_PPSWANDER"), (0x800, "STA_PPSERROR"), (0x1000, "STA_CLOCKERR"),
        (0x2000, "STA_NANO"), (0x4000, "STA_MODE"), (0x8000, "STA_CLK"),
    ])

    /// adjtimex's result: the clock state.
    public static let adjtimexState = NameTable(unknown: "TIME_???", [
        (0, "TIME_OK"), (1, "TIME_INS"), (2, "TIME_DEL"), (3, "TIME_OOP"), (4, "TIME_WAIT"), (5, "TIME_ERROR"),
    ])

    public static let syslogAction = NameTable(unknown: "SYSLOG_ACTION_???", [
        (0, "SYSLOG_ACTION_CLOSE"), (1, "SYSLOG_ACTION_OPEN"), (2, "SYSLOG_ACTION_READ"), (3, "SYSLOG_ACTION_READ_ALL"),
        (4, "SYSLOG_ACTION_READ_CLEAR"), (5, "SYSLOG_ACTION_CLEAR"), (6, "SYSLOG_ACTION_CONSOLE_OFF"),
        (7, "SYSLOG_ACTION_CONSOLE_ON"), (8, "SYSLOG_ACTION_CONSOLE_LEVEL"), (9, "SYSLOG_ACTION_SIZE_UNREAD"),
        (10, "SYSLOG_ACTION_SIZE_BUFFER"),
    ])

    public static let epollCreateFlags = NameTable(unknown: "EPOLL_???", [(0o2000000, "EPOLL_CLOEXEC")])

    public static let epollCtl = NameTable(unknown: "EPOLL_CTL_???", [
        (1, "EPOLL_CTL_ADD"), (2, "EPOLL_CTL_DEL"), (3, "EPOLL_CTL_MOD"),
    ])

    public static let inotifyInitFlags = NameTable(unknown: "IN_???", [
        (0o4000, "IN_NONBLOCK"), (0o2000000, "IN_CLOEXEC"),
    ])

    public static let timerfdFlags = NameTable(unknown: "TFD_???", [
        (0o2000000, "TFD_CLOEXEC"), (0o4000, "TFD_NONBLOCK"),
    ])

    public static let statxMask = NameTable(unknown: "STATX_???", [
        (0xfff, "STATX_ALL"), (0x7ff, "STATX_BASIC_STATS"), (0x1, "STATX_TYPE"), (0x2, "STATX_MODE"),
        (0x4, "STATX_NLINK"), (0x8, "STATX_UID"), (0x10, "STATX_GID"), (0x20, "STATX_ATIME"),
        (0x40, "STATX_MTIME"), (0x80, "STATX_CTIME"), (0x100, "STATX_INO"), (0x200, "STATX_SIZE"),
        (0x400, "STATX_BLOCKS"), (0x800, "STATX_BTIME"), (0x1000, "STATX_MNT_ID"),
        (0x2000, "STATX_DIOALIGN"),  // strace 6.1 knows no later bit
    ])

    public static let statxAttributes = NameTable(unknown: "STATX_ATTR_???", [
        (0x4, "STATX_ATTR_COMPRESSED"), (0x10, "STATX_ATTR_IMMUTABLE"), (0x20, "STATX_ATTR_APPEND"),
        (0x40, "STATX_ATTR_NODUMP"), (0x800, "STATX_ATTR_ENCRYPTED"), (0x1000, "STATX_ATTR_AUTOMOUNT"),
        (0x2000, "STATX_ATTR_MOUNT_ROOT"), (0x100000, "STATX_ATTR_VERITY"), (0x200000, "STATX_ATTR_DAX"),
    ])

    public static let statfsFlags = NameTable(unknown: "ST_???", [
        (0x1, "ST_RDONLY"), (0x2, "ST_NOSUID"), (0x4, "ST_NODEV"), (0x8, "ST_NOEXEC"),
        (0x10, "ST_SYNCHRONOUS"), (0x20, "ST_VALID"), (0x40, "ST_MANDLOCK"), (0x400, "ST_NOATIME"),
        (0x800, "ST_NODIRATIME"), (0x1000, "ST_RELATIME"), (0x2000, "ST_NOSYMFOLLOW"),
    ])

    /// statfs f_type values of common file systems.
    public static let filesystemMagic = NameTable(unknown: "???_MAGIC", [
        (0xef53, "EXT2_SUPER_MAGIC"), (0x01021994, "TMPFS_MAGIC"), (0x9fa0, "PROC_SUPER_MAGIC"),
        (0x62656572, "SYSFS_MAGIC"), (0x794c7630, "OVERLAYFS_SUPER_MAGIC"),
        (0x9123683e, "BTRFS_SUPER_MAGIC"), (0x58465342, "XFS_SUPER_MAGIC"),
        (0x1cd1, "DEVPTS_SUPER_MAGIC"), (0x63677270, "CGROUP2_SUPER_MAGIC"),
        (0x27e0eb, "CGROUP_SUPER_MAGIC"), (0x6969, "NFS_SUPER_MAGIC"), (0x73717368, "SQUASHFS_MAGIC"),
        (0x858458f6, "RAMFS_MAGIC"), (0x4d44, "MSDOS_SUPER_MAGIC"), (0x2011bab0, "EXFAT_SUPER_MAGIC"),
        (0x65735546, "FUSE_SUPER_MAGIC"), (0x01161970, "GFS2_MAGIC"), (0xf2f52010, "F2FS_SUPER_MAGIC"),
        (0x2fc12fc1, "ZFS_SUPER_MAGIC"), (0x9660, "ISOFS_SUPER_MAGIC"), (0x64626720, "DEBUGFS_MAGIC"),
        (0x74726163, "TRACEFS_MAGIC"), (0x73636673, "SECURITYFS_MAGIC"), (0xcafe4a11, "BPF_FS_MAGIC"),
        (0x42494e4d, "BINFMTFS_MAGIC"), (0x19800202, "MQUEUE_MAGIC"), (0x958458f6, "HUGETLBFS_MAGIC"),
        (0x1373, "DEVFS_SUPER_MAGIC"), (0x6e736673, "NSFS_MAGIC"), (0x50495045, "PIPEFS_MAGIC"),
        (0x534f434b, "SOCKFS_MAGIC"), (0x09041934, "ANON_INODE_FS_MAGIC"), (0xde5e81e4, "EFIVARFS_MAGIC"),
        (0x5346414f, "AFS_FS_MAGIC"), (0xff534d42, "CIFS_SUPER_MAGIC"), (0x01021997, "V9FS_MAGIC"),
    ])

    // MARK: memory

    public static let prot = NameTable(zero: "PROT_NONE", unknown: "PROT_???", [
        (0x1, "PROT_READ"), (0x2, "PROT_WRITE"), (0x4, "PROT_EXEC"), (0x8, "PROT_SEM"),
        (0x01000000, "PROT_GROWSDOWN"), (0x02000000, "PROT_GROWSUP"),
    ])

    /// mmap flags: the mapping type, then MAP_* bits. The MAP_HUGE_* size field (bits 26-31)
    /// is printed apart as `N<<MAP_HUGE_SHIFT`.
    public static let mmap = NameTable(unknown: "MAP_???", field: 0xf, fieldValues: [
        (0, "MAP_FILE"), (1, "MAP_SHARED"), (2, "MAP_PRIVATE"), (3, "MAP_SHARED_VALIDATE"),
    ], [
        (0x10, "MAP_FIXED"), (0x20, "MAP_ANONYMOUS"), (0x40, "MAP_32BIT"), (0x4000, "MAP_NORESERVE"),
        (0x8000, "MAP_POPULATE"), (0x10000, "MAP_NONBLOCK"), (0x100, "MAP_GROWSDOWN"),
        (0x800, "MAP_DENYWRITE"), (0x1000, "MAP_EXECUTABLE"), (0x2000, "MAP_LOCKED"),
        (0x20000, "MAP_STACK"), (0x40000, "MAP_HUGETLB"), (0x80000, "MAP_SYNC"),
        (0x100000, "MAP_FIXED_NOREPLACE"),
    ])
    public static let mapHugeShift: UInt64 = 26
    public static let mapHugeMask: UInt64 = 0x3f

    public static let mremap = NameTable(unknown: "MREMAP_???", [
        (1, "MREMAP_MAYMOVE"), (2, "MREMAP_FIXED"), (4, "MREMAP_DONTUNMAP"),
    ])

    public static let msync = NameTable(unknown: "MS_???", [(4, "MS_SYNC"), (1, "MS_ASYNC"), (2, "MS_INVALIDATE")])

    public static let madvise = NameTable(unknown: "MADV_???", [
        (0, "MADV_NORMAL"), (1, "MADV_RANDOM"), (2, "MADV_SEQUENTIAL"), (3, "MADV_WILLNEED"),
        (4, "MADV_DONTNEED"), (8, "MADV_FREE"), (9, "MADV_REMOVE"), (10, "MADV_DONTFORK"),
        (11, "MADV_DOFORK"), (12, "MADV_MERGEABLE"), (13, "MADV_UNMERGEABLE"), (14, "MADV_HUGEPAGE"),
        (15, "MADV_NOHUGEPAGE"), (16, "MADV_DONTDUMP"), (17, "MADV_DODUMP"), (18, "MADV_WIPEONFORK"),
        (19, "MADV_KEEPONFORK"), (20, "MADV_COLD"), (21, "MADV_PAGEOUT"), (22, "MADV_POPULATE_READ"),
        (23, "MADV_POPULATE_WRITE"), (24, "MADV_DONTNEED_LOCKED"), (25, "MADV_COLLAPSE"),
        (100, "MADV_HWPOISON"), (101, "MADV_SOFT_OFFLINE"),
    ])

    public static let mlockallFlags = NameTable(unknown: "MCL_???", [
        (1, "MCL_CURRENT"), (2, "MCL_FUTURE"), (4, "MCL_ONFAULT"),
    ])

    // MARK: processes, signals, time

    /// Signal names 1...32; 33...64 print as SIGRT_n (n = signal - 32), as strace does.
    public static let signals = NameTable(unknown: "SIG???", [
        (1, "SIGHUP"), (2, "SIGINT"), (3, "SIGQUIT"), (4, "SIGILL"), (5, "SIGTRAP"), (6, "SIGABRT"),
        (7, "SIGBUS"), (8, "SIGFPE"), (9, "SIGKILL"), (10, "SIGUSR1"), (11, "SIGSEGV"), (12, "SIGUSR2"),
        (13, "SIGPIPE"), (14, "SIGALRM"), (15, "SIGTERM"), (16, "SIGSTKFLT"), (17, "SIGCHLD"),
        (18, "SIGCONT"), (19, "SIGSTOP"), (20, "SIGTSTP"), (21, "SIGTTIN"), (22, "SIGTTOU"),
        (23, "SIGURG"), (24, "SIGXCPU"), (25, "SIGXFSZ"), (26, "SIGVTALRM"), (27, "SIGPROF"),
        (28, "SIGWINCH"), (29, "SIGIO"), (30, "SIGPWR"), (31, "SIGSYS"), (32, "SIGRTMIN"),
    ])

    /// `SIGTERM`, `SIGRT_5`, or the number when it names no signal.
    public static func signalName(_ signal: Int) -> String {
        if signal > 0, let name = signals.name(of: UInt64(signal)) { return name }
        if signal > 32 && signal <= 64 { return "SIGRT_\(signal - 32)" }
        return String(signal)
    }

    /// The number `signalName` spells `name` with (`SIGTERM`, `SIGRT_5`), nil for none.
    public static func signalNumber<S: StringProtocol>(_ name: S) -> Int32? {
        (Int32(1)...64).first { signalName(Int($0)) == name }
    }

    public static let sigprocmaskHow = NameTable(unknown: "SIG_???", [
        (0, "SIG_BLOCK"), (1, "SIG_UNBLOCK"), (2, "SIG_SETMASK"),
    ])

    public static let sigactionFlags = NameTable(unknown: "SA_???", [
        (0x04000000, "SA_RESTORER"), (0x08000000, "SA_ONSTACK"), (0x10000000, "SA_RESTART"),
        (0x20000000, "SA_INTERRUPT"), (0x40000000, "SA_NODEFER"), (0x80000000, "SA_RESETHAND"),
        (0x4, "SA_SIGINFO"), (0x1, "SA_NOCLDSTOP"), (0x2, "SA_NOCLDWAIT"),
    ])

    public static let signalHandlers = NameTable(unknown: "SIG_???", [(0, "SIG_DFL"), (1, "SIG_IGN")])

    public static let sigaltstackFlags = NameTable(unknown: "SS_???", [
        (1, "SS_ONSTACK"), (2, "SS_DISABLE"), (0x80000000, "SS_AUTODISARM"),
    ])

    /// clone flags without the exit signal in the low byte.
    public static let clone = NameTable(unknown: "CLONE_???", [
        (0x100, "CLONE_VM"), (0x200, "CLONE_FS"), (0x400, "CLONE_FILES"), (0x800, "CLONE_SIGHAND"),
        (0x1000, "CLONE_PIDFD"), (0x2000, "CLONE_PTRACE"), (0x4000, "CLONE_VFORK"),
        (0x8000, "CLONE_PARENT"), (0x10000, "CLONE_THREAD"), (0x20000, "CLONE_NEWNS"),
        (0x40000, "CLONE_SYSVSEM"), (0x80000, "CLONE_SETTLS"), (0x100000, "CLONE_PARENT_SETTID"),
        (0x200000, "CLONE_CHILD_CLEARTID"), (0x800000, "CLONE_UNTRACED"),
        (0x1000000, "CLONE_CHILD_SETTID"), (0x2000000, "CLONE_NEWCGROUP"), (0x4000000, "CLONE_NEWUTS"),
        (0x8000000, "CLONE_NEWIPC"), (0x10000000, "CLONE_NEWUSER"), (0x20000000, "CLONE_NEWPID"),
        (0x40000000, "CLONE_NEWNET"), (0x80000000, "CLONE_IO"),
        (0x100000000, "CLONE_CLEAR_SIGHAND"), (0x200000000, "CLONE_INTO_CGROUP"),
    ])
    /// unshare's flags (strace's unshare_flags, printflags64: every bit of the register).
    public static let unshareFlags = NameTable(unknown: "CLONE_???", [
        (0x80, "CLONE_NEWTIME"), (0x100, "CLONE_VM"), (0x200, "CLONE_FS"), (0x400, "CLONE_FILES"),
        (0x800, "CLONE_SIGHAND"), (0x10000, "CLONE_THREAD"), (0x20000, "CLONE_NEWNS"), (0x40000, "CLONE_SYSVSEM"),
        (0x2000000, "CLONE_NEWCGROUP"), (0x4000000, "CLONE_NEWUTS"), (0x8000000, "CLONE_NEWIPC"),
        (0x10000000, "CLONE_NEWUSER"), (0x20000000, "CLONE_NEWPID"), (0x40000000, "CLONE_NEWNET"),
    ])
    /// clone3's flags: clone's, then strace's clone3_flags (CLONE_NEWTIME is clone3's alone).
    public static let clone3 = NameTable(unknown: "CLONE_???",
        clone.entries.filter { $0.value <= 0x80000000 }.map { ($0.value, $0.name) }
            + [(0x80, "CLONE_NEWTIME"), (0x100000000, "CLONE_CLEAR_SIGHAND"), (0x200000000, "CLONE_INTO_CGROUP")])

    /// In strace's order (wait4_options: WNOHANG, WEXITED, WSTOPPED, ...), which its text follows.
    public static let waitOptions = NameTable(unknown: "W???", [
        (1, "WNOHANG"), (4, "WEXITED"), (2, "WSTOPPED"), (8, "WCONTINUED"), (0x1000000, "WNOWAIT"),
        (0x80000000, "__WCLONE"), (0x40000000, "__WALL"), (0x20000000, "__WNOTHREAD"),
    ])

    public static let idType = NameTable(unknown: "P_???", [(0, "P_ALL"), (1, "P_PID"), (2, "P_PGID"), (3, "P_PIDFD")])

    public static let rlimitResource = NameTable(unknown: "RLIMIT_???", [
        (0, "RLIMIT_CPU"), (1, "RLIMIT_FSIZE"), (2, "RLIMIT_DATA"), (3, "RLIMIT_STACK"),
        (4, "RLIMIT_CORE"), (5, "RLIMIT_RSS"), (6, "RLIMIT_NPROC"), (7, "RLIMIT_NOFILE"),
        (8, "RLIMIT_MEMLOCK"), (9, "RLIMIT_AS"), (10, "RLIMIT_LOCKS"), (11, "RLIMIT_SIGPENDING"),
        (12, "RLIMIT_MSGQUEUE"), (13, "RLIMIT_NICE"), (14, "RLIMIT_RTPRIO"), (15, "RLIMIT_RTTIME"),
    ])

    /// getrusage's who; RUSAGE_CHILDREN is -1 as a C int.
    public static let rusageWho = NameTable(unknown: "RUSAGE_???", [
        (0, "RUSAGE_SELF"), (0xffff_ffff, "RUSAGE_CHILDREN"), (1, "RUSAGE_THREAD"),
    ])

    public static let personalityDomain = NameTable(unknown: "PER_???", [
        (0x00, "PER_LINUX"), (0x01, "PER_SVR4"), (0x02, "PER_SVR3"), (0x03, "PER_SCOSVR3"),
        (0x04, "PER_WYSEV386"), (0x05, "PER_ISCR4"), (0x06, "PER_BSD"), (0x07, "PER_XENIX"),
        (0x08, "PER_LINUX32"), (0x09, "PER_IRIX32"), (0x0a, "PER_IRIXN32"), (0x0b, "PER_IRIX64"),
        (0x0c, "PER_RISCOS"), (0x0d, "PER_SOLARIS"), (0x0e, "PER_UW7"), (0x0f, "PER_OSF4"),
        (0x10, "PER_HPUX"),
    ])

    public static let personalityFlags = NameTable(unknown: "PER_???", [
        (0x0020000, "UNAME26"), (0x0040000, "ADDR_NO_RANDOMIZE"), (0x0080000, "FDPIC_FUNCPTRS"),
        (0x0100000, "MMAP_PAGE_ZERO"), (0x0200000, "ADDR_COMPAT_LAYOUT"), (0x0400000, "READ_IMPLIES_EXEC"),
        (0x0800000, "ADDR_LIMIT_32BIT"), (0x1000000, "SHORT_INODE"), (0x2000000, "WHOLE_SECONDS"),
        (0x4000000, "STICKY_TIMEOUTS"), (0x8000000, "ADDR_LIMIT_3GB"),
    ])

    public static let archPrctl = NameTable(unknown: "ARCH_???", [
        (0x1001, "ARCH_SET_GS"), (0x1002, "ARCH_SET_FS"), (0x1003, "ARCH_GET_FS"), (0x1004, "ARCH_GET_GS"),
        (0x1011, "ARCH_GET_CPUID"), (0x1012, "ARCH_SET_CPUID"), (0x1021, "ARCH_GET_XCOMP_SUPP"),
        (0x1022, "ARCH_GET_XCOMP_PERM"), (0x1023, "ARCH_REQ_XCOMP_PERM"),
        (0x1024, "ARCH_GET_XCOMP_GUEST_PERM"), (0x1025, "ARCH_REQ_XCOMP_GUEST_PERM"),
        (0x2001, "ARCH_MAP_VDSO_X32"), (0x2002, "ARCH_MAP_VDSO_32"), (0x2003, "ARCH_MAP_VDSO_64"),
        (0x4001, "ARCH_GET_UNTAG_MASK"), (0x4002, "ARCH_ENABLE_TAGGED_ADDR"),
        (0x4003, "ARCH_GET_MAX_TAG_BITS"), (0x4004, "ARCH_FORCE_TAGGED_SVA"),
        (0x5001, "ARCH_SHSTK_ENABLE"), (0x5002, "ARCH_SHSTK_DISABLE"), (0x5003, "ARCH_SHSTK_LOCK"),
        (0x5004, "ARCH_SHSTK_UNLOCK"), (0x5005, "ARCH_SHSTK_STATUS"),
    ])

    public static let prctlOption = NameTable(unknown: "PR_???", [
        (1, "PR_SET_PDEATHSIG"), (2, "PR_GET_PDEATHSIG"), (3, "PR_GET_DUMPABLE"), (4, "PR_SET_DUMPABLE"),
        (5, "PR_GET_UNALIGN"), (6, "PR_SET_UNALIGN"), (7, "PR_GET_KEEPCAPS"), (8, "PR_SET_KEEPCAPS"),
        (9, "PR_GET_FPEMU"), (10, "PR_SET_FPEMU"), (11, "PR_GET_FPEXC"), (12, "PR_SET_FPEXC"),
        (13, "PR_GET_TIMING"), (14, "PR_SET_TIMING"), (15, "PR_SET_NAME"), (16, "PR_GET_NAME"),
        (19, "PR_GET_ENDIAN"), (20, "PR_SET_ENDIAN"), (21, "PR_GET_SECCOMP"), (22, "PR_SET_SECCOMP"),
        (23, "PR_CAPBSET_READ"), (24, "PR_CAPBSET_DROP"), (25, "PR_GET_TSC"), (26, "PR_SET_TSC"),
        (27, "PR_GET_SECUREBITS"), (28, "PR_SET_SECUREBITS"), (29, "PR_SET_TIMERSLACK"),
        (30, "PR_GET_TIMERSLACK"), (31, "PR_TASK_PERF_EVENTS_DISABLE"),
        (32, "PR_TASK_PERF_EVENTS_ENABLE"), (33, "PR_MCE_KILL"), (34, "PR_MCE_KILL_GET"),
        (35, "PR_SET_MM"), (36, "PR_SET_CHILD_SUBREAPER"), (37, "PR_GET_CHILD_SUBREAPER"),
        (38, "PR_SET_NO_NEW_PRIVS"), (39, "PR_GET_NO_NEW_PRIVS"), (40, "PR_GET_TID_ADDRESS"),
        (41, "PR_SET_THP_DISABLE"), (42, "PR_GET_THP_DISABLE"), (43, "PR_MPX_ENABLE_MANAGEMENT"),
        (44, "PR_MPX_DISABLE_MANAGEMENT"), (45, "PR_SET_FP_MODE"), (46, "PR_GET_FP_MODE"),
        (47, "PR_CAP_AMBIENT"), (50, "PR_SVE_SET_VL"), (51, "PR_SVE_GET_VL"),
        (52, "PR_GET_SPECULATION_CTRL"), (53, "PR_SET_SPECULATION_CTRL"), (54, "PR_PAC_RESET_KEYS"),
        (55, "PR_SET_TAGGED_ADDR_CTRL"), (56, "PR_GET_TAGGED_ADDR_CTRL"), (57, "PR_SET_IO_FLUSHER"),
        (58, "PR_GET_IO_FLUSHER"), (59, "PR_SET_SYSCALL_USER_DISPATCH"), (60, "PR_PAC_SET_ENABLED_KEYS"),
        (61, "PR_PAC_GET_ENABLED_KEYS"), (62, "PR_SCHED_CORE"), (63, "PR_SME_SET_VL"), (64, "PR_SME_GET_VL"),
        (0x53564d41, "PR_SET_VMA"), (0x59616d61, "PR_SET_PTRACER"),
    ])

    public static let dumpable = NameTable(unknown: "SUID_DUMP_???", [
        (0, "SUID_DUMP_DISABLE"), (1, "SUID_DUMP_USER"), (2, "SUID_DUMP_ROOT"),
    ])

    public static let seccompMode = NameTable(unknown: "SECCOMP_MODE_???", [
        (0, "SECCOMP_MODE_DISABLED"), (1, "SECCOMP_MODE_STRICT"), (2, "SECCOMP_MODE_FILTER"),
    ])

    public static let capabilities = NameTable(unknown: "CAP_???", [
        (0, "CAP_CHOWN"), (1, "CAP_DAC_OVERRIDE"), (2, "CAP_DAC_READ_SEARCH"), (3, "CAP_FOWNER"),
        (4, "CAP_FSETID"), (5, "CAP_KILL"), (6, "CAP_SETGID"), (7, "CAP_SETUID"), (8, "CAP_SETPCAP"),
        (9, "CAP_LINUX_IMMUTABLE"), (10, "CAP_NET_BIND_SERVICE"), (11, "CAP_NET_BROADCAST"),
        (12, "CAP_NET_ADMIN"), (13, "CAP_NET_RAW"), (14, "CAP_IPC_LOCK"), (15, "CAP_IPC_OWNER"),
        (16, "CAP_SYS_MODULE"), (17, "CAP_SYS_RAWIO"), (18, "CAP_SYS_CHROOT"), (19, "CAP_SYS_PTRACE"),
        (20, "CAP_SYS_PACCT"), (21, "CAP_SYS_ADMIN"), (22, "CAP_SYS_BOOT"), (23, "CAP_SYS_NICE"),
        (24, "CAP_SYS_RESOURCE"), (25, "CAP_SYS_TIME"), (26, "CAP_SYS_TTY_CONFIG"), (27, "CAP_MKNOD"),
        (28, "CAP_LEASE"), (29, "CAP_AUDIT_WRITE"), (30, "CAP_AUDIT_CONTROL"), (31, "CAP_SETFCAP"),
        (32, "CAP_MAC_OVERRIDE"), (33, "CAP_MAC_ADMIN"), (34, "CAP_SYSLOG"), (35, "CAP_WAKE_ALARM"),
        (36, "CAP_BLOCK_SUSPEND"), (37, "CAP_AUDIT_READ"), (38, "CAP_PERFMON"), (39, "CAP_BPF"),
        (40, "CAP_CHECKPOINT_RESTORE"),
    ])

    /// futex commands (op & FUTEX_CMD_MASK); FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME are
    /// added by the futex decoder.
    public static let futexCommand = NameTable(unknown: "FUTEX_???", [
        (0, "FUTEX_WAIT"), (1, "FUTEX_WAKE"), (2, "FUTEX_FD"), (3, "FUTEX_REQUEUE"),
        (4, "FUTEX_CMP_REQUEUE"), (5, "FUTEX_WAKE_OP"), (6, "FUTEX_LOCK_PI"), (7, "FUTEX_UNLOCK_PI"),
        (8, "FUTEX_TRYLOCK_PI"), (9, "FUTEX_WAIT_BITSET"), (10, "FUTEX_WAKE_BITSET"),
        (11, "FUTEX_WAIT_REQUEUE_PI"), (12, "FUTEX_CMP_REQUEUE_PI"), (13, "FUTEX_LOCK_PI2"),
    ])

    /// futex's op as strace's futexops names it (printxval of the whole op): a command with
    /// FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME only where the table has it.
    public static let futexOperations = NameTable(unknown: "FUTEX_???", [
        (0, "FUTEX_WAIT"), (1, "FUTEX_WAKE"), (2, "FUTEX_FD"), (3, "FUTEX_REQUEUE"), (4, "FUTEX_CMP_REQUEUE"),
        (5, "FUTEX_WAKE_OP"), (6, "FUTEX_LOCK_PI"), (7, "FUTEX_UNLOCK_PI"), (8, "FUTEX_TRYLOCK_PI"),
        (9, "FUTEX_WAIT_BITSET"), (10, "FUTEX_WAKE_BITSET"), (11, "FUTEX_WAIT_REQUEUE_PI"),
        (12, "FUTEX_CMP_REQUEUE_PI"), (13, "FUTEX_LOCK_PI2"),
        (0x80, "FUTEX_WAIT_PRIVATE"), (0x81, "FUTEX_WAKE_PRIVATE"), (0x82, "FUTEX_FD|FUTEX_PRIVATE_FLAG"),
        (0x83, "FUTEX_REQUEUE_PRIVATE"), (0x84, "FUTEX_CMP_REQUEUE_PRIVATE"), (0x85, "FUTEX_WAKE_OP_PRIVATE"),
        (0x86, "FUTEX_LOCK_PI_PRIVATE"), (0x87, "FUTEX_UNLOCK_PI_PRIVATE"), (0x88, "FUTEX_TRYLOCK_PI_PRIVATE"),
        (0x89, "FUTEX_WAIT_BITSET_PRIVATE"), (0x8a, "FUTEX_WAKE_BITSET_PRIVATE"),
        (0x8b, "FUTEX_WAIT_REQUEUE_PI_PRIVATE"), (0x8c, "FUTEX_CMP_REQUEUE_PI_PRIVATE"), (0x8d, "FUTEX_LOCK_PI2_PRIVATE"),
        (0x100, "FUTEX_WAIT|FUTEX_CLOCK_REALTIME"), (0x180, "FUTEX_WAIT_PRIVATE|FUTEX_CLOCK_REALTIME"),
        (0x109, "FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME"), (0x189, "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME"),
        (0x10b, "FUTEX_WAIT_REQUEUE_PI|FUTEX_CLOCK_REALTIME"), (0x18b, "FUTEX_WAIT_REQUEUE_PI_PRIVATE|FUTEX_CLOCK_REALTIME"),
    ])

    /// pkey_alloc's access rights (strace's pkey_access).
    public static let pkeyAccess = NameTable(unknown: "PKEY_???", [
        (0x1, "PKEY_DISABLE_ACCESS"), (0x2, "PKEY_DISABLE_WRITE"), (0x4, "PKEY_DISABLE_EXECUTE"),
    ])

    /// userfaultfd's flags (strace's uffd_flags).
    public static let userfaultfdFlags = NameTable(unknown: "UFFD_???", [
        (0x1, "UFFD_USER_MODE_ONLY"), (0x800, "O_NONBLOCK"), (0x80000, "O_CLOEXEC"),
    ])

    /// swapon's flags above the priority (strace's swap_flags; SWAP_FLAG_PRIO_MASK is 0x7fff).
    public static let swapFlags = NameTable(unknown: "SWAP_FLAG_???", [
        (0x8000, "SWAP_FLAG_PREFER"), (0x10000, "SWAP_FLAG_DISCARD"), (0x20000, "SWAP_FLAG_DISCARD_ONCE"),
        (0x40000, "SWAP_FLAG_DISCARD_PAGES"),
    ])

    /// reboot's two magic numbers and its command (strace's bootflags1, bootflags2, bootflags3).
    public static let rebootMagic1 = NameTable(unknown: "LINUX_REBOOT_MAGIC_???", [(0xfee1dead, "LINUX_REBOOT_MAGIC1")])
    public static let rebootMagic2 = NameTable(unknown: "LINUX_REBOOT_MAGIC_???", [
        (672274793, "LINUX_REBOOT_MAGIC2"), (85072278, "LINUX_REBOOT_MAGIC2A"), (369367448, "LINUX_REBOOT_MAGIC2B"),
        (537993216, "LINUX_REBOOT_MAGIC2C"),
    ])
    public static let rebootCommand = NameTable(unknown: "LINUX_REBOOT_CMD_???", [
        (0x01234567, "LINUX_REBOOT_CMD_RESTART"), (0xCDEF0123, "LINUX_REBOOT_CMD_HALT"), (0x89ABCDEF, "LINUX_REBOOT_CMD_CAD_ON"),
        (0x00000000, "LINUX_REBOOT_CMD_CAD_OFF"), (0x4321FEDC, "LINUX_REBOOT_CMD_POWER_OFF"),
        (0xA1B2C3D4, "LINUX_REBOOT_CMD_RESTART2"), (0xD000FCE2, "LINUX_REBOOT_CMD_SW_SUSPEND"), (0x45584543, "LINUX_REBOOT_CMD_KEXEC"),
    ])

    public static let clockId = NameTable(unknown: "CLOCK_???", [
        (0, "CLOCK_REALTIME"), (1, "CLOCK_MONOTONIC"), (2, "CLOCK_PROCESS_CPUTIME_ID"),
        (3, "CLOCK_THREAD_CPUTIME_ID"), (4, "CLOCK_MONOTONIC_RAW"), (5, "CLOCK_REALTIME_COARSE"),
        (6, "CLOCK_MONOTONIC_COARSE"), (7, "CLOCK_BOOTTIME"), (8, "CLOCK_REALTIME_ALARM"),
        (9, "CLOCK_BOOTTIME_ALARM"), (10, "CLOCK_SGI_CYCLE"), (11, "CLOCK_TAI"),
    ])

    public static let timerFlags = NameTable(unknown: "TIMER_???", [(1, "TIMER_ABSTIME")])

    public static let itimerWhich = NameTable(unknown: "ITIMER_???", [
        (0, "ITIMER_REAL"), (1, "ITIMER_VIRTUAL"), (2, "ITIMER_PROF"),
    ])

    public static let getrandomFlags = NameTable(unknown: "GRND_???", [
        (1, "GRND_NONBLOCK"), (2, "GRND_RANDOM"), (4, "GRND_INSECURE"),
    ])

    public static let priorityWhich = NameTable(unknown: "PRIO_???", [
        (0, "PRIO_PROCESS"), (1, "PRIO_PGRP"), (2, "PRIO_USER"),
    ])

    public static let schedPolicy = NameTable(unknown: "SCHED_???", [
        (0, "SCHED_OTHER"), (1, "SCHED_FIFO"), (2, "SCHED_RR"), (3, "SCHED_BATCH"), (5, "SCHED_IDLE"),
        (6, "SCHED_DEADLINE"),
    ])

    public static let membarrierCommand = NameTable(unknown: "MEMBARRIER_CMD_???", [
        (0, "MEMBARRIER_CMD_QUERY"), (1, "MEMBARRIER_CMD_GLOBAL"), (2, "MEMBARRIER_CMD_GLOBAL_EXPEDITED"),
        (4, "MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED"), (8, "MEMBARRIER_CMD_PRIVATE_EXPEDITED"),
        (16, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED"),
        (32, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE"),
        (64, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE"),
        (128, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ"),
        (256, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ"),
    ])

    // MARK: sockets and polling

    public static let addressFamily = NameTable(unknown: "AF_???", [
        (0, "AF_UNSPEC"), (1, "AF_UNIX"), (2, "AF_INET"), (3, "AF_AX25"), (4, "AF_IPX"),
        (5, "AF_APPLETALK"), (6, "AF_NETROM"), (7, "AF_BRIDGE"), (8, "AF_ATMPVC"), (9, "AF_X25"),
        (10, "AF_INET6"), (11, "AF_ROSE"), (12, "AF_DECnet"), (13, "AF_NETBEUI"), (14, "AF_SECURITY"),
        (15, "AF_KEY"), (16, "AF_NETLINK"), (17, "AF_PACKET"), (18, "AF_ASH"), (19, "AF_ECONET"),
        (20, "AF_ATMSVC"), (21, "AF_RDS"), (22, "AF_SNA"), (23, "AF_IRDA"), (24, "AF_PPPOX"),
        (25, "AF_WANPIPE"), (26, "AF_LLC"), (27, "AF_IB"), (28, "AF_MPLS"), (29, "AF_CAN"),
        (30, "AF_TIPC"), (31, "AF_BLUETOOTH"), (32, "AF_IUCV"), (33, "AF_RXRPC"), (34, "AF_ISDN"),
        (35, "AF_PHONET"), (36, "AF_IEEE802154"), (37, "AF_CAIF"), (38, "AF_ALG"), (39, "AF_NFC"),
        (40, "AF_VSOCK"), (41, "AF_KCM"), (42, "AF_QIPCRTR"), (43, "AF_SMC"), (44, "AF_XDP"),
        (45, "AF_MCTP"),
    ])

    public static let socketType = NameTable(unknown: "SOCK_???", [
        (1, "SOCK_STREAM"), (2, "SOCK_DGRAM"), (3, "SOCK_RAW"), (4, "SOCK_RDM"),
        (5, "SOCK_SEQPACKET"), (6, "SOCK_DCCP"), (10, "SOCK_PACKET"),
    ])

    /// The flags that share socket()'s type argument (and accept4's flags).
    public static let socketFlags = NameTable(unknown: "SOCK_???", [
        (0o2000000, "SOCK_CLOEXEC"), (0o4000, "SOCK_NONBLOCK"),
    ])

    public static let ipProtocol = NameTable(unknown: "IPPROTO_???", [
        (0, "IPPROTO_IP"), (1, "IPPROTO_ICMP"), (2, "IPPROTO_IGMP"), (4, "IPPROTO_IPIP"),
        (6, "IPPROTO_TCP"), (8, "IPPROTO_EGP"), (12, "IPPROTO_PUP"), (17, "IPPROTO_UDP"),
        (22, "IPPROTO_IDP"), (29, "IPPROTO_TP"), (33, "IPPROTO_DCCP"), (41, "IPPROTO_IPV6"),
        (46, "IPPROTO_RSVP"), (47, "IPPROTO_GRE"), (50, "IPPROTO_ESP"), (51, "IPPROTO_AH"),
        (58, "IPPROTO_ICMPV6"), (92, "IPPROTO_MTP"), (94, "IPPROTO_BEETPH"), (98, "IPPROTO_ENCAP"),
        (103, "IPPROTO_PIM"), (108, "IPPROTO_COMP"), (115, "IPPROTO_L2TP"), (132, "IPPROTO_SCTP"),
        (136, "IPPROTO_UDPLITE"), (137, "IPPROTO_MPLS"), (143, "IPPROTO_ETHERNET"),
        (255, "IPPROTO_RAW"), (262, "IPPROTO_MPTCP"),
    ])

    public static let netlinkProtocol = NameTable(unknown: "NETLINK_???", [
        (0, "NETLINK_ROUTE"), (1, "NETLINK_UNUSED"), (2, "NETLINK_USERSOCK"), (3, "NETLINK_FIREWALL"),
        (4, "NETLINK_SOCK_DIAG"), (5, "NETLINK_NFLOG"), (6, "NETLINK_XFRM"), (7, "NETLINK_SELINUX"),
        (8, "NETLINK_ISCSI"), (9, "NETLINK_AUDIT"), (10, "NETLINK_FIB_LOOKUP"),
        (11, "NETLINK_CONNECTOR"), (12, "NETLINK_NETFILTER"), (13, "NETLINK_IP6_FW"),
        (14, "NETLINK_DNRTMSG"), (15, "NETLINK_KOBJECT_UEVENT"), (16, "NETLINK_GENERIC"),
        (18, "NETLINK_SCSITRANSPORT"), (19, "NETLINK_ECRYPTFS"), (20, "NETLINK_RDMA"),
        (21, "NETLINK_CRYPTO"), (22, "NETLINK_SMC"),
    ])

    public static let messageFlags = NameTable(unknown: "MSG_???", [
        (0x1, "MSG_OOB"), (0x2, "MSG_PEEK"), (0x4, "MSG_DONTROUTE"), (0x8, "MSG_CTRUNC"),
        (0x10, "MSG_PROXY"), (0x20, "MSG_TRUNC"), (0x40, "MSG_DONTWAIT"), (0x80, "MSG_EOR"),
        (0x100, "MSG_WAITALL"), (0x200, "MSG_FIN"), (0x400, "MSG_SYN"), (0x800, "MSG_CONFIRM"),
        (0x1000, "MSG_RST"), (0x2000, "MSG_ERRQUEUE"), (0x4000, "MSG_NOSIGNAL"), (0x8000, "MSG_MORE"),
        (0x10000, "MSG_WAITFORONE"), (0x40000, "MSG_BATCH"), (0x4000000, "MSG_ZEROCOPY"),
        (0x20000000, "MSG_FASTOPEN"), (0x40000000, "MSG_CMSG_CLOEXEC"),
    ])

    public static let socketLevel = NameTable(unknown: "SOL_???", [
        (0, "SOL_IP"), (1, "SOL_SOCKET"), (6, "SOL_TCP"), (17, "SOL_UDP"), (41, "SOL_IPV6"),
        (58, "SOL_ICMPV6"), (132, "SOL_SCTP"), (255, "SOL_RAW"), (263, "SOL_PACKET"),
        (270, "SOL_NETLINK"), (279, "SOL_ALG"), (282, "SOL_TLS"),
    ])

    /// Socket option names by level (the key is the SOL_* value).
    public static let socketOptions: [UInt64: NameTable] = [
        1: NameTable(unknown: "SO_???", [
            (1, "SO_DEBUG"), (2, "SO_REUSEADDR"), (3, "SO_TYPE"), (4, "SO_ERROR"), (5, "SO_DONTROUTE"),
            (6, "SO_BROADCAST"), (7, "SO_SNDBUF"), (8, "SO_RCVBUF"), (9, "SO_KEEPALIVE"),
            (10, "SO_OOBINLINE"), (11, "SO_NO_CHECK"), (12, "SO_PRIORITY"), (13, "SO_LINGER"),
            (14, "SO_BSDCOMPAT"), (15, "SO_REUSEPORT"), (16, "SO_PASSCRED"), (17, "SO_PEERCRED"),
            (18, "SO_RCVLOWAT"), (19, "SO_SNDLOWAT"), (20, "SO_RCVTIMEO_OLD"), (21, "SO_SNDTIMEO_OLD"),
            (22, "SO_SECURITY_AUTHENTICATION"), (23, "SO_SECURITY_ENCRYPTION_TRANSPORT"), (24, "SO_SECURITY_ENCRYPTION_NETWORK"),
            (25, "SO_BINDTODEVICE"), (26, "SO_ATTACH_FILTER"), (27, "SO_DETACH_FILTER"),
            (28, "SO_PEERNAME"), (29, "SO_TIMESTAMP_OLD"), (30, "SO_ACCEPTCONN"), (31, "SO_PEERSEC"),
            (32, "SO_SNDBUFFORCE"), (33, "SO_RCVBUFFORCE"), (34, "SO_PASSSEC"),
            (35, "SO_TIMESTAMPNS_OLD"), (36, "SO_MARK"), (37, "SO_TIMESTAMPING_OLD"),
            (38, "SO_PROTOCOL"), (39, "SO_DOMAIN"), (40, "SO_RXQ_OVFL"), (41, "SO_WIFI_STATUS"),
            (42, "SO_PEEK_OFF"), (43, "SO_NOFCS"), (44, "SO_LOCK_FILTER"), (45, "SO_SELECT_ERR_QUEUE"),
            (46, "SO_BUSY_POLL"), (47, "SO_MAX_PACING_RATE"), (48, "SO_BPF_EXTENSIONS"),
            (49, "SO_INCOMING_CPU"), (50, "SO_ATTACH_BPF"), (53, "SO_CNX_ADVICE"), (55, "SO_MEMINFO"),
            (56, "SO_INCOMING_NAPI_ID"), (57, "SO_COOKIE"), (59, "SO_PEERGROUPS"), (60, "SO_ZEROCOPY"),
            (61, "SO_TXTIME"), (62, "SO_BINDTOIFINDEX"), (63, "SO_TIMESTAMP_NEW"),
            (64, "SO_TIMESTAMPNS_NEW"), (65, "SO_TIMESTAMPING_NEW"), (66, "SO_RCVTIMEO_NEW"),
            (67, "SO_SNDTIMEO_NEW"),
            (51, "SO_ATTACH_REUSEPORT_CBPF"), (52, "SO_ATTACH_REUSEPORT_EBPF"), (68, "SO_DETACH_REUSEPORT_BPF"),
            (69, "SO_PREFER_BUSY_POLL"), (70, "SO_BUSY_POLL_BUDGET"), (71, "SO_NETNS_COOKIE"), (72, "SO_BUF_LOCK"),
            (73, "SO_RESERVE_MEM"), (74, "SO_TXREHASH"), (75, "SO_RCVMARK"),
        ]),
        0: NameTable(unknown: "IP_???", [
            (1, "IP_TOS"), (2, "IP_TTL"), (3, "IP_HDRINCL"), (4, "IP_OPTIONS"), (5, "IP_ROUTER_ALERT"),
            (6, "IP_RECVOPTS"), (7, "IP_RETOPTS"), (8, "IP_PKTINFO"), (9, "IP_PKTOPTIONS"),
            (10, "IP_MTU_DISCOVER"), (11, "IP_RECVERR"), (12, "IP_RECVTTL"), (13, "IP_RECVTOS"),
            (14, "IP_MTU"), (15, "IP_FREEBIND"), (16, "IP_IPSEC_POLICY"), (17, "IP_XFRM_POLICY"),
            (18, "IP_PASSSEC"), (19, "IP_TRANSPARENT"), (20, "IP_ORIGDSTADDR"), (21, "IP_MINTTL"),
            (22, "IP_NODEFRAG"), (23, "IP_CHECKSUM"), (24, "IP_BIND_ADDRESS_NO_PORT"),
            (25, "IP_RECVFRAGSIZE"), (32, "IP_MULTICAST_IF"), (33, "IP_MULTICAST_TTL"),
            (34, "IP_MULTICAST_LOOP"), (35, "IP_ADD_MEMBERSHIP"), (36, "IP_DROP_MEMBERSHIP"),
            (26, "IP_RECVERR_RFC4884"), (37, "IP_UNBLOCK_SOURCE"), (38, "IP_BLOCK_SOURCE"),
            (39, "IP_ADD_SOURCE_MEMBERSHIP"), (40, "IP_DROP_SOURCE_MEMBERSHIP"), (41, "IP_MSFILTER"),
            (42, "MCAST_JOIN_GROUP"), (43, "MCAST_BLOCK_SOURCE"), (44, "MCAST_UNBLOCK_SOURCE"), (45, "MCAST_LEAVE_GROUP"),
            (46, "MCAST_JOIN_SOURCE_GROUP"), (47, "MCAST_LEAVE_SOURCE_GROUP"), (48, "MCAST_MSFILTER"),
            (49, "IP_MULTICAST_ALL"), (50, "IP_UNICAST_IF"),
        ]),
        6: NameTable(unknown: "TCP_???", [
            (1, "TCP_NODELAY"), (2, "TCP_MAXSEG"), (3, "TCP_CORK"), (4, "TCP_KEEPIDLE"),
            (5, "TCP_KEEPINTVL"), (6, "TCP_KEEPCNT"), (7, "TCP_SYNCNT"), (8, "TCP_LINGER2"),
            (9, "TCP_DEFER_ACCEPT"), (10, "TCP_WINDOW_CLAMP"), (11, "TCP_INFO"), (12, "TCP_QUICKACK"),
            (13, "TCP_CONGESTION"), (14, "TCP_MD5SIG"), (16, "TCP_THIN_LINEAR_TIMEOUTS"),
            (17, "TCP_THIN_DUPACK"), (18, "TCP_USER_TIMEOUT"), (19, "TCP_REPAIR"),
            (20, "TCP_REPAIR_QUEUE"), (21, "TCP_QUEUE_SEQ"), (22, "TCP_REPAIR_OPTIONS"),
            (23, "TCP_FASTOPEN"), (24, "TCP_TIMESTAMP"), (25, "TCP_NOTSENT_LOWAT"), (26, "TCP_CC_INFO"),
            (27, "TCP_SAVE_SYN"), (28, "TCP_SAVED_SYN"), (29, "TCP_REPAIR_WINDOW"),
            (30, "TCP_FASTOPEN_CONNECT"), (31, "TCP_ULP"), (32, "TCP_MD5SIG_EXT"),
            (33, "TCP_FASTOPEN_KEY"), (34, "TCP_FASTOPEN_NO_COOKIE"), (35, "TCP_ZEROCOPY_RECEIVE"),
            (36, "TCP_INQ"), (37, "TCP_TX_DELAY"),
        ]),
        41: NameTable(unknown: "IPV6_???", [
            (1, "IPV6_ADDRFORM"), (2, "IPV6_2292PKTINFO"), (3, "IPV6_2292HOPOPTS"), (4, "IPV6_2292DSTOPTS"),
            (5, "IPV6_2292RTHDR"), (6, "IPV6_2292PKTOPTIONS"), (7, "IPV6_CHECKSUM"), (8, "IPV6_2292HOPLIMIT"),
            (9, "IPV6_NEXTHOP"), (10, "IPV6_AUTHHDR"), (11, "IPV6_FLOWINFO"), (16, "IPV6_UNICAST_HOPS"),
            (17, "IPV6_MULTICAST_IF"), (18, "IPV6_MULTICAST_HOPS"), (19, "IPV6_MULTICAST_LOOP"),
            (20, "IPV6_ADD_MEMBERSHIP"), (21, "IPV6_DROP_MEMBERSHIP"), (22, "IPV6_ROUTER_ALERT"),
            (23, "IPV6_MTU_DISCOVER"), (24, "IPV6_MTU"), (25, "IPV6_RECVERR"), (26, "IPV6_V6ONLY"),
            (27, "IPV6_JOIN_ANYCAST"), (28, "IPV6_LEAVE_ANYCAST"), (29, "IPV6_MULTICAST_ALL"),
            (30, "IPV6_ROUTER_ALERT_ISOLATE"), (31, "IPV6_RECVERR_RFC4884"), (32, "IPV6_FLOWLABEL_MGR"),
            (33, "IPV6_FLOWINFO_SEND"), (34, "IPV6_IPSEC_POLICY"), (35, "IPV6_XFRM_POLICY"), (36, "IPV6_HDRINCL"),
            (42, "MCAST_JOIN_GROUP"), (43, "MCAST_BLOCK_SOURCE"), (44, "MCAST_UNBLOCK_SOURCE"),
            (45, "MCAST_LEAVE_GROUP"), (46, "MCAST_JOIN_SOURCE_GROUP"), (47, "MCAST_LEAVE_SOURCE_GROUP"),
            (48, "MCAST_MSFILTER"), (49, "IPV6_RECVPKTINFO"), (50, "IPV6_PKTINFO"), (51, "IPV6_RECVHOPLIMIT"),
            (52, "IPV6_HOPLIMIT"), (53, "IPV6_RECVHOPOPTS"), (54, "IPV6_HOPOPTS"), (55, "IPV6_RTHDRDSTOPTS"),
            (56, "IPV6_RECVRTHDR"), (57, "IPV6_RTHDR"), (58, "IPV6_RECVDSTOPTS"), (59, "IPV6_DSTOPTS"),
            (60, "IPV6_RECVPATHMTU"), (61, "IPV6_PATHMTU"), (62, "IPV6_DONTFRAG"), (63, "IPV6_USE_MIN_MTU"),
            (66, "IPV6_RECVTCLASS"), (67, "IPV6_TCLASS"), (70, "IPV6_AUTOFLOWLABEL"), (72, "IPV6_ADDR_PREFERENCES"),
            (73, "IPV6_MINHOPCOUNT"), (74, "IPV6_ORIGDSTADDR"), (75, "IPV6_TRANSPARENT"), (76, "IPV6_UNICAST_IF"),
            (77, "IPV6_RECVFRAGSIZE"), (78, "IPV6_FREEBIND"),
        ]),
        // The other levels strace 6.1 names options of (AF_VSOCK's is its address family).
        40: StraceXlatTables.socketVsockOptions, 256: StraceXlatTables.socketIpxOptions,
        257: StraceXlatTables.socketAx25Options, 263: StraceXlatTables.socketPacketOptions,
        101: StraceXlatTables.socketCanRawOptions, 132: StraceXlatTables.socketSctpOptions,
        255: StraceXlatTables.socketRawOptions, 270: StraceXlatTables.socketNetlinkOptions,
        17: StraceXlatTables.socketUdpOptions, 266: StraceXlatTables.socketIrdaOptions,
        268: StraceXlatTables.socketLlcOptions, 269: StraceXlatTables.socketDccpOptions,
        271: StraceXlatTables.socketTipcOptions, 272: StraceXlatTables.socketRxrpcOptions,
        273: StraceXlatTables.socketPppol2tpOptions, 274: StraceXlatTables.socketBluetoothOptions,
        275: StraceXlatTables.socketPnpOptions, 276: StraceXlatTables.socketRdsOptions,
        277: StraceXlatTables.socketIucvOptions, 278: StraceXlatTables.socketCaifOptions,
        279: StraceXlatTables.socketAlgOptions, 280: StraceXlatTables.socketNfcllcpOptions,
        281: StraceXlatTables.socketKcmOptions, 282: StraceXlatTables.socketTlsOptions,
        283: StraceXlatTables.socketXdpOptions,
    ]

    public static let shutdownHow = NameTable(unknown: "SHUT_???", [(0, "SHUT_RD"), (1, "SHUT_WR"), (2, "SHUT_RDWR")])

    public static let pollEvents = NameTable(unknown: "POLL???", [
        (0x1, "POLLIN"), (0x2, "POLLPRI"), (0x4, "POLLOUT"), (0x8, "POLLERR"), (0x10, "POLLHUP"),
        (0x20, "POLLNVAL"), (0x40, "POLLRDNORM"), (0x80, "POLLRDBAND"), (0x100, "POLLWRNORM"),
        (0x200, "POLLWRBAND"), (0x400, "POLLMSG"), (0x1000, "POLLREMOVE"), (0x2000, "POLLRDHUP"),
    ])

    // MARK: terminals and ioctl

    /// ioctl requests by strace 6.1's table (IoctlNames.swift); strace names every request
    /// sharing a number (`SNDCTL_TMR_STOP or TCSETSW`).
    public static let ioctlRequest = NameTable(unknown: "_IOC_???", IoctlNames.joined.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 })

    public static let fsxattrFlags = NameTable(unknown: "FS_XFLAG_???", [
        (0x1, "FS_XFLAG_REALTIME"), (0x2, "FS_XFLAG_PREALLOC"), (0x8, "FS_XFLAG_IMMUTABLE"), (0x10, "FS_XFLAG_APPEND"),
        (0x20, "FS_XFLAG_SYNC"), (0x40, "FS_XFLAG_NOATIME"), (0x80, "FS_XFLAG_NODUMP"), (0x100, "FS_XFLAG_RTINHERIT"),
        (0x200, "FS_XFLAG_PROJINHERIT"), (0x400, "FS_XFLAG_NOSYMLINKS"), (0x800, "FS_XFLAG_EXTSIZE"),
        (0x1000, "FS_XFLAG_EXTSZINHERIT"), (0x2000, "FS_XFLAG_NODEFRAG"), (0x4000, "FS_XFLAG_FILESTREAM"),
        (0x8000, "FS_XFLAG_DAX"), (0x10000, "FS_XFLAG_COWEXTSIZE"), (0x80000000, "FS_XFLAG_HASATTR"),
    ])

    public static let schedAttrFlags = NameTable(unknown: "SCHED_FLAG_???", [
        (0x1, "SCHED_FLAG_RESET_ON_FORK"), (0x2, "SCHED_FLAG_RECLAIM"), (0x4, "SCHED_FLAG_DL_OVERRUN"),
        (0x8, "SCHED_FLAG_KEEP_POLICY"), (0x10, "SCHED_FLAG_KEEP_PARAMS"), (0x20, "SCHED_FLAG_UTIL_CLAMP_MIN"),
        (0x40, "SCHED_FLAG_UTIL_CLAMP_MAX"),
    ])

    public static let sigevNotify = NameTable(unknown: "SIGEV_???", [
        (0, "SIGEV_SIGNAL"), (1, "SIGEV_NONE"), (2, "SIGEV_THREAD"), (4, "SIGEV_THREAD_ID"),
    ])

    /// membarrier(MEMBARRIER_CMD_QUERY)'s result: the commands the kernel has.
    /// struct mq_attr's mq_flags (strace's mq_attr_flags).
    public static let mqAttrFlags = NameTable(unknown: "O_???", [(0o4000, "O_NONBLOCK")])
    public static let membarrierCommands = NameTable(unknown: "MEMBARRIER_CMD_???", [
        (1, "MEMBARRIER_CMD_GLOBAL"), (2, "MEMBARRIER_CMD_GLOBAL_EXPEDITED"), (4, "MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED"),
        (8, "MEMBARRIER_CMD_PRIVATE_EXPEDITED"), (0x10, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED"),
        (0x20, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE"), (0x40, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE"),
        (0x80, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ"), (0x100, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ"),
    ])

    public static let syncFileRangeFlags = NameTable(unknown: "SYNC_FILE_RANGE_???", [
        (1, "SYNC_FILE_RANGE_WAIT_BEFORE"), (2, "SYNC_FILE_RANGE_WRITE"), (4, "SYNC_FILE_RANGE_WAIT_AFTER"),
    ])

    public static let fallocateFlags = NameTable(unknown: "FALLOC_FL_???", [
        (0x1, "FALLOC_FL_KEEP_SIZE"), (0x2, "FALLOC_FL_PUNCH_HOLE"), (0x4, "FALLOC_FL_NO_HIDE_STALE"),
        (0x8, "FALLOC_FL_COLLAPSE_RANGE"), (0x10, "FALLOC_FL_ZERO_RANGE"), (0x20, "FALLOC_FL_INSERT_RANGE"),
        (0x40, "FALLOC_FL_UNSHARE_RANGE"),
    ])

    public static let ioprioWho = NameTable(unknown: "IOPRIO_WHO_???", [
        (1, "IOPRIO_WHO_PROCESS"), (2, "IOPRIO_WHO_PGRP"), (3, "IOPRIO_WHO_USER"),
    ])

    public static let ioprioClass = NameTable(unknown: "IOPRIO_CLASS_???", [
        (0, "IOPRIO_CLASS_NONE"), (1, "IOPRIO_CLASS_RT"), (2, "IOPRIO_CLASS_BE"), (3, "IOPRIO_CLASS_IDLE"),
    ])

    public static let ptraceRequest = NameTable(unknown: "PTRACE_???", [
        (0, "PTRACE_TRACEME"), (1, "PTRACE_PEEKTEXT"), (2, "PTRACE_PEEKDATA"), (3, "PTRACE_PEEKUSER"),
        (4, "PTRACE_POKETEXT"), (5, "PTRACE_POKEDATA"), (6, "PTRACE_POKEUSER"), (7, "PTRACE_CONT"), (8, "PTRACE_KILL"),
        (9, "PTRACE_SINGLESTEP"), (12, "PTRACE_GETREGS"), (13, "PTRACE_SETREGS"), (14, "PTRACE_GETFPREGS"),
        (15, "PTRACE_SETFPREGS"), (16, "PTRACE_ATTACH"), (17, "PTRACE_DETACH"), (18, "PTRACE_GETFPXREGS"),
        (19, "PTRACE_SETFPXREGS"), (24, "PTRACE_SYSCALL"), (25, "PTRACE_GET_THREAD_AREA"),
        (26, "PTRACE_SET_THREAD_AREA"), (30, "PTRACE_ARCH_PRCTL"), (31, "PTRACE_SYSEMU"),
        (32, "PTRACE_SYSEMU_SINGLESTEP"), (33, "PTRACE_SINGLEBLOCK"), (0x4200, "PTRACE_SETOPTIONS"),
        (0x4201, "PTRACE_GETEVENTMSG"), (0x4202, "PTRACE_GETSIGINFO"), (0x4203, "PTRACE_SETSIGINFO"),
        (0x4204, "PTRACE_GETREGSET"), (0x4205, "PTRACE_SETREGSET"), (0x4206, "PTRACE_SEIZE"),
        (0x4207, "PTRACE_INTERRUPT"), (0x4208, "PTRACE_LISTEN"), (0x4209, "PTRACE_PEEKSIGINFO"),
        (0x420a, "PTRACE_GETSIGMASK"), (0x420b, "PTRACE_SETSIGMASK"), (0x420c, "PTRACE_SECCOMP_GET_FILTER"),
        (0x420d, "PTRACE_SECCOMP_GET_METADATA"), (0x420e, "PTRACE_GET_SYSCALL_INFO"),
        (0x420f, "PTRACE_GET_RSEQ_CONFIGURATION"),
    ])

    public static let keyctlCommand = NameTable(unknown: "KEYCTL_???", [
        (0, "KEYCTL_GET_KEYRING_ID"), (1, "KEYCTL_JOIN_SESSION_KEYRING"), (2, "KEYCTL_UPDATE"), (3, "KEYCTL_REVOKE"),
        (4, "KEYCTL_CHOWN"), (5, "KEYCTL_SETPERM"), (6, "KEYCTL_DESCRIBE"), (7, "KEYCTL_CLEAR"), (8, "KEYCTL_LINK"),
        (9, "KEYCTL_UNLINK"), (10, "KEYCTL_SEARCH"), (11, "KEYCTL_READ"), (12, "KEYCTL_INSTANTIATE"),
        (13, "KEYCTL_NEGATE"), (14, "KEYCTL_SET_REQKEY_KEYRING"), (15, "KEYCTL_SET_TIMEOUT"),
        (16, "KEYCTL_ASSUME_AUTHORITY"), (17, "KEYCTL_GET_SECURITY"), (18, "KEYCTL_SESSION_TO_PARENT"),
        (19, "KEYCTL_REJECT"), (20, "KEYCTL_INSTANTIATE_IOV"), (21, "KEYCTL_INVALIDATE"),
        (22, "KEYCTL_GET_PERSISTENT"), (23, "KEYCTL_DH_COMPUTE"), (24, "KEYCTL_PKEY_QUERY"),
        (25, "KEYCTL_PKEY_ENCRYPT"), (26, "KEYCTL_PKEY_DECRYPT"), (27, "KEYCTL_PKEY_SIGN"), (28, "KEYCTL_PKEY_VERIFY"),
        (29, "KEYCTL_RESTRICT_KEYRING"), (30, "KEYCTL_MOVE"), (31, "KEYCTL_CAPABILITIES"), (32, "KEYCTL_WATCH_KEY"),
    ])

    /// key_serial_t specials (KEY_SPEC_*), as 32-bit patterns of -1..-8.
    public static let keySpec = NameTable(unknown: "", [
        (0xffff_ffff, "KEY_SPEC_THREAD_KEYRING"), (0xffff_fffe, "KEY_SPEC_PROCESS_KEYRING"),
        (0xffff_fffd, "KEY_SPEC_SESSION_KEYRING"), (0xffff_fffc, "KEY_SPEC_USER_KEYRING"),
        (0xffff_fffb, "KEY_SPEC_USER_SESSION_KEYRING"), (0xffff_fffa, "KEY_SPEC_GROUP_KEYRING"),
        (0xffff_fff9, "KEY_SPEC_REQKEY_AUTH_KEY"), (0xffff_fff8, "KEY_SPEC_REQUESTOR_KEYRING"),
    ])

    public static let keyReqkeyDefault = NameTable(unknown: "KEY_REQKEY_DEFL_???", [
        (0xffff_ffff, "KEY_REQKEY_DEFL_NO_CHANGE"), (0, "KEY_REQKEY_DEFL_DEFAULT"),
        (1, "KEY_REQKEY_DEFL_THREAD_KEYRING"), (2, "KEY_REQKEY_DEFL_PROCESS_KEYRING"),
        (3, "KEY_REQKEY_DEFL_SESSION_KEYRING"), (4, "KEY_REQKEY_DEFL_USER_KEYRING"),
        (5, "KEY_REQKEY_DEFL_USER_SESSION_KEYRING"), (6, "KEY_REQKEY_DEFL_GROUP_KEYRING"),
        (7, "KEY_REQKEY_DEFL_REQUESTOR_KEYRING"),
    ])

    /// Key permission bits in strace's order (each bit before the *_ALL masks).
    public static let keyPerms = NameTable(unknown: "KEY_???", [
        (0x0100_0000, "KEY_POS_VIEW"), (0x0200_0000, "KEY_POS_READ"), (0x0400_0000, "KEY_POS_WRITE"),
        (0x0800_0000, "KEY_POS_SEARCH"), (0x1000_0000, "KEY_POS_LINK"), (0x2000_0000, "KEY_POS_SETATTR"),
        (0x3f00_0000, "KEY_POS_ALL"),
        (0x0001_0000, "KEY_USR_VIEW"), (0x0002_0000, "KEY_USR_READ"), (0x0004_0000, "KEY_USR_WRITE"),
        (0x0008_0000, "KEY_USR_SEARCH"), (0x0010_0000, "KEY_USR_LINK"), (0x0020_0000, "KEY_USR_SETATTR"),
        (0x003f_0000, "KEY_USR_ALL"),
        (0x0100, "KEY_GRP_VIEW"), (0x0200, "KEY_GRP_READ"), (0x0400, "KEY_GRP_WRITE"), (0x0800, "KEY_GRP_SEARCH"),
        (0x1000, "KEY_GRP_LINK"), (0x2000, "KEY_GRP_SETATTR"), (0x3f00, "KEY_GRP_ALL"),
        (0x01, "KEY_OTH_VIEW"), (0x02, "KEY_OTH_READ"), (0x04, "KEY_OTH_WRITE"), (0x08, "KEY_OTH_SEARCH"),
        (0x10, "KEY_OTH_LINK"), (0x20, "KEY_OTH_SETATTR"), (0x3f, "KEY_OTH_ALL"),
    ])

    public static let keyctlCaps0 = NameTable(unknown: "KEYCTL_CAPS0_???", [
        (0x01, "KEYCTL_CAPS0_CAPABILITIES"), (0x02, "KEYCTL_CAPS0_PERSISTENT_KEYRINGS"),
        (0x04, "KEYCTL_CAPS0_DIFFIE_HELLMAN"), (0x08, "KEYCTL_CAPS0_PUBLIC_KEY"), (0x10, "KEYCTL_CAPS0_BIG_KEY"),
        (0x20, "KEYCTL_CAPS0_INVALIDATE"), (0x40, "KEYCTL_CAPS0_RESTRICT_KEYRING"), (0x80, "KEYCTL_CAPS0_MOVE"),
    ])

    public static let keyctlCaps1 = NameTable(unknown: "KEYCTL_CAPS1_???", [
        (0x01, "KEYCTL_CAPS1_NS_KEYRING_NAME"), (0x02, "KEYCTL_CAPS1_NS_KEY_TAG"), (0x04, "KEYCTL_CAPS1_NOTIFICATIONS"),
    ])

    public static let keyctlMoveFlags = NameTable(unknown: "KEYCTL_MOVE_???", [(1, "KEYCTL_MOVE_EXCL")])

    public static let keyctlPkeyOps = NameTable(unknown: "KEYCTL_SUPPORTS_???", [
        (0x01, "KEYCTL_SUPPORTS_ENCRYPT"), (0x02, "KEYCTL_SUPPORTS_DECRYPT"), (0x04, "KEYCTL_SUPPORTS_SIGN"),
        (0x08, "KEYCTL_SUPPORTS_VERIFY"),
    ])

    public static let fOwnerType = NameTable(unknown: "F_OWNER_???", [(0, "F_OWNER_TID"), (1, "F_OWNER_PID"), (2, "F_OWNER_PGRP")])

    public static let dnotifyFlags = NameTable(unknown: "DN_???", [
        (0x1, "DN_ACCESS"), (0x2, "DN_MODIFY"), (0x4, "DN_CREATE"), (0x8, "DN_DELETE"), (0x10, "DN_RENAME"),
        (0x20, "DN_ATTRIB"), (0x80000000, "DN_MULTISHOT"),
    ])

    public static let securebits = NameTable(unknown: "SECBIT_???", [
        (0x1, "SECBIT_NOROOT"), (0x2, "SECBIT_NOROOT_LOCKED"), (0x4, "SECBIT_NO_SETUID_FIXUP"),
        (0x8, "SECBIT_NO_SETUID_FIXUP_LOCKED"), (0x10, "SECBIT_KEEP_CAPS"), (0x20, "SECBIT_KEEP_CAPS_LOCKED"),
        (0x40, "SECBIT_NO_CAP_AMBIENT_RAISE"), (0x80, "SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED"),
    ])

    // prctl's argument tables (strace's xlat/pr_*.in).
    public static let prUnalign = NameTable(unknown: "PR_UNALIGN_???", [(1, "PR_UNALIGN_NOPRINT"), (2, "PR_UNALIGN_SIGBUS")])
    public static let prFpMode = NameTable(unknown: "PR_FP_MODE_???", [(1, "PR_FP_MODE_FR"), (2, "PR_FP_MODE_FRE")])
    public static let prPacEnabledKeys = NameTable(unknown: "PR_PAC_???", [
        (1, "PR_PAC_APIAKEY"), (2, "PR_PAC_APIBKEY"), (4, "PR_PAC_APDAKEY"), (8, "PR_PAC_APDBKEY"),
    ])
    public static let prPacKeys = NameTable(unknown: "PR_PAC_???", [
        (1, "PR_PAC_APIAKEY"), (2, "PR_PAC_APIBKEY"), (4, "PR_PAC_APDAKEY"), (8, "PR_PAC_APDBKEY"), (16, "PR_PAC_APGAKEY"),
    ])
    public static let prSyscallDispatch = NameTable(unknown: "PR_SYS_DISPATCH_???", [(0, "PR_SYS_DISPATCH_OFF"), (1, "PR_SYS_DISPATCH_ON")])
    public static let prMceKillCommand = NameTable(unknown: "PR_MCE_KILL_???", [(0, "PR_MCE_KILL_CLEAR"), (1, "PR_MCE_KILL_SET")])
    public static let prCapAmbient = NameTable(unknown: "PR_CAP_AMBIENT_???", [
        (1, "PR_CAP_AMBIENT_IS_SET"), (2, "PR_CAP_AMBIENT_RAISE"), (3, "PR_CAP_AMBIENT_LOWER"), (4, "PR_CAP_AMBIENT_CLEAR_ALL"),
    ])
    public static let prSveFlags = NameTable(unknown: "PR_SVE_???", [(1 << 18, "PR_SVE_SET_VL_ONEXEC"), (1 << 17, "PR_SVE_VL_INHERIT")])
    public static let prSmeFlags = NameTable(unknown: "PR_SME_???", [(1 << 18, "PR_SME_SET_VL_ONEXEC"), (1 << 17, "PR_SME_VL_INHERIT")])
    public static let prSpecSetState = NameTable(unknown: "PR_SPEC_???", [
        (0x2, "PR_SPEC_ENABLE"), (0x4, "PR_SPEC_DISABLE"), (0x8, "PR_SPEC_FORCE_DISABLE"), (0x10, "PR_SPEC_DISABLE_NOEXEC"),
    ])
    public static let prSchedCoreCommand = NameTable(unknown: "PR_SCHED_CORE_???", [
        (0, "PR_SCHED_CORE_GET"), (1, "PR_SCHED_CORE_CREATE"), (2, "PR_SCHED_CORE_SHARE_TO"), (3, "PR_SCHED_CORE_SHARE_FROM"),
    ])
    public static let pidType = NameTable(unknown: "PIDTYPE_???", [(0, "PIDTYPE_PID"), (1, "PIDTYPE_TGID"), (2, "PIDTYPE_PGID"), (3, "PIDTYPE_SID")])
    public static let prSetVma = NameTable(unknown: "PR_SET_VMA_???", [(0, "PR_SET_VMA_ANON_NAME")])
    public static let prMteCheckMode = NameTable(unknown: "PR_MTE_TCF_???", [
        (0, "PR_MTE_TCF_NONE"), (2, "PR_MTE_TCF_SYNC"), (4, "PR_MTE_TCF_ASYNC"), (6, "PR_MTE_TCF_MASK"),
    ])

    public static let prTsc = NameTable(unknown: "PR_TSC_???", [(1, "PR_TSC_ENABLE"), (2, "PR_TSC_SIGSEGV")])

    public static let prMceKill = NameTable(unknown: "PR_MCE_KILL_???", [
        (0, "PR_MCE_KILL_LATE"), (1, "PR_MCE_KILL_EARLY"), (2, "PR_MCE_KILL_DEFAULT"),
    ])

    public static let prSpecWhich = NameTable(unknown: "PR_SPEC_???", [
        (0, "PR_SPEC_STORE_BYPASS"), (1, "PR_SPEC_INDIRECT_BRANCH"), (2, "PR_SPEC_L1D_FLUSH"),
    ])

    public static let prSpecState = NameTable(zero: "PR_SPEC_NOT_AFFECTED", unknown: "PR_SPEC_???", [
        (0x1, "PR_SPEC_PRCTL"), (0x2, "PR_SPEC_ENABLE"), (0x4, "PR_SPEC_DISABLE"), (0x8, "PR_SPEC_FORCE_DISABLE"),
        (0x10, "PR_SPEC_DISABLE_NOEXEC"),
    ])

    public static let prSetMm = NameTable(unknown: "PR_SET_MM_???", [
        (1, "PR_SET_MM_START_CODE"), (2, "PR_SET_MM_END_CODE"), (3, "PR_SET_MM_START_DATA"), (4, "PR_SET_MM_END_DATA"),
        (5, "PR_SET_MM_START_STACK"), (6, "PR_SET_MM_START_BRK"), (7, "PR_SET_MM_BRK"), (8, "PR_SET_MM_ARG_START"),
        (9, "PR_SET_MM_ARG_END"), (10, "PR_SET_MM_ENV_START"), (11, "PR_SET_MM_ENV_END"), (12, "PR_SET_MM_AUXV"),
        (13, "PR_SET_MM_EXE_FILE"), (14, "PR_SET_MM_MAP"), (15, "PR_SET_MM_MAP_SIZE"),
    ])

    public static let capabilityVersion = NameTable(unknown: "_LINUX_CAPABILITY_VERSION_???", [
        (0x1998_0330, "_LINUX_CAPABILITY_VERSION_1"), (0x2007_1026, "_LINUX_CAPABILITY_VERSION_2"),
        (0x2008_0522, "_LINUX_CAPABILITY_VERSION_3"),
    ])

    public static let direntType = NameTable(unknown: "DT_???", [
        (0, "DT_UNKNOWN"), (1, "DT_FIFO"), (2, "DT_CHR"), (4, "DT_DIR"), (6, "DT_BLK"), (8, "DT_REG"), (10, "DT_LNK"),
        (12, "DT_SOCK"), (14, "DT_WHT"),
    ])

    public static let mountFlags = NameTable(unknown: "MS_???", [
        (1, "MS_RDONLY"), (2, "MS_NOSUID"), (4, "MS_NODEV"), (8, "MS_NOEXEC"), (16, "MS_SYNCHRONOUS"), (32, "MS_REMOUNT"),
        (64, "MS_MANDLOCK"), (128, "MS_DIRSYNC"), (256, "MS_NOSYMFOLLOW"), (1024, "MS_NOATIME"), (2048, "MS_NODIRATIME"),
        (4096, "MS_BIND"), (8192, "MS_MOVE"), (16384, "MS_REC"), (32768, "MS_SILENT"), (1 << 16, "MS_POSIXACL"),
        (1 << 17, "MS_UNBINDABLE"), (1 << 18, "MS_PRIVATE"), (1 << 19, "MS_SLAVE"), (1 << 20, "MS_SHARED"),
        (1 << 21, "MS_RELATIME"), (1 << 22, "MS_KERNMOUNT"), (1 << 23, "MS_I_VERSION"), (1 << 24, "MS_STRICTATIME"),
        (1 << 25, "MS_LAZYTIME"), (1 << 26, "MS_SUBMOUNT"), (1 << 27, "MS_NOREMOTELOCK"), (1 << 28, "MS_NOSEC"),
        (1 << 29, "MS_BORN"), (1 << 30, "MS_ACTIVE"), (1 << 31, "MS_NOUSER"),
    ])

    /// mbind/move_pages/migrate flags.
    public static let mempolicyMoveFlags = NameTable(unknown: "MPOL_MF_???", [
        (1, "MPOL_MF_STRICT"), (2, "MPOL_MF_MOVE"), (4, "MPOL_MF_MOVE_ALL"),
    ])
    /// get_mempolicy's flags.
    public static let getMempolicyFlags = NameTable(unknown: "MPOL_???", [
        (1, "MPOL_F_NODE"), (2, "MPOL_F_ADDR"), (4, "MPOL_F_MEMS_ALLOWED"),
    ])
    public static let perfEventOpenFlags = NameTable(unknown: "PERF_FLAG_???", [
        (1, "PERF_FLAG_FD_NO_GROUP"), (2, "PERF_FLAG_FD_OUTPUT"), (4, "PERF_FLAG_PID_CGROUP"), (8, "PERF_FLAG_FD_CLOEXEC"),
    ])
    public static let deleteModuleFlags = NameTable(unknown: "O_???", [(0x800, "O_NONBLOCK"), (0x200, "O_TRUNC")])
    public static let finitModuleFlags = NameTable(unknown: "MODULE_INIT_???", [
        (1, "MODULE_INIT_IGNORE_MODVERSIONS"), (2, "MODULE_INIT_IGNORE_VERMAGIC"), (4, "MODULE_INIT_COMPRESSED_FILE"),
    ])

    /// io_uring_register's opcodes that strace 6.1 names.
    public static let ioUringRegisterOpcode = NameTable(unknown: "IORING_REGISTER_???", [
        (0, "IORING_REGISTER_BUFFERS"), (1, "IORING_UNREGISTER_BUFFERS"), (2, "IORING_REGISTER_FILES"), (3, "IORING_UNREGISTER_FILES"), (4, "IORING_REGISTER_EVENTFD"), (5, "IORING_UNREGISTER_EVENTFD"), (6, "IORING_REGISTER_FILES_UPDATE"), (7, "IORING_REGISTER_EVENTFD_ASYNC"), (8, "IORING_REGISTER_PROBE"), (9, "IORING_REGISTER_PERSONALITY"), (10, "IORING_UNREGISTER_PERSONALITY"), (11, "IORING_REGISTER_RESTRICTIONS"), (12, "IORING_REGISTER_ENABLE_RINGS"), (13, "IORING_REGISTER_FILES2"), (14, "IORING_REGISTER_FILES_UPDATE2"), (15, "IORING_REGISTER_BUFFERS2"), (16, "IORING_REGISTER_BUFFERS_UPDATE"), (17, "IORING_REGISTER_IOWQ_AFF"), (18, "IORING_UNREGISTER_IOWQ_AFF"), (19, "IORING_REGISTER_IOWQ_MAX_WORKERS"), (20, "IORING_REGISTER_RING_FDS"), (21, "IORING_UNREGISTER_RING_FDS"), (22, "IORING_REGISTER_PBUF_RING"), (23, "IORING_UNREGISTER_PBUF_RING"),
    ])

    /// io_uring_setup's flags, features and io_uring_enter's flags as strace 6.1 names them.
    public static let ioUringSetupFlags = NameTable(unknown: "IORING_SETUP_???", [(1 << 0, "IORING_SETUP_IOPOLL"), (1 << 1, "IORING_SETUP_SQPOLL"), (1 << 2, "IORING_SETUP_SQ_AFF"), (1 << 3, "IORING_SETUP_CQSIZE"), (1 << 4, "IORING_SETUP_CLAMP"), (1 << 5, "IORING_SETUP_ATTACH_WQ"), (1 << 6, "IORING_SETUP_R_DISABLED"), (1 << 7, "IORING_SETUP_SUBMIT_ALL"), (1 << 8, "IORING_SETUP_COOP_TASKRUN"), (1 << 9, "IORING_SETUP_TASKRUN_FLAG"), (1 << 10, "IORING_SETUP_SQE128"), (1 << 11, "IORING_SETUP_CQE32")])
    public static let ioUringFeatures = NameTable(unknown: "IORING_FEAT_???", [(1 << 0, "IORING_FEAT_SINGLE_MMAP"), (1 << 1, "IORING_FEAT_NODROP"), (1 << 2, "IORING_FEAT_SUBMIT_STABLE"), (1 << 3, "IORING_FEAT_RW_CUR_POS"), (1 << 4, "IORING_FEAT_CUR_PERSONALITY"), (1 << 5, "IORING_FEAT_FAST_POLL"), (1 << 6, "IORING_FEAT_POLL_32BITS"), (1 << 7, "IORING_FEAT_SQPOLL_NONFIXED"), (1 << 8, "IORING_FEAT_EXT_ARG"), (1 << 9, "IORING_FEAT_NATIVE_WORKERS"), (1 << 10, "IORING_FEAT_RSRC_TAGS"), (1 << 11, "IORING_FEAT_CQE_SKIP"), (1 << 12, "IORING_FEAT_LINKED_FILE")])
    public static let ioUringEnterFlags = NameTable(unknown: "IORING_ENTER_???", [(1 << 0, "IORING_ENTER_GETEVENTS"), (1 << 1, "IORING_ENTER_SQ_WAKEUP"), (1 << 2, "IORING_ENTER_SQ_WAIT"), (1 << 3, "IORING_ENTER_EXT_ARG"), (1 << 4, "IORING_ENTER_REGISTERED_RING")])

    public static let ioUringOps = NameTable(unknown: "IORING_OP_???", [(0, "IORING_OP_NOP"), (1, "IORING_OP_READV"), (2, "IORING_OP_WRITEV"), (3, "IORING_OP_FSYNC"), (4, "IORING_OP_READ_FIXED"), (5, "IORING_OP_WRITE_FIXED"), (6, "IORING_OP_POLL_ADD"), (7, "IORING_OP_POLL_REMOVE"), (8, "IORING_OP_SYNC_FILE_RANGE"), (9, "IORING_OP_SENDMSG"), (10, "IORING_OP_RECVMSG"), (11, "IORING_OP_TIMEOUT"), (12, "IORING_OP_TIMEOUT_REMOVE"), (13, "IORING_OP_ACCEPT"), (14, "IORING_OP_ASYNC_CANCEL"), (15, "IORING_OP_LINK_TIMEOUT"), (16, "IORING_OP_CONNECT"), (17, "IORING_OP_FALLOCATE"), (18, "IORING_OP_OPENAT"), (19, "IORING_OP_CLOSE"), (20, "IORING_OP_FILES_UPDATE"), (21, "IORING_OP_STATX"), (22, "IORING_OP_READ"), (23, "IORING_OP_WRITE"), (24, "IORING_OP_FADVISE"), (25, "IORING_OP_MADVISE"), (26, "IORING_OP_SEND"), (27, "IORING_OP_RECV"), (28, "IORING_OP_OPENAT2"), (29, "IORING_OP_EPOLL_CTL"), (30, "IORING_OP_SPLICE"), (31, "IORING_OP_PROVIDE_BUFFERS"), (32, "IORING_OP_REMOVE_BUFFERS"), (33, "IORING_OP_TEE"), (34, "IORING_OP_SHUTDOWN"), (35, "IORING_OP_RENAMEAT"), (36, "IORING_OP_UNLINKAT"), (37, "IORING_OP_MKDIRAT"), (38, "IORING_OP_SYMLINKAT"), (39, "IORING_OP_LINKAT"), (40, "IORING_OP_MSG_RING"), (41, "IORING_OP_FSETXATTR"), (42, "IORING_OP_SETXATTR"), (43, "IORING_OP_FGETXATTR"), (44, "IORING_OP_GETXATTR"), (45, "IORING_OP_SOCKET"), (46, "IORING_OP_URING_CMD")])
    public static let ioUringOpFlags = NameTable(unknown: "IO_URING_OP_???", [(1, "IO_URING_OP_SUPPORTED")])
    public static let ioUringRestrictionOpcode = NameTable(unknown: "IORING_RESTRICTION_???", [
        (0, "IORING_RESTRICTION_REGISTER_OP"), (1, "IORING_RESTRICTION_SQE_OP"),
        (2, "IORING_RESTRICTION_SQE_FLAGS_ALLOWED"), (3, "IORING_RESTRICTION_SQE_FLAGS_REQUIRED"),
    ])
    public static let ioUringSqeFlags = NameTable(unknown: "IOSQE_???", [(1 << 0, "IOSQE_FIXED_FILE"), (1 << 1, "IOSQE_IO_DRAIN"), (1 << 2, "IOSQE_IO_LINK"), (1 << 3, "IOSQE_IO_HARDLINK"), (1 << 4, "IOSQE_ASYNC"), (1 << 5, "IOSQE_BUFFER_SELECT"), (1 << 6, "IOSQE_CQE_SKIP_SUCCESS")])
    /// IORING_REGISTER_FILES_SKIP (-2), as a 32-bit pattern.
    public static let ioUringFilesUpdateFds = NameTable(unknown: "", [(0xffff_fffe, "IORING_REGISTER_FILES_SKIP")])
    public static let ioUringRsrcRegisterFlags = NameTable(unknown: "IORING_RSRC_REGISTER_???", [(1, "IORING_RSRC_REGISTER_SPARSE")])
    public static let ioUringIowqAcct = NameTable(unknown: "IO_WQ_???", [(0, "IO_WQ_BOUND"), (1, "IO_WQ_UNBOUND")])

    public static let fspickFlags = NameTable(unknown: "FSPICK_???", [
        (1, "FSPICK_CLOEXEC"), (2, "FSPICK_SYMLINK_NOFOLLOW"), (4, "FSPICK_NO_AUTOMOUNT"), (8, "FSPICK_EMPTY_PATH"),
    ])

    public static let landlockCreateRulesetFlags = NameTable(unknown: "LANDLOCK_CREATE_RULESET_???", [(1, "LANDLOCK_CREATE_RULESET_VERSION")])

    public static let syslogConsoleLevel = NameTable(unknown: "LOGLEVEL_???", [
        (0, "LOGLEVEL_EMERG"), (1, "LOGLEVEL_ALERT"), (2, "LOGLEVEL_CRIT"), (3, "LOGLEVEL_ERR"), (4, "LOGLEVEL_WARNING"),
        (5, "LOGLEVEL_NOTICE"), (6, "LOGLEVEL_INFO"), (7, "LOGLEVEL_DEBUG"), (8, "LOGLEVEL_DEBUG+1"),
    ])

    /// memfd_secret's one flag; strace names nothing else and adds no comment.
    public static let memfdSecretFlags = NameTable(unknown: "", [(0x80000, "O_CLOEXEC")])

    /// arch_prctl's XSAVE feature masks and numbers (strace's xlat/x86_xfeature*.in, in its order).
    public static let x86Xfeatures = NameTable(unknown: "XFEATURE_MASK_???", [
        (0x3, "XFEATURE_MASK_FPSSE"), (0x1, "XFEATURE_MASK_FP"), (0x2, "XFEATURE_MASK_SSE"), (0x4, "XFEATURE_MASK_YMM"),
        (0x8, "XFEATURE_MASK_BNDREGS"), (0x10, "XFEATURE_MASK_BNDCSR"), (0xe0, "XFEATURE_MASK_AVX512"),
        (0x20, "XFEATURE_MASK_OPMASK"), (0x40, "XFEATURE_MASK_ZMM_Hi256"), (0x80, "XFEATURE_MASK_Hi16_ZMM"),
        (0x100, "XFEATURE_MASK_PT"), (0x200, "XFEATURE_MASK_PKRU"), (0x400, "XFEATURE_MASK_PASID"),
        (0x8000, "XFEATURE_MASK_LBR"), (0x60000, "XFEATURE_MASK_XTILE"), (0x20000, "XFEATURE_MASK_XTILE_CFG"),
        (0x40000, "XFEATURE_MASK_XTILE_DATA"),
    ])
    public static let x86XfeatureBits = NameTable(unknown: "XFEATURE_???", [
        (0, "XFEATURE_FP"), (1, "XFEATURE_SSE"), (2, "XFEATURE_YMM"), (3, "XFEATURE_BNDREGS"), (4, "XFEATURE_BNDCSR"),
        (5, "XFEATURE_OPMASK"), (6, "XFEATURE_ZMM_Hi256"), (7, "XFEATURE_Hi16_ZMM"), (8, "XFEATURE_PT_UNIMPLEMENTED_SO_FAR"),
        (9, "XFEATURE_PKRU"), (10, "XFEATURE_PASID"), (15, "XFEATURE_LBR"), (17, "XFEATURE_XTILE_CFG"), (18, "XFEATURE_XTILE_DATA"),
    ])

    /// quotactl's commands (`cmd >> 8`), types, formats and XFS flags (strace's xlat/quota*.in).
    public static let quotaCommand = NameTable(unknown: "Q_???", [
        (0x100, "Q_V1_QUOTAON"), (0x200, "Q_V1_QUOTAOFF"), (0x300, "Q_V1_GETQUOTA"), (0x400, "Q_V1_SETQUOTA"), (0x500, "Q_V1_SETUSE"), (0x600, "Q_V1_SYNC"), (0x700, "Q_SETQLIM"), (0x800, "Q_V1_GETSTATS"), (0x1000, "Q_V1_RSQUASH"), (0xd00, "Q_V2_GETQUOTA"), (0xe00, "Q_V2_SETQUOTA"), (0xf00, "Q_V2_SETUSE"), (0x900, "Q_V2_GETINFO"), (0xa00, "Q_V2_SETINFO"), (0xb00, "Q_V2_SETGRACE"), (0xc00, "Q_V2_SETFLAGS"), (0x1100, "Q_V2_GETSTATS"), (0x800001, "Q_SYNC"), (0x800002, "Q_QUOTAON"), (0x800003, "Q_QUOTAOFF"), (0x800004, "Q_GETFMT"), (0x800005, "Q_GETINFO"), (0x800006, "Q_SETINFO"), (0x800007, "Q_GETQUOTA"), (0x800008, "Q_SETQUOTA"), (0x800009, "Q_GETNEXTQUOTA"), (0x5801, "Q_XQUOTAON"), (0x5802, "Q_XQUOTAOFF"), (0x5803, "Q_XGETQUOTA"), (0x5804, "Q_XSETQLIM"), (0x5805, "Q_XGETQSTAT"), (0x5806, "Q_XQUOTARM"), (0x5807, "Q_XQUOTASYNC"), (0x5808, "Q_XGETQSTATV"), (0x5809, "Q_XGETNEXTQUOTA"),
    ])
    public static let quotaType = NameTable(unknown: "???QUOTA", [(0, "USRQUOTA"), (1, "GRPQUOTA"), (2, "PRJQUOTA")])
    public static let quotaFormat = NameTable(unknown: "QFMT_VFS_???", [
        (1, "QFMT_VFS_OLD"), (2, "QFMT_VFS_V0"), (3, "QFMT_OCFS2"), (4, "QFMT_VFS_V1"),
    ])
    public static let xfsQuotaFlags = NameTable(unknown: "FS_QUOTA_???", [
        (1, "FS_QUOTA_UDQ_ACCT"), (2, "FS_QUOTA_UDQ_ENFD"), (4, "FS_QUOTA_GDQ_ACCT"), (8, "FS_QUOTA_GDQ_ENFD"),
        (16, "FS_QUOTA_PDQ_ACCT"), (32, "FS_QUOTA_PDQ_ENFD"),
    ])
    public static let xfsQuotaTypes = NameTable(unknown: "FS_???_QUOTA", [(1, "FS_USER_QUOTA"), (2, "FS_PROJ_QUOTA"), (4, "FS_GROUP_QUOTA")])
    public static let ifDqblkValid = NameTable(unknown: "QIF_???", [
        (1, "QIF_BLIMITS"), (2, "QIF_SPACE"), (4, "QIF_ILIMITS"), (8, "QIF_INODES"), (16, "QIF_BTIME"), (32, "QIF_ITIME"),
    ])
    public static let ifDqinfoFlags = NameTable(unknown: "DQF_???", [(1, "DQF_ROOT_SQUASH"), (0x10000, "DQF_SYS_FILE")])
    public static let ifDqinfoValid = NameTable(unknown: "IIF_???", [(1, "IIF_BGRACE"), (2, "IIF_IGRACE"), (4, "IIF_FLAGS")])

    public static let seccompFilterFlags = NameTable(unknown: "SECCOMP_FILTER_FLAG_???", [
        (1, "SECCOMP_FILTER_FLAG_TSYNC"), (2, "SECCOMP_FILTER_FLAG_LOG"), (4, "SECCOMP_FILTER_FLAG_SPEC_ALLOW"),
        (8, "SECCOMP_FILTER_FLAG_NEW_LISTENER"), (16, "SECCOMP_FILTER_FLAG_TSYNC_ESRCH"), (32, "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"),
    ])
    public static let seccompReturnAction = NameTable(unknown: "SECCOMP_RET_???", [
        (0x8000_0000, "SECCOMP_RET_KILL_PROCESS"), (0, "SECCOMP_RET_KILL_THREAD"), (0x30000, "SECCOMP_RET_TRAP"),
        (0x50000, "SECCOMP_RET_ERRNO"), (0x7fc0_0000, "SECCOMP_RET_USER_NOTIF"), (0x7ff0_0000, "SECCOMP_RET_TRACE"),
        (0x7ffc_0000, "SECCOMP_RET_LOG"), (0x7fff_0000, "SECCOMP_RET_ALLOW"),
    ])

    public static let landlockRuleType = NameTable(unknown: "LANDLOCK_RULE_???", [(1, "LANDLOCK_RULE_PATH_BENEATH")])
    public static let landlockAccessFs = NameTable(unknown: "LANDLOCK_ACCESS_FS_???", [
        (0x1, "LANDLOCK_ACCESS_FS_EXECUTE"), (0x2, "LANDLOCK_ACCESS_FS_WRITE_FILE"), (0x4, "LANDLOCK_ACCESS_FS_READ_FILE"),
        (0x8, "LANDLOCK_ACCESS_FS_READ_DIR"), (0x10, "LANDLOCK_ACCESS_FS_REMOVE_DIR"), (0x20, "LANDLOCK_ACCESS_FS_REMOVE_FILE"),
        (0x40, "LANDLOCK_ACCESS_FS_MAKE_CHAR"), (0x80, "LANDLOCK_ACCESS_FS_MAKE_DIR"), (0x100, "LANDLOCK_ACCESS_FS_MAKE_REG"),
        (0x200, "LANDLOCK_ACCESS_FS_MAKE_SOCK"), (0x400, "LANDLOCK_ACCESS_FS_MAKE_FIFO"), (0x800, "LANDLOCK_ACCESS_FS_MAKE_BLOCK"),
        (0x1000, "LANDLOCK_ACCESS_FS_MAKE_SYM"), (0x2000, "LANDLOCK_ACCESS_FS_REFER"),
    ])
    public static let socketTxRehash = NameTable(unknown: "SOCK_TXREHASH_???", [
        (0, "SOCK_TXREHASH_DISABLED"), (1, "SOCK_TXREHASH_ENABLED"), (255, "SOCK_TXREHASH_DEFAULT"),
    ])

    /// fanotify_mark's flags and event mask, in strace's order (xlat/fan_*.in).
    public static let fanotifyMarkFlags = NameTable(unknown: "FAN_MARK_???", [
        (0x00000001, "FAN_MARK_ADD"), (0x00000002, "FAN_MARK_REMOVE"), (0x00000004, "FAN_MARK_DONT_FOLLOW"), (0x00000008, "FAN_MARK_ONLYDIR"), (0x00000010, "FAN_MARK_MOUNT"), (0x00000020, "FAN_MARK_IGNORED_MASK"), (0x00000040, "FAN_MARK_IGNORED_SURV_MODIFY"), (0x00000080, "FAN_MARK_FLUSH"), (0x00000100, "FAN_MARK_FILESYSTEM"), (0x00000200, "FAN_MARK_EVICTABLE"), (0x00000400, "FAN_MARK_IGNORE"),
    ])
    public static let fanotifyEventFlags = NameTable(unknown: "FAN_???", [
        (0x00000001, "FAN_ACCESS"), (0x00000002, "FAN_MODIFY"), (0x00000004, "FAN_ATTRIB"), (0x00000008, "FAN_CLOSE_WRITE"), (0x00000010, "FAN_CLOSE_NOWRITE"), (0x00000020, "FAN_OPEN"), (0x00000040, "FAN_MOVED_FROM"), (0x00000080, "FAN_MOVED_TO"), (0x00000100, "FAN_CREATE"), (0x00000200, "FAN_DELETE"), (0x00000400, "FAN_DELETE_SELF"), (0x00000800, "FAN_MOVE_SELF"), (0x00001000, "FAN_OPEN_EXEC"), (0x00004000, "FAN_Q_OVERFLOW"), (0x00008000, "FAN_FS_ERROR"), (0x00010000, "FAN_OPEN_PERM"), (0x00020000, "FAN_ACCESS_PERM"), (0x00040000, "FAN_OPEN_EXEC_PERM"), (0x00080000, "FAN_DIR_MODIFY"), (0x40000000, "FAN_ONDIR"), (0x08000000, "FAN_EVENT_ON_CHILD"), (0x10000000, "FAN_RENAME"),
    ])

    public static let pidfdFlags = NameTable(unknown: "PIDFD_???", [(0x800, "PIDFD_NONBLOCK")])

    public static let kcmpType = NameTable(unknown: "KCMP_???", [
        (0, "KCMP_FILE"), (1, "KCMP_VM"), (2, "KCMP_FILES"), (3, "KCMP_FS"), (4, "KCMP_SIGHAND"), (5, "KCMP_IO"),
        (6, "KCMP_SYSVSEM"), (7, "KCMP_EPOLL_TFD"),
    ])

    public static let openTreeFlags = NameTable(unknown: "OPEN_TREE_???", [
        (1, "OPEN_TREE_CLONE"), (0o2000000, "OPEN_TREE_CLOEXEC"), (0x100, "AT_SYMLINK_NOFOLLOW"),
        (0x200, "AT_REMOVEDIR"), (0x400, "AT_SYMLINK_FOLLOW"), (0x800, "AT_NO_AUTOMOUNT"), (0x1000, "AT_EMPTY_PATH"), (0x8000, "AT_RECURSIVE"),
    ])

    public static let fsopenFlags = NameTable(unknown: "FSOPEN_???", [(1, "FSOPEN_CLOEXEC")])

    // The new mount API as strace 6.1 names it (src/xlat/fsconfig_cmds.in, move_mount_flags.in,
    // fsmount_flags.in, fsmount_attr_flags.in, mount_setattr_flags.in, mount_attr_*.in; values
    // from linux/mount.h). Later kernels' additions (FSCONFIG_CMD_CREATE_EXCL, MOVE_MOUNT_BENEATH)
    // are unknown to it.
    public static let fsconfigCommands = NameTable(unknown: "FSCONFIG_???", [
        (0, "FSCONFIG_SET_FLAG"), (1, "FSCONFIG_SET_STRING"), (2, "FSCONFIG_SET_BINARY"), (3, "FSCONFIG_SET_PATH"),
        (4, "FSCONFIG_SET_PATH_EMPTY"), (5, "FSCONFIG_SET_FD"), (6, "FSCONFIG_CMD_CREATE"), (7, "FSCONFIG_CMD_RECONFIGURE"),
    ])

    public static let moveMountFlags = NameTable(unknown: "MOVE_MOUNT_???", [
        (0x1, "MOVE_MOUNT_F_SYMLINKS"), (0x2, "MOVE_MOUNT_F_AUTOMOUNTS"), (0x4, "MOVE_MOUNT_F_EMPTY_PATH"),
        (0x10, "MOVE_MOUNT_T_SYMLINKS"), (0x20, "MOVE_MOUNT_T_AUTOMOUNTS"), (0x40, "MOVE_MOUNT_T_EMPTY_PATH"),
        (0x100, "MOVE_MOUNT_SET_GROUP"),
    ])

    public static let fsmountFlags = NameTable(unknown: "FSMOUNT_???", [(1, "FSMOUNT_CLOEXEC")])

    public static let fsmountAttrFlags = NameTable(unknown: "MOUNT_ATTR_???", [
        (0x1, "MOUNT_ATTR_RDONLY"), (0x2, "MOUNT_ATTR_NOSUID"), (0x4, "MOUNT_ATTR_NODEV"), (0x8, "MOUNT_ATTR_NOEXEC"),
        (0x10, "MOUNT_ATTR_NOATIME"), (0x20, "MOUNT_ATTR_STRICTATIME"), (0x80, "MOUNT_ATTR_NODIRATIME"),
    ])

    public static let mountSetattrFlags = NameTable(unknown: "AT_???", [
        (0x100, "AT_SYMLINK_NOFOLLOW"), (0x800, "AT_NO_AUTOMOUNT"), (0x1000, "AT_EMPTY_PATH"), (0x8000, "AT_RECURSIVE"),
    ])

    /// struct mount_attr's attr_set and attr_clr.
    public static let mountAttrAttr = NameTable(unknown: "MOUNT_ATTR_???", [
        (0x1, "MOUNT_ATTR_RDONLY"), (0x2, "MOUNT_ATTR_NOSUID"), (0x4, "MOUNT_ATTR_NODEV"), (0x8, "MOUNT_ATTR_NOEXEC"),
        (0x10, "MOUNT_ATTR_NOATIME"), (0x20, "MOUNT_ATTR_STRICTATIME"), (0x80, "MOUNT_ATTR_NODIRATIME"),
        (0x100000, "MOUNT_ATTR_IDMAP"), (0x200000, "MOUNT_ATTR_NOSYMFOLLOW"),
    ])

    static let mountAttrIdmap: UInt64 = 0x100000

    /// struct mount_attr's propagation: one of these.
    public static let mountAttrPropagation = NameTable(unknown: "MS_???", [
        (1 << 17, "MS_UNBINDABLE"), (1 << 18, "MS_PRIVATE"), (1 << 19, "MS_SLAVE"), (1 << 20, "MS_SHARED"),
    ])

    public static let seccompOperation = NameTable(unknown: "SECCOMP_SET_MODE_???", [
        (0, "SECCOMP_SET_MODE_STRICT"), (1, "SECCOMP_SET_MODE_FILTER"), (2, "SECCOMP_GET_ACTION_AVAIL"),
        (3, "SECCOMP_GET_NOTIF_SIZES"),
    ])

    public static let bpfCommand = NameTable(unknown: "BPF_???", [
        (0, "BPF_MAP_CREATE"), (1, "BPF_MAP_LOOKUP_ELEM"), (2, "BPF_MAP_UPDATE_ELEM"), (3, "BPF_MAP_DELETE_ELEM"),
        (4, "BPF_MAP_GET_NEXT_KEY"), (5, "BPF_PROG_LOAD"), (6, "BPF_OBJ_PIN"), (7, "BPF_OBJ_GET"), (8, "BPF_PROG_ATTACH"),
        (9, "BPF_PROG_DETACH"), (10, "BPF_PROG_TEST_RUN"), (11, "BPF_PROG_GET_NEXT_ID"), (12, "BPF_MAP_GET_NEXT_ID"),
        (13, "BPF_PROG_GET_FD_BY_ID"), (14, "BPF_MAP_GET_FD_BY_ID"), (15, "BPF_OBJ_GET_INFO_BY_FD"), (16, "BPF_PROG_QUERY"),
        (17, "BPF_RAW_TRACEPOINT_OPEN"), (18, "BPF_BTF_LOAD"), (19, "BPF_BTF_GET_FD_BY_ID"), (20, "BPF_TASK_FD_QUERY"),
        (21, "BPF_MAP_LOOKUP_AND_DELETE_ELEM"), (22, "BPF_MAP_FREEZE"), (23, "BPF_BTF_GET_NEXT_ID"),
        (24, "BPF_MAP_LOOKUP_BATCH"), (25, "BPF_MAP_LOOKUP_AND_DELETE_BATCH"), (26, "BPF_MAP_UPDATE_BATCH"),
        (27, "BPF_MAP_DELETE_BATCH"), (28, "BPF_LINK_CREATE"), (29, "BPF_LINK_UPDATE"), (30, "BPF_LINK_GET_FD_BY_ID"),
        (31, "BPF_LINK_GET_NEXT_ID"), (32, "BPF_ENABLE_STATS"), (33, "BPF_ITER_CREATE"), (34, "BPF_LINK_DETACH"),
        (35, "BPF_PROG_BIND_MAP"),
    ])

    /// The memory policy modes alone, and the mode flags (strace's mpol_modes, mpol_mode_flags).
    public static let mempolicyModes = NameTable(unknown: "MPOL_???", [
        (0, "MPOL_DEFAULT"), (1, "MPOL_PREFERRED"), (2, "MPOL_BIND"), (3, "MPOL_INTERLEAVE"), (4, "MPOL_LOCAL"),
        (5, "MPOL_PREFERRED_MANY"),
    ])
    public static let mempolicyModeFlags = NameTable(unknown: "MPOL_???", [
        (1 << 15, "MPOL_F_STATIC_NODES"), (1 << 14, "MPOL_F_RELATIVE_NODES"), (1 << 13, "MPOL_F_NUMA_BALANCING"),
    ])

    /// set_mempolicy's mode, with its MPOL_F_* flags in the upper bits.
    public static let mempolicyMode = NameTable(unknown: "MPOL_???", field: 0xff, fieldValues: [
        (0, "MPOL_DEFAULT"), (1, "MPOL_PREFERRED"), (2, "MPOL_BIND"), (3, "MPOL_INTERLEAVE"), (4, "MPOL_LOCAL"),
        (5, "MPOL_PREFERRED_MANY"),
    ], [(1 << 15, "MPOL_F_STATIC_NODES"), (1 << 14, "MPOL_F_RELATIVE_NODES"), (1 << 13, "MPOL_F_NUMA_BALANCING")])

    /// fanotify_init's flags: the notification class (a field, printed as a value), then flags.
    public static let fanotifyInitFlags = NameTable(unknown: "FAN_???", field: 0xc, fieldValues: [
        (0, "FAN_CLASS_NOTIF"), (4, "FAN_CLASS_CONTENT"), (8, "FAN_CLASS_PRE_CONTENT"),
    ], fieldUnknown: "FAN_CLASS_???", [
        (0x1, "FAN_CLOEXEC"), (0x2, "FAN_NONBLOCK"), (0x10, "FAN_UNLIMITED_QUEUE"), (0x20, "FAN_UNLIMITED_MARKS"),
        (0x40, "FAN_ENABLE_AUDIT"), (0x80, "FAN_REPORT_PIDFD"), (0x100, "FAN_REPORT_TID"), (0x200, "FAN_REPORT_FID"),
        (0x400, "FAN_REPORT_DIR_FID"), (0x800, "FAN_REPORT_NAME"), (0x1000, "FAN_REPORT_TARGET_FID"),
    ])

    /// kexec_load's flags: the architecture (KEXEC_ARCH_MASK, printed as a value), then flags.
    public static let kexecLoadFlags = NameTable(unknown: "KEXEC_???", field: 0xffff_0000, fieldValues: [
        (0, "KEXEC_ARCH_DEFAULT"), (3 << 16, "KEXEC_ARCH_386"), (4 << 16, "KEXEC_ARCH_68K"), (15 << 16, "KEXEC_ARCH_PARISC"),
        (62 << 16, "KEXEC_ARCH_X86_64"), (20 << 16, "KEXEC_ARCH_PPC"), (21 << 16, "KEXEC_ARCH_PPC64"),
        (50 << 16, "KEXEC_ARCH_IA_64"), (40 << 16, "KEXEC_ARCH_ARM"), (22 << 16, "KEXEC_ARCH_S390"), (42 << 16, "KEXEC_ARCH_SH"),
        (10 << 16, "KEXEC_ARCH_MIPS_LE"), (8 << 16, "KEXEC_ARCH_MIPS"), (183 << 16, "KEXEC_ARCH_AARCH64"),
        (243 << 16, "KEXEC_ARCH_RISCV"), (258 << 16, "KEXEC_ARCH_LOONGARCH"),
    ], fieldUnknown: "KEXEC_ARCH_???", [(1, "KEXEC_ON_CRASH"), (2, "KEXEC_PRESERVE_CONTEXT")])

    public static let kexecFileLoadFlags = NameTable(unknown: "KEXEC_FILE_???", [
        (1, "KEXEC_FILE_UNLOAD"), (2, "KEXEC_FILE_ON_CRASH"), (4, "KEXEC_FILE_NO_INITRAMFS"),
    ])

    /// struct futex_waitv's flags.
    public static let futexWaiterFlags = NameTable(unknown: "FUTEX_???", [(2, "FUTEX_32"), (128, "FUTEX_PRIVATE_FLAG")])

    public static let mlock2Flags = NameTable(unknown: "MLOCK_???", [(1, "MLOCK_ONFAULT")])

    public static let tcflush = NameTable(unknown: "TC???", [(0, "TCIFLUSH"), (1, "TCOFLUSH"), (2, "TCIOFLUSH")])
    public static let tcxonc = NameTable(unknown: "TC???", [(0, "TCOOFF"), (1, "TCOON"), (2, "TCIOFF"), (3, "TCION")])

    public static let ioctlDirection = NameTable(unknown: "_IOC_???", [
        (0, "_IOC_NONE"), (1, "_IOC_WRITE"), (2, "_IOC_READ"), (3, "_IOC_READ|_IOC_WRITE"),
    ])

    public static let termiosInput = NameTable(unknown: "I???", [
        (0x1, "IGNBRK"), (0x2, "BRKINT"), (0x4, "IGNPAR"), (0x8, "PARMRK"), (0x10, "INPCK"),
        (0x20, "ISTRIP"), (0x40, "INLCR"), (0x80, "IGNCR"), (0x100, "ICRNL"), (0x200, "IUCLC"),
        (0x400, "IXON"), (0x800, "IXANY"), (0x1000, "IXOFF"), (0x2000, "IMAXBEL"), (0x4000, "IUTF8"),
    ])

    /// c_oflag's delay fields, each printed by name before the flag bits.
    public static let termiosOutputDelays: [NameTable] = [
        NameTable(unknown: "NL???", field: 0x100, fieldValues: [(0, "NL0"), (0x100, "NL1")], []),
        NameTable(unknown: "CR???", field: 0x600, fieldValues: [
            (0, "CR0"), (0x200, "CR1"), (0x400, "CR2"), (0x600, "CR3"),
        ], []),
        // strace's table names 0x1800 XTABS before TAB3.
        NameTable(unknown: "TAB???", field: 0x1800, fieldValues: [
            (0x1800, "XTABS"), (0, "TAB0"), (0x800, "TAB1"), (0x1000, "TAB2"), (0x1800, "TAB3"),
        ], []),
        NameTable(unknown: "BS???", field: 0x2000, fieldValues: [(0, "BS0"), (0x2000, "BS1")], []),
        NameTable(unknown: "VT???", field: 0x4000, fieldValues: [(0, "VT0"), (0x4000, "VT1")], []),
        NameTable(unknown: "FF???", field: 0x8000, fieldValues: [(0, "FF0"), (0x8000, "FF1")], []),
    ]

    public static let termiosOutput = NameTable(unknown: "O???", [
        (0x1, "OPOST"), (0x2, "OLCUC"), (0x4, "ONLCR"), (0x8, "OCRNL"), (0x10, "ONOCR"),
        (0x20, "ONLRET"), (0x40, "OFILL"), (0x80, "OFDEL"),
    ])

    /// c_cflag: the baud rate (CBAUD), then the character size (CSIZE), then flag bits.
    public static let termiosBaud = NameTable(unknown: "B???", [
        (0, "B0"), (1, "B50"), (2, "B75"), (3, "B110"), (4, "B134"), (5, "B150"), (6, "B200"),
        (7, "B300"), (8, "B600"), (9, "B1200"), (10, "B1800"), (11, "B2400"), (12, "B4800"),
        (13, "B9600"), (14, "B19200"), (15, "B38400"), (0x1000, "BOTHER"), (0x1001, "B57600"),
        (0x1002, "B115200"), (0x1003, "B230400"), (0x1004, "B460800"), (0x1005, "B500000"),
        (0x1006, "B576000"), (0x1007, "B921600"), (0x1008, "B1000000"), (0x1009, "B1152000"),
        (0x100a, "B1500000"), (0x100b, "B2000000"), (0x100c, "B2500000"), (0x100d, "B3000000"),
        (0x100e, "B3500000"), (0x100f, "B4000000"),
    ])
    public static let termiosCharSize = NameTable(unknown: "CS???", [(0, "CS5"), (0x10, "CS6"), (0x20, "CS7"), (0x30, "CS8")])
    public static let termiosControl = NameTable(unknown: "C???", [
        (0x40, "CSTOPB"), (0x80, "CREAD"), (0x100, "PARENB"), (0x200, "PARODD"), (0x400, "HUPCL"),
        (0x800, "CLOCAL"), (0x40000000, "CMSPAR"), (0x80000000, "CRTSCTS"),
    ])

    public static let termiosLocal = NameTable(unknown: "???", [
        (0x1, "ISIG"), (0x2, "ICANON"), (0x4, "XCASE"), (0x8, "ECHO"), (0x10, "ECHOE"), (0x20, "ECHOK"),
        (0x40, "ECHONL"), (0x80, "NOFLSH"), (0x8000, "IEXTEN"), (0x200, "ECHOCTL"), (0x400, "ECHOPRT"),
        (0x800, "ECHOKE"), (0x1000, "FLUSHO"), (0x4000, "PENDIN"), (0x100, "TOSTOP"), (0x10000, "EXTPROC"),
    ])
}
