// Calls the kernel allows only a process with a single thread (unshare(CLONE_NEWUSER) and
// CLONE_THREAD/SIGHAND/VM, setns into a user or mount namespace: EINVAL otherwise). A target
// with one thread gets them as natively although dunetrace's process has two more threads
// while it runs: the trace compressor, and KVM's own worker (kvm-nx-lpage-recovery, a thread
// of the process that owns the VM, there until the VM is closed). Around such a call both
// end: the compressor stops, the VM is closed and made again afterwards over the same
// memslots and guest page tables, with a new vCPU holding the old one's state.
import CKVM
import Glibc

private let CLONE_SIGHAND_FLAG: UInt64 = 0x800
private let NS_GET_NSTYPE: UInt64 = 0xb703

extension Tracer {
    /// True if the kernel would refuse this unshare/setns in a process with another thread.
    func needsLoneThread(unshareFlags flags: UInt64) -> Bool {
        flags & (CLONE_NEWUSER | CLONE_THREAD | CLONE_SIGHAND_FLAG | CLONE_VM) != 0
    }

    func needsLoneThread(setnsFD fd: UInt64, nstype: UInt64) -> Bool {
        var type = nstype
        if type == 0 {
            // "Any type": the namespace the descriptor names decides.
            guard !guardRules.isReservedFd(fd) else { return false }
            let r = dt_host_syscall(Int64(SyscallNumber.ioctl), fd, NS_GET_NSTYPE, 0, 0, 0, 0)
            guard r > 0 else { return false }
            type = UInt64(r)
        }
        return type & (CLONE_NEWUSER | CLONE_NEWNS) != 0
    }

    /// unshare of what needs a lone thread: a new pid namespace comes after
    /// them, once the remade VM has run (and so has KVM's worker thread, which the process can
    /// no longer make once its children go to another pid namespace than its threads).
    func unshare(_ nr: Int, _ flags: UInt64, _ regs: dt_regs) -> Int64 {
        guard flags & CLONE_NEWPID != 0 else { return asLoneThread(regs) { dt_host_syscall(Int64(nr), flags, 0, 0, 0, 0, 0) } }
        let first = asLoneThread(regs) { dt_host_syscall(Int64(nr), flags & ~CLONE_NEWPID, 0, 0, 0, 0, 0) }
        guard first == 0 else { return first }
        if let cpu = vcpu, dt_vcpu_prime(cpu) != 0 {
            processFailure("cannot run the VM made again after unshare: \(String(cString: strerror(errno)))")
        }
        return dt_host_syscall(Int64(nr), CLONE_NEWPID, 0, 0, 0, 0, 0)
    }

    /// Runs `call` (the host system call) with dunetrace's other threads gone when the target
    /// has one thread; as it is otherwise (the kernel refuses as natively).
    func asLoneThread(_ regs: dt_regs, _ call: () -> Int64) -> Int64 {
        guard tasks.count == 1, !mainParked, let cpu = vcpu else { return call() }
        // Once the process's children go to another pid namespace than its own (an earlier
        // unshare(CLONE_NEWPID), no fork since), the kernel lets it make no thread (EINVAL), and
        // KVM's worker is one: the VM could not be made again. The call then meets the
        // threads it has (the kernel's EINVAL for unshare(CLONE_NEWUSER)), and the run goes on.
        guard !childrenInOtherPidNamespace() else { return call() }
        let fsBase = dt_vcpu_fs_base(cpu), gsBase = dt_vcpu_gs_base(cpu)
        var xsave = [UInt8](repeating: 0, count: Int(dt_xsave_size()))
        let hasXsave = xsave.withUnsafeMutableBytes { dt_vcpu_get_xsave(cpu, $0.baseAddress) } == 0
        recorder?.stopHelperThread()
        dt_vcpu_destroy(cpu)
        vcpu = nil
        dt_vm_close(vm)
        waitUntilSingleThreaded()
        let result = call()
        guard dt_vm_reopen(vm) == 0, let newCPU = dt_vcpu_create(vm, regs.rip, regs.rsp) else {
            processFailure("cannot make the VM again after \(result < 0 ? "a failed" : "a") namespace change: \(String(cString: dt_vm_error(vm)))")
        }
        dt_vcpu_set_fs_base(newCPU, fsBase)
        dt_vcpu_set_gs_base(newCPU, gsBase)
        if hasXsave { _ = xsave.withUnsafeBytes { dt_vcpu_set_xsave(newCPU, $0.baseAddress) } }
        vcpu = newCPU
        applyTSCMode(task)
        return result
    }

    /// The threads that ended are gone from the thread group a moment after they say so (KVM's
    /// worker signals its end before it exits): waits for that, 1 s at most.
    private func waitUntilSingleThreaded() {
        for _ in 0..<1000 {
            if hostThreadCount() <= 1 { return }
            usleep(1000)
        }
    }

    private func childrenInOtherPidNamespace() -> Bool {
        var own = stat(), children = stat()
        guard HostProc.statPath("/proc/self/ns/pid", &own) == 0 else { return false }
        // A new namespace with no process in it yet cannot be opened (ENOENT).
        guard HostProc.statPath("/proc/self/ns/pid_for_children", &children) == 0 else { return true }
        return own.st_ino != children.st_ino || own.st_dev != children.st_dev
    }

    private func hostThreadCount() -> Int {
        guard let dir = HostProc.opendir("/proc/self/task") else { return 0 }
        defer { closedir(dir) }
        var n = 0
        while let e = readdir(dir) {
            if e.pointee.d_name.0 != CChar(UInt8(ascii: ".")) { n += 1 }
        }
        return n
    }
}
