import Foundation

/// An unusual stretch that a ``SiteBaseline`` holds out while it may still be adopted as the
/// site's new normal: per metric the count, sum and sum of squares of `log(1 + value)` (the
/// tracks' units), so its memory is bounded by the number of metrics. A stretch in which a
/// window was named an attack is not kept: it waits the full hold and is never adopted.
///
/// A stretch goes on through a lull of usual windows shorter than ``lullSeconds`` (their
/// metrics are added too, so what is adopted is the site's new mix of bursts and lulls): a site
/// that turns bursty — seconds of unusual traffic between ordinary ones — is one stretch, not
/// dozens too short to be adopted.
public struct HeldStretch: Sendable, Codable, Equatable {
    /// One metric's moments over the stretch, in `log(1 + value)`.
    public struct Moments: Sendable, Codable, Equatable {
        /// Windows seen.
        public var count = 0
        /// The sum of the values.
        public var sum = 0.0
        /// The sum of their squares.
        public var squares = 0.0

        /// Adds one value.
        mutating func add(_ x: Double) {
            count += 1
            sum += x
            squares += x * x
        }

        /// The mean over the stretch.
        public var mean: Double { count > 0 ? sum / Double(count) : 0 }

        /// The spread over the stretch as a mean absolute deviation (0.8 standard deviations,
        /// as for normal noise), the unit ``BaselineTrack/spread`` is kept in.
        public var spread: Double {
            guard count > 1 else { return 0 }
            return 0.8 * sqrt(max(0, squares / Double(count) - mean * mean))
        }
    }

    /// The moments by metric name.
    public private(set) var metrics: [String: Moments] = [:]
    /// Seconds of usual windows since the stretch's last unusual one.
    public private(set) var usualSeconds = 0.0

    /// The longest lull of usual windows a stretch goes on through (30 seconds).
    public static let lullSeconds = 30.0

    /// An empty stretch.
    public init() {}

    /// Decodes a stretch; `usualSeconds` may be absent (stretches stored before it existed).
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        metrics = try values.decode([String: Moments].self, forKey: .metrics)
        usualSeconds = try values.decodeIfPresent(Double.self, forKey: .usualSeconds) ?? 0
    }

    /// Adds an unusual window's metrics; the lull, if any, is over.
    public mutating func add(_ metrics: [String: Double]) {
        usualSeconds = 0
        addMoments(metrics)
    }

    /// Adds a usual window of `seconds` inside the stretch; false (and nothing added) when the
    /// lull would last longer than ``lullSeconds``: the stretch is over.
    public mutating func addUsual(_ metrics: [String: Double], seconds: Double) -> Bool {
        guard usualSeconds + seconds <= Self.lullSeconds else { return false }
        usualSeconds += seconds
        addMoments(metrics)
        return true
    }

    private mutating func addMoments(_ metrics: [String: Double]) {
        for (name, value) in metrics where value.isFinite {
            self.metrics[name, default: Moments()].add(log1p(max(0, value)))
        }
    }
}
