import SentinelStore

/// The fleet's load in one window of the planner's source: this sentinel's own measure plus,
/// for every other sensor writing the same load series, the legitimate load of that sensor's
/// newest point at or before the window's start (its measured load, or in a window it
/// classified as an attack its last legitimate load: another gateway's flood is not summed). A sensor whose point for this window is not stored yet (its
/// window closed a moment later) counts with its previous window's; one with no point in the
/// last ``staleWindows`` windows counts as gone.
struct FleetLoad: Equatable {
    /// Windows after which a sensor that wrote no point no longer counts.
    static let staleWindows = 3.0

    /// The summed load.
    let load: Double
    /// The sensors summed, this one included.
    let sensors: Int

    /// Sums `own` (the load `sensor` measured in the window starting at `start`) with the
    /// legitimate load of the other sensors' newest points among `points` at or before `start`.
    init(own: Double, sensor: String, start: Double, points: [LoadPoint]) {
        var newest: [String: LoadPoint] = [:]
        for point in points where point.sensor != sensor && point.time <= start {
            if let seen = newest[point.sensor], seen.time >= point.time { continue }
            newest[point.sensor] = point
        }
        load = newest.keys.sorted().reduce(own) { $0 + (newest[$1]?.legitimateLoad ?? 0) }
        sensors = 1 + newest.count
    }

    /// Reads the other sensors' points of `series` around the window starting at `start` (of
    /// `window` seconds) from `store` and sums them with `own`.
    /// - Throws: ``StoreError`` when the store cannot be read.
    static func read(
        series: String, own: Double, sensor: String, start: Double, window: Double, store: any StoreBackend
    ) throws -> FleetLoad {
        let points = try store.sensorLoadPoints(name: series, from: start - staleWindows * window, to: start + window / 2)
        return FleetLoad(own: own, sensor: sensor, start: start, points: points)
    }
}
