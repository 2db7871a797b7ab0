import ArgumentParser
import Foundation
import SentinelLearning

/// The classifier and its settings for `train`. Defaults are those of the shipped model.
struct HyperparameterArguments: ParsableArguments {
    @Option(
        name: .long, help: "Classifier: nb (Gaussian naive Bayes), tree (CART), mlp (neural network) or ensemble (soft vote of the three).")
    var model: ModelKind = .ensemble

    @Option(name: .long, help: ArgumentHelp("Features to use, comma-separated, in order (default: all).", valueName: "names"))
    var features: String?

    @Option(name: .long, help: "Transform before standardising: log1p (sign·log(1+|x|), for heavy-tailed traffic counts) or none.")
    var transform: FeatureTransform = .log1p

    @Option(name: .long, help: "Seed of the split and of the network's initialisation and shuffles.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "Naive Bayes: share of the largest variance added to every variance.")
    var varSmoothing: Double = 1e-3

    @Option(name: .long, help: "Tree: split criterion, gini or entropy.")
    var criterion: DecisionTree.Criterion = .gini

    @Option(name: .long, help: "Tree: maximum depth (0: unlimited).")
    var maxDepth: Int = 12

    @Option(name: .long, help: "Tree: fewest rows a node needs to be split.")
    var minSamplesSplit: Int = 2

    @Option(name: .long, help: "Tree: fewest rows in a leaf.")
    var minSamplesLeaf: Int = 2

    @Option(name: .long, help: "Tree: class weights, none or balanced (inverse class frequency).")
    var classWeight: DecisionTree.ClassWeight = .balanced

    @Option(name: .long, help: ArgumentHelp("MLP: hidden layer sizes, comma-separated.", valueName: "sizes"))
    var hidden: String = "32,16"

    @Option(name: .long, help: "MLP: Adam learning rate.")
    var learningRate: Double = 1e-3

    @Option(name: .long, help: "MLP: mini-batch size.")
    var batchSize: Int = 64

    @Option(name: .long, help: "MLP: L2 penalty.")
    var alpha: Double = 1e-4

    @Option(name: .long, help: "MLP: most passes over the training rows.")
    var maxEpochs: Int = 300

    @Flag(name: .long, help: "MLP: repeat the rows of smaller classes so every class weighs the same.")
    var balance = false

    @Flag(name: .long, help: "MLP: train all --max-epochs instead of stopping when the validation loss stalls.")
    var noEarlyStopping = false

    @Option(name: .long, help: "MLP: share of the training rows used for early stopping.")
    var validationFraction: Double = 0.1

    @Option(name: .long, help: "MLP: epochs without validation improvement before stopping.")
    var patience: Int = 10

    @Option(
        name: .long,
        help: "Decision rule: an attack class is the verdict only at this probability or more, else normal (0: most probable class).")
    var minAttackConfidence: Double = 0

    @Option(name: .long, help: ArgumentHelp("Ensemble: weights of naive Bayes, tree and MLP.", valueName: "w,w,w"))
    var weights: String = "0.2,1,2"

    var featureList: [String]? {
        features.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
    }

    func plan() throws -> TrainingPlan {
        var plan = TrainingPlan()
        plan.kind = model
        plan.transform = transform
        plan.seed = seed
        plan.varianceSmoothing = varSmoothing
        plan.tree = DecisionTree.Parameters(
            criterion: criterion, maxDepth: maxDepth == 0 ? nil : maxDepth,
            minSamplesSplit: minSamplesSplit, minSamplesLeaf: minSamplesLeaf,
            classWeight: classWeight)
        let sizes = hidden.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.count == hidden.split(separator: ",").count, sizes.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--hidden must be positive integers separated by commas, e.g. 32,16")
        }
        plan.balanceNetwork = balance
        plan.network = MultilayerPerceptron.Hyperparameters(
            hiddenLayers: sizes, learningRate: learningRate, batchSize: batchSize, alpha: alpha, maxEpochs: maxEpochs,
            earlyStopping: !noEarlyStopping, validationFraction: validationFraction, patience: patience)
        let w = weights.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard w.count == 3 else { throw ValidationError("--weights needs three numbers: naive Bayes, tree, MLP (e.g. 0.2,1,2)") }
        plan.ensembleWeights = w
        guard (0...1).contains(minAttackConfidence) else { throw ValidationError("--min-attack-confidence must be in [0, 1]") }
        plan.minimumAttackConfidence = minAttackConfidence
        return plan
    }
}
