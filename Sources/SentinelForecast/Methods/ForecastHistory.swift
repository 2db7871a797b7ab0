/// What a ``ForecastMethod`` sees: past values on a regular grid and their calendar.
public struct ForecastHistory: Sendable {
    /// The past values, oldest first.
    public var values: [Double]
    /// The time of `values[0]`, seconds since 1970.
    public var startTime: Double
    /// The spacing of the points, in seconds.
    public var step: Double
    /// The season length in points (1: no seasonality).
    public var season: Int
    /// The attack share of each past point, when known (exogenous input of NARX).
    public var attackShare: [Double]?

    /// Creates a history.
    public init(values: [Double], startTime: Double = 0, step: Double = 1, season: Int = 1, attackShare: [Double]? = nil) {
        self.values = values
        self.startTime = startTime
        self.step = step
        self.season = max(1, season)
        self.attackShare = attackShare
    }

    /// The most recent points a method is fitted on unless told otherwise: 4 096, or ten
    /// seasons when that is more. Older points change little in a fit and cost time on long
    /// series.
    public static func defaultLimit(season: Int) -> Int { max(4_096, 10 * max(1, season)) }

    /// The first `count` points of a series, of which the last `limit` at most.
    public init(_ series: LoadSeries, count: Int? = nil, season: Int, limit: Int? = nil) {
        let n = min(count ?? series.count, series.count)
        let start = max(0, n - (limit ?? n))
        self.init(
            values: Array(series.values[start..<n]), startTime: series.times.isEmpty ? 0 : series.times[start],
            step: series.step, season: season, attackShare: series.attackShare.map { Array($0[start..<n]) })
    }

    /// The time of point `index` (which may lie past the end).
    func time(_ index: Int) -> Double { startTime + Double(index) * step }
}
