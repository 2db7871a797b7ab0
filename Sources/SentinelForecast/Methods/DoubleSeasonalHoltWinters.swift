import Foundation

/// Holt-Winters with two additive seasons, a day and a week (Taylor, "Short-term electricity
/// demand forecasting using double seasonal exponential smoothing", 2003), for load that
/// repeats daily and differs on weekends:
///
///     ŷ(t+h) = ℓ(t) + d(t+h−m₁) + w(t+h−m₂)
///     ℓ(t) = α (y − d(t−m₁) − w(t−m₂)) + (1 − α) ℓ(t−1)
///     d(t) = δ (y − ℓ(t) − w(t−m₂)) + (1 − δ) d(t−m₁)
///     w(t) = ω (y − ℓ(t) − d(t−m₁)) + (1 − ω) w(t−m₂)
///
/// with `m₁` the season (a day of points) and `m₂ = 7·m₁`. Initial states come from the first
/// two weeks (the level their mean, the daily indices each phase's mean deviation, the weekly
/// ones what is left); α, δ, ω are fitted by Nelder–Mead on the one-step squared error. It
/// needs a season and two weeks of history.
public struct DoubleSeasonalHoltWinters: ForecastMethod {
    public var name: String { "dshw" }

    /// Creates the method.
    public init() {}

    public func minimumHistory(season: Int) -> Int { season > 1 ? 2 * 7 * season + 1 : Int.max / 4 }

    /// The state after a run: the level and both seasons, and the one-step squared errors.
    struct State {
        var level: Double
        var daily: [Double]
        var weekly: [Double]
        var count: Int
        var squaredErrors: Double
        /// The last two one-step errors' products and squares, for the AR(1) adjustment.
        var lagProducts = 0.0
        var lagSquares = 0.0
        var lastError = 0.0
    }

    static func initialState(_ y: [Double], daily m1: Int, weekly m2: Int) -> State {
        let span = 2 * m2
        let level = y[0..<span].reduce(0, +) / Double(span)
        var daily = [Double](repeating: 0, count: m1)
        for phase in 0..<m1 {
            let values = stride(from: phase, to: span, by: m1).map { y[$0] - level }
            daily[phase] = values.reduce(0, +) / Double(values.count)
        }
        var weekly = [Double](repeating: 0, count: m2)
        for phase in 0..<m2 {
            weekly[phase] = ((y[phase] - level - daily[phase % m1]) + (y[phase + m2] - level - daily[phase % m1])) / 2
        }
        return State(level: level, daily: daily, weekly: weekly, count: 0, squaredErrors: 0)
    }

    /// Runs over `y`; with `horizon` > 1 the squared errors are those of every forecast 1 …
    /// `horizon` steps ahead made along the way (the multi-step in-sample error), so the
    /// parameters are chosen for the horizon asked, not only the next point.
    static func run(_ y: [Double], from initial: State, alpha: Double, delta: Double, omega: Double, horizon: Int = 1) -> State {
        var state = initial
        let m1 = state.daily.count, m2 = state.weekly.count
        for (t, value) in y.enumerated() {
            if horizon > 1, t + 1 < y.count {
                for h in 1..<min(horizon, y.count - t) {
                    let e = y[t + h] - (state.level + state.daily[(state.count + h) % m1] + state.weekly[(state.count + h) % m2])
                    state.squaredErrors += e * e
                }
            }
            let i1 = state.count % m1, i2 = state.count % m2
            let d = state.daily[i1], w = state.weekly[i2]
            let error = value - (state.level + d + w)
            state.squaredErrors += error * error
            state.lagProducts += error * state.lastError
            state.lagSquares += state.lastError * state.lastError
            state.lastError = error
            let level = alpha * (value - d - w) + (1 - alpha) * state.level
            state.daily[i1] = delta * (value - level - w) + (1 - delta) * d
            state.weekly[i2] = omega * (value - level - d) + (1 - omega) * w
            state.level = level
            state.count += 1
        }
        return state
    }

    public func forecast(_ history: ForecastHistory, horizon: Int) throws(ForecastError) -> PointForecast {
        let m1 = history.season, m2 = 7 * history.season
        let y = history.values
        guard m1 > 1 else { throw .fitFailed(method: name, reason: "needs a season (a day of points); pass --season") }
        guard y.count >= minimumHistory(season: m1) else {
            throw .tooShort(method: name, points: y.count, needed: minimumHistory(season: m1))
        }
        let initial = Self.initialState(y, daily: m1, weekly: m2)
        let optimiser = NelderMead(bounds: [0...1, 0...1, 0...1], maxEvaluations: 300)
        let best = optimiser.minimise(from: [0.1, 0.1, 0.1]) {
            Self.run(y, from: initial, alpha: $0[0], delta: $0[1], omega: $0[2], horizon: horizon).squaredErrors
        }
        let p = best.point
        let state = Self.run(y, from: initial, alpha: p[0], delta: p[1], omega: p[2])
        guard state.squaredErrors.isFinite else { throw .fitFailed(method: name, reason: "the one-step errors are not finite") }
        // Taylor's adjustment: the one-step errors of the fitted model are autocorrelated, so the
        // last one, decayed by their lag-1 coefficient φ, corrects the next few steps.
        let phi = state.lagSquares > 0 ? min(max(state.lagProducts / state.lagSquares, 0), 0.99) : 0
        var decay = 1.0
        let values = (0..<horizon).map { h in
            decay *= phi
            return state.level + state.daily[(state.count + h) % m1] + state.weekly[(state.count + h) % m2] + decay * state.lastError
        }
        let sd = (state.squaredErrors / Double(y.count)).squareRoot()
        let summary =
            "day \(m1) + week \(m2) points, α=\(HoltWinters.short(p[0])) δ=\(HoltWinters.short(p[1])) ω=\(HoltWinters.short(p[2])) AR(1) φ=\(HoltWinters.short(phi))"
        return PointForecast(values: values, residualStandardDeviation: sd, summary: summary)
    }
}
