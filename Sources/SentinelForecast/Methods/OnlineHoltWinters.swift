/// Holt-Winters kept current one point at a time: the form and smoothing parameters are fitted
/// once (by ``HoltWinters``), then every new point updates the level, trend and season in
/// O(1), and forecasts come from the current state in O(horizon). The caller refits on a
/// schedule or when ``hasDrifted`` says the one-step errors have grown.
public struct OnlineHoltWinters: Sendable {
    private let model: HoltWintersModel
    private var state: HoltWintersModel.Run
    private let season: Int
    /// The mean squared one-step error of the fit.
    public let fittedMeanSquaredError: Double
    /// An exponentially weighted mean of the squared one-step errors since the fit.
    public private(set) var recentMeanSquaredError: Double
    /// Points appended since the fit.
    public private(set) var appendedSinceFit = 0
    /// The fitted form and parameters, for reports.
    public let summary: String

    /// Fits on `history` (the form and parameters chosen as ``HoltWinters/fit(_:season:horizon:)``
    /// does) and runs the recursions over it.
    ///
    /// - Throws: ``ForecastError`` when the history is too short or no form fits.
    public init(history: [Double], season: Int, horizon: Int) throws(ForecastError) {
        let m = max(1, season)
        let fit = try HoltWinters().fit(history, season: m, horizon: horizon)
        let usedSeason = fit.configuration.seasonality == .none ? 1 : m
        model = HoltWintersModel(configuration: fit.configuration, alpha: fit.alpha, beta: fit.beta, gamma: fit.gamma, phi: fit.phi)
        state = fit.finalRun ?? model.run(history, season: usedSeason)
        self.season = usedSeason
        fittedMeanSquaredError = state.squaredErrors / Double(max(1, state.count))
        recentMeanSquaredError = fittedMeanSquaredError
        summary = "\(fit.configuration), α=\(HoltWinters.short(fit.alpha))"
    }

    /// Learns the next point in O(1).
    public mutating func append(_ value: Double) {
        guard value.isFinite else { return }
        let predicted = model.predict(state, season: season)
        let error = value - predicted
        recentMeanSquaredError = 0.95 * recentMeanSquaredError + 0.05 * error * error
        var admitted = value
        if model.configuration.seasonality == .multiplicative { admitted = max(admitted, 1e-9) }
        model.update(&state, with: admitted, season: season)
        appendedSinceFit += 1
    }

    /// The forecasts 1 … `horizon` points ahead of the last point learnt.
    public func forecast(_ horizon: Int) -> [Double] {
        guard horizon > 0 else { return [] }
        return model.forecast(from: state, count: state.count, season: season, horizon: horizon)
    }

    /// Whether the recent one-step errors are four times the fit's (after 20 points): the
    /// series has changed and the parameters should be refitted.
    public var hasDrifted: Bool {
        appendedSinceFit >= 20 && recentMeanSquaredError > 4 * max(fittedMeanSquaredError, 1e-12)
    }
}
