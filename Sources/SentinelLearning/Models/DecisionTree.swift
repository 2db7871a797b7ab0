import Foundation

/// A CART decision tree classifier, fitted like scikit-learn's `DecisionTreeClassifier`
/// with `splitter="best"` and no feature sub-sampling.
///
/// Each internal node sends a row left when `row[feature] <= threshold` and right otherwise
/// (a NaN goes right; reject non-finite rows before predicting). Thresholds are midpoints
/// between distinct consecutive training values of the node. Among splits of equal quality
/// the lowest feature index wins, then the lowest threshold, so fitting is deterministic.
/// As in scikit-learn, a node that is not pure is split by its best split even when that
/// split does not lower the impurity (this is what lets a tree learn XOR).
///
/// Nodes live in a flat array in depth-first order (root at 0, a node's left subtree before
/// its right). Every node, leaf or not, holds its weighted class fractions.
public struct DecisionTree: Sendable, Equatable, Codable {
    /// How the quality of a split is measured.
    public enum Criterion: String, Sendable, Equatable, Codable, CaseIterable {
        /// Gini impurity, `1 - Σ p²`.
        case gini
        /// Shannon entropy in bits, `-Σ p log₂ p`.
        case entropy
    }

    /// How training rows are weighted by class.
    public enum ClassWeight: String, Sendable, Equatable, Codable, CaseIterable {
        /// Every row weighs 1.
        case none
        /// A row of class `c` weighs `n_rows / (n_classes × count_c)`, where `n_classes`
        /// counts the classes present in the training data (scikit-learn's "balanced").
        case balanced
    }

    /// The hyper-parameters of a tree.
    public struct Parameters: Sendable, Equatable, Codable {
        /// The split quality measure.
        public var criterion: Criterion
        /// The deepest a leaf may be (the root is at depth 0), or `nil` for no limit.
        public var maxDepth: Int?
        /// The fewest rows a node needs to be split (at least 2).
        public var minSamplesSplit: Int
        /// The fewest rows each child of a split must get (at least 1).
        public var minSamplesLeaf: Int
        /// The class weighting.
        public var classWeight: ClassWeight

        public init(
            criterion: Criterion = .gini, maxDepth: Int? = nil, minSamplesSplit: Int = 2,
            minSamplesLeaf: Int = 1, classWeight: ClassWeight = .none
        ) {
            self.criterion = criterion
            self.maxDepth = maxDepth
            self.minSamplesSplit = minSamplesSplit
            self.minSamplesLeaf = minSamplesLeaf
            self.classWeight = classWeight
        }

        /// Throws when a hyper-parameter is out of range.
        public func validate() throws(DecisionTreeError) {
            if let maxDepth, maxDepth < 1 { throw .invalidMaxDepth(maxDepth) }
            if minSamplesSplit < 2 { throw .invalidMinSamplesSplit(minSamplesSplit) }
            if minSamplesLeaf < 1 { throw .invalidMinSamplesLeaf(minSamplesLeaf) }
        }
    }

    /// One node of the tree.
    public struct Node: Sendable, Equatable, Codable {
        /// The feature tested, or -1 for a leaf.
        public var feature: Int
        /// Rows with `Double(value) <= threshold` go left (unused in a leaf). A `Double`, as
        /// in scikit-learn, so the midpoint of two `Float` values is exact.
        public var threshold: Double
        /// The index of the left child, or -1 for a leaf.
        public var left: Int
        /// The index of the right child, or -1 for a leaf.
        public var right: Int
        /// The node's impurity under the tree's criterion (with class weights).
        public var impurity: Double
        /// The number of training rows that reached the node.
        public var sampleCount: Int
        /// The total class weight of those rows.
        public var weightedSampleCount: Double
        /// The weighted fraction of each class among those rows; sums to 1.
        public var probabilities: [Double]

        public init(
            feature: Int, threshold: Double, left: Int, right: Int, impurity: Double,
            sampleCount: Int, weightedSampleCount: Double, probabilities: [Double]
        ) {
            self.feature = feature
            self.threshold = threshold
            self.left = left
            self.right = right
            self.impurity = impurity
            self.sampleCount = sampleCount
            self.weightedSampleCount = weightedSampleCount
            self.probabilities = probabilities
        }

        /// Whether the node is a leaf.
        public var isLeaf: Bool { feature < 0 }
    }

    /// The hyper-parameters the tree was fitted with.
    public let parameters: Parameters
    /// The feature names, in column order.
    public let featureNames: [String]
    /// The class names; a prediction is an index into this array.
    public let classNames: [String]
    /// The nodes, root first, in depth-first order.
    public let nodes: [Node]

    /// The number of features.
    public var featureCount: Int { featureNames.count }
    /// The number of classes.
    public var classCount: Int { classNames.count }

    private enum CodingKeys: String, CodingKey {
        case parameters, featureNames, classNames, nodes
    }

    // MARK: - Fitting

    /// Fits a tree to `dataset`.
    ///
    /// - Parameters:
    ///   - dataset: the training data.
    ///   - parameters: the hyper-parameters.
    /// - Throws: ``DecisionTreeError`` for bad hyper-parameters, no rows, or a non-finite value.
    public init(fitting dataset: Dataset, parameters: Parameters = Parameters()) throws(DecisionTreeError) {
        try parameters.validate()
        let rows = dataset.rowCount
        let features = dataset.columnCount
        let classes = dataset.classCount
        if rows == 0 { throw .emptyDataset }
        for (index, value) in dataset.values.enumerated() where !value.isFinite {
            throw .nonFiniteValue(row: index / features, column: index % features)
        }

        // Column-major copy for cache-friendly per-feature scans.
        var columns = [Float](repeating: 0, count: rows * features)
        for row in 0..<rows {
            for feature in 0..<features {
                columns[feature * rows + row] = dataset.values[row * features + feature]
            }
        }
        let counts = dataset.classCounts
        var classWeights = [Double](repeating: 1, count: classes)
        if parameters.classWeight == .balanced {
            let present = Double(counts.filter { $0 > 0 }.count)
            for label in 0..<classes where counts[label] > 0 {
                classWeights[label] = Double(rows) / (present * Double(counts[label]))
            }
        }

        var builder = Builder(
            columns: columns, rowCount: rows, featureCount: features, classCount: classes,
            labels: dataset.labels, classWeights: classWeights, parameters: parameters)
        let nodes = builder.build()
        self.parameters = parameters
        self.featureNames = dataset.featureNames
        self.classNames = dataset.classNames
        self.nodes = nodes
    }

    /// Creates a tree from its parts (for instance, read from a model file).
    ///
    /// - Throws: ``DecisionTreeError/malformedTree(_:)`` when the nodes do not form a tree
    ///   over the given features and classes.
    public init(
        parameters: Parameters, featureNames: [String], classNames: [String], nodes: [Node]
    ) throws(DecisionTreeError) {
        try Self.validate(nodes: nodes, featureCount: featureNames.count, classCount: classNames.count)
        self.parameters = parameters
        self.featureNames = featureNames
        self.classNames = classNames
        self.nodes = nodes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let parameters = try container.decode(Parameters.self, forKey: .parameters)
        let featureNames = try container.decode([String].self, forKey: .featureNames)
        let classNames = try container.decode([String].self, forKey: .classNames)
        let nodes = try container.decode([Node].self, forKey: .nodes)
        do {
            try self.init(
                parameters: parameters, featureNames: featureNames, classNames: classNames,
                nodes: nodes)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .nodes, in: container, debugDescription: error.description)
        }
    }

    private static func validate(
        nodes: [Node], featureCount: Int, classCount: Int
    ) throws(DecisionTreeError) {
        if nodes.isEmpty { throw .malformedTree("no nodes") }
        if featureCount == 0 { throw .malformedTree("no features") }
        if classCount == 0 { throw .malformedTree("no classes") }
        var reached = [Bool](repeating: false, count: nodes.count)
        reached[0] = true
        for (index, node) in nodes.enumerated() {
            guard node.probabilities.count == classCount else {
                throw .malformedTree("node \(index) has \(node.probabilities.count) probabilities for \(classCount) classes")
            }
            if node.isLeaf {
                guard node.left == -1, node.right == -1 else {
                    throw .malformedTree("leaf \(index) has children")
                }
                continue
            }
            guard node.feature < featureCount else {
                throw .malformedTree("node \(index) tests feature \(node.feature) of \(featureCount)")
            }
            guard node.threshold.isFinite else {
                throw .malformedTree("node \(index) has a non-finite threshold")
            }
            // Children come after their parent, so traversal always terminates.
            for child in [node.left, node.right] {
                guard child > index, child < nodes.count, !reached[child] else {
                    throw .malformedTree("node \(index) has an invalid child \(child)")
                }
                reached[child] = true
            }
        }
        if let orphan = reached.firstIndex(of: false) {
            throw .malformedTree("node \(orphan) is not reachable from the root")
        }
    }

    // MARK: - Prediction

    /// The index of the leaf `row` lands in.
    ///
    /// - Parameter row: one value per feature.
    public func leafIndex<Row: Collection<Float>>(_ row: Row) -> Int {
        precondition(row.count == featureCount, "row has \(row.count) values, model has \(featureCount) features")
        if let result = row.withContiguousStorageIfAvailable({ leafIndex(buffer: $0) }) {
            return result
        }
        return Array(row).withUnsafeBufferPointer { leafIndex(buffer: $0) }
    }

    private func leafIndex(buffer row: UnsafeBufferPointer<Float>) -> Int {
        nodes.withUnsafeBufferPointer { nodes in
            var index = 0
            while true {
                let node = nodes[index]
                if node.feature < 0 { return index }
                index = Double(row[node.feature]) <= node.threshold ? node.left : node.right
            }
        }
    }

    /// The class probabilities of `row`: the weighted class fractions of its leaf.
    ///
    /// - Parameter row: one value per feature.
    /// - Returns: one probability per class, summing to 1.
    public func predictProbabilities<Row: Collection<Float>>(_ row: Row) -> [Double] {
        nodes[leafIndex(row)].probabilities
    }

    /// The most probable class of `row` (the lowest index on ties).
    ///
    /// - Parameter row: one value per feature.
    public func predict<Row: Collection<Float>>(_ row: Row) -> Int {
        Self.argmax(nodes[leafIndex(row)].probabilities)
    }

    /// The class probabilities of every row of `dataset`.
    public func predictProbabilities(_ dataset: Dataset) -> [[Double]] {
        (0..<dataset.rowCount).map { predictProbabilities(dataset.row($0)) }
    }

    /// The most probable class of every row of `dataset`.
    public func predict(_ dataset: Dataset) -> [Int] {
        (0..<dataset.rowCount).map { predict(dataset.row($0)) }
    }

    /// The conditions `row` meets on its way from the root to its leaf, such as
    /// `"syn_synack_ratio <= 3.5"` or `"syn_synack_ratio > 3.5"`.
    ///
    /// - Parameter row: one value per feature.
    public func decisionPath<Row: Collection<Float>>(_ row: Row) -> [String] {
        precondition(row.count == featureCount, "row has \(row.count) values, model has \(featureCount) features")
        let values = Array(row)
        var conditions: [String] = []
        var index = 0
        while !nodes[index].isLeaf {
            let node = nodes[index]
            let goesLeft = Double(values[node.feature]) <= node.threshold
            conditions.append(condition(node, left: goesLeft))
            index = goesLeft ? node.left : node.right
        }
        return conditions
    }

    // MARK: - Inspection

    /// The depth of the deepest leaf (0 for a tree that is a single leaf).
    public var depth: Int {
        var deepest = 0
        var stack = [(0, 0)]
        while let (index, level) = stack.popLast() {
            let node = nodes[index]
            if node.isLeaf {
                deepest = max(deepest, level)
            } else {
                stack.append((node.left, level + 1))
                stack.append((node.right, level + 1))
            }
        }
        return deepest
    }

    /// The number of leaves.
    public var leafCount: Int { nodes.filter(\.isLeaf).count }

    /// The total weighted impurity decrease due to each feature, normalised to sum to 1
    /// (all zeros when the tree is a single leaf or no split lowered the impurity).
    public var featureImportances: [Double] {
        var importances = [Double](repeating: 0, count: featureCount)
        for node in nodes where !node.isLeaf {
            let left = nodes[node.left]
            let right = nodes[node.right]
            let decrease =
                node.weightedSampleCount * node.impurity
                - left.weightedSampleCount * left.impurity
                - right.weightedSampleCount * right.impurity
            importances[node.feature] += decrease
        }
        let total = importances.reduce(0, +)
        guard total > 0 else { return [Double](repeating: 0, count: featureCount) }
        return importances.map { $0 / total }
    }

    /// The whole tree as indented if/else rules, in the style of scikit-learn's
    /// `export_text`:
    ///
    /// ```
    /// |--- x <= 3.5
    /// |   |--- class: a (p=1.000, n=3)
    /// |--- x > 3.5
    /// |   |--- class: b (p=1.000, n=2)
    /// ```
    public var rules: String {
        var lines: [String] = []
        render(0, level: 0, into: &lines)
        return lines.joined(separator: "\n")
    }

    private func render(_ index: Int, level: Int, into lines: inout [String]) {
        let node = nodes[index]
        let indent = String(repeating: "|   ", count: level)
        if node.isLeaf {
            let label = Self.argmax(node.probabilities)
            let probability = String(format: "%.3f", node.probabilities[label])
            lines.append(
                "\(indent)|--- class: \(classNames[label]) (p=\(probability), n=\(node.sampleCount))")
            return
        }
        lines.append("\(indent)|--- \(condition(node, left: true))")
        render(node.left, level: level + 1, into: &lines)
        lines.append("\(indent)|--- \(condition(node, left: false))")
        render(node.right, level: level + 1, into: &lines)
    }

    // MARK: - Helpers

    private func condition(_ node: Node, left: Bool) -> String {
        // Shown at `Float` precision: the shortest text that reads back as the same `Float`
        // (3.5, not 3.5000000001), which is how the features themselves are stored.
        "\(featureNames[node.feature]) \(left ? "<=" : ">") \(Float(node.threshold))"
    }

    static func argmax(_ values: [Double]) -> Int {
        var best = 0
        for index in values.indices where values[index] > values[best] { best = index }
        return best
    }
}
