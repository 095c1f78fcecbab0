// bpf(2) as strace 6.1 prints it (src/bpf.c): the command, then union bpf_attr as that command's
// structure, its fields printed as far as the size the call gives reaches (each group of fields
// only when the size covers its first one), then `...` (-v: extra_data="\x..." /* bytes A..B */)
// when non-zero bytes follow the structure strace knows. Value-result fields print
// `[entry => exit]` (next_id, prog_cnt, count, buf_len, info_len).

/// The bytes of a union bpf_attr the call gave (zero past its size, as strace's copy).
private struct BpfAttr {
    let bytes: [UInt8]
    /// The call's size, cut to the structure strace knows (MIN(size, attr_size)).
    let len: Int

    init(_ given: [UInt8], known: Int) {
        bytes = given + [UInt8](repeating: 0, count: max(0, 256 - given.count))
        len = min(given.count, known)
    }

    func u32(_ o: Int) -> UInt32 { StructBytes(bytes: bytes).u32(o) }
    func u64(_ o: Int) -> UInt64 { StructBytes(bytes: bytes).u64(o) }
    /// The size reaches past the field at `offset` (strace's `len > offsetof(...)`).
    func has(_ offset: Int) -> Bool { len > offset }
}

extension ArgumentDecoder {
    /// strace's decoded bpf commands: (structure size in bpf_attr.h, result is a descriptor).
    private static let bpfCommands: [UInt32: (size: Int, fd: Bool)] = [
        0: (72, true), 1: (32, false), 2: (32, false), 3: (16, false), 4: (24, false), 5: (128, true),
        6: (16, true), 7: (16, true), 8: (20, false), 9: (12, false), 10: (76, false), 11: (12, false),
        12: (12, false), 13: (12, true), 14: (12, true), 15: (16, false), 16: (28, false), 17: (12, false),
        18: (28, true), 19: (4, true), 20: (48, false), 21: (32, false), 22: (4, false), 23: (12, false),
        24: (56, false), 25: (56, false), 26: (56, false), 27: (56, false), 28: (48, true), 29: (16, false),
        30: (4, true), 31: (12, false),
    ]

    func bpf() -> DecodedCall {
        let command = UInt32(truncatingIfNeeded: arg(0))
        let address = arg(1), size = UInt32(truncatingIfNeeded: arg(2))
        let commandText = FlagTables.bpfCommand.formatValue(UInt64(command), style: style)
        guard size > 0, size <= 4096, let known = Self.bpfCommands[command] else {
            return DecodedCall([commandText, StraceText.pointer(address), String(size)])
        }
        // As the call gave it (value-result fields are kept at entry), and as the kernel left it.
        var atEntry = self
        atEntry.memory = MemoryAtEntry(base: memory)
        guard address != 0, let given = atEntry.memory.read(address, count: Int(size)) else {
            return DecodedCall([commandText, StraceText.pointer(address), String(size)])
        }
        let exit = memory.read(address, count: Int(size)).map { BpfAttr($0, known: known.size) }
        let attr = BpfAttr(given, known: known.size)
        var fields: [String] = []
        let complete = bpfFields(command, attr, exit: exit, into: &fields)
        var attrSize = known.size
        if case .some(let end) = complete { attrSize = end ?? known.size }
        if complete != nil, Int(size) > attrSize, given[attrSize...].contains(where: { $0 != 0 }) {
            if abbreviated {
                fields.append("...")
            } else {
                fields.append("extra_data=" + StraceText.quote(given[attrSize...], inHex: .all)
                              + " /* bytes \(attrSize)..\(Int(size) - 1) */")
            }
        }
        return DecodedCall([commandText, "{" + fields.joined(separator: ", ") + "}", String(size)],
                           returns: known.fd ? .fd : nil)
    }

    /// The fields of command `command`; nil when the size stopped them before the end (no
    /// extra data then), else the structure size the extra data start at (nil: the command's).
    private func bpfFields(_ command: UInt32, _ a: BpfAttr, exit: BpfAttr?, into f: inout [String]) -> Int?? {
        let fd = { (o: Int) in self.descriptor(UInt64(a.u32(o))) }
        let u = { (o: Int) in String(a.u32(o)) }
        let addr = { (o: Int) in StraceText.pointer(a.u64(o)) }
        let flags = { (o: Int, t: NameTable) in self.bpfFlags(UInt64(a.u32(o)), t) }
        let xval = { (o: Int, t: NameTable) in t.formatValue(UInt64(a.u32(o)), style: self.style) }
        let done: Int?? = .some(nil)
        /// `[entry => exit]`-style value: the exit value after ` => ` when it changed.
        let changed = { (o: Int) -> String in
            guard let e = exit, e.u32(o) != a.u32(o) else { return String(a.u32(o)) }
            return "\(a.u32(o)) => \(e.u32(o))"
        }
        switch command {
        case 0:  // BPF_MAP_CREATE
            f += ["map_type=" + xval(0, StraceXlatTables.bpfMapTypes), "key_size=" + u(4), "value_size=" + u(8), "max_entries=" + u(12)]
            guard a.has(16) else { return nil }
            f.append("map_flags=" + flags(16, StraceXlatTables.bpfMapFlags))
            guard a.has(20) else { return nil }
            f.append("inner_map_fd=" + fd(20))
            guard a.has(24) else { return nil }
            if a.u32(16) & 4 != 0 {  // BPF_F_NUMA_NODE: printed as -X verbose prints it
                let node = a.u32(24)
                f.append("numa_node=" + (style == .raw ? String(node) : node == .max ? "\(node) /* NUMA_NO_NODE */" : String(node)))
            }
            guard a.has(28) else { return nil }
            f.append("map_name=" + bpfName(a, 28, min(16, a.len - 28)))
            guard a.has(44) else { return nil }
            f.append("map_ifindex=" + NetlinkAttributes.ifindex(a.u32(44), style: style))
            guard a.has(48) else { return nil }
            f += ["btf_fd=" + fd(48), "btf_key_type_id=" + u(52), "btf_value_type_id=" + u(56)]
            guard a.has(60) else { return nil }
            f.append("btf_vmlinux_value_type_id=" + u(60))
            guard a.has(64) else { return nil }
            f.append("map_extra=" + bpfU64(a.u64(64)))
        case 1, 21:  // BPF_MAP_LOOKUP_ELEM, BPF_MAP_LOOKUP_AND_DELETE_ELEM
            f += ["map_fd=" + fd(0), "key=" + addr(8), "value=" + addr(16)]
            guard a.has(24) else { return nil }
            f.append("flags=" + flags(24, StraceXlatTables.bpfLookupFlags))
        case 2:  // BPF_MAP_UPDATE_ELEM
            f += ["map_fd=" + fd(0), "key=" + addr(8), "value=" + addr(16), "flags=" + StraceXlatTables.bpfUpdateFlags.formatValue(a.u64(24), style: style)]
        case 3: f += ["map_fd=" + fd(0), "key=" + addr(8)]  // BPF_MAP_DELETE_ELEM
        case 4: f += ["map_fd=" + fd(0), "key=" + addr(8), "next_key=" + addr(16)]  // BPF_MAP_GET_NEXT_KEY
        case 22: f.append("map_fd=" + fd(0))  // BPF_MAP_FREEZE
        case 5:  // BPF_PROG_LOAD
            f += ["prog_type=" + xval(0, StraceXlatTables.bpfProgramTypes), "insn_cnt=" + u(4),
                  "insns=" + ebpfProgram(a.u64(8), count: UInt64(a.u32(4))), "license=" + cString(a.u64(16), limit: stringLimit)]
            guard a.has(24) else { return nil }
            f += ["log_level=" + u(24), "log_size=" + u(28), "log_buf=" + zeroTerminated(a.u64(32), length: UInt64(a.u32(28)))]
            guard a.has(40) else { return nil }
            f.append("kern_version=" + kernelVersion(a.u32(40)))
            guard a.has(44) else { return nil }
            f.append("prog_flags=" + flags(44, StraceXlatTables.bpfProgramFlags))
            guard a.has(48) else { return nil }
            f.append("prog_name=" + bpfName(a, 48, min(16, a.len - 48)))
            guard a.has(64) else { return nil }
            f.append("prog_ifindex=" + NetlinkAttributes.ifindex(a.u32(64), style: style))
            guard a.has(68) else { return nil }
            f.append("expected_attach_type=" + xval(68, StraceXlatTables.bpfAttachTypes))
            guard a.has(72) else { return nil }
            f += ["prog_btf_fd=" + fd(72), "func_info_rec_size=" + u(76), "func_info=" + addr(80), "func_info_cnt=" + u(88),
                  "line_info_rec_size=" + u(92), "line_info=" + addr(96), "line_info_cnt=" + u(104)]
            guard a.has(108) else { return nil }
            f.append("attach_btf_id=" + u(108))
            guard a.has(112) else { return nil }
            f.append("attach_prog_fd=" + fd(112))
            guard a.has(120) else { return nil }
            f.append("fd_array=" + addr(120))
        case 6, 7:  // BPF_OBJ_PIN, BPF_OBJ_GET
            f += ["pathname=" + path(a.u64(0)), "bpf_fd=" + fd(8)]
            guard a.has(12) else { return nil }
            f.append("file_flags=" + flags(12, StraceXlatTables.bpfFileModeFlags))
        case 8:  // BPF_PROG_ATTACH
            f += ["target_fd=" + fd(0), "attach_bpf_fd=" + fd(4), "attach_type=" + xval(8, StraceXlatTables.bpfAttachTypes),
                  "attach_flags=" + flags(12, StraceXlatTables.bpfAttachFlags)]
            guard a.has(16) else { return nil }
            f.append("replace_bpf_fd=" + fd(16))
        case 9: f += ["target_fd=" + fd(0), "attach_type=" + xval(8, StraceXlatTables.bpfAttachTypes)]  // BPF_PROG_DETACH
        case 10:  // BPF_PROG_TEST_RUN
            var t = ["prog_fd=" + fd(0), "retval=" + u(4), "data_size_in=" + u(8), "data_size_out=" + u(12),
                     "data_in=" + addr(16), "data_out=" + addr(24), "repeat=" + u(32), "duration=" + u(36)]
            if a.has(40) { t += ["ctx_size_in=" + u(40), "ctx_size_out=" + u(44), "ctx_in=" + addr(48), "ctx_out=" + addr(56)] }
            if a.has(64) { t += ["flags=" + flags(64, StraceXlatTables.bpfTestRunFlags), "cpu=" + u(68)] }
            if a.has(72) { t.append("batch_size=" + u(72)) }
            f.append("test={" + t.joined(separator: ", ") + "}")
        case 11, 12, 23, 31:  // BPF_{PROG,MAP,BTF,LINK}_GET_NEXT_ID
            f += ["start_id=" + u(0), "next_id=" + changed(4)]
            guard a.has(8) else { return nil }
            f.append("open_flags=" + flags(8, StraceXlatTables.bpfFileModeFlags))
        case 13, 14:  // BPF_PROG_GET_FD_BY_ID, BPF_MAP_GET_FD_BY_ID
            f += [(command == 13 ? "prog_id=" : "map_id=") + u(0), "next_id=" + u(4)]
            guard a.has(8) else { return nil }
            f.append("open_flags=" + flags(8, StraceXlatTables.bpfFileModeFlags))
        case 15:  // BPF_OBJ_GET_INFO_BY_FD: the info structures are not decoded (their address)
            f.append("info={bpf_fd=" + fd(0) + ", info_len=" + changed(4) + ", info=" + (succeeded || event.result == nil ? addr(8) : addr(8)) + "}")
        case 16:  // BPF_PROG_QUERY
            // At exit, as the kernel left it (tfetch_mem: whatever the result).
            let e = exit ?? a
            // (A failed call's array fetch fails too: NULL, [] or the address, as print_array.)
            let ids = !succeeded && e.u64(16) != 0 && e.u32(24) != 0 ? StraceText.pointer(e.u64(16)) : straceArray(e.u64(16), count: UInt64(e.u32(24)), size: 4) { String($0.u32(0)) }
            f.append("query={target_fd=" + fd(0) + ", attach_type=" + xval(4, StraceXlatTables.bpfAttachTypes)
                     + ", query_flags=" + flags(8, StraceXlatTables.bpfQueryFlags) + ", attach_flags=" + flags(12, StraceXlatTables.bpfAttachFlags)
                     + ", prog_ids=" + ids + ", prog_cnt=" + changedBefore(a.u32(24), exit?.u32(24)) + "}")
        case 17:  // BPF_RAW_TRACEPOINT_OPEN
            f.append("raw_tracepoint={name=" + zeroTerminated(a.u64(0), length: 128) + ", prog_fd=" + fd(8) + "}")
        case 18:  // BPF_BTF_LOAD
            f += ["btf=" + buffer(a.u64(0), length: UInt64(a.u32(16))), "btf_log_buf=" + addr(8), "btf_size=" + u(16),
                  "btf_log_size=" + u(20), "btf_log_level=" + u(24)]
        case 19: f.append("btf_id=" + u(0))  // BPF_BTF_GET_FD_BY_ID
        case 30: f.append("link_id=" + u(0))  // BPF_LINK_GET_FD_BY_ID
        case 20:  // BPF_TASK_FD_QUERY
            var t = ["pid=" + String(Int32(bitPattern: a.u32(0))), "fd=" + fd(4), "flags=" + u(8), "buf_len=" + changed(12)]
            if let e = exit, event.result != nil {
                let shown = min(a.u32(12), e.u32(12))
                t += ["buf=" + zeroTerminated(e.u64(16), length: UInt64(shown)), "prog_id=" + String(e.u32(24)),
                      "fd_type=" + StraceXlatTables.bpfTaskFdTypes.formatValue(UInt64(e.u32(28)), style: style),
                      "probe_offset=" + StraceText.hex(e.u64(32)), "probe_addr=" + StraceText.hex(e.u64(40))]
            }
            f.append("task_fd_query={" + t.joined(separator: ", ") + "}")
        case 24, 25, 26, 27:  // BPF_MAP_{LOOKUP,LOOKUP_AND_DELETE,UPDATE,DELETE}_BATCH
            var t: [String] = []
            if command < 26 { t += ["in_batch=" + addr(0), "out_batch=" + addr(8)] }
            t.append("keys=" + addr(16))
            if command != 27 { t.append("values=" + addr(24)) }
            t += ["count=" + u(32), "map_fd=" + fd(36), "elem_flags=" + bpfFlags(a.u64(40), StraceXlatTables.bpfLookupFlags),
                  "flags=" + StraceText.hex(a.u64(48))]
            var text = "batch={" + t.joined(separator: ", ") + "}"
            if let e = exit, event.result != nil, e.u32(32) != a.u32(32) { text += "} => {batch={count=\(e.u32(32))}" }
            f.append(text)
        case 28: return linkCreate(a, into: &f)
        case 29:  // BPF_LINK_UPDATE
            var t = ["link_fd=" + fd(0), "new_prog_fd=" + fd(4), "flags=" + flags(8, StraceXlatTables.bpfAttachFlags)]
            if a.u32(8) & 4 != 0 { t.append("old_prog_fd=" + fd(12)) }  // BPF_F_REPLACE
            f.append("link_update={" + t.joined(separator: ", ") + "}")
        default: break
        }
        return done
    }

    /// BPF_LINK_CREATE: the union after flags by attach type, as strace guesses it.
    private func linkCreate(_ a: BpfAttr, into f: inout [String]) -> Int?? {
        var t = ["prog_fd=" + descriptor(UInt64(a.u32(0))), "target_fd=" + descriptor(UInt64(a.u32(4))),
                 "attach_type=" + StraceXlatTables.bpfAttachTypes.formatValue(UInt64(a.u32(8)), style: style),
                 "flags=" + StraceText.hex(UInt64(a.u32(12)))]
        var end = 16
        if a.has(16) {
            switch a.u32(8) {
            case 0:
                if a.u32(16) != 0 { t.append("target_btf_id=\(a.u32(16))") }
                end = 20
            case 28:  // BPF_TRACE_ITER
                let count = UInt64(a.u32(24))
                t.append("iter_info=" + straceArray(a.u64(16), count: count, size: 4) { "{map={map_fd=" + self.descriptor(UInt64($0.u32(0))) + "}}" })
                t.append("iter_info_len=\(a.u32(24))")
                end = 28
            case 41:  // BPF_PERF_EVENT
                t.append("perf_event={bpf_cookie=" + StraceText.hex(a.u64(16)) + "}")
                end = 24
            case 42:  // BPF_TRACE_KPROBE_MULTI
                let count = UInt64(a.u32(20))
                t.append("kprobe_multi={flags=" + StraceXlatTables.bpfKprobeMultiFlags.formatFlags(UInt64(a.u32(16)), style: style)
                         + ", cnt=\(count), syms=" + straceArray(a.u64(24), count: count, size: 8) { self.cString($0.u64(0), limit: self.stringLimit) }
                         + ", addrs=" + straceArray(a.u64(32), count: count, size: 8) { StraceText.hex($0.u64(0)) }
                         + ", cookies=" + straceArray(a.u64(40), count: count, size: 8) { StraceText.hex($0.u64(0)) } + "}")
                end = 48
            default:
                end = 16
            }
        }
        f.append("link_create={" + t.joined(separator: ", ") + "}")
        return a.has(16) ? .some(end) : nil
    }

    /// `entry => exit` with the entry first (prog_cnt, jited_prog_len): strace prints the value
    /// the call was given, then the one it left, when they differ.
    private func changedBefore(_ entry: UInt32, _ exit: UInt32?) -> String {
        guard let exit, exit != entry else { return String(entry) }
        return "\(entry) => \(exit)"
    }

    /// printflags: a table's name for 0 when it has one (BPF_ANY).
    private func bpfFlags(_ v: UInt64, _ t: NameTable) -> String {
        t.formatFlags(v, zero: t.name(of: 0), style: style)
    }

    /// PRINT_FIELD_U64: UINT64_MAX by name.
    private func bpfU64(_ v: UInt64) -> String {
        v == .max ? style.spell(raw: String(v), "UINT64_MAX") : String(v)
    }

    /// PRINT_FIELD_CSTRING_SZ: up to a NUL within `size` bytes, else size - 1 bytes and `...`.
    private func bpfName(_ a: BpfAttr, _ offset: Int, _ size: Int) -> String {
        let field = a.bytes[offset..<offset + max(size, 0)]
        if let nul = field.firstIndex(of: 0) { return StraceText.quote(field[offset..<nul], inHex: stringsInHex) }
        return StraceText.quote(field.prefix(max(size - 1, 0)), inHex: stringsInHex) + "..."
    }

    /// print_kernel_version: `KERNEL_VERSION(4, 9, 0)`; -X raw the number, -X verbose both.
    private func kernelVersion(_ v: UInt32) -> String {
        let named = "KERNEL_VERSION(\(v >> 16), \((v >> 8) & 0xff), \(v & 0xff))"
        return style.spell(raw: StraceText.hex(UInt64(v)), named)
    }

    /// printstr_ex(addr, len, QUOTE_0_TERMINATED): up to a NUL within len (and -s) bytes, `...`
    /// when none was seen.
    func zeroTerminated(_ address: UInt64, length: UInt64) -> String {
        if address == 0 { return "NULL" }
        let size = Int(min(length, UInt64(stringLimit) + 1))
        if size == 0 { return "\"\"" }
        guard let (bytes, _) = memory.readCString(address, max: size) else { return StraceText.pointer(address) }
        let shown = min(size, stringLimit)
        if bytes.count < shown { return StraceText.quote(bytes, inHex: stringsInHex) }
        return StraceText.quote(bytes.prefix(shown), inHex: stringsInHex) + "..."
    }

    /// print_ebpf_prog: the address, or with -v the instructions (at most BPF_MAXINSNS).
    private func ebpfProgram(_ address: UInt64, count: UInt64) -> String {
        if address == 0 { return "NULL" }
        guard !abbreviated else { return StraceText.pointer(address) }
        var index = 0
        return straceArray(address, count: count, size: 8, truncated: false) { insn in
            defer { index += 1 }
            if index >= 4096 { return "..." }
            let regs = insn.u8(1)
            return "{code=" + Self.ebpfCode(UInt16(insn.u8(0)), style: style)
                + ", dst_reg=" + StraceXlatTables.ebpfRegisters.formatValue(UInt64(regs & 0xf), style: style)
                + ", src_reg=" + StraceXlatTables.ebpfRegisters.formatValue(UInt64(regs >> 4), style: style)
                + ", off=\(Int16(bitPattern: insn.u16(2))), imm=" + StraceText.hex(UInt64(insn.u32(4))) + "}"
        }
    }

    /// print_bpf_filter_code(code, extended = true).
    static func ebpfCode(_ code: UInt16, style: ConstStyle) -> String {
        let c = UInt64(code), cls = c & 7
        let rest = c & ~cls
        func either(_ v: UInt64, _ a: NameTable, _ b: NameTable) -> String {
            a.name(of: v) != nil ? a.formatValue(v, style: style) : b.formatValue(v, style: style)
        }
        var parts = [StraceXlatTables.ebpfClasses.formatValue(cls, style: style)]
        switch cls {
        case 0, 1, 2, 3:  // BPF_LD, BPF_LDX, BPF_ST, BPF_STX
            parts.append(either(c & 0x18, ClassicBPF.sizes, StraceXlatTables.ebpfSizes))
            parts.append(StraceXlatTables.ebpfModes.formatValue(c & 0xe0, style: style))
        case 4, 7:  // BPF_ALU, BPF_ALU64
            parts.append(ClassicBPF.sources.formatValue(c & 0x08, style: style))
            parts.append(either(c & 0xf0, ClassicBPF.aluOperations, StraceXlatTables.ebpfAluOperations))
        case 5:  // BPF_JMP
            parts.append(ClassicBPF.sources.formatValue(c & 0x08, style: style))
            parts.append(either(c & 0xf0, ClassicBPF.jumpOperations, StraceXlatTables.ebpfJumpOperations))
        default:  // BPF_RET, reserved in eBPF
            if rest != 0 { parts.append(StraceText.hex(rest) + " /* BPF_??? */") }
        }
        return parts.joined(separator: "|")
    }
}

/// The descriptors a bpf call names inside its union bpf_attr (map_fd, prog_fd, btf_fd...),
/// which -y names as the call found them.
enum BpfDescriptors {
    private static let offsets: [UInt32: [Int]] = [
        0: [20, 48], 1: [0], 2: [0], 3: [0], 4: [0], 21: [0], 22: [0], 5: [72, 112], 6: [8], 7: [8],
        8: [0, 4, 16], 9: [0], 10: [0], 15: [0], 16: [0], 17: [8], 20: [4], 24: [36], 25: [36], 26: [36],
        27: [36], 28: [0, 4], 29: [0, 4, 12],
    ]

    /// The commands whose result is a new descriptor (strace's RVAL_FD), given a size it decodes.
    static func returnsDescriptor(_ args: SyscallArgs) -> Bool {
        let size = UInt32(truncatingIfNeeded: args.a2)
        return [0, 5, 6, 7, 13, 14, 18, 19, 28, 30].contains(UInt32(truncatingIfNeeded: args.a0)) && size > 0 && size <= 4096
    }

    static func inAttr(_ args: SyscallArgs, memory: any TargetMemory) -> [Int32] {
        let size = Int(min(UInt32(truncatingIfNeeded: args.a2), 4096))
        guard args.a1 != 0, let at = offsets[UInt32(truncatingIfNeeded: args.a0)], size > 0,
              let bytes = memory.read(args.a1, count: size) else { return [] }
        let attr = StructBytes(bytes: bytes)
        return at.filter { $0 + 4 <= size }.map { attr.i32($0) }.filter { $0 >= 0 }
    }
}
