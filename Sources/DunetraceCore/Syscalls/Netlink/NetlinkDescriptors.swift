// The descriptors a netlink message names in its attributes (IFLA_NET_NS_FD, IFLA_XDP_FD,
// NETNSA_FD...): -y shows their paths, so the descriptor table learns them at the call's entry,
// as it does the call's descriptor arguments. Found by walking the same attribute sets the
// decoder prints with.

enum NetlinkDescriptors {
    /// The descriptors in the NETLINK_ROUTE messages of `length` bytes at `address`.
    static func route(_ address: UInt64, _ length: UInt64, memory: any TargetMemory) -> [Int32] {
        var fds: [Int32] = []
        var at = address, left = length
        // Messages the decoder would print (it stops at -s of them; a few more do no harm).
        for _ in 0..<64 {
            guard left >= UInt64(NetlinkPrinter.headerSize), let h = memory.read(at, count: NetlinkPrinter.headerSize) else { break }
            let header = StructBytes(bytes: h)
            let declared = UInt64(header.u32(0))
            let size = min(declared, left)
            let type = header.u16(4)
            if size > UInt64(NetlinkPrinter.headerSize), type >= NetlinkPrinter.minType, let body = RouteMessages.bodies[type],
               let family = memory.read(at &+ UInt64(NetlinkPrinter.headerSize), count: 1)?.first {
                let offset = UInt64((body.size + 3) & ~3)
                let payload = size - UInt64(NetlinkPrinter.headerSize)
                if payload > offset, !body.ignoresRest, let set = body.attributes(family) {
                    scan(at &+ UInt64(NetlinkPrinter.headerSize) &+ offset, Int(payload - offset), set, family, memory, &fds, depth: 0)
                }
            }
            let aligned = (declared &+ 3) & ~3
            guard declared >= UInt64(NetlinkPrinter.headerSize), aligned < left, at &+ aligned > at else { break }
            at &+= aligned
            left -= aligned
        }
        return fds
    }

    private static func scan(_ address: UInt64, _ length: Int, _ set: AttributeSet, _ family: UInt8,
                             _ memory: any TargetMemory, _ fds: inout [Int32], depth: Int) {
        guard depth < 8 else { return }
        var at = address, left = length
        // The decoder prints at most -s attributes a list without -v: a bound either way.
        for _ in 0..<1024 {
            guard left >= NetlinkAttributes.headerSize, let h = memory.read(at, count: NetlinkAttributes.headerSize) else { break }
            let header = StructBytes(bytes: h)
            let declared = Int(header.u16(0))
            let size = min(declared, left)
            let type = header.u16(2) & ~(NetlinkAttributes.nested | NetlinkAttributes.netByteOrder)
            let data = at &+ UInt64(NetlinkAttributes.headerSize), dataLength = size - NetlinkAttributes.headerSize
            if dataLength > 0, let value = set.values[type] {
                switch value {
                case .fd where dataLength >= 4:
                    if let b = memory.read(data, count: 4) { fds.append(StructBytes(bytes: b).i32(0)) }
                case .nested(let inner):
                    scan(data, dataLength, inner, family, memory, &fds, depth: depth + 1)
                case .byFamily(let sets, let otherwise):
                    if let inner = sets[family] ?? otherwise { scan(data, dataLength, inner, family, memory, &fds, depth: depth + 1) }
                default:
                    break
                }
            }
            let aligned = (declared + 3) & ~3
            guard declared >= NetlinkAttributes.headerSize, aligned < left else { break }
            at &+= UInt64(aligned)
            left -= aligned
        }
    }
}
