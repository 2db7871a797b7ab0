import SentinelAlerts
import SentinelCore
import SentinelForecast

/// The online anomaly scorer on the live series: each source's load and, for logs, latency
/// p95. Each window's point is scored from the past only; an anomalous point becomes a
/// `degradation` window for the incident tracker on the target `<source> <series>`, any other
/// a normal one (which is how such an incident resolves).
struct AnomalyWatch {
    /// The class of the incidents it raises.
    static let className = "degradation"
    private let settings: AnomalyScorer
    private var scorers: [String: StreamingAnomalyScorer] = [:]

    init(configuration: SentinelConfiguration.Anomalies) {
        // No alarm suppression here: the incident tracker groups a run of anomalous windows into
        // one incident, and the scorer's hold keeps a lasting change anomalous until it is learnt.
        settings = AnomalyScorer(
            season: configuration.season, threshold: configuration.threshold, warmup: configuration.warmup,
            suppression: 0)
    }

    /// Scores `value` of `series` on `source` for the window `start..<end`; nil while the
    /// series warms up.
    mutating func observe(source: String, series: String, value: Double, start: Double, end: Double) -> WindowObservation? {
        let key = source + " " + series
        var scorer = scorers[key] ?? StreamingAnomalyScorer(settings: settings)
        let point = scorer.observe(value, time: start)
        scorers[key] = scorer
        guard let forecast = point.forecast else { return nil }
        return WindowObservation(
            start: start, end: end, className: point.isAnomaly ? Self.className : ClassLabel.normal,
            confidence: point.score, target: key, topOffenders: [],
            keyFeatures: [series: value, "forecast": forecast, "anomaly_score": point.score])
    }
}
