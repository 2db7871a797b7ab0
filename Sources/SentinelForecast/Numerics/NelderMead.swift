/// Nelder–Mead simplex minimisation inside a box: points are clamped to the bounds, which
/// is enough for the few smoothing parameters of Holt-Winters.
struct NelderMead {
    /// The lower and upper bound of each coordinate.
    var bounds: [ClosedRange<Double>]
    /// The most function evaluations.
    var maxEvaluations = 600
    /// Stop when the simplex' values differ by less than this (relative).
    var tolerance = 1e-10

    /// The best point found from `start`, and its value.
    func minimise(from start: [Double], _ function: ([Double]) -> Double) -> (point: [Double], value: Double) {
        let n = start.count
        func clamp(_ point: [Double]) -> [Double] {
            zip(point, bounds).map { min(max($0, $1.lowerBound), $1.upperBound) }
        }
        var evaluations = 0
        func evaluate(_ point: [Double]) -> Double {
            evaluations += 1
            let value = function(point)
            return value.isFinite ? value : .greatestFiniteMagnitude
        }
        var simplex = [clamp(start)]
        for i in 0..<n {
            var point = simplex[0]
            let width = bounds[i].upperBound - bounds[i].lowerBound
            point[i] += point[i] + 0.1 * width <= bounds[i].upperBound ? 0.1 * width : -0.1 * width
            simplex.append(clamp(point))
        }
        var values = simplex.map(evaluate)
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if abs(values[n] - values[0]) <= tolerance * (abs(values[0]) + 1e-300) { break }
            var centroid = [Double](repeating: 0, count: n)
            for point in simplex.dropLast() { for i in 0..<n { centroid[i] += point[i] / Double(n) } }
            func along(_ factor: Double) -> [Double] {
                clamp((0..<n).map { centroid[$0] + factor * (simplex[n][$0] - centroid[$0]) })
            }
            let reflected = along(-1)
            let reflectedValue = evaluate(reflected)
            if reflectedValue < values[0] {
                let expanded = along(-2)
                let expandedValue = evaluate(expanded)
                if expandedValue < reflectedValue {
                    simplex[n] = expanded; values[n] = expandedValue
                } else {
                    simplex[n] = reflected; values[n] = reflectedValue
                }
            } else if reflectedValue < values[n - 1] {
                simplex[n] = reflected; values[n] = reflectedValue
            } else {
                let contracted = reflectedValue < values[n] ? along(-0.5) : along(0.5)
                let contractedValue = evaluate(contracted)
                if contractedValue < min(reflectedValue, values[n]) {
                    simplex[n] = contracted; values[n] = contractedValue
                } else {
                    for k in 1...n {
                        simplex[k] = clamp((0..<n).map { simplex[0][$0] + 0.5 * (simplex[k][$0] - simplex[0][$0]) })
                        values[k] = evaluate(simplex[k])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return (simplex[best], values[best])
    }
}
