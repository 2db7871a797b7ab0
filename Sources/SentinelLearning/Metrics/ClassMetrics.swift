/// Precision, recall, F1 and support of one class.
public struct ClassMetrics: Sendable, Equatable, Codable {
    /// The class name.
    public let name: String
    /// True positives over predicted positives (0 when nothing was predicted as this class).
    public let precision: Double
    /// True positives over actual positives (0 when the class has no rows).
    public let recall: Double
    /// The harmonic mean of precision and recall (0 when both are 0).
    public let f1: Double
    /// The number of rows whose true class is this one.
    public let support: Int

    /// Creates the metrics of one class.
    public init(name: String, precision: Double, recall: Double, f1: Double, support: Int) {
        self.name = name
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.support = support
    }
}
