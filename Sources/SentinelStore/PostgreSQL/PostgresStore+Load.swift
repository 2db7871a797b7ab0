import PostgresNIO

extension PostgresStore {
    package func appendLoad(series: String, time: Double, value: Double) throws {
        try withConnection { connection in
            try run(
                """
                INSERT INTO load_points (series, "time", value) VALUES (\(series), \(time), \(value))
                ON CONFLICT (series, "time") DO UPDATE SET value = excluded.value
                """, on: connection)
        }
    }

    package func loadSeries(name: String, from: Double, to: Double) throws -> [LoadPoint] {
        try rows(
            """
            SELECT series, "time", value FROM load_points
            WHERE series = \(name) AND "time" >= \(from) AND "time" < \(to) ORDER BY "time"
            """
        ) {
            let row = try $0.decode((String, Double, Double).self)
            return LoadPoint(series: row.0, time: row.1, value: row.2)
        }
    }

    @discardableResult
    package func purgeLoad(olderThan time: Double) throws -> Int {
        try withConnection { connection in try changed("DELETE FROM load_points WHERE \"time\" < \(time)", on: connection) }
    }

    package func loadSeriesSummaries() throws -> [SeriesSummary] {
        try rows(
            """
            SELECT series, COUNT(*), MIN("time"), MAX("time") FROM load_points GROUP BY series ORDER BY series
            """
        ) {
            let row = try $0.decode((String, Int, Double, Double).self)
            return SeriesSummary(name: row.0, points: row.1, first: row.2, last: row.3)
        }
    }
}
