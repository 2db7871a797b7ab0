import SentinelLearning
import Testing

@testable import SentinelDetection

/// Incidents counted as `sentinel run` would open them on benign traffic.
@Suite struct FalseIncidentsTests {
    @Test func streaksOfOneClassOpenIncidentsOnceUntilResolved() {
        let n = "normal", s = "syn_flood", u = "udp_flood"
        // Two flagged windows never open one; three do, once, however long it lasts.
        #expect(FalseIncidents.opened([s, s, n, s, s, n], openAfter: 3, resolveAfter: 5) == 0)
        #expect(FalseIncidents.opened([s, s, s, s, s, s], openAfter: 3, resolveAfter: 5) == 1)
        // A short gap does not resolve it; five quiet windows do, and the next streak opens another.
        #expect(FalseIncidents.opened([s, s, s, n, n, s, s, s], openAfter: 3, resolveAfter: 5) == 1)
        #expect(FalseIncidents.opened([s, s, s, n, n, n, n, n, s, s, s], openAfter: 3, resolveAfter: 5) == 2)
        // Classes are tracked apart; alternating classes never build a streak.
        #expect(FalseIncidents.opened([s, u, s, u, s, u], openAfter: 3, resolveAfter: 5) == 0)
        #expect(FalseIncidents.opened([s, s, s, u, u, u], openAfter: 3, resolveAfter: 5) == 2)
        #expect(FalseIncidents.opened([s], openAfter: 1, resolveAfter: 1) == 1)
    }

    @Test func unknownAnomalyIsCountedApartFromAttacks() throws {
        let dataset = try Dataset(
            values: [Float](repeating: 1, count: 8), featureNames: ["x"], classNames: ["normal"], labels: [Int](repeating: 0, count: 8))
        let data = TrainingData(
            dataset: dataset, fileOfRow: [Int](repeating: 0, count: 8), files: ["bg.pcap"], csvSchema: nil, notes: [],
            source: .captures(["."]))
        let u = "unknown_anomaly", n = "normal", s = "syn_flood"
        let counted = FalseIncidents(data, predicted: [u, u, u, u, n, s, n, n], windowSeconds: 1)
        #expect(counted.flagged == 1 && counted.incidents == 0)
        #expect(counted.unusual == 4 && counted.unusualIncidents == 1)
    }
}
