/// Why ``ClassificationMetrics`` could not be computed.
public enum MetricsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There are no labels to score.
    case empty
    /// The true and predicted label arrays differ in length.
    case lengthMismatch(trueLabels: Int, predictedLabels: Int)
    /// A label is not an index into the class names.
    case unknownLabel(index: Int, label: Int, classCount: Int)
    /// The confusion matrix is not square with one row per class.
    case malformedConfusionMatrix(rows: Int, classes: Int)
    /// A confusion-matrix cell is negative.
    case negativeCount(row: Int, column: Int)
    /// The counts up to this cell add up to more than ``ClassificationMetrics/maximumTotal``.
    case countTooLarge(row: Int, column: Int)

    public var description: String {
        switch self {
        case .empty:
            return "no labels to score"
        case let .lengthMismatch(trueLabels, predictedLabels):
            return "\(trueLabels) true labels but \(predictedLabels) predicted labels"
        case let .unknownLabel(index, label, classCount):
            return "label \(label) at position \(index) is not a class index (0..<\(classCount))"
        case let .malformedConfusionMatrix(rows, classes):
            return "confusion matrix must be \(classes) × \(classes), one row and column per class (got \(rows) rows or a ragged row)"
        case let .negativeCount(row, column):
            return "confusion matrix cell (\(row), \(column)) is negative"
        case let .countTooLarge(row, column):
            return "confusion matrix cell (\(row), \(column)) brings the total beyond \(ClassificationMetrics.maximumTotal) rows"
        }
    }
}
