import Foundation
import NIOSSL
import PostgresNIO

extension PostgresStore {
    /// The connection's TLS for `url`'s `sslmode`, `sslrootcert`, `sslcert` and `sslkey`.
    /// - Throws: ``StoreError/badURL(url:reason:)`` when the authority, the client certificate
    ///   or its key cannot be read, or the key is readable by others.
    static func tls(_ url: PostgresStoreURL) throws(StoreError) -> PostgresConnection.Configuration.TLS {
        guard url.tls != .disable else { return .disable }
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch url.tls {
        case .disable, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if let root = url.rootCertificate {
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(root))
            } catch {
                throw .badURL(url: url.description, reason: "sslrootcert \(root): not a readable PEM certificate (\(error))")
            }
        }
        if let certificate = url.clientCertificate, let key = url.clientKey {
            try clientIdentity(certificate: certificate, key: key, url: url, into: &configuration)
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .badURL(url: url.description, reason: "cannot set up TLS: \(error)")
        }
        return url.tls == .prefer ? .prefer(context) : .require(context)
    }

    /// Loads the client certificate and its key into `configuration`. Like libpq, refuses a key
    /// file that its group or others may read.
    private static func clientIdentity(
        certificate: String, key: String, url: PostgresStoreURL, into configuration: inout TLSConfiguration
    ) throws(StoreError) {
        func fail(_ reason: String) -> StoreError { .badURL(url: url.description, reason: reason) }
        do {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
        } catch {
            throw fail("sslcert \(certificate): not a readable PEM certificate (\(error))")
        }
        var status = stat()
        guard stat(key, &status) == 0 else { throw fail("sslkey \(key): cannot be read (\(String(cString: strerror(errno))))") }
        guard status.st_mode & 0o077 == 0 else {
            throw fail("sslkey \(key): readable by its group or others (chmod 600 it)")
        }
        do {
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
        } catch {
            throw fail("sslkey \(key): not a readable PEM private key (\(error))")
        }
    }

    /// Whether the server says this connection is encrypted (`pg_stat_ssl`).
    package func isEncrypted() throws -> Bool {
        try rows("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()") { try $0.decode(Bool.self) }.first ?? false
    }
}
