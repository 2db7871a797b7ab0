/// Why a ``MultilayerPerceptron`` could not be trained.
public enum MultilayerPerceptronError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A hidden layer has no units (`index` counts from 0), or there are none at all
    /// (`index` is -1, `size` 0).
    case invalidHiddenLayer(index: Int, size: Int)
    /// The learning rate is not a finite number greater than 0.
    case invalidLearningRate(Double)
    /// An Adam decay rate (`"beta1"` or `"beta2"`) is not in `[0, 1)`.
    case invalidDecayRate(name: String, value: Double)
    /// Adam's epsilon is not a finite number greater than 0.
    case invalidEpsilon(Double)
    /// The mini-batch size is below 1.
    case invalidBatchSize(Int)
    /// The L2 penalty is negative or not finite.
    case invalidAlpha(Double)
    /// The maximum number of epochs is below 1.
    case invalidMaxEpochs(Int)
    /// The validation fraction is not strictly between 0 and 1.
    case invalidValidationFraction(Double)
    /// The early-stopping patience is below 1.
    case invalidPatience(Int)
    /// The early-stopping tolerance is negative or not finite.
    case invalidTolerance(Double)
    /// The data has too few rows (for instance to hold out a validation part).
    case tooFewRows(rows: Int, needed: Int)
    /// A training value is NaN or infinite.
    case nonFiniteValue(row: Int, column: Int)
    /// The training loss became NaN or infinite (the learning rate is likely too high).
    case diverged(epoch: Int)

    public var description: String {
        switch self {
        case let .invalidHiddenLayer(index, size):
            if index < 0 { return "at least one hidden layer is needed" }
            return "hidden layer \(index) has \(size) units: need at least 1"
        case let .invalidLearningRate(value):
            return "learning rate \(value) must be a finite number greater than 0"
        case let .invalidDecayRate(name, value):
            return "\(name) \(value) must be in [0, 1)"
        case let .invalidEpsilon(value):
            return "epsilon \(value) must be a finite number greater than 0"
        case let .invalidBatchSize(value):
            return "batch size \(value) must be at least 1"
        case let .invalidAlpha(value):
            return "L2 penalty (alpha) \(value) must be a finite number ≥ 0"
        case let .invalidMaxEpochs(value):
            return "maximum epochs \(value) must be at least 1"
        case let .invalidValidationFraction(value):
            return "validation fraction \(value) must be strictly between 0 and 1"
        case let .invalidPatience(value):
            return "patience \(value) must be at least 1"
        case let .invalidTolerance(value):
            return "tolerance \(value) must be a finite number ≥ 0"
        case let .tooFewRows(rows, needed):
            return "\(rows) training rows given: need at least \(needed)"
        case let .nonFiniteValue(row, column):
            return "training value at row \(row), column \(column) is NaN or infinite"
        case let .diverged(epoch):
            return "training diverged at epoch \(epoch) (loss is not finite): lower the learning rate"
        }
    }
}
