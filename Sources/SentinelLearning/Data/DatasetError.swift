/// Why a ``Dataset`` could not be built.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The dataset has no rows.
    case empty
    /// The dataset has no feature columns.
    case noFeatures
    /// The dataset has no class names.
    case noClasses
    /// A row has a different number of values than there are feature names.
    case raggedRow(row: Int, count: Int, expected: Int)
    /// A flat value buffer whose length is not `rows × columns`.
    case valueCountMismatch(count: Int, rows: Int, columns: Int)
    /// The number of labels differs from the number of rows.
    case labelCountMismatch(labels: Int, rows: Int)
    /// A label that is not an index into the class names.
    case unknownLabel(row: Int, label: Int, classCount: Int)
    /// A feature name that appears more than once.
    case duplicateFeatureName(String)
    /// A class name that appears more than once.
    case duplicateClassName(String)

    public var description: String {
        switch self {
        case .empty:
            return "dataset is empty: it has no rows"
        case .noFeatures:
            return "dataset has no feature columns"
        case .noClasses:
            return "dataset has no class names"
        case let .raggedRow(row, count, expected):
            return "row \(row) has \(count) values, expected \(expected) (one per feature)"
        case let .valueCountMismatch(count, rows, columns):
            return "value buffer holds \(count) values, expected \(rows) rows × \(columns) columns = \(rows * columns)"
        case let .labelCountMismatch(labels, rows):
            return "\(labels) labels for \(rows) rows: need exactly one label per row"
        case let .unknownLabel(row, label, classCount):
            return "row \(row) has label \(label), but there are only \(classCount) classes (labels 0..<\(classCount))"
        case let .duplicateFeatureName(name):
            return "feature name '\(name)' appears more than once"
        case let .duplicateClassName(name):
            return "class name '\(name)' appears more than once"
        }
    }
}
