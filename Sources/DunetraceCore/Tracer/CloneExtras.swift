// What clone and clone3 may ask of a new task besides creating it: a pidfd for it
// (CLONE_PIDFD) and the pid it gets (clone3's set_tid). The child is a host process or thread,
// so its pidfd is the kernel's own (pidfd_send_signal, poll, waitid P_PIDFD work on it), given
// the descriptor number the kernel would have picked before the child existed. A chosen pid
// is had as CRIU has it: ns_last_pid is set just below it before the host fork or thread; if
// something else took the pid in between, the child goes and the call fails with EEXIST, as
// it would natively had that pid been taken first.
import CKVM
import Foundation
import Glibc

let CLONE_PIDFD: UInt64 = 0x1000
let CLONE_DETACHED: UInt64 = 0x40_0000
private let PIDFD_THREAD: UInt64 = 0o200  // O_EXCL

struct CloneExtras {
    /// Where the pidfd goes in target memory, and the descriptor reserved for it.
    var pidfdAddress: UInt64?
    var pidfdSlot: Int32 = -1
    /// set_tid: the pid the new task must get.
    var chosenPid: Int32?
    /// What the parent gets when a new process ends (0: nothing; not SIGCHLD: a "clone" child
    /// that wait4 sees only with __WCLONE or __WALL), and clone3's cgroup to start it in.
    var exitSignal: UInt64 = 17  // SIGCHLD
    var cgroup: UInt64 = 0

    private static let pidfdOpen = Sys.pidfd_open
    private static let dup3 = Sys.dup3

    /// Reserves the lowest free descriptor for the pidfd, as the kernel picks it before the
    /// child exists: the errno the call fails with, if any (EMFILE, EFAULT).
    mutating func reservePidfd(space: AddressSpace) -> Int32? {
        guard let address = pidfdAddress else { return nil }
        guard space.isAccessible(address, 4, prot: PROT_WRITE) else { return EFAULT }
        let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return errno }
        pidfdSlot = fd
        return nil
    }

    /// The parent, once the task exists: its pidfd into the reserved descriptor and memory.
    func storePidfd(for pid: Int32, thread: Bool) {
        guard let address = pidfdAddress, pidfdSlot >= 0 else { return }
        let fd = dt_host_syscall(Int64(CloneExtras.pidfdOpen), UInt64(UInt32(bitPattern: pid)), thread ? PIDFD_THREAD : 0, 0, 0, 0, 0)
        if fd >= 0 {
            _ = dt_host_syscall(Int64(CloneExtras.dup3), UInt64(fd), UInt64(pidfdSlot), UInt64(O_CLOEXEC), 0, 0, 0)
            close(Int32(fd))
        }
        TargetAccess.store(pidfdSlot, at: address)
    }

    /// No task after all (in the parent), or the child, which has no pidfd of itself.
    func releasePidfd() {
        if pidfdSlot >= 0 { close(pidfdSlot) }
    }

    /// clone3's set_tid and set_tid_size, checked as the kernel checks them (the pid namespace
    /// nesting, the range, the capability, a pid in use): the errno, or nil.
    mutating func choosePid(array: UInt64, count: UInt64, memory: LiveMemory) -> Int32? {
        if array == 0 && count == 0 { return nil }
        guard array != 0, count != 0, count <= 32 else { return EINVAL }
        guard count <= UInt64(CloneExtras.namespaceLevels) else { return EINVAL }
        guard let bytes = memory.read(array, count: 4) else { return EFAULT }
        let pid = bytes.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
        guard pid >= 1, pid < CloneExtras.pidMax else { return EINVAL }
        guard CloneExtras.mayChoosePids else { return EPERM }
        if HostProc.exists("/proc/\(pid)") { return EEXIST }
        chosenPid = pid
        return nil
    }

    /// Just before the host fork or thread: the next pid the kernel gives is the chosen one
    /// (unless someone else forks first). The errno if ns_last_pid cannot be set.
    func prepareChosenPid() -> Int32? {
        guard let pid = chosenPid else { return nil }
        let fd = HostProc.open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return EPERM }
        defer { close(fd) }
        let text = Array(String(pid - 1).utf8)
        return text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == text.count ? nil : EPERM
    }

    /// The pid namespaces this process is in (NSpid's entries): set_tid may name one pid each.
    private static let namespaceLevels: Int = {
        guard let status = readWholeFile("/proc/self/status"),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("NSpid:") }) else { return 1 }
        return max(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).count - 1, 1)
    }()

    private static let pidMax: Int32 = {
        guard let text = readWholeFile("/proc/sys/kernel/pid_max") else { return 4_194_304 }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 4_194_304
    }()

    /// CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE, as the kernel's checkpoint_restore_ns_capable.
    private static var mayChoosePids: Bool {
        var header = (UInt32(0x2008_0522), Int32(0))  // _LINUX_CAPABILITY_VERSION_3, this process
        var data = [UInt32](repeating: 0, count: 6)   // two of {effective, permitted, inheritable}
        let r = withUnsafeMutablePointer(to: &header) { h in
            data.withUnsafeMutableBufferPointer { d in
                dt_host_syscall(Int64(SyscallTable.number("capget")!), UInt64(UInt(bitPattern: h)), UInt64(UInt(bitPattern: d.baseAddress!)), 0, 0, 0, 0)
            }
        }
        guard r == 0 else { return false }
        let effective = UInt64(data[0]) | UInt64(data[3]) << 32
        return effective & (1 << 21 | 1 << 40) != 0
    }
}
