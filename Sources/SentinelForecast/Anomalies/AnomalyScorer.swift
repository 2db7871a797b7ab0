/// Online anomaly scoring of a load series: each point is scored only from the points
/// before it, so the same scorer can watch a live series.
///
/// 1. Warm-up: Holt-Winters (form and parameters by ``HoltWinters``) is fitted on the first
///    ``warmup`` points, which are not scored (the Numenta Anomaly Benchmark's probationary
///    period); the residual variance starts as their mean squared one-step error.
/// 2. Then, for each point: the one-step forecast `ŷ` and the adaptive interval half-width
///    `w = z·σ` (`z` the normal quantile of ``level``) give the residual `e = y − ŷ` and the
///    score `|e| / (|e| + w)` in [0, 1): 0 on the forecast, 0.5 on the interval's edge, near
///    1 far outside. The point is labelled an anomaly when the score reaches ``threshold``.
/// 3. The model and `σ²` (an exponentially weighted mean of squared residuals, weight
///    ``adaptation``) are updated with the residual clipped to `±4σ`, so a spike does not
///    inflate the interval or drag the level, while a lasting level shift is learnt.
public struct AnomalyScorer: Sendable {
    /// The season length in points (1: none).
    public var season: Int
    /// The score at and above which a point is labelled an anomaly, in (0, 1).
    public var threshold: Double
    /// The coverage of the adaptive prediction interval, in (0, 1).
    public var level: Double
    /// The weight of each new squared residual in the variance.
    public var adaptation: Double
    /// Points used to fit the model and not scored; nil: 15 % of the series, at least two
    /// seasons and 10 points.
    public var warmup: Int?

    /// Creates a scorer.
    public init(season: Int, threshold: Double = 0.6, level: Double = 0.99, adaptation: Double = 0.02, warmup: Int? = nil) {
        self.season = max(1, season)
        self.threshold = threshold
        self.level = level
        self.adaptation = adaptation
        self.warmup = warmup
    }

    /// The warm-up length for a series of `count` points.
    public func warmupLength(count: Int) -> Int {
        if let warmup { return max(4, warmup) }
        let minimum = season > 1 ? 2 * season + 2 : 10
        return max(minimum, Int((0.15 * Double(count)).rounded()))
    }

    /// Scores every point of `series`.
    ///
    /// - Throws: ``SeriesError/tooShort(source:points:needed:purpose:)`` when the series is
    ///   not longer than the warm-up, ``ForecastError`` for bad settings.
    public func score(_ series: LoadSeries) throws -> [AnomalyPoint] {
        guard threshold > 0, threshold < 1 else { throw ForecastError.invalidSetting("the threshold \(threshold) must be strictly between 0 and 1") }
        guard level > 0, level < 1 else { throw ForecastError.invalidSetting("the interval level \(level) must be strictly between 0 and 1") }
        guard adaptation > 0, adaptation < 1 else { throw ForecastError.invalidSetting("the adaptation \(adaptation) must be strictly between 0 and 1") }
        let y = series.values
        let w = warmupLength(count: y.count)
        guard y.count > w else {
            throw SeriesError.tooShort(source: series.name, points: y.count, needed: w + 1, purpose: "anomaly scoring (warm-up of \(w) points)")
        }
        var settings = self
        settings.warmup = w
        var streaming = StreamingAnomalyScorer(settings: settings, minimumWarmup: 4)
        let points = y.indices.map { streaming.observe(y[$0], time: series.times[$0]) }
        guard streaming.isScoring else { throw ForecastError.invalidSetting("Holt-Winters could not be fitted on the warm-up") }
        return points
    }
}
