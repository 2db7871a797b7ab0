import GRDB

extension SentinelDatabase {
    package func publish(_ action: SharedSourceAction) throws {
        try write { db in try action.insert(db, onConflict: .ignore) }
    }

    package func activeSharedActions(now: Double) throws -> [SharedSourceAction] {
        try read { db in
            try SharedSourceAction.fetchAll(
                db, sql: "SELECT * FROM shared_source_actions WHERE expires > ? ORDER BY created, id", arguments: [now])
        }
    }

    @discardableResult
    package func purgeSharedActions(expiredBefore time: Double) throws -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM shared_source_actions WHERE expires < ?", arguments: [time])
            return db.changesCount
        }
    }
}
