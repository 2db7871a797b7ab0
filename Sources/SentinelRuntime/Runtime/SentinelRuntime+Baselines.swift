import Foundation
import SentinelDetection
import SentinelFeatures
import SentinelStore

extension SentinelRuntime {
    /// How often the live baselines are saved to the store, seconds.
    static let baselineSaveInterval = 60.0

    /// The store's name for an interface's baseline.
    static func baselineSource(interface: String) -> String { "packets:\(interface)" }

    /// The gate an interface starts with: the baseline this sensor saved for it before a
    /// restart when the store holds one, else ``siteBaseline`` (the configured file, or an
    /// empty baseline that warms up). A stored baseline that cannot be used is a warning.
    func startingGate(interface: String) -> SiteGate<WindowRecord>? {
        guard var start = siteBaseline else { return nil }
        let source = Self.baselineSource(interface: interface)
        do {
            if let stored = try database.baseline(sensor: host, source: source) {
                let file = try SiteBaselineFile.decode(Data(stored.body.utf8), origin: "the store's baseline for \(source)")
                if file.kind == "packets" {
                    let unusualZ = start.configuration.unusualZ
                    start = file.baseline
                    start.configuration.unusualZ = unusualZ
                    summary.baselinesRestored += 1
                }
            }
        } catch {
            if summary.warnings.count < 100 { summary.warnings.append("\(error); learning \(source) again") }
        }
        return SiteGate(baseline: start)
    }

    /// Saves every interface's live baseline, so that a restart resumes with the site's
    /// normal (through ``record(_:)``: an unreachable store keeps the write for later).
    func saveBaselines(now: Double) {
        for (interface, gate) in gates.sorted(by: { $0.key < $1.key }) {
            let file = SiteBaselineFile(
                kind: "packets", windowSeconds: configuration.sentinel.window, sources: [interface], baseline: gate.baseline)
            guard let data = try? file.encoded(), let body = String(data: data, encoding: .utf8) else { continue }
            let stored = StoredBaseline(sensor: host, source: Self.baselineSource(interface: interface), body: body, updated: now)
            record { [self] in try database.saveBaseline(stored) }
        }
    }
}
