// -k: the stack of an event, printed after its line as strace -k prints it, one frame a line:
//    > /usr/lib/x86_64-linux-gnu/libc.so.6(read+0xd) [0xf82ad]
// the file, the symbol before the address and how far past it, the address's offset in the
// file; `file() [0xoff]` when no symbol precedes it; `unexpected_backtracing_error [0xaddr]`
// for code in no file (strace's words).
import CKVM

extension Tracer {
    /// The frames of the stack at `regs`, or nil without -k (or without live text).
    func stackLines(_ regs: dt_regs) -> [String]? {
        guard let unwinder, live != nil else { return nil }
        let (ips, session) = unwinder.frames(regs, space: space)
        return ips.map { frameLine($0, session: session) }
    }

    private func frameLine(_ ip: UInt64, session: UnwindSession) -> String {
        guard let m = space.mapping(at: ip), !m.name.isEmpty else {
            return " > unexpected_backtracing_error [0x" + String(ip, radix: 16) + "]"
        }
        let offset = ip &- m.start &+ m.offset
        var symbol = ""
        if m.isFile, let object = session.object(m.name), let bias = object.bias(of: ip, in: m),
           let (name, past) = object.symbols.name(at: ip &- bias) {
            symbol = name + "+0x" + String(past, radix: 16)
        }
        return " > " + m.name + "(" + symbol + ") [0x" + String(offset, radix: 16) + "]"
    }
}
