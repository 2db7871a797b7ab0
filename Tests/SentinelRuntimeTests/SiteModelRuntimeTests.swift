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

    /// The windows of a lab capture (`captures/lab/data/syn-flood-on-bg_r300-windows.csv`): the
    /// 300 requests/s site `bg_r300` (about 4,700 packets/s and 370 requests/s, some 130 clients
    /// a second), then a SYN flood from many spoofed sources on top (about 8,000 SYN/s from
    /// 2,900 sources a second, three-quarters of its packets). Each row's label and its windows
    /// as `sentinel analyze --windows-out` wrote them.
    static func labWindows() throws -> [(label: String, window: WindowRecord)] {
        let path = SharedData.packageRoot + "/captures/lab/data/syn-flood-on-bg_r300-windows.csv"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let value = Dictionary(zip(header, cells), uniquingKeysWith: { first, _ in first })
            var features = WindowFeatures()
            for feature in WindowFeature.allCases { features[feature] = Double(value[feature.name] ?? "") ?? 0 }
            let start = Double(value["start"] ?? "") ?? 0
            let window = WindowRecord(
                start: start, end: start + 1, packets: UInt64(features[.packetsPerSecond]), features: features, topTalkers: [])
            return (value["label"] ?? "", window)
        }
    }

    /// A runtime with the shipped site model and `baseline:` as given, its store in `dir`.
    static func runtime(baseline: String, in dir: TemporaryDirectory) throws -> SentinelRuntime {
        let site = try WindowDetector(model: try DetectionModel.load(path: SharedData.packageRoot + "/models/site.json"))
        let configuration = try SentinelConfiguration.parse(
            "sentinel: { host: gw-a, window: 1 }\ncapture: { interfaces: [] }\nbaseline: \(baseline)\n", path: "c.yaml")
        return try SentinelRuntime(
            configuration: configuration, detector: nil, siteDetector: site, database: try SentinelDatabase(path: dir.file("s.db")),
            webhooks: [], host: "gw-a", modelName: "none")
    }

    @Test("each interface's gate carries the site model, which names a lab SYN flood on a busy site it knows")
    func gateNamesTheFlood() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let baseline = SharedData.packageRoot + "/captures/lab/data/site-baselines/bg_r300.json"
        let runtime = try Self.runtime(baseline: "{ file: \"\(baseline)\" }", in: dir)
        var gate = try #require(runtime.startingGate(interface: "eth0"))
        #expect(gate.classifier != nil)
        #expect(gate.baseline.isWarm)
        let normal = WindowVerdict(className: ClassLabel.normal, confidence: 0.9, probabilities: [], explanation: nil)
        var verdicts: [String: [String]] = [:]
        for (label, window) in try Self.labWindows() {
            verdicts[label, default: []].append(gate.judge(window, verdict: normal).className)
        }
        // The site's own traffic stays normal; the flood is named by the site model, where the
        // packet model (here: `normal` for every window) saw nothing.
        let benign = verdicts[ClassLabel.normal] ?? []
        let flood = verdicts["syn_flood"] ?? []
        #expect(benign.count > 40 && flood.count > 40)
        #expect(benign.filter { $0 != ClassLabel.normal }.count <= 1, "\(benign)")
        #expect(flood.filter { $0 == "syn_flood" }.count >= flood.count * 9 / 10, "\(flood)")

        let without = try SentinelRuntime(
            configuration: runtime.configuration, detector: nil, database: try SentinelDatabase(path: dir.file("t.db")), webhooks: [],
            host: "gw-a", modelName: "none")
        #expect(without.startingGate(interface: "eth0")?.classifier == nil)
    }

    @Test("baseline.model_confidence: a class the site model names below it is unknown_anomaly, never enforced")
    func modelConfidenceFromTheConfiguration() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let baseline = SharedData.packageRoot + "/captures/lab/data/site-baselines/bg_r300.json"
        let shipped = try #require(try Self.runtime(baseline: "{ file: \"\(baseline)\" }", in: dir).startingGate(interface: "eth0"))
        #expect(shipped.minimumSiteConfidence == SiteGate<WindowRecord>.defaultMinimumSiteConfidence)
        let normal = WindowVerdict(className: ClassLabel.normal, confidence: 0.9, probabilities: [], explanation: nil)
        // The bar: the median confidence the shipped gate names the flood's windows with, so
        // that some are named above it and some below.
        var probe = shipped
        let named = try Self.labWindows().map { (label: $0.label, verdict: probe.judge($0.window, verdict: normal)) }
            .filter { $0.label == "syn_flood" && $0.verdict.className == "syn_flood" }.map(\.verdict.confidence).sorted()
        try #require(named.count > 10 && named[0] < named[named.count - 1], "\(named)")
        let bar = String(format: "%.6f", named[named.count / 2])
        let runtime = try Self.runtime(baseline: "{ file: \"\(baseline)\", model_confidence: \(bar) }", in: dir)
        var gate = try #require(runtime.startingGate(interface: "eth0"))
        #expect(gate.minimumSiteConfidence == Double(bar))
        #expect(gate.continuingSiteConfidence == Double(bar), "one bar the operator chose is not lowered for an attack under way")
        #expect(shipped.continuingSiteConfidence == SiteGate<WindowRecord>.defaultContinuingSiteConfidence)
        let both = try Self.runtime(
            baseline: "{ file: \"\(baseline)\", model_confidence: 0.9, model_confidence_continuing: 0.5 }", in: dir)
        #expect(try #require(both.startingGate(interface: "eth0")).continuingSiteConfidence == 0.5)
        #expect(gate.normalShapeConfidence == SiteGate<WindowRecord>.defaultNormalShapeConfidence)
        let shape = try Self.runtime(baseline: "{ file: \"\(baseline)\", model_confidence_normal: 0.75 }", in: dir)
        #expect(try #require(shape.startingGate(interface: "eth0")).normalShapeConfidence == 0.75)
        // The capture in order (its first seconds settle: windows seen before the flood).
        let judged = try Self.labWindows().map { (label: $0.label, verdict: gate.judge($0.window, verdict: normal)) }
            .filter { $0.label == "syn_flood" }.map(\.verdict)
        #expect(judged.allSatisfy { $0.className != "syn_flood" || $0.confidence >= gate.minimumSiteConfidence })
        #expect(judged.contains { $0.className == ClassLabel.unknownAnomaly }, "\(judged.map(\.className))")
    }

    @Test("a flood no class fits, from thousands of sources that the server no longer answers, is still reported")
    func unansweredFloodIsReported() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let runtime = try Self.runtime(baseline: "{ warmup: 60 }", in: dir)
        var gate = try #require(runtime.startingGate(interface: "eth0"))
        let normal = WindowVerdict(className: ClassLabel.normal, confidence: 0.9, probabilities: [], explanation: nil)
        for second in 0..<120 {
            let judged = gate.judge(Self.window(at: second, syn: 300 * (1 + 0.1 * sin(Double(second)))), verdict: normal)
            #expect(judged.className == ClassLabel.normal)
        }
        // 3,000 SYN/s that are never answered: a fifth of the site's packets, ten times its
        // connection attempts. The lab has no flood of this shape (its server answered every
        // SYN), so the class is not certain; the window must not pass as normal.
        let judged = gate.judge(Self.window(at: 120, syn: 300, flood: 3_000), verdict: normal)
        #expect(judged.className != ClassLabel.normal, "\(judged)")
    }
}
