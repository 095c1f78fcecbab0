// modify_ldt's struct user_desc (fixtures/src/modify_ldt_desc.c) against host strace, and
// msgctl/shmctl/semctl with commands no kernel has (fixtures/src/ipc_unknown_cmd.c): the
// kernel's errno natively and under dunetrace, and no note of dunetrace's on stderr.
import DunetraceCore
import Foundation
import Testing

@Suite("modify_ldt's user_desc and unknown IPC commands",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct LdtIpcCommandTests {
    static func mask(_ text: String) -> String {
        maskUserAddresses(text).replacing(/\) +=/, with: ") =")
    }

    @Test("modify_ldt prints what strace prints", arguments: [false, true])
    func modifyLdt(isStatic: Bool) throws {
        let program = try Fixtures.path("modify_ldt_desc", static: isStatic)
        let theirs = Fixtures.directory + "/ldt-strace-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: theirs) }
        let trace = ["-e", "signal=none", "-e", "trace=modify_ldt"]
        let s = try runCommand(HostStrace.path, ["-o", theirs] + trace + [program])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + trace + [program])
        #expect(s.status == 0 && live.status == 0, "\(live.stderr)")
        let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
        // strace decoded the structure for a function without a variant, and not for 42 bytes.
        #expect(expected.contains("{entry_number=-1, base_addr=00000000, limit=00000000, seg_32bit=1, contents=2,")
            && expected.contains(", 0xADDR, 42) ="))
        #expect(Self.mask(live.stderr) == expected, "live:\n\(live.stderr)\nstrace:\n\(expected)")
    }

    @Test("an unknown msgctl/shmctl/semctl command: the kernel's errno, nothing on stderr", arguments: [false, true])
    func unknownIpcCommand(isStatic: Bool) throws {
        let program = try Fixtures.path("ipc_unknown_cmd", static: isStatic)
        let native = try runCommand(program, [])
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", program])
        #expect(native.status == 0 && traced.status == 0, "\(traced.stderr)")
        #expect(native.stdout.contains("msgctl 3e7 = -1 EINVAL"))
        #expect(traced.stdout == native.stdout)
        #expect(traced.stderr == native.stderr, "\(traced.stderr)")
    }
}
