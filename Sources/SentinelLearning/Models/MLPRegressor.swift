import SentinelCore

/// A small multilayer perceptron for regression: fully connected ReLU hidden layers and one
/// linear output, trained on half the mean squared error with Adam over shuffled
/// mini-batches and an L2 penalty, like scikit-learn's `MLPRegressor(solver="adam")` — the
/// regression sibling of ``MultilayerPerceptron``, on the same network code (the same He
/// initialisation, kernels, Adam and training loop, in `Float`).
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

        /// The same settings for the shared network trainer (Adam's usual constants, and
        /// an improvement of the validation loss counted from 1e-6).
        var network: MultilayerPerceptron.Hyperparameters {
            MultilayerPerceptron.Hyperparameters(
                hiddenLayers: hiddenLayers, learningRate: learningRate, batchSize: batchSize, alpha: alpha,
                maxEpochs: maxEpochs, earlyStopping: earlyStopping, validationFraction: validationFraction,
                patience: patience, tolerance: 1e-6, seed: seed)
        }
    }

    /// The width of every layer: features, the hidden layers, then 1.
    public let layerSizes: [Int]
    /// Per layer, row-major `layerSizes[l] × layerSizes[l + 1]` weights.
    public let weights: [[Float]]
    /// Per layer, one bias per unit.
    public let biases: [[Float]]
    /// The mean training loss (half the squared error, plus the L2 term) of each epoch.
    public let lossHistory: [Double]

    /// Trains on `features` (one row per observation) and `targets`.
    ///
    /// - Throws: ``MultilayerPerceptronError`` for bad settings, ragged or non-finite data
    ///   (including values beyond `Float`'s range), too few rows, or a diverging loss.
    public init(features: [[Double]], targets: [Double], hyperparameters: Hyperparameters = Hyperparameters())
        throws(MultilayerPerceptronError)
    {
        let settings = hyperparameters.network
        try settings.validate()
        let width = features.first?.count ?? 0
        guard features.count == targets.count, features.count >= 4, width >= 1 else {
            throw .tooFewRows(rows: min(features.count, targets.count), needed: 4)
        }
        var values: [Float] = []
        values.reserveCapacity(features.count * width)
        var floatTargets: [Float] = []
        floatTargets.reserveCapacity(targets.count)
        for (row, rowValues) in features.enumerated() {
            guard rowValues.count == width else { throw .nonFiniteValue(row: row, column: rowValues.count) }
            for (column, value) in rowValues.enumerated() {
                let single = Float(value)
                guard single.isFinite else { throw .nonFiniteValue(row: row, column: column) }
                values.append(single)
            }
            let target = Float(targets[row])
            guard target.isFinite else { throw .nonFiniteValue(row: row, column: width) }
            floatTargets.append(target)
        }

        var generator = SplitMix64(seed: hyperparameters.seed)
        var shuffler = SplitMix64(seed: generator.next())
        let sizes = [width] + hyperparameters.hiddenLayers + [1]
        let (initialWeights, initialBiases) = MultilayerPerceptron.heInitialisation(
            layerSizes: sizes, generator: &generator)
        let rows = features.count
        let validationCount =
            hyperparameters.earlyStopping
            ? min(max(1, Int((Double(rows) * hyperparameters.validationFraction).rounded())), rows - 1) : 0
        let outcome = try values.withUnsafeBufferPointer { (values) throws(MultilayerPerceptronError) in
            try NetworkTrainer.fit(
                layerSizes: sizes, weights: initialWeights, biases: initialBiases, objective: .squaredError,
                values: values, supervision: .targets(floatTargets), trainRows: Array(0..<(rows - validationCount)),
                validationRows: Array((rows - validationCount)..<rows), settings: settings, shuffler: &shuffler)
        }
        self.layerSizes = sizes
        self.weights = outcome.weights
        self.biases = outcome.biases
        self.lossHistory = outcome.losses
    }

    /// The prediction for one row of features.
    public func predict(_ row: [Double]) -> Double {
        precondition(row.count == layerSizes[0], "expected \(layerSizes[0]) features")
        let input = row.map { Float($0) }
        let output = input.withUnsafeBufferPointer {
            NetworkTrainer.outputs(of: $0, layerSizes: layerSizes, weights: weights, biases: biases)
        }
        return Double(output[0])
    }
}
