/// What a ``Backtest`` measured for one method.
public struct BacktestResult: Sendable, Equatable {
    /// The method's name.
    public var method: String
    /// The forecast origins (index of the first forecast point).
    public var origins: [Int]
    /// Per step ahead (index 0: one step), the actual values at each origin.
    public var actuals: [[Double]]
    /// Per step ahead, the forecasts at each origin.
    public var forecasts: [[Double]]

    /// Creates a result.
    public init(method: String, origins: [Int], actuals: [[Double]], forecasts: [[Double]]) {
        self.method = method
        self.origins = origins
        self.actuals = actuals
        self.forecasts = forecasts
    }

    /// The error measures of each step ahead.
    public var perHorizon: [ErrorMetrics] {
        zip(actuals, forecasts).map { ErrorMetrics(actuals: $0, forecasts: $1) }
    }

    /// The error measures over every step ahead together.
    public var overall: ErrorMetrics {
        ErrorMetrics(actuals: actuals.flatMap { $0 }, forecasts: forecasts.flatMap { $0 })
    }

    /// The errors (actual − forecast) of each step ahead.
    public var errors: [[Double]] {
        zip(actuals, forecasts).map { zip($0, $1).map { $0 - $1 } }
    }
}
