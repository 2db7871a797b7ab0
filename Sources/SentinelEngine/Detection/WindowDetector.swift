import SentinelFeatures
import SentinelLearning

/// Classifies windows with a ``DetectionModel`` trained on window features.
///
/// The model may read any subset of ``WindowFeature`` in any order; the mapping is worked out
/// once here. A window without packets or open flows has nothing to judge and is `normal`.
public struct WindowDetector: Sendable {
    /// The model.
    public let model: DetectionModel
    private let columns: [Int]
    private let normalIndex: Int?

    /// Prepares `model` for windows.
    /// - Throws: ``ModelError/featureMismatch(missing:extra:)`` when the model reads
    ///   features that windows do not have (a model trained on a CSV of flows, say).
    public init(model: DetectionModel) throws(ModelError) {
        let mapping = try model.columnMapping(from: WindowFeatures.names)
        var columns: [Int] = []
        for (name, column) in zip(model.featureNames, mapping) {
            guard let column else { throw .featureMismatch(missing: [name], extra: []) }
            columns.append(column)
        }
        self.model = model
        self.columns = columns
        self.normalIndex = model.classNames.firstIndex(of: CaptureLabels.normal)
    }

    /// The class names, in probability order.
    public var classNames: [String] { model.classNames }

    /// The model's row for a window: its features in the model's order.
    public func row(_ window: WindowRecord) -> [Float] {
        columns.map { Float(window.features.values[$0]) }
    }

    /// Classifies one window.
    /// - Parameter explain: also work out an explanation (costs a few predictions).
    public func classify(_ window: WindowRecord, explain: Bool = true) -> WindowVerdict {
        if window.packets == 0, window.features[.openFlows] == 0, let normalIndex {
            var p = [Double](repeating: 0, count: classNames.count)
            p[normalIndex] = 1
            return WindowVerdict(className: CaptureLabels.normal, confidence: 1, probabilities: p, explanation: nil)
        }
        let row = self.row(window)
        // Window features are finite by construction; a NaN would be a bug upstream.
        let p = (try? model.probabilities(raw: row)) ?? [Double](repeating: 1 / Double(classNames.count), count: classNames.count)
        let best = model.decide(p)
        return WindowVerdict(className: classNames[best], confidence: p[best], probabilities: p,
                             explanation: explain ? model.explain(raw: row) : nil)
    }
}
