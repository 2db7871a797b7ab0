import GRDB

extension SentinelDatabase {
    /// Appends `sensor`'s point to a load series; a second value of the same sensor at the same
    /// time replaces the first.
    package func appendLoad(series: String, time: Double, value: Double, sensor: String, legitimate: Double?) throws {
        try write { db in
            try LoadPoint(series: series, time: time, value: value, sensor: sensor, legitimate: legitimate)
                .insert(db, onConflict: .replace)
        }
    }

    /// The series' points in `from ..< to`, in time order: each time's value summed over the
    /// sensors (the fleet's load), or only `sensor`'s when given.
    package func loadSeries(name: String, from: Double, to: Double, sensor: String?) throws -> [LoadPoint] {
        try read { db in
            let rows: [Row]
            if let sensor {
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT time, value FROM load_points WHERE series = ? AND time >= ? AND time < ? AND sensor = ?
                        ORDER BY time
                        """, arguments: [name, from, to, sensor])
            } else {
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT time, SUM(value) AS value FROM load_points WHERE series = ? AND time >= ? AND time < ?
                        GROUP BY time ORDER BY time
                        """, arguments: [name, from, to])
            }
            return rows.map { LoadPoint(series: name, time: $0["time"], value: $0["value"], sensor: sensor ?? "") }
        }
    }

    /// Every sensor's own points of the series in `from ..< to`, in time order, by sensor within a time.
    package func sensorLoadPoints(name: String, from: Double, to: Double) throws -> [LoadPoint] {
        try read { db in
            try LoadPoint.fetchAll(
                db,
                sql: """
                    SELECT series, time, value, sensor, legitimate FROM load_points
                    WHERE series = ? AND time >= ? AND time < ?
                    ORDER BY time, sensor
                    """, arguments: [name, from, to])
        }
    }

    /// Retention: deletes points of every series older than `time`.
    /// - Returns: how many were deleted.
    @discardableResult
    package func purgeLoad(olderThan time: Double) throws -> Int {
        try write { db in try LoadPoint.filter(Column(LoadPoint.CodingKeys.time) < time).deleteAll(db) }
    }
}
