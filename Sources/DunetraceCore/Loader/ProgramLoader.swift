// Loads a program into the target's address space as the kernel's execve would: the ELF image
// (static, static-PIE, or dynamic with its PT_INTERP loader), `#!` scripts through their
// interpreter, and the initial stack with argv, envp and the auxiliary vector.
import CKVM
import Foundation
import Glibc

public struct LoadedProgram {
    public var entry: UInt64          // where the vCPU starts: the loader's entry, or the program's
    public var stackPointer: UInt64
    public var executablePath: String // the file really executed (after #! resolution)
    public var argv: [String]
    public var envp: [String]
    /// The auxiliary vector as laid on the stack, AT_NULL included (for /proc/self/auxv).
    public var auxv: [(UInt64, UInt64)]
}

struct ProgramLoader {
    let space: AddressSpace
    static let tooManyInterpreters = "too many levels of #! interpreters"

    /// Finds `name` as execvp would: a name with a slash is a path, otherwise searched in PATH.
    static func resolve(_ name: String, environment: [String]) throws(DunetraceError) -> String {
        if name.contains("/") { return name }
        let pathVar = environment.first { $0.hasPrefix("PATH=") }.map { String($0.dropFirst(5)) }
            ?? "/usr/local/bin:/usr/bin:/bin"
        var denied = false
        for dir in pathVar.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (dir.isEmpty ? "." : String(dir)) + "/" + name
            var st = stat()
            guard RawPath.withCString(candidate, { stat($0, &st) }) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
            if RawPath.withCString(candidate, { access($0, X_OK) }) == 0 { return candidate }
            denied = true
        }
        throw denied ? .permissionDenied(path: name) : .notFound(path: name)
    }

    /// Opens the program: `/proc/self/fd/N` (execve's checked file) through dunetrace's own
    /// /proc, so a target in a chroot without /proc, or with its own /proc mounted, still runs
    /// what it opened; any other path as the target names it (an interpreter, from its root).
    static func openProgram(_ path: String) -> Int32 {
        if path.hasPrefix("/proc/self/fd/") { return HostProc.open(path, O_RDONLY | O_CLOEXEC) }
        return RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC) }
    }

    /// The first `limit` bytes of `path` (all of it by default) and the file's size, with the
    /// errors execve would give for a missing, non-regular or non-executable file.
    static func readFile(_ path: String, limit: Int = Int.max) throws(DunetraceError) -> (bytes: [UInt8], size: Int) {
        let fd = openProgram(path)
        if fd < 0 {
            switch errno {
            case ENOENT, ENOTDIR: throw .notFound(path: path)
            case EACCES, EPERM: throw .permissionDenied(path: path)
            default: throw .io(path: path, reason: String(cString: strerror(errno)))
            }
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw st.st_mode & S_IFMT == S_IFDIR ? .notExecutable(path: path, reason: "is a directory")
                                                  : .notExecutable(path: path, reason: "not a regular file")
        }
        guard HostProc.access(path, X_OK) == 0 else { throw .permissionDenied(path: path) }
        let fileSize = Int(st.st_size)
        let size = min(fileSize, limit)
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, size - done) }
            if n <= 0 { break }
            done += n
        }
        if done < size { bytes.removeLast(size - done) }
        return (bytes, done < size ? done : fileSize)
    }

    /// The first read of an exec'd file: a `#!` line and the ELF headers of common programs
    /// (program headers and interpreter name right after the file header) lie in it. A page:
    /// every byte read is a fresh page of a new process's heap to fault in.
    static let headSize = 4096

    /// Parses the ELF headers from the file's first page, or its first 64 KiB, where linkers
    /// put them, instead of reading a whole (often tens of MB) executable on every exec; the
    /// whole file only when they lie further in.
    static func readElf(_ path: String, head known: (bytes: [UInt8], size: Int)? = nil) throws(DunetraceError) -> ElfFile {
        // Not `known ?? readFile(...)`: `??`'s autoclosure rethrows untyped errors.
        var head: (bytes: [UInt8], size: Int)
        if let known { head = known } else { head = try readFile(path, limit: headSize) }
        while head.bytes.count < head.size {
            if let elf = try? ElfFile(bytes: head.bytes, fileSize: head.size, path: path) { return elf }
            guard head.bytes.count < 64 << 10 else { break }
            head = try readFile(path, limit: 64 << 10)
        }
        let whole = head.bytes.count < head.size ? try readFile(path) : head
        return try ElfFile(bytes: whole.bytes, fileSize: whole.size, path: path)
    }

    /// What execve checks before the point of no return: the file chain after `#!`
    /// resolution, parsed, with its interpreter. Throws what execve would fail with.
    struct Prepared {
        var path: String
        var argv: [String]
        var execfn: String
        var elf: ElfFile
        var interpreter: (path: String, elf: ElfFile)?
    }

    /// Follows `#!` as Linux does (6 files deep at most, the last an ELF), and parses the ELF
    /// files involved. The first file is read through `path` and known as `name` (execveat
    /// reads it through a descriptor); `nameInaccessible`: that name will not exist after the
    /// exec (a close-on-exec descriptor's /dev/fd/N), so a script cannot be run.
    static func prepare(path: String, name: String? = nil, nameInaccessible: Bool = false,
                        argv: [String]) throws(DunetraceError) -> Prepared {
        var path = path
        var shownPath = name ?? path
        var argv = argv
        let execfn = shownPath
        for _ in 0...5 {
            // One read serves both: a `#!` line lies in the first 256 bytes, ELF headers mostly
            // in the first page (readElf reads on where they do not).
            let head = try readFile(path, limit: headSize)
            let bytes = head.bytes
            if bytes.count >= 2, bytes[0] == 0x23, bytes[1] == 0x21 {  // "#!"
                guard let line = ShebangLine(bytes) else { throw .notExecutable(path: shownPath, reason: "bad #! line") }
                if nameInaccessible && shownPath == execfn { throw .notFound(path: shownPath) }
                // As the kernel: interpreter, its one optional argument, the script path, then argv[1...].
                argv = [line.interpreter] + (line.argument.map { [$0] } ?? []) + [shownPath] + argv.dropFirst()
                path = line.interpreter
                shownPath = path
                continue
            }
            let elf = try readElf(path, head: head)
            var interpreter: (String, ElfFile)?
            if let interpPath = elf.interpreter {
                let interp = try readElf(interpPath)
                guard interp.kind == .sharedObject else {
                    throw .notExecutable(path: interpPath, reason: "ELF interpreter is not a shared object")
                }
                interpreter = (interpPath, interp)
            }
            return Prepared(path: path, argv: argv, execfn: execfn, elf: elf, interpreter: interpreter)
        }
        throw .notExecutable(path: execfn, reason: ProgramLoader.tooManyInterpreters)
    }

    /// Loads `path` with `argv` and `envp` into the address space.
    func load(path: String, argv: [String], envp: [String]) throws(DunetraceError) -> LoadedProgram {
        try load(ProgramLoader.prepare(path: path, argv: argv), envp: envp)
    }

    func load(_ p: Prepared, envp: [String]) throws(DunetraceError) -> LoadedProgram {
        try loadElf(p.elf, path: p.path, interpreter: p.interpreter, argv: p.argv, envp: envp, execfn: p.execfn)
    }

    private func loadElf(_ elf: ElfFile, path: String, interpreter: (path: String, elf: ElfFile)?,
                         argv: [String], envp: [String], execfn: String) throws(DunetraceError) -> LoadedProgram {
        // Laid out as the kernel lays out a process: the stack at the top; mmap_base the stack's
        // gap below it, where the mmap area starts (the interpreter first) and grows down; a
        // position-independent executable and its brk far below. So what a buffer overruns
        // at the top of the mmap area is the interpreter or nothing, never the stack.
        let regionSize = space.regionEnd - space.regionStart
        let spread = regionSize >= ProgramLoader.spreadLayoutMinimum
        // The stack's top lies below the top of user space by the kernel's random offset (up to
        // 16 GiB): a stack buffer read with a count of a few GiB stays in user space, as natively.
        let stack = try mapStack(executable: ProgramLoader.executableStack(elf),
                                 below: spread ? space.regionEnd - ProgramLoader.stackTopOffset : 0)
        var executableHint: UInt64 = 0
        if spread {
            space.startMmapArea(below: stack.base + stack.size - ProgramLoader.stackGap(stack.size))
            executableHint = AddressSpace.pageDown(space.regionStart + regionSize / 3)
        }
        let (mainBase, _) = try mapImage(elf, path: path, withBrk: true, hint: executableHint)
        var entry = mainBase &+ elf.entry
        var interpBase: UInt64 = 0
        if let interpreter {
            (interpBase, _) = try mapImage(interpreter.elf, path: interpreter.path, withBrk: false)
            entry = interpBase &+ interpreter.elf.entry
        }
        let phdr = mainBase &+ (elf.programHeaderAddress ?? 0)
        let vdso = space.exposeVDSO().map { [(UInt64(33), $0)] } ?? []  // AT_SYSINFO_EHDR
        let (sp, auxv) = fillStack(stack, argv: argv, envp: envp, execfn: execfn, auxv: vdso + [
            (3, phdr), (4, 56), (5, UInt64(elf.programHeaderCount)), (6, 4096), (7, interpBase), (8, 0),
            (9, mainBase &+ elf.entry), (11, UInt64(getuid())), (12, UInt64(geteuid())), (13, UInt64(getgid())),
            (14, UInt64(getegid())), (17, 100), (16, dt_host_auxval(16)), (26, dt_host_auxval(26)), (23, 0),
            (51, dt_host_auxval(51)),
        ])
        return LoadedProgram(entry: entry, stackPointer: sp, executablePath: path, argv: argv, envp: envp, auxv: auxv)
    }

    /// Maps the PT_LOAD segments; returns the load bias and the end of the image.
    private func mapImage(_ elf: ElfFile, path: String, withBrk: Bool, hint: UInt64 = 0) throws(DunetraceError) -> (UInt64, UInt64) {
        let (lo, hi) = elf.loadSpan
        let span = hi - lo
        var bias: UInt64
        // Room for brk: natively it grows until it meets another mapping, terabytes away from a
        // position-independent executable; placed far below the mmap area (hint), it has 1 TiB.
        var brkRoom = hint == 0 ? AddressSpace.brkReserve : ProgramLoader.farBrkRoom
        if elf.kind == .executable {
            bias = 0
            guard space.claim(lo, hi) else {
                throw .notExecutable(path: path, reason: String(format: "cannot map the image at its fixed address %#lx", lo))
            }
            // A fixed-address executable sits low, below everything of dunetrace's: 1 TiB of
            // brk where that much is free, else the 1 GiB reserve.
            brkRoom = AddressSpace.brkReserve
            if withBrk {
                if space.claim(hi, hi + ProgramLoader.farBrkRoom) { brkRoom = ProgramLoader.farBrkRoom } else { _ = space.claim(hi, hi + brkRoom) }
            }
        } else {
            guard let at = space.allocate(span + (withBrk ? brkRoom : 0), hint: hint) else {
                throw .vm("no room for \(path) in the target address space")
            }
            bias = at &- lo
        }
        let fd = ProgramLoader.openProgram(path)
        guard fd >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        // As /proc/self/maps names it: the file's canonical path.
        let link = realPath("/proc/self/fd/\(fd)")
        let name = link.hasPrefix("/proc/self/fd/") ? realPath(path) : link
        let readImpliesExec = ProgramLoader.readImpliesExec  // one personality(2) for the image
        for s in elf.segments where s.type == ElfFile.PT_LOAD && s.memSize > 0 {
            var prot: Int32 = 0
            if s.flags & ElfFile.PF_R != 0 { prot |= PROT_READ }
            if s.flags & ElfFile.PF_W != 0 { prot |= PROT_WRITE }
            if s.flags & ElfFile.PF_X != 0 || (prot & PROT_READ != 0 && readImpliesExec) { prot |= PROT_EXEC }
            let start = AddressSpace.pageDown(bias &+ s.vaddr)
            let fileEnd = bias &+ s.vaddr &+ s.fileSize
            let memEnd = AddressSpace.pageUp(bias &+ s.vaddr &+ s.memSize)
            let fileMapEnd = AddressSpace.pageUp(fileEnd)
            if s.fileSize > 0 {
                let off = Int64(s.offset & ~4095)
                let r = space.hostMap(start, fileMapEnd - start, prot: prot | PROT_WRITE, flags: MAP_PRIVATE, fd: fd, offset: off)
                guard r >= 0 else { throw .io(path: path, reason: "mmap: \(String(cString: strerror(Int32(-r))))") }
                // Zero the bss part of the last file page, as the kernel does.
                if memEnd > fileEnd && fileEnd < fileMapEnd {
                    memset(UnsafeMutableRawPointer(bitPattern: UInt(fileEnd))!, 0, Int(fileMapEnd - fileEnd))
                }
                mprotect(UnsafeMutableRawPointer(bitPattern: UInt(start)), Int(fileMapEnd - start), prot)
                space.addMapping(start, fileMapEnd - start, prot: prot, name: name, offset: UInt64(off))
            }
            let anonStart = s.fileSize > 0 ? fileMapEnd : start
            if memEnd > anonStart {
                let r = space.hostMap(anonStart, memEnd - anonStart, prot: prot, flags: MAP_PRIVATE | MAP_ANONYMOUS, fd: -1, offset: 0)
                guard r >= 0 else { throw .vm("mmap of bss failed") }
                space.addMapping(anonStart, memEnd - anonStart, prot: prot, name: "")
            }
        }
        let end = bias &+ hi
        if withBrk {
            space.brkStart = end
            space.brkCurrent = end
            space.brkLimit = end + brkRoom
            space.block(end, end + brkRoom)
        }
        return (bias, end)
    }

    /// personality(READ_IMPLIES_EXEC), inherited across exec: what is readable is executable.
    static var readImpliesExec: Bool { hostPersonality & 0x0400000 != 0 }

    /// The persona the target runs with: personality(0xffffffff) reads it (it is the host's).
    static var hostPersonality: UInt { UInt(truncatingIfNeeded: dt_host_syscall(135, 0xffff_ffff, 0, 0, 0, 0, 0)) }

    /// The kernel's executable_stack (binfmt_elf): the program's PT_GNU_STACK decides (PF_X:
    /// executable, as for code built with GCC's nested functions); without one, the stack
    /// is executable only under READ_IMPLIES_EXEC (x86-64 since Linux 5.8).
    static func executableStack(_ elf: ElfFile) -> Bool {
        guard let stack = elf.segments.first(where: { $0.type == ElfFile.PT_GNU_STACK }) else { return readImpliesExec }
        return stack.flags & ElfFile.PF_X != 0
    }

    /// brk's room where nothing lies for terabytes above the executable (a reservation only).
    static let farBrkRoom: UInt64 = 1 << 40

    /// Below this much room the layout stays compact (a region cut down by RLIMIT_AS).
    static let spreadLayoutMinimum: UInt64 = 64 << 30

    /// The kernel's mmap_base gap (mmap_base() in arch/x86/mm/mmap.c): the stack limit, the
    /// stack guard gap and, with randomization, the stack's random range, at least 128 MiB.
    static func stackGap(_ stackSize: UInt64) -> UInt64 {
        let randomized = hostPersonality & 0x0040000 == 0  // ADDR_NO_RANDOMIZE
        let pad: UInt64 = (1 << 20) + (randomized ? 16 << 30 : 0)
        return AddressSpace.pageUp(max(stackSize + pad, 128 << 20))
    }

    /// How far below the region's top the stack ends (half the kernel's largest random offset).
    static let stackTopOffset: UInt64 = 8 << 30

    /// Maps the stack (RLIMIT_STACK's size, as the kernel lets it grow) ending at `top`, or at
    /// the top of the region when `top` is 0.
    private func mapStack(executable: Bool, below top: UInt64) throws(DunetraceError) -> (base: UInt64, size: UInt64) {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_STACK.rawValue), &limit)
        var size = UInt64(limit.rlim_cur == rlim_t.max ? 8 << 20 : limit.rlim_cur)
        size = min(max(size, 128 << 10), 256 << 20)
        size = AddressSpace.pageUp(size)
        guard let base = space.allocate(size, hint: top > size ? top - size : 0) else { throw .vm("no room for the stack") }
        let prot = PROT_READ | PROT_WRITE | (executable ? PROT_EXEC : 0)
        let r = space.hostMap(base, size, prot: prot, flags: MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, fd: -1, offset: 0)
        guard r >= 0 else { throw .vm("cannot map the stack") }
        // VM_GROWSDOWN, as the kernel's: a limit the target raises later lets it grow below
        // (growStack), into the gap the layout leaves under it.
        space.addMapping(base, size, prot: prot, name: "[stack]", growsDown: true)
        return (base, size)
    }

    /// Lays out argc, argv, envp and auxv at the top of the stack.
    private func fillStack(_ stack: (base: UInt64, size: UInt64), argv: [String], envp: [String], execfn: String,
                           auxv: [(UInt64, UInt64)]) -> (UInt64, [(UInt64, UInt64)]) {
        var top = stack.base + stack.size
        func push(_ bytes: [UInt8]) -> UInt64 {
            top -= UInt64(bytes.count)
            bytes.withUnsafeBytes { UnsafeMutableRawPointer(bitPattern: UInt(top))!.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
            return top
        }
        // argv, envp and the file name as their bytes (RawPath: not necessarily UTF-8).
        func pushString(_ s: String) -> UInt64 { push(RawPath.bytes(s) + [0]) }
        top -= 8  // end marker, as the kernel leaves
        let execfnPtr = pushString(execfn)
        let envPtrs = envp.reversed().map { pushString($0) }.reversed() as [UInt64]
        let argPtrs = argv.reversed().map { pushString($0) }.reversed() as [UInt64]
        let platform = pushString("x86_64")
        var random = [UInt8](repeating: 0, count: 16)
        random.withUnsafeMutableBytes { buf in
            let p = UInt64(UInt(bitPattern: buf.baseAddress!))
            _ = dt_host_syscall(Int64(SyscallNumber.getrandom), p, 16, 0, 0, 0, 0)
        }
        let randomPtr = push(random)
        var aux = auxv
        aux.append((25, randomPtr))   // AT_RANDOM
        aux.append((31, execfnPtr))   // AT_EXECFN
        aux.append((15, platform))    // AT_PLATFORM
        aux.append((0, 0))            // AT_NULL
        var words: [UInt64] = [UInt64(argv.count)] + argPtrs + [0] + envPtrs + [0]
        for (k, v) in aux { words.append(k); words.append(v) }
        top = (top - UInt64(words.count * 8)) & ~15
        let sp = top
        for (i, w) in words.enumerated() {
            UnsafeMutablePointer<UInt64>(bitPattern: UInt(sp) + UInt(i * 8))!.pointee = w
        }
        return (sp, aux)
    }
}

/// A `#!` line as binfmt_script reads it from the file's first 256 bytes: the interpreter ends
/// at a space, tab or NUL, the one optional argument is the rest with its ends trimmed; with no
/// newline in those bytes the interpreter must still end in them (a truncated one is refused).
struct ShebangLine {
    let interpreter: String
    let argument: String?

    init?(_ head: [UInt8]) {
        var buf = head.prefix(256).map { $0 }
        buf += [UInt8](repeating: 0, count: 256 - buf.count)
        func spaceTab(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        func terminator(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0 }
        let bufEnd = 255
        var end: Int
        if let nl = buf.firstIndex(of: 0x0a) {
            end = nl
        } else {
            guard let first = (2..<bufEnd).first(where: { !spaceTab(buf[$0]) }) else { return nil }
            guard (first..<bufEnd).contains(where: { terminator(buf[$0]) }) else { return nil }
            end = bufEnd
        }
        while end > 2 && spaceTab(buf[end - 1]) { end -= 1 }
        guard let name = (2..<max(end, 2)).first(where: { !spaceTab(buf[$0]) }) else { return nil }
        let sep = (name..<end).first(where: { terminator(buf[$0]) })
        interpreter = String(decoding: buf[name..<(sep ?? end)], as: UTF8.self)
        if let sep, buf[sep] != 0, let arg = (sep..<end).first(where: { !spaceTab(buf[$0]) }) {
            argument = String(decoding: buf[arg..<end], as: UTF8.self)
        } else {
            argument = nil
        }
    }
}
