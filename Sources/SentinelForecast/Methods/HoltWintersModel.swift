/// The Holt-Winters recursions (Hyndman & Athanasopoulos, *Forecasting: Principles and
/// Practice*, §8.3) for one configuration and one set of smoothing parameters.
///
/// Initial states come from a classical decomposition, exact for clean series: with a season
/// `m`, a least-squares line through the means of the first (up to 5) seasons gives the
/// trend and the level is that line one step before the first point; the seasonal indices
/// are each phase's median deviation (or ratio) from the centred moving average of one
/// season, centred on 0 (or 1). Without a season, the line is fitted to the first 10 points.
struct HoltWintersModel {
    var configuration: HoltWinters.Configuration
    var alpha: Double
    var beta: Double
    var gamma: Double
    var phi: Double

    /// The final states after running over `y`, the sum of squared one-step errors, and the
    /// number of errors counted.
    struct Run: Sendable, Equatable {
        var level: Double
        var trend: Double
        var seasonal: [Double]
        var squaredErrors: Double
        var count: Int
    }

    static func initialStates(_ y: [Double], configuration: HoltWinters.Configuration, season m: Int)
        -> (level: Double, trend: Double, seasonal: [Double])
    {
        let seasonal = configuration.seasonality != .none && m > 1 && y.count >= 2 * m
        let multiplicative = configuration.seasonality == .multiplicative
        // A least-squares line through (time, value) pairs: seasons' means at their centres,
        // or the first few points without a season.
        let pairs: [(t: Double, value: Double)]
        let seasons = seasonal ? min(y.count / m, 5) : 0
        if seasonal {
            pairs = (0..<seasons).map { j in
                (Double(j * m) + Double(m - 1) / 2, y[(j * m)..<((j + 1) * m)].reduce(0, +) / Double(m))
            }
        } else {
            pairs = (0..<min(y.count, 10)).map { (Double($0), y[$0]) }
        }
        let meanT = pairs.reduce(0) { $0 + $1.t } / Double(pairs.count)
        let meanV = pairs.reduce(0) { $0 + $1.value } / Double(pairs.count)
        let spread = pairs.reduce(0) { $0 + ($1.t - meanT) * ($1.t - meanT) }
        let slope =
            configuration.trend && spread > 0
            ? pairs.reduce(0) { $0 + ($1.t - meanT) * ($1.value - meanV) } / spread : 0
        let line = { (t: Double) in meanV + slope * (t - meanT) }
        guard seasonal else { return (line(-1), slope, []) }
        // Seasonal indices: deviations (ratios) from the centred moving average of one
        // season, the median of each phase over the history (robust to a one-off burst),
        // centred on 0 (or 1).
        let n = y.count
        var prefix = [0.0]
        prefix.reserveCapacity(n + 1)
        for value in y { prefix.append(prefix[prefix.count - 1] + value) }
        func movingAverage(_ t: Int) -> Double? {
            if m % 2 == 1 {
                let half = m / 2
                guard t - half >= 0, t + half < n else { return nil }
                return (prefix[t + half + 1] - prefix[t - half]) / Double(m)
            }
            let half = m / 2
            guard t - half >= 0, t + half < n else { return nil }
            // 2×m moving average: half weight on both ends.
            let inner = prefix[t + half] - prefix[t - half + 1]
            return (inner + 0.5 * (y[t - half] + y[t + half])) / Double(m)
        }
        var byPhase = [[Double]](repeating: [], count: m)
        for t in 0..<n {
            guard let average = movingAverage(t) else { continue }
            if multiplicative {
                if average > 0 { byPhase[t % m].append(y[t] / average) }
            } else {
                byPhase[t % m].append(y[t] - average)
            }
        }
        var indices = byPhase.map { values -> Double in
            guard !values.isEmpty else { return multiplicative ? 1 : 0 }
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        let centre = indices.reduce(0, +) / Double(m)
        indices = indices.map { multiplicative ? $0 / centre : $0 - centre }
        return (line(-1), slope, indices)
    }

    /// The states before the first point of `y`.
    static func initialRun(_ y: [Double], configuration: HoltWinters.Configuration, season m: Int) -> Run {
        let (level, trend, seasonal) = initialStates(y, configuration: configuration, season: m)
        return Run(level: level, trend: trend, seasonal: seasonal, squaredErrors: 0, count: 0)
    }

    /// The one-step forecast of the next point (index `state.count`).
    func predict(_ state: Run, season m: Int) -> Double {
        let damping = configuration.trend ? (configuration.damped ? phi : 1) : 0
        let base = state.level + damping * state.trend
        guard !state.seasonal.isEmpty else { return base }
        let s = state.seasonal[state.count % m]
        return configuration.seasonality == .multiplicative ? base * s : base + s
    }

    /// Takes in the next point `value`, counting its squared one-step error.
    func update(_ state: inout Run, with value: Double, season m: Int) {
        let damping = configuration.trend ? (configuration.damped ? phi : 1) : 0
        let base = state.level + damping * state.trend
        let multiplicative = configuration.seasonality == .multiplicative
        let error = value - predict(state, season: m)
        state.squaredErrors += error * error
        let newLevel: Double
        if !state.seasonal.isEmpty {
            let index = state.count % m
            let s = state.seasonal[index]
            newLevel =
                multiplicative
                ? alpha * (value / s) + (1 - alpha) * base
                : alpha * (value - s) + (1 - alpha) * base
            state.seasonal[index] =
                multiplicative
                ? gamma * (value / newLevel) + (1 - gamma) * s
                : gamma * (value - newLevel) + (1 - gamma) * s
        } else {
            newLevel = alpha * value + (1 - alpha) * base
        }
        state.trend = configuration.trend ? beta * (newLevel - state.level) + (1 - beta) * damping * state.trend : 0
        state.level = newLevel
        state.count += 1
    }

    /// Runs over `y` from the initial states.
    func run(_ y: [Double], season m: Int, from initial: Run? = nil) -> Run {
        var state = initial ?? Self.initialRun(y, configuration: configuration, season: m)
        for value in y {
            update(&state, with: value, season: m)
            if !state.squaredErrors.isFinite { break }
        }
        return state
    }

    /// The mean squared in-sample error of the forecasts 1 … `horizon` steps ahead, made
    /// from the states at every point of `y` after the first two seasons (or 10 points).
    func multiStepError(_ y: [Double], season m: Int, horizon: Int, from initial: Run) -> Double {
        var state = initial
        let first = min(y.count - 1, state.seasonal.isEmpty ? 10 : 2 * m)
        var squares = 0.0
        var count = 0
        for t in 0..<y.count {
            if t >= first {
                let forecasts = forecast(from: state, count: t, season: m, horizon: min(horizon, y.count - t))
                for (h, value) in forecasts.enumerated() {
                    squares += (y[t + h] - value) * (y[t + h] - value)
                    count += 1
                }
            }
            update(&state, with: y[t], season: m)
        }
        return count > 0 ? squares / Double(count) : .infinity
    }

    /// The forecasts `1 … horizon` steps after the end of a history of `count` points.
    func forecast(from state: Run, count: Int, season m: Int, horizon: Int) -> [Double] {
        let damping = configuration.trend ? (configuration.damped ? phi : 1) : 0
        var trendSum = 0.0
        var power = 1.0
        return (1...max(1, horizon)).prefix(horizon).map { h in
            power *= damping
            trendSum += power
            let base = state.level + trendSum * state.trend
            guard !state.seasonal.isEmpty else { return base }
            let s = state.seasonal[(count + h - 1) % m]
            return configuration.seasonality == .multiplicative ? base * s : base + s
        }
    }
}
