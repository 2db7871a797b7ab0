/// Ordinary least squares through the normal equations, solved by Cholesky with a tiny
/// ridge (relative 1e-10 of the diagonal) so that exactly collinear features — a pure trend
/// with lags — still give one of the exact solutions instead of failing.
enum LeastSquares {
    /// The coefficients `β` minimising `‖y − Xβ‖²`.
    /// - Parameters:
    ///   - rows: the design matrix, one row per observation (all the same width).
    ///   - targets: one per row.
    static func solve(rows: [[Double]], targets: [Double]) -> [Double]? {
        guard let width = rows.first?.count, width > 0, rows.count == targets.count else { return nil }
        var gram = [Double](repeating: 0, count: width * width)
        var moment = [Double](repeating: 0, count: width)
        for (row, target) in zip(rows, targets) {
            for i in 0..<width {
                let ri = row[i]
                moment[i] += ri * target
                for j in i..<width { gram[i * width + j] += ri * row[j] }
            }
        }
        for i in 0..<width { for j in 0..<i { gram[i * width + j] = gram[j * width + i] } }
        return solveSymmetric(gram, moment, width: width)
    }

    /// Solves `A x = b` for a symmetric positive semi-definite `A` (row-major, `width²`).
    static func solveSymmetric(_ matrix: [Double], _ rhs: [Double], width: Int) -> [Double]? {
        var a = matrix
        let scale = (0..<width).map { max(a[$0 * width + $0], 1e-300) }
        // Equilibrate so the ridge is relative to each feature's scale.
        for i in 0..<width { for j in 0..<width { a[i * width + j] /= (scale[i] * scale[j]).squareRoot() } }
        for i in 0..<width { a[i * width + i] += 1e-10 }
        var lower = [Double](repeating: 0, count: width * width)
        for i in 0..<width {
            for j in 0...i {
                var sum = a[i * width + j]
                for k in 0..<j { sum -= lower[i * width + k] * lower[j * width + k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    lower[i * width + i] = sum.squareRoot()
                } else {
                    lower[i * width + j] = sum / lower[j * width + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: width)
        for i in 0..<width {
            var sum = rhs[i] / scale[i].squareRoot()
            for k in 0..<i { sum -= lower[i * width + k] * y[k] }
            y[i] = sum / lower[i * width + i]
        }
        var x = [Double](repeating: 0, count: width)
        for i in stride(from: width - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<max(width, i + 1) where k < width { sum -= lower[k * width + i] * x[k] }
            x[i] = sum / lower[i * width + i]
        }
        let solution = (0..<width).map { x[$0] / scale[$0].squareRoot() }
        return solution.allSatisfy(\.isFinite) ? solution : nil
    }
}
