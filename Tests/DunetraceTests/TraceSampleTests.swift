// The committed sample traces of format version 1 must read forever, and the reader must
// survive any mutation of them (the fuzz corpus in fixtures/traces/fuzz, and fresh ones).
import Foundation
import Testing
@testable import DunetraceCore

enum TraceFixtures {
    static let dir = TestPaths.root + "/fixtures/traces"
    static func path(_ name: String) -> String { dir + "/" + name }
}

@Suite("Trace samples: format version 1")
struct TraceSampleTests {
    /// Written by format version 1 (sample-v2-kinds.gz is version 2's: CompleteRecordingTests).
    @Test("sample-v1-kinds.gz holds one record of every kind, exactly")
    func kinds() throws {
        let path = TraceFixtures.path("sample-v1-kinds.gz")
        let (h, records, damage) = try TraceReader.readAll(path: path)
        #expect(h.formatVersion == 1)
        var written = TraceTestFiles.header
        written.formatVersion = 1  // the version that wrote it (the writer's now is newer)
        #expect(h == written)
        #expect(damage == nil)
        #expect(records == TraceTestFiles.normalized(TraceTestFiles.everyKind()))
        let renderer = TraceRenderer(header: h)
        let lines = records.compactMap { renderer.line($0) }
        #expect(lines[0] == "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3")
        #expect(lines[1] == "openat(AT_FDCWD, \"/nope\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)")
        #expect(lines[2] == "[pid 102] exit_group(0) = ?")
        #expect(lines.contains("[pid 100] --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---"))
        #expect(lines.contains("[pid 100] --- #PF {addr=0x555500001000, ip=0x555500000139, err=0x6 user|write|not-present, map=\"[heap]\"} ---"))
        #expect(lines.contains("[pid 101] +++ exited with 3 +++"))
        #expect(lines.last == "[pid 100] +++ killed by SIGSEGV +++")
    }

    @Test("sample-v1.gz (a real run: fork, exec, pipes, page faults, a fatal signal) replays its live text")
    func realRun() throws {
        let reader = try TraceReader(path: TraceFixtures.path("sample-v1.gz"))
        #expect(reader.header.formatVersion == 1)
        #expect(reader.header.commandLine.first == "sh")
        let renderer = TraceRenderer(header: reader.header)
        var replay: [String] = []
        var kinds = Set<String>()
        while let r = reader.next() {
            // The live text was printed before si_utime/si_stime showed their seconds
            // (`2 /* 0.02 s */`); replay prints today's spelling of the same values.
            if let line = renderer.line(r) { replay.append(TraceSampleTests.withoutClockSeconds(line)) }
            kinds.insert(String(describing: r.body).prefix { $0 != "(" }.description)
        }
        #expect(reader.damage == nil)
        #expect(reader.writerCount > 1)
        #expect(kinds.isSuperset(of: ["syscall", "pageFault", "signal", "exited", "killed", "processStarted"]))
        // The live text went to a file, buffered per process: lines of different processes
        // interleave differently, each task's lines are the same in the same order.
        let live = try String(contentsOfFile: TraceFixtures.path("sample-v1.live.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(TraceSampleTests.byTask(replay) == TraceSampleTests.byTask(live))
        #expect(replay.count == live.count)
        // Every process is in the process map.
        #expect(reader.processes.values.contains { $0.executable.hasSuffix("/cat") })
        #expect(reader.processes.values.contains { $0.executable.hasSuffix("/tr") })
    }

    /// A line without the seconds comments of its clock_t values (`si_utime=2 /* 0.02 s */`),
    /// which sample-v1.live.txt predates.
    static func withoutClockSeconds(_ line: String) -> String {
        line.replacingOccurrences(of: #" /\* [0-9.]+ s \*/"#, with: "", options: .regularExpression)
    }

    static func byTask(_ lines: [String]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for l in lines {
            var task = "-"
            if l.hasPrefix("[pid "), let close = l.firstIndex(of: "]") { task = String(l[..<close]) }
            out[task, default: []].append(l)
        }
        return out
    }

    @Test("stat of the sample: strace -c's table and the page-fault summary")
    func stat() throws {
        let reader = try TraceReader(path: TraceFixtures.path("sample-v1.gz"))
        var stats = TraceStatistics()
        while let r = reader.next() { stats.add(r) }
        let table = stats.syscallTable().split(separator: "\n").map(String.init)
        #expect(table[0] == "% time     seconds  usecs/call     calls    errors syscall")
        #expect(table[1] == "------ ----------- ----------- --------- --------- ----------------")
        #expect(table.last!.hasPrefix("100.00 "))
        #expect(table.last!.hasSuffix(" total"))
        #expect(table.contains { $0.hasSuffix(" execve") })
        // Sorted by time, largest first.
        let seconds = table[2..<(table.count - 2)].map { Double($0.split(separator: " ")[1])! }
        #expect(seconds == seconds.sorted(by: >))
        let calls = table[2..<(table.count - 2)].map { Int($0.split(separator: " ")[3])! }.reduce(0, +)
        #expect(calls == stats.syscallCount)
        let pf = stats.pageFaultSummary()
        #expect(pf.hasPrefix("page faults: \(stats.pageFaultCount) (first-read "))
        #expect(pf.contains("/usr/lib/x86_64-linux-gnu/libc.so.6") || pf.contains("libc"))
    }

    @Test("the fuzz corpus: every file gives records, or one clear error, never a trap")
    func corpus() throws {
        let dir = TraceFixtures.path("fuzz")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(files.count >= 30)
        for f in files {
            TraceFuzz.exercise(TraceTestFiles.bytes(dir + "/" + f), name: f)
        }
    }

    @Test("fresh mutations of the samples never trap the reader")
    func mutations() throws {
        let seeds = [TraceTestFiles.bytes(TraceFixtures.path("sample-v1.gz")),
                     TraceTestFiles.bytes(TraceFixtures.path("sample-v1-kinds.gz"))]
        var rng = TraceRandom(0xd00e)
        for i in 0..<600 {
            let input = TraceFuzz.mutate(seeds[i % seeds.count], &rng)
            TraceFuzz.exercise(input, name: "mutation \(i)")
        }
    }

    @Test("decoding arbitrary chunk bytes never traps")
    func chunkBytes() {
        var rng = TraceRandom(99)
        var enc = ChunkEncoder()
        for r in TraceTestFiles.everyKind() { enc.encode(r) }
        let good = enc.bytes
        for i in 0..<3000 {
            var b = good
            if i % 3 == 0 {
                b = Array(b.prefix(Int(rng.next() % UInt64(b.count + 1))))
            } else {
                for _ in 0..<(1 + Int(rng.next() % 8)) {
                    b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
            }
            if let records = try? ChunkDecoder.records(b) {
                let renderer = TraceRenderer()
                for r in records { _ = renderer.line(r); _ = renderer.json(r) }
            }
            _ = try? ChunkDecoder.header(b)
        }
    }
}

enum TraceFuzz {
    /// Reads everything `bytes` holds, renders it as text and JSON, and summarizes it.
    static func exercise(_ bytes: [UInt8], name: String) {
        do {
            let reader = try TraceReader(bytes: bytes, name: name)
            let renderer = TraceRenderer(stringLimit: min(reader.header.stringLimit, 4096))
            var stats = TraceStatistics()
            var n = 0
            while let r = reader.next(), n < 200_000 {
                _ = renderer.line(r)
                _ = renderer.json(r)
                stats.add(r)
                n += 1
            }
            _ = stats.syscallTable()
            _ = stats.pageFaultSummary()
            if let d = reader.damage { #expect(!d.description.isEmpty) }
        } catch {
            // One line naming the file.
            #expect(!error.description.contains("\n"), "\(name): \(error)")
            #expect(error.description.hasPrefix(name), "\(name): \(error)")
        }
    }

    /// One random mutation: byte changes, bit flips, cuts, inserted or repeated ranges.
    static func mutate(_ seed: [UInt8], _ rng: inout TraceRandom) -> [UInt8] {
        var b = seed
        guard !b.isEmpty else { return b }
        func pos() -> Int { Int(rng.next() % UInt64(b.count)) }
        switch rng.next() % 7 {
        case 0:
            for _ in 0..<(1 + Int(rng.next() % 16)) { b[pos()] = UInt8(truncatingIfNeeded: rng.next()) }
        case 1:
            for _ in 0..<(1 + Int(rng.next() % 4)) { b[pos()] ^= 1 << UInt8(rng.next() % 8) }
        case 2:
            b = Array(b.prefix(pos()))
        case 3:
            let at = pos(), len = Int(rng.next() % 64)
            b.insert(contentsOf: (0..<len).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
        case 4:
            let from = pos(), to = min(b.count, from + Int(rng.next() % 4096))
            b.insert(contentsOf: b[from..<to], at: pos())
        case 5:
            let from = pos(), to = min(b.count, from + Int(rng.next() % 256))
            for i in from..<to { b[i] = 0 }
        default:
            // The DT subfield of some member: lengths and kinds are what a reader trusts most.
            let at = pos()
            if at + 48 <= b.count { b[at + 16 + Int(rng.next() % 32)] = UInt8(truncatingIfNeeded: rng.next()) }
        }
        return b
    }
}
