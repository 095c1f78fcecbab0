// The structs, arrays and sets of x86-64 Linux system calls, printed in strace's abbreviated
// style. Layouts are the x86-64 kernel ABI; every decoder returns nil when the memory cannot
// be read, and the caller then prints the address.

#if canImport(Glibc)
import Glibc
#endif

extension ArgumentDecoder {
    /// The struct of `kind` at `address`; `output` is true for what the kernel wrote.
    func structure(_ kind: StructKind, at address: UInt64, output: Bool) -> String {
        if address == 0 { return "NULL" }
        let text: String?
        switch kind {
        case .stat: text = stat(address)
        case .statx: text = statx(address)
        case .statfs: text = statfs(address)
        case .timespec: text = readStruct(address, size: 16).map { timespec($0, 0) }
        case .timeval: text = readStruct(address, size: 16).map { timeval($0, 0) }
        case .itimerval:
            text = readStruct(address, size: 32).map {
                "{it_interval=\(timeval($0, 0)), it_value=\(timeval($0, 16))}"
            }
        case .itimerspec:
            text = readStruct(address, size: 32).map {
                "{it_interval=\(timespec($0, 0)), it_value=\(timespec($0, 16))}"
            }
        case .rlimit: text = rlimit(address)
        case .rusage: text = rusage(address)
        case .tms:
            text = readStruct(address, size: 32).map {
                "{tms_utime=\(clockTicks($0.u64(0))), tms_stime=\(clockTicks($0.u64(8))), "
                    + "tms_cutime=\(clockTicks($0.u64(16))), tms_cstime=\(clockTicks($0.u64(24)))}"
            }
        case .utsname: text = utsname(address)
        case .sysinfo: text = sysinfo(address)
        case .sigset(let sizeArg): text = sigset(address, size: arg(sizeArg))
        case .sigaction: text = sigaction(address)
        case .stack: text = stack(address)
        case .sockaddr(let lengthArg): text = sockaddr(address, length: Int(Int32(truncatingIfNeeded: arg(lengthArg))))
        case .sockaddrWithLengthPointer(let lengthArg):
            text = readStruct(arg(lengthArg), size: 4).flatMap {
                sockaddr(address, length: Int($0.u32(0)))
            }
        case .int: text = readStruct(address, size: 4).map { "[\($0.i32(0))]" }
        case .long: text = readStruct(address, size: 8).map { "[\($0.i64(0))]" }
        case .fdPair:
            text = readStruct(address, size: 8).map {
                "[" + descriptor(UInt64(UInt32(bitPattern: $0.i32(0))), afterCall: true) + ", "
                    + descriptor(UInt64(UInt32(bitPattern: $0.i32(4))), afterCall: true) + "]"
            }
        case .iovec(let countArg): text = iovecs(address, count: arg(countArg), output: output)
        case .pollfds(let countArg): text = pollfds(address, count: arg(countArg), field: "events")
        case .fdSet(let nfdsArg): text = fdSet(address, nfds: Int(Int32(truncatingIfNeeded: arg(nfdsArg))))
        case .cpuSet(let sizeArg):
            let size = sizeArg >= 0 ? arg(sizeArg) : UInt64(clamping: success ?? 0)
            text = cpuSet(address, size: size)
        case .waitStatus:
            // wait4 returning 0 (WNOHANG, no child changed state) wrote nothing.
            guard let r = success, r > 0 else { return StraceText.pointer(address) }
            text = readStruct(address, size: 4).map { "[\(Self.waitStatus($0.u32(0)))]" }
        case .argv: text = argv(address)
        case .envp: text = envp(address)
        case .dirents: text = dirents(address)
        case .cloneArgs(let sizeArg): text = cloneArgs(address, size: arg(sizeArg))
        }
        return text ?? StraceText.pointer(address)
    }

    // MARK: files

    func stat(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 144) else { return nil }
        let mode = s.u32(24)
        let type = mode & 0o170000
        let detail = type == 0o20000 || type == 0o60000
            ? "st_rdev=\(device(s.u64(40)))" : "st_size=\(s.i64(48))"
        guard !abbreviated else { return "{st_mode=\(fileMode(mode)), \(detail), ...}" }
        return "{st_dev=\(device(s.u64(0))), st_ino=\(s.u64(8)), st_mode=\(fileMode(mode)), "
            + "st_nlink=\(s.u64(16)), st_uid=\(s.u32(28)), st_gid=\(s.u32(32)), st_blksize=\(s.i64(56)), "
            + "st_blocks=\(s.i64(64)), \(detail), "
            + ["atime", "mtime", "ctime"].enumerated().map { i, name in
                let seconds = s.i64(72 + 16 * i), nanoseconds = s.u64(80 + 16 * i)
                return "st_\(name)=\(seconds) /* \(Self.localDate(seconds, nanoseconds: nanoseconds)) */, "
                    + "st_\(name)_nsec=\(nanoseconds)"
            }.joined(separator: ", ") + "}"
    }

    func statx(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 256) else { return nil }
        let mask = s.u32(0)
        let maskText = FlagTables.statxMask.formatFlags(UInt64(mask), style: style)
        let attributes = FlagTables.statxAttributes.formatFlags(s.u64(8), style: style)
        // strace's statx.c: each field only when the mask says the kernel filled it.
        func has(_ bit: UInt32) -> Bool { mask & bit != 0 }
        func id(_ v: UInt32) -> String { v == .max ? "-1" : String(v) }
        func time(_ name: String, _ offset: Int) -> String {
            let seconds = s.i64(offset), nanoseconds = UInt64(s.u32(offset + 8))
            return "stx_\(name)={tv_sec=\(seconds), tv_nsec=\(nanoseconds)} /* "
                + Self.localDate(seconds, nanoseconds: nanoseconds) + " */"
        }
        let mode = "stx_mode=\(fileMode(UInt32(s.u16(28))))"
        guard !abbreviated else {
            var fields = ["stx_mask=\(maskText)", "stx_attributes=\(attributes)"]
            if has(0x1 | 0x2) { fields.append(mode) }
            if has(0x200) { fields.append("stx_size=\(s.u64(40))") }
            return "{" + fields.joined(separator: ", ") + ", ...}"
        }
        var fields = ["stx_mask=\(maskText)", "stx_blksize=\(s.u32(4))", "stx_attributes=\(attributes)"]
        if has(0x4) { fields.append("stx_nlink=\(s.u32(16))") }
        if has(0x8) { fields.append("stx_uid=\(id(s.u32(20)))") }
        if has(0x10) { fields.append("stx_gid=\(id(s.u32(24)))") }
        if has(0x1 | 0x2) { fields.append(mode) }
        if has(0x100) { fields.append("stx_ino=\(s.u64(32))") }
        if has(0x200) { fields.append("stx_size=\(s.u64(40))") }
        if has(0x400) { fields.append("stx_blocks=\(s.u64(48))") }
        fields.append("stx_attributes_mask=\(FlagTables.statxAttributes.formatFlags(s.u64(56), style: style))")
        if has(0x20) { fields.append(time("atime", 64)) }
        if has(0x800) { fields.append(time("btime", 80)) }
        if has(0x80) { fields.append(time("ctime", 96)) }
        if has(0x40) { fields.append(time("mtime", 112)) }
        fields += ["stx_rdev_major=\(s.u32(128))", "stx_rdev_minor=\(s.u32(132))",
                   "stx_dev_major=\(s.u32(136))", "stx_dev_minor=\(s.u32(140))"]
        if has(0x1000) { fields.append("stx_mnt_id=\(StraceText.hex(s.u64(144)))") }
        if has(0x2000) { fields += ["stx_dio_mem_align=\(s.u32(152))", "stx_dio_offset_align=\(s.u32(156))"] }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    func statfs(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 120) else { return nil }
        let type = FlagTables.filesystemMagic.formatValue(s.u64(0), style: style)
        return "{f_type=\(type), f_bsize=\(s.i64(8)), f_blocks=\(s.u64(16)), f_bfree=\(s.u64(24)), "
            + "f_bavail=\(s.u64(32)), f_files=\(s.u64(40)), f_ffree=\(s.u64(48)), "
            + "f_fsid={val=[\(StraceText.hex(UInt64(s.u32(56)))), \(StraceText.hex(UInt64(s.u32(60))))]}, "
            + "f_namelen=\(s.i64(64)), f_frsize=\(s.i64(72)), "
            + "f_flags=\(FlagTables.statfsFlags.formatFlags(s.u64(80), style: style))}"
    }

    /// A dev_t as -X asks: `makedev(0x1, 0x3)`, `0x103`, `0x103 /* makedev(0x1, 0x3) */`.
    func device(_ dev: UInt64) -> String { style.spell(raw: StraceText.hex(dev), Self.makedev(dev)) }

    /// `makedev(0x88, 0)` from a dev_t in glibc's 64-bit encoding.
    static func makedev(_ dev: UInt64) -> String {
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))
        let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
        return "makedev(\(StraceText.hex(major)), \(StraceText.hex(minor)))"
    }

    /// Directory entries at the buffer: strace prints only how many there are.
    func dirents(_ address: UInt64) -> String? {
        guard let length = success else { return nil }
        if !abbreviated { return direntList(address, length: Int(min(length, 1 << 20))) }
        var count = 0
        if length > 0 {
            guard let bytes = memory.read(address, count: Int(min(length, 1 << 20))) else { return nil }
            let records = StructBytes(bytes: bytes)
            var offset = 0
            // d_reclen sits at offset 16 in both linux_dirent and linux_dirent64.
            while offset + 18 <= bytes.count {
                let reclen = Int(records.u16(offset + 16))
                if reclen == 0 { break }
                count += 1
                offset += reclen
            }
        }
        return "\(StraceText.pointer(address)) /* \(count) entries */"
    }

    /// -v: every entry, `[{d_ino=2, d_off=..., d_reclen=24, d_type=DT_DIR, d_name="."}, ...]`
    /// (getdents puts d_type after the name, as in its record).
    func direntList(_ address: UInt64, length: Int) -> String? {
        guard length > 0 else { return "[]" }
        guard let bytes = memory.read(address, count: length) else { return nil }
        let records = StructBytes(bytes: bytes)
        let is64 = SyscallTable.name(event.number) == "getdents64"
        let nameOffset = is64 ? 19 : 18
        var items: [String] = []
        var offset = 0
        while offset + nameOffset <= bytes.count {
            let reclen = Int(records.u16(offset + 16))
            guard reclen > nameOffset, offset + reclen <= bytes.count else { break }
            let type = is64 ? records.u8(offset + 18) : records.u8(offset + reclen - 1)
            let name = bytes[(offset + nameOffset)..<(offset + reclen)].prefix { $0 != 0 }
            let typeText = FlagTables.direntType.formatValue(UInt64(type), style: style)
            let nameText = "d_name=" + StraceText.quote(name, inHex: stringsInHex)
            items.append("{d_ino=\(records.u64(offset)), d_off=\(records.u64(offset + 8)), d_reclen=\(reclen), "
                         + (is64 ? "d_type=\(typeText), \(nameText)}" : "\(nameText), d_type=\(typeText)}"))
            offset += reclen
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    // MARK: time and resources

    func timespec(_ s: StructBytes, _ offset: Int) -> String {
        // strace prints tv_nsec unsigned.
        "{tv_sec=\(s.i64(offset)), tv_nsec=\(s.u64(offset + 8))}"
    }

    func timeval(_ s: StructBytes, _ offset: Int) -> String {
        // And tv_usec unsigned too (print_timeval.c).
        "{tv_sec=\(s.i64(offset)), tv_usec=\(s.u64(offset + 8))}"
    }

    func rlimit(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 16) else { return nil }
        // On x86-64 every rlimit is 64-bit: its infinity is RLIM64_INFINITY (strace's decode_rlimit).
        let infinity = "RLIM64_INFINITY"
        func limit(_ v: UInt64) -> String {
            if v == UInt64.max { return style.spell(raw: String(v), infinity) }
            return v > 1024 && v % 1024 == 0 ? style.spell(raw: String(v), "\(v / 1024)*1024") : String(v)
        }
        return "{rlim_cur=\(limit(s.u64(0))), rlim_max=\(limit(s.u64(8)))}"
    }

    func rusage(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 144) else { return nil }
        let times = "{ru_utime=\(timeval(s, 0)), ru_stime=\(timeval(s, 16))"
        guard !abbreviated else { return times + ", ...}" }
        let names = ["maxrss", "ixrss", "idrss", "isrss", "minflt", "majflt", "nswap", "inblock", "oublock",
                     "msgsnd", "msgrcv", "nsignals", "nvcsw", "nivcsw"]
        // strace prints them unsigned (PRINT_FIELD_U).
        return times + names.enumerated().map { ", ru_\($0.element)=\(s.u64(32 + 8 * $0.offset))" }.joined() + "}"
    }

    func utsname(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 390) else { return nil }
        func field(_ offset: Int) -> String {
            let raw = s.bytes[offset..<offset + 65]
            return StraceText.quote(raw.prefix { $0 != 0 }, inHex: stringsInHex)
        }
        guard !abbreviated else { return "{sysname=\(field(0)), nodename=\(field(65)), ...}" }
        return "{sysname=\(field(0)), nodename=\(field(65)), release=\(field(130)), version=\(field(195)), "
            + "machine=\(field(260)), domainname=\(field(325))}"
    }

    func sysinfo(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 112) else { return nil }
        return "{uptime=\(s.i64(0)), loads=[\(s.u64(8)), \(s.u64(16)), \(s.u64(24))], "
            + "totalram=\(s.u64(32)), freeram=\(s.u64(40)), sharedram=\(s.u64(48)), "
            + "bufferram=\(s.u64(56)), totalswap=\(s.u64(64)), freeswap=\(s.u64(72)), "
            + "procs=\(s.u16(80)), totalhigh=\(s.u64(88)), freehigh=\(s.u64(96)), mem_unit=\(s.u32(104))}"
    }

    /// A clock_t with its seconds in a comment, as strace's print_clock_t: `374 /* 3.74 s */`.
    func clockTicks(_ ticks: UInt64) -> String { StraceText.clockTicks(ticks, comment: style != .raw) }

    // MARK: signals

    /// A sigsetsize outside [wordsize, 8] is the address, as strace prints it; rt_sigpending
    /// alone accepts shorter sets (the kernel's sigpending shares its code).
    func sigset(_ address: UInt64, size: UInt64) -> String? {
        // strace's print_sigset_addr_len: a size other than the kernel's sigset (8 bytes:
        // between the word size and NSIG_BYTES) prints as the address; rt_sigpending's set is
        // printed as far as its size goes.
        let partial = SyscallTable.entry(event.number)?.name == "rt_sigpending"
        guard size == 8 || (partial && size > 0) else { return nil }
        guard let bytes = memory.read(address, count: Int(min(size, 8))) else { return nil }
        return Self.signalSet(bytes, style: style)
    }

    /// `[TERM CHLD]`, or `~[RTMIN RT_1]` when two thirds or more of the signals are in the set.
    static func signalSet(_ bytes: [UInt8], style: ConstStyle = .abbrev) -> String {
        let words = (bytes.count + 3) / 4
        let bitCount = words * 32
        var mask: UInt64 = 0
        for (i, b) in bytes.prefix(8).enumerated() { mask |= UInt64(b) << (8 * i) }
        var prefix = "["
        if mask.nonzeroBitCount >= bitCount * 2 / 3 {
            mask = ~mask & (bitCount == 64 ? UInt64.max : (UInt64(1) << bitCount) - 1)
            prefix = "~["
        }
        var names: [String] = []
        for bit in 0..<bitCount where mask & (UInt64(1) << bit) != 0 {
            let number = bit + 1
            let name = number == 32 ? "RTMIN"
                : number > 32 ? "RT_\(number - 32)"
                : String(FlagTables.signalName(number).dropFirst(3))
            names.append(style.spell(raw: String(number), name))
        }
        return prefix + names.joined(separator: " ") + "]"
    }

    func sigaction(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 32) else { return nil }
        let handler = s.u64(0)
        let flags = s.u64(8)
        let handlerText = FlagTables.signalHandlers.name(of: handler).map { style.spell(raw: StraceText.hex(handler), $0) }
            ?? StraceText.pointer(handler)
        var text = "{sa_handler=\(handlerText), "
            + "sa_mask=\(Self.signalSet(Array(s.bytes[24..<32]), style: style)), "
            + "sa_flags=\(FlagTables.sigactionFlags.formatFlags(flags, style: style))"
        if flags & 0x04000000 != 0 { text += ", sa_restorer=\(StraceText.pointer(s.u64(16)))" }
        return text + "}"
    }

    func stack(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 24) else { return nil }
        return "{ss_sp=\(StraceText.pointer(s.u64(0))), "
            + "ss_flags=\(FlagTables.sigaltstackFlags.formatFlags(UInt64(s.u32(8)), style: style)), ss_size=\(s.u64(16))}"
    }

    /// A wait status as strace spells it: `{WIFEXITED(s) && WEXITSTATUS(s) == 0}`.
    static func waitStatus(_ status: UInt32) -> String {
        if status & 0x7f == 0 {
            return "{WIFEXITED(s) && WEXITSTATUS(s) == \((status >> 8) & 0xff)}"
        }
        if status & 0xff == 0x7f {
            var text = "{WIFSTOPPED(s) && WSTOPSIG(s) == \(FlagTables.signalName(Int((status >> 8) & 0xff)))"
            if status >> 16 != 0 { text += " && status>>16 == \(StraceText.hex(UInt64(status >> 16)))" }
            return text + "}"
        }
        if status == 0xffff { return "{WIFCONTINUED(s)}" }
        let core = status & 0x80 != 0 ? " && WCOREDUMP(s)" : ""
        return "{WIFSIGNALED(s) && WTERMSIG(s) == \(FlagTables.signalName(Int(status & 0x7f)))\(core)}"
    }

    // MARK: processes

    /// `["ls", "-la"]`: at most -s strings, each cut at -s.
    func argv(_ address: UInt64) -> String? {
        var items: [String] = []
        var slot = address
        while true {
            guard let p = readStruct(slot, size: 8)?.u64(0) else {
                // strace names where the array stopped being readable.
                return items.isEmpty ? nil : "[" + items.joined(separator: ", ") + ", ... /* \(StraceText.pointer(slot)) */]"
            }
            if p == 0 { break }
            if abbreviated && items.count >= stringLimit {
                items.append("...")
                break
            }
            items.append(cString(p, limit: stringLimit))
            slot &+= 8
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    /// `0x7ffe... /* 20 vars */`: strace counts the environment instead of printing it (but
    /// under -v, where it prints it as argv).
    func envp(_ address: UInt64) -> String? {
        guard abbreviated else { return argv(address) }
        var count = 0
        var slot = address
        // Bounded, so a corrupt array cannot make one line take forever.
        var terminated = false
        while count < 1 << 20, let p = readStruct(slot, size: 8)?.u64(0) {
            if p == 0 { terminated = true; break }
            count += 1
            slot &+= 8
        }
        // Nothing readable: the address alone; cut short: how many before the fault.
        if !terminated && count == 0 { return StraceText.pointer(address) }
        return "\(StraceText.pointer(address)) /* \(count) var\(count == 1 ? "" : "s")\(terminated ? "" : ", unterminated") */"
    }

    /// clone3's set_tid: an int array of at most 32, else its address, as strace prints it.
    private func setTids(_ address: UInt64, count: UInt64) -> String {
        guard address != 0, count > 0, count <= 32 else { return StraceText.pointer(address) }
        var items: [String] = []
        for i in 0..<Int(count) {
            if abbreviated && i >= stringLimit { items.append("..."); break }
            guard let v = readStruct(address &+ UInt64(4 * i), size: 4) else {
                if i == 0 { return StraceText.pointer(address) }
                items.append("... /* \(StraceText.pointer(address &+ UInt64(4 * i))) */"); break
            }
            items.append(String(v.i32(0)))
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    func cloneArgs(_ address: UInt64, size: UInt64) -> String? {
        guard size >= 64, let s = readStruct(address, size: Int(min(size, 88))) else { return nil }
        let flags = s.u64(0)
        var fields = ["flags=\(FlagTables.clone3.formatFlags(flags, style: style))"]
        if flags & 0x1000 != 0 { fields.append("pidfd=\(StraceText.pointer(s.u64(8)))") }
        if flags & 0x1200000 != 0 { fields.append("child_tid=\(StraceText.pointer(s.u64(16)))") }
        if flags & 0x100000 != 0 { fields.append("parent_tid=\(StraceText.pointer(s.u64(24)))") }
        let exitSignal = s.u64(32)
        // A value no signal has prints as the unsigned number, as strace prints it.
        fields.append("exit_signal=\(exitSignal == 0 ? "0" : exitSignal > 64 ? String(exitSignal) : signal(Int(exitSignal)))")
        fields.append("stack=\(StraceText.pointer(s.u64(40)))")
        fields.append("stack_size=\(StraceText.hex(s.u64(48)))")
        if flags & 0x80000 != 0 { fields.append("tls=\(StraceText.pointer(s.u64(56)))") }
        if s.bytes.count >= 80, s.u64(64) != 0 || s.u64(72) != 0 {
            fields.append("set_tid=" + setTids(s.u64(64), count: s.u64(72)))
            fields.append("set_tid_size=\(s.u64(72))")
        }
        if s.bytes.count >= 88, s.u64(80) != 0 || flags & 0x200000000 != 0 { fields.append("cgroup=\(s.u64(80))") }
        if let tail = cloneArgsTail(address, size: size) { fields.append(tail) }
        var text = "{" + fields.joined(separator: ", ") + "}"
        // What the kernel wrote back (pidfd, parent_tid), and the tail again, as strace prints them.
        if succeeded {
            var changed: [String] = []
            if flags & 0x1000 != 0 {
                changed.append("pidfd=" + (readStruct(s.u64(8), size: 4).map { "[\(descriptor(UInt64(UInt32(bitPattern: $0.i32(0))), afterCall: true))]" } ?? StraceText.pointer(s.u64(8))))
            }
            if flags & 0x100000 != 0 {
                changed.append("parent_tid=" + (readStruct(s.u64(24), size: 4).map { "[\($0.i32(0))]" } ?? StraceText.pointer(s.u64(24))))
            }
            if let tail = cloneArgsTail(address, size: size) { changed.append(tail) }
            if !changed.isEmpty { text += " => {" + changed.joined(separator: ", ") + "}" }
        }
        return text
    }

    /// Bytes past the known clone_args (up to a page): `???` unreadable, nothing when zero.
    private func cloneArgsTail(_ address: UInt64, size: UInt64) -> String? {
        guard size > 88 else { return nil }
        let end = min(size, 4096)
        guard let tail = memory.read(address &+ 88, count: Int(end - 88)) else { return "???" }
        guard tail.contains(where: { $0 != 0 }) else { return nil }
        let shown = tail.prefix(stringLimit)
        return "/* bytes 88..\(end - 1) */ " + StraceText.quote(Array(shown), inHex: .all) + (shown.count < tail.count ? "..." : "")
    }

    // MARK: sockets

    static func ipv6Text(_ address: [UInt8]) -> String {
        var text = [CChar](repeating: 0, count: 64)
        let ok = address.withUnsafeBytes { raw in
            inet_ntop(AF_INET6, raw.baseAddress, &text, socklen_t(text.count)) != nil
        }
        guard ok else { return "?" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: arrays and sets

    /// `[{iov_base="hello\n", iov_len=6}]`; for output, the bytes shown stop at the result.
    /// `available`: the bytes an output holds (the call's result unless given).
    /// `netlink`: the buffers are netlink messages of that protocol (nil: bytes).
    /// `addressesOnly`: the buffers as their addresses (strace's IOV_DECODE_ADDR).
    func iovecs(_ address: UInt64, count: UInt64, output: Bool, available: UInt64? = nil, netlink: Int?? = nil, addressesOnly: Bool = false) -> String? {
        guard count > 0 else { return "[]" }
        guard !count.multipliedReportingOverflow(by: 16).overflow, !address.addingReportingOverflow(count &* 16).overflow else { return nil }
        // What a failed read left is not data: its buffers print as addresses (strace's IOV_DECODE_ADDR).
        let addressesOnly = addressesOnly || (output && available == nil && !succeeded)
        var remaining = available ?? UInt64(clamping: success ?? 0)
        var items: [String] = []
        // Element by element, as strace's print_array: one that cannot be read ends the list.
        for i in 0..<min(count, 1 << 20) {
            let at = address &+ i &* 16
            guard let entry = readStruct(at, size: 16) else {
                if i == 0 { return nil }
                items.append("... /* " + StraceText.pointer(at) + " */")
                break
            }
            if abbreviated && i >= UInt64(stringLimit) {
                items.append("...")
                break
            }
            let base = entry.u64(0)
            let length = entry.u64(8)
            var shown = length
            if output {
                shown = min(length, remaining)
                remaining -= shown
            }
            let data = addressesOnly ? StraceText.pointer(base)
                : netlink.map { NetlinkPrinter(decoder: self, family: $0).messages(base, shown) } ?? buffer(base, length: shown)
            items.append("{iov_base=\(data), iov_len=\(length)}")
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    /// `[{fd=0, events=POLLIN}]`; `field` is "events" at entry (a negative descriptor without
    /// its events, which the kernel ignores), "revents" for the result (only the ready ones).
    /// Element by element as strace's print_array: one that cannot be read ends the list with
    /// its address; nil when not even the first can.
    func pollfds(_ address: UInt64, count: UInt64, field: String, onlyReady: Bool = false) -> String? {
        let n = min(count, UInt64(UInt32.max))
        guard n > 0 else { return "[]" }
        let (_, overflow) = address.addingReportingOverflow(n &* 8)
        guard !overflow else { return nil }
        var items: [String] = []
        var shown = 0
        for i in 0..<n {
            let at = address &+ i &* 8
            guard let entry = readStruct(at, size: 8) else {
                if i == 0 && !onlyReady { return nil }
                items.append(onlyReady ? StraceText.pointer(at) : "... /* " + StraceText.pointer(at) + " */")
                break
            }
            let fd = entry.i32(0)
            let events = UInt64(entry.u16(field == "events" ? 4 : 6))
            if onlyReady && events == 0 { continue }
            if abbreviated && shown >= stringLimit {
                items.append("...")
                break
            }
            shown += 1
            if onlyReady {
                items.append("{fd=\(fd), revents=\(FlagTables.pollEvents.formatFlags(events, style: style))}")
            } else {
                let name = descriptor(UInt64(UInt32(bitPattern: fd)))
                items.append(fd < 0 ? "{fd=\(name)}" : "{fd=\(name), events=\(FlagTables.pollEvents.formatFlags(events, style: style))}")
            }
        }
        return items.isEmpty ? nil : "[" + items.joined(separator: ", ") + "]"
    }

    /// The fds in an fd_set below nfds: `[0 2]`.
    func fdSet(_ address: UInt64, nfds: Int) -> String? {
        // No descriptors (nfds <= 0, which the kernel refuses when negative): the address.
        let fds = min(nfds, 1 << 20)
        guard fds > 0, let set = memory.read(address, count: (fds + 63) / 64 * 8) else { return nil }
        return "[" + Self.setBits(set, below: fds).map(String.init).joined(separator: " ") + "]"
    }

    func cpuSet(_ address: UInt64, size: UInt64) -> String? {
        let n = Int(min(size, 8192))
        guard let set = n == 0 ? [] : memory.read(address, count: n) else { return nil }
        return "[" + Self.setBits(set, below: n * 8).map(String.init).joined(separator: " ") + "]"
    }

    static func setBits(_ bytes: [UInt8], below limit: Int) -> [Int] {
        var bits: [Int] = []
        for (i, b) in bytes.enumerated() where b != 0 {
            for bit in 0..<8 where b & (1 << bit) != 0 && i * 8 + bit < limit {
                bits.append(i * 8 + bit)
            }
        }
        return bits
    }

    // MARK: locks (fcntl)

    /// struct flock; `withPid` for F_GETLK's answer.
    func flock(_ address: UInt64, withPid: Bool) -> String? {
        guard let s = readStruct(address, size: 32) else { return nil }
        let type = UInt64(UInt16(bitPattern: Int16(bitPattern: s.u16(0))))
        var text = "{l_type=\(FlagTables.lockType.formatValue(type, style: style)), "
            + "l_whence=\(FlagTables.seekWhence.formatValue(UInt64(s.u16(2)), style: style)), "
            + "l_start=\(s.i64(8)), l_len=\(s.i64(16))"
        if withPid { text += ", l_pid=\(s.i32(24))" }
        return text + "}"
    }
}
