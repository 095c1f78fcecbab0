// seccomp user-notification requests as strace 6.1's seccomp_ioctl.c prints them. The model
// describes none of them, so they never reach the kernel: the argument's memory at exit is the
// memory the call was made with.

extension ArgumentDecoder {
    func seccompRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        switch request {
        case 0xc050_2100:  // SECCOMP_IOCTL_NOTIF_RECV: as given unless all zero, then (" => ") as left
            guard dereferenced, value != 0 else { return DecodedCall(head + [StraceText.pointer(value)]) }
            guard let n = readStruct(value, size: 80) else { return DecodedCall(head + [StraceText.pointer(value)]) }
            let text = seccompNotification(n)
            let after = succeeded ? text : StraceText.pointer(value)
            return DecodedCall(head + [n.bytes.allSatisfy { $0 == 0 } ? after : text + " => " + after])
        case 0xc018_2101:  // SECCOMP_IOCTL_NOTIF_SEND
            return ioctlInput(head) { a in
                readStruct(a, size: 24).map { r in
                    "{id=" + StraceText.hex(r.u64(0)) + ", val=\(r.i64(8)), error=" + errorNumber(r.i32(16))
                        + ", flags=" + FlagTables.seccompResponseFlags.formatFlags(UInt64(r.u32(20)), style: style) + "}"
                }
            }
        case 0x4008_2102, 0x8008_2102:  // SECCOMP_IOCTL_NOTIF_ID_VALID (and its old, wrong direction)
            return ioctlInput(head) { scalarText($0, .u64, .hex) }
        case 0x4018_2103:  // SECCOMP_IOCTL_NOTIF_ADDFD
            return ioctlInput(head) { a in
                readStruct(a, size: 24).map { f in
                    "{id=" + StraceText.hex(f.u64(0)) + ", flags=" + FlagTables.seccompAddfdFlags.formatFlags(UInt64(f.u32(8)), style: style)
                        + ", srcfd=" + descriptor(UInt64(f.u32(12))) + ", newfd=\(f.i32(16)), newfd_flags="
                        + FlagTables.openBits.formatFlags(UInt64(f.u32(20)), style: style) + "}"
                }
            }
        default: return DecodedCall(head + [StraceText.hex(value)])
        }
    }

    /// struct seccomp_notif: the call's number by name when its arch is x86-64's.
    private func seccompNotification(_ n: StructBytes) -> String {
        let nr = n.u32(16), arch = n.u32(20)
        let name = nr < 1024 ? SyscallTable.name(Int(nr)) : ""
        let number = arch == Self.auditArchX86_64 && !name.isEmpty && !name.hasPrefix("syscall_")
            ? style.spell(raw: String(nr), "__NR_" + name) : String(nr)
        let ip = n.u64(24)
        let args = (0..<6).map { StraceText.hex(n.u64(32 + 8 * $0)) }.joined(separator: ", ")
        return "{id=" + StraceText.hex(n.u64(0)) + ", pid=\(n.i32(8)), flags=" + StraceText.hex(UInt64(n.u32(12)))
            + ", data={nr=" + number + ", arch=" + FlagTables.auditArches.formatValue(UInt64(arch), style: style)
            + ", instruction_pointer=" + StraceText.pointer(ip) + ", args=[" + args + "]}}"
    }

    static let auditArchX86_64: UInt32 = 0xc000_003e

    /// PRINT_FIELD_ERR_D: a negative errno by name (`-ENOSR`), any other value as a number.
    func errorNumber(_ e: Int32) -> String {
        guard e < 0, e != .min, let name = Errno.name(Int(-e)) else { return String(e) }
        return style.spell(raw: String(e), "-" + name)
    }
}

extension FlagTables {
    static let seccompResponseFlags = NameTable(unknown: "SECCOMP_USER_NOTIF_FLAG_???", [(1, "SECCOMP_USER_NOTIF_FLAG_CONTINUE")])
    static let seccompAddfdFlags = NameTable(unknown: "SECCOMP_ADDFD_FLAG_???", [(1, "SECCOMP_ADDFD_FLAG_SETFD"), (2, "SECCOMP_ADDFD_FLAG_SEND")])
    static let auditArches = NameTable(unknown: "AUDIT_ARCH_???", [(0xc000_003e, "AUDIT_ARCH_X86_64"), (0x4000_0003, "AUDIT_ARCH_I386")])
}
