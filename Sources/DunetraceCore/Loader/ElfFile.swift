// A bounds-checked reader of the parts of an ELF file the loader needs. Every field is read
// through `u16/u32/u64`, which throw on a short file, so no input can make it trap.

public struct ElfFile: Sendable {
    public enum Kind: Sendable, Equatable { case executable, sharedObject }

    public struct Segment: Sendable, Equatable {
        public var type: UInt32
        public var flags: UInt32
        public var offset: UInt64
        public var vaddr: UInt64
        public var fileSize: UInt64
        public var memSize: UInt64
        public var align: UInt64
    }

    public static let PT_LOAD: UInt32 = 1
    public static let PT_INTERP: UInt32 = 3
    public static let PT_PHDR: UInt32 = 6
    public static let PT_GNU_STACK: UInt32 = 0x6474_e551
    public static let PF_X: UInt32 = 1
    public static let PF_W: UInt32 = 2
    public static let PF_R: UInt32 = 4

    public let kind: Kind
    public let entry: UInt64
    public let programHeaderOffset: UInt64
    public let programHeaderCount: Int
    public let segments: [Segment]
    /// The PT_INTERP path, if any.
    public let interpreter: String?

    /// Parses `bytes`: the whole file, or its first bytes when `fileSize` gives the whole
    /// size (segments are checked against that). `path` is only used in error messages.
    public init(bytes: [UInt8], fileSize: Int? = nil, path: String) throws(DunetraceError) {
        let fileSize = UInt64(fileSize ?? bytes.count)
        let r = ElfByteReader(bytes: bytes, path: path)
        guard bytes.count >= 4, bytes[0] == 0x7f, bytes[1] == 0x45, bytes[2] == 0x4c, bytes[3] == 0x46 else {
            throw .notExecutable(path: path, reason: "not an ELF file")
        }
        guard bytes.count >= 64 else { throw .notExecutable(path: path, reason: "truncated ELF header") }
        if bytes[4] == 1 { throw .notExecutable(path: path, reason: "32-bit ELF, only x86-64 is supported") }
        guard bytes[4] == 2 else { throw .notExecutable(path: path, reason: "unknown ELF class \(bytes[4])") }
        guard bytes[5] == 1 else { throw .notExecutable(path: path, reason: "big-endian ELF, only x86-64 is supported") }
        let machine = try r.u16(18)
        guard machine == 62 else {
            throw .notExecutable(path: path, reason: "ELF for machine \(ElfFile.machineName(machine)), not x86-64")
        }
        switch try r.u16(16) {
        case 2: kind = .executable
        case 3: kind = .sharedObject
        case let t: throw .notExecutable(path: path, reason: "ELF type \(t) is not an executable")
        }
        entry = try r.u64(24)
        programHeaderOffset = try r.u64(32)
        let phentsize = Int(try r.u16(54))
        programHeaderCount = Int(try r.u16(56))
        guard phentsize == 56 || programHeaderCount == 0 else {
            throw .notExecutable(path: path, reason: "bad program header size \(phentsize)")
        }
        guard programHeaderCount > 0 else { throw .notExecutable(path: path, reason: "no program headers") }
        var segs: [Segment] = []
        for i in 0..<programHeaderCount {
            let (o, overflow) = programHeaderOffset.addingReportingOverflow(UInt64(i * 56))
            guard !overflow, o < UInt64(Int.max - 56) else { throw .notExecutable(path: path, reason: "truncated ELF (program headers)") }
            let b = Int(o)
            guard b + 56 <= bytes.count else { throw .notExecutable(path: path, reason: "truncated ELF (program headers)") }
            segs.append(Segment(type: try r.u32(b), flags: try r.u32(b + 4), offset: try r.u64(b + 8),
                                vaddr: try r.u64(b + 16), fileSize: try r.u64(b + 32),
                                memSize: try r.u64(b + 40), align: try r.u64(b + 48)))
        }
        segments = segs
        var interp: String?
        for s in segs where s.type == ElfFile.PT_INTERP {
            guard s.fileSize > 1, s.fileSize < 4096, s.offset < UInt64(bytes.count),
                  s.offset + s.fileSize <= UInt64(bytes.count) else {
                throw .notExecutable(path: path, reason: "truncated ELF (interpreter path)")
            }
            let start = Int(s.offset)
            var end = start + Int(s.fileSize)
            if let nul = bytes[start..<end].firstIndex(of: 0) { end = nul }
            interp = String(decoding: bytes[start..<end], as: UTF8.self)
        }
        interpreter = interp
        let loads = segs.filter { $0.type == ElfFile.PT_LOAD }
        guard !loads.isEmpty else { throw .notExecutable(path: path, reason: "no loadable segments") }
        for s in loads {
            let (end, o1) = s.vaddr.addingReportingOverflow(s.memSize)
            let (fend, o2) = s.offset.addingReportingOverflow(s.fileSize)
            guard !o1, !o2, end < 0x8000_0000_0000, s.fileSize <= s.memSize else {
                throw .notExecutable(path: path, reason: "bad loadable segment")
            }
            guard fend <= fileSize else {
                throw .notExecutable(path: path, reason: "truncated ELF (segment past end of file)")
            }
            guard s.vaddr & 4095 == s.offset & 4095 else {
                throw .notExecutable(path: path, reason: "misaligned loadable segment")
            }
        }
    }

    /// Lowest and highest (page-rounded) addresses of the loadable segments.
    public var loadSpan: (start: UInt64, end: UInt64) {
        let loads = segments.filter { $0.type == ElfFile.PT_LOAD }
        let lo = loads.map(\.vaddr).min()! & ~4095
        let hi = (loads.map { $0.vaddr + $0.memSize }.max()! + 4095) & ~4095
        return (lo, hi)
    }

    /// Virtual address (before relocation) of the program headers, for AT_PHDR.
    public var programHeaderAddress: UInt64? {
        if let p = segments.first(where: { $0.type == ElfFile.PT_PHDR }) { return p.vaddr }
        for s in segments where s.type == ElfFile.PT_LOAD {
            if programHeaderOffset >= s.offset && programHeaderOffset < s.offset + s.fileSize {
                return s.vaddr + (programHeaderOffset - s.offset)
            }
        }
        return nil
    }

    static func machineName(_ m: UInt16) -> String {
        let names: [UInt16: String] = [3: "i386", 8: "MIPS", 20: "PowerPC", 21: "PowerPC64", 40: "ARM",
                                       43: "SPARC V9", 50: "IA-64", 183: "AArch64", 243: "RISC-V", 258: "LoongArch"]
        return names[m] ?? "\(m)"
    }
}

/// Little-endian reads that throw instead of trapping on a short buffer.
struct ElfByteReader {
    let bytes: [UInt8]
    let path: String

    func u16(_ at: Int) throws(DunetraceError) -> UInt16 { UInt16(truncatingIfNeeded: try read(at, 2)) }
    func u32(_ at: Int) throws(DunetraceError) -> UInt32 { UInt32(truncatingIfNeeded: try read(at, 4)) }
    func u64(_ at: Int) throws(DunetraceError) -> UInt64 { try read(at, 8) }

    private func read(_ at: Int, _ n: Int) throws(DunetraceError) -> UInt64 {
        guard at >= 0, at + n <= bytes.count else { throw .notExecutable(path: path, reason: "truncated ELF") }
        var v: UInt64 = 0
        for i in 0..<n { v |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
        return v
    }
}
