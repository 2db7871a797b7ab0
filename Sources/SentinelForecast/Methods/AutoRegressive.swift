import Foundation

/// An autoregressive model `y[t] = c + Σ φᵢ·y[t−i] (i = 1 … p) + ε`, fitted by ordinary least
/// squares, with the order `p` in `0 … maxOrder` chosen by Akaike's information criterion,
/// every order compared on the same sample (the points after the first `maxOrder`), as
/// statsmodels' `ar_select_order` does.
public struct AutoRegressive: ForecastMethod {
    /// The highest order tried; nil: the larger of `season + 1`, 8 and a tenth of the history
    /// (so a series without a declared season still gets up to 48 lags), at most 50, and never
    /// more than a quarter of the history.
    public var maxOrder: Int?
    /// A fixed order (skips the AIC choice).
    public var order: Int?

    public var name: String { "ar" }

    /// Creates the method.
    public init(maxOrder: Int? = nil, order: Int? = nil) {
        self.maxOrder = maxOrder
        self.order = order
    }

    public func minimumHistory(season: Int) -> Int { 12 }

    /// The highest order tried for a history of `count` points.
    public func highestOrder(count: Int, season: Int) -> Int {
        if let order { return order }
        return max(0, min(maxOrder ?? min(max(8, season + 1, min(48, count / 10)), 50), count / 4))
    }

    /// The fitted intercept and coefficients `[c, φ₁ … φp]` and the chosen order.
    ///
    /// Every order is compared on the same sample (the points after the first `maxOrder`); the
    /// chosen one is then fitted again on every point it can use (those after its first `p`),
    /// as statsmodels' `AutoReg` does after `ar_select_order`.
    public func fit(_ y: [Double], season: Int = 1) throws(ForecastError) -> (coefficients: [Double], order: Int, sigma: Double) {
        let top = highestOrder(count: y.count, season: season)
        guard y.count >= top + 3 else { throw .tooShort(method: name, points: y.count, needed: top + 3) }
        let orders = order.map { [$0] } ?? Array(0...top)
        let common = CrossProducts(y, lags: top, from: top)
        var best: (aic: Double, order: Int)?
        for p in orders {
            guard let (_, variance) = common.solve(order: p) else { continue }
            let aic = Double(common.count) * log(variance) + 2 * Double(p + 1)
            if best == nil || aic < best!.aic - 1e-9 { best = (aic, p) }
        }
        guard let best else { throw .fitFailed(method: name, reason: "every order gave a singular system") }
        let whole = best.order == top ? common : CrossProducts(y, lags: best.order, from: best.order)
        guard let (beta, variance) = whole.solve(order: best.order) ?? common.solve(order: best.order) else {
            throw .fitFailed(method: name, reason: "AR(\(best.order)) gave a singular system")
        }
        return (beta, best.order, variance.squareRoot())
    }

    public func forecast(_ history: ForecastHistory, horizon: Int) throws(ForecastError) -> PointForecast {
        var y = history.values
        guard y.count >= minimumHistory(season: history.season) else {
            throw .tooShort(method: name, points: y.count, needed: minimumHistory(season: history.season))
        }
        let (beta, p, sigma) = try fit(y, season: history.season)
        var output: [Double] = []
        for _ in 0..<horizon {
            var value = beta[0]
            for i in 0..<p { value += beta[i + 1] * y[y.count - 1 - i] }
            y.append(value)
            output.append(value)
        }
        return PointForecast(values: output, residualStandardDeviation: sigma, summary: "AR(\(p)) by AIC")
    }
}
