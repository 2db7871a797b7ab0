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
        try PostgresCluster.withDatabase(tls: true) { cluster, base in
            let authority = try #require(cluster.certificateAuthority)

            let verified = try PostgresStore(
                url: try PostgresStoreURL(base + "?sslmode=verify-full&sslrootcert=\(authority)"), password: PostgresCluster.password)
            #expect(try verified.isEncrypted())
            #expect(try verified.appliedMigrations().last == "v7")
            #expect(verified.location.hasSuffix("?sslmode=verify-full"))

            #expect(
                try PostgresStore(url: try PostgresStoreURL(base), password: PostgresCluster.password).isEncrypted(),
                "prefer (the default) encrypts when offered")
            #expect(
                try !PostgresStore(url: try PostgresStoreURL(base + "?sslmode=disable"), password: PostgresCluster.password).isEncrypted())

            // An authority that did not sign the server's certificate: the login never happens.
            try TemporaryDirectory.with { other in
                let stranger = other.file("other-ca.pem")
                let made = try ChildProcess.run(
                    "/usr/bin/openssl",
                    [
                        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", other.file("k.pem"), "-out", stranger, "-days", "1",
                        "-subj",
                        "/CN=other",
                    ])
                #expect(made.status == 0)
                #expect {
                    _ = try PostgresStore(
                        url: try PostgresStoreURL(base + "?sslmode=verify-full&sslrootcert=\(stranger)"), password: PostgresCluster.password
                    )
                } throws: { error in
                    guard case .unreachable? = error as? StoreError else { return false }
                    return true
                }
                // A missing authority file is named.
                #expect {
                    _ = try PostgresStore(
                        url: try PostgresStoreURL(base + "?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem"), password: "x")
                } throws: { error in
                    guard case let .badURL(_, reason)? = error as? StoreError else { return false }
                    return reason.contains("/nonexistent/ca.pem")
                }
            }
        }
    }

    @Test("a client certificate logs in where the server demands one; without it the login is refused; a key others may read is refused")
    func clientCertificate() throws {
        try PostgresCluster.withDatabase(clientCertificates: true) { cluster, base in
            let authority = try #require(cluster.certificateAuthority)
            let client = try #require(cluster.clientCertificate)
            let verified = base + "?sslmode=verify-full&sslrootcert=\(authority)"

            // No password: the server (pg_hba `cert`) logs the role in by its certificate alone.
            let store = try PostgresStore(
                url: try PostgresStoreURL(verified + "&sslcert=\(client.certificate)&sslkey=\(client.key)"), password: nil)
            #expect(try store.isEncrypted())
            #expect(try store.appliedMigrations().last == "v7")
            let parsed = try PostgresStoreURL(verified + "&sslcert=\(client.certificate)&sslkey=\(client.key)")
            #expect(parsed.clientCertificate == client.certificate && parsed.clientKey == client.key)

            // Without a certificate the password is not enough.
            #expect(throws: StoreError.self) {
                _ = try PostgresStore(url: try PostgresStoreURL(verified), password: PostgresCluster.password)
            }
            // A key file its group or others may read is refused before connecting, as libpq does.
            try TemporaryDirectory.with { copy in
                let loose = copy.file("client.key")
                try FileManager.default.copyItem(atPath: client.key, toPath: loose)
                chmod(loose, 0o644)
                #expect {
                    _ = try PostgresStore(
                        url: try PostgresStoreURL(verified + "&sslcert=\(client.certificate)&sslkey=\(loose)"), password: nil)
                } throws: { error in
                    guard case let .badURL(_, reason)? = error as? StoreError else { return false }
                    return reason.contains(loose) && reason.contains("chmod 600")
                }
                // A certificate file that is not there is named.
                #expect {
                    _ = try PostgresStore(
                        url: try PostgresStoreURL(verified + "&sslcert=/nonexistent/c.pem&sslkey=\(client.key)"), password: nil)
                } throws: { error in
                    guard case let .badURL(_, reason)? = error as? StoreError else { return false }
                    return reason.contains("sslcert /nonexistent/c.pem")
                }
            }
        }
    }
}
