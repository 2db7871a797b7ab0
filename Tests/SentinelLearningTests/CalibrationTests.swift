import Foundation
import SentinelLearning
import Testing

/// Temperature scaling and the reliability table: a model's "p 0.9" made to mean nine in ten.
@Suite("Calibration")
struct CalibrationTests {
    /// An over-confident two-class model: it always says 0.99 for its pick and is right
    /// `accuracy` of the time.
    static func overConfident(rows: Int = 1_000, accuracy: Double = 0.7) -> (probabilities: [[Double]], labels: [Int]) {
        var probabilities: [[Double]] = []
        var labels: [Int] = []
        for row in 0..<rows {
            let pick = row % 2
            probabilities.append(pick == 0 ? [0.99, 0.01] : [0.01, 0.99])
            let right = Double(row % 100) < accuracy * 100
            labels.append(right ? pick : 1 - pick)
        }
        return (probabilities, labels)
    }

    @Test func anOverConfidentModelIsSoftenedUntilItsConfidenceMatchesItsAccuracy() {
        let (probabilities, labels) = Self.overConfident()
        let calibration = TemperatureCalibration.fit(probabilities: probabilities, labels: labels, fittedOn: "test")
        #expect(calibration.temperature > 1)
        let calibrated = probabilities.map(calibration.apply)
        #expect(abs(calibrated[0][0] - 0.7) < 0.01, "\(calibrated[0])")
        let decisions = probabilities.map { $0[0] >= $0[1] ? 0 : 1 }
        let before = ReliabilityTable(probabilities: probabilities, labels: labels, decisions: decisions)
        let after = ReliabilityTable(probabilities: calibrated, labels: labels, decisions: decisions)
        #expect(before.expectedCalibrationError > 0.25)
        #expect(after.expectedCalibrationError < 0.02)
        #expect(after.logLoss < before.logLoss)
    }

    @Test func calibrationNeverChangesTheMostProbableClass() {
        let calibration = TemperatureCalibration(temperature: 3.7, fittedOn: "test", rows: 1)
        for row in [[0.5, 0.3, 0.2], [0.1, 0.1, 0.8], [0.34, 0.33, 0.33]] {
            let scaled = calibration.apply(row)
            #expect(DetectionModel.argmax(scaled) == DetectionModel.argmax(row))
            #expect(abs(scaled.reduce(0, +) - 1) < 1e-12)
        }
        #expect(TemperatureCalibration(temperature: 1, fittedOn: "", rows: 0).apply([0.2, 0.8]) == [0.2, 0.8])
    }

    @Test func aCalibratedModelStaysCalibrated() {
        // Says 0.8 and is right 80 % of the time: the temperature stays near 1.
        var probabilities: [[Double]] = []
        var labels: [Int] = []
        for row in 0..<1_000 {
            probabilities.append([0.8, 0.2])
            labels.append(row % 10 < 8 ? 0 : 1)
        }
        let calibration = TemperatureCalibration.fit(probabilities: probabilities, labels: labels, fittedOn: "test")
        #expect(abs(calibration.temperature - 1) < 0.02)
    }

    @Test func theReliabilityTableBinsByTheVerdictsConfidence() {
        let table = ReliabilityTable(
            probabilities: [[0.95, 0.05], [0.92, 0.08], [0.35, 0.65], [0.6, 0.4]], labels: [0, 1, 1, nil],
            decisions: [0, 0, 1, 0])
        let top = table.bins[9], sixties = table.bins[6], fifties = table.bins[5]
        #expect(top.count == 2 && top.accuracy == 0.5 && abs(top.meanConfidence - 0.935) < 1e-9)
        // 0.65 (right) and 0.6 (a class the model never learnt: always wrong).
        #expect(sixties.count == 2 && sixties.accuracy == 0.5)
        #expect(fifties.count == 0 && table.total == 4)
    }

    @Test("a calibration is saved in the model file; an impossible temperature is refused")
    func savedAndChecked() throws {
        var model = try ModelTrainer.fit(
            try DetectionModelTests.blobs(), plan: DetectionModelTests.plan(.tree), metadata: DetectionModelTests.metadata())
        let raw = try model.probabilities(raw: [Float(50), 2, 0.5])
        model.calibration = TemperatureCalibration(temperature: 2, fittedOn: "test windows", rows: 10)
        let loaded = try DetectionModel.decode(model.jsonData(), path: "m.json")
        #expect(loaded == model)
        #expect(try loaded.probabilities(raw: [Float(50), 2, 0.5]) == model.calibration!.apply(raw))
        var object = try #require(try JSONSerialization.jsonObject(with: model.jsonData()) as? [String: Any])
        object["calibration"] = ["temperature": -1, "fitted_on": "x", "rows": 1]
        #expect(throws: ModelError.self) {
            try DetectionModel.decode(try JSONSerialization.data(withJSONObject: object), path: "m.json")
        }
    }
}
