// The page-fault recorder: every first touch of every page exits once and prints with its
// error code decoded bit by bit; real faults are recorded and delivered as natively.
import DunetraceCore
import Foundation
import Testing

@Suite("Page faults", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct PageFaultTests {
    /// Counts the #PF lines per decoded error code whose address lies in [base, base+len).
    func faults(in log: String, base: UInt64, length: UInt64) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in log.split(separator: "\n") where line.hasPrefix("--- #PF {addr=0x") {
            let rest = line.dropFirst("--- #PF {addr=0x".count)
            guard let comma = rest.firstIndex(of: ","), let addr = UInt64(rest[..<comma], radix: 16),
                  addr >= base, addr < base + length,
                  let errStart = line.range(of: "err=0x") else { continue }
            let decoded = line[errStart.upperBound...].split(separator: " ")[1].trimmingCharacters(in: CharacterSet(charactersIn: ","))
            counts[decoded, default: 0] += 1
        }
        return counts
    }

    @Test("64 fresh pages: 32 first writes, 16 first reads, 8 writes after read", arguments: [false, true])
    func sixtyFourPages(isStatic: Bool) throws {
        let log = Fixtures.directory + "/pages-\(isStatic).log"
        let r = try runCommand(TestPaths.dunetrace, ["-o", log, try Fixtures.path("pages", static: isStatic)])
        #expect(r.status == 0)
        let base = UInt64(r.stdout.split(separator: "\n")[0].split(separator: " ")[1].dropFirst(2), radix: 16)!
        let counts = faults(in: try String(contentsOfFile: log, encoding: .utf8), base: base, length: 64 * 4096)
        #expect(counts == ["user|write|not-present": 32, "user|read|not-present": 16, "user|write|present": 8])
    }

    @Test("real faults: NULL write, write to a read-only page, jump into data", arguments: [
        ("null-write", "err=0x6 user|write|not-present", "si_code=SEGV_MAPERR, si_addr=NULL"),
        ("readonly-write", "err=0x7 user|write|present", "si_code=SEGV_ACCERR"),
        ("exec-data", "ifetch", "si_code=SEGV_ACCERR"),
    ])
    func realFaults(_ spec: (String, String, String)) throws {
        let program = try Fixtures.path("pages")
        let native = try runCommand(program, [spec.0])
        let r = try runCommand(TestPaths.dunetrace, [program, spec.0])
        #expect(r.status == 128 + SIGSEGV)
        #expect(r.status == native.status)
        #expect(r.stdout == native.stdout.replacingOccurrences(of: native.stdout.split(separator: "\n")[0] + "\n", with: r.stdout.split(separator: "\n")[0] + "\n"))
        let lines = r.stderr.split(separator: "\n").map(String.init)
        guard let sigIndex = lines.firstIndex(where: { $0.hasPrefix("--- SIGSEGV") }) else {
            Issue.record("no SIGSEGV line in \(r.stderr.suffix(500))")
            return
        }
        #expect(lines[sigIndex - 1].hasPrefix("--- #PF {") && lines[sigIndex - 1].contains(spec.1), "\(lines[sigIndex - 1])")
        #expect(lines[sigIndex].contains(spec.2))
        #expect(lines.last == "+++ killed by SIGSEGV +++")
    }

    @Test("--no-pf maps eagerly: same output, no #PF lines")
    func noPageFaults() throws {
        let program = try Fixtures.path("pages")
        let r = try runCommand(TestPaths.dunetrace, ["--no-pf", program])
        #expect(r.status == 0)
        #expect(!r.stderr.contains("#PF"))
        #expect(r.stdout.hasSuffix("sum 0\n"))
    }

    @Test("--pf-rearm records the working set again in every interval, even without a syscall")
    func rearm() throws {
        let trace = Fixtures.directory + "/workingset.gz"
        let r = try runCommand(TestPaths.dunetrace, ["-w", trace, "--pf-rearm", "100", try Fixtures.path("workingset")])
        #expect(r.status == 0)
        // stat shows the working set of each interval: the 256 pages, again and again.
        let stat = try runCommand(TestPaths.dunetrace, ["stat", trace])
        let perInterval = stat.stdout.split(separator: "\n").first { $0.hasPrefix("working set per --pf-rearm interval") }
        // "...(pages touched): 1: 369, 2: 262, 3: 262": the count after each "N: ".
        let list = perInterval.map { String($0[$0.range(of: "): ")!.upperBound...]) } ?? ""
        let counts = list.components(separatedBy: ", ").compactMap { Int($0.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") }
        #expect(counts.count >= 3, "\(stat.stdout.suffix(300))")
        // The first interval also holds the start-up; later ones see the 256 pages again (how
        // many loops fit in an interval depends on the machine's load, so one such is enough).
        #expect(counts.dropFirst().contains { $0 >= 256 }, "\(counts)")
        let intervals = r.stderr.split(separator: "\n").filter { $0.hasPrefix("--- #PF rearm {interval=") }
        #expect(intervals.count >= 2)
        // After the first interval the 256 pages are touched again: each faults anew.
        let faults = intervals.dropFirst().map { Int($0.split(separator: "faults=")[1].prefix { $0.isNumber }) ?? 0 }
        #expect(faults.contains { $0 >= 256 }, "\(intervals)")
    }

    @Test("the stack grows below the stack pointer as natively", arguments: [false, true])
    func stackGrowth(isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path("stack", static: isStatic), [])
    }

    @Test("the error code is decoded bit by bit")
    func decoding() {
        #expect(PageFaultEvent.decodeErrorCode(0x6) == "user|write|not-present")
        #expect(PageFaultEvent.decodeErrorCode(0x4) == "user|read|not-present")
        #expect(PageFaultEvent.decodeErrorCode(0x7) == "user|write|present")
        #expect(PageFaultEvent.decodeErrorCode(0x15) == "user|read|present|ifetch")
        #expect(PageFaultEvent.decodeErrorCode(0x0) == "supervisor|read|not-present")
        #expect(PageFaultEvent.decodeErrorCode(0x8 | 0x20 | 0x8000 | 0x1) == "supervisor|read|present|rsvd|pk|sgx")
    }
}
