// Target memory for recording and replay: the live decoder reads through CapturingMemory,
// which keeps every byte it showed; replay decodes the same event over ReplayMemory, which
// answers the same reads from those bytes, so it prints the same line.

/// Wraps live target memory and records every successful read.
public final class CapturingMemory: TargetMemory {
    public let base: any TargetMemory
    private var reads: [(address: UInt64, bytes: [UInt8])] = []

    public init(_ base: any TargetMemory) { self.base = base }

    public func read(_ address: UInt64, count: Int) -> [UInt8]? {
        let r = base.read(address, count: count)
        if let r, !r.isEmpty { reads.append((address, r)) }
        return r
    }

    /// Forgets what was read (to reuse the wrapper for the next event).
    public func reset() { reads.removeAll(keepingCapacity: true) }

    /// Everything read, overlapping and adjacent reads merged.
    public var captures: [MemoryCapture] { Self.merge(reads.map { MemoryCapture(address: $0.address, bytes: $0.bytes) }) }

    /// Like `captures`, but a long read that ends at a page boundary after a NUL keeps only the
    /// bytes through the NUL (what `readCString` reads up to the end of the page): nil when no
    /// read is like that. Only valid if decoding over these gives the same line; see
    /// TraceRecorder.syscall(_:memory:formatter:prefixed:), which checks.
    public var trimmedCaptures: [MemoryCapture]? {
        var trimmed = false
        var out: [MemoryCapture] = []
        out.reserveCapacity(reads.count)
        for (address, bytes) in reads {
            let end = address &+ UInt64(bytes.count)
            // A string's reads: up to the end of its page, or 128 bytes doubling (readCString).
            let stringRead = end & 4095 == 0 || bytes.count & (bytes.count - 1) == 0
            if bytes.count > 64, stringRead, let nul = bytes.firstIndex(of: 0), nul < bytes.count - 1 {
                var c = MemoryCapture(address: address, bytes: Array(bytes[...nul]))
                c.readableCount = bytes.count
                out.append(c)
                trimmed = true
            } else {
                out.append(MemoryCapture(address: address, bytes: bytes))
            }
        }
        return trimmed ? Self.merge(out) : nil
    }

    /// Sorts captures and merges those that overlap or touch (the bytes of one event's reads
    /// agree where they overlap). Readable tails stay with their capture.
    static func merge(_ list: [MemoryCapture]) -> [MemoryCapture] {
        guard list.count > 1 else { return list }
        let sorted = list.sorted { $0.address < $1.address }
        var out: [MemoryCapture] = []
        for c in sorted {
            guard var last = out.last else { out.append(c); continue }
            let lastEnd = last.address &+ UInt64(last.bytes.count)
            // Merge only exact captures that overlap or touch, and only without address wrap.
            guard last.readableCount <= last.bytes.count, c.address >= last.address, c.address <= lastEnd,
                  lastEnd >= last.address else { out.append(c); continue }
            let cEnd = c.address &+ UInt64(c.bytes.count)
            if cEnd > lastEnd && cEnd >= c.address {
                let skip = Int(lastEnd - c.address)
                last.bytes.append(contentsOf: c.bytes[skip...])
            }
            if c.readableCount > c.bytes.count {
                let readableEnd = c.address &+ UInt64(c.readableCount)
                if readableEnd > last.address &+ UInt64(last.bytes.count) {
                    last.readableCount = Int(readableEnd - last.address)
                }
            }
            out[out.count - 1] = last
        }
        return out
    }
}

/// Target memory made of recorded captures: a read inside them gets the recorded bytes (zeros
/// for a readable tail that was not kept), anything else is unreadable, as it was live.
public struct ReplayMemory: TargetMemory, Sendable {
    public let captures: [MemoryCapture]

    public init(_ captures: [MemoryCapture]) { self.captures = captures }

    public func read(_ address: UInt64, count: Int) -> [UInt8]? {
        guard count >= 0, count <= 1 << 26 else { return nil }
        if count == 0 { return [] }
        let end = address &+ UInt64(count)
        guard end > address else { return nil }
        // The common case: one capture holds it all.
        for c in captures where c.address <= address {
            let cEnd = c.address &+ UInt64(c.bytes.count)
            if cEnd >= end && cEnd >= c.address {
                let o = Int(address - c.address)
                return Array(c.bytes[o..<o + count])
            }
        }
        // Otherwise piece it together; every byte must be covered.
        var covered: [(UInt64, UInt64)] = []
        for c in captures {
            let readEnd = c.address &+ UInt64(max(c.readableCount, c.bytes.count))
            guard readEnd >= c.address, readEnd > address, c.address < end else { continue }
            covered.append((max(c.address, address), min(readEnd, end)))
        }
        covered.sort { $0.0 < $1.0 }
        var reach = address
        for (lo, hi) in covered {
            if lo > reach { return nil }
            reach = max(reach, hi)
        }
        guard reach >= end else { return nil }
        var out = [UInt8](repeating: 0, count: count)
        for c in captures {
            let exactEnd = c.address &+ UInt64(c.bytes.count)
            guard exactEnd >= c.address, exactEnd > address, c.address < end else { continue }
            let lo = max(c.address, address), hi = min(exactEnd, end)
            for a in lo..<hi { out[Int(a - address)] = c.bytes[Int(a - c.address)] }
        }
        return out
    }
}
