// The ELF reader: real binaries parse, and no mutation of one can make it trap.
import DunetraceCore
import Foundation
import Testing

@Suite("ELF reader")
struct ElfFileTests {
    static let trueBytes = Array((try? Data(contentsOf: URL(fileURLWithPath: "/bin/true"))) ?? Data())

    @Test("a PIE with an interpreter")
    func pie() throws {
        let elf = try ElfFile(bytes: ElfFileTests.trueBytes, path: "/bin/true")
        #expect(elf.kind == .sharedObject)
        #expect(elf.interpreter == "/lib64/ld-linux-x86-64.so.2")
        #expect(elf.programHeaderAddress != nil)
        #expect(elf.loadSpan.start == 0)
    }

    @Test("a static executable")
    func staticExecutable() throws {
        let path = try Fixtures.path("exitcode", static: true)
        let elf = try ElfFile(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
        #expect(elf.kind == .executable)
        #expect(elf.interpreter == nil)
        #expect(elf.loadSpan.start >= 0x400000)
    }

    @Test("errors name the cause")
    func errors() {
        #expect(throws: DunetraceError.notExecutable(path: "x", reason: "not an ELF file")) {
            try ElfFile(bytes: Array("hello".utf8), path: "x")
        }
        #expect(throws: DunetraceError.notExecutable(path: "x", reason: "truncated ELF header")) {
            try ElfFile(bytes: Array(ElfFileTests.trueBytes.prefix(40)), path: "x")
        }
    }

    /// A small deterministic generator, so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    @Test("fuzz: mutated and truncated headers throw or parse, never trap")
    func fuzz() {
        var rng = SplitMix(state: 0xd1e7_2ace)
        let seed = Array(ElfFileTests.trueBytes.prefix(8192))
        var parsed = 0, rejected = 0
        for _ in 0..<5000 {
            var b = seed
            let edits = Int.random(in: 1...8, using: &rng)
            for _ in 0..<edits {
                // Aim most edits at the ELF and program headers, where the reader looks.
                let i = Bool.random(using: &rng) ? Int.random(in: 0..<64, using: &rng) : Int.random(in: 0..<min(b.count, 1024), using: &rng)
                b[i] = UInt8.random(in: 0...255, using: &rng)
            }
            if Int.random(in: 0..<4, using: &rng) == 0 { b = Array(b.prefix(Int.random(in: 0...b.count, using: &rng))) }
            do {
                let elf = try ElfFile(bytes: b, path: "fuzz")
                _ = elf.loadSpan
                _ = elf.programHeaderAddress
                parsed += 1
            } catch {
                rejected += 1
            }
        }
        #expect(parsed + rejected == 5000)
        #expect(rejected > 0)
    }
}
