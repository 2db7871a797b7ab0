import GRDB

/// One point of a load series (what the forecaster reads): a value at a time, as one sensor
/// measured it. Reading a series sums the sensors' points of each time (the fleet's load).
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

    /// Creates a point.
    package init(series: String, time: Double, value: Double, sensor: String = "") {
        self.series = series
        self.time = time
        self.value = value
        self.sensor = sensor
    }

    /// The table's name.
    package static let databaseTableName = "load_points"

    enum CodingKeys: String, CodingKey {
        case series, time, value, sensor
    }
}
