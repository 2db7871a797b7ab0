import GRDB

/// One point of a load series (what the forecaster reads): a value at a time, as one sensor
/// measured it, and the part of it that sensor counts as legitimate. Reading a series sums the
/// sensors' points of each time (the fleet's load).
package struct LoadPoint: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    /// The series' name: `sentinel run` stores `requests_per_s:<log path>` and `packets_per_s:<interface>`.
    package var series: String
    /// Seconds since 1970.
    package var time: Double
    /// The value at `time`.
    package var value: Double
    /// The sentinel that measured it (`sentinel.host`); empty in rows from before fleets and in
    /// sums over sensors.
    package var sensor: String
    /// The legitimate load in `value`: `value` itself in a window its sensor classified as
    /// normal, that sensor's last legitimate load in an attack window (migration `v7`); nil in
    /// rows from before it and in sums over sensors, read as `value`.
    package var legitimate: Double?

    /// Creates a point.
    package init(series: String, time: Double, value: Double, sensor: String = "", legitimate: Double? = nil) {
        self.series = series
        self.time = time
        self.value = value
        self.sensor = sensor
        self.legitimate = legitimate
    }

    /// What a fleet's planner counts of this point: its legitimate load, else its value.
    package var legitimateLoad: Double { legitimate ?? value }

    /// The table's name.
    package static let databaseTableName = "load_points"

    enum CodingKeys: String, CodingKey {
        case series, time, value, sensor, legitimate
    }
}
