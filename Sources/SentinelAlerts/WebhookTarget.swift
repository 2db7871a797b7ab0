import Foundation

/// One configured webhook receiver.
public struct WebhookTarget: Sendable, Equatable, CustomStringConvertible {
    /// The name queued items refer to (unique among targets).
    public var name: String
    /// Where to POST.
    public var url: URL
    /// The body format.
    public var format: PayloadFormat
    /// The signing secret (redacted when printed).
    public var secret: WebhookSecret
    /// Seconds to wait for a response before the attempt counts as failed.
    public var timeout: Double
    /// For the `alertmanager` format, a link back to this sentinel.
    public var generatorURL: String?

    /// Creates a target.
    /// - Throws: ``AlertsError/invalidWebhookURL(name:url:)`` unless `url` is absolute http(s).
    public init(name: String, url: String, format: PayloadFormat = .sentinel, secret: WebhookSecret,
                timeout: Double = 10, generatorURL: String? = nil) throws(AlertsError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", parsed.host != nil else {
            throw .invalidWebhookURL(name: name, url: url)
        }
        self.name = name
        self.url = parsed
        self.format = format
        self.secret = secret
        self.timeout = timeout.isFinite && timeout > 0 ? timeout : 10
        self.generatorURL = generatorURL
    }

    public var description: String { "webhook \(name) (\(format.rawValue)) → \(url.absoluteString)" }
}
