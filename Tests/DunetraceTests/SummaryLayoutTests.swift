// -c's table with strace's -S, -U and -O (count.c): the names and aliases, the columns'
// headers and widths, the rows' order, the overhead; and live, that -c counts CPU time (a
// sleep costs next to none) while --summary-wall-clock counts the sleep.
@testable import DunetraceCore
import Foundation
import Testing

@Suite("-c's table: -S, -U, -O")
struct SummaryLayoutTests {
    /// read: 3 calls, 30 us, 1 error (5..15 us each); write: 1 call of 40 us; close: 2 of 1 us.
    static func sample(overhead: UInt64 = 0) -> TraceStatistics {
        var stats = TraceStatistics()
        stats.overhead = overhead
        func call(_ nr: Int, _ ns: UInt64, _ result: Int64) {
            let e = SyscallEvent(number: nr, args: SyscallArgs(), result: result, pid: 1, tid: 1,
                                 entryTime: 1_000, exitTime: 1_000 + ns, ip: 0)
            stats.add(TraceRecord(pid: 1, tid: 1, time: 1_000, prefixed: false, body: .syscall(e, captures: [])))
        }
        call(0, 5_000, 1); call(0, 10_000, -9); call(0, 15_000, 1)
        call(1, 40_000, 1)
        call(3, 1_000, 0); call(3, 1_000, 0)
        return stats
    }

    @Test("the default table is strace's, sorted by time")
    func defaultTable() {
        let lines = Self.sample().syscallTable().split(separator: "\n").map(String.init)
        #expect(lines == [
            "% time     seconds  usecs/call     calls    errors syscall",
            "------ ----------- ----------- --------- --------- ----------------",
            " 55.56    0.000040          40         1           write",
            " 41.67    0.000030          10         3         1 read",
            "  2.78    0.000002           1         2           close",
            "------ ----------- ----------- --------- --------- ----------------",
            "100.00    0.000072          12         6         1 total",
        ])
    }

    @Test("-U picks and orders the columns; the name column is padded when not last")
    func columns() throws {
        var layout = SummaryLayout()
        layout.columns = try SummaryLayout.columns("calls,name,max-time,shortest").get()
        layout.sortBy = SummaryLayout.sortKey("calls")!
        let lines = Self.sample().syscallTable(layout).split(separator: "\n").map(String.init)
        #expect(lines == [
            "    calls syscall           longest shortest",
            "--------- ---------------- -------- --------",
            "        3 read             0.000015 0.000005",
            "        2 close            0.000001 0.000001",
            "        1 write            0.000040 0.000040",
            "--------- ---------------- -------- --------",
            "        6 total            0.000040 0.000001",
        ])
        // Without the name column, it is added last.
        #expect(try SummaryLayout.columns("time,errors").get() == [.timePercent, .errors, .name])
        #expect(SummaryLayout.columns("calls,count") == .failure(.repeated("count")))
        #expect(SummaryLayout.columns("calls,bogus") == .failure(.unknown("bogus")))
    }

    @Test("-S: every order strace has, by its every name")
    func sortOrders() {
        let stats = Self.sample()
        func names(_ sortBy: String) -> [String] {
            var layout = SummaryLayout()
            layout.sortBy = SummaryLayout.sortKey(sortBy)!
            let lines = stats.syscallTable(layout).split(separator: "\n").map(String.init)
            return lines[2..<(lines.count - 2)].map { String($0.split(separator: " ").last!) }
        }
        for name in ["time", "time_total", "total_time", "time-percent"] { #expect(names(name) == ["write", "read", "close"], "\(name)") }
        for name in ["calls", "count"] { #expect(names(name) == ["read", "close", "write"]) }
        for name in ["errors", "error"] { #expect(names(name).first == "read") }
        for name in ["name", "syscall", "syscall_name", "syscall-name"] { #expect(names(name) == ["close", "read", "write"]) }
        for name in ["avg-time", "avg_time", "time_avg"] { #expect(names(name) == ["write", "read", "close"]) }
        for name in ["min-time", "shortest", "time_min"] { #expect(names(name) == ["write", "read", "close"]) }
        for name in ["max-time", "longest"] { #expect(names(name) == ["write", "read", "close"]) }
        // Nothing: by number (read 0, write 1, close 3).
        for name in ["nothing", "none"] { #expect(names(name) == ["read", "write", "close"]) }
        #expect(SummaryLayout.sortKey("bogus") == nil)
    }

    @Test("-O: strace's time syntax, taken off each call and never below zero")
    func overhead() {
        #expect(SummaryLayout.overhead("1") == 1_000_000_000)
        #expect(SummaryLayout.overhead("4.5e2ms") == 450_000_000)
        #expect(SummaryLayout.overhead("4.5e-1s") == 450_000_000)
        #expect(SummaryLayout.overhead("456789012ns") == 456_789_012)
        #expect(SummaryLayout.overhead("7us") == 7_000)
        for bad in ["", "1x", "-1", "ms", "1e400"] { #expect(SummaryLayout.overhead(bad) == nil, "\(bad)") }
        let lines = Self.sample(overhead: 6_000).syscallTable().split(separator: "\n").map(String.init)
        // read: 0 + 4 + 9 us; write 34 us; close 0.
        #expect(lines.contains(" 72.34    0.000034          34         1           write"))
        #expect(lines.contains(" 27.66    0.000013           4         3         1 read"))
        #expect(lines.contains("  0.00    0.000000           0         2           close"))
    }
}

@Suite("-c counts CPU time, --summary-wall-clock wall-clock time", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct SummaryClockTests {
    /// The seconds -c's table gives the sleep's call.
    static func sleepSeconds(_ extra: [String]) throws -> Double? {
        let r = try runCommand(TestPaths.dunetrace, ["-c", "-w", "none", "-e", "trace=nanosleep,clock_nanosleep"] + extra + ["/bin/sleep", "0.3"])
        #expect(r.status == 0, "\(r.stderr)")
        let row = r.stderr.split(separator: "\n").first { $0.hasSuffix("nanosleep") && !$0.hasPrefix("-") }
        return row.flatMap { Double($0.split(separator: " ")[1]) }
    }

    @Test("a 0.3 s sleep: well under 0.1 s of CPU, at least 0.3 s of wall-clock time")
    func clocks() throws {
        let cpu = try #require(try Self.sleepSeconds([]))
        #expect(cpu < 0.1)
        let wall = try #require(try Self.sleepSeconds(["--summary-wall-clock"]))
        #expect(wall >= 0.3)
        let lessOverhead = try #require(try Self.sleepSeconds(["--summary-wall-clock", "-O", "250ms"]))
        #expect(lessOverhead < wall - 0.2 && lessOverhead >= 0.05)
    }
}
