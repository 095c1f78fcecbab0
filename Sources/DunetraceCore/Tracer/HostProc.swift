// dunetrace's own view of /proc, opened before the target runs. The target's chroot is the host
// process's chroot: from then on "/proc/self/..." would name nothing (the guard's checks of
// what the target opened could no longer tell /proc/self/mem from a harmless file) or a /proc
// the target mounted itself. Every /proc path dunetrace reads about itself resolves from this
// descriptor, which is out of the target's reach with dunetrace's other descriptors.
import CKVM
import Glibc

enum HostProc {
    nonisolated(unsafe) private static var directory: Int32 = -1

    /// The saved /proc (O_PATH), -1 before `prepare`.
    static var directoryFD: Int32 { directory }

    /// The mount namespace dunetrace started in (its inode), 0 before `prepare`: the one
    /// where the trace's path must keep leading to the trace.
    nonisolated(unsafe) private(set) static var startMountNamespace: UInt64 = 0

    /// Opens /proc once, before the target can chroot; idempotent.
    static func prepare() {
        guard directory < 0 else { return }
        let fd = Glibc.open("/proc", 0o10000000 /* O_PATH */ | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { directory = dt_fd_move_high(fd) }
        startMountNamespace = mountNamespace()
    }

    /// The mount namespace this process is in now (its inode), 0 if unknown.
    static func mountNamespace() -> UInt64 {
        var st = stat()
        return statPath("/proc/self/ns/mnt", &st) == 0 ? UInt64(st.st_ino) : 0
    }

    /// `path` ("/proc/...") relative to the saved /proc, or nil when it is not under /proc.
    private static func relative(_ path: String) -> String? {
        guard directory >= 0 else { return nil }
        if path == "/proc" { return "." }
        guard path.hasPrefix("/proc/") else { return nil }
        return String(path.dropFirst(6))
    }

    static func open(_ path: String, _ flags: Int32) -> Int32 {
        guard let r = relative(path) else { return Glibc.open(path, flags) }
        return openat(directory, r, flags)
    }

    /// access(2) of `path`, through the saved /proc when it is under /proc.
    static func access(_ path: String, _ mode: Int32) -> Int32 {
        guard let r = relative(path) else { return RawPath.withCString(path) { Glibc.access($0, mode) } }
        return faccessat(directory, r, mode, 0)
    }

    static func readlink(_ path: String) -> String? {
        var buf = [CChar](repeating: 0, count: 4097)
        let n: Int
        if let r = relative(path) { n = readlinkat(directory, r, &buf, 4096) } else { n = Glibc.readlink(path, &buf, 4096) }
        guard n > 0 else { return nil }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The link's bytes as they are (a file's name need not be UTF-8).
    static func readlinkBytes(_ path: String) -> [UInt8]? {
        var buf = [CChar](repeating: 0, count: 4097)
        let n: Int
        if let r = relative(path) { n = readlinkat(directory, r, &buf, 4096) } else { n = Glibc.readlink(path, &buf, 4096) }
        guard n > 0 else { return nil }
        return buf[0..<n].map { UInt8(bitPattern: $0) }
    }

    static func statPath(_ path: String, _ st: inout stat) -> Int32 {
        guard let r = relative(path) else { return stat(path, &st) }
        return fstatat(directory, r, &st, 0)
    }

    static func exists(_ path: String) -> Bool {
        guard let r = relative(path) else { return access(path, F_OK) == 0 }
        return faccessat(directory, r, F_OK, 0) == 0
    }

    /// The entries of a directory (`/proc`, `/proc/PID/task`, `/proc/self/fd`), `.` and `..`
    /// left out; empty when it cannot be read.
    static func entryNames(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func opendir(_ path: String) -> OpaquePointer? {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard let dir = fdopendir(fd) else { close(fd); return nil }
        return dir
    }

    /// The path inside its procfs of descriptor `fd`, which /proc/self/fd shows as `shown`:
    /// what follows the mount point ("/123/mem" for "/x/123/mem" when a procfs is mounted on
    /// /x, as /proc/self/mountinfo names it); for a mount mountinfo does not show (outside a
    /// chroot), what follows "/proc".
    static func pathInsideMount(of fd: Int32, _ shown: String) -> String {
        let fallback = shown.hasPrefix("/proc/") ? String(shown.dropFirst(5)) : shown
        guard let info = readWholeFile("/proc/self/fdinfo/\(fd)"),
              let line = info.split(separator: "\n").first(where: { $0.hasPrefix("mnt_id:") }),
              let mount = Int(line.dropFirst(7).trimmingCharacters(in: .whitespaces)),
              let table = readWholeFile("/proc/self/mountinfo") else { return fallback }
        for entry in table.split(separator: "\n") {
            let fields = entry.split(separator: " ")
            guard fields.count > 5, Int(fields[0]) == mount else { continue }
            let point = String(fields[4])
            if point == "/" { return shown }
            guard shown == point || shown.hasPrefix(point + "/") else { return fallback }
            return String(shown.dropFirst(point.count))
        }
        return fallback
    }
}
