import SentinelCore
import SentinelFeatures
import SentinelLearning

/// The verdicts of a model over an analysis' windows (packets or logs), and the runs they form.
package struct Detection<Window: DetectableWindow>: Sendable {
    /// Where the model came from (a path).
    package var modelSource: String
    /// The model's kind.
    package var kind: ModelKind
    /// The model's classes, in probability order (the `p_<class>` columns).
    package var classNames: [String]
    /// One verdict per window, in window order.
    package var verdicts: [WindowVerdict]
    /// Consecutive non-normal windows of one class grouped.
    package var runs: [WindowRun<Window>]

    /// Classifies every window.
    package init(windows: [Window], detector: Detector<Window>, modelSource: String, explain: Bool = true) {
        self.modelSource = modelSource
        self.kind = detector.model.kind
        self.classNames = detector.classNames
        self.verdicts = windows.map { detector.classify($0, explain: explain) }
        self.runs = WindowRun.runs(windows: windows, verdicts: verdicts)
    }

    /// Windows per verdict class, every model class listed (and `unknown_anomaly` when a
    /// site gate raised any).
    package var windowsPerClass: [(name: String, windows: Int)] {
        var names = classNames
        if verdicts.contains(where: { $0.className == ClassLabel.unknownAnomaly }) { names.append(ClassLabel.unknownAnomaly) }
        return names.map { name in (name, verdicts.filter { $0.className == name }.count) }
    }
}

extension Detection where Window: SiteMetricWindow {
    /// Passes every verdict, in window order, through `gate` (the site's baseline), keeps
    /// each window's scores against the site in its site-relative features, then regroups
    /// the runs.
    package mutating func apply(_ gate: inout SiteGate<Window>, windows: inout [Window]) {
        for index in windows.indices { verdicts[index] = gate.judge(&windows[index], verdict: verdicts[index]) }
        runs = WindowRun.runs(windows: windows, verdicts: verdicts)
    }
}

/// The verdicts over packet windows, and the attack runs.
package typealias PacketDetection = Detection<WindowRecord>
/// The verdicts over access-log windows, and the degradation runs.
package typealias LogDetection = Detection<LogWindowRecord>
