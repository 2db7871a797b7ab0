import Foundation
import SentinelCore

/// Who may use the HTTP endpoint. On loopback, anyone on the host (as before); anywhere else
/// a bearer token is required, from `http.token_env` or `http.token_file`: a sentinel that
/// would serve its incidents and sources to the network unauthenticated refuses to start.
/// With a token, every request but `/healthz` (which says only `ok`, for probes) must carry
/// `Authorization: Bearer <token>`.
package struct EndpointAccess: Sendable {
    /// The token requests must carry, or nil when none is required.
    package let token: [UInt8]?

    /// No token: anyone who can connect.
    package static let open = EndpointAccess(token: nil)

    /// The endpoint's access for a configuration.
    /// - Throws: ``RuntimeError/unprotectedEndpoint(address:)`` when `listen` is not loopback
    ///   and no token is configured; ``RuntimeError/endpointToken(reason:)`` when the token
    ///   cannot be read (never its value).
    package static func resolve(
        _ http: SentinelConfiguration.HTTP, environment: [String: String]
    ) throws(RuntimeError) -> EndpointAccess {
        var text: String?
        if let variable = http.tokenEnv {
            guard let value = environment[variable] else {
                throw .endpointToken(reason: "http.token_env: the environment variable \(variable) is not set")
            }
            text = value
        } else if let file = http.tokenFile {
            do {
                text = try SecretFile.read(file)
            } catch {
                throw .endpointToken(reason: "http.token_file \(file): \(error.reason)")
            }
        }
        guard let text else {
            guard isLoopback(http.listen) else { throw .unprotectedEndpoint(address: http.listen) }
            return .open
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.count >= 16, !token.contains(where: \.isWhitespace) else {
            throw .endpointToken(reason: "the token (\(http.tokenEnv ?? http.tokenFile ?? "")) must be one word of 16 characters or more")
        }
        return EndpointAccess(token: Array(token.utf8))
    }

    /// Whether `listen` (`host:port`, `[v6]:port`) is a loopback address: 127.0.0.0/8, `::1`
    /// or `localhost`.
    package static func isLoopback(_ listen: String) -> Bool {
        var host = Substring(listen)
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Whether a request with this `Authorization` header may be served.
    package func allows(authorization: String?) -> Bool {
        guard let token else { return true }
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        let given = Array(authorization.utf8.dropFirst("Bearer ".utf8.count))
        // Compared in time that depends on the lengths only, not on where they differ.
        var difference = UInt8(given.count == token.count ? 0 : 1)
        for index in token.indices { difference |= token[index] ^ (index < given.count ? given[index] : 0) }
        return difference == 0
    }
}
