// Writes a trace while the target runs: events are encoded into a chunk buffer (bounded by
// the chunk size); each full chunk goes to a compressor thread, off the tracer's exit path,
// which deflates it into one gzip member and writes it with one write(2) on an O_APPEND
// descriptor, so forked children that share the file append whole members and never
// interleave inside one. At most `maxPendingChunks` wait for it: memory stays bounded. With a ring (`--ring SIZE`) members stay in memory,
// only the newest SIZE bytes of them, and go to the file at close, or when a dump is asked for.
import CKVM
import Glibc
import Synchronization

public final class TraceRecorder: @unchecked Sendable {
    /// Raw bytes of events per chunk before it is compressed and written.
    public static let defaultChunkSize = 64 * 1024
    /// zlib's fastest level: on find or tar, level 6 cost the recording 3% more CPU than
    /// level 1 for a trace 9% smaller.
    static let compressionLevel: Int32 = 1
    /// A chunk is written once its first event is this old (ns of event time), full or not.
    public static let flushInterval: UInt64 = 1_000_000_000

    public let path: String
    public let ringSize: Int?
    public let header: TraceHeader
    /// The first error writing the file (then nothing more is written); nil while all is well.
    public var writeError: DunetraceError? { withLock { error } }
    /// Events recorded by this process (since the last afterFork) and bytes it wrote.
    public var eventCount: Int { withLock { events } }
    public var bytesWritten: Int { withLock { written } }

    private var fd: Int32
    private let chunkLimit: Int
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when a chunk is queued and when the compressor finished one.
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var encoder: ChunkEncoder
    /// Used by the compressor thread, or by whoever holds the lock while it is idle.
    private var deflater: Deflater
    /// Full chunks waiting for the compressor, oldest first, with their sequence numbers.
    private var pending: [(raw: [UInt8], firstTime: UInt64, sequence: UInt32)] = []
    private var compressing = false
    private var compressorRunning = false
    private var stopping = false
    private static let maxPendingChunks = 8
    private var writer: UInt64
    private var sequence: UInt32 = 0
    private var error: DunetraceError?
    private var closed = false
    /// The process that wrote the header ends the trace with an end mark; forked children don't.
    private var isRoot = true
    private var events = 0
    private var written = 0
    /// Ring mode: compressed members, oldest first, and whether each is already in the file.
    private var ring: [(member: [UInt8], inFile: Bool)] = []
    private var ringHead = 0
    private var ringBytes = 0
    /// Ring mode: the processes seen, written before the ring so replay knows them.
    private var processes: [Int32: TraceRecord] = [:]
    private var processOrder: [Int32] = []
    /// Ring mode: what later records need of the dropped ones, written with the process map.
    private var ringState = RingState()
    private let dumpRequested = Atomic<Bool>(false)

    /// Creates (truncates) `path` and writes the header. `ringSize`: keep only the newest
    /// `ringSize` bytes of compressed chunks in memory until close/dumpRing.
    public init(path: String, ringSize: Int? = nil, header: TraceHeader,
                chunkSize: Int = TraceRecorder.defaultChunkSize) throws(DunetraceError) {
        if let r = ringSize, r <= 0 { throw .usage("--ring wants a size > 0") }
        self.path = path
        self.ringSize = ringSize
        self.header = header
        var limit = max(1024, chunkSize)
        if let r = ringSize { limit = min(limit, max(4096, r)) }
        chunkLimit = limit
        encoder = ChunkEncoder(capacity: limit + 4096)
        deflater = Deflater(level: TraceRecorder.compressionLevel)
        writer = HostInfo.randomID()
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
        let opened = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            let e = errno
            pthread_cond_destroy(changed)
            changed.deallocate()
            mutex.deallocate()
            switch e {
            case ENOENT, ENOTDIR: throw .notFound(path: path)
            case EACCES, EPERM, EROFS: throw .permissionDenied(path: path)
            default: throw .io(path: path, reason: String(cString: strerror(e)))
            }
        }
        // Out of the target's descriptor numbering: its first open must still return 3.
        fd = dt_fd_move_high(opened)
        let raw = ChunkEncoder.headerChunk(header)
        guard let member = deflater.member(raw: raw, writer: writer, sequence: 0,
                                           kind: TraceFormat.ChunkKind.header.rawValue, firstTime: header.startTime) else {
            // Fully initialized from here: deinit runs and frees the lock.
            Glibc.close(fd)
            (fd, closed) = (-1, true)
            throw .io(path: path, reason: "zlib failed")
        }
        writeMember(member)
        if let error {
            Glibc.close(fd)
            (fd, closed) = (-1, true)
            throw error
        }
    }

    deinit {
        close()
        pthread_cond_destroy(changed)
        changed.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    // MARK: events

    /// A system call, with the memory the decoder read to print it (CapturingMemory.captures).
    public func syscall(_ e: SyscallEvent, captures: [MemoryCapture], prefixed: Bool) {
        record(TraceRecord(pid: e.pid, tid: e.tid, time: e.entryTime, prefixed: prefixed,
                           body: .syscall(e, captures: captures)))
    }

    /// Formats `e` for the live text, reading `memory` through a CapturingMemory, records it
    /// with the bytes it read (and `extra`, what --capture-size keeps beyond them), and returns the line's two halves (call and result, without prefix or padding). Bytes after
    /// a string's NUL up to the end of its page are not kept when that prints the same. The
    /// names of descriptors (-y, `names`) are recorded apart, when they change (DescriptorTracker).
    @discardableResult
    public func syscall(_ e: SyscallEvent, memory: any TargetMemory, formatter: SyscallFormatter,
                        names: (any DescriptorNames)? = nil, prefixed: Bool, extra: [MemoryCapture] = [],
                        before: () -> Void = {}) -> (call: String, result: String) {
        let capturing = CapturingMemory(memory)
        let parts = formatter.formatParts(e, memory: capturing, names: names)
        var captures = capturing.captures
        if let trimmed = capturing.trimmedCaptures,
           formatter.formatParts(e, memory: ReplayMemory(trimmed), names: names) == parts {
            captures = trimmed
        }
        if !extra.isEmpty { captures = CapturingMemory.merge(captures + extra) }
        // Records the formatting made (the pids the line named) go before the call's.
        before()
        syscall(e, captures: captures, prefixed: prefixed)
        return parts
    }

    /// A waiting call's entry (OpenCallLine.swift), with the memory its arguments were read from.
    public func entered(_ e: SyscallEvent, captures: [MemoryCapture], prefixed: Bool) {
        record(TraceRecord(pid: e.pid, tid: e.tid, time: e.entryTime, prefixed: prefixed, body: .entered(e, captures: captures)))
    }

    /// Formats `e`'s entry as an unfinished call through a CapturingMemory, records it with the
    /// bytes it read (after what `before` records), and returns the call's text
    /// (`name(ARGS <unfinished ...>)`).
    public func entered(_ e: SyscallEvent, memory: any TargetMemory, formatter: SyscallFormatter,
                        names: (any DescriptorNames)? = nil, prefixed: Bool, before: () -> Void = {}) -> String {
        let capturing = CapturingMemory(memory)
        let call = formatter.formatParts(e, memory: capturing, names: names).call
        before()  // the pids the entry named
        entered(e, captures: capturing.captures, prefixed: prefixed)
        return call
    }

    public func pageFault(_ e: PageFaultEvent, prefixed: Bool) {
        record(TraceRecord(pid: e.pid, tid: e.tid, time: e.time, prefixed: prefixed, body: .pageFault(e)))
    }

    /// `--- SIGxxx {siginfo} ---`: `info` is the 128-byte siginfo_t.
    public func signal(pid: Int32, tid: Int32, time: UInt64, info: [UInt8], ip: UInt64? = nil, prefixed: Bool) {
        record(TraceRecord(pid: pid, tid: tid, time: time, prefixed: prefixed, body: .signal(info: Array(info.prefix(128)), ip: ip)))
    }

    /// `+++ exited with N +++` (the line shows `status & 0xff`).
    public func exited(pid: Int32, tid: Int32, time: UInt64, status: Int32, prefixed: Bool) {
        record(TraceRecord(pid: pid, tid: tid, time: time, prefixed: prefixed, body: .exited(status: status)))
    }

    /// `+++ killed by SIGxxx +++`, `+++ killed by SIGxxx (core dumped) +++`.
    public func killed(pid: Int32, tid: Int32, time: UInt64, signal: Int32, coreDumped: Bool = false, prefixed: Bool) {
        record(TraceRecord(pid: pid, tid: tid, time: time, prefixed: prefixed, body: .killed(signal: signal, coreDumped: coreDumped)))
    }

    /// Any other line of the live text, verbatim without its prefix (`--- stopped by SIGTSTP ---`,
    /// a `--- SIGSEGV {...} ---` known only as text).
    public func note(pid: Int32, tid: Int32, time: UInt64, text: String, prefixed: Bool) {
        record(TraceRecord(pid: pid, tid: tid, time: time, prefixed: prefixed, body: .note(text)))
    }

    /// Descriptor `fd` of the process now names `name` (nil: closed); `afterCall`: by the
    /// task's next syscall.
    public func descriptor(pid: Int32, tid: Int32, time: UInt64, fd: Int32, afterCall: Bool, name: DescriptorName?) {
        record(TraceRecord(pid: pid, tid: tid, time: time, prefixed: false,
                           body: .descriptor(fd: fd, afterCall: afterCall, name: name)))
    }

    /// The task's command name is now `name` (-Y prints it).
    public func comm(pid: Int32, tid: Int32, time: UInt64, name: String) {
        record(TraceRecord(pid: pid, tid: tid, time: time, prefixed: false, body: .comm(name)))
    }

    /// A process began running `executable` (the first one, a fork child, or after execve).
    public func processStarted(pid: Int32, ppid: Int32, time: UInt64, executable: String, argv: [String]) {
        record(TraceRecord(pid: pid, tid: pid, time: time, prefixed: false,
                           body: .processStarted(ppid: ppid, executable: executable, argv: argv)))
    }

    /// Adds one record (any kind).
    public func record(_ r: TraceRecord) {
        lock()
        defer { unlock() }
        guard !closed else { return }
        // A flight recorder drops whole chunks: each begins with the descriptor table, so the
        // chunks kept name their descriptors whatever came before them.
        if ringSize != nil && encoder.isEmpty {
            for d in ringState.descriptorTable(time: r.time) { encoder.encode(d) }
        }
        encoder.encode(r)
        events += 1
        if ringSize != nil {
            if case .processStarted = r.body { rememberProcess(r) } else { ringState.remember(r) }
        }
        // A full chunk, or one that has waited a second: a slow program killed with its
        // tracer loses little. Not after a record that belongs to the task's next event (a
        // descriptor the call changes, its stack, the pids it names): a flight recorder that
        // dropped the chunk before would leave the event without them (`close(3)` unnamed).
        if !Self.describesNextEvent(r), encoder.byteCount >= chunkLimit || r.lineTime &- encoder.firstTime > TraceRecorder.flushInterval
            && r.lineTime > encoder.firstTime {
            flushLocked()
        }
        if dumpRequested.load(ordering: .relaxed) {
            dumpRequested.store(false, ordering: .relaxed)
            dumpLocked()
        }
    }

    /// Whether `r` says something of the task's next event rather than being one.
    static func describesNextEvent(_ r: TraceRecord) -> Bool {
        switch r.body {
        case .descriptor(_, let afterCall, _): return afterCall
        case .stack, .pids: return true
        default: return false
        }
    }

    // MARK: control

    /// Writes out the current chunk (to the ring in ring mode).
    public func flush() {
        lock()
        defer { unlock() }
        flushLocked(draining: true)
        drainLocked()
    }

    /// Ring mode: writes the chunks in memory that the file does not have yet (after the
    /// process map); streaming mode: the same as flush().
    public func dumpRing() {
        lock()
        defer { unlock() }
        dumpLocked()
    }

    /// Asks for dumpRing() at the next event: async-signal-safe, for a SIGUSR1 handler.
    public func requestDump() {
        dumpRequested.store(true, ordering: .relaxed)
    }

    /// Holds the recorder's lock across fork(2), so the child copies no half-changed queue
    /// (the compressor thread may be storing a chunk): call afterForkInParent or afterFork.
    public func beforeFork() { lock() }
    public func afterForkInParent() { unlock() }

    /// In a child made by fork(2): the parent's buffered events are the parent's to write, so
    /// they are dropped here; the child goes on appending its own chunks to the same file.
    public func afterFork() {
        // Another thread of the parent may have held the lock at fork: start a fresh one.
        // The compressor thread did not come along; the parent writes its own queued chunks.
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
        pending.removeAll()
        (compressing, compressorRunning, stopping) = (false, false, false)
        // The parent's compressor stays: each member starts with deflateReset, which sets every
        // part of the stream anew (even one the parent's compressor thread was inside at the
        // fork). A new one was ~256 KiB of zlib buffers to allocate and clear, page by page.
        encoder.reset()
        ring.removeAll()
        ringHead = 0
        ringBytes = 0
        writer = HostInfo.randomID()
        sequence = 0
        isRoot = false
        events = 0
        written = 0
        dumpRequested.store(false, ordering: .relaxed)
    }

    /// Writes what is left (the ring, in ring mode) and closes the file. Further events are ignored.
    public func close() {
        lock()
        defer { unlock() }
        guard !closed else { return }
        dumpLocked()
        stopCompressorLocked()
        if isRoot {
            // The end mark: without it a reader knows the recording was cut short.
            let raw = TraceFormat.chunkMagic + [UInt8(TraceFormat.version), 0]
            if let m = deflater.member(raw: raw, writer: writer, sequence: sequence,
                                       kind: TraceFormat.ChunkKind.end.rawValue, firstTime: 0) {
                writeMember(m)
            }
        }
        closed = true
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    /// Ends the compressor thread and waits for its queue (the next full chunk starts it
    /// again): some calls (unshare(CLONE_NEWUSER), setns) the kernel allows only a process
    /// with no second thread.
    public func stopHelperThread() {
        lock()
        defer { unlock() }
        guard compressorRunning else { return }
        stopCompressorLocked()
        stopping = false
    }

    // MARK: internals

    private func lock() { pthread_mutex_lock(mutex) }
    private func unlock() { pthread_mutex_unlock(mutex) }
    private func withLock<T>(_ body: () -> T) -> T {
        lock()
        defer { unlock() }
        return body()
    }

    /// Hands the current chunk to the compressor thread (waiting while it is behind).
    /// `draining`: the caller waits for it at once, so without a running thread it is
    /// compressed here: a short-lived process (each child of a shell) then starts no thread.
    private func flushLocked(draining: Bool = false) {
        guard !encoder.isEmpty else { return }
        while pending.count >= TraceRecorder.maxPendingChunks && compressorRunning {
            pthread_cond_wait(changed, mutex)
        }
        // Another thread may have handed the chunk over while this one waited.
        guard !encoder.isEmpty else { return }
        pending.append((encoder.bytes, encoder.firstTime, sequence))
        sequence &+= 1
        encoder.reset()
        if !compressorRunning && (draining || !startCompressorLocked()) {
            // No thread to be had: compress here, as the caller would have without one.
            compressPendingLocked()
            return
        }
        pthread_cond_broadcast(changed)
    }

    /// Waits until every queued chunk is written (or in the ring).
    private func drainLocked() {
        while compressorRunning && (!pending.isEmpty || compressing) { pthread_cond_wait(changed, mutex) }
        compressPendingLocked()
    }

    private func compressPendingLocked() {
        while !pending.isEmpty {
            let job = pending.removeFirst()
            store(compress(job))
        }
    }

    /// One queued chunk as its gzip member (nil if zlib failed).
    private func compress(_ job: (raw: [UInt8], firstTime: UInt64, sequence: UInt32)) -> [UInt8]? {
        deflater.member(raw: job.raw, writer: writer, sequence: job.sequence,
                        kind: TraceFormat.ChunkKind.events.rawValue, firstTime: job.firstTime)
    }

    private func startCompressorLocked() -> Bool {
        // The thread takes none of the target's signals: they must reach the tracer threads.
        var all = sigset_t(), old = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_BLOCK, &all, &old)
        defer { pthread_sigmask(SIG_SETMASK, &old, nil) }
        guard HostThread.start(stackSize: 256 * 1024, { [self] in compressorMain() }) == 0 else { return false }
        compressorRunning = true
        return true
    }

    /// The compressor thread: deflates queued chunks outside the lock, stores them inside it.
    private func compressorMain() {
        lock()
        while true {
            while pending.isEmpty && !stopping { pthread_cond_wait(changed, mutex) }
            if pending.isEmpty { break }
            let job = pending.removeFirst()
            compressing = true
            unlock()
            let member = compress(job)
            lock()
            store(member)
            compressing = false
            pthread_cond_broadcast(changed)
        }
        compressorRunning = false
        pthread_cond_broadcast(changed)
        unlock()
    }

    private func stopCompressorLocked() {
        drainLocked()
        stopping = true
        pthread_cond_broadcast(changed)
        while compressorRunning { pthread_cond_wait(changed, mutex) }
    }

    /// A compressed chunk goes to the file, or to the ring in ring mode.
    private func store(_ member: [UInt8]?) {
        guard let member else {
            if error == nil { error = .io(path: path, reason: "zlib failed compressing a chunk") }
            return
        }
        if let ringSize {
            // An exact copy: the deflater's buffer has room for the worst case, several times
            // the compressed size, and the ring would hold that slack for every chunk.
            let exact = [UInt8](unsafeUninitializedCapacity: member.count) { buf, n in
                _ = member.withUnsafeBufferPointer { memcpy(buf.baseAddress!, $0.baseAddress!, member.count) }
                n = member.count
            }
            ring.append((exact, false))
            ringBytes += member.count
            // The newest chunk always stays, even alone over the limit.
            while ringBytes > ringSize && ring.count - ringHead > 1 {
                ringBytes -= ring[ringHead].member.count
                ring[ringHead] = ([], true)
                ringHead += 1
            }
            if ringHead > 64 && ringHead * 2 > ring.count {
                ring.removeFirst(ringHead)
                ringHead = 0
            }
        } else {
            writeMember(member)
        }
    }

    private func dumpLocked() {
        flushLocked(draining: true)
        drainLocked()
        guard ringSize != nil else { return }
        let pending = ring[ringHead...].contains { !$0.inFile }
        guard pending else { return }
        // The process map first: the chunks that started those processes may be gone.
        if !processOrder.isEmpty {
            var enc = ChunkEncoder()
            for pid in processOrder { if let r = processes[pid] { enc.encode(r) } }
            for r in ringState.definitions { enc.encode(r) }
            for tid in ringState.comms.keys.sorted() { enc.encode(ringState.comms[tid]!) }
            if let m = deflater.member(raw: enc.bytes, writer: writer, sequence: sequence,
                                       kind: TraceFormat.ChunkKind.processMap.rawValue, firstTime: enc.firstTime) {
                sequence &+= 1
                writeMember(m)
            }
        }
        for i in ringHead..<ring.count where !ring[i].inFile {
            writeMember(ring[i].member)
            ring[i].inFile = true
        }
    }

    private func rememberProcess(_ r: TraceRecord) {
        if processes[r.pid] == nil {
            processOrder.append(r.pid)
            if processOrder.count > 4096 {
                processes[processOrder.removeFirst()] = nil
            }
        }
        processes[r.pid] = r
    }

    /// Room kept allocated past the end of the file (fallocate, FALLOC_FL_KEEP_SIZE): a program
    /// that fills the file system still leaves the trace its last chunks and its end mark.
    static let reservedTail = 1 << 20
    private var reservedUpTo = 0

    /// Tops the reservation up when less than half of it is left (forked children append to the
    /// same file: its size says where the end is). Where the file system has no room or no
    /// fallocate, the trace goes on without one.
    private func reserveTail() {
        var st = stat()
        guard fd >= 0, fstat(fd, &st) == 0 else { return }
        let size = Int(st.st_size)
        guard reservedUpTo - size < TraceRecorder.reservedTail / 2 else { return }
        if dt_host_syscall(285 /* fallocate */, UInt64(fd), 1 /* FALLOC_FL_KEEP_SIZE */, UInt64(size), UInt64(TraceRecorder.reservedTail), 0, 0) == 0 {
            reservedUpTo = size + TraceRecorder.reservedTail
        }
    }

    /// One write(2) per member: with O_APPEND, concurrent writers never interleave inside one.
    private func writeMember(_ member: [UInt8]) {
        guard error == nil, fd >= 0 else { return }
        var n: Int
        repeat {
            n = member.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        } while n < 0 && errno == EINTR
        if n == member.count {
            written += n
            reserveTail()
            return
        }
        let reason = n < 0 ? String(cString: strerror(errno)) : "short write (disk full?)"
        error = .io(path: path, reason: reason)
    }
}
