// Classic BPF instructions (struct sock_filter) as strace 6.1 prints them:
// `BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_AD_OFF+SKF_AD_PKTTYPE)`, `BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x1, 0, 0x2)`.

enum ClassicBPF {
    static let size = 8

    static let classes = NameTable(unknown: "BPF_???", [
        (0, "BPF_LD"), (1, "BPF_LDX"), (2, "BPF_ST"), (3, "BPF_STX"), (4, "BPF_ALU"), (5, "BPF_JMP"), (6, "BPF_RET"), (7, "BPF_MISC"),
    ])
    static let sizes = NameTable(unknown: "BPF_???", [(0x00, "BPF_W"), (0x08, "BPF_H"), (0x10, "BPF_B"), (0x18, "BPF_DW")])
    static let modes = NameTable(unknown: "BPF_???", [
        (0x00, "BPF_IMM"), (0x20, "BPF_ABS"), (0x40, "BPF_IND"), (0x60, "BPF_MEM"), (0x80, "BPF_LEN"), (0xa0, "BPF_MSH"), (0xc0, "BPF_XADD"),
    ])
    static let aluOperations = NameTable(unknown: "BPF_???", [
        (0x00, "BPF_ADD"), (0x10, "BPF_SUB"), (0x20, "BPF_MUL"), (0x30, "BPF_DIV"), (0x40, "BPF_OR"), (0x50, "BPF_AND"),
        (0x60, "BPF_LSH"), (0x70, "BPF_RSH"), (0x80, "BPF_NEG"), (0x90, "BPF_MOD"), (0xa0, "BPF_XOR"), (0xb0, "BPF_MOV"),
        (0xc0, "BPF_ARSH"), (0xd0, "BPF_END"),
    ])
    static let jumpOperations = NameTable(unknown: "BPF_???", [
        (0x00, "BPF_JA"), (0x10, "BPF_JEQ"), (0x20, "BPF_JGT"), (0x30, "BPF_JGE"), (0x40, "BPF_JSET"), (0x50, "BPF_JNE"),
        (0x60, "BPF_JSGT"), (0x70, "BPF_JSGE"), (0x80, "BPF_CALL"), (0x90, "BPF_EXIT"), (0xa0, "BPF_JLT"), (0xb0, "BPF_JLE"),
        (0xc0, "BPF_JSLT"), (0xd0, "BPF_JSLE"),
    ])
    static let sources = NameTable(unknown: "BPF_???", [(0x00, "BPF_K"), (0x08, "BPF_X")])
    static let returnValues = NameTable(unknown: "BPF_???", [(0x00, "BPF_K"), (0x08, "BPF_X"), (0x10, "BPF_A")])
    static let miscOperations = NameTable(unknown: "BPF_???", [(0x00, "BPF_TAX"), (0x80, "BPF_TXA")])
    /// SKF_AD_*: the ancillary data a socket filter loads at SKF_AD_OFF + N.
    static let ancillaryData = NameTable(unknown: "SKF_AD_???", [
        (0, "SKF_AD_PROTOCOL"), (4, "SKF_AD_PKTTYPE"), (8, "SKF_AD_IFINDEX"), (12, "SKF_AD_NLATTR"),
        (16, "SKF_AD_NLATTR_NEST"), (20, "SKF_AD_MARK"), (24, "SKF_AD_QUEUE"), (28, "SKF_AD_HATYPE"),
        (32, "SKF_AD_RXHASH"), (36, "SKF_AD_CPU"), (40, "SKF_AD_ALU_XOR_X"), (44, "SKF_AD_VLAN_TAG"),
        (48, "SKF_AD_VLAN_TAG_PRESENT"), (52, "SKF_AD_PAY_OFFSET"), (56, "SKF_AD_RANDOM"), (60, "SKF_AD_VLAN_TPID"),
    ])

    /// What a filter's `k` means beyond a number: a socket filter's loads, a seccomp filter's
    /// return actions.
    enum Operands { case socket, seccomp }

    /// One instruction: `code` (u16), `jt`, `jf` (u8), `k` (u32).
    static func instruction(_ b: StructBytes, _ operands: Operands, style: ConstStyle) -> String {
        let code = b.u16(0), jt = b.u8(2), jf = b.u8(3), k = b.u32(4)
        let codeText = self.code(code, style: style)
        if jt != 0 || jf != 0 {
            return "BPF_JUMP(" + codeText + ", " + StraceText.hex(UInt64(k)) + ", " + StraceText.hex(UInt64(jt)) + ", "
                + StraceText.hex(UInt64(jf)) + ")"
        }
        let operand = operands == .socket ? socketFilterOperand(code, k, style: style) : seccompOperand(code, k, style: style)
        return "BPF_STMT(" + codeText + ", " + (operand ?? StraceText.hex(UInt64(k))) + ")"
    }

    static let seccompActions = NameTable(unknown: "SECCOMP_RET_???", [
        (0x8000_0000, "SECCOMP_RET_KILL_PROCESS"), (0, "SECCOMP_RET_KILL_THREAD"), (0x0003_0000, "SECCOMP_RET_TRAP"),
        (0x0005_0000, "SECCOMP_RET_ERRNO"), (0x7fc0_0000, "SECCOMP_RET_USER_NOTIF"), (0x7ff0_0000, "SECCOMP_RET_TRACE"),
        (0x7ffc_0000, "SECCOMP_RET_LOG"), (0x7fff_0000, "SECCOMP_RET_ALLOW"),
    ])

    /// print_seccomp_filter_k: a return's action, then its data.
    static func seccompOperand(_ code: UInt16, _ k: UInt32, style: ConstStyle) -> String? {
        guard code & 7 == 6 else { return nil }   // BPF_RET
        let action = k & 0xffff_0000, data = k & ~action
        return seccompActions.formatValue(UInt64(action), style: style) + (data != 0 ? "|" + StraceText.hex(UInt64(data)) : "")
    }

    /// print_bpf_filter_code of classic BPF.
    static func code(_ code: UInt16, style: ConstStyle) -> String {
        let c = UInt64(code)
        let cls = c & 7
        var rest = c & ~7
        var parts = [classes.formatValue(cls, style: style)]
        let leftover = { (v: UInt64) in StraceText.hex(v) + " /* BPF_??? */" }
        switch cls {
        case 2, 3:   // BPF_ST, BPF_STX
            if rest != 0 { parts.append(leftover(rest)) }
        case 0, 1:   // BPF_LD, BPF_LDX
            parts.append(sizes.formatValue(c & 0x18, style: style))
            parts.append(modes.formatValue(c & 0xe0, style: style))
        case 7:      // BPF_MISC
            parts.append(miscOperations.formatValue(c & 0xf8, style: style))
            rest &= ~(c & 0xf8)
            if rest != 0 { parts.append(leftover(rest)) }
        case 4:      // BPF_ALU
            parts.append(sources.formatValue(c & 0x08, style: style))
            parts.append(aluOperations.formatValue(c & 0xf0, style: style))
        case 5:      // BPF_JMP
            parts.append(sources.formatValue(c & 0x08, style: style))
            parts.append(jumpOperations.formatValue(c & 0xf0, style: style))
        default:     // BPF_RET
            parts.append(returnValues.formatValue(c & 0x18, style: style))
            rest &= ~(c & 0x18)
            if rest != 0 { parts.append(leftover(rest)) }
        }
        return parts.joined(separator: "|")
    }

    /// print_sock_filter_k: a socket filter's absolute load from ancillary, network or
    /// link-layer data.
    static func socketFilterOperand(_ code: UInt16, _ k: UInt32, style: ConstStyle) -> String? {
        guard code & 7 == 0, code & 0xe0 == 0x20 else { return nil }   // BPF_LD|BPF_ABS
        let offsets: [(UInt32, String)] = [(0xffff_f000, "SKF_AD_OFF"), (0xfff0_0000, "SKF_NET_OFF"), (0xffe0_0000, "SKF_LL_OFF")]
        guard let (base, name) = offsets.first(where: { k >= $0.0 }) else { return nil }
        let baseText = style.spell(raw: StraceText.hex(UInt64(base)), name)
        let offset = UInt64(k - base)
        return baseText + "+" + (base == 0xffff_f000 ? ancillaryData.formatValue(offset, style: style) : String(offset))
    }
}

extension ArgumentDecoder {
    /// print_bpf_fprog: `count` instructions at `address` with -v (print_array's `... /* addr */`
    /// where memory ends, `...` past BPF_MAXINSNS), else the address.
    func bpfProgram(_ address: UInt64, count: Int, _ operands: ClassicBPF.Operands) -> String {
        guard !abbreviated else { return StraceText.pointer(address) }
        guard address != 0 else { return "NULL" }
        guard count > 0 else { return "[]" }
        var items: [String] = []
        for i in 0..<count {
            let at = address &+ UInt64(i * ClassicBPF.size)
            guard let b = readStruct(at, size: ClassicBPF.size) else {
                if i == 0 { return StraceText.pointer(address) }
                items.append("... /* \(StraceText.pointer(at)) */")
                break
            }
            if i == 4096 { items.append("..."); break }   // BPF_MAXINSNS
            items.append(ClassicBPF.instruction(b, operands, style: style))
        }
        return "[" + items.joined(separator: ", ") + "]"
    }
}
