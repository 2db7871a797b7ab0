import Foundation
import Testing

@testable import SentinelLearning

@Suite("DecisionTree")
struct DecisionTreeTests {
    /// `syn_synack_ratio` separates the classes between 3 and 4; `noise` separates nothing.
    let separable = try! Dataset(
        rows: [[1, 1], [2, 2], [3, 3], [4, 1], [5, 2], [6, 3]],
        featureNames: ["syn_synack_ratio", "noise"], classNames: ["normal", "syn_flood"],
        labels: [0, 0, 0, 1, 1, 1])

    /// XOR, each point twice: no single split helps.
    let xor = try! Dataset(
        rows: [[0, 0], [0, 1], [1, 0], [1, 1], [0, 0], [0, 1], [1, 0], [1, 1]],
        featureNames: ["a", "b"], classNames: ["zero", "one"], labels: [0, 1, 1, 0, 0, 1, 1, 0])

    /// 20 rows on one feature with mixed labels, so an unlimited tree grows deep with
    /// single-row leaves.
    let noisy = try! Dataset(
        rows: (0..<20).map { [Float($0)] }, featureNames: ["x"], classNames: ["a", "b"],
        labels: [0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1, 0])

    func accuracy(_ tree: DecisionTree, _ data: Dataset) -> Double {
        let predictions = tree.predict(data)
        let correct = zip(predictions, data.labels).filter { $0 == $1 }.count
        return Double(correct) / Double(data.rowCount)
    }

    @Test(arguments: DecisionTree.Criterion.allCases)
    func findsKnownSplitAtMidpoint(criterion: DecisionTree.Criterion) throws {
        let tree = try DecisionTree(
            fitting: separable, parameters: .init(criterion: criterion))
        let root = tree.nodes[0]
        #expect(root.feature == 0)
        #expect(root.threshold == 3.5)
        #expect(tree.depth == 1)
        #expect(tree.nodes.count == 3)
        #expect(tree.leafCount == 2)
        #expect(accuracy(tree, separable) == 1)
        #expect(tree.nodes[root.left].probabilities == [1, 0])
        #expect(tree.nodes[root.right].probabilities == [0, 1])
        #expect(root.impurity == (criterion == .gini ? 0.5 : 1))
    }

    @Test func decisionPathNamesFeatures() throws {
        let tree = try DecisionTree(fitting: separable)
        #expect(tree.decisionPath([2, 3] as [Float]) == ["syn_synack_ratio <= 3.5"])
        #expect(tree.decisionPath([9, 3] as [Float]) == ["syn_synack_ratio > 3.5"])
        #expect(tree.predict([3.4, 0] as [Float]) == 0)
        #expect(tree.predict([3.6, 0] as [Float]) == 1)
    }

    @Test func rulesRenderWholeTree() throws {
        let tree = try DecisionTree(fitting: separable)
        let expected = """
            |--- syn_synack_ratio <= 3.5
            |   |--- class: normal (p=1.000, n=3)
            |--- syn_synack_ratio > 3.5
            |   |--- class: syn_flood (p=1.000, n=3)
            """
        #expect(tree.rules == expected)
        #expect(tree.rules.contains("3.5"))
    }

    @Test func xorNeedsDepthTwo() throws {
        let tree = try DecisionTree(fitting: xor)
        #expect(tree.depth == 2)
        #expect(accuracy(tree, xor) == 1)
        // Equal-quality splits: lowest feature index, then lowest threshold.
        #expect(tree.nodes[0].feature == 0)
        #expect(tree.nodes[0].threshold == 0.5)
        #expect(tree.decisionPath([1, 0] as [Float]) == ["a > 0.5", "b <= 0.5"])

        let stump = try DecisionTree(fitting: xor, parameters: .init(maxDepth: 1))
        #expect(stump.depth == 1)
        #expect(accuracy(stump, xor) == 0.5)
        #expect(stump.featureImportances == [0, 0])
    }

    @Test func tiesGoToLowestFeature() throws {
        let data = try Dataset(
            rows: [[1, 1], [2, 2], [3, 3], [4, 4]], featureNames: ["first", "second"],
            classNames: ["a", "b"], labels: [0, 0, 1, 1])
        let tree = try DecisionTree(fitting: data)
        #expect(tree.nodes[0].feature == 0)
        #expect(tree.nodes[0].threshold == 2.5)
    }

    @Test func maxDepthIsRespected() throws {
        let unlimited = try DecisionTree(fitting: noisy)
        #expect(unlimited.depth > 2)
        #expect(accuracy(unlimited, noisy) == 1)
        for depth in 1...3 {
            let tree = try DecisionTree(fitting: noisy, parameters: .init(maxDepth: depth))
            #expect(tree.depth == depth)
        }
    }

    @Test func minSamplesLeafIsRespected() throws {
        let unlimited = try DecisionTree(fitting: noisy)
        #expect(unlimited.nodes.contains { $0.isLeaf && $0.sampleCount == 1 })
        let tree = try DecisionTree(fitting: noisy, parameters: .init(minSamplesLeaf: 3))
        #expect(tree.nodes.count > 1)
        for node in tree.nodes where node.isLeaf { #expect(node.sampleCount >= 3) }
    }

    @Test func minSamplesSplitIsRespected() throws {
        let tree = try DecisionTree(fitting: noisy, parameters: .init(minSamplesSplit: 6))
        #expect(tree.nodes.count > 1)
        for node in tree.nodes where !node.isLeaf { #expect(node.sampleCount >= 6) }
        let leaf = try DecisionTree(fitting: noisy, parameters: .init(minSamplesSplit: 21))
        #expect(leaf.nodes.count == 1)
        #expect(leaf.depth == 0)
        #expect(leaf.nodes[0].probabilities == [0.5, 0.5])
    }

    /// 80 × a at x = 0; 15 × a and 10 × b at x = 1. Unweighted the x = 1 leaf is 60 % a;
    /// balanced weights (a: 105 / 190, b: 105 / 20) make it mostly b.
    @Test func balancedClassWeightsFlipMinorityLeaf() throws {
        let rows: [[Float]] = Array(repeating: [0], count: 80) + Array(repeating: [1], count: 25)
        let labels = Array(repeating: 0, count: 95) + Array(repeating: 1, count: 10)
        let data = try Dataset(rows: rows, featureNames: ["x"], classNames: ["a", "b"], labels: labels)

        let plain = try DecisionTree(fitting: data)
        #expect(plain.nodes[0].threshold == 0.5)
        #expect(plain.predict([1] as [Float]) == 0)
        let plainP = plain.predictProbabilities([1] as [Float])
        #expect(abs(plainP[0] - 0.6) < 1e-12 && abs(plainP[1] - 0.4) < 1e-12)

        let balanced = try DecisionTree(fitting: data, parameters: .init(classWeight: .balanced))
        #expect(balanced.predict([1] as [Float]) == 1)
        #expect(balanced.predict([0] as [Float]) == 0)
        let wa = 105.0 / 190, wb = 105.0 / 20
        let p = balanced.predictProbabilities([1] as [Float])
        #expect(abs(p[1] - 10 * wb / (10 * wb + 15 * wa)) < 1e-12)
        #expect(abs(balanced.nodes[0].weightedSampleCount - 105) < 1e-9)
    }

    @Test func probabilitiesSumToOne() throws {
        for parameters in [
            DecisionTree.Parameters(maxDepth: 2), .init(minSamplesLeaf: 4),
            .init(criterion: .entropy, maxDepth: 3, classWeight: .balanced),
        ] {
            let tree = try DecisionTree(fitting: noisy, parameters: parameters)
            for row in 0..<noisy.rowCount {
                let p = tree.predictProbabilities(noisy.row(row))
                #expect(p.count == 2)
                #expect(abs(p.reduce(0, +) - 1) < 1e-12)
                #expect(tree.predict(noisy.row(row)) == (p[1] > p[0] ? 1 : 0))
            }
        }
    }

    @Test func codableRoundTripPredictsTheSame() throws {
        let tree = try DecisionTree(
            fitting: noisy, parameters: .init(criterion: .entropy, maxDepth: 4, classWeight: .balanced))
        let json = try JSONEncoder().encode(tree)
        let decoded = try JSONDecoder().decode(DecisionTree.self, from: json)
        #expect(decoded == tree)
        #expect(decoded.predict(noisy) == tree.predict(noisy))
        #expect(decoded.predictProbabilities(noisy) == tree.predictProbabilities(noisy))
        #expect(decoded.rules == tree.rules)
    }

    @Test func decodingRejectsMalformedTree() throws {
        let tree = try DecisionTree(fitting: separable)
        var object = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(tree)) as? [String: Any])
        var nodes = try #require(object["nodes"] as? [[String: Any]])
        nodes[0]["left"] = 7
        object["nodes"] = nodes
        let broken = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DecisionTree.self, from: broken) }
    }

    @Test func featureImportancesFavourInformativeFeature() throws {
        let simple = try DecisionTree(fitting: separable)
        #expect(simple.featureImportances == [1, 0])

        // `signal` splits at 4.5 leaving one odd row (signal 2, noise 1) that only `noise`
        // can isolate. Gini decreases: signal 9·40/81 − 5·0.32 = 2.844…, noise 1.6.
        let data = try Dataset(
            rows: [[1, 0], [2, 0], [2, 1], [3, 0], [4, 0], [5, 1], [6, 0], [7, 1], [8, 0]],
            featureNames: ["signal", "noise"], classNames: ["a", "b"],
            labels: [0, 0, 1, 0, 0, 1, 1, 1, 1])
        let tree = try DecisionTree(fitting: data)
        #expect(tree.nodes[0].feature == 0 && tree.nodes[0].threshold == 4.5)
        let importances = tree.featureImportances
        #expect(abs(importances.reduce(0, +) - 1) < 1e-12)
        let signal = 9 * 40.0 / 81 - 1.6
        #expect(abs(importances[0] - signal / (signal + 1.6)) < 1e-9)
        #expect(importances[0] > importances[1] && importances[1] > 0)
    }

    @Test func rejectsBadHyperParameters() {
        #expect(throws: DecisionTreeError.invalidMaxDepth(0)) {
            try DecisionTree(fitting: separable, parameters: .init(maxDepth: 0))
        }
        #expect(throws: DecisionTreeError.invalidMinSamplesSplit(1)) {
            try DecisionTree(fitting: separable, parameters: .init(minSamplesSplit: 1))
        }
        #expect(throws: DecisionTreeError.invalidMinSamplesLeaf(0)) {
            try DecisionTree(fitting: separable, parameters: .init(minSamplesLeaf: 0))
        }
    }

    @Test func rejectsNonFiniteValues() throws {
        let data = try Dataset(
            rows: [[1, 2], [3, .nan]], featureNames: ["x", "y"], classNames: ["a", "b"],
            labels: [0, 1])
        #expect(throws: DecisionTreeError.nonFiniteValue(row: 1, column: 1)) {
            try DecisionTree(fitting: data)
        }
        let infinite = try Dataset(
            rows: [[1, 2], [-.infinity, 0]], featureNames: ["x", "y"], classNames: ["a", "b"],
            labels: [0, 1])
        #expect(throws: DecisionTreeError.nonFiniteValue(row: 1, column: 0)) {
            try DecisionTree(fitting: infinite)
        }
    }

    @Test func errorsDescribeThemselves() {
        let errors: [DecisionTreeError] = [
            .invalidMaxDepth(0), .invalidMinSamplesSplit(1), .invalidMinSamplesLeaf(0),
            .emptyDataset, .nonFiniteValue(row: 2, column: 3), .malformedTree("x"),
        ]
        for error in errors { #expect(!error.description.isEmpty) }
        #expect(DecisionTreeError.nonFiniteValue(row: 2, column: 3).description.contains("row 2, column 3"))
    }

    @Test func constantFeaturesGiveSingleLeaf() throws {
        let data = try Dataset(
            rows: [[1], [1], [1]], featureNames: ["x"], classNames: ["a", "b"], labels: [0, 1, 1])
        let tree = try DecisionTree(fitting: data)
        #expect(tree.nodes.count == 1)
        #expect(tree.rules == "|--- class: b (p=0.667, n=3)")
        #expect(tree.decisionPath([5] as [Float]).isEmpty)
        #expect(tree.featureImportances == [0])
    }
}
