// System V shared memory: shmat attaches the segment on the host at an address of the
// target's region (or the one it asks for) and makes it guest memory, as mmap does; shmdt
// detaches it and gives the range back to the reservation. The kernel's own checks (ids,
// permissions, overlap without SHM_REMAP) give the native errors.
import CKVM
import Glibc

private let SHM_RDONLY: Int32 = 0o10000
private let SHM_RND: Int32 = 0o20000
private let SHM_REMAP: Int32 = 0o40000
private let SHM_EXEC: Int32 = 0o100000
private let SHMLBA: UInt64 = 4096
private let IPC_STAT: UInt64 = 2

extension Tracer {
    func shmat(_ a: SyscallArgs) -> Int64 {
        let id = a.a0
        let flags = Int32(truncatingIfNeeded: a.a2)
        // do_shmat's own checks come before the segment is looked up.
        guard Int32(truncatingIfNeeded: id) >= 0 else { return -Int64(EINVAL) }
        if a.a1 == 0 {
            if flags & SHM_REMAP != 0 { return -Int64(EINVAL) }
        } else if a.a1 & 4095 != 0 {
            if flags & SHM_RND == 0 || (a.a1 & ~4095 == 0 && flags & SHM_REMAP != 0) { return -Int64(EINVAL) }
        }
        // struct shmid_ds: the key is the first word of shm_perm, shm_segsz follows it at 48.
        var ds = [UInt8](repeating: 0, count: 112)
        let stat = ds.withUnsafeMutableBytes {
            dt_host_syscall(Int64(SyscallNumber.shmctl), id, IPC_STAT, UInt64(UInt(bitPattern: $0.baseAddress)), 0, 0, 0)
        }
        guard stat >= 0 else { return stat }
        let key = ds.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
        let size = AddressSpace.pageUp(ds.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 48, as: UInt64.self) })
        guard size > 0 else { return -Int64(EINVAL) }
        var at = a.a1
        if at == 0 {
            guard let free = space.allocate(size) else { return -Int64(ENOMEM) }
            at = free
        } else {
            if flags & SHM_RND != 0 { at &= ~(SHMLBA - 1) }
            guard at & 4095 == 0, at != 0 else { return -Int64(EINVAL) }
            let overlaps = space.maps.contains { $0.start < at &+ size && $0.end > at }
            if overlaps && flags & SHM_REMAP == 0 { return -Int64(EINVAL) }
            guard space.claim(at, at &+ size) else { return -Int64(EINVAL) }
        }
        // The reservation is replaced on the host (SHM_REMAP), as mmap's MAP_FIXED does.
        let r = dt_host_syscall(Int64(SyscallNumber.shmat), id, at, UInt64(UInt32(bitPattern: (flags & ~SHM_RND) | SHM_REMAP)), 0, 0, 0)
        guard r >= 0 else { return r }
        var prot = PROT_READ | (flags & SHM_RDONLY != 0 ? 0 : PROT_WRITE)
        if flags & SHM_EXEC != 0 { prot |= PROT_EXEC }
        let name = "/SYSV" + hex8(UInt32(bitPattern: key)) + " (deleted)"
        space.addMapping(at, size, prot: prot, name: name, shared: true)
        space.sharedMemory[at] = (size, name)
        return Int64(at)
    }

    func shmdt(_ addr: UInt64) -> Int64 {
        let r = dt_host_syscall(Int64(SyscallNumber.shmdt), addr, 0, 0, 0, 0, 0)
        guard r == 0, let (size, name) = space.sharedMemory.removeValue(forKey: addr) else { return r }
        // What munmap took away, or mapped there since, is not this attachment.
        for m in space.maps where m.start < addr + size && m.end > addr && m.name == name {
            let s = max(m.start, addr), e = min(m.end, addr + size)
            space.removeMapping(s, e - s)
        }
        return 0
    }

    private func hex8(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }
}
