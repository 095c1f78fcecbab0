// The syscall tables and the strace-format decoder. Every expected line was printed by
// strace 6.1 on x86-64 for the same call and memory contents.
import Testing
@testable import DunetraceCore

/// Target memory made of 4 KiB pages, so reads behave as on a real address space: a string may
/// end anywhere in a page, and a read touching an absent page fails.
struct DecoderFakeMemory: TargetMemory {
    private var pages: [UInt64: [UInt8]] = [:]

    mutating func write(_ address: UInt64, _ bytes: [UInt8]) {
        for (i, byte) in bytes.enumerated() {
            let a = address + UInt64(i)
            pages[a >> 12, default: [UInt8](repeating: 0, count: 4096)][Int(a & 4095)] = byte
        }
    }

    mutating func write(_ address: UInt64, cString: String) {
        write(address, Array(cString.utf8) + [0])
    }

    func read(_ address: UInt64, count: Int) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let a = address + UInt64(i)
            guard let page = pages[a >> 12] else { return nil }
            out.append(page[Int(a & 4095)])
        }
        return out
    }
}

/// A struct image: little-endian fields at byte offsets.
struct DecoderBytes {
    var bytes: [UInt8]
    init(_ size: Int) { bytes = [UInt8](repeating: 0, count: size) }

    mutating func put(_ offset: Int, _ value: UInt64, size: Int = 8) {
        for i in 0..<size { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
    }
}

struct DecoderTests {
    var memory = DecoderFakeMemory()

    func event(_ name: String, _ args: [UInt64], _ result: Int64?) -> SyscallEvent {
        let a = args + [UInt64](repeating: 0, count: 6 - args.count)
        let nr = SyscallTable.number(name)!
        return SyscallEvent(number: nr, args: SyscallArgs(a[0], a[1], a[2], a[3], a[4], a[5]), result: result)
    }

    func line(_ name: String, _ args: [UInt64], _ result: Int64?, limit: Int = 32) -> String {
        SyscallFormatter(stringLimit: limit).format(event(name, args, result), memory: memory)
    }

    static let AT_FDCWD = UInt64(bitPattern: -100)
    static func neg(_ v: Int64) -> UInt64 { UInt64(bitPattern: v) }

    /// A call its task never came back from (killed in it): what strace had printed at entry,
    /// then ` <unfinished ...>` where its decoder had more to print at exit (host strace -f
    /// of a child killed by SIGKILL in read and poll; its status-unfinished-threads test for
    /// nanosleep); a call that writes nothing shows whole.
    @Test mutating func unfinishedCalls() {
        var fds = DecoderBytes(8)
        fds.put(0, 3, size: 4)
        fds.put(4, 1, size: 2)  // POLLIN
        memory.write(0x30000, fds.bytes)
        var ts = DecoderBytes(16)
        ts.put(0, 123)
        memory.write(0x31000, ts.bytes)
        #expect(line("read", [3, 0x32000, 1], nil) == "read(3,  <unfinished ...>) = ?")
        #expect(line("poll", [0x30000, 1, Self.neg(-1)], nil) == "poll([{fd=3, events=POLLIN}], 1, -1 <unfinished ...>) = ?")
        #expect(line("nanosleep", [0x31000, 0x31000], nil) == "nanosleep({tv_sec=123, tv_nsec=0},  <unfinished ...>) = ?")
        #expect(line("wait4", [Self.neg(-1), 0x32000, 0, 0], nil) == "wait4(-1,  <unfinished ...>) = ?")
        #expect(line("pause", [], nil) == "pause() = ?")
        #expect(line("exit_group", [0], nil) == "exit_group(0) = ?")
        #expect(line("read", [3, 0x32000, 1], -4) == "read(3, 0x32000, 1) = -1 EINTR (Interrupted system call)")
    }

    // MARK: tables

    /// strace's printsiginfo (its tests waitid.c, rt_tgsigqueueinfo.c): `{}` without a signal,
    /// si_errno after si_code; wait options in strace's table order.
    @Test mutating func siginfoAndWaitOptions() {
        memory.write(0x20000, [UInt8](repeating: 0, count: 128))
        #expect(line("waitid", [1, 1234, 0x20000, 1 | 2 | 4, 0], 0)
                == "waitid(P_PID, 1234, {}, WNOHANG|WEXITED|WSTOPPED, NULL) = 0")
        var info = DecoderBytes(128)
        info.put(0, 10, size: 4)                       // SIGUSR1
        info.put(4, 2, size: 4)                        // ENOENT
        info.put(8, UInt64(bitPattern: -1), size: 4)   // SI_QUEUE
        info.put(16, 2508, size: 4)
        info.put(24, 0xdeadbeeffacefeed)
        memory.write(0x21000, info.bytes)
        #expect(line("rt_tgsigqueueinfo", [2508, 2508, 10, 0x21000], 0)
                == "rt_tgsigqueueinfo(2508, 2508, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_errno=ENOENT, si_pid=2508, si_uid=0, si_int=-87097619, si_ptr=0xdeadbeeffacefeed}) = 0")
    }

    /// strace's memfd_create.c bound: MFD_NAME_MAX_LEN + 1 = 250 bytes of the name (its test
    /// memfd_create.c: 250 characters then `...` without a NUL among them, 249 with one whole).
    @Test mutating func memfdNameBound() {
        let digits = (0..<250).map { UInt8(ascii: "0") + UInt8($0 % 10) }
        memory.write(0x10000, digits)
        #expect(line("memfd_create", [0x10000, 0], -22, limit: 256)
                == "memfd_create(\"" + String(decoding: digits, as: UTF8.self) + "\"..., 0) = -1 EINVAL (Invalid argument)")
        memory.write(0x10000 + 249, [0])
        #expect(line("memfd_create", [0x10000, 30 << 26], -22, limit: 256)
                == "memfd_create(\"" + String(decoding: digits.prefix(249), as: UTF8.self) + "\", 30<<MFD_HUGE_SHIFT) = -1 EINVAL (Invalid argument)")
    }

    @Test func syscallNamesAndNumbersRoundTrip() {
        #expect(SyscallTable.entries.count > 300)
        for entry in SyscallTable.entries {
            #expect(SyscallTable.name(entry.number) == entry.name)
            #expect(SyscallTable.number(entry.name) == entry.number)
            #expect(SyscallTable.signature(entry.number).count <= 6)
        }
        #expect(SyscallTable.name(0) == "read")
        #expect(SyscallTable.number("openat") == 257)
        #expect(SyscallTable.number("exit_group") == 231)
        #expect(SyscallTable.name(451) == "syscall_451")
        #expect(SyscallTable.number("no_such_call") == nil)
        #expect(SyscallTable.signature(9999).count == 6)
        #expect(SyscallTable.signature(SyscallTable.number("mmap")!).count == 6)
        #expect(SyscallTable.signature(SyscallTable.number("getpid")!).isEmpty)
    }

    @Test func syscallClassesFollowStrace() {
        func classes(_ name: String) -> Set<SyscallClass> { SyscallTable.classes(SyscallTable.number(name)!) }
        #expect(classes("openat") == [.desc, .file])
        #expect(classes("read") == [.desc])
        #expect(classes("connect") == [.network])
        #expect(classes("execve") == [.file, .process])
        #expect(classes("mmap") == [.desc, .memory])
        #expect(classes("rt_sigaction") == [.signal])
        #expect(classes("getpid") == [.pure])
        #expect(classes("newfstatat").isSuperset(of: [.fstat, .statLike, .file, .desc]))
        #expect(classes("clock_gettime") == [.clock])
        #expect(classes("getuid") == [.creds, .pure])
        #expect(classes("sched_yield").isEmpty)
        #expect(SyscallTable.classes(9999).isEmpty)
    }

    @Test func errnoNamesAndMessages() {
        #expect(Errno.name(2) == "ENOENT")
        #expect(Errno.name(133) == "EHWPOISON")
        #expect(Errno.name(512) == "ERESTARTSYS")
        #expect(Errno.name(516) == "ERESTART_RESTARTBLOCK")
        #expect(Errno.name(41) == nil)
        #expect(Errno.message(2) == "No such file or directory")
        #expect(Errno.message(25) == "Inappropriate ioctl for device")
        #expect(Errno.message(512) == "To be restarted if SA_RESTART is set")
        #expect(Errno.message(515) == "Unknown error 515")
        #expect(Errno.message(-3) == "Unknown error -3")
        #expect(Errno.message(99999) == "Unknown error 99999")
    }

    @Test func flagFormatting() {
        #expect(FlagTables.formatFlags(0x80000, table: FlagTables.open) == "O_RDONLY|O_CLOEXEC")
        #expect(FlagTables.formatFlags(0x8001, table: FlagTables.open) == "O_WRONLY|O_LARGEFILE")
        #expect(FlagTables.formatFlags(0x4000_0003, table: FlagTables.open) == "O_ACCMODE|0x40000000")
        #expect(FlagTables.formatFlags(0x11, table: FlagTables.prot) == "PROT_READ|0x10")
        #expect(FlagTables.formatFlags(0x10, table: FlagTables.prot) == "0x10 /* PROT_??? */")
        #expect(FlagTables.formatFlags(0, table: FlagTables.prot) == "PROT_NONE")
        #expect(FlagTables.formatFlags(0, table: FlagTables.openBits) == "0")
        #expect(FlagTables.formatFlags(0, table: FlagTables.at, zero: "NONE") == "NONE")
        #expect(FlagTables.formatFlags(0x100, table: FlagTables.getrandomFlags) == "0x100 /* GRND_??? */")
        #expect(FlagTables.formatFlags(7, table: FlagTables.accessMode) == "R_OK|W_OK|X_OK")
        #expect(FlagTables.seekWhence.formatValue(7) == "0x7 /* SEEK_??? */")
        #expect(FlagTables.signalName(37) == "SIGRT_5")
        #expect(FlagTables.signalName(32) == "SIGRTMIN")
        #expect(FlagTables.signalName(65) == "65")
    }

    @Test func stringEscaping() {
        #expect(StraceText.quote(Array("hello\n".utf8)) == #""hello\n""#)
        #expect(StraceText.quote([1, 0x38, 1, 0x37, 1, 0x30, 0x0a, 0x31, 0, 0x39, 0x7f, 0x30, 0x80])
            == #""\18\0017\0010\n1\09\1770\200""#)
        #expect(StraceText.quote(Array("\t\r\u{0b}\u{0c}\u{07}\u{08}\u{01} \"\\'?".utf8))
            == #""\t\r\v\f\7\10\1 \"\\'?""#)
        #expect(StraceText.quote([0x1b, 0xff, 0]) == #""\33\377\0""#)
        #expect(StraceText.quote([0x0a, 0xf4, 0x3f], hexEscapes: true) == #""\x0a\xf4\x3f""#)
    }

    // MARK: strings and buffers

    @Test mutating func writeBuffersAndTheStringLimit() {
        let text = "0123456789abcdefghijklmnopqrstuvwxyzABCDEF"
        memory.write(0x1000, Array(text.utf8))
        #expect(line("write", [2, 0x1000, 42], 42) == #"write(2, "0123456789abcdefghijklmnopqrstuv"..., 42) = 42"#)
        #expect(line("write", [2, 0x1000, 32], 32) == #"write(2, "0123456789abcdefghijklmnopqrstuv", 32) = 32"#)
        #expect(line("write", [2, 0x1000, 31], 31) == #"write(2, "0123456789abcdefghijklmnopqrstu", 31) = 31"#)
        #expect(line("write", [2, 0x1000, 33], 33) == #"write(2, "0123456789abcdefghijklmnopqrstuv"..., 33) = 33"#)
        #expect(line("write", [2, 0x1000, 42], 42, limit: 5) == #"write(2, "01234"..., 42) = 42"#)
        memory.write(0x2000, Array("hello\n".utf8))
        #expect(line("write", [1, 0x2000, 6], 6) == #"write(1, "hello\n", 6) = 6"#)
        memory.write(0x3000, [1, 0x38, 1, 0x37, 1, 0x30, 0x0a, 0x31, 0, 0x39, 0x7f, 0x30, 0x80])
        #expect(line("write", [2, 0x3000, 13], 13) == #"write(2, "\18\0017\0010\n1\09\1770\200", 13) = 13"#)
    }

    @Test mutating func readShowsTheBytesReturned() {
        memory.write(0x7000, Array("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1".utf8))
        #expect(line("read", [3, 0x7000, 4096], 1221)
            == #"read(3, "root:x:0:0:root:/root:/bin/bash\n"..., 4096) = 1221"#)
        #expect(line("read", [3, 0x7000, 4096], 5) == #"read(3, "root:", 4096) = 5"#)
        #expect(line("read", [0, 0x7000, 0], 0) == #"read(0, "", 0) = 0"#)
        #expect(line("read", [99, 0x7ffc054f1480, 10], -9)
            == "read(99, 0x7ffc054f1480, 10) = -1 EBADF (Bad file descriptor)")
        let elf: [UInt8] = [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0,
                            0x10, 0x74, 2, 0, 0, 0, 0, 0]
        memory.write(0x8000, elf + [0x40])
        #expect(line("read", [3, 0x8000, 832], 832)
            == #"read(3, "\177ELF\2\1\1\3\0\0\0\0\0\0\0\0\3\0>\0\1\0\0\0\20t\2\0\0\0\0\0"..., 832) = 832"#)
        let phdr: [UInt8] = [6, 0, 0, 0, 4, 0, 0, 0] + [0x40] + [UInt8](repeating: 0, count: 7)
            + [0x40] + [UInt8](repeating: 0, count: 7) + [0x40] + [UInt8](repeating: 0, count: 7)
        memory.write(0x9000, phdr)
        #expect(line("pread64", [3, 0x9000, 784, 64], 784)
            == #"pread64(3, "\6\0\0\0\4\0\0\0@\0\0\0\0\0\0\0@\0\0\0\0\0\0\0@\0\0\0\0\0\0\0"..., 784, 64) = 784"#)
    }

    @Test mutating func getrandomUsesHexEscapes() {
        memory.write(0x5000, [0x0a, 0xf4, 0x8b, 0x0e, 0x3f, 0xd2, 0x44, 0xb5])
        #expect(line("getrandom", [0x5000, 8, 1], 8)
            == #"getrandom("\x0a\xf4\x8b\x0e\x3f\xd2\x44\xb5", 8, GRND_NONBLOCK) = 8"#)
        #expect(line("getrandom", [0x5000, 4, 3], 4) == #"getrandom("\x0a\xf4\x8b\x0e", 4, GRND_NONBLOCK|GRND_RANDOM) = 4"#)
        #expect(line("getrandom", [0x7ffc054f1480, 4, 0x100], -22)
            == "getrandom(0x7ffc054f1480, 4, 0x100 /* GRND_??? */) = -1 EINVAL (Invalid argument)")
    }

    @Test mutating func paths() {
        memory.write(0x1000, cString: "/etc/passwd")
        memory.write(0x2000, cString: "/nonexistent")
        memory.write(0x3000, cString: "/etc/ld.so.preload")
        #expect(line("openat", [Self.AT_FDCWD, 0x1000, 0], 3) == #"openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3"#)
        #expect(line("openat", [Self.AT_FDCWD, 0x1000, 0x80000], 3)
            == #"openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3"#)
        #expect(line("openat", [Self.AT_FDCWD, 0x2000, 0], -2)
            == #"openat(AT_FDCWD, "/nonexistent", O_RDONLY) = -1 ENOENT (No such file or directory)"#)
        #expect(line("access", [0x3000, 4], -2)
            == #"access("/etc/ld.so.preload", R_OK) = -1 ENOENT (No such file or directory)"#)
        // Paths are not cut at -s, only at PATH_MAX.
        let long = "/tmp/0123456789012345678901234567890123456789/x"
        memory.write(0x4000, cString: long)
        #expect(line("access", [0x4000, 0], 0) == "access(\"\(long)\", F_OK) = 0")
        memory.write(0x10000, Array(("/" + String(repeating: "a", count: 4998)).utf8) + [0])
        let cut = line("access", [0x10000, 0], -36)
        #expect(cut == "access(\"/" + String(repeating: "a", count: 4094) + "\"..., F_OK) = -1 ENAMETOOLONG (File name too long)")
        memory.write(0x5000, Array("/tmp/x".utf8) + [1, 0xff, 0x22, 0])
        #expect(line("access", [0x5000, 0], -2) == #"access("/tmp/x\1\377\"", F_OK) = -1 ENOENT (No such file or directory)"#)
    }

    @Test func unreadablePointersPrintTheirAddress() {
        #expect(line("write", [1, 0xdead0000, 5], 5) == "write(1, 0xdead0000, 5) = 5")
        #expect(line("openat", [Self.AT_FDCWD, 0xdead0000, 0], -14)
            == "openat(AT_FDCWD, 0xdead0000, O_RDONLY) = -1 EFAULT (Bad address)")
        #expect(line("fstat", [0, 0x10], -14) == "fstat(0, 0x10) = -1 EFAULT (Bad address)")
        #expect(line("clock_gettime", [1, 0x8], -14) == "clock_gettime(CLOCK_MONOTONIC, 0x8) = -1 EFAULT (Bad address)")
        #expect(line("uname", [0x1234000], 0) == "uname(0x1234000) = 0")
    }

    // MARK: open and friends

    @Test mutating func openFlagsAndModes() {
        memory.write(0x1000, cString: "/x")
        #expect(line("openat", [Self.AT_FDCWD, 0x1000, 0x4000_0003], -2)
            == #"openat(AT_FDCWD, "/x", O_ACCMODE|0x40000000) = -1 ENOENT (No such file or directory)"#)
        #expect(line("openat", [5, 0x1000, 0o101, 0], 3) == #"openat(5, "/x", O_WRONLY|O_CREAT, 000) = 3"#)
        #expect(line("openat", [Self.AT_FDCWD, 0x1000, 0o20200002, 0o600], -20)
            == #"openat(AT_FDCWD, "/x", O_RDWR|O_TMPFILE, 0600) = -1 ENOTDIR (Not a directory)"#)
        #expect(line("openat", [Self.AT_FDCWD, 0x1000, 0x4000_0000 | 0o2202], 15)
            == #"openat(AT_FDCWD, "/x", O_RDWR|O_EXCL|O_APPEND|0x40000000) = 15"#)
        #expect(line("openat", [Self.AT_FDCWD, 0x1000, 0o2204000], 3)
            == #"openat(AT_FDCWD, "/x", O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY) = 3"#)
        #expect(line("open", [0x1000, 0o1101, 0o644], 14) == #"open("/x", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 14"#)
        #expect(line("mkdir", [0x1000, 0o755], 0) == #"mkdir("/x", 0755) = 0"#)
        #expect(line("mknodat", [Self.AT_FDCWD, 0x1000, 0o10600, 0], 0) == #"mknodat(AT_FDCWD, "/x", S_IFIFO|0600) = 0"#)
        #expect(line("mknod", [0x1000, 0o20644, 0x103], 0) == #"mknod("/x", S_IFCHR|0644, makedev(0x1, 0x3)) = 0"#)
        #expect(line("unlinkat", [Self.AT_FDCWD, 0x1000, 0], 0) == #"unlinkat(AT_FDCWD, "/x", 0) = 0"#)
        #expect(line("faccessat2", [Self.AT_FDCWD, 0x1000, 1, 0x200], 0) == #"faccessat2(AT_FDCWD, "/x", X_OK, AT_EACCESS) = 0"#)
        #expect(line("access", [0x1000, 8], -22) == #"access("/x", 0x8 /* ?_OK */) = -1 EINVAL (Invalid argument)"#)
        #expect(line("access", [0x1000, 7], 0) == #"access("/x", R_OK|W_OK|X_OK) = 0"#)
        #expect(line("umask", [0o777], 0o22) == "umask(0777) = 022")
        #expect(line("close", [3], 0) == "close(3) = 0")
        #expect(line("close", [99], -9) == "close(99) = -1 EBADF (Bad file descriptor)")
    }

    @Test mutating func statFamily() {
        var reg = DecoderBytes(144)
        reg.put(24, 0o100644, size: 4)
        reg.put(48, 3286)
        memory.write(0x6000, reg.bytes)
        memory.write(0x1000, cString: "")
        #expect(line("newfstatat", [3, 0x1000, 0x6000, 0x1000], 0)
            == #"newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=3286, ...}, AT_EMPTY_PATH) = 0"#)
        #expect(line("fstat", [3, 0x6000], 0) == "fstat(3, {st_mode=S_IFREG|0644, st_size=3286, ...}) = 0")
        var chr = DecoderBytes(144)
        chr.put(24, 0o20666, size: 4)
        chr.put(40, 0x103)
        memory.write(0x7000, chr.bytes)
        memory.write(0x2000, cString: "/dev/null")
        #expect(line("stat", [0x2000, 0x7000], 0)
            == #"stat("/dev/null", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}) = 0"#)
        var tty = DecoderBytes(144)
        tty.put(24, 0o20620, size: 4)
        tty.put(40, 0x8800)
        memory.write(0x7800, tty.bytes)
        #expect(line("fstat", [1, 0x7800], 0) == "fstat(1, {st_mode=S_IFCHR|0620, st_rdev=makedev(0x88, 0), ...}) = 0")
        var suid = DecoderBytes(144)
        suid.put(24, 0o104755, size: 4)
        suid.put(48, 68248)
        memory.write(0x8000, suid.bytes)
        memory.write(0x3000, cString: "/usr/bin/passwd")
        #expect(line("newfstatat", [Self.AT_FDCWD, 0x3000, 0x8000, 0], 0)
            == #"newfstatat(AT_FDCWD, "/usr/bin/passwd", {st_mode=S_IFREG|S_ISUID|0755, st_size=68248, ...}, 0) = 0"#)
        var dir = DecoderBytes(144)
        dir.put(24, 0o47777, size: 4)
        dir.put(48, 4096)
        memory.write(0x9000, dir.bytes)
        #expect(line("lstat", [0x3000, 0x9000], 0)
            == #"lstat("/usr/bin/passwd", {st_mode=S_IFDIR|S_ISUID|S_ISGID|S_ISVTX|0777, st_size=4096, ...}) = 0"#)
        // A failed call wrote nothing: its out-pointer prints as an address.
        #expect(line("stat", [0x2000, 0x7ffc054f1360], -2)
            == #"stat("/dev/null", 0x7ffc054f1360) = -1 ENOENT (No such file or directory)"#)
        var sx = DecoderBytes(256)
        sx.put(0, 0x17ff, size: 4)
        sx.put(8, 0x2000)
        sx.put(28, 0o40755, size: 2)
        sx.put(40, 4096)
        memory.write(0xa000, sx.bytes)
        memory.write(0x4000, cString: "/usr/..")
        #expect(line("statx", [Self.AT_FDCWD, 0x4000, 0x900, 0x25e, 0xa000], 0)
            == #"statx(AT_FDCWD, "/usr/..", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT, STATX_MODE|STATX_NLINK|STATX_UID|STATX_GID|STATX_MTIME|STATX_SIZE, {stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=STATX_ATTR_MOUNT_ROOT, stx_mode=S_IFDIR|0755, stx_size=4096, ...}) = 0"#)
        #expect(line("statx", [Self.AT_FDCWD, 0x4000, 0x2000, 0xfff, 0xa000], 0).hasPrefix(
            #"statx(AT_FDCWD, "/usr/..", AT_STATX_FORCE_SYNC, STATX_ALL, {"#))
    }

    @Test mutating func statfsAndSysinfoAndUname() {
        var fs = DecoderBytes(120)
        for (offset, value) in [(0, 0xef53), (8, 4096), (16, 66053021), (24, 62181246), (32, 20894628),
                                (40, 16777216), (48, 16377210), (64, 255), (72, 4096), (80, 0x1020)] {
            fs.put(offset, UInt64(value))
        }
        fs.put(56, 0x549fb578, size: 4)
        fs.put(60, 0x4fe1122e, size: 4)
        memory.write(0x6000, fs.bytes)
        memory.write(0x1000, cString: "/")
        #expect(line("statfs", [0x1000, 0x6000], 0)
            == #"statfs("/", {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=66053021, f_bfree=62181246, f_bavail=20894628, f_files=16777216, f_ffree=16377210, f_fsid={val=[0x549fb578, 0x4fe1122e]}, f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0"#)
        memory.write(0x2000, cString: "/sys/fs/selinux")
        #expect(line("statfs", [0x2000, 0x7fff62857690], -2)
            == #"statfs("/sys/fs/selinux", 0x7fff62857690) = -1 ENOENT (No such file or directory)"#)

        var si = DecoderBytes(112)
        for (offset, value) in [(0, 1240), (8, 78336), (16, 26080), (24, 11328), (32, 25276063744),
                                (40, 24150753280), (48, 9166848), (56, 5820416)] {
            si.put(offset, UInt64(value))
        }
        si.put(80, 111, size: 2)
        si.put(104, 1, size: 4)
        memory.write(0x8000, si.bytes)
        #expect(line("sysinfo", [0x8000], 0)
            == "sysinfo({uptime=1240, loads=[78336, 26080, 11328], totalram=25276063744, freeram=24150753280, sharedram=9166848, bufferram=5820416, totalswap=0, freeswap=0, procs=111, totalhigh=0, freehigh=0, mem_unit=1}) = 0")

        var uts = [UInt8](repeating: 0, count: 390)
        uts.replaceSubrange(0..<5, with: Array("Linux".utf8))
        uts.replaceSubrange(65..<67, with: Array("vm".utf8))
        memory.write(0x9000, uts)
        #expect(line("uname", [0x9000], 0) == #"uname({sysname="Linux", nodename="vm", ...}) = 0"#)
    }

    @Test mutating func cwdAndLinks() {
        memory.write(0x1000, cString: "/tmp/dt")
        #expect(line("getcwd", [0x1000, 256], 8) == #"getcwd("/tmp/dt", 256) = 8"#)
        memory.write(0x2000, cString: "/proc/self/exe")
        memory.write(0x3000, Array("/tmp/dt/t".utf8) + [0x78, 0x78])
        #expect(line("readlink", [0x2000, 0x3000, 256], 9) == #"readlink("/proc/self/exe", "/tmp/dt/t", 256) = 9"#)
        memory.write(0x4000, cString: "/a")
        memory.write(0x5000, cString: "/tmp/dt/l")
        #expect(line("symlink", [0x4000, 0x5000], 0) == #"symlink("/a", "/tmp/dt/l") = 0"#)
        #expect(line("rename", [0x4000, 0x5000], 0) == #"rename("/a", "/tmp/dt/l") = 0"#)
        #expect(line("chdir", [0x4000], 0) == #"chdir("/a") = 0"#)
        #expect(line("fchdir", [0], -20) == "fchdir(0) = -1 ENOTDIR (Not a directory)")
        #expect(line("chmod", [0x4000, 0o7777], 0) == #"chmod("/a", 07777) = 0"#)
    }

    @Test mutating func getdentsCountsEntries() {
        var dirents = [UInt8]()
        for _ in 0..<4 {
            var d = DecoderBytes(24)
            d.put(16, 24, size: 2)
            dirents += d.bytes
        }
        memory.write(0x55a2da293790, dirents)
        #expect(line("getdents64", [4, 0x55a2da293790, 4096], 96)
            == "getdents64(4, 0x55a2da293790 /* 4 entries */, 4096) = 96")
        #expect(line("getdents64", [4, 0x55a2da293790, 4096], 0)
            == "getdents64(4, 0x55a2da293790 /* 0 entries */, 4096) = 0")
        #expect(line("getdents64", [99, 0x55a2da293790, 4096], -9)
            == "getdents64(99, 0x55a2da293790, 4096) = -1 EBADF (Bad file descriptor)")
    }

    // MARK: memory

    @Test func memoryCalls() {
        #expect(line("mmap", [0, 8192, 3, 0x22, Self.neg(-1), 0], 0x7f4d4e870000)
            == "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f4d4e870000")
        #expect(line("mmap", [0x7f4d4e840000, 110592, 5, 0x812, 3, 0x7000], 0x7f4d4e840000)
            == "mmap(0x7f4d4e840000, 110592, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, 0x7000) = 0x7f4d4e840000")
        #expect(line("mmap", [0, 4096, 5, 0x8021 | 0x8000000, Self.neg(-1), 0], 0x7eff95b12000)
            == "mmap(NULL, 4096, PROT_READ|PROT_EXEC, MAP_SHARED|MAP_ANONYMOUS|MAP_POPULATE|2<<MAP_HUGE_SHIFT, -1, 0) = 0x7eff95b12000")
        #expect(line("mmap", [0, 4096, 0x10, 0x4000_0022, Self.neg(-1), 0], 0x7f658392a000)
            == "mmap(NULL, 4096, 0x10 /* PROT_??? */, MAP_PRIVATE|MAP_ANONYMOUS|16<<MAP_HUGE_SHIFT, -1, 0) = 0x7f658392a000")
        #expect(line("mmap", [0, 4096, 0, 0x40021 | (21 << 26), Self.neg(-1), 0], -12)
            == "mmap(NULL, 4096, PROT_NONE, MAP_SHARED|MAP_ANONYMOUS|MAP_HUGETLB|21<<MAP_HUGE_SHIFT, -1, 0) = -1 ENOMEM (Cannot allocate memory)")
        #expect(line("mmap", [0, 8392704, 0, 0x20022, Self.neg(-1), 0], 0x7f2a31e5b000)
            == "mmap(NULL, 8392704, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK, -1, 0) = 0x7f2a31e5b000")
        #expect(line("mprotect", [0x7f4d4e826000, 16384, 1], 0) == "mprotect(0x7f4d4e826000, 16384, PROT_READ) = 0")
        #expect(line("mprotect", [0x1000, 4096, 0], -12) == "mprotect(0x1000, 4096, PROT_NONE) = -1 ENOMEM (Cannot allocate memory)")
        #expect(line("munmap", [0x7f4d4e867000, 33519], 0) == "munmap(0x7f4d4e867000, 33519) = 0")
        #expect(line("brk", [0], 0x55a2da288000) == "brk(NULL) = 0x55a2da288000")
        #expect(line("brk", [0x55a2da2a9000], 0x55a2da2a9000) == "brk(0x55a2da2a9000) = 0x55a2da2a9000")
        #expect(line("madvise", [0x7f2a31e5b000, 8368128, 4], 0) == "madvise(0x7f2a31e5b000, 8368128, MADV_DONTNEED) = 0")
        #expect(line("madvise", [0x7ffc054f1480, 0, 999], -22)
            == "madvise(0x7ffc054f1480, 0, 0x3e7 /* MADV_??? */) = -1 EINVAL (Invalid argument)")
    }

    // MARK: processes

    @Test func processStartup() {
        #expect(line("arch_prctl", [0x1002, 0x7f4d4e5ba800], 0) == "arch_prctl(ARCH_SET_FS, 0x7f4d4e5ba800) = 0")
        #expect(line("arch_prctl", [0x9999, 1], -22) == "arch_prctl(0x9999 /* ARCH_??? */, 0x1) = -1 EINVAL (Invalid argument)")
        #expect(line("set_tid_address", [0x7f4d4e5baad0], 4962) == "set_tid_address(0x7f4d4e5baad0) = 4962")
        #expect(line("set_tid_address", [0], 15125) == "set_tid_address(0) = 15125")
        #expect(line("set_robust_list", [0x7f4d4e5baae0, 24], 0) == "set_robust_list(0x7f4d4e5baae0, 24) = 0")
        #expect(line("rseq", [0x7f4d4e5bb120, 0x20, 0, 0x53053053], 0) == "rseq(0x7f4d4e5bb120, 0x20, 0, 0x53053053) = 0")
        #expect(line("exit_group", [0], nil) == "exit_group(0) = ?")
        #expect(line("exit", [0], nil) == "exit(0) = ?")
        #expect(line("getpid", [], 1234) == "getpid() = 1234")
        #expect(line("gettid", [], 5400) == "gettid() = 5400")
        #expect(line("sched_yield", [], 0) == "sched_yield() = 0")
        #expect(line("kill", [99999999, 99], -3) == "kill(99999999, 99) = -1 ESRCH (No such process)")
        #expect(line("kill", [99999999, 37], -3) == "kill(99999999, SIGRT_5) = -1 ESRCH (No such process)")
        #expect(line("kill", [5402, 9], nil) == "kill(5402, SIGKILL) = ?")
        #expect(line("kill", [0, 0], 0) == "kill(0, 0) = 0")
        #expect(line("tgkill", [14642, 14642, 0], 0) == "tgkill(14642, 14642, 0) = 0")
        #expect(line("alarm", [1], 0) == "alarm(1) = 0")
        #expect(line("dup2", [3, 1], 1) == "dup2(3, 1) = 1")
        #expect(line("dup3", [2, 8, 0x80000], 8) == "dup3(2, 8, O_CLOEXEC) = 8")
        #expect(line("dup3", [2, 2, 0], -22) == "dup3(2, 2, 0) = -1 EINVAL (Invalid argument)")
    }

    @Test mutating func execve() {
        memory.write(0x1000, cString: "/bin/ls")
        memory.write(0x1100, cString: "ls")
        memory.write(0x1200, cString: "-la")
        memory.write(0x1300, cString: "0123456789abcdefghijklmnopqrstuvwxyzABCDEF")
        memory.write(0x1400, cString: "")
        var argv = DecoderBytes(24)
        argv.put(0, 0x1100)
        argv.put(8, 0x1200)
        memory.write(0x2000, argv.bytes)
        var envp = DecoderBytes(8 * 21)
        for i in 0..<20 { envp.put(8 * i, 0x1100) }
        memory.write(0x7ffe00001000, envp.bytes)
        #expect(line("execve", [0x1000, 0x2000, 0x7ffe00001000], 0)
            == #"execve("/bin/ls", ["ls", "-la"], 0x7ffe00001000 /* 20 vars */) = 0"#)
        var argv2 = DecoderBytes(32)
        argv2.put(0, 0x1000)
        argv2.put(8, 0x1300)
        argv2.put(16, 0x1400)
        memory.write(0x3000, argv2.bytes)
        var env2 = DecoderBytes(16)
        env2.put(0, 0x1100)
        memory.write(0x7ffe00002000, env2.bytes)
        #expect(line("execve", [0x1000, 0x3000, 0x7ffe00002000], -2)
            == #"execve("/bin/ls", ["/bin/ls", "0123456789abcdefghijklmnopqrstuv"..., ""], 0x7ffe00002000 /* 1 var */) = -1 ENOENT (No such file or directory)"#)
        #expect(line("execve", [0x1000, 0, 0], -2) == #"execve("/bin/ls", NULL, NULL) = -1 ENOENT (No such file or directory)"#)
    }

    @Test mutating func waitAndClone() {
        memory.write(0x7000, [0, 3, 0, 0])
        #expect(line("wait4", [5401, 0x7000, 0, 0], 5401) == "wait4(5401, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 5401")
        memory.write(0x7100, [9, 0, 0, 0])
        #expect(line("wait4", [Self.neg(-1), 0x7100, 0, 0], 5402)
            == "wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = 5402")
        memory.write(0x7200, [0x8b, 0, 0, 0])
        #expect(line("wait4", [Self.neg(-1), 0x7200, 0, 0], 77)
            == "wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}], 0, NULL) = 77")
        #expect(line("wait4", [Self.neg(-1), 0x7fffe5aea24c, 0x4000_0001, 0], 0)
            == "wait4(-1, 0x7fffe5aea24c, WNOHANG|__WALL, NULL) = 0")
        memory.write(0x7300, [0, 0, 0, 0])
        #expect(line("wait4", [14644, 0x7300, 10, 0], 14644)
            == "wait4(14644, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], WSTOPPED|WCONTINUED, NULL) = 14644")
        #expect(line("waitid", [0, 0, 0x7fff7466c0a0, 5, 0], -10)
            == "waitid(P_ALL, 0, 0x7fff7466c0a0, WNOHANG|WEXITED, NULL) = -1 ECHILD (No child processes)")
        #expect(line("clone", [0x1200011, 0, 0, 0x7eff95925a10, 0], 5401)
            == "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7eff95925a10) = 5401")
        #expect(line("fork", [], 77) == "fork() = 77")
        #expect(line("vfork", [], 14644) == "vfork() = 14644")

        var args = DecoderBytes(88)
        args.put(0, 0x3d0f00)
        args.put(16, 0x7f2a3265b990)
        args.put(24, 0x7f2a3265b990)
        args.put(40, 0x7f2a31e5b000)
        args.put(48, 0x7fff80)
        args.put(56, 0x7f2a3265b6c0)
        memory.write(0x7f2a3265a000, args.bytes)
        memory.write(0x7f2a3265b990, [0x33, 0x39, 0, 0])
        #expect(line("clone3", [0x7f2a3265a000, 88], 14643)
            == "clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f2a3265b990, parent_tid=0x7f2a3265b990, exit_signal=0, stack=0x7f2a31e5b000, stack_size=0x7fff80, tls=0x7f2a3265b6c0} => {parent_tid=[14643]}, 88) = 14643")
    }

    @Test mutating func prctlAndLimits() {
        memory.write(0x1000, cString: "foo")
        #expect(line("prctl", [15, 0x1000], 0) == #"prctl(PR_SET_NAME, "foo") = 0"#)
        memory.write(0x2000, cString: "t3")
        #expect(line("prctl", [16, 0x2000], 0) == #"prctl(PR_GET_NAME, "t3") = 0"#)
        #expect(line("prctl", [1, 15], 0) == "prctl(PR_SET_PDEATHSIG, SIGTERM) = 0")
        #expect(line("prctl", [3], 1) == "prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER)")
        #expect(line("prctl", [3], 0) == "prctl(PR_GET_DUMPABLE) = 0 (SUID_DUMP_DISABLE)")
        #expect(line("prctl", [4, 0], 0) == "prctl(PR_SET_DUMPABLE, SUID_DUMP_DISABLE) = 0")
        #expect(line("prctl", [8, 1], 0) == "prctl(PR_SET_KEEPCAPS, 1) = 0")
        #expect(line("prctl", [23, 0], 1) == "prctl(PR_CAPBSET_READ, CAP_CHOWN) = 1")
        #expect(line("prctl", [24, 99], -22) == "prctl(PR_CAPBSET_DROP, 0x63 /* CAP_??? */) = -1 EINVAL (Invalid argument)")
        #expect(line("prctl", [38, 1, 0, 0, 0], 0) == "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0")
        #expect(line("prctl", [30], 50000) == "prctl(PR_GET_TIMERSLACK) = 50000")
        memory.write(0x3000, [1, 0, 0, 0])
        #expect(line("prctl", [37, 0x3000], 0) == "prctl(PR_GET_CHILD_SUBREAPER, [1]) = 0")
        memory.write(0x3100, [0, 0, 0, 0])
        #expect(line("prctl", [2, 0x3100], 0) == "prctl(PR_GET_PDEATHSIG, [0]) = 0")
        #expect(line("prctl", [9999, 1, 2, 3, 4], -22)
            == "prctl(0x270f /* PR_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EINVAL (Invalid argument)")

        var rl = DecoderBytes(16)
        rl.put(0, 8192 * 1024)
        rl.put(8, UInt64.max)
        memory.write(0x4000, rl.bytes)
        #expect(line("prlimit64", [0, 3, 0, 0x4000], 0)
            == "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0")
        var nofile = DecoderBytes(16)
        nofile.put(0, 1024)
        nofile.put(8, 4096)
        memory.write(0x5000, nofile.bytes)
        #expect(line("prlimit64", [0, 7, 0x5000, 0], 0)
            == "prlimit64(0, RLIMIT_NOFILE, {rlim_cur=1024, rlim_max=4*1024}, NULL) = 0")
        var odd = DecoderBytes(16)
        odd.put(0, 8388609)
        odd.put(8, 4096)
        memory.write(0x6000, odd.bytes)
        #expect(line("prlimit64", [0, 3, 0x6000, 0], -22)
            == "prlimit64(0, RLIMIT_STACK, {rlim_cur=8388609, rlim_max=4*1024}, NULL) = -1 EINVAL (Invalid argument)")
        #expect(line("prlimit64", [0, 99, 0, 0], -22)
            == "prlimit64(0, 0x63 /* RLIMIT_??? */, NULL, NULL) = -1 EINVAL (Invalid argument)")
        var ru = DecoderBytes(144)
        ru.put(8, 2825)
        memory.write(0x7000, ru.bytes)
        #expect(line("getrusage", [0, 0x7000], 0)
            == "getrusage(RUSAGE_SELF, {ru_utime={tv_sec=0, tv_usec=2825}, ru_stime={tv_sec=0, tv_usec=0}, ...}) = 0")
        memory.write(0x8000, [0, 0, 0, 0])
        #expect(line("getresuid", [0x8000, 0x8000, 0x8000], 0) == "getresuid([0], [0], [0]) = 0")
        #expect(line("getcpu", [0x8000, 0x8000, 0], 0) == "getcpu([0], [0], NULL) = 0")
        #expect(line("times", [0], 1718171442) == "times(NULL) = 1718171442")
        memory.write(0x9000, [3, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 120))
        #expect(line("sched_getaffinity", [0, 128, 0x9000], 32) == "sched_getaffinity(0, 128, [0 1]) = 32")
        memory.write(0x9100, [2] + [UInt8](repeating: 0, count: 127))
        #expect(line("sched_setaffinity", [0, 128, 0x9100], 0) == "sched_setaffinity(0, 128, [1]) = 0")
    }

    // MARK: signals

    @Test mutating func signalCalls() {
        var action = DecoderBytes(32)
        action.put(0, 0x55f987b544b9)
        action.put(8, 0x1400_0004)
        action.put(16, 0x7eff95964050)
        action.put(24, (1 << 9) | (1 << 35))
        memory.write(0x1000, action.bytes)
        #expect(line("rt_sigaction", [2, 0x1000, 0, 8], 0)
            == "rt_sigaction(SIGINT, {sa_handler=0x55f987b544b9, sa_mask=[USR1 RT_4], sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO, sa_restorer=0x7eff95964050}, NULL, 8) = 0")
        var dfl = DecoderBytes(32)
        dfl.put(8, 0x1400_0000)
        dfl.put(16, 0x7f44dbdff050)
        memory.write(0x2000, dfl.bytes)
        memory.write(0x3000, DecoderBytes(32).bytes)
        #expect(line("rt_sigaction", [17, 0x2000, 0x3000, 8], 0)
            == "rt_sigaction(SIGCHLD, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7f44dbdff050}, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0")
        var ign = DecoderBytes(32)
        ign.put(0, 1)
        ign.put(8, 0x0400_0000)
        ign.put(16, 0x7f44dbdff050)
        memory.write(0x3800, ign.bytes)
        #expect(line("rt_sigaction", [3, 0x3800, 0, 8], 0)
            == "rt_sigaction(SIGQUIT, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=SA_RESTORER, sa_restorer=0x7f44dbdff050}, NULL, 8) = 0")

        var set = DecoderBytes(8)
        set.put(0, (1 << 14) | (1 << 16))
        memory.write(0x4000, set.bytes)
        #expect(line("rt_sigprocmask", [0, 0x4000, 0, 8], 0) == "rt_sigprocmask(SIG_BLOCK, [TERM CHLD], NULL, 8) = 0")
        var almostFull = DecoderBytes(8)
        almostFull.put(0, ~UInt64((1 << 31) | (1 << 32)))
        memory.write(0x5000, almostFull.bytes)
        #expect(line("rt_sigprocmask", [2, 0x5000, 0x4000, 8], 0)
            == "rt_sigprocmask(SIG_SETMASK, ~[RTMIN RT_1], [TERM CHLD], 8) = 0")
        memory.write(0x6000, [UInt8](repeating: 0xff, count: 8))
        memory.write(0x6100, [UInt8](repeating: 0, count: 8))
        #expect(line("rt_sigprocmask", [0, 0x6000, 0x6100, 8], 0) == "rt_sigprocmask(SIG_BLOCK, ~[], [], 8) = 0")
        #expect(line("rt_sigprocmask", [2, 0x6100, 0, 8], 0) == "rt_sigprocmask(SIG_SETMASK, [], NULL, 8) = 0")
        #expect(line("rt_sigprocmask", [0, 0, 0x6100, 8], 0) == "rt_sigprocmask(SIG_BLOCK, NULL, [], 8) = 0")
        #expect(line("rt_sigpending", [0x6100, 8], 0) == "rt_sigpending([], 8) = 0")
        var stack = DecoderBytes(24)
        stack.put(8, 2, size: 4)
        memory.write(0x7000, stack.bytes)
        #expect(line("sigaltstack", [0, 0x7000], 0) == "sigaltstack(NULL, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0")
    }

    @Test func restartAndErrorResults() {
        #expect(line("pause", [], -514) == "pause() = ? ERESTARTNOHAND (To be restarted if no handler)")
        #expect(line("read", [5, 0x7ffc054f10f7, 1], -512)
            == "read(5, 0x7ffc054f10f7, 1) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)")
        #expect(line("nanosleep", [0, 0], -516) == "nanosleep(NULL, NULL) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)")
        #expect(line("clone", [0x1200011, 0, 0, 0, 0], -513).hasSuffix("= ? ERESTARTNOINTR (To be restarted)"))
        #expect(SyscallFormatter.formatReturn(nr: 0, result: -2) == "-1 ENOENT (No such file or directory)")
        #expect(SyscallFormatter.formatReturn(nr: 9, result: 0x7f3a2c001000) == "0x7f3a2c001000")
        #expect(SyscallFormatter.formatReturn(nr: 231, result: nil) == "?")
        #expect(SyscallFormatter.formatReturn(nr: 95, result: 0o22) == "022")
        #expect(SyscallFormatter.formatReturn(nr: 0, result: -4096) == "-4096")
    }

    @Test func unknownSyscalls() {
        let e = SyscallEvent(number: 451, args: SyscallArgs(1, 2, 3, 4, 5, 6), result: -14)
        #expect(SyscallFormatter().format(e, memory: memory) == "syscall_0x1c3(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 EFAULT (Bad address)")
        let f = SyscallEvent(number: 500, args: SyscallArgs(0x10), result: -38)
        #expect(SyscallFormatter().format(f, memory: memory) == "syscall_0x1f4(0x10, 0, 0, 0, 0, 0) = -1 ENOSYS (Function not implemented)")
        #expect(SyscallFormatter.displayName(500) == "syscall_0x1f4")
        // As host strace 6.1 prints fchmodat2 and getxattrat: raw 64-bit registers, the result in hex.
        let g = SyscallEvent(number: 452, args: SyscallArgs(0xffff_ffff_ffff_ff9c, 0x10, 0o640, 0), result: 0)
        #expect(SyscallFormatter().format(g, memory: memory) == "syscall_0x1c4(0xffffffffffffff9c, 0x10, 0x1a0, 0, 0, 0) = 0")
        let h = SyscallEvent(number: 464, args: SyscallArgs(0xffff_ff9c, 0x10), result: 7)
        #expect(SyscallFormatter().format(h, memory: memory) == "syscall_0x1d0(0xffffff9c, 0x10, 0, 0, 0, 0) = 0x7")
    }

    // MARK: descriptors

    @Test mutating func fcntlAndIoctl() {
        #expect(line("fcntl", [2, 1], 0) == "fcntl(2, F_GETFD) = 0")
        #expect(line("fcntl", [3, 1], 1) == "fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)")
        #expect(line("fcntl", [255, 1], -9) == "fcntl(255, F_GETFD) = -1 EBADF (Bad file descriptor)")
        #expect(line("fcntl", [2, 3], 0x8001) == "fcntl(2, F_GETFL) = 0x8001 (flags O_WRONLY|O_LARGEFILE)")
        #expect(line("fcntl", [2, 2, 1], 0) == "fcntl(2, F_SETFD, FD_CLOEXEC) = 0")
        #expect(line("fcntl", [2, 1030, 10], 11) == "fcntl(2, F_DUPFD_CLOEXEC, 10) = 11")
        #expect(line("fcntl", [2, 4, 0o4000], 0) == "fcntl(2, F_SETFL, O_RDONLY|O_NONBLOCK) = 0")
        #expect(line("fcntl", [0, 999, 1], -22) == "fcntl(0, 0x3e7 /* F_??? */, 0x1) = -1 EINVAL (Invalid argument)")
        var lock = DecoderBytes(32)
        lock.put(0, 1, size: 2)
        memory.write(0x1000, lock.bytes)
        #expect(line("fcntl", [3, 7, 0x1000], 0) == "fcntl(3, F_SETLKW, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0}) = 0")

        #expect(line("ioctl", [1, 0x5401, 0x7fff628575d0], -25)
            == "ioctl(1, TCGETS, 0x7fff628575d0) = -1 ENOTTY (Inappropriate ioctl for device)")
        var termios = DecoderBytes(36)
        termios.put(0, 0x500, size: 4)
        termios.put(4, 0x5, size: 4)
        termios.put(8, 0xbf, size: 4)
        termios.put(12, 0x8a3b, size: 4)
        memory.write(0x2000, termios.bytes)
        #expect(line("ioctl", [0, 0x5401, 0x2000], 0)
            == "ioctl(0, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, ...}) = 0")
        #expect(line("ioctl", [0, 0x5403, 0x2000], 0)
            == "ioctl(0, SNDCTL_TMR_STOP or TCSETSW, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, ...}) = 0")
        memory.write(0x3000, [UInt8](repeating: 0, count: 8))
        #expect(line("ioctl", [0, 0x5413, 0x3000], 0) == "ioctl(0, TIOCGWINSZ, {ws_row=0, ws_col=0, ws_xpixel=0, ws_ypixel=0}) = 0")
        #expect(line("ioctl", [0, 0x541b, 0x3000], 0) == "ioctl(0, FIONREAD, [0]) = 0")
        #expect(line("ioctl", [0, 0x541b, 0x7fffe5aea0c4], -25)
            == "ioctl(0, FIONREAD, 0x7fffe5aea0c4) = -1 ENOTTY (Inappropriate ioctl for device)")
        #expect(line("ioctl", [0, 0x5421, 0x3000], 0) == "ioctl(0, FIONBIO, [0]) = 0")
        #expect(line("ioctl", [0, 0x5451], 0) == "ioctl(0, FIOCLEX) = 0")
        #expect(line("ioctl", [Self.neg(-1), 0x5409, 0x1000], -9) == "ioctl(-1, TCSBRK, 4096) = -1 EBADF (Bad file descriptor)")
        #expect(line("ioctl", [Self.neg(-1), 0x540b, 0x1000], -9)
            == "ioctl(-1, TCFLSH, 0x1000 /* TC??? */) = -1 EBADF (Bad file descriptor)")
        #expect(line("ioctl", [0, 0x12345678, 0], -25)
            == "ioctl(0, _IOC(_IOC_NONE, 0x56, 0x78, 0x1234), 0) = -1 ENOTTY (Inappropriate ioctl for device)")
        #expect(line("ioctl", [Self.neg(-1), 0x40049409, 0x1000], -9)
            == "ioctl(-1, BTRFS_IOC_CLONE or FICLONE, 4096) = -1 EBADF (Bad file descriptor)")
    }

    @Test mutating func pipesAndSeeking() {
        memory.write(0x1000, [3, 0, 0, 0, 4, 0, 0, 0])
        #expect(line("pipe2", [0x1000, 0x80000], 0) == "pipe2([3, 4], O_CLOEXEC) = 0")
        #expect(line("pipe2", [0x1000, 0], 0) == "pipe2([3, 4], 0) = 0")
        #expect(line("lseek", [3, 0, 1], 0) == "lseek(3, 0, SEEK_CUR) = 0")
        #expect(line("lseek", [0, 10, 2], 0) == "lseek(0, 10, SEEK_END) = 0")
        #expect(line("lseek", [0, 0, 7], -22) == "lseek(0, 0, 0x7 /* SEEK_??? */) = -1 EINVAL (Invalid argument)")
        #expect(line("eventfd2", [0, 0x80800], 3) == "eventfd2(0, EFD_CLOEXEC|EFD_NONBLOCK) = 3")
        #expect(line("epoll_create1", [0x80000], 4) == "epoll_create1(EPOLL_CLOEXEC) = 4")
        #expect(line("inotify_init1", [0x80800], 5) == "inotify_init1(IN_NONBLOCK|IN_CLOEXEC) = 5")
        #expect(line("close_range", [3, 0xffff_ffff, 0], 0) == "close_range(3, 4294967295, 0) = 0")
        #expect(line("fadvise64", [3, 0, 0, 2], 0) == "fadvise64(3, 0, 0, POSIX_FADV_SEQUENTIAL) = 0")
        memory.write(0x2000, Array("abc".utf8))
        #expect(line("pwrite64", [6, 0x2000, 3, 10], 3) == #"pwrite64(6, "abc", 3, 10) = 3"#)
        #expect(line("ftruncate", [6, 100], 0) == "ftruncate(6, 100) = 0")
    }

    @Test mutating func vectorsAndPolling() {
        memory.write(0x1000, Array("hello\n".utf8))
        memory.write(0x1100, [0x78, 0, 0x79, 1, 0x7f, 0x1b, 0x80, 0xff])
        var iov = DecoderBytes(32)
        iov.put(0, 0x1000)
        iov.put(8, 6)
        iov.put(16, 0x1100)
        iov.put(24, 8)
        memory.write(0x2000, iov.bytes)
        #expect(line("writev", [1, 0x2000, 1], 6) == #"writev(1, [{iov_base="hello\n", iov_len=6}], 1) = 6"#)
        #expect(line("writev", [2, 0x2000, 2], 14)
            == #"writev(2, [{iov_base="hello\n", iov_len=6}, {iov_base="x\0y\1\177\33\200\377", iov_len=8}], 2) = 14"#)
        #expect(line("readv", [3, 0x2000, 2], 8)
            == #"readv(3, [{iov_base="hello\n", iov_len=6}, {iov_base="x\0", iov_len=8}], 2) = 8"#)

        var fds = DecoderBytes(16)
        fds.put(0, 0, size: 4)
        fds.put(4, 1, size: 2)
        fds.put(6, 1, size: 2)
        fds.put(8, 1, size: 4)
        fds.put(12, 4, size: 2)
        fds.put(14, 4, size: 2)
        memory.write(0x3000, fds.bytes)
        #expect(line("poll", [0x3000, 2, 0], 2)
            == "poll([{fd=0, events=POLLIN}, {fd=1, events=POLLOUT}], 2, 0) = 2 ([{fd=0, revents=POLLIN}, {fd=1, revents=POLLOUT}])")
        var waiting = DecoderBytes(8)
        waiting.put(0, 3, size: 4)
        waiting.put(4, 3, size: 2)
        memory.write(0x3100, waiting.bytes)
        #expect(line("poll", [0x3100, 1, 1], 0) == "poll([{fd=3, events=POLLIN|POLLPRI}], 1, 1) = 0 (Timeout)")
        #expect(line("poll", [0, 0, 0], 0) == "poll(NULL, 0, 0) = 0 (Timeout)")

        memory.write(0x4000, [0x05, 0, 0, 0, 0, 0, 0, 0])
        memory.write(0x4100, [UInt8](repeating: 0, count: 16))
        #expect(line("pselect6", [3, 0x4000, 0, 0, 0x4100, 0], 2)
            == "pselect6(3, [0 2], NULL, NULL, {tv_sec=0, tv_nsec=0}, NULL) = 2 (in [0 2], left {tv_sec=0, tv_nsec=0})")
        memory.write(0x4200, [0x20, 0, 0, 0, 0, 0, 0, 0])
        var tv = DecoderBytes(16)
        tv.put(0, 1)
        tv.put(8, 5)
        memory.write(0x4300, tv.bytes)
        #expect(line("select", [6, 0x4200, 0, 0, 0x4300], 0) == "select(6, [5], NULL, NULL, {tv_sec=1, tv_usec=5}) = 0 (Timeout)")
    }

    // MARK: time

    @Test mutating func clocksAndFutexes() {
        var ts = DecoderBytes(16)
        ts.put(0, 1277)
        ts.put(8, 882393147)
        memory.write(0x1000, ts.bytes)
        #expect(line("clock_gettime", [1, 0x1000], 0) == "clock_gettime(CLOCK_MONOTONIC, {tv_sec=1277, tv_nsec=882393147}) = 0")
        #expect(line("clock_gettime", [99, 0x7ffc054f11c0], -22)
            == "clock_gettime(0x63 /* CLOCK_??? */, 0x7ffc054f11c0) = -1 EINVAL (Invalid argument)")
        var short = DecoderBytes(16)
        short.put(8, 1)
        memory.write(0x2000, short.bytes)
        #expect(line("nanosleep", [0x2000, 0], 0) == "nanosleep({tv_sec=0, tv_nsec=1}, NULL) = 0")
        #expect(line("clock_nanosleep", [1, 1, 0x2000, 0], 0)
            == "clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=0, tv_nsec=1}, NULL) = 0")
        #expect(line("gettimeofday", [0, 0], 0) == "gettimeofday(NULL, NULL) = 0")

        #expect(line("futex", [0x7f4d4e82ba4c, 129, 2147483647], 0)
            == "futex(0x7f4d4e82ba4c, FUTEX_WAKE_PRIVATE, 2147483647) = 0")
        #expect(line("futex", [0x7fff7466c144, 1, 1], 0) == "futex(0x7fff7466c144, FUTEX_WAKE, 1) = 0")
        var us = DecoderBytes(16)
        us.put(8, 1000)
        memory.write(0x3000, us.bytes)
        #expect(line("futex", [0x7fff7466c144, 128, 0, 0x3000], -110)
            == "futex(0x7fff7466c144, FUTEX_WAIT_PRIVATE, 0, {tv_sec=0, tv_nsec=1000}) = -1 ETIMEDOUT (Connection timed out)")
        #expect(line("futex", [0x7f2a3265b990, 0x109, 14643, 0, 0, 0xffff_ffff], 0)
            == "futex(0x7f2a3265b990, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 14643, NULL, FUTEX_BITSET_MATCH_ANY) = 0")
        #expect(line("futex", [0x7fff7466c144, 0x189, 0, 0x3000, 0, 0xffff_ffff], -110)
            == "futex(0x7fff7466c144, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=1000}, FUTEX_BITSET_MATCH_ANY) = -1 ETIMEDOUT (Connection timed out)")
        #expect(line("time", [0], 1795613293).hasPrefix("time(NULL) = 1795613293 ("))
    }

    // MARK: sockets

    @Test mutating func sockets() {
        #expect(line("socket", [1, 0x80801, 0], 3) == "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0) = 3")
        #expect(line("socket", [2, 1, 6], 9) == "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 9")
        #expect(line("socket", [10, 0x802, 0], 12) == "socket(AF_INET6, SOCK_DGRAM|SOCK_NONBLOCK, IPPROTO_IP) = 12")
        #expect(line("socket", [99, 99, 0], -22) == "socket(0x63 /* AF_??? */, SOCK_RAW|0x60 /* SOCK_??? */, 0) = -1 EINVAL (Invalid argument)")
        memory.write(0x1000, [7, 0, 0, 0, 8, 0, 0, 0])
        #expect(line("socketpair", [1, 2, 0, 0x1000], 0) == "socketpair(AF_UNIX, SOCK_DGRAM, 0, [7, 8]) = 0")

        var unix = [UInt8](repeating: 0, count: 110)
        unix[0] = 1
        unix.replaceSubrange(2..<22, with: Array("/var/run/nscd/socket".utf8))
        memory.write(0x2000, unix)
        #expect(line("connect", [3, 0x2000, 110], -2)
            == #"connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)"#)
        let inet: [UInt8] = [2, 0, 0, 9, 127, 0, 0, 1] + [UInt8](repeating: 0, count: 8)
        memory.write(0x3000, inet)
        #expect(line("connect", [9, 0x3000, 16], -111)
            == #"connect(9, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED (Connection refused)"#)
        let inet6: [UInt8] = [10, 0, 0, 80] + [UInt8](repeating: 0, count: 24)
        memory.write(0x4000, inet6)
        #expect(line("connect", [12, 0x4000, 28], 0)
            == #"connect(12, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::", &sin6_addr), sin6_scope_id=0}, 28) = 0"#)
        let dns: [UInt8] = [2, 0, 0x14, 0xe9, 127, 0, 0, 1] + [UInt8](repeating: 0, count: 8)
        memory.write(0x5000, dns)
        #expect(line("bind", [5, 0x5000, 16], 0)
            == #"bind(5, {sa_family=AF_INET, sin_port=htons(5353), sin_addr=inet_addr("127.0.0.1")}, 16) = 0"#)
        memory.write(0x6000, Array("hi\0there".utf8))
        #expect(line("sendto", [5, 0x6000, 8, 0, 0x5000, 16], 8)
            == #"sendto(5, "hi\0there", 8, 0, {sa_family=AF_INET, sin_port=htons(5353), sin_addr=inet_addr("127.0.0.1")}, 16) = 8"#)
        memory.write(0x7000, [16, 0, 0, 0])
        #expect(line("recvfrom", [5, 0x6000, 64, 0, 0x5000, 0x7000], 8)
            == #"recvfrom(5, "hi\0there", 64, 0, {sa_family=AF_INET, sin_port=htons(5353), sin_addr=inet_addr("127.0.0.1")}, [16]) = 8"#)
        memory.write(0x8000, Array("ping".utf8))
        #expect(line("sendto", [7, 0x8000, 4, 0x40, 0, 0], 4) == #"sendto(7, "ping", 4, MSG_DONTWAIT, NULL, 0) = 4"#)
        #expect(line("recvfrom", [8, 0x8000, 256, 0, 0, 0], 4) == #"recvfrom(8, "ping", 256, 0, NULL, NULL) = 4"#)
    }

    @Test mutating func socketOptionsAndGroups() {
        memory.write(0x1000, [0, 0, 0, 0])
        memory.write(0x1100, [4, 0, 0, 0])
        #expect(line("getsockopt", [3, 1, 4, 0x1000, 0x1100], 0) == "getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0")
        memory.write(0x1200, [0, 0, 2, 0])
        #expect(line("getsockopt", [3, 1, 8, 0x1200, 0x1100], 0) == "getsockopt(3, SOL_SOCKET, SO_RCVBUF, [131072], [4]) = 0")
        memory.write(0x1300, [1, 0, 0, 0])
        #expect(line("setsockopt", [3, 1, 2, 0x1300, 4], 0) == "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0")
        #expect(line("setsockopt", [3, 6, 1, 0x1300, 4], 0) == "setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4) = 0")
        #expect(line("setsockopt", [3, 0, 11, 0x1300, 4], 0) == "setsockopt(3, SOL_IP, IP_RECVERR, [1], 4) = 0")
        memory.write(0x1400, [16, 0, 0, 0])
        #expect(line("getpeername", [0, 0x7fffffffe540, 0x1400], -88)
            == "getpeername(0, 0x7fffffffe540, [16]) = -1 ENOTSOCK (Socket operation on non-socket)")
        let inet: [UInt8] = [2, 0, 0xa4, 0x91, 127, 0, 0, 1] + [UInt8](repeating: 0, count: 8)
        memory.write(0x2000, inet)
        #expect(line("getsockname", [3, 0x2000, 0x1400], 0)
            == #"getsockname(3, {sa_family=AF_INET, sin_port=htons(42129), sin_addr=inet_addr("127.0.0.1")}, [16]) = 0"#)
        #expect(line("accept4", [3, 0, 0, 0x800], -11)
            == "accept4(3, NULL, NULL, SOCK_NONBLOCK) = -1 EAGAIN (Resource temporarily unavailable)")
        #expect(line("listen", [3, 5], 0) == "listen(3, 5) = 0")
        #expect(line("shutdown", [3, 2], 0) == "shutdown(3, SHUT_RDWR) = 0")
        #expect(line("getgroups", [4, 0x1000], 0) == "getgroups(4, []) = 0")
        #expect(line("getgroups", [0, 0], 0) == "getgroups(0, NULL) = 0")
        #expect(line("setgroups", [1, 0x1000], 0) == "setgroups(1, [0]) = 0")
    }

    @Test func personalityRemapAndSeccomp() {
        #expect(line("personality", [0xffff_ffff], 0x40000) == "personality(0xffffffff) = 0x40000 (PER_LINUX|ADDR_NO_RANDOMIZE)")
        #expect(line("personality", [0x440000], 0) == "personality(PER_LINUX|ADDR_NO_RANDOMIZE|READ_IMPLIES_EXEC) = 0 (PER_LINUX)")
        #expect(line("mremap", [0x7fffffffd6e0, 4096, 8192, 1, 0], -22)
            == "mremap(0x7fffffffd6e0, 4096, 8192, MREMAP_MAYMOVE) = -1 EINVAL (Invalid argument)")
        #expect(line("mremap", [0x7ffff7fbe000, 4096, 4096, 3, 0x7ffff7fbb000], 0x7ffff7fbb000)
            == "mremap(0x7ffff7fbe000, 4096, 4096, MREMAP_MAYMOVE|MREMAP_FIXED, 0x7ffff7fbb000) = 0x7ffff7fbb000")
        #expect(line("prctl", [22, 0, 0, 0x7f8ee73b845d, 0], -22)
            == "prctl(PR_SET_SECCOMP, SECCOMP_MODE_DISABLED, 0, 0x7f8ee73b845d, 0) = -1 EINVAL (Invalid argument)")
        #expect(line("restart_syscall", [], 0) == "restart_syscall(<... resuming interrupted call ...>) = 0")
    }

    /// Garbage arguments, results and memory for every call must give a line, never a trap.
    @Test mutating func anyInputFormatsWithoutTrapping() {
        var seed: UInt64 = 0x9e37_79b9_7f4a_7c15
        func next() -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return seed >> 11
        }
        memory.write(0x10000, (0..<(16 * 4096)).map { _ in UInt8(truncatingIfNeeded: next()) })
        let values: [UInt64] = [0, 1, 3, 0x10000, 0x10ff8, 0x1fff0, 0xffff_ffff, UInt64.max, 1 << 40, 0x7fff_ffff_0000]
        let results: [Int64?] = [nil, 0, 1, 32, 4096, 1 << 40, -2, -512, -4095, -5000, Int64.min]
        var formatter = SyscallFormatter(stringLimit: 8)
        formatter.stringLimit = -5
        for entry in SyscallTable.entries + [SyscallEntry(451, "unknown", [])] {
            for round in 0..<12 {
                let a = (0..<6).map { _ in values[Int(next() % UInt64(values.count))] }
                let e = SyscallEvent(number: entry.number, args: SyscallArgs(a[0], a[1], a[2], a[3], a[4], a[5]),
                                     result: results[round % results.count])
                let text = (round % 2 == 0 ? formatter : SyscallFormatter()).format(e, memory: memory)
                #expect(text.contains("("))
            }
        }
    }

    /// -y's paths as strace 6.1 prints them (`strace -y`): arguments as the call found them,
    /// returned descriptors as it left them; `<`, `>`, quotes and control bytes escaped.
    @Test mutating func descriptorPaths() {
        struct Names: DescriptorNames {
            func path(of fd: Int32, afterCall: Bool) -> String? {
                switch (fd, afterCall) {
                case (-100, false): "/tmp"
                case (1, false): "/dev/pts/0"
                case (1, true), (3, _): "/etc/passwd"
                case (4, true): "pipe:[1544093]"
                case (5, _): "/tmp/yt/a\"b<c>d\ne1"
                default: nil
                }
            }
        }
        memory.write(0x1000, cString: "/etc/passwd")
        let f = SyscallFormatter()
        func line(_ name: String, _ args: [UInt64], _ result: Int64?) -> String {
            f.format(event(name, args, result), memory: memory, names: Names())
        }
        #expect(line("openat", [Self.AT_FDCWD, 0x1000, 0], 3) == #"openat(AT_FDCWD</tmp>, "/etc/passwd", O_RDONLY) = 3</etc/passwd>"#)
        #expect(line("close", [5], 0) == #"close(5</tmp/yt/a\"b\74c\76d\ne1>) = 0"#)
        #expect(line("dup2", [3, 1], 1) == "dup2(3</etc/passwd>, 1</dev/pts/0>) = 1</etc/passwd>")
        #expect(line("fcntl", [3, 0, 10], 1) == "fcntl(3</etc/passwd>, F_DUPFD, 10) = 1</etc/passwd>")
        #expect(line("mmap", [0, 4096, 1, 2, Self.neg(-1), 0], 0x7f0000000000)
                == "mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, -1, 0) = 0x7f0000000000")
        #expect(line("openat", [Self.AT_FDCWD, 0x1000, 0], -2) == #"openat(AT_FDCWD</tmp>, "/etc/passwd", O_RDONLY) = -1 ENOENT (No such file or directory)"#)
        #expect(line("close", [7], 0) == "close(7) = 0", "a descriptor without a path prints alone")
        var pair = DecoderBytes(8)
        pair.put(0, 4, size: 4)
        pair.put(4, 4, size: 4)
        memory.write(0x2000, pair.bytes)
        #expect(line("pipe2", [0x2000, 0], 0) == "pipe2([4<pipe:[1544093]>, 4<pipe:[1544093]>], 0) = 0")
        #expect(f.format(event("close", [3], 0), memory: memory) == "close(3) = 0", "no names, no paths")
    }

    @Test mutating func argsAndPartsApi() {
        memory.write(0x1000, cString: "/etc/passwd")
        let e = event("openat", [Self.AT_FDCWD, 0x1000, 0], -2)
        let f = SyscallFormatter()
        #expect(f.formatArgs(e, memory: memory) == ["AT_FDCWD", #""/etc/passwd""#, "O_RDONLY"])
        let parts = f.formatParts(e, memory: memory)
        #expect(parts.call == #"openat(AT_FDCWD, "/etc/passwd", O_RDONLY)"#)
        #expect(parts.result == "-1 ENOENT (No such file or directory)")
    }
}
