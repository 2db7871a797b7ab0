import Foundation
import Testing

@testable import SentinelLearning

@Suite("GaussianNaiveBayes")
struct GaussianNaiveBayesTests {
    /// Worked by hand.
    ///
    /// Class a: (1, 2), (3, 4)          → means (2, 3), population variances (1, 1).
    /// Class b: (5, 2), (7, 8), (9, 5)  → means (7, 5), variances (8/3, 6).
    /// All rows, feature x: 1, 3, 5, 7, 9 → variance 8; feature y: 2, 4, 2, 8, 5 → 4.96.
    /// With var_smoothing 0.01, epsilon = 0.01 × 8 = 0.08 is added to every variance.
    /// Empirical priors: 2/5 and 3/5.
    let data = try! Dataset(
        rows: [[1, 2], [3, 4], [5, 2], [7, 8], [9, 5]], featureNames: ["x", "y"],
        classNames: ["a", "b"], labels: [0, 0, 1, 1, 1])

    /// log P(c) + Σ log N(x_f; μ_cf, σ²_cf), by the textbook formula.
    func jointLogLikelihood(prior: Double, means: [Double], variances: [Double], point: [Double]) -> Double {
        var sum = log(prior)
        for f in point.indices {
            sum +=
                -0.5 * log(2 * Double.pi * variances[f])
                - (point[f] - means[f]) * (point[f] - means[f]) / (2 * variances[f])
        }
        return sum
    }

    @Test func fitsMeansVariancesPriorsByHand() throws {
        let model = try GaussianNaiveBayes(fitting: data, varianceSmoothing: 0.01)
        #expect(abs(model.epsilon - 0.08) < 1e-12)
        #expect(model.classPriors == [0.4, 0.6])
        #expect(model.classCounts == [2, 3])
        #expect(model.mean(label: 0, feature: 0) == 2)
        #expect(model.mean(label: 0, feature: 1) == 3)
        #expect(model.mean(label: 1, feature: 0) == 7)
        #expect(model.mean(label: 1, feature: 1) == 5)
        #expect(abs(model.variance(label: 0, feature: 0) - 1.08) < 1e-12)
        #expect(abs(model.variance(label: 0, feature: 1) - 1.08) < 1e-12)
        #expect(abs(model.variance(label: 1, feature: 0) - (8.0 / 3 + 0.08)) < 1e-12)
        #expect(abs(model.variance(label: 1, feature: 1) - 6.08) < 1e-12)
    }

    @Test func posteriorOfOnePointByHand() throws {
        let model = try GaussianNaiveBayes(fitting: data, varianceSmoothing: 0.01)
        let point: [Double] = [4, 4]
        let a = jointLogLikelihood(prior: 0.4, means: [2, 3], variances: [1.08, 1.08], point: point)
        let b = jointLogLikelihood(
            prior: 0.6, means: [7, 5], variances: [8.0 / 3 + 0.08, 6.08], point: point)
        let expectedA = 1 / (1 + exp(b - a))
        // The same numbers from an independent calculation: 0.58201283…, 0.41798716…
        #expect(abs(expectedA - 0.5820128334877515) < 1e-12)

        let joint = model.jointLogLikelihoods([4, 4] as [Float])
        #expect(abs(joint[0] - a) < 1e-9)
        #expect(abs(joint[1] - b) < 1e-9)
        let probabilities = model.predictProbabilities([4, 4] as [Float])
        #expect(abs(probabilities[0] - expectedA) < 1e-6)
        #expect(abs(probabilities[1] - (1 - expectedA)) < 1e-6)
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12)
        #expect(model.predict([4, 4] as [Float]) == 0)
    }

    @Test func acceptsAnyCollectionAsARow() throws {
        let model = try GaussianNaiveBayes(fitting: data)
        let lazyRow = [4.0, 4.0].lazy.map { Float($0) }
        #expect(model.jointLogLikelihoods(lazyRow) == model.jointLogLikelihoods([4, 4] as [Float]))
        #expect(model.predictProbabilities(data.row(3)) == model.predictProbabilities([7, 8] as [Float]))
    }

    @Test func givenPriorsReplaceEmpiricalOnes() throws {
        let model = try GaussianNaiveBayes(fitting: data, priors: [0.1, 0.9], varianceSmoothing: 0.01)
        #expect(model.classPriors == [0.1, 0.9])
        let a = jointLogLikelihood(prior: 0.1, means: [2, 3], variances: [1.08, 1.08], point: [4, 4])
        let b = jointLogLikelihood(
            prior: 0.9, means: [7, 5], variances: [8.0 / 3 + 0.08, 6.08], point: [4, 4])
        let probabilities = model.predictProbabilities([4, 4] as [Float])
        #expect(abs(probabilities[0] - 1 / (1 + exp(b - a))) < 1e-6)
        #expect(model.predict([4, 4] as [Float]) == 1)
    }

    @Test func defaultSmoothingIsOneBillionthOfLargestVariance() throws {
        let model = try GaussianNaiveBayes(fitting: data)
        #expect(abs(model.epsilon - 8e-9) < 1e-20)
        #expect(abs(model.variance(label: 0, feature: 0) - (1 + 8e-9)) < 1e-15)
    }

    @Test func predictsTrainingPointsAndStaysStableFarAway() throws {
        let model = try GaussianNaiveBayes(fitting: data)
        #expect(model.predict(data) == [0, 0, 1, 1, 1])
        // Far from both classes the joint likelihoods underflow exp(); log-sum-exp must not.
        let far = model.predictProbabilities([1e4, -1e4] as [Float])
        #expect(far.allSatisfy { $0.isFinite })
        #expect(abs(far.reduce(0, +) - 1) < 1e-12)
    }

    @Test func classWithoutRowsIsNeverPredicted() throws {
        let withEmpty = try Dataset(
            values: data.values, featureNames: data.featureNames,
            classNames: ["a", "b", "never"], labels: data.labels)
        let model = try GaussianNaiveBayes(fitting: withEmpty)
        let probabilities = model.predictProbabilities([4, 4] as [Float])
        #expect(probabilities[2] == 0)
        #expect(abs(probabilities[0] + probabilities[1] - 1) < 1e-12)
    }

    @Test func constantFeaturesStayFinite() throws {
        let constant = try Dataset(
            rows: [[1, 1], [1, 1], [1, 1]], featureNames: ["x", "y"], classNames: ["a", "b"],
            labels: [0, 1, 1])
        let model = try GaussianNaiveBayes(fitting: constant)
        let probabilities = model.predictProbabilities([1, 1] as [Float])
        #expect(abs(probabilities[0] - 1.0 / 3) < 1e-9)
        #expect(abs(probabilities[1] - 2.0 / 3) < 1e-9)
    }

    @Test func rejectsBadParameters() throws {
        #expect(throws: NaiveBayesError.invalidVarianceSmoothing(0)) {
            try GaussianNaiveBayes(fitting: data, varianceSmoothing: 0)
        }
        #expect(throws: NaiveBayesError.priorCountMismatch(priors: 1, classes: 2)) {
            try GaussianNaiveBayes(fitting: data, priors: [1])
        }
        #expect(throws: NaiveBayesError.invalidPrior(classIndex: 0, value: -0.5)) {
            try GaussianNaiveBayes(fitting: data, priors: [-0.5, 1.5])
        }
        #expect(throws: NaiveBayesError.priorsDoNotSumToOne(0.5)) {
            try GaussianNaiveBayes(fitting: data, priors: [0.25, 0.25])
        }
        let withNaN = data.replacingValues([1, 2, 3, .nan, 5, 2, 7, 8, 9, 5])
        #expect(throws: NaiveBayesError.nonFiniteValue(row: 1, column: 1)) {
            try GaussianNaiveBayes(fitting: withNaN)
        }
    }

    @Test func roundTripsThroughJSON() throws {
        let model = try GaussianNaiveBayes(fitting: data, varianceSmoothing: 0.01)
        let decoded = try JSONDecoder().decode(
            GaussianNaiveBayes.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
        #expect(decoded.predictProbabilities([4, 4] as [Float]) == model.predictProbabilities([4, 4] as [Float]))
    }
}
