import Foundation

/// Online anomaly scoring of a series: each point is scored only from the points before it,
/// so the same scorer watches a live series (``StreamingAnomalyScorer``) and scores a file.
///
/// Four signals, each a distance in units of the recent spread, are combined by their maximum
/// (`docs/anomalies.md` gives the measurements behind each choice):
///
/// 1. **spike**: `|y − mean| / sd` against the trailing ``window`` of values;
/// 2. **shift**: the mean of the last ``shortWindow`` values (this one included) against the
///    same mean and spread, weighted 3: a level shift or a slow drift that no single point
///    makes obvious;
/// 3. **new extreme**: how far the value leaves the range of the trailing window, as a share
///    of that range, weighted 30: a value the series has not reached within the window;
/// 4. **seasonal**: when ``season`` > 1, the mean of the last 5 seasonal differences
///    `y[t] − y[t − season]` against the spread of the trailing window of such differences:
///    a day that does not look like the day before; and the same one week back (seven
///    seasons, when that is at most 10 080 points): a holiday that does not look like the
///    same weekday the week before.
///
/// **Long memory**: once 2 000 values have been seen, a value within the range of the last
/// 4 000 has its spike, shift and new-extreme distances scaled by 0.2 — the series has been
/// there before (a recurring burst, a busy hour), so it surprises less than the short window
/// alone says — and a value beyond that range by 1.5: the series has not been there for a
/// long time. The seasonal signals are not scaled.
///
/// **Echoes** (with a season): before the long memory acts, a value that one of the values one
/// to three seasons ago (± 8 points) matches to within a fifth of its distance from the mean has
/// those three distances scaled by 0.25 — a spike the series shows every day at that time; and
/// the daily (weekly) seasonal distance of a point within 5 points of one season (week) after
/// an alarm is scaled by 0.3 — its seasonal difference sees that alarm again, not today.
///
/// **Seasonal long memory** (with a season): from the 2 000th value, the daily seasonal
/// distance of a point whose mean of the last 5 differences lies within the range of the last
/// 4 000 such means is scaled by 0.8 — the series has changed that much from one day to the
/// next before.
///
/// The spread is floored at 0.1 % of the window's range, so a flat series does not turn every
/// wiggle into an alarm. The combined distance `d` becomes the score `1 − exp(−d / 7.54)` in
/// [0, 1); the default threshold 0.6 is a distance of 6.9. After a point reaches the
/// threshold the next ``suppression`` points are scaled by 0.3 (alarm suppression: one
/// change, one alarm), and the first ``warmup`` points only fill the windows and score 0.
/// While a change lasts (up to ``hold`` points) its values are kept out of the trailing
/// window, so a lasting degradation keeps scoring against the baseline before it; then the
/// held values are learnt at once and the new level becomes the baseline.
public struct AnomalyScorer: Sendable {
    /// The season length in points (1: none).
    public var season: Int
    /// The score at and above which a point is labelled an anomaly, in (0, 1).
    public var threshold: Double
    /// Points that only fill the windows and are not scored; nil: ``defaultWarmup``.
    public var warmup: Int?
    /// The trailing window of values the spread and range come from, in points.
    public var window: Int
    /// The points after an alarm whose scores are scaled down.
    public var suppression: Int
    /// The most points of one alarm episode kept out of the trailing window: while a change
    /// lasts the baseline holds still (so a lasting degradation stays anomalous), and after
    /// this many points the change is learnt at once (fast adaptation). 1: learn every point.
    public var hold: Int

    /// The warm-up when none is given.
    public static let defaultWarmup = 50
    /// The trailing window when none is given.
    public static let defaultWindow = 800
    /// The points after an alarm that are suppressed when nothing else is said.
    public static let defaultSuppression = 120
    /// The alarm episode held out of the baseline when nothing else is said.
    public static let defaultHold = 60
    /// The points averaged by the shift signal.
    public let shortWindow = 20

    /// Creates a scorer.
    public init(
        season: Int, threshold: Double = 0.6, warmup: Int? = nil,
        window: Int = AnomalyScorer.defaultWindow, suppression: Int = AnomalyScorer.defaultSuppression,
        hold: Int = AnomalyScorer.defaultHold
    ) {
        self.hold = hold
        self.season = max(1, season)
        self.threshold = threshold
        self.warmup = warmup
        self.window = window
        self.suppression = suppression
    }

    /// The warm-up length actually used.
    public var warmupLength: Int { max(1, warmup ?? Self.defaultWarmup) }

    /// Checks the settings.
    ///
    /// - Throws: ``ForecastError/invalidSetting(_:)`` naming the setting and its range.
    public func validate() throws(ForecastError) {
        guard threshold > 0, threshold < 1 else { throw .invalidSetting("the threshold \(threshold) must be strictly between 0 and 1") }
        guard window >= 10, window <= 1_000_000 else { throw .invalidSetting("the window \(window) must be between 10 and 1000000 points") }
        guard suppression >= 0, suppression <= 1_000_000 else {
            throw .invalidSetting("the suppression \(suppression) must be between 0 and 1000000 points")
        }
        guard hold >= 1, hold <= 100_000 else { throw .invalidSetting("the hold \(hold) must be between 1 and 100000 points") }
        guard season >= 1, season <= 1_000_000 else { throw .invalidSetting("the season \(season) must be between 1 and 1000000 points") }
        if let warmup, warmup < 1 || warmup > 10_000_000 {
            throw .invalidSetting("the warm-up \(warmup) must be between 1 and 10000000 points")
        }
    }

    /// Scores every value of `values` (seen at `times`), in order: one point per value.
    ///
    /// - Throws: ``ForecastError`` for bad settings.
    public func score(values: [Double], times: [Double]) throws(ForecastError) -> [AnomalyPoint] {
        precondition(values.count == times.count)
        try validate()
        var streaming = StreamingAnomalyScorer(settings: self)
        return values.indices.map { streaming.observe(values[$0], time: times[$0]) }
    }

    /// Scores every point of `series`.
    ///
    /// - Throws: ``ForecastError`` for bad settings.
    public func score(_ series: LoadSeries) throws(ForecastError) -> [AnomalyPoint] {
        try score(values: series.values, times: series.times)
    }
}
