/// Forecast error measures over pairs of actual and forecast values.
public struct ErrorMetrics: Sendable, Equatable, Codable {
    /// The number of pairs.
    public var count: Int
    /// Root mean squared error.
    public var rmse: Double
    /// Mean absolute error.
    public var mae: Double
    /// Mean absolute percentage error, in percent, over the pairs whose actual value is not
    /// 0; nil when every actual value is 0.
    public var mape: Double?
    /// The coefficient of determination `1 − SSE / SST` (SST around the actual values'
    /// mean); nil with fewer than 2 pairs or constant actual values.
    public var r2: Double?

    /// Measures `forecasts` against `actuals` (equal, non-zero lengths).
    public init(actuals: [Double], forecasts: [Double]) {
        precondition(actuals.count == forecasts.count && !actuals.isEmpty)
        let n = Double(actuals.count)
        var squares = 0.0, absolute = 0.0, percent = 0.0, percentCount = 0
        for (actual, forecast) in zip(actuals, forecasts) {
            let error = actual - forecast
            squares += error * error
            absolute += abs(error)
            if actual != 0 {
                percent += abs(error / actual)
                percentCount += 1
            }
        }
        let mean = actuals.reduce(0, +) / n
        let total = actuals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        count = actuals.count
        rmse = (squares / n).squareRoot()
        mae = absolute / n
        mape = percentCount > 0 ? 100 * percent / Double(percentCount) : nil
        r2 = actuals.count >= 2 && total > 0 ? 1 - squares / total : nil
    }
}
