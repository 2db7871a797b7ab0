import Foundation
import SentinelCore
import SentinelDetection
import SentinelFeatures
import Testing

/// The last ten windows' requesters move the gate: bots that each ask a little are no more
/// than visitors in any one second, but over ten they are many more requesters than the site has.
@Suite struct SiteGateTrailingTests {
    /// The busy site's window with `requesters` distinct requesters over the last ten windows and
    /// the busiest of them asking `busiest` times a second.
    static func window(at second: Int, requesters: Double, busiest: Double = 2) -> WindowRecord {
        var window = SiteGateTests.window(at: second, packets: 8_000)
        window.features[.trailingRequesters] = requesters
        window.features[.trailingTopRequesterRate] = busiest
        return window
    }

    @Test func manyBotsEachAskingALittleAreUnusualOverTenWindows() {
        var gate = SiteGateTests.learntGate()
        // The learnt gate never saw the trailing requesters: they join late and are learnt first.
        for second in 200..<540 {
            let noise = 1 + 0.1 * sin(Double(second))
            _ = gate.judge(Self.window(at: second, requesters: 300 * noise), verdict: SiteGateTests.verdict(ClassLabel.normal))
        }
        let learnt = gate
        var usual = learnt
        let visitors = usual.judge(Self.window(at: 540, requesters: 320), verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(visitors.className == ClassLabel.normal)

        var window = Self.window(at: 540, requesters: 900)
        let bots = gate.judge(&window, verdict: SiteGateTests.verdict(ClassLabel.normal))
        #expect(bots.className == ClassLabel.unknownAnomaly)
        #expect(bots.explanation?.reasons.first?.contains("trailing_requesters is 3.0× this site's normal") == true)
        #expect(window.features[.siteZTrailingRequesters] > 4, "the site model reads the score")

        // One client asking 4 more times a second than the busiest usually does: below the
        // minimum excess of 5, not unusual by itself; 20 more is.
        var one = learnt
        let few = one.judge(Self.window(at: 540, requesters: 300, busiest: 6), verdict: SiteGateTests.verdict("normal"))
        #expect(few.className == "normal")
        one = learnt
        let busy = one.judge(Self.window(at: 540, requesters: 300, busiest: 22), verdict: SiteGateTests.verdict("normal"))
        #expect(busy.explanation?.reasons.first?.contains("trailing_top_requester_requests_per_s") == true)
    }
}
