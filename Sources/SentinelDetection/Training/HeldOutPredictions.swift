import SentinelLearning

/// Class probabilities a model gave on windows it did not learn from, with their true
/// classes: what a calibration is fitted on and a reliability table measured on.
package struct HeldOutPredictions: Sendable {
    /// The class names, in probability order.
    package var classNames: [String]
    /// One row of probabilities per window.
    package var probabilities: [[Double]] = []
    /// Each window's true class index in ``classNames``.
    package var labels: [Int] = []
    /// How the windows were held out (`leave one group out`, `stratified 25 %`).
    package var method: String

    /// No predictions yet.
    package init(classNames: [String], method: String) {
        self.classNames = classNames
        self.method = method
    }

    /// Adds a window: `probabilities` in `modelClasses` order (a fold's model may lack a class),
    /// and its true class.
    package mutating func append(_ probabilities: [Double], modelClasses: [String], truth: String) {
        guard let label = classNames.firstIndex(of: truth) else { return }
        var row = [Double](repeating: 0, count: classNames.count)
        for (index, name) in modelClasses.enumerated() {
            if let at = classNames.firstIndex(of: name) { row[at] = probabilities[index] }
        }
        self.probabilities.append(row)
        labels.append(label)
    }

    /// The temperature that makes these probabilities honest.
    package func calibration() -> TemperatureCalibration {
        TemperatureCalibration.fit(
            probabilities: probabilities, labels: labels, fittedOn: "\(probabilities.count) windows, \(method)")
    }

    /// The reliability of these probabilities (after `calibration`, when given) under `model`'s
    /// decision rule.
    package func reliability(model: DetectionModel, calibration: TemperatureCalibration? = nil) -> ReliabilityTable {
        let rows = calibration.map { c in probabilities.map(c.apply) } ?? probabilities
        return ReliabilityTable(
            probabilities: rows, labels: labels.map(Optional.some), decisions: rows.map { Self.decide($0, model: model, names: classNames) }
        )
    }

    /// `model`'s decision rule on a row in `names` order.
    static func decide(_ row: [Double], model: DetectionModel, names: [String]) -> Int {
        // The model's own rule (`DetectionModel.decide`), on the row put in its class order.
        let inModelOrder = model.classNames.map { name in names.firstIndex(of: name).map { row[$0] } ?? 0 }
        return names.firstIndex(of: model.classNames[model.decide(inModelOrder)]) ?? DetectionModel.argmax(row)
    }

    /// The metrics of `model`'s decision rule on these windows, after `calibration`.
    package func metrics(model: DetectionModel, calibration: TemperatureCalibration?) throws -> ClassificationMetrics {
        let rows = calibration.map { c in probabilities.map(c.apply) } ?? probabilities
        return try ClassificationMetrics(
            trueLabels: labels, predictedLabels: rows.map { Self.decide($0, model: model, names: classNames) }, classNames: classNames)
    }
}
