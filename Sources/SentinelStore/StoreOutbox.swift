import SentinelAlerts
import SentinelStore

/// The durable outbox: ``SentinelAlerts/OutboxStorage`` over the SQLite store, so queued
/// alerts survive a receiver that is down and a restart of the sentinel.
package struct StoreOutbox: OutboxStorage {
    /// The database the outbox table lives in.
    package let database: SentinelDatabase

    /// Uses `database`'s outbox table.
    package init(database: SentinelDatabase) { self.database = database }

    package func enqueue(_ entries: [OutboxItem]) throws {
        _ = try database.enqueue(
            entries.map {
                OutboxEntry(
                    eventID: $0.eventID, webhook: $0.webhook, payload: $0.payload, created: $0.created,
                    attempts: $0.attempts, nextAttempt: $0.nextAttempt, lastError: $0.lastError)
            })
    }

    package func due(now: Double, limit: Int) throws -> [OutboxItem] {
        try database.dueEntries(now: now, limit: limit).map {
            OutboxItem(
                eventID: $0.eventID, webhook: $0.webhook, payload: $0.payload, attempts: $0.attempts,
                nextAttempt: $0.nextAttempt, created: $0.created, lastError: $0.lastError)
        }
    }

    package func markDelivered(eventID: String, webhook: String, at time: Double) throws {
        _ = try database.markDelivered(eventID: eventID, webhook: webhook, at: time)
    }

    package func markFailed(eventID: String, webhook: String, error: String, nextAttempt: Double) throws {
        _ = try database.markFailed(eventID: eventID, webhook: webhook, error: error, nextAttempt: nextAttempt)
    }

    package func depth() throws -> Int { try database.outboxDepth() }
}
