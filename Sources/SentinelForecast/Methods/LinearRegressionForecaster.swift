/// Linear regression fitted by ordinary least squares on a trend and lag features:
/// `y[t] = c + b·t + Σ φᵢ·y[t−i] (i = 1 … lags) + ψ·y[t−m]` (the seasonal lag when there is a
/// season). Multi-step forecasts feed the forecasts back as lags.
public struct LinearRegressionForecaster: ForecastMethod {
    /// The number of short lags.
    public var lags: Int

    public var name: String { "ols" }

    /// Creates the method with `lags` short lags (default 2).
    public init(lags: Int = 2) {
        self.lags = max(0, lags)
    }

    public func minimumHistory(season: Int) -> Int { maxLag(season: season) + lags + 4 }

    private func maxLag(season: Int) -> Int { season > 1 ? max(season, lags) : lags }

    private func features(_ y: [Double], at t: Int, season: Int) -> [Double] {
        var row = [1.0, Double(t)]
        for i in stride(from: 1, through: lags, by: 1) { row.append(y[t - i]) }
        if season > lags { row.append(y[t - season]) }
        return row
    }

    public func forecast(_ history: ForecastHistory, horizon: Int) throws(ForecastError) -> PointForecast {
        let season = history.season
        var y = history.values
        let n = y.count
        guard n >= minimumHistory(season: season) else {
            throw .tooShort(method: name, points: n, needed: minimumHistory(season: season))
        }
        let first = maxLag(season: season)
        let rows = (first..<n).map { features(y, at: $0, season: season) }
        let targets = Array(y[first..<n])
        guard let beta = LeastSquares.solve(rows: rows, targets: targets) else {
            throw .fitFailed(method: name, reason: "the least-squares system is singular")
        }
        func predict(_ row: [Double]) -> Double { zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } }
        var squares = 0.0
        for (row, target) in zip(rows, targets) { squares += (target - predict(row)) * (target - predict(row)) }
        let parameters = Double(beta.count)
        let sd = Double(rows.count) > parameters ? (squares / (Double(rows.count) - parameters)).squareRoot() : nil
        var output: [Double] = []
        for t in n..<(n + horizon) {
            let value = predict(features(y, at: t, season: season))
            y.append(value)
            output.append(value)
        }
        let lagText = (1...max(1, lags)).prefix(lags).map { "y[t-\($0)]" } + (season > lags ? ["y[t-\(season)]"] : [])
        return PointForecast(
            values: output, residualStandardDeviation: sd,
            summary: "OLS on 1, t" + lagText.map { ", " + $0 }.joined())
    }
}
