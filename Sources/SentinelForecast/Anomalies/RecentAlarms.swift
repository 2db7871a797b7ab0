/// Which of the last `span` points raised an alarm, for ``StreamingAnomalyScorer``'s seasonal
/// signals: a point one season (or one week) after an alarm sees that alarm again in its
/// seasonal difference. O(1) per point, `span` flags of memory.
struct RecentAlarms: Sendable {
    private var flags: [Bool]

    /// - Parameter span: the points remembered (> 0).
    init(span: Int) {
        precondition(span > 0)
        flags = [Bool](repeating: false, count: span)
    }

    /// Starts the `index`-th point: forgets the point `span` before it.
    mutating func start(_ index: Int) { flags[index % flags.count] = false }

    /// Records an alarm at the `index`-th point (the one started last).
    mutating func mark(_ index: Int) { flags[index % flags.count] = true }

    /// Whether a point within `slack` of `center`, before the `index`-th point and still
    /// remembered, raised an alarm.
    func any(around center: Int, within slack: Int, before index: Int) -> Bool {
        let first = max(0, center - slack, index - flags.count + 1)
        let last = min(center + slack, index - 1)
        guard first <= last else { return false }
        return (first...last).contains { flags[$0 % flags.count] }
    }
}
