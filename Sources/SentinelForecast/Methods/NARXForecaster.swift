import Foundation
import SentinelLearning

/// A NARX-style neural forecaster: a small regression network (``MLPRegressor``) learns the
/// next value from lagged load (the last ``lags`` points, and the points one season back)
/// plus exogenous inputs — the hour of day as a sine/cosine pair, and the last known attack
/// share when the series has one. Multi-step forecasts feed predictions back as lags; the
/// attack share is held at its last value.
///
/// Inputs and target are standardised with the history's mean and standard deviation; the
/// network is seeded, so the same history gives the same forecast.
public struct NARXForecaster: ForecastMethod {
    /// The number of short lags.
    public var lags: Int
    /// The network's settings.
    public var hyperparameters: MLPRegressor.Hyperparameters

    public var name: String { "narx" }

    /// Creates the method.
    public init(lags: Int = 4, hyperparameters: MLPRegressor.Hyperparameters = MLPRegressor.Hyperparameters()) {
        self.lags = max(1, lags)
        self.hyperparameters = hyperparameters
    }

    public func minimumHistory(season: Int) -> Int { max(lags, season > 1 ? season + 1 : 0) + 30 }

    private func features(_ z: [Double], shares: [Double]?, at t: Int, time: Double, season: Int) -> [Double] {
        var row: [Double] = []
        for i in 1...lags { row.append(z[t - i]) }
        if season > lags {
            row.append(z[t - season])
            row.append(z[t - season + 1])
        }
        let hour = (time.truncatingRemainder(dividingBy: 86_400) + 86_400).truncatingRemainder(dividingBy: 86_400) / 3_600
        row.append(sin(2 * .pi * hour / 24))
        row.append(cos(2 * .pi * hour / 24))
        if let shares { row.append(shares[t - 1]) }
        return row
    }

    public func forecast(_ history: ForecastHistory, horizon: Int) throws(ForecastError) -> PointForecast {
        let season = history.season
        let y = history.values
        guard y.count >= minimumHistory(season: season) else {
            throw .tooShort(method: name, points: y.count, needed: minimumHistory(season: season))
        }
        let standardisation = Standardisation(y)
        let (mean, scale) = (standardisation.mean, standardisation.scale)
        var z = standardisation.apply(y)
        var shares = history.attackShare
        let first = max(lags, season > lags ? season : 0)
        let rows = (first..<y.count).map { features(z, shares: shares, at: $0, time: history.time($0), season: season) }
        let targets = Array(z[first...])
        let network: MLPRegressor
        do {
            network = try MLPRegressor(features: rows, targets: targets, hyperparameters: hyperparameters)
        } catch {
            throw .fitFailed(method: name, reason: error.description)
        }
        var squares = 0.0
        for (row, target) in zip(rows, targets) {
            let error = (network.predict(row) - target) * scale
            squares += error * error
        }
        var output: [Double] = []
        for t in y.count..<(y.count + horizon) {
            if shares != nil { shares!.append(shares!.last ?? 0) }
            let next = network.predict(features(z, shares: shares, at: t, time: history.time(t), season: season))
            z.append(next)
            output.append(max(0, next * scale + mean))
        }
        let inputs = rows.first?.count ?? 0
        return PointForecast(
            values: output, residualStandardDeviation: (squares / Double(rows.count)).squareRoot(),
            summary:
                "MLP \(inputs)→\(hyperparameters.hiddenLayers.map(String.init).joined(separator: "→"))→1, \(network.lossHistory.count) epochs"
        )
    }
}
