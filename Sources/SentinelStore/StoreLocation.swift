import Foundation

/// Where the store is, as `sentinel.store` says it: an SQLite file (the default, any value
/// that is not a URL) or a PostgreSQL database (`postgres://user@host:port/database`).
package enum StoreLocation: Equatable, Sendable, CustomStringConvertible {
    /// An SQLite file, created if missing.
    case sqlite(path: String)
    /// A PostgreSQL database, shared by a fleet.
    case postgres(PostgresStoreURL)

    /// Reads a `store:` value.
    /// - Throws: ``StoreError/badURL(url:reason:)`` for a `postgres://` value that is not usable,
    ///   or any other `scheme://` (only files and PostgreSQL are stores).
    package init(_ text: String) throws(StoreError) {
        if PostgresStoreURL.isPostgres(text) {
            self = .postgres(try PostgresStoreURL(text))
        } else if let scheme = text.range(of: "://"), !text[..<scheme.lowerBound].contains("/") {
            throw .badURL(url: text, reason: "only postgres:// URLs and SQLite file paths are stores")
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The file path or the URL (never a password).
    package var description: String {
        switch self {
        case let .sqlite(path): return path
        case let .postgres(url): return url.description
        }
    }

    /// Opens the store (see ``SentinelDatabase/init(path:readOnly:)`` and
    /// ``PostgresStore/init(url:password:readOnly:)``).
    /// - Parameters:
    ///   - passwordFile: where a PostgreSQL password is, if not in `SENTINEL_STORE_PASSWORD`.
    ///   - readOnly: for listing commands: nothing is created nor migrated.
    ///   - environment: where `SENTINEL_STORE_PASSWORD` is looked up.
    package func open(
        passwordFile: String? = nil, readOnly: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> any StoreBackend {
        switch self {
        case let .sqlite(path):
            return try SentinelDatabase(path: path, readOnly: readOnly)
        case let .postgres(url):
            let password = try StorePassword.load(for: url, file: passwordFile, environment: environment)
            return try PostgresStore(url: url, password: password, readOnly: readOnly)
        }
    }
}
