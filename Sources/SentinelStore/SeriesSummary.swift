/// One load series a store holds: its name, how many points, and the first and last time.
package struct SeriesSummary: Equatable, Sendable {
    /// The series' name.
    package var name: String
    /// How many points it has (times: the sensors' points of one time are one point).
    package var points: Int
    /// Its first time, seconds since 1970.
    package var first: Double
    /// Its last time, seconds since 1970.
    package var last: Double
    /// How many sensors wrote points to it.
    package var sensors: Int

    /// Creates a summary.
    package init(name: String, points: Int, first: Double, last: Double, sensors: Int = 1) {
        self.name = name
        self.points = points
        self.first = first
        self.last = last
        self.sensors = sensors
    }
}
