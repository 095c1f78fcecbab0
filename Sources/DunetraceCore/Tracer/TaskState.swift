// What belongs to one thread of the target (Linux: one task): its vCPU, its tid, its signal
// mask and alternate stack, its clear_child_tid. Each target thread is a host thread running
// its own exit loop, and finds its TaskState through thread-local storage.
import CKVM
import Glibc

final class TaskState: @unchecked Sendable {  // each is used by its own thread, or under the tracer lock
    var vcpu: OpaquePointer?
    var tid: Int32
    /// The tid the lines show: the tracer's pid namespace's (PidNamespaces.swift).
    var shownTid: Int32 { tracerTid ?? tid }
    var tracerTid: Int32?
    var mask: UInt64 = 0 {
        didSet {
            dt_signals_publish_mask(signalSlot, mask)
            if let published { dt_store_relaxed64(published.mask, mask) }
        }
    }
    /// The leader's: where other processes of the trace read its mask and pending signals
    /// (ProcessFacts.swift).
    var published: (mask: UnsafeMutablePointer<UInt64>, pending: UnsafeMutablePointer<UInt64>)?
    /// Where signals.c keeps this thread's mask for routing process signals (-1: not running).
    var signalSlot: Int32 = -1
    /// sigqueue.c's set of the signals pending for this thread alone (nil: not running).
    var pendingSet: UnsafeMutableRawPointer?
    /// The host thread's real mask: the target's, for the signals a signalfd reads (SignalFD.swift).
    var hostMask: UInt64 = 0
    var altstack: (UInt64, UInt64, UInt64) = (0, 2, 0)  // ss_sp, ss_flags (SS_DISABLE), ss_size
    /// rt_sigsuspend: the mask to restore when the handler returns.
    var suspendedMask: UInt64?
    /// CLONE_CHILD_CLEARTID / set_tid_address: zeroed and futex-woken when the thread exits.
    var clearChildTid: UInt64 = 0
    /// set_robust_list: the head of the robust futex list walked when the thread exits.
    var robustList: UInt64 = 0
    /// The seccomp filters this thread installed or inherited (never installed on the host).
    var seccomp: [SeccompFilter] = []
    var seccompStrict = false
    /// PR_SET_SYSCALL_USER_DISPATCH: not inherited by new threads or processes.
    var userDispatch: SyscallUserDispatch?
    /// PR_SET_TSC (PR_TSC_ENABLE 1, PR_TSC_SIGSEGV 2), kept here: on the host it would make
    /// dunetrace's own rdtsc (the vDSO's clock) fault. Inherited by threads, processes, exec.
    var tscMode: UInt32 = 1
    /// ARCH_SET_CPUID(0): CPUID faults in this thread (reset by exec).
    var cpuidFaults = false
    /// The kernel's thread.trap_nr, error_code and cr2: what the last fault left, written into
    /// every signal frame's sigcontext after it (a fault's own and any later one's).
    var trap: (number: UInt64, error: UInt64, address: UInt64) = (0, 0, 0)
    /// The page-table generation this vCPU's TLB was last flushed for (--pf-rearm).
    var seenGeneration = 0
    /// A page KVM could not get from the host (SIGBUS there), made not present so that the
    /// retry faults with its exact address; 0 when none.
    var hostFaultPage: UInt64 = 0
    /// The page of this thread's last first-touch fault, and whether a host fault KVM did not
    /// name is being looked for (the next such fault is on that page).
    var lastTouchedPage: UInt64 = 0
    var findingHostFault = false
    /// The number and return address of this thread's last system call (-n and -i on its lines).
    var lastSyscall = -1
    var lastIP: UInt64 = 0
    /// rt_sigreturn's stack pointer at entry: its frame, whose mask strace prints.
    var sigreturnFrame: UInt64 = 0
    /// The trace has this task's command name as it is now (-Y); cleared when it changes.
    var commRecorded = false
    /// -Y: the command a prctl(PR_SET_NAME) line begins with (strace prints its lead at entry).
    var commAtEntry: String?
    /// A waiting call whose entry the live text printed (OpenCallLine.swift): the text printed
    /// (its lead and marks, then `name(` and the entry's arguments), and those arguments.
    var openCall: (nr: Int, lead: String, head: String, arguments: String)?
    /// -Y, --decode-pids=pidns: what the current call's pid arguments named as it began, and
    /// what the trace last said of each pid this task's lines named (LivePidFacts.swift).
    var entryPidFacts: [PidKey: PidFact] = [:]
    var recordedPidFacts: [PidKey: PidFact] = [:]
    /// The task those were recorded for (a fork child starts with a copy of its parent's).
    var recordedPidFactsTid: Int32 = 0
    /// -P: whether the current call touches one of the paths (decided at its entry).
    var pathMatched = true

    init(tid: Int32) { self.tid = tid }

    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// The calling thread's task (set by `makeCurrent`).
    static var current: TaskState? {
        guard let p = pthread_getspecific(key) else { return nil }
        return Unmanaged<TaskState>.fromOpaque(p).takeUnretainedValue()
    }

    /// Binds this task to the calling thread; the tracer keeps it alive in its task list.
    func makeCurrent() { pthread_setspecific(TaskState.key, Unmanaged.passUnretained(self).toOpaque()) }

    /// The calling thread runs this task from now on: process signals may be routed to it.
    func startTakingSignals() {
        signalSlot = dt_signals_register_thread(mask)
        pendingSet = dt_signals_thread_set()
        if let published { dt_signals_publish_pending(pendingSet, published.pending) }
    }

    /// The calling thread stops running this task: no signal is routed to it any more.
    func stopTakingSignals() {
        if published != nil { dt_signals_publish_pending(pendingSet, nil) }
        dt_signals_unregister_thread()
        signalSlot = -1
        pendingSet = nil
    }
}
