import Foundation
import SentinelCore

/// A webhook signing key. It comes from an environment variable or a file, never from the
/// rules YAML, and it never prints: `description`, `debugDescription` and reflection
/// (`dump`, string interpolation) all show `WebhookSecret(redacted)`.
///
/// Text form: `whsec_<base64>` (the Standard Webhooks convention) means the key is the
/// base64-decoded remainder; any other text is used as raw UTF-8 bytes. Surrounding
/// whitespace (a file's trailing newline) is ignored.
public struct WebhookSecret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The prefix that marks a base64 secret.
    public static let prefix = "whsec_"

    /// The HMAC key bytes.
    let key: [UInt8]

    /// Parses a secret's text form.
    /// - Parameters:
    ///   - text: `whsec_<base64>` or raw text.
    ///   - source: names where it came from, for errors (never the secret itself).
    public init(text: String, source: String = "the secret") throws(AlertsError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .secretEmpty(source: source) }
        if trimmed.hasPrefix(Self.prefix) {
            let encoded = String(trimmed.dropFirst(Self.prefix.count))
            guard let data = Data(base64Encoded: encoded) else { throw .secretMalformed(source: source) }
            guard !data.isEmpty else { throw .secretEmpty(source: source) }
            key = Array(data)
        } else {
            key = Array(trimmed.utf8)
        }
    }

    /// Reads the secret from an environment variable.
    /// - Parameters:
    ///   - name: the variable's name.
    ///   - environment: the environment to read (the process's by default).
    public static func load(
        environmentVariable name: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AlertsError)
        -> WebhookSecret
    {
        guard let value = environment[name] else { throw .secretVariableMissing(name) }
        return try WebhookSecret(text: value, source: "environment variable \(name)")
    }

    /// Reads the secret from a file (for example a mounted Kubernetes secret), refused when
    /// others may read it (``SentinelCore/SecretFile``).
    public static func load(file path: String) throws(AlertsError) -> WebhookSecret {
        let text: String
        do {
            text = try SecretFile.read(path)
        } catch {
            throw .secretFileUnreadable(path: path, reason: error.reason)
        }
        return try WebhookSecret(text: text, source: "file \(path)")
    }

    public var description: String { "WebhookSecret(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
