import Foundation

extension DetectionModel {
    /// Explains the model's class for one raw row (in ``featureNames`` order).
    ///
    /// A tree, alone or in the ensemble, gives its decision path with thresholds in raw
    /// units; naive Bayes gives the features that favoured the class most against the
    /// runner-up; the network gives the features whose removal lowers the class's
    /// probability most. The ensemble gives its tree's path.
    /// - Parameter limit: most reasons for naive Bayes and the network.
    public func explain<Row: Collection<Float>>(raw row: Row, limit: Int = 3) -> Explanation {
        let scaled = preprocessing.apply(row)
        let raw = Array(row)
        if let tree = classifier.decisionTree {
            return Explanation(method: .decisionPath, reasons: decisionPath(tree, scaled: scaled, raw: raw))
        }
        if let bayes = classifier.naiveBayes {
            return Explanation(method: .naiveBayes, reasons: bayesReasons(bayes, scaled: scaled, raw: raw, limit: limit))
        }
        return Explanation(method: .occlusion, reasons: occlusionReasons(scaled: scaled, raw: raw, limit: limit))
    }

    private func decisionPath(_ tree: DecisionTree, scaled: [Float], raw: [Float]) -> [String] {
        var reasons: [String] = []
        var index = 0
        while !tree.nodes[index].isLeaf {
            let node = tree.nodes[index]
            let left = Double(scaled[node.feature]) <= node.threshold
            let threshold = preprocessing.rawValue(scaled: node.threshold, feature: node.feature)
            reasons.append(
                "\(featureNames[node.feature]) \(left ? "<=" : ">") \(Self.format(threshold))"
                    + " (is \(Self.format(Double(raw[node.feature]))))")
            index = left ? node.left : node.right
        }
        return reasons
    }

    private func bayesReasons(_ bayes: GaussianNaiveBayes, scaled: [Float], raw: [Float], limit: Int) -> [String] {
        let joint = bayes.jointLogLikelihoods(scaled)
        let order = joint.indices.sorted { joint[$0] > joint[$1] }
        guard order.count >= 2 else { return [] }
        let (winner, rival) = (order[0], order[1])
        func logDensity(_ label: Int, _ feature: Int) -> Double {
            let variance = bayes.variance(label: label, feature: feature)
            let d = Double(scaled[feature]) - bayes.mean(label: label, feature: feature)
            return -0.5 * log(2 * Double.pi * variance) - d * d / (2 * variance)
        }
        let weight = featureNames.indices.map { logDensity(winner, $0) - logDensity(rival, $0) }
        return featureNames.indices.sorted { weight[$0] > weight[$1] }.prefix(limit).filter { weight[$0] > 0 }.map { f in
            let typical = preprocessing.rawValue(scaled: bayes.mean(label: winner, feature: f), feature: f)
            let other = preprocessing.rawValue(scaled: bayes.mean(label: rival, feature: f), feature: f)
            return "\(featureNames[f]) = \(Self.format(Double(raw[f]))) (typical \(classNames[winner]) "
                + "\(Self.format(typical)), \(classNames[rival]) \(Self.format(other)))"
        }
    }

    private func occlusionReasons(scaled: [Float], raw: [Float], limit: Int) -> [String] {
        let model = classifier.classifier
        let base = model.predictProbabilities(scaled)
        let label = decide(base)
        var drops: [(feature: Int, drop: Double)] = []
        var probe = scaled
        for f in featureNames.indices {
            probe[f] = 0
            drops.append((f, base[label] - model.predictProbabilities(probe)[label]))
            probe[f] = scaled[f]
        }
        return drops.sorted { $0.drop > $1.drop }.prefix(limit).filter { $0.drop > 0 }.map {
            "\(featureNames[$0.feature]) = \(Self.format(Double(raw[$0.feature]))) "
                + "(at its mean, p(\(classNames[label])) drops by \(Self.format($0.drop)))"
        }
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        let magnitude = abs(value)
        if magnitude >= 100 { return String(format: "%.0f", value) }
        if magnitude >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.3g", value)
    }
}
