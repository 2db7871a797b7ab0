/// The trained classifier inside a model file, one case per ``ModelKind``.
public enum ClassifierModel: Sendable, Equatable {
    case naiveBayes(GaussianNaiveBayes)
    case tree(DecisionTree)
    case mlp(MultilayerPerceptron)
    case ensemble(SoftVotingEnsemble)

    /// The kind of classifier.
    public var kind: ModelKind {
        switch self {
        case .naiveBayes: return .naiveBayes
        case .tree: return .tree
        case .mlp: return .mlp
        case .ensemble: return .ensemble
        }
    }

    /// The classifier behind the common protocol.
    public var classifier: any Classifier {
        switch self {
        case .naiveBayes(let m): return m
        case .tree(let m): return m
        case .mlp(let m): return m
        case .ensemble(let m): return m
        }
    }

    /// The number of input features the classifier was trained on.
    public var featureCount: Int {
        switch self {
        case .naiveBayes(let m): return m.featureCount
        case .tree(let m): return m.featureCount
        case .mlp(let m): return m.featureCount
        case .ensemble(let m): return m.tree.featureCount
        }
    }

    /// The decision tree, alone or inside the ensemble.
    var decisionTree: DecisionTree? {
        switch self {
        case .tree(let m): return m
        case .ensemble(let m): return m.tree
        default: return nil
        }
    }

    /// Naive Bayes, alone or inside the ensemble.
    var naiveBayes: GaussianNaiveBayes? {
        switch self {
        case .naiveBayes(let m): return m
        case .ensemble(let m): return m.naiveBayes
        default: return nil
        }
    }

    func encode(to container: inout KeyedEncodingContainer<DetectionModel.CodingKeys>) throws {
        let key = DetectionModel.CodingKeys.classifier
        switch self {
        case .naiveBayes(let m): try container.encode(m, forKey: key)
        case .tree(let m): try container.encode(m, forKey: key)
        case .mlp(let m): try container.encode(m, forKey: key)
        case .ensemble(let m): try container.encode(m, forKey: key)
        }
    }

    static func decode(kind: ModelKind, from container: KeyedDecodingContainer<DetectionModel.CodingKeys>) throws -> Self {
        let key = DetectionModel.CodingKeys.classifier
        switch kind {
        case .naiveBayes: return .naiveBayes(try container.decode(GaussianNaiveBayes.self, forKey: key))
        case .tree: return .tree(try container.decode(DecisionTree.self, forKey: key))
        case .mlp: return .mlp(try container.decode(MultilayerPerceptron.self, forKey: key))
        case .ensemble: return .ensemble(try container.decode(SoftVotingEnsemble.self, forKey: key))
        }
    }
}
