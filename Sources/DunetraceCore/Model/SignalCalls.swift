// The signal family of the model (see ModelTypes.swift for the vocabulary).

extension SyscallModel {
    static let signalCalls: [SyscallDescription] = [
    ]
}
