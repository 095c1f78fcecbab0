// sendmsg/recvmsg/sendmmsg/recvmmsg: struct msghdr and struct mmsghdr as strace prints them,
// `{msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="hi", iov_len=2}], msg_iovlen=1,
// msg_controllen=0, msg_flags=0}`.

extension ArgumentDecoder {
    /// The msghdr at `address`; `output` for what recvmsg filled, whose data is `received` bytes.
    func msghdr(at address: UInt64, output: Bool, received: UInt64?) -> String? {
        guard let m = readStruct(address, size: 56) else { return nil }
        let name = m.u64(0), nameLength = m.u32(8)
        let iov = m.u64(16), iovCount = m.u64(24), control = m.u64(32), controlLength = m.u64(40)
        var fields: [String] = []
        let nameText = name == 0 ? "NULL" : sockaddr(name, length: Int(nameLength)) ?? StraceText.pointer(name)
        fields.append("msg_name=\(nameText)")
        fields.append("msg_namelen=\(nameLength)")
        // An AF_NETLINK address: the data are netlink messages (strace's print_struct_msghdr).
        let netlink = name != 0 && nameLength >= 2 && readStruct(name, size: 2)?.u16(0) == 16 ? netlinkProtocol(arg(0)) ?? .some(nil) : nil
        fields.append("msg_iov=" + (iovecs(iov, count: iovCount, output: output, available: received, netlink: netlink) ?? StraceText.pointer(iov)))
        fields.append("msg_iovlen=\(iovCount)")
        if controlLength != 0 { fields.append("msg_control=\(StraceText.pointer(control))") }
        fields.append("msg_controllen=\(controlLength)")
        fields.append("msg_flags=" + FlagTables.messageFlags.formatFlags(UInt64(m.u32(48)), style: style))
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// sendmsg, recvmsg: the message (recvmsg's only once the call filled it).
    func messageCall(receiving: Bool) -> DecodedCall {
        let address = arg(1)
        var shown = StraceText.pointer(address)
        if address != 0, dereferenced, !receiving || succeeded {
            shown = msghdr(at: address, output: receiving, received: receiving ? UInt64(clamping: success ?? 0) : nil) ?? shown
        } else if address != 0, dereferenced, let m = readStruct(address, size: 12) {
            // A failed recvmsg: the name length it was given.
            shown = "{msg_namelen=\(m.u32(8))}"
        }
        return DecodedCall([descriptor(arg(0)), shown, FlagTables.messageFlags.formatFlags(UInt64(UInt32(truncatingIfNeeded: arg(2))), style: style)])
    }

    /// sendmmsg, recvmmsg: the messages the call handled (its result), each with its msg_len.
    func multipleMessageCall(receiving: Bool) -> DecodedCall {
        let address = arg(1), count = UInt64(UInt32(truncatingIfNeeded: arg(2)))
        var shown = StraceText.pointer(address)
        if address != 0, dereferenced, let r = success, r > 0 {
            var items: [String] = []
            for i in 0..<Int(min(UInt64(r), count, 1024)) {
                let entry = address &+ UInt64(i * 64)
                guard let length = readStruct(entry &+ 56, size: 4)?.u32(0),
                      let header = msghdr(at: entry, output: receiving, received: receiving ? UInt64(length) : nil) else { break }
                items.append("{msg_hdr=\(header), msg_len=\(length)}")
            }
            if !items.isEmpty { shown = "[" + items.joined(separator: ", ") + "]" }
        }
        var args = [descriptor(arg(0)), shown, StraceText.uint(arg(2)),
                    FlagTables.messageFlags.formatFlags(UInt64(UInt32(truncatingIfNeeded: arg(3))), style: style)]
        guard receiving else { return DecodedCall(args) }
        // The timeout as given (the kernel writes the time left over it), and that time left.
        var atEntry = self
        atEntry.memory = MemoryAtEntry(base: memory)
        args.append(arg(4) == 0 ? "NULL" : dereferenced ? atEntry.structure(.timespec, at: arg(4), output: false) : StraceText.pointer(arg(4)))
        guard let r = success else { return DecodedCall(args) }
        if r == 0 { return DecodedCall(args, comment: "Timeout") }
        guard dereferenced, arg(4) != 0 else { return DecodedCall(args) }
        return DecodedCall(args, comment: "left " + (readStruct(arg(4), size: 16).map { timespec($0, 0) } ?? StraceText.pointer(arg(4))))
    }
}
