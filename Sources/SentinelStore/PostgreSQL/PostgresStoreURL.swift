import Foundation

/// Where a PostgreSQL store lives, from `postgres://user@host:port/database` (or
/// `postgresql://`). A unix socket is named libpq's way, by its directory:
/// `postgres://user@/database?host=/run/postgresql` (port 5432 unless given).
///
/// The URL never carries the password: ``StorePassword`` brings it from the environment or a file.
package struct PostgresStoreURL: Equatable, Sendable, CustomStringConvertible {
    /// The role to log in as.
    package var user: String
    /// The server's host name or address (TCP), or nil with ``socketDirectory``.
    package var host: String?
    /// The server's port (TCP), or the socket's port number.
    package var port: Int
    /// The database's name.
    package var database: String
    /// The directory holding the server's unix socket (`.s.PGSQL.<port>`), if connecting through one.
    package var socketDirectory: String?

    /// The URL as written, for messages.
    package var description: String {
        if let socketDirectory { return "postgres://\(user)@:\(port)/\(database)?host=\(socketDirectory)" }
        return "postgres://\(user)@\(host ?? ""):\(port)/\(database)"
    }

    /// Whether `text` names a PostgreSQL store (rather than an SQLite file).
    package static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `text`.
    /// - Throws: ``StoreError/badURL(url:reason:)`` naming what is missing or wrong; a
    ///   password in the URL is refused (it would end up in logs and in the YAML).
    package init(_ text: String) throws(StoreError) {
        func fail(_ reason: String) -> StoreError { .badURL(url: text, reason: reason) }
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw fail("expected postgres://user@host:port/database")
        }
        guard components.password == nil else {
            throw fail("the password must not be in the URL: set SENTINEL_STORE_PASSWORD or store_password_file")
        }
        guard let user = components.user, !user.isEmpty else { throw fail("no user (postgres://USER@host/database)") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw fail("no database name (postgres://user@host/DATABASE)") }
        let socket = components.queryItems?.first { $0.name == "host" }?.value
        if let unknown = components.queryItems?.first(where: { $0.name != "host" }) {
            throw fail("unknown parameter '\(unknown.name)' (only host=/socket/directory is understood)")
        }
        if let socket, !socket.hasPrefix("/") { throw fail("host= must be a socket directory starting with /") }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 }
        guard host != nil || socket != nil else { throw fail("no host (postgres://user@HOST:port/database)") }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw fail("port \(port) is not from 1 to 65535") }
        self.init(user: user, host: socket == nil ? host : nil, port: port, database: database, socketDirectory: socket)
    }

    /// Creates a URL from its parts.
    package init(user: String, host: String?, port: Int, database: String, socketDirectory: String? = nil) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.socketDirectory = socketDirectory
    }
}
