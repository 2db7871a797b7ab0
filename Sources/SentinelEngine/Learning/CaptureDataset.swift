import SentinelCapture
import SentinelFeatures
import SentinelLearning

/// Labelled captures as a dataset of window features: each file is analysed on its own and
/// each window with packets becomes a row, labelled by ``CaptureLabels``. Rows remember their
/// file, so a model can be checked on whole files it never saw.
public enum CaptureDataset {
    /// The dataset and the file of each row.
    public struct Result: Sendable {
        /// Window features (``WindowFeature`` order) and classes.
        public var dataset: Dataset
        /// The captures, as named in `labels.csv`.
        public var files: [String]
        /// For each row, the index of its file in `files`.
        public var fileOfRow: [Int]
    }

    /// Analyses every capture named in `directory/labels.csv` with `options`.
    /// - Parameter skipClasses: whole-file classes to leave out (e.g. `empty`).
    public static func load(directory: String, options: AnalysisOptions = AnalysisOptions(),
                            skipClasses: Set<String> = ["empty"]) throws(CaptureDatasetError) -> Result {
        let labels = try CaptureLabels(directory: directory)
        var rows: [Float] = []
        var names: [String] = []
        var fileOfRow: [Int] = []
        let files = labels.files.filter { file in
            !labels.entries.contains { $0.file == file && $0.range == nil && skipClasses.contains($0.className) }
        }
        for (index, file) in files.enumerated() {
            let path = directory + "/" + file
            let result: OfflineAnalysis.Result
            do {
                result = try OfflineAnalysis.run(paths: [path], options: options)
            } catch {
                throw .capture(path: path, reason: "\(error)")
            }
            for window in result.windows where window.packets > 0 {
                rows += window.features.values.map { Float($0) }
                names.append(labels.className(file: file, start: window.start, end: window.end))
                fileOfRow.append(index)
            }
        }
        guard !names.isEmpty else { throw .noWindows(directory: directory) }
        let classNames = Array(Set(names)).sorted()
        let classIndex = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
        do {
            let dataset = try Dataset(values: rows, featureNames: WindowFeatures.names, classNames: classNames,
                                      labels: names.map { classIndex[$0]! })
            return Result(dataset: dataset, files: files, fileOfRow: fileOfRow)
        } catch {
            throw .noWindows(directory: directory)
        }
    }
}
