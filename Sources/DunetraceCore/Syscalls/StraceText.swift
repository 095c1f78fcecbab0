// Number and string spelling shared by every decoder, matching strace 6.x's defaults.
import Glibc

enum StraceText {
    /// A clock_t as strace's print_clock_t: unsigned, with its seconds in a comment where it is
    /// not 0 (`374 /* 3.74 s */`, as many decimals as the clock's ticks need); `comment`: false
    /// under -X raw.
    static func clockTicks(_ ticks: UInt64, comment: Bool) -> String {
        let perSecond = UInt64(max(sysconf(Int32(_SC_CLK_TCK)), 0))
        guard comment, perSecond > 0, ticks > 0 else { return String(ticks) }
        var width = 0, scale: UInt64 = 1
        while scale &* 10 <= perSecond, width < 9 { scale &*= 10; width += 1 }
        let fraction = (ticks % perSecond).multipliedFullWidth(by: scale)
        let digits = String(perSecond.dividingFullWidth((fraction.high, fraction.low)).quotient)
        let padded = width == 0 ? "" : "." + String(repeating: "0", count: max(width - digits.count, 0)) + digits
        return "\(ticks) /* \(ticks / perSecond)\(padded) s */"
    }

    /// `0` for zero, `0x1f` otherwise (C's `%#lx`).
    static func hex(_ v: UInt64) -> String {
        v == 0 ? "0" : "0x" + String(v, radix: 16)
    }

    /// An address: `NULL` or `0x7ffd...`.
    static func pointer(_ v: UInt64) -> String {
        v == 0 ? "NULL" : "0x" + String(v, radix: 16)
    }

    /// Permission bits as C's `%#03o`: `000`, `0644`, `07777`.
    static func octal(_ v: UInt64) -> String {
        let digits = String(v, radix: 8)
        return digits.count >= 2 ? "0" + digits : "0" + String(repeating: "0", count: 2 - digits.count) + digits
    }

    /// C int: the low 32 bits, signed.
    static func int(_ v: UInt64) -> String { String(Int32(truncatingIfNeeded: v)) }
    static func uint(_ v: UInt64) -> String { String(UInt32(truncatingIfNeeded: v)) }
    static func long(_ v: UInt64) -> String { String(Int64(bitPattern: v)) }
    static func ulong(_ v: UInt64) -> String { String(v) }

    /// strace -y's `<path>` after a descriptor: the path escaped as a quoted string is, with
    /// `<` and `>` in octal too, without the quotes: `</tmp/a\74b\76>`.
    /// -x/-xx apply to it as to strings.
    static func descriptorPath(_ path: String, inHex: StringsInHex = .none) -> String {
        "<" + quote(RawPath.bytes(path), quotes: false, angleBrackets: true, inHex: inHex) + ">"
    }

    /// Bytes inside double quotes as strace escapes them: `\n \t \r \v \f \" \\`, other
    /// non-printable bytes in the shortest octal that stays unambiguous (`\0`, `\33`, `\177`,
    /// but `\0017` before a digit). `hexEscapes` writes every byte as `\xNN` (getrandom);
    /// `angleBrackets` escapes `<` and `>` in octal as well.
    /// `inHex` is strace -x/-xx: all bytes in hex (-xx, or -x when one is not printable
    /// ASCII), or only the non-printable ones (--strings-in-hex=non-ascii-chars).
    static func quote(_ bytes: some Collection<UInt8>, hexEscapes: Bool = false, quotes: Bool = true,
                      angleBrackets: Bool = false, inHex: StringsInHex = .none) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + 2)
        if quotes { out.append(UInt8(ascii: "\"")) }
        let all = Array(bytes)
        let allInHex = hexEscapes || inHex == .all
            || (inHex == .nonASCII && all.contains { $0 > 0x7e || ($0 < 0x20 && !(0x09...0x0d).contains($0)) })
        for (i, c) in all.enumerated() {
            if allInHex || (inHex == .nonASCIIChars && (c > 0x7e || (c < 0x20 && !(0x09...0x0d).contains(c)))) {
                out.append(contentsOf: Array("\\x".utf8))
                out.append(hexDigits[Int(c >> 4)])
                out.append(hexDigits[Int(c & 15)])
                continue
            }
            switch c {
            case UInt8(ascii: "\""): out.append(contentsOf: Array("\\\"".utf8))
            case UInt8(ascii: "\\"): out.append(contentsOf: Array("\\\\".utf8))
            case 0x0c: out.append(contentsOf: Array("\\f".utf8))
            case 0x0a: out.append(contentsOf: Array("\\n".utf8))
            case 0x0d: out.append(contentsOf: Array("\\r".utf8))
            case 0x09: out.append(contentsOf: Array("\\t".utf8))
            case 0x0b: out.append(contentsOf: Array("\\v".utf8))
            case 0x20...0x7e where !(angleBrackets && (c == 0x3c || c == 0x3e)): out.append(c)
            default:
                out.append(UInt8(ascii: "\\"))
                let nextIsOctalDigit = i + 1 < all.count && (0x30...0x37).contains(all[i + 1])
                if nextIsOctalDigit || c >> 6 != 0 { out.append(0x30 + (c >> 6)) }
                if nextIsOctalDigit || c >> 3 != 0 { out.append(0x30 + ((c >> 3) & 7)) }
                out.append(0x30 + (c & 7))
            }
        }
        if quotes { out.append(UInt8(ascii: "\"")) }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
