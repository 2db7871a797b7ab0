/// The last `capacity` values of a stream with their mean, population standard deviation,
/// minimum and maximum, each kept in O(1) amortised time per value and O(capacity) memory.
///
/// Sums are kept relative to a reference value and recomputed exactly every `capacity`
/// values, so a series of large values with a small spread keeps its precision.
struct RollingWindow: Sendable {
    /// The most values kept.
    let capacity: Int
    private var ring: [Double]
    private var head = 0
    private(set) var count = 0
    private var reference = 0.0
    private var sum = 0.0
    private var sumOfSquares = 0.0
    private var sinceRecompute = 0
    private var maxima: RollingExtremum
    private var minima: RollingExtremum
    private var pushed = 0

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        ring = [Double](repeating: 0, count: capacity)
        maxima = RollingExtremum(capacity: capacity, keepsLargest: true)
        minima = RollingExtremum(capacity: capacity, keepsLargest: false)
    }

    /// Whether the window holds no value yet.
    var isEmpty: Bool { count == 0 }

    /// The mean of the values held.
    var mean: Double { count == 0 ? 0 : reference + sum / Double(count) }

    /// The population standard deviation of the values held.
    var standardDeviation: Double {
        guard count > 1 else { return 0 }
        let n = Double(count)
        return max(0, (sumOfSquares - sum * sum / n) / n).squareRoot()
    }

    /// The largest value held.
    var maximum: Double { maxima.value }

    /// The smallest value held.
    var minimum: Double { minima.value }

    /// Adds `value`, dropping the oldest one when the window is full.
    mutating func append(_ value: Double) {
        if count == 0 { reference = value }
        if count == capacity {
            let old = ring[head] - reference
            sum -= old
            sumOfSquares -= old * old
        } else {
            count += 1
        }
        ring[head] = value
        head = head + 1 == capacity ? 0 : head + 1
        let shifted = value - reference
        sum += shifted
        sumOfSquares += shifted * shifted
        maxima.append(value, at: pushed)
        minima.append(value, at: pushed)
        pushed += 1
        sinceRecompute += 1
        if sinceRecompute >= capacity { recompute() }
    }

    /// Recomputes the sums exactly around the current mean.
    private mutating func recompute() {
        sinceRecompute = 0
        reference = mean
        sum = 0
        sumOfSquares = 0
        var index = head - count
        if index < 0 { index += capacity }
        for _ in 0..<count {
            let shifted = ring[index] - reference
            sum += shifted
            sumOfSquares += shifted * shifted
            index = index + 1 == capacity ? 0 : index + 1
        }
    }
}
