// The target's address space inside dunetrace's own: a reserved region (PROT_NONE, so nothing of
// dunetrace's ever lands there) plus any fixed ranges an ET_EXEC image or MAP_FIXED claims.
// Every change is made on the host first and then mirrored into memslots and guest PTEs.
import CKVM
import Glibc

/// One target mapping, as /proc/self/maps would show it.
public struct TargetMapping: Sendable, Equatable {
    public var start: UInt64
    public var end: UInt64
    public var prot: Int32
    public var name: String
    /// Where `start` is in the mapped file (0 for anonymous memory): -k finds code in its ELF.
    public var offset: UInt64 = 0
    /// madvise(MADV_DONTFORK): a forked child does not inherit it (V8 marks its heap so).
    public var dontFork = false

    /// Mapped from a file (its path), not anonymous memory or [heap], [stack].
    var isFile: Bool { name.hasPrefix("/") }
}

final class AddressSpace {
    static let pageSize: UInt64 = 4096
    static let regionSize: UInt64 = 64 << 30
    static let guardSize: UInt64 = 1 << 20
    static let brkReserve: UInt64 = 1 << 30

    private(set) var vm: OpaquePointer
    let regionStart: UInt64
    let regionEnd: UInt64
    /// Ranges the target owns (mapped or merely reserved), sorted by start.
    private(set) var ranges: [(start: UInt64, end: UInt64)] = []
    /// Ranges the allocator must not hand out (the brk area).
    private var blocked: [(start: UInt64, end: UInt64)] = []
    /// The target's mappings, sorted by start, non-overlapping.
    private(set) var maps: [TargetMapping] = []
    /// Set when a guest PTE lost a permission: the guest TLB must be flushed before resuming.
    var needsFlush = false
    /// --no-pf: guest PTEs are made with the mapping (no page faults). Otherwise a page becomes
    /// present only when the target first touches it, so every first touch is recorded.
    private(set) var eager = false
    /// Eager mappings use 2 MiB pages where they can (KVM took one when probed).
    private(set) var largePages = false
    /// Bumped whenever every vCPU must flush its guest TLB before running again (--pf-rearm).
    var generation = 0
    /// System V shared memory attached (shmat): address -> its length and maps name.
    var sharedMemory: [UInt64: (length: UInt64, name: String)] = [:]

    var brkStart: UInt64 = 0
    var brkCurrent: UInt64 = 0
    var brkLimit: UInt64 = 0

    init(vm: OpaquePointer) throws(DunetraceError) {
        self.vm = vm
        let total = Int(AddressSpace.regionSize + 2 * AddressSpace.guardSize)
        let p = Glibc.mmap(nil, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let p, p != MAP_FAILED else { throw .vm("cannot reserve the target address space") }
        let base = UInt64(UInt(bitPattern: p))
        // The guard areas stay PROT_NONE and outside `ranges`, so a buffer that runs off either
        // end of the region faults in the host kernel instead of reaching dunetrace's memory.
        regionStart = base + AddressSpace.guardSize
        regionEnd = regionStart + AddressSpace.regionSize
        ranges = [(regionStart, regionEnd)]
    }

    deinit {
        // Give everything back, so the next VM in this process can claim the same addresses.
        for r in ranges where r.start != regionStart {
            Glibc.munmap(UnsafeMutableRawPointer(bitPattern: UInt(r.start)), Int(r.end - r.start))
        }
        Glibc.munmap(UnsafeMutableRawPointer(bitPattern: UInt(regionStart - AddressSpace.guardSize)),
                     Int(AddressSpace.regionSize + 2 * AddressSpace.guardSize))
    }

    /// --no-pf: from now on every mapping gets its guest PTEs at once, 2 MiB pages where an
    /// aligned 2 MiB of it allows and KVM takes them (probed once per process).
    func mapEagerly() {
        eager = true
        largePages = dt_vm_enable_large_pages(vm) != 0
    }

    /// After fork: the child's copy of this address space becomes guest memory of its new VM.
    func rebind(to newVM: OpaquePointer) {
        vm = newVM
        if eager { largePages = dt_vm_enable_large_pages(newVM) != 0 }
        for m in maps { mirror(m.start, m.end - m.start, prot: m.prot) }
        _ = exposeVDSO()
    }

    /// The host's vDSO and its data pages ([vvar], [vvar_vclock]) become read-only user pages
    /// at their host addresses, so the target's clock_gettime/gettimeofday/getcpu run in ring 3
    /// against the host's own clock data without an exit. Returns the vDSO base for
    /// AT_SYSINFO_EHDR, or nil if the host has none.
    func exposeVDSO() -> UInt64? {
        var base: UInt64?
        for area in hostVDSOAreas {
            dt_vm_add_memory(vm, area.start, area.end - area.start)
            dt_vm_map(vm, area.start, area.end - area.start, PROT_READ | (area.exec ? PROT_EXEC : 0))
            if area.isVDSO { base = area.start }
        }
        return base
    }

    /// --pf-rearm: every page of the target is made not present again, so its next touch
    /// faults and is recorded anew. KVM's own copy of the translations (shadow or EPT entries)
    /// is dropped too: toggling a host permission the target does not rely on (execute) makes
    /// the kernel tell KVM the range changed; read and write stay as they were throughout.
    func rearm() {
        for m in maps where AddressSpace.accessible(m.prot) {
            let len = m.end - m.start
            dt_vm_map(vm, m.start, len, 0)
            let p = UnsafeMutableRawPointer(bitPattern: UInt(m.start))
            if Glibc.mprotect(p, Int(len), m.prot ^ PROT_EXEC) == 0 { Glibc.mprotect(p, Int(len), m.prot) }
        }
        generation += 1
    }

    /// Before execve replaces the image: nothing of the old one stays guest memory.
    func releaseAll() {
        for m in maps { dt_vm_remove_memory(vm, m.start, m.end - m.start) }
        maps.removeAll()
        needsFlush = true
    }

    static func pageUp(_ v: UInt64) -> UInt64 { (v &+ 4095) & ~4095 }
    static func pageDown(_ v: UInt64) -> UInt64 { v & ~4095 }

    /// True if [addr, addr+len) lies entirely in memory the target owns.
    func contains(_ addr: UInt64, _ len: UInt64) -> Bool {
        let (end, overflow) = addr.addingReportingOverflow(len)
        if overflow { return false }
        return ranges.contains { addr >= $0.start && end <= $0.end }
    }

    func mapping(at addr: UInt64) -> TargetMapping? {
        var lo = 0, hi = maps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if maps[mid].end <= addr { lo = mid + 1 } else { hi = mid }
        }
        return lo < maps.count && maps[lo].start <= addr ? maps[lo] : nil
    }

    /// True if every byte of [addr, addr+len) is mapped with at least `prot`.
    func isAccessible(_ addr: UInt64, _ len: Int, prot: Int32 = PROT_READ) -> Bool {
        guard len > 0 else { return true }
        var a = addr
        let (end, overflow) = addr.addingReportingOverflow(UInt64(len))
        if overflow { return false }
        while a < end {
            guard let m = mapping(at: a), m.prot & prot == prot else { return false }
            a = m.end
        }
        return true
    }

    // MARK: claiming host memory

    /// Claims [start, end) outside the region for the target (ET_EXEC images, MAP_FIXED):
    /// possible only where dunetrace has nothing mapped.
    func claim(_ start: UInt64, _ end: UInt64) -> Bool {
        if contains(start, end - start) { return true }
        guard start >= 0x10000, end <= 0x7fff_ffff_f000 else { return false }
        let p = Glibc.mmap(UnsafeMutableRawPointer(bitPattern: UInt(start)), Int(end - start), PROT_NONE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0)
        guard let p, p != MAP_FAILED, UInt64(UInt(bitPattern: p)) == start else {
            if let p, p != MAP_FAILED { Glibc.munmap(p, Int(end - start)) }
            return false
        }
        ranges.append((start, end))
        ranges.sort { $0.start < $1.start }
        return true
    }

    /// A free page-aligned gap of `length` bytes in the region, top-down as Linux does.
    func allocate(_ length: UInt64, hint: UInt64 = 0) -> UInt64? {
        let occupied = (maps.map { ($0.start, $0.end) } + blocked.map { ($0.start, $0.end) }).sorted { $0.0 < $1.0 }
        func free(_ s: UInt64, _ e: UInt64) -> Bool {
            s >= regionStart && e <= regionEnd && !occupied.contains { $0.0 < e && $0.1 > s }
        }
        if hint != 0, hint & 4095 == 0, free(hint, hint + length) { return hint }
        var top = regionEnd
        for (s, e) in occupied.reversed() where e <= regionEnd {
            if e < top, top - e >= length { return top - length }
            top = min(top, s)
        }
        return top - regionStart >= length ? top - length : nil
    }

    func block(_ start: UInt64, _ end: UInt64) { blocked.append((start, end)) }

    // MARK: mirroring host changes into the guest

    /// Records a new mapping (already mapped on the host) and makes it guest memory; `offset`:
    /// where it starts in the file `name`.
    func addMapping(_ start: UInt64, _ length: UInt64, prot: Int32, name: String, offset: UInt64 = 0,
                    dontFork: Bool = false) {
        cut(start, start + length)
        let m = TargetMapping(start: start, end: start + length, prot: prot, name: name, offset: offset, dontFork: dontFork)
        let i = maps.firstIndex { $0.start > start } ?? maps.count
        maps.insert(m, at: i)
        mirror(start, length, prot: prot)
        coalesce()
    }

    /// Gives [start, start+length) back to the reservation: host PROT_NONE, no guest memory.
    func removeMapping(_ start: UInt64, _ length: UInt64) {
        guard length > 0 else { return }
        cut(start, start + length)
        reserve(start, length)
        dt_vm_remove_memory(vm, start, length)
        needsFlush = true
    }

    /// Changes the recorded protection of [start, start+length) (already done on the host).
    func protect(_ start: UInt64, _ length: UInt64, prot: Int32) {
        let end = start + length
        var pieces: [(TargetMapping, Int32)] = []
        for m in maps where m.start < end && m.end > start {
            var p = m
            p.start = max(m.start, start)
            p.end = min(m.end, end)
            p.offset = m.offset &+ (p.start - m.start)
            pieces.append((p, m.prot))
            p.prot = prot
        }
        cut(start, end)
        for (piece, oldProt) in pieces {
            var p = piece
            p.prot = prot
            let i = maps.firstIndex { $0.start > p.start } ?? maps.count
            maps.insert(p, at: i)
            let len = p.end - p.start
            if !AddressSpace.accessible(prot) {
                if AddressSpace.accessible(oldProt) { dt_vm_remove_memory(vm, p.start, len) }
                needsFlush = true
            } else if !AddressSpace.accessible(oldProt) {
                dt_vm_add_memory(vm, p.start, len)
                if eager { dt_vm_map(vm, p.start, len, prot) }
            } else if eager {
                dt_vm_map(vm, p.start, len, prot)
                if oldProt & ~prot != 0 { needsFlush = true }
            } else if dt_vm_restrict(vm, p.start, len, prot) != 0 {
                needsFlush = true
            }
        }
        coalesce()
    }

    /// MADV_DONTFORK (true) or MADV_DOFORK (false) over the mapped parts of [start, end), done
    /// on the host already.
    func setDontFork(_ start: UInt64, _ end: UInt64, _ on: Bool) {
        var pieces: [TargetMapping] = []
        for m in maps where m.start < end && m.end > start && m.dontFork != on {
            var p = m
            p.start = max(m.start, start)
            p.end = min(m.end, end)
            p.offset = m.offset &+ (p.start - m.start)
            p.dontFork = on
            pieces.append(p)
        }
        for p in pieces {
            cut(p.start, p.end)
            let i = maps.firstIndex { $0.start > p.start } ?? maps.count
            maps.insert(p, at: i)
        }
        coalesce()
    }

    /// In a forked child, first thing: the host did not copy MADV_DONTFORK memory, which left
    /// holes in the target's reservation. They are reserved again before anything of dunetrace's
    /// (the child's new VM, malloc) can be placed there. Allocates nothing.
    func reserveUninherited() {
        for m in maps where m.dontFork { reserve(m.start, m.end - m.start) }
    }

    /// ...and the target's bookkeeping forgets that memory, as the child's kernel never had it.
    func forgetUninherited() {
        let gone = maps.filter { $0.dontFork }
        for m in gone { cut(m.start, m.end) }
    }

    static func accessible(_ prot: Int32) -> Bool { prot & (PROT_READ | PROT_WRITE | PROT_EXEC) != 0 }

    /// Joins neighbours with the same protection and name (and, for a file, adjacent parts of
    /// it), as the kernel merges VMAs (mremap, for one, works on a single mapping).
    private func coalesce() {
        var out: [TargetMapping] = []
        out.reserveCapacity(maps.count)
        for m in maps {
            if let last = out.last, last.end == m.start, last.prot == m.prot, last.name == m.name, last.dontFork == m.dontFork,
               !m.isFile || last.offset &+ (last.end - last.start) == m.offset {
                out[out.count - 1].end = m.end
            } else {
                out.append(m)
            }
        }
        maps = out
    }

    /// New memory: a memslot (dropping what was there, PTEs included) and, with --no-pf, its
    /// PTEs; otherwise its pages appear one by one as the target touches them.
    private func mirror(_ start: UInt64, _ length: UInt64, prot: Int32) {
        if !AddressSpace.accessible(prot) {
            dt_vm_remove_memory(vm, start, length)
            needsFlush = true
        } else {
            dt_vm_add_memory(vm, start, length)
            if eager { dt_vm_map(vm, start, length, prot) }
        }
    }

    /// Removes [start, end) from `maps`, splitting mappings that straddle its edges.
    private func cut(_ start: UInt64, _ end: UInt64) {
        var out: [TargetMapping] = []
        out.reserveCapacity(maps.count + 1)
        for m in maps {
            if m.end <= start || m.start >= end { out.append(m); continue }
            if m.start < start { var l = m; l.end = start; out.append(l) }
            if m.end > end { var r = m; r.start = end; r.offset = m.offset &+ (end - m.start); out.append(r) }
        }
        maps = out
    }

    /// Host side of giving memory back: PROT_NONE again, so the range stays the target's.
    func reserve(_ start: UInt64, _ length: UInt64) {
        _ = Glibc.mmap(UnsafeMutableRawPointer(bitPattern: UInt(start)), Int(length), PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0)
    }

    /// Host mmap at a fixed address inside the target's ranges; returns the raw result.
    func hostMap(_ addr: UInt64, _ length: UInt64, prot: Int32, flags: Int32, fd: Int32, offset: Int64) -> Int64 {
        let p = Glibc.mmap(UnsafeMutableRawPointer(bitPattern: UInt(addr)), Int(length), prot,
                           flags | MAP_FIXED, fd, off_t(offset))
        if p == MAP_FAILED { return -Int64(errno) }
        return Int64(UInt(bitPattern: p))
    }
}

/// Reads a file to its end with plain read(2): /proc files report size 0, so APIs that trust
/// st_size read nothing from them.
func readWholeFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var data: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        data.append(contentsOf: chunk[0..<n])
    }
    return String(decoding: data, as: UTF8.self)
}

/// The host's [vdso] and [vvar*] areas, read once: they stay where they are for the life of
/// dunetrace's process and its forks, and each exec and fork would otherwise parse the maps.
private let hostVDSOAreas: [(start: UInt64, end: UInt64, exec: Bool, isVDSO: Bool)] = {
    guard let text = readWholeFile("/proc/self/maps") else { return [] }
    var areas: [(start: UInt64, end: UInt64, exec: Bool, isVDSO: Bool)] = []
    for line in text.split(separator: "\n") where line.hasSuffix("[vdso]") || line.contains("[vvar") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        let bounds = fields[0].split(separator: "-")
        guard bounds.count == 2, let start = UInt64(bounds[0], radix: 16), let end = UInt64(bounds[1], radix: 16),
              fields.count >= 2 else { continue }
        areas.append((start, end, fields[1].contains("x"), line.hasSuffix("[vdso]")))
    }
    return areas
}()
