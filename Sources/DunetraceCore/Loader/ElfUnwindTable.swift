// Where the unwind information of an ELF file is, for -k: the binary search table of its FDEs
// (pairs of int32: a function's start and its FDE, both relative to a base), as libunwind's
// dwarf_search_unwind_table reads it. Normally the linker wrote it into .eh_frame_hdr
// (PT_GNU_EH_FRAME); a static executable linked without one gets a table built here from its
// .eh_frame, kept in dunetrace's memory. Addresses are the file's (before relocation).

final class ElfUnwindTable: @unchecked Sendable {  // immutable after init
    /// The address the entries are relative to (.eh_frame_hdr, or .eh_frame for a built table).
    let base: UInt64
    /// The table in the file's image, or nil when it was built here (`built`).
    let address: UInt64?
    /// Entries (8 bytes each).
    let count: Int
    /// A table built from .eh_frame, 8-byte aligned; libunwind reads it through access_mem.
    let built: UnsafeMutableBufferPointer<Int32>?

    private init(base: UInt64, address: UInt64?, count: Int, built: UnsafeMutableBufferPointer<Int32>?) {
        (self.base, self.address, self.count, self.built) = (base, address, count, built)
    }

    deinit { built?.deallocate() }

    static let PT_GNU_EH_FRAME: UInt32 = 0x6474_e550
    /// DW_EH_PE_datarel | DW_EH_PE_sdata4: the only table encoding libunwind searches.
    static let tableEncoding: UInt8 = 0x3b

    /// The table of the file `bytes`, or nil when it has no usable unwind information.
    static func find(bytes: [UInt8], elf: ElfFile, sections: [ElfSection]) -> ElfUnwindTable? {
        let image = FileImage(bytes: bytes, segments: elf.segments.filter { $0.type == ElfFile.PT_LOAD })
        var ehFrame: UInt64?
        if let hdr = elf.segments.first(where: { $0.type == PT_GNU_EH_FRAME }), hdr.fileSize >= 4 {
            var pos = hdr.vaddr + 4
            if let version = image.byte(hdr.vaddr), version == 1,
               let frameEncoding = image.byte(hdr.vaddr + 1), let countEncoding = image.byte(hdr.vaddr + 2),
               let tableEncoding = image.byte(hdr.vaddr + 3) {
                ehFrame = image.encoded(&pos, frameEncoding, dataBase: hdr.vaddr)
                if let count = image.encoded(&pos, countEncoding, dataBase: hdr.vaddr), count > 0,
                   tableEncoding == Self.tableEncoding, count < 1 << 26,
                   image.contains(pos, count * 8) {
                    return ElfUnwindTable(base: hdr.vaddr, address: pos, count: Int(count), built: nil)
                }
            }
        }
        // No search table: build one from .eh_frame (the section, or where the header points).
        let section = sections.first { $0.name == ".eh_frame" && $0.type != ElfSection.SHT_NOBITS }
        guard let start = section?.address ?? ehFrame else { return nil }
        return build(image, ehFrame: start, end: section.map { $0.address &+ $0.size })
    }

    /// Reads every FDE of the .eh_frame at `ehFrame` and sorts them by the code they cover.
    static func build(_ image: FileImage, ehFrame: UInt64, end: UInt64?) -> ElfUnwindTable? {
        let executable = image.segments.filter { $0.flags & ElfFile.PF_X != 0 }
        var entries: [(start: UInt64, fde: UInt64)] = []
        var cieEncodings: [UInt64: UInt8] = [:]
        var pos = ehFrame
        while end.map({ pos < $0 }) ?? true, let length32 = image.u32(pos), length32 != 0 {
            var length = UInt64(length32), header: UInt64 = 4
            if length32 == 0xffff_ffff {
                guard let l = image.u64(pos + 4) else { break }
                (length, header) = (l, 12)
            }
            let idPos = pos &+ header
            let (next, overflow) = idPos.addingReportingOverflow(length)
            guard !overflow, length >= 4, let id = image.u32(idPos) else { break }
            if id != 0 {
                let cie = idPos &- UInt64(id)
                let encoding = cieEncodings[cie] ?? Self.fdeEncoding(image, cie: cie)
                cieEncodings[cie] = encoding
                var at = idPos + 4
                if let encoding, let start = image.encoded(&at, encoding, dataBase: 0),
                   executable.contains(where: { start >= $0.vaddr && start < $0.vaddr &+ $0.memSize }) {
                    entries.append((start, pos))
                }
            }
            pos = next
            if entries.count > 1 << 24 { break }
        }
        entries.sort { $0.start < $1.start }
        let table = entries.compactMap { e -> (Int32, Int32)? in
            guard let s = Int32(exactly: Int64(bitPattern: e.start &- ehFrame)),
                  let f = Int32(exactly: Int64(bitPattern: e.fde &- ehFrame)) else { return nil }
            return (s, f)
        }
        guard !table.isEmpty else { return nil }
        // Two int32 a table entry: 8-byte aligned, as libunwind reads it in whole words.
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: table.count * 8, alignment: 8)
        let buffer = raw.bindMemory(to: Int32.self)
        for (i, e) in table.enumerated() { buffer[2 * i] = e.0; buffer[2 * i + 1] = e.1 }
        return ElfUnwindTable(base: ehFrame, address: nil, count: table.count, built: buffer)
    }

    /// The pointer encoding of a CIE's FDEs (augmentation 'R'); absolute when it has none.
    private static func fdeEncoding(_ image: FileImage, cie: UInt64) -> UInt8? {
        guard let length = image.u32(cie), length != 0xffff_ffff, image.u32(cie + 4) == 0,
              let version = image.byte(cie + 8) else { return nil }
        var pos = cie + 9
        var augmentation: [UInt8] = []
        while let c = image.byte(pos), c != 0, augmentation.count < 16 { augmentation.append(c); pos += 1 }
        pos += 1
        if augmentation.starts(with: Array("eh".utf8)) { pos += 8 }
        guard image.uleb(&pos) != nil, image.uleb(&pos) != nil else { return nil }  // code and data alignment
        if version == 1 { pos += 1 } else if image.uleb(&pos) == nil { return nil }  // return register
        guard augmentation.first == UInt8(ascii: "z") else { return 0 }
        guard image.uleb(&pos) != nil else { return nil }
        for c in augmentation.dropFirst() {
            switch c {
            case UInt8(ascii: "R"): return image.byte(pos)
            case UInt8(ascii: "L"): pos += 1
            case UInt8(ascii: "P"):
                guard let e = image.byte(pos) else { return nil }
                pos += 1
                guard image.encoded(&pos, e, dataBase: 0, personality: true) != nil else { return nil }
            case UInt8(ascii: "S"), UInt8(ascii: "B"): break
            default: return 0
            }
        }
        return 0
    }
}

/// An ELF file's bytes addressed as its memory image (virtual addresses of its PT_LOAD segments).
struct FileImage {
    let bytes: [UInt8]
    let segments: [ElfFile.Segment]

    /// The file offset of `address`, when the file holds it.
    func offset(_ address: UInt64) -> Int? {
        for s in segments where address >= s.vaddr && address - s.vaddr < s.fileSize {
            let o = s.offset &+ (address - s.vaddr)
            return o < UInt64(bytes.count) ? Int(o) : nil
        }
        return nil
    }

    func contains(_ address: UInt64, _ length: UInt64) -> Bool {
        length == 0 || (offset(address) != nil && offset(address &+ length &- 1) != nil)
    }

    func byte(_ address: UInt64) -> UInt8? { offset(address).map { bytes[$0] } }

    func u32(_ address: UInt64) -> UInt32? { little(address, 4).map { UInt32(truncatingIfNeeded: $0) } }
    func u64(_ address: UInt64) -> UInt64? { little(address, 8) }

    private func little(_ address: UInt64, _ n: Int) -> UInt64? {
        guard let o = offset(address), let last = offset(address &+ UInt64(n - 1)), last == o + n - 1 else { return nil }
        var v: UInt64 = 0
        for i in 0..<n { v |= UInt64(bytes[o + i]) << (8 * UInt64(i)) }
        return v
    }

    func uleb(_ pos: inout UInt64) -> UInt64? {
        var v: UInt64 = 0, shift: UInt64 = 0
        while let b = byte(pos) {
            pos += 1
            if shift < 64 { v |= UInt64(b & 0x7f) << shift }
            if b & 0x80 == 0 { return v }
            shift += 7
            if shift > 70 { return nil }
        }
        return nil
    }

    func sleb(_ pos: inout UInt64) -> Int64? {
        var v: Int64 = 0, shift: Int64 = 0, b: UInt8 = 0
        repeat {
            guard let next = byte(pos), shift <= 63 else { return nil }
            b = next
            pos += 1
            v |= Int64(b & 0x7f) << shift
            shift += 7
        } while b & 0x80 != 0
        if shift < 64 && b & 0x40 != 0 { v |= -1 << shift }
        return v
    }

    /// A DW_EH_PE-encoded pointer at `pos` (advanced past it): absolute, or relative to its own
    /// address (pcrel) or to `dataBase` (datarel). nil when it is omitted, indirect or unknown.
    /// `personality` reads it only to step over it.
    func encoded(_ pos: inout UInt64, _ encoding: UInt8, dataBase: UInt64, personality: Bool = false) -> UInt64? {
        if encoding == 0xff { return nil }  // DW_EH_PE_omit
        let field = pos
        var value: UInt64
        switch encoding & 0x0f {
        case 0x00, 0x04: guard let v = u64(pos) else { return nil }; value = v; pos += 8  // absptr, udata8
        case 0x0c: guard let v = u64(pos) else { return nil }; value = v; pos += 8        // sdata8
        case 0x01: guard let v = uleb(&pos) else { return nil }; value = v
        case 0x09: guard let v = sleb(&pos) else { return nil }; value = UInt64(bitPattern: v)
        case 0x02: guard let v = little(pos, 2) else { return nil }; value = v; pos += 2
        case 0x0a: guard let v = little(pos, 2) else { return nil }; value = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: v))); pos += 2
        case 0x03: guard let v = u32(pos) else { return nil }; value = UInt64(v); pos += 4
        case 0x0b: guard let v = u32(pos) else { return nil }; value = UInt64(bitPattern: Int64(Int32(bitPattern: v))); pos += 4
        default: return nil
        }
        if personality { return value }
        switch encoding & 0x70 {
        case 0x00: break
        case 0x10: value = value &+ field    // pcrel
        case 0x30: value = value &+ dataBase  // datarel
        default: return nil
        }
        return encoding & 0x80 != 0 ? nil : value  // DW_EH_PE_indirect: not followed
    }
}
