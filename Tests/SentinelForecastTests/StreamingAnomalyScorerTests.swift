import Foundation
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

    @Test("one point at a time gives exactly the scores of the whole-series scorer, from the past only")
    func matchesBatch() throws {
        let values = Self.series(count: 3_000, spikeAt: 2_500)
        let settings = AnomalyScorer(season: 24, warmup: 100)
        let batch = try settings.score(LoadSeries(name: "s", times: values.indices.map(Double.init), values: values))
        var streaming = StreamingAnomalyScorer(settings: settings)
        let live = values.enumerated().map { streaming.observe($0.element, time: Double($0.offset)) }
        #expect(live.prefix(100).allSatisfy { $0.score == 0 && $0.forecast == nil })
        #expect(live == batch)
        #expect(live[2_500].isAnomaly && live[2_500].score == live.map(\.score).max())
        // The past only: a different future changes nothing before it.
        var other = StreamingAnomalyScorer(settings: settings)
        let changed = values.prefix(2_000) + [Double](repeating: 1_000, count: 100)
        let scores = changed.enumerated().map { other.observe($0.element, time: Double($0.offset)).score }
        #expect(Array(scores.prefix(2_000)) == live.prefix(2_000).map(\.score))
    }

    @Test("a burst the series keeps showing stops alarming once the long memory has seen it; a larger one still alarms")
    func recurringBurstBecomesFamiliar() {
        var generator = SeededGenerator(seed: 7)
        var values = (0..<4_000).map { _ in 100 + Double.random(in: -3...3, using: &generator) }
        let bursts = Array(stride(from: 125, to: 4_000, by: 250))
        for t in bursts { values[t] = 160 }
        values[3_875] = 250
        var scorer = StreamingAnomalyScorer(settings: AnomalyScorer(season: 1))
        let points = values.enumerated().map { scorer.observe($0.element, time: Double($0.offset)) }
        let flagged = points.indices.filter { points[$0].isAnomaly }
        // While the long memory fills (2 000 points) every burst is news; then only the larger one.
        #expect(flagged == bursts.filter { $0 < 2_000 } + [3_875], "flags at \(flagged)")
    }

    @Test("a spike the series shows every day at about the same time alarms on the first day only; one at another time still alarms")
    func dailySpikeEchoes() {
        var generator = SeededGenerator(seed: 5)
        var values = (0..<1_900).map { _ in 100 + Double.random(in: -3...3, using: &generator) }
        // Every day (288 points) give or take three points, before the long memory is on.
        let daily = [0, 2, -3, 1, -1, 3, -2].enumerated().map { 150 + 288 * $0.offset + $0.element }
        for t in daily + [1_750] { values[t] = 160 }
        var seasonal = StreamingAnomalyScorer(settings: AnomalyScorer(season: 288))
        let flagged = values.indices.filter { seasonal.observe(values[$0], time: Double($0)).isAnomaly }
        #expect(flagged == [150, 1_750], "flags at \(flagged)")
        // Without a season there is no day to compare with: every spike is news.
        var plain = StreamingAnomalyScorer(settings: AnomalyScorer(season: 1))
        let plainFlagged = values.indices.filter { plain.observe(values[$0], time: Double($0)).isAnomaly }
        #expect(plainFlagged == (daily + [1_750]).sorted(), "flags at \(plainFlagged)")
    }

    @Test("the day after a burst, its absence is not a second alarm; a real change of the daily shape still alarms")
    func burstIsNotSeenTwice() {
        var generator = SeededGenerator(seed: 9)
        var values = (0..<1_900).map { t in
            100 + 40 * sin(2 * Double.pi * Double(t % 288) / 288) + Double.random(in: -4...4, using: &generator)
        }
        for t in 676..<680 { values[t] += 200 }
        // On day 6 the morning peak sags for five points, inside the usual range of the values.
        for t in 1_800..<1_805 { values[t] -= 60 }
        var scorer = StreamingAnomalyScorer(settings: AnomalyScorer(season: 288))
        let points = values.enumerated().map { scorer.observe($0.element, time: Double($0.offset)) }
        let flagged = points.indices.filter { points[$0].isAnomaly }
        #expect(flagged.first == 676 && !flagged.contains { (676 + 280)...(676 + 300) ~= $0 }, "flags at \(flagged)")
        #expect(flagged.contains { 1_800..<1_806 ~= $0 }, "flags at \(flagged)")
    }

    @Test("a long noisy daily cycle stays quiet once the long memory is on, with or without a season")
    func longCycleIsQuiet() {
        var generator = SeededGenerator(seed: 42)
        let values = (0..<20_000).map { t in
            100 + 40 * sin(2 * Double.pi * Double(t % 288) / 288) + Double.random(in: -4...4, using: &generator)
        }
        for season in [1, 288] {
            var scorer = StreamingAnomalyScorer(settings: AnomalyScorer(season: season))
            let flagged = values.enumerated().filter { scorer.observe($0.element, time: Double($0.offset)).isAnomaly }.count
            #expect(flagged == 0, "season \(season): \(flagged) of \(values.count) points flagged")
        }
    }

    @Test("a change of the daily shape the series keeps making alarms less once the long memory has seen it; a new one still alarms")
    func recurringShapeChangeBecomesFamiliar() {
        // A daily cycle with a deterministic ripple; every third day a 10-point hump of +18 at
        // the same time of day (inside the usual range of the values), and on day 16 a hump of
        // +36 at another time of day.
        var values = (0..<5_200).map { t in
            let day = 40 * sin(2 * Double.pi * Double(t % 288) / 288)
            return 100 + day + 3 * sin(1.7 * Double(t)) + 2 * sin(0.37 * Double(t))
        }
        for day in stride(from: 3, to: 18, by: 3) {
            for t in (day * 288 + 100)..<(day * 288 + 110) where t < values.count { values[t] += 18 }
        }
        for t in (16 * 288 + 200)..<(16 * 288 + 210) { values[t] += 36 }
        var scorer = StreamingAnomalyScorer(settings: AnomalyScorer(season: 288))
        let flagged = values.indices.filter { scorer.observe(values[$0], time: Double($0)).isAnomaly }
        // Without the seasonal long memory: also 2 120 (the day after a hump) and 4 424 (the
        // fifth hump); the new hump (4 811) alarms either way. The first hump alarms on its
        // second point (966) without the agreement of the two views.
        #expect(flagged == [965, 2_696, 3_561, 4_811], "flags at \(flagged)")
    }

    @Test("a rise unusual both for the recent values and for the time of day alarms on its first point")
    func agreementFlagsEarly() {
        // A daily cycle with a deterministic ripple; on day 5 six points rise by 34, inside the
        // usual range of the values. Against the recent values alone (no season) it is never
        // flagged; against yesterday alone it is flagged on its second point (1 301); both
        // views together flag its first.
        var values = (0..<1_500).map { t in
            let day = 40 * sin(2 * Double.pi * Double(t % 288) / 288)
            return 100 + day + 3 * sin(1.7 * Double(t)) + 2 * sin(0.37 * Double(t))
        }
        for t in 1_300..<1_306 { values[t] += 34 }
        for season in [288, 1] {
            var scorer = StreamingAnomalyScorer(settings: AnomalyScorer(season: season))
            let flagged = values.indices.filter { scorer.observe(values[$0], time: Double($0)).isAnomaly }
            #expect(flagged == (season == 288 ? [1_300] : []), "season \(season): flags at \(flagged)")
        }
    }

    @Test("a constant series warms up without failing and scores a jump")
    func constant() {
        var scorer = StreamingAnomalyScorer(settings: AnomalyScorer(season: 1, warmup: 20))
        for t in 0..<40 { _ = scorer.observe(5, time: Double(t)) }
        #expect(scorer.isScoring)
        #expect(scorer.observe(50, time: 40).isAnomaly)
    }

    @Test("large values with a small spread keep their precision over many windows")
    func precision() {
        var scorer = StreamingAnomalyScorer(settings: AnomalyScorer(season: 1, warmup: 20, window: 50))
        var flagged = 0
        for t in 0..<5_000 {
            if scorer.observe(1e12 + Double(t % 7), time: Double(t)).isAnomaly { flagged += 1 }
        }
        #expect(flagged == 0)
        #expect(scorer.observe(1e12 + 500, time: 5_000).isAnomaly)
    }

    @Test("a value that is not a number scores 0 and is not learnt")
    func notANumber() {
        var scorer = StreamingAnomalyScorer(settings: AnomalyScorer(season: 1, warmup: 5))
        for t in 0..<30 { _ = scorer.observe(Double(t % 3), time: Double(t)) }
        let point = scorer.observe(.nan, time: 30)
        #expect(point.score == 0 && !point.isAnomaly)
        #expect(!scorer.observe(1, time: 31).isAnomaly)
    }
}
