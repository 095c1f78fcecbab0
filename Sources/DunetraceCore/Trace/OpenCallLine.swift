// strace prints a call's arguments as it enters and the rest as it returns. While one task's
// line is open another task's line may come: strace ends the open one with ` <unfinished ...>`
// and, when the call returns, prints `<... NAME resumed>` and the rest on a line of its own
// (strace's printing_tcp):
//     1234  wait4(-1,  <unfinished ...>
//     1235  exit_group(0)                     = ?
//     1234  <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 1235
// dunetrace prints each line whole at the call's end, except for the calls that wait (below),
// whose entry it prints as strace does while more than one task is followed. The live text
// keeps which task's line is open in memory every process of the run shares (LiveText), replay
// in its own view, both through these rules.

public enum OpenCallLine {
    /// The calls that wait for another task (or for time), whose entries are printed as they begin.
    public static let calls: Set<Int> = Set([
        "wait4", "waitid", "rt_sigsuspend", "pause", "nanosleep", "clock_nanosleep", "rt_sigtimedwait",
        "select", "pselect6", "poll", "ppoll", "epoll_wait", "epoll_pwait", "epoll_pwait2",
        "read", "readv", "recvfrom", "recvmsg", "recvmmsg", "accept", "accept4", "connect",
        "futex", "msgrcv", "semop", "semtimedop", "mq_timedreceive", "flock", "io_getevents",
    ].compactMap { SyscallTable.number($0) })

    /// What ends an open line before another line starts.
    public static let unfinished = " <unfinished ...>\n"

    /// The text to write for a whole line (`text`, without its newline); `owner` is the task
    /// whose line is open (0: none).
    public static func line(_ text: String, owner: inout Int32) -> String {
        close(&owner) + text + "\n"
    }

    /// A call's entry (`head`, `name(` and the arguments printed at entry) by task `tid`.
    public static func enter(_ head: String, tid: Int32, owner: inout Int32) -> String {
        let text = close(&owner) + head
        owner = tid
        return text
    }

    /// The call of task `tid` returned: the rest of its line if nothing came between (`rest`),
    /// else its `<... NAME resumed>` line (`resumed`).
    public static func finish(tid: Int32, rest: String?, resumed: String, owner: inout Int32) -> String {
        if owner == tid, let rest {
            owner = 0
            return rest + "\n"
        }
        return close(&owner) + resumed + "\n"
    }

    /// ` <unfinished ...>` and the newline when a line is open.
    public static func close(_ owner: inout Int32) -> String {
        guard owner != 0 else { return "" }
        owner = 0
        return unfinished
    }

    /// The arguments strace prints at entry, from the call's decoded text `name(ARGS)` as an
    /// unfinished call prints it (SyscallFormatter.unfinishedArguments): those before the first
    /// argument the kernel writes (`-1, `), or all of them when it writes none.
    public static func entryArguments(unfinishedCall call: String, name: String) -> String {
        var args = Substring(call)
        if args.hasPrefix(name + "(") { args = args.dropFirst(name.count + 1) }
        if args.hasSuffix(")") { args = args.dropLast() }
        if args.hasSuffix(" <unfinished ...>") { args = args.dropLast(" <unfinished ...>".count) }
        return String(args)
    }

    /// What continues the open line `head` (its lead, `name(` and the entry's `arguments`) when
    /// the call returns with nothing between: the rest of the arguments, the `= result` at the
    /// -a column of the whole line, and `after` (marks, -T, dumps, frames). nil when the call's
    /// text does not begin as its entry's did.
    public static func continuation(head: String, call: String, result: String, name: String, arguments: String,
                                    layout: LineLayout, after: String) -> String? {
        let start = name + "(" + arguments
        guard call.hasPrefix(start) else { return nil }
        let line = layout.aligned(head + call.dropFirst(start.count), result: result)
        return String(decoding: line.utf8.dropFirst(head.utf8.count), as: UTF8.self) + after
    }

    /// The `<... NAME resumed>` line after another line cut the entry's: `lead` (the pid, the
    /// time it returned, marks), the arguments after the entry's, `= result` at the -a column of
    /// this line, `after`. nil when the call's text does not begin as its entry's did.
    public static func resumed(lead: String, call: String, result: String, name: String, arguments: String,
                               layout: LineLayout, after: String) -> String? {
        let start = name + "(" + arguments
        guard call.hasPrefix(start) else { return nil }
        return layout.aligned(lead + "<... \(name) resumed>" + call.dropFirst(start.count), result: result) + after
    }
}
