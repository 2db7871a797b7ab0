import SentinelFeatures
import SentinelLearning

/// Classifies access-log windows with a ``DetectionModel`` trained on ``LogWindowFeature``s
/// (`normal`, `latency_degradation`, `error_spike`, …). A window without requests is `normal`.
public struct LogWindowDetector: Sendable {
    /// The model.
    public let model: DetectionModel
    private let columns: [Int]

    /// Prepares `model` for log windows.
    /// - Throws: ``ModelError/featureMismatch(missing:extra:)`` when the model reads features
    ///   log windows do not have (a packet-window model, say).
    public init(model: DetectionModel) throws(ModelError) {
        self.model = model
        self.columns = try model.columns(in: LogWindowRecord.names)
    }

    /// The class names, in probability order.
    public var classNames: [String] { model.classNames }

    /// Classifies one log window.
    /// - Parameter explain: also work out an explanation (costs a few predictions).
    public func classify(_ window: LogWindowRecord, explain: Bool = true) -> WindowVerdict {
        if window.requests == 0, let empty = model.emptyWindowVerdict { return empty }
        return model.verdict(row: columns.map { Float(window.values[$0]) }, explain: explain)
    }
}
