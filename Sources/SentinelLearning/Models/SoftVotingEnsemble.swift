/// Soft voting over naive Bayes, a decision tree and a neural network: the weighted mean of
/// their class probabilities.
public struct SoftVotingEnsemble: Classifier, Equatable, Codable {
    /// The naive Bayes member.
    public let naiveBayes: GaussianNaiveBayes
    /// The decision tree member.
    public let tree: DecisionTree
    /// The neural network member.
    public let network: MultilayerPerceptron
    /// Weights of naive Bayes, tree and network, in that order (not all zero).
    public let weights: [Double]

    /// Combines three trained members that share their classes.
    /// - Throws: ``EnsembleError`` when the weights are not three non-negative finite numbers
    ///   with a positive sum, or the members disagree on the number of classes.
    public init(
        naiveBayes: GaussianNaiveBayes, tree: DecisionTree, network: MultilayerPerceptron,
        weights: [Double] = [1, 1, 1]
    ) throws(EnsembleError) {
        guard weights.count == 3, weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.reduce(0, +) > 0 else {
            throw .badWeights(weights)
        }
        let counts = [naiveBayes.classCount, tree.classCount, network.classCount]
        guard Set(counts).count == 1 else { throw .classCountMismatch(counts) }
        let features = [naiveBayes.featureCount, tree.featureCount, network.featureCount]
        guard Set(features).count == 1 else { throw .featureCountMismatch(features) }
        self.naiveBayes = naiveBayes
        self.tree = tree
        self.network = network
        self.weights = weights
    }

    private enum CodingKeys: String, CodingKey {
        case naiveBayes, tree, network, weights
    }

    /// Reads an ensemble through ``init(naiveBayes:tree:network:weights:)``, so a model file
    /// whose members disagree is refused instead of trapping at the first prediction.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                naiveBayes: try container.decode(GaussianNaiveBayes.self, forKey: .naiveBayes),
                tree: try container.decode(DecisionTree.self, forKey: .tree),
                network: try container.decode(MultilayerPerceptron.self, forKey: .network),
                weights: try container.decode([Double].self, forKey: .weights))
        } catch let error as EnsembleError {
            throw DecodingError.dataCorruptedError(forKey: .weights, in: container, debugDescription: error.description)
        }
    }

    /// Number of classes.
    public var classCount: Int { tree.classCount }

    /// The weighted mean of the members' probabilities for one row.
    public func predictProbabilities<Row: Collection<Float>>(_ row: Row) -> [Double] {
        let members: [[Double]] = [
            naiveBayes.predictProbabilities(row), tree.predictProbabilities(row), network.predictProbabilities(row),
        ]
        let total = weights.reduce(0, +)
        var mean = [Double](repeating: 0, count: classCount)
        for (w, p) in zip(weights, members) where w > 0 {
            for i in mean.indices { mean[i] += w * p[i] / total }
        }
        return mean
    }

    /// The weighted mean of the members' probabilities for every row, each member predicting
    /// in batch (the same values as row by row).
    public func predictProbabilities(_ dataset: Dataset) -> [[Double]] {
        let members = [
            naiveBayes.predictProbabilities(dataset), tree.predictProbabilities(dataset),
            network.predictProbabilities(dataset),
        ]
        let total = weights.reduce(0, +)
        return (0..<dataset.rowCount).map { row in
            var mean = [Double](repeating: 0, count: classCount)
            for (w, p) in zip(weights, members) where w > 0 {
                for i in mean.indices { mean[i] += w * p[row][i] / total }
            }
            return mean
        }
    }
}

/// Why an ensemble could not be built.
public enum EnsembleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The weights are not three non-negative numbers with a positive sum.
    case badWeights([Double])
    /// The members were trained on different numbers of classes.
    case classCountMismatch([Int])
    /// The members read different numbers of features.
    case featureCountMismatch([Int])

    public var description: String {
        switch self {
        case .badWeights(let w): return "ensemble weights must be three non-negative numbers, not all zero (got \(w))"
        case .classCountMismatch(let c): return "ensemble members disagree on the number of classes: \(c)"
        case .featureCountMismatch(let f): return "ensemble members disagree on the number of features: \(f)"
        }
    }
}
