// Which guard a passed-through call meets: the model's, for every call it describes. Calls it
// does not describe yet meet the older rule table until the model covers every call; then
// (`SyscallModel.isComplete`) they are refused with ENOSYS and named once on stderr.
import CKVM
import Glibc

extension Tracer {
    /// nil: the call runs with `hostArgs` (and `copies` go back after it); otherwise the
    /// negative errno it returns without reaching the kernel.
    func guardCall(_ nr: Int, _ args: SyscallArgs, _ hostArgs: inout SyscallArgs, _ copies: inout GuardCopies?) -> Int64? {
        if let refused = guardOtherProcesses(nr, args, &hostArgs, &copies) { return refused }
        if let answered = privateFutexWakeOutside(nr, args) { return answered }
        if let refused = rangeOutsideTarget(nr, args) { return refused }
        if let refused = cutsOwnFile(nr, args) { return refused }
        if let refused = perfEventReachesTracer(nr, args) { return refused }
        if let refused = bpfReachesTracer(nr, args) { return refused }
        if let description = SyscallModel.description(nr) {
            if namesOwnHostThread(nr, description, args) { return -Int64(ESRCH) }
            if let absent = ownHostThreadInValue(nr, args) { return absent }
            if let closed = undescribedOnClosedDescriptor(description, args) { return closed }
            let remote = hostArgs
            switch modelGuard.decide(description, args, space: space) {
            case .refuse(let errno):
                if let badDescriptor = descriptorCheckedFirst(description, args) { return badDescriptor }
                // A command no kernel has (past 0xffff, negative, named by no table, another
                // architecture's) gets the kernel's own answer,
                // not a note about the model: only ioctl's requests are that large.
                if let multiplexer = description.multiplexer, !multiplexer.complete, description.arguments(for: args) == nil,
                   description.name == "ioctl" || args[multiplexer.selector] & multiplexer.mask <= 0xffff,
                   description.kernelMayHave(args) {
                    noteUndescribed("\(description.name) with \(StraceText.hex(args[multiplexer.selector]))")
                }
                return errno
            case .run(var checked, let made):
                // process_vm_*'s remote iovecs and process_madvise's own ranges were checked
                // above: their copies stay.
                for i in 0..<6 where remote[i] != args[i] { checked[i] = remote[i] }
                if let hidden = pathReachesTracer(nr, description, args, checked) { return hidden }
                // A path is resolved once and the call uses what was resolved (PinnedPaths.swift).
                let holder = made ?? copies ?? GuardCopies()
                var pinned: Int?
                if case .answered(let r) = pinPaths(nr, args, &checked, holder, pinned: &pinned) {
                    return holder.finish(result: r)
                }
                if made == nil && copies == nil && pinned != nil { copies = holder }
                followProcLinks(nr, args, &checked)
                if let answered = rangeAfterGuard(nr, args, checked) { return answered }
                if nr == Tracer.movePages {
                    let pagesCopy = made ?? copies ?? GuardCopies()
                    if let refused = ownPagesOnly(&checked, pagesCopy) { return refused }
                    if made == nil { copies = pagesCopy }
                }
                hostArgs = checked
                if let made {
                    if let earlier = copies { made.adopt(earlier) }
                    copies = made
                }
                return nil
            }
        }
        // Past the table or a number with no call (x32's bit included): the kernel's own ENOSYS,
        // not a gap of the model.
        guard (0..<1024).contains(nr), SyscallTable.entry(nr) != nil else { return -Int64(ENOSYS) }
        if SyscallModel.isComplete {
            noteUndescribed(SyscallTable.name(nr))
            return -Int64(ENOSYS)
        }
        return guardRules.check(nr, &hostArgs, space: space)
    }

    /// fsconfig refuses a negative descriptor (EINVAL) before it looks at its command (an unknown
    /// one is EOPNOTSUPP whatever the descriptor).
    private func descriptorCheckedFirst(_ description: SyscallDescription, _ args: SyscallArgs) -> Int64? {
        guard description.name == "fsconfig", description.arguments(for: args) == nil else { return nil }
        return Int32(truncatingIfNeeded: args.a0) < 0 ? -Int64(EINVAL) : nil
    }

    /// A command the model does not describe, on a descriptor that is not open: ioctl and fcntl
    /// look the descriptor up first, so their answer is EBADF whatever the command would have
    /// done (other multiplexed calls, io_uring_register say, check the command first); it
    /// touches nothing. An O_PATH descriptor is EBADF too: ioctl's fdget refuses it, and fcntl
    /// takes it for a few known commands only.
    private func undescribedOnClosedDescriptor(_ description: SyscallDescription, _ args: SyscallArgs) -> Int64? {
        guard description.name == "ioctl" || description.name == "fcntl", description.arguments(for: args) == nil else { return nil }
        let fd = Int32(truncatingIfNeeded: args.a0)
        if fd < 0 || guardRules.isReservedFd(args.a0) { return -Int64(EBADF) }
        let status = fcntl(fd, F_GETFL)
        if status < 0 || status & 0o10000000 != 0 { return -Int64(EBADF) }
        return nil
    }

    /// Names a call (or variant) the model does not describe, once per run, on stderr.
    private func noteUndescribed(_ what: String) {
        undescribedLock.lock()
        defer { undescribedLock.unlock() }
        guard !undescribedNamed.contains(what) else { return }
        undescribedNamed.insert(what)
        writeLine(2, ProgramName.prefix + "\(what) is not in dunetrace's syscall model: refused")
    }
}
