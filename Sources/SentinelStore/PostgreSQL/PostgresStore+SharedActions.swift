import PostgresNIO

extension PostgresStore {
    package func publish(_ action: SharedSourceAction) throws {
        try withConnection { connection in
            try run(
                """
                INSERT INTO shared_source_actions (id, kind, source, requests_per_second, created, expires, decided_by)
                VALUES (\(action.id), \(action.kind), \(action.source), \(action.requestsPerSecond), \(action.created),
                \(action.expires), \(action.decidedBy))
                ON CONFLICT (id) DO NOTHING
                """, on: connection)
        }
    }

    package func activeSharedActions(now: Double) throws -> [SharedSourceAction] {
        try rows(
            """
            SELECT id, kind, source, requests_per_second, created, expires, decided_by FROM shared_source_actions
            WHERE expires > \(now) ORDER BY created, id
            """
        ) {
            let row = try $0.decode((String, String, String, Double?, Double, Double, String).self)
            return SharedSourceAction(
                id: row.0, kind: row.1, source: row.2, requestsPerSecond: row.3, created: row.4, expires: row.5, decidedBy: row.6)
        }
    }

    @discardableResult
    package func purgeSharedActions(expiredBefore time: Double) throws -> Int {
        try withConnection { connection in try changed("DELETE FROM shared_source_actions WHERE expires < \(time)", on: connection) }
    }
}
