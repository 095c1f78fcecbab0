// Linux AIO names a request by the address of the iocb io_submit was given: io_getevents
// reports it in each event's `obj`, io_cancel looks the request up by it. The guard gives the
// kernel checked copies of the iocbs (a second thread could change aio_buf after the check),
// so each submitted copy lives until its event is taken, and the two addresses are swapped
// where the program would see or name them: obj goes back as the program's own iocb, and
// io_cancel of the program's iocb names the copy.
import CKVM
import Foundation
import Glibc

final class AioRequests: @unchecked Sendable {
    private struct Request {
        let context: UInt64
        let target: UInt64
        let copy: UnsafeMutableRawPointer
    }
    private let lock = ForkSafeLock()
    private var byCopy: [UInt64: Request] = [:]

    static let submit = SyscallTable.number("io_submit") ?? 209
    static let getEvents = SyscallTable.number("io_getevents") ?? 208
    static let pgetEvents = SyscallTable.number("io_pgetevents") ?? 333
    static let cancel = SyscallTable.number("io_cancel") ?? 210
    static let destroy = SyscallTable.number("io_destroy") ?? 207
    static let calls: Set<Int> = [submit, getEvents, pgetEvents, cancel, destroy]
    private static let eventSize: UInt64 = 32, objOffset: UInt64 = 8, keyOffset = 8

    deinit { for r in byCopy.values { r.copy.deallocate() } }

    /// io_cancel: the copy the kernel knows the program's iocb by, with the aio_key the
    /// program's iocb holds now (the kernel reads it at the call).
    func beforeCall(_ nr: Int, _ args: SyscallArgs, _ hostArgs: inout SyscallArgs) {
        guard nr == Self.cancel else { return }
        lock.lock()
        defer { lock.unlock() }
        guard let r = byCopy.values.first(where: { $0.context == args.a0 && $0.target == args.a1 }) else { return }
        var key: UInt32 = 0
        guard TargetAccess.read(args.a1 &+ UInt64(Self.keyOffset), into: &key, count: 4) else { return }
        r.copy.storeBytes(of: key, toByteOffset: Self.keyOffset, as: UInt32.self)
        hostArgs.a1 = UInt64(UInt(bitPattern: r.copy))
    }

    /// After the host call (and the guard's write-backs): submitted copies kept, events' obj
    /// given back as the program's iocbs, a destroyed context's requests forgotten.
    func afterCall(_ nr: Int, _ args: SyscallArgs, _ hostArgs: SyscallArgs, result: Int64, copies: GuardCopies?) {
        guard result >= 0 else { return }
        switch nr {
        case Self.submit:
            guard result > 0, let copies, hostArgs.a2 != args.a2, !ModelGuard.isStandIn(hostArgs.a2), let hostArray = UnsafeRawPointer(bitPattern: UInt(hostArgs.a2)) else { return }
            lock.lock()
            defer { lock.unlock() }
            for i in 0..<Int(result) {
                let copyAddress = hostArray.load(fromByteOffset: i * 8, as: UInt64.self)
                var target: UInt64 = 0
                guard TargetAccess.read(args.a2 &+ UInt64(i * 8), into: &target, count: 8),
                      let copy = copies.release(copyAddress) else { continue }
                if let old = byCopy[copyAddress] { old.copy.deallocate() }
                byCopy[copyAddress] = Request(context: args.a0, target: target, copy: copy)
            }
        case Self.getEvents, Self.pgetEvents:
            guard result > 0 else { return }
            lock.lock()
            defer { lock.unlock() }
            for i in 0..<UInt64(result) {
                let at = args.a3 &+ i &* Self.eventSize &+ Self.objOffset
                var obj: UInt64 = 0
                guard TargetAccess.read(at, into: &obj, count: 8), let r = byCopy.removeValue(forKey: obj) else { continue }
                var target = r.target
                _ = TargetAccess.write(at, from: &target, count: 8)
                r.copy.deallocate()
            }
        case Self.destroy:
            lock.lock()
            defer { lock.unlock() }
            for (k, r) in byCopy where r.context == args.a0 {
                r.copy.deallocate()
                byCopy.removeValue(forKey: k)
            }
        default:
            break
        }
    }
}
