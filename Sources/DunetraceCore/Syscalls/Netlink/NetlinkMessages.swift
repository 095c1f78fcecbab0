// Netlink messages as strace 6.1 prints them, for the bytes sent or received on a netlink socket
// (sendto/recvfrom buffers, sendmsg/recvmsg iovecs): `[{nlmsg_len=40, nlmsg_type=RTM_GETLINK,
// nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=1, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ...},
// [{nla_len=8, nla_type=IFLA_EXT_MASK}, RTEXT_FILTER_VF]]`. Memory is read piece by piece as
// strace reads it, so a message cut by an unreadable page prints what strace prints.

/// The netlink protocols whose messages have names of their own (NETLINK_ROUTE...).
enum NetlinkProtocol: Int {
    case route = 0, sockDiag = 4, xfrm = 6, selinux = 7, audit = 9, netfilter = 12,
         kobjectUevent = 15, generic = 16, crypto = 21
}

/// The message decoder of one call: the target's memory through `decoder`, the socket's protocol.
struct NetlinkPrinter {
    let decoder: ArgumentDecoder
    /// The socket's protocol number; nil when not known (strace's -1).
    let family: Int?

    static let headerSize = 16
    static let errorType: UInt16 = 2
    static let doneType: UInt16 = 3
    static let minType: UInt16 = 16

    var style: ConstStyle { decoder.style }
    var limit: Int { decoder.stringLimit }

    // MARK: reading

    func read(_ address: UInt64, _ count: Int) -> StructBytes? {
        guard count > 0 else { return StructBytes(bytes: []) }
        return decoder.readStruct(address, size: count)
    }

    /// An unsigned little-endian integer of `size` bytes (at most 8) at `address`.
    func unsigned(_ address: UInt64, _ size: Int) -> UInt64? {
        guard let b = read(address, size) else { return nil }
        return b.bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    // MARK: strings

    /// strace's printstr_ex: `length` bytes at `address`, at most -s of them, `...` after a cut.
    /// `forceHex` prints every byte as `\xNN` (QUOTE_FORCE_HEX); `expectNul` is decode_nla_str's
    /// style: a last NUL is dropped, and a string without one is marked as cut.
    func string(_ address: UInt64, _ length: Int, forceHex: Bool = false, expectNul: Bool = false) -> String {
        if address == 0 { return "NULL" }
        var size = min(limit &+ 1, length)
        guard let bytes = size == 0 ? [] : read(address, size)?.bytes else { return StraceText.pointer(address) }
        size = min(size, limit)
        var shown = Array(bytes.prefix(size))
        if expectNul {
            // A last NUL ends the string: not shown, and nothing was cut.
            if shown.last == 0 {
                shown.removeLast()
                return StraceText.quote(shown, inHex: decoder.stringsInHex)
            }
            return StraceText.quote(shown, inHex: decoder.stringsInHex) + (length > 0 ? "..." : "")
        }
        return StraceText.quote(shown, hexEscapes: forceHex, inHex: decoder.stringsInHex) + (length > limit ? "..." : "")
    }

    func hex(_ address: UInt64, _ length: Int) -> String { string(address, length, forceHex: true) }

    /// printxval: a name, or the number with `/* dflt */` (no comment for an empty dflt).
    func value(_ table: NameTable, _ v: UInt64) -> String {
        if table.name(of: v) == nil, table.unknown.isEmpty { return StraceText.hex(v) }
        return table.formatValue(v, style: style)
    }

    // MARK: messages

    /// decode_netlink: the messages in `length` bytes at `address`.
    func messages(_ address: UInt64, _ length: UInt64) -> String {
        if family == NetlinkProtocol.kobjectUevent.rawValue { return kobjectUevent(address, length) }
        var address = address, length = length
        var items: [String] = []
        var isArray = false
        var element = 0
        while true {
            guard length >= UInt64(Self.headerSize) else {
                items.append(hex(address, Int(length)))
                break
            }
            guard let h = read(address, Self.headerSize) else {
                items.append(isArray ? "... /* \(StraceText.pointer(address)) */" : StraceText.pointer(address))
                break
            }
            if decoder.abbreviated && element == limit {
                items.append("...")
                break
            }
            let declared = UInt64(h.u32(0))
            let aligned = (declared &+ 3) & ~3
            var next: (UInt64, UInt64)?
            if declared >= UInt64(Self.headerSize) {
                let rest = length >= aligned ? length - aligned : 0
                if rest != 0, address &+ aligned > address { next = (address &+ aligned, rest) }
            }
            if !isArray && next != nil { isArray = true }
            items.append(message(h, address, length))
            guard let (nextAddress, nextLength) = next else { break }
            (address, length) = (nextAddress, nextLength)
            element += 1
        }
        return isArray ? "[" + items.joined(separator: ", ") + "]" : items.joined(separator: ", ")
    }

    /// One message: its header, and `[header, payload]` when it has one.
    func message(_ h: StructBytes, _ address: UInt64, _ length: UInt64) -> String {
        let length = min(UInt64(h.u32(0)), length)
        let header = self.header(h)
        guard length > UInt64(Self.headerSize) else { return header }
        return "[" + header + ", " + payload(h, address &+ UInt64(Self.headerSize), Int(length) - Self.headerSize) + "]"
    }

    func header(_ h: StructBytes) -> String {
        let type = h.u16(4), flags = h.u16(6)
        return "{nlmsg_len=\(h.u32(0)), nlmsg_type=\(typeName(type)), nlmsg_flags=\(flagNames(flags, type: type)), "
            + "nlmsg_seq=\(h.u32(8)), nlmsg_pid=\(h.i32(12))}"
    }

    func typeName(_ type: UInt16) -> String {
        guard type >= Self.minType, let family, let proto = NetlinkProtocol(rawValue: family) else {
            return value(NetlinkTables.netlinkTypes, UInt64(type))
        }
        switch proto {
        case .route: return value(NetlinkTables.routeTypes, UInt64(type))
        case .sockDiag: return value(NetlinkTables.sockDiagTypes, UInt64(type))
        case .xfrm: return value(NetlinkTables.xfrmTypes, UInt64(type))
        case .selinux: return value(NetlinkTables.selinuxTypes, UInt64(type))
        case .audit: return value(NetlinkTables.auditTypes, UInt64(type))
        case .crypto: return value(NetlinkTables.cryptoTypes, UInt64(type))
        case .generic: return value(NetlinkTables.genericFamilies, UInt64(type))
        case .netfilter:
            if let name = NetlinkTables.netfilterControlTypes.name(of: UInt64(type)) {
                return style.spell(raw: StraceText.hex(UInt64(type)), name)
            }
            // A subsystem in the high byte, its message in the low one.
            let subsystem = UInt64(type >> 8), message = UInt64(type & 0xff)
            let messageText = NetfilterTypes.messages[subsystem].map { value($0, message) } ?? StraceText.hex(message)
            return value(NetlinkTables.netfilterSubsystems, subsystem) + "<<8|" + messageText
        case .kobjectUevent: return value(NetlinkTables.netlinkTypes, UInt64(type))
        }
    }

    /// The common flags, then the ones the kind of message gives the high byte.
    func flagNames(_ flags: UInt16, type: UInt16) -> String {
        var kind: NameTable?
        if type < Self.minType {
            if type == Self.errorType { kind = NetlinkTables.ackFlags }
        } else if let family, let proto = NetlinkProtocol(rawValue: family) {
            kind = Self.requestKind(proto, type)
        }
        let table = NameTable(unknown: "NLM_F_???", (NetlinkTables.flags.entries + (kind?.entries ?? [])).map { ($0.value, $0.name) })
        return table.formatFlags(UInt64(flags), style: style)
    }

    /// Whether a message of `type` gets, creates or deletes, which names its high flag bits.
    static func requestKind(_ proto: NetlinkProtocol, _ type: UInt16) -> NameTable? {
        switch proto {
        case .route:
            if type == 49 { return NetlinkTables.getFlags }   // RTM_DELACTION uses NLM_F_ROOT
            return [NetlinkTables.newFlags, NetlinkTables.deleteFlags, NetlinkTables.getFlags, nil][Int(type & 3)]
        case .sockDiag: return NetlinkTables.getFlags
        case .crypto:
            switch type {
            case 16: return NetlinkTables.newFlags
            case 17, 20: return NetlinkTables.deleteFlags
            case 19: return NetlinkTables.getFlags
            default: return nil
            }
        case .xfrm:
            if XfrmKinds.new.contains(type) { return NetlinkTables.newFlags }
            if XfrmKinds.delete.contains(type) { return NetlinkTables.deleteFlags }
            if XfrmKinds.get.contains(type) { return NetlinkTables.getFlags }
            return nil
        case .netfilter:
            return NetfilterTypes.requestKinds[type].map { [NetlinkTables.newFlags, NetlinkTables.getFlags, NetlinkTables.deleteFlags][$0] }
        default: return nil
        }
    }

    /// The payload after a header.
    func payload(_ h: StructBytes, _ address: UInt64, _ length: Int) -> String {
        let type = h.u16(4)
        if type == Self.errorType { return errorMessage(address, length, capped: h.u16(6) & 0x100 != 0) }
        if type >= Self.minType || type == Self.doneType, let family, let proto = NetlinkProtocol(rawValue: family),
           let text = familyPayload(proto, h, address, length) {
            return text
        }
        if type == Self.doneType, length == 4 {
            return read(address, 4).map { String($0.i32(0)) } ?? StraceText.pointer(address)
        }
        return hex(address, length)
    }

    /// A protocol's decoder of its messages; nil to print the bytes.
    func familyPayload(_ proto: NetlinkProtocol, _ h: StructBytes, _ address: UInt64, _ length: Int) -> String? {
        switch proto {
        case .route: return RouteMessages(printer: self).payload(h, address, length)
        case .sockDiag: return SockDiagMessages(printer: self).payload(h, address, length)
        case .selinux: return selinuxPayload(h.u16(4), address, length)
        case .netfilter: return netfilterPayload(h.u16(4), address, length)
        default: return nil
        }
    }

    /// NLMSG_ERROR: `{error=-EACCES, msg=...}`, the request as far as it came back, then its
    /// extended-ack attributes.
    func errorMessage(_ address: UInt64, _ length: Int, capped: Bool) -> String {
        guard length >= 20 else { return hex(address, length) }
        guard let e = read(address, 20) else { return StraceText.pointer(address) }
        let inner = StructBytes(bytes: Array(e.bytes[4..<20]))
        let address = address &+ 4, length = length - 4
        let innerLength = max(Self.headerSize, Int(inner.u32(0)))
        let shown = min(length, capped ? Self.headerSize : innerLength)
        let text = "{error=" + errorNumber(e.i32(0)) + ", msg=" + message(inner, address, UInt64(shown)) + "}"
        guard length > shown else { return text }
        return "[" + text + ", " + NetlinkAttributes(printer: self).list(address &+ UInt64(shown), length - shown, RouteMessages.errorAttributes) + "]"
    }

    /// A negated errno as strace prints it: `-EACCES`, `0`, `-4096`.
    func errorNumber(_ e: Int32) -> String {
        guard e < 0, let name = Errno.name(Int(-Int64(e))) else { return String(e) }
        return style.spell(raw: String(e), "-" + name)
    }
}

/// XFRM message kinds (strace's decode_nlmsg_flags_xfrm).
enum XfrmKinds {
    static let new: Set<UInt16> = [16, 19, 30, 34, 36]      // NEWSA NEWPOLICY NEWAE NEWSADINFO NEWSPDINFO
    static let delete: Set<UInt16> = [17, 20]               // DELSA DELPOLICY
    static let get: Set<UInt16> = [18, 21, 31, 35, 37]      // GETSA GETPOLICY GETAE GETSADINFO GETSPDINFO
}

/// nfnetlink: each subsystem's message names, and which messages get, create or delete.
enum NetfilterTypes {
    static let messages: [UInt64: NameTable] = [
        1: NetlinkTables.ctnetlinkTypes, 2: NetlinkTables.ctnetlinkExpTypes, 3: NetlinkTables.queueTypes,
        4: NetlinkTables.ulogTypes, 5: NetlinkTables.osfTypes, 6: NetlinkTables.ipsetTypes,
        7: NetlinkTables.acctTypes, 8: NetlinkTables.cttimeoutTypes, 9: NetlinkTables.cthelperTypes,
        10: NetlinkTables.nftablesTypes, 11: NetlinkTables.nftCompatTypes, 12: NetlinkTables.hookTypes,
    ]
    /// type (subsystem << 8 | message) -> 0 new, 1 get, 2 delete.
    static let requestKinds: [UInt16: Int] = {
        var kinds: [UInt16: Int] = [:]
        func add(_ subsystem: UInt16, _ kind: Int, _ messages: [UInt16]) {
            for m in messages { kinds[subsystem << 8 | m] = kind }
        }
        add(1, 0, [0]); add(1, 1, [1, 3, 4, 5, 6, 7]); add(1, 2, [2])           // ctnetlink
        add(2, 0, [0]); add(2, 1, [1, 3]); add(2, 2, [2])                       // ctnetlink_exp
        add(7, 0, [0]); add(7, 1, [1, 2]); add(7, 2, [3])                       // acct
        add(8, 0, [0]); add(8, 1, [1]); add(8, 2, [2])                          // cttimeout
        add(9, 0, [0]); add(9, 1, [1]); add(9, 2, [2])                          // cthelper
        add(10, 0, [0, 3, 6, 9, 12, 15, 18, 22])                                 // nftables NEW*
        add(10, 1, [1, 4, 7, 10, 13, 16, 19, 21, 23])                            // GET*, GETOBJ_RESET
        add(10, 2, [2, 5, 8, 11, 14, 20, 24])                                    // DEL*
        add(11, 1, [0])                                                          // nft_compat GET
        add(12, 1, [0])                                                          // hook GET
        return kinds
    }()
}
