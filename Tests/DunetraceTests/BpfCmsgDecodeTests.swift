// bpf(2) and the control messages of sendmsg/recvmsg (fixtures/src/bpf_cmsg.c): dunetrace's
// live text and a --silent recording's replay against host strace's for the same program, with
// -v, -y and -yy -X verbose; then the decoders alone on memory laid out by hand, against lines
// strace 6.1 printed for the same calls and bytes (that fixture's run, its addresses here).
import DunetraceCore
import Foundation
import Testing
@testable import DunetraceCore

@Suite("bpf and control messages, against host strace",
       .enabled(if: TestPaths.hasKVM && HostStrace.available, "needs /dev/kvm and strace"))
struct BpfCmsgDecodeTests {
    static let trace = ["-e", "trace=sendmsg,recvmsg,bpf"]

    /// Addresses, the sender's pid (one per run) and socket inodes masked.
    static func mask(_ text: String) -> String {
        text.replacing(/0x[0-9a-f]{5,}/, with: "0xADDR").replacing(/\) +=/, with: ") =")
            .replacing(/pid=[0-9]+/, with: "pid=N").replacing(/socket:\[[0-9]+\]/, with: "socket:[N]")
            .replacing(/UNIX:\[[0-9]+->[0-9]+\]/, with: "UNIX:[N]")
    }

    @Test("live and replayed text as host strace's", arguments: [[], ["-v"], ["-y"], ["-yy", "-X", "verbose"]])
    func againstStrace(options: [String]) throws {
        let program = try Fixtures.path("bpf_cmsg")
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/bpfc-strace-\(id).log", ours = Fixtures.directory + "/bpfc-dt-\(id).log"
        let replayed = Fixtures.directory + "/bpfc-replay-\(id).log", trace = Fixtures.directory + "/bpfc-\(id).trace.gz"
        defer { for f in [theirs, ours, replayed, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + options + Self.trace + [program])
        let d = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", ours] + options + Self.trace + [program])
        #expect(s.status == 0 && d.status == 0, "\(d.stderr)")
        let expected = Self.mask(try String(contentsOfFile: theirs, encoding: .utf8))
        // The fixture reached what it is about (a kernel without bpf would not say EINVAL here).
        #expect(expected.contains("cmsg_type=") && expected.contains("prog_name=\"dt_prog\""), "\(expected)")
        let live = Self.mask(try String(contentsOfFile: ours, encoding: .utf8))
        #expect(live == expected, "live:\n\(live)\nstrace:\n\(expected)")

        let r = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(r.status == 0, "\(r.stderr)")
        let p = try runCommand(TestPaths.dunetrace, ["replay", "-o", replayed] + options + Self.trace + [trace])
        #expect(p.status == 0, "\(p.stderr)")
        let replay = Self.mask(try String(contentsOfFile: replayed, encoding: .utf8))
        #expect(replay == expected, "replay:\n\(replay)\nstrace:\n\(expected)")
    }
}

/// The decoders on memory laid out by hand.
struct BpfCmsgDecoderTests {
    func line(_ name: String, _ args: [UInt64], _ result: Int64?, memory: DecoderFakeMemory, verbose: Bool = false) -> String {
        let a = args + [UInt64](repeating: 0, count: 6 - args.count)
        let e = SyscallEvent(number: SyscallTable.number(name)!, args: SyscallArgs(a[0], a[1], a[2], a[3], a[4], a[5]), result: result)
        var formatter = SyscallFormatter(stringLimit: 32)
        if verbose { formatter.settings.abbreviated = SyscallSet(all: false) }
        return formatter.format(e, memory: memory)
    }

    static let msghdr: UInt64 = 0x7ffc_5896_bc00, control: UInt64 = 0x7ffc_5896_bc90

    /// A struct msghdr with no data and `length` bytes of control messages at `control`.
    func message(_ cmsgs: [UInt8], length: UInt64) -> DecoderFakeMemory {
        var memory = DecoderFakeMemory()
        var m = DecoderBytes(56)
        m.put(32, Self.control)
        m.put(40, length)
        memory.write(Self.msghdr, m.bytes)
        memory.write(Self.control, cmsgs)
        return memory
    }

    static func cmsg(_ level: Int32, _ type: Int32, _ data: [UInt8], length: Int? = nil) -> [UInt8] {
        var c = DecoderBytes(16 + (data.count + 7) / 8 * 8)
        c.put(0, UInt64(length ?? 16 + data.count))
        c.put(8, UInt64(UInt32(bitPattern: level)), size: 4)
        c.put(12, UInt64(UInt32(bitPattern: type)), size: 4)
        for (i, b) in data.enumerated() { c.bytes[16 + i] = b }
        return c.bytes
    }

    static func le(_ v: UInt64, _ size: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) } }

    @Test("timestamps, IP_TTL and IP_PKTINFO by level and type")
    func controlMessages() {
        let cmsgs = Self.cmsg(1, 29, Self.le(1, 8) + Self.le(2, 8)) + Self.cmsg(0, 2, Self.le(64, 4))
            + Self.cmsg(0, 8, Self.le(1, 4) + [127, 0, 0, 1, 10, 0, 0, 1])
        #expect(line("sendmsg", [UInt64(UInt32.max), Self.msghdr, 0], -9, memory: message(cmsgs, length: 88))
            == "sendmsg(-1, {msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, msg_control=[{cmsg_len=32, cmsg_level=SOL_SOCKET, cmsg_type=SO_TIMESTAMP_OLD, cmsg_data={tv_sec=1, tv_usec=2}}, {cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=IP_TTL, cmsg_data=[64]}, {cmsg_len=28, cmsg_level=SOL_IP, cmsg_type=IP_PKTINFO, cmsg_data={ipi_ifindex=if_nametoindex(\"lo\"), ipi_spec_dst=inet_addr(\"127.0.0.1\"), ipi_addr=inet_addr(\"10.0.0.1\")}}], msg_controllen=88, msg_flags=0}, 0) = -1 EBADF (Bad file descriptor)")
    }

    @Test("an unknown level, then a tail too short for a header")
    func shortTail() {
        let cmsgs = Self.cmsg(0x1234, 0x55, []) + [0, 0, 0, 0]
        #expect(line("sendmsg", [UInt64(UInt32.max), Self.msghdr, 0], -9, memory: message(cmsgs, length: 20))
            == "sendmsg(-1, {msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, msg_control=[{cmsg_len=16, cmsg_level=0x1234 /* SOL_??? */, cmsg_type=0x55}, ... /* 0x7ffc5896bca0 */], msg_controllen=20, msg_flags=0}, 0) = -1 EBADF (Bad file descriptor)")
    }

    static let attr: UInt64 = 0x7ffc_5896_bf10

    @Test("bpf: BPF_PROG_LOAD's fields up to the size given, its instructions with -v")
    func progLoad() {
        var memory = DecoderFakeMemory()
        let insns: UInt64 = 0x7ffc_5896_bf00, license: UInt64 = 0x5555_5555_6000
        var a = DecoderBytes(144)
        a.put(0, 0xfff0, size: 4)
        a.put(4, 2, size: 4)
        a.put(8, insns)
        a.put(16, license)
        a.put(40, 0x050a00, size: 4)
        for (i, b) in "dt_prog".utf8.enumerated() { a.bytes[48 + i] = b }
        memory.write(Self.attr, a.bytes)
        memory.write(license, cString: "GPL")
        memory.write(insns, [0xb7, 0, 0, 0, 0, 0, 0, 0, 0x05, 0, 0xff, 0xff, 0, 0, 0, 0])
        #expect(line("bpf", [5, Self.attr, 64], -22, memory: memory)
            == "bpf(BPF_PROG_LOAD, {prog_type=0xfff0 /* BPF_PROG_TYPE_??? */, insn_cnt=2, insns=0x7ffc5896bf00, license=\"GPL\", log_level=0, log_size=0, log_buf=NULL, kern_version=KERNEL_VERSION(5, 10, 0), prog_flags=0, prog_name=\"dt_prog\"}, 64) = -1 EINVAL (Invalid argument)")
        #expect(line("bpf", [5, Self.attr, 64], -22, memory: memory, verbose: true)
            == "bpf(BPF_PROG_LOAD, {prog_type=0xfff0 /* BPF_PROG_TYPE_??? */, insn_cnt=2, insns=[{code=BPF_ALU64|BPF_K|BPF_MOV, dst_reg=BPF_REG_0, src_reg=BPF_REG_0, off=0, imm=0}, {code=BPF_JMP|BPF_K|BPF_JA, dst_reg=BPF_REG_0, src_reg=BPF_REG_0, off=-1, imm=0}], license=\"GPL\", log_level=0, log_size=0, log_buf=NULL, kern_version=KERNEL_VERSION(5, 10, 0), prog_flags=0, prog_name=\"dt_prog\"}, 64) = -1 EINVAL (Invalid argument)")
    }

    @Test("bpf: a size of 0, NULL, an unknown command, a failed query's ids as their address")
    func bpfEdges() {
        var memory = DecoderFakeMemory()
        var q = DecoderBytes(28)
        q.put(0, UInt64(UInt32.max), size: 4)
        q.put(16, 0x7ffc_5896_bef8)
        q.put(24, 2, size: 4)
        memory.write(Self.attr, q.bytes)
        #expect(line("bpf", [0, 0, 144], -14, memory: memory) == "bpf(BPF_MAP_CREATE, NULL, 144) = -1 EFAULT (Bad address)")
        #expect(line("bpf", [0, Self.attr, 0], -22, memory: memory) == "bpf(BPF_MAP_CREATE, 0x7ffc5896bf10, 0) = -1 EINVAL (Invalid argument)")
        #expect(line("bpf", [0x7f, Self.attr, 8], -22, memory: memory) == "bpf(0x7f /* BPF_??? */, 0x7ffc5896bf10, 8) = -1 EINVAL (Invalid argument)")
        #expect(line("bpf", [16, Self.attr, 28], -9, memory: memory)
            == "bpf(BPF_PROG_QUERY, {query={target_fd=-1, attach_type=BPF_CGROUP_INET_INGRESS, query_flags=0, attach_flags=0, prog_ids=0x7ffc5896bef8, prog_cnt=2}}, 28) = -1 EBADF (Bad file descriptor)")
    }
}
