// -y: the paths of a call's descriptors. The target's descriptors are dunetrace's own (its calls
// run on the host), so /proc/self/fd/N names them. The arguments are looked up before the call
// runs, as strace decodes them at entry (close(3</etc/passwd>) still names what it closed);
// the descriptors a call returns, after it.
import Glibc

struct LiveDescriptorNames: DescriptorNames {
    let guardRules: SyscallGuard
    /// The descriptor arguments' paths before the call.
    private var atEntry: [Int32: String] = [:]

    /// Looks up the descriptor arguments of `nr` (by the syscall table's argument kinds).
    init(_ nr: Int, _ args: SyscallArgs, guardRules: SyscallGuard) {
        self.guardRules = guardRules
        for (i, kind) in SyscallTable.signature(nr).enumerated() where kind == .fd || kind == .dirfd {
            let fd = Int32(truncatingIfNeeded: args[i])
            if fd >= 0 || (kind == .dirfd && fd == AT_FDCWD), let path = lookup(fd) { atEntry[fd] = path }
        }
    }

    func path(of fd: Int32, afterCall: Bool) -> String? {
        afterCall ? lookup(fd) : atEntry[fd]
    }

    /// What the descriptor points to now; nil for none, and for dunetrace's own descriptors
    /// (the target cannot reach them: natively the number would be free).
    private func lookup(_ fd: Int32) -> String? {
        guard fd == AT_FDCWD || (fd >= 0 && !guardRules.isReservedFd(UInt64(UInt32(bitPattern: fd)))) else { return nil }
        return HostProc.readlink(fd == AT_FDCWD ? "/proc/self/cwd" : "/proc/self/fd/\(fd)")
    }
}
