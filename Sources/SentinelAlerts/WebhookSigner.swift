import Crypto
import Foundation

/// Signs and verifies webhook requests the Standard Webhooks way
/// (https://www.standardwebhooks.com): the signed content is
/// `"{webhook-id}.{webhook-timestamp}.{body}"`, the signature HMAC-SHA256 with the secret's
/// key, sent as `webhook-signature: v1,<base64>`.
public struct WebhookSigner: Sendable {
    /// The message identifier header (the alert's event id).
    public static let idHeader = "webhook-id"
    /// The Unix-seconds send time header.
    public static let timestampHeader = "webhook-timestamp"
    /// The signature header.
    public static let signatureHeader = "webhook-signature"

    private let secret: WebhookSecret

    /// Creates a signer for a secret.
    public init(secret: WebhookSecret) { self.secret = secret }

    /// The signature header value (`v1,<base64>`) for a message.
    public func signature(id: String, timestamp: Int, body: Data) -> String {
        "v1," + Data(mac(id: id, timestamp: timestamp, body: body)).base64EncodedString()
    }

    /// The three Standard Webhooks headers for a message.
    public func headers(id: String, timestamp: Int, body: Data) -> [String: String] {
        [
            Self.idHeader: id, Self.timestampHeader: String(timestamp),
            Self.signatureHeader: signature(id: id, timestamp: timestamp, body: body),
        ]
    }

    /// Checks a received message, as a receiver would.
    /// - Parameters:
    ///   - id: the `webhook-id` header.
    ///   - timestamp: the `webhook-timestamp` header, as sent.
    ///   - body: the raw body bytes.
    ///   - signatureHeader: the `webhook-signature` header (space-separated `v1,…` entries; any match passes).
    ///   - now: the receiver's time, seconds since 1970, or `nil` to skip the freshness check.
    ///   - tolerance: how far the timestamp may be from `now`, seconds (default 300).
    /// - Returns: whether a signature matches (compared in constant time) and the timestamp is fresh.
    public func verify(
        id: String, timestamp: String, body: Data, signatureHeader: String,
        now: Double? = nil, tolerance: Double = 300
    ) -> Bool {
        guard let seconds = Int(timestamp) else { return false }
        if let now, abs(now - Double(seconds)) > tolerance { return false }
        let key = SymmetricKey(data: secret.key)
        let content = Self.signedContent(id: id, timestamp: seconds, body: body)
        for entry in signatureHeader.split(separator: " ") {
            let parts = entry.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, parts[0] == "v1", let expected = Data(base64Encoded: String(parts[1])) else { continue }
            if HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: content, using: key) { return true }
        }
        return false
    }

    /// Checks a received message by its headers (names lower-cased, as
    /// ``headers(id:timestamp:body:)`` gives them), as a receiver would: a missing header fails.
    /// - Parameters:
    ///   - now: the receiver's time, seconds since 1970, or `nil` to skip the freshness check.
    ///   - tolerance: how far the timestamp may be from `now`, seconds (default 300).
    package func verify(headers: [String: String], body: Data, now: Double? = nil, tolerance: Double = 300) -> Bool {
        verify(
            id: headers[Self.idHeader] ?? "", timestamp: headers[Self.timestampHeader] ?? "", body: body,
            signatureHeader: headers[Self.signatureHeader] ?? "", now: now, tolerance: tolerance)
    }

    private func mac(id: String, timestamp: Int, body: Data) -> HMAC<SHA256>.MAC {
        HMAC<SHA256>.authenticationCode(
            for: Self.signedContent(id: id, timestamp: timestamp, body: body),
            using: SymmetricKey(data: secret.key))
    }

    private static func signedContent(id: String, timestamp: Int, body: Data) -> Data {
        var content = Data("\(id).\(timestamp).".utf8)
        content.append(body)
        return content
    }
}
