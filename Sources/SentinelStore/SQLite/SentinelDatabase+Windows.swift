import GRDB

extension SentinelDatabase {
    /// Stores a classified window.
    package func insert(_ window: StoredWindow) throws {
        try write { db in try window.insert(db) }
    }

    /// The windows starting in `from ..< to`, earliest first.
    /// - Parameter limit: at most this many (the earliest ones); `nil` for all.
    package func windows(from: Double, to: Double, limit: Int? = nil) throws -> [StoredWindow] {
        try read { db in
            let start = Column(StoredWindow.CodingKeys.start)
            var request = StoredWindow.filter(start >= from && start < to).order(start)
            if let limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// The end of the latest stored window of class `verdict` from `source` that started at or
    /// after `from`: how long an incident restored after a restart is known to have lasted.
    public func lastWindowEnd(source: String, verdict: String, from: Double) throws -> Double? {
        try read { db in
            try Double.fetchOne(
                db, sql: "SELECT MAX(\"end\") FROM windows WHERE source = ? AND verdict = ? AND start >= ?",
                arguments: [source, verdict, from])
        }
    }

    /// Retention: deletes the windows that started before `time` (uses the index on start).
    /// - Returns: how many were deleted.
    @discardableResult
    package func purgeWindows(olderThan time: Double) throws -> Int {
        try write { db in
            try StoredWindow.filter(Column(StoredWindow.CodingKeys.start) < time).deleteAll(db)
        }
    }
}
