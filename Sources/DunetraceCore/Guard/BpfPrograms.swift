// bpf programs that run in whatever task reaches their hook (kprobes, tracepoints, raw
// tracepoints, perf events, fentry/fexit, LSM, struct_ops, extensions of those) or that read
// their caller's memory when run (BPF_PROG_TYPE_SYSCALL). Loaded by the target, they would run
// on dunetrace's own host calls and read its memory with bpf_probe_read_user: refused with
// EPERM, as the kernel refuses them to a caller without CAP_PERFMON. Network, cgroup and
// socket programs see packets and their own context only, and load as natively.
import Glibc

extension Tracer {
    private static let bpfCommandProgLoad: UInt32 = 5
    private static let bpfCommandRawTracepointOpen: UInt32 = 17
    /// KPROBE, TRACEPOINT, PERF_EVENT, RAW_TRACEPOINT, RAW_TRACEPOINT_WRITABLE, TRACING,
    /// STRUCT_OPS, EXT, LSM, SYSCALL (enum bpf_prog_type).
    private static let tracingProgramTypes: Set<UInt32> = [2, 5, 7, 17, 24, 26, 27, 28, 29, 31]

    func bpfReachesTracer(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        guard nr == Sys.bpf else { return nil }
        switch UInt32(truncatingIfNeeded: a.a0) {
        case Self.bpfCommandRawTracepointOpen:
            return -Int64(EPERM)
        case Self.bpfCommandProgLoad:
            // prog_type is the attribute's first field; an attribute shorter than it, or one the
            // kernel cannot read, gets the kernel's own answer.
            guard UInt32(truncatingIfNeeded: a.a2) >= 4, let type = TargetAccess.load(a.a1, as: UInt32.self) else { return nil }
            return Self.tracingProgramTypes.contains(type) ? -Int64(EPERM) : nil
        default:
            return nil
        }
    }
}
