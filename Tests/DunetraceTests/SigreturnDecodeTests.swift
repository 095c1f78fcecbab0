// rt_sigreturn's mask, read from the frame at the stack pointer (fixtures/src/sigreturn_mask.c):
// dunetrace's live text and a --silent recording's replay against host strace's.
import DunetraceCore
import Foundation
import Testing

@Suite("rt_sigreturn's mask, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct SigreturnDecodeTests {
    static let options = ["-e", "trace=rt_sigreturn", "-e", "signal=SIGUSR1"]

    @Test("live and replay print what strace prints", arguments: [false, true])
    func mask(isStatic: Bool) throws {
        let c = try StraceComparison(try Fixtures.path("sigreturn_mask", static: isStatic), Self.options,
                                     mask: { $0.replacing(/si_pid=\d+/, with: "si_pid=P") })
        #expect(c.strace.contains("rt_sigreturn({mask=[]})") && c.strace.contains("rt_sigreturn({mask=[USR2]})")
                && c.strace.contains("rt_sigreturn({mask=~[KILL USR1 STOP RTMIN RT_1 RT_5]})"), "\(c.strace)")
        #expect(c.live == c.strace, "live:\n\(c.live)\nstrace:\n\(c.strace)")
        #expect(c.replay == c.strace, "replay:\n\(c.replay)\nstrace:\n\(c.strace)")
    }
}
