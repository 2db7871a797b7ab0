/// The result of ``Forecaster/run(_:)``: the chosen method's forecast with prediction
/// intervals, and the backtest of every method compared.
public struct ForecastReport: Sendable {
    /// The method whose forecast this is.
    public var method: ForecastMethodKind
    /// What the method fitted on the whole series.
    public var summary: String
    /// The forecast, one point per step ahead.
    public var points: [ForecastPoint]
    /// The interval's coverage, e.g. 0.95.
    public var level: Double
    /// Where the interval widths came from: `backtest` (the RMSE of each step ahead) or
    /// `in-sample` (one-step residuals × √h, when the series is too short to backtest).
    public var intervalSource: String
    /// The season length used (1: none).
    public var season: Int
    /// The backtest of each method compared, seasonal naive included, in the order run.
    public var backtests: [(method: ForecastMethodKind, result: BacktestResult)]
    /// Methods that could not be backtested, and why.
    public var skipped: [(method: ForecastMethodKind, reason: String)]

    /// The backtest of the seasonal naive baseline, if it ran.
    public var baseline: BacktestResult? { backtests.first { $0.method == .naive }?.result }
}
