// strace's printing options (-X, -x, -xx, --strings-in-hex, -v, -e abbrev/verbose/raw=): the
// fixture's lines under dunetrace are host strace 6.1's for the same run and options.
import Foundation
import Testing
@testable import DunetraceCore

@Suite("-X, -x, -v and -e abbrev/verbose/raw= as host strace prints them",
       .enabled(if: TestPaths.hasKVM && FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs /dev/kvm and strace"))
struct PrintOptionTests {
    /// A file the fixture only stats, so its times are the same for both runs.
    static let statted: String = {
        let path = Fixtures.directory + "/print-options-file"
        FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        return path
    }()

    /// A directory the fixture lists: a file, a long name, a directory, a link.
    static let listed: String = {
        let path = Fixtures.directory + "/print-options-dir"
        try? FileManager.default.createDirectory(atPath: path + "/sub", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path + "/a", contents: nil)
        FileManager.default.createFile(atPath: path + "/" + String(repeating: "x", count: 40), contents: nil)
        try? FileManager.default.createSymbolicLink(atPath: path + "/l", withDestinationPath: "a")
        return path
    }()

    /// The fixture's lines between its two close(-2) markers, the `=` column and addresses
    /// (which differ between two runs) taken out.
    static func fixtureLines(_ text: String) -> [String] {
        // dunetrace's notes (an ioctl the model does not describe) are not strace's lines.
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("dunetrace: ") }
        // -e raw= prints the marker close(0xfffffffe).
        let marker = { (line: String) in line.hasPrefix("close(-2") || line.hasPrefix("close(0xfffffffe") }
        guard let first = lines.firstIndex(where: marker), let last = lines.lastIndex(where: marker), first < last else { return [] }
        return lines[(first + 1)..<last].map {
            $0.replacingOccurrences(of: #" +="#, with: " =", options: .regularExpression)
                .replacingOccurrences(of: #"0x[0-9a-f]{9,}"#, with: "ADDR", options: .regularExpression)
                // A socket's inode (-y), plain or in hex, is new every run.
                .replacingOccurrences(of: #"<(socket|\\x73\\x6f\\x63\\x6b\\x65\\x74)[^>]*>"#, with: "<SOCKET>", options: .regularExpression)
        }
    }

    static let optionSets: [[String]] = [
        [], ["-X", "raw"], ["-X", "verbose"], ["--const-print-style=verbose"], ["-x"], ["-xx"],
        ["--strings-in-hex=non-ascii-chars"], ["--strings-in-hex"], ["--strings-in-hex=none"], ["-v"], ["--no-abbrev"],
        ["-e", "raw=all"], ["--raw=%file"], ["-e", "verbose=none"], ["--verbose=!statx"], ["-e", "abbrev=statx"],
        ["-v", "-X", "verbose", "-xx"], ["-y", "-xx"], ["-y", "-x"], ["-y", "--strings-in-hex=non-ascii-chars"],
    ]

    /// The fixture's lines under dunetrace with `options` are host strace's.
    func expectLikeStrace(_ program: String, _ arguments: [String], _ options: [String], atLeast: Int,
                          sourceLocation: SourceLocation = #_sourceLocation) throws {
        let log = Fixtures.directory + "/print-options-\(getpid())-\(program.split(separator: "/").last ?? "").log"
        _ = try runCommand("/usr/bin/strace", options + ["-o", log, program] + arguments)
        let expected = Self.fixtureLines(try String(contentsOfFile: log, encoding: .utf8))
        #expect(expected.count > atLeast, "strace \(options): \(expected)", sourceLocation: sourceLocation)
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf"] + options + [program] + arguments)
        #expect(traced.status == 0, "\(options): \(traced.stderr)", sourceLocation: sourceLocation)
        let lines = Self.fixtureLines(traced.stderr)
        #expect(lines.count == expected.count, "\(options): \(lines.count) lines, strace \(expected.count)", sourceLocation: sourceLocation)
        for (got, want) in zip(lines, expected) where got != want {
            #expect(got == want, "\(options)", sourceLocation: sourceLocation)
        }
    }

    @Test("the fixture's lines under each option set", arguments: [false, true])
    func likeStrace(isStatic: Bool) throws {
        let program = try Fixtures.path("print_options", static: isStatic)
        for options in Self.optionSets { try expectLikeStrace(program, [Self.statted, Self.listed], options, atLeast: 25) }
    }

    @Test("calls printed from the model: structures, flags, enums, result comments, unused arguments", arguments: [false, true])
    func modelDecoded(isStatic: Bool) throws {
        let program = try Fixtures.path("model_decode", static: isStatic)
        let queue = "/dunetrace-model-decode-\(getpid())-\(isStatic)"
        for options in [[], ["-X", "raw"], ["-X", "verbose"], ["-v"], ["-e", "verbose=none"]] {
            try expectLikeStrace(program, [queue], options, atLeast: 40)
        }
    }

    @Test("the odd values of strace's own test programs: unshare, setns, pkey_alloc, futex ops, fadvise64, reboot, swapon, _sysctl, mq_timedsend, sched_setattr, rt_sigtimedwait",
          arguments: [false, true])
    func straceSuiteLines(isStatic: Bool) throws {
        let program = try Fixtures.path("strace_suite_lines", static: isStatic)
        for options in [[], ["-X", "raw"], ["-X", "verbose"], ["-s", "256"], ["-s", "8"], ["-e", "signal=none", "-v"], ["-e", "verbose=none"]] {
            try expectLikeStrace(program, [], options, atLeast: 25)
        }
        // A --silent recording replays the same lines (sched_setattr's size as given is kept at entry).
        let log = Fixtures.directory + "/suite-lines-\(getpid())-\(isStatic).log", trace = log + ".trace"
        defer { for f in [log, trace] { try? FileManager.default.removeItem(atPath: f) } }
        _ = try runCommand("/usr/bin/strace", ["-o", log, program])
        let r = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(r.status == 0, "\(r.stderr)")
        let replayed = try runCommand(TestPaths.dunetrace, ["replay", trace])
        #expect(Self.fixtureLines(replayed.stdout) == Self.fixtureLines(try String(contentsOfFile: log, encoding: .utf8)))
    }

    @Test("multiplexed calls: the operation decides which arguments print and how (prctl, fcntl, futex, keyctl)")
    func operations() throws {
        let program = try Fixtures.path("operations")
        for options in [[], ["-X", "raw"], ["-X", "verbose"]] { try expectLikeStrace(program, [], options, atLeast: 35) }
    }

    @Test("messages, capabilities and siginfo behind pointers", arguments: [false, true])
    func messages(isStatic: Bool) throws {
        let program = try Fixtures.path("messages", static: isStatic)
        for options in [[], ["-X", "raw"], ["-X", "verbose"], ["-e", "verbose=none"], ["-s", "4"]] {
            try expectLikeStrace(program, [], options, atLeast: 12)
        }
    }

    @Test("flags and enums by strace's names, and -X on them")
    func flagNames() throws {
        let program = try Fixtures.path("flag_names")
        for options in [[], ["-X", "raw"], ["-X", "verbose"]] { try expectLikeStrace(program, [], options, atLeast: 20) }
    }

    @Test("ioctl requests by name, their arguments as strace prints them, _IOC() for unknown ones")
    func ioctlRequests() throws {
        let program = try Fixtures.path("ioctl_requests")
        for options in [[], ["-X", "raw"], ["-X", "verbose"]] { try expectLikeStrace(program, [Self.statted], options, atLeast: 35) }
    }

    @Test("bad values are refused in strace's words")
    func refused() throws {
        for options in [["-X", "names"], ["--strings-in-hex=some"], ["-e", "abbrev=nosuchcall"], ["--raw=nosuchcall"]] {
            // strace names itself by its argv[0].
            let strace = try runCommand("/usr/bin/env", ["PATH=/usr/bin:/bin", "strace"] + options + ["/bin/true"])
            let traced = try runCommand(TestPaths.dunetrace, options + ["/bin/true"])
            #expect(strace.status == 1 && traced.status == 1)
            #expect(traced.stderr == strace.stderr.replacingOccurrences(of: "strace", with: "dunetrace"), "\(options)")
        }
    }
}
