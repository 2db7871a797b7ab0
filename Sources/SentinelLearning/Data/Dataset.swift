/// A labelled, dense feature matrix: `rowCount` rows of `columnCount` `Float` features,
/// stored row-major, each row labelled with an index into ``classNames``.
///
/// Every initializer validates its input, so a `Dataset` value is always well formed:
/// `values.count == rowCount * columnCount`, `labels.count == rowCount`, and every label is
/// in `0..<classNames.count`.
public struct Dataset: Sendable, Equatable {
    /// The feature values, row-major: value `(r, c)` is at `r * columnCount + c`.
    public let values: [Float]
    /// The number of rows (samples).
    public let rowCount: Int
    /// The feature names, one per column, in column order.
    public let featureNames: [String]
    /// The class names; a label is an index into this array.
    public let classNames: [String]
    /// The class of each row, as an index into ``classNames``.
    public let labels: [Int]

    /// The number of feature columns.
    public var columnCount: Int { featureNames.count }

    /// The number of classes.
    public var classCount: Int { classNames.count }

    /// Creates a dataset from a flat row-major buffer.
    ///
    /// - Parameters:
    ///   - values: `labels.count × featureNames.count` values, row-major.
    ///   - featureNames: one unique name per column.
    ///   - classNames: the unique class names.
    ///   - labels: one class index per row.
    /// - Throws: ``DatasetError`` when the shapes disagree, a label is unknown, names repeat,
    ///   or there are no rows, features or classes.
    public init(
        values: [Float], featureNames: [String], classNames: [String], labels: [Int]
    ) throws(DatasetError) {
        try Self.validateNames(featureNames: featureNames, classNames: classNames)
        if labels.isEmpty { throw .empty }
        let expected = labels.count * featureNames.count
        guard values.count == expected else {
            throw .valueCountMismatch(
                count: values.count, rows: labels.count, columns: featureNames.count)
        }
        try Self.validateLabels(labels, classCount: classNames.count)
        self.values = values
        self.rowCount = labels.count
        self.featureNames = featureNames
        self.classNames = classNames
        self.labels = labels
    }

    /// Creates a dataset from an array of rows.
    ///
    /// - Parameters:
    ///   - rows: the feature rows; each must have one value per feature name.
    ///   - featureNames: one unique name per column.
    ///   - classNames: the unique class names.
    ///   - labels: one class index per row.
    /// - Throws: ``DatasetError`` for ragged rows, unknown labels, repeated names, or
    ///   missing rows, features or classes.
    public init(
        rows: [[Float]], featureNames: [String], classNames: [String], labels: [Int]
    ) throws(DatasetError) {
        try Self.validateNames(featureNames: featureNames, classNames: classNames)
        if rows.isEmpty { throw .empty }
        guard labels.count == rows.count else {
            throw .labelCountMismatch(labels: labels.count, rows: rows.count)
        }
        var flat: [Float] = []
        flat.reserveCapacity(rows.count * featureNames.count)
        for (index, row) in rows.enumerated() {
            guard row.count == featureNames.count else {
                throw .raggedRow(row: index, count: row.count, expected: featureNames.count)
            }
            flat.append(contentsOf: row)
        }
        try self.init(
            values: flat, featureNames: featureNames, classNames: classNames, labels: labels)
    }

    /// The features of row `index`.
    public func row(_ index: Int) -> ArraySlice<Float> {
        let start = index * columnCount
        return values[start..<(start + columnCount)]
    }

    /// The value at `row`, `column`.
    public subscript(row: Int, column: Int) -> Float {
        values[row * columnCount + column]
    }

    /// The number of rows of each class, indexed by label.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        return counts
    }

    /// A dataset made of the given rows of this one, in the given order, with the same
    /// feature and class names.
    ///
    /// - Parameter indices: row indices, each in `0..<rowCount`; must not be empty.
    public func subset(rows indices: [Int]) -> Dataset {
        precondition(!indices.isEmpty, "a subset needs at least one row")
        var flat: [Float] = []
        flat.reserveCapacity(indices.count * columnCount)
        var newLabels: [Int] = []
        newLabels.reserveCapacity(indices.count)
        for index in indices {
            flat.append(contentsOf: row(index))
            newLabels.append(labels[index])
        }
        return Dataset(
            unchecked: flat, featureNames: featureNames, classNames: classNames,
            labels: newLabels)
    }

    /// The same rows with other columns: column `i` of the result is this dataset's column
    /// `columns[i]`, or 0 where that is nil (a one-hot category absent from the data).
    ///
    /// - Parameter featureNames: one unique name per new column.
    /// - Throws: ``DatasetError`` when the names are not unique.
    public func selecting(columns: [Int?], featureNames: [String]) throws(DatasetError) -> Dataset {
        precondition(columns.count == featureNames.count, "one name per column")
        var selected: [Float] = []
        selected.reserveCapacity(rowCount * columns.count)
        for row in 0..<rowCount {
            let base = row * columnCount
            for column in columns { selected.append(column.map { values[base + $0] } ?? 0) }
        }
        return try Dataset(values: selected, featureNames: featureNames, classNames: classNames, labels: labels)
    }

    /// A copy of this dataset with the feature values replaced (same shape, names, labels).
    ///
    /// - Parameter newValues: `rowCount × columnCount` values, row-major.
    public func replacingValues(_ newValues: [Float]) -> Dataset {
        precondition(newValues.count == values.count, "replacement values must keep the shape")
        return Dataset(
            unchecked: newValues, featureNames: featureNames, classNames: classNames,
            labels: labels)
    }

    /// Builds a dataset from parts already known to be valid.
    init(unchecked values: [Float], featureNames: [String], classNames: [String], labels: [Int]) {
        self.values = values
        self.rowCount = labels.count
        self.featureNames = featureNames
        self.classNames = classNames
        self.labels = labels
    }

    private static func validateNames(
        featureNames: [String], classNames: [String]
    ) throws(DatasetError) {
        if featureNames.isEmpty { throw .noFeatures }
        if classNames.isEmpty { throw .noClasses }
        var seen = Set<String>()
        for name in featureNames where !seen.insert(name).inserted {
            throw .duplicateFeatureName(name)
        }
        seen.removeAll()
        for name in classNames where !seen.insert(name).inserted {
            throw .duplicateClassName(name)
        }
    }

    private static func validateLabels(_ labels: [Int], classCount: Int) throws(DatasetError) {
        for (row, label) in labels.enumerated() where label < 0 || label >= classCount {
            throw .unknownLabel(row: row, label: label, classCount: classCount)
        }
    }
}
