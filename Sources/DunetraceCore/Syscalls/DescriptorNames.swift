// strace -y: what a descriptor refers to, printed after its number: `read(3</etc/passwd>, ...)`.

/// Where the descriptors of one call point: the process's descriptor table, kept by the live
/// run and recorded in the trace (Trace/DescriptorName.swift).
public protocol DescriptorNames {
    /// The path of `fd` (AT_FDCWD: the working directory) as the call found it (its arguments,
    /// `afterCall` false) or left it (the descriptors it returned); nil to print the number alone.
    func path(of fd: Int32, afterCall: Bool) -> String?
    /// What follows the number: `</etc/passwd>`, with -yy `<TCP:[...]>`; nil for nothing.
    func decorated(_ fd: Int32, afterCall: Bool) -> String?
    /// What -yy shows of `fd` as the call found it (`NETLINK:[ROUTE:123]`), whether or not the
    /// line shows it: the decoder reads a socket's protocol from it. nil when not known.
    func detail(of fd: Int32) -> String?
}

extension DescriptorNames {
    public func decorated(_ fd: Int32, afterCall: Bool) -> String? {
        path(of: fd, afterCall: afterCall).map { StraceText.descriptorPath($0) }
    }

    public func detail(of fd: Int32) -> String? { nil }
}
