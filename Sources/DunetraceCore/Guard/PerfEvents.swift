// perf_event_open on the target's own process (pid 0 or its pid), on another process of the
// trace, or on every process (pid -1): every one of those is a dunetrace process, so samples
// (instruction pointers, call chains, user registers and stack dumps, raw data), mmap records,
// breakpoints, tracepoints and probes would report or reach dunetrace's own code and memory:
// a sampling event gave the target the tracer's addresses. Such events may only count
// (no sampling, no mmap records, the plain counter types); the rest is EACCES, as for a
// process perf may not observe.
import Glibc

extension Tracer {
    private static let perfEventOpenCall = Sys.perf_event_open

    func perfEventReachesTracer(_ nr: Int, _ a: SyscallArgs) -> Int64? {
        guard nr == Tracer.perfEventOpenCall, a.a0 != 0 else { return nil }
        let pidArgument = Int32(truncatingIfNeeded: a.a1)
        // One of dunetrace's threads is no thread of the target's: the kernel's ESRCH.
        if isOwnHostThread(pidArgument) { return -Int64(ESRCH) }
        let PERF_FLAG_PID_CGROUP: UInt64 = 1 << 2
        let observed = a.a4 & PERF_FLAG_PID_CGROUP != 0 || pidArgument == -1 || pidArgument == 0 ||
            pidArgument == pid || isTracedProcess(pidArgument)
        guard observed else { return nil }
        // The fields that matter are in the first 64 bytes of every version of the struct.
        var attr = [UInt8](repeating: 0, count: 64)
        guard attr.withUnsafeMutableBytes({ TargetAccess.read(a.a0, into: $0.baseAddress!, count: 64) }) else { return nil }  // the kernel's EFAULT
        let (type, period, flags) = attr.withUnsafeBytes {
            ($0.loadUnaligned(fromByteOffset: 0, as: UInt32.self), $0.loadUnaligned(fromByteOffset: 16, as: UInt64.self),
             $0.loadUnaligned(fromByteOffset: 40, as: UInt64.self))
        }
        let mmapRecords: UInt64 = (1 << 8) | (1 << 17) | (1 << 23)  // mmap, mmap_data, mmap2
        let counterTypes: Set<UInt32> = [0, 1, 3, 4]  // HARDWARE, SOFTWARE, HW_CACHE, RAW
        if period == 0 && flags & mmapRecords == 0 && counterTypes.contains(type) { return nil }
        // A type no PMU has: the kernel's own ENOENT, nothing opened.
        if !Self.registeredPMUTypes.contains(type) { return nil }
        return -Int64(EACCES)
    }

    /// The event types the host's PMUs answer to (the generic ones and each registered PMU's,
    /// /sys/bus/event_source/devices/*/type), read once.
    private static let registeredPMUTypes: Set<UInt32> = {
        var types: Set<UInt32> = [0, 1, 2, 3, 4, 5]
        let base = "/sys/bus/event_source/devices"
        for name in HostProc.entryNames(base) {
            if let value = readWholeFile(base + "/" + name + "/type")?.split(whereSeparator: \.isWhitespace).first.flatMap({ UInt32($0) }) {
                types.insert(value)
            }
        }
        return types
    }()
}
