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
        guard wouldDumpCore(signal) else { return }
        for range in hostOnlyRanges() {
            _ = Glibc.madvise(UnsafeMutableRawPointer(bitPattern: UInt(range.start)), Int(range.end - range.start), MADV_DONTDUMP)
        }
        if let map = targetMmMap() { setMmMap(map) }
    }

    /// The core's command line (NT_PRPSINFO's psargs) and auxiliary vector (NT_AUXV) are the
    /// kernel's record of this process: made the target's with PR_SET_MM_MAP (no capability
    /// needed), the rest of the record (code, data, brk, stack, environment) kept as it is.
    /// Made before a fork, set (`setMmMap`) in the copy, which then only makes system calls.
    final class MmMap {
        var words: [UInt64]   // struct prctl_mm_map, 104 bytes
        var auxv: [UInt64]
        init(words: [UInt64], auxv: [UInt64]) { self.words = words; self.auxv = auxv }
    }

    func targetMmMap() -> MmMap? {
        let (argStart, argEnd, _, _) = argumentArea()
        guard argStart != 0, argEnd > argStart, let stat = readWholeFile("/proc/self/stat"),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields from the 3rd on (after the command's parentheses): field n is fields[n - 3].
        let fields = stat[stat.index(after: close)...].split(separator: " ").map { UInt64($0) ?? 0 }
        guard fields.count >= 49 else { return nil }
        func field(_ n: Int) -> UInt64 { fields[n - 3] }
        let brk = UInt64(bitPattern: dt_host_syscall(12 /* SYS_brk */, 0, 0, 0, 0, 0, 0))
        let words = [field(26), field(27), field(45), field(46), field(47), brk, field(28),
                     argStart, argEnd, field(50), field(51), 0, 0]
        // The target's vector and its AT_NULL, at most the kernel's saved_auxv (AT_VECTOR_SIZE).
        var auxv: [UInt64] = []
        for (key, value) in procView.auxv where key != 0 && auxv.count < 44 { auxv += [key, value] }
        auxv += [0, 0]
        return MmMap(words: words, auxv: auxv)
    }

    func setMmMap(_ map: MmMap) {
        map.auxv.withUnsafeMutableBytes { a in
            map.words[11] = UInt64(UInt(bitPattern: a.baseAddress))
            map.words[12] = UInt64(a.count) | UInt64(UInt32(bitPattern: -1)) << 32  // auxv_size, exe_fd -1
            map.words.withUnsafeMutableBytes { w in
                let SYS_prctl: Int64 = 157, PR_SET_MM: UInt64 = 35, PR_SET_MM_MAP: UInt64 = 14
                _ = dt_host_syscall(SYS_prctl, PR_SET_MM, PR_SET_MM_MAP, UInt64(UInt(bitPattern: w.baseAddress)), 104, 0, 0)
            }
        }
    }

    /// The started target's end (dunetrace itself lives on to report it): a forked copy of this
    /// process dies of the signal, so its core is written as the target's would be.
    func dumpCoreOfStartedTarget(dyingOf signal: Int32) {
        guard wouldDumpCore(signal) else { return }
        let ranges = hostOnlyRanges()  // read before fork: the copy only makes system calls
        let map = targetMmMap()
        let child = Glibc.fork()
        if child == 0 {
            for range in ranges {
                _ = Glibc.madvise(UnsafeMutableRawPointer(bitPattern: UInt(range.start)), Int(range.end - range.start), MADV_DONTDUMP)
            }
            if let map { setMmMap(map) }
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
