import Foundation

/// Labelled CSV files as datasets: how users bring their own data (CICFlowMeter exports, say).
///
/// Numeric columns become features as they are; a column with any cell that is not a number
/// is categorical and one-hot encoded (`column=value`, categories sorted and remembered in
/// ``Result/encodings`` so a model applies the same columns later). A column of mostly numbers
/// with a few other cells is refused, naming the first such cell. `NaN`, `Infinity` and
/// empty numeric cells follow ``MissingValuePolicy``; what was dropped or imputed is counted in
/// ``Report``. Ragged rows are errors naming the line: a broken file is refused, not guessed at.
public enum CSVDataset {
    /// What to do with a row whose numeric cell is empty, `NaN` or infinite.
    public enum MissingValuePolicy: String, Sendable, CaseIterable, Codable {
        /// Leave the row out (counted).
        case dropRow = "drop"
        /// Replace the cell by its column's mean over the finite cells (counted).
        case imputeMean = "mean"
    }

    /// How to read the file.
    public struct Options: Sendable {
        /// The column holding the class names.
        public var labelColumn: String
        /// Columns to ignore (identifiers, addresses, timestamps).
        public var dropColumns: [String] = []
        /// The policy for non-finite or empty numeric cells.
        public var missingValues: MissingValuePolicy = .dropRow

        /// Options reading classes from `labelColumn`.
        public init(labelColumn: String) { self.labelColumn = labelColumn }
    }

    /// A categorical column and the categories its one-hot columns stand for.
    public struct CategoricalEncoding: Sendable, Equatable, Codable {
        /// The column's name in the file.
        public var column: String
        /// The categories, in the order of their one-hot feature columns.
        public var categories: [String]

        /// Creates an encoding.
        public init(column: String, categories: [String]) {
            self.column = column
            self.categories = categories
        }
    }

    /// What the import did to the rows.
    public struct Report: Sendable, Equatable {
        /// Data rows in the file.
        public var rowsRead = 0
        /// Rows left out because of a non-finite or empty numeric cell (policy `drop`).
        public var rowsDroppedNonFinite = 0
        /// Cells replaced by their column mean (policy `mean`).
        public var cellsImputed = 0
    }

    /// The dataset and how it was built.
    public struct Result: Sendable {
        /// The features (numeric columns, then one-hot columns) and labels.
        public var dataset: Dataset
        /// The categorical columns and their categories.
        public var encodings: [CategoricalEncoding]
        /// Counts of what the import did.
        public var report: Report
    }

    /// Reads `path`.
    public static func load(path: String, options: Options) throws(CSVDatasetError) -> Result {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .cannotRead(path: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(text, path: path, options: options)
    }

    /// Builds a dataset from CSV text; `path` only names the source in errors.
    public static func parse(_ text: String, path: String, options: Options) throws(CSVDatasetError) -> Result {
        let table = try CSVTable.parse(text, path: path)
        guard !table.rows.isEmpty else { throw .noDataRows(path: path) }
        var seen = Set<String>()
        for column in table.header where !seen.insert(column).inserted {
            throw .duplicateColumn(path: path, column: column)
        }
        guard let labelIndex = table.header.firstIndex(of: options.labelColumn) else {
            throw .missingLabelColumn(path: path, column: options.labelColumn, available: table.header)
        }
        for column in options.dropColumns where !seen.contains(column) {
            throw .unknownDropColumn(path: path, column: column)
        }
        let dropped = Set(options.dropColumns)
        let featureIndices = table.header.indices.filter { $0 != labelIndex && !dropped.contains(table.header[$0]) }
        guard !featureIndices.isEmpty else { throw .noFeatureColumns(path: path) }
        for (row, line) in zip(table.rows, table.lines) where row.count != table.header.count {
            throw .raggedRow(path: path, line: line, cells: row.count, expected: table.header.count)
        }
        for (row, line) in zip(table.rows, table.lines) where row[labelIndex].isEmpty {
            throw .missingLabel(path: path, line: line)
        }

        // A column is numeric when every non-empty cell reads as a number (NaN/Infinity included).
        // A column of mostly numbers with a few words is a broken file, not a category: refused.
        var numeric: [Int] = []
        var parsedColumns: [[Double]] = []
        for column in featureIndices {
            var numbers = 0
            var firstWord: (line: Int, value: String)?
            var words = 0
            var parsed: [Double] = []
            parsed.reserveCapacity(table.rows.count)
            for (row, line) in zip(table.rows, table.lines) {
                let cell = row[column]
                if cell.isEmpty { parsed.append(.nan); continue }
                if let value = number(cell) {
                    numbers += 1
                    parsed.append(value)
                } else {
                    words += 1
                    if firstWord == nil { firstWord = (line, cell) }
                }
            }
            if words == 0 {
                numeric.append(column)
                parsedColumns.append(parsed)
            } else if numbers > words, let firstWord {
                throw .nonNumericCell(path: path, line: firstWord.line, column: table.header[column], value: firstWord.value)
            }
        }
        let numericSet = Set(numeric)
        let categorical = featureIndices.filter { !numericSet.contains($0) }
        let encodings = categorical.map { column in
            CategoricalEncoding(
                column: table.header[column],
                categories: Set(table.rows.map { $0[column] }).sorted())
        }

        var report = Report()
        report.rowsRead = table.rows.count
        var numericRows: [[Double]] = []
        var keptRows: [Int] = []
        for index in table.rows.indices {
            let values = parsedColumns.map { $0[index] }
            if options.missingValues == .dropRow && values.contains(where: { !$0.isFinite }) {
                report.rowsDroppedNonFinite += 1
                continue
            }
            numericRows.append(values)
            keptRows.append(index)
        }
        guard !keptRows.isEmpty else { throw .noUsableRows(path: path, dropped: report.rowsDroppedNonFinite) }
        if options.missingValues == .imputeMean {
            for column in numeric.indices {
                let finite = numericRows.map { $0[column] }.filter { $0.isFinite }
                let mean = finite.isEmpty ? 0 : finite.reduce(0, +) / Double(finite.count)
                for r in numericRows.indices where !numericRows[r][column].isFinite {
                    numericRows[r][column] = mean
                    report.cellsImputed += 1
                }
            }
        }

        let classNames = Set(keptRows.map { table.rows[$0][labelIndex] }).sorted()
        let classIndex = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
        var featureNames = numeric.map { table.header[$0] }
        for encoding in encodings {
            featureNames += encoding.categories.map { "\(encoding.column)=\($0)" }
        }
        var values: [Float] = []
        values.reserveCapacity(keptRows.count * featureNames.count)
        var labels: [Int] = []
        for (k, rowIndex) in keptRows.enumerated() {
            let row = table.rows[rowIndex]
            values += numericRows[k].map { Float($0) }
            for (e, column) in categorical.enumerated() {
                let cell = row[column]
                values += encodings[e].categories.map { $0 == cell ? 1 : 0 }
            }
            labels.append(classIndex[row[labelIndex]]!)
        }
        do {
            let dataset = try Dataset(values: values, featureNames: featureNames, classNames: classNames, labels: labels)
            return Result(dataset: dataset, encodings: encodings, report: report)
        } catch {
            // Names are unique by construction unless a one-hot name collides with a column.
            throw .duplicateColumn(path: path, column: "\(error)")
        }
    }

    /// A cell as a number: decimal, exponent, `NaN`, `Infinity`/`inf` with optional sign.
    static func number(_ cell: String) -> Double? {
        if let value = Double(cell) { return value }
        switch cell.lowercased() {
        case "nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return Double(cell)
        }
    }
}
