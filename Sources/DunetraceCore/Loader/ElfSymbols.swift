// The function symbols of an ELF file, to name code addresses as strace -k does:
// `main+0x1e`. From .symtab when the file has one, else from .dynsym (a stripped library).

struct ElfSymbols: Sendable {
    struct Symbol: Sendable {
        var address: UInt64
        var name: String
    }

    /// Sorted by address; one name per address.
    private(set) var symbols: [Symbol] = []

    init(bytes: [UInt8], sections: [ElfSection]) {
        let table = sections.first { $0.type == ElfSection.SHT_SYMTAB }
            ?? sections.first { $0.type == ElfSection.SHT_DYNSYM }
        guard let table, table.entrySize == 24, table.link < sections.count,
              let entries = table.contents(bytes), let names = sections[table.link].contents(bytes) else { return }
        // Several names for one address (read, __read): the global one, then the weak one,
        // then the first in the table, as strace (libdw) picks.
        var best: [UInt64: (rank: Int, index: Int, name: String)] = [:]
        let r = ElfByteReader(bytes: Array(entries), path: "")
        for i in 0..<entries.count / 24 {
            let b = i * 24
            guard let nameOffset = try? r.u32(b), let info = try? r.u16(b + 4), let section = try? r.u16(b + 6),
                  let value = try? r.u64(b + 8) else { break }
            let type = info & 0xf, binding = (info & 0xff) >> 4
            // STT_FUNC, STT_GNU_IFUNC; defined (not SHN_UNDEF) at a real address.
            guard type == 2 || type == 10, section != 0, value != 0 else { continue }
            guard let name = ElfSections.cString(names, at: Int(nameOffset)), !name.isEmpty else { continue }
            let rank = binding == 1 ? 2 : binding == 2 ? 1 : 0  // STB_GLOBAL, STB_WEAK, STB_LOCAL
            if let old = best[value], old.rank >= rank { continue }
            best[value] = (rank, i, name)
        }
        symbols = best.map { Symbol(address: $0.key, name: $0.value.name) }.sorted { $0.address < $1.address }
    }

    /// The symbol at or before `address` (as strace, even past the symbol's size), and how far
    /// past its start the address is.
    func name(at address: UInt64) -> (name: String, offset: UInt64)? {
        var lo = 0, hi = symbols.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if symbols[mid].address <= address { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        let s = symbols[lo - 1]
        return (s.name, address - s.address)
    }
}
