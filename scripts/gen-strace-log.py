#!/usr/bin/env python3
"""Writes an N-line log shaped like `strace -f -o` output, to benchmark `dunetrace diff`.

A main task that loads libraries, starts threads (clone), and then has its tasks open, read,
stat, mmap, write, wait on futexes, with calls interrupted by other tasks' lines (<unfinished
...> / <... resumed>) and the occasional SIGCHLD. Addresses, pids, inode numbers and times vary
with --seed as they vary between two runs; the calls themselves depend only on N and --shape.

usage: gen-strace-log.py N [--seed S] [--shape K] [--tasks T] > log
"""
import argparse
import random
import sys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("lines", type=int)
    p.add_argument("--seed", type=int, default=1, help="varies what differs between runs")
    p.add_argument("--shape", type=int, default=1, help="varies the calls made")
    p.add_argument("--tasks", type=int, default=4)
    a = p.parse_args()
    calls = random.Random(a.shape)
    run = random.Random(a.seed)
    base_pid = 1000 + run.randrange(50000)
    tasks = [base_pid + i for i in range(a.tasks)]
    paths = ["/usr/lib/x86_64-linux-gnu/lib%s.so.%d" % (w, calls.randrange(9))
             for w in ("c", "m", "z", "ssl", "crypto", "pthread", "ffi", "dl", "rt", "uuid")]
    paths += ["/home/user/data/file%04d.txt" % i for i in range(2000)]
    out = sys.stdout
    n = 0

    def addr():
        return "0x7f%x" % run.randrange(1 << 36, 1 << 40)

    def emit(pid, text):
        nonlocal n
        if n < a.lines:
            out.write("%d  %s\n" % (pid, text))
            n += 1

    main_pid = tasks[0]
    emit(main_pid, 'execve("/usr/bin/prog", ["prog", "--run"], %s /* 30 vars */) = 0' % ("0x7ffc%08x" % run.randrange(1 << 32)))
    emit(main_pid, "brk(NULL)                         = 0x%x" % run.randrange(1 << 44))
    for t in tasks[1:]:
        emit(main_pid, "clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|"
             "CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=%s, parent_tid=%s, exit_signal=0, "
             "stack=%s, stack_size=0x7fff80, tls=%s} => {parent_tid=[%d]}, 88) = %d" % (addr(), addr(), addr(), addr(), t, t))
    fd = {t: 3 for t in tasks}
    pending = None  # (pid, name, rest-of-line)
    while n < a.lines - 2 * len(tasks) - 1:
        pid = tasks[calls.randrange(len(tasks))]
        if pending and pending[0] != pid and calls.random() < 0.5:
            emit(pending[0], "<... %s resumed>%s" % (pending[1], pending[2]))
            pending = None
            continue
        if pending and pending[0] == pid:
            continue
        k = calls.randrange(100)
        path = paths[calls.randrange(len(paths))]
        if k < 15:
            emit(pid, 'openat(AT_FDCWD, "%s", O_RDONLY|O_CLOEXEC) = %d' % (path, fd[pid]))
        elif k < 30:
            size = calls.randrange(1, 4096)
            data = "".join("\\%o" % calls.randrange(256) for _ in range(8))
            emit(pid, 'read(%d, "%s"..., 4096) = %d' % (fd[pid], data, size))
        elif k < 40:
            emit(pid, 'newfstatat(%d, "", {st_mode=S_IFREG|0644, st_size=%d, st_ino=%d, ...}, AT_EMPTY_PATH) = 0'
                 % (fd[pid], calls.randrange(1 << 20), run.randrange(1 << 24)))
        elif k < 50:
            emit(pid, "close(%d)                          = 0" % fd[pid])
        elif k < 58:
            emit(pid, "mmap(NULL, %d, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = %s"
                 % (4096 * calls.randrange(1, 64), addr()))
        elif k < 64:
            emit(pid, "munmap(%s, %d)                = 0" % (addr(), 4096 * calls.randrange(1, 64)))
        elif k < 72:
            emit(pid, 'write(1, "line %d of output\\n", %d) = %d' % (calls.randrange(100000), 20, 20))
        elif k < 80:
            emit(pid, "clock_gettime(CLOCK_MONOTONIC, {tv_sec=%d, tv_nsec=%d}) = 0"
                 % (run.randrange(1 << 20), run.randrange(10 ** 9)))
        elif k < 86:
            emit(pid, "getpid()                          = %d" % main_pid)
        elif k < 88 and pid == main_pid:
            emit(pid, "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=%d, si_uid=1000, si_status=0, "
                 "si_utime=0, si_stime=0} ---" % (main_pid + 100 + calls.randrange(100)))
            emit(pid, "rt_sigreturn({mask=[]})           = 0")
        elif not pending and len(tasks) > 1:
            a_ = addr()
            emit(pid, "futex(%s, FUTEX_WAIT_PRIVATE, 2, NULL <unfinished ...>" % a_)
            pending = (pid, "futex", ")       = 0")
        else:
            emit(pid, "sched_yield()                     = 0")
    if pending:
        emit(pending[0], "<... %s resumed>%s" % (pending[1], pending[2]))
    for t in reversed(tasks[1:]):
        emit(t, "exit(0)                           = ?")
        emit(t, "+++ exited with 0 +++")
    emit(main_pid, "exit_group(0)                     = ?")
    emit(main_pid, "+++ exited with 0 +++")


if __name__ == "__main__":
    main()
