/// Runs the forecasting workflow on a series: backtest the candidate methods and seasonal
/// naive on the same origins, pick the method (or use the one asked for), fit it on the
/// whole series, and put prediction intervals around its forecast.
///
/// The interval of step `h` is `forecast ± z·RMSEₕ`, with `RMSEₕ` the method's backtest
/// error at `h` steps ahead and `z` the normal quantile of the level; when the series is too
/// short to backtest, the in-sample one-step residual deviation × √h stands in.
public struct Forecaster: Sendable {
    /// A method, or nil for `auto` (the lowest mean backtest RMSE over the horizon).
    public var method: ForecastMethodKind?
    /// The steps ahead to forecast.
    public var horizon: Int
    /// The season length in points (1: none).
    public var season: Int
    /// The coverage of the intervals, in (0, 1).
    public var level: Double
    /// The most backtest origins.
    public var maxOrigins: Int

    /// Creates a forecaster.
    public init(method: ForecastMethodKind?, horizon: Int, season: Int, level: Double = 0.95, maxOrigins: Int = 20) {
        self.method = method
        self.horizon = max(1, horizon)
        self.season = max(1, season)
        self.level = level
        self.maxOrigins = maxOrigins
    }

    /// Backtests, chooses, fits and forecasts.
    ///
    /// - Throws: ``SeriesError`` when the series is too short, ``ForecastError`` when the
    ///   chosen method cannot fit it.
    public func run(_ series: LoadSeries) throws -> ForecastReport {
        guard level > 0, level < 1 else {
            throw ForecastError.invalidSetting("the interval level \(level) must be strictly between 0 and 1")
        }
        guard season == 1 || 2 * season <= series.count else {
            throw ForecastError.invalidSetting(
                "a season of \(season) points needs at least \(2 * season) points and \(series.name) has \(series.count): pass a shorter --season, or 1 for none"
            )
        }
        // For auto, methods whose history needs would leave no backtest origin are left out
        // (the double-seasonal method needs two weeks), so they cannot push the others out.
        let fits = { (kind: ForecastMethodKind) in
            kind.method.minimumHistory(season: self.season) + self.horizon <= Int(0.8 * Double(series.count))
        }
        let candidates: [ForecastMethodKind] =
            method.map { $0 == .naive ? [.naive] : [$0, .naive] }
            ?? ForecastMethodKind.allCases.filter { $0 == .naive || fits($0) }
        let backtest = Backtest(horizon: horizon, season: season, maxOrigins: maxOrigins)
        let shared = candidates.map { $0.method.minimumHistory(season: season) }.max() ?? 1
        var results: [(method: ForecastMethodKind, result: BacktestResult)] = []
        var skipped: [(method: ForecastMethodKind, reason: String)] = []
        for kind in candidates {
            do {
                results.append((kind, try backtest.run(kind.method, on: series, minimumHistory: shared)))
            } catch {
                skipped.append((kind, "\(error)"))
            }
        }
        let chosen: ForecastMethodKind
        if let method {
            chosen = method
        } else {
            guard let best = results.min(by: { Self.score($0.result) < Self.score($1.result) }) else {
                throw SeriesError.tooShort(
                    source: series.name, points: series.count, needed: shared + horizon + 1,
                    purpose: "choosing a method by backtest (or pass --method)")
            }
            chosen = best.method
        }
        let fitted = try chosen.method.forecast(ForecastHistory(series, season: season, limit: backtest.historyLimit), horizon: horizon)
        let z = NormalDistribution.quantile(0.5 + level / 2)
        let chosenBacktest = results.first { $0.method == chosen }?.result
        let widths: [Double]
        let source: String
        if let chosenBacktest {
            widths = chosenBacktest.perHorizon.map { z * $0.rmse }
            source = "backtest"
        } else {
            let sd = fitted.residualStandardDeviation ?? 0
            widths = (1...horizon).map { z * sd * Double($0).squareRoot() }
            source = "in-sample"
        }
        let last = series.times.last ?? 0
        let points = fitted.values.enumerated().map { index, value in
            ForecastPoint(
                time: last + Double(index + 1) * series.step, stepsAhead: index + 1, value: value,
                lower: max(0, value - widths[index]), upper: value + widths[index])
        }
        return ForecastReport(
            method: chosen, summary: fitted.summary, points: points, level: level, intervalSource: source,
            season: season, backtests: results, skipped: skipped)
    }

    /// The mean of the per-horizon RMSEs.
    static func score(_ result: BacktestResult) -> Double {
        let metrics = result.perHorizon
        return metrics.reduce(0) { $0 + $1.rmse } / Double(max(1, metrics.count))
    }
}
