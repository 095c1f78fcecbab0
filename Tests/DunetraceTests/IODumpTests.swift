// -e read= / -e write= dumps of buffers that end in unmapped memory: strace's dumpstr fetches
// 64 KiB at a time and, when a later piece cannot be read, ends with
// ` | <Cannot fetch N bytes from pid P @ADDR>` (the form of strace's read-write test).
import Testing
@testable import DunetraceCore

@Suite("I/O dumps of partly unreadable buffers")
struct IODumpTests {
    /// `mapped` bytes from `base` readable, 0, 1, 2... mod 256; the rest of the page is not.
    static func memory(base: UInt64, mapped: Int) -> DecoderFakeMemory {
        var m = DecoderFakeMemory()
        m.write(base, (0..<mapped).map { UInt8(truncatingIfNeeded: $0) })
        return m
    }

    @Test("a write past the end of its mapping: the readable 64 KiB pieces, then the piece that was not")
    func pieceThatCannotBeFetched() {
        let base: UInt64 = 0x5000_0000
        let m = Self.memory(base: base, mapped: 0x20000)
        let lines = IODump.dump(base, length: 0x20002, pid: 4321, memory: m)
        #expect(lines.count == 0x20000 / 16 + 1)
        #expect(lines.first == " | 00000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  ................ |")
        #expect(lines[lines.count - 2] == " | 1fff0  f0 f1 f2 f3 f4 f5 f6 f7  f8 f9 fa fb fc fd fe ff  ................ |")
        #expect(lines.last == " | <Cannot fetch 2 bytes from pid 4321 @0x50020000>")
        #expect(IODump.dump(base, length: 0x20001, pid: 4321, memory: m).last == " | <Cannot fetch 1 byte from pid 4321 @0x50020000>")
    }

    @Test("nothing when the first piece cannot be read; the offset field widens past 1 MiB asked")
    func firstPieceAndWidth() {
        let base: UInt64 = 0x5000_0000
        let m = Self.memory(base: base, mapped: 0x8000)
        #expect(IODump.dump(base, length: 0x10010, pid: 1, memory: m).isEmpty)
        let wide = IODump.dump(base, length: 0x100002, pid: 7, memory: Self.memory(base: base, mapped: 0x10000))
        #expect(wide.first?.hasPrefix(" | 000000  00 01") == true)
        #expect(wide.last == " | <Cannot fetch 65536 bytes from pid 7 @0x50010000>")
    }
}
