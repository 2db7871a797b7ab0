import Foundation

/// Holt-Winters exponential smoothing: a level, an optional (damped) additive trend and an
/// optional additive or multiplicative season, with the smoothing parameters α, β, γ (and
/// the damping φ) fitted by minimising the sum of squared one-step-ahead errors with
/// Nelder–Mead inside bounds (α, β, γ in [0, 1], φ in [0.8, 0.995]).
///
/// Without a fixed ``configuration`` every applicable form is fitted (trend or not, damped
/// or not; additive season, and multiplicative when every value is > 0) and one is kept:
/// for a one-step forecast the lowest AIC, `n·ln(SSE/n) + 2k`; for longer horizons the
/// lowest mean squared in-sample error over 1 … horizon steps ahead (the fitted model run
/// over the history, forecasting the whole horizon from every point), which is what the
/// forecast will be judged on and keeps a trend from chasing a one-off burst.
public struct HoltWinters: ForecastMethod {
    /// The form of a Holt-Winters model.
    public struct Configuration: Sendable, Equatable, Hashable, CustomStringConvertible {
        /// How the season enters the forecast.
        public enum Seasonality: String, Sendable, Equatable, Hashable {
            case none, additive, multiplicative
        }

        /// Whether there is a trend.
        public var trend: Bool
        /// Whether the trend is damped by φ.
        public var damped: Bool
        /// The season's form.
        public var seasonality: Seasonality

        /// Creates a configuration.
        public init(trend: Bool = true, damped: Bool = false, seasonality: Seasonality = .additive) {
            self.trend = trend
            self.damped = damped && trend
            self.seasonality = seasonality
        }

        public var description: String {
            let trendText = trend ? (damped ? "damped trend" : "trend") : "no trend"
            return "\(trendText), \(seasonality == .none ? "no" : seasonality.rawValue) season"
        }
    }

    /// The fitted parameters and states.
    public struct Fit: Sendable, Equatable {
        /// The form.
        public var configuration: Configuration
        /// Level smoothing.
        public var alpha: Double
        /// Trend smoothing.
        public var beta: Double
        /// Season smoothing.
        public var gamma: Double
        /// Trend damping (1 without damping).
        public var phi: Double
        /// The sum of squared one-step errors over the history.
        public var squaredErrors: Double
        /// Akaike's information criterion of the fit.
        public var aic: Double
        /// The mean squared in-sample error over 1 … horizon steps ahead.
        public var multiStepError: Double
        /// The forecasts after the history.
        public var forecast: [Double]
        /// The states after the history (what ``OnlineHoltWinters`` continues from).
        var finalRun: HoltWintersModel.Run?
    }

    /// A fixed form, or nil to choose by AIC.
    public var configuration: Configuration?

    public var name: String { "hw" }

    /// Creates the method.
    public init(configuration: Configuration? = nil) {
        self.configuration = configuration
    }

    public func minimumHistory(season: Int) -> Int { season > 1 ? 2 * season + 2 : 4 }

    /// The forms tried for `y` with season `m`.
    func candidates(_ y: [Double], season m: Int) -> [Configuration] {
        if let configuration { return [configuration] }
        let seasonal = m > 1 && y.count >= 2 * m
        let seasonalities: [Configuration.Seasonality] =
            seasonal
            ? (y.allSatisfy { $0 > 0 } ? [.additive, .multiplicative] : [.additive]) : [.none]
        var result: [Configuration] = []
        for seasonality in seasonalities {
            result.append(Configuration(trend: false, seasonality: seasonality))
            result.append(Configuration(trend: true, damped: false, seasonality: seasonality))
            result.append(Configuration(trend: true, damped: true, seasonality: seasonality))
        }
        return result
    }

    /// Fits every candidate form and returns the best, with its forecasts.
    public func fit(_ y: [Double], season: Int, horizon: Int) throws(ForecastError) -> Fit {
        let m = max(1, season)
        guard y.count >= minimumHistory(season: m) else {
            throw .tooShort(method: name, points: y.count, needed: minimumHistory(season: m))
        }
        var best: Fit?
        for form in candidates(y, season: m) {
            if form.seasonality != .none, m < 2 || y.count < 2 * m { continue }
            if form.seasonality == .multiplicative, !y.allSatisfy({ $0 > 0 }) { continue }
            guard let fit = Self.fit(y, season: m, form: form, horizon: horizon) else { continue }
            // One step ahead: AIC. Further: the in-sample error over the whole horizon, which
            // penalises forms that chase the last few points (a trend fitted to a burst).
            let better =
                horizon <= 1
                ? fit.aic < (best?.aic ?? .infinity)
                : fit.multiStepError < (best?.multiStepError ?? .infinity)
            if better { best = fit }
        }
        guard let best else {
            throw .fitFailed(method: name, reason: "no form fits (a multiplicative season needs values above 0)")
        }
        return best
    }

    static func fit(_ y: [Double], season m: Int, form: Configuration, horizon: Int) -> Fit? {
        let seasonal = form.seasonality != .none
        // Parameter vector: α, then β if trend, γ if season, φ if damped.
        var bounds: [ClosedRange<Double>] = [0...1]
        var start = [0.3]
        if form.trend { bounds.append(0...1); start.append(0.05) }
        if seasonal { bounds.append(0...1); start.append(0.1) }
        if form.damped { bounds.append(0.8...0.995); start.append(0.98) }
        func model(_ p: [Double]) -> HoltWintersModel {
            var index = 1
            var model = HoltWintersModel(configuration: form, alpha: p[0], beta: 0, gamma: 0, phi: 1)
            if form.trend { model.beta = p[index]; index += 1 }
            if seasonal { model.gamma = p[index]; index += 1 }
            if form.damped { model.phi = p[index] }
            return model
        }
        let heuristic = HoltWintersModel.initialRun(y, configuration: form, season: m)
        let optimiser = NelderMead(bounds: bounds, maxEvaluations: 150 * bounds.count)
        var best = optimiser.minimise(from: start) { model($0).run(y, season: m, from: heuristic).squaredErrors }
        // A second start from a more reactive point guards against a poor local minimum.
        var second = start
        second[0] = 0.8
        let other = optimiser.minimise(from: second) { model($0).run(y, season: m, from: heuristic).squaredErrors }
        if other.value < best.value { best = other }
        // Then the initial level (and trend) join the search, as offsets from the heuristic
        // start bounded by the series' spread, like statsmodels' "estimated" initialisation.
        let mean = y.reduce(0, +) / Double(y.count)
        let spread = max((y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(y.count)).squareRoot(), 1e-9)
        let trendSpread = 10 * spread / Double(y.count)
        let smoothing = bounds.count
        func initial(_ p: [Double]) -> HoltWintersModel.Run {
            var run = heuristic
            guard p.count > smoothing else { return run }
            run.level += p[smoothing] * spread
            if form.trend { run.trend += p[smoothing + 1] * trendSpread }
            return run
        }
        let joint = NelderMead(
            bounds: bounds + (form.trend ? [-1...1, -1...1] : [-1...1]),
            maxEvaluations: 150 * (bounds.count + (form.trend ? 2 : 1)))
        let refined = joint.minimise(from: best.point + (form.trend ? [0, 0] : [0])) {
            model($0).run(y, season: m, from: initial($0)).squaredErrors
        }
        if refined.value < best.value { best = refined }
        let fitted = model(best.point)
        let initialStates = initial(best.point)
        let run = fitted.run(y, season: m, from: initialStates)
        guard run.squaredErrors.isFinite else { return nil }
        let n = Double(y.count)
        let stateCount = 1 + (form.trend ? 1 : 0) + (seasonal ? m : 0)
        let aic = n * log(max(run.squaredErrors / n, 1e-300)) + 2 * Double(bounds.count + stateCount)
        return Fit(
            configuration: form, alpha: fitted.alpha, beta: fitted.beta, gamma: fitted.gamma,
            phi: form.damped ? fitted.phi : 1, squaredErrors: run.squaredErrors, aic: aic,
            multiStepError: horizon > 1
                ? fitted.multiStepError(y, season: m, horizon: horizon, from: initialStates) : run.squaredErrors / n,
            forecast: fitted.forecast(from: run, count: y.count, season: m, horizon: horizon), finalRun: run)
    }

    public func forecast(_ history: ForecastHistory, horizon: Int) throws(ForecastError) -> PointForecast {
        let fit = try fit(history.values, season: history.season, horizon: horizon)
        let sd = (fit.squaredErrors / Double(max(1, history.values.count))).squareRoot()
        var text = "\(fit.configuration), α=\(Self.short(fit.alpha))"
        if fit.configuration.trend { text += " β=\(Self.short(fit.beta))" }
        if fit.configuration.seasonality != .none { text += " γ=\(Self.short(fit.gamma))" }
        if fit.configuration.damped { text += " φ=\(Self.short(fit.phi))" }
        return PointForecast(values: fit.forecast, residualStandardDeviation: sd, summary: text)
    }

    static func short(_ value: Double) -> String { String(format: "%.3f", value) }
}
