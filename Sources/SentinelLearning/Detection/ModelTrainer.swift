/// Fits a ``DetectionModel`` to a labelled dataset following a ``TrainingPlan``.
public enum ModelTrainer {
    /// Fits preprocessing on `training`, then the classifier on the preprocessed rows.
    /// - Throws: ``ModelError/training(_:)`` with the classifier's own reason.
    public static func fit(
        _ training: Dataset, plan: TrainingPlan, metadata: TrainingMetadata,
        csvSchema: CSVSchema? = nil
    ) throws(ModelError) -> DetectionModel {
        guard training.classCounts.filter({ $0 > 0 }).count >= 2 else {
            throw .training("the training data holds a single class (\(presentClasses(training))); at least two are needed")
        }
        for (index, value) in training.values.enumerated() where !value.isFinite {
            throw .nonFiniteFeature(row: index / training.columnCount, feature: training.featureNames[index % training.columnCount])
        }
        let preprocessing = Preprocessing(fitting: training, transform: plan.transform)
        let prepared = preprocessing.apply(training)
        let classifier: ClassifierModel
        do {
            switch plan.kind {
            case .naiveBayes: classifier = .naiveBayes(try naiveBayes(prepared, plan))
            case .tree: classifier = .tree(try DecisionTree(fitting: prepared, parameters: plan.tree))
            case .mlp: classifier = .mlp(try network(prepared, plan))
            case .ensemble:
                classifier = .ensemble(
                    try SoftVotingEnsemble(
                        naiveBayes: try naiveBayes(prepared, plan),
                        tree: try DecisionTree(fitting: prepared, parameters: plan.tree),
                        network: try network(prepared, plan), weights: plan.ensembleWeights))
            }
        } catch {
            throw .training("\(error)")
        }
        var model = try DetectionModel(
            featureNames: training.featureNames, classNames: training.classNames,
            preprocessing: preprocessing, classifier: classifier, metadata: metadata,
            csvSchema: csvSchema)
        model.minimumAttackConfidence = plan.minimumAttackConfidence
        return model
    }

    private static func naiveBayes(_ data: Dataset, _ plan: TrainingPlan) throws -> GaussianNaiveBayes {
        try GaussianNaiveBayes(fitting: data, varianceSmoothing: plan.varianceSmoothing)
    }

    private static func network(_ data: Dataset, _ plan: TrainingPlan) throws -> MultilayerPerceptron {
        var hyper = plan.network
        hyper.seed = plan.seed
        return try MultilayerPerceptron(fitting: plan.balanceNetwork ? balanced(data) : data, hyperparameters: hyper)
    }

    /// Every class repeated (whole copies, then the first rows again) up to the largest
    /// class's size; rows keep their order within a class, so the result is deterministic.
    static func balanced(_ data: Dataset) -> Dataset {
        let counts = data.classCounts
        guard let largest = counts.max(), largest > 0 else { return data }
        var byClass = [[Int]](repeating: [], count: data.classCount)
        for (row, label) in data.labels.enumerated() { byClass[label].append(row) }
        var rows: [Int] = []
        rows.reserveCapacity(largest * byClass.filter { !$0.isEmpty }.count)
        for members in byClass where !members.isEmpty {
            for i in 0..<largest { rows.append(members[i % members.count]) }
        }
        rows.sort()
        return data.subset(rows: rows)
    }

    private static func presentClasses(_ data: Dataset) -> String {
        zip(data.classNames, data.classCounts).filter { $0.1 > 0 }.map(\.0).joined(separator: ", ")
    }
}
