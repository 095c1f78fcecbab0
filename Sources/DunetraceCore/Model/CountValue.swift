// The value of a Count, for the interpreters of the model: the guard evaluates it before the
// call (the result unknown), the capture after it. What differs between them is how they read
// an argument, a value-result length or a field: they say so in a CountSources.

/// Where a count's parts come from at one moment.
struct CountSources {
    /// Argument i as its C type (nil when it is not an integer or cannot be known).
    var argument: (Int) -> Int64?
    /// The value-result length that argument i points to.
    var pointee: (Int) -> Int?
    /// A field of the structure the count is in.
    var field: (String) -> Int64?
    /// The call's result; nil before the call.
    var result: Int64?
}

extension Count {
    /// This count's value, nil when it cannot be known (negative, overflowing, or missing).
    func value(_ s: CountSources) -> Int? {
        switch self {
        case .fixed(let v): return v
        case .argument(let i): return s.argument(i).flatMap(Count.length)
        case .pointee(let i): return s.pointee(i)
        case .field(let name): return s.field(name).flatMap(Count.length)
        case .result: return s.result.flatMap(Count.length)
        case .min(let x, let y):
            switch (x.value(s), y.value(s)) {
            case (let a?, let b?): return Swift.min(a, b)
            case (let a?, nil), (nil, let a?): return a
            default: return nil
            }
        case .times(let x, let size):
            guard let v = x.value(s) else { return nil }
            let (total, overflow) = v.multipliedReportingOverflow(by: size)
            return overflow ? nil : total
        case .sum(let x, let y):
            guard let a = x.value(s), let b = y.value(s) else { return nil }
            let (total, overflow) = a.addingReportingOverflow(b)
            return overflow ? nil : total
        case .bitmapBytes(let x):
            guard let bits = x.value(s), bits < Int.max - 64 else { return nil }
            return (bits + 63) / 64 * 8
        case .pageCount(let x):
            guard let bytes = x.value(s), bytes < Int.max - 4096 else { return nil }
            return (bytes + 4095) / 4096
        case .product(let x, let y):
            guard let a = x.value(s), let b = y.value(s) else { return nil }
            let (total, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? nil : total
        case .unknowable: return nil
        }
    }

    /// The bytes of a bitmap (fd_set), which no result counts.
    var isBitmap: Bool {
        if case .bitmapBytes = self { return true }
        return false
    }

    /// A length no larger than any the kernel takes (MAX_RW_COUNT pages of them): nil past it
    /// or below 0.
    static func length(_ v: Int64) -> Int? { v < 0 || v > Int64(Int32.max) * 4096 ? nil : Int(v) }
}
