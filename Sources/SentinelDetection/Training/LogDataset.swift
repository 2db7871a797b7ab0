import SentinelCapture
import SentinelFeatures
import SentinelLearning

/// Labelled access logs as a dataset of log-window features: each log named in
/// `directory/labels.csv` is read on its own (``LogAnalysis``) and each window with requests
/// becomes a row, labelled by ``CaptureLabels`` (`file,class[,start,end]`, as for captures).
public enum LogDataset {
    /// Reads every log named in each `directory/labels.csv`; files are then named
    /// `directory/file`. Classes are the union over all folders, sorted.
    /// - Parameter configuration: window length and slow threshold of the log windows.
    public static func load(directories: [String], configuration: LogWindowAggregator.Configuration = .init())
        throws(CaptureDatasetError) -> CaptureDataset.Result {
        var rows = LabelledRows()
        for directory in directories {
            let labels = try CaptureLabels(directory: directory)
            for file in labels.files {
                let path = directory + "/" + file
                let result: LogAnalysis.Result
                do {
                    result = try LogAnalysis.run(paths: [path], configuration: configuration)
                } catch {
                    throw .capture(path: path, reason: "\(error)")
                }
                for window in result.windows where window.requests > 0 {
                    rows.append(window.values, className: labels.className(file: file, start: window.start, end: window.end))
                }
                rows.endFile(path)
            }
        }
        guard let result = rows.result(featureNames: LogWindowRecord.names) else {
            throw .noWindows(directory: directories.joined(separator: ", "))
        }
        return result
    }
}
