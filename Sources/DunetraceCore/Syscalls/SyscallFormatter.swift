// Turns a completed system call into strace's line:
//   openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
// without the pid prefix, the alignment padding and the newline.

public struct SyscallFormatter: Sendable {
    /// strace -s: bytes of a string or buffer shown before `...`.
    public var stringLimit: Int = 32
    /// strace -v (unabbreviated structs). Reserved: structs are always abbreviated for now.
    public var verbose: Bool = false

    public init(stringLimit: Int = 32) {
        self.stringLimit = max(0, stringLimit)
    }

    /// `name(args) = result`. With `names` (strace -y) descriptors show their paths.
    public func format(_ e: SyscallEvent, memory: any TargetMemory, names: (any DescriptorNames)? = nil) -> String {
        let (call, result) = formatParts(e, memory: memory, names: names)
        return call + " = " + result
    }

    /// The two halves of the line, for a caller that aligns the `=` (strace -a) or prints
    /// `<unfinished ...>`: `openat(AT_FDCWD, "/x", O_RDONLY)` and `-1 ENOENT (No such file...)`.
    public func formatParts(_ e: SyscallEvent, memory: any TargetMemory,
                            names: (any DescriptorNames)? = nil) -> (call: String, result: String) {
        let decoded = decode(e, memory: memory, names: names)
        let call = Self.displayName(e.number) + "(" + decoded.args.joined(separator: ", ") + ")"
        let result = Self.formatReturn(nr: e.number, result: e.result,
                                       kind: decoded.returns, comment: decoded.comment, names: names)
        return (call, result)
    }

    /// The arguments, each as strace prints it.
    public func formatArgs(_ e: SyscallEvent, memory: any TargetMemory) -> [String] {
        decode(e, memory: memory, names: nil).args
    }

    /// The result as strace prints it, knowing only the call and its raw result:
    /// `3`, `0x7f3a2c001000`, `?`, `-1 ENOENT (No such file or directory)`,
    /// `? ERESTARTSYS (To be restarted if SA_RESTART is set)`.
    public static func formatReturn(nr: Int, result: Int64?) -> String {
        formatReturn(nr: nr, result: result, kind: nil, comment: nil)
    }

    /// The name strace shows: the table's, or `syscall_0x1c3` for an unknown number.
    public static func displayName(_ nr: Int) -> String {
        if let entry = SyscallTable.entry(nr) { return entry.name }
        return "syscall_" + StraceText.hex(UInt64(bitPattern: Int64(nr)))
    }

    static func formatReturn(nr: Int, result: Int64?, kind: ReturnKind?, comment: String?,
                             names: (any DescriptorNames)? = nil) -> String {
        guard let r = result else { return "?" }
        if r < 0 && r >= -4095 {
            let e = Int(-r)
            let name = Errno.name(e) ?? String(e)
            if Errno.isRestart(e) { return "? \(name) (\(Errno.message(e)))" }
            return "-1 \(name) (\(Errno.message(e)))"
        }
        var text: String
        switch kind ?? SyscallTable.returnKind(nr) {
        case .decimal: text = String(r)
        case .fd:
            text = String(r)
            if let names, let decorated = names.decorated(Int32(truncatingIfNeeded: r), afterCall: true) {
                text += decorated
            }
        case .hex: text = StraceText.hex(UInt64(bitPattern: r))
        case .octal: text = StraceText.octal(UInt64(bitPattern: r))
        }
        if let comment { text += " (\(comment))" }
        return text
    }

    private func decode(_ e: SyscallEvent, memory: any TargetMemory, names: (any DescriptorNames)?) -> DecodedCall {
        var e = e
        e.args = SyscallModel.asTheKernelReadsThem(e.number, e.args)
        let decoder = ArgumentDecoder(event: e, memory: memory, stringLimit: max(0, stringLimit), names: names)
        guard let entry = SyscallTable.entry(e.number) else {
            return DecodedCall((0..<6).map { StraceText.hex(e.args[$0]) })
        }
        return decoder.decodeSpecial(entry.name) ?? DecodedCall(decoder.generic(entry.args))
    }
}
