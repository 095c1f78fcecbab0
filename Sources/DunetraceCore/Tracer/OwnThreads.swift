// Threads of the host process that are not the target's: dunetrace's trace compressor and the
// kernel's own workers for the VM (kvm-nx-lpage-recovery is a thread of the process that
// owns the VM). Natively the target's process has only its own threads: a pid or tid naming
// one of these finds no such process (ESRCH), and /proc/self/task does not list them.
import Glibc

extension Tracer {
    /// True when `tid` is a thread of this host process that runs none of the target's threads
    /// (called under the tracer lock: `tasks` is stable).
    func isOwnHostThread(_ tid: Int32) -> Bool {
        guard tid > 0, tid != pid, !tasks.contains(where: { $0.tid == tid }) else { return false }
        return HostProc.exists("/proc/self/task/\(tid)")
    }

    private static let getpriorityCall = Sys.getpriority
    private static let setpriorityCall = Sys.setpriority
    private static let ioprioGetCall = Sys.ioprio_get
    private static let ioprioSetCall = Sys.ioprio_set

    /// The call names one of dunetrace's own threads by pid or tid: the kernel's ESRCH for a
    /// process that does not exist.
    func namesOwnHostThread(_ nr: Int, _ description: SyscallDescription, _ args: SyscallArgs) -> Bool {
        guard let parameters = description.arguments(for: args) else { return false }
        for (i, p) in parameters.enumerated() where i < 6 {
            switch p.name {
            case "pid", "tgid", "pid1", "pid2":
                break
            case "who":
                // PRIO_PROCESS and IOPRIO_WHO_PROCESS name a process; the others a group or user.
                let which = args[0]
                if (nr == Tracer.getpriorityCall || nr == Tracer.setpriorityCall) && which != 0 { continue }
                if (nr == Tracer.ioprioGetCall || nr == Tracer.ioprioSetCall) && which != 1 { continue }
                if ![Tracer.getpriorityCall, Tracer.setpriorityCall, Tracer.ioprioGetCall, Tracer.ioprioSetCall].contains(nr) { continue }
            default:
                continue
            }
            if isOwnHostThread(Int32(truncatingIfNeeded: args[i])) { return true }
        }
        return false
    }

    private static let clockCalls: Set<Int> = [Sys.clock_settime, Sys.clock_gettime, Sys.clock_getres, Sys.clock_nanosleep,
                                               Sys.clock_adjtime, Sys.timer_create]

    /// The kernel's answer when a call names one of dunetrace's threads by a value other than
    /// a pid argument, as for a thread that does not exist: a CPU clock of it (EINVAL), fcntl's
    /// F_SETOWN or F_SETOWN_EX with it (ESRCH). nil when the call names none.
    func ownHostThreadInValue(_ nr: Int, _ args: SyscallArgs) -> Int64? {
        if Self.clockCalls.contains(nr) {
            // A CPU clock id: ~pid << 3 | thread flag (4) | kind, negative.
            let clock = Int32(truncatingIfNeeded: args.a0)
            guard clock < 0, clock & 7 != 7 else { return nil }  // 7 is a dynamic clock's descriptor
            return isOwnHostThread(~(clock >> 3)) ? -Int64(EINVAL) : nil
        }
        // fcntl looks its descriptor up first (EBADF).
        guard nr == Sys.fcntl, !guardRules.isReservedFd(args.a0), fcntl(Int32(truncatingIfNeeded: args.a0), F_GETFD) >= 0 else { return nil }
        switch UInt32(truncatingIfNeeded: args.a1) {
        case 8:  // F_SETOWN: a pid, or a process group when negative
            return isOwnHostThread(Int32(truncatingIfNeeded: args.a2)) ? -Int64(ESRCH) : nil
        case 15:  // F_SETOWN_EX: struct f_owner_ex { int type; pid_t pid; }
            guard let owner = TargetAccess.load(args.a2, as: (Int32, Int32).self), owner.0 == 0 || owner.0 == 1 else { return nil }
            return isOwnHostThread(owner.1) ? -Int64(ESRCH) : nil
        default:
            return nil
        }
    }
}
