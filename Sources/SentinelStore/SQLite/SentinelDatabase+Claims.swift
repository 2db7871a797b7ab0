import GRDB

extension SentinelDatabase {
    /// Claims up to `limit` due entries for `sensor` until `now + lease`, in due order. SQLite
    /// runs one writer at a time, so the select and the update need no row locks: a second
    /// sentinel on the same file waits, then sees the claims.
    package func claimDue(now: Double, limit: Int, sensor: String, lease: Double) throws -> [OutboxEntry] {
        try write { db in
            let claimable = """
                delivered IS NULL AND next_attempt <= ?
                AND (claim_expires IS NULL OR claim_expires <= ? OR claimed_by = ?)
                """
            var entries = try OutboxEntry.fetchAll(
                db,
                sql: """
                    SELECT * FROM outbox WHERE \(claimable)
                    ORDER BY next_attempt, created, event_id, webhook LIMIT ?
                    """, arguments: [now, now, sensor, limit])
            for index in entries.indices {
                entries[index].claimedBy = sensor
                entries[index].claimExpires = now + lease
                try db.execute(
                    sql: "UPDATE outbox SET claimed_by = ?, claim_expires = ? WHERE event_id = ? AND webhook = ?",
                    arguments: [sensor, now + lease, entries[index].eventID, entries[index].webhook])
            }
            return entries
        }
    }
}
