import GRDB

extension SentinelDatabase {
    package func acquireLease(_ name: String, holder: String, now: Double, duration: Double) throws -> Bool {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO leases (name, holder, expires) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
                    WHERE leases.holder = excluded.holder OR leases.expires <= ?
                    """, arguments: [name, holder, now + duration, now])
            return db.changesCount > 0
        }
    }

    package func releaseLease(_ name: String, holder: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM leases WHERE name = ? AND holder = ?", arguments: [name, holder])
        }
    }

    package func leaseHolder(_ name: String, now: Double) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT holder FROM leases WHERE name = ? AND expires > ?", arguments: [name, now])
        }
    }
}
