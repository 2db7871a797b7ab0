import Foundation

/// A recurrent neural forecaster: a gated recurrent unit reads the last ``sequenceLength``
/// standardised values, each with the hour of day (sine, cosine) and, with a season, the value
/// one season before, and predicts the next value; multi-step forecasts feed predictions back.
/// Trained on the most recent ``trainingWindows`` windows of the history for ``epochs`` passes,
/// seeded, so the same history gives the same forecast.
public struct GRUForecaster: ForecastMethod {
    /// Points each prediction reads.
    public var sequenceLength: Int
    /// Hidden units.
    public var hidden: Int
    /// Training passes.
    public var epochs: Int
    /// The most recent training windows used.
    public var trainingWindows: Int
    /// The seed of the initial weights and the shuffling.
    public var seed: UInt64

    public var name: String { "gru" }

    /// Creates the method.
    public init(sequenceLength: Int = 12, hidden: Int = 12, epochs: Int = 12, trainingWindows: Int = 800, seed: UInt64 = 7) {
        self.sequenceLength = max(2, sequenceLength)
        self.hidden = max(1, hidden)
        self.epochs = max(1, epochs)
        self.trainingWindows = max(10, trainingWindows)
        self.seed = seed
    }

    public func minimumHistory(season: Int) -> Int { sequenceLength + (season > 1 ? season : 0) + 50 }

    public func forecast(_ history: ForecastHistory, horizon: Int) throws(ForecastError) -> PointForecast {
        let season = history.season
        let y = history.values
        guard y.count >= minimumHistory(season: season) else {
            throw .tooShort(method: name, points: y.count, needed: minimumHistory(season: season))
        }
        let standardisation = Standardisation(y)
        let (mean, scale) = (standardisation.mean, standardisation.scale)
        var z = standardisation.apply(y)
        let seasonal = season > 1
        func step(_ t: Int) -> [Double] {
            let hour = (history.time(t).truncatingRemainder(dividingBy: 86_400) + 86_400).truncatingRemainder(dividingBy: 86_400) / 3_600
            var x = [z[t], sin(2 * .pi * hour / 24), cos(2 * .pi * hour / 24)]
            if seasonal { x.append(t + 1 - season >= 0 ? z[t + 1 - season] : 0) }
            return x
        }
        // The window ending at t (inclusive) predicts t + 1.
        func window(endingAt t: Int) -> [[Double]] { ((t - sequenceLength + 1)...t).map(step) }
        let first = sequenceLength - 1 + (seasonal ? season : 0)
        let ends = Array(max(first, y.count - 1 - trainingWindows)..<(y.count - 1))
        let samples = ends.map { (sequence: window(endingAt: $0), target: z[$0 + 1]) }
        var network = GRUNetwork(inputs: seasonal ? 4 : 3, hidden: hidden, seed: seed)
        let loss = network.train(samples, epochs: epochs, seed: seed &+ 1)
        guard loss.isFinite else { throw .fitFailed(method: name, reason: "training diverged") }
        var output: [Double] = []
        for t in (y.count - 1)..<(y.count - 1 + horizon) {
            let next = network.predict(window(endingAt: t))
            z.append(next.isFinite ? next : z[t])
            output.append(z[t + 1] * scale + mean)
        }
        return PointForecast(
            values: output, residualStandardDeviation: loss.squareRoot() * scale,
            summary: "GRU \(seasonal ? 4 : 3)→\(hidden), \(sequenceLength) steps, \(samples.count) windows × \(epochs) epochs")
    }
}
