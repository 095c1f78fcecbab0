// The NUMA memory policy calls as strace 6.1's numa.c prints them: the policy mode with its
// MPOL_F_* flags (print_mode), node masks as arrays of longs (print_nodemask), move_pages's
// page, node and status arrays (each status a node or a negated errno).

extension ArgumentDecoder {
    func numaCall(_ name: String) -> DecodedCall? {
        switch name {
        case "mbind":
            // The mode is an unsigned long: the whole register.
            return DecodedCall([StraceText.pointer(arg(0)), String(arg(1)), policyMode(register(2)), nodeMask(arg(3), maxNodes: arg(4)),
                                String(arg(4)), FlagTables.mempolicyMoveFlags.formatFlags(UInt64(UInt32(truncatingIfNeeded: arg(5))), style: style)])
        case "set_mempolicy":
            return DecodedCall([policyMode(UInt64(UInt32(truncatingIfNeeded: arg(0)))), nodeMask(arg(1), maxNodes: arg(2)), String(arg(2))])
        case "get_mempolicy":
            // Printed after the call: what it wrote.
            var mode = StraceText.pointer(arg(0))
            if arg(0) != 0, succeeded, let s = readStruct(arg(0), size: 4) {
                mode = "[" + FlagTables.mempolicyModes.formatValue(UInt64(s.u32(0)), style: style) + "]"
            }
            let mask = succeeded ? nodeMask(arg(1), maxNodes: arg(2)) : StraceText.pointer(arg(1))
            return DecodedCall([mode, mask, String(arg(2)), StraceText.pointer(arg(3)),
                                FlagTables.getMempolicyFlags.formatFlags(arg(4), style: style)])
        case "migrate_pages":
            return DecodedCall([String(Int32(truncatingIfNeeded: arg(0))), String(arg(1)),
                                nodeMask(arg(2), maxNodes: arg(1)), nodeMask(arg(3), maxNodes: arg(1))])
        case "move_pages":
            let count = arg(1)
            let pages = straceArray(arg(2), count: count, size: 8) { StraceText.pointer($0.u64(0)) }
            let nodes = straceArray(arg(3), count: count, size: 4) { String($0.i32(0)) }
            // The status array is the kernel's answer: only after a call that succeeded.
            let status = !succeeded && count != 0 && arg(4) != 0 ? StraceText.pointer(arg(4))
                : straceArray(arg(4), count: count, size: 4) { pageStatus($0.i32(0)) }
            return DecodedCall([String(Int32(truncatingIfNeeded: arg(0))), String(count), pages, nodes, status,
                                FlagTables.mempolicyMoveFlags.formatFlags(UInt64(UInt32(truncatingIfNeeded: arg(5))), style: style)])
        default:
            return nil
        }
    }

    /// print_mode: the mode alone by name; with MPOL_F_* flags, `MPOL_BIND|MPOL_F_STATIC_NODES`
    /// (as one value under -X), or all of it as flags when the mode has no name.
    private func policyMode(_ value: UInt64) -> String {
        let flagBits: UInt64 = 1 << 15 | 1 << 14 | 1 << 13
        let mode = value & ~flagBits, flags = value & flagBits
        guard flags != 0 else {
            // printxval64: the whole value, which may not fit the table's 32 bits.
            guard let name = FlagTables.mempolicyModes.name(of: mode) else {
                return style == .raw ? StraceText.hex(mode) : StraceText.hex(mode) + " /* MPOL_??? */"
            }
            return style.spell(raw: mode == 0 ? "0" : StraceText.hex(mode), name)
        }
        guard let name = FlagTables.mempolicyModes.name(of: mode) else {
            return FlagTables.mempolicyModeFlags.formatFlags(value, style: style)
        }
        return style.spell(raw: StraceText.hex(value), name + "|" + FlagTables.mempolicyModeFlags.formatFlags(flags, style: .abbrev))
    }

    /// print_nodemask: (maxnodes - 1) bits in longs, each `0x...` in full; the address when the
    /// count overflows.
    private func nodeMask(_ address: UInt64, maxNodes: UInt64) -> String {
        let longs = (maxNodes &+ 62) / 64
        if longs < maxNodes / 64 || (maxNodes != 0 && longs == 0) { return StraceText.pointer(address) }
        return straceArray(address, count: longs, size: 8) { Self.zeroPaddedHex($0.u64(0)) }
    }

    /// strace's PRINT_VAL_0X of a long, `%#016llx`: 16 characters, `0x` in them but for 0.
    static func zeroPaddedHex(_ v: UInt64) -> String {
        guard v != 0 else { return String(repeating: "0", count: 16) }
        let digits = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 14 - digits.count)) + digits
    }

    /// A page's status: its node, or a negated errno (print_err): `-EFAULT`.
    private func pageStatus(_ status: Int32) -> String {
        guard status < 0, let name = Errno.name(Int(-Int64(status))) else { return String(status) }
        return style.spell(raw: String(status), "-" + name)
    }
}
