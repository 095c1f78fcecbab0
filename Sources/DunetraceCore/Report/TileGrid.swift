// Many marks into few: the page faults of a map counted in cells of a grid (time columns x
// page rows x kind), so a report of millions of faults stays a few megabytes. The grid is
// sized from a cell budget, so the number of cells is bounded whatever the trace holds.

public struct TileGrid: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        public var column: Int
        public var row: Int
        public var kind: Int
        public var count: Int
        /// The first mark that fell in the cell (its index in the input), shown on hover.
        public var sample: Int
    }

    public let columns: Int
    public let rows: Int
    public let kinds: Int
    /// Non-empty cells, by column, row, kind.
    public private(set) var cells: [Cell] = []

    /// The grid for at most `budget` cells (columns x rows x kinds) over `rowCount` rows;
    /// rows are merged before columns drop below `minColumns`.
    public init(budget: Int, rowCount: Int, kinds: Int, maxColumns: Int = 1024, minColumns: Int = 32) {
        let k = max(1, kinds)
        let perKind = max(1, budget / k)
        var r = max(1, min(rowCount, perKind / max(1, minColumns)))
        var c = max(1, min(maxColumns, perKind / r))
        if c * r > perKind { r = max(1, perKind / c) }
        if c * r > perKind { c = 1; r = perKind }
        (columns, rows, self.kinds) = (c, r, k)
    }

    /// Counts the marks: `time` in [0, span], `row` in [0, rowCount), `kind` in [0, kinds).
    public mutating func add(times: [UInt64], rows markRows: [Int], kinds markKinds: [Int], span: UInt64, rowCount: Int) {
        var index: [Int: Int] = [:]
        let span = max(span, 1), rowCount = max(rowCount, 1)
        for i in times.indices {
            let c = Int(min(UInt64(columns - 1), UInt64(Double(min(times[i], span)) / Double(span) * Double(columns))))
            let r = min(rows - 1, max(0, Int(Double(markRows[i]) / Double(rowCount) * Double(rows))))
            let k = min(kinds - 1, max(0, markKinds[i]))
            let key = (c * rows + r) * kinds + k
            if let at = index[key] {
                cells[at].count += 1
            } else {
                index[key] = cells.count
                cells.append(Cell(column: c, row: r, kind: k, count: 1, sample: i))
            }
        }
        cells.sort { ($0.column, $0.row, $0.kind) < ($1.column, $1.row, $1.kind) }
    }
}
