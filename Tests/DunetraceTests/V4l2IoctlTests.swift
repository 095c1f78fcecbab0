// Video4Linux2 ioctls ('V'): the fixture makes every request strace decodes on a closed
// descriptor (NULL, a structure crossing into an unmapped page, filled structures of every
// kind), then a few on /dev/null; its lines are host strace 6.1's for the same program and
// options, live and replayed from a --silent recording, and its results are native ones.
import Foundation
import Testing
@testable import DunetraceCore

@Suite("V4L2 ioctls: strace's text live and replayed, native results",
       .enabled(if: TestPaths.hasKVM && FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "needs /dev/kvm and strace"))
struct V4l2IoctlTests {
    /// An injected success shows what a request returned (`=> {...}`, the fields read after the call).
    static let optionSets: [[String]] = [
        [], ["-v"], ["-X", "raw"], ["-X", "verbose"], ["-e", "verbose=none"], ["-e", "inject=ioctl:retval=42"],
        ["-v", "-e", "inject=ioctl:retval=42"], ["-X", "verbose", "-e", "inject=ioctl:retval=0"],
        ["-X", "raw", "-v", "-e", "inject=ioctl:retval=0"], ["-s", "4", "-x", "-e", "inject=ioctl:retval=0"],
    ]

    /// The fixture's own ioctl lines (on -1 and on /dev/null, its descriptor 3), columns and its
    /// addresses (they move with ASLR) masked.
    static func ioctlLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("ioctl(-1, ") || $0.hasPrefix("ioctl(3, ") }.map {
            $0.replacingOccurrences(of: #" +="#, with: " =", options: .regularExpression)
                .replacingOccurrences(of: #"0x[0-9a-f]{9,}"#, with: "ADDR", options: .regularExpression)
        }
    }

    @Test("each request fails as natively (EBADF, then ENOTTY on /dev/null)", arguments: [false, true])
    func nativeResults(isStatic: Bool) throws {
        try expectNativeBehaviour(try Fixtures.path("ioctl_v4l2", static: isStatic), [])
    }

    @Test("every V4L2 request and its structures as host strace prints them", arguments: optionSets)
    func likeStrace(options: [String]) throws {
        let program = try Fixtures.path("ioctl_v4l2")
        let log = Fixtures.directory + "/ioctl-v4l2-\(getpid())-\(options.joined()).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        _ = try runCommand("/usr/bin/strace", ["-e", "trace=ioctl"] + options + ["-o", log, program])
        let expected = Self.ioctlLines(try String(contentsOfFile: log, encoding: .utf8))
        #expect(expected.count == 213, "strace \(options): \(expected.count) lines")
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf", "-e", "trace=ioctl"] + options + [program])
        #expect(traced.status == 0, "\(options): \(traced.stderr)")
        let got = Self.ioctlLines(traced.stderr)
        #expect(got.count == expected.count, "\(options): \(got.count) lines, strace \(expected.count)")
        for (line, want) in zip(got, expected) where line != want { #expect(line == want, "\(options)") }
    }

    /// -e inject=...:poke_exit= changes the structure after the call: strace prints what the
    /// request was given from the structure at entry and what it returned from the changed one
    /// (`=> `, an id NEXT_CTRL changed, a format of another type: SDR for 0b, none it knows for
    /// 0x80000000; not one whose fields would fall on the window's clips pointer, which ASLR
    /// moves). Lines whose argument cannot be poked (NULL, an address of no mapping) are left
    /// out: strace marks them `(INJECTED)` without `args`, the injection's business, not the decoder's.
    @Test("the given and the returned halves of a structure changed by the call",
          arguments: ["41424344", "0b000000", "00000080ff"])
    func givenAndReturned(poke: String) throws {
        let options = ["-v", "-e", "inject=ioctl:retval=0:poke_exit=@arg3=" + poke]
        let program = try Fixtures.path("ioctl_v4l2")
        let log = Fixtures.directory + "/ioctl-v4l2-\(getpid())-poke\(poke).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        func poked(_ lines: [String]) -> [String] {
            lines.filter { !$0.contains(", NULL) = ") && !$0.hasPrefix("ioctl(-1, _IOC(") && !$0.hasPrefix("ioctl(3, VIDIOC_QUERYCAP, ADDR)") }
        }
        _ = try runCommand("/usr/bin/strace", ["-e", "trace=ioctl"] + options + ["-o", log, program])
        let expected = poked(Self.ioctlLines(try String(contentsOfFile: log, encoding: .utf8)))
        #expect(expected.count > 150 && expected.contains { $0.contains("VIDIOC_QUERYCTRL, {id=V4L2_CID_BRIGHTNESS => ") }, "strace: \(expected.count) lines")
        let traced = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf", "-e", "trace=ioctl"] + options + [program])
        #expect(traced.status == 0, "\(traced.stderr)")
        let got = poked(Self.ioctlLines(traced.stderr))
        #expect(got.count == expected.count, "\(got.count) lines, strace \(expected.count)")
        for (line, want) in zip(got, expected) where line != want { #expect(line == want, "\(poke)") }
    }

    /// The overlay window's clips, the buffers and the extended controls are printed from memory
    /// the model does not describe: the recording keeps it all the same.
    @Test("a --silent recording replays the live text",
          arguments: [[], ["-v"], ["-X", "verbose"], ["-v", "-e", "inject=ioctl:retval=42"], ["-e", "inject=ioctl:retval=0"],
                      ["-v", "-e", "inject=ioctl:retval=0:poke_exit=@arg3=0b000000"], ["-e", "inject=ioctl:error=EIO:poke_exit=@arg3=41424344"]])
    func replayEqualsLive(options: [String]) throws {
        let program = try Fixtures.path("ioctl_v4l2")
        let trace = Fixtures.directory + "/ioctl-v4l2-\(getpid())-\(options.joined()).trace.gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        // -e inject= changes what the calls do: the recording is made with it too.
        let injected = options.filter { $0.hasPrefix("inject=") }.flatMap { ["-e", $0] }
        let live = try runCommand(TestPaths.dunetrace, ["-w", "none", "--no-pf"] + options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--silent", "-w", trace] + injected + [program])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "--no-pf"] + options.filter { !$0.hasPrefix("inject=") && $0 != "-e" } + [trace])
        #expect(replay.status == 0, "\(replay.stderr)")
        let a = Self.ioctlLines(live.stderr), b = Self.ioctlLines(replay.stdout)
        #expect(a.count == 213 && a == b, "\(options): live \(a.count) lines, replay \(b.count); first difference: \(zip(a, b).first { $0 != $1 }.map { "\($0) | \($1)" } ?? "-")")
    }

    /// Each described request's structure is the size C gives it, and the size its _IOC encodes (an integer's too).
    @Test("the model's V4L2 structures are videodev2.h's")
    func structureSizes() throws {
        var structures: [(request: UInt64, name: String, size: Int)] = []
        for v in SyscallModel.videoRequests {
            guard case .pointer(let pointer)? = v.arguments[2]?.type else { Issue.record("\(v.name) is no pointer"); continue }
            switch pointer.pointee {
            case .structure(let layout): structures.append((v.value, layout.name, layout.size))
            case .scalar(let type, _): #expect(Int((v.value >> 16) & 0x3fff) == type.bytes, "\(v.name) encodes another size than its integer")
            default: Issue.record("\(v.name): neither a structure nor an integer")
            }
        }
        #expect(structures.count == 24)
        let body = structures.map { "printf(\"%zu\\n\", sizeof(struct \($0.name)));\n" }.joined()
        let dir = NSTemporaryDirectory() + "dunetrace-v4l2-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ("#include <linux/videodev2.h>\n#include <stdio.h>\nint main(void) {\n" + body + "return 0;\n}\n")
            .write(toFile: dir + "/p.c", atomically: true, encoding: .utf8)
        let cc = try runCommand("/usr/bin/cc", ["-o", dir + "/p", dir + "/p.c"])
        #expect(cc.status == 0, "cc: \(cc.stderr)")
        let sizes = try runCommand(dir + "/p", []).stdout.split(separator: "\n").compactMap { Int($0) }
        #expect(sizes.count == structures.count)
        for (s, cSize) in zip(structures, sizes) {
            #expect(s.size == cSize, "struct \(s.name): the model says \(s.size), C \(cSize)")
            #expect(Int((s.request >> 16) & 0x3fff) == cSize, "\(String(s.request, radix: 16)) encodes another size than struct \(s.name)")
        }
    }
}
