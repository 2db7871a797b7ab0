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

    /// Prepares `model` for windows.
    /// - Throws: ``ModelError/featureMismatch(missing:extra:)`` when the model reads
    ///   features that windows do not have (a model trained on a CSV of flows, say).
    public init(model: DetectionModel) throws(ModelError) {
        self.model = model
        self.columns = try model.columns(in: WindowFeatures.names)
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
        if window.packets == 0, window.features[.openFlows] == 0, let empty = model.emptyWindowVerdict { return empty }
        return model.verdict(row: row(window), explain: explain)
    }
}
