// Shared helpers for the integration tests: where things are, building the C fixtures with cc,
// and running a command with a time limit.
import Foundation
import Testing

enum TestPaths {
    /// The package root (this file is Tests/DunetraceTests/TestSupport.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The dunetrace binary built next to the test runner.
    static let dunetrace: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The runner may live inside a .xctest bundle directory.
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("dunetrace").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("dunetrace").path
    }()

    static let hasKVM = FileManager.default.fileExists(atPath: "/dev/kvm")

    /// The host CPU has protection keys (PKU), which dunetrace's guest does not: natively
    /// pkey_alloc succeeds and execute-only pages fault on reads (SEGV_PKUERR); under dunetrace
    /// pkey_alloc is EINVAL and such pages read. PVM offers guests no PKU at all
    /// (KVM_GET_SUPPORTED_CPUID leaf 7 ECX bit 3 is 0 here), so tests of those lines record a
    /// known issue on such hosts instead of passing.
    static let hostHasPKU: Bool = {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
        return info.split(separator: "\n").contains { $0.hasPrefix("flags") && $0.split(separator: " ").contains("pku") }
    }()
}

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool
}

/// Runs `path args` with stdin from /dev/null; kills it after `timeout` seconds.
/// Spawned with every descriptor above 2 closed: the test process opens pipes on many threads
/// at once, and one inherited by chance shifted the descriptor numbers a fixture printed (its
/// native run and its traced run then differed). Signal mask and dispositions start clean.
@discardableResult
func runCommand(_ path: String, _ args: [String], timeout: Double = 120, environment: [String: String]? = nil) throws -> RunResult {
    var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
    // (Any other spawn here closes them too: pipe2's O_CLOEXEC is not visible from Swift.)
    guard pipe(&outPipe) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    guard pipe(&errPipe) == 0 else {
        let e = errno
        close(outPipe[0]); close(outPipe[1])
        throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
    if let closeFrom = spawnCloseFrom { _ = closeFrom(&actions, 3) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t(), all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    // dunetrace as a user runs it from PATH: its messages start with the name it was run by.
    let argv = ([path == TestPaths.dunetrace ? "dunetrace" : path] + args).map { strdup($0) } + [nil]
    let envStrings = environment.map { $0.map { "\($0.key)=\($0.value)" } } ?? ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    let envp = envStrings.map { strdup($0) } + [nil]
    defer { for p in argv + envp { free(p) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    close(outPipe[1]); close(errPipe[1])
    guard spawned == 0 else {
        close(outPipe[0]); close(errPipe[0])
        throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO)
    }
    // Read both pipes concurrently so a chatty child cannot block on a full pipe.
    nonisolated(unsafe) var outData = Data(), errData = Data()
    let group = DispatchGroup()
    let outFD = outPipe[0], errFD = errPipe[0]
    group.enter()
    DispatchQueue.global().async { outData = readToEnd(outFD); group.leave() }
    group.enter()
    DispatchQueue.global().async { errData = readToEnd(errFD); group.leave() }
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    var status: Int32 = 0
    while true {
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid || (r < 0 && errno != EINTR) { break }
        if Date() > deadline {
            timedOut = true
            kill(pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            break
        }
        usleep(10_000)
    }
    group.wait()
    close(outFD); close(errFD)
    // As a shell reports it: 128 + the signal that ended it.
    let signal = status & 0x7f
    let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
    return RunResult(status: code, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self), timedOut: timedOut)
}

/// glibc's posix_spawn_file_actions_addclosefrom_np (2.34), not visible from Swift's Glibc.
private let spawnCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32)? = {
    guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32).self)
}()

/// Everything descriptor `fd` gives until end of file. Foundation's readDataToEndOfFile traps when a
/// signal interrupts its read (EINTR); the tests' children exit and signal all the time.
func readToEnd(_ fd: Int32) -> Data {
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n > 0 { data.append(contentsOf: chunk[0..<n]); continue }
        if n < 0 && errno == EINTR { continue }
        return data
    }
}

/// The C programs in fixtures/src, compiled once per test run, static and dynamic.
enum Fixtures {
    static let directory: String = {
        let dir = NSTemporaryDirectory() + "dunetrace-fixtures-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    private static let lock = NSLock()
    nonisolated(unsafe) private static var built: [String: String] = [:]

    /// Path of fixture `name` (fixtures/src/NAME.c), built with cc (static when asked).
    static func path(_ name: String, static isStatic: Bool = false) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        let key = name + (isStatic ? ".static" : "")
        if let p = built[key] { return p }
        let out = directory + "/" + key
        let src = TestPaths.root + "/fixtures/src/" + name + ".c"
        let r = try runCommand("/usr/bin/cc", ["-O1", "-w", "-pthread"] + (isStatic ? ["-static"] : []) + ["-o", out, src])
        guard r.status == 0 else { throw FixtureError.compile(name: key, output: r.stderr) }
        built[key] = out
        return out
    }

    enum FixtureError: Error { case compile(name: String, output: String) }
}

/// Runs a program natively and under `dunetrace --silent`; both must agree.
func expectNativeBehaviour(_ program: String, _ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let native = try runCommand(program, args)
    let traced = try runCommand(TestPaths.dunetrace, ["--silent", program] + args)
    #expect(!traced.timedOut, "dunetrace timed out on \(program)", sourceLocation: sourceLocation)
    #expect(traced.stdout == native.stdout, "stdout differs for \(program) \(args)", sourceLocation: sourceLocation)
    #expect(traced.status == native.status, "exit status differs for \(program): \(traced.stderr)", sourceLocation: sourceLocation)
}

/// A user-space address as run-to-run text: any 12-digit hex value below 0x800000000000 (PIE
/// images at 0x55.., mappings anywhere ASLR puts them: 0x7e.., 0x7f..).
func maskUserAddresses(_ text: String) -> String {
    text.replacing(/\b0x[1-7][0-9a-f]{11}\b/, with: "0xADDR")
}

/// Host strace's text for `program` run with `options`, dunetrace's live text with the same
/// options, and the replay with them of a --silent recording of the program, each through
/// `mask`; every run must exit 0.
struct StraceComparison {
    let strace: String, live: String, replay: String

    init(_ program: String, _ options: [String], mask: (String) -> String = maskUserAddresses,
         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let id = UUID().uuidString
        let theirs = Fixtures.directory + "/strace-\(id).log", trace = Fixtures.directory + "/dunetrace-\(id).trace.gz"
        defer { for f in [theirs, trace] { try? FileManager.default.removeItem(atPath: f) } }
        let s = try runCommand(HostStrace.path, ["-o", theirs] + options + [program])
        let live = try runCommand(TestPaths.dunetrace, ["--no-pf", "-w", "none"] + options + [program])
        let recorded = try runCommand(TestPaths.dunetrace, ["--no-pf", "--silent", "-w", trace, program])
        #expect(s.status == 0 && live.status == 0 && recorded.status == 0, "\(live.stderr) \(recorded.stderr)",
                sourceLocation: sourceLocation)
        let replay = try runCommand(TestPaths.dunetrace, ["replay"] + options + [trace])
        strace = mask(try String(contentsOfFile: theirs, encoding: .utf8))
        self.live = mask(live.stderr)
        self.replay = mask(replay.stdout)
    }
}
