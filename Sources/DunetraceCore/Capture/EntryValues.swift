// Value-result arguments as they were when the call was made. strace prints a length the kernel
// changed as `[110 => 24]`: the value at entry, then at exit. The model names these arguments
// (a pointer the kernel both reads and writes, to one integer); their entry bytes are kept at an
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
            guard case .pointer(let pointer) = p.type, pointer.direction == .both,
                  case .scalar(let t, _) = pointer.pointee, args[i] != 0, args[i] & aliasBit == 0,
                  let bytes = memory.read(args[i], count: t.bytes) else { continue }
            saved.append((args[i], bytes))
        }
        for field in valueResultFields(nr, args) {
            if let bytes = memory.read(field, count: 4) { saved.append((field, bytes)) }
        }
        return saved.isEmpty ? nil : EntryValuesMemory(base: memory, saved: saved)
    }

    /// Value-result integers inside structures the call reads: recvmsg's msg_namelen, and
    /// each of recvmmsg's (strace prints `msg_namelen=110 => 16`). Their 4 bytes each.
    public static func valueResultFields(_ nr: Int, _ args: SyscallArgs) -> [UInt64] {
        guard args.a1 != 0, args.a1 & aliasBit == 0 else { return [] }
        switch nr {
        case 47: return [args.a1 &+ 8]  // recvmsg: struct msghdr
        case 299:  // recvmmsg: struct mmsghdr[vlen] (at most UIO_MAXIOV)
            return (0..<UInt64(min(UInt32(truncatingIfNeeded: args.a2), 1024))).map { args.a1 &+ $0 &* 64 &+ 8 }
        default: return []
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
