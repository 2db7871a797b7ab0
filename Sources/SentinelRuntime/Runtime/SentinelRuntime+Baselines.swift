import Foundation
import SentinelDetection
import SentinelFeatures
import SentinelStore

extension SentinelRuntime {
    /// How often the live baselines are saved to the store, seconds.
    static let baselineSaveInterval = 60.0

    /// The store's name for an interface's baseline.
    static func baselineSource(interface: String) -> String { "packets:\(interface)" }
    /// The store's name for an access log's baseline.
    static func baselineSource(log path: String) -> String { "logs:\(path)" }

    /// The gate an interface starts with: the baseline this sensor saved for it before a
    /// restart when the store holds one, else ``siteBaseline`` (the configured file, or an
    /// empty baseline that warms up). A stored baseline that cannot be used is a warning.
    func startingGate(interface: String) -> SiteGate<WindowRecord>? {
        startingGate(source: Self.baselineSource(interface: interface))
    }

    /// The gate of `source` (`packets:…` or `logs:…`): the stored baseline of that kind, else
    /// the configured start (a `baseline.file` holds packet windows, so logs start empty).
    func startingGate<Window: SiteMetricWindow>(source: String) -> SiteGate<Window>? {
        guard let configured = siteBaseline else { return nil }
        let kind = source.hasPrefix("logs:") ? "logs" : "packets"
        var start = configured
        if kind == "logs" {
            start = SiteBaseline()
            start.configuration.warmupWindows = configuration.baseline.warmup
            start.configuration.unusualZ = configuration.baseline.unusualZ
            start.configuration.adoptSeconds = configuration.baseline.adoptSeconds
        }
        do {
            if let stored = try database.baseline(sensor: host, source: source) {
                let file = try SiteBaselineFile.decode(Data(stored.body.utf8), path: "the store's baseline for \(source)")
                if file.kind == kind {
                    let (unusualZ, adoptSeconds) = (start.configuration.unusualZ, start.configuration.adoptSeconds)
                    start = file.baseline
                    start.configuration.unusualZ = unusualZ
                    start.configuration.adoptSeconds = adoptSeconds
                    summary.baselinesRestored += 1
                    logger.notice("site baseline resumed from the store", metadata: ["source": "\(source)"])
                }
            }
        } catch {
            if summary.warnings.count < 100 { summary.warnings.append("\(error); learning \(source) again") }
        }
        return SiteGate(
            baseline: start, classifier: kind == "packets" ? siteDetector as? Detector<Window> : nil,
            minimumSiteConfidence: configuration.baseline.modelConfidence,
            continuingSiteConfidence: configuration.baseline.modelConfidenceContinuing,
            normalShapeConfidence: configuration.baseline.modelConfidenceNormal)
    }

    /// Saves every interface's live baseline, so that a restart resumes with the site's
    /// normal (through ``record(_:)``: an unreachable store keeps the write for later).
    func saveBaselines(now: Double) {
        for (interface, gate) in gates.sorted(by: { $0.key < $1.key }) {
            saveBaseline(gate.baseline, kind: "packets", name: interface, source: Self.baselineSource(interface: interface), now: now)
        }
        for (path, gate) in logGates.sorted(by: { $0.key < $1.key }) {
            saveBaseline(gate.baseline, kind: "logs", name: path, source: Self.baselineSource(log: path), now: now)
        }
    }

    private func saveBaseline(_ baseline: SiteBaseline, kind: String, name: String, source: String, now: Double) {
        let file = SiteBaselineFile(kind: kind, windowSeconds: configuration.sentinel.window, sources: [name], baseline: baseline)
        guard let data = try? file.encoded(), let body = String(data: data, encoding: .utf8) else { return }
        let stored = StoredBaseline(sensor: host, source: source, body: body, updated: now)
        record { [self] in try database.saveBaseline(stored) }
    }
}
