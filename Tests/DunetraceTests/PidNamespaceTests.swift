// A target that makes a pid namespace: lines name tasks by their pids in dunetrace's namespace
// (as strace's do), and --pidns-translation follows a pid of the target's namespace with its
// pid in dunetrace's, as host strace prints the same program.
import Foundation
import Testing

@Suite(.enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct PidNamespaceTests {
    /// Pids (prefixes and translations) as P, so two runs compare.
    static func masked(_ text: String) -> [String] {
        text.split(separator: "\n").map {
            String($0).replacing(#/^\[pid +\d+\] /#, with: "[pid P] ").replacing(#/^\d+ +/#, with: "P ").replacing(#/\)\s+= /#, with: ") = ")
                .replacing(/\/\* \d+ in strace's PID NS \*\//, with: "/* P in strace's PID NS */")
                .replacing(/si_pid=\d+/, with: "si_pid=N").replacing(/si_utime=\d+( \/\* [0-9.]+ s \*\/)?, si_stime=\d+( \/\* [0-9.]+ s \*\/)?/, with: "T")
        }
    }

    @Test("-f --pidns-translation: getppid and its children's ends as host strace prints them", arguments: [false, true])
    func asStrace(isStatic: Bool) throws {
        let program = try Fixtures.path("pidns", static: isStatic)
        // One pair of files per case: the static and dynamic cases run at the same time.
        let base = Fixtures.directory + "/pidns-\(isStatic ? "static" : "dynamic")"
        let options = ["-f", "--pidns-translation", "-e", "trace=getppid,exit_group", "-e", "signal=none"]
        _ = try runCommand(HostStrace.path, options + ["-o", "\(base)-strace.txt", program], timeout: 60)
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "-o", "\(base)-live.txt"] + options + [program], timeout: 60)
        #expect(traced.status == 0, "\(traced.stderr)")
        let expected = Self.masked(try String(contentsOfFile: "\(base)-strace.txt", encoding: .utf8))
        let got = Self.masked(try String(contentsOfFile: "\(base)-live.txt", encoding: .utf8))
        #expect(expected.contains("P getppid() = 1 /* P in strace's PID NS */"))
        #expect(got.sorted() == expected.sorted(), "\(got) vs \(expected)")
    }

    @Test("the first child: prefix pid P, getpid() = 1 /* P */; its parent waits for P; no comments without the option")
    func translated() throws {
        let program = try Fixtures.path("pidns", static: false)
        let r = try runCommand(TestPaths.dunetrace, ["-w", "none", "-f", "--pidns-translation", "-e", "trace=getpid,wait4", program], timeout: 60)
        let first = try #require(r.stderr.firstMatch(of: /\[pid +(\d+)\] getpid\(\) += 1 \/\* (\d+) in strace's PID NS \*\//))
        #expect(first.output.1 == first.output.2)
        #expect(r.stderr.contains("wait4(\(first.output.1), "))
        // The grandchild, reaped before its parent's wait4 line is printed, is still translated.
        #expect(r.stderr.contains(/wait4\(\d \/\* \d+ in strace's PID NS \*\//))
        let plain = try runCommand(TestPaths.dunetrace, ["-w", "none", "-f", "-e", "trace=getpid,wait4", program], timeout: 60)
        #expect(!plain.stderr.contains("strace's PID NS"))
        #expect(plain.stderr.contains(/\[pid +\d{2,}\] getpid\(\) += 1\n/))
    }
}
