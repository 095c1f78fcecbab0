// Errors of dunetrace itself (not of the target): each prints as one line naming the cause and
// the path, and maps to the exit status a shell would use.

public enum DunetraceError: Error, Equatable, CustomStringConvertible, Sendable {
    case notFound(path: String)
    case permissionDenied(path: String)
    case notExecutable(path: String, reason: String)
    case kvmUnavailable(String)
    case vm(String)
    case io(path: String, reason: String)
    case usage(String)

    public var description: String {
        switch self {
        case .notFound(let p): "\(p): No such file or directory"
        case .permissionDenied(let p): "\(p): Permission denied"
        case .notExecutable(let p, let r): "\(p): cannot execute: \(r)"
        case .kvmUnavailable(let m): m
        case .vm(let m): "KVM: \(m)"
        case .io(let p, let r): "\(p): \(r)"
        case .usage(let m): m
        }
    }

    /// 127 for a program that is not there, 126 for one that cannot be run (as a shell does).
    public var exitStatus: Int32 {
        switch self {
        case .notFound: 127
        case .permissionDenied, .notExecutable: 126
        default: 1
        }
    }
}
