/// Why an alert could not be prepared or delivered.
public enum AlertsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The webhook secret is missing or unusable (it must come from the environment or a file).
    case badSecret(String)
    /// A delivery attempt failed (the outbox retries it later).
    case delivery(url: String, reason: String)
    /// The environment variable that should hold a webhook secret is not set.
    case secretVariableMissing(String)
    /// The file that should hold a webhook secret cannot be read.
    case secretFileUnreadable(path: String, reason: String)
    /// The secret's source (a variable or file, named) holds nothing but whitespace.
    case secretEmpty(source: String)
    /// A `whsec_` secret whose remainder is not valid base64.
    case secretMalformed(source: String)
    /// A webhook's URL is not an absolute `http` or `https` URL.
    case invalidWebhookURL(name: String, url: String)
    /// The environment variable that should hold a webhook's URL (`url_env`) is not set.
    case urlVariableMissing(webhook: String, variable: String)
    /// An outbox item names a webhook that is not configured (any more).
    case unknownWebhook(String)
    /// The outbox storage failed.
    case outbox(String)

    public var description: String {
        switch self {
        case let .badSecret(reason): return "webhook secret: \(reason)"
        case let .delivery(url, reason): return "\(url): delivery failed: \(reason)"
        case let .secretVariableMissing(name):
            return "webhook secret: environment variable \(name) is not set; export it or use a secret file"
        case let .secretFileUnreadable(path, reason):
            return "webhook secret: cannot read \(path): \(reason); check the path and its permissions"
        case let .secretEmpty(source):
            return "webhook secret: \(source) is empty; put the secret (raw or whsec_<base64>) there"
        case let .secretMalformed(source):
            return "webhook secret: \(source) starts with whsec_ but the rest is not valid base64"
        case let .invalidWebhookURL(name, url):
            return "webhook \(name): '\(url)' is not an absolute http(s) URL"
        case let .urlVariableMissing(webhook, variable):
            return "webhook \(webhook): environment variable \(variable) (its url_env) is not set; export the URL there"
        case let .unknownWebhook(name):
            return "webhook \(name) is not configured; its queued alerts cannot be delivered"
        case let .outbox(reason): return "alert outbox: \(reason)"
        }
    }
}
