import Foundation

/// A fixed transform applied to every raw feature before standardisation.
///
/// Traffic features are heavy-tailed (a flood has a thousand times the packets of a quiet
/// second); `log1p` compresses that range so naive Bayes' Gaussians and the network's inputs
/// see comparable scales. Trees are unaffected by monotone transforms.
public enum FeatureTransform: String, Sendable, Codable, CaseIterable {
    /// Values pass unchanged.
    case none
    /// `sign(x) · log(1 + |x|)`: monotone, defined everywhere, 0 stays 0.
    case log1p

    /// The transformed value.
    @inline(__always)
    public func apply(_ value: Float) -> Float {
        switch self {
        case .none: return value
        case .log1p: return value < 0 ? -Foundation.log1p(-value) : Foundation.log1p(value)
        }
    }

    /// The raw value a transformed value stands for (for printing thresholds and means).
    public func invert(_ value: Double) -> Double {
        switch self {
        case .none: return value
        case .log1p: return value < 0 ? -Foundation.expm1(-value) : Foundation.expm1(value)
        }
    }
}
