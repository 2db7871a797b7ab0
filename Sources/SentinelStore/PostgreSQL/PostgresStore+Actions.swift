import PostgresNIO

extension PostgresStore {
    package func insert(_ action: StoredAction) throws {
        try withConnection { connection in
            try run(
                """
                INSERT INTO actions (id, "time", kind, target, parameters, mode, outcome, explanation, sensor)
                VALUES (\(action.id), \(action.time), \(action.kind), \(action.target), \(action.parameters), \(action.mode),
                \(action.outcome), \(action.explanation), \(action.sensor))
                """, on: connection)
        }
    }

    @discardableResult
    package func setOutcome(actionID: String, outcome: String) throws -> Bool {
        try withConnection { connection in
            try changed("UPDATE actions SET outcome = \(outcome) WHERE id = \(actionID)", on: connection) > 0
        }
    }

    package func recentActions(limit: Int) throws -> [StoredAction] {
        try rows(
            """
            SELECT id, "time", kind, target, parameters, mode, outcome, explanation, sensor FROM actions
            ORDER BY "time" DESC, id LIMIT \(limit)
            """
        ) {
            let row = try $0.decode((String, Double, String, String, String, String, String?, String, String).self)
            return StoredAction(
                id: row.0, time: row.1, kind: row.2, target: row.3, parameters: row.4, mode: row.5, outcome: row.6,
                explanation: row.7, sensor: row.8)
        }
    }
}
