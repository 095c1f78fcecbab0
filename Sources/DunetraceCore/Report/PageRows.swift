// The y axis of a mapping's page-fault map: its distinct pages in order, with long runs of
// untouched pages (the holes between the regions of "[anonymous]", a library's unread middle)
// squeezed to a small gap, so a map keeps its rows for pages that were touched.

public struct PageRows: Sendable, Equatable {
    /// Where a run of contiguous-enough pages starts: its first row and its first page number.
    public struct Segment: Sendable, Equatable {
        public var row: Int
        public var page: UInt64
    }

    /// Rows in all (pages of the segments plus the squeezed gaps).
    public private(set) var count = 0
    public private(set) var segments: [Segment] = []
    /// A hole wider than this many pages is squeezed.
    public static let maxHole: UInt64 = 16
    /// Rows a squeezed hole keeps.
    public static let squeezedHole = 3

    /// `pages`: the page numbers (address >> 12) touched, in any order, repeats allowed.
    public init<S: Sequence>(pages: S) where S.Element == UInt64 {
        let sorted = Set(pages).sorted()
        guard let first = sorted.first else { return }
        segments = [Segment(row: 0, page: first)]
        var row = 0
        var previous = first
        for p in sorted.dropFirst() {
            let hole = p &- previous
            if hole > Self.maxHole {
                row += 1 + Self.squeezedHole
                segments.append(Segment(row: row, page: p))
            } else {
                row += Int(hole)
            }
            previous = p
        }
        count = row + 1
    }

    /// The row of page `page` (one of the pages given, or inside a segment's span).
    public func row(of page: UInt64) -> Int {
        // The last segment starting at or below the page.
        var lo = 0, hi = segments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if segments[mid].page <= page { lo = mid } else { hi = mid - 1 }
        }
        guard !segments.isEmpty else { return 0 }
        let s = segments[lo]
        return page >= s.page ? s.row + Int(min(page - s.page, UInt64(count))) : s.row
    }
}
