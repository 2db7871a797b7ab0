import Foundation

/// An unusual stretch that a ``SiteBaseline`` holds out while it may still be adopted as the
/// site's new normal: per metric the count, sum and sum of squares of `log(1 + value)` (the
/// tracks' units), so its memory is bounded by the number of metrics. A stretch in which a
/// window was named an attack is not kept: it waits the full hold and is never adopted.
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

    /// An empty stretch.
    public init() {}

    /// Adds a window's metrics.
    public mutating func add(_ metrics: [String: Double]) {
        for (name, value) in metrics where value.isFinite {
            self.metrics[name, default: Moments()].add(log1p(max(0, value)))
        }
    }
}
