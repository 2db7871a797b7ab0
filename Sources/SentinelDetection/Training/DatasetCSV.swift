import Foundation
import SentinelCore
import SentinelLearning

/// Writes a dataset as CSV: one column per feature, then `class`.
package enum DatasetCSV {
    /// Writes `dataset` to `path`.
    package static func write(_ dataset: Dataset, to path: String) throws {
        var text = (dataset.featureNames + ["class"]).map(CSVField.quoted).joined(separator: ",") + "\n"
        text.reserveCapacity(dataset.rowCount * dataset.columnCount * 8)
        for row in 0..<dataset.rowCount {
            for value in dataset.row(row) {
                text += JSONWriter.format(Double(value))
                text += ","
            }
            text += CSVField.quoted(dataset.classNames[dataset.labels[row]]) + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
