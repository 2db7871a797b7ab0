import Foundation

/// How far a model's confidence can be trusted: windows binned by the confidence of their
/// verdict, each bin's mean confidence against the share it got right (a reliability
/// diagram), the expected calibration error and the mean log-loss.
///
/// A calibrated model that says 0.9 is right nine times in ten; an over-confident one says
/// 0.99 and is right seven times in ten (its bars sit below the diagonal).
public struct ReliabilityTable: Sendable, Equatable {
    /// One confidence bin.
    public struct Bin: Sendable, Equatable {
        /// The bin's confidence range, `lower ..< upper` (the last bin includes 1).
        public var lower: Double
        /// The bin's upper edge.
        public var upper: Double
        /// Windows whose verdict's confidence fell in the bin.
        public var count: Int
        /// Their mean confidence (0 when empty).
        public var meanConfidence: Double
        /// The share of them whose verdict was right (0 when empty).
        public var accuracy: Double
    }

    /// The bins, lowest confidence first.
    public var bins: [Bin]
    /// Windows counted.
    public var total: Int
    /// Expected calibration error: the count-weighted mean of |accuracy − confidence| over
    /// the bins (0 is perfect).
    public var expectedCalibrationError: Double
    /// Mean negative log-likelihood of the true class (lower is better; a class the model does
    /// not know counts as probability 10⁻⁶).
    public var logLoss: Double

    /// Bins `probabilities` (one row per window, in the model's class order).
    /// - Parameters:
    ///   - labels: each window's true class index in that order, nil for a class the model
    ///     does not know (its verdict is wrong whatever it is).
    ///   - decisions: each window's verdict index (the decision rule may differ from argmax).
    ///   - binCount: how many equal-width bins over [0, 1].
    public init(probabilities: [[Double]], labels: [Int?], decisions: [Int], binCount: Int = 10) {
        precondition(probabilities.count == labels.count && labels.count == decisions.count, "one label and verdict per row")
        let binCount = max(1, binCount)
        var counts = [Int](repeating: 0, count: binCount)
        var confidence = [Double](repeating: 0, count: binCount)
        var correct = [Int](repeating: 0, count: binCount)
        var loss = 0.0
        for (row, p) in probabilities.enumerated() {
            let decided = decisions[row]
            let c = p.indices.contains(decided) ? min(max(p[decided], 0), 1) : 0
            let bin = min(binCount - 1, Int(c * Double(binCount)))
            counts[bin] += 1
            confidence[bin] += c
            if let label = labels[row], label == decided { correct[bin] += 1 }
            let truth = labels[row].flatMap { p.indices.contains($0) ? p[$0] : nil } ?? 0
            loss -= log(max(truth, 1e-6))
        }
        total = probabilities.count
        bins = (0..<binCount).map { i in
            Bin(
                lower: Double(i) / Double(binCount), upper: Double(i + 1) / Double(binCount), count: counts[i],
                meanConfidence: counts[i] == 0 ? 0 : confidence[i] / Double(counts[i]),
                accuracy: counts[i] == 0 ? 0 : Double(correct[i]) / Double(counts[i]))
        }
        let n = Double(max(total, 1))
        expectedCalibrationError = bins.reduce(0) { $0 + Double($1.count) / n * abs($1.accuracy - $1.meanConfidence) }
        logLoss = total == 0 ? 0 : loss / n
    }

    /// One line: `ECE 0.041, log-loss 0.213 over 3,004 windows`.
    public var summary: String {
        String(format: "ECE %.3f, log-loss %.3f over %d windows", expectedCalibrationError, logLoss, total)
    }
}
