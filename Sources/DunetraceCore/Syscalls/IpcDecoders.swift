// System V IPC as strace 6.1 prints it (src/ipc_*.c): keys, resource flags with the permission
// bits, *ctl commands with IPC_64, the ds/info structures the kernel wrote, sembuf arrays and
// msgbuf's mtype and mtext.

extension ArgumentDecoder {
    static let ipcResourceFlags = NameTable(unknown: "IPC_???", [(0o1000, "IPC_CREAT"), (0o2000, "IPC_EXCL"), (0o4000, "IPC_NOWAIT")])
    static let shmResourceFlags = NameTable(unknown: "SHM_???", [
        (0o1000, "IPC_CREAT"), (0o2000, "IPC_EXCL"), (0o4000, "SHM_HUGETLB"), (0o10000, "SHM_NORESERVE"),
    ])
    static let shmatFlags = NameTable(unknown: "SHM_???", [
        (0o10000, "SHM_RDONLY"), (0o20000, "SHM_RND"), (0o40000, "SHM_REMAP"), (0o100000, "SHM_EXEC"),
    ])
    static let msgFlags = NameTable(unknown: "MSG_???", [
        (0o10000, "MSG_NOERROR"), (0o20000, "MSG_EXCEPT"), (0o40000, "MSG_COPY"), (0o4000, "IPC_NOWAIT"),
    ])
    static let semopFlags = NameTable(unknown: "SEM_???", [(0x1000, "SEM_UNDO"), (0o4000, "IPC_NOWAIT")])
    static let msgctlCommands = NameTable(unknown: "MSG_???", [
        (0, "IPC_RMID"), (1, "IPC_SET"), (2, "IPC_STAT"), (3, "IPC_INFO"), (11, "MSG_STAT"), (12, "MSG_INFO"), (13, "MSG_STAT_ANY"),
    ])
    static let semctlCommands = NameTable(unknown: "SEM_???", [
        (0, "IPC_RMID"), (1, "IPC_SET"), (2, "IPC_STAT"), (3, "IPC_INFO"), (11, "GETPID"), (12, "GETVAL"), (13, "GETALL"),
        (14, "GETNCNT"), (15, "GETZCNT"), (16, "SETVAL"), (17, "SETALL"), (18, "SEM_STAT"), (19, "SEM_INFO"), (20, "SEM_STAT_ANY"),
    ])
    static let shmctlCommands = NameTable(unknown: "SHM_???", [
        (0, "IPC_RMID"), (1, "IPC_SET"), (2, "IPC_STAT"), (3, "IPC_INFO"), (11, "SHM_LOCK"), (12, "SHM_UNLOCK"),
        (13, "SHM_STAT"), (14, "SHM_INFO"), (15, "SHM_STAT_ANY"),
    ])
    private static let ipc64: UInt64 = 0x100

    func decodeIpc(_ name: String) -> DecodedCall? {
        switch name {
        case "msgget": return DecodedCall([ipcKey(arg(0)), resourceFlags(arg(1), Self.ipcResourceFlags)])
        case "semget": return DecodedCall([ipcKey(arg(0)), StraceText.int(arg(1)), resourceFlags(arg(2), Self.ipcResourceFlags)])
        case "shmget": return DecodedCall([ipcKey(arg(0)), StraceText.ulong(arg(1)), shmgetFlags(arg(2))])
        case "shmat":
            return DecodedCall([StraceText.int(arg(0)), StraceText.pointer(arg(1)), Self.shmatFlags.formatFlags(arg(2) & 0xffff_ffff, style: style)])
        case "msgsnd":
            return DecodedCall([StraceText.int(arg(0)), msgbuf(arg(1), count: arg(2), written: false), StraceText.ulong(arg(2)),
                                Self.msgFlags.formatFlags(arg(3) & 0xffff_ffff, style: style)])
        case "msgrcv":
            return DecodedCall([StraceText.int(arg(0)), msgbuf(arg(1), count: arg(2), written: true), StraceText.ulong(arg(2)),
                                StraceText.long(arg(3)), Self.msgFlags.formatFlags(arg(4) & 0xffff_ffff, style: style)])
        case "semop":
            return DecodedCall([StraceText.int(arg(0)), sembufs(arg(1), count: UInt32(truncatingIfNeeded: arg(2))), StraceText.uint(arg(2))])
        case "semtimedop":
            let timeout = structure(.timespec, at: arg(3), output: false)
            return DecodedCall([StraceText.int(arg(0)), sembufs(arg(1), count: UInt32(truncatingIfNeeded: arg(2))),
                                StraceText.uint(arg(2)), timeout])
        case "msgctl", "shmctl": return ipcControl(name)
        case "semctl": return semctl()
        default: return nil
        }
    }

    private func ipcKey(_ v: UInt64) -> String {
        let key = UInt64(UInt32(truncatingIfNeeded: v))
        return key == 0 ? style.spell(raw: "0", "IPC_PRIVATE") : StraceText.hex(key)
    }

    /// `IPC_CREAT|IPC_EXCL|0600`: flags, then the permission bits always.
    private func resourceFlags(_ v: UInt64, _ table: NameTable) -> String {
        let flags = v & 0xffff_ffff & ~0o777
        let mode = StraceText.octal(v & 0o777)
        return flags == 0 ? mode : flagsWithoutDefault(flags, table) + "|" + mode
    }

    /// strace's printflags with no default name: bits no flag names are plain hex, no comment.
    private func flagsWithoutDefault(_ flags: UInt64, _ table: NameTable) -> String {
        let named = table.entries.reduce(UInt64(0)) { $0 | $1.value }
        return flags != 0 && flags & named == 0 ? StraceText.hex(flags) : table.formatFlags(flags, style: style)
    }

    /// shmget's flags carry the huge page size's log2 in bits 26..31: `21<<SHM_HUGE_SHIFT`.
    private func shmgetFlags(_ v: UInt64) -> String {
        let all = v & 0xffff_ffff
        let hugeMask: UInt64 = 0x3f << 26
        let huge = all & hugeMask, flags = all & ~0o777 & ~hugeMask
        var parts: [String] = []
        if flags != 0 || huge == 0 { parts.append(flags == 0 ? "0" : flagsWithoutDefault(flags, Self.shmResourceFlags)) }
        if huge != 0 { parts.append("\(huge >> 26)<<" + style.spell(raw: "26", "SHM_HUGE_SHIFT")) }
        if flags == 0 && huge == 0 { return StraceText.octal(all & 0o777) }
        return parts.joined(separator: "|") + "|" + StraceText.octal(all & 0o777)
    }

    /// `{mtype=42, mtext="hello"}`: mtext is msgsz bytes whatever the call returned.
    private func msgbuf(_ address: UInt64, count: UInt64, written: Bool) -> String {
        if written && !succeeded { return StraceText.pointer(address) }
        guard let head = readStruct(address, size: 8) else { return StraceText.pointer(address) }
        return "{mtype=\(head.i64(0)), mtext=" + buffer(address &+ 8, length: count) + "}"
    }

    /// `[{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}, ...]`, cut at -s elements.
    private func sembufs(_ address: UInt64, count: UInt32) -> String {
        if address == 0 { return "NULL" }
        if count == 0 { return "[]" }
        var items: [String] = []
        let shown = abbreviated ? min(Int(count), stringLimit) : Int(count)
        for i in 0..<shown {
            guard let s = readStruct(address &+ UInt64(i) &* 6, size: 6) else {
                if i == 0 { return StraceText.pointer(address) }
                items.append("... /* " + StraceText.pointer(address &+ UInt64(i) &* 6) + " */")
                return "[" + items.joined(separator: ", ") + "]"
            }
            items.append("{sem_num=\(s.u16(0)), sem_op=\(Int16(bitPattern: s.u16(2))), sem_flg="
                         + Self.semopFlags.formatFlags(UInt64(s.u16(4)), zero: "0", style: style) + "}")
        }
        if shown < Int(count) { items.append("...") }
        return "[" + items.joined(separator: ", ") + "]"
    }

    /// `IPC_64|IPC_STAT` or the name alone.
    private func ipcCommand(_ v: UInt64, _ table: NameTable) -> String {
        let cmd = v & 0xffff_ffff
        let name = table.formatValue(cmd & ~Self.ipc64, style: style)
        return cmd & Self.ipc64 != 0 ? style.spell(raw: "0x100", "IPC_64") + "|" + name : name
    }

    private func ipcControl(_ name: String) -> DecodedCall {
        let isMsg = name == "msgctl"
        let cmdValue = arg(1) & 0xffff_ffff & ~Self.ipc64
        let command = ipcCommand(arg(1), isMsg ? Self.msgctlCommands : Self.shmctlCommands)
        let address = arg(2)
        let text: String
        switch (isMsg, cmdValue) {
        case (_, 1): text = ipcDs(address, isMsg ? .msg : .shm, set: true)
        case (_, 2), (true, 11), (true, 13), (false, 13), (false, 15):
            text = succeeded ? ipcDs(address, isMsg ? .msg : .shm, set: false) : StraceText.pointer(address)
        case (true, 3), (true, 12): text = succeeded ? msginfo(address) : StraceText.pointer(address)
        case (false, 3): text = succeeded ? shminfo(address) : StraceText.pointer(address)
        case (false, 14): text = succeeded ? shmInfo(address) : StraceText.pointer(address)
        default: text = StraceText.pointer(address)
        }
        return DecodedCall([StraceText.int(arg(0)), command, text])
    }

    private func semctl() -> DecodedCall {
        let cmdValue = arg(2) & 0xffff_ffff & ~Self.ipc64
        let address = arg(3)
        let text: String
        switch cmdValue {
        case 1: text = ipcDs(address, .sem, set: true)
        // strace reads semid_ds whether the call failed or not.
        case 2, 18, 20: text = ipcDs(address, .sem, set: false)
        case 3, 19: text = succeeded ? seminfo(address) : StraceText.pointer(address)
        default: text = StraceText.pointer(address)
        }
        return DecodedCall([StraceText.int(arg(0)), StraceText.int(arg(1)), ipcCommand(arg(2), Self.semctlCommands), text])
    }

    enum IpcObject { case msg, sem, shm }

    /// struct ipc64_perm: IPC_SET prints only what it sets.
    private func ipcPerm(_ s: StructBytes, set: Bool) -> String {
        let id = { (v: UInt32) in v == UInt32.max ? "-1" : String(v) }
        var text = "{uid=\(id(s.u32(4))), gid=\(id(s.u32(8))), mode=\(StraceText.octal(UInt64(s.u32(20))))"
        if !set { text += ", key=\(s.u32(0)), cuid=\(id(s.u32(12))), cgid=\(id(s.u32(16)))" }
        return text + "}"
    }

    private func ipcDs(_ address: UInt64, _ object: IpcObject, set: Bool) -> String {
        let size = object == .msg ? 120 : object == .sem ? 104 : 112
        guard let s = readStruct(address, size: size) else { return StraceText.pointer(address) }
        switch object {
        case .msg:
            var text = "{msg_perm=" + ipcPerm(s, set: set)
            if !set { text += ", msg_stime=\(s.u64(48)), msg_rtime=\(s.u64(56)), msg_ctime=\(s.u64(64)), msg_qnum=\(s.u64(80))" }
            text += ", msg_qbytes=\(s.u64(88))"
            if !set { text += ", msg_lspid=\(s.i32(96)), msg_lrpid=\(s.i32(100))" }
            return text + "}"
        case .sem:
            var text = "{sem_perm=" + ipcPerm(s, set: set)
            if !set { text += ", sem_otime=\(s.u64(48)), sem_ctime=\(s.u64(64)), sem_nsems=\(s.u64(80))" }
            return text + "}"
        case .shm:
            var text = "{shm_perm=" + ipcPerm(s, set: set)
            if !set {
                text += ", shm_segsz=\(s.u64(48)), shm_cpid=\(s.i32(80)), shm_lpid=\(s.i32(84)), shm_nattch=\(s.u64(88))"
                    + ", shm_atime=\(s.u64(56)), shm_dtime=\(s.u64(64)), shm_ctime=\(s.u64(72))"
            }
            return text + "}"
        }
    }

    private func msginfo(_ address: UInt64) -> String {
        guard let s = readStruct(address, size: 32) else { return StraceText.pointer(address) }
        return "{msgpool=\(s.i32(0)), msgmap=\(s.i32(4)), msgmax=\(s.i32(8)), msgmnb=\(s.i32(12)), msgmni=\(s.i32(16)), "
            + "msgssz=\(s.i32(20)), msgtql=\(s.i32(24)), msgseg=\(s.u16(28))}"
    }

    private func seminfo(_ address: UInt64) -> String {
        guard let s = readStruct(address, size: 40) else { return StraceText.pointer(address) }
        let names = ["semmap", "semmni", "semmns", "semmnu", "semmsl", "semopm", "semume", "semusz", "semvmx", "semaem"]
        return "{" + names.enumerated().map { "\($1)=\(s.i32(4 * $0))" }.joined(separator: ", ") + "}"
    }

    private func shminfo(_ address: UInt64) -> String {
        guard let s = readStruct(address, size: 40) else { return StraceText.pointer(address) }
        return "{shmmax=\(s.u64(0)), shmmin=\(s.u64(8)), shmmni=\(s.u64(16)), shmseg=\(s.u64(24)), shmall=\(s.u64(32))}"
    }

    private func shmInfo(_ address: UInt64) -> String {
        guard let s = readStruct(address, size: 48) else { return StraceText.pointer(address) }
        return "{used_ids=\(s.i32(0)), shm_tot=\(s.u64(8)), shm_rss=\(s.u64(16)), shm_swp=\(s.u64(24)), "
            + "swap_attempts=\(s.u64(32)), swap_successes=\(s.u64(40))}"
    }
}
