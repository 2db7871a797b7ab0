import SentinelCapture
import SentinelFeatures
import SentinelLearning

/// Labelled captures as a dataset of window features: each file is analysed on its own and
/// each window with packets or open flows becomes a row (a silent window of a slowloris still
/// holds its connections), labelled by ``CaptureLabels``. Rows remember their
/// file, so a model can be checked on whole files it never saw.
package enum CaptureDataset {
    /// The dataset and the file of each row.
    package struct Result: Sendable {
        /// Window features (``WindowFeature`` order) and classes.
        package var dataset: Dataset
        /// The captures, as `directory/file`.
        package var files: [String]
        /// For each row, the index of its file in `files`.
        package var fileOfRow: [Int]
        /// Features some window file lacked (written before they existed), read as 0.
        package var absentFeatures: Set<String> = []
    }

    /// Analyses every capture named in `directory/labels.csv` with `options`.
    /// - Parameter skipClasses: whole-file classes to leave out (e.g. `empty`).
    package static func load(
        directory: String, options: AnalysisOptions = AnalysisOptions(),
        skipClasses: Set<String> = ["empty"]
    ) throws(CaptureDatasetError) -> Result {
        try load(directories: [directory], options: options, skipClasses: skipClasses)
    }

    /// Analyses every capture named in each `directory/labels.csv`; files are then named
    /// `directory/file`. Classes are the union over all folders, sorted.
    package static func load(
        directories: [String], options: AnalysisOptions = AnalysisOptions(),
        skipClasses: Set<String> = ["empty"]
    ) throws(CaptureDatasetError) -> Result {
        try LabelledRows.load(directories: directories, skipClasses: skipClasses) { path in
            try OfflineAnalysis.run(paths: [path], options: options).windows
        }
    }

    /// Analyses the captures of `directories` (as ``load(directories:options:skipClasses:)``)
    /// and adds the rows of labelled window files (``LabelledWindowFile``).
    package static func load(
        directories: [String], windowFiles: [String], options: AnalysisOptions = AnalysisOptions(),
        skipClasses: Set<String> = ["empty"]
    ) throws(CaptureDatasetError) -> Result {
        var rows = LabelledRows()
        try rows.read(directories: directories, skipClasses: skipClasses) { path in
            try OfflineAnalysis.run(paths: [path], options: options).windows
        }
        for file in windowFiles { try LabelledWindowFile.append(path: file, to: &rows) }
        guard let result = rows.result(featureNames: WindowFeatures.names) else {
            throw .noWindows(directory: (directories + windowFiles).joined(separator: ", "))
        }
        return result
    }
}
