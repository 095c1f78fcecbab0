// /proc/self/pagemap as the target's: one 64-bit entry per virtual page. The host's pagemap of
// dunetrace's process would describe dunetrace's own memory too, so the target gets a sparse
// memfd of the same size instead, and before each read of it the entries it asks for are
// written there fresh: the host's entries (present, swapped, file, exclusive, soft-dirty bits
// and the PFN, which the kernel zeroes for a reader without CAP_SYS_ADMIN) for pages the target
// has mapped, the same memory at the same addresses; zero for the rest.
import CKVM
import Glibc

/// dunetrace's descriptor on the host's pagemap, and the process it describes (a forked child
/// opens its own).
private final class HostPagemap: @unchecked Sendable {
    var fd: Int32 = -1
    var pid: Int32 = 0
}

private let hostPagemap = HostPagemap()  // used under the tracer lock

extension Tracer {
    private static let pagemapEntries = AddressSpace.taskSize / 4096 + 1
    private static let readCall = Sys.read
    /// At most this many entries are brought up to date per read (8 MiB of entries).
    private static let refreshLimit: UInt64 = 1 << 20

    /// A new descriptor on the target's view of its pagemap, `real` dunetrace's descriptor on
    /// the real one, opened with the target's `flags` (the kernel decided whether it may).
    func openPagemapView(flags: UInt64, real: Int32) -> Int64 {
        makeProcView(named: "pagemap", content: [], size: Int(Tracer.pagemapEntries * 8), real: real, flags: flags, keepWriter: true)
    }

    /// read/pread64 of a pagemap view: the kernel's EINVAL for a position or count that is not
    /// a whole number of entries, else the entries asked for are made current and the read runs.
    func readPagemapView(_ nr: Int, _ a: SyscallArgs) -> Emulation {
        guard let writer = pagemapWriter(a.a0) else { return .passthrough }
        let fd = Int32(truncatingIfNeeded: a.a0)
        let position: Int64 = nr == Tracer.readCall ? Int64(lseek(fd, 0, SEEK_CUR)) : Int64(bitPattern: a.a3)
        let count = a.a2
        guard position >= 0, position % 8 == 0, count % 8 == 0 else { return .result(-Int64(EINVAL)) }
        let first = UInt64(position) / 8
        guard first < Tracer.pagemapEntries else { return .passthrough }
        let entries = min(count / 8, Tracer.pagemapEntries - first, Tracer.refreshLimit)
        guard entries > 0 else { return .passthrough }
        refreshPagemap(view: writer, firstPage: first, pages: entries)
        return .passthrough
    }

    private func refreshPagemap(view: Int32, firstPage: UInt64, pages: UInt64) {
        if hostPagemap.pid != getpid() {
            if hostPagemap.fd >= 0 { close(hostPagemap.fd) }
            let raw = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC)
            hostPagemap.fd = raw >= 0 ? dt_fd_move_high(raw) : -1
            hostPagemap.pid = getpid()
        }
        var buffer = [UInt64](repeating: 0, count: Int(pages))
        let start = firstPage * 4096, end = (firstPage + pages) * 4096
        for m in space.maps where m.start < end && m.end > start {
            let s = max(m.start, start), e = min(m.end, end)
            let index = Int((s - start) / 4096), n = Int((e - s) / 4096)
            guard hostPagemap.fd >= 0, n > 0 else { continue }
            _ = buffer.withUnsafeMutableBytes {
                pread(hostPagemap.fd, $0.baseAddress! + index * 8, n * 8, off_t(s / 4096 * 8))
            }
        }
        _ = buffer.withUnsafeBytes { pwrite(view, $0.baseAddress!, $0.count, off_t(firstPage * 8)) }
    }
}
