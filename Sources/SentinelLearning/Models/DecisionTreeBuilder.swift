import Foundation

extension DecisionTree {
    /// Grows a tree depth-first from column-major training data.
    ///
    /// Each feature's rows are sorted once, at the root. A node owns the same range
    /// `start..<end` of every feature's order; a split partitions each range stably into its
    /// left and right rows, so the children's ranges stay sorted and no node sorts again:
    /// O(rows × features) per tree level instead of O(rows log rows × features).
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
            var start: Int
            var end: Int
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
            let n = rowCount
            // order[f * n + i]: the i-th row of the node ranges by feature f's value.
            var order = [Int32](repeating: 0, count: featureCount * n)
            var sortedValues = [Float](repeating: 0, count: featureCount * n)
            var pairs = [(value: Float, row: Int32)]()
            pairs.reserveCapacity(n)
            for feature in 0..<featureCount {
                pairs.removeAll(keepingCapacity: true)
                for row in 0..<n { pairs.append((columns[feature * n + row], Int32(row))) }
                pairs.sort { $0.value < $1.value || ($0.value == $1.value && $0.row < $1.row) }
                for (i, pair) in pairs.enumerated() {
                    order[feature * n + i] = pair.row
                    sortedValues[feature * n + i] = pair.value
                }
            }
            var goesLeft = [Bool](repeating: false, count: n)
            var scratchRows = [Int32](repeating: 0, count: n)
            var scratchValues = [Float](repeating: 0, count: n)

            var stack = [Task(start: 0, end: n, depth: 0, parent: -1, isLeft: true)]
            while let task = stack.popLast() {
                var weights = [Double](repeating: 0, count: classCount)
                for i in task.start..<task.end {
                    let label = labels[Int(order[i])]
                    weights[label] += classWeights[label]
                }
                let total = weights.reduce(0, +)
                let impurity = Self.impurity(weights, total: total, criterion: parameters.criterion)
                let index = nodes.count
                let count = task.end - task.start
                nodes.append(
                    Node(
                        feature: -1, threshold: 0, left: -1, right: -1, impurity: impurity,
                        sampleCount: count, weightedSampleCount: total,
                        probabilities: total > 0 ? weights.map { $0 / total } : weights))
                if task.parent >= 0 {
                    if task.isLeft { nodes[task.parent].left = index } else { nodes[task.parent].right = index }
                }

                if let maxDepth = parameters.maxDepth, task.depth >= maxDepth { continue }
                if count < parameters.minSamplesSplit || count < 2 * parameters.minSamplesLeaf { continue }
                if impurity <= 1e-12 { continue }
                guard
                    let split = bestSplit(
                        task: task, order: order, sortedValues: sortedValues,
                        weights: weights, total: total)
                else { continue }
                // Mark each row's side, then partition every feature's range stably.
                let splitBase = split.feature * n
                var leftCount = 0
                for i in task.start..<task.end {
                    let left = Double(sortedValues[splitBase + i]) <= split.threshold
                    goesLeft[Int(order[splitBase + i])] = left
                    if left { leftCount += 1 }
                }
                for feature in 0..<featureCount {
                    let base = feature * n
                    var l = task.start
                    var r = 0
                    for i in task.start..<task.end {
                        let row = order[base + i]
                        let value = sortedValues[base + i]
                        if goesLeft[Int(row)] {
                            order[base + l] = row
                            sortedValues[base + l] = value
                            l += 1
                        } else {
                            scratchRows[r] = row
                            scratchValues[r] = value
                            r += 1
                        }
                    }
                    for k in 0..<r {
                        order[base + l + k] = scratchRows[k]
                        sortedValues[base + l + k] = scratchValues[k]
                    }
                }
                nodes[index].feature = split.feature
                nodes[index].threshold = split.threshold
                let middle = task.start + leftCount
                // Right pushed first so the left subtree is built (and numbered) first.
                stack.append(Task(start: middle, end: task.end, depth: task.depth + 1, parent: index, isLeft: false))
                stack.append(Task(start: task.start, end: middle, depth: task.depth + 1, parent: index, isLeft: true))
            }
            return nodes
        }

        /// The split with the lowest weighted child impurity; ties go to the lowest feature,
        /// then the lowest threshold. `nil` when no split leaves `minSamplesLeaf` rows on
        /// each side.
        private func bestSplit(
            task: Task, order: [Int32], sortedValues: [Float], weights: [Double],
            total: Double
        ) -> Split? {
            let n = task.end - task.start
            let minLeaf = parameters.minSamplesLeaf
            let criterion = parameters.criterion
            // Equal-quality splits can differ by rounding; treat those as ties.
            let tolerance = 1e-10 * max(total, 1)
            var best: Split?
            var bestScore = Double.infinity
            var leftWeights = [Double](repeating: 0, count: classCount)
            var rightWeights = [Double](repeating: 0, count: classCount)
            let gini = criterion == .gini
            // For gini, the weighted child impurity is total - (Σl²/L + Σr²/R): kept up to date
            // in O(1) per row instead of recomputed over the classes.
            var totalSquares = 0.0
            for w in weights { totalSquares += w * w }
            for feature in 0..<featureCount {
                let base = feature * rowCount + task.start
                if sortedValues[base] == sortedValues[base + n - 1] { continue }
                for label in 0..<classCount { leftWeights[label] = 0; rightWeights[label] = weights[label] }
                var leftTotal = 0.0
                var leftSquares = 0.0
                var rightSquares = totalSquares
                for k in 0..<(n - 1) {
                    let label = labels[Int(order[base + k])]
                    let w = classWeights[label]
                    if gini {
                        leftSquares += (2 * leftWeights[label] + w) * w
                        rightSquares += (w - 2 * rightWeights[label]) * w
                    }
                    leftWeights[label] += w
                    rightWeights[label] -= w
                    leftTotal += w
                    let value = sortedValues[base + k]
                    let next = sortedValues[base + k + 1]
                    if value == next { continue }
                    let leftCount = k + 1
                    if leftCount < minLeaf || n - leftCount < minLeaf { continue }
                    let rightTotal = total - leftTotal
                    let score: Double
                    if gini {
                        score = max(0, leftTotal - leftSquares / leftTotal) + max(0, rightTotal - rightSquares / rightTotal)
                    } else {
                        score =
                            leftTotal * Self.impurity(leftWeights, total: leftTotal, criterion: criterion)
                            + rightTotal * Self.impurity(rightWeights, total: rightTotal, criterion: criterion)
                    }
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
