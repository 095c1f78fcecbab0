// Arrays of structures cut as strace 6.1 cuts them, and kexec's flags and command line
// (fixtures/src/array_limits.c): dunetrace's live text and a --silent recording's replay
// against host strace's.
import DunetraceCore
import Foundation
import Testing

@Suite("futex_waitv and kexec arrays, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct ArrayLimitDecodeTests {
    /// -s9 cuts kexec_load's segments where the 11th is unreadable; -s200 leaves futex_waitv's
    /// 129 waiters to FUTEX_WAITV_MAX.
    static let optionSets = [["-s9", "-e", "signal=none", "-e", "trace=kexec_load,kexec_file_load"],
                             ["-s200", "-e", "signal=none", "-e", "trace=futex_waitv"]]

    /// Addresses differ between runs; which error kexec gives depends on the kernel's sandbox
    /// (ENOSYS under one, EPERM under another), not on the decoding.
    static func mask(_ text: String) -> String {
        maskUserAddresses(text)
            .replacing(/\) += -1 E[A-Z]+ \([^)]*\)\n/, with: ") = -1 ERR\n")
    }

    @Test("live and replay print what strace prints", arguments: [false, true])
    func arrays(isStatic: Bool) throws {
        let program = try Fixtures.path("array_limits", static: isStatic)
        for options in Self.optionSets {
            let id = UUID().uuidString
            let theirs = Fixtures.directory + "/arrays-strace-\(id).log", trace = Fixtures.directory + "/arrays-\(id).trace.gz"
            defer { for f in [theirs, trace] { try? FileManager.default.removeItem(atPath: f) } }
            let s = try runCommand(HostStrace.path, ["-o", theirs] + options + [program])
            let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + options + [program])
            let recorded = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "--capture-size", "200", "-w", trace, program])
            #expect(s.status == 0 && live.status == 0 && recorded.status == 0, "\(live.stderr) \(recorded.stderr)")
            let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
            // What this checks was decoded by strace.
            if options[0] == "-s9" {
                #expect(expected.contains("memsz=28}, ... /* 0xADDR */], 0xda7a0000 /* KEXEC_ARCH_??? */|")
                        && expected.contains("KEXEC_ARCH_SH|KEXEC_ON_CRASH|KEXEC_PRESERVE_CONTEXT") && expected.contains("17, 0xADDR, KEXEC_ARCH_DEFAULT)")
                        && expected.contains("7, \"abcdef\\0\", 0xbadc0dedda7a1058 /* KEXEC_FILE_??? */)"))
            } else {
                #expect(expected.contains("flags=FUTEX_32|FUTEX_PRIVATE_FLAG}, ...], 129, 0, NULL, CLOCK_MONOTONIC)")
                        && expected.contains("__reserved=0xffffffff}]"))
            }
            #expect(Self.mask(live.stderr) == expected, "live:\n\(live.stderr)\nstrace:\n\(expected)")
            let replay = try runCommand(TestPaths.dunetrace, ["replay"] + options + [trace])
            #expect(Self.mask(replay.stdout) == expected, "replay:\n\(replay.stdout)\nstrace:\n\(expected)")
        }
    }
}
