import SentinelCore

/// A seeded, stratified k-fold partition for cross-validation.
///
/// Each class is shuffled on its own and its rows are dealt round-robin into the folds,
/// continuing from the fold where the previous class stopped, so fold sizes differ by at
/// most one and each fold's class proportions follow the whole data's. A class with fewer
/// rows than folds is missing from some test folds. Index lists are sorted ascending.
public struct StratifiedKFold: Sendable, Equatable {
    /// One round of cross-validation: train on `trainIndices`, evaluate on `testIndices`.
    public struct Fold: Sendable, Equatable {
        /// The rows to train on, ascending.
        public let trainIndices: [Int]
        /// The rows to evaluate on, ascending.
        public let testIndices: [Int]
    }

    /// The folds; every row is in exactly one fold's test part.
    public let folds: [Fold]

    /// Partitions the rows of `dataset` into `foldCount` folds.
    ///
    /// - Parameters:
    ///   - dataset: the data to partition.
    ///   - foldCount: the number of folds, at least 2 and at most the number of rows.
    ///   - seed: the seed of the shuffles.
    /// - Throws: ``SplitError/invalidFoldCount(folds:rows:)``.
    public init(_ dataset: Dataset, foldCount: Int = 5, seed: UInt64) throws(SplitError) {
        try self.init(
            labels: dataset.labels, classCount: dataset.classCount, foldCount: foldCount,
            seed: seed)
    }

    /// Partitions rows given only their labels.
    ///
    /// - Parameters:
    ///   - labels: the class of each row, each in `0..<classCount`.
    ///   - classCount: the number of classes.
    ///   - foldCount: the number of folds, at least 2 and at most the number of rows.
    ///   - seed: the seed of the shuffles.
    /// - Throws: ``SplitError/invalidFoldCount(folds:rows:)`` or
    ///   ``SplitError/unknownLabel(row:label:classCount:)``.
    public init(labels: [Int], classCount: Int, foldCount: Int = 5, seed: UInt64) throws(SplitError) {
        guard foldCount >= 2, foldCount <= labels.count else {
            throw .invalidFoldCount(folds: foldCount, rows: labels.count)
        }
        var generator = SplitMix64(seed: seed)
        var assignment = [Int](repeating: 0, count: labels.count)
        var nextFold = 0
        for var members in try StratifiedSplit.rowsByClass(labels: labels, classCount: classCount) {
            generator.shuffle(&members)
            for row in members {
                assignment[row] = nextFold
                nextFold = (nextFold + 1) % foldCount
            }
        }
        var tests = [[Int]](repeating: [], count: foldCount)
        for (row, fold) in assignment.enumerated() { tests[fold].append(row) }
        folds = (0..<foldCount).map { fold in
            Fold(
                trainIndices: assignment.indices.filter { assignment[$0] != fold },
                testIndices: tests[fold])
        }
    }
}
