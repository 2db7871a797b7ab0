import Foundation
import SentinelCore
import SentinelDetection
import SentinelFeatures
import Testing

/// The site gate on access-log windows: latency and errors are judged against the log's own
/// normal, so an always-slow site is not degraded and a fast one whose p95 doubles is.
@Suite struct LogSiteGateTests {
    /// A log window: `rate` requests/s with the given p50/p95 latency (ms) and 5xx share.
    static func window(at second: Int, rate: Double, p50: Double, p95: Double, errors: Double = 0.001) -> LogWindowRecord {
        var values = [Double](repeating: 0, count: LogWindowFeature.allCases.count)
        values[LogWindowFeature.requestsPerSecond.rawValue] = rate
        values[LogWindowFeature.latencyP50.rawValue] = p50
        values[LogWindowFeature.latencyP95.rawValue] = p95
        values[LogWindowFeature.status5xxShare.rawValue] = errors
        values[LogWindowFeature.topClientShare.rawValue] = 0.05
        values[LogWindowFeature.distinctClients.rawValue] = 40
        return LogWindowRecord(
            start: Double(second), end: Double(second + 1), requests: Int(rate), values: values, topClients: [])
    }

    static func verdict(_ name: String) -> WindowVerdict {
        WindowVerdict(className: name, confidence: 0.9, probabilities: [], explanation: nil)
    }

    /// A gate that has learnt 200 windows of a site with p50/p95 around the given values (±10 %).
    static func learnt(p50: Double, p95: Double) -> SiteGate<LogWindowRecord> {
        var configuration = SiteBaseline.Configuration()
        configuration.warmupWindows = 100
        var gate = SiteGate<LogWindowRecord>(baseline: SiteBaseline(configuration: configuration))
        for second in 0..<200 {
            let noise = 1 + 0.1 * sin(Double(second))
            _ = gate.judge(
                window(at: second, rate: 300 * noise, p50: p50 * noise, p95: p95 * noise), verdict: verdict(ClassLabel.normal))
        }
        return gate
    }

    @Test func aSiteThatIsAlwaysSlowIsNotDegraded() {
        var gate = Self.learnt(p50: 900, p95: 2_500)
        let judged = gate.judge(Self.window(at: 200, rate: 310, p50: 950, p95: 2_600), verdict: Self.verdict("latency_degradation"))
        #expect(judged.className == ClassLabel.normal)
        #expect(judged.explanation?.reasons.first?.contains("shaped like latency_degradation") == true)
    }

    @Test func aFastSiteWhoseP95DoublesIsDegradedEvenWhenTheModelSaysNormal() {
        var gate = Self.learnt(p50: 20, p95: 60)
        let judged = gate.judge(Self.window(at: 200, rate: 300, p50: 24, p95: 130), verdict: Self.verdict(ClassLabel.normal))
        #expect(judged.className == "latency_degradation")
        #expect(judged.explanation?.reasons.first?.contains("latency_p95_ms is") == true)
    }

    @Test func serverErrorsAboveTheLogsNormalAreAnErrorSpike() {
        var gate = Self.learnt(p50: 20, p95: 60)
        let judged = gate.judge(
            Self.window(at: 200, rate: 300, p50: 20, p95: 60, errors: 0.2), verdict: Self.verdict(ClassLabel.normal))
        #expect(judged.className == "error_spike")
    }

    @Test func moreRequestsAloneIsNoDegradation() {
        var gate = Self.learnt(p50: 20, p95: 60)
        let judged = gate.judge(Self.window(at: 200, rate: 3_000, p50: 20, p95: 60), verdict: Self.verdict(ClassLabel.normal))
        #expect(judged.className == ClassLabel.unknownAnomaly)
    }
}
