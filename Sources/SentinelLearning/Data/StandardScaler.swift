/// Standardises each feature column to zero mean and unit variance: `(x - mean) / std`.
///
/// The standard deviation is the population one (divide by `n`, like scikit-learn's
/// `StandardScaler`). A column whose standard deviation is zero transforms to 0, never NaN.
/// Statistics are accumulated in `Double`.
public struct StandardScaler: Sendable, Equatable, Codable {
    /// The mean of each column.
    public let means: [Double]
    /// The population standard deviation of each column (0 for a constant column).
    public let standardDeviations: [Double]

    /// Creates a scaler from known statistics (for instance, read from a model file).
    ///
    /// - Parameters:
    ///   - means: one mean per column.
    ///   - standardDeviations: one non-negative standard deviation per column.
    public init(means: [Double], standardDeviations: [Double]) {
        precondition(means.count == standardDeviations.count, "one mean and one std per column")
        self.means = means
        self.standardDeviations = standardDeviations
    }

    /// Fits the scaler to the columns of `dataset` (use the training part only).
    public init(fitting dataset: Dataset) {
        let columns = dataset.columnCount
        var sums = [Double](repeating: 0, count: columns)
        dataset.values.withUnsafeBufferPointer { values in
            for row in 0..<dataset.rowCount {
                let base = row * columns
                for column in 0..<columns { sums[column] += Double(values[base + column]) }
            }
        }
        let count = Double(dataset.rowCount)
        let means = sums.map { $0 / count }
        var squares = [Double](repeating: 0, count: columns)
        dataset.values.withUnsafeBufferPointer { values in
            for row in 0..<dataset.rowCount {
                let base = row * columns
                for column in 0..<columns {
                    let deviation = Double(values[base + column]) - means[column]
                    squares[column] += deviation * deviation
                }
            }
        }
        self.means = means
        self.standardDeviations = squares.map { ($0 / count).squareRoot() }
    }

    private enum CodingKeys: String, CodingKey {
        case means, standardDeviations
    }

    /// Reads a scaler, refusing arrays of different lengths and values that are not finite
    /// (or a negative deviation): a damaged model file is a `DecodingError` naming the field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let means = try container.decode([Double].self, forKey: .means)
        let deviations = try container.decode([Double].self, forKey: .standardDeviations)
        guard deviations.count == means.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .standardDeviations, in: container,
                debugDescription: "\(deviations.count) standard deviations for \(means.count) means: need one of each per feature")
        }
        if let bad = means.firstIndex(where: { !$0.isFinite }) {
            throw DecodingError.dataCorruptedError(forKey: .means, in: container, debugDescription: "mean \(bad) is not finite")
        }
        if let bad = deviations.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw DecodingError.dataCorruptedError(
                forKey: .standardDeviations, in: container,
                debugDescription: "standard deviation \(bad) is \(deviations[bad]), not a finite non-negative number")
        }
        self.init(means: means, standardDeviations: deviations)
    }

    /// The number of columns this scaler was fitted on.
    public var columnCount: Int { means.count }

    /// Standardises one row.
    ///
    /// - Parameter row: one value per column.
    public func transform<Row: Collection<Float>>(row: Row) -> [Float] {
        precondition(row.count == columnCount, "row has \(row.count) values, scaler has \(columnCount) columns")
        var result: [Float] = []
        result.reserveCapacity(columnCount)
        for (column, value) in row.enumerated() {
            result.append(scale(value, column: column))
        }
        return result
    }

    /// Standardises every row of `dataset`, keeping its names and labels.
    public func transform(_ dataset: Dataset) -> Dataset {
        precondition(dataset.columnCount == columnCount, "dataset has \(dataset.columnCount) columns, scaler has \(columnCount)")
        var scaled = dataset.values
        let columns = columnCount
        scaled.withUnsafeMutableBufferPointer { values in
            var index = 0
            for _ in 0..<dataset.rowCount {
                for column in 0..<columns {
                    values[index] = scale(values[index], column: column)
                    index += 1
                }
            }
        }
        return dataset.replacingValues(scaled)
    }

    @inline(__always)
    private func scale(_ value: Float, column: Int) -> Float {
        let std = standardDeviations[column]
        if std == 0 { return 0 }
        return Float((Double(value) - means[column]) / std)
    }
}
