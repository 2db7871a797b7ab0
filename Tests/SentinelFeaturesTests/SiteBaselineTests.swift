import Foundation
import SentinelFeatures
import SentinelTestSupport
import Testing

@Suite("A site's own baseline")
struct SiteBaselineTests {
    /// Learns `windows` one-second windows around `level` (±10 % noise) the way a live
    /// sentinel would: assess, then learn unless unusual.
    static func learnt(level: Double, windows: Int = 600, seed: UInt64 = 3) -> SiteBaseline {
        var baseline = SiteBaseline()
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<windows {
            let metrics = ["packets_per_s": level * Double.random(in: 0.9...1.1, using: &generator)]
            baseline.learn(metrics, seconds: 1, assessment: baseline.assess(metrics))
        }
        return baseline
    }

    @Test("three times normal reads the same on a quiet and on a busy site")
    func scaleFree() throws {
        let quiet = Self.learnt(level: 50)
        let busy = Self.learnt(level: 50_000)
        let a = quiet.assess(["packets_per_s": 150]), b = busy.assess(["packets_per_s": 150_000])
        let ma = try #require(a.mostUnusual), mb = try #require(b.mostUnusual)
        #expect(abs(ma.ratio - 2.95) < 0.2 && abs(mb.ratio - 3) < 0.2, "\(ma.ratio) \(mb.ratio)")
        #expect(abs(ma.z - mb.z) < 0.05 * mb.z, "\(ma.z) vs \(mb.z)")
        #expect(a.isUnusual && b.isUnusual)
        #expect(b.explanation.contains("packets_per_s is 3.0× this site's normal"), "\(b.explanation)")
    }

    @Test("a busy site at its usual rate is normal, however high the rate")
    func busyIsNormal() {
        let busy = Self.learnt(level: 20_000)
        let usual = busy.assess(["packets_per_s": 21_000])
        #expect(!usual.isUnusual)
        #expect(usual.score < 0.3)
        #expect(usual.explanation.hasPrefix("within this site's normal"))
    }

    @Test("nothing is unusual before the warm-up")
    func warmup() {
        let young = Self.learnt(level: 100, windows: 100)
        #expect(!young.isWarm)
        #expect(!young.assess(["packets_per_s": 10_000]).isUnusual)
        #expect(young.assess(["packets_per_s": 10_000]).score == 0)
    }

    @Test("a metric a newer release tracks joins a warm baseline without making it cold, and is judged once learnt")
    func lateMetric() throws {
        var baseline = Self.learnt(level: 1_000)
        let metrics = { (late: Double) in ["packets_per_s": 1_000.0, "unfinished_handshakes_per_s": late] }
        let joining = max(baseline.configuration.warmupWindows, SiteBaseline.lateMetricWindows)  // 300
        for window in 0..<joining {
            let usual = baseline.assess(metrics(2))
            #expect(baseline.isWarm && usual.isWarm)
            // Until it has learnt its windows, the new metric is not judged at all.
            #expect(!baseline.assess(metrics(5_000)).isUnusual, "window \(window)")
            #expect(!usual.metrics.contains { $0.name == "unfinished_handshakes_per_s" })
            baseline.learn(metrics(2), seconds: 1, assessment: usual)
        }
        let flood = baseline.assess(metrics(5_000))
        #expect(flood.isUnusual)
        #expect(try #require(flood.mostUnusual).name == "unfinished_handshakes_per_s")
        #expect(!baseline.assess(metrics(3)).isUnusual)
    }

    @Test("an attack is held out of the baseline, so normal traffic after it is still normal")
    func attackNotLearnt() {
        var baseline = Self.learnt(level: 1_000)
        for _ in 0..<300 {  // five minutes of a 20x flood
            let metrics = ["packets_per_s": 20_000.0]
            let assessment = baseline.assess(metrics)
            #expect(assessment.isUnusual)
            baseline.learn(metrics, seconds: 1, assessment: assessment)
        }
        #expect(!baseline.assess(["packets_per_s": 1_050]).isUnusual)
        #expect(baseline.assess(["packets_per_s": 20_000]).isUnusual)
    }

    @Test("a change that lasts past the hold becomes the new normal; a slow daily ramp never alarms")
    func lastingChangeAndRamp() {
        var baseline = Self.learnt(level: 1_000)
        var flagged = 0
        for _ in 0..<3_600 {  // demand that stays at 3x for an hour
            let metrics = ["packets_per_s": 3_000.0]
            let assessment = baseline.assess(metrics)
            if assessment.isUnusual { flagged += 1 }
            baseline.learn(metrics, seconds: 1, assessment: assessment)
        }
        #expect(flagged >= 600 && flagged < 900, "\(flagged) windows unusual")
        #expect(!baseline.assess(["packets_per_s": 3_000]).isUnusual)

        var ramp = Self.learnt(level: 1_000)
        var rampFlags = 0
        for t in 0..<7_200 {  // doubling over two hours
            let metrics = ["packets_per_s": 1_000 * pow(2, Double(t) / 7_200)]
            let assessment = ramp.assess(metrics)
            if assessment.isUnusual { rampFlags += 1 }
            ramp.learn(metrics, seconds: 1, assessment: assessment)
        }
        #expect(rampFlags == 0)
    }

    @Test("a lasting change nothing names an attack is adopted at once after a minute, one named waits the hold")
    func adoptedAfterAMinute() {
        func unusualWindows(adoptable: (Int) -> Bool) -> (flagged: Int, baseline: SiteBaseline) {
            var baseline = Self.learnt(level: 1_000)
            var flagged = 0
            for second in 0..<900 {  // a host that goes from 1,000 to 3,000 packets/s and stays
                let metrics = ["packets_per_s": 3_000.0 * (1 + 0.05 * sin(Double(second)))]
                let assessment = baseline.assess(metrics)
                if assessment.isUnusual { flagged += 1 }
                baseline.learn(metrics, seconds: 1, assessment: assessment, adoptable: adoptable(second))
            }
            return (flagged, baseline)
        }
        let unnamed = unusualWindows { _ in true }
        #expect(unnamed.flagged == 61, "held 60 s, adopted with the 61st window")
        #expect(!unnamed.baseline.assess(["packets_per_s": 3_000]).isUnusual)
        #expect(unnamed.baseline.assess(["packets_per_s": 1_000]).mostUnusual?.z ?? 0 < -4, "the old level is now below normal")
        #expect(unnamed.baseline.heldSeconds == 0 && unnamed.baseline.stretch == nil)

        let named = unusualWindows { second in second != 30 }  // one window of the stretch named an attack
        #expect(named.flagged >= 600, "\(named.flagged) windows unusual: the full hold")
    }

    @Test("a stretch shorter than the adoption time is not learnt")
    func shortStretchNotAdopted() {
        var baseline = Self.learnt(level: 1_000)
        for _ in 0..<50 {
            let metrics = ["packets_per_s": 3_000.0]
            baseline.learn(metrics, seconds: 1, assessment: baseline.assess(metrics), adoptable: true)
        }
        #expect(baseline.heldSeconds == 50)
        let metrics = ["packets_per_s": 1_000.0]
        for _ in 0..<30 {
            baseline.learn(metrics, seconds: 1, assessment: baseline.assess(metrics), adoptable: true)
        }
        #expect(baseline.heldSeconds == 50 && baseline.stretch?.usualSeconds == 30, "a lull of 30 s: the stretch goes on")
        baseline.learn(metrics, seconds: 1, assessment: baseline.assess(metrics), adoptable: true)
        #expect(baseline.heldSeconds == 0 && baseline.stretch == nil, "a lull of 31 s ends it")
        #expect(baseline.assess(["packets_per_s": 3_000]).isUnusual, "the burst was never learnt")
    }

    @Test("a site that turns bursty is adopted after a minute of bursts; bursts a lull apart are not")
    func burstyAdopted() {
        /// Bursts of 3,000 packets/s for 4 s every `period` s on a site learnt at 1,000: the
        /// number of burst windows judged unusual in 10 minutes.
        func flagged(period: Int, named: Bool = false) -> Int {
            var baseline = Self.learnt(level: 1_000)
            var flagged = 0
            for second in 0..<600 {
                let metrics = ["packets_per_s": second % period < 4 ? 3_000.0 : 1_000]
                let assessment = baseline.assess(metrics)
                if assessment.isUnusual { flagged += 1 }
                baseline.learn(metrics, seconds: 1, assessment: assessment, adoptable: !named)
            }
            return flagged
        }
        #expect(flagged(period: 10) == 61, "60 s of bursts held over 150 s, then the new mix is the site's normal")
        #expect(flagged(period: 40) == 60, "lulls of 36 s: every burst is a stretch of its own, never adopted")
        #expect(flagged(period: 10, named: true) == 240, "bursts named an attack are never adopted")
    }

    @Test("a baseline written before adopt_seconds existed reads with the default")
    func olderConfiguration() throws {
        let json = #"{"halfLifeSeconds":1800,"holdSeconds":600,"minimumExcess":5,"unusualZ":4,"warmupWindows":0}"#
        let configuration = try JSONDecoder().decode(SiteBaseline.Configuration.self, from: Data(json.utf8))
        #expect(configuration.adoptSeconds == 60)
        #expect(configuration.holdSeconds == 600 && configuration.warmupWindows == 0)
        var bad = SiteBaseline()
        bad.configuration.adoptSeconds = 0
        #expect(bad.problem == "adopt_seconds must be a positive number")
    }

    @Test("two large packets on an idle host are not a burst; five full-size packets' worth of bytes is")
    func byteRateExcessInPackets() {
        var baseline = SiteBaseline()
        for second in 0..<600 {
            let metrics = ["bytes_per_s": 60.0 + Double(second % 7)]
            baseline.learn(metrics, seconds: 1, assessment: baseline.assess(metrics))
        }
        #expect(!baseline.assess(["bytes_per_s": 3_000]).isUnusual, "two 1,500-byte packets")
        #expect(baseline.assess(["bytes_per_s": 3_000]).mostUnusual?.z == 0)
        #expect(baseline.assess(["bytes_per_s": 8_000]).isUnusual)
    }

    @Test("a stretch stored before lulls were counted reads with none")
    func olderStretch() throws {
        let json = #"{"metrics":{"packets_per_s":{"count":2,"sum":16,"squares":128}}}"#
        let stretch = try JSONDecoder().decode(HeldStretch.self, from: Data(json.utf8))
        #expect(stretch.usualSeconds == 0 && stretch.metrics["packets_per_s"]?.mean == 8)
    }

    @Test("a baseline survives a round trip through JSON")
    func codable() throws {
        let baseline = Self.learnt(level: 700)
        let data = try JSONEncoder().encode(baseline)
        let back = try JSONDecoder().decode(SiteBaseline.self, from: data)
        #expect(back == baseline)
        #expect(back.assess(["packets_per_s": 5_000]) == baseline.assess(["packets_per_s": 5_000]))
    }
}
