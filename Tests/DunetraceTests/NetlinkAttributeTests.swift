// Netlink attributes strace 6.1 decodes in depth (rtnetlink's bridge port, VF info, per-family
// and bridge IFLA_AF_SPEC, IFLA_LINKINFO by kind, nexthop groups, RTM_GETSTATS xstats, MDB;
// sock_diag's inet, SMC and packet attributes, a classic BPF filter): the live text of
// fixtures/src/netlink_attributes.c against host strace's for the same program, in each -X style
// and with -v and -y, and the replay of a --silent recording. Masked: the address strace prints
// for a filter without -v, sockets' inode numbers (they move between runs).
import Foundation
import Testing

@Suite("netlink attributes, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct NetlinkAttributeTests {
    static func masked(_ text: String) -> String {
        text.replacing(/0x[0-9a-f]{6,}\]\]\], 92,/, with: "ADDR]]], 92,")
            .replacing(/socket:\[[0-9]+\]/, with: "socket:[N]")
    }

    /// Host strace's and dunetrace's -o text of the fixture with `options`.
    static func logs(static isStatic: Bool, _ options: [String]) throws -> (strace: String, dunetrace: String) {
        let program = try Fixtures.path("netlink_attributes", static: isStatic)
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/nlattr-strace-\(id).log", ours = Fixtures.directory + "/nlattr-dt-\(id).log"
        defer {
            try? FileManager.default.removeItem(atPath: theirs)
            try? FileManager.default.removeItem(atPath: ours)
        }
        let command = options + ["-e", "trace=sendto", program]
        let s = try HostStrace.run(["-o", theirs] + command)
        let d = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", ours] + command)
        #expect(s.status == 0 && d.status == 0, "\(options): \(d.stderr)")
        return (try String(contentsOfFile: theirs, encoding: .utf8), try String(contentsOfFile: ours, encoding: .utf8))
    }

    @Test("each message's attributes as host strace prints them, static and dynamic", arguments: [true, false])
    func abbreviated(isStatic: Bool) throws {
        let (strace, ours) = try Self.logs(static: isStatic, [])
        // The fixture reached the decoders this suite is about.
        #expect(strace.contains("IFLA_BRPORT_ROOT_ID") && strace.contains("IFLA_VF_VLAN_INFO")
                && strace.contains("IFLA_BR_MULTI_BOOLOPT") && strace.contains("MPLS_STATS_LINK")
                && strace.contains("INET_DIAG_BC_S_COND") && strace.contains("SMC_CLC_DECL_IPSEC"))
        #expect(Self.masked(ours) == Self.masked(strace))
    }

    @Test("-v, -X raw and -X verbose, -y", arguments: [["-v"], ["-Xraw"], ["-Xverbose"], ["-v", "-Xverbose"], ["-y"]])
    func styles(options: [String]) throws {
        let (strace, ours) = try Self.logs(static: true, options)
        if options.contains("-v") { #expect(strace.contains("BPF_JUMP(")) }
        if options.contains("-y") { #expect(strace.contains("IFLA_XDP_FD}, ") && strace.contains("</dev/null>]")) }
        #expect(Self.masked(ours) == Self.masked(strace))
    }

    @Test("replay of a --silent recording prints what host strace prints (-v)")
    func replayOfSilentRecording() throws {
        let program = try Fixtures.path("netlink_attributes", static: true)
        let trace = Fixtures.directory + "/nlattr-\(UUID().uuidString).trace.gz"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let run = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(run.status == 0, "\(run.stderr)")
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "-v", "-e", "trace=sendto", trace])
        #expect(replay.status == 0, "\(replay.stderr)")
        let (strace, _) = try Self.logs(static: true, ["-v"])
        #expect(strace.contains("BPF_JUMP("))
        #expect(Self.masked(replay.stdout) == Self.masked(strace))
    }
}
