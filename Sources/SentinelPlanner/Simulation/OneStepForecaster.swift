import SentinelForecast

/// Forecasts the next row of the planner's legitimate-load history one step ahead, beside the
/// planner and without touching it (so the planner decides exactly as it would alone).
///
/// The method is the planner's: fitted on ``ResourcePlanner/legitimateLoad`` before each row,
/// with σ the standard deviation of its in-sample one-step residuals. While the history is
/// shorter than the method needs, the forecast is the last value (as the planner's is) and σ
/// that of the errors of these forecasts so far.
struct OneStepForecaster {
    let method: any ForecastMethod
    let season: Int
    let step: Double
    private var previous: Double?
    private var errors: [Double] = []

    init(method: any ForecastMethod, season: Int, step: Double) {
        self.method = method
        self.season = max(1, season)
        self.step = step
    }

    /// The forecast of the next row from `history`, nil before any history.
    mutating func predict(history: [Double]) -> RowForecast? {
        previous = nil
        guard let last = history.last else { return nil }
        if history.count >= method.minimumHistory(season: season),
            let point = try? method.forecast(ForecastHistory(values: history, step: step, season: season), horizon: 1),
            let value = point.values.first, value.isFinite
        {
            previous = max(0, value)
            return RowForecast(value: max(0, value), sigma: point.residualStandardDeviation ?? realizedSigma, fitted: true)
        }
        previous = last
        return RowForecast(value: last, sigma: realizedSigma, fitted: false)
    }

    /// Records the row's actual legitimate load against the last forecast.
    mutating func observe(actual: Double) {
        if let previous { errors.append(actual - previous) }
    }

    /// The standard deviation of the errors so far (nil with fewer than two).
    private var realizedSigma: Double? {
        guard errors.count >= 2 else { return nil }
        let mean = errors.reduce(0, +) / Double(errors.count)
        return (errors.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(errors.count - 1)).squareRoot()
    }
}
