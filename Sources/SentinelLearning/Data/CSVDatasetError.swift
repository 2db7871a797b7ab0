/// Why a labelled CSV file could not become a ``Dataset``. Each names the file, and the line
/// and column where there is one.
public enum CSVDatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case cannotRead(path: String, reason: String)
    /// The file has no header row.
    case empty(path: String)
    /// The file has a header but no data rows.
    case noDataRows(path: String)
    /// A quoted field is never closed.
    case unterminatedQuote(path: String, line: Int)
    /// The label column is not in the header.
    case missingLabelColumn(path: String, column: String, available: [String])
    /// A `--drop-columns` name is not in the header.
    case unknownDropColumn(path: String, column: String)
    /// The header names a column twice.
    case duplicateColumn(path: String, column: String)
    /// A row has more or fewer cells than the header.
    case raggedRow(path: String, line: Int, cells: Int, expected: Int)
    /// A numeric column holds a cell that is not a number.
    case nonNumericCell(path: String, line: Int, column: String, value: String)
    /// A row has no label.
    case missingLabel(path: String, line: Int)
    /// After dropping the label and the dropped columns nothing is left to learn from.
    case noFeatureColumns(path: String)
    /// Every row was dropped (non-finite values, missing labels).
    case noUsableRows(path: String, dropped: Int)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason): return "\(path): cannot read: \(reason)"
        case let .empty(path): return "\(path): empty file: a header row is needed"
        case let .noDataRows(path): return "\(path): only a header, no data rows"
        case let .unterminatedQuote(path, line): return "\(path):\(line): a quoted field is never closed"
        case let .missingLabelColumn(path, column, available):
            return "\(path): no label column '\(column)'; columns are: \(available.joined(separator: ", "))"
        case let .unknownDropColumn(path, column): return "\(path): --drop-columns names '\(column)', which is not a column"
        case let .duplicateColumn(path, column): return "\(path): column '\(column)' appears twice in the header"
        case let .raggedRow(path, line, cells, expected):
            return "\(path):\(line): \(cells) cells where the header has \(expected)"
        case let .nonNumericCell(path, line, column, value):
            return
                "\(path):\(line): column '\(column)' is numeric but this cell is '\(value)' (fix the cell, or --drop-columns '\(column)')"
        case let .missingLabel(path, line): return "\(path):\(line): the label cell is empty"
        case let .noFeatureColumns(path): return "\(path): no feature columns left after the label and dropped columns"
        case let .noUsableRows(path, dropped): return "\(path): no usable rows (\(dropped) dropped)"
        }
    }
}
