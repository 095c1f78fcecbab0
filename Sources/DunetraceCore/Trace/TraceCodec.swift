// The records inside one chunk. A chunk (once inflated) is
//
//   "DTRC"  varint version  varint baseTime  varint N  record-stream (N bytes)  time-stream
//
// The times of the records (their deltas and a syscall's duration) go to a stream of their own
// after the records: jitter in the low bits of times is the one thing that does not repeat, and
// kept apart it does not disturb deflate's matches over everything else.
// A record is a tag byte (type in the low 4 bits; 0x10 prefixed, 0x20 task changed, 0x40
// and 0x80 per type) followed by varints. Everything is relative to the previous record of the
// chunk, so a repetitive workload turns into repetitive bytes that deflate squeezes to a few
// bits: times are zigzag deltas, pid/tid are sent only when they change, a syscall sends only
// the argument registers that differ from the last call with the same number, and its result
// as a delta from that call's. Strings (mappings, paths, notes) are sent once per chunk and
// referred to by index afterwards.
//
//   syscall  1|flags [task] nr Δentry duration mask Δarg... [Δip] [Δresult] [captures]
//            (Δentry: from the previous record's end, its exit for a syscall)
//            0x40: the call did not return (no result); 0x80: memory captures follow
//            mask: bits 0-5 the arguments that differ from the last call with this number,
//            bit 6 its ip differs from that call's (version 3), bit 7 a marks byte follows
//            the mask: 1 result injected, 2 arguments poked, 4 delayed (version 4)
//   #PF      2|flags [task] Δtime Δaddr Δip err kind mapping
//   signal   3|flags [task] Δtime siginfo-bytes [ip]
//            0x40: a fault's ip follows (version 4)
//   exited   4|flags [task] Δtime status
//   killed   5|flags [task] Δtime signal
//            0x40: core dumped
//   process  6|flags [task] Δtime ppid executable argc argv...
//   note     7|flags [task] Δtime text
//   fd       9|flags [task] Δtime zigzag(fd) [path detail]   (version 2); a deleted file's
//            path is followed by NUL "deleted" (DescriptorName.recordedPath)
//            0x40: the change is the task's next syscall's result; 0x80: closed (no names)
//   module   10|flags [task] Δtime id path buildid-bytes isFile   (version 2)
//   stack    11|flags [task] Δtime id [n (module+1 offset zigzag(symbolAddress-offset))...]
//            0x80: frames follow (the stack's first use), else only the id   (version 2)
//   comm     12|flags [task] Δtime name   (version 3)
//   pids     13|flags [task] Δtime n (zigzag(pid) what [zigzag(outer)] [name])...   (version 5)
//            what: bits 0-1 task 0, process group 1, session 2; 4 found at the call's entry;
//            8 outer (the pid in dunetrace's namespace) follows; 16 name (its comm) follows
//   header   8 version host kernel cpu argc argv... startTime stringLimit npairs (key value)...
//   [task]   zigzag(pid - previous pid) zigzag(tid - pid)
//   string   varint 0 then length and UTF-8 bytes (new, gets the next index), or index + 1
//   capture  where length extra bytes...: where 0-5 = at argument N's value, 6 = zigzag delta
//            from the end of the previous capture; extra = readable bytes past those kept

/// Per-chunk delta state, the same on both sides.
struct CodecState {
    var prevTime: UInt64 = 0
    var pid: Int32 = 0
    var tid: Int32 = 0
    var lastArgs = [SyscallArgs](repeating: SyscallArgs(), count: 512)
    var lastResult = [Int64](repeating: 0, count: 512)
    var lastIP = [UInt64](repeating: 0, count: 512)
    var otherArgs: [Int: SyscallArgs] = [:]
    var otherResult: [Int: Int64] = [:]
    var otherIP: [Int: UInt64] = [:]
    var faultAddress: UInt64 = 0
    var faultIP: UInt64 = 0
    var captureEnd: UInt64 = 0

    func args(_ nr: Int) -> SyscallArgs {
        nr >= 0 && nr < 512 ? lastArgs[nr] : otherArgs[nr] ?? SyscallArgs()
    }
    func result(_ nr: Int) -> Int64 {
        nr >= 0 && nr < 512 ? lastResult[nr] : otherResult[nr] ?? 0
    }
    func ip(_ nr: Int) -> UInt64 {
        nr >= 0 && nr < 512 ? lastIP[nr] : otherIP[nr] ?? 0
    }
    mutating func remember(_ nr: Int, _ a: SyscallArgs, _ r: Int64?, ip: UInt64) {
        if nr >= 0 && nr < 512 {
            lastArgs[nr] = a
            lastIP[nr] = ip
            if let r { lastResult[nr] = r }
        } else if otherArgs.count < 4096 || otherArgs[nr] != nil {
            otherArgs[nr] = a
            otherIP[nr] = ip
            if let r { otherResult[nr] = r }
        }
    }
}

/// Builds one chunk's bytes.
struct ChunkEncoder {
    private(set) var out = ByteWriter()
    /// The time stream.
    private var times = ByteWriter()
    private var header = ByteWriter()
    private var state = CodecState()
    private var strings: [String: Int] = [:]
    private(set) var recordCount = 0
    private(set) var firstTime: UInt64 = 0

    init(capacity: Int = 0) {
        out = ByteWriter(capacity: capacity)
        times = ByteWriter(capacity: capacity / 2)
    }

    var isEmpty: Bool { recordCount == 0 }
    var byteCount: Int { out.count + times.count + 16 }

    /// The chunk: header, records, times.
    var bytes: [UInt8] {
        var h = header
        h.varint(UInt64(out.count))
        return h.bytes + out.bytes + times.bytes
    }

    /// Starts afresh (the buffer keeps its capacity).
    mutating func reset() {
        out.bytes.removeAll(keepingCapacity: true)
        times.bytes.removeAll(keepingCapacity: true)
        header.bytes.removeAll(keepingCapacity: true)
        state = CodecState()
        strings.removeAll(keepingCapacity: true)
        recordCount = 0
        firstTime = 0
    }

    private mutating func begin(_ baseTime: UInt64) {
        header.bytes.append(contentsOf: TraceFormat.chunkMagic)
        header.varint(UInt64(TraceFormat.version))
        header.varint(baseTime)
        state.prevTime = baseTime
        firstTime = baseTime
    }

    private mutating func string(_ s: String) {
        if let i = strings[s] {
            out.varint(UInt64(i + 1))
        } else {
            out.varint(0)
            out.string(s)
            if strings.count < 1 << 16 { strings[s] = strings.count }
            else { strings[s] = nil }
        }
    }

    /// The tag byte, then the task when it changed.
    private mutating func header(_ tag: TraceFormat.Tag, _ flags: UInt8, prefixed: Bool, pid: Int32, tid: Int32) {
        var t = tag.rawValue | flags
        if prefixed { t |= TraceFormat.flagPrefixed }
        let taskChanged = pid != state.pid || tid != state.tid
        if taskChanged { t |= TraceFormat.flagTask }
        out.byte(t)
        if taskChanged {
            out.zigzag(Int64(pid) - Int64(state.pid))
            out.zigzag(Int64(tid) - Int64(pid))
            state.pid = pid
            state.tid = tid
        }
    }

    private mutating func common(_ tag: TraceFormat.Tag, _ flags: UInt8, _ r: TraceRecord) {
        header(tag, flags, prefixed: r.prefixed, pid: r.pid, tid: r.tid)
        times.zigzag(Int64(bitPattern: r.time &- state.prevTime))
        state.prevTime = r.time
    }

    mutating func encode(_ r: TraceRecord) {
        if recordCount == 0 { begin(r.time) }
        recordCount += 1
        var r = r
        // A call's entry is a syscall record with no result, marked as an entry.
        if case .entered(var e, let captures) = r.body {
            e.marks |= SyscallEvent.Marks.entered
            e.result = nil
            r.body = .syscall(e, captures: captures)
        }
        switch r.body {
        case .syscall(let e, let captures):
            var flags: UInt8 = 0
            if e.result == nil { flags |= TraceFormat.flagA }
            if !captures.isEmpty { flags |= TraceFormat.flagB }
            // The task is the event's; the number comes before the times, so the decoder
            // knows which per-call state to use.
            header(.syscall, flags, prefixed: r.prefixed, pid: e.pid, tid: e.tid)
            out.varint(UInt64(bitPattern: Int64(e.number)))
            // The gap since the previous record ended, then the duration: an entry-to-entry
            // delta would carry the previous call's duration (and its jitter) a second time.
            times.zigzag(Int64(bitPattern: e.entryTime &- state.prevTime))
            times.zigzag(Int64(bitPattern: e.exitTime &- e.entryTime))
            state.prevTime = e.exitTime
            let last = state.args(e.number)
            var mask: UInt8 = 0
            for i in 0..<6 where e.args[i] != last[i] { mask |= 1 << UInt8(i) }
            // A call site mostly makes the same call: its ip is sent when it moved.
            let lastIP = state.ip(e.number)
            if e.ip != lastIP { mask |= 0x40 }
            if e.marks != 0 { mask |= 0x80 }
            out.byte(mask)
            if e.marks != 0 { out.byte(e.marks) }
            for i in 0..<6 where mask & (1 << UInt8(i)) != 0 {
                out.zigzag(Int64(bitPattern: e.args[i] &- last[i]))
            }
            if mask & 0x40 != 0 { out.zigzag(Int64(bitPattern: e.ip &- lastIP)) }
            if let result = e.result { out.zigzag(result &- state.result(e.number)) }
            state.remember(e.number, e.args, e.result, ip: e.ip)
            if !captures.isEmpty {
                out.varint(UInt64(captures.count))
                for c in captures {
                    if let j = (0..<6).first(where: { e.args[$0] == c.address }) {
                        out.varint(UInt64(j))
                    } else {
                        out.varint(6)
                        out.zigzag(Int64(bitPattern: c.address &- state.captureEnd))
                    }
                    out.varint(UInt64(c.bytes.count))
                    out.varint(UInt64(max(0, c.readableCount - c.bytes.count)))
                    out.bytes.append(contentsOf: c.bytes)
                    state.captureEnd = c.address &+ UInt64(c.bytes.count)
                }
            }
        case .pageFault(let f):
            var rr = r
            (rr.pid, rr.tid, rr.time) = (f.pid, f.tid, f.time)
            common(.pageFault, 0, rr)
            out.zigzag(Int64(bitPattern: f.address &- state.faultAddress))
            out.zigzag(Int64(bitPattern: f.ip &- state.faultIP))
            out.varint(f.errorCode)
            out.byte(f.kind.rawValue)
            string(f.mapping)
            if f.kind.isApproximate { out.varint(f.time &- f.since) }
            state.faultAddress = f.address
            state.faultIP = f.ip
        case .signal(let info, let ip):
            common(.signal, ip != nil ? TraceFormat.flagA : 0, r)
            var n = min(info.count, 128)
            while n > 0 && info[n - 1] == 0 { n -= 1 }
            out.blob(Array(info[0..<n]))
            if let ip { out.varint(ip) }
        case .exited(let status):
            common(.exited, 0, r)
            out.zigzag(Int64(status))
        case .killed(let sig, let core):
            common(.killed, core ? TraceFormat.flagA : 0, r)
            out.zigzag(Int64(sig))
        case .processStarted(let ppid, let exe, let argv):
            common(.process, 0, r)
            out.zigzag(Int64(ppid))
            string(exe)
            out.varint(UInt64(argv.count))
            for a in argv { string(a) }
        case .note(let text):
            common(.note, 0, r)
            string(text)
        case .descriptor(let fd, let afterCall, let name):
            var flags: UInt8 = afterCall ? TraceFormat.flagA : 0
            if name == nil { flags |= TraceFormat.flagB }
            common(.descriptor, flags, r)
            out.zigzag(Int64(fd))
            if let name {
                string(name.recordedPath)
                string(name.detail)
            }
        case .module(let id, let m):
            common(.module, 0, r)
            out.varint(UInt64(UInt32(bitPattern: id)))
            string(m.path)
            out.blob(m.buildID)
            out.byte(m.isFile ? 1 : 0)
        case .comm(let name):
            common(.comm, 0, r)
            string(name)
        case .pids(let list):
            common(.pids, 0, r)
            out.varint(UInt64(list.count))
            for p in list {
                out.zigzag(Int64(p.key.pid))
                var what: UInt8 = p.key.kind == .task ? 0 : p.key.kind == .processGroup ? 1 : 2
                if p.key.atEntry { what |= 4 }
                if p.fact.outer != nil { what |= 8 }
                if p.fact.comm != nil { what |= 16 }
                out.byte(what)
                if let outer = p.fact.outer { out.zigzag(Int64(outer)) }
                if let name = p.fact.comm { string(name) }
            }
        case .entered:
            break  // made a syscall record above
        case .stack(let id, let frames):
            common(.stack, frames == nil ? 0 : TraceFormat.flagB, r)
            out.varint(UInt64(id))
            if let frames {
                out.varint(UInt64(frames.count))
                for f in frames {
                    out.varint(UInt64(bitPattern: Int64(f.module) + 1))
                    out.varint(f.offset)
                    out.zigzag(Int64(bitPattern: f.symbolAddress &- f.offset))
                }
            }
        }
    }

    /// The bytes of a header chunk.
    static func headerChunk(_ h: TraceHeader) -> [UInt8] {
        var w = ByteWriter()
        w.bytes.append(contentsOf: TraceFormat.headerMagic)
        w.varint(UInt64(TraceFormat.version))
        w.byte(TraceFormat.Tag.header.rawValue)
        w.varint(UInt64(max(0, h.formatVersion)))
        w.string(h.host)
        w.string(h.kernel)
        w.string(h.cpu)
        w.varint(UInt64(h.commandLine.count))
        for a in h.commandLine { w.string(a) }
        w.varint(h.startTime)
        w.varint(UInt64(max(0, h.stringLimit)))
        w.varint(UInt64(h.properties.count))
        for (k, v) in h.properties.sorted(by: { $0.key < $1.key }) {
            w.string(k)
            w.string(v)
        }
        return w.bytes
    }
}

/// Decodes one chunk's bytes back into records.
enum ChunkDecoder {
    static func header(_ bytes: [UInt8]) throws(TraceFormatError) -> TraceHeader {
        var r = ByteReader(bytes)
        guard r.remaining >= 4, Array(bytes[0..<4]) == TraceFormat.headerMagic else {
            throw TraceFormatError("not a dunetrace trace (no header)")
        }
        r.offset = 4
        let version = try r.varint()
        guard version >= 1 else { throw TraceFormatError("bad format version \(version)") }
        guard version <= UInt64(TraceFormat.version) else {
            throw TraceFormatError("format version \(version) is newer than this dunetrace reads (\(TraceFormat.version))")
        }
        guard try r.byte() == TraceFormat.Tag.header.rawValue else { throw TraceFormatError("bad header record") }
        let fv = try r.varint()
        let host = try r.string(), kernel = try r.string(), cpu = try r.string()
        let argc = try r.count()
        var argv: [String] = []
        for _ in 0..<argc { argv.append(try r.string()) }
        let start = try r.varint()
        let limit = try r.varint()
        let pairs = try r.count(minSize: 2)
        var properties: [String: String] = [:]
        for _ in 0..<pairs { properties[try r.string()] = try r.string() }
        var h = TraceHeader(formatVersion: Int(clamping: fv), host: host, kernel: kernel, cpu: cpu,
                            commandLine: argv, startTime: start, stringLimit: Int(clamping: min(limit, 1 << 30)))
        h.properties = properties
        return h
    }

    static func records(_ bytes: [UInt8]) throws(TraceFormatError) -> [TraceRecord] {
        var r = ByteReader(bytes)
        guard r.remaining >= 4, Array(bytes[0..<4]) == TraceFormat.chunkMagic else {
            throw TraceFormatError("not a dunetrace chunk")
        }
        r.offset = 4
        let version = try r.varint()
        guard version >= 1, version <= UInt64(TraceFormat.version) else {
            throw TraceFormatError("chunk of format version \(version); this dunetrace reads \(TraceFormat.version)")
        }
        var state = CodecState()
        state.prevTime = try r.varint()
        let recordBytes = try r.count()
        var t = ByteReader(bytes, offset: r.offset + recordBytes)
        r = ByteReader(bytes, offset: r.offset, end: r.offset + recordBytes)
        var strings: [String] = []
        var out: [TraceRecord] = []

        func string(_ r: inout ByteReader) throws(TraceFormatError) -> String {
            let v = try r.varint()
            if v == 0 {
                let s = try r.string()
                if strings.count < 1 << 16 { strings.append(s) }
                return s
            }
            guard v - 1 < UInt64(strings.count) else { throw TraceFormatError("string reference \(v) out of range") }
            return strings[Int(v - 1)]
        }
        func task(_ r: inout ByteReader, _ tag: UInt8) throws(TraceFormatError) {
            guard tag & TraceFormat.flagTask != 0 else { return }
            let pid = Int64(state.pid) &+ (try r.zigzag())
            let tid = pid &+ (try r.zigzag())
            state.pid = Int32(truncatingIfNeeded: pid)
            state.tid = Int32(truncatingIfNeeded: tid)
        }
        func time(_: inout ByteReader) throws(TraceFormatError) -> UInt64 {
            state.prevTime = state.prevTime &+ UInt64(bitPattern: try t.zigzag())
            return state.prevTime
        }

        while !r.atEnd {
            let tag = try r.byte()
            let prefixed = tag & TraceFormat.flagPrefixed != 0
            guard let kind = TraceFormat.Tag(rawValue: tag & 0x0f) else {
                throw TraceFormatError("unknown record type \(tag & 0x0f) at chunk offset \(r.offset - 1)")
            }
            try task(&r, tag)
            let body: TraceRecord.Body
            var when: UInt64
            switch kind {
            case .syscall:
                let nr = Int(Int64(bitPattern: try r.varint()))
                when = try time(&r)
                let exit = when &+ UInt64(bitPattern: try t.zigzag())
                state.prevTime = exit
                let mask = try r.byte()
                guard version >= 4 || mask & 0x80 == 0, version >= 3 || mask & 0x40 == 0 else { throw TraceFormatError("bad argument mask") }
                let marks = mask & 0x80 != 0 ? try r.byte() : 0
                let last = state.args(nr)
                var a = [last.a0, last.a1, last.a2, last.a3, last.a4, last.a5]
                for i in 0..<6 where mask & (1 << UInt8(i)) != 0 {
                    a[i] = a[i] &+ UInt64(bitPattern: try r.zigzag())
                }
                let args = SyscallArgs(a[0], a[1], a[2], a[3], a[4], a[5])
                var ip = state.ip(nr)
                if mask & 0x40 != 0 { ip = ip &+ UInt64(bitPattern: try r.zigzag()) }
                var result: Int64?
                if tag & TraceFormat.flagA == 0 { result = state.result(nr) &+ (try r.zigzag()) }
                state.remember(nr, args, result, ip: ip)
                var captures: [MemoryCapture] = []
                if tag & TraceFormat.flagB != 0 {
                    let n = try r.count(minSize: 3)
                    for _ in 0..<n {
                        let whereCode = try r.varint()
                        var address: UInt64
                        switch whereCode {
                        case 0...5: address = args[Int(whereCode)]
                        case 6: address = state.captureEnd &+ UInt64(bitPattern: try r.zigzag())
                        default: throw TraceFormatError("bad capture address code \(whereCode)")
                        }
                        let count = try r.count()
                        let extra = try r.varint()
                        guard extra <= 1 << 24 else { throw TraceFormatError("capture extent too large") }
                        let bytes = try r.fixed(count)
                        var c = MemoryCapture(address: address, bytes: bytes)
                        if extra > 0 { c.readableCount = count + Int(extra) }
                        captures.append(c)
                        state.captureEnd = address &+ UInt64(count)
                    }
                }
                let e = SyscallEvent(number: nr, args: args, result: result, pid: state.pid, tid: state.tid,
                                     entryTime: when, exitTime: exit, ip: ip, marks: marks & ~SyscallEvent.Marks.entered)
                body = marks & SyscallEvent.Marks.entered != 0 ? .entered(e, captures: captures) : .syscall(e, captures: captures)
            case .pageFault:
                when = try time(&r)
                state.faultAddress = state.faultAddress &+ UInt64(bitPattern: try r.zigzag())
                state.faultIP = state.faultIP &+ UInt64(bitPattern: try r.zigzag())
                let err = try r.varint()
                guard let k = PageFaultKind(rawValue: try r.byte()) else { throw TraceFormatError("bad page-fault kind") }
                let map = try string(&r)
                let since = k.isApproximate ? when &- (try r.varint()) : 0
                body = .pageFault(PageFaultEvent(pid: state.pid, tid: state.tid, time: when, address: state.faultAddress,
                                                 ip: state.faultIP, errorCode: err, kind: k, mapping: map, since: since))
            case .signal:
                when = try time(&r)
                let info = try r.blob()
                guard info.count <= 128 else { throw TraceFormatError("siginfo longer than 128 bytes") }
                guard version >= 4 || tag & TraceFormat.flagA == 0 else { throw TraceFormatError("bad signal flags") }
                body = .signal(info: info, ip: tag & TraceFormat.flagA != 0 ? try r.varint() : nil)
            case .exited:
                when = try time(&r)
                body = .exited(status: Int32(truncatingIfNeeded: try r.zigzag()))
            case .killed:
                when = try time(&r)
                body = .killed(signal: Int32(truncatingIfNeeded: try r.zigzag()), coreDumped: tag & TraceFormat.flagA != 0)
            case .process:
                when = try time(&r)
                let ppid = Int32(truncatingIfNeeded: try r.zigzag())
                let exe = try string(&r)
                let argc = try r.count()
                var argv: [String] = []
                for _ in 0..<argc { argv.append(try string(&r)) }
                body = .processStarted(ppid: ppid, executable: exe, argv: argv)
            case .note:
                when = try time(&r)
                body = .note(try string(&r))
            case .descriptor:
                when = try time(&r)
                let fd = Int32(truncatingIfNeeded: try r.zigzag())
                var name: DescriptorName?
                if tag & TraceFormat.flagB == 0 { name = DescriptorName(recordedPath: try string(&r), detail: try string(&r)) }
                body = .descriptor(fd: fd, afterCall: tag & TraceFormat.flagA != 0, name: name)
            case .module:
                when = try time(&r)
                let id = Int32(truncatingIfNeeded: try r.varint())
                let path = try string(&r)
                let buildID = try r.blob()
                body = .module(id: id, StackModule(path: path, buildID: buildID, isFile: try r.byte() != 0))
            case .stack:
                when = try time(&r)
                let id = Int(truncatingIfNeeded: try r.varint())
                var frames: [StackFrame]?
                if tag & TraceFormat.flagB != 0 {
                    let n = try r.count(minSize: 3)
                    var list: [StackFrame] = []
                    for _ in 0..<n {
                        let module = Int32(truncatingIfNeeded: Int64(bitPattern: try r.varint()) &- 1)
                        let offset = try r.varint()
                        list.append(StackFrame(module: module, offset: offset, symbolAddress: offset &+ UInt64(bitPattern: try r.zigzag())))
                    }
                    frames = list
                }
                body = .stack(id: id, frames: frames)
            case .comm:
                when = try time(&r)
                body = .comm(try string(&r))
            case .pids:
                guard version >= 5 else { throw TraceFormatError("pid record in a chunk of format version \(version)") }
                when = try time(&r)
                let n = try r.count(minSize: 2)
                var list: [RecordedPid] = []
                for _ in 0..<n {
                    let pid = Int32(truncatingIfNeeded: try r.zigzag())
                    let what = try r.byte()
                    guard what & 3 != 3, what < 32 else { throw TraceFormatError("bad pid record") }
                    let kind: PidKind = what & 3 == 0 ? .task : what & 3 == 1 ? .processGroup : .session
                    let outer = what & 8 != 0 ? Int32(truncatingIfNeeded: try r.zigzag()) : nil
                    let comm = what & 16 != 0 ? try string(&r) : nil
                    list.append(RecordedPid(PidKey(pid: pid, kind: kind, atEntry: what & 4 != 0), PidFact(outer: outer, comm: comm)))
                }
                body = .pids(list)
            case .header:
                throw TraceFormatError("header record inside an event chunk")
            }
            out.append(TraceRecord(pid: state.pid, tid: state.tid, time: when, prefixed: prefixed, body: body))
        }
        guard t.atEnd else { throw TraceFormatError("time stream longer than its records") }
        return out
    }
}
