import Foundation
import SentinelCapture
import SentinelDetection
import SentinelFeatures
import SentinelLearning

/// Files the sentinel loads at start and then trusts for every window: models and baselines.
/// A file that loads must also work: each is asked for what the running sentinel asks of it.
enum ModelTargets {
    /// A model file: decoded, then asked for probabilities, a decision and an explanation on
    /// a few rows, and fitted to packet and log windows as `sentinel run` does.
    @Sendable static func modelFile(_ bytes: UnsafeRawBufferPointer) {
        guard let model = try? DetectionModel.decode(Data(bytes), path: "fuzz.json") else { return }
        let width = model.featureNames.count
        for value: Float in [0, 1, -3.5e38, 1e-38] {
            let row = [Float](repeating: value, count: width)
            guard let probabilities = try? model.probabilities(raw: row) else { continue }
            precondition(probabilities.count == model.classNames.count, "probabilities for \(probabilities.count) classes")
            _ = model.decide(probabilities)
            _ = model.explain(raw: row)
        }
        _ = try? Detector<WindowRecord>(model: model)
        _ = try? Detector<LogWindowRecord>(model: model)
    }

    /// A site baseline file: decoded, then asked to assess and learn windows of ordinary and
    /// extreme values of every metric it tracks.
    @Sendable static func baselineFile(_ bytes: UnsafeRawBufferPointer) {
        guard var file = try? SiteBaselineFile.decode(Data(bytes), path: "fuzz.json") else { return }
        for value in [0, 1, 1e6, 1e300] {
            let metrics = Dictionary(uniqueKeysWithValues: file.baseline.tracks.keys.map { ($0, value) })
            let assessment = file.baseline.assess(metrics)
            _ = assessment.isUnusual
            file.baseline.learn(metrics, seconds: file.windowSeconds, assessment: assessment)
        }
    }
}
