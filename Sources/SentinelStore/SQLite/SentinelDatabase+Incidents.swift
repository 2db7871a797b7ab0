import GRDB

extension SentinelDatabase {
    /// Stores a new incident.
    /// - Throws: ``StoreError/query(path:reason:)`` if one with its id exists.
    package func openIncident(_ incident: StoredIncident) throws {
        try write { db in try incident.insert(db) }
    }

    /// Replaces a stored incident with `incident` (same id): more windows, a higher peak, new offenders.
    /// - Returns: whether an incident with that id existed.
    @discardableResult
    package func updateIncident(_ incident: StoredIncident) throws -> Bool {
        try write { db in
            do {
                try incident.update(db)
                return true
            } catch RecordError.recordNotFound {
                return false
            }
        }
    }

    /// Marks the incident resolved at `time` (an already resolved one keeps its first time).
    /// - Returns: whether an open incident with that id existed.
    @discardableResult
    package func resolveIncident(id: String, at time: Double) throws -> Bool {
        try write { db in
            try db.execute(
                sql: "UPDATE incidents SET resolved = ? WHERE id = ? AND resolved IS NULL",
                arguments: [time, id])
            return db.changesCount > 0
        }
    }

    /// The incidents not resolved yet, oldest first.
    package func openIncidents() throws -> [StoredIncident] {
        try read { db in
            try StoredIncident.filter(Column(StoredIncident.CodingKeys.resolved) == nil)
                .order(Column(StoredIncident.CodingKeys.opened)).fetchAll(db)
        }
    }

    /// The most recently opened incidents, open or resolved, newest first.
    package func recentIncidents(limit: Int) throws -> [StoredIncident] {
        try read { db in
            try StoredIncident.order(Column(StoredIncident.CodingKeys.opened).desc).limit(limit).fetchAll(db)
        }
    }

    /// The incident with `id`, if there is one.
    package func incident(id: String) throws -> StoredIncident? {
        try read { db in try StoredIncident.fetchOne(db, key: id) }
    }
}
