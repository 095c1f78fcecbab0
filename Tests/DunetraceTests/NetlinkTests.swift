// Netlink messages on sendto/sendmsg/recvfrom/recvmsg, printed as strace 6.1 prints them: the
// live text of fixtures/src/netlink_dump.c (RTM_GETLINK and RTM_GETADDR dumps, an NLMSG_ERROR
// answer, short and cut buffers) and of `ip addr` against host strace's for the same program,
// and the replay of a --silent recording against both. Masked: what two runs legitimately
// differ in (the kernel's port ids, interface counters that move between runs, addresses).
import Foundation
import Testing
@testable import DunetraceCore

@Suite("netlink messages, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct NetlinkTests {
    static let calls = ["-e", "trace=sendto,sendmsg,recvfrom,recvmsg"]

    /// Port ids (the kernel's, per socket), traffic counters and addresses as placeholders.
    static func masked(_ text: String) -> String {
        text.replacing(/nlmsg_pid=[1-9][0-9]*/, with: "nlmsg_pid=P")
            .replacing(/NETLINK:\[ROUTE:[0-9]+\]/, with: "NETLINK:[ROUTE:P]")
            .replacing(/((?:rx|tx)_[a-z_]+|multicast|collisions)=[0-9]+/) { m in "\(m.output.1)=N" }
            .replacing(/0x[0-9a-f]{6,}/, with: "0xADDR")
    }

    /// Host strace's and dunetrace's -o text of `command` with `options`.
    static func logs(_ command: [String], _ options: [String]) throws -> (strace: String, dunetrace: String) {
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/netlink-strace-\(id).log", ours = Fixtures.directory + "/netlink-dt-\(id).log"
        defer {
            try? FileManager.default.removeItem(atPath: theirs)
            try? FileManager.default.removeItem(atPath: ours)
        }
        let s = try HostStrace.run(["-o", theirs] + options + command)
        let d = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", ours] + options + command)
        #expect(d.status == s.status, "\(command): \(d.stderr)")
        #expect(d.stdout == s.stdout)
        return (try String(contentsOfFile: theirs, encoding: .utf8), try String(contentsOfFile: ours, encoding: .utf8))
    }

    @Test("RTM_GETLINK/RTM_GETADDR dumps, an error answer and odd buffers, static and dynamic", arguments: [true, false])
    func dumpFixture(isStatic: Bool) throws {
        let program = try Fixtures.path("netlink_dump", static: isStatic)
        let (strace, ours) = try Self.logs([program], Self.calls)
        #expect(strace.contains("nlmsg_type=RTM_NEWLINK") && strace.contains("nlmsg_type=NLMSG_ERROR"))
        #expect(Self.masked(ours) == Self.masked(strace))
    }

    @Test("-yy with a filter that hides socket() and bind(): the socket's protocol is still known")
    func filteredDescriptorTable() throws {
        let program = try Fixtures.path("netlink_dump", static: false)
        let (strace, ours) = try Self.logs([program], ["-yy", "-e", "trace=sendto"])
        #expect(strace.contains("<NETLINK:[ROUTE:"))
        #expect(Self.masked(ours) == Self.masked(strace))
    }

    @Test("replay of a --silent recording prints the netlink messages the live text printed")
    func replayOfSilentRecording() throws {
        let program = try Fixtures.path("netlink_dump", static: true)
        let trace = Fixtures.directory + "/netlink-\(UUID().uuidString).trace.gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let run = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(run.status == 0, "\(run.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay"] + Self.calls + [trace])
        #expect(replay.status == 0, "\(replay.stderr)")
        let (strace, _) = try Self.logs([program], Self.calls)
        #expect(Self.masked(replay.stdout) == Self.masked(strace))
    }

    @Test("SOL_NETLINK options by name, and the messages as diff reads a trace (its socket's protocol known)")
    func optionsAndDiff() throws {
        let program = try Fixtures.path("netlink_dump", static: false)
        let options = ["-e", "trace=setsockopt,sendto,recvfrom"]
        let (strace, ours) = try Self.logs([program], options)
        #expect(strace.contains("SOL_NETLINK, NETLINK_EXT_ACK, [1], 4)") && strace.contains("NETLINK_GET_STRICT_CHK"))
        #expect(Self.masked(ours) == Self.masked(strace))
        let trace = Fixtures.directory + "/netlink-diff-\(UUID().uuidString).trace.gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let run = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(run.status == 0, "\(run.stderr)")
        let input = try DiffInput.load(path: trace)
        let texts = input.tasks.flatMap { t in t.events.map { input.text($0) } }
        #expect(texts.contains { $0.hasPrefix("sendto(3, [{nlmsg_len=40, nlmsg_type=RTM_GETLINK") }, "\(texts.filter { $0.hasPrefix("sendto") })")
        #expect(texts.contains { $0.hasPrefix("setsockopt(3, SOL_NETLINK, NETLINK_EXT_ACK, [1], 4)") })
    }

    @Test("ip addr: its netlink calls as host strace prints them",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip"), "needs iproute2"))
    func ipAddr() throws {
        // ip numbers its requests by the time: the sequence numbers are masked too.
        let (strace, ours) = try Self.logs(["/usr/sbin/ip", "addr"], Self.calls)
        let seq = { (t: String) in Self.masked(t).replacing(/nlmsg_seq=[0-9]+/, with: "nlmsg_seq=S") }
        #expect(strace.contains("RTM_NEWADDR"))
        #expect(seq(ours) == seq(strace))
    }
}
