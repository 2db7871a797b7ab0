/// What every classifier offers: class probabilities for a row of (scaled) features.
public protocol Classifier: Sendable {
    /// Number of classes the probabilities cover.
    var classCount: Int { get }
    /// Probabilities of each class for one row; they sum to 1.
    func predictProbabilities<Row: Collection<Float>>(_ row: Row) -> [Double]
}

extension Classifier {
    /// The most probable class of one row (the lowest index on a tie).
    public func predictClass<Row: Collection<Float>>(_ row: Row) -> Int {
        let p = predictProbabilities(row)
        var best = 0
        for i in p.indices where p[i] > p[best] { best = i }
        return best
    }
}

extension GaussianNaiveBayes: Classifier {}
extension DecisionTree: Classifier {}
extension MultilayerPerceptron: Classifier {}
