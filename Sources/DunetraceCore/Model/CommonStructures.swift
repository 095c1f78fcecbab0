// Structures several families share, laid out as the x86-64 kernel lays them out.

extension SyscallModel {
    static let timespec = StructLayout("timespec", size: 16, [
        Field("tv_sec", 0, .int(.time_t)), Field("tv_nsec", 8, .int(.u64)),  // strace prints it unsigned
    ])
    static let timeval = StructLayout("timeval", size: 16, [
        Field("tv_sec", 0, .int(.time_t)), Field("tv_usec", 8, .int(.long)),
    ])
    /// struct iovec whose buffer the kernel reads (writev, sendmsg).
    static let iovecIn = StructLayout("iovec", size: 16, [
        Field("iov_base", 0, .input(.bytes(.field("iov_len")), optional: true)), Field("iov_len", 8, .int(.size_t)),
    ])
    /// struct iovec whose buffer the kernel writes (readv, recvmsg).
    static let iovecOut = StructLayout("iovec", size: 16, [
        Field("iov_base", 0, .output(.bytes(.field("iov_len")), optional: true)), Field("iov_len", 8, .int(.size_t)),
    ])
    /// A sigset_t the kernel reads; its size is argument `sizeArgument` (8 on x86-64).
    static func sigset(size sizeArgument: Int) -> Pointee { .bytes(.argument(sizeArgument)) }
}
