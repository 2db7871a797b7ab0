/// What became of one attempt to deliver one outbox item, for the operational log and the
/// event log.
public struct DeliveryOutcome: Sendable, Equatable {
    /// The alert's event id.
    public var eventID: String
    /// The webhook's name.
    public var webhook: String
    /// Whether the receiver acknowledged it (2xx).
    public var delivered: Bool
    /// Which attempt this was (1 = the first).
    public var attempt: Int
    /// Why it failed (nil when delivered).
    public var error: String?
    /// When it is tried again, seconds since 1970 (nil when delivered).
    public var nextAttempt: Double?

    /// Creates an outcome.
    public init(eventID: String, webhook: String, delivered: Bool, attempt: Int, error: String? = nil, nextAttempt: Double? = nil) {
        self.eventID = eventID
        self.webhook = webhook
        self.delivered = delivered
        self.attempt = attempt
        self.error = error
        self.nextAttempt = nextAttempt
    }
}
