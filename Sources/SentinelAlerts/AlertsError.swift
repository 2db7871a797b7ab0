/// Why an alert could not be prepared or delivered.
public enum AlertsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The webhook secret is missing or unusable (it must come from the environment or a file).
    case badSecret(String)
    /// A delivery attempt failed (the outbox retries it later).
    case delivery(url: String, reason: String)

    public var description: String {
        switch self {
        case let .badSecret(reason): return "webhook secret: \(reason)"
        case let .delivery(url, reason): return "\(url): delivery failed: \(reason)"
        }
    }
}
