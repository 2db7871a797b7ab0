import PostgresNIO

extension PostgresStore {
    package func insert(_ window: StoredWindow) throws {
        try withConnection { connection in
            try run(
                """
                INSERT INTO windows (start, "end", packets, features, verdict, confidence, probabilities, source, sensor)
                VALUES (\(window.start), \(window.end), \(window.packets), \(Self.json(window.features)), \(window.verdict),
                \(window.confidence), \(Self.json(window.probabilities)), \(window.source), \(window.sensor))
                """, on: connection)
        }
    }

    package func windows(from: Double, to: Double, limit: Int?) throws -> [StoredWindow] {
        let fetched = try rows(
            """
            SELECT start, "end", packets, features, verdict, confidence, probabilities, source, sensor FROM windows
            WHERE start >= \(from) AND start < \(to) ORDER BY start, id LIMIT \(limit ?? Int.max)
            """
        ) { try $0.decode((Double, Double, Int, String, String?, Double?, String, String, String).self) }
        return try fetched.map { row in
            StoredWindow(
                start: row.0, end: row.1, packets: row.2,
                features: try decodeJSON([String: Double].self, row.3, column: "windows.features"),
                verdict: row.4, confidence: row.5,
                probabilities: try decodeJSON([String: Double].self, row.6, column: "windows.probabilities"),
                source: row.7, sensor: row.8)
        }
    }

    package func lastWindowEnd(source: String, verdict: String, from: Double) throws -> Double? {
        try rows("SELECT MAX(\"end\") FROM windows WHERE source = \(source) AND verdict = \(verdict) AND start >= \(from)") {
            try $0.decode(Double?.self)
        }.first ?? nil
    }

    @discardableResult
    package func purgeWindows(olderThan time: Double) throws -> Int {
        try withConnection { connection in try changed("DELETE FROM windows WHERE start < \(time)", on: connection) }
    }
}
