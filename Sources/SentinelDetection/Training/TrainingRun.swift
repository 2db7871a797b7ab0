import Foundation
import SentinelLearning

/// Trains a model with a held-out test part and measures it: what `sentinel train` does.
package enum TrainingRun {
    /// How to split and what to record.
    package struct Options: Sendable {
        /// The classifier and its settings.
        package var plan = TrainingPlan()
        /// The share of each class held out (stratified).
        package var testFraction = StratifiedSplit.defaultTestFraction
        /// After measuring, fit the saved model on every row instead of the training part.
        package var refitOnAll = false
        /// The `created` stamp (ISO 8601).
        package var created = TrainingRun.timestamp()
        /// The trainer's name and version.
        package var trainer = "sentinel"
        /// Notes kept in the model file.
        package var notes: [String] = []
        /// Creates the defaults.
        package init() {}
    }

    /// The model and how it did.
    package struct Result: Sendable {
        /// The trained model (metadata filled in).
        package var model: DetectionModel
        /// Metrics on the held-out rows.
        package var heldOut: ClassificationMetrics
        /// Seconds spent fitting (the measured fit, not the refit).
        package var fitSeconds: Double
        /// Seconds spent predicting the held-out rows (preprocessing included).
        package var predictSeconds: Double
        /// Mean seconds to classify one held-out row on its own (the live path: one window at
        /// a time), over up to 1,000 rows.
        package var singleRowSeconds: Double
        /// The held-out rows, as indices into the data's rows.
        package var testIndices: [Int]
        /// Rows in the training part.
        package var trainingRows: Int
        /// Rows held out.
        package var testRows: Int
        /// The held-out rows' probabilities from the model fitted without them.
        package var heldOutPredictions: HeldOutPredictions
    }

    /// Why training could not start.
    package enum Failure: Error, CustomStringConvertible {
        /// A class has too few rows to appear in both parts.
        case classTooSmall(name: String, rows: Int)
        /// The split failed.
        case split(SplitError)

        package var description: String {
            switch self {
            case let .classTooSmall(name, rows):
                return
                    "class '\(name)' has \(rows) row\(rows == 1 ? "" : "s"): a stratified split needs at least 2 per class (add rows, or drop that class)"
            case let .split(error): return "cannot split the data: \(error)"
            }
        }
    }

    /// Splits, fits, measures, and (optionally) refits on everything.
    package static func run(_ data: TrainingData, options: Options) throws -> Result {
        let dataset = data.dataset
        guard dataset.classCounts.filter({ $0 > 0 }).count >= 2 else {
            throw ModelError.training(
                "the data holds a single class (\(dataset.classNames.joined(separator: ", "))); at least two are needed")
        }
        for (name, count) in zip(dataset.classNames, dataset.classCounts) where count < 2 {
            throw Failure.classTooSmall(name: name, rows: count)
        }
        let split: StratifiedSplit
        do {
            split = try StratifiedSplit(dataset, testFraction: options.testFraction, seed: options.plan.seed)
        } catch {
            throw Failure.split(error)
        }
        let training = dataset.subset(rows: split.trainIndices)
        let test = dataset.subset(rows: split.testIndices)
        var metadata = TrainingMetadata(
            sources: data.sourceNames, created: options.created, trainer: options.trainer, seed: options.plan.seed,
            split: "stratified \(Int((options.testFraction * 100).rounded())) % of \(data.fileOfRow == nil ? "rows" : "windows") held out",
            trainingRows: training.rowCount, testRows: test.rowCount,
            classCounts: Dictionary(uniqueKeysWithValues: zip(dataset.classNames, dataset.classCounts)),
            notes: data.notes + options.notes)
        let started = DispatchTime.now()
        var model = try ModelTrainer.fit(training, plan: options.plan, metadata: metadata, csvSchema: data.csvSchema)
        let fitSeconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let predictStarted = DispatchTime.now()
        let heldOut = try model.evaluate(test)
        let predictSeconds = Double(DispatchTime.now().uptimeNanoseconds - predictStarted.uptimeNanoseconds) / 1e9
        let probes = min(1000, test.rowCount)
        let singleStarted = DispatchTime.now()
        var checksum = 0.0
        for row in 0..<probes { checksum += try model.probabilities(raw: test.row(row))[0] }
        let singleRowSeconds =
            Double(DispatchTime.now().uptimeNanoseconds - singleStarted.uptimeNanoseconds) / 1e9
            / Double(max(probes, 1)) + (checksum.isNaN ? 1 : 0)
        metadata.heldOutMetrics = heldOut
        var predictions = HeldOutPredictions(
            classNames: dataset.classNames, method: "the stratified \(Int((options.testFraction * 100).rounded())) % held out")
        for (row, p) in try model.probabilities(test).enumerated() {
            predictions.append(p, modelClasses: model.classNames, truth: dataset.classNames[test.labels[row]])
        }
        if options.refitOnAll {
            metadata.split += "; held-out metrics from a model fitted on the rest, the saved model refitted on all \(dataset.rowCount) rows"
            metadata.trainingRows = dataset.rowCount
            model = try ModelTrainer.fit(dataset, plan: options.plan, metadata: metadata, csvSchema: data.csvSchema)
        } else {
            model.metadata = metadata
        }
        return Result(
            model: model, heldOut: heldOut, fitSeconds: fitSeconds, predictSeconds: predictSeconds,
            singleRowSeconds: singleRowSeconds,
            testIndices: split.testIndices, trainingRows: training.rowCount, testRows: test.rowCount,
            heldOutPredictions: predictions)
    }

    /// Now as ISO 8601 UTC, or `SOURCE_DATE_EPOCH` when set (reproducible model files).
    package static func timestamp() -> String {
        let env = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init)
        let date = env.map { Date(timeIntervalSince1970: $0) } ?? Date()
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
