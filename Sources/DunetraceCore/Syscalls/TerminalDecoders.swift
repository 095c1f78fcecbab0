// Terminal ioctls as strace 6.1's term.c prints them: struct termios, termios2 and termio
// (flags always; c_line and c_cc only with -v), winsize, modem bits, and the requests whose
// argument is a number or an int behind a pointer.

extension ArgumentDecoder {
    /// A request of type 'T' (0x54).
    func terminalRequest(_ request: UInt32, _ head: [String]) -> DecodedCall {
        let value = arg(2)
        func with(_ text: String) -> DecodedCall { DecodedCall(head + [text]) }
        func afterCall(_ text: (UInt64) -> String?) -> DecodedCall { ioctlOutput(head, text) }
        func onEntry(_ text: (UInt64) -> String?) -> DecodedCall { ioctlInput(head, text) }
        switch request {
        case 0x802c_542a: return afterCall { terminalSettings($0, .termios2) }                                // TCGETS2
        case 0x402c_542b, 0x402c_542c, 0x402c_542d: return onEntry { terminalSettings($0, .termios2) }      // TCSETS*2
        case 0x5401, 0x5456: return afterCall { terminalSettings($0, .termios) }                             // TCGETS, TIOCGLCKTRMIOS
        case 0x5402, 0x5403, 0x5404, 0x5457: return onEntry { terminalSettings($0, .termios) }              // TCSETS*, TIOCSLCKTRMIOS
        case 0x5405: return afterCall { terminalSettings($0, .termio) }                                      // TCGETA
        case 0x5406, 0x5407, 0x5408: return onEntry { terminalSettings($0, .termio) }                       // TCSETA*
        case 0x5413: return afterCall { winsize($0) }                                                        // TIOCGWINSZ
        case 0x5414: return onEntry { winsize($0) }                                                          // TIOCSWINSZ
        case 0x540a: return with(FlagTables.tcxonc.formatValue(value, style: style))                         // TCXONC
        case 0x540b: return with(FlagTables.tcflush.formatValue(value, style: style))                        // TCFLSH
        case 0x5409, 0x5425, 0x540e: return with(String(Int32(truncatingIfNeeded: value)))                   // TCSBRK, TCSBRKP, TIOCSCTTY
        case 0x5415: return afterCall { modemBits($0) }                                                      // TIOCMGET
        case 0x5416, 0x5417, 0x5418: return onEntry { modemBits($0) }                                        // TIOCMBIS, TIOCMBIC, TIOCMSET
        // TIOCGPGRP, TIOCGSID, TIOCGETD, TIOCGSOFTCAR, TIOCGPTN, FIONREAD, TIOCOUTQ, TIOCGEXCL, TIOCGDEV
        case 0x540f, 0x5429, 0x5424, 0x5419, 0x8004_5430, 0x541b, 0x5411, 0x8004_5440, 0x8004_5432:
            return afterCall { scalarText($0, .int) }
        // TIOCSPGRP, TIOCSETD, FIONBIO, FIOASYNC, TIOCPKT, TIOCSSOFTCAR, TIOCSPTLCK
        case 0x5410, 0x5423, 0x5421, 0x5452, 0x5420, 0x541a, 0x4004_5431:
            return onEntry { scalarText($0, .int) }
        case 0x5412: return with(value == 0 ? "NULL" : memory.read(value, count: 1).map { StraceText.quote($0, inHex: stringsInHex) } ?? StraceText.pointer(value))  // TIOCSTI
        // No argument: TIOCSBRK, TIOCCBRK, TIOCCONS, TIOCNOTTY, TIOCEXCL, TIOCNXCL, FIOCLEX, FIONCLEX, TIOCVHANGUP, TIOCSSERIAL
        case 0x5427, 0x5428, 0x541d, 0x5422, 0x540c, 0x540d, 0x5451, 0x5450, 0x5437, 0x541f:
            return DecodedCall(head)
        default:
            return with(StraceText.hex(value))
        }
    }

    enum TerminalSettings {
        case termios, termios2, termio
        var size: Int { switch self { case .termios: 36; case .termios2: 44; case .termio: 18 } }
        var flagBytes: Int { self == .termio ? 2 : 4 }
        var controlCharacters: Int { self == .termio ? 8 : 19 }
    }

    /// struct termios, termios2 or termio at `address`, nil when it cannot be read.
    func terminalSettings(_ address: UInt64, _ kind: TerminalSettings) -> String? {
        guard let s = readStruct(address, size: kind.size) else { return nil }
        func flag(_ i: Int) -> UInt64 { kind.flagBytes == 2 ? UInt64(s.u16(2 * i)) : UInt64(s.u32(4 * i)) }
        let lineAt = 4 * kind.flagBytes
        var text = "{c_iflag=" + FlagTables.termiosInput.formatFlags(flag(0), style: style)
            + ", c_oflag=" + terminalOutputFlags(flag(1)) + ", c_cflag=" + terminalControlFlags(flag(2))
            + ", c_lflag=" + FlagTables.termiosLocal.formatFlags(flag(3), style: style)
        if abbreviated { return text + ", ...}" }
        text += ", c_line=" + FlagTables.lineDisciplines.formatValue(UInt64(s.bytes[lineAt]), style: style)
        let cc = (0..<kind.controlCharacters).map { i -> String in
            let index = FlagTables.controlCharacters.name(of: UInt64(i)) ?? String(i)  // names in every -X style
            return "[\(index)]=" + StraceText.hex(UInt64(s.bytes[lineAt + 1 + i]))
        }
        text += ", c_cc=[" + cc.joined(separator: ", ") + "]"
        if kind == .termios2 { text += ", c_ispeed=\(s.u32(36)), c_ospeed=\(s.u32(40))" }
        return text + "}"
    }

    /// c_oflag: each delay field by name, then the flag bits (`0` when none).
    private func terminalOutputFlags(_ flags: UInt64) -> String {
        var rest = flags
        var parts: [String] = []
        for table in FlagTables.termiosOutputDelays {
            parts.append(table.formatFlags(rest & table.fieldMask, zero: nil, style: style))
            rest &= ~table.fieldMask
        }
        return (parts + [FlagTables.termiosOutput.formatFlags(rest, style: style)]).joined(separator: "|")
    }

    /// c_cflag: the output baud rate, the input one (if set) shifted, the character size, the flags.
    private func terminalControlFlags(_ flags: UInt64) -> String {
        var parts = [FlagTables.termiosBaud.formatValue(flags & 0x100f, style: style)]
        let inputBaud = (flags >> 16) & 0x100f
        if inputBaud != 0 {
            parts.append(FlagTables.termiosBaud.formatValue(inputBaud, style: style) + "<<" + style.spell(raw: "0x10", "IBSHIFT"))
        }
        parts.append(FlagTables.termiosCharSize.formatValue(flags & 0x30, style: style))
        parts.append(FlagTables.termiosControl.formatFlags(flags & ~UInt64(0x100f_103f), style: style))
        return parts.joined(separator: "|")
    }

    func winsize(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 8) else { return nil }
        return "{ws_row=\(s.u16(0)), ws_col=\(s.u16(2)), ws_xpixel=\(s.u16(4)), ws_ypixel=\(s.u16(6))}"
    }

    private func modemBits(_ address: UInt64) -> String? {
        guard let s = readStruct(address, size: 4) else { return nil }
        return "[" + FlagTables.modemBits.formatFlags(UInt64(s.u32(0)), style: style) + "]"
    }
}

extension FlagTables {
    public static let lineDisciplines = NameTable(unknown: "N_???", [
        (0, "N_TTY"), (1, "N_SLIP"), (2, "N_MOUSE"), (3, "N_PPP"), (4, "N_STRIP"), (5, "N_AX25"), (6, "N_X25"),
        (7, "N_6PACK"), (8, "N_MASC"), (9, "N_R3964"), (10, "N_PROFIBUS_FDL"), (11, "N_IRDA"), (12, "N_SMSBLOCK"),
        (13, "N_HDLC"), (14, "N_SYNC_PPP"), (15, "N_HCI"), (16, "N_GIGASET_M101"), (17, "N_SLCAN"), (18, "N_PPS"),
        (19, "N_V253"), (20, "N_CAIF"), (21, "N_GSM0710"), (22, "N_TI_WL"), (23, "N_TRACESINK"), (24, "N_TRACEROUTER"),
        (25, "N_NCI"), (26, "N_SPEAKUP"), (27, "N_NULL"),
    ])
    /// c_cc's indices (x86-64's NCCS is 19; 17 and 18 have no name).
    public static let controlCharacters = NameTable(unknown: "V???", [
        (0, "VINTR"), (1, "VQUIT"), (2, "VERASE"), (3, "VKILL"), (4, "VEOF"), (5, "VTIME"), (6, "VMIN"), (7, "VSWTC"),
        (8, "VSTART"), (9, "VSTOP"), (10, "VSUSP"), (11, "VEOL"), (12, "VREPRINT"), (13, "VDISCARD"), (14, "VWERASE"),
        (15, "VLNEXT"), (16, "VEOL2"),
    ])
    public static let modemBits = NameTable(unknown: "TIOCM_???", [
        (0x1, "TIOCM_LE"), (0x2, "TIOCM_DTR"), (0x4, "TIOCM_RTS"), (0x8, "TIOCM_ST"), (0x10, "TIOCM_SR"),
        (0x20, "TIOCM_CTS"), (0x40, "TIOCM_CAR"), (0x80, "TIOCM_RNG"), (0x100, "TIOCM_DSR"), (0x2000, "TIOCM_OUT1"),
        (0x4000, "TIOCM_OUT2"), (0x8000, "TIOCM_LOOP"),
    ])
}
