import Foundation
import SentinelCore
import SentinelDetection
import SentinelLearning

/// Renders validation results for `train` and `evaluate`.
enum MetricsOutput {
    /// Pretty JSON with sorted keys.
    static func json(_ object: [String: Any]) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The metrics' JSON object plus `false_positive_rate` when there is a normal class.
    static func object(_ metrics: ClassificationMetrics) -> [String: Any] {
        var object = metrics.jsonObject
        if let rate = metrics.falsePositiveRate { object["false_positive_rate"] = rate }
        return object
    }

    /// A reliability table's JSON object: `ece`, `log_loss`, `windows` and the bins.
    static func object(_ table: ReliabilityTable) -> [String: Any] {
        [
            "ece": table.expectedCalibrationError, "log_loss": table.logLoss, "windows": table.total,
            "bins": table.bins.map {
                ["lower": $0.lower, "upper": $0.upper, "count": $0.count, "mean_confidence": $0.meanConfidence, "accuracy": $0.accuracy]
            },
        ]
    }

    /// The reliability table as text: one line per non-empty bin.
    static func reliabilityText(_ table: ReliabilityTable) -> String {
        var out = "calibration: \(table.summary)\n  confidence   windows   mean conf.   right\n"
        for bin in table.bins where bin.count > 0 {
            out += String(
                format: "  %.1f–%.1f   %9d   %10.3f   %5.3f\n", bin.lower, bin.upper, bin.count, bin.meanConfidence, bin.accuracy)
        }
        return out
    }

    /// One file's JSON object: `file`, `class`, `windows`, `correct`, `attack_share`, `predicted`.
    static func object(_ f: Validation.FileResult) -> [String: Any] {
        [
            "file": f.file, "class": f.mainClass, "windows": f.windows, "correct": f.correct,
            "attack_share": f.attackShare, "predicted": f.predicted,
        ]
    }

    /// "false-positive rate: …" for text reports (empty without a normal class).
    static func falsePositiveLine(_ metrics: ClassificationMetrics) -> String {
        guard let rate = metrics.falsePositiveRate else { return "" }
        let normal = metrics.classNames.firstIndex(of: ClassLabel.normal)!
        let total = metrics.confusionMatrix[normal].reduce(0, +)
        return String(format: "false-positive rate: %.2f %% of %d normal rows flagged as an attack\n", 100 * rate, total)
    }

    /// One line per held-out file: its class, windows, share right, and what it was called.
    /// - Parameter heldOut: whether each file was classified by a model trained without it
    ///   (`train --leave-one-file-out`) or by the one saved model (`evaluate --per-file`).
    static func fileTable(_ files: [Validation.FileResult], metrics: ClassificationMetrics, heldOut: Bool = true) -> String {
        let width = min(60, files.map(\.file.count).max() ?? 10)
        var out =
            heldOut
            ? "Leave-one-file-out (each file classified by a model trained without it):\n"
            : "Per file (every file classified by the saved model; nothing retrained, so files it was trained on score high):\n"
        out += "file".padding(toLength: width, withPad: " ", startingAt: 0) + "  class          windows  correct  attack  predicted\n"
        for f in files {
            let name = f.file.count > width ? "…" + f.file.suffix(width - 1) : f.file
            out += name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
            out += f.mainClass.padding(toLength: 13, withPad: " ", startingAt: 0)
            out += String(
                format: "%9d  %6.1f%%  %5.1f%%  ", f.windows, 100 * Double(f.correct) / Double(max(1, f.windows)), 100 * f.attackShare)
            out += f.predicted.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        }
        out += "\nOver all held-out windows:\n\(metrics)\n" + falsePositiveLine(metrics)
        return out
    }
}
