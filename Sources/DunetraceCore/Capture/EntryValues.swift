// Value-result arguments as they were when the call was made. strace prints a length the kernel
// changed as `[110 => 24]`: the value at entry, then at exit (and an ioctl's structure as given
// ` => ` as written back; select's sets and timeout as given). The model names these arguments
// (a pointer the kernel both reads and writes, to an integer, a structure or counted bytes);
// their entry bytes are kept at an
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
        guard nr < 0 || nr >= mayKeep.count || mayKeep[nr] else { return nil }
        var saved: [(UInt64, [UInt8])] = []
        // A V4L2 request the guard refuses runs only under -e inject=, whose poke_exit may change it.
        if let size = refusedVideoStructureSize(nr, args), args[2] & aliasBit == 0, let bytes = memory.read(args[2], count: size) {
            saved.append((args[2], bytes))
        }
        let parameters = SyscallModel.description(nr)?.arguments(for: args) ?? []
        for (i, p) in parameters.enumerated() where i < 6 {
            guard case .pointer(let pointer) = p.type, keptAtEntry(i, args, parameters), args[i] != 0, args[i] & aliasBit == 0,
                  let size = entrySize(pointer.pointee, args, parameters), size > 0,
                  let bytes = memory.read(args[i], count: size) else { continue }
            saved.append((args[i], bytes))
        }
        for field in valueResultFields(nr, args) {
            if let bytes = memory.read(field, count: 4) { saved.append((field, bytes)) }
        }
        return saved.isEmpty ? nil : EntryValuesMemory(base: memory, saved: saved)
    }

    /// Per call number: whether atEntry can keep anything (a pointer among its arguments, a
    /// multiplexed call's variant, ioctl's refused video structures, recvmsg/recvmmsg's
    /// lengths). The rest (getppid, close, kill...) skip copying their description per call.
    private static let mayKeep: [Bool] = (0..<512).map { nr in
        guard let d = SyscallModel.description(nr) else { return true }
        return nr == 16 || nr == 47 || nr == 299 || d.multiplexer != nil
            || d.arguments.contains(where: \.isPointer)
    }

    /// Whether argument i's bytes at entry are kept: the kernel reads and writes it, or it is an
    /// input the call's output overwrites (clock_nanosleep with rmtp == rqtp).
    static func keptAtEntry(_ i: Int, _ args: SyscallArgs, _ parameters: [Parameter]) -> Bool {
        guard case .pointer(let pointer) = parameters[i].type else { return false }
        if pointer.direction == .both { return true }
        // An input the kernel writes its own size into on E2BIG: strace prints it as given, then ` => `.
        if pointer.direction == .input, pointer.written == .onE2BIG { return true }
        guard pointer.direction == .input, case .structure = pointer.pointee else { return false }
        return parameters.indices.contains { j in
            guard j != i, j < 6, case .pointer(let other) = parameters[j].type, other.direction != .input else { return false }
            return args[j] == args[i]
        }
    }

    /// The bytes kept of a value-result argument: an integer, a structure (select's timeout),
    /// or a run of bytes counted by the arguments (select's descriptor sets), which strace
    /// prints as the call was given them.
    static func entrySize(_ pointee: Pointee, _ args: SyscallArgs, _ parameters: [Parameter]) -> Int? {
        switch pointee {
        case .scalar(let t, _): return t.bytes
        case .structure(let layout) where layout.extent == nil: return layout.size
        case .bytes, .structure:
            let n: Count
            switch pointee {
            case .bytes(let count): n = count
            case .structure(let layout): n = layout.extent ?? .fixed(layout.size)
            default: return nil
            }
            let sources = CountSources(
                argument: { j in
                    guard j < 6 else { return nil }
                    if j < parameters.count, case .integer(let t, _) = parameters[j].type { return t.value(of: args[j]) }
                    return Int64(bitPattern: args[j])
                },
                pointee: { _ in nil }, field: { _ in nil }, result: nil)
            return n.value(sources).map { min($0, 1 << 17) }
        default: return nil
        }
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

/// Memory as the call found it: the bytes of a value-result argument kept at entry where there
/// are some (live: EntryValuesMemory; replay: their capture), the memory itself elsewhere. An
/// argument strace prints before the call (`.inStruct`) is read through this.
struct MemoryAtEntry: TargetMemory {
    let base: any TargetMemory

    func read(_ address: UInt64, count: Int) -> [UInt8]? {
        if address & EntryValuesMemory.aliasBit == 0, let kept = base.read(EntryValuesMemory.alias(address), count: count) { return kept }
        return base.read(address, count: count)
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
