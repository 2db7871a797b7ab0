import GRDB

/// The versioned schema. Migrations are append-only: a released migration is never edited,
/// a change is a new `vN` after the last one.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: StoredWindow.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("start", .double).notNull()
                t.column("end", .double).notNull()
                t.column("packets", .integer).notNull()
                t.column("features", .text).notNull()
                t.column("verdict", .text)
                t.column("confidence", .double)
                t.column("probabilities", .text).notNull()
                t.column("source", .text).notNull()
            }
            try db.create(index: "windows_start", on: StoredWindow.databaseTableName, columns: ["start"])

            try db.create(table: StoredIncident.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("class_name", .text).notNull()
                t.column("target", .text).notNull()
                t.column("opened", .double).notNull()
                t.column("resolved", .double)
                t.column("windows", .integer).notNull()
                t.column("peak_confidence", .double).notNull()
                t.column("top_offenders", .text).notNull()
                t.column("summary", .text).notNull()
            }
            try db.create(index: "incidents_opened", on: StoredIncident.databaseTableName, columns: ["opened"])

            try db.create(table: OutboxEntry.databaseTableName) { t in
                t.column("event_id", .text).notNull()
                t.column("webhook", .text).notNull()
                t.column("payload", .blob).notNull()
                t.column("created", .double).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("next_attempt", .double).notNull()
                t.column("last_error", .text)
                t.column("delivered", .double)
                t.primaryKey(["event_id", "webhook"])
            }
            try db.execute(sql: "CREATE INDEX outbox_due ON outbox(next_attempt) WHERE delivered IS NULL")
            try db.create(index: "outbox_created", on: OutboxEntry.databaseTableName, columns: ["created"])

            try db.create(table: StoredAction.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("time", .double).notNull()
                t.column("kind", .text).notNull()
                t.column("target", .text).notNull()
                t.column("parameters", .text).notNull()
                t.column("mode", .text).notNull()
                t.column("outcome", .text)
                t.column("explanation", .text).notNull()
            }
            try db.create(index: "actions_time", on: StoredAction.databaseTableName, columns: ["time"])

            try db.create(table: LoadPoint.databaseTableName) { t in
                t.column("series", .text).notNull()
                t.column("time", .double).notNull()
                t.column("value", .double).notNull()
                t.primaryKey(["series", "time"])
            }
        }
        migrator.registerMigration("v2") { db in
            try db.create(table: StoredLogPosition.databaseTableName) { t in
                t.primaryKey("path", .text)
                t.column("device", .integer).notNull()
                t.column("inode", .integer).notNull()
                t.column("offset", .integer).notNull()
                t.column("updated", .double).notNull()
            }
        }
        migrator.registerMigration("v3") { db in
            for statement in StoreSchema.fleetStatements { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v4") { db in
            for statement in StoreSchema.baselineStatements { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v5") { db in
            for statement in StoreSchema.sharedActionStatements { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v6") { db in
            // SQLite cannot change a primary key in place: the table is copied.
            try db.execute(
                sql: """
                    CREATE TABLE load_points_v6 (series TEXT NOT NULL, time DOUBLE NOT NULL, value DOUBLE NOT NULL,
                    sensor TEXT NOT NULL DEFAULT '', PRIMARY KEY (series, time, sensor))
                    """)
            try db.execute(sql: "INSERT INTO load_points_v6 (series, time, value) SELECT series, time, value FROM load_points")
            try db.execute(sql: "DROP TABLE load_points")
            try db.execute(sql: "ALTER TABLE load_points_v6 RENAME TO load_points")
        }
        migrator.registerMigration("v7") { db in
            for statement in StoreSchema.legitimateLoadStatements { try db.execute(sql: statement) }
        }
        return migrator
    }
}

extension StoreSchema {
    /// Migration `v3`, the fleet (the same statements on SQLite and PostgreSQL): every row
    /// names the sentinel that wrote it, outbox entries can be claimed by one sentinel, roles
    /// such as the planner are held through leases, and an incident keeps each sensor's evidence.
    static let fleetStatements = [
        "ALTER TABLE windows ADD COLUMN sensor TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE incidents ADD COLUMN sensor TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE actions ADD COLUMN sensor TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE outbox ADD COLUMN sensor TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE outbox ADD COLUMN claimed_by TEXT",
        "ALTER TABLE outbox ADD COLUMN claim_expires DOUBLE PRECISION",
        "CREATE TABLE leases (name TEXT PRIMARY KEY NOT NULL, holder TEXT NOT NULL, expires DOUBLE PRECISION NOT NULL)",
        """
        CREATE TABLE incident_sensors (incident_id TEXT NOT NULL, sensor TEXT NOT NULL,
        first_seen DOUBLE PRECISION NOT NULL, windows BIGINT NOT NULL, peak_confidence DOUBLE PRECISION NOT NULL,
        top_offenders TEXT NOT NULL, resolved DOUBLE PRECISION, PRIMARY KEY (incident_id, sensor))
        """,
        "CREATE INDEX incidents_open ON incidents(class_name, target) WHERE resolved IS NULL",
    ]
}

extension StoreSchema {
    /// Migration `v4` (the same statements on SQLite and PostgreSQL): the site baselines each
    /// sensor learns live, kept across restarts.
    static let baselineStatements = [
        """
        CREATE TABLE baselines (sensor TEXT NOT NULL, source TEXT NOT NULL, body TEXT NOT NULL,
        updated DOUBLE PRECISION NOT NULL, PRIMARY KEY (sensor, source))
        """
    ]
}

extension StoreSchema {
    /// Migration `v5` (the same statements on SQLite and PostgreSQL): blocks and rate limits as
    /// the fleet's desired state, which every sentinel applies to its own gateway.
    static let sharedActionStatements = [
        """
        CREATE TABLE shared_source_actions (id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,
        requests_per_second DOUBLE PRECISION, created DOUBLE PRECISION NOT NULL, expires DOUBLE PRECISION NOT NULL,
        decided_by TEXT NOT NULL)
        """,
        "CREATE INDEX shared_source_actions_expires ON shared_source_actions(expires)",
    ]
}

extension StoreSchema {
    /// Migration `v7` (the same statement on SQLite and PostgreSQL): each load point carries the
    /// legitimate load its sensor counted in it, so a fleet's planner leaves out the attack
    /// load other sensors saw.
    static let legitimateLoadStatements = ["ALTER TABLE load_points ADD COLUMN legitimate DOUBLE PRECISION"]
}
