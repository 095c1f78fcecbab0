// -e inject= and -e fault=: parsing strace's syntax, and the injected line as host strace prints it.
import Foundation
import Testing
@testable import DunetraceCore

struct InjectionTests {
    func injection(_ e: String) throws -> SyscallInjection {
        var f = TraceFilter()
        try f.apply(e)
        return f.injections[0]
    }

    @Test("when=: the third only; the second and later; every other one; a range")
    func when() throws {
        let nr = SyscallTable.number("openat")!
        let hits = { (e: String) throws -> [Int] in let i = try self.injection(e); return (1...8).filter { i.applies(nr, invocation: $0) } }
        #expect(try hits("inject=openat:error=ENOENT") == Array(1...8))
        #expect(try hits("inject=openat:error=ENOENT:when=3") == [3])
        #expect(try hits("inject=openat:error=ENOENT:when=2+") == Array(2...8))
        #expect(try hits("inject=openat:error=ENOENT:when=1+2") == [1, 3, 5, 7])
        #expect(try hits("inject=openat:error=ENOENT:when=2..4") == [2, 3, 4])
        // A range with a step stops at its last, even when the last is the first (strace's qual_fault: 1..1+).
        #expect(try hits("inject=openat:error=ENOENT:when=2..2+") == [2])
        #expect(try hits("inject=openat:error=ENOENT:when=1..5+2") == [1, 3, 5])
        #expect(try hits("inject=!openat:error=ENOENT").isEmpty)
    }

    @Test("error= by name or number, retval=, fault='s ENOSYS; bad ones refused")
    func actions() throws {
        #expect(try injection("inject=read:error=EIO").result == -5)
        #expect(try injection("inject=read:error=13").result == -13)
        #expect(try injection("inject=getpid:retval=42").result == 42)
        #expect(try injection("fault=read").result == -38)
        for bad in ["inject=read", "inject=read:error=ENOPE", "inject=read:when=0", "inject=read:error=EIO:retval=1",
                    "inject=nosuchcall:error=EIO", "fault=read:retval=1", "inject=read:error=EIO:when=3..2"] {
            #expect(throws: DunetraceError.self, "\(bad)") { _ = try injection(bad) }
        }
    }

    @Test("strace's number forms: retval= in hex or octal, delays with a fraction, an exponent or a unit; errors name the qualifier")
    func numberForms() throws {
        #expect(try injection("inject=getpid:retval=0x7fffffff").result == 0x7fff_ffff)
        #expect(try injection("inject=getpid:retval=010").result == 8)
        #expect(try injection("inject=getpid:delay_enter=8e5").delayEnter == 800_000)
        #expect(try injection("inject=getpid:delay_exit=1.5ms").delayExit == 1500)
        #expect(try injection("inject=getpid:delay_exit=2s").delayExit == 2_000_000)
        #expect(try injection("inject=getpid:delay_exit=3000ns").delayExit == 3)
        for (bad, message) in [("fault=chdir:42", "invalid fault argument 'chdir:42'"), ("inject=chdir:42", "invalid inject argument 'chdir:42'"),
                               ("fault=chdir:when=24..23", "invalid fault argument 'chdir:when=24..23'")] {
            do {
                _ = try injection(bad)
                Issue.record("\(bad) accepted")
            } catch {
                #expect("\(error)".contains(message), "\(bad): \(error)")
            }
        }
    }
}

@Suite("Fault injection as strace injects", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct InjectionRunTests {
    @Test("the injected call's line is host strace's, and the call does not run")
    func likeStrace() throws {
        let args = ["-e", "trace=openat", "-e", "inject=openat:error=ENOENT:when=3", "/bin/cat", "/etc/hostname"]
        let strace = try runCommand("/usr/bin/strace", args)
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf"] + args)
        func injected(_ text: String) -> [String] { text.split(separator: "\n").map(String.init).filter { $0.hasSuffix("(INJECTED)") } }
        let expected = injected(strace.stderr)
        #expect(expected.count == 1)
        #expect(injected(traced.stderr) == expected.map { $0.replacingOccurrences(of: #" +="#, with: " =", options: .regularExpression) })
        #expect(traced.stdout == strace.stdout && traced.status == strace.status)
    }
}

@Suite("-e signal= in the live text", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct SignalFilterTests {
    @Test("only the signals of the set show their lines; the program gets them all")
    func signalSet() throws {
        let program = ["/bin/sh", "-c", "trap 'echo usr1' USR1; /bin/true; kill -USR1 $$"]
        let chld = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf", "-e", "trace=none", "-e", "signal=SIGCHLD"] + program)
        #expect(chld.stdout == "usr1\n")
        #expect(chld.stderr.contains("--- SIGCHLD {") && !chld.stderr.contains("--- SIGUSR1 {"), "\(chld.stderr)")
        let none = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf", "-e", "trace=none", "--signal=none"] + program)
        #expect(none.stdout == "usr1\n" && !none.stderr.contains("--- SIG"), "\(none.stderr)")
        let all = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf", "-e", "trace=none", "-e", "signal=!none"] + program)
        #expect(all.stderr.contains("--- SIGCHLD {") && all.stderr.contains("--- SIGUSR1 {"), "\(all.stderr)")
    }

    @Test("signal names as strace takes them: with or without SIG, in any case")
    func signalNames() throws {
        for spelling in ["SIGCHLD", "CHLD", "chld", "sigchld", "17"] {
            #expect(try TraceFilter.signalSet(Substring(spelling)) == [SIGCHLD], "\(spelling)")
        }
        #expect(throws: DunetraceError.self) { try TraceFilter.signalSet("chl") }
    }
}

@Suite("-e trace= names as strace takes them")
struct TraceNameTests {
    @Test("a call only i386 or x32 has (mmap2, _llseek) selects nothing, by name or by a regex; an unknown name is an error")
    func otherPersonalities() throws {
        #expect(try TraceFilter.syscalls(named: "mmap2") == [])
        #expect(try TraceFilter.syscalls(named: "_llseek") == [])
        #expect(try TraceFilter.syscalls(named: "/^mmap2$") == [])
        #expect(try TraceFilter.syscalls(named: "write") == [SyscallTable.number("write")!])
        #expect(throws: DunetraceError.self) { try TraceFilter.syscalls(named: "nosuchcall") }
        #expect(throws: DunetraceError.self) { try TraceFilter.syscalls(named: "/^nosuchcall$") }
        // x86-64 has these: they are not in the other personalities' list.
        #expect(!OtherPersonalityNames.names.contains("read") && OtherPersonalityNames.names.contains("mmap2"))
    }
}

/// -e trace= sets against numbers strace 6.1 has no name for.
struct UnnamedCallFilterTests {
    /// strace gives a number outside its table its default flags (get_scno's stub entry):
    /// such a call shows whatever the set says (its nsyscalls test, with -e trace=none).
    @Test func unnamedNumbersAlwaysShow() throws {
        let cachestat = 451, read = SyscallTable.number("read")!
        #expect(SyscallTable.entry(cachestat) == nil)
        for set in ["trace=none", "trace=read", "trace=!all", "trace=%file"] {
            var f = TraceFilter()
            try f.apply(set)
            #expect(f.shows(cachestat, result: -9), "\(set)")
            #expect(f.shows(-1, result: -38), "\(set)")
        }
        var f = TraceFilter()
        try f.apply("trace=none")
        #expect(!f.shows(read, result: 0))
        try f.apply("status=successful")
        #expect(!f.shows(cachestat, result: -9))
        #expect(f.shows(cachestat, result: 0))
    }
}
