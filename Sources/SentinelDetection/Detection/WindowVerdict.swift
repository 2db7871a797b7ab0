import SentinelCore
import SentinelLearning

/// What the model said about one window.
package struct WindowVerdict: Sendable, Equatable {
    /// The class with the highest probability.
    package var className: String
    /// That probability.
    package var confidence: Double
    /// One probability per class, in the model's class order.
    package var probabilities: [Double]
    /// Why (nil for a window with no traffic, which needs no model).
    package var explanation: Explanation?

    /// Creates a verdict.
    package init(className: String, confidence: Double, probabilities: [Double], explanation: Explanation?) {
        self.className = className
        self.confidence = confidence
        self.probabilities = probabilities
        self.explanation = explanation
    }

    /// True when the class is not `normal`.
    package var isAttack: Bool { className != ClassLabel.normal }
}
