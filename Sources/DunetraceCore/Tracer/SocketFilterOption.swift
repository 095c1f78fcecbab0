// SO_ATTACH_FILTER and SO_ATTACH_REUSEPORT_CBPF (setsockopt) and SO_GET_FILTER (getsockopt)
// reach memory their optlen does not cover: the kernel reads a sock_fprog's `len`
// instructions at its `filter` pointer, and writes a filter of `len * 8` bytes where optlen
// counts instructions. The model's optval (optlen bytes) cannot say so, so these run here on
// host copies checked against the target's memory; a filter pointer that is not the
// target's becomes one the kernel refuses (EFAULT), as it would natively.
import CKVM
import Glibc

extension Tracer {
    private static let setsockoptNumber = 54
    private static let maxInstructions = 4096  // BPF_MAXINSNS

    func socketFilterOption(_ nr: Int, _ a: SyscallArgs) -> Emulation {
        let level = Int32(truncatingIfNeeded: a.a1), name = Int32(truncatingIfNeeded: a.a2)
        let isSet = nr == Self.setsockoptNumber
        guard level == SOL_SOCKET, name == SO_ATTACH_FILTER || (isSet && name == SO_ATTACH_REUSEPORT_CBPF) else { return .passthrough }
        // Anything short of the checked case is the model guard's (its checks give the errors).
        if guardRules.isReservedFd(a.a0) { return .passthrough }
        return isSet ? attachFilter(nr, a) : getFilter(nr, a)
    }

    /// setsockopt: the sock_fprog and its instructions copied in; other lengths carry no pointer.
    private func attachFilter(_ nr: Int, _ a: SyscallArgs) -> Emulation {
        guard Int32(truncatingIfNeeded: a.a4) == 16, space.isAccessible(a.a3, 16),
              let count = TargetAccess.load(a.a3, as: UInt16.self),
              let filter = TargetAccess.load(a.a3 &+ 8, as: UInt64.self) else { return .passthrough }
        let length = Int(count) * 8
        var instructions = [UInt8](repeating: 0, count: max(length, 1))
        return instructions.withUnsafeMutableBytes { copy -> Emulation in
            var hostFilter = filter == 0 ? 0 : ModelGuard.unreachable
            // Only a length the kernel accepts is copied (others it refuses before reading).
            if filter != 0, count > 0, Int(count) <= Self.maxInstructions, space.isAccessible(filter, length),
               TargetAccess.read(filter, into: copy.baseAddress!, count: length) {
                hostFilter = UInt64(UInt(bitPattern: copy.baseAddress))
            }
            var program: (UInt16, UInt16, UInt32, UInt64) = (count, 0, 0, hostFilter)
            return withUnsafeMutableBytes(of: &program) { p in
                .result(dt_host_syscall(Int64(nr), a.a0, a.a1, a.a2, UInt64(UInt(bitPattern: p.baseAddress)), 16, 0))
            }
        }
    }

    /// getsockopt: the filter read into a host buffer of `len` instructions, then copied out
    /// with its count; a target buffer that cannot take it is EFAULT, optlen left unwritten.
    private func getFilter(_ nr: Int, _ a: SyscallArgs) -> Emulation {
        guard a.a4 != 0, let given = TargetAccess.load(a.a4, as: Int32.self), given >= 0 else { return .passthrough }
        let capacity = Int(min(given, Int32(Self.maxInstructions))) * 8
        var buffer = [UInt8](repeating: 0, count: max(capacity, 1))
        var hostLength = given
        let r = buffer.withUnsafeMutableBytes { b in
            withUnsafeMutablePointer(to: &hostLength) { l in
                dt_host_syscall(Int64(nr), a.a0, a.a1, a.a2, UInt64(UInt(bitPattern: b.baseAddress)), UInt64(UInt(bitPattern: l)), 0)
            }
        }
        guard r == 0 else { return .result(r) }
        // With a length of 0 the kernel only answers how many instructions there are.
        let written = given == 0 ? 0 : min(Int(max(hostLength, 0)) * 8, capacity)
        if written > 0 {
            guard space.isAccessible(a.a3, written, prot: PROT_WRITE),
                  buffer.withUnsafeBytes({ TargetAccess.write(a.a3, from: $0.baseAddress!, count: written) }) else {
                return .result(-Int64(EFAULT))
            }
        }
        guard space.isAccessible(a.a4, 4, prot: PROT_WRITE), TargetAccess.store(hostLength, at: a.a4) else { return .result(-Int64(EFAULT)) }
        return .result(0)
    }
}
