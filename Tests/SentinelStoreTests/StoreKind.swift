import Foundation
import SentinelStore
import SentinelTestSupport

/// A backend the contract runs against, each on a fresh, empty store: SQLite in a temporary
/// file, PostgreSQL in a new database of the test process's private cluster.
enum StoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgres

    /// The backends this machine can run: PostgreSQL only when its binaries are installed
    /// (``PostgresCluster/skipReason`` says so otherwise, in ``PostgresStoreTests``).
    static var available: [StoreKind] { PostgresCluster.binaries == nil ? [.sqlite] : [.sqlite, .postgres] }

    var description: String { rawValue }

    /// Runs `body` with a fresh store, cleaned up afterwards whether `body` returns or throws.
    @discardableResult
    func withFresh<T>(_ body: (FreshStore) throws -> T) throws -> T {
        let fresh = try fresh()
        defer { fresh.cleanup() }
        return try body(fresh)
    }

    /// ``withFresh(_:)`` for an `async` body.
    @discardableResult
    func withFresh<T>(isolation: isolated (any Actor)? = #isolation, _ body: (FreshStore) async throws -> T) async throws -> T {
        let fresh = try fresh()
        defer { fresh.cleanup() }
        return try await body(fresh)
    }

    /// A fresh store: `open()` gives a new client (connection) on it each time.
    func fresh() throws -> FreshStore {
        switch self {
        case .sqlite:
            let directory = TemporaryDirectory(prefix: "sentinel-contract")
            let path = directory.file("sentinel.db")
            let folder = directory.path
            return FreshStore(
                location: path, cleanup: { try? FileManager.default.removeItem(atPath: folder) },
                opener: { readOnly in try SentinelDatabase(path: path, readOnly: readOnly) })
        case .postgres:
            let cluster = try PostgresCluster.shared()
            let url = try PostgresStoreURL(cluster.url(database: try cluster.createDatabase()))
            return FreshStore(
                location: url.description, cleanup: {},
                opener: { readOnly in try PostgresStore(url: url, password: PostgresCluster.password, readOnly: readOnly) })
        }
    }
}

/// An empty store of one backend, and how to open clients on it.
struct FreshStore {
    /// Its file or URL.
    let location: String
    let cleanup: @Sendable () -> Void
    let opener: @Sendable (Bool) throws -> any StoreBackend

    init(location: String, cleanup: @escaping @Sendable () -> Void, opener: @escaping @Sendable (Bool) throws -> any StoreBackend) {
        self.location = location
        self.cleanup = cleanup
        self.opener = opener
    }

    /// A new client, migrating the store if needed.
    func open() throws -> any StoreBackend { try opener(false) }

    /// A new read-only client.
    func openReadOnly() throws -> any StoreBackend { try opener(true) }
}
