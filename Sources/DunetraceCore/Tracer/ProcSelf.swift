// What the target reads about itself in /proc must be about the target, not dunetrace: the
// same process on the host, so /proc/self/maps, cmdline, environ and auxv would describe the
// tracer. Those files are answered with the target's own content in a memfd (pagemap: see
// ProcPagemap.swift); /proc/self/mem, which would reach dunetrace's memory, is refused.
import CKVM
import Glibc

struct ProcSelfView {
    var argv: [String] = []
    var envp: [String] = []
    var auxv: [(UInt64, UInt64)] = []
    /// The initial stack pointer (argc), for /proc/self/stat's startstack and argument area.
    var stackPointer: UInt64 = 0
}

/// The size of the kernel's saved auxiliary vector (mm->saved_auxv), which PR_GET_AUXV returns.
private let savedAuxvSize: Int64 = dt_host_syscall(157, 0x4155_5856, 0, 0, 0, 0, 0)  // prctl(PR_GET_AUXV, NULL, 0)

extension Tracer {
    static let PR_GET_AUXV: UInt64 = 0x4155_5856

    /// prctl(PR_GET_AUXV): the target's vector (the host's is dunetrace's: its addresses), zeros
    /// after it up to the kernel's size, which is returned.
    func getAuxv(_ a: SyscallArgs) -> Int64 {
        guard a.a3 == 0, a.a4 == 0 else { return -Int64(EINVAL) }
        guard savedAuxvSize > 0 else { return savedAuxvSize }
        var bytes = procView.auxv.flatMap { pair in
            withUnsafeBytes(of: pair.0.littleEndian, Array.init) + withUnsafeBytes(of: pair.1.littleEndian, Array.init)
        }
        bytes = Array(bytes.prefix(Int(savedAuxvSize)))
        bytes += [UInt8](repeating: 0, count: Int(savedAuxvSize) - bytes.count)
        let size = Int(min(UInt64(savedAuxvSize), a.a2))
        if size > 0 {
            guard space.isAccessible(a.a1, size, prot: PROT_WRITE),
                  TargetAccess.write(a.a1, from: bytes, count: size) else { return -Int64(EFAULT) }
        }
        return savedAuxvSize
    }

    /// The part of a /proc path after "/proc/self/" (or /proc/PID/, /proc/thread-self/,
    /// /proc/PID/task/TID/) when it names this process; nil for anything else.
    func procSelfEntry(_ path: String) -> String? {
        guard path.hasPrefix("/proc/") else { return nil }
        var parts = path.dropFirst(6).split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let head = parts.first else { return nil }
        if head == "self" || head == "thread-self" || head == String(pid) { parts.removeFirst() } else { return nil }
        if parts.count >= 2 && parts[0] == "task", let tid = Int32(parts[1]) {
            // Only the target's own threads have views: dunetrace's threads are ENOENT
            // (OpenedFileCheck.swift), and a tid that is no thread is the kernel's ENOENT.
            guard tasks.contains(where: { $0.tid == tid }) else { return nil }
            parts.removeFirst(2)
        }
        return parts.joined(separator: "/")
    }

    /// The thread whose lines (SigBlk, SigPnd) a /proc path about this process shows: the one
    /// /proc/thread-self or task/TID names; nil for the process (its leader's).
    func procViewedThread(_ path: String) -> TaskState? {
        let parts = path.dropFirst(6).split(separator: "/", omittingEmptySubsequences: true)
        if parts.first == "thread-self" { return task }
        if parts.count >= 3 && parts[1] == "task", let tid = Int32(parts[2]) { return tasks.first { $0.tid == tid } }
        return nil
    }

    /// open/openat of a /proc file about the target: EACCES, a view (ProcViewDescriptors.swift)
    /// of the real file opened with the target's flags, or the real file.
    func openProcSelf(_ pathAddress: UInt64, flags: UInt64) -> Emulation {
        guard let p = memory.readCString(pathAddress, max: 128), p.complete else { return .passthrough }
        guard let entry = procSelfEntry(String(decoding: p.bytes, as: UTF8.self)) else { return .passthrough }
        if entry == "mem" { return .result(-Int64(EACCES)) }
        // O_PATH gives no contents: the kernel's descriptor is what it is natively.
        if flags & procOPath != 0 { return .passthrough }
        guard entry == "pagemap" || procViewEntries.contains(entry) else { return .passthrough }
        if entry == "exe" { return .result(procSelfView(entry, flags: flags, real: -1)) }
        let real = openRealProcFile(p.bytes, flags: flags)
        guard real >= 0 else { return .result(real) }
        if entry == "pagemap" { return .result(openPagemapView(flags: flags, real: Int32(real))) }
        return .result(procSelfView(entry, flags: flags, real: Int32(real), thread: procViewedThread(String(decoding: p.bytes, as: UTF8.self))))
    }

    /// The entries of /proc/self answered with the target's own view.
    var procViewEntries: Set<String> { ["maps", "smaps", "numa_maps", "cmdline", "environ", "auxv", "exe", "status", "stat", "statm", "limits", "smaps_rollup"] }

    /// A new descriptor on the target's own view of /proc/self/`entry` (maps, smaps, cmdline,
    /// environ, auxv...), `real` dunetrace's descriptor on the real file, opened with `flags`
    /// (taken over): the lowest free number, as an open would give. exe is the executable.
    func procSelfView(_ entry: String, flags: UInt64, real: Int32, thread: TaskState? = nil) -> Int64 {
        let content: [UInt8]
        switch entry {
        case "exe":
            if real >= 0 { close(real) }
            // The target's executable, not dunetrace; busy for writing, as a running one is.
            // (O_TRUNC too: the kernel's truncation of a running file is ETXTBSY, even opened for reading.)
            if flags & UInt64(O_WRONLY | O_RDWR | O_TRUNC) != 0 { return -Int64(ETXTBSY) }
            return executablePath.withCString {
                dt_host_syscall(Int64(SyscallNumber.openat), UInt64(bitPattern: Int64(AT_FDCWD)), UInt64(UInt(bitPattern: $0)), flags, 0, 0, 0)
            }
        case "status", "stat", "statm", "limits", "smaps_rollup":
            guard let view = processStatusView(entry, thread: thread) else { close(real); return -Int64(ENOENT) }
            content = Array(view.utf8)
        case "maps": content = Array(targetMaps().utf8)
        case "smaps": content = Array(targetMaps(detailed: true).utf8)
        case "numa_maps": content = Array(targetNumaMaps().utf8)
        case "cmdline": content = procView.argv.flatMap { RawPath.bytes($0) + [0] }
        case "environ": content = procView.envp.flatMap { RawPath.bytes($0) + [0] }
        case "auxv":
            content = procView.auxv.flatMap { pair in
                withUnsafeBytes(of: pair.0.littleEndian, Array.init) + withUnsafeBytes(of: pair.1.littleEndian, Array.init)
            }
        default:
            close(real)
            return -Int64(ENOENT)
        }
        return makeProcView(named: entry, content: content, real: real, flags: flags)
    }

    /// /proc/self/maps (or smaps, `detailed`) as the target's: the host's entries for its
    /// memory (the same files, offsets and inodes, since it is the same memory), cut to its
    /// mappings, with [heap] and [stack] named, plus the vDSO pages it sees. smaps keeps each
    /// entry's counters, with Size: made the size of the part shown.
    func targetMaps(detailed: Bool = false) -> String {
        guard let host = readWholeFile(detailed ? "/proc/self/smaps" : "/proc/self/maps") else { return "" }
        var out = ""
        // Split as bytes, and entries none of the target's memory overlaps skipped before any
        // text is made of them: smaps holds some 25 lines for each of dunetrace's own mappings
        // (a program reading /proc/self/status in a loop paid ~18 ms per open splitting them).
        let lines = host.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        func isHeader(_ line: Substring.UTF8View) -> Bool {
            guard let c = line.first else { return false }
            return (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f"))
        }
        var i = 0
        while i < lines.count {
            let raw = lines[i]
            i += 1
            guard isHeader(raw) else { continue }
            // smaps: the counter lines that follow this entry's header.
            let detailsStart = i
            while detailed && i < lines.count && !lines[i].isEmpty && !isHeader(lines[i]) { i += 1 }
            guard let dash = raw.firstIndex(of: UInt8(ascii: "-")), let gap = raw[dash...].firstIndex(of: UInt8(ascii: " ")),
                  let start = Self.hexValue(raw[raw.startIndex..<dash]), let end = Self.hexValue(raw[raw.index(after: dash)..<gap]) else { continue }
            // A bracketed name may be the vDSO's pages, which the target sees too.
            guard raw.last == UInt8(ascii: "]") || space.maps.contains(where: { $0.start < end && $0.end > start }) else { continue }
            let line = Substring(raw)
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count >= 5 else { continue }
            let name = fields.count == 6 ? String(fields[5]).trimmingLeadingSpaces() : ""
            var pieces: [(UInt64, UInt64, String)] = []
            if name.hasPrefix("[vdso]") || name.hasPrefix("[vvar") || name == "[vsyscall]" {
                pieces = [(start, end, name)]
            } else {
                for m in space.maps where m.start < end && m.end > start {
                    let shown = name.isEmpty && (m.name == "[heap]" || m.name == "[stack]") ? m.name : name
                    pieces.append((max(m.start, start), min(m.end, end), shown))
                }
            }
            let details = lines[detailsStart..<i].map { Substring($0) }
            let offset = UInt64(fields[2], radix: 16) ?? 0
            // Only a file's offset moves with the part shown; anonymous memory reads 0.
            let isFile = fields[4] != "0"
            for (s, e, shown) in pieces {
                // show_vma_header_prefix ends with a space; a name follows seq_pad's padding to
                // column 72 and one more space.
                var line = hex(s, width: 8) + "-" + hex(e, width: 8) + " " + fields[1] + " " + hex(isFile ? offset &+ (s - start) : offset, width: 8) + " " + fields[3] + " " + fields[4] + " "
                if !shown.isEmpty { line += String(repeating: " ", count: max(0, 72 - line.utf8.count)) + " " + shown }
                out += line + "\n"
                for d in details {
                    if d.hasPrefix("Size:") {
                        let kb = String((e - s) / 1024)
                        out += "Size:" + String(repeating: " ", count: max(1, 23 - kb.count)) + kb + " kB\n"
                    } else {
                        out += d + "\n"
                    }
                }
            }
        }
        return out
    }

    /// A lowercase hexadecimal number of /proc's maps, nil when it is not one or too long.
    private static func hexValue(_ digits: Substring.UTF8View) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var v: UInt64 = 0
        for c in digits {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v << 4 | UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v << 4 | UInt64(c - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return v
    }

    /// /proc/self/numa_maps as the target's: the host's line for each of its memory areas (one
    /// per entry of /proc/self/maps, in the same order), cut to the target's mappings as maps
    /// is, heap and stack marked where the target's are.
    func targetNumaMaps() -> String {
        guard let maps = readWholeFile("/proc/self/maps"), let numa = readWholeFile("/proc/self/numa_maps") else { return "" }
        let areas = maps.split(separator: "\n"), policies = numa.split(separator: "\n")
        var out = ""
        for (area, line) in zip(areas, policies) {
            let fields = area.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            let bounds = fields.first?.split(separator: "-") ?? []
            guard bounds.count == 2, let start = UInt64(bounds[0], radix: 16), let end = UInt64(bounds[1], radix: 16) else { continue }
            var words = line.split(separator: " ").map(String.init)
            guard words.count >= 2, UInt64(words[0], radix: 16) == start else { continue }
            words.removeAll { $0 == "heap" || $0 == "stack" }  // dunetrace's own
            let name = fields.count == 6 ? String(fields[5]).trimmingLeadingSpaces() : ""
            var pieces: [(UInt64, String)] = []
            if name.hasPrefix("[vdso]") || name.hasPrefix("[vvar") || name == "[vsyscall]" {
                pieces = [(start, "")]
            } else {
                for m in space.maps where m.start < end && m.end > start {
                    pieces.append((max(m.start, start), m.name == "[heap]" ? "heap" : m.name == "[stack]" ? "stack" : ""))
                }
            }
            for (s, mark) in pieces {
                var shown = words
                shown[0] = hex(s, width: 8)
                if !mark.isEmpty { shown.insert(mark, at: 2) }
                out += shown.joined(separator: " ") + "\n"
            }
        }
        return out
    }

    private func hex(_ v: UInt64, width: Int = 0) -> String {
        let s = String(v, radix: 16)
        return s.count < width ? String(repeating: "0", count: width - s.count) + s : s
    }
}

private extension String {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
