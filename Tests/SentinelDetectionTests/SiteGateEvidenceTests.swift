import Foundation
import SentinelCore
import SentinelDetection
import SentinelFeatures
import SentinelLearning
import Testing

/// What the metric that moved can and cannot say: an HTTP flood sends no ICMP and asks for
/// more, a slowloris makes no burst, and a handful of ICMP messages on a quiet host is not
/// worth an alert.
@Suite struct SiteGateEvidenceTests {
    /// A tree that takes a window whose busiest source sends half its requests or more for an
    /// HTTP flood (the lab's heavy NAT client, as a site model that never saw that site reads it).
    static func heavyClientModel() throws -> Detector<WindowRecord> {
        var values: [Float] = []
        var labels: [Int] = []
        for i in 0..<60 {
            let heavy = i % 2 == 1
            values.append(heavy ? 0.6 + Float(i % 5) / 20 : Float(i % 5) / 20)
            labels.append(heavy ? 1 : 0)
        }
        let data = try Dataset(
            values: values, featureNames: [WindowFeature.topSourceRequestShare.name],
            classNames: [ClassLabel.normal, "http_flood"], labels: labels)
        return try SiteModelGateTests.tree(data)
    }

    /// The busy site's window at `second` with `icmp` ICMP packets/s, `requests` requests/s
    /// (where the site learnt none) and the busiest source sending `topRequests` of them.
    static func window(
        at second: Int, packets: Double = 8_000, icmp: Double, requests: Double = 500, topRequests: Double = 0.8
    ) -> WindowRecord {
        var window = SiteGateTests.window(at: second, packets: packets)
        window.features[.icmpShare] = icmp / packets
        window.features[.requestsPerSecond] = requests
        window.features[.topSourceRequestShare] = topRequests
        return window
    }

    @Test func aWindowUnusualOnlyByICMPIsNotAnHTTPFloodWhateverItsClientsLookLike() throws {
        let learnt = try SiteModelGateTests.gate(model: try Self.heavyClientModel())

        // 40 ICMP packets where the site's normal is none: unusual, but not by anything an
        // HTTP flood raises, so the site model's class is not taken.
        var gate = learnt
        let pings = gate.judge(Self.window(at: 200, icmp: 40), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(pings.className == ClassLabel.unknownAnomaly)
        let reasons = pings.explanation?.reasons ?? []
        let why = "only icmp_packets_per_s moved"
        #expect(reasons.contains { $0.contains("http_flood") && $0.contains(why) }, "\(reasons)")

        // The same clients with five times the site's packets: that an HTTP flood does raise.
        gate = learnt
        let flood = gate.judge(
            Self.window(at: 200, packets: 40_000, icmp: 40), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(flood.className == "http_flood")
    }

    @Test func aHeavyClientAtTheSitesUsualRequestRateIsNotAnHTTPFlood() throws {
        // Five times the site's packets, but no more requests than its normal: an HTTP flood
        // asks for more, so the site model's class is not taken.
        var gate = try SiteModelGateTests.gate(model: try Self.heavyClientModel())
        let judged = gate.judge(
            Self.window(at: 200, packets: 40_000, icmp: 0, requests: 0), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(judged.className == ClassLabel.unknownAnomaly)
        let reasons = judged.explanation?.reasons ?? []
        let why =
            "is not taken: none of tcp_requests_per_s, trailing_requests_per_s, trailing_top_requester_requests_per_s"
            + " is above this site's normal"
        #expect(reasons.contains { $0.contains("http_flood") && $0.contains(why) }, "\(reasons)")
    }

    @Test func aHandfulOfICMPMessagesNothingNamesStaysNormalAndSaysWhy() throws {
        var gate = SiteGateTests.learntGate()
        let few = gate.judge(Self.window(at: 200, icmp: 8), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(few.className == ClassLabel.normal)
        let reasons = few.explanation?.reasons ?? []
        #expect(reasons.first?.contains("but only 8 icmp_packets_per_s above its normal") == true, "\(reasons)")
        #expect(gate.raised == 0)
        #expect(gate.baseline.heldSeconds > 0, "still held out of the site's normal")

        // Twelve above the normal is more than a host's pings: reported.
        gate = SiteGateTests.learntGate()
        let more = gate.judge(Self.window(at: 200, icmp: 12), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(more.className == ClassLabel.unknownAnomaly)

        // A model that names the window still names it.
        gate = SiteGateTests.learntGate()
        let named = gate.judge(Self.window(at: 200, icmp: 8), verdict: SiteGateTests.verdict("icmp_flood"))
        #expect(named.className == "icmp_flood")
    }

    /// A tree that takes a window with most of its connections idle for a slowloris, but not
    /// surely: of the windows it learnt like that, 18 in 20 were a slowloris and 2 normal.
    static func idleConnectionsModel() throws -> Detector<WindowRecord> {
        var values: [Float] = []
        var labels: [Int] = []
        for i in 0..<80 {
            let idle = i % 2 == 1
            values.append(idle ? 0.7 : 0)
            let k = i / 2 % 20
            labels.append(idle ? (k < 18 ? 1 : 0) : 0)
        }
        let data = try Dataset(
            values: values, featureNames: [WindowFeature.idleOpenShare.name],
            classNames: [ClassLabel.normal, "slowloris", "http_flood"], labels: labels)
        return try SiteModelGateTests.tree(data)
    }

    @Test func oneClientsBurstWithAnIdleStreamIsNotASlowloris() throws {
        let learnt = try SiteModelGateTests.gate(model: try Self.idleConnectionsModel())

        // Five times the site's packets with one request stalled, as a DNS-over-HTTPS client's
        // burst whose other streams stay open: the site model's slowloris is struck out, and the
        // rest of its belief is normal traffic.
        var gate = learnt
        var burst = SiteGateTests.window(at: 200, packets: 40_000)
        burst.features[.idleOpenShare] = 0.7
        let judged = gate.judge(burst, verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(judged.className == ClassLabel.normal)
        let reasons = judged.explanation?.reasons ?? []
        #expect(reasons.contains { $0.contains("slowloris") && $0.contains("not taken") }, "\(reasons)")
        let shape = "without slowloris, the rest of the site model's belief finds it shaped like normal traffic"
        #expect(reasons.first?.contains(shape) == true, "\(reasons)")
        #expect(judged.confidence > 0.6, "as sure as the rest of the site model's belief")

        // The same window holding 50 requests unanswered where the site holds none: a slowloris.
        gate = learnt
        var held = SiteGateTests.window(at: 200, packets: 8_000, unanswered: 50)
        held.features[.idleOpenShare] = 0.7
        #expect(gate.judge(held, verdict: SiteGateTests.verdict(ClassLabel.normal)).className == "slowloris")
    }

    @Test func thousandsOfSYNsNoHandshakeCompletesAreNeverNormalByShape() throws {
        // The site model finds both windows shaped like the site's traffic (no idle connections).
        let learnt = try SiteModelGateTests.gate(model: try Self.idleConnectionsModel())

        // Five times the packets: more of the site's own kind of traffic.
        var gate = learnt
        let crowd = gate.judge(SiteGateTests.window(at: 200, packets: 40_000), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(crowd.className == ClassLabel.normal)

        // 3,000 SYNs a second that no handshake completes: no crowd does that.
        gate = learnt
        var flood = SiteGateTests.window(at: 200, packets: 11_000)
        flood.features[.synPerSecond] = 3_050
        flood.features[.newFlowsPerSecond] = 3_050
        let judged = gate.judge(flood, verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(judged.className == ClassLabel.unknownAnomaly, "\(judged)")
    }
}
