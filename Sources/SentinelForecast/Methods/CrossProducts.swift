import Foundation

/// The cross products of an autoregression's regressors `[1, y[t−1] … y[t−lags]]` and target
/// `y[t]` over `t` in `from ..< y.count`: one matrix from which every order up to `lags` is
/// solved by least squares on its leading block (``AutoRegressive``).
struct CrossProducts {
    /// The regressors' Gram matrix, `(lags + 1)²`, row-major.
    private var gram: [Double]
    /// The regressors' products with the target.
    private var moment: [Double]
    /// The target's sum of squares.
    private var targetSquares = 0.0
    /// The matrix width, `lags + 1`.
    private let width: Int
    /// The points summed.
    let count: Int

    /// Sums over `y[from...]`; `from` must be at least `lags`.
    init(_ y: [Double], lags: Int, from start: Int) {
        width = lags + 1
        count = max(0, y.count - start)
        gram = [Double](repeating: 0, count: width * width)
        moment = [Double](repeating: 0, count: width)
        var row = [Double](repeating: 1, count: width)
        for t in start..<max(start, y.count) {
            for i in 0..<lags { row[i + 1] = y[t - 1 - i] }
            targetSquares += y[t] * y[t]
            for i in 0..<width {
                moment[i] += row[i] * y[t]
                for j in i..<width { gram[i * width + j] += row[i] * row[j] }
            }
        }
        for i in 0..<width { for j in 0..<i { gram[i * width + j] = gram[j * width + i] } }
    }

    /// The least-squares coefficients `[c, φ₁ … φp]` of order `p` and the residual variance
    /// (per point), or nil when the system is singular.
    func solve(order p: Int) -> (coefficients: [Double], variance: Double)? {
        let k = p + 1
        guard k <= width, count > 0 else { return nil }
        var block = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0..<k { block[i * k + j] = gram[i * width + j] } }
        guard let beta = LeastSquares.solveSymmetric(block, Array(moment.prefix(k)), width: k) else { return nil }
        var squares = targetSquares
        for i in 0..<k {
            squares -= 2 * beta[i] * moment[i]
            for j in 0..<k { squares += beta[i] * gram[i * width + j] * beta[j] }
        }
        return (beta, max(squares / Double(count), 1e-300))
    }
}
