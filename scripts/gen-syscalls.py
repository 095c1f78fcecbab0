#!/usr/bin/env python3
"""Generates Sources/DunetraceCore/Syscalls/SyscallTable.swift.

Numbers and names come from the kernel's x86-64 header (asm/unistd_64.h). Argument
signatures and strace's syscall classes are declared below, once per syscall name; the
script refuses to run if a syscall of the header has no signature, so a newer header
cannot silently produce calls printed with the wrong number of arguments.

    scripts/gen-syscalls.py [/usr/include/x86_64-linux-gnu/asm/unistd_64.h]
"""

import os
import re
import sys

HEADER = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"
NUMBERS_OUTPUT = os.path.join(os.path.dirname(__file__), "..", "Sources", "DunetraceCore", "Syscalls", "SyscallNumbers.swift")
OUTPUT = os.path.join(os.path.dirname(__file__), "..",
                      "Sources/DunetraceCore/Syscalls/SyscallTable.swift")

# Argument signatures, one word per argument, then an optional "-> hex" / "-> octal" / "-> fd"
# (a new descriptor: -y shows its path) for the result. Words: fd dirfd int uint long ulong
# hex ptr path str mode fmode sig obuf rbuf opath;
# ibuf:N (input bytes, count in argument N); flags:T and value:T (FlagTables.T);
# in:K and out:K (StructKind K, e.g. in:sockaddr(2)).
SIGNATURES = {
    "read": "fd obuf ulong",
    "write": "fd ibuf:2 ulong",
    "open": "path flags:open mode -> fd",
    "close": "fd",
    "stat": "path out:stat",
    "fstat": "fd out:stat",
    "lstat": "path out:stat",
    "poll": "in:pollfds(1) uint int",
    "lseek": "fd long value:seekWhence",
    "mmap": "ptr ulong flags:prot flags:mmap fd hex -> hex",
    "mprotect": "ptr ulong flags:prot",
    "munmap": "ptr ulong",
    "brk": "ptr -> hex",
    "rt_sigaction": "sig in:sigaction out:sigaction ulong",
    "rt_sigprocmask": "value:sigprocmaskHow in:sigset(3) out:sigset(3) ulong",
    "rt_sigreturn": "",
    "ioctl": "fd value:ioctlRequest hex",
    "pread64": "fd obuf ulong long",
    "pwrite64": "fd ibuf:2 ulong long",
    "readv": "fd out:iovec(2) ulong",
    "writev": "fd in:iovec(2) ulong",
    "access": "path flags:accessMode",
    "pipe": "out:fdPair",
    "select": "int in:fdSet(0) in:fdSet(0) in:fdSet(0) in:timeval",
    "sched_yield": "",
    "mremap": "ptr ulong ulong flags:mremap ptr -> hex",
    "msync": "ptr ulong flags:msync",
    "mincore": "ptr ulong ptr",
    "madvise": "ptr ulong value:madvise",
    "shmget": "hex ulong hex",
    "shmat": "int ptr hex -> hex",
    "shmctl": "int int ptr",
    "dup": "fd -> fd",
    "dup2": "fd fd -> fd",
    "pause": "",
    "nanosleep": "in:timespec out:timespec",
    "getitimer": "value:itimerWhich out:itimerval",
    "alarm": "uint",
    "setitimer": "value:itimerWhich in:itimerval out:itimerval",
    "getpid": "",
    "sendfile": "fd fd ptr ulong",
    "socket": "value:addressFamily hex int -> fd",
    "connect": "fd in:sockaddr(2) int",
    "accept": "fd out:sockaddrWithLengthPointer(2) in:int -> fd",
    "sendto": "fd ibuf:2 ulong flags:messageFlags in:sockaddr(5) int",
    "recvfrom": "fd obuf ulong flags:messageFlags out:sockaddrWithLengthPointer(5) in:int",
    "sendmsg": "fd ptr flags:messageFlags",
    "recvmsg": "fd ptr flags:messageFlags",
    "shutdown": "fd value:shutdownHow",
    "bind": "fd in:sockaddr(2) int",
    "listen": "fd int",
    "getsockname": "fd out:sockaddrWithLengthPointer(2) in:int",
    "getpeername": "fd out:sockaddrWithLengthPointer(2) in:int",
    "socketpair": "value:addressFamily hex int out:fdPair",
    "setsockopt": "fd int int ptr int",
    "getsockopt": "fd int int ptr ptr",
    "clone": "hex ptr ptr ptr hex",
    "fork": "",
    "vfork": "",
    "execve": "path in:argv in:envp",
    "exit": "int",
    "wait4": "int out:waitStatus flags:waitOptions out:rusage",
    "kill": "int sig",
    "uname": "out:utsname",
    "semget": "hex int hex",
    "semop": "int ptr ulong",
    "semctl": "int int int hex",
    "shmdt": "ptr",
    "msgget": "hex hex",
    "msgsnd": "int ptr ulong hex",
    "msgrcv": "int ptr ulong long hex",
    "msgctl": "int int ptr",
    "fcntl": "fd value:fcntlCommand hex",
    "flock": "fd flags:flock",
    "fsync": "fd",
    "fdatasync": "fd",
    "truncate": "path long",
    "ftruncate": "fd long",
    "getdents": "fd out:dirents ulong",
    "getcwd": "opath ulong",
    "chdir": "path",
    "fchdir": "fd",
    "rename": "path path",
    "mkdir": "path mode",
    "rmdir": "path",
    "creat": "path mode -> fd",
    "link": "path path",
    "unlink": "path",
    "symlink": "path path",
    "readlink": "path obuf ulong",
    "chmod": "path mode",
    "fchmod": "fd mode",
    "chown": "path int int",
    "fchown": "fd int int",
    "lchown": "path int int",
    "umask": "mode -> octal",
    "gettimeofday": "out:timeval ptr",
    "getrlimit": "value:rlimitResource out:rlimit",
    "getrusage": "value:rusageWho out:rusage",
    "sysinfo": "out:sysinfo",
    "times": "out:tms",
    "ptrace": "int int ptr ptr",
    "getuid": "-> unsignedDecimal",
    "syslog": "int ptr int",
    "getgid": "-> unsignedDecimal",
    "setuid": "int",
    "setgid": "int",
    "geteuid": "-> unsignedDecimal",
    "getegid": "-> unsignedDecimal",
    "setpgid": "int int",
    "getppid": "",
    "getpgrp": "",
    "setsid": "",
    "setreuid": "int int",
    "setregid": "int int",
    "getgroups": "int ptr",
    "setgroups": "int ptr",
    "setresuid": "int int int",
    "getresuid": "out:int out:int out:int",
    "setresgid": "int int int",
    "getresgid": "out:int out:int out:int",
    "getpgid": "int",
    "setfsuid": "int",
    "setfsgid": "int",
    "getsid": "int",
    "capget": "ptr ptr",
    "capset": "ptr ptr",
    "rt_sigpending": "out:sigset(1) ulong",
    "rt_sigtimedwait": "in:sigset(3) ptr in:timespec ulong",
    "rt_sigqueueinfo": "int sig ptr",
    "rt_sigsuspend": "in:sigset(1) ulong",
    "sigaltstack": "in:stack out:stack",
    "utime": "path ptr",
    "mknod": "path fmode hex",
    "uselib": "path",
    "personality": "hex",
    "ustat": "hex ptr",
    "statfs": "path out:statfs",
    "fstatfs": "fd out:statfs",
    "sysfs": "int hex hex",
    "getpriority": "value:priorityWhich int",
    "setpriority": "value:priorityWhich int int",
    "sched_setparam": "int ptr",
    "sched_getparam": "int ptr",
    "sched_setscheduler": "int value:schedPolicy ptr",
    "sched_getscheduler": "int",
    "sched_get_priority_max": "value:schedPolicy",
    "sched_get_priority_min": "value:schedPolicy",
    "sched_rr_get_interval": "int out:timespec",
    "mlock": "ptr ulong",
    "munlock": "ptr ulong",
    "mlockall": "flags:mlockallFlags",
    "munlockall": "",
    "vhangup": "",
    "modify_ldt": "int ptr ulong",
    "pivot_root": "path path",
    "_sysctl": "ptr",
    "prctl": "value:prctlOption hex hex hex hex",
    "arch_prctl": "value:archPrctl hex",
    "adjtimex": "ptr",
    "setrlimit": "value:rlimitResource in:rlimit",
    "chroot": "path",
    "sync": "",
    "acct": "path",
    "settimeofday": "in:timeval ptr",
    "mount": "path path str hex ptr",
    "umount2": "path hex",
    "swapon": "path hex",
    "swapoff": "path",
    "reboot": "hex hex hex ptr",
    "sethostname": "ibuf:1 int",
    "setdomainname": "ibuf:1 int",
    "iopl": "int",
    "ioperm": "hex hex int",
    "create_module": "str ulong",
    "init_module": "ptr ulong str",
    "delete_module": "str hex",
    "get_kernel_syms": "ptr",
    "query_module": "str int ptr ulong ptr",
    "quotactl": "hex path int ptr",
    "nfsservctl": "int ptr ptr",
    "getpmsg": "hex hex hex hex hex",
    "putpmsg": "hex hex hex hex hex",
    "afs_syscall": "hex hex hex hex hex",
    "tuxcall": "hex hex hex",
    "security": "hex hex hex",
    "gettid": "",
    "readahead": "fd long ulong",
    "setxattr": "path str ibuf:3 ulong flags:xattrFlags",
    "lsetxattr": "path str ibuf:3 ulong flags:xattrFlags",
    "fsetxattr": "fd str ibuf:3 ulong flags:xattrFlags",
    "getxattr": "path str obuf ulong",
    "lgetxattr": "path str obuf ulong",
    "fgetxattr": "fd str obuf ulong",
    "listxattr": "path obuf ulong",
    "llistxattr": "path obuf ulong",
    "flistxattr": "fd obuf ulong",
    "removexattr": "path str",
    "lremovexattr": "path str",
    "fremovexattr": "fd str",
    "tkill": "int sig",
    "time": "out:long",
    "futex": "ptr hex int ptr ptr int",
    "sched_setaffinity": "int uint in:cpuSet(1)",
    "sched_getaffinity": "int uint out:cpuSet(-1)",
    "set_thread_area": "ptr",
    "io_setup": "uint ptr",
    "io_destroy": "hex",
    "io_getevents": "hex long long ptr ptr",
    "io_submit": "hex long ptr",
    "io_cancel": "hex ptr ptr",
    "get_thread_area": "ptr",
    "lookup_dcookie": "ulong ptr ulong",
    "epoll_create": "int -> fd",
    "epoll_ctl_old": "hex hex hex hex",
    "epoll_wait_old": "hex hex hex hex",
    "remap_file_pages": "ptr ulong flags:prot ulong flags:mmap",
    "getdents64": "fd out:dirents ulong",
    "set_tid_address": "hex",
    "restart_syscall": "",
    "semtimedop": "int ptr ulong in:timespec",
    "fadvise64": "fd long ulong value:fadvise",
    "timer_create": "value:clockId ptr ptr",
    "timer_settime": "int flags:timerFlags in:itimerspec out:itimerspec",
    "timer_gettime": "int out:itimerspec",
    "timer_getoverrun": "int",
    "timer_delete": "int",
    "clock_settime": "value:clockId in:timespec",
    "clock_gettime": "value:clockId out:timespec",
    "clock_getres": "value:clockId out:timespec",
    "clock_nanosleep": "value:clockId flags:timerFlags in:timespec out:timespec",
    "exit_group": "int",
    "epoll_wait": "fd ptr int int",
    "epoll_ctl": "fd value:epollCtl fd ptr",
    "tgkill": "int int sig",
    "utimes": "path ptr",
    "vserver": "hex hex hex hex hex",
    "mbind": "ptr ulong int ptr ulong hex",
    "set_mempolicy": "int ptr ulong",
    "get_mempolicy": "ptr ptr ulong ptr hex",
    "mq_open": "str flags:open mode ptr -> fd",
    "mq_unlink": "path",
    "mq_timedsend": "fd ibuf:2 ulong uint in:timespec",
    "mq_timedreceive": "fd obuf ulong ptr in:timespec",
    "mq_notify": "fd ptr",
    "mq_getsetattr": "fd ptr ptr",
    "kexec_load": "ptr ulong ptr hex",
    "waitid": "value:idType int ptr flags:waitOptions out:rusage",
    "add_key": "str str ptr ulong int",
    "request_key": "str str str int",
    "keyctl": "int hex hex hex hex",
    "ioprio_set": "int int int",
    "ioprio_get": "int int",
    "inotify_init": " -> fd",
    "inotify_add_watch": "fd path hex",
    "inotify_rm_watch": "fd int",
    "migrate_pages": "int ulong ptr ptr",
    "openat": "dirfd path flags:open mode -> fd",
    "mkdirat": "dirfd path mode",
    "mknodat": "dirfd path fmode hex",
    "fchownat": "dirfd path int int flags:at",
    "futimesat": "dirfd path ptr",
    "newfstatat": "dirfd path out:stat flags:at",
    "unlinkat": "dirfd path flags:at",
    "renameat": "dirfd path dirfd path",
    "linkat": "dirfd path dirfd path flags:at",
    "symlinkat": "path dirfd path",
    "readlinkat": "dirfd path obuf ulong",
    "fchmodat": "dirfd path mode",
    "faccessat": "dirfd path flags:accessMode",
    "pselect6": "int in:fdSet(0) in:fdSet(0) in:fdSet(0) in:timespec ptr",
    "ppoll": "in:pollfds(1) uint in:timespec in:sigset(4) ulong",
    "unshare": "hex",
    "set_robust_list": "ptr ulong",
    "get_robust_list": "int ptr ptr",
    "splice": "fd ptr fd ptr ulong flags:spliceFlags",
    "tee": "fd fd ulong flags:spliceFlags",
    "sync_file_range": "fd long long hex",
    "vmsplice": "fd in:iovec(2) ulong flags:spliceFlags",
    "move_pages": "int ulong ptr ptr ptr hex",
    "utimensat": "dirfd path ptr flags:at",
    "epoll_pwait": "fd ptr int int in:sigset(5) ulong",
    "signalfd": "fd in:sigset(2) ulong -> fd",
    "timerfd_create": "value:clockId flags:timerfdFlags -> fd",
    "eventfd": "uint -> fd",
    "fallocate": "fd hex long long",
    "timerfd_settime": "fd flags:timerFlags in:itimerspec out:itimerspec",
    "timerfd_gettime": "fd out:itimerspec",
    "accept4": "fd out:sockaddrWithLengthPointer(2) in:int flags:socketFlags -> fd",
    "signalfd4": "fd in:sigset(2) ulong flags:signalfdFlags -> fd",
    "eventfd2": "uint flags:eventfdFlags -> fd",
    "epoll_create1": "flags:epollCreateFlags -> fd",
    "dup3": "fd fd flags:openBits -> fd",
    "pipe2": "out:fdPair flags:openBits",
    "inotify_init1": "flags:inotifyInitFlags -> fd",
    "preadv": "fd out:iovec(2) ulong long",
    "pwritev": "fd in:iovec(2) ulong long",
    "rt_tgsigqueueinfo": "int int sig ptr",
    "perf_event_open": "ptr int int int hex -> fd",
    "recvmmsg": "fd ptr uint flags:messageFlags ptr",
    "fanotify_init": "hex hex -> fd",
    "fanotify_mark": "fd hex hex dirfd path",
    "prlimit64": "int value:rlimitResource in:rlimit out:rlimit",
    "name_to_handle_at": "dirfd path ptr ptr flags:at",
    "open_by_handle_at": "fd ptr flags:open -> fd",
    "clock_adjtime": "value:clockId ptr",
    "syncfs": "fd",
    "sendmmsg": "fd ptr uint flags:messageFlags",
    "setns": "fd hex",
    "getcpu": "out:int out:int ptr",
    "process_vm_readv": "int out:iovec(2) ulong ptr ulong ulong",
    "process_vm_writev": "int in:iovec(2) ulong ptr ulong ulong",
    "kcmp": "int int int hex hex",
    "finit_module": "fd str hex",
    "sched_setattr": "int ptr uint",
    "sched_getattr": "int ptr uint uint",
    "renameat2": "dirfd path dirfd path flags:renameFlags",
    "seccomp": "int hex ptr",
    "getrandom": "rbuf ulong flags:getrandomFlags",
    "memfd_create": "str flags:memfdFlags -> fd",
    "kexec_file_load": "fd fd ulong ibuf:2 hex",
    "bpf": "int ptr uint",
    "execveat": "dirfd path in:argv in:envp flags:at",
    "userfaultfd": "hex -> fd",
    "membarrier": "value:membarrierCommand hex int",
    "mlock2": "ptr ulong hex",
    "copy_file_range": "fd ptr fd ptr ulong hex",
    "preadv2": "fd out:iovec(2) ulong long hex",
    "pwritev2": "fd in:iovec(2) ulong long hex",
    "pkey_mprotect": "ptr ulong flags:prot int",
    "pkey_alloc": "hex hex",
    "pkey_free": "int",
    "statx": "dirfd path flags:statxAt flags:statxMask out:statx",
    "io_pgetevents": "hex long long ptr ptr ptr",
    "rseq": "ptr hex hex hex",
    "pidfd_send_signal": "fd sig ptr hex",
    "io_uring_setup": "uint ptr -> fd",
    "io_uring_enter": "fd uint uint hex ptr ulong",
    "io_uring_register": "fd uint ptr uint",
    "open_tree": "dirfd path hex -> fd",
    "move_mount": "dirfd path dirfd path hex",
    "fsopen": "str hex -> fd",
    "fsconfig": "fd uint str ptr int",
    "fsmount": "fd hex hex -> fd",
    "fspick": "dirfd path hex -> fd",
    "pidfd_open": "int hex -> fd",
    "clone3": "in:cloneArgs(1) ulong",
    "close_range": "uint uint flags:closeRangeFlags",
    "openat2": "dirfd path ptr ulong -> fd",
    "pidfd_getfd": "fd int hex -> fd",
    "faccessat2": "dirfd path flags:accessMode flags:faccessat",
    "process_madvise": "fd ptr ulong value:madvise hex",
    "epoll_pwait2": "fd ptr int addr addr ulong",
    "mount_setattr": "dirfd path uint ptr ulong",
    "quotactl_fd": "fd hex int ptr",
    "landlock_create_ruleset": "ptr ulong hex -> fd",
    "landlock_add_rule": "fd int ptr hex",
    "landlock_restrict_self": "fd hex",
    "memfd_secret": "flags:memfdSecretFlags -> fd",
    "process_mrelease": "fd hex",
    "futex_waitv": "ptr uint hex in:timespec value:clockId",
    "set_mempolicy_home_node": "ptr ulong ulong hex",
}

# strace's classes (its TD, TF, TN... flags), by class name of SyscallClass.
CLASSES = {
    "desc": """read write open close fstat poll lseek mmap ioctl pread64 pwrite64 readv writev pipe
        select dup dup2 sendfile fcntl flock fsync fdatasync ftruncate getdents fchdir creat fchmod
        fchown fstatfs readahead fsetxattr fgetxattr flistxattr fremovexattr epoll_create getdents64
        fadvise64 epoll_wait epoll_ctl mq_open mq_timedsend mq_timedreceive mq_notify mq_getsetattr
        inotify_init inotify_add_watch inotify_rm_watch openat mkdirat mknodat fchownat futimesat
        newfstatat unlinkat renameat linkat symlinkat readlinkat fchmodat faccessat pselect6 ppoll
        splice tee sync_file_range vmsplice utimensat epoll_pwait signalfd timerfd_create eventfd
        fallocate timerfd_settime timerfd_gettime signalfd4 eventfd2 epoll_create1 dup3 pipe2
        inotify_init1 preadv pwritev perf_event_open fanotify_init fanotify_mark name_to_handle_at
        open_by_handle_at syncfs setns finit_module renameat2 memfd_create kexec_file_load bpf
        execveat userfaultfd copy_file_range preadv2 pwritev2 statx pidfd_send_signal io_uring_setup
        io_uring_enter io_uring_register open_tree move_mount fsopen fsconfig fsmount fspick
        pidfd_open openat2 pidfd_getfd faccessat2 process_madvise epoll_pwait2 mount_setattr
        quotactl_fd landlock_create_ruleset landlock_add_rule landlock_restrict_self memfd_secret
        process_mrelease""",
    "file": """open stat lstat access execve truncate getcwd chdir rename mkdir rmdir creat link unlink
        symlink readlink chmod chown lchown utime mknod uselib statfs pivot_root chroot acct mount
        umount2 swapon swapoff quotactl setxattr lsetxattr getxattr lgetxattr listxattr llistxattr
        removexattr lremovexattr utimes inotify_add_watch openat mkdirat mknodat fchownat futimesat
        newfstatat unlinkat renameat linkat symlinkat readlinkat fchmodat faccessat utimensat
        fanotify_mark name_to_handle_at renameat2 execveat statx open_tree move_mount fsconfig fspick
        openat2 faccessat2 mount_setattr""",
    "network": """sendfile socket connect accept sendto recvfrom sendmsg recvmsg shutdown bind listen
        getsockname getpeername socketpair setsockopt getsockopt getpmsg putpmsg accept4 recvmmsg
        sendmmsg""",
    "process": """clone fork vfork execve exit wait4 kill rt_sigqueueinfo tkill exit_group tgkill waitid
        rt_tgsigqueueinfo execveat pidfd_send_signal clone3""",
    "memory": """mmap mprotect munmap brk mremap msync mincore madvise shmat shmdt mlock munlock mlockall
        munlockall io_setup io_destroy remap_file_pages mbind set_mempolicy get_mempolicy
        migrate_pages move_pages mlock2 pkey_mprotect io_uring_register set_mempolicy_home_node""",
    "signal": """rt_sigaction rt_sigprocmask rt_sigreturn pause kill rt_sigpending rt_sigtimedwait
        rt_sigqueueinfo rt_sigsuspend sigaltstack tkill tgkill signalfd signalfd4 rt_tgsigqueueinfo
        pidfd_send_signal io_uring_enter""",
    "ipc": "shmget shmat shmctl semget semop semctl shmdt msgget msgsnd msgrcv msgctl semtimedop",
    "clock": """gettimeofday adjtimex settimeofday time clock_settime clock_gettime clock_getres
        clock_adjtime""",
    "creds": """getuid getgid setuid setgid geteuid getegid setreuid setregid getgroups setgroups
        setresuid getresuid setresgid getresgid setfsuid setfsgid capget capset prctl""",
    "stat": "stat",
    "lstat": "lstat",
    "fstat": "fstat newfstatat statx",
    "statLike": "stat fstat lstat newfstatat statx",
    "statfs": "statfs",
    "fstatfs": "fstatfs",
    "statfsLike": "ustat statfs fstatfs",
    "pure": "getpid getuid getgid geteuid getegid getppid getpgrp gettid",
}

SIMPLE = {
    "fd": ".fd", "dirfd": ".dirfd", "int": ".int", "uint": ".uint", "long": ".long",
    "ulong": ".ulong", "hex": ".hex", "ptr": ".pointer", "path": ".path", "str": ".string",
    "mode": ".mode", "fmode": ".fileMode", "sig": ".signal", "obuf": ".outBuffer",
    "rbuf": ".randomBuffer", "opath": ".outPath", "addr": ".address",
}


def arg_kind(word):
    if word in SIMPLE:
        return SIMPLE[word]
    kind, _, value = word.partition(":")
    if kind == "ibuf":
        return f".inBuffer({int(value)})"
    if kind in ("flags", "value"):
        return f".{kind}(FlagTables.{value})"
    if kind in ("in", "out"):
        return f".{kind}Struct(.{value})"
    raise SystemExit(f"unknown argument word {word!r}")


def read_header(path):
    calls = []
    for line in open(path):
        m = re.match(r"#define\s+__NR_(\w+)\s+(\d+)", line)
        if m:
            calls.append((int(m.group(2)), m.group(1)))
    return sorted(calls)


def main():
    header = sys.argv[1] if len(sys.argv) > 1 else HEADER
    calls = read_header(header)
    missing = [name for _, name in calls if name not in SIGNATURES]
    if missing:
        raise SystemExit("no signature for: " + ", ".join(missing))
    classes = {}
    for cls, names in CLASSES.items():
        for name in names.split():
            if name not in SIGNATURES:
                raise SystemExit(f"class {cls} names unknown syscall {name}")
            classes.setdefault(name, []).append(cls)

    rows = []
    for number, name in calls:
        spec, _, ret = SIGNATURES[name].partition("->")
        args = ", ".join(arg_kind(w) for w in spec.split())
        extra = ""
        if ret.strip():
            extra += f", returns: .{ret.strip()}"
        if name in classes:
            extra += ", classes: [" + ", ".join("." + c for c in classes[name]) + "]"
        rows.append(f'        SyscallEntry({number}, "{name}", [{args}]{extra}),')

    with open(OUTPUT, "w") as out:
        out.write(TEMPLATE.replace("@ROWS@", "\n".join(rows))
                  .replace("@HEADER@", os.path.basename(header)))
    constants = [f"    static let `{name}` = {number}" for number, name in calls]
    with open(NUMBERS_OUTPUT, "w") as out:
        out.write(NUMBERS_TEMPLATE.replace("@ROWS@", "\n".join(constants))
                  .replace("@HEADER@", os.path.basename(header)))


NUMBERS_TEMPLATE = """\
// GENERATED by scripts/gen-syscalls.py from @HEADER@; edit the script, not this file.

/// Each system call's number as a literal constant, from the same list as SyscallTable: code
/// that runs at every call compares against these without the lazy initialization (a
/// swift_once per read) that a constant looked up in the table by name costs.
enum Sys {
@ROWS@
}
"""


TEMPLATE = """\
// GENERATED by scripts/gen-syscalls.py from @HEADER@; edit the script, not this file.

/// The x86-64 Linux system calls: numbers, names, argument signatures and strace classes.
public enum SyscallTable {
    /// Every known system call, in number order.
    public static let entries: [SyscallEntry] = [
@ROWS@
    ]

    /// `read` for 0; `syscall_NNN` for a number with no name.
    public static func name(_ nr: Int) -> String {
        entry(nr)?.name ?? "syscall_\\(nr)"
    }

    public static func number(_ name: String) -> Int? {
        byName[name]
    }

    /// How each argument is printed; six hex words for an unknown call.
    public static func signature(_ nr: Int) -> [ArgKind] {
        entry(nr)?.args ?? Array(repeating: .hex, count: 6)
    }

    public static func returnKind(_ nr: Int) -> ReturnKind {
        entry(nr)?.returns ?? .decimal
    }

    /// strace's classes of the call (`%file`, `%desc`...); empty for an unknown call.
    public static func classes(_ nr: Int) -> Set<SyscallClass> {
        entry(nr)?.classes ?? []
    }

    public static func entry(_ nr: Int) -> SyscallEntry? {
        nr >= 0 && nr < byNumber.count ? byNumber[nr] : nil
    }

    private static let byNumber: [SyscallEntry?] = {
        var table = [SyscallEntry?](repeating: nil, count: (entries.last?.number ?? 0) + 1)
        for e in entries { table[e.number] = e }
        return table
    }()

    private static let byName: [String: Int] =
        Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.number) })
}
"""

if __name__ == "__main__":
    main()
