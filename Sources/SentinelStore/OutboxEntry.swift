import Foundation
import GRDB

/// One alert waiting for (or done with) delivery to one webhook. The pair
/// (``eventID``, ``webhook``) is unique: an event is queued at most once per webhook, so a
/// receiver that dedupes by event id sees each event once however often delivery is retried.
package struct OutboxEntry: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    /// The alert event's identifier.
    package var eventID: String
    /// The name of the webhook it goes to.
    package var webhook: String
    /// The exact bytes to send.
    package var payload: Data
    /// When it was queued, seconds since 1970.
    package var created: Double
    /// Delivery attempts so far: the failed ones while the entry is pending, and the successful
    /// one too once it is delivered.
    package var attempts: Int
    /// Earliest time of the next attempt, seconds since 1970.
    package var nextAttempt: Double
    /// Why the last attempt failed, if it did.
    package var lastError: String?
    /// When it was delivered, or `nil` while undelivered.
    package var delivered: Double?
    /// The sentinel that queued it (its `sentinel.host`); empty in rows from before fleets.
    package var sensor: String
    /// The sentinel delivering it (or that delivered it), once one has claimed it.
    package var claimedBy: String?
    /// Until when that claim keeps other sentinels off it, seconds since 1970.
    package var claimExpires: Double?

    /// Creates an entry; a new one is due at once (`nextAttempt` defaults to `created`).
    package init(
        eventID: String, webhook: String, payload: Data, created: Double, attempts: Int = 0,
        nextAttempt: Double? = nil, lastError: String? = nil, delivered: Double? = nil, sensor: String = "",
        claimedBy: String? = nil, claimExpires: Double? = nil
    ) {
        self.eventID = eventID
        self.webhook = webhook
        self.payload = payload
        self.created = created
        self.attempts = attempts
        self.nextAttempt = nextAttempt ?? created
        self.lastError = lastError
        self.delivered = delivered
        self.sensor = sensor
        self.claimedBy = claimedBy
        self.claimExpires = claimExpires
    }

    /// Where delivery stands.
    package var status: DeliveryStatus {
        if delivered != nil { return .delivered }
        return attempts > 0 ? .failing : .pending
    }

    /// The table's name.
    package static let databaseTableName = "outbox"

    enum CodingKeys: String, CodingKey {
        case webhook, payload, created, attempts, delivered, sensor
        case claimedBy = "claimed_by"
        case claimExpires = "claim_expires"
        case eventID = "event_id"
        case nextAttempt = "next_attempt"
        case lastError = "last_error"
    }
}
