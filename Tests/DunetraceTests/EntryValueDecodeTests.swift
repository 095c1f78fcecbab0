// Arguments strace prints as the call was given them though the kernel writes over them
// (fixtures/src/entry_values.c), and -P matching the descriptors in select's sets and poll's
// array: dunetrace's live text and a --silent recording's replay against host strace's. Only
// addresses and the times that differ from run to run are masked.
import DunetraceCore
import Foundation
import Testing

@Suite("values at entry and -P on descriptor sets, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct EntryValueDecodeTests {
    static let trace = ["-e", "signal=none", "-e", "trace=select,pselect6,poll,ppoll,clock_nanosleep,gettimeofday,recvmmsg"]

    /// Addresses, the times left and the absolute wake-up time masked.
    static func mask(_ text: String) -> String {
        text.replacing(/0x[0-9a-f]{5,}/, with: "0xADDR").replacing(/\) +=/, with: ") =")
            .replacing(/left \{[^}]*\}/, with: "left {...}")
            .replacing(/TIMER_ABSTIME, \{[^}]*\}/, with: "TIMER_ABSTIME, {...}")
            .replacing(/CLOCK_MONOTONIC, 0, \{tv_sec=5, tv_nsec=0\}, \{[^}]*\}/, with: "CLOCK_MONOTONIC, 0, {tv_sec=5, tv_nsec=0}, {...}")
            .replacing(/gettimeofday\(\{[^}]*\}/, with: "gettimeofday({...}")
    }

    func compare(_ options: [String], isStatic: Bool, expecting marker: String) throws {
        let program = try Fixtures.path("entry_values", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/entry-strace-\(id).log", ours = Fixtures.directory + "/entry-dt-\(id).log"
        let replayed = Fixtures.directory + "/entry-replay-\(id).log", trace = Fixtures.directory + "/entry-\(id).trace.gz"
        defer { for f in [theirs, ours, replayed, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + options + [program])
        let d = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", ours] + options + [program])
        #expect(s.status == 0 && d.status == 0, "\(d.stderr)")
        let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
        #expect(expected.contains(marker), "\(expected)")
        let live = Self.mask(try String(contentsOfFile: ours, encoding: .utf8))
        #expect(live == expected, "live:\n\(live)\nstrace:\n\(expected)")

        let r = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(r.status == 0, "\(r.stderr)")
        let p = try runCommand(TestPaths.dunetrace, ["replay", "-o", replayed] + options + [trace])
        #expect(p.status == 0, "\(p.stderr)")
        let replay = Self.mask(try String(contentsOfFile: replayed, encoding: .utf8))
        #expect(replay == expected, "replay:\n\(replay)\nstrace:\n\(expected)")
    }

    @Test("overwritten arguments print as given; poll, pselect6, clock_nanosleep, gettimeofday as strace", arguments: [true, false])
    func entryValues(isStatic: Bool) throws {
        try compare(Self.trace, isStatic: isStatic, expecting: "select(6, [4], [3 5], NULL, {tv_sec=1, tv_usec=500}) = 2 (out [3 5], left {...})\n")
        try compare(Self.trace, isStatic: isStatic, expecting: "clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=5, tv_nsec=0}, {...}) = ? ERESTART_RESTARTBLOCK")
    }

    @Test("-P PATH matches select's sets and poll's array by the descriptors in them", arguments: [true, false])
    func pathInDescriptorSets(isStatic: Bool) throws {
        try compare(["-P", "/dev/full"] + Self.trace, isStatic: isStatic, expecting: "poll([{fd=-1}, {fd=3, events=POLLOUT}")
    }
}
