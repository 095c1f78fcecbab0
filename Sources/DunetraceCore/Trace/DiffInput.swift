// One side of `diff`: a dunetrace trace or an strace -f log, as each task's events reduced to
// what alignment needs (a hash of the normalized event, a hash of its name, where its text is).
// A log is read twice, a chunk at a time (once for the pids that normalization hides, once for
// the events), and a shown event's text is read back from the file, so memory holds a few
// words per event, not the log.
import Foundation
import Glibc

/// The pids of the two sides of a diff, each side's given to the other before either
/// normalizes its events: a number that is a pid on one side only (the other run's file size or
/// byte count, 2996 in both, the pid of one) is then hidden on both, and the lines still match.
public final class DiffPidExchange: @unchecked Sendable {
    private let condition = NSCondition()
    private var sides: [Set<Int32>?] = [nil, nil]

    public init() {}

    /// Side `side`'s pids given, the other's awaited: their union.
    func exchange(side: Int, _ pids: Set<Int32>) -> Set<Int32> {
        condition.lock()
        defer { condition.unlock() }
        sides[side] = pids
        condition.broadcast()
        while sides[1 - side] == nil { condition.wait() }
        return pids.union(sides[1 - side]!)
    }

    /// A side that ended (read, or failed to) without exchanging: the other waits no more.
    func leave(side: Int) {
        condition.lock()
        defer { condition.unlock() }
        if sides[side] == nil { sides[side] = [] }
        condition.broadcast()
    }
}

public struct DiffInput: Sendable {
    public struct Event: Sendable, Equatable {
        /// Hash of the normalized event: equal for events that are the same.
        public var key: Int
        /// Hash of the call's name (or the signal's, or the exit's kind).
        public var name: Int
        /// Where the event's text is: in the file when >= 0, else at ~offset in the loaded text.
        var offset: Int
        var length: Int
    }
    public struct Task: Sendable {
        public var id: Int32
        /// Events in the order the task made them.
        public var events: [Event] = []
        /// Events whose place depends on timing (asynchronous signals and the rt_sigreturn
        /// that ends their handlers): compared as a multiset, not as a sequence.
        public var unordered: [Event] = []
    }

    public var name: String
    /// "dunetrace trace" or "strace log".
    public var kind: String
    /// Tasks in the order they first appear.
    public var tasks: [Task]
    /// Set when a dunetrace trace stopped early.
    public var damage: TraceDamage?
    let texts: DiffTexts
    /// System calls seen, the ones left out included.
    var calls = 0
    public var eventCount: Int { tasks.reduce(0) { $0 + $1.events.count + $1.unordered.count } }

    /// The event as printed.
    public func text(_ e: Event) -> String {
        StraceLog.classify(pid: nil, texts.bytes(e.offset, e.length)).text
    }

    /// Reads a dunetrace trace (a gzip file) or an strace -f log (text) at `path`.
    /// `pidExchange`, `side`: the diff's two sides share their pids (DiffPidExchange).
    public static func load(path: String, stringLimit: Int? = nil, pidExchange: DiffPidExchange? = nil, side: Int = 0) throws(DunetraceError) -> DiffInput {
        defer { pidExchange?.leave(side: side) }
        let exchange = pidExchange.map { e in { (pids: Set<Int32>) in e.exchange(side: side, pids) } }
        let texts = try DiffTexts(path: path)
        guard texts.size > 0 else { throw .io(path: path, reason: "empty file: neither a dunetrace trace nor an strace log") }
        let head = texts.bytes(0, min(texts.size, 65536))
        if head.starts(with: [0x1f, 0x8b]) {
            let reader = try texts.isFile ? TraceReader(path: path) : TraceReader(bytes: texts.all(), name: path)
            var renderer = TraceRenderer(stringLimit: stringLimit ?? reader.header.stringLimit)
            let events = DiffTexts(memory: [])
            var kept: [(tid: Int32, offset: Int, length: Int)] = []
            while let r = reader.next() {
                // Every record passes, as in replay: descriptor records say which sockets are
                // netlink (and of what protocol), which the decoder needs for their messages.
                let names = renderer.callDescriptors(r)
                guard let text = renderer.text(r, names: names) else { continue }
                let bytes = Array(text.utf8)[...]
                kept.append((r.tid, events.keep(bytes), bytes.count))
            }
            var input = DiffInput(name: path, kind: "dunetrace trace", texts: events, taskOrder: nil, pidExchange: exchange) { emit in
                for k in kept { emit(StraceLogJoiner.Body(pid: k.tid, bytes: events.bytes(k.offset, k.length), offset: k.offset)) }
            }
            input.damage = reader.damage
            return input
        }
        // Text: mostly printable; a binary file is not a log.
        let binary = head.filter { $0 < 0x09 || ($0 > 0x0d && $0 < 0x20) }.count
        if binary > head.count / 20 + 1 {
            throw .io(path: path, reason: "neither a dunetrace trace nor an strace log")
        }
        var order: [Int32] = []
        func lines(_ emit: (StraceLogJoiner.Body) -> Void) {
            var joiner = StraceLogJoiner()
            texts.forEachLine { line, offset in joiner.line(line, offset: offset, emit: emit) }
            joiner.finish(emit: emit)
            order = joiner.taskOrder
        }
        let input = DiffInput(name: path, kind: "strace log", texts: texts, taskOrder: { order }, pidExchange: exchange, lines)
        guard input.calls > 0 else { throw .io(path: path, reason: "no system calls in it: neither a dunetrace trace nor an strace log") }
        return input
    }

    /// Groups and normalizes parsed events.
    public init(events: [StraceEvent], name: String, kind: String) {
        let texts = DiffTexts(memory: [])
        let kept = events.map { texts.keep(Array($0.text.utf8)[...]) }
        self.init(name: name, kind: kind, texts: texts, taskOrder: nil) { emit in
            for (e, at) in zip(events, kept) {
                let body = texts.bytes(at, e.text.utf8.count)
                var b = StraceLogJoiner.Body(pid: e.pid, bytes: body, offset: at)
                // An unfinished call another replaced is not a call, whatever it looks like.
                if case .other = e.kind { b.unresolved = true }
                emit(b)
            }
        }
    }

    /// Two passes over the bodies `each` calls back with: the pids first, then the events.
    /// `taskOrder`, after the first pass: the tasks in the order they first appear, when not
    /// that of the bodies.
    init(name: String, kind: String, texts: DiffTexts, taskOrder: (() -> [Int32])?,
         pidExchange: ((Set<Int32>) -> Set<Int32>)? = nil,
         _ each: ((StraceLogJoiner.Body) -> Void) -> Void) {
        self.name = name
        self.kind = kind
        self.texts = texts
        // Pids: the tasks, and what the pid-returning calls returned.
        var order: [Int32] = []
        var seen: Set<Int32> = []
        var pids: Set<Int32> = []
        each { body in
            let t = body.pid ?? -1
            if seen.insert(t).inserted { order.append(t) }
            if t > 1 { pids.insert(t) }
            guard !body.unresolved, Normalizer.mayReturnPid(body.bytes),
                  case .syscall(let name, _, let result) = StraceLog.event(body).kind, Normalizer.pidResults.contains(name),
                  let v = Int32(result.prefix { $0 != " " }), v > 1 else { return }
            pids.insert(v)
        }
        if let taskOrder {
            order = taskOrder()
            pids.formUnion(order.filter { $0 > 1 })
        }
        if let pidExchange { pids = pidExchange(pids) }
        var normalizer = Normalizer(pids: pids)
        var tasks = order.map { Task(id: $0) }
        var index: [Int32: Int] = [:]
        for (i, t) in order.enumerated() { index[t] = i }
        var started = [Bool](repeating: false, count: tasks.count)
        var calls = 0
        var parts = EventParts()
        each { body in
            guard let i = index[body.pid ?? -1] else { return }
            defer { started[i] = true }
            guard !body.unresolved else { return }
            body.bytes.withUnsafeBufferPointer { p in
                parts.read(p)
                guard parts.kind == .syscall else { return }
                calls += 1
                // strace starts with the execve that loads the program; dunetrace at its
                // first instruction.
                if i == 0 && !started[i] && p[parts.name].elementsEqual("execve".utf8) { parts.kind = .other }
            }
            guard let (key, name) = body.bytes.withUnsafeBufferPointer({ normalizer.event(parts, $0) }) else { return }
            let offset = body.offset ?? texts.keep(body.bytes)
            let e = Event(key: key, name: name, offset: offset, length: body.bytes.count)
            if body.bytes.withUnsafeBufferPointer({ Normalizer.isUnordered(parts, $0) }) {
                tasks[i].unordered.append(e)
            } else {
                tasks[i].events.append(e)
            }
        }
        self.tasks = tasks
        self.calls = calls
    }
}

/// Where events' texts are: the file (read back in blocks when shown) and the texts kept in
/// memory (joined lines, a trace's rendered events).
final class DiffTexts: @unchecked Sendable {
    private let fd: Int32
    private var memory: [UInt8]
    private var kept: [UInt8] = []
    private var block: [UInt8] = [], blockOffset = 0
    let size: Int
    var isFile: Bool { fd >= 0 }

    init(memory: [UInt8]) { (fd, self.memory, size) = (-1, memory, memory.count) }

    init(path: String) throws(DunetraceError) {
        let (f, st) = try openInputFile(path)
        if st.st_mode & S_IFMT == S_IFREG {
            (fd, memory, size) = (f, [], Int(st.st_size))
            return
        }
        // A pipe or a device: read once, kept.
        var all: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(f, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { let e = errno; close(f); throw .io(path: path, reason: String(cString: strerror(e))) }
            if n == 0 { break }
            all.append(contentsOf: buf[0..<n])
        }
        close(f)
        (fd, memory, size) = (-1, all, all.count)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Keeps `bytes` in memory; their offset (negative).
    func keep(_ bytes: ArraySlice<UInt8>) -> Int {
        let at = kept.count
        kept.append(contentsOf: bytes)
        return ~at
    }

    func all() -> [UInt8] { fd >= 0 ? Array(bytes(0, size)) : memory }

    /// `length` bytes at `offset` (negative: kept ones).
    func bytes(_ offset: Int, _ length: Int) -> ArraySlice<UInt8> {
        if offset < 0 {
            let at = ~offset
            guard at <= kept.count else { return [] }
            return kept[at..<min(kept.count, at + length)]
        }
        guard offset < size else { return [] }
        let length = min(length, size - offset)
        if fd < 0 { return memory[offset..<(offset + length)] }
        if offset < blockOffset || offset + length > blockOffset + block.count {
            blockOffset = offset
            block = read(offset, max(length, 1 << 18))
        }
        return block[(offset - blockOffset)..<min(block.count, offset - blockOffset + length)]
    }

    private func read(_ offset: Int, _ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: min(count, size - offset))
        var done = 0
        while done < out.count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        return done == out.count ? out : Array(out[0..<done])
    }

    /// Each line of the file or memory, without its newline, with its offset; a chunk at a time.
    func forEachLine(_ body: (ArraySlice<UInt8>, Int) -> Void) {
        guard fd >= 0 else { StraceLog.forEachLine(memory[...], offset: 0, body); return }
        var carry: [UInt8] = []
        var offset = 0
        let chunk = 1 << 20
        while offset < size {
            let got = read(offset, chunk)
            if got.isEmpty { break }
            let lineStart = offset - carry.count
            carry.append(contentsOf: got)
            offset += got.count
            let cut = offset >= size ? carry.endIndex : (carry.lastIndex(of: 0x0a).map { $0 + 1 } ?? carry.startIndex)
            StraceLog.forEachLine(carry[..<cut], offset: lineStart, body)
            carry.removeSubrange(..<cut)
        }
        if !carry.isEmpty { StraceLog.forEachLine(carry[...], offset: offset - carry.count, body) }
    }
}
