import PostgresNIO

extension PostgresStore {
    package func acquireLease(_ name: String, holder: String, now: Double, duration: Double) throws -> Bool {
        try withConnection { connection in
            try changed(
                """
                INSERT INTO leases (name, holder, expires) VALUES (\(name), \(holder), \(now + duration))
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
                WHERE leases.holder = excluded.holder OR leases.expires <= \(now)
                """, on: connection) > 0
        }
    }

    package func releaseLease(_ name: String, holder: String) throws {
        try withConnection { connection in
            try run("DELETE FROM leases WHERE name = \(name) AND holder = \(holder)", on: connection)
        }
    }

    package func leaseHolder(_ name: String, now: Double) throws -> String? {
        try rows("SELECT holder FROM leases WHERE name = \(name) AND expires > \(now)") { try $0.decode(String.self) }.first
    }
}
