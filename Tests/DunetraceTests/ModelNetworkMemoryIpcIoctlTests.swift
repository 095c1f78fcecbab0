// The model's network, memory, IPC and ioctl families: every call described under its table
// name, structures laid out as the C compiler lays them out (checked against cc and the
// kernel's UAPI headers), request and command values as the headers define them, and spot
// checks of the semantics the guard relies on.
import Foundation
import Testing
@testable import DunetraceCore

private let familyCalls = """
    socket connect accept sendto recvfrom sendmsg recvmsg shutdown bind listen getsockname getpeername \
    socketpair setsockopt getsockopt accept4 recvmmsg sendmmsg \
    mmap mprotect munmap brk mremap msync mincore madvise mlock munlock mlockall munlockall remap_file_pages \
    mbind set_mempolicy get_mempolicy migrate_pages move_pages process_vm_readv process_vm_writev memfd_create \
    userfaultfd membarrier mlock2 pkey_mprotect pkey_alloc pkey_free process_madvise memfd_secret \
    process_mrelease set_mempolicy_home_node \
    shmget shmat shmctl semget semop semctl shmdt msgget msgsnd msgrcv msgctl semtimedop mq_open mq_unlink \
    mq_timedsend mq_timedreceive mq_notify mq_getsetattr \
    ioctl
    """.split(separator: " ").map(String.init)

private func model(_ name: String) throws -> SyscallDescription {
    let nr = try #require(SyscallTable.number(name))
    return try #require(SyscallModel.description(nr))
}

/// The pointer an argument (of the call, or of the variant these registers pick) describes.
private func pointer(_ name: String, _ argument: Int, _ registers: SyscallArgs = SyscallArgs()) throws -> PointerType {
    let arguments = try #require(try model(name).arguments(for: registers))
    guard case .pointer(let p) = arguments[argument].type else {
        Issue.record("\(name) argument \(argument) is not a pointer: \(arguments[argument].type)")
        throw CancellationError()
    }
    return p
}

private func field(_ layout: StructLayout, _ name: String) throws -> Field {
    try #require(layout.fields.first { $0.name == name })
}

/// Compiles and runs a C program; its stdout.
private func runC(_ source: String) throws -> String {
    let dir = NSTemporaryDirectory() + "dunetrace-model-b-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try source.write(toFile: dir + "/p.c", atomically: true, encoding: .utf8)
    let cc = try runCommand("/usr/bin/cc", ["-o", dir + "/p", dir + "/p.c"])
    #expect(cc.status == 0, "cc: \(cc.stderr)")
    return try runCommand(dir + "/p", []).stdout
}

/// A layout and the C type it must match; `designator` maps a field name to its C member.
private struct CLayout {
    let layout: StructLayout
    let cType: String
    var designator: (String) -> String = { $0 }
}

/// Checks sizes and field offsets of `layouts` against a C program with `includes`.
private func expectLayoutsMatchC(includes: [String], _ layouts: [CLayout]) throws {
    var body = ""
    for (i, l) in layouts.enumerated() {
        body += "printf(\"S \(i) %zu\\n\", sizeof(\(l.cType)));\n"
        for f in l.layout.fields {
            body += "printf(\"O \(i) \(f.name) %zu\\n\", offsetof(\(l.cType), \(l.designator(f.name))));\n"
        }
    }
    let source = includes.map { "#include <\($0)>\n" }.joined() + "#include <stdio.h>\n#include <stddef.h>\nint main(void) {\n\(body)return 0;\n}\n"
    var seen = 0
    for line in try runC("#define _GNU_SOURCE\n" + source).split(separator: "\n") {
        let parts = line.split(separator: " ").map(String.init)
        guard let i = Int(parts[1]), let value = Int(parts.last!) else { continue }
        let l = layouts[i]
        if parts[0] == "S" {
            #expect(l.layout.size == value, "sizeof(\(l.cType)) is \(value), the model says \(l.layout.size)")
        } else {
            let f = try field(l.layout, parts[2])
            #expect(f.offset == value, "offsetof(\(l.cType), \(f.name)) is \(value), the model says \(f.offset)")
        }
        seen += 1
    }
    #expect(seen == layouts.reduce(0) { $0 + 1 + $1.layout.fields.count })
}

private let ipcPermNames: Set<String> = ["key", "uid", "gid", "cuid", "cgid", "mode", "seq"]
private func permPrefixed(_ prefix: String) -> (String) -> String {
    { ipcPermNames.contains($0) ? prefix + "." + $0 : $0 }
}

private extension Pointee {
    var structure: StructLayout? {
        if case .structure(let s) = self { return s }
        return nil
    }
}

@Suite struct ModelNetworkMemoryIpcIoctlTests {
    @Test func everyCallOfTheFamiliesIsDescribedUnderItsTableName() throws {
        #expect(familyCalls.count == 68)
        for name in familyCalls {
            let nr = try #require(SyscallTable.number(name), "\(name) is not in the table")
            let d = try #require(SyscallModel.description(nr), "\(name) (\(nr)) is not described")
            #expect(d.number == nr && d.name == name)
            let entry = try #require(SyscallTable.entry(nr))
            #expect(d.classes == entry.classes, "\(name): classes \(d.classes) differ from the table's \(entry.classes)")
            #expect(d.arguments.count == entry.args.count, "\(name): \(d.arguments.count) arguments, the table has \(entry.args.count)")
        }
    }

    @Test func glibcStructuresMatchTheCompiler() throws {
        let mmsg: (String) -> String = { $0 == "msg_len" ? $0 : "msg_hdr." + $0 }
        try expectLayoutsMatchC(includes: ["sys/socket.h", "sys/uio.h", "signal.h", "net/if.h", "net/if_arp.h"], [
            CLayout(layout: SyscallModel.msghdrSend, cType: "struct msghdr"),
            CLayout(layout: SyscallModel.msghdrReceive, cType: "struct msghdr"),
            CLayout(layout: SyscallModel.mmsghdrSend, cType: "struct mmsghdr", designator: mmsg),
            CLayout(layout: SyscallModel.mmsghdrReceive, cType: "struct mmsghdr", designator: mmsg),
            CLayout(layout: SyscallModel.iovecRemote, cType: "struct iovec"),
            CLayout(layout: SyscallModel.mqSigevent, cType: "struct sigevent", designator: {
                ["sigev_notify_thread_id": "_sigev_un._tid", "sigev_notify_attributes": "_sigev_un._sigev_thread._attribute"][$0] ?? $0
            }),
            CLayout(layout: SyscallModel.ioctlIfreq, cType: "struct ifreq"),
            CLayout(layout: SyscallModel.ioctlIfconf, cType: "struct ifconf"),
            CLayout(layout: SyscallModel.ioctlArpreq, cType: "struct arpreq"),
        ])
    }

    @Test func ipcStructuresMatchTheKernelHeaders() throws {
        try expectLayoutsMatchC(includes: ["linux/ipc.h", "linux/shm.h", "linux/sem.h", "linux/msg.h", "linux/mqueue.h"], [
            CLayout(layout: SyscallModel.shmid64_ds, cType: "struct shmid64_ds", designator: permPrefixed("shm_perm")),
            CLayout(layout: SyscallModel.shminfo64, cType: "struct shminfo64"),
            CLayout(layout: SyscallModel.shm_info, cType: "struct shm_info"),
            CLayout(layout: SyscallModel.semid64_ds, cType: "struct semid64_ds", designator: permPrefixed("sem_perm")),
            CLayout(layout: SyscallModel.seminfo, cType: "struct seminfo"),
            CLayout(layout: SyscallModel.sembuf, cType: "struct sembuf"),
            CLayout(layout: SyscallModel.msqid64_ds, cType: "struct msqid64_ds", designator: permPrefixed("msg_perm")),
            CLayout(layout: SyscallModel.msginfo, cType: "struct msginfo"),
            CLayout(layout: SyscallModel.mq_attr, cType: "struct mq_attr"),
        ])
    }

    @Test func terminalStructuresAreTheKernels() throws {
        try expectLayoutsMatchC(includes: ["asm/termios.h"], [
            CLayout(layout: SyscallModel.ioctlTermios, cType: "struct termios"),
            CLayout(layout: SyscallModel.ioctlTermios2, cType: "struct termios2"),
            CLayout(layout: SyscallModel.ioctlTermio, cType: "struct termio"),
            CLayout(layout: SyscallModel.ioctlWinsize, cType: "struct winsize"),
        ])
    }

    @Test func gpioAndConsoleStructuresMatchTheKernelHeaders() throws {
        try expectLayoutsMatchC(includes: ["linux/gpio.h", "linux/kd.h"], [
            CLayout(layout: SyscallModel.ioctlGpioChipInfo, cType: "struct gpiochip_info"),
            CLayout(layout: SyscallModel.ioctlGpioLineInfo, cType: "struct gpioline_info"),
            CLayout(layout: SyscallModel.ioctlGpioHandleRequest, cType: "struct gpiohandle_request"),
            CLayout(layout: SyscallModel.ioctlGpioEventRequest, cType: "struct gpioevent_request"),
            CLayout(layout: SyscallModel.ioctlGpioHandleData, cType: "struct gpiohandle_data"),
            CLayout(layout: SyscallModel.ioctlGpioHandleConfig, cType: "struct gpiohandle_config"),
            CLayout(layout: SyscallModel.ioctlGpioV2LineInfo, cType: "struct gpio_v2_line_info"),
            CLayout(layout: SyscallModel.ioctlGpioV2LineConfig, cType: "struct gpio_v2_line_config"),
            CLayout(layout: SyscallModel.ioctlGpioV2LineRequest, cType: "struct gpio_v2_line_request"),
            CLayout(layout: SyscallModel.ioctlGpioV2LineValues, cType: "struct gpio_v2_line_values"),
            CLayout(layout: SyscallModel.ioctlKbentry, cType: "struct kbentry"),
            CLayout(layout: SyscallModel.ioctlKbsentry, cType: "struct kbsentry"),
            CLayout(layout: SyscallModel.ioctlKbkeycode, cType: "struct kbkeycode"),
            CLayout(layout: SyscallModel.ioctlKbdRepeat, cType: "struct kbd_repeat"),
            CLayout(layout: SyscallModel.ioctlUnimapinit, cType: "struct unimapinit"),
            CLayout(layout: SyscallModel.ioctlUnipair, cType: "struct unipair"),
            CLayout(layout: SyscallModel.ioctlUnimapdesc(.input), cType: "struct unimapdesc"),
            CLayout(layout: SyscallModel.ioctlConsolefontdesc(.input), cType: "struct consolefontdesc"),
            CLayout(layout: SyscallModel.ioctlConsoleFontOp, cType: "struct console_font_op"),
        ])
    }

    @Test func deviceStructuresMatchTheKernelHeaders() throws {
        try expectLayoutsMatchC(includes: ["linux/fs.h", "linux/loop.h", "linux/blkpg.h", "linux/kvm.h", "linux/blktrace_api.h"], [
            CLayout(layout: SyscallModel.ioctlBlkUserTraceSetup, cType: "struct blk_user_trace_setup"),
            CLayout(layout: SyscallModel.ioctlBlkpgArg, cType: "struct blkpg_ioctl_arg"),
            CLayout(layout: SyscallModel.ioctlBlkpgPartition, cType: "struct blkpg_partition"),
            CLayout(layout: SyscallModel.ioctlLoopInfo, cType: "struct loop_info"),
            CLayout(layout: SyscallModel.ioctlLoopInfo64, cType: "struct loop_info64"),
            CLayout(layout: SyscallModel.ioctlLoopConfig, cType: "struct loop_config"),
            CLayout(layout: SyscallModel.ioctlFsxattr, cType: "struct fsxattr"),
            CLayout(layout: SyscallModel.ioctlFileCloneRange, cType: "struct file_clone_range"),
            CLayout(layout: SyscallModel.ioctlFstrimRange, cType: "struct fstrim_range"),
            CLayout(layout: SyscallModel.ioctlKvmRegs, cType: "struct kvm_regs"),
            CLayout(layout: SyscallModel.ioctlKvmSregs, cType: "struct kvm_sregs"),
            CLayout(layout: SyscallModel.ioctlKvmFpu, cType: "struct kvm_fpu"),
        ])
    }

    /// Every ioctl request and *ctl command variant is named after its macro, whose value the
    /// kernel headers give.
    @Test func variantValuesAreTheHeadersMacros() throws {
        var variants: [(String, UInt64)] = SyscallModel.ioctlRequests.map { ($0.name, $0.value) }
        for name in ["shmctl", "semctl", "msgctl"] {
            let m = try #require(try model(name).multiplexer)
            variants += m.variants.values.map { ($0.name, $0.value) }
        }
        let body = variants.map { "printf(\"\($0.0) %lu\\n\", (unsigned long)(\($0.0)));\n" }.joined()
        let headers = ["asm/termbits.h", "asm/ioctls.h", "linux/fs.h", "linux/loop.h", "linux/perf_event.h",
                       "linux/kvm.h", "linux/sockios.h", "linux/random.h", "linux/blkpg.h", "linux/fiemap.h",
                       "linux/ipc.h", "linux/shm.h", "linux/sem.h", "linux/msg.h", "linux/nsfs.h", "linux/nbd.h",
                       "linux/watchdog.h", "linux/inotify.h", "linux/blktrace_api.h", "linux/lirc.h", "linux/counter.h", "linux/rtc.h", "linux/hdreg.h", "linux/videodev2.h",
                       "linux/input.h", "linux/ptp_clock.h", "mtd/mtd-abi.h", "linux/gpio.h", "linux/kd.h", "linux/timerfd.h"]
        let source = headers.map { "#include <\($0)>\n" }.joined() + "#include <stdio.h>\nint main(void) {\n\(body)return 0;\n}\n"
        var values: [String: UInt64] = [:]
        for line in try runC(source).split(separator: "\n") {
            let parts = line.split(separator: " ")
            values[String(parts[0])] = UInt64(parts[1])
        }
        for (name, value) in variants {
            #expect(values[name] == value, "\(name) is \(values[name].map { String($0, radix: 16) } ?? "?"), the model says \(String(value, radix: 16))")
        }
    }

    @Test func ioctlRequestsAreUniqueAndNoFamilyIsTrustedByItsEncoding() throws {
        let requests = SyscallModel.ioctlRequests.map(\.value)
        #expect(Set(requests).count == requests.count, "a request value is described twice")
        let m = try #require(try model("ioctl").multiplexer)
        #expect(m.selector == 1 && m.mask == 0xffff_ffff && m.unknown == ENOTTY)
        #expect(m.flatIoctlTypes.isEmpty)
        // Pointer-carrying or unlisted requests are refused.
        for refused: UInt64 in [0x4020_ae46 /* KVM_SET_USER_MEMORY_REGION */, 0xc020_660b /* FS_IOC_FIEMAP */,
                                0xc018_9436 /* FIDEDUPERANGE */, 0x8946 /* SIOCETHTOOL */, 0x541c /* TIOCLINUX */] {
            #expect(m.variant(for: refused) == nil, "\(String(refused, radix: 16)) should be refused")
        }
        // The request is an unsigned int: the upper half of the register is not the kernel's.
        #expect(m.variant(for: 0xdead_beef_0000_5413)?.name == "TIOCGWINSZ")
    }

    @Test func ioctlArgumentsAreWhatTheDriverReads() throws {
        let winsize = try pointer("ioctl", 2, SyscallArgs(1, 0x5413))
        guard case .output = winsize.direction, case .structure(let w) = winsize.pointee else { throw CancellationError() }
        #expect(w.size == 8)
        let tcsets = try pointer("ioctl", 2, SyscallArgs(1, 0x5402))
        guard case .input = tcsets.direction, case .structure(let t) = tcsets.pointee else { throw CancellationError() }
        #expect(t.size == 36)
        // An integer argument, not a pointer.
        let ctty = try #require(try model("ioctl").arguments(for: SyscallArgs(1, 0x540e)))
        guard case .integer(let type, _) = ctty[2].type else { Issue.record("TIOCSCTTY takes an int"); return }
        #expect(type == .int)
        let loop = try #require(try model("ioctl").arguments(for: SyscallArgs(1, 0x4c00)))
        guard case .descriptor(.any) = loop[2].type else { Issue.record("LOOP_SET_FD takes a descriptor"); return }
        // BLKBSZGET is encoded as size_t but the kernel writes an int.
        guard case .scalar(let bsz, _) = try pointer("ioctl", 2, SyscallArgs(1, 0x8008_1270)).pointee else { throw CancellationError() }
        #expect(bsz.bytes == 4)
        // SIOCGIFCONF: ifc_buf is a pointer inside, counted by ifc_len; the structure is copied once.
        let ifconf = try pointer("ioctl", 2, SyscallArgs(1, 0x8912))
        guard case .both = ifconf.direction, case .structure(let ifc) = ifconf.pointee else { throw CancellationError() }
        #expect(ifc.carriesPointers)
        guard case .pointer(let buf) = try field(ifc, "ifc_buf").type, case .bytes(.field("ifc_len")) = buf.pointee else {
            Issue.record("ifc_buf is ifc_len bytes"); return
        }
        #expect(buf.direction == .output && buf.optional)
    }

    @Test func messageHeadersDescribeTheirNestedPointers() throws {
        let send = try pointer("sendmsg", 1)
        guard case .input = send.direction, case .structure(let s) = send.pointee else { throw CancellationError() }
        #expect(s.size == 56 && s.carriesPointers)
        let receive = try pointer("recvmsg", 1)
        guard case .both = receive.direction, case .structure(let r) = receive.pointee else { throw CancellationError() }
        // recvmsg: the iovec array is read, its buffers written, counted by msg_iovlen.
        guard case .pointer(let iov) = try field(r, "msg_iov").type, iov.direction == .input,
              case .array(of: .structure(let element), count: .min(.field("msg_iovlen"), .fixed(1024))) = iov.pointee,
              case .pointer(let base) = try field(element, "iov_base").type else {
            Issue.record("recvmsg's msg_iov is an array of msg_iovlen iovecs"); return
        }
        #expect(base.direction == .output)
        guard case .pointer(let control) = try field(r, "msg_control").type,
              case .controlMessages(.field("msg_controllen")) = control.pointee else {
            Issue.record("msg_control is msg_controllen bytes of control messages"); return
        }
        #expect(control.direction == .output)
        // recvmmsg: vlen mmsghdrs (at most UIO_MAXIOV), each 64 bytes.
        guard case .array(of: .structure(let mm), count: .min(.argument(2), .fixed(1024))) = try pointer("recvmmsg", 1).pointee else {
            Issue.record("recvmmsg's array is min(vlen, 1024) mmsghdrs"); return
        }
        #expect(mm.size == 64)
        let timeout = try pointer("recvmmsg", 4)
        #expect(timeout.optional && timeout.direction == .both)
    }

    @Test func socketAddressesUseValueResultLengths() throws {
        for (name, address, length) in [("accept", 1, 2), ("accept4", 1, 2), ("getsockname", 1, 2),
                                         ("getpeername", 1, 2), ("recvfrom", 4, 5)] {
            let p = try pointer(name, address)
            // At most sizeof(struct sockaddr_storage) is written.
            guard case .socketAddress(.min(.pointee(let i), .fixed(128))) = p.pointee, i == length, p.direction == .output else {
                Issue.record("\(name): the address is min(*arg\(length), 128) bytes"); continue
            }
            let len = try pointer(name, length)
            guard case .scalar(let t, _) = len.pointee, t.bytes == 4, len.direction == .both else {
                Issue.record("\(name): the length is a value-result int"); continue
            }
        }
        #expect(try pointer("accept", 2).optional)
        let getsocknameLength = try pointer("getsockname", 2)
        #expect(!getsocknameLength.optional)
        guard case .socketAddress(.min(.argument(2), .fixed(128))) = try pointer("connect", 1).pointee else { Issue.record("connect"); return }
        let name = try #require(try pointer("sendmsg", 1).pointee.structure)
        guard case .pointer(let msgName) = try field(name, "msg_name").type,
              case .socketAddress(.min(.field("msg_namelen"), .fixed(128))) = msgName.pointee else {
            Issue.record("msg_name is min(msg_namelen, 128) bytes"); return
        }
        guard case .bytes(.pointee(4)) = try pointer("getsockopt", 3).pointee else { Issue.record("getsockopt optval"); return }
        guard case .bytes(.argument(4)) = try pointer("setsockopt", 3).pointee else { Issue.record("setsockopt optval"); return }
    }

    @Test func memoryRangesAreAddressesAndIntegersAreTheKernelsTypes() throws {
        for (name, argument) in [("mmap", 0), ("munmap", 0), ("mprotect", 0), ("brk", 0), ("mremap", 0), ("mremap", 4),
                                 ("madvise", 0), ("mlock", 0), ("msync", 0), ("shmat", 1), ("shmdt", 0)] {
            guard case .address = try model(name).arguments[argument].type else {
                Issue.record("\(name) argument \(argument) is an address"); continue
            }
        }
        // mmap: MAP_ANONYMOUS ignores fd, a file mapping reads it.
        let anonymous = try #require(try model("mmap").arguments(for: SyscallArgs(0, 4096, 3, 0x22, 7, 0)))
        guard case .integer = anonymous[4].type else { Issue.record("an anonymous mapping's fd is a number"); return }
        let file = try #require(try model("mmap").arguments(for: SyscallArgs(0, 4096, 1, 0x2, 7, 0)))
        guard case .descriptor = file[4].type else { Issue.record("a file mapping's fd is a descriptor"); return }
        guard case .integer(let msyncFlags, _) = try model("msync").arguments[2].type else { throw CancellationError() }
        #expect(msyncFlags == .int)
        guard case .integer(let semops, _) = try model("semop").arguments[2].type else { throw CancellationError() }
        #expect(semops == .uint)
        guard case .integer(let mode, _) = try model("mq_open").arguments[2].type else { throw CancellationError() }
        #expect(mode == .umode_t)
    }

    @Test func remoteIovecsAreNotThisProcesssPointers() throws {
        for name in ["process_vm_readv", "process_vm_writev", "process_madvise"] {
            let remote = try pointer(name, name == "process_madvise" ? 1 : 3)
            guard case .array(of: .structure(let iovec), _) = remote.pointee else { Issue.record("\(name): remote iovecs"); continue }
            guard case .integer = try field(iovec, "iov_base").type else { Issue.record("\(name): remote iov_base is a number"); continue }
            #expect(!iovec.carriesPointers)
        }
        guard case .array(of: .structure(let local), count: .min(.argument(2), .fixed(1024))) = try pointer("process_vm_readv", 1).pointee,
              case .pointer(let base) = try field(local, "iov_base").type else { Issue.record("local iovecs"); return }
        #expect(base.direction == .output)
    }

    @Test func ipcCommandsPickTheirStructures() throws {
        // shmctl IPC_STAT writes a shmid64_ds; IPC_64 (0x100) is not a flag on x86-64.
        let stat = try pointer("shmctl", 2, SyscallArgs(0, 2))
        guard case .structure(let shm) = stat.pointee else { throw CancellationError() }
        #expect(shm.size == 112 && stat.direction == .output)
        #expect(try model("shmctl").arguments(for: SyscallArgs(0, 0x102)) == nil)
        #expect(try model("shmctl").multiplexer?.unknown == EINVAL)
        // semctl: SETVAL's arg is an int, GETALL's an array of unsigned short, IPC_RMID reads neither.
        let setval = try #require(try model("semctl").arguments(for: SyscallArgs(0, 1, 16, 5)))
        guard case .integer(let val, _) = setval[3].type, case .integer = setval[1].type else { throw CancellationError() }
        #expect(val == .int)
        guard case .array(of: .scalar(let u16, _), _) = try pointer("semctl", 3, SyscallArgs(0, 0, 13)).pointee else { throw CancellationError() }
        #expect(u16 == .u16)
        let rmid = try #require(try model("semctl").arguments(for: SyscallArgs(0, 0, 0)))
        guard case .unused = rmid[3].type, case .unused = rmid[1].type else { Issue.record("IPC_RMID reads no semnum or arg"); return }
        // semop: nsops sembufs of 6 bytes.
        guard case .array(of: .structure(let sembuf), count: .argument(2)) = try pointer("semop", 1).pointee else { throw CancellationError() }
        #expect(sembuf.size == 6)
        // mq_notify: the sigevent carries the SIGEV_THREAD cookie pointer.
        let notification = try pointer("mq_notify", 1)
        guard case .structure(let sigevent) = notification.pointee else { throw CancellationError() }
        #expect(sigevent.size == 64 && sigevent.carriesPointers && notification.optional)
    }
}
