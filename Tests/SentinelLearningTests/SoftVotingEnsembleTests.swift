import SentinelLearning
import Testing

@Suite("Soft-voting ensemble")
struct SoftVotingEnsembleTests {
    /// Two well-separated classes on one feature, a noise feature beside it.
    static func data() throws -> Dataset {
        var rows: [[Float]] = []
        var labels: [Int] = []
        for i in 0..<40 {
            rows.append([Float(i % 20) * 0.05 + (i < 20 ? 0 : 3), Float((i * 7) % 5)])
            labels.append(i < 20 ? 0 : 1)
        }
        return try Dataset(rows: rows, featureNames: ["x", "noise"], classNames: ["normal", "attack"], labels: labels)
    }

    @Test("the ensemble's probabilities are the weighted mean of its members'")
    func weightedMean() throws {
        let d = try Self.data()
        let nb = try GaussianNaiveBayes(fitting: d)
        let tree = try DecisionTree(fitting: d)
        var h = MultilayerPerceptron.Hyperparameters()
        h.hiddenLayers = [4]
        h.maxEpochs = 30
        h.earlyStopping = false
        let mlp = try MultilayerPerceptron(fitting: d, hyperparameters: h)
        let ensemble = try SoftVotingEnsemble(naiveBayes: nb, tree: tree, network: mlp, weights: [1, 2, 1])
        let row: [Float] = [1.5, 2]
        let expected = zip(zip(nb.predictProbabilities(row), tree.predictProbabilities(row)), mlp.predictProbabilities(row))
            .map { ($0.0 + 2 * $0.1 + $1) / 4 }
        let got = ensemble.predictProbabilities(row)
        for (a, b) in zip(got, expected) { #expect(abs(a - b) < 1e-12) }
        #expect(abs(got.reduce(0, +) - 1) < 1e-9)
        #expect(ensemble.predictClass([Float(0.2), 1]) == 0)
        #expect(ensemble.predictClass([Float(3.4), 1]) == 1)
        #expect(throws: EnsembleError.badWeights([0, 0, 0])) {
            try SoftVotingEnsemble(naiveBayes: nb, tree: tree, network: mlp, weights: [0, 0, 0])
        }
    }
}
