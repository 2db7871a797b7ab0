import Foundation
import SentinelCore
import SentinelDetection
import SentinelFeatures
import SentinelLearning
import Testing

/// The site gate with a site model: an unusual window's class comes from its scores against
/// the site's own normal (the `site_z_*` features), so "SYN/s far above this site's normal"
/// names a SYN flood on a busy site as on a quiet one.
@Suite struct SiteModelGateTests {
    /// A tree on two site-relative features: SYN/s and UDP packets/s against the site's normal,
    /// attacks from `attackZ` up.
    static func siteModel(attackZ: Float = 20) throws -> Detector<WindowRecord> {
        var values: [Float] = []
        var labels: [Int] = []
        for i in 0..<60 {
            let jitter = Float(i % 5)
            switch i % 3 {
            case 0: values += [jitter - 2, jitter - 2]
            case 1: values += [attackZ + jitter, jitter - 2]
            default: values += [jitter - 2, attackZ + jitter]
            }
            labels.append(i % 3)
        }
        let data = try Dataset(
            values: values, featureNames: [WindowFeature.siteZSyn.name, WindowFeature.siteZUDP.name],
            classNames: [ClassLabel.normal, "syn_flood", "udp_flood"], labels: labels)
        return try tree(data)
    }

    /// A tree on SYN/s against the site's normal that is unsure of its floods: of the windows
    /// at z 22, one in three is labelled normal with the same features, so its leaf names
    /// `syn_flood` unsure (below p 0.9).
    static func unsureSiteModel() throws -> Detector<WindowRecord> {
        var values: [Float] = []
        var labels: [Int] = []
        for i in 0..<90 {
            let attack = i % 2 == 1
            values.append(attack ? 22 : Float(i % 5) - 2)
            labels.append(attack && i % 6 != 5 ? 1 : 0)
        }
        let data = try Dataset(
            values: values, featureNames: [WindowFeature.siteZSyn.name], classNames: [ClassLabel.normal, "syn_flood"],
            labels: labels)
        return try tree(data)
    }

    /// A decision tree fitted on `data`.
    static func tree(_ data: Dataset) throws -> Detector<WindowRecord> {
        var plan = TrainingPlan()
        plan.kind = .tree
        let metadata = TrainingMetadata(
            sources: ["test"], created: "2026-01-01T00:00:00Z", trainer: "test", seed: 1, split: "none",
            trainingRows: data.rowCount, testRows: 0, classCounts: [:])
        return try Detector(model: try ModelTrainer.fit(data, plan: plan, metadata: metadata))
    }

    /// A SYN rate whose window `gate`'s baseline scores within `z` (the busy site's 8,000
    /// packets/s otherwise).
    static func synRate(scoring z: Range<Double>, on gate: SiteGate<WindowRecord>) throws -> Double {
        let score = { (syn: Double) in
            gate.baseline.assess(SiteGateTests.window(at: 200, packets: 8_000, syn: syn).siteMetrics).mostUnusual?.z ?? 0
        }
        return try #require(stride(from: 51.0, to: 1_000, by: 0.25).first { z.contains(score($0)) })
    }

    /// A gate that has learnt 200 s of a busy site, with the site model.
    static func gate(model: Detector<WindowRecord>? = nil) throws -> SiteGate<WindowRecord> {
        var configuration = SiteBaseline.Configuration()
        configuration.warmupWindows = 100
        var gate = SiteGate<WindowRecord>(
            baseline: SiteBaseline(configuration: configuration), classifier: try model ?? siteModel())
        for second in 0..<200 {
            let noise = 1 + 0.1 * sin(Double(second))
            _ = gate.judge(
                SiteGateTests.window(at: second, packets: 8_000 * noise, syn: 50 * noise), verdict: SiteGateTests.verdict("normal"))
        }
        return gate
    }

    @Test func aSYNFloodTheModelMissesIsNamedByTheSiteModel() throws {
        var gate = try Self.gate()
        var window = SiteGateTests.window(at: 200, packets: 9_000, syn: 1_000)
        let judged = gate.judge(&window, verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(judged.className == "syn_flood")
        #expect(judged.explanation?.reasons.first?.contains("× this site's normal") == true)
        #expect(window.features[.siteZSyn] > 10, "the window keeps its score against the site")
        #expect(window.features[.siteZPackets] < 4)
    }

    @Test func aUDPFloodIsNamedAsSuchEvenWhenThePacketModelSaysOtherwise() throws {
        var gate = try Self.gate()
        var window = SiteGateTests.window(at: 200, packets: 8_000, syn: 50)
        window.features[.udpShare] = 0.5
        let judged = gate.judge(&window, verdict: SiteGateTests.verdict("http_flood"))
        #expect(judged.className == "udp_flood")
    }

    @Test func aWindowUsualForTheSiteStaysNormalAndScoresNearZero() throws {
        var gate = try Self.gate()
        var window = SiteGateTests.window(at: 200, packets: 8_100, syn: 52)
        let judged = gate.judge(&window, verdict: SiteGateTests.verdict("http_flood"))
        #expect(judged.className == ClassLabel.normal)
        #expect(abs(window.features[.siteZSyn]) < 2)
    }

    @Test func beforeTheWarmUpTheSiteScoresStayZero() throws {
        var configuration = SiteBaseline.Configuration()
        configuration.warmupWindows = 1_000
        var gate = SiteGate<WindowRecord>(baseline: SiteBaseline(configuration: configuration), classifier: try Self.siteModel())
        var window = SiteGateTests.window(at: 0, packets: 8_000, syn: 5_000)
        _ = gate.judge(&window, verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(WindowFeature.siteRelative.allSatisfy { window.features[$0] == 0 })
    }

    @Test func aClassTheSiteModelIsUnsureOfIsNotTaken() throws {
        let learnt = try Self.gate(model: try Self.unsureSiteModel())
        let flood = SiteGateTests.window(at: 200, packets: 9_000, syn: 1_000)

        var sure = learnt
        let named = sure.judge(flood, verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(named.className == "syn_flood" && named.confidence < 0.9, "named at p \(named.confidence)")
        sure = learnt
        sure.minimumSiteConfidence = named.confidence - 0.05
        #expect(sure.judge(flood, verdict: SiteGateTests.verdict(ClassLabel.normal)).className == "syn_flood")

        var strict = learnt
        strict.minimumSiteConfidence = named.confidence + 0.05
        let judged = strict.judge(flood, verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(judged.className == ClassLabel.unknownAnomaly, "unusual, and no class confident enough")
        let reason = String(format: "syn_flood (p %.2f) is below p %.2f", named.confidence, named.confidence + 0.05)
        #expect(judged.explanation?.reasons.contains { $0.contains(reason) } == true, "\(judged.explanation?.reasons ?? [])")
        #expect(strict.baseline.heldSeconds > 0, "still held out of the site's normal while it lasts")
    }

    @Test func aCrowdOfTheSitesOwnKindOfTrafficStaysNormalAndSaysWhy() throws {
        // Five times the packets over the same connections: unusual for the site, but no SYN or
        // UDP rise, so the site model calls it normal (p 1).
        let learnt = try Self.gate()
        var gate = learnt
        let crowd = gate.judge(SiteGateTests.window(at: 200, packets: 40_000), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(crowd.className == ClassLabel.normal)
        let reasons = crowd.explanation?.reasons ?? []
        #expect(reasons.first?.contains("is 5.0× this site's normal") == true, "\(reasons)")
        #expect(reasons.first?.contains("shaped like normal traffic (p 1.00, from p 0.60)") == true, "\(reasons)")
        #expect(gate.familiar == 1 && gate.raised == 0)
        #expect(gate.baseline.heldSeconds > 0, "held out of the site's normal like any unusual window")

        // It lasts: adopted as the site's new normal after a minute, like an unknown_anomaly stretch.
        for second in 201..<262 {
            _ = gate.judge(SiteGateTests.window(at: second, packets: 40_000), verdict: SiteGateTests.verdict(ClassLabel.normal))
        }
        #expect(!gate.baseline.assess(SiteGateTests.window(at: 262, packets: 40_000).siteMetrics).isUnusual)

        // An operator who wants every unusual window reported raises the bar above the model's p.
        var strict = learnt
        strict.normalShapeConfidence = 1.01
        let unknown = strict.judge(SiteGateTests.window(at: 200, packets: 40_000), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(unknown.className == ClassLabel.unknownAnomaly)
        #expect(strict.raised == 1 && strict.familiar == 0)
    }

    @Test func anAttackUnderWayKeepsItsClassWhereTheSiteModelIsLessSure() throws {
        let learnt = try Self.gate(model: try Self.unsureSiteModel())
        let flood = SiteGateTests.window(at: 200, packets: 9_000, syn: 1_000)
        var probe = learnt
        let unsure = probe.judge(flood, verdict: SiteGateTests.verdict(ClassLabel.normal)).confidence

        var gate = learnt
        gate.minimumSiteConfidence = unsure + 0.05
        gate.continuingSiteConfidence = unsure - 0.05
        let alone = gate.judge(flood, verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(alone.className == ClassLabel.unknownAnomaly, "no attack before it: below the minimum is not taken")

        gate = learnt
        gate.minimumSiteConfidence = unsure + 0.05
        gate.continuingSiteConfidence = unsure - 0.05
        let first = gate.judge(flood, verdict: SiteGateTests.verdict("syn_flood"))
        #expect(first.className == "syn_flood", "the packet model names the first window")
        let next = gate.judge(
            SiteGateTests.window(at: 201, packets: 9_000, syn: 1_000), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(next.className == "syn_flood", "the flood goes on")
        #expect(
            next.explanation?.reasons.contains { $0.contains("of the window before goes on") } == true, "\(next.explanation?.reasons ?? [])"
        )

        gate.continuingSiteConfidence = unsure + 0.05
        let later = gate.judge(
            SiteGateTests.window(at: 202, packets: 9_000, syn: 1_000), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(later.className == ClassLabel.unknownAnomaly, "below the continuing bar too: not taken")
    }

    @Test func theSiteModelIsAskedFromALowerBarThanTheGate() throws {
        // A site model that names a flood from z 2.1: what decides below the gate is the bar.
        let gate = try Self.gate(model: try Self.siteModel(attackZ: 2.1))
        #expect(gate.siteModelZ == 2.5)
        let between = try Self.synRate(scoring: 3.3..<3.7, on: gate)
        let below = try Self.synRate(scoring: 2.2..<2.45, on: gate)

        var flagged = gate
        var window = SiteGateTests.window(at: 200, packets: 8_000, syn: between)
        #expect(flagged.judge(&window, verdict: SiteGateTests.verdict(ClassLabel.normal)).className == "syn_flood")
        #expect(window.features[.siteZSyn] > 3 && window.features[.siteZSyn] < 4)
        #expect(flagged.baseline.heldSeconds > 0, "a window the site model names is held out of the baseline")

        var withoutSiteModel = SiteGate<WindowRecord>(baseline: gate.baseline)
        let plain = withoutSiteModel.judge(
            SiteGateTests.window(at: 200, packets: 8_000, syn: between), verdict: SiteGateTests.verdict("syn_flood"))
        #expect(plain.className == ClassLabel.normal, "without a site model the gate's own threshold stands")

        var quiet = gate
        let judged = quiet.judge(
            SiteGateTests.window(at: 200, packets: 8_000, syn: below), verdict: SiteGateTests.verdict("syn_flood"))
        #expect(judged.className == ClassLabel.normal, "below both bars a window is the site's normal")
        #expect(quiet.baseline.heldSeconds == 0, "and it is learnt")
    }

    @Test func aRiseThatLastsIsPutToTheSiteModelFromALowerBarStill() throws {
        // Between z 2 and 2.5 one window is a client's burst; the second in a row is a rise that lasts.
        let gate = try Self.gate(model: try Self.siteModel(attackZ: 2.1))
        #expect(gate.sustainedZ == 2)
        let band = try Self.synRate(scoring: 2.2..<2.45, on: gate)

        var rising = gate
        let first = rising.judge(SiteGateTests.window(at: 200, packets: 8_000, syn: band), verdict: SiteGateTests.verdict("syn_flood"))
        #expect(first.className == ClassLabel.normal, "one window in the band is the site's normal")
        #expect(rising.previousReachedSustainedZ)
        let second = rising.judge(
            SiteGateTests.window(at: 201, packets: 8_000, syn: band), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(second.className == "syn_flood", "the second in a row is named by the site model")
        #expect(rising.baseline.heldSeconds > 0, "and held out of the site's normal")

        var broken = gate
        _ = broken.judge(SiteGateTests.window(at: 200, packets: 8_000, syn: band), verdict: SiteGateTests.verdict(ClassLabel.normal))
        _ = broken.judge(SiteGateTests.window(at: 201, packets: 8_000, syn: 50), verdict: SiteGateTests.verdict(ClassLabel.normal))
        let again = broken.judge(
            SiteGateTests.window(at: 202, packets: 8_000, syn: band), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(again.className == ClassLabel.normal, "a usual window between two bursts breaks the run")
    }

    @Test func aSiteModelNearCertainTwoWindowsRunningNamesARiseBelowTheBars() throws {
        // Between z 1 and 2 a window is named only when the site model is near-certain of the
        // same class in it and in the window before.
        // A tree sure of a SYN flood from z 1 (normal windows score up to 0.5).
        var values: [Float] = []
        for i in 0..<60 {
            let step = Float(i % 10)
            values.append(i % 2 == 0 ? step / 4 - 2 : 1 + step / 2)
        }
        let data = try Dataset(
            values: values, featureNames: [WindowFeature.siteZSyn.name], classNames: [ClassLabel.normal, "syn_flood"],
            labels: (0..<60).map { $0 % 2 })
        let gate = try Self.gate(model: try Self.tree(data))
        #expect(gate.certainZ == 1)
        let band = try Self.synRate(scoring: 1.2..<1.9, on: gate)

        var rising = gate
        var first = SiteGateTests.window(at: 200, packets: 8_000, syn: band)
        #expect(rising.judge(&first, verdict: SiteGateTests.verdict(ClassLabel.normal)).className == ClassLabel.normal)
        let certainty = try #require(gate.classifier).classify(first)
        try #require(certainty.className == "syn_flood" && certainty.confidence >= SiteGate<WindowRecord>.certainSiteConfidence)
        #expect(rising.previousCertain == "syn_flood", "one window the site model is sure of is not enough")
        let second = rising.judge(
            SiteGateTests.window(at: 201, packets: 8_000, syn: band), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(second.className == "syn_flood", "the second in a row is named")
        #expect(second.explanation?.reasons.contains { $0.contains("near-certain of syn_flood for a second window running") } == true)
        #expect(rising.baseline.heldSeconds > 0, "and held out of the site's normal")

        var calm = gate
        let below = try Self.synRate(scoring: 0.3..<0.95, on: gate)
        for second in 200..<203 {
            let judged = calm.judge(
                SiteGateTests.window(at: second, packets: 8_000, syn: below), verdict: SiteGateTests.verdict(ClassLabel.normal))
            #expect(judged.className == ClassLabel.normal, "below z 1 the site's normal, however sure the site model")
        }
    }
}
