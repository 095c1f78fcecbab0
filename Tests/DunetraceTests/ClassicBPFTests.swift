// Classic BPF programs as strace 6.1 prints them with -v: a seccomp filter (fixtures/src/
// seccomp_filter_print.c, refused by the kernel so nothing is installed) against host strace,
// in each -X style; without -v, the program's address (masked: it moves between runs).
import Foundation
import Testing

@Suite("classic BPF programs, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct ClassicBPFTests {
    @Test("seccomp(SECCOMP_SET_MODE_FILTER)'s program", arguments: [["-v"], ["-v", "-Xraw"], ["-v", "-Xverbose"], []])
    func seccompFilter(options: [String]) throws {
        let program = try Fixtures.path("seccomp_filter_print", static: true)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/bpf-strace-\(id).log", ours = Fixtures.directory + "/bpf-dt-\(id).log"
        defer {
            try? FileManager.default.removeItem(atPath: theirs)
            try? FileManager.default.removeItem(atPath: ours)
        }
        let command = options + ["-e", "trace=seccomp", program]
        let s = try HostStrace.run(["-o", theirs] + command)
        let d = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", ours] + command)
        #expect(s.status == 0 && d.status == 0, "\(options): \(d.stderr)")
        let masked = { (path: String) in
            try String(contentsOfFile: path, encoding: .utf8).replacing(/filter=0x[0-9a-f]+/, with: "filter=ADDR")
        }
        let strace = try masked(theirs)
        if options.contains("-v") { #expect(strace.contains("BPF_JUMP(")) }
        #expect(try masked(ours) == strace)
    }
}
