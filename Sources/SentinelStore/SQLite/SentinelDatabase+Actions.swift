import GRDB

extension SentinelDatabase {
    /// Stores an action.
    /// - Throws: ``StoreError/query(path:reason:)`` if one with its id exists.
    package func insert(_ action: StoredAction) throws {
        try write { db in try action.insert(db) }
    }

    /// Records what came of an action once it was carried out.
    /// - Returns: whether an action with that id existed.
    @discardableResult
    package func setOutcome(actionID: String, outcome: String) throws -> Bool {
        try write { db in
            try db.execute(sql: "UPDATE actions SET outcome = ? WHERE id = ?", arguments: [outcome, actionID])
            return db.changesCount > 0
        }
    }

    /// The most recent actions, newest first.
    package func recentActions(limit: Int) throws -> [StoredAction] {
        try read { db in
            try StoredAction.order(Column(StoredAction.CodingKeys.time).desc).limit(limit).fetchAll(db)
        }
    }
}
