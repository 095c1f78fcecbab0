// What a descriptor refers to, as the trace keeps it (DESIGN.md, "Recording is complete"):
// its path (readlink of /proc/self/fd/N) and the detail strace -yy adds for sockets, devices and
// pidfds. The trace records a descriptor's name when it changes, not per call; the live text and
// replay print a call's descriptors from the same table, so both show the same.

/// strace's --decode-fds=SET: which of a descriptor's names are printed.
public struct DecodeFDs: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let path = DecodeFDs(rawValue: 1)
    public static let socket = DecodeFDs(rawValue: 2)
    public static let dev = DecodeFDs(rawValue: 4)
    public static let pidfd = DecodeFDs(rawValue: 8)
    /// -yy, --decode-fds=all.
    public static let all: DecodeFDs = [.path, .socket, .dev, .pidfd]

    /// --decode-fds=path,socket,...: nil for a word strace does not know.
    public static func parse(_ text: String) -> DecodeFDs? {
        var set = DecodeFDs()
        for word in text.split(separator: ",", omittingEmptySubsequences: false) {
            switch word {
            case "none": break
            case "path": set.insert(.path)
            case "socket": set.insert(.socket)
            case "dev": set.insert(.dev)
            case "pidfd": set.insert(.pidfd)
            case "all": set = .all
            default: return nil
            }
        }
        return set
    }
}

/// One descriptor's name: the path, and for -yy a socket's `TCP:[1.2.3.4:5->6.7.8.9:10]`, a
/// device's `char 1:3`, a pidfd's pid (empty: none).
/// `path` holds the link's bytes as `RawPath` keeps them (bytes that are not UTF-8 included).
/// `deleted`: the kernel appended " (deleted)" to the link and the path no longer names the
/// file (strace's test: the path is gone or is another inode); `path` is then without it, and
/// -y prints `3</tmp/f>(deleted)` as strace does.
public struct DescriptorName: Sendable, Equatable, Hashable {
    public var path: String
    public var detail: String
    public var deleted: Bool
    public init(path: String, detail: String = "", deleted: Bool = false) {
        (self.path, self.detail, self.deleted) = (path, detail, deleted)
    }

    static let pidfdPath = "anon_inode:[pidfd]"

    /// The form the trace keeps the path in: a deleted file's path, NUL, "deleted" (a link
    /// never holds a NUL, so a path without one reads as it did before).
    var recordedPath: String { deleted ? path + "\u{0}deleted" : path }

    /// The name a trace's descriptor record holds (`recordedPath`, detail).
    init(recordedPath: String, detail: String) {
        if let nul = recordedPath.utf8.firstIndex(of: 0) {
            let rest = recordedPath.utf8[recordedPath.utf8.index(after: nul)...]
            self.init(path: String(recordedPath[..<nul]), detail: detail, deleted: rest.elementsEqual("deleted".utf8))
        } else {
            self.init(path: recordedPath, detail: detail)
        }
    }

    /// The text strace prints between `<` and `>` for `show`; nil when it prints the number alone.
    /// A deleted file's `(deleted)` follows the `>`: `deletedNote` says whether it is due.
    public func text(_ show: DecodeFDs) -> String? {
        let escapedPath = { StraceText.quote(RawPath.bytes(self.path), quotes: false, angleBrackets: true) }
        if show.contains(.socket), !detail.isEmpty, path.hasPrefix("socket:[") { return detail }
        if show.contains(.pidfd), !detail.isEmpty, path == Self.pidfdPath { return "pid:" + detail }
        let isDevice = !detail.isEmpty && path.hasPrefix("/")
        if show.contains(.dev), isDevice { return escapedPath() + "<" + detail + ">" }
        return show.contains(.path) ? escapedPath() : nil
    }

    /// Whether `(deleted)` follows `<path>` for `show` (strace prints it after the path alone,
    /// not after a socket's, device's or pidfd's detail).
    func deletedNote(_ show: DecodeFDs) -> Bool {
        guard deleted, show.contains(.path) else { return false }
        if show.contains(.socket), !detail.isEmpty, path.hasPrefix("socket:[") { return false }
        if show.contains(.pidfd), !detail.isEmpty, path == Self.pidfdPath { return false }
        if show.contains(.dev), !detail.isEmpty, path.hasPrefix("/") { return false }
        return true
    }
}

/// A path's bytes in a String, losslessly: valid UTF-8 stays as it is; each byte that is not
/// part of valid UTF-8 becomes the private-use scalar U+10FE00 + byte (and so do the bytes of
/// a valid sequence that encodes one of those scalars), so `bytes(string(b)) == b` for every b.
/// Paths are files' names, not text: strace prints their bytes (`\200\377`), and the trace
/// keeps them the same way.
public enum RawPath {
    private static let base: UInt32 = 0x10FE00

    public static func string(_ bytes: [UInt8]) -> String {
        if let s = String(validating: bytes, as: UTF8.self),
           !s.unicodeScalars.contains(where: { $0.value & ~0xFF == base }) { return s }
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            if let (scalar, n) = decode(bytes, at: i), scalar.value & ~0xFF != base {
                scalars.append(scalar)
                i += n
            } else {
                scalars.append(Unicode.Scalar(base | UInt32(bytes[i]))!)
                i += 1
            }
        }
        return String(scalars)
    }

    /// `s`'s bytes as a NUL-terminated C string, for the calls that take a path.
    public static func withCString<R>(_ s: String, _ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes(s) + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }

    /// The bytes of a C string, as `string` keeps them.
    public static func string(cString p: UnsafePointer<CChar>) -> String {
        var n = 0
        while p[n] != 0 { n += 1 }
        return string(Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: n)))
    }

    public static func bytes(_ s: String) -> [UInt8] {
        guard s.unicodeScalars.contains(where: { $0.value & ~0xFF == base }) else { return Array(s.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if scalar.value & ~0xFF == base { out.append(UInt8(truncatingIfNeeded: scalar.value)) }
            else { out.append(contentsOf: Array(String(scalar).utf8)) }
        }
        return out
    }

    /// The well-formed UTF-8 sequence at `i` (no overlong forms, surrogates or values past
    /// U+10FFFF) and its length; nil when the byte there does not start one.
    private static func decode(_ b: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        let c0 = b[i]
        if c0 < 0x80 { return (Unicode.Scalar(c0), 1) }
        let n: Int, low: UInt32
        switch c0 {
        case 0xC2...0xDF: (n, low) = (2, 0x80)
        case 0xE0...0xEF: (n, low) = (3, 0x800)
        case 0xF0...0xF4: (n, low) = (4, 0x10000)
        default: return nil
        }
        guard i + n <= b.count else { return nil }
        var v = UInt32(c0) & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07)
        for k in 1..<n {
            let c = b[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            v = v << 6 | UInt32(c & 0x3F)
        }
        guard v >= low, let scalar = Unicode.Scalar(v) else { return nil }
        return (scalar, n)
    }
}

/// The descriptors of one call: the process's table as the call found it, and what the call
/// changed (the descriptors it returned or closed), for the live text and replay alike.
public struct CallDescriptorNames: DescriptorNames {
    public var table: [Int32: DescriptorName]
    /// Descriptors the call changed: the new name, or nil for closed.
    public var after: [Int32: DescriptorName?]
    public var show: DecodeFDs

    public init(table: [Int32: DescriptorName], after: [Int32: DescriptorName?] = [:], show: DecodeFDs) {
        (self.table, self.after, self.show) = (table, after, show)
    }

    private func name(_ fd: Int32, _ afterCall: Bool) -> DescriptorName? {
        if afterCall, let changed = after[fd] { return changed }
        return table[fd]
    }

    /// nil when the line shows no names (the table is there for the decoder alone).
    public func path(of fd: Int32, afterCall: Bool) -> String? { show.isEmpty ? nil : name(fd, afterCall)?.path }
    /// The path whether or not lines show names (-P matches by it).
    public func openPath(of fd: Int32, afterCall: Bool) -> String? { name(fd, afterCall)?.path }

    public func detail(of fd: Int32) -> String? { table[fd]?.detail }

    public func decorated(_ fd: Int32, afterCall: Bool) -> String? {
        guard let name = name(fd, afterCall) else { return nil }
        return name.text(show).map { "<" + $0 + ">" + (name.deletedNote(show) ? "(deleted)" : "") }
    }
}

/// Replay's descriptor tables, one per process, rebuilt from the trace's descriptor records.
public struct RecordedDescriptors: Sendable {
    private var tables: [Int32: [Int32: DescriptorName]] = [:]
    /// Changes a task's next syscall made (recorded before its syscall record).
    private var pending: [Int32: [Int32: DescriptorName?]] = [:]

    public init() {}

    /// The names a call of process `pid` began with (a waiting call's entry), changing nothing.
    public func namesAtEntry(pid: Int32, show: DecodeFDs) -> CallDescriptorNames {
        CallDescriptorNames(table: tables[pid] ?? [:], show: show)
    }

    /// Feeds one record; returns the names a syscall record prints with (nil for other records).
    public mutating func names(for r: TraceRecord, show: DecodeFDs) -> CallDescriptorNames? {
        switch r.body {
        case .descriptor(let fd, let afterCall, let name):
            if afterCall {
                pending[r.tid, default: [:]][fd] = .some(name)
            } else {
                tables[r.pid, default: [:]][fd] = name
            }
            return nil
        case .processStarted:
            // A fork child's first records give its whole table (DescriptorTracker); an exec
            // keeps its process's.
            return nil
        case .syscall:
            let changes = pending.removeValue(forKey: r.tid) ?? [:]
            let names = CallDescriptorNames(table: tables[r.pid] ?? [:], after: changes, show: show)
            for (fd, name) in changes { tables[r.pid, default: [:]][fd] = name }
            return names
        default:
            return nil
        }
    }
}
