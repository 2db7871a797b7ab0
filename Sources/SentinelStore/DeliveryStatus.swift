/// Where an outbox entry's delivery stands.
package enum DeliveryStatus: String, Codable, Sendable, CaseIterable {
    /// Sent and acknowledged by the receiver.
    case delivered
    /// Not tried yet.
    case pending
    /// Tried and failed at least once; retried at its next attempt time.
    case failing
}
