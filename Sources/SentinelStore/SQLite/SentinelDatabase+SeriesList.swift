import GRDB

extension SentinelDatabase {
    /// Every load series the store holds, by name.
    package func loadSeriesSummaries() throws -> [SeriesSummary] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT series, COUNT(DISTINCT time) AS points, MIN(time) AS first, MAX(time) AS last,
                    COUNT(DISTINCT sensor) AS sensors
                    FROM \(LoadPoint.databaseTableName) GROUP BY series ORDER BY series
                    """
            ).map {
                SeriesSummary(name: $0["series"], points: $0["points"], first: $0["first"], last: $0["last"], sensors: $0["sensors"])
            }
        }
    }
}
