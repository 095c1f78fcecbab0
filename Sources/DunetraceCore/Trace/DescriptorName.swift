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
public struct DescriptorName: Sendable, Equatable, Hashable {
    public var path: String
    public var detail: String
    public init(path: String, detail: String = "") { (self.path, self.detail) = (path, detail) }

    static let pidfdPath = "anon_inode:[pidfd]"

    /// The text strace prints between `<` and `>` for `show`; nil when it prints the number alone.
    public func text(_ show: DecodeFDs) -> String? {
        let escapedPath = { StraceText.quote(Array(self.path.utf8), quotes: false, angleBrackets: true) }
        if show.contains(.socket), !detail.isEmpty, path.hasPrefix("socket:[") { return detail }
        if show.contains(.pidfd), !detail.isEmpty, path == Self.pidfdPath { return "pid:" + detail }
        let isDevice = !detail.isEmpty && path.hasPrefix("/")
        if show.contains(.dev), isDevice { return escapedPath() + "<" + detail + ">" }
        return show.contains(.path) ? escapedPath() : nil
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
        name(fd, afterCall)?.text(show).map { "<" + $0 + ">" }
    }
}

/// Replay's descriptor tables, one per process, rebuilt from the trace's descriptor records.
public struct RecordedDescriptors: Sendable {
    private var tables: [Int32: [Int32: DescriptorName]] = [:]
    /// Changes a task's next syscall made (recorded before its syscall record).
    private var pending: [Int32: [Int32: DescriptorName?]] = [:]

    public init() {}

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
