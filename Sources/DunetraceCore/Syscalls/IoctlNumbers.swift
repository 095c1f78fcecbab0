// The names strace builds from a request's fields instead of looking them up (ioctl.c's
// ioctl_decode_command_number): input event, HID, mixer, uinput, joystick and SPI requests
// carry a size or an index in their number.

enum IoctlNumbers {
    static func direction(_ code: UInt32) -> UInt32 { code >> 30 }
    static func type(_ code: UInt32) -> UInt32 { (code >> 8) & 0xff }
    static func number(_ code: UInt32) -> UInt32 { code & 0xff }
    static func size(_ code: UInt32) -> UInt32 { (code >> 16) & 0x3fff }

    /// The built name (`EVIOCGBIT(EV_KEY, 96)`), nil when strace builds none; `verbose`: inside
    /// -X verbose's comment, where unknown values print bare.
    static func builtName(_ code: UInt32, verbose: Bool = false) -> String? {
        let dir = direction(code), nr = number(code), size = size(code)
        func value(_ table: NameTable, _ v: UInt32) -> String {
            verbose ? table.name(of: UInt64(v)) ?? StraceText.hex(UInt64(v)) : table.formatValue(UInt64(v))
        }
        switch type(code) {
        case 0x21:  // '!'
            return code == 0x8008_2102 ? "SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR" : nil
        case 0x45:  // 'E'
            if dir == 1, (0xc0...0xff).contains(nr) { return "EVIOCSABS(\(value(StraceXlatTables.evdevAxes, nr - 0xc0)))" }
            guard dir == 2 else { return nil }
            if (0x20...0x3f).contains(nr) {
                return "EVIOCGBIT(\(nr == 0x20 ? "0" : value(StraceXlatTables.evdevTypes, nr - 0x20)), \(size))"
            }
            if (0x40...0x7f).contains(nr) { return "EVIOCGABS(\(value(StraceXlatTables.evdevAxes, nr - 0x40)))" }
            let sized: [UInt32: String] = [6: "EVIOCGNAME", 7: "EVIOCGPHYS", 8: "EVIOCGUNIQ", 9: "EVIOCGPROP",
                                           0xa: "EVIOCGMTSLOTS", 0x18: "EVIOCGKEY", 0x19: "EVIOCGLED",
                                           0x1a: "EVIOCGSND", 0x1b: "EVIOCGSW"]
            return sized[nr].map { "\($0)(\(size))" }
        case 0x48:  // 'H'
            let names: [UInt32: String]
            switch dir {
            case 2: names = [4: "HIDIOCGRAWNAME", 5: "HIDIOCGRAWPHYS", 6: "HIDIOCSFEATURE", 8: "HIDIOCGRAWUNIQ", 0x12: "HIDIOCGPHYS"]
            case 3: names = [6: "HIDIOCSFEATURE", 7: "HIDIOCGFEATURE"]
            default: return nil
            }
            return names[nr].map { "\($0)(\(size))" }
        case 0x4d:  // 'M'
            if dir == 1 { return "MIXER_WRITE(\(nr))" }
            if dir == 2 { return "MIXER_READ(\(nr))" }
            return nil
        case 0x55:  // 'U'
            return dir == 2 && nr == 0x2c ? "UI_GET_SYSNAME(\(size))" : nil
        case 0x6a:  // 'j'
            return dir == 2 && nr == 0x13 ? "JSIOCGNAME(\(size))" : nil
        case 0x6b:  // 'k'
            return dir == 1 && nr == 0 ? "SPI_IOC_MESSAGE(\(size))" : nil
        default:
            return nil
        }
    }
}
