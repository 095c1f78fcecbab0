// -k: the stack of an event, printed after its line as strace -k prints it, one frame a line:
//    > /usr/lib/x86_64-linux-gnu/libc.so.6(read+0xd) [0xf82ad]
// the file, the symbol before the address and how far past it, the address's offset in the
// file; `file() [0xoff]` when no symbol precedes it; `unexpected_backtracing_error [0xaddr]`
// for code in no file (strace's words). With a trace, the stack is recorded too (once per
// distinct stack, with its modules: Trace/StackRecords.swift) just before its event.
import CKVM

extension Tracer {
    /// The frames of the stack at `regs` as the live text prints them, or nil without -k; with
    /// a trace, recorded as the stack of this task's next event.
    func stackLines(_ regs: dt_regs) -> [String]? {
        guard let unwinder, live != nil || recorder != nil else { return nil }
        let (ips, session) = unwinder.frames(regs, space: space)
        var frames: [StackFrame] = []
        var lines: [String] = []
        var newModules: [(Int32, StackModule)] = []
        if stackTable.owner != pid { stackTable.reset(owner: pid) }
        for ip in ips {
            guard let m = space.mapping(at: ip), !m.name.isEmpty else {
                frames.append(StackFrame(module: -1, offset: ip, symbolAddress: 0))
                lines.append(StackFrame.line(path: nil, symbol: nil, offset: ip))
                continue
            }
            let offset = ip &- m.start &+ m.offset
            var symbolAddress: UInt64 = 0
            var symbol: (name: String, offset: UInt64)?
            let object = m.isFile ? session.object(m.name) : nil
            if let object, let bias = object.bias(of: ip, in: m) {
                symbolAddress = ip &- bias
                symbol = object.symbols.name(at: symbolAddress)
            }
            let module = StackModule(path: m.name, buildID: object?.buildID ?? [], isFile: m.isFile)
            let (id, new) = stackTable.moduleID(module)
            if new { newModules.append((id, module)) }
            frames.append(StackFrame(module: id, offset: offset, symbolAddress: symbolAddress))
            lines.append(StackFrame.line(path: m.name, symbol: symbol, offset: offset))
        }
        if let recorder {
            let now = nowNanoseconds()
            for (id, module) in newModules {
                recorder.record(TraceRecord(pid: shownPid, tid: shownTid, time: now, prefixed: false, body: .module(id: id, module)))
            }
            let (id, new) = stackTable.stackID(frames)
            recorder.record(TraceRecord(pid: shownPid, tid: shownTid, time: now, prefixed: false, body: .stack(id: id, frames: new ? frames : nil)))
        }
        return live == nil ? [] : lines
    }
}
