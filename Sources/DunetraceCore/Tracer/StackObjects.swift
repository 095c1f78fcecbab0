// -k: the ELF files the target's code comes from, read once each: their loadable segments (to
// turn an address into the file's own address), their unwind table and their symbols. Keyed
// by path and checked against the file's identity, so a file replaced on disk is read again.
import Foundation
import Glibc

final class StackObject: @unchecked Sendable {  // immutable after init
    let path: String
    let loads: [ElfFile.Segment]
    let symbols: ElfSymbols
    let unwindTable: ElfUnwindTable?
    /// The GNU build id: replay symbolizes only the same file.
    let buildID: [UInt8]
    /// The lowest and highest addresses of its loadable segments (the file's own).
    let span: (start: UInt64, end: UInt64)

    /// nil for a file that is not an x86-64 ELF file or cannot be read.
    init?(path: String) {
        guard let bytes = readRegularFile(path), let elf = try? ElfFile(bytes: bytes, path: path) else { return nil }
        self.path = path
        loads = elf.segments.filter { $0.type == ElfFile.PT_LOAD }
        let sections = ElfSections.parse(bytes)
        symbols = ElfSymbols(bytes: bytes, sections: sections)
        unwindTable = ElfUnwindTable.find(bytes: bytes, elf: elf, sections: sections)
        buildID = StackFile.buildID(bytes, sections)
        span = (loads.map(\.vaddr).min() ?? 0, loads.map { $0.vaddr &+ $0.memSize }.max() ?? 0)
    }

    /// How far the file was moved when mapped: `address` (in `mapping`, a mapping of this file)
    /// minus the file's own address of the same byte; nil when no segment holds that byte.
    func bias(of address: UInt64, in mapping: TargetMapping) -> UInt64? {
        let fileOffset = address &- mapping.start &+ mapping.offset
        guard let s = loads.first(where: { fileOffset >= $0.offset && fileOffset - $0.offset < $0.fileSize }) else { return nil }
        return address &- (s.vaddr &+ (fileOffset - s.offset))
    }
}

/// The files read so far, by path.
final class StackObjects: @unchecked Sendable {  // its table behind its own lock
    private struct Identity: Equatable { var device: UInt64; var inode: UInt64; var size: Int64; var modified: Int64 }
    private var objects: [String: (identity: Identity, object: StackObject?)] = [:]
    private let lock = ForkSafeLock()

    /// The file mapped at `path` (a mapping's name), or nil when it is not an ELF file.
    func object(_ path: String) -> StackObject? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let identity = Identity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                                modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
        lock.lock()
        defer { lock.unlock() }
        if let known = objects[path], known.identity == identity { return known.object }
        let object = StackObject(path: path)
        objects[path] = (identity, object)
        return object
    }
}
