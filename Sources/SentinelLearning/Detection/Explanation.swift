/// Why a model gave a row its class, in words a person can check against the features.
public struct Explanation: Sendable, Equatable, Codable {
    /// How the reasons were found.
    public enum Method: String, Sendable, Codable {
        /// The decision tree's conditions from root to leaf.
        case decisionPath = "decision_path"
        /// The features whose likelihood favoured the class most under naive Bayes.
        case naiveBayes = "naive_bayes"
        /// The features whose removal (set to the training mean) lowers the class's
        /// probability most; used for the network.
        case occlusion
        /// The window against the site's own baseline (no model reasons).
        case siteBaseline = "site_baseline"
    }

    /// How the reasons were found.
    public var method: Method
    /// The reasons, strongest first, such as `syn_synack_ratio > 12.5`.
    public var reasons: [String]

    /// Creates an explanation.
    public init(method: Method, reasons: [String]) {
        self.method = method
        self.reasons = reasons
    }
}
