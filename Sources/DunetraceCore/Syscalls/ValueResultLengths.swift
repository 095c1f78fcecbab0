// A buffer and the value-result length that goes with it (accept's addr and addrlen,
// recvfrom's src_addr and addrlen, getsockopt's optval and optlen), as strace prints them:
// the length as given `[110]`, or as given and as the kernel left it `[110 => 24]`, and the
// buffer only when the call succeeded, up to the smaller of the two lengths.

extension ArgumentDecoder {
    /// `buffer` and `length` printed; `value` prints the buffer for the given and returned
    /// lengths. The given length is the one kept at entry (EntryValuesMemory); a trace made
    /// before entry values were kept has only the one after the call.
    func valueResultPair(_ buffer: UInt64, _ length: UInt64,
                         value: (_ given: Int32, _ returned: Int32) -> String) -> (buffer: String, length: String) {
        guard dereferenced, length != 0, let given = memory.int32AtEntry(length) ?? readStruct(length, size: 4)?.i32(0) else {
            return (StraceText.pointer(buffer), StraceText.pointer(length))
        }
        guard succeeded, let returned = readStruct(length, size: 4)?.i32(0) else {
            return (StraceText.pointer(buffer), "[\(given)]")
        }
        return (value(given, returned), given == returned ? "[\(returned)]" : "[\(given) => \(returned)]")
    }

    /// sendfile's offset: as given, and ` => [new]` when the call moved it (strace's sendfile.c).
    func sendfileOffset(_ address: UInt64) -> String {
        guard address != 0 else { return "NULL" }
        let now = readStruct(address, size: 8).map { UInt64(bitPattern: $0.i64(0)) }
        // A trace made before entry values were kept has only the offset after the call.
        guard let given = memory.int64AtEntry(address).map({ UInt64(bitPattern: $0) }) else {
            return now.map { "[\($0)]" } ?? StraceText.pointer(address)
        }
        guard let r = success, r != 0, let now else { return "[\(given)]" }
        return "[\(given)] => [\(now)]"
    }

    /// A socket address the kernel wrote and its length (decode_sockname in strace's net.c).
    func socketAddressPair(_ buffer: UInt64, _ length: UInt64) -> (buffer: String, length: String) {
        guard buffer != 0 else { return ("NULL", StraceText.pointer(length)) }
        return valueResultPair(buffer, length) { given, returned in
            sockaddr(buffer, length: Int(min(given, returned))) ?? StraceText.pointer(buffer)
        }
    }

    /// The model's socket addresses with value-result lengths (accept, accept4, getsockname,
    /// getpeername, recvfrom) printed in `out` as a pair.
    func pairSocketAddresses(_ params: [Parameter], _ out: inout [String]) {
        for (i, p) in params.enumerated() where i < out.count {
            guard case .pointer(let pointer) = p.type, case .socketAddress(let count) = pointer.pointee,
                  let j = count.valueResultArgument, j < out.count, j < params.count,
                  case .pointer(let length) = params[j].type, length.direction == .both else { continue }
            (out[i], out[j]) = socketAddressPair(arg(i), arg(j))
        }
    }
}

extension Count {
    /// The argument holding the value-result length this count reads, if it reads one.
    var valueResultArgument: Int? {
        switch self {
        case .pointee(let i): return i
        case .min(let a, let b), .sum(let a, let b): return a.valueResultArgument ?? b.valueResultArgument
        case .times(let c, _), .bitmapBytes(let c), .pageCount(let c): return c.valueResultArgument
        default: return nil
        }
    }
}
