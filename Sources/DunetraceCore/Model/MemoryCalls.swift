// The memory family of the model (see ModelTypes.swift for the vocabulary).

extension SyscallModel {
    static let memoryCalls: [SyscallDescription] = [
    ]
}
