import SentinelCore
import SentinelLearning

/// What the model said about one window.
public struct WindowVerdict: Sendable, Equatable {
    /// The class with the highest probability.
    public var className: String
    /// That probability.
    public var confidence: Double
    /// One probability per class, in the model's class order.
    public var probabilities: [Double]
    /// Why (nil for a window with no traffic, which needs no model).
    public var explanation: Explanation?

    /// Creates a verdict.
    public init(className: String, confidence: Double, probabilities: [Double], explanation: Explanation?) {
        self.className = className
        self.confidence = confidence
        self.probabilities = probabilities
        self.explanation = explanation
    }

    /// True when the class is not `normal`.
    public var isAttack: Bool { className != ClassLabel.normal }
}
