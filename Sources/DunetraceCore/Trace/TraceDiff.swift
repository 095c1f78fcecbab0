// `dunetrace diff` and `compare`: two event sequences (dunetrace traces or strace -f logs),
// split by task, aligned by a longest common subsequence (first on whole normalized events,
// then on syscall names within what is left, so a call with other arguments shows as
// changed), with what legitimately differs between two runs ignored: addresses, pids and tids,
// times, inode and device numbers, random bytes, the initial execve strace shows (dunetrace
// starts at the first instruction), page faults (strace has none).
import Glibc

/// Longest common subsequence of integer sequences: Myers' O((N+M)D) algorithm in linear space.
public enum LCS {
    /// Index pairs (i, j), increasing in both, with a[i] == b[j], of a longest common subsequence.
    public static func pairs(_ a: [Int], _ b: [Int]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        out.reserveCapacity(min(a.count, b.count))
        let size = 2 * ((a.count + b.count + 1) / 2) + 4
        var vf = [Int](repeating: 0, count: size)
        var vb = [Int](repeating: 0, count: size)
        a.withUnsafeBufferPointer { A in
            b.withUnsafeBufferPointer { B in
                solve(A, 0, a.count, B, 0, b.count, &vf, &vb, &out)
            }
        }
        return out
    }

    /// The length of a longest common subsequence, by dynamic programming (for tests).
    public static func length(_ a: [Int], _ b: [Int]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var prev = [Int](repeating: 0, count: b.count + 1), cur = prev
        for i in 1...a.count {
            for j in 1...b.count {
                cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : max(prev[j], cur[j - 1])
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    private static func solve(_ A: UnsafeBufferPointer<Int>, _ aLo: Int, _ aHi: Int,
                              _ B: UnsafeBufferPointer<Int>, _ bLo: Int, _ bHi: Int,
                              _ vf: inout [Int], _ vb: inout [Int], _ out: inout [(Int, Int)]) {
        var aLo = aLo, bLo = bLo, aHi = aHi, bHi = bHi
        while aLo < aHi && bLo < bHi && A[aLo] == B[bLo] {
            out.append((aLo, bLo))
            aLo += 1
            bLo += 1
        }
        var suffix = 0
        while aLo < aHi - suffix && bLo < bHi - suffix && A[aHi - 1 - suffix] == B[bHi - 1 - suffix] { suffix += 1 }
        aHi -= suffix
        bHi -= suffix
        let n = aHi - aLo, m = bHi - bLo
        if n > 0 && m > 0 {
            if n * m <= 1024 {
                table(A, aLo, n, B, bLo, m, &out)
            } else {
                let (x, y, u, v) = middleSnake(A, aLo, n, B, bLo, m, &vf, &vb)
                if (x == 0 && y == 0 && u == 0 && v == 0) || (x == n && y == m) {
                    table(A, aLo, n, B, bLo, m, &out)  // cannot happen; never loop forever
                } else {
                    solve(A, aLo, aLo + x, B, bLo, bLo + y, &vf, &vb, &out)
                    for k in 0..<(u - x) { out.append((aLo + x + k, bLo + y + k)) }
                    solve(A, aLo + u, aHi, B, bLo + v, bHi, &vf, &vb, &out)
                }
            }
        }
        for k in 0..<suffix { out.append((aHi + k, bHi + k)) }
    }

    /// The middle snake of Myers' paper: (x, y) to (u, v), relative to aLo and bLo.
    private static func middleSnake(_ A: UnsafeBufferPointer<Int>, _ aLo: Int, _ n: Int,
                                    _ B: UnsafeBufferPointer<Int>, _ bLo: Int, _ m: Int,
                                    _ vf: inout [Int], _ vb: inout [Int]) -> (Int, Int, Int, Int) {
        let delta = n - m
        let odd = delta & 1 != 0
        let maxD = (n + m + 1) / 2
        let off = maxD + 1
        vf[off + 1] = 0
        vb[off + 1] = 0
        for d in 0...maxD {
            var k = -d
            while k <= d {
                var x = (k == -d || (k != d && vf[off + k - 1] < vf[off + k + 1])) ? vf[off + k + 1] : vf[off + k - 1] + 1
                var y = x - k
                let sx = x, sy = y
                while x < n && y < m && A[aLo + x] == B[bLo + y] { x += 1; y += 1 }
                vf[off + k] = x
                if odd && abs(k - delta) <= d - 1 && vf[off + k] + vb[off + delta - k] >= n {
                    return (sx, sy, x, y)
                }
                k += 2
            }
            k = -d
            while k <= d {
                var x = (k == -d || (k != d && vb[off + k - 1] < vb[off + k + 1])) ? vb[off + k + 1] : vb[off + k - 1] + 1
                var y = x - k
                let sx = x, sy = y
                while x < n && y < m && A[aLo + n - 1 - x] == B[bLo + m - 1 - y] { x += 1; y += 1 }
                vb[off + k] = x
                if !odd && abs(delta - k) <= d && vb[off + k] + vf[off + delta - k] >= n {
                    return (n - x, m - y, n - sx, m - sy)
                }
                k += 2
            }
        }
        return (0, 0, 0, 0)
    }

    /// Small problems: the classic table.
    private static func table(_ A: UnsafeBufferPointer<Int>, _ aLo: Int, _ n: Int,
                              _ B: UnsafeBufferPointer<Int>, _ bLo: Int, _ m: Int, _ out: inout [(Int, Int)]) {
        var t = [Int](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                t[i * (m + 1) + j] = A[aLo + i] == B[bLo + j] ? t[(i + 1) * (m + 1) + j + 1] + 1
                    : max(t[(i + 1) * (m + 1) + j], t[i * (m + 1) + j + 1])
            }
        }
        var i = 0, j = 0
        while i < n && j < m {
            if A[aLo + i] == B[bLo + j] {
                out.append((aLo + i, bLo + j))
                i += 1
                j += 1
            } else if t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
    }
}

/// One side of a diff: events by task, normalized.
public struct DiffInput: Sendable {
    public struct Event: Sendable, Equatable {
        public var name: String
        /// Normalized: what must be equal for two events to be the same.
        public var key: String
        /// As printed.
        public var text: String
    }
    public struct Task: Sendable {
        public var id: Int32
        /// Events in the order the task made them.
        public var events: [Event]
        /// Events whose place depends on timing (asynchronous signals and the rt_sigreturn
        /// that ends their handlers): compared as a multiset, not as a sequence.
        public var unordered: [Event] = []
    }

    public var name: String
    /// "dunetrace trace" or "strace log".
    public var kind: String
    /// Tasks in the order they first appear.
    public var tasks: [Task]
    /// Set when a dunetrace trace stopped early.
    public var damage: TraceDamage?
    /// The target's exit, when the trace shows it.
    public var eventCount: Int { tasks.reduce(0) { $0 + $1.events.count + $1.unordered.count } }

    /// Reads a dunetrace trace (a gzip file) or an strace -f log (text) at `path`.
    public static func load(path: String, stringLimit: Int? = nil) throws(DunetraceError) -> DiffInput {
        let head = try readPrefix(path, 2)
        if head == [0x1f, 0x8b] {
            let reader = try TraceReader(path: path)
            let renderer = TraceRenderer(stringLimit: stringLimit ?? reader.header.stringLimit)
            var events: [StraceEvent] = []
            while let r = reader.next() {
                guard let text = renderer.text(r) else { continue }
                var e = StraceLog.classify(pid: r.tid, Substring(text))
                e.pid = r.tid
                events.append(e)
            }
            var input = DiffInput(events: events, name: path, kind: "dunetrace trace")
            input.damage = reader.damage
            return input
        }
        let bytes = try readAll(path)
        // Text: mostly printable; a binary file is not a log.
        let sample = bytes.prefix(65536)
        let binary = sample.filter { $0 < 0x09 || ($0 > 0x0d && $0 < 0x20) }.count
        if binary > sample.count / 20 + 1 {
            throw .io(path: path, reason: "neither a dunetrace trace nor an strace log")
        }
        let events = StraceLog.parse(String(decoding: bytes, as: UTF8.self))
        guard events.contains(where: { if case .syscall = $0.kind { return true }; return false }) || bytes.isEmpty else {
            throw .io(path: path, reason: "no system calls in it: neither a dunetrace trace nor an strace log")
        }
        return DiffInput(events: events, name: path, kind: "strace log")
    }

    /// Groups and normalizes parsed events.
    public init(events: [StraceEvent], name: String, kind: String) {
        self.name = name
        self.kind = kind
        var order: [Int32] = []
        var byTask: [Int32: [StraceEvent]] = [:]
        for e in events {
            let t = e.pid ?? -1
            if byTask[t] == nil { order.append(t) }
            byTask[t, default: []].append(e)
        }
        // Pids: the tasks, and what the pid-returning calls returned.
        var pids = Set(order.filter { $0 > 1 })
        for e in events {
            if case .syscall(let name, _, let result) = e.kind, Normalizer.pidResults.contains(name),
               let v = Int32(result.prefix { $0 != " " }), v > 1 {
                pids.insert(v)
            }
        }
        let normalizer = Normalizer(pids: Set(pids.map { String($0) }))
        var tasks: [Task] = []
        for (i, t) in order.enumerated() {
            var task = Task(id: t, events: [])
            for (j, e) in byTask[t, default: []].enumerated() {
                // strace starts with the execve that loads the program; dunetrace at its first
                // instruction.
                if i == 0 && j == 0, case .syscall("execve", _, _) = e.kind { continue }
                guard let ev = normalizer.event(e) else { continue }
                if Normalizer.isUnordered(e) { task.unordered.append(ev) } else { task.events.append(ev) }
            }
            tasks.append(task)
        }
        self.tasks = tasks
    }

    private static func readPrefix(_ path: String, _ n: Int) throws(DunetraceError) -> [UInt8] {
        Array(try readAll(path, limit: n))
    }

    private static func readAll(_ path: String, limit: Int = Int.max) throws(DunetraceError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            switch e {
            case ENOENT, ENOTDIR: throw .notFound(path: path)
            case EACCES, EPERM: throw .permissionDenied(path: path)
            default: throw .io(path: path, reason: String(cString: strerror(e)))
            }
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while out.count < limit {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, min($0.count, limit - out.count)) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 {
                let e = errno
                throw .io(path: path, reason: e == EISDIR ? "Is a directory" : String(cString: strerror(e)))
            }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return out
    }
}

/// What counts as "the same" between two runs.
struct Normalizer {
    let pids: Set<String>

    /// Calls whose result is a pid or tid.
    static let pidResults: Set<String> = ["getpid", "getppid", "gettid", "fork", "vfork", "clone", "clone3",
                                          "set_tid_address", "getpgrp", "getpgid", "getsid", "setsid", "wait4", "waitid"]
    /// Calls whose result is a time or a count of ticks.
    static let timeResults: Set<String> = ["time", "times"]
    /// Calls whose output bytes are random or timing-dependent: only the name and the
    /// arguments that are not output are compared.
    static let randomOutput: Set<String> = ["getrandom"]
    /// Signals that arrive when another process makes them arrive (a child's exit, a timer).
    static let asynchronousSignals: Set<String> = ["SIGCHLD", "SIGALRM", "SIGVTALRM", "SIGPROF", "SIGIO", "SIGWINCH", "SIGURG"]

    static func isUnordered(_ e: StraceEvent) -> Bool {
        switch e.kind {
        case .signal(let name, _): asynchronousSignals.contains(name)
        case .syscall(let name, _, _): name == "rt_sigreturn"
        default: false
        }
    }

    /// Struct fields that differ from run to run.
    static let volatileKeys: Set<String> = [
        "st_ino", "st_dev", "st_rdev", "st_atime", "st_atime_nsec", "st_mtime", "st_mtime_nsec", "st_ctime",
        "st_ctime_nsec", "st_atim", "st_mtim", "st_ctim", "st_blocks", "stx_ino", "stx_dev_major", "stx_dev_minor",
        "stx_rdev_major", "stx_rdev_minor", "stx_atime", "stx_btime", "stx_ctime", "stx_mtime", "stx_blocks",
        "tv_sec", "tv_nsec", "tv_usec", "si_utime", "si_stime", "si_pid", "ru_utime", "ru_stime", "ru_maxrss",
        "ru_minflt", "ru_majflt", "ru_nvcsw", "ru_nivcsw", "ru_inblock", "ru_oublock", "uptime", "loads", "freeram",
        "sharedram", "bufferram", "freeswap", "procs", "freehigh", "tms_utime", "tms_stime", "tms_cutime",
        "tms_cstime", "f_bfree", "f_bavail", "f_ffree", "f_fsid", "it_value", "it_interval",
    ]

    func event(_ e: StraceEvent) -> DiffInput.Event? {
        switch e.kind {
        case .syscall(let name, let args, let result):
            var normArgs = args.map { normalize($0) }
            if Self.randomOutput.contains(name), !normArgs.isEmpty { normArgs[0] = "*" }
            var normResult = normalize(result)
            if Self.pidResults.contains(name) || Self.timeResults.contains(name), let first = result.first,
               first.isNumber { normResult = "*" }
            // rt_sigreturn returns what the interrupted code had in rax, whatever that was, and
            // strace decodes the frame's mask where dunetrace shows none.
            if name == "rt_sigreturn" { (normArgs, normResult) = ([], "*") }
            // dunetrace refuses rseq registration (ENOSYS); glibc carries on without it.
            if name == "rseq" { normResult = "*" }
            return .init(name: name, key: name + "(" + normArgs.joined(separator: ", ") + ") = " + normResult, text: e.text)
        case .signal(let name, let info):
            return .init(name: "--- " + name, key: "--- " + name + " " + normalize(info), text: e.text)
        case .exited(let status):
            return .init(name: "+++ exited", key: "+++ exited with \(status)", text: e.text)
        case .killed(let sig):
            return .init(name: "+++ killed", key: "+++ killed by " + sig, text: e.text)
        case .pageFault, .other:
            return nil
        }
    }

    /// Replaces addresses, pids and volatile fields; leaves strings alone.
    func normalize(_ s: String) -> String {
        let c = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(c.count)
        var i = 0
        func isWord(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b == 0x5f
        }
        while i < c.count {
            let b = c[i]
            if b == UInt8(ascii: "\"") {
                // A quoted string, verbatim.
                let start = i
                i += 1
                while i < c.count && c[i] != UInt8(ascii: "\"") { i += c[i] == UInt8(ascii: "\\") ? 2 : 1 }
                i = min(i + 1, c.count)
                out.append(contentsOf: c[start..<i])
                continue
            }
            if isWord(b) && (i == 0 || !isWord(c[i - 1])) {
                var j = i
                while j < c.count && isWord(c[j]) { j += 1 }
                let word = String(decoding: c[i..<j], as: UTF8.self)
                if j < c.count && c[j] == UInt8(ascii: "="), Self.volatileKeys.contains(word) {
                    // key=value: skip the value (balanced, up to the next top-level , or }).
                    out.append(contentsOf: c[i...j])
                    out.append(UInt8(ascii: "*"))
                    var k = j + 1, depth = 0
                    while k < c.count {
                        let x = c[k]
                        if x == UInt8(ascii: "{") || x == UInt8(ascii: "[") { depth += 1 }
                        else if x == UInt8(ascii: "}") || x == UInt8(ascii: "]") {
                            if depth == 0 { break }
                            depth -= 1
                        } else if x == UInt8(ascii: ",") && depth == 0 { break }
                        k += 1
                    }
                    i = k
                    continue
                }
                if word.hasPrefix("0x"), word.count >= 7, word.dropFirst(2).allSatisfy({ $0.isHexDigit }) {
                    out.append(contentsOf: Array("0x*".utf8))
                } else if pids.contains(word) {
                    out.append(contentsOf: Array("PID".utf8))
                } else {
                    out.append(contentsOf: c[i..<j])
                }
                i = j
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The result of comparing two inputs.
public struct DiffReport: Sendable {
    public var text: String
    /// 1.0 for identical sequences; equal events count 1, changed ones (same call, other
    /// arguments or result) 1/2.
    public var similarity: Double
    public var equal = 0, changed = 0, onlyA = 0, onlyB = 0
    public var equivalent: Bool { changed == 0 && onlyA == 0 && onlyB == 0 }

    enum Op { case equal(Int, Int), changed(Int, Int), removed(Int), added(Int) }

    /// Aligns `a` and `b` task by task (the n-th task to appear in one with the n-th in the
    /// other) and reports the differences with `context` lines around each.
    public static func compare(_ a: DiffInput, _ b: DiffInput, context: Int = 3) -> DiffReport {
        var report = DiffReport(text: "", similarity: 1)
        var weight = 0.0
        var lines = ["--- \(a.name) (\(a.kind): \(a.tasks.count) task\(a.tasks.count == 1 ? "" : "s"), \(a.eventCount) events)",
                     "+++ \(b.name) (\(b.kind): \(b.tasks.count) task\(b.tasks.count == 1 ? "" : "s"), \(b.eventCount) events)"]
        for t in 0..<max(a.tasks.count, b.tasks.count) {
            let ta = t < a.tasks.count ? a.tasks[t] : nil
            let tb = t < b.tasks.count ? b.tasks[t] : nil
            let ea = ta?.events ?? [], eb = tb?.events ?? []
            let ops = align(ea, eb)
            for op in ops {
                switch op {
                case .equal: report.equal += 1; weight += 2
                case .changed: report.changed += 1; weight += 1
                case .removed: report.onlyA += 1
                case .added: report.onlyB += 1
                }
            }
            let label = "task \(t + 1) (" + [ta.map { "A pid \($0.id)" }, tb.map { "B pid \($0.id)" }]
                .compactMap { $0 }.joined(separator: ", ") + ")"
            lines += hunks(ops, ea, eb, context: context, label: label)
            // Asynchronous events: the same kinds, wherever and however often they came
            // (pending signals coalesce).
            let ua = ta?.unordered ?? [], ub = tb?.unordered ?? []
            let keysA = Set(ua.map(\.key)), keysB = Set(ub.map(\.key))
            var body: [String] = []
            for e in ua {
                if keysB.contains(e.key) { report.equal += 1; weight += 1 } else { report.onlyA += 1; body.append("-" + e.text) }
            }
            for e in ub {
                if keysA.contains(e.key) { weight += 1 } else { report.onlyB += 1; body.append("+" + e.text) }
            }
            if !body.isEmpty { lines.append("@@ asynchronous signals and sigreturns, in any order @@ \(label)") }
            lines += body
        }
        let total = Double(a.eventCount + b.eventCount)
        report.similarity = total == 0 ? 1 : weight / total
        let pct = (report.similarity * 1000 + 1e-6).rounded(.down) / 10
        lines.append("similarity: \(pct)% (\(report.equal) equal, \(report.changed) changed, \(report.onlyA) only in A, \(report.onlyB) only in B): "
                     + (report.equivalent ? "equivalent" : "different"))
        report.text = lines.joined(separator: "\n") + "\n"
        return report
    }

    static func align(_ a: [DiffInput.Event], _ b: [DiffInput.Event]) -> [Op] {
        var ids: [String: Int] = [:]
        func id(_ s: String) -> Int {
            if let i = ids[s] { return i }
            ids[s] = ids.count
            return ids.count - 1
        }
        let exact = LCS.pairs(a.map { id($0.key) }, b.map { id($0.key) })
        var ops: [Op] = []
        var i = 0, j = 0
        func gap(_ iEnd: Int, _ jEnd: Int) {
            // Same call, other details: pair them up by name.
            let ga = Array(i..<iEnd), gb = Array(j..<jEnd)
            let byName = ga.isEmpty || gb.isEmpty ? []
                : LCS.pairs(ga.map { id("\u{1}" + a[$0].name) }, gb.map { id("\u{1}" + b[$0].name) })
            for (p, q) in byName {
                while i < ga[p] { ops.append(.removed(i)); i += 1 }
                while j < gb[q] { ops.append(.added(j)); j += 1 }
                ops.append(.changed(i, j))
                i += 1
                j += 1
            }
            while i < iEnd { ops.append(.removed(i)); i += 1 }
            while j < jEnd { ops.append(.added(j)); j += 1 }
        }
        for (p, q) in exact {
            gap(p, q)
            ops.append(.equal(p, q))
            i = p + 1
            j = q + 1
        }
        gap(a.count, b.count)
        return ops
    }

    static func hunks(_ ops: [Op], _ a: [DiffInput.Event], _ b: [DiffInput.Event], context: Int, label: String) -> [String] {
        let differs = ops.indices.filter { if case .equal = ops[$0] { return false }; return true }
        guard !differs.isEmpty else { return [] }
        // Ranges of ops to show: each difference with `context` ops around it, merged.
        var ranges: [(Int, Int)] = []
        for d in differs {
            let lo = max(0, d - context), hi = min(ops.count, d + context + 1)
            if let last = ranges.last, lo <= last.1 { ranges[ranges.count - 1].1 = max(last.1, hi) } else { ranges.append((lo, hi)) }
        }
        var out: [String] = []
        for (lo, hi) in ranges {
            var aStart = Int.max, bStart = Int.max, aCount = 0, bCount = 0
            var body: [String] = []
            for op in ops[lo..<hi] {
                switch op {
                case .equal(let i, let j):
                    aStart = min(aStart, i); bStart = min(bStart, j); aCount += 1; bCount += 1
                    body.append(" " + a[i].text)
                case .changed(let i, let j):
                    aStart = min(aStart, i); bStart = min(bStart, j); aCount += 1; bCount += 1
                    body.append("-" + a[i].text)
                    body.append("+" + b[j].text)
                case .removed(let i):
                    aStart = min(aStart, i); aCount += 1
                    body.append("-" + a[i].text)
                case .added(let j):
                    bStart = min(bStart, j); bCount += 1
                    body.append("+" + b[j].text)
                }
            }
            let aFrom = aStart == Int.max ? 0 : aStart + 1, bFrom = bStart == Int.max ? 0 : bStart + 1
            out.append("@@ -\(aFrom),\(aCount) +\(bFrom),\(bCount) @@ \(label)")
            out += body
        }
        return out
    }
}
