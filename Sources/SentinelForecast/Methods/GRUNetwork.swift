import Foundation
import SentinelCore

/// A one-layer gated recurrent unit (Cho et al., 2014) with a linear read-out, trained by
/// backpropagation through time with Adam on the squared error of the value after each
/// sequence. Parameters live in one flat array; the random start is seeded.
struct GRUNetwork: Sendable {
    let inputs: Int
    let hidden: Int
    private(set) var parameters: [Double]

    // Offsets of the blocks in `parameters`: for each gate g in (reset, update, candidate):
    // W_g (hidden × inputs), U_g (hidden × hidden), b_g (hidden); then the candidate's recurrent
    // bias (hidden), the read-out v (hidden) and c (1).
    private var gateSize: Int { hidden * inputs + hidden * hidden + hidden }
    private func w(_ gate: Int) -> Int { gate * gateSize }
    private func u(_ gate: Int) -> Int { gate * gateSize + hidden * inputs }
    private func b(_ gate: Int) -> Int { gate * gateSize + hidden * inputs + hidden * hidden }
    private var recurrentBias: Int { 3 * gateSize }
    private var readout: Int { 3 * gateSize + hidden }
    private var readoutBias: Int { 3 * gateSize + 2 * hidden }

    init(inputs: Int, hidden: Int, seed: UInt64) {
        self.inputs = inputs
        self.hidden = hidden
        var generator = SplitMix64(seed: seed)
        let count = 3 * (hidden * inputs + hidden * hidden + hidden) + 2 * hidden + 1
        let limit = 1 / Double(hidden).squareRoot()
        parameters = (0..<count).map { _ in Double.random(in: -limit...limit, using: &generator) }
    }

    private struct Step {
        var x: [Double], previous: [Double], reset: [Double], update: [Double], candidate: [Double], recurrent: [Double]
    }

    private static func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }

    /// Runs the sequence and returns the read-out after its last step (and the steps, when asked).
    private func forward(_ sequence: [[Double]], keep: Bool) -> (output: Double, steps: [Step], last: [Double]) {
        var h = [Double](repeating: 0, count: hidden)
        var steps: [Step] = []
        if keep { steps.reserveCapacity(sequence.count) }
        let p = parameters
        for x in sequence {
            var r = [Double](repeating: 0, count: hidden), z = r, n = r, m = r
            for j in 0..<hidden {
                var ar = p[b(0) + j], az = p[b(1) + j], an = p[b(2) + j], am = p[recurrentBias + j]
                for k in 0..<inputs {
                    ar += p[w(0) + j * inputs + k] * x[k]
                    az += p[w(1) + j * inputs + k] * x[k]
                    an += p[w(2) + j * inputs + k] * x[k]
                }
                for k in 0..<hidden {
                    ar += p[u(0) + j * hidden + k] * h[k]
                    az += p[u(1) + j * hidden + k] * h[k]
                    am += p[u(2) + j * hidden + k] * h[k]
                }
                r[j] = Self.sigmoid(ar)
                z[j] = Self.sigmoid(az)
                m[j] = am
                n[j] = tanh(an + r[j] * am)
            }
            var next = h
            for j in 0..<hidden { next[j] = (1 - z[j]) * n[j] + z[j] * h[j] }
            if keep { steps.append(Step(x: x, previous: h, reset: r, update: z, candidate: n, recurrent: m)) }
            h = next
        }
        var output = p[readoutBias]
        for j in 0..<hidden { output += p[readout + j] * h[j] }
        return (output, steps, h)
    }

    /// The read-out after `sequence`.
    func predict(_ sequence: [[Double]]) -> Double { forward(sequence, keep: false).output }

    /// Adds the gradient of `½(ŷ − target)²` for one sequence to `gradient`; returns the squared error.
    func accumulate(_ sequence: [[Double]], target: Double, into gradient: inout [Double]) -> Double {
        let (output, steps, last) = forward(sequence, keep: true)
        let p = parameters
        let error = output - target
        gradient[readoutBias] += error
        var dh = [Double](repeating: 0, count: hidden)
        for j in 0..<hidden {
            gradient[readout + j] += error * last[j]
            dh[j] = error * p[readout + j]
        }
        for step in steps.reversed() {
            var previous = [Double](repeating: 0, count: hidden)
            var dr = [Double](repeating: 0, count: hidden), dz = dr, dn = dr, dm = dr
            for j in 0..<hidden {
                let z = step.update[j], n = step.candidate[j], r = step.reset[j]
                previous[j] = dh[j] * z
                let dnPre = dh[j] * (1 - z) * (1 - n * n)
                dn[j] = dnPre
                dz[j] = dh[j] * (step.previous[j] - n) * z * (1 - z)
                dr[j] = dnPre * step.recurrent[j] * r * (1 - r)
                dm[j] = dnPre * r
            }
            for j in 0..<hidden {
                gradient[b(0) + j] += dr[j]
                gradient[b(1) + j] += dz[j]
                gradient[b(2) + j] += dn[j]
                gradient[recurrentBias + j] += dm[j]
                for k in 0..<inputs {
                    let x = step.x[k]
                    gradient[w(0) + j * inputs + k] += dr[j] * x
                    gradient[w(1) + j * inputs + k] += dz[j] * x
                    gradient[w(2) + j * inputs + k] += dn[j] * x
                }
                for k in 0..<hidden {
                    let h = step.previous[k]
                    gradient[u(0) + j * hidden + k] += dr[j] * h
                    gradient[u(1) + j * hidden + k] += dz[j] * h
                    gradient[u(2) + j * hidden + k] += dm[j] * h
                    previous[k] += p[u(0) + j * hidden + k] * dr[j] + p[u(1) + j * hidden + k] * dz[j] + p[u(2) + j * hidden + k] * dm[j]
                }
            }
            dh = previous
        }
        return error * error
    }

    /// Trains on `samples` (sequence, target) for `epochs` passes in seeded shuffled batches.
    /// - Returns: the mean squared error of the last epoch.
    @discardableResult
    mutating func train(
        _ samples: [(sequence: [[Double]], target: Double)], epochs: Int, batchSize: Int = 32,
        learningRate: Double = 0.01, seed: UInt64
    ) -> Double {
        var generator = SplitMix64(seed: seed)
        var first = [Double](repeating: 0, count: parameters.count), second = first
        var order = Array(samples.indices)
        var t = 0.0
        var lastLoss = Double.infinity
        for _ in 0..<max(1, epochs) {
            order.shuffle(using: &generator)
            var loss = 0.0
            for start in stride(from: 0, to: order.count, by: batchSize) {
                let batch = order[start..<min(start + batchSize, order.count)]
                var gradient = [Double](repeating: 0, count: parameters.count)
                for index in batch { loss += accumulate(samples[index].sequence, target: samples[index].target, into: &gradient) }
                t += 1
                let scale = 1 / Double(batch.count)
                let correction1 = 1 - pow(0.9, t), correction2 = 1 - pow(0.999, t)
                for i in parameters.indices {
                    let g = max(-5, min(5, gradient[i] * scale))
                    first[i] = 0.9 * first[i] + 0.1 * g
                    second[i] = 0.999 * second[i] + 0.001 * g * g
                    parameters[i] -= learningRate * (first[i] / correction1) / ((second[i] / correction2).squareRoot() + 1e-8)
                }
            }
            lastLoss = loss / Double(max(1, samples.count))
        }
        return lastLoss
    }
}

extension GRUNetwork {
    /// Moves one parameter (for gradient checks).
    mutating func perturb(_ index: Int, by amount: Double) { parameters[index] += amount }
}
