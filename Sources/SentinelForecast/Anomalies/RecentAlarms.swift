/// Which of the last `span` points raised an alarm, for ``StreamingAnomalyScorer``'s seasonal
/// signals: a point one season (or one week) after an alarm sees that alarm again in its
/// seasonal difference. Keeps the running count of alarms at each of those points, so whether
/// a stretch of them holds an alarm is two look-ups: O(1) per point, `span` counts of memory.
struct RecentAlarms: Sendable {
    /// The alarms raised up to and including each of the last `span` points.
    private var totals: [Int]
    private var total = 0

    /// - Parameter span: the points remembered (> 1).
    init(span: Int) {
        precondition(span > 1)
        totals = [Int](repeating: 0, count: span)
    }

    /// Starts the `index`-th point: forgets the point `span` before it.
    mutating func start(_ index: Int) { totals[index % totals.count] = total }

    /// Records an alarm at the `index`-th point (the one started last).
    mutating func mark(_ index: Int) {
        total += 1
        totals[index % totals.count] = total
    }

    /// Whether a point within `slack` of `center`, before the `index`-th point and no earlier
    /// than `index − span + 2` (the count before it must still be held), raised an alarm.
    func any(around center: Int, within slack: Int, before index: Int) -> Bool {
        let first = max(0, center - slack, index - totals.count + 2)
        let last = min(center + slack, index - 1)
        guard first <= last else { return false }
        let before = first == 0 ? 0 : totals[(first - 1) % totals.count]
        return totals[last % totals.count] > before
    }
}
