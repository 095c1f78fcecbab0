// The starting execve's line of a #! script shows the argv the script was started with.

/// Target memory with an argv array and its strings laid over it at `base` (the starting
/// execve's line of a #! script, whose stack holds the interpreter's argv instead).
struct ArgvOverlay: TargetMemory {
    let base: UInt64
    let bytes: [UInt8]
    let arrayAddress: UInt64
    let under: any TargetMemory

    init(_ argv: [String], below top: UInt64, over memory: any TargetMemory) {
        var strings: [UInt8] = []
        var offsets: [Int] = []
        for a in argv { offsets.append(strings.count); strings += RawPath.bytes(a) + [0] }
        let arrayOffset = (strings.count + 7) & ~7
        // Whole pages, so a string read up to its page's end stays in the overlay.
        let size = (arrayOffset + (argv.count + 1) * 8 + 4095) & ~4095
        base = (top &- UInt64(size)) & ~4095
        var out = strings + [UInt8](repeating: 0, count: arrayOffset - strings.count)
        for o in offsets { withUnsafeBytes(of: (base &+ UInt64(o)).littleEndian) { out += $0 } }
        out += [UInt8](repeating: 0, count: size - out.count)
        bytes = out
        arrayAddress = base &+ UInt64(arrayOffset)
        under = memory
    }

    func read(_ address: UInt64, count: Int) -> [UInt8]? {
        guard count >= 0 else { return nil }
        if address >= base, address &- base <= UInt64(bytes.count), UInt64(count) <= UInt64(bytes.count) &- (address &- base) {
            let start = Int(address &- base)
            return Array(bytes[start..<start + count])
        }
        return under.read(address, count: count)
    }
}
