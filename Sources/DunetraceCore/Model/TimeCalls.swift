// The time family of the model: clocks, sleeps, interval timers, POSIX timers, timerfd (see
// ModelTypes.swift for the vocabulary).

extension SyscallModel {
    /// Structures of the time family, as the x86-64 kernel lays them out.
    enum TimeLayouts {
        static let itimerval = StructLayout("itimerval", size: 32, [
            Field("it_interval_sec", 0, .int(.long)), Field("it_interval_usec", 8, .int(.long)),
            Field("it_value_sec", 16, .int(.long)), Field("it_value_usec", 24, .int(.long)),
        ])
        static let itimerspec = StructLayout("itimerspec", size: 32, [
            Field("it_interval_sec", 0, .int(.time_t)), Field("it_interval_nsec", 8, .int(.long)),
            Field("it_value_sec", 16, .int(.time_t)), Field("it_value_nsec", 24, .int(.long)),
        ])
        static let tms = StructLayout("tms", size: 32, [
            Field("tms_utime", 0, .int(.long)), Field("tms_stime", 8, .int(.long)),
            Field("tms_cutime", 16, .int(.long)), Field("tms_cstime", 24, .int(.long)),
        ])
        static let timezone = StructLayout("timezone", size: 8, [
            Field("tz_minuteswest", 0, .int(.int)), Field("tz_dsttime", 4, .int(.int)),
        ])
        /// struct __kernel_timex: the kernel reads `modes` and the fields it names, then writes
        /// the whole structure back.
        static let timex = StructLayout("timex", size: 208, [
            Field("modes", 0, .int(.uint, .flags(FlagTables.adjtimexModes))), Field("offset", 8, .int(.long)), Field("freq", 16, .int(.long)),
            Field("maxerror", 24, .int(.long)), Field("esterror", 32, .int(.long)), Field("status", 40, .int(.int, .flags(FlagTables.adjtimexStatus))),
            Field("constant", 48, .int(.long)), Field("precision", 56, .int(.long)), Field("tolerance", 64, .int(.long)),
            Field("time_sec", 72, .int(.time_t)), Field("time_usec", 80, .int(.long)), Field("tick", 88, .int(.long)),
            Field("ppsfreq", 96, .int(.long)), Field("jitter", 104, .int(.long)), Field("shift", 112, .int(.int)),
            Field("stabil", 120, .int(.long)), Field("jitcnt", 128, .int(.long)), Field("calcnt", 136, .int(.long)),
            Field("errcnt", 144, .int(.long)), Field("stbcnt", 152, .int(.long)), Field("tai", 160, .int(.int)),
        ])
    }

    private static let clockArgument = ValueType.int(.clockid_t, .enumeration(FlagTables.clockId))
    private static let timerFlagsArgument = ValueType.int(.int, .flags(FlagTables.timerFlags))

    static let timeCalls: [SyscallDescription] = [
        SyscallDescription(35, "nanosleep", [
            Parameter("rqtp", .input(.structure(timespec))),
            Parameter("rmtp", .output(.structure(timespec), optional: true, written: .onEINTR)),
        ]),
        SyscallDescription(36, "getitimer", [
            Parameter("which", .int(.int, .enumeration(FlagTables.itimerWhich))),
            Parameter("value", .output(.structure(TimeLayouts.itimerval))),
        ]),
        SyscallDescription(37, "alarm", [Parameter("seconds", .int(.uint))]),
        // A NULL value disarms the timer (the kernel warns once).
        SyscallDescription(38, "setitimer", [
            Parameter("which", .int(.int, .enumeration(FlagTables.itimerWhich))),
            Parameter("value", .input(.structure(TimeLayouts.itimerval), optional: true)),
            Parameter("ovalue", .output(.structure(TimeLayouts.itimerval), optional: true)),
        ]),
        SyscallDescription(96, "gettimeofday", [
            Parameter("tv", .output(.structure(timeval), optional: true)),
            Parameter("tz", .output(.structure(TimeLayouts.timezone), optional: true)),
        ], classes: [.clock]),
        SyscallDescription(100, "times", [Parameter("tbuf", .output(.structure(TimeLayouts.tms), optional: true))]),
        SyscallDescription(159, "adjtimex", [Parameter("txc_p", .both(.structure(TimeLayouts.timex)))], classes: [.clock]),
        SyscallDescription(164, "settimeofday", [
            Parameter("tv", .input(.structure(timeval), optional: true)),
            Parameter("tz", .input(.structure(TimeLayouts.timezone), optional: true)),
        ], classes: [.clock]),
        SyscallDescription(201, "time", [Parameter("tloc", .output(.scalar(.time_t, .decimal), optional: true))],
                           classes: [.clock]),
        // A NULL sigevent means SIGEV_SIGNAL with SIGALRM and the timer id as value. The id is
        // also read when PR_TIMER_CREATE_RESTORE_IDS is on (CRIU restoring a timer's id).
        SyscallDescription(222, "timer_create", [
            Parameter("which_clock", clockArgument),
            Parameter("timer_event_spec", .input(.structure(SignalLayouts.sigevent), optional: true)),
            Parameter("created_timer_id", .output(.scalar(.timer_t, .decimal))),
        ]),
        SyscallDescription(223, "timer_settime", [
            Parameter("timer_id", .int(.timer_t)), Parameter("flags", timerFlagsArgument),
            Parameter("new_setting", .input(.structure(TimeLayouts.itimerspec))),
            Parameter("old_setting", .output(.structure(TimeLayouts.itimerspec), optional: true)),
        ]),
        SyscallDescription(224, "timer_gettime", [
            Parameter("timer_id", .int(.timer_t)), Parameter("setting", .output(.structure(TimeLayouts.itimerspec))),
        ]),
        SyscallDescription(225, "timer_getoverrun", [Parameter("timer_id", .int(.timer_t))]),
        SyscallDescription(226, "timer_delete", [Parameter("timer_id", .int(.timer_t))]),
        SyscallDescription(227, "clock_settime", [
            Parameter("which_clock", clockArgument), Parameter("tp", .input(.structure(timespec))),
        ], classes: [.clock]),
        SyscallDescription(228, "clock_gettime", [
            Parameter("which_clock", clockArgument), Parameter("tp", .output(.structure(timespec))),
        ], classes: [.clock]),
        SyscallDescription(229, "clock_getres", [
            Parameter("which_clock", clockArgument), Parameter("tp", .output(.structure(timespec), optional: true)),
        ], classes: [.clock]),
        // rmtp is written only for a relative sleep (flags 0) that a signal interrupts.
        SyscallDescription(230, "clock_nanosleep", [
            Parameter("which_clock", clockArgument), Parameter("flags", timerFlagsArgument),
            Parameter("rqtp", .input(.structure(timespec))),
            Parameter("rmtp", .output(.structure(timespec), optional: true, written: .onEINTRWhenZero(argument: 1))),
        ]),
        SyscallDescription(283, "timerfd_create", [
            Parameter("clockid", .int(.int, .enumeration(FlagTables.clockId))),
            Parameter("flags", .int(.int, .flags(FlagTables.timerfdFlags))),
        ], result: .descriptor, classes: [.desc]),
        SyscallDescription(286, "timerfd_settime", [
            Parameter("ufd", .fd), Parameter("flags", .int(.int, .flags(FlagTables.timerFlags))),
            Parameter("utmr", .input(.structure(TimeLayouts.itimerspec))),
            Parameter("otmr", .output(.structure(TimeLayouts.itimerspec), optional: true)),
        ], classes: [.desc]),
        SyscallDescription(287, "timerfd_gettime", [
            Parameter("ufd", .fd), Parameter("otmr", .output(.structure(TimeLayouts.itimerspec))),
        ], classes: [.desc]),
        SyscallDescription(305, "clock_adjtime", [
            Parameter("which_clock", clockArgument), Parameter("utx", .both(.structure(TimeLayouts.timex))),
        ], classes: [.clock]),
    ]
}
