// add_key, request_key and keyctl as strace 6.1 prints them (src/keyctl.c): key serials by
// their KEY_SPEC_* names, each KEYCTL_* operation's own arguments, buffers the kernel filled
// printed only up to what it returned.

extension ArgumentDecoder {
    /// printxval_d(key_spec): `KEY_SPEC_THREAD_KEYRING` for -1..-8, any other serial in decimal.
    func keySerial(_ v: UInt64) -> String {
        let id = Int32(truncatingIfNeeded: v)
        guard let name = FlagTables.keySpec.name(of: UInt64(UInt32(bitPattern: id))) else { return String(id) }
        return style.spell(raw: String(id), name)
    }

    func addKey() -> DecodedCall {
        DecodedCall([cString(arg(0), limit: stringLimit), cString(arg(1), limit: stringLimit),
                     buffer(arg(2), length: arg(3)), String(arg(3)), keySerial(arg(4))])
    }

    func requestKey() -> DecodedCall {
        DecodedCall([cString(arg(0), limit: stringLimit), cString(arg(1), limit: stringLimit),
                     cString(arg(2), limit: stringLimit), keySerial(arg(3))])
    }

    func keyctl() -> DecodedCall {
        let command = Int32(truncatingIfNeeded: arg(0))
        var args = [FlagTables.keyctlCommand.formatValue(UInt64(UInt32(bitPattern: command)), style: style)]
        let (a2, a3, a4, a5) = (arg(1), arg(2), arg(3), arg(4))
        let string = { (v: UInt64) in cString(v, limit: stringLimit) }
        let unsigned = { (v: UInt64) in String(UInt32(truncatingIfNeeded: v)) }
        switch command {
        case 0: args += [keySerial(a2), String(Int32(truncatingIfNeeded: a3))]  // KEYCTL_GET_KEYRING_ID
        case 1: args.append(string(a2))  // KEYCTL_JOIN_SESSION_KEYRING
        case 2: args += [keySerial(a2), buffer(a3, length: a4), String(a4)]  // KEYCTL_UPDATE
        case 3, 7, 16, 21: args.append(keySerial(a2))  // REVOKE, CLEAR, ASSUME_AUTHORITY, INVALIDATE
        case 8, 9: args += [keySerial(a2), keySerial(a3)]  // KEYCTL_LINK, KEYCTL_UNLINK
        case 6, 11, 17:  // KEYCTL_DESCRIBE, KEYCTL_READ, KEYCTL_GET_SECURITY
            args += [keySerial(a2), filledBuffer(a3, capacity: a4, omitTrailingNul: command != 11), String(a4)]
        case 10: args += [keySerial(a2), string(a3), string(a4), keySerial(a5)]  // KEYCTL_SEARCH
        case 4: args += [keySerial(a2), Self.keyID(a3), Self.keyID(a4)]  // KEYCTL_CHOWN
        case 5:  // KEYCTL_SETPERM
            args += [keySerial(a2), FlagTables.keyPerms.formatFlags(UInt64(UInt32(truncatingIfNeeded: a3)), style: style)]
        case 12: args += [keySerial(a2), buffer(a3, length: a4), String(a4), keySerial(a5)]  // KEYCTL_INSTANTIATE
        case 13: args += [keySerial(a2), unsigned(a3), keySerial(a4)]  // KEYCTL_NEGATE
        case 14:  // KEYCTL_SET_REQKEY_KEYRING: printxvals_ex with a decimal default
            let value = Int32(truncatingIfNeeded: a2)
            if let name = FlagTables.keyReqkeyDefault.name(of: UInt64(UInt32(bitPattern: value))) {
                args.append(style.spell(raw: String(value), name))
            } else {
                args.append(style == .raw ? String(value) : "\(value) /* \(FlagTables.keyReqkeyDefault.unknown) */")
            }
        case 15: args += [keySerial(a2), unsigned(a3)]  // KEYCTL_SET_TIMEOUT
        case 18: break  // KEYCTL_SESSION_TO_PARENT
        case 19: args += [keySerial(a2), unsigned(a3), errorNumber(UInt32(truncatingIfNeeded: a4)), keySerial(a5)]  // KEYCTL_REJECT
        case 20:  // KEYCTL_INSTANTIATE_IOV
            let count = UInt64(UInt32(truncatingIfNeeded: a4))
            let iov = a3 == 0 ? "NULL" : count == 0 ? "[]" : iovecs(a3, count: count, output: false) ?? StraceText.pointer(a3)
            args += [keySerial(a2), iov, String(register(3)), keySerial(a5)]
        case 22: args += [Self.keyID(a2), keySerial(a3)]  // KEYCTL_GET_PERSISTENT
        case 23: args += keyctlDhCompute(a2, a3, a4, a5)  // KEYCTL_DH_COMPUTE
        case 24:  // KEYCTL_PKEY_QUERY
            args += [keySerial(a2), StraceText.hex(a3), string(a4), succeeded ? pkeyQuery(a5) : StraceText.pointer(a5)]
        case 25, 26, 27, 28: args += keyctlPkeyOperation(a2, a3, a4, a5, verify: command == 28)
        case 29: args += [keySerial(a2), string(a3), string(a4)]  // KEYCTL_RESTRICT_KEYRING
        case 30:  // KEYCTL_MOVE
            args += [keySerial(a2), keySerial(a3), keySerial(a4),
                     FlagTables.keyctlMoveFlags.formatFlags(UInt64(UInt32(truncatingIfNeeded: a5)), style: style)]
        case 31: args += [keyctlCapabilities(a2, length: a3), String(a3)]  // KEYCTL_CAPABILITIES
        default: args += [a2, a3, a4, a5].map { StraceText.hex($0) }
        }
        return DecodedCall(args)
    }

    /// printuid: -1 as -1, other ids unsigned.
    private static func keyID(_ v: UInt64) -> String {
        let id = UInt32(truncatingIfNeeded: v)
        return id == .max ? "-1" : String(id)
    }

    /// print_err: `EKEYREJECTED`, -X raw `129`, -X verbose `129 /* EKEYREJECTED */`.
    private func errorNumber(_ e: UInt32) -> String {
        guard let name = Errno.name(Int(e)) else { return String(e) }
        return style.spell(raw: String(e), name)
    }

    /// What the kernel wrote to a buffer of `capacity` bytes, up to the result; the address on
    /// error. Descriptions end in a NUL strace leaves out.
    private func filledBuffer(_ address: UInt64, capacity: UInt64, omitTrailingNul: Bool) -> String {
        guard let r = success else { return StraceText.pointer(address) }
        let length = r >= 0 && UInt64(r) > capacity ? capacity : UInt64(bitPattern: r)
        guard omitTrailingNul, address != 0 else { return buffer(address, length: length) }
        let shown = Int(min(length, UInt64(stringLimit)))
        guard let bytes = shown == 0 ? [] : memory.read(address, count: shown) else { return StraceText.pointer(address) }
        if bytes.last == 0 { return StraceText.quote(bytes.dropLast(), inHex: stringsInHex) }
        return StraceText.quote(bytes, inHex: stringsInHex) + (length > UInt64(shown) ? "..." : "")
    }

    /// `[...]` of nonzero spare words: `, __spare=[0, 0x1]`, nothing when all are zero.
    private func spareWords(_ s: StructBytes, at offset: Int, count: Int) -> String {
        (0..<count).allSatisfy({ s.u32(offset + $0 * 4) == 0 }) ? ""
            : ", __spare=" + hexArray(s, at: offset, count: count, size: 4)
    }

    private func keyctlDhCompute(_ params: UInt64, _ buf: UInt64, _ len: UInt64, _ kdf: UInt64) -> [String] {
        let dh = dereferenced ? readStruct(params, size: 12).map {
            "{private=\(keySerial(UInt64($0.u32(0)))), prime=\(keySerial(UInt64($0.u32(4)))), base=\(keySerial(UInt64($0.u32(8))))}"
        } : nil
        var out = succeeded ? "" : StraceText.pointer(buf)
        if let r = success {
            out = buffer(buf, length: r >= 0 && UInt64(r) > len ? len : UInt64(bitPattern: r))
        }
        var kdfText = StraceText.pointer(kdf)
        // struct keyctl_kdf_params: hashname, otherinfo, otherinfolen, __spare[8].
        if dereferenced, let k = readStruct(kdf, size: 56) {
            let infoLength = k.u32(16)
            let info = infoLength != 0 ? buffer(k.u64(8), length: UInt64(infoLength)) : StraceText.pointer(k.u64(8))
            kdfText = "{hashname=\(cString(k.u64(0), limit: stringLimit)), otherinfo=\(info), otherinfolen=\(infoLength)"
                + spareWords(k, at: 20, count: 8) + "}"
        }
        return [dh ?? StraceText.pointer(params), out, String(len), kdfText]
    }

    private func pkeyQuery(_ address: UInt64) -> String {
        guard dereferenced, let q = readStruct(address, size: 56) else { return StraceText.pointer(address) }
        return "{supported_ops=\(FlagTables.keyctlPkeyOps.formatFlags(UInt64(q.u32(0)), style: style))"
            + ", key_size=\(q.u32(4)), max_data_size=\(q.u16(8)), max_sig_size=\(q.u16(10))"
            + ", max_enc_size=\(q.u16(12)), max_dec_size=\(q.u16(14))" + spareWords(q, at: 16, count: 10) + "}"
    }

    /// KEYCTL_PKEY_ENCRYPT/DECRYPT/SIGN (output: out_len bytes, printed after the call) and
    /// KEYCTL_PKEY_VERIFY (two inputs); struct keyctl_pkey_params is key_id, in_len, out_len or
    /// in2_len, __spare[7].
    private func keyctlPkeyOperation(_ paramsAddress: UInt64, _ info: UInt64, _ op1: UInt64, _ op2: UInt64,
                                     verify: Bool) -> [String] {
        let p = dereferenced ? readStruct(paramsAddress, size: 40) : nil
        let params = p.map {
            "{key_id=\(keySerial(UInt64($0.u32(0)))), in_len=\($0.u32(4)), "
                + (verify ? "in2_len" : "out_len") + "=\($0.u32(8))" + spareWords($0, at: 12, count: 7) + "}"
        } ?? StraceText.pointer(paramsAddress)
        var args = [params, cString(info, limit: stringLimit)]
        guard let p else { return args + [StraceText.pointer(op1), StraceText.pointer(op2)] }
        args.append(buffer(op1, length: UInt64(p.u32(4))))
        if verify {
            args.append(buffer(op2, length: UInt64(p.u32(8))))
        } else {
            args.append(succeeded ? buffer(op2, length: UInt64(p.u32(8))) : StraceText.pointer(op2))
        }
        return args
    }

    /// The capability bytes the kernel wrote: `[KEYCTL_CAPS0_CAPABILITIES|..., KEYCTL_CAPS1_..., 0]`.
    private func keyctlCapabilities(_ address: UInt64, length: UInt64) -> String {
        guard let r = success else { return StraceText.pointer(address) }
        if address == 0 { return "NULL" }
        let n = min(length, UInt64(bitPattern: r))
        if n == 0 { return "[]" }
        let shown = abbreviated ? min(n, UInt64(stringLimit)) : n
        guard let bytes = memory.read(address, count: Int(min(shown, 4096))) else { return StraceText.pointer(address) }
        var items = bytes.enumerated().map { i, b -> String in
            switch i {
            case 0: return FlagTables.keyctlCaps0.formatFlags(UInt64(b), style: style)
            case 1: return FlagTables.keyctlCaps1.formatFlags(UInt64(b), style: style)
            default: return StraceText.hex(UInt64(b))
            }
        }
        if shown < n { items.append("...") }
        return "[" + items.joined(separator: ", ") + "]"
    }
}
