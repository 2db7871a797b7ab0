import Foundation
import SentinelFeatures
import SentinelLearning

/// Labelled data for training or evaluation: window features of labelled captures, or a
/// labelled CSV file.
package struct TrainingData: Sendable {
    /// Where the data comes from.
    package enum Source: Sendable, Equatable {
        /// Folders each holding captures and a `labels.csv`.
        case captures([String])
        /// Captures (as ``captures(_:)``, possibly none) and labelled window files
        /// (`file,label,<window features>`, see `--windows`).
        case packetWindows(captures: [String], windowFiles: [String])
        /// Folders each holding access logs and a `labels.csv`.
        case logs([String])
        /// A CSV file and how to read it.
        case csv(path: String, labelColumn: String, dropColumns: [String], missingValues: CSVDataset.MissingValuePolicy)
    }

    /// The rows.
    package var dataset: Dataset
    /// For captures: the file of each row, as an index into ``files``.
    package var fileOfRow: [Int]?
    /// For captures: the files read.
    package var files: [String]
    /// For CSV: how the file was read (stored in the model).
    package var csvSchema: CSVSchema?
    /// What the import dropped or imputed, for the user.
    package var notes: [String]
    /// The source.
    package var source: Source
    /// Features some window file lacked (written before they existed) and read as 0: a model
    /// that reads one of them cannot use these rows (``selecting(features:)`` refuses it).
    package var absentFeatures: Set<String> = []

    /// The sources as strings for the model's metadata.
    package var sourceNames: [String] {
        switch source {
        case .captures(let dirs), .logs(let dirs): return dirs
        case let .packetWindows(captures, windowFiles): return captures + windowFiles
        case .csv(let path, _, _, _): return [path]
        }
    }

    /// Reads the data.
    /// - Parameter windowLength: window length in seconds for captures and logs.
    /// - Throws: ``CaptureDatasetError`` or ``CSVDatasetError`` naming file and line.
    package static func load(_ source: Source, windowLength: Double = 1) throws -> TrainingData {
        switch source {
        case .captures(let directories):
            var options = AnalysisOptions()
            options.windows.window = windowLength
            let result = try CaptureDataset.load(directories: directories, options: options)
            return TrainingData(
                dataset: result.dataset, fileOfRow: result.fileOfRow, files: result.files,
                csvSchema: nil, notes: [], source: source)
        case let .packetWindows(directories, windowFiles):
            var options = AnalysisOptions()
            options.windows.window = windowLength
            let result = try CaptureDataset.load(directories: directories, windowFiles: windowFiles, options: options)
            return TrainingData(
                dataset: result.dataset, fileOfRow: result.fileOfRow, files: result.files,
                csvSchema: nil, notes: [], source: source, absentFeatures: result.absentFeatures)
        case .logs(let directories):
            var configuration = LogWindowAggregator.Configuration()
            configuration.window = windowLength
            let result = try LogDataset.load(directories: directories, configuration: configuration)
            return TrainingData(
                dataset: result.dataset, fileOfRow: result.fileOfRow, files: result.files,
                csvSchema: nil, notes: [], source: source)
        case let .csv(path, labelColumn, dropColumns, missing):
            var options = CSVDataset.Options(labelColumn: labelColumn)
            options.dropColumns = dropColumns
            options.missingValues = missing
            let result = try CSVDataset.load(path: path, options: options)
            var notes: [String] = []
            if result.report.rowsDroppedNonFinite > 0 {
                notes.append(
                    "\(result.report.rowsDroppedNonFinite) of \(result.report.rowsRead) rows dropped: NaN, infinite or empty numeric cell (--missing drop)"
                )
            }
            if result.report.cellsImputed > 0 {
                notes.append("\(result.report.cellsImputed) NaN, infinite or empty cells replaced by their column mean (--missing mean)")
            }
            let schema = CSVSchema(
                labelColumn: labelColumn, dropColumns: dropColumns, missingValues: missing,
                encodings: result.encodings)
            return TrainingData(
                dataset: result.dataset, fileOfRow: nil, files: [path], csvSchema: schema,
                notes: notes, source: source)
        }
    }

    /// Keeps only the named features, in the order given.
    /// - Throws: ``ModelError/featureMismatch(missing:extra:)`` for a name the data lacks
    ///   (or a window file lacked: ``absentFeatures``).
    package func selecting(features names: [String]) throws(ModelError) -> TrainingData {
        let position = Dictionary(uniqueKeysWithValues: dataset.featureNames.enumerated().map { ($1, $0) })
        let missing = names.filter { position[$0] == nil || absentFeatures.contains($0) }
        guard missing.isEmpty else { throw .featureMismatch(missing: missing, extra: []) }
        var copy = self
        do {
            copy.dataset = try dataset.selecting(columns: names.map { position[$0] }, featureNames: names)
        } catch {
            throw .invalid(path: "-", reason: "\(error)")
        }
        return copy
    }
}
