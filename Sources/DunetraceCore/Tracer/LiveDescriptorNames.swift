// -y/-yy: the names of a call's descriptors, from the process's descriptor table
// (DescriptorTracker), which the trace records as it changes. The arguments are named as the
// call found them (close(3</etc/passwd>) still names what it closed), the descriptors it
// returned as it left them; replay rebuilds the same table from the records.
extension Tracer {
    /// At entry: the descriptor arguments made current, their changes recorded.
    func descriptorNamesAtEntry(_ nr: Int, _ args: SyscallArgs, _ entry: UInt64) -> CallDescriptorNames? {
        guard let descriptors else { return nil }
        let needed = namesNeeded(nr)
        if !needed && descriptors.passesBy(nr, pid: pid) { return nil }
        let show = needed ? shownDescriptorNames : nil
        var (changes, names) = descriptors.entry(nr, args, pid: pid, show: show, memory: memory)
        // Descriptors inside a NETLINK_ROUTE message sent (printed with -y, here or in replay).
        if nr == NetlinkCalls.sendto,
           NetlinkCalls.protocolNumber(detail: descriptors.detail(of: Int32(truncatingIfNeeded: args.a0))) == .some(.some(0)) {
            let fds = NetlinkDescriptors.route(args.a1, args.a2, memory: memory)
            if !fds.isEmpty {
                let (more, updated) = descriptors.entry(also: fds, show: show)
                changes += more
                names = updated
            }
        }
        // Descriptors inside a bpf call's union bpf_attr, or sent by SCM_RIGHTS.
        if nr == 321 || nr == 46 {
            let fds = nr == 321 ? BpfDescriptors.inAttr(args, memory: memory) : ReceivedDescriptors.inMessage(args.a1, memory: memory)
            if !fds.isEmpty {
                let (more, updated) = descriptors.entry(also: fds, show: show)
                changes += more
                names = updated
            }
        }
        if let recorder {
            for (fd, name) in changes {
                recorder.descriptor(pid: shownPid, tid: shownTid, time: entry, fd: fd, afterCall: false, name: name)
            }
        }
        return names
    }

    /// Whether the live line of call `nr` needs the descriptor table: to show names (-y), or
    /// to know a socket's protocol (netlink messages are decoded by it).
    private func namesNeeded(_ nr: Int) -> Bool {
        live != nil && (!shownDescriptorNames.isEmpty || NetlinkCalls.carriers.contains(nr))
    }

    /// At exit: what the call changed, recorded (before its syscall record, marked as its
    /// doing) and added to the names it prints with.
    func descriptorNamesAtExit(_ e: SyscallEvent, _ names: (any DescriptorNames)?) -> (any DescriptorNames)? {
        guard let descriptors else { return names }
        let shown = namesNeeded(e.number)
        let before = shown && names == nil ? descriptors.snapshot : [:]
        let after = descriptors.exit(e.number, e.args, result: e.result, memory: memory)
        if let recorder, !after.isEmpty {
            for fd in after.keys.sorted() {
                recorder.descriptor(pid: shownPid, tid: shownTid, time: e.entryTime, fd: fd, afterCall: true, name: after[fd] ?? nil)
            }
        }
        guard shown else { return nil }
        var call = names as? CallDescriptorNames ?? CallDescriptorNames(table: before, show: shownDescriptorNames)
        call.after = after
        return call
    }
}
