// /proc/self/pagemap as the target's: one 64-bit entry per virtual page. The host's pagemap of
// dunetrace's process would describe dunetrace's own memory too, so the target gets a sparse
// memfd of the same size instead, and before each read of it the entries it asks for are
// written there fresh: the host's entries (present, swapped, file, exclusive, soft-dirty bits
// and the PFN, which the kernel zeroes for a reader without CAP_SYS_ADMIN) for pages the target
// has mapped, the same memory at the same addresses; zero for the rest.
import CKVM
import Glibc

/// The pagemap views of this process (a forked child has its own copy, and its own host file).
private final class PagemapViews: @unchecked Sendable {
    /// Each view's descriptor and the memfd's inode, to tell it from a later file on that number.
    var inodes: [Int32: UInt64] = [:]
    /// dunetrace's descriptor on the host's pagemap, and the process it describes.
    var hostFd: Int32 = -1
    var hostPid: Int32 = 0
}

nonisolated(unsafe) private let pagemapViews = PagemapViews()  // used under the tracer lock

extension Tracer {
    private static let pagemapEntries = AddressSpace.taskSize / 4096 + 1
    private static let readCall = SyscallTable.number("read")!
    /// At most this many entries are brought up to date per read (8 MiB of entries).
    private static let refreshLimit: UInt64 = 1 << 20

    /// A new descriptor on the target's view of its pagemap.
    func openPagemapView(flags: UInt64) -> Int64 {
        // Mode 0400: opening for writing takes CAP_DAC_OVERRIDE, as natively.
        if flags & UInt64(O_WRONLY | O_RDWR) != 0 && !hostHasCapability(1) { return -Int64(EACCES) }
        let cloexec: UInt64 = flags & UInt64(O_CLOEXEC) != 0 ? 1 : 0
        let fd = "pagemap".withCString { dt_host_syscall(Int64(SyscallNumber.memfdCreate), UInt64(UInt(bitPattern: $0)), cloexec, 0, 0, 0, 0) }
        guard fd >= 0 else { return fd }
        var st = stat()
        guard ftruncate(Int32(fd), off_t(Tracer.pagemapEntries * 8)) == 0, fstat(Int32(fd), &st) == 0 else {
            let e = errno
            close(Int32(fd))
            return -Int64(e)
        }
        pagemapViews.inodes[Int32(fd)] = UInt64(st.st_ino)
        return fd
    }

    /// read/pread64 of a pagemap view: the kernel's EINVAL for a position or count that is not
    /// a whole number of entries, else the entries asked for are made current and the read runs.
    func readPagemapView(_ nr: Int, _ a: SyscallArgs) -> Emulation {
        guard !pagemapViews.inodes.isEmpty else { return .passthrough }
        let fd = Int32(truncatingIfNeeded: a.a0)
        guard let inode = pagemapViews.inodes[fd] else { return .passthrough }
        var st = stat()
        guard fstat(fd, &st) == 0, UInt64(st.st_ino) == inode else {
            pagemapViews.inodes[fd] = nil  // closed and the number reused
            return .passthrough
        }
        let position: Int64 = nr == Tracer.readCall ? Int64(lseek(fd, 0, SEEK_CUR)) : Int64(bitPattern: a.a3)
        let count = a.a2
        guard position >= 0, position % 8 == 0, count % 8 == 0 else { return .result(-Int64(EINVAL)) }
        let first = UInt64(position) / 8
        guard first < Tracer.pagemapEntries else { return .passthrough }
        let entries = min(count / 8, Tracer.pagemapEntries - first, Tracer.refreshLimit)
        guard entries > 0 else { return .passthrough }
        refreshPagemap(view: fd, firstPage: first, pages: entries)
        return .passthrough
    }

    private func refreshPagemap(view: Int32, firstPage: UInt64, pages: UInt64) {
        if pagemapViews.hostPid != getpid() {
            if pagemapViews.hostFd >= 0 { close(pagemapViews.hostFd) }
            let raw = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC)
            pagemapViews.hostFd = raw >= 0 ? dt_fd_move_high(raw) : -1
            pagemapViews.hostPid = getpid()
        }
        var buffer = [UInt64](repeating: 0, count: Int(pages))
        let start = firstPage * 4096, end = (firstPage + pages) * 4096
        for m in space.maps where m.start < end && m.end > start {
            let s = max(m.start, start), e = min(m.end, end)
            let index = Int((s - start) / 4096), n = Int((e - s) / 4096)
            guard pagemapViews.hostFd >= 0, n > 0 else { continue }
            _ = buffer.withUnsafeMutableBytes {
                pread(pagemapViews.hostFd, $0.baseAddress! + index * 8, n * 8, off_t(s / 4096 * 8))
            }
        }
        _ = buffer.withUnsafeBytes { pwrite(view, $0.baseAddress!, $0.count, off_t(firstPage * 8)) }
    }
}
