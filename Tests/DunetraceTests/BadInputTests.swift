// Bad input gets one clear line on stderr and the exit status a shell would give, never a
// crash, a hang or a core dump.
import Foundation
import Testing

@Suite("Bad input: one line, the right status")
struct BadInputTests {
    static let dir: String = {
        let d = NSTemporaryDirectory() + "dunetrace-bad-\(getpid())"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    /// Writes `bytes` to a file with the execute bit set.
    func executable(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = BadInputTests.dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o755)
        return path
    }

    func expectOneLineError(_ args: [String], status: Int32, mentions: [String],
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try runCommand(TestPaths.dunetrace, args, timeout: 30)
        #expect(!r.timedOut, sourceLocation: sourceLocation)
        #expect(r.status == status, "status \(r.status), stderr: \(r.stderr)", sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got: \(r.stderr)", sourceLocation: sourceLocation)
        for m in mentions { #expect(r.stderr.contains(m), "\(r.stderr) lacks \(m)", sourceLocation: sourceLocation) }
        #expect(r.stderr.hasPrefix("dunetrace: "), sourceLocation: sourceLocation)
    }

    /// strace's fflush test: the live text cannot be written (-o /dev/full), and says so once;
    /// the program's own run is not changed.
    @Test("-o to a full device: one line naming it, the program's status", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
    func fullOutput() throws {
        for extra in [["-e", "trace=none"], []] {
            let r = try runCommand(TestPaths.dunetrace, ["-o", "/dev/full", "-w", "none"] + extra + ["/bin/sh", "-c", "exit 3"])
            #expect(r.status == 3)
            #expect(r.stderr == "dunetrace: /dev/full: No space left on device\n", "\(extra): \(r.stderr)")
        }
    }

    @Test("missing program: 127")
    func missing() throws {
        try expectOneLineError(["/nonexistent/prog"], status: 127, mentions: ["/nonexistent/prog", "No such file"])
        try expectOneLineError(["no-such-program-anywhere"], status: 127, mentions: ["no-such-program-anywhere"])
    }

    @Test("not an ELF: 126")
    func notElf() throws {
        let p = try executable("text", Array("just some text\n".utf8))
        try expectOneLineError([p], status: 126, mentions: [p, "not an ELF"])
    }

    @Test("32-bit ELF: 126")
    func elf32() throws {
        var b = [UInt8](repeating: 0, count: 64)
        b[0...6] = [0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]
        let p = try executable("elf32", b)
        try expectOneLineError([p], status: 126, mentions: [p, "32-bit"])
    }

    @Test("other architecture: 126")
    func aarch64() throws {
        var b = Array(try Data(contentsOf: URL(fileURLWithPath: "/bin/true")))
        b[18] = 183  // EM_AARCH64
        b[19] = 0
        let p = try executable("arm64", b)
        try expectOneLineError([p], status: 126, mentions: [p, "AArch64"])
    }

    @Test("truncated ELF: 126", arguments: [20, 64, 300, 4096])
    func truncated(length: Int) throws {
        let b = Array(try Data(contentsOf: URL(fileURLWithPath: "/bin/true")).prefix(length))
        let p = try executable("truncated-\(length)", b)
        try expectOneLineError([p], status: 126, mentions: [p, "truncated"])
    }

    @Test("a directory, or a file without execute permission: 126")
    func notRunnable() throws {
        try expectOneLineError([BadInputTests.dir], status: 126, mentions: [BadInputTests.dir])
        let p = BadInputTests.dir + "/noexec"
        try Data(try Data(contentsOf: URL(fileURLWithPath: "/bin/true"))).write(to: URL(fileURLWithPath: p))
        chmod(p, 0o644)
        try expectOneLineError([p], status: 126, mentions: [p, "Permission denied"])
    }

    @Test("no program at all is a usage error")
    func noProgram() throws {
        let r = try runCommand(TestPaths.dunetrace, [], timeout: 30)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("dunetrace: must have PROG [ARGS]\n"))
    }

    @Test("no /dev/kvm: one line naming it", .enabled(if: getuid() == 0 && FileManager.default.fileExists(atPath: "/usr/bin/unshare"), "needs root and unshare"))
    func noKVM() throws {
        // A private mount namespace where /dev is an empty tmpfs: /dev/kvm does not exist there.
        let r = try runCommand("/usr/bin/unshare", ["-m", "sh", "-c", "mount -t tmpfs none /dev && exec \"$0\" /bin/true", TestPaths.dunetrace], timeout: 30)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("/dev/kvm"))
        #expect(r.stderr.contains("not found"))
    }

    @Test("/dev/kvm without permission: one line naming it", .enabled(if: getuid() == 0 && FileManager.default.fileExists(atPath: "/usr/bin/setpriv"), "needs root and setpriv"))
    func kvmPermission() throws {
        let r = try runCommand("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", TestPaths.dunetrace, "/bin/true"], timeout: 30)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("/dev/kvm: permission denied"))
    }
}
