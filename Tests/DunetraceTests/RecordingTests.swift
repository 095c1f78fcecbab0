// Recording a run: the trace replays to the live text, is valid gzip, survives being cut
// short, and diff/compare judge runs as equivalent or not.
import Foundation
import Testing

@Suite("Recording and replaying runs", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct RecordingTests {
    func tempPath(_ name: String) -> String { Fixtures.directory + "/" + name }

    /// Lines grouped by their `[pid N] ` prefix, in order.
    func byProcess(_ text: String) -> [String: [Substring]] {
        var out: [String: [Substring]] = [:]
        for line in text.split(separator: "\n") {
            let key = line.hasPrefix("[pid ") ? String(line.prefix { $0 != "]" }) : ""
            out[key, default: []].append(line)
        }
        return out
    }

    @Test("replay prints the live text of the same run", arguments: [
        ["passwd"], ["memory"], ["signals"], ["/bin/sh", "-c", "echo a | cat; ls /nonexistent-path"],
    ])
    func replayEqualsLive(_ command: [String]) throws {
        let program = command[0].hasPrefix("/") ? command[0] : try Fixtures.path(command[0])
        let name = command[0].split(separator: "/").last!
        let trace = tempPath("rt-\(name).gz"), live = tempPath("rt-\(name).txt")
        _ = try runCommand(TestPaths.dunetrace, ["-w", trace, "-o", live, program] + command.dropFirst())
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0, "\(replay.stderr)")
        let text = try String(contentsOfFile: live, encoding: .utf8)
        #expect(!text.isEmpty)
        if text.contains("[pid ") {
            // Processes running at once race to write their live lines; each one's own lines
            // keep their order, which is what the trace must reproduce.
            #expect(byProcess(replay.stdout) == byProcess(text))
        } else {
            #expect(replay.stdout == text)
        }
        #expect(try runCommand("/bin/gzip", ["-t", trace]).status == 0)
    }

    @Test("two runs of one program diff as equivalent; two programs do not")
    func diffRuns() throws {
        let a = tempPath("diff-a.gz"), b = tempPath("diff-b.gz"), c = tempPath("diff-c.gz")
        _ = try runCommand(TestPaths.dunetrace, ["-o", a + ".txt", "-w", a, try Fixtures.path("passwd")])
        _ = try runCommand(TestPaths.dunetrace, ["-o", b + ".txt", "-w", b, try Fixtures.path("passwd")])
        _ = try runCommand(TestPaths.dunetrace, ["-o", c + ".txt", "-w", c, "/bin/echo", "hi"])
        let same = try runCommand(TestPaths.dunetrace, ["diff", a, b])
        #expect(same.status == 0, "\(same.stdout.suffix(400))")
        let different = try runCommand(TestPaths.dunetrace, ["diff", a, c])
        #expect(different.status == 1)
        #expect(different.stdout.contains("similarity:"))
    }

    @Test("compare with host strace finds these programs equivalent", arguments: [
        ["/bin/ls", "/usr"], ["/bin/cat", "/etc/passwd"], ["/usr/bin/sort", "/etc/passwd"],
        ["/usr/bin/stat", "/etc/passwd"], ["/usr/bin/env"],
    ])
    func compareWithStrace(_ command: [String]) throws {
        let r = try runCommand(TestPaths.dunetrace, ["compare", "--"] + command, timeout: 120)
        #expect(r.status == 0, "\(r.stdout.suffix(1500))\(r.stderr)")
        #expect(r.stdout.contains("equivalent"))
    }

    @Test("a trace cut short by SIGKILL replays up to its last whole chunk and says where it stopped")
    func cutShort() throws {
        let trace = tempPath("killed.gz")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestPaths.dunetrace)
        p.arguments = ["-f", "-o", trace + ".txt", "-w", trace, "/bin/sh", "-c", "while :; do /bin/true; done"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        sleep(3)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        // The loop's children keep running briefly after their parent dies: stop them too.
        _ = try? runCommand("/usr/bin/pkill", ["-KILL", "-f", "while :; do /bin/true; done"])
        let replay = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(replay.status == 0)
        #expect(replay.stdout.contains("execve(\"/bin/true\""))
        #expect(replay.stderr.split(separator: "\n").count == 1, "\(replay.stderr)")
        #expect(replay.stderr.contains("cut short") || replay.stderr.contains("truncated") || replay.stderr.contains("stopped"))
    }
}
