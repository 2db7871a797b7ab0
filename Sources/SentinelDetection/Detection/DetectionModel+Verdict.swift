import SentinelCore
import SentinelLearning

extension DetectionModel {
    /// For each of the model's features, its position among `names` (the columns a kind of
    /// window offers).
    /// - Throws: ``ModelError/featureMismatch(missing:extra:)`` naming a feature the windows
    ///   do not have (a packet model given log windows, say).
    func columns(in names: [String]) throws(ModelError) -> [Int] {
        let mapping = try columnMapping(from: names)
        var columns: [Int] = []
        for (name, column) in zip(featureNames, mapping) {
            guard let column else { throw .featureMismatch(missing: [name], extra: []) }
            columns.append(column)
        }
        return columns
    }

    /// The verdict on one row of raw features in the model's order.
    func verdict(row: [Float], explain: Bool) -> WindowVerdict {
        // Window features are finite by construction; a NaN would be a bug upstream.
        let p = (try? probabilities(raw: row)) ?? [Double](repeating: 1 / Double(classNames.count), count: classNames.count)
        let best = decide(p)
        return WindowVerdict(
            className: classNames[best], confidence: p[best], probabilities: p,
            explanation: explain ? self.explain(raw: row) : nil)
    }

    /// The verdict for a window with nothing in it: `normal` with certainty, or nil when the
    /// model has no `normal` class.
    var emptyWindowVerdict: WindowVerdict? {
        guard let normal = classNames.firstIndex(of: ClassLabel.normal) else { return nil }
        var p = [Double](repeating: 0, count: classNames.count)
        p[normal] = 1
        return WindowVerdict(className: ClassLabel.normal, confidence: 1, probabilities: p, explanation: nil)
    }
}
