/// Why a ``GaussianNaiveBayes`` model could not be fitted.
public enum NaiveBayesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The variance smoothing is negative, zero, or not finite.
    case invalidVarianceSmoothing(Double)
    /// The given priors are not one per class.
    case priorCountMismatch(priors: Int, classes: Int)
    /// A given prior is negative or not finite.
    case invalidPrior(classIndex: Int, value: Double)
    /// The given priors do not sum to 1 (within 1e-6).
    case priorsDoNotSumToOne(Double)
    /// A training value is NaN or infinite.
    case nonFiniteValue(row: Int, column: Int)

    public var description: String {
        switch self {
        case let .invalidVarianceSmoothing(value):
            return "variance smoothing \(value) must be a finite number greater than 0"
        case let .priorCountMismatch(priors, classes):
            return "\(priors) priors given for \(classes) classes: need one per class"
        case let .invalidPrior(classIndex, value):
            return "prior \(value) of class \(classIndex) must be a finite number ≥ 0"
        case let .priorsDoNotSumToOne(sum):
            return "priors sum to \(sum), not 1"
        case let .nonFiniteValue(row, column):
            return "training value at row \(row), column \(column) is NaN or infinite"
        }
    }
}
