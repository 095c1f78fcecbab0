// A longest common subsequence of two integer sequences, for `diff`: exact when that is cheap,
// and otherwise within time and memory linear in the input, as diff(1) and git do it. Common
// prefix and suffix are matched first; values only one side has are set aside (no common
// subsequence uses them); then each part is split, by Myers' middle snake when the sides are
// alike, or by Hirschberg's dynamic programming when one side is short (a small trace against
// a long log), until the parts are small enough for a table. Myers' search gives up after a
// number of edits near the square root of the input and splits at its furthest point, and the
// whole search has a budget linear in the input; past it, what is left is not matched further.

public enum LCS {
    /// Index pairs (i, j), increasing in both, with a[i] == b[j], of a common subsequence: a
    /// longest one unless the inputs are large and very different.
    public static func pairs(_ a: [Int], _ b: [Int]) -> [(Int, Int)] {
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix
                && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var out: [(Int, Int)] = []
        out.reserveCapacity(min(a.count, b.count))
        for k in 0..<prefix { out.append((k, k)) }
        let aMid = prefix..<(a.count - suffix), bMid = prefix..<(b.count - suffix)
        if !aMid.isEmpty && !bMid.isEmpty {
            // Only values both sides have.
            let inB = Set(b[bMid]), inA = Set(a[aMid])
            let aIndex = aMid.filter { inB.contains(a[$0]) }, bIndex = bMid.filter { inA.contains(b[$0]) }
            if !aIndex.isEmpty && !bIndex.isEmpty {
                var solver = Solver(aIndex.map { a[$0] }, bIndex.map { b[$0] })
                solver.run()
                for (i, j) in solver.matchOfA.enumerated() where j >= 0 { out.append((aIndex[i], bIndex[Int(j)])) }
            }
        }
        for k in 0..<suffix { out.append((a.count - suffix + k, b.count - suffix + k)) }
        return out
    }

    /// The length of a longest common subsequence, by dynamic programming (for tests).
    public static func length(_ a: [Int], _ b: [Int]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var prev = [Int](repeating: 0, count: b.count + 1), cur = prev
        for i in 1...a.count {
            for j in 1...b.count {
                cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : max(prev[j], cur[j - 1])
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// Parts at most this big (n * m) are solved by a table.
    static let tableCells = 1024
    /// A side at most this long is "short": the part is split by dynamic programming.
    static let shortSide = 512

    struct Solver {
        let a: [Int], b: [Int]
        /// For each element of a, the index in b it is matched with, or -1.
        var matchOfA: [Int32]
        /// Cells and diagonals left to visit; linear in the input.
        var budget: Int
        /// Edits Myers' search looks for before it settles for its furthest point.
        let costLimit: Int
        var vf: [Int], vb: [Int], column: [Int32], column2: [Int32]

        init(_ a: [Int], _ b: [Int]) {
            (self.a, self.b) = (a, b)
            matchOfA = [Int32](repeating: -1, count: a.count)
            let size = a.count + b.count
            budget = 600 &* size &+ (1 << 22)
            var root = 1
            while root &* root < size { root &+= 1 }
            costLimit = max(256, root)
            let diagonals = 2 * ((size + 1) / 2) + 4
            vf = [Int](repeating: 0, count: diagonals)
            vb = vf
            column = [Int32](repeating: 0, count: min(a.count, b.count, Self.maxShort) + 2)
            column2 = column
        }

        static var maxShort: Int { max(LCS.shortSide, LCS.tableCells) }

        mutating func run() {
            var parts = [(a.startIndex, a.endIndex, b.startIndex, b.endIndex)]
            while var (aLo, aHi, bLo, bHi) = parts.popLast() {
                while aLo < aHi && bLo < bHi && a[aLo] == b[bLo] { match(aLo, bLo); aLo += 1; bLo += 1 }
                while aLo < aHi && bLo < bHi && a[aHi - 1] == b[bHi - 1] { aHi -= 1; bHi -= 1; match(aHi, bHi) }
                let n = aHi - aLo, m = bHi - bLo
                guard n > 0 && m > 0 && budget > 0 else { continue }
                if n <= LCS.tableCells && m <= LCS.tableCells && n * m <= LCS.tableCells {
                    budget -= n * m
                    table(aLo, n, bLo, m)
                } else if min(n, m) <= LCS.shortSide {
                    budget -= n * m
                    let (x, y) = shortSplit(aLo, aHi, bLo, bHi)
                    parts.append((x, aHi, y, bHi))
                    parts.append((aLo, x, bLo, y))
                } else {
                    let (x, y, u, v) = middleSnake(aLo, n, bLo, m)
                    if u == x && ((x == 0 && y == 0) || (x == n && y == m)) {
                        // No progress (cannot happen): split by the table's method instead.
                        budget -= n * m
                        let (sx, sy) = shortSplit(aLo, aHi, bLo, bHi)
                        parts.append((sx, aHi, sy, bHi))
                        parts.append((aLo, sx, bLo, sy))
                        continue
                    }
                    for k in 0..<(u - x) { match(aLo + x + k, bLo + y + k) }
                    parts.append((aLo + u, aHi, bLo + v, bHi))
                    parts.append((aLo, aLo + x, bLo, bLo + y))
                }
            }
        }

        mutating func match(_ i: Int, _ j: Int) { matchOfA[i] = Int32(truncatingIfNeeded: j) }

        /// Myers' middle snake, (x, y) to (u, v) relative to aLo and bLo; after `costLimit`
        /// edits, the furthest point either search reached, with an empty snake.
        mutating func middleSnake(_ aLo: Int, _ n: Int, _ bLo: Int, _ m: Int) -> (Int, Int, Int, Int) {
            let delta = n - m
            let odd = delta & 1 != 0
            let maxD = (n + m + 1) / 2
            let off = maxD + 1
            let limit = min(maxD, costLimit)
            var work = 0
            defer { budget -= work }
            return a.withUnsafeBufferPointer { A in
                b.withUnsafeBufferPointer { B in
                    vf.withUnsafeMutableBufferPointer { vf in
                        vb.withUnsafeMutableBufferPointer { vb in
                            vf[off + 1] = 0
                            vb[off + 1] = 0
                            for d in 0...limit {
                                var k = -d
                                while k <= d {
                                    var x = (k == -d || (k != d && vf[off + k - 1] < vf[off + k + 1])) ? vf[off + k + 1] : vf[off + k - 1] + 1
                                    var y = x - k
                                    let sx = x, sy = y
                                    while x < n && y < m && A[aLo + x] == B[bLo + y] { x += 1; y += 1 }
                                    work += 1 + x - sx
                                    vf[off + k] = x
                                    if odd && abs(k - delta) <= d - 1 && vf[off + k] + vb[off + delta - k] >= n {
                                        return (sx, sy, x, y)
                                    }
                                    k += 2
                                }
                                k = -d
                                while k <= d {
                                    var x = (k == -d || (k != d && vb[off + k - 1] < vb[off + k + 1])) ? vb[off + k + 1] : vb[off + k - 1] + 1
                                    var y = x - k
                                    let sx = x
                                    while x < n && y < m && A[aLo + n - 1 - x] == B[bLo + m - 1 - y] { x += 1; y += 1 }
                                    work += 1 + x - sx
                                    vb[off + k] = x
                                    if !odd && abs(delta - k) <= d && vb[off + k] + vf[off + delta - k] >= n {
                                        return (n - x, m - y, n - sx, m - (sx - k))
                                    }
                                    k += 2
                                }
                            }
                            // Too many edits to find the best path cheaply: the point on a
                            // reached diagonal that got furthest from its end.
                            var best = (0, 0), progress = -1
                            var k = -limit
                            while k <= limit {
                                let x = vf[off + k], y = x - k
                                if x >= 0 && x <= n && y >= 0 && y <= m && x + y > progress { (best, progress) = ((x, y), x + y) }
                                let bx = vb[off + k], by = bx - k
                                if bx >= 0 && bx <= n && by >= 0 && by <= m && bx + by > progress {
                                    (best, progress) = ((n - bx, m - by), bx + by)
                                }
                                k += 2
                            }
                            return (best.0, best.1, best.0, best.1)
                        }
                    }
                }
            }
        }

        /// Hirschberg: the middle of the longer side, and where in the shorter side a longest
        /// common subsequence crosses it. Memory: the shorter side.
        mutating func shortSplit(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int) -> (Int, Int) {
            if bHi - bLo >= aHi - aLo {
                let mid = bLo + (bHi - bLo) / 2
                return (crossing(short: a, aLo, aHi, long: b, bLo, mid, bHi), mid)
            }
            let mid = aLo + (aHi - aLo) / 2
            return (mid, crossing(short: b, bLo, bHi, long: a, aLo, mid, aHi))
        }

        /// The index in short[sLo..<sHi] where a longest common subsequence of it and
        /// long[lLo..<lHi] crosses lMid.
        mutating func crossing(short: [Int], _ sLo: Int, _ sHi: Int, long: [Int], _ lLo: Int, _ lMid: Int, _ lHi: Int) -> Int {
            let n = sHi - sLo
            if column.count < n + 2 {
                column = [Int32](repeating: 0, count: n + 2)
                column2 = column
            }
            return short.withUnsafeBufferPointer { S in
                long.withUnsafeBufferPointer { L in
                    column.withUnsafeMutableBufferPointer { f in
                        column2.withUnsafeMutableBufferPointer { r in
                            // f[i]: LCS of short[sLo..<sLo+i] and long[lLo..<lMid].
                            for i in 0...n { f[i] = 0 }
                            for j in lLo..<lMid {
                                let c = L[j]
                                var diagonal: Int32 = 0, left: Int32 = 0
                                for i in 1...n {
                                    let up = f[i]
                                    left = S[sLo + i - 1] == c ? diagonal + 1 : max(up, left)
                                    diagonal = up
                                    f[i] = left
                                }
                            }
                            // r[i]: LCS of short[sLo+i..<sHi] and long[lMid..<lHi].
                            for i in 0...n { r[i] = 0 }
                            var j = lHi - 1
                            while j >= lMid {
                                let c = L[j]
                                var diagonal: Int32 = 0, right: Int32 = 0
                                var i = n - 1
                                while i >= 0 {
                                    let down = r[i]
                                    right = S[sLo + i] == c ? diagonal + 1 : max(down, right)
                                    diagonal = down
                                    r[i] = right
                                    i -= 1
                                }
                                j -= 1
                            }
                            var best = 0, bestLength: Int32 = -1
                            for i in 0...n where f[i] + r[i] > bestLength { (best, bestLength) = (i, f[i] + r[i]) }
                            return sLo + best
                        }
                    }
                }
            }
        }

        /// Small parts: the classic table.
        mutating func table(_ aLo: Int, _ n: Int, _ bLo: Int, _ m: Int) {
            var t = [Int32](repeating: 0, count: (n + 1) * (m + 1))
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    t[i * (m + 1) + j] = a[aLo + i] == b[bLo + j] ? t[(i + 1) * (m + 1) + j + 1] + 1
                        : max(t[(i + 1) * (m + 1) + j], t[i * (m + 1) + j + 1])
                }
            }
            var i = 0, j = 0
            while i < n && j < m {
                if a[aLo + i] == b[bLo + j] {
                    match(aLo + i, bLo + j)
                    i += 1
                    j += 1
                } else if t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1] {
                    i += 1
                } else {
                    j += 1
                }
            }
        }
    }
}
