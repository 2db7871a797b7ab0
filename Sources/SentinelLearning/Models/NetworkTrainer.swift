import Foundation

/// The mutable working state of one training run of a fully connected ReLU network — the
/// one network of the package, behind both ``MultilayerPerceptron`` (softmax output,
/// cross-entropy) and ``MLPRegressor`` (one linear output, half squared error): weights,
/// gradients, Adam moments and per-layer activation buffers, kept in raw buffers allocated
/// once so the mini-batch loop neither allocates nor copies.
///
/// Layer `l` maps `layerSizes[l]` inputs to `layerSizes[l + 1]` outputs; its weights are
/// row-major `layerSizes[l] × layerSizes[l + 1]` (input-major), as in the model.
final class NetworkTrainer {
    /// What the last layer's outputs are trained against.
    enum Objective {
        /// Softmax probabilities against class labels, summed cross-entropy.
        case softmaxCrossEntropy
        /// One linear output against a target value, summed `½ (output − target)²`.
        case squaredError
    }

    /// What each training row is supervised by: a class label, or a target value.
    enum Supervision {
        case labels([Int])
        case targets([Float])
    }

    let layerSizes: [Int]
    let objective: Objective
    /// The most rows a batch may hold.
    let capacity: Int

    private(set) var weights: [UnsafeMutablePointer<Float>] = []
    private(set) var biases: [UnsafeMutablePointer<Float>] = []
    private(set) var weightGradients: [UnsafeMutablePointer<Float>] = []
    private(set) var biasGradients: [UnsafeMutablePointer<Float>] = []
    private var weightMeans: [UnsafeMutablePointer<Float>] = []
    private var weightVariances: [UnsafeMutablePointer<Float>] = []
    private var biasMeans: [UnsafeMutablePointer<Float>] = []
    private var biasVariances: [UnsafeMutablePointer<Float>] = []
    /// `activations[0]` holds the input batch; `activations[l + 1]` the output of layer `l`
    /// (after ReLU for hidden layers; logits, then probabilities, for the last).
    private var activations: [UnsafeMutablePointer<Float>] = []
    private let delta: UnsafeMutablePointer<Float>
    private let nextDelta: UnsafeMutablePointer<Float>
    private let transposed: UnsafeMutablePointer<Float>
    /// The labels of the rows in the current batch (``Objective/softmaxCrossEntropy``).
    private var batchLabels: [Int]
    /// The targets of the rows in the current batch (``Objective/squaredError``).
    private var batchTargets: [Float]
    /// Adam's step counter.
    private var step = 0
    private var allocations: [UnsafeMutablePointer<Float>] = []

    var layerCount: Int { layerSizes.count - 1 }

    init(
        layerSizes: [Int], weights initialWeights: [[Float]], biases initialBiases: [[Float]], capacity: Int,
        objective: Objective = .softmaxCrossEntropy
    ) {
        precondition(layerSizes.count >= 2 && capacity > 0)
        precondition(objective == .softmaxCrossEntropy || layerSizes.last == 1, "a regression has one output")
        self.layerSizes = layerSizes
        self.objective = objective
        self.capacity = capacity
        let widest = layerSizes.max()!
        var largestWeights = 0
        var buffers: [UnsafeMutablePointer<Float>] = []
        func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
            let pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            pointer.initialize(repeating: 0, count: max(count, 1))
            buffers.append(pointer)
            return pointer
        }
        for layer in 0..<(layerSizes.count - 1) {
            let count = layerSizes[layer] * layerSizes[layer + 1]
            let outputs = layerSizes[layer + 1]
            largestWeights = max(largestWeights, count)
            let w = allocate(count)
            initialWeights[layer].withUnsafeBufferPointer { w.update(from: $0.baseAddress!, count: count) }
            let b = allocate(outputs)
            initialBiases[layer].withUnsafeBufferPointer { b.update(from: $0.baseAddress!, count: outputs) }
            weights.append(w)
            biases.append(b)
            weightGradients.append(allocate(count))
            biasGradients.append(allocate(outputs))
            weightMeans.append(allocate(count))
            weightVariances.append(allocate(count))
            biasMeans.append(allocate(outputs))
            biasVariances.append(allocate(outputs))
        }
        for size in layerSizes { activations.append(allocate(capacity * size)) }
        delta = allocate(capacity * widest)
        nextDelta = allocate(capacity * widest)
        transposed = allocate(largestWeights)
        batchLabels = [Int](repeating: 0, count: capacity)
        batchTargets = [Float](repeating: 0, count: capacity)
        allocations = buffers
    }

    deinit {
        for pointer in allocations { pointer.deallocate() }
    }

    /// A copy of the current weights, one array per layer.
    func currentWeights() -> [[Float]] {
        (0..<layerCount).map { layer in
            Array(UnsafeBufferPointer(start: weights[layer], count: layerSizes[layer] * layerSizes[layer + 1]))
        }
    }

    /// A copy of the current biases, one array per layer.
    func currentBiases() -> [[Float]] {
        (0..<layerCount).map { layer in
            Array(UnsafeBufferPointer(start: biases[layer], count: layerSizes[layer + 1]))
        }
    }

    /// Copies the given rows of a row-major value buffer, and their labels, into the batch.
    func load(rows: ArraySlice<Int>, values: UnsafeBufferPointer<Float>, labels: [Int]) {
        loadValues(rows: rows, values: values)
        for (position, row) in rows.enumerated() { batchLabels[position] = labels[row] }
    }

    /// Copies the given rows of a row-major value buffer, and their targets, into the batch.
    func load(rows: ArraySlice<Int>, values: UnsafeBufferPointer<Float>, targets: [Float]) {
        loadValues(rows: rows, values: values)
        for (position, row) in rows.enumerated() { batchTargets[position] = targets[row] }
    }

    /// Copies the given rows, and what supervises them, into the batch.
    func load(rows: ArraySlice<Int>, values: UnsafeBufferPointer<Float>, supervision: Supervision) {
        switch supervision {
        case .labels(let labels): load(rows: rows, values: values, labels: labels)
        case .targets(let targets): load(rows: rows, values: values, targets: targets)
        }
    }

    private func loadValues(rows: ArraySlice<Int>, values: UnsafeBufferPointer<Float>) {
        precondition(rows.count <= capacity)
        let features = layerSizes[0]
        let input = activations[0]
        for (position, row) in rows.enumerated() {
            (input + position * features).update(from: values.baseAddress! + row * features, count: features)
        }
    }

    /// Runs the loaded `count` rows through the network, leaving the logits in the last
    /// activation buffer.
    func forward(count: Int) {
        for layer in 0..<layerCount {
            let inputs = layerSizes[layer]
            let outputs = layerSizes[layer + 1]
            let output = activations[layer + 1]
            Matrix.multiply(
                activations[layer], weights[layer], into: output, m: count, k: inputs, n: outputs)
            Matrix.addRow(biases[layer], to: output, rows: count, columns: outputs)
            if layer < layerCount - 1 { Matrix.relu(output, count: count * outputs) }
        }
    }

    /// The summed loss of the `count` loaded rows after ``forward(count:)``, in `Double`
    /// (for a classifier, the logits are replaced by probabilities on the way).
    func outputLoss(count: Int) -> Double {
        switch objective {
        case .softmaxCrossEntropy: return softmaxCrossEntropy(count: count)
        case .squaredError: return squaredError(count: count)
        }
    }

    /// `Σ ½ (output − target)²` of the `count` loaded rows, computed in `Double`.
    private func squaredError(count: Int) -> Double {
        let output = activations[layerCount]
        var total = 0.0
        for row in 0..<count {
            let error = Double(output[row]) - Double(batchTargets[row])
            total += 0.5 * error * error
        }
        return total
    }

    /// Replaces the logits of the `count` loaded rows by softmax probabilities and returns
    /// the summed cross-entropy `Σ (logsumexp(z) − z_label)`, computed in `Double`.
    private func softmaxCrossEntropy(count: Int) -> Double {
        let classes = layerSizes[layerCount]
        let output = activations[layerCount]
        var total = 0.0
        var exponentials = [Double](repeating: 0, count: classes)
        for row in 0..<count {
            let logits = output + row * classes
            var largest = logits[0]
            for j in 1..<classes where logits[j] > largest { largest = logits[j] }
            var sum = 0.0
            for j in 0..<classes {
                exponentials[j] = exp(Double(logits[j] - largest))
                sum += exponentials[j]
            }
            total += log(sum) - Double(logits[batchLabels[row]] - largest)
            for j in 0..<classes { logits[j] = Float(exponentials[j] / sum) }
        }
        return total
    }

    /// The summed loss of the loaded `count` rows (no L2 term).
    func summedLoss(count: Int) -> Double {
        forward(count: count)
        return outputLoss(count: count)
    }

    /// Computes the gradients of the mean loss of the loaded `count` rows plus the L2 term
    /// `alpha / (2 count) · Σ w²` (as scikit-learn), and returns that loss.
    @discardableResult
    func computeGradients(count: Int, alpha: Double) -> Double {
        forward(count: count)
        var loss = outputLoss(count: count) / Double(count)
        let classes = layerSizes[layerCount]
        let scale = 1 / Float(count)
        let outputs = activations[layerCount]
        switch objective {
        case .softmaxCrossEntropy:
            // δ = (p − onehot(label)) / count for the output layer.
            for row in 0..<count {
                let source = outputs + row * classes
                let target = delta + row * classes
                for j in 0..<classes { target[j] = source[j] * scale }
                target[batchLabels[row]] -= scale
            }
        case .squaredError:
            // δ = (output − target) / count for the one linear output.
            for row in 0..<count { delta[row] = (outputs[row] - batchTargets[row]) * scale }
        }
        var current = delta
        var next = nextDelta
        let decay = Float(alpha / Double(count))
        for layer in stride(from: layerCount - 1, through: 0, by: -1) {
            let inputs = layerSizes[layer]
            let outputs = layerSizes[layer + 1]
            let weightCount = inputs * outputs
            let gradient = weightGradients[layer]
            Matrix.multiplyTransposingFirst(
                activations[layer], current, into: gradient, m: count, k: inputs, n: outputs)
            if alpha > 0 {
                let w = weights[layer]
                loss += 0.5 * alpha * Matrix.sumOfSquares(w, count: weightCount) / Double(count)
                var index = 0
                while index < weightCount {
                    gradient[index] += decay * w[index]
                    index &+= 1
                }
            }
            Matrix.columnSums(current, into: biasGradients[layer], rows: count, columns: outputs)
            if layer > 0 {
                Matrix.transpose(weights[layer], into: transposed, rows: inputs, columns: outputs)
                Matrix.multiply(current, transposed, into: next, m: count, k: outputs, n: inputs)
                Matrix.maskByPositive(next, activations: activations[layer], count: count * inputs)
                swap(&current, &next)
            }
        }
        return loss
    }

    /// One Adam update of every weight and bias from the current gradients (scikit-learn's
    /// form: the bias corrections are folded into the step size).
    func adamStep(learningRate: Double, beta1: Double, beta2: Double, epsilon: Double) {
        step += 1
        let correction = (1 - pow(beta2, Double(step))).squareRoot() / (1 - pow(beta1, Double(step)))
        let rate = Float(learningRate * correction)
        let b1 = Float(beta1)
        let b2 = Float(beta2)
        let eps = Float(epsilon)
        for layer in 0..<layerCount {
            let outputs = layerSizes[layer + 1]
            Self.adam(
                weights[layer], gradients: weightGradients[layer], means: weightMeans[layer],
                variances: weightVariances[layer], count: layerSizes[layer] * outputs,
                rate: rate, beta1: b1, beta2: b2, epsilon: eps)
            Self.adam(
                biases[layer], gradients: biasGradients[layer], means: biasMeans[layer],
                variances: biasVariances[layer], count: outputs,
                rate: rate, beta1: b1, beta2: b2, epsilon: eps)
        }
    }

    private static func adam(
        _ parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>,
        means: UnsafeMutablePointer<Float>, variances: UnsafeMutablePointer<Float>, count: Int,
        rate: Float, beta1: Float, beta2: Float, epsilon: Float
    ) {
        let keep1 = 1 - beta1
        let keep2 = 1 - beta2
        var index = 0
        while index < count {
            let g = gradients[index]
            let m = beta1 * means[index] + keep1 * g
            let v = beta2 * variances[index] + keep2 * (g * g)
            means[index] = m
            variances[index] = v
            parameters[index] -= rate * m / (v.squareRoot() + epsilon)
            index &+= 1
        }
    }
}
