/// The mean of the last `capacity` values of a stream, O(1) per value.
struct RollingMean: Sendable {
    private var ring: [Double]
    private var head = 0
    private var count = 0
    private var sum = 0.0
    private var sinceRecompute = 0

    init(capacity: Int) {
        precondition(capacity > 0)
        ring = [Double](repeating: 0, count: capacity)
    }

    /// The mean of the values held (0 when empty).
    var mean: Double { count == 0 ? 0 : sum / Double(count) }

    /// Adds `value`, dropping the oldest one when full.
    mutating func append(_ value: Double) {
        if count == ring.count { sum -= ring[head] } else { count += 1 }
        ring[head] = value
        sum += value
        head = head + 1 == ring.count ? 0 : head + 1
        sinceRecompute += 1
        if sinceRecompute >= ring.count {
            sinceRecompute = 0
            sum = ring.prefix(count).reduce(0, +)
        }
    }
}
