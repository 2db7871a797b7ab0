import Foundation

/// One alert body waiting for delivery to one webhook. (``eventID``, ``webhook``) is its
/// identity: storage keeps at most one item per pair, ever.
public struct OutboxItem: Sendable, Equatable, Codable {
    /// The alert's event id (also sent as `webhook-id`).
    public var eventID: String
    /// The configured webhook's name.
    public var webhook: String
    /// The exact body, rendered in the webhook's format when queued.
    public var payload: Data
    /// Failed attempts so far.
    public var attempts: Int
    /// Earliest time of the next attempt, seconds since 1970.
    public var nextAttempt: Double
    /// When it was queued, seconds since 1970.
    public var created: Double
    /// Why the last attempt failed, if it did.
    public var lastError: String?

    /// Creates an item, due at once unless `nextAttempt` says otherwise.
    public init(
        eventID: String, webhook: String, payload: Data, attempts: Int = 0,
        nextAttempt: Double? = nil, created: Double, lastError: String? = nil
    ) {
        self.eventID = eventID
        self.webhook = webhook
        self.payload = payload
        self.attempts = attempts
        self.nextAttempt = nextAttempt ?? created
        self.created = created
        self.lastError = lastError
    }
}
