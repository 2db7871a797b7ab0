import Foundation
import SentinelStore
import SentinelTestSupport
import Testing

/// TLS to the shared database: a fleet's store is reached over the network, so the connection
/// can be encrypted and the server's certificate verified (libpq's `sslmode`, `sslrootcert`).
@Suite(
    "PostgreSQL store over TLS", .serialized,
    .enabled(
        if: PostgresCluster.binaries != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"),
        Comment(rawValue: PostgresCluster.skipReason + " (and openssl)")))
struct PostgresTLSTests {
    @Test("verify-full with the authority connects encrypted; a wrong authority is refused; prefer encrypts, disable does not")
    func tlsModes() throws {
        let cluster = try PostgresCluster(tls: true)
        defer { cluster.stop() }
        let base = cluster.url(database: try cluster.createDatabase())
        let authority = try #require(cluster.certificateAuthority)

        let verified = try PostgresStore(
            url: try PostgresStoreURL(base + "?sslmode=verify-full&sslrootcert=\(authority)"), password: PostgresCluster.password)
        #expect(try verified.isEncrypted())
        #expect(try verified.appliedMigrations().last == "v6")
        #expect(verified.location.hasSuffix("?sslmode=verify-full"))

        #expect(
            try PostgresStore(url: try PostgresStoreURL(base), password: PostgresCluster.password).isEncrypted(),
            "prefer (the default) encrypts when offered")
        #expect(try !PostgresStore(url: try PostgresStoreURL(base + "?sslmode=disable"), password: PostgresCluster.password).isEncrypted())

        // An authority that did not sign the server's certificate: the login never happens.
        let other = TemporaryDirectory()
        defer { other.remove() }
        let stranger = other.file("other-ca.pem")
        let made = try ChildProcess.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", other.file("k.pem"), "-out", stranger, "-days", "1", "-subj",
                "/CN=other",
            ])
        #expect(made.status == 0)
        #expect {
            _ = try PostgresStore(
                url: try PostgresStoreURL(base + "?sslmode=verify-full&sslrootcert=\(stranger)"), password: PostgresCluster.password)
        } throws: { error in
            guard case .unreachable? = error as? StoreError else { return false }
            return true
        }
        // A missing authority file is named.
        #expect {
            _ = try PostgresStore(url: try PostgresStoreURL(base + "?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem"), password: "x")
        } throws: { error in
            guard case let .badURL(_, reason)? = error as? StoreError else { return false }
            return reason.contains("/nonexistent/ca.pem")
        }
    }
}
