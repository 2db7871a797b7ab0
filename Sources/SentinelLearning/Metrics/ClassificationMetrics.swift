import Foundation

/// The scores of a multiclass classifier: accuracy, per-class precision/recall/F1/support,
/// macro and weighted F1, and the confusion matrix.
///
/// Follows scikit-learn with `zero_division=0`: a ratio whose denominator is 0 is 0.
/// Macro F1 averages over the classes that occur among the true or the predicted labels
/// (as scikit-learn does when `labels` is not given); weighted F1 weights each class by its
/// support.
public struct ClassificationMetrics: Sendable, Equatable, CustomStringConvertible {
    /// The class names, in label order.
    public let classNames: [String]
    /// `confusionMatrix[t][p]`: the rows of true class `t` predicted as class `p`.
    public let confusionMatrix: [[Int]]
    /// The share of rows predicted correctly (0 when there are no rows).
    public let accuracy: Double
    /// The metrics of each class, in label order.
    public let classes: [ClassMetrics]
    /// The unweighted mean F1 of the classes present among true or predicted labels.
    public let macroF1: Double
    /// The mean F1 weighted by support.
    public let weightedF1: Double

    /// The most rows a confusion matrix may count (2^53: exact as a `Double`, and far from
    /// overflowing the sums the scores take).
    public static let maximumTotal = 1 << 53

    /// The total number of scored rows.
    public var total: Int { confusionMatrix.reduce(0) { $0 + $1.reduce(0, +) } }

    /// Scores predicted labels against true labels.
    ///
    /// - Parameters:
    ///   - trueLabels: the true class of each row.
    ///   - predictedLabels: the predicted class of each row.
    ///   - classNames: the class names; labels index into them.
    /// - Throws: ``MetricsError`` when the arrays are empty, differ in length, or hold an
    ///   unknown label.
    public init(trueLabels: [Int], predictedLabels: [Int], classNames: [String]) throws(MetricsError) {
        guard !trueLabels.isEmpty else { throw .empty }
        guard trueLabels.count == predictedLabels.count else {
            throw .lengthMismatch(trueLabels: trueLabels.count, predictedLabels: predictedLabels.count)
        }
        let count = classNames.count
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: count), count: count)
        for index in trueLabels.indices {
            let truth = trueLabels[index]
            let guess = predictedLabels[index]
            guard truth >= 0, truth < count else {
                throw .unknownLabel(index: index, label: truth, classCount: count)
            }
            guard guess >= 0, guess < count else {
                throw .unknownLabel(index: index, label: guess, classCount: count)
            }
            matrix[truth][guess] += 1
        }
        try self.init(confusionMatrix: matrix, classNames: classNames)
    }

    /// Scores a confusion matrix.
    ///
    /// - Parameters:
    ///   - confusionMatrix: a square matrix, one row (true class) and one column (predicted
    ///     class) per class, of non-negative counts.
    ///   - classNames: the class names, in label order.
    /// - Throws: ``MetricsError`` for a malformed matrix, a negative count, or counts adding up
    ///   to more than ``maximumTotal``.
    public init(confusionMatrix: [[Int]], classNames: [String]) throws(MetricsError) {
        let count = classNames.count
        guard confusionMatrix.count == count, confusionMatrix.allSatisfy({ $0.count == count }) else {
            throw .malformedConfusionMatrix(rows: confusionMatrix.count, classes: count)
        }
        var sum = 0
        for (row, cells) in confusionMatrix.enumerated() {
            for (column, cell) in cells.enumerated() {
                guard cell >= 0 else { throw .negativeCount(row: row, column: column) }
                // Checked before adding: a cell of `Int.max` (a damaged model file) would trap.
                guard cell <= Self.maximumTotal - sum else { throw .countTooLarge(row: row, column: column) }
                sum += cell
            }
        }
        var correct = 0
        var total = 0
        var classes: [ClassMetrics] = []
        var macroSum = 0.0
        var macroCount = 0
        var weightedSum = 0.0
        for label in 0..<count {
            let truePositives = confusionMatrix[label][label]
            let support = confusionMatrix[label].reduce(0, +)
            let predicted = confusionMatrix.reduce(0) { $0 + $1[label] }
            correct += truePositives
            total += support
            let precision = Self.ratio(truePositives, predicted)
            let recall = Self.ratio(truePositives, support)
            // 2·TP / (2·TP + FP + FN), equal to the harmonic mean of precision and recall.
            let f1 = Self.ratio(2 * truePositives, support + predicted)
            classes.append(
                ClassMetrics(
                    name: classNames[label], precision: precision, recall: recall, f1: f1,
                    support: support))
            if support > 0 || predicted > 0 {
                macroSum += f1
                macroCount += 1
            }
            weightedSum += f1 * Double(support)
        }
        self.classNames = classNames
        self.confusionMatrix = confusionMatrix
        self.accuracy = Self.ratio(correct, total)
        self.classes = classes
        self.macroF1 = macroCount > 0 ? macroSum / Double(macroCount) : 0
        self.weightedF1 = total > 0 ? weightedSum / Double(total) : 0
    }

    /// A readable report: a per-class table, the averages, and the confusion matrix.
    public var description: String {
        let nameWidth = max(classNames.map(\.count).max() ?? 0, "weighted F1".count)
        func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        func padRight(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - text.count))
        }
        func number(_ value: Double) -> String { String(format: "%.4f", value) }

        var lines: [String] = []
        lines.append(
            padRight("class", nameWidth) + pad("precision", 11) + pad("recall", 9) + pad("f1", 9)
                + pad("support", 9))
        for metrics in classes {
            lines.append(
                padRight(metrics.name, nameWidth) + pad(number(metrics.precision), 11)
                    + pad(number(metrics.recall), 9) + pad(number(metrics.f1), 9)
                    + pad(String(metrics.support), 9))
        }
        lines.append("")
        lines.append(padRight("accuracy", nameWidth) + pad(number(accuracy), 29) + pad(String(total), 9))
        lines.append(padRight("macro F1", nameWidth) + pad(number(macroF1), 29))
        lines.append(padRight("weighted F1", nameWidth) + pad(number(weightedF1), 29))
        lines.append("")
        lines.append("confusion matrix (rows = true, columns = predicted):")
        let cellWidth =
            max(
                (confusionMatrix.flatMap { $0 }.map { String($0).count }.max() ?? 1),
                classNames.map(\.count).max() ?? 1) + 2
        lines.append(padRight("", nameWidth) + classNames.map { pad($0, cellWidth) }.joined())
        for (label, row) in confusionMatrix.enumerated() {
            lines.append(
                padRight(classNames[label], nameWidth) + row.map { pad(String($0), cellWidth) }.joined())
        }
        return lines.joined(separator: "\n")
    }

    /// The metrics as a JSON-compatible dictionary with the keys `accuracy`, `macro_f1`,
    /// `weighted_f1`, `classes` (objects with `name`, `precision`, `recall`, `f1`, `support`)
    /// and `confusion_matrix` (rows = true classes).
    public var jsonObject: [String: Any] {
        [
            "accuracy": accuracy,
            "macro_f1": macroF1,
            "weighted_f1": weightedF1,
            "classes": classes.map { metrics -> [String: Any] in
                [
                    "name": metrics.name, "precision": metrics.precision,
                    "recall": metrics.recall, "f1": metrics.f1, "support": metrics.support,
                ]
            },
            "confusion_matrix": confusionMatrix,
        ]
    }

    /// The metrics as JSON text (see ``jsonObject``), keys sorted.
    ///
    /// - Parameter pretty: indent the output for people.
    public func jsonString(pretty: Bool = true) -> String {
        var options: JSONSerialization.WritingOptions = [.sortedKeys]
        if pretty { options.insert(.prettyPrinted) }
        // The object holds only strings, numbers and arrays, so serialisation cannot fail.
        let data = try! JSONSerialization.data(withJSONObject: jsonObject, options: options)
        return String(decoding: data, as: UTF8.self)
    }

    private static func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }
}

extension ClassificationMetrics: Codable {
    private enum CodingKeys: String, CodingKey {
        case classNames = "class_names"
        case confusionMatrix = "confusion_matrix"
        case accuracy
        case classes
        case macroF1 = "macro_f1"
        case weightedF1 = "weighted_f1"
    }

    /// Reads metrics back: only the names and the confusion matrix are needed, the rest is
    /// recomputed (and so always consistent).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let names = try container.decode([String].self, forKey: .classNames)
        let matrix = try container.decode([[Int]].self, forKey: .confusionMatrix)
        do {
            try self.init(confusionMatrix: matrix, classNames: names)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .confusionMatrix, in: container, debugDescription: "\(error)")
        }
    }
}
