// Reads a trace: indexes its gzip members from their headers (without inflating), then
// decodes chunks as records are asked for. Chunks of different writers (forked children
// append their own) are merged in the order their lines were printed. A file cut short or
// damaged yields every record of the whole chunks before the damage and says where it stopped.
import Glibc

/// Where and why reading stopped before the end of the file.
public struct TraceDamage: Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the first gzip member that could not be used.
    public var offset: Int
    /// Its index (0 is the header chunk).
    public var chunk: Int
    public var reason: String
    /// Whole chunks before it (the header included).
    public var wholeChunks: Int { chunk }

    public var description: String {
        "\(reason) at byte \(offset) (chunk \(chunk), the header being chunk 0); replayed the events of the whole chunks before it"
    }
}

/// A process the trace saw start.
public struct TraceProcess: Sendable, Equatable {
    public var pid: Int32
    public var ppid: Int32
    public var time: UInt64
    public var executable: String
    public var argv: [String]
}

public final class TraceReader {
    public let path: String
    public let header: TraceHeader
    /// Set once reading stopped early (truncation, corruption): where, and why.
    public private(set) var damage: TraceDamage?
    /// Processes seen so far (from process records and ring snapshots), by pid.
    public private(set) var processes: [Int32: TraceProcess] = [:]
    /// Chunks a ring dropped before they reached the file (gaps in a writer's numbering).
    public private(set) var droppedChunks = 0
    /// gzip members indexed (the header included), and how many processes wrote them.
    public var chunkCount: Int { entries.count + 1 }
    public var writerCount: Int { Set(entries.map(\.info.writer)).count }

    private struct Entry { var offset: Int; var headerSize: Int; var info: MemberInfo; var index: Int }
    private struct Cursor {
        var entries: [Int]  // positions in `entries`
        var next = 0
        var records: [TraceRecord] = []
        var position = 0
    }

    private let source: Source
    private var entries: [Entry] = []
    private var cursors: [Cursor] = []
    /// Members at or after this index are not used (damage found while decoding).
    private var cutoff = Int.max
    private let inflater = Inflater()

    /// Opens and indexes `path`; throws (one clear line) if it is not a readable trace at all.
    public convenience init(path: String) throws(DunetraceError) {
        try self.init(source: try Source(path: path), name: path)
    }

    /// Reads a trace held in memory (tests, fuzzing).
    public convenience init(bytes: [UInt8], name: String = "<memory>") throws(DunetraceError) {
        try self.init(source: Source(bytes: bytes), name: name)
    }

    private init(source: Source, name: String) throws(DunetraceError) {
        self.path = name
        self.source = source
        func fail(_ why: String) -> DunetraceError { .io(path: name, reason: why) }
        guard source.size > 0 else { throw fail("empty file, not a dunetrace trace") }

        // The header chunk.
        let head = source.read(0, min(source.size, 4096))
        var first: GzipHeader
        switch GzipHeader.parse(head) {
        case .failure(.notGzip): throw fail("not a gzip file, so not a dunetrace trace")
        case .failure(.short): throw fail("truncated in its first gzip header (\(source.size) bytes): nothing to replay")
        case .failure(.unsupported(let why)): throw fail("\(why): not a dunetrace trace")
        case .success(let h): first = h
        }
        guard let info = first.info else {
            let peek = Inflater.peekGzip(head.count < source.size ? source.read(0, min(source.size, 1 << 16)) : head,
                                         dataStart: first.size, limit: 16)
            if peek.starts(with: TraceFormat.headerMagic) || peek.starts(with: TraceFormat.chunkMagic) {
                throw fail("a dunetrace trace recompressed without its chunk index: not readable")
            }
            throw fail("a gzip file of something else, not a dunetrace trace")
        }
        guard info.kind == TraceFormat.ChunkKind.header.rawValue else { throw fail("no header chunk: not a dunetrace trace") }
        let length = Int(info.memberLength)
        guard length >= first.size + 8, info.rawLength <= 1 << 20 else { throw fail("corrupt header chunk at byte 0") }
        guard length <= source.size else {
            throw fail("truncated in its header chunk (\(source.size) of \(length) bytes): nothing to replay")
        }
        do {
            let raw = try inflater.inflateMember(source.read(0, length), dataStart: first.size, expected: Int(info.rawLength))
            header = try ChunkDecoder.header(raw)
        } catch {
            throw fail("corrupt header chunk: \(error.reason)")
        }
        indexMembers(from: length)
        setUpCursors()
    }

    /// Walks the member headers after the header chunk.
    private func indexMembers(from start: Int) {
        var offset = start
        var index = 1
        var ended = false
        while offset < source.size {
            let head = source.read(offset, min(source.size - offset, 512))
            func stop(_ why: String) { damage = TraceDamage(offset: offset, chunk: index, reason: why) }
            switch GzipHeader.parse(head) {
            case .failure(.notGzip):
                stop(head.allSatisfy { $0 == 0 } ? "zero bytes after the last chunk (disk full?)" : "garbage after the last whole chunk")
                return
            case .failure(.short):
                stop("trace cut short")
                return
            case .failure(.unsupported(let why)):
                stop("corrupt chunk header (\(why))")
                return
            case .success(let h):
                guard let info = h.info else { stop("a gzip member that is not a dunetrace chunk"); return }
                let length = Int(info.memberLength)
                // deflate cannot expand more than about 1032:1.
                guard length >= h.size + 8, info.rawLength <= 1 << 26, Int(info.rawLength) <= length * 1040 + 1024,
                      info.kind != TraceFormat.ChunkKind.header.rawValue else {
                    stop("corrupt chunk header")
                    return
                }
                guard length <= source.size - offset else { stop("trace cut short"); return }
                if info.kind == TraceFormat.ChunkKind.end.rawValue {
                    ended = true
                } else {
                    entries.append(Entry(offset: offset, headerSize: h.size, info: info, index: index))
                }
                offset += length
                index += 1
            }
        }
        if !ended {
            damage = TraceDamage(offset: offset, chunk: index,
                                 reason: "trace has no end mark (the recording was cut short)")
        }
    }

    private func setUpCursors() {
        var byWriter: [UInt64: Int] = [:]
        var lastSequence: [UInt64: Int64] = [:]
        for (i, e) in entries.enumerated() {
            let w = e.info.writer
            if e.info.kind == TraceFormat.ChunkKind.events.rawValue {
                let last = lastSequence[w] ?? -1
                guard Int64(e.info.sequence) > last else {
                    // A writer's chunks only go forward: this one is repeated or out of place.
                    cutoff = e.index
                    if damage == nil || damage!.chunk > e.index {
                        damage = TraceDamage(offset: e.offset, chunk: e.index, reason: "chunk repeated or out of order")
                    }
                    break
                }
                if Int64(e.info.sequence) > last + 1 { droppedChunks += Int(Int64(e.info.sequence) - last - 1) }
                lastSequence[w] = Int64(e.info.sequence)
            }
            if let c = byWriter[w] {
                cursors[c].entries.append(i)
            } else {
                byWriter[w] = cursors.count
                cursors.append(Cursor(entries: [i]))
            }
        }
    }

    /// Loads the cursor's next chunk that has records; false at its end.
    private func advance(_ c: inout Cursor) -> Bool {
        while c.position >= c.records.count {
            guard c.next < c.entries.count else { return false }
            let e = entries[c.entries[c.next]]
            c.next += 1
            guard e.index < cutoff else { return false }
            let bytes = source.read(e.offset, Int(e.info.memberLength))
            let decoded: [TraceRecord]
            do {
                let raw = try inflater.inflateMember(bytes, dataStart: e.headerSize, expected: Int(e.info.rawLength))
                decoded = try ChunkDecoder.records(raw)
            } catch {
                cutoff = e.index
                if damage == nil || damage!.chunk > e.index {
                    damage = TraceDamage(offset: e.offset, chunk: e.index, reason: "corrupt chunk (\(error.reason))")
                }
                return false
            }
            if e.info.kind == TraceFormat.ChunkKind.processMap.rawValue {
                for r in decoded { remember(r) }
                // A flight recorder's descriptor names and stack definitions go into the stream.
                let state = decoded.filter { if case .processStarted = $0.body { return false } else { return true } }
                if state.isEmpty { continue }
                c.records = state
                c.position = 0
                return true
            }
            c.records = decoded
            c.position = 0
        }
        return true
    }

    private func remember(_ r: TraceRecord) {
        guard case .processStarted(let ppid, let exe, let argv) = r.body else { return }
        if let known = processes[r.pid], known.time > r.time { return }
        processes[r.pid] = TraceProcess(pid: r.pid, ppid: ppid, time: r.time, executable: exe, argv: argv)
    }

    /// The next record in print order, or nil at the end (check `damage` then).
    public func next() -> TraceRecord? {
        var best = -1
        var bestKey: (UInt64, Int) = (0, 0)
        for i in cursors.indices {
            guard advance(&cursors[i]) else { continue }
            let r = cursors[i].records[cursors[i].position]
            let key = (r.lineTime, cursors[i].entries[cursors[i].next - 1])
            if best < 0 || key < bestKey { best = i; bestKey = key }
            if cursors.count == 1 { break }
        }
        guard best >= 0 else { return nil }
        let r = cursors[best].records[cursors[best].position]
        cursors[best].position += 1
        remember(r)
        return r
    }

    /// Every record, the header and the damage, if any.
    public static func readAll(path: String) throws(DunetraceError) -> (header: TraceHeader, records: [TraceRecord], damage: TraceDamage?) {
        let r = try TraceReader(path: path)
        var out: [TraceRecord] = []
        while let x = r.next() { out.append(x) }
        return (r.header, out, r.damage)
    }

    public static func readAll(bytes: [UInt8]) throws(DunetraceError) -> (header: TraceHeader, records: [TraceRecord], damage: TraceDamage?) {
        let r = try TraceReader(bytes: bytes)
        var out: [TraceRecord] = []
        while let x = r.next() { out.append(x) }
        return (r.header, out, r.damage)
    }
}

/// The bytes of a trace: a file read with pread, or an array.
private final class Source {
    let size: Int
    private let fd: Int32
    private let bytes: [UInt8]

    init(path: String) throws(DunetraceError) {
        let (f, st) = try openInputFile(path)
        guard st.st_mode & S_IFMT == S_IFREG else {
            // A pipe or device: read it all.
            var all: [UInt8] = []
            var buf = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buf.withUnsafeMutableBytes { Glibc.read(f, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                all.append(contentsOf: buf[0..<n])
            }
            Glibc.close(f)
            (fd, bytes, size) = (-1, all, all.count)
            return
        }
        (fd, bytes, size) = (f, [], Int(st.st_size))
    }

    init(bytes: [UInt8]) { (fd, self.bytes, size) = (-1, bytes, bytes.count) }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Up to `count` bytes at `offset` (fewer at the end of the file or on a read error).
    func read(_ offset: Int, _ count: Int) -> [UInt8] {
        let n = max(0, min(count, size - offset))
        guard n > 0, offset >= 0 else { return [] }
        if fd < 0 { return Array(bytes[offset..<offset + n]) }
        var out = [UInt8](repeating: 0, count: n)
        var got = 0
        while got < n {
            let r = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, n - got, off_t(offset + got)) }
            if r < 0 && errno == EINTR { continue }
            if r <= 0 { break }
            got += r
        }
        if got < n { out.removeLast(n - got) }
        return out
    }
}

/// Opens a trace or log to read: the one-line errors of a missing, unreadable or directory path.
func openInputFile(_ path: String) throws(DunetraceError) -> (Int32, stat) {
    let f = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard f >= 0 else {
        let e = errno
        switch e {
        case ENOENT, ENOTDIR: throw .notFound(path: path)
        case EACCES, EPERM: throw .permissionDenied(path: path)
        default: throw .io(path: path, reason: String(cString: strerror(e)))
        }
    }
    var st = stat()
    guard fstat(f, &st) == 0 else { Glibc.close(f); throw .io(path: path, reason: "cannot stat") }
    guard st.st_mode & S_IFMT != S_IFDIR else { Glibc.close(f); throw .io(path: path, reason: "Is a directory") }
    return (f, st)
}
