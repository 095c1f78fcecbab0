// Classic BPF programs (struct sock_fprog) as strace 6.1 prints them (bpf_filter.c,
// bpf_sock_filter.c, bpf_seccomp_filter.c): `{len=N, filter=[BPF_STMT(...), BPF_JUMP(...)]}`,
// the instructions only under -v (the filter's address otherwise).

extension ArgumentDecoder {
    /// How an instruction's k prints beyond a number: socket filters name the ancillary
    /// offsets (SKF_AD_OFF+SKF_AD_PROTOCOL), seccomp filters the return actions.
    enum BpfFilterKind { case socket, seccomp }

    /// decode_bpf_fprog: the sock_fprog at `address`, or its address when unreadable.
    func bpfProgram(at address: UInt64, kind: BpfFilterKind) -> String {
        guard address != 0 else { return "NULL" }
        guard dereferenced, let s = readStruct(address, size: 16) else { return StraceText.pointer(address) }
        let count = s.u16(0)
        return "{len=\(count), filter=" + bpfInstructions(at: s.u64(8), count: UInt64(count), kind: kind) + "}"
    }

    /// print_bpf_fprog: `count` instructions at `address` under -v, else the address; past
    /// BPF_MAXINSNS (4096) instructions, `...`.
    func bpfInstructions(at address: UInt64, count: UInt64, kind: BpfFilterKind) -> String {
        guard !abbreviated else { return StraceText.pointer(address) }
        var shown = 0
        return straceArray(address, count: min(count, 4097), size: 8) { instruction in
            shown += 1
            return shown > 4096 ? "..." : bpfInstruction(instruction, kind: kind)
        }
    }

    private func bpfInstruction(_ s: StructBytes, kind: BpfFilterKind) -> String {
        let code = s.u16(0), jt = s.u8(2), jf = s.u8(3), k = s.u32(4)
        if jt != 0 || jf != 0 {
            return "BPF_JUMP(" + bpfCode(code) + ", " + StraceText.hex(UInt64(k)) + ", "
                + StraceText.hex(UInt64(jt)) + ", " + StraceText.hex(UInt64(jf)) + ")"
        }
        return "BPF_STMT(" + bpfCode(code) + ", " + (bpfK(code, k, kind: kind) ?? StraceText.hex(UInt64(k))) + ")"
    }

    /// print_bpf_filter_code for classic BPF.
    private func bpfCode(_ code: UInt16) -> String {
        let c = UInt64(code)
        let cls = c & 7
        var rest = c & ~cls
        var text = FlagTables.bpfClass.formatValue(cls, style: style)
        let unknownBits = { (bits: UInt64) in "|" + StraceText.hex(bits) + " /* BPF_??? */" }
        switch cls {
        case 2, 3:  // BPF_ST, BPF_STX
            if rest != 0 { text += unknownBits(rest) }
        case 0, 1:  // BPF_LD, BPF_LDX
            text += "|" + FlagTables.bpfSize.formatValue(c & 0x18, style: style) + "|" + FlagTables.bpfMode.formatValue(c & 0xe0, style: style)
        case 7:  // BPF_MISC
            text += "|" + FlagTables.bpfMiscOp.formatValue(c & 0xf8, style: style)
            rest &= ~(c & 0xf8)
            if rest != 0 { text += unknownBits(rest) }
        case 4:  // BPF_ALU
            text += "|" + FlagTables.bpfSource.formatValue(c & 0x08, style: style) + "|" + FlagTables.bpfAluOp.formatValue(c & 0xf0, style: style)
        case 5:  // BPF_JMP
            text += "|" + FlagTables.bpfSource.formatValue(c & 0x08, style: style) + "|" + FlagTables.bpfJumpOp.formatValue(c & 0xf0, style: style)
        default:  // BPF_RET
            text += "|" + FlagTables.bpfReturnValue.formatValue(c & 0x18, style: style)
            rest &= ~(c & 0x18)
            if rest != 0 { text += unknownBits(rest) }
        }
        return text
    }

    /// A statement's k by name: socket filters' absolute loads at the ancillary, network and
    /// link-layer offsets; seccomp filters' return action and its data.
    private func bpfK(_ code: UInt16, _ k: UInt32, kind: BpfFilterKind) -> String? {
        switch kind {
        case .socket:
            guard code & 7 == 0, code & 0xe0 == 0x20 else { return nil }  // BPF_LD|BPF_ABS
            func offset(_ base: UInt32, _ name: String) -> String { style.spell(raw: StraceText.hex(UInt64(base)), name) + "+" }
            if k >= 0xffff_f000 { return offset(0xffff_f000, "SKF_AD_OFF") + FlagTables.skfAncillary.formatValue(UInt64(k - 0xffff_f000), style: style) }
            if k >= 0xfff0_0000 { return offset(0xfff0_0000, "SKF_NET_OFF") + String(k - 0xfff0_0000) }
            if k >= 0xffe0_0000 { return offset(0xffe0_0000, "SKF_LL_OFF") + String(k - 0xffe0_0000) }
            return nil
        case .seccomp:
            guard code & 7 == 6 else { return nil }  // BPF_RET
            let action = k & 0xffff_0000, data = k & ~action
            return FlagTables.seccompReturnAction.formatValue(UInt64(action), style: style) + (data != 0 ? "|" + StraceText.hex(UInt64(data)) : "")
        }
    }
}

extension FlagTables {
    static let bpfClass = NameTable(unknown: "BPF_???", [
        (0, "BPF_LD"), (1, "BPF_LDX"), (2, "BPF_ST"), (3, "BPF_STX"), (4, "BPF_ALU"), (5, "BPF_JMP"), (6, "BPF_RET"), (7, "BPF_MISC"),
    ])
    static let bpfMiscOp = NameTable(unknown: "BPF_???", [(0, "BPF_TAX"), (0x80, "BPF_TXA")])
    static let bpfMode = NameTable(unknown: "BPF_???", [
        (0, "BPF_IMM"), (0x20, "BPF_ABS"), (0x40, "BPF_IND"), (0x60, "BPF_MEM"), (0x80, "BPF_LEN"), (0xa0, "BPF_MSH"), (0xc0, "BPF_XADD"),
    ])
    static let bpfAluOp = NameTable(unknown: "BPF_???", [
        (0, "BPF_ADD"), (0x10, "BPF_SUB"), (0x20, "BPF_MUL"), (0x30, "BPF_DIV"), (0x40, "BPF_OR"), (0x50, "BPF_AND"), (0x60, "BPF_LSH"),
        (0x70, "BPF_RSH"), (0x80, "BPF_NEG"), (0x90, "BPF_MOD"), (0xa0, "BPF_XOR"), (0xb0, "BPF_MOV"), (0xc0, "BPF_ARSH"), (0xd0, "BPF_END"),
    ])
    static let bpfJumpOp = NameTable(unknown: "BPF_???", [
        (0, "BPF_JA"), (0x10, "BPF_JEQ"), (0x20, "BPF_JGT"), (0x30, "BPF_JGE"), (0x40, "BPF_JSET"), (0x50, "BPF_JNE"), (0x60, "BPF_JSGT"),
        (0x70, "BPF_JSGE"), (0x80, "BPF_CALL"), (0x90, "BPF_EXIT"), (0xa0, "BPF_JLT"), (0xb0, "BPF_JLE"), (0xc0, "BPF_JSLT"), (0xd0, "BPF_JSLE"),
    ])
    static let bpfReturnValue = NameTable(unknown: "BPF_???", [(0, "BPF_K"), (0x08, "BPF_X"), (0x10, "BPF_A")])
    static let bpfSize = NameTable(unknown: "BPF_???", [(0, "BPF_W"), (0x08, "BPF_H"), (0x10, "BPF_B"), (0x18, "BPF_DW")])
    static let bpfSource = NameTable(unknown: "BPF_???", [(0, "BPF_K"), (0x08, "BPF_X")])
    static let skfAncillary = NameTable(unknown: "SKF_AD_???", [
        (0, "SKF_AD_PROTOCOL"), (4, "SKF_AD_PKTTYPE"), (8, "SKF_AD_IFINDEX"), (12, "SKF_AD_NLATTR"), (16, "SKF_AD_NLATTR_NEST"),
        (20, "SKF_AD_MARK"), (24, "SKF_AD_QUEUE"), (28, "SKF_AD_HATYPE"), (32, "SKF_AD_RXHASH"), (36, "SKF_AD_CPU"),
        (40, "SKF_AD_ALU_XOR_X"), (44, "SKF_AD_VLAN_TAG"), (48, "SKF_AD_VLAN_TAG_PRESENT"), (52, "SKF_AD_PAY_OFFSET"),
        (56, "SKF_AD_RANDOM"), (60, "SKF_AD_VLAN_TPID"),
    ])
}
