// System V IPC, personality, bad sigsetsizes and clone3's refusals: the live text of the
// ipc_calls fixture is what host strace 6.1 prints for the same program, ids, pids, times and
// addresses masked (each run gets new ones).
import Foundation
import Testing
@testable import DunetraceCore

@Suite("SysV IPC and signal-set calls printed as host strace prints them",
       .enabled(if: TestPaths.hasKVM && FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs /dev/kvm and strace"))
struct IpcDecodeTests {
    /// The fixture's lines; the queue/set/segment ids (the results of the IPC_PRIVATE *get
    /// calls, then the first argument of the calls on them), pids, times and addresses masked.
    static func lines(_ text: String) -> [String] {
        var ids: [String] = []
        return PrintOptionTests.fixtureLines(text).map { line in
            var masked = line
            if line.range(of: #"^(msg|sem|shm)get\((IPC_PRIVATE|0)[ ,]"#, options: .regularExpression) != nil,
               let id = line.split(separator: " ").last {
                ids.append(String(id))
                masked = masked.replacingOccurrences(of: #"= [0-9]+$"#, with: "= ID", options: .regularExpression)
            }
            if let open = masked.firstIndex(of: "("), let comma = masked[open...].firstIndex(of: ","),
               ids.contains(String(masked[masked.index(after: open)..<comma])) {
                masked.replaceSubrange(masked.index(after: open)..<comma, with: "ID")
            }
            // IPC_INFO returns the highest index in use, which other programs change.
            if masked.range(of: #"^(msg|sem|shm)ctl\(0, (0, )?(IPC_INFO|0x3)"#, options: .regularExpression) != nil {
                masked = masked.replacingOccurrences(of: #"= [0-9]+$"#, with: "= INDEX", options: .regularExpression)
            }
            return masked
                .replacingOccurrences(of: #"(_pid|_lspid|_lrpid|_cpid|_lpid)=[0-9]+"#, with: "$1=PID", options: .regularExpression)
                .replacingOccurrences(of: #"(time)=[0-9]+"#, with: "$1=T", options: .regularExpression)
                .replacingOccurrences(of: #"0x[0-9a-f]{9,}"#, with: "ADDR", options: .regularExpression)
        }
    }

    @Test("each call as host strace prints it", arguments: [[], ["-X", "raw"], ["-X", "verbose"], ["-v"]])
    func likeStrace(options: [String]) throws {
        let program = try Fixtures.path("ipc_calls")
        let log = Fixtures.directory + "/ipc-\(getpid())-\(options.joined()).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        _ = try runCommand("/usr/bin/strace", options + ["-o", log, program])
        let expected = Self.lines(try String(contentsOfFile: log, encoding: .utf8))
        #expect(expected.count > 30, "strace \(options): \(expected)")
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf"] + options + [program])
        #expect(traced.status == 0, "\(options): \(traced.stderr)")
        let got = Self.lines(traced.stderr)
        #expect(got.count == expected.count, "\(options): \(got.count) lines, strace \(expected.count)")
        for (line, want) in zip(got, expected) where line != want { #expect(line == want, "\(options)") }
    }

    @Test("results as native", arguments: [false, true])
    func nativeResults(isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path("ipc_calls", static: isStatic), [])
    }
}
