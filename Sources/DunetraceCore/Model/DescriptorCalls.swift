// The descriptor family of the model: calls on open descriptors (see ModelTypes.swift).

extension SyscallModel {
    static let descriptorCalls: [SyscallDescription] = [
        SyscallDescription(0, "read", [
            Parameter("fd", .fd), Parameter("buf", .output(.bytes(.argument(2)))), Parameter("count", .int(.size_t)),
        ], classes: [.desc]),
        SyscallDescription(1, "write", [
            Parameter("fd", .fd), Parameter("buf", .input(.bytes(.argument(2)))), Parameter("count", .int(.size_t)),
        ], classes: [.desc]),
        SyscallDescription(3, "close", [Parameter("fd", .fd)], classes: [.desc]),
        SyscallDescription(19, "readv", [
            Parameter("fd", .fd), Parameter("vec", .input(.array(of: .structure(iovecOut), count: .argument(2)))),
            Parameter("vlen", .int(.ulong)),
        ], classes: [.desc]),
        SyscallDescription(20, "writev", [
            Parameter("fd", .fd), Parameter("vec", .input(.array(of: .structure(iovecIn), count: .argument(2)))),
            Parameter("vlen", .int(.ulong)),
        ], classes: [.desc]),
    ]
}
