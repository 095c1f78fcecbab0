// The bodies of netlink messages that start with a one-byte address family (rtnetlink's
// ifinfomsg..., sock_diag's requests and responses), declared as data: the structure's size,
// its fields after the family, and the attributes that follow it.

/// A body that starts with a one-byte address family: the family, then the other fields
/// when the whole structure is there (`...` when not), then its attributes.
struct FamilyBody: Sendable {
    let size: Int
    let familyField: String
    /// The fields after the family, from the structure's bytes; nil for a body that is its
    /// family alone (rtgenmsg, tcamsg...).
    let fields: (@Sendable (NetlinkPrinter, StructBytes) -> [String])?
    /// The attributes after the structure, by the message's family (nil: printed as bytes).
    let attributes: @Sendable (UInt8) -> AttributeSet?
    /// The family's own spelling (rtgenmsg of a cache report: RTNL_FAMILY_IPMR first).
    var family: (@Sendable (NetlinkPrinter, UInt8) -> String)? = nil
    /// Requests of sock_diag: what follows the structure is not printed.
    var ignoresRest = false

    init(size: Int, familyField: String, fields: (@Sendable (NetlinkPrinter, StructBytes) -> [String])?,
         attributes: AttributeSet?) {
        (self.size, self.familyField, self.fields) = (size, familyField, fields)
        self.attributes = { _ in attributes }
    }

    init(size: Int, familyField: String, family: @escaping @Sendable (NetlinkPrinter, UInt8) -> String,
         attributesByFamily: @escaping @Sendable (UInt8) -> AttributeSet?) {
        (self.size, self.familyField, self.fields, self.family) = (size, familyField, nil, family)
        attributes = attributesByFamily
    }
}

extension NetlinkPrinter {
    func familyBody(_ b: FamilyBody, _ family: UInt8, _ address: UInt64, _ length: Int) -> String {
        var text = "{" + b.familyField + "=" + (b.family?(self, family) ?? familyName(family))
        var decoded = true
        if let fields = b.fields {
            text += ", "
            decoded = false
            if length >= b.size {
                if let s = read(address, b.size) {
                    text += fields(self, s).joined(separator: ", ")
                    decoded = true
                } else {
                    text += StraceText.pointer(address &+ 1)
                }
            } else {
                text += "..."
            }
        }
        text += "}"
        let offset = (b.size + 3) & ~3
        if decoded, length > offset, !b.ignoresRest {
            var attributes = NetlinkAttributes(printer: self)
            attributes.context.family = family
            let rest = address &+ UInt64(offset)
            text += ", " + (b.attributes(family).map { attributes.list(rest, length - offset, $0) } ?? hex(rest, length - offset))
        }
        return text
    }

    func familyName(_ family: UInt8) -> String { FlagTables.addressFamily.formatValue(UInt64(family), style: style) }
    func flags(_ table: NameTable, _ v: UInt64) -> String { table.formatFlags(v, style: style) }
    func ifindex(_ index: UInt32) -> String { NetlinkAttributes.ifindex(index, style: style) }
    /// strace's PRINT_FIELD_COOKIE: `[1, 2]`.
    func cookie(_ s: StructBytes, _ offset: Int) -> String { "[\(s.u32(offset)), \(s.u32(offset + 4))]" }
}
