// The generated request table (IoctlNames.swift) read into a map from number to names.

extension IoctlNames {
    /// Every number's names, joined as strace prints them (" or " between requests sharing a
    /// number). Parsed as bytes: splitting the literal by Characters cost ~10 ms at every start.
    static let joined: [UInt64: String] = {
        var names: [UInt64: String] = [:]
        names.reserveCapacity(4096)
        var text = IoctlNames.table
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                var code: UInt64 = 0, digits = 0
                while i < bytes.count, let d = hexDigit(bytes[i]) { code = code << 4 | d; digits += 1; i += 1 }
                let separated = digits > 0 && i < bytes.count && bytes[i] == UInt8(ascii: " ")
                if separated { i += 1 }
                let start = i
                while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
                if separated && i > start {
                    let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    names[code] = names[code].map { $0 + " or " + name } ?? name
                }
                i += 1
            }
        }
        return names
    }()

    private static func hexDigit(_ b: UInt8) -> UInt64? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(b - UInt8(ascii: "a") + 10)
        default: nil
        }
    }
}
