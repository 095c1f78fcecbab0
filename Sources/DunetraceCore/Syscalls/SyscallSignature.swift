// What the syscall table says about each call: how to print its arguments and result, and
// which of strace's classes (`-e trace=%file`...) it belongs to.

/// How one argument register is printed.
public enum ArgKind: Sendable, Equatable {
    /// C int: the low 32 bits, signed decimal.
    case int
    case uint
    /// Signed 64-bit decimal (off_t, long).
    case long
    /// Unsigned 64-bit decimal (size_t).
    case ulong
    /// Hex, `0` for zero.
    case hex
    /// An address: `NULL` or hex.
    case pointer
    /// An address strace prints as one although the model describes what it points to
    /// (epoll_pwait2's timeout and mask in strace 6.1).
    case address
    case fd
    /// A directory fd: `AT_FDCWD` or the number.
    case dirfd
    /// Permission bits in octal: `0644`.
    case mode
    /// File type and permissions: `S_IFIFO|0600`.
    case fileMode
    case signal
    /// Names OR-ed together from the table.
    case flags(NameTable)
    /// One name from the table (compared as a C int).
    case value(NameTable)
    /// A NUL-terminated path, up to PATH_MAX.
    case path
    /// A NUL-terminated string, cut at the -s limit.
    case string
    /// Bytes the kernel reads; their count is in argument n.
    case inBuffer(Int)
    /// Bytes the kernel writes; the result is their count. Shown only on success.
    case outBuffer
    /// Like outBuffer, with every byte as a \x escape (getrandom).
    case randomBuffer
    /// A path the kernel writes (getcwd). Shown only on success.
    case outPath
    /// A struct the kernel reads.
    case inStruct(StructKind)
    /// A struct the kernel writes. Shown only on success, otherwise as its address.
    case outStruct(StructKind)
}

/// The structs and arrays the decoder knows. Associated values are argument indexes.
public enum StructKind: Sendable, Equatable {
    case stat, statx, statfs
    case timespec, timeval, itimerval, itimerspec
    case rlimit, rusage, tms, utsname, sysinfo
    /// A signal set; its size in bytes is in argument n.
    case sigset(Int)
    case sigaction, stack
    /// A socket address; its length is in argument n.
    case sockaddr(Int)
    /// A socket address the kernel writes; argument n points to its length.
    case sockaddrWithLengthPointer(Int)
    /// int*, printed `[16]`.
    case int
    /// A 64-bit value behind a pointer, printed `[1795613293]`.
    case long
    /// int[2] of two fds: `[3, 4]`.
    case fdPair
    /// An iovec array; its count is in argument n.
    case iovec(Int)
    /// A pollfd array; its count is in argument n.
    case pollfds(Int)
    /// An fd_set; the highest fd + 1 is in argument n.
    case fdSet(Int)
    /// A CPU mask; its size in bytes is in argument n, or is the result when n is negative
    /// (sched_getaffinity returns how many bytes it wrote).
    case cpuSet(Int)
    /// Wait status, printed as `[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]`.
    case waitStatus
    case argv, envp
    /// Directory entries: the address and `/* N entries */`.
    case dirents
    /// clone3's struct clone_args; its size is in argument n.
    case cloneArgs(Int)
}

/// How a successful result is printed.
public enum ReturnKind: Sendable, Equatable {
    case decimal
    /// An id (getuid's uid_t): unsigned.
    case unsignedDecimal
    case hex
    case octal
    /// A new descriptor: decimal, and with -y its path, `3</etc/passwd>`.
    case fd
}

/// strace's syscall classes, for `-e trace=%file` and friends.
public enum SyscallClass: String, Sendable, CaseIterable {
    /// %file: takes a file name.
    case file
    /// %desc: takes or returns a file descriptor.
    case desc
    case network, process, memory, signal, ipc, clock, creds
    /// %stat, %lstat, %fstat, %%stat: the stat family.
    case stat, lstat, fstat, statLike
    /// %statfs, %fstatfs, %%statfs.
    case statfs, fstatfs, statfsLike
    /// %pure: takes no arguments and always succeeds.
    case pure
}

/// One row of the syscall table.
public final class SyscallEntry: Sendable {
    public let number: Int
    public let name: String
    public let args: [ArgKind]
    public let returns: ReturnKind
    public let classes: Set<SyscallClass>

    public init(_ number: Int, _ name: String, _ args: [ArgKind], returns: ReturnKind = .decimal,
                classes: Set<SyscallClass> = []) {
        self.number = number
        self.name = name
        self.args = args
        self.returns = returns
        self.classes = classes
    }
}
