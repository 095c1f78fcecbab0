// What strace -yy adds to a descriptor's path, asked of the host as strace 6.1 asks it: a
// socket's protocol (the "system.sockprotoname" attribute) and addresses (`TCP:[a:p->b:q]`,
// UNIX sockets' peer inode and path from NETLINK_SOCK_DIAG), a device's `char 1:3`, a pidfd's pid.
import CKVM
import Glibc

enum HostDescriptorDetail {
    /// The detail of `fd` whose path is `path`; "" for none.
    static func detail(_ fd: Int32, path: String) -> String {
        if path.hasPrefix("socket:[") { return socket(fd, inode: UInt64(path.dropFirst(8).dropLast()) ?? 0) }
        if path.hasPrefix("/dev/") {
            var st = stat()
            guard fstat(fd, &st) == 0 else { return "" }
            let type = st.st_mode & S_IFMT
            guard type == S_IFCHR || type == S_IFBLK else { return "" }
            let dev = UInt64(st.st_rdev)
            let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))
            let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
            return (type == S_IFCHR ? "char " : "block ") + "\(major):\(minor)"
        }
        if path == DescriptorName.pidfdPath, let text = readWholeFile("/proc/self/fdinfo/\(fd)") {
            for line in text.split(separator: "\n") where line.hasPrefix("Pid:") {
                return line.dropFirst(4).trimmingCharacters(in: .whitespaces)
            }
        }
        return ""
    }

    private static func socket(_ fd: Int32, inode: UInt64) -> String {
        var name = [CChar](repeating: 0, count: 64)
        // fgetxattr(2): Glibc's module does not export it.
        let n = Int("system.sockprotoname".withCString { key in
            name.withUnsafeMutableBytes { dt_host_syscall(193, UInt64(UInt32(bitPattern: fd)), UInt64(UInt(bitPattern: key)), UInt64(UInt(bitPattern: $0.baseAddress)), 63, 0, 0) }
        })
        guard n > 0 else { return "" }
        let proto = String(decoding: name[..<n].prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fallback = proto + ":[\(inode)]"
        switch proto {
        case "TCP", "UDP", "TCPv6", "UDPv6", "UDPLITE", "UDPLITEv6", "DCCP", "DCCPv6", "SCTP", "SCTPv6":
            guard let local = address(fd, peer: false) else { return fallback }
            if let peer = address(fd, peer: true) { return proto + ":[" + local + "->" + peer + "]" }
            return proto + ":[" + local + "]"
        case "UNIX", "UNIX-STREAM":
            return unix(inode, proto: proto) ?? fallback
        case "NETLINK":
            // sockaddr_nl: family (2), pad (2), nl_pid (4), nl_groups (4).
            var sa = sockaddr_storage()
            var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
            var family: Int32 = 0
            var plen = socklen_t(4)
            guard withUnsafeMutablePointer(to: &sa, { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }) == 0,
                  getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &family, &plen) == 0 else { return fallback }
            let portid = withUnsafeBytes(of: sa) { $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self) }
            guard portid != 0 else { return fallback }
            return "NETLINK:[" + (netlinkProtocols[family] ?? String(family)) + ":\(portid)]"
        default:
            return fallback
        }
    }

    /// `127.0.0.1:80`, `[::1]:80`; nil when unbound (the any address and port 0) or unconnected.
    private static func address(_ fd: Int32, peer: Bool) -> String? {
        var ss = sockaddr_storage()
        var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let r = withUnsafeMutablePointer(to: &ss) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { peer ? getpeername(fd, $0, &len) : getsockname(fd, $0, &len) }
        }
        guard r == 0 else { return nil }
        var text = [CChar](repeating: 0, count: 64)
        switch Int32(ss.ss_family) {
        case AF_INET:
            var sin = withUnsafeBytes(of: ss) { $0.loadUnaligned(as: sockaddr_in.self) }
            let port = UInt16(bigEndian: sin.sin_port)
            if sin.sin_addr.s_addr == 0 && port == 0 { return nil }
            inet_ntop(AF_INET, &sin.sin_addr, &text, 64)
            return String(cString: text) + ":\(port)"
        case AF_INET6:
            var sin6 = withUnsafeBytes(of: ss) { $0.loadUnaligned(as: sockaddr_in6.self) }
            let port = UInt16(bigEndian: sin6.sin6_port)
            let zero = withUnsafeBytes(of: sin6.sin6_addr) { $0.allSatisfy { $0 == 0 } }
            if zero && port == 0 { return nil }
            inet_ntop(AF_INET6, &sin6.sin6_addr, &text, 64)
            return "[" + String(cString: text) + "]:\(port)"
        default:
            return nil
        }
    }

    /// `UNIX-STREAM:[ino->peer,"path"]` from NETLINK_SOCK_DIAG, as strace asks for it.
    private static func unix(_ inode: UInt64, proto: String) -> String? {
        let nl = Glibc.socket(AF_NETLINK, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 4 /* NETLINK_SOCK_DIAG */)
        guard nl >= 0 else { return nil }
        defer { close(nl) }
        // nlmsghdr (16) + unix_diag_req (24)
        var req = [UInt8](repeating: 0, count: 40)
        func put32(_ v: UInt32, _ o: Int) { for i in 0..<4 { req[o + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) } }
        put32(40, 0)
        req[4] = 20                              // SOCK_DIAG_BY_FAMILY
        req[6] = 1                               // NLM_F_REQUEST
        put32(1, 8)
        req[16] = UInt8(AF_UNIX)
        put32(0xffff_ffff, 20)                   // udiag_states: all
        put32(UInt32(truncatingIfNeeded: inode), 24)
        put32(1 | 4, 28)                         // UDIAG_SHOW_NAME | UDIAG_SHOW_PEER
        put32(0xffff_ffff, 32)
        put32(0xffff_ffff, 36)                   // no cookie
        guard send(nl, req, req.count, 0) == req.count else { return nil }
        var buf = [UInt8](repeating: 0, count: 8192)
        let n = recv(nl, &buf, buf.count, 0)
        guard n >= 32 else { return nil }
        func u16(_ o: Int) -> Int { Int(buf[o]) | Int(buf[o + 1]) << 8 }
        func u32(_ o: Int) -> UInt32 { UInt32(buf[o]) | UInt32(buf[o + 1]) << 8 | UInt32(buf[o + 2]) << 16 | UInt32(buf[o + 3]) << 24 }
        let msgLen = min(Int(u32(0)), n)
        guard u16(4) == 20, msgLen >= 32, UInt64(u32(20)) == inode & 0xffff_ffff else { return nil }
        var peer: UInt32 = 0
        var path: [UInt8]?
        var o = 32
        while o + 4 <= msgLen {
            let len = u16(o), type = u16(o + 2)
            guard len >= 4, o + len <= msgLen else { break }
            if type == 0 { path = Array(buf[(o + 4)..<(o + len)]) }
            if type == 2 && len >= 8 { peer = u32(o + 4) }
            o += (len + 3) & ~3
        }
        guard peer != 0 || !(path ?? []).isEmpty else { return nil }
        var out = proto + ":[\(inode)"
        if peer != 0 { out += "->\(peer)" }
        if let path, !path.isEmpty {
            if path[0] == 0 {
                out += ",@" + StraceText.quote(path.dropFirst())
            } else {
                out += "," + StraceText.quote(path.prefix { $0 != 0 })
            }
        }
        return out + "]"
    }

    private static let netlinkProtocols: [Int32: String] = [
        0: "ROUTE", 1: "UNUSED", 2: "USERSOCK", 3: "FIREWALL", 4: "SOCK_DIAG", 5: "NFLOG", 6: "XFRM", 7: "SELINUX",
        8: "ISCSI", 9: "AUDIT", 10: "FIB_LOOKUP", 11: "CONNECTOR", 12: "NETFILTER", 13: "IP6_FW", 14: "DNRTMSG",
        15: "KOBJECT_UEVENT", 16: "GENERIC", 18: "SCSITRANSPORT", 19: "ECRYPTFS", 20: "RDMA", 21: "CRYPTO", 22: "SMC",
    ]
}
