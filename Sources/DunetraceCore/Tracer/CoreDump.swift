// A target killed by a core-dumping signal dumps core as natively: the host kernel writes the
// core (its core_pattern, the target's RLIMIT_CORE, the core bit in the parent's wait status),
// of this host process, in which the target's memory lies at its own addresses. Everything
// else of dunetrace's is marked MADV_DONTDUMP first, so the core holds the target's memory
// and not the tracer's.
import CKVM
import Foundation
import Glibc

/// The signals whose default action dumps core (signal(7)).
let coreDumpingSignals: Set<Int32> = [SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS]

extension Tracer {
    /// Whether dying of `signal` now dumps core, as the kernel decides it (do_coredump): a
    /// dumping signal, a dumpable process, and core_pattern a pipe (any RLIMIT_CORE but 1) or
    /// a file name with RLIMIT_CORE of at least a page. The killed line says `(core dumped)`.
    func wouldDumpCore(_ signal: Int32) -> Bool {
        guard coreDumpingSignals.contains(signal) else { return false }
        let PR_GET_DUMPABLE: UInt64 = 3, SYS_prctl: Int64 = 157
        guard dt_host_syscall(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0, 0) > 0 else { return false }
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit) == 0 else { return false }
        let pattern = readWholeFile("/proc/sys/kernel/core_pattern")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "core"
        if pattern.hasPrefix("|") { return limit.rlim_cur != 1 }
        return !pattern.isEmpty && limit.rlim_cur >= 4096
    }

    /// Before dying of `signal`: leave only the target's mappings in the core.
    func keepOnlyTargetInCore(dyingOf signal: Int32) {
        guard coreDumpingSignals.contains(signal) else { return }
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit) == 0, limit.rlim_cur > 0 else { return }
        for range in hostOnlyRanges() {
            _ = Glibc.madvise(UnsafeMutableRawPointer(bitPattern: UInt(range.start)), Int(range.end - range.start), MADV_DONTDUMP)
        }
    }

    /// The started target's end (dunetrace itself lives on to report it): a forked copy of this
    /// process dies of the signal, so its core is written as the target's would be.
    func dumpCoreOfStartedTarget(dyingOf signal: Int32) {
        guard coreDumpingSignals.contains(signal) else { return }
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit) == 0, limit.rlim_cur > 0 else { return }
        let ranges = hostOnlyRanges()  // read before fork: the copy only makes system calls
        let child = Glibc.fork()
        if child == 0 {
            for range in ranges {
                _ = Glibc.madvise(UnsafeMutableRawPointer(bitPattern: UInt(range.start)), Int(range.end - range.start), MADV_DONTDUMP)
            }
            Glibc.signal(signal, SIG_DFL)
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, signal)
            sigprocmask(SIG_UNBLOCK, &set, nil)
            kill(getpid(), signal)
            Glibc._exit(128 + signal)
        }
        guard child > 0 else { return }
        var status: Int32 = 0
        while waitpid(child, &status, __WALL) < 0 && errno == EINTR {}
    }

    /// This process's mappings (/proc/self/maps) less the target's.
    private func hostOnlyRanges() -> [(start: UInt64, end: UInt64)] {
        guard let text = readWholeFile("/proc/self/maps") else { return [] }
        let target = space.maps
        var result: [(start: UInt64, end: UInt64)] = []
        for line in text.split(separator: "\n") {
            guard let span = line.split(separator: " ").first else { continue }
            let bounds = span.split(separator: "-")
            guard bounds.count == 2, var start = UInt64(bounds[0], radix: 16), let end = UInt64(bounds[1], radix: 16),
                  end <= AddressSpace.taskSize + 4096 else { continue }  // [vsyscall] is not a VMA madvise knows
            for m in target where m.end > start && m.start < end {
                if m.start > start { result.append((start, m.start)) }
                start = max(start, m.end)
            }
            if start < end { result.append((start, end)) }
        }
        return result
    }
}
