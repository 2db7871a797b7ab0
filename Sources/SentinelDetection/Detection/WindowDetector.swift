import SentinelFeatures
import SentinelLearning

/// Classifies windows of one kind (packets or logs) with a ``DetectionModel`` trained on
/// their features.
///
/// The model may read any subset of the window's features in any order; the mapping is
/// worked out once here. An empty window (``DetectableWindow/isEmpty``) has nothing to judge
/// and gets the model's empty-window verdict (`normal`).
package struct Detector<Window: DetectableWindow>: Sendable {
    /// The model.
    package let model: DetectionModel
    private let columns: [Int]

    /// Prepares `model` for these windows.
    /// - Throws: ``ModelError/featureMismatch(missing:extra:)`` when the model reads
    ///   features these windows do not have (a log-window model for packet windows, or a
    ///   model trained on a CSV of flows, say).
    package init(model: DetectionModel) throws(ModelError) {
        self.model = model
        self.columns = try model.columns(in: Window.featureNames)
    }

    /// The class names, in probability order.
    package var classNames: [String] { model.classNames }

    /// The model's row for a window: its features in the model's order.
    package func row(_ window: Window) -> [Float] {
        let values = window.featureValues
        return columns.map { Float(values[$0]) }
    }

    /// Classifies one window.
    /// - Parameter explain: also work out an explanation (costs a few predictions).
    package func classify(_ window: Window, explain: Bool = true) -> WindowVerdict {
        if window.isEmpty, let empty = model.emptyWindowVerdict { return empty }
        return model.verdict(row: row(window), explain: explain)
    }
}

/// Classifies packet windows.
package typealias WindowDetector = Detector<WindowRecord>
/// Classifies access-log windows (`normal`, `latency_degradation`, `error_spike`, …).
package typealias LogWindowDetector = Detector<LogWindowRecord>
