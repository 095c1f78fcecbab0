// The file and descriptor families of the syscall model: every call described, structures laid
// out as the C compiler lays them out, and spot checks of what the kernel reads and writes.
import Foundation
import Glibc
import Testing
@testable import DunetraceCore

private let fileCallNames = """
    open stat lstat access truncate getcwd chdir rename mkdir rmdir creat link unlink symlink readlink chmod chown
    lchown utime mknod uselib ustat statfs pivot_root chroot sync acct mount umount2 swapon swapoff quotactl setxattr
    lsetxattr getxattr lgetxattr listxattr llistxattr removexattr lremovexattr utimes openat mkdirat mknodat fchownat
    futimesat newfstatat unlinkat renameat linkat symlinkat readlinkat fchmodat faccessat utimensat name_to_handle_at
    open_by_handle_at renameat2 statx open_tree move_mount fsopen fsconfig fsmount fspick openat2 faccessat2
    mount_setattr quotactl_fd landlock_create_ruleset landlock_add_rule landlock_restrict_self
    """.split(whereSeparator: \.isWhitespace).map(String.init)

private let descriptorCallNames = """
    read write close fstat poll lseek pread64 pwrite64 readv writev pipe select dup dup2 sendfile fcntl flock fsync
    fdatasync ftruncate getdents fchdir fchmod fchown fstatfs readahead fsetxattr fgetxattr flistxattr fremovexattr
    io_setup io_destroy io_getevents io_submit io_cancel epoll_create epoll_ctl_old epoll_wait_old getdents64 fadvise64
    epoll_wait epoll_ctl inotify_init inotify_add_watch inotify_rm_watch pselect6 ppoll splice tee sync_file_range
    vmsplice epoll_pwait eventfd fallocate eventfd2 epoll_create1 dup3 pipe2 inotify_init1 preadv pwritev
    fanotify_init fanotify_mark syncfs copy_file_range preadv2 pwritev2 io_pgetevents io_uring_setup io_uring_enter
    io_uring_register close_range epoll_pwait2
    """.split(whereSeparator: \.isWhitespace).map(String.init)

private func describedCall(_ name: String) throws -> SyscallDescription {
    let nr = try #require(SyscallTable.number(name), "\(name) is not in SyscallTable")
    let description = try #require(SyscallModel.description(nr), "\(name) (\(nr)) is not described")
    #expect(description.name == name)
    return description
}

private func pointer(_ type: ValueType?) -> PointerType? {
    if case .pointer(let p)? = type { return p }
    return nil
}

private func layout(_ pointee: Pointee?) -> StructLayout? {
    switch pointee {
    case .structure(let s)?: return s
    case .array(of: .structure(let s), count: _)?: return s
    default: return nil
    }
}

/// Bytes of a field as the kernel reads it (integers by C type, pointers and addresses 8).
private func width(_ type: ValueType) -> Int {
    switch type {
    case .integer(let t, _): return t.bytes
    case .descriptor: return 4
    case .pointer, .address: return 8
    case .unused: return 0
    }
}

/// Checks that every Count names something that exists and is an integer, and that every
/// structure's fields lie inside it without overlapping; returns the problems found.
private func problems(in arguments: [Parameter], call: String) -> [String] {
    var found: [String] = []
    func isInteger(_ t: ValueType?) -> Bool { if case .integer? = t { return true } else { return false } }
    func check(_ count: Count, fields: [Field]?, at place: String) {
        switch count {
        case .fixed(let n): if n < 0 { found.append("\(place): negative fixed count") }
        case .argument(let i):
            if !(i < arguments.count && isInteger(arguments[i].type)) { found.append("\(place): argument \(i) is not an integer") }
        case .pointee(let i):
            if pointer(i < arguments.count ? arguments[i].type : nil) == nil { found.append("\(place): argument \(i) is not a pointer") }
        case .field(let name):
            if !isInteger(fields?.first { $0.name == name }?.type) { found.append("\(place): no integer field \(name)") }
        case .result: break
        case .min(let a, let b): check(a, fields: fields, at: place); check(b, fields: fields, at: place)
        case .times(let c, let size): check(c, fields: fields, at: place); if size <= 0 { found.append("\(place): element size") }
        case .sum(let a, let b): check(a, fields: fields, at: place); check(b, fields: fields, at: place)
        case .bitmapBytes(let c), .pageCount(let c): check(c, fields: fields, at: place)
        case .product(let a, let b): check(a, fields: fields, at: place); check(b, fields: fields, at: place)
        case .unknowable: break
        }
    }
    func check(_ pointee: Pointee, fields: [Field]?, at place: String) {
        switch pointee {
        case .bytes(let c), .socketAddress(let c), .controlMessages(let c): check(c, fields: fields, at: place)
        case .string(let limit): if limit <= 0 { found.append("\(place): string limit") }
        case .scalar: break
        case .structure(let s): check(s, at: place + "." + s.name)
        case .array(let element, let count): check(count, fields: fields, at: place); check(element, fields: fields, at: place)
        case .nullTerminated(let element, _): check(element, fields: fields, at: place)
        }
    }
    func check(_ s: StructLayout, at place: String) {
        var end = 0
        for field in s.fields.sorted(by: { $0.offset < $1.offset }) {
            if field.offset < end { found.append("\(place).\(field.name) overlaps the field before it") }
            end = field.offset + width(field.type)
            if end > s.size { found.append("\(place).\(field.name) ends past the structure") }
            if let p = pointer(field.type) { check(p.pointee, fields: s.fields, at: place + "." + field.name) }
        }
    }
    for (i, argument) in arguments.enumerated() {
        if let p = pointer(argument.type) { check(p.pointee, fields: nil, at: "\(call) argument \(i)") }
    }
    return found
}

/// Every argument list a description can take: the call's own, and each variant's.
private func argumentLists(_ d: SyscallDescription) -> [(String, [Parameter])] {
    guard let m = d.multiplexer else { return [(d.name, d.arguments)] }
    return m.variants.values.sorted { $0.value < $1.value }.compactMap { v in
        var registers = SyscallArgs()
        registers[m.selector] = v.value
        return d.arguments(for: registers).map { ("\(d.name) \(v.name)", $0) }
    }
}

@Test("every file-family and descriptor-family call is described, with its table number, name and classes")
func fileAndDescriptorCallsDescribed() throws {
    #expect(fileCallNames.count + descriptorCallNames.count == 145)
    let family = Set((SyscallModel.fileCalls + SyscallModel.descriptorCalls).map(\.name))
    for name in fileCallNames + descriptorCallNames {
        let d = try describedCall(name)
        #expect(family.contains(name), "\(name) is described outside its family")
        #expect(d.classes == SyscallTable.classes(d.number), "\(name): classes differ from SyscallTable's")
        #expect(d.arguments.count <= 6)
    }
    let numbers = (SyscallModel.fileCalls + SyscallModel.descriptorCalls).map(\.number)
    #expect(Set(numbers).count == numbers.count, "a call is described twice")
}

@Test("counts name integer arguments or fields, and structure fields lie inside their structures")
func fileAndDescriptorDescriptionsConsistent() {
    var found: [String] = []
    for d in SyscallModel.fileCalls + SyscallModel.descriptorCalls {
        for (name, arguments) in argumentLists(d) { found += problems(in: arguments, call: name) }
    }
    #expect(found.isEmpty, "\(found)")
}

/// Layouts checked against the C compiler: the layout, its C type, the headers it needs and
/// C spellings of field names that differ from the model's (nil: not in these headers).
private let cLayouts: [(StructLayout, String, [String: String?])] = [
    (SyscallModel.statStruct, "struct stat", [
        "st_atime": "st_atim.tv_sec", "st_atime_nsec": "st_atim.tv_nsec", "st_mtime": "st_mtim.tv_sec",
        "st_mtime_nsec": "st_mtim.tv_nsec", "st_ctime": "st_ctim.tv_sec", "st_ctime_nsec": "st_ctim.tv_nsec",
    ]),
    (SyscallModel.statfsStruct, "struct statfs", [:]),
    (SyscallModel.utimbufStruct, "struct utimbuf", [:]),
    (SyscallModel.statxStruct, "struct statx", [:]),
    (SyscallModel.fileHandleStruct, "struct file_handle", [:]),
    (SyscallModel.landlockPathBeneathStruct, "struct landlock_path_beneath_attr", [:]),
    (SyscallModel.ifDqblkStruct, "struct if_dqblk", [:]),
    (SyscallModel.ifNextdqblkStruct, "struct if_nextdqblk", [:]),
    (SyscallModel.ifDqinfoStruct, "struct if_dqinfo", [:]),
    (SyscallModel.pollfdStruct, "struct pollfd", [:]),
    (SyscallModel.epollEventStruct, "struct epoll_event", [:]),
    (SyscallModel.flockStruct, "struct flock", [:]),
    (SyscallModel.fOwnerExStruct, "struct f_owner_ex", [:]),
    (SyscallModel.iocbStruct, "struct iocb", [:]),
    (SyscallModel.ioEventStruct, "struct io_event", [:]),
    (SyscallModel.ioUringParamsStruct, "struct io_uring_params", ["sq_off.user_addr": "sq_off.resv2", "cq_off.user_addr": "cq_off.resv2"]),
    (SyscallModel.ioUringGeteventsArgStruct, "struct io_uring_getevents_arg", ["min_wait_usec": "pad"]),
    (SyscallModel.ioUringFilesUpdateStruct, "struct io_uring_files_update", [:]),
    (SyscallModel.ioUringRsrcRegisterStruct(.bytes(.fixed(4))), "struct io_uring_rsrc_register", [:]),
    (SyscallModel.ioUringRsrcUpdate2Struct(.bytes(.fixed(4))), "struct io_uring_rsrc_update2", [:]),
    (SyscallModel.ioUringRingFdStruct, "struct io_uring_rsrc_update", [:]),
    (SyscallModel.ioUringBufRegStruct, "struct io_uring_buf_reg", ["flags": "pad"]),
    (SyscallModel.ioUringSyncCancelRegStruct, "struct io_uring_sync_cancel_reg", [
        "timeout.tv_sec": "timeout.tv_sec", "timeout.tv_nsec": "timeout.tv_nsec", "opcode": "pad",
    ]),
]

@Test("file and descriptor structures have the C compiler's sizes and offsets")
func fileAndDescriptorLayoutsMatchC() throws {
    var program = """
        #define _GNU_SOURCE
        #include <stdio.h>
        #include <stddef.h>
        #include <fcntl.h>
        #include <poll.h>
        #include <utime.h>
        #include <sys/stat.h>
        #include <sys/statfs.h>
        #include <sys/epoll.h>
        #include <linux/aio_abi.h>
        #include <linux/io_uring.h>
        #include <linux/quota.h>
        #include <linux/landlock.h>
        int main(void) {

        """
    var expected: [String] = []
    for (s, cType, spellings) in cLayouts {
        program += "    printf(\"%zu\\n\", sizeof(\(cType)));\n"
        expected.append("\(cType) size \(s.size)")
        for field in s.fields {
            guard let cName = spellings[field.name] ?? field.name else { continue }
            program += "    printf(\"%zu\\n\", offsetof(\(cType), \(cName)));\n"
            expected.append("\(cType).\(field.name) \(field.offset)")
        }
    }
    program += "    return 0;\n}\n"
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("model-layouts-file-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let source = directory.appendingPathComponent("layouts.c").path, binary = directory.appendingPathComponent("layouts").path
    try program.write(toFile: source, atomically: true, encoding: .utf8)
    let compiled = try runCommand("/usr/bin/cc", ["-o", binary, source])
    try #require(compiled.status == 0, "\(compiled.stderr)")
    let run = try runCommand(binary, [])
    let values = run.stdout.split(separator: "\n")
    try #require(values.count == expected.count)
    for (line, value) in zip(expected, values) {
        let (label, ours) = (line[..<line.lastIndex(of: " ")!], line[line.index(after: line.lastIndex(of: " ")!)...])
        #expect(String(ours) == String(value), "\(label): model \(ours), C \(value)")
    }
}

@Test("spot checks: what the kernel reads and writes for file and descriptor calls")
func fileAndDescriptorSpotChecks() throws {
    // readv: an array of iovec the kernel reads, argument 2 of them, whose buffers it writes.
    let readv = try describedCall("readv")
    let vec = try #require(pointer(readv.arguments[1].type))
    #expect(vec.direction == .input)
    guard case .array(of: .structure(let iovec), count: .argument(2)) = vec.pointee else { Issue.record("readv vec"); return }
    #expect(pointer(iovec.fields[0].type)?.direction == .output)

    // mkdir's mode is a umode_t: 16 bits.
    guard case .integer(let mode, _) = try describedCall("mkdir").arguments[1].type else { Issue.record("mkdir mode"); return }
    #expect(mode.bytes == 2 && mode.value(of: 0o37777600755) == 0o755)

    // fcntl: F_GETLK reads and writes a 32-byte struct flock, F_SETLK only reads it, F_GETFD
    // reads no argument, an unknown command is EINVAL.
    let fcntl = try describedCall("fcntl")
    func fcntlArg(_ cmd: UInt64) -> ValueType? { fcntl.arguments(for: SyscallArgs(3, cmd, 0x1000))?[2].type }
    let getlk = try #require(pointer(fcntlArg(5)))
    #expect(getlk.direction == .both && layout(getlk.pointee)?.size == 32)
    #expect(pointer(fcntlArg(6))?.direction == .input)
    #expect(pointer(fcntlArg(36))?.direction == .both)
    if case .unused? = fcntlArg(1) {} else { Issue.record("F_GETFD reads its argument") }
    #expect(pointer(fcntlArg(0x1_0000_0005))?.direction == .both, "the kernel reads cmd as an unsigned int")
    #expect(fcntlArg(12) == nil && fcntl.multiplexer?.unknown == EINVAL)

    // poll: argument 1 pollfds of 8 bytes, read and written back even when interrupted, up to a page it cannot write.
    let ufds = try #require(pointer(try describedCall("poll").arguments[0].type))
    guard case .array(of: .structure(let pollfd), count: .argument(1)) = ufds.pointee else { Issue.record("poll ufds"); return }
    #expect(ufds.direction == .both && ufds.written == .alwaysUntilFault && pollfd.size == 8)

    // epoll_wait: maxevents packed 12-byte events.
    let events = try #require(pointer(try describedCall("epoll_wait").arguments[1].type))
    guard case .array(of: .structure(let event), count: .argument(2)) = events.pointee else { Issue.record("epoll events"); return }
    #expect(events.direction == .output && event.size == 12)

    // epoll_ctl: the event is not read for EPOLL_CTL_DEL.
    let epollCtl = try describedCall("epoll_ctl")
    if case .address? = epollCtl.arguments(for: SyscallArgs(3, 2, 4, 0))?[3].type {} else { Issue.record("EPOLL_CTL_DEL event") }
    #expect(pointer(epollCtl.arguments(for: SyscallArgs(3, 1, 4, 0x1000))?[3].type)?.direction == .input)

    // quotactl: cmd >> 8 selects whatever the quota type in the low byte; Q_QUOTAON takes a
    // path from quotactl but not from quotactl_fd.
    let quotactl = try describedCall("quotactl"), quotactlFd = try describedCall("quotactl_fd")
    let getquota = try #require(pointer(quotactl.arguments(for: SyscallArgs(0x8000_0701, 0x1000, 0, 0x2000))?[3].type))
    #expect(getquota.direction == .output && layout(getquota.pointee)?.size == 72)
    #expect(pointer(quotactl.arguments(for: SyscallArgs(0x8000_0200))?[3].type)?.direction == .input)
    if case .unused? = quotactlFd.arguments(for: SyscallArgs(3, 0x8000_0200))?[3].type {} else { Issue.record("quotactl_fd Q_QUOTAON") }

    // io_submit: nr pointers to iocbs the kernel reads (and writes aio_key into), each with a
    // buffer of aio_nbytes bytes.
    let iocbpp = try #require(pointer(try describedCall("io_submit").arguments[2].type))
    guard case .array(of: .structure(let slot), count: .argument(1)) = iocbpp.pointee,
          let iocbPointer = pointer(slot.fields.first?.type), let iocb = layout(iocbPointer.pointee)
    else { Issue.record("io_submit iocbpp"); return }
    #expect(slot.size == 8 && iocbPointer.direction == .both && iocb.size == 64)
    let buffer = try #require(pointer(iocb.fields.first { $0.name == "aio_buf" }?.type))
    guard case .bytes(.field("aio_nbytes")) = buffer.pointee else { Issue.record("aio_buf length"); return }

    // io_uring: setup's params are read and written; enter's EXT_ARG argument is a 24-byte
    // struct, and a registered ring's fd is an index, not a descriptor.
    let params = try #require(pointer(try describedCall("io_uring_setup").arguments[1].type))
    #expect(params.direction == .both && layout(params.pointee)?.size == 120)
    let enter = try describedCall("io_uring_enter")
    #expect(layout(pointer(enter.arguments(for: SyscallArgs(3, 1, 1, 0x9))?[4].type)?.pointee)?.size == 24)
    if case .integer? = enter.arguments(for: SyscallArgs(0, 1, 1, 0x19))?[0].type {} else { Issue.record("registered ring fd") }
    let register = try describedCall("io_uring_register")
    if case .integer? = register.arguments(for: SyscallArgs(0, 0x8000_0002))?[0].type {} else { Issue.record("register ring fd") }
    #expect(register.arguments(for: SyscallArgs(3, 0x4000_0000)) == nil)

    // pselect6's sixth argument carries a pointer to the sigset and its length.
    let sig = try #require(pointer(try describedCall("pselect6").arguments[5].type))
    #expect(layout(sig.pointee)?.carriesPointers == true && layout(sig.pointee)?.size == 16)

    // fsconfig: an unknown command is EOPNOTSUPP; FSCONFIG_SET_BINARY's value is aux bytes.
    let fsconfig = try describedCall("fsconfig")
    #expect(fsconfig.multiplexer?.unknown == EOPNOTSUPP && fsconfig.arguments(for: SyscallArgs(3, 9)) == nil)
    guard case .bytes(.argument(4))? = pointer(fsconfig.arguments(for: SyscallArgs(3, 2))?[3].type)?.pointee
    else { Issue.record("FSCONFIG_SET_BINARY value"); return }

    // getxattr writes at most 64 KiB whatever size says.
    guard case .bytes(.min(.argument(3), .fixed(65536)))? = pointer(try describedCall("getxattr").arguments[2].type)?.pointee
    else { Issue.record("getxattr value length"); return }

    // Results that are new descriptors.
    for name in ["open", "openat", "creat", "dup", "dup3", "epoll_create1", "io_uring_setup", "openat2", "fsopen"] {
        #expect(try describedCall(name).result == .descriptor, "\(name)")
    }
}
