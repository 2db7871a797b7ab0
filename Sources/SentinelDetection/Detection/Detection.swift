import SentinelFeatures
import SentinelLearning

/// The verdicts of a model over an analysis' windows (packets or logs), and the runs they form.
public struct Detection<Window: DetectableWindow>: Sendable {
    /// Where the model came from (a path).
    public var modelSource: String
    /// The model's kind.
    public var kind: ModelKind
    /// The model's classes, in probability order (the `p_<class>` columns).
    public var classNames: [String]
    /// One verdict per window, in window order.
    public var verdicts: [WindowVerdict]
    /// Consecutive non-normal windows of one class grouped.
    public var runs: [WindowRun<Window>]

    /// Classifies every window.
    public init(windows: [Window], detector: Detector<Window>, modelSource: String, explain: Bool = true) {
        self.modelSource = modelSource
        self.kind = detector.model.kind
        self.classNames = detector.classNames
        self.verdicts = windows.map { detector.classify($0, explain: explain) }
        self.runs = WindowRun.runs(windows: windows, verdicts: verdicts)
    }

    /// Windows per verdict class, every model class listed.
    public var windowsPerClass: [(name: String, windows: Int)] {
        classNames.map { name in (name, verdicts.filter { $0.className == name }.count) }
    }
}

/// The verdicts over packet windows, and the attack runs.
public typealias PacketDetection = Detection<WindowRecord>
/// The verdicts over access-log windows, and the degradation runs.
public typealias LogDetection = Detection<LogWindowRecord>
