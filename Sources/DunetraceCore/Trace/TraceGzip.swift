// gzip members around chunks: raw deflate from zlib, with the gzip header (carrying
// dunetrace's "DT" index subfield) and trailer built here, so the member's length is known
// before it is written and a reader can skip members without inflating them.
import CZlib

/// What the "DT" subfield of a member's header says.
struct MemberInfo: Equatable, Sendable {
    var memberLength: UInt32
    var rawLength: UInt32
    var writer: UInt64
    var sequence: UInt32
    var kind: UInt32
    var firstTime: UInt64
}

/// One reusable raw-deflate stream.
final class Deflater {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var ok = false

    init(level: Int32 = 6) {
        stream.initialize(to: z_stream())
        ok = deflateInit2_(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                           zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if ok { deflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// The whole gzip member for `raw`, or nil if zlib failed.
    func member(raw: [UInt8], writer: UInt64, sequence: UInt32, kind: UInt32, firstTime: UInt64) -> [UInt8]? {
        guard ok, deflateReset(stream) == Z_OK else { return nil }
        let bound = Int(deflateBound(stream, uLong(raw.count))) + 16
        let headerSize = TraceFormat.memberHeaderSize
        var out = [UInt8](repeating: 0, count: headerSize + bound + 8)
        var produced = 0
        let status: Int32 = raw.withUnsafeBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                stream.pointee.avail_in = uInt(inBuf.count)
                stream.pointee.next_out = outBuf.baseAddress! + headerSize
                stream.pointee.avail_out = uInt(bound)
                let s = deflate(stream, Z_FINISH)
                produced = bound - Int(stream.pointee.avail_out)
                stream.pointee.next_in = nil
                stream.pointee.next_out = nil
                return s
            }
        }
        guard status == Z_STREAM_END else { return nil }
        let crc = raw.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, uInt($0.count))) }
        let total = headerSize + produced + 8
        var h = ByteWriter(capacity: headerSize)
        h.bytes.append(contentsOf: [0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 3])
        h.u16(UInt16(4 + TraceFormat.extraPayloadSize))
        h.bytes.append(contentsOf: [UInt8(ascii: "D"), UInt8(ascii: "T")])
        h.u16(UInt16(TraceFormat.extraPayloadSize))
        h.u32(UInt32(truncatingIfNeeded: total))
        h.u32(UInt32(truncatingIfNeeded: raw.count))
        h.u64(writer)
        h.u32(sequence)
        h.u32(kind)
        h.u64(firstTime)
        for i in 0..<headerSize { out[i] = h.bytes[i] }
        var t = ByteWriter(capacity: 8)
        t.u32(crc)
        t.u32(UInt32(truncatingIfNeeded: raw.count))
        for i in 0..<8 { out[headerSize + produced + i] = t.bytes[i] }
        out.removeLast(out.count - total)
        return out
    }
}

/// One reusable raw-inflate stream.
final class Inflater {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var ok = false

    init() {
        stream.initialize(to: z_stream())
        ok = inflateInit2_(stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if ok { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates the raw deflate data of `member` in `range` and checks the gzip trailer that
    /// follows it. `expected`: the length the header promised (bounded by the caller).
    func inflateMember(_ member: [UInt8], dataStart: Int, expected: Int) throws(TraceFormatError) -> [UInt8] {
        guard ok, inflateReset(stream) == Z_OK else { throw TraceFormatError("zlib failed") }
        let dataEnd = member.count - 8
        guard dataStart <= dataEnd else { throw TraceFormatError("member too short") }
        var out = [UInt8](repeating: 0, count: expected + 1)
        var status: Int32 = Z_OK
        var consumed = 0, produced = 0
        member.withUnsafeBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress! + dataStart)
                stream.pointee.avail_in = uInt(dataEnd - dataStart)
                stream.pointee.next_out = outBuf.baseAddress
                stream.pointee.avail_out = uInt(outBuf.count)
                status = inflate(stream, Z_FINISH)
                consumed = (dataEnd - dataStart) - Int(stream.pointee.avail_in)
                produced = outBuf.count - Int(stream.pointee.avail_out)
                stream.pointee.next_in = nil
                stream.pointee.next_out = nil
            }
        }
        guard status == Z_STREAM_END else {
            throw TraceFormatError(status == Z_BUF_ERROR && produced > expected ? "chunk longer than its header says"
                                   : "corrupt deflate data")
        }
        guard consumed == dataEnd - dataStart else { throw TraceFormatError("member length does not match its data") }
        guard produced == expected else { throw TraceFormatError("chunk length does not match its header") }
        out.removeLast(out.count - produced)
        let crc = out.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, uInt($0.count))) }
        guard loadLE32(member, dataEnd) == crc else { throw TraceFormatError("CRC mismatch") }
        guard loadLE32(member, dataEnd + 4) == UInt32(truncatingIfNeeded: produced) else {
            throw TraceFormatError("length mismatch in the gzip trailer")
        }
        return out
    }

    /// Inflates the start of a foreign gzip member (one without dunetrace's index), at most
    /// `limit` bytes, to tell what it holds.
    static func peekGzip(_ bytes: [UInt8], dataStart: Int, limit: Int) -> [UInt8] {
        let s = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        s.initialize(to: z_stream())
        defer { s.deinitialize(count: 1); s.deallocate() }
        guard inflateInit2_(s, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { inflateEnd(s) }
        guard dataStart < bytes.count else { return [] }
        var out = [UInt8](repeating: 0, count: limit)
        var produced = 0
        bytes.withUnsafeBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                s.pointee.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress! + dataStart)
                s.pointee.avail_in = uInt(inBuf.count - dataStart)
                s.pointee.next_out = outBuf.baseAddress
                s.pointee.avail_out = uInt(limit)
                _ = inflate(s, Z_SYNC_FLUSH)
                produced = limit - Int(s.pointee.avail_out)
            }
        }
        return Array(out[0..<produced])
    }
}

/// The parts of a gzip member header, as RFC 1952 lays them out.
struct GzipHeader {
    /// Bytes of the header (where the deflate data starts).
    var size: Int
    var info: MemberInfo?

    enum Problem: Error { case notGzip, short, unsupported(String) }

    /// Parses the header at the start of `b`. `.short` when `b` ends inside it.
    static func parse(_ b: [UInt8]) -> Result<GzipHeader, Problem> {
        guard b.count >= 2 else { return .failure(b.isEmpty || b[0] == 0x1f ? .short : .notGzip) }
        guard b[0] == 0x1f, b[1] == 0x8b else { return .failure(.notGzip) }
        guard b.count >= 10 else { return .failure(.short) }
        guard b[2] == 8 else { return .failure(.unsupported("gzip compression method \(b[2])")) }
        let flags = b[3]
        guard flags & 0xe0 == 0 else { return .failure(.unsupported("reserved gzip header flags")) }
        var o = 10
        var info: MemberInfo?
        if flags & 4 != 0 {
            guard b.count >= o + 2 else { return .failure(.short) }
            let xlen = Int(b[o]) | Int(b[o + 1]) << 8
            o += 2
            guard b.count >= o + xlen else { return .failure(.short) }
            var p = o
            while p + 4 <= o + xlen {
                let len = Int(b[p + 2]) | Int(b[p + 3]) << 8
                if b[p] == UInt8(ascii: "D"), b[p + 1] == UInt8(ascii: "T"), len == TraceFormat.extraPayloadSize,
                   p + 4 + len <= o + xlen {
                    let q = p + 4
                    info = MemberInfo(memberLength: loadLE32(b, q), rawLength: loadLE32(b, q + 4),
                                      writer: loadLE64(b, q + 8), sequence: loadLE32(b, q + 16),
                                      kind: loadLE32(b, q + 20), firstTime: loadLE64(b, q + 24))
                }
                p += 4 + len
            }
            o += xlen
        }
        for bit in [UInt8(8), 16] where flags & bit != 0 {  // FNAME, FCOMMENT: NUL-terminated
            while true {
                guard o < b.count else { return .failure(.short) }
                o += 1
                if b[o - 1] == 0 { break }
            }
        }
        if flags & 2 != 0 { o += 2 }  // FHCRC
        guard o <= b.count else { return .failure(.short) }
        return .success(GzipHeader(size: o, info: info))
    }
}
