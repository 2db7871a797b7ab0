import Testing

@testable import SentinelLearning

@Suite("StandardScaler")
struct StandardScalerTests {
    // Column a: 1, 2, 3, 6 → mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5.
    // Column b: constant 5 → std 0, scales to 0.
    // Column c: -2, 2, -2, 2 → mean 0, std 2.
    let data = try! Dataset(
        rows: [[1, 5, -2], [2, 5, 2], [3, 5, -2], [6, 5, 2]], featureNames: ["a", "b", "c"],
        classNames: ["x"], labels: [0, 0, 0, 0])

    @Test func fitsPopulationMeanAndStd() {
        let scaler = StandardScaler(fitting: data)
        #expect(scaler.means == [3, 5, 0])
        #expect(abs(scaler.standardDeviations[0] - 3.5.squareRoot()) < 1e-12)
        #expect(scaler.standardDeviations[1] == 0)
        #expect(scaler.standardDeviations[2] == 2)
    }

    @Test func transformsWithZeroStdColumnToZero() {
        let scaler = StandardScaler(fitting: data)
        let scaled = scaler.transform(data)
        let root = 3.5.squareRoot()
        let expectedA = [-2 / root, -1 / root, 0, 3 / root]
        for row in 0..<4 {
            #expect(abs(Double(scaled[row, 0]) - expectedA[row]) < 1e-6)
            #expect(scaled[row, 1] == 0)
            #expect(!scaled[row, 1].isNaN)
            #expect(scaled[row, 2] == (row % 2 == 0 ? -1 : 1))
        }
        #expect(scaled.labels == data.labels)
        #expect(scaled.featureNames == data.featureNames)
    }

    @Test func transformsOneRowLikeTheDataset() {
        let scaler = StandardScaler(fitting: data)
        #expect(scaler.transform(row: data.row(3)) == Array(scaler.transform(data).row(3)))
        #expect(scaler.transform(row: [3, 100, 4] as [Float]) == [0, 0, 2])
    }
}
