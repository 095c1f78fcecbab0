// `dunetrace diff` and `compare`: two event sequences (dunetrace traces or strace -f logs),
// split by task, aligned by a longest common subsequence (first on whole normalized events,
// then on syscall names within what is left, so a call with other arguments shows as
// changed), with what legitimately differs between two runs ignored: addresses, pids and tids,
// times, inode and device numbers, random bytes, the initial execve strace shows (dunetrace
// starts at the first instruction), page faults (strace has none).
import Glibc

struct Normalizer {
    let pids: Set<Int32>
    /// The normalized event being hashed (reused).
    private var key: [UInt8] = []

    init(pids: Set<Int32>) {
        self.pids = pids
        key.reserveCapacity(4096)
    }

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

    static func isUnordered(_ e: EventParts, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        switch e.kind {
        case .signal: asynchronousSignals.contains(String(decoding: UnsafeBufferPointer(rebasing: p[e.name]), as: UTF8.self))
        case .syscall: p[e.name].elementsEqual("rt_sigreturn".utf8)
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

    /// Whether a body starts with the name of a call in `pidResults` (cheaper than parsing it).
    static func mayReturnPid(_ body: ArraySlice<UInt8>) -> Bool {
        let name = body.prefix { StraceLog.isLetter($0) || StraceLog.isDigit($0) || $0 == UInt8(ascii: "_") }
        guard name.count >= 4, name.count <= 15, name.endIndex < body.endIndex, body[name.endIndex] == UInt8(ascii: "(") else { return false }
        return name.withUnsafeBufferPointer { special(hash($0)) == .pidResult }
    }

    /// Names the rules below single out, by hash.
    enum Special { case pidResult, timeResult, randomOutput, sigreturn, rseq }
    static let specials: [(hash: Int, special: Special)] =
        pidResults.map { (hash($0), .pidResult) } + timeResults.map { (hash($0), .timeResult) }
        + randomOutput.map { (hash($0), .randomOutput) } + [(hash("rt_sigreturn"), .sigreturn), (hash("rseq"), .rseq)]

    static func special(_ nameHash: Int) -> Special? {
        for s in specials where s.hash == nameHash { return s.special }
        return nil
    }

    static func hash(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { hash($0) }
    }

    /// wyhash's mixing: fast, and well spread (a hash, not a checksum an attacker could aim at).
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawBufferPointer(p)
        let k0: UInt64 = 0xa076_1d64_78bd_642f, k1: UInt64 = 0xe703_7ed1_a0b4_28db
        func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let (hi, lo) = a.multipliedFullWidth(by: b)
            return hi ^ lo
        }
        var seed = k0 ^ UInt64(p.count)
        var i = 0
        while i + 16 <= raw.count {
            let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            seed = mix(a ^ k1, b ^ seed)
            i += 16
        }
        var a: UInt64 = 0, b: UInt64 = 0
        var shift: UInt64 = 0
        while i < raw.count {
            if shift < 64 { a |= UInt64(raw[i]) << shift } else { b |= UInt64(raw[i]) << (shift - 64) }
            shift += 8
            i += 1
        }
        return Int(bitPattern: UInt(mix(k1 ^ UInt64(p.count), mix(a ^ k1, b ^ seed))))
    }

    /// The hashes of the normalized event and of its name; nil for what is not compared.
    mutating func event(_ e: EventParts, _ p: UnsafeBufferPointer<UInt8>) -> (key: Int, name: Int)? {
        key.removeAll(keepingCapacity: true)
        func bytes(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: p[r]) }
        var name: Int
        switch e.kind {
        case .syscall:
            name = Self.hash(bytes(e.name))
            let special = Self.special(name)
            key.append(contentsOf: bytes(e.name))
            append("(")
            // rt_sigreturn returns what the interrupted code had in rax, whatever that was, and
            // strace decodes the frame's mask where dunetrace shows none.
            if special != .sigreturn {
                for (i, arg) in e.args.enumerated() {
                    if i > 0 { append(", ") }
                    if i == 0 && special == .randomOutput { append("*") } else { normalize(bytes(arg)) }
                }
            }
            append(") = ")
            if special == .sigreturn || special == .rseq {
                // dunetrace refuses rseq registration (ENOSYS); glibc carries on without it.
                append("*")
            } else if special == .pidResult || special == .timeResult, !e.result.isEmpty, StraceLog.isDigit(p[e.result.lowerBound]) {
                append("*")
            } else {
                normalize(bytes(e.result))
            }
        case .signal:
            append("--- ")
            key.append(contentsOf: bytes(e.name))
            name = key.withUnsafeBufferPointer { Self.hash($0) }
            append(" ")
            normalize(bytes(e.result))
        case .exited(let status):
            name = Self.hash("+++ exited")
            append("+++ exited with \(status)")
        case .killed:
            name = Self.hash("+++ killed")
            append("+++ killed by ")
            key.append(contentsOf: bytes(e.name))
        case .pageFault, .other:
            return nil
        }
        return (key.withUnsafeBufferPointer { Self.hash($0) }, name)
    }

    private mutating func append(_ s: String) { key.append(contentsOf: s.utf8) }

    /// Appends `s` with addresses, pids and volatile fields replaced; strings left alone.
    private mutating func normalize(_ c: UnsafeBufferPointer<UInt8>) {
        do {
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
                    key.append(contentsOf: c[start..<i])
                    continue
                }
                if isWord(b) && (i == 0 || !isWord(c[i - 1])) {
                    var j = i
                    while j < c.count && isWord(c[j]) { j += 1 }
                    let word = UnsafeBufferPointer(rebasing: c[i..<j])
                    if j < c.count && c[j] == UInt8(ascii: "="), Self.volatileKeys.contains(String(decoding: word, as: UTF8.self)) {
                        // key=value: skip the value (balanced, up to the next top-level , or }).
                        key.append(contentsOf: c[i...j])
                        key.append(UInt8(ascii: "*"))
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
                    if word.count >= 7, word[0] == UInt8(ascii: "0"), word[1] == UInt8(ascii: "x"),
                       word.dropFirst(2).allSatisfy({ StraceLog.isDigit($0) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x66) }) {
                        append("0x*")
                    } else if word[0] != UInt8(ascii: "0"), word.count <= 10, word.allSatisfy(StraceLog.isDigit),
                              let v = Int32(exactly: word.reduce(0) { $0 * 10 + Int($1) - 0x30 }), pids.contains(v) {
                        append("PID")
                    } else {
                        key.append(contentsOf: word)
                    }
                    i = j
                    continue
                }
                key.append(b)
                i += 1
            }
        }
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
        var lines: [String] = []
        var report = compare(a, b, context: context) { lines.append($0) }
        report.text = lines.joined(separator: "\n") + "\n"
        return report
    }

    /// The same, each line of the report given to `line` as it is made (`text` stays empty).
    public static func compare(_ a: DiffInput, _ b: DiffInput, context: Int = 3, line: (String) -> Void) -> DiffReport {
        var report = DiffReport(text: "", similarity: 1)
        var weight = 0.0
        line("--- \(a.name) (\(a.kind): \(a.tasks.count) task\(a.tasks.count == 1 ? "" : "s"), \(a.eventCount) events)")
        line("+++ \(b.name) (\(b.kind): \(b.tasks.count) task\(b.tasks.count == 1 ? "" : "s"), \(b.eventCount) events)")
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
            hunks(ops, ea, eb, context: context, label: label, texts: (a, b), line: line)
            // Asynchronous events: the same kinds, wherever and however often they came
            // (pending signals coalesce).
            let ua = ta?.unordered ?? [], ub = tb?.unordered ?? []
            let keysA = Set(ua.map(\.key)), keysB = Set(ub.map(\.key))
            var body: [String] = []
            for e in ua {
                if keysB.contains(e.key) { report.equal += 1; weight += 1 } else { report.onlyA += 1; body.append("-" + a.text(e)) }
            }
            for e in ub {
                if keysA.contains(e.key) { weight += 1 } else { report.onlyB += 1; body.append("+" + b.text(e)) }
            }
            if !body.isEmpty { line("@@ asynchronous signals and sigreturns, in any order @@ \(label)") }
            body.forEach(line)
        }
        let total = Double(a.eventCount + b.eventCount)
        report.similarity = total == 0 ? 1 : weight / total
        let pct = (report.similarity * 1000 + 1e-6).rounded(.down) / 10
        line("similarity: \(pct)% (\(report.equal) equal, \(report.changed) changed, \(report.onlyA) only in A, \(report.onlyB) only in B): "
             + (report.equivalent ? "equivalent" : "different"))
        return report
    }

    static func align(_ a: [DiffInput.Event], _ b: [DiffInput.Event]) -> [Op] {
        let exact = LCS.pairs(a.map(\.key), b.map(\.key))
        var ops: [Op] = []
        ops.reserveCapacity(max(a.count, b.count))
        var i = 0, j = 0
        func gap(_ iEnd: Int, _ jEnd: Int) {
            // Same call, other details: pair them up by name.
            let byName = i == iEnd || j == jEnd ? [] : LCS.pairs(a[i..<iEnd].map(\.name), b[j..<jEnd].map(\.name))
            let (i0, j0) = (i, j)
            for (p, q) in byName {
                while i < i0 + p { ops.append(.removed(i)); i += 1 }
                while j < j0 + q { ops.append(.added(j)); j += 1 }
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

    static func hunks(_ ops: [Op], _ a: [DiffInput.Event], _ b: [DiffInput.Event], context: Int, label: String,
                      texts: (DiffInput, DiffInput), line: (String) -> Void) {
        func differs(_ k: Int) -> Bool { if case .equal = ops[k] { return false }; return true }
        var k = 0
        while k < ops.count {
            guard differs(k) else { k += 1; continue }
            // A hunk: this difference with `context` ops around, and the next differences
            // whose context touches it.
            let lo = max(0, k - context)
            var hi = min(ops.count, k + context + 1)
            var scan = k + 1
            while scan < ops.count && scan <= hi + context {
                if differs(scan) { hi = min(ops.count, max(hi, scan + context + 1)) }
                scan += 1
            }
            var aStart = Int.max, bStart = Int.max, aCount = 0, bCount = 0
            for op in ops[lo..<hi] {
                switch op {
                case .equal(let i, let j), .changed(let i, let j):
                    aStart = min(aStart, i); bStart = min(bStart, j); aCount += 1; bCount += 1
                case .removed(let i): aStart = min(aStart, i); aCount += 1
                case .added(let j): bStart = min(bStart, j); bCount += 1
                }
            }
            let aFrom = aStart == Int.max ? 0 : aStart + 1, bFrom = bStart == Int.max ? 0 : bStart + 1
            line("@@ -\(aFrom),\(aCount) +\(bFrom),\(bCount) @@ \(label)")
            for op in ops[lo..<hi] {
                switch op {
                case .equal(let i, _): line(" " + texts.0.text(a[i]))
                case .changed(let i, let j):
                    line("-" + texts.0.text(a[i]))
                    line("+" + texts.1.text(b[j]))
                case .removed(let i): line("-" + texts.0.text(a[i]))
                case .added(let j): line("+" + texts.1.text(b[j]))
                }
            }
            k = hi
        }
    }
}
