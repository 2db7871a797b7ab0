import SentinelForecast
import Testing

@Suite("Online anomaly scoring")
struct AnomalyScorerTests {
    static let spikeIndex = 24 * 9 + 13

    static func spiked() -> [Double] {
        var y = SeriesFixtures.noisyDaily(count: 24 * 14, seed: 21)
        y[spikeIndex] *= 2.5
        return y
    }

    @Test("an injected spike gets the top score and the only label near it")
    func spikeIsTop() throws {
        let series = try SeriesFixtures.series(Self.spiked())
        let points = try AnomalyScorer(season: 24).score(series)
        #expect(points.count == series.count)
        let top = points.indices.max { points[$0].score < points[$1].score }!
        #expect(top == Self.spikeIndex)
        #expect(points[Self.spikeIndex].isAnomaly)
        #expect(points[Self.spikeIndex].score > 0.9)
        // The clipped update keeps the points right after the spike quiet.
        #expect(points[(Self.spikeIndex + 1)...(Self.spikeIndex + 3)].allSatisfy { !$0.isAnomaly })
        #expect(points.allSatisfy { $0.score >= 0 && $0.score < 1 })
    }

    @Test("a score depends only on the points before it")
    func onlyThePast() throws {
        let original = Self.spiked()
        var changed = original
        let cut = Self.spikeIndex + 5
        for t in (cut + 1)..<changed.count { changed[t] = 1_000 + Double(t) }
        let a = try AnomalyScorer(season: 24).score(try SeriesFixtures.series(original))
        let b = try AnomalyScorer(season: 24).score(try SeriesFixtures.series(changed))
        #expect(a[...cut] == b[...cut])
        #expect(a[(cut + 1)...] != b[(cut + 1)...])
    }

    @Test("the warm-up is not scored; too short a series is an error")
    func warmup() throws {
        let series = try SeriesFixtures.series(Self.spiked())
        let scorer = AnomalyScorer(season: 24)
        let w = scorer.warmupLength(count: series.count)
        #expect(w == 50)
        let points = try scorer.score(series)
        #expect(points[..<w].allSatisfy { $0.score == 0 && $0.forecast == nil })
        #expect(points[w].forecast != nil)
        #expect(throws: SeriesError.self) { try scorer.score(try SeriesFixtures.series(Array(Self.spiked().prefix(40)))) }
    }
}
