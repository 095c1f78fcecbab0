// PERF_EVENT_IOC_QUERY_BPF after a success (fixtures/src/perf_query_bpf.c, -e inject=ioctl:retval=42):
// ids_len, prog_cnt and the ids cut where memory ends or at -s, as host strace 6.1 prints them.
import Foundation
import Testing

@Suite("PERF_EVENT_IOC_QUERY_BPF, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct IoctlQueryBpfTests {
    @Test("live prints what strace prints", arguments: [["-e", "inject=ioctl:retval=42"], ["-s4", "-e", "inject=ioctl:retval=42"], []])
    func queryBpf(options: [String]) throws {
        let program = try Fixtures.path("perf_query_bpf")
        let log = Fixtures.directory + "/query-bpf-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        _ = try runCommand(HostStrace.path, ["-e", "trace=ioctl"] + options + ["-o", log, program])
        let expected = IoctlFamilyTests.ioctlLines(try String(contentsOfFile: log, encoding: .utf8))
        #expect(expected.count == 6, "strace \(options): \(expected)")
        if !options.isEmpty {
            #expect(expected.contains { $0.contains("{ids_len=3405705229, ...}") }
                    && expected.contains { $0.contains("ids_len=5, prog_cnt=3, ids=[3735928559, 3405705229, ... /* ADDR */]}") })
        }
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf", "-e", "trace=ioctl"] + options + [program])
        #expect(traced.status == 0, "\(options): \(traced.stderr)")
        #expect(IoctlFamilyTests.ioctlLines(traced.stderr) == expected, "\(options)\n\(traced.stderr)")
    }
}
