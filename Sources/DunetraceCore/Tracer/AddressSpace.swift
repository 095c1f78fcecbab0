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
    /// MAP_GROWSDOWN: a touch just below it extends it downwards, as the kernel grows a stack.
    public var growsDown = false
    /// MAP_SHARED (or System V shared memory): not part of the data RLIMIT_DATA counts.
    public var shared = false

    /// Mapped from a file (its path), not anonymous memory or [heap], [stack].
    var isFile: Bool { name.hasPrefix("/") }
}

final class AddressSpace {
    static let pageSize: UInt64 = 4096
    /// Half of the 128 TiB of user space, as much as natively minus room for dunetrace: only
    /// an address-space reservation (PROT_NONE, no memory, no memslots); smaller when the
    /// host refuses that much (RLIMIT_AS).
    static let largestRegion: UInt64 = 64 << 40
    static let smallestRegion: UInt64 = 1 << 30
    static let guardSize: UInt64 = 1 << 20
    static let brkReserve: UInt64 = 1 << 30
    /// The top of x86-64 user space (TASK_SIZE with 4-level paging) and the lowest address
    /// mmap hands out (vm.mmap_min_addr's default).
    static let taskSize: UInt64 = 0x7fff_ffff_f000
    static let mmapMinAddr: UInt64 = 0x10000
    /// The target's mappings live among dunetrace's own in one host process, whose number of
    /// mappings vm.max_map_count bounds: each target mapping may cost two (itself and the
    /// reservation piece beside it), and dunetrace keeps room for its own, so that running
    /// out is the target's ENOMEM and never a failed allocation of dunetrace.
    static let mappingLimit: Int = {
        let configured = readWholeFile("/proc/sys/vm/max_map_count").flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 65530
        return max(64, (configured - 4096) / 2)
    }()
    /// Whether the target may make `more` mappings (the kernel's map_count check: ENOMEM).
    func hasRoomForMappings(_ more: Int = 1) -> Bool { maps.count + more <= AddressSpace.mappingLimit }

    /// How many mappings a change of [start, end) splits in two (one that straddles an edge).
    func splits(_ start: UInt64, _ end: UInt64) -> Int {
        var n = 0
        if let m = mapping(at: start), m.start < start { n += 1 }
        if end > start, let m = mapping(at: end - 1), m.end > end { n += 1 }
        return n
    }
    /// Where the last top-down allocation ended up: the next one looks just below it first,
    /// as Linux's free-area cache did, instead of walking every mapping above it.
    private var allocationCursor: UInt64 = 0
    /// The top of the area mmap hands out without a hint (the kernel's mmap_base): below the
    /// stack by the gap the kernel leaves for its growth, so nothing mapped lies right under it.
    private(set) var mmapTop: UInt64 = 0

    private(set) var vm: OpaquePointer
    let regionStart: UInt64
    let regionEnd: UInt64
    /// Ranges the target owns (mapped or merely reserved), sorted by start.
    private(set) var ranges: [(start: UInt64, end: UInt64)] = [] {
        didSet { publishRanges() }
    }
    /// Where other processes of the trace read `ranges` (ProcessFacts.swift), or nil.
    var publishedRanges: UnsafeMutableRawPointer? {
        didSet { publishRanges() }
    }

    private func publishRanges() {
        guard let publishedRanges else { return }
        ProcessFacts.writeRanges(ranges, into: publishedRanges)
    }
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
    /// --pf=ws: eager, 4 KiB pages whose accessed/dirty bits say what the target touched.
    private(set) var tracksTouches = false
    /// Bumped whenever every vCPU must flush its guest TLB before running again (--pf-rearm).
    var generation = 0
    /// System V shared memory attached (shmat): address -> its length and maps name.
    var sharedMemory: [UInt64: (length: UInt64, name: String)] = [:]

    /// Ranges the target sealed (mseal): never unmapped, moved or reprotected again.
    var sealed: [(start: UInt64, end: UInt64)] = []

    var brkStart: UInt64 = 0
    var brkCurrent: UInt64 = 0
    var brkLimit: UInt64 = 0

    init(vm: OpaquePointer) throws(DunetraceError) {
        self.vm = vm
        var size = AddressSpace.largestRegion
        var reserved: UnsafeMutableRawPointer?
        while reserved == nil && size >= AddressSpace.smallestRegion {
            let p = Glibc.mmap(nil, Int(size + 2 * AddressSpace.guardSize), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
            if let p, p != MAP_FAILED { reserved = p } else { size /= 2 }
        }
        guard let reserved else { throw .vm("cannot reserve the target address space") }
        let base = UInt64(UInt(bitPattern: reserved))
        // The guard areas stay PROT_NONE and outside `ranges`, so a buffer that runs off either
        // end of the region faults in the host kernel instead of reaching dunetrace's memory.
        regionStart = base + AddressSpace.guardSize
        regionEnd = regionStart + size
        mmapTop = regionEnd
        ranges = [(regionStart, regionEnd)]
    }

    /// Starts the mmap area at `top` (the loader's mmap_base, below the stack): allocations
    /// without a hint come from below it from now on.
    func startMmapArea(below top: UInt64) {
        guard top > regionStart, top <= regionEnd else { return }
        mmapTop = AddressSpace.pageDown(top)
        allocationCursor = mmapTop
    }

    deinit {
        // Give everything back, so the next VM in this process can claim the same addresses.
        for r in ranges where r.start != regionStart {
            Glibc.munmap(UnsafeMutableRawPointer(bitPattern: UInt(r.start)), Int(r.end - r.start))
        }
        Glibc.munmap(UnsafeMutableRawPointer(bitPattern: UInt(regionStart - AddressSpace.guardSize)),
                     Int(regionEnd - regionStart + 2 * AddressSpace.guardSize))
    }

    /// --no-pf: from now on every mapping gets its guest PTEs at once, 2 MiB pages where an
    /// aligned 2 MiB of it allows and KVM takes them (probed once per process).
    func mapEagerly() {
        eager = true
        largePages = dt_vm_enable_large_pages(vm) != 0
    }

    /// --pf=ws: mapped ahead as with --no-pf, in 4 KiB pages (a touch is known per page).
    func mapAheadTrackingTouches() {
        eager = true
        largePages = false
        tracksTouches = true
        dt_vm_track_touches(vm, 1)
        let now = nowNanoseconds()
        lastTouchCollection.store(now, ordering: .relaxed)  // the first touches happen after this
    }

    /// Set in a forked child: the memory it inherited has no memslots or PTEs in its new VM
    /// until touched (see rebind).
    private(set) var inheritedOnTouch = false
    private var inheritedSpanSlotted = false
    /// Under shadow paging KVM keeps ~8 bytes per 4 KiB of a slot: 1 MiB for this.
    static let inheritedSpanLimit: UInt64 = 512 << 20

    /// After fork: the child's copy of this address space becomes guest memory of its new VM,
    /// a mapping at a time as the child touches it. Most children exec soon after a few
    /// touches, and every memslot made costs KVM a grace period (milliseconds on a busy
    /// host): made up front for all the parent's memory they were most of a fork's cost.
    func rebind(to newVM: OpaquePointer) {
        vm = newVM
        if tracksTouches { dt_vm_track_touches(newVM, 1) } else if eager { largePages = dt_vm_enable_large_pages(newVM) != 0 }
        inheritedOnTouch = true
        inheritedSpanSlotted = false
        _ = exposeVDSO()
    }

    /// A forked child's first touch in mapping m at page: its memslot (one for the mapping),
    /// and, when memory is mapped ahead, the PTEs of the mapping's part of that 2 MiB (a
    /// large page where it can be) so that its neighbours do not fault one by one.
    func mapInherited(_ m: TargetMapping, at page: UInt64) -> Bool {
        if !inheritedSpanSlotted {
            // The first touch: one memslot over everything inherited in the region, when that
            // span is small (a program's image, libraries, heap and stack lie together), so
            // later touches need none.
            inheritedSpanSlotted = true
            let inRegion = maps.filter { $0.start >= regionStart && $0.end <= regionEnd && AddressSpace.accessible($0.prot) }
            if let lo = inRegion.first?.start, let hi = inRegion.last?.end, hi - lo <= AddressSpace.inheritedSpanLimit {
                dt_vm_add_memory(vm, lo, hi - lo)
                // Mapped ahead: all of it at once, one exit instead of one per 2 MiB touched.
                if eager {
                    for r in inRegion where dt_vm_map(vm, r.start, r.end - r.start, r.prot) != 0 { return false }
                    return true
                }
            }
        }
        dt_vm_add_memory(vm, m.start, m.end - m.start)
        guard eager else { return true }
        let chunk: UInt64 = 2 << 20
        let lo = max(m.start, page & ~(chunk - 1)), hi = min(m.end, (page & ~(chunk - 1)) &+ chunk)
        return dt_vm_map(vm, lo, hi - lo, m.prot) == 0
    }

    /// The host's vDSO and its data pages ([vvar], [vvar_vclock]) become read-only user pages
    /// at their host addresses, so the target's clock_gettime/gettimeofday/getcpu run in ring 3
    /// against the host's own clock data without an exit. Returns the vDSO base for
    /// AT_SYSINFO_EHDR, or nil if the host has none.
    func exposeVDSO() -> UInt64? {
        var base: UInt64?
        for area in hostVDSOAreas {
            dt_vm_add_system_memory(vm, area.start, area.end - area.start)
            dt_vm_map(vm, area.start, area.end - area.start, PROT_READ | (area.exec ? PROT_EXEC : 0))
            if tracksTouches { dt_vm_mark_touched(vm, area.start, area.end - area.start) }  // the host's, not the target's
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
    /// execve: the old image goes, the reservation and the VM's memslots stay. The new image
    /// is placed top-down in the same region as a fresh space would place it, so it lands on
    /// the chunks the old one used, in the memslots already there: no memslot is deleted and
    /// made again (each change costs KVM a grace period). With many slots kept, false: the
    /// caller starts afresh (releaseAll) so that old ones do not pile up.
    func resetForExec() -> Bool {
        guard dt_vm_memslot_count(vm) <= 64 else { return false }
        for m in maps { dt_vm_remove_memory(vm, m.start, m.end - m.start) }  // PTEs only
        for r in ranges where r.start < regionStart || r.end > regionEnd {
            Glibc.munmap(UnsafeMutableRawPointer(bitPattern: UInt(r.start)), Int(r.end - r.start))
        }
        reserve(regionStart, regionEnd - regionStart)
        ranges = [(regionStart, regionEnd)]
        blocked = []
        maps = []
        allocationCursor = 0
        mmapTop = regionEnd
        needsFlush = true
        if tracksTouches { dt_vm_track_touches(vm, 0) }
        (eager, largePages, tracksTouches, inheritedOnTouch, guardPagesInstalled) = (false, false, false, false, false)
        sharedMemory = [:]
        (brkStart, brkCurrent, brkLimit) = (0, 0, 0)
        return true
    }

    func releaseAll() {
        for m in maps { dt_vm_release_memory(vm, m.start, m.end - m.start) }
        for r in ranges { dt_vm_release_memory(vm, r.start, r.end - r.start) }
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
        let i = firstIndex(endingAfter: addr)
        return i < maps.count && maps[i].start <= addr ? maps[i] : nil
    }

    /// True if every byte of [addr, addr+len) is mapped with at least `prot`.
    /// Set once the target installs guard pages (MADV_GUARD_INSTALL): anonymous memory may
    /// then fault when touched too.
    var guardPagesInstalled = false
    /// Where the target installed guard regions (MADV_GUARD_INSTALL, less MADV_GUARD_REMOVE):
    /// page ranges [start, end). A touch there is SIGSEGV (SEGV_MAPERR), as natively; the host
    /// page cannot be given to the guest (KVM_RUN would fail). A range that was unmapped since
    /// is stale: the host then reads the page, and the fault handler forgets it.
    var guardRanges: [(start: UInt64, end: UInt64)] = []

    func addGuard(_ start: UInt64, _ end: UInt64) {
        removeGuard(start, end)
        guardRanges.append((start, end))
    }

    func removeGuard(_ start: UInt64, _ end: UInt64) {
        guardRanges = guardRanges.flatMap { r -> [(start: UInt64, end: UInt64)] in
            guard r.start < end && r.end > start else { return [r] }
            var kept: [(start: UInt64, end: UInt64)] = []
            if r.start < start { kept.append((r.start, start)) }
            if r.end > end { kept.append((end, r.end)) }
            return kept
        }
    }

    func isGuarded(_ address: UInt64) -> Bool {
        !guardRanges.isEmpty && guardRanges.contains { address >= $0.start && address < $0.end }
    }

    /// True if every byte of [addr, addr+len) is readable anonymous memory, which cannot fault
    /// when dunetrace touches it (file pages can: past the end of their file).
    func isSafelyReadable(_ addr: UInt64, _ len: Int) -> Bool {
        guard len > 0, !guardPagesInstalled else { return false }
        let (end, overflow) = addr.addingReportingOverflow(UInt64(len))
        if overflow { return false }
        var a = addr
        while a < end {
            guard let m = mapping(at: a), m.prot & PROT_READ != 0, !m.isFile else { return false }
            a = m.end
        }
        return true
    }

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
        guard end > start else { return false }
        if contains(start, end - start) { return true }
        // Below vm.mmap_min_addr the host refuses unless the caller has CAP_SYS_RAWIO, as for
        // the target natively; page 0 is never the target's here.
        guard start >= 0x1000, end <= 0x7fff_ffff_f000 else { return false }
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

    /// A free page-aligned gap of `length` bytes in the region, top-down as Linux does: one
    /// walk down the sorted mappings, skipping the few blocked ranges.
    func allocate(_ length: UInt64, hint: UInt64 = 0) -> UInt64? {
        guard length > 0, length <= regionEnd - regionStart else { return nil }
        func free(_ s: UInt64, _ e: UInt64) -> Bool {
            s >= regionStart && e <= regionEnd && !blocked.contains { $0.start < e && $0.end > s }
                && !overlapsMapping(s, e)
        }
        // A hint may take the brk room above the heap (natively free address space; brk then
        // stops below it): only placement by dunetrace keeps out of it.
        func freeForHint(_ s: UInt64, _ e: UInt64) -> Bool {
            s >= regionStart && e <= regionEnd && !overlapsMapping(s, e)
                && !blocked.contains { $0.start < e && $0.end > s && !($0.start == brkStart && $0.end == brkLimit) }
        }
        if hint != 0, hint & 4095 == 0, hint <= regionEnd, freeForHint(hint, hint &+ length) { return hint }
        if allocationCursor >= regionStart &+ length, free(allocationCursor - length, allocationCursor) {
            allocationCursor -= length
            return allocationCursor
        }
        // Below mmap_base first; then, as the kernel's bottom-up fallback, the stack's gap too.
        guard let found = allocateByWalking(length, from: mmapTop)
                ?? (mmapTop < regionEnd ? allocateByWalking(length, from: regionEnd) : nil) else { return nil }
        if found < mmapTop { allocationCursor = found }
        return found
    }

    /// MAP_32BIT: the lowest free gap in [1 GiB, 2 GiB), as x86-64's find_start_end gives it
    /// (bottom-up), claimed there for the target; nil when none fits (ENOMEM natively).
    func allocateIn32BitWindow(_ length: UInt64) -> UInt64? {
        let low: UInt64 = 0x4000_0000, high: UInt64 = 0x8000_0000
        guard length > 0, length <= high - low else { return nil }
        var s = low
        while s <= high - length {
            let e = s + length
            if let m = maps.first(where: { $0.start < e && $0.end > s }) { s = AddressSpace.pageUp(m.end); continue }
            if claim(s, e) { return s }
            s += 0x1000
        }
        return nil
    }

    private func allocateByWalking(_ length: UInt64, from limit: UInt64) -> UInt64? {
        let below = blocked.sorted { $0.start > $1.start }
        var i = firstIndex(endingAfter: limit - 1)
        var top = i < maps.count ? min(limit, maps[i].start) : limit
        // Walks the gaps from the top: [end of the mapping below, top).
        while true {
            let floor = i > 0 ? max(maps[i - 1].end, regionStart) : regionStart
            // Within this gap, blocked ranges cut it further, top-down.
            var gapTop = top
            for b in below where b.start < gapTop && b.end > floor {
                if b.end < gapTop, gapTop - b.end >= length { return gapTop - length }
                gapTop = min(gapTop, b.start)
            }
            if gapTop > floor, gapTop - floor >= length { return gapTop - length }
            guard i > 0, maps[i - 1].end > regionStart else { return nil }
            i -= 1
            top = min(top, maps[i].start)
        }
    }

    /// Where the first mapping at or above `addr` starts, less the stack guard gap (256 pages)
    /// when it grows down: the kernel's vm_start_gap, which brk may not come within a page of.
    func nextMappingGapStart(atOrAbove addr: UInt64) -> UInt64? {
        let i = firstIndex(endingAfter: addr)
        guard i < maps.count else { return nil }
        let m = maps[i]
        return m.growsDown ? (m.start > 256 * 4096 ? m.start - 256 * 4096 : 0) : m.start
    }

    /// True if a mapping overlaps [s, e).
    func overlapsMapping(_ s: UInt64, _ e: UInt64) -> Bool {
        let i = firstIndex(endingAfter: s)
        return i < maps.count && maps[i].start < e
    }

    /// The index of the first mapping whose end is above addr (maps.count if none).
    private func firstIndex(endingAfter addr: UInt64) -> Int {
        var lo = 0, hi = maps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if maps[mid].end <= addr { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The index at which a mapping starting at addr belongs.
    private func insertionIndex(_ addr: UInt64) -> Int {
        var lo = 0, hi = maps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if maps[mid].start < addr { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func block(_ start: UInt64, _ end: UInt64) { blocked.append((start, end)) }

    // MARK: mirroring host changes into the guest

    /// Records a new mapping (already mapped on the host) and makes it guest memory; `offset`:
    /// where it starts in the file `name`.
    func addMapping(_ start: UInt64, _ length: UInt64, prot: Int32, name: String, offset: UInt64 = 0,
                    dontFork: Bool = false, shared: Bool = false, growsDown: Bool = false) {
        cut(start, start + length)
        var m = TargetMapping(start: start, end: start + length, prot: prot, name: name, offset: offset, dontFork: dontFork)
        m.shared = shared
        m.growsDown = growsDown  // before coalescing: a stack's growth joins the stack
        let i = insertionIndex(start)
        maps.insert(m, at: i)
        mirror(start, length, prot: prot)
        coalesce(i, i)
    }

    /// Gives [start, start+length) back to the reservation: host PROT_NONE, no guest memory.
    func removeMapping(_ start: UInt64, _ length: UInt64) {
        guard length > 0 else { return }
        cut(start, start + length)
        reserve(start, length)
        if start < mmapTop, start &+ length > allocationCursor { allocationCursor = min(start &+ length, mmapTop) }
        dt_vm_remove_memory(vm, start, length)
        let (low, high) = inaccessibleAround(start, start + length)
        if high > low { dt_vm_release_memory(vm, low, high - low) }
        needsFlush = true
    }

    /// The stretch around [start, end) that no accessible mapping touches, widened to whole
    /// 2 MiB chunks inward (a memslot covers whole chunks): the memslots inside it can go.
    /// Looks at a bounded number of neighbours, so the cost stays small with many mappings.
    private func inaccessibleAround(_ start: UInt64, _ end: UInt64) -> (UInt64, UInt64) {
        let chunk: UInt64 = 2 << 20
        var low = start, high = end
        var i = firstIndex(endingAfter: start) - 1, steps = 0
        while true {
            guard i >= 0 else { low = regionLow; break }
            if AddressSpace.accessible(maps[i].prot) || steps == 64 { low = maps[i].end; break }
            i -= 1
            steps += 1
        }
        var j = firstIndex(endingAfter: end - 1)
        steps = 0
        while true {
            guard j < maps.count else { high = regionHigh; break }
            if AddressSpace.accessible(maps[j].prot) || steps == 64 { high = maps[j].start; break }
            j += 1
            steps += 1
        }
        low = (min(low, start) &+ chunk &- 1) & ~(chunk - 1)
        high = max(high, end) & ~(chunk - 1)
        return high > low ? (low, high) : (start, start)
    }

    /// The lowest and highest address the target owns (its ranges, the region included).
    private var regionLow: UInt64 { ranges.first?.start ?? regionStart }
    private var regionHigh: UInt64 { ranges.map { $0.end }.max() ?? regionEnd }

    /// Changes the recorded protection of [start, start+length) (already done on the host).
    func protect(_ start: UInt64, _ length: UInt64, prot: Int32) {
        let end = start + length
        var pieces: [(TargetMapping, Int32)] = []
        var j = firstIndex(endingAfter: start)
        while j < maps.count && maps[j].start < end {
            let m = maps[j]
            j += 1
            var p = m
            p.start = max(m.start, start)
            p.end = min(m.end, end)
            p.offset = m.offset &+ (p.start - m.start)
            pieces.append((p, m.prot))
            p.prot = prot
        }
        cut(start, end)
        let first = insertionIndex(start)
        for (piece, oldProt) in pieces {
            var p = piece
            p.prot = prot
            let i = insertionIndex(p.start)
            maps.insert(p, at: i)
            let len = p.end - p.start
            if !AddressSpace.accessible(prot) {
                if AddressSpace.accessible(oldProt) {
                    let (low, high) = inaccessibleAround(p.start, p.end)
                    dt_vm_remove_memory(vm, p.start, len)
                    if high > low { dt_vm_release_memory(vm, low, high - low) }
                }
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
        coalesce(first, first + pieces.count - 1)
    }

    /// On the host, execute-only memory is readable too: x86 without protection keys reads it
    /// natively, and KVM can give the guest only pages the host may read.
    static func hostProt(_ prot: Int32) -> Int32 {
        prot & PROT_EXEC != 0 ? prot | PROT_READ : prot
    }

    /// Marks the mappings inside [start, end) MAP_GROWSDOWN (fresh from mmap: one mapping).
    func markGrowsDown(_ start: UInt64, _ end: UInt64) {
        for i in maps.indices where maps[i].start >= start && maps[i].end <= end { maps[i].growsDown = true }
    }

    /// The MAP_GROWSDOWN mapping just above `address`, if a touch there should grow it.
    func growsDownMapping(above address: UInt64) -> TargetMapping? {
        let i = insertionIndex(address)
        guard i < maps.count, maps[i].start > address, maps[i].growsDown else { return nil }
        return maps[i]
    }

    /// The end of the mapping below `address` (0 for none).
    func endOfMapping(below address: UInt64) -> UInt64 {
        let i = insertionIndex(address)
        return i > 0 ? maps[i - 1].end : 0
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
            maps.insert(p, at: insertionIndex(p.start))
        }
        if !maps.isEmpty { coalesce(0, maps.count - 1) }
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
    /// it), as the kernel merges VMAs (mremap, for one, works on a single mapping); only around
    /// maps[lo...hi], the part that just changed.
    private func coalesce(_ lo: Int, _ hi: Int) {
        var i = max(lo, 1)
        var last = min(hi + 1, maps.count - 1)
        while i <= last {
            let a = maps[i - 1], m = maps[i]
            if a.end == m.start, a.prot == m.prot, a.name == m.name, a.dontFork == m.dontFork, a.growsDown == m.growsDown, a.shared == m.shared,
               !m.isFile || a.offset &+ (a.end - a.start) == m.offset {
                maps[i - 1].end = m.end
                maps.remove(at: i)
                last -= 1
            } else {
                i += 1
            }
        }
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
        let lo = firstIndex(endingAfter: start)
        var hi = lo
        while hi < maps.count && maps[hi].start < end { hi += 1 }
        guard lo < hi else { return }
        var pieces: [TargetMapping] = []
        let first = maps[lo], last = maps[hi - 1]
        if first.start < start { var l = first; l.end = start; pieces.append(l) }
        if last.end > end { var r = last; r.start = end; r.offset = last.offset &+ (end - last.start); pieces.append(r) }
        maps.replaceSubrange(lo..<hi, with: pieces)
    }

    /// Host side of giving memory back: PROT_NONE again, so the range stays the target's.
    func reserve(_ start: UInt64, _ length: UInt64) {
        _ = Glibc.mmap(UnsafeMutableRawPointer(bitPattern: UInt(start)), Int(length), PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0)
    }

    /// True if part of [start, start+length) has no host mapping (msync says ENOMEM).
    func hasHostHole(_ start: UInt64, _ length: UInt64) -> Bool {
        Glibc.msync(UnsafeMutableRawPointer(bitPattern: UInt(start)), Int(length), MS_ASYNC) != 0 && errno == ENOMEM
    }

    /// Host mmap at a fixed address inside the target's ranges; returns the raw result.
    func hostMap(_ addr: UInt64, _ length: UInt64, prot: Int32, flags: Int32, fd: Int32, offset: Int64) -> Int64 {
        let p = Glibc.mmap(UnsafeMutableRawPointer(bitPattern: UInt(addr)), Int(length), AddressSpace.hostProt(prot),
                           flags | MAP_FIXED, fd, off_t(offset))
        if p == MAP_FAILED { return -Int64(errno) }
        return Int64(UInt(bitPattern: p))
    }
}

/// Reads a file to its end with plain read(2): /proc files report size 0, so APIs that trust
/// st_size read nothing from them.
func readWholeFile(_ path: String) -> String? {
    let fd = HostProc.open(path, O_RDONLY | O_CLOEXEC)
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
