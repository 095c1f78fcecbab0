// ioctl arguments as strace 6.1's per-family decoders print them (term.c, block.c, loop.c,
// nsfs.c...): a request strace decodes prints NULL, an address, `[value]` or a structure; one it
// does not decode prints its argument in hex. The memory read here is what the model's variant
// for the request names, so a recording (--silent) replays the same text.

extension ArgumentDecoder {
    /// The call decoded by its request's family; `head` is the descriptor and the request.
    func ioctlFamily(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch IoctlNumbers.type(request) {
        case 0x54: return terminalRequest(request, head)
        case 0x12: return blockRequest(request, head)
        case 0x4c: return loopRequest(request, head)
        case 0x58: return xfsRequest(request, head)
        case 0x66: return fileFlagsRequest(request, head)
        case 0x94: return btrfsRequest(request, head)
        case 0xab: return nbdRequest(request, head)
        case 0x89: return socketRequest(request, head)
        case 0x52: return randomRequest(request, head)
        case 0x57: return watchdogRequest(request, head)
        case 0x69: return lircRequest(request, head)
        case 0x3e: return counterRequest(request, head)
        case 0x70: return rtcRequest(request, head)
        case 0x45: return evdevRequest(request, head)
        case 0x3d: return ptpRequest(request, head)
        case 0xb4: return gpioRequest(request, head)
        case 0x4b: return kdRequest(request, head)
        case 0xae: return kvmRequest(request, head)
        case 0x03: return hdioRequest(request, head)
        case 0x24: return perfRequest(request, head)
        case 0x21: return seccompRequest(request, head)
        case 0x56: return videoRequest(request, head)
        case 0x22: return scsiRequest(request, head)
        case 0x4f, 0x6f: return ubiRequest(request, head)
        case 0xa4: return teeRequest(request, head)
        case 0x4d: return mtdRequest(request, head)
        default: break
        }
        switch request {
        case 0xb701, 0xb702:  // NS_GET_USERNS, NS_GET_PARENT: a new descriptor, no argument
            return DecodedCall(head, returns: .fd)
        case 0xb703:  // NS_GET_NSTYPE: the type as a comment
            let type = success.flatMap { FlagTables.setnsTypes.name(of: UInt64(bitPattern: $0)) }
            return DecodedCall(head, comment: type)
        case 0xb704:  // NS_GET_OWNER_UID
            return ioctlOutput(head) { a in readStruct(a, size: 4).map { "[" + ($0.u32(0) == .max ? "-1" : String($0.u32(0))) + "]" } }
        case 0x4004_4900:  // INOTIFY_IOC_SETNEXTWD: the argument is the number
            return DecodedCall(head + [String(Int32(truncatingIfNeeded: value))])
        default:
            return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    // MARK: network block devices, /dev/random, watchdogs (nbd_ioctl.c, random_ioctl.c, watchdog_ioctl.c)

    private func nbdRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch request {
        case 0xab08, 0xab04, 0xab03, 0xab05, 0xab06: return DecodedCall(head)   // DISCONNECT, CLEAR_SOCK, DO_IT, CLEAR_QUE, PRINT_DEBUG
        case 0xab00: return DecodedCall(head + [descriptor(value)])              // NBD_SET_SOCK
        case 0xab01, 0xab02, 0xab07, 0xab09: return DecodedCall(head + [String(value)])  // SET_BLKSIZE, SET_SIZE, SET_SIZE_BLOCKS, SET_TIMEOUT
        case 0xab0a: return DecodedCall(head + [FlagTables.nbdFlags.formatFlags(value & 0xffff_ffff, style: style)])  // NBD_SET_FLAGS: an unsigned int
        default: return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    private func randomRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        switch request {
        case 0x8004_5200: return ioctlOutput(head) { scalarText($0, .int) }   // RNDGETENTCNT
        case 0x4004_5201: return ioctlInput(head) { scalarText($0, .int) }    // RNDADDTOENTCNT
        case 0x4008_5203:                                                      // RNDADDENTROPY
            return ioctlInput(head) { a in
                readStruct(a, size: 8).map { "{entropy_count=\($0.i32(0)), buf_size=\($0.i32(4)), buf=" + buffer(a &+ 8, length: UInt64($0.u32(4))) + "}" }
            }
        case 0x5204, 0x5206, 0x5207: return DecodedCall(head)                 // RNDZAPENTCNT, RNDCLEARPOOL, RNDRESEEDCRNG
        default: return DecodedCall(head + [StraceText.hex(arg(2))])
        }
    }

    private func watchdogRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        switch request {
        // GETSTATUS, GETBOOTSTATUS, GETTEMP, GETTIMEOUT, GETPRETIMEOUT, GETTIMELEFT
        case 0x8004_5701, 0x8004_5702, 0x8004_5703, 0x8004_5707, 0x8004_5709, 0x8004_570a:
            return ioctlOutput(head) { scalarText($0, .int) }
        case 0xc004_5706, 0xc004_5708: return ioctlInput(head) { scalarText($0, .int) }  // SETTIMEOUT, SETPRETIMEOUT
        case 0x8004_5705: return DecodedCall(head)                                        // WDIOC_KEEPALIVE
        default: return DecodedCall(head + [StraceText.hex(arg(2))])
        }
    }

    // MARK: infrared remotes, counters (lirc_ioctl.c, counter_ioctl.c)

    /// lirc requests: a u32 behind the pointer, read after the call (_IOR) or as given.
    private func lircRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        guard Self.lircRequests.contains(request) else { return DecodedCall(head + [StraceText.hex(arg(2))]) }
        let text = { (a: UInt64) -> String? in
            self.readStruct(a, size: 4).map { s in
                let v = UInt64(s.u32(0))
                switch request {
                case 0x8004_6900: return "[" + FlagTables.lircFeatures.formatFlags(v, style: self.style) + "]"
                case 0x8004_6901, 0x8004_6902, 0x4004_6911, 0x4004_6912: return "[" + FlagTables.lircModes.formatValue(v, style: self.style) + "]"
                case 0x4004_6917: return "[" + StraceText.hex(v) + "]"
                default: return "[\(v)]"
                }
            }
        }
        return IoctlNumbers.direction(request) == 2 ? ioctlOutput(head, text) : ioctlInput(head, text)
    }

    static let lircRequests: Set<UInt32> = [
        0x8004_6900, 0x8004_6901, 0x8004_6902, 0x8004_6907, 0x8004_6908, 0x8004_6909, 0x8004_690f, 0x4004_6911, 0x4004_6912,
        0x4004_6913, 0x4004_6914, 0x4004_6915, 0x4004_6917, 0x4004_6918, 0x4004_6919, 0x4004_691d, 0x4004_691f, 0x4004_6923,
        0x8004_6924,
    ]

    private func counterRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        switch request {
        case 0x4006_3e00:  // COUNTER_ADD_WATCH_IOCTL
            return ioctlInput(head) { a in
                readStruct(a, size: 6).map { w in
                    "{component={type=" + FlagTables.counterComponentTypes.formatValue(UInt64(w.bytes[0]), style: style)
                        + ", scope=" + FlagTables.counterScopes.formatValue(UInt64(w.bytes[1]), style: style)
                        + ", parent=\(w.bytes[2]), id=\(w.bytes[3])}, event="
                        + FlagTables.counterEventTypes.formatValue(UInt64(w.bytes[4]), style: style) + ", channel=\(w.bytes[5])}"
                }
            }
        case 0x3e01, 0x3e02: return DecodedCall(head)  // COUNTER_ENABLE_EVENTS_IOCTL, COUNTER_DISABLE_EVENTS_IOCTL
        default: return DecodedCall(head + [StraceText.hex(arg(2))])
        }
    }

    // MARK: KVM (kvm.c; the register structures are not decoded here)

    private func kvmRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch request {
        case 0xae41: return DecodedCall(head + [String(UInt32(truncatingIfNeeded: value))], returns: .fd)       // KVM_CREATE_VCPU
        case 0xae01: return DecodedCall(head + [StraceText.hex(value)], returns: .fd)                           // KVM_CREATE_VM
        case 0xae03: return DecodedCall(head + [StraceXlatTables.kvmCapabilities.formatValue(value, style: style)])  // KVM_CHECK_EXTENSION
        case 0x4020_ae46:                                                                                       // KVM_SET_USER_MEMORY_REGION
            return ioctlInput(head) { a in
                readStruct(a, size: 32).map { m in
                    "{slot=\(m.u32(0)), flags=" + FlagTables.kvmMemoryFlags.formatFlags(UInt64(m.u32(4)), style: style)
                        + ", guest_phys_addr=\(StraceText.hex(m.u64(8))), memory_size=\(m.u64(16)), userspace_addr=\(StraceText.hex(m.u64(24)))}"
                }
            }
        default: return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    // MARK: perf events (perf_ioctl.c; MODIFY_ATTRIBUTES's perf_event_attr is not decoded here)

    private func perfRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch request {
        case 0x2400, 0x2401, 0x2403:  // ENABLE, DISABLE, RESET: an unsigned int of flags
            return DecodedCall(head + [FlagTables.perfIoctlFlags.formatFlags(value & 0xffff_ffff, style: style)])
        case 0x2402: return DecodedCall(head + [String(Int32(truncatingIfNeeded: value))])       // REFRESH
        case 0x4008_2404: return ioctlInput(head) { scalarText($0, .u64) }                      // PERIOD
        case 0x2405, 0x4004_2408: return DecodedCall(head + [descriptor(value)])                 // SET_OUTPUT, SET_BPF
        case 0x4004_2409: return DecodedCall(head + [String(value)])                             // PAUSE_OUTPUT
        case 0x4008_2406: return DecodedCall(head + [cString(value, limit: stringLimit)])        // SET_FILTER
        case 0x8008_2407: return ioctlOutput(head) { scalarText($0, .u64) }                     // ID
        case 0x4008_240b: return DecodedCall(head + [StraceText.pointer(value)])                // MODIFY_ATTRIBUTES
        case 0xc008_240a:                                                                        // QUERY_BPF
            // strace's perf_ioctl_query_bpf: ids_len at entry; after a success prog_cnt, then the
            // ids as print_array prints them (an unreadable first one: its address; one past
            // -s or unreadable later: `...`, with its address when unreadable).
            guard dereferenced, value != 0, let len = readStruct(value, size: 4) else { return DecodedCall(head + [StraceText.pointer(value)]) }
            var text = "{ids_len=\(len.u32(0)), "
            guard succeeded, let cnt = readStruct(value &+ 4, size: 4) else { return DecodedCall(head + [text + "...}"]) }
            let count = Int(cnt.u32(0))
            let idsAt = value &+ 8
            var ids: [String] = []
            var unreadableFirst = false
            for k in 0..<min(count, 1 << 16) {
                let at = idsAt &+ UInt64(4 * k)
                guard let id = readStruct(at, size: 4) else {
                    if k == 0 { unreadableFirst = true } else { ids.append("... /* \(StraceText.pointer(at)) */") }
                    break
                }
                if abbreviated && k >= stringLimit { ids.append("..."); break }
                ids.append(String(id.u32(0)))
            }
            text += "prog_cnt=\(count), ids=" + (unreadableFirst ? StraceText.pointer(idsAt) : "[" + ids.joined(separator: ", ") + "]") + "}"
            return DecodedCall(head + [text])
        default: return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    // MARK: file systems (fs_x_ioctl.c, fs_f_ioctl.c, fs_0x94_ioctl.c)

    private func xfsRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        switch request {
        case 0xc018_5879:  // FITRIM
            return ioctlInput(head) { a in readStruct(a, size: 24).map { "{start=\(StraceText.hex($0.u64(0))), len=\($0.u64(8)), minlen=\($0.u64(16))}" } }
        case 0x801c_581f: return ioctlOutput(head) { fsxattr($0, getting: true) }   // FS_IOC_FSGETXATTR
        case 0x401c_5820: return ioctlInput(head) { fsxattr($0, getting: false) }   // FS_IOC_FSSETXATTR
        case 0xc004_5877, 0xc004_5878: return DecodedCall(head)                     // FIFREEZE, FITHAW
        default: return DecodedCall(head + [StraceText.hex(arg(2))])
        }
    }

    private func fsxattr(_ address: UInt64, getting: Bool) -> String? {
        readStruct(address, size: 28).map { x in
            "{fsx_xflags=\(FlagTables.fsxattrFlags.formatFlags(UInt64(x.u32(0)), style: style)), fsx_extsize=\(x.u32(4)), "
                + (getting ? "fsx_nextents=\(x.u32(8)), " : "") + "fsx_projid=\(StraceText.hex(UInt64(x.u32(12)))), fsx_cowextsize=\(x.u32(16))}"
        }
    }

    private func fileFlagsRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        func flags(_ a: UInt64) -> String? {
            readStruct(a, size: 4).map { "[" + FlagTables.inodeFlags.formatFlags(UInt64($0.u32(0)), style: style) + "]" }
        }
        switch request {
        case 0xc020_660b: return DecodedCall(head + [fiemap(arg(2))])   // FS_IOC_FIEMAP
        case 0x8008_6601, 0x8004_6601: return ioctlOutput(head, flags)   // FS_IOC_GETFLAGS, FS_IOC32_GETFLAGS
        case 0x4008_6602, 0x4004_6602: return ioctlInput(head, flags)    // FS_IOC_SETFLAGS, FS_IOC32_SETFLAGS
        default: return DecodedCall(head + [StraceText.hex(arg(2))])
        }
    }

    /// struct fiemap as given, and after a success (" => ") the extents mapped. The model does
    /// not describe FS_IOC_FIEMAP, so it never reaches the kernel: its memory is as given.
    private func fiemap(_ address: UInt64) -> String {
        guard dereferenced, let f = readStruct(address, size: 32) else { return StraceText.pointer(address) }
        let flags = FlagTables.fiemapFlags.formatFlags(UInt64(f.u32(16)), style: style)
        let given = "{fm_start=\(f.u64(0)), fm_length=\(f.u64(8)), fm_flags=" + flags + ", fm_extent_count=\(f.u32(24))}"
        guard succeeded else { return given }
        let mapped = f.u32(20)
        var after = "{fm_flags=" + flags + ", fm_mapped_extents=\(mapped), "
        if abbreviated { return given + " => " + after + "...}" }
        after += "fm_extents=" + fiemapExtents(address &+ 32, count: UInt64(mapped))
        return given + " => " + after + "}"
    }

    /// strace's print_array of struct fiemap_extent (56 bytes each), whole (-v only).
    private func fiemapExtents(_ start: UInt64, count: UInt64) -> String {
        if count == 0 { return "[]" }
        let (size, overflow) = count.multipliedReportingOverflow(by: 56)
        guard !overflow, start.addingReportingOverflow(size).partialValue > start else { return StraceText.pointer(start) }
        var items: [String] = []
        for k in 0..<count {
            let at = start &+ k &* 56
            guard let e = readStruct(at, size: 56) else {
                if k == 0 { return StraceText.pointer(at) }
                items.append("... /* " + StraceText.pointer(at) + " */")
                break
            }
            items.append("{fe_logical=\(e.u64(0)), fe_physical=\(e.u64(8)), fe_length=\(e.u64(16)), fe_flags="
                + FlagTables.fiemapExtentFlags.formatFlags(UInt64(e.u32(40)), style: style) + "}")
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    private func btrfsRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        switch request {
        case 0x4004_9409: return DecodedCall(head + [String(Int32(truncatingIfNeeded: arg(2)))])  // FICLONE
        case 0x4020_940d:  // FICLONERANGE
            return ioctlInput(head) { a in
                readStruct(a, size: 32).map { "{src_fd=\(descriptor($0.u64(0))), src_offset=\($0.u64(8)), src_length=\($0.u64(16)), dest_offset=\($0.u64(24))}" }
            }
        case 0x8100_9431: return ioctlOutput(head) { a in readStruct(a, size: 256).map { fixedString($0.bytes) } }  // FS_IOC_GETFSLABEL
        case 0x4100_9432: return ioctlInput(head) { a in readStruct(a, size: 256).map { fixedString($0.bytes) } }   // FS_IOC_SETFSLABEL
        default: return DecodedCall(head + [StraceText.hex(arg(2))])
        }
    }

    /// What strace prints for a request it decodes: after the call (an output: the address when
    /// the call failed) or as the call found it (an input); NULL for 0, the address when unreadable.
    /// -e verbose= leaves memory unread.
    func ioctlOutput(_ head: [String], _ text: (UInt64) -> String?) -> DecodedCall {
        let value = arg(2)
        guard succeeded, dereferenced, value != 0 else { return DecodedCall(head + [StraceText.pointer(value)]) }
        return DecodedCall(head + [text(value) ?? StraceText.pointer(value)])
    }
    func ioctlInput(_ head: [String], _ text: (UInt64) -> String?) -> DecodedCall {
        let value = arg(2)
        guard dereferenced, value != 0 else { return DecodedCall(head + [StraceText.pointer(value)]) }
        return DecodedCall(head + [text(value) ?? StraceText.pointer(value)])
    }

    // MARK: block devices (block.c)

    private func blockRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch request {
        case 0x1262, 0x1264: return DecodedCall(head + [String(value)])                           // BLKRASET, BLKFRASET
        case 0x1267, 0x127e: return ioctlOutput(head) { scalarText($0, .u16) }                   // BLKSECTGET, BLKROTATIONAL
        case 0x125e, 0x8008_1270, 0x1268, 0x127a: return ioctlOutput(head) { scalarText($0, .int) }  // BLKROGET, BLKBSZGET, BLKSSZGET, BLKALIGNOFF
        case 0x125d, 0x4008_1271: return ioctlInput(head) { scalarText($0, .int) }               // BLKROSET, BLKBSZSET
        // BLKPBSZGET, BLKIOMIN, BLKIOOPT, BLKDISCARDZEROES, BLKGETZONESZ, BLKGETNRZONES
        case 0x127b, 0x1278, 0x1279, 0x127c, 0x8004_1284, 0x8004_1285: return ioctlOutput(head) { scalarText($0, .uint) }
        case 0x1263, 0x1265: return ioctlOutput(head) { scalarText($0, .long) }                  // BLKRAGET, BLKFRAGET
        case 0x1260: return ioctlOutput(head) { scalarText($0, .ulong) }                         // BLKGETSIZE
        case 0x8008_1272, 0x8008_1280: return ioctlOutput(head) { scalarText($0, .u64) }         // BLKGETSIZE64, BLKGETDISKSEQ
        case 0x1277, 0x127d, 0x127f:                                                             // BLKDISCARD, BLKSECDISCARD, BLKZEROOUT
            return ioctlInput(head) { a in readStruct(a, size: 16).map { "[\($0.u64(0)), \($0.u64(8))]" } }
        case 0x1269: return ioctlInput(head) { blkpg($0) }                                       // BLKPG
        case 0xc048_1273:                                                                        // BLKTRACESETUP
            guard let s = readStruct(value, size: 72) else { return DecodedCall(head + [StraceText.pointer(value)]) }
            var text = "{act_mask=\(s.u16(32)), buf_size=\(s.u32(36)), buf_nr=\(s.u32(40)), start_lba=\(s.u64(48)), "
                + "end_lba=\(s.u64(56)), pid=\(s.u32(64))"
            if succeeded { text += ", name=" + fixedString(Array(s.bytes[0..<32])) }
            return DecodedCall(head + [text + "}"])
        case 0x125f, 0x1261, 0x1274, 0x1275, 0x1276: return DecodedCall(head)                    // no argument
        default: return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    private func blkpg(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 24) else { return nil }
        let data = s.u64(16)
        let partition = readStruct(data, size: 152).map { p in
            "{start=\(p.i64(0)), length=\(p.i64(8)), pno=\(p.i32(16)), devname=\(fixedString(Array(p.bytes[20..<84]))), "
                + "volname=\(fixedString(Array(p.bytes[84..<148])))}"
        } ?? StraceText.pointer(data)
        return "{op=\(FlagTables.blkpgOperations.formatValue(UInt64(s.u32(0)), style: style)), flags=\(s.i32(4)), "
            + "datalen=\(s.i32(8)), data=\(partition)}"
    }

    /// A char array printed as strace's PRINT_FIELD_CSTRING: up to its NUL; its last byte is
    /// the terminator's place, so a full array prints all but that byte, and `...` unless it is NUL.
    func fixedString(_ bytes: [UInt8]) -> String {
        guard let last = bytes.indices.last else { return "\"\"" }
        if let nul = bytes[..<last].firstIndex(of: 0) { return StraceText.quote(Array(bytes[..<nul]), inHex: stringsInHex) }
        return StraceText.quote(Array(bytes[..<last]), inHex: stringsInHex) + (bytes[last] == 0 ? "" : "...")
    }

    /// strace's makedev(major, minor) of a 64-bit dev_t as glibc splits it.
    func deviceNumber(_ dev: UInt64) -> String {
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))
        let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
        return "makedev(\(StraceText.hex(major & 0xffff_ffff)), \(StraceText.hex(minor & 0xffff_ffff)))"
    }

    /// An array of integers in hex: `[0x1, 0x2]`.
    func hexArray(_ s: StructBytes, at offset: Int, count: Int, size: Int) -> String {
        "[" + (0..<count).map { i -> String in
            let o = offset + i * size
            let v: UInt64 = size == 8 ? s.u64(o) : size == 4 ? UInt64(s.u32(o)) : UInt64(s.bytes[o])
            return StraceText.hex(v)
        }.joined(separator: ", ") + "]"
    }

    // MARK: loop devices (loop.c)

    private func loopRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch request {
        case 0x4c03: return ioctlOutput(head) { loopInfo($0) }            // LOOP_GET_STATUS
        case 0x4c02: return ioctlInput(head) { loopInfo($0) }             // LOOP_SET_STATUS
        case 0x4c05: return ioctlOutput(head) { loopInfo64($0) }          // LOOP_GET_STATUS64
        case 0x4c04: return ioctlInput(head) { loopInfo64($0) }           // LOOP_SET_STATUS64
        case 0x4c0a: return ioctlInput(head) { loopConfig($0) }           // LOOP_CONFIGURE
        case 0x4c01, 0x4c07, 0x4c82: return DecodedCall(head)             // LOOP_CLR_FD, LOOP_SET_CAPACITY, LOOP_CTL_GET_FREE
        case 0x4c00, 0x4c06: return DecodedCall(head + [descriptor(value)])  // LOOP_SET_FD, LOOP_CHANGE_FD
        case 0x4c80, 0x4c81: return DecodedCall(head + [String(Int32(truncatingIfNeeded: value))])  // LOOP_CTL_ADD, LOOP_CTL_REMOVE
        case 0x4c08, 0x4c09: return DecodedCall(head + [String(value)])   // LOOP_SET_DIRECT_IO, LOOP_SET_BLOCK_SIZE
        default: return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    private func loopEncryption(_ type: UInt32, keySize: UInt32) -> String {
        "lo_encrypt_type=" + FlagTables.loopCryptTypes.formatValue(UInt64(type), style: style) + ", lo_encrypt_key_size=\(keySize)"
    }

    private func loopInfo(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 168) else { return nil }
        let type = s.u32(36), keySize = s.u32(40), encrypted = !abbreviated || type != 0
        var fields = ["lo_number=\(s.i32(0))"]
        if !abbreviated { fields += ["lo_device=" + deviceNumber(s.u64(8)), "lo_inode=\(s.u64(16))", "lo_rdevice=" + deviceNumber(s.u64(24))] }
        fields.append("lo_offset=" + StraceText.hex(UInt64(s.u32(32))))
        if encrypted { fields.append(loopEncryption(type, keySize: keySize)) }
        fields.append("lo_flags=" + FlagTables.loopFlags.formatFlags(UInt64(s.u32(44)), style: style))
        fields.append("lo_name=" + fixedString(Array(s.bytes[48..<112])))
        if encrypted { fields.append("lo_encrypt_key=" + StraceText.quote(Array(s.bytes[112..<112 + Int(min(keySize, 32))]), inHex: stringsInHex)) }
        if abbreviated { fields.append("...") } else {
            fields += ["lo_init=" + hexArray(s, at: 144, count: 2, size: 8), "reserved=" + hexArray(s, at: 160, count: 4, size: 1)]
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    private func loopInfo64Fields(_ s: StructBytes, at base: Int) -> String {
        let type = s.u32(base + 44), keySize = s.u32(base + 48), encrypted = !abbreviated || type != 0
        var fields: [String]
        if !abbreviated {
            fields = ["lo_device=" + deviceNumber(s.u64(base)), "lo_inode=\(s.u64(base + 8))", "lo_rdevice=" + deviceNumber(s.u64(base + 16)),
                      "lo_offset=" + StraceText.hex(s.u64(base + 24)), "lo_sizelimit=\(s.u64(base + 32))", "lo_number=\(s.u32(base + 40))"]
        } else {
            fields = ["lo_offset=" + StraceText.hex(s.u64(base + 24)), "lo_number=\(s.u32(base + 40))"]
        }
        if encrypted { fields.append(loopEncryption(type, keySize: keySize)) }
        fields.append("lo_flags=" + FlagTables.loopFlags.formatFlags(UInt64(s.u32(base + 52)), style: style))
        fields.append("lo_file_name=" + fixedString(Array(s.bytes[base + 56..<base + 120])))
        if encrypted {
            fields.append("lo_crypt_name=" + fixedString(Array(s.bytes[base + 120..<base + 184])))
            fields.append("lo_encrypt_key=" + StraceText.quote(Array(s.bytes[base + 184..<base + 184 + Int(min(keySize, 32))]), inHex: stringsInHex))
        }
        fields.append(abbreviated ? "..." : "lo_init=" + hexArray(s, at: base + 216, count: 2, size: 8))
        return "{" + fields.joined(separator: ", ") + "}"
    }

    private func loopInfo64(_ address: UInt64) -> String? {
        readStruct(address, size: 232).map { loopInfo64Fields($0, at: 0) }
    }

    private func loopConfig(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 304) else { return nil }
        var text = "{fd=" + descriptor(UInt64(s.u32(0))) + ", block_size=\(s.u32(4)), info=" + loopInfo64Fields(s, at: 8)
        if (0..<8).contains(where: { s.u64(240 + 8 * $0) != 0 }) { text += ", __reserved=" + hexArray(s, at: 240, count: 8, size: 8) }
        return text + "}"
    }

    /// `[value]` of an integer at `address`, nil when it cannot be read.
    func scalarText(_ address: UInt64, _ type: CInt, _ format: IntFormat = .decimal) -> String? {
        guard let s = readStruct(address, size: type.bytes) else { return nil }
        return "[" + integer(s.bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }, type, format) + "]"
    }
}

extension FlagTables {
    static let perfIoctlFlags = NameTable(unknown: "PERF_IOC_FLAG_???", [(1, "PERF_IOC_FLAG_GROUP")])
    static let fiemapFlags = NameTable(unknown: "FIEMAP_FLAG_???", [(1, "FIEMAP_FLAG_SYNC"), (2, "FIEMAP_FLAG_XATTR"), (4, "FIEMAP_FLAG_CACHE")])
    static let fiemapExtentFlags = NameTable(unknown: "FIEMAP_EXTENT_???", [
        (0x1, "FIEMAP_EXTENT_LAST"), (0x2, "FIEMAP_EXTENT_UNKNOWN"), (0x4, "FIEMAP_EXTENT_DELALLOC"), (0x8, "FIEMAP_EXTENT_ENCODED"),
        (0x80, "FIEMAP_EXTENT_DATA_ENCRYPTED"), (0x100, "FIEMAP_EXTENT_NOT_ALIGNED"), (0x200, "FIEMAP_EXTENT_DATA_INLINE"),
        (0x400, "FIEMAP_EXTENT_DATA_TAIL"), (0x800, "FIEMAP_EXTENT_UNWRITTEN"), (0x1000, "FIEMAP_EXTENT_MERGED"),
        (0x2000, "FIEMAP_EXTENT_SHARED"),
    ])
    static let mtdOtpModes = NameTable(unknown: "MTD_OTP_???", [(0, "MTD_OTP_OFF"), (1, "MTD_OTP_FACTORY"), (2, "MTD_OTP_USER")])
    static let kvmMemoryFlags = NameTable(unknown: "KVM_MEM_???", [(1, "KVM_MEM_LOG_DIRTY_PAGES"), (2, "KVM_MEM_READONLY")])
    static let lircFeatures = NameTable(unknown: "LIRC_CAN_???", [
        (0x2, "LIRC_CAN_SEND_PULSE"), (0x10, "LIRC_CAN_SEND_LIRCCODE"), (0x100, "LIRC_CAN_SET_SEND_CARRIER"),
        (0x200, "LIRC_CAN_SET_SEND_DUTY_CYCLE"), (0x400, "LIRC_CAN_SET_TRANSMITTER_MASK"), (0x40000, "LIRC_CAN_REC_MODE2"),
        (0x80000, "LIRC_CAN_REC_SCANCODE"), (0x100000, "LIRC_CAN_REC_LIRCCODE"), (0x1000000, "LIRC_CAN_SET_REC_CARRIER"),
        (0x2000000, "LIRC_CAN_MEASURE_CARRIER"), (0x4000000, "LIRC_CAN_USE_WIDEBAND_RECEIVER"),
        (0x10000000, "LIRC_CAN_SET_REC_TIMEOUT"), (0x20000000, "LIRC_CAN_GET_REC_RESOLUTION"),
        (0x80000000, "LIRC_CAN_SET_REC_CARRIER_RANGE"),
    ])
    static let lircModes = NameTable(unknown: "LIRC_MODE_???", [
        (1, "LIRC_MODE_RAW"), (2, "LIRC_MODE_PULSE"), (4, "LIRC_MODE_MODE2"), (8, "LIRC_MODE_SCANCODE"), (0x10, "LIRC_MODE_LIRCCODE"),
    ])
    static let counterComponentTypes = NameTable(unknown: "COUNTER_COMPONENT_???", [
        (0, "COUNTER_COMPONENT_NONE"), (1, "COUNTER_COMPONENT_SIGNAL"), (2, "COUNTER_COMPONENT_COUNT"),
        (3, "COUNTER_COMPONENT_FUNCTION"), (4, "COUNTER_COMPONENT_SYNAPSE_ACTION"), (5, "COUNTER_COMPONENT_EXTENSION"),
    ])
    static let counterScopes = NameTable(unknown: "COUNTER_SCOPE_???", [
        (0, "COUNTER_SCOPE_DEVICE"), (1, "COUNTER_SCOPE_SIGNAL"), (2, "COUNTER_SCOPE_COUNT"),
    ])
    static let counterEventTypes = NameTable(unknown: "COUNTER_EVENT_???", [
        (0, "COUNTER_EVENT_OVERFLOW"), (1, "COUNTER_EVENT_UNDERFLOW"), (2, "COUNTER_EVENT_OVERFLOW_UNDERFLOW"),
        (3, "COUNTER_EVENT_THRESHOLD"), (4, "COUNTER_EVENT_INDEX"), (5, "COUNTER_EVENT_CHANGE_OF_STATE"), (6, "COUNTER_EVENT_CAPTURE"),
    ])
    static let nbdFlags = NameTable(unknown: "NBD_IOC_FLAG_???", [
        (1 << 0, "NBD_FLAG_HAS_FLAGS"), (1 << 1, "NBD_FLAG_READ_ONLY"), (1 << 2, "NBD_FLAG_SEND_FLUSH"),
        (1 << 3, "NBD_FLAG_SEND_FUA"), (1 << 4, "NBD_FLAG_ROTATIONAL"), (1 << 5, "NBD_FLAG_SEND_TRIM"),
        (1 << 6, "NBD_FLAG_SEND_WRITE_ZEROES"), (1 << 7, "NBD_FLAG_SEND_DF"), (1 << 8, "NBD_FLAG_CAN_MULTI_CONN"),
        (1 << 9, "NBD_FLAG_SEND_RESIZE"), (1 << 10, "NBD_FLAG_SEND_CACHE"),
    ])
    /// FS_IOC_GETFLAGS's inode flags (strace's fs_ioc_flags).
    static let inodeFlags = NameTable(unknown: "FS_???_FL", [
        (0x1, "FS_SECRM_FL"), (0x2, "FS_UNRM_FL"), (0x4, "FS_COMPR_FL"), (0x8, "FS_SYNC_FL"), (0x10, "FS_IMMUTABLE_FL"),
        (0x20, "FS_APPEND_FL"), (0x40, "FS_NODUMP_FL"), (0x80, "FS_NOATIME_FL"), (0x100, "FS_DIRTY_FL"),
        (0x200, "FS_COMPRBLK_FL"), (0x400, "FS_NOCOMP_FL"), (0x800, "FS_ENCRYPT_FL"), (0x1000, "FS_INDEX_FL"),
        (0x2000, "FS_IMAGIC_FL"), (0x4000, "FS_JOURNAL_DATA_FL"), (0x8000, "FS_NOTAIL_FL"), (0x10000, "FS_DIRSYNC_FL"),
        (0x20000, "FS_TOPDIR_FL"), (0x40000, "FS_HUGE_FILE_FL"), (0x80000, "FS_EXTENT_FL"), (0x100000, "FS_VERITY_FL"),
        (0x200000, "FS_EA_INODE_FL"), (0x400000, "FS_EOFBLOCKS_FL"), (0x800000, "FS_NOCOW_FL"), (0x2000000, "FS_DAX_FL"),
        (0x10000000, "FS_INLINE_DATA_FL"), (0x20000000, "FS_PROJINHERIT_FL"), (0x40000000, "FS_CASEFOLD_FL"),
        (0x80000000, "FS_RESERVED_FL"),
    ])
    static let blkpgOperations = NameTable(unknown: "BLKPG_???", [
        (1, "BLKPG_ADD_PARTITION"), (2, "BLKPG_DEL_PARTITION"), (3, "BLKPG_RESIZE_PARTITION"),
    ])
    static let loopFlags = NameTable(unknown: "LO_FLAGS_???", [
        (1, "LO_FLAGS_READ_ONLY"), (2, "LO_FLAGS_USE_AOPS"), (4, "LO_FLAGS_AUTOCLEAR"), (8, "LO_FLAGS_PARTSCAN"),
        (16, "LO_FLAGS_DIRECT_IO"),
    ])
    static let loopCryptTypes = NameTable(unknown: "LO_CRYPT_???", [
        (0, "LO_CRYPT_NONE"), (1, "LO_CRYPT_XOR"), (2, "LO_CRYPT_DES"), (3, "LO_CRYPT_FISH2"), (4, "LO_CRYPT_BLOW"),
        (5, "LO_CRYPT_CAST128"), (6, "LO_CRYPT_IDEA"), (9, "LO_CRYPT_DUMMY"), (10, "LO_CRYPT_SKIPJACK"),
        (18, "LO_CRYPT_CRYPTOAPI"),
    ])
    /// NS_GET_NSTYPE's result (strace's setns_types).
    static let setnsTypes = NameTable(unknown: "CLONE_NEW???", [
        (0x80, "CLONE_NEWTIME"), (0x20000, "CLONE_NEWNS"), (0x0200_0000, "CLONE_NEWCGROUP"), (0x0400_0000, "CLONE_NEWUTS"),
        (0x0800_0000, "CLONE_NEWIPC"), (0x1000_0000, "CLONE_NEWUSER"), (0x2000_0000, "CLONE_NEWPID"), (0x4000_0000, "CLONE_NEWNET"),
    ])
}
