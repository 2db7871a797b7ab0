import Foundation
import SentinelCore

/// A small multilayer perceptron for regression: fully connected ReLU hidden layers and one
/// linear output, trained on half the mean squared error with Adam over shuffled
/// mini-batches and an L2 penalty, like scikit-learn's `MLPRegressor(solver="adam")` — the
/// regression sibling of ``MultilayerPerceptron``.
///
/// With early stopping the *last* ``Hyperparameters/validationFraction`` of the rows is
/// held out (rows are assumed to be in time order, so the check is on the future) and the
/// weights of the best validation epoch are kept. Everything random derives from
/// ``Hyperparameters/seed`` through ``SplitMix64``: the same data give the same model.
/// Standardise features and target first.
public struct MLPRegressor: Sendable, Equatable {
    /// The training settings.
    public struct Hyperparameters: Sendable, Equatable {
        /// The number of units of each hidden layer, input side first.
        public var hiddenLayers: [Int]
        /// Adam's step size.
        public var learningRate: Double
        /// Rows per mini-batch (clamped to the training rows).
        public var batchSize: Int
        /// The L2 penalty.
        public var alpha: Double
        /// The most passes over the training rows.
        public var maxEpochs: Int
        /// Whether to hold out the last rows and keep the best epoch's weights.
        public var earlyStopping: Bool
        /// The share of rows held out for early stopping.
        public var validationFraction: Double
        /// Epochs without improvement before stopping.
        public var patience: Int
        /// The seed of every random choice.
        public var seed: UInt64

        /// Creates settings.
        public init(
            hiddenLayers: [Int] = [16], learningRate: Double = 3e-3, batchSize: Int = 32, alpha: Double = 1e-4,
            maxEpochs: Int = 200, earlyStopping: Bool = true, validationFraction: Double = 0.15,
            patience: Int = 15, seed: UInt64 = 0
        ) {
            self.hiddenLayers = hiddenLayers
            self.learningRate = learningRate
            self.batchSize = batchSize
            self.alpha = alpha
            self.maxEpochs = maxEpochs
            self.earlyStopping = earlyStopping
            self.validationFraction = validationFraction
            self.patience = patience
            self.seed = seed
        }
    }

    /// The width of every layer: features, the hidden layers, then 1.
    public let layerSizes: [Int]
    /// Per layer, row-major `layerSizes[l] × layerSizes[l + 1]` weights.
    public let weights: [[Double]]
    /// Per layer, one bias per unit.
    public let biases: [[Double]]
    /// The mean training loss of each epoch.
    public let lossHistory: [Double]

    /// Trains on `features` (one row per observation) and `targets`.
    ///
    /// - Throws: ``MultilayerPerceptronError`` for bad settings, ragged or non-finite data,
    ///   too few rows, or a diverging loss.
    public init(features: [[Double]], targets: [Double], hyperparameters: Hyperparameters = Hyperparameters())
        throws(MultilayerPerceptronError)
    {
        let h = hyperparameters
        if h.hiddenLayers.isEmpty { throw .invalidHiddenLayer(index: -1, size: 0) }
        for (index, size) in h.hiddenLayers.enumerated() where size < 1 { throw .invalidHiddenLayer(index: index, size: size) }
        guard h.learningRate.isFinite, h.learningRate > 0 else { throw .invalidLearningRate(h.learningRate) }
        guard h.batchSize >= 1 else { throw .invalidBatchSize(h.batchSize) }
        guard h.alpha.isFinite, h.alpha >= 0 else { throw .invalidAlpha(h.alpha) }
        guard h.maxEpochs >= 1 else { throw .invalidMaxEpochs(h.maxEpochs) }
        guard h.validationFraction > 0, h.validationFraction < 1 else { throw .invalidValidationFraction(h.validationFraction) }
        guard h.patience >= 1 else { throw .invalidPatience(h.patience) }
        let width = features.first?.count ?? 0
        guard features.count == targets.count, features.count >= 4, width >= 1 else {
            throw .tooFewRows(rows: min(features.count, targets.count), needed: 4)
        }
        for (row, values) in features.enumerated() {
            guard values.count == width else { throw .nonFiniteValue(row: row, column: values.count) }
            for (column, value) in values.enumerated() where !value.isFinite { throw .nonFiniteValue(row: row, column: column) }
            guard targets[row].isFinite else { throw .nonFiniteValue(row: row, column: width) }
        }

        var generator = SplitMix64(seed: h.seed)
        let sizes = [width] + h.hiddenLayers + [1]
        var weights = (0..<(sizes.count - 1)).map { layer -> [Double] in
            let deviation = (2.0 / Double(sizes[layer])).squareRoot()
            return (0..<(sizes[layer] * sizes[layer + 1])).map { _ in deviation * Self.normal(&generator) }
        }
        var biases = sizes.dropFirst().map { [Double](repeating: 0, count: $0) }

        let validationCount = h.earlyStopping ? max(1, Int((Double(features.count) * h.validationFraction).rounded())) : 0
        var trainRows = Array(0..<(features.count - validationCount))
        let validationRows = Array((features.count - validationCount)..<features.count)
        let batchSize = min(h.batchSize, trainRows.count)

        var firstMoment = weights.map { [Double](repeating: 0, count: $0.count) }
        var secondMoment = firstMoment
        var biasFirst = biases.map { [Double](repeating: 0, count: $0.count) }
        var biasSecond = biasFirst
        var step = 0
        var losses: [Double] = []
        var best = (loss: Double.infinity, weights: weights, biases: biases)
        var stalled = 0

        for epoch in 1...h.maxEpochs {
            generator.shuffle(&trainRows)
            var total = 0.0
            var start = 0
            while start < trainRows.count {
                let end = min(start + batchSize, trainRows.count)
                var gradW = weights.map { [Double](repeating: 0, count: $0.count) }
                var gradB = biases.map { [Double](repeating: 0, count: $0.count) }
                for row in trainRows[start..<end] {
                    let activations = Self.forward(features[row], sizes: sizes, weights: weights, biases: biases)
                    let error = activations[activations.count - 1][0] - targets[row]
                    total += 0.5 * error * error
                    var delta = [error]
                    for layer in stride(from: sizes.count - 2, through: 0, by: -1) {
                        let input = activations[layer]
                        let outWidth = sizes[layer + 1]
                        for i in 0..<sizes[layer] {
                            for j in 0..<outWidth { gradW[layer][i * outWidth + j] += input[i] * delta[j] }
                        }
                        for j in 0..<outWidth { gradB[layer][j] += delta[j] }
                        if layer > 0 {
                            delta = (0..<sizes[layer]).map { i in
                                guard input[i] > 0 else { return 0 }
                                var sum = 0.0
                                for j in 0..<outWidth { sum += weights[layer][i * outWidth + j] * delta[j] }
                                return sum
                            }
                        }
                    }
                }
                let count = Double(end - start)
                step += 1
                let correction = h.learningRate * (1 - pow(0.999, Double(step))).squareRoot() / (1 - pow(0.9, Double(step)))
                for layer in weights.indices {
                    for k in weights[layer].indices {
                        let g = gradW[layer][k] / count + h.alpha * weights[layer][k] / count
                        firstMoment[layer][k] = 0.9 * firstMoment[layer][k] + 0.1 * g
                        secondMoment[layer][k] = 0.999 * secondMoment[layer][k] + 0.001 * g * g
                        weights[layer][k] -= correction * firstMoment[layer][k] / (secondMoment[layer][k].squareRoot() + 1e-8)
                    }
                    for k in biases[layer].indices {
                        let g = gradB[layer][k] / count
                        biasFirst[layer][k] = 0.9 * biasFirst[layer][k] + 0.1 * g
                        biasSecond[layer][k] = 0.999 * biasSecond[layer][k] + 0.001 * g * g
                        biases[layer][k] -= correction * biasFirst[layer][k] / (biasSecond[layer][k].squareRoot() + 1e-8)
                    }
                }
                start = end
            }
            let loss = total / Double(trainRows.count)
            guard loss.isFinite else { throw .diverged(epoch: epoch) }
            losses.append(loss)
            guard h.earlyStopping else { continue }
            var validation = 0.0
            for row in validationRows {
                let output = Self.forward(features[row], sizes: sizes, weights: weights, biases: biases).last![0]
                validation += 0.5 * (output - targets[row]) * (output - targets[row])
            }
            validation /= Double(validationRows.count)
            if validation < best.loss - 1e-6 {
                best = (validation, weights, biases)
                stalled = 0
            } else {
                stalled += 1
                if stalled >= h.patience { break }
            }
        }
        self.layerSizes = sizes
        self.weights = h.earlyStopping ? best.weights : weights
        self.biases = h.earlyStopping ? best.biases : biases
        self.lossHistory = losses
    }

    /// The prediction for one row of features.
    public func predict(_ row: [Double]) -> Double {
        precondition(row.count == layerSizes[0], "expected \(layerSizes[0]) features")
        return Self.forward(row, sizes: layerSizes, weights: weights, biases: biases).last![0]
    }

    /// Every layer's activations, input first.
    private static func forward(_ row: [Double], sizes: [Int], weights: [[Double]], biases: [[Double]]) -> [[Double]] {
        var activations = [row]
        for layer in 0..<(sizes.count - 1) {
            let input = activations[layer]
            let outWidth = sizes[layer + 1]
            var output = biases[layer]
            for i in 0..<sizes[layer] where input[i] != 0 {
                let x = input[i]
                let base = i * outWidth
                for j in 0..<outWidth { output[j] += x * weights[layer][base + j] }
            }
            if layer < sizes.count - 2 { for j in 0..<outWidth where output[j] < 0 { output[j] = 0 } }
            activations.append(output)
        }
        return activations
    }

    /// A standard normal draw (Box–Muller).
    private static func normal(_ generator: inout SplitMix64) -> Double {
        let u = max(generator.nextUnitDouble(), 1e-300)
        let v = generator.nextUnitDouble()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
