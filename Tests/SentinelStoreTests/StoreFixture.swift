import Foundation
import SentinelStore
import SentinelTestSupport

/// A database file in a fresh temporary directory.
struct StoreFixture {
    let directory = TemporaryDirectory(prefix: "sentinel-store")
    var path: String { directory.file("sentinel.db") }

    func open() throws -> SentinelDatabase { try SentinelDatabase(path: path) }

    static func window(start: Double, verdict: String? = "normal", source: String = "eth0") -> StoredWindow {
        StoredWindow(
            start: start, end: start + 1, packets: 100 + Int(start) % 7,
            features: ["packets_per_second": 100, "syn_ratio": 0.25],
            verdict: verdict, confidence: verdict == nil ? nil : 0.9,
            probabilities: verdict == nil ? [:] : [verdict!: 0.9, "other": 0.1], source: source)
    }

    static func entry(_ event: String, webhook: String = "team", created: Double) -> OutboxEntry {
        OutboxEntry(eventID: event, webhook: webhook, payload: Data("{\"id\":\"\(event)\"}".utf8), created: created)
    }
}
