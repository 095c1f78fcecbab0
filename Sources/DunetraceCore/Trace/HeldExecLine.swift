// strace's lines for an execve by a thread other than the leader. strace prints the call at
// entry and its end when the kernel reports the exec, which it reports as the leader's: so the
// thread's line ends with ` <pid changed to PID ...>` (or, when another line of the process
// came first, such as a thread's call cut short by the exec, with ` <unfinished ...>`), and
// the leader goes on with `+++ superseded by execve in pid TID +++` and
// `<... execve resumed>) = 0`. The live text (LiveText) and replay (ReplayView) hold the
// thread's line the same way, so both print the same.

struct HeldExecLine: Sendable {
    /// The line up to its last argument (without the `)`), with its lead.
    let head: String
    /// -k's frames after the line ("" or starting with a newline).
    let stack: String
    /// execve or execveat.
    let name: String
    /// -T's ` <0.000123>` ("" without -T).
    let duration: String

    /// From the whole line as it would have printed (`head = 0` aligned, `duration`, frames);
    /// nil when it is not such a line (a mark such as ` (INJECTED)` after the result).
    init?(line: String, name: String, duration: String) {
        let firstEnd = line.firstIndex(of: "\n") ?? line.endIndex
        var first = line[..<firstEnd]
        guard first.hasSuffix(duration) else { return nil }
        first = first.dropLast(duration.count)
        guard first.hasSuffix("= 0") else { return nil }
        first = first.dropLast(3)
        while first.last == " " { first = first.dropLast() }
        // strace printed the arguments at entry; `)` comes with `<... execve resumed>`.
        guard first.last == ")" else { return nil }
        head = String(first.dropLast())
        stack = String(line[firstEnd...])
        self.name = name
        self.duration = duration
    }

    /// Another line of the process came before the exec was reported.
    var unfinished: String { head + " <unfinished ...>" + stack }

    /// The exec reported with nothing between: the leader's pid takes over.
    func pidChanged(to pid: Int32) -> String { head + " <pid changed to \(pid) ...>" + stack }

    /// The leader's line after `+++ superseded ... +++`; `lead`: its pid prefix, times and marks.
    func resumed(lead: String, layout: LineLayout) -> String {
        layout.aligned(lead + "<... \(name) resumed>)", result: "0") + duration
    }

    /// Whether a successful call's record is such an execve: by a thread (`tid`) that is not
    /// its process's leader (`pid`).
    static func applies(number: Int, result: Int64?, pid: Int32, tid: Int32) -> Bool {
        result == 0 && pid != tid && (number == Sys.execve || number == Sys.execveat)
    }
}
