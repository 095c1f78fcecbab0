// Turns a completed system call into strace's line:
//   openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
// without the pid prefix, the alignment padding and the newline.

public struct SyscallFormatter: Sendable {
    /// strace's printing options (-s, -X, -x, -v, -e abbrev/verbose/raw=).
    public var settings: FormatterSettings

    /// strace -s: bytes of a string or buffer shown before `...`.
    public var stringLimit: Int {
        get { settings.stringLimit }
        set { settings.stringLimit = newValue }
    }

    public init(stringLimit: Int = 32) {
        settings = FormatterSettings()
        settings.stringLimit = max(0, stringLimit)
    }

    public init(_ settings: FormatterSettings) {
        self.settings = settings
        self.settings.stringLimit = max(0, settings.stringLimit)
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
        if settings.raw.contains(e.number) { return rawParts(e) }
        let decoded = decode(e, memory: memory, names: names)
        let call = Self.displayName(e.number) + "(" + decoded.args.joined(separator: ", ") + ")"
        let result = Self.formatReturn(nr: e.number, result: e.result, kind: decoded.returns, comment: decoded.comment,
                                       names: names, inHex: settings.stringsInHex)
        return (call, result)
    }

    /// -e raw=: every argument the call takes and the result as hex, the registers as they were.
    private func rawParts(_ e: SyscallEvent) -> (call: String, result: String) {
        let count = SyscallTable.entry(e.number)?.args.count ?? 6
        let call = Self.displayName(e.number) + "(" + (0..<count).map { StraceText.hex(e.args[$0]) }.joined(separator: ", ") + ")"
        return (call, Self.formatReturn(nr: e.number, result: e.result, kind: .hex, comment: nil))
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
                             names: (any DescriptorNames)? = nil, inHex: StringsInHex = .none) -> String {
        guard let r = result else { return "?" }
        // modify_ldt's int result is zero-extended, errors included: the value, then the error.
        if nr == 154 && r >= 0xffff_f000 && r <= 0xffff_ffff {
            let e = Int(-Int32(truncatingIfNeeded: r))
            return "\(r) \(Errno.name(e) ?? String(e)) (\(Errno.message(e)))"
        }
        if r < 0 && r >= -4095 {
            let e = Int(-r)
            let name = Errno.name(e) ?? String(e)
            if Errno.isRestart(e) { return "? \(name) (\(Errno.message(e)))" }
            return "-1 \(name) (\(Errno.message(e)))"
        }
        var text: String
        // A call strace 6.1 has no name for shows its result in hex too.
        switch kind ?? (SyscallTable.entry(nr) == nil ? .hex : SyscallTable.returnKind(nr)) {
        case .decimal: text = String(r)
        case .fd:
            text = String(r)
            if let names, let decorated = inHex == .none ? names.decorated(Int32(truncatingIfNeeded: r), afterCall: true)
                : names.path(of: Int32(truncatingIfNeeded: r), afterCall: true).map({ StraceText.descriptorPath($0, inHex: inHex) }) {
                text += decorated
            }
        case .hex: text = StraceText.hex(UInt64(bitPattern: r))
        case .octal: text = StraceText.octal(UInt64(bitPattern: r))
        }
        if let comment { text += " (\(comment))" }
        return text
    }

    private func decode(_ e: SyscallEvent, memory: any TargetMemory, names: (any DescriptorNames)?) -> DecodedCall {
        // A call strace 6.1 has no name for prints its six registers as they are.
        guard let entry = SyscallTable.entry(e.number) else {
            return DecodedCall((0..<6).map { StraceText.hex(e.args[$0]) })
        }
        var e = e
        e.args = SyscallModel.asTheKernelReadsThem(e.number, e.args)
        var decoder = ArgumentDecoder(event: e, memory: memory, stringLimit: max(0, stringLimit), names: names)
        decoder.style = settings.constStyle
        decoder.stringsInHex = settings.stringsInHex
        decoder.abbreviated = settings.abbreviated.contains(e.number)
        decoder.dereferenced = settings.dereferenced.contains(e.number)
        return decoder.decodeSpecial(entry.name) ?? decoder.decodeByModel(entry.args)
    }
}
