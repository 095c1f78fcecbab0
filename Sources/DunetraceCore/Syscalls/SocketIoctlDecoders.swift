// Socket ioctls (type 0x89) as strace 6.1's sock.c prints them: struct ifreq by request (the
// name on entry, the answer after a success), ints behind the pointer, and the requests strace
// shows only as an address.
#if canImport(Glibc)
import Glibc
#endif

extension ArgumentDecoder {
    func socketRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch request {
        case 0x8912: return DecodedCall(head + [interfaceList(value)])                        // SIOCGIFCONF
        case 0x89a0, 0x89a1: return ioctlInput(head) { bridgeName($0) }                     // SIOCBRADDBR, SIOCBRDELBR
        case 0x8903, 0x8905, 0x8925, 0x8904, 0x894b: return ioctlOutput(head) { scalarText($0, .int) }
        case 0x8901, 0x8926, 0x8902: return ioctlInput(head) { scalarText($0, .int) }
        case 0x89a2, 0x89a3:                                                                   // SIOCBRADDIF, SIOCBRDELIF
            return ioctlInput(head) { a in readStruct(a, size: 40).map { "{ifr_ifindex=" + interfaceIndex($0.u32(16)) + "}" } }
        case let r where Self.interfaceSetters.contains(r):
            return ioctlInput(head) { a in
                readStruct(a, size: 40).map { "{ifr_name=" + fixedString(Array($0.bytes[0..<16])) + ", " + interfaceField(r, $0, at: a) + "}" }
            }
        case let r where Self.interfaceGetters.contains(r):
            guard dereferenced, value != 0, let s = readStruct(value, size: 40) else {
                return DecodedCall(head + [StraceText.pointer(value)])
            }
            // What the call was given (read back after it: the kernel leaves it or writes the same).
            var text = r == 0x8910 ? "{ifr_ifindex=\(s.i32(16))" : "{ifr_name=" + fixedString(Array(s.bytes[0..<16]))
            if succeeded { text += ", " + interfaceField(r, s, at: value) }
            return DecodedCall(head + [text + "}"])
        case let r where Self.addressOnly.contains(r):
            return DecodedCall(head + [StraceText.pointer(value)])
        default:
            return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    /// A bridge's name: up to IFNAMSIZ bytes, `...` when no NUL ends it there.
    private func bridgeName(_ address: UInt64) -> String? {
        var bytes: [UInt8] = []
        for k in 0..<16 {
            guard let b = memory.read(address &+ UInt64(k), count: 1) else { return nil }
            if b[0] == 0 { return StraceText.quote(bytes, inHex: stringsInHex) }
            bytes.append(b[0])
        }
        return StraceText.quote(bytes, inHex: stringsInHex) + "..."
    }

    /// SIOCS*: the ifreq is read.
    static let interfaceSetters: Set<UInt32> = [
        0x8931, 0x8932, 0x8916, 0x891a, 0x8918, 0x8914, 0x8924, 0x8937, 0x8971, 0x891e, 0x8922, 0x8923, 0x891c, 0x8930, 0x8943,
    ]
    /// SIOCG*: the ifreq names the interface and is written back.
    static let interfaceGetters: Set<UInt32> = [
        0x8915, 0x8919, 0x8917, 0x8913, 0x8927, 0x8933, 0x8970, 0x891d, 0x8921, 0x8910, 0x891b, 0x8929, 0x8942,
    ]
    /// Requests strace prints only as an address.
    static let addressOnly: Set<UInt32> = [
        0x8980, 0x890b, 0x8995, 0x8990, 0x8993, 0x8991, 0x8994, 0x8992, 0x8953, 0x8981, 0x890c, 0x8936, 0x8960, 0x8946,
        0x8954, 0x89b1, 0x8940, 0x8938, 0x891f, 0x8935, 0x8982, 0x8947, 0x8948, 0x8961, 0x894c, 0x8906, 0x8907,
        0x8010_8906, 0x8010_8907, 0x890d, 0x8955, 0x89b0, 0x8941, 0x8911, 0x8920, 0x8934, 0x8983, 0x8949, 0x8962, 0x894a,
    ]

    /// The field the request reads or answers (sock.c's print_ifreq).
    private func interfaceField(_ request: UInt32, _ s: StructBytes, at address: UInt64) -> String {
        func socketAddress(_ name: String) -> String { name + "=" + (sockaddr(address &+ 16, length: 16) ?? StraceText.pointer(address &+ 16)) }
        switch request {
        case 0x8916, 0x8915: return socketAddress("ifr_addr")
        case 0x8918, 0x8917: return socketAddress("ifr_dstaddr")
        case 0x891a, 0x8919: return socketAddress("ifr_broadaddr")
        case 0x891c, 0x891b: return socketAddress("ifr_netmask")
        case 0x8931, 0x8932, 0x8927, 0x8924, 0x8937: return "ifr_hwaddr=" + hardwareAddress(s)
        case 0x8914, 0x8913: return "ifr_flags=" + FlagTables.interfaceFlags.formatFlags(UInt64(s.u16(16)), style: style)
        case 0x8933: return "ifr_ifindex=\(s.i32(16))"
        case 0x891e, 0x891d: return "ifr_metric=\(s.i32(16))"
        case 0x8922, 0x8921: return "ifr_mtu=\(s.i32(16))"
        case 0x8930, 0x8929: return "ifr_slave=" + fixedString(Array(s.bytes[16..<32]))
        case 0x8923: return "ifr_newname=" + fixedString(Array(s.bytes[16..<32]))
        case 0x8910: return "ifr_name=" + fixedString(Array(s.bytes[0..<16]))
        case 0x8943, 0x8942: return "ifr_qlen=\(s.i32(16))"
        case 0x8971, 0x8970:
            return "ifr_map={mem_start=\(StraceText.hex(s.u64(16))), mem_end=\(StraceText.hex(s.u64(24))), "
                + "base_addr=\(StraceText.hex(UInt64(s.u16(32)))), irq=\(StraceText.hex(UInt64(s.bytes[34]))), "
                + "dma=\(StraceText.hex(UInt64(s.bytes[35]))), port=\(StraceText.hex(UInt64(s.bytes[36])))}"
        default: return ""
        }
    }

    /// ifr_hwaddr: the hardware type, then its address bytes (as many as the type has).
    private func hardwareAddress(_ s: StructBytes) -> String {
        let family = UInt64(s.u16(16))
        let data = Array(s.bytes[18..<32])
        let size = min(data.count, Self.hardwareAddressSizes[family] ?? 255)
        let hex = StraceText.quote(data, inHex: .all)
        let mac = data.prefix(size).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":")
        let address: String
        switch style {
        case .raw: address = hex
        case .abbrev: address = mac
        case .verbose: address = hex + " /* " + mac + " */"
        }
        return "{sa_family=" + FlagTables.hardwareTypes.formatValue(family, style: style) + ", sa_data=" + address + "}"
    }

    /// print_hwaddr's sizes for the common types (strace's hwaddr_sizes; 255 means all of sa_data).
    static let hardwareAddressSizes: [UInt64: Int] = [
        0: 7, 1: 6, 3: 7, 6: 6, 7: 1, 15: 2, 24: 16, 27: 8, 32: 20, 256: 0, 270: 5, 271: 0, 280: 0, 290: 1, 512: 0,
        518: 0, 519: 0, 768: 4, 769: 16, 772: 6, 773: 1, 774: 6, 776: 4, 777: 0, 778: 4, 779: 0, 780: 6, 783: 4,
        801: 6, 802: 6, 803: 6, 804: 8, 805: 8, 820: 1, 821: 1, 822: 0, 823: 16, 824: 0, 825: 8, 826: 0,
    ]

    /// An interface index as strace prints it: `if_nametoindex("lo")` when the host has it.
    func interfaceIndex(_ index: UInt32) -> String {
        var name = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
        guard index != 0, if_indextoname(index, &name) != nil else { return String(index) }
        let text = "if_nametoindex(" + StraceText.quote(name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, inHex: stringsInHex) + ")"
        return style.spell(raw: String(index), text)
    }

    /// SIOCGIFCONF as strace's decode_ifconf prints it: ifc_len as given when a buffer was
    /// given, ` => ` and the length written when it changed (the length alone without a
    /// buffer), then the ifreqs written, or the buffer's address (NULL, or after a failure).
    private func interfaceList(_ address: UInt64) -> String {
        var atEntry = self
        atEntry.memory = MemoryAtEntry(base: memory)
        guard dereferenced, address != 0, let given = atEntry.readStruct(address, size: 16) else { return StraceText.pointer(address) }
        let givenLength = given.i32(0), givenBuffer = given.u64(8)
        func lengthText(_ length: Int32) -> String {
            let count = UInt32(bitPattern: length) / 40
            return String(length) + (length > 0 && count * 40 == UInt32(bitPattern: length) ? " /* \(count) * sizeof(struct ifreq) */" : "")
        }
        var text = "{ifc_len=" + (givenBuffer != 0 ? lengthText(givenLength) : "")
        guard let s = readStruct(address, size: 16) else {
            return text + (givenBuffer == 0 ? lengthText(givenLength) : "") + ", ifc_buf=" + StraceText.pointer(givenBuffer) + "}"
        }
        let length = s.i32(0), buffer = s.u64(8)
        if givenBuffer != 0 && givenLength != length { text += " => " }
        if givenBuffer == 0 || givenLength != length { text += lengthText(length) }
        guard succeeded, givenBuffer != 0 else {
            return text + ", ifc_buf=" + StraceText.pointer(givenBuffer) + (buffer != givenBuffer ? " => " + StraceText.pointer(buffer) : "") + "}"
        }
        let count = Int(UInt32(bitPattern: length) / 40)
        var items: [String] = []
        for k in 0..<count {
            if k >= stringLimit { items.append("..."); break }
            let at = buffer &+ UInt64(k * 40)
            guard let r = readStruct(at, size: 40) else { break }
            items.append("{ifr_name=" + fixedString(Array(r.bytes[0..<16])) + ", ifr_addr="
                         + (sockaddr(at &+ 16, length: 16) ?? StraceText.pointer(at &+ 16)) + "}")
        }
        return text + ", ifc_buf=[" + items.joined(separator: ", ") + "]}"
    }
}

extension FlagTables {
    static let interfaceFlags = NameTable(unknown: "IFF_???", [
        (0x1, "IFF_UP"), (0x2, "IFF_BROADCAST"), (0x4, "IFF_DEBUG"), (0x8, "IFF_LOOPBACK"), (0x10, "IFF_POINTOPOINT"),
        (0x20, "IFF_NOTRAILERS"), (0x40, "IFF_RUNNING"), (0x80, "IFF_NOARP"), (0x100, "IFF_PROMISC"), (0x200, "IFF_ALLMULTI"),
        (0x400, "IFF_MASTER"), (0x800, "IFF_SLAVE"), (0x1000, "IFF_MULTICAST"), (0x2000, "IFF_PORTSEL"),
        (0x4000, "IFF_AUTOMEDIA"), (0x8000, "IFF_DYNAMIC"), (0x10000, "IFF_LOWER_UP"), (0x20000, "IFF_DORMANT"),
        (0x40000, "IFF_ECHO"),
    ])
    static let hardwareTypes = NameTable(unknown: "ARPHRD_???", [
        (0, "ARPHRD_NETROM"), (1, "ARPHRD_ETHER"), (2, "ARPHRD_EETHER"), (3, "ARPHRD_AX25"), (4, "ARPHRD_PRONET"),
        (5, "ARPHRD_CHAOS"), (6, "ARPHRD_IEEE802"), (7, "ARPHRD_ARCNET"), (8, "ARPHRD_APPLETLK"), (15, "ARPHRD_DLCI"),
        (19, "ARPHRD_ATM"), (23, "ARPHRD_METRICOM"), (24, "ARPHRD_IEEE1394"), (27, "ARPHRD_EUI64"), (32, "ARPHRD_INFINIBAND"),
        (256, "ARPHRD_SLIP"), (257, "ARPHRD_CSLIP"), (258, "ARPHRD_SLIP6"), (259, "ARPHRD_CSLIP6"), (260, "ARPHRD_RSRVD"),
        (264, "ARPHRD_ADAPT"), (270, "ARPHRD_ROSE"), (271, "ARPHRD_X25"), (272, "ARPHRD_HWX25"), (280, "ARPHRD_CAN"),
        (290, "ARPHRD_MCTP"), (512, "ARPHRD_PPP"), (513, "ARPHRD_CISCO"), (516, "ARPHRD_LAPB"), (517, "ARPHRD_DDCMP"),
        (518, "ARPHRD_RAWHDLC"), (519, "ARPHRD_RAWIP"), (768, "ARPHRD_TUNNEL"), (769, "ARPHRD_TUNNEL6"), (770, "ARPHRD_FRAD"),
        (771, "ARPHRD_SKIP"), (772, "ARPHRD_LOOPBACK"), (773, "ARPHRD_LOCALTLK"), (774, "ARPHRD_FDDI"), (775, "ARPHRD_BIF"),
        (776, "ARPHRD_SIT"), (777, "ARPHRD_IPDDP"), (778, "ARPHRD_IPGRE"), (779, "ARPHRD_PIMREG"), (780, "ARPHRD_HIPPI"),
        (781, "ARPHRD_ASH"), (782, "ARPHRD_ECONET"), (783, "ARPHRD_IRDA"), (784, "ARPHRD_FCPP"), (785, "ARPHRD_FCAL"),
        (786, "ARPHRD_FCPL"), (787, "ARPHRD_FCFABRIC"), (800, "ARPHRD_IEEE802_TR"), (801, "ARPHRD_IEEE80211"),
        (802, "ARPHRD_IEEE80211_PRISM"), (803, "ARPHRD_IEEE80211_RADIOTAP"), (804, "ARPHRD_IEEE802154"),
        (805, "ARPHRD_IEEE802154_MONITOR"), (820, "ARPHRD_PHONET"), (821, "ARPHRD_PHONET_PIPE"), (822, "ARPHRD_CAIF"),
        (823, "ARPHRD_IP6GRE"), (824, "ARPHRD_NETLINK"), (825, "ARPHRD_6LOWPAN"), (826, "ARPHRD_VSOCKMON"),
        (0xfffe, "ARPHRD_NONE"), (0xffff, "ARPHRD_VOID"),
    ])
}
