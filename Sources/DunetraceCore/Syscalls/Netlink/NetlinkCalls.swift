// Where strace decodes netlink messages: the data of send/recv calls on a netlink socket
// (sendto, recvfrom; the iovecs of sendmsg/recvmsg/sendmmsg/recvmmsg whose address is
// AF_NETLINK), unless -e verbose= leaves the call out. The socket's protocol comes from the
// descriptor table (what -yy shows: `NETLINK:[ROUTE:123]`), live and in replay alike.

enum NetlinkCalls {
    /// The calls whose data may be netlink messages.
    static let carriers: Set<Int> = Set(["sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg"]
        .compactMap(SyscallTable.number))
    static let sendto = Sys.sendto
    static let recvfrom = Sys.recvfrom

    /// The protocol in a descriptor's detail: `.some(nil)` for a netlink socket whose protocol
    /// is not known, nil for anything else.
    static func protocolNumber(detail: String) -> Int?? {
        guard detail.hasPrefix("NETLINK:[") else { return nil }
        let inside = detail.dropFirst(9)
        guard let colon = inside.firstIndex(of: ":") else { return .some(nil) }
        let name = String(inside[..<colon])
        if let n = Int(name) { return .some(n) }
        return .some(FlagTables.netlinkProtocol.entries.first { $0.name == "NETLINK_" + name }.map { Int($0.value) })
    }
}

extension ArgumentDecoder {
    /// The protocol of socket `fd` when it is a netlink socket (`.some(nil)`: unknown).
    func netlinkProtocol(_ fd: UInt64) -> Int?? {
        guard let detail = names?.detail(of: Int32(truncatingIfNeeded: fd)) else { return nil }
        return NetlinkCalls.protocolNumber(detail: detail)
    }

    /// sendto/recvfrom's buffer as netlink messages, when the socket is a netlink one.
    func netlinkBuffer(_ address: UInt64, length: UInt64) -> String? {
        guard dereferenced, event.number == NetlinkCalls.sendto || event.number == NetlinkCalls.recvfrom,
              let proto = netlinkProtocol(arg(0)) else { return nil }
        return NetlinkPrinter(decoder: self, family: proto).messages(address, length)
    }
}
