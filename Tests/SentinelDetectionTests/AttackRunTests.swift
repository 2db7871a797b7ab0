import SentinelCapture
import SentinelDetection
import SentinelFeatures
import SentinelLearning
import Testing

@Suite("Attack runs and window verdicts")
struct AttackRunTests {
    static func window(_ start: Double, packets: UInt64, talkers: [(String, UInt64)] = []) -> WindowRecord {
        WindowRecord(
            start: start, end: start + 1, packets: packets, features: WindowFeatures(),
            topTalkers: talkers.map { Talker(address: IPAddress($0.0)!, packets: $0.1, bytes: $0.1 * 60, syns: $0.1) })
    }

    static func verdict(_ name: String, _ confidence: Double = 0.9) -> WindowVerdict {
        WindowVerdict(
            className: name, confidence: confidence, probabilities: [confidence, 1 - confidence],
            explanation: Explanation(method: .decisionPath, reasons: ["because \(name) \(confidence)"]))
    }

    @Test("consecutive attack windows form one run across a single stray window; offenders are summed")
    func grouping() {
        let windows = (0..<8).map { Self.window(Double($0), packets: 100, talkers: [("10.0.0.1", 60), ("10.0.0.\($0 + 2)", 10)]) }
        let names = ["normal", "syn_flood", "syn_flood", "normal", "syn_flood", "normal", "normal", "udp_flood"]
        let verdicts = names.enumerated().map { Self.verdict($1, $0 == 2 ? 0.99 : 0.8) }
        let runs = AttackRun.runs(windows: windows, verdicts: verdicts)
        #expect(runs.count == 2)
        #expect(runs[0].className == "syn_flood")
        #expect(runs[0].start == 1 && runs[0].end == 5)
        #expect(runs[0].windows == 3)
        #expect(runs[0].packets == 300)
        #expect(runs[0].offenders.first?.address.description == "10.0.0.1")
        #expect(runs[0].offenders.first?.packets == 180)
        #expect(runs[0].reasons == ["because syn_flood 0.99"])  // the most confident window explains
        #expect(runs[1].className == "udp_flood" && runs[1].windows == 1)
        #expect(AttackRun.runs(windows: windows, verdicts: windows.map { _ in Self.verdict("normal") }).isEmpty)
    }
}
