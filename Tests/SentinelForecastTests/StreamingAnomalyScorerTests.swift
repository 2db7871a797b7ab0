import SentinelForecast
import SentinelTestSupport
import Testing

@Suite("Streaming anomaly scorer")
struct StreamingAnomalyScorerTests {
    static func series(count: Int, spikeAt: Int? = nil) -> [Double] {
        var generator = SeededGenerator(seed: 11)
        return (0..<count).map { t in
            let base = 100 + 30 * (Double(t % 24) / 24) + Double.random(in: -3...3, using: &generator)
            return t == spikeAt ? base * 4 : base
        }
    }

    @Test("one point at a time gives the scores of the whole-series scorer, from the past only")
    func matchesBatch() throws {
        let values = Self.series(count: 300, spikeAt: 250)
        let settings = AnomalyScorer(season: 24, warmup: 100)
        let batch = try settings.score(LoadSeries(name: "s", times: values.indices.map(Double.init), values: values))
        var streaming = StreamingAnomalyScorer(settings: settings)
        let live = values.enumerated().map { streaming.observe($0.element, time: Double($0.offset)) }
        #expect(live.prefix(100).allSatisfy { $0.score == 0 && $0.forecast == nil })
        for t in 100..<300 {
            #expect(abs(live[t].score - batch[t].score) < 1e-9, "t=\(t): \(live[t].score) vs \(batch[t].score)")
        }
        #expect(live[250].isAnomaly && live[250].score == live.map(\.score).max())
        // The past only: a different future changes nothing before it.
        var other = StreamingAnomalyScorer(settings: settings)
        let changed = values.prefix(200) + [Double](repeating: 1_000, count: 100)
        let scores = changed.enumerated().map { other.observe($0.element, time: Double($0.offset)).score }
        #expect(Array(scores.prefix(200)) == live.prefix(200).map(\.score))
    }

    @Test("a constant series warms up without failing and scores a jump")
    func constant() {
        var scorer = StreamingAnomalyScorer(settings: AnomalyScorer(season: 1, warmup: 20))
        for t in 0..<40 { _ = scorer.observe(5, time: Double(t)) }
        #expect(scorer.isScoring)
        #expect(scorer.observe(50, time: 40).isAnomaly)
    }
}
