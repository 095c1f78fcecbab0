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
    /// strace prints the field and the flags as two constants (-X raw `|0x100` for statx's
    /// AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW), not one number.
    public var fieldApart = false
    /// The field's own unknown name when strace prints it with printxval and the rest with a
    /// printflags of its own (fanotify_init: `0xc /* FAN_CLASS_??? */`, then
    /// `FAN_CLASS_CONTENT|0xeface000 /* FAN_??? */`): nil for one printflags of the whole.
    public var fieldUnknown: String? = nil
    /// Exact names by value, for long tables (ioctl requests: thousands, looked up per call).
    private let index: [UInt64: String]?

    public init(zero: String? = nil, unknown: String, field: UInt64 = 0,
                fieldValues: [(UInt64, String)] = [], fieldApart: Bool = false, fieldUnknown: String? = nil,
                _ entries: [(UInt64, String)]) {
        self.fieldApart = fieldApart
        self.fieldUnknown = fieldUnknown
        self.entries = entries.map { NamedValue(value: $0.0, name: $0.1) }
        self.unknown = unknown
        self.zero = zero
        self.fieldMask = field
        self.fieldValues = fieldValues.map { NamedValue(value: $0.0, name: $0.1) }
        // The first name of a value wins, as in the linear search.
        self.index = entries.count < 64 ? nil : Dictionary(entries, uniquingKeysWith: { first, _ in first })
    }

    /// The name of exactly `value`, if it has one.
    public func name(of value: UInt64) -> String? {
        if let index { return index[value] }
        return entries.first { $0.value == value }?.name
    }

    /// `value` as one name, or as hex with a comment when it has none: `0x7 /* SEEK_??? */`.
    /// -X raw prints the number, -X verbose the number and the name in a comment.
    public func formatValue(_ value: UInt64, style: ConstStyle = .abbrev) -> String {
        guard let name = name(of: value) else {
            return style == .raw ? StraceText.hex(value) : "\(StraceText.hex(value)) /* \(unknown) */"
        }
        return style.spell(raw: StraceText.hex(value), name)
    }

    /// `value` as names joined by `|`, strace style: `O_RDONLY|O_CLOEXEC`, `PROT_READ|0x10`.
    public func formatFlags(_ value: UInt64, zero: String? = nil, style: ConstStyle = .abbrev) -> String {
        if style != .abbrev && fieldApart && fieldMask != 0 {
            let field = value & fieldMask, rest = value & ~fieldMask
            let fieldName = fieldValues.first { $0.value == field }?.name
            // strace's raw spelling of a zero field is empty.
            var text = style == .raw ? (field == 0 ? "" : StraceText.hex(field))
                : fieldName.map { style.spell(raw: StraceText.hex(field), $0) } ?? StraceText.hex(field)
            let flags = NameTable(unknown: unknown, entries.map { ($0.value, $0.name) })
            if rest != 0 { text += "|" + flags.formatFlags(rest, style: style) }
            return text.isEmpty ? "0" : text
        }
        if style == .raw { return StraceText.hex(value) }
        let abbrev = abbreviatedFlags(value, zero: zero)
        // A value no name matched reads the same in every style but raw.
        guard style == .verbose, abbrev != "0", !abbrev.hasSuffix(" */") else { return abbrev }
        return style.spell(raw: StraceText.hex(value), abbrev)
    }

    private func abbreviatedFlags(_ value: UInt64, zero: String?) -> String {
        if value == 0, let zeroName = zero ?? self.zero { return zeroName }
        var parts: [String] = []
        var rest = value
        if fieldMask != 0 {
            let field = rest & fieldMask
            // An unknown field prints as printxval prints it: `0xf /* MAP_??? */`.
            parts.append(fieldValues.first { $0.value == field }?.name ?? "\(StraceText.hex(field)) /* \(fieldUnknown ?? unknown) */")
            rest &= ~fieldMask
            if fieldUnknown != nil {
                // The rest: a printflags of its own.
                if rest != 0 { parts.append(NameTable(unknown: unknown, entries.map { ($0.value, $0.name) }).abbreviatedFlags(rest, zero: nil)) }
                return parts.joined(separator: "|")
            }
        }
        for entry in entries where entry.value != 0 && rest & entry.value == entry.value {
            parts.append(entry.name)
            rest &= ~entry.value
        }
        if rest != 0 || parts.isEmpty {
            if parts.isEmpty {
                // An empty `unknown` is strace's "" default: the number alone.
                return rest == 0 ? "0" : unknown.isEmpty ? StraceText.hex(rest) : "\(StraceText.hex(rest)) /* \(unknown) */"
            }
            parts.append(StraceText.hex(rest))
        }
        return parts.joined(separator: "|")
    }
}

/// strace -X: how a named constant prints.
public enum ConstStyle: String, Sendable, CaseIterable {
    /// The names: `PROT_READ|PROT_WRITE`.
    case abbrev
    /// The number: `0x3`.
    case raw
    /// Both: `0x3 /* PROT_READ|PROT_WRITE */`.
    case verbose

    /// `raw`, `name`, or `raw /* name */`.
    public func spell(raw: String, _ name: String) -> String {
        switch self {
        case .abbrev: return name
        case .raw: return raw
        case .verbose: return raw + " /* " + name + " */"
        }
    }
}
