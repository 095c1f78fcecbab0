// The new mount API where strace 6.1 has rules of its own beyond the model's description:
// fsconfig prints key, value and aux as its command reads them (a binary value only up to
// 1 MiB), and struct mount_attr's userns_fd is a descriptor only with MOUNT_ATTR_IDMAP.

extension ArgumentDecoder {
    /// fsconfig(fd, cmd, key, value, aux): the command's variant of the model says what each
    /// of the last three is; an unknown command (or one strace 6.1 does not know, printed by
    /// its name table) leaves them addresses and a number.
    func fsconfig() -> DecodedCall {
        guard let description = SyscallModel.description(event.number) else { return DecodedCall(generic(SyscallTable.signature(event.number))) }
        let command = UInt64(UInt32(truncatingIfNeeded: arg(1)))
        var params = modelParameters ?? description.arguments
        if FlagTables.fsconfigCommands.name(of: command) == nil { params = description.arguments }
        var args = [descriptor(arg(0))]
        if case .integer(let t, let format) = description.arguments[1].type { args.append(integer(arg(1), t, format)) }
        for i in 2..<5 where i < params.count { args.append(fsconfigArgument(params[i], at: i)) }
        return DecodedCall(args)
    }

    private func fsconfigArgument(_ p: Parameter, at i: Int) -> String {
        let v = arg(i)
        switch p.type {
        case .integer(let t, let format): return integer(v, t, format)
        case .descriptor(.directory): return dirfd(v)
        case .descriptor: return descriptor(v)
        case .pointer(let pointer) where v != 0:
            switch pointer.pointee {
            case .string(let limit) where limit >= 4096: return path(v)  // the model's .path
            case .string(let limit): return boundedString(v, limit: limit)
            case .bytes(.argument(let n)):
                // strace shows a blob (in hex) only up to 1 MiB.
                let length = Int32(truncatingIfNeeded: arg(n))
                guard (0...1 << 20).contains(length) else { return StraceText.pointer(v) }
                return buffer(v, length: UInt64(length), hexEscapes: true)
            default: return StraceText.pointer(v)
            }
        case .pointer, .address, .unused: return StraceText.pointer(v)
        }
    }

    /// mount_setattr: struct mount_attr from its first version's 32 bytes (shorter, an
    /// address), the bytes past them that are not zero; strace prints the result as a descriptor.
    func mountSetattr() -> DecodedCall {
        var call = decodeByModel(SyscallTable.signature(event.number))
        if call.args.count > 3 { call.args[3] = mountAttr(arg(3), size: arg(4)) }
        return DecodedCall(call.args, returns: .fd)
    }

    private func mountAttr(_ address: UInt64, size: UInt64) -> String {
        let layout = SyscallModel.mountAttrStruct
        guard size >= UInt64(layout.size), dereferenced, let s = readStruct(address, size: layout.size) else {
            return StraceText.pointer(address)
        }
        // userns_fd is a descriptor only with MOUNT_ATTR_IDMAP set or cleared.
        let idmapped = (s.u64(0) | s.u64(8)) & FlagTables.mountAttrIdmap != 0
        var parts: [String] = []
        for f in layout.fields {
            let value = s.u64(f.offset)
            switch f.type {
            case .integer(let t, let format): parts.append("\(f.name)=\(integer(value, t, format))")
            case .descriptor:
                parts.append("\(f.name)=" + (idmapped && value <= UInt64(Int32.max) ? descriptor(value) : String(value)))
            case .pointer, .address, .unused: continue
            }
        }
        if let extra = nonzeroBytes(address, from: layout.size, to: Int(min(size, 4096))) { parts.append(extra) }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
