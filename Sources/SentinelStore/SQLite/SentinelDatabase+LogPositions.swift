import GRDB

extension SentinelDatabase {
    /// Saves (or replaces) the read position of a tailed log.
    package func saveLogPosition(_ position: StoredLogPosition) throws {
        try write { db in try position.insert(db, onConflict: .replace) }
    }

    /// The saved read position of the log at `path`, or nil if none was saved.
    package func logPosition(path: String) throws -> StoredLogPosition? {
        try read { db in try StoredLogPosition.fetchOne(db, key: path) }
    }
}
