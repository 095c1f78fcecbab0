// What -k reads from ELF files: section headers, function symbols, and the FDE search table
// (the linker's .eh_frame_hdr, or one built from .eh_frame), checked against each other and
// against damaged input.
import Foundation
import Testing
@testable import DunetraceCore

@Suite("ELF symbols and unwind tables")
struct ElfUnwindTests {
    struct File {
        var bytes: [UInt8]
        var elf: ElfFile
        var sections: [ElfSection]
        var image: FileImage
        init(_ path: String) throws {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            elf = try ElfFile(bytes: bytes, path: path)
            sections = ElfSections.parse(bytes)
            image = FileImage(bytes: bytes, segments: elf.segments.filter { $0.type == ElfFile.PT_LOAD })
        }
    }

    /// A table's entries as absolute (file) addresses: a function's start, its FDE.
    static func entries(_ t: ElfUnwindTable, _ image: FileImage) -> [[UInt64]] {
        (0..<t.count).map { i -> [UInt64] in
            let pair: (Int32, Int32)
            if let built = t.built {
                pair = (built[2 * i], built[2 * i + 1])
            } else {
                let at = t.address! + UInt64(8 * i)
                pair = (Int32(bitPattern: image.u32(at)!), Int32(bitPattern: image.u32(at + 4)!))
            }
            return [t.base &+ UInt64(bitPattern: Int64(pair.0)), t.base &+ UInt64(bitPattern: Int64(pair.1))]
        }
    }

    @Test("a dynamic executable: the linker's table, and the same table built from .eh_frame")
    func dynamicTable() throws {
        let f = try File(try Fixtures.path("passwd"))
        let table = try #require(ElfUnwindTable.find(bytes: f.bytes, elf: f.elf, sections: f.sections))
        #expect(table.address != nil && table.built == nil)
        let ehFrame = try #require(f.sections.first { $0.name == ".eh_frame" })
        let built = try #require(ElfUnwindTable.build(f.image, ehFrame: ehFrame.address, end: ehFrame.address + ehFrame.size))
        #expect(Self.entries(built, f.image) == Self.entries(table, f.image))
    }

    @Test("a static executable has no .eh_frame_hdr: its table is built, sorted, and covers main")
    func staticTable() throws {
        let f = try File(try Fixtures.path("passwd", static: true))
        #expect(!f.elf.segments.contains { $0.type == ElfUnwindTable.PT_GNU_EH_FRAME })
        let table = try #require(ElfUnwindTable.find(bytes: f.bytes, elf: f.elf, sections: f.sections))
        #expect(table.built != nil && table.count > 100)
        let starts = Self.entries(table, f.image).map { $0[0] }
        #expect(starts == starts.sorted())
        let symbols = ElfSymbols(bytes: f.bytes, sections: f.sections)
        let main = try #require(symbols.symbols.first { $0.name == "main" })
        #expect(starts.contains(main.address))
        #expect(symbols.name(at: main.address + 5).map { "\($0.name)+\($0.offset)" } == "main+5")
    }

    @Test("a stripped library names its code from .dynsym, the global name first")
    func dynamicSymbols() throws {
        let f = try File("/lib/x86_64-linux-gnu/libc.so.6")
        #expect(!f.sections.contains { $0.type == ElfSection.SHT_SYMTAB })
        let symbols = ElfSymbols(bytes: f.bytes, sections: f.sections)
        let read = try #require(symbols.symbols.first { $0.name == "read" })
        #expect(symbols.name(at: read.address)?.name == "read", "read and __read share an address; read is GLOBAL")
        #expect(symbols.name(at: 0) == nil)
    }

    @Test("fuzz: damaged section headers, symbols and .eh_frame never trap")
    func fuzz() throws {
        let f = try File(try Fixtures.path("passwd", static: true))
        let ehFrame = try #require(f.sections.first { $0.name == ".eh_frame" })
        var rng = ElfFileTests.SplitMix(state: 0x6b_756e_7769)
        for round in 0..<60 {
            var b = f.bytes
            for _ in 0..<Int.random(in: 1...64, using: &rng) {
                // Most edits in .eh_frame, the rest in the ELF header and section headers.
                let i = round % 3 == 0 ? Int.random(in: 0..<64, using: &rng)
                    : round % 3 == 1 ? Int(ehFrame.offset) + Int.random(in: 0..<Int(ehFrame.size), using: &rng)
                    : Int.random(in: max(0, b.count - 4096)..<b.count, using: &rng)
                b[i] = UInt8.random(in: 0...255, using: &rng)
            }
            guard let elf = try? ElfFile(bytes: b, path: "fuzz") else { continue }
            let sections = ElfSections.parse(b)
            _ = ElfSymbols(bytes: b, sections: sections).name(at: 0x401000)
            _ = ElfUnwindTable.find(bytes: b, elf: elf, sections: sections)
        }
    }
}
