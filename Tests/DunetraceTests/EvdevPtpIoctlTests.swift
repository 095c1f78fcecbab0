// Input event (evdev, 'E') and PTP clock ('=') ioctls: the fixture makes every request of both
// families on a closed descriptor (NULL, unreadable, zeroed and filled arguments, sizes and
// axes in the number); its lines are host strace 6.1's for the same program and options, live
// and replayed from a --silent recording. -e inject= makes the requests succeed, so what an
// _IOR request leaves prints too.
import Foundation
import Testing
@testable import DunetraceCore

@Suite("ioctl: input event and PTP clock requests as strace prints them",
       .enabled(if: TestPaths.hasKVM && FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs /dev/kvm and strace"))
struct EvdevPtpIoctlTests {
    static let optionSets: [[String]] = [
        [], ["-v"], ["-X", "raw"], ["-X", "verbose"], ["-e", "inject=ioctl:retval=42"], ["-v", "-e", "inject=ioctl:retval=42"],
        ["-X", "verbose", "-e", "inject=ioctl:retval=42"], ["-X", "raw", "-e", "inject=ioctl:retval=8"],
        ["-s", "4", "-e", "inject=ioctl:retval=90"], ["-e", "verbose=none", "-e", "inject=ioctl:retval=42"],
    ]

    /// The fixture's ioctl lines, columns and its own addresses (they move with ASLR) masked.
    static func ioctlLines(_ text: String) -> [String] {
        IoctlFamilyTests.ioctlLines(text)
    }

    @Test("each request fails as natively (EBADF)", arguments: [false, true])
    func nativeResults(isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path("ioctl_evdev_ptp", static: isStatic), [])
    }

    @Test("EVIOC*, PTP_* and their structures as host strace prints them", arguments: optionSets)
    func likeStrace(options: [String]) throws {
        let program = try Fixtures.path("ioctl_evdev_ptp")
        let log = Fixtures.directory + "/ioctl-evdev-ptp-\(getpid())-\(options.joined()).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        _ = try runCommand("/usr/bin/strace", ["-e", "trace=ioctl"] + options + ["-o", log, program])
        let expected = Self.ioctlLines(try String(contentsOfFile: log, encoding: .utf8))
        #expect(expected.count == 194, "strace \(options): \(expected.count) lines")
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf", "-e", "trace=ioctl"] + options + [program])
        #expect(traced.status == 0, "\(options): \(traced.stderr)")
        let got = Self.ioctlLines(traced.stderr)
        #expect(got.count == expected.count, "\(options): \(got.count) lines, strace \(expected.count)")
        for (line, want) in zip(got, expected) where line != want { #expect(line == want, "\(options)") }
    }

    /// A recording made with --silent keeps what each request read and (injected success) left.
    @Test("a --silent recording replays the live text", arguments: [[], ["-v"], ["-X", "verbose"], ["-s", "4"]])
    func replayEqualsLive(options: [String]) throws {
        let program = try Fixtures.path("ioctl_evdev_ptp")
        let trace = Fixtures.directory + "/ioctl-evdev-ptp-\(getpid())-\(options.joined()).trace.gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let inject = ["-e", "inject=ioctl:retval=42"]
        let live = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf"] + inject + options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace] + inject + [program])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "--no-pf"] + options + [trace])
        #expect(replay.status == 0, "\(replay.stderr)")
        let a = Self.ioctlLines(live.stderr), b = Self.ioctlLines(replay.stdout)
        #expect(a.count == 194 && a == b, "\(options): live \(a.count) lines, replay \(b.count); first difference: \(zip(a, b).first { $0 != $1 }.map { "\($0) | \($1)" } ?? "-")")
    }
}

@Suite("model: input event and PTP clock requests")
struct EvdevPtpModelTests {
    private func argument(_ request: UInt64) throws -> ValueType? {
        let m = try #require(SyscallModel.all.first { $0.name == "ioctl" }?.multiplexer)
        return m.variant(for: request)?.arguments[2]?.type
    }

    /// Every structure a request points to is the size its number encodes.
    @Test func structuresAreTheEncodedSize() throws {
        for v in SyscallModel.evdevRequests + SyscallModel.ptpRequests {
            guard case .pointer(let p)? = v.arguments[2]?.type else { continue }
            let size: Int
            switch p.pointee {
            case .structure(let l): size = l.size
            case .scalar(let t, _): size = t.bytes
            case .array(.scalar(let t, _), .fixed(let n)): size = t.bytes * n
            default: Issue.record("\(v.name): \(p.pointee)"); continue
            }
            #expect(size == Int((v.value >> 16) & 0x3fff), "\(v.name)")
        }
    }

    /// Requests whose number carries a length or an axis: the driver's copy, by the encoding.
    @Test func sizedRequestsAreDescribedByTheirNumber() throws {
        func pointer(_ request: UInt64) throws -> (Direction, Int)? {
            guard case .pointer(let p)? = try argument(request), case .structure(let l) = p.pointee else { return nil }
            return (p.direction, l.size)
        }
        // EVIOCGNAME(64), EVIOCGBIT(EV_KEY, 96), EVIOCGKEY(96): written, as long as the number says.
        for (request, size) in [(0x8040_4506 as UInt64, 64), (0x8060_4521, 96), (0x8060_4518, 96)] {
            let p = try #require(try pointer(request), "\(String(request, radix: 16))")
            #expect(p.0 == .output && p.1 == size)
        }
        // EVIOCGABS(ABS_Y) with a 32-byte number: the driver copies struct input_absinfo (24) at most.
        #expect(try pointer(0x8020_4541).map { $0.0 == .output && $0.1 == 24 } == true)
        #expect(try pointer(0x4018_45c1).map { $0.0 == .input && $0.1 == 24 } == true)
        // EVIOCGMTSLOTS(12): the driver reads the code, then writes the values.
        #expect(try pointer(0x800c_450a).map { $0.0 == .both && $0.1 == 12 } == true)
        // No direction, or an 'E' number evdev has no handler for (xen's evtchn shares the type): refused.
        for refused: UInt64 in [0x4500, 0x0018_4500, 0x8004_4500, 0xc0ff_45fe] {
            #expect(try argument(refused) == nil, "\(String(refused, radix: 16))")
        }
        // _IOW in name only: the argument is the number itself.
        for request: UInt64 in [0x4004_4581, 0x4004_4590, 0x4004_4591, 0x4004_3d04] {
            guard case .integer? = try argument(request) else { Issue.record("\(String(request, radix: 16))"); continue }
        }
    }
}
