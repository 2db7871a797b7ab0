import Foundation

/// Where a PostgreSQL store lives, from `postgres://user@host:port/database` (or
/// `postgresql://`). A unix socket is named libpq's way, by its directory:
/// `postgres://user@/database?host=/run/postgresql` (port 5432 unless given).
///
/// TLS is chosen with libpq's parameters: `sslmode=disable|prefer|require|verify-ca|verify-full`
/// and `sslrootcert=/path/ca.pem` (the certificate authority to verify the server with; without
/// it `verify-full` uses the system's). The default is `prefer` over TCP (encrypted when the
/// server offers TLS, not verified) and `disable` over a unix socket. A server that asks for a
/// client certificate gets the one in `sslcert=/path/client.crt` with its key
/// `sslkey=/path/client.key` (both PEM; the key readable by its owner only, as libpq demands).
///
/// The URL never carries the password: ``StorePassword`` brings it from the environment or a file.
package struct PostgresStoreURL: Equatable, Sendable, CustomStringConvertible {
    /// How the connection uses TLS (libpq's `sslmode`).
    package enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, without verifying its certificate.
        case prefer
        /// TLS always, without verifying the server's certificate.
        case require
        /// TLS always; the certificate must be signed by the trusted authority (any host name).
        case verifyCA = "verify-ca"
        /// TLS always; the certificate must be signed by the trusted authority and name the host.
        case verifyFull = "verify-full"
    }

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
    /// How TLS is used.
    package var tls: TLSMode = .prefer
    /// The certificate authority (PEM) that signs the server's certificate, if not the system's.
    package var rootCertificate: String?
    /// The client certificate (PEM) shown to a server that asks for one (`sslcert`).
    package var clientCertificate: String?
    /// The client certificate's private key (PEM, `sslkey`); set with ``clientCertificate``.
    package var clientKey: String?

    /// The URL as written, for messages.
    package var description: String {
        if let socketDirectory { return "postgres://\(user)@:\(port)/\(database)?host=\(socketDirectory)" }
        let mode = tls == .prefer ? "" : "?sslmode=\(tls.rawValue)"
        return "postgres://\(user)@\(host ?? ""):\(port)/\(database)" + mode
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
        let items = components.queryItems ?? []
        let socket = items.first { $0.name == "host" }?.value
        if let unknown = items.first(where: { !["host", "sslmode", "sslrootcert", "sslcert", "sslkey"].contains($0.name) }) {
            throw fail(
                "unknown parameter '\(unknown.name)' (host=/socket/directory, sslmode=, sslrootcert=, sslcert= and sslkey= are understood)")
        }
        var tls: TLSMode = socket == nil ? .prefer : .disable
        if let text = items.first(where: { $0.name == "sslmode" })?.value {
            guard let mode = TLSMode(rawValue: text) else {
                throw fail("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
            }
            tls = mode
        }
        let root = items.first { $0.name == "sslrootcert" }?.value
        if let root, !root.hasPrefix("/") { throw fail("sslrootcert must be an absolute path") }
        if root != nil, tls != .verifyCA, tls != .verifyFull { throw fail("sslrootcert needs sslmode=verify-ca or verify-full") }
        let certificate = items.first { $0.name == "sslcert" }?.value
        let key = items.first { $0.name == "sslkey" }?.value
        if (certificate == nil) != (key == nil) { throw fail("sslcert and sslkey go together: the certificate and its private key") }
        for path in [certificate, key].compactMap(\.self) where !path.hasPrefix("/") {
            throw fail("sslcert and sslkey must be absolute paths, not '\(path)'")
        }
        if certificate != nil, tls == .disable || tls == .prefer {
            throw fail("sslcert needs sslmode=require, verify-ca or verify-full")
        }
        if socket != nil, tls != .disable { throw fail("TLS is for TCP connections, not a unix socket") }
        if let socket, !socket.hasPrefix("/") { throw fail("host= must be a socket directory starting with /") }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 }
        guard host != nil || socket != nil else { throw fail("no host (postgres://user@HOST:port/database)") }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw fail("port \(port) is not from 1 to 65535") }
        self.init(user: user, host: socket == nil ? host : nil, port: port, database: database, socketDirectory: socket)
        self.tls = tls
        self.rootCertificate = root
        self.clientCertificate = certificate
        self.clientKey = key
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
