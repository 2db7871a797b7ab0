/// Everything that decides how a model is trained: the kind, the preprocessing and each
/// classifier's hyper-parameters. The defaults are the shipped model's.
public struct TrainingPlan: Sendable, Equatable {
    /// The classifier to train.
    public var kind: ModelKind = .ensemble
    /// The transform applied before standardisation.
    public var transform: FeatureTransform = .log1p
    /// Naive Bayes' variance smoothing (share of the largest variance).
    public var varianceSmoothing: Double = 1e-3
    /// The tree's settings.
    public var tree = DecisionTree.Parameters(maxDepth: 12, minSamplesLeaf: 2, classWeight: .balanced)
    /// The network's settings (its `seed` is set from ``seed``).
    public var network = MultilayerPerceptron.Hyperparameters(hiddenLayers: [32, 16], maxEpochs: 300)
    /// Train the network on classes made equal in size by repeating the rows of the smaller
    /// ones (the tree's `balanced` weights do the same for the tree), so a rare attack is
    /// not drowned by normal traffic.
    public var balanceNetwork = false
    /// Weights of naive Bayes, tree and network in the ensemble.
    public var ensembleWeights: [Double] = [0.2, 1, 2]
    /// The decision rule's least confidence for an attack verdict (0: plain argmax).
    public var minimumAttackConfidence: Double = 0
    /// The seed of the network's initialisation and shuffles.
    public var seed: UInt64 = 42

    /// The default plan.
    public init() {}
}
