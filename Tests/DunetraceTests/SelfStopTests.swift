// A process that stops itself with SIGSTOP (raise, kill): its trace shows the signal and
// `--- stopped by SIGSTOP ---` as host strace's does, and it runs on when continued.
import Foundation
import Testing

@Suite("SIGSTOP a process sends itself, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct SelfStopTests {
    /// The stopped child's own trace (-ff writes one file per process), pids masked.
    static func childTrace(_ base: String) throws -> String? {
        let dir = (base as NSString).deletingLastPathComponent, prefix = (base as NSString).lastPathComponent + "."
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasPrefix(prefix) {
            let text = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
            if text.contains("tgkill(") { return text.replacing(/\b\d{2,}\b/, with: "P").replacing(#/\)\s+= /#, with: ") = ") }
        }
        return nil
    }

    @Test("the child's trace shows the call, the signal and the stop, twice, as strace's", arguments: [false, true])
    func childStopsItself(isStatic: Bool) throws {
        let program = try Fixtures.path("self_stop", static: isStatic)
        let dir = NSTemporaryDirectory() + "self_stop-\(getpid())-\(isStatic)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let options = ["-ff", "-e", "trace=tgkill,kill"]
        let native = try runCommand(program, [])
        _ = try runCommand(HostStrace.path, options + ["-o", dir + "/strace", program])
        let traced = try runCommand(TestPaths.dunetrace, options + ["-w", "none", "-o", dir + "/dunetrace", program], timeout: 60)
        #expect(traced.stdout == native.stdout && traced.status == native.status, "\(traced.stdout) \(traced.stderr)")
        let expected = try #require(try Self.childTrace(dir + "/strace"))
        #expect(expected.contains("--- stopped by SIGSTOP ---"), "\(expected)")
        let child = try Self.childTrace(dir + "/dunetrace")
        #expect(child == expected, "strace:\n\(expected)\ndunetrace:\n\(child ?? "none")")
    }

    @Test("-e signal=none hides the stop line too, live and in replay, as strace's print_stopped", arguments: [false, true])
    func stopLineFollowsSignalFilter(isStatic: Bool) throws {
        let program = try Fixtures.path("self_stop", static: isStatic)
        let dir = NSTemporaryDirectory() + "self_stop-filter-\(getpid())-\(isStatic)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let options = ["-ff", "-e", "trace=tgkill,kill", "-e", "signal=none"]
        _ = try runCommand(HostStrace.path, options + ["-o", dir + "/strace", program])
        let trace = dir + "/t.gz"
        _ = try runCommand(TestPaths.dunetrace, options + ["-w", trace, "-o", dir + "/dunetrace", program], timeout: 60)
        let expected = try #require(try Self.childTrace(dir + "/strace"))
        #expect(!expected.contains("stopped by"), "\(expected)")
        #expect(try Self.childTrace(dir + "/dunetrace") == expected)
        // The trace keeps the line: replay shows it unless -e signal= leaves SIGSTOP out (a
        // replay without -e options takes the run's own).
        let all = try runCommand(TestPaths.dunetrace, ["replay", "-f", "-e", "trace=tgkill,kill", trace])
        let none = try runCommand(TestPaths.dunetrace, ["replay", "-f", "-e", "trace=tgkill,kill", "-e", "signal=none", trace])
        #expect(all.stdout.contains("--- stopped by SIGSTOP ---"), "\(all.stdout)")
        #expect(!none.stdout.contains("stopped by") && none.status == 0, "\(none.stdout)")
    }
}
