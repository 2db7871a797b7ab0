import PostgresNIO

extension PostgresStore {
    /// The columns read back into a ``StoredIncident``, in ``incident(_:)``'s order.
    static let incidentColumns = "id, class_name, target, opened, resolved, windows, peak_confidence, top_offenders, summary, sensor"

    package func openIncident(_ incident: StoredIncident) throws {
        try withConnection { connection in try insertIncident(incident, on: connection) }
    }

    /// Inserts an incident row.
    func insertIncident(_ incident: StoredIncident, on connection: PostgresConnection) throws {
        try run(
            """
            INSERT INTO incidents (\(unescaped: Self.incidentColumns)) VALUES (\(incident.id), \(incident.className),
            \(incident.target), \(incident.opened), \(incident.resolved), \(incident.windows), \(incident.peakConfidence),
            \(Self.json(incident.topOffenders)), \(incident.summary), \(incident.sensor))
            """, on: connection)
    }

    @discardableResult
    package func updateIncident(_ incident: StoredIncident) throws -> Bool {
        try withConnection { connection in
            try changed(
                """
                UPDATE incidents SET class_name = \(incident.className), target = \(incident.target),
                opened = \(incident.opened), resolved = \(incident.resolved), windows = \(incident.windows),
                peak_confidence = \(incident.peakConfidence), top_offenders = \(Self.json(incident.topOffenders)),
                summary = \(incident.summary), sensor = \(incident.sensor) WHERE id = \(incident.id)
                """, on: connection) > 0
        }
    }

    @discardableResult
    package func resolveIncident(id: String, at time: Double) throws -> Bool {
        try withConnection { connection in
            try changed("UPDATE incidents SET resolved = \(time) WHERE id = \(id) AND resolved IS NULL", on: connection) > 0
        }
    }

    package func openIncidents() throws -> [StoredIncident] {
        try incidents("SELECT \(unescaped: Self.incidentColumns) FROM incidents WHERE resolved IS NULL ORDER BY opened, id")
    }

    package func recentIncidents(limit: Int) throws -> [StoredIncident] {
        try incidents("SELECT \(unescaped: Self.incidentColumns) FROM incidents ORDER BY opened DESC, id LIMIT \(limit)")
    }

    package func incident(id: String) throws -> StoredIncident? {
        try incidents("SELECT \(unescaped: Self.incidentColumns) FROM incidents WHERE id = \(id)").first
    }

    private func incidents(_ query: PostgresQuery) throws -> [StoredIncident] {
        try withConnection { connection in try incidents(query, on: connection) }
    }

    /// Runs `query`, which selects ``incidentColumns``, and reads the incidents.
    func incidents(_ query: PostgresQuery, on connection: PostgresConnection) throws -> [StoredIncident] {
        try run(query, on: connection).map {
            try $0.decode((String, String, String, Double, Double?, Int, Double, String, String, String).self)
        }.map { row in
            StoredIncident(
                id: row.0, className: row.1, target: row.2, opened: row.3, resolved: row.4, windows: row.5,
                peakConfidence: row.6, topOffenders: try decodeJSON([String].self, row.7, column: "incidents.top_offenders"),
                summary: row.8, sensor: row.9)
        }
    }
}
