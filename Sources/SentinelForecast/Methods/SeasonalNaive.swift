/// The baseline: each step repeats the value one season earlier (`ŷ[T+h] = y[T+h−m·k]`, the
/// latest such value); without a season, the last value.
public struct SeasonalNaive: ForecastMethod {
    public var name: String { "naive" }

    /// Creates the baseline.
    public init() {}

    public func minimumHistory(season: Int) -> Int { max(1, season) }

    public func forecast(_ history: ForecastHistory, horizon: Int) throws(ForecastError) -> PointForecast {
        let m = history.season
        let y = history.values
        guard y.count >= minimumHistory(season: m) else {
            throw .tooShort(method: name, points: y.count, needed: minimumHistory(season: m))
        }
        let n = y.count
        let values = (1...max(1, horizon)).prefix(horizon).map { h in y[n - m + (h - 1) % m] }
        var squares = 0.0
        for t in m..<n { squares += (y[t] - y[t - m]) * (y[t] - y[t - m]) }
        let sd = n > m ? (squares / Double(n - m)).squareRoot() : nil
        return PointForecast(
            values: values, residualStandardDeviation: sd,
            summary: m > 1 ? "repeat the value \(m) steps earlier" : "repeat the last value")
    }
}
