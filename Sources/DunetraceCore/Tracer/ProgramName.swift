// The name dunetrace was started by, as strace names itself in its messages: its argv[0] as
// given (glibc's program_invocation_name), so `/usr/local/bin/dunetrace -Q` says
// `/usr/local/bin/dunetrace: invalid option -- 'Q'`, as `/usr/bin/strace -Q` does.
import Glibc

public enum ProgramName {
    /// Set once at start, before any other thread exists.
    public nonisolated(unsafe) static var invoked = "dunetrace"

    /// `NAME: `, what every message of dunetrace's on stderr starts with.
    public static var prefix: String { invoked + ": " }
}
