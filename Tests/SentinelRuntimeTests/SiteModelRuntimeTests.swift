import Foundation
import SentinelCore
import SentinelDetection
import SentinelFeatures
import SentinelLearning
import SentinelStore
import SentinelTestSupport
import Testing

@testable import SentinelRuntime

/// `sentinel run` with `baseline:` and the shipped site model: each interface's gate names
/// an unusual window's class with it.
@Suite("The site model in sentinel run")
struct SiteModelRuntimeTests {
    /// One second of a busy web site (`syn` connection attempts a second, each answered) or
    /// of the same site with a SYN flood of `flood` unanswered SYNs a second on top.
    static func window(at second: Int, syn: Double, flood: Double = 0) -> WindowRecord {
        var f = WindowFeatures()
        let packets = syn * 12 + flood
        f[.packetsPerSecond] = packets
        f[.bytesPerSecond] = syn * 12 * 700 + flood * 60
        f[.newFlowsPerSecond] = syn + flood
        f[.synPerSecond] = syn + flood
        f[.synAckPerSecond] = syn
        f[.finPerSecond] = syn
        f[.completedHandshakesPerSecond] = syn
        f[.synToSynAckRatio] = (syn + flood) / syn
        f[.halfOpenConnections] = flood * 3
        f[.openFlows] = syn * 2 + flood * 3
        f[.tcpShare] = 1
        f[.meanPacketSize] = (syn * 12 * 700 + flood * 60) / packets
        f[.emptyPayloadShare] = (syn * 6 + flood) / packets
        f[.distinctSources] = 400 + flood / 2
        f[.distinctDestinations] = 1
        f[.distinctDestinationPorts] = 1
        f[.topSourceShare] = 0.02
        f[.destinationPortsPerSource] = 1 / f[.distinctSources]
        f[.synShare] = (syn + flood) / packets
        f[.newFlowShare] = (syn + flood) / packets
        f[.destinationsPerSource] = 1 / f[.distinctSources]
        f[.activeFlows] = syn * 2 + flood
        f[.topDestinationPortShare] = 1
        f[.maxDestinationsFromOneSource] = 1
        f[.maxPortsFromOneSource] = 1
        f[.distinctIPProtocols] = 1
        return WindowRecord(start: Double(second), end: Double(second + 1), packets: UInt64(packets), features: f, topTalkers: [])
    }

    @Test("each interface's gate carries the site model, which names a SYN flood on a busy site")
    func gateNamesTheFlood() throws {
        let path = SharedData.packageRoot + "/models/site.json"
        let site = try WindowDetector(model: try DetectionModel.load(path: path))
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let configuration = try SentinelConfiguration.parse(
            "sentinel: { host: gw-a, window: 1 }\ncapture: { interfaces: [] }\nbaseline: { warmup: 60 }\n", path: "c.yaml")
        let runtime = try SentinelRuntime(
            configuration: configuration, detector: nil, siteDetector: site, database: try SentinelDatabase(path: dir.file("s.db")),
            webhooks: [], host: "gw-a", modelName: "none")
        var gate = try #require(runtime.startingGate(interface: "eth0"))
        #expect(gate.classifier != nil)
        let normal = WindowVerdict(className: ClassLabel.normal, confidence: 0.9, probabilities: [], explanation: nil)
        for second in 0..<120 {
            let judged = gate.judge(Self.window(at: second, syn: 300 * (1 + 0.1 * sin(Double(second)))), verdict: normal)
            #expect(judged.className == ClassLabel.normal)
        }
        // A flood of 3,000 SYN/s: a fifth of the site's packets, ten times its connection attempts.
        let judged = gate.judge(Self.window(at: 120, syn: 300, flood: 3_000), verdict: normal)
        #expect(judged.className == "syn_flood", "\(judged)")

        let without = try SentinelRuntime(
            configuration: configuration, detector: nil, database: try SentinelDatabase(path: dir.file("t.db")), webhooks: [],
            host: "gw-a", modelName: "none")
        #expect(without.startingGate(interface: "eth0")?.classifier == nil)
    }
}
