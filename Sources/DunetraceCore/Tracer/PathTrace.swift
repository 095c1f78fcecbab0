// strace's -P PATH (--trace-path): only the calls that name one of the paths, or use a
// descriptor open on one (looked up at entry, as strace does, so close(3) still counts).
// The target's descriptors are dunetrace's own, so /proc/self/fd/N names them.
import Glibc

public struct PathTrace: Sendable {
    /// The paths as given, and where they resolve to (strace keeps both).
    public private(set) var paths: Set<String> = []

    public init(_ given: [String]) {
        for p in given {
            paths.insert(p)
            if let r = realpath(p, nil) {
                paths.insert(String(cString: r))
                free(r)
            }
        }
    }

    /// Whether call `nr` with `args` touches one of the paths.
    func matches(_ nr: Int, _ args: SyscallArgs, memory: any TargetMemory, guardRules: SyscallGuard) -> Bool {
        matches(nr, args, memory: memory) { fd in
            guard !guardRules.isReservedFd(UInt64(UInt32(bitPattern: fd))) else { return nil }
            var buf = [CChar](repeating: 0, count: 4097)
            let n = readlink("/proc/self/fd/\(fd)", &buf, buf.count - 1)
            return n > 0 ? String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
        }
    }

    /// The same, with the descriptors' paths as the call found them from `descriptorPath`
    /// (replay: the recorded table) and its strings from `memory` (replay: the captures).
    public func matches(_ nr: Int, _ args: SyscallArgs, memory: any TargetMemory, descriptorPath: (Int32) -> String?) -> Bool {
        for (i, kind) in SyscallTable.signature(nr).enumerated() {
            switch kind {
            case .path:
                if let s = memory.readCString(args[i], max: 4096), s.complete,
                   paths.contains(String(decoding: s.bytes, as: UTF8.self)) { return true }
            case .fd, .dirfd:
                let fd = Int32(truncatingIfNeeded: args[i])
                guard fd >= 0 else { continue }
                if let path = descriptorPath(fd), paths.contains(path) { return true }
            default:
                continue
            }
        }
        return false
    }
}
