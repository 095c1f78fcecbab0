// The IPC family of the model: System V shared memory, semaphores and message queues, POSIX
// message queues (see ModelTypes.swift for the vocabulary). x86-64 has no IPC_64 version bit:
// the *ctl commands are plain (cmd | 0x100 is EINVAL) and use the *64_ds structures.
import Glibc

extension SyscallModel {
    /// struct ipc64_perm's fields at `base` (48 bytes).
    private static func ipcPermFields(at base: Int) -> [Field] {
        [Field("key", base, .int(.key_t, .hex)), Field("uid", base + 4, .int(.uid_t)),
         Field("gid", base + 8, .int(.gid_t)), Field("cuid", base + 12, .int(.uid_t)),
         Field("cgid", base + 16, .int(.gid_t)), Field("mode", base + 20, .int(.uint, .octal)),
         Field("seq", base + 24, .int(.u16))]
    }

    static let shmid64_ds = StructLayout("shmid64_ds", size: 112, ipcPermFields(at: 0) + [
        Field("shm_segsz", 48, .int(.size_t)), Field("shm_atime", 56, .int(.long)),
        Field("shm_dtime", 64, .int(.long)), Field("shm_ctime", 72, .int(.long)),
        Field("shm_cpid", 80, .int(.pid_t)), Field("shm_lpid", 84, .int(.pid_t)),
        Field("shm_nattch", 88, .int(.ulong)),
    ])
    static let shminfo64 = StructLayout("shminfo64", size: 72, [
        Field("shmmax", 0, .int(.ulong)), Field("shmmin", 8, .int(.ulong)), Field("shmmni", 16, .int(.ulong)),
        Field("shmseg", 24, .int(.ulong)), Field("shmall", 32, .int(.ulong)),
    ])
    static let shm_info = StructLayout("shm_info", size: 48, [
        Field("used_ids", 0, .int(.int)), Field("shm_tot", 8, .int(.ulong)), Field("shm_rss", 16, .int(.ulong)),
        Field("shm_swp", 24, .int(.ulong)), Field("swap_attempts", 32, .int(.ulong)),
        Field("swap_successes", 40, .int(.ulong)),
    ])
    static let semid64_ds = StructLayout("semid64_ds", size: 104, ipcPermFields(at: 0) + [
        Field("sem_otime", 48, .int(.long)), Field("sem_ctime", 64, .int(.long)), Field("sem_nsems", 80, .int(.ulong)),
    ])
    static let seminfo = StructLayout("seminfo", size: 40, [
        Field("semmap", 0, .int(.int)), Field("semmni", 4, .int(.int)), Field("semmns", 8, .int(.int)),
        Field("semmnu", 12, .int(.int)), Field("semmsl", 16, .int(.int)), Field("semopm", 20, .int(.int)),
        Field("semume", 24, .int(.int)), Field("semusz", 28, .int(.int)), Field("semvmx", 32, .int(.int)),
        Field("semaem", 36, .int(.int)),
    ])
    static let sembuf = StructLayout("sembuf", size: 6, [
        Field("sem_num", 0, .int(.u16)), Field("sem_op", 2, .int(.s16)), Field("sem_flg", 4, .int(.s16, .hex)),
    ])
    static let msqid64_ds = StructLayout("msqid64_ds", size: 120, ipcPermFields(at: 0) + [
        Field("msg_stime", 48, .int(.long)), Field("msg_rtime", 56, .int(.long)), Field("msg_ctime", 64, .int(.long)),
        Field("msg_cbytes", 72, .int(.ulong)), Field("msg_qnum", 80, .int(.ulong)),
        Field("msg_qbytes", 88, .int(.ulong)), Field("msg_lspid", 96, .int(.pid_t)),
        Field("msg_lrpid", 100, .int(.pid_t)),
    ])
    static let msginfo = StructLayout("msginfo", size: 32, [
        Field("msgpool", 0, .int(.int)), Field("msgmap", 4, .int(.int)), Field("msgmax", 8, .int(.int)),
        Field("msgmnb", 12, .int(.int)), Field("msgmni", 16, .int(.int)), Field("msgssz", 20, .int(.int)),
        Field("msgtql", 24, .int(.int)), Field("msgseg", 28, .int(.u16)),
    ])
    static let mq_attr = StructLayout("mq_attr", size: 64, [
        Field("mq_flags", 0, .int(.long, .flags(FlagTables.openBits))), Field("mq_maxmsg", 8, .int(.long)),
        Field("mq_msgsize", 16, .int(.long)), Field("mq_curmsgs", 24, .int(.long)),
    ])
    /// struct sigevent as mq_notify reads it. The kernel dereferences sigev_value only for
    /// SIGEV_THREAD (2), where it points to the 32-byte netlink cookie and sigev_signo is the
    /// netlink socket; for SIGEV_SIGNAL it is a value handed back in si_value, which must reach
    /// the kernel as the target wrote it (pointerWhen: a pointer only for SIGEV_THREAD).
    /// _function and _attribute (SIGEV_THREAD's, at 16 and 24) are the C library's: the kernel
    /// does not read them.
    static let mqSigevent = StructLayout("sigevent", size: 64, [
        Field("sigev_value", 0, .input(.bytes(.fixed(32)), optional: true), pointerWhen: (12, 2)),
        Field("sigev_signo", 8, .int(.int)),
        Field("sigev_notify", 12, .int(.int)),
        Field("sigev_notify_thread_id", 16, .int(.int)),
        Field("sigev_notify_attributes", 24, .int(.ulong, .hex)),
    ])

    /// The semaphore values of a whole set (GETALL/SETALL): one unsigned short per semaphore,
    /// sem_nsems of them, which only the set knows. This bound is SEMMSL's default (32000), the
    /// most a set has unless kernel.sem was raised; a guard that knows the set should use its size.
    static let semaphoreValueCount = Count.fixed(32000)

    static let ipcCalls: [SyscallDescription] = [
        SyscallDescription(29, "shmget", [
            Parameter("key", .int(.key_t, .hex)), Parameter("size", .int(.size_t)), Parameter("shmflg", .int(.int, .hex)),
        ], classes: [.ipc]),
        SyscallDescription(30, "shmat", [
            Parameter("shmid", .int(.int)), Parameter("shmaddr", .address), Parameter("shmflg", .int(.int, .hex)),
        ], result: .hex, classes: [.memory, .ipc]),
        SyscallDescription(31, "shmctl", [
            Parameter("shmid", .int(.int)), Parameter("cmd", .int(.int)), Parameter("buf", .unused),
        ], classes: [.ipc], multiplexer: Multiplexer(selector: 1, mask: 0xffff_ffff, unknown: EINVAL, complete: true, [
            Variant(0, "IPC_RMID"),
            Variant(1, "IPC_SET", [2: Parameter("buf", .input(.structure(shmid64_ds)))]),
            Variant(2, "IPC_STAT", [2: Parameter("buf", .output(.structure(shmid64_ds)))]),
            Variant(3, "IPC_INFO", [2: Parameter("buf", .output(.structure(shminfo64)))]),
            Variant(11, "SHM_LOCK"),
            Variant(12, "SHM_UNLOCK"),
            Variant(13, "SHM_STAT", [2: Parameter("buf", .output(.structure(shmid64_ds)))]),
            Variant(14, "SHM_INFO", [2: Parameter("buf", .output(.structure(shm_info)))]),
            Variant(15, "SHM_STAT_ANY", [2: Parameter("buf", .output(.structure(shmid64_ds)))]),
        ])),
        SyscallDescription(64, "semget", [
            Parameter("key", .int(.key_t, .hex)), Parameter("nsems", .int(.int)), Parameter("semflg", .int(.int, .hex)),
        ], classes: [.ipc]),
        // nsops above the limit (SEMOPM, 500 by default) is E2BIG before the array is read.
        SyscallDescription(65, "semop", [
            Parameter("semid", .int(.int)),
            Parameter("tsops", .input(.array(of: .structure(sembuf), count: .argument(2)))),
            Parameter("nsops", .int(.uint)),
        ], classes: [.ipc]),
        // arg is union semun by value: an int (SETVAL) or a pointer, as cmd says.
        SyscallDescription(66, "semctl", [
            Parameter("semid", .int(.int)), Parameter("semnum", .unused), Parameter("cmd", .int(.int)),
            Parameter("arg", .unused),
        ], classes: [.ipc], multiplexer: Multiplexer(selector: 2, mask: 0xffff_ffff, unknown: EINVAL, complete: true, [
            Variant(0, "IPC_RMID"),
            Variant(1, "IPC_SET", [3: Parameter("arg", .input(.structure(semid64_ds)))]),
            Variant(2, "IPC_STAT", [3: Parameter("arg", .output(.structure(semid64_ds)))]),
            Variant(3, "IPC_INFO", [3: Parameter("arg", .output(.structure(seminfo)))]),
            Variant(11, "GETPID", [1: Parameter("semnum", .int(.int))]),
            Variant(12, "GETVAL", [1: Parameter("semnum", .int(.int))]),
            Variant(13, "GETALL", [3: Parameter("arg", .output(.array(of: .scalar(.u16, .decimal), count: semaphoreValueCount)))]),
            Variant(14, "GETNCNT", [1: Parameter("semnum", .int(.int))]),
            Variant(15, "GETZCNT", [1: Parameter("semnum", .int(.int))]),
            Variant(16, "SETVAL", [1: Parameter("semnum", .int(.int)), 3: Parameter("arg", .int(.int))]),
            Variant(17, "SETALL", [3: Parameter("arg", .input(.array(of: .scalar(.u16, .decimal), count: semaphoreValueCount)))]),
            Variant(18, "SEM_STAT", [3: Parameter("arg", .output(.structure(semid64_ds)))]),
            Variant(19, "SEM_INFO", [3: Parameter("arg", .output(.structure(seminfo)))]),
            Variant(20, "SEM_STAT_ANY", [3: Parameter("arg", .output(.structure(semid64_ds)))]),
        ])),
        SyscallDescription(67, "shmdt", [Parameter("shmaddr", .address)], classes: [.memory, .ipc]),
        SyscallDescription(68, "msgget", [Parameter("key", .int(.key_t, .hex)), Parameter("msgflg", .int(.int, .hex))],
                           classes: [.ipc]),
        // struct msgbuf: long mtype, then msgsz bytes of mtext: 8 + msgsz bytes. The vocabulary
        // cannot add 8 to an argument: msgsz bytes are described (8 short; see the report).
        SyscallDescription(69, "msgsnd", [
            Parameter("msqid", .int(.int)), Parameter("msgp", .input(.bytes(.sum(.fixed(8), .argument(2))))),
            Parameter("msgsz", .int(.size_t)), Parameter("msgflg", .int(.int, .hex)),
        ], classes: [.ipc]),
        SyscallDescription(70, "msgrcv", [
            Parameter("msqid", .int(.int)), Parameter("msgp", .output(.bytes(.sum(.fixed(8), .argument(2))))),
            Parameter("msgsz", .int(.size_t)), Parameter("msgtyp", .int(.long)), Parameter("msgflg", .int(.int, .hex)),
        ], classes: [.ipc]),
        SyscallDescription(71, "msgctl", [
            Parameter("msqid", .int(.int)), Parameter("cmd", .int(.int)), Parameter("buf", .unused),
        ], classes: [.ipc], multiplexer: Multiplexer(selector: 1, mask: 0xffff_ffff, unknown: EINVAL, complete: true, [
            Variant(0, "IPC_RMID"),
            Variant(1, "IPC_SET", [2: Parameter("buf", .input(.structure(msqid64_ds)))]),
            Variant(2, "IPC_STAT", [2: Parameter("buf", .output(.structure(msqid64_ds)))]),
            Variant(3, "IPC_INFO", [2: Parameter("buf", .output(.structure(msginfo)))]),
            Variant(11, "MSG_STAT", [2: Parameter("buf", .output(.structure(msqid64_ds)))]),
            Variant(12, "MSG_INFO", [2: Parameter("buf", .output(.structure(msginfo)))]),
            Variant(13, "MSG_STAT_ANY", [2: Parameter("buf", .output(.structure(msqid64_ds)))]),
        ])),
        SyscallDescription(220, "semtimedop", [
            Parameter("semid", .int(.int)),
            Parameter("tsops", .input(.array(of: .structure(sembuf), count: .argument(2)))),
            Parameter("nsops", .int(.uint)), Parameter("timeout", .input(.structure(timespec), optional: true)),
        ], classes: [.ipc]),
        SyscallDescription(240, "mq_open", [
            // getname(): a path-sized name.
            Parameter("u_name", .path), Parameter("oflag", .int(.int, .flags(FlagTables.open))),
            Parameter("mode", .int(.umode_t, .octal)),
            // Read whenever it is not NULL, O_CREAT or not.
            Parameter("u_attr", .input(.structure(mq_attr), optional: true)),
        ], result: .descriptor, classes: [.desc]),
        SyscallDescription(241, "mq_unlink", [Parameter("u_name", .path)]),
        SyscallDescription(242, "mq_timedsend", [
            Parameter("mqdes", .fd), Parameter("u_msg_ptr", .input(.bytes(.argument(2)))),
            Parameter("msg_len", .int(.size_t)), Parameter("msg_prio", .int(.uint)),
            Parameter("u_abs_timeout", .input(.structure(timespec), optional: true)),
        ], classes: [.desc]),
        SyscallDescription(243, "mq_timedreceive", [
            Parameter("mqdes", .fd), Parameter("u_msg_ptr", .output(.bytes(.argument(2)))),
            Parameter("msg_len", .int(.size_t)),
            Parameter("u_msg_prio", .output(.scalar(.uint, .decimal), optional: true)),
            Parameter("u_abs_timeout", .input(.structure(timespec), optional: true)),
        ], classes: [.desc]),
        SyscallDescription(244, "mq_notify", [
            // NULL removes the registration.
            Parameter("mqdes", .fd), Parameter("u_notification", .input(.structure(mqSigevent), optional: true)),
        ], classes: [.desc]),
        SyscallDescription(245, "mq_getsetattr", [
            Parameter("mqdes", .fd), Parameter("u_mqstat", .input(.structure(mq_attr), optional: true)),
            Parameter("u_omqstat", .output(.structure(mq_attr), optional: true)),
        ], classes: [.desc]),
    ]
}
