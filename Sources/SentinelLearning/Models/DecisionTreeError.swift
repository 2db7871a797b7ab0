/// Why a ``DecisionTree`` could not be fitted or decoded.
public enum DecisionTreeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The maximum depth is less than 1.
    case invalidMaxDepth(Int)
    /// The minimum number of rows to split a node is less than 2.
    case invalidMinSamplesSplit(Int)
    /// The minimum number of rows in a leaf is less than 1.
    case invalidMinSamplesLeaf(Int)
    /// The training data has no rows.
    case emptyDataset
    /// A training value is NaN or infinite.
    case nonFiniteValue(row: Int, column: Int)
    /// A stored tree is malformed (for instance, read from a damaged model file).
    case malformedTree(String)

    public var description: String {
        switch self {
        case let .invalidMaxDepth(value):
            return "maximum depth \(value) must be at least 1 (or unlimited)"
        case let .invalidMinSamplesSplit(value):
            return "minimum samples to split \(value) must be at least 2"
        case let .invalidMinSamplesLeaf(value):
            return "minimum samples per leaf \(value) must be at least 1"
        case .emptyDataset:
            return "cannot fit a decision tree to a dataset without rows"
        case let .nonFiniteValue(row, column):
            return "training value at row \(row), column \(column) is NaN or infinite"
        case let .malformedTree(reason):
            return "malformed decision tree: \(reason)"
        }
    }
}
