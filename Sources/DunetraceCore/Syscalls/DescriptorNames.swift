// strace -y: what a descriptor refers to, printed after its number: `read(3</etc/passwd>, ...)`.

/// Where the descriptors of one call point. A live run asks the host (the target's descriptors
/// are dunetrace's own); a trace keeps no paths, so replay has none.
public protocol DescriptorNames {
    /// The path of `fd` (AT_FDCWD: the working directory) as the call found it (its arguments,
    /// `afterCall` false) or left it (the descriptors it returned); nil to print the number alone.
    func path(of fd: Int32, afterCall: Bool) -> String?
}
