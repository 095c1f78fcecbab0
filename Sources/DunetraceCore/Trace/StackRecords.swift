// -k in the trace (DESIGN.md, "Recording is complete"): stacks deduplicated, a table of modules
// (path, build id) and of stacks (frames: a module, the file offset and the file's own address),
// each defined once per writer; an event's stack is a stack record naming its id just before
// the event. Replay symbolizes offline from the files, and prints the module and offset when
// a file is gone or changed.
import Foundation
import Glibc

/// One frame: where in which module (its file offset, and the file's own address for symbols).
public struct StackFrame: Sendable, Hashable {
    /// Index in the writer's module table; -1 for code in no file (`offset` is then the ip).
    public var module: Int32
    public var offset: UInt64
    /// The address in the file's own terms (ip minus the load bias); 0 when unknown.
    public var symbolAddress: UInt64
    public init(module: Int32, offset: UInt64, symbolAddress: UInt64) {
        (self.module, self.offset, self.symbolAddress) = (module, offset, symbolAddress)
    }

    /// strace -k's line: ` > /lib/libc.so.6(read+0xd) [0xf82ad]`, ` > [vdso]() [0x...]`,
    /// ` > unexpected_backtracing_error [0xip]`.
    public static func line(path: String?, symbol: (name: String, offset: UInt64)?, offset: UInt64) -> String {
        guard let path, !path.isEmpty else { return " > unexpected_backtracing_error [0x" + String(offset, radix: 16) + "]" }
        let s = symbol.map { $0.name + "+0x" + String($0.offset, radix: 16) } ?? ""
        return " > " + path + "(" + s + ") [0x" + String(offset, radix: 16) + "]"
    }
}

/// A module of the module table: a mapped file (or a named area such as [vdso]).
public struct StackModule: Sendable, Hashable {
    public var path: String
    /// The GNU build id (empty: none, or not a file).
    public var buildID: [UInt8]
    public var isFile: Bool
    public init(path: String, buildID: [UInt8], isFile: Bool) { (self.path, self.buildID, self.isFile) = (path, buildID, isFile) }
}

/// The writer's side: ids for modules and stacks, and which were already written. A forked
/// child writes as a new writer (its own chunks): it starts its tables afresh.
final class StackTable: @unchecked Sendable {
    /// The process whose writer the tables belong to (a fork child starts afresh).
    private(set) var owner: Int32 = 0
    private var modules: [StackModule: Int32] = [:]
    private var stacks: [[StackFrame]: Int] = [:]
    private let lock = ForkSafeLock()

    func moduleID(_ m: StackModule) -> (id: Int32, new: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if let id = modules[m] { return (id, false) }
        let id = Int32(modules.count)
        modules[m] = id
        return (id, true)
    }

    func stackID(_ frames: [StackFrame]) -> (id: Int, new: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if let id = stacks[frames] { return (id, false) }
        let id = stacks.count
        stacks[frames] = id
        return (id, true)
    }

    func reset(owner: Int32) {
        lock.lock()
        self.owner = owner
        modules.removeAll()
        stacks.removeAll()
        lock.unlock()
    }
}

/// Replay's side: the tables, per process, and the stack each task's next event has; frames
/// symbolized from the files on this machine when they are the same files.
struct RecordedStacks {
    /// Per process (each writes its own tables: a fork child starts afresh, an exec goes on).
    private var modules: [Int32: [Int32: StackModule]] = [:]
    private var stacks: [Int32: [Int: [StackFrame]]] = [:]
    private var next: [Int32: [StackFrame]] = [:]
    private var files: [String: StackFile?] = [:]

    /// Feeds `r`; returns the stack lines of an event that has one.
    mutating func feed(_ r: TraceRecord) -> [String]? {
        switch r.body {
        case .module(let id, let module):
            modules[r.pid, default: [:]][id] = module
            return nil
        case .stack(let id, let frames):
            if let frames { stacks[r.pid, default: [:]][id] = frames }
            next[r.tid] = stacks[r.pid]?[id] ?? []
            return nil
        case .syscall, .pageFault, .signal:
            guard let frames = next.removeValue(forKey: r.tid) else { return nil }
            return frames.map { line($0, r.pid) }
        default:
            return nil
        }
    }

    private mutating func line(_ f: StackFrame, _ pid: Int32) -> String {
        guard f.module >= 0, let m = modules[pid]?[f.module] else {
            return StackFrame.line(path: nil, symbol: nil, offset: f.offset)
        }
        var symbol: (name: String, offset: UInt64)?
        if m.isFile, let file = file(m) { symbol = file.symbols.name(at: f.symbolAddress) }
        return StackFrame.line(path: m.path, symbol: symbol, offset: f.offset)
    }

    /// The file at the module's path when it is still the file recorded (same build id).
    private mutating func file(_ m: StackModule) -> StackFile? {
        if let known = files[m.path] { return known?.buildID == m.buildID ? known : nil }
        let f = StackFile(path: m.path)
        files[m.path] = f
        return f?.buildID == m.buildID ? f : nil
    }
}

/// An ELF file's symbols and build id, read for symbolizing.
struct StackFile {
    let symbols: ElfSymbols
    let buildID: [UInt8]

    init?(path: String) {
        guard let bytes = readRegularFile(path) else { return nil }
        let sections = ElfSections.parse(bytes)
        symbols = ElfSymbols(bytes: bytes, sections: sections)
        buildID = StackFile.buildID(bytes, sections)
    }

    /// The descriptor of the .note.gnu.build-id note (namesz 4, "GNU\0", NT_GNU_BUILD_ID 3).
    static func buildID(_ bytes: [UInt8], _ sections: [ElfSection]) -> [UInt8] {
        guard let s = sections.first(where: { $0.name == ".note.gnu.build-id" }), s.size >= 16,
              s.offset <= UInt64(bytes.count), s.size <= UInt64(bytes.count) - s.offset else { return [] }
        let o = Int(s.offset)
        let namesz = Int(loadLE32(bytes, o)), descsz = Int(loadLE32(bytes, o + 4))
        let start = o + 12 + ((namesz + 3) & ~3)
        guard loadLE32(bytes, o + 8) == 3, descsz <= 64, start + descsz <= o + Int(s.size) else { return [] }
        return Array(bytes[start..<start + descsz])
    }
}

/// The whole file, if it is a regular file of a sane size.
func readRegularFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size > 64, st.st_size < 1 << 31 else { return nil }
    var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(done)) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return nil }
        done += n
    }
    return bytes
}

/// A flight recorder (--ring) drops old chunks: what later records need of them is kept here.
/// The descriptor table (the newest name of each open descriptor) starts every chunk; the stack
/// and module definitions are written with the process map, for task 0 so they are no event's.
struct RingState {
    private var descriptors: [Int32: [Int32: TraceRecord]] = [:]
    private(set) var definitions: [TraceRecord] = []
    /// Each task's last command name (-Y).
    private(set) var comms: [Int32: TraceRecord] = [:]
    private static let definitionLimit = 1 << 16

    mutating func remember(_ r: TraceRecord) {
        switch r.body {
        case .descriptor(let fd, _, let name):
            var applied = r
            applied.body = .descriptor(fd: fd, afterCall: false, name: name)
            descriptors[r.pid, default: [:]][fd] = name == nil ? nil : applied
        case .comm:
            if comms[r.tid] != nil || comms.count < RingState.definitionLimit { comms[r.tid] = r }
        case .module, .stack(_, .some):
            guard definitions.count < RingState.definitionLimit else { return }
            var definition = r
            definition.tid = 0
            definitions.append(definition)
        default:
            break
        }
    }

    /// The open descriptors' names, as records at `time`.
    func descriptorTable(time: UInt64) -> [TraceRecord] {
        descriptors.keys.sorted().flatMap { pid in
            descriptors[pid]!.keys.sorted().map {
                var r = descriptors[pid]![$0]!
                r.time = time
                return r
            }
        }
    }
}
