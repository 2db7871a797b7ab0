import Foundation
import SentinelCore

/// A trained detector as saved in a model file: the classifier, the features it reads in
/// order, the preprocessing fitted with it, the class names and how it was trained.
///
/// The file is versioned JSON (`"format": "sentinel-model"`, `"version": 1`) with sorted keys,
/// so the same training run writes the same bytes.
public struct DetectionModel: Sendable, Equatable {
    /// The `format` field every model file carries.
    public static let formatName = "sentinel-model"
    /// The format version this build writes and reads.
    public static let formatVersion = 1

    /// The features the model reads, in column order.
    public let featureNames: [String]
    /// The classes, in probability order.
    public let classNames: [String]
    /// The transform and scaler applied to raw rows.
    public let preprocessing: Preprocessing
    /// The trained classifier.
    public let classifier: ClassifierModel
    /// How the model was trained.
    public var metadata: TrainingMetadata
    /// For models trained on CSV files: how to read CSV rows.
    public let csvSchema: CSVSchema?
    /// The decision rule: a class other than ``ClassLabel/normal`` is only the verdict when its
    /// probability reaches this (0 = plain argmax). Raising it trades missed attack windows
    /// for fewer false alarms.
    public var minimumAttackConfidence: Double = 0
    /// Temperature scaling fitted on held-out windows (`train --calibrate`), applied to every
    /// probability the model gives; nil: the classifier's own probabilities.
    public var calibration: TemperatureCalibration?

    /// The kind of classifier.
    public var kind: ModelKind { classifier.kind }

    /// Assembles a model, checking that its parts agree.
    /// - Throws: ``ModelError/invalid(path:reason:)`` (path `-`) when counts disagree.
    public init(
        featureNames: [String], classNames: [String], preprocessing: Preprocessing,
        classifier: ClassifierModel, metadata: TrainingMetadata, csvSchema: CSVSchema? = nil
    ) throws(ModelError) {
        guard !featureNames.isEmpty, Set(featureNames).count == featureNames.count else {
            throw .invalid(path: "-", reason: "feature names must be present and unique")
        }
        guard classNames.count >= 2, Set(classNames).count == classNames.count else {
            throw .invalid(path: "-", reason: "a model needs at least two distinct classes")
        }
        guard preprocessing.featureCount == featureNames.count, classifier.featureCount == featureNames.count else {
            throw .invalid(
                path: "-",
                reason:
                    "\(featureNames.count) feature names, scaler of \(preprocessing.featureCount), classifier of \(classifier.featureCount)"
            )
        }
        guard classifier.classifier.classCount == classNames.count else {
            throw .invalid(path: "-", reason: "\(classNames.count) class names, classifier of \(classifier.classifier.classCount)")
        }
        self.featureNames = featureNames
        self.classNames = classNames
        self.preprocessing = preprocessing
        self.classifier = classifier
        self.metadata = metadata
        self.csvSchema = csvSchema
    }

    // MARK: - Prediction

    /// Class probabilities for one raw row in ``featureNames`` order.
    /// - Throws: ``ModelError/nonFiniteFeature(row:feature:)`` for NaN or infinite values.
    public func probabilities<Row: Collection<Float>>(raw row: Row, rowIndex: Int = 0) throws(ModelError) -> [Double] {
        try probabilities(values: Array(row), rowIndex: rowIndex)
    }

    /// The non-generic body: a generic call from another module would run unspecialised.
    private func probabilities(values row: [Float], rowIndex: Int) throws(ModelError) -> [Double] {
        precondition(row.count == featureNames.count, "row has \(row.count) values, model has \(featureNames.count) features")
        for index in row.indices where !row[index].isFinite {
            throw .nonFiniteFeature(row: rowIndex, feature: featureNames[index])
        }
        let prepared = preprocessing.apply(row)
        let raw: [Double]
        switch classifier {
        case .naiveBayes(let m): raw = m.predictProbabilities(prepared)
        case .tree(let m): raw = m.predictProbabilities(prepared)
        case .mlp(let m): raw = m.predictProbabilities(prepared)
        case .ensemble(let m): raw = m.predictProbabilities(prepared)
        }
        return calibration?.apply(raw) ?? raw
    }

    /// Class probabilities for every row of a dataset already in ``featureNames`` order,
    /// computed in batch (the same values as row by row).
    public func probabilities(_ dataset: Dataset) throws(ModelError) -> [[Double]] {
        precondition(dataset.columnCount == featureNames.count, "data has \(dataset.columnCount) features, model has \(featureNames.count)")
        for (index, value) in dataset.values.enumerated() where !value.isFinite {
            throw .nonFiniteFeature(row: index / dataset.columnCount, feature: featureNames[index % dataset.columnCount])
        }
        let prepared = preprocessing.apply(dataset)
        let raw: [[Double]]
        switch classifier {
        case .naiveBayes(let m): raw = m.predictProbabilities(prepared)
        case .tree(let m): raw = m.predictProbabilities(prepared)
        case .mlp(let m): raw = m.predictProbabilities(prepared)
        case .ensemble(let m): raw = m.predictProbabilities(prepared)
        }
        guard let calibration else { return raw }
        return raw.map(calibration.apply)
    }

    /// The index of the largest probability (the lowest on a tie).
    public static func argmax(_ probabilities: [Double]) -> Int {
        var best = 0
        for i in probabilities.indices where probabilities[i] > probabilities[best] { best = i }
        return best
    }

    /// The verdict for one row's probabilities: the most probable class, unless it is an
    /// attack below ``minimumAttackConfidence`` (then `normal`, when the model has it).
    public func decide(_ probabilities: [Double]) -> Int {
        let best = Self.argmax(probabilities)
        guard minimumAttackConfidence > 0, probabilities[best] < minimumAttackConfidence,
            let normal = classNames.firstIndex(of: ClassLabel.normal), best != normal
        else { return best }
        return normal
    }

    /// Metrics of the model (with its decision rule) on a labelled dataset already aligned
    /// with ``align(_:)``.
    public func evaluate(_ dataset: Dataset) throws(ModelError) -> ClassificationMetrics {
        let probabilities = try probabilities(dataset)
        var names = classNames
        for name in dataset.classNames where !names.contains(name) { names.append(name) }
        // The data's label indices in `names`; the model's classes come first, in order.
        let truth = dataset.classNames.map { names.firstIndex(of: $0)! }
        do {
            return try ClassificationMetrics(
                trueLabels: dataset.labels.map { truth[$0] },
                predictedLabels: probabilities.map { decide($0) }, classNames: names)
        } catch {
            throw .training("\(error)")
        }
    }
}
