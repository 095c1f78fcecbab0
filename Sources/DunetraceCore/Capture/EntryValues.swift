// Value-result arguments as they were when the call was made. strace prints a length the kernel
// changed as `[110 => 24]`: the value at entry, then at exit (and an ioctl's structure as given
// ` => ` as written back). The model names these arguments (a pointer the kernel both reads and
// writes, to one integer or a small structure); their entry bytes are kept at an
// alias address no target memory can have (bit 62 set: not canonical), so the decoder reads
// them as memory, and the capture and replay carry them as any other bytes of memory.

public struct EntryValuesMemory: TargetMemory {
    /// Marks an address as "the bytes at the address with this bit clear, at entry".
    public static let aliasBit: UInt64 = 1 << 62

    public static func alias(_ address: UInt64) -> UInt64 { address | aliasBit }

    public let base: any TargetMemory
    private let saved: [(address: UInt64, bytes: [UInt8])]

    /// The memory of the call about to be made, with its value-result integers read now; nil
    /// when the call has none (or none readable).
    public static func atEntry(_ nr: Int, _ args: SyscallArgs, memory: any TargetMemory) -> EntryValuesMemory? {
        guard let parameters = SyscallModel.description(nr)?.arguments(for: args) else { return nil }
        var saved: [(UInt64, [UInt8])] = []
        for (i, p) in parameters.enumerated() where i < 6 {
            // Structures only for ioctl, whose decoders print them as given ` => ` as written
            // (others print what the call left: not worth a read on every select or recvmsg).
            guard case .pointer(let pointer) = p.type, pointer.direction == .both, let size = pointer.pointee.entryValueSize,
                  nr == 16 || !pointer.pointee.isStructure,
                  args[i] != 0, args[i] & aliasBit == 0, let bytes = memory.read(args[i], count: size) else { continue }
            saved.append((args[i], bytes))
        }
        return saved.isEmpty ? nil : EntryValuesMemory(base: memory, saved: saved)
    }

    public func read(_ address: UInt64, count: Int) -> [UInt8]? {
        guard address & Self.aliasBit != 0 else { return base.read(address, count: count) }
        let real = address & ~Self.aliasBit
        guard let entry = saved.first(where: { $0.address == real }), count <= entry.bytes.count else { return nil }
        return Array(entry.bytes.prefix(count))
    }
}

extension Pointee {
    /// The bytes kept at entry of a value-result argument pointing to this: an integer, or a
    /// structure of at most 1 KiB (what ioctl decoders print as given).
    var entryValueSize: Int? {
        switch self {
        case .scalar(let t, _): return t.bytes
        case .structure(let layout) where layout.size <= 1024: return layout.size
        default: return nil
        }
    }

    var isStructure: Bool {
        if case .structure = self { return true }
        return false
    }
}

extension TargetMemory {
    /// The 8-byte integer at `address` as it was when the call was made, if it was kept.
    func int64AtEntry(_ address: UInt64) -> Int64? {
        guard address & EntryValuesMemory.aliasBit == 0, let b = read(EntryValuesMemory.alias(address), count: 8) else { return nil }
        return b.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
    }

    /// The 4-byte integer at `address` as it was when the call was made, if it was kept.
    func int32AtEntry(_ address: UInt64) -> Int32? {
        guard address & EntryValuesMemory.aliasBit == 0, let b = read(EntryValuesMemory.alias(address), count: 4) else { return nil }
        return b.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
    }
}
