import Foundation

/// Gaussian naive Bayes: each class models each feature as an independent normal
/// distribution, and a row's class probabilities follow from Bayes' rule.
///
/// Fitting matches scikit-learn's `GaussianNB`: per-class means and population variances,
/// with `varianceSmoothing × (largest population variance of any feature over all rows)`
/// added to every variance. A class with no training rows gets probability 0 for every row.
/// All arithmetic is in `Double`.
public struct GaussianNaiveBayes: Sendable, Equatable, Codable {
    /// The default variance smoothing, as in scikit-learn.
    public static let defaultVarianceSmoothing = 1e-9

    /// The number of classes.
    public let classCount: Int
    /// The number of features.
    public let featureCount: Int
    /// The prior probability of each class.
    public let classPriors: [Double]
    /// The number of training rows of each class.
    public let classCounts: [Int]
    /// The per-class feature means, class-major: class `c`, feature `f` at `c * featureCount + f`.
    public let means: [Double]
    /// The per-class feature variances, smoothing included, laid out like ``means``.
    public let variances: [Double]
    /// The amount added to every variance.
    public let epsilon: Double

    /// `log(prior) - ½ Σ log(2π var)` of each class (`-inf` for a class without rows).
    private let logConstants: [Double]

    private enum CodingKeys: String, CodingKey {
        case classCount, featureCount, classPriors, classCounts, means, variances, epsilon
    }

    /// Fits the model to `dataset`.
    ///
    /// - Parameters:
    ///   - dataset: the training data.
    ///   - priors: one prior per class summing to 1, or `nil` for the empirical class
    ///     frequencies.
    ///   - varianceSmoothing: the share of the largest feature variance added to every
    ///     variance for stability; must be greater than 0. When every feature is constant,
    ///     `varianceSmoothing` itself is added.
    /// - Throws: ``NaiveBayesError`` for bad priors or smoothing, or a non-finite value.
    public init(
        fitting dataset: Dataset, priors: [Double]? = nil,
        varianceSmoothing: Double = defaultVarianceSmoothing
    ) throws(NaiveBayesError) {
        guard varianceSmoothing.isFinite, varianceSmoothing > 0 else {
            throw .invalidVarianceSmoothing(varianceSmoothing)
        }
        let classes = dataset.classCount
        let features = dataset.columnCount
        if let priors { try Self.validate(priors: priors, classCount: classes) }
        for (index, value) in dataset.values.enumerated() where !value.isFinite {
            throw .nonFiniteValue(row: index / features, column: index % features)
        }

        var counts = [Int](repeating: 0, count: classes)
        var sums = [Double](repeating: 0, count: classes * features)
        var totals = [Double](repeating: 0, count: features)
        for row in 0..<dataset.rowCount {
            let label = dataset.labels[row]
            counts[label] += 1
            let base = label * features
            for feature in 0..<features {
                let value = Double(dataset[row, feature])
                sums[base + feature] += value
                totals[feature] += value
            }
        }
        var means = sums
        for label in 0..<classes where counts[label] > 0 {
            for feature in 0..<features { means[label * features + feature] /= Double(counts[label]) }
        }
        let overallMeans = totals.map { $0 / Double(dataset.rowCount) }

        var squares = [Double](repeating: 0, count: classes * features)
        var overallSquares = [Double](repeating: 0, count: features)
        for row in 0..<dataset.rowCount {
            let base = dataset.labels[row] * features
            for feature in 0..<features {
                let value = Double(dataset[row, feature])
                let deviation = value - means[base + feature]
                squares[base + feature] += deviation * deviation
                let overall = value - overallMeans[feature]
                overallSquares[feature] += overall * overall
            }
        }
        let largestVariance = overallSquares.map { $0 / Double(dataset.rowCount) }.max() ?? 0
        let epsilon = largestVariance > 0 ? varianceSmoothing * largestVariance : varianceSmoothing
        var variances = squares
        for label in 0..<classes {
            for feature in 0..<features {
                let index = label * features + feature
                let raw = counts[label] > 0 ? variances[index] / Double(counts[label]) : 0
                variances[index] = raw + epsilon
            }
        }

        let total = Double(dataset.rowCount)
        self.init(
            classCount: classes, featureCount: features,
            classPriors: priors ?? counts.map { Double($0) / total }, classCounts: counts,
            means: means, variances: variances, epsilon: epsilon)
    }

    /// Creates a model from fitted parameters (for instance, read from a model file).
    ///
    /// - Parameters:
    ///   - classCount: the number of classes.
    ///   - featureCount: the number of features.
    ///   - classPriors: one prior per class.
    ///   - classCounts: the training rows of each class; a class with 0 is never predicted.
    ///   - means: `classCount × featureCount` means, class-major.
    ///   - variances: `classCount × featureCount` positive variances, class-major.
    ///   - epsilon: the smoothing already included in `variances`.
    public init(
        classCount: Int, featureCount: Int, classPriors: [Double], classCounts: [Int],
        means: [Double], variances: [Double], epsilon: Double
    ) {
        precondition(classPriors.count == classCount && classCounts.count == classCount)
        precondition(means.count == classCount * featureCount && variances.count == means.count)
        self.classCount = classCount
        self.featureCount = featureCount
        self.classPriors = classPriors
        self.classCounts = classCounts
        self.means = means
        self.variances = variances
        self.epsilon = epsilon
        self.logConstants = (0..<classCount).map { label in
            guard classCounts[label] > 0, classPriors[label] > 0 else { return -Double.infinity }
            var constant = log(classPriors[label])
            for feature in 0..<featureCount {
                constant -= 0.5 * log(2 * Double.pi * variances[label * featureCount + feature])
            }
            return constant
        }
    }

    /// Reads a model, checking every count and length against the others before any
    /// arithmetic: a damaged file is a `DecodingError` naming the field, never a trap.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func refuse(_ key: CodingKeys, _ reason: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: reason)
        }
        let classCount = try container.decode(Int.self, forKey: .classCount)
        let featureCount = try container.decode(Int.self, forKey: .featureCount)
        let classPriors = try container.decode([Double].self, forKey: .classPriors)
        let classCounts = try container.decode([Int].self, forKey: .classCounts)
        let means = try container.decode([Double].self, forKey: .means)
        let variances = try container.decode([Double].self, forKey: .variances)
        let epsilon = try container.decode(Double.self, forKey: .epsilon)
        guard classCount >= 1 else { throw refuse(.classCount, "need at least 1 class, not \(classCount)") }
        guard featureCount >= 1 else { throw refuse(.featureCount, "need at least 1 feature, not \(featureCount)") }
        let (cells, overflow) = classCount.multipliedReportingOverflow(by: featureCount)
        guard !overflow else {
            throw refuse(.featureCount, "\(classCount) classes × \(featureCount) features is too large")
        }
        guard classPriors.count == classCount else {
            throw refuse(.classPriors, "\(classPriors.count) priors for \(classCount) classes")
        }
        if let bad = classPriors.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw refuse(.classPriors, "prior \(bad) is \(classPriors[bad]), not a probability")
        }
        guard classCounts.count == classCount else {
            throw refuse(.classCounts, "\(classCounts.count) counts for \(classCount) classes")
        }
        if let bad = classCounts.firstIndex(where: { $0 < 0 }) {
            throw refuse(.classCounts, "count \(bad) is negative (\(classCounts[bad]))")
        }
        guard means.count == cells else {
            throw refuse(.means, "\(means.count) means for \(classCount) classes × \(featureCount) features")
        }
        if let bad = means.firstIndex(where: { !$0.isFinite }) { throw refuse(.means, "mean \(bad) is not finite") }
        guard variances.count == cells else {
            throw refuse(.variances, "\(variances.count) variances for \(classCount) classes × \(featureCount) features")
        }
        if let bad = variances.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw refuse(.variances, "variance \(bad) is \(variances[bad]), not a positive number")
        }
        guard epsilon.isFinite, epsilon >= 0 else { throw refuse(.epsilon, "epsilon is \(epsilon)") }
        self.init(
            classCount: classCount, featureCount: featureCount, classPriors: classPriors, classCounts: classCounts,
            means: means, variances: variances, epsilon: epsilon)
    }

    /// The mean of `feature` in class `label`.
    public func mean(label: Int, feature: Int) -> Double { means[label * featureCount + feature] }

    /// The smoothed variance of `feature` in class `label`.
    public func variance(label: Int, feature: Int) -> Double {
        variances[label * featureCount + feature]
    }

    /// `log P(class) + log P(row | class)` for each class (`-inf` for a class without rows).
    ///
    /// The row must hold finite values: a NaN gives meaningless scores, so reject
    /// non-finite inputs before predicting.
    ///
    /// - Parameter row: one value per feature.
    public func jointLogLikelihoods<Row: Collection<Float>>(_ row: Row) -> [Double] {
        precondition(row.count == featureCount, "row has \(row.count) values, model has \(featureCount) features")
        if let result = row.withContiguousStorageIfAvailable({ jointLogLikelihoods(buffer: $0) }) {
            return result
        }
        return Array(row).withUnsafeBufferPointer { jointLogLikelihoods(buffer: $0) }
    }

    /// The joint log-likelihoods of a contiguous row (the non-generic hot path).
    private func jointLogLikelihoods(buffer row: UnsafeBufferPointer<Float>) -> [Double] {
        var result = [Double](repeating: 0, count: classCount)
        means.withUnsafeBufferPointer { means in
            variances.withUnsafeBufferPointer { variances in
                for label in 0..<classCount {
                    var sum = logConstants[label]
                    if sum.isFinite {
                        let base = label * featureCount
                        for feature in 0..<featureCount {
                            let deviation = Double(row[feature]) - means[base + feature]
                            sum -= 0.5 * deviation * deviation / variances[base + feature]
                        }
                    }
                    result[label] = sum
                }
            }
        }
        return result
    }

    /// The probability of each class for `row`, normalised with log-sum-exp.
    ///
    /// Like ``jointLogLikelihoods(_:)``, the row must hold finite values.
    ///
    /// - Parameter row: one value per feature.
    /// - Returns: one probability per class, summing to 1.
    public func predictProbabilities<Row: Collection<Float>>(_ row: Row) -> [Double] {
        let joint = jointLogLikelihoods(row)
        let largest = joint.max() ?? 0
        guard largest.isFinite else {
            // Every class is impossible (all without rows, or a non-finite input).
            return [Double](repeating: 1 / Double(classCount), count: classCount)
        }
        var sum = 0.0
        for value in joint { sum += exp(value - largest) }
        let logNormaliser = largest + log(sum)
        return joint.map { exp($0 - logNormaliser) }
    }

    /// The most probable class of `row` (the lowest index on ties).
    ///
    /// - Parameter row: one value per feature.
    public func predict<Row: Collection<Float>>(_ row: Row) -> Int {
        let joint = jointLogLikelihoods(row)
        var best = 0
        for label in 1..<max(classCount, 1) where joint[label] > joint[best] { best = label }
        return best
    }

    /// The class probabilities of every row of `dataset`.
    public func predictProbabilities(_ dataset: Dataset) -> [[Double]] {
        (0..<dataset.rowCount).map { predictProbabilities(dataset.row($0)) }
    }

    /// The most probable class of every row of `dataset`.
    public func predict(_ dataset: Dataset) -> [Int] {
        (0..<dataset.rowCount).map { predict(dataset.row($0)) }
    }

    private static func validate(priors: [Double], classCount: Int) throws(NaiveBayesError) {
        guard priors.count == classCount else {
            throw .priorCountMismatch(priors: priors.count, classes: classCount)
        }
        for (index, prior) in priors.enumerated() where !prior.isFinite || prior < 0 {
            throw .invalidPrior(classIndex: index, value: prior)
        }
        let sum = priors.reduce(0, +)
        guard abs(sum - 1) <= 1e-6 else { throw .priorsDoNotSumToOne(sum) }
    }
}
