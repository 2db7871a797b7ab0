import PostgresNIO

extension PostgresStore {
    package func appendLoad(series: String, time: Double, value: Double, sensor: String, legitimate: Double?) throws {
        try withConnection { connection in
            try run(
                """
                INSERT INTO load_points (series, "time", value, sensor, legitimate)
                VALUES (\(series), \(time), \(value), \(sensor), \(legitimate))
                ON CONFLICT (series, "time", sensor) DO UPDATE SET value = excluded.value, legitimate = excluded.legitimate
                """, on: connection)
        }
    }

    package func loadSeries(name: String, from: Double, to: Double, sensor: String?) throws -> [LoadPoint] {
        let decode = { (row: PostgresRow) throws -> LoadPoint in
            let (time, value) = try row.decode((Double, Double).self)
            return LoadPoint(series: name, time: time, value: value, sensor: sensor ?? "")
        }
        if let sensor {
            return try rows(
                """
                SELECT "time", value FROM load_points
                WHERE series = \(name) AND "time" >= \(from) AND "time" < \(to) AND sensor = \(sensor) ORDER BY "time"
                """, decode)
        }
        return try rows(
            """
            SELECT "time", SUM(value) FROM load_points
            WHERE series = \(name) AND "time" >= \(from) AND "time" < \(to) GROUP BY "time" ORDER BY "time"
            """, decode)
    }

    /// Every sensor's own points of the series in `from ..< to`, in time order, by sensor within a time.
    package func sensorLoadPoints(name: String, from: Double, to: Double) throws -> [LoadPoint] {
        try rows(
            """
            SELECT "time", value, sensor, legitimate FROM load_points
            WHERE series = \(name) AND "time" >= \(from) AND "time" < \(to) ORDER BY "time", sensor COLLATE "C"
            """
        ) { row in
            let (time, value, sensor, legitimate) = try row.decode((Double, Double, String, Double?).self)
            return LoadPoint(series: name, time: time, value: value, sensor: sensor, legitimate: legitimate)
        }
    }

    @discardableResult
    package func purgeLoad(olderThan time: Double) throws -> Int {
        try withConnection { connection in try changed("DELETE FROM load_points WHERE \"time\" < \(time)", on: connection) }
    }

    package func loadSeriesSummaries() throws -> [SeriesSummary] {
        try rows(
            """
            SELECT series, COUNT(DISTINCT "time"), MIN("time"), MAX("time"), COUNT(DISTINCT sensor) FROM load_points
            GROUP BY series ORDER BY series
            """
        ) {
            let row = try $0.decode((String, Int, Double, Double, Int).self)
            return SeriesSummary(name: row.0, points: row.1, first: row.2, last: row.3, sensors: row.4)
        }
    }
}
