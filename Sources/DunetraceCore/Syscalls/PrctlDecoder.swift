// prctl as strace 6.1 prints it (src/prctl.c): per option, what each argument after the option
// is and what follows the result. Options strace knows on any architecture print so here too
// (PR_SVE_SET_VL fails with EINVAL on x86-64, and strace still names its argument).

/// How one argument of a prctl option prints.
enum PrctlArgument {
    /// PRINT_VAL_U / PRINT_VAL_D / PRINT_VAL_X of the whole register.
    case unsigned, signed, hex
    /// printxval64 of the register / printxval of its low 32 bits.
    case value(NameTable), value32(NameTable)
    case flags(NameTable)
    /// A name the task gets or sets, NUL-terminated within `limit` bytes.
    case name(limit: Int)
    /// What the kernel wrote to an int: `[5]`, as `IntFormat` prints it; the address on error.
    case writtenInt(IntFormat)
    /// What the kernel wrote to a pointer-sized word: `[0x7f00...]`, `[NULL]`.
    case writtenPointer
    case address
    /// The remaining arguments (of five), in hex.
    case rest
}

/// What strace adds to a successful prctl result.
enum PrctlResult {
    case plain
    /// `= 1 (SUID_DUMP_USER)`: the name, in every -X style.
    case named(NameTable)
    /// `= 0x1 (SECBIT_NOROOT)`: hex and the flags (none under -X raw), when not 0.
    case hexFlags(NameTable)
}

extension ArgumentDecoder {
    private static let none: ([PrctlArgument], PrctlResult) = ([], .plain)
    private static let rest: ([PrctlArgument], PrctlResult) = ([.rest], .plain)

    /// The options whose arguments print the same whatever their values.
    private static let prctlLayouts: [UInt32: ([PrctlArgument], PrctlResult)] = [
        2: ([.writtenInt(.signal)], .plain),                                  // PR_GET_PDEATHSIG
        3: ([], .named(FlagTables.dumpable)),                                 // PR_GET_DUMPABLE
        4: ([.value(FlagTables.dumpable)], .plain),                           // PR_SET_DUMPABLE
        5: ([.writtenInt(.flags(FlagTables.prUnalign))], .plain),             // PR_GET_UNALIGN
        6: ([.flags(FlagTables.prUnalign)], .plain),                          // PR_SET_UNALIGN
        7: none, 8: ([.unsigned], .plain),                                    // PR_GET/SET_KEEPCAPS
        9: ([.writtenInt(.decimal)], .plain), 10: ([.unsigned], .plain),      // PR_GET/SET_FPEMU
        11: ([.writtenInt(.decimal)], .plain), 12: ([.unsigned], .plain),     // PR_GET/SET_FPEXC
        13: none, 14: ([.unsigned], .plain),                                  // PR_GET/SET_TIMING
        15: ([.name(limit: 15)], .plain), 16: ([.name(limit: 16)], .plain),   // PR_SET/GET_NAME
        19: ([.writtenInt(.decimal)], .plain), 20: ([.unsigned], .plain),     // PR_GET/SET_ENDIAN
        21: none,                                                             // PR_GET_SECCOMP
        23: ([.value(FlagTables.capabilities)], .plain), 24: ([.value(FlagTables.capabilities)], .plain),
        25: ([.writtenInt(.enumeration(FlagTables.prTsc))], .plain),          // PR_GET_TSC
        26: ([.value32(FlagTables.prTsc)], .plain),                           // PR_SET_TSC
        27: ([], .hexFlags(FlagTables.securebits)),                           // PR_GET_SECUREBITS
        28: ([.flags(FlagTables.securebits)], .plain),                        // PR_SET_SECUREBITS
        29: ([.signed], .plain), 30: none,                                    // PR_SET/GET_TIMERSLACK
        31: none, 32: none,                                                   // PR_TASK_PERF_EVENTS_*
        34: ([.rest], .named(FlagTables.prMceKill)),                          // PR_MCE_KILL_GET
        35: ([.value32(FlagTables.prSetMm), .rest], .plain),                  // PR_SET_MM
        36: ([.unsigned], .plain), 37: ([.writtenInt(.decimal)], .plain),     // PR_SET/GET_CHILD_SUBREAPER
        38: ([.unsigned, .rest], .plain), 39: rest,                           // PR_SET/GET_NO_NEW_PRIVS
        40: ([.writtenPointer], .plain),                                      // PR_GET_TID_ADDRESS
        41: ([.unsigned, .rest], .plain), 42: rest,                           // PR_SET/GET_THP_DISABLE
        45: ([.flags(FlagTables.prFpMode)], .plain),                          // PR_SET_FP_MODE
        46: ([], .hexFlags(FlagTables.prFpMode)),                             // PR_GET_FP_MODE
        54: ([.flags(FlagTables.prPacKeys), .rest], .plain),                  // PR_PAC_RESET_KEYS
        57: ([.unsigned, .rest], .plain), 58: rest,                           // PR_SET/GET_IO_FLUSHER
        59: ([.value(FlagTables.prSyscallDispatch), .hex, .hex, .address], .plain),
        60: ([.flags(FlagTables.prPacEnabledKeys), .flags(FlagTables.prPacEnabledKeys), .rest], .plain),
        61: ([.rest], .hexFlags(FlagTables.prPacEnabledKeys)),                // PR_PAC_GET_ENABLED_KEYS
    ]

    func prctl() -> DecodedCall {
        let option = UInt32(truncatingIfNeeded: arg(0))
        var args = [FlagTables.prctlOption.formatValue(UInt64(option), style: style)]
        if let (layout, result) = Self.prctlLayouts[option] {
            for (k, a) in layout.enumerated() { args += prctlArgument(a, at: k + 1) }
            return DecodedCall(args, returns: prctlReturns(result), comment: prctlComment(result))
        }
        let arg2 = arg(1)
        switch option {
        case 1:  // PR_SET_PDEATHSIG: a signal, or a number above any
            args.append(arg2 > 128 ? String(arg2) : signal(Int(arg2)))
        case 22:  // PR_SET_SECCOMP
            args.append(FlagTables.seccompMode.formatValue(arg2, style: style))
            if arg2 == 2 { args.append(seccompProgram(arg(2))) } else if arg2 != 1 { args += prctlArgument(.rest, at: 2) }
        case 33:  // PR_MCE_KILL: the policy only for PR_MCE_KILL_SET
            args.append(FlagTables.prMceKillCommand.formatValue(arg2, style: style))
            args.append(arg2 == 1 ? FlagTables.prMceKill.formatValue(arg(2), style: style) : StraceText.hex(arg(2)))
            args += prctlArgument(.rest, at: 3)
        case 47:  // PR_CAP_AMBIENT: a capability for IS_SET, RAISE and LOWER
            args.append(FlagTables.prCapAmbient.formatValue(arg2, style: style))
            if (1...3).contains(arg2) {
                args.append(FlagTables.capabilities.formatValue(arg(2), style: style))
                args += prctlArgument(.rest, at: 3)
            } else {
                args += prctlArgument(.rest, at: 2)
            }
        case 50, 63:  // PR_SVE_SET_VL, PR_SME_SET_VL
            let flags = option == 50 ? FlagTables.prSveFlags : FlagTables.prSmeFlags
            args.append(vectorLength(arg2, flags, result: false) ?? "")
            let (returns, comment) = vectorLengthResult(flags)
            return DecodedCall(args, returns: returns, comment: comment)
        case 51, 64:  // PR_SVE_GET_VL, PR_SME_GET_VL
            let (returns, comment) = vectorLengthResult(option == 51 ? FlagTables.prSveFlags : FlagTables.prSmeFlags)
            return DecodedCall(args, returns: returns, comment: comment)
        case 52:  // PR_GET_SPECULATION_CTRL: the state as flags for the known controls
            args.append(FlagTables.prSpecWhich.formatValue(arg2, style: style))
            guard let r = success, FlagTables.prSpecWhich.name(of: arg2) != nil else { return DecodedCall(args) }
            let state = UInt64(bitPattern: r)
            return DecodedCall(args, returns: .hex, comment: style == .raw ? nil
                               : state == 0 ? "PR_SPEC_NOT_AFFECTED" : Self.namedFlags(FlagTables.prSpecState, state))
        case 53:  // PR_SET_SPECULATION_CTRL
            args.append(FlagTables.prSpecWhich.formatValue(arg2, style: style))
            args.append(FlagTables.prSpecWhich.name(of: arg2) != nil
                        ? FlagTables.prSpecSetState.formatValue(arg(2), style: style) : StraceText.hex(arg(2)))
        case 55:  // PR_SET_TAGGED_ADDR_CTRL
            args.append(taggedAddressControl(arg2, result: false) ?? "")
            args += prctlArgument(.rest, at: 2)
        case 56:  // PR_GET_TAGGED_ADDR_CTRL
            args += prctlArgument(.rest, at: 1)
            guard let r = success else { return DecodedCall(args) }
            return DecodedCall(args, returns: .hex, comment: taggedAddressControl(UInt64(bitPattern: r), result: true))
        case 62:  // PR_SCHED_CORE
            let command = UInt64(UInt32(truncatingIfNeeded: arg2)), type = UInt64(UInt32(truncatingIfNeeded: arg(3)))
            args.append(FlagTables.prSchedCoreCommand.formatValue(command, style: style))
            args.append(String(Int32(truncatingIfNeeded: arg(2))))
            // The pid type is spelled with its number in every style but raw.
            args.append(FlagTables.pidType.formatValue(type, style: style == .raw ? .raw : .verbose))
            let cookie = arg(4)
            if command == 0, cookie != 0, let r = success, r >= 0, dereferenced, let s = readStruct(cookie, size: 8) {
                args.append("[" + StraceText.hex(s.u64(0)) + "]")
            } else {
                args.append(StraceText.pointer(cookie))
            }
        case 0x5356_4d41:  // PR_SET_VMA
            args.append(FlagTables.prSetVma.formatValue(arg2, style: style))
            if arg2 == 0 {
                args += [StraceText.pointer(arg(2)), String(arg(3)), cString(arg(4), limit: stringLimit)]
            } else {
                args += prctlArgument(.rest, at: 2)
            }
        case 0x5961_6d61:  // PR_SET_PTRACER
            let pid = Int32(truncatingIfNeeded: arg2)
            args.append(pid == -1 ? style.spell(raw: "-1", "PR_SET_PTRACER_ANY") : String(pid))
        default:
            args += prctlArgument(.rest, at: 1)
        }
        return DecodedCall(args)
    }

    private func prctlArgument(_ a: PrctlArgument, at i: Int) -> [String] {
        let v = arg(i)
        switch a {
        case .unsigned: return [String(v)]
        case .signed: return [String(Int64(bitPattern: v))]
        case .hex: return [StraceText.hex(v)]
        case .value(let table): return [table.formatValue(v, style: style)]
        case .value32(let table): return [table.formatValue(UInt64(UInt32(truncatingIfNeeded: v)), style: style)]
        case .flags(let table): return [table.formatFlags(v, style: style)]
        case .address: return [StraceText.pointer(v)]
        case .rest: return (i..<5).map { StraceText.hex(arg($0)) }
        case .name(let limit):
            // PR_GET_NAME's buffer holds a name only once the call succeeded.
            if limit == 16, !succeeded { return [StraceText.pointer(v)] }
            return [boundedString(v, limit: limit)]
        case .writtenInt(let format):
            guard v != 0 else { return ["NULL"] }
            guard succeeded, dereferenced, let s = readStruct(v, size: 4) else { return [StraceText.pointer(v)] }
            if case .signal = format, s.i32(0) == 0 { return ["[0]"] }
            if case .decimal = format { return ["[\(s.u32(0))]"] }
            return ["[" + integer(UInt64(s.u32(0)), .uint, format) + "]"]
        case .writtenPointer:
            guard v != 0 else { return ["NULL"] }
            guard succeeded, dereferenced, let s = readStruct(v, size: 8) else { return [StraceText.pointer(v)] }
            return ["[" + StraceText.pointer(s.u64(0)) + "]"]
        }
    }

    /// A string of at most `limit` bytes (strace's QUOTE_0_TERMINATED): `...` after it when no
    /// NUL ends it there.
    func boundedString(_ address: UInt64, limit: Int) -> String {
        guard address != 0 else { return "NULL" }
        let shown = min(limit, stringLimit)
        guard let (bytes, complete) = memory.readCString(address, max: limit) else { return StraceText.pointer(address) }
        if complete && bytes.count <= shown { return StraceText.quote(bytes, inHex: stringsInHex) }
        guard complete || bytes.count == limit else { return StraceText.pointer(address) }
        return StraceText.quote(bytes.prefix(shown), inHex: stringsInHex) + "..."
    }

    private func prctlReturns(_ result: PrctlResult) -> ReturnKind? {
        guard case .hexFlags = result, let r = success, r != 0 else { return nil }
        return .hex
    }

    private func prctlComment(_ result: PrctlResult) -> String? {
        guard let r = success else { return nil }
        switch result {
        case .plain: return nil
        case .named(let table): return table.name(of: UInt64(bitPattern: r))
        case .hexFlags(let table): return r == 0 || style == .raw ? nil : Self.namedFlags(table, UInt64(bitPattern: r))
        }
    }

    /// strace's flags in a result's comment (SPFF_AUXSTR_MODE): the names and the unnamed rest
    /// in hex; nil when no name matches.
    static func namedFlags(_ table: NameTable, _ value: UInt64) -> String? {
        var parts: [String] = [], rest = value
        for entry in table.entries where entry.value != 0 && rest & entry.value == entry.value {
            parts.append(entry.name)
            rest &= ~entry.value
        }
        guard !parts.isEmpty else { return nil }
        if rest != 0 { parts.append(StraceText.hex(rest)) }
        return parts.joined(separator: "|")
    }

    /// SVE/SME vector lengths: the length in the low 16 bits, flags above (sprint_sve_val).
    private func vectorLength(_ v: UInt64, _ flags: NameTable, result: Bool) -> String? {
        if style == .raw { return result ? nil : StraceText.hex(v) }
        let length = v & 0xffff, bits = v & ~0xffff
        if bits == 0 && result { return nil }
        let names = bits == 0 ? "" : (Self.namedFlags(flags, bits) ?? StraceText.hex(bits)) + "|"
        if !result && bits != 0 && style == .verbose { return StraceText.hex(v) + " /* " + names + StraceText.hex(length) + " */" }
        return names + StraceText.hex(length)
    }

    private func vectorLengthResult(_ flags: NameTable) -> (ReturnKind?, String?) {
        guard let r = success, r != 0 else { return (nil, nil) }
        return (.hex, vectorLength(UInt64(bitPattern: r), flags, result: true))
    }

    /// PR_SET/GET_TAGGED_ADDR_CTRL's word: enable bit, MTE check mode, tag mask, the rest.
    private func taggedAddressControl(_ v: UInt64, result: Bool) -> String? {
        var text = !result && style != .abbrev ? StraceText.hex(v) : ""
        if style == .raw { return result ? nil : text }
        if !result && style == .verbose { text += " /* " }
        text += (v & 1 == 0 ? "!PR_TAGGED_ADDR_ENABLE" : "PR_TAGGED_ADDR_ENABLE") + "|"
        text += FlagTables.prMteCheckMode.name(of: v & 6) ?? StraceText.hex(v & 6)
        let tag = v & (0xffff << 3)
        if tag != 0 { text += "|" + StraceText.hex(tag >> 3) + "<<PR_MTE_TAG_SHIFT" }
        let rest = v & ~(UInt64(7) | 0xffff << 3)
        if rest != 0 { text += "|" + StraceText.hex(rest) }
        if !result && style == .verbose { text += " */" }
        return text
    }

    /// A seccomp filter's struct sock_fprog: its length, and its program (under -v).
    func seccompProgram(_ address: UInt64) -> String {
        bpfProgram(at: address, kind: .seccomp)
    }
}
