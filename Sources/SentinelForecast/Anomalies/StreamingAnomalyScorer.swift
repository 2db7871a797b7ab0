import Foundation

/// ``AnomalyScorer`` for a live series, one point at a time, in O(1) amortised time and
/// O(``AnomalyScorer/window`` + ``AnomalyScorer/season`` + 4 000) memory: the first
/// ``AnomalyScorer/warmupLength`` points only fill the windows and score 0, every later point
/// is scored from the past only and then learnt from.
public struct StreamingAnomalyScorer: Sendable {
    /// The settings.
    public let settings: AnomalyScorer
    /// Where the combined distance 6.9 (the default threshold's) maps to 0.6: `6.9 / ln 2.5`.
    static let scale = 3 * Foundation.log(10.0) / Foundation.log(2.5)
    static let shiftWeight = 3.0
    static let extremeWeight = 30.0
    static let seasonalShortWindow = 5
    static let suppressedScale = 0.3
    static let spreadFloor = 1e-3
    /// The long memory: the values whose range tells whether a value is new to the series.
    package static let longWindow = 4_000
    /// The values seen before the long memory is used.
    static let longAfter = 2_000
    /// The factor on the spike, shift and new-extreme distances of a value within the range
    /// of the long memory: the series has been there before, so it surprises less.
    static let familiarFactor = 0.2
    /// The same factor for a value beyond that range: the series has not been there for a
    /// long time, so it surprises more.
    static let unfamiliarFactor = 1.5
    /// The longest week (seven seasons) the weekly signal keeps, in points: a week of minutes.
    static let longestWeek = 10_080
    /// The seasonal echo, before the long memory is on (with a season): a value within
    /// ``echoTolerance`` of its distance from the mean of one of the values one to
    /// ``echoSeasons`` seasons ago, give or take ``echoSlack`` points, has its spike, shift and
    /// new-extreme distances scaled by ``echoFactor`` — a spike the series shows every day at
    /// about that time.
    static let echoSeasons = 3
    static let echoSlack = 8
    static let echoTolerance = 0.2
    static let echoFactor = 0.25
    /// The alarm echo: the daily (weekly) seasonal distance of a point within
    /// ``alarmEchoSlack`` points of one season (one week) after an alarm is scaled by
    /// ``alarmEchoFactor`` — its seasonal difference sees that alarm again, not today.
    static let alarmEchoSlack = 5
    static let alarmEchoFactor = 0.3
    /// The seasonal long memory (with a season): from ``longAfter`` values on, the daily
    /// seasonal distance of a point whose mean of the last few seasonal differences lies within
    /// the range of the last ``longWindow`` such means is scaled by this — that day-to-day
    /// change has been seen before.
    static let familiarSeasonalFactor = 0.8
    /// Agreement: when the value is unusual against the trailing window (the largest of the
    /// spike, shift and new-extreme distances) *and* against the same time a day or a week
    /// before (the seasonal distance), the smaller of the two adds this share of itself to the
    /// larger — two views of the past that agree are more evidence than either alone. Only
    /// for a value no familiarity rule has recognised (the long memory, the seasonal echo, the
    /// seasonal long memory): what the series has done before is not made news again.
    static let agreementWeight = 0.7

    private var values: RollingWindow
    private var recent: RollingMean
    private var seasonal: SeasonalDifferences?
    /// The same signal one week back (seven seasons), for weekly patterns (a holiday).
    private var weekly: SeasonalDifferences?
    private var longRange = RollingRange(capacity: StreamingAnomalyScorer.longWindow)
    /// The values of about one season ago, for the seasonal echo (with a season).
    private var echo: SeasonalEcho?
    /// The alarms of the last season (week), for the alarm echo (with a season).
    private var recentAlarms: RecentAlarms?
    /// The seasonal long memory: the range of the daily signal's recent means (with a season).
    private var seasonalRange: RollingRange?
    private var seen = 0
    private var lastAlarm = Int.min / 2
    /// Values of the current alarm episode, not yet learnt: the baseline holds still while a
    /// change lasts, up to ``AnomalyScorer/hold`` points, and then learns them all at once.
    private var held: [Double] = []

    /// Creates a scorer.
    public init(settings: AnomalyScorer) {
        self.settings = settings
        values = RollingWindow(capacity: max(2, settings.window))
        recent = RollingMean(capacity: settings.shortWindow)
        if settings.season > 1 {
            seasonal = SeasonalDifferences(
                season: settings.season, window: max(2, settings.window),
                shortWindow: Self.seasonalShortWindow, startsAt: settings.season + settings.warmupLength)
        }
        if settings.season > 1 { echo = SeasonalEcho(season: settings.season, seasons: Self.echoSeasons, slack: Self.echoSlack) }
        let week = 7 * settings.season
        if settings.season > 1, week <= Self.longestWeek {
            weekly = SeasonalDifferences(
                season: week, window: max(2, settings.window), shortWindow: Self.seasonalShortWindow,
                startsAt: week + settings.warmupLength)
        }
        if settings.season > 1 {
            seasonalRange = RollingRange(capacity: Self.longWindow)
            recentAlarms = RecentAlarms(span: (weekly == nil ? settings.season : week) + Self.alarmEchoSlack + 2)
        }
    }

    /// Whether the warm-up is over (points are being scored).
    public var isScoring: Bool { seen > settings.warmupLength }

    /// Scores `value` (seen at `time`) from the points before it, then learns it. During the
    /// warm-up the score is 0 and the forecast nil. A value that is not finite scores 0 and
    /// is not learnt.
    public mutating func observe(_ value: Double, time: Double) -> AnomalyPoint {
        guard value.isFinite else {
            return AnomalyPoint(time: time, value: value, forecast: isScoring ? values.mean : nil, score: 0, isAnomaly: false)
        }
        let index = seen
        seen += 1
        // The long memory: within the range of the last `longWindow` values a value surprises
        // less, beyond it more (from `longAfter` values on).
        var longFactor = 1.0
        // Whether a familiarity rule recognised the value (no agreement bonus then).
        var familiar = false
        if index >= Self.longAfter {
            familiar = longRange.contains(value)
            longFactor = familiar ? Self.familiarFactor : Self.unfamiliarFactor
        }
        longRange.append(value)
        recent.append(value)
        let range = values.isEmpty ? 0 : values.maximum - values.minimum
        recentAlarms?.start(index)
        // Each observed first, then scaled: a mutating call inside the scaling call's arguments
        // would copy the signals' windows on every point.
        var daily = seasonal?.observe(value, at: index, spreadFloor: Self.spreadFloor * range) ?? 0
        if let dailyMean = seasonal?.recentMean {
            if index >= Self.longAfter, seasonalRange?.contains(dailyMean) == true {
                daily *= Self.familiarSeasonalFactor
                familiar = true
            }
            seasonalRange?.append(dailyMean)
        }
        let sameWeekday = weekly?.observe(value, at: index, spreadFloor: Self.spreadFloor * range) ?? 0
        let seasonalDistance = max(
            seasonalEchoing(daily, season: settings.season, at: index),
            seasonalEchoing(sameWeekday, season: 7 * settings.season, at: index))
        guard index >= settings.warmupLength, !values.isEmpty else {
            values.append(value)
            echo?.append(value)
            return AnomalyPoint(time: time, value: value, forecast: nil, score: 0, isAnomaly: false)
        }
        let mean = values.mean
        // The seasonal echo: before the long memory, a value the series had one to three seasons
        // ago at about this time (within a fifth of its distance from the mean) surprises less.
        if index < Self.longAfter {
            if echo?.recurs(value, tolerance: Self.echoTolerance * abs(value - mean)) == true {
                longFactor *= Self.echoFactor
                familiar = true
            }
            echo?.append(value)
        }
        let spread = max(values.standardDeviation, Self.spreadFloor * range, 1e-9)
        let spike = longFactor * abs(value - mean) / spread
        let shift = longFactor * Self.shiftWeight * abs(recent.mean - mean) / spread
        var extreme = 0.0
        if range > 0 {
            extreme = longFactor * Self.extremeWeight * max(0, (value - values.maximum) / range, (values.minimum - value) / range)
        }
        let pointwise = max(spike, shift, extreme)
        var distance = max(pointwise, seasonalDistance)
        if !familiar { distance += Self.agreementWeight * min(pointwise, seasonalDistance) }
        let unsuppressed = 1 - Foundation.exp(-distance / Self.scale)
        var score = unsuppressed
        if index - lastAlarm < settings.suppression {
            score *= Self.suppressedScale
        } else if score >= settings.threshold {
            lastAlarm = index
            recentAlarms?.mark(index)
        }
        // An episode starts at an alarm and lasts while the points stay anomalous.
        learn(value, anomalous: lastAlarm == index || (!held.isEmpty && unsuppressed >= settings.threshold))
        return AnomalyPoint(time: time, value: value, forecast: mean, score: score, isAnomaly: score >= settings.threshold)
    }

    /// A seasonal `distance` (over `season` points) at the `index`-th point, scaled by
    /// ``alarmEchoFactor`` when an alarm was raised about one season before.
    private func seasonalEchoing(_ distance: Double, season: Int, at index: Int) -> Double {
        guard distance > 0, let recentAlarms,
            recentAlarms.any(around: index - season, within: Self.alarmEchoSlack, before: index)
        else { return distance }
        return distance * Self.alarmEchoFactor
    }

    /// Learns `value` into the trailing window, or holds it while an alarm episode lasts.
    private mutating func learn(_ value: Double, anomalous: Bool) {
        if anomalous, held.count + 1 < settings.hold {
            held.append(value)
            return
        }
        for old in held { values.append(old) }
        held.removeAll(keepingCapacity: true)
        values.append(value)
    }
}
