// The model: every described x86-64 system call, gathered from one file per family (as strace
// keeps one file per family). The guard, the capture and the decoder look calls up here.

public enum SyscallModel {
    /// Every description, from every family.
    public static let all: [SyscallDescription] =
        fileCalls + descriptorCalls + ioctlCalls + networkCalls + memoryCalls + ipcCalls
        + processCalls + signalCalls + timeCalls + miscCalls + recentCalls

    private static let byNumber: [SyscallDescription?] = {
        var table = [SyscallDescription?](repeating: nil, count: 1024)
        for d in all where d.number >= 0 && d.number < table.count && table[d.number] == nil { table[d.number] = d }
        return table
    }()

    /// True once every call of the table is described: then an undescribed call is refused.
    public static let isComplete = SyscallTable.entries.allSatisfy { description($0.number) != nil }

    /// The description of call `nr`, nil when the model has none (the call is refused).
    public static func description(_ nr: Int) -> SyscallDescription? {
        nr >= 0 && nr < byNumber.count ? byNumber[nr] : nil
    }

    /// The integer arguments of call `nr` cut to their C type, as the kernel reads them (an
    /// int flags argument's upper half is not part of it; umode_t is 16 bits): the decoder
    /// prints what the call saw.
    public static func asTheKernelReadsThem(_ nr: Int, _ args: SyscallArgs) -> SyscallArgs {
        guard let parameters = description(nr)?.arguments(for: args) else { return args }
        var cut = args
        for (i, p) in parameters.enumerated() where i < 6 {
            guard case .integer(let t, _) = p.type, t.bytes < 8 else { continue }
            cut[i] = args[i] & ((1 << UInt64(t.bytes * 8)) - 1)
        }
        return cut
    }
}
