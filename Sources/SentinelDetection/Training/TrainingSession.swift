import Foundation
import SentinelLearning

/// What `sentinel train` does between reading the labelled data and printing the metrics:
/// the optional checks on whole files (leave-one-file-out) and k-fold cross-validation, the
/// training run itself, and the files it writes — the model, and optionally the dataset as
/// CSV and which rows were held out.
package struct TrainingSession {
    /// The training run's settings; the checks' summaries are added to its notes (they end
    /// up in the model file's metadata).
    package var options: TrainingRun.Options
    /// Also run leave-one-file-out validation (captures and logs only).
    package var leaveOneFileOut = false
    /// With ``leaveOneFileOut``: only hold out these files (all when empty).
    package var holdOut: [String] = []
    /// With ``leaveOneFileOut``: hold out groups of files instead of single files, each file's
    /// group being the first capture group of this pattern in its path (a file it does not
    /// match is its own group).
    package var groupPattern: String?
    /// Also run k-fold cross-validation with this many folds.
    package var folds: Int?
    /// Fit a temperature on held-out predictions and save it in the model: those of
    /// leave-one-file-out (whole files or groups the fold never saw) when it runs, else those
    /// of the stratified held-out part.
    package var calibrate = false
    /// Where to write the model file.
    package var modelOut: String
    /// Where to write the dataset as CSV, if anywhere.
    package var datasetOut: String?
    /// Where to write `row,part` (train or test) for every row, if anywhere.
    package var splitOut: String?

    /// What the session measured.
    package struct Result {
        /// The training run (held-out metrics, timings, the model).
        package var run: TrainingRun.Result
        /// The metrics of each cross-validation fold.
        package var crossValidation: [ClassificationMetrics]?
        /// Each held-out file and the metrics over all of them.
        package var leaveOneFileOut: (files: [Validation.FileResult], metrics: ClassificationMetrics)?
        /// With ``calibrate``: the reliability of the held-out predictions it was fitted on,
        /// before and after.
        package var calibration: (before: ReliabilityTable, after: ReliabilityTable)?
    }

    /// Creates a session that writes the model to `modelOut`.
    package init(options: TrainingRun.Options, modelOut: String) {
        self.options = options
        self.modelOut = modelOut
    }

    /// Validates, trains, and writes the files.
    /// - Parameter progress: told each file leave-one-file-out holds out.
    package func run(_ training: TrainingData, progress: (String) -> Void = { _ in }) throws -> Result {
        var options = options
        var lofo: (files: [Validation.FileResult], metrics: ClassificationMetrics)?
        var groupPredictions: HeldOutPredictions?
        var cv: [ClassificationMetrics]?
        if leaveOneFileOut {
            let group = try groupPattern.map { try Validation.grouping(pattern: $0) } ?? { $0 }
            let checked = try Validation.leaveOneGroupOut(training, plan: options.plan, only: holdOut, group: group, progress: progress)
            lofo = (checked.files, checked.metrics)
            groupPredictions = checked.predictions
            options.notes.append(
                "leave-one-file-out macro F1 \(String(format: "%.4f", checked.metrics.macroF1)) over \(checked.files.count) files")
        }
        if let folds {
            let metrics = try Validation.crossValidate(training, plan: options.plan, folds: folds)
            cv = metrics
            let f1 = metrics.map(\.macroF1)
            options.notes.append(
                "\(folds)-fold cross-validation macro F1 mean \(String(format: "%.4f", f1.reduce(0, +) / Double(f1.count)))")
        }
        var result = try TrainingRun.run(training, options: options)
        var reliability: (before: ReliabilityTable, after: ReliabilityTable)?
        if calibrate {
            let heldOut = groupPredictions ?? result.heldOutPredictions
            let calibration = heldOut.calibration()
            let before = heldOut.reliability(model: result.model),
                after = heldOut.reliability(model: result.model, calibration: calibration)
            reliability = (before, after)
            result.model.calibration = calibration
            // The held-out metrics are those of the saved decision: calibrated probabilities.
            result.heldOut = try result.heldOutPredictions.metrics(model: result.model, calibration: calibration)
            result.model.metadata.heldOutMetrics = result.heldOut
            result.model.metadata.notes.append(
                String(format: "calibrated: temperature %.3f fitted on ", calibration.temperature) + calibration.fittedOn
                    + String(format: "; ECE %.3f -> %.3f", before.expectedCalibrationError, after.expectedCalibrationError))
        }
        try result.model.save(to: modelOut)
        if let datasetOut { try DatasetCSV.write(training.dataset, to: datasetOut) }
        if let splitOut {
            let test = Set(result.testIndices)
            let lines = ["row,part"] + (0..<training.dataset.rowCount).map { "\($0),\(test.contains($0) ? "test" : "train")" }
            try (lines.joined(separator: "\n") + "\n").write(toFile: splitOut, atomically: true, encoding: .utf8)
        }
        return Result(run: result, crossValidation: cv, leaveOneFileOut: lofo, calibration: reliability)
    }
}
