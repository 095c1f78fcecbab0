// The vocabulary of the one description of every x86-64 system call (DESIGN.md, "One model of
// every system call"; shared/SYSCALL-MODEL.md): each argument as the kernel reads it, each
// pointer with its direction, its length and what it points to, nested pointers included.
// The guard (which memory and descriptors the kernel will touch), the capture (which bytes to
// record) and the decoder (how strace prints it) are interpreters of these values. A call, or a
// variant of a multiplexed call, that is not described does not reach the kernel.

/// A C integer type as the kernel reads it: from a register (the low `bytes`, sign-extended
/// when signed) or from memory.
public struct CInt: Sendable, Hashable {
    public let bytes: Int
    public let signed: Bool
    public let name: String

    public init(_ bytes: Int, signed: Bool, _ name: String) {
        (self.bytes, self.signed, self.name) = (bytes, signed, name)
    }

    public static let int = CInt(4, signed: true, "int")
    public static let uint = CInt(4, signed: false, "unsigned int")
    public static let long = CInt(8, signed: true, "long")
    public static let ulong = CInt(8, signed: false, "unsigned long")
    public static let size_t = CInt(8, signed: false, "size_t")
    public static let ssize_t = CInt(8, signed: true, "ssize_t")
    public static let off_t = CInt(8, signed: true, "off_t")
    public static let loff_t = CInt(8, signed: true, "loff_t")
    public static let pid_t = CInt(4, signed: true, "pid_t")
    public static let uid_t = CInt(4, signed: false, "uid_t")
    public static let gid_t = CInt(4, signed: false, "gid_t")
    /// The kernel's umode_t: 16 bits (mkdir's 037777600000 is mode 0).
    public static let umode_t = CInt(2, signed: false, "umode_t")
    public static let clockid_t = CInt(4, signed: true, "clockid_t")
    public static let timer_t = CInt(4, signed: true, "timer_t")
    public static let key_t = CInt(4, signed: true, "key_t")
    public static let socklen_t = CInt(4, signed: false, "socklen_t")
    public static let time_t = CInt(8, signed: true, "time_t")
    public static let u8 = CInt(1, signed: false, "u8")
    public static let u16 = CInt(2, signed: false, "u16")
    public static let s16 = CInt(2, signed: true, "s16")
    public static let u32 = CInt(4, signed: false, "u32")
    public static let s32 = CInt(4, signed: true, "s32")
    public static let u64 = CInt(8, signed: false, "u64")
    public static let s64 = CInt(8, signed: true, "s64")

    /// `raw` (a register or a loaded word) cut to this type and extended back to 64 bits.
    public func value(of raw: UInt64) -> Int64 {
        switch (bytes, signed) {
        case (1, true): return Int64(Int8(truncatingIfNeeded: raw))
        case (1, false): return Int64(UInt8(truncatingIfNeeded: raw))
        case (2, true): return Int64(Int16(truncatingIfNeeded: raw))
        case (2, false): return Int64(UInt16(truncatingIfNeeded: raw))
        case (4, true): return Int64(Int32(truncatingIfNeeded: raw))
        case (4, false): return Int64(UInt32(truncatingIfNeeded: raw))
        default: return Int64(bitPattern: raw)
        }
    }
}

/// How an integer is shown (the decoder's concern; the guard reads only the C type).
public enum IntFormat: Sendable {
    case decimal
    case hex
    case octal
    case flags(NameTable)
    case enumeration(NameTable)
    case signal
}

/// What a descriptor argument may be.
public enum DescriptorRole: Sendable, Equatable {
    /// Any open descriptor of the target.
    case any
    /// A directory descriptor, or AT_FDCWD.
    case directory
    /// A descriptor, or -1 for none (mmap without a file, perf's group_fd...).
    case optional
    /// A descriptor number of the process whose pid argument `argument` holds (kcmp's idx1 of
    /// pid1): one of the caller's (-y prints its path) only when that pid is the caller's.
    case ofProcess(argument: Int)
    /// A descriptor number of another process that the call duplicates into the caller
    /// (pidfd_getfd's targetfd): on success it names the file the result names.
    case duplicatedByResult
}

/// Which way the bytes behind a pointer go.
public enum Direction: Sendable, Equatable {
    /// The kernel reads them.
    case input
    /// The kernel writes them.
    case output
    /// The kernel reads, then writes them (a value-result length, a struct it updates).
    case both
}

/// When the kernel writes an output.
public enum WrittenWhen: Sendable, Equatable {
    case always
    case onSuccess
    /// Only when the call is interrupted (nanosleep's remaining time).
    case onEINTR
    /// Only when the call is interrupted and argument n is 0 (clock_nanosleep's remaining
    /// time: an absolute sleep, flags TIMER_ABSTIME, leaves it).
    case onEINTRWhenZero(argument: Int)
    /// An input whose `size` field the kernel overwrites with the size it knows when it
    /// refuses the structure with E2BIG (sched_setattr): kept as it was at entry too.
    case onE2BIG
    /// Always, element by element from the start (poll's revents): a page the target cannot
    /// write stops it there, and the call returns EFAULT after writing what came before.
    case alwaysUntilFault
}

/// A length or a count.
public indirect enum Count: Sendable {
    case fixed(Int)
    /// The value of argument n (as the call's C type of that argument).
    case argument(Int)
    /// A value-result length: the u32 that argument n points to (socklen_t *addrlen).
    case pointee(Int)
    /// A field of the structure this count is in (msg_iovlen, iov_len).
    case field(String)
    /// The call's return value (bytes read, entries written), on success.
    case result
    /// The smaller of two counts (the kernel clamps a value-result length to its buffer).
    case min(Count, Count)
    /// A count of `Count` elements of `size` bytes each.
    case times(Count, Int)
    /// Two counts added (msgsnd's long mtype before its text).
    case sum(Count, Count)
    /// The bytes of a bitmap of `Count` bits kept in longs (fd_set, NUMA node masks).
    case bitmapBytes(Count)
    /// One byte per page of a range of `Count` bytes (mincore's vector).
    case pageCount(Count)
    /// Two counts multiplied (bpf's func_info_cnt records of func_info_rec_size bytes).
    case product(Count, Count)
    /// A length the kernel takes from elsewhere (bpf's fd_array, indexed by instruction
    /// operands): never known, so such a pointer never reaches the kernel as the target's.
    case unknowable
}

/// What a pointer points to.
public indirect enum Pointee: Sendable {
    /// Plain bytes, `Count` of them.
    case bytes(Count)
    /// A NUL-terminated string the kernel reads up to `limit` bytes (a path: 4096).
    case string(limit: Int)
    /// One integer (int *, loff_t *, socklen_t *).
    case scalar(CInt, IntFormat)
    /// A structure; its pointer fields are pointers of their own.
    case structure(StructLayout)
    /// `count` elements of `element`, laid out back to back.
    case array(of: Pointee, count: Count)
    /// Pointers to `element`, up to a NULL one (argv, envp), at most `limit`.
    case nullTerminated(of: Pointee, limit: Int)
    /// A socket address of `Count` bytes (its family decides the layout).
    case socketAddress(Count)
    /// Control messages (struct cmsghdr...), `Count` bytes: SCM_RIGHTS carries descriptors.
    case controlMessages(Count)
}

/// A pointer argument or field.
public struct PointerType: Sendable {
    public let direction: Direction
    public let pointee: Pointee
    /// NULL is accepted by the call (the guard lets it through; the decoder prints NULL).
    public let optional: Bool
    public let written: WrittenWhen

    public init(_ direction: Direction, _ pointee: Pointee, optional: Bool = false, written: WrittenWhen = .onSuccess) {
        (self.direction, self.pointee, self.optional, self.written) = (direction, pointee, optional, written)
    }
}

/// What a register or a structure field holds.
public indirect enum ValueType: Sendable {
    case integer(CInt, IntFormat)
    case descriptor(DescriptorRole)
    case pointer(PointerType)
    /// An address the call uses as a number and the kernel does not read or write through it
    /// on the target's behalf (mmap's addr, munmap, mprotect, brk, set_tid_address...): its
    /// range is the address space's business, not the guard's.
    case address
    /// Not read by this call or variant: not printed.
    case unused
}

/// One field of a structure, at its byte offset.
public struct Field: Sendable {
    public let name: String
    public let offset: Int
    public let type: ValueType
    /// A union member that is a pointer only when the 32-bit field at `offset` holds `value`
    /// (sigevent's sigev_value: the netlink cookie for SIGEV_THREAD, else a value the kernel
    /// hands back in si_value untouched): otherwise it is an integer and reaches the kernel as is.
    public let pointerWhen: (offset: Int, value: Int32)?

    public init(_ name: String, _ offset: Int, _ type: ValueType, pointerWhen: (offset: Int, value: Int32)? = nil) {
        (self.name, self.offset, self.type, self.pointerWhen) = (name, offset, type, pointerWhen)
    }
}

/// A structure as the x86-64 kernel lays it out.
public final class StructLayout: Sendable {
    public let name: String
    public let size: Int
    public let fields: [Field]
    /// An extensible structure (union bpf_attr): the kernel reads this many bytes of it, so
    /// fields past them are absent; bytes past `size` (attributes of newer kernels, which
    /// may hold pointers the model does not describe) must be zero, else the call is refused
    /// with E2BIG, what a kernel without those attributes says.
    public let extent: Count?

    public init(_ name: String, size: Int, extent: Count? = nil, _ fields: [Field]) {
        (self.name, self.size, self.extent, self.fields) = (name, size, extent, fields)
    }

    /// True when a field (or a field of a field) is a pointer: the structure must be copied
    /// in once and checked as the copy, so another thread cannot change it in between.
    public var carriesPointers: Bool {
        fields.contains { field in
            switch field.type {
            case .pointer: true
            default: false
            }
        }
    }
}

/// One argument of a call or of a variant.
public struct Parameter: Sendable {
    public let name: String
    public let type: ValueType

    public init(_ name: String, _ type: ValueType) { (self.name, self.type) = (name, type) }

    /// The argument is an address the kernel reads or writes through.
    public var isPointer: Bool { if case .pointer = type { true } else { false } }
}

/// How a successful result is shown (and whether it is a new descriptor, for `-y`).
public enum ResultType: Sendable, Equatable {
    case decimal
    case hex
    case octal
    case descriptor
    /// Does not return on success (exit, execve's old image, rt_sigreturn).
    case noReturn
}

/// A multiplexed call (ioctl, fcntl, prctl, futex, bpf...): argument `selector` (under `mask`)
/// picks a variant, which replaces the arguments it names.
public struct Multiplexer: Sendable {
    public let selector: Int
    public let mask: UInt64
    public let variants: [UInt64: Variant]
    /// A selector with no variant: this errno, and the call never reaches the kernel.
    public let unknown: Int32
    /// ioctl: requests of these _IOC types (the byte at bits 8-15), whose structures hold no
    /// pointers, are described by their encoding (direction and size) when no variant names them.
    public let flatIoctlTypes: Set<UInt8>
    /// The variants are every selector the kernel has: `unknown` is the kernel's own answer, not
    /// a gap of the model (no note on stderr).
    public let complete: Bool
    /// ioctl requests whose number carries their argument's size (EVIOCGNAME(len)...).
    public let sizedIoctls: [SizedIoctl]
    /// The variants are every selector the kernel has, and the kernel refuses any other after
    /// checks that touch only the base parameters (descriptors, pids, the memory it reads or
    /// writes whatever the selector): an unknown selector goes to the kernel with the base
    /// parameters guarded, so its errors come in the kernel's order (epoll_ctl reads its event
    /// first, waitid writes its siginfo even when it fails).
    public let unknownReachesKernel: Bool
    /// Selectors the x86-64 kernel lacks though other architectures or older kernels have them
    /// (prctl's PR_SVE_*, PR_GET_FP_MODE, PR_MPX_*): its answer is `unknown`, no gap of the model.
    public let absentOnX86: Set<UInt64>

    public init(selector: Int, mask: UInt64 = .max, unknown: Int32, flatIoctlTypes: Set<UInt8> = [],
                sizedIoctls: [SizedIoctl] = [], complete: Bool = false, unknownReachesKernel: Bool = false,
                absentOnX86: Set<UInt64> = [], _ variants: [Variant]) {
        self.selector = selector
        self.absentOnX86 = absentOnX86
        self.complete = complete || unknownReachesKernel
        self.unknownReachesKernel = unknownReachesKernel
        self.mask = mask
        self.unknown = unknown
        self.flatIoctlTypes = flatIoctlTypes
        self.sizedIoctls = sizedIoctls
        self.variants = Dictionary(variants.map { ($0.value, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The variant for `selector`: a named one, or one made from an _IOC encoding.
    public func variant(for selector: UInt64) -> Variant? {
        let key = selector & mask
        if let v = variants[key] { return v }
        guard key >> 32 == 0 else { return nil }
        let size = Int((key >> 16) & 0x3fff)
        if let sized = sizedIoctls.first(where: { key & $0.mask == $0.value }) {
            let pointee = Pointee.structure(StructLayout(sized.name, size: min(size, sized.limit ?? size), []))
            return Variant(key, sized.name, [2: Parameter("arg", .pointer(PointerType(sized.direction, pointee)))])
        }
        let type = UInt8(truncatingIfNeeded: key >> 8), direction = (key >> 30) & 3
        guard flatIoctlTypes.contains(type) else { return nil }
        let pointee = Pointee.bytes(.fixed(size))
        let argument: ValueType
        switch direction {
        case 0: argument = .integer(.ulong, .hex)
        case 1: argument = .pointer(PointerType(.input, pointee))               // _IOW: the kernel reads
        case 2: argument = .pointer(PointerType(.output, pointee))              // _IOR: the kernel writes
        default: argument = .pointer(PointerType(.both, pointee))
        }
        return Variant(key, "_IOC", [2: Parameter("arg", argument)])
    }
}

/// A family of ioctl requests that differ only in the size (or an index) their number
/// carries: every request whose number under `mask` is `value` points to a flat structure of
/// the encoded size (at most `limit` bytes: what the driver copies), which the kernel reads
/// or writes as `direction` says.
public struct SizedIoctl: Sendable {
    public let value: UInt64
    public let mask: UInt64
    public let name: String
    public let direction: Direction
    public let limit: Int?

    public init(_ value: UInt64, mask: UInt64, _ name: String, _ direction: Direction, limit: Int? = nil) {
        (self.value, self.mask, self.name, self.direction, self.limit) = (value, mask, name, direction, limit)
    }
}

/// One variant of a multiplexed call: its name (FUTEX_WAIT, F_GETLK) and the arguments it
/// reads, by index; an argument it leaves out keeps the call's description.
public struct Variant: Sendable {
    public let value: UInt64
    public let name: String
    public let arguments: [Int: Parameter]

    public init(_ value: UInt64, _ name: String, _ arguments: [Int: Parameter] = [:]) {
        (self.value, self.name, self.arguments) = (value, name, arguments)
    }
}

/// One system call as the model describes it. A class: looking a call up hands out one
/// reference, not a copy whose every field is retained (in a forked child each retain of an
/// object on a page shared with the parent is a page fault).
public final class SyscallDescription: Sendable {
    public let number: Int
    public let name: String
    public let arguments: [Parameter]
    public let result: ResultType
    public let classes: Set<SyscallClass>
    public let multiplexer: Multiplexer?
    /// Each named variant's arguments merged with the call's, made once: asked several times
    /// a call (guard, capture, descriptor names) for every fcntl, ioctl, futex...
    private let namedVariantArguments: [UInt64: [Parameter]]

    public init(_ number: Int, _ name: String, _ arguments: [Parameter], result: ResultType = .decimal,
                classes: Set<SyscallClass> = [], multiplexer: Multiplexer? = nil) {
        (self.number, self.name, self.arguments, self.result, self.classes, self.multiplexer) =
            (number, name, arguments, result, classes, multiplexer)
        namedVariantArguments = multiplexer?.variants.mapValues { Self.merged(arguments, $0) } ?? [:]
    }

    /// Whether the x86-64 kernel may have this selector of a multiplexed call the model does not
    /// describe: strace's table for the selector names it, and no other architecture owns it.
    /// A selector no table names (fcntl 9999) is the kernel's own refusal, not a gap of the model.
    public func kernelMayHave(_ registers: SyscallArgs) -> Bool {
        guard let multiplexer else { return false }
        let key = registers[multiplexer.selector] & multiplexer.mask
        if multiplexer.absentOnX86.contains(key) { return false }
        guard multiplexer.selector < arguments.count,
              case .integer(_, .enumeration(let table)) = arguments[multiplexer.selector].type else { return true }
        return table.name(of: key) != nil
    }

    /// The arguments as the kernel reads them for these register values: the variant's, if
    /// the call is multiplexed; nil for a selector the model does not describe.
    public func arguments(for registers: SyscallArgs) -> [Parameter]? {
        guard let multiplexer else { return arguments }
        let selector = registers[multiplexer.selector]
        if let named = namedVariantArguments[selector & multiplexer.mask] { return named }
        guard let variant = multiplexer.variant(for: selector) else { return nil }
        return Self.merged(arguments, variant)
    }

    private static func merged(_ arguments: [Parameter], _ variant: Variant) -> [Parameter] {
        let count = max(arguments.count, (variant.arguments.keys.max() ?? -1) + 1)
        return (0..<count).map { i in variant.arguments[i] ?? (i < arguments.count ? arguments[i] : Parameter("unused", .unused)) }
    }
}

extension ValueType {
    /// The bytes the value takes in a structure (a pointer 8, a descriptor 4).
    public var storageSize: Int {
        switch self {
        case .integer(let t, _): return t.bytes
        case .descriptor: return 4
        case .pointer, .address: return 8
        case .unused: return 0
        }
    }
}

// Shorthands the family files use, so an entry reads like its C prototype.
extension ValueType {
    /// A path the kernel reads: NUL-terminated, at most PATH_MAX.
    public static let path = ValueType.pointer(PointerType(.input, .string(limit: 4096)))
    public static let fd = ValueType.descriptor(.any)
    public static let dirfd = ValueType.descriptor(.directory)
    public static func input(_ p: Pointee, optional: Bool = false) -> ValueType {
        .pointer(PointerType(.input, p, optional: optional))
    }
    public static func output(_ p: Pointee, optional: Bool = false, written: WrittenWhen = .onSuccess) -> ValueType {
        .pointer(PointerType(.output, p, optional: optional, written: written))
    }
    public static func both(_ p: Pointee, optional: Bool = false, written: WrittenWhen = .onSuccess) -> ValueType {
        .pointer(PointerType(.both, p, optional: optional, written: written))
    }
    public static func int(_ t: CInt = .int, _ format: IntFormat = .decimal) -> ValueType { .integer(t, format) }
}

extension Pointee {
    /// The bytes one element of an array of this takes (an array of strings is one of
    /// pointers); nil when elements have no fixed size.
    public var elementSize: Int? {
        switch self {
        case .scalar(let t, _): return t.bytes
        case .structure(let layout): return layout.size
        case .string, .nullTerminated: return 8
        case .bytes(.fixed(let n)): return n
        default: return nil
        }
    }
}
