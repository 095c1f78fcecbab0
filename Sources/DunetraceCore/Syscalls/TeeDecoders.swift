// Trusted execution environment ioctls (type 0xA4, tee.c) as strace 6.1 prints them. The model
// describes none of them, so the guard refuses them before the kernel (ENOTTY on an open
// descriptor): the structures print as the program gave them, or (an injected success) as
// it left them.

extension ArgumentDecoder {
    func teeRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch request {
        case 0x800c_a400:  // TEE_IOC_VERSION: after the call
            return ioctlOutput(head) { a in
                readStruct(a, size: 12).map { v in
                    let impl = v.u32(0)
                    return "{impl_id=" + FlagTables.teeImplementations.formatValue(UInt64(impl), style: style) + ", gen_caps="
                        + FlagTables.teeGeneralCapabilities.formatFlags(UInt64(v.u32(8)), style: style) + ", impl_caps="
                        + (impl == 1 ? FlagTables.teeOpteeCapabilities.formatFlags(UInt64(v.u32(4)), style: style) : StraceText.hex(UInt64(v.u32(4)))) + "}"
                }
            }
        case 0x8010_a402, 0x8010_a403, 0x8010_a406, 0x8010_a407:  // OPEN_SESSION, INVOKE, SUPPL_RECV, SUPPL_SEND
            return DecodedCall(head + [teeBufferCall(request, value)])
        case 0x8008_a404:  // TEE_IOC_CANCEL
            return ioctlInput(head) { a in readStruct(a, size: 8).map { "{cancel_id=\($0.u32(0)), session=" + StraceText.hex(UInt64($0.u32(4))) + "}" } }
        case 0x8004_a405:  // TEE_IOC_CLOSE_SESSION
            return ioctlInput(head) { a in readStruct(a, size: 4).map { "{session=" + StraceText.hex(UInt64($0.u32(0))) + "}" } }
        case 0xc010_a401:  // TEE_IOC_SHM_ALLOC: size and flags, after a success the id too
            return teeInOut(head, size: 16) { s, after in
                "{size=" + StraceText.hex(s.u64(0)) + ", flags=" + FlagTables.teeSharedMemoryFlags.formatFlags(UInt64(s.u32(8)), style: style)
                    + (after ? ", id=\(s.i32(12))" : "") + "}"
            }
        case 0xc020_a408:  // TEE_IOC_SHM_REGISTER_FD (not upstream): fd and flags, then size and id
            return teeInOut(head, size: 32) { s, after in
                after ? "{size=" + StraceText.hex(s.u64(8)) + ", id=\(s.i32(24))}"
                    : "{fd=" + descriptor(UInt64(bitPattern: Int64(s.i32(0)))) + ", flags=" + FlagTables.teeSharedMemoryFlags.formatFlags(UInt64(s.u32(16)), style: style) + "}"
            }
        case 0xc018_a409:  // TEE_IOC_SHM_REGISTER: addr, length, flags, then length, flags, id
            return teeInOut(head, size: 24) { s, after in
                let flags = ", flags=" + FlagTables.teeSharedMemoryFlags.formatFlags(UInt64(s.u32(16)), style: style)
                return after ? "{length=" + StraceText.hex(s.u64(8)) + flags + ", id=\(s.i32(20))}"
                    : "{addr=" + StraceText.pointer(s.u64(0)) + ", length=" + StraceText.hex(s.u64(8)) + flags + "}"
            }
        default: return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    /// A structure as given, and after a success ` => ` as left (`after` true).
    private func teeInOut(_ head: [String], size: Int, _ text: (StructBytes, Bool) -> String) -> DecodedCall {
        let value = arg(2)
        guard dereferenced, value != 0, let given = readStruct(value, size: size) else { return DecodedCall(head + [StraceText.pointer(value)]) }
        var out = text(given, false)
        if succeeded { out += " => " + (readStruct(value, size: size).map { text($0, true) } ?? StraceText.pointer(value)) }
        return DecodedCall(head + [out])
    }

    /// struct tee_ioctl_buf_data and the argument structure it points to (tee_fetch_buf_data):
    /// only {buf_len, buf_ptr} when buf_len is out of range, the structure unreadable, or (as
    /// given) its num_params disagrees with buf_len; after a success ` => ` what the call left.
    private func teeBufferCall(_ request: UInt32, _ address: UInt64) -> String {
        guard dereferenced, address != 0 else { return StraceText.pointer(address) }
        let argumentSize: Int, countOffset: Int
        switch request {
        case 0x8010_a402: (argumentSize, countOffset) = (56, 52)
        case 0x8010_a403: (argumentSize, countOffset) = (24, 20)
        default: (argumentSize, countOffset) = (8, 4)
        }
        func fetch(entering: Bool) -> Result<(StructBytes, UInt64, UInt64), TeeFetchStop> {
            guard let buffer = readStruct(address, size: 16) else { return .failure(.text(StraceText.pointer(address))) }
            let pointer = buffer.u64(0), length = buffer.u64(8)
            let plain = "{buf_len=\(length), buf_ptr=" + StraceText.pointer(pointer) + "}"
            guard length <= 1024, length >= UInt64(argumentSize), let s = readStruct(pointer, size: argumentSize) else { return .failure(.text(plain)) }
            let count = UInt64(s.u32(countOffset))
            if entering && UInt64(argumentSize) &+ 32 &* count != length { return .failure(.text(plain)) }
            return .success((s, count == 0 ? 0 : pointer &+ UInt64(argumentSize), length))
        }
        let params = { (start: UInt64, count: UInt32) -> String in
            ", params=" + self.straceArray(start, count: UInt64(count), size: 32) { self.teeParameter($0) }
        }
        let given: (StructBytes, UInt64, UInt64)
        switch fetch(entering: true) {
        case .failure(.text(let t)): return t
        case .success(let v): given = v
        }
        let (s, start, length) = given
        var text = "{buf_len=\(length), buf_ptr={"
        switch request {
        case 0x8010_a402:  // TEE_IOC_OPEN_SESSION
            let login = s.u32(32)
            text += "uuid=" + Self.uuid(Array(s.bytes[0..<16])) + ", clnt_login=" + FlagTables.teeLoginTypes.formatValue(UInt64(login), style: style)
            switch login {
            case 0, 1, 4, 5: break
            case 2, 6: text += ", clnt_uuid=" + (s.u32(16) == .max ? "-1" : String(s.u32(16)))
            default: text += ", clnt_uuid=" + hexArray(s, at: 16, count: 16, size: 1)
            }
            text += ", cancel_id=\(s.u32(36)), num_params=\(s.u32(52))" + params(start, s.u32(52))
        case 0x8010_a403:  // TEE_IOC_INVOKE
            text += "func=\(s.u32(0)), session=" + StraceText.hex(UInt64(s.u32(4))) + ", cancel_id=\(s.u32(8)), num_params=\(s.u32(20))" + params(start, s.u32(20))
        case 0x8010_a406:  // TEE_IOC_SUPPL_RECV
            text += "func=\(s.u32(0)), num_params=\(s.u32(4))" + params(start, s.u32(4))
        default:  // TEE_IOC_SUPPL_SEND
            text += "num_params=\(s.u32(4))" + params(start, s.u32(4))
        }
        text += "}"
        guard succeeded else { return text + "}" }
        text += " => "
        switch fetch(entering: false) {
        case .failure(.text(let t)): return text + t  // (strace leaves the outer brace open here)
        case .success(let (r, rStart, _)):
            switch request {
            case 0x8010_a402:
                text += "{session=" + StraceText.hex(UInt64(r.u32(40))) + ", ret=\(r.u32(44)), ret_origin="
                    + FlagTables.teeOrigins.formatValue(UInt64(r.u32(48)), style: style) + params(rStart, r.u32(52))
            case 0x8010_a403:
                text += "{ret=\(r.u32(12)), ret_origin=" + FlagTables.teeOrigins.formatValue(UInt64(r.u32(16)), style: style) + params(rStart, r.u32(20))
            case 0x8010_a406: text += "{num_params=\(r.u32(4))" + params(rStart, r.u32(4))
            default: text += "{ret=\(r.u32(0))" + params(rStart, r.u32(4))
            }
            return text + "}}"
        }
    }

    private enum TeeFetchStop: Error { case text(String) }

    /// struct tee_ioctl_param: its type (and META), then by type a memory reference or values.
    private func teeParameter(_ p: StructBytes) -> String {
        let attr = p.u64(0)
        // (printxval takes an unsigned int: the type's low half.)
        var text = "{attr=" + FlagTables.teeParameterTypes.formatValue(attr & ~0x100 & 0xffff_ffff, style: style)
        if attr & 0x100 != 0 { text += "|TEE_IOCTL_PARAM_ATTR_META" }
        switch attr {
        case 0: break
        case 5, 6, 7: text += ", shm_offs=" + StraceText.hex(p.u64(8)) + ", size=" + StraceText.hex(p.u64(16)) + ", shm_id=\(p.u64(24))"
        default: text += ", a=" + StraceText.hex(p.u64(8)) + ", b=" + StraceText.hex(p.u64(16)) + ", c=" + StraceText.hex(p.u64(24))
        }
        return text + "}"
    }

    /// print_uuid: the 16 bytes in order, 8-4-4-4-12 hex digits.
    static func uuid(_ b: [UInt8]) -> String {
        let hex = b.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        return hex[0..<4].joined() + "-" + hex[4..<6].joined() + "-" + hex[6..<8].joined() + "-" + hex[8..<10].joined() + "-" + hex[10..<16].joined()
    }
}

extension FlagTables {
    static let teeImplementations = NameTable(unknown: "TEE_IMPL_ID_???", [(1, "TEE_IMPL_ID_OPTEE"), (2, "TEE_IMPL_ID_AMDTEE")])
    static let teeGeneralCapabilities = NameTable(unknown: "TEE_GEN_CAP_???", [
        (1, "TEE_GEN_CAP_GP"), (2, "TEE_GEN_CAP_PRIVILEGED"), (4, "TEE_GEN_CAP_REG_MEM"), (8, "TEE_GEN_CAP_MEMREF_NULL"),
    ])
    static let teeOpteeCapabilities = NameTable(unknown: "TEE_OPTEE_CAP_???", [(1, "TEE_OPTEE_CAP_TZ")])
    static let teeLoginTypes = NameTable(unknown: "TEE_IOCTL_LOGIN_???", [
        (0, "TEE_IOCTL_LOGIN_PUBLIC"), (1, "TEE_IOCTL_LOGIN_USER"), (2, "TEE_IOCTL_LOGIN_GROUP"), (4, "TEE_IOCTL_LOGIN_APPLICATION"),
        (5, "TEE_IOCTL_LOGIN_USER_APPLICATION"), (6, "TEE_IOCTL_LOGIN_GROUP_APPLICATION"),
    ])
    static let teeOrigins = NameTable(unknown: "TEEC_ORIGIN_???", [
        (1, "TEEC_ORIGIN_API"), (2, "TEEC_ORIGIN_COMMS"), (3, "TEEC_ORIGIN_TEE"), (4, "TEEC_ORIGIN_TRUSTED_APP"),
    ])
    /// strace's unknown text for a parameter type is the bare prefix.
    static let teeParameterTypes = NameTable(unknown: "TEE_IOCTL_PARAM_ATTR_", [
        (0, "TEE_IOCTL_PARAM_ATTR_TYPE_NONE"), (1, "TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT"), (2, "TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT"),
        (3, "TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT"), (5, "TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT"),
        (6, "TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT"), (7, "TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT"), (0x100, "TEE_IOCTL_PARAM_ATTR_META"),
    ])
    static let teeSharedMemoryFlags = NameTable(unknown: "TEE_IOCTL_SHM_???", [
        (0x1, "TEE_IOCTL_SHM_MAPPED"), (0x2, "TEE_IOCTL_SHM_DMA_BUF"), (0x4, "TEE_IOCTL_SHM_EXT_DMA_BUF"), (0x8, "TEE_IOCTL_SHM_REGISTER"),
        (0x10, "TEE_IOCTL_SHM_USER_MAPPED"), (0x20, "TEE_IOCTL_SHM_POOL"), (0x40, "TEE_IOCTL_SHM_KERNEL_MAPPED"),
    ])
}
