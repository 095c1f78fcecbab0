// Guest-physical addresses are the allocator's, not the host's: with a 36-bit space forced
// (DUNETRACE_PHYS_BITS, for tests only) every memslot lies below 2^36 while the target's
// memory is at host addresses far above it, and programs still run as natively. On hosts
// with 39 or 40 physical-address bits this is what lets KVM take the memslots at all.
import Foundation
import Testing

@Suite("Guest-physical placement", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct GuestPhysicalTests {
    static let bits = 36

    /// The "guest-physical: M MiB in S memslots, up to 0xTOP (B-bit limit)" line of --stats.
    func placement(in stderr: String) -> (top: UInt64, bits: Int)? {
        guard let line = stderr.split(separator: "\n").first(where: { $0.contains("guest-physical: ") }),
              let up = line.range(of: "up to 0x"), let paren = line.range(of: " (", range: up.upperBound..<line.endIndex),
              let top = UInt64(line[up.upperBound..<paren.lowerBound], radix: 16),
              let dash = line.range(of: "-bit limit"),
              let bits = Int(line[paren.upperBound..<dash.lowerBound]) else { return nil }
        return (top, bits)
    }

    func expectNativeWithNarrowSpace(_ program: String, _ args: [String], options: [String] = [],
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let native = try runCommand(program, args)
        var env = ProcessInfo.processInfo.environment
        env["DUNETRACE_PHYS_BITS"] = String(GuestPhysicalTests.bits)
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "--stats"] + options + [program] + args, environment: env)
        #expect(!traced.timedOut, "timed out: \(program)", sourceLocation: sourceLocation)
        #expect(traced.stdout == native.stdout, "stdout differs for \(program) \(args) \(options)", sourceLocation: sourceLocation)
        #expect(traced.status == native.status, "\(traced.stderr.suffix(800))", sourceLocation: sourceLocation)
        guard let p = placement(in: traced.stderr) else {
            Issue.record("no guest-physical line in --stats: \(traced.stderr.suffix(800))", sourceLocation: sourceLocation)
            return
        }
        #expect(p.bits == GuestPhysicalTests.bits, sourceLocation: sourceLocation)
        #expect(p.top > 0 && p.top <= UInt64(1) << GuestPhysicalTests.bits, "top 0x\(String(p.top, radix: 16))", sourceLocation: sourceLocation)
    }

    @Test("fixtures in a 36-bit guest-physical space, page faults recorded", arguments: [
        ("physmem", [String]()), ("memory", []), ("protect", []), ("tlbshoot", []), ("exec_threads", []),
        ("thread_signals", []), ("signals", []), ("shm", []), ("stress", []),
    ], [false, true])
    func lazy(_ spec: (String, [String]), isStatic: Bool) throws {
        try expectNativeWithNarrowSpace(try Fixtures.path(spec.0, static: isStatic), spec.1)
    }

    @Test("fixtures in a 36-bit guest-physical space, --no-pf (2 MiB pages)", arguments: [
        "physmem", "memory", "largepages", "exec_threads", "shm",
    ], [false, true])
    func eager(_ name: String, isStatic: Bool) throws {
        try expectNativeWithNarrowSpace(try Fixtures.path(name, static: isStatic), [], options: ["--no-pf"])
    }

    @Test("a mapping larger than the guest-physical space, touched here and there")
    func largerThanTheSpace() throws {
        try expectNativeWithNarrowSpace(try Fixtures.path("physmem"), ["big"])
    }

    @Test("the host's own width: every memslot below it")
    func hostWidth() throws {
        let r = try runCommand(TestPaths.dunetrace, ["--silent", "--stats", try Fixtures.path("physmem")])
        #expect(r.status == 0, "\(r.stderr.suffix(500))")
        guard let p = placement(in: r.stderr) else { Issue.record("no guest-physical line: \(r.stderr.suffix(500))"); return }
        #expect(p.bits >= 36 && p.bits <= 52)
        #expect(p.top <= UInt64(1) << p.bits)
    }
}
