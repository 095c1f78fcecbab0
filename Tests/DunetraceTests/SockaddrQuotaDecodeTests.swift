// Socket addresses of every family strace decodes, quotactl's structures and the utime family's
// times (fixtures/src/sockaddr_quota_calls.c), and setsockopt's structures
// (fixtures/src/socket_option_values.c) as host strace prints them, under -v, -X and -y; and a
// --silent recording replays what the live run printed. Masked: addresses of 10 or more
// hex digits (the heap and mmap addresses of two runs differ).
import DunetraceCore
import Foundation
import Testing

@Suite("socket address, quotactl and utime decoding, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct SockaddrQuotaDecodeTests {
    static let calls = ["-e", "signal=none", "-e", "trace=connect,quotactl,utimensat,utimes,futimesat,utime"]

    static func mask(_ text: String) -> String {
        text.replacing(/0x[0-9a-f]{10,}/, with: "0xADDR").replacing(/\) +=/, with: ") =")
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        zip(a.split(separator: "\n"), b.split(separator: "\n")).first { $0 != $1 }.map { "\($0.0)\n  vs\n\($0.1)" } ?? "line count"
    }

    @Test("live text equals host strace's",
          arguments: [(true, []), (false, []), (false, ["-v"]), (false, ["-X", "verbose"]), (true, ["-X", "raw"]), (false, ["-y"])])
    func againstStrace(isStatic: Bool, options: [String]) throws {
        let program = try Fixtures.path("sockaddr_quota_calls", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/sockq-strace-\(id).log", ours = Fixtures.directory + "/sockq-dt-\(id).log"
        defer { for f in [theirs, ours] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + Self.calls + options + [program])
        let d = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", ours] + Self.calls + options + [program])
        #expect(s.status == 0 && d.status == 0, "\(d.stderr)")
        let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
        // What this checks was decoded by strace, not printed as addresses.
        #expect(expected.contains("sll_halen=6") && expected.contains("srx_service=") && expected.contains("salg_name=\"sha256\""))
        #expect(expected.contains("dqb_bhardlimit=") && expected.contains("d_blk_hardlimit=") && expected.contains("dqi_bgrace="))
        #expect(expected.contains("tv_usec=345678} /* 2017-04-16T"))
        // An unknown quotactl command: the device is looked up first, as natively.
        #expect(expected.contains(/"\/dev\/bogus\/", 7, 0x[0-9a-fA-Z]+\) = -1 ENOENT/))
        if options == ["-y"] { #expect(expected.contains("sxdp_shared_umem_fd=3</dev/null>")) }
        let got = Self.mask(try String(contentsOfFile: ours, encoding: .utf8))
        #expect(got == expected, "first difference: \(Self.firstDifference(got, expected))")
    }

    static let optionCalls = ["-e", "signal=none", "-e", "trace=setsockopt,getsockopt"]

    @Test("socket option structures: live text equals host strace's, and replay of a --silent recording equals live",
          arguments: [[], ["-X", "verbose"], ["-X", "raw"]])
    func socketOptions(options: [String]) throws {
        let program = try Fixtures.path("socket_option_values", static: false)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/sockopt-strace-\(id).log", trace = Fixtures.directory + "/sockopt-\(id).trace.gz"
        defer { for f in [theirs, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + Self.optionCalls + options + [program])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + Self.optionCalls + options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(s.status == 0 && live.status == 0 && recorded.status == 0, "\(live.stderr) \(recorded.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay"] + Self.optionCalls + options + [trace])
        let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
        #expect(expected.contains("tp_frame_nr=8}") && expected.contains("gr_group={sa_family=") && expected.contains("~["))
        let got = Self.mask(live.stderr), replayed = Self.mask(replay.stdout)
        #expect(got == expected, "first difference: \(Self.firstDifference(got, expected))")
        #expect(replayed == got, "replay: first difference: \(Self.firstDifference(replayed, got))")
    }

    /// recvmsg/recvmmsg's msg_namelen as it was given and as the kernel left it; sendmmsg's
    /// messages on a failure. The socket names carry the pid (8 digits): masked.
    @Test("message names: live text equals host strace's, replay of a --silent recording equals live", arguments: [[], ["-v"]])
    func messageNames(options: [String]) throws {
        let program = try Fixtures.path("message_names", static: false)
        let calls = ["-e", "signal=none", "-e", "trace=recvmsg,recvmmsg,sendmmsg"]
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/msgname-strace-\(id).log", trace = Fixtures.directory + "/msgname-\(id).trace.gz"
        defer { for f in [theirs, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + calls + options + [program])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + calls + options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(s.status == 0 && live.status == 0 && recorded.status == 0, "\(live.stderr) \(recorded.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay"] + calls + options + [trace])
        let mask = { (t: String) in Self.mask(t).replacing(/dt-(rx|tx)-[0-9]{8}/) { "dt-\($0.1)-PID" } }
        let expected = mask(try String(contentsOfFile: theirs, encoding: .utf8))
        #expect(expected.contains("msg_namelen=110 => 17") && expected.contains("msg_namelen=6 => 17") && expected.contains("sendmmsg(-1, [{msg_hdr="))
        let got = mask(live.stderr), replayed = mask(replay.stdout)
        #expect(got == expected, "first difference: \(Self.firstDifference(got, expected))")
        #expect(replayed == got, "replay: first difference: \(Self.firstDifference(replayed, got))")
    }

    /// SO_ATTACH_FILTER's instructions and SO_GET_FILTER's answer lie past optlen: they run on
    /// checked copies, with the kernel's answers (EINVAL, EFAULT, the instruction count).
    @Test("socket filters attached and read back behave as natively", arguments: [true, false])
    func socketFilterNative(isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path("socket_filter", static: isStatic), [])
    }

    @Test("socket filters (BPF_STMT/BPF_JUMP under -v): live text equals host strace's, replay of a --silent recording equals live",
          arguments: [[], ["-v"], ["-v", "-X", "verbose"], ["-v", "-X", "raw"]])
    func socketFilterText(options: [String]) throws {
        let program = try Fixtures.path("socket_filter", static: false)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/sockfilter-strace-\(id).log", trace = Fixtures.directory + "/sockfilter-\(id).trace.gz"
        defer { for f in [theirs, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + Self.optionCalls + options + [program])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + Self.optionCalls + options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(s.status == 0 && live.status == 0 && recorded.status == 0, "\(live.stderr) \(recorded.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay"] + Self.optionCalls + options + [trace])
        let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
        #expect(expected.contains(options.isEmpty ? "{len=4, filter=0x" : "BPF_JUMP("))
        let got = Self.mask(live.stderr), replayed = Self.mask(replay.stdout)
        #expect(got == expected, "first difference: \(Self.firstDifference(got, expected))")
        #expect(replayed == got, "replay: first difference: \(Self.firstDifference(replayed, got))")
    }

    @Test("a --silent recording replays the live text", arguments: [[], ["-v"], ["-X", "verbose"], ["-y"]])
    func replayEqualsLive(options: [String]) throws {
        let program = try Fixtures.path("sockaddr_quota_calls", static: false)
        let trace = Fixtures.directory + "/sockq-\(UUID().uuidString).trace.gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + Self.calls + options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(live.status == 0 && recorded.status == 0, "\(live.stderr) \(recorded.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay"] + Self.calls + options + [trace])
        #expect(replay.status == 0, "\(replay.stderr)")
        let a = Self.mask(live.stderr), b = Self.mask(replay.stdout)
        #expect(a.contains("salg_name=\"sha256\"") && a.contains("d_blk_hardlimit="))
        #expect(a == b, "\(options): first difference: \(Self.firstDifference(a, b))")
    }
}
