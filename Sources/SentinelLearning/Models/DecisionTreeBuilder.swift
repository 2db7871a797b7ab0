import Foundation

extension DecisionTree {
    /// Grows a tree depth-first from column-major training data.
    struct Builder {
        let columns: [Float]
        let rowCount: Int
        let featureCount: Int
        let classCount: Int
        let labels: [Int]
        let classWeights: [Double]
        let parameters: Parameters

        private var nodes: [Node] = []

        init(
            columns: [Float], rowCount: Int, featureCount: Int, classCount: Int, labels: [Int],
            classWeights: [Double], parameters: Parameters
        ) {
            self.columns = columns
            self.rowCount = rowCount
            self.featureCount = featureCount
            self.classCount = classCount
            self.labels = labels
            self.classWeights = classWeights
            self.parameters = parameters
        }

        private struct Task {
            var rows: [Int]
            var depth: Int
            var parent: Int
            var isLeft: Bool
        }

        private struct Split {
            var feature: Int
            var threshold: Double
        }

        mutating func build() -> [Node] {
            nodes = []
            var stack = [Task(rows: Array(0..<rowCount), depth: 0, parent: -1, isLeft: true)]
            while let task = stack.popLast() {
                var weights = [Double](repeating: 0, count: classCount)
                for row in task.rows { weights[labels[row]] += classWeights[labels[row]] }
                let total = weights.reduce(0, +)
                let impurity = Self.impurity(weights, total: total, criterion: parameters.criterion)
                let index = nodes.count
                nodes.append(
                    Node(
                        feature: -1, threshold: 0, left: -1, right: -1, impurity: impurity,
                        sampleCount: task.rows.count, weightedSampleCount: total,
                        probabilities: total > 0 ? weights.map { $0 / total } : weights))
                if task.parent >= 0 {
                    if task.isLeft { nodes[task.parent].left = index } else { nodes[task.parent].right = index }
                }

                let n = task.rows.count
                if let maxDepth = parameters.maxDepth, task.depth >= maxDepth { continue }
                if n < parameters.minSamplesSplit || n < 2 * parameters.minSamplesLeaf { continue }
                if impurity <= 1e-12 { continue }
                guard let split = bestSplit(rows: task.rows, weights: weights, total: total) else {
                    continue
                }
                var left: [Int] = []
                var right: [Int] = []
                let base = split.feature * rowCount
                for row in task.rows {
                    if Double(columns[base + row]) <= split.threshold { left.append(row) } else { right.append(row) }
                }
                nodes[index].feature = split.feature
                nodes[index].threshold = split.threshold
                // Right pushed first so the left subtree is built (and numbered) first.
                stack.append(Task(rows: right, depth: task.depth + 1, parent: index, isLeft: false))
                stack.append(Task(rows: left, depth: task.depth + 1, parent: index, isLeft: true))
            }
            return nodes
        }

        /// The split with the lowest weighted child impurity; ties go to the lowest feature,
        /// then the lowest threshold. `nil` when no split leaves `minSamplesLeaf` rows on
        /// each side.
        private func bestSplit(rows: [Int], weights: [Double], total: Double) -> Split? {
            let n = rows.count
            let minLeaf = parameters.minSamplesLeaf
            let criterion = parameters.criterion
            // Equal-quality splits can differ by rounding; treat those as ties.
            let tolerance = 1e-10 * max(total, 1)
            var best: Split?
            var bestScore = Double.infinity
            var pairs = [(value: Float, row: Int)]()
            pairs.reserveCapacity(n)
            var leftWeights = [Double](repeating: 0, count: classCount)
            var rightWeights = [Double](repeating: 0, count: classCount)
            for feature in 0..<featureCount {
                let base = feature * rowCount
                pairs.removeAll(keepingCapacity: true)
                for row in rows { pairs.append((columns[base + row], row)) }
                pairs.sort { $0.value < $1.value }
                if pairs[0].value == pairs[n - 1].value { continue }
                for label in 0..<classCount { leftWeights[label] = 0 }
                var leftTotal = 0.0
                for k in 0..<(n - 1) {
                    let label = labels[pairs[k].row]
                    leftWeights[label] += classWeights[label]
                    leftTotal += classWeights[label]
                    let value = pairs[k].value
                    let next = pairs[k + 1].value
                    if value == next { continue }
                    let leftCount = k + 1
                    if leftCount < minLeaf || n - leftCount < minLeaf { continue }
                    let rightTotal = total - leftTotal
                    for label in 0..<classCount { rightWeights[label] = weights[label] - leftWeights[label] }
                    let score = leftTotal * Self.impurity(leftWeights, total: leftTotal, criterion: criterion)
                        + rightTotal * Self.impurity(rightWeights, total: rightTotal, criterion: criterion)
                    if score < bestScore - tolerance {
                        bestScore = score
                        best = Split(feature: feature, threshold: Self.midpoint(value, next))
                    }
                }
            }
            return best
        }

        /// The midpoint of `low < high` (as scikit-learn computes it), or `low` when rounding
        /// would put it on `high`.
        static func midpoint(_ low: Float, _ high: Float) -> Double {
            let middle = Double(low) / 2 + Double(high) / 2
            return middle >= Double(high) || !middle.isFinite ? Double(low) : middle
        }

        static func impurity(_ weights: [Double], total: Double, criterion: Criterion) -> Double {
            guard total > 0 else { return 0 }
            switch criterion {
            case .gini:
                var sum = 0.0
                for weight in weights {
                    let p = weight / total
                    sum += p * p
                }
                return max(0, 1 - sum)
            case .entropy:
                var sum = 0.0
                for weight in weights where weight > 0 {
                    let p = weight / total
                    sum -= p * log2(p)
                }
                return max(0, sum)
            }
        }
    }
}
