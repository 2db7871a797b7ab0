/// ``AnomalyScorer`` for a live series, one point at a time: the first
/// ``AnomalyScorer/warmup`` points fit the model and score 0, every later point is scored
/// from the past only and then learnt from (the same rules as ``AnomalyScorer/score(_:)``).
public struct StreamingAnomalyScorer: Sendable {
    /// The settings (``AnomalyScorer/warmup`` is the number of points fitted before scoring).
    public let settings: AnomalyScorer
    private let warmup: Int
    private var history: [Double] = []
    private var fitted: Fitted?

    private struct Fitted {
        var model: HoltWintersModel
        var state: HoltWintersModel.Run
        var season: Int
        var multiplicative: Bool
        var variance: Double
    }

    /// Creates a scorer that fits after `settings.warmup` points (default 120, at least 10).
    public init(settings: AnomalyScorer) {
        self.init(settings: settings, minimumWarmup: 10)
    }

    init(settings: AnomalyScorer, minimumWarmup: Int) {
        self.settings = settings
        self.warmup = max(minimumWarmup, settings.warmup ?? 120)
    }

    /// Whether the warm-up is over (points are being scored).
    public var isScoring: Bool { fitted != nil }

    /// Scores `value` (seen at `time`) against the forecast from the points before it, then
    /// learns it. During the warm-up the score is 0.
    public mutating func observe(_ value: Double, time: Double) -> AnomalyPoint {
        guard var current = fitted else {
            history.append(value)
            if history.count >= warmup {
                fitted = fit(history)
                // A series the model cannot fit yet: keep the latest points and try again.
                if fitted == nil { history.removeFirst(history.count - warmup + 1) } else { history = [] }
            }
            return AnomalyPoint(time: time, value: value, forecast: nil, score: 0, isAnomaly: false)
        }
        let forecast = current.model.predict(current.state, season: current.season)
        let sigma = current.variance.squareRoot()
        let error = value - forecast
        let width = NormalDistribution.quantile(0.5 + settings.level / 2) * sigma
        let score = abs(error) / (abs(error) + width)
        let clipped = min(max(error, -4 * sigma), 4 * sigma)
        var admitted = forecast + clipped
        if current.multiplicative { admitted = max(admitted, 1e-9) }
        current.model.update(&current.state, with: admitted, season: current.season)
        current.variance = max((1 - settings.adaptation) * current.variance + settings.adaptation * clipped * clipped,
                               1e-12 * (1 + forecast * forecast))
        fitted = current
        return AnomalyPoint(time: time, value: value, forecast: forecast, score: score, isAnomaly: score >= settings.threshold)
    }

    private func fit(_ y: [Double]) -> Fitted? {
        let m = settings.season > 1 && y.count >= 2 * settings.season + 2 ? settings.season : 1
        guard let fit = try? HoltWinters().fit(y, season: m, horizon: 1) else { return nil }
        let model = HoltWintersModel(configuration: fit.configuration, alpha: fit.alpha, beta: fit.beta, gamma: fit.gamma, phi: fit.phi)
        let state = model.run(y, season: m)
        let variance = max(state.squaredErrors / Double(y.count), 1e-12 * (1 + (y.map { $0 * $0 }.max() ?? 0)))
        return Fitted(model: model, state: state, season: m, multiplicative: fit.configuration.seasonality == .multiplicative,
                      variance: variance)
    }
}
