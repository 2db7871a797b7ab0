/// The smallest and largest of the last `capacity` values of a stream, O(1) amortised per
/// value: the long memory of ``StreamingAnomalyScorer`` (has the series been here before?).
struct RollingRange: Sendable {
    private var maxima: RollingExtremum
    private var minima: RollingExtremum
    /// The values seen so far (not capped at the capacity).
    private(set) var seen = 0

    init(capacity: Int) {
        precondition(capacity > 0)
        maxima = RollingExtremum(capacity: capacity, keepsLargest: true)
        minima = RollingExtremum(capacity: capacity, keepsLargest: false)
    }

    /// Whether `value` lies within the range of the values held (false when empty).
    func contains(_ value: Double) -> Bool {
        seen > 0 && value >= minima.value && value <= maxima.value
    }

    /// Adds `value`, dropping the oldest one when full.
    mutating func append(_ value: Double) {
        maxima.append(value, at: seen)
        minima.append(value, at: seen)
        seen += 1
    }
}
