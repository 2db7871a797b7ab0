/// The largest (or smallest) of the last `capacity` values of a stream: a monotonic queue of
/// candidates in a ring, O(1) amortised per value.
struct RollingExtremum: Sendable {
    private let capacity: Int
    private let keepsLargest: Bool
    private var values: [Double]
    private var positions: [Int]
    private var front = 0
    private var count = 0

    init(capacity: Int, keepsLargest: Bool) {
        self.capacity = capacity
        self.keepsLargest = keepsLargest
        values = [Double](repeating: 0, count: capacity + 1)
        positions = [Int](repeating: 0, count: capacity + 1)
    }

    /// The extremum of the values in the window (0 when empty).
    var value: Double { count == 0 ? 0 : values[front] }

    /// Adds `value`, the stream's `position`-th value.
    mutating func append(_ value: Double, at position: Int) {
        let slots = capacity + 1
        // Drop candidates the new value dominates, from the back.
        while count > 0 {
            let back = (front + count - 1) % slots
            let dominated = keepsLargest ? values[back] <= value : values[back] >= value
            if !dominated { break }
            count -= 1
        }
        let slot = (front + count) % slots
        values[slot] = value
        positions[slot] = position
        count += 1
        // Drop the front candidate once it has left the window.
        while count > 0, positions[front] <= position - capacity {
            front = (front + 1) % slots
            count -= 1
        }
    }
}
