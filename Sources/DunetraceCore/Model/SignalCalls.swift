// The signal family of the model (see ModelTypes.swift for the vocabulary).
#if canImport(Glibc)
import Glibc
#endif

extension SyscallModel {
    /// Structures of the signal family, as the x86-64 kernel lays them out.
    enum SignalLayouts {
        /// siginfo_t: 128 bytes; si_addr and si_ptr are values the kernel does not read through.
        static let siginfo = StructLayout("siginfo", size: 128, [
            Field("si_signo", 0, .int(.int, .signal)), Field("si_errno", 4, .int(.int)), Field("si_code", 8, .int(.int)),
        ])
        /// struct kernel_sigaction (not glibc's): the handler and restorer are code addresses the
        /// kernel stores without reading; the mask is the kernel's 8-byte sigset_t.
        static let kernelSigaction = StructLayout("kernel_sigaction", size: 32, [
            Field("sa_handler", 0, .address), Field("sa_flags", 8, .int(.ulong, .flags(FlagTables.sigactionFlags))),
            Field("sa_restorer", 16, .address), Field("sa_mask", 24, .int(.u64, .hex)),
        ])
        /// stack_t: ss_sp is the alternate stack's address, stored, not read.
        static let stack = StructLayout("stack_t", size: 24, [
            Field("ss_sp", 0, .address), Field("ss_flags", 8, .int(.int, .flags(FlagTables.sigaltstackFlags))),
            Field("ss_size", 16, .int(.size_t)),
        ])
        /// struct sigevent (64 bytes): sigev_value is handed back in siginfo, not read through;
        /// the kernel reads the thread id of SIGEV_THREAD_ID and ignores libc's SIGEV_THREAD fields.
        static let sigevent = StructLayout("sigevent", size: 64, [
            Field("sigev_value", 0, .int(.u64, .hex)), Field("sigev_signo", 8, .int(.int, .signal)),
            Field("sigev_notify", 12, .int(.int)), Field("sigev_notify_thread_id", 16, .int(.pid_t)),
        ])
    }

    private static let signalNumber = ValueType.int(.int, .signal)
    /// The kernel's sigset_t; its size is argument `sizeArgument` (the kernel wants 8: EINVAL otherwise).
    private static func sigsetPointer(_ direction: Direction, size sizeArgument: Int, optional: Bool = false) -> ValueType {
        .pointer(PointerType(direction, sigset(size: sizeArgument), optional: optional))
    }

    static let signalCalls: [SyscallDescription] = [
        SyscallDescription(13, "rt_sigaction", [
            Parameter("sig", signalNumber),
            Parameter("act", .input(.structure(SignalLayouts.kernelSigaction), optional: true)),
            Parameter("oact", .output(.structure(SignalLayouts.kernelSigaction), optional: true)),
            Parameter("sigsetsize", .int(.size_t)),
        ], classes: [.signal]),
        SyscallDescription(14, "rt_sigprocmask", [
            Parameter("how", .int(.int, .enumeration(FlagTables.sigprocmaskHow))),
            Parameter("nset", sigsetPointer(.input, size: 3, optional: true)),
            Parameter("oset", sigsetPointer(.output, size: 3, optional: true)),
            Parameter("sigsetsize", .int(.size_t)),
        ], classes: [.signal]),
        SyscallDescription(15, "rt_sigreturn", [], result: .noReturn, classes: [.signal]),
        SyscallDescription(34, "pause", [], classes: [.signal]),
        SyscallDescription(62, "kill", [Parameter("pid", .int(.pid_t)), Parameter("sig", signalNumber)],
                           classes: [.process, .signal]),
        // sigsetsize may be smaller than 8 here: the kernel writes that many bytes.
        SyscallDescription(127, "rt_sigpending", [
            Parameter("uset", sigsetPointer(.output, size: 1)), Parameter("sigsetsize", .int(.size_t)),
        ], classes: [.signal]),
        SyscallDescription(128, "rt_sigtimedwait", [
            Parameter("uthese", sigsetPointer(.input, size: 3)),
            Parameter("uinfo", .output(.structure(SignalLayouts.siginfo), optional: true)),
            Parameter("uts", .input(.structure(timespec), optional: true)),
            Parameter("sigsetsize", .int(.size_t)),
        ], classes: [.signal]),
        SyscallDescription(129, "rt_sigqueueinfo", [
            Parameter("pid", .int(.pid_t)), Parameter("sig", signalNumber),
            Parameter("uinfo", .input(.structure(SignalLayouts.siginfo))),
        ], classes: [.process, .signal]),
        SyscallDescription(130, "rt_sigsuspend", [
            Parameter("unewset", sigsetPointer(.input, size: 1)), Parameter("sigsetsize", .int(.size_t)),
        ], classes: [.signal]),
        SyscallDescription(131, "sigaltstack", [
            Parameter("uss", .input(.structure(SignalLayouts.stack), optional: true)),
            Parameter("uoss", .output(.structure(SignalLayouts.stack), optional: true)),
        ], classes: [.signal]),
        SyscallDescription(200, "tkill", [Parameter("pid", .int(.pid_t)), Parameter("sig", signalNumber)],
                           classes: [.process, .signal]),
        SyscallDescription(234, "tgkill", [
            Parameter("tgid", .int(.pid_t)), Parameter("pid", .int(.pid_t)), Parameter("sig", signalNumber),
        ], classes: [.process, .signal]),
        // ufd -1 makes a new signalfd; another value must be a signalfd to update.
        SyscallDescription(282, "signalfd", [
            Parameter("ufd", .descriptor(.optional)), Parameter("user_mask", sigsetPointer(.input, size: 2)),
            Parameter("sizemask", .int(.size_t)),
        ], result: .descriptor, classes: [.desc, .signal]),
        SyscallDescription(289, "signalfd4", [
            Parameter("ufd", .descriptor(.optional)), Parameter("user_mask", sigsetPointer(.input, size: 2)),
            Parameter("sizemask", .int(.size_t)), Parameter("flags", .int(.int, .flags(FlagTables.signalfdFlags))),
        ], result: .descriptor, classes: [.desc, .signal]),
        SyscallDescription(297, "rt_tgsigqueueinfo", [
            Parameter("tgid", .int(.pid_t)), Parameter("pid", .int(.pid_t)), Parameter("sig", signalNumber),
            Parameter("uinfo", .input(.structure(SignalLayouts.siginfo))),
        ], classes: [.process, .signal]),
        SyscallDescription(424, "pidfd_send_signal", [
            Parameter("pidfd", .fd), Parameter("sig", signalNumber),
            Parameter("info", .input(.structure(SignalLayouts.siginfo), optional: true)),
            Parameter("flags", .int(.uint, .hex)),
        ], classes: [.desc, .process, .signal]),
    ]
}
