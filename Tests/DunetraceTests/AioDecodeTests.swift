// Linux AIO as strace 6.1 prints it (fixtures/src/aio_calls.c): io_submit's iocbs by opcode,
// io_getevents' events, io_cancel's iocb header, io_pgetevents' signal set pack; dunetrace's
// live text and a --silent recording's replay against host strace's.
import DunetraceCore
import Foundation
import Testing

@Suite("aio iocbs and events, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct AioDecodeTests {
    static let options = ["-e", "signal=none", "-e", "trace=io_setup,io_submit,io_getevents,io_pgetevents,io_cancel,io_destroy"]

    /// Addresses differ between runs. io_submit with an unreadable element of its array fails
    /// with the first iocb's error natively, EFAULT under dunetrace's guard (which checks the
    /// whole array first): the errors are masked, the decoding is what is compared. An event's
    /// obj is the program's own iocb (AioRequests.swift), as natively.
    static func mask(_ text: String) -> String {
        maskUserAddresses(text)
            .replacing(/\) += -1 E[A-Z]+ \([^)]*\)\n/, with: ") = -1 ERR\n")
    }

    @Test("live and replay print what strace prints", arguments: [false, true])
    func aio(isStatic: Bool) throws {
        let program = try Fixtures.path("aio_calls", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/aio-strace-\(id).log", trace = Fixtures.directory + "/aio-\(id).trace.gz"
        defer { for f in [theirs, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + Self.options + [program])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + Self.options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "--capture-size", "200", "-w", trace, program])
        #expect(s.status == 0 && live.status == 0 && recorded.status == 0, "\(live.stderr) \(recorded.stderr)")
        let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
        // What this checks was decoded by strace.
        #expect(expected.contains("aio_buf=[{iov_base=\"aio\", iov_len=3}, {iov_base=\"written\\n\", iov_len=8}], aio_offset=7}")
                && expected.contains("aio_reqprio=IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)")
                && expected.contains("NULL, 0xADDR, ... /* 0xADDR */]")
                && expected.contains("aio_lio_opcode=153 /* IOCB_CMD_??? */, aio_fildes=1}")
                && expected.contains("{sigmask=[USR1], sigsetsize=8}) = -1 ERR"))
        #expect(Self.mask(live.stderr) == expected, "live:\n\(live.stderr)\nstrace:\n\(expected)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay"] + Self.options + [trace])
        #expect(Self.mask(replay.stdout) == expected, "replay:\n\(replay.stdout)\nstrace:\n\(expected)")
    }
}
