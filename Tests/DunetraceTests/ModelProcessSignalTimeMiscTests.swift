// The model's process, signal, time and miscellaneous families: every call present under its
// table name, structures laid out as the C compiler lays them out, and spot checks of the
// semantics (multiplexed variants, pointer directions and lengths).
import Foundation
import Testing
@testable import DunetraceCore

private let processNames = """
    sched_yield getpid clone fork vfork execve exit wait4 uname umask getrlimit getrusage sysinfo ptrace getuid getgid \
    setuid setgid geteuid getegid setpgid getppid getpgrp setsid setreuid setregid getgroups setgroups setresuid \
    getresuid setresgid getresgid getpgid setfsuid setfsgid getsid capget capset personality getpriority setpriority \
    sched_setparam sched_getparam sched_setscheduler sched_getscheduler sched_get_priority_max sched_get_priority_min \
    sched_rr_get_interval vhangup prctl arch_prctl setrlimit sethostname setdomainname gettid futex sched_setaffinity \
    sched_getaffinity set_tid_address exit_group waitid unshare set_robust_list get_robust_list prlimit64 setns getcpu \
    kcmp sched_setattr sched_getattr execveat rseq pidfd_open clone3 pidfd_getfd futex_waitv
    """
private let signalNames = """
    rt_sigaction rt_sigprocmask rt_sigreturn pause kill rt_sigpending rt_sigtimedwait rt_sigqueueinfo rt_sigsuspend \
    sigaltstack tkill tgkill signalfd signalfd4 rt_tgsigqueueinfo pidfd_send_signal
    """
private let timeNames = """
    nanosleep getitimer alarm setitimer gettimeofday times adjtimex settimeofday time timer_create timer_settime \
    timer_gettime timer_getoverrun timer_delete clock_settime clock_gettime clock_getres clock_nanosleep timerfd_create \
    timerfd_settime timerfd_gettime clock_adjtime
    """
private let miscNames = """
    syslog sysfs modify_ldt _sysctl reboot iopl ioperm create_module init_module delete_module get_kernel_syms \
    query_module nfsservctl getpmsg putpmsg afs_syscall tuxcall security set_thread_area get_thread_area lookup_dcookie \
    restart_syscall vserver kexec_load add_key request_key keyctl ioprio_set ioprio_get perf_event_open finit_module \
    seccomp getrandom kexec_file_load bpf
    """

private func names(_ list: String) -> [String] { list.split(separator: " ").map(String.init) }
private let allNames = names(processNames) + names(signalNames) + names(timeNames) + names(miscNames)

private func number(_ name: String) -> Int? { SyscallTable.entries.first { $0.name == name }?.number }
private func model(_ name: String) throws -> SyscallDescription {
    try #require(number(name).flatMap { SyscallModel.description($0) }, "\(name) is not described")
}
private func arguments(_ name: String, _ registers: SyscallArgs) throws -> [Parameter]? {
    try model(name).arguments(for: registers)
}
private func pointer(_ p: Parameter?) -> PointerType? {
    if case .pointer(let t)? = p?.type { return t }
    return nil
}
private func structure(_ p: Parameter?) -> StructLayout? {
    if case .structure(let s)? = pointer(p)?.pointee { return s }
    return nil
}
private func isUnused(_ p: Parameter?) -> Bool {
    if case .unused? = p?.type { return true }
    return false
}
private func integer(_ p: Parameter?) -> CInt? {
    if case .integer(let t, _)? = p?.type { return t }
    return nil
}
private func isAddress(_ v: ValueType?) -> Bool {
    if case .address? = v { return true }
    return false
}

@Suite("Model: process, signal, time and misc families")
struct ModelProcessSignalTimeMiscTests {
    @Test("all 149 calls are described under the table's number and name, with its classes")
    func everyCallDescribed() throws {
        #expect(allNames.count == 149)
        #expect(Set(allNames).count == 149)
        for name in allNames {
            let entry = try #require(SyscallTable.entries.first { $0.name == name }, "\(name) is not in the table")
            let d = try #require(SyscallModel.description(entry.number), "\(name) (\(entry.number)) is not described")
            #expect(d.name == name)
            #expect(d.classes == entry.classes, "\(name): classes")
            #expect(d.arguments.count <= 6, "\(name): more than 6 arguments")
        }
    }

    /// Every length that names an argument names an integer argument of the same call, and every
    /// length that names a field names a field of the structure it is in.
    @Test("counts refer to integer arguments and existing fields")
    func countsAreConsistent() throws {
        func check(_ count: Count, _ args: [Parameter], _ fields: [Field]?, _ at: String) {
            switch count {
            case .argument(let i), .pointee(let i):
                #expect(i >= 0 && i < args.count, "\(at): argument \(i)")
                if case .argument = count, i < args.count { #expect(integer(args[i]) != nil, "\(at): argument \(i) is not an integer") }
            case .field(let name):
                #expect(fields?.contains { $0.name == name } == true, "\(at): no field \(name)")
            case .min(let a, let b): check(a, args, fields, at); check(b, args, fields, at)
            case .times(let c, _): check(c, args, fields, at)
            case .sum(let a, let b): check(a, args, fields, at); check(b, args, fields, at)
            case .bitmapBytes(let c), .pageCount(let c): check(c, args, fields, at)
            case .product(let a, let b): check(a, args, fields, at); check(b, args, fields, at)
            case .fixed, .result, .unknowable: break
            }
        }
        func walk(_ pointee: Pointee, _ args: [Parameter], _ fields: [Field]?, _ at: String) {
            switch pointee {
            case .bytes(let c), .socketAddress(let c), .controlMessages(let c): check(c, args, fields, at)
            case .array(let element, let c): check(c, args, fields, at); walk(element, args, fields, at)
            case .nullTerminated(let element, _): walk(element, args, fields, at)
            case .structure(let s):
                for f in s.fields {
                    #expect(f.offset >= 0 && f.offset < s.size, "\(at): \(s.name).\(f.name) outside the structure")
                    if case .pointer(let p) = f.type { walk(p.pointee, args, s.fields, "\(at).\(s.name).\(f.name)") }
                }
            case .string, .scalar: break
            }
        }
        for name in allNames {
            let d = try model(name)
            var argumentLists = [d.arguments]
            for v in d.multiplexer.map({ Array($0.variants.values) }) ?? [] {
                var registers = SyscallArgs()
                registers[d.multiplexer!.selector] = v.value
                argumentLists.append(try #require(d.arguments(for: registers)))
            }
            for args in argumentLists {
                for p in args {
                    if case .pointer(let t) = p.type { walk(t.pointee, args, nil, "\(name).\(p.name)") }
                }
            }
        }
    }

    @Test("structure layouts match the C compiler's")
    func layoutsMatchC() throws {
        typealias L = SyscallModel
        // (layout, C type, [model field: C member]); fields not listed have the same name in C.
        let checks: [(StructLayout, String, [String: String])] = [
            (L.ProcessLayouts.rlimit, "struct rlimit", [:]),
            (L.ProcessLayouts.rusage, "struct rusage", ["ru_utime": "ru_utime.tv_sec", "ru_utime_usec": "ru_utime.tv_usec",
                                                        "ru_stime": "ru_stime.tv_sec", "ru_stime_usec": "ru_stime.tv_usec"]),
            (L.ProcessLayouts.utsname, "struct utsname", [:]),
            (L.ProcessLayouts.sysinfo, "struct sysinfo", ["loads0": "loads[0]", "loads1": "loads[1]", "loads2": "loads[2]"]),
            (L.ProcessLayouts.schedParam, "struct sched_param", [:]),
            (L.ProcessLayouts.schedAttr, "struct sched_attr", [:]),
            (L.ProcessLayouts.capHeader, "struct __user_cap_header_struct", [:]),
            (L.ProcessLayouts.capData, "struct __user_cap_data_struct", [:]),
            (L.ProcessLayouts.cloneArgs, "struct clone_args", [:]),
            (L.ProcessLayouts.futexWaitv, "struct futex_waitv", [:]),
            (L.ProcessLayouts.kcmpEpollSlot, "struct kcmp_epoll_slot", [:]),
            (L.ProcessLayouts.sockFilter, "struct sock_filter", [:]),
            (L.ProcessLayouts.sockFprog, "struct sock_fprog", [:]),
            (L.ProcessLayouts.userRegs, "struct user_regs_struct", [:]),
            (L.ProcessLayouts.userFpregs, "struct user_fpregs_struct", [:]),
            (L.SignalLayouts.siginfo, "siginfo_t", [:]),
            (L.SignalLayouts.stack, "stack_t", [:]),
            (L.SignalLayouts.sigevent, "struct sigevent", ["sigev_notify_thread_id": "_sigev_un._tid"]),
            (L.TimeLayouts.itimerval, "struct itimerval", ["it_interval_sec": "it_interval.tv_sec", "it_interval_usec": "it_interval.tv_usec",
                                                           "it_value_sec": "it_value.tv_sec", "it_value_usec": "it_value.tv_usec"]),
            (L.TimeLayouts.itimerspec, "struct itimerspec", ["it_interval_sec": "it_interval.tv_sec", "it_interval_nsec": "it_interval.tv_nsec",
                                                             "it_value_sec": "it_value.tv_sec", "it_value_nsec": "it_value.tv_nsec"]),
            (L.TimeLayouts.tms, "struct tms", [:]),
            (L.TimeLayouts.timezone, "struct timezone", [:]),
            (L.TimeLayouts.timex, "struct timex", ["time_sec": "time.tv_sec", "time_usec": "time.tv_usec"]),
            // Bit fields have no offsetof: the word after the last plain member.
            (L.MiscLayouts.userDesc, "struct user_desc", ["flags": "limit) + sizeof(unsigned int"]),
            (L.MiscLayouts.keyctlDhParams, "struct keyctl_dh_params", ["private": "priv"]),
            (L.MiscLayouts.keyctlKdfParams, "struct keyctl_kdf_params", [:]),
            (L.MiscLayouts.keyctlPkeyQuery, "struct keyctl_pkey_query", [:]),
            (L.MiscLayouts.perfEventAttr, "struct perf_event_attr",
             ["flags": "read_format) + sizeof(__u64", "config3": "sig_data) + sizeof(__u64"]),
            (L.MiscLayouts.seccompNotifSizes, "struct seccomp_notif_sizes", [:]),
        ]
        var program = """
            #define _GNU_SOURCE
            #include <stdio.h>
            #include <stddef.h>
            #include <time.h>
            #include <signal.h>
            #include <sys/time.h>
            #include <sys/resource.h>
            #include <sys/times.h>
            #include <sys/utsname.h>
            #include <sys/sysinfo.h>
            #include <sys/timex.h>
            #include <sys/user.h>
            #include <linux/sched.h>
            #include <linux/sched/types.h>
            #include <linux/capability.h>
            #include <linux/futex.h>
            #include <linux/perf_event.h>
            #include <linux/filter.h>
            #include <linux/seccomp.h>
            #include <linux/kcmp.h>
            #include <linux/keyctl.h>
            #include <asm/ldt.h>
            int main(void) {

            """
        for (layout, cType, renamed) in checks {
            if cType == "struct perf_event_attr" {
                // config3 (PERF_ATTR_SIZE_VER8, Linux 6.3) is newer than some installed headers.
                program += """
                    #ifdef PERF_ATTR_SIZE_VER8
                    printf("\(layout.name) %zu\\n", sizeof(\(cType)));
                    #else
                    printf("\(layout.name) %zu\\n", sizeof(\(cType)) + 8);
                    #endif

                    """
            } else {
                program += "printf(\"\(layout.name) %zu\\n\", sizeof(\(cType)));\n"
            }
            for f in layout.fields {
                program += "printf(\"\(layout.name).\(f.name) %zu\\n\", offsetof(\(cType), \(renamed[f.name] ?? f.name)));\n"
            }
        }
        program += "return 0; }\n"
        let dir = NSTemporaryDirectory() + "model-layouts-process-\(getpid())"  // not ModelFileDescriptorTests' (suites run in parallel)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try program.write(toFile: dir + "/layouts.c", atomically: true, encoding: .utf8)
        let compile = try runCommand("/usr/bin/cc", ["-o", dir + "/layouts", dir + "/layouts.c"])
        try #require(compile.status == 0, "cc: \(compile.stderr)")
        let run = try runCommand(dir + "/layouts", [])
        var c: [String: Int] = [:]
        for line in run.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let v = Int(parts[1]) { c[String(parts[0])] = v }
        }
        for (layout, _, _) in checks {
            #expect(c[layout.name] == layout.size, "sizeof \(layout.name)")
            for f in layout.fields {
                #expect(c["\(layout.name).\(f.name)"] == f.offset, "offsetof \(layout.name).\(f.name)")
            }
        }
    }

    @Test("futex: the command is op without FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME")
    func futexVariants() throws {
        let d = try model("futex")
        #expect(d.multiplexer?.unknown == ENOSYS)
        // FUTEX_WAIT_PRIVATE: arg 3 is an optional timespec the kernel reads; uaddr2, val3 unused.
        let wait = try #require(try arguments("futex", SyscallArgs(0x1000, 128)))
        let timeout = try #require(pointer(wait[3]))
        #expect(timeout.direction == .input && timeout.optional)
        #expect(structure(wait[3])?.size == 16)
        #expect(isUnused(wait[4]) && isUnused(wait[5]))
        // FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME reads val3 (the bitset).
        let bitset = try #require(try arguments("futex", SyscallArgs(0x1000, 9 | 256)))
        #expect(integer(bitset[5]) == .u32)
        // FUTEX_WAKE: no timeout.
        let wake = try #require(try arguments("futex", SyscallArgs(0x1000, 1 | 128)))
        #expect(isUnused(wake[3]))
        // FUTEX_CMP_REQUEUE: arg 3 is val2, an integer; arg 4 uaddr2 a u32 pointer.
        let requeue = try #require(try arguments("futex", SyscallArgs(0x1000, 4)))
        #expect(integer(requeue[3]) == .u32)
        #expect(pointer(requeue[4]) != nil)
        // FUTEX_WAKE_OP modifies *uaddr2; FUTEX_LOCK_PI writes *uaddr.
        #expect(pointer(try #require(try arguments("futex", SyscallArgs(0x1000, 5)))[4])?.direction == .both)
        #expect(pointer(try #require(try arguments("futex", SyscallArgs(0x1000, 6)))[0])?.direction == .both)
        // FUTEX_FD (removed) and a command with an unknown bit are refused.
        #expect(try arguments("futex", SyscallArgs(0x1000, 2)) == nil)
        #expect(try arguments("futex", SyscallArgs(0x1000, 0x200)) == nil)
        // op is an int: the register's upper half is not part of it.
        #expect(try arguments("futex", SyscallArgs(0x1000, 0xffff_ffff_0000_0000 | 1)) != nil)
    }

    @Test("prctl: options by their int value, unknown ones EINVAL")
    func prctlVariants() throws {
        let d = try model("prctl")
        #expect(d.multiplexer?.unknown == EINVAL)
        let setName = try #require(try arguments("prctl", SyscallArgs(15, 0x1000)))
        guard case .string(let limit)? = pointer(setName[1])?.pointee else { Issue.record("PR_SET_NAME"); return }
        #expect(limit == 15)
        #expect(isUnused(setName[2]))
        let getName = try #require(try arguments("prctl", SyscallArgs(16, 0x1000)))
        guard case .bytes(.fixed(16))? = pointer(getName[1])?.pointee else { Issue.record("PR_GET_NAME"); return }
        #expect(pointer(getName[1])?.direction == .output)
        // PR_SET_SECCOMP's filter: a sock_fprog whose filter pointer is described.
        let seccomp = try #require(try arguments("prctl", SyscallArgs(22, 2, 0x1000)))
        #expect(structure(seccomp[2])?.carriesPointers == true)
        // PR_GET_PDEATHSIG writes an int; PR_GET_TID_ADDRESS a pointer-sized word.
        guard case .scalar(.int, _)? = pointer(try #require(try arguments("prctl", SyscallArgs(2)))[1])?.pointee
        else { Issue.record("PR_GET_PDEATHSIG"); return }
        guard case .scalar(let word, _)? = pointer(try #require(try arguments("prctl", SyscallArgs(40)))[1])?.pointee
        else { Issue.record("PR_GET_TID_ADDRESS"); return }
        #expect(word.bytes == 8)
        // PR_SET_VMA: a range used as numbers, a name the kernel reads.
        let vma = try #require(try arguments("prctl", SyscallArgs(0x5356_4d41)))
        #expect(isAddress(vma[2].type))
        #expect(pointer(vma[4])?.optional == true)
        // An option the kernel lacks on x86-64 (PR_SET_FP_MODE) and nonsense are refused.
        #expect(try arguments("prctl", SyscallArgs(45)) == nil)
        #expect(try arguments("prctl", SyscallArgs(12345)) == nil)
        #expect(try arguments("prctl", SyscallArgs(0x7_0000_000f)) != nil)
    }

    @Test("signals: kernel_sigaction, sigset sizes, siginfo")
    func signalStructures() throws {
        let sigaction = try model("rt_sigaction").arguments
        let act = try #require(structure(sigaction[1]))
        #expect(act.size == 32 && !act.carriesPointers)
        #expect(isAddress(act.fields.first { $0.name == "sa_handler" }?.type))
        #expect(pointer(sigaction[1])?.optional == true && pointer(sigaction[2])?.direction == .output)
        #expect(integer(sigaction[3]) == .size_t)
        let procmask = try model("rt_sigprocmask").arguments
        guard case .bytes(.argument(3))? = pointer(procmask[1])?.pointee else { Issue.record("sigprocmask"); return }
        #expect(structure(try model("rt_sigqueueinfo").arguments[2])?.size == 128)
        #expect(try model("signalfd4").arguments[0].type.isOptionalDescriptor)
        #expect(try model("rt_sigreturn").result == .noReturn)
    }

    @Test("process: clone3, execve, wait4, getgroups, capget, waitid")
    func processSemantics() throws {
        let clone3 = try #require(structure(try model("clone3").arguments[0]))
        #expect(clone3.carriesPointers)
        guard case .pointer(let setTid)? = clone3.fields.first(where: { $0.name == "set_tid" })?.type,
              case .array(_, .field("set_tid_size")) = setTid.pointee else { Issue.record("set_tid"); return }
        #expect(isAddress(clone3.fields.first { $0.name == "stack" }?.type))
        let execve = try model("execve")
        guard case .nullTerminated(.string(let length), let count)? = pointer(execve.arguments[1])?.pointee
        else { Issue.record("argv"); return }
        #expect(length == 131_072 && count == 0x7fff_ffff)
        #expect(execve.result == .noReturn)
        let wait4 = try model("wait4").arguments
        #expect(structure(wait4[3])?.size == 144 && pointer(wait4[3])?.optional == true)
        #expect(integer(wait4[0]) == .pid_t && integer(wait4[2]) == .int)
        let getgroups = try model("getgroups").arguments
        guard case .array(.scalar(let gid, _), .argument(0))? = pointer(getgroups[1])?.pointee else { Issue.record("getgroups"); return }
        #expect(gid == .gid_t && pointer(getgroups[1])?.direction == .output)
        #expect(pointer(try model("capget").arguments[0])?.direction == .both)
        // waitid P_PIDFD: the id is a descriptor.
        let pidfd = try #require(try arguments("waitid", SyscallArgs(3, 5)))
        guard case .descriptor(.any) = pidfd[1].type else { Issue.record("P_PIDFD"); return }
        #expect(try arguments("waitid", SyscallArgs(4)) == nil)
        let umask = try model("umask")
        #expect(integer(umask.arguments[0]) == .int && umask.result == .octal)
        #expect(isAddress(try model("set_tid_address").arguments[0].type))
        #expect(isAddress(try model("rseq").arguments[0].type))
        // ARCH_GET_FS writes an unsigned long; ARCH_SET_FS takes an address.
        #expect(pointer(try #require(try arguments("arch_prctl", SyscallArgs(0x1003)))[1])?.direction == .output)
        #expect(isAddress(try #require(try arguments("arch_prctl", SyscallArgs(0x1002)))[1].type))
    }

    @Test("time and misc: sleeps, timers, obsolete calls, seccomp, bpf, keyctl")
    func timeAndMiscSemantics() throws {
        let nanosleep = try model("nanosleep").arguments
        #expect(pointer(nanosleep[1])?.written == .onEINTR && pointer(nanosleep[1])?.optional == true)
        #expect(structure(try model("timer_create").arguments[1])?.size == 64)
        #expect(integer(try model("timer_settime").arguments[0]) == .timer_t)
        #expect(try model("timerfd_create").result == .descriptor)
        // _sysctl is gone too (ENOSYS), but strace prints its struct __sysctl_args: described,
        // its pointers addresses the kernel never follows.
        let sysctlArgs = try #require(structure(try model("_sysctl").arguments[0]))
        #expect(sysctlArgs.size == 80 && !sysctlArgs.carriesPointers)
        for name in ["create_module", "get_kernel_syms", "query_module", "nfsservctl", "getpmsg", "putpmsg",
                     "afs_syscall", "tuxcall", "security", "vserver", "lookup_dcookie"] {
            #expect(try model(name).arguments.isEmpty, "\(name)")
        }
        let filter = try #require(try arguments("seccomp", SyscallArgs(1, 0, 0x1000)))
        let fprog = try #require(structure(filter[2]))
        guard case .pointer(let insns)? = fprog.fields.first(where: { $0.name == "filter" })?.type,
              case .array(.structure(let insn), .field("len")) = insns.pointee else { Issue.record("sock_fprog"); return }
        #expect(insn.size == 8)
        #expect(try arguments("seccomp", SyscallArgs(4)) == nil)
        // bpf: a flat command is described, one whose pointers' sizes belong to a map is not.
        #expect(try arguments("bpf", SyscallArgs(0, 0x1000, 72)) != nil)
        #expect(try arguments("bpf", SyscallArgs(1, 0x1000, 32)) == nil)
        // BPF_PROG_LOAD's pointers are described (an extensible structure of `size` bytes); the
        // info structure of BPF_OBJ_GET_INFO_BY_FD depends on the object: not described.
        let load = try #require(try arguments("bpf", SyscallArgs(5, 0x1000, 128)))
        #expect(structure(load[1])?.extent != nil)
        #expect(try arguments("bpf", SyscallArgs(15, 0x1000, 16)) == nil)
        #expect(try model("keyctl").multiplexer?.unknown == EOPNOTSUPP)
        let read = try #require(try arguments("keyctl", SyscallArgs(11, 5, 0x1000, 64)))
        guard case .bytes(.min(.argument(3), .result))? = pointer(read[2])?.pointee else { Issue.record("KEYCTL_READ"); return }
        #expect(pointer(try model("getrandom").arguments[0])?.direction == .output)
        #expect(integer(try model("getrandom").arguments[2]) == .uint)
        #expect(structure(try model("perf_event_open").arguments[0])?.size == 136)
    }
}

private extension ValueType {
    var isOptionalDescriptor: Bool {
        if case .descriptor(.optional) = self { return true }
        return false
    }
}
