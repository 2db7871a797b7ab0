import PostgresNIO

/// The PostgreSQL twin of ``StoreSchema``: the same migrations under the same names (`v1`,
/// `v2`, …), in PostgreSQL's types, recorded in `sentinel_migrations`. Each migration runs in
/// its own transaction, and sentinels starting together take turns through an advisory lock,
/// so a fleet upgrading at once migrates exactly once.
enum PostgresSchema {
    /// The advisory lock key sentinels hold while migrating ("SNTL").
    static let migrationLock = 0x534E_544C

    /// The migrations, oldest first: a name and its statements. Append-only, like SQLite's.
    static let migrations: [(name: String, statements: [String])] = [
        (
            "v1",
            [
                """
                CREATE TABLE windows (id BIGSERIAL PRIMARY KEY, start DOUBLE PRECISION NOT NULL,
                "end" DOUBLE PRECISION NOT NULL, packets BIGINT NOT NULL, features TEXT NOT NULL, verdict TEXT,
                confidence DOUBLE PRECISION, probabilities TEXT NOT NULL, source TEXT NOT NULL)
                """,
                "CREATE INDEX windows_start ON windows(start)",
                """
                CREATE TABLE incidents (id TEXT PRIMARY KEY, class_name TEXT NOT NULL, target TEXT NOT NULL,
                opened DOUBLE PRECISION NOT NULL, resolved DOUBLE PRECISION, windows BIGINT NOT NULL,
                peak_confidence DOUBLE PRECISION NOT NULL, top_offenders TEXT NOT NULL, summary TEXT NOT NULL)
                """,
                "CREATE INDEX incidents_opened ON incidents(opened)",
                """
                CREATE TABLE outbox (event_id TEXT NOT NULL, webhook TEXT NOT NULL, payload BYTEA NOT NULL,
                created DOUBLE PRECISION NOT NULL, attempts BIGINT NOT NULL DEFAULT 0,
                next_attempt DOUBLE PRECISION NOT NULL, last_error TEXT, delivered DOUBLE PRECISION,
                PRIMARY KEY (event_id, webhook))
                """,
                "CREATE INDEX outbox_due ON outbox(next_attempt) WHERE delivered IS NULL",
                "CREATE INDEX outbox_created ON outbox(created)",
                """
                CREATE TABLE actions (id TEXT PRIMARY KEY, "time" DOUBLE PRECISION NOT NULL, kind TEXT NOT NULL,
                target TEXT NOT NULL, parameters TEXT NOT NULL, mode TEXT NOT NULL, outcome TEXT,
                explanation TEXT NOT NULL)
                """,
                "CREATE INDEX actions_time ON actions(\"time\")",
                """
                CREATE TABLE load_points (series TEXT NOT NULL, "time" DOUBLE PRECISION NOT NULL,
                value DOUBLE PRECISION NOT NULL, PRIMARY KEY (series, "time"))
                """,
            ]
        ),
        (
            "v2",
            [
                """
                CREATE TABLE log_positions (path TEXT PRIMARY KEY, device BIGINT NOT NULL, inode BIGINT NOT NULL,
                "offset" BIGINT NOT NULL, updated DOUBLE PRECISION NOT NULL)
                """
            ]
        ),
        ("v3", StoreSchema.fleetStatements),
        ("v4", StoreSchema.baselineStatements),
        ("v5", StoreSchema.sharedActionStatements),
        (
            "v6",
            [
                "ALTER TABLE load_points ADD COLUMN sensor TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE load_points DROP CONSTRAINT load_points_pkey",
                "ALTER TABLE load_points ADD PRIMARY KEY (series, \"time\", sensor)",
            ]
        ),
        ("v7", StoreSchema.legitimateLoadStatements),
    ]

    /// Applies the migrations the database has not seen, each in its own transaction.
    static func migrate(on connection: PostgresConnection, store: PostgresStore) throws {
        do {
            try store.run("CREATE TABLE IF NOT EXISTS sentinel_migrations (identifier TEXT PRIMARY KEY)", on: connection)
        } catch {
            // Two sentinels creating the table at once: one of them wins, which is all we need.
            if try !tableExists(on: connection, store: store) { throw opening(error, store) }
        }
        for migration in migrations {
            do {
                try store.run("BEGIN", on: connection)
                try store.run("SELECT pg_advisory_xact_lock(\(migrationLock))", on: connection, bounded: false)
                let done = try store.run(
                    "SELECT 1 FROM sentinel_migrations WHERE identifier = \(migration.name)", on: connection)
                if done.rows.isEmpty {
                    for statement in migration.statements {
                        try store.run(PostgresQuery(unsafeSQL: statement), on: connection, bounded: false)
                    }
                    try store.run("INSERT INTO sentinel_migrations (identifier) VALUES (\(migration.name))", on: connection)
                }
                try store.run("COMMIT", on: connection)
            } catch {
                _ = try? store.run("ROLLBACK", on: connection)
                throw opening(error, store, migration: migration.name)
            }
        }
    }

    /// Checks, without changing anything, that the database holds an up-to-date Sentinel schema.
    static func check(on connection: PostgresConnection, store: PostgresStore) throws {
        guard try tableExists(on: connection, store: store) else {
            throw StoreError.cannotOpen(path: store.location, reason: "not a Sentinel database")
        }
        let applied = try self.applied(on: connection, store: store)
        guard Set(migrations.map(\.name)).isSubset(of: Set(applied)) else {
            throw StoreError.cannotOpen(
                path: store.location,
                reason: "its schema is older than this sentinel's (open it for writing once to migrate it)")
        }
    }

    /// The migrations applied, in order.
    static func applied(on connection: PostgresConnection, store: PostgresStore) throws -> [String] {
        let names = try store.run("SELECT identifier FROM sentinel_migrations", on: connection)
            .map { try $0.decode(String.self) }
        let order = migrations.map(\.name)
        return names.sorted { (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1) }
    }

    private static func tableExists(on connection: PostgresConnection, store: PostgresStore) throws -> Bool {
        let rows = try store.run("SELECT to_regclass('sentinel_migrations') IS NOT NULL", on: connection)
        return try rows.first?.decode(Bool.self) ?? false
    }

    private static func opening(_ error: any Error, _ store: PostgresStore, migration: String? = nil) -> StoreError {
        if let error = error as? StoreError, case .unreachable = error { return error }
        let reason = (error as? StoreError)?.reason ?? PostgresStore.reason(error)
        return .cannotOpen(path: store.location, reason: migration.map { "migration \($0) failed: \(reason)" } ?? reason)
    }
}
