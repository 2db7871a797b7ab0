import SentinelCore
import SentinelLearning

/// Checks of how a training plan generalises: k-fold cross-validation, and holding out
/// whole capture files (the honest test for captures, whose neighbouring windows look alike).
package enum Validation {
    /// How the model did on one held-out file.
    package struct FileResult: Sendable {
        /// The file.
        package var file: String
        /// Its windows' labels, with counts.
        package var trueClasses: [String: Int]
        /// The predicted classes of its windows, with counts.
        package var predicted: [String: Int]
        /// Windows whose prediction matched their label.
        package var correct: Int
        /// Windows in the file.
        package var windows: Int
        /// The file's class: the attack it was recorded for when any of its windows carries one
        /// (an attack capture holds normal background before and after the attack, so its
        /// majority label is often `normal`), else its most common label.
        package var mainClass: String {
            let attacks = trueClasses.filter { $0.key != ClassLabel.normal }
            let pool = attacks.isEmpty ? trueClasses : attacks
            return pool.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "?"
        }
        /// Share of windows predicted as something other than normal.
        package var attackShare: Double {
            windows == 0 ? 0 : Double(windows - (predicted[ClassLabel.normal] ?? 0)) / Double(windows)
        }
    }

    /// Trains on every file but one, predicts that one, for each file in turn.
    /// - Parameter only: hold out just the files whose path contains one of these strings
    ///   (all files when empty); the others always stay in training.
    /// - Returns: one result per held-out file, and the metrics over all held-out windows.
    /// - Parameter group: the group of each file: files of one group are held out together
    ///   (a recording family, a site), and the result is named after the group.
    package static func leaveOneFileOut(
        _ data: TrainingData, plan: TrainingPlan, only: [String] = [],
        group: (String) -> String = { $0 },
        progress: (String) -> Void = { _ in }
    ) throws -> (files: [FileResult], metrics: ClassificationMetrics) {
        let checked = try leaveOneGroupOut(data, plan: plan, only: only, group: group, progress: progress)
        return (checked.files, checked.metrics)
    }

    /// ``leaveOneFileOut(_:plan:only:group:progress:)``, also returning every held-out
    /// window's probabilities (in the data's class order) for calibration.
    package static func leaveOneGroupOut(
        _ data: TrainingData, plan: TrainingPlan, only: [String] = [],
        group: (String) -> String = { $0 },
        progress: (String) -> Void = { _ in }
    ) throws -> (files: [FileResult], metrics: ClassificationMetrics, predictions: HeldOutPredictions) {
        guard let fileOfRow = data.fileOfRow else {
            throw ModelError.training("leave-one-file-out needs captures (--captures), not a CSV file")
        }
        let dataset = data.dataset
        var predictions = HeldOutPredictions(classNames: dataset.classNames, method: "each held out with its group by leave-one-group-out")
        var results: [FileResult] = []
        var trueLabels: [Int] = []
        var predictedLabels: [Int] = []
        let metadata = TrainingMetadata(
            sources: data.sourceNames, created: "", trainer: "", seed: plan.seed, split: "",
            trainingRows: 0, testRows: 0, classCounts: [:])
        let groupOfFile = data.files.map(group)
        var groups: [String] = []
        for (fileIndex, file) in data.files.enumerated() where only.isEmpty || only.contains(where: { file.contains($0) }) {
            if !groups.contains(groupOfFile[fileIndex]) { groups.append(groupOfFile[fileIndex]) }
        }
        for file in groups {
            let held = Set(groupOfFile.indices.filter { groupOfFile[$0] == file })
            let testRows = fileOfRow.indices.filter { held.contains(fileOfRow[$0]) }
            guard !testRows.isEmpty else { continue }
            progress(file)
            let trainRows = fileOfRow.indices.filter { !held.contains(fileOfRow[$0]) }
            let model = try ModelTrainer.fit(dataset.subset(rows: trainRows), plan: plan, metadata: metadata)
            var result = FileResult(file: file, trueClasses: [:], predicted: [:], correct: 0, windows: testRows.count)
            for row in testRows {
                let p = try model.probabilities(raw: dataset.row(row), rowIndex: row)
                let label = model.decide(p)
                let truth = dataset.classNames[dataset.labels[row]]
                predictions.append(p, modelClasses: model.classNames, truth: truth)
                result.trueClasses[truth, default: 0] += 1
                result.predicted[model.classNames[label], default: 0] += 1
                if model.classNames[label] == truth { result.correct += 1 }
                trueLabels.append(dataset.labels[row])
                // The fold's model has the full class list unless a class lived only in this file.
                predictedLabels.append(dataset.classNames.firstIndex(of: model.classNames[label])!)
            }
            results.append(result)
        }
        let metrics = try ClassificationMetrics(
            trueLabels: trueLabels, predictedLabels: predictedLabels,
            classNames: dataset.classNames)
        return (results, metrics, predictions)
    }

    /// The grouping of `--group-pattern`: a file's group is the first capture group of
    /// `pattern` in its path (the whole match without a group), else the path itself.
    /// - Throws: ``ModelError/training(_:)`` for a pattern that is not a regular expression.
    package static func grouping(pattern: String) throws -> @Sendable (String) -> String {
        let expression: Regex<AnyRegexOutput>
        do {
            expression = try Regex(pattern)
        } catch {
            throw ModelError.training("--group-pattern '\(pattern)' is not a regular expression: \(error)")
        }
        nonisolated(unsafe) let compiled = expression
        return { path in
            guard let match = path.firstMatch(of: compiled) else { return path }
            let captured = match.output.count > 1 ? match.output[1].substring : match.output[0].substring
            return captured.map(String.init) ?? path
        }
    }

    /// Stratified k-fold cross-validation: the metrics of each fold.
    package static func crossValidate(_ data: TrainingData, plan: TrainingPlan, folds: Int) throws -> [ClassificationMetrics] {
        let partition = try StratifiedKFold(data.dataset, foldCount: folds, seed: plan.seed)
        let metadata = TrainingMetadata(
            sources: [], created: "", trainer: "", seed: plan.seed, split: "",
            trainingRows: 0, testRows: 0, classCounts: [:])
        return try partition.folds.map { fold in
            let model = try ModelTrainer.fit(data.dataset.subset(rows: fold.trainIndices), plan: plan, metadata: metadata)
            return try model.evaluate(data.dataset.subset(rows: fold.testIndices))
        }
    }

    /// Groups predictions of capture windows by file.
    /// - Parameter predicted: the predicted class of each row of `data`.
    package static func perFile(_ data: TrainingData, predicted: [String]) -> [FileResult] {
        guard let fileOfRow = data.fileOfRow else { return [] }
        var results = data.files.map { FileResult(file: $0, trueClasses: [:], predicted: [:], correct: 0, windows: 0) }
        for (row, file) in fileOfRow.enumerated() {
            let truth = data.dataset.classNames[data.dataset.labels[row]]
            results[file].windows += 1
            results[file].trueClasses[truth, default: 0] += 1
            results[file].predicted[predicted[row], default: 0] += 1
            if truth == predicted[row] { results[file].correct += 1 }
        }
        return results.filter { $0.windows > 0 }
    }
}

extension ClassificationMetrics {
    /// The share of `normal` rows predicted as any other class (nil without a `normal` class
    /// or rows): how often the operator would be woken for nothing.
    package var falsePositiveRate: Double? {
        guard let normal = classNames.firstIndex(of: ClassLabel.normal) else { return nil }
        let row = confusionMatrix[normal]
        let total = row.reduce(0, +)
        guard total > 0 else { return nil }
        return Double(total - row[normal]) / Double(total)
    }
}
