import GRDB

/// One point of a load series (what the forecaster reads): a value at a time.
package struct LoadPoint: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    /// The series' name, e.g. `requests_per_second@web`.
    package var series: String
    /// Seconds since 1970.
    package var time: Double
    /// The value at `time`.
    package var value: Double

    /// Creates a point.
    package init(series: String, time: Double, value: Double) {
        self.series = series
        self.time = time
        self.value = value
    }

    /// The table's name.
    package static let databaseTableName = "load_points"

    enum CodingKeys: String, CodingKey {
        case series, time, value
    }
}
