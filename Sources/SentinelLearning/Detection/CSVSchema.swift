/// How a model trained on a CSV file reads CSV rows: the label column, the columns left out,
/// the missing-value policy and the categories of each one-hot encoded column.
public struct CSVSchema: Sendable, Equatable, Codable {
    /// The column holding the class names.
    public var labelColumn: String
    /// Columns ignored.
    public var dropColumns: [String]
    /// The policy for NaN, infinite and empty numeric cells.
    public var missingValues: CSVDataset.MissingValuePolicy
    /// The categorical columns and their categories, in one-hot column order.
    public var encodings: [CSVDataset.CategoricalEncoding]

    /// Creates a schema.
    public init(
        labelColumn: String, dropColumns: [String], missingValues: CSVDataset.MissingValuePolicy,
        encodings: [CSVDataset.CategoricalEncoding]
    ) {
        self.labelColumn = labelColumn
        self.dropColumns = dropColumns
        self.missingValues = missingValues
        self.encodings = encodings
    }

    enum CodingKeys: String, CodingKey {
        case labelColumn = "label_column"
        case dropColumns = "drop_columns"
        case missingValues = "missing_values"
        case encodings
    }
}
