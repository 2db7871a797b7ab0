import SentinelAlerts

/// The durable outbox: ``SentinelAlerts/OutboxStorage`` over the store, so queued alerts
/// survive a receiver that is down and a restart of the sentinel. Entries due for delivery
/// are claimed for this sentinel (``StoreBackend/claimDue(now:limit:sensor:lease:)``), so
/// sentinels sharing a store deliver each (event, webhook) once between them.
package struct StoreOutbox: OutboxStorage {
    /// The store the outbox table lives in.
    package let database: any StoreBackend
    /// This sentinel's name: the entries it queues and claims carry it.
    package let sensor: String
    /// How long a claim keeps other sentinels off an entry, in seconds: longer than one
    /// delivery attempt takes (the webhook timeout), short enough that the entries of a
    /// sentinel that died are taken over soon.
    package let claimSeconds: Double

    /// Uses `database`'s outbox table, as the sentinel `sensor`.
    package init(database: any StoreBackend, sensor: String = "", claimSeconds: Double = 60) {
        self.database = database
        self.sensor = sensor
        self.claimSeconds = claimSeconds
    }

    package func enqueue(_ entries: [OutboxItem]) throws {
        _ = try database.enqueue(
            entries.map {
                OutboxEntry(
                    eventID: $0.eventID, webhook: $0.webhook, payload: $0.payload, created: $0.created,
                    attempts: $0.attempts, nextAttempt: $0.nextAttempt, lastError: $0.lastError, sensor: sensor)
            })
    }

    package func due(now: Double, limit: Int) throws -> [OutboxItem] {
        try database.claimDue(now: now, limit: limit, sensor: sensor, lease: claimSeconds).map {
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
