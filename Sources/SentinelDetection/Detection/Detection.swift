import SentinelFeatures
import SentinelLearning

/// The verdicts of a model over an analysis' windows, and the attack runs they form.
public struct Detection: Sendable {
    /// Where the model came from (a path).
    public var modelSource: String
    /// The model's kind.
    public var kind: ModelKind
    /// The model's classes, in probability order (the `p_<class>` columns).
    public var classNames: [String]
    /// One verdict per window, in window order.
    public var verdicts: [WindowVerdict]
    /// Consecutive attack windows grouped.
    public var runs: [AttackRun]

    /// Classifies every window.
    public init(windows: [WindowRecord], detector: WindowDetector, modelSource: String, explain: Bool = true) {
        self.modelSource = modelSource
        self.kind = detector.model.kind
        self.classNames = detector.classNames
        self.verdicts = windows.map { detector.classify($0, explain: explain) }
        self.runs = AttackRun.runs(windows: windows, verdicts: verdicts)
    }

    /// Windows per verdict class, every model class listed.
    public var windowsPerClass: [(name: String, windows: Int)] {
        classNames.map { name in (name, verdicts.filter { $0.className == name }.count) }
    }
}
