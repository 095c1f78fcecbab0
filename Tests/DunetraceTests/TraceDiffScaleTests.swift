// diff at the sizes real logs have: two generated strace -f logs of 100,000 lines (the second a
// "rerun": other pids, addresses, inode numbers, times and line format, plus known edits)
// aligned as expected, which a quadratic alignment could not do in the time tests have; the
// alignment's fallbacks still giving valid common subsequences; an empty file refused; and
// random or broken log text never trapping the parser, from memory or from a file.
import Foundation
import Testing
@testable import DunetraceCore

/// An strace -f log of `calls` calls over `tasks` tasks, made from `seed`; `run` varies what
/// differs between two runs (pids, addresses, inode numbers, times, the line format), and
/// `edits` (call index -> edit) changes calls.
struct GeneratedLog {
    enum Edit { case delete, insertBefore, changeArgument }
    struct Call { var task: Int; var text: String; var unfinished: Bool }
    var text = ""
    var events = 0
    var calls: [Call] = []

    init(calls count: Int, tasks: Int, seed: UInt64, run: UInt64, edits: [Int: Edit] = [:]) {
        var rng = TraceRandom(seed), varying = TraceRandom(run &+ 99)
        // Pids no other number of the log can equal (normalization would hide that number).
        var base: Int32 = 0
        repeat { base = Int32(150_000 + Int(varying.next() % 30000)) } while (0..<tasks).contains { (Int(base) + $0) % 4096 == 0 }
        func address() -> String { "0x7f" + String(varying.next() % (1 << 36) | (1 << 35), radix: 16) }
        var lastUnfinished = -1
        while calls.count < count {
            var task = Int(rng.next() % UInt64(tasks))
            // A task in an unfinished call makes no other call before it returns.
            if task == lastUnfinished { task = (task + 1) % tasks }
            let k = rng.next() % 8, n = rng.next() % 100_000
            let file = edits[calls.count] == .changeArgument ? "/changed/\(calls.count)" : "/data/file\(n)"
            let text: String
            switch k {
            case 0: text = "openat(AT_FDCWD, \"\(file)\", O_RDONLY|O_CLOEXEC) = 3"
            case 1: text = "read(3, \"line \(n) of \(file)\"..., 4096) = \(n % 4096)"
            case 2: text = "newfstatat(3, \"\(file)\", {st_mode=S_IFREG|0644, st_size=\(n), st_ino=\(varying.next() % 1_000_000), ...}, 0) = 0"
            case 3: text = "mmap(NULL, \(n * 4096), PROT_READ, MAP_PRIVATE, 3, 0) = \(address())"
            case 4: text = "clock_gettime(CLOCK_MONOTONIC, {tv_sec=\(varying.next() % 10000), tv_nsec=\(varying.next() % 1_000_000_000)}) = 0"
            case 5: text = "kill(\(base), SIGUSR1) = 0"
            case 6 where tasks > 1: text = "futex(\(address()), FUTEX_WAIT_PRIVATE, 2, \"\(file)\""
            default: text = "write(1, \"\(file)\\n\", 20) = 20"
            }
            lastUnfinished = k == 6 && tasks > 1 ? task : -1
            calls.append(Call(task: task, text: text, unfinished: lastUnfinished >= 0))
        }
        // The lines: an unfinished call's end comes after the next line of another task.
        var out: [String] = []
        func line(_ task: Int, _ s: String) {
            let pid = base + Int32(task)
            out.append(run % 2 == 0 ? "[pid \(pid)] 12:34:56.\(100000 + out.count % 900000) \(s)" : "\(pid)  \(s)")
        }
        var pending: Int?
        for (i, c) in calls.enumerated() {
            var c = c
            switch edits[i] {
            case .delete?: if !c.unfinished { continue }
            case .insertBefore?:
                if let p = pending, p == c.task { line(p, "<... futex resumed>) = 0"); pending = nil }
                line(c.task, "uname({sysname=\"Linux\", nodename=\"inserted\(i)\", ...}) = 0")
                events += 1
            default: break
            }
            if let p = pending, p == c.task { line(p, "<... futex resumed>) = 0"); pending = nil }
            if c.unfinished {
                c.text += " <unfinished ...>"
            }
            line(c.task, c.text)
            events += 1
            if let p = pending, p != c.task { line(p, "<... futex resumed>) = 0"); pending = nil }
            if c.unfinished { pending = c.task }
        }
        if let p = pending { line(p, "<... futex resumed>) = 0") }
        text = out.joined(separator: "\n") + "\n"
    }
}

@Suite("Trace diff: large inputs")
struct TraceDiffScaleTests {
    func load(_ name: String, _ text: String) throws -> DiffInput {
        let path = TraceTestFiles.path(name)
        TraceTestFiles.write(path, Array(text.utf8))
        return try DiffInput.load(path: path)
    }

    @Test("100,000-line logs of two runs, with known edits, align as expected")
    func largeLogs() throws {
        let calls = 90_000
        var edits: [Int: GeneratedLog.Edit] = [:]
        var rng = TraceRandom(31)
        while edits.count < 300 {
            let at = 100 + Int(rng.next() % UInt64(calls - 200))
            guard (at - 2...at + 2).allSatisfy({ edits[$0] == nil }) else { continue }
            edits[at] = [.delete, .insertBefore, .changeArgument][edits.count % 3]
        }
        let a = GeneratedLog(calls: calls, tasks: 4, seed: 5, run: 1)
        // Deleting an unfinished call would change the lines around it: not done.
        edits = edits.filter { !(a.calls[$0.key].unfinished && $0.value == .delete) }
        let b = GeneratedLog(calls: calls, tasks: 4, seed: 5, run: 2, edits: edits)
        let deleted = edits.values.filter { $0 == .delete }.count
        // Calls without a file name keep their arguments.
        let changed = edits.filter { $0.value == .changeArgument && b.calls[$0.key].text.contains("/changed/") }.count
        #expect(a.text.utf8.count > 6_000_000)
        let left = try load("scale-a.log", a.text), right = try load("scale-b.log", b.text)
        #expect(left.eventCount == a.events && right.eventCount == b.events)
        #expect(left.tasks.count == 4 && right.tasks.count == 4)

        // The same log twice: equivalent, every event equal.
        let same = DiffReport.compare(left, left)
        #expect(same.equivalent && same.equal == a.events)

        // The rerun, its other pids, addresses and times ignored, its edits found.
        let r = DiffReport.compare(left, right, context: 1)
        #expect(r.equal == a.events - deleted - changed)
        #expect(r.onlyA + r.changed == deleted + changed)
        #expect(r.onlyB + r.changed == 100 + changed)
        #expect(r.changed == changed)
        let shown = r.text.split(separator: "\n")
        #expect(shown.filter { $0.hasPrefix("+uname(") }.count == 100)
        #expect(shown.filter { $0.hasPrefix("+") && $0.contains("/changed/") }.count == changed)
        // The lines shown are the logs' own, read back from the files.
        let bLines = Set(b.text.split(separator: "\n").map { String($0.drop { $0 != "]" }.dropFirst(2).drop { $0 != " " }.dropFirst()) })
        #expect(shown.filter { $0.hasPrefix("+") && !$0.hasPrefix("+++ ") }.allSatisfy { bLines.contains(String($0.dropFirst())) || $0.contains("futex") })

        // A short run against the long one (what took quadratic time): the longest alignment.
        let short = try load("scale-short.log", GeneratedLog(calls: 400, tasks: 1, seed: 5, run: 3).text)
        let s = DiffReport.compare(short, left)
        let keys = (short.tasks[0].events.map(\.key), left.tasks[0].events.map(\.key))
        #expect(s.equal == LCS.length(keys.0, keys.1))
        #expect(s.equal + s.changed + s.onlyA == short.eventCount)
        #expect(s.equal + s.changed + s.onlyB == left.eventCount)
    }

    @Test("a short trace against a long log: the alignment a table would find")
    func shortAgainstLong() {
        var rng = TraceRandom(8)
        for round in 0..<6 {
            let a = (0..<(50 + round * 40)).map { _ in Int(rng.next() % 12) }
            let b = (0..<(3000 + round * 500)).map { _ in Int(rng.next() % 12) }
            let pairs = LCS.pairs(a, b)
            #expect(pairs.count == LCS.length(a, b))
            var last = (-1, -1)
            for (i, j) in pairs {
                #expect(i > last.0 && j > last.1 && a[i] == b[j])
                last = (i, j)
            }
        }
    }

    @Test("very different long sequences: a valid common subsequence, not a search without end")
    func veryDifferent() {
        var rng = TraceRandom(21)
        let a = (0..<150_000).map { _ in Int(rng.next() % 20) }
        let b = (0..<150_000).map { _ in Int(rng.next() % 20) }
        let pairs = LCS.pairs(a, b)
        var last = (-1, -1)
        var valid = true
        for (i, j) in pairs {
            valid = valid && i > last.0 && j > last.1 && a[i] == b[j]
            last = (i, j)
        }
        #expect(valid)
        // Random sequences over 20 values have a common subsequence of some 40% of their
        // length; past the search's budget the alignment is not minimal, but not far off.
        #expect(pairs.count > 25_000)
    }

    @Test("an empty file is not a trace or a log")
    func empty() throws {
        let path = TraceTestFiles.path("empty.log")
        TraceTestFiles.write(path, [])
        #expect(throws: DunetraceError.self) { try DiffInput.load(path: path) }
        let r = try runCommand(TestPaths.dunetrace, ["diff", path, TraceFixtures.path("strace-f.log")])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("empty"), "\(r.stderr)")
    }

    @Test("random lines and broken log text never trap, in memory or from a file")
    func fuzz() throws {
        var rng = TraceRandom(99)
        let pieces = ["[pid ", "123", "] ", "  ", "<unfinished ...>", "<... ", " resumed>", "strace: Process 5 attached",
                      "--- ", " ---", "SIGCHLD", "#PF", "+++ ", "exited with ", "killed by ", " +++", "(", ")", "{", "}",
                      "[", "]", "\"", "\\", ",", " = ", "-1", "0x7fffffff12", "4294967296", "99999999999", "getpid",
                      "clone", "wait4", "execve", "rt_sigreturn", "st_ino=", "<0.000012>", "12:00:00.123 ", "\r", "\n",
                      "é", "\u{301}", "\0", "="]
        var all: [UInt8] = []
        for round in 0..<300 {
            var text: [UInt8] = []
            for _ in 0..<(1 + Int(rng.next() % 60)) {
                if rng.next() % 4 == 0 {
                    text.append(UInt8(truncatingIfNeeded: rng.next()))
                } else {
                    text += Array(pieces[Int(rng.next() % UInt64(pieces.count))].utf8)
                }
            }
            all += text + [0x0a]
            let events = StraceLog.parse(String(decoding: text, as: UTF8.self))
            let input = DiffInput(events: events, name: "a", kind: "strace log")
            _ = DiffReport.compare(input, input)
            if round % 30 == 0 {
                let path = TraceTestFiles.path("fuzz-\(round).log")
                TraceTestFiles.write(path, all)
                if let loaded = try? DiffInput.load(path: path) {
                    let r = DiffReport.compare(loaded, input)
                    #expect(r.text.hasSuffix("\n"))
                }
            }
        }
    }
}
