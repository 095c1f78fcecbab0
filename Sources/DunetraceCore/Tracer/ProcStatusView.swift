// /proc/self/status, stat and statm as the target's: the host's files describe dunetrace's
// process (its 64 TiB of reserved address space, its code, its compressor thread, its signal
// handlers for every signal), so the lines that would show dunetrace are computed from the
// target's own mappings, threads, descriptors and signal state; the rest is the host's.
import CKVM
import Glibc

/// The target's memory as status/statm count it, in bytes.
struct TargetMemoryUsage {
    var size: UInt64 = 0, rss: UInt64 = 0, anon: UInt64 = 0, shmem: UInt64 = 0
    var data: UInt64 = 0, stack: UInt64 = 0, exe: UInt64 = 0, lib: UInt64 = 0, pageTables: UInt64 = 0
    var codeStart: UInt64 = 0, codeEnd: UInt64 = 0, dataStart: UInt64 = 0, dataEnd: UInt64 = 0
}

extension Tracer {
    /// The content of the target's /proc/self/`entry` (status, stat or statm); nil when the
    /// host's file cannot be read.
    /// `thread`: the thread whose blocked and pending signals show (nil: the leader's, as for
    /// /proc/PID/status).
    func processStatusView(_ entry: String, thread: TaskState? = nil) -> String? {
        let usage = targetMemoryUsage()
        let shown = thread ?? mainTask ?? task
        switch entry {
        case "limits": return readWholeFile("/proc/self/limits").map { limitsView($0, targetLimits.values) }
        case "smaps_rollup": return readWholeFile("/proc/self/smaps_rollup").map(smapsRollupView)
        case "status": return readWholeFile("/proc/self/status").map { statusView($0, usage, shown) }
        case "stat": return readWholeFile("/proc/self/stat").map { statView($0, usage, shown) }
        default:
            let page: UInt64 = 4096
            let text = usage.exe / page, data = (usage.data + usage.stack) / page
            return "\(usage.size / page) \(usage.rss / page) \((usage.rss - usage.anon) / page) \(text) 0 \(data) 0\n"
        }
    }

    /// /proc/self/limits with the limits dunetrace keeps for the target (ResourceLimits.swift).
    private func limitsView(_ host: String, _ kept: KeptLimits) -> String {
        let names: [String: Int32] = ["Max cpu time": Int32(RLIMIT_CPU.rawValue), "Max file size": Int32(RLIMIT_FSIZE.rawValue),
                                      "Max open files": Int32(RLIMIT_NOFILE.rawValue), "Max address space": Int32(RLIMIT_AS.rawValue)]
        func padded(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        func shown(_ v: UInt64) -> String { v == UInt64.max ? "unlimited" : String(v) }
        var out = ""
        for line in host.split(separator: "\n", omittingEmptySubsequences: false) {
            let name = String(line.prefix(25)).trimmingCharacters(in: .whitespaces)
            if let r = names[name], let (soft, hard) = kept[r], line.count > 67 {
                let units = String(line.dropFirst(68))
                out += padded(name, 25) + " " + padded(shown(soft), 20) + " " + padded(shown(hard), 20) + " " + units + "\n"
            } else if !line.isEmpty {
                out += line + "\n"
            }
        }
        return out
    }

    /// /proc/self/smaps_rollup as the sum of the target's own smaps entries.
    private func smapsRollupView(_ host: String) -> String {
        var sums: [String: UInt64] = [:]
        var first: UInt64?, last: UInt64 = 0
        var anonymous = false, file = false, shmem = false
        for line in targetMaps(detailed: true).split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, range.contains("-"), fields.count >= 5 {
                let bounds = range.split(separator: "-")
                if bounds.count == 2, let s = UInt64(bounds[0], radix: 16), let e = UInt64(bounds[1], radix: 16) {
                    first = first ?? s
                    last = max(last, e)
                }
                let name = fields.count >= 6 ? String(fields[5]) : ""
                shmem = fields[1].hasSuffix("s") && (name.isEmpty || name.hasPrefix("/memfd:") || name.hasPrefix("/SYSV") || name.hasPrefix("/dev/zero"))
                file = !shmem && name.hasPrefix("/")
                anonymous = !shmem && !file
                continue
            }
            guard fields.count >= 2, fields[0].hasSuffix(":"), let kb = UInt64(fields[1]) else { continue }
            let key = String(fields[0].dropLast())
            sums[key, default: 0] += kb
            if key == "Pss" {
                sums[anonymous ? "Pss_Anon" : file ? "Pss_File" : "Pss_Shmem", default: 0] += kb
            }
            if key == "Private_Dirty" { sums["Pss_Dirty", default: 0] += kb }
        }
        func hex(_ v: UInt64) -> String { String(v, radix: 16) }
        var out = ""
        for line in host.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, range.contains("-") {
                let head = hex(first ?? 0) + "-" + hex(last) + " ---p 00000000 00:00 0"
                out += head + String(repeating: " ", count: max(1, 73 - head.count)) + "[rollup]\n"
            } else if let key = fields.first, key.hasSuffix(":") {
                let value = String(sums[String(key.dropLast()), default: 0])
                out += key + String(repeating: " ", count: max(1, 20 - key.count - value.count + 4)) + value + " kB\n"
            } else {
                out += line + "\n"
            }
        }
        return out
    }

    private var caughtAndIgnored: (caught: UInt64, ignored: UInt64) {
        var caught: UInt64 = 0, ignored: UInt64 = 0
        for sig in 1...64 {
            let handler = signals.actions[sig].0
            if handler == SignalState.SIG_IGN { ignored |= 1 << UInt64(sig - 1) } else if handler != 0 { caught |= 1 << UInt64(sig - 1) }
        }
        return (caught, ignored)
    }

    /// The size the kernel's descriptor table has for the target's highest descriptor.
    var targetFDSize: Int {
        var highest = -1
        for name in HostProc.entryNames("/proc/self/fd") {
            if let fd = Int(name), Int64(fd) < guardRules.reservedFdBase { highest = max(highest, fd) }
        }
        guard highest >= 64 else { return 64 }
        var n = highest / 128 + 1, p = 1
        while p < n { p <<= 1 }
        n = p
        return n * 128
    }

    private func statusView(_ host: String, _ u: TargetMemoryUsage, _ shown: TaskState) -> String {
        func kb(_ bytes: UInt64) -> String {
            let v = String(bytes / 1024)
            return String(repeating: " ", count: max(0, 8 - v.count)) + v + " kB"
        }
        func hex16(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, 16 - s.count)) + s
        }
        let signalsOf = caughtAndIgnored
        // Pending: the target's queues, and what the host holds back (the host's own lines).
        let replaced: [String: String] = [
            "SigPnd": hex16(dt_signals_set_mask(shown.pendingSet) | Tracer.statusMask(host, "SigPnd")),
            "ShdPnd": hex16(dt_signals_process_pending() | Tracer.statusMask(host, "ShdPnd")),
            "FDSize": String(targetFDSize), "VmPeak": kb(u.size), "VmSize": kb(u.size), "VmHWM": kb(u.rss), "VmRSS": kb(u.rss),
            "RssAnon": kb(u.anon), "RssFile": kb(u.rss - u.anon - u.shmem), "RssShmem": kb(u.shmem),
            "VmData": kb(u.data), "VmStk": kb(u.stack), "VmExe": kb(u.exe), "VmLib": kb(u.lib), "VmPTE": kb(u.pageTables),
            "Threads": String(tasks.count), "SigBlk": hex16(shown.mask),
            "SigIgn": hex16(signalsOf.ignored), "SigCgt": hex16(signalsOf.caught),
        ]
        return Tracer.replacingStatusLines(host, replaced)
    }

    /// The host's status text with the values of the lines named in `replaced` swapped.
    static func replacingStatusLines(_ host: String, _ replaced: [String: String]) -> String {
        var out = ""
        for line in host.split(separator: "\n") {
            if let colon = line.firstIndex(of: ":"), let value = replaced[String(line[..<colon])] {
                out += line[...colon] + "\t" + value + "\n"
            } else {
                out += line + "\n"
            }
        }
        return out
    }

    /// A status line's hexadecimal mask (SigPnd, ShdPnd...), 0 when absent.
    static func statusMask(_ status: String, _ key: String) -> UInt64 {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }),
              let v = UInt64(String(line.dropFirst(key.count + 1).drop { $0 == " " || $0 == "\t" }), radix: 16) else { return 0 }
        return v
    }

    static func hex16(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 16 - s.count)) + s
    }

    /// /proc/PID/status, stat or limits of another process of the trace, from its descriptor
    /// `fd` (kept open): the lines about signals and kept limits its target's, as it publishes
    /// them (ProcessFacts.swift); nil when it does not.
    func otherProcessView(_ entry: String, _ other: Int32, fd: Int32) -> String? {
        guard let facts = processFacts, let e = facts.find(other) else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = pread(fd, &chunk, chunk.count, off_t(bytes.count))
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        guard !bytes.isEmpty else { return nil }
        let host = String(decoding: bytes, as: UTF8.self)
        switch entry {
        case "status": return otherProcessStatus(host, facts, e)
        case "limits":
            var kept = KeptLimits()
            kept.move(to: facts.entry(e), copying: false)
            return limitsView(host, kept)
        case "stat":
            guard let close = host.lastIndex(of: ")") else { return host }
            var fields = host[host.index(after: close)...].split(separator: " ").map(String.init)
            if let last = fields.last, last.hasSuffix("\n") { fields[fields.count - 1] = String(last.dropLast()) }
            // Field k of proc(5) is fields[k - 3]; the kernel shows the first 31 signals of each set.
            let values: [Int: Int] = [31: ProcessFacts.threadPendingOffset, 32: ProcessFacts.blockedOffset,
                                      33: ProcessFacts.ignoredOffset, 34: ProcessFacts.caughtOffset]
            for (k, offset) in values where k - 3 < fields.count { fields[k - 3] = String(facts.load(e, offset) & 0x7fff_ffff) }
            return host[...close] + " " + fields.joined(separator: " ") + "\n"
        default: return nil
        }
    }

    private func otherProcessStatus(_ host: String, _ facts: ProcessFacts, _ e: Int) -> String {
        let replaced: [String: String] = [
            "SigPnd": Tracer.hex16(facts.load(e, ProcessFacts.threadPendingOffset) | Tracer.statusMask(host, "SigPnd")),
            "ShdPnd": Tracer.hex16(facts.load(e, ProcessFacts.processPendingOffset) | Tracer.statusMask(host, "ShdPnd")),
            "SigBlk": Tracer.hex16(facts.load(e, ProcessFacts.blockedOffset)),
            "SigIgn": Tracer.hex16(facts.load(e, ProcessFacts.ignoredOffset)),
            "SigCgt": Tracer.hex16(facts.load(e, ProcessFacts.caughtOffset)),
        ]
        return Tracer.replacingStatusLines(host, replaced)
    }

    private func statView(_ host: String, _ u: TargetMemoryUsage, _ shown: TaskState) -> String {
        guard let close = host.lastIndex(of: ")") else { return host }
        let head = host[...close]
        var fields = host[host.index(after: close)...].split(separator: " ").map(String.init)
        if let last = fields.last, last.hasSuffix("\n") { fields[fields.count - 1] = String(last.dropLast()) }
        let signalsOf = caughtAndIgnored
        let (argStart, argEnd, envStart, envEnd) = argumentArea()
        // Field k of proc(5) is fields[k - 3].
        let values: [Int: UInt64] = [
            20: UInt64(tasks.count), 23: u.size, 24: u.rss / 4096,
            26: u.codeStart, 27: u.codeEnd, 28: procView.stackPointer,
            // The kernel's proc_pid_stat shows the first 31 signals of each set.
            31: dt_signals_set_mask(shown.pendingSet) & 0x7fff_ffff,
            32: shown.mask & 0x7fff_ffff, 33: signalsOf.ignored & 0x7fff_ffff, 34: signalsOf.caught & 0x7fff_ffff,
            45: u.dataStart, 46: u.dataEnd, 47: space.brkStart,
            48: argStart, 49: argEnd, 50: envStart, 51: envEnd,
        ]
        for (k, v) in values where k - 3 < fields.count { fields[k - 3] = String(v) }
        return head + " " + fields.joined(separator: " ") + "\n"
    }

    /// Where the kernel put the argument and environment strings: argv[0] and envp[0], as the
    /// initial stack names them, and the strings' lengths.
    func argumentArea() -> (UInt64, UInt64, UInt64, UInt64) {
        let sp = procView.stackPointer
        guard sp != 0, let argc = TargetAccess.load(sp, as: UInt64.self), argc < 1 << 20 else { return (0, 0, 0, 0) }
        let argStart = TargetAccess.load(sp &+ 8, as: UInt64.self) ?? 0
        let envStart = TargetAccess.load(sp &+ 16 &+ 8 &* argc, as: UInt64.self) ?? 0
        let argBytes = procView.argv.reduce(UInt64(0)) { $0 + UInt64(RawPath.bytes($1).count + 1) }
        let envBytes = procView.envp.reduce(UInt64(0)) { $0 + UInt64($1.utf8.count + 1) }
        return (argStart, argStart &+ argBytes, envStart == 0 ? argStart &+ argBytes : envStart, (envStart == 0 ? argStart &+ argBytes : envStart) &+ envBytes)
    }

    /// The bytes from the lowest touched page of the stack mapping [s, e) to its end.
    func stackResident(_ s: UInt64, _ e: UInt64) -> UInt64 {
        let pages = Int((e - s) / 4096)
        guard pages > 0, pages <= 1 << 20 else { return e - s }
        var vector = [UInt8](repeating: 0, count: pages)
        guard mincore(UnsafeMutableRawPointer(bitPattern: UInt(s)), Int(e - s), &vector) == 0,
              let first = vector.firstIndex(where: { $0 & 1 != 0 }) else { return 0 }
        return e - (s + UInt64(first) * 4096)
    }

    /// The target's mappings counted as the kernel counts them for status and statm.
    func targetMemoryUsage() -> TargetMemoryUsage {
        var u = TargetMemoryUsage()
        var current: (start: UInt64, end: UInt64, perms: Substring, name: String)?
        var tables = Set<UInt64>(), upper = Set<UInt64>()
        for line in targetMaps(detailed: true).split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            if fields.count >= 5, fields[0].contains("-") {
                let bounds = fields[0].split(separator: "-")
                guard bounds.count == 2, let s = UInt64(bounds[0], radix: 16), let e = UInt64(bounds[1], radix: 16), e > s else { current = nil; continue }
                let name = fields.count == 6 ? String(fields[5].drop { $0 == " " }) : ""
                let perms = fields[1]
                current = (s, e, perms, name)
                var size = e - s
                // The stack is reserved whole here; natively its mapping is what was touched,
                // at least the 128 KiB (and the argument pages) exec sets up.
                if name == "[stack]" { size = min(size, max(stackResident(s, e), 132 * 1024)) }
                u.size += size
                let write = perms.contains("w"), exec = perms.contains("x"), shared = perms.contains("s")
                if name == "[stack]" { u.stack += size }
                else if write && !shared { u.data += size }
                if exec && !write && name != "[stack]" {
                    if name == executablePath {
                        u.exe += size
                        if u.codeStart == 0 || s < u.codeStart { u.codeStart = s }
                        u.codeEnd = max(u.codeEnd, e)
                    } else {
                        u.lib += size
                    }
                }
                if name == executablePath && write {
                    if u.dataStart == 0 || s < u.dataStart { u.dataStart = s }
                    u.dataEnd = max(u.dataEnd, e)
                }
                var a = s & ~0x1f_ffff
                while a < e && tables.count < 1 << 16 { tables.insert(a); upper.insert(a >> 30); a &+= 0x20_0000 }
                continue
            }
            guard let m = current else { continue }
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, let kb = UInt64(parts[1]) else { continue }
            switch parts[0] {
            case "Rss:":
                u.rss += kb * 1024
                if m.perms.contains("s") && (m.name.hasPrefix("/memfd:") || m.name.hasPrefix("/SYSV") || m.name.hasPrefix("/dev/zero") || m.name.isEmpty) {
                    u.shmem += kb * 1024
                }
            case "Anonymous:": u.anon += kb * 1024
            default: break
            }
        }
        u.shmem = min(u.shmem, u.rss - min(u.anon, u.rss))
        u.anon = min(u.anon, u.rss)
        u.pageTables = UInt64(tables.count + upper.count + 1) * 4096
        return u
    }
}
