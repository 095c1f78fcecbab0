// --pf=ws: memory mapped ahead, first touches learnt from the accessed/dirty bits at the next
// exit: the pages a program touches appear once per kind of access, in the interval (between
// two exits) they happened in, marked approximate, in the live text and in the trace alike.
import Foundation
import Testing
@testable import DunetraceCore

@Suite("--pf=ws: first touches from accessed/dirty bits", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct WorkingSetTests {
    /// (page index, access) of every approximate #PF line inside [base, base + pages * 4096), in order,
    /// and the index of each in the log's lines.
    func touches(in log: String, base: UInt64, pages: UInt64) -> [(page: UInt64, access: String, line: Int)] {
        var out: [(UInt64, String, Int)] = []
        for (n, line) in log.split(separator: "\n").enumerated() where line.hasPrefix("--- #PF {addr=0x") {
            let rest = line.dropFirst("--- #PF {addr=0x".count)
            guard let comma = rest.firstIndex(of: ","), let addr = UInt64(rest[..<comma], radix: 16),
                  addr >= base, addr < base + pages * 4096 else { continue }
            #expect(line.hasSuffix("(approximate) ---"), "\(line)")
            guard let t = line.range(of: "touched="), let end = line[t.upperBound...].firstIndex(of: ",") else {
                Issue.record("no touched= in \(line)")
                continue
            }
            out.append(((addr - base) / 4096, String(line[t.upperBound..<end]), n))
        }
        return out
    }

    @Test("the pages touched, by access, each in its interval; untouched pages absent", arguments: [false, true])
    func knownPages(isStatic: Bool) throws {
        let log = Fixtures.directory + "/ws-pages-\(isStatic).log", trace = Fixtures.directory + "/ws-pages-\(isStatic).gz"
        let program = try Fixtures.path("ws_pages", static: isStatic)
        let native = try runCommand(program, [])
        let r = try runCommand(TestPaths.dunetrace, ["--pf=ws", "-o", log, "-w", trace, program])
        #expect(r.status == 0 && r.status == native.status)
        #expect(r.stdout.split(separator: "\n").last == native.stdout.split(separator: "\n").last)
        let base = try #require(UInt64(r.stdout.split(separator: "\n")[0].split(separator: " ")[1].dropFirst(2), radix: 16))
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let found = touches(in: text, base: base, pages: 16)
        let byPage = Dictionary(grouping: found, by: { $0.page }).mapValues { $0.map(\.access) }
        let expected: [UInt64: [String]] = [0: ["read", "write-after-read"], 1: ["read", "write-after-read"],
                                            2: ["read"], 3: ["read"], 4: ["write"], 5: ["write"], 6: ["write"],
                                            7: ["write"], 8: ["read"]]
        #expect(byPage == expected)
        // Pages 0-7 before the getppid line, the touches after it (0, 1, 8) after it.
        let lines = text.split(separator: "\n")
        let getppid = try #require(lines.firstIndex(where: { $0.hasPrefix("getppid()") }))
        for t in found {
            let late = t.page == 8 || t.access == "write-after-read"
            #expect(late ? t.line > getppid : t.line < getppid, "page \(t.page) \(t.access) at line \(t.line), getppid at \(getppid)")
        }
        // No exact fault lines at all in this mode.
        #expect(!text.contains("err=0x"))
        // The trace gives the same lines.
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0)
        let replayed = touches(in: replay.stdout + replay.stderr, base: base, pages: 16)
        #expect(replayed.map { "\($0.page) \($0.access)" } == found.map { "\($0.page) \($0.access)" })
    }

    @Test("--pf=none is --no-pf, --pf=exact the default, another mode a usage error")
    func modes() throws {
        let program = try Fixtures.path("pages")
        let none = try runCommand(TestPaths.dunetrace, ["--pf=none", "-w", "none", program])
        #expect(none.status == 0 && !none.stderr.contains("#PF"))
        let exact = try runCommand(TestPaths.dunetrace, ["--pf=exact", "-w", "none", program])
        #expect(exact.status == 0 && exact.stderr.contains("err=0x6 user|write|not-present"))
        let bad = try runCommand(TestPaths.dunetrace, ["--pf=lazy", "-w", "none", program])
        #expect(bad.status != 0 && bad.stderr.contains("invalid --pf mode 'lazy'"))
    }

    @Test("a forked child and an exec'd image report their own touches", arguments: [false, true])
    func forkAndExec(isStatic: Bool) throws {
        let program = try Fixtures.path("ws_pages", static: isStatic)
        let r = try runCommand(TestPaths.dunetrace, ["--pf=ws", "-f", "-w", "none", "/bin/sh", "-c", "\(program); \(program)"])
        #expect(r.status == 0)
        // Each run's lines from its 16-page mmap on (the two may get the same address).
        var runs: [String: (base: UInt64, lines: [String])] = [:]
        for line in r.stderr.split(separator: "\n").map(String.init) where line.hasPrefix("[pid ") {
            let pid = String(line[..<line.firstIndex(of: "]")!]), rest = String(line[line.index(line.firstIndex(of: "]")!, offsetBy: 2)...])
            if rest.hasPrefix("mmap(NULL, 65536, PROT_READ|PROT_WRITE"), let eq = rest.range(of: " = 0x"),
               let base = UInt64(rest[eq.upperBound...], radix: 16) {
                runs[pid] = (base, [])
            } else if runs[pid] != nil {
                runs[pid]!.lines.append(rest)
            }
        }
        #expect(runs.count == 2)
        for (pid, run) in runs {
            let pages = Set(touches(in: run.lines.joined(separator: "\n"), base: run.base, pages: 16).map(\.page))
            #expect(pages == Set(0...8), "\(pid) at \(String(run.base, radix: 16))")
        }
    }

    @Test("approximate page faults keep their kind and interval through the trace file")
    func traceRoundTrip() throws {
        let t0: UInt64 = 1_700_000_000_000_000_000
        let records = [PageFaultKind.touchedRead, .touchedWrite, .touchedWriteAfterRead, .firstRead].enumerated().map { i, k in
            TraceRecord(pid: 100, tid: 100, time: t0 + UInt64(i) * 1000, prefixed: false, body: .pageFault(
                PageFaultEvent(pid: 100, tid: 100, time: t0 + UInt64(i) * 1000, address: 0x7f00_0000_0000 + UInt64(i) * 4096,
                               ip: k.isApproximate ? 0 : 0x1000, errorCode: 6, kind: k, mapping: "[heap]",
                               since: k.isApproximate ? t0 + UInt64(i) * 1000 - 250 - UInt64(i) : 0)))
        }
        let path = Fixtures.directory + "/ws-roundtrip.gz"
        try TraceTestFiles.record(records, to: path).close()
        let (_, read, damage) = try TraceReader.readAll(path: path)
        #expect(damage == nil)
        let faults = read.compactMap { r -> PageFaultEvent? in if case .pageFault(let f) = r.body { f } else { nil } }
        #expect(faults == records.compactMap { r -> PageFaultEvent? in if case .pageFault(let f) = r.body { f } else { nil } })
        #expect(faults[1].line == "--- #PF {addr=0x7f0000001000, touched=write, within=0.000000s, map=\"[heap]\"} (approximate) ---")
    }
}
