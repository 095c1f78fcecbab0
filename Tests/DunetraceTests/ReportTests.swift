// `dunetrace report` and `replay --format perfetto`: the grids that bound a report, the page a
// headless Chromium builds from a report (marks, slices, tables, read back from its DOM), and
// the Chrome trace-event JSON (parses, one slice per call, one instant per fault, in order).
import Foundation
import Testing
@testable import DunetraceCore

enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-headless-shell", "/usr/lib/chromium/chromium"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The DOM the page built once its scripts ran, serialized.
    static func dom(_ html: String) throws -> String {
        let r = try runCommand(path!, ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                                       "--dump-dom", "file://" + html], timeout: 90)
        #expect(r.status == 0, "\(r.stderr.suffix(500))")
        return r.stdout
    }

    /// The attributes of each start tag that begins with `prefix` (`<div class="mapping"`).
    static func elements(_ dom: String, _ prefix: String) -> [[String: String]] {
        var out: [[String: String]] = []
        var rest = dom[...]
        while let r = rest.range(of: prefix) {
            let tagEnd = rest[r.lowerBound...].firstIndex(of: ">") ?? rest.endIndex
            let tag = String(rest[r.lowerBound..<tagEnd])
            var attrs: [String: String] = [:]
            let re = try! NSRegularExpression(pattern: #"([\w-]+)="([^"]*)""#)
            for m in re.matches(in: tag, range: NSRange(tag.startIndex..., in: tag)) {
                attrs[String(tag[Range(m.range(at: 1), in: tag)!])] = String(tag[Range(m.range(at: 2), in: tag)!])
                    .replacingOccurrences(of: "&amp;", with: "&")
            }
            out.append(attrs)
            rest = rest[tagEnd...]
        }
        return out
    }
}

/// Counts of a trace's records, as the report and the export must show them.
struct TraceCounts {
    var calls = 0
    var faultsByMapping: [String: [Int]] = [:]
    var faults = 0
    var signals = 0
    init(_ records: [TraceRecord]) {
        for r in records {
            switch r.body {
            case .syscall: calls += 1
            case .pageFault(let f):
                faults += 1
                faultsByMapping[f.mapping.isEmpty ? "[anonymous]" : f.mapping, default: [0, 0, 0, 0, 0]][Int(f.kind.rawValue)] += 1
            case .signal: signals += 1
            default: break
            }
        }
    }
}

@Suite("Reports")
struct ReportTests {
    @Test("a million marks into a bounded grid: every mark counted once, by kind")
    func tileGrid() {
        var rng = SystemRandomNumberGenerator()
        let n = 1_000_000, span: UInt64 = 5_000_000_000, rows = 70_000
        let times = (0..<n).map { _ in UInt64.random(in: 0...span, using: &rng) }
        let markRows = (0..<n).map { _ in Int.random(in: 0..<rows, using: &rng) }
        let kinds = (0..<n).map { _ in Int.random(in: 0..<5, using: &rng) }
        for budget in [1, 700, 20_000] {
            var grid = TileGrid(budget: budget, rowCount: rows, kinds: 5)
            grid.add(times: times, rows: markRows, kinds: kinds, span: span, rowCount: rows)
            #expect(grid.columns * grid.rows * grid.kinds <= max(budget, 5))
            #expect(grid.cells.count <= max(budget, 5))
            #expect(grid.cells.reduce(0) { $0 + $1.count } == n)
            for k in 0..<5 {
                #expect(grid.cells.filter { $0.kind == k }.reduce(0) { $0 + $1.count } == kinds.filter { $0 == k }.count)
            }
            for c in grid.cells {
                #expect(times[c.sample] <= span && kinds[c.sample] == c.kind)
            }
        }
    }

    @Test("page rows: touched pages keep their order, wide holes are squeezed")
    func pageRows() {
        let pages: [UInt64] = [0x7f00_0000_0000, 0x10, 0x11, 0x14, 0x11, 0x5000, 0x5001]
        let rows = PageRows(pages: pages)
        #expect(rows.segments.map(\.page) == [0x10, 0x5000, 0x7f00_0000_0000])
        #expect(rows.row(of: 0x10) == 0 && rows.row(of: 0x11) == 1 && rows.row(of: 0x14) == 4)
        #expect(rows.row(of: 0x5000) == 4 + 1 + PageRows.squeezedHole)
        #expect(rows.row(of: 0x7f00_0000_0000) == rows.count - 1)
        #expect(rows.count < 20)
    }

    @Test("a report of 200000 faults and 150000 calls stays bounded and counts every one")
    func boundedReport() throws {
        var limits = ReportLimits()
        (limits.faultCells, limits.callCells) = (20_000, 10_000)
        let header = TraceHeader(host: "h", kernel: "k", cpu: "c", commandLine: ["prog"], startTime: 1_000)
        var data = ReportData(header: header, limits: limits)
        var rng = SystemRandomNumberGenerator()
        let maps = ["/lib/a.so", "[heap]", ""]
        for i in 0..<200_000 {
            let t = 1_000 + UInt64(i) * 1000
            let kind = PageFaultKind(rawValue: UInt8(i % 5))!
            let f = PageFaultEvent(pid: 7, tid: 7 + Int32(i % 3), time: t, address: UInt64.random(in: 0x1000...0x7fff_ffff_f000, using: &rng),
                                   ip: 0x401000, errorCode: 6, kind: kind, mapping: maps[i % 3])
            data.add(TraceRecord(pid: 7, tid: f.tid, time: t, prefixed: false, body: .pageFault(f)))
            if i < 150_000 {
                let e = SyscallEvent(number: [0, 1, 9, 41][i % 4], args: SyscallArgs(), result: 0, pid: 7, tid: f.tid, entryTime: t, exitTime: t + 400)
                data.add(TraceRecord(pid: 7, tid: f.tid, time: t, prefixed: false, body: .syscall(e, captures: [])))
            }
        }
        let json = data.json()
        #expect(json.utf8.count < 2_000_000, "\(json.utf8.count) bytes")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let mappings = try #require(o["mappings"] as? [[String: Any]])
        var total = 0, cells = 0
        for m in mappings {
            #expect(m["exact"] as? Bool == false)
            let c = try #require(m["cells"] as? [[Any]])
            cells += c.count
            total += c.reduce(0) { $0 + ($1[3] as! Int) }
        }
        #expect(total == 200_000)
        #expect(cells <= limits.faultCells + 3 * 5 * 32)
        let callCells = try #require(o["callCells"] as? [[Any]])
        #expect(callCells.count <= limits.callCells)
        #expect(callCells.reduce(0) { $0 + ($1[2] as! Int) } == 150_000)
    }

    @Test("the report of the sample trace, rendered by headless Chromium: map, timeline and tables populated",
          .enabled(if: Chromium.path != nil, "needs chromium"))
    func sampleInBrowser() throws {
        try checkInBrowser(trace: TraceCLI.sample, name: "sample")
    }

    @Test("the report of the pages fixture (32 first writes, 16 first reads, 8 writes after read) in headless Chromium",
          .enabled(if: Chromium.path != nil && TestPaths.hasKVM, "needs chromium and /dev/kvm"))
    func pagesInBrowser() throws {
        let trace = Fixtures.directory + "/report-pages.gz"
        try? FileManager.default.removeItem(atPath: trace)
        let r = try runCommand(TestPaths.dunetrace, ["-w", trace, "-o", "/dev/null", try Fixtures.path("pages")])
        #expect(r.status == 0, "\(r.stderr)")
        let counts = try checkInBrowser(trace: trace, name: "pages")
        let anonymous = try #require(counts["[anonymous]"])
        #expect(anonymous[Int(PageFaultKind.firstWrite.rawValue)] >= 32)
        #expect(anonymous[Int(PageFaultKind.firstRead.rawValue)] >= 16)
        #expect(anonymous[Int(PageFaultKind.writeAfterRead.rawValue)] >= 8)
    }

    /// Renders the report of `trace` and compares what the page drew with the trace's records;
    /// returns the marks per mapping and kind the page drew.
    @discardableResult
    func checkInBrowser(trace: String, name: String) throws -> [String: [Int]] {
        let html = Fixtures.directory + "/report-\(name).html"
        let r = try runCommand(TestPaths.dunetrace, ["report", trace, "-o", html])
        #expect(r.status == 0, "\(r.stderr)")
        let (_, records, _) = try TraceReader.readAll(path: trace)
        let want = TraceCounts(records)
        #expect(want.faults > 0 && want.calls > 0)
        let dom = try Chromium.dom(html)
        #expect(dom.contains("data-rendered=\"yes\""))
        var drawn: [String: [Int]] = [:]
        for m in Chromium.elements(dom, "<div class=\"mapping\"") {
            let name = try #require(m["data-name"])
            drawn[name] = (0..<5).map { Int(m["data-marks\($0)"] ?? "") ?? -1 }
        }
        #expect(drawn == want.faultsByMapping)
        let timeline = try #require(Chromium.elements(dom, "<div id=\"timeline\"").first)
        #expect(timeline["data-slices"] == String(want.calls))
        #expect(timeline["data-signals"] == String(want.signals))
        let tasks = Set(records.map(\.tid)).count
        #expect(timeline["data-tasks"] == String(tasks))
        #expect(Int(Chromium.elements(dom, "<canvas").first { $0["data-pages"] != nil }?["data-pages"] ?? "") ?? 0 > 0)
        // The tables of stat: a row per call name, a row per mapping, the totals.
        let names = Set(records.compactMap { r -> String? in
            if case .syscall(let e, _) = r.body, e.result != nil { return SyscallFormatter.displayName(e.number) }
            return nil
        })
        let syscallTable = try #require(dom.range(of: "<table id=\"syscalls\">")).upperBound
        let tableText = dom[syscallTable...]
        let body = String(tableText[tableText.range(of: "<tbody>")!.upperBound..<tableText.range(of: "</tbody>")!.lowerBound])
        #expect(body.components(separatedBy: "<tr>").count - 1 == names.count)
        let faultTable = try #require(dom.range(of: "<table id=\"faults\">")).upperBound
        let faultText = dom[faultTable...]
        let faultBody = String(faultText[faultText.range(of: "<tbody>")!.upperBound..<faultText.range(of: "</tbody>")!.lowerBound])
        #expect(faultBody.components(separatedBy: "<tr>").count - 1 == want.faultsByMapping.count)
        return drawn
    }

    @Test("replay --format perfetto: valid JSON, one slice per call and one instant per fault at their times, each track in order")
    func perfetto() throws {
        let r = try runCommand(TestPaths.dunetrace, ["replay", "--format", "perfetto", "-e", "trace=all", TraceCLI.sample])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let events = try #require(o["traceEvents"] as? [[String: Any]])
        let (header, records, _) = try TraceReader.readAll(path: TraceCLI.sample)
        let want = TraceCounts(records)
        func micros(_ t: UInt64) -> Double { Double(Int64(bitPattern: t &- header.startTime)) / 1000 }
        let slices = events.filter { $0["ph"] as? String == "X" }
        let faults = events.filter { $0["ph"] as? String == "i" && $0["cat"] as? String == "pagefault" }
        #expect(slices.count == want.calls)
        #expect(faults.count == want.faults)
        // Times: the calls' entry times and the faults' times, in microseconds.
        let callTimes = records.compactMap { r -> Double? in
            if case .syscall(let e, _) = r.body { return micros(e.entryTime) }
            return nil
        }.sorted()
        let sliceTimes = slices.map { ($0["ts"] as! NSNumber).doubleValue }.sorted()
        #expect(zip(callTimes, sliceTimes).allSatisfy { abs($0 - $1) < 0.002 })
        let faultTimes = records.compactMap { r -> Double? in
            if case .pageFault = r.body { return micros(r.time) }
            return nil
        }.sorted()
        #expect(zip(faultTimes, faults.map { ($0["ts"] as! NSNumber).doubleValue }.sorted()).allSatisfy { abs($0 - $1) < 0.002 })
        // Per track, slices follow one another.
        var end: [Int: Double] = [:]
        for s in slices {
            let tid = s["tid"] as! Int, ts = (s["ts"] as! NSNumber).doubleValue, dur = (s["dur"] as! NSNumber).doubleValue
            #expect(dur >= 0)
            #expect(ts >= (end[tid] ?? 0) - 0.0005, "tid \(tid) at \(ts)")
            end[tid] = ts + dur
            #expect(s["name"] as? String != nil && (s["args"] as? [String: Any])?["call"] as? String != nil)
        }
        let names = events.filter { $0["ph"] as? String == "M" }
        #expect(Set(names.filter { $0["name"] as? String == "thread_name" }.map { $0["tid"] as! Int }) == Set(records.map { Int($0.tid) }))
        #expect(names.contains { $0["name"] as? String == "process_name" })
    }

    @Test("a missing or corrupt trace: one line on stderr and a non-zero exit", arguments: ["report", "perfetto"])
    func badTrace(_ which: String) throws {
        let garbage = Fixtures.directory + "/report-garbage.gz"
        try Data("not a trace at all".utf8).write(to: URL(fileURLWithPath: garbage))
        for path in ["/nonexistent/t.gz", garbage] {
            let args = which == "report" ? ["report", path, "-o", Fixtures.directory + "/report-bad.html"]
                                         : ["replay", "--format", "perfetto", path]
            let r = try runCommand(TestPaths.dunetrace, args)
            #expect(r.status != 0)
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        let bad = try runCommand(TestPaths.dunetrace, ["replay", "--format", "svg", TraceCLI.sample])
        #expect(bad.status != 0)
    }
}
