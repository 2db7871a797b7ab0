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

    static func times(_ count: Int) -> [Double] { (0..<count).map { Double($0) * 3_600 } }

    @Test("a spike is flagged on the point itself and the points after it stay quiet")
    func spikeFlagsWithinOnePoint() throws {
        let values = Self.spiked()
        let points = try AnomalyScorer(season: 24).score(values: values, times: Self.times(values.count))
        #expect(points.count == values.count)
        let top = points.indices.max { points[$0].score < points[$1].score }!
        #expect(top == Self.spikeIndex)
        #expect(points[Self.spikeIndex].isAnomaly)
        #expect(points.filter(\.isAnomaly).count == 1)
        #expect(points.allSatisfy { $0.score >= 0 && $0.score < 1 })
    }

    @Test("a level shift flags once, then the scorer settles on the new level")
    func levelShiftFlagsOnce() throws {
        var values = SeriesFixtures.noisyDaily(count: 24 * 20, seed: 5)
        let shift = 24 * 8
        for t in shift..<values.count { values[t] += 200 }
        let points = try AnomalyScorer(season: 24, window: 200).score(values: values, times: Self.times(values.count))
        let flagged = points.indices.filter { points[$0].isAnomaly }
        #expect(flagged.first.map { $0 - shift } ?? 99 <= 1, "first flag at \(String(describing: flagged.first)), shift at \(shift)")
        #expect(flagged.count <= 2, "flags at \(flagged)")
        // Well after the change the new level is normal.
        #expect(points[(shift + 250)...].allSatisfy { !$0.isAnomaly })
    }

    @Test("a noisy seasonal series without a change stays quiet")
    func noisySeasonalIsQuiet() throws {
        let values = SeriesFixtures.noisyDaily(count: 24 * 30, seed: 9)
        let points = try AnomalyScorer(season: 24).score(values: values, times: Self.times(values.count))
        let flagged = points.filter(\.isAnomaly).count
        #expect(flagged <= 1, "\(flagged) of \(values.count) points flagged")
    }

    @Test("a score depends only on the points before it")
    func onlyThePast() throws {
        let original = Self.spiked()
        var changed = original
        let cut = Self.spikeIndex + 5
        for t in (cut + 1)..<changed.count { changed[t] = 1_000 + Double(t) }
        let scorer = AnomalyScorer(season: 24)
        let a = try scorer.score(values: original, times: Self.times(original.count))
        let b = try scorer.score(values: changed, times: Self.times(changed.count))
        #expect(a[...cut] == b[...cut])
        #expect(a[(cut + 1)...] != b[(cut + 1)...])
    }

    @Test("the warm-up is not scored; a short series is scored without failing; nonsense settings are refused")
    func warmupAndSettings() throws {
        let values = Self.spiked()
        let scorer = AnomalyScorer(season: 24)
        #expect(scorer.warmupLength == 50)
        let points = try scorer.score(values: values, times: Self.times(values.count))
        #expect(points[..<50].allSatisfy { $0.score == 0 && $0.forecast == nil })
        #expect(points[50].forecast != nil)
        let short = try scorer.score(values: [1, 2, 3], times: [0, 1, 2])
        #expect(short.count == 3 && short.allSatisfy { $0.score == 0 })
        #expect(throws: ForecastError.self) { try AnomalyScorer(season: 1, threshold: 1.5).validate() }
        #expect(throws: ForecastError.self) { try AnomalyScorer(season: 1, window: 2).validate() }
        #expect(throws: ForecastError.self) { try AnomalyScorer(season: 1, suppression: -1).validate() }
    }
}
