// strace's -c (summary table), -y (paths of descriptors) and -k (stack per event) on real
// runs: what they print, checked against what the run did (its recorded trace, known fixtures).
import Foundation
import Testing

@Suite("strace's -c, -y and -k", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct StraceOptionTests {
    /// The rows of strace -c's table in `text`: syscall name -> (calls, errors), and the total.
    static func summaryRows(_ text: String) -> [String: (calls: Int, errors: Int)] {
        var rows: [String: (calls: Int, errors: Int)] = [:]
        let lines = text.split(separator: "\n").map(String.init)
        guard let header = lines.firstIndex(of: "% time     seconds  usecs/call     calls    errors syscall") else { return [:] }
        for line in lines[(header + 1)...] {
            if line.isEmpty { break }
            if line.hasPrefix("---") { continue }
            // % time, seconds, usecs/call, calls, errors (blank when none), name.
            let f = line.split(separator: " ")
            guard f.count == 5 || f.count == 6, let calls = Int(f[3]) else { continue }
            rows[String(f.last!)] = (calls, f.count == 6 ? Int(f[4]) ?? -1 : 0)
        }
        return rows
    }

    @Test("-c: the table instead of the lines, counts as the run's recorded trace and the fixture's")
    func summary() throws {
        let program = try Fixtures.path("passwd", static: true)
        let log = Fixtures.directory + "/summary.log", trace = Fixtures.directory + "/summary.gz"
        let native = try runCommand(program, [])
        let r = try runCommand(TestPaths.dunetrace, ["-c", "-o", log, "-w", trace, program])
        #expect(r.status == 0)
        #expect(r.stdout == native.stdout)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(!text.contains("openat(") && !text.contains("+++ exited"), "no line per event: \(text)")
        let rows = Self.summaryRows(text)
        // passwd opens, reads and closes /etc/passwd once, and writes what it read once.
        for name in ["openat", "read", "close", "write"] { #expect(rows[name].map { $0 == (1, 0) } == true, "\(name): \(text)") }
        #expect(rows["exit_group"] == nil, "a call that never returns is not counted, as strace -c")
        let total = rows["total"]
        #expect(total?.calls == rows.filter { $0.key != "total" }.values.reduce(0) { $0 + $1.calls })
        let stat = try runCommand(TestPaths.dunetrace, ["stat", trace])
        let recorded = Self.summaryRows(stat.stdout)
        #expect(recorded.mapValues { "\($0.calls)/\($0.errors)" } == rows.mapValues { "\($0.calls)/\($0.errors)" })
    }

    @Test("-c follows children, counts errors, and keeps to -e trace=")
    func summaryErrorsAndFilter() throws {
        let trace = Fixtures.directory + "/summary-ls.gz"
        let r = try runCommand(TestPaths.dunetrace, ["-c", "-w", trace, "/bin/sh", "-c", "/bin/ls /nonexistent-path; exit 0"])
        #expect(r.status == 0)
        let rows = Self.summaryRows(r.stderr)
        #expect(rows["execve"]?.calls == 1, "the child's execve: \(r.stderr)")
        #expect((rows["total"]?.errors ?? 0) > 0, "\(r.stderr)")
        let recorded = Self.summaryRows(try runCommand(TestPaths.dunetrace, ["stat", trace]).stdout)
        #expect(recorded.mapValues { "\($0.calls)/\($0.errors)" } == rows.mapValues { "\($0.calls)/\($0.errors)" })
        let only = try runCommand(TestPaths.dunetrace, ["-c", "-e", "trace=openat,close", "-w", "none", try Fixtures.path("passwd")])
        #expect(Set(Self.summaryRows(only.stderr).keys) == ["openat", "close", "total"], "\(only.stderr)")
    }

    @Test("-y: descriptors show their paths, in arguments and results", arguments: [false, true])
    func descriptorPaths(isStatic: Bool) throws {
        let log = Fixtures.directory + "/paths-\(isStatic).log"
        let r = try runCommand(TestPaths.dunetrace, ["-y", "-o", log, "-w", "none", try Fixtures.path("passwd", static: isStatic)])
        #expect(r.status == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().path
        #expect(text.contains("openat(AT_FDCWD<\(cwd)>, \"/etc/passwd\", O_RDONLY) = 3</etc/passwd>\n"), "\(text)")
        #expect(text.contains("read(3</etc/passwd>, \"root:x:0:0:"))
        #expect(text.contains("close(3</etc/passwd>) = 0\n"), "the path of what close closed")
        // stdout is the pipe runCommand reads.
        #expect(text.contains("write(1<pipe:["), "\(text)")
        let plain = try runCommand(TestPaths.dunetrace, ["-w", "none", try Fixtures.path("passwd", static: isStatic)])
        #expect(plain.stderr.contains("read(3, \"root:x:0:0:"), "no paths without -y")
    }
}
