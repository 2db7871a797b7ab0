import SentinelCapture
import SentinelFeatures
import SentinelLearning

/// Labelled access logs as a dataset of log-window features: each log named in
/// `directory/labels.csv` is read on its own (``LogAnalysis``) and each window with requests
/// becomes a row, labelled by ``CaptureLabels`` (`file,class[,start,end]`, as for captures).
package enum LogDataset {
    /// Reads every log named in each `directory/labels.csv`; files are then named
    /// `directory/file`. Classes are the union over all folders, sorted.
    /// - Parameter configuration: window length and slow threshold of the log windows.
    package static func load(directories: [String], configuration: LogWindowAggregator.Configuration = .init())
        throws(CaptureDatasetError) -> CaptureDataset.Result
    {
        try LabelledRows.load(directories: directories, skipClasses: []) { path in
            try LogAnalysis.run(paths: [path], configuration: configuration).windows
        }
    }
}
