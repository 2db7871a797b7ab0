import Foundation
import PostgresNIO

extension PostgresStore {
    /// The columns read back into an ``OutboxEntry``, in ``outboxEntries(_:on:)``'s order.
    static let outboxColumns = """
        event_id, webhook, payload, created, attempts, next_attempt, last_error, delivered, sensor, claimed_by, claim_expires
        """

    @discardableResult
    package func enqueue(_ entries: [OutboxEntry]) throws -> Int {
        try transaction { connection in
            var queued = 0
            for entry in entries {
                queued += try changed(
                    """
                    INSERT INTO outbox (\(unescaped: Self.outboxColumns)) VALUES (\(entry.eventID), \(entry.webhook),
                    \(entry.payload), \(entry.created), \(entry.attempts), \(entry.nextAttempt), \(entry.lastError),
                    \(entry.delivered), \(entry.sensor), \(entry.claimedBy), \(entry.claimExpires))
                    ON CONFLICT (event_id, webhook) DO NOTHING
                    """, on: connection)
            }
            return queued
        }
    }

    package func dueEntries(now: Double, limit: Int) throws -> [OutboxEntry] {
        try withConnection { connection in
            try outboxEntries(
                """
                SELECT \(unescaped: Self.outboxColumns) FROM outbox WHERE delivered IS NULL AND next_attempt <= \(now)
                ORDER BY next_attempt, created, event_id, webhook LIMIT \(limit)
                """, on: connection)
        }
    }

    /// One statement claims the entries: the inner select locks the rows it picks and skips
    /// rows another sentinel's claim has locked (`FOR UPDATE SKIP LOCKED`), so two sentinels
    /// claiming at once get disjoint entries, and neither waits for the other.
    package func claimDue(now: Double, limit: Int, sensor: String, lease: Double) throws -> [OutboxEntry] {
        let claimed = try withConnection { connection in
            try outboxEntries(
                """
                UPDATE outbox SET claimed_by = \(sensor), claim_expires = \(now + lease)
                WHERE (event_id, webhook) IN (
                    SELECT event_id, webhook FROM outbox
                    WHERE delivered IS NULL AND next_attempt <= \(now)
                    AND (claim_expires IS NULL OR claim_expires <= \(now) OR claimed_by = \(sensor))
                    ORDER BY next_attempt, created, event_id, webhook LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED)
                RETURNING \(unescaped: Self.outboxColumns)
                """, on: connection)
        }
        return claimed.sorted {
            ($0.nextAttempt, $0.created, $0.eventID, $0.webhook) < ($1.nextAttempt, $1.created, $1.eventID, $1.webhook)
        }
    }

    @discardableResult
    package func markDelivered(eventID: String, webhook: String, at time: Double) throws -> Bool {
        try withConnection { connection in
            try changed(
                """
                UPDATE outbox SET delivered = \(time), attempts = attempts + 1
                WHERE event_id = \(eventID) AND webhook = \(webhook) AND delivered IS NULL
                """, on: connection) > 0
        }
    }

    @discardableResult
    package func markFailed(eventID: String, webhook: String, error: String, nextAttempt: Double) throws -> Bool {
        try withConnection { connection in
            try changed(
                """
                UPDATE outbox SET attempts = attempts + 1, last_error = \(error), next_attempt = \(nextAttempt),
                claim_expires = NULL WHERE event_id = \(eventID) AND webhook = \(webhook) AND delivered IS NULL
                """, on: connection) > 0
        }
    }

    package func outboxDepth() throws -> Int {
        try rows("SELECT COUNT(*) FROM outbox WHERE delivered IS NULL") { try $0.decode(Int.self) }.first ?? 0
    }

    package func deliveries(limit: Int) throws -> [OutboxEntry] {
        try withConnection { connection in
            try outboxEntries(
                """
                SELECT \(unescaped: Self.outboxColumns) FROM outbox
                ORDER BY created DESC, event_id, webhook LIMIT \(limit)
                """, on: connection)
        }
    }

    @discardableResult
    package func purgeDelivered(olderThan time: Double) throws -> Int {
        try withConnection { connection in try changed("DELETE FROM outbox WHERE delivered < \(time)", on: connection) }
    }

    private func outboxEntries(_ query: PostgresQuery, on connection: PostgresConnection) throws -> [OutboxEntry] {
        do {
            return try run(query, on: connection).map {
                let row = try $0.decode(
                    (String, String, Data, Double, Int, Double, String?, Double?, String, String?, Double?).self)
                return OutboxEntry(
                    eventID: row.0, webhook: row.1, payload: row.2, created: row.3, attempts: row.4, nextAttempt: row.5,
                    lastError: row.6, delivered: row.7, sensor: row.8, claimedBy: row.9, claimExpires: row.10)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.query(path: location, reason: "unexpected row: \(String(reflecting: error))")
        }
    }
}
