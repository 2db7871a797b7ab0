/// The seasonal signal of ``StreamingAnomalyScorer``: the differences `y[t] − y[t − season]`,
/// the mean of the last few against the spread of a trailing window of them.
struct SeasonalDifferences: Sendable {
    private let season: Int
    private let startsAt: Int
    private var lastSeason: [Double]
    private var differences: RollingWindow
    private var recent: RollingMean

    /// - Parameters:
    ///   - season: the season length in points (> 1).
    ///   - window: the trailing window of differences.
    ///   - shortWindow: the differences averaged for each point.
    ///   - startsAt: the first index whose difference enters the trailing window.
    init(season: Int, window: Int, shortWindow: Int, startsAt: Int) {
        self.season = season
        self.startsAt = startsAt
        lastSeason = [Double](repeating: 0, count: season)
        differences = RollingWindow(capacity: window)
        recent = RollingMean(capacity: shortWindow)
    }

    /// The mean of the last few differences (the one `observe` judged last).
    var recentMean: Double { recent.mean }

    /// Learns the `index`-th value and returns its distance (0 until one season of differences
    /// has been seen after the warm-up); the spread is floored at `spreadFloor`.
    mutating func observe(_ value: Double, at index: Int, spreadFloor: Double) -> Double {
        let slot = index % season
        let difference = index >= season ? value - lastSeason[slot] : 0
        lastSeason[slot] = value
        recent.append(difference)
        var distance = 0.0
        if index >= startsAt + season, differences.count > 20 {
            let spread = max(differences.standardDeviation, spreadFloor, 1e-9)
            distance = abs(recent.mean - differences.mean) / spread
        }
        if index >= startsAt { differences.append(difference) }
        return distance
    }
}
