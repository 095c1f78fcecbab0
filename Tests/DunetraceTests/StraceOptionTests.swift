// strace's -c (summary table), -y (paths of descriptors) and -k (stack per event) on real
// runs: what they print, checked against what the run did (its recorded trace, known fixtures).
import Foundation
import Testing
@testable import DunetraceCore

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

    @Test("-c -f follows children, counts errors, and keeps to -e trace=")
    func summaryErrorsAndFilter() throws {
        let trace = Fixtures.directory + "/summary-ls.gz"
        let r = try runCommand(TestPaths.dunetrace, ["-c", "-f", "-w", trace, "/bin/sh", "-c", "/bin/ls /nonexistent-path; exit 0"])
        #expect(r.status == 0)
        let rows = Self.summaryRows(r.stderr)
        #expect(rows["execve"]?.calls == 2, "the one that started sh, and the child's: \(r.stderr)")
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
        #expect(text.contains(LineLayout().aligned("close(3</etc/passwd>)", result: "0") + "\n"), "the path of what close closed")
        // stdout is the pipe runCommand reads.
        #expect(text.contains("write(1<pipe:["), "\(text)")
        let plain = try runCommand(TestPaths.dunetrace, ["-w", "none", try Fixtures.path("passwd", static: isStatic)])
        #expect(plain.stderr.contains("read(3, \"root:x:0:0:"), "no paths without -y")
    }

    /// The ` > ` lines after the first line of `text` that starts with `prefix`.
    static func frames(after prefix: String, in text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let i = lines.firstIndex(where: { $0.hasPrefix(prefix) }) else { return [] }
        return Array(lines[(i + 1)...].prefix { $0.hasPrefix(" > ") })
    }

    /// strace -k's frame: ` > /path/to/obj(symbol+0xoff) [0xfileoffset]`.
    static let framePattern = #"^ > (/\S+\(([^()+]+\+0x[0-9a-f]+)?\)|unexpected_backtracing_error) \[0x[0-9a-f]+\]$"#

    @Test("-k: the stack of openat and read names main and libc, static and dynamic", arguments: [false, true])
    func stacks(isStatic: Bool) throws {
        let program = try Fixtures.path("passwd", static: isStatic)
        let log = Fixtures.directory + "/stacks-\(isStatic).log"
        let r = try runCommand(TestPaths.dunetrace, ["-k", "-o", log, "-w", "none", program])
        #expect(r.status == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        // The unwinder takes no descriptor of the target's: its first open is still 3.
        let open = Self.frames(after: "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3", in: text)
        let read = Self.frames(after: "read(3, \"root:x:0:0:", in: text)
        for stack in [open, read] {
            #expect(stack.count >= 3, "\(text)")
            #expect(stack.allSatisfy { $0.range(of: Self.framePattern, options: .regularExpression) != nil }, "\(stack)")
            #expect(stack.contains { $0.hasPrefix(" > \(program)(main+0x") }, "\(stack)")
            if isStatic {
                #expect(stack.contains { $0.hasPrefix(" > \(program)(__libc_start") }, "\(stack)")
            } else {
                #expect(stack.first?.contains("libc.so.6(") == true, "the call is made in libc: \(stack)")
                #expect(stack.contains { $0.contains("libc.so.6(__libc_start_main+0x") }, "\(stack)")
            }
        }
        // Page faults carry their stacks too.
        let fault = Self.frames(after: "--- #PF {", in: text)
        #expect(!fault.isEmpty && fault.allSatisfy { $0.range(of: Self.framePattern, options: .regularExpression) != nil }, "\(fault)")
        let withoutK = try runCommand(TestPaths.dunetrace, ["-w", "none", program])
        #expect(!withoutK.stderr.contains("\n > "), "no stacks without -k")
    }

    @Test("-k names the same frames as host strace -k", .enabled(if: TraceCLI.hasStrace, "needs strace"))
    func stacksAsStrace() throws {
        let program = try Fixtures.path("passwd")
        let log = Fixtures.directory + "/stacks-strace.log"
        _ = try runCommand("/usr/bin/strace", ["-k", "-o", log, "-e", "trace=openat,read", program])
        let strace = try String(contentsOfFile: log, encoding: .utf8)
        let expected = Self.frames(after: "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3", in: strace)
        // An strace built without stack support prints none: then there is nothing to compare.
        try #require(!expected.isEmpty || !strace.contains(" > "))
        guard !expected.isEmpty else { return }
        let r = try runCommand(TestPaths.dunetrace, ["-k", "--no-pf", "-w", "none", "-e", "trace=openat,read", program])
        #expect(Self.frames(after: "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3", in: r.stderr) == expected)
    }

    @Test("-k on stacks of garbage (rsp and rbp at junk, at themselves, at nothing): frames end, nothing crashes", arguments: [false, true])
    func garbageStacks(isStatic: Bool) throws {
        let program = try Fixtures.path("badstack", static: isStatic)
        let r = try runCommand(TestPaths.dunetrace, ["-k", "-w", "none", "-e", "trace=getpid", program], timeout: 60)
        #expect(!r.timedOut)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "ok\n")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("getpid()  ") && $0.contains(" = ") }.count == 6, "\(r.stderr)")
        #expect(lines.filter { $0.hasPrefix(" > ") }.allSatisfy { $0.range(of: Self.framePattern, options: .regularExpression) != nil })
        // Each garbage call still shows where it was made.
        #expect(lines.filter { $0.hasPrefix(" > \(program)(getpid_with+0x") }.count >= 5, "\(r.stderr)")
    }

    @Test("-k: a fault signal shows the stack of the faulting code")
    func faultStack() throws {
        let program = try Fixtures.path("signals")
        let r = try runCommand(TestPaths.dunetrace, ["-k", "--no-pf", "-w", "none", program])
        let stack = Self.frames(after: "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10} ---", in: r.stderr)
        #expect(stack.first?.hasPrefix(" > \(program)(main+0x") == true, "\(r.stderr)")
    }
}
