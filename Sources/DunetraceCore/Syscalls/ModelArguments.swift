// The decoder as an interpreter of the model (Model/): an argument printed from its description
// (C type, IntFormat, pointer direction, when the kernel writes it, the structure it points to).
// The hand decoders (SpecialDecoders, StructDecoders) keep the calls and structures where strace
// has rules of its own; everything they do not cover is printed from here.

extension ArgumentDecoder {
    /// The model's parameters of this call for these registers (the variant's, for a
    /// multiplexed call), nil when the model does not describe it.
    var modelParameters: [Parameter]? {
        SyscallModel.description(event.number)?.arguments(for: event.args)
    }

    /// EINTR or a restart code (an injected result may be any value: negated only in the errno range).
    var interrupted: Bool {
        event.result.map { $0 == -4 || ($0 >= -4095 && $0 < 0 && Errno.isRestart(Int(-$0))) } ?? false
    }

    /// Whether the kernel wrote an output pointer by the time the call returned.
    func written(_ p: PointerType) -> Bool {
        guard p.direction != .input else { return true }
        switch p.written {
        case .always, .alwaysUntilFault: return event.result != nil
        case .onSuccess: return succeeded
        case .onEINTR: return interrupted
        case .onEINTRWhenZero(let n): return interrupted && n < 6 && arg(n) == 0
        case .onE2BIG: return event.result == -7
        }
    }

    /// An integer as its IntFormat prints it, `raw` already cut to `type`.
    func integer(_ raw: UInt64, _ type: CInt, _ format: IntFormat) -> String {
        let value = type.value(of: raw)
        let bits = UInt64(bitPattern: value) & (type.bytes >= 8 ? .max : (1 << UInt64(type.bytes * 8)) - 1)
        switch format {
        case .decimal: return type.signed ? String(value) : String(bits)
        case .hex: return StraceText.hex(bits)
        case .octal: return StraceText.octal(bits)
        case .flags(let table): return table.formatFlags(bits, style: style)
        case .enumeration(let table): return table.formatValue(bits, style: style)
        case .signal: return signal(Int(value))
        }
    }

    /// Argument `i` as the model describes it; nil when the model says no more than a number
    /// or an address (the caller's own spelling is then as good), or the argument is unused.
    func modelArgument(_ p: Parameter, at i: Int) -> String? {
        let v = arg(i)
        switch p.type {
        case .integer(let t, let format):
            // strace prints ids unsigned, but -1 (no change) as -1.
            if t.name == "uid_t" || t.name == "gid_t" {
                let id = UInt32(truncatingIfNeeded: v)
                return id == UInt32.max ? "-1" : String(id)
            }
            if case .decimal = format { return nil }
            if case .hex = format { return t.bytes < 8 ? integer(v, t, format) : nil }
            return integer(v, t, format)
        case .pointer(let pointer):
            if v == 0 { return "NULL" }
            // What the kernel read of a value-result argument prints when it wrote nothing back.
            guard written(pointer) || pointer.direction == .both else { return StraceText.pointer(v) }
            // -e verbose= leaves memory unread; an empty array needs none.
            guard dereferenced else {
                if case .array(_, let count) = pointer.pointee, arrayCount(count, output: pointer.direction == .output) == 0 { return "[]" }
                return StraceText.pointer(v)
            }
            return pointee(pointer.pointee, at: v)
        case .descriptor, .address, .unused: return nil
        }
    }

    /// What a pointer points to, by the model; nil when the model's description is only bytes
    /// or a shape this interpreter does not print as strace does.
    func pointee(_ p: Pointee, at address: UInt64) -> String? {
        switch p {
        case .scalar(let t, let format):
            guard let s = readStruct(address, size: t.bytes) else { return StraceText.pointer(address) }
            return "[" + integer(s.bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }, t, format) + "]"
        case .structure(let layout):
            guard let printed = structure(layout, at: address) else { return nil }
            return printed
        case .array(of: .structure(let layout), count: let count):
            guard let n = arrayCount(count, output: event.direction(of: address, in: modelParameters) == .output) else { return nil }
            // More segments than KEXEC_SEGMENT_MAX: the kernel refuses them, strace prints the address.
            if layout.name == "kexec_segment", n > 16 { return StraceText.pointer(address) }
            var items: [String] = []
            for k in 0..<min(n, 1024) {
                let at = address &+ UInt64(k * layout.size)
                // strace's print_array reads an element before it checks the limit (-s elements;
                // futex_waitv's print_waiter stops past FUTEX_WAITV_MAX): one it cannot read there
                // is named, `... /* 0x... */`.
                let readable = readStruct(at, size: layout.size) != nil
                if readable, (abbreviated && k >= stringLimit) || (layout.name == "futex_waitv" && k >= 128) {
                    items.append("...")
                    break
                }
                guard readable, let item = structure(layout, at: at) else {
                    // strace names where the array stopped being readable.
                    return items.isEmpty ? StraceText.pointer(address) : "[" + items.joined(separator: ", ") + ", ... /* \(StraceText.pointer(at)) */]"
                }
                items.append(item)
            }
            return "[" + items.joined(separator: ", ") + "]"
        default: return nil
        }
    }

    /// The elements of an array: an output one holds what the call returned (epoll_wait's
    /// ready events), when that is fewer.
    func arrayCount(_ count: Count, output: Bool) -> Int? {
        guard let n = countValue(count) else { return nil }
        if output, let r = success, r >= 0, r < n { return Int(r) }
        return n
    }

    /// A count of the model, from this call's arguments and result.
    func countValue(_ c: Count) -> Int? {
        c.value(CountSources(
            argument: { i in
                guard let params = modelParameters, i < params.count, case .integer(let t, _) = params[i].type else { return nil }
                return t.value(of: arg(i))
            },
            pointee: { i in readStruct(arg(i), size: 4).map { Int($0.u32(0)) } },
            field: { _ in nil },
            result: success))
    }

    /// A structure of the model at `address` in strace's `{field=value, ...}`, for the layouts
    /// whose strace form is every field in order; nil for the others.
    func structure(_ layout: StructLayout, at address: UInt64) -> String? {
        switch layout.name {
        case "sched_param":
            // strace prints the one field bare, in brackets: sched_getparam(0, [0]).
            return readStruct(address, size: 4).map { "[\($0.i32(0))]" } ?? StraceText.pointer(address)
        case "epoll_event":
            guard let s = readStruct(address, size: 12) else { return StraceText.pointer(address) }
            return "{events=\(FlagTables.epollEvents.formatFlags(UInt64(s.u32(0)), style: style)), "
                + "data={u32=\(s.u32(4)), u64=\(s.u64(4))}}"
        case "sched_attr": return schedAttr(at: address, size: nil)
        case "futex_waitv":
            // strace's print_waiter: __reserved only when it is not 0.
            guard let s = readStruct(address, size: 24) else { return StraceText.pointer(address) }
            return "{val=\(StraceText.hex(s.u64(0))), uaddr=\(StraceText.pointer(s.u64(8))), "
                + "flags=\(FlagTables.futexWaiterFlags.formatFlags(UInt64(s.u32(16)), style: style))"
                + (s.u32(20) != 0 ? ", __reserved=\(StraceText.hex(UInt64(s.u32(20))))}" : "}")
        case "kexec_segment":
            // strace's print_seg: the two addresses as pointers, the sizes unsigned.
            guard let s = readStruct(address, size: 32) else { return StraceText.pointer(address) }
            return "{buf=\(StraceText.pointer(s.u64(0))), bufsz=\(s.u64(8)), mem=\(StraceText.pointer(s.u64(16))), memsz=\(s.u64(24))}"
        case "siginfo":
            // As the signal lines print it.
            guard let bytes = memory.read(address, count: 128) else { return StraceText.pointer(address) }
            var info = SignalInfo()
            info.bytes = bytes
            // strace leaves out a queued signal's value when it is 0.
            var text = info.text(clockComments: style != .raw).replacingOccurrences(of: ", si_int=0, si_ptr=NULL}", with: "}")
            if style != .abbrev {
                let signo = Int(info.signo), name = FlagTables.signalName(signo)
                text = text.replacingOccurrences(of: "{si_signo=\(name),", with: "{si_signo=\(signal(signo)),")
                let codes: [Int32: String] = [0: "SI_USER", -6: "SI_TKILL", -1: "SI_QUEUE", 0x80: "SI_KERNEL", -2: "SI_TIMER"]
                if let code = codes[info.code] {
                    text = text.replacingOccurrences(of: "si_code=\(code),",
                                                     with: "si_code=\(style.spell(raw: StraceText.hex(UInt64(UInt32(bitPattern: info.code))), code)),")
                }
            }
            return text
        case "__user_cap_header_struct":
            // As the call was given it: for a version it does not know, the kernel writes back
            // the one it prefers, and strace prints the header at entry.
            guard let s = readStructAtEntry(address, size: 8) else { return StraceText.pointer(address) }
            return "{version=\(FlagTables.capabilityVersion.formatValue(UInt64(s.u32(0)), style: style)), pid=\(s.i32(4))}"
        case "sigevent": return sigevent(at: address)
        case "user_desc": return userDesc(at: address)
        case "sock_fprog": return seccompProgram(address)
        case "int" where layout.fields.count == 1:
            // A descriptor slot (io_uring's registered files): the number, with -y its path.
            guard case .descriptor = layout.fields[0].type else { return nil }
            return readStruct(address, size: 4).map { descriptor(UInt64($0.u32(0))) } ?? StraceText.pointer(address)
        case "timespec", "timeval", "timezone", "itimerspec", "itimerval", "timex", "iovec", "seccomp_notif_sizes", "kcmp_epoll_slot",
             "landlock_path_beneath_attr", "__sysctl_args":
            guard let s = readStruct(address, size: layout.size) else { return StraceText.pointer(address) }
            return fields(layout, s)
        default: return nil
        }
    }

    /// struct user_desc as strace's print_user_desc prints it: entry_number as an id (-1 for
    /// "pick one"), the two 32-bit values as `%#08x`, then the flag bit fields one by one (lm:
    /// an x86-64 tracee).
    func userDesc(at address: UInt64) -> String {
        guard dereferenced, let s = readStructAtEntry(address, size: 16) else { return StraceText.pointer(address) }
        let entry = s.u32(0), flags = s.u32(12)
        func zeroX8(_ v: UInt32) -> String {
            // C's %#08x: no 0x for zero, and the 0x counts in the width of 8.
            guard v != 0 else { return "00000000" }
            let digits = String(v, radix: 16)
            return "0x" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        }
        let bits: [(String, UInt32, UInt32)] = [
            ("seg_32bit", 0, 1), ("contents", 1, 3), ("read_exec_only", 3, 1), ("limit_in_pages", 4, 1),
            ("seg_not_present", 5, 1), ("useable", 6, 1), ("lm", 7, 1),
        ]
        return "{entry_number=\(entry == UInt32.max ? "-1" : String(entry)), base_addr=\(zeroX8(s.u32(4))), limit=\(zeroX8(s.u32(8)))"
            + bits.map { ", \($0.0)=\((flags >> $0.1) & $0.2)" }.joined() + "}"
    }

    /// Every field of `layout` in order; a `P_sec` field and the `P_usec`/`P_nsec` after it
    /// print as strace's nested `P={tv_sec=..., tv_usec=...}`.
    func fields(_ layout: StructLayout, _ s: StructBytes) -> String {
        var parts: [String] = []
        var i = 0
        let fields = layout.fields
        while i < fields.count {
            let f = fields[i]
            if f.name.hasSuffix("_sec"), f.name != "tv_sec", i + 1 < fields.count,
               case .integer(let t, let format) = f.type, case .integer(let t2, let format2) = fields[i + 1].type,
               fields[i + 1].name == f.name.dropLast(4) + "_usec" || fields[i + 1].name == f.name.dropLast(4) + "_nsec" {
                let unit = fields[i + 1].name.hasSuffix("_usec") ? "tv_usec" : "tv_nsec"
                // strace prints tv_nsec and tv_usec unsigned (zero-extended from their C type).
                _ = format2
                let fraction = String(t2.bytes == 8 ? load(s, fields[i + 1].offset, .u64) : UInt64(UInt32(truncatingIfNeeded: load(s, fields[i + 1].offset, t2))))
                parts.append("\(f.name.dropLast(4))={tv_sec=\(integer(load(s, f.offset, t), t, format)), \(unit)=\(fraction)}")
                i += 2
                continue
            }
            switch f.type {
            case .integer(let t, let format): parts.append("\(f.name)=\(integer(load(s, f.offset, t), t, format))")
            case .pointer, .address: parts.append("\(f.name)=\(StraceText.pointer(s.u64(f.offset)))")
            case .descriptor: parts.append("\(f.name)=\(descriptor(UInt64(s.u32(f.offset))))")
            case .unused: break
            }
            i += 1
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    private func load(_ s: StructBytes, _ offset: Int, _ t: CInt) -> UInt64 {
        guard offset >= 0, offset + t.bytes <= s.bytes.count else { return 0 }
        switch t.bytes {
        case 1: return UInt64(s.u8(offset))
        case 2: return UInt64(s.u16(offset))
        case 4: return UInt64(s.u32(offset))
        default: return s.u64(offset)
        }
    }
}

extension SyscallEvent {
    /// The direction of the pointer argument holding `address`, by the model.
    func direction(of address: UInt64, in params: [Parameter]?) -> Direction? {
        guard let params else { return nil }
        for (i, p) in params.enumerated() where i < 6 && args[i] == address {
            if case .pointer(let pointer) = p.type { return pointer.direction }
        }
        return nil
    }
}

extension ArgumentDecoder {
    /// The call's arguments from the model, with the table's spelling where the model says no
    /// more than it (a plain number or address) and the table has a hand decoder (its structs);
    /// an output the kernel has not written prints as its address; the arguments a variant of
    /// a multiplexed call leaves unused at the end are not printed.
    func decodeByModel(_ kinds: [ArgKind]) -> DecodedCall {
        // A selector the model has no variant for prints by the call's own description.
        let variantKnown = modelParameters != nil
        guard let params = modelParameters ?? SyscallModel.description(event.number)?.arguments else {
            return DecodedCall(generic(kinds), comment: resultComment())
        }
        var out: [String] = []
        let multiplexed = variantKnown && SyscallModel.description(event.number)?.multiplexer != nil
        for (i, kind) in kinds.enumerated() {
            guard i < params.count else { out.append(format(kind, at: i)); continue }
            let p = params[i]
            if Self.isPlain(kind), multiplexed, case .integer(let t, .decimal) = p.type, t.bytes < 8,
               t.name != "uid_t", t.name != "gid_t" {
                // A variant's number of 32 bits or less (kcmp's descriptor numbers) prints as
                // its type; calls strace does not decode keep the table's spelling.
                out.append(integer(arg(i), t, .decimal))
            } else if Self.isPlain(kind), case .descriptor(.ofProcess(let owner)) = p.type {
                // Another process's descriptor number: the caller's path only when it is the caller's.
                let fd = Int32(truncatingIfNeeded: arg(i))
                out.append(owner < 6 && isCaller(Int32(truncatingIfNeeded: arg(owner))) ? descriptor(UInt64(UInt32(bitPattern: fd))) : String(fd))
            } else if Self.isPlain(kind), case .descriptor(.duplicatedByResult) = p.type {
                // Another process's descriptor, duplicated into the result: strace names it by
                // the other process's table, which holds the file the result now names.
                let fd = Int32(truncatingIfNeeded: arg(i))
                let result = event.result ?? -1
                let named = succeeded && result >= 0 ? descriptor(UInt64(result), afterCall: true) : ""
                out.append(named.hasPrefix("\(result)<") ? "\(fd)" + named.dropFirst("\(result)".count) : String(fd))
            } else if Self.isPlain(kind), let text = modelArgument(p, at: i) {
                out.append(text)
            } else if case .pointer(let pointer) = p.type, pointer.direction == .output, arg(i) != 0, !written(pointer) {
                out.append(StraceText.pointer(arg(i)))
            } else if case .pointer(let pointer) = p.type, pointer.written != .always, pointer.written != .onSuccess, written(pointer), !succeeded, arg(i) != 0,
                      case .outStruct(let structKind) = kind, dereferenced {
                // What an interrupted sleep left (its remaining time), which the table's
                // printer shows only after a success.
                out.append(structure(structKind, at: arg(i), output: true))
            } else {
                out.append(format(kind, at: i))
            }
        }
        pairSocketAddresses(params, &out)
        if variantKnown, SyscallModel.description(event.number)?.multiplexer != nil {
            while let last = out.indices.last, last < params.count, case .unused = params[last].type { out.removeLast() }
        }
        return DecodedCall(out, comment: resultComment())
    }

    /// The table's kinds that say only "a number" or "an address".
    static func isPlain(_ kind: ArgKind) -> Bool {
        switch kind {
        case .int, .uint, .long, .ulong, .hex, .pointer: return true
        default: return false
        }
    }

    /// What strace adds after some results: `= 0 (SCHED_OTHER)`, `= 5 (TIME_ERROR)`.
    func resultComment() -> String? {
        guard let r = success else { return nil }
        switch SyscallTable.name(event.number) {
        // Result comments are names in every -X style.
        case "sched_getscheduler": return FlagTables.schedPolicy.formatValue(UInt64(bitPattern: r))
        // The signal taken, by its name (strace's signame: no -X spelling).
        case "rt_sigtimedwait": return r == 0 ? nil : FlagTables.signalName(Int(truncatingIfNeeded: r))
        case "adjtimex", "clock_adjtime": return FlagTables.adjtimexState.formatValue(UInt64(bitPattern: r))
        case "ioprio_get":
            // The one styled comment: none under -X raw, the class as `0 /* IOPRIO_CLASS_NONE */` under verbose.
            guard style != .raw else { return nil }
            let value = UInt64(bitPattern: r), ioClass = value >> 13
            let className = FlagTables.ioprioClass.name(of: ioClass).map { style.spell(raw: String(ioClass), $0) } ?? String(ioClass)
            return "IOPRIO_PRIO_VALUE(\(className), \(value & 0x1fff))"
        default: return nil
        }
    }

    /// syslog: the action as `0 /* SYSLOG_ACTION_CLOSE */` (strace spells it so in every
    /// -X style), then only the arguments the action reads.
    func syslog() -> DecodedCall {
        let action = UInt64(UInt32(truncatingIfNeeded: arg(0)))
        var call = decodeByModel(SyscallTable.signature(event.number))
        let number = StraceText.int(action)
        call.args[0] = FlagTables.syslogAction.name(of: action).map { number + " /* " + $0 + " */" }
            ?? number + " /* SYSLOG_ACTION_??? */"
        switch action {
        case 2, 3, 4:  // the READ actions: what the kernel wrote
            if call.args.count > 1, let r = success { call.args[1] = buffer(arg(1), length: UInt64(clamping: r)) }
        case 8:  // SYSLOG_ACTION_CONSOLE_LEVEL: the level, named as the action is
            if call.args.count > 2 {
                let level = Int32(truncatingIfNeeded: arg(2))
                let name = level >= 0 ? FlagTables.syslogConsoleLevel.name(of: UInt64(level)) : nil
                call.args[2] = "\(level) /* \(name ?? "LOGLEVEL_???") */"
            }
        default: break
        }
        return call
    }

    /// The bytes of an extensible structure past the fields strace knows (print_nonzero_bytes):
    /// nothing when they are all zero, `???` when unreadable, else in hex.
    func nonzeroBytes(_ address: UInt64, from start: Int, to end: Int) -> String? {
        guard end > start else { return nil }
        guard let bytes = memory.read(address &+ UInt64(start), count: end - start) else { return "???" }
        guard bytes.contains(where: { $0 != 0 }) else { return nil }
        let shown = bytes.prefix(stringLimit)
        return "/* bytes \(start)..\(end - 1) */ " + StraceText.quote(shown, hexEscapes: true) + (bytes.count > shown.count ? "..." : "")
    }

    /// openat2: struct open_how `{flags=..., mode=..., resolve=...}`, mode only when a file
    /// may be created or it is not 0; shorter than its first version
    /// (24 bytes) it is an address.
    func openat2() -> DecodedCall {
        var args = [dirfd(arg(0)), path(arg(1)), StraceText.pointer(arg(2)), StraceText.ulong(arg(3))]
        if arg(2) != 0, arg(3) >= 24, dereferenced, let s = readStruct(arg(2), size: 24) {
            let flags = s.u64(0), mode = s.u64(8), resolve = s.u64(16)
            var fields = ["flags=" + FlagTables.open.formatFlags(flags, style: style)]
            if flags & (0o100 | 0o20000000) != 0 || mode != 0 { fields.append("mode=" + StraceText.octal(mode)) }
            fields.append("resolve=" + FlagTables.resolveFlags.formatFlags(resolve, style: style))
            if let extra = nonzeroBytes(arg(2), from: 24, to: Int(min(arg(3), 4096))) { fields.append(extra) }
            args[2] = "{" + fields.joined(separator: ", ") + "}"
        } else if arg(2) == 0 {
            args[2] = "NULL"
        }
        return DecodedCall(args, returns: .fd)
    }
}

extension ArgumentDecoder {
    /// struct sched_attr: the fields of its first version (48 bytes), the utilization clamps
    /// when the structure (its size field, or `size`) holds them.
    func schedAttr(at address: UInt64, size: UInt64?) -> String {
        guard let s = readStruct(address, size: 48) else { return StraceText.pointer(address) }
        let declared = UInt64(s.u32(0))
        var text = "{size=\(declared), sched_policy=\(FlagTables.schedPolicy.formatValue(UInt64(s.u32(4)), style: style)), "
            + "sched_flags=\(FlagTables.schedAttrFlags.formatFlags(s.u64(8), style: style)), sched_nice=\(s.i32(16)), "
            + "sched_priority=\(s.u32(20)), sched_runtime=\(s.u64(24)), sched_deadline=\(s.u64(32)), sched_period=\(s.u64(40))"
        if min(declared, size ?? declared) >= 56, let u = readStruct(address &+ 48, size: 8) {
            text += ", sched_util_min=\(u.u32(0)), sched_util_max=\(u.u32(4))"
        }
        return text + "}"
    }

    /// struct sigevent: the value (both views of the union), the signal and how to notify;
    /// the thread id or libc's function and attributes when the notification uses them.
    func sigevent(at address: UInt64) -> String {
        guard let s = readStruct(address, size: 32) else { return StraceText.pointer(address) }
        let notify = s.i32(12)
        // The value only when it is not NULL; the signal is one only for the notifications
        // that send it (SIGEV_SIGNAL, SIGEV_THREAD, SIGEV_THREAD_ID).
        var text = s.u64(0) == 0 ? "{" : "{sigev_value={sival_int=\(s.i32(0)), sival_ptr=\(StraceText.hex(s.u64(0)))}, "
        text += "sigev_signo=\([0, 2, 4].contains(notify) ? signal(Int(s.i32(8))) : String(s.u32(8))), "
            + "sigev_notify=\(FlagTables.sigevNotify.formatValue(UInt64(UInt32(bitPattern: notify)), style: style))"
        if notify == 4 { text += ", sigev_notify_thread_id=\(s.i32(16))" }
        if notify == 2 {
            text += ", sigev_notify_function=\(StraceText.pointer(s.u64(16))), sigev_notify_attributes=\(StraceText.pointer(s.u64(24)))"
        }
        return text + "}"
    }

    /// sched_getattr: what the kernel wrote, up to the size given.
    func schedGetattr() -> DecodedCall {
        let address = arg(1)
        let shown = address == 0 ? "NULL" : succeeded && dereferenced ? schedAttr(at: address, size: arg(2)) : StraceText.pointer(address)
        // strace prints the flags in decimal (PRINT_VAL_U).
        return DecodedCall([StraceText.int(arg(0)), shown, StraceText.uint(arg(2)), StraceText.uint(arg(3))])
    }

    /// utimensat's two times: UTIME_NOW and UTIME_OMIT by name, others with their dates.
    func utimensat() -> DecodedCall {
        var call = decodeByModel(SyscallTable.signature(event.number))
        let address = arg(2)
        guard address != 0, dereferenced else { return call }
        // Both times or the address (strace reads the pair at once).
        guard let s = readStruct(address, size: 32) else {
            call.args[2] = StraceText.pointer(address)
            return call
        }
        call.args[2] = "[" + [0, 16].map { offset -> String in
            let seconds = s.i64(offset), nanoseconds = s.i64(offset + 8)
            let numbers = "{tv_sec=\(seconds), tv_nsec=\(UInt64(bitPattern: nanoseconds))}"
            switch nanoseconds {
            case 0x3fff_ffff: return style.spell(raw: numbers, "UTIME_NOW")
            case 0x3fff_fffe: return style.spell(raw: numbers, "UTIME_OMIT")
            default:
                return numbers + (Self.dateComment(seconds, nanoseconds: UInt64(bitPattern: nanoseconds)).map { " /* \($0) */" } ?? "")
            }
        }.joined(separator: ", ") + "]"
        return call
    }

    /// utimes/futimesat's two timevals, each with its date; utime's utimbuf with its dates.
    /// Unreadable (the pair crosses into unmapped memory): the address.
    func utimes(timesArgument i: Int) -> DecodedCall {
        var call = decodeByModel(SyscallTable.signature(event.number))
        let address = arg(i)
        guard address != 0, dereferenced, call.args.count > i else { return call }
        let isUtime = SyscallTable.name(event.number) == "utime"
        guard let s = readStruct(address, size: isUtime ? 16 : 32) else {
            call.args[i] = StraceText.pointer(address)
            return call
        }
        if isUtime {
            call.args[i] = "{" + [(0, "actime"), (8, "modtime")].map { offset, name in
                "\(name)=\(s.i64(offset))" + (Self.dateComment(s.i64(offset), nanoseconds: 0).map { " /* \($0) */" } ?? "")
            }.joined(separator: ", ") + "}"
            return call
        }
        call.args[i] = "[" + [0, 16].map { offset -> String in
            let seconds = s.i64(offset), microseconds = s.u64(offset + 8)
            return "{tv_sec=\(seconds), tv_usec=\(microseconds)}"
                + (Self.dateComment(seconds, microseconds: microseconds).map { " /* \($0) */" } ?? "")
        }.joined(separator: ", ") + "]"
        return call
    }

    /// struct mq_attr as strace's printmqattr: mq_flags by name (mq_getsetattr) or in hex
    /// (mq_open), the counts signed; unreadable, the address.
    func mqAttr(_ address: UInt64, flagsByName: Bool) -> String {
        guard address != 0 else { return "NULL" }
        // strace reads the whole struct mq_attr, its four reserved longs too.
        guard dereferenced, let s = readStruct(address, size: 64) else { return StraceText.pointer(address) }
        let flags = flagsByName ? FlagTables.mqAttrFlags.formatFlags(s.u64(0), style: style) : StraceText.hex(s.u64(0))
        return "{mq_flags=\(flags), mq_maxmsg=\(s.i64(8)), mq_msgsize=\(s.i64(16)), mq_curmsgs=\(s.i64(24))}"
    }

    /// mq_getsetattr: the new attributes as given, the old ones once the call wrote them.
    func mqGetsetattr() -> DecodedCall {
        let old = arg(2)
        return DecodedCall([descriptor(arg(0)), mqAttr(arg(1), flagsByName: true),
                            old == 0 || succeeded ? mqAttr(old, flagsByName: true) : StraceText.pointer(old)])
    }

    /// mincore: one entry a page of the range (bit 0: resident), as strace's print_array
    /// prints them (-s entries, then `...`; where reading stops, its address); after a
    /// failure the address.
    func mincore() -> DecodedCall {
        let length = arg(1), vec = arg(2)
        let pages = length / 4096 + (length & 4095 == 0 ? 0 : 1)
        return DecodedCall([StraceText.pointer(arg(0)), String(length),
                            succeeded ? byteArray(vec, count: pages) { String($0 & 1) } : StraceText.pointer(vec)])
    }

    /// An array of bytes as strace's print_array with a one-byte element.
    func byteArray(_ address: UInt64, count: UInt64, _ element: (UInt8) -> String) -> String {
        guard address != 0 else { return "NULL" }
        guard count > 0 else { return "[]" }
        guard address &+ count > address, dereferenced else { return StraceText.pointer(address) }
        let shown = abbreviated && UInt64(stringLimit) < count ? UInt64(stringLimit) : count
        var items: [String] = []
        var at = address
        while at < address &+ shown {
            guard let b = memory.read(at, count: 1)?.first else {
                if items.isEmpty { return StraceText.pointer(address) }
                return "[" + items.joined(separator: ", ") + ", ... /* " + StraceText.pointer(at) + " */]"
            }
            items.append(element(b))
            at &+= 1
        }
        // strace also fetches the first entry past the -s cut, which a recording may not hold:
        // taken as readable.
        if shown < count { items.append("...") }
        return "[" + items.joined(separator: ", ") + "]"
    }

    /// mq_open: the mode and attributes only when the queue may be created.
    func mqOpen() -> DecodedCall {
        // The queue's name prints whole, as a path.
        var args = [path(arg(0)), FlagTables.open.formatFlags(UInt64(UInt32(truncatingIfNeeded: arg(1))), style: style)]
        guard arg(1) & 0o100 != 0 else { return DecodedCall(args, returns: .fd) }
        args.append(StraceText.octal(UInt64(UInt16(truncatingIfNeeded: arg(2)))))
        let attr = arg(3)
        args.append(mqAttr(attr, flagsByName: false))
        return DecodedCall(args, returns: .fd)
    }

    /// membarrier(cmd, flags): the query's result as the commands it names.
    func membarrier() -> DecodedCall {
        let command = UInt64(UInt32(truncatingIfNeeded: arg(0)))
        let args = [FlagTables.membarrierCommand.formatValue(command, style: style), StraceText.hex(UInt64(UInt32(truncatingIfNeeded: arg(1))))]
        guard command == 0, let r = success, r != 0 else { return DecodedCall(args) }
        return DecodedCall(args, returns: .hex, comment: FlagTables.membarrierCommands.formatFlags(UInt64(bitPattern: r), style: style))
    }
}

extension ArgumentDecoder {
    /// capget/capset's data: the three sets, each `1<<CAP_CHOWN|...`, over the 32-bit
    /// structures the header's version says (one for version 1, two after).
    func capabilityData() -> String? {
        let address = arg(1)
        let isGet = SyscallTable.name(event.number) == "capget"
        guard address != 0 else { return "NULL" }
        guard dereferenced, !isGet || succeeded, let header = readStructAtEntry(arg(0), size: 4) else { return StraceText.pointer(address) }
        // strace's print_cap_data: two words for versions 2 and 3, one for any other.
        let version = header.u32(0)
        let words = version == 0x2007_1026 || version == 0x2008_0522 ? 2 : 1
        guard let s = readStruct(address, size: 12 * words) else { return StraceText.pointer(address) }
        func set(_ field: Int) -> String {
            var bits: UInt64 = 0
            for w in 0..<words { bits |= UInt64(s.u32(w * 12 + field * 4)) << UInt64(32 * w) }
            guard bits != 0 else { return "0" }
            let names = (0..<64).filter { bits & (1 << UInt64($0)) != 0 }.map { bit in
                FlagTables.capabilities.name(of: UInt64(bit)).map { "1<<" + $0 } ?? "1<<\(bit)"
            }.joined(separator: "|")
            return style.spell(raw: StraceText.hex(bits), names)
        }
        return "{effective=\(set(0)), permitted=\(set(1)), inheritable=\(set(2))}"
    }
}

extension ArgumentDecoder {
    /// mount: the flags by name (MS_MGC_VAL, the old magic in the upper half, first), the
    /// data as a string.
    func mount() -> DecodedCall {
        let flags = arg(3)
        var flagText = FlagTables.mountFlags.formatFlags(flags, style: style)
        if flags & 0xffff_0000 == 0xc0ed_0000 {
            let rest = flags & ~UInt64(0xffff_0000)
            flagText = style.spell(raw: "0xc0ed0000", "MS_MGC_VAL") + (rest == 0 ? "" : "|" + FlagTables.mountFlags.formatFlags(rest, style: style))
        }
        // As strace: the kernel ignores the type of a bind, move or remount and the data of a
        // bind, move or propagation change; those print as addresses.
        let MS_REMOUNT: UInt64 = 32, MS_BIND: UInt64 = 4096, MS_MOVE: UInt64 = 8192, propagation: UInt64 = 0xf << 17
        let own = flags & 0xffff_0000 == 0xc0ed_0000 ? flags & ~UInt64(0xffff_0000) : flags
        let type = own & (MS_REMOUNT | MS_BIND | MS_MOVE) != 0 ? StraceText.pointer(arg(2)) : cString(arg(2), limit: stringLimit)
        let data = own & (MS_BIND | MS_MOVE | propagation) != 0 ? StraceText.pointer(arg(4)) : cString(arg(4), limit: stringLimit)
        return DecodedCall([cString(arg(0), limit: ArgumentDecoder.pathLimit), path(arg(1)), type, flagText, data])
    }
}
