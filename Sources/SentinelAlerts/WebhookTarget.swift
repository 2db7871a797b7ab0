import Foundation

/// One configured webhook receiver.
public struct WebhookTarget: Sendable, Equatable, CustomStringConvertible {
    /// The name queued items refer to (unique among targets).
    public var name: String
    /// Where to POST.
    public var url: URL
    /// The URL as messages and errors show it (scheme and host only when it is secret).
    public var displayURL: String
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
    ///   - urlIsSecret: the URL carries a token (a Slack incoming webhook): messages and
    ///     errors then show only its scheme and host.
    public init(
        name: String, url: String, format: PayloadFormat = .sentinel, secret: WebhookSecret,
        timeout: Double = 10, generatorURL: String? = nil, urlIsSecret: Bool = false
    ) throws(AlertsError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = parsed.host
        else {
            throw .invalidWebhookURL(name: name, url: urlIsSecret ? "(from the environment, not shown)" : url)
        }
        self.displayURL = urlIsSecret ? "\(scheme)://\(host)/…" : url
        self.name = name
        self.url = parsed
        self.format = format
        self.secret = secret
        self.timeout = timeout.isFinite && timeout > 0 ? timeout : 10
        self.generatorURL = generatorURL
    }

    public var description: String { "webhook \(name) (\(format.rawValue)) → \(displayURL)" }
}
