// The trace file format, version 5 (1 had no descriptor records, 2 no call addresses nor comm records, 3 no injection marks, 4 no pid records): what a record is, the header, and the byte-level
// encoding shared by the writer (TraceRecorder) and the reader (TraceReader).
//
// A trace is a sequence of gzip members (RFC 1952), so the file is a valid gzip file. Each
// member holds one chunk; its FEXTRA field carries a "DT" subfield with the member's length and
// where the chunk comes from, so a reader can index the file without inflating it:
//
//   1f 8b 08 04  00000000  00 03          magic, CM=deflate, FLG=FEXTRA, MTIME=0, XFL, OS=unix
//   XLEN=36 (u16)  'D' 'T'  LEN=32 (u16)
//     u32 memberLength   bytes of this member, header to trailer
//     u32 rawLength      bytes of the chunk once inflated
//     u64 writer         random id of the process that wrote it (a forked child has its own)
//     u32 sequence       chunk number of that writer, from 0 (gaps: a ring dropped chunks)
//     u32 kind           0 events, 1 header, 2 process-map snapshot, 3 end mark (close)
//     u64 firstTime      CLOCK_REALTIME ns of the chunk's first record (0: none)
//   raw deflate data, CRC32 (u32), ISIZE (u32)
//
// Integers are little-endian. Inside a chunk (see TraceCodec) records are a tag byte and
// LEB128 varints, delta-encoded against the previous record of the same chunk; every chunk
// starts from a clean state, so each decodes on its own.

/// Everything about a run that is not an event: written once, in the first chunk.
public struct TraceHeader: Sendable, Equatable {
    public var formatVersion: Int
    public var host: String
    /// `uname -r` of the machine that recorded the trace.
    public var kernel: String
    /// The CPU model (`model name` of /proc/cpuinfo).
    public var cpu: String
    /// The traced command: PROG and its arguments.
    public var commandLine: [String]
    /// CLOCK_REALTIME ns when recording started.
    public var startTime: UInt64
    /// The -s limit the live text used: replay shows strings up to it by default (the bytes
    /// beyond it were never recorded).
    public var stringLimit: Int
    /// Anything else worth keeping about the recording (dunetrace's version, its options...).
    public var properties: [String: String] = [:]

    public init(formatVersion: Int = TraceFormat.version, host: String, kernel: String, cpu: String,
                commandLine: [String], startTime: UInt64, stringLimit: Int = 32) {
        self.formatVersion = formatVersion
        self.host = host
        self.kernel = kernel
        self.cpu = cpu
        self.commandLine = commandLine
        self.startTime = startTime
        self.stringLimit = stringLimit
    }

    /// The property that holds the bytes a string or buffer was recorded up to (--capture-size).
    public static let captureSizeKey = "capture-size"

    /// The property that holds the run's `-e` expressions, one a line: replay applies them
    /// when it is given none, so it shows what the live text showed.
    public static let expressionsKey = "expressions"

    /// A header describing this machine, now, for `commandLine`.
    public static func current(commandLine: [String], stringLimit: Int = 32) -> TraceHeader {
        TraceHeader(host: HostInfo.hostName(), kernel: HostInfo.kernelRelease(), cpu: HostInfo.cpuModel(),
                    commandLine: commandLine, startTime: HostInfo.realtimeNanoseconds(), stringLimit: stringLimit)
    }
}

/// One recorded event, as the live text showed it (`prefixed`: the line started with `[pid N] `).
public struct TraceRecord: Sendable, Equatable {
    public enum Body: Sendable, Equatable {
        /// A system call with the target memory the decoder read to print it.
        case syscall(SyscallEvent, captures: [MemoryCapture])
        /// A waiting call's entry, as the live text printed it while other tasks lived
        /// (OpenCallLine.swift), with the memory its arguments at entry were read from; the
        /// call itself is the task's next syscall record. No result, no call of its own.
        case entered(SyscallEvent, captures: [MemoryCapture])
        case pageFault(PageFaultEvent)
        /// A signal delivered (or fatal): the 128-byte siginfo, trailing zero bytes may be cut;
        /// a fault's (SIGSEGV, SIGBUS...) ip, where it happened (-i), from version 4.
        case signal(info: [UInt8], ip: UInt64?)
        /// The task ended with exit(2)/exit_group(2); the line shows `status & 0xff`.
        case exited(status: Int32)
        /// Killed by a signal; `(core dumped)` when the kernel wrote its core.
        case killed(signal: Int32, coreDumped: Bool = false)
        /// A process began (the first, a fork child, or an execve): the process map.
        case processStarted(ppid: Int32, executable: String, argv: [String])
        /// Any other line the live text showed, verbatim (without the prefix).
        case note(String)
        /// A descriptor of the process now names `name` (nil: closed). `afterCall`: the change
        /// is the task's next syscall's doing (its result), else it held when that call began.
        case descriptor(fd: Int32, afterCall: Bool, name: DescriptorName?)
        /// -k: entry `id` of the writer's module table.
        case module(id: Int32, StackModule)
        /// -k: the task's next event has stack `id` (its frames given the first time).
        case stack(id: Int, frames: [StackFrame]?)
        /// -Y: the task's command name (/proc/PID/task/TID/comm) from now on.
        case comm(String)
        /// -Y and --decode-pids=pidns: what the pids the task's next lines name were found to
        /// be (their command, their pid in dunetrace's namespace), from now on (version 5).
        case pids([RecordedPid])
    }

    public var pid: Int32
    public var tid: Int32
    /// CLOCK_REALTIME ns: a syscall's entry time, otherwise when it happened.
    public var time: UInt64
    public var prefixed: Bool
    public var body: Body

    public init(pid: Int32, tid: Int32, time: UInt64, prefixed: Bool, body: Body) {
        (self.pid, self.tid, self.time, self.prefixed, self.body) = (pid, tid, time, prefixed, body)
    }

    /// The time its live line was printed: a syscall's exit, otherwise `time`.
    public var lineTime: UInt64 {
        if case .syscall(let e, _) = body { return max(e.exitTime, e.entryTime) }
        return time
    }
}

/// One pid a line names and what the live run found for it (PidDecoding.swift).
public struct RecordedPid: Equatable, Sendable {
    public var key: PidKey
    public var fact: PidFact

    public init(_ key: PidKey, _ fact: PidFact) { (self.key, self.fact) = (key, fact) }
}

public enum TraceFormat {
    /// The newest format this build writes and reads.
    public static let version = 5
    static let chunkMagic: [UInt8] = Array("DTRC".utf8)
    static let headerMagic: [UInt8] = Array("DTHD".utf8)
    /// Bytes of the gzip member header dunetrace writes (10 fixed + XLEN + subfield).
    static let memberHeaderSize = 48
    static let extraPayloadSize = 32

    enum ChunkKind: UInt32 { case events = 0, header = 1, processMap = 2, end = 3 }

    /// Record tags: the low 4 bits; the high 4 bits are flags.
    enum Tag: UInt8 {
        case syscall = 1, pageFault = 2, signal = 3, exited = 4, killed = 5, process = 6, note = 7, header = 8
        case descriptor = 9, module = 10, stack = 11  // version 2
        case comm = 12  // version 3
        case pids = 13  // version 5
    }
    static let flagPrefixed: UInt8 = 0x10
    static let flagTask: UInt8 = 0x20      // pid/tid differ from the previous record's
    static let flagA: UInt8 = 0x40         // syscall: no result; descriptor: after the call; killed: core dumped
    static let flagB: UInt8 = 0x80         // syscall: memory captures follow; descriptor: closed
}

// MARK: - bytes

/// Appends little-endian integers and LEB128 varints.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func varint(_ v: Int) { varint(UInt64(bitPattern: Int64(v))) }

    /// ZigZag: small magnitudes of either sign stay short.
    mutating func zigzag(_ v: Int64) { varint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    mutating func u16(_ v: UInt16) { bytes.append(UInt8(v & 0xff)); bytes.append(UInt8(v >> 8)) }
    mutating func u32(_ v: UInt32) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) } }
    mutating func u64(_ v: UInt64) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) } }

    mutating func blob(_ b: [UInt8]) { varint(UInt64(b.count)); bytes.append(contentsOf: b) }
    mutating func string(_ s: String) { blob(Array(s.utf8)) }
}

/// Why a chunk could not be decoded.
struct TraceFormatError: Error, Sendable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Reads what ByteWriter wrote; every read is bounds-checked and fails with an error, never a trap.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int
    let end: Int

    init(_ bytes: [UInt8], offset: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.offset = max(0, min(offset, bytes.count))
        self.end = max(self.offset, min(end ?? bytes.count, bytes.count))
    }

    var remaining: Int { end - offset }
    var atEnd: Bool { offset >= end }

    mutating func byte() throws(TraceFormatError) -> UInt8 {
        guard offset < end else { throw TraceFormatError("record cut short") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func varint() throws(TraceFormatError) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            if shift == 63 && b > 1 { throw TraceFormatError("varint overflows 64 bits") }
            v |= UInt64(b & 0x7f) << shift
            if b & 0x80 == 0 { return v }
            shift += 7
            if shift > 63 { throw TraceFormatError("varint longer than 10 bytes") }
        }
    }

    mutating func zigzag() throws(TraceFormatError) -> Int64 {
        let u = try varint()
        return Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1)
    }

    /// A count of things that must each take at least `minSize` bytes of what is left.
    mutating func count(minSize: Int = 1, limit: Int = Int(Int32.max)) throws(TraceFormatError) -> Int {
        let v = try varint()
        guard v <= UInt64(limit), Int(v) * max(minSize, 0) <= remaining else {
            throw TraceFormatError("count \(v) exceeds the chunk")
        }
        return Int(v)
    }

    mutating func blob() throws(TraceFormatError) -> [UInt8] {
        let n = try count()
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }

    mutating func string() throws(TraceFormatError) -> String {
        String(decoding: try blob(), as: UTF8.self)
    }

    mutating func fixed(_ n: Int) throws(TraceFormatError) -> [UInt8] {
        guard n >= 0, n <= remaining else { throw TraceFormatError("record cut short") }
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }
}

/// Little-endian loads from a byte array at an offset the caller has checked.
@inline(__always) func loadLE32(_ b: [UInt8], _ o: Int) -> UInt32 {
    UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
}

@inline(__always) func loadLE64(_ b: [UInt8], _ o: Int) -> UInt64 {
    UInt64(loadLE32(b, o)) | UInt64(loadLE32(b, o + 4)) << 32
}
