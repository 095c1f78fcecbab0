// The event model shared by the tracer, the decoder and (later) the trace writer.

/// The six raw argument registers of a system call (rdi, rsi, rdx, r10, r8, r9).
public struct SyscallArgs: Sendable, Equatable {
    public var a0, a1, a2, a3, a4, a5: UInt64
    public init(_ a0: UInt64 = 0, _ a1: UInt64 = 0, _ a2: UInt64 = 0,
                _ a3: UInt64 = 0, _ a4: UInt64 = 0, _ a5: UInt64 = 0) {
        (self.a0, self.a1, self.a2, self.a3, self.a4, self.a5) = (a0, a1, a2, a3, a4, a5)
    }
    public subscript(i: Int) -> UInt64 {
        get {
            switch i {
            case 0: a0
            case 1: a1
            case 2: a2
            case 3: a3
            case 4: a4
            default: a5
            }
        }
        set {
            switch i {
            case 0: a0 = newValue
            case 1: a1 = newValue
            case 2: a2 = newValue
            case 3: a3 = newValue
            case 4: a4 = newValue
            default: a5 = newValue
            }
        }
    }
}

/// One completed (or never-returning) system call of the target.
public struct SyscallEvent: Sendable, Equatable {
    public var number: Int
    public var args: SyscallArgs
    /// Raw kernel result: >= 0 success, -4095...-1 is -errno. nil: the call did not return
    /// (exit, exit_group, a successful execve in the old image).
    public var result: Int64?
    public var pid: Int32
    public var tid: Int32
    /// CLOCK_REALTIME nanoseconds at entry and exit.
    public var entryTime: UInt64
    public var exitTime: UInt64
    /// Where the call was made (rip after the `syscall` instruction): -i. 0 when unknown
    /// (traces before format version 3).
    public var ip: UInt64
    /// -e inject= / -e fault= / delays: what strace marks after the result (Marks).
    public var marks: UInt8 = 0

    /// The marks' bits: the result injected, arguments poked, the call delayed; the injected
    /// result is a value (retval=), never an error however it reads.
    public enum Marks {
        public static let injected: UInt8 = 1, poked: UInt8 = 2, delayed: UInt8 = 4, value: UInt8 = 8
        /// A call refused before it began (a seccomp filter's kill): shown whole, not as one
        /// cut short in the kernel (` <unfinished ...>`).
        public static let neverBegan: UInt8 = 16
        /// In a trace: the record is a waiting call's entry, printed as it began (OpenCallLine.swift);
        /// its end is a later record of the task. Not a mark of any line.
        public static let entered: UInt8 = 32
    }

    /// strace's text after the result: ` (INJECTED)`, ` (INJECTED: args)`,
    /// ` (INJECTED: args, retval)`, then ` (DELAYED)`.
    public static func markText(_ marks: UInt8) -> String {
        var out = ""
        switch (marks & Marks.poked != 0, marks & Marks.injected != 0) {
        case (true, true): out = " (INJECTED: args, retval)"
        case (true, false): out = " (INJECTED: args)"
        case (false, true): out = " (INJECTED)"
        case (false, false): break
        }
        if marks & Marks.delayed != 0 { out += " (DELAYED)" }
        return out
    }

    public init(number: Int, args: SyscallArgs, result: Int64?, pid: Int32 = 0, tid: Int32 = 0,
                entryTime: UInt64 = 0, exitTime: UInt64 = 0, ip: UInt64 = 0, marks: UInt8 = 0) {
        self.ip = ip
        self.marks = marks
        self.number = number
        self.args = args
        self.result = result
        self.pid = pid
        self.tid = tid
        self.entryTime = entryTime
        self.exitTime = exitTime
    }
}

/// Read access to the target's memory, for decoding strings, buffers and structs.
/// Live tracing reads the target directly; replay reads the bytes recorded in the trace.
public protocol TargetMemory {
    /// `count` bytes at `address`, or nil if any of them is not readable target memory.
    func read(_ address: UInt64, count: Int) -> [UInt8]?
}

extension TargetMemory {
    /// A NUL-terminated string of at most `max` bytes (without the NUL); `complete` is false
    /// when no NUL was found within `max` bytes. nil if the first byte is unreadable.
    public func readCString(_ address: UInt64, max: Int) -> (bytes: [UInt8], complete: Bool)? {
        var out: [UInt8] = []
        var addr = address
        // Most strings are short: a first read of 128 bytes, doubling, instead of the rest of
        // the page (a path per call copied 4 KiB; recording every call's paths made it count).
        var step = 128
        while out.count < max {
            // Never past the end of the page, so a string ending before an unmapped page works.
            let pageLeft = Int(4096 - (addr & 4095))
            let n = Swift.min(pageLeft, max - out.count, step)
            step = Swift.min(step * 2, 4096)
            guard let chunk = read(addr, count: n) else { return out.isEmpty ? nil : (out, false) }
            if let nul = chunk.firstIndex(of: 0) {
                out.append(contentsOf: chunk[..<nul])
                return (out, true)
            }
            out.append(contentsOf: chunk)
            addr &+= UInt64(n)
        }
        return (out, false)
    }
}
