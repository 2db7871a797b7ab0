import ArgumentParser
import Foundation
import SentinelForecast

/// `sentinel-bench anomalies`: points per second of the streaming anomaly scorer on one core,
/// in process (no file reading or writing), on a seeded noisy daily series.
struct AnomaliesBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anomalies",
        abstract: "Measure the streaming anomaly scorer's points per second on one core.")

    @Option(help: "Points scored per repetition.")
    var points = 5_000_000

    @Option(help: "Season in points (1: none).")
    var season = 288

    @Option(help: "Repetitions; the best is reported.")
    var `repeat` = 3

    func run() {
        var state: UInt64 = 42
        let values = (0..<points).map { t -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Double(state >> 11) / Double(1 << 53) - 0.5
            return 100 + 40 * sin(2 * Double.pi * Double(t % 288) / 288) + 8 * noise
        }
        var best = Double.infinity
        var flagged = 0
        for _ in 0..<max(1, `repeat`) {
            var scorer = StreamingAnomalyScorer(settings: AnomalyScorer(season: season))
            let start = Measure.now()
            flagged = 0
            for (t, value) in values.enumerated() where scorer.observe(value, time: Double(t)).isAnomaly { flagged += 1 }
            best = min(best, Measure.now() - start)
        }
        print(
            String(
                format: "anomaly scorer: %d points, season %d: %.3f s, %.2f M points/s (%d flagged)",
                points, season, best, Double(points) / best / 1e6, flagged))
    }
}
