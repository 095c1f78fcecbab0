// Symbolic names for flag words and enumerated values, printed the way strace prints them.

/// One symbolic name and its numeric value.
public struct NamedValue: Sendable, Equatable {
    public let value: UInt64
    public let name: String
}

/// The names of a flags word or of an enumeration, in strace's print order.
///
/// A flags word may start with an enumerated field (O_ACCMODE in open flags, the mapping
/// type in mmap flags): `fieldMask` selects its bits and `fieldValues` names them.
public struct NameTable: Sendable, Equatable {
    public let entries: [NamedValue]
    /// Shown in a comment next to a value with no name, as in `0x7 /* SEEK_??? */`.
    public let unknown: String
    /// Printed for a value of 0 (`PROT_NONE`, `F_OK`); nil prints `0`.
    public let zero: String?
    public let fieldMask: UInt64
    public let fieldValues: [NamedValue]

    public init(zero: String? = nil, unknown: String, field: UInt64 = 0,
                fieldValues: [(UInt64, String)] = [], _ entries: [(UInt64, String)]) {
        self.entries = entries.map { NamedValue(value: $0.0, name: $0.1) }
        self.unknown = unknown
        self.zero = zero
        self.fieldMask = field
        self.fieldValues = fieldValues.map { NamedValue(value: $0.0, name: $0.1) }
    }

    /// The name of exactly `value`, if it has one.
    public func name(of value: UInt64) -> String? {
        entries.first { $0.value == value }?.name
    }

    /// `value` as one name, or as hex with a comment when it has none: `0x7 /* SEEK_??? */`.
    public func formatValue(_ value: UInt64) -> String {
        name(of: value) ?? "\(StraceText.hex(value)) /* \(unknown) */"
    }

    /// `value` as names joined by `|`, strace style: `O_RDONLY|O_CLOEXEC`, `PROT_READ|0x10`.
    public func formatFlags(_ value: UInt64, zero: String? = nil) -> String {
        if value == 0, let zeroName = zero ?? self.zero { return zeroName }
        var parts: [String] = []
        var rest = value
        if fieldMask != 0 {
            let field = rest & fieldMask
            parts.append(fieldValues.first { $0.value == field }?.name ?? StraceText.hex(field))
            rest &= ~fieldMask
        }
        for entry in entries where entry.value != 0 && rest & entry.value == entry.value {
            parts.append(entry.name)
            rest &= ~entry.value
        }
        if rest != 0 || parts.isEmpty {
            if parts.isEmpty {
                return rest == 0 ? "0" : "\(StraceText.hex(rest)) /* \(unknown) */"
            }
            parts.append(StraceText.hex(rest))
        }
        return parts.joined(separator: "|")
    }
}
