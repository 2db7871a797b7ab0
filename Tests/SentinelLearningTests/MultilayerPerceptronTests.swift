import Foundation
import SentinelCore
import Testing

@testable import SentinelLearning

@Suite("MultilayerPerceptron")
struct MultilayerPerceptronTests {
    typealias Hyperparameters = MultilayerPerceptron.Hyperparameters

    /// XOR's four points, each repeated `copies` times.
    static func xor(copies: Int = 25) throws -> Dataset {
        let points: [[Float]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
        let classes = [0, 1, 1, 0]
        var rows: [[Float]] = []
        var labels: [Int] = []
        for _ in 0..<copies {
            rows += points
            labels += classes
        }
        return try Dataset(rows: rows, featureNames: ["a", "b"], classNames: ["off", "on"], labels: labels)
    }

    /// Three well separated Gaussian blobs in 2-D (standard deviation 0.5, centres 3 apart),
    /// drawn with a seeded SplitMix64 and Box–Muller.
    static func blobs(perClass: Int, seed: UInt64) throws -> Dataset {
        let centres: [(Double, Double)] = [(-3, 0), (3, 0), (0, 3)]
        var generator = SplitMix64(seed: seed)
        func normal() -> Double {
            let u1 = 1 - generator.nextUnitDouble()
            let u2 = generator.nextUnitDouble()
            return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
        var rows: [[Float]] = []
        var labels: [Int] = []
        for index in 0..<(perClass * 3) {
            let label = index % 3
            let (x, y) = centres[label]
            rows.append([Float(x + 0.5 * normal()), Float(y + 0.5 * normal())])
            labels.append(label)
        }
        return try Dataset(
            rows: rows, featureNames: ["x", "y"], classNames: ["a", "b", "c"], labels: labels)
    }

    static func accuracy(_ model: MultilayerPerceptron, _ data: Dataset) -> Double {
        let predictions = model.predict(data)
        let correct = zip(predictions, data.labels).filter { $0 == $1 }.count
        return Double(correct) / Double(data.rowCount)
    }

    static let small = Hyperparameters(
        hiddenLayers: [8], learningRate: 0.01, batchSize: 16, maxEpochs: 40, earlyStopping: false,
        seed: 7)

    @Test func learnsXOR() throws {
        let data = try Self.xor()
        let settings = Hyperparameters(
            hiddenLayers: [8], learningRate: 0.02, batchSize: 10, alpha: 0, maxEpochs: 60,
            earlyStopping: false, seed: 3)
        let model = try MultilayerPerceptron(fitting: data, hyperparameters: settings)
        #expect(model.epochCount == 60)
        #expect(Self.accuracy(model, data) == 1)
        for (point, label) in [([Float(0), 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)] {
            #expect(model.predict(point) == label)
            #expect(model.predictProbabilities(point)[label] > 0.9)
        }
        #expect(model.lossHistory.last! < model.lossHistory.first! / 4)
    }

    @Test func separatesThreeBlobs() throws {
        let train = try Self.blobs(perClass: 60, seed: 11)
        let test = try Self.blobs(perClass: 60, seed: 12)
        let model = try MultilayerPerceptron(fitting: train, hyperparameters: Self.small)
        #expect(Self.accuracy(model, train) >= 0.95)
        #expect(Self.accuracy(model, test) >= 0.95)
        #expect(model.layerSizes == [2, 8, 3])
    }

    @Test func probabilitiesSumToOne() throws {
        let data = try Self.blobs(perClass: 20, seed: 5)
        let model = try MultilayerPerceptron(fitting: data, hyperparameters: Self.small)
        for probabilities in model.predictProbabilities(data) + [model.predictProbabilities([100, -100])] {
            #expect(probabilities.count == 3)
            #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12)
            #expect(probabilities.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
        // predict agrees with the most probable class.
        for row in 0..<data.rowCount {
            let p = model.predictProbabilities(data.row(row))
            #expect(model.predict(data.row(row)) == p.firstIndex(of: p.max()!)!)
        }
    }

    /// Batched prediction over a dataset (several batches of 256) equals row-by-row
    /// prediction bit for bit.
    @Test func batchPredictionMatchesRowByRow() throws {
        let train = try Self.blobs(perClass: 20, seed: 6)
        let data = try Self.blobs(perClass: 200, seed: 7)
        var settings = Self.small
        settings.hiddenLayers = [8, 5]
        settings.maxEpochs = 5
        let model = try MultilayerPerceptron(fitting: train, hyperparameters: settings)
        let batched = model.predictProbabilities(data)
        #expect(batched.count == data.rowCount)
        let rowByRow = (0..<data.rowCount).map { model.predictProbabilities(Array(data.row($0))) }
        #expect(batched == rowByRow)
        #expect(model.predict(data) == (0..<data.rowCount).map { model.predict(data.row($0)) })
    }

    @Test func sameSeedIsBitForBitReproducible() throws {
        let data = try Self.blobs(perClass: 30, seed: 9)
        var settings = Self.small
        settings.earlyStopping = true
        settings.validationFraction = 0.2
        settings.maxEpochs = 15
        let first = try MultilayerPerceptron(fitting: data, hyperparameters: settings)
        let second = try MultilayerPerceptron(fitting: data, hyperparameters: settings)
        #expect(first == second)
        #expect(first.predictProbabilities(data) == second.predictProbabilities(data))

        settings.seed = 8
        let other = try MultilayerPerceptron(fitting: data, hyperparameters: settings)
        #expect(other.weights != first.weights)
        #expect(other.lossHistory != first.lossHistory)
    }

    @Test func earlyStoppingKeepsTheBestWeights() throws {
        let data = try Self.blobs(perClass: 40, seed: 21)
        let settings = Hyperparameters(
            hiddenLayers: [8], learningRate: 0.05, batchSize: 16, maxEpochs: 300,
            validationFraction: 0.25, patience: 3, tolerance: 1e-3, seed: 2)
        let model = try MultilayerPerceptron(fitting: data, hyperparameters: settings)
        #expect(model.epochCount < 300)
        #expect(model.validationLossHistory.count == model.epochCount)
        #expect(model.epochCount == model.bestEpoch + settings.patience)
        let kept = model.validationLossHistory[model.bestEpoch - 1]
        #expect(model.validationLossHistory.min()! >= kept - settings.tolerance)

        // The held-out rows are the stratified split the model documents; their loss under
        // the kept weights is the recorded best validation loss.
        let split = try StratifiedSplit(
            labels: data.labels, classCount: 3, testFraction: 0.25,
            seed: {
                var g = SplitMix64(seed: 2); return g.next()
            }())
        let validation = data.subset(rows: split.testIndices)
        #expect(abs(model.meanLoss(validation) - kept) < 1e-5)
    }

    /// Central finite differences of the loss against the back-propagated gradients of every
    /// weight and bias of a tiny network ([3, 4, 3] with L2).
    @Test func backpropagationMatchesFiniteDifferences() throws {
        let sizes = [3, 4, 3]
        var generator = SplitMix64(seed: 42)
        let (weights, biases0) = MultilayerPerceptron.heInitialisation(layerSizes: sizes, generator: &generator)
        let biases = biases0.map { layer in layer.map { _ in Float(generator.nextUnitDouble() - 0.5) } }
        let inputs: [Float] = [0.5, -1.2, 0.3, 1.1, 0.4, -0.7, -0.2, 0.9, 1.5, 0.8, -0.3, -1.0, 0.1, 0.2, -0.4]
        let labels = [0, 2, 1, 2, 0]
        let alpha = 0.1

        func loss(_ w: [[Float]], _ b: [[Float]], gradients: Bool = false)
            -> (Double, [[Float]], [[Float]])
        {
            let trainer = NetworkTrainer(layerSizes: sizes, weights: w, biases: b, capacity: 5)
            inputs.withUnsafeBufferPointer { trainer.load(rows: Array(labels.indices)[...], values: $0, labels: labels) }
            let value = trainer.computeGradients(count: 5, alpha: alpha)
            let wg = (0..<2).map {
                Array(UnsafeBufferPointer(start: trainer.weightGradients[$0], count: sizes[$0] * sizes[$0 + 1]))
            }
            let bg = (0..<2).map { Array(UnsafeBufferPointer(start: trainer.biasGradients[$0], count: sizes[$0 + 1])) }
            return (value, wg, bg)
        }

        let (_, weightGradients, biasGradients) = loss(weights, biases)
        let step: Float = 1e-2
        func check(numeric: Double, analytic: Float) {
            let difference = abs(numeric - Double(analytic))
            let scale = max(abs(numeric), abs(Double(analytic)), 1e-2)
            #expect(difference / scale < 1e-2, "numeric \(numeric) vs backprop \(analytic)")
        }
        /// The central difference of the loss (`lossWith` the changed parameters) along one
        /// entry of `parameters`.
        func numeric(_ parameters: [[Float]], _ layer: Int, _ index: Int, _ lossWith: ([[Float]]) -> Double) -> Double {
            var plus = parameters, minus = parameters
            plus[layer][index] += step
            minus[layer][index] -= step
            return (lossWith(plus) - lossWith(minus)) / Double(plus[layer][index] - minus[layer][index])
        }
        for layer in 0..<2 {
            for index in weights[layer].indices {
                check(numeric: numeric(weights, layer, index) { loss($0, biases).0 }, analytic: weightGradients[layer][index])
            }
            for index in biases[layer].indices {
                check(numeric: numeric(biases, layer, index) { loss(weights, $0).0 }, analytic: biasGradients[layer][index])
            }
        }
    }

    @Test func codableRoundTripPredictsTheSame() throws {
        let data = try Self.blobs(perClass: 20, seed: 4)
        let model = try MultilayerPerceptron(fitting: data, hyperparameters: Self.small)
        let json = try JSONEncoder().encode(model)
        let decoded = try JSONDecoder().decode(MultilayerPerceptron.self, from: json)
        #expect(decoded == model)
        #expect(decoded.predictProbabilities(data) == model.predictProbabilities(data))
        #expect(decoded.predict(data) == model.predict(data))
    }

    @Test func decodingRejectsMismatchedShapes() throws {
        let model = MultilayerPerceptron(
            layerSizes: [2, 1, 2], weights: [[1, 1], [1, -1]], biases: [[0], [0, 0]])
        var object = try #require(
            JSONSerialization.jsonObject(with: JSONEncoder().encode(model)) as? [String: Any])
        object["layerSizes"] = [3, 1, 2]
        let broken = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(MultilayerPerceptron.self, from: broken)
        }
    }

    @Test(arguments: [
        (Hyperparameters(hiddenLayers: []), MultilayerPerceptronError.invalidHiddenLayer(index: -1, size: 0)),
        (Hyperparameters(hiddenLayers: [4, 0]), .invalidHiddenLayer(index: 1, size: 0)),
        (Hyperparameters(learningRate: 0), .invalidLearningRate(0)),
        (Hyperparameters(learningRate: .nan), .invalidLearningRate(.nan)),
        (Hyperparameters(beta1: 1), .invalidDecayRate(name: "beta1", value: 1)),
        (Hyperparameters(beta2: -0.1), .invalidDecayRate(name: "beta2", value: -0.1)),
        (Hyperparameters(epsilon: 0), .invalidEpsilon(0)),
        (Hyperparameters(batchSize: 0), .invalidBatchSize(0)),
        (Hyperparameters(alpha: -1), .invalidAlpha(-1)),
        (Hyperparameters(maxEpochs: 0), .invalidMaxEpochs(0)),
        (Hyperparameters(validationFraction: 1), .invalidValidationFraction(1)),
        (Hyperparameters(patience: 0), .invalidPatience(0)),
        (Hyperparameters(tolerance: -1), .invalidTolerance(-1)),
    ])
    func badHyperparametersThrow(settings: Hyperparameters, expected: MultilayerPerceptronError) throws {
        let data = try Self.xor(copies: 2)
        do {
            _ = try MultilayerPerceptron(fitting: data, hyperparameters: settings)
            Issue.record("expected \(expected)")
        } catch {
            // NaN ≠ NaN, so compare descriptions.
            #expect(error.description == expected.description)
            #expect(!error.description.isEmpty)
        }
    }

    @Test func badDataThrows() throws {
        let nan = try Dataset(
            rows: [[0, 1], [1, .nan], [2, 2]], featureNames: ["a", "b"], classNames: ["x", "y"],
            labels: [0, 1, 0])
        #expect(throws: MultilayerPerceptronError.nonFiniteValue(row: 1, column: 1)) {
            try MultilayerPerceptron(fitting: nan, hyperparameters: Self.small)
        }
        let single = try Dataset(rows: [[1, 2]], featureNames: ["a", "b"], classNames: ["x"], labels: [0])
        var settings = Self.small
        settings.earlyStopping = true
        #expect(throws: MultilayerPerceptronError.tooFewRows(rows: 1, needed: 2)) {
            try MultilayerPerceptron(fitting: single, hyperparameters: settings)
        }
        let diverging = Hyperparameters(hiddenLayers: [4], learningRate: 1e30, batchSize: 1, maxEpochs: 5, earlyStopping: false)
        let data = try Self.blobs(perClass: 5, seed: 1).replacingValues(
            try Self.blobs(perClass: 5, seed: 1).values.map { $0 * 1e18 })
        #expect(throws: MultilayerPerceptronError.self) {
            try MultilayerPerceptron(fitting: data, hyperparameters: diverging)
        }
    }
}
