import Foundation
import SentinelCore
import SentinelLearning
import Testing

@Suite("Model files")
struct DetectionModelTests {
    /// Three well-separated classes over two features; `noise` is irrelevant.
    static func blobs(rows: Int = 90, seed: UInt64 = 7) throws -> Dataset {
        var rng = SplitMix64(seed: seed)
        var values: [Float] = []
        var labels: [Int] = []
        let centres: [(Float, Float)] = [(1, 1), (50, 2), (5, 400)]
        for i in 0..<rows {
            let c = i % 3
            values += [
                centres[c].0 * Float(0.8 + 0.4 * rng.nextUnitDouble()),
                centres[c].1 * Float(0.8 + 0.4 * rng.nextUnitDouble()),
                Float(rng.nextUnitDouble()),
            ]
            labels.append(c)
        }
        return try Dataset(
            values: values, featureNames: ["rate", "ratio", "noise"],
            classNames: ["normal", "flood", "scan"], labels: labels)
    }

    static func metadata() -> TrainingMetadata {
        TrainingMetadata(
            sources: ["blobs"], created: "2026-01-01T00:00:00Z", trainer: "test", seed: 1,
            split: "none", trainingRows: 90, testRows: 0, classCounts: ["normal": 30])
    }

    static func plan(_ kind: ModelKind) -> TrainingPlan {
        var plan = TrainingPlan()
        plan.kind = kind
        plan.network.maxEpochs = 60
        return plan
    }

    @Test("every kind saves and loads to an equal model with equal predictions", arguments: ModelKind.allCases)
    func roundTrip(kind: ModelKind) throws {
        let data = try Self.blobs()
        let model = try ModelTrainer.fit(data, plan: Self.plan(kind), metadata: Self.metadata())
        let path = NSTemporaryDirectory() + "sentinel-model-\(kind.rawValue)-\(getpid()).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try DetectionModel.load(path: path)
        #expect(loaded == model)
        #expect(loaded.kind == kind)
        for row in 0..<data.rowCount {
            #expect(try loaded.probabilities(raw: data.row(row)) == model.probabilities(raw: data.row(row)))
        }
        #expect(try model.evaluate(data).accuracy > 0.95)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        #expect(object?["format"] as? String == "sentinel-model")
        #expect(object?["version"] as? Int == 1)
        #expect(object?["kind"] as? String == kind.rawValue)
        #expect(object?["feature_names"] as? [String] == ["rate", "ratio", "noise"])
    }

    @Test("the same data and seed give the same bytes")
    func reproducible() throws {
        let data = try Self.blobs()
        let a = try ModelTrainer.fit(data, plan: Self.plan(.ensemble), metadata: Self.metadata()).jsonData()
        let b = try ModelTrainer.fit(data, plan: Self.plan(.ensemble), metadata: Self.metadata()).jsonData()
        #expect(a == b)
        var other = Self.plan(.ensemble)
        other.seed = 43
        let c = try ModelTrainer.fit(data, plan: other, metadata: Self.metadata()).jsonData()
        #expect(a != c)
    }

    @Test("files that are not models say why: not JSON, not a model, another version, a missing field")
    func badFiles() throws {
        let valid = try ModelTrainer.fit(try Self.blobs(), plan: Self.plan(.tree), metadata: Self.metadata()).jsonData()
        #expect(throws: ModelError.self) { try DetectionModel.decode(Data("{oops".utf8), path: "m.json") }
        do {
            _ = try DetectionModel.decode(Data("{oops".utf8), path: "m.json")
        } catch {
            guard case .notJSON(let path, _) = error else { Issue.record("got \(error)"); return }
            #expect(path == "m.json")
        }
        #expect(throws: ModelError.notAModel(path: "m.json")) {
            try DetectionModel.decode(Data(#"{"weights": [1, 2]}"#.utf8), path: "m.json")
        }
        var object = try #require(try JSONSerialization.jsonObject(with: valid) as? [String: Any])
        object["version"] = 99
        #expect(throws: ModelError.unsupportedVersion(path: "m.json", found: 99, supported: 1)) {
            try DetectionModel.decode(try JSONSerialization.data(withJSONObject: object), path: "m.json")
        }
        object["version"] = 1
        object["feature_names"] = nil
        #expect(throws: ModelError.invalid(path: "m.json", reason: "feature_names is missing")) {
            try DetectionModel.decode(try JSONSerialization.data(withJSONObject: object), path: "m.json")
        }
        object["feature_names"] = ["rate", "ratio"]
        do {
            _ = try DetectionModel.decode(try JSONSerialization.data(withJSONObject: object), path: "m.json")
            Issue.record("a model with two feature names for three columns was accepted")
        } catch {
            #expect("\(error)".contains("2 feature names, scaler of 3"), "\(error)")
        }
        do {
            _ = try DetectionModel.load(path: "/nonexistent/m.json")
            Issue.record("a missing file was read")
        } catch {
            guard case .cannotRead(let path, _) = error else { Issue.record("got \(error)"); return }
            #expect(path == "/nonexistent/m.json")
        }
    }

    @Test("data whose features differ from the model's is refused, naming missing and extra features")
    func featureMismatch() throws {
        let model = try ModelTrainer.fit(try Self.blobs(), plan: Self.plan(.naiveBayes), metadata: Self.metadata())
        let other = try Dataset(
            values: [1, 2, 3, 4], featureNames: ["ratio", "rate", "bytes", "noise"],
            classNames: ["normal"], labels: [0])
        let aligned = try model.align(other)
        #expect(aligned.featureNames == ["rate", "ratio", "noise"])
        #expect(Array(aligned.row(0)) == [2, 1, 4])
        #expect(model.extraFeatures(in: other.featureNames) == ["bytes"])
        let lacking = try Dataset(values: [1, 2], featureNames: ["ratio", "bytes"], classNames: ["normal"], labels: [0])
        #expect(throws: ModelError.featureMismatch(missing: ["rate", "noise"], extra: ["bytes"])) {
            try model.align(lacking)
        }
        #expect(
            ModelError.featureMismatch(missing: ["rate", "noise"], extra: ["bytes"]).description
                == "the data's features do not match the model's (missing 2: rate, noise; extra 1: bytes)")
    }

    @Test("NaN at prediction time is an error naming the row and feature")
    func nanAtPrediction() throws {
        let model = try ModelTrainer.fit(try Self.blobs(), plan: Self.plan(.tree), metadata: Self.metadata())
        #expect(throws: ModelError.nonFiniteFeature(row: 4, feature: "ratio")) {
            try model.probabilities(raw: [1, .nan, 0], rowIndex: 4)
        }
    }

    @Test("training on one class, or with non-finite values, is refused")
    func trainingErrors() throws {
        let one = try Dataset(values: [1, 2, 3, 4], featureNames: ["a", "b"], classNames: ["normal"], labels: [0, 0])
        #expect(throws: ModelError.self) { try ModelTrainer.fit(one, plan: Self.plan(.tree), metadata: Self.metadata()) }
        let nan = try Dataset(values: [1, .nan, 3, 4], featureNames: ["a", "b"], classNames: ["x", "y"], labels: [0, 1])
        #expect(throws: ModelError.nonFiniteFeature(row: 0, feature: "b")) {
            try ModelTrainer.fit(nan, plan: Self.plan(.tree), metadata: Self.metadata())
        }
    }

    @Test("a tree explains with its path in raw units; naive Bayes with the features that weighed most")
    func explanations() throws {
        let data = try Self.blobs()
        let tree = try ModelTrainer.fit(data, plan: Self.plan(.tree), metadata: Self.metadata())
        let flood = Array(data.row(1))  // class 1: rate ≈ 50
        let path = tree.explain(raw: flood)
        #expect(path.method == .decisionPath)
        #expect(!path.reasons.isEmpty)
        // thresholds are back in raw units (between the blobs' rates 1.2 and 40), not standardised
        let first = try #require(path.reasons.first)
        #expect(first.hasPrefix("rate > ") || first.hasPrefix("ratio"), "\(path.reasons)")
        if first.hasPrefix("rate > ") {
            let threshold = Double(first.dropFirst("rate > ".count).split(separator: " ")[0])!
            #expect(threshold > 1.2 && threshold < 40, "\(first)")
        }
        let bayes = try ModelTrainer.fit(data, plan: Self.plan(.naiveBayes), metadata: Self.metadata())
        let why = bayes.explain(raw: flood)
        #expect(why.method == .naiveBayes)
        // against the runner-up (scan: ratio ≈ 400) the ratio weighs most, then the rate
        #expect(why.reasons.first?.hasPrefix("ratio = ") == true, "\(why.reasons)")
        #expect(why.reasons.contains { $0.hasPrefix("rate = ") }, "\(why.reasons)")
        #expect(why.reasons.first?.contains("typical flood") == true)
        #expect(!why.reasons.contains { $0.hasPrefix("noise") })
        let mlp = try ModelTrainer.fit(data, plan: Self.plan(.mlp), metadata: Self.metadata())
        #expect(mlp.explain(raw: flood).method == .occlusion)
    }

    @Test("log1p keeps order and sign and inverts exactly enough to print thresholds")
    func transform() {
        let t = FeatureTransform.log1p
        #expect(t.apply(0) == 0)
        #expect(t.apply(-3) == -t.apply(3))
        #expect(t.apply(10) < t.apply(1000))
        #expect(abs(t.invert(Double(t.apply(1234))) - 1234) < 0.01)
    }

    @Test("metrics survive the trip through JSON")
    func metricsCodable() throws {
        let metrics = try ClassificationMetrics(confusionMatrix: [[5, 1], [2, 7]], classNames: ["a", "b"])
        let data = try JSONEncoder().encode(metrics)
        #expect(try JSONDecoder().decode(ClassificationMetrics.self, from: data) == metrics)
    }
}
