// quotactl and quotactl_fd as strace 6.1 prints them (src/quota.c): the command as
// `QCMD(Q_GETFMT, USRQUOTA)`, then the id and the data as that command uses them.

extension ArgumentDecoder {
    /// quotactl(cmd, special, id, addr) and quotactl_fd(fd, cmd, id, addr).
    func quotactl(descriptor fdFirst: Bool) -> DecodedCall {
        let qcmd = UInt32(truncatingIfNeeded: arg(fdFirst ? 1 : 0))
        let first = fdFirst ? descriptor(arg(0)) : path(arg(1))
        var args = fdFirst ? [first, quotaCommand(qcmd)] : [quotaCommand(qcmd), first]
        let id = UInt32(truncatingIfNeeded: arg(2)), data = arg(3)
        switch qcmd >> 8 {
        case 0x80_0003, 0x80_0001, 0x5807:  // Q_QUOTAOFF, Q_SYNC, Q_XQUOTASYNC
            break
        case 0x80_0002:  // Q_QUOTAON: the format and the quota file
            args += [FlagTables.quotaFormat.formatValue(UInt64(id), style: style), path(data)]
        case 0x80_0004:  // Q_GETFMT: the format the kernel wrote
            args.append(writtenWord(data) { FlagTables.quotaFormat.formatValue(UInt64($0), style: self.style) })
        case 0x5801, 0x5802:  // Q_XQUOTAON, Q_XQUOTAOFF: the flags the kernel reads
            args.append(readWord(data) { FlagTables.xfsQuotaFlags.formatFlags(UInt64($0), style: self.style) })
        case 0x5806:  // Q_XQUOTARM
            args.append(readWord(data) { FlagTables.xfsQuotaTypes.formatFlags(UInt64($0), style: self.style) })
        case 0x80_0005, 0x80_0006, 0x5805, 0x5808:  // Q_GETINFO, Q_SETINFO, Q_XGETQSTAT, Q_XGETQSTATV
            args.append(StraceText.pointer(data))
        default:
            args += [id == .max ? "-1" : String(id), StraceText.pointer(data)]
        }
        return DecodedCall(args)
    }

    /// `QCMD(Q_GETFMT, USRQUOTA)`; -X raw the number, -X verbose both.
    private func quotaCommand(_ qcmd: UInt32) -> String {
        let command = FlagTables.quotaCommand.name(of: UInt64(qcmd >> 8)) ?? StraceText.hex(UInt64(qcmd >> 8)) + " /* Q_??? */"
        let type = FlagTables.quotaType.name(of: UInt64(qcmd & 0xff)) ?? StraceText.hex(UInt64(qcmd & 0xff)) + " /* ???QUOTA */"
        return style.spell(raw: String(qcmd), "QCMD(\(command), \(type))")
    }

    /// `[value]` of the u32 at `address` the kernel reads, or the address.
    private func readWord(_ address: UInt64, _ format: (UInt32) -> String) -> String {
        guard address != 0 else { return "NULL" }
        guard dereferenced, let s = readStruct(address, size: 4) else { return StraceText.pointer(address) }
        return "[" + format(s.u32(0)) + "]"
    }

    /// `[value]` of the u32 the kernel wrote at `address`, or the address.
    private func writtenWord(_ address: UInt64, _ format: (UInt32) -> String) -> String {
        guard address != 0 else { return "NULL" }
        guard succeeded else { return StraceText.pointer(address) }
        return readWord(address, format)
    }
}
