/// The classifier a model file holds.
public enum ModelKind: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Gaussian naive Bayes.
    case naiveBayes = "nb"
    /// A CART decision tree.
    case tree
    /// A multilayer perceptron.
    case mlp
    /// Soft voting over the three.
    case ensemble

    public var description: String {
        switch self {
        case .naiveBayes: return "Gaussian naive Bayes"
        case .tree: return "decision tree"
        case .mlp: return "neural network (MLP)"
        case .ensemble: return "soft-voting ensemble (naive Bayes, tree, MLP)"
        }
    }
}
