import Testing

@testable import SentinelLearning

@Suite("Dataset")
struct DatasetTests {
    @Test func buildsFromRowsRowMajor() throws {
        let data = try Dataset(
            rows: [[1, 2, 3], [4, 5, 6]], featureNames: ["a", "b", "c"],
            classNames: ["x", "y"], labels: [1, 0])
        #expect(data.rowCount == 2)
        #expect(data.columnCount == 3)
        #expect(data.values == [1, 2, 3, 4, 5, 6])
        #expect(Array(data.row(1)) == [4, 5, 6])
        #expect(data[0, 2] == 3)
        #expect(data.classCounts == [1, 1])
    }

    @Test func subsetKeepsOrderNamesAndLabels() throws {
        let data = try Dataset(
            rows: [[1, 2], [3, 4], [5, 6]], featureNames: ["a", "b"],
            classNames: ["x", "y"], labels: [0, 1, 1])
        let subset = data.subset(rows: [2, 0])
        #expect(subset.values == [5, 6, 1, 2])
        #expect(subset.labels == [1, 0])
        #expect(subset.featureNames == data.featureNames)
        #expect(subset.classNames == data.classNames)
    }

    @Test func rejectsRaggedRow() {
        #expect(throws: DatasetError.raggedRow(row: 1, count: 1, expected: 2)) {
            try Dataset(
                rows: [[1, 2], [3]], featureNames: ["a", "b"], classNames: ["x"], labels: [0, 0])
        }
    }

    @Test func rejectsUnknownLabel() {
        #expect(throws: DatasetError.unknownLabel(row: 1, label: 2, classCount: 2)) {
            try Dataset(
                rows: [[1], [2]], featureNames: ["a"], classNames: ["x", "y"], labels: [0, 2])
        }
        #expect(throws: DatasetError.unknownLabel(row: 0, label: -1, classCount: 2)) {
            try Dataset(values: [1], featureNames: ["a"], classNames: ["x", "y"], labels: [-1])
        }
    }

    @Test func rejectsEmptyAndMissingNames() {
        #expect(throws: DatasetError.empty) {
            try Dataset(rows: [], featureNames: ["a"], classNames: ["x"], labels: [])
        }
        #expect(throws: DatasetError.noFeatures) {
            try Dataset(rows: [[]], featureNames: [], classNames: ["x"], labels: [0])
        }
        #expect(throws: DatasetError.noClasses) {
            try Dataset(rows: [[1]], featureNames: ["a"], classNames: [], labels: [0])
        }
    }

    @Test func rejectsShapeMismatchesAndDuplicates() {
        #expect(throws: DatasetError.labelCountMismatch(labels: 1, rows: 2)) {
            try Dataset(rows: [[1], [2]], featureNames: ["a"], classNames: ["x"], labels: [0])
        }
        #expect(throws: DatasetError.valueCountMismatch(count: 3, rows: 2, columns: 2)) {
            try Dataset(values: [1, 2, 3], featureNames: ["a", "b"], classNames: ["x"], labels: [0, 0])
        }
        #expect(throws: DatasetError.duplicateFeatureName("a")) {
            try Dataset(rows: [[1, 2]], featureNames: ["a", "a"], classNames: ["x"], labels: [0])
        }
        #expect(throws: DatasetError.duplicateClassName("x")) {
            try Dataset(rows: [[1]], featureNames: ["a"], classNames: ["x", "x"], labels: [0])
        }
    }

    @Test func errorsDescribeTheProblem() {
        let error = DatasetError.raggedRow(row: 7, count: 3, expected: 4)
        #expect(error.description == "row 7 has 3 values, expected 4 (one per feature)")
        #expect(DatasetError.unknownLabel(row: 2, label: 5, classCount: 3).description.contains("label 5"))
    }
}
