import Foundation
import SentinelDetection
import SentinelFeatures
import SentinelLearning
import SentinelTestSupport
import Testing

/// The shipped model and the plan that makes it: quality on the bundled captures, detection
/// delay on the mixed capture, and generalisation to real captures from other networks.
@Suite("The shipped default model")
struct DefaultModelTests {
    static let root = SharedData.packageRoot
    static let modelPath = root + "/models/default.json"
    static let attackClasses = ["syn_flood", "udp_flood", "icmp_flood", "http_flood", "slowloris", "port_scan"]

    /// The feature list the script trains with.
    static func features() throws -> [String] {
        try String(contentsOfFile: root + "/models/default-features.txt", encoding: .utf8)
            .split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == " " }).map(String.init)
    }

    /// The plan of `scripts/train-default-model.sh` (its command-line defaults).
    static func plan(from model: DetectionModel) -> TrainingPlan {
        var plan = TrainingPlan()
        plan.minimumAttackConfidence = model.minimumAttackConfidence
        return plan
    }

    @Test("it loads, knows every class the issue names, and reads only window features")
    func loads() throws {
        let model = try DetectionModel.load(path: Self.modelPath)
        #expect(model.kind == .ensemble)
        for name in ["normal"] + Self.attackClasses { #expect(model.classNames.contains(name), "no class \(name)") }
        #expect(Set(model.featureNames).isSubset(of: WindowFeatures.names))
        #expect(model.featureNames == (try Self.features()))
        #expect(model.metadata.heldOutMetrics != nil)
        _ = try WindowDetector(model: model)
    }

    @Test("on the mixed capture the flood is flagged within 2 windows of its start; normal windows stay normal")
    func mixedCapture() throws {
        let detector = try WindowDetector(model: try DetectionModel.load(path: Self.modelPath))
        let labels = try CaptureLabels(directory: Self.root + "/captures")
        let range = try #require(labels.entries.first { $0.file == "mixed.pcap" }?.range)
        let result = try OfflineAnalysis.run(paths: [Self.root + "/captures/mixed.pcap"], options: AnalysisOptions())
        let verdicts = result.windows.map { detector.classify($0, explain: false) }
        let attackStart = try #require(result.windows.firstIndex { ($0.start + $0.end) / 2 >= range.lowerBound })
        let firstFlagged = try #require(verdicts.indices.first { $0 >= attackStart && verdicts[$0].className == "syn_flood" })
        #expect(firstFlagged - attackStart <= 2, "flagged \(firstFlagged - attackStart) windows after the start")
        let inAttack = result.windows.indices.filter { range.contains((result.windows[$0].start + result.windows[$0].end) / 2) }
        let flagged = inAttack.filter { verdicts[$0].className == "syn_flood" }.count
        #expect(Double(flagged) >= 0.9 * Double(inAttack.count), "\(flagged) of \(inAttack.count) attack windows flagged")
        let normal = result.windows.indices.filter { !range.contains((result.windows[$0].start + result.windows[$0].end) / 2) }
        let falseAlarms = normal.filter { verdicts[$0].isAttack }
        let rate = Double(falseAlarms.count) / Double(max(1, normal.count))
        print(
            "mixed.pcap: attack flagged \(firstFlagged - attackStart) window(s) after its start, \(flagged)/\(inAttack.count) attack windows; false-positive rate \(falseAlarms.count)/\(normal.count) = \(rate)"
        )
        #expect(rate <= 0.05, "false alarms at windows \(falseAlarms)")
    }

    @Test("the default plan on the bundled captures: held-out macro F1 ≥ 0.95, every attack recall ≥ 0.9")
    func heldOutQuality() throws {
        let model = try DetectionModel.load(path: Self.modelPath)
        let data = try TrainingData.load(.captures([Self.root + "/captures", Self.root + "/captures/extra"]))
            .selecting(features: try Self.features())
        var options = TrainingRun.Options()
        options.plan = Self.plan(from: model)
        let result = try TrainingRun.run(data, options: options)
        let metrics = result.heldOut
        print("bundled captures, held-out \(result.testRows) windows: macro F1 \(metrics.macroF1), accuracy \(metrics.accuracy)")
        #expect(metrics.macroF1 >= 0.95, "\(metrics)")
        for name in Self.attackClasses {
            let recall = try #require(metrics.classes.first { $0.name == name }).recall
            #expect(recall >= 0.9, "\(name) recall \(recall)\n\(metrics)")
        }
    }

    /// Real attack captures the plan does not yet classify right when they are held out,
    /// and why (README.md, "Detection"). The test fails if any other file joins them.
    static let knownMisses: [String: String] = [
        "floods/icmp_blacknurse.pcap": "one window at 10k pkt/s; our BlackNurse capture runs at 900 pkt/s (called port_scan)",
        "floods/slowloris.pcap": "only two slow connections: 6 of 16 windows flagged",
        "scans/hs-sh-IPscan.pcapng": "one window of an IP protocol scan (called icmp_flood)",
        "scans/hs-udpScan.pcap": "10 hosts/s UDP sweep: 10 of 52 windows flagged, the rest look like quiet DNS",
        "scans/portScan_1_to_10000.pcapng": "1,400 SYN/s port scan: every window flagged, 5 of 7 as syn_flood",
    ]

    @Test(
        "leave one real capture out: floods and scans flagged as their class, benign files ≤ 1 % attack windows",
        .enabled(if: SharedData.isAvailable, "needs ../shared/captures-real"))
    func leaveOneRealFileOut() throws {
        let model = try DetectionModel.load(path: Self.modelPath)
        let data = try TrainingData.load(
            .captures([
                Self.root + "/captures", Self.root + "/captures/extra",
                SharedData.path + "/captures-real",
            ])
        )
        .selecting(features: try Self.features())
        let (files, metrics) = try Validation.leaveOneFileOut(data, plan: Self.plan(from: model), only: ["captures-real"])
        print("leave-one-real-file-out over \(files.count) files: macro F1 \(metrics.macroF1)")
        #expect(files.count >= 25)
        for file in files {
            let share = Double(file.correct) / Double(file.windows)
            print("  \(file.file): \(file.mainClass), \(file.windows) windows, \(Int(share * 100)) % right, \(file.predicted)")
            if file.mainClass == "normal" {
                #expect(file.attackShare <= 0.01, "\(file.file): \(file.predicted)")
            } else if let known = Self.knownMisses.first(where: { file.file.hasSuffix($0.key) }) {
                print("    known miss: \(known.value)")
            } else {
                #expect(share > 0.5, "\(file.file) (\(file.mainClass)): \(file.predicted)")
            }
        }
    }
}
