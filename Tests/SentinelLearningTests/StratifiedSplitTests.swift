import Testing

@testable import SentinelLearning

@Suite("Stratified splits")
struct StratifiedSplitTests {
    /// 40 rows of class 0, 12 of class 1, 2 of class 2, 1 of class 3.
    let labels = Array(repeating: 0, count: 40) + Array(repeating: 1, count: 12) + [2, 2, 3]

    @Test func defaultSplitIsSeventyFiveTwentyFivePerClass() throws {
        let split = try StratifiedSplit(labels: labels, classCount: 4, seed: 1)
        let testLabels = split.testIndices.map { labels[$0] }
        let trainLabels = split.trainIndices.map { labels[$0] }
        #expect(testLabels.filter { $0 == 0 }.count == 10)
        #expect(testLabels.filter { $0 == 1 }.count == 3)
        // A class with two rows appears in both parts; a single row stays in training.
        #expect(testLabels.filter { $0 == 2 }.count == 1)
        #expect(trainLabels.filter { $0 == 2 }.count == 1)
        #expect(trainLabels.filter { $0 == 3 }.count == 1)
        #expect(!testLabels.contains(3))
        // A partition of all rows.
        #expect(Set(split.trainIndices).isDisjoint(with: split.testIndices))
        #expect((split.trainIndices + split.testIndices).sorted() == Array(labels.indices))
    }

    @Test func sameSeedSameSplitOtherSeedOtherSplit() throws {
        let first = try StratifiedSplit(labels: labels, classCount: 4, seed: 7)
        let again = try StratifiedSplit(labels: labels, classCount: 4, seed: 7)
        let other = try StratifiedSplit(labels: labels, classCount: 4, seed: 8)
        #expect(first == again)
        #expect(first.testIndices != other.testIndices)
    }

    @Test func splitsADataset() throws {
        let data = try Dataset(
            values: labels.map(Float.init), featureNames: ["f"],
            classNames: ["a", "b", "c", "d"], labels: labels)
        let split = try StratifiedSplit(data, testFraction: 0.5, seed: 3)
        #expect(split.testIndices.count == 20 + 6 + 1)
        let test = data.subset(rows: split.testIndices)
        #expect(test.values == split.testIndices.map { Float(labels[$0]) })
    }

    @Test func rejectsBadFractionsAndUnsplittableData() {
        #expect(throws: SplitError.invalidTestFraction(0)) {
            try StratifiedSplit(labels: labels, classCount: 4, testFraction: 0, seed: 1)
        }
        #expect(throws: SplitError.invalidTestFraction(1)) {
            try StratifiedSplit(labels: labels, classCount: 4, testFraction: 1, seed: 1)
        }
        #expect(throws: SplitError.unknownLabel(row: 1, label: 2, classCount: 2)) {
            try StratifiedSplit(labels: [0, 2, 1, 1], classCount: 2, seed: 1)
        }
        #expect(throws: SplitError.unknownLabel(row: 0, label: -1, classCount: 2)) {
            try StratifiedKFold(labels: [-1, 0, 1, 1], classCount: 2, foldCount: 2, seed: 1)
        }
        #expect(throws: SplitError.emptyTestPart) {
            try StratifiedSplit(labels: [0, 1], classCount: 2, seed: 1)
        }
    }

    @Test func kFoldPartitionsEveryRowOnceAndStratifies() throws {
        let kFold = try StratifiedKFold(labels: labels, classCount: 4, foldCount: 4, seed: 5)
        #expect(kFold.folds.count == 4)
        let allTests = kFold.folds.flatMap(\.testIndices)
        #expect(allTests.sorted() == Array(labels.indices))
        for fold in kFold.folds {
            #expect(Set(fold.trainIndices).isDisjoint(with: fold.testIndices))
            #expect(fold.trainIndices.count + fold.testIndices.count == labels.count)
            let testLabels = fold.testIndices.map { labels[$0] }
            #expect(testLabels.filter { $0 == 0 }.count == 10)
            #expect(testLabels.filter { $0 == 1 }.count == 3)
            // 55 rows in 4 folds: sizes 13 or 14.
            #expect((13...14).contains(fold.testIndices.count))
        }
        #expect(try StratifiedKFold(labels: labels, classCount: 4, foldCount: 4, seed: 5) == kFold)
    }

    @Test func kFoldRejectsBadFoldCounts() {
        #expect(throws: SplitError.invalidFoldCount(folds: 1, rows: 55)) {
            try StratifiedKFold(labels: labels, classCount: 4, foldCount: 1, seed: 1)
        }
        #expect(throws: SplitError.invalidFoldCount(folds: 3, rows: 2)) {
            try StratifiedKFold(labels: [0, 1], classCount: 2, foldCount: 3, seed: 1)
        }
    }
}
