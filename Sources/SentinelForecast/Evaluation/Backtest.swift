/// A rolling-origin backtest (Tashman 2000): at each origin `o` the method is fitted on the
/// points before `o` and forecasts `o … o+horizon−1`; errors are grouped by steps ahead.
///
/// Origins are spread evenly over the last ``testFraction`` of the series (at most
/// ``maxOrigins`` of them, the last one leaving exactly `horizon` points), never before the
/// method's minimum history.
public struct Backtest: Sendable, Equatable {
    /// The steps ahead measured.
    public var horizon: Int
    /// The season length in points (1: none).
    public var season: Int
    /// The share of the series over which origins are spread.
    public var testFraction: Double
    /// The most origins.
    public var maxOrigins: Int

    /// Creates a backtest.
    /// The most recent points each origin's fit sees (see ``ForecastHistory/defaultLimit(season:)``).
    public var historyLimit: Int

    public init(horizon: Int, season: Int, testFraction: Double = 0.2, maxOrigins: Int = 20, historyLimit: Int? = nil) {
        self.historyLimit = historyLimit ?? ForecastHistory.defaultLimit(season: season)
        self.horizon = max(1, horizon)
        self.season = max(1, season)
        self.testFraction = testFraction
        self.maxOrigins = max(1, maxOrigins)
    }

    /// The origins (indices of the first forecast point) for a series of `count` points
    /// and a method needing `minimumHistory` points; empty when the series is too short.
    public func origins(count: Int, minimumHistory: Int) -> [Int] {
        let last = count - horizon
        let first = max(minimumHistory, count - max(horizon, Int((Double(count) * testFraction).rounded())))
        guard last >= first else { return [] }
        let span = last - first
        let number = min(maxOrigins, span + 1)
        if number == 1 { return [last] }
        var result = (0..<number).map { last - Int((Double(span) * Double($0) / Double(number - 1)).rounded()) }
        result = Array(Set(result)).sorted()
        return result
    }

    /// Runs `method` over `series` at ``origins(count:minimumHistory:)`` computed with
    /// `minimumHistory` (pass the largest of the methods compared, so they share origins).
    ///
    /// - Throws: ``SeriesError/tooShort(source:points:needed:purpose:)`` when no origin fits,
    ///   ``ForecastError`` when a fit fails.
    public func run(_ method: any ForecastMethod, on series: LoadSeries, minimumHistory: Int? = nil) throws -> BacktestResult {
        let needed = minimumHistory ?? method.minimumHistory(season: season)
        let origins = origins(count: series.count, minimumHistory: needed)
        guard !origins.isEmpty else {
            throw SeriesError.tooShort(
                source: series.name, points: series.count,
                needed: max(needed, Int((Double(needed + horizon) / (1 - testFraction)).rounded(.up))),
                purpose: "a \(horizon)-step backtest of \(method.name)")
        }
        var actuals = [[Double]](repeating: [], count: horizon)
        var forecasts = [[Double]](repeating: [], count: horizon)
        for origin in origins {
            let history = ForecastHistory(series, count: origin, season: season, limit: historyLimit)
            let forecast = try method.forecast(history, horizon: horizon)
            for h in 0..<horizon {
                actuals[h].append(series.values[origin + h])
                forecasts[h].append(forecast.values[h])
            }
        }
        return BacktestResult(method: method.name, origins: origins, actuals: actuals, forecasts: forecasts)
    }
}
