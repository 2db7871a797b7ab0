import Foundation

/// Temperature scaling of a model's class probabilities: `qᵢ ∝ pᵢ^(1/T)`.
///
/// `T > 1` softens an over-confident model, `T < 1` sharpens an under-confident one; the most
/// probable class never changes, only how sure the model says it is (and so which attack
/// verdicts reach `min_attack_confidence`). `T` is fitted by minimising the log-loss of the true
/// classes on windows the model did not learn from — best, whole held-out groups (sites,
/// recording families: `train --leave-one-file-out --calibrate`), so that "p 0.9" means right
/// nine times in ten on traffic the model has never seen.
public struct TemperatureCalibration: Sendable, Equatable, Codable {
    /// The temperature (positive; 1 changes nothing).
    public var temperature: Double
    /// What it was fitted on, for the people reading the model file.
    public var fittedOn: String
    /// Windows it was fitted on.
    public var rows: Int

    /// A calibration with a known temperature.
    public init(temperature: Double, fittedOn: String, rows: Int) {
        self.temperature = temperature
        self.fittedOn = fittedOn
        self.rows = rows
    }

    /// The probabilities at this temperature (they still sum to 1).
    public func apply(_ probabilities: [Double]) -> [Double] {
        guard temperature != 1, !probabilities.isEmpty else { return probabilities }
        let logs = probabilities.map { log(max($0, 1e-12)) / temperature }
        let top = logs.max() ?? 0
        let scaled = logs.map { exp($0 - top) }
        let sum = scaled.reduce(0, +)
        return scaled.map { $0 / sum }
    }

    /// Fits `T` on held-out `probabilities` with their true class `labels` (indices in the same
    /// order): the temperature in [0.05, 20] with the lowest mean log-loss (a coarse grid in
    /// log T, then a golden-section search around its best point).
    public static func fit(probabilities: [[Double]], labels: [Int], fittedOn: String) -> TemperatureCalibration {
        precondition(probabilities.count == labels.count, "one label per row")
        let logs = probabilities.map { row in row.map { log(max($0, 1e-12)) } }
        func loss(_ logT: Double) -> Double {
            let t = exp(logT)
            var total = 0.0
            for (row, label) in zip(logs, labels) where row.indices.contains(label) {
                let scaled = row.map { $0 / t }
                let top = scaled.max() ?? 0
                let normaliser = top + log(scaled.reduce(0) { $0 + exp($1 - top) })
                total += normaliser - scaled[label]
            }
            return total / Double(max(labels.count, 1))
        }
        let lower = log(0.05), upper = log(20.0), steps = 40
        var best = 0.0, bestLoss = loss(0)
        for i in 0...steps {
            let x = lower + (upper - lower) * Double(i) / Double(steps)
            let value = loss(x)
            if value < bestLoss { (best, bestLoss) = (x, value) }
        }
        let step = (upper - lower) / Double(steps)
        var a = max(lower, best - step), b = min(upper, best + step)
        let ratio = (sqrt(5) - 1) / 2
        for _ in 0..<40 {
            let c = b - ratio * (b - a), d = a + ratio * (b - a)
            if loss(c) < loss(d) { b = d } else { a = c }
        }
        let refined = (a + b) / 2
        let chosen = loss(refined) < bestLoss ? refined : best
        return TemperatureCalibration(temperature: exp(chosen), fittedOn: fittedOn, rows: labels.count)
    }

    enum CodingKeys: String, CodingKey {
        case temperature, rows
        case fittedOn = "fitted_on"
    }
}
