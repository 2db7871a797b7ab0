import GRDB

extension SentinelDatabase {
    /// Appends a point to a load series; a second value at the same time replaces the first.
    package func appendLoad(series: String, time: Double, value: Double) throws {
        try write { db in try LoadPoint(series: series, time: time, value: value).insert(db, onConflict: .replace) }
    }

    /// The series' points in `from ..< to`, in time order.
    package func loadSeries(name: String, from: Double, to: Double) throws -> [LoadPoint] {
        try read { db in
            let time = Column(LoadPoint.CodingKeys.time)
            return try LoadPoint.filter(Column(LoadPoint.CodingKeys.series) == name && time >= from && time < to)
                .order(time).fetchAll(db)
        }
    }

    /// Retention: deletes points of every series older than `time`.
    /// - Returns: how many were deleted.
    @discardableResult
    package func purgeLoad(olderThan time: Double) throws -> Int {
        try write { db in try LoadPoint.filter(Column(LoadPoint.CodingKeys.time) < time).deleteAll(db) }
    }
}
