// Netlink attributes (struct nlattr and its value) as strace 6.1 prints them:
// `[{nla_len=8, nla_type=IFLA_MTU}, 65536]`, a list of them in brackets, `...` after -s of them.
// What each attribute's value is is declared per attribute set (AttributeSet), as data.
import Glibc

/// How one attribute's value prints (strace's decode_nla_* decoders).
indirect enum AttributeValue: Sendable {
    /// A string ending in a NUL (decode_nla_str); `counted`: any bytes (decode_nla_strn).
    case string, counted
    case unsigned(Int), signed(Int), hex(Int)
    /// Hex of the attribute's own size: 1, 2, 4 or 8 bytes (decode_nla_xint).
    case anyHex
    /// A big-endian u16 or u64: `htons(80)`, `htobe64(1)`.
    case bigEndian16, bigEndian64
    case ifindex
    /// An IPv4 / IPv6 address, or one of the message's address family.
    case inet4, inet6, inetOfFamily
    /// A hardware address `00:11:22:33:44:55`.
    case hardwareAddress
    case fd
    /// A named value of at most 8 bytes (`size` 0: the attribute's size); `hostOrder16`: a
    /// network-order u16 shown as `htons(NAME)`.
    case enumeration(NameTable, size: Int)
    /// A named value read as an integer of `size` bytes from a longer attribute too (printxval
    /// after umove: decode_nla_rt_class...).
    case named(NameTable, size: Int)
    /// An array of u8: `[1, 2]`.
    case u8Array
    /// An array of unsigned longs in hex (netlink groups): `[0xdeadbeef]`.
    case hexLongArray
    /// An array of u16: `[1, 2]`.
    case u16Array
    /// An array of structures: `[{...}, {...}]`.
    case structArray(AttributeStruct)
    /// struct rtvia: `{rtvia_family=AF_INET, rtvia_addr=inet_addr("1.2.3.4")}`.
    case routeVia
    /// RTA_MULTIPATH: struct rtnexthop, each with its route attributes.
    case routeMultipath
    case flags(NameTable, size: Int)
    /// More attributes inside.
    case nested(AttributeSet)
    /// A structure of fixed fields; fewer bytes than it takes print as bytes, but for its
    /// shorter versions.
    case structure(AttributeStruct)
    /// An array of u32: `[1, 2, 3]`.
    case u32Array
    /// sk_meminfo: u32s by index, `[[SK_MEMINFO_RMEM_ALLOC]=1, ...]`.
    case memInfo
    /// Integers of `size` bytes named by their index: `[[DEVCONF_FORWARDING]=1, ...]`.
    case indexedArray(NameTable, size: Int, signed: Bool)
    /// Attributes whose set depends on the message's address family (IFLA_PROTINFO); for
    /// another family those of `otherwise`, or bytes.
    case byFamily([UInt8: AttributeSet], otherwise: AttributeSet? = nil)
    /// A uid_t: -1 for (uid_t)-1.
    case uid
    /// struct unix_diag_vfs: `{udiag_vfs_dev=makedev(0x1, 0x2), udiag_vfs_ino=3}`.
    case unixVfs
    /// A structure of one of several exact sizes (struct ifla_vf_guid, packed or not).
    case structureOfSize([Int: AttributeStruct])
    /// A kind's name (IFLA_INFO_KIND): printed as a string, and remembered in `slot` for the
    /// attributes after it in the same list.
    case kindName(slot: Int)
    /// A value whose form depends on the kind named before it in `slot` (IFLA_INFO_DATA).
    case byKind(slot: Int, [String: AttributeValue])
    /// A network-order u16 named by the table: `htons(ETH_P_IP)` (decode_nla_ether_proto).
    case networkOrder16Named(NameTable)
    /// A value of `size` bytes, then attributes after it (aligned to 4): `if_nametoindex("lo"),
    /// [{nla_len=8, ...}, ...]`.
    case headed(AttributeValue, size: Int, AttributeSet)
    /// struct br_mdb_entry, its address by its own protocol.
    case mdbEntry
    /// A u8 named by the table, read whatever the attribute's length (decode_multicast_router_type).
    case byteNamed(NameTable)
    /// Flags strace prints in its verbose style unless -X raw (names that are not UAPI's:
    /// `0x3 /* RCV_SHUTDOWN|SEND_SHUTDOWN */`).
    case verboseFlags(NameTable, size: Int)
    /// A decoder written as code (for layouts data cannot say: bit fields, unions).
    case custom(@Sendable (NetlinkAttributes, UInt64, Int) -> String?)
    /// A clock_t of up to 8 bytes, its seconds in a comment (decode_nla_clock_t).
    case clockTicks
}

/// The attributes one nesting level may hold: their names and their values' kinds.
struct AttributeSet: Sendable {
    let names: NameTable
    let values: [UInt16: AttributeValue]

    init(_ names: NameTable, _ values: [UInt16: AttributeValue]) { (self.names, self.values) = (names, values) }
}

/// A structure in an attribute: its fields in order, each an unsigned integer of its size at
/// its offset (strace's PRINT_FIELD_U, or _X for `hex`).
struct AttributeStruct: Sendable {
    struct Member: Sendable {
        let name: String
        let offset: Int
        let size: Int
        var hex = false
        var signed = false
        /// Bytes, printed as a hex string.
        var bytes = false
        /// Printed only when not zero (padding strace shows when something is in it).
        var omittedWhenZero = false
        /// A named value, flags or an interface index instead of a number.
        var format: MemberFormat? = nil
    }

    enum MemberFormat: Sendable {
        case named(NameTable), flags(NameTable), ifindex
        /// PRINT_FIELD_0X: hex with every digit of the type (`0x0000abcd`).
        case zeroPaddedHex
        /// PRINT_FIELD_MAC: `ab:cd:ef:01:02:03`.
        case hardwareAddress
        /// PRINT_FIELD_ARRAY of u8: `[171, 205]`.
        case byteArray
        /// `htons(ETH_P_8021Q)`: a network-order u16 named by the table.
        case networkOrderNamed(NameTable)
        /// An array of unsigned integers of `element` bytes, named by index: `[[BR_MCAST_DIR_RX]=1, ...]`.
        case indexedArray(NameTable, element: Int)
    }
    let size: Int
    /// Shorter forms the kernel also sends (rtnl_link_stats without rx_nohandler): printed
    /// with the members that fit.
    let shorter: [Int]
    let members: [Member]
    /// Bytes past the structure follow it, in hex (`{...}, "\x01"`), as strace's decoders of
    /// extensible statistics print them.
    var trailingBytes = false

    /// Members of `size` bytes each, back to back from offset 0.
    init(uniform size: Int, shorter: [Int] = [], _ names: [String]) {
        self.size = size * names.count
        self.shorter = shorter
        members = names.enumerated().map { Member(name: $0.element, offset: $0.offset * size, size: size) }
    }

    init(size: Int, shorter: [Int] = [], _ members: [Member]) {
        (self.size, self.shorter, self.members) = (size, shorter, members)
    }
}

/// What attribute values need from the message they are in.
struct AttributeContext {
    /// The message's address family (ifa_family...): the family of its addresses.
    var family: UInt8 = 0
    /// The kinds named so far in this list (strace's ifla_linkinfo_ctx), by slot.
    var kinds: [Int: String] = [:]
}

struct NetlinkAttributes {
    let printer: NetlinkPrinter
    var context = AttributeContext()

    static let headerSize = 4
    static let nested: UInt16 = 0x8000
    static let netByteOrder: UInt16 = 0x4000

    /// decode_nlattr: the attributes in `length` bytes at `address`.
    func list(_ address: UInt64, _ length: Int, _ set: AttributeSet) -> String {
        var address = address, length = length
        var items: [String] = []
        var isArray = false
        var element = 0
        var walker = self
        while true {
            guard length >= Self.headerSize else {
                items.append(printer.hex(address, length))
                break
            }
            guard let h = printer.read(address, Self.headerSize) else {
                items.append(isArray ? "... /* \(StraceText.pointer(address)) */" : StraceText.pointer(address))
                break
            }
            if printer.decoder.abbreviated && element == printer.limit {
                items.append("...")
                break
            }
            let declared = Int(h.u16(0))
            let aligned = (declared + 3) & ~3
            var next: (UInt64, Int)?
            if declared >= Self.headerSize {
                let rest = length >= aligned ? length - aligned : 0
                if rest != 0, address &+ UInt64(aligned) > address { next = (address &+ UInt64(aligned), rest) }
            }
            if !isArray && next != nil { isArray = true }
            items.append(walker.attribute(h, address, length, set))
            let type = h.u16(2) & ~(Self.nested | Self.netByteOrder)
            if case .kindName(let slot)? = set.values[type], Int(h.u16(0)) > Self.headerSize {
                walker.context.kinds[slot] = kind(address &+ UInt64(Self.headerSize), min(Int(h.u16(0)), length) - Self.headerSize)
            }
            guard let (nextAddress, nextLength) = next else { break }
            (address, length) = (nextAddress, nextLength)
            element += 1
        }
        return isArray ? "[" + items.joined(separator: ", ") + "]" : items.joined(separator: ", ")
    }

    func attribute(_ h: StructBytes, _ address: UInt64, _ length: Int, _ set: AttributeSet) -> String {
        let length = min(Int(h.u16(0)), length)
        let rawType = h.u16(2)
        var typeText = ""
        if rawType & Self.nested != 0 { typeText += printer.style.spell(raw: "0x8000", "NLA_F_NESTED") + "|" }
        if rawType & Self.netByteOrder != 0 { typeText += printer.style.spell(raw: "0x4000", "NLA_F_NET_BYTEORDER") + "|" }
        let type = rawType & ~(Self.nested | Self.netByteOrder)
        typeText += printer.value(set.names, UInt64(type))
        let header = "{nla_len=\(h.u16(0)), nla_type=\(typeText)}"
        guard length > Self.headerSize else { return header }
        let dataAddress = address &+ UInt64(Self.headerSize), dataLength = length - Self.headerSize
        let data = set.values[type].flatMap { value($0, dataAddress, dataLength) } ?? printer.hex(dataAddress, dataLength)
        return "[" + header + ", " + data + "]"
    }

    /// strace's update_ctx_str: the name up to its NUL; empty when it does not fit 64 bytes or
    /// cannot be read.
    func kind(_ address: UInt64, _ length: Int) -> String {
        guard length < 64, let b = printer.read(address, length) else { return "" }
        return String(decoding: b.bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// The value; nil when its length does not fit its kind (the bytes are printed instead).
    func value(_ kind: AttributeValue, _ address: UInt64, _ length: Int) -> String? {
        let pointer = StraceText.pointer(address)
        switch kind {
        case .string: return printer.string(address, length, expectNul: true)
        case .counted: return printer.string(address, length)
        case .unsigned(let size):
            guard length >= size else { return nil }
            return printer.unsigned(address, size).map { String($0) } ?? pointer
        case .signed(let size):
            guard length >= size else { return nil }
            return printer.unsigned(address, size).map { String(CInt(size, signed: true, "").value(of: $0)) } ?? pointer
        case .hex(let size):
            guard length >= size else { return nil }
            return printer.unsigned(address, size).map { StraceText.hex($0) } ?? pointer
        case .anyHex:
            guard [1, 2, 4, 8].contains(length) else { return nil }
            return value(.hex(length), address, length)
        case .bigEndian16:
            guard length >= 2 else { return nil }
            return printer.unsigned(address, 2).map { "htons(\(UInt16(truncatingIfNeeded: $0).byteSwapped))" } ?? pointer
        case .bigEndian64:
            guard length >= 8 else { return nil }
            return printer.unsigned(address, 8).map { "htobe64(\($0.byteSwapped))" } ?? pointer
        case .ifindex:
            guard length >= 4 else { return nil }
            return printer.unsigned(address, 4).map { NetlinkAttributes.ifindex(UInt32(truncatingIfNeeded: $0), style: printer.style) } ?? pointer
        case .inet4:
            guard length >= 4 else { return nil }
            return printer.read(address, 4).map { inetAddress(AF_INET, $0.bytes) } ?? pointer
        case .inet6:
            guard length >= 16 else { return nil }
            return printer.read(address, 16).map { inetAddress(AF_INET6, $0.bytes) } ?? pointer
        case .inetOfFamily:
            return inetOfFamily(address, length)
        case .hardwareAddress:
            guard length <= 32 else { return nil }
            guard let b = printer.read(address, length) else { return pointer }
            return NetlinkAttributes.hardwareAddress(b.bytes, style: printer.style)
        case .fd:
            guard length >= 4 else { return nil }
            return printer.read(address, 4).map { printer.decoder.descriptor(UInt64(UInt32(bitPattern: $0.i32(0)))) } ?? pointer
        case .enumeration(let table, let size):
            guard length <= 8, length >= size else { return nil }
            return printer.unsigned(address, size == 0 ? length : size).map { printer.value(table, $0) } ?? pointer
        case .named(let table, let size):
            guard length >= size else { return nil }
            return printer.unsigned(address, size).map { printer.value(table, $0) } ?? pointer
        case .u8Array, .hexLongArray, .u16Array:
            let size: Int
            switch kind {
            case .hexLongArray: size = 8
            case .u16Array: size = 2
            default: size = 1
            }
            return array(address, length / size, size) { _, v in size == 8 ? StraceText.hex(v) : String(v) }
        case .flags(let table, let size):
            guard length <= 8, length >= size else { return nil }
            return printer.unsigned(address, size == 0 ? length : size).map { table.formatFlags($0, style: printer.style) } ?? pointer
        case .nested(let set):
            return list(address, length, set)
        case .structure(let s):
            let size = length >= s.size ? s.size : (s.shorter.contains(length) ? length : 0)
            guard size > 0 else { return nil }
            guard let b = printer.read(address, size) else { return pointer }
            let text = NetlinkAttributes.structure(s, b, size: size, style: printer.style)
            guard s.trailingBytes, length > size else { return text }
            return text + ", " + printer.hex(address &+ UInt64(size), length - size)
        case .memInfo:
            return value(.indexedArray(NetlinkTables.memInfoIndices, size: 4, signed: false), address, length)
        case .byFamily(let sets, let otherwise):
            guard let set = sets[context.family] ?? otherwise else { return printer.hex(address, length) }
            return list(address, length, set)
        case .indexedArray(let table, let size, let signed):
            return array(address, length / size, size) { i, v in
                let index: String
                if let name = table.name(of: UInt64(i)) {
                    index = printer.style.spell(raw: String(i), name)
                } else {
                    index = printer.style == .raw ? String(i) : "\(i) /* \(table.unknown) */"
                }
                return "[" + index + "]=" + (signed ? String(CInt(size, signed: true, "").value(of: v)) : String(v))
            }
        case .u32Array:
            return array(address, length / 4, 4) { _, v in String(v) }
        case .structArray(let s):
            return elements(address, length / s.size, s.size) { b, _ in NetlinkAttributes.structure(s, b, size: s.size, style: printer.style) }
        case .routeVia:
            guard length >= 2 else { return nil }
            guard let f = printer.read(address, 2) else { return pointer }
            let family = f.u16(0)
            var text = "{rtvia_family=" + printer.value(FlagTables.addressFamily, UInt64(family))
            if length > 2 {
                text += ", " + inetAddressField(address &+ 2, length - 2, family: Int32(family), name: "rtvia_addr")
            }
            return text + "}"
        case .routeMultipath:
            return multipath(address, length)
        case .uid:
            guard length >= 4 else { return nil }
            return printer.unsigned(address, 4).map { $0 == 0xffff_ffff ? "-1" : String($0) } ?? pointer
        case .structureOfSize(let forms):
            guard let s = forms[length] else { return nil }
            guard let b = printer.read(address, length) else { return pointer }
            return NetlinkAttributes.structure(s, b, size: length, style: printer.style)
        case .kindName:
            // printstr_ex(QUOTE_0_TERMINATED): up to the first NUL; `...` when none is within
            // -s's limit (and the one byte after it).
            let size = min(printer.limit &+ 1, length)
            guard let b = printer.read(address, size) else { return pointer }
            if let nul = b.bytes.firstIndex(of: 0) {
                return StraceText.quote(b.bytes[..<nul], inHex: printer.decoder.stringsInHex)
            }
            return StraceText.quote(b.bytes.prefix(printer.limit), inHex: printer.decoder.stringsInHex) + "..."
        case .byKind(let slot, let forms):
            guard let form = forms[context.kinds[slot] ?? ""] else { return nil }
            return value(form, address, length)
        case .networkOrder16Named(let table):
            guard length <= 8, length >= 2 else { return nil }
            return printer.unsigned(address, 2).map { "htons(" + printer.value(table, UInt64(UInt16(truncatingIfNeeded: $0).byteSwapped)) + ")" } ?? pointer
        case .headed(let head, let size, let rest):
            guard let text = value(head, address, min(length, size)) else { return nil }
            let offset = (size + 3) & ~3
            guard length > offset else { return text }
            return text + ", " + list(address &+ UInt64(offset), length - offset, rest)
        case .mdbEntry:
            return mdbEntry(address, length)
        case .byteNamed(let table):
            return printer.unsigned(address, 1).map { printer.value(table, $0) } ?? pointer
        case .verboseFlags(let table, let size):
            guard length <= 8, length >= size else { return nil }
            return printer.unsigned(address, size).map { table.formatFlags($0, style: printer.style == .raw ? .raw : .verbose) } ?? pointer
        case .custom(let decode):
            return decode(self, address, length)
        case .clockTicks:
            guard length <= 8 else { return nil }
            return printer.unsigned(address, length).map { printer.decoder.clockTicks($0) } ?? pointer
        case .unixVfs:
            guard length >= 8 else { return nil }
            guard let b = printer.read(address, 8) else { return pointer }
            let dev = UInt64(b.u32(4))
            let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))
            let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
            return "{udiag_vfs_dev=makedev(\(StraceText.hex(major)), \(StraceText.hex(minor))), udiag_vfs_ino=\(b.u32(0))}"
        }
    }

    /// decode_inet_addr by the message's family: `inet_addr("127.0.0.1")`, `inet_pton(AF_INET6, "::1")`.
    /// `count` unsigned elements of `size` bytes as print_array prints them: `...` past -s's
    /// limit, `... /* addr */` where memory ends, the address alone when the first is
    /// unreadable; nil for none.
    private func array(_ address: UInt64, _ count: Int, _ size: Int, _ element: (Int, UInt64) -> String) -> String? {
        guard count > 0 else { return nil }
        var items: [String] = []
        for i in 0..<count {
            if printer.decoder.abbreviated && i == printer.limit { items.append("..."); break }
            let at = address &+ UInt64(i * size)
            guard let v = printer.unsigned(at, size) else {
                if i == 0 { return StraceText.pointer(address) }
                items.append("... /* \(StraceText.pointer(at)) */")
                break
            }
            items.append(element(i, v))
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    /// `count` elements of `size` bytes as print_array prints them: `...` past -s's limit,
    /// `... /* addr */` where memory ends, the address alone when the first is unreadable;
    /// nil for none.
    func elements(_ address: UInt64, _ count: Int, _ size: Int, _ element: (StructBytes, UInt64) -> String) -> String? {
        guard count > 0 else { return nil }
        var items: [String] = []
        for i in 0..<count {
            let at = address &+ UInt64(i * size)
            // print_array reads an element before it checks -s's limit.
            guard let b = printer.read(at, size) else {
                if i == 0 { return StraceText.pointer(address) }
                items.append("... /* \(StraceText.pointer(at)) */")
                break
            }
            if printer.decoder.abbreviated && i == printer.limit { items.append("..."); break }
            items.append(element(b, at))
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    func inetOfFamily(_ address: UInt64, _ length: Int) -> String {
        switch Int32(context.family) {
        case AF_INET where length >= 4:
            return printer.read(address, 4).map { inetAddress(AF_INET, $0.bytes) } ?? StraceText.pointer(address)
        case AF_INET6 where length >= 16:
            return printer.read(address, 16).map { inetAddress(AF_INET6, $0.bytes) } ?? StraceText.pointer(address)
        default:
            return printer.hex(address, length)
        }
    }

    /// decode_mdba_mdb_entry_info: `{ifindex=..., state=..., flags=..., vid=..., addr={u=...,
    /// proto=htons(AF_INET)}}`.
    func mdbEntry(_ address: UInt64, _ length: Int) -> String? {
        let size = 28
        guard length >= size else { return nil }
        guard let b = printer.read(address, size) else { return StraceText.pointer(address) }
        let proto = b.u16(24).byteSwapped
        let u = Array(b.bytes[8..<24])
        let addressText = inetAddressField(bytes: u, family: Int32(proto), name: "u")
        return "{ifindex=" + printer.ifindex(b.u32(0)) + ", state=" + printer.value(NetlinkTables.mdbStates, UInt64(b.u8(4)))
            + ", flags=" + printer.flags(NetlinkTables.mdbFlags, UInt64(b.u8(5))) + ", vid=\(b.u16(6))"
            + ", addr={" + addressText + ", proto=htons(" + printer.value(FlagTables.addressFamily, UInt64(proto)) + ")}}"
    }

    /// decode_rta_multipath: `[{rtnh_len=16, ...}, [{nla_len=8, nla_type=RTA_GATEWAY}, ...]]`.
    func multipath(_ address: UInt64, _ length: Int) -> String? {
        let size = 8
        guard length >= size else { return nil }
        var items: [String] = []
        var isArray = false
        var at = address, left = length
        while true {
            guard let nh = printer.read(at, size) else {
                items.append(StraceText.pointer(at))
                break
            }
            let declared = Int(nh.u16(0))
            if at == address && declared < length { isArray = true }
            let shown = min(left, declared)
            var item = "{rtnh_len=\(declared), rtnh_flags=" + NetlinkTables.nexthopFlags.formatFlags(UInt64(nh.u8(2)), style: printer.style)
                + ", rtnh_hops=\(nh.u8(3)), rtnh_ifindex=" + NetlinkAttributes.ifindex(nh.u32(4), style: printer.style) + "}"
            if shown > size {
                item = "[" + item + ", " + list(at &+ UInt64(size), shown - size, RouteMessages.routeAttributes) + "]"
            }
            items.append(item)
            let aligned = (shown + 3) & ~3
            // A zero length would never move on (strace loops there): stop.
            if aligned >= left || aligned == 0 { break }
            at &+= UInt64(aligned)
            left -= aligned
        }
        return isArray ? "[" + items.joined(separator: ", ") + "]" : items.joined(separator: ", ")
    }

    /// decode_inet_addr with a field name: `name=inet_addr("1.2.3.4")`,
    /// `inet_pton(AF_INET6, "::1", &name)`, or `name=` and the bytes.
    func inetAddressField(_ address: UInt64, _ length: Int, family: Int32, name: String) -> String {
        let size = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0
        guard size > 0, length >= size else { return name + "=" + printer.hex(address, length) }
        guard let b = printer.read(address, size) else { return name + "=" + StraceText.pointer(address) }
        return inetAddressField(bytes: b.bytes, family: family, name: name)
    }

    /// PRINT_FIELD_INET_ADDR of bytes already read: the address of `family`, else the bytes.
    func inetAddressField(bytes: [UInt8], family: Int32, name: String) -> String {
        NetlinkAttributes.inetAddress(family, bytes, name: name, style: printer.style)
            ?? name + "=" + StraceText.quote(bytes, hexEscapes: true)
    }

    /// print_inet_addr without a name: the name, -X raw the bytes, -X verbose both.
    func inetAddress(_ family: Int32, _ bytes: [UInt8]) -> String {
        NetlinkAttributes.inetAddress(family, bytes, name: nil, style: printer.style) ?? StraceText.quote(bytes, hexEscapes: true)
    }

    /// strace's print_inet_addr of a field of `field.count` bytes (all shown by -X raw):
    /// `name=inet_addr("1.2.3.4")`, `inet_pton(AF_INET6, "::1", &name)`; nil for another family.
    static func inetAddress(_ family: Int32, _ field: [UInt8], name: String?, style: ConstStyle) -> String? {
        let size = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0
        guard size > 0, field.count >= size else { return nil }
        let named = inetAddress(family, Array(field.prefix(size)))
        let raw = (name.map { $0 + "=" } ?? "") + StraceText.quote(field, hexEscapes: true)
        switch style {
        case .raw: return raw
        case .verbose: return raw + " /* " + named + " */"
        case .abbrev:
            guard family == AF_INET6 else { return (name.map { $0 + "=" } ?? "") + named }
            return name.map { String(named.dropLast()) + ", &" + $0 + ")" } ?? named
        }
    }

    static func structure(_ s: AttributeStruct, _ b: StructBytes, size: Int, style: ConstStyle) -> String {
        var fields: [String] = []
        for m in s.members where m.offset + m.size <= size {
            if m.omittedWhenZero && b.bytes[m.offset..<m.offset + m.size].allSatisfy({ $0 == 0 }) { continue }
            if m.bytes {
                fields.append(m.name + "=" + StraceText.quote(b.bytes[m.offset..<m.offset + m.size], hexEscapes: true))
                continue
            }
            let slice = b.bytes[m.offset..<m.offset + m.size]
            switch m.format {
            case .hardwareAddress?:
                fields.append(m.name + "=" + hardwareAddress(Array(slice), style: style))
                continue
            case .byteArray?:
                fields.append(m.name + "=[" + slice.map { String($0) }.joined(separator: ", ") + "]")
                continue
            case .indexedArray(let table, let element)?:
                let items = stride(from: 0, to: m.size - element + 1, by: element).map { at -> String in
                    let start = slice.startIndex + at
                    let v = slice[start..<start + element].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                    let i = UInt64(at / element)
                    let index = table.name(of: i).map { style.spell(raw: String(i), $0) } ?? String(i)
                    return "[" + index + "]=" + String(v)
                }
                fields.append(m.name + "=[" + items.joined(separator: ", ") + "]")
                continue
            default: break
            }
            let raw = slice.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            var text = m.hex ? StraceText.hex(raw) : m.signed ? String(CInt(m.size, signed: true, "").value(of: raw)) : String(raw)
            switch m.format {
            case .named(let table)?:
                text = table.name(of: raw) == nil && table.unknown.isEmpty ? StraceText.hex(raw) : table.formatValue(raw, style: style)
            case .flags(let table)?: text = table.formatFlags(raw, style: style)
            case .ifindex?: text = ifindex(UInt32(truncatingIfNeeded: raw), style: style)
            case .networkOrderNamed(let table)?:
                let host = UInt64(UInt16(truncatingIfNeeded: raw).byteSwapped)
                text = "htons(" + (table.name(of: host) == nil && table.unknown.isEmpty ? StraceText.hex(host) : table.formatValue(host, style: style)) + ")"
            case .hardwareAddress?, .byteArray?, .indexedArray?: break
            case .zeroPaddedHex?:
                let digits = String(raw, radix: 16)
                text = "0x" + String(repeating: "0", count: max(0, m.size * 2 - digits.count)) + digits
            case nil: break
            }
            fields.append(m.name + "=" + text)
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// `if_nametoindex("lo")` for an interface this host has, else the number.
    static func ifindex(_ index: UInt32, style: ConstStyle) -> String {
        var name = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
        guard index != 0, if_indextoname(index, &name) != nil else { return String(index) }
        let text = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return style.spell(raw: String(index), "if_nametoindex(" + StraceText.quote(Array(text.utf8)) + ")")
    }

    static func inetAddress(_ family: Int32, _ bytes: [UInt8]) -> String {
        var text = [CChar](repeating: 0, count: 64)
        _ = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &text, 64) }
        let s = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return family == AF_INET ? "inet_addr(\"\(s)\")" : "inet_pton(AF_INET6, \"\(s)\")"
    }

    /// print_hwaddr: `00:11:22:33:44:55`; -X raw the bytes in hex, -X verbose both.
    static func hardwareAddress(_ bytes: [UInt8], style: ConstStyle) -> String {
        let mac = bytes.map { b in
            let h = String(b, radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined(separator: ":")
        let raw = StraceText.quote(bytes, hexEscapes: true)
        switch style {
        case .abbrev: return mac
        case .raw: return raw
        case .verbose: return raw + " /* " + mac + " */"
        }
    }
}
