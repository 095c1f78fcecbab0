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
@discardableResult
func runCommand(_ path: String, _ args: [String], timeout: Double = 120, environment: [String: String]? = nil) throws -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    if let environment { p.environment = environment }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    try p.run()
    // Read both pipes concurrently so a chatty child cannot block on a full pipe.
    nonisolated(unsafe) var outData = Data(), errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { outData = readToEnd(out.fileHandleForReading); group.leave() }
    group.enter()
    DispatchQueue.global().async { errData = readToEnd(err.fileHandleForReading); group.leave() }
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    while p.isRunning {
        if Date() > deadline { timedOut = true; kill(p.processIdentifier, SIGKILL); break }
        usleep(10_000)
    }
    p.waitUntilExit()
    group.wait()
    let status = p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus
    return RunResult(status: status, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self), timedOut: timedOut)
}

/// Everything `handle` gives until end of file. Foundation's readDataToEndOfFile traps when a
/// signal interrupts its read (EINTR); the tests' children exit and signal all the time.
func readToEnd(_ handle: FileHandle) -> Data {
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
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
