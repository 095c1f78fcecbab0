// The file family of the model: calls that take a path (see ModelTypes.swift for the vocabulary).

extension SyscallModel {
    static let fileCalls: [SyscallDescription] = [
        SyscallDescription(2, "open", [
            Parameter("filename", .path), Parameter("flags", .int(.int, .flags(FlagTables.open))),
            Parameter("mode", .int(.umode_t, .octal)),
        ], result: .descriptor, classes: [.desc, .file]),
        SyscallDescription(257, "openat", [
            Parameter("dfd", .dirfd), Parameter("filename", .path),
            Parameter("flags", .int(.int, .flags(FlagTables.open))), Parameter("mode", .int(.umode_t, .octal)),
        ], result: .descriptor, classes: [.desc, .file]),
    ]
}
