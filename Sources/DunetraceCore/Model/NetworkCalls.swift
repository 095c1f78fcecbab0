// The network family of the model (see ModelTypes.swift for the vocabulary). Types follow the
// kernel's SYSCALL_DEFINEs in net/socket.c: address lengths are int (a negative one is EINVAL),
// flags unsigned int.

extension SyscallModel {
    /// struct user_msghdr whose buffers the kernel reads (sendmsg).
    static let msghdrSend = StructLayout("msghdr", size: 56, msghdrFields(send: true))
    /// struct user_msghdr whose buffers the kernel writes (recvmsg); the kernel writes back
    /// msg_namelen, msg_controllen and msg_flags, so the structure itself is read and written.
    static let msghdrReceive = StructLayout("msghdr", size: 56, msghdrFields(send: false))
    /// struct mmsghdr: a msghdr, then the u32 msg_len the kernel writes (sendmmsg and recvmmsg).
    static let mmsghdrSend = StructLayout("mmsghdr", size: 64, msghdrFields(send: true) + [
        Field("msg_len", 56, .int(.uint)),
    ])
    static let mmsghdrReceive = StructLayout("mmsghdr", size: 64, msghdrFields(send: false) + [
        Field("msg_len", 56, .int(.uint)),
    ])

    /// sizeof(struct sockaddr_storage): the most of an address the kernel reads or writes.
    static let sockaddrStorageSize = 128
    /// UIO_MAXIOV: more iovecs (or mmsghdrs, for recvmmsg/sendmmsg, which clamp) is an error
    /// before the array is read, so no more are checked.
    static let uioMaxIov = 1024

    private static func msghdrFields(send: Bool) -> [Field] {
        let buffers = send ? iovecIn : iovecOut
        let direction: Direction = send ? .input : .output
        return [
            // NULL (and any length) is fine on a connected socket; the family decides the layout.
            // A longer msg_namelen is cut to sizeof(struct sockaddr_storage).
            Field("msg_name", 0, .pointer(PointerType(direction, .socketAddress(.min(.field("msg_namelen"), .fixed(sockaddrStorageSize))), optional: true))),
            Field("msg_namelen", 8, .int(.int)),
            // The array is read in both cases; its buffers go the call's way. More than UIO_MAXIOV
            // (1024) is EMSGSIZE before the array is read.
            Field("msg_iov", 16, .input(.array(of: .structure(buffers), count: .min(.field("msg_iovlen"), .fixed(uioMaxIov))), optional: true)),
            Field("msg_iovlen", 24, .int(.size_t)),
            // SCM_RIGHTS in a sent message names the target's descriptors.
            Field("msg_control", 32, .pointer(PointerType(direction, .controlMessages(.field("msg_controllen")), optional: true))),
            Field("msg_controllen", 40, .int(.size_t)),
            // Ignored on input; recvmsg writes it.
            Field("msg_flags", 48, .int(.uint, .flags(FlagTables.messageFlags))),
        ]
    }

    /// A socket address the kernel writes, then its value-result length (int *): at most *len
    /// bytes are written and *len is set to the address's full size. The address may be NULL
    /// when *len is 0; accept, accept4 and recvfrom also take NULL for both (no address wanted).
    private static func addressOut(lengthArgument: Int, lengthOptional: Bool) -> [Parameter] {
        [Parameter("addr", .output(.socketAddress(.min(.pointee(lengthArgument), .fixed(sockaddrStorageSize))), optional: true)),
         Parameter("addrlen", .both(.scalar(.int, .decimal), optional: lengthOptional))]
    }

    // Buffers and addresses of length 0 are not touched, so NULL is accepted with them (a
    // zero-length datagram, connect(fd, NULL, 0)): `optional` lets NULL through to the kernel,
    // which gives EFAULT itself when the length is not 0.
    static let networkCalls: [SyscallDescription] = [
        SyscallDescription(41, "socket", [
            Parameter("family", .int(.int, .enumeration(FlagTables.addressFamily))),
            Parameter("type", .int(.int, .hex)), Parameter("protocol", .int(.int)),
        ], result: .descriptor, classes: [.network]),
        SyscallDescription(42, "connect", [
            Parameter("fd", .fd), Parameter("uservaddr", .input(.socketAddress(.min(.argument(2), .fixed(sockaddrStorageSize))), optional: true)),
            Parameter("addrlen", .int(.int)),
        ], classes: [.network]),
        SyscallDescription(43, "accept", [Parameter("fd", .fd)] + addressOut(lengthArgument: 2, lengthOptional: true),
                           result: .descriptor, classes: [.network]),
        SyscallDescription(44, "sendto", [
            Parameter("fd", .fd), Parameter("buff", .input(.bytes(.argument(2)), optional: true)), Parameter("len", .int(.size_t)),
            Parameter("flags", .int(.uint, .flags(FlagTables.messageFlags))),
            Parameter("addr", .input(.socketAddress(.min(.argument(5), .fixed(sockaddrStorageSize))), optional: true)), Parameter("addr_len", .int(.int)),
        ], classes: [.network]),
        SyscallDescription(45, "recvfrom", [
            Parameter("fd", .fd), Parameter("ubuf", .output(.bytes(.argument(2)), optional: true)), Parameter("size", .int(.size_t)),
            Parameter("flags", .int(.uint, .flags(FlagTables.messageFlags))),
        ] + addressOut(lengthArgument: 5, lengthOptional: true), classes: [.network]),
        SyscallDescription(46, "sendmsg", [
            Parameter("fd", .fd), Parameter("msg", .input(.structure(msghdrSend))),
            Parameter("flags", .int(.uint, .flags(FlagTables.messageFlags))),
        ], classes: [.network]),
        SyscallDescription(47, "recvmsg", [
            Parameter("fd", .fd), Parameter("msg", .both(.structure(msghdrReceive))),
            Parameter("flags", .int(.uint, .flags(FlagTables.messageFlags))),
        ], classes: [.network]),
        SyscallDescription(48, "shutdown", [
            Parameter("fd", .fd), Parameter("how", .int(.int, .enumeration(FlagTables.shutdownHow))),
        ], classes: [.network]),
        SyscallDescription(49, "bind", [
            Parameter("fd", .fd), Parameter("umyaddr", .input(.socketAddress(.min(.argument(2), .fixed(sockaddrStorageSize))), optional: true)),
            Parameter("addrlen", .int(.int)),
        ], classes: [.network]),
        SyscallDescription(50, "listen", [Parameter("fd", .fd), Parameter("backlog", .int(.int))], classes: [.network]),
        SyscallDescription(51, "getsockname", [Parameter("fd", .fd)] + addressOut(lengthArgument: 2, lengthOptional: false),
                           classes: [.network]),
        SyscallDescription(52, "getpeername", [Parameter("fd", .fd)] + addressOut(lengthArgument: 2, lengthOptional: false),
                           classes: [.network]),
        SyscallDescription(53, "socketpair", [
            Parameter("family", .int(.int, .enumeration(FlagTables.addressFamily))),
            Parameter("type", .int(.int, .hex)), Parameter("protocol", .int(.int)),
            // Two new descriptors, written on success.
            Parameter("usockvec", .output(.array(of: .scalar(.int, .decimal), count: .fixed(2)))),
        ], classes: [.network]),
        SyscallDescription(54, "setsockopt", [
            Parameter("fd", .fd), Parameter("level", .int(.int, .enumeration(FlagTables.socketLevel))),
            Parameter("optname", .int(.int)),
            // NULL with optlen 0 is valid for some options (SO_BINDTODEVICE to unbind).
            Parameter("optval", .input(.bytes(.argument(4)), optional: true)), Parameter("optlen", .int(.int)),
        ], classes: [.network]),
        SyscallDescription(55, "getsockopt", [
            Parameter("fd", .fd), Parameter("level", .int(.int, .enumeration(FlagTables.socketLevel))),
            Parameter("optname", .int(.int)),
            Parameter("optval", .output(.bytes(.pointee(4)), optional: true)),
            Parameter("optlen", .both(.scalar(.int, .decimal))),
        ], classes: [.network]),
        SyscallDescription(288, "accept4", [Parameter("fd", .fd)] + addressOut(lengthArgument: 2, lengthOptional: true) + [
            Parameter("flags", .int(.int, .flags(FlagTables.socketFlags))),
        ], result: .descriptor, classes: [.network]),
        SyscallDescription(299, "recvmmsg", [
            Parameter("fd", .fd),
            // vlen above UIO_MAXIOV is clamped to it.
            Parameter("mmsg", .both(.array(of: .structure(mmsghdrReceive), count: .min(.argument(2), .fixed(uioMaxIov))))),
            Parameter("vlen", .int(.uint)), Parameter("flags", .int(.uint, .flags(FlagTables.messageFlags))),
            // The time left is written back when at least one message came.
            Parameter("timeout", .both(.structure(timespec), optional: true)),
        ], classes: [.network]),
        SyscallDescription(307, "sendmmsg", [
            Parameter("fd", .fd),
            Parameter("mmsg", .both(.array(of: .structure(mmsghdrSend), count: .min(.argument(2), .fixed(uioMaxIov))))),
            Parameter("vlen", .int(.uint)), Parameter("flags", .int(.uint, .flags(FlagTables.messageFlags))),
        ], classes: [.network]),
    ]
}
