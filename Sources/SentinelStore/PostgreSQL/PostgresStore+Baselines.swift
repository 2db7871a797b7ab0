import PostgresNIO

extension PostgresStore {
    package func saveBaseline(_ baseline: StoredBaseline) throws {
        try withConnection { connection in
            try run(
                """
                INSERT INTO baselines (sensor, source, body, updated)
                VALUES (\(baseline.sensor), \(baseline.source), \(baseline.body), \(baseline.updated))
                ON CONFLICT (sensor, source) DO UPDATE SET body = excluded.body, updated = excluded.updated
                """, on: connection)
        }
    }

    package func baseline(sensor: String, source: String) throws -> StoredBaseline? {
        try rows("SELECT sensor, source, body, updated FROM baselines WHERE sensor = \(sensor) AND source = \(source)") {
            let row = try $0.decode((String, String, String, Double).self)
            return StoredBaseline(sensor: row.0, source: row.1, body: row.2, updated: row.3)
        }.first
    }
}
