// The trace file: round trips of every record kind, chunking, gzip validity, truncation at
// every kind of offset, junk input, the ring, fork, and bytes per event.
import Foundation
import Testing
@testable import DunetraceCore

/// Target memory in 4 KiB pages: a read touching an absent page fails, as live.
struct TracePageMemory: TargetMemory {
    var pages: [UInt64: [UInt8]] = [:]

    mutating func write(_ address: UInt64, _ bytes: [UInt8]) {
        for (i, b) in bytes.enumerated() {
            let a = address + UInt64(i)
            pages[a >> 12, default: [UInt8](repeating: 0x5a, count: 4096)][Int(a & 4095)] = b
        }
    }

    func read(_ address: UInt64, count: Int) -> [UInt8]? {
        guard count >= 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let a = address + UInt64(i)
            guard let p = pages[a >> 12] else { return nil }
            out.append(p[Int(a & 4095)])
        }
        return out
    }
}

enum TraceTestFiles {
    static let dir: String = {
        let d = NSTemporaryDirectory() + "dunetrace-trace-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    static func path(_ name: String) -> String { dir + "/" + name }

    static func bytes(_ path: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
    }

    static func write(_ path: String, _ bytes: [UInt8]) {
        try? Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static let header: TraceHeader = {
        var h = TraceHeader(host: "testhost", kernel: "6.1.0-test", cpu: "Test CPU @ 1GHz",
                            commandLine: ["/bin/test", "arg one"], startTime: 1_700_000_000_000_000_000)
        h.properties = ["dunetrace": "0.1.0", "options": "-s 32"]
        return h
    }()

    /// One record of every kind, with captures, prefixes, several tasks.
    static func everyKind() -> [TraceRecord] {
        var out: [TraceRecord] = []
        let t0: UInt64 = 1_700_000_000_000_000_000
        out.append(TraceRecord(pid: 100, tid: 100, time: t0, prefixed: false,
                               body: .processStarted(ppid: 1, executable: "/bin/test", argv: ["test", "x"])))
        var open = SyscallEvent(number: 257, args: SyscallArgs(UInt64(bitPattern: -100), 0x7ffd_0000_1000, 0o2000000),
                                result: 3, pid: 100, tid: 100, entryTime: t0 + 1000, exitTime: t0 + 2500)
        // A path read to the end of its page, kept through its NUL.
        var c = MemoryCapture(address: 0x7ffd_0000_1000, bytes: Array("/etc/passwd\0".utf8))
        c.readableCount = 4096
        out.append(TraceRecord(pid: 100, tid: 100, time: open.entryTime, prefixed: false, body: .syscall(open, captures: [c])))
        open.result = -2
        open.entryTime += 5000
        open.exitTime += 5000
        c.bytes = Array("/nope\0".utf8)
        out.append(TraceRecord(pid: 100, tid: 100, time: open.entryTime, prefixed: false, body: .syscall(open, captures: [c])))
        let exitGroup = SyscallEvent(number: 231, args: SyscallArgs(0), result: nil, pid: 101, tid: 102,
                                     entryTime: t0 + 9000, exitTime: t0 + 9000)
        out.append(TraceRecord(pid: 101, tid: 102, time: exitGroup.entryTime, prefixed: true, body: .syscall(exitGroup, captures: [])))
        let weird = SyscallEvent(number: -1, args: SyscallArgs(.max, 0, 1, 2, 3, .max), result: Int64.min, pid: 101, tid: 101,
                                 entryTime: t0 + 8000, exitTime: t0 + 7000)
        out.append(TraceRecord(pid: 101, tid: 101, time: weird.entryTime, prefixed: true, body: .syscall(weird, captures: [])))
        let big = SyscallEvent(number: 100_000, args: SyscallArgs(1, 2, 3, 4, 5, 6), result: 0, pid: 101, tid: 101,
                               entryTime: t0 + 8100, exitTime: t0 + 8200)
        out.append(TraceRecord(pid: 101, tid: 101, time: big.entryTime, prefixed: true, body: .syscall(big, captures: [])))
        let pf = PageFaultEvent(pid: 100, tid: 100, time: t0 + 10_000, address: 0x5555_0000_1000, ip: 0x5555_0000_0139,
                                errorCode: 6, kind: .firstWrite, mapping: "[heap]")
        out.append(TraceRecord(pid: 100, tid: 100, time: pf.time, prefixed: true, body: .pageFault(pf)))
        // The kinds of the committed v1 sample; --pf=ws's approximate ones are WorkingSetTests'.
        for (i, k) in PageFaultKind.allCases.filter({ !$0.isApproximate }).enumerated() {
            let f = PageFaultEvent(pid: 100, tid: 100, time: t0 + 11_000 + UInt64(i), address: 0x7f00_0000_0000 - UInt64(i) * 4096,
                                   ip: 0x1000, errorCode: 0x14, kind: k, mapping: i % 2 == 0 ? "/usr/lib/libc.so.6" : "")
            out.append(TraceRecord(pid: 100, tid: 100, time: f.time, prefixed: true, body: .pageFault(f)))
        }
        var info = SignalInfo(signo: 11, code: 1, address: 0)
        out.append(TraceRecord(pid: 100, tid: 100, time: t0 + 20_000, prefixed: true, body: .signal(info: info.bytes, ip: nil)))
        info = SignalInfo(signo: 17, code: 1, pid: 101)
        info.setField(Int32.self, 24, 3)
        out.append(TraceRecord(pid: 100, tid: 100, time: t0 + 20_001, prefixed: true, body: .signal(info: info.bytes, ip: nil)))
        out.append(TraceRecord(pid: 100, tid: 100, time: t0 + 20_002, prefixed: true, body: .note("--- stopped by SIGTSTP ---")))
        out.append(TraceRecord(pid: 101, tid: 101, time: t0 + 20_003, prefixed: true, body: .exited(status: 3)))
        out.append(TraceRecord(pid: 100, tid: 100, time: t0 + 20_004, prefixed: true, body: .killed(signal: 11)))
        return out
    }

    /// The records as the reader gives them back: siginfo without trailing zeros.
    static func normalized(_ rs: [TraceRecord]) -> [TraceRecord] {
        rs.map { r in
            var r = r
            if case .signal(var info, let ip) = r.body {
                while info.last == 0 { info.removeLast() }
                r.body = .signal(info: info, ip: ip)
            }
            return r
        }
    }

    /// Records `records` into `path` through the public API.
    static func record(_ records: [TraceRecord], to path: String, chunkSize: Int = TraceRecorder.defaultChunkSize,
                       ring: Int? = nil) throws -> TraceRecorder {
        let rec = try TraceRecorder(path: path, ringSize: ring, header: header, chunkSize: chunkSize)
        for r in records {
            switch r.body {
            case .syscall(let e, let captures): rec.syscall(e, captures: captures, prefixed: r.prefixed)
            case .pageFault(let f): rec.pageFault(f, prefixed: r.prefixed)
            case .signal(let info, let ip): rec.signal(pid: r.pid, tid: r.tid, time: r.time, info: info, ip: ip, prefixed: r.prefixed)
            case .exited(let s): rec.exited(pid: r.pid, tid: r.tid, time: r.time, status: s, prefixed: r.prefixed)
            case .killed(let s, let core): rec.killed(pid: r.pid, tid: r.tid, time: r.time, signal: s, coreDumped: core, prefixed: r.prefixed)
            case .processStarted(let ppid, let exe, let argv):
                rec.processStarted(pid: r.pid, ppid: ppid, time: r.time, executable: exe, argv: argv)
            case .note(let text): rec.note(pid: r.pid, tid: r.tid, time: r.time, text: text, prefixed: r.prefixed)
            case .entered(let e, let captures): rec.entered(e, captures: captures, prefixed: r.prefixed)
            case .descriptor, .module, .stack, .comm, .pids: rec.record(r)
            }
        }
        return rec
    }

    /// A getppid loop: `n` events with realistic jitter in the times.
    static func getppidLoop(_ n: Int, seed: UInt64 = 42) -> [TraceRecord] {
        var rng = TraceRandom(seed)
        var t: UInt64 = 1_700_000_000_000_000_000
        var out: [TraceRecord] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            t += 900 + rng.next() % 400
            let e = SyscallEvent(number: 110, args: SyscallArgs(0x7ffc_1234_5678, 0x10, 0, 0x22, 0xffff_ffff, 0),
                                 result: 4242, pid: 4243, tid: 4243, entryTime: t, exitTime: t + 250 + rng.next() % 60)
            out.append(TraceRecord(pid: 4243, tid: 4243, time: t, prefixed: false, body: .syscall(e, captures: [])))
        }
        return out
    }
}

/// xorshift64*: reproducible randomness for tests.
struct TraceRandom: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed == 0 ? 0x9e37_79b9_7f4a_7c15 : seed }
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_f491_4f6c_dd1d
    }
}

@Suite("Trace format: writer and reader")
struct TraceFormatTests {
    @Test("every record kind survives writer -> reader")
    func roundTrip() throws {
        let path = TraceTestFiles.path("kinds.gz")
        let records = TraceTestFiles.everyKind()
        let rec = try TraceTestFiles.record(records, to: path)
        rec.close()
        #expect(rec.writeError == nil)
        let (h, back, damage) = try TraceReader.readAll(path: path)
        #expect(h == TraceTestFiles.header)
        #expect(damage == nil)
        #expect(back == TraceTestFiles.normalized(records))
    }

    @Test("the record stream decodes to the same records in memory, chunk by chunk")
    func codec() throws {
        var enc = ChunkEncoder()
        let records = TraceTestFiles.everyKind()
        for r in records { enc.encode(r) }
        #expect(try ChunkDecoder.records(enc.bytes) == TraceTestFiles.normalized(records))
        let h = TraceTestFiles.header
        #expect(try ChunkDecoder.header(ChunkEncoder.headerChunk(h)) == h)
    }

    @Test("many small chunks: each a gzip member, gzip -t passes, zcat works")
    func chunking() throws {
        let path = TraceTestFiles.path("chunks.gz")
        let records = TraceTestFiles.getppidLoop(20_000)
        let rec = try TraceTestFiles.record(records, to: path, chunkSize: 4096)
        rec.close()
        let reader = try TraceReader(path: path)
        #expect(reader.chunkCount > 20)
        var n = 0
        while let r = reader.next() { #expect(r == records[n]); n += 1 }
        #expect(n == records.count)
        #expect(reader.damage == nil)
        let t = try runCommand("/bin/gzip", ["-t", path])
        #expect(t.status == 0, "gzip -t: \(t.stderr)")
        let z = try runCommand("/bin/sh", ["-c", "zcat '\(path)' | head -c 4"])
        #expect(z.stdout == "DTHD")
    }

    @Test("a file cut anywhere replays its whole chunks and says where it stopped")
    func truncation() throws {
        let path = TraceTestFiles.path("whole.gz")
        let records = TraceTestFiles.getppidLoop(3000) + TraceTestFiles.everyKind()
        let rec = try TraceTestFiles.record(records, to: path, chunkSize: 2048)
        rec.close()
        let all = TraceTestFiles.bytes(path)
        // Where each member starts, from the reader's own walk.
        var starts: [Int] = []
        var o = 0
        while o < all.count {
            starts.append(o)
            guard case .success(let h) = GzipHeader.parse(Array(all[o..<min(all.count, o + 64)])), let info = h.info else { break }
            o += Int(info.memberLength)
        }
        #expect(o == all.count)
        #expect(starts.count > 5)
        let expected = TraceTestFiles.normalized(records)
        var cuts = Set<Int>()
        for s in starts { for d in [-1, 0, 1, 5, 10, 47, 48, 60] where s + d > 0 && s + d < all.count { cuts.insert(s + d) } }
        var rng = TraceRandom(7)
        for _ in 0..<60 { cuts.insert(1 + Int(rng.next() % UInt64(all.count - 1))) }
        for cut in cuts.sorted() {
            let bytes = Array(all[0..<cut])
            let headerEnd = starts.count > 1 ? starts[1] : all.count
            if cut < headerEnd {
                #expect(throws: DunetraceError.self) { try TraceReader(bytes: bytes) }
                continue
            }
            let r = try TraceReader(bytes: bytes)
            var got: [TraceRecord] = []
            while let x = r.next() { got.append(x) }
            // Cut at a member boundary: whole chunks, but no end mark.
            let atBoundary = starts.contains(cut)
            let wholeMembers = starts.filter { $0 < cut }.count - (atBoundary ? 0 : 1)
            let damage = try #require(r.damage, "cut at \(cut)")
            #expect(damage.chunk == wholeMembers, "cut at \(cut)")
            #expect(damage.offset == starts[wholeMembers], "cut at \(cut)")
            #expect(damage.description.contains("at byte \(starts[wholeMembers])"))
            #expect(damage.reason.contains(atBoundary ? "no end mark" : "cut short"), "cut at \(cut): \(damage)")
            // A prefix of the records, and exactly those of the whole chunks.
            #expect(Array(expected.prefix(got.count)) == got, "cut at \(cut)")
            let full = try TraceReader(bytes: Array(all[0..<starts[wholeMembers]]))
            var n = 0
            while full.next() != nil { n += 1 }
            #expect(n == got.count)
            #expect(full.damage?.reason.contains("no end mark") == true)
        }
    }

    @Test("junk input: one clear error, no crash")
    func junk() throws {
        func message(_ bytes: [UInt8]) -> String {
            do { _ = try TraceReader(bytes: bytes, name: "x.gz"); return "" } catch { return error.description }
        }
        #expect(message([]).contains("empty file"))
        var rng = TraceRandom(3)
        let random = (0..<5000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        #expect(message(random).contains("not a gzip file"))
        #expect(message(Array("hello, world\n".utf8)).contains("not a gzip file"))
        // A gzip of something else.
        let textPath = TraceTestFiles.path("text.txt")
        TraceTestFiles.write(textPath, Array(String(repeating: "not a trace\n", count: 100).utf8))
        _ = try runCommand("/bin/gzip", ["-kf", textPath])
        #expect(message(TraceTestFiles.bytes(textPath + ".gz")).contains("a gzip file of something else"))
        #expect(message([0x1f, 0x8b]).contains("truncated"))
        do { _ = try TraceReader(path: "/nonexistent/trace.gz"); Issue.record("opened a missing file") }
        catch { #expect(error == .notFound(path: "/nonexistent/trace.gz")) }
        do { _ = try TraceReader(path: "/"); Issue.record("opened a directory") }
        catch { #expect(error.description.contains("directory")) }
        // A good trace with junk appended replays, then reports the junk.
        let path = TraceTestFiles.path("junk-tail.gz")
        try TraceTestFiles.record(TraceTestFiles.everyKind(), to: path).close()
        let good = TraceTestFiles.bytes(path)
        for tail in [[UInt8](repeating: 0, count: 4096), random] {
            let r = try TraceReader(bytes: good + tail)
            var n = 0
            while r.next() != nil { n += 1 }
            #expect(n == TraceTestFiles.everyKind().count)
            #expect(r.damage?.offset == good.count)
        }
    }

    @Test("<= 4 bytes per event on 100k repetitive getppid events")
    func bytesPerEvent() throws {
        let path = TraceTestFiles.path("getppid.gz")
        let n = 100_000
        let rec = try TraceTestFiles.record(TraceTestFiles.getppidLoop(n), to: path)
        rec.close()
        let size = TraceTestFiles.bytes(path).count
        let perEvent = Double(size) / Double(n)
        print("getppid loop: \(size) bytes for \(n) events = \(perEvent) bytes/event")
        #expect(perEvent <= 4)
    }

    @Test("ring: a chunk never ends between a descriptor a call changes and the call, so the newest chunks name what the call closed")
    func ringKeepsACallWithItsDescriptorChange() throws {
        let path = TraceTestFiles.path("ring-close.gz")
        let t0: UInt64 = 1_700_000_000_000_000_000
        let proc = TraceRecord(pid: 7, tid: 7, time: t0, prefixed: false, body: .processStarted(ppid: 1, executable: "/x", argv: ["x"]))
        let opened = TraceRecord(pid: 7, tid: 7, time: t0 + 1, prefixed: false,
                                 body: .descriptor(fd: 3, afterCall: true, name: DescriptorName(path: "/etc/passwd")))
        let open = SyscallEvent(number: 257, args: SyscallArgs(UInt64(bitPattern: -100), 0x1000, 0), result: 3, pid: 7, tid: 7,
                                entryTime: t0 + 1, exitTime: t0 + 2)
        let filler = TraceTestFiles.getppidLoop(2000).map { r -> TraceRecord in
            var r = r
            (r.pid, r.tid) = (7, 7)
            if case .syscall(var e, _) = r.body { (e.pid, e.tid) = (7, 7); r.body = .syscall(e, captures: []) }
            return r
        }
        let closed = TraceRecord(pid: 7, tid: 7, time: t0 + 1 << 40, prefixed: false, body: .descriptor(fd: 3, afterCall: true, name: nil))
        let close = SyscallEvent(number: 3, args: SyscallArgs(3), result: 0, pid: 7, tid: 7, entryTime: t0 + 1 << 40, exitTime: t0 + 1 << 40 + 5)
        // Chunks of one record: without the rule, the last one would hold the close alone.
        let records = [proc, opened, TraceRecord(pid: 7, tid: 7, time: t0 + 1, prefixed: false, body: .syscall(open, captures: []))]
            + filler + [closed, TraceRecord(pid: 7, tid: 7, time: close.entryTime, prefixed: false, body: .syscall(close, captures: []))]
        let rec = try TraceTestFiles.record(records, to: path, chunkSize: 1, ring: 1)
        rec.close()
        let (_, back, _) = try TraceReader.readAll(path: path)
        var descriptors = RecordedDescriptors()
        var closeName: String?
        for r in back {
            let names = descriptors.names(for: r, show: .path)
            if case .syscall(let e, _) = r.body, e.number == 3 { closeName = names?.path(of: 3, afterCall: false) }
        }
        #expect(back.count < records.count)
        #expect(closeName == "/etc/passwd")
    }

    @Test("ring: only the newest chunks reach the file, at close and on request")
    func ring() throws {
        let path = TraceTestFiles.path("ring.gz")
        let records = TraceTestFiles.getppidLoop(50_000)
        let proc = TraceRecord(pid: 4243, tid: 4243, time: 1, prefixed: false,
                               body: .processStarted(ppid: 1, executable: "/loop", argv: ["loop"]))
        let rec = try TraceTestFiles.record([proc] + records, to: path, chunkSize: 4096, ring: 16 * 1024)
        // Nothing but the header so far.
        let before = TraceTestFiles.bytes(path).count
        #expect(before < 200)
        rec.close()
        let reader = try TraceReader(path: path)
        var got: [TraceRecord] = []
        while let r = reader.next() { got.append(r) }
        #expect(reader.damage == nil)
        #expect(!got.isEmpty && got.count < records.count / 2)
        // The newest events, in order, ending with the last one.
        #expect(got.last == records.last)
        #expect(Array(records.suffix(got.count)) == got)
        #expect(reader.droppedChunks > 0)
        #expect(reader.processes[4243]?.executable == "/loop")
        let size = TraceTestFiles.bytes(path).count
        #expect(size < 16 * 1024 + 4096)

        // dumpRing writes what the file lacks; a second dump adds only newer chunks.
        let path2 = TraceTestFiles.path("ring2.gz")
        let rec2 = try TraceRecorder(path: path2, ringSize: 8192, header: TraceTestFiles.header, chunkSize: 4096)
        let first = TraceTestFiles.getppidLoop(1000, seed: 1)
        for r in first { if case .syscall(let e, _) = r.body { rec2.syscall(e, captures: [], prefixed: false) } }
        rec2.dumpRing()
        let afterDump = TraceTestFiles.bytes(path2).count
        rec2.dumpRing()
        #expect(TraceTestFiles.bytes(path2).count == afterDump)
        rec2.requestDump()
        let second = TraceTestFiles.getppidLoop(10, seed: 2).map { r -> TraceRecord in
            var r = r
            if case .syscall(var e, _) = r.body { e.entryTime += 1 << 40; e.exitTime += 1 << 40; r.time = e.entryTime; r.body = .syscall(e, captures: []) }
            return r
        }
        for r in second { if case .syscall(let e, _) = r.body { rec2.syscall(e, captures: [], prefixed: false) } }
        // The requested dump happened at the first of them.
        #expect(TraceTestFiles.bytes(path2).count > afterDump)
        rec2.close()
        let (_, all2, d2) = try TraceReader.readAll(path: path2)
        #expect(d2 == nil)
        #expect(all2 == first + second)
    }

    @Test("threads record concurrently; forked children append whole chunks to the same file")
    func concurrency() throws {
        let path = TraceTestFiles.path("threads.gz")
        let rec = try TraceRecorder(path: path, header: TraceTestFiles.header, chunkSize: 2048)
        let threads = 4, per = 5000
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for i in 0..<per {
                let e = SyscallEvent(number: 39, args: SyscallArgs(), result: Int64(t), pid: 10, tid: Int32(10 + t),
                                     entryTime: UInt64(i * 10 + t), exitTime: UInt64(i * 10 + t + 1))
                rec.syscall(e, captures: [], prefixed: true)
            }
        }
        // A child process writes its own chunks into the same file.
        rec.flush()
        let pid = fork()
        if pid == 0 {
            rec.afterFork()
            for i in 0..<3000 {
                let e = SyscallEvent(number: 110, args: SyscallArgs(), result: 1, pid: 99, tid: 99,
                                     entryTime: UInt64(i * 10 + 5), exitTime: UInt64(i * 10 + 6))
                rec.syscall(e, captures: [], prefixed: true)
            }
            rec.close()
            _exit(rec.writeError == nil ? 0 : 1)
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        #expect(status == 0)
        rec.close()
        let reader = try TraceReader(path: path)
        var perTask: [Int32: [UInt64]] = [:]
        var n = 0
        while let r = reader.next() {
            guard case .syscall(let e, _) = r.body else { continue }
            perTask[e.tid, default: []].append(e.entryTime)
            n += 1
        }
        #expect(reader.damage == nil)
        #expect(reader.writerCount == 2)
        #expect(n == threads * per + 3000)
        #expect(perTask[99]?.count == 3000)
        for t in 0..<threads { #expect(perTask[Int32(10 + t)]?.count == per) }
        // Each task's events in the order it made them.
        for (_, times) in perTask { #expect(times == times.sorted()) }
        #expect(try runCommand("/bin/gzip", ["-t", path]).status == 0)
    }

    @Test("a recorder fails with a clear error for a path it cannot create")
    func badPath() {
        #expect(throws: DunetraceError.notFound(path: "/nonexistent/dir/t.gz")) {
            _ = try TraceRecorder(path: "/nonexistent/dir/t.gz", header: TraceTestFiles.header)
        }
        #expect(throws: DunetraceError.self) { _ = try TraceRecorder(path: "/", header: TraceTestFiles.header) }
    }
}

@Suite("Trace memory: capture and replay")
struct TraceMemoryTests {
    @Test("replay reads exactly what was captured, and nothing else")
    func replayMemory() {
        var c = MemoryCapture(address: 0x1000, bytes: [1, 2, 3, 4])
        let m = ReplayMemory([c, MemoryCapture(address: 0x1004, bytes: [5, 6])])
        #expect(m.read(0x1000, count: 4) == [1, 2, 3, 4])
        #expect(m.read(0x1002, count: 4) == [3, 4, 5, 6])
        #expect(m.read(0x1002, count: 5) == nil)
        #expect(m.read(0xfff, count: 2) == nil)
        #expect(m.read(0x5000, count: 0) == [])
        #expect(m.read(.max, count: 2) == nil)
        #expect(m.read(0x1000, count: -1) == nil)
        c.readableCount = 10
        let t = ReplayMemory([c])
        #expect(t.read(0x1000, count: 10) == [1, 2, 3, 4, 0, 0, 0, 0, 0, 0])
        #expect(t.read(0x1000, count: 11) == nil)
    }

    @Test("live line == replayed line, and path reads keep only the string")
    func captureAndReplay() throws {
        var mem = TracePageMemory()
        mem.write(0x7000_0f00, Array("/etc/passwd".utf8) + [0] + [UInt8](repeating: 0x41, count: 200))
        mem.write(0x7100_0000, Array("root:x:0:0:root:/root:/bin/bash\nmore\0\0\0data".utf8))
        let f = SyscallFormatter(stringLimit: 32)
        let path = TraceTestFiles.path("capture.gz")
        let rec = try TraceRecorder(path: path, header: TraceTestFiles.header)
        let events = [
            SyscallEvent(number: 257, args: SyscallArgs(UInt64(bitPattern: -100), 0x7000_0f00, 0), result: 3),
            SyscallEvent(number: 0, args: SyscallArgs(3, 0x7100_0000, 4096), result: 41),
            SyscallEvent(number: 1, args: SyscallArgs(1, 0x7100_0000, 41), result: 41),
            SyscallEvent(number: 257, args: SyscallArgs(UInt64(bitPattern: -100), 0xdead_0000, 0), result: -14),
        ]
        var live: [String] = []
        for e in events {
            let parts = rec.syscall(e, memory: mem, formatter: f, prefixed: false)
            live.append(LineLayout().aligned(parts.call, result: parts.result))
        }
        rec.close()
        #expect(live[0] == "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3")
        let (_, records, _) = try TraceReader.readAll(path: path)
        let renderer = TraceRenderer(stringLimit: 32)
        #expect(records.compactMap { renderer.line($0) } == live)
        // The path's capture was trimmed after its NUL; the decoder read 128 bytes of it.
        if case .syscall(_, let caps) = records[0].body {
            #expect(caps.count == 1 && caps[0].bytes.count == 12 && caps[0].readableCount == 128)
        }
    }
}
