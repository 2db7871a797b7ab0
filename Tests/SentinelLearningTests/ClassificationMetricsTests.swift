import Foundation
import Testing

@testable import SentinelLearning

@Suite("ClassificationMetrics")
struct ClassificationMetricsTests {
    /// Rows = true, columns = predicted. Class c is never predicted (precision 0/0 → 0);
    /// class d neither occurs nor is predicted (left out of the macro average).
    ///
    ///        a  b  c  d
    ///   a    5  1  0  0     support 6
    ///   b    2  3  0  0     support 5
    ///   c    1  0  0  0     support 1
    ///   d    0  0  0  0     support 0
    ///
    /// accuracy 8/12; a: P 5/8, R 5/6, F1 2·5/(2·5+3+1) = 5/7; b: P 3/4, R 3/5, F1 6/9 = 2/3;
    /// c: 0, 0, 0. Macro F1 (5/7 + 2/3 + 0) / 3; weighted F1 (6·5/7 + 5·2/3 + 1·0) / 12.
    let matrix = [[5, 1, 0, 0], [2, 3, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]]
    let names = ["a", "b", "c", "d"]

    func expectKnownAnswers(_ metrics: ClassificationMetrics) {
        let tolerance = 1e-12
        #expect(abs(metrics.accuracy - 8.0 / 12) < tolerance)
        let a = metrics.classes[0], b = metrics.classes[1], c = metrics.classes[2], d = metrics.classes[3]
        #expect(a.name == "a" && a.support == 6)
        #expect(abs(a.precision - 5.0 / 8) < tolerance)
        #expect(abs(a.recall - 5.0 / 6) < tolerance)
        #expect(abs(a.f1 - 5.0 / 7) < tolerance)
        #expect(abs(b.precision - 3.0 / 4) < tolerance)
        #expect(abs(b.recall - 3.0 / 5) < tolerance)
        #expect(abs(b.f1 - 2.0 / 3) < tolerance)
        #expect(b.support == 5)
        #expect(c.precision == 0 && c.recall == 0 && c.f1 == 0 && c.support == 1)
        #expect(d.precision == 0 && d.recall == 0 && d.f1 == 0 && d.support == 0)
        #expect(abs(metrics.macroF1 - (5.0 / 7 + 2.0 / 3) / 3) < tolerance)
        #expect(abs(metrics.weightedF1 - (6 * 5.0 / 7 + 5 * 2.0 / 3) / 12) < tolerance)
        #expect(metrics.confusionMatrix == matrix)
        #expect(metrics.total == 12)
    }

    @Test func knownAnswersFromConfusionMatrix() throws {
        expectKnownAnswers(try ClassificationMetrics(confusionMatrix: matrix, classNames: names))
    }

    @Test func knownAnswersFromLabels() throws {
        var truth: [Int] = []
        var predicted: [Int] = []
        for (t, row) in matrix.enumerated() {
            for (p, count) in row.enumerated() {
                truth += Array(repeating: t, count: count)
                predicted += Array(repeating: p, count: count)
            }
        }
        let metrics = try ClassificationMetrics(
            trueLabels: truth, predictedLabels: predicted, classNames: names)
        expectKnownAnswers(metrics)
    }

    @Test func perfectPredictionScoresOne() throws {
        let metrics = try ClassificationMetrics(
            trueLabels: [0, 1, 2, 1], predictedLabels: [0, 1, 2, 1], classNames: ["x", "y", "z"])
        #expect(metrics.accuracy == 1 && metrics.macroF1 == 1 && metrics.weightedF1 == 1)
    }

    @Test func jsonHasTheDocumentedKeys() throws {
        let metrics = try ClassificationMetrics(confusionMatrix: matrix, classNames: names)
        let text = metrics.jsonString()
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["accuracy", "macro_f1", "weighted_f1", "classes", "confusion_matrix"])
        #expect(abs((object["accuracy"] as? Double ?? -1) - 8.0 / 12) < 1e-12)
        let classes = try #require(object["classes"] as? [[String: Any]])
        #expect(classes.count == 4)
        #expect(Set(classes[0].keys) == ["name", "precision", "recall", "f1", "support"])
        #expect(classes[0]["name"] as? String == "a")
        #expect(classes[1]["support"] as? Int == 5)
        #expect(object["confusion_matrix"] as? [[Int]] == matrix)
        #expect(!metrics.jsonString(pretty: false).contains("\n"))
    }

    @Test func tableShowsEveryClassAndTheMatrix() throws {
        let metrics = try ClassificationMetrics(confusionMatrix: matrix, classNames: names)
        let table = metrics.description
        #expect(table.contains("precision"))
        #expect(table.contains("0.6250"))  // precision of a
        #expect(table.contains("0.7143"))  // F1 of a
        #expect(table.contains("0.6667"))  // accuracy
        #expect(table.contains("rows = true, columns = predicted"))
        let lines = table.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("a ") && $0.hasSuffix("5  1  0  0") })
    }

    @Test func rejectsBadInput() {
        #expect(throws: MetricsError.empty) {
            try ClassificationMetrics(trueLabels: [], predictedLabels: [], classNames: ["x"])
        }
        #expect(throws: MetricsError.lengthMismatch(trueLabels: 2, predictedLabels: 1)) {
            try ClassificationMetrics(trueLabels: [0, 0], predictedLabels: [0], classNames: ["x"])
        }
        #expect(throws: MetricsError.unknownLabel(index: 1, label: 3, classCount: 2)) {
            try ClassificationMetrics(trueLabels: [0, 1], predictedLabels: [0, 3], classNames: ["x", "y"])
        }
        #expect(throws: MetricsError.malformedConfusionMatrix(rows: 1, classes: 2)) {
            try ClassificationMetrics(confusionMatrix: [[1, 0]], classNames: ["x", "y"])
        }
        #expect(throws: MetricsError.negativeCount(row: 1, column: 0)) {
            try ClassificationMetrics(confusionMatrix: [[1, 0], [-1, 2]], classNames: ["x", "y"])
        }
    }
}
