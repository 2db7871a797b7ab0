/// Why a train/test split or a k-fold partition could not be made.
public enum SplitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The test fraction is not strictly between 0 and 1.
    case invalidTestFraction(Double)
    /// The fold count is below 2 or above the number of rows.
    case invalidFoldCount(folds: Int, rows: Int)
    /// No row could be put in the test part (every class has a single row).
    case emptyTestPart
    /// No row could be put in the training part.
    case emptyTrainingPart
    /// A label is not in `0..<classCount`.
    case unknownLabel(row: Int, label: Int, classCount: Int)

    public var description: String {
        switch self {
        case let .invalidTestFraction(fraction):
            return "test fraction \(fraction) must be strictly between 0 and 1"
        case let .invalidFoldCount(folds, rows):
            return "cannot make \(folds) folds of \(rows) rows: need 2 ≤ folds ≤ rows"
        case .emptyTestPart:
            return "the test part would be empty: every class has a single row"
        case .emptyTrainingPart:
            return "the training part would be empty"
        case let .unknownLabel(row, label, classCount):
            return "row \(row) has label \(label), not a class index (0..<\(classCount))"
        }
    }
}
