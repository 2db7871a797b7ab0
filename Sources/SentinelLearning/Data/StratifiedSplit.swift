import SentinelCore

/// A seeded, stratified train/test partition of a dataset's rows.
///
/// Each class is shuffled on its own and `round(count × testFraction)` of its rows go to
/// the test part, clamped so that every class with at least 2 rows has at least one row in
/// each part. A class with a single row goes to the training part. Classes are processed in
/// label order with one ``SplitMix64`` seeded by `seed`, so the same seed and data give the
/// same split. Index lists are sorted ascending.
public struct StratifiedSplit: Sendable, Equatable {
    /// The rows of the training part, ascending.
    public let trainIndices: [Int]
    /// The rows of the test part, ascending.
    public let testIndices: [Int]

    /// The default fraction of each class held out for testing.
    public static let defaultTestFraction = 0.25

    /// Splits the rows of `dataset`.
    ///
    /// - Parameters:
    ///   - dataset: the data to split.
    ///   - testFraction: the share of each class held out, strictly between 0 and 1.
    ///   - seed: the seed of the shuffles.
    /// - Throws: ``SplitError`` for a bad fraction or when a part would be empty.
    public init(
        _ dataset: Dataset, testFraction: Double = defaultTestFraction, seed: UInt64
    ) throws(SplitError) {
        try self.init(
            labels: dataset.labels, classCount: dataset.classCount, testFraction: testFraction,
            seed: seed)
    }

    /// Splits rows given only their labels.
    ///
    /// - Parameters:
    ///   - labels: the class of each row, each in `0..<classCount`.
    ///   - classCount: the number of classes.
    ///   - testFraction: the share of each class held out, strictly between 0 and 1.
    ///   - seed: the seed of the shuffles.
    /// - Throws: ``SplitError`` for a bad fraction, an unknown label, or when a part would
    ///   be empty.
    public init(
        labels: [Int], classCount: Int, testFraction: Double = defaultTestFraction, seed: UInt64
    ) throws(SplitError) {
        guard testFraction > 0, testFraction < 1 else { throw .invalidTestFraction(testFraction) }
        var generator = SplitMix64(seed: seed)
        var train: [Int] = []
        var test: [Int] = []
        for var members in try Self.rowsByClass(labels: labels, classCount: classCount) {
            let count = members.count
            guard count > 0 else { continue }
            guard count > 1 else {
                train.append(members[0])
                continue
            }
            generator.shuffle(&members)
            let wanted = Int((Double(count) * testFraction).rounded())
            let testCount = min(max(wanted, 1), count - 1)
            test.append(contentsOf: members[0..<testCount])
            train.append(contentsOf: members[testCount...])
        }
        if train.isEmpty { throw .emptyTrainingPart }
        if test.isEmpty { throw .emptyTestPart }
        trainIndices = train.sorted()
        testIndices = test.sorted()
    }

    /// The row indices of each class, in row order.
    static func rowsByClass(labels: [Int], classCount: Int) throws(SplitError) -> [[Int]] {
        var rows = [[Int]](repeating: [], count: max(classCount, 0))
        for (index, label) in labels.enumerated() {
            guard label >= 0, label < classCount else {
                throw .unknownLabel(row: index, label: label, classCount: classCount)
            }
            rows[label].append(index)
        }
        return rows
    }
}
