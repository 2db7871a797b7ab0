import Foundation
import SentinelDetection
import SentinelFeatures
import SentinelLearning
import SentinelTestSupport
import Testing

/// The shipped access-log model (`models/logs.json`, `scripts/train-log-model.sh`): it knows
/// the degradation classes, and the plan that makes it generalises to logs it never saw.
@Suite("The shipped log model")
struct LogModelTests {
    static let root = SharedData.packageRoot
    static let modelPath = root + "/models/logs.json"
    static let logs = root + "/captures/logs"

    @Test("it loads, knows normal, latency_degradation and error_spike, and reads only log-window features")
    func loads() throws {
        let model = try DetectionModel.load(path: Self.modelPath)
        #expect(model.classNames == ["error_spike", "latency_degradation", "normal"])
        #expect(Set(model.featureNames) == Set(LogWindowRecord.names))
        _ = try LogWindowDetector(model: model)
        #expect(throws: ModelError.self) { try WindowDetector(model: model) }
        #expect(throws: ModelError.self) { try LogWindowDetector(model: try DetectionModel.load(path: Self.root + "/models/default.json")) }
    }

    @Test("the labelled logs load as windows of every class, each row tied to its file")
    func dataset() throws {
        let data = try TrainingData.load(.logs([Self.logs]))
        #expect(data.dataset.classNames == ["error_spike", "latency_degradation", "normal"])
        #expect(data.files.count == 16)
        #expect(data.fileOfRow?.count == data.dataset.rowCount)
        let counts = data.dataset.classCounts
        #expect(counts.allSatisfy { $0 >= 150 }, "\(counts)")
    }

    /// Degraded logs whose labelled range the plan misses when the file is held out, and why.
    static let knownMisses: [String: String] = [
        "latency_partial_40pct_20rps.log": "only 40 % of API requests slowed: p50 stays normal, p95 and the slow share alone",
        "errors_10pct_10rps.log": "one 5xx a second at most: many windows hold none",
    ]

    @Test("leave one log out: degradations flagged as their class, normal windows rarely flagged")
    func leaveOneLogOut() throws {
        let model = try DetectionModel.load(path: Self.modelPath)
        var plan = TrainingPlan()
        plan.minimumAttackConfidence = model.minimumAttackConfidence
        let data = try TrainingData.load(.logs([Self.logs]))
        let (files, metrics) = try Validation.leaveOneFileOut(data, plan: plan)
        let falsePositives = try #require(metrics.falsePositiveRate)
        print("leave-one-log-out over \(files.count) files: macro F1 \(metrics.macroF1), false positives \(falsePositives)")
        #expect(metrics.macroF1 >= 0.85, "\(metrics)")
        #expect(falsePositives <= 0.04, "\(metrics)")
        for name in ["error_spike", "latency_degradation"] {
            let recall = try #require(metrics.classes.first { $0.name == name }).recall
            #expect(recall >= 0.7, "\(name) recall \(recall)")
        }
        for file in files {
            let degraded = file.trueClasses.filter { $0.key != "normal" }
            print("  \(file.file): \(file.trueClasses) → \(file.predicted)")
            guard let (name, windows) = degraded.first else { continue }
            if Self.knownMisses.keys.contains(where: { file.file.hasSuffix($0) }) { continue }
            #expect(Double(file.predicted[name] ?? 0) >= 0.6 * Double(windows), "\(file.file): \(file.predicted)")
        }
    }
}
