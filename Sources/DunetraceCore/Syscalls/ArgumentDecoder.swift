// Decodes the arguments of one completed system call, reading strings, buffers and structs
// from the target's memory as it is at syscall exit.

/// Little-endian fields of a struct copied out of target memory.
struct StructBytes {
    let bytes: [UInt8]

    func u8(_ offset: Int) -> UInt8 { bytes[offset] }

    func u16(_ offset: Int) -> UInt16 { UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8 }

    func u32(_ offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    func u64(_ offset: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }

    func i32(_ offset: Int) -> Int32 { Int32(bitPattern: u32(offset)) }
    func i64(_ offset: Int) -> Int64 { Int64(bitPattern: u64(offset)) }
}

struct ArgumentDecoder {
    let event: SyscallEvent
    var memory: any TargetMemory
    let stringLimit: Int
    /// strace -y: where the descriptors point; nil prints them as plain numbers.
    var names: (any DescriptorNames)? = nil
    /// -X: constants as names, numbers, or both.
    var style = ConstStyle.abbrev
    /// -x, -xx: strings in hex.
    var stringsInHex = StringsInHex.none
    /// false under -v (or -e abbrev= without this call): structures and arrays print whole.
    var abbreviated = true
    /// false when -e verbose= leaves this call out: structures print as their addresses.
    var dereferenced = true
    /// --decode-pids=pidns: a pid of the caller's namespace in dunetrace's (kcmp's pid1 in a
    /// pid namespace names the caller when it translates to the caller's own pid).
    var pidDecoding: PidDecoding? = nil

    /// Whether `pid`, as the caller wrote it, names the calling process.
    func isCaller(_ pid: Int32) -> Bool {
        if pid == event.pid { return true }
        guard pid > 0, let outer = pidDecoding?.lookup(PidKey(pid: pid, kind: .task, atEntry: true))?.outer else { return false }
        return outer == event.pid
    }

    /// strace's PATH_MAX - 1: paths are not cut at -s, only at this length.
    static let pathLimit = 4095
    /// Bytes of a socket address strace reads at most (sizeof(struct sockaddr_storage)).
    static let sockaddrLimit = 128

    func arg(_ i: Int) -> UInt64 { event.args[i] }

    /// The registers before the model cut them to their kernel types: strace prints a few
    /// arguments (keyctl's iovec count) as the whole register.
    var registers: SyscallArgs? = nil
    func register(_ i: Int) -> UInt64 { registers?[i] ?? arg(i) }

    /// The raw result when the call returned without an error.
    var success: Int64? {
        guard let r = event.result, !(r < 0 && r >= -4095) else { return nil }
        return r
    }

    var succeeded: Bool { success != nil }

    // MARK: argument kinds

    func format(_ kind: ArgKind, at i: Int) -> String {
        let v = arg(i)
        switch kind {
        case .int: return StraceText.int(v)
        case .uint: return StraceText.uint(v)
        case .long: return StraceText.long(v)
        case .ulong: return StraceText.ulong(v)
        case .hex: return StraceText.hex(v)
        case .pointer, .address: return StraceText.pointer(v)
        case .fd: return descriptor(v)
        case .dirfd: return dirfd(v)
        case .mode: return StraceText.octal(UInt64(UInt32(truncatingIfNeeded: v)))
        case .fileMode: return fileMode(UInt32(truncatingIfNeeded: v))
        case .signal: return signal(Int(Int32(truncatingIfNeeded: v)))
        case .flags(let table): return table.formatFlags(v, style: style)
        case .value(let table): return table.formatValue(UInt64(UInt32(truncatingIfNeeded: v)), style: style)
        case .path: return path(v)
        case .string: return cString(v, limit: stringLimit)
        case .inBuffer(let lengthArg): return netlinkBuffer(v, length: arg(lengthArg)) ?? buffer(v, length: arg(lengthArg))
        case .outBuffer:
            // The size follows the buffer; recv with MSG_TRUNC returns more than it wrote.
            guard let n = success else { return StraceText.pointer(v) }
            let length = min(UInt64(clamping: n), i + 1 < 6 ? arg(i + 1) : .max)
            return netlinkBuffer(v, length: length) ?? buffer(v, length: length)
        case .randomBuffer:
            guard let n = success else { return StraceText.pointer(v) }
            return buffer(v, length: UInt64(clamping: n), hexEscapes: true)
        case .outPath:
            guard succeeded else { return StraceText.pointer(v) }
            return path(v)
        case .inStruct(let kind):
            // -e verbose= leaves all memory but strings unread (strace's tfetch_mem).
            guard dereferenced else { return StraceText.pointer(v) }
            // As the call was given it: the kernel may have written over it since (select's sets).
            var atEntry = self
            atEntry.memory = MemoryAtEntry(base: memory)
            return atEntry.structure(kind, at: v, output: false)
        case .outStruct(let kind):
            // A failed read's iovecs still print, their buffers as addresses (strace's IOV_DECODE_ADDR).
            if case .iovec = kind, !succeeded, dereferenced, event.result != nil { return structure(kind, at: v, output: true) }
            guard succeeded, dereferenced else { return StraceText.pointer(v) }
            return structure(kind, at: v, output: true)
        }
    }

    /// `SIGTERM`; -X raw `15`, -X verbose `15 /* SIGTERM */`; a number naming no signal as is.
    func signal(_ n: Int) -> String {
        let name = FlagTables.signalName(n)
        return name == String(n) ? name : style.spell(raw: String(n), name)
    }

    /// What follows a descriptor's number with -y/-yy: the names' own text, or with -x/-xx its
    /// path in hex.
    func decoratedName(_ fd: Int32, afterCall: Bool) -> String? {
        guard let names else { return nil }
        if stringsInHex == .none { return names.decorated(fd, afterCall: afterCall) }
        return names.path(of: fd, afterCall: afterCall).map { StraceText.descriptorPath($0, inHex: stringsInHex) }
    }

    func dirfd(_ v: UInt64) -> String {
        guard Int32(truncatingIfNeeded: v) == FlagTables.atFdcwd else { return descriptor(v) }
        return style.spell(raw: "-100", "AT_FDCWD") + (decoratedName(FlagTables.atFdcwd, afterCall: false) ?? "")
    }

    /// A descriptor: `3`, and with -y `3</etc/passwd>` (as the call found it, or left it); a
    /// negative one bare, as strace's printfd (only a dirfd's AT_FDCWD names the cwd).
    func descriptor(_ v: UInt64, afterCall: Bool = false) -> String {
        let fd = Int32(truncatingIfNeeded: v)
        guard fd >= 0, let text = decoratedName(fd, afterCall: afterCall) else { return String(fd) }
        return String(fd) + text
    }

    /// `S_IFREG|S_ISUID|0755`: the file type, the set-id and sticky bits, the permissions.
    /// strace's print_symbolic_mode_t: a mode with a file type it does not know prints as a
    /// number only; otherwise its names (a number alone when only permission bits are set).
    func fileMode(_ mode: UInt32) -> String {
        let raw = StraceText.octal(UInt64(mode))
        let type = mode & 0o170000
        guard type == 0 || FlagTables.fileType.name(of: UInt64(type)) != nil else { return raw }
        return style.spell(raw: raw, Self.fileMode(mode))
    }

    static func fileMode(_ mode: UInt32) -> String {
        var parts: [String] = []
        let type = UInt64(mode & 0o170000)
        if type != 0 { parts.append(FlagTables.fileType.formatValue(type)) }
        for (bit, name) in [(UInt32(0o4000), "S_ISUID"), (0o2000, "S_ISGID"), (0o1000, "S_ISVTX")]
        where mode & bit != 0 {
            parts.append(name)
        }
        parts.append(StraceText.octal(UInt64(mode & 0o777)))
        return parts.joined(separator: "|")
    }

    // MARK: strings and buffers

    /// A NUL-terminated path, or the address when it cannot be read.
    func path(_ address: UInt64) -> String {
        cString(address, limit: Self.pathLimit)
    }

    /// A NUL-terminated string cut after `limit` bytes (`"abc"...`), or the address.
    func cString(_ address: UInt64, limit: Int) -> String {
        if address == 0 { return "NULL" }
        guard let (bytes, complete) = memory.readCString(address, max: limit + 1) else {
            return StraceText.pointer(address)
        }
        if complete { return StraceText.quote(bytes, inHex: stringsInHex) }
        // No NUL within limit + 1 bytes: shown cut; fewer bytes than that means a fault.
        guard bytes.count > limit else { return StraceText.pointer(address) }
        return StraceText.quote(bytes.prefix(limit), inHex: stringsInHex) + "..."
    }

    /// `length` bytes at `address`, cut at the -s limit, or the address if unreadable.
    func buffer(_ address: UInt64, length: UInt64, hexEscapes: Bool = false) -> String {
        if address == 0 { return "NULL" }
        let shown = Int(min(length, UInt64(stringLimit)))
        guard let bytes = shown == 0 ? [] : memory.read(address, count: shown) else {
            return StraceText.pointer(address)
        }
        return StraceText.quote(bytes, hexEscapes: hexEscapes, inHex: stringsInHex) + (length > UInt64(shown) ? "..." : "")
    }

    /// The fixed-size struct at `address`, or nil when it cannot be read.
    func readStruct(_ address: UInt64, size: Int) -> StructBytes? {
        guard address != 0, let bytes = memory.read(address, count: size) else { return nil }
        return StructBytes(bytes: bytes)
    }
}
