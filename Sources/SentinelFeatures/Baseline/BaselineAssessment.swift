import Foundation

/// How one window compares with a site's normal (``SiteBaseline/assess(_:)``).
public struct BaselineAssessment: Sendable, Equatable {
    /// One metric's comparison.
    public struct Metric: Sendable, Equatable {
        /// The metric's name.
        public var name: String
        /// The window's value.
        public var value: Double
        /// The site's normal value (the learnt level).
        public var normal: Double
        /// `(1 + value) / (1 + normal)`: 3 means three times the usual.
        public var ratio: Double
        /// The robust z-score in log space; positive above normal.
        public var z: Double
    }

    /// Every metric the baseline knows, by name.
    public var metrics: [Metric]
    /// Whether the baseline has learnt its warm-up (before that nothing is unusual).
    public var isWarm: Bool
    /// The z-score at which a metric is unusual.
    public var unusualZ: Double

    /// The metric furthest above its normal, if any.
    public var mostUnusual: Metric? { metrics.max { $0.z < $1.z } }

    /// A score in [0, 1): `1 − exp(−z⁺ / unusualZ · ln 2)`, so the unusual threshold scores 0.5;
    /// 0 before the warm-up.
    public var score: Double {
        guard isWarm, let top = mostUnusual, top.z > 0 else { return 0 }
        return 1 - exp(-top.z / unusualZ * log(2))
    }

    /// Whether some metric is at least ``unusualZ`` above its normal (after the warm-up).
    public var isUnusual: Bool { exceeds(unusualZ) }

    /// Whether some metric is at least `z` above its normal (after the warm-up).
    public func exceeds(_ z: Double) -> Bool { isWarm && (mostUnusual?.z ?? 0) >= z }

    /// One sentence for an explanation: which metric, how many times its normal.
    public var explanation: String { explanation(unusual: isUnusual) }

    /// The sentence for a window judged unusual (`unusual`) or within the site's normal.
    public func explanation(unusual: Bool) -> String {
        guard isWarm else { return "the site's baseline is still learning" }
        guard let top = mostUnusual else { return "no metric to compare" }
        let times = String(format: "%.1f", top.ratio)
        return unusual
            ? "\(top.name) is \(times)× this site's normal (z \(String(format: "%.1f", top.z)))"
            : "within this site's normal (highest: \(top.name) at \(times)× normal, z \(String(format: "%.1f", top.z)))"
    }
}
