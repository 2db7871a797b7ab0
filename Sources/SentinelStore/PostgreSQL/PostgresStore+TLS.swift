import NIOSSL
import PostgresNIO

extension PostgresStore {
    /// The connection's TLS for `url`'s `sslmode` and `sslrootcert`.
    /// - Throws: ``StoreError/badURL(url:reason:)`` when the authority file cannot be read.
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
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .badURL(url: url.description, reason: "cannot set up TLS: \(error)")
        }
        return url.tls == .prefer ? .prefer(context) : .require(context)
    }

    /// Whether the server says this connection is encrypted (`pg_stat_ssl`).
    package func isEncrypted() throws -> Bool {
        try rows("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()") { try $0.decode(Bool.self) }.first ?? false
    }
}
