// clone, clone3 and execve/execveat semantics: each fixture prints what it observed (return
// values, errno names, signals, exit statuses) and must print the same under dunetrace.
import Foundation
import Testing

@Suite("clone and exec as natively", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct CloneExecTests {
    @Test("clone/clone3 flags, stacks, exit_signal and argument checks", arguments: [false, true])
    func cloneFlags(isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path("clone_flags", static: isStatic), [])
    }

    // A process sharing memory with its parent (CLONE_VM alone) is not emulated: the call must
    // fail cleanly, before any child exists, and the program go on.
    @Test("clone CLONE_VM without CLONE_THREAD fails cleanly", arguments: [false, true])
    func cloneVMProcess(isStatic: Bool) throws {
        let traced = try runCommand(TestPaths.dunetrace, ["--silent", try Fixtures.path("clone_flags", static: isStatic), "vm-process"])
        #expect(traced.stdout == "clone CLONE_VM: ENOSYS, the child's write seen: 0\n")
        #expect(traced.status == 0)
    }

    @Test("execve/execveat errors in the kernel's order, empty argv, descriptors, #! scripts", arguments: [false, true])
    func execErrors(isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path("exec_errors", static: isStatic), [])
    }
}
