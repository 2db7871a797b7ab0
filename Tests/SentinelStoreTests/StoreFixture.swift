import Foundation
import SentinelStore
import SentinelTestSupport

/// A database file in a fresh temporary directory.
struct StoreFixture {
    let directory = TemporaryDirectory(prefix: "sentinel-store")
    var path: String { directory.file("sentinel.db") }

    func open() throws -> SentinelDatabase { try SentinelDatabase(path: path) }

    /// Runs `body` with a fresh fixture, its directory removed afterwards whether `body`
    /// returns or throws.
    @discardableResult
    static func with<T>(_ body: (StoreFixture) throws -> T) rethrows -> T {
        let fixture = StoreFixture()
        defer { fixture.directory.remove() }
        return try body(fixture)
    }

    /// Runs `body` on a database in a fresh fixture (see ``with(_:)``).
    @discardableResult
    static func withDatabase<T>(_ body: (SentinelDatabase) throws -> T) throws -> T {
        try with { fixture in try body(try fixture.open()) }
    }

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
