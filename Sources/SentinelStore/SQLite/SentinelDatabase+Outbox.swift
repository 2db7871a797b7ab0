import GRDB

extension SentinelDatabase {
    /// Queues an alert for delivery unless the same (event id, webhook) is already queued
    /// (delivered or not): an event is never queued, hence never sent, twice.
    /// - Returns: whether it was queued now (`false` for a duplicate).
    @discardableResult
    package func enqueue(_ entry: OutboxEntry) throws -> Bool {
        try write { db in
            try entry.insert(db, onConflict: .ignore)
            return db.changesCount > 0
        }
    }

    /// Queues several entries in one transaction, skipping (event id, webhook) pairs already
    /// queued or delivered, like the single-entry `enqueue`.
    /// - Returns: how many were queued now.
    @discardableResult
    package func enqueue(_ entries: [OutboxEntry]) throws -> Int {
        try write { db in
            var queued = 0
            for entry in entries {
                try entry.insert(db, onConflict: .ignore)
                queued += db.changesCount
            }
            return queued
        }
    }

    /// Undelivered entries whose next attempt is due at `now`: earliest next attempt first,
    /// then oldest first.
    package func dueEntries(now: Double, limit: Int = 100) throws -> [OutboxEntry] {
        try read { db in
            try OutboxEntry
                .filter(Column(OutboxEntry.CodingKeys.delivered) == nil && Column(OutboxEntry.CodingKeys.nextAttempt) <= now)
                .order(
                    Column(OutboxEntry.CodingKeys.nextAttempt), Column(OutboxEntry.CodingKeys.created),
                    Column(OutboxEntry.CodingKeys.eventID), Column(OutboxEntry.CodingKeys.webhook)
                )
                .limit(limit)
                .fetchAll(db)
        }
    }

    /// Records a successful delivery: the entry is no longer due nor counted in the depth.
    /// - Returns: whether an undelivered entry was found.
    @discardableResult
    package func markDelivered(eventID: String, webhook: String, at time: Double) throws -> Bool {
        try write { db in
            // The successful attempt counts too: `alerts` shows 1 for an alert delivered at once.
            try db.execute(
                sql: "UPDATE outbox SET delivered = ?, attempts = attempts + 1 WHERE event_id = ? AND webhook = ? AND delivered IS NULL",
                arguments: [time, eventID, webhook])
            return db.changesCount > 0
        }
    }

    /// Records a failed attempt: one more attempt, the error, and when to try again
    /// (the caller's backoff decides `nextAttempt`).
    /// - Returns: whether an undelivered entry was found.
    @discardableResult
    package func markFailed(eventID: String, webhook: String, error: String, nextAttempt: Double) throws -> Bool {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt = ?, claim_expires = NULL
                    WHERE event_id = ? AND webhook = ? AND delivered IS NULL
                    """, arguments: [error, nextAttempt, eventID, webhook])
            return db.changesCount > 0
        }
    }

    /// How many entries are not delivered yet (due or waiting for their next attempt).
    package func outboxDepth() throws -> Int {
        try read { db in try OutboxEntry.filter(Column(OutboxEntry.CodingKeys.delivered) == nil).fetchCount(db) }
    }

    /// The most recently queued entries, delivered or not, newest first (see ``OutboxEntry/status``).
    package func deliveries(limit: Int) throws -> [OutboxEntry] {
        try read { db in
            try OutboxEntry.order(
                Column(OutboxEntry.CodingKeys.created).desc, Column(OutboxEntry.CodingKeys.eventID),
                Column(OutboxEntry.CodingKeys.webhook)
            )
            .limit(limit).fetchAll(db)
        }
    }

    /// Retention: deletes entries delivered before `time` (undelivered ones are always kept).
    /// - Returns: how many were deleted.
    @discardableResult
    package func purgeDelivered(olderThan time: Double) throws -> Int {
        try write { db in
            try OutboxEntry.filter(Column(OutboxEntry.CodingKeys.delivered) < time).deleteAll(db)
        }
    }
}
