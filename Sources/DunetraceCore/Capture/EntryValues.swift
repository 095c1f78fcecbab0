// Value-result arguments as they were when the call was made. strace prints a length the kernel
// changed as `[110 => 24]`: the value at entry, then at exit. The model names these arguments
// (a pointer the kernel both reads and writes, to one integer, or to a V4L2 structure whose
// given and returned halves strace prints apart); their entry bytes are kept at an
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
        var saved: [(UInt64, [UInt8])] = []
        // A V4L2 request the guard refuses runs only under -e inject=, whose poke_exit may change it.
        if let size = refusedVideoStructureSize(nr, args), args[2] & aliasBit == 0, let bytes = memory.read(args[2], count: size) {
            saved.append((args[2], bytes))
        }
        let parameters = SyscallModel.description(nr)?.arguments(for: args) ?? []
        for (i, p) in parameters.enumerated() where i < 6 {
            guard case .pointer(let pointer) = p.type, let size = keptSize(pointer, nr, args), args[i] != 0, args[i] & aliasBit == 0,
                  let bytes = memory.read(args[i], count: size) else { continue }
            saved.append((args[i], bytes))
        }
        return saved.isEmpty ? nil : EntryValuesMemory(base: memory, saved: saved)
    }

    /// The bytes kept at entry of a pointer the kernel reads and writes: a value-result integer,
    /// or a V4L2 structure (strace prints what the request was given, then what it returned).
    static func keptSize(_ pointer: PointerType, _ nr: Int, _ args: SyscallArgs) -> Int? {
        guard pointer.direction == .both else { return nil }
        switch pointer.pointee {
        case .scalar(let t, _): return t.bytes
        case .structure(let layout) where nr == 16 && UInt8(truncatingIfNeeded: args[1] >> 8) == 0x56: return layout.size  // ioctl 'V'
        default: return nil
        }
    }

    public func read(_ address: UInt64, count: Int) -> [UInt8]? {
        guard address & Self.aliasBit != 0 else { return base.read(address, count: count) }
        let real = address & ~Self.aliasBit
        guard let entry = saved.first(where: { $0.address == real }), count <= entry.bytes.count else { return nil }
        return Array(entry.bytes.prefix(count))
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
