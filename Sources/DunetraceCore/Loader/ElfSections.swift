// The section headers of an ELF file, by name: what -k needs beyond the program headers
// (.symtab/.dynsym to name code, .eh_frame when there is no .eh_frame_hdr). A file without
// them, or with damaged ones, has none: nothing here throws or traps.

struct ElfSection: Sendable {
    static let SHT_SYMTAB: UInt32 = 2
    static let SHT_DYNSYM: UInt32 = 11
    static let SHT_NOBITS: UInt32 = 8

    var name: String
    var type: UInt32
    var address: UInt64
    var offset: UInt64
    var size: UInt64
    /// The section it links to (a symbol table's string table).
    var link: Int
    var entrySize: UInt64

    /// The section's bytes, or nil when they lie outside the file.
    func contents(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        guard type != ElfSection.SHT_NOBITS else { return nil }
        let (end, overflow) = offset.addingReportingOverflow(size)
        guard !overflow, end <= UInt64(bytes.count) else { return nil }
        return bytes[Int(offset)..<Int(end)]
    }
}

enum ElfSections {
    /// Every section of the ELF image `bytes`, in order; empty when the headers are absent or
    /// do not fit in the file.
    static func parse(_ bytes: [UInt8]) -> [ElfSection] {
        let r = ElfByteReader(bytes: bytes, path: "")
        guard let shoff = try? r.u64(0x28), let entsize = try? r.u16(0x3a), let count = try? r.u16(0x3c),
              let strndx = try? r.u16(0x3e), entsize == 64, count > 0, strndx < count,
              shoff < UInt64(bytes.count), UInt64(bytes.count) - shoff >= UInt64(count) * 64 else { return [] }
        var raw: [(nameOffset: UInt32, section: ElfSection)] = []
        for i in 0..<Int(count) {
            let b = Int(shoff) + i * 64
            guard let name = try? r.u32(b), let type = try? r.u32(b + 4), let addr = try? r.u64(b + 16),
                  let off = try? r.u64(b + 24), let size = try? r.u64(b + 32), let link = try? r.u32(b + 40),
                  let ent = try? r.u64(b + 56) else { return [] }
            raw.append((name, ElfSection(name: "", type: type, address: addr, offset: off, size: size,
                                         link: Int(link), entrySize: ent)))
        }
        let names = raw[Int(strndx)].section.contents(bytes) ?? []
        return raw.map { entry in
            var s = entry.section
            s.name = cString(names, at: Int(entry.nameOffset)) ?? ""
            return s
        }
    }

    /// The NUL-terminated string at `offset` of a string table.
    static func cString(_ table: ArraySlice<UInt8>, at offset: Int) -> String? {
        guard offset >= 0, offset < table.count else { return nil }
        let start = table.startIndex + offset
        let end = table[start...].firstIndex(of: 0) ?? table.endIndex
        return String(decoding: table[start..<end], as: UTF8.self)
    }
}
