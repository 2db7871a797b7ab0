/// Whether a value was already there one, two or three seasons ago, give or take a few
/// points: a spike the series shows every day at about the same time (a nightly job, a daily
/// backup). Used by ``StreamingAnomalyScorer`` before its long memory is on, when such a spike
/// would otherwise alarm every day. Keeps the last `seasons · season + slack` values and looks
/// at `seasons · (2 · slack + 1)` of them per value.
struct SeasonalEcho: Sendable {
    private let season: Int
    private let seasons: Int
    private let slack: Int
    private var ring: [Double]
    /// The values seen so far (not capped).
    private var seen = 0

    /// - Parameters:
    ///   - season: the season length in points (> 1).
    ///   - seasons: how many seasons back are looked at (≥ 1).
    ///   - slack: how many points before or after the same time are looked at.
    init(season: Int, seasons: Int, slack: Int) {
        precondition(season > 1 && seasons >= 1 && slack >= 0)
        self.season = season
        self.seasons = seasons
        self.slack = slack
        ring = [Double](repeating: 0, count: seasons * season + slack)
    }

    /// Whether one of the values `k · season ± slack` points before the next one (k = 1 …
    /// `seasons`, and before it) lies within `tolerance` of `value`.
    func recurs(_ value: Double, tolerance: Double) -> Bool {
        let next = seen
        for back in 1...seasons {
            let first = max(0, next - back * season - slack)
            let last = min(next - back * season + slack, next - 1)
            guard first <= last else { continue }
            for index in first...last where abs(ring[index % ring.count] - value) <= tolerance { return true }
        }
        return false
    }

    /// Learns the next value.
    mutating func append(_ value: Double) {
        ring[seen % ring.count] = value
        seen += 1
    }
}
