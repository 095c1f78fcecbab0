// The kernel's behaviour that programs rely on and dunetrace emulates: waits with a temporary
// signal mask (pselect6, ppoll, epoll_pwait, epoll_pwait2, rt_sigsuspend) interrupted by the
// signals they unblock, and the real program that lives on them, make -j; signal frames that
// cannot be written; argument checks in the kernel's order.
import Foundation
import Testing

@Suite("Signals, waits and argument checks as natively", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct KernelBehaviourTests {
    @Test("fixtures, static and dynamic", arguments: ["sigframe", "argchecks", "personality", "growsdown", "recentcalls", "oldmemcalls", "vsyscall"], [false, true])
    func fixture(name: String, isStatic: Bool) throws {
        let program = try Fixtures.path(name, static: isStatic)
        if name == "oldmemcalls" && TestPaths.hostHasPKU {
            withKnownIssue("the guest has no protection keys: pkey_alloc is EINVAL, natively a key on this PKU host") {
                try expectNativeBehaviour(program, [])
            }
            return
        }
        try expectNativeBehaviour(program, [])
    }

    @Test("pkey_*, modify_ldt and remap_file_pages print as strace prints them",
          .enabled(if: HostStrace.available, "needs strace"))
    func oldMemoryCallsText() throws {
        let program = try Fixtures.path("oldmemcalls", static: true)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/omc-strace-\(id).log", ours = Fixtures.directory + "/omc-dt-\(id).log"
        let options = ["-e", "trace=pkey_alloc,pkey_mprotect,pkey_free,modify_ldt,remap_file_pages"]
        _ = try runCommand(HostStrace.path, ["-o", theirs] + options + [program])
        let d = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", ours] + options + [program])
        #expect(d.status == 0, "\(d.stderr)")
        let strace = StraceLineTests.maskAddresses(try String(contentsOfFile: theirs, encoding: .utf8))
        let dunetrace = StraceLineTests.maskAddresses(try String(contentsOfFile: ours, encoding: .utf8))
        #expect(strace.contains(try Regex(#"modify_ldt\(5, 0xADDR, 256\) += 4294967258 ENOSYS"#)))
        withKnownIssue("the guest has no protection keys: strace shows the keys this PKU host allocates") {
            #expect(dunetrace == strace)
        } when: { TestPaths.hostHasPKU }
    }

    @Test("a signal a temporary mask unblocks interrupts the wait, pending before or arriving during it",
          arguments: [false, true])
    func temporaryMask(isStatic: Bool) throws {
        let program = try Fixtures.path("tempmask", static: isStatic)
        let native = try runCommand(program, [])
        #expect(native.stdout.contains("pselect6 pending before: r=-1 EINTR handled=1"))
        try expectNativeBehaviour(program, [])
    }

    @Test("an executable whose p_memsz cannot be mapped dies of SIGSEGV, as past the kernel's point of no return")
    func hugeMemsz() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try Fixtures.path("exitcode", static: true))))
        func u64(_ o: Int) -> UInt64 { bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: o, as: UInt64.self) } }
        let phoff = Int(u64(0x20)), phnum = Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0x38, as: UInt16.self) })
        var last = -1
        for i in 0..<phnum where bytes.withUnsafeBytes({ $0.loadUnaligned(fromByteOffset: phoff + i * 56, as: UInt32.self) }) == 1 { last = phoff + i * 56 }
        withUnsafeBytes(of: UInt64(0x7f00_0000_0000).littleEndian) { for k in 0..<8 { bytes[last + 40 + k] = $0[k] } }
        let path = Fixtures.directory + "/hugememsz"
        FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o755])
        let native = try runCommand(path, [])
        #expect(native.status == 128 + SIGSEGV)
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none", path])
        #expect(traced.status == native.status, "\(traced.stderr)")
    }

    @Test("make -j2 builds a small C project (it waits for its children in pselect6)", arguments: ["-j1", "-j2"])
    func makeParallel(jobs: String) throws {
        let dir = NSTemporaryDirectory() + "dunetrace-make-\(getpid())-\(jobs)"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: TestPaths.root + "/fixtures/make-project", toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for round in 0..<3 {
            _ = try runCommand("/usr/bin/make", ["-s", "-C", dir, "clean"])
            let r = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none", "/usr/bin/make", "-s", jobs, "-C", dir],
                                   timeout: 120)
            #expect(!r.timedOut, "make \(jobs) hung under dunetrace (round \(round))")
            #expect(r.status == 0, "make \(jobs): \(r.stderr)")
            #expect(try runCommand(dir + "/prog", []).stdout == "made 42\n")
        }
    }
}
