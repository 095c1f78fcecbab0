// Calls whose arguments depend on each other (an fcntl command choosing the type of its
// argument, open's mode only with O_CREAT...), or whose result strace annotates.

#if canImport(Glibc)
import Glibc
#endif

/// Arguments already formatted, and how to print the result.
struct DecodedCall {
    var args: [String]
    /// Replaces the table's return kind (fcntl F_GETFL returns hex).
    var returns: ReturnKind?
    /// Printed after a successful result: `0x1 (flags FD_CLOEXEC)`, `0 (Timeout)`.
    var comment: String?

    init(_ args: [String], returns: ReturnKind? = nil, comment: String? = nil) {
        self.args = args
        self.returns = returns
        self.comment = comment
    }
}

extension ArgumentDecoder {
    /// The call decoded by a decoder of its own, or nil when the table's signature says all.
    func decodeSpecial(_ name: String) -> DecodedCall? {
        if let ipc = decodeIpc(name) { return ipc }
        if let aio = aioCall(name) { return aio }
        switch name {
        case "open": return open(pathArg: 0)
        case "openat": return open(pathArg: 1)
        case "mknod": return mknod(pathArg: 0)
        case "mknodat": return mknod(pathArg: 1)
        case "mbind", "set_mempolicy", "get_mempolicy", "migrate_pages", "move_pages": return numaCall(name)!
        case "sethostname":
            // A name longer than the kernel's __NEW_UTS_LEN (64) prints as its address (hostname.c).
            let length = UInt32(truncatingIfNeeded: arg(1))
            return DecodedCall([length > 64 ? StraceText.pointer(arg(0)) : buffer(arg(0), length: UInt64(length)), String(length)])
        case "setxattr", "lsetxattr", "fsetxattr":
            // A value larger than XATTR_SIZE_MAX (65536) prints as its address; one trailing NUL
            // is left out (xattr.c, QUOTE_OMIT_TRAILING_0).
            var call = decodeByModel(signature())
            if call.args.count > 2, arg(2) != 0 {
                if arg(3) > 65536 {
                    call.args[2] = StraceText.pointer(arg(2))
                } else if arg(3) > 0, dereferenced, let last = memory.read(arg(2) &+ arg(3) &- 1, count: 1), last == [0] {
                    call.args[2] = buffer(arg(2), length: arg(3) - 1)
                }
            }
            return call
        case "listxattr", "llistxattr", "flistxattr":
            // The list only when there was room and the call succeeded (print_xattr_list).
            var call = decodeByModel(signature())
            if call.args.count > 1, arg(2) == 0 || !succeeded { call.args[1] = StraceText.pointer(arg(1)) }
            return call
        case "pidfd_getfd": return decodeByModel(signature())  // targetfd named by the result
        case "ustat":
            return DecodedCall([device(UInt64(UInt32(truncatingIfNeeded: arg(0)))), StraceText.pointer(arg(1))])
        case "mmap": return mmap(flagsAt: 3)
        case "remap_file_pages": return mmap(flagsAt: 4)
        case "mremap": return mremap()
        case "personality": return personality()
        case "fcntl": return fcntl()
        case "ioprio_set", "ioprio_get": return ioprio(set: name == "ioprio_set")
        case "ioctl": return ioctl()
        case "prctl": return prctl()
        case "keyctl": return keyctl()
        case "bpf": return bpf()
        case "io_uring_setup": return ioUringSetup()
        case "io_uring_enter": return ioUringEnter()
        case "io_uring_register": return ioUringRegister()
        case "add_key": return addKey()
        case "request_key": return requestKey()
        case "arch_prctl": return archPrctl()
        case "futex": return futex()
        case "reboot": return reboot()
        case "sched_setattr": return schedSetattr()
        case "swapon": return swapon()
        case "clone": return clone()
        case "rt_sigreturn": return sigreturn()
        case "socket", "socketpair": return socket(name)
        case "setsockopt", "getsockopt": return socketOption(name)
        case "getgroups", "setgroups": return groups(name)
        case "poll", "ppoll": return poll(name)
        case "select", "pselect6": return select(name)
        case "time": return time()
        case "syslog": return syslog()
        case "openat2": return openat2()
        case "fsconfig": return fsconfig()
        case "mount_setattr": return mountSetattr()
        case "preadv2", "pwritev2":
            // The offset's high half (argument 4) is not shown; the flags are the sixth argument.
            var call = decodeByModel(Array(signature().prefix(4)))
            call.args.append(FlagTables.rwfFlags.formatFlags(UInt64(UInt32(truncatingIfNeeded: arg(5))), style: style))
            return call
        case "sendfile":
            var call = decodeByModel(signature())
            if call.args.count > 2 { call.args[2] = sendfileOffset(arg(2)) }
            return call
        case "fanotify_mark":
            // A dirfd of -1 is FAN_NOFD.
            var call = decodeByModel(signature())
            if call.args.count > 3, Int32(truncatingIfNeeded: arg(3)) == -1 { call.args[3] = style.spell(raw: "-1", "FAN_NOFD") }
            return call
        case "landlock_create_ruleset": return landlockCreateRuleset()
        case "memfd_create":
            // strace's bound: MFD_NAME_MAX_LEN + 1 (250) bytes, as the kernel's strnlen_user.
            var call = decodeByModel(signature())
            call.args[0] = boundedString(arg(0), limit: 250)
            if call.args.count > 1 { call.args[1] = memfdFlags(UInt32(truncatingIfNeeded: arg(1))) }
            return call
        case "quotactl", "quotactl_fd": return quotactl(descriptor: name == "quotactl_fd")
        case "mount": return mount()
        // strace has no decoder of its own for sysfs: its three arguments in hex.
        case "sysfs": return DecodedCall((0..<3).map { StraceText.hex(arg($0)) })
        // The kernel reads an int and keeps its permission bits; strace prints it as a 16-bit
        // umode_t: umask(0xffff0022) is umask(042).
        case "umask": return DecodedCall([StraceText.octal(UInt64(UInt16(truncatingIfNeeded: arg(0))))], returns: .octal)
        case "capget", "capset":
            var call = decodeByModel(SyscallTable.signature(event.number))
            if call.args.count > 1 { call.args[1] = capabilityData() ?? call.args[1] }
            return call
        case "sendmsg", "recvmsg": return messageCall(receiving: name == "recvmsg")
        case "sendmmsg", "recvmmsg": return multipleMessageCall(receiving: name == "recvmmsg")
        case "sched_getattr": return schedGetattr()
        case "wait4":
            // WNOHANG with no child ready: the kernel wrote no rusage, strace prints its address.
            var call = decodeByModel(signature())
            if success == 0, call.args.count > 3 { call.args[3] = StraceText.pointer(arg(3)) }
            return call
        case "utimensat": return utimensat()
        case "utimes", "utime": return utimes(timesArgument: 1)
        case "futimesat": return utimes(timesArgument: 2)
        case "mq_open": return mqOpen()
        case "mq_getsetattr": return mqGetsetattr()
        case "mincore": return mincore()
        case "membarrier": return membarrier()
        case "modify_ldt":
            // strace reads a struct user_desc whenever bytecount is its size, whatever the
            // function (read_ldt's buffer before the call included); otherwise the address.
            let ptr = arg(1) == 0 ? "NULL" : arg(2) == 16 ? userDesc(at: arg(1)) : StraceText.pointer(arg(1))
            return DecodedCall([StraceText.int(arg(0)), ptr, StraceText.ulong(arg(2))])
        case "get_thread_area":
            // strace reads only entry_number at entry and the rest after a success; after an
            // error (always ENOSYS on x86-64) `{entry_number=N, ...}`.
            guard arg(0) != 0 else { return DecodedCall(["NULL"]) }
            guard dereferenced, let head = readStructAtEntry(arg(0), size: 4) else { return DecodedCall([StraceText.pointer(arg(0))]) }
            if succeeded { return DecodedCall([userDesc(at: arg(0))]) }
            let entry = head.u32(0)
            return DecodedCall(["{entry_number=\(entry == UInt32.max ? "-1" : String(entry)), ...}"])
        case "restart_syscall": return DecodedCall(["<... resuming interrupted call ...>"])
        default: return nil
        }
    }

    /// The arguments as the signature describes them.
    func generic(_ kinds: [ArgKind], upTo count: Int? = nil) -> [String] {
        kinds.prefix(count ?? kinds.count).enumerated().map { format($0.element, at: $0.offset) }
    }

    private func signature() -> [ArgKind] { SyscallTable.signature(event.number) }

    // MARK: files

    /// open/openat: the mode is only passed (and shown) when a file may be created.
    private func open(pathArg: Int) -> DecodedCall {
        let flags = arg(pathArg + 1)
        let createsFile = flags & (0o100 | 0o20000000) != 0  // O_CREAT, __O_TMPFILE
        return DecodedCall(generic(signature(), upTo: pathArg + (createsFile ? 3 : 2)))
    }

    /// mknod/mknodat: the device number only for character and block devices.
    private func mknod(pathArg: Int) -> DecodedCall {
        var args = generic(signature(), upTo: pathArg + 2)
        let type = UInt32(truncatingIfNeeded: arg(pathArg + 1)) & 0o170000
        if type == 0o20000 || type == 0o60000 {
            let dev = UInt64(UInt32(truncatingIfNeeded: arg(pathArg + 2)))
            // The kernel's 32-bit dev_t encoding: 12-bit major, 20-bit minor.
            let major = (dev >> 8) & 0xfff
            let minor = (dev & 0xff) | ((dev >> 12) & 0xfff00)
            args.append("makedev(\(StraceText.hex(major)), \(StraceText.hex(minor)))")
        }
        return DecodedCall(args)
    }

    // MARK: memory

    /// mmap, remap_file_pages: the MAP_HUGE_* page size field prints as `N<<MAP_HUGE_SHIFT`
    /// (strace's print_mmap_flags).
    private func mmap(flagsAt index: Int) -> DecodedCall {
        var args = generic(signature())
        let flags = arg(index)
        let hugeBits = FlagTables.mapHugeMask << FlagTables.mapHugeShift
        let huge = (flags & hugeBits) >> FlagTables.mapHugeShift
        if huge != 0, index < args.count {
            let named = FlagTables.mmap.formatFlags(flags & ~hugeBits, style: .abbrev) + "|\(huge)<<MAP_HUGE_SHIFT"
            args[index] = style.spell(raw: StraceText.hex(flags), named)
        }
        return DecodedCall(args)
    }

    /// mremap: the new address only matters (and is shown) with MREMAP_FIXED.
    private func mremap() -> DecodedCall {
        DecodedCall(generic(signature(), upTo: arg(3) & 2 != 0 ? 5 : 4))
    }

    // MARK: descriptors

    private func fcntl() -> DecodedCall {
        let command = UInt32(truncatingIfNeeded: arg(1))
        var args = [descriptor(arg(0)), FlagTables.fcntlCommand.formatValue(UInt64(command), style: style)]
        let value = arg(2)
        switch command {
        case 1, 3, 9, 11, 1025, 1032, 1034:  // F_GETFD, F_GETFL, F_GETOWN, F_GETSIG, F_GETLEASE...
            break
        case 2: args.append(FlagTables.fdFlags.formatFlags(value, style: style))  // F_SETFD
        case 4: args.append(FlagTables.open.formatFlags(value, style: style))  // F_SETFL
        case 0, 8, 1030, 1031: args.append(StraceText.int(value))  // F_DUPFD, F_SETOWN, F_DUPFD_CLOEXEC, F_SETPIPE_SZ
        case 10: args.append(signal(Int(Int32(truncatingIfNeeded: value))))  // F_SETSIG
        case 6, 7, 37, 38:  // F_SETLK, F_SETLKW, F_OFD_SETLK, F_OFD_SETLKW
            args.append(flock(value, withPid: false) ?? StraceText.pointer(value))
        case 5, 36:  // F_GETLK, F_OFD_GETLK
            args.append(succeeded ? flock(value, withPid: true) ?? StraceText.pointer(value) : StraceText.pointer(value))
        case 1024: args.append(FlagTables.lockType.formatValue(UInt64(UInt32(truncatingIfNeeded: value)), style: style))  // F_SETLEASE
        case 1033: args.append(FlagTables.sealFlags.formatFlags(value, style: style))  // F_ADD_SEALS
        case 1026: args.append(FlagTables.dnotifyFlags.formatFlags(UInt64(UInt32(truncatingIfNeeded: value)), style: style))  // F_NOTIFY
        case 15, 16:  // F_SETOWN_EX, F_GETOWN_EX: struct f_owner_ex
            let owner = readStruct(value, size: 8).map { "{type=\(FlagTables.fOwnerType.formatValue(UInt64($0.u32(0)), style: style)), pid=\($0.i32(4))}" }
            args.append(value == 0 ? "NULL" : command == 16 && !succeeded ? StraceText.pointer(value) : owner ?? StraceText.pointer(value))
        default: args.append(StraceText.hex(value))
        }
        guard let result = success else { return DecodedCall(args) }
        let bits = UInt64(bitPattern: result)
        switch command {
        case 1 where result != 0:  // F_GETFD
            return DecodedCall(args, returns: .hex, comment: "flags " + FlagTables.fdFlags.formatFlags(bits))
        case 3:  // F_GETFL
            return DecodedCall(args, returns: .hex, comment: "flags " + FlagTables.open.formatFlags(bits))
        case 1034:  // F_GET_SEALS
            return DecodedCall(args, returns: .hex, comment: "seals " + FlagTables.sealFlags.formatFlags(bits))
        case 1025:  // F_GETLEASE: the lock type
            return DecodedCall(args, returns: .hex, comment: FlagTables.lockType.formatValue(bits, style: .abbrev))
        case 11 where result != 0:  // F_GETSIG
            return DecodedCall(args, comment: signal(Int(Int32(truncatingIfNeeded: result))))
        case 0, 1030:  // F_DUPFD, F_DUPFD_CLOEXEC: a new descriptor
            return DecodedCall(args, returns: .fd)
        default:
            return DecodedCall(args)
        }
    }

    /// ioprio_set/ioprio_get: the priority as IOPRIO_PRIO_VALUE(class, data), in the argument
    /// and as the result's comment.
    private func ioprio(set: Bool) -> DecodedCall {
        let which = FlagTables.ioprioWho.formatValue(UInt64(UInt32(truncatingIfNeeded: arg(0))), style: style)
        var args = [which, String(Int32(truncatingIfNeeded: arg(1)))]
        if set {
            let value = Int32(truncatingIfNeeded: arg(2))
            let decoded = Self.ioprioValue(UInt32(bitPattern: value), style: style == .verbose ? .raw : style)
            switch style {
            case .raw: args.append(String(value))
            case .verbose: args.append("\(value) /* \(decoded) */")
            default: args.append(decoded)
            }
            return DecodedCall(args)
        }
        guard let r = success, r >= 0, style != .raw else { return DecodedCall(args) }
        return DecodedCall(args, comment: Self.ioprioValue(UInt32(truncatingIfNeeded: r), style: style))
    }

    /// `IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)`: the class in the top 3 bits, data in the low 13.
    static func ioprioValue(_ value: UInt32, style: ConstStyle) -> String {
        let classes = NameTable(unknown: "IOPRIO_CLASS_???", [(0, "IOPRIO_CLASS_NONE"), (1, "IOPRIO_CLASS_RT"), (2, "IOPRIO_CLASS_BE"), (3, "IOPRIO_CLASS_IDLE")])
        let cls = style == .raw ? (value >> 13 == 0 ? "0" : StraceText.hex(UInt64(value >> 13))) + ((value >> 13) < 4 ? " /* \(classes.formatValue(UInt64(value >> 13), style: .abbrev)) */" : " /* IOPRIO_CLASS_??? */")
            : classes.formatValue(UInt64(value >> 13), style: style)
        return "IOPRIO_PRIO_VALUE(\(cls), \(value & 0x1fff))"
    }

    /// ioctl: the request by name, the argument as its family's decoder prints it (IoctlDecoders).
    private func ioctl() -> DecodedCall {
        let request = UInt32(truncatingIfNeeded: arg(1))
        return ioctlFamily(request, [descriptor(arg(0)), ioctlRequest(UInt64(request))])
    }

    /// The request as strace spells it: its number (-X raw), its names, or both (-X verbose).
    private func ioctlRequest(_ request: UInt64) -> String {
        style.spell(raw: StraceText.hex(request), Self.ioctlName(request, verbose: style == .verbose))
    }

    /// A known request's names (after the name strace builds from some numbers:
    /// `MIXER_READ(17) or ECCGETLAYOUT`), else its fields: `_IOC(_IOC_READ, 0x54, 0x1, 0x4)`.
    static func ioctlName(_ request: UInt64, verbose: Bool = false) -> String {
        let code = UInt32(truncatingIfNeeded: request)
        let built = IoctlNumbers.builtName(code, verbose: verbose)
        if let names = IoctlNames.joined[UInt64(code)] { return built.map { $0 + " or " + names } ?? names }
        if let built { return built }
        let direction = FlagTables.ioctlDirection.formatValue(UInt64(code >> 30))
        return "_IOC(\(direction), \(StraceText.hex(UInt64(code >> 8) & 0xff)), "
            + "\(StraceText.hex(UInt64(code) & 0xff)), \(StraceText.hex(UInt64(code >> 16) & 0x3fff)))"
    }

    // MARK: processes

    /// personality: 0xffffffff only queries; the result is the previous persona, named.
    private func personality() -> DecodedCall {
        let persona = UInt32(truncatingIfNeeded: arg(0))
        let shown = persona == 0xffff_ffff ? StraceText.hex(UInt64(persona)) : Self.persona(UInt64(persona), style: style)
        return DecodedCall([shown], returns: .hex, comment: success.map { Self.persona(UInt64(bitPattern: $0), style: style) })
    }

    /// `PER_LINUX|ADDR_NO_RANDOMIZE`: the execution domain in the low byte, then flags.
    static func persona(_ v: UInt64, style: ConstStyle = .abbrev) -> String {
        let domain = FlagTables.personalityDomain.formatValue(v & 0xff, style: style)
        let flags = v & ~0xff
        if flags == 0 { return domain }
        // strace's printflags without a default: bits no flag names are plain hex, no comment.
        let named = FlagTables.personalityFlags.entries.reduce(UInt64(0)) { $0 | $1.value }
        if flags & named == 0 { return domain + "|" + StraceText.hex(flags) }
        return domain + "|" + FlagTables.personalityFlags.formatFlags(flags, style: style)
    }

    private func archPrctl() -> DecodedCall {
        let code = UInt64(UInt32(truncatingIfNeeded: arg(0)))
        let name = FlagTables.archPrctl.formatValue(code, style: style)
        let value = arg(1)
        switch code {
        case 0x1011:  // ARCH_GET_CPUID takes no argument
            return DecodedCall([name])
        case 0x1003, 0x1004:  // ARCH_GET_FS, ARCH_GET_GS: the kernel writes the base
            let base = succeeded ? readStruct(value, size: 8).map { "[\(StraceText.pointer($0.u64(0)))]" } : nil
            return DecodedCall([name, base ?? StraceText.pointer(value)])
        case 0x1021, 0x1022, 0x1024:  // ARCH_GET_XCOMP_SUPP, _PERM, _GUEST_PERM: a feature mask
            // strace spells the masks with their number whatever -X says, but -X raw.
            let mask = succeeded && dereferenced ? readStruct(value, size: 8).map {
                "[" + FlagTables.x86Xfeatures.formatFlags($0.u64(0), style: style == .raw ? .raw : .verbose) + "]"
            } : nil
            return DecodedCall([name, mask ?? StraceText.pointer(value)])
        case 0x1023, 0x1025:  // ARCH_REQ_XCOMP_PERM, _GUEST_PERM: a feature number; the result a mask
            let feature = FlagTables.x86XfeatureBits.formatValue(value, style: style == .raw ? .raw : .verbose)
            guard let r = success, r > 0 else { return DecodedCall([name, feature]) }
            return DecodedCall([name, feature], returns: .hex,
                               comment: style == .raw ? nil : Self.namedFlags(FlagTables.x86Xfeatures, UInt64(r)))
        default:
            return DecodedCall([name, StraceText.hex(value)])
        }
    }

    private func futex() -> DecodedCall {
        let op = UInt32(truncatingIfNeeded: arg(1))
        let command = UInt64(op & 0x7f)
        // printxval of the whole op: FUTEX_CLOCK_REALTIME only with the commands that take it.
        let opName = FlagTables.futexOperations.formatValue(UInt64(op), style: style)
        let val = StraceText.uint(arg(2))
        let val2 = StraceText.uint(arg(3))
        let timeout = structure(.timespec, at: arg(3), output: false)
        let uaddr2 = StraceText.pointer(arg(4))
        let val3 = UInt32(truncatingIfNeeded: arg(5))
        let bitset = val3 == 0xffff_ffff ? style.spell(raw: "0xffffffff", "FUTEX_BITSET_MATCH_ANY") : StraceText.hex(UInt64(val3))
        var args = [StraceText.pointer(arg(0)), opName]
        switch command {
        case 0: args += [val, timeout]  // FUTEX_WAIT
        case 6, 13: args += [timeout]  // FUTEX_LOCK_PI, FUTEX_LOCK_PI2
        case 9: args += [val, timeout, bitset]  // FUTEX_WAIT_BITSET
        case 10: args += [val, bitset]  // FUTEX_WAKE_BITSET
        case 3: args += [val, val2, uaddr2]  // FUTEX_REQUEUE
        case 4, 12: args += [val, val2, uaddr2, StraceText.uint(UInt64(val3))]  // FUTEX_CMP_REQUEUE(_PI)
        case 5: args += [val, val2, uaddr2, Self.futexWakeOp(val3, style: style)]  // FUTEX_WAKE_OP
        case 11: args += [val, timeout, uaddr2]  // FUTEX_WAIT_REQUEUE_PI
        case 1, 2: args += [val]  // FUTEX_WAKE, FUTEX_FD
        case 7, 8: break  // FUTEX_UNLOCK_PI, FUTEX_TRYLOCK_PI
        default: args += [val, StraceText.pointer(arg(3)), uaddr2, StraceText.hex(UInt64(val3))]
        }
        return DecodedCall(args)
    }

    /// reboot: the magic numbers and the command by name (the model's tables); the argument only
    /// for the command that reads it (LINUX_REBOOT_CMD_RESTART2), as strace's
    /// printstr_ex(arg, 255, QUOTE_0_TERMINATED): up to the model's limit and -s, `...` without a NUL there.
    private func reboot() -> DecodedCall {
        var call = decodeByModel(signature())
        guard let params = modelParameters, params.count > 3, case .pointer(let p) = params[3].type,
              case .string(let limit) = p.pointee, call.args.count > 3 else {
            return DecodedCall(Array(call.args.prefix(3)))
        }
        // printstr_ex reads min(len, -s + 1) bytes up to a NUL, all readable, and shows -s of
        // them: `...` when no NUL came within those.
        let size = min(limit, stringLimit + 1), shown = min(size, stringLimit), address = arg(3)
        guard address != 0 else { call.args[3] = "NULL"; return call }
        guard let (bytes, complete) = memory.readCString(address, max: size), complete || bytes.count == size else {
            call.args[3] = StraceText.pointer(address)
            return call
        }
        call.args[3] = StraceText.quote(bytes.prefix(shown), inHex: stringsInHex) + (complete && bytes.count < shown ? "" : "...")
        return call
    }

    /// sched_setattr: struct sched_attr as given (strace's print_sched_attr for a set: the size
    /// it says, the policy unless kept, the parameters unless kept, `...` past the known
    /// fields), then on E2BIG the size the kernel wrote back: `{size=1} => {size=56}`.
    private func schedSetattr() -> DecodedCall {
        var call = decodeByModel(signature())
        let address = arg(1)
        guard call.args.count > 1, address != 0, dereferenced else { return call }
        call.args[1] = schedAttrAsGiven(address)
        if event.result == -7, let now = readStruct(address, size: 4) { call.args[1] += " => {size=\(now.u32(0))}" }
        return call
    }

    private func schedAttrAsGiven(_ address: UInt64) -> String {
        let minimum: UInt64 = 48, known: UInt64 = 56, keepPolicy: UInt64 = 0x08, keepParams: UInt64 = 0x10
        guard let head = readStructAtEntry(address, size: 4) else { return StraceText.pointer(address) }
        let declared = UInt64(head.u32(0)), given = declared == 0 ? minimum : declared, size = min(given, known)
        var text = "{size=\(declared)"
        if size >= minimum {
            guard let s = readStructAtEntry(address, size: Int(size)) else { return StraceText.pointer(address) }
            let policy = s.u32(4), flags = s.u64(8)
            if Int32(bitPattern: policy) < 0 || flags & (keepPolicy | keepParams) == 0 {
                text += ", sched_policy=" + FlagTables.schedPolicy.formatValue(UInt64(policy), style: style)
            }
            text += ", sched_flags=" + FlagTables.schedAttrFlags.formatFlags(flags, style: style)
            if flags & keepParams == 0 {
                text += ", sched_nice=\(s.i32(16)), sched_priority=\(s.u32(20)), sched_runtime=\(s.u64(24))"
                    + ", sched_deadline=\(s.u64(32)), sched_period=\(s.u64(40))"
            }
            if size >= known { text += ", sched_util_min=\(s.u32(48)), sched_util_max=\(s.u32(52))" }
        }
        return text + (given > size ? ", ...}" : "}")
    }

    /// swapon: the flags above SWAP_FLAG_PRIO_MASK by name, then `|` and the priority in
    /// decimal (strace prints the priority alone when no flag is set).
    private func swapon() -> DecodedCall {
        let flags = UInt32(truncatingIfNeeded: arg(1)), priorityMask: UInt32 = 0x7fff
        let rest = flags & ~priorityMask
        let named = rest == 0 ? "" : FlagTables.swapFlags.formatFlags(UInt64(rest), style: style) + "|"
        return DecodedCall([path(arg(0)), named + String(flags & priorityMask)])
    }

    /// FUTEX_WAKE_OP's encoded operation: `FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1`.
    /// -X raw keeps strace's own spelling: the numbers, then the `/* FUTEX_OP_??? */` of a
    /// lookup it skipped.
    static func futexWakeOp(_ v: UInt32, style: ConstStyle = .abbrev) -> String {
        let ops = ["FUTEX_OP_SET", "FUTEX_OP_ADD", "FUTEX_OP_OR", "FUTEX_OP_ANDN", "FUTEX_OP_XOR"]
        let cmps = ["FUTEX_OP_CMP_EQ", "FUTEX_OP_CMP_NE", "FUTEX_OP_CMP_LT", "FUTEX_OP_CMP_LE",
                    "FUTEX_OP_CMP_GT", "FUTEX_OP_CMP_GE"]
        let op = Int((v >> 28) & 7)
        let cmp = Int((v >> 24) & 0xf)
        var parts: [String] = []
        if (v >> 28) & 8 != 0 { parts.append("FUTEX_OP_OPARG_SHIFT<<28") }
        let opRaw = StraceText.hex(UInt64(op)), cmpRaw = StraceText.hex(UInt64(cmp))
        if style == .raw {
            parts.append("\(opRaw)<<28 /* FUTEX_OP_??? */")
        } else {
            // An unnamed value: printxval's %#x without a default, then the comment.
            parts.append(op < ops.count ? "\(style.spell(raw: opRaw, ops[op]))<<28" : "\(opRaw)<<28 /* FUTEX_OP_??? */")
        }
        parts.append("\(StraceText.hex(UInt64((v >> 12) & 0xfff)))<<12")
        if style == .raw {
            parts.append("\(cmpRaw)<<24 /* FUTEX_OP_CMP_??? */")
        } else {
            parts.append(cmp < cmps.count ? "\(style.spell(raw: cmpRaw, cmps[cmp]))<<24" : "\(cmpRaw)<<24 /* FUTEX_OP_CMP_??? */")
        }
        parts.append(StraceText.hex(UInt64(v & 0xfff)))
        return parts.joined(separator: "|")
    }

    /// rt_sigreturn: the mask its frame restores (uc_sigmask, 296 bytes into the ucontext at
    /// the stack pointer), as strace prints it; nothing when the frame is not known.
    private func sigreturn() -> DecodedCall {
        guard arg(0) != 0, let bytes = memory.read(arg(0) &+ 296, count: 8) else { return DecodedCall([]) }
        return DecodedCall(["{mask=" + Self.signalSet(bytes, style: style) + "}"])
    }

    /// clone's named arguments; the exit signal sits in the low byte of the flags.
    private func clone() -> DecodedCall {
        let flags = arg(0)
        var flagText = FlagTables.clone.formatFlags(flags & ~0xff, style: style)
        let exitSignal = Int(flags & 0xff)
        if exitSignal != 0 {
            let signal = signal(exitSignal)
            flagText = flags & ~0xff == 0 ? signal : flagText + "|" + signal
        }
        var args = ["child_stack=\(StraceText.pointer(arg(1)))", "flags=\(flagText)"]
        if flags & 0x100000 != 0 {  // CLONE_PARENT_SETTID: the kernel wrote the child's id
            let tid = succeeded ? readStruct(arg(2), size: 4).map { "[\($0.i32(0))]" } : nil
            args.append("parent_tid=\(tid ?? StraceText.pointer(arg(2)))")
        } else if flags & 0x1000 != 0 {  // CLONE_PIDFD: the same field holds the new pidfd
            let fd = succeeded ? readStruct(arg(2), size: 4).map { "[\(descriptor(UInt64(UInt32(bitPattern: $0.i32(0))), afterCall: true))]" } : nil
            args.append("parent_tid=\(fd ?? StraceText.pointer(arg(2)))")
        }
        if flags & 0x80000 != 0 { args.append("tls=\(StraceText.pointer(arg(4)))") }  // CLONE_SETTLS
        if flags & 0x1200000 != 0 { args.append("child_tidptr=\(StraceText.pointer(arg(3)))") }
        return DecodedCall(args)
    }

    // MARK: sockets

    /// socket/socketpair: the type's low bits name the socket type, the rest are flags; the
    /// protocol is named for the families where strace knows the names.
    private func socket(_ name: String) -> DecodedCall {
        let family = UInt64(UInt32(truncatingIfNeeded: arg(0)))
        let type = UInt64(UInt32(truncatingIfNeeded: arg(1)))
        var typeText = FlagTables.socketType.name(of: type & 0xf).map { style.spell(raw: StraceText.hex(type & 0xf), $0) }
            ?? StraceText.hex(type & 0xf)
        if type & ~0xf != 0 { typeText += "|" + FlagTables.socketFlags.formatFlags(type & ~0xf, style: style) }
        let proto = UInt64(UInt32(truncatingIfNeeded: arg(2)))
        let protocolText: String
        switch family {
        case 2, 10: protocolText = FlagTables.ipProtocol.formatValue(proto, style: style)  // AF_INET, AF_INET6
        case 16: protocolText = FlagTables.netlinkProtocol.formatValue(proto, style: style)  // AF_NETLINK
        default: protocolText = StraceText.int(proto)
        }
        var args = [FlagTables.addressFamily.formatValue(family, style: style), typeText, protocolText]
        if name == "socketpair" { args.append(format(.outStruct(.fdPair), at: 3)) }
        return DecodedCall(args)
    }

    /// setsockopt/getsockopt: the level and option by name, an int-sized value as `[1]`.
    private func socketOption(_ name: String) -> DecodedCall {
        let level = UInt64(UInt32(truncatingIfNeeded: arg(1)))
        let option = UInt64(UInt32(truncatingIfNeeded: arg(2)))
        // SOL_SOCKET's SO_ATTACH_FILTER reads back as SO_GET_FILTER.
        let optionText = name == "getsockopt" && level == 1 && option == 26 ? style.spell(raw: "0x1a", "SO_GET_FILTER")
            : FlagTables.socketOptions[level]?.formatValue(option, style: style) ?? StraceText.uint(option)
        var args = [descriptor(arg(0)), FlagTables.socketLevel.formatValue(level, style: style), optionText]
        let value = arg(3)
        if name == "setsockopt" {
            let length = Int32(truncatingIfNeeded: arg(4))
            args.append(setSocketOptionValue(level: level, option: option, at: value, length: length))
            args.append(String(length))
        } else {
            let pair = valueResultPair(value, arg(4)) { given, returned in
                socketOptionValue(level: level, option: option, at: value, length: returned, given: given)
            }
            args += [pair.buffer, pair.length]
        }
        return DecodedCall(args)
    }

    /// SOL_SOCKET options strace knows hold an int (SO_DEBUG, SO_SNDBUF...); others print as bytes
    /// unless 4 long.
    static let intSocketOptions: Set<UInt64> = [1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 18, 19, 27, 29, 30, 32, 33, 34, 35,
                                                36, 37, 40, 41, 42, 43, 44, 45, 46, 49, 53, 56, 60, 63, 64, 65, 68, 69, 70, 73, 75]

    /// memfd_create's flags: the huge page size as `30<<MFD_HUGE_SHIFT` after the flags.
    private func memfdFlags(_ flags: UInt32) -> String {
        let raw = StraceText.hex(UInt64(flags))
        if flags == 0 || style == .raw { return raw }
        let huge = flags & (0x3f << 26), rest = flags & ~(0x3f << 26)
        var parts: [String] = []
        if rest != 0 || huge == 0 { parts.append(FlagTables.memfdFlags.formatFlags(UInt64(rest))) }
        if huge != 0 { parts.append("\(huge >> 26)<<MFD_HUGE_SHIFT") }
        let names = parts.joined(separator: "|")
        return style == .verbose ? raw + " /* " + names + " */" : names
    }

    /// SO_TXREHASH's value: `[SOCK_TXREHASH_ENABLED]`, a number spelled as strace's printxval_d.
    private func txRehash(_ address: UInt64) -> String {
        guard let s = readStruct(address, size: 4) else { return StraceText.pointer(address) }
        let v = s.i32(0)
        guard let name = FlagTables.socketTxRehash.name(of: UInt64(UInt32(bitPattern: v))) else {
            return "[" + (style == .raw ? String(v) : "\(v) /* SOCK_TXREHASH_??? */") + "]"
        }
        return "[" + style.spell(raw: String(v), name) + "]"
    }

    /// landlock_create_ruleset: the access rights of struct landlock_ruleset_attr; with
    /// LANDLOCK_CREATE_RULESET_VERSION the result is the ABI version, not a descriptor.
    private func landlockCreateRuleset() -> DecodedCall {
        let address = arg(0), size = arg(1)
        var attr = StraceText.pointer(address)
        if address != 0, size >= 8, dereferenced, let s = readStruct(address, size: 8) {
            attr = "{handled_access_fs=" + FlagTables.landlockAccessFs.formatFlags(s.u64(0), style: style) + (size > 8 ? ", ..." : "") + "}"
        }
        let flags = UInt64(UInt32(truncatingIfNeeded: arg(2)))
        return DecodedCall([attr, String(size), FlagTables.landlockCreateRulesetFlags.formatFlags(flags, style: style)],
                           returns: flags & 1 != 0 ? .decimal : .fd)
    }

    /// What setsockopt reads (strace's print_setsockopt): an int option as `[1]`, others as
    /// bytes unless 4 long.
    private func setSocketOptionValue(level: UInt64, option: UInt64, at address: UInt64, length: Int32) -> String {
        guard address != 0, dereferenced else { return StraceText.pointer(address) }
        if let value = setSocketOptionStructure(level: level, option: option, at: address, length: length) { return value }
        if level == 1 {
            if option == 74 { return length < 4 ? StraceText.pointer(address) : txRehash(address) }  // SO_TXREHASH
            if option == 13 {  // SO_LINGER
                guard length >= 8, let s = readStruct(address, size: 8) else { return StraceText.pointer(address) }
                return "{l_onoff=\(s.i32(0)), l_linger=\(s.i32(4))}"
            }
            if Self.intSocketOptions.contains(option) {
                return length < 4 ? StraceText.pointer(address) : structure(.int, at: address, output: false)
            }
        }
        if length == 4 { return structure(.int, at: address, output: false) }
        return length < 0 ? StraceText.pointer(address) : buffer(address, length: UInt64(length))
    }

    /// What getsockopt wrote (strace's print_getsockopt): an int as `[1]`, other bytes as a
    /// string; a length the kernel never gives (0 or less) as the address.
    private func socketOptionValue(level: UInt64, option: UInt64, at address: UInt64, length: Int32, given: Int32) -> String {
        guard given > 0, length > 0, address != 0 else { return StraceText.pointer(address) }
        if let value = getSocketOptionStructure(level: level, option: option, at: address, length: length) { return value }
        if level == 1 {
            switch option {
            case 13:  // SO_LINGER
                return intFields(["l_onoff", "l_linger"], signed: [true, true], at: address, length: Int(min(length, 8)))
            case 17:  // SO_PEERCRED
                return intFields(["pid", "uid", "gid"], signed: [true, false, false], at: address, length: Int(min(length, 12)))
            case 4 where length < 4:  // SO_ERROR cut short: its bytes
                return buffer(address, length: UInt64(length), hexEscapes: true)
            case 74:  // SO_TXREHASH
                return length >= 4 ? txRehash(address) : buffer(address, length: UInt64(length), hexEscapes: true)
            case 4 where length >= 4:  // SO_ERROR
                return readStruct(address, size: 4).map { s in
                    let e = s.i32(0)
                    return "[" + (e > 0 ? Errno.name(Int(e)) ?? String(e) : String(e)) + "]"
                } ?? StraceText.pointer(address)
            case let o where Self.intSocketOptions.contains(o):
                if length >= 4 { return structure(.int, at: address, output: true) }
                return buffer(address, length: UInt64(length), hexEscapes: true)
            default: break
            }
        }
        return length == 4 ? structure(.int, at: address, output: true) : buffer(address, length: UInt64(length))
    }

    /// A structure of 4-byte integers the kernel wrote `length` bytes of, as strace prints one
    /// cut short: whole fields by value, a partial last one as its bytes, `{pid=1, uid="\x00"}`.
    func intFields(_ names: [String], signed: [Bool], at address: UInt64, length: Int) -> String {
        guard length > 0, let s = readStruct(address, size: length) else { return StraceText.pointer(address) }
        var parts: [String] = []
        for (i, name) in names.enumerated() where 4 * i < length {
            if 4 * i + 4 <= length {
                parts.append(name + "=" + (signed[i] ? String(s.i32(4 * i)) : String(s.u32(4 * i))))
            } else {
                parts.append(name + "=" + StraceText.quote(Array(s.bytes[(4 * i)..<length]), hexEscapes: true))
            }
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// getgroups/setgroups: the group ids as a list.
    private func groups(_ name: String) -> DecodedCall {
        let size = Int(Int32(truncatingIfNeeded: arg(0)))
        // strace's print_groups: setgroups's size, getgroups's result (-1 on error: too many),
        // past NGROUPS_MAX (65536) the address, else element by element (a gid of -1 as -1).
        let count = name == "setgroups" ? UInt32(truncatingIfNeeded: arg(0))
            : event.result.map { UInt32(truncatingIfNeeded: $0) } ?? .max
        let shown = count > 65536 ? StraceText.pointer(arg(1))
            : straceArray(arg(1), count: UInt64(count), size: 4) { $0.u32(0) == .max ? "-1" : String($0.u32(0)) }
        return DecodedCall([String(size), shown])
    }

    // MARK: waiting

    /// poll/ppoll: the result lists the descriptors that are ready.
    private func poll(_ name: String) -> DecodedCall {
        let args = generic(signature())
        guard let ready = success else { return DecodedCall(args) }
        if ready == 0 { return DecodedCall(args, comment: "Timeout") }
        // -e verbose= (strace's verbose()) leaves the result unread.
        guard dereferenced, arg(0) != 0 else { return DecodedCall(args) }
        var parts: [String] = []
        if let revents = pollfds(arg(0), count: arg(1), field: "revents", onlyReady: true) { parts.append(revents) }
        if name == "ppoll", arg(2) != 0 {
            parts.append("left " + (readStruct(arg(2), size: 16).map { timespec($0, 0) } ?? StraceText.pointer(arg(2))))
        }
        return parts.isEmpty ? DecodedCall(args) : DecodedCall(args, comment: parts.joined(separator: ", "))
    }

    /// select/pselect6: the result names the ready descriptors of each set and the time left.
    private func select(_ name: String) -> DecodedCall {
        var args = generic(signature())
        if name == "pselect6", args.count > 5 { args[5] = sigsetArgpack(arg(5)) }
        guard let ready = success else { return DecodedCall(args) }
        if ready == 0 { return DecodedCall(args, comment: "Timeout") }
        let nfds = Int(Int32(truncatingIfNeeded: arg(0)))
        var parts: [String] = []
        for (index, label) in [(1, "in"), (2, "out"), (3, "except")] where arg(index) != 0 {
            if let set = fdSet(arg(index), nfds: nfds), set != "[]" { parts.append("\(label) \(set)") }
        }
        if arg(4) != 0, let left = readStruct(arg(4), size: 16) {
            parts.append("left " + (name == "select" ? timeval(left, 0) : timespec(left, 0)))
        }
        return DecodedCall(args, comment: parts.joined(separator: ", "))
    }

    /// pselect6's sixth argument, {const sigset_t *ss; size_t ss_len}, as strace's
    /// print_kernel_sigset: `{sigmask=[HUP CHLD], sigsetsize=8}`.
    func sigsetArgpack(_ address: UInt64) -> String {
        guard address != 0 else { return "NULL" }
        guard dereferenced, let pack = readStruct(address, size: 16) else { return StraceText.pointer(address) }
        let set = pack.u64(0), size = pack.u64(8)
        let mask = set == 0 ? "NULL" : sigset(set, size: size) ?? StraceText.pointer(set)
        return "{sigmask=\(mask), sigsetsize=\(size)}"
    }

    // MARK: time

    /// time: the seconds, with the date strace adds in a comment.
    private func time() -> DecodedCall {
        let value = arg(0)
        var shown = StraceText.pointer(value)
        if value != 0, succeeded, let s = readStruct(value, size: 8) {
            shown = "[\(s.i64(0)) /* \(Self.localDate(s.i64(0))) */]"
        }
        return DecodedCall([shown], comment: success.map { Self.localDate($0) })
    }

    /// `2026-11-25T13:28:13+0000` in the local time zone, as strace writes dates; with
    /// nanoseconds other than 0, `2026-11-25T13:28:13.123456789+0000`.
    /// strace's sprinttime_nsec: no date for zero, for nanoseconds out of range, or for a time
    /// localtime cannot represent.
    static func dateComment(_ seconds: Int64, nanoseconds: UInt64) -> String? {
        guard seconds != 0 || nanoseconds != 0, nanoseconds < 1_000_000_000 else { return nil }
        var t = time_t(seconds)
        var parts = tm()
        guard localtime_r(&t, &parts) != nil else { return nil }
        return localDate(seconds, nanoseconds: nanoseconds)
    }

    /// sprinttime_usec: the same with six digits of microseconds.
    static func dateComment(_ seconds: Int64, microseconds: UInt64) -> String? {
        guard microseconds < 1_000_000, let text = dateComment(seconds, nanoseconds: microseconds &* 1000) else { return nil }
        guard microseconds != 0 else { return text }
        // localDate wrote nine digits after the point: drop the last three (zeros).
        guard let dot = text.firstIndex(of: ".") else { return text }
        let fractionEnd = text.index(dot, offsetBy: 10)
        return String(text[..<text.index(dot, offsetBy: 7)]) + String(text[fractionEnd...])
    }

    static func localDate(_ seconds: Int64, nanoseconds: UInt64 = 0) -> String {
        var t = time_t(seconds)
        var parts = tm()
        guard localtime_r(&t, &parts) != nil else { return String(seconds) }
        var text = [CChar](repeating: 0, count: 64)
        let n = strftime(&text, text.count, "%Y-%m-%dT%H:%M:%S", &parts)
        var zone = [CChar](repeating: 0, count: 16)
        let z = strftime(&zone, zone.count, "%z", &parts)
        var fraction = ""
        if nanoseconds != 0 && nanoseconds < 1_000_000_000 {
            let digits = String(nanoseconds)
            fraction = "." + String(repeating: "0", count: 9 - digits.count) + digits
        }
        return String(decoding: text.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self) + fraction
            + String(decoding: zone.prefix(z).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
