// The names strace builds from a request's fields instead of looking them up (ioctl.c's
// ioctl_decode_command_number): input event, HID, mixer, uinput, joystick and SPI requests
// carry a size or an index in their number.

enum IoctlNumbers {
    static func direction(_ code: UInt32) -> UInt32 { code >> 30 }
    static func type(_ code: UInt32) -> UInt32 { (code >> 8) & 0xff }
    static func number(_ code: UInt32) -> UInt32 { code & 0xff }
    static func size(_ code: UInt32) -> UInt32 { (code >> 16) & 0x3fff }

    static let evdevTypes = NameTable(unknown: "EV_???", [
        (0, "EV_SYN"), (1, "EV_KEY"), (2, "EV_REL"), (3, "EV_ABS"), (4, "EV_MSC"), (5, "EV_SW"), (0x11, "EV_LED"),
        (0x12, "EV_SND"), (0x14, "EV_REP"), (0x15, "EV_FF"), (0x16, "EV_PWR"), (0x17, "EV_FF_STATUS"),
    ])
    static let evdevAxes = NameTable(unknown: "ABS_???", [
        (0, "ABS_X"), (1, "ABS_Y"), (2, "ABS_Z"), (3, "ABS_RX"), (4, "ABS_RY"), (5, "ABS_RZ"), (6, "ABS_THROTTLE"),
        (7, "ABS_RUDDER"), (8, "ABS_WHEEL"), (9, "ABS_GAS"), (0xa, "ABS_BRAKE"), (0x10, "ABS_HAT0X"), (0x11, "ABS_HAT0Y"),
        (0x12, "ABS_HAT1X"), (0x13, "ABS_HAT1Y"), (0x14, "ABS_HAT2X"), (0x15, "ABS_HAT2Y"), (0x16, "ABS_HAT3X"),
        (0x17, "ABS_HAT3Y"), (0x18, "ABS_PRESSURE"), (0x19, "ABS_DISTANCE"), (0x1a, "ABS_TILT_X"), (0x1b, "ABS_TILT_Y"),
        (0x1c, "ABS_TOOL_WIDTH"), (0x20, "ABS_VOLUME"), (0x21, "ABS_PROFILE"), (0x28, "ABS_MISC"), (0x2e, "ABS_RESERVED"),
        (0x2f, "ABS_MT_SLOT"), (0x30, "ABS_MT_TOUCH_MAJOR"), (0x31, "ABS_MT_TOUCH_MINOR"), (0x32, "ABS_MT_WIDTH_MAJOR"),
        (0x33, "ABS_MT_WIDTH_MINOR"), (0x34, "ABS_MT_ORIENTATION"), (0x35, "ABS_MT_POSITION_X"),
        (0x36, "ABS_MT_POSITION_Y"), (0x37, "ABS_MT_TOOL_TYPE"), (0x38, "ABS_MT_BLOB_ID"), (0x39, "ABS_MT_TRACKING_ID"),
        (0x3a, "ABS_MT_PRESSURE"), (0x3b, "ABS_MT_DISTANCE"), (0x3c, "ABS_MT_TOOL_X"), (0x3d, "ABS_MT_TOOL_Y"),
    ])

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
            if dir == 1, (0xc0...0xff).contains(nr) { return "EVIOCSABS(\(value(evdevAxes, nr - 0xc0)))" }
            guard dir == 2 else { return nil }
            if (0x20...0x3f).contains(nr) {
                return "EVIOCGBIT(\(nr == 0x20 ? "0" : value(evdevTypes, nr - 0x20)), \(size))"
            }
            if (0x40...0x7f).contains(nr) { return "EVIOCGABS(\(value(evdevAxes, nr - 0x40)))" }
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
