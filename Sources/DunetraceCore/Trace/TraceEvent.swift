// Everything dunetrace records about a run, as the live text shows it and a trace file keeps it.

/// Bytes of target memory the decoder read for an event, so replay can decode it offline.
public struct MemoryCapture: Sendable, Equatable {
    public var address: UInt64
    public var bytes: [UInt8]
    /// Bytes from `address` that were readable, when more than `bytes.count`: the tail was read
    /// but not kept because the decoder never looked at it (the rest of a page after a string's
    /// NUL). 0: exactly `bytes`. Replay reads the tail as zeros.
    public var readableCount: Int = 0
    public init(address: UInt64, bytes: [UInt8]) { self.address = address; self.bytes = bytes }
}

/// What kind of touch a guest page fault was.
public enum PageFaultKind: UInt8, Sendable, Equatable, CaseIterable {
    case firstRead = 0, firstWrite = 1, writeAfterRead = 2, exec = 3, invalid = 4
    /// --pf=ws: learnt from the accessed/dirty bits at an exit, not from a fault of its own.
    case touchedRead = 5, touchedWrite = 6, touchedWriteAfterRead = 7

    /// A touch found in the page tables: its time is an interval, its ip unknown.
    public var isApproximate: Bool { rawValue >= 5 }

    public var name: String {
        switch self {
        case .firstRead: "first-read"
        case .firstWrite: "first-write"
        case .writeAfterRead: "write-after-read"
        case .exec: "exec"
        case .invalid: "invalid"
        case .touchedRead: "touched-read"
        case .touchedWrite: "touched-write"
        case .touchedWriteAfterRead: "touched-write-after-read"
        }
    }
}

/// One guest page fault of the target.
public struct PageFaultEvent: Sendable, Equatable {
    public var pid: Int32
    public var tid: Int32
    public var time: UInt64          // CLOCK_REALTIME ns
    public var address: UInt64       // CR2
    public var ip: UInt64
    public var errorCode: UInt64
    public var kind: PageFaultKind
    public var mapping: String       // "[heap]", "[stack]", a path, or "" for anonymous
    /// Approximate kinds: the touch happened after this time (the previous collection) and
    /// before `time` (the exit that found it). 0 for an exact fault.
    public var since: UInt64
    public init(pid: Int32, tid: Int32, time: UInt64, address: UInt64, ip: UInt64, errorCode: UInt64,
                kind: PageFaultKind, mapping: String, since: UInt64 = 0) {
        (self.pid, self.tid, self.time, self.address, self.ip, self.errorCode, self.kind, self.mapping, self.since) =
            (pid, tid, time, address, ip, errorCode, kind, mapping, since)
    }

    /// The error code decoded bit by bit, as DESIGN.md gives it: `user|write|not-present`.
    public static func decodeErrorCode(_ e: UInt64) -> String {
        var parts = [e & 4 != 0 ? "user" : "supervisor", e & 2 != 0 ? "write" : "read",
                     e & 1 != 0 ? "present" : "not-present"]
        if e & 8 != 0 { parts.append("rsvd") }
        if e & 16 != 0 { parts.append("ifetch") }
        if e & 32 != 0 { parts.append("pk") }
        if e & (1 << 15) != 0 { parts.append("sgx") }
        return parts.joined(separator: "|")
    }

    /// `--- #PF {addr=0x7f3a2c001000, ip=0x55d0c0a01139, err=0x6 user|write|not-present, map="[heap]"} ---`
    public var line: String {
        if kind.isApproximate {
            // `--- #PF {addr=0x7f3a2c001000, touched=write, within=0.000153s, map="[heap]"} (approximate) ---`
            let access = kind == .touchedRead ? "read" : kind == .touchedWrite ? "write" : "write-after-read"
            let within = time >= since ? time - since : 0
            let seconds = "\(within / 1_000_000_000)." + String(String(within % 1_000_000_000 / 1000 + 1_000_000).dropFirst())
            return "--- #PF {addr=0x\(String(address, radix: 16)), touched=\(access), within=\(seconds)s, map=\"\(mapping)\"} (approximate) ---"
        }
        return "--- #PF {addr=0x\(String(address, radix: 16)), ip=0x\(String(ip, radix: 16)), err=0x\(String(errorCode, radix: 16)) \(PageFaultEvent.decodeErrorCode(errorCode)), map=\"\(mapping)\"} ---"
    }
}
