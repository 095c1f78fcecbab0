// A trace recorded without live text (--silent, the cheapest way to record) replays what a live
// run prints: the bytes its lines show are captured by the syscall model, not by formatting.
import Foundation
import Testing

@Suite("Recording is complete", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct CompleteRecordingTests {
    @Test("replay of a --silent trace is equivalent to the live text of the same program", arguments: [
        ["/bin/cat", "/etc/passwd"], ["/bin/ls", "-la", "/usr"], ["/bin/sh", "-c", "echo hi; /bin/true"],
        ["/usr/bin/env", "-i", "A=1", "/bin/true"],
    ])
    func silentReplaysAsLive(command: [String]) throws {
        let dir = Fixtures.directory
        let tag = command.joined(separator: "_").replacingOccurrences(of: "/", with: "")
            .replacingOccurrences(of: " ", with: "").prefix(40)
        // The live run's trace holds what its lines read; its replay is its live text (see
        // RecordingTests). The two traces must replay alike.
        let silent = "\(dir)/silent-\(tag).gz", live = "\(dir)/live-\(tag).gz"
        #expect(try runCommand(TestPaths.dunetrace, ["-f", "--silent", "-w", silent] + command).status == 0)
        #expect(try runCommand(TestPaths.dunetrace, ["-f", "-o", "\(dir)/live-\(tag).txt", "-w", live] + command).status == 0)
        let replay = try runCommand(TestPaths.dunetrace, ["replay", silent])
        #expect(replay.status == 0)
        // The lines that show memory: strings and structures, not addresses.
        #expect(replay.stdout.contains("openat(AT_FDCWD, \"") || replay.stdout.contains("execve(\""), "\(replay.stdout.prefix(400))")
        let diff = try runCommand(TestPaths.dunetrace, ["diff", silent, live])
        #expect(diff.status == 0, "\(diff.stdout.suffix(3000))")
    }

    @Test("fixtures: a --silent trace replays as the live text, static and dynamic",
          arguments: ["passwd", "signals", "memory", "protect"], [false, true])
    func fixtures(name: String, isStatic: Bool) throws {
        let program = try Fixtures.path(name, static: isStatic)
        let silent = Fixtures.directory + "/silent-\(name)-\(isStatic).gz", live = Fixtures.directory + "/live-\(name)-\(isStatic).gz"
        _ = try runCommand(TestPaths.dunetrace, ["-f", "--silent", "-w", silent, program])
        _ = try runCommand(TestPaths.dunetrace, ["-f", "-o", Fixtures.directory + "/live-\(name)-\(isStatic).txt", "-w", live, program])
        let diff = try runCommand(TestPaths.dunetrace, ["diff", silent, live])
        #expect(diff.status == 0, "\(diff.stdout.suffix(3000))")
    }
}
