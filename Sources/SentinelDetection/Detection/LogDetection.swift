import SentinelFeatures
import SentinelLearning

/// The verdicts of a log model over an analysis' log windows, and the runs they form.
public struct LogDetection: Sendable {
    /// Where the model came from (a path).
    public var modelSource: String
    /// The model's classes, in probability order (the `p_<class>` columns).
    public var classNames: [String]
    /// One verdict per log window, in window order.
    public var verdicts: [WindowVerdict]
    /// Consecutive non-normal windows grouped.
    public var runs: [LogRun]

    /// Classifies every log window.
    public init(windows: [LogWindowRecord], detector: LogWindowDetector, modelSource: String, explain: Bool = true) {
        self.modelSource = modelSource
        self.classNames = detector.classNames
        self.verdicts = windows.map { detector.classify($0, explain: explain) }
        self.runs = LogRun.runs(windows: windows, verdicts: verdicts)
    }

    /// Windows per verdict class, every model class listed.
    public var windowsPerClass: [(name: String, windows: Int)] {
        classNames.map { name in (name, verdicts.filter { $0.className == name }.count) }
    }
}
