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
    public func fit(_ y: [Double], season: Int = 1) throws(ForecastError) -> (coefficients: [Double], order: Int, sigma: Double) {
        let top = highestOrder(count: y.count, season: season)
        guard y.count >= top + 3 else { throw .tooShort(method: name, points: y.count, needed: top + 3) }
        let orders = order.map { [$0] } ?? Array(0...top)
        var best: (aic: Double, coefficients: [Double], order: Int, sigma: Double)?
        let n = y.count - top
        // One cross-product matrix of [1, y[t-1] … y[t-top]] over the common sample; each
        // order uses its leading block.
        let width = top + 1
        var gram = [Double](repeating: 0, count: width * width)
        var moment = [Double](repeating: 0, count: width)
        var targetSquares = 0.0
        var row = [Double](repeating: 1, count: width)
        for t in top..<y.count {
            for i in 0..<top { row[i + 1] = y[t - 1 - i] }
            targetSquares += y[t] * y[t]
            for i in 0..<width {
                moment[i] += row[i] * y[t]
                for j in i..<width { gram[i * width + j] += row[i] * row[j] }
            }
        }
        for i in 0..<width { for j in 0..<i { gram[i * width + j] = gram[j * width + i] } }
        for p in orders {
            let k = p + 1
            var block = [Double](repeating: 0, count: k * k)
            for i in 0..<k { for j in 0..<k { block[i * k + j] = gram[i * width + j] } }
            guard let beta = LeastSquares.solveSymmetric(block, Array(moment.prefix(k)), width: k) else { continue }
            var squares = targetSquares
            for i in 0..<k {
                squares -= 2 * beta[i] * moment[i]
                for j in 0..<k { squares += beta[i] * gram[i * width + j] * beta[j] }
            }
            let variance = max(squares / Double(n), 1e-300)
            let aic = Double(n) * log(variance) + 2 * Double(p + 1)
            if best == nil || aic < best!.aic - 1e-9 { best = (aic, beta, p, variance.squareRoot()) }
        }
        guard let best else { throw .fitFailed(method: name, reason: "every order gave a singular system") }
        return (best.coefficients, best.order, best.sigma)
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
