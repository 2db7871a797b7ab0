import Foundation
import SentinelCore

/// A multilayer perceptron classifier: fully connected ReLU hidden layers and a softmax
/// output, trained on the cross-entropy with Adam over shuffled mini-batches, an L2 penalty,
/// and optional early stopping on a held-out validation part.
///
/// Training follows scikit-learn's `MLPClassifier` (`solver="adam"`): the batch loss is the
/// mean cross-entropy plus `alpha / (2 · batch) · Σ w²` over all weights (not biases), and
/// Adam folds its bias corrections into the step size. Weights start from He
/// initialisation (normal, standard deviation `√(2 / fan-in)`), biases at 0.
///
/// Everything random (initial weights, validation split, batch order) derives from
/// ``Hyperparameters/seed`` through ``SplitMix64``, and the arithmetic runs in a fixed order,
/// so the same data and hyper-parameters give bit-for-bit the same model.
public struct MultilayerPerceptron: Sendable, Equatable, Codable {
    /// The training settings.
    public struct Hyperparameters: Sendable, Equatable, Codable {
        /// The number of units of each hidden layer, input side first.
        public var hiddenLayers: [Int]
        /// Adam's step size.
        public var learningRate: Double
        /// Adam's decay rate of the gradient mean, in `[0, 1)`.
        public var beta1: Double
        /// Adam's decay rate of the squared gradient mean, in `[0, 1)`.
        public var beta2: Double
        /// Adam's denominator guard.
        public var epsilon: Double
        /// Rows per mini-batch (clamped to the training rows).
        public var batchSize: Int
        /// The L2 penalty.
        public var alpha: Double
        /// The most passes over the training rows.
        public var maxEpochs: Int
        /// Whether to hold out ``validationFraction`` of the rows and stop when their loss
        /// stops improving, keeping the best weights. Without it, training runs
        /// ``maxEpochs`` epochs and keeps the last weights.
        public var earlyStopping: Bool
        /// The share of rows held out for early stopping (stratified by class when every
        /// class allows it, otherwise random).
        public var validationFraction: Double
        /// Epochs without an improvement larger than ``tolerance`` before stopping.
        public var patience: Int
        /// The least decrease of the validation loss that counts as an improvement.
        public var tolerance: Double
        /// The seed of every random choice.
        public var seed: UInt64

        public init(
            hiddenLayers: [Int] = [64, 32], learningRate: Double = 1e-3, beta1: Double = 0.9,
            beta2: Double = 0.999, epsilon: Double = 1e-8, batchSize: Int = 64,
            alpha: Double = 1e-4, maxEpochs: Int = 200, earlyStopping: Bool = true,
            validationFraction: Double = 0.1, patience: Int = 10, tolerance: Double = 1e-4,
            seed: UInt64 = 0
        ) {
            self.hiddenLayers = hiddenLayers
            self.learningRate = learningRate
            self.beta1 = beta1
            self.beta2 = beta2
            self.epsilon = epsilon
            self.batchSize = batchSize
            self.alpha = alpha
            self.maxEpochs = maxEpochs
            self.earlyStopping = earlyStopping
            self.validationFraction = validationFraction
            self.patience = patience
            self.tolerance = tolerance
            self.seed = seed
        }

        /// Checks every setting.
        ///
        /// - Throws: ``MultilayerPerceptronError`` naming the first bad setting.
        public func validate() throws(MultilayerPerceptronError) {
            if hiddenLayers.isEmpty { throw .invalidHiddenLayer(index: -1, size: 0) }
            for (index, size) in hiddenLayers.enumerated() where size < 1 {
                throw .invalidHiddenLayer(index: index, size: size)
            }
            guard learningRate.isFinite, learningRate > 0 else { throw .invalidLearningRate(learningRate) }
            guard beta1 >= 0, beta1 < 1 else { throw .invalidDecayRate(name: "beta1", value: beta1) }
            guard beta2 >= 0, beta2 < 1 else { throw .invalidDecayRate(name: "beta2", value: beta2) }
            guard epsilon.isFinite, epsilon > 0 else { throw .invalidEpsilon(epsilon) }
            guard batchSize >= 1 else { throw .invalidBatchSize(batchSize) }
            guard alpha.isFinite, alpha >= 0 else { throw .invalidAlpha(alpha) }
            guard maxEpochs >= 1 else { throw .invalidMaxEpochs(maxEpochs) }
            guard validationFraction > 0, validationFraction < 1 else {
                throw .invalidValidationFraction(validationFraction)
            }
            guard patience >= 1 else { throw .invalidPatience(patience) }
            guard tolerance.isFinite, tolerance >= 0 else { throw .invalidTolerance(tolerance) }
        }
    }

    /// The settings the model was trained with.
    public let hyperparameters: Hyperparameters
    /// The width of every layer: features, the hidden layers, then classes.
    public let layerSizes: [Int]
    /// The weights of each layer `l`, row-major `layerSizes[l] × layerSizes[l + 1]`: the
    /// weight from input `i` to unit `j` is at `i * layerSizes[l + 1] + j`.
    public let weights: [[Float]]
    /// The biases of each layer, one per unit.
    public let biases: [[Float]]
    /// The mean training loss (cross-entropy plus L2 term) of each epoch run.
    public let lossHistory: [Double]
    /// The mean validation cross-entropy after each epoch (empty without early stopping).
    public let validationLossHistory: [Double]
    /// The epoch (from 1) whose weights were kept.
    public let bestEpoch: Int

    /// The number of features.
    public var featureCount: Int { layerSizes[0] }
    /// The number of classes.
    public var classCount: Int { layerSizes[layerSizes.count - 1] }
    /// The number of epochs run.
    public var epochCount: Int { lossHistory.count }

    private enum CodingKeys: String, CodingKey {
        case hyperparameters, layerSizes, weights, biases, lossHistory, validationLossHistory,
            bestEpoch
    }

    /// Trains a network on `dataset`.
    ///
    /// - Parameters:
    ///   - dataset: the training data (standardise it first: the network is sensitive to
    ///     feature scales).
    ///   - hyperparameters: the training settings.
    /// - Throws: ``MultilayerPerceptronError`` for bad settings, a non-finite value, too few
    ///   rows for a validation split, or a diverging loss.
    public init(
        fitting dataset: Dataset, hyperparameters: Hyperparameters = Hyperparameters()
    ) throws(MultilayerPerceptronError) {
        try hyperparameters.validate()
        let features = dataset.columnCount
        for (index, value) in dataset.values.enumerated() where !value.isFinite {
            throw .nonFiniteValue(row: index / features, column: index % features)
        }
        var generator = SplitMix64(seed: hyperparameters.seed)
        let splitSeed = generator.next()
        let shuffleSeed = generator.next()
        let sizes = [features] + hyperparameters.hiddenLayers + [dataset.classCount]
        let (initialWeights, initialBiases) = Self.heInitialisation(layerSizes: sizes, generator: &generator)

        var trainRows = Array(0..<dataset.rowCount)
        var validationRows: [Int] = []
        if hyperparameters.earlyStopping {
            (trainRows, validationRows) = try Self.validationSplit(
                dataset, fraction: hyperparameters.validationFraction, seed: splitSeed)
        }

        var shuffler = SplitMix64(seed: shuffleSeed)
        let outcome = try dataset.values.withUnsafeBufferPointer { (values) throws(MultilayerPerceptronError) in
            try NetworkTrainer.fit(
                layerSizes: sizes, weights: initialWeights, biases: initialBiases, objective: .softmaxCrossEntropy,
                values: values, supervision: .labels(dataset.labels), trainRows: trainRows,
                validationRows: validationRows, settings: hyperparameters, shuffler: &shuffler)
        }
        self.hyperparameters = hyperparameters
        self.layerSizes = sizes
        self.lossHistory = outcome.losses
        self.validationLossHistory = outcome.validationLosses
        self.weights = outcome.weights
        self.biases = outcome.biases
        self.bestEpoch = outcome.bestEpoch
    }

    /// Creates a model from trained weights (for instance, read from a model file).
    ///
    /// - Parameters:
    ///   - layerSizes: features, hidden widths, classes; at least 2 entries, each ≥ 1.
    ///   - weights: per layer, `layerSizes[l] × layerSizes[l + 1]` values, row-major.
    ///   - biases: per layer, `layerSizes[l + 1]` values.
    public init(
        layerSizes: [Int], weights: [[Float]], biases: [[Float]],
        hyperparameters: Hyperparameters = Hyperparameters(), lossHistory: [Double] = [],
        validationLossHistory: [Double] = [], bestEpoch: Int = 0
    ) {
        precondition(Self.shapeProblem(layerSizes: layerSizes, weights: weights, biases: biases) == nil)
        self.hyperparameters = hyperparameters
        self.layerSizes = layerSizes
        self.weights = weights
        self.biases = biases
        self.lossHistory = lossHistory
        self.validationLossHistory = validationLossHistory
        self.bestEpoch = bestEpoch
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let layerSizes = try container.decode([Int].self, forKey: .layerSizes)
        if let problem = Self.sizeProblem(layerSizes: layerSizes) {
            throw DecodingError.dataCorruptedError(forKey: .layerSizes, in: container, debugDescription: problem)
        }
        let weights = try container.decode([[Float]].self, forKey: .weights)
        let biases = try container.decode([[Float]].self, forKey: .biases)
        if let problem = Self.shapeProblem(layerSizes: layerSizes, weights: weights, biases: biases) {
            throw DecodingError.dataCorruptedError(
                forKey: .weights, in: container, debugDescription: problem)
        }
        self.init(
            layerSizes: layerSizes, weights: weights, biases: biases,
            hyperparameters: try container.decode(Hyperparameters.self, forKey: .hyperparameters),
            lossHistory: try container.decode([Double].self, forKey: .lossHistory),
            validationLossHistory: try container.decode([Double].self, forKey: .validationLossHistory),
            bestEpoch: try container.decode(Int.self, forKey: .bestEpoch))
    }

    /// The network's output logits (before softmax) for `row`.
    ///
    /// The row must hold finite values; reject non-finite inputs before predicting.
    ///
    /// - Parameter row: one value per feature.
    public func logits<Row: Collection<Float>>(_ row: Row) -> [Float] {
        precondition(row.count == featureCount, "row has \(row.count) values, model has \(featureCount) features")
        if let result = row.withContiguousStorageIfAvailable({ logits(buffer: $0) }) { return result }
        return Array(row).withUnsafeBufferPointer { logits(buffer: $0) }
    }

    /// The forward pass of one contiguous row, with the same kernels (hence the same
    /// results) as training.
    private func logits(buffer row: UnsafeBufferPointer<Float>) -> [Float] {
        NetworkTrainer.outputs(of: row, layerSizes: layerSizes, weights: weights, biases: biases)
    }

    /// The probability of each class for `row` (softmax of the logits, in `Double`).
    ///
    /// - Parameter row: one value per feature, finite.
    /// - Returns: one probability per class, summing to 1.
    public func predictProbabilities<Row: Collection<Float>>(_ row: Row) -> [Double] {
        logits(row).withUnsafeBufferPointer { Self.softmax($0) }
    }

    /// The most probable class of `row` (the lowest index on ties).
    ///
    /// - Parameter row: one value per feature, finite.
    public func predict<Row: Collection<Float>>(_ row: Row) -> Int {
        logits(row).withUnsafeBufferPointer { Self.largestIndex($0) }
    }

    /// The class probabilities of every row of `dataset`, computed in batches (bit for bit
    /// the same as ``predictProbabilities(_:)-(Row)`` row by row).
    public func predictProbabilities(_ dataset: Dataset) -> [[Double]] {
        var result: [[Double]] = []
        result.reserveCapacity(dataset.rowCount)
        forEachLogits(dataset) { result.append(Self.softmax($0)) }
        return result
    }

    /// The most probable class of every row of `dataset`, computed in batches.
    public func predict(_ dataset: Dataset) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(dataset.rowCount)
        forEachLogits(dataset) { result.append(Self.largestIndex($0)) }
        return result
    }

    /// Runs the rows of `dataset` through the network in batches of up to 256 rows and
    /// calls `body` with each row's logits, in row order.
    private func forEachLogits(_ dataset: Dataset, _ body: (UnsafeBufferPointer<Float>) -> Void) {
        precondition(dataset.columnCount == featureCount, "data has \(dataset.columnCount) features, model has \(featureCount)")
        let batch = min(256, dataset.rowCount)
        let widest = layerSizes.max()!
        var current = [Float](repeating: 0, count: batch * widest)
        var next = current
        let classes = classCount
        dataset.values.withUnsafeBufferPointer { values in
            var start = 0
            while start < dataset.rowCount {
                let count = min(batch, dataset.rowCount - start)
                current.withUnsafeMutableBufferPointer { a in
                    next.withUnsafeMutableBufferPointer { b in
                        var input = a.baseAddress!
                        var output = b.baseAddress!
                        input.update(from: values.baseAddress! + start * featureCount, count: count * featureCount)
                        for layer in 0..<weights.count {
                            let inputs = layerSizes[layer]
                            let outputs = layerSizes[layer + 1]
                            weights[layer].withUnsafeBufferPointer { w in
                                Matrix.multiply(input, w.baseAddress!, into: output, m: count, k: inputs, n: outputs)
                            }
                            biases[layer].withUnsafeBufferPointer { bias in
                                Matrix.addRow(bias.baseAddress!, to: output, rows: count, columns: outputs)
                            }
                            if layer < weights.count - 1 { Matrix.relu(output, count: count * outputs) }
                            swap(&input, &output)
                        }
                        for row in 0..<count {
                            body(UnsafeBufferPointer(start: input + row * classes, count: classes))
                        }
                    }
                }
                start += count
            }
        }
    }

    /// Softmax of logits, in `Double`; uniform if a logit is not finite.
    private static func softmax(_ logits: UnsafeBufferPointer<Float>) -> [Double] {
        var largest = -Double.infinity
        for value in logits { largest = max(largest, Double(value)) }
        guard largest.isFinite, logits.allSatisfy({ $0.isFinite }) else {
            return [Double](repeating: 1 / Double(logits.count), count: logits.count)
        }
        var result = logits.map { exp(Double($0) - largest) }
        let sum = result.reduce(0, +)
        for index in result.indices { result[index] /= sum }
        return result
    }

    /// The index of the largest logit (the lowest on ties).
    private static func largestIndex(_ logits: UnsafeBufferPointer<Float>) -> Int {
        var best = 0
        for label in 1..<max(logits.count, 1) where logits[label] > logits[best] { best = label }
        return best
    }

    /// The mean cross-entropy of `dataset` under this model (no L2 term).
    public func meanLoss(_ dataset: Dataset) -> Double {
        var total = 0.0
        for row in 0..<dataset.rowCount {
            let p = predictProbabilities(dataset.row(row))[dataset.labels[row]]
            total -= log(max(p, Double.leastNormalMagnitude))
        }
        return total / Double(dataset.rowCount)
    }

    /// He-normal weights (standard deviation `√(2 / fan-in)`, Box–Muller from `generator`)
    /// and zero biases for every layer.
    static func heInitialisation(
        layerSizes: [Int], generator: inout SplitMix64
    ) -> (weights: [[Float]], biases: [[Float]]) {
        var weights: [[Float]] = []
        var biases: [[Float]] = []
        for layer in 0..<(layerSizes.count - 1) {
            let inputs = layerSizes[layer]
            let outputs = layerSizes[layer + 1]
            let deviation = (2 / Double(inputs)).squareRoot()
            var values = [Float]()
            values.reserveCapacity(inputs * outputs)
            while values.count < inputs * outputs {
                // Box–Muller: two independent standard normals from two uniforms in (0, 1].
                let u1 = 1 - generator.nextUnitDouble()
                let u2 = generator.nextUnitDouble()
                let radius = (-2 * log(u1)).squareRoot()
                values.append(Float(deviation * radius * cos(2 * Double.pi * u2)))
                if values.count < inputs * outputs {
                    values.append(Float(deviation * radius * sin(2 * Double.pi * u2)))
                }
            }
            weights.append(values)
            biases.append([Float](repeating: 0, count: outputs))
        }
        return (weights, biases)
    }

    /// The training and validation rows: a stratified split when every class allows one,
    /// otherwise a seeded random one.
    static func validationSplit(
        _ dataset: Dataset, fraction: Double, seed: UInt64
    ) throws(MultilayerPerceptronError) -> (train: [Int], validation: [Int]) {
        let rows = dataset.rowCount
        guard rows >= 2 else { throw .tooFewRows(rows: rows, needed: 2) }
        if let split = try? StratifiedSplit(
            labels: dataset.labels, classCount: dataset.classCount, testFraction: fraction, seed: seed)
        {
            return (split.trainIndices, split.testIndices)
        }
        var order = Array(0..<rows)
        var generator = SplitMix64(seed: seed)
        generator.shuffle(&order)
        let count = min(max(Int((Double(rows) * fraction).rounded()), 1), rows - 1)
        return (order[count...].sorted(), order[..<count].sorted())
    }

    /// The most units a layer may have: sizes come from model files, and a count of 2^62
    /// must be refused before any multiplication or allocation.
    static let maximumLayerSize = 1 << 24

    /// What is wrong with the layer sizes alone (too few, below 1, beyond
    /// ``maximumLayerSize``), or `nil`.
    static func sizeProblem(layerSizes: [Int]) -> String? {
        guard layerSizes.count >= 2 else { return "need at least 2 layer sizes, got \(layerSizes.count)" }
        if let bad = layerSizes.firstIndex(where: { $0 < 1 || $0 > maximumLayerSize }) {
            return "layer \(bad) has \(layerSizes[bad]) units: need from 1 to \(maximumLayerSize)"
        }
        return nil
    }

    /// A description of what is wrong with the shapes, or `nil` when they fit together.
    static func shapeProblem(layerSizes: [Int], weights: [[Float]], biases: [[Float]]) -> String? {
        if let problem = sizeProblem(layerSizes: layerSizes) { return problem }
        let layers = layerSizes.count - 1
        guard weights.count == layers, biases.count == layers else {
            return "\(weights.count) weight and \(biases.count) bias layers for \(layers) layers"
        }
        for layer in 0..<layers {
            let expected = layerSizes[layer] * layerSizes[layer + 1]
            guard weights[layer].count == expected else {
                return "layer \(layer) has \(weights[layer].count) weights, expected \(expected)"
            }
            guard biases[layer].count == layerSizes[layer + 1] else {
                return "layer \(layer) has \(biases[layer].count) biases, expected \(layerSizes[layer + 1])"
            }
            if weights[layer].contains(where: { !$0.isFinite }) || biases[layer].contains(where: { !$0.isFinite }) {
                return "layer \(layer) has a non-finite weight or bias"
            }
        }
        return nil
    }
}
