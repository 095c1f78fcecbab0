// The command line as a strace user meets it: a mistake gets the message and exit status host
// strace 6.1 gives the same mistake; strace's long option names work; -h lists the run's
// options, then the subcommands, and README, the man page and -h list the same options;
// completion scripts and the install script.
import Foundation
import Testing

enum HostStrace {
    static let path = "/usr/bin/strace"
    static let available = FileManager.default.isExecutableFile(atPath: path)

    /// Runs strace with argv[0] "strace" (it names itself by argv[0], as dunetrace does).
    static func run(_ arguments: [String]) throws -> RunResult {
        try runCommand("/usr/bin/env", ["PATH=/usr/bin:/bin", "strace"] + arguments, timeout: 30)
    }

    /// What strace printed, as dunetrace would say it.
    static func asDunetrace(_ text: String) -> String {
        text.replacingOccurrences(of: "strace: ", with: "dunetrace: ")
            .replacingOccurrences(of: "'strace -h'", with: "'dunetrace -h'")
    }
}

@Suite("The command line, as strace's")
struct CommandLineTests {
    /// Mistakes that strace and dunetrace must report in the same words.
    static let wordCases: [[String]] = [
        ["-Q", "/bin/true"], ["-Q"], ["-fQ", "/bin/true"], ["--bogus", "/bin/true"], ["--bogus=3", "/bin/true"],
        ["-s"], ["-o"], ["-e"], ["-E"], ["--string-limit"], ["--output"], ["--trace"],
        ["-s", "x", "/bin/true"], ["-s", "-1", "/bin/true"], ["--string-limit=x", "/bin/true"],
        ["--follow-forks=1", "/bin/true"], ["--seccomp-bpf=1", "/bin/true"],
        ["--syscall-times=bogus", "/bin/true"], ["--absolute-timestamps=bogus", "/bin/true"],
        ["--decode-fds=bogus", "/bin/true"], ["--quiet=bogus", "/bin/true"],
        ["-t", "--absolute-timestamps", "/bin/true"],
        // read= and write= descriptor sets (strace's qualify_tokens), and their long names.
        ["-eread=", "/bin/true"], ["-e", "write=,", "/bin/true"], ["--read=!", "/bin/true"], ["--write=!,", "/bin/true"],
        ["-e", "read=-1", "/bin/true"], ["--read=1,-1", "/bin/true"], ["-e", "write=!-1", "/bin/true"],
        ["-e", "read=not_fd", "/bin/true"], ["--write=2147483648", "/bin/true"], ["-e", "read=1,!", "/bin/true"],
        ["--read=1,all", "/bin/true"], ["-e", "write=1,!none", "/bin/true"], ["-e", "read=!!", "/bin/true"],
        // Syscall sets (strace's qualify_syscall_tokens): empty sets, numbers no x86 personality
        // has, `none` among names, regcomp's words, personality designators; in every set option.
        ["-e", "trace=", "/bin/true"], ["-e", ",", "/bin/true"], ["--trace=!", "/bin/true"], ["-e", "trace=!,,", "/bin/true"],
        ["-e", "trace=nosuchcall", "/bin/true"], ["-e", "trace=415", "/bin/true"], ["-e", "trace=387", "/bin/true"],
        ["-e", "trace=548", "/bin/true"], ["-e", "trace=0x", "/bin/true"], ["-e", "trace=-1", "/bin/true"],
        ["-e", "trace=1,none", "/bin/true"], ["-e", "trace=/+id", "/bin/true"], ["-e", "trace=-1@64", "/bin/true"],
        ["-e", "trace=%desc@64,nonsense", "/bin/true"], ["-e", "abbrev=", "/bin/true"], ["-e", "verbose=!,", "/bin/true"],
        ["-e", "raw=415", "/bin/true"], ["-e", "inject=:", "/bin/true"], ["-e", "fault=!:error=ENOSYS", "/bin/true"],
        // inject= and fault= name the whole expression, whichever part is wrong.
        ["-e", "inject=chdir:error=ENOENT:retval=1", "/bin/true"], ["-e", "inject=chdir:error=1:error=2", "/bin/true"],
        ["-e", "inject=chdir:bogus=1", "/bin/true"], ["-e", "fault=chdir:when=27..65535", "/bin/true"],
        ["-e", "fault=chdir:when=24..23", "/bin/true"], ["-e", "inject=chdir:signal=BOGUS", "/bin/true"],
        ["-e", "inject=chdir:poke_enter=@arg1=" + String(repeating: "0", count: 2050), "/bin/true"],
        ["-e", "inject=chdir:poke_enter=@arg01=00", "/bin/true"],
    ]

    @Test("a mistake: strace's message, word for word, and its exit status", .enabled(if: HostStrace.available, "needs host strace"),
          arguments: wordCases)
    func sameMessage(arguments: [String]) throws {
        let strace = try HostStrace.run(arguments)
        let dunetrace = try runCommand(TestPaths.dunetrace, arguments, timeout: 30)
        #expect(dunetrace.status == strace.status)
        #expect(dunetrace.status == 1)
        #expect(dunetrace.stderr == HostStrace.asDunetrace(strace.stderr), "strace said: \(strace.stderr)")
        #expect(dunetrace.stdout.isEmpty)
    }

    /// Mistakes whose words must differ (strace's would be wrong for dunetrace) but not their shape:
    /// the same first words of the first line, the same lines after it, the same exit status.
    static let shapeCases: [([String], String)] = [
        ([], "must have PROG [ARGS]"),
        (["--"], "must have PROG [ARGS]"),
        (["-y", "-q"], "must have PROG [ARGS]"),
        (["--out", "x", "/bin/true"], "option '--out' is ambiguous; possibilities:"),
        (["--s", "3", "/bin/true"], "option '--s' is ambiguous; possibilities:"),
    ]

    @Test("a mistake dunetrace words its own way: strace's shape and exit status", .enabled(if: HostStrace.available, "needs host strace"),
          arguments: shapeCases)
    func sameShape(arguments: [String], start: String) throws {
        let strace = try HostStrace.run(arguments)
        let dunetrace = try runCommand(TestPaths.dunetrace, arguments, timeout: 30)
        #expect(dunetrace.status == strace.status)
        let ours = dunetrace.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        let theirs = HostStrace.asDunetrace(strace.stderr).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(ours.count == theirs.count, "\(dunetrace.stderr) vs \(strace.stderr)")
        #expect(ours.first?.hasPrefix("dunetrace: " + start) == true, "\(dunetrace.stderr)")
        #expect(theirs.first?.hasPrefix("dunetrace: " + start) == true, "\(strace.stderr)")
        #expect(Array(ours.dropFirst()) == Array(theirs.dropFirst()))
    }

    @Test("-p PID, --attach: one line saying why dunetrace cannot attach, exit 1",
          arguments: [["-p", "1"], ["--attach=1"], ["-p", "1", "/bin/true"], ["-fp1", "/bin/true"], ["--att", "1"]])
    func attach(arguments: [String]) throws {
        let r = try runCommand(TestPaths.dunetrace, arguments, timeout: 30)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("dunetrace: -p 1: "))
        #expect(r.stderr.contains("cannot attach to a running process"))
        #expect(r.stderr.contains("cannot be moved into a virtual machine"))
    }

    @Test("-p with a list strace refuses: strace's own message first (its options-syntax test)",
          arguments: [(["-p", "0"], "0"), (["--attach=0"], "0"), (["-p", "-42"], "-42"), (["-p", "12."], "12."),
                      (["--attach=1,a"], "a"), (["-p", "1,,2"], "")])
    func attachInvalidPid(arguments: [String], token: String) throws {
        let r = try runCommand(TestPaths.dunetrace, arguments + ["/bin/true"], timeout: 30)
        #expect(r.status == 1)
        #expect(r.stderr == "dunetrace: Invalid process id: '\(token)'\n", "\(r.stderr)")
    }

    @Test("strace's options that dunetrace lacks: refused by name, strace's shape, exit 1",
          arguments: [["-b", "execve", "/bin/true"], ["-d", "/bin/true"], ["-u", "nobody", "/bin/true"],
                      ["--tips", "/bin/true"], ["--kvm=vcpu", "/bin/true"], ["-e", "kvm=vcpu", "/bin/true"]])
    func unsupported(arguments: [String]) throws {
        let r = try runCommand(TestPaths.dunetrace, arguments, timeout: 30)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("dunetrace: "))
        #expect(r.stderr.contains("not supported") || r.stderr.contains("unsupported"), "\(r.stderr)")
        #expect(!r.stderr.contains("unrecognized") && !r.stderr.contains("invalid option"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// strace 6.1's long option names, from its own -h.
    static func straceLongOptions() throws -> Set<String> {
        let help = try runCommand(HostStrace.path, ["-h"], timeout: 30).stdout
        let names = help.matches(of: /--([a-z][a-z-]*)/).map { String($0.output.1) }
        return Set(names)
    }

    @Test("every strace 6.1 long option name is dunetrace's too (or refused by name)", .enabled(if: HostStrace.available, "needs host strace"))
    func everyLongName() throws {
        let names = try Self.straceLongOptions()
        #expect(names.count > 40, "\(names)")
        for name in names.sorted() {
            // Without PROG nothing runs: a known option ends in a later complaint, never "unrecognized".
            let r = try runCommand(TestPaths.dunetrace, ["--" + name], timeout: 30)
            #expect(!r.stderr.contains("unrecognized option"), "--\(name): \(r.stderr)")
            #expect(!r.stderr.contains("ambiguous"), "--\(name): \(r.stderr)")
        }
    }

    @Test("-h, --help and help: strace's -h layout, the run's options first, then the subcommands",
          arguments: [["-h"], ["--help"], ["help"], ["-f", "-h", "/bin/true"], ["--he"]])
    func help(arguments: [String]) throws {
        let r = try runCommand(TestPaths.dunetrace, arguments, timeout: 30)
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.hasPrefix("Usage: dunetrace "))
        let text = r.stdout
        let output = try #require(text.range(of: "  -o FILE, --output=FILE"))
        let subcommands = try #require(text.range(of: "\nSubcommands"))
        #expect(output.upperBound < subcommands.lowerBound)
        for name in ["replay", "stat", "diff", "compare"] {
            let at = try #require(text.range(of: "\n  \(name) "), "\(name) missing")
            #expect(at.lowerBound > subcommands.lowerBound)
        }
        if HostStrace.available {
            let strace = try runCommand(HostStrace.path, ["-h"], timeout: 30)
            #expect(strace.status == r.status)
            #expect(strace.stdout.hasPrefix("Usage: strace "))
        }
    }

    @Test("-V: strace's version line")
    func version() throws {
        let r = try runCommand(TestPaths.dunetrace, ["-V"], timeout: 30)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("dunetrace -- version "))
        if HostStrace.available {
            let strace = try runCommand(HostStrace.path, ["-V"], timeout: 30)
            #expect(strace.stdout.hasPrefix("strace -- version "))
        }
    }

    @Test("subcommands still parse their own options; `help SUBCOMMAND` is theirs")
    func subcommands() throws {
        let replay = try runCommand(TestPaths.dunetrace, ["replay", "--help"], timeout: 30)
        #expect(replay.status == 0)
        #expect(replay.stdout.contains("--json"))
        let help = try runCommand(TestPaths.dunetrace, ["help", "stat"], timeout: 30)
        #expect(help.status == 0)
        #expect(help.stdout.contains("TRACE"))
    }
}

/// The lists of options in README's usage section, in the man page's OPTIONS and in `dunetrace -h`.
enum OptionLists {
    /// Option names (-o, --output, -tt) in the heading part of option lines.
    static func names(_ heading: Substring) -> Set<String> {
        Set(heading.matches(of: /(?:^|[\s,\[])(--?[A-Za-z][A-Za-z-]*)/).map { String($0.output.1) })
    }

    /// `dunetrace -h`: lines "  -x..." up to the subcommands; the names end where the help starts (two spaces).
    static func help() throws -> Set<String> {
        let text = try runCommand(TestPaths.dunetrace, ["-h"], timeout: 30).stdout
        let options = try #require(text.components(separatedBy: "\nSubcommands").first)
        return Set(options.split(separator: "\n").filter { $0.hasPrefix("  -") }.flatMap { names(heading($0)) })
    }

    private static func heading(_ line: Substring) -> Substring {
        let body = line.dropFirst(2)
        return body.range(of: "  ").map { body[..<$0.lowerBound] } ?? body
    }

    /// README's "## Use" block: the indented lines starting with "-", before the subcommands.
    static func readme() throws -> Set<String> {
        let text = try String(contentsOfFile: TestPaths.root + "/README.md", encoding: .utf8)
        let use = try #require(text.components(separatedBy: "\n## Use\n").dropFirst().first?.components(separatedBy: "\n## ").first)
        let block = try #require(use.components(separatedBy: "    dunetrace replay").first)
        return Set(block.split(separator: "\n").filter { $0.hasPrefix("    -") }.flatMap { names(heading(Substring($0.dropFirst(2)))) })
    }

    /// The man page's OPTIONS: the tag line after each .TP, fonts and escapes taken out.
    static func manPage() throws -> Set<String> {
        let text = try String(contentsOfFile: TestPaths.root + "/man/dunetrace.1", encoding: .utf8)
        let section = try #require(text.components(separatedBy: "\n.SH OPTIONS\n").dropFirst().first?.components(separatedBy: "\n.SH ").first)
        let lines = section.split(separator: "\n", omittingEmptySubsequences: false)
        var out = Set<String>()
        for (i, line) in lines.enumerated() where line == ".TP" && i + 1 < lines.count {
            var tag = String(lines[i + 1])
            tag = tag.replacing(#/^\.[A-Z]+ /#, with: "").replacingOccurrences(of: "\\-", with: "-")
                .replacing(/\\f[BIRP]/, with: "").replacingOccurrences(of: "\"", with: "")
            out.formUnion(names(Substring(tag)))
        }
        return out
    }
}

@Suite("README, the man page and -h list the same options")
struct OptionListTests {
    @Test("the three lists are the same, and each names dunetrace's options")
    func same() throws {
        let help = try OptionLists.help(), readme = try OptionLists.readme(), man = try OptionLists.manPage()
        #expect(help.count > 30, "\(help.sorted())")
        #expect(readme == help, "README lacks \(help.subtracting(readme).sorted()), has more: \(readme.subtracting(help).sorted())")
        #expect(man == help, "the man page lacks \(help.subtracting(man).sorted()), has more: \(man.subtracting(help).sorted())")
        // Each name listed is an option dunetrace reads (a complaint about PROG or a value, not about the name).
        for name in help.sorted() {
            let r = try runCommand(TestPaths.dunetrace, [name], timeout: 30)
            #expect(!r.stderr.contains("invalid option") && !r.stderr.contains("unrecognized option") && !r.stderr.contains("not supported"),
                    "\(name): \(r.stderr)")
        }
    }
}

@Suite("Long and short forms do the same", .enabled(if: TestPaths.hasKVM, "needs /dev/kvm"))
struct LongOptionTests {
    static let pairs: [([String], [String])] = [
        (["-s", "4"], ["--string-limit=4"]),
        (["-s4"], ["--string-limit", "4"]),
        (["-e", "trace=openat"], ["--trace=openat"]),
        (["-e", "status=failed"], ["--status=failed"]),
        (["-Z"], ["--failed-only"]),
        (["-z"], ["--successful-only"]),
        (["-y"], ["--decode-fds"]),
        (["-y"], ["--decode-fds=path"]),
        (["-qq"], ["--quiet=attach,personality,exit"]),
        (["-q"], ["--quiet"]),
        (["-qq"], ["--silence=attach,personality,exits"]),
        (["-e", "read=1"], ["--read=1"]),
        (["-f"], ["--follow-forks", "--seccomp-bpf"]),
        (["-a", "20"], ["--columns=20"]),
        (["-n"], ["--syscall-number"]),
        (["-P", "/etc/passwd"], ["--trace-path=/etc/passwd"]),
        (["-f"], ["--follow-forks", "--output-separately"]),
        (["-A", "-I", "1"], ["--output-append-mode", "--interruptible=anywhere"]),
    ]

    @Test("the same live text", arguments: pairs)
    func sameText(short: [String], long: [String]) throws {
        let program = try Fixtures.path("passwd")
        func run(_ options: [String]) throws -> String {
            let log = Fixtures.directory + "/forms-\(UUID().uuidString).log"
            let r = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-o", log, "-e", "trace=openat,read,write,close"] + options + [program])
            #expect(r.status == 0, "\(options): \(r.stderr)")
            // stdout is a new pipe each run: its inode is the one thing -y shows that differs;
            // with -f -o each line starts with the pid, and -ff names the file after it.
            let text = (try? String(contentsOfFile: log, encoding: .utf8))
                ?? (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.directory)
                        .first { $0.hasPrefix(URL(fileURLWithPath: log).lastPathComponent + ".") }
                        .flatMap { try String(contentsOfFile: Fixtures.directory + "/" + $0, encoding: .utf8) }) ?? ""
            return text.replacing(/pipe:\[\d+\]/, with: "pipe:[N]").replacing(/^\d+ +/.anchorsMatchLineEndings(), with: "PID ")
                .replacing(/0x[0-9a-f]+ \/\*/, with: "0xADDR /*")
        }
        let a = try run(short), b = try run(long)
        #expect(!a.isEmpty)
        #expect(a == b, "\(short) vs \(long)")
    }

    @Test("-E and --env set and remove variables of PROG")
    func environment() throws {
        for options in [["-E", "DT_TEST=1", "-E", "HOME"], ["--env=DT_TEST=1", "--env", "HOME"]] {
            let r = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none"] + options + ["/usr/bin/env"], environment: ["HOME": "/root", "PATH": "/usr/bin:/bin"])
            #expect(r.status == 0)
            let vars = r.stdout.split(separator: "\n")
            #expect(vars.contains("DT_TEST=1"), "\(options)")
            #expect(!vars.contains { $0.hasPrefix("HOME=") }, "\(options)")
        }
    }

    @Test("timestamps and durations: -tt, --absolute-timestamps=unix,us, -T, --syscall-times, -k, --stack-traces")
    func timesAndStacks() throws {
        let cases: [([String], String)] = [
            (["-tt"], #"^\d\d:\d\d:\d\d\.\d{6} write\("#),
            (["--absolute-timestamps=time,us"], #"^\d\d:\d\d:\d\d\.\d{6} write\("#),
            (["--absolute-timestamps"], #"^\d\d:\d\d:\d\d write\("#),
            (["-ttt"], #"^\d{10}\.\d{6} write\("#),
            (["--absolute-timestamps=format:unix,precision:us"], #"^\d{10}\.\d{6} write\("#),
            (["-T"], #"^write\(.* <\d+\.\d{6}>$"#),
            (["--syscall-times"], #"^write\(.* <\d+\.\d{6}>$"#),
        ]
        for (options, pattern) in cases {
            let r = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-e", "trace=write"] + options + ["/bin/echo", "hi"])
            let line = r.stderr.split(separator: "\n").first { $0.contains("write(") }.map(String.init) ?? ""
            #expect(line.range(of: pattern, options: .regularExpression) != nil, "\(options): \(r.stderr)")
        }
        for options in [["-k"], ["--stack-traces"], ["--stack-trace"]] {
            let r = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none", "-e", "trace=write"] + options + ["/bin/echo", "hi"])
            #expect(r.stderr.contains("\n > "), "\(options)")
        }
    }

    @Test("options end at PROG and at --: what follows is PROG's")
    func optionsEnd() throws {
        let r = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none", "/bin/echo", "-Q", "--bogus"])
        #expect(r.status == 0)
        #expect(r.stdout == "-Q --bogus\n")
        let dash = try runCommand(TestPaths.dunetrace, ["--silent", "-w", "none", "--", "-Q"])
        #expect(dash.status == 127, "a program named -Q: \(dash.stderr)")
        #expect(dash.stderr.hasPrefix("dunetrace: -Q"))
    }
}

@Suite("Completion scripts and the install script")
struct InstallTests {
    static let prefix = NSTemporaryDirectory() + "dunetrace-install-\(getpid())"

    /// scripts/install.sh PREFIX with the binary under test (no release build in a test).
    static let installed: Result<RunResult, Error> = Result {
        var env = ProcessInfo.processInfo.environment
        env["DUNETRACE_BIN"] = TestPaths.dunetrace
        return try runCommand("/bin/bash", [TestPaths.root + "/scripts/install.sh", prefix], timeout: 60, environment: env)
    }

    @Test("install.sh puts the binary, the man page and both completions under PREFIX; man finds the page")
    func install() throws {
        let r = try Self.installed.get()
        #expect(r.status == 0, "\(r.stderr)")
        for path in ["bin/dunetrace", "share/man/man1/dunetrace.1", "share/bash-completion/completions/dunetrace", "share/zsh/site-functions/_dunetrace"] {
            #expect(FileManager.default.fileExists(atPath: Self.prefix + "/" + path), "\(path)")
        }
        let v = try runCommand(Self.prefix + "/bin/dunetrace", ["-V"], timeout: 30)
        #expect(v.stdout.hasPrefix("dunetrace -- version "))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/man") {
            let man = try runCommand("/usr/bin/man", ["-P", "cat", "dunetrace"], timeout: 60,
                                     environment: ["MANPATH": Self.prefix + "/share/man", "PATH": "/usr/bin:/bin", "MANWIDTH": "80"])
            #expect(man.status == 0, "\(man.stderr)")
            #expect(man.stdout.contains("DUNETRACE(1)"))
        }
    }

    /// Completions bash offers for `words` (the last one being completed).
    static func bashCompletions(_ words: [String]) throws -> [String] {
        let script = prefix + "/share/bash-completion/completions/dunetrace"
        let quoted = words.map { "'" + $0 + "'" }.joined(separator: " ")
        let program = """
            source '\(script)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=$((${#COMP_WORDS[@]}-1))
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            _dunetrace_run dunetrace "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let r = try runCommand("/bin/bash", ["-c", program], timeout: 30)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").map(String.init)
    }

    @Test("bash: run options before PROG, subcommands first, a subcommand's own options, values")
    func bash() throws {
        _ = try Self.installed.get()
        #expect(try Self.bashCompletions(["dunetrace", "--outp"]).sorted() == ["--output", "--output-append-mode", "--output-separately"])
        #expect(try Self.bashCompletions(["dunetrace", "-f", "--stack"]) == ["--stack-traces"])
        #expect(try Self.bashCompletions(["dunetrace", "rep"]).contains("replay"))
        #expect(!(try Self.bashCompletions(["dunetrace", "-f", "rep"]).contains("replay")), "a subcommand only comes first")
        #expect(try Self.bashCompletions(["dunetrace", "replay", "--js"]) == ["--json"])
        #expect(try Self.bashCompletions(["dunetrace", "--generate-completion-script", "=", "z"]) == ["zsh"])
        #expect(try Self.bashCompletions(["dunetrace", "-o", TestPaths.root + "/READ"]) == [TestPaths.root + "/README.md"])
        #expect(!(try Self.bashCompletions(["dunetrace", "--", "--out"]).contains("--output")), "-- ends the options")
    }

    @Test("zsh: the script loads and defines the run's and the subcommands' functions",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh"), "needs zsh"))
    func zsh() throws {
        _ = try Self.installed.get()
        let script = Self.prefix + "/share/zsh/site-functions/_dunetrace"
        let r = try runCommand("/usr/bin/zsh", ["-f", "-c", "autoload -U compinit && compinit -u -D && source '\(script)' && whence -w _dunetrace _dunetrace_subcommands _dunetrace_replay"], timeout: 30)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "_dunetrace: function\n_dunetrace_subcommands: function\n_dunetrace_replay: function\n")
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(text.hasPrefix("#compdef dunetrace"))
        #expect(text.contains("'*--output=[write the live text to FILE instead of stderr]:FILE:_files'"))
    }
}
