// What execve and execveat check before the point of no return, in the kernel's order
// (fs/exec.c: do_open_execat in alloc_bprm, count, bprm_stack_limits, copy_strings): the file
// opened as the kernel opens it, and argv/envp read with its errors (EFAULT for a bad array
// or entry, E2BIG for a string over MAX_ARG_STRLEN or all of them over the stack's share).
import CKVM
import Foundation
import Glibc

// Not exported by the Glibc module.
private let O_PATH: Int32 = 0o10000000
private let AT_EMPTY_PATH: Int32 = 0x1000
private let ST_NOEXEC: UInt = 8

struct ExecError: Error {
    let code: Int32
}

/// The file to execute: a descriptor in dunetrace's range, the name the kernel gives it
/// (bprm->filename: AT_EXECFN, a script's argument) and the process name it takes.
struct ExecFile {
    let fd: Int32
    let name: String
    let comm: String
    /// The name is a close-on-exec descriptor's: gone once the exec is done.
    var nameInaccessible = false
}

extension Tracer {
    func openExecFile(dirfd: Int32, path: String, noFollow: Bool) -> Result<ExecFile, ExecError> {
        if dirfd >= 0 && guardRules.isReservedFd(UInt64(dirfd)) { return .failure(ExecError(code: EBADF)) }
        // /proc/self/exe is the target's executable, not dunetrace.
        let file = dirfd == AT_FDCWD && procSelfEntry(path) == "exe" ? executablePath : path
        let raw = path.isEmpty  // AT_EMPTY_PATH: the descriptor itself
            ? HostProc.open(dirfd == AT_FDCWD ? "." : "/proc/self/fd/\(dirfd)", O_PATH | O_CLOEXEC)
            : RawPath.withCString(file) { openat(dirfd, $0, O_PATH | O_CLOEXEC | (noFollow ? O_NOFOLLOW : 0)) }
        if raw < 0 { return .failure(ExecError(code: path.isEmpty && errno == ENOENT ? EBADF : errno)) }
        let fd = dt_fd_move_high(raw)
        var st = stat()
        var fs = statvfs()
        // O_PATH|O_NOFOLLOW opens a symlink itself, where the kernel's open for exec says ELOOP.
        if fstat(fd, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK {
            close(fd)
            return .failure(ExecError(code: ELOOP))
        }
        // Only a regular file with an execute bit, on a filesystem that allows exec.
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG,
              faccessat(fd, "", X_OK, AT_EMPTY_PATH | AT_EACCESS) == 0,
              fstatvfs(fd, &fs) == 0, fs.f_flag & ST_NOEXEC == 0 else {
            close(fd)
            return .failure(ExecError(code: EACCES))
        }
        // deny_write_access: a file open for writing anywhere cannot be executed.
        if Self.isOpenForWriting(fd) {
            close(fd)
            return .failure(ExecError(code: ETXTBSY))
        }
        if dirfd == AT_FDCWD || path.hasPrefix("/") {
            return .success(ExecFile(fd: fd, name: path, comm: Self.baseName(path)))
        }
        // Named after the descriptor, and the process after the file it reached.
        let real = HostProc.readlink("/proc/self/fd/\(fd)") ?? realPath("/proc/self/fd/\(fd)")
        let name = path.isEmpty ? "/dev/fd/\(dirfd)" : "/dev/fd/\(dirfd)/\(path)"
        let closeOnExec = fcntl(dirfd, F_GETFD) & FD_CLOEXEC != 0
        return .success(ExecFile(fd: fd, name: name, comm: Self.baseName(real), nameInaccessible: closeOnExec))
    }

    /// Whether some open file description has the file open for writing (the kernel's
    /// i_writecount, which exec's deny_write_access reads): a read lease cannot be taken then
    /// (EAGAIN). Unknown (false) where leases are off or the file is another user's and there
    /// is no CAP_LEASE, or it cannot be opened for reading.
    static func isOpenForWriting(_ pathFD: Int32) -> Bool {
        let fd = HostProc.open("/proc/self/fd/\(pathFD)", O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let F_SETLEASE: Int32 = 1024  // F_LINUX_SPECIFIC_BASE + 0
        if fcntl(fd, F_SETLEASE, F_RDLCK) == 0 {
            _ = fcntl(fd, F_SETLEASE, F_UNLCK)
            return false
        }
        return errno == EAGAIN
    }

    /// What follows the last '/', as the kernel's kbasename names the process after its file.
    static func baseName(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// argv and envp as the kernel copies them; an empty argv gets "" as argv[0].
    func readExecStrings(argv: UInt64, envp: UInt64, fileName: String) -> Result<(argv: [String], envp: [String]), ExecError> {
        let maxArgStrlen = 32 * 4096
        let args: (kept: [UInt64], count: Int), envs: (kept: [UInt64], count: Int)
        switch readPointerArray(argv) {
        case .failure(let e): return .failure(e)
        case .success(let a): args = a
        }
        switch readPointerArray(envp) {
        case .failure(let e): return .failure(e)
        case .success(let e): envs = e
        }
        // bprm_stack_limits: a quarter of the stack limit, at most 3/4 of 8 MiB, at least ARG_MAX.
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_STACK.rawValue), &limit)
        var room = min(UInt64(6 << 20), UInt64(limit.rlim_cur) / 4)
        room = max(room, 128 << 10)
        let pointers = UInt64(max(args.count, 1) + envs.count) * 8
        guard room > pointers else { return .failure(ExecError(code: E2BIG)) }
        room -= pointers
        var used = UInt64(RawPath.bytes(fileName).count + 1)
        guard used <= room else { return .failure(ExecError(code: E2BIG)) }
        // copy_strings goes from the last string to the first, envp before argv.
        func copy(_ list: [UInt64]) -> Result<[String], ExecError> {
            var out = [String](repeating: "", count: list.count)
            for i in list.indices.reversed() {
                guard let s = memory.readCString(list[i], max: maxArgStrlen) else { return .failure(ExecError(code: EFAULT)) }
                guard s.complete else { return .failure(ExecError(code: s.bytes.count == maxArgStrlen ? E2BIG : EFAULT)) }
                used += UInt64(s.bytes.count + 1)
                guard used <= room else { return .failure(ExecError(code: E2BIG)) }
                out[i] = RawPath.string(s.bytes)  // bytes, not text: kept as they are
            }
            return .success(out)
        }
        let envStrings: [String], argStrings: [String]
        switch copy(envs.kept) {
        case .failure(let e): return .failure(e)
        case .success(let s): envStrings = s
        }
        switch copy(args.kept) {
        case .failure(let e): return .failure(e)
        case .success(let s): argStrings = s
        }
        return .success((argStrings.isEmpty ? [""] : argStrings, envStrings))
    }

    /// A NULL-terminated array of pointers in target memory (NULL itself is empty). The kernel
    /// counts to the NULL (EFAULT on the way) before the size check, so all is read; what could
    /// never fit the stack's share (6 MiB of pointers) is counted, not kept.
    private func readPointerArray(_ p: UInt64) -> Result<(kept: [UInt64], count: Int), ExecError> {
        var out: [UInt64] = []
        guard p != 0 else { return .success((out, 0)) }
        let keep = (6 << 20) / 8 + 1
        var count = 0
        var at = p
        while true {
            let n = Int(4096 - (at & 4095))
            guard let chunk = memory.read(at, count: n >= 8 ? n - n % 8 : 8) else { return .failure(ExecError(code: EFAULT)) }
            for i in stride(from: 0, to: chunk.count, by: 8) {
                let ptr = chunk.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i, as: UInt64.self) }
                if ptr == 0 { return .success((out, count)) }
                guard count < 0x7fff_ffff else { return .failure(ExecError(code: E2BIG)) }  // MAX_ARG_STRINGS
                if out.count < keep { out.append(ptr) }
                count += 1
            }
            at &+= UInt64(chunk.count)
        }
    }
}
