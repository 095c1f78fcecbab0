// quotactl and quotactl_fd as strace 6.1 prints them (src/quota.c): the command as
// `QCMD(Q_GETFMT, USRQUOTA)`, then the id and the data as that command uses them.

extension ArgumentDecoder {
    /// quotactl(cmd, special, id, addr) and quotactl_fd(fd, cmd, id, addr).
    func quotactl(descriptor fdFirst: Bool) -> DecodedCall {
        let qcmd = UInt32(truncatingIfNeeded: arg(fdFirst ? 1 : 0))
        let first = fdFirst ? descriptor(arg(0)) : path(arg(1))
        var args = fdFirst ? [first, quotaCommand(qcmd)] : [quotaCommand(qcmd), first]
        let id = UInt32(truncatingIfNeeded: arg(2)), data = arg(3)
        let uid = id == .max ? "-1" : String(id)
        switch qcmd >> 8 {
        case 0x80_0003, 0x80_0001, 0x5807:  // Q_QUOTAOFF, Q_SYNC, Q_XQUOTASYNC
            break
        case 0x80_0002:  // Q_QUOTAON: the format and the quota file
            args += [FlagTables.quotaFormat.formatValue(UInt64(id), style: style), path(data)]
        case 0x80_0004:  // Q_GETFMT: the format the kernel wrote
            args.append(quotaData(data, size: 4, written: true) { "[" + FlagTables.quotaFormat.formatValue(UInt64($0.u32(0)), style: self.style) + "]" })
        case 0x5801, 0x5802:  // Q_XQUOTAON, Q_XQUOTAOFF: the flags the kernel reads
            args.append(quotaData(data, size: 4, written: false) { "[" + FlagTables.xfsQuotaFlags.formatFlags(UInt64($0.u32(0)), style: self.style) + "]" })
        case 0x5806:  // Q_XQUOTARM
            args.append(quotaData(data, size: 4, written: false) { "[" + FlagTables.xfsQuotaTypes.formatFlags(UInt64($0.u32(0)), style: self.style) + "]" })
        case 0x80_0007, 0x80_0008:  // Q_GETQUOTA, Q_SETQUOTA: struct if_dqblk
            args += [uid, quotaData(data, size: 72, written: qcmd >> 8 == 0x80_0007) { dqblk($0, next: false) }]
        case 0x80_0009:  // Q_GETNEXTQUOTA: struct if_nextdqblk
            args += [uid, quotaData(data, size: 72, written: true) { dqblk($0, next: true) }]
        case 0x5803, 0x5809, 0x5804:  // Q_XGETQUOTA, Q_XGETNEXTQUOTA, Q_XSETQLIM: struct fs_disk_quota
            args += [uid, quotaData(data, size: 112, written: qcmd >> 8 != 0x5804) { diskQuota($0) }]
        case 0x80_0005, 0x80_0006:  // Q_GETINFO, Q_SETINFO: struct if_dqinfo
            args.append(quotaData(data, size: 24, written: qcmd >> 8 == 0x80_0005) { dqinfo($0) })
        case 0x5805:  // Q_XGETQSTAT: struct fs_quota_stat
            args.append(quotaData(data, size: 80, written: true) { quotaStat($0) })
        case 0x5808:  // Q_XGETQSTATV: struct fs_quota_statv
            args.append(quotaData(data, size: 160, written: true) { quotaStatV($0) })
        default:
            args += [uid, StraceText.pointer(data)]
        }
        return DecodedCall(args)
    }

    /// `QCMD(Q_GETFMT, USRQUOTA)`; -X raw the number, -X verbose both.
    private func quotaCommand(_ qcmd: UInt32) -> String {
        let command = FlagTables.quotaCommand.name(of: UInt64(qcmd >> 8)) ?? StraceText.hex(UInt64(qcmd >> 8)) + " /* Q_??? */"
        let type = FlagTables.quotaType.name(of: UInt64(qcmd & 0xff)) ?? StraceText.hex(UInt64(qcmd & 0xff)) + " /* ???QUOTA */"
        return style.spell(raw: String(qcmd), "QCMD(\(command), \(type))")
    }

    /// strace's umove_or_printaddr: NULL, the address when the call failed (for what the
    /// kernel writes) or the memory cannot be read, else the formatted structure.
    private func quotaData(_ address: UInt64, size: Int, written: Bool, _ format: (StructBytes) -> String) -> String {
        guard address != 0 else { return "NULL" }
        guard dereferenced, !written || succeeded, let s = readStruct(address, size: size) else { return StraceText.pointer(address) }
        return format(s)
    }

    /// struct if_dqblk / if_nextdqblk; abbreviated without the times and dqb_valid.
    private func dqblk(_ s: StructBytes, next: Bool) -> String {
        var fields = ["dqb_bhardlimit", "dqb_bsoftlimit", "dqb_curspace", "dqb_ihardlimit", "dqb_isoftlimit", "dqb_curinodes"]
            .enumerated().map { "\($0.element)=\(s.u64($0.offset * 8))" }
        if abbreviated {
            if next { fields.append("dqb_id=\(s.u32(68))") }
            fields.append("...")
        } else {
            fields += ["dqb_btime=\(s.u64(48))", "dqb_itime=\(s.u64(56))",
                       "dqb_valid=" + FlagTables.ifDqblkValid.formatFlags(UInt64(s.u32(64)), style: style)]
            if next { fields.append("dqb_id=\(s.u32(68))") }
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// struct if_dqinfo.
    private func dqinfo(_ s: StructBytes) -> String {
        "{dqi_bgrace=\(s.u64(0)), dqi_igrace=\(s.u64(8)), dqi_flags="
            + FlagTables.ifDqinfoFlags.formatFlags(UInt64(s.u32(16)), style: style)
            + ", dqi_valid=" + FlagTables.ifDqinfoValid.formatFlags(UInt64(s.u32(20)), style: style) + "}"
    }

    /// struct fs_disk_quota (include/uapi/linux/dqblk_xfs.h).
    private func diskQuota(_ s: StructBytes) -> String {
        var fields = [
            "d_version=\(Int8(bitPattern: s.u8(0)))",
            "d_flags=" + FlagTables.xfsQuotaTypes.formatFlags(UInt64(s.u8(1)), style: style),
            "d_fieldmask=" + StraceText.hex(UInt64(s.u16(2))), "d_id=\(s.u32(4))",
        ]
        fields += ["d_blk_hardlimit", "d_blk_softlimit", "d_ino_hardlimit", "d_ino_softlimit", "d_bcount", "d_icount"]
            .enumerated().map { "\($0.element)=\(s.u64(8 + $0.offset * 8))" }
        if abbreviated {
            fields.append("...")
        } else {
            fields += ["d_itimer=\(s.i32(56))", "d_btimer=\(s.i32(60))", "d_iwarns=\(s.u16(64))", "d_bwarns=\(s.u16(66))",
                       "d_rtb_hardlimit=\(s.u64(72))", "d_rtb_softlimit=\(s.u64(80))", "d_rtbcount=\(s.u64(88))",
                       "d_rtbtimer=\(s.i32(96))", "d_rtbwarns=\(s.u16(100))"]
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// struct fs_quota_stat: its two fs_qfilestat (u64 ino, u64 nblks, u32 nextents).
    private func quotaStat(_ s: StructBytes) -> String {
        var fields = ["qs_version=\(Int8(bitPattern: s.u8(0)))"]
        if abbreviated {
            fields.append("...")
        } else {
            fields += ["qs_flags=" + FlagTables.xfsQuotaFlags.formatFlags(UInt64(s.u16(2)), style: style),
                       "qs_uquota=" + qfilestat(s, 8), "qs_gquota=" + qfilestat(s, 32), "qs_incoredqs=\(s.u32(56))",
                       "qs_btimelimit=\(s.i32(60))", "qs_itimelimit=\(s.i32(64))", "qs_rtbtimelimit=\(s.i32(68))",
                       "qs_bwarnlimit=\(s.u16(72))", "qs_iwarnlimit=\(s.u16(74))"]
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// struct fs_quota_statv: three fs_qfilestatv, laid out as fs_qfilestat.
    private func quotaStatV(_ s: StructBytes) -> String {
        var fields = ["qs_version=\(Int8(bitPattern: s.u8(0)))"]
        if abbreviated {
            fields.append("...")
        } else {
            fields += ["qs_flags=" + FlagTables.xfsQuotaFlags.formatFlags(UInt64(s.u16(2)), style: style),
                       "qs_incoredqs=\(s.u32(4))", "qs_uquota=" + qfilestat(s, 8), "qs_gquota=" + qfilestat(s, 32),
                       "qs_pquota=" + qfilestat(s, 56), "qs_btimelimit=\(s.i32(80))", "qs_itimelimit=\(s.i32(84))",
                       "qs_rtbtimelimit=\(s.i32(88))", "qs_bwarnlimit=\(s.u16(92))", "qs_iwarnlimit=\(s.u16(94))"]
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    private func qfilestat(_ s: StructBytes, _ offset: Int) -> String {
        "{qfs_ino=\(s.u64(offset)), qfs_nblks=\(s.u64(offset + 8)), qfs_nextents=\(s.u32(offset + 16))}"
    }
}
