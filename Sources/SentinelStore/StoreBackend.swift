/// What the sentinel and its commands need from a store, whichever engine holds it: the
/// embedded SQLite file (``SentinelDatabase``, the default) or a PostgreSQL database shared by
/// a fleet of sentinels (``PostgresStore``). Both run the same migrations (`v1`, `v2`, …) and
/// behave the same under the contract tests; the fleet-only parts (claims, leases) also work
/// on SQLite, for sentinels sharing one file.
///
/// Every method is synchronous and throws ``StoreError`` naming the database.
package protocol StoreBackend: AnyObject, Sendable {
    /// The database for messages: a file path, or a `postgres://` URL without its password.
    var location: String { get }

    /// The names of the schema migrations applied, oldest first (`v1`, …).
    func appliedMigrations() throws -> [String]

    // MARK: Windows

    /// Stores a classified window.
    func insert(_ window: StoredWindow) throws
    /// The windows starting in `from ..< to`, earliest first; at most `limit` (nil: all).
    func windows(from: Double, to: Double, limit: Int?) throws -> [StoredWindow]
    /// The end of the latest window of class `verdict` from `source` that started at or after `from`.
    func lastWindowEnd(source: String, verdict: String, from: Double) throws -> Double?
    /// Retention: deletes the windows that started before `time`; returns how many.
    @discardableResult func purgeWindows(olderThan time: Double) throws -> Int

    // MARK: Incidents

    /// Stores a new incident; one with the same id is an error.
    func openIncident(_ incident: StoredIncident) throws
    /// Replaces the incident with the same id; returns whether there was one.
    @discardableResult func updateIncident(_ incident: StoredIncident) throws -> Bool
    /// Marks an open incident resolved at `time`; returns whether an open one was found.
    @discardableResult func resolveIncident(id: String, at time: Double) throws -> Bool
    /// The incidents not resolved yet, oldest first.
    func openIncidents() throws -> [StoredIncident]
    /// The most recently opened incidents, newest first.
    func recentIncidents(limit: Int) throws -> [StoredIncident]
    /// The incident with `id`, if there is one.
    func incident(id: String) throws -> StoredIncident?
    /// Opens `incident` for its sensor, or joins the open incident of the same class on the
    /// same target that another sensor opened: one incident for the fleet, with each sensor's
    /// evidence. Two sensors joining at once end up in one incident.
    /// - Returns: the incident as stored (another sensor's id when it joined one).
    func joinIncident(_ incident: StoredIncident) throws -> StoredIncident
    /// Records that `evidence.sensor` went quiet at `evidence.resolved`; when it was the last
    /// sensor still seeing the incident, resolves it (windows summed, highest confidence,
    /// offenders merged) and returns it, else returns nil (still open elsewhere).
    func leaveIncident(_ evidence: IncidentEvidence) throws -> StoredIncident?
    /// Every sensor's evidence of the incident, earliest first.
    func incidentEvidence(id: String) throws -> [IncidentEvidence]

    // MARK: Actions

    /// Stores an action; one with the same id is an error.
    func insert(_ action: StoredAction) throws
    /// Records what came of an action; returns whether it existed.
    @discardableResult func setOutcome(actionID: String, outcome: String) throws -> Bool
    /// The most recent actions, newest first.
    func recentActions(limit: Int) throws -> [StoredAction]

    // MARK: Outbox

    /// Queues entries, skipping (event id, webhook) pairs already queued; returns how many were new.
    @discardableResult func enqueue(_ entries: [OutboxEntry]) throws -> Int
    /// Undelivered entries due at `now`, earliest next attempt first (a read: nothing is claimed).
    func dueEntries(now: Double, limit: Int) throws -> [OutboxEntry]
    /// Claims up to `limit` due entries for `sensor` until `now + lease` and returns them:
    /// entries claimed by another sentinel whose claim has not expired are skipped, so two
    /// sentinels sharing the store never get the same entry at once.
    func claimDue(now: Double, limit: Int, sensor: String, lease: Double) throws -> [OutboxEntry]
    /// Records a successful delivery; returns whether an undelivered entry was found.
    @discardableResult func markDelivered(eventID: String, webhook: String, at time: Double) throws -> Bool
    /// Records a failed attempt and when to retry (the claim is released); returns whether an
    /// undelivered entry was found.
    @discardableResult func markFailed(eventID: String, webhook: String, error: String, nextAttempt: Double) throws -> Bool
    /// How many entries are not delivered yet.
    func outboxDepth() throws -> Int
    /// The most recently queued entries, delivered or not, newest first.
    func deliveries(limit: Int) throws -> [OutboxEntry]
    /// Retention: deletes entries delivered before `time`; returns how many.
    @discardableResult func purgeDelivered(olderThan time: Double) throws -> Int

    // MARK: Load series

    /// Appends `sensor`'s point, `legitimate` of its `value` counting as legitimate load (nil:
    /// all of it); a second value of the same sensor at the same time replaces the first.
    func appendLoad(series: String, time: Double, value: Double, sensor: String, legitimate: Double?) throws
    /// The series' points in `from ..< to`, in time order: each time's values summed over the
    /// sensors (the fleet's load), or only `sensor`'s when given.
    func loadSeries(name: String, from: Double, to: Double, sensor: String?) throws -> [LoadPoint]
    /// Every sensor's own points of the series in `from ..< to`, not summed, with their
    /// legitimate load, in time order and by sensor within a time (what a planner reads to sum
    /// the fleet's latest legitimate load itself).
    func sensorLoadPoints(name: String, from: Double, to: Double) throws -> [LoadPoint]
    /// Retention: deletes points older than `time`; returns how many.
    @discardableResult func purgeLoad(olderThan time: Double) throws -> Int
    /// Every load series held, by name.
    func loadSeriesSummaries() throws -> [SeriesSummary]

    // MARK: Log positions

    /// Saves (or replaces) the read position of a tailed log.
    func saveLogPosition(_ position: StoredLogPosition) throws
    /// The saved read position of the log at `path`.
    func logPosition(path: String) throws -> StoredLogPosition?

    // MARK: Site baselines

    /// Saves (or replaces) the baseline `baseline.sensor` learnt for `baseline.source`.
    func saveBaseline(_ baseline: StoredBaseline) throws
    /// The baseline `sensor` saved for `source`, if any.
    func baseline(sensor: String, source: String) throws -> StoredBaseline?

    // MARK: Shared blocks and rate limits

    /// Publishes a block or rate limit for every sentinel of the fleet (once per id).
    func publish(_ action: SharedSourceAction) throws
    /// The shared blocks and rate limits that have not expired at `now`, oldest first.
    func activeSharedActions(now: Double) throws -> [SharedSourceAction]
    /// Retention: deletes the shared actions that expired before `time`; returns how many.
    @discardableResult func purgeSharedActions(expiredBefore time: Double) throws -> Int

    // MARK: Leases

    /// Takes or renews the lease `name` for `holder` until `now + duration`; succeeds when
    /// nobody holds it, `holder` already does, or the holder's lease expired before `now`.
    /// - Returns: whether `holder` holds the lease now.
    func acquireLease(_ name: String, holder: String, now: Double, duration: Double) throws -> Bool
    /// Gives the lease up if `holder` holds it (a clean stop hands over at once).
    func releaseLease(_ name: String, holder: String) throws
    /// Who holds lease `name` at `now`, if anybody.
    func leaseHolder(_ name: String, now: Double) throws -> String?
}

extension StoreBackend {
    /// Queues one entry unless its (event id, webhook) is queued already; returns whether it was new.
    @discardableResult
    package func enqueue(_ entry: OutboxEntry) throws -> Bool { try enqueue([entry]) == 1 }

    /// The windows starting in `from ..< to`, earliest first.
    package func windows(from: Double, to: Double) throws -> [StoredWindow] {
        try windows(from: from, to: to, limit: nil)
    }

    /// Appends a point of an unnamed sensor (a single sentinel).
    package func appendLoad(series: String, time: Double, value: Double) throws {
        try appendLoad(series: series, time: time, value: value, sensor: "", legitimate: nil)
    }

    /// Appends `sensor`'s point, all of it legitimate load.
    package func appendLoad(series: String, time: Double, value: Double, sensor: String) throws {
        try appendLoad(series: series, time: time, value: value, sensor: sensor, legitimate: nil)
    }

    /// The series' points in `from ..< to`, summed over the sensors, in time order.
    package func loadSeries(name: String, from: Double, to: Double) throws -> [LoadPoint] {
        try loadSeries(name: name, from: from, to: to, sensor: nil)
    }

    /// Undelivered entries due at `now` (at most 100).
    package func dueEntries(now: Double) throws -> [OutboxEntry] { try dueEntries(now: now, limit: 100) }
}
